"""How an answer is judged against the key: one verdict for learner and grader.

:func:`judge` compares an answer encoded by :func:`helpers.encoding.encode`
with an encoded key for one :class:`helpers.questions.Question` and returns a
:class:`Verdict` with a plain-English message and, when wrong, a hint naming
the likely mistake. ``check()`` in a notebook and the teacher's grader both
call it, so they always agree.

The rules, in order:

1. The answer is read in any sensible form (:mod:`helpers.reading`); what
   cannot be read gets a message naming the fix, and no points.
2. Formulas are compared by value at random points of the question's domain
   (every sign of every variable; points where the key is undefined are
   skipped, and an answer undefined where the key is defined is wrong),
   then by algebra under a time limit.
3. Numbers, vectors and matrices are right to the significant figures the
   question asks for (:mod:`helpers.precision`); exact forms always are.
4. A wrong answer's hint: a planted mistake's own hint first; then an answer
   right to fewer figures than asked gets its own message (never a method
   hint); then rules that fit the question (the wrong sign, a factor of 2,
   a swapped order, a parallel vector of the wrong length: normalising only
   where a unit vector is asked for); then the question's general hint.

Examples
--------
>>> from helpers.questions import Question
>>> q = Question("00-demo", "number")
>>> judge(q, encode(2.47), {"type": "number", "value": 2.4730819}).verdict
'correct'
>>> judge(q, encode(2.5), {"type": "number", "value": 2.4730819}).message
'Right to 2 significant figures; this question asks for 3. Give more digits, or an exact expression.'
"""

from __future__ import annotations

import itertools
import math
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
import sympy as sp

from helpers.encoding import MAX_ITEMS, MAX_TEXT, encode
from helpers.precision import figures_matched, within
from helpers.questions import Question
from helpers.reading import (
    Unreadable,
    normalise_choice,
    read_choice,
    read_formula,
    read_formulas,
    read_numbers,
)
from helpers.symbolic import equivalent, parse_formula

__all__ = ["Verdict", "encode", "judge", "check_form", "GENERIC_NOTES", "MAX_ITEMS", "MAX_TEXT"]


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
    note : str or None
        A short name for that mistake (a planted mistake's own note, or
        ``"wrong sign"``, ``"close"``, ``"other partial"``...), so that a
        teacher can count how many students made each one.
    """

    score: float
    verdict: str
    message: str
    hint: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dictionary for JSON (``note`` only when there is one)."""
        out = asdict(self)
        if out["note"] is None:
            del out["note"]
        return out


# ------------------------------------------------------------------ formulas

_SIGN = "Your answer has the wrong sign."
_FACTOR_2 = "Your answer is off by a factor of 2."
_ORDER = "The components are in the wrong order."
_UNNORMALISED = "Your vector points the right way but has the wrong length: check the normalisation."
_PARALLEL = "Right direction, wrong size: look for a missing or extra factor."
_FUNCTION_ITSELF = "That is the function itself: differentiate it."
#: The short name ("answer note") of each generic hint, counted in the teacher's summary.
GENERIC_NOTES = {_SIGN: "wrong sign", _FACTOR_2: "factor of 2", _ORDER: "swapped components",
                 _UNNORMALISED: "not normalised", _PARALLEL: "wrong size", _FUNCTION_ITSELF: "not differentiated"}

_NOT_ANSWERED = Verdict(0.0, "not answered", "Not answered yet: replace the ... with your answer.")


def _cannot_read(exc: Exception) -> Verdict:
    text = str(exc).rstrip(".")
    return Verdict(0.0, "invalid", f"Could not read your answer: {text}.")


def _same_expr(a: sp.Expr, b: sp.Expr, question: Question, algebra: bool = True) -> bool:
    """Whether answer ``a`` equals key ``b`` on the question's domain (``algebra=False``: values only)."""
    timeout = question.timeout if algebra else 0
    return equivalent(a, b, question.variables, question.domain, timeout=timeout, seed=None)


def _derivative_name(variables: tuple[str, ...]) -> str:
    return "the partial with respect to " + " then ".join(variables)


def _other_derivative_hint(answer: sp.Expr, question: Question) -> str | None:
    """Whether the answer is the function itself, or one of its other partials."""
    if not question.function or not question.wrt:
        return None
    f = parse_formula(question.function, question.variables)
    if _same_expr(answer, f, question, algebra=False):
        return _FUNCTION_ITSELF
    for order in itertools.product(question.variables, repeat=len(question.wrt)):
        if sorted(order) == sorted(question.wrt):
            continue
        if _same_expr(answer, sp.diff(f, *order), question, algebra=False):
            return f"That is {_derivative_name(order)}; this question asks for {_derivative_name(question.wrt)}."
    return None


