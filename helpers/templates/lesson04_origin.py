"""Exercise 04, last two questions, as templates: a plane, partials only, or neither at the origin.

Groups ``q`` (quotients, set to 0 at the origin, with a plane, partials only or neither there) and
``g`` (cones ``k sqrt((x - x0)^2 + b (y - y0)^2)`` at their tip). The key comes from one-sided
difference quotients and from the behaviour along lines through the point, worked out by sympy.
"""

from __future__ import annotations

import sympy as sp

from helpers.templates import Template, pick
from helpers.templates.kit import once_per_version, per_version, tex

__all__ = ["TEMPLATES"]

x, y = sp.symbols("x y")
_T = sp.symbols("t", positive=True)

# ------------------------------------------------------------- groups q and g

_CHOICE_TEXT = ("Answer with the text `\"plane\"` (both partials exist and there is a tangent plane), "
                "`\"partials only\"` (both partials exist but there is no tangent plane) or `\"neither\"` (a partial "
                "derivative does not exist)")

#: Quotients that are 0 at the origin, by family: numerator and denominator in the parameter b.
_QUOTIENTS = {
    "ratio": lambda b: (x * y, x**2 + b * y**2),
    "square": lambda b: (x**2 * y**2, x**2 + b * y**2),
    "cubic": lambda b: (x**3 + y**3, x**2 + b * y**2),
    "abs-ratio": lambda b: (x**2 + b * y**2, sp.Abs(x) + sp.Abs(y)),
}


def _q(p: dict) -> sp.Expr:
    numerator, denominator = _QUOTIENTS[p["family"]](p["b"])
    return p["k"] * numerator / denominator


def _cone(p: dict) -> sp.Expr:
    return p["k"] * sp.sqrt((x - p["x0"]) ** 2 + p["b"] * (y - p["y0"]) ** 2)


def _one_sided(expr: sp.Expr) -> sp.Expr:
    """The limit as t -> 0+ (at once, what is left at t = 0 after cancelling; else by sympy's limit)."""
    value = sp.cancel(expr).subs(_T, 0)
    return sp.limit(expr, _T, 0, "+") if value is sp.nan else value


def _kind_at(g: sp.Expr, point: tuple[int, int], value: sp.Expr) -> str:
    """"plane", "partials only" or "neither" for g at a point where it takes ``value``, by sympy.

    One-sided difference quotients along both axes give the partials (or show one does not exist);
    then g minus the plane they give, divided by the distance, must vanish along lines through the point.
    """
    def change(u: sp.Expr, v: sp.Expr) -> sp.Expr:
        return g.xreplace({x: point[0] + u, y: point[1] + v}) - value

    partials = []
    for along in (lambda h: (h, 0), lambda h: (0, h)):
        right, left = (_one_sided(change(*along(s * _T)) / (s * _T)) for s in (1, -1))
        if right != left or not right.is_finite:
            return "neither"
        partials.append(right)
    for slope in (1, 2, -3):
        for s in (1, -1):
            u, v = s * _T, s * slope * _T
            if _one_sided((change(u, v) - partials[0] * u - partials[1] * v) / _T) != 0:
                return "partials only"
    return "plane"


@per_version
def _q_answer(p: dict) -> str:
    return _kind_at(_q(p), (0, 0), sp.Integer(0))  # q(0, 0) = 0, set apart from the formula


@per_version
def _cone_answer(p: dict) -> str:
    tip = (p["x0"], p["y0"])
    return _kind_at(_cone(p), tip, _cone(p).xreplace({x: tip[0], y: tip[1]}))


def _draw_q(rng) -> dict:
    return {"family": pick(rng, list(_QUOTIENTS)), "k": pick(rng, [1, 2, 3]), "b": pick(rng, [1, 2, 3, 4])}


def _draw_cone(rng) -> dict:
    x0, y0 = pick(rng, [(0, 0), (0, 0), (1, 2), (-1, 3), (2, -1), (0, 1), (3, 0), (-2, -2)])
    return {"k": pick(rng, [1, 2, 3]), "b": pick(rng, [1, 2, 3, 4]), "x0": x0, "y0": y0}


def _q_text(p: dict) -> str:
    numerator, denominator = _QUOTIENTS[p["family"]](p["b"])
    return (f"Let $q(x, y) = \\dfrac{{{tex(p['k'] * numerator)}}}{{{tex(denominator)}}}$ for $(x, y) \\ne (0, 0)$ "
            f"and $q(0, 0) = 0$. At the origin, which is true? {_CHOICE_TEXT}, and store it in `q_origin`.")


def _tip(p: dict) -> str:
    return "the origin" if (p["x0"], p["y0"]) == (0, 0) else f"$({p['x0']}, {p['y0']})$"


def _cone_text(p: dict) -> str:
    return (f"Take the cone $g(x, y) = {tex(_cone(p))}$, whose tip is at {_tip(p)}. At the tip, which is true? "
            f"{_CHOICE_TEXT}, and store it in `cone_origin`.")


def _q_worked(p: dict) -> str:
    answer = _q_answer(p)
    reason = {"neither": "$(q(h, 0) - q(0, 0))/h$ or $(q(0, h) - q(0, 0))/h$ has different limits for $h > 0$ "
                         "and $h < 0$",
              "partials only": "both partials exist, but along the line $y = x$ q does not follow the plane they "
                               "would give",
              "plane": "both partials exist, and q minus the plane they give shrinks faster than the distance to "
                       "the origin"}[answer]
    return f"At the origin {reason}: the answer is `\"{answer}\"`."


def _cone_worked(p: dict) -> str:
    x0, y0, c = p["x0"], p["y0"], p["k"]
    moved, times = (f"{x0} + h" if x0 else "h"), ("" if c == 1 else f"{c}\\,")
    return (f"$(g({moved}, {y0}) - g({x0}, {y0}))/h = {times}|h|/h$ is ${c}$ for $h > 0$ and ${-c}$ for $h < 0$: "
            f"$g_x$ does not exist at the tip, so the answer is `\"{_cone_answer(p)}\"`.")


def _cone_hint(p: dict) -> str:
    x0, y0 = p["x0"], p["y0"]
    point = f"{x0} + h, {y0}" if (x0, y0) != (0, 0) else "h, 0"
    return f"Compute (g({point}) - g({x0}, {y0})) / h for h > 0 and for h < 0."


# ---------------------------------------------------------------- templates

TEMPLATES = tuple(map(once_per_version, (
    Template(
        "04-no-plane", "q", {"family": "ratio", "k": 1, "b": 1}, _draw_q,
        text=_q_text,
        key=_q_answer,
        mistakes=lambda p: (),
        worked=_q_worked,
        spec=lambda p: {"hint": "Compute both partials at the origin from the limit definition, then look at q "
                                "along the line y = x."},
    ),
    Template(
        "04-cone", "g", {"k": 1, "b": 1, "x0": 0, "y0": 0}, _draw_cone,
        text=_cone_text,
        key=_cone_answer,
        mistakes=lambda p: (),
        worked=_cone_worked,
        spec=lambda p: {"hint": _cone_hint(p)},
    ),
)))
