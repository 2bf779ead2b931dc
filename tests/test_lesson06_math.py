"""Every result stated in lesson 06 (gradient descent), computed independently.

Also the false statements a learner meets elsewhere, each checked to be false.
"""

import numpy as np
import pytest
import sympy as sp

from helpers.calculus import gradient_descent, hessian, newton_method

x, y = sp.symbols("x y", real=True)
F = x**3 + y**3 - 3 * x * y  # critical points: a minimum and a saddle
G = 4 * x * y - x**4 - y**4  # a maximum (twice) and a saddle
BOWL = x**2 + 4 * y**2
ROSENBROCK = (1 - x) ** 2 + 100 * (y - x**2) ** 2
WELL = x**4 / 4 - x**2 / 2 + y**2


def numeric(expr):
    grad = sp.lambdify((x, y), [sp.diff(expr, v) for v in (x, y)])
    hess = sp.lambdify((x, y), sp.hessian(expr, (x, y)))
    return sp.lambdify((x, y), expr), grad, hess


def classify(expr, point):
    h = sp.hessian(expr, (x, y)).subs({x: point[0], y: point[1]})
    d = h.det()
    if d > 0:
        return "minimum" if h[0, 0] > 0 else "maximum"
    return "saddle" if d < 0 else "inconclusive"


def critical_points(expr):
    return sp.solve([sp.diff(expr, x), sp.diff(expr, y)], [x, y], dict=True)


# ------------------------------------------------------------------ critical points, Hessian


def test_critical_points_and_their_types():
    assert {(p[x], p[y]) for p in critical_points(F)} == {(0, 0), (1, 1)}
    assert classify(F, (0, 0)) == "saddle" and classify(F, (1, 1)) == "minimum"
    hf = sp.hessian(F, (x, y))
    assert hf == sp.Matrix([[6 * x, -3], [-3, 6 * y]])
    assert hf.subs({x: 0, y: 0}).det() == -9 and hf.subs({x: 1, y: 1}).det() == 27
    assert F.subs({x: 1, y: 1}) == -1
    assert {(p[x], p[y]) for p in critical_points(G)} == {(0, 0), (1, 1), (-1, -1)}
    assert classify(G, (0, 0)) == "saddle"
    assert classify(G, (1, 1)) == classify(G, (-1, -1)) == "maximum"
    assert sp.hessian(G, (x, y)).subs({x: 1, y: 1}).det() == 128
    assert G.subs({x: 1, y: 1}) == 2


def test_eigenvalues_tell_the_same_story():
    hf = sp.hessian(F, (x, y))
    assert sorted(hf.subs({x: 0, y: 0}).eigenvals()) == [-3, 3]
    assert sorted(hf.subs({x: 1, y: 1}).eigenvals()) == [3, 9]
    assert sorted(sp.hessian(G, (x, y)).subs({x: 1, y: 1}).eigenvals()) == [-16, -8]


def test_d_equal_zero_is_inconclusive():
    cases = {x**4 + y**4: "minimum", -(x**4) - y**4: "maximum", x**4 - y**4: "saddle"}
    for expr in cases:
        assert sp.hessian(expr, (x, y)).subs({x: 0, y: 0}) == sp.zeros(2, 2)
        assert classify(expr, (0, 0)) == "inconclusive"
    t = sp.symbols("t", positive=True)
    assert (x**4 + y**4).subs({x: t, y: t}) > 0  # above f(0, 0) = 0 away from the origin
    assert (-(x**4) - y**4).subs({x: t, y: 0}) < 0
    assert (x**4 - y**4).subs({x: t, y: 0}) > 0 and (x**4 - y**4).subs({x: 0, y: t}) < 0


def test_forgetting_the_mixed_term_in_d_changes_the_verdict():
    h = sp.hessian(F, (x, y)).subs({x: 0, y: 0})
    assert h[0, 0] * h[1, 1] == 0  # "inconclusive" if f_xy**2 is dropped ...
    assert h[0, 0] * h[1, 1] - h[0, 1] ** 2 == -9  # ... but it is a saddle


