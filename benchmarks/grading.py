"""How fast does the teacher's grader grade a class?

Generates 100 varied submissions of exercise 01 (correct in several forms,
partly wrong, blank, broken, slow), then times, in one run:

(a) grader   ``python -m helpers.grade`` on 2 workers, from a cold start (the
             sandbox's fork server, the key run, judging, every report file);
(b) nbclient each notebook executed in a fresh Jupyter kernel, as nbgrader
             and otter do, 2 at a time; its ``check(...)`` cells judge the
             answers in the kernel against the installed key;
(c) exec     the same cells run with plain ``exec()`` in this one process,
             one submission after another, the libraries imported once, the
             ``check(...)`` cells judging in process; no isolation at all.

It prints seconds per submission (wall clock) for each and the ratios.
Goals: (a) at least 5x faster than (b), and within 2x of (c).

(b) costs about 2 s per notebook, so by default it runs on a sample of 20
submissions spread over the kinds (``--nbclient all`` runs all 100).

With ``--versions``, the class is a roster release: every student hands in their own
version of every question (from ``release --roster``), right, partly wrong (each wrong
answer one of that version's likely mistakes) or blank, and the grader judges each
against the version worked out from the course secret, as ``--secret-file`` does.

Run: ``python benchmarks/grading.py [--count 100] [--nbclient 20|all] [--versions]``
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import random
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSON = "01-partial-derivatives"
SOLUTION = ROOT / "solutions" / f"{LESSON}.ipynb"
EXERCISE = ROOT / "exercises" / f"{LESSON}.ipynb"
FAST_GOAL, EXEC_GOAL = 5.0, 2.0

#: Right answers in several forms, and likely mistakes, per answer variable.
RIGHT = {
    "fx": ["3*x**2*y**2 - 4*y", "y*(3*x**2*y - 4)", "sp.diff(x**3*y**2 - 4*x*y + 7*y, x)"],
    "fy": ["2*x**3*y - 4*x + 7", "sp.diff(x**3*y**2 - 4*x*y + 7*y, y)"],
    "gy": ["x*sp.cos(x*y) + 2*sp.exp(x + 2*y)", "2*sp.exp(x)*sp.exp(2*y) + x*sp.cos(x*y)"],
    "qx": ["(y**2 - x**2)/(x**2 + y**2)**2", "sp.diff(x/(x**2 + y**2), x)"],
    "hx_value": ["float(sp.E**0.5 * 1.5)", "2.4730819060501923"],
    "wz": ["3*x**2*y*z**2"],
    "fxy": ["6*x**2*y - 4", "sp.diff(x**3*y**2 - 4*x*y + 7*y, x, y)"],
    "estimate": ["(p(1 + h, 2) - p(1, 2)) / h", "4.2"],
    "larger": ['"f_x"', '"F_X"'],
}
WRONG = {
    "fx": ["3*x**2*y**2 - 4*y + 7", "3*x**2*y**2", "2*x**3*y - 4*x + 7"],
    "fy": ["2*x**3*y - 4*x", "3*x**2*y**2 - 4*y"],
    "gy": ["x*sp.cos(x*y) + sp.exp(x + 2*y)", "sp.cos(x*y) + sp.exp(x + 2*y)"],
    "qx": ["1/(x**2 + y**2)", "(x**2 - y**2)/(x**2 + y**2)**2"],
    "hx_value": ["1.6487212707001282", "2.0"],
    "wz": ["x**2*z**3", "3*x**2*y*z**3"],
    "fxy": ["6*x*y**2", "6*x**2*y"],
    "estimate": ["4.0", "3.8"],
    "larger": ['"equal"', '"f_y"'],
}
SLOW = "import time\ntime.sleep(0.3)\nbusy = sum(i * i for i in range(300_000))"


def _answer_cells(notebook: dict) -> dict[str, int]:
    return {c["metadata"]["grade"]["answer"]: i for i, c in enumerate(notebook["cells"])
            if c["cell_type"] == "code" and "grade" in c.get("metadata", {})}


def _with_answers(base: dict, choose) -> dict:
    notebook = copy.deepcopy(base)
    for name, index in _answer_cells(notebook).items():
        cell = notebook["cells"][index]
        text = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        prefix = text[: text.index("# BEGIN SOLUTION")] if "# BEGIN SOLUTION" in text else ""
        cell["source"] = prefix + f"{name} = {choose(name)}\n"
    return notebook


def make_class(folder: Path, count: int, seed: int = 2024) -> dict[str, str]:
    """Write ``count`` submissions; return student -> kind."""
    rng = random.Random(seed)
    solution = json.loads(SOLUTION.read_text())
    exercise = json.loads(EXERCISE.read_text())
    kinds = (["correct"] * 40 + ["partly wrong"] * 30 + ["blank"] * 10 + ["broken"] * 10
             + ["slow"] * 10)
    plan = {}
    for i in range(count):
        kind = kinds[i * len(kinds) // count]
        student = f"student{i:03d}"
        plan[student] = kind
        path = folder / f"{student}.ipynb"
        if kind == "correct":
            notebook = _with_answers(solution, lambda n: rng.choice(RIGHT[n]))
        elif kind == "partly wrong":
            notebook = _with_answers(solution, lambda n: rng.choice(
                WRONG[n] if rng.random() < 0.4 else RIGHT[n]))
        elif kind == "blank":
            notebook = exercise
        elif kind == "slow":
            notebook = _with_answers(solution, lambda n: rng.choice(RIGHT[n]))
            notebook["cells"].insert(3, {"cell_type": "code", "id": f"slow{i}", "metadata": {},
                                         "outputs": [], "execution_count": None, "source": SLOW})
        else:
            flavour = i % 3
            if flavour == 0:
                path.write_text(SOLUTION.read_text()[:500])  # truncated upload
                continue
            notebook = _with_answers(solution, lambda n: rng.choice(RIGHT[n]))
            if flavour == 1:
                del notebook["cells"][_answer_cells(notebook)["fx"]]
            else:
                notebook["cells"][_answer_cells(notebook)["gy"]]["source"] = "gy = 1/0"
        path.write_text(json.dumps(notebook))
    return plan


def _literal(encoded: dict) -> str:
    """Python source for an encoded answer, as a learner would type it."""
    if encoded["type"] == "expr":
        return repr(encoded["text"])
    if encoded["type"] == "list":
        return repr([item.get("text", item.get("value")) for item in encoded["items"]])
    return repr(encoded["value"])


def make_versioned_class(folder: Path, count: int, work: Path) -> bytes:
    """Write ``count`` submissions of a roster release, each in its student's own version.

    Returns the course secret the grader needs.
    """
    from helpers.encoding import encode
    from helpers.grading.versions import read_secret, recorded_version, release_versions, student_folder
    from helpers.templates import variant

    rng = random.Random(7)
    roster = work / "roster.csv"
    roster.write_text("id\n" + "".join(f"student{i:03d}\n" for i in range(count)), encoding="utf-8")
    students, _ = release_versions(LESSON, work / "release", roster, work / "secret.txt")
    for i, student in enumerate(students):
        path = work / "release" / "students" / student_folder(student.id) / f"{LESSON}.ipynb"
        notebook = json.loads(path.read_text())
        seed = recorded_version(notebook)
        kind = ("correct", "partly wrong", "partly wrong", "blank")[i % 4]
        for cell in notebook["cells"]:
            grade = cell.get("metadata", {}).get("grade")
            if not grade or kind == "blank":
                continue
            v = variant(grade["grade_id"], seed)
            wrong = kind == "partly wrong" and v.question.mistakes and rng.random() < 0.4
            answer = _literal(encode(rng.choice(v.question.mistakes).answer)) if wrong else _literal(v.key)
            text = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            cell["source"] = text.replace(f"{grade['answer']} = ...", f"{grade['answer']} = {answer}")
        (folder / f"{student.id}.ipynb").write_text(json.dumps(notebook))
    return read_secret(work / "secret.txt")[0]


def time_grader(folder: Path, out: Path, secret: bytes | None = None) -> float:
    from helpers.grading.batch import Options, grade
    from helpers.grading.sandbox import Limits

    started = time.perf_counter()
    summary = grade(Options([folder], out, ROOT / "solutions", workers=2,
                            limits=Limits(wall=60, cpu=60), progress=None, secret=secret))
    elapsed = time.perf_counter() - started
    print(f"  statuses: {summary['statuses']}")
    return elapsed


def _nbclient_one(path: Path) -> None:
    import nbclient
    import nbformat

    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001 - a broken upload fails here, as in nbgrader
        return
    client = nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3",
                                     allow_errors=True, resources={"metadata": {"path": str(ROOT)}})
    client.execute()


def time_nbclient(paths: list[Path]) -> float:
    import os
    import warnings

    saved = os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 2)  # the kernels' start-up chatter
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            started = time.perf_counter()
            with ThreadPoolExecutor(2) as pool:
                list(pool.map(_nbclient_one, paths))
            return time.perf_counter() - started
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)


def time_exec(paths: list[Path]) -> float:
    import matplotlib

    import helpers.checks  # noqa: F401 - libraries imported once, outside the timing
    from helpers.grading.runner import python_source

    matplotlib.use("Agg")

    class Shell:
        def run_line_magic(self, *args):
            return None

        run_cell_magic = system = run_line_magic

    started = time.perf_counter()
    for path in paths:
        try:
            notebook = json.loads(path.read_text())
        except ValueError:
            continue
        namespace = {"__name__": "__main__", "get_ipython": Shell}
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code":
                continue
            text = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(Exception):
                exec(compile(python_source(text), "<cell>", "exec"), namespace)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--nbclient", default="20", help="how many notebooks (b) runs, or 'all'")
    parser.add_argument("--versions", action="store_true",
                        help="a roster release: every student in their own version")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="grading-bench-"))
    try:
        folder = work / "class"
        folder.mkdir()
        secret = make_versioned_class(folder, args.count, work) if args.versions else None
        if secret is None:
            make_class(folder, args.count)
        paths = sorted(folder.glob("*.ipynb"))
        step = 1 if args.nbclient == "all" else max(1, len(paths) // int(args.nbclient))
        sample = paths[::step]
        print(f"{len(paths)} submissions; nbclient on {len(sample)} of them")
        a = time_grader(folder, work / "out", secret) / len(paths)
        print(f"(a) grader, 2 workers      {a:7.3f} s per submission")
        b = time_nbclient(sample) / len(sample)
        print(f"(b) nbclient, fresh kernel {b:7.3f} s per submission")
        c = time_exec(paths) / len(paths)
        print(f"(c) plain exec, 1 process  {c:7.3f} s per submission")
        print(f"(b)/(a) = {b / a:5.1f}x faster than nbclient   (goal: at least {FAST_GOAL:g}x)")
        print(f"(a)/(c) = {a / c:5.2f}x the cost of plain exec (goal: at most {EXEC_GOAL:g}x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
