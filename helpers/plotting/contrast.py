"""Contrast of text against what lies behind it, by the WCAG 2 formula.

WCAG AA asks for a contrast ratio of at least 4.5 : 1 between normal-size
text and its background (:data:`AA_TEXT`). :func:`contrast_ratio` computes it
for two colours; :func:`text_contrasts` finds every piece of text in a
matplotlib figure, works out what it is drawn on (its own box, composited over
a patch, a filled contour map or the axes), and gives the worst ratio, so a
test can hold every figure of the course to AA.

Examples
--------
>>> round(contrast_ratio("black", "white"), 1)
21.0
>>> round(contrast_ratio("#767676", "white"), 2)
4.54
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from matplotlib import colors as mcolors
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.patches import Patch
from matplotlib.text import Text

__all__ = ["AA_TEXT", "relative_luminance", "contrast_ratio", "composite", "TextContrast",
           "text_contrasts", "worst_contrast",
           "COLOUR_BLINDNESS", "simulate", "lab", "colour_difference"]

#: The smallest contrast ratio WCAG 2 level AA allows for normal-size text.
AA_TEXT = 4.5


def relative_luminance(colour) -> float:
    """Relative luminance of an sRGB colour (WCAG 2), 0 for black to 1 for white.

    >>> relative_luminance("white"), relative_luminance("black")
    (1.0, 0.0)
    """
    rgb = np.asarray(mcolors.to_rgb(colour), dtype=float)
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(linear @ np.array([0.2126, 0.7152, 0.0722]))


def contrast_ratio(foreground, background) -> float:
    """``(L1 + 0.05) / (L2 + 0.05)``, the lighter luminance over the darker: 1 to 21."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def composite(colour, alpha: float | None, under) -> tuple[float, float, float]:
    """``colour`` at opacity ``alpha`` (its own alpha when None) painted over ``under``."""
    r, g, b, a = mcolors.to_rgba(colour)
    a = a if alpha is None else float(alpha) * a
    below = np.asarray(mcolors.to_rgb(under))
    return tuple(float(c) for c in a * np.array([r, g, b]) + (1 - a) * below)


@dataclass(frozen=True)
class TextContrast:
    """One piece of text, its colour, the worst background behind it and their ratio."""

    text: str
    colour: tuple[float, float, float]
    background: tuple[float, float, float]
    ratio: float


def _mappable_colours(artist: ScalarMappable) -> list:
    """Every colour a filled contour map, mesh or image can show (its colour map, sampled)."""
    cmap = artist.get_cmap()
    return [cmap(v) for v in np.linspace(0, 1, 64)]


def _backdrops(ax: Axes | None, fig: Figure, point, zorder: float) -> list:
    """Colours that may lie under a display point: the topmost patch there, else the axes."""
    if ax is None:
        return [mcolors.to_rgb(fig.get_facecolor())]
    face = mcolors.to_rgb(ax.get_facecolor()) if ax.patch.get_visible() else mcolors.to_rgb(
        fig.get_facecolor())
    if ax.name == "3d":  # labels sit on the box's panes, beside the surface, not over it
        return [composite(ax.xaxis.pane.get_facecolor(), None, face)]
    under = [p for p in ax.patches if isinstance(p, Patch) and p.get_visible() and p.get_zorder() <= zorder
             and p.get_fill() and p.contains_point(point)]
    if under:
        top = max(under, key=lambda p: p.get_zorder())
        return [composite(top.get_facecolor(), top.get_alpha(), face)]
    inside = ax.get_window_extent().contains(*point)
    maps = [c for c in ax.collections if isinstance(c, ScalarMappable) and c.get_visible()
            and c.get_array() is not None] + list(ax.images)
    if inside and maps:
        return [composite(c, None, face) for m in maps for c in _mappable_colours(m)]
    return [face]


def _text_axes(text: Text, fig: Figure) -> Axes | None:
    ax = text.axes
    if ax is not None:
        return ax
    point = text.get_window_extent().get_points().mean(axis=0)
    inside = [a for a in fig.axes if a.get_window_extent().contains(*point)]
    return inside[-1] if inside else None


def text_contrasts(fig: Figure) -> Iterator[TextContrast]:
    """Every visible, non-empty text of ``fig`` with its worst contrast ratio.

    Titles, tick labels, legends, labels and annotations alike. A text in a
    box (``bbox=``) is judged against the box, itself painted over what lies
    beneath, and a legend's text against the legend's frame; other text
    against the topmost filled patch under its centre, every colour of a
    filled map it sits on, or the axes' face.
    """
    fig.canvas.draw()
    frames = {id(t): legend.legendPatch for legend in fig.findobj(Legend)
              for t in (*legend.get_texts(), legend.get_title())}
    for text in fig.findobj(Text):
        label = text.get_text().strip()
        if not label or not text.get_visible() or text.get_figure(root=True) is not fig:
            continue
        colour = mcolors.to_rgb(text.get_color())
        box = text.get_bbox_patch() or frames.get(id(text))
        point = text.get_window_extent().get_points().mean(axis=0)
        backs = _backdrops(_text_axes(text, fig), fig, point, text.get_zorder())
        if box is not None and box.get_fill():
            backs = [composite(box.get_facecolor(), box.get_alpha(), back) for back in backs]
        worst = min(backs, key=lambda back: contrast_ratio(colour, back))
        yield TextContrast(label, colour, tuple(worst), contrast_ratio(colour, worst))


def worst_contrast(fig: Figure) -> TextContrast | None:
    """The text of ``fig`` with the lowest contrast against its background."""
    found = list(text_contrasts(fig))
    return min(found, key=lambda t: t.ratio) if found else None



#: Machado, Oliveira and Fernandes (2009), severity 1: linear-RGB matrices that show a
#: colour as a person with protanopia, deuteranopia or tritanopia sees it.
COLOUR_BLINDNESS = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def _linear(rgb):
    rgb = np.asarray(rgb, dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _gamma(linear):
    linear = np.clip(linear, 0, 1)
    return np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)


def simulate(colour, kind: str) -> tuple[float, float, float]:
    """``colour`` as seen with one of :data:`COLOUR_BLINDNESS` (``"normal"`` leaves it)."""
    rgb = mcolors.to_rgb(colour)
    if kind == "normal":
        return rgb
    seen = np.asarray(COLOUR_BLINDNESS[kind]) @ _linear(rgb)
    return tuple(float(c) for c in _gamma(seen))


def lab(colour) -> np.ndarray:
    """CIELAB coordinates (D65 white) of an sRGB colour."""
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ _linear(mcolors.to_rgb(colour))
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def colour_difference(a, b, kind: str = "normal") -> float:
    """CIE76 colour difference ΔE between ``a`` and ``b`` as seen with ``kind`` of vision.

    About 2.3 is just noticeable; curves should differ by far more.

    >>> colour_difference("black", "white") > 99
    True
    """
    return float(np.linalg.norm(lab(simulate(a, kind)) - lab(simulate(b, kind))))
