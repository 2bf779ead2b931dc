"""Exercise 05 as templates: the chain rule along paths and trees, implicit slopes, backpropagation.

Groups (questions in one group share a function):

- ``path``: ``z = x^m y^n`` with ``x = cos(j t)`` or ``sin(j t)`` and ``y = exp(k t)`` (dz/dt)
- ``st``: ``z = x^m y^n`` with ``x = s t`` and ``y = alpha s + beta t^2`` (dz/ds)
- ``tree``: ``w = x y + c z`` with ``x = s + alpha t``, ``y = beta s - t``, ``z = s t`` (both partials)
- ``curve``: ``a x^2 + b x y + c y^2 = K`` through an integer point (the implicit slope)

The backpropagation questions are in :mod:`helpers.templates.lesson05_backprop`, the last three (an
implicit surface, a Jacobian, a backward step in matrix form) in :mod:`helpers.templates.lesson05_matrix`.
"""

from __future__ import annotations

import functools

import sympy as sp

from helpers.questions import Mistake
from helpers.templates import Template, lesson05_backprop, lesson05_matrix, pick
from helpers.templates.drawing import at_params, distinct_functions
from helpers.templates.kit import fair, once_per_version, per_version, tex, txt

__all__ = ["TEMPLATES"]

s, t, x, y = sp.symbols("s t x y")

# --------------------------------------------------------------- group path

_INNER_X = {"cos": sp.cos, "sin": sp.sin}


def _path_parts(p: dict) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """f(x, y), x(t) and y(t)."""
    return x ** p["m"] * y ** p["n"], _INNER_X[p["x"]](p["j"] * t), sp.exp(p["k"] * t)


def _along(expr: sp.Expr, p: dict) -> sp.Expr:
    _, xt, yt = _path_parts(p)
    return expr.subs({x: xt, y: yt})


@per_version
def _dzdt(p: dict) -> sp.Expr:
    f, xt, yt = _path_parts(p)
    return sp.diff(f.subs({x: xt, y: yt}), t)


@per_version
def _dzdt_mistakes(p: dict) -> tuple[Mistake, ...]:
    f, xt, yt = _path_parts(p)
    fx, fy = (_along(sp.diff(f, v), p) for v in (x, y))
    dx, dy = sp.diff(xt, t), sp.diff(yt, t)
    out = [
        Mistake(txt(fx * dx), f"A path is missing: y = {txt(yt)} changes with t too, so add f_y * y'(t).",
                "missing path"),
        Mistake(txt(fy * dy), f"A path is missing: x = {txt(xt)} changes with t too, so add f_x * x'(t).",
                "missing path"),
        Mistake(txt(fx + fy), "Multiply each partial by the t-derivative of its own inner function: "
                              "f_x x'(t) + f_y y'(t).", "inner derivatives missing"),
        Mistake(txt(-fx * dx + fy * dy), f"Check the sign of x'(t): the derivative of {txt(xt)} is {txt(dx)}.",
                "sign of a derivative"),
    ]
    if p["j"] != 1:
        out.append(Mistake(txt(fx * dx / p["j"] + fy * dy), f"Chain rule inside x: the derivative of {txt(xt)} is "
                                                             f"{txt(dx)}; the factor {p['j']} is missing.",
                           "missing chain factor"))
    if p["k"] != 1:
        out.append(Mistake(txt(fx * dx + fy * dy / p["k"]), f"Chain rule inside y: the derivative of {txt(yt)} is "
                                                             f"{txt(dy)}; the factor {p['k']} is missing.",
                           "missing chain factor"))
    return tuple(out)


def _draw_path(rng) -> dict:
    while True:
        m, n = pick(rng, [(1, 2), (2, 1), (1, 1), (1, 3)])
        p = {"m": m, "n": n, "x": pick(rng, list(_INNER_X)), "j": pick(rng, [1, 2]), "k": pick(rng, [1, 2, -1])}
        if _path_fair(p):
            return p


@per_version
def _path_fair(p: dict) -> bool:
    return distinct_functions([_dzdt(p), *(sp.sympify(mk.answer) for mk in _dzdt_mistakes(p))], (t,))


def _path_text(p: dict) -> str:
    f, xt, yt = _path_parts(p)
    return (f"Let $z = {tex(f)}$ where $x = {tex(xt)}$ and $y = {tex(yt)}$. Find $\\dfrac{{dz}}{{dt}}$ as a formula in "
            "$t$ and store it in `dz_dt`.")


# ----------------------------------------------------------------- group st


def _st_parts(p: dict) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """f(x, y), x(s, t) and y(s, t)."""
    return x ** p["m"] * y ** p["n"], s * t, p["alpha"] * s + p["beta"] * t**2


def _in_st(expr: sp.Expr, p: dict) -> sp.Expr:
    _, xst, yst = _st_parts(p)
    return expr.subs({x: xst, y: yst})


