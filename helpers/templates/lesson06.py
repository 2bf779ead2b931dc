"""Exercise 06 as templates: critical points, the Hessian, gradient descent, Newton's method.

Groups (questions in one group share a function):

- ``p``: ``p = a x^3 + e x^2 + m x y + c y^2``, with the origin and one more critical
  point, both with integer coordinates; the origin a saddle, a minimum or a maximum
  (gradient, the other critical point, Hessian, D there, the kind of the origin)
- ``A``: ``x^T A x`` for a 2 x 2 integer matrix ``A`` that is not symmetric
- ``f``: ``f = alpha x^2 + beta y^2``, one gradient-descent step from an integer point
- ``g``: ``g = alpha x^2 + beta y^2``, the largest learning rate that converges
- ``w``: ``w = alpha x^4 + beta (y - k)^2``, one Newton step from an integer point
"""

from __future__ import annotations

import functools
from fractions import Fraction

import sympy as sp

from helpers.questions import Mistake
from helpers.templates import Template, nice, pick
from helpers.templates.drawing import (
    apart,
    at_params,
    cached,
    distinct_functions,
    exact,
    number_tex,
    numbers,
    per_params,
    tex,
    txt,
)

__all__ = ["TEMPLATES"]

x, y = sp.symbols("x y")

# ------------------------------------------------------------------ group p

_P_BASE = {"a": 1, "e": 0, "m": -6, "c": 3}


@functools.cache
def _p_families() -> dict[str, tuple[dict, ...]]:
    """Every p of the family with a second critical point at small integers, by the kind of the origin."""
    kinds: dict[str, list[dict]] = {"saddle": [], "minimum": [], "maximum": []}
    for a in (1, -1):
        for e in range(-6, 7):
            for m in (-6, -4, -3, -2, -1, 1, 2, 3, 4, 6):
                for c in (-3, -2, -1, 1, 2, 3):
                    x0 = (Fraction(m * m, 2 * c) - 2 * e) / (3 * a)
                    y0 = -m * x0 / (2 * c)
                    if x0.denominator == 1 and y0.denominator == 1 and x0 and y0 and abs(x0) <= 3 and abs(y0) <= 4:
                        origin_d = 4 * e * c - m * m
                        kind = "saddle" if origin_d < 0 else "minimum" if e > 0 else "maximum"
                        kinds[kind].append({"a": a, "e": e, "m": m, "c": c})
    return {kind: tuple(found) for kind, found in kinds.items()}


def _p(p: dict) -> sp.Expr:
    return p["a"] * x**3 + p["e"] * x**2 + p["m"] * x * y + p["c"] * y**2


@per_params
def _grad_p(p: dict) -> tuple[sp.Expr, sp.Expr]:
    return sp.diff(_p(p), x), sp.diff(_p(p), y)


@per_params
def _other_critical_point(p: dict) -> tuple[sp.Rational, sp.Rational]:
    px, py = _grad_p(p)
    line = sp.solve(py, y)[0]  # p_y is linear in y
    x0 = next(r for r in sp.roots(sp.Poly(px.subs(y, line), x)) if r != 0)
    return x0, line.subs(x, x0)


@per_params
def _hessian_p(p: dict) -> sp.Matrix:
    return sp.hessian(_p(p), (x, y))


def _hessian_at(p: dict, point: tuple) -> sp.Matrix:
    return _hessian_p(p).subs({x: point[0], y: point[1]})


@per_params
def _gradient_mistakes(p: dict) -> tuple[Mistake, ...]:
    a, e, m, c = p["a"], p["e"], p["m"], p["c"]
    cubic, mixed, square = a * x**3 + e * x**2, m * x * y, c * y**2
    px = sp.diff(cubic, x)
    out = [
        Mistake(txt(px + m * x), f"In {txt(mixed)}, y is a constant factor when you differentiate by x.",
                "differentiated the constant factor"),
        Mistake(txt(px - m * y), f"Check the sign of the term that comes from {txt(mixed)}.", "sign in p_x"),
        Mistake(txt(m * x + c * y), f"The power rule on {txt(square)} gives a factor 2 you have dropped.",
                "power rule"),
        Mistake(txt(-m * x + 2 * c * y), f"Check the sign of the term that comes from {txt(mixed)} in p_y.",
                "sign in p_y"),
        Mistake(txt(m * x), f"The term {txt(square)} depends on y too: its y-partial is missing.", "dropped a term"),
    ]
    if e:
        out.append(Mistake(txt(3 * a * x**2 + e * x + m * y),
                           f"The power rule on {txt(e * x**2)} gives a factor 2 you have dropped.", "power rule"))
    return tuple(out)


