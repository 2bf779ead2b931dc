"""How fast does the partial slicer answer a slider move?

Drives the widget as a learner does, on its live ipympl canvas (an Agg canvas)
with no browser attached, and times four things in one run:

(a) update   one slider step exactly as the widget makes it: a slider value
             changes, the calculus, the in-place ``plotting.update_partial_slicer``
             and the blit (paste the saved background, draw the moving
             artists, ``canvas.blit``);
(b) full     the same step with a full canvas draw instead of the blit (the
             widget's path before blitting), for comparison;
(c) rebuild  what ``interact`` would do per step: a new figure, contours and
             every artist drawn from scratch, then a canvas draw;
(d) bare     a full canvas draw of the unchanged figure.

The four are interleaved step by step and timed as CPU time of this process
(``time.process_time``; drawing is single-threaded), so other work on a shared
machine disturbs the figures little. Each step moves one slider, x0 and y0 in
turn, to a seeded random value.
The goals: (a) within 1.3x of (d), and at least 3x faster than (c).

By default no image frames are made, since no browser is there to receive
them; ``--frames`` makes the PNG frame ipympl would send to a browser after
every draw and blit (the same for all but the rebuild), to see that cost too.

Run: ``python benchmarks/widget_update.py [--steps 30] [--frames]``
"""

from __future__ import annotations

import argparse
import statistics
import time

import matplotlib

matplotlib.use("module://ipympl.backend_nbagg")  # the widget's live canvas, headless

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from helpers import plotting, symbolic  # noqa: E402
from helpers.calculus import gradient  # noqa: E402
from helpers.widgets import DEFAULT_SLICER_FUNCTIONS, partial_slicer  # noqa: E402

WINDOW = (-2.0, 2.0, -2.0, 2.0)
UPDATE_GOAL = 1.3  # update / bare at most
REBUILD_GOAL = 3.0  # rebuild / update at least
LABELS = {"update": "update (blit)", "full": "update, full draw", "rebuild": "rebuild",
          "bare": "bare full draw"}


def rebuild(f, title: str, point: tuple[float, float]) -> None:
    """Draw the slicer from nothing on a new Agg figure, as a callback under ``interact`` would."""
    fig = Figure(figsize=(9.5, 4.4))
    FigureCanvasAgg(fig)
    artists = plotting.draw_partial_slicer(plotting.add_slicer_axes(fig), f, WINDOW, title)
    plotting.update_partial_slicer(artists, f, point, float(f(*point)), gradient(f, point))
    fig.canvas.draw()


def full_step(box, point: tuple[float, float]) -> None:
    """The slider step of the widget before blitting: in-place update, then a full draw."""
    box.move(*point)
    box.figure.canvas.draw()


def milliseconds(action, *args) -> float:
    """CPU milliseconds one call of ``action(*args)`` takes."""
    start = time.process_time()
    action(*args)
    return 1e3 * (time.process_time() - start)


class Counter:
    """Wraps a method and counts its calls."""

    def __init__(self, method):
        self.method, self.calls = method, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.method(*args, **kwargs)


def measure(steps: int, frames: bool = False, seed: int = 0) -> dict[str, list[float]]:
    """Per-step times in ms of the four actions."""
    box = partial_slicer()
    fig, canvas = box.figure, box.figure.canvas
    if not isinstance(canvas, FigureCanvasAgg) or not hasattr(canvas, "manager"):
        raise RuntimeError(f"expected ipympl's Agg canvas, got {type(canvas).__name__}")
    if frames:
        canvas.syncing_data_url = False  # as once a browser has connected: diff frames only
    else:
        canvas.manager.remove_web_socket(canvas)  # no browser: no frames to encode
    formula = DEFAULT_SLICER_FUNCTIONS[box.function_menu.value]
    f = symbolic.lambdify_numeric(symbolic.parse_formula(formula), ("x", "y"))
    title = f"f(x, y) = {formula}"
    values = np.random.default_rng(seed).uniform(-2, 2, size=steps)
    for _ in range(3):  # warm caches (fonts, text layout, contour paths); saves the background
        canvas.draw()
    canvas.blit = blits = Counter(canvas.blit)
    canvas.draw = draws = Counter(canvas.draw)
    times = {name: [] for name in LABELS}
    for step, value in enumerate(values):
        slider = box.sliders[("x0", "y0")[step % 2]]
        before = draws.calls
        times["update"].append(milliseconds(setattr, slider, "value", float(value)))
        if draws.calls != before:
            raise RuntimeError("a slider step drew the whole figure instead of blitting")
        point = (box.sliders["x0"].value, box.sliders["y0"].value)
        times["full"].append(milliseconds(full_step, box, point))
        times["bare"].append(milliseconds(canvas.draw))
        times["rebuild"].append(milliseconds(rebuild, f, title, point))
    if blits.calls != steps:
        raise RuntimeError(f"{blits.calls} blits for {steps} slider steps")
    plt.close(fig)
    return times


def report(times: dict[str, list[float]]) -> str:
    """A small table of medians and the two ratios against their goals."""
    median = {name: statistics.median(values) for name, values in times.items()}
    update_ratio = median["update"] / median["bare"]
    rebuild_ratio = median["rebuild"] / median["update"]
    rows = [f"{'per step':<20}{'median ms':>10}{'min ms':>10}{'max ms':>10}  (CPU time)"]
    for name, values in times.items():
        rows.append(f"{LABELS[name]:<20}{median[name]:>10.1f}{min(values):>10.1f}"
                    f"{max(values):>10.1f}")
    rows.append("")
    met = {True: "met", False: "NOT met"}
    rows.append(f"update / bare    = {update_ratio:5.2f}  (goal <= {UPDATE_GOAL}: "
                f"{met[update_ratio <= UPDATE_GOAL]})")
    rows.append(f"rebuild / update = {rebuild_ratio:5.2f}  (goal >= {REBUILD_GOAL}: "
                f"{met[rebuild_ratio >= REBUILD_GOAL]})")
    rows.append(f"full / update    = {median['full'] / median['update']:5.2f}  "
                "(what blitting saves per step)")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=30, help="slider steps to time (30)")
    parser.add_argument("--frames", action="store_true",
                        help="also make the PNG frames a browser would receive")
    args = parser.parse_args(argv)
    frames = "with PNG frames" if args.frames else "no frames"
    print(f"partial_slicer, {args.steps} steps, matplotlib {matplotlib.__version__}, "
          f"ipympl canvas (Agg), {frames}")
    print(report(measure(args.steps, args.frames)))


if __name__ == "__main__":
    main()