@per_version
def _dzds(p: dict) -> sp.Expr:
    return sp.diff(_in_st(_st_parts(p)[0], p), s)


@per_version
def _dzds_mistakes(p: dict) -> tuple[Mistake, ...]:
    f, xst, yst = _st_parts(p)
    fx, fy = (_in_st(sp.diff(f, v), p) for v in (x, y))
    return (
        Mistake(txt(fx * sp.diff(xst, s)), f"The path through y is missing: y = {txt(yst)} depends on s too.",
                "missing path"),
        Mistake(txt(fy * sp.diff(yst, s)), f"The path through x is missing: x = {txt(xst)} depends on s too.",
                "missing path"),
        Mistake(txt(fx + fy), f"Multiply each partial by the s-derivative of its inner function: x_s = "
                              f"{txt(sp.diff(xst, s))} and y_s = {txt(sp.diff(yst, s))}.", "inner derivatives missing"),
        Mistake(txt(sp.diff(_in_st(f, p), t)), "That is the partial with respect to t; this question asks for dz/ds, "
                                               "with t held fixed.", "other partial"),
    )


def _draw_st(rng) -> dict:
    while True:
        m, n = pick(rng, [(2, 1), (1, 2), (1, 1), (2, 2)])
        p = {"m": m, "n": n, "alpha": pick(rng, [1, 2, 3, -1]), "beta": pick(rng, [1, 2, 3, -1])}
        if _st_fair(p):
            return p


@per_version
def _st_fair(p: dict) -> bool:
    return distinct_functions([_dzds(p), *(sp.sympify(mk.answer) for mk in _dzds_mistakes(p))], (s, t))


# --------------------------------------------------------------- group tree


def _tree_parts(p: dict) -> tuple[sp.Expr, dict]:
    """w(x, y, z) and the inner functions of s and t."""
    z = sp.Symbol("z")
    inner = {x: s + p["alpha"] * t, y: p["beta"] * s - t, z: s * t}
    return x * y + p["c"] * z, inner


@per_version
def _tree_gradient(p: dict) -> list:
    w, inner = _tree_parts(p)
    return [sp.expand(sp.diff(w.subs(inner), v)) for v in (s, t)]


@per_version
def _tree_mistakes(p: dict) -> tuple[Mistake, ...]:
    w, inner = _tree_parts(p)
    z = sp.Symbol("z")
    wx, wy, wz = (sp.diff(w, v).subs(inner) for v in (x, y, z))
    x_s, y_s, z_s = (sp.diff(inner[v], s) for v in (x, y, z))
    x_t, y_t, z_t = (sp.diff(inner[v], t) for v in (x, y, z))
    return (
        Mistake(txt(sp.expand(wx * x_s + wy * y_s)), f"In dw/ds the path through z = s*t is missing: add "
                                                     f"w_z * z_s = {txt(wz * z_s)}.", "missing path"),
        Mistake(txt(sp.expand(wx * x_t + wy * y_t)), f"In dw/dt the path through z = s*t is missing: add "
                                                     f"w_z * z_t = {txt(wz * z_t)}.", "missing path"),
        Mistake(txt(sp.expand(wx * x_t - wy * y_t + wz * z_t)),
                f"Check y_t: y = {txt(inner[y])}, so its t-derivative is -1.", "sign of a derivative"),
        Mistake(txt(_tree_gradient(p)[1]), "Order: the first entry is dw/ds and the second dw/dt.",
                "swapped components"),
    )


def _draw_tree(rng) -> dict:
    while True:
        p = {"alpha": pick(rng, [1, 2, 3]), "beta": pick(rng, [1, 2, 3]), "c": pick(rng, [1, 2, 3, -1])}
        if _tree_fair(p):
            return p


@per_version
def _tree_fair(p: dict) -> bool:
    answers = [*_tree_gradient(p), *(sp.sympify(mk.answer) for mk in _tree_mistakes(p)[:3])]
    return distinct_functions(answers, (s, t))


def _tree_text(p: dict) -> str:
    w, inner = _tree_parts(p)
    z = sp.Symbol("z")
    return (f"Let $w = {tex(w)}$ where $x = {tex(inner[x])}$, $y = {tex(inner[y])}$ and $z = {tex(inner[z])}$. "
            "Find both partial derivatives and store them as a list `[dw/ds, dw/dt]` of formulas in $s$ and $t$, "
            "in `grad_w`.")


# -------------------------------------------------------------- group curve

_A, _B, _C = sp.symbols("a b c")


@functools.cache
def _generic_curve_partials() -> tuple[sp.Expr, sp.Expr]:
    """F_x and F_y of a x^2 + b x y + c y^2, worked out once by sympy."""
    curve = _A * x**2 + _B * x * y + _C * y**2
    return sp.diff(curve, x), sp.diff(curve, y)


def _curve(p: dict) -> sp.Expr:
    return p["a"] * x**2 + p["b"] * x * y + p["c"] * y**2