@per_params
def _critical_point_mistakes(p: dict) -> tuple[Mistake, ...]:
    x0, y0 = _other_critical_point(p)
    on_line = sp.expand(_grad_p(p)[0].subs(y, sp.solve(_grad_p(p)[1], y)[0]))  # p_x with y from p_y = 0
    out = [
        Mistake([0.0, 0.0], "The origin is a critical point too, but the question asks for the other one.",
                "the origin"),
        Mistake(numbers([x0, -y0]), "Check the sign when you solve p_y = 0 for y.", "sign of y"),
        Mistake(numbers([-x0, -y0]), "Check the signs: put your point into both partials; do they vanish?", "signs"),
    ]
    if abs(x0) != 1:
        out.insert(2, Mistake(numbers([1 / x0, y0 / x0**2]),
                              f"Solve {txt(on_line)} = 0 again: factor out {txt(3 * p['a'] * x)}.",
                              "divided the wrong way"))
    return tuple(out)


@per_params
def _hessian_mistakes(p: dict) -> tuple[Mistake, ...]:
    m, mixed = p["m"], p["m"] * x * y
    px, py = _grad_p(p)
    return (
        Mistake(txt(px), "That is a first partial; the Hessian holds second partials.", "first partial"),
        Mistake(txt(m * y), f"The mixed partial of {txt(mixed)} differentiates once by x and once by y: "
                            "no variable is left.", "mixed partial"),
        Mistake("0", "Differentiate the first partial once more; this entry is not zero.", "zero entry"),
        Mistake(txt(py), "That is p_y, a first partial; differentiate it once more.", "first partial p_y"),
        Mistake(txt(-m), f"Check the sign of the mixed partial of {txt(mixed)}.", "sign of the mixed partial"),
    )


def _discriminant(h: sp.Matrix) -> sp.Expr:
    return h[0, 0] * h[1, 1] - h[0, 1] ** 2


@per_params
def _d_key(p: dict) -> sp.Expr:
    return _discriminant(_hessian_at(p, _other_critical_point(p)))


@per_params
def _d_mistakes(p: dict) -> tuple[Mistake, ...]:
    point = _other_critical_point(p)
    h = _hessian_at(p, point)
    product, pxy = h[0, 0] * h[1, 1], h[0, 1]
    return (
        Mistake(float(product), "D subtracts the square of the mixed partial p_xy; it is missing.",
                "mixed partial missing"),
        Mistake(float(product + pxy**2), "The square of the mixed partial is subtracted, not added.",
                "added the square"),
        Mistake(float(product - pxy), "Square the mixed partial before subtracting it.", "not squared"),
        Mistake(float(_discriminant(_hessian_at(p, (0, 0)))),
                f"That is D at the origin; the question asks about ({point[0]}, {point[1]}).", "D at the origin"),
    )


@per_params
def _origin_kind(p: dict) -> str:
    h = _hessian_at(p, (0, 0))
    d = _discriminant(h)
    return "saddle" if d < 0 else "inconclusive" if d == 0 else "minimum" if h[0, 0] > 0 else "maximum"


def _classify_mistakes(p: dict) -> tuple[Mistake, ...]:
    kind = _origin_kind(p)
    if kind == "saddle" and p["e"] == 0:
        return (Mistake("inconclusive", "p_xx = 0 at the origin does not make the test inconclusive: only D = 0 "
                                        "does.", "p_xx = 0 read as inconclusive"),)
    if kind in ("minimum", "maximum"):
        other = "maximum" if kind == "minimum" else "minimum"
        return (Mistake(other, "With D > 0 the sign of p_xx decides: p_xx > 0 gives a minimum, p_xx < 0 a "
                               "maximum.", "minimum and maximum swapped"),)
    return ()


@per_params
def _p_fair(p: dict) -> bool:
    point = _other_critical_point(p)
    mistakes = [mk.answer for mk in _critical_point_mistakes(p)]
    return (apart(numbers(point), mistakes, 3) and apart(float(_d_key(p)), [m.answer for m in _d_mistakes(p)], 3)
            and distinct_functions([*_grad_p(p), *(sp.sympify(mk.answer) for mk in _gradient_mistakes(p))], (x, y)))


