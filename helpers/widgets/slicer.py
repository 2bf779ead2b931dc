"""The partial slicer: a surface cut along x and along y, the partials as slopes."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as widgets
import numpy as np

from helpers import blitting
from helpers.plotting import slicer as plotting
from helpers.widgets.base import (
    FigureBox,
    compile_functions,
    coordinate_slider,
    figure_view,
    label,
    measure,
    new_figure,
    refresh,
    speak,
    spoken_readout,
)
from helpers.widgets.spoken import slicer_sentence

__all__ = ["DEFAULT_SLICER_FUNCTIONS", "slicer_readout", "partial_slicer"]

#: The partial slicer's menu: a name and a formula in x and y for each entry.
DEFAULT_SLICER_FUNCTIONS = {
    "bowl": "x**2 + 2*y**2",
    "saddle": "x*y",
    "waves": "sin(x)*cos(y)",
    "bump": "exp(-(x**2 + y**2)/2)",
    "quotient": "x/(1 + y**2)",
}


def slicer_readout(point: Sequence[float], value: float, slopes: Sequence[float]) -> str:
    """HTML readout of the slicer: the value and both partials, or a plain message."""
    labels = plotting.partial_labels(point, value, slopes)
    text = " &nbsp;|&nbsp; ".join(html.escape(label, quote=False) for label in labels)
    if np.all(np.isfinite([value, *slopes])):
        return text
    return (f"{text}<br>f is not defined at this point, or changes too steeply for a "
            "finite slope. Move the point a little.")


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
    compiled = compile_functions(DEFAULT_SLICER_FUNCTIONS if functions is None else functions)
    xmin, xmax, ymin, ymax = (float(v) for v in window)
    if not (xmin < xmax and ymin < ymax):
        raise ValueError("window must be (xmin, xmax, ymin, ymax) with xmin < xmax, ymin < ymax")
    sliders = {"x0": label(coordinate_slider("x₀", x0, xmin, xmax), "x₀", "the point's x coordinate"),
               "y0": label(coordinate_slider("y₀", y0, ymin, ymax), "y₀", "the point's y coordinate")}
    menu = widgets.Dropdown(options=[(f"{name}:  {title}", name)
                                     for name, (_, title) in compiled.items()],
                            description="function")
    label(menu, "function", "the surface f(x, y) to slice")
    readout = widgets.HTML().add_class("partial-slicer-readout")
    spoken = spoken_readout("partial-slicer-spoken")
    figure = new_figure((9.5, 4.4))
    f, title = compiled[menu.value]
    artists = plotting.draw_partial_slicer(plotting.add_slicer_axes(figure), f,
                                           (xmin, xmax, ymin, ymax), title)
    view = figure_view(figure)
    blitter = blitting.Blitter(figure, artists.moving()) if view is figure.canvas else None
    shown = {"name": menu.value}  # the function the contour map shows now

    def move(x0: float, y0: float) -> None:
        f = compiled[shown["name"]][0]
        value, slopes = measure(f, (x0, y0))
        plotting.update_partial_slicer(artists, f, (x0, y0), value, slopes)
        readout.value = slicer_readout((x0, y0), value, slopes)
        speak(spoken, slicer_sentence((x0, y0), value, slopes))

    def update(change=None) -> None:
        switched = menu.value != shown["name"]
        if switched:  # new contours, colour bar and slice limits: the still part changes
            plotting.update_slicer_function(artists, *compiled[menu.value])
            shown["name"] = menu.value
        move(sliders["x0"].value, sliders["y0"].value)
        refresh(view, figure, blitter, full=switched)

    for control in (*sliders.values(), menu):
        control.observe(update, names="value")
    box = FigureBox([menu, widgets.HBox(list(sliders.values())), readout, spoken, view])
    box.add_class("partial-slicer")
    box.summary = "Partial slicer: move (x0, y0) and watch the slopes f_x and f_y"
    box.alt = ("Left, a contour map of f with the point and the lines y = y₀ and x = x₀ through it; "
               "right, the two slices of the surface along them with their tangent lines.")
    box.sliders, box.function_menu, box.readout, box.spoken = sliders, menu, readout, spoken
    box.figure, box.artists, box.update, box.move = figure, artists, update, move
    box.functions, box.window = compiled, (xmin, xmax, ymin, ymax)  # for a linked 3D view
    update()
    return box
