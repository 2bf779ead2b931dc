"""How fast does the partial slicer answer a slider move?

Drives the widget as a learner does, on its live ipympl canvas (an Agg canvas)
with no browser attached, and times four things in one run:

(a) update   one slider step exactly as the widget makes it: a slider value
             changes, the calculus, the in-place ``plotting.slicer.update_partial_slicer``
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

Then the same for the 3D surface view linked to the slicer
(:func:`helpers.widgets.surface_view`), with only the 3D view listening to
the slider, so its own cost is timed:

(a) update   a point move in place: ``set_data_3d`` on the slices, tangents
             and point, and the blit;
(b) rebuild  a new 3D figure: surface, floor map and scene drawn from scratch,
             then a canvas draw;
(c) bare     a full canvas draw of the unchanged 3D figure (what a turn of the
             box by the sliders or a mouse drag costs).

The goal: (a) at least 3x faster than (b). Last, (a) and (c) for each of the
five 3D views (one per lesson), moved by its lesson widget's first two sliders.

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

from helpers import symbolic  # noqa: E402
from helpers.calculus import gradient  # noqa: E402
from helpers.plotting import slicer as plotting  # noqa: E402
from helpers.plotting import surface_scenes  # noqa: E402
from helpers.plotting.surface import add_surface_axes, draw_surface  # noqa: E402
from helpers.widgets import (  # noqa: E402
    DEFAULT_SLICER_FUNCTIONS,
    descent_playground,
    direction_dial,
    gradient_explorer,
    partial_slicer,
    surface_view,
    tangent_zoom,
)

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


SURFACE_LABELS = {"update": "3D point move (blit)", "rebuild": "3D rebuild", "bare": "3D bare full draw"}


def rebuild_surface(f, title: str, point: tuple[float, float]) -> None:
    """Draw the 3D view from nothing on a new Agg figure, as a callback under ``interact`` would."""
    fig = Figure(figsize=(6.4, 5.0))
    FigureCanvasAgg(fig)
    surface = draw_surface(add_surface_axes(fig), f, WINDOW, title)
    scene = surface_scenes.draw_slice_scene(surface)
    surface_scenes.update_slice_scene(scene, f, point, float(f(*point)), gradient(f, point))
    fig.canvas.draw()


def measure_surface(steps: int, seed: int = 0) -> dict[str, list[float]]:
    """Per-step times in ms of the 3D view's three actions, the 2D slicer not listening."""
    slicer = partial_slicer()
    box = surface_view(slicer)
    fig, canvas = box.figure, box.figure.canvas
    canvas.manager.remove_web_socket(canvas)  # no browser: no frames to encode
    for slider in slicer.sliders.values():  # time the 3D view alone
        slider.unobserve(slicer.update, names="value")
    formula = DEFAULT_SLICER_FUNCTIONS[slicer.function_menu.value]
    f = symbolic.lambdify_numeric(symbolic.parse_formula(formula), ("x", "y"))
    title = f"f(x, y) = {formula}"
    values = np.random.default_rng(seed).uniform(-2, 2, size=steps)
    for _ in range(3):
        canvas.draw()
    canvas.blit = blits = Counter(canvas.blit)
    canvas.draw = draws = Counter(canvas.draw)
    times = {name: [] for name in SURFACE_LABELS}
    for step, value in enumerate(values):
        slider = slicer.sliders[("x0", "y0")[step % 2]]
        before = draws.calls
        times["update"].append(milliseconds(setattr, slider, "value", float(value)))
        if draws.calls != before:
            raise RuntimeError("a 3D point move drew the whole figure instead of blitting")
        point = (slicer.sliders["x0"].value, slicer.sliders["y0"].value)
        times["bare"].append(milliseconds(canvas.draw))
        times["rebuild"].append(milliseconds(rebuild_surface, f, title, point))
    if blits.calls != steps:
        raise RuntimeError(f"{blits.calls} blits for {steps} point moves")
    plt.close(fig)
    plt.close(slicer.figure)
    return times


def report_surface(times: dict[str, list[float]]) -> str:
    """Medians of the 3D view's actions and the ratios against the point move."""
    median = {name: statistics.median(values) for name, values in times.items()}
    rows = [f"{'per step':<22}{'median ms':>10}{'min ms':>10}{'max ms':>10}  (CPU time)"]
    for name, values in times.items():
        rows.append(f"{SURFACE_LABELS[name]:<22}{median[name]:>10.1f}{min(values):>10.1f}"
                    f"{max(values):>10.1f}")
    rebuild_ratio = median["rebuild"] / median["update"]
    met = "met" if rebuild_ratio >= REBUILD_GOAL else "NOT met"
    rows.append("")
    rows.append(f"rebuild / update = {rebuild_ratio:5.2f}  (goal >= {REBUILD_GOAL}: {met})")
    rows.append(f"bare / update    = {median['bare'] / median['update']:5.2f}  "
                "(a turn of the box against a point move)")
    return "\n".join(rows)


LESSON_VIEWS = {
    "01 slices": partial_slicer, "02 gradient": gradient_explorer, "03 direction": direction_dial,
    "04 tangent plane": tangent_zoom, "06 descent": lambda: descent_playground(newton=True),
}


def measure_views(steps: int, seed: int = 0) -> dict[str, dict[str, float]]:
    """Median CPU ms of a point move (blit) and a bare full draw for every lesson's 3D view."""
    rng = np.random.default_rng(seed)
    medians = {}
    for name, build in LESSON_VIEWS.items():
        linked = build()
        box = surface_view(linked)
        canvas = box.figure.canvas
        canvas.manager.remove_web_socket(canvas)
        sliders = list(linked.sliders.values())
        for slider in sliders:
            slider.unobserve(linked.update, names="value")
        for _ in range(3):
            canvas.draw()
        moves, draws = [], []
        for step in range(steps):
            slider = sliders[step % 2]
            value = slider.min + rng.uniform(0.1, 0.9) * (slider.max - slider.min)
            moves.append(milliseconds(setattr, slider, "value", float(value)))
            draws.append(milliseconds(canvas.draw))
        medians[name] = {"move": statistics.median(moves), "bare": statistics.median(draws)}
        plt.close(box.figure)
        plt.close(linked.figure)
    return medians


def report_views(medians: dict[str, dict[str, float]]) -> str:
    rows = [f"{'3D view':<20}{'move ms':>10}{'bare ms':>10}{'bare / move':>13}  (CPU time, medians)"]
    for name, m in medians.items():
        rows.append(f"{name:<20}{m['move']:>10.1f}{m['bare']:>10.1f}{m['bare'] / m['move']:>13.1f}")
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
    print()
    print(f"surface_view linked to partial_slicer, {args.steps} steps, ipympl canvas (Agg), no frames")
    print(report_surface(measure_surface(args.steps)))
    print()
    print(report_views(measure_views(args.steps)))


if __name__ == "__main__":
    main()
