"""One neuron's forward and backward pass: the backward pass against central differences."""

import pytest

from helpers.calculus import check_gradient
from helpers.neuron import neuron_loss, neuron_pass, sigmoid
from helpers.plotting.chain import CHAIN_EDGES


def test_backward_pass_matches_check_gradient():
    for x, w, b, y in [(1.5, 0.8, -0.5, 1.0), (-1.0, 2.0, 0.3, 0.0)]:
        step = neuron_pass(x, w, b, y)
        error = check_gradient(lambda w_, b_, x=x, y=y: neuron_loss(x, w_, b_, y),
                               lambda w_, b_, s=step: (s.gradients["w"], s.gradients["b"]), (w, b))
        assert error < 1e-9


def test_local_derivatives_on_the_arrows():
    step = neuron_pass(1.5, 0.8, -0.5, 1.0)
    s = float(sigmoid(0.7))
    assert step.local[("z", "y_hat")] == pytest.approx(s * (1 - s))
    assert step.local[("w", "z")] == 1.5 and step.local[("b", "z")] == 1.0 and step.local[("x", "z")] == 0.8
    assert step.gradients["b"] == pytest.approx(2 * (s - 1) * s * (1 - s))
    assert set(step.local) == set(CHAIN_EDGES)
