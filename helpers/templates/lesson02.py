"""Exercise 02 as templates: gradients with fresh functions, points and data.

Groups (questions in one group share their parameters):

- ``f``: ``f = a x^m y - b x y^n + c x`` (its gradient)
- ``g``: ``g = exp(k x^m y^n)`` (its gradient, by the chain rule)
- ``p``: ``p = x^m y^n - c x`` at ``(x0, y0)`` (its gradient there)
- ``b``: ``b = a x^2 + c y^2`` at ``(x0, y0)`` (steepest rate, steepest descent) and at ``(x1, y1)``
  (which listed vector is tangent to the level curve)
- ``w``: ``w = a x^m z + y exp(k z)`` (its gradient)
- ``mse``: the mean squared error of a line on three points, at ``theta = (t0, t1)`` (its gradient)
- ``c``: ``c = x^2 + b x y + d y^2 - p x`` (its critical point)
"""

from __future__ import annotations

import math
from fractions import Fraction

import sympy as sp

from helpers.questions import Mistake
from helpers.templates import Template, pick
from helpers.templates.kit import fair, once_per_version, per_version, tex, tex_sum, txt, vec

__all__ = ["TEMPLATES"]

x, y, z = sp.symbols("x y z")

_ORDER = "The components are in the wrong order: the first goes with x, the second with y."
_LETTERS = "abcd"


def _unit(v) -> list[float]:
    length = math.hypot(*v)
    return [c / length for c in v]


# ------------------------------------------------------------------ group f


def _f(p: dict) -> sp.Expr:
    return p["a"] * x ** p["m"] * y - p["b"] * x * y ** p["n"] + p["c"] * x


_F_BASE = {"a": 1, "m": 3, "b": 2, "n": 2, "c": 5}


def _draw_f(rng) -> dict:
    return {"a": pick(rng, [1, 2]), "m": pick(rng, [2, 3, 4]), "b": pick(rng, [2, 3]), "n": pick(rng, [2, 3]),
            "c": pick(rng, [3, 5])}


@per_version
def _grad_f(p: dict) -> tuple[sp.Expr, sp.Expr]:
    return sp.diff(_f(p), x), sp.diff(_f(p), y)


@per_version
def _grad_f_mistakes(p: dict) -> tuple[Mistake, ...]:
    fx, fy = _grad_f(p)
    b, c, n = p["b"], p["c"], p["n"]
    return (
        Mistake(txt(fy), _ORDER, "swapped components"),
        Mistake(txt(fx - c), f"The term {c}x depends on x: its x-partial is missing from the first component.",
                "dropped a term"),
        Mistake(txt(fy + c), f"The term {c}x has no y in it, so it adds nothing to the y-partial.",
                "kept a constant term"),
        Mistake(txt(p["a"] * x ** p["m"] - b * x * y ** (n - 1)),
                f"Check the power rule on the y**{n} in -{b}xy**{n}: its y-partial is {txt(n * y ** (n - 1))}.",
                "power rule"),
    )


# ------------------------------------------------------------------ group g


def _u(p: dict) -> sp.Expr:
    return p["k"] * x ** p["m"] * y ** p["n"]


def _grad_g(p: dict) -> list[sp.Expr]:
    g = sp.exp(_u(p))
    return [sp.diff(g, x), sp.diff(g, y)]


@per_version
def _grad_g_mistakes(p: dict) -> tuple[Mistake, ...]:
    u = _u(p)
    return (
        Mistake(txt(sp.exp(u)),
                f"Chain rule: e^u differentiates to e^u times the partial derivative of the inside u = {txt(u)}.",
                "missing chain factor"),
        Mistake(txt(sp.diff(u, y) / x ** p["m"] * sp.exp(u)),
                f"In the y-partial of the inside {txt(u)}, {txt(x ** p['m'])} is a constant factor and stays.",
                "dropped a constant factor"),
        Mistake(txt(_grad_g(p)[1]), _ORDER, "swapped components"),
    )


# ------------------------------------------------------------------ group p


def _p(p: dict) -> sp.Expr:
    return x ** p["m"] * y ** p["n"] - p["c"] * x


