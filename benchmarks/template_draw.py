"""How long does drawing a version of a question take (what "Another one" waits for)?

Times :func:`helpers.templates.variant` (draw the parameters, compute the text, the key by
sympy, the likely mistakes and the worked answer) for ``--seeds`` seeds of every templated
question. Each question gets seeds of its own, so no other question has warmed a cache for
them. It prints, per question, the median and the largest time in milliseconds over all
seeds, the median over the seeds whose parameter set came up for the first time ("cold":
nothing cached), and the ratio of the cold median to the goal of 50 ms.

Run: ``python benchmarks/template_draw.py [--seeds 200] [--lessons 02 03]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from helpers.templates import LESSONS_WITH_TEMPLATES, templates_for, variant

GOAL_MS = 50.0


def _times(qid: str, seeds: range) -> tuple[list[float], list[float]]:
    """Milliseconds per seed, for every seed and for the first seed of each parameter set."""
    every, cold, seen = [], [], set()
    for seed in seeds:
        start = time.perf_counter()
        v = variant(qid, seed)
        elapsed = 1000 * (time.perf_counter() - start)
        every.append(elapsed)
        params = json.dumps(v.params, sort_keys=True)
        if params not in seen:
            seen.add(params)
            cold.append(elapsed)
    return every, cold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=200)
    parser.add_argument("--lessons", nargs="*", default=list(LESSONS_WITH_TEMPLATES))
    args = parser.parse_args()
    print(f"ms per version over {args.seeds} seeds; goal {GOAL_MS:.0f} ms")
    print(f"{'question':26s} {'median':>7s} {'max':>7s} {'cold median':>12s} {'cold/goal':>10s}")
    for lesson in args.lessons:
        for index, qid in enumerate(templates_for(lesson)):
            first = 1 + 100_000 * (int(lesson) * 100 + index)
            every, cold = _times(qid, range(first, first + args.seeds))
            print(f"{qid:26s} {statistics.median(every):7.2f} {max(every):7.1f} "
                  f"{statistics.median(cold):12.2f} {statistics.median(cold) / GOAL_MS:10.3f}")


if __name__ == "__main__":
    main()
