"""The descent playground's figure: a contour map with descent paths moved in place.

:func:`draw_descent` draws the contour map of ``f`` once and creates the
moving artists empty: the gradient-descent path (one line with dots), the
optional Newton path (a second line), and markers for the start and the end.
:func:`update_descent` moves them with ``set_data`` only. A diverging path is cut at its last
finite point and far-away points are pulled in (:func:`clip_path`), so
nothing huge or undefined ever reaches the renderer.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from matplotlib.figure import Figure
>>> ax = Figure().add_subplot()
>>> artists = draw_descent(ax, lambda x, y: x**2 + y**2, (-2, 2, -2, 2))
>>> update_descent(artists, [[1.0, 1.0], [0.5, 0.5], [0.25, 0.25]])
>>> artists.path.get_xdata().tolist()
[1.0, 0.5, 0.25]
>>> artists.end.get_xydata().tolist()
[[0.25, 0.25]]
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.colorbar import Colorbar
from matplotlib.contour import QuadContourSet
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from helpers.plotting import CONTOUR_MAP, PALETTE, Function, Window, sample_grid

__all__ = ["DescentArtists", "clip_path", "draw_descent", "update_descent",
           "update_descent_function", "update_descent_method"]


def clip_path(path: Sequence[Sequence[float]] | np.ndarray, window: Window,
              margin: float = 1.0) -> tuple[np.ndarray, bool]:
    """The part of a path that can be drawn, and whether the path left the window.

    The path is kept up to its last finite point (a diverging path ends in
    inf or nan), and each coordinate is clipped to the window widened by
    ``margin`` times its width (height) on every side. Inside that frame the
    drawing is exact; beyond it points are pulled onto the frame, out of
    sight, so no huge number ever reaches the renderer.

    Parameters
    ----------
    path : array-like, shape (k, 2)
        The points ``(x, y)`` in order.
    window : (xmin, xmax, ymin, ymax)
    margin : float
        How far beyond the window points are drawn exactly, in window sizes.

    Returns
    -------
    points : ndarray, shape (m, 2)
        What to draw (``m <= k``).
    left : bool
        True when some point of the path lies outside the window or is not finite.

    Examples
    --------
    >>> points, left = clip_path([[0, 0], [1, 3], [90, 9]], (-2, 2, -2, 2))
    >>> points.tolist(), left
    ([[0.0, 0.0], [1.0, 3.0], [6.0, 6.0]], True)
    >>> clip_path([[0, 0], [float("nan"), 0], [1, 1]], (-1, 1, -1, 1))[0].tolist()
    [[0.0, 0.0]]
    """
    points = np.asarray(path, dtype=float).reshape(-1, 2)
    xmin, xmax, ymin, ymax = window
    finite = np.all(np.isfinite(points), axis=1)
    with np.errstate(invalid="ignore"):
        inside = (finite & (points[:, 0] >= xmin) & (points[:, 0] <= xmax)
                  & (points[:, 1] >= ymin) & (points[:, 1] <= ymax))
    count = len(points) if finite.all() else int(np.argmin(finite))
    width, height = xmax - xmin, ymax - ymin
    low = [xmin - margin * width, ymin - margin * height]
    high = [xmax + margin * width, ymax + margin * height]
    return np.clip(points[:count], low, high), not inside.all()


@dataclass(eq=False)
class DescentArtists:
    """Everything the descent playground draws; see :func:`draw_descent`."""

    axes: Axes
    window: Window
    filled: QuadContourSet
    lines: QuadContourSet
    colorbar: Colorbar | None
    title: Text
    path: Line2D
    newton: Line2D
    start: Line2D
    end: Line2D

    def moving(self) -> tuple[Artist, ...]:
        """The artists a slider step moves, for a :class:`helpers.blitting.Blitter`."""
        return (self.path, self.newton, self.start, self.end)


def _contours(ax: Axes, f: Function, window: Window, levels: int, colorbar_axes: Axes | None):
    """Filled contours at quantiles of ``f``, so a narrow valley floor still shows bands."""
    x, y, z = sample_grid(f, window, samples=121)
    finite = z[np.isfinite(z)]
    if finite.size == 0:
        finite = np.array([-1.0, 1.0])
    bounds = np.unique(np.quantile(finite, np.linspace(0, 1, levels + 1)))
    if bounds.size < 2:
        bounds = np.array([bounds[0] - 1.0, bounds[0] + 1.0])
    masked = np.ma.masked_invalid(z)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        filled = ax.contourf(x, y, masked, levels=bounds, cmap=CONTOUR_MAP)
        lines = ax.contour(x, y, masked, levels=bounds, colors="white", linewidths=0.6, alpha=0.7)
    colorbar = None
    if colorbar_axes is not None:
        colorbar = ax.figure.colorbar(filled, cax=colorbar_axes)
        colorbar.locator = MaxNLocator(6)
        colorbar.update_ticks()
        colorbar.set_label("z = f(x, y)  (bands of equal area)")
    return filled, lines, colorbar


def draw_descent(ax: Axes, f: Function, window: Window, title: str = "", levels: int = 14,
                 colorbar_axes: Axes | None = None) -> DescentArtists:
    """Draw the contour map of ``f`` and the (empty) descent artists on ``ax``.

    Parameters
    ----------
    ax : Axes
    f : callable
        Vectorised ``f(x, y)``.
    window : (xmin, xmax, ymin, ymax)
        The region shown; paths are cut where they leave it.
    title : str
        Shown above the map (e.g. the formula of ``f``).
    levels : int
        Number of contour bands; each covers about the same area of the window.
    colorbar_axes : Axes, optional
        Where to draw a colour bar.

    Returns
    -------
    DescentArtists
        Gradient descent in orange (solid, round dots), Newton's method in
        bluish green (dashed, square dots), the start as a black circle, the
        end of the descent as a white-edged black cross.
    """
    window = tuple(float(v) for v in window)
    filled, lines, colorbar = _contours(ax, f, window, levels, colorbar_axes)
    ax.set_xlim(window[0], window[1])
    ax.set_ylim(window[2], window[3])
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    (path,) = ax.plot([], [], "-o", color=PALETTE["orange"], linewidth=1.8, markersize=3.5,
                      label="gradient descent")
    (newton,) = ax.plot([], [], "--s", color=PALETTE["bluish_green"], linewidth=1.8,
                        markersize=4, label="Newton's method")
    (start,) = ax.plot([], [], "o", color=PALETTE["black"], markersize=8,
                       markeredgecolor="white", label="start")
    (end,) = ax.plot([], [], "X", color=PALETTE["black"], markersize=10,
                     markeredgecolor="white", label="last step")
    ax.legend(handles=[path, newton, start, end], loc="upper right", fontsize=8,
              framealpha=0.85)
    title_text = ax.set_title(title, fontsize=11)
    return DescentArtists(ax, window, filled, lines, colorbar, title_text, path, newton,
                          start, end)


def update_descent(artists: DescentArtists, path, newton_path=None) -> None:
    """Move the paths and markers; only ``set_data`` on existing artists.

    ``path`` is the gradient-descent path, shape ``(k, 2)``, starting at the
    start point; ``newton_path`` (same form) is drawn when given and hidden
    (emptied) when None. Non-finite and far-away points are handled by
    :func:`clip_path`.
    """
    drawn, _ = clip_path(path, artists.window)
    artists.path.set_data(drawn[:, 0], drawn[:, 1])
    first = drawn[:1]
    artists.start.set_data(first[:, 0], first[:, 1])
    last = drawn[-1:]
    artists.end.set_data(last[:, 0], last[:, 1])
    if newton_path is None:
        artists.newton.set_data([], [])
    else:
        shown, _ = clip_path(newton_path, artists.window)
        artists.newton.set_data(shown[:, 0], shown[:, 1])


def update_descent_function(artists: DescentArtists, f: Function, title: str = "",
                            levels: int = 14) -> None:
    """Show a new function: the one update that replaces artists (the contour sets).

    Call it when the function changes, never on a slider move, then call
    :func:`update_descent` to place the paths.
    """
    artists.filled.remove()
    artists.lines.remove()
    colorbar_axes = None
    if artists.colorbar is not None:
        colorbar_axes = artists.colorbar.ax
        colorbar_axes.clear()
    artists.filled, artists.lines, artists.colorbar = _contours(
        artists.axes, f, artists.window, levels, colorbar_axes)
    artists.title.set_text(title)


def update_descent_method(artists: DescentArtists, method: str) -> None:
    """Name the method of the main path in the legend (a still part: redraw fully after).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> artists = draw_descent(Figure().add_subplot(), lambda x, y: x**2 + y**2, (-1, 1, -1, 1))
    >>> update_descent_method(artists, "Adam")
    >>> artists.axes.get_legend().get_texts()[0].get_text()
    'Adam'
    """
    artists.path.set_label(method)
    legend = artists.axes.get_legend()
    if legend is not None:
        legend.get_texts()[0].set_text(method)
