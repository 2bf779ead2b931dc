"""Plotting: draw_* creates artists once, update_* moves the same artists, a blit shows them."""

import io
import re

import matplotlib
import numpy as np
import pytest
from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers import plotting
from helpers.blitting import Blitter, animated_shown
from helpers.calculus import gradient

WINDOW = (-2.0, 2.0, -2.0, 2.0)


def cubic(x, y):
    return x**2 * y + y**3 / 3


def cubic_gradient(x, y):
    return 2 * x * y, x**2 + y**2


def waves(x, y):
    return np.sin(x) * np.cos(y)


def make_slicer(f=cubic, point=(1.0, 0.5)):
    fig = Figure(figsize=(9.5, 4.4))
    FigureCanvasAgg(fig)
    artists = plotting.draw_partial_slicer(plotting.add_slicer_axes(fig), f, WINDOW, title="f")
    move(artists, f, point)
    return fig, artists


def move(artists, f, point):
    plotting.update_partial_slicer(artists, f, point, f(*point), gradient(f, point))


def artist_count(fig):
    return len(fig.axes), sum(len(ax.get_children()) for ax in fig.axes)


def slope(line):
    x, z = line.get_data()
    return (z[1] - z[0]) / (x[1] - x[0])


def test_palette_is_okabe_ito():
    assert len(plotting.PALETTE) == 8
    assert all(re.fullmatch(r"#[0-9A-F]{6}", colour) for colour in plotting.PALETTE.values())
    assert plotting.PALETTE["blue"] == "#0072B2"
    assert plotting.PALETTE["vermillion"] == "#D55E00"
    assert matplotlib.colormaps[plotting.CONTOUR_MAP] is not None


@pytest.mark.parametrize(("value", "text"), [
    (1.23456, "1.235"), (-0.0, "0.000"), (-2.5, "-2.500"), (2.5e7, "2.500e+07"),
    (float("nan"), "undefined"), (float("-inf"), "infinite"),
])
def test_format_number(value, text):
    assert plotting.format_number(value) == text


def test_partial_labels_name_the_point():
    labels = plotting.partial_labels((1.0, -0.5), 0.25, (2.0, -1.5))
    assert labels == ("f(1.00, -0.50) = 0.250", "f_x(1.00, -0.50) = 2.000",
                      "f_y(1.00, -0.50) = -1.500")


def test_sample_grid_marks_undefined_points_nan():
    x, y, z = plotting.sample_grid(lambda x, y: np.log(x) + y, WINDOW, samples=11)
    assert x.shape == y.shape == z.shape == (11, 11)
    assert np.isnan(z[x <= 0]).all()
    assert np.isfinite(z[x > 0]).all()


def test_sample_grid_accepts_a_constant():
    _, _, z = plotting.sample_grid(lambda x, y: 2.0, WINDOW, samples=5)
    assert z.shape == (5, 5) and (z == 2.0).all()


@pytest.mark.parametrize("f", [lambda x, y: np.log(x * y), lambda x, y: 0 * x + 1.0])
def test_contour_map_survives_undefined_and_flat_functions(f):
    fig = Figure()
    FigureCanvasAgg(fig)
    contours = plotting.draw_contour_map(fig.add_subplot(), f, WINDOW)
    fig.canvas.draw()
    assert contours.colorbar is None


def test_draw_returns_every_artist_on_its_axes():
    fig, artists = make_slicer()
    assert artists.point.axes is artists.map_axes
    assert artists.x_line.axes is artists.y_line.axes is artists.map_axes
    assert artists.x_curve.axes is artists.x_tangent.axes is artists.x_axes
    assert artists.y_curve.axes is artists.y_tangent.axes is artists.y_axes
    assert artists.contours.colorbar is not None
    fig.canvas.draw()


def test_update_moves_the_same_artists():
    fig, artists = make_slicer()
    before = dict(vars(artists))
    old_curve = artists.x_curve.get_ydata().copy()
    move(artists, cubic, (-1.5, 1.25))
    assert all(getattr(artists, name) is artist for name, artist in before.items())
    assert not np.allclose(artists.x_curve.get_ydata(), old_curve)
    assert artists.point.get_data() == ([-1.5], [1.25])
    assert artists.x_line.get_ydata() == [1.25, 1.25]
    assert artists.y_line.get_xdata() == [-1.5, -1.5]


