"""Every question of every exercise keeps the judging promises, whatever lesson it belongs to.

- a numeric question's text states its precision, in the solution and so in the exercise;
- no planted mistake lies so close to the key that a correctly rounded answer could match it;
- a formula that agrees with the key only where the variables are positive is rejected, and so
  is one that is undefined where the key is defined;
- the sample points cannot be predicted: an answer built to agree with the key at the points of
  a fixed seed is rejected.
"""

from pathlib import Path

import nbformat
import numpy as np
import pytest
import sympy as sp

from helpers.checks import check, load_key
from helpers.precision import half_unit
from helpers.questions import precision_phrase, questions_for
from helpers.reading import normalise_choice, read_formula, read_formulas
from helpers.symbolic import _box, _draw, _orthants, equivalent

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted(p.stem for p in (ROOT / "solutions").glob("*.ipynb"))
QUESTIONS = [q for lesson in LESSONS for q in questions_for(lesson).values()]
NUMERIC = [q for q in QUESTIONS if q.kind in ("number", "vector")]
FORMULAS = [q for q in QUESTIONS if q.kind in ("expr", "exprs")]


def _key(question):
    return load_key(question.id)["answers"][question.id]


def _key_numbers(question):
    key = _key(question)
    return np.asarray(key["value"], dtype=float).ravel()


def _key_formulas(question):
    key = _key(question)
    if question.kind == "expr":
        return [read_formula(key, question.variables)]
    items = key.get("items") or [{"type": "number", "value": v} for v in key["value"]]
    return read_formulas({"type": "list", "items": items}, question.variables, len(items))


def _text_before(notebook: Path, question_id: str) -> str:
    cells = nbformat.read(notebook, as_version=4).cells
    at = next(i for i, c in enumerate(cells) if (c.metadata.get("grade") or {}).get("grade_id") == question_id)
    return next(c.source for c in reversed(cells[:at]) if c.cell_type == "markdown")


@pytest.mark.parametrize("question", NUMERIC, ids=lambda q: q.id)
@pytest.mark.parametrize("folder", ["solutions", "exercises"])
def test_numeric_question_text_states_its_precision(question, folder):
    notebook = next((ROOT / folder).glob(f"{question.id[:2]}-*.ipynb"))
    assert precision_phrase(question) in _text_before(notebook, question.id)


@pytest.mark.parametrize("question", NUMERIC, ids=lambda q: q.id)
def test_no_planted_mistake_is_within_reach_of_a_rounded_key(question):
    key = _key_numbers(question)
    reach = 2 * half_unit(key, question.sigfigs) if not question.integer else 0.5
    for mistake in question.mistakes:
        wrong = np.asarray(mistake.answer, dtype=float).ravel()
        assert np.max(np.abs(wrong - key)) > reach, (question.id, mistake)


@pytest.mark.parametrize("question", NUMERIC, ids=lambda q: q.id)
def test_the_key_rounded_to_the_asked_for_figures_is_correct(question):
    key = _key_numbers(question)
    scale = float(np.max(np.abs(key)))
    decimals = question.sigfigs - 1 - int(np.floor(np.log10(scale))) if scale else question.sigfigs
    rounded = np.round(key, decimals)
    if question.integer:
        rounded = key
    answer = rounded.reshape(question.shape) if question.shape else (rounded if key.size > 1 else rounded[0])
    assert check(question.id, answer).correct


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.kind == "exprs"], ids=lambda q: q.id)
def test_a_list_question_says_how_many_formulas(question):
    assert question.size == len(_key_formulas(question))


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.unit], ids=lambda q: q.id)
def test_unit_vector_keys_have_length_one(question):
    assert np.linalg.norm(_key_numbers(question)) == pytest.approx(1.0)


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.kind == "choice"], ids=lambda q: q.id)
def test_no_two_choices_read_alike(question):
    assert len({normalise_choice(c) for c in question.choices}) == len(question.choices)


def _only_right_where_positive(key: sp.Expr, variable: sp.Symbol) -> sp.Expr:
    """Agrees with ``key`` where ``variable`` > 0 and differs where it is negative."""
    return key + (sp.Abs(variable) - variable)


@pytest.mark.parametrize("question", FORMULAS, ids=lambda q: q.id)
def test_a_formula_right_only_for_positive_variables_is_rejected(question):
    keys = _key_formulas(question)
    for variable in sp.symbols(question.variables):
        for slot in range(len(keys)):
            answer = list(keys)
            answer[slot] = _only_right_where_positive(keys[slot], variable)
            value = answer[0] if question.kind == "expr" else answer
            assert check(question.id, value).verdict.score == 0.0, (question.id, variable, slot)


@pytest.mark.parametrize("question", FORMULAS, ids=lambda q: q.id)
def test_a_formula_undefined_where_the_key_is_defined_is_rejected(question):
    keys = _key_formulas(question)
    v = sp.Symbol(question.variables[0])
    answer = list(keys)
    answer[0] = keys[0] * sp.sqrt(v) / sp.sqrt(sp.Abs(v))  # the key for v > 0, undefined for v < 0
    value = answer[0] if question.kind == "expr" else answer
    assert check(question.id, value).verdict.score == 0.0


def test_the_sample_points_cannot_be_predicted_from_the_course_files():
    x = sp.Symbol("x")
    key = 3 * x**2
    orthants = _orthants(_box(("x",), None))
    for seed in range(3):  # whichever fixed seed someone reads out of the code, ...
        points = _draw(np.random.default_rng(seed), orthants, 24, 1)[:, 0]
        rigged = key + sp.Mul(*[x - sp.Rational(float(p)) for p in points]) / 10**6
        assert equivalent(rigged, key, "x", seed=seed, timeout=0)  # ... it would pass at those points,
        assert not equivalent(rigged, key, "x", seed=None, timeout=0)  # ... but not at unpredictable points
    y = sp.Symbol("y")
    rigged = 3 * x**2 * y**2 - 4 * y + sp.Mul(*[x - sp.Rational(float(p)) for p in points]) / 10**6
    assert check("01-fx", rigged).verdict.score == 0.0


def test_every_sign_of_every_variable_is_sampled():
    orthants = _orthants(_box(("x", "y", "z"), None))
    points = _draw(np.random.default_rng(1), orthants, 24, 3)
    signs = {tuple(np.sign(p).astype(int)) for p in points}
    assert len(signs) == 8
