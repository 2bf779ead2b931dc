"""Least squares, mini-batches, momentum and Adam against hand-worked steps, sympy and differences."""

import numpy as np
import pytest
import sympy as sp

from helpers import optimisers as opt
from helpers.calculus import gradient, gradient_descent

# The six points of lesson 02, section 7 (seed 0, rounded to one decimal).
_RNG = np.random.default_rng(0)
X_DATA = np.round(_RNG.uniform(0, 4, 6), 1)
Y_DATA = np.round(1 + 2 * X_DATA + _RNG.normal(0, 0.5, 6), 1)
DESIGN = np.column_stack([np.ones(6), X_DATA])


def bowl_gradient(x, y):
    """Gradient of x**2 + 4*y**2, the bowl of lesson 06."""
    return 2 * x, 8 * y


def test_vector_gradient_equals_the_component_formulas_of_lesson_02():
    t0, t1 = sp.symbols("theta0 theta1")
    pairs = [(sp.nsimplify(a), sp.nsimplify(b)) for a, b in zip(X_DATA, Y_DATA, strict=True)]
    dJ0 = -sp.Rational(2, 6) * sum(b - (t0 + t1 * a) for a, b in pairs)
    dJ1 = -sp.Rational(2, 6) * sum(a * (b - (t0 + t1 * a)) for a, b in pairs)
    for theta in ((0.5, 1.0), (-2.0, 3.5), (0.0, 0.0)):
        components = [float(d.subs({t0: theta[0], t1: theta[1]})) for d in (dJ0, dJ1)]
        assert np.allclose(opt.least_squares_gradient(theta, DESIGN, Y_DATA), components, rtol=1e-12)
    assert np.allclose(opt.least_squares_gradient((0.5, 1.0), DESIGN, Y_DATA), [-4.6, -12.90333333], atol=1e-8)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_vector_gradient_equals_central_differences(seed):
    X, y = opt.regression_data(20, (1.0, -2.0, 0.5), seed=seed)
    w = np.random.default_rng(seed).normal(size=3)
    numeric = gradient(lambda *c: opt.least_squares_loss(c, X, y), w)
    assert np.allclose(opt.least_squares_gradient(w, X, y), numeric, rtol=1e-7, atol=1e-8)


def test_loss_is_the_mean_of_squared_residuals():
    assert opt.least_squares_loss((0.5, 1.0), DESIGN, Y_DATA) == pytest.approx(
        np.mean((Y_DATA - 0.5 - X_DATA) ** 2))
    assert opt.least_squares_loss((0.5, 1.0), DESIGN, Y_DATA) == pytest.approx(8.0133, abs=5e-5)


def test_regression_data_is_seeded_and_near_the_true_line():
    X, y = opt.regression_data(200, (1.0, 2.0), noise=0.5, seed=7)
    again = opt.regression_data(200, (1.0, 2.0), noise=0.5, seed=7)
    assert np.array_equal(X, again[0]) and np.array_equal(y, again[1])
    fitted = np.linalg.lstsq(X, y, rcond=None)[0]
    assert np.allclose(fitted, (1.0, 2.0), atol=0.2)


def test_minibatches_cover_every_row_once():
    batches = opt.minibatches(23, 5, np.random.default_rng(3))
    assert [b.size for b in batches] == [5, 5, 5, 5, 3]
    assert sorted(np.concatenate(batches).tolist()) == list(range(23))
    with pytest.raises(ValueError, match="at least 1"):
        opt.minibatches(5, 0, np.random.default_rng(0))


def test_full_batch_descent_is_gradient_descent_on_the_loss():
    X, y = opt.regression_data(30, (1.0, 2.0), seed=4)
    batch = opt.minibatch_descent(X, y, (0.0, 0.0), 0.05, batch_size=30, epochs=25, seed=9)
    plain = gradient_descent(lambda a, b: opt.least_squares_gradient((a, b), X, y), (0.0, 0.0), 0.05, steps=25)
    assert batch.shape == (26, 2) and np.allclose(batch, plain, rtol=1e-12)


