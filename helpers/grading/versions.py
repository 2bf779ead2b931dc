"""A version of the homework for every student: the secret, the roster, the notebooks, the keys.

With a roster, a release gives each student a notebook of their own: every
question that is a template (:mod:`helpers.templates`) is drawn with the seed
:func:`helpers.templates.student_seed` computes from the course secret, the
student id and the lesson. Grading works the version out again from the same
three, never from the notebook; the version written in the notebook's
metadata is only cross-checked, so a student who hands in a classmate's
notebook is graded against their own version, and the reason says so.

The secret is a file of random hex digits that only the teacher holds,
created on the first release (``--secret-file``, default
``course-secret.txt``) with permissions 0600.
"""

from __future__ import annotations

import copy
import csv
import os
import re
import secrets
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from helpers.grading.release import release
from helpers.grading.submissions import TeacherError
from helpers.templates import has_template, student_seed, templates_for, variant

__all__ = ["Student", "read_secret", "read_roster", "personalise", "recorded_version", "versioned_id",
           "version_key", "version_mismatch", "add_version_texts", "release_versions", "student_folder",
           "METADATA", "ID_COLUMNS"]

#: Where a personal notebook records its version (``metadata[METADATA]``).
METADATA = "course_version"
#: Roster columns that may hold the student id, in order of preference.
ID_COLUMNS = ("id", "student_id", "student id", "login", "login_id", "login id", "sis login id", "username",
              "user", "user id", "sis user id", "email")
_NAME_COLUMNS = ("name", "student", "full name", "student name", "display name")


@dataclass(frozen=True)
class Student:
    """One roster row: the id grading uses, and a name for display."""

    id: str
    name: str = ""


def read_secret(path: Path, create: bool = False) -> tuple[bytes, bool]:
    """The course secret, and whether it was just created.

    Raises
    ------
    TeacherError
        When the file is missing (and ``create`` is False), unreadable or too short.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise TeacherError(f"no course secret at {path}: grade with the --secret-file used for the release")
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(32) + "\n")
        return read_secret(path)[0], True
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise TeacherError(f"cannot read the course secret {path}: {exc}") from None
    if len(text) < 32 or not re.fullmatch(r"[0-9a-fA-F]+", text):
        raise TeacherError(f"{path} does not hold a course secret (64 hex digits, as the release writes)")
    return bytes.fromhex(text if len(text) % 2 == 0 else "0" + text), False


def read_roster(path: Path) -> list[Student]:
    """The students of a roster CSV (a header row, one student per row).

    The id is the first column named like :data:`ID_COLUMNS` (any case); a
    ``name`` column is kept for display.

    Raises
    ------
    TeacherError
        With a one-line reason: unreadable, no id column, no students, or an id twice.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            rows, fields = list(reader), reader.fieldnames or []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise TeacherError(f"cannot read the roster {path}: {exc}") from None
    headers = {h.strip().lower(): h for h in fields if h}
    id_column = next((headers[c] for c in ID_COLUMNS if c in headers), None)
    if id_column is None:
        raise TeacherError(f"the roster {path} needs a column of student ids, named one of: {', '.join(ID_COLUMNS)}")
    name_column = next((headers[c] for c in _NAME_COLUMNS if c in headers and headers[c] != id_column), None)
    students = [Student(row[id_column].strip(), (row.get(name_column) or "").strip() if name_column else "")
                for row in rows if (row.get(id_column) or "").strip()]
    if not students:
        raise TeacherError(f"the roster {path} lists no students")
    seen: set[str] = set()
    for student in students:
        if student.id in seen:
            raise TeacherError(f"the roster {path} lists the id {student.id!r} twice")
        seen.add(student.id)
    return students


def _answer_cells(notebook: Any) -> dict[str, int]:
    return {cell.metadata["grade"]["grade_id"]: i for i, cell in enumerate(notebook.cells)
            if isinstance(cell.metadata.get("grade"), dict) and "grade_id" in cell.metadata["grade"]}