def _draw_p(rng) -> dict:
    while True:
        kind = pick(rng, ["saddle", "saddle", "minimum", "maximum"])
        p = dict(pick(rng, _p_families()[kind]))
        if _p_fair(p):
            return p


@per_params
def _p_text(p: dict) -> str:
    return f"$p(x, y) = {tex(_p(p))}$"


def _point(point) -> str:
    return f"({', '.join(number_tex(c) for c in point)})"


# ------------------------------------------------------------------ group A


def _matrix(p: dict) -> sp.Matrix:
    return sp.Matrix([[p["a11"], p["a12"]], [p["a21"], p["a22"]]])


_A = sp.Matrix(2, 2, sp.symbols("a11 a12 a21 a22"))


@functools.cache
def _generic_quadratic_hessian() -> list:
    """The Hessian of x^T A x for a general A, worked out once by sympy."""
    v = sp.Matrix([x, y])
    return list(sp.hessian(sp.expand((v.T * _A * v)[0]), (x, y)))


def _quadratic_hessian(p: dict) -> list:
    return at_params(_generic_quadratic_hessian(), p)


@per_params
def _quadratic_mistakes(p: dict) -> tuple[Mistake, ...]:
    a = _matrix(p)
    return (
        Mistake(numbers(2 * a), "That is 2A, which is the Hessian only when A is symmetric; this A is not.", "2A"),
        Mistake(numbers(a), "That is A itself: the Hessian comes from differentiating x^T A x twice.", "A itself"),
        Mistake(numbers(sp.Matrix(_quadratic_hessian(p)) / 2),
                f"Your matrix is half the Hessian: check q_xx of the {txt(p['a11'] * x**2)} term.", "half the Hessian"),
        Mistake(numbers(2 * a.T), "That is 2A^T, which is not symmetric either; a Hessian must be.", "2A^T"),
    )


def _draw_a(rng) -> dict:
    while True:
        p = {"a11": pick(rng, [-2, -1, 1, 2, 3, 4, 5]), "a12": pick(rng, [-3, -2, -1, 0, 1, 2, 3, 4]),
             "a21": pick(rng, [-3, -2, -1, 0, 1, 2, 3, 4]), "a22": pick(rng, [-2, -1, 1, 2, 3, 4, 5])}
        if p["a12"] + p["a21"] and apart(numbers(_quadratic_hessian(p)),
                                         [m.answer for m in _quadratic_mistakes(p)], 3):
            return p


def _a_tex(p: dict) -> str:
    return f"\\begin{{pmatrix}} {p['a11']} & {p['a12']} \\\\ {p['a21']} & {p['a22']} \\end{{pmatrix}}"


# ------------------------------------------------------------------ group f


def _f(p: dict) -> sp.Expr:
    return p["alpha"] * x**2 + p["beta"] * y**2


_ALPHA, _BETA, _K = sp.symbols("alpha beta k")


@functools.cache
def _generic_descent_gradient() -> tuple:
    """The gradient of alpha x^2 + beta y^2, worked out once by sympy."""
    f = _ALPHA * x**2 + _BETA * y**2
    return sp.diff(f, x), sp.diff(f, y)


@per_params
def _descent(p: dict) -> tuple[tuple, tuple, sp.Rational]:
    """Start, gradient there, learning rate (exact)."""
    start = (p["x0"], p["y0"])
    grad = tuple(at_params(_generic_descent_gradient(), {**p, "x": p["x0"], "y": p["y0"]}))
    return start, grad, exact(p["eta"])


@per_params
def _descent_key(p: dict) -> list:
    start, grad, eta = _descent(p)
    return [s - eta * g for s, g in zip(start, grad, strict=True)]


@per_params
def _descent_mistakes(p: dict) -> tuple[Mistake, ...]:
    start, grad, eta = _descent(p)
    half = (p["alpha"] * start[0], p["beta"] * start[1])
    return (
        Mistake(numbers(s + eta * g for s, g in zip(start, grad, strict=True)),
                "You stepped along +grad f, which climbs; descent goes the other way.", "climbed"),
        Mistake(numbers(s - g for s, g in zip(start, grad, strict=True)),
                "Multiply the gradient by the learning rate before you subtract it.", "learning rate missing"),
        Mistake(numbers(-eta * g for g in grad), "That is the step itself; the new point is the start plus the step.",
                "the step only"),
        Mistake(numbers(s - eta * g for s, g in zip(start, half, strict=True)),
                "The power rule gives a factor 2 in each component of the gradient.", "power rule"),
    )


