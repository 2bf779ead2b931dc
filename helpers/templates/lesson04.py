"""Exercise 04 as templates: tangent planes, normals, linear estimates, differentials, no plane.

Groups (questions in one group share a function):

- ``f``: ``f = a x^2 y + c y`` at an integer point (the tangent plane, its normal)
- ``d``: ``d = sqrt(a x^2 + b y^2)`` near an integer point where ``d`` is a whole number
  (the gradient, a tangent-plane estimate)
- ``z``: ``z = x y^2`` or ``x^2 y`` at an integer point, with small steps (the differential)
- ``e``: an error of a linear approximation at one distance, asked at another

The next two questions (a plane, partials only, or neither at the origin) are in
:mod:`helpers.templates.lesson04_origin`, the last (the tangent plane of a level surface) in
:mod:`helpers.templates.lesson04_level`.
"""

from __future__ import annotations

import functools
import math

import sympy as sp

from helpers.questions import Mistake
from helpers.templates import Template, lesson04_level, lesson04_origin, nice, pick
from helpers.templates.drawing import distinct_functions, exact, numbers
from helpers.templates.kit import fair, once_per_version, per_version, tex, txt

__all__ = ["TEMPLATES"]

x, y = sp.symbols("x y")
_H, _T = sp.symbols("h t", positive=True)

# ------------------------------------------------------------------ group f


def _f(p: dict) -> sp.Expr:
    return p["a"] * x**2 * y + p["c"] * y


@per_version
def _f_at(p: dict) -> tuple:
    """f, f_x and f_y at the point."""
    at = {x: p["x0"], y: p["y0"]}
    return tuple(e.xreplace(at) for e in (_f(p), sp.diff(_f(p), x), sp.diff(_f(p), y)))


def _plane(p: dict, fx=None, fy=None, f0=None) -> sp.Expr:
    value, slope_x, slope_y = _f_at(p)
    slope_x = slope_x if fx is None else fx
    slope_y = slope_y if fy is None else fy
    value = value if f0 is None else f0
    return value + slope_x * (x - p["x0"]) + slope_y * (y - p["y0"])


def _plane_tex(p: dict) -> str:
    """``12 + 6 (x - 1) + 4 (y - 3)``: the plane as the formula builds it."""
    f0, fx, fy = _f_at(p)
    terms = [str(f0)]
    for slope, shift in ((fx, x - p["x0"]), (fy, y - p["y0"])):
        terms.append(f"{'-' if slope < 0 else '+'} {abs(slope)} ({tex(shift)})")
    return " ".join(terms)


@per_version
def _plane_mistakes(p: dict) -> tuple[Mistake, ...]:
    f0, fx, fy = _f_at(p)
    point = f"({p['x0']}, {p['y0']})"
    dx, dy = f"({txt(x - p['x0'])})", f"({txt(y - p['y0'])})"
    return (
        Mistake(txt(f0 + fx * x + fy * y), f"The plane must pass through ({p['x0']}, {p['y0']}, f{point}): use {dx} "
                                           f"and {dy}, not x and y.", "point missing"),
        Mistake(txt(_plane(p, fx=fy, fy=fx)), f"The slopes are swapped: f_x goes with {dx} and f_y with {dy}.",
                "slopes swapped"),
        Mistake(txt(_plane(p, fx=sp.diff(_f(p), x), fy=sp.diff(_f(p), y))),
                f"Evaluate f_x and f_y at {point}: the slopes of a plane are numbers, not formulas.",
                "slopes not evaluated"),
        Mistake(txt(_plane(p, f0=-f0)), f"The constant is off: at {point} the plane must give f{point}. Put the point "
                                        "in and compare.", "constant"),
    )


@per_version
def _normal_mistakes(p: dict) -> tuple[Mistake, ...]:
    _, fx, fy = _f_at(p)
    lead = p["a"] * x**2 * y
    return (
        Mistake(numbers([fx, fy, 1]), "The sign of the z-component: from f_x(x - a) + f_y(y - b) - (z - c) = 0, "
                                      "z has coefficient -1.", "sign of z"),
        Mistake(numbers([fy, fx, -1]), "Wrong order: the x-component is f_x, the y-component f_y.",
                "swapped components"),
        Mistake(numbers([fx, fy, 0]), "The gradient (f_x, f_y) lies in the xy-plane; a normal of the plane also "
                                      "needs its z-component.", "z-component missing"),
        Mistake(numbers([2 * p["a"] * p["x0"], fy, -1]),
                f"The x-partial of {txt(lead)} keeps the factor y: evaluate {txt(sp.diff(lead, x))} at "
                f"({p['x0']}, {p['y0']}).", "dropped the factor y"),
    )


