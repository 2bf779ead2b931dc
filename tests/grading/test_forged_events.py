"""Submissions that write to the grader's answer channel themselves, or break its text handling.

One batch (2 workers) grades them next to an honest correct and an honest wrong
notebook, which must keep their exact scores. The channel is file descriptor 4
of the submission's process; every forgery below is a line of JSON written to it.
"""

import json
import os

import pytest
from gradekit import KEY, MAX, POINTS, WRONG, index_of, load, points, run_batch, source, variant

from helpers.grading import CRASHED, GRADED, TIMED_OUT

FIRST_TWO = POINTS["01-fx"] + POINTS["01-fy"]


def forge(*events: object) -> str:
    """A cell that writes ``events`` to the answer channel, one JSON line each."""
    lines = "".join(json.dumps(e) + "\n" for e in events)
    return f"import os\nos.write(4, {lines.encode()!r})\n"


def answer_event(grade_id: str, text: str) -> dict:
    return {"e": "answer", "id": grade_id, "answer": {"type": "expr", "text": text}, "error": None}


RIGHT_FX = KEY["01-fx"]["text"]
WRONG_FX = WRONG["01-fx"].split("= ", 1)[1]

#: Item 1: several answers to one question.
EARLY_ANSWERS = variant(first=forge(answer_event("01-fx", WRONG_FX), answer_event("01-fx", RIGHT_FX)),
                        answers={"01-fx": WRONG["01-fx"]})
FX_CELL = index_of(load(), "01-fx") + 1  # cells are numbered from 1 among all cells
IN_CELL = variant(answers={"01-fx": WRONG["01-fx"] + "\n" + forge(
    {"e": "ran", "n": FX_CELL, "error": None, "oom": False}, answer_event("01-fx", RIGHT_FX))})
SUPPRESSED = variant(answers={"01-fx": forge(answer_event("01-fx", RIGHT_FX)) + "del fx"})

#: Item 9: faked statuses.
FAKE_DONE = variant(after={"01-fy": forge({"e": "done"}) + "os._exit(0)"})
LAST_CELL = len(load()["cells"]) + 1
FAKE_OOM = variant(last=forge({"e": "oom", "n": 3}, {"e": "ran", "n": 3, "error": "MemoryError: x",
                                                     "oom": True},
                              {"e": "ran", "n": LAST_CELL, "error": "MemoryError: x", "oom": True}))
BLAME = variant(after={"01-fy": forge({"e": "cell", "n": 2}, {"e": "cell", "n": 9999})
                       + "while True:\n    pass"})

#: Item 6: text and numbers that used to stop the whole batch.
SURROGATE = variant(answers={"01-fx": 'raise ValueError("\\ud800 and \\udfff")'})
MALFORMED = variant(first=forge({"e": "answer"}, {"e": "answer", "id": 5},
                                {"e": "cell", "n": "x"}, {"e": "oom"}, [1, 2], "text",
                                {"e": "answer", "id": "01-fx", "answer": "not a dict"},
                                {"e": "ran", "n": None}, {"e": "done", "extra": 1})
                    + "os.write(4, b'{\"e\": \"cell\", \"n\": ' + b'9' * 5000 + b'}\\n')\n"
                    + "os.write(4, b'\\xff\\xfe not json\\n')")
HUGE_INT = json.dumps(load()).replace('"nbformat": 4', '"nbformat": 4, "x": ' + "7" * 5000)

HONEST = {"correct": load(), "wrong": variant(answers=WRONG)}
FORGED = {"early-answers": EARLY_ANSWERS, "in-cell": IN_CELL, "suppressed": SUPPRESSED,
          "fake-done": FAKE_DONE, "fake-oom": FAKE_OOM, "blame": BLAME}
