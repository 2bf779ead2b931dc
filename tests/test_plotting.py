"""Plotting: what every figure shares (palette, numbers, grids, contour maps)."""

import re

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from slicer_support import WINDOW

from helpers import plotting


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
