"""Figures drawn once and then moved in place: what every figure of the course shares.

Every figure in the course follows one rule: ``draw_*(ax, ...)`` creates the
artists and returns them in a small dataclass; ``update_*(artists, ...)``
moves those same artists (``set_data``, ``set_text``, ...) and never creates
new ones. A widget calls the ``update_*`` function on every slider move, so a
move costs a redraw of the moved artists (see :mod:`helpers.blitting`), not a
new figure. One module per concept: ``slicer``, ``explorer``, ``dial``,
``tangent``, ``chain``, ``descent``, and ``surface`` with ``surface_scenes``
for the 3D views; this package holds what they share.

Colours come from one colour-blind-safe palette, :data:`PALETTE`
(Okabe and Ito, 2008), and filled contour maps use ``cividis``, a colour map
that reads the same for common forms of colour blindness.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from matplotlib.figure import Figure
>>> ax = Figure().add_subplot()
>>> contours = draw_contour_map(ax, lambda x, y: x**2 + y**2, (-2, 2, -2, 2), levels=8)
>>> len(contours.filled.levels), [float(v) for v in ax.get_xlim()]
(9, [-2.0, 2.0])
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colorbar import Colorbar
from matplotlib.contour import QuadContourSet
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import ScaledTranslation

__all__ = [
    "PALETTE", "TEXT_PALETTE", "CONTOUR_MAP", "NICE_STEPS", "Function", "Window", "evaluate", "value_range",
    "label_axes", "format_number", "sample_grid", "ContourArtists", "draw_contour_map", "replace_contour_map",
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


def value_range(z: np.ndarray, margin: float = 0.08) -> tuple[float, float]:
    """Finite range of ``z`` widened by ``margin``; ``(-1, 1)`` if none.

    Examples
    --------
    >>> value_range(np.array([0.0, np.nan, 10.0]), margin=0.1)
    (-1.0, 11.0)
    """
    finite = z[np.isfinite(z)]
    if finite.size == 0:
        return -1.0, 1.0
    low, high = float(finite.min()), float(finite.max())
    if high - low < 1e-12 * max(1.0, abs(high)):
        return low - 1.0, high + 1.0
    pad = margin * (high - low)
    return low - pad, high + pad


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
    low, high = value_range(z, margin=0.0)
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
