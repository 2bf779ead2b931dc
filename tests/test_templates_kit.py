"""The pieces templates share: numbers told apart at the asked-for precision, work done once per version."""

import numpy as np
import pytest
import sympy as sp

from helpers.precision import half_unit, within
from helpers.templates.kit import _half_unit, apart, fair, per_version, tex_sum, vec

x, y = sp.symbols("x y")


def test_half_unit_is_the_precision_rule_in_plain_python():
    rng = np.random.default_rng(0)
    for _ in range(2000):
        values = rng.choice([-1, 1], size=2) * 10.0 ** rng.uniform(-4, 4, size=2)
        for sigfigs in (2, 3, 4):
            assert _half_unit(list(values), sigfigs) == pytest.approx(half_unit(values, sigfigs), rel=1e-12)
    assert _half_unit([0.0, 0.0], 3) == half_unit(np.zeros(2), 3)


def test_no_answer_is_right_for_two_answers_that_are_apart():
    rng = np.random.default_rng(1)
    checked = 0
    for _ in range(5000):
        a = float(rng.uniform(-10, 10))
        b = a + float(rng.choice([-1, 1]) * 10.0 ** rng.uniform(-4, 0))
        if not apart(a, b):
            continue
        ha, hb = half_unit(np.array([a]), 3), half_unit(np.array([b]), 3)
        best = a + (b - a) * ha / (ha + hb)  # the answer closest to being right for both
        assert not (within(np.array([best]), np.array([a]), 3) and within(np.array([best]), np.array([b]), 3))
        checked += 1
    assert checked > 1000


def test_apart_compares_whole_vectors_and_sizes():
    assert not apart([0.6, -0.8], [0.6004, -0.8])
    assert apart([0.6, -0.8], [0.6, 0.8])
    assert apart([1.0, 2.0], 1.0)  # different sizes cannot be confused
    assert not apart(3.0, 3.0000000000000004)


def test_fair_rejects_every_kind_of_ambiguity():
    assert fair([(1.6, [8.0, -1.6, 0.32]), ([0.6, -0.8], [[3.0, -4.0]])])
    assert not fair([(1.6, [1.6004])])  # a mistake that is the key
    assert not fair([(1.6, [8.0, 8.001])])  # two mistakes that are one
    assert not fair([(1.6, [4.0]), (4.0, [17.0])])  # a mistake that is another question's answer
    assert not fair([(float("inf"), [1.0])])


def test_per_version_gives_only_the_parameters_used_and_works_once_for_them():
    calls = []

    def text(p):
        calls.append(p)
        return f"a = {p['a']}"

    cached = per_version(text, uses=("a",))
    assert cached({"a": 1, "b": 2}) == cached({"a": 1, "b": 3}) == "a = 1"
    assert calls == [{"a": 1}]
    with pytest.raises(KeyError):
        per_version(lambda p: p["b"], uses=("a",))({"a": 1, "b": 2})


def test_formula_and_vector_text():
    assert tex_sum([x**2, x * y, y**2, -3 * x]) == "x^{2} + x y + y^{2} - 3 x"
    assert tex_sum([0, -x]) == "- x"
    assert vec([3, -4.0, 0.5]) == "(3, -4, 0.5)"
