"""The sandbox: isolation, limits, and a fork server that never holds the key."""

import os
import re
import signal
import time
from pathlib import Path

import pytest
from gradekit import ROOT

from helpers.grading import OUT_OF_MEMORY, TIMED_OUT
from helpers.grading.notebook import Plan
from helpers.grading.outcome import outcome
from helpers.grading.sandbox import Limits, Sandbox, bwrap_works

BWRAP = bwrap_works()
needs_bwrap = pytest.mark.skipif(not BWRAP, reason="bubblewrap cannot create a sandbox here")
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="per-submission users need root")


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox("auto", slots=2) as box:
        box.wait_ready()
        yield box


def plan(*sources: str, capture: str | None = "result") -> Plan:
    cells = [{"number": i + 1, "source": s, "capture": None} for i, s in enumerate(sources)]
    if capture:
        cells[-1]["capture"] = {"grade_id": "01-fx", "answer": capture}
    return Plan(cells)


def answer(job) -> object:
    found = [e["answer"] for e in job.events if e["e"] == "answer"]
    assert found, job.events
    encoded = found[-1]
    return encoded.get("value", encoded.get("text"))


def errors_of(job) -> list[str]:
    return [e["error"] for e in job.events if e["e"] == "ran" and e["error"]]


def host_pids_of_uid_range(low: int, high: int) -> list[int]:
    pids = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            uid = int(re.search(r"^Uid:\s+(\d+)", Path(f"/proc/{entry}/status").read_text(),
                                re.M).group(1))
        except (OSError, AttributeError):
            continue
        if low <= uid < high:
            pids.append(int(entry))
    return pids


def test_answers_stream_back_as_plain_json(sandbox):
    job = sandbox.run(plan("import sympy as sp\nx, y = sp.symbols('x y')",
                           "result = 6*x*y - 2"), Limits(wall=20))
    assert job.exit["code"] == 0 and not job.exit["timed_out"]
    assert [e["e"] for e in job.events] == ["cell", "ran", "cell", "ran", "answer", "done"]
    assert job.events[4]["answer"] == {"type": "expr", "text": "6*x*y - 2"}
    assert outcome(job) == ("graded", "")


def test_ipython_syntax_runs_and_magics_do_nothing(sandbox):
    job = sandbox.run(plan("%matplotlib widget\n!rm -rf /\nresult = 1",
                           "%%time\nresult = 2 + result"), Limits(wall=20))
    assert answer(job) == 3.0
    assert errors_of(job) == []


@needs_bwrap
def test_the_repository_solutions_and_keys_are_not_mounted(sandbox):
    probe = (f"import os, glob, helpers.checks\n"
             f"seen = [p for p in [{str(ROOT / 'solutions')!r}, {str(ROOT / 'helpers')!r}, "
             f"{str(ROOT / 'README.md')!r}, '/grader/lib/helpers/keys'] if os.path.exists(p)]\n"
             f"seen += glob.glob('/grader/**/*.json', recursive=True)\n"
             f"seen += glob.glob('/tmp/**/*.ipynb', recursive=True)\n"
             f"seen += [str(helpers.checks.KEY_FOLDER)] if helpers.checks.KEY_FOLDER.exists() else []\n"
             f"seen += ['load_key'] if helpers.checks.load_key('01') is not None else []\n"
             f"result = repr(seen)")
    job = sandbox.run(plan(probe), Limits(wall=20))
    assert answer(job) == "[]"


@needs_bwrap
def test_there_is_no_network(sandbox):
    probe = ("import socket\ntry:\n    socket.create_connection(('1.1.1.1', 53), timeout=2)\n"
             "    result = 'connected'\nexcept OSError as exc:\n    result = type(exc).__name__")
    assert answer(sandbox.run(plan(probe), Limits(wall=20))) != "connected"


def test_environment_is_scrubbed_and_the_directory_fresh(sandbox):
    probe = ("import os\nresult = repr((sorted(os.environ), os.listdir('.'), "
             "os.environ['HOME'] == os.getcwd()))")
    job = sandbox.run(plan("open('left-behind', 'w').write('x')", probe), Limits(wall=20))
    assert answer(job) == repr((["HOME", "LANG", "MPLBACKEND", "PATH", "TMPDIR"],
                                ["left-behind"], True))
    job = sandbox.run(plan("import os\nresult = repr(os.listdir('.'))"), Limits(wall=20))
    assert answer(job) == "[]"


@needs_bwrap
@as_root
def test_each_submission_is_an_unprivileged_user_that_cannot_signal_the_server(sandbox):
    probe = ("import os\nuid = os.getuid()\n"
             "caps = [l for l in open('/proc/self/status') if l.startswith('CapEff')][0].split()[1]\n"
             "result = f'{uid} {os.getpid()} {os.getppid()} {caps}'")
    uid, pid, parent, caps = answer(sandbox.run(plan(probe), Limits(wall=20))).split()
    assert sandbox.uid_base <= int(uid) < sandbox.uid_base + 256
    assert caps == "0000000000000000"
    if sandbox.ready["namespaces"]:  # process 2 under its own init: the server is not addressable
        assert (pid, parent) == ("2", "1")


