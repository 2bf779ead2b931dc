"""Answers as plain JSON, and how an answer is judged against the key.

An answer crosses every boundary (notebook -> grader, solutions -> key file)
as plain JSON made by :func:`encode`; nothing is pickled and no object from a
learner's notebook is ever compared directly. A symbolic answer travels as
text and is rebuilt by :func:`helpers.symbolic.parse_formula`, so an object
whose ``__eq__`` always says ``True`` has no way to reach the comparison.

:func:`judge` compares an encoded answer with an encoded key for one
:class:`helpers.questions.Question` and returns a :class:`Verdict` with a
plain-English message and, when wrong, a hint naming the likely mistake.

Examples
--------
>>> encode(1.5)
{'type': 'number', 'value': 1.5}
>>> encode(...)
{'type': 'missing'}
"""

from __future__ import annotations

import itertools
import math
from dataclasses import asdict, dataclass
from numbers import Integral, Real
from typing import Any

import numpy as np
import sympy as sp

from helpers.questions import Question
from helpers.symbolic import equivalent, parse_formula, to_text

__all__ = ["Verdict", "encode", "judge", "check_form", "MAX_ITEMS", "MAX_TEXT"]

#: Longest text answer kept, in characters.
MAX_TEXT = 2000
#: Most entries kept from a list or array answer.
MAX_ITEMS = 1000


