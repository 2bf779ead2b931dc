"""The matrix explorer: move the entries of a symmetric 2 x 2 matrix, watch the circle stretch.

Built like every course widget: the figure is drawn once, a slider step moves
the artists in place (:func:`helpers.plotting.matrix.update_matrix_map`) and
blits them.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from helpers import blitting
from helpers.plotting.matrix import (
    MATRIX_LIMIT,
    SymmetricReading,
    draw_matrix_map,
    symmetric_reading,
    update_matrix_map,
)
from helpers.widgets.base import FigureBox, figure_view, label, new_figure, refresh, speak, spoken_readout
from helpers.widgets.spoken import readout_sentence

__all__ = ["matrix_readout", "matrix_explorer"]

_FORM_SIGNS = {"positive definite": "xᵀAx > 0 for every x ≠ 0: a bowl",
               "negative definite": "xᵀAx < 0 for every x ≠ 0: a dome",
               "indefinite": "xᵀAx takes both signs: a saddle",
               "semidefinite": "an eigenvalue is 0: xᵀAx = 0 along its eigenvector"}


def matrix_readout(reading: SymmetricReading) -> str:
    """HTML readout: the matrix, its eigenvalues and eigenvectors, determinant and kind.

    Examples
    --------
    >>> text = matrix_readout(symmetric_reading(2, 1, 2))
    >>> "eigenvalues 1.00 and 3.00" in text and "positive definite" in text
    True
    """
    (a, b), (_, c) = reading.matrix
    low, high = reading.eigenvalues
    v1, v2 = reading.eigenvectors.T
    return (f"A = [[{a:.2f}, {b:.2f}], [{b:.2f}, {c:.2f}]] &nbsp;|&nbsp; eigenvalues {low:.2f} and {high:.2f}"
            f" along ({v1[0]:.2f}, {v1[1]:.2f}) and ({v2[0]:.2f}, {v2[1]:.2f}) &nbsp;|&nbsp; "
            f"det A = {reading.determinant:.2f} &nbsp;|&nbsp; <b>{reading.kind}</b>: {_FORM_SIGNS[reading.kind]}")


def _entry_slider(name: str, value: float) -> widgets.FloatSlider:
    limit = MATRIX_LIMIT / 2
    value = float(np.clip(value, -limit, limit)) if np.isfinite(value) else 0.0
    return widgets.FloatSlider(value=value, min=-limit, max=limit, step=0.05, description=name,
                               continuous_update=True, readout=True, readout_format=".2f")


def matrix_explorer(a: float = 2.0, b: float = 1.0, c: float = 2.0) -> FigureBox:
    """The symmetric matrix ``[[a, b], [b, c]]`` acting on the unit circle.

    The dashed unit circle is mapped to the solid curve (an ellipse, or a
    segment when the matrix is singular); the two arrows are the eigenvectors
    scaled by their eigenvalues, along the ellipse's axes.

    Parameters
    ----------
    a, b, c : float
        Starting entries, clipped to the sliders' range (-3 ... 3).

    Returns
    -------
    FigureBox
        Class ``matrix-explorer``. Also ``sliders`` (``a``, ``b``, ``c``),
        ``readout`` (class ``matrix-explorer-readout``), ``figure``,
        ``artists``, ``reading`` (the last one shown) and ``update(change=None)``.
    """
    sliders = {name: _entry_slider(name, value) for name, value in (("a", a), ("b", b), ("c", c))}
    for name, meaning in (("a", "the top-left entry"), ("b", "the two off-diagonal entries"),
                          ("c", "the bottom-right entry")):
        label(sliders[name], name, meaning)
    readout = widgets.HTML().add_class("matrix-explorer-readout")
    spoken = spoken_readout("matrix-explorer-spoken")
    figure = new_figure((5.2, 5.0))
    ax = figure.add_subplot()
    ax.set_title("A = [[a, b], [b, c]] maps the unit circle", fontsize=10)
    artists = draw_matrix_map(ax)
    view = figure_view(figure)
    blitter = blitting.Blitter(figure, artists.moving()) if view is figure.canvas else None
    box = FigureBox()

    def update(change=None) -> None:
        reading = symmetric_reading(*(sliders[name].value for name in "abc"))
        update_matrix_map(artists, reading)
        box.reading = reading
        readout.value = matrix_readout(reading)
        speak(spoken, readout_sentence(readout.value))
        refresh(view, figure, blitter)

    for slider in sliders.values():
        slider.observe(update, names="value")
    box.children = [widgets.HBox(list(sliders.values())), readout, spoken, view]
    box.add_class("matrix-explorer")
    box.summary = "Matrix explorer: move a, b, c and watch [[a, b], [b, c]] stretch the unit circle"
    box.alt = ("The unit circle (dashed) and its image under A, an ellipse, with the two eigenvectors "
               "drawn scaled by their eigenvalues.")
    box.sliders, box.readout, box.figure, box.artists, box.update = sliders, readout, figure, artists, update
    box.spoken = spoken
    update()
    return box
