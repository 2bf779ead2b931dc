"""The Lagrange explorer: walk along a constraint curve and watch grad f and grad g line up.

A point moves along the curve ``g(x, y) = c`` (a slider for the curve's
parameter ``t``) on the contour map of ``f``. At the point the figure shows
``grad f`` and ``grad g``; a second panel shows ``f`` along the whole curve
with a marker at the point. The readout gives ``f``, both gradients, the
angle between them and the best-fitting ``lambda``: at the highest and lowest
points of the f-panel the angle is 0 or 180 degrees, so ``grad f = lambda grad g``.

Examples
--------
In a lesson, after ``%matplotlib widget``::

    from helpers.widgets import lagrange_explorer, show
    show(lagrange_explorer())
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from helpers import blitting, symbolic
from helpers.lagrange import gradient_angle, multiplier_estimate
from helpers.plotting import format_number
from helpers.plotting.lagrange import (
    add_lagrange_axes,
    draw_lagrange,
    update_lagrange,
    update_lagrange_problem,
)
from helpers.widgets.base import VARIABLES, FigureBox, figure_view, label, new_figure, refresh, speak, spoken_readout
from helpers.widgets.spoken import readout_sentence

__all__ = ["ConstrainedProblem", "DEFAULT_PROBLEMS", "compile_problem", "lagrange_readout",
           "lagrange_explorer"]

_SAMPLES = 400


@dataclass(frozen=True)
class ConstrainedProblem:
    """Optimise ``f`` on the curve ``g = c``, given as ``(x(t), y(t))`` for ``t`` in ``[t_min, t_max]``.

    Every formula is text, read by the course's safe parser: ``f`` and ``g``
    in x and y, the curve in t.
    """

    f: str
    g: str
    c: float
    x_of_t: str
    y_of_t: str
    t_min: float
    t_max: float
    window: tuple[float, float, float, float]

    @property
    def title(self) -> str:
        return f"f = {self.f} on {self.g} = {format_number(self.c, 3).rstrip('0').rstrip('.')}"


#: The explorer's menu: the lesson's worked examples.
DEFAULT_PROBLEMS = {
    "x + y on the circle": ConstrainedProblem("x + y", "x**2 + y**2", 2.0, "sqrt(2)*cos(t)",
                                              "sqrt(2)*sin(t)", 0.0, 2 * np.pi, (-2.2, 2.2, -2.2, 2.2)),
    "x*y on the ellipse": ConstrainedProblem("x*y", "x**2/4 + y**2", 1.0, "2*cos(t)", "sin(t)",
                                             0.0, 2 * np.pi, (-2.6, 2.6, -1.6, 1.6)),
    "x**2 + y**2 on the line": ConstrainedProblem("x**2 + y**2", "x + 2*y", 5.0, "5 - 2*t", "t",
                                                  0.5, 3.5, (-2.5, 4.5, -0.5, 4.0)),
}


class CompiledProblem:
    """A problem's numeric parts: ``f`` (vectorised), both gradients, the curve and f along it."""

    def __init__(self, problem: ConstrainedProblem) -> None:
        f = symbolic.parse_formula(problem.f, VARIABLES)
        g = symbolic.parse_formula(problem.g, VARIABLES)
        self.problem = problem
        self.f = symbolic.lambdify_numeric(f, VARIABLES)
        self._grad_f = [symbolic.lambdify_numeric(d, VARIABLES) for d in symbolic.gradient_vector(f, VARIABLES)]
        self._grad_g = [symbolic.lambdify_numeric(d, VARIABLES) for d in symbolic.gradient_vector(g, VARIABLES)]
        self._curve = [symbolic.lambdify_numeric(symbolic.parse_formula(text, ("t",)), ("t",))
                       for text in (problem.x_of_t, problem.y_of_t)]
        self.t = np.linspace(problem.t_min, problem.t_max, _SAMPLES)
        self.curve = self.at(self.t)
        self.values = self.value(*self.curve)

    def at(self, t) -> tuple[np.ndarray, np.ndarray]:
        """The curve's point(s) at parameter ``t``."""
        with np.errstate(all="ignore"):
            return tuple(np.broadcast_to(np.asarray(part(t), dtype=float), np.shape(t)).copy()
                         for part in self._curve)

    def value(self, x, y) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.broadcast_to(np.asarray(self.f(x, y), dtype=float), np.shape(x)).copy()

    def gradients(self, x: float, y: float) -> tuple[np.ndarray, np.ndarray]:
        """``grad f`` and ``grad g`` at one point."""
        with np.errstate(all="ignore"):
            return (np.array([float(d(x, y)) for d in self._grad_f]),
                    np.array([float(d(x, y)) for d in self._grad_g]))


def compile_problem(problem: ConstrainedProblem) -> CompiledProblem:
    """Parse a problem's formulas safely and sample its curve.

    Examples
    --------
    >>> compiled = compile_problem(DEFAULT_PROBLEMS["x + y on the circle"])
    >>> [float(v) for v in compiled.gradients(1.0, 1.0)[1]]
    [2.0, 2.0]
    """
    return CompiledProblem(problem)


def _vector(v) -> str:
    return "(" + ", ".join(format_number(c) for c in v) + ")"


