"""Exercise 04, last two questions, as templates: a plane, partials only, or neither at the origin.

Groups ``q`` (quotients that are 0 at the origin) and ``g`` (surfaces through the origin: cones,
square roots of ``|x y|``, powers 3/2, ``x |y|``). The key comes from one-sided difference
quotients and from the behaviour along lines through the origin, worked out by sympy.
"""

from __future__ import annotations

import sympy as sp

from helpers.templates import Template, pick
from helpers.templates.drawing import (
    cached,
    per_params,
    tex,
)

__all__ = ["TEMPLATES"]

x, y = sp.symbols("x y")
_T = sp.symbols("t", positive=True)

# ------------------------------------------------------------- groups q and g

_CHOICES = ("plane", "partials only", "neither")
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
#: Surfaces through the origin, by family, in the parameter b.
_SURFACES = {
    "cone": lambda b: sp.sqrt(x**2 + b * y**2),
    "root": lambda b: sp.sqrt(sp.Abs(x * y)),
    "power": lambda b: (x**2 + b * y**2) ** sp.Rational(3, 2),
    "x-abs": lambda b: x * sp.Abs(y),
}


def _origin_function(p: dict) -> sp.Expr:
    if p["family"] in _QUOTIENTS:
        numerator, denominator = _QUOTIENTS[p["family"]](p["b"])
        return p["k"] * numerator / denominator
    return p["k"] * _SURFACES[p["family"]](p["b"])


def _one_sided(expr: sp.Expr) -> sp.Expr:
    """The limit as t -> 0+ of an expression homogeneous in t (what is left at t = 0 after cancelling)."""
    return sp.cancel(expr).subs(_T, 0)


@per_params
def _origin_answer(p: dict) -> str:
    """"plane", "partials only" or "neither", from difference quotients and values along lines, by sympy."""
    g = _origin_function(p)
    at = lambda u, v: g.xreplace({x: u, y: v})  # noqa: E731
    partials = []
    for along in (lambda h: (h, 0), lambda h: (0, h)):
        right, left = (_one_sided(at(*along(s * _T)) / (s * _T)) for s in (1, -1))
        if right != left or not right.is_finite:
            return "neither"
        partials.append(right)
    for slope in (1, 2, -3):
        for s in (1, -1):
            u, v = s * _T, s * slope * _T
            if _one_sided((at(u, v) - partials[0] * u - partials[1] * v) / _T) != 0:
                return "partials only"
    return "plane"


def _draw_origin(families: tuple[str, ...]):
    def draw(rng) -> dict:
        family = pick(rng, families)
        b = pick(rng, [1, 2, 3, 4]) if family not in ("root", "x-abs") else 1
        return {"family": family, "k": pick(rng, [1, 2, 3]), "b": b}
    return draw


def _q_text(p: dict) -> str:
    numerator, denominator = _QUOTIENTS[p["family"]](p["b"])
    return (f"Let $q(x, y) = \\dfrac{{{tex(p['k'] * numerator)}}}{{{tex(denominator)}}}$ for $(x, y) \\ne (0, 0)$ "
            f"and $q(0, 0) = 0$. At the origin, which is true? {_CHOICE_TEXT}, and store it in `q_origin`.")


def _g_text(p: dict) -> str:
    name = "the cone " if p["family"] == "cone" else ""
    return (f"Take {name}$g(x, y) = {tex(_origin_function(p))}$ at the origin. Which is true there? {_CHOICE_TEXT}, "
            "and store it in `cone_origin`.")


def _origin_worked(p: dict, name: str) -> str:
    answer = _origin_answer(p)
    reason = {"neither": f"$({name}(h, 0) - {name}(0, 0))/h$ has different limits for $h > 0$ and $h < 0$",
              "partials only": f"both partials exist, but along the line $y = x$ {name} does not follow the plane "
                               "they would give",
              "plane": f"both partials exist, and {name} minus the plane they give shrinks faster than the distance "
                       "to the origin"}[answer]
    return f"At the origin {reason}: the answer is `\"{answer}\"`."


def _cone_hint(p: dict) -> str:
    if p["family"] == "cone":
        return "Compute (g(h, 0) - g(0, 0)) / h for h > 0 and for h < 0."
    return ("Compute (g(h, 0) - g(0, 0)) / h for h > 0 and for h < 0, likewise in y; then look at g along the line "
            "y = x.")


# ---------------------------------------------------------------- templates

TEMPLATES = tuple(map(cached, (
    Template(
        "04-no-plane", "q", {"family": "ratio", "k": 1, "b": 1},
        _draw_origin(("ratio", "square", "cubic", "abs-ratio")),
        text=_q_text,
        key=_origin_answer,
        mistakes=lambda p: (),
        worked=lambda p: _origin_worked(p, "q"),
        spec=lambda p: {"hint": "Compute both partials at the origin from the limit definition, then look at q "
                                "along the line y = x."},
    ),
    Template(
        "04-cone", "g", {"family": "cone", "k": 1, "b": 1}, _draw_origin(("cone", "cone", "root", "power", "x-abs")),
        text=_g_text,
        key=_origin_answer,
        mistakes=lambda p: (),
        worked=lambda p: _origin_worked(p, "g"),
        spec=lambda p: {"hint": _cone_hint(p)},
    ),
)))
