"""What drawing a fair version needs: precision apart, distinct formulas, work once per parameter set."""

import doctest

import sympy as sp

from helpers.templates import Template, drawing
from helpers.templates.drawing import apart, at_params, cached, distinct_functions, exact, number_tex, per_params


def test_the_examples_in_the_docstrings():
    assert doctest.testmod(drawing).failed == 0


def test_apart_at_the_precision_asked_for():
    assert apart(9.98, [9.9801, 10.0], 3) is False  # 9.98 and 9.9801 agree to 3 figures
    assert apart(9.98, [9.981, 10.0], 5) is True
    assert apart([0.8, 0.4], [[1.2, 1.6], [0.8, 0.41]], 3) is True
    assert apart([0.8, 0.4], [[1.2, 1.6], [0.8, 0.4004]], 3) is False
    assert apart(1.0, [[1.0, 2.0]], 3) is True  # another shape is another answer
    assert apart(1.0, [float("nan")], 3) is False


def test_apart_also_compares_the_other_answers_with_each_other():
    assert apart(1.0, [2.0, 2.0001], 3) is False
    assert apart(1.0, [2.0, 3.0], 3) is True


def test_distinct_functions_tells_formulas_apart_by_value():
    x, y = sp.symbols("x y")
    assert distinct_functions([x * y, x + y, sp.sin(x)], (x, y))
    assert not distinct_functions([x * (y + 1), x * y + x], (x, y))
    assert not distinct_functions([1 / (x - x)], (x, y))  # undefined at the probes


def test_work_is_done_once_per_parameter_set():
    calls = []

    @per_params
    def square(p):
        calls.append(p["a"])
        return p["a"] ** 2

    assert [square({"a": 3}), square({"a": 3}), square({"a": 4})] == [9, 9, 16]
    assert calls == [3, 4]


def test_a_cached_template_gives_the_same_parts_and_works_them_out_once():
    calls = []

    def text(p):
        calls.append(p["n"])
        return f"n = {p['n']}"

    template = Template("00-demo", "g", {"n": 1}, lambda rng: {"n": 2}, text=text, key=lambda p: p["n"],
                        mistakes=lambda p: (), worked=lambda p: "")
    fast = cached(template)
    assert [fast.text({"n": 1}), fast.text({"n": 1}), fast.text({"n": 2})] == ["n = 1", "n = 1", "n = 2"]
    assert calls == [1, 2] and fast.key({"n": 5}) == template.key({"n": 5})


def test_exact_numbers():
    assert exact(0.1) == sp.Rational(1, 10) and exact(3) == 3 and exact(sp.Rational(2, 3)) == sp.Rational(2, 3)
    a, x = sp.symbols("a x")
    assert at_params([a * x, a + 1], {"a": 0.5, "x": 4, "name": "text"}) == [2, sp.Rational(3, 2)]
    assert [number_tex(v) for v in (sp.Rational(4, 5), sp.Rational(-1, 8), sp.Rational(2, 3), 7)] == \
        ["0.8", "-0.125", "\\frac{2}{3}", "7"]
