"""Exercise 06: every key against an independent computation, every planted mistake and hint."""

import numpy as np
import pytest
import sympy as sp

from helpers.calculus import gradient_descent, newton_method
from helpers.checks import check, load_key
from helpers.precision import within
from helpers.questions import questions_for
from helpers.symbolic import equivalent, parse_formula

x, y = sp.symbols("x y")
P = x**3 - 6 * x * y + 3 * y**2
QUESTIONS = questions_for("06")
KEY = load_key("06")["answers"]

GRADIENT = [sp.diff(P, v) for v in (x, y)]
HESSIAN = list(sp.hessian(P, (x, y)))


def key_formulas(qid):
    return [parse_formula(item["text"], ("x", "y")) if item["type"] == "expr" else sp.nsimplify(item["value"])
            for item in KEY[qid]["items"]]


def test_every_question_is_in_the_key_and_kinds_are_mixed():
    assert set(KEY) == set(QUESTIONS) and len(QUESTIONS) >= 7
    assert {q.kind for q in QUESTIONS.values()} == {"exprs", "vector", "number", "choice"}
    for question in QUESTIONS.values():
        if question.kind != "choice":
            assert 2 <= len(question.mistakes) <= 5, question.id
        assert question.hint


def test_symbolic_keys_match_sympy():
    assert all(sp.simplify(a - b) == 0 for a, b in zip(key_formulas("06-gradient"), GRADIENT, strict=True))
    assert all(sp.simplify(a - b) == 0 for a, b in zip(key_formulas("06-hessian"), HESSIAN, strict=True))


def test_numeric_keys_match_independent_computations():
    points = sp.solve(GRADIENT, [x, y], dict=True)
    others = [(p[x], p[y]) for p in points if (p[x], p[y]) != (0, 0)]
    assert others == [(2, 2)] and KEY["06-critical-point"]["value"] == [2.0, 2.0]
    h = sp.hessian(P, (x, y))
    assert KEY["06-discriminant"]["value"] == pytest.approx(float(h.subs({x: 2, y: 2}).det()))
    assert h.subs({x: 0, y: 0}).det() == -36 and KEY["06-classify"]["value"] == "saddle"
    a = sp.Matrix([[2, 1], [3, 4]])
    v = sp.Matrix([x, y])
    hq = sp.hessian(sp.expand((v.T * a * v)[0]), (x, y))
    assert hq == a + a.T and KEY["06-quadratic-hessian"]["value"] == [float(e) for e in hq]
    step = gradient_descent(lambda p, q: (2 * p, 6 * q), (1.0, 1.0), 0.1, steps=1)[-1]
    assert np.allclose(KEY["06-descent-step"]["value"], step)
    lam_max = max(np.linalg.eigvalsh(np.diag([6.0, 2.0])))
    assert KEY["06-max-rate"]["value"] == pytest.approx(2 / lam_max)
    ends = [np.abs(gradient_descent(lambda p, q: (6 * p, 2 * q), (1.0, 1.0), r, 3000)[-1]).max()
            for r in (0.33, 0.3366)]
    assert ends[0] < 1e-6 and ends[1] > 1  # just below the bound converges, just above does not
    newton = newton_method(lambda p, q: (4 * p**3, 2 * q), lambda p, q: [[12 * p**2, 0], [0, 2]],
                           (1.0, 1.0), steps=1)[-1]
    assert np.allclose(KEY["06-newton-step"]["value"], newton) and np.allclose(newton, [2 / 3, 0])


# Where each planted formula goes in an answer list: (question, index of the component it replaces).
SLOTS = {
    "06-gradient": {"3*x**2 - 6*x": 0, "3*x**2 + 6*y": 0, "-6*x + 3*y": 1, "6*x + 6*y": 1, "-6*x": 1},
    "06-hessian": {"3*x**2 - 6*y": 0, "-6*y": 1, "0": 3, "-6*x + 6*y": 3, "6": 1},
}


def planted_answer(qid, mistake):
    """The answer a learner with this mistake gives: for a list of formulas, one wrong component."""
    if qid not in SLOTS:
        return mistake.answer
    correct = GRADIENT if qid == "06-gradient" else HESSIAN
    answer = list(correct)
    answer[SLOTS[qid][mistake.answer]] = mistake.answer
    return answer


