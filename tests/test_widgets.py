"""Widgets driven headless: the same controls a learner moves, no browser."""


import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
import sympy as sp
from matplotlib.backends.backend_agg import FigureCanvasAgg
from widget_support import IPYMPL, IPYMPL_WARNING, artist_count, pixels, readout_text, spy

from helpers import widgets as course_widgets
from helpers.plotting import format_number
from helpers.widgets import DEFAULT_SLICER_FUNCTIONS, gradient_calculator, partial_slicer

pytestmark = IPYMPL_WARNING

X, Y = sp.symbols("x y")





@pytest.fixture
def slicer(backend):
    backend(IPYMPL)
    return partial_slicer()


@pytest.fixture
def drawn(slicer):
    """A slicer whose canvas has had its first full draw, as a browser asks for it."""
    slicer.figure.canvas.draw()
    return slicer








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






def test_slicer_is_one_container_with_findable_parts(slicer):
    assert isinstance(slicer, widgets.VBox)
    assert "partial-slicer" in slicer._dom_classes
    assert "partial-slicer-readout" in slicer.readout._dom_classes
    assert slicer.figure.canvas in slicer.children
    assert not slicer.figure.canvas.header_visible
    for slider in slicer.sliders.values():
        assert slider.continuous_update and slider.readout
    assert len(slicer.function_menu.options) >= 3


def test_slider_move_changes_the_same_artists(slicer):
    artists = slicer.artists
    parts = dict(vars(artists))
    curve = artists.x_curve.get_ydata().copy()
    set_point(slicer, -1.0, 1.5)
    assert slicer.artists is artists
    assert all(getattr(artists, name) is part for name, part in parts.items())
    assert artists.point.get_data() == ([-1.0], [1.5])
    assert not np.allclose(artists.x_curve.get_ydata(), curve)


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


def test_fifty_updates_do_not_grow_the_figure(drawn):
    slicer = drawn
    count = artist_count(slicer.figure)
    for step, x0 in enumerate(np.linspace(-2, 2, 50)):
        set_point(slicer, x0, np.sin(step))
    slicer.function_menu.value = "bump"
    slicer.function_menu.value = "bowl"
    slicer.figure.canvas.draw()
    assert artist_count(slicer.figure) == count


@pytest.mark.parametrize("corner", [(-2, -2), (-2, 2), (2, -2), (2, 2), (0, 0)])
def test_extreme_slider_values_do_not_raise(drawn, corner):
    slicer = drawn
    for name in DEFAULT_SLICER_FUNCTIONS:
        slicer.function_menu.value = name
        set_point(slicer, *corner)
        slicer.figure.canvas.draw()  # the full draw the switch asked for; then steps blit
        set_point(slicer, corner[0] / 2, corner[1] / 2)
        set_point(slicer, *corner)
        slicer.sliders["x0"].value = 1e9  # clamped by the slider
        assert "undefined" not in slicer.readout.value
    slicer.figure.canvas.draw()


@pytest.mark.parametrize("point", [(np.nan, 0.0), (np.inf, 1.0), (1e308, -1e308), (0.0, -np.inf)])
def test_odd_points_give_a_message_not_a_traceback(slicer, point):
    slicer.move(*point)
    slicer.figure.canvas.draw()
    assert "Traceback" not in slicer.readout.value


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


def test_without_ipympl_the_figure_is_an_image(backend):
    backend("Agg")
    box = partial_slicer()
    image = box.children[-1]
    assert isinstance(image, widgets.Image)
    first = bytes(image.value)
    assert first.startswith(b"\x89PNG")
    box.sliders["y0"].value = -1.0
    assert bytes(image.value) != first
    assert isinstance(box.figure.canvas, FigureCanvasAgg)  # renders, and is off pyplot's list
    assert box.figure.number not in plt.get_fignums()


def test_slider_steps_blit_after_the_first_draw(monkeypatch, drawn):
    canvas = drawn.figure.canvas
    calls = spy(monkeypatch, canvas, "draw", "draw_idle", "restore_region", "blit")
    for step, x0 in enumerate(np.linspace(-2, 2, 10)):
        drawn.sliders[("x0", "y0")[step % 2]].value = x0
    assert calls["blit"].count == calls["restore_region"].count == 10
    assert calls["draw"].count == calls["draw_idle"].count == 0


def test_a_blitted_step_shows_what_a_full_draw_shows(drawn):
    canvas = drawn.figure.canvas
    before = pixels(canvas)
    set_point(drawn, -1.25, 1.5)
    blitted = pixels(canvas)
    assert (blitted != before).any()
    canvas.draw()
    assert np.array_equal(blitted, pixels(canvas))


def test_before_the_first_draw_a_step_asks_for_a_full_draw(monkeypatch, slicer):
    calls = spy(monkeypatch, slicer.figure.canvas, "draw_idle", "blit")
    slicer.sliders["x0"].value = -0.5
    assert (calls["draw_idle"].count, calls["blit"].count) == (1, 0)
    slicer.figure.canvas.draw()
    slicer.sliders["x0"].value = 0.5
    assert (calls["draw_idle"].count, calls["blit"].count) == (1, 1)


def test_function_switch_asks_for_a_full_draw_and_a_new_background(monkeypatch, drawn):
    canvas = drawn.figure.canvas
    calls = spy(monkeypatch, canvas, "draw_idle", "blit", "copy_from_bbox")
    drawn.function_menu.value = "waves"
    assert (calls["draw_idle"].count, calls["blit"].count) == (1, 0)
    drawn.sliders["y0"].value = -1.0  # before that draw: no blit of the old contours
    assert (calls["draw_idle"].count, calls["blit"].count) == (2, 0)
    canvas.draw()  # the draw the browser asks for after draw_idle
    assert calls["copy_from_bbox"].count == 1
    drawn.sliders["x0"].value = 0.25
    assert calls["blit"].count == 1 and calls["draw_idle"].count == 2
    blitted = pixels(canvas)
    canvas.draw()
    assert np.array_equal(blitted, pixels(canvas))


def test_png_snapshot_shows_the_moving_artists(drawn):
    before = course_widgets.figure_png(drawn.figure)
    set_point(drawn, -1.5, -1.5)
    moved = course_widgets.figure_png(drawn.figure)
    assert moved != before
    drawn.artists.point.set_visible(False)
    assert course_widgets.figure_png(drawn.figure) != moved  # the point is in the snapshot
    assert all(artist.get_animated() for artist in drawn.artists.moving())
    drawn.figure.canvas.draw()  # a snapshot leaves the figure stale: the browser redraws it
    drawn.sliders["x0"].value = 1.0
    blitted = pixels(drawn.figure.canvas)
    drawn.figure.canvas.draw()
    assert np.array_equal(blitted, pixels(drawn.figure.canvas))


def test_display_carries_the_widget_and_a_static_png(slicer):
    bundle = slicer._repr_mimebundle_()
    assert bundle["image/png"].startswith(b"\x89PNG")
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == slicer.model_id
    assert bundle["text/plain"].startswith("Partial slicer")


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

