"""Exercise 04, last question, as a template: the tangent plane of a level surface, solved for z.

Group ``F``: the surface ``x^2 y + y z^2 + c z = K`` through an integer point ``(x0, y0, z0)``;
its gradient there ``(F_x, F_y, F_z)`` is a normal, and the plane
``F_x (x - x0) + F_y (y - y0) + F_z (z - z0) = 0`` is solved for ``z``.
"""

from __future__ import annotations

import sympy as sp

from helpers.questions import Mistake
from helpers.templates import Template, pick
from helpers.templates.drawing import distinct_functions
from helpers.templates.kit import once_per_version, per_version, tex, tex_sum, txt

__all__ = ["TEMPLATES"]

x, y, z = sp.symbols("x y z")


def _terms(p: dict) -> tuple:
    return x**2 * y, y * z**2, p["c"] * z


def _level(p: dict) -> sp.Integer:
    """K, the value of the left-hand side at the point."""
    return sum(_terms(p)).xreplace({x: p["x0"], y: p["y0"], z: p["z0"]})


@per_version
def _normal(p: dict) -> tuple:
    """(F_x, F_y, F_z) at the point."""
    at = {x: p["x0"], y: p["y0"], z: p["z0"]}
    return tuple(sp.diff(sum(_terms(p)), v).xreplace(at) for v in (x, y, z))


def _solved(p: dict, fx, fy, fz, z0) -> sp.Expr:
    """z0 - (fx (x - x0) + fy (y - y0)) / fz: the plane solved for z with the given numbers."""
    return z0 - (fx * (x - p["x0"]) + fy * (y - p["y0"])) / sp.Integer(fz)


def _plane(p: dict) -> sp.Expr:
    fx, fy, fz = _normal(p)
    return _solved(p, fx, fy, fz, p["z0"])


@per_version
def _mistakes(p: dict) -> tuple[Mistake, ...]:
    fx, fy, fz = _normal(p)
    z0 = p["z0"]
    dx, dy, dz = (f"({txt(v - p[f'{v}0'])})" for v in (x, y, z))
    return (
        Mistake(txt(z0 + (fx * (x - p["x0"]) + fy * (y - p["y0"])) / sp.Integer(fz)),
                "Solving for z moves the x- and y-terms to the other side of the equation: they change sign.",
                "sign when solving"),
        Mistake(txt(_solved(p, fx, fy, 1, z0)), f"Divide by F_z = {fz}, the coefficient of {dz} in the plane's "
                                                "equation.", "not divided by F_z"),
        Mistake(txt(_solved(p, fx, fy, fz - p["c"], z0)),
                f"F_z has two terms: 2yz from y*z**2, and {p['c']} from {txt(_terms(p)[2])}.", "term of F_z missing"),
        Mistake(txt(_solved(p, fy, fx, fz, z0)), f"F_x goes with {dx} and F_y with {dy}.", "swapped components"),
        Mistake(txt(_solved(p, fx, fy, fz, 0)), f"The plane passes through ({p['x0']}, {p['y0']}, {z0}): at "
                                                f"x = {p['x0']}, y = {p['y0']} it must give z = {z0}.",
                "point missing"),
    )


@per_version
def _fair(p: dict) -> bool:
    fx, fy, fz = _normal(p)
    if not (fx and fy and fz not in (0, 1, -1) and fz != p["c"]):
        return False
    return distinct_functions([_plane(p), *(sp.sympify(m.answer) for m in _mistakes(p))], (x, y))


def _draw(rng) -> dict:
    while True:
        p = {"c": pick(rng, [1, 2, 3, -1, -2]), "x0": pick(rng, [-2, -1, 1, 2]), "y0": pick(rng, [-1, 1, 2, 3]),
             "z0": pick(rng, [-2, -1, 1, 2])}
        if _fair(p):
            return p


def _equation_tex(p: dict) -> str:
    """``4 (x - 1) + 2 (y - 2) + 5 (z - 1)``: the plane's equation as the normal builds it."""
    out = ""
    for slope, v in zip(_normal(p), (x, y, z), strict=True):
        sign = "-" if slope < 0 else ("+" if out else "")
        out += f"{' ' if out else ''}{sign}{' ' if out else ''}{abs(slope)} ({tex(v - p[f'{v}0'])})"
    return out


def _point(p: dict) -> str:
    return f"({p['x0']}, {p['y0']}, {p['z0']})"


TEMPLATES = tuple(map(once_per_version, (
    Template(
        "04-level-plane", "F", {"c": 1, "x0": 1, "y0": 2, "z0": 1}, _draw,
        text=lambda p: f"The point ${_point(p)}$ lies on the surface ${tex_sum(_terms(p))} = {_level(p)}$. Find the "
                       "tangent plane of the surface at that point, solve its equation for $z$, and store the "
                       "right-hand side (a formula in `x` and `y`) in `level_plane`.",
        key=_plane,
        mistakes=_mistakes,
        worked=lambda p: f"$\\nabla F = ({', '.join(str(v) for v in _normal(p))})$ at ${_point(p)}$ is a normal, so "
                         f"${_equation_tex(p)} = 0$, that is $z = {tex(sp.expand(_plane(p)))}$.",
        spec=lambda p: {"hint": f"Take F = {txt(sum(_terms(p)) - _level(p))}; its gradient at {_point(p)} is a "
                                f"normal. Write F_x ({txt(x - p['x0'])}) + F_y ({txt(y - p['y0'])}) + "
                                f"F_z ({txt(z - p['z0'])}) = 0 and solve for z."},
    ),
)))
