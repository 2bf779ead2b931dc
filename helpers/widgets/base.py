"""What every course widget shares: building the figure, showing it, redrawing it.

- :func:`new_figure` and :func:`figure_view`: one figure per widget, built
  without being shown, viewed through the live ipympl canvas when there is
  one and through a re-rendered image otherwise;
- :func:`refresh`: after a slider step, blit the moving artists (or redraw
  the whole figure when its still part changed);
- :class:`FigureBox` and :func:`show`: one output that holds the live widget
  and a PNG (or HTML) stand-in, so static readers see a picture;
- :func:`compile_functions`, :func:`measure`, :func:`coordinate_slider`:
  a function menu, a point's value and slopes, a coordinate slider.
"""

from __future__ import annotations

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
           "new_figure", "figure_view", "refresh", "compile_functions", "measure", "coordinate_slider"]

SNAPSHOT_DPI = 80
#: Widest a live widget figure may be, in pixels (a JupyterLab notebook column is about 850).
MAX_WIDTH_PX = 820
VARIABLES = ("x", "y")


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

    display(static_bundle(widget), raw=True)


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
