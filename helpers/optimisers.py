"""Descent for machine learning: least squares, mini-batches, momentum and Adam.

The numeric core's sibling for the optimisers of lesson 07. Every function is
pure numpy: it takes arrays (or a gradient callable ``grad(*x)``, as in
:mod:`helpers.calculus`) and returns arrays; randomness comes only from a
seed or a ``numpy.random.Generator`` passed in.

- the least-squares loss of a linear model and its gradient in vector form,
  ``(2/N) X^T (X w - y)``;
- mini-batch gradient descent on that loss (batch size ``N``: batch descent;
  batch size 1: stochastic gradient descent);
- one step, and a whole path, of momentum (the heavy ball) and of Adam;
- :func:`path_behaviour`: whether a path converged, oscillates or diverged.

Examples
--------
>>> import numpy as np
>>> X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
>>> least_squares_gradient(np.zeros(2), X, np.array([1.0, 3.0, 5.0])).tolist()
[-6.0, -8.666666666666666]
>>> momentum_descent(lambda x, y: (2 * x, 8 * y), (1.0, 0.5), 0.1, momentum=0.9, steps=2)[-1].round(6).tolist()
[0.46, -0.34]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

__all__ = [
    "regression_data",
    "least_squares_loss",
    "least_squares_gradient",
    "minibatches",
    "minibatch_descent",
    "momentum_step",
    "momentum_descent",
    "adam_step",
    "adam_descent",
    "path_behaviour",
]

Point = Sequence[float] | np.ndarray
Gradient = Callable[..., Sequence[float] | np.ndarray]


def regression_data(n: int, weights: Sequence[float], noise: float = 0.5,
                    seed: int = 0, low: float = 0.0, high: float = 4.0):
    """A seeded data set for the linear model ``y = w0 + w1 x1 + ... + noise``.

    Parameters
    ----------
    n : int
        Number of data points (rows).
    weights : sequence of float
        The true ``(w0, w1, ...)``: the intercept first.
    noise : float
        Standard deviation of the normal noise added to ``y``.
    seed : int
        Seed of the random generator: the same seed gives the same data.
    low, high : float
        The features are uniform on ``[low, high)``.

    Returns
    -------
    X : ndarray, shape (n, len(weights))
        The design matrix: a column of ones, then the features.
    y : ndarray, shape (n,)

    Examples
    --------
    >>> X, y = regression_data(4, (1.0, 2.0), seed=1)
    >>> X.shape, X[:, 0].tolist()
    ((4, 2), [1.0, 1.0, 1.0, 1.0])
    """
    rng = np.random.default_rng(seed)
    weights = np.asarray(weights, dtype=float)
    features = rng.uniform(low, high, size=(int(n), weights.size - 1))
    X = np.column_stack([np.ones(int(n)), features])
    return X, X @ weights + rng.normal(0.0, noise, size=int(n))


def least_squares_loss(w: Point, X: np.ndarray, y: np.ndarray) -> float:
    """Mean squared error ``(1/N) |X w - y|^2`` of the linear model ``X w``.

    Examples
    --------
    >>> least_squares_loss([0.0, 1.0], np.array([[1.0, 2.0]]), np.array([3.0]))
    1.0
    """
    residual = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) - np.asarray(y, dtype=float)
    return float(residual @ residual / residual.size)


def least_squares_gradient(w: Point, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Gradient of the mean squared error in vector form: ``(2/N) X^T (X w - y)``.

    Component ``j`` is ``(2/N) sum_n x_nj (x_n . w - y_n)``: the chain rule on
    each square, as in lesson 02, written for all parameters at once.

    Examples
    --------
    >>> least_squares_gradient([0.0, 1.0], np.array([[1.0, 2.0]]), np.array([3.0])).tolist()
    [-2.0, -4.0]
    """
    X = np.asarray(X, dtype=float)
    residual = X @ np.asarray(w, dtype=float) - np.asarray(y, dtype=float)
    return 2.0 / len(residual) * (X.T @ residual)