def lagrange_readout(point, value: float, grad_f, grad_g) -> str:
    """HTML readout: the point, f there, both gradients, their angle and the fitting lambda.

    Examples
    --------
    >>> for part in lagrange_readout((1.0, 1.0), 2.0, (1.0, 1.0), (2.0, 2.0)).split(" &nbsp;|&nbsp; "):
    ...     print(part)
    at (1.000, 1.000): f = 2.000
    ∇f = (1.000, 1.000), ∇g = (2.000, 2.000)
    angle between them 0.0°: parallel, ∇f = λ∇g with λ = 0.500
    """
    angle = gradient_angle(grad_f, grad_g)
    head = f"at {_vector(point)}: f = {format_number(value)}"
    arrows = f"∇f = {_vector(grad_f)}, ∇g = {_vector(grad_g)}"
    if not np.isfinite(angle):
        verdict = "a gradient is zero or undefined here: no angle to measure"
    elif min(angle, 180 - angle) < 0.5:
        verdict = (f"angle between them {angle:.1f}°: parallel, ∇f = λ∇g with "
                   f"λ = {format_number(multiplier_estimate(grad_f, grad_g))}")
    else:
        verdict = f"angle between them {angle:.1f}°: not parallel, so f still changes along the curve"
    return " &nbsp;|&nbsp; ".join(html.escape(part, quote=False) for part in (head, arrows, verdict))


def lagrange_explorer(problems: Mapping[str, ConstrainedProblem] | None = None,
                      position: float = 0.25) -> FigureBox:
    """A point on the constraint curve, ``grad f`` and ``grad g`` there, and f along the curve.

    Parameters
    ----------
    problems : mapping, optional
        ``{name: ConstrainedProblem}``. Default: :data:`DEFAULT_PROBLEMS`.
    position : float
        Where the point starts, as a fraction of the way along the curve (0 to 1).

    Returns
    -------
    FigureBox
        Class ``lagrange-explorer``; ``slider`` (the parameter ``t``; its range
        follows the problem), ``problem_menu``, ``readout`` (class
        ``lagrange-explorer-readout``), ``figure``, ``artists``,
        ``update(change=None)`` and ``problems`` (the compiled problems).
    """
    problems = DEFAULT_PROBLEMS if problems is None else problems
    if not problems:
        raise ValueError("the Lagrange explorer needs at least one problem")
    compiled = {name: compile_problem(p) for name, p in problems.items()}
    menu = widgets.Dropdown(options=[(f"{name}:  {c.problem.title}", name) for name, c in compiled.items()],
                            description="problem", layout=widgets.Layout(width="34em"))
    first = compiled[menu.value]
    fraction = float(np.clip(position, 0.0, 1.0)) if np.isfinite(position) else 0.25
    slider = widgets.FloatSlider(
        value=first.t[0] + fraction * (first.t[-1] - first.t[0]), min=first.t[0], max=first.t[-1],
        step=(first.t[-1] - first.t[0]) / 400, description="t", continuous_update=True,
        readout=True, readout_format=".3f", layout=widgets.Layout(width="34em"))
    label(menu, "problem", "the function f and the constraint curve g = c")
    label(slider, "t", "where the point is along the constraint curve")
    readout = widgets.HTML().add_class("lagrange-explorer-readout")
    spoken = spoken_readout("lagrange-explorer-spoken")
    figure = new_figure((9.6, 4.4))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        artists = draw_lagrange(*add_lagrange_axes(figure), first.f, first.problem.window, first.t,
                                first.curve, first.values, first.problem.title)
    view = figure_view(figure)
    blitter = blitting.Blitter(figure, artists.moving()) if view is figure.canvas else None
    shown = {"name": menu.value, "busy": False}

    def move(t: float) -> None:
        problem = compiled[shown["name"]]
        x0, y0 = (float(c) for c in problem.at(t))
        value = float(problem.value(x0, y0))
        grad_f, grad_g = problem.gradients(x0, y0)
        update_lagrange(artists, t, (x0, y0), value, grad_f, grad_g)
        readout.value = lagrange_readout((x0, y0), value, grad_f, grad_g)
        speak(spoken, readout_sentence(readout.value))

    def update(change=None) -> None:
        if shown["busy"]:  # the slider's range is being set for a new problem
            return
        switched = menu.value != shown["name"]
        if switched:  # a new map, curve and f-panel: the still part changes
            problem = compiled[menu.value]
            shown["name"], shown["busy"] = menu.value, True
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                update_lagrange_problem(artists, problem.f, problem.problem.window, problem.t,
                                        problem.curve, problem.values, problem.problem.title)
            with slider.hold_trait_notifications():
                low, high = float(problem.t[0]), float(problem.t[-1])
                slider.min, slider.max = min(slider.min, low), max(slider.max, high)
                slider.value = float(np.clip(slider.value, low, high))
                slider.min, slider.max, slider.step = low, high, (high - low) / 400
            shown["busy"] = False
        move(slider.value)
        refresh(view, figure, blitter, full=switched)

    slider.observe(update, names="value")
    menu.observe(update, names="value")
    box = FigureBox([menu, slider, readout, spoken, view])
    box.add_class("lagrange-explorer")
    box.summary = "Lagrange explorer: move a point along the constraint curve g = c"
    box.alt = ("Left, a contour map of f with the constraint curve, the point on it and the two "
               "gradient arrows; right, f along the curve against t.")
    box.slider, box.problem_menu, box.readout, box.spoken = slider, menu, readout, spoken
    box.figure, box.artists, box.update, box.problems = figure, artists, update, compiled
    update()
    return box
