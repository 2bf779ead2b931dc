"""Tests of helpers.formula: the safe parser and its text round trip."""

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.formula import parse_formula, symbols_for, to_text
from helpers.symbolic import equivalent

x, y, z = sp.symbols("x y z")

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
