"""Exercise 02 as templates: every key checked against central differences, over many versions.

The functions are restated here from the module's docstring (numpy, not sympy), so a key that sympy
worked out from a wrong function, or a text that shows another function than the key's, fails.
"""

import ast
import json
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
import sympy as sp

from helpers.calculus import gradient
from helpers.grading.versions import Student, personalise
from helpers.reading import read_formulas
from helpers.symbolic import lambdify_numeric
from helpers.templates import student_seed, templates_for, variant

SEEDS = range(40)
x, y, z = sp.symbols("x y z")


def _numbers(v):
    return np.asarray(v.key["value"], dtype=float)


def _formulas(v):
    return read_formulas(v.key, v.question.variables, len(v.key["items"]))


def _agrees(formulas, numeric_gradient, names, rng):
    """The key's formulas against the gradient by central differences at random points."""
    for _ in range(5):
        point = rng.uniform(0.3, 1.2, size=len(names))
        values = [float(lambdify_numeric(f, tuple(names))(*point)) for f in formulas]
        assert np.allclose(values, numeric_gradient(point), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("seed", SEEDS)
def test_formula_gradients_are_the_gradients_of_the_functions_shown(seed):
    rng = np.random.default_rng(seed)
    v = variant("02-grad-poly", seed)
    a, m, b, n, c = (v.params[k] for k in "ambnc")
    assert sp.latex(a * x**m * y - b * x * y**n + c * x) in v.text
    _agrees(_formulas(v), lambda q: gradient(lambda X, Y: a * X**m * Y - b * X * Y**n + c * X, q), "xy", rng)

    v = variant("02-grad-chain", seed)
    k, m, n = (v.params[key] for key in "kmn")
    assert f"e^{{{sp.latex(k * x**m * y**n)}}}" in v.text
    _agrees(_formulas(v), lambda q: gradient(lambda X, Y: np.exp(k * X**m * Y**n), q), "xy", rng)

    v = variant("02-grad-3d", seed)
    a, m, k = (v.params[key] for key in "amk")
    assert sp.latex(a * x**m * z + y * sp.exp(k * z)) in v.text
    _agrees(_formulas(v), lambda q: gradient(lambda X, Y, Z: a * X**m * Z + Y * np.exp(k * Z), q), "xyz", rng)


@pytest.mark.parametrize("seed", SEEDS)
def test_gradient_at_a_point_steepest_rate_and_descent(seed):
    v = variant("02-grad-at-point", seed)
    m, n, c, x0, y0 = (v.params[k] for k in ("m", "n", "c", "x0", "y0"))
    assert f"\\nabla p({x0}, {y0})" in v.text and sp.latex(x**m * y**n - c * x) in v.text
    assert np.allclose(_numbers(v), gradient(lambda X, Y: X**m * Y**n - c * X, (x0, y0)), atol=1e-5)
    if seed:
        assert np.all(_numbers(v) != 0)

    rate, descent = variant("02-steepest-rate", seed), variant("02-descent-direction", seed)
    a, c, x0, y0 = (rate.params[k] for k in ("a", "c", "x0", "y0"))
    g = gradient(lambda X, Y: a * X**2 + c * Y**2, (x0, y0))
    assert rate.key["value"] == pytest.approx(np.linalg.norm(g), rel=1e-6)
    assert np.allclose(_numbers(descent), -g / np.linalg.norm(g), atol=1e-6)
    assert sp.latex(a * x**2 + c * y**2) in rate.text and sp.latex(a * x**2 + c * y**2) in descent.text


@pytest.mark.parametrize("seed", range(200))
def test_exactly_one_listed_vector_is_tangent_to_the_level_curve(seed):
    v = variant("02-level-tangent", seed)
    a, c, x1, y1 = (v.params[k] for k in ("a", "c", "x1", "y1"))
    g = gradient(lambda X, Y: a * X**2 + c * Y**2, (x1, y1))
    listed = {letter: np.array([int(first), int(second)]) for letter, first, second in
              re.findall(r'`"([abcd])"`: \$\((-?\d+), (-?\d+)\)\$', v.text)}
    assert sorted(listed) == list("abcd")
    tangent = [letter for letter, vector in listed.items() if abs(vector @ g) < 1e-6]
    assert tangent == [v.key["value"]]
    assert f"= {a * x1**2 + c * y1**2}$" in v.text  # the level of the curve through the point


def test_the_tangent_is_not_always_the_same_letter():
    assert {variant("02-level-tangent", seed).key["value"] for seed in range(100)} == set("abcd")


@pytest.mark.parametrize("seed", SEEDS)
def test_mse_gradient_and_critical_point(seed):
    v = variant("02-mse-gradient", seed)
    xs, ys = np.array(v.params["xs"], dtype=float), np.array(v.params["ys"], dtype=float)
    theta = (v.params["t0"], v.params["t1"])
    assert all(f"$({xn}, {yn})$" in v.text for xn, yn in zip(v.params["xs"], v.params["ys"], strict=True))
    loss = lambda t0, t1: np.mean((ys - t0 - t1 * xs) ** 2)  # noqa: E731
    assert np.allclose(_numbers(v), gradient(loss, theta), atol=1e-6)

    v = variant("02-critical-point", seed)
    b, d, p = (v.params[k] for k in "bdp")
    c = lambda X, Y: X**2 + b * X * Y + d * Y**2 - p * X  # noqa: E731
    assert np.allclose(gradient(c, tuple(_numbers(v))), 0, atol=1e-6)
    assert 4 * d - b**2 != 0  # one critical point only
    assert np.all(_numbers(v) != 0) and np.all(np.abs(_numbers(v)) <= 10)


def test_version_zero_shows_the_functions_of_the_exercise():
    texts = {qid: variant(qid, 0).text for qid in templates_for("02")}
    assert "x^{3} y - 2 x y^{2} + 5 x" in texts["02-grad-poly"]
    assert "e^{x y^{2}}" in texts["02-grad-chain"]
    assert "x^{2} y^{3} - 4 x" in texts["02-grad-at-point"]
    assert "x^{2} + x y + y^{2} - 3 x" in texts["02-critical-point"]
    assert '`"b"`: $(2, -1)$' in texts["02-level-tangent"]


def test_the_data_of_the_loss_question_is_given_as_code_with_the_versions_numbers():
    exercise = json.loads(Path("exercises/02-gradient.ipynb").read_text())
    cell = next(c for c in exercise["cells"] if c["metadata"].get("grade", {}).get("grade_id") == "02-mse-gradient")
    code = templates_for("02")["02-mse-gradient"].code
    assert "".join(cell["source"]).startswith(code(variant("02-mse-gradient", 0).params) + "\n")
    v = variant("02-mse-gradient", 7)
    given = {}
    for line in code(v.params).splitlines():
        names, values = line.split(" = ")
        given.update(zip(names.split(", "), ast.literal_eval(values), strict=True))
    assert (tuple(given["xs"]), tuple(given["ys"]), given["theta0"], given["theta1"]) == \
        (v.params["xs"], v.params["ys"], v.params["t0"], v.params["t1"])


def test_a_personal_notebook_gives_the_loss_question_the_students_own_data():
    exercise = nbformat.read("exercises/02-gradient.ipynb", as_version=4)
    seed = student_seed(b"k" * 32, "alice", "02")
    mine = personalise(exercise, "02", seed, Student("alice"))
    cell = next(c for c in mine.cells if c.metadata.get("grade", {}).get("grade_id") == "02-mse-gradient")
    assert cell.source == templates_for("02")["02-mse-gradient"].code(variant("02-mse-gradient", seed).params) + \
        "\ngrad_J = ..."
