"""The descent playground: gradient descent, momentum, Adam and Newton's method on a contour map.

Pick a function, a method, a start ``(x0, y0)``, a learning rate and a
number of steps: the method's path (gradient descent is
``x <- x - eta * grad f(x)``) is drawn over the contour map of ``f``, and a
readout says whether it converged, oscillates or diverged and gives the last
point, ``f`` and ``|grad f|`` there and the steps taken. A check box adds the
path of Newton's method, ``x <- x - H(x)^-1 grad f(x)``, for comparison.

Examples
--------
In a lesson, after ``%matplotlib widget``::

    from helpers.widgets.base import descent_playground, show
    show(descent_playground())
"""

from __future__ import annotations

import html
import warnings
from collections.abc import Mapping, Sequence

import ipywidgets as widgets
import numpy as np
import sympy

from helpers import blitting, symbolic
from helpers.calculus import gradient_descent, newton_method
from helpers.optimisers import adam_descent, momentum_descent, path_behaviour
from helpers.plotting import format_number
from helpers.plotting.descent import (
    clip_path,
    draw_descent,
    update_descent,
    update_descent_function,
    update_descent_method,
)
from helpers.widgets.base import FigureBox, figure_view, label, new_figure, refresh, speak, spoken_readout
from helpers.widgets.spoken import readout_sentence

__all__ = ["DEFAULT_DESCENT_FUNCTIONS", "DESCENT_METHODS", "MOMENTUM", "DescentFunction",
           "compile_descent_function", "run_method", "run_descent", "descent_readout",
           "descent_playground"]

#: The playground's menu: a name and a formula in x and y for each entry.
DEFAULT_DESCENT_FUNCTIONS = {
    "round bowl": "x**2 + y**2",
    "narrow valley": "x**2/2 + 5*y**2",
    "Rosenbrock": "(1 - x)**2 + 100*(y - x**2)**2",
    "two minima and a saddle": "x**4/4 - x**2/2 + y**2",
}

#: The playground's method menu: the name shown and how the path is labelled.
DESCENT_METHODS = ("gradient descent", "momentum", "Adam", "Newton's method")
#: The momentum factor beta of the heavy ball in the playground.
MOMENTUM = 0.8

_VARIABLES = ("x", "y")
_NEWTON_STEPS = 50


class DescentFunction:
    """A formula with its numeric value, gradient and Hessian (from sympy).

    ``f(x, y)`` is vectorised (for contour maps); ``grad(x, y)`` (a pair) and
    ``hess(x, y)`` (a 2 x 2 array) take one point; ``title`` is ``"f(x, y) = ..."``.
    """

    def __init__(self, formula: str) -> None:
        expr = symbolic.parse_formula(str(formula), _VARIABLES)
        gradient = symbolic.gradient_vector(expr, _VARIABLES)
        hessian = symbolic.hessian_matrix(expr, _VARIABLES)
        self.title = f"f(x, y) = {formula}"
        self.f = symbolic.lambdify_numeric(expr, _VARIABLES)  # vectorised, for the contours
        names = sympy.symbols(_VARIABLES)  # fast scalar versions for the paths
        self._grad = sympy.lambdify(names, list(gradient), "numpy")
        self._hess = sympy.lambdify(names, hessian.tolist(), "numpy")

    def grad(self, x: float, y: float) -> tuple[float, float]:
        """``(f_x, f_y)`` at one point; nan where they cannot be computed."""
        try:
            gx, gy = self._grad(x, y)
            return float(gx), float(gy)
        except (ArithmeticError, TypeError, ValueError):
            return float("nan"), float("nan")

    def hess(self, x: float, y: float) -> np.ndarray:
        """The 2 x 2 Hessian at one point; nan where it cannot be computed."""
        try:
            return np.array(self._hess(x, y), dtype=float)
        except (ArithmeticError, TypeError, ValueError):
            return np.full((2, 2), np.nan)


