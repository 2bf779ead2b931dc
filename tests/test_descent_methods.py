"""The descent playground's method menu: momentum, Adam and Newton paths, behaviour in the readout."""

import numpy as np
import pytest
import sympy as sp
from widget_support import IPYMPL, IPYMPL_WARNING, artist_count, readout_text, spy

from helpers.calculus import gradient_descent, newton_method
from helpers.optimisers import adam_descent, momentum_descent
from helpers.widgets import descent_playground
from helpers.widgets.descent import DEFAULT_DESCENT_FUNCTIONS, DESCENT_METHODS, MOMENTUM

pytestmark = IPYMPL_WARNING

X, Y = sp.symbols("x y")
VALLEY = {"narrow valley": "x**2/2 + 5*y**2", "steep valley": "x**2/2 + 50*y**2"}


@pytest.fixture
def drawn(backend):
    backend(IPYMPL)
    box = descent_playground(VALLEY, start=(-1.8, 0.5), learning_rate=0.019, steps=100)
    box.figure.canvas.draw()
    return box


def gradient_of(formula):
    expr = sp.sympify(formula)  # trusted test input
    return (sp.lambdify((X, Y), [sp.diff(expr, v) for v in (X, Y)]),
            sp.lambdify((X, Y), sp.hessian(expr, (X, Y))))


def test_the_menu_offers_the_four_methods_and_starts_on_gradient_descent(drawn):
    assert tuple(drawn.method_menu.options) == DESCENT_METHODS
    assert drawn.method_menu.value == "gradient descent"
    assert readout_text(drawn).startswith("Gradient descent: after")


@pytest.mark.parametrize("method", DESCENT_METHODS)
def test_each_method_draws_its_own_independent_path(drawn, method):
    drawn.function_menu.value = "steep valley"
    drawn.method_menu.value = method
    grad, hess = gradient_of(VALLEY["steep valley"])
    eta, start = drawn.sliders["learning_rate"].value, (-1.8, 0.5)
    expected = {
        "gradient descent": lambda: gradient_descent(grad, start, eta, steps=100),
        "momentum": lambda: momentum_descent(grad, start, eta, momentum=MOMENTUM, steps=100),
        "Adam": lambda: adam_descent(grad, start, eta, steps=100),
        "Newton's method": lambda: newton_method(grad, hess, start, steps=50),
    }[method]()
    path, _ = drawn.paths()
    assert np.allclose(path, expected, rtol=1e-12, atol=1e-12)
    assert np.allclose(drawn.artists.path.get_xydata(), expected)
    assert drawn.artists.axes.get_legend().get_texts()[0].get_text() == method


def test_momentum_beats_plain_descent_at_the_same_step_in_the_steep_valley(drawn):
    drawn.function_menu.value = "steep valley"
    plain, _ = drawn.paths()
    drawn.method_menu.value = "momentum"
    heavy, _ = drawn.paths()
    assert np.linalg.norm(heavy[-1]) < np.linalg.norm(plain[-1]) / 10
    assert "Momentum (β = 0.8): after 100 steps" in readout_text(drawn)


@pytest.mark.parametrize(
    ("rate", "steps", "word"),
    [(0.05, 40, "still descending"), (0.15, 40, "; oscillating"), (0.15, 200, "converged, oscillating"),
     (0.21, 40, "diverged"), (0.05, 200, "; converged")],
)
def test_the_readout_says_converge_oscillate_or_diverge(drawn, rate, steps, word):
    drawn.function_menu.value = "narrow valley"
    drawn.sliders["learning_rate"].value = rate
    drawn.sliders["steps"].value = steps
    drawn.sliders["x0"].value, drawn.sliders["y0"].value = 1.0, 1.0
    assert word in readout_text(drawn)


def test_a_method_switch_redraws_fully_then_slider_steps_blit(monkeypatch, drawn):
    calls = spy(monkeypatch, drawn.figure.canvas, "draw_idle", "blit", "restore_region")
    drawn.method_menu.value = "Adam"
    assert (calls["draw_idle"].count, calls["blit"].count) == (1, 0)
    drawn.figure.canvas.draw()  # what the browser does after draw_idle
    drawn.sliders["x0"].value = 0.5
    assert (calls["draw_idle"].count, calls["blit"].count) == (1, 1)


def test_switching_methods_many_times_does_not_grow_the_figure(drawn):
    count = artist_count(drawn.figure)
    for step in range(20):
        drawn.method_menu.value = DESCENT_METHODS[step % 4]
        drawn.sliders["steps"].value = step * 10
    drawn.figure.canvas.draw()
    assert artist_count(drawn.figure) == count


@pytest.mark.parametrize("method", DESCENT_METHODS)
def test_every_method_survives_the_extreme_slider_values(backend, method):
    backend(IPYMPL)
    box = descent_playground(method=method, newton=True)
    for name in DEFAULT_DESCENT_FUNCTIONS:
        box.function_menu.value = name
        for rate, steps, corner in ((1e-4, 0, (-2, -1.5)), (1.0, 200, (2, 2.5)), (1.0, 200, (0, 0))):
            box.sliders["learning_rate"].value, box.sliders["steps"].value = rate, steps
            box.sliders["x0"].value, box.sliders["y0"].value = corner
            text = readout_text(box)
            assert "Traceback" not in text and "undefined" not in text and "nan" not in text


def test_an_unknown_method_is_refused_in_plain_words(backend):
    backend(IPYMPL)
    with pytest.raises(ValueError, match="must be one of gradient descent, momentum, Adam"):
        descent_playground(method="conjugate gradients")