@per_version
def _f_fair(p: dict) -> bool:
    f0, fx, fy = _f_at(p)
    plane_answers = [_plane(p), *(sp.sympify(m.answer) for m in _plane_mistakes(p))]
    return (bool(f0 and fx and fy) and abs(fx) < 100 and abs(fy) < 100
            and fair([(numbers([fx, fy, -1]), [m.answer for m in _normal_mistakes(p)])])
            and distinct_functions(plane_answers, (x, y)))


def _draw_f(rng) -> dict:
    while True:
        p = {"a": pick(rng, [1, 2]), "c": pick(rng, [1, 2, 3, 4, 5]), "x0": pick(rng, [-2, -1, 1, 2]),
             "y0": pick(rng, [-1, 2, 3])}
        if _f_fair(p):
            return p


# ------------------------------------------------------------------ group d

_PAIRS = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (1, 4), (4, 1), (1, 5), (5, 1), (3, 4), (4, 3), (4, 5), (5, 4),
          (1, 8), (8, 1), (2, 7), (7, 2))


@functools.cache
def _d_points() -> tuple[tuple[int, int, int, int], ...]:
    """(a, b, x0, y0) with a x0^2 + b y0^2 a perfect square up to 15^2, slopes apart, coordinates coprime or (6, 8)."""
    out = []
    for a, b in _PAIRS:
        for x0 in range(1, 10):
            for y0 in range(1, 10):
                u = a * x0**2 + b * y0**2
                if math.isqrt(u) ** 2 == u and u <= 225 and a * x0 != b * y0 and (math.gcd(x0, y0) == 1
                                                                                   or (x0, y0) == (6, 8)):
                    out.append((a, b, x0, y0))
    return tuple(out)


def _d(p: dict) -> sp.Expr:
    return sp.sqrt(p["a"] * x**2 + p["b"] * y**2)


@per_version
def _d_gradient(p: dict) -> list:
    return [sp.diff(_d(p), v) for v in (x, y)]


@per_version
def _d_gradient_mistakes(p: dict) -> tuple[Mistake, ...]:
    u = p["a"] * x**2 + p["b"] * y**2
    return (
        Mistake(txt(1 / (2 * sp.sqrt(u))), f"Chain rule: multiply by the partial of the inside {txt(u)} "
                                           f"({txt(sp.diff(u, x))} for d_x, {txt(sp.diff(u, y))} for d_y).",
                "missing chain factor"),
        Mistake(txt(sp.diff(u, x) / sp.sqrt(u)), "Missing factor 1/2: the derivative of sqrt(u) is 1/(2 sqrt(u)), "
                                                 f"and its 2 cancels the 2 of {txt(sp.diff(u, x))}.",
                "missing factor 1/2"),
        Mistake(txt(sp.diff(u, x) / 2 / u), "The derivative of sqrt(u) is 1/(2 sqrt(u)): the square root stays in "
                                            "the denominator.", "square root dropped"),
        Mistake(txt(_d_gradient(p)[1]), "Wrong order: the first component is the x-partial, the second the "
                                        "y-partial.", "swapped components"),
    )


@per_version
def _slopes(p: dict) -> tuple:
    """d, d_x and d_y at the point, and the steps (exact)."""
    at = {x: p["x0"], y: p["y0"]}
    return (_d(p).xreplace(at), *(g.xreplace(at) for g in _d_gradient(p)), exact(p["h"]), exact(p["k"]))


@per_version
def _estimate(p: dict) -> sp.Expr:
    d0, dx, dy, h, k = _slopes(p)
    return d0 + dx * h + dy * k


