"""Grades back into Canvas and Moodle: the import files, column by column.

The end-to-end tests export the classes test_lms.py graded from a Canvas-style
and a Moodle-style zip, and read each file back with the rules of the
system's own importer (Canvas's lib/gradebook_importer.rb, Moodle's
assignfeedback_offline importer), as cited in helpers.grading.export.
"""

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from gradekit import LESSON, MAX, ROOT
from test_lms import graded

from helpers.grading.cli import main
from helpers.grading.export import export, match, number, read_gradebook, read_roster
from helpers.grading.submissions import TeacherError

CANVAS_ROSTER = """Student,ID,SIS User ID,SIS Login ID,Section,Homework 01 (777),Homework 02 (778),Current Score
    Points Possible,,,,,10.00,5.00,(read only)
"Smith, Bob",12345,S100,bsmith,Math 2,,,
"Núñez, José",23456,S200,jnunez,Math 2,4,,
"Wang, Wei",34567,S300,wwang,Math 2,,,
"Doe, Jane",45678,S400,jdoe,Math 2,,,
"Student, Test",11111,,,Math 2,,,
"""
WORKSHEET = """Identifier,Full name,Email address,Status,Grade,Maximum Grade,Grade can be changed,\
Last modified (submission),Last modified (grade),Feedback comments
Participant 101,Ana María López,ana@example.edu,Submitted for grading,,100.00,Yes,"Monday, 2 March 2026, 6:30 PM",-,
Participant 102,Bob Smith,bob@example.edu,Submitted for grading,,100.00,Yes,"Monday, 2 March 2026, 6:30 PM",-,
Participant 103,Chloé Dubois,chloe@example.edu,Submitted for grading,,100.00,Yes,"Monday, 2 March 2026, 6:31 PM",-,
Participant 104,Dan Ng,dan@example.edu,No submission,,100.00,Yes,-,-,
"""


def table(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def canvas_reads(rows: list[list[str]]) -> dict[str, tuple[str | None, float, dict[str, str]]]:
    """What Canvas's importer takes from a file: user id -> (assignment id, points possible, grades).

    The header rules of ``row_has_student_headers?`` and ``update_column_count``,
    ``Assignment.title_and_id`` for the assignment, ``Points Possible`` as the
    row's first cell.
    """
    header = rows[0]
    assert len(header) > 3 and "Student" in header[0] and "ID" in header[1]
    info = 3 + 2 * (header[2] == "SIS User ID" and header[3] == "SIS Login ID")
    assert "Section" in header[info - 1]
    found = {}
    for column in range(info, len(header)):
        title = re.fullmatch(r"(.*)\s\((\d+)\)", header[column])
        assert "Points Possible" in rows[1][0]
        grades = {row[1]: row[column] for row in rows[2:]}
        found[header[column]] = (title[2] if title else None, float(rows[1][column]), grades)
    return found


def moodle_worksheet_reads(rows: list[list[str]]) -> dict[str, str]:
    """What Moodle's offline grading worksheet importer takes: participant id -> grade."""
    header = rows[0]
    at, grade, modified = (header.index(n) for n in ("Identifier", "Grade", "Last modified (grade)"))
    assert modified >= 0
    return {row[at][len("Participant "):]: row[grade] for row in rows[1:]}


def run_export(*argv) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "helpers.grade", "export", *map(str, argv)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_a_canvas_class_exports_to_canvas_import_format(tmp_path_factory, tmp_path):
    grades = graded("canvas", tmp_path_factory)
    roster = tmp_path / "roster.csv"
    roster.write_text(CANVAS_ROSTER, encoding="utf-8")
    done = run_export(grades, "--format", "canvas", "--roster", roster, "--assignment", "homework 01")
    assert done.returncode == 0, done.stderr
    rows = table(grades / "canvas-import.csv")
    assert rows == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Homework 01 (777)"],
        ["Points Possible", "", "", "", "", "10"],
        ["Smith, Bob", "12345", "S100", "bsmith", "Math 2", "10"],
        ["Núñez, José", "23456", "S200", "jnunez", "Math 2", "0"],  # wrong answers: zero
        ["Wang, Wei", "34567", "S300", "wwang", "Math 2", "10"],
        ["Doe, Jane", "45678", "S400", "jdoe", "Math 2", ""],  # no submission: blank
    ]
    assert canvas_reads(rows) == {"Homework 01 (777)": ("777", 10.0, {
        "12345": "10", "23456": "0", "34567": "10", "45678": ""})}
    said = done.stdout
    assert "grade column 'Homework 01 (777)', out of 10" in said
    assert "On the roster without a submission (left blank): Doe, Jane" in said
    assert "Submissions not on the roster (not in the file): 99999 (ghöst)" in said


