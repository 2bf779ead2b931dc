"""Wall-clock time to run each lesson top to bottom, against a kernel that runs nothing.

Run with ``python benchmarks/notebook_runtime.py [lessons/NN-*.ipynb ...]``. Prints, per notebook,
the seconds it took in a fresh kernel (start-up included), the ratio to the empty baseline measured
in the same run, and the ratio to the course's budget of 10 seconds per notebook. Nothing is
asserted: timings depend on the machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 10.0


def run_seconds(notebook: nbformat.NotebookNode, folder: Path) -> float:
    """Seconds to execute a notebook in a fresh kernel, kernel start-up included."""
    start = time.perf_counter()
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    return time.perf_counter() - start


def main(paths: list[str]) -> None:
    notebooks = [Path(p) for p in paths] or sorted((ROOT / "lessons").glob("*.ipynb"))
    empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
    baseline = min(run_seconds(empty, ROOT) for _ in range(2))
    print(f"empty kernel baseline: {baseline:.2f} s")
    print(f"{'notebook':40} {'seconds':>8} {'x baseline':>11} {'x budget':>9}")
    for path in notebooks:
        seconds = run_seconds(nbformat.read(path, as_version=4), path.parent)
        print(f"{path.name:40} {seconds:8.2f} {seconds / baseline:11.1f} {seconds / BUDGET:9.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
