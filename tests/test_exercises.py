"""An untouched exercise notebook runs to the end and every check says "not answered yet"."""

import nbformat
import pytest
from nbclient import NotebookClient

from helpers.generate import ROOT, grade_metadata

EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_untouched_exercise_says_not_answered_for_every_question(path):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    questions = [g["grade_id"] for g in map(grade_metadata, notebook.cells) if g]
    verdicts = [o["data"]["text/plain"] for c in notebook.cells if c.cell_type == "code"
                for o in c.outputs if o.get("output_type") == "execute_result"]
    assert len(verdicts) == len(questions)
    for question, verdict in zip(questions, verdicts, strict=True):
        assert verdict.startswith(f"{question}: … Not answered yet")
