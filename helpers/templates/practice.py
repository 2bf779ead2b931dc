"""Endless practice: fresh versions of a lesson's questions, judged as ``check`` judges them.

:class:`Practice` is the state of one learner's practice on one lesson (no
widget, no display): which version is on the screen, how many answers in a
row were right, how many tries this version has had. The widget in
:mod:`helpers.widgets.practice` only shows it.

Versions are drawn from every question kind of the lesson in turn (a shuffled
round of all its templates, then another), each with a fresh seed from the
practice's own generator, so the same practice seed always gives the same
sequence. Answers are typed text, read through the safe parser by the same
judge that ``check`` and the grader use.

Examples
--------
>>> p = Practice("01", seed=3)
>>> v = p.current
>>> p.answer("").verdict
'not answered'
>>> p.answer(p.key_text()).verdict
'correct'
>>> p.streak
1
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from helpers.answers import Verdict, judge
from helpers.checks import time_limit
from helpers.encoding import encode
from helpers.reading import read_formula, read_formulas
from helpers.templates import Variant, templates_for, variant

__all__ = ["Practice", "REVEAL_AFTER", "key_text", "key_latex"]

#: Wrong tries after which the worked answer is shown without being asked for.
REVEAL_AFTER = 3
_SECONDS = 10.0


def key_text(v: Variant) -> str:
    """The key as a learner would type it (formula text, numbers, or the choice)."""
    key = v.key
    if key["type"] == "expr":
        return key["text"]
    if key["type"] == "list":
        return ", ".join(item.get("text", repr(item.get("value"))) for item in key["items"])
    if key["type"] == "array":
        return ", ".join(f"{value:.6g}" for value in key["value"])
    if key["type"] == "number":
        return f"{key['value']:.6g}"
    return str(key.get("value", ""))


def key_latex(v: Variant) -> str:
    """The key typeset (markdown with LaTeX), for the worked answer."""
    names = v.question.variables
    if v.key["type"] == "expr":
        return f"${sp.latex(read_formula(v.key, names))}$"
    if v.key["type"] == "list":
        parts = read_formulas(v.key, names, len(v.key["items"]))
        return "$\\left(" + ",\\ ".join(sp.latex(p) for p in parts) + "\\right)$"
    if v.key["type"] in ("array", "number"):
        text = key_text(v)
        return f"$({text})$" if v.key["type"] == "array" else f"${text}$"
    return f"`\"{key_text(v)}\"`"


class Practice:
    """One learner's practice on one lesson.

    Parameters
    ----------
    lesson : str
        ``"01"`` (or ``"01-partial-derivatives"``); it must have templates.
    seed : int, optional
        Seed of the sequence of versions; None draws a fresh one.

    Attributes
    ----------
    current : Variant
        The version on the screen.
    streak : int
        Right answers in a row.
    tries : int
        Wrong tries at the current version.
    revealed : bool
        Whether the worked answer of the current version has been shown.
    """

    def __init__(self, lesson: str, seed: int | None = None) -> None:
        self.ids = tuple(templates_for(lesson))
        if not self.ids:
            raise ValueError(f"lesson {lesson!r} has no practice questions yet")
        self._rng = np.random.default_rng(seed)
        self._round: list[str] = []
        self.streak = 0
        self.current = self._draw()
        self.tries, self.revealed = 0, False

    def _draw(self) -> Variant:
        if not self._round:
            self._round = list(self._rng.permutation(self.ids))
        question_id = str(self._round.pop())
        return variant(question_id, int(self._rng.integers(1, 2**31)))

    def another(self) -> Variant:
        """Put a fresh version on the screen (an unsolved one ends the streak)."""
        self.current = self._draw()
        self.tries, self.revealed = 0, False
        return self.current

    def answer(self, text: str) -> Verdict:
        """Judge typed text against the current version, and keep count."""
        if not str(text).strip():
            return Verdict(0.0, "not answered", "Type an answer in the box first.")
        try:
            with time_limit(_SECONDS):
                verdict = judge(self.current.question, encode(str(text)), self.current.key)
        except TimeoutError:
            verdict = Verdict(0.0, "invalid", "Checking this answer took too long: try a simpler form of it.")
        if verdict.verdict == "correct":
            self.streak = self.streak + 1 if not self.revealed and self.tries == 0 else self.streak
        elif verdict.verdict == "incorrect":
            self.tries += 1
            self.streak = 0
        return verdict

    @property
    def should_reveal(self) -> bool:
        """Whether the worked answer is due (after :data:`REVEAL_AFTER` wrong tries)."""
        return self.tries >= REVEAL_AFTER

    def reveal(self) -> str:
        """The worked answer (markdown): the key and the main step that gives it. Ends the streak."""
        self.revealed, self.streak = True, 0
        return f"**Answer:** {key_latex(self.current)}\n\n{self.current.worked}"

    def key_text(self) -> str:
        """The current key as typed text (for tests and the worked answer)."""
        return key_text(self.current)
