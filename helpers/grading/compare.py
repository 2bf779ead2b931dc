"""Judge answers against the key, each comparison under a time limit.

Comparison happens on the grader's side, never in a submission's process:
the answer arrives as plain JSON (a formula as text) and
:func:`helpers.answers.judge` rebuilds it through the safe parser. sympy can
still take very long on adversarial input, and some of that time is spent in
C where no signal interrupts it, so each comparison runs in a **judge
process**, forked from the grader (which runs no submission code), and a
comparison that outlives its time limit gets its process killed and
replaced; the answer is then marked ``invalid`` with a plain reason.

Verdicts are cached by (question, answer, key): a class gives the same
answer many times, and each distinct answer is judged once per run.

Judging time counts against the submission whose answers are judged: each
owner (a student) may have a budget of seconds for all its comparisons
together, so answers built to be slow stall no one but their author. When an
owner's budget is spent, its answers still waiting are marked ``invalid``
("not checked") and the owner is listed in :attr:`JudgePool.exhausted`.

Examples
--------
>>> key = {"type": "expr", "text": "x**2 + y**2"}  # not the key of 01-fx: any formula
>>> with JudgePool(size=1, timeout=10) as pool:
...     pool.judge_now("01-fx", {"type": "expr", "text": "y*y + x*x"}, key)["verdict"]
'correct'
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import socket
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any

from helpers.grading.forkserver import _PR_SET_PDEATHSIG, _prctl

__all__ = ["JudgePool", "judge_answer", "too_slow", "not_checked"]

Judge = Callable[[str, dict[str, Any], dict[str, Any]], dict[str, Any]]


def too_slow(seconds: float) -> dict[str, Any]:
    """The verdict of a comparison that ran out of time."""
    return {"score": 0.0, "verdict": "invalid",
            "message": f"Comparing this answer with the key took longer than {seconds:g} s, "
                       "so it could not be checked: write it in a simpler form.",
            "hint": None}


def not_checked() -> dict[str, Any]:
    """The verdict of an answer left when its submission's judging budget was spent."""
    return {"score": 0.0, "verdict": "invalid",
            "message": "This answer was not checked: checking this notebook's answers used up "
                       "its time.", "hint": None}


def judge_answer(question_id: str, answer: dict[str, Any], key: dict[str, Any]) -> dict[str, Any]:
    """Judge one answer with :func:`helpers.answers.judge`; never raises.

    Returns
    -------
    dict
        ``{"score", "verdict", "message", "hint"}``; ``score`` is a fraction
        in [0, 1] of the question's points.
    """
    from helpers.answers import judge

    if not isinstance(answer, dict) or not isinstance(answer.get("type"), str):
        return _safe(lambda: {"score": 0.0, "verdict": "invalid", "hint": None,
                              "message": "This answer arrived damaged and cannot be checked."})
    return _safe(lambda: judge(_question(question_id), answer, key).to_dict())


def _question(question_id: str):
    """The spec of a question, or of one version of it (``"01-fx@1234"``)."""
    from helpers.questions import get_question

    base, _, seed = question_id.partition("@")
    if not seed:
        return get_question(base)
    from helpers.templates import variant

    return variant(base, int(seed)).question


