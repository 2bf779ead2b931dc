"""Encoding answers as plain JSON and judging them against a key."""

import json
import math

import numpy as np
import pytest
import sympy as sp

from helpers.answers import check_form, encode, judge
from helpers.questions import Mistake, Question

x, y = sp.symbols("x y")


class AlwaysEqual:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


class Exploding:
    @property
    def __class__(self):
        raise RuntimeError("boom")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (..., {"type": "missing"}),
        (True, {"type": "bool", "value": True}),
        (3, {"type": "number", "value": 3.0}),
        (np.float32(0.5), {"type": "number", "value": 0.5}),
        (sp.Rational(1, 2), {"type": "number", "value": 0.5}),
        (float("nan"), {"type": "number", "value": None, "special": "nan"}),
        (-math.inf, {"type": "number", "value": None, "special": "-inf"}),
        (6 * x * y - 2, {"type": "expr", "text": "6*x*y - 2"}),
        ("f_x", {"type": "text", "value": "f_x"}),
    ],
)
def test_encode_plain_values(value, expected):
    assert encode(value) == expected


def test_encode_is_json_safe_for_every_kind():
    values = [np.array([[1, 2], [3, 4]]), [x, 2 * y], sp.Matrix([x, 1]), (1.0, math.nan), AlwaysEqual(),
              Exploding(), "z" * 10_000, list(range(5000)), 1 + 2j]
    for value in values:
        json.dumps(encode(value), allow_nan=False)


def test_encode_arrays_keep_shape_and_lists_of_formulas_keep_text():
    assert encode(np.array([[1, 2], [3, 4]]))["shape"] == [2, 2]
    assert encode([x**2, 2 * y]) == {"type": "list", "items": [{"type": "expr", "text": "x**2"},
                                                               {"type": "expr", "text": "2*y"}]}


def test_objects_with_rigged_equality_become_other():
    assert encode(AlwaysEqual()) == {"type": "other", "python_type": "AlwaysEqual"}
    assert encode(Exploding())["type"] == "other"


EXPR = Question("t-expr", "expr", mistakes=(Mistake("2*x", "forgot y"),), hint="generic")
KEY = encode(2 * x * y)


@pytest.mark.parametrize("answer", [2 * x * y, "2*x*y", "x*y + y*x", "(x + y)**2 - x**2 - y**2"])
def test_equivalent_formulas_score_full(answer):
    verdict = judge(EXPR, encode(answer), KEY)
    assert (verdict.score, verdict.verdict) == (1.0, "correct")


@pytest.mark.parametrize(
    ("answer", "hint"),
    [("2*x", "forgot y"), ("-2*x*y", "Your answer has the wrong sign."),
     ("x*y", "Your answer is off by a factor of 2."), ("4*x*y", "Your answer is off by a factor of 2."),
     ("x + y", "generic")],
)
def test_wrong_formulas_score_zero_with_the_right_hint(answer, hint):
    verdict = judge(EXPR, encode(answer), KEY)
    assert (verdict.score, verdict.verdict, verdict.hint) == (0.0, "incorrect", hint)


@pytest.mark.parametrize("answer", ["__import__('os')", "2*x*z", "x +", [1, 2], AlwaysEqual(), math.nan])
def test_unreadable_formulas_are_invalid_not_errors(answer):
    verdict = judge(EXPR, encode(answer), KEY)
    assert verdict.score == 0.0 and verdict.verdict in {"invalid", "incorrect"}


def test_missing_answer_is_not_answered():
    assert judge(EXPR, encode(...), KEY).verdict == "not answered"


VECTOR = Question("t-vec", "vector", size=2, hint="generic")


def test_vectors_compare_with_tolerance_and_shape():
    key = encode(np.array([0.6, 0.8]))
    assert judge(VECTOR, encode([0.6, 0.8 + 1e-9]), key).score == 1.0
    assert judge(VECTOR, encode([3, 4]), key).hint.startswith("Right direction, wrong size")
    unit = Question("t-unit", "vector", size=2, unit=True, hint="generic")
    assert judge(unit, encode([3, 4]), key).hint.startswith("Your vector points the right way")
    assert judge(VECTOR, encode([-0.6, -0.8]), key).hint == "Your answer has the wrong sign."
    assert judge(VECTOR, encode([0.6]), key).verdict == "invalid"
    assert judge(VECTOR, encode([math.nan, 0.8]), key).score == 0.0
    assert judge(VECTOR, encode("0.6, 0.8"), key).score == 1.0
    assert judge(VECTOR, encode("0.6, x"), key).verdict == "invalid"


def test_numbers_use_planted_mistakes_first():
    question = Question("t-num", "number", mistakes=(Mistake(4.0, "exact, not the estimate"),))
    key = encode(4.2)
    assert judge(question, encode(4.2), key).score == 1.0
    assert judge(question, encode(4.0), key).hint == "exact, not the estimate"
    assert judge(question, encode(8.4), key).hint == "Your answer is off by a factor of 2."


def test_formula_lists_are_judged_component_by_component():
    question = Question("t-grad", "exprs")
    key = encode([2 * x * y, x**2])
    assert judge(question, encode(["2*x*y", x**2]), key).score == 1.0
    wrong = judge(question, encode([2 * x * y, 2 * x]), key)
    assert wrong.score == 0.0 and "2" in wrong.message
    assert judge(question, encode([2 * x * y]), key).verdict == "invalid"


def test_choices_ignore_case_and_reject_unknown_options():
    question = Question("t-choice", "choice", choices=("f_x", "f_y", "equal"), hint="compare")
    key = encode("f_x")
    assert judge(question, encode(" F_X "), key).score == 1.0
    assert judge(question, encode("f_y"), key).hint == "compare"
    assert judge(question, encode("steeper"), key).verdict == "invalid"
    assert judge(question, encode(1), key).verdict == "invalid"


def test_check_form_validates_without_judging():
    assert check_form(EXPR, encode("x + y")).verdict == "received"
    assert check_form(EXPR, encode("x + z")).verdict == "invalid"
    assert check_form(VECTOR, encode([1, 2])).verdict == "received"
    assert check_form(VECTOR, encode([1, 2, 3])).verdict == "invalid"
    assert check_form(EXPR, encode(...)).verdict == "not answered"


def test_sympy_objects_that_are_not_formulas_get_named():
    assert encode(sp.Derivative(x**2, x)) == {"type": "expr", "text": "2*x"}  # worked out first
    assert encode(sp.Integral(2 * x, x)) == {"type": "expr", "text": "x**2"}
    assert encode(sp.I * x)["type"] == "other"  # a complex formula has no spelling the course reads
    verdict = judge(EXPR, encode(sp.oo), KEY)
    assert verdict.verdict == "invalid" and "not finite (inf)" in verdict.message


def test_choices_name_a_planted_mistake():
    question = Question("t-choice", "choice", choices=("a", "b", "c"), hint="generic",
                        mistakes=(Mistake("b", "b is the rate along the level curve"),))
    key = encode("a")
    assert judge(question, encode("B"), key).hint == "b is the rate along the level curve"
    assert judge(question, encode("c"), key).hint == "generic"


def test_mutable_and_immutable_matrices_encode_as_their_rows():
    expected = encode([[2 * y, 2 * x], [0, 1]])
    assert encode(sp.Matrix([[2 * y, 2 * x], [0, 1]])) == expected
    assert encode(sp.ImmutableMatrix([[2 * y, 2 * x], [0, 1]])) == expected
