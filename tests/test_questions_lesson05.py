"""Exercise 05: every key against an independent computation, every planted mistake caught."""

import math

import numpy as np
import pytest
import sympy as sp

from helpers.checks import check, load_key
from helpers.precision import within
from helpers.questions import questions_for
from helpers.symbolic import equivalent, parse_formula

s, t, x, y, w, b = sp.symbols("s t x y w b")
QUESTIONS = questions_for("05")
KEY = load_key("05")["answers"]


def key_expr(qid, index=None):
    question = QUESTIONS[qid]
    entry = KEY[qid] if index is None else KEY[qid]["items"][index]
    return parse_formula(entry["text"], question.variables)


def neuron():
    """The neuron of questions 5 and 6, differentiated by sympy."""
    loss = (1 / (1 + sp.exp(-(w * 2 + b))) - 0) ** 2
    at = {w: sp.Rational(-1, 2), b: sp.Rational(1, 2)}
    return [float(sp.diff(loss, v).subs(at)) for v in (w, b)]


# --- keys, derived independently (substitute first, then differentiate) ---------------


def test_dzdt_key():
    z_of_t = (x * y**2).subs({x: sp.cos(t), y: sp.exp(t)})
    assert sp.simplify(key_expr("05-dzdt") - sp.diff(z_of_t, t)) == 0


def test_dzds_key():
    z_of_st = (x**2 * y).subs({x: s * t, y: s + t**2})
    assert sp.expand(key_expr("05-dzds") - sp.diff(z_of_st, s)) == 0


def test_gradient_st_key():
    w_of_st = (x * y + sp.Symbol("z")).subs({x: s + t, y: s - t, sp.Symbol("z"): s * t})
    assert sp.expand(key_expr("05-gradient-st", 0) - sp.diff(w_of_st, s)) == 0
    assert sp.expand(key_expr("05-gradient-st", 1) - sp.diff(w_of_st, t)) == 0


def test_implicit_slope_key():
    curve = x**2 + x * y + y**2 - 7
    assert curve.subs({x: 1, y: 2}) == 0
    assert KEY["05-implicit-slope"]["value"] == pytest.approx(float(sp.idiff(curve, y, x).subs({x: 1, y: 2})))
    assert KEY["05-implicit-slope"]["value"] == pytest.approx(-0.8)


def test_neuron_gradient_and_step_keys():
    grad = neuron()
    assert KEY["05-neuron-grad"]["value"] == pytest.approx(grad, rel=1e-12)
    assert KEY["05-descent-step"]["value"] == pytest.approx([-0.5 - 0.5 * grad[0], 0.5 - 0.5 * grad[1]], rel=1e-12)
    # the step lowers the loss
    def loss(wv, bv):
        return (1 / (1 + math.exp(-(2 * wv + bv)))) ** 2
    assert loss(*KEY["05-descent-step"]["value"]) < loss(-0.5, 0.5)


def test_count_and_choice_keys():
    n = 50
    assert KEY["05-forward-mode-count"]["value"] == n * (n + 1) / 2 == 1275
    assert KEY["05-cheaper-mode"]["value"] == "reverse"


# --- planted mistakes ----------------------------------------------------------------

# For a list-of-formulas question, where each planted mistake goes (the other entry is right).
EXPRS_SLOT = {"2*s": 0, "-2*t": 1, "3*s": 1, "s - 2*t": 0}


def as_answer(question, mistake):
    if question.kind != "exprs":
        return mistake.answer
    slot = EXPRS_SLOT[mistake.answer]
    answer = [KEY[question.id]["items"][i]["text"] for i in range(2)]
    answer[slot] = mistake.answer
    return answer


@pytest.mark.parametrize(("qid", "mistake"), [(q.id, m) for q in QUESTIONS.values() for m in q.mistakes])
def test_each_planted_mistake_scores_zero_with_its_own_hint(qid, mistake):
    result = check(qid, as_answer(QUESTIONS[qid], mistake))
    assert result.verdict.score == 0.0 and result.verdict.verdict == "incorrect", repr(result)
    assert result.verdict.hint == mistake.hint


