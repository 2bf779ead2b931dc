"""The descent playground driven headless: paths and readout against independent descents.

What every widget promises (in-place moves, blitting, odd input...) is in test_widget_contract.py.
"""

import warnings

import numpy as np
import pytest
import sympy as sp
from widget_support import IPYMPL, IPYMPL_WARNING, readout_text

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


