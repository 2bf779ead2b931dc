"""The warm fork server: one sandboxed process forks one child per submission.

This module runs **inside the sandbox** (see :mod:`helpers.grading.sandbox`).
It imports numpy, sympy, matplotlib, IPython's input transformer and the
course helpers once, then waits for jobs on a control socket. The server
never reads a submission, a solution or a key: each job arrives as two file
descriptors (a memfd holding the plan, a pipe for the results) passed over
the socket, and only the forked child reads and writes them. The child:

1. starts its own session (``setsid``), so the whole process group can be
   killed at once;
2. when the server may switch users, becomes its own unprivileged user
   (a uid no other running job has: it cannot signal, trace or read the
   server or other submissions) and drops every capability;
3. gets a scrubbed environment and the limits: CPU seconds, address space
   (``memory`` MB on top of the preloaded libraries), file size, process
   count, no core files, 64 open files;
4. enters namespaces of its own with a fresh, private working directory
   (:func:`helpers.grading.isolate.run_isolated`; where the kernel refuses,
   it drops its capabilities and forbids user namespaces all the same);
5. runs :func:`helpers.grading.runner.child_main` and exits.

The server enforces the wall-clock limit itself: at the deadline it kills
the child's process group and every process of the child's uid; processes
that escaped into a new session are reaped as orphans (the server is a
child subreaper) and killed.

Control messages are JSON datagrams. In: ``{"op": "run", "job", "wall",
"cpu", "memory_mb", "fsize_mb", "nproc"}`` with the two descriptors,
``{"op": "kill", "job"}``, ``{"op": "quit"}``. Out: ``{"e": "ready", ...}``
once (with ``namespaces``: whether children get namespaces of their own),
then ``{"e": "exit", "job", "code", "signal", "timed_out", "maxrss_kb", "cpu",
"seconds"}`` per job. The process table is read as bytes, so no process name
can break a scan.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import os
import resource
import selectors
import shutil
import signal
import socket
import sys
import time

from helpers.grading import isolate

__all__ = ["PRELOAD", "main"]

#: Modules imported once by the server, so every child starts warm.
PRELOAD = (
    "numpy", "sympy", "matplotlib", "matplotlib.pyplot", "IPython.core.inputtransformer2",
    "helpers.answers", "helpers.checks", "helpers.calculus", "helpers.symbolic",
    "helpers.plotting", "helpers.grading.runner", "ipywidgets",
    "matplotlib.backends.backend_agg", "helpers.widgets", "helpers.widgets.practice",
)

_PR_SET_PDEATHSIG, _PR_SET_DUMPABLE, _PR_SET_CHILD_SUBREAPER = 1, 4, 36
_UID_SLOTS = 256


def _prctl(option: int, value: int) -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the limits still apply
        pass


def _preload() -> list[str]:
    import importlib

    loaded = []
    for name in PRELOAD:
        try:
            importlib.import_module(name)
            loaded.append(name)
        except Exception:  # noqa: BLE001 - an optional library may be missing
            pass
    try:  # first-use caches (printing, parsing) warmed once here, not per child
        import sympy

        from helpers.answers import check_form, encode
        from helpers.questions import Question

        x, y = sympy.symbols("x y")
        encode(6 * x * y - 2), encode([1.0, 2.0]), sympy.sympify("x**2")
        # sympy imports some modules at first use (sets, combinatorics): load them here, while
        # the server can still read every file, not in a child that may run as another user
        for answer in (x * sympy.cos(x * y) + 2 * sympy.exp(x + 2 * y), sympy.Derivative(x**2, x),
                       [sympy.Rational(1, 2), sympy.sqrt(2)], {x: 1, y: 2}, "2*x, 3*y"):
            for kind, size in (("expr", None), ("exprs", 2), ("vector", 2)):
                check_form(Question("00-warm", kind, size=size), encode(answer))
    except Exception:  # noqa: BLE001
        pass
    return loaded


def _pids_of(uid: int) -> list[int]:
    """Processes of ``uid``; read as bytes, so no process name can break the scan."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/status", "rb") as status:
                    line = next(x for x in status if x.startswith(b"Uid:"))
                if int(line.split()[1]) == uid:
                    pids.append(int(entry))
            except (OSError, StopIteration, ValueError, IndexError):
                continue
    return pids