BROKEN = {"surrogate": SURROGATE, "malformed": MALFORMED, "huge-int": HUGE_INT.encode()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Items 1 and 9: forged answers and statuses, next to honest notebooks."""
    tmp = tmp_path_factory.mktemp("forged")
    return tmp, run_batch(tmp, {**HONEST, **FORGED}, timeout=6, memory=256)


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """Item 6: what used to stop the whole batch, next to honest notebooks."""
    tmp = tmp_path_factory.mktemp("broken")
    (tmp / "class").mkdir()
    latin1 = os.fsdecode(b"caf\xe9")  # a file name that is not UTF-8, as old zips hold
    (tmp / "class" / f"{latin1}.ipynb").write_text(json.dumps(load()))
    return tmp, run_batch(tmp, {**HONEST, **BROKEN}, timeout=6, memory=256)


def cell_number(name: str, text: str) -> int:
    notebook = FORGED[name]
    return next(i + 1 for i, c in enumerate(notebook["cells"]) if source(c).startswith(text))


def check(record, status, score, reason=None):
    assert (record["status"], record["score"]) == (status, score)
    if reason is not None:
        assert record["reason"] == reason


@pytest.mark.parametrize("batch", ["graded", "broken"])
def test_the_honest_submissions_of_the_batch_are_unaffected(batch, request):
    records = request.getfixturevalue(batch)[1]
    check(records["correct"], GRADED, MAX, reason="")
    check(records["wrong"], GRADED, 0.0, reason="")
    assert records["correct"]["notes"] == []
    assert points(records["correct"]) == POINTS


@pytest.mark.parametrize("name", ["early-answers", "in-cell"])
def test_one_answer_per_question_the_one_captured_after_its_cell(graded, name):
    record = graded[1][name]
    check(record, GRADED, MAX - POINTS["01-fx"], reason="")
    fx = record["questions"][0]
    assert (fx["verdict"], fx["points"], fx["answer"]) == ("incorrect", 0.0, WRONG_FX)
    assert any("01-fx" in note and "ignored" in note or "extra answer for 01-fx" in note
               for note in record["notes"])


def test_a_suppressed_answer_is_not_replaced_by_a_forged_one(graded):
    record = graded[1]["suppressed"]
    check(record, GRADED, MAX - POINTS["01-fx"], reason="")
    assert record["questions"][0]["verdict"] == "not answered"
    assert ("the notebook wrote to the grader's answer channel itself (1 time(s): an answer for "
            "'01-fx' not sent at the end of its answer cell); that was ignored") in record["notes"]


def test_a_forged_done_does_not_make_a_crash_graded(graded):
    n = cell_number("fake-done", "import os\nos.write(4")
    check(graded[1]["fake-done"], CRASHED, FIRST_TWO,
          reason=f"it ended its own process (exit code 0) (in cell {n}: import os) "
                 "before the notebook finished")


def test_a_forged_out_of_memory_does_not_change_a_finished_run(graded):
    check(graded[1]["fake-oom"], GRADED, MAX, reason="")


def test_forged_cell_numbers_do_not_move_the_blame(graded):
    n = cell_number("blame", "import os\nos.write(4")
    check(graded[1]["blame"], TIMED_OUT, FIRST_TWO,
          reason=f"it was still running after 6 s (in cell {n}: import os), so it was stopped")


def test_a_lone_surrogate_in_an_error_costs_only_its_question(broken):
    out, records = broken
    record = records["surrogate"]
    check(record, GRADED, MAX - POINTS["01-fx"], reason="")
    assert record["questions"][0]["error"] == "ValueError: \\ud800 and \\udfff"
    assert "\\ud800" in (out / "out" / "feedback" / "surrogate.html").read_text(encoding="utf-8")


def test_malformed_events_are_ignored_and_noted(broken):
    record = broken[1]["malformed"]
    check(record, GRADED, MAX, reason="")
    assert any("a malformed message" in note for note in record["notes"])


def test_a_number_too_long_for_python_does_not_stop_the_batch(broken):
    check(broken[1]["huge-int"], GRADED, MAX, reason="")


def test_a_file_name_that_is_not_utf8_gets_its_row(broken):
    out, records = broken
    record = records["caf\\xe9"]
    check(record, GRADED, MAX, reason="")
    assert record["file"].endswith("caf\\xe9.ipynb")
    rows = (out / "out" / "gradebook.csv").read_text(encoding="utf-8")
    assert "caf\\xe9," in rows
    assert set(records) == {*HONEST, *BROKEN, "caf\\xe9"}