def test_canvas_export_options_zero_points_and_a_new_column(tmp_path_factory, tmp_path):
    grades = graded("canvas", tmp_path_factory)
    roster = tmp_path / "roster.csv"
    roster.write_text(CANVAS_ROSTER, encoding="utf-8")
    out = tmp_path / "upload.csv"
    done = run_export(grades, "--format", "canvas", "--roster", roster, "--missing", "zero",
                      "--points", "20", "--out", out)
    assert done.returncode == 0, done.stderr
    rows = table(out)
    assert rows[0][-1] == LESSON and rows[1][-1] == "20"  # a new assignment, titled by the lesson
    assert [(r[1], r[-1]) for r in rows[2:]] == [
        ("12345", "20"), ("23456", "0"), ("34567", "20"), ("45678", "0")]
    assert canvas_reads(rows)[LESSON][0] is None
    assert "(given 0): Doe, Jane" in done.stdout


def test_a_moodle_class_fills_the_grading_worksheet(tmp_path_factory, tmp_path):
    grades = graded("moodle", tmp_path_factory)
    worksheet = tmp_path / "worksheet.csv"
    worksheet.write_text(WORKSHEET, encoding="utf-8")
    assert main(["export", str(grades), "--format", "moodle-worksheet", "--roster", str(worksheet)]) == 0
    rows, given = table(grades / "moodle-worksheet-import.csv"), table(worksheet)
    assert rows[0] == given[0]
    grade = given[0].index("Grade")
    for row, original in zip(rows[1:], given[1:], strict=True):  # every other cell as downloaded
        assert row[:grade] + row[grade + 1:] == original[:grade] + original[grade + 1:]
    assert moodle_worksheet_reads(rows) == {"101": "100", "102": "0", "103": "", "104": ""}
    assert main(["export", str(grades), "--format", "moodle-worksheet", "--roster", str(worksheet),
                 "--missing", "zero"]) == 0
    assert moodle_worksheet_reads(table(grades / "moodle-worksheet-import.csv")) == {
        "101": "100", "102": "0", "103": "0", "104": "0"}


def test_a_moodle_class_exports_to_the_gradebook_import(tmp_path_factory, tmp_path, capsys):
    grades = graded("moodle", tmp_path_factory)
    worksheet = tmp_path / "worksheet.csv"
    worksheet.write_text(WORKSHEET, encoding="utf-8")
    assert main(["export", str(grades), "--format", "moodle", "--roster", str(worksheet),
                 "--assignment", "Homework 1"]) == 0
    assert table(grades / "moodle-import.csv") == [
        ["Full name", "Email address", "Homework 1"],
        ["Ana María López", "ana@example.edu", "100"], ["Bob Smith", "bob@example.edu", "0"],
        ["Chloé Dubois", "chloe@example.edu", ""], ["Dan Ng", "dan@example.edu", ""]]
    said = capsys.readouterr().out
    assert "without a submission (left blank): Chloé Dubois; Dan Ng" in said
    assert "not on the roster" not in said


