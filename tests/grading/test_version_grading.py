"""Grading a roster release end to end: every student is scored against their own version.

A class of four gets personal notebooks from ``release --roster``; each hands in something
different; the grader (with the course secret) must score each answer against the version
worked out from the student id and the secret, never from the notebook.
"""

import csv
import json

import nbformat
import pytest

from helpers.grading.cli import main
from helpers.grading.versions import read_secret, recorded_version, student_folder
from helpers.templates import student_seed, variant

LESSON = "01-partial-derivatives"
STUDENTS = ["alice", "bob", "carol", "dave"]


def literal(encoded):
    """Python source for an encoded key, as a learner would type it."""
    kind = encoded["type"]
    if kind == "expr":
        return repr(encoded["text"])
    if kind == "list":
        return repr([item.get("text", item.get("value")) for item in encoded["items"]])
    if kind == "array":
        return repr(encoded["value"])
    return repr(encoded["value"])


def answered(notebook, seed):
    """``notebook`` with every answer cell holding the key of version ``seed``."""
    book = nbformat.from_dict(json.loads(json.dumps(notebook)))
    for cell in book.cells:
        grade = cell.metadata.get("grade")
        if grade:
            head, _, _ = cell.source.rpartition(f"{grade['answer']} = ...")
            cell.source = f"{head}{grade['answer']} = {literal(variant(grade['grade_id'], seed).key)}"
    return book


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("versions")
    roster, secret_file = tmp / "roster.csv", tmp / "teacher" / "course-secret.txt"
    roster.write_text("id,name\n" + "".join(f"{s},{s.title()}\n" for s in STUDENTS), encoding="utf-8")
    assert main(["release", LESSON, "--out", str(tmp / "release"), "--roster", str(roster),
                 "--secret-file", str(secret_file)]) == 0
    secret = read_secret(secret_file)[0]
    seeds = {s: student_seed(secret, s, LESSON) for s in STUDENTS}
    books = {s: nbformat.read(tmp / "release" / "students" / student_folder(s) / f"{LESSON}.ipynb", 4)
             for s in STUDENTS}
    handed = {
        "alice": answered(books["alice"], seeds["alice"]),  # her own version, all right
        "bob": answered(books["bob"], 0),  # the answers of the exercise as written
        "carol": answered(books["alice"], seeds["alice"]),  # alice's notebook, alice's answers
        "dave": books["dave"],  # blank
    }
    folder = tmp / "submissions"
    for student, book in handed.items():
        (folder / student).mkdir(parents=True)
        nbformat.write(book, folder / student / f"{LESSON}.ipynb")
    assert main([str(folder), "--out", str(tmp / "grades"), "--secret-file", str(secret_file), "--quiet",
                 "--workers", "2"]) == 0
    results = {s: json.loads((tmp / "grades" / "results" / f"{s}.json").read_text()) for s in STUDENTS}
    with open(tmp / "grades" / "gradebook.csv", encoding="utf-8") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    return seeds, books, results, rows, tmp


def _points(result):
    return {q["id"]: q["points"] for q in result["questions"]}


def test_every_student_got_a_notebook_in_their_own_version(graded):
    seeds, books, *_ = graded
    assert {s: recorded_version(b) for s, b in books.items()} == seeds
    assert len({variant("01-fx", seed).text for seed in seeds.values()}) > 1


def test_the_right_answers_to_ones_own_version_score_full(graded):
    _, _, results, rows, _ = graded
    assert results["alice"]["status"] == "graded" and results["alice"]["score"] == results["alice"]["max_score"]
    assert float(rows["alice"]["total"]) == float(rows["alice"]["max"])


def test_the_written_exercises_answers_score_only_where_they_happen_to_match(graded):
    seeds, _, results, _, _ = graded
    for qid, points in _points(results["bob"]).items():
        same = variant(qid, seeds["bob"]).key == variant(qid, 0).key
        assert (points > 0) == same, qid
    assert results["bob"]["score"] < results["bob"]["max_score"]


def test_a_classmates_notebook_is_graded_against_ones_own_version_and_named(graded):
    seeds, _, results, rows, _ = graded
    carol = results["carol"]
    assert "another student's version" in carol["reason"] and "'alice'" in carol["reason"]
    for qid, points in _points(carol).items():
        same = variant(qid, seeds["carol"]).key == variant(qid, seeds["alice"]).key
        assert (points > 0) == same, qid
    assert "another student's version" in rows["carol"]["reason"]


def test_a_blank_notebook_scores_zero_and_feedback_shows_each_students_own_text(graded):
    seeds, _, results, _, tmp = graded
    assert results["dave"]["score"] == 0
    page = (tmp / "grades" / "feedback" / "alice.html").read_text(encoding="utf-8")
    text = variant("01-wz", seeds["alice"]).text
    assert text.split("$")[1] in page  # the formula of her own w


def test_grading_without_the_secret_is_refused_when_asked_for_and_plain_without(graded, tmp_path):
    *_, tmp = graded
    assert main([str(tmp / "submissions"), "--out", str(tmp_path / "g"), "--secret-file",
                 str(tmp_path / "nope.txt"), "--quiet"]) == 2
