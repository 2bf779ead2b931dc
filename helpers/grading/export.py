"""Grades back into the LMS: a graded class in Canvas's or Moodle's import format.

``python -m helpers.grade export grades-01 --format canvas --roster roster.csv``
reads the grader's output folder and the roster the teacher exported from the
LMS, matches them, and writes one import file. Roster students with no
submission get a blank (or 0 with ``--missing zero``); submissions with no
roster entry are left out of the file and listed, so nobody is imported
under a wrong name. Scores are scaled to the points the LMS assignment is
worth (``--points``, else what the roster says, else the notebook's maximum).

The formats, as each system's own importer reads them:

``canvas``
    Canvas's Grades import CSV (``lib/gradebook_importer.rb`` in
    instructure/canvas-lms, the reader of what Grades > Export writes): a
    header whose first cells are ``Student``, ``ID`` and, for the last
    student column, ``Section`` (``SIS User ID`` and ``SIS Login ID`` may sit
    between them); a row starting ``Points Possible``; one row per student,
    matched on ``ID`` (the Canvas user id, also in the submission file names),
    else on the SIS ids, else on the name. An assignment column titled
    ``Title (123)`` updates assignment 123 (``Assignment.title_and_id``); an
    unknown title creates a new assignment. A blank cell changes nothing.
    The roster is that same export. (Ohio State's guide "Import CSV File
    for Carmen Grades" lists the same required columns: a student name or
    ID, SIS Login ID, Section, the assignment.)
``moodle``
    Moodle's gradebook CSV import (Grades > Import > CSV file,
    ``grade/import/csv``): any columns, the teacher maps one to the user's
    ``Email address`` or ``ID number`` and the grade column to a grade item.
    Written as ``Full name``, ``Email address``, ``ID number`` (when known)
    and the grade.
``moodle-worksheet``
    The assignment's offline grading worksheet, filled in (Upload grading
    worksheet; ``mod/assign/feedback/offline/importgradeslib.php`` matches
    the ``Identifier`` column, "Participant 1234", with the participant id of
    the download's folder names, and reads ``Grade`` and ``Last modified
    (grade)``). The roster is that worksheet; every other cell is kept. Its
    titles follow Moodle's language (the strings ``recordid``, ``gradenoun``
    of ``mod/assign/lang``): the identifier column is also found by its
    values, the grade column is ``Grade`` or the title given as the assignment.
``csv``
    A plain table: ``student``, ``name``, ``score``, ``max``, ``status``,
    ``notes`` (the roster is optional).

For Moodle the roster is the grading worksheet (Download grading worksheet),
because only it links the participant ids of the zip to names and emails; a
Moodle gradebook export (``First name``, ``Last name``, ``Email address``)
also works, matched on the full name.

Examples
--------
>>> number(7.0), number(2 / 3), number(0)
('7', '0.67', '0')
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.grading.report import write_atomic
from helpers.grading.submissions import TeacherError

__all__ = ["FORMATS", "Roster", "Student", "Export", "number", "read_roster", "read_gradebook",
           "match", "export"]

FORMATS = ("canvas", "moodle", "moodle-worksheet", "csv")
_CANVAS_INFO = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
_PARTICIPANT = re.compile(r"\D*?(\d+)\s*")


def number(value: float) -> str:
    """A grade as the importers read it: at most two decimals, a point, no trailing zeros."""
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _formula_safe(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@dataclass
class Student:
    """One roster row: the id it is matched on, the name, and the row's cells."""

    key: str
    name: str
    row: list[str]


@dataclass
class Roster:
    """A roster exported from an LMS."""

    kind: str  # "canvas", "moodle-worksheet", "moodle-gradebook" or "plain"
    header: list[str]
    students: list[Student]
    points: dict[str, float] = field(default_factory=dict)  # Canvas "Points Possible", by column

    def column(self, *names: str) -> int | None:
        """Index of the first header cell equal to one of ``names`` (any case), or None."""
        wanted = [n.casefold() for n in names]
        return next((i for i, h in enumerate(self.header) if h.strip().casefold() in wanted), None)

    def cell(self, student: Student, *names: str) -> str:
        at = self.column(*names)
        return student.row[at] if at is not None and at < len(student.row) else ""


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TeacherError(f"cannot read the roster {path}: {exc.strerror or exc}") from None
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _rows(text: str) -> list[list[str]]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if any(c.strip() for c in r)]
    except csv.Error as exc:
        raise TeacherError(f"the roster is not a readable CSV file ({exc})") from None


