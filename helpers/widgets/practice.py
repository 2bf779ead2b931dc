"""The practice widget: a fresh version of a question, an answer box, Check, Another one.

It shows a :class:`helpers.templates.practice.Practice`: the question typeset with its
own numbers, a text box (read by the safe parser), the verdict and hint
exactly as ``check`` gives them, a count of right answers in a row, and the
worked answer on request or after three wrong tries. It needs no network,
no teacher and no key file: every version's key is computed from its template.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from helpers.answers import Verdict
from helpers.widgets.base import speak, spoken_readout
from helpers.widgets.spoken import readout_sentence

__all__ = ["practice", "verdict_html"]

_MARKS = {"correct": "✓", "incorrect": "✗", "invalid": "✗", "not answered": "…"}
_COLOURS = {"correct": "#009E73", "incorrect": "#D55E00", "invalid": "#D55E00", "not answered": "#555555"}
_PLACEHOLDERS = {"expr": "a formula, e.g. 3*x**2*y - 4*y", "exprs": "formulas separated by commas, e.g. 2*x, 3*y",
                 "number": "a number or an exact value, e.g. 2.47 or sqrt(17)",
                 "vector": "numbers separated by commas, e.g. 0.6, -0.8", "choice": "one of the choices, e.g. f_x"}


def verdict_html(verdict: Verdict) -> str:
    """A verdict as the coloured line ``check`` shows, with its hint."""
    colour = _COLOURS.get(verdict.verdict, "#555555")
    hint = f"<br><b>Hint:</b> {html.escape(verdict.hint)}" if verdict.hint else ""
    return (f'<div style="border-left:4px solid {colour};padding:2px 8px">'
            f"{_MARKS.get(verdict.verdict, '?')} {html.escape(verdict.message)}{hint}</div>")


def _static_html(lesson: str) -> str:
    """A fixed example version for readers without a kernel (GitHub, nbviewer): stable across runs."""
    from helpers.templates.practice import Practice

    example = Practice(lesson, seed=0).current
    text = html.escape(example.text).replace("\n\n", "<br><br>").replace("\n", " ")
    return (f"<div><b>Practice</b> (an example question; run the notebook for fresh versions with their "
            f"own numbers, an answer box, Check and Another one):<br>{text}</div>")


def practice(lesson: str, seed: int | None = None) -> widgets.VBox:
    """Endless practice on the questions of one lesson.

    Parameters
    ----------
    lesson : str
        ``"01"`` (or the lesson's name).
    seed : int, optional
        The same seed always gives the same sequence of versions.

    Returns
    -------
    ipywidgets.VBox
        Question, answer box, buttons (Check, Another one, Show the worked
        answer), verdict and streak. ``.practice`` is the state behind it;
        ``.summary`` a one-line text stand-in for static readers. Where no
        templates are installed (a homework release) or the lesson has none,
        a one-line note saying so instead.
    """
    try:
        from helpers.templates.practice import REVEAL_AFTER, Practice

        state = Practice(lesson, seed)
    except (ImportError, ValueError) as exc:  # a homework release carries no templates
        reason = ("practice questions are not part of a homework release" if isinstance(exc, ImportError)
                  else str(exc))
        note = widgets.HTML(f"<i>No practice here: {html.escape(reason)}.</i>")
        note.summary = f"No practice here: {reason}."
        return widgets.VBox([note])
    question = widgets.HTMLMath()
    box = widgets.Text(description="Your answer", style={"description_width": "initial"},
                       layout=widgets.Layout(width="95%"))
    check_button = widgets.Button(description="Check", button_style="primary", tooltip="Check your answer")
    another_button = widgets.Button(description="Another one", tooltip="A fresh version of a question")
    reveal_button = widgets.Button(description="Show the worked answer", tooltip="The answer and its main step")
    verdict = widgets.HTML()
    worked = widgets.HTMLMath()
    streak = widgets.HTML()
    spoken = spoken_readout("practice-spoken")

    def show_streak() -> None:
        streak.value = f"Right in a row: <b>{state.streak}</b>"

    def show_question() -> None:
        v = state.current
        question.value = (f"<b>Question {html.escape(v.id)}</b> (version {v.seed})<br>"
                          + html.escape(v.text).replace("\n\n", "<br><br>").replace("\n", " "))
        box.value, box.placeholder = "", _PLACEHOLDERS.get(v.question.kind, "")
        verdict.value = worked.value = ""
        show_streak()

    def on_check(_=None) -> None:
        result = state.answer(box.value)
        verdict.value = verdict_html(result)
        speak(spoken, f"{readout_sentence(verdict.value)} Right in a row: {state.streak}.")
        if state.should_reveal and not state.revealed:
            worked.value = (f"After {REVEAL_AFTER} tries, here is the worked answer.<br>"
                            + html.escape(state.reveal()).replace("\n\n", "<br>"))
        show_streak()

    def on_another(_=None) -> None:
        state.another()
        show_question()

    def on_reveal(_=None) -> None:
        worked.value = html.escape(state.reveal()).replace("\n\n", "<br>")
        show_streak()

    check_button.on_click(on_check)
    another_button.on_click(on_another)
    reveal_button.on_click(on_reveal)
    show_question()
    container = widgets.VBox([question, box, widgets.HBox([check_button, another_button, reveal_button]),
                              verdict, spoken, worked, streak])
    container.practice = state
    container.summary = f"Practice on lesson {lesson[:2]}: run the notebook to get a question."
    container.static_html = lambda: _static_html(lesson)
    container.controls = {"answer": box, "check": check_button, "another": another_button, "reveal": reveal_button}
    container.outputs = {"question": question, "verdict": verdict, "worked": worked, "streak": streak,
                         "spoken": spoken}
    return container
