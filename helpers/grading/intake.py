"""Take in each submission: read it, hash it, plan it, or turn it into its row.

Whatever happens while one submission is read or planned (a damaged file,
a name that is not UTF-8, a number too long to read, an error in the grader
itself) ends as that submission's row with a plain reason; it never stops
the batch.
"""

from __future__ import annotations

from typing import Any

from helpers.grading import CRASHED, INVALID
from helpers.grading.notebook import InvalidNotebook, Notebook, make_plan, read_notebook
from helpers.grading.outcome import digest_of, question_rows, record_for
from helpers.grading.stream import cap_notes, clean_text
from helpers.grading.submissions import Key, Submission

__all__ = ["Intake", "failed_record"]


def failed_record(sub: Submission, digest: str, key: Key | None, sandbox: str,
                  exc: BaseException, stage: str) -> dict[str, Any]:
    """The row of a submission the grader itself failed on while ``stage``."""
    status = CRASHED if stage == "reading its answers" else INVALID
    reason = (f"the grader failed while {stage} ({type(exc).__name__}); "
              "this submission was not graded, the others were")
    record = record_for(sub, digest, key, status, reason, sandbox)
    if key is not None:
        question_rows(record, key, None, None, {})
    return record


class Intake:
    """Read submissions once each; keep their hash, notebook or reason by file stem."""

    def __init__(self) -> None:
        self.parsed: dict[str, Notebook | None] = {}
        self.digests: dict[str, str] = {}
        self.invalid: dict[str, str] = {}
        self._read_path: dict[str, Any] = {}

    def read(self, sub: Submission) -> None:
        """Hash and parse the submission's notebook (once per chosen file)."""
        stem = sub.stem
        if self._read_path.get(stem) == sub.path:
            return
        self._read_path[stem] = sub.path
        self.parsed[stem], self.digests[stem] = None, ""
        self.invalid.pop(stem, None)
        try:
            self.digests[stem], data = digest_of(sub.path)
            self.parsed[stem] = read_notebook(data)
        except InvalidNotebook as exc:
            self.invalid[stem] = clean_text(exc.args[0], 500)
            if len(exc.args) > 1:  # too large: hashed without being read
                self.digests[stem] = exc.args[1]
        except OSError as exc:
            self.invalid[stem] = f"the file cannot be read ({clean_text(exc.strerror or exc)})"
        except Exception as exc:  # noqa: BLE001 - one file never stops the batch
            self.invalid[stem] = f"the file could not be read ({type(exc).__name__})"

    def plan(self, sub: Submission, key: Key | None, sandbox: str) -> Any:
        """``(sub, key, plan, record)`` to run, or the finished record of one not to run."""
        digest = self.digests.get(sub.stem, "")
        try:
            if key is None:
                reason = (sub.refused or self.invalid.get(sub.stem)
                          or "no answer key matches this notebook")
                return record_for(sub, digest, None, INVALID, reason, sandbox)
            record = record_for(sub, digest, key, INVALID, "", sandbox)
            try:
                if sub.refused or sub.stem in self.invalid:
                    raise InvalidNotebook(sub.refused or self.invalid[sub.stem])
                plan = make_plan(self.parsed[sub.stem], key.questions, key.number)
            except InvalidNotebook as exc:
                record["reason"] = clean_text(exc.args[0], 500)
                question_rows(record, key, None, None, {})
                return record
            record["notes"] = cap_notes(record["notes"] + plan.notes)
            return sub, key, plan, record
        except Exception as exc:  # noqa: BLE001 - one submission never stops the batch
            return failed_record(sub, digest, key, sandbox, exc, "reading the notebook")
