"""Exercise 04: every key against an independent computation; every planted mistake earns its hint."""

import math

import numpy as np
import pytest
import sympy as sp

from helpers.checks import check, load_key
from helpers.precision import within
from helpers.questions import questions_for
from helpers.symbolic import equivalent, parse_formula

x, y = sp.symbols("x y")
QUESTIONS = questions_for("04")
KEY = load_key("04")["answers"]
F = x**2 * y + 3 * y
D = sp.sqrt(x**2 + y**2)
Z = x * y**2


def test_lesson_has_at_least_seven_questions_of_every_kind():
    assert len(QUESTIONS) >= 7
    assert {q.kind for q in QUESTIONS.values()} == {"expr", "exprs", "number", "vector", "choice"}


# ------------------------------------------------------------------ keys, computed independently


def test_plane_key():
    at = {x: 1, y: 3}
    expected = F.subs(at) + sp.diff(F, x).subs(at) * (x - 1) + sp.diff(F, y).subs(at) * (y - 3)
    assert sp.expand(parse_formula(KEY["04-plane"]["text"]) - expected) == 0
    assert sp.expand(expected) == 6 * x + 4 * y - 6


def test_normal_key_is_perpendicular_to_the_plane():
    n = np.array(KEY["04-normal"]["value"])
    fx, fy = (float(sp.diff(F, v).subs({x: 1, y: 3})) for v in (x, y))
    assert n.tolist() == [fx, fy, -1.0]
    assert np.dot(n, [1, 0, fx]) == 0 and np.dot(n, [0, 1, fy]) == 0


def test_gradient_key():
    parts = [parse_formula(item["text"]) for item in KEY["04-distance-gradient"]["items"]]
    for part, v in zip(parts, (x, y), strict=True):
        assert sp.simplify(part - sp.diff(D, v)) == 0


def test_number_keys():
    at = {x: 6, y: 8}
    estimate = D.subs(at) + sp.diff(D, x).subs(at) * sp.Rational(1, 10) - sp.diff(D, y).subs(at) / 10
    assert KEY["04-estimate"]["value"] == pytest.approx(float(estimate))
    assert float(estimate) == pytest.approx(9.98)
    at = {x: 2, y: 3}
    dz = sp.diff(Z, x).subs(at) * sp.Rational(1, 10) + sp.diff(Z, y).subs(at) * sp.Rational(-5, 100)
    assert KEY["04-differential"]["value"] == pytest.approx(float(dz)) and dz == sp.Rational(3, 10)
    assert KEY["04-error-halved"]["value"] == pytest.approx(0.012 * (0.1 / 0.2) ** 2)


def test_choice_keys_match_sympy_limits():
    k, t = sp.symbols("k t")
    q = x * y / (x**2 + y**2)
    partials = [sp.limit(q.subs({x: k, y: 0}) / k, k, 0), sp.limit(q.subs({x: 0, y: k}) / k, k, 0)]
    assert partials == [0, 0] and sp.limit(q.subs({x: t, y: t}), t, 0) != 0  # exist, but discontinuous
    assert KEY["04-no-plane"]["value"] == "partials only"
    cone = D.subs({x: k, y: 0}) / k
    assert sp.limit(cone, k, 0, "+") != sp.limit(cone, k, 0, "-")  # g_x(0, 0) does not exist
    assert KEY["04-cone"]["value"] == "neither"


def test_level_plane_key_is_the_tangent_plane_of_the_level_surface():
    z = sp.Symbol("z")
    surface = x**2 * y + y * z**2 + z - 5
    point = {x: 1, y: 2, z: 1}
    assert surface.subs(point) == 0
    normal = sp.Matrix([sp.diff(surface, v) for v in (x, y, z)]).subs(point)
    assert list(normal) == [4, 2, 5]
    key = parse_formula(KEY["04-level-plane"]["text"])
    plane = normal.dot(sp.Matrix([x - 1, y - 2, key - 1]))
    assert sp.expand(plane) == 0  # the key, put in for z, satisfies the plane's equation for every x, y
    # the same plane from the implicit slopes -F_x/F_z, -F_y/F_z of lesson 05
    slopes = [(-sp.diff(surface, v) / sp.diff(surface, z)).subs(point) for v in (x, y)]
    assert [sp.diff(key, v) for v in (x, y)] == slopes == [sp.Rational(-4, 5), sp.Rational(-2, 5)]


def test_planted_level_plane_mistakes_are_the_slips_they_name():
    mistakes = QUESTIONS["04-level-plane"].mistakes
    by_hint = {m.hint.split(":")[0].split(",")[0]: parse_formula(m.answer) for m in mistakes}
    key = parse_formula(KEY["04-level-plane"]["text"])
    flipped = by_hint["Solving for z moves the x- and y-terms to the other side of the equation"]
    assert sp.expand(flipped - 1) == -sp.expand(key - 1)  # the slope terms with the wrong sign
    assert sp.expand(by_hint["Divide by F_z = 5"] - 1) == sp.expand(5 * (key - 1))  # not divided by F_z
    assert sp.expand(by_hint["F_z has two terms"] - 1) == sp.expand(sp.Rational(5, 4) * (key - 1))  # F_z = 4
    assert sp.expand(by_hint["The plane passes through (1"] - key) == -1  # the constant 1 dropped


