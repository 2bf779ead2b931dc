"""Find the submissions of a class and the answer keys they are graded with.

Student ids, exactly as handed in (Unicode kept):

- a notebook given directly, or lying directly in a given folder, is the
  student's: ``class/alice.ipynb`` -> ``alice``, ``class/alice..ipynb`` ->
  ``alice.``;
- a notebook in a sub-folder belongs to that folder's student:
  ``class/José Núñez/01-partial-derivatives.ipynb`` -> ``José Núñez``;
- a notebook given directly whose name is a lesson's
  (``alice/01-partial-derivatives.ipynb``) takes its folder's name.

Each student has **exactly one** submission, so one row: with several
notebooks in a student's folder, the batch grades the one for its lesson
(:func:`choose`) and notes the others. A file or folder name that is not
valid UTF-8 is shown with ``\\xNN`` escapes. A symbolic link (as unzip and
tar restore them) is never followed: its student gets a row that says so.
Folders named ``.ipynb_checkpoints`` and hidden ones are skipped.

Results and feedback are written under :func:`file_stem` of the id: the id
itself when it is plain lowercase ASCII, else a readable ASCII part and a
hash of the exact id, so one student always maps to the same file and two
students never share one.

Examples
--------
>>> lesson_number("01-partial-derivatives"), lesson_number("alice")
('01', None)
>>> file_stem("ana"), file_stem("alice."), file_stem("José Ñúñez")
('ana', 'alice~aa3bed7fcf1e', 'jose-nunez~39ce3aa20234')
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.grading.notebook import KeyQuestion

__all__ = ["TeacherError", "Submission", "Key", "lesson_number", "file_stem", "shown",
           "submissions_in", "find_submissions", "choose", "find_keys"]

_LESSON = re.compile(r"^(\d{2})-[\w-]+$")
_PLAIN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_SYMLINK = ("it is a symbolic link ({where}), not a notebook handed in; "
            "links are never followed")


class TeacherError(Exception):
    """A mistake in how the grader was called (no such key, unwritable output...)."""


@dataclass
class Submission:
    """One student's hand-in: who, which notebook, and what else there was.

    Attributes
    ----------
    student : str
        The id exactly as handed in.
    path : Path
        The notebook to grade (the first candidate until :func:`choose`).
    lesson_hint : str or None
        The lesson its file name names, if any.
    notes : list of str
        Plain remarks about the hand-in for the teacher and the student.
    refused : str or None
        Why nothing of it can be graded (a symbolic link, no notebook for
        the lesson); None when it can.
    candidates : list of Path
        Every regular notebook the student handed in.
    """

    student: str
    path: Path
    lesson_hint: str | None = None
    notes: list[str] = field(default_factory=list)
    refused: str | None = None
    candidates: list[Path] = field(default_factory=list)

    @property
    def stem(self) -> str:
        """The file name (without suffix) of this student's result and feedback."""
        return file_stem(self.student)


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


def shown(name: str) -> str:
    """A file name as text that can be shown and written anywhere (bad bytes as ``\\xNN``)."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def file_stem(student: str) -> str:
    """A stable, collision-free file name for a student id (see the module's notes)."""
    if _PLAIN.match(student):
        return student
    ascii_ = unicodedata.normalize("NFKD", student).encode("ascii", "ignore").decode()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_.lower()))[:40].strip("-") or "student"
    digest = hashlib.sha256(student.encode("utf-8", "backslashreplace")).hexdigest()[:12]
    return f"{slug}~{digest}"


def _walk(folder: Path, exclude: Path | None) -> list[tuple[str, Path, bool, str]]:
    """(student, path, is a symlink, where) for every notebook or link under ``folder``."""
    found = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        here = Path(top)
        if exclude and (here == exclude or exclude in here.parents):
            dirs[:] = []
            continue
        relative = here.relative_to(folder).parts
        for name in sorted(dirs):
            if name.startswith(".") or not (here / name).is_symlink():
                continue
            student = relative[0] if relative else name
            found.append((student, here / name, True, "/".join([*relative, name])))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(".ipynb") or name.startswith("."):
                continue
            path = here / name
            student = relative[0] if relative else path.stem
            found.append((student, path, path.is_symlink(), "/".join([*relative, name])))
    return found


def submissions_in(folder: Path, exclude: Path | None = None) -> list[Submission]:
    """Every student's submission in a class folder, one per student, in id order.

    Parameters
    ----------
    folder : Path
        A folder of ``<student>.ipynb`` files and/or ``<student>/`` folders.
    exclude : Path, optional
        A folder inside it to leave out (the grader's output).

    Returns
    -------
    list of Submission
    """
    return _merge(_walk(folder, exclude))


def _merge(found: list[tuple[str, Path, bool, str]]) -> list[Submission]:
    by_student: dict[str, Submission] = {}
    links: dict[str, list[str]] = {}
    for student, path, link, where in found:
        name = shown(student)
        sub = by_student.setdefault(name, Submission(name, path))
        if link:
            links.setdefault(name, []).append(shown(where))
        elif path not in sub.candidates:
            sub.candidates.append(path)
    for name, sub in by_student.items():
        if not sub.candidates:
            sub.refused = _SYMLINK.format(where=links[name][0])
        else:
            sub.path = sub.candidates[0]
            stem = shown(sub.path.stem)
            sub.lesson_hint = stem if lesson_number(stem) else None
            if name in links:
                sub.notes.append("symbolic links were not followed: " + ", ".join(links[name][:5]))
    return [by_student[name] for name in sorted(by_student)]


def find_submissions(paths: list[Path], exclude: Path | None = None) -> list[Submission]:
    """The submissions named on the command line, one per student.

    Raises
    ------
    TeacherError
        When a path does not exist or no notebook was found.
    """
    found: list[tuple[str, Path, bool, str]] = []
    for path in paths:
        if not (path.exists() or path.is_symlink()):
            raise TeacherError(f"no such file or folder: {shown(str(path))}")
        if path.is_dir() and not path.is_symlink():
            found += _walk(path, exclude)
            continue
        stem = path.stem
        student = path.absolute().parent.name if lesson_number(stem) else stem
        found.append((student, path, path.is_symlink(), shown(path.name)))
    subs = _merge(found)
    if not subs:
        raise TeacherError("no notebooks (.ipynb files) found in "
                           + ", ".join(shown(str(p)) for p in paths))
    return subs


def choose(sub: Submission, lesson: str) -> None:
    """Pick the notebook a student handed in for ``lesson`` (``"01-name"``) among several.

    The file named as the lesson wins, then one whose name has the lesson's
    number; with none, and more than one notebook, the submission is refused.
    The notebooks left out are noted.
    """
    if sub.refused or len(sub.candidates) <= 1:
        return
    exact = [p for p in sub.candidates if shown(p.stem) == lesson]
    numbered = [p for p in sub.candidates if lesson_number(shown(p.stem)) == lesson[:2]]
    picked = (exact or numbered or [None])[0]
    names = [shown(p.name) for p in sub.candidates if p != picked]
    listed = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    if picked is None:
        sub.refused = (f"{len(sub.candidates)} notebooks were handed in and none is named for "
                       f"lesson {lesson} ({lesson}.ipynb), so none was graded: {listed}")
        return
    sub.path, sub.lesson_hint = picked, shown(picked.stem)
    sub.notes.append(f"{len(names)} other notebook(s) handed in were not graded: {listed}")


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