@per_version
def _curve_partials(p: dict) -> list:
    return at_params(_generic_curve_partials(), {**p, "x": p["x0"], "y": p["y0"]})


def _slope(p: dict) -> sp.Expr:
    fx, fy = _curve_partials(p)
    return -fx / fy


@per_version
def _slope_mistakes(p: dict) -> tuple[Mistake, ...]:
    fx, fy = _curve_partials(p)
    return (
        Mistake(float(fx / fy), "Sign: from F_x + F_y y' = 0 it follows that y' = -F_x / F_y.", "sign"),
        Mistake(float(-fy / fx), "The fraction is upside down: y' = -F_x / F_y.", "upside down"),
        Mistake(float(-(2 * p["a"] * p["x0"]) / (2 * p["c"] * p["y0"])),
                f"The term {txt(p['b'] * x * y)} depends on x and on y, so it adds to F_x and to F_y.",
                "dropped the mixed term"),
    )


def _draw_curve(rng) -> dict:
    while True:
        p = {"a": pick(rng, [1, 2, 3]), "b": pick(rng, [1, 2, 3, -1, -2]), "c": pick(rng, [1, 2, 3]),
             "x0": pick(rng, [1, 2, 3, -1, -2]), "y0": pick(rng, [1, 2, 3, -1, -2])}
        fx, fy = _curve_partials(p)
        if _curve_fair(p):
            return p


@per_version
def _curve_fair(p: dict) -> bool:
    fx, fy = _curve_partials(p)
    return bool(fx and fy and _curve(p).subs({x: p["x0"], y: p["y0"]}) > 0
                and fair([(float(_slope(p)), [m.answer for m in _slope_mistakes(p)])]))


# ---------------------------------------------------------------- templates

TEMPLATES = tuple(map(once_per_version, (
    Template(
        "05-dzdt", "path", {"m": 1, "n": 2, "x": "cos", "j": 1, "k": 1}, _draw_path,
        text=_path_text,
        key=_dzdt,
        mistakes=_dzdt_mistakes,
        worked=lambda p: f"$\\dfrac{{dz}}{{dt}} = f_x\\,x'(t) + f_y\\,y'(t) = {tex(_dzdt(p))}$.",
        spec=lambda p: {"hint": "Use dz/dt = f_x x'(t) + f_y y'(t), then write everything in terms of t."},
    ),
    Template(
        "05-dzds", "st", {"m": 2, "n": 1, "alpha": 1, "beta": 1}, _draw_st,
        text=lambda p: f"Let $z = {tex(_st_parts(p)[0])}$ where $x = {tex(_st_parts(p)[1])}$ and "
                       f"$y = {tex(_st_parts(p)[2])}$. Find $\\dfrac{{\\partial z}}{{\\partial s}}$ as a formula in "
                       "$s$ and $t$ and store it in `dz_ds`.",
        key=_dzds,
        mistakes=_dzds_mistakes,
        worked=lambda p: f"$\\dfrac{{\\partial z}}{{\\partial s}} = f_x x_s + f_y y_s = {tex(_dzds(p))}$.",
        spec=lambda p: {"hint": f"Use dz/ds = f_x x_s + f_y y_s, with f = {txt(_st_parts(p)[0])}, then substitute "
                                f"x = {txt(_st_parts(p)[1])} and y = {txt(_st_parts(p)[2])}."},
    ),
    Template(
        "05-gradient-st", "tree", {"alpha": 1, "beta": 1, "c": 1}, _draw_tree,
        text=_tree_text,
        key=_tree_gradient,
        mistakes=_tree_mistakes,
        worked=lambda p: "Three paths, through x, y and z, lead to each of s and t: "
                         f"$[{tex(_tree_gradient(p)[0])}, {tex(_tree_gradient(p)[1])}]$.",
    ),
    Template(
        "05-implicit-slope", "curve", {"a": 1, "b": 1, "c": 1, "x0": 1, "y0": 2}, _draw_curve,
        text=lambda p: f"The point $({p['x0']}, {p['y0']})$ lies on the curve ${tex(_curve(p))} = "
                       f"{_curve(p).subs({x: p['x0'], y: p['y0']})}$. Compute the slope $\\dfrac{{dy}}{{dx}}$ of the "
                       "curve there (a number) and store it in `slope`.",
        key=_slope,
        mistakes=_slope_mistakes,
        worked=lambda p: f"$F_x = {_curve_partials(p)[0]}$ and $F_y = {_curve_partials(p)[1]}$ at the point, so "
                         f"$y' = -F_x / F_y = {tex(_slope(p))}$.",
        spec=lambda p: {"hint": f"With F = {txt(_curve(p) - _curve(p).subs({x: p['x0'], y: p['y0']}))}, compute F_x "
                                f"and F_y at ({p['x0']}, {p['y0']}); then y' = -F_x / F_y."},
    ),
))) + lesson05_backprop.TEMPLATES + lesson05_matrix.TEMPLATES