# ------------------------------------------------------------------ planted mistakes are what they say


def test_planted_numbers_are_the_mistakes_they_name():
    est = {m.hint.split(":")[0].split(";")[0]: m.answer for m in QUESTIONS["04-estimate"].mistakes}
    assert est["That is the exact value of sqrt(6.1**2 + 7.9**2)"] == pytest.approx(math.hypot(6.1, 7.9))
    assert est["The slopes are swapped"] == pytest.approx(10 + 0.8 * 0.1 - 0.6 * 0.1)
    assert est["Sign"] == pytest.approx(10 + 0.6 * 0.1 + 0.8 * 0.1)
    assert est["Chain rule"] == pytest.approx(10 + 12 * 0.1 - 16 * 0.1)
    diff = [m.answer for m in QUESTIONS["04-differential"].mistakes]
    assert diff == pytest.approx([2.1 * 2.95**2 - 18, 9 * 0.1 - 6 * 0.05, 9 * 0.1 + 12 * 0.05, 12 * 0.1 - 9 * 0.05])


# Each exprs mistake, placed in the component it imitates, beside a correct other component.
GRADIENT_CORRECT = ["x/sqrt(x**2 + y**2)", "y/sqrt(x**2 + y**2)"]


def as_answer(question, mistake):
    if question.kind != "exprs":
        return mistake.answer
    answer = list(GRADIENT_CORRECT)
    answer[0] = mistake.answer  # every planted gradient slip is written for d_x
    return answer


@pytest.mark.parametrize(("qid", "mistake"), [(q.id, m) for q in QUESTIONS.values() for m in q.mistakes])
def test_each_planted_mistake_scores_zero_with_its_own_hint(qid, mistake):
    result = check(qid, as_answer(QUESTIONS[qid], mistake))
    assert result.verdict.score == 0.0 and result.verdict.verdict == "incorrect"
    assert result.verdict.hint == mistake.hint


def test_no_planted_mistake_is_secretly_correct():
    for question in QUESTIONS.values():
        key = KEY[question.id]
        for mistake in question.mistakes:
            if question.kind == "expr":
                assert not equivalent(mistake.answer, key["text"], question.variables, question.domain)
            elif question.kind == "exprs":
                assert not equivalent(mistake.answer, key["items"][0]["text"], question.variables, question.domain)
            else:
                assert not within(np.asarray(mistake.answer, dtype=float), np.asarray(key["value"]), question.sigfigs)


def test_choice_questions_hint_when_wrong():
    for qid in ("04-no-plane", "04-cone"):
        for choice in QUESTIONS[qid].choices:
            result = check(qid, choice)
            assert result.correct == (choice == KEY[qid]["value"])
            assert result.correct or result.verdict.hint == QUESTIONS[qid].hint


# ------------------------------------------------------------------ other correct forms score full

EQUIVALENT_FORMS = {
    "04-plane": ["12 + 6*(x - 1) + 4*(y - 3)", 2 * (3 * x + 2 * y - 3)],
    "04-normal": [(6, 4, -1), np.array([6.0, 4.0, -1.0])],
    "04-distance-gradient": [[x * (x**2 + y**2) ** sp.Rational(-1, 2), y / D],
                             ("x/sqrt(x^2 + y^2)", "y/sqrt(y^2 + x^2)")],
    "04-estimate": [9.98, sp.Rational(499, 50)],
    "04-differential": [0.3, sp.Rational(3, 10)],
    "04-error-halved": [0.003, 0.012 / 4],
    "04-no-plane": ["partials only", " Partials Only"],
    "04-cone": ["neither", "NEITHER"],
    "04-level-plane": ["(13 - 4*x - 2*y)/5", 1 - sp.Rational(4, 5) * (x - 1) - sp.Rational(2, 5) * (y - 2)],
}


def test_every_question_has_equivalent_forms_listed():
    assert set(EQUIVALENT_FORMS) == set(QUESTIONS)


@pytest.mark.parametrize(("qid", "answer"), [(q, a) for q, forms in EQUIVALENT_FORMS.items() for a in forms])
def test_equivalent_correct_forms_score_full(qid, answer):
    result = check(qid, answer)
    assert result.correct and result.verdict.score == 1.0, repr(result)


def test_unanswered_and_wrong_shapes_get_plain_messages():
    assert check("04-plane", ...).verdict.verdict == "not answered"
    assert check("04-normal", [6, 4]).verdict.verdict == "invalid"
    assert check("04-distance-gradient", "x/sqrt(x**2 + y**2)").verdict.verdict == "invalid"
