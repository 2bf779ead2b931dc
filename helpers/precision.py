"""The precision policy: how close a numeric answer must be to count as right.

A numeric question (a number, a vector or a matrix) asks for a number of
significant figures, 3 unless it says otherwise. An answer is right when
every entry is within half a unit in the last asked-for figure **of the
largest entry of the key**: so the answer is judged relative to the size of
the whole answer, and a zero component is no harder to hit than any other.
An answer rounded correctly to the asked-for figures (or given more
precisely, or exactly) is therefore always right.

Examples
--------
>>> import numpy as np
>>> within(np.array([2.473]), np.array([2.4730819]), 3)
True
>>> figures_matched(np.array([2.5]), np.array([2.4730819]))
2
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["DEFAULT_SIGFIGS", "half_unit", "within", "figures_matched"]

#: Significant figures a numeric question asks for unless it says otherwise.
DEFAULT_SIGFIGS = 3
_SLACK = 1 + 1e-9  # an answer exactly half a unit away (a rounding tie) still counts


def half_unit(target: np.ndarray, sigfigs: int) -> float:
    """Half a unit in the ``sigfigs``-th significant figure of the largest entry.

    For an all-zero target it is half a unit in the ``sigfigs``-th decimal.

    Examples
    --------
    >>> half_unit(np.array([0.97, 0.24]), 3)
    0.0005
    >>> half_unit(np.array([1275.0]), 4)
    0.5
    """
    scale = float(np.max(np.abs(target))) if np.size(target) else 0.0
    exponent = math.floor(math.log10(scale)) if scale > 0 else -1
    return 0.5 * 10.0 ** (exponent - sigfigs + 1)


def within(answer: np.ndarray, target: np.ndarray, sigfigs: int) -> bool:
    """Whether ``answer`` equals ``target`` to ``sigfigs`` significant figures.

    Both must have the same shape; every entry of the answer must be finite.
    """
    answer, target = np.asarray(answer, dtype=float), np.asarray(target, dtype=float)
    if answer.shape != target.shape or not np.all(np.isfinite(answer)):
        return False
    return bool(np.all(np.abs(answer - target) <= half_unit(target, sigfigs) * _SLACK))


def figures_matched(answer: np.ndarray, target: np.ndarray, most: int = 15) -> int:
    """The most significant figures (0 to ``most``) to which ``answer`` equals ``target``.

    Examples
    --------
    >>> figures_matched(np.array([0.67, 0.0]), np.array([2 / 3, 0.0]))
    2
    """
    return max((s for s in range(1, most + 1) if within(answer, target, s)), default=0)
