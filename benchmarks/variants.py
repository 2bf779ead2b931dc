"""How fast is "Another one"? Drawing a fresh version of each question, side by side with checking.

For every templated question it times, over many seeds in one run:

(a) draw   ``variant(qid, seed)``: drawing the parameters, typesetting the text, computing the
           key with sympy and the likely mistakes by their rules (what "Another one" costs);
(b) check  judging the right answer to that version (what pressing Check costs, the baseline
           a learner already waits for).

It prints the median and 90th percentile of each in milliseconds and the ratio (a)/(b).
Goal: (a) under 50 ms median for every question, so a new version appears at once.

Run: ``python benchmarks/variants.py [--seeds 200]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.answers import judge  # noqa: E402
from helpers.templates import LESSONS_WITH_TEMPLATES, templates_for, variant  # noqa: E402


def _timed(run) -> tuple[float, object]:
    start = time.perf_counter()
    result = run()
    return (time.perf_counter() - start) * 1000, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=200)
    args = parser.parse_args(argv)
    print(f"{'question':28} {'draw ms (median, p90)':>24} {'check ms (median)':>18} {'ratio':>7}")
    worst = 0.0
    for lesson in LESSONS_WITH_TEMPLATES:
        for qid in templates_for(lesson):
            draws, checks = [], []
            for seed in range(1000, 1000 + args.seeds):
                ms, v = _timed(lambda s=seed, q=qid: variant(q, s))
                draws.append(ms)
                checks.append(_timed(lambda v=v: judge(v.question, v.key, v.key))[0])
            median, p90 = statistics.median(draws), statistics.quantiles(draws, n=10)[-1]
            check = statistics.median(checks)
            worst = max(worst, median)
            print(f"{qid:28} {median:11.1f} {p90:11.1f} {check:18.1f} {median / check:7.1f}")
    print(f"slowest median draw: {worst:.1f} ms (goal: under 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
