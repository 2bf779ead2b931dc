"""The surface ``z = f(x, y)`` in 3D, drawn once per function, turned by the learner.

The still part of every 3D view is the same: the surface itself (a mesh of at
most 40 x 40 points, :data:`SURFACE_SAMPLES`), the contour map of ``f`` on the
floor of the box, the axes and the title. :func:`draw_surface` draws it once;
:func:`replace_surface` draws it again for a new function (never on a slider
move). What moves on top of it, the slices, planes, arrows and paths of each
lesson, lives in :mod:`helpers.plotting.surface_scenes`; the small geometry it
shares (a line's stretch inside the window, a floor arrow, a level curve, empty
3D lines and polygons to move) is at the end of this module.

Shading and colour: the surface is coloured by height with ``cividis`` (the
colour map of every contour map in the course) blended almost half-way to white and
lit from one side, so it reads as a shape and stays pale; the moving curves
use the strong colours of :data:`helpers.plotting.PALETTE` with a white
outline (:func:`halo`) and are always drawn over the surface, so they stay
visible from every angle.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from matplotlib.figure import Figure
>>> ax = add_surface_axes(Figure())
>>> surface = draw_surface(ax, lambda x, y: x**2 - y**2, (-1, 1, -1, 1))
>>> surface.axes.get_zlim() == (surface.floor, surface.ceiling)
True
>>> surface.floor < -1 < 1 < surface.ceiling
True
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import contourpy
import matplotlib.patheffects as path_effects
import numpy as np
from matplotlib import colormaps
from matplotlib.colors import LightSource, Normalize
from matplotlib.contour import QuadContourSet
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator
from mpl_toolkits.mplot3d import Axes3D
from mpl_toolkits.mplot3d.art3d import Line3D, Poly3DCollection

from helpers.plotting import CONTOUR_MAP, NICE_STEPS, PALETTE, Function, Window, evaluate, sample_grid

__all__ = [
    "SURFACE_SAMPLES", "DEFAULT_VIEW", "SurfaceArtists", "add_surface_axes", "surface_colours",
    "draw_surface", "replace_surface", "set_view", "halo", "line3d", "patch3d", "lift",
    "EMPTY", "finite", "span", "tangent_offsets", "put3d", "polygon3d", "marker3d",
    "segment_in_window", "square_in_window", "floor_arrow", "level_lines",
]

#: Points per axis of the surface mesh: at most 40 x 40, drawn once per function.
SURFACE_SAMPLES = 40
#: The starting view, ``(elevation, azimuth)`` in degrees (matplotlib's default turned a little).
DEFAULT_VIEW = (28.0, -58.0)
_PALE = 0.45  # how far the height colours are blended toward white
_LIGHT = LightSource(azdeg=315, altdeg=45)


@dataclass(eq=False)
class SurfaceArtists:
    """The still part of a 3D view; see :func:`draw_surface`.

    ``floor`` and ``ceiling`` are the z-limits of the box: the range of ``f``
    over the window with a margin. Moving artists that need a height (the floor
    arrow of lesson 02, the vertical plane of lesson 03) read them from here.
    """

    axes: Axes3D
    window: Window
    floor: float
    ceiling: float
    mesh: Poly3DCollection
    floor_map: QuadContourSet | None
    title: Text


def add_surface_axes(fig: Figure) -> Axes3D:
    """One 3D axes filling the figure, with few ticks (tick text is most of a redraw).

    ``computed_zorder`` is off, so z-order alone decides what is drawn over what:
    the surface first, the lesson's curves over it.
    """
    ax = fig.add_axes((0.0, 0.02, 0.94, 0.9), projection="3d", computed_zorder=False)
    for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
        axis.set_major_locator(MaxNLocator(4, steps=NICE_STEPS))
    ax.set_xlabel("x", labelpad=-2)
    ax.set_ylabel("y", labelpad=-2)
    ax.set_zlabel("z", labelpad=-2)
    ax.tick_params(labelsize=8, pad=0)
    ax.view_init(*DEFAULT_VIEW)
    return ax


def surface_colours(z: np.ndarray, low: float, high: float) -> np.ndarray:
    """RGBA face colours: ``cividis`` by height, blended almost half-way to white; grey where undefined.

    Examples
    --------
    >>> colours = surface_colours(np.array([[0.0, 1.0], [np.nan, 0.5]]), 0.0, 1.0)
    >>> colours.shape, bool(colours[..., :3].min() >= 0.45), colours[1, 0].tolist()
    ((2, 2, 4), True, [0.85, 0.85, 0.85, 1.0])
    """
    rgba = colormaps[CONTOUR_MAP](Normalize(low, high)(np.nan_to_num(z, nan=low)))
    rgba[..., :3] = (1 - _PALE) * rgba[..., :3] + _PALE
    rgba[~np.isfinite(z)] = (0.85, 0.85, 0.85, 1.0)
    return rgba


def _height_range(z: np.ndarray) -> tuple[float, float]:
    finite = z[np.isfinite(z)]
    if finite.size == 0:
        return -1.0, 1.0
    low, high = float(finite.min()), float(finite.max())
    if high - low < 1e-12 * max(1.0, abs(high)):
        return low - 1.0, high + 1.0
    return low, high


def _draw(ax: Axes3D, f: Function, window: Window, samples: int):
    """Mesh, floor contour map and z-limits of ``f`` on the window."""
    x, y, z = sample_grid(f, window, samples)
    low, high = _height_range(z)
    floor, ceiling = low - 0.12 * (high - low), high + 0.05 * (high - low)
    faces = surface_colours(z, low, high)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")  # undefined corners, flat patches
        mesh = ax.plot_surface(x, y, np.ma.masked_invalid(z), rstride=1, cstride=1,
                               facecolors=faces, shade=True, lightsource=_LIGHT,
                               linewidth=0, antialiased=False,
                               zorder=1)
        floor_map = None
        if np.isfinite(z).any():
            floor_map = ax.contour(x, y, np.ma.masked_invalid(z), levels=12, zdir="z",
                                   offset=floor, cmap=CONTOUR_MAP, linewidths=0.8, zorder=0.5)
    ax.set_xlim(window[0], window[1])
    ax.set_ylim(window[2], window[3])
    ax.set_zlim(floor, ceiling)
    return floor, ceiling, mesh, floor_map


def draw_surface(ax: Axes3D, f: Function, window: Window, title: str = "",
                 samples: int = SURFACE_SAMPLES) -> SurfaceArtists:
    """Draw the surface of ``f`` over ``window`` once, with its contour map on the floor.

    ``f(x, y)`` is vectorised; ``window`` is ``(xmin, xmax, ymin, ymax)``;
    ``samples`` points per axis (at most :data:`SURFACE_SAMPLES`). Where ``f``
    is undefined the mesh has a hole.
    """
    if samples > SURFACE_SAMPLES:
        raise ValueError(f"a surface mesh has at most {SURFACE_SAMPLES} points per axis")
    window = tuple(float(v) for v in window)
    floor, ceiling, mesh, floor_map = _draw(ax, f, window, samples)
    title_text = ax.set_title(title, fontsize=10, y=1.0, pad=0)
    return SurfaceArtists(ax, window, floor, ceiling, mesh, floor_map, title_text)


def replace_surface(surface: SurfaceArtists, f: Function, title: str = "",
                    samples: int = SURFACE_SAMPLES) -> None:
    """Show a new function: remove the mesh and floor map, draw those of ``f`` in their place.

    This replaces artists, so call it when the function changes, never on a
    slider move; the box's z-limits change with it.
    """
    surface.mesh.remove()
    if surface.floor_map is not None:
        surface.floor_map.remove()
    surface.floor, surface.ceiling, surface.mesh, surface.floor_map = _draw(
        surface.axes, f, surface.window, samples)
    surface.title.set_text(title)


def set_view(ax: Axes3D, elevation: float, azimuth: float) -> tuple[float, float]:
    """Turn the box to ``(elevation, azimuth)`` degrees; non-finite values keep the old view.

    Returns the view now shown.
    """
    elevation = float(elevation) if np.isfinite(elevation) else ax.elev
    azimuth = float(azimuth) if np.isfinite(azimuth) else ax.azim
    ax.view_init(float(np.clip(elevation, -90, 90)), azimuth)
    return ax.elev, ax.azim


def halo(width: float) -> list:
    """A white outline for a line of ``width`` points, so it shows on any part of the surface."""
    return [path_effects.Stroke(linewidth=width + 2.5, foreground="white", alpha=0.9),
            path_effects.Normal()]


def line3d(ax: Axes3D, colour: str, width: float = 2.0, style: str = "-", marker: str = "",
           size: float = 0.0, zorder: float = 5.0, outline: bool = True, **kwargs) -> Line3D:
    """An empty 3D line on ``ax`` (filled by ``set_data_3d``), clipped to the box."""
    (line,) = ax.plot([], [], [], color=colour, linewidth=width, linestyle=style, marker=marker,
                      markersize=size, zorder=zorder, axlim_clip=True, **kwargs)
    if outline:
        line.set_path_effects(halo(width))
    return line


def patch3d(ax: Axes3D, colour: str, alpha: float, zorder: float = 4.0) -> Poly3DCollection:
    """An empty translucent 3D polygon on ``ax``; move it with ``set_verts``."""
    patch = Poly3DCollection([], facecolors=colour, edgecolors=colour, alpha=alpha,
                             linewidths=1.2, zorder=zorder)
    ax.add_collection3d(patch, autolim=False)
    return patch


def lift(f: Function, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Points ``(x, y, f(x, y))`` as three arrays; nan where ``f`` is undefined.

    Examples
    --------
    >>> [v.tolist() for v in lift(lambda x, y: x * y, np.array([1.0, 2.0]), np.array([3.0, 3.0]))]
    [[1.0, 2.0], [3.0, 3.0], [3.0, 6.0]]
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return x, y, evaluate(f, x, y)


# ----------------------------------------------------------------------------- shared by the scenes

#: Data of an empty 3D line.
EMPTY = ([], [], [])


def finite(*values: float) -> bool:
    """Whether every value is a finite number."""
    return bool(np.all(np.isfinite(np.asarray(values, dtype=float))))


def span(window: Window) -> float:
    """The shorter side of the window: the scale of arrows and tangent lines."""
    return float(min(window[1] - window[0], window[3] - window[2]))


def segment_in_window(point: Sequence[float], u: Sequence[float], window: Window) -> tuple[float, float]:
    """The range ``[t0, t1]`` of ``t`` with ``point + t u`` inside the window (empty: ``t0 > t1``).

    Examples
    --------
    >>> segment_in_window((0, 0), (1, 0), (-2, 2, -1, 1))
    (-2.0, 2.0)
    >>> segment_in_window((1, 1), (0.6, 0.8), (-2, 2, -2, 2))
    (-3.75, 1.25)
    """
    low, high = -np.inf, np.inf
    for p, d, lo, hi in zip(point, u, window[::2], window[1::2], strict=True):
        if abs(d) < 1e-15:
            if not lo <= p <= hi:
                return 1.0, 0.0
            continue
        a, b = sorted(((lo - p) / d, (hi - p) / d))
        low, high = max(low, a), min(high, b)
    return float(low), float(high)


def square_in_window(point: Sequence[float], width: float, window: Window):
    """Corners ``(x0, x1, y0, y1)`` of the square of half-width ``width`` cut to the window, or None."""
    a, b = point
    x0, x1 = max(a - width, window[0]), min(a + width, window[1])
    y0, y1 = max(b - width, window[2]), min(b + width, window[3])
    return (x0, x1, y0, y1) if x0 < x1 and y0 < y1 else None


def floor_arrow(tail: Sequence[float], vector: Sequence[float], height: float) -> tuple:
    """An arrow from ``tail`` along ``vector`` on the plane ``z = height``, as one broken line.

    Shaft, then (after a nan break) the two strokes of the head.

    Examples
    --------
    >>> x, y, z = floor_arrow((0, 0), (1, 0), -1)
    >>> x[:2].tolist(), bool(np.isnan(x[2])), float(x[4]), z[~np.isnan(z)].tolist()
    ([0.0, 1.0], True, 1.0, [-1.0, -1.0, -1.0, -1.0, -1.0])
    """
    tail, vector = np.asarray(tail, dtype=float), np.asarray(vector, dtype=float)
    tip = tail + vector
    back = -0.28 * vector
    side = 0.6 * np.array([-back[1], back[0]])
    points = np.array([tail, tip, [np.nan, np.nan], tip + back + side, tip, tip + back - side])
    return points[:, 0], points[:, 1], np.where(np.isnan(points[:, 0]), np.nan, height)


def level_lines(grid: tuple[np.ndarray, np.ndarray, np.ndarray], level: float) -> tuple:
    """The level curve ``f = level`` on a sampled grid, as ``(x, y)`` with nan between pieces."""
    x, y, z = grid
    if not np.isfinite(level):
        return np.array([]), np.array([])
    lines = contourpy.contour_generator(x, y, np.ma.masked_invalid(z)).lines(level)
    if not lines:
        return np.array([]), np.array([])
    joined = np.concatenate([np.vstack([piece, [np.nan, np.nan]]) for piece in lines])
    return joined[:, 0], joined[:, 1]


def tangent_offsets(window: Window) -> np.ndarray:
    """Offsets along a tangent line: many points, so the box clips only the part outside it."""
    return np.linspace(-1.0, 1.0, 25) * 0.22 * span(window)


def put3d(line: Line3D, x, y, z) -> None:
    """``line.set_data_3d`` with float arrays (mplot3d needs arrays, not lists)."""
    line.set_data_3d(*(np.asarray(c, dtype=float).ravel() for c in (x, y, z)))


def polygon3d(scene, corners: list) -> None:
    """Replace the vertices of ``scene.plane`` (one polygon, or none) and keep them on the scene."""
    scene.corners = np.asarray(corners, dtype=float).reshape(-1, 3)
    scene.plane.set_verts([scene.corners] if len(scene.corners) else [])


def marker3d(ax: Axes3D, zorder: float = 7.0) -> Line3D:
    """An empty black point with a white edge (the lesson's point on the surface)."""
    return line3d(ax, PALETTE["black"], width=0, marker="o", size=7, zorder=zorder, outline=False,
                  markeredgecolor="white")
