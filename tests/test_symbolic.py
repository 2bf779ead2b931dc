"""Tests of helpers.symbolic: derivatives, equivalence, numerics."""

import signal
import threading
import time

import numpy as np
import pytest
import sympy as sp

from helpers import symbolic
from helpers.symbolic import (
    equivalent,
    gradient_vector,
    hessian_matrix,
    lambdify_numeric,
    mixed_partial,
    partial_derivative,
)

x, y, z = sp.symbols("x y z")
POSITIVE = {"x": (0.1, 5.0), "y": (0.1, 5.0)}


# --- derivatives ------------------------------------------------------------------------------

def test_partial_derivatives_match_known_results():
    assert partial_derivative("3*x^2*y + y^3 - 2*x", "x") == 6 * x * y - 2
    assert partial_derivative("3*x^2*y + y^3 - 2*x", y) == 3 * x**2 + 3 * y**2
    assert partial_derivative(x * z, "z") == x
    assert partial_derivative("x*y*z", "z", variables="x y z") == x * y
    assert partial_derivative("Abs(x)", "x") == sp.sign(x)  # as for real variables


def test_learner_symbols_with_assumptions_are_differentiated_too():
    xr = sp.Symbol("x", positive=True)
    assert partial_derivative(xr**2, "x") == 2 * x


def test_mixed_partials_are_equal_and_ordered():
    assert mixed_partial("x^3*y^2", "x", "y") == mixed_partial("x^3*y^2", "y", "x") == 6 * x**2 * y
    assert mixed_partial(sp.exp(x * y), x, x) == y**2 * sp.exp(x * y)


def test_gradient_and_hessian():
    assert gradient_vector("x^2*y + sin(x*y)") == (2 * x * y + y * sp.cos(x * y),
                                                 x**2 + x * sp.cos(x * y))
    assert gradient_vector("x*y*z", "x y z") == (y * z, x * z, x * y)
    assert hessian_matrix("x^2*y") == sp.Matrix([[2 * y, 2 * x], [2 * x, 0]])
    f = x**3 * y**2 - 4 * x * y
    assert hessian_matrix(f) == sp.hessian(f, (x, y))


# --- equivalent ------------------------------------------------------------------------------

QUOTIENT = "2*x*y**2/(x**2+y**2)**2"


@pytest.mark.parametrize(("a", "b", "domain"), [
    ("(x+y)**2", "x**2+2*x*y+y**2", None),
    ("sin(x)**2+cos(x)**2", "1", None),
    ("log(x*y)", "log(x)+log(y)", POSITIVE),
    (QUOTIENT, "2*x*y**2/(x**4 + 2*x**2*y**2 + y**4)", None),
    (QUOTIENT, "(0*(x**2+y**2) - (-y**2)*(2*x))/(x**2+y**2)**2", None),
    ("sqrt(x**2)", "abs(x)", None),
    ("exp(x+y)", "exp(x)*exp(y)", None),
    ("x/x", "1", None),
    (sp.Float(0.5) * x, "x/2", None),
    (x, sp.Symbol("x", real=True), None),
])
def test_equivalent_accepts_equal_forms(a, b, domain):
    assert equivalent(a, b, domain=domain)


@pytest.mark.parametrize(("a", "b", "domain"), [
    ("6*x*y - 2", "-6*x*y + 2", None),              # sign flip
    ("2*x*y", "x*y", None),                         # missing factor 2
    ("x**2 + 3*y**2", "x**2", None),                # missing term
    ("log(x*y)", "log(x)*log(y)", POSITIVE),
    (QUOTIENT, "2*x*y**2/(x**2+y**2)", None),       # forgot to square the denominator
    ("sin(x)**2+cos(x)**2", "1.000001", None),
    ("x*y", "x*y + 1e-6", None),
])
def test_equivalent_rejects_planted_mistakes(a, b, domain):
    assert not equivalent(a, b, domain=domain)


def test_equivalent_is_false_for_an_unknown_variable():
    assert not equivalent("x*z", "x*z")
    assert not equivalent(x * z, x * z)
    assert equivalent("x*z", "z*x", "x y z")


