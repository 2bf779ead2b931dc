"""Practice: fresh versions, judged as check judges them, with a streak and the worked answer."""

import pytest

from helpers.answers import judge
from helpers.encoding import encode
from helpers.templates import LESSONS_WITH_TEMPLATES, templates_for
from helpers.templates.practice import REVEAL_AFTER, Practice
from helpers.widgets.practice import practice


def test_the_same_seed_gives_the_same_sequence():
    a, b = Practice("01", seed=5), Practice("01", seed=5)
    for _ in range(12):
        assert a.current == b.current
        a.another(), b.another()


def test_a_round_draws_every_question_kind_of_the_lesson():
    p = Practice("01", seed=1)
    seen = {p.current.id} | {p.another().id for _ in range(len(p.ids) - 1)}
    assert seen == set(templates_for("01"))


def test_the_verdict_is_the_judge_verdict_for_the_typed_text():
    p = Practice("01", seed=2)
    for _ in range(len(p.ids)):
        v = p.current
        typed = p.key_text()
        assert p.answer(typed) == judge(v.question, encode(typed), v.key)
        assert p.answer(typed).verdict == "correct"
        p.another()


def test_streak_counts_first_try_right_answers_and_a_wrong_one_ends_it():
    p = Practice("01", seed=4)
    for expected in (1, 2, 3):
        p.answer(p.key_text())
        assert p.streak == expected
        p.another()
    wrong = "0" if p.current.question.kind != "choice" else "equal" if p.key_text() != "equal" else "f_x"
    assert p.answer(wrong).verdict == "incorrect" and p.streak == 0


def test_the_worked_answer_is_due_after_three_wrong_tries_and_ends_the_streak():
    p = Practice("01", seed=6)
    while p.current.question.kind == "choice":
        p.another()
    for _ in range(REVEAL_AFTER):
        assert not p.should_reveal
        p.answer("12345")
    assert p.should_reveal
    text = p.reveal()
    assert text.startswith("**Answer:**") and p.current.worked in text
    p.answer(p.key_text())
    assert p.streak == 0  # a revealed answer does not count


@pytest.mark.parametrize("typed", ["3*x**2 +", "import os", "x" * 5000, "__class__", "sin(", "1/0"])
def test_malformed_text_gets_a_message_never_an_error(typed):
    p = Practice("01", seed=7)
    verdict = p.answer(typed)
    assert verdict.score == 0.0 and verdict.message


def test_a_lesson_without_templates_says_so():
    with pytest.raises(ValueError, match="no practice questions"):
        Practice("99")


def test_the_widget_checks_reveals_and_draws_another():
    w = practice("01", seed=8)
    state, controls, outputs = w.practice, w.controls, w.outputs
    first = outputs["question"].value
    assert state.current.id in first
    controls["answer"].value = state.key_text()
    controls["check"].click()
    assert "✓" in outputs["verdict"].value and "<b>1</b>" in outputs["streak"].value
    controls["reveal"].click()
    assert "Answer:" in outputs["worked"].value
    controls["another"].click()
    assert outputs["question"].value != first and outputs["verdict"].value == "" and outputs["worked"].value == ""
    controls["answer"].value = "not a formula ("
    controls["check"].click()
    assert "✗" in outputs["verdict"].value and "Traceback" not in outputs["verdict"].value


def test_the_widget_says_so_where_there_is_nothing_to_practise(monkeypatch):
    import sys

    w = practice("99")
    assert "no practice questions" in w.children[0].value
    monkeypatch.setitem(sys.modules, "helpers.templates.practice", None)  # as in a release without templates
    w = practice("01")
    assert "not part of a homework release" in w.children[0].value


@pytest.mark.parametrize("lesson", LESSONS_WITH_TEMPLATES)
def test_every_question_of_every_templated_lesson_can_be_practised(lesson):
    for seed in (1, 2, 3):
        p = Practice(lesson, seed=seed)
        for _ in range(len(p.ids)):
            v, typed = p.current, p.key_text()
            assert p.answer(typed) == judge(v.question, encode(typed), v.key)
            assert p.answer(typed).verdict == "correct", (v.id, typed)
            p.another()