@per_version
def _estimate_mistakes(p: dict) -> tuple[Mistake, ...]:
    d0, dx, dy, h, k = _slopes(p)
    there = (p["x0"] + h, p["y0"] + k)
    u = p["a"] * x**2 + p["b"] * y**2
    return (
        Mistake(float(_d(p).xreplace({x: there[0], y: there[1]})),
                f"That is the exact value of {_estimate_target(p, plain=True)}; "
                "the question asks for the tangent-plane estimate.", "exact value"),
        Mistake(float(d0), f"That is d({p['x0']}, {p['y0']}) alone: add the changes d_x * ({nice(p['h'])}) + "
                           f"d_y * ({nice(p['k'])}).", "changes missing"),
        Mistake(float(d0 + dy * h + dx * k), f"The slopes are swapped: d_x = {dx} goes with the change in x.",
                "slopes swapped"),
        Mistake(float(d0 + dx * h - dy * k),
                f"Sign: y goes from {p['y0']} to {nice(float(there[1]))}, so its change is {nice(p['k'])}.",
                "sign of a change"),
        Mistake(float(d0 + sp.diff(u, x).subs(x, p["x0"]) * h + sp.diff(u, y).subs(y, p["y0"]) * k),
                f"Chain rule: those are the partials of {txt(u)}; the square root adds a factor "
                f"1/(2 sqrt({txt(u)})).", "missing chain factor"),
    )


def _draw_d(rng) -> dict:
    while True:
        a, b, x0, y0 = pick(rng, _d_points())
        h, k = pick(rng, [(0.1, -0.1), (-0.1, 0.1)])
        p = {"a": a, "b": b, "x0": x0, "y0": y0, "h": h, "k": k}
        if fair([(float(_estimate(p)), [m.answer for m in _estimate_mistakes(p)])], 5):
            return p


def _d_tex(p: dict) -> str:
    return f"d(x, y) = {tex(_d(p))}"


def _estimate_target(p: dict, plain: bool = False) -> str:
    """The square root the estimate is for, as the learner reads it (LaTeX, or plain text for a hint)."""
    there = [nice(float(exact(p["x0"]) + exact(p["h"]))), nice(float(exact(p["y0"]) + exact(p["k"])))]
    times, power = ("*", "**2") if plain else (" \\cdot ", "^2")
    terms = [f"{c}{times}{v}{power}" if c != 1 else f"{v}{power}" for c, v in zip((p["a"], p["b"]), there, strict=True)]
    return f"sqrt({' + '.join(terms)})" if plain else f"\\sqrt{{{' + '.join(terms)}}}"


# ------------------------------------------------------------------ group z

_Z_FAMILIES = {"xy2": x * y**2, "x2y": x**2 * y}


def _z(p: dict) -> sp.Expr:
    return _Z_FAMILIES[p["family"]]


@per_version
def _z_parts(p: dict) -> tuple:
    """z_x and z_y at the point, dx and dy (exact)."""
    at = {x: p["x0"], y: p["y0"]}
    return (*(sp.diff(_z(p), v).xreplace(at) for v in (x, y)), exact(p["dx"]), exact(p["dy"]))


@per_version
def _differential(p: dict) -> sp.Expr:
    zx, zy, dx, dy = _z_parts(p)
    return zx * dx + zy * dy


@per_version
def _differential_mistakes(p: dict) -> tuple[Mistake, ...]:
    zx, zy, dx, dy = _z_parts(p)
    squared = y if p["family"] == "xy2" else x
    partial = sp.diff(_z(p), squared)
    halved = (zx * dx + zy * dy / 2) if squared == y else (zx * dx / 2 + zy * dy)
    negative = "x" if dx < 0 else "y"
    flipped = (-zx * dx + zy * dy) if dx < 0 else (zx * dx - zy * dy)
    step = nice(float(dx if dx < 0 else dy))
    change = _z(p).xreplace({x: p["x0"] + dx, y: p["y0"] + dy}) - _z(p).xreplace({x: p["x0"], y: p["y0"]})
    return (
        Mistake(float(change), f"That is the exact change z({nice(float(p['x0'] + dx))}, {nice(float(p['y0'] + dy))})"
                               f" - z({p['x0']}, {p['y0']}); the question asks for dz.", "exact change"),
        Mistake(float(halved), f"Missing factor 2: the {squared}-partial of {txt(_z(p))} is {txt(partial)}.",
                "power rule"),
        Mistake(float(flipped), f"Sign: d{negative} = {step} is negative, so keep its sign in z_{negative} "
                                f"d{negative}.", "sign of a step"),
        Mistake(float(zy * dx + zx * dy), f"The partials are swapped: dz = z_x dx + z_y dy with "
                                          f"z_x = {txt(sp.diff(_z(p), x))}.", "partials swapped"),
    )