def test_slices_follow_the_function():
    _, artists = make_slicer(point=(0.7, -1.2))
    xs, zs = artists.x_curve.get_data()
    assert np.allclose(zs, cubic(xs, -1.2))
    ys, zs = artists.y_curve.get_data()
    assert np.allclose(zs, cubic(0.7, ys))


@pytest.mark.parametrize("point", [(1.0, 0.5), (-1.3, 0.2), (0.0, -2.0)])
def test_tangents_have_the_partial_slopes_through_the_point(point):
    _, artists = make_slicer(point=point)
    fx, fy = cubic_gradient(*point)
    assert slope(artists.x_tangent) == pytest.approx(fx, abs=1e-6)
    assert slope(artists.y_tangent) == pytest.approx(fy, abs=1e-6)
    x, z = artists.x_tangent.get_data()
    assert np.interp(point[0], x, z) == pytest.approx(cubic(*point))
    assert artists.x_point.get_data() == ([point[0]], [pytest.approx(cubic(*point))])
    assert artists.x_text.get_text() == plotting.partial_labels(point, 0, (fx, fy))[1]


def test_undefined_values_hide_the_tangents_and_say_so():
    _, artists = make_slicer()
    plotting.update_partial_slicer(artists, cubic, (1.0, 0.5), float("nan"), (np.inf, 1.0))
    assert len(artists.x_tangent.get_xdata()) == 0
    assert len(artists.y_tangent.get_xdata()) == 0
    assert artists.value_text.get_text().endswith("undefined")
    assert artists.x_text.get_text().endswith("infinite")


def test_huge_coordinates_keep_the_labels_short():
    _, artists = make_slicer()
    plotting.update_partial_slicer(artists, cubic, (1e308, -np.inf), np.nan, (np.nan, np.nan))
    texts = [artists.x_axes.title, artists.y_axes.title, artists.x_text, artists.value_text]
    assert all(len(text.get_text()) < 60 for text in texts)
    assert artists.y_axes.title.get_text() == "slice x = 1.00e+308:  z = f(1.00e+308, y)"


def test_fifty_updates_create_no_artists():
    fig, artists = make_slicer()
    fig.canvas.draw()
    count = artist_count(fig)
    for x0 in np.linspace(-2, 2, 50):
        move(artists, cubic, (x0, -x0 / 2))
    fig.canvas.draw()
    assert artist_count(fig) == count


def test_function_change_replaces_only_the_contours():
    fig, artists = make_slicer()
    count = artist_count(fig)
    old = artists.contours.filled
    for f in (waves, cubic, waves):
        plotting.update_slicer_function(artists, f, "sin(x) cos(y)")
        move(artists, f, (1.0, 0.5))
    fig.canvas.draw()
    assert artists.contours.filled is not old
    assert old.axes is None
    assert artist_count(fig) == count
    assert artists.title.get_text() == "sin(x) cos(y)"
    low, high = artists.x_axes.get_ylim()
    assert -1.2 < low < -0.9 and 0.9 < high < 1.2


# ----------------------------------------------------------------------- blitting


class Calls:
    """Stands in for a canvas method: counts the calls, then makes them."""

    def __init__(self, method=None):
        self.method, self.count = method, 0

    def __call__(self, *args, **kwargs):
        self.count += 1
        return None if self.method is None else self.method(*args, **kwargs)


def pixels(fig):
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def full_draw_pixels(fig):
    fig.canvas.draw()
    return pixels(fig)


def make_blitted_slicer():
    fig, artists = make_slicer()
    return fig, artists, Blitter(fig, artists.moving())


def test_moving_artists_are_the_ones_a_step_changes():
    _, artists = make_slicer()
    moving = artists.moving()
    assert artists.x_curve in moving and artists.y_curve in moving  # f(x, y0) moves with y0
    assert artists.x_axes.title in moving and artists.value_text in moving
    assert artists.title not in moving
    assert not any(artist in moving for artist in artists.map_axes.collections)


def test_blitter_marks_its_artists_animated_in_z_order():
    fig, artists, blitter = make_blitted_slicer()
    assert all(artist.get_animated() for artist in artists.moving())
    assert not artists.title.get_animated()
    orders = [artist.get_zorder() for artist in blitter.artists]
    assert orders == sorted(orders)


def test_blitter_asks_for_a_full_draw_until_there_is_a_background(monkeypatch):
    fig, artists, blitter = make_blitted_slicer()
    monkeypatch.setattr(fig.canvas, "draw_idle", draw_idle := Calls())
    monkeypatch.setattr(fig.canvas, "blit", blit := Calls(fig.canvas.blit))
    assert not blitter.ready
    assert blitter.refresh() is False
    assert (draw_idle.count, blit.count) == (1, 0)
    fig.canvas.draw()
    assert blitter.ready
    assert blitter.refresh() is True
    assert (draw_idle.count, blit.count) == (1, 1)


