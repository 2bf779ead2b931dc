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

__all__ = ["Mistake", "Question", "KINDS", "get_question", "questions_for"]

#: The kinds of answer a question can ask for.
KINDS = ("expr", "exprs", "number", "vector", "choice")



@dataclass(frozen=True)
class Mistake:
    """A planted wrong answer and the hint it earns.

    ``answer`` is formula text for symbolic questions, a number or list of
    numbers for numeric ones.
    """

    answer: Any
    hint: str


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
    rtol, atol : float
        Tolerances for numeric answers and sampled values.
    mistakes : tuple of Mistake
        Likely wrong answers, each with its hint.
    hint : str, optional
        Hint for a wrong answer that matches no planted mistake.
    choices : tuple of str
        The allowed answers of a ``choice`` question.
    size : int, optional
        How many numbers a ``vector`` answer has.
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
    rtol: float = 1e-6
    atol: float = 1e-9
    mistakes: tuple[Mistake, ...] = field(default_factory=tuple)
    hint: str | None = None
    choices: tuple[str, ...] = field(default_factory=tuple)
    size: int | None = None
    timeout: float = 2.0
    function: str | None = None
    wrt: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"question {self.id}: kind must be one of {KINDS}, not {self.kind!r}")


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
