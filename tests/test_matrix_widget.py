"""The matrix explorer driven headless, and the reading of a symmetric matrix it shows."""

import ipywidgets as widgets
import numpy as np
import pytest
import sympy as sp
from widget_support import IPYMPL, IPYMPL_WARNING, artist_count, pixels, readout_text, spy

from helpers.plotting.matrix import MATRIX_LIMIT, definiteness, symmetric_reading
from helpers.widgets import matrix_explorer

pytestmark = IPYMPL_WARNING


@pytest.fixture
def explorer(backend):
    backend(IPYMPL)
    box = matrix_explorer()
    box.figure.canvas.draw()
    return box


# ------------------------------------------------------------------ the mathematics


@pytest.mark.parametrize("entries", [(2, 1, 2), (1, 2, 1), (-2, 1, -3), (3, 0, -1), (1, 2, 4), (0.5, -1.5, 2.5)])
def test_reading_matches_sympy(entries):
    a, b, c = entries
    reading = symmetric_reading(*entries)
    exact = sp.Matrix([[a, b], [b, c]])
    assert reading.eigenvalues == pytest.approx(sorted(float(v) for v in exact.eigenvals()))
    assert reading.determinant == pytest.approx(float(exact.det()))
    for value, vector in zip(reading.eigenvalues, reading.eigenvectors.T, strict=True):
        assert reading.matrix @ vector == pytest.approx(value * vector)
        assert np.linalg.norm(vector) == pytest.approx(1)


def test_definiteness_agrees_with_a_and_the_determinant():
    rng = np.random.default_rng(0)
    for a, b, c in rng.uniform(-3, 3, (500, 3)):
        kind = symmetric_reading(a, b, c).kind
        det = a * c - b * b
        assert (kind == "positive definite") == (a > 0 and det > 0)
        assert (kind == "negative definite") == (a < 0 and det > 0)
        assert (kind == "indefinite") == (det < 0)
    assert symmetric_reading(1, 1, 1).kind == definiteness(np.array([0.0, 2.0])) == "semidefinite"


# ------------------------------------------------------------------ the widget


def test_explorer_is_one_container_with_findable_parts(explorer):
    assert isinstance(explorer, widgets.VBox) and "matrix-explorer" in explorer._dom_classes
    assert "matrix-explorer-readout" in explorer.readout._dom_classes
    assert explorer.figure.canvas in explorer.children
    assert set(explorer.sliders) == {"a", "b", "c"}
    assert all(s.min == -MATRIX_LIMIT / 2 and s.max == MATRIX_LIMIT / 2 for s in explorer.sliders.values())


def test_lesson_example_reads_1_and_3(explorer):
    text = readout_text(explorer)
    assert "eigenvalues 1.00 and 3.00" in text and "det A = 3.00" in text and "positive definite" in text
    xs, ys = explorer.artists.image.get_data()
    radius = np.hypot(xs, ys)
    assert radius.max() == pytest.approx(3, abs=1e-3) and radius.min() == pytest.approx(1, abs=1e-3)
    tips = [np.array(arrow.get_data())[:, 1] for arrow in explorer.artists.arrows]
    assert sorted(np.linalg.norm(tip) for tip in tips) == pytest.approx([1, 3])


def test_a_slider_step_moves_artists_in_place_and_blits(explorer, monkeypatch):
    canvas = explorer.figure.canvas
    calls = spy(monkeypatch, canvas, "draw_idle", "blit")
    before, count = pixels(canvas), artist_count(explorer.figure)
    image = explorer.artists.image
    explorer.sliders["b"].value = 2.0  # [[2, 2], [2, 2]]: singular, the circle is squashed onto a segment
    assert explorer.artists.image is image and artist_count(explorer.figure) == count
    assert calls["blit"].count >= 1 and calls["draw_idle"].count == 0
    assert not np.array_equal(pixels(canvas), before)
    assert explorer.reading.kind == "semidefinite" and "det A = 0.00" in readout_text(explorer)


@pytest.mark.parametrize("entries", [(3, 3, 3), (-3, -3, -3), (0, 0, 0), (-3, 3, 3), (3, -3, -3)])
def test_every_corner_of_the_sliders_reads_cleanly(explorer, entries):
    for name, value in zip("abc", entries, strict=True):
        explorer.sliders[name].value = value
    xs, ys = explorer.artists.image.get_data()
    assert np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))
    assert explorer.reading.kind in readout_text(explorer)
    assert "nan" not in readout_text(explorer)


def test_start_values_outside_the_sliders_are_clipped(backend):
    backend(IPYMPL)
    box = matrix_explorer(a=10, b=float("nan"), c=-10)
    assert (box.sliders["a"].value, box.sliders["b"].value, box.sliders["c"].value) == (3.0, 0.0, -3.0)
