"""The 3D surface views driven headless: linked to each lesson widget, true to sympy, turnable.

What every widget shares (in-place moves, blitting, pixels, stable artists, odd
input) is checked for the 3D views in tests/test_widget_contract.py.
"""

import ipywidgets as widgets
import numpy as np
import pytest
import sympy as sp
from matplotlib.backend_bases import MouseButton, MouseEvent
from widget_support import IPYMPL, IPYMPL_WARNING, spy

from helpers.plotting.surface import DEFAULT_VIEW, SURFACE_SAMPLES
from helpers.widgets import (
    chain_graph,
    descent_playground,
    direction_dial,
    gradient_explorer,
    partial_slicer,
    surface_view,
    tangent_zoom,
)

pytestmark = IPYMPL_WARNING

X, Y = sp.symbols("x y")


@pytest.fixture
def ipympl(backend):
    backend(IPYMPL)


def exact(formula, point):
    """f, f_x, f_y at the point, by sympy (trusted test input)."""
    expr = sp.sympify(formula)
    at = {X: point[0], Y: point[1]}
    return float(expr.subs(at)), float(sp.diff(expr, X).subs(at)), float(sp.diff(expr, Y).subs(at))


def f_of(formula):
    return sp.lambdify((X, Y), sp.sympify(formula), "numpy")


def rise(line):
    """Slope dz/ds of a straight 3D line, s the distance along its (x, y) footprint."""
    x, y, z = (np.asarray(c, dtype=float) for c in line.get_data_3d())
    return (z[-1] - z[0]) / np.hypot(x[-1] - x[0], y[-1] - y[0])


def test_one_container_holding_the_lessons_own_controls(ipympl):
    slicer = partial_slicer()
    view = surface_view(slicer)
    assert "surface-view" in view._dom_classes
    assert view.figure.canvas in view.children
    assert slicer.function_menu in view.children and slicer.readout in view.children
    assert slicer.figure.canvas not in view.children
    turning = next(c for c in view.children if "surface-view-turn" in c._dom_classes)
    assert list(turning.children) == [view.sliders["elevation"], view.sliders["azimuth"], view.reset]
    assert view.figure.axes[0].name == "3d"
    assert view.summary.startswith("Surface in 3D")


def test_the_surface_mesh_is_at_most_40_by_40(ipympl):
    view = surface_view(partial_slicer())
    view.figure.canvas.draw()
    assert SURFACE_SAMPLES <= 40
    assert len(view.surface.mesh.get_paths()) == (SURFACE_SAMPLES - 1) ** 2


@pytest.mark.parametrize("point", [(1.0, 2.0), (-1.7, 0.4), (0.3, -2.2)])
def test_slices_and_tangents_match_sympy(ipympl, point):
    formula = "3*x**2*y + y**3 - 2*x"
    slicer = partial_slicer({"Example 1": formula}, window=(-2.5, 2.5, -2.5, 2.5))
    view = surface_view(slicer)
    slicer.sliders["x0"].value, slicer.sliders["y0"].value = point
    value, fx, fy = exact(formula, point)
    scene, f = view.artists, f_of(formula)
    assert rise(scene.x_tangent) == pytest.approx(fx, rel=1e-6)
    assert rise(scene.y_tangent) == pytest.approx(fy, rel=1e-6)
    assert [float(c[0]) for c in scene.point.get_data_3d()] == pytest.approx([*point, value])
    x, y, z = scene.x_curve.get_data_3d()
    assert np.allclose(y, point[1]) and np.allclose(z, f(x, y))
    x, y, z = scene.y_curve.get_data_3d()
    assert np.allclose(x, point[0]) and np.allclose(z, f(x, y))


def test_gradient_arrow_level_curve_and_steepest_ascent(ipympl):
    formula = "x**2 + 4*y**2"
    explorer = gradient_explorer({"bowl": formula}, x0=1.0, y0=0.5)
    view = surface_view(explorer)
    scene, f = view.artists, f_of(formula)
    value, fx, fy = exact(formula, (1.0, 0.5))
    x, y, z = (np.asarray(c) for c in scene.arrow.get_data_3d())
    shaft = np.array([x[1] - x[0], y[1] - y[0]])
    assert shaft[0] * fy - shaft[1] * fx == pytest.approx(0, abs=1e-9) and shaft @ [fx, fy] > 0
    assert np.allclose(z[np.isfinite(z)], view.surface.floor)
    lx, ly, _ = (np.asarray(c) for c in scene.level.get_data_3d())
    keep = np.isfinite(lx)
    assert keep.sum() > 20 and np.allclose(f(lx[keep], ly[keep]), value, rtol=2e-3)
    ax_, ay, az = (np.asarray(c) for c in scene.ascent.get_data_3d())
    assert np.allclose(az, f(ax_, ay)) and np.all(np.diff(az) > 0)  # it climbs all the way
    # on this bowl the curves of steepest ascent are y = C x**4, here C = 0.5 (uphill from the point)
    up = ax_ >= 1.0
    assert up.sum() > 5 and np.allclose(ay[up], 0.5 * ax_[up] ** 4, rtol=1e-2)