def _grad_p(p: dict) -> list[int]:
    m, n, c, x0, y0 = p["m"], p["n"], p["c"], p["x0"], p["y0"]
    return [m * x0 ** (m - 1) * y0**n - c, n * x0**m * y0 ** (n - 1)]


def _grad_p_wrong(p: dict) -> list:
    px, py = _grad_p(p)
    return [[py, px], [px + p["c"], py], _unit([px, py]), [px, p["x0"] ** p["m"] * p["y0"] ** (p["n"] - 1)]]


def _draw_p(rng) -> dict:
    while True:
        p = {"m": pick(rng, [2, 3]), "n": pick(rng, [2, 3]), "c": pick(rng, [1, 2, 3, 4, 5, 6]),
             "x0": pick(rng, [1, 2, 3, -1, -2]), "y0": pick(rng, [1, 2, -1])}
        key = _grad_p(p)
        if 0 not in key and max(map(abs, key)) <= 60 and fair([(key, _grad_p_wrong(p))]):
            return p


def _grad_p_mistakes(p: dict) -> tuple[Mistake, ...]:
    swapped, no_term, unit, power = _grad_p_wrong(p)
    n = p["n"]
    return (
        Mistake(swapped, _ORDER, "swapped components"),
        Mistake(no_term, f"The term {txt(-p['c'] * x)} contributes -{p['c']} to the x-partial.", "dropped a term"),
        Mistake(unit, "That is a unit vector; the gradient itself is not normalised.", "normalised"),
        Mistake(power, f"Power rule on y**{n}: its y-partial is {txt(n * y ** (n - 1))}, not {txt(y ** (n - 1))}.",
                "power rule"),
    )


# ------------------------------------------------------------------ group b


def _b(p: dict) -> sp.Expr:
    return p["a"] * x**2 + p["c"] * y**2


def _grad_b(p: dict, at: tuple[int, int]) -> list[int]:
    return [2 * p["a"] * at[0], 2 * p["c"] * at[1]]


@per_version
def _b_answers(p: dict) -> dict:
    g = _grad_b(p, (p["x0"], p["y0"]))
    length = math.hypot(*g)
    down = [-g[0] / length, -g[1] / length]
    return {
        "grad": g, "rate": length, "descent": down,
        "rate_wrong": [g[0] ** 2 + g[1] ** 2, abs(g[0]) + abs(g[1]), max(map(abs, g)),
                       p["a"] * p["x0"] ** 2 + p["c"] * p["y0"] ** 2],
        "descent_wrong": [[-d for d in down], [-g[0], -g[1]], g, [down[1], down[0]]],
    }


def _tangent_options(p: dict) -> dict[str, tuple[int, int]]:
    """The four listed vectors by role: the gradient, the tangent, a normal and a vector that is neither."""
    g = _grad_b(p, (p["x1"], p["y1"]))
    divisor = math.gcd(*g)
    n1, n2 = g[0] // divisor, g[1] // divisor
    return {"G": tuple(g), "T": (p["s"] * n2, -p["s"] * n1), "N": (n1, n2), "D": (-n1, n2)}


def _draw_b(rng) -> dict:
    while True:
        a, c = pick(rng, [1, 2, 3]), pick(rng, [1, 2, 3, 4, 5])
        p = {"a": a, "c": c, "x0": pick(rng, [1, 2, 3, -1, -2, -3]), "y0": pick(rng, [1, 2, 3, -1, -2, -3]),
             "x1": pick(rng, [1, 2, 3, -1, -2]), "y1": pick(rng, [1, 2, -1, -2]), "s": pick(rng, [1, -1]),
             "order": "".join(rng.permutation(list("GTND")))}
        n1, n2 = _tangent_options(p)["N"]
        answers = _b_answers(p)
        if a != c and abs(n1) != abs(n2) and fair([(answers["rate"], answers["rate_wrong"]),
                                                   (answers["descent"], answers["descent_wrong"])]):
            return p


def _tangent_key(p: dict) -> str:
    return _LETTERS[p["order"].index("T")]


