"""The descent playground driven headless: paths, readout, blitting, odd inputs."""

import warnings

import ipywidgets as widgets
import numpy as np
import pytest
import sympy as sp
from widget_support import IPYMPL, IPYMPL_WARNING, artist_count, pixels, readout_text, spy

from helpers import widgets as course_widgets
from helpers.calculus import gradient_descent, newton_method
from helpers.plotting import format_number
from helpers.plotting.descent import clip_path
from helpers.widgets import descent_playground
from helpers.widgets.descent import DEFAULT_DESCENT_FUNCTIONS

pytestmark = IPYMPL_WARNING

X, Y = sp.symbols("x y")
WINDOW = (-2, 2, -1.5, 2.5)





@pytest.fixture
def playground(backend):
    backend(IPYMPL)
    return descent_playground()


@pytest.fixture
def drawn(playground):
    playground.figure.canvas.draw()
    return playground












def sympy_parts(formula):
    expr = sp.sympify(formula)  # trusted test input
    grad = sp.lambdify((X, Y), [sp.diff(expr, v) for v in (X, Y)])
    hess = sp.lambdify((X, Y), sp.hessian(expr, (X, Y)))
    return sp.lambdify((X, Y), expr), grad, hess


def set_controls(box, **values):
    for name, value in values.items():
        box.sliders[name].value = value


def test_one_container_with_findable_parts(playground):
    assert isinstance(playground, widgets.VBox)
    assert "descent-playground" in playground._dom_classes
    assert "descent-playground-readout" in playground.readout._dom_classes
    assert playground.figure.canvas in playground.children
    assert isinstance(playground.sliders["learning_rate"], widgets.FloatLogSlider)
    assert isinstance(playground.sliders["steps"], widgets.IntSlider)
    for slider in playground.sliders.values():
        assert slider.continuous_update and slider.readout
    assert len(playground.function_menu.options) >= 3


def test_a_slider_move_changes_the_same_artists(playground):
    artists = playground.artists
    parts = dict(vars(artists))
    before = artists.path.get_xydata().copy()
    set_controls(playground, x0=1.0, y0=-1.0)
    assert playground.artists is artists
    assert all(getattr(artists, name) is part for name, part in parts.items())
    assert artists.start.get_xydata().tolist() == [[1.0, -1.0]]
    assert not np.array_equal(artists.path.get_xydata(), before)


@pytest.mark.parametrize("name", list(DEFAULT_DESCENT_FUNCTIONS))
def test_path_and_readout_match_an_independent_descent(playground, name):
    playground.function_menu.value = name
    set_controls(playground, learning_rate=0.001, steps=40, x0=-1.0, y0=1.2)
    f, grad, _ = sympy_parts(DEFAULT_DESCENT_FUNCTIONS[name])
    expected = gradient_descent(grad, (-1.0, 1.2), playground.sliders["learning_rate"].value, 40)
    path, _ = playground.paths()
    assert np.allclose(path, expected, rtol=1e-12, atol=1e-12)
    assert np.allclose(playground.artists.path.get_xydata(), expected)
    last = expected[-1]
    text = readout_text(playground)
    assert f"after 40 steps at ({format_number(last[0])}, {format_number(last[1])})" in text
    assert f"f = {format_number(f(*last), 4)}" in text
    assert f"|∇f| = {format_number(np.hypot(*grad(*last)), 4)}" in text


def test_newton_path_matches_newton_method_and_solves_a_quadratic_in_one_step(playground):
    playground.function_menu.value = "narrow valley"
    playground.newton_box.value = True
    _, newton = playground.paths()
    assert len(newton) == 2 and np.allclose(newton[-1], 0.0, atol=1e-12)
    assert np.allclose(playground.artists.newton.get_xydata(), newton)
    playground.function_menu.value = "Rosenbrock"
    _, grad, hess = sympy_parts(DEFAULT_DESCENT_FUNCTIONS["Rosenbrock"])
    expected = newton_method(grad, hess, (-1.5, 1.5), steps=30)
    _, newton = playground.paths()
    assert np.allclose(newton, expected) and np.allclose(newton[-1], (1.0, 1.0))
    assert "Newton's method: after" in readout_text(playground)
    playground.newton_box.value = False
    assert len(playground.artists.newton.get_xdata()) == 0
    assert "Newton" not in readout_text(playground)


def test_too_large_a_learning_rate_says_diverged_without_warnings(playground):
    playground.function_menu.value = "Rosenbrock"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        set_controls(playground, learning_rate=1.0, steps=200)
    assert "diverged" in readout_text(playground)
    drawn = playground.artists.path.get_xydata()
    assert np.all(np.isfinite(drawn)) and np.abs(drawn).max() < 20


