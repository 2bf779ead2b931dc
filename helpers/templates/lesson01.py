"""Exercise 01 as templates: partial derivatives with fresh functions and points.

Groups (questions in one group share a function):

- ``f``: ``f = a x^m y^n - b x y + c y`` (f_x, f_y, f_xy)
- ``g``: ``g = sin(k x y) + exp(x + j y)`` (g_y)
- ``q``: ``q = u x / (x^2 + d y^2)`` (q_x)
- ``h``: ``h = x exp(k x y)`` at ``(x0, y0)`` (h_x there)
- ``w``: ``w = x^a y z^b`` (w_z)
- ``p``: ``p = x^a y`` at ``(x0, y0)`` (a forward difference; the steeper direction)
"""

from __future__ import annotations

import sympy as sp

from helpers.questions import Mistake
from helpers.templates import Template, nice, pick

__all__ = ["TEMPLATES"]

x, y, z = sp.symbols("x y z")


def tex(expr: sp.Expr) -> str:
    """LaTeX of a formula, for the question text."""
    return sp.latex(expr)


def txt(expr: sp.Expr) -> str:
    """Plain text of a formula, for a hint."""
    return sp.sstr(sp.sympify(expr))


def _partial_spec(function: sp.Expr, wrt: tuple[str, ...]) -> dict:
    return {"function": txt(function), "wrt": wrt}


# ------------------------------------------------------------------ group f


def _f(p: dict) -> sp.Expr:
    return p["a"] * x ** p["m"] * y ** p["n"] - p["b"] * x * y + p["c"] * y


def _draw_f(rng) -> dict:
    return {"a": pick(rng, [1, 2, 3]), "m": pick(rng, [2, 3, 4]), "n": pick(rng, [2, 3]),
            "b": pick(rng, [2, 3, 4, 5, 6]), "c": pick(rng, [5, 7, 8, 9])}


_F_BASE = {"a": 1, "m": 3, "n": 2, "b": 4, "c": 7}


def _lead(p: dict) -> sp.Expr:
    return p["a"] * x ** p["m"] * y ** p["n"]


def _fx_mistakes(p: dict) -> tuple[Mistake, ...]:
    fx = sp.diff(_f(p), x)
    b, c = p["b"], p["c"]
    return (
        Mistake(txt(fx + c), f"The term {c}y does not change when x changes, so its x-partial is 0.",
                "kept a constant term"),
        Mistake(txt(sp.diff(_lead(p), x)), f"The term -{b}xy depends on x too: its x-partial is -{b}y.",
                "dropped a term"),
        Mistake(txt(sp.diff(_lead(p), x, 2) - b * y),
                f"Check the power rule on {txt(x ** p['m'])}: it gives {txt(p['m'] * x ** (p['m'] - 1))}, "
                f"and {txt(y ** p['n'])} stays as a constant factor.", "power rule"),
    )


def _fy_mistakes(p: dict) -> tuple[Mistake, ...]:
    fy = sp.diff(_f(p), y)
    b, c = p["b"], p["c"]
    return (
        Mistake(txt(fy - c), f"The term {c}y has y-partial {c}; it is missing.", "dropped a term"),
        Mistake(txt(fy + b * x - b * y),
                f"In -{b}xy, x is a constant when you differentiate by y: the result is -{b}x.",
                "differentiated the constant"),
    )


def _fxy_mistakes(p: dict) -> tuple[Mistake, ...]:
    f, b = _f(p), p["b"]
    return (
        Mistake(txt(sp.diff(f, x, 2)), "That is f_xx: differentiate f_x with respect to y, not x.", "f_xx"),
        Mistake(txt(sp.diff(f, y, 2)), "That is f_yy: the mixed partial takes one derivative in x and one in y.",
                "f_yy"),
        Mistake(txt(sp.diff(f, x, y) + b), f"The term -{b}xy contributes -{b} to the mixed partial.",
                "dropped a term"),
    )


def _f_text(p: dict) -> str:
    return f"Let $f(x, y) = {tex(_f(p))}$."


# ------------------------------------------------------------------ group g


def _g(p: dict) -> sp.Expr:
    return sp.sin(p["k"] * x * y) + sp.exp(p["i"] * x + p["j"] * y)


