"""Hostile submissions: each gets its exact status and score, wrong answers score zero.

One batch grades them all (2 workers, 5 s wall clock, 256 MB), the way a
teacher would meet them in a class folder.
"""

import os
import re
from pathlib import Path

import pytest
from gradekit import EXERCISE, MAX, POINTS, ROOT, WRONG, load, points, run_batch, source, variant

from helpers.grading import CRASHED, GRADED, OUT_OF_MEMORY, TIMED_OUT
from helpers.grading.sandbox import bwrap_works

ROOT_SANDBOX = bwrap_works() and os.geteuid() == 0
FIRST_TWO = POINTS["01-fx"] + POINTS["01-fy"]

ANYTHING = '''class Anything:
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = object.__hash__
class SneakySymbol(sp.Symbol):
    def __eq__(self, other):
        return True
    __hash__ = sp.Symbol.__hash__
class SneakyText(str):
    def __eq__(self, other):
        return True
    __hash__ = str.__hash__
class SneakyFloat(float):
    def __eq__(self, other):
        return True
    __hash__ = float.__hash__
'''
ALWAYS_EQUAL = {
    "01-fx": "fx = Anything()", "01-fy": "fy = SneakySymbol('fy')", "01-gy": "gy = [Anything()]",
    "01-qx": "qx = SneakySymbol('w') + 1", "01-hx-value": "hx_value = SneakyFloat(1.0)",
    "01-wz": "wz = SneakyText('x**2*z**3')", "01-fxy": "fxy = Anything()",
    "01-forward-difference": "estimate = SneakyFloat(4.0)", "01-larger": "larger = SneakyText('equal')",
}
MONKEYPATCH = '''import json, numpy, sympy
import helpers.answers, helpers.checks, helpers.symbolic
import helpers.grading.runner as runner
correct = helpers.answers.Verdict(1.0, "correct", "Correct.")
helpers.answers.judge = lambda *args, **kwargs: correct
helpers.answers.encode = lambda value: {"type": "text", "value": "anything"}
runner.encode = helpers.answers.encode
helpers.symbolic.equivalent = lambda *args, **kwargs: True
helpers.checks.check = lambda *args, **kwargs: "correct"
sympy.simplify = lambda *args, **kwargs: sympy.Integer(0)
sympy.Expr.equals = lambda self, other, *args, **kwargs: True
numpy.allclose = lambda *args, **kwargs: True
numpy.isclose = lambda *args, **kwargs: True
json.dumps = lambda *args, **kwargs: "{}"
'''
WRONG_TYPES = {
    "01-fx": "fx = float('nan')", "01-fy": "fy = float('inf')", "01-gy": "gy = None",
    "01-qx": "qx = [1, 2]", "01-hx-value": "hx_value = 'two point four'", "01-wz": "wz = {'z': 3}",
    "01-fxy": "fxy = sp.nan", "01-forward-difference": "estimate = float('-inf')",
    "01-larger": "larger = 42",
}
RAISES = {
    "01-fx": "fx = 1/0",
    "01-fy": "fy = undefined_name",
    "01-gy": "class Weird(Exception):\n    def __str__(self):\n        raise RuntimeError\nraise Weird()",
}
SPY = f'''import glob, os, socket, sys
import helpers.checks
found = []
for path in [{str(ROOT / "solutions")!r}, {str(ROOT / "helpers" / "keys")!r},
             {str(ROOT / "exercises")!r}, str(helpers.checks.KEY_FOLDER)]:
    if os.path.exists(path):
        found.append(path)
for folder in sys.path:
    found += glob.glob(os.path.join(folder, "helpers", "keys", "*"))
found += glob.glob("/tmp/**/*.ipynb", recursive=True) + glob.glob("/grader/**/*.json", recursive=True)
if helpers.checks.load_key("01") is not None:
    found.append("load_key")
for pid in filter(str.isdigit, os.listdir("/proc")):
    for part in ("mem", "environ"):
        if int(pid) != os.getpid():
            try:
                open(f"/proc/{{pid}}/{{part}}", "rb").close()
                found.append(f"/proc/{{pid}}/{{part}}")
            except OSError:
                pass
try:
    socket.create_connection(("1.1.1.1", 53), timeout=1)
    found.append("network")
except OSError:
    pass
fx = " ".join(found) or "nothing"
'''
FORK_BOMB = ("import os, time\nchildren = 0\ntry:\n    while True:\n        if os.fork() == 0:\n"
             "            while True:\n                time.sleep(1)\n        children += 1\n"
             "except OSError:\n    pass\n")
