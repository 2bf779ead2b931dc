"""The partial slicer's figure: a contour map and the two slices through a point.

Left, the contour map of ``f`` with the point ``(x0, y0)`` and the two slice
lines ``y = y0`` (blue) and ``x = x0`` (vermillion, dashed); right, the slices
``z = f(x, y0)`` and ``z = f(x0, y)``, each with the point and a dashed
tangent line whose slope is the partial derivative. :func:`draw_partial_slicer`
draws it once, :func:`update_partial_slicer` moves it, and
:func:`update_slicer_function` shows a new function.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from matplotlib.figure import Figure
>>> f = lambda x, y: x**2 * y
>>> fig = Figure()
>>> artists = draw_partial_slicer(add_slicer_axes(fig), f, (-2, 2, -2, 2))
>>> update_partial_slicer(artists, f, (0.5, 1.0), 0.25, (1.0, 0.25))
>>> artists.x_text.get_text()
'f_x(0.50, 1.00) = 1.000'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from helpers.plotting import (
    NICE_STEPS,
    PALETTE,
    ContourArtists,
    Function,
    Window,
    draw_contour_map,
    evaluate,
    format_number,
    label_axes,
    replace_contour_map,
    sample_grid,
    value_range,
)

__all__ = [
    "partial_labels", "SlicerAxes", "add_slicer_axes", "SlicerArtists", "draw_partial_slicer",
    "update_partial_slicer", "update_slicer_function",
]


def partial_labels(point: Sequence[float], value: float, slopes: Sequence[float]):
    """Readouts ``f(x0, y0) = ...``, ``f_x(x0, y0) = ...``, ``f_y(x0, y0) = ...``.

    Examples
    --------
    >>> partial_labels((1, 0.5), 0.75, (1.0, float("nan")))[1:]
    ('f_x(1.00, 0.50) = 1.000', 'f_y(1.00, 0.50) = undefined')
    """
    at = "({}, {})".format(*(format_number(c, digits=2) for c in point))
    fx, fy = slopes
    return (f"f{at} = {format_number(value)}", f"f_x{at} = {format_number(fx)}",
            f"f_y{at} = {format_number(fy)}")


class SlicerAxes(NamedTuple):
    """The four axes of the partial slicer, from :func:`add_slicer_axes`."""

    map: Axes
    x_slice: Axes
    y_slice: Axes
    colorbar: Axes | None = None


def add_slicer_axes(fig: Figure) -> SlicerAxes:
    """Lay out the partial slicer: a contour map left, two slice panels right.

    Returns
    -------
    SlicerAxes
        ``map`` for the contour map of ``f`` (with ``colorbar`` beside it),
        ``x_slice`` for ``z = f(x, y0)`` and ``y_slice`` for ``z = f(x0, y)``.
    """
    outer = fig.add_gridspec(1, 2, width_ratios=(1.1, 1.0), left=0.065, right=0.985,
                             bottom=0.11, top=0.92, wspace=0.3)
    left = outer[0].subgridspec(1, 2, width_ratios=(1.0, 0.05), wspace=0.06)
    right = outer[1].subgridspec(2, 1, hspace=0.6)
    map_axes, x_axes, y_axes = (fig.add_subplot(spec) for spec in (left[0], right[0], right[1]))
    for ax in (map_axes, x_axes, y_axes):  # few, short tick labels: text is most of a redraw
        ax.xaxis.set_major_locator(MaxNLocator(5, steps=NICE_STEPS))
        ax.yaxis.set_major_locator(MaxNLocator(4, steps=NICE_STEPS))
    return SlicerAxes(map_axes, x_axes, y_axes, fig.add_subplot(left[1]))


@dataclass(eq=False)
class SlicerArtists:
    """Everything the partial slicer draws; see :func:`draw_partial_slicer`."""

    map_axes: Axes
    x_axes: Axes
    y_axes: Axes
    window: Window
    contours: ContourArtists
    title: Text
    point: Line2D
    x_line: Line2D
    y_line: Line2D
    x_curve: Line2D
    x_point: Line2D
    x_tangent: Line2D
    x_text: Text
    y_curve: Line2D
    y_point: Line2D
    y_tangent: Line2D
    y_text: Text
    value_text: Text
    samples: int = 201

    def moving(self) -> tuple[Artist, ...]:
        """The artists a slider step moves, for a :class:`helpers.blitting.Blitter`.

        The slice curves move too: ``z = f(x, y0)`` changes with ``y0``.
        """
        return (self.x_line, self.y_line, self.point, self.value_text,
                self.x_curve, self.x_tangent, self.x_point, self.x_text, self.x_axes.title,
                self.y_curve, self.y_tangent, self.y_point, self.y_text, self.y_axes.title)


def _slice_panel(ax: Axes, colour: str, variable: str):
    """Curve, point, tangent and readout of one slice panel."""
    (curve,) = ax.plot([], [], color=colour, linewidth=2, label=f"slice z = f({variable})")
    (tangent,) = ax.plot([], [], color=PALETTE["black"], linestyle="--", linewidth=1.3,
                         label=f"tangent, slope f_{variable}")
    (point,) = ax.plot([], [], "o", color=PALETTE["black"], markersize=6)
    text = ax.text(0.03, 0.95, "", transform=ax.transAxes, va="top", ha="left",
                   fontsize=10, bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
    ax.set_title(" ", fontsize=10, y=1.0)  # a fixed y spares a search per redraw
    label_axes(ax, variable, "z")
    ax.grid(True, linewidth=0.4, alpha=0.5)
    return curve, point, tangent, text


def draw_partial_slicer(
    axes: Sequence[Axes], f: Function, window: Window, title: str = "", levels: int = 12,
) -> SlicerArtists:
    """Draw the partial slicer on the axes from :func:`add_slicer_axes`.

    Left: contour map of ``f`` with the point ``(x0, y0)`` and the two slice
    lines ``y = y0`` (blue) and ``x = x0`` (vermillion, dashed). Right: the slices
    ``z = f(x, y0)`` and ``z = f(x0, y)``, each with the point and a dashed
    tangent line whose slope is the partial derivative.

    The artists start empty; call :func:`update_partial_slicer` to place them.

    ``axes`` are a :class:`SlicerAxes` or ``(map_axes, x_axes, y_axes)``
    (then the map has no colour bar); ``f(x, y)`` is vectorised; ``window`` is
    ``(xmin, xmax, ymin, ymax)``; ``title`` (e.g. the formula of ``f``) goes
    above the map; ``levels`` is the number of contour bands.
    """
    map_axes, x_axes, y_axes, colorbar_axes = SlicerAxes(*axes)
    blue, vermillion = PALETTE["blue"], PALETTE["vermillion"]
    contours = draw_contour_map(map_axes, f, window, levels, colorbar_axes=colorbar_axes)
    (x_line,) = map_axes.plot([], [], color=blue, linewidth=2, label="y = y0")
    (y_line,) = map_axes.plot([], [], color=vermillion, linewidth=2, linestyle="--", label="x = x0")
    (marker,) = map_axes.plot([], [], "o", color=PALETTE["black"], markersize=7,
                              markeredgecolor="white")
    title_text = map_axes.set_title(title, fontsize=11, y=1.0)
    value_text = map_axes.text(0.03, 0.97, "", transform=map_axes.transAxes, va="top",
                               fontsize=10, bbox={"facecolor": "white", "alpha": 0.85,
                                                  "edgecolor": "none"})
    label_axes(map_axes, "x", "y", gap=24)
    x_parts = _slice_panel(x_axes, blue, "x")
    y_parts = _slice_panel(y_axes, vermillion, "y")
    artists = SlicerArtists(map_axes, x_axes, y_axes, tuple(window), contours, title_text,
                            marker, x_line, y_line, *x_parts, *y_parts, value_text)
    _set_slice_limits(artists, f)
    return artists


def _set_slice_limits(artists: SlicerArtists, f: Function) -> None:
    """Fix the slice panels' axes to the window and to the range of ``f`` on it.

    Every slice lies inside the window, so its values lie inside the range of
    ``f`` over the window: the axes never need to move on a slider step.
    """
    xmin, xmax, ymin, ymax = artists.window
    _, _, z = sample_grid(f, artists.window, samples=51)
    artists.x_axes.set_xlim(xmin, xmax)
    artists.y_axes.set_xlim(ymin, ymax)
    for ax in (artists.x_axes, artists.y_axes):  # one z scale for both slices
        ax.set_ylim(*value_range(z))


def _finite(value: float) -> float:
    """``value`` as a float, or nan when it is infinite or undefined."""
    value = float(value)
    return value if np.isfinite(value) else float("nan")


def _tangent(centre: float, value: float, slope: float, low: float, high: float):
    """Two points of the line ``z = value + slope (t - centre)`` over ``[low, high]``."""
    if not np.all(np.isfinite([centre, value, slope])):
        return [], []
    ends = np.array([low, high], dtype=float)
    return ends, value + slope * (ends - centre)


def update_partial_slicer(
    artists: SlicerArtists, f: Function, point: Sequence[float], value: float,
    slopes: Sequence[float],
) -> None:
    """Move the slicer to ``point``: slice lines, slice curves, tangents, readouts.

    Only calls ``set_data`` and ``set_text`` on existing artists. ``f(x, y)``
    (vectorised) is sampled along the two slices through ``point = (x0, y0)``;
    ``value`` is ``f(x0, y0)`` and ``slopes = (f_x, f_y)`` are the partial
    derivatives there, the tangents' slopes.
    """
    labels = partial_labels(point, value, slopes)
    x0, y0 = (_finite(c) for c in point)
    value, fx, fy = _finite(value), _finite(slopes[0]), _finite(slopes[1])
    xmin, xmax, ymin, ymax = artists.window
    ts_x = np.linspace(xmin, xmax, artists.samples)
    ts_y = np.linspace(ymin, ymax, artists.samples)
    artists.x_line.set_data([xmin, xmax], [y0, y0])
    artists.y_line.set_data([x0, x0], [ymin, ymax])
    artists.point.set_data([x0], [y0])
    artists.x_curve.set_data(ts_x, evaluate(f, ts_x, np.full_like(ts_x, y0)))
    artists.y_curve.set_data(ts_y, evaluate(f, np.full_like(ts_y, x0), ts_y))
    artists.x_point.set_data([x0], [value])
    artists.y_point.set_data([y0], [value])
    artists.x_tangent.set_data(*_tangent(x0, value, fx, xmin, xmax))
    artists.y_tangent.set_data(*_tangent(y0, value, fy, ymin, ymax))
    artists.value_text.set_text(labels[0])
    artists.x_text.set_text(labels[1])
    artists.y_text.set_text(labels[2])
    at_x, at_y = (format_number(c, digits=2) for c in point)
    artists.x_axes.title.set_text(f"slice y = {at_y}:  z = f(x, {at_y})")
    artists.y_axes.title.set_text(f"slice x = {at_x}:  z = f({at_x}, y)")


def update_slicer_function(
    artists: SlicerArtists, f: Function, title: str = "", levels: int = 12
) -> None:
    """Show a new function ``f``: redraw the contour map and rescale the slices.

    This is the one update that replaces artists (the two contour sets), so
    call it when the function changes, never on a slider move. Follow it with
    :func:`update_partial_slicer` to place the point and the slices.
    """
    artists.contours = replace_contour_map(artists.contours, artists.map_axes, f, artists.window, levels)
    artists.title.set_text(title)
    _set_slice_limits(artists, f)
