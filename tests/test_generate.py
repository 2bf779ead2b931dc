"""The exercise generator, and the drift test: exercises/ and keys/ match solutions/."""

import json

import nbformat
import pytest

from helpers.generate import ROOT, build_key, collect_answers, exercise_from_solution, strip_solution

SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


def test_there_is_a_solution_for_every_exercise_and_back():
    exercises = {p.name for p in (ROOT / "exercises").glob("*.ipynb")}
    assert SOLUTIONS and exercises == {p.name for p in SOLUTIONS}


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_exercises_have_not_drifted_from_solutions(path):
    expected = exercise_from_solution(nbformat.read(path, as_version=4))
    actual = nbformat.read(ROOT / "exercises" / path.name, as_version=4)
    assert actual == expected, "run: python -m helpers.generate"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_keys_have_not_drifted_from_solutions(path):
    saved = json.loads((ROOT / "helpers" / "keys" / f"{path.stem}.json").read_text())
    assert saved == build_key(path), "run: python -m helpers.generate"


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_exercises_hide_answers_and_keep_ids_and_grades(path):
    solution = nbformat.read(path, as_version=4)
    exercise = nbformat.read(ROOT / "exercises" / path.name, as_version=4)
    assert [c.id for c in exercise.cells] == [c.id for c in solution.cells]
    assert [c.metadata for c in exercise.cells] == [c.metadata for c in solution.cells]
    for cell in exercise.cells:
        assert "SOLUTION" not in cell.source
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            if "grade" in cell.metadata:
                assert f"{cell.metadata.grade.answer} = ..." in cell.source


def test_strip_solution_keeps_surrounding_code_and_indentation():
    source = "def p(x):\n    return x\n    # BEGIN SOLUTION\n    a = 1\n    b = 2\n    # END SOLUTION\nc = 3\n"
    assert strip_solution(source) == "def p(x):\n    return x\n    ...\nc = 3\n"
    assert strip_solution("# BEGIN SOLUTION\nv = 2\n# END SOLUTION", "v") == "v = ...  # replace ... with your answer"


def test_strip_solution_rejects_unmatched_markers():
    with pytest.raises(ValueError, match="unmatched"):
        strip_solution("# BEGIN SOLUTION\nv = 2\n")


def test_a_failing_solution_cell_stops_the_key_build():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"),
                                               nbformat.v4.new_code_cell("1 / 0")])
    with pytest.raises(RuntimeError, match="solution cell 1 failed: ZeroDivisionError"):
        collect_answers(notebook)
