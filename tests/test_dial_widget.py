"""The direction dial driven headless: rates, arrows and readout against sympy.

What every widget promises (in-place moves, blitting, odd input...) is in test_widget_contract.py.
"""


import numpy as np
import pytest
import sympy as sp
from widget_support import IPYMPL, IPYMPL_WARNING, readout_text

from helpers.calculus import directional_derivative
from helpers.plotting import format_number
from helpers.plotting.dial import direction_reading, largest_slope
from helpers.widgets import direction_dial
from helpers.widgets.base import compile_functions
from helpers.widgets.dial import DEFAULT_DIAL_FUNCTIONS, direction_html

pytestmark = IPYMPL_WARNING

X, Y = sp.symbols("x y")


@pytest.fixture
def dial(backend):
    backend(IPYMPL)
    return direction_dial()


def exact_gradient(formula, point):
    expr = sp.sympify(formula)  # trusted test input
    at = {X: point[0], Y: point[1]}
    return np.array([float(sp.diff(expr, v).subs(at)) for v in (X, Y)])


def set_state(box, x0, y0, theta):
    box.sliders["x0"].value = x0
    box.sliders["y0"].value = y0
    box.sliders["theta"].value = theta


def test_lesson_example_reads_2_8(backend):
    backend(IPYMPL)
    box = direction_dial(x0=1, y0=1, angle=np.degrees(np.arctan2(4, 3)))
    text = readout_text(box)
    assert "u = (0.600, 0.800)" in text
    assert "D_u f = 2.800" in text
    assert f"|∇f| = {format_number(np.sqrt(8))}" in text
    assert f"angle between u and ∇f = {np.degrees(np.arctan2(4, 3)) - 45:.1f}°" in text


@pytest.mark.parametrize("name", list(DEFAULT_DIAL_FUNCTIONS))
@pytest.mark.parametrize("state", [(1.0, 0.5, 30.0), (-1.7, 1.2, -150.0), (0.3, -1.9, 180.0)])
def test_readout_and_curve_match_sympy(dial, name, state):
    dial.function_menu.value = name
    set_state(dial, *state)
    x0, y0, theta = state
    g = exact_gradient(DEFAULT_DIAL_FUNCTIONS[name], (x0, y0))
    u = np.array([np.cos(np.radians(theta)), np.sin(np.radians(theta))])
    assert dial.reading.rate == pytest.approx(g @ u, abs=1e-6)
    assert dial.reading.norm == pytest.approx(np.linalg.norm(g), abs=1e-6)
    f = compile_functions({name: DEFAULT_DIAL_FUNCTIONS[name]})[name][0]
    assert dial.reading.rate == pytest.approx(directional_derivative(f, (x0, y0), u), abs=1e-9)
    assert f"D_u f = {format_number(g @ u)}" in readout_text(dial)
    thetas, rates = dial.artists.curve.get_data()
    radians = np.radians(thetas)
    assert np.allclose(rates, g[0] * np.cos(radians) + g[1] * np.sin(radians), atol=1e-6)
    assert dial.artists.theta_marker.get_data() == ([theta], [dial.reading.rate])
    assert list(dial.artists.theta_line.get_xdata()) == [theta, theta]


def test_max_and_min_sit_at_the_gradient_and_opposite(dial):
    set_state(dial, 1.0, 1.0, 0.0)
    (peak,), (top,) = dial.artists.max_marker.get_data()
    (trough,), (bottom,) = dial.artists.min_marker.get_data()
    assert (peak, top) == pytest.approx((45.0, np.sqrt(8)))
    assert (trough, bottom) == pytest.approx((-135.0, -np.sqrt(8)))
    dial.sliders["theta"].value = 45.0
    assert dial.reading.rate == pytest.approx(np.sqrt(8)) and dial.reading.angle == pytest.approx(0, abs=1e-4)
    for theta in (135.0, -45.0):  # along the level curve
        dial.sliders["theta"].value = theta
        assert dial.reading.rate == pytest.approx(0, abs=1e-9)
        assert dial.reading.angle == pytest.approx(90)
    xs, ys = dial.artists.level_line.get_data()
    direction = np.array([xs[1] - xs[0], ys[1] - ys[0]])
    assert direction @ np.array([2.0, 2.0]) == pytest.approx(0, abs=1e-9)