@dataclass(frozen=True)
class Verdict:
    """The outcome of judging one answer.

    Attributes
    ----------
    score : float
        Fraction of the question's points earned, 0 to 1.
    verdict : str
        ``"correct"``, ``"incorrect"``, ``"not answered"`` or ``"invalid"``.
    message : str
        One plain-English sentence for the learner.
    hint : str or None
        What the likely mistake is, when the answer is wrong.
    """

    score: float
    verdict: str
    message: str
    hint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dictionary for JSON."""
        return asdict(self)


# ----------------------------------------------------------------- encoding


def _encode_number(value: float) -> dict[str, Any]:
    if math.isfinite(value):
        return {"type": "number", "value": value}
    special = "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return {"type": "number", "value": None, "special": special}


def _encode_sympy(value: sp.Basic) -> dict[str, Any]:
    if isinstance(value, sp.MatrixBase):
        return _encode_sequence(list(value))
    if isinstance(value, sp.Expr) and not value.free_symbols:
        number = complex(value.evalf())
        if number.imag == 0:
            return _encode_number(number.real)
        return {"type": "other", "python_type": "complex number"}
    if isinstance(value, sp.Expr):
        try:
            return {"type": "expr", "text": to_text(value)[:MAX_TEXT]}
        except ValueError:  # e.g. an unevaluated Derivative, or the imaginary unit
            return {"type": "other", "python_type": f"sympy {type(value).__name__} (not a plain formula)"}
    return {"type": "other", "python_type": type(value).__name__}


def _encode_sequence(items: list[Any]) -> dict[str, Any]:
    if len(items) > MAX_ITEMS:
        return {"type": "other", "python_type": f"list of {len(items)} items (too long)"}
    encoded = [encode(item) for item in items]
    if encoded and all(e["type"] == "number" for e in encoded):
        return {"type": "array", "shape": [len(encoded)], "value": [e.get("value") for e in encoded],
                "special": [e.get("special") for e in encoded]}
    return {"type": "list", "items": encoded}


def _encode_array(value: np.ndarray) -> dict[str, Any]:
    if value.size > MAX_ITEMS:
        return {"type": "other", "python_type": f"array of {value.size} entries (too large)"}
    if value.dtype.kind in "biuf":
        flat = [_encode_number(float(v)) for v in value.astype(float).ravel()]
        return {"type": "array", "shape": list(value.shape), "value": [e.get("value") for e in flat],
                "special": [e.get("special") for e in flat]}
    return _encode_sequence(value.ravel().tolist())


def encode(value: Any) -> dict[str, Any]:
    """Turn any Python value into plain JSON-safe data. Never raises.

    Parameters
    ----------
    value : object
        An answer as a learner's notebook holds it: ``...`` (not answered),
        a number, a sympy expression, text, a list, tuple or numpy array.

    Returns
    -------
    dict
        ``{"type": ...}`` with ``missing``, ``bool``, ``number``, ``expr``,
        ``text``, ``array``, ``list`` or ``other``. Non-finite numbers are
        ``{"type": "number", "value": None, "special": "nan"}``.

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y")
    >>> encode(6 * x * y - 2)
    {'type': 'expr', 'text': '6*x*y - 2'}
    >>> encode([1, 2.5])["value"]
    [1.0, 2.5]
    """
    try:
        if value is Ellipsis:
            return {"type": "missing"}
        if type(value) is bool or isinstance(value, np.bool_):
            return {"type": "bool", "value": bool(value)}
        if isinstance(value, (sp.Basic, sp.MatrixBase)):  # a mutable Matrix is not a Basic
            return _encode_sympy(value)
        if isinstance(value, (Integral, Real)) and not isinstance(value, (bool, np.bool_)):
            return _encode_number(float(value))
        if isinstance(value, str):
            return {"type": "text", "value": value[:MAX_TEXT]}
        if isinstance(value, np.ndarray):
            return _encode_array(value)
        if isinstance(value, (list, tuple)):
            return _encode_sequence(list(value))
        return {"type": "other", "python_type": type(value).__name__[:80]}
    except Exception as exc:  # a hostile or broken object must not stop anything
        return {"type": "other", "python_type": f"unreadable value ({type(exc).__name__})"}


# ------------------------------------------------------------------ judging


def _described(answer: dict[str, Any]) -> str:
    if answer.get("type") == "number" and answer.get("special"):
        return f"a number that is not finite ({answer['special']})"
    kinds = {"number": "a number", "expr": "a formula", "text": "text", "array": "a list of numbers",
             "list": "a list", "bool": "True/False", "missing": "nothing yet"}
    return kinds.get(answer.get("type"), answer.get("python_type", "an unknown value"))


def _as_expr(answer: dict[str, Any], question: Question) -> sp.Expr:
    """Rebuild a symbolic answer through the safe parser (raises ValueError)."""
    kind = answer.get("type")
    if kind == "expr":
        return parse_formula(answer["text"], question.variables, max_length=MAX_TEXT)
    if kind == "text":
        return parse_formula(answer["value"], question.variables, max_length=MAX_TEXT)
    if kind == "number" and answer.get("value") is not None:
        return sp.nsimplify(answer["value"]) if float(answer["value"]).is_integer() else sp.Float(answer["value"])
    raise ValueError(f"expected a formula in {', '.join(question.variables)}, got {_described(answer)}")


def _as_vector(answer: dict[str, Any]) -> np.ndarray:
    """Rebuild a numeric answer as a float array (raises ValueError)."""
    kind = answer.get("type")
    if kind == "number":
        values, special = [answer.get("value")], [answer.get("special")]
    elif kind == "array":
        values, special = answer["value"], answer.get("special") or [None] * len(answer["value"])
    else:
        raise ValueError(f"expected a number, got {_described(answer)}")
    out = np.array([float(s) if s else v for v, s in zip(values, special, strict=True)], dtype=float)
    return out.reshape(answer.get("shape") or out.shape)


def _same_expr(a: sp.Expr, b: sp.Expr, question: Question, algebra: bool = True) -> bool:
    """Equivalence on the question's domain; ``algebra=False`` compares values only (fast)."""
    timeout = question.timeout if algebra else 0
    return equivalent(a, b, question.variables, question.domain, timeout=timeout)