def minibatches(n: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One epoch: the row indices ``0..n-1`` shuffled and cut into batches.

    The last batch is shorter when ``batch_size`` does not divide ``n``.

    Examples
    --------
    >>> [b.size for b in minibatches(10, 4, np.random.default_rng(0))]
    [4, 4, 2]
    """
    if not 1 <= int(batch_size):
        raise ValueError("the batch size must be at least 1")
    order = rng.permutation(int(n))
    return [order[i:i + int(batch_size)] for i in range(0, int(n), int(batch_size))]


def minibatch_descent(X: np.ndarray, y: np.ndarray, start: Point, learning_rate: float,
                      batch_size: int, epochs: int = 1, seed: int = 0) -> np.ndarray:
    """Gradient descent on the least-squares loss, one mini-batch per step.

    Each epoch shuffles the rows (seeded) and steps once per batch with the
    gradient of the loss on that batch alone. ``batch_size = N`` is batch
    gradient descent (every step sees all the data, no randomness); ``1`` is
    stochastic gradient descent (one data point per step).

    Returns
    -------
    ndarray
        Shape ``(steps + 1, len(start))``: the start and the weights after every step.

    Examples
    --------
    >>> X = np.array([[1.0, 0.0], [1.0, 1.0]]); y = np.array([1.0, 3.0])
    >>> minibatch_descent(X, y, (0.0, 0.0), 0.25, batch_size=2, epochs=1)[-1].tolist()
    [1.0, 0.75]
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w = np.asarray(start, dtype=float)
    rng = np.random.default_rng(seed)
    path = [w.copy()]
    for _ in range(int(epochs)):
        for batch in minibatches(len(y), min(int(batch_size), len(y)), rng):
            w = w - learning_rate * least_squares_gradient(w, X[batch], y[batch])
            path.append(w.copy())
    return np.array(path)


def momentum_step(x: Point, velocity: Point, gradient: Point, learning_rate: float,
                  momentum: float = 0.9) -> tuple[np.ndarray, np.ndarray]:
    """One heavy-ball step: ``v <- momentum * v + grad f(x)``, then ``x <- x - eta * v``.

    The velocity ``v`` is a running sum of past gradients, each one weighed
    down by a further factor ``momentum`` per step. With ``momentum = 0`` this
    is a plain gradient-descent step.

    Returns
    -------
    (x, velocity)
        The new point and the new velocity.

    Examples
    --------
    >>> x, v = momentum_step((0.8, 0.1), (2.0, 4.0), (1.6, 0.8), 0.1, 0.9)
    >>> v.round(6).tolist(), x.round(6).tolist()
    ([3.4, 4.4], [0.46, -0.34])
    """
    velocity = momentum * np.asarray(velocity, dtype=float) + np.asarray(gradient, dtype=float)
    return np.asarray(x, dtype=float) - learning_rate * velocity, velocity


def _descent_path(step: Callable, grad: Gradient, start: Point, steps: int,
                  tolerance: float) -> np.ndarray:
    """Iterate ``step(x, g, k)`` from ``start``; stop at a small gradient or a blow-up."""
    x = np.asarray(start, dtype=float)
    path = [x.copy()]
    with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported by the path
        for k in range(1, int(steps) + 1):
            g = np.asarray(grad(*x), dtype=float)
            if np.linalg.norm(g) <= tolerance:
                break
            x = step(x, g, k)
            path.append(x.copy())
            if not np.all(np.isfinite(x)):
                break
    return np.array(path)


def momentum_descent(grad: Gradient, start: Point, learning_rate: float, momentum: float = 0.9,
                     steps: int = 100, tolerance: float = 0.0) -> np.ndarray:
    """The path of :func:`momentum_step` from ``start`` (velocity 0), shape ``(k + 1, n)``.

    Stops early when the gradient's norm falls to ``tolerance`` or the iterate
    stops being finite.

    Examples
    --------
    >>> momentum_descent(lambda x: (2 * x,), (1.0,), 0.25, momentum=0.0, steps=2)[:, 0].tolist()
    [1.0, 0.5, 0.25]
    """
    state = {"v": np.zeros(len(np.atleast_1d(start)))}

    def step(x, g, _):
        x, state["v"] = momentum_step(x, state["v"], g, learning_rate, momentum)
        return x

    return _descent_path(step, grad, start, steps, tolerance)


def adam_step(x: Point, first: Point, second: Point, gradient: Point, k: int,
              learning_rate: float, beta1: float = 0.9, beta2: float = 0.999,
              epsilon: float = 1e-8) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Step ``k`` (counting from 1) of Adam (Kingma and Ba, 2015).

    ``m <- beta1 m + (1 - beta1) g`` and ``v <- beta2 v + (1 - beta2) g**2``
    (running averages of the gradient and of its square, entry by entry),
    corrected for starting at zero: ``m_hat = m / (1 - beta1**k)``,
    ``v_hat = v / (1 - beta2**k)``; then ``x <- x - eta m_hat / (sqrt(v_hat) + epsilon)``.
    Each coordinate's step is about ``eta`` long whatever the size of its slope.

    Returns
    -------
    (x, m, v)
        The new point and the two running averages.

    Examples
    --------
    >>> x, m, v = adam_step((1.0, 0.5), (0.0, 0.0), (0.0, 0.0), (2.0, 4.0), 1, 0.1)
    >>> x.round(6).tolist(), m.round(6).tolist(), v.round(6).tolist()
    ([0.9, 0.4], [0.2, 0.4], [0.004, 0.016])
    """
    g = np.asarray(gradient, dtype=float)
    first = beta1 * np.asarray(first, dtype=float) + (1 - beta1) * g
    second = beta2 * np.asarray(second, dtype=float) + (1 - beta2) * g**2
    first_hat = first / (1 - beta1**k)
    second_hat = second / (1 - beta2**k)
    x = np.asarray(x, dtype=float) - learning_rate * first_hat / (np.sqrt(second_hat) + epsilon)
    return x, first, second


def adam_descent(grad: Gradient, start: Point, learning_rate: float, steps: int = 100,
                 beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8,
                 tolerance: float = 0.0) -> np.ndarray:
    """The path of :func:`adam_step` from ``start`` (both averages 0), shape ``(k + 1, n)``.

    Examples
    --------
    >>> adam_descent(lambda x, y: (2 * x, 8 * y), (1.0, 0.5), 0.1, steps=1)[-1].round(6).tolist()
    [0.9, 0.4]
    """
    zeros = np.zeros(len(np.atleast_1d(start)))
    state = {"m": zeros, "v": zeros}

    def step(x, g, k):
        x, state["m"], state["v"] = adam_step(x, state["m"], state["v"], g, k, learning_rate,
                                              beta1, beta2, epsilon)
        return x

    return _descent_path(step, grad, start, steps, tolerance)


def path_behaviour(path: Sequence[Sequence[float]] | np.ndarray, gradient_norm: float,
                   tolerance: float = 1e-3) -> str:
    """What a descent path did: ``"diverged"``, ``"converged"``, ``"oscillating"``, ...

    - ``"diverged"``: the path stopped being finite; ``"diverging"``: after at
      least 10 steps, the last step is more than twice as long as every step
      of the first half (swings that keep growing);
    - ``"oscillating"``: in some coordinate, most steps reverse the one before
      (a zig-zag across a valley, or a spiral);
    - ``"converged"``: the gradient at the end, ``gradient_norm``, is at most
      ``tolerance``; ``"converged, oscillating on the way"`` when it also zig-zagged;
    - ``"still descending"``: none of these (yet); ``"not started"``: no step taken.

    Examples
    --------
    >>> path_behaviour([[1.0, 1.0], [0.9, -0.5], [0.8, 0.25], [0.7, -0.1]], 0.5)
    'oscillating'
    >>> path_behaviour([[1.0], [0.5], [0.25]], 0.5)
    'still descending'
    >>> path_behaviour([[1.0], [float("inf")]], float("nan"))
    'diverged'
    """
    points = np.asarray(path, dtype=float)
    points = points.reshape(len(points), -1)
    if not np.all(np.isfinite(points)) or not np.isfinite(gradient_norm):
        return "diverged"
    if len(points) < 2:
        return "not started"
    moves = np.diff(points, axis=0)
    reversals = (moves[1:] * moves[:-1] < 0).sum(axis=0) if len(moves) > 1 else np.zeros(1)
    oscillating = len(moves) > 2 and bool(np.any(reversals > (len(moves) - 1) / 2))
    lengths = np.linalg.norm(moves, axis=1)
    if len(moves) >= 10 and lengths[-1] > 2 * lengths[: len(moves) // 2].max():
        return "diverging"
    if gradient_norm <= tolerance:
        return "converged, oscillating on the way" if oscillating else "converged"
    return "oscillating" if oscillating else "still descending"
