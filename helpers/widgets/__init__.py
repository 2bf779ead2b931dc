"""Interactive widgets, one per concept, each returned as one ipywidgets container.

Every widget follows one pattern::

    controls -> update(change) -> calculus.* -> plotting.update_*(artists) -> redraw

The figure is built once (under ``plt.ioff()``) and its artists are only moved
afterwards. With ``%matplotlib widget`` (ipympl) the container holds the live
canvas, and a slider step redraws only the moving artists over a saved
background (blitting, :class:`helpers.blitting.Blitter`); a change of the still
part, such as a new function, asks for one full ``draw_idle()``. With any other
backend the container holds an image that is re-rendered on each change, so a
widget works everywhere.

In a lesson, show a widget with :func:`show` (or leave it as the cell's last
expression): the output then carries both the live widget and a PNG snapshot
of its figure, so a notebook read on GitHub or nbviewer still shows a picture::

    %matplotlib widget
    from helpers.widgets import partial_slicer, show
    show(partial_slicer())

Builders never keep state at module level: each call returns a fresh widget.

The partial slicer and the gradient calculator live here; the widget of each
later concept lives in its own module of this package (``explorer``,
``dial``, ``tangent``, ``chain``, ``descent``) and is importable from here
by name, e.g. ``from helpers.widgets import gradient_explorer``.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import sympy
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers import blitting, plotting, symbolic
from helpers.calculus import partial

__all__ = [
    "DEFAULT_SLICER_FUNCTIONS",
    "FigureBox",
    "figure_png",
    "show",
    "slicer_readout",
    "partial_slicer",
    "gradient_html",
    "gradient_calculator",
]

#: The partial slicer's menu: a name and a formula in x and y for each entry.
DEFAULT_SLICER_FUNCTIONS = {
    "bowl": "x**2 + 2*y**2",
    "saddle": "x*y",
    "waves": "sin(x)*cos(y)",
    "bump": "exp(-(x**2 + y**2)/2)",
    "quotient": "x/(1 + y**2)",
}

_SNAPSHOT_DPI = 80
_VARIABLES = ("x", "y")


def figure_png(fig: Figure, dpi: float = _SNAPSHOT_DPI) -> bytes:
    """Render ``fig``, moving (animated) artists included, to PNG bytes.

    The PNG holds no timestamp or version metadata, so it is reproducible.
    """
    buffer = io.BytesIO()
    with blitting.animated_shown(fig):
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def _static_bundle(widget: widgets.Widget) -> dict:
    """The widget's display bundle plus a PNG of its figure, if it has one.

    Live front ends (JupyterLab, Notebook 7, VS Code) render the widget view;
    static renderers (GitHub, nbviewer) do not know that type and fall back to
    the PNG. Both travel in one output, so a live notebook shows no duplicate.
    """
    bundle = widgets.Widget._repr_mimebundle_(widget)
    if hasattr(widget, "summary"):  # a short, stable stand-in for the long default repr
        bundle["text/plain"] = widget.summary
    figure = getattr(widget, "figure", None)
    if figure is not None:
        bundle["image/png"] = figure_png(figure)
    static_html = getattr(widget, "static_html", None)
    if callable(static_html):  # a widget without a figure shows its current state as HTML
        bundle["text/html"] = static_html()
    return bundle


class FigureBox(widgets.VBox):
    """A VBox around a figure that also carries a PNG snapshot for static renderers.

    Attributes set by the builders: ``figure`` (the matplotlib figure) and
    ``summary`` (the plain-text stand-in shown where nothing richer renders).
    """

    def _repr_mimebundle_(self, **kwargs):
        return _static_bundle(self)


def show(widget: widgets.Widget) -> None:
    """Display a course widget: live in Jupyter, a static picture elsewhere.

    Parameters
    ----------
    widget : ipywidgets.Widget
        Any widget; when it has a ``figure`` attribute, the output also holds
        a PNG of that figure, which GitHub and nbviewer show in its place; a
        ``summary`` attribute becomes the plain-text form.
    """
    from IPython.display import display

    display(_static_bundle(widget), raw=True)


# --------------------------------------------------------------------------- figures


def _new_figure(figsize: tuple[float, float]) -> Figure:
    """A figure for the active backend, created without being shown."""
    with plt.ioff():
        return plt.figure(figsize=figsize)


def _figure_view(fig: Figure) -> widgets.Widget:
    """The live ipympl canvas when there is one, else an image of the figure."""
    canvas = fig.canvas
    if isinstance(canvas, widgets.DOMWidget):
        canvas.header_visible = False
        canvas.footer_visible = False
        canvas.toolbar_visible = False
        canvas.resizable = False
        return canvas
    plt.close(fig)  # off pyplot's list, so a later plt.show() does not print it again
    FigureCanvasAgg(fig)  # closing left a canvas that cannot render; give it Agg
    return widgets.Image(format="png")


def _refresh(view: widgets.Widget, fig: Figure, blitter: blitting.Blitter | None,
             full: bool = False) -> None:
    """Show the moved artists: a blit (``full``: a full redraw), or a new image without ipympl."""
    if blitter is None:
        view.value = figure_png(fig, dpi=fig.dpi)
    elif full:
        blitter.redraw()
    else:
        blitter.refresh()


# --------------------------------------------------------------------------- partial slicer


def _compile_functions(functions) -> dict[str, tuple[Callable, str]]:
    """``{name: (f, title)}`` from formulas (parsed safely) or callables."""
    if functions is None:
        functions = DEFAULT_SLICER_FUNCTIONS
    if not isinstance(functions, Mapping):
        functions = {str(text): text for text in functions}
    if not functions:
        raise ValueError("the partial slicer needs at least one function")
    compiled = {}
    for name, function in functions.items():
        if callable(function):
            compiled[name] = (function, f"f(x, y): {name}")
        else:
            expr = symbolic.parse_formula(str(function), _VARIABLES)
            compiled[name] = (symbolic.lambdify_numeric(expr, _VARIABLES), f"f(x, y) = {function}")
    return compiled


def _measure(f: Callable, point: Sequence[float]) -> tuple[float, tuple[float, float]]:
    """``f(x0, y0)`` and ``(f_x, f_y)`` at the point; nan wherever that fails."""
    try:
        with np.errstate(all="ignore"):
            value = float(np.asarray(f(*point), dtype=float))
            slopes = tuple(float(partial(f, point, i)) for i in (0, 1))
    except (ArithmeticError, ValueError, TypeError):
        return float("nan"), (float("nan"), float("nan"))
    return value, slopes


def slicer_readout(point: Sequence[float], value: float, slopes: Sequence[float]) -> str:
    """HTML readout of the slicer: the value and both partials, or a plain message."""
    labels = plotting.partial_labels(point, value, slopes)
    text = " &nbsp;|&nbsp; ".join(html.escape(label, quote=False) for label in labels)
    if np.all(np.isfinite([value, *slopes])):
        return text
    return (f"{text}<br>f is not defined at this point, or changes too steeply for a "
            "finite slope. Move the point a little.")


def _coordinate_slider(name: str, value: float, low: float, high: float) -> widgets.FloatSlider:
    value = float(np.clip(value, low, high)) if np.isfinite(value) else (low + high) / 2
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=(high - low) / 400, description=name,
        continuous_update=True, readout=True, readout_format=".2f",
    )


def partial_slicer(
    functions: Mapping[str, str | Callable] | Sequence[str] | None = None,
    x0: float = 1.0,
    y0: float = 0.5,
    window: tuple[float, float, float, float] = (-2, 2, -2, 2),
) -> FigureBox:
    """Slice a surface along x and along y: the two partial derivatives as slopes.

    Left, the contour map of ``f`` with the point ``(x0, y0)`` and the lines
    ``y = y0`` and ``x = x0``; right, the two slices ``z = f(x, y0)`` and
    ``z = f(x0, y)`` with their tangent lines, whose slopes are ``f_x`` and
    ``f_y``.

    Parameters
    ----------
    functions : mapping or sequence, optional
        ``{name: formula or callable}`` or a list of formulas in x and y.
        Default: :data:`DEFAULT_SLICER_FUNCTIONS`.
    x0, y0 : float
        Starting point (clipped to the window).
    window : (xmin, xmax, ymin, ymax)
        The region shown and the sliders' ranges.

    Returns
    -------
    FigureBox
        The container (CSS class ``partial-slicer``). For scripts and tests it
        also has ``sliders`` (``{"x0": ..., "y0": ...}``), ``function_menu``,
        ``readout`` (class ``partial-slicer-readout``), ``figure``, ``artists``,
        ``update(change=None)`` (what the controls call: a slider step blits
        the moving artists on the live canvas) and ``move(x0, y0)`` (the
        in-place update without the redraw).

    Examples
    --------
    In a lesson, after ``%matplotlib widget``::

        show(partial_slicer())
    """
    compiled = _compile_functions(functions)
    xmin, xmax, ymin, ymax = (float(v) for v in window)
    if not (xmin < xmax and ymin < ymax):
        raise ValueError("window must be (xmin, xmax, ymin, ymax) with xmin < xmax, ymin < ymax")
    sliders = {"x0": _coordinate_slider("x₀", x0, xmin, xmax),
               "y0": _coordinate_slider("y₀", y0, ymin, ymax)}
    menu = widgets.Dropdown(options=[(f"{name}:  {title}", name)
                                     for name, (_, title) in compiled.items()],
                            description="function")
    readout = widgets.HTML().add_class("partial-slicer-readout")
    figure = _new_figure((9.5, 4.4))
    f, title = compiled[menu.value]
    artists = plotting.draw_partial_slicer(plotting.add_slicer_axes(figure), f,
                                           (xmin, xmax, ymin, ymax), title)
    view = _figure_view(figure)
    blitter = blitting.Blitter(figure, artists.moving()) if view is figure.canvas else None
    shown = {"name": menu.value}  # the function the contour map shows now

    def move(x0: float, y0: float) -> None:
        f = compiled[shown["name"]][0]
        value, slopes = _measure(f, (x0, y0))
        plotting.update_partial_slicer(artists, f, (x0, y0), value, slopes)
        readout.value = slicer_readout((x0, y0), value, slopes)

    def update(change=None) -> None:
        switched = menu.value != shown["name"]
        if switched:  # new contours, colour bar and slice limits: the still part changes
            plotting.update_slicer_function(artists, *compiled[menu.value])
            shown["name"] = menu.value
        move(sliders["x0"].value, sliders["y0"].value)
        _refresh(view, figure, blitter, full=switched)

    for control in (*sliders.values(), menu):
        control.observe(update, names="value")
    box = FigureBox([menu, widgets.HBox(list(sliders.values())), readout, view])
    box.add_class("partial-slicer")
    box.summary = "Partial slicer: move (x0, y0) and watch the slopes f_x and f_y"
    box.sliders, box.function_menu, box.readout = sliders, menu, readout
    box.figure, box.artists, box.update, box.move = figure, artists, update, move
    update()
    return box


# --------------------------------------------------------------------------- gradient calculator


def gradient_html(text: str, variables: Sequence[str] = _VARIABLES) -> str:
    """Each partial derivative and the gradient of a typed formula, in LaTeX.

    Never raises: an empty box gives a prompt and unreadable text a plain
    message starting "Could not read that formula: ".

    Examples
    --------
    >>> gradient_html("x +").startswith("Could not read that formula: ")
    True
    """
    names = ", ".join(variables)
    if not text or not text.strip():
        return (f"Type a formula in {names}, for example "
                "<code>x**2*y + sin(x*y)</code>, then press Enter.")
    try:
        expr = symbolic.parse_formula(text, tuple(variables))
    except ValueError as error:
        return "Could not read that formula: " + html.escape(str(error), quote=False)
    except Exception:  # a learner must never see a traceback
        return "Could not read that formula: it is too long or too deeply nested."
    try:
        parts = symbolic.gradient_vector(expr, tuple(variables))
        latex = [html.escape(sympy.latex(p)) for p in parts]
        function = html.escape(sympy.latex(expr))
    except Exception:  # as above: a message, never a traceback
        return "Could not differentiate that formula; try a simpler form of it."
    rows = [f"$$f({names}) = {function}$$"]
    rows += [rf"$$\frac{{\partial f}}{{\partial {v}}} = {p}$$"
             for v, p in zip(variables, latex, strict=True)]
    components = r", \; ".join(latex)
    rows.append(rf"$$\nabla f({names}) = \left( {components} \right)$$")
    return "\n".join(rows)


def gradient_calculator(variables: Sequence[str] = _VARIABLES, text: str = "") -> widgets.VBox:
    """Type a formula, see its partial derivatives and its gradient.

    Parameters
    ----------
    variables : sequence of str
        The variables the formula may use, in gradient order.
    text : str
        A formula to start with (empty by default).

    Returns
    -------
    ipywidgets.VBox
        Class ``gradient-calculator``; the text box (class
        ``gradient-calculator-input``) is ``.formula``, the result (class
        ``gradient-calculator-message``) is ``.message``, and ``.update()``
        recomputes it. Enter, leaving the box or the button submits.
    """
    variables = tuple(variables)
    formula = widgets.Text(value=text, placeholder="e.g. x**2*y + sin(x*y)",
                           description=f"f({', '.join(variables)}) =", continuous_update=False,
                           layout=widgets.Layout(width="32em"),
                           style={"description_width": "initial"})
    formula.add_class("gradient-calculator-input")
    button = widgets.Button(description="Differentiate", button_style="primary")
    message = widgets.HTMLMath().add_class("gradient-calculator-message")

    def update(change=None) -> None:
        message.value = gradient_html(formula.value, variables)

    formula.observe(update, names="value")
    button.on_click(update)
    box = widgets.VBox([widgets.HBox([formula, button]), message])
    box.add_class("gradient-calculator")
    box.summary = f"Gradient calculator: type a formula in {', '.join(variables)}"
    box.formula, box.button, box.message, box.update = formula, button, message, update
    box.static_html = lambda: (f"<p><code>f({', '.join(variables)}) = {html.escape(formula.value)}</code></p>"
                               + message.value)
    update()
    return box


# --------------------------------------------------------------------------- one module per later concept

#: Builder name -> module of this package that holds it (imported on first use).
_CONCEPT_MODULES = {
    "gradient_explorer": "explorer",
    "direction_dial": "dial",
    "tangent_zoom": "tangent",
    "chain_graph": "chain",
    "descent_playground": "descent",
}


def __getattr__(name: str):
    """Import a concept's widget module the first time its builder is asked for."""
    if name in _CONCEPT_MODULES:
        import importlib

        module = importlib.import_module(f"{__name__}.{_CONCEPT_MODULES[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