def test_hand_worked_minibatch_step():
    # Rows 0 and 2 of lesson 02's data at theta = (0.5, 1):
    # residuals 0.5 + 2.5 - 6.7 = -3.7 and 0.5 + 0.2 - 1.0 = -0.3;
    # gradient (2/2) * (-3.7 - 0.3, 2.5 * -3.7 + 0.2 * -0.3) = (-4.0, -9.31)
    grad = opt.least_squares_gradient((0.5, 1.0), DESIGN[[0, 2]], Y_DATA[[0, 2]])
    assert np.allclose(grad, [-4.0, -9.31])


def test_stochastic_path_is_noisier_than_the_batch_path_and_still_gets_close():
    X, y = opt.regression_data(48, (1.0, 2.0), noise=0.5, seed=0)
    best = np.linalg.lstsq(X, y, rcond=None)[0]
    sgd = opt.minibatch_descent(X, y, (0.0, 0.0), 0.02, batch_size=1, epochs=20, seed=1)
    batch = opt.minibatch_descent(X, y, (0.0, 0.0), 0.02, batch_size=48, epochs=960, seed=1)
    assert len(sgd) == len(batch) == 961
    # the loss along the path: never rising for the batch path, rising often for SGD
    losses = [np.array([opt.least_squares_loss(w, X, y) for w in p]) for p in (sgd, batch)]
    assert np.all(np.diff(losses[1]) <= 1e-12)
    assert np.mean(np.diff(losses[0]) > 0) > 0.2
    assert np.linalg.norm(sgd[-1] - best) < 0.5 and np.linalg.norm(batch[-1] - best) < 0.05


def test_hand_worked_momentum_steps():
    # f = x**2 + 4y**2 from (1, 0.5), eta = 0.1, beta = 0.9:
    # v1 = (2, 4), x1 = (0.8, 0.1); g1 = (1.6, 0.8), v2 = 0.9 (2, 4) + (1.6, 0.8) = (3.4, 4.4),
    # x2 = (0.8 - 0.34, 0.1 - 0.44) = (0.46, -0.34)
    x1, v1 = opt.momentum_step((1.0, 0.5), (0.0, 0.0), (2.0, 4.0), 0.1, 0.9)
    assert np.allclose(x1, [0.8, 0.1]) and np.allclose(v1, [2.0, 4.0])
    x2, v2 = opt.momentum_step(x1, v1, bowl_gradient(*x1), 0.1, 0.9)
    assert np.allclose(v2, [3.4, 4.4]) and np.allclose(x2, [0.46, -0.34])
    path = opt.momentum_descent(bowl_gradient, (1.0, 0.5), 0.1, momentum=0.9, steps=2)
    assert np.allclose(path, [[1.0, 0.5], [0.8, 0.1], [0.46, -0.34]])


def test_momentum_zero_is_plain_descent():
    plain = gradient_descent(bowl_gradient, (1.0, 0.5), 0.1, steps=15)
    assert np.allclose(opt.momentum_descent(bowl_gradient, (1.0, 0.5), 0.1, momentum=0.0, steps=15), plain)


def test_momentum_beats_plain_descent_in_an_ill_conditioned_valley():
    # f = x**2/2 + 50 y**2 (kappa = 100), the same eta = 0.019 < 2/100 for both
    grad = lambda x, y: (x, 100 * y)  # noqa: E731
    plain = gradient_descent(grad, (-1.8, 0.5), 0.019, steps=100)
    heavy = opt.momentum_descent(grad, (-1.8, 0.5), 0.019, momentum=0.7, steps=100)
    assert np.linalg.norm(heavy[-1]) < np.linalg.norm(plain[-1]) / 100