def _gy_mistakes(p: dict) -> tuple[Mistake, ...]:
    k, j = p["k"], p["j"]
    inner_sin, inner_exp = k * x * y, p["i"] * x + j * y
    cos_part, exp_part = k * x * sp.cos(inner_sin), j * sp.exp(inner_exp)
    return (
        Mistake(txt(cos_part + sp.exp(inner_exp)),
                f"Chain rule: the exponent {txt(inner_exp)} has y-partial {j}, so exp({txt(inner_exp)}) gains a "
                f"factor {j}.", "missing chain factor"),
        Mistake(txt(sp.cos(inner_sin) + exp_part),
                f"Chain rule: the inside {txt(inner_sin)} has y-partial {txt(k * x)}, so sin({txt(inner_sin)}) "
                f"gives {txt(k * x)}*cos({txt(inner_sin)}).", "missing chain factor"),
        Mistake(txt(sp.cos(inner_sin) + sp.exp(inner_exp)),
                "Both terms need the chain rule: multiply by the y-partial of the inside.", "missing chain factor"),
        Mistake(txt(-cos_part + exp_part), "The derivative of sin is +cos; it is cos that differentiates to -sin.",
                "sign of a derivative"),
    )


# ------------------------------------------------------------------ group q


def _q_parts(p: dict) -> tuple[sp.Expr, sp.Expr]:
    return p["u"] * x, x**2 + p["d"] * y**2


def _qx_mistakes(p: dict) -> tuple[Mistake, ...]:
    top, bottom = _q_parts(p)
    return (
        Mistake(txt((top * sp.diff(bottom, x) - sp.diff(top, x) * bottom) / bottom**2),
                f"Quotient rule order: (u' v - u v') / v**2, with u = {txt(top)} and v = {txt(bottom)}.",
                "quotient rule order"),
        Mistake(txt(sp.diff(top, x) / sp.diff(bottom, x)),
                "A quotient is not differentiated top and bottom separately: use the quotient rule.",
                "differentiated top and bottom"),
        Mistake(txt((sp.diff(top, x) * bottom - top * sp.diff(bottom, x)) / bottom),
                f"The denominator of the quotient rule is v squared: ({txt(bottom)})**2.", "denominator not squared"),
        Mistake(txt(sp.diff(top, x) / bottom), "The denominator depends on x too, so you need the quotient rule.",
                "treated the denominator as constant"),
    )


# ------------------------------------------------------------------ group h


def _h(p: dict) -> sp.Expr:
    return x * sp.exp(p["k"] * x * y)


def _draw_h(rng) -> dict:
    while True:
        p = {"k": pick(rng, [1, 2]), "x0": pick(rng, [1, 2, 3]), "y0": pick(rng, [0.5, -0.5, 0.25, 1.0, -1.0])}
        if p["k"] * p["y0"] != 1 and p["k"] * p["x0"] * p["y0"] != -1:  # keep the planted mistakes apart
            return p


def _at_h(p: dict, expr: sp.Expr) -> float:
    return float(expr.subs({x: p["x0"], y: sp.Rational(str(p["y0"]))}))


def _hx_mistakes(p: dict) -> tuple[Mistake, ...]:
    k, e = p["k"], sp.exp(p["k"] * x * y)
    return (
        Mistake(_at_h(p, e), "Product rule: h = x * exp(" + txt(k * x * y) + ") and both factors depend on x.",
                "product rule"),
        Mistake(_at_h(p, e + x * e),
                f"Chain rule: the x-partial of exp({txt(k * x * y)}) is {txt(k * y)}*exp({txt(k * x * y)}); "
                f"the factor {txt(k * y)} is missing.", "missing chain factor"),
    )


# ------------------------------------------------------------------ group w


def _w(p: dict) -> sp.Expr:
    return x ** p["a"] * y * z ** p["b"]


def _wz_mistakes(p: dict) -> tuple[Mistake, ...]:
    w = _w(p)
    return (
        Mistake(txt(p["b"] * w), f"The power rule lowers the power: z**{p['b']} gives {p['b']}z**{p['b'] - 1}.",
                "power rule"),
        Mistake(txt(sp.diff(w, x)), "That is the partial with respect to x; this question asks for w_z.",
                "other partial"),
        Mistake(txt(sp.diff(w, y)), "That is the partial with respect to y; this question asks for w_z.",
                "other partial"),
    )


# ------------------------------------------------------------------ group p


def _p(p: dict) -> sp.Expr:
    return x ** p["a"] * y


def _draw_p(rng) -> dict:
    return {"a": pick(rng, [2, 3, 4]), "x0": pick(rng, [1, 2, 3]), "y0": pick(rng, [1, 2, 3, 4])}


_H = sp.Rational(1, 10)


