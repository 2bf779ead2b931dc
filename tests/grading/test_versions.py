"""A version for every student: secret, roster, personal notebooks, and judging against them."""

import stat
from pathlib import Path

import nbformat
import pytest

from helpers.encoding import encode
from helpers.grading.compare import judge_answer
from helpers.grading.submissions import TeacherError
from helpers.grading.versions import (
    METADATA,
    Student,
    personalise,
    read_roster,
    read_secret,
    recorded_version,
    version_key,
    versioned_id,
)
from helpers.templates import LESSONS_WITH_TEMPLATES, student_seed, templates_for, variant

EXERCISE = "exercises/01-partial-derivatives.ipynb"


def test_the_secret_is_created_once_private_and_then_read(tmp_path):
    path = tmp_path / "course-secret.txt"
    secret, created = read_secret(path, create=True)
    assert created and len(secret) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_secret(path) == (secret, False)


@pytest.mark.parametrize("content", ["", "short", "not hex at all, but long enough to pass a length check!!"])
def test_a_file_that_is_no_secret_is_a_teacher_error(tmp_path, content):
    path = tmp_path / "s.txt"
    path.write_text(content)
    with pytest.raises(TeacherError, match="course secret"):
        read_secret(path)


def test_a_missing_secret_when_grading_is_a_teacher_error(tmp_path):
    with pytest.raises(TeacherError, match="no course secret"):
        read_secret(tmp_path / "absent.txt")


def test_a_roster_gives_ids_and_names_in_any_usual_spelling(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("\ufeffName,Login ID,Section\nJosé Ñúñez,jnunez,A\n王伟,wangwei,B\n,,\n", encoding="utf-8")
    assert read_roster(path) == [Student("jnunez", "José Ñúñez"), Student("wangwei", "王伟")]


@pytest.mark.parametrize(("text", "reason"), [("name,section\nAl,A\n", "column of student ids"),
                                              ("id,name\n", "no students"),
                                              ("id\nal\nal\n", "twice")])
def test_a_roster_that_cannot_be_used_says_why(tmp_path, text, reason):
    path = tmp_path / "roster.csv"
    path.write_text(text)
    with pytest.raises(TeacherError, match=reason):
        read_roster(path)


def test_a_personal_notebook_holds_that_students_version():
    exercise = nbformat.read(EXERCISE, as_version=4)
    seed = student_seed(b"k" * 32, "alice", "01")
    mine = personalise(exercise, "01", seed, Student("alice"))
    text = "\n".join(c.source for c in mine.cells)
    for qid in ("01-fx", "01-hx-value", "01-forward-difference"):
        assert variant(qid, seed).text in text
    assert recorded_version(mine) == seed and mine.metadata[METADATA]["student"] == "alice"
    cell = next(c for c in mine.cells if c.metadata.get("grade", {}).get("grade_id") == "01-forward-difference")
    assert cell.source.startswith("def p(x, y):") and cell.source.endswith("estimate = ...")
    assert "BEGIN SOLUTION" not in text and recorded_version(exercise) is None
    assert [c.metadata.get("grade") for c in mine.cells] == [c.metadata.get("grade") for c in exercise.cells]


def test_answers_are_judged_against_the_students_own_version():
    seed = next(s for s in range(1, 100) if variant("01-fx", s).key != variant("01-fx", 0).key)
    written = variant("01-fx", 0).key
    mine, theirs = version_key("01-fx", seed, written), written
    ref = versioned_id("01-fx", seed)
    assert judge_answer(ref, mine, mine)["score"] == 1.0
    assert judge_answer(ref, theirs, mine)["score"] == 0.0  # the answer of someone else's version
    wrong = variant("01-fx", seed).question.mistakes[0]
    verdict = judge_answer(ref, encode(wrong.answer), mine)
    assert verdict["score"] == 0.0 and verdict["hint"] == wrong.hint and verdict["note"] == wrong.note


def test_version_zero_and_questions_without_templates_keep_the_written_key():
    written = {"type": "number", "value": 1.0}
    assert versioned_id("01-fx", 0) == "01-fx" and version_key("01-fx", 0, written) == written
    assert versioned_id("99-none", 5) == "99-none" and version_key("99-none", 5, written) == written


def test_a_roster_release_gives_every_student_their_own_notebook_and_no_key(tmp_path):
    from helpers.grading.versions import release_versions, student_folder

    roster = tmp_path / "roster.csv"
    roster.write_text("id,name\nalice,Alice\nbob,Bob\nJosé Ñúñez,José\n", encoding="utf-8")
    secret = tmp_path / "private" / "course-secret.txt"
    students, created = release_versions("01-partial-derivatives", tmp_path / "release", roster, secret)
    assert created and [s.id for s in students] == ["alice", "bob", "José Ñúñez"]
    out = tmp_path / "release"
    assert not list(out.glob("*.ipynb"))  # no common notebook to hand in by mistake
    books = {s.id: nbformat.read(out / "students" / student_folder(s.id) / "01-partial-derivatives.ipynb", 4)
             for s in students}
    for s in students:  # each folder is a whole release: the notebook finds helpers/ beside it
        assert (out / "students" / student_folder(s.id) / "helpers" / "checks.py").exists()
    key, _ = read_secret(secret)
    for sid, book in books.items():
        assert recorded_version(book) == student_seed(key, sid, "01")
    texts = {sid: "\n".join(c.source for c in b.cells) for sid, b in books.items()}
    assert len(set(texts.values())) == 3  # every student has their own numbers
    mine = out / "students" / "alice" / "helpers"
    assert not (mine / "templates").exists() and (mine / "widgets" / "practice.py").exists()
    assert not (mine / "keys").exists() and not (mine / "grading").exists()
    again, created = release_versions("01-partial-derivatives", tmp_path / "release2", roster, secret)
    assert not created  # the same secret gives the same versions next time
    book = nbformat.read(tmp_path / "release2" / "students" / "alice" / "01-partial-derivatives.ipynb", 4)
    assert recorded_version(book) == recorded_version(books["alice"])


def test_the_secret_may_not_travel_with_the_release(tmp_path):
    from helpers.grading.versions import release_versions

    roster = tmp_path / "roster.csv"
    roster.write_text("id\nalice\n")
    with pytest.raises(TeacherError, match="must not be inside"):
        release_versions("01", tmp_path / "out", roster, tmp_path / "out" / "secret.txt")


def test_student_folders_are_stable_and_never_shared():
    from helpers.grading.versions import student_folder

    ids = ["alice", "José Ñúñez", "王伟", "李娜", "alice.", "a/b", "..", "%41", "A"]
    folders = [student_folder(i) for i in ids]
    assert len(set(folders)) == len(ids) and all("/" not in f and f not in (".", "..") for f in folders)
    assert folders == [student_folder(i) for i in ids]


@pytest.mark.parametrize("lesson", LESSONS_WITH_TEMPLATES)
def test_a_personal_notebook_shows_every_question_in_the_students_version(lesson):
    exercise = nbformat.read(next(Path("exercises").glob(f"{lesson}-*.ipynb")), as_version=4)
    seed = student_seed(b"k" * 32, "alice", lesson)
    mine = personalise(exercise, lesson, seed, Student("alice"))
    text = "\n".join(c.source for c in mine.cells)
    for qid in templates_for(lesson):
        assert variant(qid, seed).text in text, qid
