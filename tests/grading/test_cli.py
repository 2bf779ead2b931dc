"""The command line: a class graded in one command, resumable, and homework releases."""

import copy
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from gradekit import (
    EXERCISE,
    LESSON,
    MAX,
    POINTS,
    ROOT,
    SOLUTION,
    WRONG,
    index_of,
    load,
    points,
    run_batch,
    variant,
    write,
)

from helpers.grading import GRADED, INVALID, TIMED_OUT
from helpers.grading.batch import Progress
from helpers.grading.cli import main
from helpers.grading.submissions import choose, find_submissions


def other_lesson() -> dict:
    notebook = load(EXERCISE)
    for cell in notebook["cells"]:
        grade = cell.get("metadata", {}).get("grade")
        if grade:
            grade["grade_id"] = "02" + grade["grade_id"][2:]
    return notebook


def edited(change) -> dict:
    notebook = load()
    change(notebook)
    return notebook


def delete_fx(nb):
    del nb["cells"][index_of(nb, "01-fx")]


def duplicate_fx_wrong(nb):
    at = index_of(nb, "01-fx")
    copy_ = copy.deepcopy(nb["cells"][at])
    copy_["source"] = WRONG["01-fx"]
    nb["cells"].insert(at + 2, copy_)


def swap_fx_fy(nb):
    a, b = index_of(nb, "01-fx"), index_of(nb, "01-fy")
    nb["cells"][a], nb["cells"][b] = nb["cells"][b], nb["cells"][a]


def rename_fx(nb):
    nb["cells"][index_of(nb, "01-fx")]["metadata"]["grade"]["grade_id"] = "01-fx-mine"


def strip_all(nb):
    for cell in nb["cells"]:
        cell["metadata"] = {}


VALIDATION = {
    "notjson": b"{nope",
    "empty": b"",
    "notanotebook": b'{"hello": 1}',
    "otherlesson": other_lesson(),
    "deleted": edited(delete_fx),
    "duplicated": edited(duplicate_fx_wrong),
    "reordered": edited(swap_fx_fy),
    "renamed": edited(rename_fx),
    "stripped": edited(strip_all),
    "correct": load(),
    "huge": b" " * (21 * 2**20),
}


@pytest.fixture(scope="module")
def validated(tmp_path_factory):
    out = tmp_path_factory.mktemp("validation")
    return out, run_batch(out, VALIDATION)


@pytest.mark.parametrize(("name", "reason"), [
    ("notjson", "the file is not valid JSON (line 1, column 2: Expecting property name enclosed "
                "in double quotes); it may be damaged or not a notebook"),
    ("empty", "the file is empty"),
    ("huge", "the file is too large (21.0 MB; the limit is 20 MB)"),
    ("notanotebook", "the file is JSON but not a Jupyter notebook (it has no list of cells)"),
    ("otherlesson", "this is the notebook for lesson 02, expected 01"),
    ("stripped", "no answer cells of lesson 01 were found: this is not the exercise notebook, "
                 "or the cells' grade metadata was removed"),
])
def test_unusable_notebooks_get_a_row_with_a_precise_reason(validated, name, reason):
    record = validated[1][name]
    assert (record["status"], record["score"], record["reason"]) == (INVALID, 0.0, reason)
    assert set(points(record)) == set(POINTS) and record["max_score"] == MAX


@pytest.mark.parametrize(("name", "score", "fx", "note"), [
    ("deleted", MAX - POINTS["01-fx"], "answer cell for 01-fx was deleted or its metadata removed",
     None),
    ("duplicated", MAX - POINTS["01-fx"], "Not quite.", "the answer cell for 01-fx appears 2 times"),
    ("reordered", MAX, "Correct.", "the answer cells are in a different order"),
    ("renamed", MAX - POINTS["01-fx"], "answer cell for 01-fx was deleted or its metadata removed",
     "a cell is marked '01-fx-mine'"),
])
def test_damaged_structure_still_earns_its_points(validated, name, score, fx, note):
    record = validated[1][name]
    assert (record["status"], record["score"]) == (GRADED, score)
    assert record["questions"][0]["message"] == fx
    assert points(record)["01-fx"] == (POINTS["01-fx"] if score == MAX else 0.0)
    if note:
        assert [n for n in record["notes"] if n.startswith(note)]


def test_every_submission_has_its_files_and_a_gradebook_row(validated):
    out, records = validated
    rows = list(csv.DictReader((out / "out" / "gradebook.csv").open()))
    assert [r["student"] for r in rows] == sorted(VALIDATION)
    assert rows[0].keys() == {"student", *POINTS, "total", "max", "status", "reason"}
    for name in VALIDATION:
        result = json.loads((out / "out" / "results" / f"{name}.json").read_text())
        assert result["grader_version"] and len(result["sha256"]) == 64
        assert (out / "out" / "feedback" / f"{name}.html").exists()
    assert "<svg" in (out / "out" / "summary.html").read_text()


