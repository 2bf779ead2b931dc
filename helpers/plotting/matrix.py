"""What a symmetric 2 x 2 matrix does to the plane: the drawing behind the matrix explorer.

:func:`symmetric_reading` is the mathematics (eigenvalues, eigenvectors, the
determinant, whether the matrix is positive definite); :func:`draw_matrix_map`
draws the unit circle once, with the moving artists (its image, the two
eigenvector arrows, the corner text), and :func:`update_matrix_map` only moves
them.

Examples
--------
>>> reading = symmetric_reading(2, 1, 2)
>>> [round(float(v), 6) for v in reading.eigenvalues], reading.kind
([1.0, 3.0], 'positive definite')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Text

from helpers.plotting import PALETTE

__all__ = ["MATRIX_LIMIT", "SymmetricReading", "MatrixArtists", "symmetric_reading", "definiteness",
           "draw_matrix_map", "update_matrix_map"]

#: Half-width of the drawing: the sliders' entries run from -MATRIX_LIMIT/2 to MATRIX_LIMIT/2.
MATRIX_LIMIT = 6.0
_CIRCLE = np.linspace(0, 2 * np.pi, 241)


class SymmetricReading(NamedTuple):
    """Eigenvalues (smaller first), unit eigenvectors (as columns), determinant and kind."""

    matrix: np.ndarray
    eigenvalues: np.ndarray
    eigenvectors: np.ndarray
    determinant: float
    kind: str


def definiteness(eigenvalues: np.ndarray, tolerance: float = 1e-12) -> str:
    """``"positive definite"``, ``"negative definite"``, ``"indefinite"`` or ``"semidefinite"``.

    Examples
    --------
    >>> definiteness(np.array([-1.0, 3.0]))
    'indefinite'
    >>> definiteness(np.array([0.0, 2.0]))
    'semidefinite'
    """
    low, high = float(np.min(eigenvalues)), float(np.max(eigenvalues))
    if low > tolerance:
        return "positive definite"
    if high < -tolerance:
        return "negative definite"
    if low < -tolerance and high > tolerance:
        return "indefinite"
    return "semidefinite"


def symmetric_reading(a: float, b: float, c: float) -> SymmetricReading:
    """Everything the explorer shows about ``[[a, b], [b, c]]``."""
    matrix = np.array([[a, b], [b, c]], dtype=float)
    values, vectors = np.linalg.eigh(matrix)
    return SymmetricReading(matrix, values, vectors, float(a * c - b * b), definiteness(values))


@dataclass
class MatrixArtists:
    """The drawn parts: still (the unit circle) and moving (the rest)."""

    circle: Line2D
    image: Line2D
    arrows: tuple[Line2D, Line2D]
    text: Text

    def moving(self) -> tuple[Artist, ...]:
        """The artists a slider step moves, for a :class:`helpers.blitting.Blitter`."""
        return (self.image, *self.arrows, self.text)


def draw_matrix_map(ax: Axes) -> MatrixArtists:
    """Draw the unit circle and empty moving artists on ``ax``; :func:`update_matrix_map` fills them."""
    limit = MATRIX_LIMIT
    ax.set(xlim=(-limit, limit), ylim=(-limit, limit), aspect="equal", xlabel="x", ylabel="y")
    ax.axhline(0, color="grey", lw=0.6)
    ax.axvline(0, color="grey", lw=0.6)
    (circle,) = ax.plot(np.cos(_CIRCLE), np.sin(_CIRCLE), "--", color="grey", label="unit circle")
    (image,) = ax.plot([], [], color=PALETTE["blue"], lw=2, label="its image A·x")
    arrows = tuple(ax.plot([], [], color=PALETTE[name], lw=2.5, marker=marker, markevery=[1],
                           label=f"λ{i} · eigenvector {i}")[0]  # told apart by marker too
                   for i, name, marker in ((1, "vermillion", "o"), (2, "bluish_green", "s")))
    text = ax.text(0.02, 0.98, "", transform=ax.transAxes, va="top", fontsize=9,
                   bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
    ax.legend(loc="lower right", fontsize=8)
    return MatrixArtists(circle, image, arrows, text)


def update_matrix_map(artists: MatrixArtists, reading: SymmetricReading) -> None:
    """Move the image of the circle and the eigenvector arrows to a new matrix."""
    image = reading.matrix @ np.array([np.cos(_CIRCLE), np.sin(_CIRCLE)])
    artists.image.set_data(image[0], image[1])
    for arrow, value, vector in zip(artists.arrows, reading.eigenvalues, reading.eigenvectors.T, strict=True):
        tip = value * vector
        arrow.set_data([0.0, tip[0]], [0.0, tip[1]])
    low, high = reading.eigenvalues
    artists.text.set_text(f"λ1 = {low:.2f}, λ2 = {high:.2f}\ndet = {reading.determinant:.2f}\n{reading.kind}")