def test_theta_step_moves_only_the_direction(dial):
    set_state(dial, 0.5, -0.5, 10.0)
    artists = dial.artists
    parts = dict(vars(artists))
    curve = artists.curve.get_ydata().copy()
    offsets = artists.gradient_arrow.get_offsets().copy()
    u_before = np.array([artists.direction_arrow.U[0], artists.direction_arrow.V[0]])
    dial.sliders["theta"].value = 100.0
    assert all(getattr(artists, name) is part for name, part in parts.items()
               if not isinstance(part, (tuple, float)))
    assert np.array_equal(artists.curve.get_ydata(), curve)
    assert np.array_equal(artists.gradient_arrow.get_offsets(), offsets)
    u_after = np.array([artists.direction_arrow.U[0], artists.direction_arrow.V[0]])
    assert not np.allclose(u_before, u_after)
    assert u_after / np.linalg.norm(u_after) == pytest.approx([np.cos(np.radians(100)), np.sin(np.radians(100))])


def test_critical_point_says_every_direction_has_rate_zero(dial):
    for name in ("bowl", "saddle"):
        dial.function_menu.value = name
        set_state(dial, 0.0, 0.0, 77.0)
        assert dial.reading.critical
        assert "every direction has rate 0" in dial.readout.value
        assert np.allclose(dial.artists.curve.get_ydata(), 0.0)
        assert not dial.artists.gradient_arrow.get_visible()
        assert dial.artists.max_marker.get_data() == ([], [])
        dial.sliders["theta"].value = -33.0
        assert "every direction has rate 0" in dial.readout.value


def test_function_switch_redraws_the_map(dial):
    old = dial.artists.contours.filled
    limits = dial.artists.rate_axes.get_ylim()
    dial.function_menu.value = "waves"
    assert dial.artists.contours.filled is not old
    assert "sin(x)*cos(y)" in dial.artists.title.get_text()
    assert dial.artists.rate_axes.get_ylim() != limits


def test_rate_axis_holds_every_rate_in_the_window(dial):
    for name, formula in DEFAULT_DIAL_FUNCTIONS.items():
        dial.function_menu.value = name
        low, high = dial.artists.rate_axes.get_ylim()
        f = compile_functions({name: formula})[name][0]
        steepest = largest_slope(f, (-2, 2, -2, 2))
        assert low < -steepest and high > steepest
        for corner in ((-2, -2), (2, 2), (-2, 2), (0.3, 0.7)):
            assert np.linalg.norm(exact_gradient(formula, corner)) <= steepest * 1.05


def test_undefined_point_gives_a_plain_message(backend):
    backend(IPYMPL)
    box = direction_dial({"log": "log(x*y)", "root": "sqrt(x)"}, x0=-1.0, y0=1.0)
    assert "not defined at this point" in box.readout.value
    assert box.artists.curve.get_data() == ([], [])
    assert not box.artists.direction_arrow.get_visible()
    set_state(box, 1.0, 1.0, 45.0)
    assert "not defined" not in box.readout.value
    assert box.reading.rate == pytest.approx(np.sqrt(2), abs=1e-6)
    box.function_menu.value = "root"
    set_state(box, -1.0, 0.0, 0.0)
    assert "not defined at this point" in box.readout.value
    box.figure.canvas.draw()


def test_custom_functions_window_and_clipping(backend):
    backend(IPYMPL)
    box = direction_dial({"plane": lambda x, y: 3 * x + 4 * y, "text": "x - y"}, x0=9.0, y0=-0.25,
                         angle=500.0, window=(-1, 3, -1, 1))
    assert box.sliders["x0"].value == 3.0 and box.sliders["theta"].value == 180.0
    assert box.reading.rate == pytest.approx(-3.0, abs=1e-6)
    assert box.reading.norm == pytest.approx(5.0, abs=1e-6)
    with pytest.raises(ValueError, match="window"):
        direction_dial(window=(1, 1, 0, 1))


def test_reading_and_readout_helpers():
    reading = direction_reading((2.0, 2.0), 90.0)
    assert reading.u == pytest.approx((0.0, 1.0))
    assert (reading.rate, reading.angle) == pytest.approx((2.0, 45.0))
    assert direction_reading((np.nan, 1.0), 0.0).finite is False
    assert "not defined" in direction_html(direction_reading((np.inf, 0.0), 10.0))
    assert "critical point" in direction_html(direction_reading((0.0, 0.0), 10.0))
