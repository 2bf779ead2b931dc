"""Specs of every exercise question: what kind of answer, how to compare it.

A :class:`Question` holds everything needed to judge an answer except the
answer itself: the kind (``expr``, ``exprs``, ``number``, ``vector``,
``choice``), the variables and the domain to sample, tolerances, and the
likely mistakes with the hint each one earns. The answers live in the
solution notebooks and, for learners, in the generated ``helpers/keys/``.

Examples
--------
>>> get_question("01-fx").kind
'expr'
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from helpers.precision import DEFAULT_SIGFIGS

__all__ = ["Mistake", "Question", "KINDS", "get_question", "questions_for", "precision_phrase"]

#: The kinds of answer a question can ask for.
KINDS = ("expr", "exprs", "number", "vector", "choice")


@dataclass(frozen=True)
class Mistake:
    """A planted wrong answer and the hint it earns.

    ``answer`` is formula text for symbolic questions, a number or list of
    numbers for numeric ones; ``note`` is a short name for the mistake (an
    "answer note", counted per question in the teacher's summary).
    """

    answer: Any
    hint: str
    note: str | None = None


@dataclass(frozen=True)
class Question:
    """How one exercise question is judged.

    Attributes
    ----------
    id : str
        ``"NN-name"``, the ``grade_id`` of its answer cell.
    kind : str
        One of :data:`KINDS`.
    variables : tuple of str
        Variables a formula may use.
    domain : dict, optional
        ``{variable: (low, high)}`` box where formulas are compared by value.
    sigfigs : int
        Significant figures a numeric answer must be right to (see
        :mod:`helpers.precision`); the question's text says so, in the words
        of :func:`precision_phrase`.
    mistakes : tuple of Mistake
        Likely wrong answers, each with its hint.
    hint : str, optional
        Hint for a wrong answer that matches no planted mistake.
    choices : tuple of str
        The allowed answers of a ``choice`` question.
    size : int, optional
        How many numbers a ``vector`` answer has (or formulas an ``exprs`` one).
    shape : tuple of int, optional
        ``(rows, cols)`` when the numbers form a matrix (given row by row).
    unit : bool
        Whether the answer is a unit vector, so that a parallel answer of
        another length earns the hint about normalising.
    integer : bool
        Whether the answer is a whole number, to be given exactly.
    parallel_hint : str, optional
        Hint for an answer that is a multiple of the key other than the key
        (for a normal vector: "that is also a normal vector...").
    timeout : float
        Seconds allowed for symbolic simplification.
    function : str, optional
        For a question that asks for a partial derivative: the function, as
        the learner is given it. Wrong answers are then also compared with
        the function itself and with its other partials of the same order,
        so "that is the partial with respect to y" needs no planted answer
        (a planted one would reveal another question's answer).
    wrt : tuple of str
        The variables the asked-for derivative is taken by, in order
        (``("x",)`` for f_x, ``("x", "y")`` for f_xy).
    """

    id: str
    kind: str
    variables: tuple[str, ...] = ("x", "y")
    domain: dict[str, tuple[float, float]] | None = None
    sigfigs: int = DEFAULT_SIGFIGS
    mistakes: tuple[Mistake, ...] = field(default_factory=tuple)
    hint: str | None = None
    choices: tuple[str, ...] = field(default_factory=tuple)
    size: int | None = None
    shape: tuple[int, ...] | None = None
    unit: bool = False
    integer: bool = False
    parallel_hint: str | None = None
    timeout: float = 2.0
    function: str | None = None
    wrt: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"question {self.id}: kind must be one of {KINDS}, not {self.kind!r}")
        if not 1 <= self.sigfigs <= 12:
            raise ValueError(f"question {self.id}: sigfigs must be from 1 to 12, not {self.sigfigs}")


def precision_phrase(question: Question) -> str | None:
    """The sentence a numeric question's text carries about precision, or None.

    Examples
    --------
    >>> precision_phrase(Question("00-demo", "number"))
    'Give at least 3 significant figures, or an exact expression.'
    >>> precision_phrase(Question("00-demo", "number", sigfigs=4, integer=True))
    'The answer is a whole number: give it exactly.'
    """
    if question.kind not in ("number", "vector"):
        return None
    if question.integer:
        return "The answer is a whole number: give it exactly."
    return f"Give at least {question.sigfigs} significant figures, or an exact expression."


def questions_for(lesson: str) -> dict[str, Question]:
    """All questions of a lesson, by id (``lesson`` is ``"01"`` or ``"01-..."``)."""
    number = lesson[:2]
    try:
        module = importlib.import_module(f"helpers.questions.lesson{number}")
    except ImportError:
        raise KeyError(f"no questions for lesson {lesson!r}") from None
    return {q.id: q for q in module.QUESTIONS}


def get_question(question_id: str) -> Question:
    """The spec of one question, e.g. ``get_question("01-fx")``.

    Raises
    ------
    KeyError
        With a plain message when no such question exists.
    """
    try:
        return questions_for(question_id)[question_id]
    except KeyError:
        raise KeyError(f"there is no exercise question called {question_id!r}") from None
