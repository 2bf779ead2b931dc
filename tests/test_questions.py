"""Question specs agree with the solution notebooks, and every key is right."""

import math

import nbformat
import pytest
import sympy as sp

from helpers.checks import load_key
from helpers.generate import ROOT, grade_metadata
from helpers.questions import Question, get_question, questions_for
from helpers.symbolic import equivalent, parse_formula

x, y, z = sp.symbols("x y z")
f = x**3 * y**2 - 4 * x * y + 7 * y
g = sp.sin(x * y) + sp.exp(x + 2 * y)
q = x / (x**2 + y**2)
h = x * sp.exp(x * y)
w = x**2 * y * z**3


def p(a, b):
    return a**2 * b


def test_every_answer_cell_has_a_spec_and_every_spec_a_cell():
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        ids = [g["grade_id"] for g in map(grade_metadata, nbformat.read(path, as_version=4).cells) if g]
        assert len(ids) == len(set(ids)), f"{path.name} repeats a grade_id"
        assert set(ids) == set(questions_for(path.stem)), path.name


def test_unknown_kind_and_unknown_question_are_rejected():
    with pytest.raises(ValueError, match="kind"):
        Question("x", "essay")
    with pytest.raises(KeyError, match="no exercise question"):
        get_question("01-missing")
    with pytest.raises(KeyError):
        get_question("99-anything")


# Each key derived independently of the solution notebook.
EXPECTED = {
    "01-fx": sp.diff(f, x),
    "01-fy": sp.diff(f, y),
    "01-gy": sp.diff(g, y),
    "01-qx": sp.diff(q, x),
    "01-wz": sp.diff(w, z),
    "01-fxy": sp.diff(f, x, y),
}


@pytest.mark.parametrize("qid", sorted(EXPECTED))
def test_symbolic_keys_match_sympy(qid):
    question = get_question(qid)
    key = parse_formula(load_key("01")["answers"][qid]["text"], question.variables)
    assert sp.simplify(key - EXPECTED[qid]) == 0


def test_numeric_keys_match_independent_computation():
    answers = load_key("01")["answers"]
    assert answers["01-hx-value"]["value"] == pytest.approx(float(sp.diff(h, x).subs({x: 1, y: 0.5})))
    assert answers["01-hx-value"]["value"] == pytest.approx(1.5 * math.exp(0.5))
    assert answers["01-forward-difference"]["value"] == pytest.approx((p(1.1, 2) - p(1, 2)) / 0.1)
    px, py = (float(sp.diff(p(x, y), v).subs({x: 1, y: 2})) for v in (x, y))
    assert (px, py) == (4.0, 1.0) and answers["01-larger"]["value"] == "f_x"


def test_planted_numeric_mistakes_are_the_mistakes_they_name():
    mistakes = {m.hint.split(":")[0]: m.answer for m in get_question("01-hx-value").mistakes}
    assert mistakes["Product rule"] == pytest.approx(math.exp(0.5))  # dropped x*y*exp(xy)
    assert mistakes["Chain rule"] == pytest.approx(2 * math.exp(0.5))  # exp(xy) + x*exp(xy) at x=1
    estimates = [m.answer for m in get_question("01-forward-difference").mistakes]
    assert estimates == pytest.approx([4.0, p(1.1, 2) - p(1, 2), (p(1, 2) - p(0.9, 2)) / 0.1])


@pytest.mark.parametrize("question", [q for q in questions_for("01").values() if q.kind == "expr"], ids=str)
def test_no_planted_mistake_is_secretly_correct(question):
    key = parse_formula(load_key("01")["answers"][question.id]["text"], question.variables)
    for mistake in question.mistakes:
        assert not equivalent(mistake.answer, key, question.variables, question.domain), mistake


LESSONS = sorted(p.stem for p in (ROOT / "solutions").glob("*.ipynb"))


@pytest.mark.parametrize("lesson", LESSONS)
def test_no_planted_mistake_reveals_an_answer_of_the_lesson(lesson):
    """Question specs ship to students (they judge form in a release): they must hold no answer."""
    from helpers.answers import encode, judge

    key = load_key(lesson[:2])["answers"]
    for question in questions_for(lesson).values():
        for mistake in question.mistakes:
            for other_id, other_key in key.items():
                other = get_question(other_id)
                if other.kind != question.kind or other.variables != question.variables:
                    continue
                verdict = judge(other, encode(mistake.answer), other_key)
                assert verdict.verdict != "correct", f"{question.id}: a planted mistake is the answer to {other_id}"