def test_the_wall_clock_limit_kills_the_whole_process_group(sandbox):
    job = sandbox.run(plan("import os, time\nif os.fork() == 0:\n    time.sleep(600)\n"
                           "while True:\n    pass", capture=None), Limits(wall=1.0))
    assert job.exit["timed_out"] and job.exit["signal"] == signal.SIGKILL
    assert outcome(job) == (TIMED_OUT, "it was still running after 1 s (in cell 1), "
                                       "so it was stopped")
    if sandbox.root_mode:
        time.sleep(0.2)
        assert host_pids_of_uid_range(sandbox.uid_base, sandbox.uid_base + 256) == []


def test_the_cpu_limit_stops_a_busy_loop(sandbox):
    job = sandbox.run(plan("while True:\n    pass", capture=None), Limits(wall=30, cpu=1))
    assert not job.exit["timed_out"]
    assert outcome(job) == (TIMED_OUT, "it used more than 1 s of CPU time (in cell 1), "
                                       "so it was stopped")


def test_memory_beyond_the_limit_raises_and_is_reported(sandbox):
    job = sandbox.run(plan("block = bytearray(600 * 2**20)", "result = 1"),
                      Limits(wall=20, memory_mb=256))
    assert [e["n"] for e in job.events if e["e"] == "ran" and e["oom"]] == [1]
    assert answer(job) == 1.0  # later cells still ran
    assert outcome(job) == (OUT_OF_MEMORY, "cell 1 tried to use more than 256 MB of memory")


def test_the_process_count_is_limited(sandbox):
    bomb = ("import os, time\nresult = 0\ntry:\n    while True:\n        if os.fork() == 0:\n"
            "            time.sleep(600)\n        result += 1\nexcept OSError:\n    pass")
    job = sandbox.run(plan(bomb), Limits(wall=20, nproc=20))
    assert 0 < answer(job) < 20
    assert outcome(job) == ("graded", "")


def test_files_are_limited_in_size(sandbox):
    job = sandbox.run(plan("open('big', 'wb').write(b'x' * (3 * 2**20))", capture=None),
                      Limits(wall=20, fsize_mb=1))
    assert errors_of(job) == ["OSError: [Errno 27] File too large"]


def test_answer_output_beyond_the_cap_stops_the_job(sandbox):
    job = sandbox.run(plan("import os\nos.write(4, b'x' * (4 * 2**20))\nresult = 1"),
                      Limits(wall=20, output_mb=1))
    assert job.overflow and len(job.data) == 2**20
    assert outcome(job)[0] == "crashed"


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _children(pid: int) -> list[int]:
    out = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            if _parent(int(entry)) == pid:
                out.append(int(entry))
        except OSError:
            continue
    return out


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        children = _children(todo.pop())
        found += children
        todo += children
    return found


def _server_pid(sandbox) -> int:
    """The fork server: the first Python process under the launcher."""
    todo = [sandbox.process.pid]
    while todo:
        pid = todo.pop(0)
        if "python" in os.readlink(f"/proc/{pid}/exe"):
            return pid
        todo += _children(pid)
    raise AssertionError("no fork server found")


def _memory_holds(pid: int, needle: bytes) -> bool:
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            span, perms = line.split()[:2]
            if "r" not in perms or "[vvar" in line or "[vsyscall" in line:
                continue
            start, end = (int(x, 16) for x in span.split("-"))
            try:
                mem.seek(start)
                if needle in mem.read(end - start):
                    return True
            except (OSError, OverflowError, ValueError):
                continue
    return False


@pytest.mark.skipif(os.geteuid() != 0, reason="reading another process's memory needs root")
def test_the_fork_server_never_holds_what_a_key_run_computed(sandbox):
    secret = "KEYMARK" + "ER-7d1e5a" * 3  # built at run time: not a literal in this file
    key_run = plan(f"result = {secret!r} * 2  # a solution answer")
    sleeper = plan(f"import time\nheld = {secret!r} + '!'\ntime.sleep(30)", capture=None)
    assert answer(sandbox.run(key_run, Limits(wall=20))) == secret * 2
    server = _server_pid(sandbox)
    assert not _memory_holds(server, (secret * 2).encode())
    assert not _memory_holds(server, secret.encode())
    # the scan works: a live submission that holds the text is found to hold it
    sandbox.submit("sleeper", sleeper, Limits(wall=20))
    deadline = time.monotonic() + 10
    while len(_descendants(server)) < 3 and time.monotonic() < deadline:  # child, init, worker
        time.sleep(0.05)
    time.sleep(0.5)
    assert any(_memory_holds(pid, (secret + "!").encode()) for pid in _descendants(server))
    sandbox.kill("sleeper")
    while "sleeper" not in [j.name for j in sandbox.pump()]:
        time.sleep(0.05)


@needs_bwrap
def test_the_sandbox_an_ordinary_user_gets_hides_the_repository_too():
    box = Sandbox("bwrap", slots=1)
    box.root_mode = False  # the command line bubblewrap gets when the teacher is not root
    with box:
        job = box.run(plan(f"import os\nresult = repr((os.path.exists({str(ROOT / 'solutions')!r}), "
                           "os.getcwd().startswith('/tmp/jobs/')))"), Limits(wall=20))
    assert answer(job) == "(False, True)"
    assert "all submissions as one user" in box.description
