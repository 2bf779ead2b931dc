"""The gradient explorer driven headless: sliders and menu moved as a learner moves them."""

import math

import ipywidgets as widgets
import numpy as np
import pytest
import sympy as sp
from matplotlib.backends.backend_agg import FigureCanvasAgg
from widget_support import IPYMPL, IPYMPL_WARNING, artist_count, pixels, readout_text, spy

from helpers import widgets as course_widgets
from helpers.plotting import format_number
from helpers.plotting.explorer import gradient_on_grid, tangent_direction
from helpers.widgets import gradient_explorer
from helpers.widgets.explorer import DEFAULT_EXPLORER_FUNCTIONS, explorer_readout

pytestmark = IPYMPL_WARNING

X, Y = sp.symbols("x y")





@pytest.fixture
def explorer(backend):
    backend(IPYMPL)
    return gradient_explorer()


@pytest.fixture
def drawn(explorer):
    explorer.figure.canvas.draw()
    return explorer








def set_point(box, x0, y0):
    box.sliders["x0"].value = x0
    box.sliders["y0"].value = y0






def exact_gradient(formula, point):
    expr = sp.sympify(formula)  # trusted test input
    at = {X: point[0], Y: point[1]}
    return tuple(float(sp.diff(expr, v).subs(at)) for v in (X, Y))


def test_one_container_with_findable_parts(explorer):
    assert isinstance(explorer, widgets.VBox)
    assert "gradient-explorer" in explorer._dom_classes
    assert "gradient-explorer-readout" in explorer.readout._dom_classes
    assert explorer.figure.canvas in explorer.children
    for slider in explorer.sliders.values():
        assert isinstance(slider, widgets.FloatSlider)
        assert slider.continuous_update and slider.readout
    assert len(explorer.function_menu.options) >= 3


def test_slider_move_changes_the_same_artists(explorer):
    artists = explorer.artists
    parts = dict(vars(artists))
    set_point(explorer, -1.0, 1.5)
    assert all(getattr(artists, name) is part for name, part in parts.items())
    assert artists.point.get_data() == ([-1.0], [1.5])
    assert np.allclose(artists.arrow.get_offsets(), [[-1.0, 1.5]])


@pytest.mark.parametrize("name", list(DEFAULT_EXPLORER_FUNCTIONS))
@pytest.mark.parametrize("point", [(1.0, 0.5), (-1.7, 1.2), (0.3, -1.9)])
def test_arrow_tangent_and_readout_match_sympy(explorer, name, point):
    explorer.function_menu.value = name
    set_point(explorer, *point)
    gx, gy = exact_gradient(DEFAULT_EXPLORER_FUNCTIONS[name], point)
    length = math.hypot(gx, gy)
    arrow = explorer.artists.arrow
    u, v = float(arrow.U[0]), float(arrow.V[0])
    assert np.allclose([u, v], np.array([gx, gy]) / length * explorer.artists.arrow_length, atol=1e-6)
    xs, ys = explorer.artists.tangent.get_data()
    tangent = np.array([xs[1] - xs[0], ys[1] - ys[0]])
    assert abs(np.dot(tangent, [gx, gy])) < 1e-6 * np.linalg.norm(tangent) * length  # perpendicular
    text = readout_text(explorer)
    at = f"({point[0]:.2f}, {point[1]:.2f})"
    assert f"∇f{at} = ({format_number(gx)}, {format_number(gy)})" in text
    assert f"|∇f| = {format_number(length)}" in text
    assert f"direction {format_number(math.degrees(math.atan2(gy, gx)), digits=1)}°" in text
    assert explorer.artists.label.get_text() == f"∇f{at} = ({format_number(gx)}, {format_number(gy)})"


def test_the_lesson_example_point(backend):
    backend(IPYMPL)
    box = gradient_explorer({"bowl": "x**2 + 4*y**2"}, x0=2, y0=1, window=(-3, 3, -3, 3))
    text = readout_text(box)
    assert "∇f(2.00, 1.00) = (4.000, 8.000)" in text
    assert f"|∇f| = {format_number(math.sqrt(80))}" in text and "63.4°" in text
    assert np.allclose(tangent_direction((4, 8)) @ np.array([4, 8]), 0)


@pytest.mark.parametrize(("name", "point"), [("saddle", (0.0, 0.0)), ("bowl", (0.0, 0.0)),
                                             ("hill and pass", (1.0, 0.0)), ("hill and pass", (-1.0, 0.0))])
def test_zero_gradient_says_so_and_hides_the_arrow(explorer, name, point):
    explorer.function_menu.value = name
    set_point(explorer, *point)
    assert "∇f = 0: no uphill direction here" in readout_text(explorer)
    assert not explorer.artists.arrow.get_visible()
    assert len(explorer.artists.tangent.get_xdata()) == 0
    assert "nan" not in explorer.readout.value
    set_point(explorer, 0.5, 0.5)
    assert explorer.artists.arrow.get_visible() and "no uphill" not in explorer.readout.value


def test_function_switch_redraws_contours_and_field(explorer):
    old_contours, old_field = explorer.artists.contours.filled, explorer.artists.field.quiver
    explorer.function_menu.value = "waves"
    assert explorer.artists.contours.filled is not old_contours
    assert explorer.artists.field.quiver is not old_field
    assert old_field not in explorer.artists.axes.get_children()
    assert "sin(x)*cos(y)" in explorer.artists.title.get_text()
    x, y, gx, gy = gradient_on_grid(lambda a, b: np.sin(a) * np.cos(b), (-2, 2, -2, 2))
    assert np.allclose(gx, np.cos(x) * np.cos(y), atol=1e-8)
    assert np.allclose(gy, -np.sin(x) * np.sin(y), atol=1e-8)