def _safe(run: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run a judge; turn any failure into a verdict and tidy the verdict's fields."""
    try:
        verdict = dict(run())
    except MemoryError:
        verdict = {"score": 0.0, "verdict": "invalid",
                   "message": "This answer is too large to be checked.", "hint": None}
    except Exception as exc:  # noqa: BLE001 - every failure becomes a plain verdict
        verdict = {"score": 0.0, "verdict": "invalid",
                   "message": f"This answer could not be checked ({type(exc).__name__}).",
                   "hint": None}
    score = verdict.get("score")
    ok = isinstance(score, (int, float)) and math.isfinite(score)
    verdict["score"] = min(max(float(score), 0.0), 1.0) if ok else 0.0
    for name in ("verdict", "message"):
        verdict[name] = str(verdict.get(name, ""))[:2000]
    verdict["hint"] = None if verdict.get("hint") is None else str(verdict["hint"])[:2000]
    if verdict.get("note") is not None:
        verdict["note"] = str(verdict["note"])[:120]
    else:
        verdict.pop("note", None)
    return verdict


def _serve(conn: Connection, judge: Judge, memory_mb: int) -> None:
    """The judge process's loop: one JSON task in, one JSON verdict out."""
    if memory_mb:
        with open("/proc/self/statm") as statm:
            base = int(statm.read().split()[0]) * resource.getpagesize()
        limit = base + memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            task = json.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        verdict = _safe(lambda t=task: judge(t["q"], t["answer"], t["key"]))
        conn.send_bytes(json.dumps(verdict).encode())


class _Worker:
    def __init__(self, judge: Judge, memory_mb: int) -> None:
        ours, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the judge process
            code = 0
            try:
                keep = theirs.detach()
                os.closerange(3, keep)
                os.closerange(keep + 1, 65536)
                null = os.open(os.devnull, os.O_RDWR)
                os.dup2(null, 0)
                os.dup2(null, 1)
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # never outlive the grader
                _serve(Connection(keep), judge, memory_mb)
            except BaseException:  # noqa: BLE001
                code = 70
            os._exit(code)
        theirs.close()
        self.pid, self.conn = pid, Connection(ours.detach())
        self.task: str | None = None  # the cache key of the comparison it runs
        self.owner: Any = None
        self.deadline = self.started = 0.0

    def stop(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        self.conn.close()


class JudgePool:
    """Judge processes that compare answers in parallel, each under a time limit.

    Parameters
    ----------
    size : int
        Number of judge processes.
    timeout : float
        Seconds one comparison may take.
    judge : callable, optional
        ``judge(question_id, answer, key) -> verdict dict``; by default
        :func:`judge_answer`.
    memory_mb : int
        Memory a judge process may allocate (0: no limit).
    """

    def __init__(self, size: int = 2, timeout: float = 20.0, judge: Judge | None = None,
                 memory_mb: int = 2048) -> None:
        self.timeout, self.memory_mb = timeout, memory_mb
        self.judge = judge or judge_answer
        self.workers = [_Worker(self.judge, memory_mb) for _ in range(max(1, size))]
        self.queue: deque[str] = deque()
        self.cache: dict[str, dict[str, Any]] = {}
        self.waiting: dict[str, list[tuple[Any, Any]]] = {}  # task -> [(tag, owner)]
        self.ready: list[tuple[Any, dict[str, Any]]] = []
        self.timeouts = 0
        self.budget: dict[Any, float] = {}
        self.spent: dict[Any, float] = {}
        #: Owners whose judging budget ran out.
        self.exhausted: set[Any] = set()

    def submit(self, tag: Any, question_id: str, answer: dict[str, Any],
               key: dict[str, Any], owner: Any = None, budget: float | None = None) -> None:
        """Queue one comparison; its verdict comes back from :meth:`pump` with ``tag``.

        ``owner`` is charged the time the comparison takes; ``budget`` (set
        with the owner's first comparison) is the most it may be charged.
        """
        if owner is not None and budget is not None:
            self.budget.setdefault(owner, budget)
        try:
            task = json.dumps({"q": question_id, "answer": answer, "key": key}, sort_keys=True)
        except (ValueError, TypeError, RecursionError):
            self.ready.append((tag, judge_answer(question_id, None, key)))  # damaged
            return
        if task in self.cache:
            self.ready.append((tag, dict(self.cache[task])))
        elif task in self.waiting:
            self.waiting[task].append((tag, owner))
        else:
            self.waiting[task] = [(tag, owner)]
            self.queue.append(task)
        self._dispatch()

    def left(self, owner: Any) -> float:
        """Seconds of judging ``owner`` may still use, beyond what its running comparisons may take."""
        if owner not in self.budget:
            return math.inf
        now = time.monotonic()
        running = sum(max(0.0, w.deadline - now) for w in self.workers
                      if w.task is not None and w.owner == owner)
        return self.budget[owner] - self.spent.get(owner, 0.0) - running

    def _may_start(self, owner: Any) -> bool:
        """Whether a comparison of ``owner`` may start now.

        With none of its comparisons running, whatever budget is left may be
        used; with some running, a new one starts only if at least a full
        comparison time (or a second) would be left for it beyond theirs.
        """
        running = any(w.task is not None and w.owner == owner for w in self.workers)
        return self.left(owner) >= (min(self.timeout, 1.0) if running else 1e-3)

    def _spent(self, owner: Any) -> bool:
        """Whether ``owner`` has used up its whole budget already."""
        return owner in self.budget and self.spent.get(owner, 0.0) >= self.budget[owner]

    def _dispatch(self) -> None:
        free = [w for w in self.workers if w.task is None]
        kept: deque[str] = deque()
        while self.queue:
            task = self.queue.popleft()
            waiting = self.waiting[task]
            for tag, owner in [w for w in waiting if self._spent(w[1])]:
                self.exhausted.add(owner)
                self.ready.append((tag, not_checked()))
            waiting = self.waiting[task] = [w for w in waiting if not self._spent(w[1])]
            if not waiting:
                del self.waiting[task]
                continue
            payers = [owner for _, owner in waiting if self._may_start(owner)]
            if not payers or not free:  # wait for a judge, or for its running comparisons
                kept.append(task)
                continue
            worker, payer, now = free.pop(0), payers[0], time.monotonic()
            allowed = min(self.timeout, self.left(payer))  # before this worker counts as running
            worker.conn.send_bytes(task.encode())
            worker.task, worker.owner, worker.started = task, payer, now
            worker.deadline = now + allowed
        self.queue = kept

    def _finish(self, task: str, verdict: dict[str, Any]) -> None:
        self.cache[task] = verdict
        for tag, _ in self.waiting.pop(task, []):
            self.ready.append((tag, dict(verdict)))

    def waitables(self) -> list[Connection]:
        """Connections to wait on."""
        return [w.conn for w in self.workers if w.task is not None]

    def next_deadline(self) -> float | None:
        """Seconds until the earliest running comparison times out."""
        busy = [w.deadline for w in self.workers if w.task is not None]
        return max(0.0, min(busy) - time.monotonic()) if busy else None

    def pump(self) -> list[tuple[Any, dict[str, Any]]]:
        """Collect finished verdicts (and kill comparisons past their time)."""
        for i, worker in enumerate(self.workers):
            if worker.task is None:
                continue
            task, owner = worker.task, worker.owner
            verdict = None
            if worker.conn.poll():
                try:
                    verdict = json.loads(worker.conn.recv_bytes())
                except (EOFError, OSError, ValueError):
                    verdict = None
                self._charge(worker)
                if verdict is not None:
                    worker.task = None
                    self._finish(task, verdict)
                    continue
            elif time.monotonic() < worker.deadline:
                continue
            else:
                self._charge(worker)
                if worker.deadline < worker.started + self.timeout:
                    # stopped by its owner's budget, not by the time limit: the others retry
                    worker.stop()
                    self.workers[i] = _Worker(self.judge, self.memory_mb)
                    self._requeue(task, owner)
                    continue
                verdict = too_slow(self.timeout)
                self.timeouts += 1
            worker.stop()  # too slow, or died: replace it
            self.workers[i] = _Worker(self.judge, self.memory_mb)
            self._finish(task, verdict or judge_failed())
        self._dispatch()
        ready, self.ready = self.ready, []
        return ready

    def _charge(self, worker: _Worker) -> None:
        if worker.owner in self.budget:
            elapsed = time.monotonic() - worker.started
            self.spent[worker.owner] = self.spent.get(worker.owner, 0.0) + elapsed
            if self._spent(worker.owner):
                self.exhausted.add(worker.owner)

    def _requeue(self, task: str, owner: Any) -> None:
        self.exhausted.add(owner)
        for tag, _ in [w for w in self.waiting.get(task, []) if w[1] == owner]:
            self.ready.append((tag, not_checked()))
        rest = [w for w in self.waiting.pop(task, []) if w[1] != owner]
        if rest:
            self.waiting[task] = rest
            self.queue.appendleft(task)

    def judge_now(self, question_id: str, answer: dict[str, Any],
                  key: dict[str, Any]) -> dict[str, Any]:
        """Judge one answer and wait for its verdict."""
        self.submit("now", question_id, answer, key)
        while True:
            for tag, verdict in self.pump():
                if tag == "now":
                    return verdict
            wait(self.waitables(), timeout=min(0.2, self.next_deadline() or 0.2))

    def close(self) -> None:
        """Stop every judge process."""
        for worker in self.workers:
            worker.stop()
        self.workers = []

    def __enter__(self) -> JudgePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def judge_failed() -> dict[str, Any]:
    """The verdict when the judge process itself failed."""
    return {"score": 0.0, "verdict": "invalid",
            "message": "This answer could not be checked (the comparison failed).", "hint": None}
