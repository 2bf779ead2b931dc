"""Exercise 00: every key against an independent computation; every planted mistake earns its hint."""

import math

import numpy as np
import pytest
import sympy as sp

from helpers.checks import check, load_key
from helpers.generate import ROOT
from helpers.grading.notebook import lesson_of
from helpers.grading.submissions import find_keys, lesson_number
from helpers.precision import within
from helpers.questions import get_question, questions_for

QUESTIONS = questions_for("00")
KEY = load_key("00")["answers"]


# ------------------------------------------------------------------ keys, computed independently


def test_dot_angle_and_cross_keys():
    assert KEY["00-dot"]["value"] == float(np.dot([3, -2, 1], [2, 4, -1])) == -3.0
    u, v = sp.Matrix([1, 2, 2]), sp.Matrix([2, 0, 1])
    angle = sp.deg(sp.acos(u.dot(v) / (u.norm() * v.norm())))
    assert KEY["00-angle"]["value"] == pytest.approx(float(angle), rel=1e-12)
    assert float(angle) == pytest.approx(53.40, abs=0.005)
    cross = np.cross([1, 2, 0], [0, 1, 3])
    assert KEY["00-cross"]["value"] == cross.tolist() == [6, -3, 1]
    assert np.dot(cross, [1, 2, 0]) == 0 and np.dot(cross, [0, 1, 3]) == 0


def test_matrix_keys():
    assert KEY["00-matvec"]["value"] == (np.array([[2, 1], [0, 3]]) @ [1, -1]).tolist() == [1, -3]
    assert KEY["00-det"]["value"] == pytest.approx(np.linalg.det([[3, 1], [4, 2]])) and KEY["00-det"]["value"] == 2
    assert KEY["00-eigenvalues"]["value"] == pytest.approx(np.linalg.eigvalsh([[5, 2], [2, 2]]).tolist())
    assert KEY["00-eigenvalues"]["value"] == [1.0, 6.0]
    eigenvalues = np.linalg.eigvalsh([[1, 3], [3, 2]])
    assert eigenvalues[0] < 0 < eigenvalues[1] and KEY["00-definite"]["value"] == "indefinite"


def test_planted_mistakes_are_the_slips_they_name():
    dot = [m.answer for m in QUESTIONS["00-dot"].mistakes]
    assert dot == pytest.approx([3 * 2 + 2 * 4 + 1 * 1, 3 * 2 - 2 * 4, math.sqrt(14) * math.sqrt(21)])
    cos = 4 / (3 * math.sqrt(5))
    angle = [m.answer for m in QUESTIONS["00-angle"].mistakes]
    assert angle == pytest.approx([math.acos(cos), 90 - math.degrees(math.acos(cos)), math.degrees(math.acos(4 / 45))])
    a, v = np.array([[2, 1], [0, 3]]), np.array([1, -1])
    matvec = [m.answer for m in QUESTIONS["00-matvec"].mistakes]
    assert matvec == [(a.T @ v).tolist(), (np.diag(a) * v).tolist(), a.sum(axis=1).tolist()]
    assert [m.answer for m in QUESTIONS["00-det"].mistakes] == [3 * 2 + 1 * 4, 1 * 4 - 3 * 2, 3 + 2]
    assert [m.answer for m in QUESTIONS["00-cross"].mistakes][0] == np.cross([0, 1, 3], [1, 2, 0]).tolist()


# ------------------------------------------------------------------ judging


@pytest.mark.parametrize(("qid", "mistake"), [(q.id, m) for q in QUESTIONS.values() for m in q.mistakes])
def test_each_planted_mistake_scores_zero_with_its_own_hint(qid, mistake):
    result = check(qid, mistake.answer)
    assert result.verdict.score == 0.0 and result.verdict.verdict == "incorrect", repr(result)
    assert result.verdict.hint == mistake.hint


@pytest.mark.parametrize("question", list(QUESTIONS.values()), ids=str)
def test_every_question_plants_two_to_five_mistakes_none_of_them_right(question):
    assert 2 <= len(question.mistakes) <= 5
    assert len({m.hint for m in question.mistakes}) == len(question.mistakes)
    for mistake in question.mistakes:
        if question.kind == "choice":
            assert mistake.answer in question.choices and mistake.answer != KEY[question.id]["value"]
        else:
            assert not within(np.asarray(mistake.answer, dtype=float).ravel(),
                              np.asarray(KEY[question.id]["value"], dtype=float).ravel(), question.sigfigs)


EQUIVALENT_FORMS = {
    "00-dot": [-3, -3.0, sp.Integer(-3)],
    "00-angle": [53.4, float(sp.deg(sp.acos(sp.Rational(4, 3) / sp.sqrt(5))))],
    "00-cross": [[6, -3, 1], np.array([6.0, -3.0, 1.0]), sp.Matrix([6, -3, 1])],
    "00-matvec": [[1, -3], (1.0, -3.0), sp.Matrix([1, -3])],
    "00-det": [2, sp.Matrix([[3, 1], [4, 2]]).det(), float(np.linalg.det([[3, 1], [4, 2]]))],
    "00-eigenvalues": [[1, 6], np.linalg.eigvalsh([[5.0, 2.0], [2.0, 2.0]])],
    "00-definite": ["indefinite", " Indefinite "],
}


def test_every_question_has_equivalent_forms_listed():
    assert set(EQUIVALENT_FORMS) == set(QUESTIONS)


@pytest.mark.parametrize(("qid", "answer"), [(q, a) for q, forms in EQUIVALENT_FORMS.items() for a in forms])
def test_equivalent_correct_forms_score_full(qid, answer):
    result = check(qid, answer)
    assert result.correct and result.verdict.score == 1.0, repr(result)


def test_unanswered_and_wrong_shapes_get_plain_messages():
    assert check("00-dot", ...).verdict.verdict == "not answered"
    assert check("00-cross", [6, -3]).verdict.verdict == "invalid"
    assert check("00-definite", "maybe").verdict.verdict == "invalid"


# ------------------------------------------------------------------ lesson 00 is a lesson like the others


def test_lesson_00_is_found_by_the_grader_and_the_checker():
    assert lesson_number("00-vectors-and-matrices") == "00"
    assert lesson_of(["00-dot", "00-angle"]) == "00"
    keys = find_keys(ROOT / "solutions")
    assert keys["00"].lesson == "00-vectors-and-matrices" and keys["01"].lesson == "01-partial-derivatives"
    assert get_question("00-dot").kind == "number"