@pytest.mark.parametrize("point", [(-1.5, 1.25), (2.0, -2.0), (0.0, 0.0)])
def test_a_blit_shows_what_a_full_draw_shows(point):
    fig, artists, blitter = make_blitted_slicer()
    fig.canvas.draw()
    before = pixels(fig)
    move(artists, cubic, point)
    assert blitter.refresh()
    blitted = pixels(fig)
    assert (blitted != before).any()
    assert np.array_equal(blitted, full_draw_pixels(fig))


def test_a_step_restores_the_background_and_draws_only_the_moving_artists(monkeypatch):
    fig, artists, blitter = make_blitted_slicer()
    fig.canvas.draw()
    monkeypatch.setattr(fig, "draw", figure_draw := Calls(fig.draw))
    monkeypatch.setattr(fig.canvas, "restore_region", restore := Calls(fig.canvas.restore_region))
    for x0 in np.linspace(-2, 2, 5):
        move(artists, cubic, (x0, 0.5))
        blitter.refresh()
    assert restore.count == 5
    assert figure_draw.count == 0


def test_a_resize_or_a_redraw_request_needs_a_new_background(monkeypatch):
    fig, artists, blitter = make_blitted_slicer()
    monkeypatch.setattr(fig.canvas, "draw_idle", draw_idle := Calls())  # as in a browser: later
    fig.canvas.draw()
    fig.set_size_inches(8, 4)
    assert not blitter.ready and not blitter.refresh()
    fig.canvas.draw()
    assert blitter.ready
    blitter.redraw()
    assert not blitter.ready and not blitter.refresh()
    assert draw_idle.count == 3
    fig.canvas.draw()
    move(artists, cubic, (0.3, -0.7))
    assert blitter.refresh()
    assert np.array_equal(pixels(fig), full_draw_pixels(fig))


def test_a_snapshot_neither_takes_the_background_nor_spoils_the_screen(monkeypatch):
    fig, artists, blitter = make_blitted_slicer()
    fig.canvas.draw()
    monkeypatch.setattr(fig.canvas, "copy_from_bbox", copy := Calls(fig.canvas.copy_from_bbox))
    with animated_shown(fig):
        fig.savefig(io.BytesIO(), format="png", dpi=40)
    assert copy.count == 0  # a draw for a file, at its own size, is not the screen
    move(artists, cubic, (-0.4, 1.1))
    assert not blitter.refresh()  # saving left the figure stale: one full draw (Agg: now)
    assert copy.count == 1
    move(artists, cubic, (0.4, -1.1))
    assert blitter.refresh()
    assert np.array_equal(pixels(fig), full_draw_pixels(fig))


def test_animated_shown_puts_animated_artists_in_a_snapshot():
    fig = Figure(figsize=(2, 1))
    FigureCanvasAgg(fig)
    label = fig.text(0.1, 0.5, "moving", animated=True)  # the figure never draws it itself

    def png(**kwargs):
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", **kwargs)
        return buffer.getvalue()

    without = png()
    with animated_shown(fig):
        assert not label.get_animated()
        shown = png()
    assert label.get_animated()
    assert shown != without
    label.set_visible(False)
    with animated_shown(fig):
        assert png() == without


def test_without_region_copies_the_blitter_always_draws_in_full():
    fig = Figure()
    canvas = FigureCanvasBase(fig)
    (line,) = fig.add_subplot().plot([0, 1], [1, 0])
    canvas.draw_idle = draw_idle = Calls()
    blitter = Blitter(fig, [line])
    assert not blitter.enabled and not line.get_animated()
    assert blitter.refresh() is False and draw_idle.count == 1


def test_a_change_to_the_still_part_needs_a_full_draw(monkeypatch):
    fig, artists, blitter = make_blitted_slicer()
    monkeypatch.setattr(fig.canvas, "draw_idle", Calls())  # as in a browser: later
    fig.canvas.draw()
    for x0 in (-1.0, 0.0, 1.0):  # moving artists leave the figure fresh
        move(artists, cubic, (x0, 0.5))
        assert blitter.refresh()
    artists.title.set_text("g")  # not animated: the background is out of date
    assert not blitter.ready and not blitter.refresh()
    fig.canvas.draw()
    assert blitter.refresh()
