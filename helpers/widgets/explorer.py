"""The gradient explorer: the gradient field on a contour map, and one point's arrow.

Pick a function, move the point ``(x0, y0)`` with two sliders, and watch its
gradient arrow (bold) and the tangent to the level curve through the point
(dashed, always perpendicular to the arrow). The readout gives the gradient,
its length and its direction angle; where the gradient is zero it says so
instead of drawing an arrow that points nowhere.

The contours and the coarse gradient field are drawn once per function; a
slider step only moves the point, the arrow, the tangent and the label, and
on the live canvas it blits them (:class:`helpers.blitting.Blitter`).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as widgets
import numpy as np

from helpers import blitting
from helpers.calculus import gradient
from helpers.plotting import format_number
from helpers.plotting.explorer import (
    ZERO_GRADIENT,
    draw_gradient_explorer,
    gradient_label,
    update_explorer_function,
    update_gradient_explorer,
)
from helpers.widgets.base import (
    FigureBox,
    compile_functions,
    coordinate_slider,
    figure_view,
    label,
    new_figure,
    refresh,
    speak,
    spoken_readout,
)
from helpers.widgets.spoken import explorer_sentence

__all__ = ["DEFAULT_EXPLORER_FUNCTIONS", "measure_gradient", "explorer_readout", "gradient_explorer"]

#: The explorer's menu: a name and a formula in x and y for each entry.
DEFAULT_EXPLORER_FUNCTIONS = {
    "bowl": "x**2 + 4*y**2",
    "saddle": "x**2 - y**2",
    "worked example": "x**2*y + sin(x*y)",
    "hill and pass": "x**3 - 3*x + y**2",
    "waves": "sin(x)*cos(y)",
}

def measure_gradient(f: Callable, point: Sequence[float]) -> tuple[float, float]:
    """``(f_x, f_y)`` at the point by central differences; nan wherever that fails.

    Examples
    --------
    >>> [round(g, 6) for g in measure_gradient(lambda x, y: x**2 + 4 * y**2, (2.0, 1.0))]
    [4.0, 8.0]
    """
    try:
        with np.errstate(all="ignore"):
            gx, gy = (float(np.asarray(g, dtype=float)) for g in gradient(f, point))
    except (ArithmeticError, ValueError, TypeError, OverflowError):
        return float("nan"), float("nan")
    return gx, gy


def explorer_readout(point: Sequence[float], grad: Sequence[float]) -> str:
    """HTML readout: the gradient, its length and direction, or a plain message.

    Examples
    --------
    >>> explorer_readout((0, 0), (0.0, 0.0)).endswith("∇f = 0: no uphill direction here.")
    True
    """
    gx, gy = (float(c) for c in grad)
    label = html.escape(gradient_label(point, (gx, gy)), quote=False)
    if not (np.isfinite(gx) and np.isfinite(gy)):
        return (f"{label}<br>The gradient is not defined at this point, or changes too steeply "
                "for a finite value. Move the point a little.")
    length = math.hypot(gx, gy)
    if length <= ZERO_GRADIENT:
        return f"{label}<br>∇f = 0: no uphill direction here."
    angle = math.degrees(math.atan2(gy, gx))
    return (f"{label} &nbsp;|&nbsp; |∇f| = {format_number(length)} &nbsp;|&nbsp; "
            f"direction {format_number(angle, digits=1)}° from the +x axis")


def gradient_explorer(
    functions: Mapping[str, str | Callable] | Sequence[str] | None = None,
    x0: float = 1.0,
    y0: float = 0.5,
    window: tuple[float, float, float, float] = (-2, 2, -2, 2),
) -> FigureBox:
    """Explore the gradient: its field on a contour map, and its arrow at one point.

    Parameters
    ----------
    functions : mapping or sequence, optional
        ``{name: formula or callable}`` or a list of formulas in x and y.
        Default: :data:`DEFAULT_EXPLORER_FUNCTIONS`.
    x0, y0 : float
        Starting point (clipped to the window).
    window : (xmin, xmax, ymin, ymax)
        The region shown and the sliders' ranges.

    Returns
    -------
    FigureBox
        The container (CSS class ``gradient-explorer``), with ``sliders``
        (``{"x0": ..., "y0": ...}``), ``function_menu``, ``readout`` (class
        ``gradient-explorer-readout``), ``figure``, ``artists``,
        ``update(change=None)`` (what the controls call) and ``move(x0, y0)``
        (the in-place update without the redraw).

    Examples
    --------
    In a lesson, after ``%matplotlib widget``::

        show(gradient_explorer(x0=2, y0=1, window=(-3, 3, -3, 3)))
    """
    compiled = compile_functions(DEFAULT_EXPLORER_FUNCTIONS if functions is None else functions)
    xmin, xmax, ymin, ymax = (float(v) for v in window)
    if not (xmin < xmax and ymin < ymax):
        raise ValueError("window must be (xmin, xmax, ymin, ymax) with xmin < xmax, ymin < ymax")
    sliders = {"x0": label(coordinate_slider("x₀", x0, xmin, xmax), "x₀", "the point's x coordinate"),
               "y0": label(coordinate_slider("y₀", y0, ymin, ymax), "y₀", "the point's y coordinate")}
    menu = widgets.Dropdown(options=[(f"{name}:  {title}", name)
                                     for name, (_, title) in compiled.items()],
                            description="function")
    label(menu, "function", "the surface f(x, y) whose gradient is drawn")
    readout = widgets.HTML().add_class("gradient-explorer-readout")
    spoken = spoken_readout("gradient-explorer-spoken")
    figure = new_figure((6.4, 5.4))
    grid = figure.add_gridspec(1, 2, width_ratios=(1.0, 0.045), left=0.1, right=0.86,
                               bottom=0.1, top=0.92, wspace=0.08)
    ax, colorbar_axes = figure.add_subplot(grid[0]), figure.add_subplot(grid[1])
    f, title = compiled[menu.value]
    artists = draw_gradient_explorer(ax, f, (xmin, xmax, ymin, ymax), title,
                                     colorbar_axes=colorbar_axes)
    view = figure_view(figure)
    blitter = blitting.Blitter(figure, artists.moving()) if view is figure.canvas else None
    shown = {"name": menu.value}  # the function the contour map shows now

    def move(x0: float, y0: float) -> None:
        grad = measure_gradient(compiled[shown["name"]][0], (x0, y0))
        update_gradient_explorer(artists, (x0, y0), grad)
        readout.value = explorer_readout((x0, y0), grad)
        speak(spoken, explorer_sentence((x0, y0), grad))

    def update(change=None) -> None:
        switched = menu.value != shown["name"]
        if switched:  # new contours and field: the still part changes
            update_explorer_function(artists, *compiled[menu.value])
            shown["name"] = menu.value
        move(sliders["x0"].value, sliders["y0"].value)
        refresh(view, figure, blitter, full=switched)

    for control in (*sliders.values(), menu):
        control.observe(update, names="value")
    box = FigureBox([menu, widgets.HBox(list(sliders.values())), readout, spoken, view])
    box.add_class("gradient-explorer")
    box.summary = "Gradient explorer: move (x0, y0) and watch the gradient arrow and the level curve"
    box.alt = ("A contour map of f with the point, the gradient arrow from it (pointing uphill) and "
               "the level curve through it (dashed, at right angles to the arrow).")
    box.sliders, box.function_menu, box.readout, box.spoken = sliders, menu, readout, spoken
    box.figure, box.artists, box.update, box.move = figure, artists, update, move
    box.functions, box.window = compiled, (xmin, xmax, ymin, ymax)  # for a linked 3D view
    update()
    return box