def _normal(name: str) -> str:
    """A name compared the way Canvas's file names keep it: letters and digits, lower case."""
    return re.sub(r"[\W_]", "", name).casefold()


def _canvas_roster(header: list[str], body: list[list[str]]) -> Roster:
    roster = Roster("canvas", header, [])
    for row in body:
        if "Points Possible" in row[0]:
            roster.points = {header[i]: float(v) for i, v in enumerate(row)
                             if i < len(header) and re.fullmatch(r"\s*\d+(\.\d+)?\s*", v)}
        elif all(re.fullmatch(r"\s*(Muted|Manual Posting.*)?\s*", c, re.I) for c in row):
            continue
        elif row[0].strip() != "Student, Test" and len(row) > 1:  # not Canvas's test student
            roster.students.append(Student(row[1].strip(), row[0].strip(), row))
    return roster


def _worksheet_roster(header: list[str], body: list[list[str]], at: int) -> Roster:
    roster = Roster("moodle-worksheet", header, [])
    low = [h.casefold() for h in header]
    name_at = low.index("full name") if "full name" in low else at + 1
    for row in body:
        m = _PARTICIPANT.fullmatch(row[at]) if at < len(row) else None
        if m:
            roster.students.append(Student(m[1], row[name_at] if name_at < len(row) else "", row))
    return roster


def read_roster(path: Path) -> Roster:
    """Read a roster: Canvas's gradebook export, Moodle's grading worksheet or gradebook export,
    or any CSV with a ``student`` column.

    Raises
    ------
    TeacherError
        Unreadable, empty, or none of those.
    """
    rows = _rows(_text(path))
    if not rows:
        raise TeacherError(f"the roster {path} is empty")
    header, body = [h.strip() for h in rows[0]], rows[1:]
    low = [h.casefold() for h in header]
    if len(header) > 3 and "Student" in header[0] and "ID" in header[1] and "Section" in header:
        return _canvas_roster(header, body)  # the header Canvas's importer asks for
    if "identifier" in low:
        return _worksheet_roster(header, body, low.index("identifier"))
    if "email address" in low and "first name" in low and "last name" in low:
        first, last = low.index("first name"), low.index("last name")
        return Roster("moodle-gradebook", header, [
            Student("", f"{row[first].strip()} {row[last].strip()}".strip(), row)
            for row in body if max(first, last) < len(row)])
    if "student" in low:
        at, name_at = low.index("student"), (low.index("name") if "name" in low else None)
        return Roster("plain", header, [
            Student(r[at].strip(), r[name_at].strip() if name_at is not None and name_at < len(r) else "", r)
            for r in body if at < len(r)])
    if body and all(re.fullmatch(r"\D+\s\d+", row[0].strip()) for row in body):
        return _worksheet_roster(header, body, 0)  # a worksheet in another language
    raise TeacherError(f"cannot tell what {path} is: expected Canvas's gradebook export (Student, ID, "
                       "..., Section), Moodle's grading worksheet (Identifier, Full name, ...) or "
                       "gradebook export (First name, Last name, Email address), or a CSV with a "
                       "'student' column")


def read_gradebook(folder: Path) -> list[dict[str, Any]]:
    """The graded records of an output folder, in gradebook order.

    Raises
    ------
    TeacherError
        No ``gradebook.csv`` in ``folder``.
    """
    try:
        lines = list(csv.DictReader(io.StringIO((folder / "gradebook.csv").read_text(encoding="utf-8"))))
    except OSError:
        raise TeacherError(f"no gradebook in {folder}: grade the class first "
                           f"(python -m helpers.grade SUBMISSIONS --out {folder})") from None
    stored = {}
    for path in (folder / "results").glob("*.json"):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(record, dict) and "student" in record:
            stored[str(record["student"])] = record
    records = []
    for line in lines:
        student = line["student"]
        if student[:2] in ("'=", "'+", "'-", "'@"):  # the gradebook quoted it for spreadsheets
            student = student[1:]
        record = dict(stored.get(student, {}))
        try:
            record.update(student=student, score=float(line["total"]), max_score=float(line["max"]),
                          status=line["status"], name=record.get("name") or line.get("name") or "")
        except (KeyError, TypeError, ValueError):
            raise TeacherError(f"{folder / 'gradebook.csv'} is damaged (the row of {student!r}); "
                               "grade the class again") from None
        records.append(record)
    return records


