"""What every course widget shares: building the figure, showing it, redrawing it.

- :func:`new_figure` and :func:`figure_view`: one figure per widget, built
  without being shown, viewed through the live ipympl canvas when there is
  one and through a re-rendered image otherwise;
- :func:`refresh`: after a slider step, blit the moving artists (or redraw
  the whole figure when its still part changed);
- :class:`FigureBox` and :func:`show`: one output that holds the live widget
  and a PNG (or HTML) stand-in, so static readers see a picture;
- :func:`compile_functions`, :func:`measure`, :func:`coordinate_slider`:
  a function menu, a point's value and slopes, a coordinate slider;
- :func:`label`, :func:`spoken_readout` and :func:`speak`: what a screen
  reader hears, a control's meaning and the figure's numbers in words.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers import blitting, symbolic
from helpers.calculus import partial

__all__ = ["VARIABLES", "SNAPSHOT_DPI", "MAX_WIDTH_PX", "figure_png", "static_bundle", "FigureBox", "show",
           "new_figure", "figure_view", "refresh", "compile_functions", "measure", "coordinate_slider",
           "VISUALLY_HIDDEN", "picture_alt", "label", "spoken_readout", "speak", "picture_bundle", "show_figure"]

SNAPSHOT_DPI = 80
#: Widest a live widget figure may be, in pixels (a JupyterLab notebook column is about 850).
MAX_WIDTH_PX = 820
VARIABLES = ("x", "y")
#: Inline style that hides text from the eye but not from a screen reader.
VISUALLY_HIDDEN = ("position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;"
                   "clip:rect(0,0,0,0);white-space:nowrap;border:0")


def figure_png(fig: Figure, dpi: float = SNAPSHOT_DPI) -> bytes:
    """Render ``fig``, moving (animated) artists included, to PNG bytes.

    The PNG holds no timestamp or version metadata, so it is reproducible.
    """
    buffer = io.BytesIO()
    with blitting.animated_shown(fig):
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def static_bundle(widget: widgets.Widget) -> dict:
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
        return static_bundle(self)


def picture_alt(widget: widgets.Widget) -> str | None:
    """Alt text for a widget's static picture: what it draws, then its numbers in words."""
    spoken = getattr(getattr(widget, "spoken", None), "sentence", "")
    parts = [getattr(widget, "alt", None) or getattr(widget, "summary", None), spoken]
    return " ".join(p for p in parts if p) or None


def show(widget: widgets.Widget) -> None:
    """Display a course widget: live in Jupyter, a static picture elsewhere.

    Parameters
    ----------
    widget : ipywidgets.Widget
        Any widget; when it has a ``figure`` attribute, the output also holds
        a PNG of that figure, which GitHub and nbviewer show in its place; a
        ``summary`` attribute becomes the plain-text form and the PNG's alt text.
    """
    from IPython.display import display

    bundle = static_bundle(widget)
    alt = picture_alt(widget)
    metadata = {"image/png": {"alt": alt}} if alt and "image/png" in bundle else {}
    display(bundle, raw=True, metadata=metadata)


def picture_bundle(fig: Figure, alt: str) -> tuple[dict, dict]:
    """``(data, metadata)`` showing ``fig`` as a picture whose alt text is ``alt``.

    JupyterLab shows the HTML ``<img>`` (its own image renderer drops alt text);
    nbconvert and nbviewer read the alt text from the PNG's metadata; the plain
    text form is the alt text itself.
    """
    alt = " ".join(str(alt).split())
    if not alt:
        raise ValueError("a picture needs alt text that says what it shows")
    buffer = io.BytesIO()  # as IPython shows a figure: its own resolution, trimmed
    fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    data = {"text/html": f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(alt)}">',
            "image/png": encoded, "text/plain": alt}
    return data, {"image/png": {"alt": alt}}


def show_figure(fig: Figure, alt: str) -> None:
    """Display a still figure with alt text that says what it shows.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (built under ``plt.ioff()``).
    alt : str
        What the picture shows, for readers who cannot see it: the kind of
        plot, what is drawn and the shape that matters, in one or two sentences.
    """
    from IPython.display import display

    data, metadata = picture_bundle(fig, alt)
    display(data, raw=True, metadata=metadata)


# --------------------------------------------------------------------------- figures


