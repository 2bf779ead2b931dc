"""Exercise 06 as templates: critical points, the Hessian, gradient descent, Newton's method.

Groups (questions in one group share a function):

- ``p``: ``p = a x^3 + e x^2 + m x y + c y^2``, with the origin and one more critical
  point, both with integer coordinates; the origin a saddle, a minimum or a maximum
  (gradient, the other critical point, Hessian, D there, the kind of the origin)

The quadratic form, descent and Newton questions are in :mod:`helpers.templates.lesson06_steps`.
"""

from __future__ import annotations

import functools
from fractions import Fraction

import sympy as sp

from helpers.questions import Mistake
from helpers.templates import Template, lesson06_steps, pick
from helpers.templates.drawing import distinct_functions, numbers, point_tex
from helpers.templates.kit import fair, once_per_version, per_version, tex, txt

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


@per_version
def _grad_p(p: dict) -> tuple[sp.Expr, sp.Expr]:
    return sp.diff(_p(p), x), sp.diff(_p(p), y)


@per_version
def _other_critical_point(p: dict) -> tuple[sp.Rational, sp.Rational]:
    px, py = _grad_p(p)
    line = sp.solve(py, y)[0]  # p_y is linear in y
    x0 = next(r for r in sp.roots(sp.Poly(px.subs(y, line), x)) if r != 0)
    return x0, line.subs(x, x0)


@per_version
def _hessian_p(p: dict) -> sp.Matrix:
    return sp.hessian(_p(p), (x, y))


def _hessian_at(p: dict, point: tuple) -> sp.Matrix:
    return _hessian_p(p).subs({x: point[0], y: point[1]})


@per_version
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


@per_version
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


@per_version
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


@per_version
def _d_key(p: dict) -> sp.Expr:
    return _discriminant(_hessian_at(p, _other_critical_point(p)))


@per_version
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


@per_version
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


@per_version
def _p_fair(p: dict) -> bool:
    point = _other_critical_point(p)
    mistakes = [mk.answer for mk in _critical_point_mistakes(p)]
    return (fair([(numbers(point), mistakes), (float(_d_key(p)), [m.answer for m in _d_mistakes(p)])])
            and distinct_functions([*_grad_p(p), *(sp.sympify(mk.answer) for mk in _gradient_mistakes(p))], (x, y)))


def _draw_p(rng) -> dict:
    while True:
        kind = pick(rng, ["saddle", "saddle", "minimum", "maximum"])
        p = dict(pick(rng, _p_families()[kind]))
        if _p_fair(p):
            return p


@per_version
def _p_text(p: dict) -> str:
    return f"$p(x, y) = {tex(_p(p))}$"


# ---------------------------------------------------------------- templates


def _hessian_text(p: dict) -> str:
    return ("Find the Hessian of " + _p_text(p) + " and store it in `hessian_p` as the list of its four entries, "
            "in the order $[p_{xx}, p_{xy}, p_{yx}, p_{yy}]$ (for a sympy matrix `H`, `list(H)` gives that list).")


def _d_worked(p: dict) -> str:
    point = _other_critical_point(p)
    h = _hessian_at(p, point)
    return (f"At ${point_tex(point)}$: $p_{{xx}} = {h[0, 0]}$, $p_{{yy}} = {h[1, 1]}$, $p_{{xy}} = {h[0, 1]}$, so "
            f"$D = {h[0, 0]} \\cdot {h[1, 1]} - ({h[0, 1]})^2 = {_d_key(p)}$.")


def _classify_worked(p: dict) -> str:
    h = _hessian_at(p, (0, 0))
    return (f"At the origin $p_{{xx}} = {h[0, 0]}$, $p_{{yy}} = {h[1, 1]}$, $p_{{xy}} = {h[0, 1]}$, so "
            f"$D = {_discriminant(h)}$: the origin is a {_origin_kind(p)}" + (" point." if _origin_kind(p) == "saddle"
                                                                             else "."))


TEMPLATES = tuple(map(once_per_version, (
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
        worked=lambda p: f"$p_y = {tex(_grad_p(p)[1])} = 0$ gives $y = {tex(sp.solve(_grad_p(p)[1], y)[0])}$; put "
                         f"into $p_x = 0$: $x = 0$ or $x = {_other_critical_point(p)[0]}$, so the other critical "
                         f"point is ${point_tex(_other_critical_point(p))}$.",
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
                       f"${point_tex(_other_critical_point(p))}$ and store the number in `D`.",
        key=_d_key,
        mistakes=_d_mistakes,
        worked=_d_worked,
        spec=lambda p: {"hint": f"Evaluate the Hessian at {point_tex(_other_critical_point(p))}, then "
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
))) + lesson06_steps.TEMPLATES