def test_student_ids_from_file_names_and_folders(tmp_path):
    (tmp_path / "alice").mkdir()
    (tmp_path / "bob").mkdir()
    (tmp_path / ".ipynb_checkpoints").mkdir()
    for path in ["alice/01-partial-derivatives.ipynb", "bob/01-partial-derivatives.ipynb",
                 "bob/02-gradient.ipynb", "carol.ipynb", ".ipynb_checkpoints/carol.ipynb"]:
        (tmp_path / path).write_text("{}")
    found = find_submissions([tmp_path])
    assert [(s.student, s.lesson_hint, len(s.candidates)) for s in found] == [
        ("alice", LESSON, 1), ("bob", LESSON, 2), ("carol", None, 1)]
    bob = found[1]
    choose(bob, LESSON)
    assert (bob.path.name, bob.refused) == (f"{LESSON}.ipynb", None)
    assert bob.notes == ["1 other notebook(s) handed in were not graded: 02-gradient.ipynb"]
    (tmp_path / "alice" / "carol.ipynb").write_text("{}")
    direct = find_submissions([tmp_path / "alice" / "01-partial-derivatives.ipynb",
                               tmp_path / "carol.ipynb", tmp_path / "carol.ipynb",
                               tmp_path / "alice" / "carol.ipynb"])
    assert [(s.student, len(s.candidates)) for s in direct] == [("alice", 1), ("carol", 2)]
    choose(direct[1], LESSON)
    assert direct[1].refused == ("2 notebooks were handed in and none is named for lesson "
                                 f"{LESSON} ({LESSON}.ipynb), so none was graded: "
                                 "carol.ipynb, carol.ipynb")


