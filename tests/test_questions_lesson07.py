"""Exercise 07: every key against an independent computation, every planted mistake and hint."""

import numpy as np
import pytest
import sympy as sp

from helpers.checks import check, load_key
from helpers.questions import questions_for

QUESTIONS = questions_for("07")
KEY = load_key("07")["answers"]
X = sp.Matrix([[1, 0], [1, 1], [1, 2]])
Y = sp.Matrix([1, 2, 4])
W = sp.Matrix([0, 1])


def test_every_question_is_in_the_key_with_mistakes_and_a_hint():
    assert set(KEY) == set(QUESTIONS) and len(QUESTIONS) == 5
    for question in QUESTIONS.values():
        assert 2 <= len(question.mistakes) <= 5 and question.hint, question.id


def test_least_squares_keys_from_sympy_partials():
    w0, w1 = sp.symbols("w0 w1")
    J = sum((w0 + w1 * X[n, 1] - Y[n]) ** 2 for n in range(3)) / 3
    exact = [sp.diff(J, v).subs({w0: 0, w1: 1}) for v in (w0, w1)]
    assert exact == [sp.Rational(-8, 3), sp.Rational(-10, 3)]
    assert np.allclose(KEY["07-ls-gradient"]["value"], [float(e) for e in exact])
    Jb = sum((w0 + w1 * X[n, 1] - Y[n]) ** 2 for n in (0, 2)) / 2
    batch = [sp.diff(Jb, v).subs({w0: 0, w1: 1}) for v in (w0, w1)]
    assert batch == [-3, -4] and np.allclose(KEY["07-minibatch-gradient"]["value"], [-3, -4])


def test_epoch_momentum_and_adam_keys_by_hand():
    assert KEY["07-epoch-steps"]["value"] == 16 == -(-1000 // 64)
    x1 = np.array([1.0, 1.0]) - 0.1 * np.array([2.0, 6.0])
    v2 = 0.5 * np.array([2.0, 6.0]) + np.array([2 * x1[0], 6 * x1[1]])
    assert np.allclose(KEY["07-momentum-step"]["value"], x1 - 0.1 * v2) and np.allclose(x1 - 0.1 * v2, [0.54, -0.14])
    assert np.allclose(KEY["07-adam-step"]["value"], [0.9, 0.9], atol=1e-8)


@pytest.mark.parametrize(("qid", "mistake"), [(q.id, m) for q in QUESTIONS.values() for m in q.mistakes])
def test_each_planted_mistake_scores_zero_with_its_own_hint(qid, mistake):
    result = check(qid, mistake.answer)
    assert result.verdict.score == 0.0 and result.verdict.verdict == "incorrect"
    assert result.verdict.hint == mistake.hint


@pytest.mark.parametrize(("qid", "answer"), [
    ("07-ls-gradient", [-8 / 3, -10 / 3]), ("07-ls-gradient", [-2.67, -3.33]),
    ("07-ls-gradient", (sp.Rational(-8, 3), sp.Rational(-10, 3))), ("07-ls-gradient", np.array([-2.667, -3.333])),
    ("07-minibatch-gradient", [-3, -4]), ("07-minibatch-gradient", np.array([-3.0, -4.0])),
    ("07-epoch-steps", 16), ("07-epoch-steps", 16.0),
    ("07-momentum-step", [0.54, -0.14]), ("07-momentum-step", np.array([0.540, -0.140])),
    ("07-adam-step", [0.9, 0.9]), ("07-adam-step", np.array([0.900, 0.900])),
])
def test_right_answers_to_three_figures_score_full(qid, answer):
    result = check(qid, answer)
    assert result.correct and result.verdict.score == 1.0, repr(result)


@pytest.mark.parametrize(("qid", "answer"), [
    ("07-ls-gradient", [-2.7, -3.3]), ("07-epoch-steps", 17), ("07-momentum-step", [0.55, -0.14]),
    ("07-adam-step", [0.95, 0.9]), ("07-minibatch-gradient", [3, 4]),
])
def test_wrong_answers_score_zero(qid, answer):
    assert check(qid, answer).verdict.score == 0.0
