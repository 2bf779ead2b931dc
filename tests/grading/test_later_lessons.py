"""Lessons after 06 are found like the first six: keys, lesson discovery, full and zero scores."""

import pytest
from gradekit import ROOT, load, points, run_batch

from helpers.grading import GRADED, INVALID
from helpers.grading.cli import main

LATER = ("07-descent-for-learning", "08-lagrange-multipliers")


@pytest.mark.parametrize("lesson", LATER)
def test_a_later_lesson_is_graded_full_and_zero_and_told_apart(tmp_path, lesson):
    other = LATER[1] if lesson == LATER[0] else LATER[0]
    records = run_batch(tmp_path, {
        "right": load(ROOT / "solutions" / f"{lesson}.ipynb"),
        "blank": load(ROOT / "exercises" / f"{lesson}.ipynb"),
        "again": load(ROOT / "solutions" / f"{lesson}.ipynb"),
        "other": load(ROOT / "solutions" / f"{other}.ipynb"),
    })
    right, blank = records["right"], records["blank"]
    assert right["status"] == blank["status"] == GRADED
    assert right["score"] == right["max_score"] > 0 and all(p > 0 for p in points(right).values())
    assert blank["score"] == 0 and set(points(blank)) == set(points(right))
    assert records["other"]["status"] == INVALID
    assert f"lesson {other[:2]}, expected {lesson[:2]}" in records["other"]["reason"]


@pytest.mark.parametrize("lesson", ["07", "08-lagrange-multipliers"])
def test_a_later_lesson_is_released_by_number_or_name(tmp_path, lesson):
    out = tmp_path / "release"
    assert main(["release", lesson, "--out", str(out)]) == 0
    assert len(list(out.glob("0?-*.ipynb"))) == 1 and not list(out.rglob("*.json"))
