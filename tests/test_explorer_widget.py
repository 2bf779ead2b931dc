"""The gradient explorer driven headless: arrows and readout against sympy.

What every widget promises (in-place moves, blitting, odd input...) is in test_widget_contract.py.
"""

import math

import numpy as np
import pytest
import sympy as sp
from widget_support import IPYMPL, IPYMPL_WARNING, readout_text

from helpers.plotting import format_number
from helpers.plotting.explorer import gradient_on_grid, tangent_direction
from helpers.widgets import gradient_explorer
from helpers.widgets.explorer import DEFAULT_EXPLORER_FUNCTIONS, explorer_readout

pytestmark = IPYMPL_WARNING

X, Y = sp.symbols("x y")


@pytest.fixture
def explorer(backend):
    backend(IPYMPL)
    return gradient_explorer()


def set_point(box, x0, y0):
    box.sliders["x0"].value = x0
    box.sliders["y0"].value = y0


def exact_gradient(formula, point):
    expr = sp.sympify(formula)  # trusted test input
    at = {X: point[0], Y: point[1]}
    return tuple(float(sp.diff(expr, v).subs(at)) for v in (X, Y))


@pytest.mark.parametrize("name", list(DEFAULT_EXPLORER_FUNCTIONS))
@pytest.mark.parametrize("point", [(1.0, 0.5), (-1.7, 1.2), (0.3, -1.9)])
def test_arrow_tangent_and_readout_match_sympy(explorer, name, point):
    explorer.function_menu.value = name
    set_point(explorer, *point)
    gx, gy = exact_gradient(DEFAULT_EXPLORER_FUNCTIONS[name], point)
    length = math.hypot(gx, gy)
    arrow = explorer.artists.arrow
    u, v = float(arrow.U[0]), float(arrow.V[0])
    assert np.allclose([u, v], np.array([gx, gy]) / length * explorer.artists.arrow_length, atol=1e-6)
    xs, ys = explorer.artists.tangent.get_data()
    tangent = np.array([xs[1] - xs[0], ys[1] - ys[0]])
    assert abs(np.dot(tangent, [gx, gy])) < 1e-6 * np.linalg.norm(tangent) * length  # perpendicular
    text = readout_text(explorer)
    at = f"({point[0]:.2f}, {point[1]:.2f})"
    assert f"∇f{at} = ({format_number(gx)}, {format_number(gy)})" in text
    assert f"|∇f| = {format_number(length)}" in text
    assert f"direction {format_number(math.degrees(math.atan2(gy, gx)), digits=1)}°" in text
    assert explorer.artists.label.get_text() == f"∇f{at} = ({format_number(gx)}, {format_number(gy)})"


def test_the_lesson_example_point(backend):
    backend(IPYMPL)
    box = gradient_explorer({"bowl": "x**2 + 4*y**2"}, x0=2, y0=1, window=(-3, 3, -3, 3))
    text = readout_text(box)
    assert "∇f(2.00, 1.00) = (4.000, 8.000)" in text
    assert f"|∇f| = {format_number(math.sqrt(80))}" in text and "63.4°" in text
    assert np.allclose(tangent_direction((4, 8)) @ np.array([4, 8]), 0)


@pytest.mark.parametrize(("name", "point"), [("saddle", (0.0, 0.0)), ("bowl", (0.0, 0.0)),
                                             ("hill and pass", (1.0, 0.0)), ("hill and pass", (-1.0, 0.0))])
def test_zero_gradient_says_so_and_hides_the_arrow(explorer, name, point):
    explorer.function_menu.value = name
    set_point(explorer, *point)
    assert "∇f = 0: no uphill direction here" in readout_text(explorer)
    assert not explorer.artists.arrow.get_visible()
    assert len(explorer.artists.tangent.get_xdata()) == 0
    assert "nan" not in explorer.readout.value
    set_point(explorer, 0.5, 0.5)
    assert explorer.artists.arrow.get_visible() and "no uphill" not in explorer.readout.value


def test_function_switch_redraws_contours_and_field(explorer):
    old_contours, old_field = explorer.artists.contours.filled, explorer.artists.field.quiver
    explorer.function_menu.value = "waves"
    assert explorer.artists.contours.filled is not old_contours
    assert explorer.artists.field.quiver is not old_field
    assert old_field not in explorer.artists.axes.get_children()
    assert "sin(x)*cos(y)" in explorer.artists.title.get_text()
    x, y, gx, gy = gradient_on_grid(lambda a, b: np.sin(a) * np.cos(b), (-2, 2, -2, 2))
    assert np.allclose(gx, np.cos(x) * np.cos(y), atol=1e-8)
    assert np.allclose(gy, -np.sin(x) * np.sin(y), atol=1e-8)


def test_undefined_gradient_gives_a_plain_message(backend):
    backend(IPYMPL)
    box = gradient_explorer({"log": "log(x*y)", "root": "sqrt(x)"}, x0=-1.0, y0=1.0)
    assert "not defined at this point" in box.readout.value
    assert not box.artists.arrow.get_visible()
    set_point(box, 1.0, 1.0)
    assert "not defined" not in box.readout.value and "(1.000, 1.000)" in readout_text(box)
    box.function_menu.value = "root"
    set_point(box, 0.0, 0.5)  # the edge of the domain: no finite slope
    assert "not defined" in box.readout.value
    box.figure.canvas.draw()


def test_readout_of_bad_numbers():
    assert "not defined" in explorer_readout((1, 1), (float("nan"), 1.0))
    assert "not defined" in explorer_readout((1, 1), (float("inf"), 0.0))
    assert "direction 180.0°" in explorer_readout((0, 0), (-2.0, 0.0))


def test_custom_functions_starting_point_and_bad_window(backend):
    backend(IPYMPL)
    box = gradient_explorer({"product": lambda x, y: x * y, "text": "x - y"}, x0=5.0, y0=-0.25,
                            window=(-1, 3, -1, 1))
    assert box.sliders["x0"].value == 3.0
    assert "∇f(3.00, -0.25) = (-0.250, 3.000)" in readout_text(box)
    box.function_menu.value = "text"
    assert "(1.000, -1.000)" in readout_text(box)
    assert gradient_explorer(["x**3"]).function_menu.value == "x**3"
    with pytest.raises(ValueError, match="window"):
        gradient_explorer(window=(1, 1, 0, 1))
    with pytest.raises(ValueError, match="at least one"):
        gradient_explorer({})


