"""What the slicer's figure tests share: a window, test functions, a built slicer figure."""

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.calculus import gradient
from helpers.plotting import slicer

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
    artists = slicer.draw_partial_slicer(slicer.add_slicer_axes(fig), f, WINDOW, title="f")
    move(artists, f, point)
    return fig, artists


def move(artists, f, point):
    slicer.update_partial_slicer(artists, f, point, f(*point), gradient(f, point))


def artist_count(fig):
    return len(fig.axes), sum(len(ax.get_children()) for ax in fig.axes)


def slope(line):
    x, z = line.get_data()
    return (z[1] - z[0]) / (x[1] - x[0])