def personalise(exercise: Any, lesson: str, seed: int, student: Student) -> Any:
    """A copy of an exercise notebook with every templated question in version ``seed``.

    The markdown cell before each answer cell keeps its heading (``## 1. ...``)
    and takes the version's text; an answer cell with given code (a function
    to use) takes the version's code. The notebook records lesson, version and
    student in ``metadata["course_version"]``.
    """
    notebook = copy.deepcopy(exercise)
    for question_id, at in _answer_cells(notebook).items():
        if not has_template(question_id):
            continue
        v = variant(question_id, seed)
        text_at = max(i for i in range(at) if notebook.cells[i].cell_type == "markdown")
        heading = notebook.cells[text_at].source.split("\n", 1)[0]
        body = v.text if heading.startswith("#") else notebook.cells[text_at].source
        notebook.cells[text_at].source = f"{heading}\n\n{body}" if heading.startswith("#") else body
        code = templates_for(question_id)[question_id].code
        if code is not None:
            name = notebook.cells[at].metadata["grade"].get("answer", "answer")
            notebook.cells[at].source = f"{code(v.params)}\n{name} = ..."
    notebook.metadata[METADATA] = {"lesson": lesson[:2], "version": seed, "student": student.id}
    nbformat.validate(notebook)
    return notebook


def _metadata(notebook: Any) -> dict:
    """A notebook's metadata, from nbformat/JSON or the grader's parsed :class:`Notebook`."""
    metadata = notebook.get("metadata") if isinstance(notebook, dict) else getattr(notebook, "metadata", None)
    return metadata if isinstance(metadata, dict) else {}


def recorded_version(notebook: Any) -> int | None:
    """The version a notebook says it is (only ever cross-checked), or None."""
    record = _metadata(notebook).get(METADATA)
    version = record.get("version") if isinstance(record, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def versioned_id(question_id: str, seed: int) -> str:
    """How a question in one version is named to the judge: ``"01-fx@1234"`` (plain id for version 0)."""
    return f"{question_id}@{seed}" if seed and has_template(question_id) else question_id


def version_key(question_id: str, seed: int, written: dict[str, Any]) -> dict[str, Any]:
    """The key of a question in version ``seed``: computed from its template, else the written key."""
    return variant(question_id, seed).key if seed and has_template(question_id) else written


def student_folder(student_id: str) -> str:
    """A folder name for a student, stable and never shared: the id itself when it is plain
    ASCII letters, digits, ``.``, ``_`` or ``-`` (and not ``.``/``..``), else percent-encoded."""
    if re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]*", student_id) and "%" not in student_id:
        return student_id
    return urllib.parse.quote(student_id, safe="").replace(".", "%2E")


def release_versions(lesson: str, out: Path, roster: Path, secret_file: Path, root: Path | None = None
                     ) -> tuple[list[Student], bool]:
    """A release for every student of a roster: ``out/students/<student>/``, each in its own version.

    Each folder is a whole release (:func:`helpers.grading.release.release`:
    ``helpers/`` without keys or templates, requirements, README) whose
    exercise notebook is the student's own version. The secret is created
    when absent (the boolean says so) and must lie outside ``out``.

    Raises
    ------
    TeacherError
        A roster or secret that cannot be used, a secret inside the release, or a failed write.
    """
    out, secret_file = Path(out), Path(secret_file)
    if secret_file.resolve().is_relative_to(out.resolve()):
        raise TeacherError(f"the course secret {secret_file} must not be inside the release folder {out}")
    students = read_roster(roster)
    secret, created = read_secret(secret_file, create=True)
    for student in students:
        folder = release(lesson, out / "students" / student_folder(student.id),
                         *(() if root is None else (root,)))
        notebook = next(folder.glob("[0-9][0-9]-*.ipynb"))
        seed = student_seed(secret, student.id, notebook.stem)
        try:
            nbformat.write(personalise(nbformat.read(notebook, as_version=4), notebook.stem, seed, student),
                           notebook)
        except OSError as exc:
            raise TeacherError(f"cannot write the release to {out}: {exc.strerror or exc}") from None
    return students, created


def version_mismatch(notebook: Any, seed: int | None) -> str:
    """The reason to note when a notebook records another version than its student's, else ``""``."""
    if not seed or notebook is None:
        return ""
    recorded = recorded_version(notebook)
    if recorded is None or recorded == seed:
        return ""
    record = _metadata(notebook).get(METADATA) or {}
    owner = record.get("student") if isinstance(record, dict) else None
    whose = f" (the version of {str(owner)[:80]!r})" if isinstance(owner, str) and owner else ""
    return (f"this notebook holds another student's version of the questions{whose}; "
            "it was graded against this student's own version")


def add_version_texts(record: dict[str, Any]) -> None:
    """Put each templated question's own text into a graded record, for the student's feedback."""
    seed = record.get("version")
    if not seed:
        return
    for row in record.get("questions", []):
        if has_template(row.get("id", "")):
            row["text"] = variant(row["id"], seed).text
