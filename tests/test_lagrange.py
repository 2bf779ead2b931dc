"""Lagrange multipliers: exact solutions, lambda as the rate of change of the optimum, angles."""

import numpy as np
import pytest
import sympy as sp

from helpers.lagrange import gradient_angle, lagrange_points, multiplier_estimate, optimum_value

x, y, z = sp.symbols("x y z", real=True)
c = sp.Symbol("c", positive=True)


def test_the_circle_example_has_a_maximum_and_a_minimum():
    points = lagrange_points(x + y, x**2 + y**2, 2)
    assert [(p["x"], p["y"], p["lambda"], p["f"]) for p in points] == [
        (-1, -1, -sp.Rational(1, 2), -2), (1, 1, sp.Rational(1, 2), 2)]


@pytest.mark.parametrize(
    ("f", "g", "expected"),
    [
        (x * y, x + y, (c**2 / 4, c / 2)),
        (x**2 + y**2, x + 2 * y, (c**2 / 5, 2 * c / 5)),
        (x + y, x**2 + y**2, (sp.sqrt(2 * c), 1 / sp.sqrt(2 * c))),
    ],
)
def test_lambda_is_the_rate_of_change_of_the_optimum(f, g, expected):
    largest = f != x**2 + y**2  # the distance problem has a minimum, the others a maximum
    value, lam = optimum_value(f, g, c, largest=largest, at=2.0)
    assert sp.simplify(value - expected[0]) == 0 and sp.simplify(lam - expected[1]) == 0
    assert sp.simplify(sp.diff(value, c) - lam) == 0


def test_three_variables_and_every_solution_satisfies_the_system():
    f, g = x * y * z, x + y + z
    points = lagrange_points(f, g, 3, variables=[x, y, z])
    assert any(p["x"] == p["y"] == p["z"] == 1 and p["f"] == 1 for p in points)
    for p in points:
        at = {x: p["x"], y: p["y"], z: p["z"]}
        for v in (x, y, z):
            assert sp.simplify((sp.diff(f, v) - p["lambda"] * sp.diff(g, v)).subs(at)) == 0
        assert sp.simplify(g.subs(at) - 3) == 0


def test_no_real_solution_is_reported_plainly():
    with pytest.raises(ValueError, match="no real solution"):
        optimum_value(x + y, x**2 + y**2, -c)


def test_angles_and_the_fitted_multiplier():
    assert gradient_angle((1, 1), (3, 3)) == pytest.approx(0, abs=1e-12)
    assert gradient_angle((1, 1), (-2, -2)) == pytest.approx(180)
    assert gradient_angle((1, 0), (1, 1)) == pytest.approx(45)
    assert np.isnan(gradient_angle((0, 0), (1, 1))) and np.isnan(gradient_angle((1, 1), (np.nan, 1)))
    assert multiplier_estimate((2, 4), (1, 2)) == pytest.approx(2)
    assert np.isnan(multiplier_estimate((1, 1), (0, 0)))