PRINTER = ("print('spam' * 10**7)\nfor i in range(10**5):\n    print(i)\n"
           "import os, sys\nos.write(1, b'y' * 10**7)\nsys.stderr.write('e' * 10**7)")

SUBMISSIONS = {
    "correct": load(),
    "blank": load(EXERCISE),
    "wrong": variant(answers=WRONG),
    "loop": variant(after={"01-fy": "while True:\n    pass"}),
    "membomb": variant(answers={"01-fx": 'fx = "x" * 2**40'}),
    "forkbomb": variant(first=FORK_BOMB),
    "osexit": variant(after={"01-fy": "import os\nos._exit(0)"}),
    "sysexit": variant(answers={"01-fx": "fx = 3*x**2*y**2 - 4*y\nraise SystemExit"},
                       after={"01-fy": "import sys\nsys.exit(3)"}),
    "flood": variant(after={"01-fy": "import os\nos.write(4, b'x' * (20 * 2**20))"}),
    "printer": variant(first=PRINTER),
    "raises": variant(answers=RAISES),
    "alwaysequal": variant(answers=ALWAYS_EQUAL, first=ANYTHING),
    "monkeypatch": variant(answers=WRONG, first=MONKEYPATCH),
    "types": variant(answers=WRONG_TYPES),
}
if bwrap_works():
    SUBMISSIONS["spy"] = variant(answers={**WRONG, "01-fx": SPY})
if ROOT_SANDBOX:
    SUBMISSIONS["killall"] = variant(after={"01-fy": "import os, signal\nos.kill(-1, signal.SIGKILL)"})


def cell_number(name: str, text: str) -> int:
    """1-based position of the cell of ``name`` whose source starts with ``text``."""
    return cell_number_in(SUBMISSIONS[name], text)


def cell_number_in(notebook: dict, text: str) -> int:
    """1-based position of the cell of ``notebook`` whose source starts with ``text``."""
    return next(i + 1 for i, c in enumerate(notebook["cells"]) if source(c).startswith(text))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return run_batch(tmp_path_factory.mktemp("hostile"), SUBMISSIONS, timeout=5, memory=256)


def check(record, status, score, zero=(), reason=None):
    assert (record["status"], record["score"]) == (status, score)
    earned = points(record)
    assert all(earned[q] == 0.0 for q in zero)
    if reason is not None:
        assert record["reason"] == reason


def test_correct_and_blank_and_wrong(graded):
    check(graded["correct"], GRADED, MAX, reason="")
    check(graded["blank"], GRADED, 0.0, zero=POINTS)
    assert {q["verdict"] for q in graded["blank"]["questions"]} == {"not answered"}
    check(graded["wrong"], GRADED, 0.0, zero=POINTS)
    assert {q["verdict"] for q in graded["wrong"]["questions"]} == {"incorrect"}


def test_infinite_loop_times_out_and_keeps_earlier_answers(graded):
    n = cell_number("loop", "while True")
    check(graded["loop"], TIMED_OUT, FIRST_TWO,
          reason=f"it was still running after 5 s (in cell {n}: while True:), so it was stopped")
    later = [q for q in graded["loop"]["questions"] if q["id"] not in ("01-fx", "01-fy")]
    assert {q["verdict"] for q in later} == {"not run"}


def test_memory_bomb_runs_out_of_memory(graded):
    n = cell_number("membomb", 'fx = "x"')
    check(graded["membomb"], OUT_OF_MEMORY, MAX - POINTS["01-fx"], zero=["01-fx"],
          reason=f"cell {n} tried to use more than 256 MB of memory")
    fx = graded["membomb"]["questions"][0]
    assert fx["error"] == "MemoryError: the cell ran out of memory"
    assert fx["message"] == "The answer cell stopped with an error before fx got a value."


def test_fork_bomb_is_contained_and_cleaned_up(graded):
    check(graded["forkbomb"], GRADED, MAX, reason="")
    if ROOT_SANDBOX:
        left = []
        for entry in filter(str.isdigit, os.listdir("/proc")):
            try:
                status = Path(f"/proc/{entry}/status").read_text()
            except OSError:
                continue
            low = int(re.search(r"\(uids (\d+)-", graded["forkbomb"]["sandbox"]).group(1))
            if low <= int(re.search(r"^Uid:\s+(\d+)", status, re.M).group(1)) < low + 256:
                left.append(entry)
        assert left == []


def test_os_exit_is_a_crash_that_keeps_earlier_answers(graded):
    n = cell_number("osexit", "import os\nos._exit")
    check(graded["osexit"], CRASHED, FIRST_TWO,
          reason=f"it ended its own process (exit code 0) (in cell {n}: import os) "
                 "before the notebook finished")


