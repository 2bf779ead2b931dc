"""How fast does the partial slicer answer a slider move?

Times three things on the same figure, in one run, with the Agg renderer:

(a) update   one slider step as the widget does it: calculus, the in-place
             ``plotting.update_partial_slicer`` and a full canvas draw;
(b) rebuild  what ``interact`` would do per step: a new figure, contours and
             every artist drawn from scratch, then a canvas draw;
(c) bare     a canvas draw of the unchanged figure: the floor for (a).

The three are interleaved step by step and timed as CPU time of this process
(``time.process_time``; drawing is single-threaded), so other work on a shared
machine disturbs the figures little.
The goal: (a) within 1.3x of (c), and at least 3x faster than (b).

Run: ``python benchmarks/widget_update.py [--steps 30]``
"""

from __future__ import annotations

import argparse
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from helpers import plotting, symbolic  # noqa: E402
from helpers.calculus import gradient  # noqa: E402
from helpers.widgets import DEFAULT_SLICER_FUNCTIONS, partial_slicer  # noqa: E402

WINDOW = (-2.0, 2.0, -2.0, 2.0)
UPDATE_GOAL = 1.3  # update / bare at most
REBUILD_GOAL = 3.0  # rebuild / update at least


def rebuild(f, title: str, point: tuple[float, float]) -> None:
    """Draw the slicer from nothing, as a callback under ``interact`` would."""
    fig = plt.figure(figsize=(9.5, 4.4))
    artists = plotting.draw_partial_slicer(plotting.add_slicer_axes(fig), f, WINDOW, title)
    plotting.update_partial_slicer(artists, f, point, float(f(*point)), gradient(f, point))
    fig.canvas.draw()
    plt.close(fig)


def slider_step(box, point: tuple[float, float]) -> None:
    """One slider move as the widget makes it, then a full Agg draw."""
    box.move(*point)
    box.figure.canvas.draw()


def milliseconds(action, *args) -> float:
    """CPU milliseconds one call of ``action(*args)`` takes."""
    start = time.process_time()
    action(*args)
    return 1e3 * (time.process_time() - start)


def measure(steps: int, seed: int = 0) -> dict[str, list[float]]:
    """Per-step times in ms of the update, the rebuild and the bare draw."""
    box = partial_slicer()
    fig = box.figure
    if not isinstance(fig.canvas, FigureCanvasAgg):  # else draw() would time nothing
        raise RuntimeError(f"expected an Agg canvas, got {type(fig.canvas).__name__}")
    formula = DEFAULT_SLICER_FUNCTIONS[box.function_menu.value]
    f = symbolic.lambdify_numeric(symbolic.parse_formula(formula), ("x", "y"))
    title = f"f(x, y) = {formula}"
    points = np.random.default_rng(seed).uniform(-2, 2, size=(steps, 2))
    for _ in range(3):  # warm caches (fonts, text layout, contour paths)
        fig.canvas.draw()
    times = {"update": [], "rebuild": [], "bare": []}
    for point in points:
        times["update"].append(milliseconds(slider_step, box, tuple(point)))
        times["bare"].append(milliseconds(fig.canvas.draw))
        times["rebuild"].append(milliseconds(rebuild, f, title, tuple(point)))
    plt.close(fig)
    return times


def report(times: dict[str, list[float]]) -> str:
    """A small table of medians and the two ratios against their goals."""
    median = {name: statistics.median(values) for name, values in times.items()}
    update_ratio = median["update"] / median["bare"]
    rebuild_ratio = median["rebuild"] / median["update"]
    rows = [f"{'per step':<10}{'median ms':>10}{'min ms':>10}{'max ms':>10}  (CPU time)"]
    for name, values in times.items():
        rows.append(f"{name:<10}{median[name]:>10.1f}{min(values):>10.1f}{max(values):>10.1f}")
    rows.append("")
    met = {True: "met", False: "NOT met"}
    rows.append(f"update / bare    = {update_ratio:5.2f}  (goal <= {UPDATE_GOAL}: "
                f"{met[update_ratio <= UPDATE_GOAL]})")
    rows.append(f"rebuild / update = {rebuild_ratio:5.2f}  (goal >= {REBUILD_GOAL}: "
                f"{met[rebuild_ratio >= REBUILD_GOAL]})")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=30, help="slider steps to time (30)")
    args = parser.parse_args(argv)
    print(f"partial_slicer, {args.steps} steps, matplotlib {matplotlib.__version__}, Agg")
    print(report(measure(args.steps)))


if __name__ == "__main__":
    main()
