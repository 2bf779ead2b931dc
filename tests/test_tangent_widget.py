"""The tangent zoom driven headless: in-place updates, true values, blitting, odd input."""


import ipywidgets as widgets
import numpy as np
import pytest
import sympy as sp
from widget_support import IPYMPL, IPYMPL_WARNING, artist_count, pixels, readout_text, spy

from helpers import widgets as course_widgets
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


@pytest.fixture
def drawn(zoom):
    zoom.figure.canvas.draw()
    return zoom












def set_state(box, x0, y0, w):
    box.sliders["x0"].value = x0
    box.sliders["y0"].value = y0
    box.sliders["zoom"].value = w


def exact(formula, point):
    expr = sp.sympify(formula)  # trusted test input
    at = {X: point[0], Y: point[1]}
    return float(expr.subs(at)), float(sp.diff(expr, X).subs(at)), float(sp.diff(expr, Y).subs(at))


def test_one_container_with_findable_parts(zoom):
    assert isinstance(zoom, widgets.VBox)
    assert "tangent-zoom" in zoom._dom_classes
    assert "tangent-zoom-readout" in zoom.readout._dom_classes
    assert zoom.figure.canvas in zoom.children
    assert isinstance(zoom.sliders["zoom"], widgets.FloatLogSlider)
    assert zoom.sliders["zoom"].min == pytest.approx(-2) and 10 ** zoom.sliders["zoom"].max == pytest.approx(2)
    for slider in zoom.sliders.values():
        assert slider.continuous_update and slider.readout
    assert len(zoom.function_menu.options) == len(DEFAULT_TANGENT_FUNCTIONS)


def test_slider_moves_change_the_same_artists(zoom):
    artists = zoom.artists
    parts = dict(vars(artists))
    before = artists.f_curve.get_ydata().copy()
    set_state(zoom, -1.0, 0.5, 0.1)
    assert zoom.artists is artists
    assert all(getattr(artists, name) is part for name, part in parts.items())
    assert artists.point.get_data() == ([-1.0], [0.5])
    assert np.allclose(artists.square.get_xdata(), [-1.1, -0.9, -0.9, -1.1, -1.1])
    assert not np.allclose(artists.f_curve.get_ydata(), before)


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


def test_fifty_updates_do_not_grow_the_figure(drawn):
    count = artist_count(drawn.figure)
    for step, x0 in enumerate(np.linspace(-2, 2, 50)):
        set_state(drawn, x0, np.sin(step), 10 ** (-2 + step / 40))
    drawn.function_menu.value = "waves"
    drawn.function_menu.value = "product"
    drawn.figure.canvas.draw()
    assert artist_count(drawn.figure) == count


@pytest.mark.parametrize("corner", [(-2, -2), (-2, 2), (2, -2), (2, 2), (0, 0)])
@pytest.mark.parametrize("w", [0.01, 2.0])
def test_extreme_slider_values_do_not_raise(drawn, corner, w):
    for name in DEFAULT_TANGENT_FUNCTIONS:
        drawn.function_menu.value = name
        set_state(drawn, *corner, w)
        drawn.figure.canvas.draw()
        drawn.sliders["zoom"].value = 1e9  # clamped by the slider
        drawn.sliders["zoom"].value = 1e-9
        assert "Traceback" not in drawn.readout.value
    drawn.figure.canvas.draw()


@pytest.mark.parametrize("state", [(np.nan, 0.0, 0.1), (np.inf, 1.0, 0.1), (1e308, -1e308, 2.0),
                                   (0.0, 0.0, 0.0), (0.5, 0.5, np.nan), (0.0, -np.inf, np.inf)])
def test_odd_states_give_a_message_not_a_traceback(zoom, state):
    zoom.move(*state)
    zoom.figure.canvas.draw()
    assert "Traceback" not in zoom.readout.value
    assert zoom.readout.value


def test_undefined_point_gives_a_plain_message(backend):
    backend(IPYMPL)
    box = tangent_zoom({"log": "log(x*y)"}, x0=-1.0, y0=1.0)
    assert "no tangent plane" in box.readout.value
    assert len(box.artists.plane_line.get_xdata()) == 0
    box.sliders["x0"].value = 1.0
    assert "no tangent plane" not in box.readout.value


def test_slider_steps_blit_after_the_first_draw(monkeypatch, drawn):
    calls = spy(monkeypatch, drawn.figure.canvas, "draw", "draw_idle", "restore_region", "blit")
    for step, value in enumerate(np.linspace(-1.5, 1.5, 9)):
        name = ("x0", "y0", "zoom")[step % 3]
        drawn.sliders[name].value = value if name != "zoom" else 10 ** (value / 1.5 - 1)
    assert calls["blit"].count == calls["restore_region"].count == 9
    assert calls["draw"].count == calls["draw_idle"].count == 0


def test_a_blitted_step_shows_what_a_full_draw_shows(drawn):
    canvas = drawn.figure.canvas
    before = pixels(canvas)
    set_state(drawn, -1.25, 1.5, 0.3)
    blitted = pixels(canvas)
    assert (blitted != before).any()
    canvas.draw()
    assert np.array_equal(blitted, pixels(canvas))


def test_function_switch_asks_for_a_full_draw(monkeypatch, drawn):
    calls = spy(monkeypatch, drawn.figure.canvas, "draw_idle", "blit")
    old = drawn.artists.contours.filled
    drawn.function_menu.value = "waves"
    assert (calls["draw_idle"].count, calls["blit"].count) == (1, 0)
    assert drawn.artists.contours.filled is not old
    assert "sin(x)*cos(y)" in drawn.artists.title.get_text()


def test_png_snapshot_exists_and_shows_the_moving_artists(drawn):
    bundle = drawn._repr_mimebundle_()
    assert bundle["image/png"].startswith(b"\x89PNG")
    assert bundle["text/plain"].startswith("Tangent zoom")
    before = course_widgets.figure_png(drawn.figure)
    set_state(drawn, -1.5, -1.5, 0.05)
    assert course_widgets.figure_png(drawn.figure) != before
    assert all(artist.get_animated() for artist in drawn.artists.moving())


def test_without_ipympl_the_figure_is_an_image(backend):
    backend("Agg")
    box = tangent_zoom()
    image = box.children[-1]
    assert isinstance(image, widgets.Image)
    first = bytes(image.value)
    box.sliders["zoom"].value = 0.05
    assert bytes(image.value) != first


@pytest.mark.parametrize("window", [(1, 1, 0, 1), (0, 1, 2, -2)])
def test_empty_window_is_refused(backend, window):
    backend(IPYMPL)
    with pytest.raises(ValueError, match="window"):
        tangent_zoom(window=window)
