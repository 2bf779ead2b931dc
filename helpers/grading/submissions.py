"""Find the submissions of a class and the answer keys they are graded with.

Student ids:

- a notebook given directly, or lying directly in a given folder, is the
  student's: ``class/alice.ipynb`` -> ``alice``;
- a notebook in a sub-folder belongs to that folder's student:
  ``class/alice/01-partial-derivatives.ipynb`` -> ``alice`` (with several
  notebooks in one student folder, ``alice-<file name>``);
- a notebook given directly whose name is a lesson's
  (``alice/01-partial-derivatives.ipynb``) also takes its folder's name.

Ids are made safe as file names and unique (``alice-2`` for a second
``alice``). Folders named ``.ipynb_checkpoints`` and hidden ones are skipped.

Examples
--------
>>> lesson_number("01-partial-derivatives"), lesson_number("alice")
('01', None)
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.grading.notebook import KeyQuestion
from helpers.grading.report import safe_name

__all__ = ["TeacherError", "Submission", "Key", "lesson_number", "find_submissions", "find_keys"]

_LESSON = re.compile(r"^(\d{2})-[\w-]+$")


class TeacherError(Exception):
    """A mistake in how the grader was called (no such key, unwritable output...)."""


@dataclass
class Submission:
    """One submitted notebook and who handed it in."""

    student: str
    path: Path
    lesson_hint: str | None = None


@dataclass
class Key:
    """A lesson's answer key: its solution notebook and, once built, its answers."""

    lesson: str
    path: Path
    sha256: str
    questions: list[KeyQuestion] = field(default_factory=list)
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def number(self) -> str:
        return self.lesson[:2]

    @property
    def max_score(self) -> float:
        return sum(q.points for q in self.questions)


def lesson_number(name: str) -> str | None:
    """``"01"`` for a lesson file name such as ``01-partial-derivatives``, else None."""
    match = _LESSON.match(name)
    return match.group(1) if match else None


def _hidden(path: Path, base: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(base).parts)


def find_submissions(paths: list[Path], exclude: Path | None = None) -> list[Submission]:
    """The submissions named on the command line, with unique student ids.

    Raises
    ------
    TeacherError
        When a path does not exist or no notebook was found.
    """
    found: list[tuple[str, Path, str | None, str]] = []  # (student, path, lesson hint, stem)
    for path in paths:
        if not path.exists():
            raise TeacherError(f"no such file or folder: {path}")
        if path.is_file():
            stem = path.stem
            hint = stem if lesson_number(stem) else None
            student = path.resolve().parent.name if hint else stem
            found.append((student, path, hint, stem))
            continue
        for notebook in sorted(path.rglob("*.ipynb")):
            if _hidden(notebook, path) or not notebook.is_file():
                continue
            if exclude and exclude in notebook.resolve().parents:
                continue
            relative = notebook.relative_to(path)
            student = relative.parts[0] if len(relative.parts) > 1 else notebook.stem
            hint = notebook.stem if lesson_number(notebook.stem) else None
            found.append((student, notebook, hint, notebook.stem))
    if not found:
        raise TeacherError("no notebooks (.ipynb files) found in " + ", ".join(map(str, paths)))
    unique = {path.resolve(): (student, path, hint, stem) for student, path, hint, stem in found}
    stems: defaultdict[str, set[str]] = defaultdict(set)
    for student, _, _, stem in unique.values():
        stems[student].add(stem)
    used: defaultdict[str, int] = defaultdict(int)
    out = []
    for student, path, hint, stem in unique.values():
        name = safe_name(f"{student}-{stem}" if len(stems[student]) > 1 else student)
        used[name] += 1
        out.append(Submission(name if used[name] == 1 else f"{name}-{used[name]}", path, hint))
    return out


def find_keys(key: Path) -> dict[str, Key]:
    """The solution notebooks a key path offers, by lesson number.

    Parameters
    ----------
    key : Path
        ``solutions/`` (every ``NN-name.ipynb`` in it) or one solution notebook.

    Raises
    ------
    TeacherError
        When the path does not exist or holds no solution notebook.
    """
    if key.is_file():
        files = [key]
    elif key.is_dir():
        files = sorted(p for p in key.glob("*.ipynb") if lesson_number(p.stem))
    else:
        raise TeacherError(f"no answer key: {key} does not exist")
    if not files:
        raise TeacherError(f"no answer key: {key} holds no solution notebook (NN-name.ipynb)")
    keys = {}
    for file in files:
        number = lesson_number(file.stem) or "00"
        keys[number] = Key(file.stem, file, hashlib.sha256(file.read_bytes()).hexdigest())
    return keys
