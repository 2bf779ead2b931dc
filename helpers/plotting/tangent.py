"""The tangent-plane zoom: a surface and its linear approximation, drawn once and moved.

Three panels, built by :func:`draw_tangent_zoom` and moved in place by
:func:`update_tangent_zoom`:

- **map**: the filled contour map of ``f`` over a fixed window, the point
  ``(a, b)``, the square window of half-width ``w`` around it, the slice line
  through it, and the level lines of the linear approximation ``L`` (dashed,
  straight and parallel) over the level lines of ``f``;
- **slice**: ``f`` and ``L`` along the slice, zoomed to the window. Both axes
  are measured in half-widths, ``(z - f(a, b)) / w`` against ``t / w``, so the
  axes never change: ``L`` is a fixed straight line and, as ``w`` shrinks,
  the curve of a differentiable ``f`` straightens onto it;
- **error**: the largest ``|f - L|`` over the window against ``w``, on log-log
  axes, with the current ``w`` marked and a dashed reference line of slope 2.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from matplotlib.figure import Figure
>>> f = lambda x, y: x * np.exp(y)
>>> artists = draw_tangent_zoom(add_tangent_axes(Figure()), f, (-2, 2, -2, 2))
>>> errors = update_tangent_zoom(artists, f, (1.0, 0.0), 1.0, (1.0, 1.0), 0.1)
>>> round(float(errors["error"]), 4)
0.0157
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from helpers.plotting import PALETTE, ContourArtists, draw_contour_map, evaluate, sample_grid

__all__ = [
    "ZOOM_RANGE", "TangentAxes", "add_tangent_axes", "largest_error", "TangentArtists",
    "draw_tangent_zoom", "update_tangent_zoom", "update_tangent_function",
]

Window = tuple[float, float, float, float]
Function = Callable[[np.ndarray, np.ndarray], np.ndarray]

#: Smallest and largest half-width of the zoom window.
ZOOM_RANGE = (0.01, 2.0)
_ERROR_LIMITS = (1e-9, 1e3)  # fixed y-range of the log-log error panel
_WIDTHS = np.geomspace(*ZOOM_RANGE, 31)  # half-widths sampled for the error curve


class TangentAxes(NamedTuple):
    """The three axes of the tangent zoom, from :func:`add_tangent_axes`."""

    map: Axes
    slice: Axes
    error: Axes


def add_tangent_axes(fig: Figure) -> TangentAxes:
    """Lay out the tangent zoom: contour map, zoomed slice, error against width."""
    grid = fig.add_gridspec(1, 3, width_ratios=(1.0, 1.0, 1.0), left=0.065, right=0.985,
                            bottom=0.14, top=0.88, wspace=0.34)
    return TangentAxes(*(fig.add_subplot(grid[i]) for i in range(3)))


def largest_error(f: Function, point: Sequence[float], value: float, slopes: Sequence[float],
                  widths: np.ndarray | float, samples: int = 41) -> np.ndarray:
    """Largest ``|f - L|`` over square windows of half-width ``widths`` around ``point``.

    ``L(x, y) = value + f_x (x - a) + f_y (y - b)`` with ``slopes = (f_x, f_y)``;
    each window is sampled on ``samples x samples`` points. Where ``f`` is
    undefined on the whole window the result is nan.

    Examples
    --------
    >>> f = lambda x, y: x**2 - y**2
    >>> largest_error(f, (3, 4), -7, (6, -8), np.array([0.1, 0.2])).round(6).tolist()
    [0.01, 0.04]
    """
    a, b = (float(c) for c in point)
    widths = np.atleast_1d(np.asarray(widths, dtype=float))
    offsets = np.linspace(-1.0, 1.0, samples)
    sx, sy = np.meshgrid(offsets, offsets)
    dx = widths[:, None, None] * sx
    dy = widths[:, None, None] * sy
    with np.errstate(all="ignore"):
        gap = np.abs(evaluate(f, a + dx, b + dy) - (value + slopes[0] * dx + slopes[1] * dy))
    gap[~np.isfinite(gap)] = np.nan
    out = np.full(widths.shape, np.nan)
    defined = ~np.all(np.isnan(gap), axis=(1, 2))
    out[defined] = np.nanmax(gap[defined], axis=(1, 2))
    return out


@dataclass(eq=False)
class TangentArtists:
    """Everything the tangent zoom draws; see :func:`draw_tangent_zoom`."""

    axes: TangentAxes
    window: Window
    direction: np.ndarray
    contours: ContourArtists
    title: Text
    point: Line2D
    square: Line2D
    slice_line: Line2D
    plane_levels: LineCollection
    f_curve: Line2D
    plane_line: Line2D
    slice_text: Text
    error_curve: Line2D
    error_marker: Line2D
    reference: Line2D
    error_text: Text
    samples: int = 201

    def moving(self) -> tuple[Artist, ...]:
        """The artists a slider step moves, for a :class:`helpers.blitting.Blitter`."""
        return (self.plane_levels, self.slice_line, self.square, self.point, self.f_curve,
                self.plane_line, self.slice_text, self.error_curve, self.reference,
                self.error_marker, self.error_text)


def _box(ax: Axes, x: float, y: float, ha: str = "left") -> Text:
    return ax.text(x, y, "", transform=ax.transAxes, va="top", ha=ha, fontsize=9,
                   bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})


def _slice_limits(ax: Axes, f: Function, window: Window) -> None:
    """Fix the slice panel's rise axis to a typical slope of ``f`` on the window (at least 1)."""
    x, y, _ = sample_grid(f, window, samples=41)
    step = (window[1] - window[0]) / 40
    with np.errstate(all="ignore"):
        slopes = np.hypot(*np.gradient(evaluate(f, x, y), step, step))
    finite = slopes[np.isfinite(slopes)]
    steep = max(float(np.quantile(finite, 0.6)) if finite.size else 1.0, 1.0)
    ax.set_ylim(-1.5 * steep, 1.5 * steep)


