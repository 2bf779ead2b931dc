"""Read a submitted notebook, validate it, and match its answer cells to the key.

Nothing here executes anything: a submission is parsed as JSON only (no
``nbformat`` schema machinery, no pickles), its code cells are listed, and
:func:`make_plan` decides which cell's answer is captured for which question.

Answer cells are matched **by** ``metadata["grade"]["grade_id"]``, never by
position, so a reordered notebook grades the same. The rules:

- a question whose answer cell is missing (deleted, or its ``grade``
  metadata removed or renamed) scores 0 with the reason
  ``"answer cell for 01-fx was deleted or its metadata removed"``;
- a ``grade_id`` that appears more than once: **the last cell wins** (it is
  the one the learner wrote last, as when a cell is copied to try again), and
  a note says so;
- a ``grade_id`` the key does not know is run but not graded, with a note;
- answer cells in another order than the exercise are graded normally, with
  a note;
- a notebook whose answer cells all belong to another lesson is an
  ``invalid notebook``: ``"this is the notebook for lesson 02, expected 01"``.

Examples
--------
>>> nb = read_notebook(b'{"nbformat": 4, "cells": [{"cell_type": "code", '
...                    b'"source": "fx = 1", "metadata": {"grade": {"grade_id": "01-fx", '
...                    b'"points": 2, "answer": "fx"}}}]}')
>>> [c.grade_id for c in nb.cells]
['01-fx']
>>> plan = make_plan(nb, [KeyQuestion("01-fx", 2.0, "fx"), KeyQuestion("01-fy", 1.0, "fy")], "01")
>>> plan.missing
{'01-fy': 'answer cell for 01-fy was deleted or its metadata removed'}
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "MAX_BYTES",
    "InvalidNotebook",
    "Cell",
    "Notebook",
    "KeyQuestion",
    "Plan",
    "read_notebook",
    "questions_of",
    "lesson_of",
    "make_plan",
]

#: Largest submission read, in bytes (an exercise notebook is a few dozen kB).
MAX_BYTES = 20 * 1024 * 1024

_ID = re.compile(r"^(\d{2})-[\w.-]{1,80}$")
_MAX_STRANGERS = 5
_NAME = re.compile(r"^[A-Za-z_]\w{0,80}$")


class InvalidNotebook(ValueError):
    """A submission that cannot be graded; ``str(exc)`` is the plain reason."""


@dataclass(frozen=True)
class Cell:
    """One code cell: its 1-based position among all cells, source and grade id."""

    number: int
    source: str
    grade_id: str | None = None


@dataclass(frozen=True)
class Notebook:
    """The code cells of a notebook, plus notes about what was odd in it."""

    cells: tuple[Cell, ...]
    notes: tuple[str, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)  # the notebook's own metadata (untrusted)

    @property
    def grade_ids(self) -> list[str]:
        """Grade ids of the answer cells, in notebook order (with repeats)."""
        return [c.grade_id for c in self.cells if c.grade_id]


@dataclass(frozen=True)
class KeyQuestion:
    """A question as the solution notebook declares it: id, points, answer name."""

    grade_id: str
    points: float
    answer: str


@dataclass
class Plan:
    """What the sandboxed child runs and which answers it captures.

    Attributes
    ----------
    cells : list of dict
        ``{"number", "source", "capture"}`` in notebook order; ``capture`` is
        ``{"grade_id", "answer"}`` for the one cell graded per question.
    missing : dict
        ``grade_id -> reason`` for questions with no answer cell.
    notes : list of str
        Plain remarks for the teacher and the learner.
    """

    cells: list[dict[str, Any]]
    missing: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> bytes:
        """The plan as the child reads it (UTF-8 JSON)."""
        return json.dumps({"cells": self.cells}).encode("utf-8")


def _small_int(digits: str) -> int:
    """An integer of the file, or 0 for one too long to mean anything in a notebook."""
    return int(digits) if len(digits) <= 100 else 0


def _text(source: Any) -> str | None:
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(s, str) for s in source):
        return "".join(source)
    return None


def _grade_id(cell: dict[str, Any]) -> str | None:
    metadata = cell.get("metadata")
    grade = metadata.get("grade") if isinstance(metadata, dict) else None
    grade_id = grade.get("grade_id") if isinstance(grade, dict) else None
    return grade_id if isinstance(grade_id, str) and grade_id.strip() else None


def read_notebook(data: bytes, max_bytes: int = MAX_BYTES) -> Notebook:
    """Parse a submitted file as a Jupyter notebook, without running anything.

    Parameters
    ----------
    data : bytes
        The file's content.
    max_bytes : int
        Larger files are refused.

    Returns
    -------
    Notebook

    Raises
    ------
    InvalidNotebook
        With a precise, plain reason: empty, too large, not text, not JSON,
        not a notebook, an old format, no code cells.
    """
    if not data.strip():
        raise InvalidNotebook("the file is empty")
    if len(data) > max_bytes:
        raise InvalidNotebook(f"the file is too large ({len(data) / 2**20:.1f} MB; "
                              f"the limit is {max_bytes / 2**20:.0f} MB)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidNotebook("the file is not text (not UTF-8), so it is not a notebook") from None
    try:
        content = json.loads(text, parse_int=_small_int)
    except json.JSONDecodeError as exc:
        raise InvalidNotebook(f"the file is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                              f"{exc.msg}); it may be damaged or not a notebook") from None
    except RecursionError:
        raise InvalidNotebook("the file is JSON nested too deeply to be a notebook") from None
    except ValueError:  # e.g. an integer of more than 4300 digits
        raise InvalidNotebook("the file holds a number too long to read, so it is not "
                              "a notebook") from None
    if not isinstance(content, dict) or not isinstance(content.get("cells"), list):
        major = content.get("nbformat") if isinstance(content, dict) else None
        if isinstance(major, int) and major < 4:
            raise InvalidNotebook(f"the notebook is in the old format version {major}; "
                                  "open it in JupyterLab and save it again")
        raise InvalidNotebook("the file is JSON but not a Jupyter notebook "
                              "(it has no list of cells)")
    cells, notes = [], []
    for number, cell in enumerate(content["cells"], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = _text(cell.get("source", ""))
        if source is None:
            notes.append(f"cell {number} has an unreadable source and was skipped")
            continue
        cells.append(Cell(number, source, _grade_id(cell)))
    if not cells:
        raise InvalidNotebook("the notebook is empty: it has no code cells")
    metadata = content.get("metadata")
    return Notebook(tuple(cells), tuple(notes), metadata if isinstance(metadata, dict) else {})


def questions_of(solution: dict[str, Any]) -> list[KeyQuestion]:
    """The questions a solution notebook declares, in its order.

    Parameters
    ----------
    solution : dict
        The solution notebook as parsed JSON (trusted).

    Returns
    -------
    list of KeyQuestion
    """
    out = []
    for cell in solution.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        grade = (cell.get("metadata") or {}).get("grade")
        if isinstance(grade, dict) and "grade_id" in grade:
            out.append(KeyQuestion(str(grade["grade_id"]), float(grade.get("points", 1)),
                                   str(grade.get("answer", ""))))
    return out



def lesson_of(grade_ids: list[str]) -> str | None:
    """The lesson number most of these grade ids belong to (``"01-fx"`` -> ``"01"``).

    Examples
    --------
    >>> lesson_of(["02-grad", "02-norm", "01-fx"])
    '02'
    >>> lesson_of(["my-own-cell"]) is None
    True
    """
    numbers = Counter(m.group(1) for m in map(_ID.match, grade_ids) if m)
    return numbers.most_common(1)[0][0] if numbers else None


def make_plan(notebook: Notebook, questions: list[KeyQuestion], lesson: str) -> Plan:
    """Match a submission's answer cells to the key's questions by ``grade_id``.

    Parameters
    ----------
    notebook : Notebook
        The submission, from :func:`read_notebook`.
    questions : list of KeyQuestion
        The key's questions, in the exercise's order.
    lesson : str
        The expected lesson number, ``"01"``.

    Returns
    -------
    Plan

    Raises
    ------
    InvalidNotebook
        When no answer cell of this lesson is present at all.
    """
    known = {q.grade_id: q for q in questions}
    ids = notebook.grade_ids
    counts = Counter(i for i in ids if i in known)
    if not counts:
        other = lesson_of(ids)
        if other and other != lesson:
            raise InvalidNotebook(f"this is the notebook for lesson {other}, expected {lesson}")
        raise InvalidNotebook(f"no answer cells of lesson {lesson} were found: this is not the "
                              "exercise notebook, or the cells' grade metadata was removed")
    notes = list(notebook.notes)
    last = {c.grade_id: c.number for c in notebook.cells if c.grade_id in known}
    cells = []
    for cell in notebook.cells:
        capture = None
        if cell.grade_id in known and last[cell.grade_id] == cell.number:
            question = known[cell.grade_id]
            if _NAME.match(question.answer):
                capture = {"grade_id": question.grade_id, "answer": question.answer}
        if capture or cell.source.strip():  # a blank cell has nothing to run
            cells.append({"number": cell.number, "source": cell.source, "capture": capture})
    missing = {q.grade_id: f"answer cell for {q.grade_id} was deleted or its metadata removed"
               for q in questions if q.grade_id not in counts}
    for grade_id, count in counts.items():
        if count > 1:
            notes.append(f"the answer cell for {grade_id} appears {count} times; "
                         f"the last one (cell {last[grade_id]}) was graded")
    strangers = list(dict.fromkeys(i for i in ids if i not in known))
    for grade_id in strangers[:_MAX_STRANGERS]:
        notes.append(f"a cell is marked {grade_id[:60]!r}, which is not a question of "
                     f"lesson {lesson}; it was run but not graded")
    if len(strangers) > _MAX_STRANGERS:
        notes.append(f"{len(strangers) - _MAX_STRANGERS} more cells are marked with ids that are "
                     f"not questions of lesson {lesson}; they were run but not graded")
    order = [q.grade_id for q in questions if q.grade_id in counts]
    seen = list(dict.fromkeys(i for i in ids if i in known))
    if seen != order:
        notes.append("the answer cells are in a different order than in the exercise; "
                     "each was graded by its id, and cells ran in the submitted order")
    return Plan(cells, missing, notes)
