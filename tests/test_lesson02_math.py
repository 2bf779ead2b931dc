"""Every formula and number stated in lessons/02-gradient.ipynb, checked independently.

Also checks the true statement wherever a common wrong one circulates (the gradient
steps of descent, the shape of x² + 4y², level sets as hyperplanes, the step size of
central differences, where the gradient lives), and that the wrong one is wrong.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

from helpers.calculus import EPSILON, check_gradient, directional_derivative, gradient
from helpers.symbolic import gradient_vector
from helpers.widgets.explorer import explorer_readout

x, y, z, t = sp.symbols("x y z t", real=True)
F = x**2 * y + sp.sin(x * y)  # the running example
B = x**2 + 4 * y**2  # the bowl
H = x**3 - 3 * x + y**2  # hill and pass
W = x**2 * y + y**2 * z - z**3


def grad(expr, variables=(x, y)):
    return sp.Matrix([sp.diff(expr, v) for v in variables])


def at(expr, **values):
    return expr.subs({sp.Symbol(k, real=True): v for k, v in values.items()})


def f_num(a, b):
    return a**2 * b + np.sin(a * b)


EXACT_1_2 = np.array([4 + 2 * math.cos(2), 1 + math.cos(2)])


# --- 1. Definition and worked example ------------------------------------------------


def test_gradient_of_the_worked_example():
    assert sp.simplify(grad(F) - sp.Matrix([2 * x * y + y * sp.cos(x * y), x**2 + x * sp.cos(x * y)])) == sp.zeros(2, 1)
    value = at(grad(F), x=1, y=2)
    assert value == sp.Matrix([4 + 2 * sp.cos(2), 1 + sp.cos(2)])
    assert np.allclose(np.array(value.evalf(), dtype=float).ravel(), EXACT_1_2)
    assert np.round(EXACT_1_2, 3).tolist() == [3.168, 0.584]
    assert list(gradient_vector("x**2*y + sin(x*y)")) == [sp.diff(sp.sympify("x**2*y + sin(x*y)"), v)
                                                          for v in sp.symbols("x y")]


# --- 2. Vector field ---------------------------------------------------------------------


def test_bowl_gradient_values():
    assert grad(B) == sp.Matrix([2 * x, 8 * y])
    expected = {(1, 0): (2, 0), (0, 1): (0, 8), (1, 1): (2, 8), (2, 1): (4, 8), (0, 0): (0, 0)}
    for (a, b), value in expected.items():
        assert tuple(at(grad(B), x=a, y=b)) == value


def test_gradient_lives_in_the_plane_and_its_lift_lies_in_the_tangent_plane():
    # Claim corrected: the gradient is not a tangent vector on the surface; it has 2 components.
    fx, fy = (float(c) for c in at(grad(B), x=2, y=1))
    lift = np.array([fx, fy, fx**2 + fy**2])
    normal = np.array([fx, fy, -1.0])  # normal of the tangent plane z = b + fx dx + fy dy
    assert lift @ normal == 0
    assert len(grad(B)) == 2


# --- 3. Steepest ascent ------------------------------------------------------------------


def test_best_of_360_directions_is_the_gradient():
    angles = np.radians(np.arange(360))
    rates = np.array([directional_derivative(f_num, (1.0, 2.0), (np.cos(a), np.sin(a))) for a in angles])
    length = np.linalg.norm(EXACT_1_2)
    assert round(length, 4) == 3.2211 and round(length, 3) == 3.221
    assert round(math.degrees(math.atan2(EXACT_1_2[1], EXACT_1_2[0])), 1) == 10.4
    assert int(np.degrees(angles[rates.argmax()])) == 10 and round(rates.max(), 4) == 3.2210
    assert int(np.degrees(angles[rates.argmin()])) == 190 and round(rates.min(), 4) == -3.2210
    assert 0 < length - rates.max() < 1e-3
    assert np.all(rates <= length + 1e-9)  # no direction beats |grad f|
    assert np.allclose(rates, length * np.cos(angles - math.atan2(EXACT_1_2[1], EXACT_1_2[0])), atol=1e-8)


def test_perpendicular_directions_have_rate_zero():
    gx, gy = EXACT_1_2
    for u in [(-gy, gx), (gy, -gx)]:
        assert abs(directional_derivative(f_num, (1.0, 2.0), u)) < 1e-8


# --- 4. Level curves -----------------------------------------------------------------------


def test_perpendicular_to_the_level_curve_at_2_1():
    assert at(B, x=2, y=1) == 8
    assert sp.idiff(B - 8, y, x).subs({x: 2, y: 1}) == sp.Rational(-1, 2)
    gradient_at = at(grad(B), x=2, y=1)
    assert gradient_at.T == sp.Matrix([[4, 8]])
    assert gradient_at.dot(sp.Matrix([2, -1])) == 0


def test_perpendicular_along_the_whole_ellipse():
    r = sp.Matrix([sp.sqrt(8) * sp.cos(t), sp.sqrt(2) * sp.sin(t)])
    assert sp.simplify(B.subs({x: r[0], y: r[1]})) == 8
    assert sp.simplify(grad(B).subs({x: r[0], y: r[1]}).dot(r.diff(t))) == 0


def test_bowl_is_narrower_in_y_not_wider():
    half_x = sp.solve(B.subs(y, 0) - 8, x)
    half_y = sp.solve(B.subs(x, 0) - 8, y)
    assert max(half_x) == sp.sqrt(8) and max(half_y) == sp.sqrt(2)
    assert max(half_y) < max(half_x)  # the claim "wider in y" is false
    assert round(math.sqrt(8), 2) == 2.83 and round(math.sqrt(2), 2) == 1.41


def test_explorer_start_readout_values():
    text = explorer_readout((2.0, 1.0), (4.0, 8.0))
    assert "(4.000, 8.000)" in text and "|∇f| = 8.944" in text and "63.4°" in text
    assert round(math.sqrt(80), 3) == 8.944


# --- 5. Critical points --------------------------------------------------------------------


def test_critical_points_of_hill_and_pass():
    assert list(grad(H)) == [3 * x**2 - 3, 2 * y]
    solutions = sp.solve(list(grad(H)), [x, y], dict=True)
    assert {(s[x], s[y]) for s in solutions} == {(1, 0), (-1, 0)}
    hessian = sp.hessian(H, (x, y))
    assert at(hessian, x=1, y=0).is_positive_definite  # bottom of a valley
    at_pass = at(hessian, x=-1, y=0)
    assert at_pass[0, 0] < 0 < at_pass[1, 1]  # downhill along x, uphill along y


# --- 6. Three variables ----------------------------------------------------------------------


def test_gradient_in_three_variables():
    assert list(grad(W, (x, y, z))) == [2 * x * y, x**2 + 2 * y * z, y**2 - 3 * z**2]
    assert list(at(grad(W, (x, y, z)), x=1, y=2, z=1)) == [4, 5, 1]


def test_sphere_gradient_is_normal_to_curves_on_it_and_gives_the_tangent_plane():
    sphere = x**2 + y**2 + z**2
    g = grad(sphere, (x, y, z))
    latitude = sp.Matrix([sp.sqrt(5) * sp.cos(t), sp.sqrt(5) * sp.sin(t), 2])
    great = sp.cos(t) * sp.Matrix([1, 2, 2]) + 3 * sp.sin(t) * sp.Matrix([2, -1, 0]) / sp.sqrt(5)
    for curve in (latitude, great):
        on = dict(zip((x, y, z), curve, strict=True))
        assert sp.simplify(sphere.subs(on)) == 9
        assert sp.simplify(g.subs(on).dot(curve.diff(t))) == 0
    assert great.subs(t, 0) == sp.Matrix([1, 2, 2])  # both curves pass through (1, 2, 2)
    assert latitude.subs(t, sp.atan2(2, 1)).applyfunc(sp.simplify) == sp.Matrix([1, 2, 2])
    normal = at(g, x=1, y=2, z=2)
    assert list(normal) == [2, 4, 4]
    assert sp.expand(normal.dot(sp.Matrix([x - 1, y - 2, z - 2])) / 2) == x + 2 * y + 2 * z - 9
    assert list(at(g, x=0, y=0, z=1)) == [0, 0, 2]  # the Try this: straight out of the sphere at its top


def test_flat_level_sets_of_nonlinear_functions_and_degenerate_ones():
    u = sp.Symbol("u", real=True)
    assert sp.solve(u**3 - 1, u) == [1]  # (x + y + z)**3 = 1 is the plane x + y + z = 1
    assert sp.solve(sp.exp(u) - sp.E, u) == [1]  # e**(x + y) = e is the line x + y = 1
    cubed = (x + y + z) ** 3
    assert list(grad(cubed, (x, y, z)).subs({x: 1, y: 0, z: 0})) == [3, 3, 3]  # not linear, yet a flat level set
    cross = x**2 - y**2
    assert sp.factor(cross) == (x - y) * (x + y)  # two lines crossing at the origin
    assert list(at(grad(cross), x=0, y=0)) == [0, 0]
    assert sp.solve(x**2 + y**2 + z**2 + 1, x) == []  # level -1 of the sphere's function: empty (x real)


def test_the_old_statement_flat_only_when_linear_is_false():
    """A non-linear function whose level set through a point is a plane: the old wording fails."""
    f = (x + y + z) ** 3
    assert sp.diff(f, x, x) != 0  # f is not linear
    on_plane = {z: 1 - x - y}
    assert sp.simplify(f.subs(on_plane)) == 1  # yet the whole plane x + y + z = 1 is its level set 1


# --- 7. Linear regression -----------------------------------------------------------------------


def dataset():
    rng = np.random.default_rng(0)
    xs = np.round(rng.uniform(0, 4, 6), 1)
    ys = np.round(1 + 2 * xs + rng.normal(0, 0.5, 6), 1)
    return xs, ys


def test_dataset_is_the_one_printed():
    xs, ys = dataset()
    assert xs.tolist() == [2.5, 1.1, 0.2, 0.1, 3.3, 3.7]
    assert ys.tolist() == [6.7, 3.7, 1.0, 0.6, 7.3, 8.4]


def mse_parts():
    xs, ys = dataset()
    t0, t1 = sp.symbols("theta0 theta1")
    data = [(sp.nsimplify(a), sp.nsimplify(b)) for a, b in zip(xs, ys, strict=True)]
    n = len(data)
    loss = sum((b - t0 - t1 * a) ** 2 for a, b in data) / n
    return t0, t1, data, n, loss


def test_mse_partials_match_the_formulas():
    t0, t1, data, n, loss = mse_parts()
    d0 = -sp.Rational(2, n) * sum(b - (t0 + t1 * a) for a, b in data)
    d1 = -sp.Rational(2, n) * sum(a * (b - (t0 + t1 * a)) for a, b in data)
    assert sp.expand(sp.diff(loss, t0) - d0) == 0 and sp.expand(sp.diff(loss, t1) - d1) == 0
    # the chain-rule factors matter: without -1 / -x_n the formulas are wrong
    assert sp.expand(sp.diff(loss, t0) + d0) != 0
    assert sp.expand(sp.diff(loss, t1) - sp.Rational(2, n) * sum(b - t0 - t1 * a for a, b in data)) != 0


def test_mse_gradient_numbers_and_descent_step():
    xs, ys = dataset()

    def loss(a, b):
        return np.mean((ys - a - b * xs) ** 2)

    def grad_loss(a, b):
        r = ys - a - b * xs
        return -2 * np.mean(r), -2 * np.mean(xs * r)

    theta = np.array([0.5, 1.0])
    g = np.array(grad_loss(*theta))
    assert np.round(g, 4).tolist() == [-4.6, -12.9033]
    assert check_gradient(loss, grad_loss, theta) < 1e-8
    residuals = ys - (0.5 + xs)
    assert (residuals > 0).sum() == 5 and np.isclose(residuals, 0).sum() == 1
    step = 0.01 * g
    assert [round(v, 4) for v in (loss(*theta), loss(*(theta - step)), loss(*(theta + step)))] == [
        8.0133, 6.2495, 10.0026]


def test_descent_goes_along_minus_the_gradient():
    # Corrected claim: stepping along +grad f moves away from the minimum, -grad f towards it.
    def bowl(a, b):
        return a**2 + 4 * b**2

    start = np.array([1.0, 0.5])
    g = np.array([2 * start[0], 8 * start[1]])
    up, down = start + 0.1 * g, start - 0.1 * g
    assert np.allclose(up, [1.2, 0.9]) and np.allclose(down, [0.8, 0.1])
    assert bowl(*start) == pytest.approx(2) and bowl(*up) == pytest.approx(4.68) and bowl(*down) == pytest.approx(0.68)
    assert bowl(*up) > bowl(*start) > bowl(*down)


# --- 8. Numeric gradients --------------------------------------------------------------------


def errors(step):
    return np.abs(gradient(f_num, (1.0, 2.0), h=step) - EXACT_1_2).max()


def test_best_central_step_is_eps_to_one_third_not_1e_7():
    best = EPSILON ** (1 / 3)
    assert f"{best:.1e}" == "6.1e-06"
    assert 1e3 < errors(1e-2) / errors(1e-4) < 1e5  # error of order h^2
    assert 30 < errors(1e-7) / errors(best) < 1000  # 1e-7 is worse, by about a hundred
    assert errors(1e-9) > errors(1e-7) > errors(best)
    assert errors(best) < 1e-10
    assert np.allclose(gradient(f_num, (1.0, 2.0)), EXACT_1_2, rtol=1e-9)


# --- Common mistakes ----------------------------------------------------------------------------


def test_vector_not_number():
    assert round(float(np.linalg.norm(EXACT_1_2)), 3) == 3.221
    assert round(float(EXACT_1_2.sum()), 3) == 3.752


def test_swapped_components_point_elsewhere():
    swapped = EXACT_1_2[::-1]
    angle = math.degrees(math.acos(EXACT_1_2 @ swapped / np.linalg.norm(EXACT_1_2) ** 2))
    assert round(angle, 1) == 69.1


def test_differentiate_before_evaluating():
    p = x**2 * y
    assert sp.diff(p.subs(x, 3), x) == 0
    assert sp.diff(p, x).subs({x: 3, y: 2}) == 12


def test_domain_of_log():
    q = sp.log(x + y)
    components = list(grad(q))
    assert components == [1 / (x + y), 1 / (x + y)]
    assert [c.subs({x: -1, y: -1}) for c in components] == [sp.Rational(-1, 2)] * 2
    with np.errstate(invalid="ignore"):
        assert np.isnan(np.log(-1.0 + -1.0))


# --- corrected statements: outward arrows, the sum of the components ---------------------------


def test_bowl_arrows_point_outward_but_not_radially():
    g = grad(B)
    outward = sp.expand(g.dot(sp.Matrix([x, y])))
    assert outward == 2 * x**2 + 8 * y**2  # positive away from the origin
    turning = sp.expand(g[1] * x - g[0] * y)  # 2-D cross product of the arrow with the position
    assert turning == 6 * x * y  # zero only on the axes: elsewhere the arrow is not radial
    cos_angle = (2 * 1 + 8 * 1) / (math.sqrt(68) * math.sqrt(2))
    assert math.degrees(math.acos(cos_angle)) == pytest.approx(30.96, abs=0.01)


def test_sum_of_components_is_root_2_times_the_diagonal_rate():
    g = at(grad(F), x=1, y=2)
    diagonal = sp.Matrix([1, 1]) / sp.sqrt(2)
    assert sp.simplify(g[0] + g[1] - sp.sqrt(2) * g.dot(diagonal)) == 0
    assert float(g[0] + g[1]) == pytest.approx(3.7516, abs=5e-5)
    f_num = sp.lambdify((x, y), F)
    assert math.sqrt(2) * directional_derivative(f_num, (1.0, 2.0), (1.0, 1.0)) == pytest.approx(float(g[0] + g[1]))