def test_hand_worked_adam_steps():
    # Step 1: m = 0.1 g, v = 0.001 g**2, m_hat = g, v_hat = g**2: x moves eta against sign(g).
    x1, m1, v1 = opt.adam_step((1.0, 0.5), (0.0, 0.0), (0.0, 0.0), (2.0, 4.0), 1, 0.1)
    assert np.allclose(x1, [0.9, 0.4], atol=1e-8)
    assert np.allclose(m1, [0.2, 0.4]) and np.allclose(v1, [0.004, 0.016])
    # Step 2 at (0.9, 0.4): g = (1.8, 3.2); m = 0.9 m1 + 0.1 g = (0.36, 0.68);
    # v = 0.999 v1 + 0.001 g**2 = (0.007236, 0.026224); m_hat = m / 0.19, v_hat = v / 0.001999
    g2 = np.array([1.8, 3.2])
    x2, m2, v2 = opt.adam_step(x1, m1, v1, bowl_gradient(*x1), 2, 0.1)
    assert np.allclose(m2, [0.36, 0.68]) and np.allclose(v2, [0.007236, 0.026224])
    by_hand = x1 - 0.1 * (m2 / 0.19) / np.sqrt(v2 / (1 - 0.999**2))
    assert np.allclose(x2, by_hand, atol=1e-7)
    assert np.allclose(np.array(bowl_gradient(*x1)), g2)
    assert np.allclose(x2, [0.8, 0.3], atol=2e-3)  # each coordinate moved about eta again
    assert np.allclose(opt.adam_descent(bowl_gradient, (1.0, 0.5), 0.1, steps=2)[-1], x2)


def test_adam_step_length_does_not_depend_on_the_size_of_the_gradient():
    small = opt.adam_step((0.0,), (0.0,), (0.0,), (1e-3,), 1, 0.05)[0]
    large = opt.adam_step((0.0,), (0.0,), (0.0,), (1e3,), 1, 0.05)[0]
    assert np.allclose(small, -0.05, rtol=1e-4) and np.allclose(large, -0.05)


def test_paths_stop_when_they_blow_up_or_reach_the_tolerance():
    grad = lambda x: (2 * x,)  # noqa: E731
    assert len(opt.momentum_descent(grad, (1.0,), 1e300, steps=50)) < 51
    assert len(opt.adam_descent(grad, (0.0,), 0.1, steps=50, tolerance=1e-9)) == 1


@pytest.mark.parametrize(
    ("path", "norm", "expected"),
    [
        ([[1.0, 1.0]], 1.0, "not started"),
        ([[1.0, 1.0], [np.nan, 0.0]], 1.0, "diverged"),
        ([[1.0], [0.5], [0.25], [0.125]], 0.25, "still descending"),
        ([[1.0], [0.5], [0.25], [0.125]], 1e-4, "converged"),
        ([[1.0], [-0.5], [0.25], [-0.125]], 0.25, "oscillating"),
        ([[1.0], [-0.5], [0.25], [-0.125]], 1e-6, "converged, oscillating on the way"),
    ],
)
def test_path_behaviour(path, norm, expected):
    assert opt.path_behaviour(path, norm) == expected


def test_path_behaviour_names_the_three_learning_rates_of_lesson_06():
    grad = lambda x, y: (x, 10 * y)  # noqa: E731  the narrow valley x**2/2 + 5y**2

    def verdict(eta):
        path = gradient_descent(grad, (2.0, 1.0), eta, steps=40)
        return opt.path_behaviour(path, np.hypot(*grad(*path[-1])))

    assert verdict(0.05) == "still descending"
    assert verdict(0.15) == "oscillating"
    assert verdict(0.21) == "diverging"
    path = gradient_descent(grad, (2.0, 1.0), 0.15, steps=200)
    assert opt.path_behaviour(path, np.hypot(*grad(*path[-1]))) == "converged, oscillating on the way"


@pytest.mark.parametrize("steps", [10, 12, 20, 40, 100])
@pytest.mark.parametrize("beta", [0.5, 0.7, 0.9])
def test_a_converging_momentum_path_is_not_called_diverging(steps, beta):
    grad = lambda x, y: (x, 100 * y)  # noqa: E731
    path = opt.momentum_descent(grad, (-1.8, 0.5), 0.019, momentum=beta, steps=steps)
    assert opt.path_behaviour(path, np.hypot(*grad(*path[-1]))) != "diverging"
    assert opt.path_behaviour(opt.adam_descent(grad, (-1.8, 0.5), 0.1, steps=steps), 1.0) != "diverging"