def _expr_hint(answer: sp.Expr, key: sp.Expr, question: Question) -> str | None:
    # Naming a mistake needs no proof, so values alone decide (milliseconds, not seconds).
    for mistake in question.mistakes:
        wrong = parse_formula(mistake.answer, question.variables)
        if _same_expr(answer, wrong, question, algebra=False):
            return mistake.hint
    derivative_hint = _other_derivative_hint(answer, question)
    if derivative_hint:
        return derivative_hint
    if key != 0 and _same_expr(answer, -key, question, algebra=False):
        return "Your answer has the wrong sign."
    if key != 0 and (_same_expr(answer, 2 * key, question, algebra=False)
                     or _same_expr(2 * answer, key, question, algebra=False)):
        return "Your answer is off by a factor of 2."
    return question.hint


def _derivative_name(variables: tuple[str, ...]) -> str:
    return "the partial with respect to " + " then ".join(variables)


def _other_derivative_hint(answer: sp.Expr, question: Question) -> str | None:
    """Whether the answer is the function itself, or one of its other partials."""
    if not question.function or not question.wrt:
        return None
    f = parse_formula(question.function, question.variables)
    if _same_expr(answer, f, question, algebra=False):
        return "That is the function itself: differentiate it."
    for order in itertools.product(question.variables, repeat=len(question.wrt)):
        if sorted(order) == sorted(question.wrt):
            continue
        if _same_expr(answer, sp.diff(f, *order), question, algebra=False):
            return f"That is {_derivative_name(order)}; this question asks for {_derivative_name(question.wrt)}."
    return None


def _number_hint(answer: np.ndarray, key: np.ndarray, question: Question) -> str | None:
    def close(a: np.ndarray, b: np.ndarray) -> bool:
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=question.rtol, atol=question.atol))

    for mistake in question.mistakes:
        if close(answer, np.asarray(mistake.answer, dtype=float).reshape(key.shape)):
            return mistake.hint
    if np.any(key != 0) and close(answer, -key):
        return "Your answer has the wrong sign."
    if np.any(key != 0) and (close(answer, 2 * key) or close(2 * answer, key)):
        return "Your answer is off by a factor of 2."
    if key.ndim == 1 and key.size > 1 and np.linalg.norm(answer) > 0:
        unit = answer / np.linalg.norm(answer)
        if close(unit * np.linalg.norm(key), key):
            return "Your vector points the right way but has the wrong length: check the normalisation."
    return question.hint


def _judge_expr(question: Question, answer: dict[str, Any], key: dict[str, Any]) -> Verdict:
    try:
        mine = _as_expr(answer, question)
    except ValueError as exc:
        return Verdict(0.0, "invalid", f"Could not read your answer: {exc}.")
    expected = _as_expr(key, question)
    if _same_expr(mine, expected, question):
        return Verdict(1.0, "correct", "Correct.")
    return Verdict(0.0, "incorrect", "Not quite.", _expr_hint(mine, expected, question))


def _judge_exprs(question: Question, answer: dict[str, Any], key: dict[str, Any]) -> Verdict:
    keys = key.get("items") or [{"type": "number", "value": v} for v in key.get("value", [])]
    if answer.get("type") == "array":
        items = [{"type": "number", "value": v} for v in answer["value"]]
    elif answer.get("type") == "list":
        items = answer["items"]
    else:
        return Verdict(0.0, "invalid", f"Expected a list of {len(keys)} formulas, got {_described(answer)}.")
    if len(items) != len(keys):
        return Verdict(0.0, "invalid", f"Expected {len(keys)} components, got {len(items)}.")
    parts = [_judge_expr(question, a, k) for a, k in zip(items, keys, strict=True)]
    wrong = [i + 1 for i, p in enumerate(parts) if p.verdict != "correct"]
    if not wrong:
        return Verdict(1.0, "correct", "Correct.")
    hint = next((p.hint for p in parts if p.hint), None) or next(p.message for p in parts if p.verdict != "correct")
    names = ", ".join(str(i) for i in wrong)
    return Verdict(0.0, "incorrect", f"Component(s) {names} of {len(keys)} are not right.", hint)