def _draw_z(rng) -> dict:
    while True:
        dx, dy = pick(rng, [(0.1, -0.05), (-0.1, 0.05), (0.05, -0.1), (-0.05, 0.1), (0.2, -0.1), (-0.1, 0.2)])
        p = {"family": pick(rng, list(_Z_FAMILIES)), "x0": pick(rng, [1, 2, 3, -1, -2]),
             "y0": pick(rng, [1, 2, 3, -1, -2]), "dx": dx, "dy": dy}
        key = _differential(p)
        if key and fair([(float(key), [m.answer for m in _differential_mistakes(p)])]):
            return p


# ------------------------------------------------------------------ group e


def _error_ratio(p: dict) -> sp.Rational:
    return exact(p["asked"]) / exact(p["given"])


@per_version
def _error_mistakes(p: dict) -> tuple[Mistake, ...]:
    error, ratio = exact(p["error"]), _error_ratio(p)
    closer = ratio < 1
    factor = 1 / ratio if closer else ratio
    how = f"dividing the distance by {factor} divides" if closer else f"multiplying the distance by {factor} multiplies"
    return (
        Mistake(float(error * ratio), "The error is not proportional to the distance: for a smooth function it "
                                      f"{'shrinks' if closer else 'grows'} like the square of the distance.",
                "linear in the distance"),
        Mistake(float(error * ratio**3), f"Too {'small' if closer else 'large'}: {how} the error by {factor} squared, "
                                         f"not by {factor} cubed.", "cube of the distance"),
        Mistake(float(error), "The error does " + ("shrink as you move closer to" if closer else
                                                   "grow as you move away from") + " the point of tangency.",
                "unchanged"),
    )


def _draw_e(rng) -> dict:
    given = pick(rng, [0.2, 0.4, 0.6, 0.8, 0.1, 0.3, 1.0])  # the question halves the distance, as its heading says
    return {"error": pick(rng, [0.012, 0.018, 0.024, 0.036, 0.048, 0.009, 0.027, 0.054, 0.016]), "given": given,
            "asked": float(exact(given) / 2)}


# ---------------------------------------------------------------- templates