@pytest.mark.parametrize("theta", [53.13, -150.0, 90.0])
def test_vertical_plane_cut_and_directional_slope(ipympl, theta):
    formula = "x**2 + y**2"
    dial = direction_dial({"bowl": formula}, x0=1.0, y0=1.0, angle=theta)
    view = surface_view(dial)
    scene, f = view.artists, f_of(formula)
    u = np.array([np.cos(np.radians(theta)), np.sin(np.radians(theta))])
    _, fx, fy = exact(formula, (1.0, 1.0))
    assert rise(scene.tangent) == pytest.approx(fx * u[0] + fy * u[1], rel=1e-6, abs=1e-9)
    x, y, z = (np.asarray(c) for c in scene.curve.get_data_3d())
    across = (x - 1.0) * u[1] - (y - 1.0) * u[0]  # distance from the line through the point along u
    assert np.allclose(across, 0, atol=1e-12) and np.allclose(z, f(x, y))
    corners = scene.corners
    assert np.allclose((corners[:, 0] - 1.0) * u[1] - (corners[:, 1] - 1.0) * u[0], 0, atol=1e-9)
    assert set(np.round(corners[:, 2], 9)) == {round(view.surface.floor, 9), round(view.surface.ceiling, 9)}


@pytest.mark.parametrize("width", [1.0, 0.1, 0.01])
def test_tangent_plane_patch_is_the_linear_approximation_and_shrinks(ipympl, width):
    formula = "x*exp(y)"
    zoom = tangent_zoom({"product": formula}, x0=1.0, y0=0.0)
    view = surface_view(zoom)
    zoom.sliders["zoom"].value = width
    value, fx, fy = exact(formula, (1.0, 0.0))
    corners = view.artists.corners
    assert len(corners) == 4
    assert np.allclose(corners[:, 2], value + fx * (corners[:, 0] - 1.0) + fy * corners[:, 1])
    assert np.ptp(corners[:, 0]) == pytest.approx(2 * width) and np.ptp(corners[:, 1]) == pytest.approx(2 * width)
    x, y, z = (np.asarray(c) for c in view.artists.edge.get_data_3d())
    assert np.allclose(z, f_of(formula)(x, y))
    gap = np.max(np.abs(z - (value + fx * (x - 1.0) + fy * y)))
    # Taylor: |f - L| <= (|f_xx| dx**2 + 2 |f_xy dx dy| + |f_yy| dy**2) / 2 <= w**2 e**w (3 + w) / 2 here
    assert width**2 <= gap <= width**2 * np.e**width * (3 + width) / 2


def test_square_is_cut_to_the_window(ipympl):
    zoom = tangent_zoom({"saddle": "x**2 - y**2"}, x0=2.0, y0=-2.0, width=1.0)
    corners = surface_view(zoom).artists.corners
    assert corners[:, 0].min() == pytest.approx(1.0) and corners[:, 0].max() == pytest.approx(2.0)
    assert corners[:, 1].min() == pytest.approx(-2.0) and corners[:, 1].max() == pytest.approx(-1.0)


def test_descent_paths_are_lifted_onto_the_surface(ipympl):
    playground = descent_playground(start=(-1.5, 1.0), learning_rate=0.15, steps=30, newton=True)
    view = surface_view(playground)
    fn = playground.functions[playground.function_menu.value]
    path, newton = playground.paths()
    for line, expected in zip(view.artists.paths, (path, newton), strict=False):
        x, y, z = (np.asarray(c) for c in line.get_data_3d())
        assert np.allclose(np.column_stack([x, y]), expected) and np.allclose(z, fn.f(x, y))
    assert all(len(line.get_data_3d()[0]) == 0 for line in view.artists.paths[2:])
    playground.newton_box.value = False
    assert len(view.artists.paths[1].get_data_3d()[0]) == 0
    playground.sliders["learning_rate"].value = 1.0  # diverges: the path is cut, nothing raises
    assert np.all(np.isfinite(view.artists.paths[0].get_data_3d()[0]))


