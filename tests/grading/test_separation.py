"""Submissions kept apart: nothing of one outlives it, reaches another, or escapes its namespaces.

Each batch runs two submissions at once (2 workers): one that attacks and one that looks
or would be harmed; the attacker's own answers are the correct ones, so the exact status
and score of both are known. An observer reports what it saw as its answer to 01-fx.
"""

import os

import pytest
from gradekit import MAX, POINTS, load, run_batch, variant

from helpers.grading import GRADED
from helpers.grading.notebook import Plan
from helpers.grading.sandbox import Limits, Sandbox, bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FX = POINTS["01-fx"]

SHM_OWNER = ("import ctypes, time\nlibc = ctypes.CDLL(None, use_errno=True)\n"
             "segment = libc.shmget(0x5EC7E7, 64 * 2**20, 0o1666)\nassert segment >= 0\n"
             "time.sleep(3)")
SHM_LOOKER = ("import ctypes, time\ntime.sleep(1)\nlibc = ctypes.CDLL(None, use_errno=True)\n"
              "seen = libc.shmget(0x5EC7E7, 0, 0o666) >= 0\n"
              "listed = [l for l in open('/proc/sysvipc/shm')][1:]\n"
              "fx = 'shared memory of another submission' if seen or listed else 'nothing'")
FILLER = ("import itertools, time\ntry:\n    for i in itertools.count():\n"
          "        with open(f'block-{i}', 'wb') as out:\n            out.write(b'x' * 2**20 * 15)\n"
          "except OSError:\n    pass\ntime.sleep(3)")
PLOTTER = ("import time\nimport matplotlib.pyplot as plt\ntime.sleep(1.5)\n"
           "fig, ax = plt.subplots()\nax.plot([0, 1], [0, 1])\n"
           "fig.savefig('plot.png', dpi=300)\nfx = 'saved'")
RENAMED = ("import ctypes, time\nctypes.CDLL(None).prctl(15, ctypes.c_char_p(b'\\xff\\xfe\\xfd'), 0, 0, 0)\n"
           "time.sleep(2)")


@pytest.fixture(scope="module")
def leftovers(tmp_path_factory):
    """Item 8: System V shared memory, a full temporary folder, an odd process name."""
    records = {}
    for pair in ({"a-shm-owner": variant(first=SHM_OWNER),
                  "a-shm-looker": variant(answers={"01-fx": SHM_LOOKER})},
                 {"b-filler": variant(first=FILLER), "b-plotter": variant(answers={"01-fx": PLOTTER})},
                 {"c-renamed": variant(first=RENAMED), "c-bystander": load()}):
        tmp = tmp_path_factory.mktemp("leftovers")  # one batch per pair: they run side by side
        records.update(run_batch(tmp, pair, timeout=20, memory=512))
    return records


def test_shared_memory_of_one_submission_is_invisible_to_another(leftovers):
    owner, looker = leftovers["a-shm-owner"], leftovers["a-shm-looker"]
    assert (owner["status"], owner["score"], owner["reason"]) == (GRADED, MAX, "")
    assert (looker["status"], looker["score"]) == (GRADED, MAX - FX)
    assert looker["questions"][0]["answer"] == "'nothing'"


def test_filling_its_own_folder_does_not_stop_a_classmates_savefig(leftovers):
    filler, plotter = leftovers["b-filler"], leftovers["b-plotter"]
    assert (filler["status"], filler["score"], filler["reason"]) == (GRADED, MAX, "")
    assert (plotter["status"], plotter["score"]) == (GRADED, MAX - FX)
    assert plotter["questions"][0]["answer"] == "'saved'"
    assert plotter["questions"][0]["error"] is None


def test_a_process_name_that_is_not_utf8_breaks_nothing(leftovers):
    for name in ("c-renamed", "c-bystander"):
        record = leftovers[name]
        assert (record["status"], record["score"], record["reason"]) == (GRADED, MAX, ""), name


SNOOP = ("import glob, os, signal, time\ntime.sleep(1)\nseen = []\n"
         "for path in glob.glob('/tmp/**/secret.txt', recursive=True) + glob.glob('/tmp/jobs/*'):\n"
         "    if not os.path.samefile(path, os.getcwd()):\n        seen.append(path)\n"
         "for pid in [int(p) for p in os.listdir('/proc') if p.isdigit()]:\n"
         "    if pid not in (os.getpid(), os.getppid()):\n"
         "        try:\n            os.kill(pid, signal.SIGKILL)\n"
         "            seen.append(f'killed {pid}')\n        except OSError:\n            pass\n"
         "fx = ' '.join(seen) or 'nothing'")
VICTIM = "import time\nopen('secret.txt', 'w').write('my work')\ntime.sleep(3)"


