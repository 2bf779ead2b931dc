"""No file a submission can reach holds key material, whether the course is installed editable or not.

The search runs inside the sandbox, as a submission: ``grep`` reads every file under
every top-level folder it can see (all but /proc, /sys and /dev), for every key answer
of every lesson that is specific enough to be found by text: each formula as a quoted
string, each number and vector entry that is not a simple fraction or its square root. A copy of the course
installed with ``pip install .`` (helpers/ with helpers/keys/ in a site-packages
folder on the path) is made for the test. Two canaries prove the search reads what
it should: one line of the staged grading code, and a file next to the installed copy.
"""

import ast
import json
import shutil
import sys
from fractions import Fraction

import pytest
from gradekit import ROOT

from helpers.grading.notebook import Plan
from helpers.grading.sandbox import Limits, Sandbox, _bwrap_command, bwrap_works, course_copies

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="without bubblewrap every file is readable")

CANARY_LIB = "The warm fork server: one sandboxed process forks one child per submission."
CANARY_SITE = "canary-" + "7f3e9c" * 3  # built at run time: not a literal in any file


def _near_fraction(value: float) -> bool:
    return abs(float(Fraction(value).limit_denominator(1000)) - value) < 1e-12 * max(1.0, abs(value))


def _simple(value: float) -> bool:
    """A simple fraction or the square root of one: such numbers are in any library's tests."""
    return _near_fraction(value) or _near_fraction(value * value)


def key_needles() -> list[str]:
    """Texts that only a key holds, from every lesson's key."""
    needles = set()
    for path in sorted((ROOT / "helpers" / "keys").glob("*.json")):
        for answer in json.loads(path.read_text(encoding="utf-8"))["answers"].values():
            kind, value = answer["type"], answer.get("value")
            if kind == "expr":
                needles |= {f'"{answer["text"]}"', f"'{answer['text']}'"}
            elif kind == "number" and isinstance(value, float) and not _simple(value):
                needles.add(repr(value))
            elif kind == "array":
                needles |= {repr(v) for v in value if isinstance(v, float) and not _simple(v)}
    return sorted(needles)


def search_probe(needles: list[str]) -> Plan:
    source = (
        "import os, subprocess\n"
        "roots = ['/' + d for d in sorted(os.listdir('/')) if d not in ('proc', 'sys', 'dev')]\n"
        f"needles = {needles!r}\n"
        "args = ['grep', '-rlsF'] + [a for n in needles for a in ('-e', n)] + roots\n"
        "run = subprocess.run(args, capture_output=True, timeout=280)\n"
        "result = repr((run.returncode, sorted(run.stdout.decode(errors='replace').split('\\n')[:-1])))\n"
    )
    return Plan([{"number": 1, "source": source,
                  "capture": {"grade_id": "01-fx", "answer": "result"}}])


@pytest.fixture()
def installed_copy(tmp_path, monkeypatch):
    """``pip install .`` as it lays out the package: helpers/ (keys included) in site-packages."""
    site = tmp_path / "venv" / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    shutil.copytree(ROOT / "helpers", site / "helpers",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (site / "canary.txt").write_text(CANARY_SITE + "\n")
    for path in [tmp_path, *tmp_path.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    monkeypatch.syspath_prepend(str(site))
    return site


def test_the_needles_are_key_answers_and_found_in_the_keys():
    needles = key_needles()
    assert len(needles) >= 20
    keys = "".join(p.read_text() for p in (ROOT / "helpers" / "keys").glob("*.json"))
    assert all(n in keys or n.replace("'", '"') in keys for n in needles)


def test_an_installed_copy_is_found_and_covered_in_both_modes(installed_copy, tmp_path):
    assert installed_copy / "helpers" in course_copies([tmp_path])
    for root_mode in (True, False):
        command = _bwrap_command(tmp_path / "lib", 3, root_mode, 64, 10**6)
        covered = [command[i + 1] for i, a in enumerate(command) if a == "--tmpfs"]
        assert str((installed_copy / "helpers").resolve()) in covered


KEY_MAKERS = ("helpers.templates", "helpers.templates.practice", "helpers.generate", "helpers.grading.versions")


def test_no_module_that_computes_keys_can_be_imported_in_the_sandbox():
    probe = ("import importlib.util\n"
             "def found(name):\n"
             "    try:\n"
             "        return importlib.util.find_spec(name) is not None\n"
             "    except ModuleNotFoundError:  # its package is not there either\n"
             "        return False\n"
             f"result = repr([m for m in {KEY_MAKERS!r} if found(m)])")
    plan = Plan([{"number": 1, "source": probe, "capture": {"grade_id": "01-fx", "answer": "result"}}])
    with Sandbox("bwrap", slots=1) as box:
        job = box.run(plan, Limits(wall=30))
    answers = [e["answer"] for e in job.events if isinstance(e, dict) and e.get("e") == "answer"]
    assert [a["value"] for a in answers] == ["[]"]


def test_no_file_reachable_from_the_sandbox_holds_a_key_answer(installed_copy):
    needles = key_needles() + [CANARY_LIB, CANARY_SITE]
    with Sandbox("bwrap", slots=1) as box:
        job = box.run(search_probe(needles), Limits(wall=300, cpu=300, memory_mb=1024))
    answers = [e["answer"] for e in job.events if isinstance(e, dict) and e.get("e") == "answer"]
    assert answers, job.events
    code, found = ast.literal_eval(answers[-1]["value"])
    assert code in (0, 2)  # 0: found something (the canaries); 2: also some unreadable files
    assert found == ["/grader/lib/helpers/grading/forkserver.py",
                     str(installed_copy.resolve() / "canary.txt")]
