"""The direction dial: turn a unit vector around a point and read off the rate of change.

Left, the contour map of ``f`` with the point, the gradient and the unit
direction ``u = (cos θ, sin θ)``; right, ``D_u f = ∇f · u`` against ``θ``.
A step of the angle slider moves only the direction arrow, a marker and a
vertical line; a step of ``x0`` or ``y0`` recomputes the gradient and the rate
curve; a new function from the menu redraws the contour map in full.

Examples
--------
>>> direction_html(direction_reading((0.0, 0.0), 45.0))
'u = (0.707, 0.707) &nbsp;|&nbsp; ∇f = (0, 0): this is a critical point, so every direction has rate 0.'
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as widgets
import numpy as np

from helpers import blitting
from helpers.calculus import gradient
from helpers.plotting import format_number
from helpers.plotting.dial import (
    DialReading,
    add_dial_axes,
    direction_reading,  # noqa: F401  (the examples use it)
    draw_direction_dial,
    update_dial_direction,
    update_dial_function,
    update_dial_point,
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
from helpers.widgets.spoken import dial_sentence

__all__ = ["DEFAULT_DIAL_FUNCTIONS", "dial_gradient", "direction_html", "direction_dial"]

#: The dial's menu: a name and a formula in x and y for each entry.
DEFAULT_DIAL_FUNCTIONS = {
    "bowl": "x**2 + y**2",
    "saddle": "x**2 - y**2",
    "waves": "sin(x)*cos(y)",
    "bump": "exp(-(x**2 + y**2)/2)",
}


def dial_gradient(f: Callable, point: Sequence[float]) -> tuple[float, float]:
    """``∇f`` at the point by central differences; nan where that fails."""
    try:
        with np.errstate(all="ignore"):
            gx, gy = (float(v) for v in gradient(f, [float(c) for c in point]))
    except (ArithmeticError, ValueError, TypeError):
        return float("nan"), float("nan")
    return gx, gy


def direction_html(reading: DialReading) -> str:
    """The readout: ``u``, ``D_u f``, ``|∇f|`` and the angle between ``u`` and ``∇f``.

    A point where ``f`` or its gradient is undefined, and a critical point,
    each get a plain sentence instead of numbers that mean nothing there.
    """
    u = "u = ({}, {})".format(*(format_number(c) for c in reading.u))
    if not reading.finite:
        return (f"{u} &nbsp;|&nbsp; f is not defined at this point, or changes too steeply for a "
                "finite rate. Move the point a little.")
    if reading.critical:
        return f"{u} &nbsp;|&nbsp; ∇f = (0, 0): this is a critical point, so every direction has rate 0."
    parts = [u, f"D_u f = {format_number(reading.rate)}", f"|∇f| = {format_number(reading.norm)}",
             f"angle between u and ∇f = {reading.angle:.1f}°"]
    return " &nbsp;|&nbsp; ".join(html.escape(part, quote=False) for part in parts)


def _angle_slider(value: float) -> widgets.FloatSlider:
    value = float(np.clip(value, -180.0, 180.0)) if np.isfinite(value) else 0.0
    return widgets.FloatSlider(value=value, min=-180.0, max=180.0, step=1.0, description="θ (°)",
                               continuous_update=True, readout=True, readout_format=".0f")


def direction_dial(
    functions: Mapping[str, str | Callable] | Sequence[str] | None = None,
    x0: float = 1.0,
    y0: float = 1.0,
    angle: float = 30.0,
    window: tuple[float, float, float, float] = (-2, 2, -2, 2),
) -> FigureBox:
    """Turn a unit direction around a point: the directional derivative for every angle.

    Parameters
    ----------
    functions : mapping or sequence, optional
        ``{name: formula or callable}`` or a list of formulas in x and y.
        Default: :data:`DEFAULT_DIAL_FUNCTIONS`.
    x0, y0 : float
        The starting point (clipped to the window).
    angle : float
        The starting direction ``θ`` in degrees, from -180 to 180;
        ``u = (cos θ, sin θ)``.
    window : (xmin, xmax, ymin, ymax)
        The region shown and the point sliders' ranges.

    Returns
    -------
    FigureBox
        The container (CSS class ``direction-dial``), with ``sliders``
        (``{"x0", "y0", "theta"}``), ``function_menu``, ``readout`` (class
        ``direction-dial-readout``), ``figure``, ``artists``, ``reading`` (the
        :class:`helpers.plotting.dial.DialReading` shown), ``update(change=None)``
        and ``move(x0, y0, theta)`` (the in-place update without the redraw).

    Examples
    --------
    In a lesson, after ``%matplotlib widget``::

        show(direction_dial(x0=1, y0=1, angle=53.13))
    """
    compiled = compile_functions(DEFAULT_DIAL_FUNCTIONS if functions is None else functions)
    xmin, xmax, ymin, ymax = (float(v) for v in window)
    if not (xmin < xmax and ymin < ymax):
        raise ValueError("window must be (xmin, xmax, ymin, ymax) with xmin < xmax, ymin < ymax")
    sliders = {"x0": label(coordinate_slider("x₀", x0, xmin, xmax), "x₀", "the point's x coordinate"),
               "y0": label(coordinate_slider("y₀", y0, ymin, ymax), "y₀", "the point's y coordinate"),
               "theta": label(_angle_slider(angle), "θ (°)", "the direction u, in degrees from the x axis")}
    menu = widgets.Dropdown(options=[(f"{name}:  {title}", name) for name, (_, title) in compiled.items()],
                            description="function")
    label(menu, "function", "the surface f(x, y) to differentiate")
    readout = widgets.HTML().add_class("direction-dial-readout")
    spoken = spoken_readout("direction-dial-spoken")
    figure = new_figure((9.5, 4.4))
    f, title = compiled[menu.value]
    artists = draw_direction_dial(add_dial_axes(figure), f, (xmin, xmax, ymin, ymax), title)
    view = figure_view(figure)
    blitter = blitting.Blitter(figure, artists.moving()) if view is figure.canvas else None
    shown = {"name": menu.value, "point": None}  # what the figure shows now

    def move(x0: float, y0: float, theta: float) -> DialReading:
        if shown["point"] != (x0, y0):  # the rate curve depends on the point only
            f = compiled[shown["name"]][0]
            update_dial_point(artists, (x0, y0), dial_gradient(f, (x0, y0)))
            shown["point"] = (x0, y0)
        reading = update_dial_direction(artists, theta)
        readout.value = direction_html(reading)
        speak(spoken, dial_sentence(theta, reading.u, reading.rate, reading.norm, reading.angle))
        box.reading = reading
        return reading

    def update(change=None) -> None:
        switched = menu.value != shown["name"]
        if switched:  # new contours, colour bar and rate scale: the still part changes
            update_dial_function(artists, *compiled[menu.value])
            shown["name"], shown["point"] = menu.value, None
        move(sliders["x0"].value, sliders["y0"].value, sliders["theta"].value)
        refresh(view, figure, blitter, full=switched)

    for control in (*sliders.values(), menu):
        control.observe(update, names="value")
    box = FigureBox([menu, widgets.HBox(list(sliders.values())), readout, spoken, view])
    box.add_class("direction-dial")
    box.summary = "Direction dial: turn the unit vector u and watch the rate D_u f = ∇f · u"
    box.alt = ("Left, a contour map of f with the point, the gradient arrow and the unit direction u; "
               "right, the rate of change along u against the angle, a sine-shaped curve with its "
               "maximum and minimum marked.")
    box.sliders, box.function_menu, box.readout, box.spoken = sliders, menu, readout, spoken
    box.figure, box.artists, box.update, box.move = figure, artists, update, move
    box.functions, box.window = compiled, (xmin, xmax, ymin, ymax)  # for a linked 3D view
    update()
    return box
