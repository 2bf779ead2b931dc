"""Judging answers in judge processes, each comparison under a time limit."""

import json
import os
import time

import pytest
from gradekit import ROOT

from helpers.grading.compare import JudgePool, judge_answer, judge_failed, too_slow

KEY = json.loads((ROOT / "helpers" / "keys" / "01-partial-derivatives.json").read_text())
FX = KEY["answers"]["01-fx"]


def expr(text: str) -> dict:
    return {"type": "expr", "text": text}


def slow_or_fake(question_id, answer, key):
    """A stand-in judge: sleeps, dies or misbehaves on request."""
    text = answer.get("text")
    if text == "slow":
        time.sleep(60)
    if text == "die":
        os._exit(3)
    if text == "boom":
        raise RuntimeError("boom")
    if text == "huge score":
        return {"score": 5.0, "verdict": "correct", "message": "ok", "hint": None}
    return judge_answer(question_id, answer, key)


@pytest.fixture(scope="module")
def pool():
    with JudgePool(size=2, timeout=3.0, judge=slow_or_fake) as judges:
        yield judges


def test_a_right_answer_in_another_form_is_correct(pool):
    verdict = pool.judge_now("01-fx", expr("y*(3*x**2*y - 4)"), FX)
    assert verdict == {"score": 1.0, "verdict": "correct", "message": "Correct.", "hint": None}


def test_a_likely_mistake_scores_zero_and_earns_its_hint(pool):
    verdict = pool.judge_now("01-fx", expr("3*x**2*y**2 - 4*y + 7"), FX)
    assert verdict["score"] == 0.0 and verdict["verdict"] == "incorrect"
    assert verdict["hint"] == "The term 7y does not change when x changes, so its x-partial is 0."


def test_a_comparison_that_takes_too_long_is_stopped_and_the_pool_goes_on(pool):
    started = time.monotonic()
    assert pool.judge_now("01-fx", expr("slow"), FX) == too_slow(3.0)
    assert time.monotonic() - started < 10
    assert pool.judge_now("01-fx", expr("3*x**2*y**2 - 4*y"), FX)["verdict"] == "correct"


def test_an_adversarial_formula_is_stopped_by_the_real_judge():
    with JudgePool(size=1, timeout=1.5) as judges:
        # within a millionth of the key everywhere (so values alone cannot refuse it), and about 10 s of
        # algebra on an idle machine (so the 1.5 s limit always stops it first)
        verdict = judges.judge_now("01-fx", expr("(3*x**2*y**2 - 4*y)*1.000001 + ((x/7 + y/7)**40)**40"), FX)
    assert verdict == too_slow(1.5)


def test_a_judge_process_that_dies_is_replaced(pool):
    assert pool.judge_now("01-fx", expr("die"), FX) == judge_failed()
    assert pool.judge_now("01-fx", expr("3*x**2*y**2 - 4*y"), FX)["score"] == 1.0


def test_a_judge_error_becomes_an_invalid_verdict(pool):
    assert pool.judge_now("01-fx", expr("boom"), FX) == {
        "score": 0.0, "verdict": "invalid", "hint": None,
        "message": "This answer could not be checked (RuntimeError)."}


def test_scores_are_clamped_to_the_unit_interval(pool):
    assert pool.judge_now("01-fx", expr("huge score"), FX)["score"] == 1.0


@pytest.mark.parametrize("answer", [
    "just text", None, {"no": "type"}, {"type": 3},
    {"type": "expr", "text": None},
    {"type": "number", "value": None, "special": "nan"},
    {"type": "number", "value": "1e309"},
    {"type": "array", "shape": [10**9], "value": [1.0]},
    {"type": "list", "items": [[[[]]]]},
    {"type": "expr", "text": "__import__('os').system('true')"},
    {"type": "expr", "text": "x" * 100000},
])
def test_damaged_or_hostile_answer_data_scores_zero(answer):
    verdict = judge_answer("01-fx", answer, FX)
    assert verdict["score"] == 0.0 and verdict["verdict"] in ("invalid", "incorrect")


def test_the_same_answer_is_judged_once(pool):
    pool.cache.clear()
    pool.submit("a", "01-fy", expr("2*x**3*y - 4*x + 7"), KEY["answers"]["01-fy"])
    pool.submit("b", "01-fy", expr("2*x**3*y - 4*x + 7"), KEY["answers"]["01-fy"])
    got = {}
    while len(got) < 2:
        got.update(pool.pump())
        time.sleep(0.01)
    assert got["a"] == got["b"] and got["a"]["verdict"] == "correct"
    assert len(pool.cache) == 1


def test_judging_time_counts_against_its_owner_only():
    """Four answers that each take the full 1 s against a budget of 2.5 s: the rest wait unchecked."""
    with JudgePool(size=2, timeout=1.0, judge=slow_or_fake) as judges:
        for n in range(4):
            judges.submit(("slow", n), "01-fx", expr("slow"), {"type": "expr", "text": f"x + {n}"},
                          owner="slow", budget=2.5)
        judges.submit(("honest", 0), "01-fx", expr("y*(3*x**2*y - 4)"), FX, owner="honest", budget=2.5)
        verdicts: dict = {}
        while len(verdicts) < 5:
            verdicts.update(judges.pump())
            time.sleep(0.05)
    slow = [verdicts[("slow", n)]["message"] for n in range(4)]
    assert slow.count(too_slow(1.0)["message"]) == 2
    assert [m for m in slow if m != too_slow(1.0)["message"]][0].startswith("This answer was not checked")
    assert verdicts[("honest", 0)]["verdict"] == "correct"
    assert judges.exhausted == {"slow"}
    assert judges.spent["slow"] <= 2.5 + 0.3
