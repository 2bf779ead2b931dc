"""Exercise 05, last three questions, as templates: an implicit surface, a Jacobian, a backward step.

Groups:

- ``surface``: ``x^2 z + b y z^3 = K`` through an integer point (dz/dx = -F_x / F_z there)
- ``g``: ``g(s, t) = (s^m t^n, alpha s + t^k)`` (its Jacobian)
- ``layer``: ``Z = A W`` with small integer matrices ``A`` and ``G = dL/dZ`` (dL/dW = A^T G)
"""

from __future__ import annotations

import sympy as sp

from helpers.questions import Mistake
from helpers.templates import Template, pick
from helpers.templates.drawing import distinct_functions, number_tex, numbers
from helpers.templates.kit import fair, once_per_version, per_version, tex, tex_sum, txt

__all__ = ["TEMPLATES"]

s, t, x, y, z = sp.symbols("s t x y z")

# ------------------------------------------------------------ group surface


def _surface_terms(p: dict) -> tuple:
    return x**2 * z, p["b"] * y * z**3


def _level(p: dict) -> sp.Integer:
    return sum(_surface_terms(p)).xreplace({x: p["x0"], y: p["y0"], z: p["z0"]})


@per_version
def _partials(p: dict) -> tuple:
    """F_x, F_y and F_z at the point."""
    at = {x: p["x0"], y: p["y0"], z: p["z0"]}
    return tuple(sp.diff(sum(_surface_terms(p)), v).xreplace(at) for v in (x, y, z))


def _dz_dx(p: dict) -> sp.Rational:
    fx, _, fz = _partials(p)
    return -fx / fz


@per_version
def _surface_mistakes(p: dict) -> tuple[Mistake, ...]:
    fx, fy, fz = _partials(p)
    cubic = _surface_terms(p)[1]
    return (
        Mistake(float(fx / fz), "Sign: from F_x + F_z z_x = 0 it follows that z_x = -F_x / F_z.", "sign"),
        Mistake(float(-fz / fx), "The fraction is upside down: z_x = -F_x / F_z.", "upside down"),
        Mistake(float(-fx / (fz - p["x0"] ** 2)),
                f"F_z has two terms: x**2 from x**2*z, and {txt(sp.diff(cubic, z))} from {txt(cubic)}.",
                "term of F_z missing"),
        Mistake(float(-fx / fy), "Divide by F_z, not F_y: z is the variable that depends on x here.",
                "divided by F_y"),
    )


def _draw_surface(rng) -> dict:
    while True:
        p = {"b": pick(rng, [1, 1, 2]), "x0": pick(rng, [-2, -1, 1, 2, 3]), "y0": pick(rng, [-2, -1, 1, 2, 3]),
             "z0": pick(rng, [-2, -1, 1, 2])}
        fz = _partials(p)[2]
        if fz and fz != p["x0"] ** 2 and fair([(float(_dz_dx(p)), [m.answer for m in _surface_mistakes(p)])]):
            return p


def _point(p: dict) -> str:
    return f"({p['x0']}, {p['y0']}, {p['z0']})"


# ------------------------------------------------------------------ group g


def _g(p: dict) -> tuple:
    return s ** p["m"] * t ** p["n"], p["alpha"] * s + t ** p["k"]


@per_version
def _jacobian(p: dict) -> list:
    return list(sp.Matrix(_g(p)).jacobian([s, t]))


@per_version
def _jacobian_mistakes(p: dict) -> tuple[Mistake, ...]:
    first, second = _g(p)
    linear = p["alpha"] * s
    return (
        Mistake(txt(_jacobian(p)[2]), "Row i holds the partials of component i, column j the partials by variable j: "
                                      "your matrix looks transposed.", "transposed"),
        Mistake(txt(sp.diff(s ** p["m"], s)), f"In the s-partial of {txt(first)}, {txt(t ** p['n'])} is a constant "
                                              "factor: it stays.", "dropped a constant factor"),
        Mistake(txt(sp.diff(second, t) + p["alpha"]), f"The term {txt(linear)} has no t in it: its t-partial is 0.",
                "kept a constant"),
    )


@per_version
def _g_fair(p: dict) -> bool:
    """Whether the entries and the mistakes are different functions (the transposed entry is the key's J[1, 0])."""
    answers = [*_jacobian(p), *(sp.sympify(m.answer) for m in _jacobian_mistakes(p)[1:])]
    return distinct_functions(answers, (s, t))


def _draw_g(rng) -> dict:
    while True:
        p = {"m": pick(rng, [2, 3]), "n": pick(rng, [1, 2]), "alpha": pick(rng, [1, 2, 3, -1, -2]),
             "k": pick(rng, [2, 3, 4])}
        if _g_fair(p):
            return p


def _g_tex(p: dict) -> str:
    return f"\\big({tex(_g(p)[0])},\\ {tex_sum([p['alpha'] * s, t ** p['k']])}\\big)"


# -------------------------------------------------------------- group layer


def _matrices(p: dict) -> tuple[sp.Matrix, sp.Matrix]:
    return sp.Matrix(2, 2, list(p["A"])), sp.Matrix(2, 2, list(p["G"]))


