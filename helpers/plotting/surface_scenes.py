"""What moves on the 3D surface in each lesson, drawn once and moved in place.

Every scene is drawn on a :class:`helpers.plotting.surface.SurfaceArtists` by
``draw_*_scene`` (all artists empty) and moved by ``update_*_scene`` with
``set_data_3d`` on 3D lines and ``set_verts`` on small 3D polygons; nothing is
created on a slider step. Each scene's ``moving()`` names its artists for a
:class:`helpers.blitting.Blitter`.

- **slices** (lesson 01): the curves ``z = f(x, y0)`` and ``z = f(x0, y)`` on the
  surface, their tangent lines of slopes ``f_x`` and ``f_y``, the cutting lines
  on the floor;
- **gradient** (lesson 02): the gradient arrow on the floor under the point,
  the level curve through the point there, and the curve of steepest ascent
  through the point on the surface;
- **direction** (lesson 03): the vertical plane through the point along ``u``,
  the curve it cuts from the surface and its tangent line of slope ``D_u f``;
- **tangent** (lesson 04): the tangent plane over the zoom square, and the
  surface along the square's edge, which the plane's edge meets as ``w`` shrinks;
- **descent** (lesson 06): the paths of the descent playground lifted onto the surface.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from matplotlib.figure import Figure
>>> from helpers.plotting.surface import add_surface_axes, draw_surface
>>> f = lambda x, y: x**2 + y**2
>>> scene = draw_slice_scene(draw_surface(add_surface_axes(Figure()), f, (-2, 2, -2, 2)))
>>> update_slice_scene(scene, f, (1.0, 0.5), 1.25, (2.0, 1.0))
>>> x, y, z = scene.x_tangent.get_data_3d()
>>> float((z[1] - z[0]) / (x[1] - x[0]))
2.0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib.artist import Artist
from mpl_toolkits.mplot3d.art3d import Line3D, Poly3DCollection

from helpers.plotting import PALETTE, Function, sample_grid
from helpers.plotting.descent import clip_path
from helpers.plotting.surface import (
    EMPTY,
    SurfaceArtists,
    finite,
    floor_arrow,
    level_lines,
    lift,
    line3d,
    marker3d,
    patch3d,
    polygon3d,
    put3d,
    segment_in_window,
    span,
    square_in_window,
    tangent_offsets,
)

__all__ = [
    "PATH_COLOURS", "SliceScene", "draw_slice_scene", "update_slice_scene",
    "GradientScene", "draw_gradient_scene", "fit_gradient_scene", "update_gradient_scene",
    "DirectionScene", "draw_direction_scene", "update_direction_scene",
    "TangentScene", "draw_tangent_scene", "update_tangent_scene",
    "DescentScene", "draw_descent_scene", "update_descent_scene",
]

#: Colours of lifted descent paths, in the order the playground returns them
#: (gradient descent orange and Newton bluish green, as on its contour map).
PATH_COLOURS = (PALETTE["orange"], PALETTE["bluish_green"], PALETTE["reddish_purple"], PALETTE["sky_blue"])
_SAMPLES = 81  # points along a moving curve


# ----------------------------------------------------------------------------- lesson 01


@dataclass(eq=False)
class SliceScene:
    """Lesson 01: both slices through the point, with their tangent lines."""

    surface: SurfaceArtists
    x_curve: Line3D
    y_curve: Line3D
    x_tangent: Line3D
    y_tangent: Line3D
    x_floor: Line3D
    y_floor: Line3D
    drop: Line3D
    point: Line3D

    def moving(self) -> tuple[Artist, ...]:
        return (self.x_floor, self.y_floor, self.drop, self.x_curve, self.y_curve,
                self.x_tangent, self.y_tangent, self.point)


def draw_slice_scene(surface: SurfaceArtists) -> SliceScene:
    """Slices in blue (along x) and vermillion (along y) as on the slicer's map; tangents dashed black."""
    ax, blue, vermillion = surface.axes, PALETTE["blue"], PALETTE["vermillion"]
    return SliceScene(
        surface, line3d(ax, blue, 2.4), line3d(ax, vermillion, 2.4),
        line3d(ax, PALETTE["black"], 1.8, "--", zorder=6), line3d(ax, PALETTE["black"], 1.8, "--", zorder=6),
        line3d(ax, blue, 1.2, ":", zorder=3, outline=False),
        line3d(ax, vermillion, 1.2, ":", zorder=3, outline=False),
        line3d(ax, "grey", 1.0, ":", zorder=3, outline=False), marker3d(ax))


