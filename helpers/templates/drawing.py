r"""What the templates of exercises 04-06 need beyond :mod:`helpers.templates.kit`.

Formulas told apart by value (:func:`distinct_functions`: a draw whose likely mistakes
coincide as functions is rejected), formulas worked out once in the parameters' symbols
and evaluated exactly per version (:func:`at_params`), and exact numbers written as a
learner writes them (:func:`number_tex`, :func:`point_tex`).

Examples
--------
>>> x = sp.Symbol("x")
>>> distinct_functions([2 * x, x + x], (x,))
False
>>> point_tex([sp.Rational(1, 2), sp.Rational(2, 3)])
'(0.5, \\frac{2}{3})'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import sympy as sp

__all__ = ["at_params", "distinct_functions", "exact", "numbers", "number_tex", "point_tex"]


def at_params(exprs: Iterable[sp.Expr], params: dict) -> list:
    """Formulas worked out once in the parameters' symbols, at one version's parameters (exactly).

    Examples
    --------
    >>> a, x = sp.symbols("a x")
    >>> at_params([a * x**2, 2 * a], {"a": 0.5, "x": 3})
    [9/2, 1]
    """
    values = {sp.Symbol(name): exact(value) for name, value in params.items() if not isinstance(value, str)}
    return [sp.sympify(e).xreplace(values) for e in exprs]




_PROBES = (0.37, -1.21, 1.73, -0.58, 0.91, -1.64)


def distinct_functions(exprs: Sequence[sp.Expr], symbols: Sequence[sp.Symbol]) -> bool:
    """Whether formulas are pairwise different functions (by values at a few fixed points).

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> distinct_functions([x * y, 2 * x, x + x], (x, y))
    False
    """
    points = [{s: sp.Float(_PROBES[(i + k) % len(_PROBES)]) for k, s in enumerate(symbols)} for i in range(4)]
    rows = []
    for expr in exprs:
        values = [complex(sp.sympify(expr).xreplace(point)) for point in points]
        if not all(np.isfinite(v) for v in values):
            return False
        rows.append(values)
    for i in range(len(rows)):
        for j in range(i):
            if all(abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b)) for a, b in zip(rows[i], rows[j], strict=True)):
                return False
    return True




def exact(value: Any) -> sp.Rational:
    """A decimal parameter as the exact fraction a learner reads (``0.1`` -> ``1/10``).

    Examples
    --------
    >>> exact(0.1)
    1/10
    """
    if isinstance(value, sp.Basic):
        return value
    return sp.Integer(value) if isinstance(value, int) else sp.Rational(str(value))


def numbers(values: Iterable[Any]) -> list[float]:
    """Exact sympy numbers as plain floats (a planted numeric answer)."""
    return [float(v) for v in values]


def number_tex(value: Any) -> str:
    r"""An exact number as a learner writes it: a decimal when it ends (``0.8``), else a fraction.

    Examples
    --------
    >>> number_tex(sp.Rational(4, 5)), number_tex(sp.Rational(2, 3)), number_tex(-3)
    ('0.8', '\\frac{2}{3}', '-3')
    """
    value = exact(value)
    if value.is_Rational:
        q = int(value.q)
        while q % 2 == 0:
            q //= 2
        while q % 5 == 0:
            q //= 5
        if q == 1:
            return f"{float(value):g}" if value.q != 1 else str(value)
    return sp.latex(value)


def point_tex(point: Iterable[Any]) -> str:
    """A point or vector of exact numbers, as a learner writes it.

    Examples
    --------
    >>> point_tex([sp.Rational(4, 5), 2])
    '(0.8, 2)'
    """
    return f"({', '.join(number_tex(c) for c in point)})"