def compile_descent_function(formula: str) -> DescentFunction:
    """Parse a formula safely and build its value, gradient and Hessian.

    Examples
    --------
    >>> fn = compile_descent_function("x**2 + 3*y**2")
    >>> [float(g) for g in fn.grad(1.0, 1.0)]
    [2.0, 6.0]
    """
    return DescentFunction(formula)


def run_method(fn: DescentFunction, method: str, start: Sequence[float], learning_rate: float,
               steps: int) -> np.ndarray:
    """The path of one method of :data:`DESCENT_METHODS` from ``start``.

    Momentum uses ``beta = MOMENTUM``; Adam ``beta1 = 0.9``, ``beta2 = 0.999``;
    Newton's method ignores the learning rate and takes at most 50 steps.
    Call it inside :func:`run_descent`, which silences numeric warnings.

    Examples
    --------
    >>> fn = compile_descent_function("x**2 + 4*y**2")
    >>> run_method(fn, "momentum", (1.0, 0.5), 0.1, 2)[-1].round(6).tolist()
    [0.46, -0.34]
    """
    steps = int(steps)
    if method == "gradient descent":
        return gradient_descent(fn.grad, start, learning_rate, steps=steps)
    if method == "momentum":
        return momentum_descent(fn.grad, start, learning_rate, momentum=MOMENTUM, steps=steps)
    if method == "Adam":
        return adam_descent(fn.grad, start, learning_rate, steps=steps)
    if method == "Newton's method":
        try:
            return newton_method(fn.grad, fn.hess, start, steps=min(steps, _NEWTON_STEPS))
        except (ValueError, ArithmeticError):
            return np.asarray([start], dtype=float)
    raise ValueError(f"the method must be one of {', '.join(DESCENT_METHODS)}, not {method!r}")


def run_descent(fn: DescentFunction, start: Sequence[float], learning_rate: float,
                steps: int, newton: bool = False, method: str = "gradient descent"):
    """Both paths from ``start``, computed quietly (no warnings reach the learner).

    Returns ``(path, newton_path)``: ``path`` by ``method`` (one of
    :data:`DESCENT_METHODS`), ``newton_path`` None unless asked for.
    A path stops early when it stops being finite.
    """
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        path = run_method(fn, method, start, learning_rate, steps)
        newton_path = run_method(fn, "Newton's method", start, learning_rate, steps) if newton else None
    return path, newton_path


def _state(fn: DescentFunction, path: np.ndarray, window) -> tuple[str, bool]:
    """``(text, diverged)`` for one path.

    Diverged: the path stopped being finite, or its last point lies outside
    the window. A path that left the window and came back is reported with
    a note.
    """
    _, left = clip_path(path, window)
    last = np.asarray(path[-1], dtype=float)
    taken = len(path) - 1
    steps = f"{taken} step" + ("" if taken == 1 else "s")
    xmin, xmax, ymin, ymax = window
    with np.errstate(all="ignore"):
        value = float(fn.f(*last))
        slope = float(np.hypot(*(float(g) for g in fn.grad(*last))))
    if not np.isfinite([*last, value, slope]).all():
        return f"diverged: the numbers blew up after {steps}", True
    if not (xmin <= last[0] <= xmax and ymin <= last[1] <= ymax):
        return f"diverged: after {steps} the path is outside the window", True
    at = ", ".join(format_number(c) for c in last)
    note = " (it left the window on the way)" if left else ""
    with np.errstate(all="ignore"):
        behaviour = path_behaviour(path, slope)
    return (f"after {steps} at ({at}): f = {format_number(value, 4)}, "
            f"|∇f| = {format_number(slope, 4)}{note}; {behaviour}"), False


def _method_title(method: str) -> str:
    """The readout's name for a method: "Gradient descent", "Momentum (β = 0.9)", ..."""
    if method == "momentum":
        return f"Momentum (β = {MOMENTUM:g})"
    return method[:1].upper() + method[1:]