def _tangent_mistakes(p: dict) -> tuple[Mistake, ...]:
    options, at = _tangent_options(p), f"∇b({p['x1']}, {p['y1']})"
    dot = sum(u * v for u, v in zip(options["D"], options["G"], strict=True))
    hints = {"G": (f"That is {at} itself: it is perpendicular to the level curve, not along it.", "gradient"),
             "N": (f"That vector is parallel to {at} = {vec(options['G'])}, so it crosses the level curve at a "
                   "right angle.", "normal direction"),
             "D": (f"Its dot product with {at} = {vec(options['G'])} is {dot}, not 0: it is not tangent.",
                   "not perpendicular")}
    return tuple(Mistake(_LETTERS[p["order"].index(role)], *hints[role]) for role in "GND")


def _tangent_text(p: dict) -> str:
    options, at = _tangent_options(p), f"({p['x1']}, {p['y1']})"
    level = p["a"] * p["x1"] ** 2 + p["c"] * p["y1"] ** 2
    lines = "\n".join(f"- `\"{letter}\"`: ${vec(options[role])}$" for letter, role in zip(_LETTERS, p["order"],
                                                                                        strict=True))
    return (f"The level curve of $b(x, y) = {tex(_b(p))}$ through the point ${at}$ is the ellipse "
            f"${tex(_b(p))} = {level}$. Which of these vectors is tangent to it at ${at}$?\n\n{lines}\n\n"
            "Store the letter, as text, in `tangent`.")


_B_BASE = {"a": 1, "c": 4, "x0": 1, "y0": 1, "x1": 2, "y1": 1, "s": 1, "order": "GTND"}


# ------------------------------------------------------------------ group w


def _w(p: dict) -> sp.Expr:
    return p["a"] * x ** p["m"] * z + y * sp.exp(p["k"] * z)


@per_version
def _grad_w_mistakes(p: dict) -> tuple[Mistake, ...]:
    a, m, k = p["a"], p["m"], p["k"]
    e = sp.exp(k * z)
    first = a * x**m
    mistakes = (
        Mistake(txt(sp.diff(_w(p), z)), "The components go in the order of the variables: x, then y, then z.",
                "swapped components"),
        Mistake(txt(first), f"The term {txt(y * e)} depends on z too: its z-partial is missing.", "dropped a term"),
        Mistake(txt(first + k * e),
                f"In {txt(y * e)}, y is a constant factor when you differentiate by z: it stays.",
                "dropped a constant factor"),
        Mistake(txt(y * e), f"The y-partial of {txt(y * e)} is {txt(e)}: the factor y itself goes.",
                "kept the variable"),
    )
    if k != 1:
        mistakes += (Mistake(txt(first + y * e), f"Chain rule: the z-partial of {txt(e)} is {txt(k * e)}; "
                                                 f"the factor {k} is missing.", "missing chain factor"),)
    return mistakes


# ---------------------------------------------------------------- group mse


def _mse_sums(p: dict) -> tuple[Fraction, Fraction]:
    residuals = [yn - p["t0"] - p["t1"] * xn for xn, yn in zip(p["xs"], p["ys"], strict=True)]
    return Fraction(sum(residuals)), Fraction(sum(xn * r for xn, r in zip(p["xs"], residuals, strict=True)))


def _mse_key(p: dict) -> list[float]:
    s0, s1 = _mse_sums(p)
    return [float(-2 * s0 / 3), float(-2 * s1 / 3)]


def _mse_wrong(p: dict) -> list[list[float]]:
    k0, k1 = _mse_key(p)
    return [[-k0, -k1], [k0 / 2, k1 / 2], [3 * k0, 3 * k1], [k1, k0], [k0, k0]]


def _draw_mse(rng) -> dict:
    while True:
        p = {"xs": pick(rng, [(0, 1, 2), (1, 2, 3), (-1, 0, 1), (0, 2, 4)]),
             "ys": tuple(int(v) for v in rng.integers(-2, 7, size=3)),
             "t0": pick(rng, [-1, 0, 1, 2]), "t1": pick(rng, [-1, 1, 2])}
        if 0 not in _mse_sums(p) and fair([(_mse_key(p), _mse_wrong(p))]):
            return p


