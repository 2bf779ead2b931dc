"""The 3D surface and its scenes: drawn once, moved in place, exact where it matters."""

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.plotting import surface as surface_module
from helpers.plotting import surface_scenes as scenes
from helpers.plotting.surface import (
    SURFACE_SAMPLES,
    add_surface_axes,
    draw_surface,
    replace_surface,
    set_view,
    surface_colours,
)

WINDOW = (-2.0, 2.0, -2.0, 2.0)


def bowl(x, y):
    return x**2 + y**2


def new_surface(f=bowl, window=WINDOW):
    fig = Figure(figsize=(6.4, 5.0))
    FigureCanvasAgg(fig)
    return fig, draw_surface(add_surface_axes(fig), f, window, "f")


def children(fig):
    return sum(len(ax.get_children()) for ax in fig.axes)


def test_the_mesh_is_at_most_40_by_40_and_refuses_more():
    fig, surface = new_surface()
    fig.canvas.draw()
    assert len(surface.mesh.get_paths()) == (SURFACE_SAMPLES - 1) ** 2 <= 39**2
    with pytest.raises(ValueError, match="at most 40"):
        draw_surface(add_surface_axes(Figure()), bowl, WINDOW, samples=41)


def test_the_box_holds_the_whole_surface_with_the_floor_below_it():
    _, surface = new_surface()
    assert surface.floor < 0 and surface.ceiling > 8  # the bowl runs from 0 to 8 on the window
    assert surface.axes.get_zlim() == (surface.floor, surface.ceiling)
    assert surface.axes.get_xlim() == pytest.approx(WINDOW[:2])


def test_a_new_function_replaces_the_mesh_and_adds_nothing():
    fig, surface = new_surface()
    fig.canvas.draw()
    count, mesh = children(fig), surface.mesh
    replace_surface(surface, lambda x, y: np.sin(x) * np.cos(y), "waves")
    fig.canvas.draw()
    assert surface.mesh is not mesh and children(fig) == count
    assert surface.ceiling < 1.2 and surface.title.get_text() == "waves"


@pytest.mark.parametrize("f", [lambda x, y: np.log(x * y), lambda x, y: 0 * x + 2.0, lambda x, y: np.nan * x])
def test_undefined_and_flat_functions_still_draw(f):
    fig, surface = new_surface(f)
    assert surface.floor < surface.ceiling
    fig.canvas.draw()


def test_colours_are_pale_and_undefined_points_grey():
    colours = surface_colours(np.array([[0.0, 4.0], [np.nan, 8.0]]), 0.0, 8.0)
    assert colours[..., :3].min() >= 0.45  # blended toward white: strong curves stand out
    assert colours[1, 0].tolist() == [0.85, 0.85, 0.85, 1.0]


@pytest.mark.parametrize(("elevation", "azimuth", "shown"), [(30, 45, (30, 45)), (120, -60, (90, -60)),
                                                              (np.nan, np.inf, (28.0, -58.0))])
def test_set_view_clips_the_elevation_and_keeps_the_view_for_nonsense(elevation, azimuth, shown):
    _, surface = new_surface()
    assert set_view(surface.axes, elevation, azimuth) == shown


@pytest.mark.parametrize(("point", "u", "expected"), [
    ((0, 0), (1, 0), (-2, 2)), ((1, 1), (0.6, 0.8), (-3.75, 1.25)), ((2, 2), (1, 0), (-4, 0)),
    ((0, 0), (0, -1), (-2, 2)),
])
def test_segment_in_window(point, u, expected):
    t0, t1 = surface_module.segment_in_window(point, u, WINDOW)
    assert (t0, t1) == pytest.approx(expected)
    for t in (t0, t1):  # the ends lie on the window's border
        x, y = np.add(point, np.multiply(t, u))
        assert -2 - 1e-12 <= x <= 2 + 1e-12 and -2 - 1e-12 <= y <= 2 + 1e-12
        assert np.isclose(abs(x), 2) or np.isclose(abs(y), 2)


def test_square_in_window_is_cut_or_gone():
    assert surface_module.square_in_window((0, 0), 0.5, WINDOW) == (-0.5, 0.5, -0.5, 0.5)
    assert surface_module.square_in_window((2, -2), 1.0, WINDOW) == (1.0, 2.0, -2.0, -1.0)
    assert surface_module.square_in_window((5, 5), 1.0, WINDOW) is None


def test_level_lines_lie_on_the_level():
    x, y = np.meshgrid(np.linspace(-2, 2, 101), np.linspace(-2, 2, 101))
    lx, ly = surface_module.level_lines((x, y, bowl(x, y)), 1.0)
    keep = np.isfinite(lx)
    assert keep.sum() > 50 and np.allclose(np.hypot(lx[keep], ly[keep]), 1.0, atol=1e-3)
    assert surface_module.level_lines((x, y, bowl(x, y)), 100.0)[0].size == 0
    assert surface_module.level_lines((x, y, bowl(x, y)), np.nan)[0].size == 0


def test_floor_arrow_points_along_the_vector_with_a_head():
    x, y, z = surface_module.floor_arrow((1.0, 1.0), (0.0, 2.0), -3.0)
    assert (x[1], y[1]) == (1.0, 3.0) and np.isnan(x[2])
    head = np.column_stack([x[3:], y[3:]])
    assert np.all(head[:, 1] <= 3.0)  # both strokes behind the tip, one each side of the shaft
    assert min(head[0, 0], head[2, 0]) < 1.0 < max(head[0, 0], head[2, 0])


def test_scenes_empty_themselves_where_f_is_undefined():
    fig, surface = new_surface(lambda x, y: np.log(x * y))
    f = lambda x, y: np.log(x * y)  # noqa: E731
    nan = float("nan")
    slices = scenes.draw_slice_scene(surface)
    scenes.update_slice_scene(slices, f, (nan, 1.0), nan, (nan, nan))
    direction = scenes.draw_direction_scene(surface)
    scenes.update_direction_scene(direction, f, (1.0, 1.0), 0.0, (nan, 0.0), nan)
    tangent = scenes.draw_tangent_scene(surface)
    scenes.update_tangent_scene(tangent, f, (-1.0, 1.0), nan, (nan, nan), 0.5)
    gradient = scenes.draw_gradient_scene(surface, f)
    scenes.update_gradient_scene(gradient, f, (-1.0, 1.0), nan, (nan, nan), np.empty((0, 2)))
    for scene in (slices, direction, tangent, gradient):
        for artist in scene.moving():
            if hasattr(artist, "get_data_3d"):
                assert len(artist.get_data_3d()[0]) == 0
    assert direction.corners.size == tangent.corners.size == 0
    fig.canvas.draw()


def test_descent_paths_stop_at_their_first_undefined_point_and_start_inside():
    fig, surface = new_surface()
    scene = scenes.draw_descent_scene(surface)
    path = [[1.0, 1.0], [0.5, -0.5], [np.nan, 0.0], [0.1, 0.1]]
    scenes.update_descent_scene(scene, bowl, [path, None])
    x, y, z = (np.asarray(c) for c in scene.paths[0].get_data_3d())
    assert x.tolist() == [1.0, 0.5] and z.tolist() == [2.0, 0.5]
    assert len(scene.paths[1].get_data_3d()[0]) == 0
    assert [float(c[0]) for c in scene.start.get_data_3d()] == [1.0, 1.0, 2.0]
    scenes.update_descent_scene(scene, bowl, [[[9.0, 9.0], [1e300, 1e300]]])
    assert len(scene.start.get_data_3d()[0]) == 0  # a start outside the box is not drawn
    fig.canvas.draw()
