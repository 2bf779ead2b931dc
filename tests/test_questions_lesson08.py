"""Exercise 08: every key against an independent computation, every planted mistake and hint."""

import numpy as np
import pytest
import sympy as sp

from helpers.checks import check, load_key
from helpers.questions import questions_for

QUESTIONS = questions_for("08")
KEY = load_key("08")["answers"]
x, y, z, lam = sp.symbols("x y z lambda", real=True)
c = sp.Symbol("c", positive=True)


def solve(f, g, level, variables=(x, y)):
    equations = [sp.diff(f, v) - lam * sp.diff(g, v) for v in variables] + [g - level]
    return sp.solve(equations, [*variables, lam], dict=True)


def test_at_least_seven_questions_each_with_mistakes_and_a_hint():
    assert set(KEY) == set(QUESTIONS) and len(QUESTIONS) >= 7
    for question in QUESTIONS.values():
        assert len(question.mistakes) >= 2 and question.hint, question.id


def test_keys_from_an_independent_solve():
    circle = max(solve(x + 2 * y, x**2 + y**2, 5), key=lambda s: s[x] + 2 * s[y])
    assert KEY["08-max-point"]["value"] == [float(circle[x]), float(circle[y])] == [1.0, 2.0]
    assert KEY["08-max-value"]["value"] == 5.0 and KEY["08-multiplier"]["value"] == float(circle[lam]) == 0.5
    line = solve(x * y, x + 4 * y, c)[0]
    assert (line[x].subs(c, 24), line[y].subs(c, 24)) == (12, 3) and KEY["08-product-point"]["value"] == [12.0, 3.0]
    best = sp.simplify(line[x] * line[y])
    assert sp.diff(best, c).subs(c, 24) == line[lam].subs(c, 24) == 3 and KEY["08-rate"]["value"] == 3.0
    assert best.subs(c, 25) - best.subs(c, 24) == sp.Rational(49, 16)  # the planted "exact change", 3.0625
    nearest = solve(x**2 + y**2, 3 * x + 4 * y, 25)[0]
    assert KEY["08-nearest-point"]["value"] == [float(nearest[x]), float(nearest[y])] == [3.0, 4.0]
    assert KEY["08-parallel"]["value"] == "parallel"
    box = max(solve(x * y * z, x + y + z, 12, (x, y, z)), key=lambda s: s[x] * s[y] * s[z])
    assert KEY["08-box"]["value"] == [float(box[v]) for v in (x, y, z)] == [4.0, 4.0, 4.0]


@pytest.mark.parametrize(("qid", "mistake"), [(q.id, m) for q in QUESTIONS.values() for m in q.mistakes])
def test_each_planted_mistake_scores_zero_with_its_own_hint(qid, mistake):
    result = check(qid, mistake.answer)
    assert result.verdict.score == 0.0 and result.verdict.verdict == "incorrect"
    assert result.verdict.hint == mistake.hint


@pytest.mark.parametrize(("qid", "answer"), [
    ("08-max-point", [1, 2]), ("08-max-point", (sp.Integer(1), sp.Integer(2))), ("08-max-point", np.array([1.0, 2.0])),
    ("08-max-value", 5), ("08-max-value", sp.Integer(5)), ("08-multiplier", sp.Rational(1, 2)),
    ("08-multiplier", 0.5), ("08-product-point", [12, 3]), ("08-rate", 3), ("08-rate", 3.00),
    ("08-nearest-point", [3.0, 4.0]), ("08-parallel", "parallel"), ("08-parallel", " Parallel "),
    ("08-box", [4, 4, 4]), ("08-box", np.array([4.0, 4.0, 4.0])),
])
def test_right_answers_score_full(qid, answer):
    result = check(qid, answer)
    assert result.correct and result.verdict.score == 1.0, repr(result)


@pytest.mark.parametrize(("qid", "answer"), [
    ("08-max-point", [1, 1]), ("08-max-value", 4.9), ("08-multiplier", 0.6), ("08-rate", 3.1),
    ("08-nearest-point", [3, 3]), ("08-box", [3, 4, 5]), ("08-parallel", "perpendicular"),
])
def test_wrong_answers_score_zero(qid, answer):
    assert check(qid, answer).verdict.score == 0.0