def update_slice_scene(scene: SliceScene, f: Function, point: Sequence[float], value: float,
                       slopes: Sequence[float]) -> None:
    """Move both slices, tangents and floor lines to ``point``; ``slopes = (f_x, f_y)`` there."""
    xmin, xmax, ymin, ymax = scene.surface.window
    x0, y0 = (float(c) for c in point)
    floor = scene.surface.floor
    if not finite(x0, y0):
        for line in scene.moving():
            put3d(line, *EMPTY)
        return
    ts_x, ts_y = np.linspace(xmin, xmax, _SAMPLES), np.linspace(ymin, ymax, _SAMPLES)
    put3d(scene.x_curve, *lift(f, ts_x, np.full_like(ts_x, y0)))
    put3d(scene.y_curve, *lift(f, np.full_like(ts_y, x0), ts_y))
    put3d(scene.x_floor, [xmin, xmax], [y0, y0], [floor, floor])
    put3d(scene.y_floor, [x0, x0], [ymin, ymax], [floor, floor])
    reach = tangent_offsets(scene.surface.window)
    fx, fy = (float(s) for s in slopes)
    if finite(value, fx, fy):
        put3d(scene.x_tangent, x0 + reach, np.full_like(reach, y0), value + fx * reach)
        put3d(scene.y_tangent, np.full_like(reach, x0), y0 + reach, value + fy * reach)
        put3d(scene.drop, [x0, x0], [y0, y0], [floor, value])
        put3d(scene.point, [x0], [y0], [value])
    else:
        for line in (scene.x_tangent, scene.y_tangent, scene.drop, scene.point):
            put3d(line, *EMPTY)


# ----------------------------------------------------------------------------- lesson 02


@dataclass(eq=False)
class GradientScene:
    """Lesson 02: the gradient arrow and level curve on the floor, steepest ascent on the surface."""

    surface: SurfaceArtists
    arrow: Line3D
    level: Line3D
    ascent: Line3D
    drop: Line3D
    floor_point: Line3D
    point: Line3D
    arrow_scale: float = 1.0
    grid: tuple = field(default=(np.zeros((2, 2)),) * 3)

    def moving(self) -> tuple[Artist, ...]:
        return (self.level, self.drop, self.arrow, self.floor_point, self.ascent, self.point)


def draw_gradient_scene(surface: SurfaceArtists, f: Function) -> GradientScene:
    """The gradient in vermillion and the level curve dashed orange, as in the gradient explorer."""
    ax = surface.axes
    scene = GradientScene(
        surface, line3d(ax, PALETTE["vermillion"], 2.4, zorder=5),
        line3d(ax, PALETTE["orange"], 2.0, "--", zorder=4),
        line3d(ax, PALETTE["vermillion"], 2.4, zorder=6),
        line3d(ax, "grey", 1.0, ":", zorder=3, outline=False),
        marker3d(ax, zorder=5.5), marker3d(ax))
    fit_gradient_scene(scene, f)
    return scene


def fit_gradient_scene(scene: GradientScene, f: Function) -> None:
    """For a new ``f``: the grid its level curves are traced on, and the arrow scale.

    The longest arrow in the window is 0.35 of the window's side.
    """
    window = scene.surface.window
    scene.grid = sample_grid(f, window, samples=101)
    x, y, z = scene.grid
    with np.errstate(all="ignore"):
        slopes = np.hypot(*np.gradient(z, x[0, :], y[:, 0], axis=(1, 0)))
    finite = slopes[np.isfinite(slopes)]
    largest = float(finite.max()) if finite.size and finite.max() > 1e-12 else 1.0
    scene.arrow_scale = 0.35 * span(window) / largest