def _parent_of(pid: str) -> str | None:
    """The parent pid of a process, from ``/proc/PID/stat`` read as bytes (None if gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[1].decode()
    except (OSError, IndexError, UnicodeDecodeError):
        return None


def _kill_job(pid: int, uid: int | None) -> None:
    for target in [-pid] + (_pids_of(uid) if uid else []):
        try:
            os.kill(target, signal.SIGKILL)
        except OSError:
            pass


def _child(job: dict, plan_fd: int, result_fd: int, uid: int | None, workdir: str,
           keep: set[int], jobs: str) -> None:
    """In the forked child: isolate, limit, run. Never returns."""
    try:
        os.setsid()
        signal.set_wakeup_fd(-1)
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGPIPE):
            signal.signal(sig, signal.SIG_DFL)
        plan_fd = fcntl.fcntl(plan_fd, fcntl.F_DUPFD, 100)
        result_fd = fcntl.fcntl(result_fd, fcntl.F_DUPFD, 100)
        for fd in keep:
            os.close(fd)
        null = os.open(os.devnull, os.O_RDWR)
        for fd, source in ((0, null), (1, null), (2, null), (3, plan_fd), (4, result_fd)):
            os.dup2(source, fd)
        os.closerange(5, 65536)
        plan_fd, result_fd = 3, 4
        if uid:
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        _prctl(_PR_SET_DUMPABLE, 0)
        os.environ.clear()
        os.environ.update({"HOME": workdir, "TMPDIR": workdir, "PATH": "/usr/bin:/bin",
                           "LANG": "C.UTF-8", "MPLBACKEND": "Agg"})
        with open("/proc/self/statm") as statm:
            base = int(statm.read().split()[0]) * resource.getpagesize()
        mb = 2**20
        limits = {resource.RLIMIT_CPU: (job["cpu"], job["cpu"] + 1),
                  resource.RLIMIT_AS: (base + job["memory_mb"] * mb,) * 2,
                  resource.RLIMIT_FSIZE: (job["fsize_mb"] * mb,) * 2,
                  resource.RLIMIT_NPROC: (job["nproc"],) * 2,
                  resource.RLIMIT_CORE: (0, 0), resource.RLIMIT_NOFILE: (64, 64)}
        for kind, value in limits.items():
            resource.setrlimit(kind, value)
        from helpers.grading.runner import child_main

        def run() -> None:
            child_main(plan_fd, result_fd)
            os._exit(0)

        if job.get("namespaces"):
            isolate.run_isolated(jobs, workdir, max(64, 4 * job["fsize_mb"]), run)
        os.chdir(workdir)  # without namespaces of its own (the kernel refused them)
        isolate.drop_privileges()
        run()
    except BaseException:  # noqa: BLE001 - whatever happens, the child ends here
        os._exit(70)


class _Server:
    def __init__(self, sock: socket.socket, uid_base: int) -> None:
        self.sock, self.uid_base = sock, uid_base
        self.jobs: dict[int, dict] = {}  # pid -> job
        self.jobdir = os.path.join(os.environ.get("TMPDIR", "/tmp"), "jobs")
        os.makedirs(self.jobdir, mode=0o711, exist_ok=True)
        self.wake_r, self.wake_w = os.pipe()
        os.set_blocking(self.wake_w, False)
        signal.set_wakeup_fd(self.wake_w)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        self.last_sweep = 0.0
        self.namespaces = isolate.available(uid_base + _UID_SLOTS - 1 if uid_base else None)

    def send(self, message: dict) -> None:
        self.sock.send(json.dumps(message).encode())

    def free_uid(self) -> int | None:
        if not self.uid_base:
            return None
        used = {job["uid"] for job in self.jobs.values()}
        for uid in range(self.uid_base, self.uid_base + _UID_SLOTS):
            if uid not in used:
                for pid in _pids_of(uid):  # leftovers of an earlier job
                    _kill_job(pid, None)
                return uid
        raise RuntimeError("too many jobs at once")

    def start(self, job: dict, fds: list[int]) -> None:
        plan_fd, result_fd = fds
        uid = self.free_uid()
        workdir = os.path.join(self.jobdir, str(job["job"]).replace("/", "_"))
        shutil.rmtree(workdir, ignore_errors=True)
        os.mkdir(workdir, 0o700)
        if uid:
            os.chown(workdir, uid, uid)
        keep = {self.sock.fileno(), self.wake_r, self.wake_w}
        pid = os.fork()
        if pid == 0:
            _child({**job, "namespaces": self.namespaces}, plan_fd, result_fd, uid, workdir, keep,
                   self.jobdir)
        os.close(plan_fd)
        os.close(result_fd)
        self.jobs[pid] = {**job, "pid": pid, "uid": uid, "workdir": workdir,
                          "start": time.monotonic(), "timed_out": False}

    def kill(self, name: str) -> None:
        for pid, job in self.jobs.items():
            if job["job"] == name:
                _kill_job(pid, job["uid"])

    def reap(self) -> None:
        while True:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            job = self.jobs.pop(pid, None)
            if job is None:
                continue  # an orphan of some job, now gone
            _kill_job(pid, job["uid"])
            shutil.rmtree(job["workdir"], ignore_errors=True)
            self.send({"e": "exit", "job": job["job"],
                       "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                       "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                       "timed_out": job["timed_out"], "maxrss_kb": usage.ru_maxrss,
                       "cpu": usage.ru_utime + usage.ru_stime,
                       "seconds": time.monotonic() - job["start"]})

    def enforce(self) -> float:
        """Kill jobs past their deadline; return seconds until the next one."""
        now, wait = time.monotonic(), 0.5
        for pid, job in self.jobs.items():
            left = job["start"] + job["wall"] - now
            if left <= 0 and not job["timed_out"]:
                job["timed_out"] = True
                _kill_job(pid, job["uid"])
            wait = min(wait, max(left, 0.05))
        if now - self.last_sweep > 0.5:  # orphans that escaped their session
            self.last_sweep = now
            me = str(os.getpid())
            for entry in filter(str.isdigit, os.listdir("/proc")):
                if _parent_of(entry) == me and int(entry) not in self.jobs:
                    _kill_job(int(entry), None)
        return wait

    def serve(self) -> None:
        selector = selectors.DefaultSelector()
        selector.register(self.sock, selectors.EVENT_READ, "sock")
        selector.register(self.wake_r, selectors.EVENT_READ, "wake")
        while True:
            for key, _ in selector.select(self.enforce()):
                if key.data == "wake":
                    os.read(self.wake_r, 4096)
                    continue
                data, fds, _, _ = socket.recv_fds(self.sock, 65536, 4)
                if not data:
                    return
                message = json.loads(data)
                if message["op"] == "run" and len(fds) == 2:
                    try:
                        self.start(message, fds)
                    except OSError as exc:  # e.g. no process slot left: report, go on
                        for fd in fds:
                            with contextlib.suppress(OSError):
                                os.close(fd)
                        self.send({"e": "exit", "job": message["job"], "code": None,
                                   "signal": None, "timed_out": False, "maxrss_kb": 0,
                                   "cpu": 0.0, "seconds": 0.0, "error": str(exc)})
                elif message["op"] == "kill":
                    self.kill(message["job"])
                elif message["op"] == "quit":
                    return
            self.reap()

    def close(self) -> None:
        for pid, job in list(self.jobs.items()):
            _kill_job(pid, job["uid"])


def main(argv: list[str] | None = None) -> None:
    """Entry point inside the sandbox: ``main([control_fd, uid_base])``."""
    argv = sys.argv[1:] if argv is None else argv
    fd, uid_base = int(argv[0]), int(argv[1])
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    started = time.monotonic()
    os.makedirs(os.environ.setdefault("MPLCONFIGDIR", "/tmp/mpl"), mode=0o755, exist_ok=True)
    loaded = _preload()
    _prctl(_PR_SET_CHILD_SUBREAPER, 1)
    _prctl(_PR_SET_DUMPABLE, 0)  # its memory and environment stay closed to the children
    sock = socket.socket(fileno=fd)
    server = _Server(sock, uid_base if os.geteuid() == 0 else 0)
    server.send({"e": "ready", "pid": os.getpid(), "uid": os.geteuid(),
                 "switch_users": bool(server.uid_base), "namespaces": server.namespaces,
                 "preloaded": loaded,
                 "seconds": time.monotonic() - started})
    try:
        server.serve()
    finally:
        server.close()