def test_fifty_updates_do_not_grow_the_figure(drawn):
    count = artist_count(drawn.figure)
    for step, x0 in enumerate(np.linspace(-2, 2, 50)):
        set_point(drawn, x0, np.sin(step))
    drawn.function_menu.value = "waves"
    drawn.function_menu.value = "bowl"
    drawn.figure.canvas.draw()
    assert artist_count(drawn.figure) == count


@pytest.mark.parametrize("corner", [(-2, -2), (-2, 2), (2, -2), (2, 2), (0, 0)])
def test_extreme_slider_values_do_not_raise(drawn, corner):
    for name in DEFAULT_EXPLORER_FUNCTIONS:
        drawn.function_menu.value = name
        set_point(drawn, *corner)
        drawn.figure.canvas.draw()
        set_point(drawn, corner[0] / 2, corner[1] / 2)
        set_point(drawn, *corner)
        drawn.sliders["x0"].value = 1e9  # clamped by the slider
        drawn.sliders["y0"].value = -1e9
        assert "undefined" not in drawn.readout.value
    drawn.figure.canvas.draw()


@pytest.mark.parametrize("point", [(np.nan, 0.0), (np.inf, 1.0), (1e308, -1e308), (0.0, -np.inf)])
def test_odd_points_give_a_message_not_a_traceback(explorer, point):
    explorer.move(*point)
    explorer.figure.canvas.draw()
    assert "Traceback" not in explorer.readout.value
    assert "not defined" in explorer.readout.value or "no uphill" in explorer.readout.value


def test_undefined_gradient_gives_a_plain_message(backend):
    backend(IPYMPL)
    box = gradient_explorer({"log": "log(x*y)", "root": "sqrt(x)"}, x0=-1.0, y0=1.0)
    assert "not defined at this point" in box.readout.value
    assert not box.artists.arrow.get_visible()
    set_point(box, 1.0, 1.0)
    assert "not defined" not in box.readout.value and "(1.000, 1.000)" in readout_text(box)
    box.function_menu.value = "root"
    set_point(box, 0.0, 0.5)  # the edge of the domain: no finite slope
    assert "not defined" in box.readout.value
    box.figure.canvas.draw()


def test_readout_of_bad_numbers():
    assert "not defined" in explorer_readout((1, 1), (float("nan"), 1.0))
    assert "not defined" in explorer_readout((1, 1), (float("inf"), 0.0))
    assert "direction 180.0°" in explorer_readout((0, 0), (-2.0, 0.0))


def test_custom_functions_starting_point_and_bad_window(backend):
    backend(IPYMPL)
    box = gradient_explorer({"product": lambda x, y: x * y, "text": "x - y"}, x0=5.0, y0=-0.25,
                            window=(-1, 3, -1, 1))
    assert box.sliders["x0"].value == 3.0
    assert "∇f(3.00, -0.25) = (-0.250, 3.000)" in readout_text(box)
    box.function_menu.value = "text"
    assert "(1.000, -1.000)" in readout_text(box)
    assert gradient_explorer(["x**3"]).function_menu.value == "x**3"
    with pytest.raises(ValueError, match="window"):
        gradient_explorer(window=(1, 1, 0, 1))
    with pytest.raises(ValueError, match="at least one"):
        gradient_explorer({})


def test_without_ipympl_the_figure_is_an_image(backend):
    backend("Agg")
    box = gradient_explorer()
    image = box.children[-1]
    assert isinstance(image, widgets.Image)
    first = bytes(image.value)
    assert first.startswith(b"\x89PNG")
    box.sliders["y0"].value = -1.0
    assert bytes(image.value) != first
    assert isinstance(box.figure.canvas, FigureCanvasAgg)


def test_slider_steps_blit_after_the_first_draw(monkeypatch, drawn):
    canvas = drawn.figure.canvas
    calls = spy(monkeypatch, canvas, "draw", "draw_idle", "restore_region", "blit")
    for step, x0 in enumerate(np.linspace(-2, 2, 10)):
        drawn.sliders[("x0", "y0")[step % 2]].value = x0
    assert calls["blit"].count == calls["restore_region"].count == 10
    assert calls["draw"].count == calls["draw_idle"].count == 0


def test_a_blitted_step_shows_what_a_full_draw_shows(drawn):
    canvas = drawn.figure.canvas
    before = pixels(canvas)
    set_point(drawn, -1.25, 1.5)
    blitted = pixels(canvas)
    assert (blitted != before).any()
    canvas.draw()
    assert np.array_equal(blitted, pixels(canvas))


def test_function_switch_asks_for_a_full_draw(monkeypatch, drawn):
    canvas = drawn.figure.canvas
    calls = spy(monkeypatch, canvas, "draw_idle", "blit")
    drawn.function_menu.value = "waves"
    assert (calls["draw_idle"].count, calls["blit"].count) == (1, 0)
    canvas.draw()
    drawn.sliders["x0"].value = 0.25
    assert calls["blit"].count == 1 and calls["draw_idle"].count == 1


def test_png_snapshot_shows_the_moving_artists(drawn):
    before = course_widgets.figure_png(drawn.figure)
    set_point(drawn, -1.5, -1.5)
    moved = course_widgets.figure_png(drawn.figure)
    assert moved != before
    assert all(artist.get_animated() for artist in drawn.artists.moving())
    bundle = drawn._repr_mimebundle_()
    assert bundle["image/png"].startswith(b"\x89PNG")
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == drawn.model_id
    assert bundle["text/plain"].startswith("Gradient explorer")
