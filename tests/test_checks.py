"""check(): full marks for correct forms, zero and the right hint for planted mistakes."""

import time

import pytest
import sympy as sp

from helpers import checks
from helpers.checks import check
from helpers.questions import questions_for

x, y, z = sp.symbols("x y z")
QUESTIONS = questions_for("01")

# Correct answers in forms other than the solution's.
EQUIVALENT_FORMS = {
    "01-fx": [y * (3 * x**2 * y - 4), "3*x^2*y^2 - 4*y", sp.diff(x**3 * y**2 - 4 * x * y + 7 * y, x)],
    "01-fy": ["2*x**3*y - 4*x + 7", 7 + 2 * x * (x**2 * y - 2)],
    "01-gy": ["x*cos(x*y) + 2*exp(x)*exp(2*y)", x * sp.cos(x * y) + 2 * sp.E ** (x + 2 * y)],
    "01-qx": ["(y**2 - x**2)/(x**2 + y**2)**2", (y - x) * (y + x) / (x**2 + y**2) ** 2],
    "01-hx-value": [1.5 * float(sp.exp(0.5)), sp.Rational(3, 2) * sp.exp(sp.Rational(1, 2))],
    "01-wz": ["3*x**2*y*z**2"],
    "01-fxy": ["2*(3*x**2*y - 2)", 6 * x**2 * y - 4],
    "01-forward-difference": [4.2, (1.1**2 * 2 - 2) / 0.1],
    "01-larger": ["f_x", "F_x "],
}


def test_every_question_has_equivalent_forms_listed():
    assert set(EQUIVALENT_FORMS) == set(QUESTIONS)


@pytest.mark.parametrize(("qid", "answer"), [(q, a) for q, forms in EQUIVALENT_FORMS.items() for a in forms])
def test_equivalent_correct_forms_score_full(qid, answer):
    result = check(qid, answer)
    assert result.correct and result.verdict.score == 1.0, repr(result)


@pytest.mark.parametrize(("qid", "mistake"), [(q.id, m) for q in QUESTIONS.values() for m in q.mistakes])
def test_each_planted_mistake_scores_zero_with_its_own_hint(qid, mistake):
    result = check(qid, mistake.answer)
    assert result.verdict.score == 0.0 and result.verdict.verdict == "incorrect"
    assert result.verdict.hint == mistake.hint


def test_unanswered_question_says_not_answered():
    result = check("01-fx", ...)
    assert result.verdict.verdict == "not answered" and "Not answered yet" in repr(result)


@pytest.mark.parametrize(
    ("qid", "answer", "phrase"),
    [("01-fx", [1, 2], "formula"), ("01-hx-value", "abc", "number"), ("01-fx", object(), "formula"),
     ("01-fx", "3*x**2*y**2 - 4*w", "unknown name"), ("01-larger", "x", "f_x"),
     ("01-fx", "__import__('os').system('echo hi')", "not allowed")],
)
def test_wrong_types_get_a_plain_message(qid, answer, phrase):
    result = check(qid, answer)
    assert result.verdict.score == 0.0 and result.verdict.verdict == "invalid"
    assert phrase in result.verdict.message


def test_unknown_question_id_is_a_message_not_an_error():
    result = check("01-nope", 1)
    assert result.verdict.verdict == "invalid" and "no exercise question called '01-nope'" in result.verdict.message


def test_display_is_one_line_verdict_plus_hint():
    result = check("01-fx", "3*x**2*y**2")
    hint = "Hint: The term -4xy depends on x too: its x-partial is -4y."
    assert repr(result).splitlines() == ["01-fx: ✗ Not quite.", hint]
    assert "<script" not in check("01-larger", "<script>")._repr_html_()


def test_release_mode_checks_form_only(monkeypatch):
    monkeypatch.setattr(checks, "load_key", lambda lesson: None)
    assert check("01-fx", "1").verdict.verdict == "received"
    assert check("01-fx", "x*w").verdict.verdict == "invalid"
    assert check("01-hx-value", [1.0, 2.0]).verdict.verdict == "invalid"
    assert check("01-larger", "f_y").verdict.verdict == "received"


def test_a_slow_comparison_is_stopped(monkeypatch):
    monkeypatch.setattr(checks, "judge", lambda *args: time.sleep(5))
    start = time.perf_counter()
    result = check("01-fx", "x", seconds=0.3)
    assert time.perf_counter() - start < 2
    assert "took too long" in result.verdict.message


@pytest.mark.parametrize(
    ("qid", "answer", "hint"),
    [("01-fx", "2*x**3*y - 4*x + 7", "That is the partial with respect to y; this question asks for "
                                      "the partial with respect to x."),
     ("01-fy", "3*x**2*y**2 - 4*y", "That is the partial with respect to x; this question asks for "
                                     "the partial with respect to y."),
     ("01-fx", "x**3*y**2 - 4*x*y + 7*y", "That is the function itself: differentiate it.")],
)
def test_other_partials_are_named_without_planting_answers(qid, answer, hint):
    result = check(qid, answer)
    assert result.verdict.score == 0.0 and result.verdict.hint == hint