def _planted_expr_hint(answer: sp.Expr, question: Question) -> str | None:
    # Naming a mistake needs no proof, so values alone decide (milliseconds, not seconds).
    for mistake in question.mistakes:
        wrong = parse_formula(mistake.answer, question.variables)
        if _same_expr(answer, wrong, question, algebra=False):
            return mistake.hint
    return None


def _expr_hint(answer: sp.Expr, key: sp.Expr, question: Question) -> str | None:
    if planted := _planted_expr_hint(answer, question):
        return planted
    derivative_hint = _other_derivative_hint(answer, question)
    if derivative_hint:
        return derivative_hint
    if key != 0 and _same_expr(answer, -key, question, algebra=False):
        return _SIGN
    if key != 0 and (_same_expr(answer, 2 * key, question, algebra=False)
                     or _same_expr(2 * answer, key, question, algebra=False)):
        return _FACTOR_2
    return question.hint


def _judge_expr(question: Question, answer: dict[str, Any], key: dict[str, Any]) -> Verdict:
    try:
        mine = read_formula(answer, question.variables)
    except Unreadable as exc:
        return _cannot_read(exc)
    expected = read_formula(key, question.variables)
    if _same_expr(mine, expected, question):
        return Verdict(1.0, "correct", "Correct.")
    return Verdict(0.0, "incorrect", "Not quite.", _expr_hint(mine, expected, question))


def _key_items(key: dict[str, Any]) -> list[dict[str, Any]]:
    if key.get("type") == "array":
        return [{"type": "number", "value": v} for v in key["value"]]
    return key["items"]


def _judge_exprs(question: Question, answer: dict[str, Any], key: dict[str, Any]) -> Verdict:
    keys = [read_formula(k, question.variables) for k in _key_items(key)]
    try:
        mine = read_formulas(answer, question.variables, len(keys))
    except Unreadable as exc:
        return _cannot_read(exc)
    right = [_same_expr(a, k, question) for a, k in zip(mine, keys, strict=True)]
    if all(right):
        return Verdict(1.0, "correct", "Correct.")
    wrong = [i + 1 for i, ok in enumerate(right) if not ok]
    hint = next((h for i in wrong if (h := _planted_expr_hint(mine[i - 1], question))), None)
    if hint is None and len(keys) > 1 and all(_same_expr(a, k, question, algebra=False)
                                              for a, k in zip(mine, keys[::-1], strict=True)):
        hint = _ORDER
    if hint is None:
        hint = next((h for i in wrong if (h := _expr_hint(mine[i - 1], keys[i - 1], question))), None)
    names = ", ".join(str(i) for i in wrong)
    return Verdict(0.0, "incorrect", f"Component(s) {names} of {len(keys)} are not right.", hint)


# ------------------------------------------------------------------- numbers


def _matches(answer: np.ndarray, target: np.ndarray, question: Question) -> bool:
    if answer.shape != target.shape:
        return False
    if question.integer:
        return bool(np.all(np.abs(answer - target) <= 1e-9 * np.maximum(1.0, np.abs(target))))
    return within(answer, target, question.sigfigs)


def _multiple(answer: np.ndarray, key: np.ndarray, question: Question) -> float | None:
    """The factor c with answer = c * key (to the question's precision), if any."""
    if key.size < 2 or not np.any(key):
        return None
    c = float(np.dot(answer, key) / np.dot(key, key))
    return c if c != 0 and _matches(answer, c * key, question) else None


def _number_hint(answer: np.ndarray, key: np.ndarray, question: Question) -> str | None:
    for mistake in question.mistakes:
        if _matches(answer, np.asarray(mistake.answer, dtype=float).reshape(key.shape), question):
            return mistake.hint
    c = _multiple(answer, key, question)
    if c is not None and question.parallel_hint:
        return question.parallel_hint
    if np.any(key) and _matches(answer, -key, question):
        return _SIGN
    if np.any(key) and (_matches(answer, 2 * key, question) or _matches(answer, key / 2, question)):
        return _FACTOR_2
    if key.size == 2 and key[0] != key[1] and _matches(answer, key[::-1], question):
        return _ORDER
    if c is not None and c > 0:
        if question.unit:
            return _UNNORMALISED
        return _PARALLEL
    return question.hint


