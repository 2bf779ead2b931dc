"""The step-by-step derivatives of helpers.steps, against sympy.

Several hundred formulas are generated (seeded) from the safe parser's whitelist of
operations and functions. For each and each variable: the steps add up to an expression
equal to sympy's derivative, every step is itself a true equality, and every derivative a
step leaves to find is found by a later step. Equalities are checked by value at seeded
points (where both sides are finite reals) and need at least one such point.
"""

import random
import re
import warnings

import numpy as np
import pytest
import sympy as sp

from helpers.formula import parse_formula
from helpers.steps import TABLE, Derivation, Step, derivation, derivative_latex, real_form, step_latex
from helpers.symbolic import partial_derivative

X, Y, Z = sp.symbols("x y z")
VARIABLES = ("x", "y", "z")
FORMULAS = 400
SEED = 16

_UNARY = ["sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "sinh", "cosh",
          "tanh", "exp", "log", "ln", "sqrt", "abs", "Abs"]
_EXPONENTS = ["2", "3", "-1", "-2", "0.5", "(1/3)", "-0.5", "y", "z"]


def _formula(rng: random.Random, depth: int) -> str:
    """A random formula in x, y, z, written as a learner would type it."""
    if depth == 0 or rng.random() < 0.25:
        return rng.choice(["x", "x", "x", "y", "y", "z", str(rng.randint(1, 9)), "pi", "e", "0.5"])
    kind = rng.random()
    a = _formula(rng, depth - 1)
    if kind < 0.45:
        op = rng.choice(["+", "-", "*", "*", "/", "/"])
        return f"({a}) {op} ({_formula(rng, depth - 1)})"
    if kind < 0.57:
        return f"({a})^{rng.choice(_EXPONENTS)}"
    if kind < 0.63:
        return f"{rng.choice(['2', '3', 'e', 'y'])}^({a})"
    if kind < 0.66:
        return f"({a})^({_formula(rng, depth - 1)})"
    if kind < 0.69:
        return f"atan2({a}, {_formula(rng, depth - 1)})"
    if kind < 0.71:
        return f"log({a}, {rng.choice(['2', '10'])})"
    return f"{rng.choice(_UNARY)}({a})"


def generated_formulas(count: int = FORMULAS, seed: int = SEED) -> list[sp.Expr]:
    """``count`` distinct formulas that the parser reads and that depend on x."""
    rng, found = random.Random(seed), {}
    while len(found) < count:
        text = _formula(rng, rng.randint(1, 4))
        try:
            expr = parse_formula(text, VARIABLES)
        except ValueError:
            continue
        if expr.has(X) and not any(p.base == 0 for p in expr.atoms(sp.Pow)):  # 0^u: no derivative
            found.setdefault(expr, text)
    return list(found)


def _real(expr: sp.Expr) -> sp.Expr:
    return expr.xreplace({s: sp.Symbol(s.name, real=True) for s in expr.free_symbols})


_REAL = tuple(sp.Symbol(n, real=True) for n in VARIABLES)
_POINTS = np.vstack([np.random.default_rng(SEED).uniform(-2.5, 2.5, (16, 3)),
                     np.random.default_rng(SEED + 1).uniform(0.05, 2.5, (16, 3))])


def _values(exprs: list[sp.Expr]) -> np.ndarray:
    """Each expression's values at the seeded points (rows), nan where not a finite real."""
    f = sp.lambdify(_REAL, [_real(e) for e in exprs], "numpy")
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        columns = [np.broadcast_to(np.asarray(v, dtype=complex), (len(_POINTS),))
                   for v in f(*_POINTS.T)]
    values = np.array(columns)
    values[np.abs(values.imag) > 1e-9 * (1 + np.abs(values.real))] = np.nan
    return values.real


def disagreements(pairs: list[tuple[sp.Expr, sp.Expr]]) -> tuple[list[int], list[int]]:
    """Indices of pairs that differ at a point, and of pairs with no point to compare at."""
    values = _values([e for pair in pairs for e in pair])
    left, right = values[0::2], values[1::2]
    both = np.isfinite(left) & np.isfinite(right)
    with np.errstate(all="ignore"):
        scale = 1 + np.maximum(np.abs(left), np.abs(right))
        wrong = both & ~(np.abs(left - right) <= 1e-7 * scale)
    return list(np.flatnonzero(wrong.any(axis=1))), list(np.flatnonzero(~both.any(axis=1)))


