"""What a finished submission means: its status, its reason, its question rows.

A job's status comes from how its process ended as the fork server saw it
(exit code, signal, the wall-clock kill, resource use) and how much it sent;
its events, read against the plan, only say where it stopped and which
answers it gave, one per question; see :func:`outcome`.

Question verdicts, beyond those of :func:`helpers.answers.judge`
(``correct``, ``incorrect``, ``not answered``, ``invalid``): ``missing`` (the
answer cell was deleted or lost its metadata) and ``not run`` (the notebook
stopped before the cell ran, or it was not run at all).
"""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import time
from pathlib import Path
from typing import Any

import helpers
from helpers.grading import CRASHED, GRADED, OUT_OF_MEMORY, TIMED_OUT
from helpers.grading.notebook import MAX_BYTES, InvalidNotebook, Plan
from helpers.grading.report import answer_text
from helpers.grading.sandbox import Job
from helpers.grading.stream import Stream, cap_notes, clean_text, read_stream
from helpers.grading.submissions import Key, Submission, shown

__all__ = ["outcome", "digest_of", "record_for", "question_rows"]


def _where(cells: list[int], plan: Plan | None) -> str:
    if not cells:
        return ""
    sources = {c["number"]: c["source"] for c in plan.cells} if plan else {}
    first = next((line.strip() for line in sources.get(cells[-1], "").splitlines()
                  if line.strip()), "")
    first = clean_text(first, 40)
    return f" (in cell {cells[-1]}: {first})" if first else f" (in cell {cells[-1]})"


def outcome(job: Job, plan: Plan | None = None, stream: Stream | None = None) -> tuple[str, str]:
    """Status and plain reason for a finished job.

    The status comes from what the fork server observed of the process (how
    it ended, its CPU time and memory, the wall clock) and from how much it
    sent; the events it sent only say *where* it stopped and, when it ended
    normally, whether a cell ran out of memory. Events are read against the
    plan (:func:`helpers.grading.stream.read_stream`), so forged ones change
    nothing: a forged ``done`` does not make a crash graded, a forged
    ``oom`` or cell number outside its place is ignored.

    Parameters
    ----------
    job : Job
        The finished job.
    plan : Plan, optional
        Its plan, to read the events against and to quote the first line of
        the cell where it stopped.
    stream : Stream, optional
        The events already read against the plan.
    """
    if stream is None:
        stream = read_stream(job.events, plan.cells if plan else None)
    limits, exit_ = job.limits, job.exit or {}
    where = _where(stream.cells, plan)
    sig, code = exit_.get("signal"), exit_.get("code")
    if job.overflow:
        return CRASHED, f"it sent back more than {limits.output_mb:g} MB of answers{where}"
    if exit_.get("timed_out"):
        return TIMED_OUT, f"it was still running after {limits.wall:g} s{where}, so it was stopped"
    if sig == signal.SIGXCPU or (sig == signal.SIGKILL and exit_.get("cpu", 0) >= limits.cpu):
        return TIMED_OUT, f"it used more than {limits.cpu} s of CPU time{where}, so it was stopped"
    heavy = exit_.get("maxrss_kb", 0) * 1024 > 0.8 * limits.memory_mb * 2**20
    if sig and heavy:
        cell = f"cell {stream.cells[-1]}" if stream.cells else "a cell"
        return OUT_OF_MEMORY, f"{cell} tried to use more than {limits.memory_mb} MB of memory"
    if exit_.get("error"):
        return CRASHED, f"the sandbox could not start it ({clean_text(exit_['error'], 200)})"
    if job.lost:
        return CRASHED, "it stopped the grading sandbox itself"
    if sig:
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else sig
        return CRASHED, f"its process was killed by signal {name}{where}"
    if code != 0 or not stream.done:
        return CRASHED, (f"it ended its own process (exit code {code}){where} "
                         "before the notebook finished")
    if stream.oom:
        return OUT_OF_MEMORY, (f"cell {stream.oom[0]} tried to use more than "
                               f"{limits.memory_mb} MB of memory")
    return GRADED, ""


def digest_of(path: Path) -> tuple[str, bytes]:
    """The file's sha256 and its content (not read at all when too large)."""
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InvalidNotebook("it is not a regular file")
    with os.fdopen(fd, "rb") as handle:
        if os.fstat(handle.fileno()).st_size <= MAX_BYTES:
            data = handle.read(MAX_BYTES + 1)
            digest.update(data)
            return digest.hexdigest(), data
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    raise InvalidNotebook(f"the file is too large ({path.stat().st_size / 2**20:.1f} MB; "
                          f"the limit is {MAX_BYTES / 2**20:.0f} MB)", digest.hexdigest())


def record_for(sub: Submission, digest: str, key: Key | None, status: str, reason: str,
               sandbox: str) -> dict[str, Any]:
    """A result record with no question graded yet."""
    return {"student": sub.student, "file": shown(str(sub.path)), "sha256": digest,
            "grader_version": helpers.__version__, "key_sha256": key.sha256 if key else None,
            "lesson": key.lesson if key else None, "status": status, "reason": reason,
            "score": 0.0, "max_score": key.max_score if key else 0.0, "questions": [],
            "notes": cap_notes(list(sub.notes)), "sandbox": sandbox,
            "graded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def question_rows(record: dict[str, Any], key: Key, plan: Plan | None, stream: Stream | None,
                  verdicts: dict[str, dict[str, Any]]) -> None:
    """Fill ``record["questions"]`` and ``record["score"]``, one row per key question."""
    answers = stream.answers if stream else {}
    for q in key.questions:
        entry = {"id": q.grade_id, "max": q.points, "points": 0.0, "answer": None, "error": None}
        if plan is not None and q.grade_id in plan.missing:
            entry.update(verdict="missing", message=plan.missing[q.grade_id], hint=None)
        elif q.grade_id in verdicts:
            event = answers.get(q.grade_id, {})
            v = verdicts[q.grade_id]
            entry.update(verdict=v["verdict"], message=v["message"], hint=v["hint"],
                         points=round(q.points * v["score"], 6),
                         answer=answer_text(event.get("answer")), error=event.get("error"))
            if v.get("note"):  # the likely mistake's short name, counted in the summary
                entry["note"] = v["note"]
            if entry["error"] and v["verdict"] == "not answered":
                entry["message"] = (f"The answer cell stopped with an error before "
                                    f"{q.answer} got a value.")
        else:
            why = record["reason"] or "the notebook stopped"
            entry.update(verdict="not run", hint=None,
                         message=f"This cell never ran: {why}." if plan else "Not graded.")
        record["questions"].append(entry)
    record["score"] = round(sum(e["points"] for e in record["questions"]), 6)