def teacher_error(capsys, *argv) -> str:
    assert main([str(a) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ")
    return err.strip()


def test_teacher_mistakes_exit_2_with_one_line(tmp_path, capsys):
    write(tmp_path, "ana", load())
    ana = tmp_path / "ana.ipynb"
    assert teacher_error(capsys, ana, "--out", tmp_path / "o", "--key", "/nonexistent") == \
        "error: no answer key: /nonexistent does not exist"
    assert teacher_error(capsys, ana, "--out", tmp_path / "o", "--lesson", "42-nothing").startswith(
        "error: no answer key for lesson 42-nothing in ")
    assert teacher_error(capsys, ana, "--out", ana / "sub").startswith(
        "error: cannot write to the output folder ")
    (tmp_path / "empty").mkdir()
    assert teacher_error(capsys, tmp_path / "empty", "--out", tmp_path / "o").startswith(
        "error: no notebooks (.ipynb files) found in ")
    assert teacher_error(capsys, tmp_path / "nobody.ipynb", "--out", tmp_path / "o") == \
        f"error: no such file or folder: {tmp_path / 'nobody.ipynb'}"


def test_a_failing_solution_notebook_is_the_teachers_mistake(tmp_path, capsys):
    keys = tmp_path / "solutions"
    keys.mkdir()
    write(keys, LESSON, variant(after={"01-fx": "raise ValueError('typo in the key')"}))
    write(tmp_path, "ana", load())
    message = teacher_error(capsys, tmp_path / "ana.ipynb", "--out", tmp_path / "o", "--key", keys)
    assert message.startswith(f"error: the solution notebook {keys / LESSON}.ipynb failed in cell ")
    assert message.endswith(": ValueError: typo in the key")


def test_resume_skips_unchanged_work_and_force_redoes_it(tmp_path):
    submissions = {"ana": load(), "bo": variant(answers=WRONG)}
    first = run_batch(tmp_path, submissions)
    results = tmp_path / "out" / "results"
    stamps = {p.name: p.stat().st_mtime_ns for p in results.iterdir()}
    again = run_batch(tmp_path, {})
    assert again == first
    assert {p.name: p.stat().st_mtime_ns for p in results.iterdir()} == stamps
    write(tmp_path / "class", "bo", load())  # bo hands in a corrected notebook
    changed = run_batch(tmp_path, {})
    assert changed["bo"]["score"] == MAX and changed["ana"] == first["ana"]
    assert (results / "ana.json").stat().st_mtime_ns == stamps["ana.json"]
    forced = run_batch(tmp_path, {}, force=True)
    assert (results / "ana.json").stat().st_mtime_ns != stamps["ana.json"]
    assert forced["ana"]["score"] == MAX


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for entry in filter(str.isdigit, os.listdir("/proc")):
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(entry))
                todo.append(int(entry))
    return found


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state not in ("Z", "X"):
            alive.append(pid)
    return alive


def test_sigkill_mid_batch_loses_nothing_and_resume_redoes_only_the_rest(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    for name in ("a1", "a2", "a3"):
        write(folder, name, load())
    write(folder, "z-slow", variant(first="import time\ntime.sleep(60)"))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "helpers.grade", str(folder), "--out", str(out),
               "--workers", "1", "--timeout", "60", "--quiet"]
    grader = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    while len(list((out / "results").glob("a*.json"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)  # z-slow is running now
    helpers_pids = _descendants(grader.pid)
    grader.send_signal(signal.SIGKILL)
    grader.wait()
    stamps = {p.name: p.stat().st_mtime_ns for p in (out / "results").glob("*.json")}
    assert sorted(stamps) == ["a1.json", "a2.json", "a3.json"]
    for name in stamps:
        assert json.loads((out / "results" / name).read_text())["score"] == MAX
    deadline = time.monotonic() + 10
    while _alive(helpers_pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _alive(helpers_pids) == []  # the sandbox and the judge processes died with it
    done = subprocess.run(command[:-3] + ["--timeout", "3", "--quiet"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert {p.name: p.stat().st_mtime_ns for p in (out / "results").glob("a*.json")} == stamps
    slow = json.loads((out / "results" / "z-slow.json").read_text())
    assert (slow["status"], slow["score"]) == (TIMED_OUT, 0.0)
    rows = list(csv.DictReader((out / "gradebook.csv").open()))
    assert [(r["student"], r["status"]) for r in rows] == [
        ("a1", GRADED), ("a2", GRADED), ("a3", GRADED), ("z-slow", TIMED_OUT)]


def test_release_holds_the_exercise_and_helpers_but_no_key(tmp_path, capsys):
    out = tmp_path / "release"
    assert main(["release", LESSON, "--out", str(out)]) == 0
    assert (out / f"{LESSON}.ipynb").read_bytes() == EXERCISE.read_bytes()
    names = {p.relative_to(out).as_posix() for p in out.rglob("*")}
    assert "helpers/checks.py" in names and "README.txt" in names
    assert not [n for n in names if "keys" in n or n.endswith(".json") or "grading" in n
                or "solution" in n]
    requirements = (out / "requirements.txt").read_text()
    assert "sympy" in requirements and "pytest" not in requirements and "-e ." not in requirements
    assert SOLUTION.read_text() not in "".join(p.read_text() for p in out.rglob("*.py"))


def test_checks_in_a_release_judge_form_not_value(tmp_path):
    out = tmp_path / "release"
    assert main(["release", "01", "--out", str(out)]) == 0
    probe = ("import helpers, helpers.checks as c\n"
             "print(helpers.__file__)\n"
             "print(c.load_key('01'))\n"
             "print(repr(c.check('01-fx', '3*x**2*y**2 - 4*y + 7')))\n"
             "print(repr(c.check('01-fx', '3*x + q')))\n")
    shown = subprocess.run([sys.executable, "-c", probe], cwd=out, capture_output=True, text=True,
                           timeout=120, env={"PATH": os.environ["PATH"]}).stdout.splitlines()
    assert shown[0] == str(out / "helpers" / "__init__.py") and shown[1] == "None"
    assert "will be graded" in shown[2] and "Correct" not in shown[2]
    assert "cannot be graded" in shown[3]


def test_release_of_an_unknown_lesson_is_a_teacher_error(tmp_path, capsys):
    assert teacher_error(capsys, "release", "09-nothing", "--out", tmp_path) == \
        f"error: no exercise notebook for lesson 09-nothing in {ROOT / 'exercises'}"


def test_a_key_question_without_a_spec_is_the_teachers_mistake(tmp_path, capsys):
    keys = tmp_path / "solutions"
    keys.mkdir()
    key = load()
    key["cells"][index_of(key, "01-wz")]["metadata"]["grade"]["grade_id"] = "01-unheard-of"
    write(keys, LESSON, key)
    write(tmp_path, "ana", load())
    assert teacher_error(capsys, tmp_path / "ana.ipynb", "--out", tmp_path / "o", "--key", keys) == (
        f"error: the solution notebook {keys / LESSON}.ipynb asks a question that cannot be "
        "judged: there is no exercise question called '01-unheard-of' in helpers/questions")


def test_the_progress_bar_counts_done_failures_and_time_left():
    stream = io.StringIO()
    progress = Progress(4, stream)
    progress.update("graded", skipped=True)
    progress.update("crashed")
    progress.update("graded")
    progress.update("timed out")
    progress.show(final=True)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("grading [######                  ] 1/4  failures 0  ETA ")
    assert lines[-1] == "grading [########################] 4/4  failures 2  ETA 0:00"
    assert len(lines) == 4  # not a terminal: one line per step of 10 %, no repeat at the end


@pytest.mark.parametrize("argv", [["a.ipynb"], ["a.ipynb", "--out", "o", "--workers", "0"],
                                  ["a.ipynb", "--out", "o", "--timeout", "nan"]])
def test_bad_options_are_one_line_errors(capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err.count("\n") == 1 and err.startswith("error: ")
