"""Every formula and number stated in lessons/05-chain-rule.ipynb, checked independently.

Each result of the lesson is derived here again, mostly the long way (substitute first, then
differentiate), and the common false statements the lesson corrects are shown to be false.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

from helpers.calculus import EPSILON, check_gradient, difference_step, gradient
from helpers.neuron import neuron_pass

x, y, z, s, t = sp.symbols("x y z s t")
W, B = sp.symbols("w b")


def same(a: sp.Expr, b: sp.Expr) -> bool:
    return sp.simplify(a - b) == 0


# --- 1. Along a path -----------------------------------------------------------------

F1 = x**2 * y
CIRCLE = {x: sp.cos(t), y: sp.sin(t)}


def test_dz_dt_on_the_unit_circle():
    direct = sp.diff(F1.subs(CIRCLE), t)
    assert same(direct, sp.cos(t) ** 3 - 2 * sp.sin(t) ** 2 * sp.cos(t))
    assert sp.nsimplify(direct.subs(t, sp.pi / 4)) == -sp.sqrt(2) / 4
    assert float(direct.subs(t, sp.pi / 4)) == pytest.approx(-0.354, abs=5e-4)


def test_gradient_velocity_and_their_angle_at_pi_over_4():
    point = {x: sp.sqrt(2) / 2, y: sp.sqrt(2) / 2}
    grad = [sp.diff(F1, v).subs(point) for v in (x, y)]
    assert grad == [1, sp.Rational(1, 2)]
    velocity = [-sp.sqrt(2) / 2, sp.sqrt(2) / 2]
    dot = sp.nsimplify(sum(g * v for g, v in zip(grad, velocity, strict=True)))
    assert dot == -sp.sqrt(2) / 2 + sp.sqrt(2) / 4 == -sp.sqrt(2) / 4
    assert dot < 0  # angle above 90 degrees: downhill
    assert 1.0 + 0.70711 < 2 and 0.5 + 0.70711 < 2  # the gradient arrow ends inside the window


def test_along_a_level_curve_the_rate_is_zero():
    assert sp.simplify(sp.diff((x**2 + y**2).subs(CIRCLE), t)) == 0


def test_zeros_of_dz_dt_are_where_tan_squared_is_one_half():
    direct = sp.diff(F1.subs(CIRCLE), t)
    for root in (sp.atan(1 / sp.sqrt(2)), sp.pi / 2):
        assert abs(float(direct.subs(t, root))) < 1e-12


# --- 2. Two parameters ---------------------------------------------------------------

INNER2 = {x: s + t, y: s - t}


def test_partials_in_s_and_t():
    z_st = F1.subs(INNER2)
    assert same(sp.diff(z_st, s), (s + t) * (3 * s - t))
    assert same(sp.diff(z_st, t), (s + t) * (s - 3 * t))
    assert sp.diff(z_st, s).subs({s: 2, t: 1}) == 15
    assert sp.diff(z_st, t).subs({s: 2, t: 1}) == -3


def test_polar_angle_leaves_the_distance_unchanged():
    r, theta = sp.symbols("r theta", positive=True)
    assert sp.simplify(sp.diff((x**2 + y**2).subs({x: r * sp.cos(theta), y: r * sp.sin(theta)}), theta)) == 0


# --- 3. Tree diagrams -----------------------------------------------------------------

W3 = x * y + z**2
INNER3 = {x: s + t, y: s - t, z: s * t}


def test_three_paths_to_s():
    paths = [sp.diff(W3, v).subs(INNER3) * sp.diff(INNER3[v], s) for v in (x, y, z)]
    assert [sp.expand(p) for p in paths] == [s - t, s + t, 2 * s * t**2]
    assert sp.expand(sum(paths)) == 2 * s + 2 * s * t**2 == sp.expand(sp.diff(W3.subs(INNER3), s))
    dropped = sp.expand(sum(paths[:2]))
    assert dropped == 2 * s and not same(dropped, sp.diff(W3.subs(INNER3), s))


def test_general_three_variable_chain_rule():
    f = sp.Function("f")
    w = f(s + t, s - t, s * t)
    fx, fy, fz = (sp.Subs(sp.Derivative(f(x, y, z), v), (x, y, z), (s + t, s - t, s * t)) for v in (x, y, z))
    assert same(sp.diff(w, s).doit(), (fx + fy + t * fz).doit())
    assert same(sp.diff(w, t).doit(), (fx - fy + s * fz).doit())


# --- 4. Implicit differentiation ------------------------------------------------------


def test_circle_slope_three_ways():
    circle = x**2 + y**2 - 25
    assert (-sp.diff(circle, x) / sp.diff(circle, y)).subs({x: 3, y: 4}) == sp.Rational(-3, 4)
    assert sp.diff(sp.sqrt(25 - x**2), x).subs(x, 3) == sp.Rational(-3, 4)
    assert sp.idiff(circle, y, x).subs({x: 3, y: 4}) == sp.Rational(-3, 4)
    assert sp.diff(circle, y).subs({x: 5, y: 0}) == 0  # vertical tangent at (5, 0)


def test_folium_slope():
    folium = x**3 + y**3 - 6 * x * y
    assert folium.subs({x: 3, y: 3}) == 0
    assert sp.diff(folium, x).subs({x: 3, y: 3}) == 9 == sp.diff(folium, y).subs({x: 3, y: 3})
    assert sp.idiff(folium, y, x).subs({x: 3, y: 3}) == -1


def test_implicit_examples_from_other_texts_hold():
    sphere = x**2 + y**2 + z**2 - 1
    assert same(sp.idiff(sphere, z, x), -x / z)
    ellipse = x**2 + 4 * y**2 - 8
    assert sp.idiff(ellipse, y, x).subs({x: 2, y: 1}) == sp.Rational(-1, 2)


# --- 5. Backpropagation ---------------------------------------------------------------

X0, W0, B0, Y0 = 1.5, 0.8, -0.5, 1.0
LOSS = (1 / (1 + sp.exp(-(W * sp.Rational(3, 2) + B))) - 1) ** 2
AT = {W: sp.Rational(4, 5), B: sp.Rational(-1, 2)}


def loss_wb(wv, bv):
    return (1 / (1 + np.exp(-(wv * X0 + bv))) - Y0) ** 2


def test_sigmoid_derivative_identity():
    sigma = 1 / (1 + sp.exp(-z))
    assert same(sp.diff(sigma, z), sigma * (1 - sigma))


def test_forward_pass_numbers():
    z0 = W0 * X0 + B0
    y_hat = 1 / (1 + math.exp(-z0))
    assert z0 == pytest.approx(0.7)
    assert round(y_hat, 4) == 0.6682 and round(y_hat, 3) == 0.668
    assert round((y_hat - 1) ** 2, 4) == 0.1101 and round((y_hat - 1) ** 2, 3) == 0.110


def test_backward_pass_numbers_against_sympy():
    dw, db = (float(sp.diff(LOSS, v).subs(AT)) for v in (W, B))
    y_hat = 1 / (1 + math.exp(-0.7))
    assert round(2 * (y_hat - 1), 4) == -0.6636
    assert round(y_hat * (1 - y_hat), 4) == 0.2217 and round(y_hat * (1 - y_hat), 3) == 0.222
    assert round(db, 4) == -0.1471 and round(dw, 4) == -0.2207
    assert dw == pytest.approx(2 * (y_hat - 1) * y_hat * (1 - y_hat) * X0, rel=1e-12)
    step = neuron_pass(X0, W0, B0, Y0)  # the widget's numbers, quoted in the caption
    assert round(step.gradients["x"], 3) == -0.118 and round(step.gradients["y"], 3) == 0.664
    assert round(step.gradients["w"], 3) == -0.221 and round(step.gradients["z"], 3) == -0.147


def test_gradient_check_error_is_about_1e_11():
    dw, db = (float(sp.diff(LOSS, v).subs(AT)) for v in (W, B))
    error = check_gradient(loss_wb, lambda wv, bv: (dw, db), (W0, B0))
    assert 1e-13 < error < 1e-9


def test_one_descent_step_lowers_the_loss_and_the_opposite_raises_it():
    dw, db = (float(sp.diff(LOSS, v).subs(AT)) for v in (W, B))
    down = loss_wb(W0 - 0.5 * dw, B0 - 0.5 * db)
    up = loss_wb(W0 + 0.5 * dw, B0 + 0.5 * db)
    assert round(down, 4) == 0.0790 and round(up, 4) == 0.1496
    assert down < loss_wb(W0, B0) < up


def test_matching_target_zeroes_every_gradient():
    y_hat = 1 / (1 + math.exp(-0.7))
    step = neuron_pass(X0, W0, B0, y_hat)
    assert all(abs(g) < 1e-15 for name, g in step.gradients.items() if name != "L")


def test_saturated_sigmoid_has_a_vanishing_gradient():
    step = neuron_pass(3.0, 3.0, 3.0, 0.0)
    assert step.values["L"] > 0.99
    assert abs(step.gradients["w"]) < 1e-4


# --- 6. Forward versus reverse mode ----------------------------------------------------


def chain(n):
    theta = np.random.default_rng(0).normal(size=n)
    a = [0.5]
    for th in theta:
        a.append(np.tanh(th * a[-1]))
    return theta, a


def reverse_mode(theta, a):
    g, grads = 1.0, np.zeros(len(theta))
    for k in reversed(range(len(theta))):
        local = 1 - a[k + 1] ** 2
        grads[k] = g * local * a[k]
        g = g * local * theta[k]
    return grads


def forward_mode(theta, a, j):
    dot = (1 - a[j + 1] ** 2) * a[j]
    for k in range(j + 1, len(theta)):
        dot = (1 - a[k + 1] ** 2) * theta[k] * dot
    return dot


def test_reverse_mode_matches_sympy_on_a_short_chain():
    theta, a = chain(8)
    sym = sp.symbols("th0:8")
    node = sp.Float(0.5)
    for th in sym:
        node = sp.tanh(th * node)
    at = dict(zip(sym, theta, strict=True))
    exact = np.array([float(sp.diff(node, th).subs(at)) for th in sym])
    assert reverse_mode(theta, a) == pytest.approx(exact, rel=1e-10)


def test_both_modes_agree_on_the_lesson_chain():
    theta, a = chain(100)
    forward = np.array([forward_mode(theta, a, j) for j in range(100)])
    assert np.allclose(forward, reverse_mode(theta, a), rtol=1e-12, atol=0)


@pytest.mark.parametrize("n", [100, 1000])
def test_multiplication_counts(n):
    forward = sum(n - j + 1 for j in range(1, n + 1))
    assert forward == n * (n + 1) // 2
    assert (forward, 2 * n) == ((5050, 200) if n == 100 else (500500, 2000))


# --- common mistakes ------------------------------------------------------------------


def test_dropped_direct_path():
    z_of_t = (x * t).subs(x, t**2)
    assert sp.diff(z_of_t, t) == 3 * t**2
    assert t**2 + t * sp.diff(t**2, t) == 3 * t**2
    assert not same(t**2, 3 * t**2)  # only the direct partial


def test_forgetting_inner_derivatives():
    wrong = (sp.diff(F1, x) + sp.diff(F1, y)).subs(CIRCLE).subs(t, sp.pi / 4)
    assert sp.nsimplify(wrong) == sp.Rational(3, 2)


# --- statements from other texts that the lesson corrects ------------------------------


def test_central_difference_step_is_cube_root_of_eps_not_1e_7():
    assert float(difference_step(0.0)) == pytest.approx(EPSILON ** (1 / 3))
    assert 6e-6 < EPSILON ** (1 / 3) < 6.1e-6 and not math.isclose(EPSILON ** (1 / 3), 1e-7, rel_tol=0.5)
    dw, db = (float(sp.diff(LOSS, v).subs(AT)) for v in (W, B))
    claimed = np.array([dw, db])

    def error(h):
        numeric = gradient(loss_wb, (W0, B0), h=h)
        return np.linalg.norm(numeric - claimed) / np.linalg.norm(claimed)

    best, quoted = error(None), error(1e-7)
    assert best < 1e-10 < quoted  # the lesson's printed comparison
    assert 10 < quoted / best < 500  # "about fifty times less accurate"


def test_gradient_descent_steps_along_minus_the_gradient():
    # Stepping along +grad raises the loss; it is not gradient descent.
    f = lambda a, b: a**2 + 4 * b**2  # noqa: E731
    start, grad = np.array([1.0, 0.5]), np.array([2.0, 4.0])
    assert f(*(start + 0.1 * grad)) > f(*start) > f(*(start - 0.1 * grad))
    assert f(*(start - 0.1 * grad)) == pytest.approx(0.68)


# --- corrected statements -------------------------------------------------------------------------


def test_one_path_per_route_not_per_intermediate_variable():
    """z = x t with x = t²: one intermediate variable, two paths from z to t."""
    z_ = x * t
    paths = [sp.diff(z_, t).subs(x, t**2), (sp.diff(z_, x) * sp.diff(t**2, t)).subs(x, t**2)]
    assert len(paths) == 2 and all(p != 0 for p in paths)
    assert sp.expand(sum(paths) - sp.diff(z_.subs(x, t**2), t)) == 0


def test_folium_node_has_zero_gradient_and_two_branches():
    folium = x**3 + y**3 - 6 * x * y
    assert [sp.diff(folium, v).subs({x: 0, y: 0}) for v in (x, y)] == [0, 0]
    assert [term for term in folium.as_ordered_terms() if sp.Poly(term, x, y).total_degree() == 2] == [-6 * x * y]
    # the folium as a curve (6u/(1 + u³), 6u²/(1 + u³)) passes the origin at u = 0 and as u -> oo
    u = sp.Symbol("u", positive=True)
    curve = sp.Matrix([6 * u / (1 + u**3), 6 * u**2 / (1 + u**3)])
    assert sp.simplify(folium.subs({x: curve[0], y: curve[1]})) == 0
    assert sp.limit(curve[1] / curve[0], u, 0) == 0  # one branch arrives along the x-axis
    assert sp.limit(curve[0] / curve[1], u, sp.oo) == 0  # the other along the y-axis
    assert curve.subs(u, 1) == sp.Matrix([3, 3])


def test_folium_tails_approach_x_plus_y_equals_minus_2():
    v = sp.Symbol("v")
    curve = sp.Matrix([6 * v / (1 + v**3), 6 * v**2 / (1 + v**3)])
    assert sp.limit(curve[0] + curve[1], v, -1) == -2


# --- implicit surfaces -----------------------------------------------------------------------------


def test_implicit_surface_slopes_on_the_sphere():
    sphere = x**2 + y**2 + z**2 - 9
    point = {x: 1, y: 2, z: 2}
    implicit = [(-sp.diff(sphere, v) / sp.diff(sphere, z)).subs(point) for v in (x, y)]
    upper = sp.sqrt(9 - x**2 - y**2)
    assert implicit == [sp.diff(upper, v).subs({x: 1, y: 2}) for v in (x, y)] == [sp.Rational(-1, 2), -1]


def test_implicit_surface_try_this():
    surface = z**3 + x * z - y
    point = {x: 0, y: 1, z: 1}
    assert surface.subs(point) == 0
    assert sp.idiff(surface, z, x).subs(point) == sp.Rational(-1, 3)
    assert sp.idiff(surface, z, y).subs(point) == sp.Rational(1, 3)


# --- 7. the Jacobian ------------------------------------------------------------------------------


def test_jacobian_product_is_the_tree_diagram():
    w = x * y + z**2
    g = sp.Matrix([s + t, s - t, s * t])
    product = sp.Matrix([w]).jacobian([x, y, z]).subs(dict(zip((x, y, z), g, strict=True))) * g.jacobian([s, t])
    direct = sp.Matrix([w.subs(dict(zip((x, y, z), g, strict=True)))]).jacobian([s, t])
    assert sp.expand(product - direct) == sp.zeros(1, 2)
    assert sp.expand(product[0] - (2 * s + 2 * s * t**2)) == 0 and sp.expand(product[1] - (2 * s**2 * t - 2 * t)) == 0


def test_polar_then_square_jacobians_numerically_and_exactly():
    from helpers.calculus import jacobian

    r, th = sp.symbols("r theta", positive=True)
    polar = sp.Matrix([r * sp.cos(th), r * sp.sin(th)])
    square = sp.Matrix([x**2 - y**2, 2 * x * y])
    composed = square.subs(dict(zip((x, y), polar, strict=True)))
    exact = composed.jacobian([r, th])
    assert sp.simplify(composed - sp.Matrix([r**2 * sp.cos(2 * th), r**2 * sp.sin(2 * th)])) == sp.zeros(2, 1)
    assert sp.simplify(polar.jacobian([r, th]).det()) == r  # the Try this: area factor r
    at = {r: 2, th: sp.Rational(1, 2)}
    exact_num = np.array(exact.subs(at).evalf(), dtype=float)
    polar_f = sp.lambdify((r, th), list(polar))
    square_f = sp.lambdify((x, y), list(square))
    chained = jacobian(lambda a, b: np.array(square_f(a, b)), polar_f(2.0, 0.5)) @ jacobian(
        lambda a, b: np.array(polar_f(a, b)), (2.0, 0.5))
    assert np.allclose(chained, exact_num, rtol=0, atol=1e-8)
    assert np.round(exact_num, 4).tolist() == [[2.1612, -6.7318], [3.3659, 4.3224]]


# --- 8. a two-layer network, vectorised --------------------------------------------------------------


def two_layer():
    rng = np.random.default_rng(1)
    X, Y = rng.normal(size=(4, 2)), rng.normal(size=(4, 1))
    params = [rng.normal(size=(2, 3)), rng.normal(size=(1, 3)), rng.normal(size=(3, 1)), rng.normal(size=(1, 1))]

    def forward(W1, b1, W2, b2):
        A1 = np.tanh(X @ W1 + b1)
        out = A1 @ W2 + b2
        return A1, out, np.mean((out - Y) ** 2)

    return X, Y, params, forward


def backward(X, Y, params, forward, tanh_factor=True):
    W1, b1, W2, b2 = params
    A1, out, _ = forward(*params)
    G2 = 2 * (out - Y) / len(X)
    G1 = (G2 @ W2.T) * ((1 - A1**2) if tanh_factor else 1)
    return [X.T @ G1, G1.sum(axis=0, keepdims=True), A1.T @ G2, G2.sum(axis=0, keepdims=True)]


def block_errors(grads, params, forward):
    def loss_of(*flat):
        blocks, start = [], 0
        for like in params:
            blocks.append(np.reshape(flat[start:start + like.size], like.shape))
            start += like.size
        return forward(*blocks)[2]

    numeric = gradient(loss_of, np.concatenate([p.ravel() for p in params]))
    split = np.split(numeric, np.cumsum([p.size for p in params])[:-1])
    return [np.linalg.norm(n - g.ravel()) / np.linalg.norm(g) for n, g in zip(split, grads, strict=True)]


def test_two_layer_backward_pass_matches_central_differences():
    X, Y, params, forward = two_layer()
    grads = backward(X, Y, params, forward)
    assert [g.shape for g in grads] == [p.shape for p in params]
    errors = block_errors(grads, params, forward)
    assert max(errors) < 1e-10  # "all below 1e-10"
    assert round(float(forward(*params)[2]), 4) == 11.4228


def test_two_layer_backward_pass_equals_sympy_on_one_example():
    """The matrix formulas against sympy's derivative of the loss written out entry by entry."""
    X, Y, params, forward = two_layer()
    grads = backward(X, Y, params, forward)
    w = sp.symbols("w0:6")
    W1 = sp.Matrix(2, 3, w)
    A1 = (sp.Matrix(X) * W1 + sp.ones(4, 1) * sp.Matrix(params[1])).applyfunc(sp.tanh)
    loss = sum(((A1 * sp.Matrix(params[2]) + sp.ones(4, 1) * sp.Matrix(params[3])) - sp.Matrix(Y)).applyfunc(
        lambda e: e**2)) / 4
    at = dict(zip(w, params[0].ravel(), strict=True))
    exact = np.array([float(sp.diff(loss, v).subs(at)) for v in w])
    assert np.allclose(exact, grads[0].ravel(), rtol=1e-10, atol=1e-12)


def test_dropping_the_tanh_factor_breaks_only_the_first_layer():
    X, Y, params, forward = two_layer()
    errors = block_errors(backward(X, Y, params, forward, tanh_factor=False), params, forward)
    assert errors[0] > 1e-2 and errors[1] > 1e-2  # W1, b1 fail
    assert errors[2] < 1e-8 and errors[3] < 1e-8  # W2, b2 still agree
