"""Write a homework release: what students receive, and nothing more.

``python -m helpers.grade release 01-partial-derivatives --out DIR`` writes:

- ``DIR/01-partial-derivatives.ipynb``: the exercise notebook (from
  ``exercises/``, answers already removed by the generator);
- ``DIR/helpers/``: the course package **without** ``helpers/keys/``, the
  grader (``helpers/grading/``, ``helpers/grade.py``) and caches; with no key
  installed, ``check(...)`` in the notebook looks only at the form of an
  answer (type, size, variables) and says it will be graded;
- ``DIR/requirements.txt``: the pinned packages a learner needs (no test or
  development tools);
- ``DIR/README.txt``: how to open the notebook and what to hand in.

The release is checked before it is reported: no file in it may be a
solution notebook or an answer key.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers.grading.submissions import TeacherError, lesson_number

__all__ = ["release", "LEFT_OUT"]

_ROOT = Path(__file__).resolve().parent.parent.parent

#: What the release's copy of helpers/ leaves out.
#: The question templates (and the practice built on them, in the same folder) are left out too:
#: they compute keys.
LEFT_OUT = ("keys", "grading", "grade.py", "templates", "__pycache__", "*.pyc", "*.json")

_DEV_TOOLS = ("pytest", "hypothesis", "ruff", "playwright", "nbval", "nbclient", "-e ")

_README = """\
Homework: {lesson}

1. Install Python 3.10 or newer, then in this folder:
       python -m venv .venv && .venv/bin/pip install -r requirements.txt
2. Start JupyterLab:  .venv/bin/jupyter lab {lesson}.ipynb
3. Answer each question by replacing the ... in its answer cell, and run the
   check(...) cell under it: it tells you whether your answer has a form that
   can be graded (a formula in the right variables, the right number of
   values...). It does not say whether it is right: that is for the grading.
4. Hand in {lesson}.ipynb (keep its name; do not delete or copy answer cells).
"""


def _exercise(lesson: str, root: Path) -> Path:
    number = lesson_number(lesson) or (lesson if lesson.isdigit() and len(lesson) == 2 else None)
    if number is None:
        raise TeacherError(f"not a lesson name: {lesson!r} (expected e.g. 01-partial-derivatives)")
    matches = sorted((root / "exercises").glob(f"{number}-*.ipynb"))
    if lesson_number(lesson):
        matches = [m for m in matches if m.stem == lesson]
    if not matches:
        raise TeacherError(f"no exercise notebook for lesson {lesson} in {root / 'exercises'}")
    return matches[0]


def release(lesson: str, out: Path, root: Path = _ROOT) -> Path:
    """Write the release of one lesson's exercise into ``out``.

    Parameters
    ----------
    lesson : str
        ``"01-partial-derivatives"`` or ``"01"``.
    out : Path
        Folder to write (created; an existing ``helpers/`` in it is replaced).
    root : Path
        The course repository.

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    TeacherError
        No such exercise, or ``out`` cannot be written.
    """
    exercise = _exercise(lesson, root)
    try:
        out.mkdir(parents=True, exist_ok=True)
        shutil.copy2(exercise, out / exercise.name)
        shutil.rmtree(out / "helpers", ignore_errors=True)
        shutil.copytree(root / "helpers", out / "helpers",
                        ignore=shutil.ignore_patterns(*LEFT_OUT))
        lines = (root / "requirements.txt").read_text(encoding="utf-8").splitlines()
        keep = [line for line in lines
                if not any(line.strip().lower().startswith(t) for t in _DEV_TOOLS)]
        (out / "requirements.txt").write_text("\n".join(keep) + "\n", encoding="utf-8")
        (out / "README.txt").write_text(_README.format(lesson=exercise.stem), encoding="utf-8")
    except OSError as exc:
        raise TeacherError(f"cannot write the release to {out}: {exc.strerror or exc}") from None
    leaks = [p for p in out.rglob("*") if p.name == "keys" or p.suffix == ".json"
             or "solutions" in p.relative_to(out).parts]
    if leaks:
        raise TeacherError(f"the release would contain {leaks[0]}; nothing was handed out")
    return out