def _forward(p: dict) -> sp.Expr:
    f, x0, y0 = _p(p), p["x0"], p["y0"]
    return (f.subs({x: x0 + _H, y: y0}) - f.subs({x: x0, y: y0})) / _H


def _difference_mistakes(p: dict) -> tuple[Mistake, ...]:
    f, x0, y0 = _p(p), p["x0"], p["y0"]
    exact = sp.diff(f, x).subs({x: x0, y: y0})
    backward = (f.subs({x: x0, y: y0}) - f.subs({x: x0 - _H, y: y0})) / _H
    return (
        Mistake(float(exact), "That is the exact partial; the question asks for the difference quotient with h = 0.1.",
                "exact derivative"),
        Mistake(float(_forward(p) * _H), "Divide the change in p by the step h = 0.1.", "forgot to divide by h"),
        Mistake(float(backward), f"That is the backward difference; the question asks for "
                                 f"(p({x0} + h, {y0}) - p({x0}, {y0})) / h.", "backward difference"),
    )


def _larger(p: dict) -> str:
    at = {x: p["x0"], y: p["y0"]}
    fx, fy = (abs(sp.diff(_p(p), v).subs(at)) for v in (x, y))
    return "f_x" if fx > fy else "f_y" if fy > fx else "equal"


def _p_text(p: dict) -> str:
    return f"$p(x, y) = {tex(_p(p))}$"


# ---------------------------------------------------------------- templates