@pytest.fixture(scope="module")
def one_user(tmp_path_factory):
    """Item 11: the grader run by an ordinary user, every submission as that one user."""
    monkeypatch = pytest.MonkeyPatch()
    original = Sandbox.__init__

    def as_ordinary_user(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.root_mode, self.uid_base = False, None  # the bubblewrap command a non-root teacher gets

    monkeypatch.setattr(Sandbox, "__init__", as_ordinary_user)
    try:
        tmp = tmp_path_factory.mktemp("one-user")
        return run_batch(tmp, {"snoop": variant(answers={"01-fx": SNOOP}),
                               "victim": variant(first=VICTIM)}, timeout=20, memory=512)
    finally:
        monkeypatch.undo()


def test_as_one_user_a_submission_cannot_see_read_or_kill_another(one_user):
    snoop, victim = one_user["snoop"], one_user["victim"]
    assert (victim["status"], victim["score"], victim["reason"]) == (GRADED, MAX, "")
    assert (snoop["status"], snoop["score"]) == (GRADED, MAX - FX)
    assert snoop["questions"][0]["answer"] == "'nothing'"
    assert "all submissions as one user; each in user, PID, IPC, mount, network and hostname " \
           "namespaces of its own" in victim["sandbox"]


NESTING = ("import ctypes, os, subprocess\nlibc = ctypes.CDLL(None, use_errno=True)\ndone = []\n"
           "if libc.unshare(0x10000000) == 0:\n    done.append('unshare user')\n"
           "for args in (['unshare', '-U', 'true'], ['unshare', '-r', 'true'], ['/usr/sbin/chroot', '/', 'true']):\n"
           "    try:\n        if subprocess.run(args, capture_output=True).returncode == 0:\n"
           "            done.append(args[0] + ' ' + args[1])\n    except OSError:\n        pass\n"
           "try:\n    os.chroot('/')\n    done.append('chroot')\nexcept OSError:\n    pass\n"
           "fx = ' '.join(done) or 'nothing'")


def test_no_nested_user_namespace_and_no_chroot(tmp_path):
    """Item 12, first half: a submission can neither create user namespaces nor chroot."""
    records = run_batch(tmp_path, {"nester": variant(answers={"01-fx": NESTING}), "correct": load()})
    assert (records["nester"]["status"], records["nester"]["score"]) == (GRADED, MAX - FX)
    assert records["nester"]["questions"][0]["answer"] == "'nothing'"
    assert (records["correct"]["status"], records["correct"]["score"]) == (GRADED, MAX)


@pytest.mark.skipif(os.geteuid() != 0, reason="per-submission users need root")
def test_two_grading_runs_use_separate_uid_ranges():
    """Item 12, second half: two batches on one machine never share a uid."""
    sleeper = Plan([{"number": 1, "source": "import time\ntime.sleep(2)\nresult = 1",
                     "capture": {"grade_id": "01-fx", "answer": "result"}}])
    with Sandbox("bwrap", slots=1) as first, Sandbox("bwrap", slots=1) as second:
        low, high = sorted((first.uid_base, second.uid_base))
        assert high - low >= 256  # ranges of 256 uids each, disjoint
        first.wait_ready()
        second.wait_ready()
        jobs = [box.run(sleeper, Limits(wall=20)) for box in (first, second)]
    assert all(job.exit["code"] == 0 for job in jobs)


def writer(targets: list[str]) -> str:
    return ("import os\nwritten = []\n"
            f"for folder in {targets!r} + ['/tmp', '/dev/shm/..']:\n"
            "    try:\n        with open(os.path.join(folder, 'planted.txt'), 'w') as out:\n"
            "            out.write('x')\n        written.append(folder)\n    except OSError:\n        pass\n"
            "fx = ' '.join(written) or 'nothing'")


@pytest.mark.parametrize("isolation", ["auto", "none"])
def test_a_submission_writes_nowhere_but_its_own_folder(tmp_path, isolation):
    """Not the class folder, the grader's output, the shared /tmp, nor anything else."""
    targets = [str(tmp_path / "class"), str(tmp_path / "out"), str(tmp_path / "out" / "results")]
    (tmp_path / "out" / "results").mkdir(parents=True)
    (tmp_path / "class").mkdir()
    for folder in [tmp_path, tmp_path / "class", tmp_path / "out", tmp_path / "out" / "results"]:
        folder.chmod(0o777)  # writable by anyone: only the sandbox can stop the write
    parents = [p for p in tmp_path.parents if p != p.parent and str(p).startswith("/tmp/")]
    modes = {p: p.stat().st_mode & 0o777 for p in parents}
    try:
        for parent in parents:  # so that any user could reach them
            parent.chmod(modes[parent] | 0o755)
        records = run_batch(tmp_path, {"writer": variant(answers={"01-fx": writer(targets)}),
                                       "correct": load()}, isolation=isolation)
    finally:
        for parent, mode in modes.items():
            parent.chmod(mode)
    assert (records["writer"]["status"], records["writer"]["score"]) == (GRADED, MAX - FX)
    assert records["writer"]["questions"][0]["answer"] == "'nothing'"
    assert not list(tmp_path.rglob("planted.txt"))
    assert (records["correct"]["status"], records["correct"]["score"]) == (GRADED, MAX)
