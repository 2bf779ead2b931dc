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
