"""The direction dial: the rate of change of ``f`` in every direction at once.

Left, a contour map of ``f`` with the point ``a``, the gradient arrow and the
unit direction ``u = (cos θ, sin θ)``, plus a dashed line along the level
curve (the two directions of rate 0). Right, the directional derivative as a
function of the angle, ``D_u f(θ) = ∇f(a) · (cos θ, sin θ)``: a cosine wave
with its maximum ``|∇f|`` in the direction of ``∇f`` and its minimum
``-|∇f|`` opposite.

As everywhere in :mod:`helpers.plotting`, :func:`draw_direction_dial` creates
the artists once and the ``update_*`` functions only move them.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from matplotlib.figure import Figure
>>> f = lambda x, y: x**2 + y**2
>>> artists = draw_direction_dial(add_dial_axes(Figure()), f, (-2, 2, -2, 2))
>>> update_dial_point(artists, (1.0, 1.0), (2.0, 2.0))
>>> reading = update_dial_direction(artists, 0.0)
>>> format_number(reading.rate), format_number(reading.norm)
('2.000', '2.828')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.quiver import Quiver
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator, MultipleLocator

from helpers.calculus import gradient
from helpers.plotting import (
    NICE_STEPS,
    PALETTE,
    ContourArtists,
    draw_contour_map,
    format_number,
    label_axes,
    replace_contour_map,
)

__all__ = [
    "CRITICAL_TOLERANCE", "DialAxes", "DialReading", "DialArtists", "add_dial_axes",
    "direction_reading", "largest_slope", "draw_direction_dial", "update_dial_point",
    "update_dial_direction", "update_dial_function",
]

#: Below this gradient length the point counts as critical: every rate is 0.
CRITICAL_TOLERANCE = 1e-9

Window = tuple[float, float, float, float]
Function = Callable[[np.ndarray, np.ndarray], np.ndarray]


class DialAxes(NamedTuple):
    """The axes of the direction dial, from :func:`add_dial_axes`."""

    map: Axes
    rate: Axes
    colorbar: Axes | None = None


class DialReading(NamedTuple):
    """What the dial reads at one angle: all plain floats (nan when undefined)."""

    u: tuple[float, float]
    rate: float
    norm: float
    angle: float  # between u and the gradient, in degrees, 0..180; nan at a critical point

    @property
    def finite(self) -> bool:
        """Whether the gradient, hence every rate, is defined here."""
        return bool(np.isfinite(self.norm))

    @property
    def critical(self) -> bool:
        """Whether the gradient vanishes, so that every direction has rate 0."""
        return self.finite and self.norm <= CRITICAL_TOLERANCE


def direction_reading(grad: Sequence[float], theta: float) -> DialReading:
    """``u = (cos θ, sin θ)`` (``theta`` in degrees), ``D_u f = ∇f · u``, ``|∇f|`` and the angle.

    Examples
    --------
    >>> r = direction_reading((3.0, 4.0), 0.0)
    >>> r.u, r.rate, r.norm, round(r.angle, 3)
    ((1.0, 0.0), 3.0, 5.0, 53.13)
    >>> direction_reading((0.0, 0.0), 30.0).critical
    True
    """
    theta = float(theta)
    if not np.isfinite(theta):
        theta = 0.0
    radians = np.deg2rad(theta)
    u = (float(np.cos(radians)), float(np.sin(radians)))
    with np.errstate(all="ignore"):
        g = np.asarray(grad, dtype=float)
        if not np.all(np.isfinite(g)):
            return DialReading(u, float("nan"), float("nan"), float("nan"))
        norm = float(np.hypot(*g))
        rate = float(g @ np.array(u))
    if not np.isfinite(norm):
        return DialReading(u, float("nan"), float("nan"), float("nan"))
    if norm <= CRITICAL_TOLERANCE:
        return DialReading(u, 0.0, norm, float("nan"))
    angle = float(np.degrees(np.arccos(np.clip(rate / norm, -1.0, 1.0))))
    return DialReading(u, rate, norm, angle)


def largest_slope(f: Function, window: Window, samples: int = 41) -> float:
    """The largest finite ``|∇f|`` on a grid over the window (1 when there is none).

    The rate panel's y-axis and the arrow scale are fixed from it once per
    function, so moving the point never rescales an axis.
    """
    xmin, xmax, ymin, ymax = window
    x, y = np.meshgrid(np.linspace(xmin, xmax, samples), np.linspace(ymin, ymax, samples))
    with np.errstate(all="ignore"):
        gx, gy = gradient(lambda a, b: np.asarray(f(a, b), dtype=float), (x, y))
        norms = np.hypot(gx, gy)
    finite = norms[np.isfinite(norms)]
    largest = float(finite.max()) if finite.size else 0.0
    return largest if largest > 1e-12 else 1.0


def add_dial_axes(fig: Figure) -> DialAxes:
    """Lay out the dial: contour map (with colour bar) left, rate against angle right."""
    outer = fig.add_gridspec(1, 2, width_ratios=(1.05, 1.0), left=0.07, right=0.985,
                             bottom=0.12, top=0.9, wspace=0.42)
    left = outer[0].subgridspec(1, 2, width_ratios=(1.0, 0.05), wspace=0.06)
    axes = DialAxes(fig.add_subplot(left[0]), fig.add_subplot(outer[1]), fig.add_subplot(left[1]))
    for ax in axes[:2]:  # few, short tick labels: text is most of a redraw
        ax.xaxis.set_major_locator(MaxNLocator(5, steps=NICE_STEPS))
        ax.yaxis.set_major_locator(MaxNLocator(5, steps=NICE_STEPS))
    return axes


@dataclass(eq=False)
class DialArtists:
    """Everything the direction dial draws; see :func:`draw_direction_dial`."""

    map_axes: Axes
    rate_axes: Axes
    window: Window
    contours: ContourArtists
    title: Text
    point: Line2D
    gradient_arrow: Quiver
    direction_arrow: Quiver
    level_line: Line2D
    curve: Line2D
    max_marker: Line2D
    min_marker: Line2D
    theta_marker: Line2D
    theta_line: Line2D
    rate_text: Text
    arrow_length: float = 1.0
    gradient_scale: float = 1.0
    grad: tuple[float, float] = (float("nan"), float("nan"))
    point_xy: tuple[float, float] = (float("nan"), float("nan"))
    samples: int = 361

    def moving(self) -> tuple[Artist, ...]:
        """The artists a slider step moves, for a :class:`helpers.blitting.Blitter`."""
        return (self.level_line, self.gradient_arrow, self.direction_arrow, self.point,
                self.curve, self.max_marker, self.min_marker, self.theta_line,
                self.theta_marker, self.rate_text)


def _arrow(ax: Axes, colour: str, label: str, width: float) -> Quiver:
    return ax.quiver([0.0], [0.0], [0.0], [0.0], angles="xy", scale_units="xy", scale=1,
                     color=colour, width=width, zorder=4, label=label)


def draw_direction_dial(axes: Sequence[Axes], f: Function, window: Window, title: str = "",
                        levels: int = 12) -> DialArtists:
    """Draw the dial on the axes from :func:`add_dial_axes`; artists start empty.

    Place them with :func:`update_dial_point` and :func:`update_dial_direction`.
    ``axes`` are a :class:`DialAxes` or ``(map_axes, rate_axes)``; ``f(x, y)``
    is vectorised; ``window`` is ``(xmin, xmax, ymin, ymax)``.
    """
    map_axes, rate_axes, colorbar_axes = DialAxes(*axes)
    contours = draw_contour_map(map_axes, f, window, levels, colorbar_axes=colorbar_axes)
    (level_line,) = map_axes.plot([], [], color=PALETTE["vermillion"], linestyle="--", linewidth=1.8,
                                  zorder=3, label="along the level curve: rate 0")
    gradient_arrow = _arrow(map_axes, PALETTE["orange"], "∇f (scaled)", 0.014)
    direction_arrow = _arrow(map_axes, PALETTE["sky_blue"], "u, length 1", 0.009)
    (point,) = map_axes.plot([], [], "o", color=PALETTE["black"], markersize=7,
                             markeredgecolor="white", zorder=5)
    title_text = map_axes.set_title(title, fontsize=11, y=1.0)
    label_axes(map_axes, "x", "y", gap=28)
    map_axes.legend(handles=[gradient_arrow, direction_arrow, level_line], loc="lower left",
                    fontsize=8, framealpha=0.85)

    (curve,) = rate_axes.plot([], [], color=PALETTE["blue"], linewidth=2,
                              label="D_u f = ∇f · (cos θ, sin θ)")
    (max_marker,) = rate_axes.plot([], [], "^", color=PALETTE["orange"], markersize=9,
                                   markeredgecolor=PALETTE["black"], label="maximum |∇f|")
    (min_marker,) = rate_axes.plot([], [], "v", color=PALETTE["reddish_purple"], markersize=9,
                                   markeredgecolor=PALETTE["black"], label="minimum −|∇f|")
    theta_line = rate_axes.axvline(0.0, color=PALETTE["sky_blue"], linestyle=":", linewidth=1.8)
    (theta_marker,) = rate_axes.plot([], [], "o", color=PALETTE["sky_blue"], markersize=8,
                                     markeredgecolor=PALETTE["black"], zorder=5)
    rate_axes.axhline(0.0, color="grey", linewidth=0.8, linestyle="-.")
    rate_text = rate_axes.text(0.03, 0.97, "", transform=rate_axes.transAxes, va="top", fontsize=10,
                               bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
    rate_axes.set_xlim(-180, 180)
    rate_axes.xaxis.set_major_locator(MultipleLocator(90))
    rate_axes.grid(True, linewidth=0.4, alpha=0.5)
    rate_axes.set_title("rate of change in direction θ", fontsize=11, y=1.0)
    label_axes(rate_axes, "θ (degrees)", "D_u f")
    rate_axes.legend(loc="upper right", fontsize=8, framealpha=0.85)
    artists = DialArtists(map_axes, rate_axes, tuple(window), contours, title_text, point,
                          gradient_arrow, direction_arrow, level_line, curve, max_marker,
                          min_marker, theta_marker, theta_line, rate_text)
    _set_scales(artists, f)
    return artists


def _set_scales(artists: DialArtists, f: Function) -> None:
    """Fix the rate axis and the arrow scale to the steepest slope of ``f`` in the window."""
    xmin, xmax, ymin, ymax = artists.window
    steepest = largest_slope(f, artists.window)
    artists.arrow_length = 0.2 * min(xmax - xmin, ymax - ymin)
    artists.gradient_scale = 1.5 * artists.arrow_length / steepest
    artists.rate_axes.set_ylim(-1.15 * steepest, 1.9 * steepest)  # room above for the key


def _show_arrow(arrow: Quiver, at: tuple[float, float], vector: Sequence[float]) -> None:
    """Move a one-arrow quiver to ``at`` with components ``vector``; hide it when undefined."""
    visible = bool(np.all(np.isfinite([*at, *vector])) and np.hypot(*vector) > 0)
    arrow.set_visible(visible)
    if visible:
        arrow.set_offsets(np.array([at], dtype=float))
        arrow.set_UVC([vector[0]], [vector[1]])


def update_dial_point(artists: DialArtists, point: Sequence[float], grad: Sequence[float]) -> None:
    """Move the point and redraw what depends on it: gradient arrow, level line, rate curve.

    ``grad`` is ``∇f`` at ``point``. Only existing artists change. Follow it
    with :func:`update_dial_direction` to place the direction.
    """
    x0, y0 = (float(c) for c in point)
    with np.errstate(all="ignore"):
        g = np.asarray(grad, dtype=float)
    artists.point_xy, artists.grad = (x0, y0), (float(g[0]), float(g[1]))
    reading = direction_reading(g, 0.0)
    defined = reading.finite and np.isfinite(x0) and np.isfinite(y0)
    artists.point.set_data(*(([x0], [y0]) if defined else ([], [])))
    _show_arrow(artists.gradient_arrow, (x0, y0), g * artists.gradient_scale if defined else (0, 0))
    thetas = np.linspace(-180.0, 180.0, artists.samples)
    if not defined:
        for line in (artists.level_line, artists.curve, artists.max_marker, artists.min_marker):
            line.set_data([], [])
        return
    artists.curve.set_data(thetas, g[0] * np.cos(np.deg2rad(thetas)) + g[1] * np.sin(np.deg2rad(thetas)))
    if reading.critical:
        artists.level_line.set_data([], [])
        artists.max_marker.set_data([], [])
        artists.min_marker.set_data([], [])
        return
    along = np.array([-g[1], g[0]]) / reading.norm * artists.arrow_length
    artists.level_line.set_data([x0 - along[0], x0 + along[0]], [y0 - along[1], y0 + along[1]])
    peak = float(np.degrees(np.arctan2(g[1], g[0])))
    trough = peak - 180.0 if peak > 0 else peak + 180.0
    artists.max_marker.set_data([peak], [reading.norm])
    artists.min_marker.set_data([trough], [-reading.norm])


def update_dial_direction(artists: DialArtists, theta: float) -> DialReading:
    """Turn the direction to ``theta`` degrees: arrow ``u``, marker, vertical line, text.

    Uses the gradient stored by the last :func:`update_dial_point`; the rate
    curve is not touched. Returns the :class:`DialReading` shown.
    """
    reading = direction_reading(artists.grad, theta)
    theta = float(theta) if np.isfinite(theta) else 0.0
    x0, y0 = artists.point_xy
    defined = reading.finite and np.isfinite(x0) and np.isfinite(y0)
    u = np.array(reading.u) * artists.arrow_length
    _show_arrow(artists.direction_arrow, (x0, y0), u if defined else (0.0, 0.0))
    artists.theta_line.set_xdata([theta, theta])
    artists.theta_marker.set_data(*(([theta], [reading.rate]) if defined else ([], [])))
    if not defined:
        artists.rate_text.set_text(f"θ = {theta:.1f}°\nD_u f undefined here")
    elif reading.critical:
        artists.rate_text.set_text(f"θ = {theta:.1f}°\n∇f = 0: rate 0 in every direction")
    else:
        artists.rate_text.set_text(f"θ = {theta:.1f}°\nD_u f = {format_number(reading.rate)}")
    return reading


def update_dial_function(artists: DialArtists, f: Function, title: str = "", levels: int = 12) -> None:
    """Show a new function: new contours, title, rate axis and arrow scale.

    The one update that replaces artists (the contour sets): call it when the
    function changes, never on a slider move, then place the point again.
    """
    artists.contours = replace_contour_map(artists.contours, artists.map_axes, f, artists.window, levels)
    artists.title.set_text(title)
    _set_scales(artists, f)
