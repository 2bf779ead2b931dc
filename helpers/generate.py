"""Write exercises/ and the learners' answer keys from solutions/.

``solutions/NN-name.ipynb`` is the single source of an exercise. Answer code
sits between ``# BEGIN SOLUTION`` and ``# END SOLUTION``; an answer cell
carries ``metadata["grade"] = {"grade_id": ..., "points": ..., "answer": name}``.

- :func:`exercise_from_solution` replaces each solution region by a
  placeholder (``name = ...`` in an answer cell), clears outputs and execution
  counts, and keeps cell ids and metadata.
- :func:`build_key` runs the solution's code cells once, in order, and encodes
  every answer with :func:`helpers.answers.encode` right after its cell runs.

Run ``python -m helpers.generate`` after editing a solution notebook, and
``python -m helpers.generate --check`` to see whether anything drifted.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path
from typing import Any

import nbformat

__all__ = [
    "BEGIN",
    "END",
    "strip_solution",
    "exercise_from_solution",
    "grade_metadata",
    "collect_answers",
    "build_key",
    "main",
]

BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"
_REGION = re.compile(r"^([ \t]*)# BEGIN SOLUTION[^\n]*\n.*?^[ \t]*# END SOLUTION[^\n]*(\n|$)", re.M | re.S)
ROOT = Path(__file__).resolve().parent.parent


def strip_solution(source: str, answer: str | None = None) -> str:
    """Replace every solution region of a cell's source by a placeholder.

    Examples
    --------
    >>> print(strip_solution("# BEGIN SOLUTION\\nfx = 6*x*y\\n# END SOLUTION\\n", "fx"))
    fx = ...  # replace ... with your answer
    <BLANKLINE>
    """
    if source.count(BEGIN) != source.count(END):
        raise ValueError("a cell has unmatched BEGIN/END SOLUTION markers")

    def placeholder(match: re.Match) -> str:
        indent = match.group(1)
        body = f"{answer} = ...  # replace ... with your answer" if answer else "..."
        return f"{indent}{body}{match.group(2)}"

    return _REGION.sub(placeholder, source)


def grade_metadata(cell: dict[str, Any]) -> dict[str, Any] | None:
    """The ``grade`` metadata of an answer cell, or None for other cells."""
    grade = cell.get("metadata", {}).get("grade")
    return grade if isinstance(grade, dict) and "grade_id" in grade else None


def exercise_from_solution(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The exercise notebook for a solution notebook (a new object)."""
    exercise = copy.deepcopy(solution)
    for cell in exercise.cells:
        if cell.cell_type != "code":
            continue
        grade = grade_metadata(cell)
        cell.source = strip_solution(cell.source, grade["answer"] if grade else None)
        cell.outputs = []
        cell.execution_count = None
    return exercise


def collect_answers(notebook: nbformat.NotebookNode) -> dict[str, dict[str, Any]]:
    """Run a trusted notebook's code cells in order and encode its answers.

    Uses the grader's own cell runner (:func:`helpers.grading.runner.run_plan`),
    so a key and a graded submission are encoded by exactly the same code:
    each answer right after its own cell runs, magics turned into no-ops,
    output discarded. Unlike a submission, a solution must run cleanly: the
    first failing cell raises.
    """
    from helpers.grading.runner import run_plan

    cells = []
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            grade = grade_metadata(cell)
            capture = {"grade_id": grade["grade_id"], "answer": grade["answer"]} if grade else None
            cells.append({"number": number, "source": cell.source, "capture": capture})
    events: list[dict[str, Any]] = []
    streams = sys.stdout, sys.stderr
    try:
        run_plan({"cells": cells}, events.append)
    finally:
        sys.stdout, sys.stderr = streams
    for event in events:
        if event["e"] == "ran" and (event["error"] or event["oom"]):
            raise RuntimeError(f"solution cell {event['n']} failed: {event['error'] or 'out of memory'}")
    return {event["id"]: event["answer"] for event in events if event["e"] == "answer"}


def build_key(solution_path: Path) -> dict[str, Any]:
    """The answer key of one solution notebook, as plain JSON-ready data."""
    notebook = nbformat.read(solution_path, as_version=4)
    points = {g["grade_id"]: g.get("points", 1) for g in map(grade_metadata, notebook.cells) if g}
    return {"lesson": solution_path.stem, "points": points, "answers": collect_answers(notebook)}


def _write_text(path: Path, text: str) -> bool:
    """Write ``text`` unless the file already holds it; say whether it changed."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    """Regenerate (or with ``--check`` verify) exercises/ and helpers/keys/."""
    parser = argparse.ArgumentParser(prog="python -m helpers.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report drift; exit 1 if any")
    parser.add_argument("lessons", nargs="*", help="only these lessons, e.g. 02 or 02-gradient (default: all)")
    args = parser.parse_args(argv)
    drift = []
    for solution_path in sorted((ROOT / "solutions").glob("*.ipynb")):
        if args.lessons and not any(solution_path.stem.startswith(lesson) for lesson in args.lessons):
            continue
        exercise = exercise_from_solution(nbformat.read(solution_path, as_version=4))
        outputs = {
            ROOT / "exercises" / solution_path.name: nbformat.writes(exercise) + "\n",
            ROOT / "helpers" / "keys" / f"{solution_path.stem}.json":
                json.dumps(build_key(solution_path), indent=1, sort_keys=True) + "\n",
        }
        for path, text in outputs.items():
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current != text:
                drift.append(path.relative_to(ROOT))
                if not args.check:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    _write_text(path, text)
    verb = "out of date" if args.check else "written"
    for path in drift:
        print(f"{verb}: {path}")
    return 1 if (args.check and drift) else 0


if __name__ == "__main__":
    sys.exit(main())
