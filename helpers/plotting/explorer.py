"""The gradient explorer's figure: a contour map, the gradient field, one bold arrow.

``draw_gradient_explorer`` draws, once per function, the filled contours of
``f``, a coarse quiver field of its gradient and the artists that move: the
point ``(x0, y0)``, its gradient arrow (drawn bold) and a short segment of the
tangent line to the level curve through the point, perpendicular to the
arrow. ``update_gradient_explorer`` moves those artists in place
(``set_offsets``, ``set_UVC``, ``set_data``, ``set_text``) and never creates
new ones; ``update_explorer_function`` swaps in a new function (contours and
field), the one change that needs a full redraw.

Arrow lengths: field arrows are proportional to ``|grad f|``, scaled so that
the longest arrow on the grid fills about one grid cell. The bold arrow shows
only the direction: it is always a fifth of the window wide, and the readout
of the widget gives its length ``|grad f|``.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from matplotlib.figure import Figure
>>> f = lambda x, y: x**2 + 4 * y**2
>>> ax = Figure().add_subplot()
>>> artists = draw_gradient_explorer(ax, f, (-3, 3, -3, 3))
>>> update_gradient_explorer(artists, (2.0, 1.0), (4.0, 8.0))
>>> artists.label.get_text()
'∇f(2.00, 1.00) = (4.000, 8.000)'
>>> [round(float(c), 6) for c in tangent_direction((4.0, 8.0))]
[-0.894427, 0.447214]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.quiver import Quiver
from matplotlib.text import Text

from helpers.calculus import gradient
from helpers.plotting import PALETTE, ContourArtists, draw_contour_map, format_number, replace_contour_map

__all__ = [
    "ZERO_GRADIENT", "FieldArtists", "ExplorerArtists", "gradient_on_grid", "tangent_direction",
    "gradient_label", "draw_gradient_field", "draw_gradient_explorer", "update_gradient_explorer",
    "update_explorer_function",
]

#: A gradient shorter than this counts as zero: no arrow, no tangent direction.
ZERO_GRADIENT = 1e-8

Window = tuple[float, float, float, float]
Function = Callable[[np.ndarray, np.ndarray], np.ndarray]


def gradient_on_grid(f: Function, window: Window, samples: int = 15):
    """``x, y, gx, gy`` on a ``samples x samples`` grid; non-finite components become 0.

    Examples
    --------
    >>> x, y, gx, gy = gradient_on_grid(lambda x, y: x * y, (0, 1, 0, 2), samples=3)
    >>> gx[:, 0].tolist(), gy[0].tolist()
    ([0.0, 1.0, 2.0], [0.0, 0.5, 1.0])
    """
    xmin, xmax, ymin, ymax = window
    x, y = np.meshgrid(np.linspace(xmin, xmax, samples), np.linspace(ymin, ymax, samples))
    with np.errstate(all="ignore"):
        gx, gy = (np.broadcast_to(np.asarray(g, dtype=float), x.shape).copy()
                  for g in gradient(f, (x, y)))
    bad = ~(np.isfinite(gx) & np.isfinite(gy))
    gx[bad], gy[bad] = 0.0, 0.0
    return x, y, gx, gy


def tangent_direction(grad: Sequence[float]) -> np.ndarray:
    """Unit vector along the level curve: the gradient turned a quarter turn anticlockwise.

    Returns ``(nan, nan)`` when the gradient is zero or not finite (no level
    curve direction is defined by it there).
    """
    gx, gy = (float(c) for c in grad)
    length = float(np.hypot(gx, gy))
    if not np.isfinite(length) or length <= ZERO_GRADIENT:
        return np.array([np.nan, np.nan])
    return np.array([-gy, gx]) / length


def gradient_label(point: Sequence[float], grad: Sequence[float]) -> str:
    """``∇f(x0, y0) = (gx, gy)`` with the course's number format.

    Examples
    --------
    >>> gradient_label((1, 0.5), (2.0, float("nan")))
    '∇f(1.00, 0.50) = (2.000, undefined)'
    """
    at = ", ".join(format_number(c, digits=2) for c in point)
    return f"∇f({at}) = ({format_number(grad[0])}, {format_number(grad[1])})"


@dataclass(eq=False)
class FieldArtists:
    """A quiver field of the gradient and the factor its arrow lengths were drawn with."""

    quiver: Quiver
    largest: float  # the largest |grad f| on the grid (0 when f is flat or undefined)


def draw_gradient_field(ax: Axes, f: Function, window: Window, samples: int = 15) -> FieldArtists:
    """A coarse quiver field of ``grad f``, arrows proportional to ``|grad f|``.

    The longest arrow on the grid is about 0.9 of a grid cell long. Points
    where the gradient is undefined get no arrow (a zero vector).
    """
    x, y, gx, gy = gradient_on_grid(f, window, samples)
    largest = float(np.max(np.hypot(gx, gy)))
    cell = (window[1] - window[0]) / max(samples - 1, 1)
    factor = 0.9 * cell / largest if largest > ZERO_GRADIENT else 0.0
    quiver = ax.quiver(x, y, gx * factor, gy * factor, angles="xy", scale_units="xy", scale=1,
                       color="white", alpha=0.75, width=0.003, headwidth=4, minlength=0, zorder=2)
    return FieldArtists(quiver, largest)


@dataclass(eq=False)
class ExplorerArtists:
    """Everything the gradient explorer draws; see :func:`draw_gradient_explorer`."""

    axes: Axes
    window: Window
    contours: ContourArtists
    field: FieldArtists
    title: Text
    point: Line2D
    arrow: Quiver
    tangent: Line2D
    label: Text

    def moving(self) -> tuple[Artist, ...]:
        """The artists a slider step moves, for a :class:`helpers.blitting.Blitter`."""
        return (self.tangent, self.arrow, self.point, self.label)

    @property
    def arrow_length(self) -> float:
        """Length of the bold arrow in data units: a fifth of the window's width."""
        return 0.2 * (self.window[1] - self.window[0])


