"""The keys of exercises 04-06 as templates, checked by numbers, not by the sympy that made them.

For many seeded versions each key is recomputed from the version's parameters with plain
floating point: central differences (helpers.calculus), one descent or Newton step, a root
found by bisection, multiplications counted one by one, one-sided difference quotients.
"""

import math

import numpy as np
import pytest

from helpers import calculus
from helpers.templates import variant

SEEDS = range(0, 400, 10)


def _key(qid, seed):
    v = variant(qid, seed)
    key = v.key
    if key["type"] == "array":
        return v.params, np.asarray(key["value"], dtype=float)
    if key["type"] == "number":
        return v.params, float(key["value"])
    return v.params, key


def _formulas(key, names=("x", "y")):
    """The key's formulas as numeric functions."""
    import sympy as sp

    symbols = sp.symbols(names)
    items = key["items"] if key["type"] == "list" else [key]
    texts = [item.get("text", str(item.get("value"))) for item in items]
    return [sp.lambdify(symbols, sp.sympify(text), "math") for text in texts]


# ---------------------------------------------------------------- exercise 06


def _p(q):
    return lambda x, y: q["a"] * x**3 + q["e"] * x**2 + q["m"] * x * y + q["c"] * y**2


@pytest.mark.parametrize("seed", SEEDS)
def test_the_critical_point_is_one_and_d_and_the_kind_of_the_origin_follow(seed):
    q, point = _key("06-critical-point", seed)
    assert np.abs(point).max() > 0.5
    assert np.allclose(calculus.gradient(_p(q), point), 0.0, atol=1e-6)
    _, d = _key("06-discriminant", seed)
    assert np.linalg.det(calculus.hessian(_p(q), point)) == pytest.approx(d, abs=1e-3)
    eigenvalues = np.linalg.eigvalsh(calculus.hessian(_p(q), (0.0, 0.0)))
    kind = "saddle" if eigenvalues.min() < 0 < eigenvalues.max() else "minimum" if eigenvalues.min() > 0 else "maximum"
    assert variant("06-classify", seed).key["value"] == kind


@pytest.mark.parametrize("seed", SEEDS)
def test_the_gradient_and_hessian_of_p_are_its_derivatives(seed):
    v = variant("06-gradient", seed)
    here = (0.7, -1.3)
    assert np.allclose([f(*here) for f in _formulas(v.key)], calculus.gradient(_p(v.params), here), atol=1e-6)
    h = [f(*here) for f in _formulas(variant("06-hessian", seed).key)]
    assert np.allclose(h, calculus.hessian(_p(v.params), here).ravel(), atol=1e-4)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_hessian_of_a_quadratic_form(seed):
    q, key = _key("06-quadratic-hessian", seed)
    a = np.array([[q["a11"], q["a12"]], [q["a21"], q["a22"]]], dtype=float)
    form = lambda x, y: np.array([x, y]) @ a @ np.array([x, y])  # noqa: E731
    assert np.allclose(calculus.hessian(form, (0.3, -0.4)).ravel(), key, atol=1e-4)


@pytest.mark.parametrize("seed", SEEDS)
def test_one_descent_step_and_one_newton_step(seed):
    q, key = _key("06-descent-step", seed)
    f = lambda x, y: q["alpha"] * x**2 + q["beta"] * y**2  # noqa: E731
    path = calculus.gradient_descent(lambda x, y: calculus.gradient(f, (x, y)), (q["x0"], q["y0"]), q["eta"], steps=1)
    assert np.allclose(path[-1], key, atol=1e-6)
    q, key = _key("06-newton-step", seed)
    w = lambda x, y: q["alpha"] * x**4 + q["beta"] * (y - q["k"]) ** 2  # noqa: E731
    path = calculus.newton_method(lambda x, y: calculus.gradient(w, (x, y)), lambda x, y: calculus.hessian(w, (x, y)),
                                  (q["x0"], q["y0"]), steps=1)
    assert np.allclose(path[1], key, atol=1e-4)


@pytest.mark.parametrize("seed", SEEDS)
def test_descent_converges_just_below_the_largest_rate_and_diverges_just_above(seed):
    q, rate = _key("06-max-rate", seed)
    grad = lambda x, y: (2 * q["alpha"] * x, 2 * q["beta"] * y)  # noqa: E731
    below = calculus.gradient_descent(grad, (1.0, 1.0), 0.97 * rate, steps=2000)
    above = calculus.gradient_descent(grad, (1.0, 1.0), 1.03 * rate, steps=2000)
    assert np.linalg.norm(below[-1]) < 1e-6 and not np.linalg.norm(above[-1]) < 1e3