def test_positive_definite_hessian_alone_is_not_a_minimum():
    # H is positive definite everywhere for x**2 + y**2, but only the origin is a minimum
    assert sp.diff(x**2 + y**2, x).subs({x: 1, y: 0}) != 0


# ------------------------------------------------------------------ Hessian of a quadratic form


def test_hessian_of_quadratic_form_is_a_plus_a_transpose():
    a = sp.Matrix([[1, 2], [0, 3]])
    v = sp.Matrix([x, y])
    q = sp.expand((v.T * a * v)[0])
    assert q == x**2 + 2 * x * y + 3 * y**2
    h = sp.hessian(q, (x, y))
    assert h == a + a.T == sp.Matrix([[2, 2], [2, 6]])
    assert h != 2 * a  # the published "2A" is wrong for this A
    s = (a + a.T) / 2
    assert sp.expand((v.T * s * v)[0]) == q and h == 2 * s


def test_hessian_of_quadratic_form_numerically():
    rng = np.random.default_rng(6)
    a = rng.normal(size=(3, 3))
    h = hessian(lambda *c: np.asarray(c) @ a @ np.asarray(c), rng.normal(size=3))
    assert np.allclose(h, a + a.T, atol=1e-5)
    assert not np.allclose(h, 2 * a, atol=1e-2)


# ------------------------------------------------------------------ gradient descent


def test_one_step_against_the_gradient_goes_downhill():
    f, grad, _ = numeric(BOWL)
    g = np.array(grad(1.0, 0.5))
    assert g.tolist() == [2.0, 4.0]
    down = np.array([1.0, 0.5]) - 0.1 * g
    up = np.array([1.0, 0.5]) + 0.1 * g
    assert np.allclose(down, [0.8, 0.1]) and np.allclose(up, [1.2, 0.9])
    assert f(1.0, 0.5) == 2.0
    assert f(*down) == pytest.approx(0.68) and f(*up) == pytest.approx(4.68)
    assert 0.1 * g @ g == pytest.approx(2.0)  # first-order prediction of the decrease
    path = gradient_descent(grad, (1.0, 0.5), 0.1, steps=1)
    assert np.allclose(path[-1], down)


def test_steepest_descent_misses_the_minimum_by_37_degrees():
    to_minimum = np.array([-1.0, -0.5])
    steepest = -np.array([2.0, 4.0])
    cosine = to_minimum @ steepest / np.linalg.norm(to_minimum) / np.linalg.norm(steepest)
    assert cosine == pytest.approx(0.8)
    assert np.degrees(np.arccos(cosine)) == pytest.approx(36.87, abs=0.01)
    # "reaching (0, 0) needs equal movement in x and y" is false: it needs twice as much in x
    assert to_minimum[0] != to_minimum[1] and to_minimum[0] == 2 * to_minimum[1]


def test_x2_plus_4y2_is_narrower_in_y():
    c = 4
    half_width_x = sp.sqrt(c)  # x**2 = c on the x-axis
    half_width_y = sp.sqrt(c / sp.Integer(4))  # 4y**2 = c on the y-axis
    assert (half_width_x, half_width_y) == (2, 1)
    assert sp.diff(BOWL, y, 2) > sp.diff(BOWL, x, 2)


LAMBDAS = (1.0, 10.0)


def quadratic_grad(a, b):
    return LAMBDAS[0] * a, LAMBDAS[1] * b


