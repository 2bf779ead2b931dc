"""Every result stated in lesson 08 (Lagrange multipliers), computed independently of helpers.lagrange."""

import numpy as np
import pytest
import sympy as sp

from helpers.widgets.lagrange import DEFAULT_PROBLEMS, compile_problem

x, y, z, lam = sp.symbols("x y z lambda", real=True)
c = sp.Symbol("c", positive=True)


def solve(f, g, level, variables=(x, y)):
    equations = [sp.diff(f, v) - lam * sp.diff(g, v) for v in variables] + [g - level]
    return sp.solve(equations, [*variables, lam], dict=True)


def test_section_1_walking_the_circle():
    t = np.linspace(0, 2 * np.pi, 400)
    along = np.sqrt(2) * (np.cos(t) + np.sin(t))
    top, bottom = np.argmax(along), np.argmin(along)
    assert round(along[top], 4) == 2.0 and round(t[top], 3) == 0.787
    assert round(along[bottom], 4) == -2.0 and round(t[bottom], 3) == 3.921
    assert t[top] == pytest.approx(np.pi / 4, abs=0.01)


def test_section_2_the_three_worked_examples():
    circle = sorted((s[x], s[y], s[lam]) for s in solve(x + y, x**2 + y**2, 2))
    assert circle == [(-1, -1, -sp.Rational(1, 2)), (1, 1, sp.Rational(1, 2))]
    assert [(s[x], s[y], s[lam]) for s in solve(x * y, x + y, 10)] == [(5, 5, 5)]
    assert [(s[x], s[y], s[lam]) for s in solve(x**2 + y**2, x + 2 * y, 5)] == [(1, 2, 2)]
    assert sp.sqrt(1**2 + 2**2) == sp.sqrt(5)
    s = np.linspace(-10, 10, 200_001)
    assert round(np.max((10 - s) * s), 4) == 25.0 and round(np.min((5 - 2 * s) ** 2 + s**2), 4) == 5.0


def test_try_this_the_ellipse_has_two_maxima_and_two_minima():
    solutions = solve(x * y, x**2 / 4 + y**2, 1)
    values = sorted(sp.simplify(s[x] * s[y]) for s in solutions)
    assert values == [-1, -1, 1, 1]
    for s in solutions:
        assert s[lam] == sp.sign(s[x] * s[y])  # lambda = 1 at the maxima, -1 at the minima


def test_section_3_lambda_is_the_rate_of_change_of_the_best_value():
    rectangle = c**2 / 4
    assert sp.diff(rectangle, c) == c / 2 and (c / 2).subs(c, 10) == 5
    assert rectangle.subs(c, 11) - rectangle.subs(c, 10) == sp.Rational(21, 4)  # 5.25
    assert round((10.01**2 / 4 - 25) / 0.01, 4) == 5.0025
    best = sp.sqrt(2 * c)  # x + y on x**2 + y**2 = c, at (sqrt(c/2), sqrt(c/2))
    point = solve(x + y, x**2 + y**2, c)
    top = max(point, key=lambda s: float((s[x] + s[y]).subs(c, 2)))
    assert sp.simplify(top[x] + top[y] - best) == 0 and sp.simplify(sp.diff(best, c) - top[lam]) == 0
    assert top[lam].subs(c, 2) == sp.Rational(1, 2)
    line = solve(x**2 + y**2, x + 2 * y, c)[0]
    assert sp.simplify(line[x] ** 2 + line[y] ** 2 - c**2 / 5) == 0 and sp.simplify(line[lam] - 2 * c / 5) == 0


def test_section_5_the_box():
    solutions = solve(x * y * z, x + y + z, 3, (x, y, z))
    volumes = sorted((s[x] * s[y] * s[z], s[lam]) for s in solutions)
    assert volumes[-1] == (1, 1) and all(v == 0 for v, _ in volumes[:-1]) and len(volumes) == 4


def test_common_mistakes_forgetting_the_constraint_and_the_cusp():
    family = sp.solve([1 - 2 * lam * x, 1 - 2 * lam * y], [x, y, lam], dict=True)
    assert family == [{lam: 1 / (2 * y), x: y}]
    assert solve(x, y**2 - x**3, 0) == []  # no solution, yet x is smallest at the origin
    t = np.linspace(-2, 2, 4001)
    assert np.min(np.abs(t) ** (2 / 3)) == 0.0  # x = |y|**(2/3) >= 0 on the curve


def test_the_widget_figure_in_the_lesson():
    problem = compile_problem(DEFAULT_PROBLEMS["x + y on the circle"])
    t = 0.07 * 2 * np.pi
    px, py = (float(v) for v in problem.at(t))
    assert (round(px, 2), round(py, 2)) == (1.28, 0.6)
    assert round(np.pi / 4, 3) == 0.785 and round(5 * np.pi / 4, 2) == 3.93