@dataclass
class Export:
    """What an export wrote and what it could not match."""

    path: Path
    format: str
    column: str
    points: float
    rows: list[tuple[Student | None, dict[str, Any] | None]]
    missing: list[Student]
    unmatched: list[dict[str, Any]]
    by_name: list[tuple[Student, dict[str, Any]]]
    blank: bool

    def summary(self) -> str:
        """The plain report the command prints."""
        lines = [f"{self.format} import file: {self.path} ({len(self.rows)} row(s); grade column "
                 f"{self.column!r}, out of {number(self.points)})."]
        if self.missing:
            how = "left blank" if self.blank else "given 0"
            lines.append(f"On the roster without a submission ({how}): "
                         + "; ".join(s.name or s.key for s in self.missing))
        if self.unmatched:
            lines.append("Submissions not on the roster (not in the file): "
                         + "; ".join(_who(r) for r in self.unmatched))
        if self.by_name:
            lines.append("Matched by name only (check them): "
                         + "; ".join(f"{_who(r)} -> {s.name}" for s, r in self.by_name))
        return "\n".join(lines)


def _who(record: dict[str, Any]) -> str:
    name = record.get("name") or ""
    return f"{record['student']} ({name})" if name and name != record["student"] else str(record["student"])


def _key(record: dict[str, Any]) -> str:
    return str((record.get("lms") or {}).get("user_id") or record["student"])


def match(roster: Roster, records: list[dict[str, Any]]):
    """Pair roster students with records: by LMS id, then by a name unique on both sides.

    Returns
    -------
    pairs : list of (Student, dict or None)
        Every roster student, in roster order, with its record if any.
    unmatched : list of dict
        Records of no roster student.
    by_name : list of (Student, dict)
        The pairs made by name alone.
    """
    by_key: dict[str, dict[str, Any]] = {}
    for record in records:
        by_key.setdefault(_key(record), record)
    pairs, used = [], set()
    for student in roster.students:
        record = by_key.get(student.key) if student.key else None
        record = None if record is None or id(record) in used else record
        used.add(id(record))
        pairs.append([student, record])
    names: dict[str, list[dict[str, Any]]] = {}
    for record in (r for r in records if id(r) not in used and r.get("name")):
        names.setdefault(_normal(record["name"]), []).append(record)
    on_roster = Counter(_normal(s.name) for s in roster.students)
    by_name = []
    for pair in (p for p in pairs if p[1] is None and p[0].name):
        found = names.get(_normal(pair[0].name), [])
        if len(found) == 1 and on_roster[_normal(pair[0].name)] == 1:
            pair[1] = found[0]
            used.add(id(found[0]))
            by_name.append((pair[0], found[0]))
    unmatched = [r for r in records if id(r) not in used]
    return [tuple(p) for p in pairs], unmatched, by_name


def _column(roster: Roster | None, wanted: str | None, lesson: str) -> str:
    """The grade column's title: the roster's own header when it names the assignment."""
    title = wanted or lesson
    if roster and roster.kind == "canvas":
        for header in (h for h in roster.header if h not in (*_CANVAS_INFO, "Integration ID", "Root Account")):
            plain = re.sub(r"\s\(\d+\)$", "", header)
            if title.casefold() in (header.casefold(), plain.casefold()):
                return header
    return title


def _points(roster: Roster | None, column: str, given: float | None, records) -> float:
    if given:
        return given
    if roster and column in roster.points and roster.points[column] > 0:
        return roster.points[column]
    if roster and roster.kind == "moodle-worksheet":
        tops = {roster.cell(s, "Maximum Grade", "Maximum grade") for s in roster.students}
        values = [float(t) for t in tops if re.fullmatch(r"\d+(\.\d+)?", t.strip())]
        if values:
            return max(values)
    return max((float(r.get("max_score") or 0) for r in records), default=0.0)


def _grade(record: dict[str, Any] | None, points: float, blank: bool) -> str:
    if record is None:
        return "" if blank else "0"
    top = float(record.get("max_score") or 0)
    return number(float(record["score"]) * points / top if top else 0.0)


