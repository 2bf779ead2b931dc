"""Answers as plain JSON: :func:`encode` turns any value into data.

An answer crosses every boundary (notebook -> grader, solutions -> key file)
as plain JSON made by :func:`encode`; nothing is pickled and no object from a
learner's notebook is ever compared directly. A symbolic answer travels as
text and is rebuilt by the safe parser, so an object whose ``__eq__`` always
says ``True`` has no way to reach the comparison.

Every sensible form a learner may store is kept in a form the judge can read:
nested lists and arrays keep their shape, the dictionaries that ``sp.solve``
returns keep their keys' names, an unevaluated ``sp.Derivative`` or
``sp.Integral`` is worked out first, an equation keeps both sides, and
``None`` is told apart from other odd values so that the learner gets a
message that names the fix.

Examples
--------
>>> encode(1.5)
{'type': 'number', 'value': 1.5}
>>> encode(...)
{'type': 'missing'}
>>> encode([[1, 2], [3, 4]])["shape"]
[2, 2]
"""

from __future__ import annotations

import math
from numbers import Integral, Real
from typing import Any

import numpy as np
import sympy as sp

from helpers.formula import to_text

__all__ = ["encode", "MAX_ITEMS", "MAX_TEXT"]

#: Longest text answer kept, in characters.
MAX_TEXT = 2000
#: Most entries kept from a list or array answer.
MAX_ITEMS = 1000


def _number(value: float) -> dict[str, Any]:
    if math.isfinite(value):
        return {"type": "number", "value": value}
    special = "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return {"type": "number", "value": None, "special": special}


def _worked_out(value: sp.Basic) -> sp.Basic:
    """An unevaluated derivative or integral, evaluated (``doit``)."""
    if isinstance(value, sp.Basic) and value.has(sp.Derivative, sp.Integral, sp.Subs):
        return value.doit()
    return value


def _sympy(value: sp.Basic) -> dict[str, Any]:
    if isinstance(value, sp.MatrixBase):
        return _sequence([list(value.row(i)) for i in range(value.rows)] if value.cols > 1 and value.rows > 1
                         else list(value))
    value = _worked_out(value)
    if isinstance(value, sp.Equality):
        return {"type": "equation", "lhs": _sympy(value.lhs), "rhs": _sympy(value.rhs)}
    if isinstance(value, (sp.Tuple, sp.FiniteSet)):
        return _sequence(list(value.args))
    if isinstance(value, sp.Expr) and not value.free_symbols:
        number = complex(value.evalf())
        if number.imag == 0:
            return _number(number.real)
        return {"type": "other", "python_type": "complex number"}
    if isinstance(value, sp.Expr):
        try:
            return {"type": "expr", "text": to_text(value)[:MAX_TEXT]}
        except ValueError:  # e.g. the imaginary unit, or an integral with no closed form
            return {"type": "other", "python_type": f"sympy {type(value).__name__} (not a plain formula)"}
    return {"type": "other", "python_type": type(value).__name__}


def _rectangular(items: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Numeric arrays of one shape stacked into one array (a nested list of numbers)."""
    if not items or any(e["type"] != "array" for e in items):
        return None
    shapes = {tuple(e["shape"]) for e in items}
    if len(shapes) != 1:
        return None
    return {"type": "array", "shape": [len(items), *shapes.pop()],
            "value": [v for e in items for v in e["value"]],
            "special": [s for e in items for s in e["special"]]}


def _sequence(items: list[Any]) -> dict[str, Any]:
    if len(items) > MAX_ITEMS:
        return {"type": "other", "python_type": f"list of {len(items)} items (too long)"}
    encoded = [encode(item) for item in items]
    if encoded and all(e["type"] == "number" for e in encoded):
        return {"type": "array", "shape": [len(encoded)], "value": [e.get("value") for e in encoded],
                "special": [e.get("special") for e in encoded]}
    stacked = _rectangular(encoded)
    if stacked and len(stacked["value"]) <= MAX_ITEMS:
        return stacked
    return {"type": "list", "items": encoded}


def _array(value: np.ndarray) -> dict[str, Any]:
    if value.size > MAX_ITEMS:
        return {"type": "other", "python_type": f"array of {value.size} entries (too large)"}
    if value.dtype.kind in "biuf":
        flat = [_number(float(v)) for v in value.astype(float).ravel()]
        return {"type": "array", "shape": list(value.shape), "value": [e.get("value") for e in flat],
                "special": [e.get("special") for e in flat]}
    return _sequence(value.tolist() if value.ndim > 1 else value.ravel().tolist())


def _mapping(value: dict) -> dict[str, Any]:
    if len(value) > MAX_ITEMS:
        return {"type": "other", "python_type": f"dict of {len(value)} items (too long)"}
    return {"type": "dict", "items": [[str(k)[:80], encode(v)] for k, v in value.items()]}


def encode(value: Any) -> dict[str, Any]:
    """Turn any Python value into plain JSON-safe data. Never raises.

    Parameters
    ----------
    value : object
        An answer as a learner's notebook holds it: ``...`` (not answered),
        a number, a sympy expression, matrix or equation, text, a list,
        tuple, dict or numpy array, ``None``.

    Returns
    -------
    dict
        ``{"type": ...}`` with ``missing``, ``none``, ``bool``, ``number``,
        ``expr``, ``equation``, ``text``, ``array`` (numbers, with a
        ``shape``), ``list``, ``dict`` or ``other``. Non-finite numbers are
        ``{"type": "number", "value": None, "special": "nan"}``.

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> encode(6 * x * y - 2)
    {'type': 'expr', 'text': '6*x*y - 2'}
    >>> encode([1, 2.5])["value"]
    [1.0, 2.5]
    >>> encode(sp.Derivative(x**3, x))
    {'type': 'expr', 'text': '3*x**2'}
    >>> encode({x: 2, y: 1})["items"][0]
    ['x', {'type': 'number', 'value': 2.0}]
    """
    try:
        if value is Ellipsis:
            return {"type": "missing"}
        if value is None:
            return {"type": "none"}
        if type(value) is bool or isinstance(value, np.bool_):
            return {"type": "bool", "value": bool(value)}
        if isinstance(value, (sp.Basic, sp.MatrixBase)):  # a mutable Matrix is not a Basic
            return _sympy(value)
        if isinstance(value, (Integral, Real)):
            return _number(float(value))
        if isinstance(value, str):
            return {"type": "text", "value": value[:MAX_TEXT]}
        if isinstance(value, np.ndarray):
            return _array(value)
        if isinstance(value, (list, tuple)):
            return _sequence(list(value))
        if isinstance(value, dict):
            return _mapping(value)
        return {"type": "other", "python_type": type(value).__name__[:80]}
    except Exception as exc:  # a hostile or broken object must not stop anything
        return {"type": "other", "python_type": f"unreadable value ({type(exc).__name__})"}
