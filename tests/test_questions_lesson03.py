"""Exercise 03: every key against an independent computation, every planted mistake caught.

The keys come from solutions/03-directional-derivative.ipynb (via helpers/keys/); here each
one is computed again with sympy and numpy, each planted mistake is fed to ``check`` and
must score 0 with its own hint, and other correct forms must score full marks.
"""

import math

import numpy as np
import pytest
import sympy as sp

from helpers.checks import check, load_key
from helpers.precision import within
from helpers.questions import questions_for
from helpers.symbolic import equivalent, parse_formula

x, y, z = sp.symbols("x y z")
F = x**2 * y - y**3
POINT = {x: 2, y: 1}
V = sp.Matrix([3, -4])
W = x * sp.exp(y * z)
QUESTIONS = questions_for("03")
KEY = load_key("03")["answers"]

GRAD = sp.Matrix([sp.diff(F, s) for s in (x, y)])
U = V / V.norm()
G0 = GRAD.subs(POINT)
ROOT17 = math.sqrt(17)


def key_vector(qid):
    return np.array(KEY[qid]["value"], dtype=float)


# --- keys -------------------------------------------------------------------------


def test_gradient_key():
    parts = [parse_formula(item["text"], ("x", "y")) for item in KEY["03-gradient"]["items"]]
    assert [sp.simplify(p - e) for p, e in zip(parts, GRAD, strict=True)] == [0, 0]


def test_unit_direction_key():
    assert key_vector("03-unit-direction") == pytest.approx([float(c) for c in U])
    assert np.linalg.norm(key_vector("03-unit-direction")) == pytest.approx(1.0)


def test_rate_formula_key():
    key = parse_formula(KEY["03-rate-formula"]["text"], ("x", "y"))
    assert sp.simplify(key - GRAD.dot(U)) == 0


def test_rate_value_key():
    assert G0.T.tolist() == [[4, 1]]
    assert KEY["03-rate-value"]["value"] == pytest.approx(float(G0.dot(U)))
    assert KEY["03-rate-value"]["value"] == pytest.approx(1.6)


def test_steepest_and_max_rate_keys():
    assert key_vector("03-steepest-direction") == pytest.approx(np.array([4, 1]) / ROOT17)
    assert KEY["03-max-rate"]["value"] == pytest.approx(float(G0.norm()))
    # the maximum over a fine sweep of directions is the same number, at the same direction
    angles = np.linspace(-np.pi, np.pi, 100001)
    rates = 4 * np.cos(angles) + np.sin(angles)
    assert rates.max() == pytest.approx(KEY["03-max-rate"]["value"], rel=1e-8)
    best = angles[np.argmax(rates)]
    assert [np.cos(best), np.sin(best)] == pytest.approx(key_vector("03-steepest-direction"), abs=1e-4)


def test_level_direction_key():
    level = key_vector("03-level-direction")
    assert np.linalg.norm(level) == pytest.approx(1.0)
    assert np.dot(level, [4, 1]) == pytest.approx(0.0, abs=1e-12)
    assert level[1] > 0


def test_angle_rate_key():
    assert KEY["03-angle-rate"]["value"] == pytest.approx(6 * math.cos(math.radians(60)))
    gradient = np.array([6.0, 0.0])
    u = np.array([math.cos(math.radians(60)), math.sin(math.radians(60))])
    assert KEY["03-angle-rate"]["value"] == pytest.approx(gradient @ u)


def test_three_variables_key():
    grad_w = [sp.diff(W, s).subs({x: 1, y: 0, z: 2}) for s in (x, y, z)]
    assert grad_w == [1, 2, 0]
    v = sp.Matrix([1, 2, 2])
    assert KEY["03-three-variables"]["value"] == pytest.approx(float(sp.Matrix(grad_w).dot(v / v.norm())))
    assert KEY["03-three-variables"]["value"] == pytest.approx(5 / 3)


def test_fastest_key():
    directions = {"east": (1, 0), "north": (0, 1), "northeast": (1, 1), "southeast": (1, -1)}
    rates = {name: float(G0.dot(sp.Matrix(d) / sp.Matrix(d).norm())) for name, d in directions.items()}
    assert max(rates, key=rates.get) == KEY["03-fastest"]["value"] == "east"
    unnormalised = {name: float(G0.dot(sp.Matrix(d))) for name, d in directions.items()}
    assert max(unnormalised, key=unnormalised.get) == "northeast"  # the trap: forgetting to normalise
    assert set(QUESTIONS["03-fastest"].choices) == set(directions)


# --- planted mistakes ---------------------------------------------------------------

# For the gradient (a list of formulas) a planted mistake is one component; the learner's
# list has it in the position it belongs to, the other component right.
GRADIENT_SLOT = {"2*x*y - 3*y**2": 0, "2*x": 0, "x**2 - y**2": 1, "x**2 + 3*y**2": 1}
KEY_PARTS = ["2*x*y", "x**2 - 3*y**2"]


def planted():
    return [pytest.param(question, mistake, id=f"{question.id}:{mistake.answer}")
            for question in QUESTIONS.values() for mistake in question.mistakes]