def descent_readout(fn: DescentFunction, path, window, newton_path=None,
                    method: str = "gradient descent") -> str:
    """HTML readout: how each path behaved, where it ended, ``f`` and ``|grad f|`` there.

    Examples
    --------
    >>> fn = compile_descent_function("x**2 + y**2")
    >>> descent_readout(fn, [[1.0, 0.0], [0.5, 0.0]], (-2, 2, -2, 2))
    'Gradient descent: after 1 step at (0.500, 0.000): f = 0.2500, |∇f| = 1.0000; still descending'
    >>> descent_readout(fn, [[1.0, 0.0], [3.0, 0.0]], (-2, 2, -2, 2))
    'Gradient descent: diverged: after 1 step the path is outside the window'
    """
    text, _ = _state(fn, np.asarray(path, dtype=float).reshape(-1, 2), window)
    lines = [f"{_method_title(method)}: " + text]
    if newton_path is not None:
        text, _ = _state(fn, np.asarray(newton_path, dtype=float).reshape(-1, 2), window)
        lines.append("Newton's method: " + text)
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _slider(name: str, value: float, low: float, high: float) -> widgets.FloatSlider:
    value = float(np.clip(value, low, high)) if np.isfinite(value) else (low + high) / 2
    return widgets.FloatSlider(value=value, min=low, max=high, step=(high - low) / 200,
                               description=name, continuous_update=True, readout=True,
                               readout_format=".2f")


