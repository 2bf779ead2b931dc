"""The precision policy: an answer right to the asked-for figures is always accepted."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.precision import figures_matched, half_unit, within


def _round_to(value: float, figures: int, scale: float) -> float:
    """``value`` rounded to ``figures`` significant figures of ``scale`` (the largest entry)."""
    decimals = figures - 1 - math.floor(math.log10(scale))
    return round(value, decimals)


def test_half_unit_is_half_the_last_asked_for_figure_of_the_largest_entry():
    assert half_unit(np.array([2.4730819]), 3) == 0.005
    assert half_unit(np.array([0.9701, 0.2425]), 3) == 0.0005
    assert half_unit(np.array([-3.333, -4.0]), 3) == 0.005
    assert half_unit(np.array([0.0, 0.0]), 3) == 0.0005


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).filter(lambda v: abs(v) > 1e-6)


@settings(max_examples=300, deadline=None)
@given(st.lists(finite, min_size=1, max_size=4), st.integers(min_value=1, max_value=8))
def test_every_correctly_rounded_answer_is_within(key, figures):
    key = np.array(key)
    scale = float(np.max(np.abs(key)))
    rounded = np.array([_round_to(v, figures, scale) for v in key])
    assert within(rounded, key, figures)
    assert figures_matched(rounded, key) >= figures


@settings(max_examples=300, deadline=None)
@given(finite, st.integers(min_value=2, max_value=8))
def test_an_error_in_the_last_asked_for_figure_is_not_within(value, figures):
    key = np.array([value])
    off = key + 3 * half_unit(key, figures)  # one and a half units off in the last figure
    assert not within(off, key, figures)


def test_a_zero_component_is_judged_against_the_size_of_the_whole_answer():
    key = np.array([2 / 3, 0.0])
    assert within(np.array([0.667, 0.0003]), key, 3)
    assert not within(np.array([0.667, 0.002]), key, 3)


def test_non_finite_answers_and_other_shapes_are_never_within():
    assert not within(np.array([math.nan]), np.array([1.0]), 3)
    assert not within(np.array([1.0, 2.0]), np.array([1.0]), 3)
