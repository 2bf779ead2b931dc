"""Shared builders for the grader tests: submissions made from the real lesson 01.

Every submission is the real solution (or exercise) notebook of lesson 01
with some answer cells replaced and some cells added, so the tests follow
the notebooks as they change. ``WRONG`` holds one wrong answer per question.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from helpers.grading.batch import Options, grade
from helpers.grading.sandbox import Limits

ROOT = Path(__file__).resolve().parents[2]
LESSON = "01-partial-derivatives"
SOLUTION = ROOT / "solutions" / f"{LESSON}.ipynb"
EXERCISE = ROOT / "exercises" / f"{LESSON}.ipynb"


def load(path: Path = SOLUTION) -> dict[str, Any]:
    """A notebook as plain JSON."""
    return json.loads(path.read_text(encoding="utf-8"))


def grade_of(cell: dict[str, Any]) -> dict[str, Any] | None:
    grade = cell.get("metadata", {}).get("grade")
    return grade if isinstance(grade, dict) else None


POINTS = {g["grade_id"]: float(g["points"]) for g in map(grade_of, load()["cells"]) if g}
NAMES = {g["grade_id"]: g["answer"] for g in map(grade_of, load()["cells"]) if g}
MAX = sum(POINTS.values())
#: The key's answers (read here, outside any sandbox).
KEY = json.loads((ROOT / "helpers" / "keys" / f"{LESSON}.json").read_text())["answers"]

#: One wrong answer per question (each a likely mistake).
WRONG = {
    "01-fx": "fx = 3*x**2*y**2 - 4*y + 7",
    "01-fy": "fy = 2*x**3*y - 4*x",
    "01-gy": "gy = sp.cos(x*y) + sp.exp(x + 2*y)",
    "01-qx": "qx = 1/(x**2 + y**2)",
    "01-hx-value": "hx_value = 1.0",
    "01-wz": "wz = x**2*z**3",
    "01-fxy": "fxy = 6*x*y**2",
    "01-forward-difference": "def p(x, y):\n    return x**2 * y\n\nh = 0.1\nestimate = 4.0",
    "01-larger": 'larger = "equal"',
}


def source(cell: dict[str, Any]) -> str:
    text = cell["source"]
    return text if isinstance(text, str) else "".join(text)


def index_of(notebook: dict[str, Any], grade_id: str) -> int:
    """Position of the answer cell of ``grade_id``."""
    return next(i for i, c in enumerate(notebook["cells"])
                if (grade_of(c) or {}).get("grade_id") == grade_id)


def code_cell(text: str) -> dict[str, Any]:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": text}


def variant(base: Path = SOLUTION, answers: dict[str, str] | None = None,
            after: dict[str, str] | None = None, first: str | None = None,
            last: str | None = None) -> dict[str, Any]:
    """The base notebook with answer cells replaced and cells added.

    Parameters
    ----------
    answers : dict
        ``grade_id -> new source`` of answer cells.
    after : dict
        ``grade_id -> source`` of a cell added right after that question's
        check cell (the cell after its answer cell).
    first, last : str
        Source of a cell added after the setup cell / at the end.
    """
    notebook = copy.deepcopy(load(base))
    for grade_id, text in (answers or {}).items():
        notebook["cells"][index_of(notebook, grade_id)]["source"] = text
    for grade_id, text in (after or {}).items():
        notebook["cells"].insert(index_of(notebook, grade_id) + 2, code_cell(text))
    if first is not None:
        setup = next(i for i, c in enumerate(notebook["cells"]) if c["cell_type"] == "code")
        notebook["cells"].insert(setup + 1, code_cell(first))
    if last is not None:
        notebook["cells"].append(code_cell(last))
    return notebook


def write(folder: Path, name: str, content: dict[str, Any] | bytes) -> Path:
    path = folder / f"{name}.ipynb"
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    return path


def run_batch(tmp: Path, submissions: dict[str, dict[str, Any] | bytes], *,
              timeout: float = 20, memory: int = 512, **options: Any) -> dict[str, dict]:
    """Grade ``submissions`` (name -> notebook) in one batch; records by student."""
    folder = tmp / "class"
    folder.mkdir(exist_ok=True)
    for name, content in submissions.items():
        write(folder, name, content)
    limits = Limits(wall=timeout, cpu=int(timeout), memory_mb=memory)
    out = options.pop("out", tmp / "out")
    summary = grade(Options([folder], out, ROOT / "solutions", workers=2, limits=limits,
                            progress=None, **options))
    return {r["student"]: r for r in summary["records"]}


def points(record: dict[str, Any]) -> dict[str, float]:
    """Question id -> points earned."""
    return {q["id"]: q["points"] for q in record["questions"]}