def test_fifty_updates_do_not_grow_the_figure(drawn):
    count = artist_count(drawn.figure)
    for step, rate in enumerate(np.geomspace(1e-4, 1.0, 50)):
        set_controls(drawn, learning_rate=rate, steps=step * 4, x0=np.sin(step), y0=np.cos(step))
        drawn.newton_box.value = bool(step % 2)
    drawn.function_menu.value = "Rosenbrock"
    drawn.function_menu.value = "round bowl"
    drawn.figure.canvas.draw()
    assert artist_count(drawn.figure) == count


@pytest.mark.parametrize("corner", [(-2, -1.5), (-2, 2.5), (2, -1.5), (2, 2.5), (0, 0)])
def test_extreme_slider_values_do_not_raise(drawn, corner):
    drawn.newton_box.value = True
    for name in DEFAULT_DESCENT_FUNCTIONS:
        drawn.function_menu.value = name
        drawn.figure.canvas.draw()
        for rate, steps in ((1e-4, 0), (1.0, 200), (1e-4, 200), (1.0, 0)):
            set_controls(drawn, learning_rate=rate, steps=steps, x0=corner[0], y0=corner[1])
            assert "Traceback" not in drawn.readout.value
            assert "undefined" not in drawn.readout.value
    drawn.sliders["learning_rate"].value = 1e9  # clamped by the slider
    drawn.sliders["steps"].value = 10**6
    drawn.figure.canvas.draw()


def test_odd_starting_values_and_bad_formulas(backend):
    backend(IPYMPL)
    box = descent_playground(start=(np.nan, np.inf), learning_rate=np.nan, steps=-5)
    assert box.sliders["steps"].value == 0 and box.sliders["x0"].value == 0.0
    assert "after 0 steps" in readout_text(box)
    box = descent_playground({"log": "log(x*y)"}, start=(-1.0, 1.0), newton=True)
    assert "diverged" in readout_text(box)
    with pytest.raises(ValueError):
        descent_playground({"bad": "__import__('os')"})
    with pytest.raises(ValueError, match="window"):
        descent_playground(window=(1, 1, 0, 1))


def test_clip_path_keeps_the_drawing_finite_and_small():
    path = np.array([[0.0, 0.0], [1.0, 1.0], [1e200, -1e200], [np.inf, np.nan]])
    points, left = clip_path(path, WINDOW)
    assert left and len(points) == 3 and np.all(np.isfinite(points))
    assert points[2].tolist() == [6.0, -5.5]
    assert clip_path(path[:2], WINDOW)[1] is False


def test_slider_steps_blit_after_the_first_draw(monkeypatch, drawn):
    calls = spy(monkeypatch, drawn.figure.canvas, "draw", "draw_idle", "restore_region", "blit")
    for step, value in enumerate(np.linspace(-1.4, 1.3, 10)):
        drawn.sliders[("x0", "y0")[step % 2]].value = value
    assert calls["blit"].count == calls["restore_region"].count == 10
    assert calls["draw"].count == calls["draw_idle"].count == 0


def test_function_switch_asks_for_a_full_draw(monkeypatch, drawn):
    old = drawn.artists.filled
    calls = spy(monkeypatch, drawn.figure.canvas, "draw_idle", "blit")
    drawn.function_menu.value = "Rosenbrock"
    assert (calls["draw_idle"].count, calls["blit"].count) == (1, 0)
    assert drawn.artists.filled is not old
    assert "100*(y - x**2)**2" in drawn.artists.title.get_text()


def test_a_blitted_step_shows_what_a_full_draw_shows(drawn):
    canvas = drawn.figure.canvas
    before = pixels(canvas)
    set_controls(drawn, x0=1.25, steps=60)
    blitted = pixels(canvas)
    assert (blitted != before).any()
    canvas.draw()
    assert np.array_equal(blitted, pixels(canvas))


def test_png_snapshot_exists_and_shows_the_path(drawn):
    bundle = drawn._repr_mimebundle_()
    assert bundle["image/png"].startswith(b"\x89PNG")
    assert bundle["text/plain"].startswith("Descent playground")
    before = course_widgets.figure_png(drawn.figure)
    set_controls(drawn, steps=0)
    assert course_widgets.figure_png(drawn.figure) != before


def test_without_ipympl_the_figure_is_an_image(backend):
    backend("Agg")
    box = descent_playground()
    image = box.children[-1]
    assert isinstance(image, widgets.Image)
    first = bytes(image.value)
    box.sliders["steps"].value = 3
    assert bytes(image.value) != first