@per_version
def _weights_gradient(p: dict) -> sp.Matrix:
    a, g = _matrices(p)
    return a.T * g


@per_version
def _weights_mistakes(p: dict) -> tuple[Mistake, ...]:
    a, g = _matrices(p)
    return (
        Mistake(numbers(a * g), "Transpose A: dL/dW = A^T G, so entry (i, j) adds A[n, i] * G[n, j] over the "
                                "examples n.", "A not transposed"),
        Mistake(numbers(g.T * a), "Transposed: dL/dW has the shape of W, one row per input feature. It is A^T G, "
                                  "not G^T A.", "transposed"),
        Mistake(numbers(g * a.T), "The order of the factors: A^T first, then G.", "order of the factors"),
        Mistake(numbers(a.multiply_elementwise(g)), "That is an entry-by-entry product; over a batch the chain rule "
                                                    "gives the matrix product A^T G.", "entry by entry"),
    )


def _draw_layer(rng) -> dict:
    entries = [-2, -1, 0, 1, 2, 3]
    while True:
        p = {"A": tuple(pick(rng, entries) for _ in range(4)), "G": tuple(pick(rng, entries) for _ in range(4))}
        a, g = _matrices(p)
        key = numbers(_weights_gradient(p))
        if (a.det() and g.det() and sum(1 for v in key if v) >= 3
                and fair([(key, [m.answer for m in _weights_mistakes(p)])])):
            return p


def _matrix_tex(m: sp.Matrix) -> str:
    return f"\\begin{{pmatrix}} {m[0, 0]} & {m[0, 1]} \\\\ {m[1, 0]} & {m[1, 1]} \\end{{pmatrix}}"


# ---------------------------------------------------------------- templates

TEMPLATES = tuple(map(once_per_version, (
    Template(
        "05-implicit-surface", "surface", {"b": 1, "x0": 1, "y0": 1, "z0": 2}, _draw_surface,
        text=lambda p: f"The point ${_point(p)}$ lies on the surface ${tex_sum(_surface_terms(p))} = {_level(p)}$. "
                       "Near that point the surface is a graph $z(x, y)$. Compute $\\dfrac{\\partial z}{\\partial x}$ "
                       f"at ${_point(p)}$ (a number) and store it in `dz_dx`.",
        key=_dz_dx,
        mistakes=_surface_mistakes,
        worked=lambda p: f"$F_x = {_partials(p)[0]}$ and $F_z = {_partials(p)[2]}$ at the point, so "
                         f"$z_x = -F_x / F_z = {number_tex(_dz_dx(p))}$.",
        spec=lambda p: {"hint": f"With F = {txt(sum(_surface_terms(p)) - _level(p))}, compute F_x and F_z at "
                                f"{_point(p)}; then dz/dx = -F_x / F_z."},
    ),
    Template(
        "05-jacobian", "g", {"m": 2, "n": 1, "alpha": 1, "k": 3}, _draw_g,
        text=lambda p: f"Let $\\mathbf g(s, t) = {_g_tex(p)}$. Find its Jacobian, the $2 \\times 2$ matrix whose row "
                       "$i$ holds the partial derivatives of the $i$-th component (by $s$, then by $t$), and store it "
                       "as `sp.Matrix([[..., ...], [..., ...]])` in `J` (a list of its four entries, row by row, "
                       "works too).",
        key=_jacobian,
        mistakes=_jacobian_mistakes,
        worked=lambda p: f"$J = {tex(sp.Matrix(2, 2, _jacobian(p)))}$: row 1 differentiates ${tex(_g(p)[0])}$, row 2 "
                         f"${tex_sum([p['alpha'] * s, t ** p['k']])}$.",
        spec=lambda p: {"hint": f"Row 1: the s- and t-partials of {txt(_g(p)[0])}. Row 2: the s- and t-partials of "
                                f"{txt(_g(p)[1])}."},
    ),
    Template(
        "05-backward-weights", "layer", {"A": (1, 2, 3, -1), "G": (1, 0, 2, -1)}, _draw_layer,
        text=lambda p: "A linear layer $Z = AW$ takes a batch of two examples, the rows of "
                       f"$A = {_matrix_tex(_matrices(p)[0])}$ (two features each). The backward pass has reached "
                       "$Z$ with the upstream gradient $G = \\dfrac{\\partial L}{\\partial Z} = "
                       f"{_matrix_tex(_matrices(p)[1])}$. Compute the gradient "
                       "$\\dfrac{\\partial L}{\\partial W}$, a $2 \\times 2$ matrix, and store it as "
                       "`sp.Matrix([[..., ...], [..., ...]])` (or a list of two rows) in `dL_dW`. "
                       "Its entries are whole numbers.",
        key=_weights_gradient,
        mistakes=_weights_mistakes,
        worked=lambda p: f"$\\dfrac{{\\partial L}}{{\\partial W}} = A^\\top G = {_matrix_tex(_matrices(p)[0].T)} "
                         f"{_matrix_tex(_matrices(p)[1])} = {_matrix_tex(_weights_gradient(p))}$.",
    ),
)))