def _draw_f(rng) -> dict:
    while True:
        p = {"alpha": pick(rng, [1, 2, 3, 4]), "beta": pick(rng, [1, 2, 3, 4]), "x0": pick(rng, [-2, -1, 1, 2, 3]),
             "y0": pick(rng, [-2, -1, 1, 2, 3]), "eta": pick(rng, [0.1, 0.05, 0.2])}
        key = _descent_key(p)
        if all(key) and apart(numbers(key), [m.answer for m in _descent_mistakes(p)], 3):
            return p


# ------------------------------------------------------------------ group g


def _g(p: dict) -> sp.Expr:
    return p["alpha"] * x**2 + p["beta"] * y**2


@per_params
def _curvatures(p: dict) -> tuple:
    return tuple(sorted(sp.hessian(_g(p), (x, y)).eigenvals()))


def _max_rate(p: dict) -> sp.Expr:
    return 2 / _curvatures(p)[-1]


@per_params
def _rate_mistakes(p: dict) -> tuple[Mistake, ...]:
    low, high = _curvatures(p)
    steep = "x" if p["alpha"] > p["beta"] else "y"
    return (
        Mistake(float(1 / high), "That is where the oscillation starts, not where convergence stops.",
                "oscillation onset"),
        Mistake(float(2 / low), "The bound comes from the steepest direction: use the largest curvature.",
                "smallest curvature"),
        Mistake(float(2 / max(p["alpha"], p["beta"])),
                f"Use the Hessian entry, g_{steep}{steep}, not the coefficient of {steep}**2: they differ by a "
                "factor 2.",
                "coefficient for curvature"),
        Mistake(float(2 / (low + high)),
                "That is the best fixed rate, 2/(lambda_min + lambda_max); convergence goes on beyond it.",
                "best rate"),
    )


def _draw_g(rng) -> dict:
    while True:
        p = {"alpha": pick(rng, range(1, 9)), "beta": pick(rng, range(1, 9))}
        if p["alpha"] != p["beta"] and apart(float(_max_rate(p)), [m.answer for m in _rate_mistakes(p)], 3):
            return p


# ------------------------------------------------------------------ group w


def _w(p: dict) -> sp.Expr:
    return p["alpha"] * x**4 + p["beta"] * (y - p["k"]) ** 2


@functools.cache
def _generic_newton() -> tuple[tuple, tuple]:
    """Gradient and Hessian of alpha x^4 + beta (y - k)^2, worked out once by sympy."""
    w = _ALPHA * x**4 + _BETA * (y - _K) ** 2
    return tuple(sp.diff(w, v) for v in (x, y)), tuple(sp.hessian(w, (x, y)))


@per_params
def _newton(p: dict) -> tuple[sp.Matrix, sp.Matrix, sp.Matrix]:
    """Start, gradient and Hessian there."""
    at = {**p, "x": p["x0"], "y": p["y0"]}
    grad, hessian = (at_params(part, at) for part in _generic_newton())
    return sp.Matrix([p["x0"], p["y0"]]), sp.Matrix(grad), sp.Matrix(2, 2, hessian)


@per_params
def _newton_key(p: dict) -> list:
    start, grad, h = _newton(p)
    return list(start - h.LUsolve(grad))


@per_params
def _newton_mistakes(p: dict) -> tuple[Mistake, ...]:
    start, grad, h = _newton(p)
    return (
        Mistake(numbers(start - grad), "That is a gradient step with eta = 1; Newton's step uses the Hessian.",
                "gradient step"),
        Mistake(numbers(start - h * grad), "Multiply the gradient by the inverse of H, not by H.", "multiplied by H"),
        Mistake(numbers(start + h.LUsolve(grad)), "Newton's step is subtracted: x - H^-1 grad f.", "added the step"),
        Mistake([0.0, float(p["k"])], f"One Newton step lands on the minimum only for a quadratic; "
                                      f"{txt(p['alpha'] * x**4)} is not.", "the minimum"),
    )