@pytest.mark.parametrize(("rate", "factors", "outcome"), [
    (0.05, (0.95, 0.5), "converges"), (0.15, (0.85, -0.5), "oscillates"),
    (0.21, (0.79, -1.1), "diverges"),
])
def test_three_learning_rates(rate, factors, outcome):
    path = gradient_descent(quadratic_grad, (2.0, 1.0), rate, steps=40)
    assert np.allclose(path[1], np.array([2.0, 1.0]) * factors)
    assert np.allclose(path[-1], np.array([2.0, 1.0]) * np.array(factors) ** 40)
    y_signs = np.sign(path[:6, 1])
    if outcome == "converges":
        assert (y_signs > 0).all() and np.linalg.norm(path[-1]) < 0.3
    else:
        assert (y_signs[1:] != y_signs[:-1]).all()
    if outcome == "oscillates":
        assert np.linalg.norm(path[-1]) < 0.01
    if outcome == "diverges":
        assert abs(path[-1, 1]) > 40


def test_the_bound_two_over_lambda_max():
    assert 2 / max(LAMBDAS) == 0.2 and 1 / max(LAMBDAS) == 0.1
    for rate in np.linspace(0.01, 0.3, 59):
        end = gradient_descent(quadratic_grad, (2.0, 1.0), rate, steps=2000)[-1]
        converged = bool(np.all(np.abs(end) < 1e-6))
        if abs(rate - 0.2) > 1e-9:
            assert converged == (rate < 0.2), rate
    at_bound = gradient_descent(quadratic_grad, (2.0, 1.0), 0.2, steps=2000)[-1]
    assert abs(at_bound[1]) == pytest.approx(1.0)  # neither: bounces between +1 and -1


def steps_to_tolerance(kappa, rate=None):
    lam = (1.0, float(kappa))
    rate = 2 / (lam[0] + lam[1]) if rate is None else rate
    path = gradient_descent(lambda a, b: (lam[0] * a, lam[1] * b), (1.0, 1.0), rate,
                            steps=100_000, tolerance=1e-6)
    return len(path) - 1


def test_steps_grow_with_the_condition_number():
    counts = {k: steps_to_tolerance(k) for k in (1, 2, 5, 10, 50, 100)}
    assert counts == {1: 1, 2: 14, 5: 39, 10: 81, 50: 444, 100: 922}
    assert (10 - 1) / (10 + 1) == pytest.approx(0.8182, abs=1e-4)


def test_zigzag_on_the_valley():
    path = gradient_descent(quadratic_grad, (2.0, 1.0), 2 / 11, steps=10)
    assert np.allclose(path[1], [2 * 9 / 11, -9 / 11])
    assert (np.sign(path[:, 1][1:]) != np.sign(path[:, 1][:-1])).all()


# ------------------------------------------------------------------ Newton's method


def test_newton_solves_a_quadratic_in_one_step():
    q = x**2 + 2 * x * y + 3 * y**2 - 4 * x
    _, grad, hess = numeric(q)
    minimum = sp.solve([sp.diff(q, x), sp.diff(q, y)], [x, y])
    assert minimum == {x: 3, y: -1}
    path = newton_method(grad, hess, (10.0, -7.0))
    assert len(path) == 2 and np.allclose(path[1], [3.0, -1.0])


def test_newton_on_rosenbrock_converges_fast_near_the_minimum():
    _, grad, hess = numeric(ROSENBROCK)
    path = newton_method(grad, hess, (-1.2, 1.0), steps=50)
    errors = np.linalg.norm(path - [1.0, 1.0], axis=1)
    assert len(path) - 1 == 7
    assert errors[5] < 1e-5 and errors[6] < 1e-10
    assert errors[6] < 10 * errors[5] ** 2  # the error is squared: quadratic convergence
    assert path[2, 1] < -3  # far from the minimum it first wanders off
    descent = gradient_descent(grad, (-1.2, 1.0), 1e-3, steps=20_000)
    assert 1e-4 < np.linalg.norm(descent[-1] - [1.0, 1.0]) < 1e-3
    eigen = np.linalg.eigvalsh(hess(1.0, 1.0))
    assert eigen == pytest.approx([0.3994, 1001.6], abs=1e-3)
    assert 2 / eigen[1] == pytest.approx(0.002, abs=1e-5)
    assert eigen[1] / eigen[0] == pytest.approx(2508, rel=1e-3)


