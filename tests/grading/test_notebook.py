"""Reading, validating and matching submissions (nothing is run here)."""

import json

import pytest
from gradekit import EXERCISE, NAMES, POINTS, SOLUTION, code_cell, index_of, load

from helpers.grading.notebook import (
    InvalidNotebook,
    KeyQuestion,
    lesson_of,
    make_plan,
    questions_of,
    read_notebook,
)

QUESTIONS = questions_of(load(SOLUTION))


def plan_of(notebook: dict):
    return make_plan(read_notebook(json.dumps(notebook).encode()), QUESTIONS, "01")


def captured(plan) -> dict[str, int]:
    return {c["capture"]["grade_id"]: c["number"] for c in plan.cells if c["capture"]}


def test_solution_declares_every_question_with_points_and_answer_name():
    assert [q.grade_id for q in QUESTIONS] == list(POINTS)
    assert all(q.points == POINTS[q.grade_id] and q.answer == NAMES[q.grade_id]
               for q in QUESTIONS)


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "the file is empty"),
    (b"  \n", "the file is empty"),
    (b"\xff\xfe\x00garbage", "the file is not text (not UTF-8), so it is not a notebook"),
    (b'{"cells": [', "the file is not valid JSON (line 1, column 12: Expecting value); "
                     "it may be damaged or not a notebook"),
    (b"[1, 2, 3]", "the file is JSON but not a Jupyter notebook (it has no list of cells)"),
    (b'{"nbformat": 3, "worksheets": []}', "the notebook is in the old format version 3; "
                                           "open it in JupyterLab and save it again"),
    (b'{"nbformat": 4, "cells": []}', "the notebook is empty: it has no code cells"),
    (b'{"nbformat": 4, "cells": [{"cell_type": "markdown", "source": "hi"}]}',
     "the notebook is empty: it has no code cells"),
    (b"[" * 100000 + b"]" * 100000, "the file is JSON nested too deeply to be a notebook"),
])
def test_unreadable_files_get_a_precise_reason(data, reason):
    with pytest.raises(InvalidNotebook) as caught:
        read_notebook(data)
    assert str(caught.value) == reason


def test_a_too_large_file_is_refused_before_parsing():
    with pytest.raises(InvalidNotebook, match=r"^the file is too large \(1\.0 MB; the limit is 0 MB\)"):
        read_notebook(b" " * 10 + b"x" * 2**20, max_bytes=1000)


def test_sources_as_lists_and_bad_cells_are_handled():
    notebook = {"nbformat": 4, "cells": [
        {"cell_type": "code", "source": ["fx = ", "1\n"], "metadata": {}},
        {"cell_type": "code", "source": 42, "metadata": {}},
        "not a cell",
        {"cell_type": "code", "source": "y = 2", "metadata": {"grade": "not a dict"}},
    ]}
    parsed = read_notebook(json.dumps(notebook).encode())
    assert [c.source for c in parsed.cells] == ["fx = 1\n", "y = 2"]
    assert [c.number for c in parsed.cells] == [1, 4]
    assert parsed.notes == ("cell 2 has an unreadable source and was skipped",)
    assert parsed.grade_ids == []


def test_the_exercise_matches_every_question_without_notes():
    plan = plan_of(load(EXERCISE))
    assert set(captured(plan)) == set(POINTS)
    assert plan.missing == {} and plan.notes == []


def test_a_deleted_answer_cell_is_missing_with_the_contract_reason():
    notebook = load(EXERCISE)
    del notebook["cells"][index_of(notebook, "01-fx")]
    plan = plan_of(notebook)
    assert plan.missing == {"01-fx": "answer cell for 01-fx was deleted or its metadata removed"}
    assert "01-fx" not in captured(plan)


def test_stripped_metadata_counts_as_deleted():
    notebook = load(EXERCISE)
    notebook["cells"][index_of(notebook, "01-gy")]["metadata"] = {}
    assert list(plan_of(notebook).missing) == ["01-gy"]


def test_a_duplicated_answer_cell_grades_the_last_copy():
    notebook = load(EXERCISE)
    at = index_of(notebook, "01-fx")
    notebook["cells"].insert(at + 1, json.loads(json.dumps(notebook["cells"][at])))
    plan = plan_of(notebook)
    assert captured(plan)["01-fx"] == at + 2  # 1-based number of the copy
    assert plan.notes == [f"the answer cell for 01-fx appears 2 times; the last one "
                          f"(cell {at + 2}) was graded"]


def test_reordered_cells_are_matched_by_id_and_noted():
    notebook = load(EXERCISE)
    a, b = index_of(notebook, "01-fx"), index_of(notebook, "01-fy")
    cells = notebook["cells"]
    cells[a], cells[b] = cells[b], cells[a]
    plan = plan_of(notebook)
    assert set(captured(plan)) == set(POINTS) and plan.missing == {}
    assert plan.notes == ["the answer cells are in a different order than in the exercise; "
                          "each was graded by its id, and cells ran in the submitted order"]


def test_a_renamed_grade_id_is_missing_and_the_stranger_is_noted():
    notebook = load(EXERCISE)
    notebook["cells"][index_of(notebook, "01-fx")]["metadata"]["grade"]["grade_id"] = "01-fx-mine"
    plan = plan_of(notebook)
    assert list(plan.missing) == ["01-fx"]
    assert plan.notes == ["a cell is marked '01-fx-mine', which is not a question of lesson 01; "
                          "it was run but not graded"]


def test_the_answer_name_comes_from_the_key_not_the_submission():
    notebook = load(EXERCISE)
    notebook["cells"][index_of(notebook, "01-fx")]["metadata"]["grade"]["answer"] = "__builtins__"
    plan = plan_of(notebook)
    assert next(c["capture"] for c in plan.cells if c["capture"] and
                c["capture"]["grade_id"] == "01-fx")["answer"] == "fx"


def test_a_notebook_of_another_lesson_is_invalid():
    notebook = load(EXERCISE)
    for cell in notebook["cells"]:
        grade = cell.get("metadata", {}).get("grade")
        if grade:
            grade["grade_id"] = "02" + grade["grade_id"][2:]
    with pytest.raises(InvalidNotebook, match="^this is the notebook for lesson 02, expected 01$"):
        plan_of(notebook)


def test_a_notebook_without_any_answer_cell_is_invalid():
    notebook = {"nbformat": 4, "cells": [code_cell("print('hello')")]}
    with pytest.raises(InvalidNotebook, match="^no answer cells of lesson 01 were found"):
        plan_of(notebook)


def test_lesson_of_takes_the_majority():
    assert lesson_of(["02-a", "02-b", "01-c", "junk"]) == "02"
    assert lesson_of([]) is None


def test_plan_is_plain_json_for_the_child():
    plan = make_plan(read_notebook(EXERCISE.read_bytes()), [KeyQuestion("01-fx", 2, "fx")], "01")
    data = json.loads(plan.to_json())
    assert set(data) == {"cells"}
    assert all(set(c) == {"number", "source", "capture"} for c in data["cells"])