def _draw_w(rng) -> dict:
    while True:
        p = {"alpha": pick(rng, [1, 2]), "beta": pick(rng, [1, 2, 3, 4]), "k": pick(rng, [-2, -1, 0, 1, 2]),
             "x0": pick(rng, [-3, -2, -1, 1, 2, 3]), "y0": pick(rng, [-2, -1, 0, 1, 2, 3])}
        if p["y0"] != p["k"] and apart(numbers(_newton_key(p)), [m.answer for m in _newton_mistakes(p)], 3):
            return p


# ---------------------------------------------------------------- templates


def _hessian_text(p: dict) -> str:
    return ("Find the Hessian of " + _p_text(p) + " and store it in `hessian_p` as the list of its four entries, "
            "in the order $[p_{xx}, p_{xy}, p_{yx}, p_{yy}]$ (for a sympy matrix `H`, `list(H)` gives that list).")


def _d_worked(p: dict) -> str:
    point = _other_critical_point(p)
    h = _hessian_at(p, point)
    return (f"At ${_point(point)}$: $p_{{xx}} = {h[0, 0]}$, $p_{{yy}} = {h[1, 1]}$, $p_{{xy}} = {h[0, 1]}$, so "
            f"$D = {h[0, 0]} \\cdot {h[1, 1]} - ({h[0, 1]})^2 = {_d_key(p)}$.")


def _classify_worked(p: dict) -> str:
    h = _hessian_at(p, (0, 0))
    return (f"At the origin $p_{{xx}} = {h[0, 0]}$, $p_{{yy}} = {h[1, 1]}$, $p_{{xy}} = {h[0, 1]}$, so "
            f"$D = {_discriminant(h)}$: the origin is a {_origin_kind(p)}" + (" point." if _origin_kind(p) == "saddle"
                                                                             else "."))