def new_figure(figsize: tuple[float, float]) -> Figure:
    """A figure for the active backend, created without being shown.

    The resolution is lowered where needed so the figure is at most
    :data:`MAX_WIDTH_PX` pixels wide: it then fits a JupyterLab notebook
    column beside the file browser instead of being cut off on the right.
    """
    dpi = min(100.0, MAX_WIDTH_PX / figsize[0])
    with plt.ioff():
        return plt.figure(figsize=figsize, dpi=dpi)


def figure_view(fig: Figure) -> widgets.Widget:
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


def refresh(view: widgets.Widget, fig: Figure, blitter: blitting.Blitter | None,
             full: bool = False) -> None:
    """Show the moved artists: a blit (``full``: a full redraw), or a new image without ipympl."""
    if blitter is None:
        view.value = figure_png(fig, dpi=fig.dpi)
    elif full:
        blitter.redraw()
    else:
        blitter.refresh()


def compile_functions(functions) -> dict[str, tuple[Callable, str]]:
    """``{name: (f, title)}`` from formulas in x and y (parsed safely) or callables."""
    if not isinstance(functions, Mapping):
        functions = {str(text): text for text in functions}
    if not functions:
        raise ValueError("a widget needs at least one function")
    compiled = {}
    for name, function in functions.items():
        if callable(function):
            compiled[name] = (function, f"f(x, y): {name}")
        else:
            expr = symbolic.parse_formula(str(function), VARIABLES)
            compiled[name] = (symbolic.lambdify_numeric(expr, VARIABLES), f"f(x, y) = {function}")
    return compiled


def measure(f: Callable, point: Sequence[float]) -> tuple[float, tuple[float, float]]:
    """``f(x0, y0)`` and ``(f_x, f_y)`` at the point; nan wherever that fails."""
    try:
        with np.errstate(all="ignore"):
            value = float(np.asarray(f(*point), dtype=float))
            slopes = tuple(float(partial(f, point, i)) for i in (0, 1))
    except (ArithmeticError, ValueError, TypeError):
        return float("nan"), (float("nan"), float("nan"))
    return value, slopes


def coordinate_slider(name: str, value: float, low: float, high: float) -> widgets.FloatSlider:
    """A slider for one coordinate of a point, its value clipped to [low, high]."""
    value = float(np.clip(value, low, high)) if np.isfinite(value) else (low + high) / 2
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=(high - low) / 400, description=name,
        continuous_update=True, readout=True, readout_format=".2f",
    )


# --------------------------------------------------------------------------- screen readers


def label(control: widgets.Widget, name: str, meaning: str) -> widgets.Widget:
    """Label ``control`` with its short name on screen and its meaning for a screen reader.

    The visible label stays ``name`` (``"x₀"``); a screen reader reads
    ``"x₀, the point's x coordinate"``, and the pointer shows the same as a
    tooltip. The full text is kept as ``control.accessible_label``.

    Examples
    --------
    >>> import ipywidgets as widgets
    >>> label(widgets.FloatSlider(), "x₀", "the point's x coordinate").accessible_label
    "x₀, the point's x coordinate"
    """
    full = f"{name}, {meaning}"
    control.description_allow_html = True
    control.description = (f'<span title="{html.escape(full)}">{html.escape(name, quote=False)}</span>'
                           f'<span style="{VISUALLY_HIDDEN}">, {html.escape(meaning, quote=False)}</span>')
    control.accessible_label = full
    return control


def spoken_readout(css_class: str = "") -> widgets.HTML:
    """An empty readout that a screen reader announces, politely, whenever it changes.

    It shows nothing on screen (the figure and the visible readout do that);
    fill it with :func:`speak`.
    """
    readout = widgets.HTML().add_class("course-spoken-readout")
    if css_class:
        readout.add_class(css_class)
    readout.sentence = ""
    return readout


def speak(readout: widgets.HTML, sentence: str) -> None:
    """Put ``sentence`` in ``readout``'s live region (``role="status"``, ``aria-live="polite"``)."""
    readout.sentence = sentence
    readout.value = (f'<div role="status" aria-live="polite" aria-atomic="true" '
                     f'style="{VISUALLY_HIDDEN}">{html.escape(sentence, quote=False)}</div>')