def test_a_new_function_replaces_the_surface_and_the_box(ipympl):
    slicer = partial_slicer()
    view = surface_view(slicer)
    mesh, zlim = view.surface.mesh, view.figure.axes[0].get_zlim()
    slicer.function_menu.value = "bump"
    assert view.surface.mesh is not mesh and mesh.axes is None
    assert view.figure.axes[0].get_zlim() != zlim
    assert "exp" in view.surface.title.get_text()
    assert view.artists.x_curve.get_data_3d()[2].max() <= 1.0 + 1e-12


def test_sliders_turn_the_box_and_reset_turns_it_back(ipympl, monkeypatch):
    view = surface_view(tangent_zoom())
    ax, canvas = view.figure.axes[0], view.figure.canvas
    canvas.draw()
    calls = spy(monkeypatch, canvas, "draw_idle", "blit")
    view.sliders["azimuth"].value = 30.0
    view.sliders["elevation"].value = -10.0
    assert (ax.elev, ax.azim) == (-10.0, 30.0)
    assert calls["draw_idle"].count == 2 and calls["blit"].count == 0  # every part of a turned box moves
    view.reset.click()
    assert (ax.elev, ax.azim) == DEFAULT_VIEW
    assert (view.sliders["elevation"].value, view.sliders["azimuth"].value) == DEFAULT_VIEW


def test_a_mouse_drag_turns_the_box_and_the_sliders_follow(ipympl):
    view = surface_view(direction_dial())
    ax, canvas = view.figure.axes[0], view.figure.canvas
    canvas.draw()
    before = np.asarray(canvas.buffer_rgba()).copy()
    x, y = ax.transAxes.transform((0.5, 0.5))
    canvas.callbacks.process("button_press_event", MouseEvent("button_press_event", canvas, x, y, MouseButton.LEFT))
    canvas.callbacks.process("motion_notify_event", MouseEvent("motion_notify_event", canvas, x + 60, y + 20,
                                                               MouseButton.LEFT, buttons={MouseButton.LEFT}))
    canvas.callbacks.process("button_release_event", MouseEvent("button_release_event", canvas, x + 60, y + 20,
                                                                MouseButton.LEFT))
    assert (ax.elev, ax.azim) != DEFAULT_VIEW
    assert view.sliders["azimuth"].value == round((ax.azim + 180) % 360 - 180)
    assert view.sliders["elevation"].value == round(ax.elev)
    turned = (ax.elev, ax.azim)
    view.sliders["azimuth"].value += 0.4  # a slider snapping to its step: the same view
    assert (ax.elev, ax.azim) == turned
    view.sliders["azimuth"].value += 1  # a keyboard step: a turn
    assert ax.azim != turned[1]
    canvas.draw()
    assert (np.asarray(canvas.buffer_rgba()) != before).any()


@pytest.mark.parametrize(("elevation", "azimuth"), [(500.0, -900.0), (np.nan, np.inf), (-90.0, 180.0)])
def test_odd_starting_views_are_clipped(ipympl, elevation, azimuth):
    view = surface_view(partial_slicer(), elevation=elevation, azimuth=azimuth)
    assert -90 <= view.sliders["elevation"].value <= 90 and -180 <= view.sliders["azimuth"].value <= 180
    view.figure.canvas.draw()


def test_a_widget_without_a_surface_is_refused_in_words(ipympl):
    with pytest.raises(ValueError, match="needs one of the lesson widgets: partial_slicer"):
        surface_view(chain_graph())
    with pytest.raises(ValueError, match="lesson widgets"):
        surface_view(widgets.VBox())


@pytest.mark.parametrize(("x0", "y0"), [(-1.0, 1.0), (0.0, 0.0)])
def test_an_undefined_point_empties_the_scene_without_a_traceback(ipympl, x0, y0):
    slicer = partial_slicer({"log": "log(x*y)"}, x0=x0, y0=y0)
    view = surface_view(slicer)
    assert len(view.artists.point.get_data_3d()[0]) == 0
    view.figure.canvas.draw()
    explorer = gradient_explorer({"log": "log(x*y)"}, x0=x0, y0=y0)
    assert len(surface_view(explorer).artists.arrow.get_data_3d()[0]) == 0