def test_newton_heads_for_the_saddle_where_h_is_not_positive_definite():
    _, grad, hess = numeric(WELL)
    start = (0.3, 0.5)
    assert np.linalg.eigvalsh(hess(*start)).min() < 0
    newton = newton_method(grad, hess, start)
    assert np.allclose(newton[-1], [0.0, 0.0])
    assert np.allclose(newton[1], [2 * 0.3**3 / (3 * 0.3**2 - 1), 0.0])
    descent = gradient_descent(grad, start, 0.1, steps=300)
    assert np.allclose(descent[-1], [1.0, 0.0], atol=1e-6)
    assert WELL.subs({x: 0, y: 0}) == 0 and WELL.subs({x: 1, y: 0}) == sp.Rational(-1, 4)


def test_hessian_storage_for_a_million_parameters():
    n = 10**6
    assert n * n == 10**12 and n * n * 8 == 8 * 10**12  # bytes in float64: 8 TB


# ------------------------------------------------------------------ the "Try this" prompts


def test_try_this_facts():
    cubic = x**3 - 3 * x - y**3 + 3 * y
    kinds = sorted(classify(cubic, (p[x], p[y])) for p in critical_points(cubic))
    assert kinds == ["maximum", "minimum", "saddle", "saddle"]
    on_axes = x**2 * y**2
    for point in [(0, 0), (1.5, 0), (0, -2)]:
        assert classify(on_axes, point) == "inconclusive"
    skew = sp.Matrix([[0, 1], [-1, 0]])
    v = sp.Matrix([x, y])
    assert sp.expand((v.T * skew * v)[0]) == 0 and skew + skew.T == sp.zeros(2, 2)
    bowl_path = gradient_descent(numeric(BOWL)[1], (1.0, 0.5), 0.25, steps=6)
    assert np.allclose(bowl_path[:, 1], 0.5 * (-1.0) ** np.arange(7))  # y bounces forever
    round_grad = numeric(x**2 + y**2)[1]
    assert np.allclose(gradient_descent(round_grad, (1.5, -1.0), 0.5, steps=1)[-1], 0.0)
    assert np.allclose(gradient_descent(round_grad, (1.5, -1.0), 1.0, steps=2)[1:], [[-1.5, 1.0], [1.5, -1.0]])
    assert steps_to_tolerance(100, rate=1 / 100) == 1375
    assert np.sqrt(1 / 3) == pytest.approx(0.577, abs=1e-3)
    assert 2 * 0.3**3 / (3 * 0.3**2 - 1) == pytest.approx(-0.074, abs=1e-3)


def test_the_lesson_examples_elsewhere():
    valley_grad = numeric(x**2 / 2 + 5 * y**2)[1]
    f_valley = sp.lambdify((x, y), x**2 / 2 + 5 * y**2)
    assert f_valley(2.0, 1.0) == 7.0
    tiny = gradient_descent(valley_grad, (2.0, 1.0), 1e-4, steps=40)[-1]
    slow = gradient_descent(valley_grad, (2.0, 1.0), 0.05, steps=40)[-1]
    assert f_valley(*tiny) == pytest.approx(6.5995, abs=1e-4) and f_valley(*slow) == pytest.approx(0.0330, abs=1e-4)
    fast = gradient_descent(valley_grad, (2.0, 1.0), 0.15, steps=40)[-1]
    assert f_valley(*fast) < f_valley(*slow)  # the oscillating run ends lower
    path = gradient_descent(valley_grad, (-1.5, 1.0), 0.15, steps=30)  # the playground's start
    assert (np.sign(path[1:6, 1]) != np.sign(path[:5, 1])).all() and abs(path[-1, 0]) < 0.02


# ------------------------------------------------------------------ feature scaling, Newton's rate