def step_equalities(d: Derivation) -> list[tuple[sp.Expr, sp.Expr]]:
    """(sympy's derivative of the step's expression, the step's right side evaluated)."""
    v = sp.Symbol(d.variable.name, real=True)
    return [(sp.diff(_real(s.expr), v), _real(s.rhs).doit()) for s in d.steps]


@pytest.fixture(scope="module")
def corpus():
    formulas = generated_formulas()
    return [(f, derivation(f, v)) for f in formulas for v in ("x", "y")]


def test_the_generator_is_seeded_and_varied():
    formulas = generated_formulas()
    assert len(formulas) == FORMULAS and formulas == generated_formulas()
    assert generated_formulas(5, seed=SEED + 1) != formulas[:5]
    heads = {type(node) for f in formulas for node in sp.preorder_traversal(f)}
    assert set(TABLE) - {sp.sign} <= heads | {sp.sqrt}
    assert sum(f.has(Y) for f in formulas) > FORMULAS // 3


def test_the_steps_end_in_sympys_derivative(corpus):
    pairs = [(d.result, partial_derivative(f, d.variable, variables=VARIABLES)) for f, d in corpus]
    wrong, unchecked = disagreements(pairs)
    assert not wrong, [(str(corpus[i][0]), str(corpus[i][1].variable)) for i in wrong[:5]]
    assert len(unchecked) < len(pairs) // 20, "too few formulas are defined at the test points"


def test_every_step_is_a_true_equality(corpus):
    pairs, owners = [], []
    for f, d in corpus:
        for step, pair in zip(d.steps, step_equalities(d), strict=True):
            pairs.append(pair)
            owners.append((str(f), str(d.variable), step.rule, str(step.expr)))
    wrong, unchecked = disagreements(pairs)
    assert not wrong, [owners[i] for i in wrong[:5]]
    assert len(unchecked) < len(pairs) // 20
    assert len(pairs) > 3 * len(corpus)


def test_every_needed_derivative_is_found_by_a_step(corpus):
    for f, d in corpus:
        assert d.steps[0].expr == real_form(f)
        derived = {s.expr for s in d.steps}
        assert len(derived) == len(d.steps), "a derivative was found twice"
        for s in d.steps:
            placeholders = {a.expr for a in s.rhs.atoms(sp.Derivative)}
            assert placeholders == set(s.needs) and set(s.needs) <= derived, (f, s)
            assert s.variable == d.variable


def test_the_corpus_uses_every_rule(corpus):
    rules = {s.rule for _, d in corpus for s in d.steps}
    expected = {"constant rule", "variable rule", "sum rule", "sum and difference rule",
                "constant multiple rule", "power rule", "square root rule", "product rule",
                "quotient rule", "chain rule", "exponential rule", "exponential form", "atan2 rule"}
    expected |= {f"{name} rule" for name, _, _ in TABLE.values()} - {"sign rule"}
    assert expected <= rules, expected - rules


# ------------------------------------------------------------------ derivations read as on paper


def rules(text, variable="x"):
    return [s.rule for s in derivation(parse_formula(text, VARIABLES), variable).steps]


def test_the_worked_example_rule_by_rule():
    d = derivation(parse_formula("x^2*y + sin(x*y)"), "x")
    assert [s.rule for s in d.steps] == ["sum rule", "constant multiple rule", "power rule",
                                         "chain rule", "constant multiple rule", "variable rule"]
    assert d.result == 2 * X * Y + Y * sp.cos(X * Y)
    chain = d.steps[3]
    assert chain.needs == (X * Y,) and chain.rhs == sp.cos(X * Y) * sp.Derivative(X * Y, X)
    assert "inner function $u = x y$" in chain.note and "sine" in chain.note


@pytest.mark.parametrize("text, variable, expected", [
    ("7", "x", ["constant rule"]),
    ("y^3", "x", ["constant rule"]),
    ("x", "x", ["variable rule"]),
    ("x^5", "x", ["power rule"]),
    ("sqrt(x)", "x", ["square root rule"]),
    ("1/x", "x", ["power rule"]),
    ("3*x", "x", ["constant multiple rule", "variable rule"]),
    ("x - y", "x", ["sum and difference rule", "variable rule", "constant rule"]),
    ("x*sin(x)", "x", ["product rule", "variable rule", "sine rule"]),
    ("sin(x)/x", "x", ["quotient rule", "sine rule", "variable rule"]),
    ("(x + 1)^3", "x", ["chain rule", "sum rule", "variable rule", "constant rule"]),
    ("2^x", "x", ["exponential rule"]),
    ("x^x", "x", ["exponential form", "product rule", "variable rule", "natural logarithm rule"]),
    ("exp(x*y)", "y", ["chain rule", "constant multiple rule", "variable rule"]),
    ("ln(x)", "x", ["natural logarithm rule"]),
    ("atan2(y, x)", "x", ["atan2 rule", "constant rule", "variable rule"]),
])
def test_each_rule_where_a_learner_meets_it(text, variable, expected):
    assert rules(text, variable) == expected