def descent_playground(
    functions: Mapping[str, str] | Sequence[str] | None = None,
    start: tuple[float, float] = (-1.5, 1.5),
    learning_rate: float = 0.05,
    steps: int = 30,
    window: tuple[float, float, float, float] = (-2, 2, -1.5, 2.5),
    newton: bool = False,
    method: str = "gradient descent",
) -> FigureBox:
    """Gradient descent (or momentum, Adam, Newton) on a contour map: rate, steps, start on sliders.

    Parameters
    ----------
    functions : mapping or sequence, optional
        ``{name: formula}`` or a list of formulas in x and y (parsed safely).
        Default: :data:`DEFAULT_DESCENT_FUNCTIONS`.
    start : (float, float)
        Starting point (clipped to the window).
    learning_rate : float
        Starting learning rate ``eta`` (the slider spans 1e-4 to 1).
    steps : int
        Starting number of steps (the slider spans 0 to 200).
    window : (xmin, xmax, ymin, ymax)
        The region shown and the start sliders' ranges.
    newton : bool
        Whether Newton's path is shown at first.
    method : str
        The method of the main path at first, one of :data:`DESCENT_METHODS`.

    Returns
    -------
    FigureBox
        Class ``descent-playground``; ``sliders`` (``learning_rate``,
        ``steps``, ``x0``, ``y0``), ``function_menu``, ``method_menu``, ``newton_box``,
        ``readout`` (class ``descent-playground-readout``), ``figure``,
        ``artists``, ``update(change=None)`` and ``paths()`` (the current
        gradient-descent and Newton paths).
    """
    if functions is None:
        functions = DEFAULT_DESCENT_FUNCTIONS
    if not isinstance(functions, Mapping):
        functions = {str(text): text for text in functions}
    if not functions:
        raise ValueError("the descent playground needs at least one function")
    compiled = {name: compile_descent_function(text) for name, text in functions.items()}
    xmin, xmax, ymin, ymax = (float(v) for v in window)
    if not (xmin < xmax and ymin < ymax):
        raise ValueError("window must be (xmin, xmax, ymin, ymax) with xmin < xmax, ymin < ymax")
    window = (xmin, xmax, ymin, ymax)
    rate = float(learning_rate) if np.isfinite(learning_rate) and learning_rate > 0 else 0.05
    sliders = {
        "learning_rate": widgets.FloatLogSlider(
            value=float(np.clip(rate, 1e-4, 1.0)), base=10, min=-4, max=0, step=0.01,
            description="η", continuous_update=True, readout=True, readout_format=".4f"),
        "steps": widgets.IntSlider(value=int(np.clip(steps, 0, 200)), min=0, max=200,
                                   description="steps", continuous_update=True, readout=True),
        "x0": _slider("x₀", start[0], xmin, xmax),
        "y0": _slider("y₀", start[1], ymin, ymax),
    }
    menu = widgets.Dropdown(options=[(f"{name}:  {fn.title}", name) for name, fn in compiled.items()],
                            description="function", layout=widgets.Layout(width="34em"))
    if method not in DESCENT_METHODS:
        raise ValueError(f"the method must be one of {', '.join(DESCENT_METHODS)}, not {method!r}")
    method_menu = widgets.Dropdown(options=list(DESCENT_METHODS), value=method, description="method")
    newton_box = widgets.Checkbox(value=bool(newton), description="show Newton's method")
    for key, name, meaning in (("learning_rate", "η", "the learning rate"),
                               ("steps", "steps", "the number of descent steps"),
                               ("x0", "x₀", "the start's x coordinate"), ("y0", "y₀", "the start's y coordinate")):
        label(sliders[key], name, meaning)
    label(menu, "function", "the surface f(x, y) to descend")
    label(method_menu, "method", "how each step moves: plain descent, momentum, Adam or Newton")
    readout = widgets.HTML().add_class("descent-playground-readout")
    spoken = spoken_readout("descent-playground-spoken")
    figure = new_figure((6.4, 5.6))
    grid = figure.add_gridspec(1, 2, width_ratios=(1.0, 0.04), left=0.1, right=0.86,
                               bottom=0.09, top=0.93, wspace=0.06)
    ax, colorbar_axes = figure.add_subplot(grid[0]), figure.add_subplot(grid[1])
    fn = compiled[menu.value]
    artists = draw_descent(ax, fn.f, window, fn.title, colorbar_axes=colorbar_axes)
    update_descent_method(artists, method)
    view = figure_view(figure)
    blitter = blitting.Blitter(figure, artists.moving()) if view is figure.canvas else None
    shown = {"name": menu.value, "method": method_menu.value}
    current: dict[str, np.ndarray | None] = {"path": None, "newton": None}

    def paths():
        fn = compiled[shown["name"]]
        start = (sliders["x0"].value, sliders["y0"].value)
        return run_descent(fn, start, sliders["learning_rate"].value, sliders["steps"].value,
                           newton=newton_box.value, method=method_menu.value)

    def update(change=None) -> None:
        switched = menu.value != shown["name"]
        if switched:  # new contours and colour bar: the still part changes
            fn = compiled[menu.value]
            update_descent_function(artists, fn.f, fn.title)
            shown["name"] = menu.value
        relabelled = method_menu.value != shown["method"]
        if relabelled:  # the legend names the method: a still part
            update_descent_method(artists, method_menu.value)
            shown["method"] = method_menu.value
        path, newton_path = paths()
        current["path"], current["newton"] = path, newton_path
        update_descent(artists, path, newton_path)
        readout.value = descent_readout(compiled[shown["name"]], path, window, newton_path,
                                        method=method_menu.value)
        speak(spoken, readout_sentence(readout.value))
        refresh(view, figure, blitter, full=switched or relabelled)

    for control in (*sliders.values(), menu, method_menu, newton_box):
        control.observe(update, names="value")
    controls = widgets.VBox([widgets.HBox([menu]), widgets.HBox([method_menu, newton_box]),
                             widgets.HBox([sliders["learning_rate"], sliders["steps"]]),
                             widgets.HBox([sliders["x0"], sliders["y0"]])])
    box = FigureBox([controls, readout, spoken, view])
    box.add_class("descent-playground")
    box.summary = "Descent playground: gradient descent from (x0, y0) with learning rate eta"
    box.alt = ("A contour map of f with the gradient-descent path from the start (solid line, round "
               "markers) and, when shown, Newton's path (dashed, square markers).")
    box.sliders, box.function_menu, box.newton_box, box.readout = sliders, menu, newton_box, readout
    box.spoken = spoken
    box.method_menu = method_menu
    box.figure, box.artists, box.update = figure, artists, update
    box.paths = lambda: (current["path"], current["newton"])
    box.functions = compiled
    update()
    return box

