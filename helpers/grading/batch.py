"""Grade a whole class: validate, run in the sandbox, judge, write, resume.

The order matters for safety: the sandbox's fork server is started
**before** any solution notebook is read, the keys are built in the sandbox
before any submission runs there, and the judge processes are forked from
the grader (which runs no submission code) once the keys are known.

A submission is skipped (resumed) when ``results/<student>.json`` already
holds the same submission hash, grader version and key hash; ``force``
grades everything again. Results are written one by one, atomically, as each
submission finishes, so a run killed at any moment loses only the
submissions that were in flight.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, TextIO

import helpers
from helpers.grading import GRADED, TIMED_OUT
from helpers.grading.compare import JudgePool, judge_answer
from helpers.grading.intake import Intake, failed_record
from helpers.grading.notebook import lesson_of, make_plan
from helpers.grading.notebook import questions_of as _questions_of
from helpers.grading.notebook import read_notebook as _read
from helpers.grading.outcome import outcome, question_rows
from helpers.grading.report import (
    feedback_html,
    gradebook_csv,
    load_result,
    summary_html,
    write_atomic,
    write_json_atomic,
)
from helpers.grading.sandbox import Limits, Sandbox, SandboxError
from helpers.grading.stream import cap_notes, read_stream
from helpers.grading.submissions import (
    Key,
    Submission,
    TeacherError,
    choose,
    file_stem,
    find_keys,
    find_submissions,
    lesson_number,
    shown,
)
from helpers.grading.versions import add_version_texts, version_key, version_mismatch, versioned_id
from helpers.questions import get_question
from helpers.templates import student_seed

__all__ = ["Options", "Progress", "grade"]


@dataclass
class Options:
    """Everything one grading run needs (the command line's options)."""

    submissions: list[Path]
    out: Path
    key: Path
    lesson: str | None = None
    workers: int = field(default_factory=lambda: len(os.sched_getaffinity(0)))
    limits: Limits = field(default_factory=Limits)
    compare_timeout: float = 10.0
    force: bool = False
    isolation: str = "auto"
    secret: bytes | None = None  # the course secret of a roster release: each student's own version
    progress: TextIO | None = sys.stderr


class Progress:
    """A one-line progress bar: done/total, failures so far, time left."""

    def __init__(self, total: int, stream: TextIO | None) -> None:
        self.total, self.stream, self.start = total, stream, time.monotonic()
        self.done = self.failures = self.skipped = 0
        self.tty = bool(stream and stream.isatty())
        self.shown = -1

    def update(self, status: str | None = None, skipped: bool = False) -> None:
        self.done += 1
        self.skipped += skipped
        self.failures += status not in (None, GRADED)
        self.show()

    def show(self, final: bool = False) -> None:
        if not self.stream:
            return
        decile = 10 * self.done // max(self.total, 1)
        if final and not self.tty and self.shown == 10:
            return
        if not (self.tty or final or decile > self.shown):
            return
        self.shown = decile
        ran = self.done - self.skipped
        left = self.total - self.done
        eta = (time.monotonic() - self.start) / ran * left if ran else 0.0
        bar = "#" * (24 * self.done // max(self.total, 1))
        line = (f"grading [{bar:<24}] {self.done}/{self.total}  failures {self.failures}  "
                f"ETA {int(eta) // 60}:{int(eta) % 60:02d}")
        end = "\n" if final or not self.tty else ""
        self.stream.write(("\r" if self.tty else "") + line + end)
        self.stream.flush()


class _Run:
    """One grading run's state (see :func:`grade`)."""

    def __init__(self, options: Options) -> None:
        self.o = options
        self.results_dir = options.out / "results"
        self.feedback_dir = options.out / "feedback"
        self.records: dict[str, dict[str, Any]] = {}
        self.sandbox: Sandbox | None = None

    def prepare_output(self) -> None:
        try:
            for folder in (self.results_dir, self.feedback_dir):
                folder.mkdir(parents=True, exist_ok=True)
                probe = folder / ".write-test"
                probe.write_text("ok")
                probe.unlink()
            for stale in self.results_dir.glob(".*.tmp"):  # left by a killed run
                stale.unlink()
        except OSError as exc:
            raise TeacherError(f"cannot write to the output folder {self.o.out}: "
                               f"{exc.strerror or exc}") from None

    def write(self, record: dict[str, Any]) -> None:
        stem = file_stem(record["student"])
        write_atomic(self.feedback_dir / f"{stem}.html", feedback_html(record))
        write_json_atomic(self.results_dir / f"{stem}.json", record)  # last: marks it done
        self.records[stem] = record

    def build_keys(self, keys: list[Key]) -> None:
        """Run each solution notebook in the sandbox (before any submission)."""
        for key in keys:
            solution = _read(key.path.read_bytes())
            raw = json.loads(key.path.read_text(encoding="utf-8"))
            key.questions = _questions_of(raw)
            try:
                for question in key.questions:
                    get_question(question.grade_id)
            except KeyError as exc:
                raise TeacherError(f"the solution notebook {key.path} asks a question that "
                                   f"cannot be judged: {exc.args[0]} in helpers/questions") from None
            plan = make_plan(solution, key.questions, key.number)
            # the key needs the cells up to the last answer, not what follows (the practice
            # section, whose question templates the sandbox does not hold)
            last = max(i for i, c in enumerate(plan.cells) if c["capture"])
            plan.cells = plan.cells[: last + 1]
            job = self.sandbox.run(plan, Limits(wall=300, cpu=300, memory_mb=4096),
                                   name=f"key-{key.number}")
            stream = read_stream(job.events, plan.cells)
            errors = stream.errors
            status, reason = outcome(job, plan, stream)
            if errors or status != GRADED:
                detail = errors[0][1] if errors else reason
                cell = f" in cell {errors[0][0]}" if errors else ""
                raise TeacherError(f"the solution notebook {key.path} failed{cell}: {detail}")
            key.answers = {q: a["answer"] for q, a in stream.answers.items()}
            unanswered = [q.grade_id for q in key.questions
                          if key.answers.get(q.grade_id, {}).get("type", "missing") == "missing"]
            if unanswered:
                raise TeacherError(f"the solution notebook {key.path} has no answer for "
                                   + ", ".join(unanswered))

    def run(self) -> dict[str, Any]:
        o = self.o
        self.prepare_output()
        subs = find_submissions(o.submissions, exclude=o.out.resolve())
        self.sandbox = Sandbox(o.isolation, slots=o.workers)
        try:
            return self._grade_all(subs)
        finally:
            self.sandbox.close()

    def _batch_key(self, subs: list[Submission], keys: dict[str, Key],
                   intake: Intake) -> Key | None:
        """The one lesson of this batch: ``--lesson``, or what most students handed in."""
        if self.o.lesson:
            number = self.o.lesson[:2]
            if number not in keys:
                raise TeacherError(f"no answer key for lesson {self.o.lesson} in {self.o.key}")
            return keys[number]
        votes: Counter[str] = Counter()
        for sub in subs:
            if sub.refused:
                continue
            if len(sub.candidates) == 1:
                intake.read(sub)
                notebook = intake.parsed.get(sub.stem)
                number = lesson_of(notebook.grade_ids) if notebook else None
                numbers = {number or lesson_number(sub.lesson_hint or "")}
            else:
                numbers = {lesson_number(shown(p.stem)) for p in sub.candidates}
            numbers.discard(None)
            if len(numbers) == 1:
                votes[numbers.pop()] += 1
        known = [n for n, _ in votes.most_common() if n in keys]
        if known:
            return keys[known[0]]
        return next(iter(keys.values())) if len(keys) == 1 else None

    def _grade_all(self, subs: list[Submission]) -> dict[str, Any]:
        o = self.o
        keys = find_keys(o.key)
        intake = Intake()
        key = self._batch_key(subs, keys, intake)
        progress = Progress(len(subs), o.progress)
        todo = []
        for sub in subs:
            if key is not None:
                choose(sub, key.lesson)
            if not sub.refused:
                intake.read(sub)
            old = load_result(self.results_dir / f"{sub.stem}.json")
            if (not o.force and old and not sub.refused and old.get("student") == sub.student
                    and old.get("sha256") == intake.digests.get(sub.stem)
                    and old.get("grader_version") == helpers.__version__
                    and old.get("key_sha256") == (key.sha256 if key else None)
                    and old.get("version") == self._version(sub, key)):
                self.records[sub.stem] = old
                if not (self.feedback_dir / f"{sub.stem}.html").exists():
                    write_atomic(self.feedback_dir / f"{sub.stem}.html", feedback_html(old))
                progress.update(old.get("status"), skipped=True)
            else:
                todo.append(sub)
        if key is not None and any(intake.parsed.get(s.stem) for s in todo):
            self.sandbox.start()  # a fresh interpreter, before any solution is parsed
            try:
                self.sandbox.wait_ready()
            except SandboxError:
                if o.isolation != "auto" or self.sandbox.isolation == "none":
                    raise
                self.sandbox.close()  # bubblewrap is installed but failed: go without
                self.sandbox = Sandbox("none", slots=o.workers)
                self.sandbox.start()
                self.sandbox.wait_ready()
            self.build_keys([key])
        description = self.sandbox.description
        queue = []
        for sub in todo:
            item = intake.plan(sub, key, description)
            if not isinstance(item, dict):
                item[3]["version"] = self._version(sub, key)
                item[3]["version_reason"] = version_mismatch(intake.parsed.get(sub.stem), item[3]["version"])
            if isinstance(item, dict):
                record = item
                self.write(record)
                progress.update(record["status"])
            else:
                queue.append(item)
        self._execute(queue, progress)
        progress.show(final=True)
        return self.finish(subs, description)

    def _execute(self, queue: list, progress: Progress) -> None:
        if not queue:
            return
        o = self.o
        pending = list(reversed(queue))
        running: dict[str, tuple] = {}
        judging: dict[str, dict[str, Any]] = {}
        suspects: set[str] = set()  # in flight when the sandbox died: each reruns alone
        for key in {id(k): k for _, k, _, _ in queue}.values():  # warm sympy before forking
            for question, answer in key.answers.items():  # judges: the key against itself
                judge_answer(question, answer, answer)
        with JudgePool(size=o.workers, timeout=o.compare_timeout) as pool:
            while pending or running or judging:
                while pending and len(running) < o.workers:
                    alone = pending[-1][0].stem in suspects
                    if (alone and running) or suspects & running.keys():
                        break
                    item = pending.pop()
                    running[item[0].stem] = item
                    self.sandbox.submit(item[0].stem, item[2], o.limits)
                deadline = pool.next_deadline()
                wait(self.sandbox.waitables() + pool.waitables(),
                     timeout=0.2 if deadline is None else min(0.2, deadline + 0.01))
                done = self.sandbox.pump()
                lost = [job for job in done if job.lost]
                culprit = len(lost) == 1 and lost[0].name in suspects  # it ran alone
                if lost and not culprit:  # the server died: rerun each of them alone
                    for job in lost:
                        suspects.add(job.name)
                        pending.append(running.pop(job.name))
                if lost:
                    self.sandbox.restart()
                    self.sandbox.wait_ready()
                for job in done:
                    if job.name not in running:
                        continue
                    self._collect(job, running.pop(job.name), pool, judging, progress)
                for (student, question), verdict in pool.pump():
                    judging[student]["verdicts"][question] = verdict
                for student in [s for s, j in judging.items() if j["wanted"] <= set(j["verdicts"])]:
                    state = judging.pop(student)
                    sub, key, plan, record = state["item"]
                    if sub.stem in pool.exhausted and record["status"] == GRADED:
                        record["status"] = TIMED_OUT
                        record["reason"] = (f"checking its answers used up what was left of its "
                                            f"{self.o.limits.wall:g} s, so some were not checked")
                    try:
                        question_rows(record, key, plan, state["stream"], state["verdicts"])
                        add_version_texts(record)
                    except Exception as exc:  # noqa: BLE001 - one submission never stops the batch
                        record = failed_record(sub, record["sha256"], key, record["sandbox"], exc,
                                               "reading its answers")
                    self.write(record)
                    progress.update(record["status"])

    def _version(self, sub: Submission, key: Key | None) -> int | None:
        """The student's own version (from the secret and the id, never the notebook), or None."""
        if self.o.secret is None or key is None:
            return None
        return student_seed(self.o.secret, sub.student, key.lesson)

    def _collect(self, job: Any, item: tuple, pool: JudgePool, judging: dict[str, Any],
                 progress: Progress) -> None:
        """Read a finished job's events and send its answers to the judges."""
        sub, key, plan, record = item
        try:
            stream = read_stream(job.events, plan.cells)
            record["status"], record["reason"] = outcome(job, plan, stream)
            if mismatch := record.pop("version_reason", ""):
                record["reason"] = "; ".join(r for r in (record["reason"], mismatch) if r)
            record["seconds"] = round(float((job.exit or {}).get("seconds", 0.0)), 3)
            record["notes"] = cap_notes(record["notes"] + stream.notes)
            answers = {q: a["answer"] for q, a in stream.answers.items() if q in key.answers}
        except Exception as exc:  # noqa: BLE001 - one submission never stops the batch
            record = failed_record(sub, record["sha256"], key, record["sandbox"], exc,
                                   "reading its answers")
            self.write(record)
            progress.update(record["status"])
            return
        judging[sub.stem] = {"item": item, "stream": stream, "verdicts": {},
                             "wanted": set(answers), "seconds": record["seconds"]}
        budget = max(self.o.limits.wall - record["seconds"], self.o.compare_timeout)
        seed = record.get("version") or 0
        for question, answer in answers.items():
            pool.submit((sub.stem, question), versioned_id(question, seed), answer,
                        version_key(question, seed, key.answers[question]), owner=sub.stem, budget=budget)

    def finish(self, subs: list[Submission], sandbox: str) -> dict[str, Any]:
        records = [self.records[s.stem] for s in subs if s.stem in self.records]
        columns: dict[str, float] = {}
        for record in records:
            for q in record.get("questions", []):
                columns.setdefault(q["id"], q["max"])
        questions = list(columns.items())
        write_atomic(self.o.out / "gradebook.csv", gradebook_csv(records, questions))
        write_atomic(self.o.out / "summary.html", summary_html(records, questions, sandbox))
        return {"records": records, "sandbox": sandbox,
                "statuses": dict(Counter(r["status"] for r in records))}


def grade(options: Options) -> dict[str, Any]:
    """Grade every submission and write the results, gradebook, feedback and summary.

    Returns
    -------
    dict
        ``{"records": [...], "sandbox": str, "statuses": {status: count}}``.

    Raises
    ------
    TeacherError
        For the teacher's own mistakes: no such key or lesson, no notebooks,
        an unwritable output folder, a solution notebook that fails.
    """
    if options.workers < 1:
        raise TeacherError("--workers must be at least 1")
    if not (math.isfinite(options.compare_timeout) and options.compare_timeout > 0):
        raise TeacherError("--compare-timeout must be a positive number of seconds")
    return _Run(options).run()