def fake_grades(folder: Path, records: list[dict]) -> Path:
    """A grader's output folder holding these records (as the grader writes them)."""
    (folder / "results").mkdir(parents=True)
    lines = ["student,name,total,max,status,reason"]
    for i, record in enumerate(records):
        record = {"lesson": LESSON, "max_score": MAX, "status": "graded", "notes": []} | record
        (folder / "results" / f"r{i}.json").write_text(json.dumps(record))
        student = "'" + record["student"] if record["student"][:1] in "=+-@" else record["student"]
        lines.append(f"{student},{record.get('name', '')},{record['score']},{record['max_score']},graded,")
    (folder / "gradebook.csv").write_text("\n".join(lines) + "\n")
    return folder


def test_numbers_are_written_the_way_the_importers_read_them():
    assert [number(v) for v in (10.0, 7.5, 2 / 3, 1e-9, 0.004, 99.999)] == ["10", "7.5", "0.67", "0", "0", "100"]


@pytest.mark.parametrize("encoding, delimiter", [("utf-8-sig", ","), ("cp1252", ";"), ("utf-8", ";")])
def test_a_canvas_roster_in_any_spreadsheet_dialect(tmp_path, encoding, delimiter):
    text = CANVAS_ROSTER.replace("Núñez", "Nunez") if encoding == "cp1252" else CANVAS_ROSTER
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    (tmp_path / "r.csv").write_bytes(out.getvalue().encode(encoding))
    roster = read_roster(tmp_path / "r.csv")
    assert roster.kind == "canvas" and roster.points == {"Homework 01 (777)": 10.0, "Homework 02 (778)": 5.0}
    assert [(s.key, s.name) for s in roster.students] == [
        ("12345", "Smith, Bob"), ("23456", text.split('"')[3]), ("34567", "Wang, Wei"), ("45678", "Doe, Jane")]


def test_a_roster_without_sis_columns_keeps_canvas_readable(tmp_path):
    grades = fake_grades(tmp_path / "g", [{"student": "7", "name": "x", "score": 15.0,
                                           "lms": {"user_id": "7"}}])
    (tmp_path / "r.csv").write_text('Student,ID,Section,Quiz (5)\n"=HYPERLINK(1)",7,A,\n')
    result = export(grades, "canvas", roster=tmp_path / "r.csv", assignment="Quiz")
    rows = table(result.path)
    assert rows == [["Student", "ID", "Section", "Quiz (5)"], ["Points Possible", "", "", "15"],
                    ["'=HYPERLINK(1)", "7", "A", "15"]]  # a formula is never written as one
    assert canvas_reads(rows) == {"Quiz (5)": ("5", 15.0, {"7": "15"})}


def test_names_match_only_when_unique_on_both_sides(tmp_path):
    grades = fake_grades(tmp_path / "g", [
        {"student": "a", "name": "Ana Lima", "score": 15.0}, {"student": "b", "name": "Li Wei", "score": 5.0},
        {"student": "c", "name": "Li Wei", "score": 10.0}, {"student": "d", "name": "Zoe Ng", "score": 1.0}])
    (tmp_path / "r.csv").write_text("First name,Last name,ID number,Email address\n"
                                    "Ana,Lima,A1,ana@x\nLi,Wei,L1,li@x\nZoe,Ng,Z1,zoe@x\nZoe,Ng,Z2,zoe2@x\n")
    pairs, unmatched, by_name = match(read_roster(tmp_path / "r.csv"), read_gradebook(grades))
    assert [(s.name, r and r["student"]) for s, r in pairs] == [
        ("Ana Lima", "a"), ("Li Wei", None), ("Zoe Ng", None), ("Zoe Ng", None)]
    assert [r["student"] for r in unmatched] == ["b", "c", "d"] and len(by_name) == 1
    result = export(grades, "moodle", roster=tmp_path / "r.csv")
    assert table(result.path)[:2] == [["Full name", "Email address", "ID number", LESSON],
                                      ["Ana Lima", "ana@x", "A1", "15"]]
    assert "Matched by name only (check them): a (Ana Lima) -> Ana Lima" in result.summary()


