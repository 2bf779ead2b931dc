"""Figures drawn once and then moved in place.

Every figure in the course follows one rule: ``draw_*(ax, ...)`` creates the
artists and returns them in a small dataclass; ``update_*(artists, ...)``
moves those same artists (``set_data``, ``set_text``, ...) and never creates
new ones. A widget calls the ``update_*`` function on every slider move, so a
move costs a redraw of the moved artists (see :mod:`helpers.blitting`), not a
new figure.

Colours come from one colour-blind-safe palette, :data:`PALETTE`
(Okabe and Ito, 2008), and filled contour maps use ``cividis``, a colour map
that reads the same for common forms of colour blindness.

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

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colorbar import Colorbar
from matplotlib.contour import QuadContourSet
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import ScaledTranslation

__all__ = [
    "PALETTE", "TEXT_PALETTE", "CONTOUR_MAP", "NICE_STEPS", "Function", "Window", "evaluate", "label_axes",
    "format_number", "partial_labels", "sample_grid",
    "SlicerAxes", "add_slicer_axes", "ContourArtists", "draw_contour_map", "replace_contour_map",
    "SlicerArtists", "draw_partial_slicer", "update_partial_slicer", "update_slicer_function",
]

#: The Okabe-Ito palette: eight colours that stay distinct under the common
#: forms of colour blindness. Roles in the course: ``blue`` for anything moving
#: along x, ``vermillion`` for anything moving along y, ``black`` for the point.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Darker shades of two palette colours, for text (WCAG AA, 4.5 : 1, on white and light tints).
TEXT_PALETTE = {"blue": "#005A8C", "vermillion": "#9E4400"}

#: Colour map for filled contour maps (perceptually uniform, colour-blind safe).
CONTOUR_MAP = "cividis"

NICE_STEPS = (1, 2, 2.5, 5, 10)  # tick spacings: short labels such as 0.5, 1, 2.5

Window = tuple[float, float, float, float]
Function = Callable[[np.ndarray, np.ndarray], np.ndarray]


def format_number(value: float, digits: int = 3) -> str:
    """Format a readout value: fixed point, scientific when huge, words when undefined.

    Examples
    --------
    >>> format_number(1.23456), format_number(-0.0), format_number(2.5e7)
    ('1.235', '0.000', '2.500e+07')
    >>> format_number(float("nan")), format_number(float("inf"))
    ('undefined', 'infinite')
    """
    value = float(value)
    if np.isnan(value):
        return "undefined"
    if np.isinf(value):
        return "infinite"
    if value == 0:
        value = 0.0  # no "-0.000"
    if abs(value) >= 1e5:
        return f"{value:.{digits}e}"
    return f"{value:.{digits}f}"


def evaluate(f: Function, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``f(x, y)`` as a float array of the broadcast shape; nan where not finite."""
    shape = np.broadcast_shapes(np.shape(x), np.shape(y))
    with np.errstate(all="ignore"):
        z = np.broadcast_to(np.asarray(f(x, y), dtype=float), shape).astype(float)
    z[~np.isfinite(z)] = np.nan
    return z


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


def sample_grid(f: Function, window: Window, samples: int = 101):
    """Evaluate ``f(x, y)`` (vectorised) on ``samples x samples`` points of the window.

    ``window`` is ``(xmin, xmax, ymin, ymax)``. Returns the meshgrid arrays
    ``x, y, z``; ``z`` holds nan where ``f`` is undefined.

    Examples
    --------
    >>> x, y, z = sample_grid(lambda x, y: x + y, (0, 1, 0, 2), samples=3)
    >>> z[:, -1].tolist()
    [1.0, 2.0, 3.0]
    """
    xmin, xmax, ymin, ymax = window
    x, y = np.meshgrid(np.linspace(xmin, xmax, samples), np.linspace(ymin, ymax, samples))
    return x, y, evaluate(f, x, y)


