"""Reading an encoded answer in every sensible form, or saying how to fix it.

The judge and the form check (:mod:`helpers.answers`) read answers only
through these functions. Each returns the answer as the question needs it (a
sympy expression, a list of them, a float array, one of the choices) or
raises :class:`Unreadable` with one plain sentence that names the fix.

Forms that are read:

- a formula as a sympy expression or as text (through the safe parser); an
  equation such as ``z = 6*x + 4*y - 6`` or ``sp.Eq(z, ...)`` whose one side
  is a name that is not a variable of the question gives its other side;
- a list of formulas as a list, tuple, sympy Matrix (nested or flat) or one
  comma-separated text (``"2*x, 3*y"``, with or without brackets);
- numbers as Python, numpy or sympy numbers, or as text (``"-4/5"``,
  ``"sqrt(17)"``); vectors and matrices as lists, nested lists, tuples,
  arrays or sympy matrices; a point as the dictionary ``sp.solve`` returns, or
  a list holding one solution;
- a choice as text, ignoring case, spaces, quotes, ``_`` and ``-``.

Examples
--------
>>> read_numbers({"type": "text", "value": "-4/5"}, ("x", "y"), 1).tolist()
[-0.8]
>>> read_formulas({"type": "text", "value": "[2*x, 3*y]"}, ("x", "y"), 2)
[2*x, 3*y]
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import sympy as sp

from helpers.encoding import MAX_TEXT
from helpers.symbolic import parse_formula

__all__ = ["Unreadable", "describe", "read_formula", "read_formulas", "read_numbers", "read_choice",
           "normalise_choice"]


class Unreadable(ValueError):
    """An answer that cannot be read as the question needs; the message names the fix."""


_KINDS = {"number": "a number", "expr": "a formula", "text": "text", "array": "a list of numbers",
          "list": "a list", "bool": "True or False", "missing": "nothing yet", "dict": "a dictionary",
          "equation": "an equation", "none": "None"}


def describe(answer: dict[str, Any]) -> str:
    """A few words for what kind of value an encoded answer is."""
    if answer.get("type") == "number" and answer.get("special"):
        return f"a number that is not finite ({answer['special']})"
    return _KINDS.get(answer.get("type"), str(answer.get("python_type", "an unknown value")))


_NONE = ("you stored None: did the cell end with print(...) or an assignment instead of the value? "
         "Put the value itself on the answer line")


def _refuse_odd(answer: dict[str, Any], wanted: str) -> None:
    kind = answer.get("type")
    if kind == "none":
        raise Unreadable(_NONE)
    if kind == "bool":
        raise Unreadable(f"True/False is not {wanted}")
    if kind == "other":
        raise Unreadable(f"this question asks for {wanted}, and your answer is {describe(answer)}")


def _names(variables: tuple[str, ...]) -> str:
    return ", ".join(variables)


# ------------------------------------------------------------------ formulas


def _equation_side(lhs: str, rhs: str, variables: tuple[str, ...]) -> str:
    """The side of ``lhs = rhs`` that is the formula, when the other is a lone new name."""
    lone = re.compile(r"\s*[A-Za-z_]\w*(\(\s*[\w\s,]*\))?\s*")
    for name, other in ((lhs, rhs), (rhs, lhs)):
        if lone.fullmatch(name) and name.split("(")[0].strip() not in variables:
            return other
    raise Unreadable("give the formula itself, not an equation (or write it as z = formula)")


def _text_formula(text: str, variables: tuple[str, ...]) -> sp.Expr:
    text = text.strip()
    if text.count("=") == 1 and not re.search(r"[<>!=]=|=[=<>]", text):
        text = _equation_side(*text.split("="), variables)
    try:
        return parse_formula(text, variables, max_length=MAX_TEXT)
    except ValueError as exc:
        raise Unreadable(str(exc)) from None


def read_formula(answer: dict[str, Any], variables: tuple[str, ...]) -> sp.Expr:
    """One formula in ``variables`` from an encoded answer.

    Raises
    ------
    Unreadable
        With a sentence naming the fix.
    """
    kind = answer.get("type")
    if kind == "expr":
        return _text_formula(answer["text"], variables)
    if kind == "text":
        return _text_formula(answer["value"], variables)
    if kind == "number":
        if answer.get("value") is None:
            raise Unreadable(f"your answer is {describe(answer)}; give a formula in {_names(variables)}")
        value = float(answer["value"])
        return sp.Integer(int(value)) if value.is_integer() and abs(value) < 2**53 else sp.Float(value)
    if kind == "equation":
        sides = [_formula_text(answer[s]) for s in ("lhs", "rhs")]
        return _text_formula(_equation_side(*sides, variables), variables)
    if kind in ("list", "array"):
        items = _flat_items(answer)
        if len(items) == 1:
            return read_formula(items[0], variables)
        raise Unreadable(f"this question asks for one formula, and your answer is a list of {len(items)}")
    _refuse_odd(answer, f"a formula in {_names(variables)}")
    raise Unreadable(f"this question asks for a formula in {_names(variables)}, "
                     f"and your answer is {describe(answer)}")


def _formula_text(part: dict[str, Any]) -> str:
    if part.get("type") == "expr":
        return part["text"]
    if part.get("type") == "number" and part.get("value") is not None:
        return repr(part["value"])
    raise Unreadable("give the formula itself, not an equation")


def _flat_items(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """The entries of a list or array answer, nested lists flattened row by row."""
    if answer.get("type") == "array":
        specials = answer.get("special") or [None] * len(answer["value"])
        return [{"type": "number", "value": v, **({"special": s} if s else {})}
                for v, s in zip(answer["value"], specials, strict=True)]
    if answer.get("type") == "list":
        out: list[dict[str, Any]] = []
        for item in answer["items"]:
            out.extend(_flat_items(item) if item.get("type") in ("list", "array") else [item])
        return out
    return [answer]


def _split_top_level(text: str) -> list[str]:
    """``"[a, f(b, c)]"`` -> ``["a", "f(b, c)"]``: commas outside brackets only."""
    text = text.strip()
    if len(text) >= 2 and text[0] + text[-1] in ("[]", "()"):
        text = text[1:-1]
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def read_formulas(answer: dict[str, Any], variables: tuple[str, ...], count: int) -> list[sp.Expr]:
    """A list of ``count`` formulas (a gradient, a matrix row by row) from an encoded answer.

    Raises
    ------
    Unreadable
        With a sentence naming the fix; the message of a component that
        cannot be read says which component it is.
    """
    kind = answer.get("type")
    if kind == "text":
        items = [{"type": "text", "value": part} for part in _split_top_level(answer["value"])]
    elif kind in ("list", "array"):
        items = _flat_items(answer)
    elif kind in ("expr", "number", "equation"):
        raise Unreadable(f"this question asks for a list of {count} formulas, like [first, second], "
                         "and your answer is one formula")
    else:
        _refuse_odd(answer, f"a list of {count} formulas")
        raise Unreadable(f"this question asks for a list of {count} formulas, and your answer is {describe(answer)}")
    if len(items) != count:
        raise Unreadable(f"this question asks for {count} formulas, and your list has {len(items)}")
    out = []
    for i, item in enumerate(items, start=1):
        try:
            out.append(read_formula(item, variables))
        except Unreadable as exc:
            raise Unreadable(f"component {i}: {exc}") from None
    return out


# ------------------------------------------------------------------- numbers


def _constant(expr: sp.Expr, variables: tuple[str, ...]) -> float:
    if expr.free_symbols:
        names = _names(tuple(sorted(str(s) for s in expr.free_symbols)))
        raise Unreadable(f"your answer is a formula in {names}; this question asks for numbers: "
                         "put in the point the question gives first")
    value = complex(expr.evalf())
    if value.imag != 0:
        raise Unreadable("your answer is not a real number")
    return value.real


def _number_of(item: dict[str, Any], variables: tuple[str, ...]) -> float:
    kind = item.get("type")
    if kind == "number":
        return float(item["special"]) if item.get("special") else float(item["value"])
    if kind in ("text", "expr"):
        text = item.get("value", item.get("text", ""))
        try:
            expr = parse_formula(text, variables, max_length=MAX_TEXT)
        except ValueError as exc:
            raise Unreadable(f"could not read {text!r} as a number: {exc}") from None
        return _constant(expr, variables)
    _refuse_odd(item, "a number")
    raise Unreadable(f"expected a number, and this entry is {describe(item)}")


def _point_from_dict(answer: dict[str, Any], variables: tuple[str, ...]) -> dict[str, Any]:
    values = dict(answer["items"])
    if set(values) != set(variables):
        raise Unreadable(f"your dictionary has the keys {', '.join(values) or '(none)'}; "
                         f"give a value for each of {_names(variables)}")
    return {"type": "list", "items": [values[v] for v in variables]}


def _one_point(answer: dict[str, Any], variables: tuple[str, ...], size: int, matrix: bool) -> dict[str, Any]:
    """The point in a dict or in a list of solutions (what ``sp.solve`` returns)."""
    kind = answer.get("type")
    if kind == "dict":
        return _point_from_dict(answer, variables)
    if matrix or size == 1:
        return answer
    if kind == "array" and len(answer["shape"]) == 2 and answer["shape"][1] == size:
        rows, first = answer["shape"][0], {"type": "array", "shape": [size], "value": answer["value"][:size],
                                           "special": (answer.get("special") or [None] * size)[:size]}
    elif kind == "list" and all(i.get("type") in ("dict", "array", "list") for i in answer["items"]):
        rows, first = len(answer["items"]), (answer["items"] or [answer])[0]
    else:
        return answer
    if rows != 1:
        raise Unreadable(f"your list holds {rows} solutions; this question asks for one point: "
                         "pick the one it asks about and give it as [x, y]")
    return _one_point(first, variables, size, matrix)


def read_numbers(answer: dict[str, Any], variables: tuple[str, ...], size: int,
                 shape: tuple[int, ...] | None = None) -> np.ndarray:
    """``size`` numbers (a number, vector or matrix) from an encoded answer, as a flat float array.

    Raises
    ------
    Unreadable
        With a sentence naming the fix (a formula where a number belongs, a
        list of several solutions, the wrong count of numbers, ...).
    """
    answer = _one_point(answer, variables, size, bool(shape and len(shape) == 2))
    if answer.get("type") in ("list", "array"):
        items = _flat_items(answer)
    elif answer.get("type") == "text" and "," in answer["value"]:
        items = [{"type": "text", "value": part} for part in _split_top_level(answer["value"])]
    else:
        items = [answer]
    if len(items) != size:
        raise Unreadable(_count_message(size, shape, len(items)))
    return np.array([_number_of(item, variables) for item in items], dtype=float)


def _count_message(size: int, shape: tuple[int, ...] | None, got: int) -> str:
    if shape and len(shape) == 2:
        rows, cols = shape
        example = "[[a, b], [c, d]]" if shape == (2, 2) else f"{rows} rows of {cols} numbers"
        return f"this question asks for a {rows}×{cols} matrix: give {example}; your answer has {got} number(s)"
    if size == 1:
        return f"this question asks for one number, and your answer has {got}"
    example = ", ".join("abcdefgh"[:size]) if size <= 8 else "..."
    return f"this question asks for {size} numbers, like [{example}]; your answer has {got}"


# ------------------------------------------------------------------- choices


def normalise_choice(text: str) -> str:
    """Lower case without spaces, quotes, ``_`` or ``-``: ``"Partials-Only"`` -> ``"partialsonly"``."""
    return re.sub(r"[\s_\-'\"`]+", "", text).lower()


def read_choice(answer: dict[str, Any], choices: tuple[str, ...]) -> str:
    """The choice an answer names, spelled as in ``choices``.

    Raises
    ------
    Unreadable
        When the answer is not text or names none of the choices.
    """
    options = ", ".join(f'"{c}"' for c in choices)
    if answer.get("type") == "expr" and answer["text"].strip():
        answer = {"type": "text", "value": answer["text"]}
    if answer.get("type") != "text":
        _refuse_odd(answer, f"one of {options}")
        raise Unreadable(f"answer with one of {options}, in quotes; your answer is {describe(answer)}")
    wanted = normalise_choice(answer["value"])
    for choice in choices:
        if normalise_choice(choice) == wanted:
            return choice
    raise Unreadable(f"answer with one of {options}")
