"""Every formula and number stated in lessons/03-directional-derivative.ipynb, checked.

Each result is computed here again, independently of the lesson's cells: exactly with
sympy, and numerically with ``helpers.calculus``. Popular statements that are false
(and that the lesson corrects) are checked to be false.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from helpers.calculus import EPSILON, directional_derivative, gradient, partial

x, y, z, h, t = sp.symbols("x y z h t", real=True)

BOWL = x**2 + y**2  # example 1, at (1, 1)
WAVES = sp.sin(x) + sp.exp(x * y)  # example 2, at (1, 0)
TRIPLE = x * y * z + z**2  # example 3, at (1, 2, 3)
CUBE = x**3 * y  # the numeric example, at (1, 2)


def grad(expr, variables, point):
    return sp.Matrix([sp.diff(expr, v).subs(dict(zip(variables, point, strict=True))) for v in variables])


def unit(v):
    v = sp.Matrix(v)
    return v / v.norm()


def quotient(expr, variables, point, direction):
    """(f(a + h u) - f(a)) / h, exactly."""
    moved = {v: p + h * d for v, p, d in zip(variables, point, direction, strict=True)}
    at = {v: p for v, p in zip(variables, point, strict=True)}
    return (expr.subs(moved, simultaneous=True) - expr.subs(at)) / h


def numeric(expr, variables):
    return sp.lambdify(variables, expr, "numpy")


# --- 1. The limit definition --------------------------------------------------------


def test_bowl_quotient_along_3_4_is_2_8_plus_h():
    u = unit([3, 4])
    assert list(u) == [sp.Rational(3, 5), sp.Rational(4, 5)]
    q = sp.expand(quotient(BOWL, (x, y), (1, 1), u))
    assert q == sp.Rational(14, 5) + h
    assert sp.limit(q, h, 0) == sp.Rational(14, 5)
    assert float(sp.Rational(14, 5)) == 2.8


def test_central_quotient_of_the_bowl_is_exact():
    u = unit([3, 4])
    forward = quotient(BOWL, (x, y), (1, 1), u)
    central = sp.simplify((forward + forward.subs(h, -h)) / 2)
    assert central == sp.Rational(14, 5)


def cube(a, b):
    return a * a * a * b  # products only, as in the lesson: rounded the same on every machine


def test_cube_rate_along_3_4_at_1_2_is_4_4():
    assert list(grad(CUBE, (x, y), (1, 2))) == [6, 1]
    assert sp.Matrix([6, 1]).dot(unit([3, 4])) == sp.Rational(22, 5)
    assert directional_derivative(cube, (1.0, 2.0), (3.0, 4.0)) == pytest.approx(4.4, abs=1e-10)


def table_row(step: float) -> tuple[float, float]:
    a, u = np.array([1.0, 2.0]), np.array([0.6, 0.8])
    forward = (cube(*(a + step * u)) - cube(*a)) / step
    central = (cube(*(a + step * u)) - cube(*(a - step * u))) / (2 * step)
    return abs(forward - 4.4), abs(central - 4.4)


def test_table_errors_shrink_like_h_and_h_squared_then_round_off_wins():
    forward_errors, central_errors = zip(*(table_row(10.0**-k) for k in range(1, 11)), strict=True)
    for k in range(3):  # tenfold per row, then a hundredfold per row
        assert forward_errors[k] / forward_errors[k + 1] == pytest.approx(10, rel=0.15)
        assert central_errors[k] / central_errors[k + 1] == pytest.approx(100, rel=0.05)
    assert int(np.argmin(central_errors)) + 1 in (5, 6)  # best central step: 1e-5 or 1e-6
    assert int(np.argmin(forward_errors)) + 1 == 8  # best forward step: 1e-8
    assert central_errors[-1] > 1000 * min(central_errors)  # tiny steps lose to round-off
    # the exact forward error for the cube is 3.6 h + O(h^2): leading coefficient
    q = sp.expand(quotient(CUBE, (x, y), (1, 2), unit([3, 4])))
    assert sp.limit((q - sp.Rational(22, 5)) / h, h, 0) == sp.Rational(18, 5)


# --- 2. Partial derivatives are directional derivatives -----------------------------


def test_coordinate_directions_give_the_partials():
    gx, gy = grad(BOWL, (x, y), (1, 1))
    assert (gx, gy) == (2, 2)
    assert sp.limit(quotient(BOWL, (x, y), (1, 1), (1, 0)), h, 0) == gx
    assert sp.limit(quotient(BOWL, (x, y), (1, 1), (0, 1)), h, 0) == gy
    assert sp.limit(quotient(BOWL, (x, y), (1, 1), (-1, 0)), h, 0) == -2
    f = numeric(BOWL, (x, y))
    assert directional_derivative(f, (1.0, 1.0), (1, 0)) == pytest.approx(float(partial(f, (1.0, 1.0), 0)))


# --- 3. The formula grad f . u ------------------------------------------------------


def test_the_chain_rule_gives_grad_dot_u_for_a_general_direction():
    a, b, p, q = sp.symbols("a b p q", real=True)
    for expr in (BOWL, WAVES, CUBE):
        g = expr.subs({x: a + t * p, y: b + t * q}, simultaneous=True)
        slope = sp.diff(g, t).subs(t, 0)
        formula = sp.diff(expr, x).subs({x: a, y: b}) * p + sp.diff(expr, y).subs({x: a, y: b}) * q
        assert sp.simplify(slope - formula) == 0


def test_example_1_bowl():
    assert grad(BOWL, (x, y), (1, 1)).dot(unit([3, 4])) == sp.Rational(14, 5)
    f = numeric(BOWL, (x, y))
    assert directional_derivative(f, (1.0, 1.0), (3.0, 4.0)) == pytest.approx(2.8, abs=1e-10)


def test_example_2_waves():
    g = grad(WAVES, (x, y), (1, 0))
    assert list(g) == [sp.cos(1), 1]
    exact = g.dot(unit([1, 1]))
    assert sp.simplify(exact - (sp.cos(1) + 1) / sp.sqrt(2)) == 0
    assert float(exact) == pytest.approx(1.0892, abs=5e-5)
    assert sp.limit(quotient(WAVES, (x, y), (1, 0), unit([1, 1])), h, 0).equals(exact)
    f = numeric(WAVES, (x, y))
    assert directional_derivative(f, (1.0, 0.0), (1.0, 1.0)) == pytest.approx(float(exact), abs=1e-9)


def test_example_3_three_variables():
    v = [2, -1, 2]
    assert sp.Matrix(v).norm() == 3
    g = grad(TRIPLE, (x, y, z), (1, 2, 3))
    assert list(g) == [6, 3, 8]
    assert g.dot(unit(v)) == sp.Rational(25, 3)
    assert float(sp.Rational(25, 3)) == pytest.approx(8.333, abs=5e-4)
    f = numeric(TRIPLE, (x, y, z))
    assert directional_derivative(f, (1.0, 2.0, 3.0), v) == pytest.approx(25 / 3, abs=1e-9)


# --- 4. Why u must be a unit vector -------------------------------------------------


def test_unnormalised_direction_gives_five_times_the_rate():
    g = grad(BOWL, (x, y), (1, 1))
    assert g.dot(sp.Matrix([3, 4])) == 14 == 5 * sp.Rational(14, 5)
    # walking along v = (3, 4) itself: the limit is |v| times the rate per unit step
    assert sp.limit(quotient(BOWL, (x, y), (1, 1), (3, 4)), h, 0) == 14
    f = numeric(BOWL, (x, y))
    assert directional_derivative(f, (1.0, 1.0), (3, 4)) == pytest.approx(
        directional_derivative(f, (1.0, 1.0), (0.6, 0.8)))
    with pytest.raises(ValueError):
        directional_derivative(f, (1.0, 1.0), (0, 0))


# --- 5. Every direction at once -----------------------------------------------------


def test_rate_as_a_function_of_the_angle():
    theta = sp.symbols("theta", real=True)
    rate = grad(BOWL, (x, y), (1, 1)).dot(sp.Matrix([sp.cos(theta), sp.sin(theta)]))
    norm = sp.sqrt(8)
    assert sp.simplify(rate - norm * sp.cos(theta - sp.pi / 4)) == 0  # |grad f| cos(phi)
    assert sp.simplify(rate.subs(theta, sp.pi / 4) - 2 * sp.sqrt(2)) == 0  # max at 45 degrees
    assert sp.simplify(rate.subs(theta, -3 * sp.pi / 4) + 2 * sp.sqrt(2)) == 0  # min at -135
    assert rate.subs(theta, 3 * sp.pi / 4) == 0 and rate.subs(theta, -sp.pi / 4) == 0
    assert float(2 * sp.sqrt(2)) == pytest.approx(2.828, abs=5e-4)
    grid = np.linspace(-np.pi, np.pi, 3601)
    values = sp.lambdify(theta, rate, "numpy")(grid)
    assert values.max() == pytest.approx(np.sqrt(8)) and values.min() == pytest.approx(-np.sqrt(8))
    assert np.degrees(grid[np.argmax(values)]) == pytest.approx(45, abs=0.1)


def test_zero_rate_directions_are_tangent_to_the_level_curve():
    # the level curve through (1, 1) is the circle x^2 + y^2 = 2; its tangent there is (-1, 1)
    circle = sp.Matrix([sp.sqrt(2) * sp.cos(t), sp.sqrt(2) * sp.sin(t)])
    tangent = sp.diff(circle, t).subs(t, sp.pi / 4)
    assert sp.simplify(tangent.normalized() - sp.Matrix([-1, 1]) / sp.sqrt(2)) == sp.zeros(2, 1)
    assert grad(BOWL, (x, y), (1, 1)).dot(tangent) == 0


def test_cauchy_schwarz_bound_on_random_directions():
    rng = np.random.default_rng(3)
    f = numeric(WAVES, (x, y))
    g = gradient(f, (1.0, 0.0))
    for _ in range(50):
        u = rng.normal(size=2)
        rate = directional_derivative(f, (1.0, 0.0), u)
        assert abs(rate) <= np.linalg.norm(g) + 1e-9


def test_three_variables_have_a_plane_of_zero_directions():
    g = grad(TRIPLE, (x, y, z), (1, 2, 3))
    for v in ([3, -6, 0], [4, 0, -3]):
        assert g.dot(unit(v)) == 0
    assert sp.Matrix([[3, -6, 0], [4, 0, -3]]).rank() == 2  # two independent ones: a plane
    # the level set through (1, 2, 3) is a curved surface, not a plane (a hypersurface,
    # not a hyperplane): points on it do not satisfy one linear equation
    level = TRIPLE - TRIPLE.subs({x: 1, y: 2, z: 3})
    assert level.subs({x: 1, y: 2, z: 3}) == 0
    other = sp.solve(level.subs({x: 2, y: 1}), z)
    plane = g.dot(sp.Matrix([x - 1, y - 2, z - 3]))
    assert all(plane.subs({x: 2, y: 1, z: root}) != 0 for root in other)


def test_critical_point_every_rate_is_zero():
    theta = sp.symbols("theta", real=True)
    for expr in (BOWL, x**2 - y**2):
        rate = grad(expr, (x, y), (0, 0)).dot(sp.Matrix([sp.cos(theta), sp.sin(theta)]))
        assert rate == 0


# --- Common mistakes ----------------------------------------------------------------


def test_direction_from_p_toward_q_is_q_minus_p():
    g = grad(BOWL, (x, y), (1, 1))
    toward_origin = unit([0 - 1, 0 - 1])
    assert g.dot(toward_origin) == -2 * sp.sqrt(2)  # f falls toward its minimum
    assert g.dot(-toward_origin) == 2 * sp.sqrt(2)  # the flipped direction has the wrong sign


def test_angle_with_the_x_axis_is_not_the_angle_with_the_gradient():
    g = grad(BOWL, (x, y), (1, 1))
    east = g.dot(sp.Matrix([1, 0]))
    assert east == 2
    assert g.norm() * sp.cos(0) == 2 * sp.sqrt(2) != east  # theta used in place of phi: wrong
    assert sp.simplify(g.norm() * sp.cos(sp.pi / 4) - east) == 0  # phi = 45 degrees: right


def test_zero_rate_in_one_direction_is_not_a_critical_point():
    g = grad(BOWL, (x, y), (1, 1))
    assert g.dot(unit([-1, 1])) == 0 and g != sp.zeros(2, 1)


def test_step_1e_minus_7_loses_digits_against_eps_to_the_third():
    """A popular directional-derivative code uses central differences with h = 1e-7."""
    best = EPSILON ** (1 / 3)
    assert best == pytest.approx(6.06e-6, rel=1e-3)
    small_error, best_error = table_row(1e-7)[1], table_row(best)[1]
    assert 50 < small_error / best_error < 60  # "more than fifty times larger"
    assert f"{small_error:.1e}" == "1.2e-09" and f"{best_error:.1e}" == "2.1e-11"
    # over many points and directions, not just one
    rng = np.random.default_rng(0)
    points = rng.uniform(0.5, 2.0, (2000, 2))
    angles = rng.uniform(0, 2 * np.pi, 2000)
    u = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    exact = 3 * points[:, 0] ** 2 * points[:, 1] * u[:, 0] + points[:, 0] ** 3 * u[:, 1]

    def median_error(step):
        ahead, behind = points + step * u, points - step * u
        estimate = (cube(*ahead.T) - cube(*behind.T)) / (2 * step)
        return np.median(np.abs(estimate - exact))

    assert 35 < median_error(1e-7) / median_error(best) < 45  # "about forty times larger"


# --- 6. the mean value theorem along a segment ----------------------------------------------------


def test_mean_value_point_of_the_bowl_from_1_1_to_2_3():
    tau = sp.symbols("tau")
    a, b = sp.Matrix([1, 1]), sp.Matrix([2, 3])
    on = dict(zip((x, y), a + tau * (b - a), strict=True))
    g = BOWL.subs(on)  # f along the segment
    slope = sp.expand(sp.Matrix([sp.diff(BOWL, v) for v in (x, y)]).subs(on).dot(b - a))
    assert sp.expand(sp.diff(g, tau) - slope) == 0  # g'(tau) = grad f . (b - a)
    assert slope == 10 * tau + 6 and g.subs(tau, 1) - g.subs(tau, 0) == 11
    assert sp.solve(slope - 11, tau) == [sp.Rational(1, 2)]
    assert a + (b - a) / 2 == sp.Matrix([sp.Rational(3, 2), 2]) and g.subs(tau, sp.Rational(1, 2)) == sp.Rational(25, 4)


def test_for_the_bowl_the_mean_value_point_is_always_the_midpoint():
    tau, a1, a2, b1, b2 = sp.symbols("tau a1 a2 b1 b2", real=True)
    on = {x: a1 + tau * (b1 - a1), y: a2 + tau * (b2 - a2)}
    g = BOWL.subs(on)
    change = g.subs(tau, 1) - g.subs(tau, 0)
    assert sp.expand(sp.diff(g, tau).subs(tau, sp.Rational(1, 2)) - change) == 0
    # the Try this: from (0, 0) to (3, 4) the point is (1.5, 2), with slope 25
    assert sp.diff(BOWL.subs({x: 3 * tau, y: 4 * tau}), tau).subs(tau, sp.Rational(1, 2)) == 25


def test_sin_x_cos_y_changes_by_at_most_the_distance():
    waves = sp.sin(x) * sp.cos(y)
    grad_sq = sum(sp.diff(waves, v) ** 2 for v in (x, y))
    slack = sp.cos(x) ** 2 * sp.sin(y) ** 2 + sp.sin(x) ** 2 * sp.cos(y) ** 2  # >= 0
    assert sp.simplify(1 - grad_sq - slack) == 0  # so |grad|² = 1 - slack <= 1
    rng = np.random.default_rng(0)
    p, q = rng.uniform(-3, 3, (2, 10_000, 2))
    rise = np.abs(np.sin(p[:, 0]) * np.cos(p[:, 1]) - np.sin(q[:, 0]) * np.cos(q[:, 1]))
    ratio = rise / np.linalg.norm(p - q, axis=1)
    assert ratio.max() <= 1 and round(ratio.max(), 3) == 0.979


def test_zero_rate_direction_does_not_keep_a_3d_function_level():
    s_ = sp.symbols("s")
    g = grad(TRIPLE, (x, y, z), (1, 2, 3))
    assert g.dot(sp.Matrix([3, -6, 0])) == 0
    along = TRIPLE.subs({x: 1 + 3 * s_, y: 2 - 6 * s_, z: 3})
    assert sp.expand(along) == 15 - 54 * s_**2 and TRIPLE.subs({x: 1, y: 2, z: 3}) == 15
