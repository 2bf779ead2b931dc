"""Run submissions isolated: a bubblewrap sandbox around a warm fork server.

Design (measured on a 2-core machine: forking a child from the warm server
costs about 7 ms, a fresh Python that imports numpy, sympy and matplotlib
about 1.5 s, a fresh Jupyter kernel about 2 s):

- The grader starts **one** long-lived process, the fork server
  (:mod:`helpers.grading.forkserver`), before it loads any key. It runs inside
  bubblewrap when ``bwrap`` works on this machine: a new mount namespace that
  holds only read-only copies of the system libraries, the Python
  installation, and a staged copy of the ``helpers`` package **without**
  ``helpers/keys/``; the course repository (and with it ``solutions/``) is not
  mounted at all, and every installed copy of the course package found in a
  mounted site-packages or dist-packages folder (:func:`course_copies`) is
  covered by an empty directory. The sandbox also has no network, its own
  process, IPC and hostname namespaces, a private ``/tmp`` of bounded size, no
  environment variables but a handful, and it dies with the grader.
- The server preloads the libraries once and forks one child per submission,
  so each submission starts warm but shares nothing with the others. When the
  grader runs as root, the server keeps only the capabilities to switch users
  and to kill and clean up, and each child becomes its own unprivileged user,
  from a range of 256 uids picked at random for this run (:func:`pick_uid_base`).
  Each child then enters namespaces of its own (:mod:`helpers.grading.isolate`):
  user, PID, IPC, mount, network and hostname, with a private working folder of
  bounded size, no capabilities and no way to create user namespaces, in every
  mode, as root or not, where the kernel allows it.
- Neither the server nor the children ever hold the key: the key is built by
  running the solution notebook in a child of its own, before any submission
  runs, and its answers stream straight back to the grader.
- Without bubblewrap the same server runs as a plain process with a scrubbed
  environment in a throwaway directory: the limits and the per-submission
  namespaces still apply, but a submission could read files on this machine.
  :attr:`Sandbox.description` says so, and the reports print it in their header.

Examples
--------
>>> from helpers.grading.notebook import Plan
>>> with Sandbox() as sandbox:                               # doctest: +SKIP
...     result = sandbox.run(Plan([{"number": 1, "source": "fx = 2", "capture": None}]))
>>> result.exit["code"]                                      # doctest: +SKIP
0
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from helpers.grading.mounts import (
    _BOOT,
    _bwrap_command,
    _environment,
    bwrap_works,
    course_copies,
    stage_helpers,
)
from helpers.grading.notebook import Plan

__all__ = ["Limits", "Job", "Sandbox", "SandboxError", "bwrap_works", "stage_helpers",
           "course_copies", "pick_uid_base", "uids_in_use"]

_UID_SLOTS = 256  # as in the fork server: uids uid_base .. uid_base + 255
_UID_LOW, _UID_HIGH = 10**6, 2**31 - _UID_SLOTS

class SandboxError(RuntimeError):
    """The sandbox could not be started or stopped working."""


@dataclass(frozen=True)
class Limits:
    """Limits for one submission.

    Attributes
    ----------
    wall : float
        Wall-clock seconds before the whole process group is killed.
    cpu : int
        CPU seconds (``RLIMIT_CPU``).
    memory_mb : int
        Memory the submission may allocate beyond the preloaded libraries.
    fsize_mb : int
        Largest file it may write.
    nproc : int
        Most processes its user may have.
    output_mb : float
        Most answer data it may send back before it is stopped.
    """

    wall: float = 60.0
    cpu: int = 60
    memory_mb: int = 1024
    fsize_mb: int = 16
    nproc: int = 64
    output_mb: float = 8.0


@dataclass
class Job:
    """One submission in flight: its answer stream and how its process ended."""

    name: str
    fd: int
    limits: Limits
    data: bytearray = field(default_factory=bytearray)
    exit: dict[str, Any] | None = None
    overflow: bool = False
    eof: bool = False
    exited_at: float = 0.0
    lost: bool = False

    @property
    def events(self) -> list[Any]:
        """The lines the child sent, decoded from JSON, in order (None for a line that is not).

        Nothing here is trusted: :func:`helpers.grading.stream.read_stream`
        reads them against the plan.
        """
        out: list[Any] = []
        for line in bytes(self.data).split(b"\n"):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except (ValueError, RecursionError):
                out.append(None)
        return out

    @property
    def finished(self) -> bool:
        return self.lost or (self.exit is not None
                             and (self.eof or time.monotonic() - self.exited_at > 1.0))


def uids_in_use() -> set[int]:
    """Real uids of the processes running on this machine now."""
    uids = set()
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/status", "rb") as status:
                line = next(x for x in status if x.startswith(b"Uid:"))
            uids.add(int(line.split()[1]))
        except (OSError, StopIteration, ValueError, IndexError):
            continue
    return uids


def pick_uid_base() -> int:
    """A random range of 256 uids no process uses now: one per grading run.

    Two batches graded at once on one machine then run their submissions
    under different users and cannot signal each other's processes.
    """
    rng = random.SystemRandom()
    busy = uids_in_use()
    while True:
        base = rng.randrange(_UID_LOW, _UID_HIGH, _UID_SLOTS)
        if not any(base <= uid < base + _UID_SLOTS for uid in busy):
            return base


class Sandbox:
    """The fork server and the submissions running in it.

    Parameters
    ----------
    isolation : {"auto", "bwrap", "none"}
        ``auto`` uses bubblewrap when it works here.
    slots : int
        Most submissions that will run at once (sizes the private ``/tmp``).
    """

    def __init__(self, isolation: str = "auto", slots: int = 2) -> None:
        if isolation == "auto":
            isolation = "bwrap" if bwrap_works() else "none"
        if isolation not in ("bwrap", "none"):
            raise ValueError(f"isolation must be auto, bwrap or none, not {isolation!r}")
        self.isolation, self.slots = isolation, slots
        self.root_mode = isolation == "bwrap" and os.geteuid() == 0
        #: First of the 256 uids this run's submissions use (None: not root, one user).
        self.uid_base = pick_uid_base() if os.geteuid() == 0 else None
        self.jobs: dict[str, Job] = {}
        self.process: subprocess.Popen | None = None
        self.ready: dict[str, Any] | None = None
        self._tmp = Path(tempfile.mkdtemp(prefix="grader-"))
        self._tmp.chmod(0o711)  # children running as other users pass through, never list it

    @property
    def description(self) -> str:
        """One line on how submissions were isolated, for report headers (see the README's Safety)."""
        switching = self.root_mode if self.isolation == "bwrap" else bool(self.uid_base)
        if switching:
            who = "each" if self.isolation == "none" else "each submission"
            users = (f"{who} as its own unprivileged user (uids {self.uid_base}-"
                     f"{self.uid_base + _UID_SLOTS - 1})")
        else:
            users = "all submissions as one user (yours)" if self.isolation == "none" \
                else "all submissions as one user"
        own = self.ready.get("namespaces") if self.ready else None
        if own:
            spaces = ("each in user, PID, IPC, mount, network and hostname namespaces of its own "
                      "(it cannot signal or read another's processes, shared memory or files, "
                      "nor use the network), with no capabilities, every folder read-only but a "
                      "private one of bounded size, and no way to create user namespaces")
        elif own is None:
            spaces = "no submission ran"
        else:
            spaces = ("per-submission namespaces are not available on this machine, so submissions "
                      "running at the same time share one process table, System V IPC and /tmp"
                      + ("" if switching else " and could signal each other and read each "
                                              "other's files"))
        limits = "time, memory, process and output limits applied"
        if self.isolation == "none":
            return ("NO SANDBOX: bubblewrap is not available here, so submissions ran as plain "
                    f"processes, {users}, that could read this machine's world-readable files "
                    f"(solutions/ included); {spaces}; {limits}.")
        return ("bubblewrap sandbox: no network, the course repository, solutions and keys "
                f"not mounted, {users}; {spaces}; {limits}.")

    def start(self) -> None:
        """Launch the fork server (returns at once; see :meth:`wait_ready`)."""
        lib = self._tmp / "lib"
        if not lib.exists():
            stage_helpers(lib)
        self._sock, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        fd = theirs.fileno()
        if self.isolation == "bwrap":
            tmp_mb = 256 + self.slots * 2 * Limits.fsize_mb
            command = _bwrap_command(lib, fd, self.root_mode, tmp_mb, self.uid_base or 0)
            env, cwd = {}, "/"
        else:
            work = self._tmp / "work"
            work.mkdir(exist_ok=True)
            # Without a sandbox, a grader running as root still never runs a submission as root:
            # each child becomes its own unprivileged user, so kill(-1) or a fork bomb hits only itself.
            uid_base = self.uid_base or 0
            command = [sys.executable, "-I", "-B", "-c", _BOOT.format(lib=str(lib)), str(fd), str(uid_base)]
            env, cwd = _environment(str(work)), str(work)
        self._log = open(self._tmp / "server.log", "w+b")  # noqa: SIM115 - closed in close()
        self.process = subprocess.Popen(command, pass_fds=[fd], stdin=subprocess.DEVNULL,
                                        stdout=self._log, stderr=self._log, env=env, cwd=cwd,
                                        start_new_session=True)
        theirs.close()
        self.ready = None

    def wait_ready(self, timeout: float = 120.0) -> dict[str, Any]:
        """Block until the server has preloaded its libraries."""
        deadline = time.monotonic() + timeout
        while self.ready is None:
            self._sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                data = self._sock.recv(65536)
            except TimeoutError:
                data = None
            finally:
                self._sock.setblocking(True)
            if not data:
                self._log.seek(0)
                tail = self._log.read().decode(errors="replace").strip().splitlines()[-3:]
                raise SandboxError("the grading sandbox did not start: " + " | ".join(tail))
            self.ready = json.loads(data)
        return self.ready

    def submit(self, name: str, plan: Plan, limits: Limits = Limits()) -> Job:
        """Start running one plan; its events arrive through :meth:`pump`."""
        memfd = os.memfd_create("plan")
        try:
            os.write(memfd, plan.to_json())
            os.lseek(memfd, 0, os.SEEK_SET)
            read_end, write_end = os.pipe()
            message = {"op": "run", "job": name, **asdict(limits)}
            socket.send_fds(self._sock, [json.dumps(message).encode()], [memfd, write_end])
            os.close(write_end)
        finally:
            os.close(memfd)
        os.set_blocking(read_end, False)
        job = self.jobs[name] = Job(name, read_end, limits)
        return job

    def kill(self, name: str) -> None:
        """Stop a running job at once."""
        self._sock.send(json.dumps({"op": "kill", "job": name}).encode())

    def waitables(self) -> list[int]:
        """File descriptors to wait on (with :func:`multiprocessing.connection.wait`)."""
        return [self._sock.fileno()] + [j.fd for j in self.jobs.values() if not j.eof]

    def pump(self) -> list[Job]:
        """Read whatever is ready; return the jobs that have finished."""
        for job in self.jobs.values():
            self._drain(job)
        self._sock.setblocking(False)
        try:
            while True:
                data = self._sock.recv(65536)
                if not data:
                    raise ConnectionError
                event = json.loads(data)
                job = self.jobs.get(event.get("job"))
                if event.get("e") == "exit" and job:
                    job.exit, job.exited_at = event, time.monotonic()
                    self._drain(job)
        except BlockingIOError:
            pass
        except (ConnectionError, OSError):
            for job in self.jobs.values():
                job.lost = True
        finally:
            self._sock.setblocking(True)
        done = [job for job in self.jobs.values() if job.finished]
        for job in done:
            del self.jobs[job.name]
            os.close(job.fd)
        return done

    def _drain(self, job: Job) -> None:
        cap = int(job.limits.output_mb * 2**20)
        while not job.eof:
            try:
                chunk = os.read(job.fd, 1 << 16)
            except BlockingIOError:
                return
            if not chunk:
                job.eof = True
                return
            job.data += chunk
            if len(job.data) > cap and not job.overflow:
                job.overflow = True
                del job.data[cap:]
                self.kill(job.name)
            elif job.overflow:
                del job.data[cap:]

    def run(self, plan: Plan, limits: Limits = Limits(), name: str = "job") -> Job:
        """Run one plan and wait for it (for tests and one-off use)."""
        from multiprocessing.connection import wait

        if self.ready is None:
            self.wait_ready()
        self.submit(name, plan, limits)
        while True:
            wait(self.waitables(), timeout=0.2)
            for job in self.pump():
                if job.name == name:
                    return job

    def close(self) -> None:
        """Stop the server and remove the staged files."""
        if self.process is not None:
            try:
                if self.ready is None:  # still importing: nothing to finish
                    raise OSError
                self._sock.send(json.dumps({"op": "quit"}).encode())
                self.process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
            self._sock.close()
            self._log.close()
            self.process = None
        for job in self.jobs.values():
            os.close(job.fd)
        self.jobs.clear()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def restart(self) -> None:
        """Start a fresh server after the old one stopped working."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self._log.close()
            self._sock.close()
            self.process = None
        for job in self.jobs.values():
            os.close(job.fd)
        self.jobs.clear()
        self.start()

    def __enter__(self) -> Sandbox:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