TEMPLATES = (
    Template(
        "01-fx", "f", _F_BASE, _draw_f,
        text=lambda p: _f_text(p) + "\n\nFind $f_x = \\dfrac{\\partial f}{\\partial x}$ and store it in `fx`.",
        key=lambda p: sp.diff(_f(p), x),
        mistakes=_fx_mistakes,
        worked=lambda p: f"Hold y fixed: every term is a constant times a power of x, so "
                         f"$f_x = {tex(sp.diff(_f(p), x))}$.",
        spec=lambda p: _partial_spec(_f(p), ("x",)),
    ),
    Template(
        "01-fy", "f", _F_BASE, _draw_f,
        text=lambda p: _f_text(p) + "\n\nFind $f_y = \\dfrac{\\partial f}{\\partial y}$ and store it in `fy`.",
        key=lambda p: sp.diff(_f(p), y),
        mistakes=_fy_mistakes,
        worked=lambda p: f"Hold x fixed and differentiate term by term: $f_y = {tex(sp.diff(_f(p), y))}$.",
        spec=lambda p: _partial_spec(_f(p), ("y",)),
    ),
    Template(
        "01-gy", "g", {"k": 1, "i": 1, "j": 2},
        lambda rng: {"k": pick(rng, [1, 2, 3, 4]), "i": pick(rng, [1, 2, 3]), "j": pick(rng, [2, 3, 4, 5])},
        text=lambda p: f"Let $g(x, y) = {tex(_g(p))}$. Find $g_y$ and store it in `gy`.\n\n"
                       "In sympy, $\\sin$ is `sp.sin` and $e^u$ is `sp.exp(u)`.",
        key=lambda p: sp.diff(_g(p), y),
        mistakes=_gy_mistakes,
        worked=lambda p: f"Chain rule on each term, with x fixed: $g_y = {tex(sp.diff(_g(p), y))}$.",
        spec=lambda p: _partial_spec(_g(p), ("y",)),
    ),
    Template(
        "01-qx", "q", {"u": 1, "d": 1}, lambda rng: {"u": pick(rng, [1, 2, 3, 4, 5]), "d": pick(rng, [1, 2, 3, 4, 5])},
        text=lambda p: f"Let $q(x, y) = {tex(_q_parts(p)[0] / _q_parts(p)[1])}$, defined everywhere except the "
                       "origin. Find $q_x$ and store it in `qx`.",
        key=lambda p: sp.diff(_q_parts(p)[0] / _q_parts(p)[1], x),
        mistakes=_qx_mistakes,
        worked=lambda p: f"Quotient rule with $u = {tex(_q_parts(p)[0])}$ and $v = {tex(_q_parts(p)[1])}$: "
                         f"$q_x = \\dfrac{{u_x v - u v_x}}{{v^2}} = "
                         f"{tex(sp.factor(sp.diff(_q_parts(p)[0] / _q_parts(p)[1], x)))}$.",
    ),
    Template(
        "01-hx-value", "h", {"k": 1, "x0": 1, "y0": 0.5}, _draw_h,
        text=lambda p: f"Let $h(x, y) = {tex(_h(p))}$. Compute the number $h_x({p['x0']}, {nice(p['y0'])})$ and "
                       "store it in `hx_value` (a float; code that computes it is welcome).",
        key=lambda p: _at_h(p, sp.diff(_h(p), x)),
        mistakes=_hx_mistakes,
        worked=lambda p: f"Product rule, then chain rule: $h_x = {tex(sp.diff(_h(p), x))}$; at the point it is "
                         f"${_at_h(p, sp.diff(_h(p), x)):.6g}$.",
        spec=lambda p: {"hint": f"Find h_x with the product and chain rules, then put in x = {p['x0']}, "
                                f"y = {nice(p['y0'])}."},
    ),
    Template(
        "01-wz", "w", {"a": 2, "b": 3}, lambda rng: {"a": pick(rng, [2, 3, 4, 5]), "b": pick(rng, [2, 3, 4, 5, 6])},
        text=lambda p: f"Let $w(x, y, z) = {tex(_w(p))}$. Find $w_z$ and store it in `wz`.",
        key=lambda p: sp.diff(_w(p), z),
        mistakes=_wz_mistakes,
        worked=lambda p: f"Hold x and y fixed; the power rule on $z^{{{p['b']}}}$ gives "
                         f"$w_z = {tex(sp.diff(_w(p), z))}$.",
    ),
    Template(
        "01-fxy", "f", _F_BASE, _draw_f,
        text=lambda p: f"For $f(x, y) = {tex(_f(p))}$, find the mixed partial\n"
                       "$f_{xy} = \\dfrac{\\partial}{\\partial y}\\left(\\dfrac{\\partial f}{\\partial x}\\right)$ "
                       "and store it in `fxy`.",
        key=lambda p: sp.diff(_f(p), x, y),
        mistakes=_fxy_mistakes,
        worked=lambda p: f"First $f_x = {tex(sp.diff(_f(p), x))}$, then by y: "
                         f"$f_{{xy}} = {tex(sp.diff(_f(p), x, y))}$.",
        spec=lambda p: _partial_spec(_f(p), ("x", "y")),
    ),
    Template(
        "01-forward-difference", "p", {"a": 2, "x0": 1, "y0": 2}, _draw_p,
        text=lambda p: f"Let {_p_text(p)}. Estimate $p_x({p['x0']}, {p['y0']})$ with the forward difference "
                       f"quotient\n$\\dfrac{{p({p['x0']} + h, {p['y0']}) - p({p['x0']}, {p['y0']})}}{{h}}$ for "
                       "$h = 0.1$, and store the estimate in `estimate`.",
        key=lambda p: float(_forward(p)),
        mistakes=_difference_mistakes,
        worked=lambda p: f"$p({p['x0']}.1, {p['y0']}) - p({p['x0']}, {p['y0']}) = "
                         f"{nice(float(_forward(p) * _H))}$, divided by $h = 0.1$: ${nice(float(_forward(p)))}$.",
        spec=lambda p: {"hint": f"Compute (p({p['x0']} + h, {p['y0']}) - p({p['x0']}, {p['y0']})) / h with h = 0.1."},
        code=lambda p: f"def p(x, y):\n    return {txt(_p(p))}\n\n\nh = 0.1",
    ),
    Template(
        "01-larger", "p", {"a": 2, "x0": 1, "y0": 2}, _draw_p,
        text=lambda p: f"Standing on the surface $z = {_p_text(p)[1:-1]}$ at the point $({p['x0']}, {p['y0']})$: is "
                       "it steeper in the $x$ direction or in the $y$ direction?\nAnswer with the text `\"f_x\"` "
                       "(the $x$-partial is larger), `\"f_y\"` or `\"equal\"`, and store it in `larger`.",
        key=_larger,
        mistakes=lambda p: (),
        worked=lambda p: f"$p_x = {tex(sp.diff(_p(p), x))} = {sp.diff(_p(p), x).subs({x: p['x0'], y: p['y0']})}$ and "
                         f"$p_y = {tex(sp.diff(_p(p), y))} = {sp.diff(_p(p), y).subs({x: p['x0'], y: p['y0']})}$ "
                         f"at the point, so the answer is `\"{_larger(p)}\"`.",
        spec=lambda p: {"hint": f"Compute both partials of p(x, y) = {txt(_p(p))} at ({p['x0']}, {p['y0']}) and "
                                "compare their values."},
    ),
)
