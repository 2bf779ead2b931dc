"""Every formula and number stated in lessons/04-tangent-plane.ipynb, checked independently.

Also the slips a learner meets in published material on this topic, each asserted false next to
the true statement the lesson teaches.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

from helpers.calculus import partial, tangent_plane
from helpers.plotting.tangent import largest_error

x, y, t, k = sp.symbols("x y t k")
SADDLE = x**2 - y**2


def plane_of(f: sp.Expr, a, b) -> sp.Expr:
    at = {x: a, y: b}
    return f.subs(at) + sp.diff(f, x).subs(at) * (x - a) + sp.diff(f, y).subs(at) * (y - b)


# --- 1. tangent plane of x² − y² at (3, 4) ------------------------------------------------------


def test_saddle_plane_at_3_4_is_6x_minus_8y_plus_7():
    at = {x: 3, y: 4}
    assert (SADDLE.subs(at), sp.diff(SADDLE, x).subs(at), sp.diff(SADDLE, y).subs(at)) == (-7, 6, -8)
    assert sp.expand(plane_of(SADDLE, 3, 4)) == 6 * x - 8 * y + 7
    assert (6 * x - 8 * y + 7).subs(at) == -7


def test_published_plane_with_minus_1_is_wrong():
    published = 6 * x - 8 * y - 1
    assert published.subs({x: 3, y: 4}) == -15 != SADDLE.subs({x: 3, y: 4})
    assert sp.expand(plane_of(SADDLE, 3, 4) - published) == 8  # parallel, 8 units apart


def test_both_slice_tangent_lines_lie_in_the_plane():
    plane = plane_of(SADDLE, 3, 4)
    assert sp.expand(plane.subs(y, 4) - (-7 + 6 * (x - 3))) == 0
    assert sp.expand(plane.subs(x, 3) - (-7 - 8 * (y - 4))) == 0


def test_try_this_plane_of_x2_plus_y2_at_1_2():
    bowl = x**2 + y**2
    assert sp.expand(plane_of(bowl, 1, 2)) == 2 * x + 4 * y - 5
    assert (2 * x + 4 * y - 5).subs({x: 1, y: 2}) == 5 == bowl.subs({x: 1, y: 2})
    assert (2 * x + 4 * y - 1).subs({x: 1, y: 2}) == 9  # a published first attempt, off by 4


def test_figure_plane_grid_matches_the_plane():
    grid = np.linspace(-1.2, 1.2, 25)
    dx, dy = np.meshgrid(grid, grid)
    assert np.allclose(-7 + 6 * dx - 8 * dy, 6 * (3 + dx) - 8 * (4 + dy) + 7)


# --- 2. normal vector ----------------------------------------------------------------------------


def test_normal_is_perpendicular_to_both_tangent_directions():
    n = sp.Matrix([6, -8, -1])
    along_x, along_y = sp.Matrix([1, 0, 6]), sp.Matrix([0, 1, -8])
    assert n.dot(along_x) == 0 and n.dot(along_y) == 0
    assert along_x.cross(along_y) == -n
    assert sp.Matrix([6, -8, 1]).dot(along_y) == -16  # (f_x, f_y, +1) is not a normal


def test_normal_form_of_the_plane():
    X, Y, Z = sp.symbols("X Y Z")
    lhs = 6 * (X - 3) - 8 * (Y - 4) - (Z - (-7))
    assert sp.expand(lhs.subs(Z, 6 * X - 8 * Y + 7)) == 0


# --- 3. linear approximation error ---------------------------------------------------------------

PRODUCT = x * sp.exp(y)
STEPS = (0.2, 0.1, 0.05, 0.025, 0.0125)


def product_error(h: float) -> float:
    return (1 + h) * math.exp(h) - (1 + 2 * h)


def test_linearisation_of_x_exp_y_at_1_0_is_x_plus_y():
    assert sp.expand(plane_of(PRODUCT, 1, 0)) == x + y


def test_error_table_and_its_ratio():
    errors = [product_error(h) for h in STEPS]
    assert [f"{e:.2e}" for e in errors] == ["6.57e-02", "1.57e-02", "3.83e-03", "9.48e-04", "2.36e-04"]
    ratios = [e / h**2 for e, h in zip(errors, STEPS, strict=True)]
    assert ratios == pytest.approx([1.6421, 1.5688, 1.5339, 1.5168, 1.5084], abs=1e-4)
    halvings = [a / b for a, b in zip(errors, errors[1:], strict=False)]
    assert all(3.9 < q < 4.3 for q in halvings)  # halving h roughly quarters the error


def test_series_explains_the_ratio_1_5():
    h = sp.symbols("h")
    series = sp.series((1 + h) * sp.exp(h), h, 0, 3).removeO()
    assert sp.expand(series) == 1 + 2 * h + sp.Rational(3, 2) * h**2
    assert sp.limit(((1 + h) * sp.exp(h) - (1 + 2 * h)) / h**2, h, 0) == sp.Rational(3, 2)


def test_loglog_figure_values():
    assert product_error(1e-4) == pytest.approx(1.5e-8, rel=1e-3)
    assert product_error(1.0) == pytest.approx(2 * math.e - 3) and round(2 * math.e - 3, 2) == 2.44
    assert 2 * math.e - 3 > 2  # common mistake 4: more than the predicted change 2h = 2


def test_error_is_bounded_by_d2_but_not_proportional_in_every_direction():
    # x² − y² at (3, 4): f − L = (x − 3)² − (y − 4)², zero along the diagonal, d² along an axis
    error = sp.expand(SADDLE - plane_of(SADDLE, 3, 4))
    assert error == sp.expand((x - 3) ** 2 - (y - 4) ** 2)
    assert sp.expand(error.subs({x: 3 + t, y: 4 + t})) == 0
    assert sp.expand(error.subs({x: 3 + t, y: 4})) == t**2


def test_any_plane_through_the_point_gets_close_but_only_the_tangent_plane_fast():
    other = -7 + 5 * (x - 3) - 8 * (y - 4)  # right point, wrong x-slope
    tangent = plane_of(SADDLE, 3, 4)
    on_axis = {x: 3 + t, y: 4}
    assert sp.limit((SADDLE - other).subs(on_axis), t, 0) == 0  # "becomes exact" holds for both
    assert sp.limit((SADDLE - other).subs(on_axis) / t, t, 0, "+") == 1  # but error/d does not vanish
    assert sp.limit((SADDLE - tangent).subs(on_axis) / t, t, 0, "+") == 0


def test_widget_readouts_quoted_in_the_lesson():
    f = lambda a, b: a * np.exp(b)  # noqa: E731
    values = {w: float(largest_error(f, (1.0, 0.0), 1.0, (1.0, 1.0), w)[0]) for w in (2.0, 0.5, 0.1, 0.02, 0.01)}
    assert round(values[0.5], 3) == 0.473 and round(values[0.5] / 0.25, 2) == 1.89
    assert values[0.02] == pytest.approx(0.000605, rel=1e-3) and values[0.02] / 0.02**2 == pytest.approx(1.51, abs=0.01)
    assert round(values[0.5] / values[0.02], -1) == 780
    assert values[2.0] == pytest.approx(3 * math.e**2 - 5) and round(values[2.0]) == 17
    assert values[0.01] == pytest.approx(1.5e-4, rel=0.02)


def test_saddle_error_per_w2_is_exactly_1():
    f = lambda a, b: a**2 - b**2  # noqa: E731
    for point in ((3.0, 4.0), (-1.0, 0.5)):
        value, fx, fy = point[0] ** 2 - point[1] ** 2, 2 * point[0], -2 * point[1]
        for w in (0.4, 0.05):
            assert largest_error(f, point, value, (fx, fy), w)[0] / w**2 == pytest.approx(1.0)


# --- 4. estimating a value -----------------------------------------------------------------------


def test_estimate_of_distance_near_3_4():
    dist = sp.sqrt(x**2 + y**2)
    slopes = [sp.diff(dist, v).subs({x: 3, y: 4}) for v in (x, y)]
    assert slopes == [sp.Rational(3, 5), sp.Rational(4, 5)]
    estimate = 5 + slopes[0] * sp.Rational(2, 100) - slopes[1] * sp.Rational(3, 100)
    assert estimate == sp.Rational(4988, 1000)
    true = math.hypot(3.02, 3.97)
    assert true == pytest.approx(4.988116, abs=1e-6)
    assert true - 4.988 == pytest.approx(1.16e-4, abs=1e-6)
    assert 0.02**2 + 0.03**2 == pytest.approx(0.0013)
    assert 0.08 < (true - 4.988) / 0.0013 < 0.1  # "a tenth of"
    assert float(tangent_plane(lambda a, b: np.sqrt(a**2 + b**2), (3.0, 4.0))(3.02, 3.97)) == pytest.approx(4.988)


def test_try_this_estimate_of_1_1_exp_minus_0_1():
    assert 1.1 - 0.1 == pytest.approx(1.0)
    assert 1.1 * math.exp(-0.1) == pytest.approx(0.99532, abs=1e-5)


# --- 5. the differential -------------------------------------------------------------------------


def test_cylinder_differential():
    r, h = sp.symbols("r h", positive=True)
    V = sp.pi * r**2 * h
    at = {r: 3, h: 10}
    dV = sp.diff(V, r).subs(at) * sp.Rational(1, 20) + sp.diff(V, h).subs(at) * sp.Rational(-1, 10)
    assert dV == sp.Rational(21, 10) * sp.pi
    assert sp.diff(V, r).subs(at) / 20 == 3 * sp.pi and sp.diff(V, h).subs(at) / 10 == sp.Rational(9, 10) * sp.pi
    change = V.subs({r: sp.Rational(61, 20), h: sp.Rational(99, 10)}) - V.subs(at)
    assert float(dV) == pytest.approx(6.5973, abs=1e-4)
    assert float(change) == pytest.approx(6.5809, abs=1e-4)
    assert float(change - dV) == pytest.approx(-0.0165, abs=1e-4)


# --- 6. no tangent plane -------------------------------------------------------------------------


def test_xy_over_r2_has_partials_but_is_not_continuous():
    q = x * y / (x**2 + y**2)
    assert sp.limit(q.subs({x: k, y: 0}) / k, k, 0) == 0
    assert sp.limit(q.subs({x: 0, y: k}) / k, k, 0) == 0
    assert sp.simplify(q.subs({x: t, y: t})) == sp.Rational(1, 2)
    assert sp.limit(q.subs({x: t, y: 2 * t}), t, 0) == sp.Rational(2, 5)
    # the would-be plane z = 0 keeps an error of 1/2 along the diagonal
    assert sp.limit(q.subs({x: t, y: t}) - 0, t, 0) == sp.Rational(1, 2)


def test_cone_has_no_partial_at_its_tip_but_central_difference_says_0():
    quotient = sp.sqrt(x**2 + y**2).subs({x: k, y: 0}) / k
    assert sp.limit(quotient, k, 0, "+") == 1 and sp.limit(quotient, k, 0, "-") == -1
    assert float(partial(lambda a, b: np.sqrt(a**2 + b**2), (0.0, 0.0), 0)) == 0.0


def test_cone_error_per_width_stays_sqrt_2():
    f = lambda a, b: np.sqrt(a**2 + b**2)  # noqa: E731
    for w in (0.2, 0.02, 0.01):
        assert largest_error(f, (0.0, 0.0), 0.0, (0.0, 0.0), w)[0] / w == pytest.approx(math.sqrt(2))


def test_differentiable_example_has_error_small_against_distance():
    err = PRODUCT - (x + y)
    for direction in ((1, 0), (0, 1), (1, 1), (3, -2)):
        along = err.subs({x: 1 + direction[0] * t, y: direction[1] * t}) / t
        assert sp.limit(along, t, 0) == 0


# --- common mistakes ---------------------------------------------------------------------------


def test_unevaluated_partials_give_a_quadratic_not_a_plane():
    not_a_plane = -7 + 2 * x * (x - 3) - 2 * y * (y - 4)
    assert sp.Poly(not_a_plane, x, y).total_degree() == 2
    assert sp.Poly(plane_of(SADDLE, 3, 4), x, y).total_degree() == 1


# --- corrected statements ------------------------------------------------------------------------


def test_normal_with_plus_one_fails_unless_the_gradient_is_zero():
    fx, fy = sp.symbols("f_x f_y", real=True)
    plus = sp.Matrix([fx, fy, 1])
    along_x, along_y = sp.Matrix([1, 0, fx]), sp.Matrix([0, 1, fy])
    assert (plus.dot(along_x), plus.dot(along_y)) == (2 * fx, 2 * fy)  # both zero only when f_x = f_y = 0
    assert sp.solve([plus.dot(along_x), plus.dot(along_y)], [fx, fy]) == {fx: 0, fy: 0}


def test_try_this_error_depends_on_the_direction():
    true_error = 1.1 * math.exp(-0.1) - (1.1 - 0.1)
    assert round(true_error, 4) == -0.0047 and round(true_error, 5) == -0.00468
    predicted = 0.1 * (-0.1) + (-0.1) ** 2 / 2  # dx dy + dy²/2
    assert predicted == pytest.approx(-0.005)
    table = (1.1) * math.exp(0.1) - 1.2  # the table's step (h, h) with h = 0.1
    assert round(table, 4) == 0.0157 and table > 0 > true_error


def test_second_derivative_along_a_line_is_u_h_u():
    g = x * sp.exp(y)
    u1, u2, s_ = sp.symbols("u1 u2 s")
    along = g.subs({x: 1 + s_ * u1, y: s_ * u2})
    H = sp.hessian(g, (x, y)).subs({x: 1, y: 0})
    u = sp.Matrix([u1, u2])
    assert sp.expand(sp.diff(along, s_, 2).subs(s_, 0) - (u.T * H * u)[0]) == 0


# --- 6. worked example 3: x²y/(x² + y²) ---------------------------------------------------------

CUBIC = x**2 * y / (x**2 + y**2)


def test_cubic_example_is_continuous_with_every_directional_derivative():
    xr, yr = sp.symbols("x_r y_r", real=True)
    bound = sp.Abs(yr) - sp.Abs(CUBIC.subs({x: xr, y: yr}))
    assert sp.simplify(bound - sp.Abs(yr) * yr**2 / (xr**2 + yr**2)) == 0  # |y| - |f| = |y| y²/(x²+y²) >= 0
    u1, u2 = sp.symbols("u1 u2", real=True)
    quotient = sp.simplify(CUBIC.subs({x: k * u1, y: k * u2}) / k)
    assert sp.simplify(quotient - u1**2 * u2 / (u1**2 + u2**2)) == 0  # the same for every k != 0
    assert [sp.limit(CUBIC.subs({x: k, y: 0}) / k, k, 0), sp.limit(CUBIC.subs({x: 0, y: k}) / k, k, 0)] == [0, 0]


def test_cubic_example_breaks_d_u_f_equals_grad_dot_u():
    diagonal = CUBIC.subs({x: k / sp.sqrt(2), y: k / sp.sqrt(2)}) / k
    assert sp.simplify(diagonal) == sp.sqrt(2) / 4 == 1 / (2 * sp.sqrt(2))  # D_u f, while grad f . u = 0
    assert round(float(sp.sqrt(2) / 4), 3) == 0.354
    assert sp.simplify(CUBIC.subs({x: t, y: t})) == t / 2
    ratio = (CUBIC.subs({x: t, y: t}) - 0) / (sp.sqrt(2) * t)  # error of z = 0 over the distance, t > 0
    assert sp.limit(ratio, t, 0, "+") == 1 / (2 * sp.sqrt(2))  # does not tend to 0: not differentiable


# --- 7. tangent plane of a level surface ----------------------------------------------------------

z = sp.Symbol("z")
ELLIPSOID = x**2 + 2 * y**2 + 3 * z**2 - 6


def test_ellipsoid_tangent_plane_both_ways():
    p = {x: 1, y: 1, z: 1}
    assert ELLIPSOID.subs(p) == 0
    normal = sp.Matrix([sp.diff(ELLIPSOID, v) for v in (x, y, z)]).subs(p)
    assert list(normal) == [2, 4, 6]
    level_plane = sp.expand(normal.dot(sp.Matrix([x - 1, y - 1, z - 1])))
    assert level_plane == 2 * (x + 2 * y + 3 * z - 6)
    upper = sp.sqrt((6 - x**2 - 2 * y**2) / 3)
    assert sp.simplify(sp.solve(level_plane, z)[0] - plane_of(upper, 1, 1)) == 0


def test_ellipsoid_rim_has_a_vertical_tangent_plane():
    rim = {x: sp.sqrt(6), y: 0, z: 0}
    assert ELLIPSOID.subs(rim) == 0
    normal = sp.Matrix([sp.diff(ELLIPSOID, v) for v in (x, y, z)]).subs(rim)
    assert list(normal) == [2 * sp.sqrt(6), 0, 0]  # F_z = 0, gradient not zero: the plane x = sqrt(6)


def test_a_graph_is_a_level_surface_with_normal_fx_fy_minus_1():
    f = SADDLE
    F = f - z
    assert [sp.diff(F, v) for v in (x, y, z)] == [sp.diff(f, x), sp.diff(f, y), -1]
    sphere = x**2 + y**2 + z**2 - 9
    normal = sp.Matrix([sp.diff(sphere, v) for v in (x, y, z)]).subs({x: 1, y: 2, z: 2})
    assert sp.expand(normal.dot(sp.Matrix([x - 1, y - 2, z - 2]))) == 2 * (x + 2 * y + 2 * z - 9)


# --- 8. second-order Taylor ----------------------------------------------------------------------


def test_second_order_taylor_of_x_e_y():
    g = x * sp.exp(y)
    H = sp.hessian(g, (x, y)).subs({x: 1, y: 0})
    assert H == sp.Matrix([[0, 1], [1, 1]])
    d1, d2, h = sp.symbols("d1 d2 h")
    d = sp.Matrix([d1, d2])
    quadratic = sp.expand((d.T * H * d)[0] / 2)
    assert quadratic == d1 * d2 + d2**2 / 2
    assert quadratic.subs({d1: h, d2: h}) == sp.Rational(3, 2) * h**2  # the 1.5 of the table
    assert quadratic.subs({d1: sp.Rational(1, 10), d2: sp.Rational(-1, 10)}) == sp.Rational(-1, 200)
    series = sp.series(g.subs({x: 1 + h, y: h}), h, 0, 4).removeO()
    assert sp.expand(series) == 1 + 2 * h + sp.Rational(3, 2) * h**2 + sp.Rational(2, 3) * h**3


def test_second_order_error_is_cubic():
    ratios = []
    for step in (0.1, 0.05, 0.025):
        rest = (1 + step) * math.exp(step) - (1 + 2 * step + 1.5 * step**2)
        ratios.append(rest / step**3)
    assert [f"{r:.3f}" for r in ratios] == ["0.688", "0.677", "0.672"]
    assert ratios[-1] == pytest.approx(2 / 3, abs=0.01)
    h = 1e-3
    assert (1 + h) * math.exp(h) - (1 + 2 * h + 1.5 * h**2) == pytest.approx(6.7e-10, rel=0.01)
    assert (1 + h) * math.exp(h) - (1 + 2 * h) == pytest.approx(1.5e-6, rel=0.01)
    steps = np.logspace(-3, -1, 20)
    rest = (1 + steps) * np.exp(steps) - (1 + 2 * steps + 1.5 * steps**2)
    slope = np.polyfit(np.log(steps), np.log(rest), 1)[0]
    assert slope == pytest.approx(3, abs=0.05)


def test_saddle_quadratic_term_is_the_whole_error():
    d1, d2 = sp.symbols("d1 d2")
    H = sp.hessian(SADDLE, (x, y))
    assert H == sp.Matrix([[2, 0], [0, -2]])
    d = sp.Matrix([d1, d2])
    a, b = sp.symbols("a b")
    error = SADDLE.subs({x: a + d1, y: b + d2}) - plane_of(SADDLE, a, b).subs({x: a + d1, y: b + d2})
    assert sp.expand(error - (d.T * H * d)[0] / 2) == 0
    assert sp.solve(sp.expand((d.T * H * d)[0] / 2), d2) == [-d1, d1]  # zero along the diagonals
