"""Lagrange multipliers: the sympy solve of ``grad f = lambda grad g, g = c``, and numeric checks.

- :func:`lagrange_points`: every real solution ``(x, y, lambda)`` of the
  Lagrange system, with ``f`` there, solved exactly by sympy;
- :func:`optimum_value`: the largest (or smallest) of those values as a
  formula in ``c``, so that its derivative by ``c`` can be compared with
  ``lambda``;
- :func:`gradient_angle` and :func:`multiplier_estimate`: how far two numeric
  gradients are from parallel, and the ``lambda`` that fits best.

Examples
--------
>>> import sympy as sp
>>> x, y = sp.symbols("x y", real=True)
>>> [(p["x"], p["y"], p["lambda"], p["f"]) for p in lagrange_points(x + y, x**2 + y**2, 2)]
[(-1, -1, -1/2, -2), (1, 1, 1/2, 2)]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sympy as sp

__all__ = ["MULTIPLIER", "lagrange_points", "optimum_value", "gradient_angle", "multiplier_estimate"]

#: The symbol of the Lagrange multiplier.
MULTIPLIER = sp.Symbol("lambda", real=True)


def _variables(*exprs: sp.Expr) -> list[sp.Symbol]:
    """The free symbols of the expressions, sorted by name (x before y before z)."""
    return sorted(set().union(*(sp.sympify(e).free_symbols for e in exprs)), key=lambda s: s.name)


def lagrange_points(f: sp.Expr, g: sp.Expr, c: sp.Expr | float = 0,
                    variables: Sequence[sp.Symbol] | None = None) -> list[dict]:
    """Solve ``grad f = lambda grad g`` together with ``g = c``, exactly.

    Parameters
    ----------
    f, g : sympy expressions
        The function to optimise and the constraint function, in real symbols.
    c : number or sympy expression
        The level of the constraint ``g = c`` (may hold a symbol, such as ``c``).
    variables : sequence of Symbol, optional
        The unknowns besides lambda. Default: the free symbols of ``f`` and
        ``g`` (except those of ``c``), sorted by name.

    Returns
    -------
    list of dict
        One dict per real solution, sorted by ``f``: each variable's value
        (keyed by its name), ``"lambda"`` and ``"f"`` (the value of ``f`` there).
        A point where ``grad g = 0`` on the curve is not a solution of this
        system, and is not listed.

    Examples
    --------
    >>> x, y = sp.symbols("x y", real=True)
    >>> [(p["x"], p["y"], p["lambda"]) for p in lagrange_points(x * y, x + y, 10)]
    [(5, 5, 5)]
    """
    c = sp.sympify(c)
    if variables is None:
        variables = [v for v in _variables(f, g) if v not in c.free_symbols]
    equations = [sp.diff(f, v) - MULTIPLIER * sp.diff(g, v) for v in variables] + [g - c]
    solutions = sp.solve(equations, [*variables, MULTIPLIER], dict=True)
    points = []
    for solution in solutions:
        values = [sp.simplify(solution.get(v, v)) for v in (*variables, MULTIPLIER)]
        if not all(value.is_real is not False for value in values):
            continue
        point = {v.name: value for v, value in zip(variables, values, strict=False)}
        point["lambda"] = values[-1]
        point["f"] = sp.simplify(f.subs(dict(zip(variables, values, strict=False))))
        points.append(point)
    return sorted(points, key=lambda p: (float(p["f"].subs({s: 1 for s in p["f"].free_symbols})),
                                         [str(p[v.name]) for v in variables]))


def optimum_value(f: sp.Expr, g: sp.Expr, c: sp.Symbol, largest: bool = True,
                  at: float = 1.0) -> tuple[sp.Expr, sp.Expr]:
    """The optimum of ``f`` on ``g = c`` as a formula in ``c``, with its multiplier.

    The solution chosen is the one with the largest (``largest=True``) or
    smallest value of ``f`` when ``c`` is set to ``at``.

    Returns
    -------
    (value, multiplier)
        Both as expressions in ``c``.

    Examples
    --------
    >>> x, y, c = sp.symbols("x y c", positive=True)
    >>> value, lam = optimum_value(x * y, x + y, c)
    >>> value, lam, sp.diff(value, c) - lam
    (c**2/4, c/2, 0)
    """
    points = lagrange_points(f, g, c)
    if not points:
        raise ValueError("the Lagrange system has no real solution")
    chosen = max if largest else min
    best = chosen(points, key=lambda p: float(p["f"].subs(c, at)))
    return sp.simplify(best["f"]), sp.simplify(best["lambda"])


def gradient_angle(grad_f: Sequence[float], grad_g: Sequence[float]) -> float:
    """Angle between two gradients, in degrees (0: same way, 180: opposite); nan for a zero one.

    ``grad f = lambda grad g`` holds exactly when the angle is 0 (lambda > 0)
    or 180 degrees (lambda < 0).

    Examples
    --------
    >>> gradient_angle((1.0, 1.0), (2.0, 2.0)), gradient_angle((1.0, 0.0), (0.0, -3.0))
    (0.0, 90.0)
    """
    a, b = np.asarray(grad_f, dtype=float), np.asarray(grad_g, dtype=float)
    length_a, length_b = np.linalg.norm(a), np.linalg.norm(b)
    if not np.isfinite(length_a * length_b) or length_a * length_b == 0:
        return float("nan")
    u, v = a / length_a, b / length_b  # Kahan's form: accurate near 0 and 180 degrees too
    return float(np.degrees(2 * np.arctan2(np.linalg.norm(u - v), np.linalg.norm(u + v))))


def multiplier_estimate(grad_f: Sequence[float], grad_g: Sequence[float]) -> float:
    """The ``lambda`` that makes ``lambda grad g`` closest to ``grad f``: ``(grad f . grad g) / |grad g|^2``.

    Where the gradients are parallel this is the Lagrange multiplier itself.

    Examples
    --------
    >>> multiplier_estimate((1.0, 1.0), (2.0, 2.0))
    0.5
    """
    a, b = np.asarray(grad_f, dtype=float), np.asarray(grad_g, dtype=float)
    squared = float(b @ b)
    return float(a @ b / squared) if squared > 0 and np.isfinite(squared) else float("nan")
