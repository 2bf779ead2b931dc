"""The tangent zoom driven headless: the plane and its errors against sympy.

What every widget promises (in-place moves, blitting, odd input...) is in test_widget_contract.py.
"""


import numpy as np
import pytest
import sympy as sp
from widget_support import IPYMPL, IPYMPL_WARNING, readout_text

from helpers.calculus import tangent_plane
from helpers.plotting.tangent import largest_error
from helpers.widgets import tangent_zoom
from helpers.widgets.tangent import DEFAULT_TANGENT_FUNCTIONS

pytestmark = IPYMPL_WARNING

X, Y = sp.symbols("x y")


@pytest.fixture
def zoom(backend):
    backend(IPYMPL)
    return tangent_zoom()


def set_state(box, x0, y0, w):
    box.sliders["x0"].value = x0
    box.sliders["y0"].value = y0
    box.sliders["zoom"].value = w


def exact(formula, point):
    expr = sp.sympify(formula)  # trusted test input
    at = {X: point[0], Y: point[1]}
    return float(expr.subs(at)), float(sp.diff(expr, X).subs(at)), float(sp.diff(expr, Y).subs(at))


@pytest.mark.parametrize("name", list(DEFAULT_TANGENT_FUNCTIONS))
@pytest.mark.parametrize("point", [(1.0, 0.0), (-1.3, 0.7), (0.4, -1.6)])
def test_plane_and_errors_match_sympy(zoom, name, point):
    zoom.function_menu.value = name
    set_state(zoom, *point, 0.05)
    formula = DEFAULT_TANGENT_FUNCTIONS[name]
    value, fx, fy = exact(formula, point)
    text = readout_text(zoom)
    a, b = (f"{c:.2f}" for c in point)
    assert f"L(x, y) = {value:.3f} + {fx:.3f} (x − {a}) + {fy:.3f} (y − {b})".replace("-0.000", "0.000") in text
    # the slope of L along the slice is the directional derivative
    s, rise = zoom.artists.plane_line.get_data()
    u = zoom.artists.direction
    assert (rise[1] - rise[0]) / (s[1] - s[0]) == pytest.approx(fx * u[0] + fy * u[1], abs=1e-6)
    # largest error over the window against an exact L on the same grid
    f = sp.lambdify((X, Y), sp.sympify(formula))
    grid = np.linspace(-1, 1, 41)
    gx, gy = np.meshgrid(point[0] + 0.05 * grid, point[1] + 0.05 * grid)
    expected = np.max(np.abs(f(gx, gy) - (value + fx * (gx - point[0]) + fy * (gy - point[1]))))
    assert zoom.errors["error"] == pytest.approx(expected, rel=1e-5, abs=1e-9)
    assert zoom.errors["per_area"] == pytest.approx(expected / 0.05**2, rel=1e-5, abs=1e-6)


def test_error_per_width_squared_settles_for_a_smooth_function(zoom):
    zoom.function_menu.value = "saddle"
    ratios = []
    for w in (0.4, 0.2, 0.1, 0.05):
        set_state(zoom, 1.5, 1.0, w)
        ratios.append(zoom.errors["per_area"])
    # x² − y²: f − L = (x − a)² − (y − b)², whose largest size on the square is w²
    assert ratios == pytest.approx([1.0] * 4, rel=1e-9)


def test_the_cone_has_no_plane_at_its_tip(zoom):
    zoom.function_menu.value = "cone"
    set_state(zoom, 0.0, 0.0, 0.2)
    first = zoom.errors
    zoom.sliders["zoom"].value = 0.02
    # error / w stays at sqrt(2), so error / w² grows tenfold: not quadratic
    assert first["per_width"] == pytest.approx(np.sqrt(2), rel=1e-9)
    assert zoom.errors["per_width"] == pytest.approx(np.sqrt(2), rel=1e-9)
    assert zoom.errors["per_area"] == pytest.approx(10 * first["per_area"], rel=1e-6)


def test_largest_error_agrees_with_the_course_tangent_plane():
    f = lambda x, y: x * np.exp(y)  # noqa: E731
    L = tangent_plane(f, (1.0, 0.0))
    grid = np.linspace(0.9, 1.1, 41), np.linspace(-0.1, 0.1, 41)
    gx, gy = np.meshgrid(*grid)
    assert largest_error(f, (1, 0), 1.0, (1.0, 1.0), 0.1)[0] == pytest.approx(
        np.max(np.abs(f(gx, gy) - L(gx, gy))), rel=1e-6)


def test_undefined_point_gives_a_plain_message(backend):
    backend(IPYMPL)
    box = tangent_zoom({"log": "log(x*y)"}, x0=-1.0, y0=1.0)
    assert "no tangent plane" in box.readout.value
    assert len(box.artists.plane_line.get_xdata()) == 0
    box.sliders["x0"].value = 1.0
    assert "no tangent plane" not in box.readout.value


@pytest.mark.parametrize("window", [(1, 1, 0, 1), (0, 1, 2, -2)])
def test_empty_window_is_refused(backend, window):
    backend(IPYMPL)
    with pytest.raises(ValueError, match="window"):
        tangent_zoom(window=window)
