"""What an exercise cell calls: ``check("01-fx", fx)``.

``check`` judges the answer against the key generated from the solution
notebook (``helpers/keys/``) and returns a :class:`CheckResult`, which shows
itself as one short line (or a coloured box in JupyterLab): the verdict and,
when wrong, a hint naming the likely mistake. It never raises: a broken
answer, an unknown question id or a slow comparison all end in a message.

Where no key is present (a homework release), ``check`` looks only at the
form of the answer and says it will be graded.
"""

from __future__ import annotations

import functools
import html
import json
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.answers import Verdict, check_form, encode, judge
from helpers.questions import get_question

__all__ = ["CheckResult", "check", "load_key", "time_limit", "KEY_FOLDER"]

#: Where the generated answer keys live (absent in a homework release).
KEY_FOLDER = Path(__file__).resolve().parent / "keys"

_MARKS = {"correct": "✓", "incorrect": "✗", "invalid": "✗", "not answered": "…", "received": "✓"}
_COLOURS = {"correct": "#009E73", "incorrect": "#D55E00", "invalid": "#D55E00",
            "not answered": "#666666", "received": "#0072B2"}


@dataclass(frozen=True)
class CheckResult:
    """The result of one ``check``; shows itself as a short verdict."""

    question_id: str
    verdict: Verdict

    @property
    def correct(self) -> bool:
        """Whether the answer earned full marks."""
        return self.verdict.verdict == "correct"

    def __repr__(self) -> str:
        v = self.verdict
        text = f"{self.question_id}: {_MARKS.get(v.verdict, '?')} {v.message}"
        return text + (f"\nHint: {v.hint}" if v.hint else "")

    def _repr_html_(self) -> str:
        v = self.verdict
        colour = _COLOURS.get(v.verdict, "#666666")
        hint = f"<br><b>Hint:</b> {html.escape(v.hint)}" if v.hint else ""
        return (f'<div class="course-check" style="border-left:4px solid {colour};padding:2px 8px">'
                f"<b>{html.escape(self.question_id)}</b>: {_MARKS.get(v.verdict, '?')} "
                f"{html.escape(v.message)}{hint}</div>")


@functools.lru_cache(maxsize=16)
def load_key(lesson: str) -> dict[str, Any] | None:
    """The answer key of a lesson (``"01"``), or None when none is installed."""
    matches = sorted(KEY_FOLDER.glob(f"{lesson[:2]}-*.json"))
    if not matches:
        return None
    return json.loads(matches[0].read_text(encoding="utf-8"))


class _TooSlow(TimeoutError):
    pass


@contextmanager
def time_limit(seconds: float):
    """Raise :class:`TimeoutError` after ``seconds`` (main thread only; else no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _verdict(question_id: str, answer: Any, seconds: float) -> Verdict:
    try:
        question = get_question(question_id)
    except KeyError as exc:
        return Verdict(0.0, "invalid", str(exc.args[0]) + ": check the id in the check(...) call.")
    key = load_key(question_id)
    try:
        with time_limit(seconds):
            encoded = encode(answer)  # may work out an unevaluated derivative: inside the limit
            if key is None:
                return check_form(question, encoded)
            return judge(question, encoded, key["answers"][question_id])
    except _TooSlow:
        return Verdict(0.0, "invalid", "Checking this answer took too long: try a simpler form of it.")
    except Exception as exc:  # the learner sees a message, never a traceback
        return Verdict(0.0, "invalid", f"This answer could not be checked ({type(exc).__name__}).")


def check(question_id: str, answer: Any, *, seconds: float = 10.0) -> CheckResult:
    """Judge one exercise answer and say why.

    Parameters
    ----------
    question_id : str
        The question's id, as written in the exercise, e.g. ``"01-fx"``.
    answer : object
        The learner's answer: a sympy expression, formula text, a number,
        a list, or ``...`` while not answered.
    seconds : float
        Time allowed for the comparison.

    Returns
    -------
    CheckResult
        Displays as ``01-fx: ✓ Correct.`` or ``01-fx: ✗ Not quite.`` plus a hint.
    """
    return CheckResult(question_id, _verdict(question_id, answer, seconds))
