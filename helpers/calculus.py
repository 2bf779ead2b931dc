"""Numeric core of the course: derivatives by central differences.

Every function here is pure: it takes a Python callable ``f(*coords)`` and a
point, and returns numbers or numpy arrays. ``f`` is called with one argument
per variable, and each argument may be a numpy array, so every routine works on
a whole grid of points at once (vectorised) as long as ``f`` does.

Examples
--------
>>> import numpy as np
>>> f = lambda x, y: x**2 * y
>>> round(float(partial(f, (3.0, 2.0), 0)), 6)
12.0
>>> np.round(gradient(f, (3.0, 2.0)), 6).tolist()
[12.0, 9.0]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

__all__ = [
    "EPSILON",
    "difference_step",
    "partial",
    "gradient",
    "jacobian",
    "directional_derivative",
    "tangent_plane",
    "hessian",
    "check_gradient",
    "gradient_descent",
    "newton_method",
    "steepest_ascent",
]

#: Machine epsilon of float64, the unit round-off the step size is built from.
EPSILON = float(np.finfo(np.float64).eps)

Point = Sequence[float] | np.ndarray


def difference_step(x: np.ndarray | float, order: int = 1) -> np.ndarray:
    """Step ``h`` for a central difference at ``x``.

    The central difference ``(f(x+h) - f(x-h)) / (2h)`` has two errors that
    pull in opposite directions: truncation, about ``h**2 |f'''| / 6``, which
    shrinks with ``h``, and round-off, about ``eps |f| / h``, which grows as
    ``h`` shrinks. Their sum is smallest near ``h = eps**(1/3)`` times the
    scale of ``x`` (about 6e-6 for ``|x| <= 1``), giving roughly 1e-10 relative
    accuracy. The popular ``h = 1e-7`` is tuned for the one-sided difference
    and makes the central error typically 20 to 90 times larger, that is one
    and a half to two digits lost (the lessons measure about 50 times, 1.7
    digits). For second derivatives (``order=2``) the same balance gives
    ``eps**(1/4)``.

    Parameters
    ----------
    x : float or ndarray
        Coordinate(s) being perturbed; the step scales with ``max(|x|, 1)``.
    order : {1, 2}
        Order of the derivative the step is used for.

    Returns
    -------
    ndarray
        Positive step(s), the same shape as ``x``.

    Examples
    --------
    >>> float(difference_step(0.0)) == EPSILON ** (1 / 3)
    True
    """
    if order not in (1, 2):
        raise ValueError("order must be 1 or 2")
    power = 1 / 3 if order == 1 else 1 / 4
    scale = np.maximum(np.abs(np.asarray(x, dtype=float)), 1.0)
    return EPSILON**power * scale


def _as_coords(point: Point) -> list[np.ndarray]:
    """Split a point into a list of float arrays, one per variable."""
    return [np.asarray(c, dtype=float) for c in point]


def _shifted(coords: list[np.ndarray], i: int, delta: np.ndarray) -> list[np.ndarray]:
    """Return a copy of ``coords`` with coordinate ``i`` moved by ``delta``."""
    moved = list(coords)
    moved[i] = coords[i] + delta
    return moved


def partial(f: Callable[..., np.ndarray], point: Point, i: int, h: float | None = None):
    """Partial derivative of ``f`` with respect to variable ``i`` at ``point``.

    Uses the central difference ``(f(.., x_i + h, ..) - f(.., x_i - h, ..)) / (2h)``
    with the step from :func:`difference_step` unless ``h`` is given.

    Parameters
    ----------
    f : callable
        ``f(x1, ..., xn)``; may be vectorised over numpy arrays.
    point : sequence of float or ndarray
        The point ``(x1, ..., xn)``; each coordinate may be an array.
    i : int
        Index of the variable to differentiate by (0 for x, 1 for y, ...).
    h : float, optional
        Step size. Default: ``eps**(1/3) * max(|x_i|, 1)``.

    Returns
    -------
    float or ndarray
        The estimate of ``df/dx_i``.

    Examples
    --------
    >>> round(float(partial(lambda x, y: x * y**3, (1.0, 2.0), 1)), 6)
    12.0
    """
    coords = _as_coords(point)
    if not 0 <= i < len(coords):
        raise ValueError(f"variable index {i} is out of range for a point with {len(coords)} coordinates")
    step = difference_step(coords[i]) if h is None else np.asarray(h, dtype=float)
    forward = f(*_shifted(coords, i, step))
    backward = f(*_shifted(coords, i, -step))
    return (np.asarray(forward) - np.asarray(backward)) / (2 * step)


def gradient(f: Callable[..., np.ndarray], point: Point, h: float | None = None) -> np.ndarray:
    """Gradient of ``f`` at ``point`` by central differences.

    Returns
    -------
    ndarray
        Shape ``(n,)`` for a single point, or ``(n, *grid_shape)`` when the
        coordinates are arrays.

    Examples
    --------
    >>> np.round(gradient(lambda x, y, z: x * y * z, (1.0, 2.0, 3.0)), 6).tolist()
    [6.0, 3.0, 2.0]
    """
    coords = _as_coords(point)
    return np.array([partial(f, coords, i, h) for i in range(len(coords))])


def jacobian(f: Callable[..., np.ndarray], point: Point, h: float | None = None) -> np.ndarray:
    """Jacobian matrix of a vector function ``f`` at ``point`` by central differences.

    Entry ``(i, j)`` is the partial derivative of output ``i`` by input ``j``:
    row ``i`` is the gradient of ``f_i``, column ``j`` is :func:`partial` by
    variable ``j``.

    Parameters
    ----------
    f : callable
        ``f(x1, ..., xn)`` returning ``m`` numbers (a sequence or 1-D array).
    point : sequence of float
        The point ``(x1, ..., xn)``.
    h : float, optional
        Step size, as for :func:`partial`.

    Returns
    -------
    ndarray
        Shape ``(m, n)``.

    Examples
    --------
    >>> polar = lambda r, t: np.array([r * np.cos(t), r * np.sin(t)])
    >>> np.round(jacobian(polar, (2.0, 0.0)), 6).tolist()
    [[1.0, 0.0], [0.0, 2.0]]
    """
    coords = _as_coords(point)
    columns = [np.asarray(partial(f, coords, j, h), dtype=float).ravel() for j in range(len(coords))]
    return np.stack(columns, axis=1)


def _unit(direction: Point) -> np.ndarray:
    """Normalise ``direction`` to length 1, refusing the zero vector."""
    u = np.asarray(direction, dtype=float)
    norm = np.linalg.norm(u)
    if not np.isfinite(norm) or norm == 0:
        raise ValueError("a direction must be a non-zero, finite vector")
    return u / norm


def directional_derivative(f: Callable[..., np.ndarray], point: Point, direction: Point) -> float:
    """Rate of change of ``f`` at ``point`` per unit step along ``direction``.

    The direction is normalised first, so ``(3, 4)`` and ``(0.6, 0.8)`` give
    the same answer: ``D_u f = grad f . u`` with ``|u| = 1``.

    Examples
    --------
    >>> round(directional_derivative(lambda x, y: x**2 + y**2, (1.0, 1.0), (3.0, 4.0)), 6)
    2.8
    """
    u = _unit(direction)
    return float(np.dot(gradient(f, point), u))


def tangent_plane(f: Callable[..., np.ndarray], point: Point) -> Callable[..., np.ndarray]:
    """Linear approximation of ``f`` at ``point`` as a callable.

    ``L(x) = f(a) + grad f(a) . (x - a)``; for two variables this is the
    tangent plane ``z = f(a, b) + f_x (x - a) + f_y (y - b)``.

    Examples
    --------
    >>> L = tangent_plane(lambda x, y: x * y, (1.0, 2.0))
    >>> round(float(L(1.1, 2.0)), 6)
    2.2
    """
    a = np.asarray(point, dtype=float)
    value = float(f(*a))
    slope = gradient(f, a)

    def linear(*coords: np.ndarray) -> np.ndarray:
        return value + sum(g * (np.asarray(c, dtype=float) - ai) for g, c, ai in zip(slope, coords, a, strict=True))

    return linear


_CORNERS = ((1, 1), (1, -1), (-1, 1), (-1, -1))


def _moved_value(f: Callable[..., np.ndarray], point: list[float], *moves: tuple[int, float]) -> float:
    """``f`` at ``point`` with each ``(index, delta)`` in ``moves`` added."""
    moved = list(point)
    for index, delta in moves:
        moved[index] += delta
    return float(f(*moved))


def hessian(f: Callable[..., np.ndarray], point: Point) -> np.ndarray:
    """Matrix of second partial derivatives of ``f`` at ``point``.

    Uses the four-point central formula for every entry, with a step of about
    ``eps**(1/4)`` times the scale, and returns the symmetrised matrix.

    Examples
    --------
    >>> np.round(hessian(lambda x, y: x**2 * y, (1.0, 3.0)), 4).tolist()
    [[6.0, 2.0], [2.0, 0.0]]
    """
    a = [float(c) for c in np.asarray(point, dtype=float)]
    n = len(a)
    steps = [float(difference_step(c, order=2)) for c in a]
    result = np.empty((n, n))
    for i in range(n):
        for j in range(i, n):
            corners = [_moved_value(f, a, (i, si * steps[i]), (j, sj * steps[j])) for si, sj in _CORNERS]
            value = (corners[0] - corners[1] - corners[2] + corners[3]) / (4 * steps[i] * steps[j])
            result[i, j] = result[j, i] = value
    return result


def check_gradient(f: Callable[..., np.ndarray], grad: Callable[..., Point], point: Point) -> float:
    """Relative error between a claimed gradient and a numeric one.

    ``|g_claimed - g_numeric| / max(|g_claimed|, |g_numeric|, 1e-12)``. Values
    around 1e-8 or below mean the claimed gradient is right; 1e-2 or above
    means it is wrong.

    Examples
    --------
    >>> f = lambda x, y: x**2 * y
    >>> check_gradient(f, lambda x, y: (2 * x * y, x**2), (1.0, 2.0)) < 1e-8
    True
    >>> check_gradient(f, lambda x, y: (x * y, x**2), (1.0, 2.0)) > 0.1
    True
    """
    coords = [float(c) for c in np.asarray(point, dtype=float)]
    claimed = np.asarray(grad(*coords), dtype=float).ravel()
    numeric = gradient(f, coords).ravel()
    if claimed.shape != numeric.shape:
        raise ValueError(f"the claimed gradient has {claimed.size} entries but f has {numeric.size} variables")
    scale = max(np.linalg.norm(claimed), np.linalg.norm(numeric), 1e-12)
    return float(np.linalg.norm(claimed - numeric) / scale)


def gradient_descent(
    grad: Callable[..., Point],
    start: Point,
    learning_rate: float,
    steps: int = 100,
    tolerance: float = 0.0,
) -> np.ndarray:
    """Follow ``x <- x - learning_rate * grad(x)`` and return the whole path.

    Stops early when the gradient's norm falls below ``tolerance`` or when the
    iterate stops being finite (divergence).

    Returns
    -------
    ndarray
        Shape ``(k + 1, n)``: the start and every iterate.

    Examples
    --------
    >>> path = gradient_descent(lambda x, y: (2 * x, 2 * y), (1.0, 1.0), 0.25, steps=3)
    >>> path[-1].tolist()
    [0.125, 0.125]
    """
    x = np.asarray(start, dtype=float)
    path = [x.copy()]
    with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported by the path
        for _ in range(int(steps)):
            g = np.asarray(grad(*x), dtype=float)
            if np.linalg.norm(g) <= tolerance:
                break
            x = x - learning_rate * g
            path.append(x.copy())
            if not np.all(np.isfinite(x)):
                break
    return np.array(path)


def newton_method(
    grad: Callable[..., Point],
    hess: Callable[..., np.ndarray],
    start: Point,
    steps: int = 20,
    tolerance: float = 1e-12,
) -> np.ndarray:
    """Newton's method for a critical point: ``x <- x - H(x)^-1 grad(x)``.

    Returns the whole path, shape ``(k + 1, n)``. Stops when the gradient is
    below ``tolerance`` or the Hessian is singular.

    Examples
    --------
    >>> path = newton_method(lambda x, y: (2 * x - 2, 4 * y), lambda x, y: [[2, 0], [0, 4]], (5.0, 5.0))
    >>> path[1].tolist()
    [1.0, 0.0]
    """
    x = np.asarray(start, dtype=float)
    path = [x.copy()]
    for _ in range(int(steps)):
        g = np.asarray(grad(*x), dtype=float)
        if np.linalg.norm(g) <= tolerance:
            break
        try:
            x = x - np.linalg.solve(np.asarray(hess(*x), dtype=float), g)
        except np.linalg.LinAlgError:
            break
        path.append(x.copy())
    return np.array(path)


def steepest_ascent(
    f: Callable[..., np.ndarray],
    start: Point,
    step: float,
    steps: int = 100,
    bounds: Sequence[tuple[float, float]] | None = None,
) -> np.ndarray:
    """The curve of steepest ascent from ``start``: always along the gradient's direction.

    Takes steps of length ``|step|`` along ``grad f / |grad f|`` by the
    midpoint rule; a negative ``step`` follows the steepest descent instead.
    Stops at a critical point, where ``f`` stops rising (falling) because the
    curve reached a peak (pit), where anything stops being finite, or where
    the curve leaves ``bounds`` (one ``(low, high)`` pair per variable).

    Returns
    -------
    ndarray
        Shape ``(k + 1, n)``: the start and every point reached.

    Examples
    --------
    On the bowl ``x**2 + y**2`` the curve of steepest ascent is a ray from the origin:

    >>> path = steepest_ascent(lambda x, y: x**2 + y**2, (0.3, 0.4), 0.5, steps=4)
    >>> np.round(path[-1], 6).tolist()
    [1.5, 2.0]
    """
    x = np.asarray(start, dtype=float)
    path = [x.copy()]
    sign = 1.0 if step >= 0 else -1.0

    def direction(at: np.ndarray) -> np.ndarray | None:
        g = np.asarray(gradient(f, at), dtype=float)
        norm = float(np.linalg.norm(g))
        return g / norm if np.isfinite(norm) and norm > 1e-12 else None

    with np.errstate(all="ignore"):
        height = float(f(*x))
        for _ in range(int(steps)):
            d = direction(x)
            if d is None:
                break
            d = direction(x + 0.5 * step * d)
            if d is None:
                break
            moved = x + step * d
            rise = sign * (float(f(*moved)) - height)
            if not (np.all(np.isfinite(moved)) and np.isfinite(rise)) or rise <= 0:
                break
            if bounds is not None and not all(lo <= c <= hi for c, (lo, hi) in zip(moved, bounds, strict=True)):
                break
            x, height = moved, height + sign * rise
            path.append(x.copy())
    return np.array(path)
