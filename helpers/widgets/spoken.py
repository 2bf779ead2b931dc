"""What each widget's live region says: the figure's main numbers, in words.

A screen reader cannot see a figure move. Every course widget therefore has a
spoken readout (:func:`helpers.widgets.base.spoken_readout`) that it fills,
on every change, with one sentence from this module: plain words and numbers,
no symbols a screen reader reads badly (``∇``, ``|…|``, subscripts).

Examples
--------
>>> slicer_sentence((1.0, 2.0), 12.0, (10.0, 15.0))
'At (1.00, 2.00), f = 12.0, slope along x 10.0, slope along y 15.0.'
>>> spoken_number(-0.5), spoken_number(float("nan")), spoken_number(2.5e7)
('−0.500', 'undefined', '2.50e+07')
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence

__all__ = ["spoken_number", "spoken_point", "plain_text", "slicer_sentence", "explorer_sentence",
           "dial_sentence", "tangent_sentence", "chain_sentence", "readout_sentence",
           "calculator_sentence"]

#: Symbols of the visible readouts and the words a screen reader should say instead.
_WORDS = (("|∇f|", "the length of the gradient"), ("∇f", "the gradient"), ("∇g", "the gradient of g"),
          ("η", "learning rate"), ("λ", "lambda"), ("xᵀAx", "x transpose A x"), ("≠", "not equal to"),
          ("≈", "about"), ("|f − L|", "the error"), ("D_u f", "the rate along u"),
          ("f_x", "slope along x"), ("f_y", "slope along y"), ("²", " squared"), ("°", " degrees"))


def spoken_number(value: float) -> str:
    """Three significant figures, at least one decimal; a true minus sign; words for nan.

    Examples
    --------
    >>> [spoken_number(v) for v in (12.0, 1.5, 0.0123, -3.0, 0.0)]
    ['12.0', '1.50', '0.0123', '−3.00', '0.00']
    """
    value = float(value)
    if not math.isfinite(value):
        return "undefined"
    value = float(f"{value:.3g}")  # 9.9999 is 10.0, never 10.00
    if value != 0 and not 1e-4 <= abs(value) < 1e5:
        text = f"{value:.2e}"
    else:
        exponent = math.floor(math.log10(abs(value))) if value else 0
        text = f"{value:.{max(1, 2 - exponent)}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text.replace("-", "−", 1) if text.startswith("-") else text


def spoken_point(point: Sequence[float]) -> str:
    """A point with two decimals per coordinate, ``(1.00, −2.00)``."""
    return "(" + ", ".join(f"{float(c):.2f}".replace("-", "−") for c in point) + ")"


def plain_text(markup: str) -> str:
    """Visible readout HTML as one line of plain words (tags dropped, symbols spoken).

    Examples
    --------
    >>> plain_text("L = 0.1 &nbsp;|&nbsp; |∇f| = 2<br>done")
    'L = 0.1, the length of the gradient = 2. done'
    """
    text = re.sub(r"<br\s*/?>|</p>", ". ", markup)
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ")
    for symbol, words in _WORDS:
        text = text.replace(symbol, words)
    text = re.sub(r"\s*\|\s+", ", ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\.\s*\.", ".", text)


def slicer_sentence(point: Sequence[float], value: float, slopes: Sequence[float]) -> str:
    """The partial slicer: the point, f there and the slopes of both slices."""
    return (f"At {spoken_point(point)}, f = {spoken_number(value)}, slope along x "
            f"{spoken_number(slopes[0])}, slope along y {spoken_number(slopes[1])}.")


def explorer_sentence(point: Sequence[float], grad: Sequence[float]) -> str:
    """The gradient explorer: the gradient, its length and the direction it points."""
    gx, gy = (float(g) for g in grad)
    at = f"At {spoken_point(point)}"
    if not (math.isfinite(gx) and math.isfinite(gy)):
        return f"{at}, the gradient is undefined."
    length = math.hypot(gx, gy)
    if length <= 1e-9:
        return f"{at}, the gradient is zero: no uphill direction."
    angle = math.degrees(math.atan2(gy, gx))
    return (f"{at}, the gradient is ({spoken_number(gx)}, {spoken_number(gy)}), length "
            f"{spoken_number(length)}, pointing {spoken_number(angle)} degrees from the x axis.")


def dial_sentence(theta: float, u: Sequence[float], rate: float, norm: float, angle: float) -> str:
    """The direction dial: the direction, the rate along it and the largest rate."""
    start = (f"Direction {spoken_number(theta)} degrees, u = ({spoken_number(u[0])}, "
             f"{spoken_number(u[1])})")
    if not math.isfinite(norm):
        return f"{start}; the rate is undefined at this point."
    if norm <= 1e-9:
        return f"{start}; the gradient is zero here, so every direction has rate 0."
    return (f"{start}: rate along u {spoken_number(rate)}, largest rate {spoken_number(norm)}, "
            f"angle between u and the gradient {spoken_number(angle)} degrees.")


def tangent_sentence(point: Sequence[float], value: float, slopes: Sequence[float], width: float,
                     errors: Mapping[str, float]) -> str:
    """The tangent zoom: the plane at the point and how far the surface strays from it."""
    start = (f"At {spoken_point(point)}, f = {spoken_number(value)}, tangent plane slopes "
             f"{spoken_number(slopes[0])} along x and {spoken_number(slopes[1])} along y")
    error = float(errors.get("error", float("nan")))
    if not math.isfinite(error):
        return f"{start}; the error is undefined in this window."
    return (f"{start}; window half-width {spoken_number(width)}, largest error "
            f"{spoken_number(error)}, error over width squared "
            f"{spoken_number(errors.get('per_area', float('nan')))}.")


def chain_sentence(values: Mapping[str, float], gradients: Mapping[str, float]) -> str:
    """The chain graph: prediction, loss and the loss's slopes along w and b."""
    return (f"Prediction {spoken_number(values['y_hat'])}, loss {spoken_number(values['L'])}; "
            f"backward pass: slope of the loss along w {spoken_number(gradients['w'])}, "
            f"along b {spoken_number(gradients['b'])}.")


def readout_sentence(markup: str) -> str:
    """A widget whose visible readout is already in words: that readout, spoken."""
    text = plain_text(markup)
    return text if not text or text.endswith(".") else text + "."


def calculator_sentence(message: str) -> str:
    """The gradient calculator: how many partials it worked out, or its plain message.

    Examples
    --------
    >>> calculator_sentence("Could not read that formula: a bracket is missing")
    'Could not read that formula: a bracket is missing.'
    """
    if "$" not in message:
        return readout_sentence(message)
    count = message.count(r"\frac{\partial f}")
    found = (f"Worked out {count} partial derivative{'s' if count != 1 else ''} and the gradient; "
             "the formulas follow.")
    if "At the point" in message:
        found += " Their values at the point follow too."
    return found
