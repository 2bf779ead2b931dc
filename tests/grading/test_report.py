"""Result files, gradebook, feedback pages and the class summary."""

import csv
import io
import json
import os

import pytest
from gradekit import ROOT

from helpers.grading.report import (
    answer_text,
    feedback_html,
    gradebook_csv,
    load_result,
    safe_name,
    summary_html,
    write_atomic,
    write_json_atomic,
)

KEY = json.loads((ROOT / "helpers" / "keys" / "01-partial-derivatives.json").read_text())
EVIL = '<script>alert("x")</script>'


def record(student="ana", status="graded", **extra):
    questions = [
        {"id": "01-fx", "max": 2.0, "points": 0.0, "verdict": "incorrect", "message": "Not quite.",
         "hint": "Hold y fixed.", "answer": EVIL, "error": f"NameError: {EVIL}"},
        {"id": "01-fy", "max": 2.0, "points": 2.0, "verdict": "correct", "message": "Correct.",
         "hint": None, "answer": "2*x**3*y - 4*x + 7", "error": None},
    ]
    base = {"student": student, "status": status, "reason": "", "score": 2.0, "max_score": 4.0,
            "lesson": "01-partial-derivatives", "questions": questions, "notes": [EVIL]}
    return base | extra


def test_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "results" / "ana.json"
    write_json_atomic(target, {"status": "graded"})
    write_json_atomic(target, {"status": "timed out"})
    assert load_result(target) == {"status": "timed out"}
    assert os.listdir(target.parent) == ["ana.json"]


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "ana.json"
    write_json_atomic(target, {"status": "graded"})

    def broken(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(target, "half")
    assert load_result(target) == {"status": "graded"}
    assert os.listdir(tmp_path) == ["ana.json"]


@pytest.mark.parametrize("content", ["", "{", "[]", '{"no": "status"}'])
def test_a_damaged_result_file_reads_as_absent(tmp_path, content):
    (tmp_path / "x.json").write_text(content)
    assert load_result(tmp_path / "x.json") is None


def test_student_ids_become_safe_file_names():
    assert safe_name("../../etc/passwd") == "_.._etc_passwd"
    assert safe_name("") == "student"
    assert safe_name("=HYPERLINK(1)") == "_HYPERLINK_1_"


def test_gradebook_has_one_column_per_question_and_quotes_formulas():
    rows = list(csv.reader(io.StringIO(gradebook_csv(
        [record(), record("=cmd|' /C calc'!A0", "crashed", reason="-it crashed", score=0.0)],
        [("01-fx", 2.0), ("01-fy", 2.0)]))))
    assert rows[0] == ["student", "01-fx", "01-fy", "total", "max", "status", "reason"]
    assert rows[1] == ["ana", "0", "2", "2", "4", "graded", ""]
    assert rows[2][0].startswith("'=") and rows[2][-1] == "'-it crashed"


def test_feedback_escapes_everything_the_student_wrote():
    page = feedback_html(record())
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "Hold y fixed." in page and "2 / 4" in page


def test_feedback_never_shows_the_key():
    wrong = record()
    for q in wrong["questions"]:
        q.update(points=0.0, verdict="incorrect", answer="1", hint=None, message="Not quite.")
    page = feedback_html(wrong)
    for answer in KEY["answers"].values():
        shown = answer.get("text") or answer.get("value")
        assert str(shown) not in page


@pytest.mark.parametrize(("answer", "text"), [
    ({"type": "missing"}, "not answered"),
    ({"type": "number", "value": None, "special": "nan"}, "nan"),
    ({"type": "array", "shape": [2], "value": [1.0, None], "special": [None, "inf"]},
     "array of shape (2,): [1.0, 'inf']"),
    ({"type": "list", "items": [{"type": "expr", "text": "x"}, {"type": "text", "value": "a"}]},
     "[x, 'a']"),
    ({"type": "other", "python_type": "Anything"}, "a value of type Anything"),
    (None, "no answer recorded"),
    ({"type": "expr", "text": "x" * 500}, "x" * 199 + "…"),
])
def test_answers_are_rendered_briefly(answer, text):
    assert answer_text(answer) == text


def test_summary_has_the_isolation_header_and_two_plots():
    page = summary_html([record(), record("bo", score=4.0)], [("01-fx", 2.0), ("01-fy", 2.0)],
                        "bubblewrap sandbox: no network")
    assert "Isolation: bubblewrap sandbox: no network" in page
    assert page.count("<svg") == 2 and "<script>" not in page
    assert "2 submission(s): 2 graded" in page


def test_summary_warns_loudly_without_a_sandbox():
    page = summary_html([], [], "NO SANDBOX: bubblewrap is not available here")
    assert '<p class="warn">Isolation: NO SANDBOX' in page


def test_any_text_can_be_written(tmp_path):
    target = tmp_path / "odd.html"
    write_atomic(target, "a lone surrogate \ud800 and \U0001f600")
    assert target.read_text(encoding="utf-8") == "a lone surrogate \\ud800 and \U0001f600"


def test_summary_counts_how_many_students_made_each_mistake():
    def with_note(student, note):
        r = record(student)
        r["questions"][0] = r["questions"][0] | {"note": note, "hint": f"hint for {note}"}
        return r

    results = [with_note("a", "wrong sign"), with_note("b", "wrong sign"), with_note("c", "product rule"),
               record("d")]  # no note: counted by its hint
    page = summary_html(results, [("01-fx", 2.0), ("01-fy", 2.0)], "bubblewrap sandbox")
    assert "wrong sign: 2<br>product rule: 1<br>Hold y fixed.: 1" in page
    assert "mistakes made (students)" in page