@pytest.mark.parametrize("question", list(QUESTIONS.values()), ids=str)
def test_every_question_plants_two_to_five_mistakes(question):
    assert 2 <= len(question.mistakes) <= 5
    assert len({m.hint for m in question.mistakes}) == len(question.mistakes)


@pytest.mark.parametrize("question", [q for q in QUESTIONS.values() if q.kind in ("expr", "exprs")], ids=str)
def test_no_symbolic_mistake_is_secretly_correct(question):
    for mistake in question.mistakes:
        if question.kind == "expr":
            key = key_expr(question.id)
        else:
            key = key_expr(question.id, EXPRS_SLOT[mistake.answer])
        assert not equivalent(mistake.answer, key, question.variables, question.domain), mistake


@pytest.mark.parametrize("question", [q for q in QUESTIONS.values() if q.kind in ("number", "vector")], ids=str)
def test_no_numeric_mistake_is_secretly_correct(question):
    key = np.asarray(KEY[question.id]["value"], dtype=float)
    for mistake in question.mistakes:
        assert not within(np.asarray(mistake.answer, dtype=float), key, question.sigfigs), mistake


def test_planted_neuron_mistakes_are_the_mistakes_they_name():
    y_hat = 1 / (1 + math.exp(0.5))  # sigma(-0.5)
    dl_dz = 2 * y_hat * y_hat * (1 - y_hat)
    answers = [m.answer for m in QUESTIONS["05-neuron-grad"].mistakes]
    assert np.asarray(answers) == pytest.approx(np.array([
        [2 * y_hat * 2, 2 * y_hat],  # sigma'(z) dropped
        [dl_dz, dl_dz],  # factor x dropped
        [dl_dz, 2 * dl_dz],  # order swapped
        [2 * y_hat * y_hat * 2, 2 * y_hat * y_hat],  # sigma(z) used for sigma'(z)
    ]))
    step = [m.answer for m in QUESTIONS["05-descent-step"].mistakes]
    grad = neuron()
    assert step[0] == pytest.approx([-0.5 + 0.5 * grad[0], 0.5 + 0.5 * grad[1]])  # along +grad


# --- other correct forms score full ---------------------------------------------------

EQUIVALENT_FORMS = {
    "05-dzdt": ["exp(2*t)*(2*cos(t) - sin(t))", sp.exp(2 * t) * (2 * sp.cos(t) - sp.sin(t))],
    "05-dzds": ["2*s**2*t**2 + 2*s*t**4 + s**2*t**2", s * t**2 * (3 * s + 2 * t**2)],
    "05-gradient-st": [["2*s + t", "s - 2*t"], (2 * s + t, -(2 * t - s))],
    "05-implicit-slope": [-4 / 5, sp.Rational(-4, 5)],
    "05-neuron-grad": [neuron(), np.array(neuron())],
    "05-descent-step": [[-0.5 - 0.5 * neuron()[0], 0.5 - 0.5 * neuron()[1]]],
    "05-forward-mode-count": [1275, 50 * 51 // 2],
    "05-cheaper-mode": ["reverse", " Reverse "],
}


def test_every_question_has_equivalent_forms_listed():
    assert set(EQUIVALENT_FORMS) == set(QUESTIONS)


@pytest.mark.parametrize(("qid", "answer"), [(q, a) for q, forms in EQUIVALENT_FORMS.items() for a in forms])
def test_equivalent_correct_forms_score_full(qid, answer):
    result = check(qid, answer)
    assert result.correct and result.verdict.score == 1.0, repr(result)


def test_no_choice_mistake_is_the_answer():
    question = QUESTIONS["05-cheaper-mode"]
    assert all(m.answer in question.choices and m.answer != KEY[question.id]["value"] for m in question.mistakes)
