"""Blitting: a blit of the moving artists shows what a full draw shows (on the slicer's figure)."""

import io

import numpy as np
import pytest
from matplotlib.backend_bases import FigureCanvasBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from slicer_support import cubic, make_slicer, move

from helpers.blitting import Blitter, animated_shown


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