def as_answer(question, mistake):
    if question.kind != "exprs":
        return mistake.answer
    parts = list(KEY_PARTS)
    parts[GRADIENT_SLOT[mistake.answer]] = mistake.answer
    return parts


def test_gradient_slots_cover_every_mistake():
    assert set(GRADIENT_SLOT) == {m.answer for m in QUESTIONS["03-gradient"].mistakes}


@pytest.mark.parametrize(("question", "mistake"), planted())
def test_each_planted_mistake_scores_zero_with_its_own_hint(question, mistake):
    result = check(question.id, as_answer(question, mistake))
    assert result.verdict.score == 0.0 and result.verdict.verdict == "incorrect", repr(result)
    assert result.verdict.hint == mistake.hint


def test_swapped_gradient_scores_zero_with_a_hint():
    result = check("03-gradient", list(reversed(KEY_PARTS)))
    assert result.verdict.score == 0.0 and result.verdict.hint


def test_no_planted_mistake_is_another_questions_answer():
    """The specs ship to students with a homework release: a mistake must not be a key."""
    from helpers.answers import encode, judge
    from helpers.questions import get_question

    for question in QUESTIONS.values():
        for mistake in question.mistakes:
            for other_id, other_key in KEY.items():
                other = get_question(other_id)
                if other.kind == question.kind and other.variables == question.variables:
                    assert judge(other, encode(mistake.answer), other_key).verdict != "correct", (
                        question.id, other_id)


@pytest.mark.parametrize(("question", "mistake"), planted())
def test_no_planted_mistake_is_secretly_correct(question, mistake):
    if question.kind == "expr":
        key = parse_formula(KEY[question.id]["text"], question.variables)
        assert not equivalent(mistake.answer, key, question.variables, question.domain)
    elif question.kind == "exprs":
        slot = GRADIENT_SLOT[mistake.answer]
        assert not equivalent(mistake.answer, KEY_PARTS[slot], question.variables, question.domain)
    else:
        key = np.array(KEY[question.id]["value"], dtype=float)
        assert not within(np.asarray(mistake.answer, dtype=float), key, question.sigfigs)


def test_planted_numbers_are_the_mistakes_they_name():
    unnormalised = float(G0.dot(V))
    swapped = float(sp.Matrix([1, 4]).dot(U))
    mistakes = [m.answer for m in QUESTIONS["03-rate-value"].mistakes]
    assert mistakes == pytest.approx([unnormalised, -1.6, swapped, unnormalised / 25, unnormalised / 7])
    w_missing_z = float((sp.Matrix([1, 1, 0])).dot(sp.Matrix([1, 2, 2]) / 3))
    three = [m.answer for m in QUESTIONS["03-three-variables"].mistakes]
    assert three == pytest.approx([5.0, w_missing_z, 5 / 9, 4 / 3])
    angle = [m.answer for m in QUESTIONS["03-angle-rate"].mistakes]
    assert angle == pytest.approx([6 * math.sqrt(3) / 2, 6.0, 6 * math.cos(60), 0.5])


# --- other correct forms -------------------------------------------------------------

EQUIVALENT_FORMS = {
    "03-gradient": [[2 * x * y, x**2 - 3 * y**2], ["2*y*x", "x^2 - 3*y^2"], (sp.diff(F, x), sp.diff(F, y))],
    "03-unit-direction": [(0.6, -0.8), np.array([3, -4]) / 5, [sp.Rational(3, 5), sp.Rational(-4, 5)]],
    "03-rate-formula": ["(6*x*y - 4*x**2 + 12*y**2)/5", GRAD.dot(U), 1.2 * x * y - 0.8 * x**2 + 2.4 * y**2],
    "03-rate-value": [1.6, sp.Rational(8, 5), 4 * 0.6 + 1 * (-0.8)],
    "03-steepest-direction": [[4 / ROOT17, 1 / ROOT17], np.array([4.0, 1.0]) / np.hypot(4, 1)],
    "03-max-rate": [ROOT17, sp.sqrt(17), np.hypot(4, 1)],
    "03-level-direction": [[-1 / ROOT17, 4 / ROOT17], np.array([-1, 4]) / np.linalg.norm([-1, 4])],
    "03-angle-rate": [3, 3.0, sp.Integer(6) * sp.cos(sp.pi / 3)],
    "03-three-variables": [5 / 3, sp.Rational(5, 3)],
    "03-fastest": ["east", " East "],
}


def test_every_question_has_equivalent_forms_listed():
    assert set(EQUIVALENT_FORMS) == set(QUESTIONS)
    assert len(QUESTIONS) >= 7
    assert {q.kind for q in QUESTIONS.values()} == {"expr", "exprs", "number", "vector", "choice"}


@pytest.mark.parametrize(("qid", "answer"), [(q, a) for q, forms in EQUIVALENT_FORMS.items() for a in forms])
def test_equivalent_correct_forms_score_full(qid, answer):
    result = check(qid, answer)
    assert result.correct and result.verdict.score == 1.0, repr(result)


@pytest.mark.parametrize("answer", ["northeast", "north", "southeast"])
def test_wrong_choice_gets_the_generic_hint(answer):
    result = check("03-fastest", answer)
    assert result.verdict.score == 0.0 and result.verdict.hint == QUESTIONS["03-fastest"].hint
