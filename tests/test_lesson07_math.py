"""Every result stated in lesson 07 (descent for machine learning), computed independently."""

import numpy as np
import pytest
import sympy as sp

from helpers import optimisers as opt
from helpers.calculus import gradient_descent
from helpers.widgets.descent import DescentFunction, run_method

_RNG = np.random.default_rng(0)
X_DATA = np.round(_RNG.uniform(0, 4, 6), 1)
Y_DATA = np.round(1 + 2 * X_DATA + _RNG.normal(0, 0.5, 6), 1)
X6 = np.column_stack([np.ones(6), X_DATA])
X48, Y48 = opt.regression_data(48, (1.0, 2.0), noise=0.5, seed=0)


def test_section_1_the_vector_gradient_of_lessons_02_data():
    t0, t1 = sp.symbols("t0 t1")
    J = sum((t0 + t1 * sp.nsimplify(a) - sp.nsimplify(b)) ** 2 for a, b in zip(X_DATA, Y_DATA, strict=True)) / 6
    exact = [float(sp.diff(J, v).subs({t0: 0.5, t1: 1.0})) for v in (t0, t1)]
    assert np.round(exact, 4).tolist() == [-4.6, -12.9033]
    assert np.allclose(2 / 6 * X6.T @ (X6 @ [0.5, 1.0] - Y_DATA), exact)
    assert np.allclose(X6 @ [0.5, 1.0] - Y_DATA, [-3.7, -2.1, -0.3, 0.0, -3.5, -4.2])


def test_section_2_the_generated_data_and_batch_gradients():
    best = np.linalg.lstsq(X48, Y48, rcond=None)[0]
    assert np.round(best, 3).tolist() == [0.971, 2.053]  # "about (0.97, 2.05)"
    assert round(opt.least_squares_loss(best, X48, Y48), 4) == 0.2589
    full = opt.least_squares_gradient((0, 0), X48, Y48)
    assert np.round(full, 3).tolist() == [-10.641, -27.96]
    batches = [opt.least_squares_gradient((0, 0), X48[r], Y48[r]) for r in np.split(np.arange(48), 6)]
    assert np.allclose(np.mean(batches, axis=0), full)  # equal batches average to the full gradient
    assert np.round(batches[0], 3).tolist() == [-10.306, -27.827]
    wrong = 2 / 48 * X48[:8].T @ (X48[:8] @ [0, 0] - Y48[:8])
    assert np.allclose(batches[0] / wrong, 6)  # "six times too short"


def test_section_2_ten_epochs_of_batch_minibatch_and_sgd():
    H = 2 / 48 * X48.T @ X48
    assert round(2 / np.linalg.eigvalsh(H).max(), 3) == 0.151 and 0.05 < 0.151
    ends, rises = {}, {}
    for B, steps in ((48, 10), (8, 60), (1, 480)):
        path = opt.minibatch_descent(X48, Y48, (0.0, 0.0), 0.05, batch_size=B, epochs=10, seed=1)
        assert len(path) - 1 == steps
        losses = np.array([opt.least_squares_loss(w, X48, Y48) for w in path])
        ends[B], rises[B] = losses[-1], np.mean(np.diff(losses) > 0)
    assert rises[48] == 0 and round(rises[8], 2) == 0.42 and 0.45 < rises[1] < 0.6  # "about half"
    assert ends[8] < ends[48] and ends[8] < ends[1]  # mini-batches end with the lowest loss
    assert [round(ends[b], 4) for b in (48, 8, 1)] == [0.2634, 0.2605, 0.2781]


def test_section_3_hand_worked_momentum_and_plain_descent():
    x1, v1 = opt.momentum_step((1.0, 0.5), (0, 0), (2.0, 4.0), 0.1, 0.9)
    x2, v2 = opt.momentum_step(x1, v1, (2 * x1[0], 8 * x1[1]), 0.1, 0.9)
    assert np.allclose(x1, [0.8, 0.1]) and np.allclose(v2, [3.4, 4.4]) and np.allclose(x2, [0.46, -0.34])
    plain = gradient_descent(lambda a, b: (2 * a, 8 * b), (1.0, 0.5), 0.1, steps=2)[-1]
    assert np.allclose(plain, [0.64, 0.02])
    assert 1 / (1 - 0.9) == pytest.approx(10)  # "ten times" on a steady slope


def _valley(a, b):
    return a, 100 * b


def test_section_3_momentum_beats_plain_descent_in_the_valley():
    plain = gradient_descent(_valley, (-1.8, 0.5), 0.015, steps=100)
    heavy = opt.momentum_descent(_valley, (-1.8, 0.5), 0.015, momentum=0.8, steps=100)
    assert f"{np.linalg.norm(plain[-1]):.1e}" == "4.0e-01" and f"{np.linalg.norm(heavy[-1]):.1e}" == "3.7e-05"
    assert round(plain[60][0], 2) == -0.73 and np.linalg.norm(heavy[60]) < 0.05  # the figure's caption
    assert 0.015 < 2 / 100
    for lam in (1, 100):
        M = np.array([[1 - 0.015 * lam, -0.015 * 0.8], [lam, 0.8]])
        assert max(abs(np.linalg.eigvals(M))) == pytest.approx(np.sqrt(0.8))  # 0.894 in both directions
    assert round(0.985**100, 3) == 0.221 and f"{np.sqrt(0.8) ** 100:.1e}" == "1.4e-05"


def test_momentum_tolerates_learning_rates_up_to_two_one_plus_beta_over_lambda_max():
    assert 2 * 1.8 / 100 == pytest.approx(0.036)
    for eta, converges in ((0.03, True), (0.035, True), (0.037, False)):
        end = opt.momentum_descent(_valley, (-1.8, 0.5), eta, momentum=0.8, steps=400)[-1]
        assert (np.linalg.norm(end) < 1e-6) == converges
    plain = gradient_descent(_valley, (-1.8, 0.5), 0.03, steps=400)[-1]
    assert not np.all(np.isfinite(plain)) or np.linalg.norm(plain) > 1e6


def test_section_4_adam_first_step_and_the_uncorrected_step():
    x1, m1, s1 = opt.adam_step((1.0, 0.5), (0, 0), (0, 0), (2.0, 4.0), 1, 0.1)
    assert np.allclose(m1, [0.2, 0.4]) and np.allclose(s1, [0.004, 0.016]) and np.allclose(x1, [0.9, 0.4])
    assert 0.2 / np.sqrt(0.004) == pytest.approx(3.1623, abs=1e-4)
    assert (1 - 0.9) / np.sqrt(1 - 0.999) == pytest.approx(3.1623, abs=1e-4)
    slow = opt.adam_descent(_valley, (-1.8, 0.5), 0.015, steps=100)
    assert np.linalg.norm(slow[-1]) > 0.5  # "more than 100 steps" at eta = 0.015


def test_section_5_what_the_playground_readout_says():
    fn = DescentFunction("x**2/2 + 50*y**2")

    def behaviour(method, eta, steps=100):
        path = run_method(fn, method, (-1.8, 0.5), eta, steps)
        return opt.path_behaviour(path, np.hypot(*fn.grad(*path[-1])))

    assert behaviour("momentum", 0.015) == "converged"
    assert behaviour("gradient descent", 0.015) == "oscillating"
    assert len(run_method(fn, "Newton's method", (-1.8, 0.5), 0.015, 100)) == 2  # one step
    assert behaviour("momentum", 0.03, 150) == "converged, oscillating on the way"
    assert "diverg" in behaviour("gradient descent", 0.03, 150)