# ---------------------------------------------------------------- exercise 04


@pytest.mark.parametrize("seed", SEEDS)
def test_the_tangent_plane_and_its_normal(seed):
    v = variant("04-plane", seed)
    q = v.params
    f = lambda x, y: q["a"] * x**2 * y + q["c"] * y  # noqa: E731
    plane, = _formulas(v.key)
    tangent = calculus.tangent_plane(f, (q["x0"], q["y0"]))
    for here in [(0.5, 1.0), (-2.0, 3.0), (q["x0"], q["y0"])]:
        assert plane(*here) == pytest.approx(float(tangent(*here)), abs=1e-5)
    _, normal = _key("04-normal", seed)
    assert np.allclose(normal, [*calculus.gradient(f, (q["x0"], q["y0"])), -1.0], atol=1e-5)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_distance_gradient_and_the_estimate(seed):
    v = variant("04-distance-gradient", seed)
    q = v.params
    d = lambda x, y: math.sqrt(q["a"] * x**2 + q["b"] * y**2)  # noqa: E731
    for here in [(0.5, 1.0), (-2.0, 0.3)]:
        assert np.allclose([g(*here) for g in _formulas(v.key)], calculus.gradient(d, here), atol=1e-6)
    _, estimate = _key("04-estimate", seed)
    assert d(q["x0"], q["y0"]) == round(d(q["x0"], q["y0"]))  # the point is one a learner can work with
    moved = (q["x0"] + q["h"], q["y0"] + q["k"])
    assert float(calculus.tangent_plane(d, (q["x0"], q["y0"]))(*moved)) == pytest.approx(estimate, abs=1e-6)
    assert abs(d(*moved) - estimate) < 0.05


@pytest.mark.parametrize("seed", SEEDS)
def test_the_differential(seed):
    q, dz = _key("04-differential", seed)
    z = (lambda x, y: x * y**2) if q["family"] == "xy2" else (lambda x, y: x**2 * y)
    assert float(np.dot(calculus.gradient(z, (q["x0"], q["y0"])), [q["dx"], q["dy"]])) == pytest.approx(dz, abs=1e-6)


def _numeric_kind(g, h=1e-5):
    """"plane", "partials only" or "neither" for g at (0, 0), by difference quotients and many directions."""
    partials = []
    for axis in ((1, 0), (0, 1)):
        right = (g(h * axis[0], h * axis[1]) - g(0.0, 0.0)) / h
        left = (g(-h * axis[0], -h * axis[1]) - g(0.0, 0.0)) / -h
        if abs(right - left) > 1e-3:
            return "neither"
        partials.append(right)
    angles = np.linspace(0, 2 * np.pi, 37)
    worst = max(abs(g(h * np.cos(a), h * np.sin(a)) - g(0.0, 0.0) - h * (partials[0] * np.cos(a)
                                                                      + partials[1] * np.sin(a))) / h
                for a in angles)
    return "plane" if worst < 1e-3 else "partials only"


@pytest.mark.parametrize("qid", ["04-no-plane", "04-cone"])
def test_plane_partials_only_or_neither(qid):
    import sympy as sp

    from helpers.templates.lesson04_origin import _cone, _q

    x, y = sp.symbols("x y")
    kinds = set()
    for seed in range(60):
        v = variant(qid, seed)
        if qid == "04-no-plane":
            formula, point = sp.lambdify((x, y), _q(v.params), "math"), (0.0, 0.0)
        else:
            formula, point = sp.lambdify((x, y), _cone(v.params), "math"), (v.params["x0"], v.params["y0"])
        g = lambda u, w, f=formula, at=point: 0.0 if (u, w) == (0.0, 0.0) else f(at[0] + u, at[1] + w)  # noqa: E731
        if qid == "04-cone":
            g = lambda u, w, f=formula, at=point: f(at[0] + u, at[1] + w)  # noqa: E731
        assert _numeric_kind(g) == v.key["value"], v.params
        kinds.add(v.key["value"])
    assert kinds == ({"plane", "partials only", "neither"} if qid == "04-no-plane" else {"neither"})