def _judge_numbers(question: Question, answer: dict[str, Any], key: dict[str, Any]) -> Verdict:
    expected = _as_vector(key)
    try:
        mine = _as_vector(answer)
    except (ValueError, TypeError) as exc:
        return Verdict(0.0, "invalid", f"Could not read your answer: {exc}.")
    if mine.size == expected.size:
        mine = mine.reshape(expected.shape)
    else:
        return Verdict(0.0, "invalid", f"Expected {expected.size} number(s), got {mine.size}.")
    if not np.all(np.isfinite(mine)):
        return Verdict(0.0, "incorrect", "Your answer is not a finite number (nan or infinity).", question.hint)
    if np.allclose(mine, expected, rtol=question.rtol, atol=question.atol):
        return Verdict(1.0, "correct", "Correct.")
    return Verdict(0.0, "incorrect", "Not quite.", _number_hint(mine, expected, question))


def _judge_choice(question: Question, answer: dict[str, Any], key: dict[str, Any]) -> Verdict:
    if answer.get("type") != "text":
        options = ", ".join(question.choices)
        return Verdict(0.0, "invalid", f"Expected one of {options} as text, got {_described(answer)}.")
    mine = answer["value"].strip().lower()
    if question.choices and mine not in [c.lower() for c in question.choices]:
        return Verdict(0.0, "invalid", f"Answer with one of: {', '.join(question.choices)}.")
    if mine == key["value"].strip().lower():
        return Verdict(1.0, "correct", "Correct.")
    hint = next((m.hint for m in question.mistakes if str(m.answer).strip().lower() == mine), question.hint)
    return Verdict(0.0, "incorrect", "Not quite.", hint)


_JUDGES = {"expr": _judge_expr, "exprs": _judge_exprs, "number": _judge_numbers,
           "vector": _judge_numbers, "choice": _judge_choice}


def judge(question: Question, answer: dict[str, Any], key: dict[str, Any]) -> Verdict:
    """Judge an encoded answer against the encoded key of one question.

    Parameters
    ----------
    question : Question
        The question's spec: kind, variables, domain, tolerances, mistakes.
    answer, key : dict
        Outputs of :func:`encode`.

    Returns
    -------
    Verdict
        Full score only when the answer is equivalent to the key.
    """
    if answer.get("type") == "missing":
        return Verdict(0.0, "not answered", "Not answered yet: replace the ... with your answer.")
    return _JUDGES[question.kind](question, answer, key)


def check_form(question: Question, answer: dict[str, Any]) -> Verdict:
    """Check only the form of an answer (type, size, variables), not its value.

    Used where no key is present, such as a homework release: the learner
    learns whether the answer can be graded, not whether it is right.

    Examples
    --------
    >>> from helpers.questions import get_question
    >>> check_form(get_question("01-fx"), encode("3*x + z")).verdict
    'invalid'
    """
    if answer.get("type") == "missing":
        return Verdict(0.0, "not answered", "Not answered yet: replace the ... with your answer.")
    try:
        if question.kind == "expr":
            _as_expr(answer, question)
        elif question.kind == "exprs":
            for item in answer.get("items") or [{"type": "number", "value": v} for v in answer["value"]]:
                _as_expr(item, question)
        elif question.kind in ("number", "vector"):
            size = _as_vector(answer).size
            wanted = question.size or 1
            if size != wanted:
                raise ValueError(f"expected {wanted} number(s), got {size}")
        elif answer.get("type") != "text" or answer["value"].strip().lower() not in [
            c.lower() for c in question.choices
        ]:
            raise ValueError(f"answer with one of: {', '.join(question.choices)}")
    except (ValueError, KeyError, TypeError) as exc:
        return Verdict(0.0, "invalid", f"This answer cannot be graded: {exc}.")
    return Verdict(0.0, "received", "Your answer has the right form; it will be graded when you hand it in.")
