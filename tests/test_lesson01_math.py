"""Every formula and number stated in lessons/01-partial-derivatives.ipynb, checked.

The lesson shows its results with sympy cells; this file checks them again, and checks
the statements its prose makes (error orders, best steps, where a formula breaks down),
so that a wrong formula cannot slip into the lesson unnoticed.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from helpers.calculus import EPSILON, difference_step, partial
from helpers.symbolic import hessian_matrix, mixed_partial

x, y, z, h = sp.symbols("x y z h")


def same(a: sp.Expr, b: sp.Expr) -> bool:
    """True when two expressions are identical as functions."""
    return sp.simplify(a - b) == 0


# --- 1. The limit definition -------------------------------------------------------

CUBE = x**3 * y  # the running example of section 1, at (1, 2)


def forward_quotient(f, at):
    return (f.subs(x, at + h) - f.subs(x, at)) / h


def central_quotient(f, at):
    return (f.subs(x, at + h) - f.subs(x, at - h)) / (2 * h)


def test_difference_quotients_of_x3y_at_1_2():
    forward = sp.expand(forward_quotient(CUBE, 1).subs(y, 2))
    central = sp.expand(central_quotient(CUBE, 1).subs(y, 2))
    assert forward == 6 + 6 * h + 2 * h**2
    assert central == 6 + 2 * h**2
    assert sp.limit(forward, h, 0) == 6
    assert sp.limit(central, h, 0) == 6
    assert sp.diff(CUBE, x).subs({x: 1, y: 2}) == 6


def test_error_orders_forward_h_central_h_squared():
    forward_error = sp.expand(forward_quotient(CUBE, 1).subs(y, 2) - 6)
    central_error = sp.expand(central_quotient(CUBE, 1).subs(y, 2) - 6)
    # leading terms: 6h and 2h^2
    assert sp.limit(forward_error / h, h, 0) == 6
    assert sp.limit(central_error / h**2, h, 0) == 2
    # halving h halves the forward error and quarters the central one, as h -> 0
    assert sp.limit(forward_error.subs(h, h / 2) / forward_error, h, 0) == sp.Rational(1, 2)
    assert sp.limit(central_error.subs(h, h / 2) / central_error, h, 0) == sp.Rational(1, 4)


def test_central_quotient_is_exact_for_a_quadratic_in_x():
    quadratic = x**2 * y
    assert same(central_quotient(quadratic, x), sp.diff(quadratic, x))


def test_central_limit_equals_partial_when_it_exists():
    # central = (forward(h) + forward(-h)) / 2, so it has the same limit
    f = sp.sin(x * y) + sp.exp(x + y)
    a = sp.Rational(1, 3)
    central = central_quotient(f, a)
    forward_plus = forward_quotient(f, a)
    forward_minus = forward_plus.subs(h, -h)
    assert same(central, (forward_plus + forward_minus) / 2)
    assert same(sp.limit(central, h, 0), sp.diff(f, x).subs(x, a))


def cube(xx, yy):
    return xx * xx * xx * yy  # as in the lesson: products only, rounded the same everywhere


def table_errors(k: int) -> tuple[float, float]:
    step = 1 / 10**k
    forward = (cube(1 + step, 2.0) - cube(1.0, 2.0)) / step
    central = (cube(1 + step, 2.0) - cube(1 - step, 2.0)) / (2 * step)
    return abs(forward - 6), abs(central - 6)


def test_table_shows_truncation_then_round_off():
    errors = {k: table_errors(k) for k in range(1, 13)}
    forward = {k: e[0] for k, e in errors.items()}
    central = {k: e[1] for k, e in errors.items()}
    # truncation regime: tenfold per row (forward), hundredfold per row (central)
    for k in (1, 2, 3):
        assert forward[k] / forward[k + 1] == pytest.approx(10, rel=0.15)
        assert central[k] / central[k + 1] == pytest.approx(100, rel=0.15)
    # the smallest errors sit at h = 1e-8 (forward) and between 1e-7 and 1e-5 (central)
    assert min(forward, key=forward.get) == 8
    assert min(central, key=central.get) in (5, 6, 7)
    # at their best: about 1e-8 forward; central more than a hundred times smaller
    assert 1e-9 < forward[8] < 1e-7
    assert 1e-11 < min(central.values()) < 1e-9
    assert forward[8] / min(central.values()) > 100
    # then round-off takes over: at h = 1e-12 both are far worse than at their best
    assert forward[12] > 1e4 * forward[8]
    assert central[12] > 1e5 * min(central.values())


def test_best_steps_and_difference_step():
    assert EPSILON == pytest.approx(2.22e-16, rel=1e-3)
    assert np.sqrt(EPSILON) == pytest.approx(1.49e-8, rel=1e-2)
    assert EPSILON ** (1 / 3) == pytest.approx(6.06e-6, rel=1e-2)
    assert float(difference_step(1.0)) == EPSILON ** (1 / 3)
    assert float(partial(cube, (1.0, 2.0), 0)) == pytest.approx(6, abs=1e-9)


def test_log_log_plot_minima_near_the_predicted_steps():
    steps = np.logspace(-16, -1, 301)
    forward = np.abs((cube(1 + steps, 2.0) - cube(1.0, 2.0)) / steps - 6)
    central = np.abs((cube(1 + steps, 2.0) - cube(1 - steps, 2.0)) / (2 * steps) - 6)
    best_forward = steps[np.argmin(forward)]
    best_central = steps[np.argmin(central)]
    assert np.sqrt(EPSILON) / 30 < best_forward < 30 * np.sqrt(EPSILON)
    assert EPSILON ** (1 / 3) / 30 < best_central < 30 * EPSILON ** (1 / 3)
    # slopes 1 and 2 on the right of the plot
    right = steps > 1e-3
    slope_forward = np.polyfit(np.log10(steps[right]), np.log10(forward[right]), 1)[0]
    slope_central = np.polyfit(np.log10(steps[right]), np.log10(central[right]), 1)[0]
    assert slope_forward == pytest.approx(1, abs=0.05)
    assert slope_central == pytest.approx(2, abs=0.05)


# --- 2. Notation ---------------------------------------------------------------------


def test_sympy_writes_d_for_one_variable_and_partial_for_several():
    assert r"\frac{d}{d x}" in sp.latex(sp.Derivative(x**3, x))
    assert r"\frac{\partial}{\partial x}" in sp.latex(sp.Derivative(x**3 * y, x))
    assert sp.diff(CUBE, x) == 3 * x**2 * y


# --- 3. Computing partial derivatives -------------------------------------------------

POLY = 3 * x**2 * y + y**3 - 2 * x
TRIG = sp.sin(x * y) + sp.exp(x + y)
QUOT = x**2 / (x**2 + y**2)
THREE = x**2 * y * sp.exp(-z)


def test_polynomial():
    assert same(sp.diff(POLY, x), 6 * x * y - 2)
    assert same(sp.diff(POLY, y), 3 * x**2 + 3 * y**2)
    assert sp.diff(POLY, x).subs({x: 1, y: 2}) == 10
    assert sp.diff(POLY, y).subs({x: 1, y: 2}) == 15
    # the hand computation, term by term
    assert sp.diff(3 * x**2 * y, x) == 6 * x * y
    assert sp.diff(y**3, x) == 0
    assert sp.diff(-2 * x, x) == -2


def test_trigonometric_exponential():
    assert same(sp.diff(TRIG, x), y * sp.cos(x * y) + sp.exp(x + y))
    assert same(sp.diff(TRIG, y), x * sp.cos(x * y) + sp.exp(x + y))
    assert same(sp.diff(TRIG, x).subs({x: 1, y: 2}), 2 * sp.cos(2) + sp.exp(3))


def test_quotient_and_its_domain():
    fx, fy = sp.diff(QUOT, x), sp.diff(QUOT, y)
    assert same(fx, 2 * x * y**2 / (x**2 + y**2) ** 2)
    assert same(fy, -2 * x**2 * y / (x**2 + y**2) ** 2)
    # the quotient rule steps written in the lesson
    assert same(fx, (2 * x * (x**2 + y**2) - x**2 * 2 * x) / (x**2 + y**2) ** 2)
    assert same(fy, (0 * (x**2 + y**2) - x**2 * 2 * y) / (x**2 + y**2) ** 2)
    # the denominator vanishes only at the origin (for real x, y)
    xr, yr = sp.symbols("x_r y_r", real=True)
    nonzero = sp.Symbol("n", real=True, nonzero=True)
    assert (nonzero**2 + yr**2).is_positive and (xr**2 + nonzero**2).is_positive
    # at the origin everything is 0/0
    origin = {x: 0, y: 0}
    assert QUOT.subs(origin, simultaneous=True) is sp.nan
    assert sp.factor(fx).subs(origin, simultaneous=True) is sp.nan
    # along the x-axis f is the constant 1, so f_x is 0 there
    assert QUOT.subs(y, 0) == 1
    assert sp.simplify(fx.subs(y, 0)) == 0


def test_three_variables():
    assert same(sp.diff(THREE, x), 2 * x * y * sp.exp(-z))
    assert same(sp.diff(THREE, y), x**2 * sp.exp(-z))
    assert same(sp.diff(THREE, z), -(x**2) * y * sp.exp(-z))
    at = {x: 1, y: 2, z: 0}
    assert [sp.diff(THREE, v).subs(at) for v in (x, y, z)] == [4, 1, -2]


@pytest.mark.parametrize(
    ("expr", "point"),
    [(POLY, (1, 2)), (TRIG, (1, 2)), (QUOT, (1, 2)), (THREE, (1, 2, 0))],
)
def test_numeric_partials_agree_with_sympy(expr, point):
    variables = sorted(expr.free_symbols, key=str)
    f = sp.lambdify(variables, expr)
    at = dict(zip(variables, point, strict=True))
    for i, v in enumerate(variables):
        exact = float(sp.diff(expr, v).subs(at))
        numeric = float(partial(f, [float(c) for c in point], i))
        assert numeric == pytest.approx(exact, rel=1e-8, abs=1e-8)


# --- 4. Slices -------------------------------------------------------------------------


def test_slice_slope_is_the_partial():
    assert POLY.subs({x: 1, y: 2}) == 12  # the value the widget shows at (1, 2)
    slice_y2 = POLY.subs(y, 2)
    assert sp.expand(slice_y2) == 6 * x**2 - 2 * x + 8
    assert sp.diff(slice_y2, x).subs(x, 1) == 10 == sp.diff(POLY, x).subs({x: 1, y: 2})
    slice_x1 = POLY.subs(x, 1)
    assert sp.diff(slice_x1, y).subs(y, 2) == 15 == sp.diff(POLY, y).subs({x: 1, y: 2})


# --- 5. Higher-order and mixed partials ---------------------------------------------------


def test_second_partials_of_the_polynomial():
    fx = sp.diff(POLY, x)
    fy = sp.diff(POLY, y)
    assert sp.diff(fx, x) == 6 * y  # f_xx
    assert sp.diff(fy, y) == 6 * y  # f_yy
    assert sp.diff(fx, y) == 6 * x  # f_xy = (f_x)_y
    assert sp.diff(fy, x) == 6 * x  # f_yx = (f_y)_x
    # sp.diff(f, x, y) differentiates by x first, then by y: our f_xy
    assert sp.diff(POLY, x, y) == sp.diff(sp.diff(POLY, x), y)
    # and sympy's Leibniz form of that puts the first variable next to f: d^2/(dy dx)
    assert r"\partial y\partial x" in sp.latex(sp.Derivative(POLY, x, y))
    # the course helpers follow the same convention
    assert mixed_partial(POLY, x, y) == sp.diff(sp.diff(POLY, x), y)
    assert mixed_partial(POLY, y, x) == sp.diff(sp.diff(POLY, y), x)
    assert hessian_matrix(POLY, (x, y)) == sp.Matrix([[6 * y, 6 * x], [6 * x, 6 * y]])
    # the third-order one the lesson leaves as "try this"
    assert sp.diff(POLY, x, x, y) == 6


# --- 6. Clairaut's theorem -----------------------------------------------------------------

CLAIRAUT = x**3 * y**2 + sp.sin(x * y)


def test_clairaut_example():
    fx = sp.diff(CLAIRAUT, x)
    fy = sp.diff(CLAIRAUT, y)
    assert same(fx, 3 * x**2 * y**2 + y * sp.cos(x * y))
    assert same(fy, 2 * x**3 * y + x * sp.cos(x * y))
    expected = 6 * x**2 * y + sp.cos(x * y) - x * y * sp.sin(x * y)
    assert same(sp.diff(fx, y), expected)
    assert same(sp.diff(fy, x), expected)
    assert same(mixed_partial(CLAIRAUT, x, y), expected)
    assert same(mixed_partial(CLAIRAUT, y, x), expected)


# --- 7. The counterexample ------------------------------------------------------------------

F = x * y * (x**2 - y**2) / (x**2 + y**2)  # the formula, valid away from the origin


def f_exact(a, b):
    """The counterexample with its value 0 at the origin, for exact (sympy) arguments."""
    if a == 0 and b == 0:
        return sp.Integer(0)
    return F.subs({x: a, y: b})


def test_counterexample_is_continuous():
    # |f| <= |xy| because (x^2 + y^2)^2 - (x^2 - y^2)^2 = 4 x^2 y^2 >= 0
    assert sp.expand((x**2 + y**2) ** 2 - (x**2 - y**2) ** 2) == 4 * x**2 * y**2
    assert F.subs(x, 0) == 0
    assert F.subs(y, 0) == 0


def test_counterexample_first_partials_on_the_axes():
    # f(0, y) = 0 for every y, f(x, 0) = 0 for every x
    fx_on_y_axis = sp.limit((F.subs(x, h) - 0) / h, h, 0)
    fy_on_x_axis = sp.limit((F.subs(y, h) - 0) / h, h, 0)
    assert fx_on_y_axis == -y
    assert fy_on_x_axis == x
    # at the origin itself the quotients are f(h, 0)/h = 0 and f(0, h)/h = 0
    assert sp.limit((f_exact(h, 0) - f_exact(0, 0)) / h, h, 0) == 0
    assert sp.limit((f_exact(0, h) - f_exact(0, 0)) / h, h, 0) == 0


def test_counterexample_mixed_partials_at_origin_from_the_definition():
    """Convention: f_xy = d/dy (df/dx). Then f_xy(0,0) = -1 and f_yx(0,0) = +1."""
    k = sp.symbols("k")

    def fx(a, b):  # df/dx at (a, b) from the limit definition, b fixed
        return sp.limit((f_exact(a + h, b) - f_exact(a, b)) / h, h, 0)

    def fy(a, b):
        return sp.limit((f_exact(a, b + h) - f_exact(a, b)) / h, h, 0)

    # f_x along the y-axis, point by point, agrees with -y (including y = 0)
    for b in (sp.Integer(0), sp.Integer(1), sp.Rational(-1, 3), k):
        assert sp.simplify(fx(0, b) + b) == 0
        assert sp.simplify(fy(b, 0) - b) == 0
    fxy = sp.limit((fx(0, k) - fx(0, 0)) / k, k, 0)
    fyx = sp.limit((fy(k, 0) - fy(0, 0)) / k, k, 0)
    assert fxy == -1
    assert fyx == 1


def test_counterexample_nested_numeric_estimate():
    def f(a, b):
        a, b = float(a), float(b)
        return 0.0 if a == 0 and b == 0 else a * b * (a * a - b * b) / (a * a + b * b)

    def fx(a, b):
        return partial(f, (a, b), 0, h=1e-7)

    def fy(a, b):
        return partial(f, (a, b), 1, h=1e-7)

    assert float(partial(fx, (0.0, 0.0), 1, h=1e-3)) == pytest.approx(-1, abs=1e-6)
    assert float(partial(fy, (0.0, 0.0), 0, h=1e-3)) == pytest.approx(1, abs=1e-6)

    # with equal inner and outer steps the estimate of f_x(0, k) is k(h^2 - k^2)/(h^2 + k^2) = 0
    def fx_same_step(a, b):
        return partial(f, (a, b), 0, h=1e-3)

    assert float(partial(fx_same_step, (0.0, 0.0), 1, h=1e-3)) == pytest.approx(0, abs=1e-9)
    inner, outer = sp.symbols("inner outer", positive=True)
    estimate = F.subs({x: inner, y: outer}) / inner  # (f(h, k) - f(-h, k)) / (2h), f odd in x
    assert sp.limit(estimate, inner, 0) == -outer
    assert estimate.subs(inner, outer) == 0


def test_counterexample_mixed_partials_away_from_origin():
    fxy = sp.diff(F, x, y)
    fyx = sp.diff(F, y, x)
    assert same(fxy, fyx)
    closed = (x - y) * (x + y) * (x**4 + 10 * x**2 * y**2 + y**4) / (x**2 + y**2) ** 3
    assert same(fxy, closed)
    assert same(closed, (x**6 + 9 * x**4 * y**2 - 9 * x**2 * y**4 - y**6) / (x**2 + y**2) ** 3)


def test_counterexample_mixed_partial_has_no_limit_at_origin():
    fxy = sp.factor(sp.diff(F, x, y))
    r, theta = sp.symbols("r theta", positive=True)
    polar = sp.simplify(fxy.subs({x: r * sp.cos(theta), y: r * sp.sin(theta)}))
    assert not polar.has(r)
    assert same(polar, sp.cos(2 * theta) * (1 + 2 * sp.sin(2 * theta) ** 2))
    assert polar.subs(theta, 0) == 1
    assert polar.subs(theta, sp.pi / 2) == -1
    assert polar.subs(theta, sp.pi / 4) == 0
    # extremes +-sqrt(2), on the rays 22.5 degrees either side of an axis
    u = sp.symbols("u", real=True)
    assert same(polar, (u * (3 - 2 * u**2)).subs(u, sp.cos(2 * theta)))
    g = u * (3 - 2 * u**2)
    candidates = [*sp.solve(sp.diff(g, u), u), -1, 1]  # critical points and ends of [-1, 1]
    values = [g.subs(u, c) for c in candidates]
    assert max(values) == sp.sqrt(2) and min(values) == -sp.sqrt(2)
    assert sp.simplify(polar.subs(theta, sp.pi / 8) - sp.sqrt(2)) == 0
    assert sp.simplify(polar.subs(theta, -sp.pi / 8) - sp.sqrt(2)) == 0
    assert sp.simplify(polar.subs(theta, sp.pi / 2 + sp.pi / 8) + sp.sqrt(2)) == 0
    # along the axes, as limits
    assert sp.limit(fxy.subs(y, 0), x, 0) == 1
    assert sp.limit(fxy.subs(x, 0), y, 0) == -1


# --- Common mistakes -------------------------------------------------------------------------


def test_mistake_differentiating_a_frozen_variable():
    wrong = 6 * x * y - 2 + 3 * y**2  # treated y**3 as if it changed with x
    assert sp.expand(wrong - sp.diff(POLY, x)) == 3 * y**2
    wrong_factor = 6 * x - 2  # dropped the frozen factor y of 3x^2 y
    assert sp.expand(sp.diff(POLY, x) - wrong_factor) == 6 * x * y - 6 * x


def test_mistake_missing_chain_rule_factor():
    s = sp.sin(x * y)
    assert sp.diff(s, x) == y * sp.cos(x * y)
    numeric = float(partial(sp.lambdify((x, y), s), (1.0, 2.0), 0))
    assert numeric == pytest.approx(float(2 * sp.cos(2)), abs=1e-8)
    assert abs(numeric - float(sp.cos(2))) > 0.4


def test_mistake_substituting_where_the_formula_is_zero_over_zero():
    assert QUOT.subs(x, 0).subs(y, 0) == 0
    assert QUOT.subs(y, 0).subs(x, 0) == 1
    assert QUOT.subs({x: 0, y: 0}, simultaneous=True) is sp.nan
    fxy = sp.factor(sp.diff(F, x, y))
    assert fxy.subs({x: 0, y: 0}, simultaneous=True) is sp.nan
    assert fxy.subs(x, 0).subs(y, 0) == -1
    assert fxy.subs(y, 0).subs(x, 0) == 1


# --- sensitivity (example 5) ---------------------------------------------------------------------


def test_cylinder_sensitivities():
    r, height = sp.symbols("r height", positive=True)
    volume = sp.pi * r**2 * height
    at = {r: 3, height: 10}
    v_r, v_h = sp.diff(volume, r).subs(at), sp.diff(volume, height).subs(at)
    assert (v_r, v_h) == (60 * sp.pi, 9 * sp.pi)
    assert round(float(v_r), 1) == 188.5 and round(float(v_h), 1) == 28.3 and v_r / v_h == sp.Rational(20, 3)
    assert (r / volume * sp.diff(volume, r), height / volume * sp.diff(volume, height)) == (2, 1)  # 2% and 1% per 1%
    assert float(volume.subs({r: 3.03, height: 10}) / volume.subs(at) - 1) == pytest.approx(0.0201)
    assert float(volume.subs({r: 3, height: 10.1}) / volume.subs(at) - 1) == pytest.approx(0.01)


def test_sensitivity_try_this():
    f = x**2 * y**3
    at = {x: 2, y: 1}
    assert (sp.diff(f, x).subs(at), sp.diff(f, y).subs(at)) == (4, 12)  # per unit: y wins
    assert ((x * sp.diff(f, x) / f).subs(at), (y * sp.diff(f, y) / f).subs(at)) == (2, 3)  # per 1%: y wins


def test_step_1e_minus_7_costs_one_and_a_half_to_two_digits():
    """The docstring of difference_step: h = 1e-7 makes the central error 20 to 90 times larger."""
    functions = [x**3 * y, sp.sin(x * y) + sp.exp(x + 2 * y), x * sp.exp(x * y), sp.log(1 + x**2 + y**2)]
    points = np.random.default_rng(1).uniform(0.5, 2.0, (500, 2)).T
    for expr in functions:
        f, fx = sp.lambdify((x, y), expr), sp.lambdify((x, y), sp.diff(expr, x))
        exact = fx(*points)
        small = np.median(np.abs(partial(f, points, 0, h=1e-7) - exact))
        best = np.median(np.abs(partial(f, points, 0) - exact))
        assert 1.2 < np.log10(small / best) < 2.1, expr


def test_floating_point_cells_sit_in_an_optional_box_after_the_rules():
    import nbformat

    from helpers.generate import ROOT

    cells = nbformat.read(ROOT / "lessons" / "01-partial-derivatives.ipynb", as_version=4).cells
    heading = {i: c.source.splitlines()[0] for i, c in enumerate(cells)
               if c.cell_type == "markdown" and c.source.startswith("#")}
    rules = next(i for i, h in heading.items() if h.startswith("## 3."))
    box = next(i for i, h in heading.items() if h.startswith("### Optional box"))
    uses_epsilon = [i for i, c in enumerate(cells) if c.cell_type == "code" and "EPSILON" in c.source
                    and not c.source.lstrip().startswith("%")]
    assert rules < box and uses_epsilon and min(uses_epsilon) > box
    assert next(i for i, h in heading.items() if h.startswith("## 4.")) > max(uses_epsilon)


def test_section_1_try_this_quotients_in_y_are_exact():
    forward = (CUBE.subs({x: 1, y: 2 + h}) - CUBE.subs({x: 1, y: 2})) / h
    central = (CUBE.subs({x: 1, y: 2 + h}) - CUBE.subs({x: 1, y: 2 - h})) / (2 * h)
    assert sp.simplify(forward) == 1 and sp.simplify(central) == 1  # f is linear in y: f_y(1, 2) = x**3 = 1