def test_a_cone_has_a_plane_away_from_its_tip():
    import sympy as sp

    from helpers.templates.lesson04_origin import _cone, _kind_at

    x, y = sp.symbols("x y")
    cone = _cone({"k": 2, "b": 3, "x0": 1, "y0": -1})
    assert _kind_at(cone, (2, 0), cone.subs({x: 2, y: 0})) == "plane"
    numeric = sp.lambdify((x, y), cone, "math")
    assert _numeric_kind(lambda u, w: numeric(2 + u, w)) == "plane"


# ---------------------------------------------------------------- exercise 05


def _inner(q):
    trig = math.cos if q["x"] == "cos" else math.sin
    return lambda t: trig(q["j"] * t), lambda t: math.exp(q["k"] * t)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_chain_rule_along_a_path_and_on_trees(seed):
    v = variant("05-dzdt", seed)
    q = v.params
    xt, yt = _inner(q)
    z = lambda t: xt(t) ** q["m"] * yt(t) ** q["n"]  # noqa: E731
    dzdt, = _formulas(v.key, ("t",))
    for t in (-1.3, 0.4, 1.1):
        assert dzdt(t) == pytest.approx(calculus.partial(z, (t,), 0), rel=1e-6, abs=1e-6)
    v = variant("05-dzds", seed)
    q = v.params
    z = lambda s, t: (s * t) ** q["m"] * (q["alpha"] * s + q["beta"] * t**2) ** q["n"]  # noqa: E731
    dzds, = _formulas(v.key, ("s", "t"))
    assert dzds(0.7, -1.2) == pytest.approx(calculus.partial(z, (0.7, -1.2), 0), rel=1e-6, abs=1e-6)
    v = variant("05-gradient-st", seed)
    q = v.params
    w = lambda s, t: (s + q["alpha"] * t) * (q["beta"] * s - t) + q["c"] * s * t  # noqa: E731
    assert np.allclose([f(0.7, -1.2) for f in _formulas(v.key, ("s", "t"))], calculus.gradient(w, (0.7, -1.2)),
                       atol=1e-6)


def _y_on_curve(q, x, level, y_near):
    """The y with F(x, y) = level near y_near, by bisection."""
    f = lambda y: q["a"] * x**2 + q["b"] * x * y + q["c"] * y**2 - level  # noqa: E731
    low, high = y_near - 0.25, y_near + 0.25
    assert f(low) * f(high) < 0
    for _ in range(100):
        mid = (low + high) / 2
        low, high = (mid, high) if f(low) * f(mid) > 0 else (low, mid)
    return (low + high) / 2


@pytest.mark.parametrize("seed", SEEDS)
def test_the_implicit_slope_is_the_slope_of_the_curve(seed):
    q, slope = _key("05-implicit-slope", seed)
    x0, y0 = q["x0"], q["y0"]
    level = q["a"] * x0**2 + q["b"] * x0 * y0 + q["c"] * y0**2
    h = 1e-5
    numeric = (_y_on_curve(q, x0 + h, level, y0) - _y_on_curve(q, x0 - h, level, y0)) / (2 * h)
    assert numeric == pytest.approx(slope, rel=1e-4, abs=1e-6)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_neuron_gradient_and_step(seed):
    q, grad = _key("05-neuron-grad", seed)
    loss = lambda w, b: (1 / (1 + math.exp(-(w * q["x"] + b))) - q["y"]) ** 2  # noqa: E731
    assert np.allclose(calculus.gradient(loss, (q["w"], q["b"])), grad, atol=1e-7)
    _, step = _key("05-descent-step", seed)
    path = calculus.gradient_descent(lambda w, b: calculus.gradient(loss, (w, b)), (q["w"], q["b"]), q["eta"], steps=1)
    assert np.allclose(path[-1], step, atol=1e-7)


def _counted(n):
    """Multiplications of forward mode (n - j + 1 for theta_j) and of reverse mode (2 per node), one by one."""
    forward = sum(1 for j in range(1, n + 1) for _ in range(n - j + 1))
    return forward, sum(2 for _ in range(n))


@pytest.mark.parametrize("seed", SEEDS)
def test_counts_of_forward_and_reverse_mode(seed):
    q, count = _key("05-forward-mode-count", seed)
    assert count == _counted(q["n"])[0]
    v = variant("05-cheaper-mode", seed)
    if v.params["kind"] == "chain":
        forward, reverse = _counted(v.params["n"])
        assert v.key["value"] == ("forward" if forward < reverse else "reverse" if reverse < forward else "same")
    else:
        assert v.key["value"] == "reverse" and v.params["n"] > 1
