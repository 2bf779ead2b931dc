"""Tests of helpers.symbolic: the safe parser, derivatives, equivalence, numerics."""

import signal
import threading
import time

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import symbolic
from helpers.symbolic import (
    equivalent,
    gradient_vector,
    hessian_matrix,
    lambdify_numeric,
    mixed_partial,
    parse_formula,
    partial_derivative,
    symbols_for,
    to_text,
)

x, y, z = sp.symbols("x y z")
POSITIVE = {"x": (0.1, 5.0), "y": (0.1, 5.0)}


# --- parse_formula: what a learner may type ---------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("x**2*y + sin(x*y)", x**2 * y + sp.sin(x * y)),
    ("exp(-x**2-y**2)", sp.exp(-x**2 - y**2)),
    ("ln(x)", sp.log(x)),
    ("log(x, 2)", sp.log(x) / sp.log(2)),
    ("sqrt(x**2+y**2)", sp.sqrt(x**2 + y**2)),
    ("x^2*y", x**2 * y),
    ("x^2+1", x**2 + 1),
    ("-x^2", -(x**2)),
    ("2^3^2", sp.Integer(512)),
    ("2*pi*x", 2 * sp.pi * x),
    ("e**x", sp.exp(x)),
    ("E^(x*y)", sp.exp(x * y)),
    ("0.5*x", x / 2),
    ("x**0.5", sp.sqrt(x)),
    ("1e3*y", 1000 * y),
    ("abs(x) + Abs(y)", sp.Abs(x) + sp.Abs(y)),
    ("atan2(y, x) + asin(x) + acos(y) + atan(x)",
     sp.atan2(y, x) + sp.asin(x) + sp.acos(y) + sp.atan(x)),
    ("sec(x)*csc(y)*cot(x) + sinh(x)*cosh(y)*tanh(x)",
     sp.sec(x) * sp.csc(y) * sp.cot(x) + sp.sinh(x) * sp.cosh(y) * sp.tanh(x)),
    ("x / (x**2 + y**2)", x / (x**2 + y**2)),
    ("  x +\n\ty  ", x + y),
    ("+x - -y", x + y),
    ("2 * x − 1", 2 * x - 1),  # a pasted Unicode minus sign
])
def test_parse_accepts_formulas(text, expected):
    assert parse_formula(text) == expected


def test_parse_three_variables_and_string_of_names():
    assert parse_formula("x*y*z", ("x", "y", "z")) == x * y * z
    assert parse_formula("x*y*z", "x, y z") == x * y * z


def test_parse_gives_plain_symbols_equal_to_learner_symbols():
    expr = parse_formula("theta^2 + r", ("r", "theta"))
    r, theta = sp.symbols("r theta")
    assert expr == theta**2 + r
    assert symbols_for("x y") == sp.symbols("x y")
    assert all(s.assumptions0 == {"commutative": True} for s in parse_formula("x*y").free_symbols)


def test_decimals_become_exact_fractions():
    assert parse_formula("0.1*x") == sp.Rational(1, 10) * x
    assert parse_formula("x**1000") == x**1000  # the largest exponent allowed


# --- parse_formula: what it refuses, and how it says so ------------------------------------

@pytest.mark.parametrize(("text", "phrase"), [
    ("__import__('os').system('ls')", "'__import__' is not allowed"),
    ("x.__class__", "attribute access (the '.' in 'x.__class__')"),
    ("().__class__.__bases__", "attribute access"),
    ("x.real()", "attribute access"),
    ("[x for x in y]", "comprehension"),
    ("lambda: 1", "'lambda'"),
    ("x[0]", "indexing"),
    ("open('f')", "unknown function 'open'"),
    ("eval('1')", "unknown function 'eval'"),
    ("9**9**9", "exponent too large: '9**9**9'"),
    ("10**100000", "exponent too large"),
    ("2**(2**(2**10))", "exponent too large: '2**(2**10)' (exponents may be at most 1000"),
    ("x^1001", "exponent too large: 'x^1001'"),
    ("999**999", "number too large"),
    ("1" * 40, "is too long: write at most 30 digits"),
    ("1e999", "too large"),
    ("", "the formula is empty"),
    ("   ", "the formula is empty"),
    ("x +", "the formula ends with '+' at column 3"),
    ("x^", "the formula ends with '^' at column 2"),
    ("(x", "unbalanced parenthesis: '(' at column 1 is never closed"),
    ("x)", "unbalanced parenthesis: ')' at column 2"),
    ("sin(x, y)", "sin takes 1 argument, but 2 were given"),
    ("sin()", "sin takes 1 argument, but 0 were given"),
    ("atan2(x)", "atan2 takes 2 arguments, but 1 was given"),
    ("log(x, 2, 3)", "log takes 1 or 2 arguments"),
    ("sin(x=1)", "keyword arguments (like 'x=1' in 'sin(x=1)')"),
    ("sin(*x)", "'*' unpacking"),
    ("'abc'", "text in quotes ('abc')"),
    ("b'abc'", "text in quotes"),
    ("z", "unknown name 'z'"),
    ("x(2)", "'x' is a variable, not a function: write x*(...)"),
    ("pi(2)", "'pi' is a constant, not a function"),
    ("True", "'True' is not allowed"),
    ("None", "'None' is not allowed"),
    ("1j", "'1j' is not allowed"),
    ("x if y else 1", "'if ... else'"),
    ("x < y", "comparison ('x < y')"),
    ("x and y", "'and' / 'or'"),
    ("not x", "'not'"),
    ("~x", "'~'"),
    ("x // 2", "'//' (use / to divide)"),
    ("x % 2", "'%'"),
    ("f'{x}'", "f-string"),
    ("...", "'...' is not allowed"),
    ("a:=1", "':=' operator"),
    ("(x:=1)", "':=' operator"),
    ("f = x**2", "'=' at column 3 is not allowed"),
    ("(x, y)", "list, tuple, set or dict"),
    ("sin", "'sin' is a function: write sin(...)"),
    ("2x", "missing '*' between '2' and 'x' at column 2: write 2*x, not 2x"),
    ("x y", "write x*y, not x y"),
    ("sin x", "'sin' needs parentheses"),
    ("(x+1)y", "missing '*' after ')'"),
    ("2(x+1)", "missing '*' before the '(' at column 2"),
    ("(x+1)(x-1)", "missing '*' before the '(' at column 6"),
    ("1/0", "division by zero in '1/0'"),
    ("log(0)", "no finite value"),
    ("sqrt(-1)", "not real"),
    ("-" * 60 + "x", "nested too deeply"),
    ("x\x00", "control character at column 2"),
])
def test_parse_rejects_with_a_plain_message(text, phrase):
    with pytest.raises(ValueError) as info:
        parse_formula(text)
    assert phrase in str(info.value)


