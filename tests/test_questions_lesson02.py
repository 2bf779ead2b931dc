"""Exercise 02: every key computed again independently, every planted mistake caught.

- each key in helpers/keys/02-gradient.json equals a sympy or numpy computation made here;
- each planted mistake scores 0 through ``check`` and earns its own hint;
- other correct forms of each answer score full marks;
- no planted mistake is secretly correct.
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
QUESTIONS = questions_for("02")
KEY = load_key("02")["answers"]

F = x**3 * y - 2 * x * y**2 + 5 * x
G = sp.exp(x * y**2)
P = x**2 * y**3 - 4 * x
B = x**2 + 4 * y**2
W = x**2 * z + y * sp.exp(z)
C = x**2 + x * y + y**2 - 3 * x
XS, YS = np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 4.0])


def grad(expr, variables=(x, y)):
    return [sp.diff(expr, v) for v in variables]


def mse_gradient(theta0, theta1):
    residuals = YS - theta0 - theta1 * XS
    return np.array([-2 * residuals.mean(), -2 * (XS * residuals).mean()])


GRADIENTS = {"02-grad-poly": grad(F), "02-grad-chain": grad(G), "02-grad-3d": grad(W, (x, y, z))}


def numbers():
    b_grad = np.array([float(c.subs({x: 1, y: 1})) for c in grad(B)])
    critical = sp.solve(grad(C), [x, y], dict=True)
    assert len(critical) == 1
    return {
        "02-grad-at-point": np.array([float(c.subs({x: 2, y: 1})) for c in grad(P)]),
        "02-steepest-rate": np.array([np.linalg.norm(b_grad)]),
        "02-descent-direction": -b_grad / np.linalg.norm(b_grad),
        "02-mse-gradient": mse_gradient(0.0, 1.0),
        "02-critical-point": np.array([float(critical[0][x]), float(critical[0][y])]),
    }


def test_every_question_has_a_key_and_a_test():
    assert set(KEY) == set(QUESTIONS) == set(GRADIENTS) | set(numbers()) | {"02-level-tangent"}
    assert len(QUESTIONS) >= 7
    assert {q.kind for q in QUESTIONS.values()} == {"exprs", "vector", "number", "choice"}


@pytest.mark.parametrize("qid", sorted(GRADIENTS))
def test_gradient_keys_match_sympy(qid):
    question = QUESTIONS[qid]
    items = [parse_formula(item["text"], question.variables) for item in KEY[qid]["items"]]
    expected = [e.subs({v: sp.Symbol(v.name) for v in e.free_symbols}) for e in GRADIENTS[qid]]
    assert len(items) == len(expected)
    for got, want in zip(items, expected, strict=True):
        assert sp.simplify(got - want) == 0


@pytest.mark.parametrize("qid", sorted(numbers()))
def test_numeric_keys_match_numpy(qid):
    key = np.array(KEY[qid]["value"] if KEY[qid]["type"] == "array" else [KEY[qid]["value"]], dtype=float)
    assert np.allclose(key, numbers()[qid], rtol=1e-12, atol=1e-12)


def test_numeric_keys_by_hand():
    assert KEY["02-grad-at-point"]["value"] == [0.0, 12.0]  # (2xy**3 - 4, 3x**2y**2) at (2, 1)
    assert KEY["02-steepest-rate"]["value"] == pytest.approx(math.sqrt(68))
    assert KEY["02-mse-gradient"]["value"] == pytest.approx([-10 / 3, -4.0])  # residuals (1, 2, 2)
    assert KEY["02-critical-point"]["value"] == [2.0, -1.0]


def test_choice_key_is_the_perpendicular_vector():
    gradient_at = np.array([float(c.subs({x: 2, y: 1})) for c in grad(B)])
    options = {"a": (4, 8), "b": (2, -1), "c": (1, 2), "d": (-1, 2)}
    perpendicular = [name for name, v in options.items() if gradient_at @ np.array(v) == 0]
    assert perpendicular == [KEY["02-level-tangent"]["value"]] == ["b"]
    assert set(options) == set(QUESTIONS["02-level-tangent"].choices)


# --- Planted mistakes: each one caught, with its own hint -------------------------------------

# For a gradient question a planted mistake is one wrong component; this is which one.
MISTAKE_COMPONENT = {
    ("02-grad-poly", "x**3 - 4*x*y"): "swap",
    ("02-grad-poly", "3*x**2*y - 2*y**2"): 0,
    ("02-grad-poly", "x**3 - 4*x*y + 5"): 1,
    ("02-grad-poly", "x**3 - 2*x*y"): 1,
    ("02-grad-chain", "exp(x*y**2)"): 0,
    ("02-grad-chain", "2*y*exp(x*y**2)"): 1,
    ("02-grad-chain", "2*x*y*exp(x*y**2)"): "swap",
    ("02-grad-3d", "x**2 + y*exp(z)"): "swap",
    ("02-grad-3d", "x**2"): 2,
    ("02-grad-3d", "x**2 + exp(z)"): 2,
    ("02-grad-3d", "y*exp(z)"): 1,
}


def full_answer(qid, mistake):
    correct = [str(c) for c in GRADIENTS[qid]]
    where = MISTAKE_COMPONENT[(qid, mistake.answer)]
    if where == "swap":
        answer = list(reversed(correct))
        assert answer[0] == mistake.answer or sp.simplify(sp.sympify(answer[0]) - sp.sympify(mistake.answer)) == 0
        return answer
    answer = list(correct)
    answer[where] = mistake.answer
    return answer


def test_every_gradient_mistake_has_a_place():
    planted = {(q.id, m.answer) for q in QUESTIONS.values() if q.kind == "exprs" for m in q.mistakes}
    assert planted == set(MISTAKE_COMPONENT)


PLANTED = [(q.id, m) for q in QUESTIONS.values() for m in q.mistakes]


@pytest.mark.parametrize(("qid", "mistake"), PLANTED, ids=[f"{q}-{i}" for i, (q, _) in enumerate(PLANTED)])
def test_each_planted_mistake_scores_zero_with_its_own_hint(qid, mistake):
    answer = full_answer(qid, mistake) if QUESTIONS[qid].kind == "exprs" else mistake.answer
    result = check(qid, answer)
    assert result.verdict.score == 0.0 and result.verdict.verdict == "incorrect", repr(result)
    assert result.verdict.hint == mistake.hint


@pytest.mark.parametrize("question", [q for q in QUESTIONS.values() if q.mistakes], ids=str)
def test_planted_mistakes_have_between_two_and_five(question):
    assert 2 <= len(question.mistakes) <= 5
    assert len({m.hint for m in question.mistakes}) == len(question.mistakes)


@pytest.mark.parametrize("question", [q for q in QUESTIONS.values() if q.kind == "exprs"], ids=str)
def test_no_planted_formula_is_secretly_correct_where_it_stands(question):
    components = [str(c) for c in GRADIENTS[question.id]]
    for mistake in question.mistakes:
        where = MISTAKE_COMPONENT[(question.id, mistake.answer)]
        if where == "swap":  # the last component put first: right formula, wrong place
            assert equivalent(mistake.answer, components[-1], question.variables, question.domain)
            where = 0
        assert not equivalent(mistake.answer, components[where], question.variables, question.domain), mistake


@pytest.mark.parametrize("question", [q for q in QUESTIONS.values() if q.kind in ("number", "vector")], ids=str)
def test_no_planted_number_is_secretly_correct(question):
    key = numbers()[question.id]
    for mistake in question.mistakes:
        wrong = np.asarray(mistake.answer, dtype=float).reshape(key.shape)
        assert not within(wrong, key, question.sigfigs), mistake


def test_wrong_choice_gets_the_generic_hint():
    for letter in ("a", "c", "d"):
        result = check("02-level-tangent", letter)
        assert result.verdict.score == 0.0 and result.verdict.hint == QUESTIONS["02-level-tangent"].hint


# --- Other correct forms score full marks -------------------------------------------------------

ROOT68 = math.sqrt(68)
EQUIVALENT_FORMS = {
    "02-grad-poly": [["3*x^2*y - 2*y^2 + 5", "x*(x**2 - 4*y)"], (sp.diff(F, x), sp.diff(F, y))],
    "02-grad-chain": [[y**2 * sp.E ** (x * y**2), 2 * x * y * sp.exp(x * y**2)],
                      ["y**2*exp(x*y**2)", "2*x*y*exp(x*y^2)"]],
    "02-grad-at-point": [[0, 12], np.array([0.0, 12.0]), (sp.Integer(0), sp.Integer(12))],
    "02-steepest-rate": [ROOT68, 2 * sp.sqrt(17), 8.2462],
    "02-descent-direction": [[-1 / ROOT68 * 2, -8 / ROOT68], [-1 / sp.sqrt(17), -4 / sp.sqrt(17)], [-0.2425, -0.9701]],
    "02-grad-3d": [[2 * x * z, sp.exp(z), x**2 + y * sp.exp(z)], ["2*z*x", "exp(z)", "y*exp(z) + x^2"]],
    "02-mse-gradient": [[-10 / 3, -4], [sp.Rational(-10, 3), -4.0], np.array([-3.3333333333333335, -4.0])],
    "02-critical-point": [[2, -1], (2.0, -1.0)],
    "02-level-tangent": ["b", " B "],
}


def test_every_question_has_equivalent_forms_listed():
    assert set(EQUIVALENT_FORMS) == set(QUESTIONS)


@pytest.mark.parametrize(("qid", "answer"), [(q, a) for q, forms in EQUIVALENT_FORMS.items() for a in forms])
def test_equivalent_correct_forms_score_full(qid, answer):
    result = check(qid, answer)
    assert result.correct and result.verdict.score == 1.0, repr(result)


def test_unanswered_and_wrong_shape():
    assert check("02-grad-poly", ...).verdict.verdict == "not answered"
    assert check("02-grad-poly", "3*x**2*y").verdict.verdict == "invalid"
    assert check("02-grad-at-point", [0, 12, 1]).verdict.verdict == "invalid"
    assert check("02-grad-3d", ["2*x*z", "exp(z)"]).verdict.verdict == "invalid"
