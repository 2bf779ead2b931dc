"""The tangent zoom: zoom in on a point and watch the surface flatten onto its tangent plane.

Built like every course widget: the figure is drawn once, a slider step moves
the artists in place (:func:`helpers.plotting.tangent.update_tangent_zoom`)
and blits them; only a new function from the menu redraws the contour map.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as widgets
import numpy as np

from helpers import blitting
from helpers.plotting import format_number
from helpers.plotting.tangent import (
    ZOOM_RANGE,
    add_tangent_axes,
    draw_tangent_zoom,
    update_tangent_function,
    update_tangent_zoom,
)
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
from helpers.widgets.spoken import tangent_sentence

__all__ = ["DEFAULT_TANGENT_FUNCTIONS", "tangent_readout", "tangent_zoom"]

#: The tangent zoom's menu: a name and a formula in x and y for each entry.
DEFAULT_TANGENT_FUNCTIONS = {
    "product": "x*exp(y)",
    "saddle": "x**2 - y**2",
    "waves": "sin(x)*cos(y)",
    "cone": "sqrt(x**2 + y**2)",
}


def tangent_readout(point: Sequence[float], value: float, slopes: Sequence[float],
                    width: float, errors: Mapping[str, float]) -> str:
    """HTML readout: the plane, the largest error over the window and the ratios.

    Never raises; a non-finite value or slope gives a plain message instead.

    Examples
    --------
    >>> text = tangent_readout((3, 4), -7, (6, -8), 0.1,
    ...                        {"error": 0.01, "per_width": 0.1, "per_area": 1.0})
    >>> "L(x, y) = -7.000 + 6.000 (x − 3.00) + -8.000 (y − 4.00)" in text
    True
    >>> "undefined" in tangent_readout((0, 0), float("nan"), (0, 0), 1, {})
    True
    """
    a, b = (format_number(c, digits=2) for c in point)
    if not np.all(np.isfinite([*point, value, *slopes])):
        return (f"At ({a}, {b}) f or one of its partial derivatives is undefined or "
                "infinite, so there is no tangent plane to draw. Move the point a little.")
    plane = (f"L(x, y) = {format_number(value)} + {format_number(slopes[0])} (x − {a}) + "
             f"{format_number(slopes[1])} (y − {b})")
    error = errors.get("error", float("nan"))
    if not np.isfinite(error):
        return html.escape(plane) + "<br>f is undefined in this window; make it smaller or move it."
    return (html.escape(plane) + "<br>"
            f"half-width w = {width:.3g} &nbsp;|&nbsp; largest |f − L| in the window = {error:.3g}"
            f" &nbsp;|&nbsp; error / w = {errors['per_width']:.3g}"
            f" &nbsp;|&nbsp; error / w² = {errors['per_area']:.3g}")


def tangent_zoom(
    functions: Mapping[str, str | Callable] | Sequence[str] | None = None,
    x0: float = 1.0,
    y0: float = 0.0,
    width: float = 0.5,
    window: tuple[float, float, float, float] = (-2, 2, -2, 2),
    angle: float = 30.0,
) -> FigureBox:
    """Zoom in on a point of a surface: the error of the tangent plane shrinks like w².

    Left, the contour map of ``f`` with the point ``(x0, y0)``, the square
    window of half-width ``w`` around it and the (dashed, straight) level lines
    of the linear approximation ``L``. Middle, ``f`` and ``L`` along a slice
    through the point, measured in half-widths. Right, the largest
    ``|f - L|`` in the window against ``w`` on log-log axes.

    Parameters
    ----------
    functions : mapping or sequence, optional
        ``{name: formula or callable}`` or a list of formulas in x and y.
        Default: :data:`DEFAULT_TANGENT_FUNCTIONS`.
    x0, y0 : float
        Starting point (clipped to the window).
    width : float
        Starting half-width of the zoom window, clipped to 0.01 ... 2.
    window : (xmin, xmax, ymin, ymax)
        The region of the contour map and the point sliders' ranges.
    angle : float
        Direction of the slice, in degrees from the x-axis.

    Returns
    -------
    FigureBox
        Class ``tangent-zoom``. Also ``sliders`` (``x0``, ``y0``, ``zoom``),
        ``function_menu``, ``readout`` (class ``tangent-zoom-readout``),
        ``figure``, ``artists``, ``errors`` (the last values shown),
        ``update(change=None)`` and ``move(x0, y0, width)``.
    """
    compiled = compile_functions(DEFAULT_TANGENT_FUNCTIONS if functions is None else functions)
    xmin, xmax, ymin, ymax = (float(v) for v in window)
    if not (xmin < xmax and ymin < ymax):
        raise ValueError("window must be (xmin, xmax, ymin, ymax) with xmin < xmax, ymin < ymax")
    low, high = np.log10(ZOOM_RANGE)
    start = float(np.clip(width, *ZOOM_RANGE)) if np.isfinite(width) else 0.5
    sliders = {"x0": label(coordinate_slider("x₀", x0, xmin, xmax), "x₀", "the point's x coordinate"),
               "y0": label(coordinate_slider("y₀", y0, ymin, ymax), "y₀", "the point's y coordinate"),
               "zoom": widgets.FloatLogSlider(value=start, base=10, min=low, max=high,
                                              step=(high - low) / 200, description="w",
                                              continuous_update=True, readout=True,
                                              readout_format=".3f")}
    menu = widgets.Dropdown(options=[(f"{name}:  {title}", name)
                                     for name, (_, title) in compiled.items()],
                            description="function")
    label(sliders["zoom"], "w", "the half-width of the zoom window")
    label(menu, "function", "the surface f(x, y) to zoom in on")
    readout = widgets.HTML().add_class("tangent-zoom-readout")
    spoken = spoken_readout("tangent-zoom-spoken")
    figure = new_figure((11.0, 3.8))
    f, title = compiled[menu.value]
    artists = draw_tangent_zoom(add_tangent_axes(figure), f, (xmin, xmax, ymin, ymax), title,
                                angle=angle)
    view = figure_view(figure)
    blitter = blitting.Blitter(figure, artists.moving()) if view is figure.canvas else None
    shown = {"name": menu.value}
    box = FigureBox()

    def move(x0: float, y0: float, width: float) -> None:
        f = compiled[shown["name"]][0]
        value, slopes = measure(f, (x0, y0))
        try:
            errors = update_tangent_zoom(artists, f, (x0, y0), value, slopes, width)
        except (ArithmeticError, ValueError, TypeError):
            errors = {"error": float("nan"), "per_width": float("nan"), "per_area": float("nan")}
        box.errors = errors
        readout.value = tangent_readout((x0, y0), value, slopes, width, errors)
        speak(spoken, tangent_sentence((x0, y0), value, slopes, width, errors))

    def update(change=None) -> None:
        switched = menu.value != shown["name"]
        if switched:  # new contours and slice scale: the still part changes
            update_tangent_function(artists, *compiled[menu.value])
            shown["name"] = menu.value
        move(sliders["x0"].value, sliders["y0"].value, sliders["zoom"].value)
        refresh(view, figure, blitter, full=switched)

    for control in (*sliders.values(), menu):
        control.observe(update, names="value")
    box.children = [menu, widgets.HBox(list(sliders.values())), readout, spoken, view]
    box.add_class("tangent-zoom")
    box.summary = "Tangent zoom: shrink the window w and watch |f − L| fall like w²"
    box.alt = ("A contour map of f with the zoom window around the point, and the slice of the "
               "surface through the window beside its tangent plane's line, with the error between them.")
    box.sliders, box.function_menu, box.readout, box.spoken = sliders, menu, readout, spoken
    box.figure, box.artists, box.update, box.move = figure, artists, update, move
    box.functions, box.window = compiled, (xmin, xmax, ymin, ymax)  # for a linked 3D view
    update()
    return box
