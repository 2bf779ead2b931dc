"""The Lagrange explorer's figure: a point on the constraint curve, grad f and grad g, f along the curve.

Left, the contour map of ``f`` with the constraint curve ``g = c`` drawn once,
and the moving artists: the point on the curve and two arrows, ``grad f``
(vermillion, long and wide) and ``grad g`` (sky blue, shorter and narrower, on
top), each drawn with a fixed length (their directions are what matters; the
readout gives their sizes). Right, the value
of ``f`` along the curve against the curve's parameter ``t``, with a marker
at the point. :func:`update_lagrange` moves the artists (``set_data``,
``set_offsets``, ``set_UVC``); :func:`update_lagrange_problem` draws a new
problem, the one change that needs a full redraw.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import numpy as np
>>> from matplotlib.figure import Figure
>>> fig = Figure()
>>> t = np.linspace(0, 2 * np.pi, 50)
>>> curve = (np.cos(t), np.sin(t))
>>> artists = draw_lagrange(*add_lagrange_axes(fig), lambda x, y: x + y, (-2, 2, -2, 2), t, curve, curve[0] + curve[1])
>>> update_lagrange(artists, 0.0, (1.0, 0.0), 1.0, (1.0, 1.0), (2.0, 0.0))
>>> artists.point.get_xydata().tolist(), artists.marker.get_xydata().tolist()
([[1.0, 0.0]], [[0.0, 1.0]])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.quiver import Quiver
from matplotlib.text import Text

from helpers.plotting import PALETTE, ContourArtists, Function, Window, draw_contour_map, replace_contour_map

__all__ = ["LagrangeArtists", "add_lagrange_axes", "draw_lagrange", "update_lagrange",
           "update_lagrange_problem"]

#: Arrow lengths as fractions of the window's width: grad f long and wide, grad g shorter and
#: narrower on top of it, so both show when they point the same way.
ARROW_FRACTIONS = (0.22, 0.14)


@dataclass(eq=False)
class LagrangeArtists:
    """Everything the Lagrange explorer draws; see :func:`draw_lagrange`."""

    map_axes: Axes
    curve_axes: Axes
    window: Window
    contours: ContourArtists
    curve: Line2D
    along: Line2D
    title: Text
    point: Line2D
    grad_f: Quiver
    grad_g: Quiver
    marker: Line2D

    @property
    def arrow_lengths(self) -> tuple[float, float]:
        """Drawn lengths of the grad f and grad g arrows, in data units."""
        width = self.window[1] - self.window[0]
        return ARROW_FRACTIONS[0] * width, ARROW_FRACTIONS[1] * width

    def moving(self) -> tuple[Artist, ...]:
        """The artists a slider step moves, for a :class:`helpers.blitting.Blitter`."""
        return (self.point, self.grad_f, self.grad_g, self.marker)


def add_lagrange_axes(fig: Figure) -> tuple[Axes, Axes]:
    """The contour map (left, wider) and the panel of f along the curve (right)."""
    grid = fig.add_gridspec(1, 2, width_ratios=(1.15, 1.0), left=0.07, right=0.98, bottom=0.13,
                            top=0.9, wspace=0.28)
    return fig.add_subplot(grid[0]), fig.add_subplot(grid[1])


def _arrow(ax: Axes, colour: str, label: str, width: float, zorder: int) -> Quiver:
    arrow = ax.quiver([0.0], [0.0], [0.0], [0.0], angles="xy", scale_units="xy", scale=1,
                      color=colour, width=width, headwidth=3.5, headlength=4, minlength=0,
                      edgecolor=PALETTE["black"], linewidth=0.5, zorder=zorder, label=label)
    arrow.set_visible(False)
    return arrow


def _draw_along(artists_axes: Axes, t: np.ndarray, values: np.ndarray) -> Line2D:
    (along,) = artists_axes.plot(t, values, color=PALETTE["bluish_green"], linewidth=2)
    finite = values[np.isfinite(values)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (-1.0, 1.0)
    pad = 0.08 * (high - low) or 1.0
    artists_axes.set_xlim(float(t[0]), float(t[-1]))
    artists_axes.set_ylim(low - pad, high + pad)
    return along


def draw_lagrange(map_axes: Axes, curve_axes: Axes, f: Function, window: Window, t: np.ndarray,
                  curve: tuple[np.ndarray, np.ndarray], values: np.ndarray,
                  title: str = "") -> LagrangeArtists:
    """Draw the contour map of ``f``, the constraint curve and ``f`` along it; the movers empty.

    Parameters
    ----------
    map_axes, curve_axes : Axes
        From :func:`add_lagrange_axes`.
    f : callable
        Vectorised ``f(x, y)``.
    window : (xmin, xmax, ymin, ymax)
    t : ndarray
        Parameter values along the curve, increasing.
    curve : (ndarray, ndarray)
        The curve's points ``x(t)``, ``y(t)``.
    values : ndarray
        ``f`` at those points.
    title : str
        Shown above the map.
    """
    window = tuple(float(v) for v in window)
    contours = draw_contour_map(map_axes, f, window, levels=14)
    (line,) = map_axes.plot(*curve, color=PALETTE["orange"], linewidth=2.5, zorder=3,
                            label="constraint g = c")
    grad_f = _arrow(map_axes, PALETTE["vermillion"], "∇f", 0.016, 5)
    grad_g = _arrow(map_axes, PALETTE["sky_blue"], "∇g", 0.009, 6)
    (point,) = map_axes.plot([], [], "o", color=PALETTE["black"], markersize=8,
                             markeredgecolor="white", zorder=7)
    map_axes.set_xlabel("x")
    map_axes.set_ylabel("y")
    map_axes.legend(handles=[line, grad_f, grad_g], loc="lower left", fontsize=8, framealpha=0.85)
    title_text = map_axes.set_title(title, fontsize=10)
    along = _draw_along(curve_axes, np.asarray(t, dtype=float), np.asarray(values, dtype=float))
    (marker,) = curve_axes.plot([], [], "o", color=PALETTE["black"], markersize=8,
                                markeredgecolor="white", zorder=4)
    curve_axes.set_xlabel("t (position along the curve)")
    curve_axes.set_ylabel("f along the curve")
    curve_axes.set_title("f(x(t), y(t))", fontsize=10)
    curve_axes.grid(True, alpha=0.3)
    return LagrangeArtists(map_axes, curve_axes, window, contours, line, along, title_text, point,
                           grad_f, grad_g, marker)


def _place(arrow: Quiver, at: Sequence[float], vector: Sequence[float], length: float) -> None:
    """Put a fixed-length arrow at ``at`` along ``vector``; hide it for a zero or undefined one."""
    v = np.asarray(vector, dtype=float)
    norm = float(np.linalg.norm(v))
    if not np.isfinite(norm) or norm < 1e-12 or not np.all(np.isfinite(at)):
        arrow.set_visible(False)
        return
    arrow.set_offsets([list(at)])
    arrow.set_UVC([v[0] / norm * length], [v[1] / norm * length])
    arrow.set_visible(True)


def update_lagrange(artists: LagrangeArtists, t: float, point: Sequence[float], value: float,
                    grad_f: Sequence[float], grad_g: Sequence[float]) -> None:
    """Move the point, the two arrows and the marker on the f-panel (no new artists)."""
    x0, y0 = (float(c) for c in point)
    if not (np.isfinite(x0) and np.isfinite(y0)):
        artists.point.set_data([], [])
    else:
        artists.point.set_data([x0], [y0])
    _place(artists.grad_f, (x0, y0), grad_f, artists.arrow_lengths[0])
    _place(artists.grad_g, (x0, y0), grad_g, artists.arrow_lengths[1])
    if np.isfinite(value):
        artists.marker.set_data([float(t)], [float(value)])
    else:
        artists.marker.set_data([], [])


def update_lagrange_problem(artists: LagrangeArtists, f: Function, window: Window, t: np.ndarray,
                            curve: tuple[np.ndarray, np.ndarray], values: np.ndarray,
                            title: str = "") -> None:
    """Show a new problem: contours, curve, window and the f-panel (then redraw fully)."""
    artists.window = tuple(float(v) for v in window)
    artists.contours = replace_contour_map(artists.contours, artists.map_axes, f, artists.window, 14)
    artists.curve.set_data(*curve)
    artists.along.remove()
    artists.along = _draw_along(artists.curve_axes, np.asarray(t, dtype=float),
                                np.asarray(values, dtype=float))
    artists.title.set_text(title)