def test_a_derivative_needed_twice_is_found_once():
    d = derivation(parse_formula("sin(x*y) + cos(x*y)"), "x")
    assert [s.expr for s in d.steps].count(X * Y) == 1
    assert d.result == Y * sp.cos(X * Y) - Y * sp.sin(X * Y)


def test_other_variables_are_held_constant_and_said_so():
    d = derivation(parse_formula("x*y*z + y^2", VARIABLES), "x")
    constant = next(s for s in d.steps if s.rule == "constant rule")
    assert constant.expr == Y**2 and constant.rhs == 0
    assert "$y$ is held constant" in constant.note
    multiple = next(s for s in d.steps if s.rule == "constant multiple rule")
    assert multiple.rhs == Y * Z * sp.Derivative(X, X)
    assert d.result == Y * Z


@pytest.mark.parametrize("text", ["Abs(x - 1)", "sign(x)*x^2", "Abs(x)^3"])
def test_abs_and_sign_away_from_zero(text):
    d = derivation(parse_formula(text), "x")
    diff = sp.diff(_real(parse_formula(text)), sp.Symbol("x", real=True))
    diff = diff.replace(sp.DiracDelta, lambda *args: 0)  # sign jumps only at 0
    wrong, unchecked = disagreements([(d.result, diff)])
    assert not wrong and not unchecked


def test_no_rule_for_what_the_parser_never_builds():
    with pytest.raises(ValueError, match="no rule here for 'g'"):
        derivation(sp.Function("g")(X), "x")
    with pytest.raises(ValueError, match="not str"):
        derivation("x**2", "x")
    with pytest.raises(ValueError, match="no derivative"):
        derivation(parse_formula("(1 - 1)^(x*y)"), "x")


def test_variables_are_real():
    f = parse_formula("abs(exp(y)) * x")
    assert f.has(sp.re) and not real_form(f).has(sp.re)
    assert derivation(f, "y").result == X * sp.exp(Y)
    g = parse_formula("abs(3^(asin(y)))")  # asin(y) is not real everywhere: re stays
    d = derivation(g, "y")
    assert "real part rule" in [s.rule for s in d.steps]
    wrong, unchecked = disagreements([(d.result, partial_derivative(g, "y"))])
    assert not wrong and not unchecked


# ------------------------------------------------------------------ typesetting


def test_a_step_is_typeset_as_one_equality_with_partials():
    d = derivation(parse_formula("3*x^2*y - 2*x + y^3"), "x")
    first = step_latex(d.steps[0])
    left, right = first.split(" = ")
    assert left == r"\frac{\partial}{\partial x} \left(3 x^{2} y - 2 x + y^{3}\right)"
    # the terms keep their order and their signs
    assert re.findall(r"[-+] \\frac", right) == ["- \\frac", "+ \\frac"]
    assert right.index("3 x^{2} y") < right.index("2 x") < right.index("y^{3}")
    assert step_latex(d.steps[1]) == (r"\frac{\partial}{\partial x} \left(3 x^{2} y\right) = "
                                      r"3 y \cdot \frac{\partial}{\partial x} \left(x^{2}\right)")
    assert d.steps[0].equation == first


def test_the_derivative_comes_last_in_a_product():
    text = derivative_latex(sp.cos(X * Y) * sp.Derivative(X * Y, X))
    assert text == r"\cos{\left(x y \right)} \cdot \frac{\partial}{\partial x} \left(x y\right)"
    assert derivative_latex(-Y * sp.Derivative(X**2, X)).startswith(r"- y \cdot")
    assert r"\ln" in derivative_latex(sp.log(X))


def test_a_step_is_plain_data():
    step = Step("power rule", X**3, X, 3 * X**2)
    assert step.needs == () and step.note == ""
    with pytest.raises(AttributeError):
        step.rule = "other"