def test_parse_rejects_long_text_and_non_text():
    with pytest.raises(ValueError, match="text is 10000 characters long; the limit is 300"):
        parse_formula("x" * 10000)
    assert parse_formula("x+" * 499 + "x", max_length=2000) == 500 * x
    for value in (3.0, None, b"x", x):
        with pytest.raises(ValueError, match="formula must be text"):
            parse_formula(value)


def test_columns_point_at_the_learner_text():
    with pytest.raises(ValueError, match=r"unknown name 'z'.*variables are x, y \(at column 5\)"):
        parse_formula("x + z")
    with pytest.raises(ValueError, match=r"column 9"):  # each ^ counts as one character
        parse_formula("x^2+y^2+q")
    with pytest.raises(ValueError, match=r"missing '\*' between '3' and 'y' at column 10"):
        parse_formula("  x^2 + 3y")


def test_parse_never_evaluates_python(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for text in ("__import__('os').system('touch hacked')", "open('hacked', 'w')",
                 "exec('open(\"hacked\", \"w\")')", "(lambda: open('hacked', 'w'))()"):
        with pytest.raises(ValueError):
            parse_formula(text)
    assert not (tmp_path / "hacked").exists()


@pytest.mark.parametrize(("variables", "phrase"), [
    (("x", "sin"), "'sin' cannot be a variable"),
    (("e",), "'e' cannot be a variable"),
    (("x", "x"), "listed twice"),
    (("2x",), "not a valid variable name"),
    (("__class__",), "not a valid variable name"),
    (("lambda",), "not a valid variable name"),
    ((3,), "not a valid variable name"),
    (3, "variables must be names"),
])
def test_variable_names_are_validated(variables, phrase):
    with pytest.raises(ValueError, match=phrase):
        symbols_for(variables)
    with pytest.raises(ValueError, match=phrase):
        parse_formula("1", variables)


# --- to_text --------------------------------------------------------------------------------

@pytest.mark.parametrize("expr", [
    x**2 * y + sp.sin(x * y), sp.exp(-x**2 - y**2), sp.E + sp.pi * x, sp.E**(x * y),
    sp.Abs(x - y), sp.log(x * y), sp.log(x, 3), sp.sqrt(x**2 + y**2), sp.Rational(3, 7) * x,
    -x / 2 + y**-2, x**sp.Rational(1, 3), (x + 1)**sp.Rational(-3, 2), sp.atan2(y, x),
    sp.sec(x) * sp.tanh(y), sp.sign(x) * sp.asin(y), 2**x * sp.sqrt(3), sp.Integer(-7),
    x * y * z,
])
def test_to_text_round_trips(expr):
    assert parse_formula(to_text(expr), ("x", "y", "z")) == expr


def test_to_text_floats_come_back_exact():
    assert parse_formula(to_text(sp.Float(0.5) * x)) == x / 2


@pytest.mark.parametrize("expr", [sp.I * x, sp.oo, sp.Derivative(x**2, x), sp.Dummy("x"),
                                  sp.Function("f")(x), sp.Symbol("sin")])
def test_to_text_refuses_what_the_parser_cannot_read(expr):
    with pytest.raises(ValueError):
        to_text(expr)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(-9, 9), st.integers(0, 4), st.integers(0, 4)),
                min_size=1, max_size=6))
def test_polynomials_round_trip_and_equal_their_expansion(terms):
    poly = sum(c * x**i * y**j for c, i, j in terms)
    assert parse_formula(to_text(poly)) == poly
    factored = sp.factor(poly)
    assert equivalent(factored, poly)
    assert not equivalent(factored, poly + x + 1)


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
