"""Canvas and Moodle submission zips: naming, hostile zips, and a class graded end to end.

The zips are built the way each system names its files (see helpers.grading.lms),
graded through ``python -m helpers.grade`` once per system (cached for
test_export.py), and every gradebook row is checked.
"""

import csv
import datetime
import io
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from gradekit import LESSON, MAX, ROOT, WRONG, load, variant

from helpers.grading import GRADED
from helpers.grading.cli import main
from helpers.grading.lms import (
    MAX_ENTRIES,
    collect,
    folder_entries,
    is_lms_folder,
    parse_name,
    prepare,
    zip_entries,
)
from helpers.grading.submissions import TeacherError

NB = f"{LESSON}.ipynb"
RIGHT = json.dumps(load()).encode()
WRONG_NB = json.dumps(variant(answers=WRONG)).encode()
OLD, NEW = (2026, 3, 1, 9, 0, 0), (2026, 3, 2, 18, 30, 0)


def make_zip(path: Path, files: list[tuple[str, bytes] | tuple[str, bytes, tuple]]) -> Path:
    """A zip of (name, content[, date]) written the way an LMS writes them (UTF-8 names)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data, *date in files:
            info = zipfile.ZipInfo(name, date[0] if date else NEW)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return path


#: Canvas "Download Submissions": <name>[_LATE]_<user id>_<attachment id>_<file>.
CANVAS = [
    (f"smithbob_12345_1001_{NB}", RIGHT),
    (f"núñezjosé_LATE_23456_1002_{NB}", WRONG_NB),
    (f"wangwei王伟_34567_1003_{NB}", WRONG_NB),  # first hand-in ...
    (f"wangwei王伟_34567_1009_{LESSON}-1.ipynb", RIGHT),  # ... and the resubmission counts
    ("smithbob_12345_1004_scratch.pdf", b"%PDF-1.4"),
    (f"ghost_99999_1005_{NB}", RIGHT),  # not on the roster
]
#: Moodle "Download all submissions", in folders (4.x names them without the final _, 3.x with).
MOODLE = [
    (f"Ana María López_101_assignsubmission_file/{NB}", RIGHT),
    (f"Bob Smith_102_assignsubmission_file_/drafts/{NB}", RIGHT, OLD),
    (f"Bob Smith_102_assignsubmission_file_/{LESSON} (final).ipynb", WRONG_NB, NEW),
    ("Chloé Dubois_103_assignsubmission_onlinetext/onlinetext.html", b"<p>see attached</p>"),
]


@pytest.mark.parametrize("name, lms, student, display, file, late", [
    (f"smithbob_12345_678901_{NB}", "canvas", "12345", "smithbob", NB, False),
    (f"smithbob_LATE_12345_678901_{NB}", "canvas", "12345", "smithbob", NB, True),
    (f"smithbob_late_12345_678901_{NB}", "canvas", "12345", "smithbob", NB, True),  # older Canvas
    (f"o_brien2_12_3_{LESSON}-2.ipynb", "canvas", "12", "o_brien2", f"{LESSON}-2.ipynb", False),
    (f"LATE_anon_a1B2c_678901_{NB}", "canvas", "anon_a1B2c", "anon_a1B2c", NB, True),
    (f"núñezjosé_23456_1_{NB}", "canvas", "23456", "núñezjosé", NB, False),
    (f"Ana María_881_assignsubmission_file/{NB}", "moodle", "881", "Ana María", NB, False),
    (f"Ana María_881_assignsubmission_file_/sub/{NB}", "moodle", "881", "Ana María", f"sub/{NB}", False),
    (f"Ana María_881_assignsubmission_file_{NB}", "moodle", "881", "Ana María", NB, False),
    (f"Participant_881_assignsubmission_file/{NB}", "moodle", "881", "Participant", NB, False),
    (f"section 2/smithbob_12345_678901_{NB}", "canvas", "12345", "smithbob", NB, False),
    (f"section 2/Ana María_881_assignsubmission_file/{NB}", "moodle", "881", "Ana María", NB, False),
    ("王伟.ipynb", "", "王伟", "王伟", "王伟.ipynb", False),
    (f"alice/{NB}", "", "alice", "alice", NB, False),
])
def test_names_say_who_handed_in_what(name, lms, student, display, file, late):
    found = parse_name(name)
    assert (found.lms, found.student, found.name, found.file, found.late) == (
        lms, student, display, file, late)


@pytest.mark.parametrize("name", ["__MACOSX/._smithbob_1_2_a.ipynb", ".hidden.ipynb",
                                  "alice/.ipynb_checkpoints/x-checkpoint.ipynb", ""])
def test_files_of_no_student_are_skipped(name):
    assert parse_name(name) is None


def test_the_newest_file_counts_and_the_others_are_named(tmp_path):
    canvas = collect(zip_entries(make_zip(tmp_path / "c.zip", CANVAS)), tmp_path / "c", "c.zip")
    by_id = {c.identity.student: c for c in canvas}
    assert sorted(by_id) == ["12345", "23456", "34567", "99999"]  # the pdf is not a notebook
    wang = by_id["34567"]
    assert wang.path == tmp_path / "c" / "34567" / "34567.ipynb" and wang.path.read_bytes() == RIGHT
    assert wang.notes == [f"{LESSON}-1.ipynb was handed in again (Canvas added the -N to its name).",
                          f"{NB} was not graded: a newer file, {LESSON}-1.ipynb, counts."]
    assert by_id["23456"].notes == ["Canvas marked this submission LATE."]
    assert by_id["12345"].notes == []
    moodle = collect(zip_entries(make_zip(tmp_path / "m.zip", MOODLE)), tmp_path / "m", "m.zip")
    bob = next(c for c in moodle if c.identity.student == "102")
    assert bob.path.read_bytes() == WRONG_NB  # newer by the zip's date, though the worse one
    assert bob.notes == [f"drafts/{NB} was not graded: a newer file, {LESSON} (final).ipynb, counts."]
    assert sorted(c.identity.student for c in moodle) == ["101", "102"]


def test_a_folder_that_wraps_the_whole_download_is_looked_through(tmp_path):
    wrapped = [(f"submissions/{name}", data) for name, data, *_ in CANVAS]
    found = collect(zip_entries(make_zip(tmp_path / "w.zip", wrapped)), tmp_path / "w", "w.zip")
    assert sorted(c.identity.student for c in found) == ["12345", "23456", "34567", "99999"]


def _raw_zip(path: Path, info: zipfile.ZipInfo, data: bytes = b"{}") -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"smithbob_1_2_{NB}", RIGHT)
        archive.writestr(info, data)
    return path


def _with_mode(name: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = mode << 16
    return info


HOSTILE = {
    "absolute": (zipfile.ZipInfo(f"/tmp/evil_1_2_{NB}"), "has an absolute path"),
    "dotdot": (zipfile.ZipInfo(f"../../evil_1_2_{NB}"), "has '..' in its path"),
    "backslash dotdot": (zipfile.ZipInfo(f"a\\..\\..\\evil_1_2_{NB}"), "has '..' in its path"),
    "drive": (zipfile.ZipInfo(f"C:/evil_1_2_{NB}"), "has an absolute path"),
    "symlink": (_with_mode(f"evil_1_2_{NB}", stat.S_IFLNK | 0o777), "is a symbolic link"),
    "device": (_with_mode("evil_1_2_x", stat.S_IFCHR | 0o666), "is not a regular file"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_entries_refuse_the_whole_zip_before_anything_is_written(tmp_path, capsys, case):
    info, reason = HOSTILE[case]
    path = _raw_zip(tmp_path / "evil.zip", info, b"/etc/passwd")
    with pytest.raises(TeacherError, match=reason):
        zip_entries(path)
    out = tmp_path / "out"
    assert main([str(path), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: refused {path}: the entry ")
    assert reason in err and "nothing was extracted" in err
    assert not (out / "submissions").exists() and not (tmp_path / "evil_1_2_x").exists()


def test_too_many_entries_are_refused(tmp_path):
    path = make_zip(tmp_path / "many.zip", [(f"s{i}.txt", b"") for i in range(MAX_ENTRIES + 1)])
    with pytest.raises(TeacherError, match=f"it has {MAX_ENTRIES + 1} entries"):
        zip_entries(path)


def test_a_zip_bomb_is_refused_by_its_ratio_and_a_huge_one_by_its_size(tmp_path, monkeypatch):
    bomb = make_zip(tmp_path / "bomb.zip", [(f"evil_1_2_{NB}", bytes(8 * 2**20))])
    with pytest.raises(TeacherError, match=r"expands \d+ times .*a zip bomb"):
        zip_entries(bomb)
    monkeypatch.setattr("helpers.grading.lms.MAX_TOTAL_BYTES", 4 * 2**20)
    with pytest.raises(TeacherError, match=r"it would expand to 0.0 GB"):
        zip_entries(bomb)


def _damaged(tmp_path: Path) -> dict[str, Path]:
    good = make_zip(tmp_path / "good.zip", CANVAS).read_bytes()
    payload = good.index(b"PK\x03\x04") + 30 + len(f"smithbob_12345_1001_{NB}".encode())
    flipped = bytearray(good)
    for i in range(payload + 40, payload + 60):
        flipped[i] ^= 0xFF
    with zipfile.ZipFile(tmp_path / "s.zip", "w") as archive:  # stored: only the CRC finds it
        archive.writestr(f"a_1_2_{NB}", RIGHT)
    stored = bytearray((tmp_path / "s.zip").read_bytes())
    stored[stored.index(b'"cells"')] = ord("x")
    cases = {"truncated": good[: len(good) // 2], "not a zip": b"hello, I am a notebook",
             "empty": b"", "bad data": bytes(flipped), "bad crc": bytes(stored)}
    for name, data in cases.items():
        (tmp_path / f"{name}.zip").write_bytes(data)
    return {name: tmp_path / f"{name}.zip" for name in cases}


def test_a_damaged_zip_is_a_one_line_error_with_status_2(tmp_path, capsys):
    for name, path in _damaged(tmp_path).items():
        assert main([str(path), "--out", str(tmp_path / "out"), "--quiet"]) == 2, name
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err, err
        assert str(path) in err, err
        if name == "bad crc":
            assert "is damaged: 'a_1_2_01-partial-derivatives.ipynb' cannot be read (Bad CRC-32" in err


def _renamed(data: bytes, old: bytes, new: bytes) -> bytes:
    assert len(old) == len(new) and data.count(old) == 2  # local header and central directory
    return data.replace(old, new)


def test_names_that_are_not_utf8_never_crash(tmp_path):
    plain = make_zip(tmp_path / "p.zip", [(f"JosXY_21_assignsubmission_file/{NB}", RIGHT),
                                          ("WinX.ipynb", RIGHT)]).read_bytes()
    cp1252 = _renamed(_renamed(plain, b"JosXY", b"Jos\xe9Y"), b"WinX", b"W\x81\xa2\xff")
    (tmp_path / "w.zip").write_bytes(cp1252)  # Windows: cp1252 bytes, no UTF-8 flag: read as cp437
    found = collect(zip_entries(tmp_path / "w.zip"), tmp_path / "w", "w.zip")
    assert sorted((c.identity.lms, c.identity.student, c.identity.name) for c in found) == [
        ("", "W\u00fc\u00f3\u00a0", "W\u00fc\u00f3\u00a0"), ("moodle", "21", "Jos\u0398Y")]
    assert all(c.path.read_bytes() == RIGHT for c in found)
    (tmp_path / "m.zip").write_bytes(_renamed(plain, b"JosXY", "José".encode()))  # UTF-8, no flag
    found = collect(zip_entries(tmp_path / "m.zip"), tmp_path / "m", "m.zip")
    assert sorted(c.identity.name for c in found) == ["José", "WinX"]
    raw = tmp_path / "raw"
    (raw / "Jos\udce9_7_assignsubmission_file").mkdir(parents=True)  # a non-UTF-8 folder name
    (raw / "Jos\udce9_7_assignsubmission_file" / NB).write_bytes(RIGHT)
    assert is_lms_folder(raw)
    found = collect(folder_entries(raw), tmp_path / "r", str(raw))
    assert [(c.identity.student, c.identity.name) for c in found] == [("7", "Jos\u0398")]
    json.dumps([c.as_json() for c in found], ensure_ascii=False).encode("utf-8")  # writable anywhere


def test_an_output_folder_inside_the_download_is_not_read_as_submissions(tmp_path):
    folder = tmp_path / "download"
    (folder / "grades" / "submissions" / "1").mkdir(parents=True)
    (folder / "grades" / "submissions" / "1" / "1.ipynb").write_bytes(RIGHT)
    (folder / f"smithbob_1_2_{NB}").write_bytes(RIGHT)
    found = prepare([folder], folder / "grades")[1]
    assert [(c.identity.lms, c.identity.student) for c in found] == [("canvas", "1")]


def test_a_symlink_in_an_unzipped_folder_refuses_it(tmp_path):
    folder = tmp_path / "download"
    folder.mkdir()
    (folder / f"smithbob_1_2_{NB}").write_bytes(RIGHT)
    (folder / f"mallory_3_4_{NB}").symlink_to(folder / f"smithbob_1_2_{NB}")
    with pytest.raises(TeacherError, match="is a symbolic link"):
        folder_entries(folder)


def _grade(arguments: list[str]) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "helpers.grade", *arguments]
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)


_GRADED: dict[str, Path] = {}


def graded(kind: str, factory: pytest.TempPathFactory) -> Path:
    """The output folder of a Canvas- or Moodle-style zip graded once through the command line."""
    if kind not in _GRADED:
        base = factory.mktemp(kind)
        source = make_zip(base / "submissions.zip", CANVAS if kind == "canvas" else MOODLE)
        if kind == "canvas":  # one name as a Windows tool stores it: cp437 bytes, no UTF-8 flag
            source.write_bytes(_renamed(source.read_bytes(), b"ghost", b"gh\x94st"))
        if kind == "moodle-folder":  # the same download, unzipped
            source = base / "unzipped"
            with zipfile.ZipFile(make_zip(base / "m.zip", MOODLE)) as archive:
                for info in archive.infolist():
                    target = source / info.filename
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(archive.read(info))
                    stamp = datetime.datetime(*info.date_time).timestamp()
                    os.utime(target, (stamp, stamp))  # as unzip restores them
        done = _grade([str(source), "--out", str(base / "grades"), "--workers", "2",
                       "--timeout", "30", "--quiet"])
        assert done.returncode == 0, done.stderr
        _GRADED[kind] = base / "grades"
    return _GRADED[kind]


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_a_canvas_zip_graded_end_to_end(tmp_path_factory):
    out = graded("canvas", tmp_path_factory)
    book = rows(out / "gradebook.csv")
    assert [(r["student"], r["name"], float(r["total"]), float(r["max"]), r["status"]) for r in book] == [
        ("12345", "smithbob", MAX, MAX, GRADED), ("23456", "núñezjosé", 0.0, MAX, GRADED),
        ("34567", "wangwei王伟", MAX, MAX, GRADED), ("99999", "ghöst", MAX, MAX, GRADED)]
    assert list(book[0])[:3] == ["student", "name", "01-fx"]
    results = {r["student"]: r for r in map(json.loads, map(Path.read_text, (out / "results").glob("*.json")))}
    wang = results["34567"]
    assert {k: wang["lms"][k] for k in ("system", "user_id", "name", "file", "late")} == {
        "system": "canvas", "user_id": "34567", "name": "wangwei王伟", "file": f"{LESSON}-1.ipynb",
        "late": False}
    assert f"{NB} was not graded: a newer file, {LESSON}-1.ipynb, counts." in wang["notes"]
    assert results["23456"]["lms"]["late"] and "Canvas marked this submission LATE." in results["23456"]["notes"]
    page = next((out / "feedback").glob("23456*.html")).read_text()
    assert "23456 (núñezjosé)" in page and "Canvas marked this submission LATE." in page
    assert sorted(p.name for p in (out / "submissions").iterdir()) == ["12345", "23456", "34567", "99999"]


@pytest.mark.parametrize("kind", ["moodle", "moodle-folder"])
def test_a_moodle_zip_or_its_folder_graded_end_to_end(tmp_path_factory, kind):
    out = graded(kind, tmp_path_factory)
    book = rows(out / "gradebook.csv")
    assert [(r["student"], r["name"], float(r["total"]), r["status"]) for r in book] == [
        ("101", "Ana María López", MAX, GRADED), ("102", "Bob Smith", 0.0, GRADED)]
    bob = json.loads(next(p for p in (out / "results").glob("*.json") if "102" in p.name).read_text())
    assert bob["lms"]["system"] == "moodle" and bob["lms"]["file"] == f"{LESSON} (final).ipynb"


def test_grading_the_same_zip_again_resumes(tmp_path_factory):
    out = graded("canvas", tmp_path_factory)
    stamps = {p.name: p.stat().st_mtime_ns for p in (out / "results").iterdir()}
    done = _grade([str(out.parent / "submissions.zip"), "--out", str(out), "--workers", "2", "--quiet"])
    assert done.returncode == 0, done.stderr
    assert {p.name: p.stat().st_mtime_ns for p in (out / "results").iterdir()} == stamps
    assert [r["student"] for r in rows(out / "gradebook.csv")] == ["12345", "23456", "34567", "99999"]
    late = json.loads(next((out / "results").glob("23456*.json")).read_text())
    assert late["notes"].count("Canvas marked this submission LATE.") == 1


def test_a_release_zip_holds_exactly_the_release_folder(tmp_path, capsys):
    out = tmp_path / "release-01"
    assert main(["release", LESSON, "--out", str(out), "--zip"]) == 0
    assert f"{out.parent / 'release-01.zip'}" in capsys.readouterr().out
    with zipfile.ZipFile(tmp_path / "release-01.zip") as archive:
        names = archive.namelist()
        assert archive.read(f"release-01/{NB}") == (out / NB).read_bytes()
    files = sorted(f"release-01/{p.relative_to(out).as_posix()}" for p in out.rglob("*") if p.is_file())
    assert names == files
    assert not [n for n in names if "keys" in n or n.endswith(".json") or "grading" in n]
    assert len(zip_entries(tmp_path / "release-01.zip")) == len(files)  # passes our own checks


def test_a_roster_release_zips_each_students_folder(tmp_path, capsys):
    (tmp_path / "roster.csv").write_text("id,name\n12345,Bob Smith\nana,Ana Lima\n")
    out = tmp_path / "release"
    assert main(["release", LESSON, "--out", str(out), "--roster", str(tmp_path / "roster.csv"),
                 "--secret-file", str(tmp_path / "secret.txt"), "--zip"]) == 0
    assert "each also zipped beside its folder" in capsys.readouterr().out
    folders = sorted(f for f in (out / "students").iterdir() if f.is_dir())
    assert len(folders) == 2
    for folder in folders:
        with zipfile.ZipFile(folder.parent / f"{folder.name}.zip") as archive:
            assert archive.read(f"{folder.name}/{NB}") == (folder / NB).read_bytes()
            assert not [n for n in archive.namelist() if "keys" in n or "secret" in n]