def draw_tangent_zoom(axes: Sequence[Axes], f: Function, window: Window, title: str = "",
                      angle: float = 30.0, levels: int = 12) -> TangentArtists:
    """Draw the tangent zoom on the axes from :func:`add_tangent_axes`.

    The moving artists start empty; call :func:`update_tangent_zoom` to place
    them. ``window`` is ``(xmin, xmax, ymin, ymax)`` of the contour map,
    ``angle`` the direction of the slice in degrees from the x-axis.
    """
    axes = TangentAxes(*axes)
    map_ax, slice_ax, error_ax = axes
    contours = draw_contour_map(map_ax, f, window, levels)
    (slice_line,) = map_ax.plot([], [], color=PALETTE["bluish_green"], lw=1.6, ls=":")
    plane_levels = LineCollection([], colors=PALETTE["orange"], linewidths=1.3, linestyles="--")
    map_ax.add_collection(plane_levels, autolim=False)
    (square,) = map_ax.plot([], [], color=PALETTE["sky_blue"], lw=1.8)
    (point,) = map_ax.plot([], [], "o", color=PALETTE["black"], markersize=6,
                           markeredgecolor="white")
    title_text = map_ax.set_title(title, fontsize=10)
    map_ax.set(xlabel="x", ylabel="y")

    (f_curve,) = slice_ax.plot([], [], color=PALETTE["blue"], lw=2, label="f along the slice")
    (plane_line,) = slice_ax.plot([], [], color=PALETTE["orange"], lw=1.8, ls="--",
                                  label="L along the slice")
    slice_ax.set_xlim(-1, 1)
    _slice_limits(slice_ax, f, window)
    slice_ax.set(xlabel="distance along the slice / w", ylabel="(z − f(a, b)) / w")
    slice_ax.set_title("zoomed slice (in half-widths)", fontsize=10)
    slice_ax.grid(True, lw=0.4, alpha=0.5)
    slice_ax.legend(loc="lower right", fontsize=8)
    slice_text = _box(slice_ax, 0.03, 0.97)

    (error_curve,) = error_ax.loglog([], [], color=PALETTE["vermillion"], lw=2,
                                     label="largest |f − L| in the window")
    (reference,) = error_ax.loglog([], [], color="grey", lw=1.2, ls="--", label="slope 2")
    (error_marker,) = error_ax.loglog([], [], "o", color=PALETTE["black"], markersize=6)
    error_ax.set_xlim(ZOOM_RANGE[0] * 0.8, ZOOM_RANGE[1] * 1.25)
    error_ax.set_ylim(*_ERROR_LIMITS)
    error_ax.set(xlabel="half-width w of the window", ylabel="error")
    error_ax.set_title("error against window size", fontsize=10)
    error_ax.grid(True, which="major", lw=0.4, alpha=0.5)
    error_ax.legend(loc="lower right", fontsize=8)
    error_text = _box(error_ax, 0.03, 0.97)
    direction = np.array([np.cos(np.radians(angle)), np.sin(np.radians(angle))])
    return TangentArtists(axes, tuple(float(v) for v in window), direction, contours,
                          title_text, point, square, slice_line, plane_levels, f_curve,
                          plane_line, slice_text, error_curve, error_marker, reference, error_text)