TEMPLATES = tuple(map(cached, (
    Template(
        "06-gradient", "p", _P_BASE, _draw_p,
        text=lambda p: f"Let {_p_text(p)}. Find its gradient $\\nabla p = (p_x, p_y)$ and store it in `grad_p` as a "
                       "list of two formulas, `[p_x, p_y]`.",
        key=lambda p: list(_grad_p(p)),
        mistakes=_gradient_mistakes,
        worked=lambda p: f"Hold y fixed for $p_x = {tex(_grad_p(p)[0])}$ and x fixed for $p_y = {tex(_grad_p(p)[1])}$.",
    ),
    Template(
        "06-critical-point", "p", _P_BASE, _draw_p,
        text=lambda p: f"{_p_text(p)} has two critical points. One is the origin. Find the other and store it in "
                       "`critical_point` as a list of two numbers `[x, y]`.",
        key=lambda p: list(_other_critical_point(p)),
        mistakes=_critical_point_mistakes,
        worked=lambda p: f"$p_y = {tex(_grad_p(p)[1])} = 0$ gives $y = {tex(sp.solve(_grad_p(p)[1], y)[0])}$; put into "
                         f"$p_x = 0$: $x = 0$ or $x = {_other_critical_point(p)[0]}$, so the other critical point is "
                         f"${_point(_other_critical_point(p))}$.",
        spec=lambda p: {"hint": "Set both partial derivatives to zero: p_y = 0 gives y in terms of x; put it into "
                                "p_x = 0."},
    ),
    Template(
        "06-hessian", "p", _P_BASE, _draw_p,
        text=_hessian_text,
        key=lambda p: list(_hessian_p(p)),
        mistakes=_hessian_mistakes,
        worked=lambda p: f"Differentiate $p_x = {tex(_grad_p(p)[0])}$ and $p_y = {tex(_grad_p(p)[1])}$ once more: "
                         f"$[p_{{xx}}, p_{{xy}}, p_{{yx}}, p_{{yy}}] = [{', '.join(tex(e) for e in _hessian_p(p))}]$.",
    ),
    Template(
        "06-discriminant", "p", _P_BASE, _draw_p,
        text=lambda p: f"For {_p_text(p)}, compute $D = p_{{xx}} p_{{yy}} - p_{{xy}}^2$ at the critical point "
                       f"${_point(_other_critical_point(p))}$ and store the number in `D`.",
        key=_d_key,
        mistakes=_d_mistakes,
        worked=_d_worked,
        spec=lambda p: {"hint": f"Evaluate the Hessian at {_point(_other_critical_point(p))}, then "
                                "D = p_xx*p_yy - p_xy**2."},
    ),
    Template(
        "06-classify", "p", _P_BASE, _draw_p,
        text=lambda p: f"Classify the critical point $(0, 0)$ of {_p_text(p)}. Answer with the text `\"minimum\"`, "
                       "`\"maximum\"`, `\"saddle\"` or `\"inconclusive\"` (when the test cannot decide), and store it "
                       "in `origin_type`.",
        key=_origin_kind,
        mistakes=_classify_mistakes,
        worked=_classify_worked,
    ),
    Template(
        "06-quadratic-hessian", "A", {"a11": 2, "a12": 1, "a21": 3, "a22": 4}, _draw_a,
        text=lambda p: f"Let $A = {_a_tex(p)}$ and $q(x, y) = \\mathbf{{x}}^\\top A \\mathbf{{x}}$ with "
                       "$\\mathbf{x} = (x, y)$. Find the Hessian of $q$ and store its four entries as numbers in "
                       "`hessian_q`, in the order $[q_{xx}, q_{xy}, q_{yx}, q_{yy}]$.",
        key=_quadratic_hessian,
        mistakes=_quadratic_mistakes,
        worked=lambda p: f"$q = {tex(sp.expand((sp.Matrix([[x, y]]) * _matrix(p) * sp.Matrix([x, y]))[0]))}$, so its "
                         f"Hessian is $A + A^\\top$: $[{', '.join(str(e) for e in _quadratic_hessian(p))}]$.",
    ),
    Template(
        "06-descent-step", "f", {"alpha": 1, "beta": 3, "x0": 1, "y0": 1, "eta": 0.1}, _draw_f,
        text=lambda p: f"Let $f(x, y) = {tex(_f(p))}$. Take one gradient-descent step with learning rate "
                       f"$\\eta = {nice(p['eta'])}$ from $({p['x0']}, {p['y0']})$ and store the new point in "
                       "`new_point` as a list `[x, y]`.",
        key=_descent_key,
        mistakes=_descent_mistakes,
        worked=lambda p: f"$\\nabla f({p['x0']}, {p['y0']}) = {_point(_descent(p)[1])}$, so the new point is "
                         f"$({p['x0']}, {p['y0']}) - {nice(p['eta'])} \\cdot {_point(_descent(p)[1])} = "
                         f"{_point(_descent_key(p))}$.",
        spec=lambda p: {"hint": f"Compute grad f at ({p['x0']}, {p['y0']}), then x_new = x_old - eta * grad f."},
    ),
    Template(
        "06-max-rate", "g", {"alpha": 3, "beta": 1}, _draw_g,
        text=lambda p: f"For $g(x, y) = {tex(_g(p))}$, gradient descent with a fixed learning rate $\\eta$ converges "
                       "to the minimum from every start exactly when $0 < \\eta < \\eta_{\\max}$. Find "
                       "$\\eta_{\\max}$ and store it in `max_rate`.",
        key=_max_rate,
        mistakes=_rate_mistakes,
        worked=lambda p: f"The Hessian is diagonal with entries {_curvatures(p)[0]} and {_curvatures(p)[1]}; the "
                         f"largest eigenvalue is {_curvatures(p)[1]}, so $\\eta_{{\\max}} = 2/{_curvatures(p)[1]} = "
                         f"{tex(_max_rate(p))}$.",
    ),
    Template(
        "06-newton-step", "w", {"alpha": 1, "beta": 1, "k": 0, "x0": 1, "y0": 1}, _draw_w,
        text=lambda p: f"Let $w(x, y) = {tex(_w(p))}$. Take one step of Newton's method,\n"
                       "$\\mathbf{x}_1 = \\mathbf{x}_0 - H(\\mathbf{x}_0)^{-1} \\nabla w(\\mathbf{x}_0)$, from "
                       f"$\\mathbf{{x}}_0 = ({p['x0']}, {p['y0']})$ and store $\\mathbf{{x}}_1$ in `newton_point` as "
                       "a list `[x, y]`.",
        key=_newton_key,
        mistakes=_newton_mistakes,
        worked=lambda p: f"$\\nabla w = {_point(_newton(p)[1])}$ and $H = \\mathrm{{diag}}({_newton(p)[2][0, 0]}, "
                         f"{_newton(p)[2][1, 1]})$ at the start, so $\\mathbf{{x}}_1 = "
                         f"{_point(_newton_key(p))}$.",
        spec=lambda p: {"hint": f"At ({p['x0']}, {p['y0']}) compute grad w and H, solve H s = -grad w, and add s to "
                                f"({p['x0']}, {p['y0']})."},
    ),
)))
