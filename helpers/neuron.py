"""One neuron, forward and backward: the chain rule as backpropagation, in numbers.

The model is one neuron with a squared loss::

    z = w x + b,    y_hat = sigmoid(z),    L = (y_hat - y)**2

:func:`neuron_pass` runs the forward pass, storing every node's value, then
the backward pass, multiplying local derivatives from the loss back to each
node. Pure functions of numpy only, like :mod:`helpers.calculus`; the chain
graph widget (:mod:`helpers.widgets.chain`) shows their numbers.

Examples
--------
>>> step = neuron_pass(x=1.5, w=0.8, b=-0.5, y=1.0)
>>> round(step.values["z"], 6), round(step.gradients["w"], 6)
(0.7, -0.220701)
>>> step.gradients["w"] == step.gradients["z"] * 1.5
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["sigmoid", "neuron_loss", "NeuronPass", "neuron_pass"]


def sigmoid(z):
    """The logistic function ``1 / (1 + exp(-z))``, without overflow for large ``|z|``.

    Examples
    --------
    >>> float(sigmoid(0.0)), float(sigmoid(-1000.0)), float(sigmoid(1000.0))
    (0.5, 0.0, 1.0)
    """
    z = np.asarray(z, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def neuron_loss(x, w, b, y):
    """The loss ``(sigmoid(w x + b) - y)**2`` of one neuron (vectorised)."""
    return (sigmoid(np.asarray(w) * x + b) - y) ** 2


@dataclass(frozen=True)
class NeuronPass:
    """One forward and one backward pass through the neuron's graph.

    Attributes
    ----------
    values : dict
        Forward value of every node: ``x, w, b, y, z, y_hat, L``.
    gradients : dict
        ``dL/d(node)`` for every node, from the backward pass.
    local : dict
        Local derivative ``d(head)/d(tail)`` of every edge ``(tail, head)``.
    """

    values: dict[str, float]
    gradients: dict[str, float]
    local: dict[tuple[str, str], float]


def neuron_pass(x: float, w: float, b: float, y: float) -> NeuronPass:
    """Forward pass, storing each node, then the backward pass, from ``L`` back.

    Local derivatives: ``dL/dy_hat = 2 (y_hat - y)``, ``dy_hat/dz =
    sigmoid(z) (1 - sigmoid(z))``, ``dz/dw = x``, ``dz/db = 1``,
    ``dz/dx = w``, ``dL/dy = -2 (y_hat - y)``. Each node's gradient is the
    gradient of the node after it times the local derivative between them.
    Non-finite inputs give nan, never an exception.
    """
    x, w, b, y = (float(v) for v in (x, w, b, y))
    with np.errstate(all="ignore"):
        z = w * x + b  # forward, storing every node
        y_hat = float(sigmoid(z))
        loss = (y_hat - y) ** 2
        local = {("y_hat", "L"): 2 * (y_hat - y), ("y", "L"): -2 * (y_hat - y),
                 ("z", "y_hat"): y_hat * (1 - y_hat), ("w", "z"): x, ("b", "z"): 1.0, ("x", "z"): w}
        grads = {"L": 1.0}  # backward: from the output to the inputs
        grads["y_hat"] = grads["L"] * local[("y_hat", "L")]
        grads["y"] = grads["L"] * local[("y", "L")]
        grads["z"] = grads["y_hat"] * local[("z", "y_hat")]
        for name in ("w", "b", "x"):
            grads[name] = grads["z"] * local[(name, "z")]
    values = {"x": x, "w": w, "b": b, "y": y, "z": z, "y_hat": y_hat, "L": loss}
    return NeuronPass(values, grads, local)