def _finite(value: float) -> float:
    """``value`` as a float, or nan when it is infinite or undefined."""
    value = float(value)
    return value if np.isfinite(value) else float("nan")


def _plane_segments(artists: TangentArtists, point, value: float, slopes) -> list:
    """Level lines ``L = c`` at the map's contour levels: straight, across the window."""
    g = np.asarray(slopes, dtype=float)
    size = float(np.hypot(*g))
    if not (np.all(np.isfinite([*point, value])) and np.isfinite(size) and size > 1e-12):
        return []
    xmin, xmax, ymin, ymax = artists.window
    reach = float(np.hypot(xmax - xmin, ymax - ymin))
    across = np.array([-g[1], g[0]]) / size
    segments = []
    for level in artists.contours.filled.levels:
        centre = np.asarray(point, dtype=float) + (level - value) / size**2 * g
        if np.hypot(*(centre - np.asarray(point))) <= reach:
            segments.append([centre - reach * across, centre + reach * across])
    return segments


def update_tangent_zoom(artists: TangentArtists, f: Function, point: Sequence[float],
                        value: float, slopes: Sequence[float], width: float) -> dict:
    """Move the zoom to ``point`` with half-width ``width``; return the errors shown.

    Only calls ``set_data``, ``set_segments`` and ``set_text`` on existing
    artists. ``value = f(a, b)`` and ``slopes = (f_x, f_y)`` at ``point = (a, b)``.

    Returns
    -------
    dict
        ``error`` (largest ``|f - L|`` over the window), ``per_width``
        (``error / w``) and ``per_area`` (``error / w**2``); nan when undefined.
    """
    a, b, w, value = (_finite(c) for c in (*point, width, value))
    fx, fy = (_finite(c) for c in slopes)
    ok = bool(np.all(np.isfinite([a, b, w, value, fx, fy]))) and w > 0
    artists.point.set_data([a], [b])
    corners_x = [a - w, a + w, a + w, a - w, a - w]
    corners_y = [b - w, b - w, b + w, b + w, b - w]
    artists.square.set_data(corners_x, corners_y)
    u = artists.direction
    reach = float(np.hypot(artists.window[1] - artists.window[0],
                           artists.window[3] - artists.window[2]))
    artists.slice_line.set_data([a - reach * u[0], a + reach * u[0]],
                                [b - reach * u[1], b + reach * u[1]])
    artists.plane_levels.set_segments(_plane_segments(artists, (a, b), value, (fx, fy)))
    s = np.linspace(-1.0, 1.0, artists.samples)
    if not ok:
        for line in (artists.f_curve, artists.plane_line, artists.error_curve,
                     artists.error_marker, artists.reference):
            line.set_data([], [])
        artists.slice_text.set_text("f or its slopes are undefined here")
        artists.error_text.set_text("")
        return {"error": np.nan, "per_width": np.nan, "per_area": np.nan}
    along = evaluate(f, a + w * s * u[0], b + w * s * u[1])
    artists.f_curve.set_data(s, (along - value) / w)
    rate = fx * u[0] + fy * u[1]
    artists.plane_line.set_data([-1.0, 1.0], [-rate, rate])
    artists.slice_text.set_text(f"w = {w:.3g}")
    curve = largest_error(f, (a, b), value, (fx, fy), _WIDTHS)
    curve[curve <= _ERROR_LIMITS[0] * 1e-3] = np.nan  # zero error has no logarithm: a gap
    artists.error_curve.set_data(_WIDTHS, curve)
    error = float(largest_error(f, (a, b), value, (fx, fy), w)[0])
    if np.isfinite(error) and error > 0:
        artists.error_marker.set_data([w], [error])
        artists.reference.set_data(_WIDTHS, error * (_WIDTHS / w) ** 2)
    else:
        artists.error_marker.set_data([], [])
        artists.reference.set_data([], [])
    per_width, per_area = error / w, error / w**2
    artists.error_text.set_text(f"error / w² = {per_area:.3g}" if np.isfinite(per_area) else "")
    return {"error": error, "per_width": per_width, "per_area": per_area}


def update_tangent_function(artists: TangentArtists, f: Function, title: str = "",
                            levels: int = 12) -> None:
    """Show a new function: new contour map and slice scale (replaces the contour sets).

    Call it when the function changes, never on a slider move; follow it with
    :func:`update_tangent_zoom`.
    """
    old = artists.contours
    old.filled.remove()
    old.lines.remove()
    artists.contours = draw_contour_map(artists.axes.map, f, artists.window, levels)
    artists.title.set_text(title)
    _slice_limits(artists.axes.slice, f, artists.window)
