"""What drawing a fair version needs: answers told apart, work done once per parameter set.

A template's rules (the key, the likely mistakes) are sympy work; a version is
asked for many times (every "Another one", every student of a class), so
:func:`per_params` does that work once per parameter set. A draw is fair only
when every likely mistake can be told from the key and from every other
answer at the question's precision (:func:`apart`) or, for formulas, as
functions (:func:`distinct_functions`); draws reject parameter sets that fail.

Examples
--------
>>> apart([1.0], [[1.2], [0.8]], sigfigs=3)
True
>>> apart([1.0], [[1.0004]], sigfigs=3)
False
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import sympy as sp

from helpers.precision import half_unit
from helpers.templates import Template

__all__ = ["per_params", "cached", "at_params", "apart", "distinct_functions", "tex", "txt", "exact", "numbers",
           "number_tex", "point_tex"]


def per_params(rule: Callable[[dict], Any]) -> Callable[[dict], Any]:
    """``rule(params)``, worked out once per parameter set (parameters must be plain values).

    Examples
    --------
    >>> calls = []
    >>> square = per_params(lambda p: calls.append(1) or p["a"] ** 2)
    >>> square({"a": 3}), square({"a": 3}), len(calls)
    (9, 9, 1)
    """
    cache: dict[tuple, Any] = {}

    @functools.wraps(rule)
    def cached(params: dict) -> Any:
        token = tuple(sorted(params.items()))
        if token not in cache:
            cache[token] = rule(params)
        return cache[token]

    return cached


def cached(template: Template) -> Template:
    """The same template, its text, key, mistakes, worked answer and spec worked out once per parameter set."""
    return replace(template, **{part: per_params(getattr(template, part))
                                for part in ("text", "key", "mistakes", "worked", "spec")})


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


def _far(a: np.ndarray, b: np.ndarray, sigfigs: int) -> bool:
    """More than two half-units apart in the last asked-for figure of the larger of the two."""
    if a.shape != b.shape:
        return True
    scale = np.array([max(np.max(np.abs(a)), np.max(np.abs(b)))])
    return bool(np.max(np.abs(a - b)) > 2.5 * half_unit(scale, sigfigs))


def apart(key: Any, answers: Iterable[Any], sigfigs: int) -> bool:
    """Whether the key and every answer differ pairwise at ``sigfigs`` significant figures.

    Numbers, vectors and matrices (flattened) alike; every value must be finite.
    """
    values = [np.asarray(key, dtype=float).ravel()] + [np.asarray(a, dtype=float).ravel() for a in answers]
    if not all(np.all(np.isfinite(v)) for v in values):
        return False
    return all(_far(values[i], values[j], sigfigs) for i in range(len(values)) for j in range(i))


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


def tex(expr: Any) -> str:
    """LaTeX of a formula, for the question text."""
    return sp.latex(expr)


def txt(expr: Any) -> str:
    """Plain text of a formula, for a hint or a planted answer."""
    return sp.sstr(sp.sympify(expr))


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
