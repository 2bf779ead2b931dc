"""Who handed in what: symlinks, other lessons, one row per student, ids kept as handed in."""

import csv
import json
import os
from pathlib import Path

import pytest
from gradekit import LESSON, MAX, ROOT, WRONG, load, variant

from helpers.grading import GRADED, INVALID
from helpers.grading.batch import Options, grade
from helpers.grading.sandbox import Limits
from helpers.grading.submissions import file_stem

SOLUTION_02 = ROOT / "solutions" / "02-gradient.ipynb"


def put(folder: Path, relative: str, notebook: dict) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def grade_folder(folder: Path, out: Path, **options) -> dict[str, dict]:
    limits = Limits(wall=20, cpu=20, memory_mb=512)
    summary = grade(Options([folder], out, ROOT / "solutions", workers=2, limits=limits,
                            progress=None, **options))
    return {r["student"]: r for r in summary["records"]}


def rows_of(out: Path) -> list[dict[str, str]]:
    with (out / "gradebook.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """Item 2: symbolic links in the class folder, as unzip and tar restore them."""
    tmp = tmp_path_factory.mktemp("links")
    folder = tmp / "class"
    alice = put(folder, f"alice/{LESSON}.ipynb", load())
    put(folder, f"bob/{LESSON}.ipynb", variant(answers=WRONG))
    (folder / "mallory").mkdir()
    (folder / "mallory" / f"{LESSON}.ipynb").symlink_to(Path("..") / "alice" / alice.name)
    (folder / "eve.ipynb").symlink_to(ROOT / "solutions" / f"{LESSON}.ipynb")
    (folder / "trudy").symlink_to(folder / "alice", target_is_directory=True)
    return tmp / "out", grade_folder(folder, tmp / "out")


def test_symlinked_submissions_are_refused_with_a_row(linked):
    out, records = linked
    assert sorted(records) == ["alice", "bob", "eve", "mallory", "trudy"]
    assert (records["alice"]["status"], records["alice"]["score"]) == (GRADED, MAX)
    assert (records["bob"]["status"], records["bob"]["score"]) == (GRADED, 0.0)
    for name, where in [("mallory", f"mallory/{LESSON}.ipynb"), ("eve", "eve.ipynb"),
                        ("trudy", "trudy")]:
        record = records[name]
        assert (record["status"], record["score"], record["max_score"]) == (INVALID, 0.0, MAX)
        assert record["reason"] == (f"it is a symbolic link ({where}), not a notebook handed in; "
                                    "links are never followed")
    assert [r["student"] for r in rows_of(out)] == ["alice", "bob", "eve", "mallory", "trudy"]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Item 3 and one row per student (item 7): other lessons and many files."""
    tmp = tmp_path_factory.mktemp("mixed")
    folder = tmp / "class"
    put(folder, "alice.ipynb", load())
    put(folder, f"bob/{LESSON}.ipynb", variant(answers=WRONG))
    put(folder, "mallory/02-gradient.ipynb", json.loads(SOLUTION_02.read_text()))
    put(folder, "oscar.ipynb", json.loads(SOLUTION_02.read_text()))
    put(folder, f"hoarder/{LESSON}.ipynb", load())
    for i in range(1000):
        (folder / "hoarder" / f"copy-{i:03}.ipynb").write_text("{}")
    for i in range(40):
        put(folder, f"packrat/scratch-{i:02}.ipynb", load())
    return tmp, grade_folder(folder, tmp / "out")


def test_another_lessons_notebook_is_invalid_in_this_batch(mixed):
    _, records = mixed
    for name in ("mallory", "oscar"):
        record = records[name]
        assert (record["status"], record["score"], record["max_score"]) == (INVALID, 0.0, MAX)
        assert record["reason"] == "this is the notebook for lesson 02, expected 01"
        assert record["lesson"] == LESSON
    assert (records["alice"]["status"], records["alice"]["score"]) == (GRADED, MAX)
    assert (records["bob"]["status"], records["bob"]["score"]) == (GRADED, 0.0)


def test_the_lesson_option_fixes_the_batch_lesson(tmp_path):
    folder = tmp_path / "class"
    put(folder, "alice.ipynb", load())
    put(folder, "mallory/02-gradient.ipynb", json.loads(SOLUTION_02.read_text()))
    put(folder, "oscar/02-gradient.ipynb", json.loads(SOLUTION_02.read_text()))
    records = grade_folder(folder, tmp_path / "out", lesson=LESSON)
    assert (records["alice"]["status"], records["alice"]["score"]) == (GRADED, MAX)
    assert [records[n]["status"] for n in ("mallory", "oscar")] == [INVALID, INVALID]
    assert records["oscar"]["reason"] == "this is the notebook for lesson 02, expected 01"


def test_each_student_has_exactly_one_row(mixed):
    tmp, records = mixed
    assert sorted(records) == ["alice", "bob", "hoarder", "mallory", "oscar", "packrat"]
    assert [r["student"] for r in rows_of(tmp / "out")] == sorted(records)
    hoarder = records["hoarder"]
    assert (hoarder["status"], hoarder["score"]) == (GRADED, MAX)
    assert hoarder["notes"] == ["1000 other notebook(s) handed in were not graded: copy-000.ipynb, "
                                "copy-001.ipynb, copy-002.ipynb, copy-003.ipynb, copy-004.ipynb "
                                "and 995 more"]
    packrat = records["packrat"]
    assert (packrat["status"], packrat["score"]) == (INVALID, 0.0)
    assert packrat["reason"].startswith(f"40 notebooks were handed in and none is named for lesson "
                                        f"{LESSON} ({LESSON}.ipynb), so none was graded: ")
    assert len(list((tmp / "out" / "results").glob("*.json"))) == 6


NAMES = {"José Ñúñez": "folder", "王伟": "wrong", "李娜": "right", "alice": "right",
         "alice.": "wrong", "Alice": "right"}


def _unicode_class(folder: Path) -> None:
    for name, kind in NAMES.items():
        notebook = load() if kind != "wrong" else variant(answers=WRONG)
        put(folder, f"{name}/{LESSON}.ipynb" if kind == "folder" else f"{name}.ipynb", notebook)


@pytest.mark.skipif(os.uname().sysname == "Darwin", reason="needs a case-sensitive file system")
def test_student_ids_are_kept_as_handed_in_and_files_never_collide(tmp_path):
    folder, out = tmp_path / "class", tmp_path / "out"
    _unicode_class(folder)
    records = grade_folder(folder, out)
    assert sorted(records) == sorted(NAMES)
    for name, kind in NAMES.items():
        assert records[name]["score"] == (0.0 if kind == "wrong" else MAX), name
    assert sorted(r["student"] for r in rows_of(out)) == sorted(NAMES)
    stems = {name: file_stem(name) for name in NAMES}
    assert len({s.lower() for s in stems.values()}) == len(NAMES)  # distinct, even ignoring case
    for name, stem in stems.items():
        result = json.loads((out / "results" / f"{stem}.json").read_text(encoding="utf-8"))
        assert result["student"] == name
        page = (out / "feedback" / f"{stem}.html").read_text(encoding="utf-8")
        assert f"Feedback on {LESSON}: {name}</h1>" in page
    assert stems["alice"] == "alice"
    before = sorted(p.name for p in (out / "results").iterdir())
    again = grade_folder(folder, out, force=True)  # the same students map to the same files
    assert sorted(p.name for p in (out / "results").iterdir()) == before
    assert {n: r["score"] for n, r in again.items()} == {n: r["score"] for n, r in records.items()}