def _mse_mistakes(p: dict) -> tuple[Mistake, ...]:
    sign, half, sum_only, swapped, no_x = _mse_wrong(p)
    return (
        Mistake(sign, "Sign: the inside y_n - θ0 - θ1 x_n has negative partial derivatives.", "wrong sign"),
        Mistake(half, "Missing factor 2: the derivative of u**2 is 2u times u'.", "missing factor 2"),
        Mistake(sum_only, "The loss is a mean: divide the sum by N = 3.", "not divided by N"),
        Mistake(swapped, "The components are in the wrong order: ∂J/∂θ0 first, then ∂J/∂θ1.", "swapped components"),
        Mistake(no_x, "Chain rule: the θ1-partial of ŷ_n is x_n, so each residual is multiplied by x_n.",
                "missing chain factor"),
    )


def _mse_text(p: dict) -> str:
    points = ", ".join(f"$({xn}, {yn})$" for xn, yn in zip(p["xs"], p["ys"], strict=True))
    return ("Fit the line $\\hat y = \\theta_0 + \\theta_1 x$ to the three points " + points + " with the mean "
            "squared error\n\n$$\nJ(\\theta_0, \\theta_1) = \\frac{1}{N}\\sum_{n=1}^{N} \\big(y_n - \\theta_0 - "
            "\\theta_1 x_n\\big)^2, \\qquad N = 3 .\n$$\n\nCompute the vector $\\nabla J = \\left(\\dfrac{\\partial "
            "J}{\\partial \\theta_0}, \\dfrac{\\partial J}{\\partial \\theta_1}\\right)$ at "
            f"$\\theta = ({p['t0']}, {p['t1']})$ and store it in `grad_J` as a list of two numbers.")


def _mse_worked(p: dict) -> str:
    residuals = [yn - p["t0"] - p["t1"] * xn for xn, yn in zip(p["xs"], p["ys"], strict=True)]
    s0, s1 = _mse_sums(p)
    return (f"The residuals at $\\theta = ({p['t0']}, {p['t1']})$ are ${vec(residuals)}$; "
            f"$\\partial J/\\partial\\theta_0 = -\\tfrac{{2}}{{3}}\\sum r_n = {tex(sp.Rational(-2 * s0, 3))}$ and "
            f"$\\partial J/\\partial\\theta_1 = -\\tfrac{{2}}{{3}}\\sum x_n r_n = {tex(sp.Rational(-2 * s1, 3))}$.")


# ------------------------------------------------------------------ group c


def _c_terms(p: dict) -> list[sp.Expr]:
    return [x**2, p["b"] * x * y, p["d"] * y**2, -p["p"] * x]


def _critical(p: dict) -> list[Fraction]:
    det = 4 * p["d"] - p["b"] ** 2
    return [Fraction(2 * p["d"] * p["p"], det), Fraction(-p["b"] * p["p"], det)]


def _critical_wrong(p: dict) -> list[list[float]]:
    cx, cy = map(float, _critical(p))
    return [[cy, cx], [p["p"] / 2, 0.0], [-cx, -cy]]


def _draw_c(rng) -> dict:
    while True:
        p = {"b": pick(rng, [1, 2, 3, -1, -2, -3]), "d": pick(rng, [1, 2, 3]),
             "p": pick(rng, [1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -2, -3, -4, -5, -6])}
        if 4 * p["d"] == p["b"] ** 2:
            continue
        point = _critical(p)
        if all(v.denominator <= 2 and 0 < abs(v) <= 10 for v in point) and \
                fair([(list(map(float, point)), _critical_wrong(p))]):
            return p


def _critical_mistakes(p: dict) -> tuple[Mistake, ...]:
    swapped, no_xy, sign = _critical_wrong(p)
    return (
        Mistake(swapped, _ORDER, "swapped components"),
        Mistake(no_xy, f"The term {txt(p['b'] * x * y)} depends on both variables, so it appears in both partial "
                       "derivatives.", "dropped a term"),
        Mistake(sign, f"Sign: the x-partial of {txt(-p['p'] * x)} is {-p['p']}.", "wrong sign"),
    )