def test_a_worksheet_in_another_language_is_found_by_its_participant_ids(tmp_path):
    grades = fake_grades(tmp_path / "g", [{"student": "101", "name": "Ana", "score": 7.5,
                                           "lms": {"user_id": "101"}}])
    (tmp_path / "f.csv").write_text("Identifiant,Nom complet,Note,Note maximale,Dernière modification (note)\n"
                                    "Participant 101,Ana,,20,-\nParticipant 102,Léa,12,20,-\n")
    result = export(grades, "moodle-worksheet", roster=tmp_path / "f.csv", assignment="Note", points=20)
    assert table(result.path) == [["Identifiant", "Nom complet", "Note", "Note maximale",
                                   "Dernière modification (note)"],
                                  ["Participant 101", "Ana", "10", "20", "-"],
                                  ["Participant 102", "Léa", "12", "20", "-"]]  # blank: as downloaded
    with pytest.raises(TeacherError, match="give the title of its grade column with --assignment"):
        export(grades, "moodle-worksheet", roster=tmp_path / "f.csv")


@pytest.mark.parametrize("text, kind, keys", [
    ("student,id,name,email\nana,7,Ana,a@x\n", "plain", ["ana"]),  # not Canvas: no Section
    ("Section,student\nMath 2,ana\nMath 3,bo\n", "plain", ["ana", "bo"]),  # not a worksheet
    ("Student,ID,Section,Quiz\n\"Lima, Ana\",7,A,\n", "canvas", ["7"]),
    ("Identifiant,Nom\nParticipant 5,Ana\n", "moodle-worksheet", ["5"]),
    ("Kennung,Name\nTeilnehmer/in 5,Ana\n", "moodle-worksheet", ["5"]),  # found by its ids
])
def test_each_kind_of_roster_is_told_apart(tmp_path, text, kind, keys):
    (tmp_path / "r.csv").write_text(text)
    roster = read_roster(tmp_path / "r.csv")
    assert (roster.kind, [s.key for s in roster.students]) == (kind, keys)


def test_a_damaged_gradebook_is_a_teacher_error(tmp_path):
    grades = fake_grades(tmp_path / "g", [{"student": "a", "score": 1.0}])
    (grades / "gradebook.csv").write_text("student,total,max,status\na,lots,15,graded\n")
    with pytest.raises(TeacherError, match="gradebook.csv is damaged"):
        export(grades, "csv")


def test_csv_needs_no_roster_and_lists_every_submission(tmp_path):
    grades = fake_grades(tmp_path / "g", [{"student": "-1", "name": "@x", "score": 7.5,
                                           "notes": ["Canvas marked this submission LATE."]}])
    rows = table(export(grades, "csv").path)
    assert rows == [["student", "name", "score", "max", "status", "notes"],
                    ["'-1", "'@x", "7.5", "15", "graded", "Canvas marked this submission LATE."]]


@pytest.mark.parametrize("argv, message", [
    (["--format", "canvas"], "--roster is needed for canvas"),
    (["--format", "canvas", "--roster", "{worksheet}"], "for canvas the roster is Canvas's gradebook export"),
    (["--format", "moodle-worksheet", "--roster", "{canvas}"], "for moodle-worksheet the roster is"),
    (["--format", "moodle", "--roster", "{plain}"], "no 'Email address' or 'ID number' column"),
    (["--format", "csv", "--roster", "{odd}"], "cannot tell what"),
    (["--format", "csv", "--roster", "{absent}"], "cannot read the roster"),
])
def test_teacher_mistakes_are_one_line_errors(tmp_path, capsys, argv, message):
    grades = fake_grades(tmp_path / "g", [{"student": "a", "score": 1.0}])
    files = {"worksheet": WORKSHEET, "canvas": CANVAS_ROSTER, "plain": "student,name\na,A\n", "odd": "x,y\n1,2\n"}
    for name, text in files.items():
        (tmp_path / f"{name}.csv").write_text(text)
    argv = [a.format(**{n: tmp_path / f"{n}.csv" for n in [*files, "absent"]}) for a in argv]
    assert main(["export", str(grades), *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err, err
    assert main(["export", str(tmp_path / "nothing"), "--format", "csv"]) == 2
    assert "no gradebook in " in capsys.readouterr().err
