"""Run a plan of notebook cells and stream the answers as JSON lines (child side).

This module runs **inside the sandboxed child process**, never in the
grader. It executes the code cells of one notebook in order in one
namespace, the way a kernel would, and reports what happened as one JSON
object per line on a file descriptor:

``{"e": "cell", "n": 7}``
    cell 7 is about to run (so a hang or crash can be located);
``{"e": "ran", "n": 7, "error": "NameError: name 'q' is not defined", "oom": false}``
    cell 7 finished: the error it raised (None if none; the next cells still
    run), and whether it ran out of memory (``MemoryError``);
``{"e": "answer", "id": "01-fx", "answer": {...}, "error": null}``
    right after an answer cell ran: its answer encoded by
    :func:`helpers.answers.encode` (plain JSON; a formula travels as text),
    and the error the cell raised, if any;
``{"e": "done"}``
    every cell ran.

Learner code can write to the same channel; the grader reads the stream
against its plan and believes only what fits it (:mod:`helpers.grading.stream`).

IPython syntax is turned into Python by IPython's own transformer; line
magics and shell commands (``%matplotlib widget``, ``!pip ...``) do nothing,
and the cell magics ``%%time``, ``%%timeit`` and ``%%capture`` run their body
once. Printed output is discarded. The references this module relies on are
taken before any cell runs, so a notebook that monkeypatches ``json``,
``helpers`` or this module changes nothing but its own answers.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import sys
from collections.abc import Callable
from typing import Any

from helpers.answers import encode

__all__ = ["MAX_ANSWER_BYTES", "python_source", "run_plan", "child_main"]

#: Largest encoded answer sent back, in bytes; a larger one is replaced.
MAX_ANSWER_BYTES = 256 * 1024

_BODY_MAGICS = ("time", "timeit", "capture")


def python_source(source: str) -> str:
    """A cell's source as plain Python (IPython magics become calls).

    Examples
    --------
    >>> python_source("%matplotlib widget\\nx = 1\\n")
    "get_ipython().run_line_magic('matplotlib', 'widget')\\nx = 1\\n"
    """
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


class _Shell:
    """What ``get_ipython()`` returns in the child: magics do (almost) nothing."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        self._namespace = namespace

    def run_line_magic(self, *args: Any, **kwargs: Any) -> None:
        return None

    def run_cell_magic(self, name: str, line: str, body: str) -> None:
        if name in _BODY_MAGICS:
            exec(compile(python_source(body), "<cell magic>", "exec"), self._namespace)

    def system(self, *args: Any, **kwargs: Any) -> None:
        return None

    def getoutput(self, *args: Any, **kwargs: Any) -> list[str]:
        return []


class _Discard(io.TextIOBase):
    """A text stream that swallows everything written to it."""

    def write(self, text: str) -> int:
        return len(text) if isinstance(text, str) else 0

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False


def _describe(exc: BaseException) -> str:
    try:
        if isinstance(exc, SystemExit):
            return "the cell called exit() or sys.exit()"
        name = type(exc).__name__
        if isinstance(exc, SyntaxError):
            return f"SyntaxError: {exc.msg} (line {exc.lineno})"[:300]
        text = str(exc)
        return f"{name}: {text}"[:300] if text else name
    except BaseException:  # an exception whose str() fails
        return "an error that could not be described"


def run_plan(plan: dict[str, Any], emit: Callable[[dict[str, Any]], None]) -> None:
    """Execute a plan's cells in order and emit one event per step.

    Parameters
    ----------
    plan : dict
        ``{"cells": [{"number", "source", "capture"}, ...]}`` as written by
        :meth:`helpers.grading.notebook.Plan.to_json`.
    emit : callable
        Called with each event (a dict of plain JSON values).
    """
    _encode, _dumps, _exec, _compile = encode, json.dumps, builtins.exec, builtins.compile
    _isinstance, _len = builtins.isinstance, builtins.len
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
    shell = _Shell(namespace)
    namespace["get_ipython"] = lambda: shell
    namespace["display"] = lambda *args, **kwargs: None
    sys.stdout = sys.stderr = _Discard()
    ballast = bytearray(2 * 2**20)  # freed to report a MemoryError
    for cell in plan["cells"]:
        number, capture = cell["number"], cell.get("capture")
        emit({"e": "cell", "n": number})
        error, oom = None, False
        try:
            code = _compile(python_source(cell["source"]), f"<cell {number}>", "exec")
            _exec(code, namespace)
        except MemoryError:
            del ballast
            oom = True
            error = "MemoryError: the cell ran out of memory"
            ballast = bytearray(2 * 2**20)
        except BaseException as exc:  # noqa: BLE001 - any learner error, exit() included
            error = _describe(exc)
        emit({"e": "ran", "n": number, "error": error, "oom": oom})
        if capture:
            try:
                answer = _encode(namespace.get(capture["answer"], ...))
                if _len(_dumps(answer)) > MAX_ANSWER_BYTES:
                    answer = {"type": "other", "python_type": "an answer too large to grade"}
            except BaseException:  # noqa: BLE001 - an unencodable value
                answer = {"type": "other", "python_type": "an unreadable value"}
            if not _isinstance(answer, dict):
                answer = {"type": "other", "python_type": "an unreadable value"}
            emit({"e": "answer", "id": capture["grade_id"], "answer": answer, "error": error})
    emit({"e": "done"})


def _writer(fd: int) -> Callable[[dict[str, Any]], None]:
    dumps, write, exit_now = json.dumps, os.write, os._exit

    def emit(event: dict[str, Any]) -> None:
        try:
            data = memoryview((dumps(event) + "\n").encode("utf-8"))
            while data:
                data = data[write(fd, data):]
        except (TypeError, ValueError):
            if event.get("e") == "answer":
                emit({**event, "answer": {"type": "other",
                                          "python_type": "an answer that could not be sent"}})
        except OSError:  # the grader stopped listening
            exit_now(75)

    return emit


def child_main(plan_fd: int, result_fd: int) -> None:
    """Read a plan from ``plan_fd``, run it, stream events to ``result_fd``.

    Parameters
    ----------
    plan_fd, result_fd : int
        File descriptors; ``plan_fd`` is read to its end and closed.
    """
    chunks = []
    while chunk := os.read(plan_fd, 1 << 20):
        chunks.append(chunk)
    os.close(plan_fd)
    plan = json.loads(b"".join(chunks))
    run_plan(plan, _writer(result_fd))
