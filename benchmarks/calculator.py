"""How long does the gradient calculator take to answer, with and without the steps?

Times :func:`helpers.widgets.calculator.calculator_html` (what one press of Enter
computes) on formulas like the lessons' and on long ones near the parser's 300-character
limit, in one run: (a) the gradient alone, (b) the gradient at a point with a direction,
(c) everything with the steps. It prints milliseconds for a formula's first answer (sympy
caches derivatives, so later answers are faster), then per answer (median of ``--repeat``
runs) and the ratios (b)/(a) and (c)/(a). Goal: lesson-like formulas answered, steps
and all, well under 0.1 s, so pressing Enter feels immediate; the longest formulas the
parser takes may need seconds (most of it is sympy typesetting a huge derivative).

Run: ``python benchmarks/calculator.py [--repeat 5]``
"""

from __future__ import annotations

import argparse
import statistics
import time

from helpers.widgets.calculator import calculator_html

LESSON_LIKE = [
    ("3*x**2*y + y**3 - 2*x", "x, y"),
    ("x**2*y + sin(x*y)", "x, y"),
    ("exp(-(x**2 + y**2))", "x, y"),
    ("log(x*y) + sqrt(x**2 + y**2)", "x, y"),
    ("x*y*z + sin(x*z)", "x, y, z"),
    ("(w*2 + b - 1)**2 + (w*3 + b - 2)**2", "w, b"),
    ("1/(1 + exp(-(theta0 + theta1*2)))", "theta0, theta1"),
    ("atan2(y, x) + x**x", "x, y"),
]
LONG = [
    ("*".join(f"sin(x+{i})" for i in range(1, 30)), "x, y"),
    (" + ".join(f"x^{i}*y" for i in range(1, 45))[:300].rsplit(" + ", 1)[0], "x, y"),
    ("/".join(f"(x+{i})" for i in range(1, 40)), "x, y"),
    ("sin(" * 40 + "x" + ")" * 40, "x, y"),
]


def _median_ms(formulas, repeat: int, at_point: bool = False, steps: bool = False,
               cold: bool = False) -> list[float]:
    """Milliseconds per formula: the median of ``repeat`` answers, or the first (``cold``)."""
    times = []
    for text, variables in formulas:
        ones = ", ".join("1" for _ in variables.split(",")) if at_point else ""
        options = {"point": ones, "direction": ones, "steps": steps}
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            calculator_html(text, variables, **options)
            samples.append(1000 * (time.perf_counter() - start))
        times.append(samples[0] if cold else statistics.median(samples))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for name, formulas in (("lesson-like", LESSON_LIKE), ("long (near 300 characters)", LONG)):
        # cold first (sympy caches derivatives, so a formula's first answer is the slow one),
        # steps before the others, so each column pays for what it adds
        cold_steps = _median_ms(formulas, 1, steps=True, cold=True)
        plain = _median_ms(formulas, args.repeat)
        point = _median_ms(formulas, args.repeat, at_point=True)
        steps = _median_ms(formulas, args.repeat, steps=True)
        print(f"{name}: {len(formulas)} formulas, ms per answer")
        print(f"  first answer, with steps median {statistics.median(cold_steps):8.1f}  "
              f"max {max(cold_steps):8.1f}")
        print(f"  then, median of {args.repeat} answers:")
        print(f"  (a) gradient alone      median {statistics.median(plain):8.1f}  max {max(plain):8.1f}")
        print(f"  (b) + point, direction  median {statistics.median(point):8.1f}  max {max(point):8.1f}")
        print(f"  (c) + steps             median {statistics.median(steps):8.1f}  max {max(steps):8.1f}")
        print(f"  ratio (b)/(a) {sum(point) / sum(plain):.2f}, (c)/(a) {sum(steps) / sum(plain):.2f}")


if __name__ == "__main__":
    main()
