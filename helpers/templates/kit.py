"""Pieces the lesson templates share: formula text, numbers told apart, work done once per version.

A drawn version is *fair* when a learner's answer can only be judged one way:
every likely mistake is far enough from the key, from the other likely
mistakes and from the other answers of the same group that no answer given
to the asked-for precision matches two of them (:func:`fair`). The sympy
work of a version depends only on its parameters, so it is done once per
parameter set (:func:`per_version`).

Examples
--------
>>> apart(1.6, 1.62)
True
>>> apart(1.6, 1.61)  # 1.605 is right for both, to 3 figures
False
>>> apart([0.6, -0.8], [0.6004, -0.8])
False
>>> fair([(1.6, [8.0, -1.6]), ([0.6, -0.8], [[3.0, -4.0]])])
True
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import sympy as sp

from helpers.precision import DEFAULT_SIGFIGS
from helpers.templates import Template

__all__ = ["tex", "tex_sum", "txt", "vec", "apart", "fair", "per_version", "once_per_version"]


def tex(expr: Any) -> str:
    """LaTeX of a formula, for the question text."""
    return sp.latex(sp.sympify(expr))


def tex_sum(terms: Iterable[Any]) -> str:
    """LaTeX of a sum in the order its terms are given (sympy would sort them): ``x^{2} + x y - 3 x``."""
    out = ""
    for term in (sp.sympify(t) for t in terms):
        if term == 0:
            continue
        text = sp.latex(term)
        if not out:
            out = text
        elif text.startswith("-"):
            out += " - " + text[1:].lstrip()
        else:
            out += " + " + text
    return out or "0"


def txt(expr: Any) -> str:
    """Plain text of a formula, for a hint."""
    return sp.sstr(sp.sympify(expr))


def vec(values: Iterable[Any]) -> str:
    """A vector of numbers as a learner writes it: ``(3, -4)``."""
    return "(" + ", ".join(_number(v) for v in values) + ")"


def _number(value: Any) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:.4g}"


def _flat(value: Any) -> list[float]:
    """A number or a (nested) list of numbers as a flat list of floats."""
    if isinstance(value, (list, tuple)):
        return [v for item in value for v in _flat(item)]
    return [float(value)]


def _half_unit(values: list[float], sigfigs: int) -> float:
    """:func:`helpers.precision.half_unit` in plain Python (drawing calls it thousands of times)."""
    scale = max(map(abs, values))
    exponent = math.floor(math.log10(scale)) if scale > 0 else -1
    return 0.5 * 10.0 ** (exponent - sigfigs + 1)


def apart(a: Any, b: Any, sigfigs: int = DEFAULT_SIGFIGS) -> bool:
    """Whether two numeric answers differ by more than two half-units of the larger one's last figure.

    Answers of different sizes are apart. Two answers that are not apart
    could both be matched by one answer given to ``sigfigs`` figures.
    """
    a, b = _flat(a), _flat(b)
    if len(a) != len(b):
        return True
    unit = max(_half_unit(a, sigfigs), _half_unit(b, sigfigs))
    return max(abs(p - q) for p, q in zip(a, b, strict=True)) > 2.02 * unit


def fair(questions: Sequence[tuple[Any, Sequence[Any]]], sigfigs: int = DEFAULT_SIGFIGS) -> bool:
    """Whether the numeric questions of one version can be judged without ambiguity.

    Parameters
    ----------
    questions : sequence of (key, mistakes)
        For every numeric question of the group: its key and its planted
        mistakes (numbers or vectors).

    Returns
    -------
    bool
        True when every key is finite, every planted mistake is apart from
        its key, from the other mistakes of its question and from the keys
        of the other questions (:func:`apart`).
    """
    keys = [key for key, _ in questions]
    if not all(math.isfinite(v) for key in keys for v in _flat(key)):
        return False
    for index, (key, mistakes) in enumerate(questions):
        if not all(apart(p, q, sigfigs) for p, q in itertools.combinations([key, *mistakes], 2)):
            return False
        others = [k for i, k in enumerate(keys) if i != index]
        if not all(apart(m, k, sigfigs) for m in mistakes for k in others):
            return False
    return True


def per_version(function: Callable[[dict], Any], uses: Iterable[str] | None = None) -> Callable[[dict], Any]:
    """Cache a function of a version's parameters, so that its sympy work is done once per parameter set.

    With ``uses``, the function is given only those parameters (so it cannot read any other) and its
    result is shared by every version that agrees on them: the text of a question about the function
    alone is worked out once per function, not once per point.
    """
    names = None if uses is None else frozenset(uses)

    @functools.lru_cache(maxsize=4096)
    def by_items(items: tuple) -> Any:
        return function(dict(items))

    @functools.wraps(function)
    def wrapper(params: dict) -> Any:
        return by_items(tuple(sorted(item for item in params.items() if names is None or item[0] in names)))

    wrapper.cache_clear = by_items.cache_clear  # type: ignore[attr-defined]
    return wrapper


def once_per_version(template: Template, uses: Iterable[str] | None = None) -> Template:
    """The template with its text, key, mistakes, worked answer and spec each computed once per parameter set.

    ``uses`` names the parameters the question depends on (all of them when None); see :func:`per_version`.
    """
    return dataclasses.replace(template, **{name: per_version(getattr(template, name), uses)
                                            for name in ("text", "key", "mistakes", "worked", "spec")})