def update_gradient_scene(scene: GradientScene, f: Function, point: Sequence[float], value: float,
                          grad: Sequence[float], ascent: np.ndarray) -> None:
    """Move the scene to ``point``: arrow ``∇f`` on the floor, level curve ``f = value``, ascent curve.

    ``ascent`` is the curve of steepest ascent through the point, shape ``(k, 2)``
    (e.g. from :func:`helpers.calculus.steepest_ascent`).
    """
    floor = scene.surface.floor
    x0, y0 = (float(c) for c in point)
    g = np.asarray(grad, dtype=float)
    if not finite(x0, y0, value, *g):
        for line in scene.moving():
            put3d(line, *EMPTY)
        return
    put3d(scene.floor_point, [x0], [y0], [floor])
    put3d(scene.point, [x0], [y0], [value])
    put3d(scene.drop, [x0, x0], [y0, y0], [floor, value])
    if np.hypot(*g) > 1e-12:
        put3d(scene.arrow, *floor_arrow((x0, y0), g * scene.arrow_scale, floor))
    else:
        put3d(scene.arrow, *EMPTY)
    lx, ly = level_lines(scene.grid, value)
    put3d(scene.level, lx, ly, np.full_like(lx, floor))
    path = np.asarray(ascent, dtype=float).reshape(-1, 2)
    put3d(scene.ascent, *lift(f, path[:, 0], path[:, 1]))


# ----------------------------------------------------------------------------- lesson 03


@dataclass(eq=False)
class DirectionScene:
    """Lesson 03: the vertical plane along ``u``, the curve it cuts, the tangent of slope ``D_u f``."""

    surface: SurfaceArtists
    plane: Poly3DCollection
    curve: Line3D
    tangent: Line3D
    arrow: Line3D
    point: Line3D
    corners: np.ndarray = field(default_factory=lambda: np.empty((0, 3)))  # the plane's, as drawn

    def moving(self) -> tuple[Artist, ...]:
        return (self.plane, self.arrow, self.curve, self.tangent, self.point)


def draw_direction_scene(surface: SurfaceArtists) -> DirectionScene:
    """Plane and ``u`` in sky blue (as ``u`` on the dial), the cut curve blue, its tangent dashed black."""
    ax = surface.axes
    return DirectionScene(
        surface, patch3d(ax, PALETTE["sky_blue"], 0.28, zorder=3),
        line3d(ax, PALETTE["blue"], 2.4), line3d(ax, PALETTE["black"], 1.8, "--", zorder=6),
        line3d(ax, PALETTE["sky_blue"], 2.4, zorder=4), marker3d(ax))


def update_direction_scene(scene: DirectionScene, f: Function, point: Sequence[float], value: float,
                           u: Sequence[float], rate: float) -> None:
    """Turn the plane to the unit direction ``u`` through ``point``; ``rate = D_u f`` there."""
    surface = scene.surface
    x0, y0 = (float(c) for c in point)
    u = np.asarray(u, dtype=float)
    t0, t1 = segment_in_window((x0, y0), u, surface.window) if finite(x0, y0, *u) else (1.0, 0.0)
    if not t0 < t1:
        polygon3d(scene, [])
        for line in (scene.curve, scene.tangent, scene.arrow, scene.point):
            put3d(line, *EMPTY)
        return
    ends = np.array([[x0, y0]]) + np.array([[t0], [t1]]) * u
    low, high = surface.floor, surface.ceiling
    polygon3d(scene, [(*ends[0], low), (*ends[1], low), (*ends[1], high), (*ends[0], high)])
    ts = np.linspace(t0, t1, _SAMPLES)
    put3d(scene.curve, *lift(f, x0 + ts * u[0], y0 + ts * u[1]))
    put3d(scene.arrow, *floor_arrow((x0, y0), 0.25 * span(surface.window) * u, low))
    if finite(value, rate):
        reach = tangent_offsets(surface.window)
        put3d(scene.tangent, x0 + reach * u[0], y0 + reach * u[1], value + rate * reach)
        put3d(scene.point, [x0], [y0], [value])
    else:
        put3d(scene.tangent, *EMPTY)
        put3d(scene.point, *EMPTY)


# ----------------------------------------------------------------------------- lesson 04


@dataclass(eq=False)
class TangentScene:
    """Lesson 04: the tangent plane over the zoom square and the surface along the square's edge."""

    surface: SurfaceArtists
    plane: Poly3DCollection
    edge: Line3D
    point: Line3D
    corners: np.ndarray = field(default_factory=lambda: np.empty((0, 3)))  # the plane's, as drawn

    def moving(self) -> tuple[Artist, ...]:
        return (self.plane, self.edge, self.point)


