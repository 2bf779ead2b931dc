"""Read what a submission's process sent back, believing only what fits the plan.

The runner (:mod:`helpers.grading.runner`) writes one JSON event per line,
but learner code runs in the same process and can write to the same channel.
So nothing in the stream is taken on trust. It is read against the plan the
grader itself made, in order:

- ``{"e": "cell", "n"}`` is accepted only for the next cell of the plan, and
  only after the previous cell's ``ran``;
- ``{"e": "ran", "n", "error", "oom"}`` only for the current cell; the last
  one wins (the runner writes its own after the cell's code has finished);
- ``{"e": "answer", "id", "answer", "error"}`` only for the question whose
  answer cell is the current cell: **one answer per question**, the last one
  sent in its own cell's window (the runner's, captured after the cell ran);
- ``{"e": "done"}`` only as the very last event, after every cell ran.

Every other event (a second answer, an answer outside its cell, a cell out
of order, a wrong field or type, a line that is not JSON) is ignored and
named in the notes as tampering. Every string is cleaned so that it can be
written anywhere (lone surrogates become ``\\udXXX`` escapes). A submission
that forges a whole run can at most describe a run it could have made for
real: its own answers, its own errors.

Examples
--------
>>> plan = [{"number": 1, "source": "", "capture": {"grade_id": "01-fx", "answer": "fx"}}]
>>> fake = {"e": "answer", "id": "01-fx", "answer": {"type": "text", "value": "a"}, "error": None}
>>> stream = read_stream([{"e": "cell", "n": 1}, fake, {"e": "ran", "n": 1, "error": None,
...     "oom": False}, {**fake, "answer": {"type": "text", "value": "b"}}, {"e": "done"}], plan)
>>> stream.answers["01-fx"]["answer"], stream.done
({'type': 'text', 'value': 'b'}, True)
>>> stream.notes  # doctest: +NORMALIZE_WHITESPACE
["the notebook wrote to the grader's answer channel itself (1 time(s): an answer for
'01-fx' not sent at the end of its answer cell); that was ignored"]
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MAX_NOTES", "Stream", "clean_text", "clean_json", "read_stream", "cap_notes"]

#: Most notes kept on one record; the rest are counted in one last note.
MAX_NOTES = 12

_MAX_TEXT = 2000
_MAX_DEPTH = 40


def clean_text(text: Any, limit: int = _MAX_TEXT) -> str:
    """Any value as a short string that can be encoded as UTF-8.

    Examples
    --------
    >>> clean_text("bad \\ud800 text")
    'bad \\\\ud800 text'
    """
    try:
        text = text if isinstance(text, str) else str(text)
    except Exception:  # noqa: BLE001 - a value whose str() fails
        text = "an unprintable value"
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_json(value: Any, depth: int = 0) -> Any:
    """A copy of a JSON value with every string cleaned; None where it is not plain JSON."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(value, str):
        return clean_text(value, 100_000)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, list):
        return [clean_json(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {clean_text(k, 200): clean_json(v, depth + 1) for k, v in value.items()}
    return None


def cap_notes(notes: list[str], limit: int = MAX_NOTES) -> list[str]:
    """At most ``limit`` notes, the rest summed up in a last one.

    Examples
    --------
    >>> cap_notes(["a", "b", "c"], limit=2)
    ['a', '2 more note(s) left out']
    """
    notes = [clean_text(n, 500) for n in notes[: limit + 1]] + notes[limit + 1:]
    if len(notes) <= limit:
        return notes
    return notes[: limit - 1] + [f"{len(notes) - limit + 1} more note(s) left out"]


@dataclass
class Stream:
    """What the grader believes of one run.

    Attributes
    ----------
    cells : list of int
        Cells that started, in plan order.
    ran : dict
        ``cell -> {"error": str or None, "oom": bool}`` for cells that finished.
    answers : dict
        ``grade_id -> {"answer": dict, "error": str or None}``, one per question.
    done : bool
        Every cell ran and the runner said so last.
    notes : list of str
        What was ignored as tampering.
    """

    cells: list[int] = field(default_factory=list)
    ran: dict[int, dict[str, Any]] = field(default_factory=dict)
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    done: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[tuple[int, str]]:
        """``(cell, error)`` for each cell that raised, in order."""
        return [(n, r["error"]) for n, r in self.ran.items() if r["error"]]

    @property
    def oom(self) -> list[int]:
        """Cells that ran out of memory."""
        return [n for n, r in self.ran.items() if r["oom"]]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _optional_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


_SHAPES = {
    "cell": (("e", "n"), lambda ev: _is_int(ev["n"])),
    "ran": (("e", "n", "error", "oom"),
            lambda ev: _is_int(ev["n"]) and _optional_text(ev["error"])
            and isinstance(ev["oom"], bool)),
    "answer": (("e", "id", "answer", "error"),
               lambda ev: isinstance(ev["id"], str) and isinstance(ev["answer"], dict)
               and isinstance(ev["answer"].get("type"), str) and _optional_text(ev["error"])),
    "done": (("e",), lambda ev: True),
}


def _shape_ok(event: Any) -> bool:
    if not isinstance(event, dict) or event.get("e") not in _SHAPES:
        return False
    keys, check = _SHAPES[event["e"]]
    return set(event) == set(keys) and check(event)


def read_stream(events: list[Any], plan_cells: list[dict[str, Any]] | None = None) -> Stream:
    """Read the events of one run against its plan (see the module's rules).

    Parameters
    ----------
    events : list
        Decoded lines from the child, in order; anything may be in them.
    plan_cells : list of dict, optional
        The plan's cells (``number`` and ``capture``). Without it, cells are
        accepted in any increasing order and answers in any cell.

    Returns
    -------
    Stream
    """
    order = [c["number"] for c in plan_cells] if plan_cells is not None else None
    captures = {c["number"]: c["capture"]["grade_id"]
                for c in plan_cells or [] if c.get("capture")}
    out, bad = Stream(), Counter()
    current: int | None = None
    for event in events:
        if out.done:  # nothing comes after the runner's own "done"
            out.done = False
            bad["a message after the end of the run"] += 1
        if not _shape_ok(event):
            bad["a malformed message"] += 1
            continue
        kind = event["e"]
        if kind == "cell":
            n = event["n"]
            expected = (order[len(out.cells)] if order is not None and len(out.cells) < len(order)
                        else None)
            fits = n == expected if order is not None else (not out.cells or n > out.cells[-1])
            if fits and (current is None or current in out.ran):
                out.cells.append(n)
                current = n
            else:
                bad["a cell start out of order"] += 1
        elif kind == "ran":
            if event["n"] != current:
                bad["a cell end out of order"] += 1
                continue
            if current in out.ran:
                bad["a second cell end"] += 1
            out.ran[current] = {"error": None if event["error"] is None
                                else clean_text(event["error"], 300), "oom": event["oom"]}
        elif kind == "answer":
            grade_id = event["id"]
            own = captures.get(current) if plan_cells is not None else grade_id
            if current is None or grade_id != own or current not in out.ran:
                bad[f"an answer for {clean_text(grade_id, 60)!r} not sent at the end of its "
                    "answer cell"] += 1
                continue
            if grade_id in out.answers:
                bad[f"extra answer for {grade_id}"] += 1
            out.answers[grade_id] = {"answer": clean_json(event["answer"]),
                                     "error": None if event["error"] is None
                                     else clean_text(event["error"], 300)}
        else:  # done
            finished = order is None or len(out.cells) == len(order)
            if finished and current in out.ran:
                out.done = True
            else:
                bad["an early end of the run"] += 1
    for what, count in bad.items():
        if what.startswith("extra answer for "):
            out.notes.append(f"the notebook sent {count} extra answer for {what[17:]} itself; "
                             "only the answer captured after its answer cell was graded")
        else:
            out.notes.append(f"the notebook wrote to the grader's answer channel itself "
                             f"({count} time(s): {what}); that was ignored")
    return out