@pytest.mark.parametrize(("qid", "mistake"), [(q.id, m) for q in QUESTIONS.values() for m in q.mistakes])
def test_each_planted_mistake_scores_zero_with_its_own_hint(qid, mistake):
    result = check(qid, planted_answer(qid, mistake))
    assert result.verdict.score == 0.0 and result.verdict.verdict == "incorrect"
    assert result.verdict.hint == mistake.hint


def test_every_planted_formula_has_a_slot():
    for qid, slots in SLOTS.items():
        assert set(slots) == {m.answer for m in QUESTIONS[qid].mistakes}


@pytest.mark.parametrize(("qid", "mistake"), [(q.id, m) for q in QUESTIONS.values() for m in q.mistakes])
def test_no_planted_mistake_is_secretly_correct(qid, mistake):
    if qid in SLOTS:
        slot = SLOTS[qid][mistake.answer]
        correct = (GRADIENT if qid == "06-gradient" else HESSIAN)[slot]
        assert not equivalent(mistake.answer, correct, ("x", "y"))
    else:
        key = np.asarray(KEY[qid]["value"], dtype=float)
        assert not within(np.asarray(mistake.answer, dtype=float), key, QUESTIONS[qid].sigfigs)


EQUIVALENT_FORMS = {
    "06-gradient": [[3 * (x**2 - 2 * y), 6 * (y - x)], ["3*x^2 - 6*y", "6*y - 6*x"], GRADIENT],
    "06-critical-point": [[2, 2], np.array([2.0, 2.0]), (sp.Integer(2), 2.0)],
    "06-hessian": [HESSIAN, ["6*x", "-6", "-6", "6"], list(sp.ImmutableMatrix([[6 * x, -6], [-6, 6]]))],
    "06-discriminant": [36, 36.0, sp.Integer(36)],
    "06-classify": ["saddle", " Saddle "],
    "06-quadratic-hessian": [[4, 4, 4, 8], np.array([[4.0, 4.0], [4.0, 8.0]])],
    "06-descent-step": [[0.8, 0.4], (sp.Rational(4, 5), sp.Rational(2, 5))],
    "06-max-rate": [1 / 3, sp.Rational(1, 3), 0.3333],
    "06-newton-step": [[2 / 3, 0], np.array([0.6666667, 0.0])],
}


def test_every_question_has_equivalent_forms_listed():
    assert set(EQUIVALENT_FORMS) == set(QUESTIONS)


@pytest.mark.parametrize(("qid", "answer"), [(q, a) for q, forms in EQUIVALENT_FORMS.items() for a in forms])
def test_equivalent_correct_forms_score_full(qid, answer):
    result = check(qid, answer)
    assert result.correct and result.verdict.score == 1.0, repr(result)


def test_other_wrong_answers_get_the_generic_hint_and_the_choice_its_hint():
    assert check("06-classify", "minimum").verdict.hint == QUESTIONS["06-classify"].hint
    assert check("06-classify", "valley").verdict.verdict == "invalid"
    assert check("06-critical-point", [1.0, 7.0]).verdict.hint == QUESTIONS["06-critical-point"].hint
    assert check("06-gradient", [GRADIENT[0]]).verdict.verdict == "invalid"  # one component, not two


# ------------------------------------------------------------- the appended step-size bound question


def test_rate_bound_key_is_two_over_the_largest_eigenvalue_and_sharp():
    h = sp.hessian(5 * x**2 + 6 * x * y + 5 * y**2, (x, y))
    assert sorted(h.eigenvals()) == [4, 16]
    assert KEY["06-rate-bound"]["value"] == pytest.approx(0.125)

    def end(rate):
        path = gradient_descent(lambda p, q: (10 * p + 6 * q, 6 * p + 10 * q), (1.0, -0.5), rate, 3000)
        return np.abs(path[-1]).max()

    assert end(0.124) < 1e-6 and end(0.126) > 1  # just below the bound converges, just above does not
    assert end(0.2) > 1  # the planted "2 / f_xx" diverges


EQUIVALENT_FORMS["06-rate-bound"] = [0.125, sp.Rational(1, 8), 0.1251, np.float64(0.125)]
