"""Exercise 05: every key against an independent computation, every planted mistake caught."""

import math

import numpy as np
import pytest
import sympy as sp

from helpers.calculus import gradient
from helpers.checks import check, load_key
from helpers.precision import within
from helpers.questions import questions_for
from helpers.symbolic import equivalent, parse_formula

s, t, x, y, z, w, b = sp.symbols("s t x y z w b")
QUESTIONS = questions_for("05")
KEY = load_key("05")["answers"]


def key_expr(qid, index=None):
    question = QUESTIONS[qid]
    entry = KEY[qid] if index is None else KEY[qid]["items"][index]
    return parse_formula(entry["text"], question.variables) if "text" in entry else sp.sympify(entry["value"])


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


def test_implicit_surface_key():
    surface = x**2 * z + y * z**3 - 10
    point = {x: 1, y: 1, z: 2}
    assert surface.subs(point) == 0
    expected = sp.idiff(surface, z, x).subs(point)  # sympy's implicit differentiation, y held fixed
    assert expected == sp.Rational(-4, 13)
    assert KEY["05-implicit-surface"]["value"] == pytest.approx(float(expected), rel=1e-12)


def test_jacobian_key():
    g = sp.Matrix([s**2 * t, s + t**3])
    expected = [sp.diff(g[i], v) for i in range(2) for v in (s, t)]  # row by row
    assert [sp.expand(key_expr("05-jacobian", i) - e) for i, e in enumerate(expected)] == [0, 0, 0, 0]


def test_backward_weights_key_matches_central_differences():
    """dL/dW = A^T G: checked on a loss whose gradient with respect to Z is exactly G."""
    a, g = np.array([[1.0, 2.0], [3.0, -1.0]]), np.array([[1.0, 0.0], [2.0, -1.0]])
    rng = np.random.default_rng(0)
    w0 = rng.normal(size=(2, 2))

    def loss(*entries):  # L = sum(G * Z) + 0.5 |Z|^2 would change G; a linear loss keeps dL/dZ = G
        return float(np.sum(g * (a @ np.reshape(entries, (2, 2)))))

    numeric = gradient(loss, w0.ravel()).reshape(2, 2)
    assert np.allclose(numeric, a.T @ g, atol=1e-8)
    assert KEY["05-backward-weights"]["value"] == (a.T @ g).ravel().tolist() == [7.0, -3.0, 0.0, 1.0]


def test_planted_layer_mistakes_are_the_products_they_name():
    a, g = np.array([[1, 2], [3, -1]]), np.array([[1, 0], [2, -1]])
    answers = [m.answer for m in QUESTIONS["05-backward-weights"].mistakes]
    assert answers == [(a @ g).ravel().tolist(), (g.T @ a).ravel().tolist(), (g @ a.T).ravel().tolist(),
                       (a * g).ravel().tolist()]
    slopes = [m.answer for m in QUESTIONS["05-implicit-surface"].mistakes]
    assert slopes == pytest.approx([4 / 13, -13 / 4, -4 / 12, -4 / 8])  # sign, upside down, F_z = 3yz², F_y


# --- planted mistakes ----------------------------------------------------------------

# For a list-of-formulas question, where each planted mistake goes (the other entry is right).
EXPRS_SLOT = {("05-gradient-st", "2*s"): 0, ("05-gradient-st", "-2*t"): 1, ("05-gradient-st", "3*s"): 1,
              ("05-gradient-st", "s - 2*t"): 0,
              ("05-jacobian", "1"): 1, ("05-jacobian", "2*s"): 0, ("05-jacobian", "3*t**2 + 1"): 3}


def as_answer(question, mistake):
    if question.kind != "exprs":
        return mistake.answer
    slot = EXPRS_SLOT[question.id, mistake.answer]
    answer = [item.get("text", item.get("value")) for item in KEY[question.id]["items"]]
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
            key = key_expr(question.id, EXPRS_SLOT[question.id, mistake.answer])
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
    "05-implicit-surface": [-4 / 13, sp.Rational(-4, 13), -0.3077],
    "05-jacobian": [sp.Matrix([[2 * s * t, s**2], [1, 3 * t**2]]), ["2*s*t", "s**2", 1, "3*t**2"]],
    "05-backward-weights": [sp.Matrix([[7, -3], [0, 1]]), np.array([[7.0, -3.0], [0.0, 1.0]]), [7, -3, 0, 1]],
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