TEMPLATES = tuple(map(once_per_version, (
    Template(
        "04-plane", "f", {"a": 1, "c": 3, "x0": 1, "y0": 3}, _draw_f,
        text=lambda p: f"Let $f(x, y) = {tex(_f(p))}$. Find the tangent plane to $z = f(x, y)$ at the point "
                       f"$({p['x0']}, {p['y0']})$ and store its right-hand side (a formula in `x` and `y`) in `plane`.",
        key=lambda p: sp.expand(_plane(p)),
        mistakes=_plane_mistakes,
        worked=lambda p: f"$f = {_f_at(p)[0]}$, $f_x = {_f_at(p)[1]}$ and $f_y = {_f_at(p)[2]}$ at the point, so "
                         f"$z = {_plane_tex(p)} = {tex(sp.expand(_plane(p)))}$.",
        spec=lambda p: {"hint": f"Use z = f({p['x0']}, {p['y0']}) + f_x({p['x0']}, {p['y0']})({txt(x - p['x0'])}) + "
                                f"f_y({p['x0']}, {p['y0']})({txt(y - p['y0'])}), then check it at "
                                f"({p['x0']}, {p['y0']})."},
    ),
    Template(
        "04-normal", "f", {"a": 1, "c": 3, "x0": 1, "y0": 3}, _draw_f,
        text=lambda p: f"For the tangent plane to $z = {tex(_f(p))}$ at $({p['x0']}, {p['y0']})$, give the normal "
                       "vector whose $z$-component is $-1$, as a list of three numbers, and store it in `normal`.",
        key=lambda p: [_f_at(p)[1], _f_at(p)[2], -1],
        mistakes=_normal_mistakes,
        worked=lambda p: f"The normal is $(f_x, f_y, -1) = ({_f_at(p)[1]}, {_f_at(p)[2]}, -1)$, partials at "
                         f"$({p['x0']}, {p['y0']})$.",
    ),
    Template(
        "04-distance-gradient", "d", {"a": 1, "b": 1, "x0": 6, "y0": 8, "h": 0.1, "k": -0.1}, _draw_d,
        text=lambda p: f"Let ${_d_tex(p)}$" + (", the distance from the origin" if p["a"] == p["b"] == 1 else "")
                       + " (defined everywhere, smooth away from the origin). Find its gradient "
                         "$\\nabla d = (d_x, d_y)$ as a list of two formulas and store it in `grad_d`. In sympy, "
                         "$\\sqrt{u}$ is `sp.sqrt(u)`.",
        key=_d_gradient,
        mistakes=_d_gradient_mistakes,
        worked=lambda p: f"Chain rule with $u = {tex(p['a'] * x**2 + p['b'] * y**2)}$: "
                         f"$d_x = {tex(_d_gradient(p)[0])}$ and $d_y = {tex(_d_gradient(p)[1])}$.",
    ),
    Template(
        "04-estimate", "d", {"a": 1, "b": 1, "x0": 6, "y0": 8, "h": 0.1, "k": -0.1}, _draw_d,
        text=lambda p: f"Use the linear approximation of ${_d_tex(p)}$ at $({p['x0']}, {p['y0']})$, where "
                       f"$d = {_slopes(p)[0]}$, to estimate ${_estimate_target(p)}$. Store the estimate (a number) in "
                       "`estimate`.",
        key=_estimate,
        mistakes=_estimate_mistakes,
        worked=lambda p: f"$d_x = {tex(_slopes(p)[1])}$ and $d_y = {tex(_slopes(p)[2])}$ at the point, so "
                         f"$L = {_slopes(p)[0]} + {tex(_slopes(p)[1])} \\cdot ({nice(p['h'])}) + {tex(_slopes(p)[2])} "
                         f"\\cdot ({nice(p['k'])}) = {nice(float(_estimate(p)))}$.",
        spec=lambda p: {"hint": f"L = d({p['x0']}, {p['y0']}) + d_x({p['x0']}, {p['y0']}) * ({nice(p['h'])}) + "
                                f"d_y({p['x0']}, {p['y0']}) * ({nice(p['k'])})."},
    ),
    Template(
        "04-differential", "z", {"family": "xy2", "x0": 2, "y0": 3, "dx": 0.1, "dy": -0.05}, _draw_z,
        text=lambda p: f"Let $z = {tex(_z(p))}$. At $({p['x0']}, {p['y0']})$, $x$ changes by $dx = {nice(p['dx'])}$ "
                       f"and $y$ by $dy = {nice(p['dy'])}$. Compute the differential $dz = z_x\\,dx + z_y\\,dy$ and "
                       "store it in `dz`.",
        key=_differential,
        mistakes=_differential_mistakes,
        worked=lambda p: f"$z_x = {_z_parts(p)[0]}$ and $z_y = {_z_parts(p)[1]}$ at the point, so "
                         f"$dz = {_z_parts(p)[0]} \\cdot ({nice(p['dx'])}) + ({_z_parts(p)[1]}) \\cdot "
                         f"({nice(p['dy'])}) = {nice(float(_differential(p)))}$.",
        spec=lambda p: {"hint": f"dz = z_x({p['x0']}, {p['y0']}) dx + z_y({p['x0']}, {p['y0']}) dy with "
                                f"dx = {nice(p['dx'])} and dy = {nice(p['dy'])}."},
    ),
    Template(
        "04-error-halved", "e", {"error": 0.012, "given": 0.2, "asked": 0.1}, _draw_e,
        text=lambda p: f"The linear approximation of a smooth function at a point is off by ${nice(p['error'])}$ at "
                       f"distance ${nice(p['given'])}$ from the point, in some fixed direction. About how large do you "
                       f"expect the error at distance ${nice(p['asked'])}$, in the same direction? Store the number in "
                       "`error_half`.",
        key=lambda p: exact(p["error"]) * _error_ratio(p) ** 2,
        mistakes=_error_mistakes,
        worked=lambda p: f"The error scales like the distance squared: ${nice(p['error'])} \\cdot "
                         f"({tex(_error_ratio(p))})^2 = {nice(float(exact(p['error']) * _error_ratio(p) ** 2))}$.",
        spec=lambda p: {"hint": "Near the point the error is about C * (distance)**2. What happens when the distance "
                                f"goes from {nice(p['given'])} to {nice(p['asked'])}?"},
    ),
))) + lesson04_origin.TEMPLATES + lesson04_level.TEMPLATES
