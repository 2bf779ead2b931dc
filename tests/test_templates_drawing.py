"""What the templates of exercises 04-06 need beyond the shared kit: formulas apart, exact numbers."""

import doctest

import sympy as sp

from helpers.templates import drawing
from helpers.templates.drawing import at_params, distinct_functions, exact, number_tex, numbers, point_tex


def test_the_examples_in_the_docstrings():
    assert doctest.testmod(drawing).failed == 0


def test_distinct_functions_tells_formulas_apart_by_value():
    x, y = sp.symbols("x y")
    assert distinct_functions([x * y, x + y, sp.sin(x)], (x, y))
    assert not distinct_functions([x * (y + 1), x * y + x], (x, y))
    assert not distinct_functions([x * y, 1 / (x - x)], (x, y))  # undefined at the probes
    assert distinct_functions([x**2 * y, x * y**2], (x, y))  # equal where x = y, apart elsewhere


def test_formulas_worked_out_once_are_evaluated_exactly_per_version():
    a, x = sp.symbols("a x")
    assert at_params([a * x, a + 1], {"a": 0.5, "x": 4, "name": "text"}) == [2, sp.Rational(3, 2)]
    assert at_params([a * x], {"a": 0.1, "x": 3}) == [sp.Rational(3, 10)]  # 0.1 * 3 with no rounding


def test_exact_numbers_as_a_learner_writes_them():
    assert exact(0.1) == sp.Rational(1, 10) and exact(3) == 3 and exact(sp.Rational(2, 3)) == sp.Rational(2, 3)
    assert [number_tex(v) for v in (sp.Rational(4, 5), sp.Rational(-1, 8), sp.Rational(2, 3), 7)] == \
        ["0.8", "-0.125", "\\frac{2}{3}", "7"]
    assert point_tex([sp.Rational(-3, 5), 2]) == "(-0.6, 2)"
    assert numbers([sp.Rational(1, 4), sp.Integer(-2)]) == [0.25, -2.0]
