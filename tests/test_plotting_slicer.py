"""The slicer's figure: draw_* creates artists once, update_* moves the same artists."""


import numpy as np
import pytest
from slicer_support import artist_count, cubic, cubic_gradient, make_slicer, move, slope, waves

from helpers.plotting import slicer


def test_partial_labels_name_the_point():
    labels = slicer.partial_labels((1.0, -0.5), 0.25, (2.0, -1.5))
    assert labels == ("f(1.00, -0.50) = 0.250", "f_x(1.00, -0.50) = 2.000",
                      "f_y(1.00, -0.50) = -1.500")


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
    assert artists.x_text.get_text() == slicer.partial_labels(point, 0, (fx, fy))[1]


def test_undefined_values_hide_the_tangents_and_say_so():
    _, artists = make_slicer()
    slicer.update_partial_slicer(artists, cubic, (1.0, 0.5), float("nan"), (np.inf, 1.0))
    assert len(artists.x_tangent.get_xdata()) == 0
    assert len(artists.y_tangent.get_xdata()) == 0
    assert artists.value_text.get_text().endswith("undefined")
    assert artists.x_text.get_text().endswith("infinite")


def test_huge_coordinates_keep_the_labels_short():
    _, artists = make_slicer()
    slicer.update_partial_slicer(artists, cubic, (1e308, -np.inf), np.nan, (np.nan, np.nan))
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
        slicer.update_slicer_function(artists, f, "sin(x) cos(y)")
        move(artists, f, (1.0, 0.5))
    fig.canvas.draw()
    assert artists.contours.filled is not old
    assert old.axes is None
    assert artist_count(fig) == count
    assert artists.title.get_text() == "sin(x) cos(y)"
    low, high = artists.x_axes.get_ylim()
    assert -1.2 < low < -0.9 and 0.9 < high < 1.2
