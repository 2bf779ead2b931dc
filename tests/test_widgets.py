"""The partial slicer and the gradient calculator driven headless: true values, plain messages.

What every widget promises (in-place moves, blitting, odd input...) is in test_widget_contract.py.
"""


import numpy as np
import pytest
import sympy as sp
from widget_support import IPYMPL, IPYMPL_WARNING, readout_text

from helpers import widgets as course_widgets
from helpers.plotting import format_number
from helpers.widgets import DEFAULT_SLICER_FUNCTIONS, gradient_calculator, partial_slicer

pytestmark = IPYMPL_WARNING

X, Y = sp.symbols("x y")


@pytest.fixture
def slicer(backend):
    backend(IPYMPL)
    return partial_slicer()


def exact_partials(formula, point):
    expr = sp.sympify(formula)  # trusted test input
    at = {X: point[0], Y: point[1]}
    return float(expr.subs(at)), float(sp.diff(expr, X).subs(at)), float(sp.diff(expr, Y).subs(at))


def slope(line):
    x, z = line.get_data()
    return (z[1] - z[0]) / (x[1] - x[0])


def set_point(box, x0, y0):
    box.sliders["x0"].value = x0
    box.sliders["y0"].value = y0


@pytest.mark.parametrize("name", list(DEFAULT_SLICER_FUNCTIONS))
@pytest.mark.parametrize("point", [(1.0, 0.5), (-1.7, 1.2), (0.3, -1.9)])
def test_tangent_slopes_and_readout_match_sympy(slicer, name, point):
    slicer.function_menu.value = name
    set_point(slicer, *point)
    value, fx, fy = exact_partials(DEFAULT_SLICER_FUNCTIONS[name], point)
    assert slope(slicer.artists.x_tangent) == pytest.approx(fx, abs=1e-6)
    assert slope(slicer.artists.y_tangent) == pytest.approx(fy, abs=1e-6)
    text = readout_text(slicer)
    at = f"({point[0]:.2f}, {point[1]:.2f})"
    assert f"f{at} = {format_number(value)}" in text
    assert f"f_x{at} = {format_number(fx)}" in text
    assert f"f_y{at} = {format_number(fy)}" in text
    assert slicer.artists.x_text.get_text() == f"f_x{at} = {format_number(fx)}"


def test_function_switch_redraws_the_map_and_the_slices(slicer):
    old_contours = slicer.artists.contours.filled
    slicer.function_menu.value = "waves"
    x, z = slicer.artists.x_curve.get_data()
    assert np.allclose(z, np.sin(x) * np.cos(0.5))
    assert slicer.artists.contours.filled is not old_contours
    assert "sin(x)*cos(y)" in slicer.artists.title.get_text()


def test_undefined_point_gives_a_plain_message(backend):
    backend(IPYMPL)
    box = partial_slicer({"log": "log(x*y)"}, x0=-1.0, y0=1.0)
    assert "not defined at this point" in box.readout.value
    assert len(box.artists.x_tangent.get_xdata()) == 0
    set_point(box, 1.0, 1.0)
    assert "not defined" not in box.readout.value
    assert slope(box.artists.x_tangent) == pytest.approx(1.0, abs=1e-6)


def test_custom_functions_and_starting_point(backend):
    backend(IPYMPL)
    box = partial_slicer({"product": lambda x, y: x * y, "text": "x - y"}, x0=5.0, y0=-0.25,
                         window=(-1, 3, -1, 1))
    assert box.sliders["x0"].value == 3.0  # clipped into the window
    assert box.sliders["x0"].max == 3.0 and box.sliders["y0"].min == -1.0
    assert slope(box.artists.x_tangent) == pytest.approx(-0.25, abs=1e-6)
    box.function_menu.value = "text"
    assert slope(box.artists.y_tangent) == pytest.approx(-1.0, abs=1e-6)
    assert partial_slicer(["x**3"]).function_menu.value == "x**3"


@pytest.mark.parametrize("window", [(1, 1, 0, 1), (0, 1, 2, -2)])
def test_empty_window_is_refused(backend, window):
    backend(IPYMPL)
    with pytest.raises(ValueError, match="window"):
        partial_slicer(window=window)


def test_show_displays_one_output(monkeypatch, slicer):
    shown = []
    monkeypatch.setattr("IPython.display.display",
                        lambda obj, raw, metadata: shown.append((obj, raw, metadata)))
    course_widgets.show(slicer)
    course_widgets.show(gradient_calculator())
    (first, raw, alt), (second, _, no_picture) = shown
    assert raw and "image/png" in first and "image/png" not in second
    assert alt["image/png"]["alt"].startswith("Left, a contour map of f") and not no_picture
    assert slicer.spoken.sentence in alt["image/png"]["alt"]
    assert "application/vnd.jupyter.widget-view+json" in second
    assert second["text/plain"] == "Gradient calculator: type a formula in x, y"

