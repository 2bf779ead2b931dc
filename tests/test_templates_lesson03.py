"""Exercise 03 as templates: every key checked against central differences, over many versions.

The functions are restated here from the module's docstring (numpy, not sympy), so a key that sympy
worked out from a wrong function, or a text that shows another function than the key's, fails.
"""

import math

import numpy as np
import pytest
import sympy as sp

from helpers.calculus import directional_derivative, gradient
from helpers.reading import read_formula, read_formulas
from helpers.symbolic import lambdify_numeric
from helpers.templates import templates_for, variant

SEEDS = range(60)
x, y = sp.symbols("x y")
COMPASS = {"east": (1, 0), "north": (0, 1), "northeast": (1, 1), "southeast": (1, -1)}


def _group_f(seed):
    """The function, the point and the direction of group f in version ``seed``, and every question's version."""
    versions = {qid: variant(qid, seed) for qid, t in templates_for("03").items() if t.group == "f"}
    p = versions["03-gradient"].params
    assert all(v.params == p for v in versions.values())
    a, m, c, n = (p[k] for k in "amcn")

    def f(X, Y):
        return a * X**m * Y - c * Y**n

    for qid, v in versions.items():
        if qid != "03-unit-direction":
            assert sp.latex(a * x**m * y - c * y**n) in v.text, qid  # every question shows the one function
    return f, (p["x0"], p["y0"]), (p["v1"], p["v2"]), versions


def _numbers(v):
    return np.asarray(v.key["value"], dtype=float)


@pytest.mark.parametrize("seed", SEEDS)
def test_every_answer_about_f_agrees_with_central_differences(seed):
    f, point, v, versions = _group_f(seed)
    g = gradient(f, point)
    rate = directional_derivative(f, point, v)
    formulas = read_formulas(versions["03-gradient"].key, ("x", "y"), 2)
    for q in ((0.4, 0.9), (1.1, 0.5), point):
        values = [float(lambdify_numeric(h, ("x", "y"))(*q)) for h in formulas]
        assert np.allclose(values, gradient(f, q), rtol=1e-6, atol=1e-6)
    assert np.allclose(_numbers(versions["03-unit-direction"]), np.array(v) / np.linalg.norm(v))
    formula = lambdify_numeric(read_formula(versions["03-rate-formula"].key, ("x", "y")), ("x", "y"))
    assert float(formula(*point)) == pytest.approx(rate, abs=1e-6)
    assert float(formula(0.7, -0.3)) == pytest.approx(directional_derivative(f, (0.7, -0.3), v), abs=1e-6)
    assert versions["03-rate-value"].key["value"] == pytest.approx(rate, abs=1e-6) and abs(rate) > 1e-3
    assert np.allclose(_numbers(versions["03-steepest-direction"]), g / np.linalg.norm(g), atol=1e-6)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_largest_rate_the_level_direction_and_the_fastest_compass_direction(seed):
    f, point, _, versions = _group_f(seed)
    angles = np.linspace(0, 2 * np.pi, 3601)
    rates = [directional_derivative(f, point, (math.cos(t), math.sin(t))) for t in angles[::10]]
    assert versions["03-max-rate"].key["value"] == pytest.approx(max(rates), rel=1e-3)
    level = _numbers(versions["03-level-direction"])
    assert np.linalg.norm(level) == pytest.approx(1) and level[1] > 0
    assert directional_derivative(f, point, level) == pytest.approx(0, abs=1e-6)
    by_direction = {name: directional_derivative(f, point, d) for name, d in COMPASS.items()}
    assert versions["03-fastest"].key["value"] == max(by_direction, key=by_direction.get)


def test_the_fastest_direction_is_not_always_the_same_word():
    assert len({variant("03-fastest", seed).key["value"] for seed in range(200)}) >= 3


@pytest.mark.parametrize("seed", SEEDS)
def test_rate_from_an_angle_and_in_three_variables(seed):
    v = variant("03-angle-rate", seed)
    size, phi = v.params["L"], math.radians(v.params["phi"])
    grad, u = np.array([size, 0.0]), np.array([math.cos(phi), math.sin(phi)])  # u at phi to grad
    assert v.key["value"] == pytest.approx(float(grad @ u)) and abs(v.key["value"]) > 0.5
    assert f"|\\nabla f| = {v.params['L']}$" in v.text and f"${v.params['phi']}°$" in v.text

    v = variant("03-three-variables", seed)
    point = (v.params["x0"], 0, v.params["z0"])
    expected = directional_derivative(lambda X, Y, Z: X * np.exp(Y * Z), point, v.params["d"])
    assert v.key["value"] == pytest.approx(expected, abs=1e-6) and expected != 0
    assert float(np.linalg.norm(v.params["d"])).is_integer()


def test_version_zero_shows_the_exercise():
    texts = {qid: variant(qid, 0).text for qid in templates_for("03")}
    assert all("x^{2} y - y^{3}" in text for qid, text in texts.items()
               if templates_for("03")[qid].group == "f" and qid != "03-unit-direction")
    assert "(3, -4)" in texts["03-unit-direction"] and "(1, 2, 2)" in texts["03-three-variables"]
    assert "$60°$" in texts["03-angle-rate"]