def draw_gradient_explorer(
    ax: Axes, f: Function, window: Window, title: str = "", levels: int = 12,
    colorbar_axes: Axes | None = None, samples: int = 15,
) -> ExplorerArtists:
    """Draw the contour map of ``f``, its gradient field and the (empty) moving artists.

    ``f(x, y)`` is vectorised; ``window`` is ``(xmin, xmax, ymin, ymax)``;
    ``samples`` is the number of field arrows per axis. Call
    :func:`update_gradient_explorer` to place the point, arrow and tangent.
    """
    contours = draw_contour_map(ax, f, window, levels, colorbar_axes=colorbar_axes)
    field = draw_gradient_field(ax, f, window, samples)
    (tangent,) = ax.plot([], [], color=PALETTE["orange"], linestyle="--", linewidth=2.5,
                         label="tangent to the level curve", zorder=4)
    arrow = ax.quiver([0.0], [0.0], [0.0], [0.0], angles="xy", scale_units="xy", scale=1,
                      color=PALETTE["vermillion"], width=0.009, headwidth=3.5, headlength=4,
                      minlength=0, edgecolor=PALETTE["black"], linewidth=0.6, zorder=5,
                      label="∇f at the point")
    arrow.set_visible(False)
    (point,) = ax.plot([], [], "o", color=PALETTE["black"], markersize=7,
                       markeredgecolor="white", zorder=6)
    label = ax.text(0.03, 0.97, "", transform=ax.transAxes, va="top", fontsize=10, zorder=7,
                    bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none"})
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    title_text = ax.set_title(title, fontsize=11)
    return ExplorerArtists(ax, tuple(float(v) for v in window), contours, field, title_text,
                           point, arrow, tangent, label)


def update_gradient_explorer(artists: ExplorerArtists, point: Sequence[float],
                             grad: Sequence[float]) -> None:
    """Move the point, its gradient arrow and the tangent segment; set the label.

    ``grad`` is ``(f_x, f_y)`` at ``point``. A zero or non-finite gradient
    hides the arrow and the tangent (there is no direction to show).
    """
    x0, y0 = (float(c) for c in point)
    gx, gy = (float(c) for c in grad)
    artists.label.set_text(gradient_label((x0, y0), (gx, gy)))
    if not (np.isfinite(x0) and np.isfinite(y0)):
        artists.point.set_data([], [])
        artists.arrow.set_visible(False)
        artists.tangent.set_data([], [])
        return
    artists.point.set_data([x0], [y0])
    direction = tangent_direction((gx, gy))
    if not np.all(np.isfinite(direction)):
        artists.arrow.set_visible(False)
        artists.tangent.set_data([], [])
        return
    unit = np.array([direction[1], -direction[0]])  # the gradient's own direction
    artists.arrow.set_offsets([[x0, y0]])
    artists.arrow.set_UVC([unit[0] * artists.arrow_length], [unit[1] * artists.arrow_length])
    artists.arrow.set_visible(True)
    half = 0.6 * artists.arrow_length
    artists.tangent.set_data([x0 - half * direction[0], x0 + half * direction[0]],
                             [y0 - half * direction[1], y0 + half * direction[1]])


def update_explorer_function(artists: ExplorerArtists, f: Function, title: str = "",
                             levels: int = 12) -> None:
    """Show a new function: redraw the contours and the gradient field.

    This replaces the contour sets and the field quiver, so call it when the
    function changes, never on a slider move; then call
    :func:`update_gradient_explorer`.
    """
    artists.field.quiver.remove()
    samples = artists.field.quiver.N
    artists.contours = replace_contour_map(artists.contours, artists.axes, f, artists.window, levels)
    artists.field = draw_gradient_field(artists.axes, f, artists.window, int(round(np.sqrt(samples))))
    artists.title.set_text(title)