def test_sys_exit_is_only_an_error_in_its_cell(graded):
    check(graded["sysexit"], GRADED, MAX, reason="")
    assert graded["sysexit"]["questions"][0]["error"] == "the cell called exit() or sys.exit()"


def test_flooding_the_answer_channel_is_a_crash(graded):
    n = cell_number("flood", "import os\nos.write(4")
    check(graded["flood"], CRASHED, FIRST_TWO,
          reason=f"it sent back more than 8 MB of answers (in cell {n}: import os)")


def test_gigantic_printed_output_is_discarded(graded):
    check(graded["printer"], GRADED, MAX, reason="")


def test_exceptions_cost_only_their_questions(graded):
    broken = ["01-fx", "01-fy", "01-gy"]
    check(graded["raises"], GRADED, MAX - sum(POINTS[q] for q in broken), zero=broken)
    errors = [q["error"] for q in graded["raises"]["questions"][:3]]
    assert errors == ["ZeroDivisionError: division by zero",
                      "NameError: name 'undefined_name' is not defined",
                      "an error that could not be described"]


def test_objects_that_equal_everything_score_zero(graded):
    check(graded["alwaysequal"], GRADED, 0.0, zero=POINTS)


def test_monkeypatched_libraries_do_not_change_the_verdicts(graded):
    check(graded["monkeypatch"], GRADED, 0.0, zero=POINTS)
    assert {q["verdict"] for q in graded["monkeypatch"]["questions"]} == {"incorrect"}


def test_nan_inf_and_wrong_types_score_zero(graded):
    check(graded["types"], GRADED, 0.0, zero=POINTS)
    assert {q["verdict"] for q in graded["types"]["questions"]} <= {"invalid", "incorrect"}


@pytest.mark.skipif(not bwrap_works(), reason="without a sandbox the files are readable")
def test_a_spy_finds_no_key_no_solutions_and_no_network(graded):
    check(graded["spy"], GRADED, 0.0, zero=POINTS)
    assert graded["spy"]["questions"][0]["answer"] == "'nothing'"


@pytest.mark.skipif(not ROOT_SANDBOX, reason="needs one user per submission")
def test_killing_every_process_it_can_harms_no_one(graded):
    check(graded["killall"], GRADED, MAX, reason="")  # Linux spares the caller of kill(-1)
    check(graded["correct"], GRADED, MAX)


def test_a_submission_that_kills_the_server_reruns_alone_then_crashes(tmp_path):
    """Without a sandbox, a submission tries to kill the fork server that runs it.

    With a PID namespace of its own (where the kernel allows it), its parent is its own
    namespace's init, which ignores the signal, and the server is out of its reach: the
    sleep that follows runs into the time limit. Without one, as root the grader runs each
    submission as its own unprivileged user, which may not signal the server: the attempt
    fails in that cell and the rest is graded; as an ordinary user the kill succeeds: the
    server restarts, in-flight work reruns alone, and only the killer crashes.
    """
    # The sleep holds the child until the dying server takes it along, so no later answer is reached.
    killer = variant(after={"01-fy": "import os, signal, time\nos.kill(os.getppid(), signal.SIGKILL)\ntime.sleep(60)"})
    records = run_batch(tmp_path, {"killer": killer, "innocent": load()}, timeout=8,
                        isolation="none")
    if "namespaces of its own" in records["innocent"]["sandbox"]:
        n = cell_number_in(killer, "import os, signal, time")
        check(records["killer"], TIMED_OUT, FIRST_TWO,
              reason=f"it was still running after 8 s (in cell {n}: import os, signal, time), "
                     "so it was stopped")
    elif os.geteuid() == 0:
        check(records["killer"], GRADED, MAX, reason="")
    else:
        check(records["killer"], CRASHED, FIRST_TWO, reason="it stopped the grading sandbox itself")
    check(records["innocent"], GRADED, MAX, reason="")
    assert records["innocent"]["sandbox"].startswith("NO SANDBOX")


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give each submission its own user")
def test_without_a_sandbox_killing_every_process_still_harms_no_one(tmp_path):
    """As root and without bubblewrap, a submission still runs as its own user: kill(-1) hits only itself."""
    killall = variant(after={"01-fy": "import os, signal\nos.kill(-1, signal.SIGKILL)"})
    records = run_batch(tmp_path, {"killall": killall, "innocent": load()}, timeout=20, isolation="none")
    check(records["killall"], GRADED, MAX, reason="")
    check(records["innocent"], GRADED, MAX, reason="")
    assert "each as its own unprivileged user" in records["innocent"]["sandbox"]
