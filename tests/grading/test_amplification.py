"""One submission may not stall the batch or blow up what the grader writes."""

import json
import time

import pytest
from gradekit import MAX, NAMES, POINTS, WRONG, load, points, run_batch, variant

from helpers.grading import GRADED, TIMED_OUT, batch
from helpers.grading.compare import JudgePool, judge_answer, not_checked, too_slow

#: A formula whose comparison takes far longer than the 1 s allowed here. Real formulas that
#: keep sympy busy for seconds exist (``exp(exp(...))``), but how long they take depends on the
#: machine; this one sleeps, so how much judging time the submission spends is known.
SLOW = "slow_to_check"
FORMULAS = ("01-fx", "01-fy", "01-gy", "01-qx", "01-wz", "01-fxy")


def _judge(question_id: str, answer: dict, key: dict) -> dict:
    if answer.get("text") == SLOW:
        time.sleep(30)
    return judge_answer(question_id, answer, key)


class SlowJudges(JudgePool):
    """The grader's judge pool, whose judges take 30 s over the formula ``slow_to_check``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, judge=_judge, **kwargs)


def slow_notebook() -> dict:
    return variant(answers={q: f"{NAMES[q]} = sp.Symbol({SLOW!r})" for q in FORMULAS})


def many_ids_notebook(count: int = 100_000) -> dict:
    notebook = load()
    notebook["cells"] += [{"cell_type": "code", "metadata": {"grade": {"grade_id": f"01-x{i}"}},
                           "source": "", "outputs": [], "execution_count": None}
                          for i in range(count)]
    return notebook


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("amplification")
    patch = pytest.MonkeyPatch()
    patch.setattr(batch, "JudgePool", SlowJudges)
    try:
        records = run_batch(tmp, {"correct": load(), "wrong": variant(answers=WRONG),
                                  "slow": slow_notebook(), "many-ids": many_ids_notebook()},
                            timeout=6, memory=256, compare_timeout=1.0)
    finally:
        patch.undo()
    return tmp / "out", records


def test_slow_answers_spend_their_own_time_only(graded):
    _, records = graded
    slow = records["slow"]
    assert (slow["status"], slow["score"]) == (TIMED_OUT, MAX - sum(POINTS[q] for q in FORMULAS))
    assert slow["reason"] == ("checking its answers used up what was left of its 6 s, "
                              "so some were not checked")
    messages = {q["message"] for q in slow["questions"] if q["id"] in FORMULAS}
    assert messages <= {too_slow(1.0)["message"], not_checked()["message"]}
    assert all(q["verdict"] == "invalid" for q in slow["questions"] if q["id"] in FORMULAS)


def test_the_rest_of_the_batch_is_unaffected(graded):
    _, records = graded
    assert (records["correct"]["status"], records["correct"]["score"]) == (GRADED, MAX)
    assert points(records["correct"]) == POINTS
    assert (records["wrong"]["status"], records["wrong"]["score"]) == (GRADED, 0.0)


def test_a_hundred_thousand_unknown_ids_make_a_few_notes(graded):
    out, records = graded
    record = records["many-ids"]
    assert (record["status"], record["score"]) == (GRADED, MAX)
    assert len(record["notes"]) == 6
    assert record["notes"][-1] == ("99995 more cells are marked with ids that are not questions "
                                   "of lesson 01; they were run but not graded")
    assert (out / "feedback" / "many-ids.html").stat().st_size < 20_000
    assert len(json.dumps(record)) < 20_000