def _critical_worked(p: dict) -> str:
    c = sum(_c_terms(p))
    point = [sp.Rational(v.numerator, v.denominator) for v in _critical(p)]
    return (f"$c_x = {tex(sp.diff(c, x))} = 0$ and $c_y = {tex(sp.diff(c, y))} = 0$ together give "
            f"$(x, y) = \\left({tex(point[0])}, {tex(point[1])}\\right)$.")


# ---------------------------------------------------------------- templates


#: The parameters a question depends on, where it is fewer than its group's.
_USES = {"02-steepest-rate": ("a", "c", "x0", "y0"), "02-descent-direction": ("a", "c", "x0", "y0"),
         "02-level-tangent": ("a", "c", "x1", "y1", "s", "order")}


def _grad_tex(parts) -> str:
    return "\\left(" + ",\\ ".join(tex(part) for part in parts) + "\\right)"


TEMPLATES = tuple(once_per_version(t, _USES.get(t.id)) for t in (
    Template(
        "02-grad-poly", "f", _F_BASE, _draw_f,
        text=lambda p: f"Let $f(x, y) = {tex(_f(p))}$.\n\nFind $\\nabla f = (f_x, f_y)$ and store it in `grad_f` as "
                       "a list of two formulas.",
        key=lambda p: list(_grad_f(p)),
        mistakes=_grad_f_mistakes,
        worked=lambda p: f"Freeze y and differentiate by x, then freeze x and differentiate by y: "
                         f"$\\nabla f = {_grad_tex(_grad_f(p))}$.",
    ),
    Template(
        "02-grad-chain", "g", {"k": 1, "m": 1, "n": 2},
        lambda rng: {"k": pick(rng, [1, 2, 3, -1, -2]), "m": pick(rng, [1, 2, 3]), "n": pick(rng, [2, 3])},
        text=lambda p: f"Let $g(x, y) = e^{{{tex(_u(p))}}}$ (in sympy, `sp.exp({txt(_u(p))})`).\n\nFind $\\nabla g$ "
                       "and store it in `grad_g` as a list of two formulas.",
        key=_grad_g,
        mistakes=_grad_g_mistakes,
        worked=lambda p: f"Chain rule with the inside $u = {tex(_u(p))}$: $\\nabla g = e^u (u_x, u_y) = "
                         f"{_grad_tex(_grad_g(p))}$.",
        spec=lambda p: {"hint": f"Use the chain rule: the partial of e^u is e^u times the partial of u = "
                                f"{txt(_u(p))}."},
    ),
    Template(
        "02-grad-at-point", "p", {"m": 2, "n": 3, "c": 4, "x0": 2, "y0": 1}, _draw_p,
        text=lambda p: f"Let $p(x, y) = {tex(_p(p))}$. Compute the vector $\\nabla p({p['x0']}, {p['y0']})$ and "
                       "store it in `grad_p` as a list of two numbers.",
        key=lambda p: [float(v) for v in _grad_p(p)],
        mistakes=_grad_p_mistakes,
        worked=lambda p: f"$\\nabla p = {_grad_tex([sp.diff(_p(p), v) for v in (x, y)])}$; at "
                         f"$({p['x0']}, {p['y0']})$ it is ${vec(_grad_p(p))}$.",
        spec=lambda p: {"hint": f"Find both partial derivatives of p first, then put in x = {p['x0']}, "
                                f"y = {p['y0']}."},
    ),
    Template(
        "02-steepest-rate", "b", _B_BASE, _draw_b,
        text=lambda p: f"Standing at $({p['x0']}, {p['y0']})$ on the surface $z = b(x, y) = {tex(_b(p))}$, what is "
                       "the largest rate of change of $b$ over all directions you could walk in (per unit step)? "
                       "Store the number in `steepest_rate`.",
        key=lambda p: _b_answers(p)["rate"],
        mistakes=lambda p: tuple(Mistake(v, *hint) for v, hint in zip(_b_answers(p)["rate_wrong"], (
            ("That is the squared length: take the square root.", "squared length"),
            ("The length of a vector is not the sum of its components.", "sum of components"),
            ("That is the larger partial derivative alone; the steepest rate combines both.", "one partial"),
            ("That is the value of b at the point, not a rate of change.", "function value")), strict=True)),
        worked=lambda p: f"$\\nabla b = ({2 * p['a']}x, {2 * p['c']}y) = "
                         f"{vec(_b_answers(p)['grad'])}$ at the point; its length is "
                         f"$\\sqrt{{{_b_answers(p)['rate_wrong'][0]}}} \\approx {_b_answers(p)['rate']:.4g}$.",
    ),
    Template(
        "02-descent-direction", "b", _B_BASE, _draw_b,
        text=lambda p: f"For $b(x, y) = {tex(_b(p))}$ at $({p['x0']}, {p['y0']})$: find the **unit vector** pointing "
                       "in the direction in which $b$ *decreases* fastest. Store it in `descent` as a list of two "
                       "numbers.",
        key=lambda p: _b_answers(p)["descent"],
        mistakes=lambda p: tuple(Mistake(v, *hint) for v, hint in zip(_b_answers(p)["descent_wrong"], (
            ("That direction goes uphill: steepest descent is along -∇b.", "uphill"),
            ("Right way, but a direction should be a unit vector: divide by the length.", "not normalised"),
            ("That is ∇b itself: it points uphill and is not a unit vector.", "gradient itself"),
            (_ORDER, "swapped components")), strict=True)),
        worked=lambda p: f"$-\\nabla b = {vec(-v for v in _b_answers(p)['grad'])}$ at the point; divided by its "
                         f"length ${_b_answers(p)['rate']:.4g}$ it is "
                         f"$({_b_answers(p)['descent'][0]:.4g}, {_b_answers(p)['descent'][1]:.4g})$.",
    ),
    Template(
        "02-grad-3d", "w", {"a": 1, "m": 2, "k": 1},
        lambda rng: {"a": pick(rng, [1, 2, 3, 4, 5]), "m": pick(rng, [2, 3]), "k": pick(rng, [1, 2, 3])},
        text=lambda p: f"Let $w(x, y, z) = {tex(_w(p))}$. Find $\\nabla w = (w_x, w_y, w_z)$ and store it in "
                       "`grad_w` as a list of three formulas.",
        key=lambda p: [sp.diff(_w(p), v) for v in (x, y, z)],
        mistakes=_grad_w_mistakes,
        worked=lambda p: f"One partial per variable, the other two frozen: "
                         f"$\\nabla w = {_grad_tex([sp.diff(_w(p), v) for v in (x, y, z)])}$.",
    ),
    Template(
        "02-mse-gradient", "mse", {"xs": (0, 1, 2), "ys": (1, 3, 4), "t0": 0, "t1": 1}, _draw_mse,
        text=_mse_text,
        key=_mse_key,
        mistakes=_mse_mistakes,
        worked=_mse_worked,
        spec=lambda p: {"hint": f"Compute the residuals y_n - ŷ_n at θ = ({p['t0']}, {p['t1']}), then use the two "
                                "formulas of Lesson 2, Section 7."},
        code=lambda p: f"xs, ys = {list(p['xs'])}, {list(p['ys'])}\ntheta0, theta1 = {p['t0']}, {p['t1']}",
    ),
    Template(
        "02-critical-point", "c", {"b": 1, "d": 1, "p": 3}, _draw_c,
        text=lambda p: f"Let $c(x, y) = {tex_sum(_c_terms(p))}$. It has exactly one critical point, where "
                       "$\\nabla c = \\mathbf{0}$. Find it and store it in `critical` as a list $[x, y]$.",
        key=lambda p: [float(v) for v in _critical(p)],
        mistakes=_critical_mistakes,
        worked=_critical_worked,
    ),
    Template(
        "02-level-tangent", "b", _B_BASE, _draw_b,
        text=_tangent_text,
        key=_tangent_key,
        mistakes=_tangent_mistakes,
        worked=lambda p: f"$\\nabla b({p['x1']}, {p['y1']}) = {vec(_tangent_options(p)['G'])}$ and "
                         f"${vec(_tangent_options(p)['T'])}$ has dot product 0 with it, so the answer is "
                         f"`\"{_tangent_key(p)}\"`.",
        spec=lambda p: {"hint": f"A tangent to the level curve is perpendicular to ∇b({p['x1']}, {p['y1']}): its dot "
                                "product with the gradient is 0."},
    ),
))