def _lesson02_data():
    rng = np.random.default_rng(0)
    x_data = np.round(rng.uniform(0, 4, 6), 1)
    return x_data, np.round(1 + 2 * x_data + rng.normal(0, 0.5, 6), 1)


def _fit(u, y_data):
    """kappa of the least-squares Hessian for feature u, and the best-rate descent steps to 1e-6."""
    t0, t1 = sp.symbols("t0 t1")
    J = sum((t0 + t1 * sp.nsimplify(a) - sp.nsimplify(b)) ** 2 for a, b in zip(u, y_data, strict=True)) / len(u)
    H = np.array(sp.hessian(J, (t0, t1)), dtype=float)  # exact second partials from the loss itself
    assert np.allclose(H, 2 * np.array([[1, u.mean()], [u.mean(), np.mean(u**2)]]))
    lam = np.linalg.eigvalsh(H)
    grad = sp.lambdify((t0, t1), [sp.diff(J, v) for v in (t0, t1)])
    path = gradient_descent(grad, (0.0, 0.0), 2 / lam.sum(), steps=100_000, tolerance=1e-6)
    return lam[1] / lam[0], len(path) - 1


def test_feature_scaling_numbers_of_the_worked_example():
    x_data, y_data = _lesson02_data()
    z = (x_data - x_data.mean()) / x_data.std()
    kappa, steps = _fit(x_data, y_data)
    assert round(kappa, 1) == 17.6 and steps == 151
    kappa10, steps10 = _fit(10 * x_data, y_data)
    assert round(kappa10, 1) == 1399.9 and steps10 == 13547
    assert 75 < kappa10 / kappa < 85 and 85 < steps10 / steps < 95  # "about 80" and "about 90"
    kappa_z, steps_z = _fit(z, y_data)
    assert kappa_z == pytest.approx(1.0) and steps_z == 1
    assert z.mean() == pytest.approx(0, abs=1e-12) and np.mean(z**2) == pytest.approx(1)


def test_rescaling_y_turns_the_narrow_valley_into_a_round_bowl():
    v = sp.symbols("v")
    rescaled = sp.expand((x**2 / 2 + 5 * y**2).subs(y, v / sp.sqrt(10)))
    assert rescaled == x**2 / 2 + v**2 / 2
    assert sp.hessian(rescaled, (x, v)) == sp.eye(2)
    one = gradient_descent(lambda a, b: (a, b), (-1.5, 1.0), 1.0, steps=1)
    assert np.allclose(one[-1], 0.0)  # eta = 1 reaches the minimum in one step
    for eta, converges in ((1.99, True), (2.01, False), (0.19, True), (0.21, False)):
        lam = 1.0 if eta > 1 else 10.0  # the rescaled bowl (lambda 1) and the narrow valley (lambda_max 10)
        end = gradient_descent(lambda a, b, lam=lam: (a, lam * b), (1.0, 1.0), eta, steps=3000)[-1]
        assert (np.abs(end).max() < 1e-6) == converges


def test_newton_errors_shrink_like_a_constant_times_the_square():
    _, grad, hess = numeric(ROSENBROCK)
    errors = np.linalg.norm(newton_method(grad, hess, (-1.2, 1.0), steps=50) - 1, axis=1)
    assert f"{errors[4]:.1e}" == "5.6e-02" and f"{errors[5]:.1e}" == "9.6e-06" and f"{errors[6]:.1e}" == "1.9e-11"
    assert f"{errors[4] ** 2:.1e}" == "3.1e-03"
    ratios = errors[5:7] / errors[4:6] ** 2
    assert f"{ratios[0]:.2g}" == "0.0031" and f"{ratios[1]:.1g}" == "0.2"
    assert np.all(ratios < 1)  # bounded by a constant: far smaller than the square itself
    assert np.round(-np.log10(errors[4:7]), 1).tolist() == [1.3, 5.0, 10.7]  # "about 1, then 5, then 10"