def _value_range(z: np.ndarray, margin: float = 0.08) -> tuple[float, float]:
    """Finite range of ``z`` widened by ``margin``; ``(-1, 1)`` if none."""
    finite = z[np.isfinite(z)]
    if finite.size == 0:
        return -1.0, 1.0
    low, high = float(finite.min()), float(finite.max())
    if high - low < 1e-12 * max(1.0, abs(high)):
        return low - 1.0, high + 1.0
    pad = margin * (high - low)
    return low - pad, high + pad


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


def _offset(ax: Axes, x: float, y: float, dx_points: float, dy_points: float):
    """Transform placing a point at axes coords ``(x, y)`` moved by points."""
    shift = ScaledTranslation(dx_points / 72, dy_points / 72, ax.figure.dpi_scale_trans)
    return ax.transAxes + shift, (x, y)


def label_axes(ax: Axes, xlabel: str, ylabel: str, gap: float = 30) -> None:
    """Axis labels at fixed offsets, so a redraw need not measure tick labels."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    transform, (x, y) = _offset(ax, 0.5, 0.0, 0, -20)
    ax.xaxis.set_label_coords(x, y, transform=transform)
    transform, (x, y) = _offset(ax, 0.0, 0.5, -gap, 0)
    ax.yaxis.set_label_coords(x, y, transform=transform)


@dataclass(eq=False)
class ContourArtists:
    """A filled contour map with its level lines and (optional) colour bar."""

    filled: QuadContourSet
    lines: QuadContourSet
    colorbar: Colorbar | None


def draw_contour_map(
    ax: Axes, f: Function, window: Window, levels: int = 12, samples: int = 101,
    colorbar_axes: Axes | None = None,
) -> ContourArtists:
    """Draw filled contours of ``f`` over ``window`` on ``ax``.

    Computing contours is the costly part of building a figure, so a widget
    draws them once per function and never on a slider move.

    ``f(x, y)`` is vectorised, ``window`` is ``(xmin, xmax, ymin, ymax)``,
    ``levels`` the number of bands, ``samples`` the grid points per axis. With
    ``colorbar_axes``, a colour bar labelled ``z = f(x, y)`` is drawn there.
    """
    x, y, z = sample_grid(f, window, samples)
    low, high = _value_range(z, margin=0.0)
    bounds = np.linspace(low, high, levels + 1)
    masked = np.ma.masked_invalid(z)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # flat or partly undefined f
        filled = ax.contourf(x, y, masked, levels=bounds, cmap=CONTOUR_MAP)
        lines = ax.contour(x, y, masked, levels=bounds, colors="white", linewidths=0.6,
                           alpha=0.7)
    ax.set_xlim(window[0], window[1])
    ax.set_ylim(window[2], window[3])
    ax.set_aspect("equal", adjustable="box")
    colorbar = None
    if colorbar_axes is not None:
        colorbar = ax.figure.colorbar(filled, cax=colorbar_axes)
        colorbar.locator = MaxNLocator(6, steps=NICE_STEPS)
        colorbar.update_ticks()
        colorbar.set_label("z = f(x, y)")
        transform, (x, y) = _offset(colorbar_axes, 1.0, 0.5, 30, 0)
        colorbar_axes.yaxis.set_label_coords(x, y, transform=transform)
    return ContourArtists(filled, lines, colorbar)


def replace_contour_map(old: ContourArtists, ax: Axes, f: Function, window: Window,
                        levels: int = 12) -> ContourArtists:
    """Remove a contour map's artists and draw the map of ``f`` in their place.

    The colour bar's axes, if any, are reused. This replaces artists, so a
    widget calls it when its function changes, never on a slider move.
    """
    old.filled.remove()
    old.lines.remove()
    colorbar_axes = None
    if old.colorbar is not None:
        colorbar_axes = old.colorbar.ax
        colorbar_axes.clear()
    return draw_contour_map(ax, f, window, levels, colorbar_axes=colorbar_axes)


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
    lines ``y = y0`` (blue) and ``x = x0`` (vermillion). Right: the slices
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
        ax.set_ylim(*_value_range(z))


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