def draw_tangent_scene(surface: SurfaceArtists) -> TangentScene:
    """The plane in orange (as ``L`` in the tangent zoom), the surface's edge in blue (as ``f``)."""
    ax = surface.axes
    return TangentScene(surface, patch3d(ax, PALETTE["orange"], 0.55, zorder=4),
                        line3d(ax, PALETTE["blue"], 2.0, zorder=5), marker3d(ax))


def _square_edge(corners, samples: int) -> tuple[np.ndarray, np.ndarray]:
    x0, x1, y0, y1 = corners
    t = np.linspace(0.0, 1.0, samples)
    xs = np.concatenate([x0 + (x1 - x0) * t, np.full_like(t, x1), x1 - (x1 - x0) * t, np.full_like(t, x0)])
    ys = np.concatenate([np.full_like(t, y0), y0 + (y1 - y0) * t, np.full_like(t, y1), y1 - (y1 - y0) * t])
    return xs, ys


def update_tangent_scene(scene: TangentScene, f: Function, point: Sequence[float], value: float,
                         slopes: Sequence[float], width: float) -> None:
    """Move the plane ``L`` to ``point`` over the square of half-width ``width`` (cut to the window)."""
    a, b = (float(c) for c in point)
    fx, fy = (float(s) for s in slopes)
    corners = square_in_window((a, b), float(width), scene.surface.window) \
        if finite(a, b, value, fx, fy, width) and width > 0 else None
    if corners is None:
        polygon3d(scene, [])
        put3d(scene.edge, *EMPTY)
        put3d(scene.point, *([[a], [b], [value]] if finite(a, b, value) else EMPTY))
        return
    x0, x1, y0, y1 = corners
    quad = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    polygon3d(scene, [(x, y, value + fx * (x - a) + fy * (y - b)) for x, y in quad])
    put3d(scene.edge, *lift(f, *_square_edge(corners, 21)))
    put3d(scene.point, [a], [b], [value])


# ----------------------------------------------------------------------------- lesson 06


@dataclass(eq=False)
class DescentScene:
    """Lesson 06: up to four paths (``(x, y)`` points) lifted to ``z = f(x, y)``, and the start."""

    surface: SurfaceArtists
    paths: tuple[Line3D, ...]
    start: Line3D

    def moving(self) -> tuple[Artist, ...]:
        return (*self.paths, self.start)


def draw_descent_scene(surface: SurfaceArtists) -> DescentScene:
    """Paths in :data:`PATH_COLOURS`, told apart by marker too (as in the map), the start a black dot."""
    ax = surface.axes
    paths = tuple(line3d(ax, colour, 1.8, style=style, marker=marker, size=3.5, zorder=5 + i / 10)
                  for i, (colour, style, marker) in enumerate(zip(PATH_COLOURS, ("-", "--", "-.", ":"),
                                                                   ("o", "s", "^", "D"), strict=True)))
    return DescentScene(surface, paths, marker3d(ax))


def update_descent_scene(scene: DescentScene, f: Function, paths: Sequence) -> None:
    """Lift each path onto the surface; a None path, and lines beyond the paths given, are emptied.

    A path is cut at its first point that is not finite (see
    :func:`helpers.plotting.descent.clip_path`); where it leaves the box it is
    hidden (diverging paths leave it).
    """
    window = scene.surface.window
    first = None
    for line, path in zip(scene.paths, [*paths, *[None] * len(scene.paths)], strict=False):
        if path is None or len(path) == 0:
            put3d(line, *EMPTY)
            continue
        points, _ = clip_path(path, window)  # finite, and never far beyond the box
        xs, ys, zs = lift(f, points[:, 0], points[:, 1])
        put3d(line, xs, ys, zs)
        if first is None and len(points):
            first = (xs[0], ys[0], zs[0])
    inside = first is not None and window[0] <= first[0] <= window[1] and window[2] <= first[1] <= window[3]
    put3d(scene.start, *([[c] for c in first] if inside and np.isfinite(first[2]) else EMPTY))