def _close(answer: np.ndarray, key: np.ndarray, question: Question) -> Verdict | None:
    """The "right to fewer figures than asked" verdict, when that is what the answer is."""
    if question.integer:
        return None
    figures = figures_matched(answer, key, most=question.sigfigs - 1)
    if figures >= min(2, question.sigfigs - 1):
        plural = "figure" if figures == 1 else "figures"
        return Verdict(0.0, "incorrect",
                       f"Right to {figures} significant {plural}; this question asks for {question.sigfigs}. "
                       "Give more digits, or an exact expression.")
    return None


def _number_size(question: Question, key: dict[str, Any]) -> int:
    return len(key["value"]) if key.get("type") == "array" else 1


def _judge_numbers(question: Question, answer: dict[str, Any], key: dict[str, Any]) -> Verdict:
    expected = read_numbers(key, question.variables, _number_size(question, key))
    try:
        mine = read_numbers(answer, question.variables, expected.size, question.shape)
    except Unreadable as exc:
        return _cannot_read(exc)
    if not np.all(np.isfinite(mine)):
        return Verdict(0.0, "incorrect", "Your answer is not a finite number (nan or infinity).", question.hint)
    if _matches(mine, expected, question):
        return Verdict(1.0, "correct", "Correct.")
    planted = next((m for m in question.mistakes
                    if _matches(mine, np.asarray(m.answer, dtype=float).reshape(expected.shape), question)), None)
    if planted is None and (close := _close(mine, expected, question)):
        return close
    return Verdict(0.0, "incorrect", "Not quite.", _number_hint(mine, expected, question))


# ------------------------------------------------------------------- choices


def _judge_choice(question: Question, answer: dict[str, Any], key: dict[str, Any]) -> Verdict:
    try:
        mine = read_choice(answer, question.choices)
    except Unreadable as exc:
        return Verdict(0.0, "invalid", f"{str(exc)[0].upper()}{str(exc)[1:]}.")
    if normalise_choice(mine) == normalise_choice(key["value"]):
        return Verdict(1.0, "correct", "Correct.")
    hint = next((m.hint for m in question.mistakes if normalise_choice(str(m.answer)) == normalise_choice(mine)),
                question.hint)
    return Verdict(0.0, "incorrect", "Not quite.", hint)


_JUDGES = {"expr": _judge_expr, "exprs": _judge_exprs, "number": _judge_numbers,
           "vector": _judge_numbers, "choice": _judge_choice}


def judge(question: Question, answer: dict[str, Any], key: dict[str, Any]) -> Verdict:
    """Judge an encoded answer against the encoded key of one question.

    Parameters
    ----------
    question : Question
        The question's spec: kind, variables, domain, precision, mistakes.
    answer, key : dict
        Outputs of :func:`encode`.

    Returns
    -------
    Verdict
        Full score only when the answer is equivalent to the key (to the
        question's precision, for numbers).
    """
    if answer.get("type") == "missing":
        return _NOT_ANSWERED
    verdict = _JUDGES[question.kind](question, answer, key)
    note = _note(verdict, question)
    return replace(verdict, note=note) if note else verdict


def _note(verdict: Verdict, question: Question) -> str | None:
    """The short name of the mistake a wrong answer's hint names."""
    if verdict.verdict != "incorrect":
        return None
    if verdict.hint is None:
        return "close" if verdict.message.startswith("Right to") else None
    planted = next((m for m in question.mistakes if m.hint == verdict.hint), None)
    if planted is not None:
        return planted.note or planted.hint[:60]
    if verdict.hint.startswith("That is the partial with respect to"):
        return "other partial"
    return GENERIC_NOTES.get(verdict.hint, "general hint" if verdict.hint == question.hint else None)


def check_form(question: Question, answer: dict[str, Any]) -> Verdict:
    """Check only the form of an answer (type, size, variables), not its value.

    Used where no key is present, such as a homework release: the learner
    learns whether the answer can be graded, not whether it is right. It
    reads the answer exactly as :func:`judge` does.

    Examples
    --------
    >>> from helpers.questions import get_question
    >>> check_form(get_question("01-fx"), encode("3*x + z")).verdict
    'invalid'
    """
    if answer.get("type") == "missing":
        return _NOT_ANSWERED
    try:
        if question.kind == "expr":
            read_formula(answer, question.variables)
        elif question.kind == "exprs":
            read_formulas(answer, question.variables, question.size or 2)
        elif question.kind in ("number", "vector"):
            size = math.prod(question.shape) if question.shape else question.size or 1
            read_numbers(answer, question.variables, size, question.shape)
        else:
            read_choice(answer, question.choices)
    except Unreadable as exc:
        return Verdict(0.0, "invalid", f"This answer cannot be graded: {str(exc).rstrip('.')}.")
    return Verdict(0.0, "received", "Your answer has the right form; it will be graded when you hand it in.")