def test_equivalent_when_values_are_rarely_defined():
    # both undefined everywhere: nothing to compare, so not called equivalent
    assert not equivalent("sqrt(-x**2-1)", "sqrt(-x**2-1) + 1", timeout=0)
    # one side defined only on half the box is still compared where both are
    assert equivalent("log(x*y)", "log(x)+log(y)", timeout=0)
    # defined almost nowhere the other is: more than half the points disagree
    a, b = "sqrt(x - 2.5)*sqrt(2*x - 5)", "sqrt(2)*(x - 2.5)"
    assert not equivalent(a, b, "x", timeout=0)
    assert equivalent(a, b, "x", domain={"x": (2.5, 3)}, timeout=0)


def test_equivalent_checks_its_arguments():
    with pytest.raises(ValueError, match="domain entry"):
        equivalent("x", "x + 1", domain={"x": (1, 0)})
    with pytest.raises(ValueError, match="domain entry"):
        equivalent("x", "x + 1", domain={"q": (0, 1)})
    with pytest.raises(ValueError, match="missing"):
        equivalent("2x", "x")
    with pytest.raises(ValueError, match="expected a formula"):
        equivalent([x], x)


def test_equivalent_sampling_is_seeded_and_uses_the_domain():
    a, b = "sqrt(x)", "sqrt(Abs(x))"  # equal only where x >= 0
    assert equivalent(a, b, "x", domain={"x": (0, 4)}, timeout=0)
    assert equivalent(a, b, "x", timeout=0, seed=3) == equivalent(a, b, "x", timeout=0, seed=3)


def test_equivalent_stops_slow_algebra_and_decides_by_values(monkeypatch):
    finished = []

    def slow_simplify(expr, *args, **kwargs):
        time.sleep(5)
        finished.append(True)
        return expr

    monkeypatch.setattr(symbolic.sympy, "simplify", slow_simplify)
    start = time.monotonic()
    assert equivalent("sin(x)**2 + cos(x)**2", "1", timeout=0.5)
    assert not equivalent("sin(x)**2 + cos(x)**2", "2", timeout=0.5)
    assert time.monotonic() - start < 3
    assert not finished


def test_equivalent_puts_back_an_outer_timer():
    fired = []

    def outer(signum, frame):
        fired.append(True)

    old_handler = signal.signal(signal.SIGALRM, outer)
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        assert equivalent("sin(x)**2 + cos(x)**2", "1")
        assert signal.getsignal(signal.SIGALRM) is outer
        assert 25 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay:
            signal.setitimer(signal.ITIMER_REAL, old_delay, old_interval)
    assert not fired


def test_equivalent_off_the_main_thread_skips_simplify(monkeypatch):
    calls, results = [], []
    monkeypatch.setattr(symbolic.sympy, "simplify", lambda e, *a, **k: calls.append(e) or e)
    worker = threading.Thread(
        target=lambda: results.append(equivalent("sin(x)**2 + cos(x)**2", "1")))
    worker.start()
    worker.join()
    assert results == [True] and calls == []


# --- lambdify_numeric --------------------------------------------------------------------------

def test_lambdify_numeric_broadcasts_and_returns_floats():
    f = lambdify_numeric("x^2*y", "x y")
    gx, gy = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(0, 2, 4))
    np.testing.assert_allclose(f(gx, gy), gx**2 * gy)
    constant = lambdify_numeric("3", "x y")(gx, gy)
    assert constant.shape == gx.shape and constant.dtype == float and np.all(constant == 3)
    assert lambdify_numeric(sp.Integer(2), "x y")(1.0, 2.0).shape == ()


def test_lambdify_numeric_marks_undefined_values_without_raising():
    f = lambdify_numeric("log(x) + sqrt(y)", "x y")
    out = f(np.array([1.0, -1.0, 1.0]), np.array([4.0, 4.0, -4.0]))
    assert out[0] == 2.0 and np.isnan(out[1:]).all()
    assert np.isinf(lambdify_numeric("exp(x)", "x")(1000.0))
    huge = lambdify_numeric("10**999*x", "x")(np.ones(3))
    assert huge.shape == (3,) and not np.isfinite(huge).any()


def test_lambdify_numeric_checks_variables_and_arguments():
    with pytest.raises(ValueError, match="not among the variables"):
        lambdify_numeric(x * z, "x y")
    with pytest.raises(ValueError, match="unknown name 'z'"):
        lambdify_numeric("x*z", "x y")
    with pytest.raises(TypeError, match="expected 2 arguments"):
        lambdify_numeric("x*y", "x y")(1.0)