def _table(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _canvas(roster: Roster, pairs, column: str, points: float, blank: bool) -> str:
    """Canvas's import CSV: the student columns copied from its own export, then the grade."""
    info = [h for h in _CANVAS_INFO if roster.column(h) is not None]
    rows = [[*info, column], ["Points Possible", *[""] * (len(info) - 1), number(points)]]
    for student, record in pairs:
        cells = [roster.cell(student, h) for h in info]
        cells[0] = _formula_safe(cells[0])
        rows.append([*cells, _grade(record, points, blank)])
    return _table(rows)


def _moodle(roster: Roster, pairs, column: str, points: float, blank: bool) -> str:
    """Moodle's gradebook import: full name, email address, ID number, grade."""
    email = roster.column("Email address") is not None
    idnumber = roster.column("ID number") is not None
    if not (email or idnumber):
        raise TeacherError("the roster has no 'Email address' or 'ID number' column, and Moodle's "
                           "grade import needs one of them to find each student")
    head = ["Full name", *(["Email address"] if email else []), *(["ID number"] if idnumber else [])]
    rows = [[*head, column]]
    for student, record in pairs:
        cells = [_formula_safe(student.name)]
        cells += [roster.cell(student, "Email address")] if email else []
        cells += [roster.cell(student, "ID number")] if idnumber else []
        rows.append([*cells, _grade(record, points, blank)])
    return _table(rows)


def _worksheet(roster: Roster, pairs, column: str, points: float, blank: bool) -> str:
    """The grading worksheet with its grade cells filled in (blank: left as downloaded)."""
    at = roster.column(column)
    if at is None:
        raise TeacherError(f"the worksheet has no {column!r} column: give the title of its grade "
                           "column with --assignment (it depends on Moodle's language)")
    rows = [roster.header]
    for student, record in pairs:
        row = list(student.row) + [""] * (len(roster.header) - len(student.row))
        if record is not None or not blank:
            row[at] = _grade(record, points, blank)
        rows.append(row)
    return _table(rows)


def _plain(pairs, records, points: float, blank: bool) -> str:
    rows = [["student", "name", "score", "max", "status", "notes"]]
    for student, record in pairs:
        who = record or {"student": student.key, "name": student.name}
        rows.append([_formula_safe(str(who["student"])), _formula_safe(student.name or who.get("name", "")),
                     _grade(record, points, blank), number(points),
                     record["status"] if record else "no submission",
                     _formula_safe(" ".join(record.get("notes") or []) if record else "")])
    return _table(rows)


def export(grades: Path, format: str, roster: Path | None = None, assignment: str | None = None,
           missing: str = "blank", points: float | None = None, out: Path | None = None) -> Export:
    """Write the import file of one format; see the module's description.

    Raises
    ------
    TeacherError
        An unknown format, no gradebook, a roster that is missing, unreadable
        or of the wrong kind for the format.
    """
    if format not in FORMATS:
        raise TeacherError(f"unknown format {format!r} (one of {', '.join(FORMATS)})")
    records = read_gradebook(grades)
    table = read_roster(roster) if roster else None
    if table is None and format != "csv":
        raise TeacherError(f"--roster is needed for {format}: the list of students exported from the LMS")
    if format == "canvas" and table.kind != "canvas":
        raise TeacherError("for canvas the roster is Canvas's gradebook export (Grades > Export)")
    if format == "moodle-worksheet" and table.kind != "moodle-worksheet":
        raise TeacherError("for moodle-worksheet the roster is the assignment's grading worksheet")
    if table is None:
        table = Roster("plain", [], [Student(str(r["student"]), r.get("name") or "", []) for r in records])
    lesson = next((str(r["lesson"]) for r in records if r.get("lesson")), "exercise")
    column = _column(table, assignment, lesson) if format != "moodle-worksheet" else assignment or "Grade"
    top = _points(table, column, points, records)
    pairs, unmatched, by_name = match(table, records)
    blank = missing == "blank"
    text = {"canvas": lambda: _canvas(table, pairs, column, top, blank),
            "moodle": lambda: _moodle(table, pairs, column, top, blank),
            "moodle-worksheet": lambda: _worksheet(table, pairs, column, top, blank),
            "csv": lambda: _plain(pairs, records, top, blank)}[format]()
    target = out or grades / f"{format}-import.csv"
    try:
        write_atomic(target, text)
    except OSError as exc:
        raise TeacherError(f"cannot write {target}: {exc.strerror or exc}") from None
    return Export(target, format, column, top, pairs, [s for s, r in pairs if r is None], unmatched,
                  by_name, blank)
