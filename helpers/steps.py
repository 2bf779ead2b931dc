"""Partial derivatives step by step: the rules a learner applies by hand, one line each.

:func:`derivation` differentiates a formula by one variable the way it is done
on paper: it looks at the outermost operation, applies the rule for it (sum,
constant multiple, product, quotient, power, chain, a table entry for ``sin``,
``exp``, ``log``, ...) and writes the result with the derivatives still to be
found left as :class:`sympy.Derivative`; then it finds those, one step each,
in the order they are needed. Every other variable is held constant.

Each :class:`Step` is one equality, ``d/dv expr = rhs``, that is true as it
stands; putting the later steps' results into the earlier right-hand sides
gives :attr:`Derivation.result`, the partial derivative.

Examples
--------
>>> from helpers.formula import parse_formula
>>> d = derivation(parse_formula("x**2*y + sin(x*y)"), "x")
>>> [step.rule for step in d.steps]
['sum rule', 'constant multiple rule', 'power rule', 'chain rule', 'constant multiple rule', 'variable rule']
>>> d.result
2*x*y + y*cos(x*y)
>>> d.steps[3].needs
(x*y,)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy
from sympy.printing.latex import LatexPrinter
from sympy.printing.precedence import PRECEDENCE

__all__ = ["TABLE", "Step", "Derivation", "real_form", "derivation", "step_latex", "derivative_latex"]

_Table = tuple[str, Callable[[sympy.Expr], sympy.Expr], str]
#: The table of derivatives: function -> (its name, its derivative at u, the entry in LaTeX).
TABLE: dict[type, _Table] = {
    sympy.sin: ("sine", sympy.cos, r"\frac{d}{du} \sin u = \cos u"),
    sympy.cos: ("cosine", lambda u: -sympy.sin(u), r"\frac{d}{du} \cos u = -\sin u"),
    sympy.tan: ("tangent", lambda u: sympy.sec(u) ** 2, r"\frac{d}{du} \tan u = \sec^2 u"),
    sympy.sec: ("secant", lambda u: sympy.sec(u) * sympy.tan(u),
                r"\frac{d}{du} \sec u = \sec u \tan u"),
    sympy.csc: ("cosecant", lambda u: -sympy.csc(u) * sympy.cot(u),
                r"\frac{d}{du} \csc u = -\csc u \cot u"),
    sympy.cot: ("cotangent", lambda u: -sympy.csc(u) ** 2, r"\frac{d}{du} \cot u = -\csc^2 u"),
    sympy.asin: ("arcsine", lambda u: 1 / sympy.sqrt(1 - u**2),
                 r"\frac{d}{du} \arcsin u = \frac{1}{\sqrt{1 - u^2}}"),
    sympy.acos: ("arccosine", lambda u: -1 / sympy.sqrt(1 - u**2),
                 r"\frac{d}{du} \arccos u = -\frac{1}{\sqrt{1 - u^2}}"),
    sympy.atan: ("arctangent", lambda u: 1 / (1 + u**2),
                 r"\frac{d}{du} \arctan u = \frac{1}{1 + u^2}"),
    sympy.sinh: ("hyperbolic sine", sympy.cosh, r"\frac{d}{du} \sinh u = \cosh u"),
    sympy.cosh: ("hyperbolic cosine", sympy.sinh, r"\frac{d}{du} \cosh u = \sinh u"),
    sympy.tanh: ("hyperbolic tangent", lambda u: 1 - sympy.tanh(u) ** 2,
                 r"\frac{d}{du} \tanh u = 1 - \tanh^2 u"),
    sympy.exp: ("exponential", sympy.exp, r"\frac{d}{du} e^u = e^u"),
    sympy.log: ("natural logarithm", lambda u: 1 / u, r"\frac{d}{du} \ln u = \frac{1}{u}"),
    sympy.Abs: ("absolute value", sympy.sign,
                r"\frac{d}{du} |u| = \operatorname{sign} u \text{ (for } u \ne 0)"),
    sympy.sign: ("sign", lambda u: sympy.Integer(0),
                 r"\frac{d}{du} \operatorname{sign} u = 0 \text{ (for } u \ne 0)"),
}


@dataclass(frozen=True)
class Step:
    """One line of a derivation: ``d/d(variable) expr = rhs`` by one rule.

    Attributes
    ----------
    rule : str
        The rule's name, e.g. ``"product rule"``.
    expr : sympy.Expr
        What is differentiated.
    variable : sympy.Symbol
        What it is differentiated by; every other symbol is a constant.
    rhs : sympy.Expr
        The derivative, with the derivatives this rule leaves to find written as
        unevaluated :class:`sympy.Derivative` (``y*Derivative(x**2, x)``).
    needs : tuple of sympy.Expr
        The expressions whose derivatives ``rhs`` still needs, in order.
    note : str
        A plain-English detail (inline LaTeX between ``$``): the inner function
        of a chain rule, which letters are held constant, the table entry used.
    """

    rule: str
    expr: sympy.Expr
    variable: sympy.Symbol
    rhs: sympy.Expr
    needs: tuple[sympy.Expr, ...] = ()
    note: str = ""

    @property
    def equation(self) -> str:
        """The step as a LaTeX equality (see :func:`step_latex`)."""
        return step_latex(self)


@dataclass(frozen=True)
class Derivation:
    """The steps that differentiate ``expr`` by ``variable``, and where they end.

    ``steps[0]`` differentiates ``expr`` itself; each later step finds a
    derivative an earlier one needs (each is found once, at its first need).
    ``result`` is the partial derivative the steps add up to.
    """

    expr: sympy.Expr
    variable: sympy.Symbol
    steps: tuple[Step, ...]
    result: sympy.Expr


class _StepPrinter(LatexPrinter):
    """LaTeX with ``\\partial`` always, the expression in brackets, and derivatives last in a product."""

    def __init__(self) -> None:
        super().__init__({"ln_notation": True})

    def _print_Derivative(self, expr: sympy.Derivative) -> str:
        inner, variable = expr.expr, expr.variables[0]
        text = self._print(inner)
        if not (inner.is_Symbol or inner.is_Number or isinstance(inner, sympy.Function)):
            text = rf"\left({text}\right)"
        return rf"\frac{{\partial}}{{\partial {self._print(variable)}}} {text}"

    def _print_Mul(self, expr: sympy.Mul) -> str:
        derivatives = [f for f in expr.args if isinstance(f, sympy.Derivative)]
        if not derivatives:
            return super()._print_Mul(expr)
        rest = sympy.Mul(*(f for f in expr.args if not isinstance(f, sympy.Derivative)))
        tail = r" \cdot ".join(self._print(d) for d in derivatives)
        sign = ""
        if rest.could_extract_minus_sign():
            sign, rest = "- ", -rest
        if rest == 1:
            return sign + tail
        return sign + self.parenthesize(rest, PRECEDENCE["Mul"], strict=True) + r" \cdot " + tail

    def _print_Add(self, expr: sympy.Add, order: str | None = None) -> str:
        if not expr.has(sympy.Derivative):
            return super()._print_Add(expr, order)
        text = ""  # a rule's right-hand side: its terms in the order the rule wrote them
        for term in expr.args:
            if term.could_extract_minus_sign():
                text += " - " + self.parenthesize(-term, PRECEDENCE["Add"], strict=True)
            else:
                text += (" + " if text else "") + self.parenthesize(term, PRECEDENCE["Add"], strict=True)
        return text.lstrip()


def derivative_latex(expr: sympy.Expr) -> str:
    r"""LaTeX of an expression that may hold unevaluated derivatives, always with ``\partial``.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> derivative_latex(y * sympy.Derivative(x**2, x))
    'y \\cdot \\frac{\\partial}{\\partial x} \\left(x^{2}\\right)'
    """
    return _StepPrinter().doprint(expr)


def step_latex(step: Step) -> str:
    r"""A step as one LaTeX equality: ``\frac{\partial}{\partial x} expr = rhs``.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> step_latex(Step("power rule", x**3, x, 3 * x**2))
    '\\frac{\\partial}{\\partial x} \\left(x^{3}\\right) = 3 x^{2}'
    """
    left = derivative_latex(sympy.Derivative(step.expr, step.variable))
    return f"{left} = {derivative_latex(step.rhs)}"


def _tex(expr: sympy.Expr) -> str:
    return _StepPrinter().doprint(expr)


def _constants_note(expr: sympy.Expr, variable: sympy.Symbol) -> str:
    others = sorted(expr.free_symbols - {variable}, key=str)
    if not others:
        return "a number: it does not change"
    names = ", ".join(f"${_tex(s)}$" for s in others)
    verb = "is" if len(others) == 1 else "are"
    return f"it does not depend on ${_tex(variable)}$ ({names} {verb} held constant)"


def _rule(expr: sympy.Expr, v: sympy.Symbol) -> tuple[str, sympy.Expr, tuple[sympy.Expr, ...], str]:
    """(rule, rhs, needs, note) for the outermost operation of ``expr``."""
    def d(u: sympy.Expr) -> sympy.Derivative:
        return sympy.Derivative(u, v)

    if not expr.has(v):
        return "constant rule", sympy.Integer(0), (), _constants_note(expr, v)
    if expr == v:
        return "variable rule", sympy.Integer(1), (), ""
    if expr.is_Add:
        return _sum(expr, d)
    if expr.is_Mul:
        return _product(expr, v, d)
    if expr.is_Pow:
        return _power(expr, v, d)
    if isinstance(expr, sympy.atan2):
        a, b = expr.args
        rhs = sympy.Add(b * d(a), -a * d(b), evaluate=False) / (a**2 + b**2)
        return "atan2 rule", rhs, (a, b), (r"$\frac{\partial}{\partial v}\operatorname{atan2}(a, b) = "
                                           r"\frac{b\, a' - a\, b'}{a^2 + b^2}$")
    if type(expr) in TABLE and len(expr.args) == 1:
        return _table(expr, v, d)
    if isinstance(expr, sympy.re | sympy.im):
        part = "real" if isinstance(expr, sympy.re) else "imaginary"
        (inner,) = expr.args
        return (f"{part} part rule", type(expr)(d(inner)), (inner,),
                rf"for a real variable the derivative of the {part} part is the {part} part of the "
                rf"derivative, $u = {_tex(inner)}$")
    raise ValueError(f"there is no rule here for '{expr.func.__name__}'")


def _sum(expr: sympy.Add, d) -> tuple:
    terms, needs = [], []
    for term in expr.as_ordered_terms():
        negative = term.could_extract_minus_sign()
        needs.append(-term if negative else term)
        terms.append(-d(needs[-1]) if negative else d(needs[-1]))
    negative = any(t.could_extract_minus_sign() for t in terms)
    rule = "sum and difference rule" if negative else "sum rule"
    return rule, sympy.Add(*terms, evaluate=False), tuple(needs), "differentiate term by term"


def _product(expr: sympy.Mul, v: sympy.Symbol, d) -> tuple:
    constant, part = expr.as_independent(v, as_Add=False)
    if constant != 1:
        note = f"${_tex(constant)}$ is a constant factor"
        if constant.free_symbols:
            note += f" (${_tex(v)}$ is the only variable that changes)"
        return "constant multiple rule", constant * d(part), (part,), note
    factors = part.as_ordered_factors()
    below = [f for f in factors if f.is_Pow and f.exp.is_number and f.exp.is_negative]
    above = [f for f in factors if f not in below]
    if below and above:
        top, bottom = sympy.Mul(*above), sympy.Mul(*(f.base ** -f.exp for f in below))
        rhs = sympy.Add(d(top) * bottom, -top * d(bottom), evaluate=False) / bottom**2
        return "quotient rule", rhs, (top, bottom), (
            rf"$\left(\frac{{u}}{{w}}\right)' = \frac{{u'w - uw'}}{{w^2}}$ with $u = {_tex(top)}$ "
            rf"and $w = {_tex(bottom)}$")
    first, rest = factors[0], sympy.Mul(*factors[1:])
    rhs = sympy.Add(d(first) * rest, first * d(rest), evaluate=False)
    return "product rule", rhs, (first, rest), (
        rf"$(uw)' = u'w + uw'$ with $u = {_tex(first)}$ and $w = {_tex(rest)}$")


def _power(expr: sympy.Pow, v: sympy.Symbol, d) -> tuple:
    base, exponent = expr.as_base_exp()
    half = exponent == sympy.Rational(1, 2)
    if not exponent.has(v):
        if base == v:
            if half:
                return "square root rule", 1 / (2 * sympy.sqrt(v)), (), r"$\frac{d}{du}\sqrt{u} = \frac{1}{2\sqrt{u}}$"
            return ("power rule", exponent * v ** (exponent - 1), (),
                    rf"$\frac{{d}}{{du}} u^n = n u^{{n-1}}$ with $n = {_tex(exponent)}$")
        inner = _inner_note(base, v)
        if half:
            return ("chain rule", d(base) / (2 * sympy.sqrt(base)), (base,),
                    r"outer function $\sqrt{u}$, with derivative $\frac{1}{2\sqrt{u}}$; " + inner)
        return ("chain rule", exponent * base ** (exponent - 1) * d(base), (base,),
                f"outer function the power $u^{{{_tex(exponent)}}}$ (power rule); " + inner)
    if not base.has(v):
        if base == 0:
            raise ValueError(f"${_tex(expr)}$ is 0 or undefined wherever it is defined: it has no "
                             "derivative to find")
        note = rf"$\frac{{d}}{{du}} a^u = a^u \ln a$ with $a = {_tex(base)}$"
        if exponent == v:
            return "exponential rule", expr * sympy.log(base), (), note
        return "chain rule", expr * sympy.log(base) * d(exponent), (exponent,), note + "; " + _inner_note(exponent, v)
    power = exponent * sympy.log(base)
    return ("exponential form", expr * d(power), (power,),
            rf"write $u^w = e^{{w \ln u}}$ (where $u > 0$), so its derivative is $u^w$ times that of "
            rf"${_tex(power)}$")


def _table(expr: sympy.Function, v: sympy.Symbol, d) -> tuple:
    name, derivative, entry = TABLE[type(expr)]
    (inner,) = expr.args
    if inner == v:
        return f"{name} rule", derivative(v), (), f"from the table: ${entry}$"
    return ("chain rule", derivative(inner) * d(inner), (inner,),
            f"outer function {name}, ${entry}$; " + _inner_note(inner, v))


def _inner_note(inner: sympy.Expr, v: sympy.Symbol) -> str:
    return (rf"inner function $u = {_tex(inner)}$, whose derivative "
            rf"$\frac{{\partial u}}{{\partial {_tex(v)}}}$ comes next")


def real_form(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` as sympy writes it when its symbols are real, with plain symbols again.

    The parser's symbols may be complex, so it keeps ``|e^y|`` as ``exp(re(y))``;
    for a real ``y`` that is ``exp(y)``. The course's derivatives are for real
    variables (see :func:`helpers.symbolic.partial_derivative`).

    Examples
    --------
    >>> from helpers.formula import parse_formula
    >>> f = parse_formula("abs(e^y)")
    >>> f, real_form(f)
    (exp(re(y)), exp(y))
    """
    real = {s: sympy.Symbol(s.name, real=True) for s in expr.free_symbols if s.is_Symbol}
    return expr.xreplace(real).xreplace({r: s for s, r in real.items()})


def derivation(expr: sympy.Expr, variable: str | sympy.Symbol) -> Derivation:
    """Differentiate ``expr`` by ``variable`` rule by rule, holding other symbols constant.

    Parameters
    ----------
    expr : sympy.Expr
        A formula as :func:`helpers.formula.parse_formula` builds it (plain
        symbols; ``+ - * / **``, the parser's functions and constants).
    variable : str or sympy.Symbol
        The variable to differentiate by. All symbols are taken as real: the
        first step differentiates :func:`real_form` of ``expr``.

    Returns
    -------
    Derivation
        Its ``steps`` in reading order (each rule, then the derivatives it
        needs, depth first) and the ``result`` they add up to.

    Raises
    ------
    ValueError
        When ``expr`` is not a sympy expression, or a part of it has no rule
        (nothing the parser builds).

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> d = derivation(x / sympy.sin(x), x)
    >>> [step.rule for step in d.steps]
    ['quotient rule', 'variable rule', 'sine rule']
    >>> d.result
    (-x*cos(x) + sin(x))/sin(x)**2
    """
    v = sympy.Symbol(str(variable))
    if not isinstance(expr, sympy.Expr):  # text goes through the safe parser first, never sympify
        raise ValueError(f"expected a sympy expression, not {type(expr).__name__}")
    expr = real_form(expr)
    steps: list[Step] = []
    results: dict[sympy.Expr, sympy.Expr] = {}

    def find(part: sympy.Expr) -> sympy.Expr:
        if part in results:
            return results[part]
        rule, rhs, needs, note = _rule(part, v)
        steps.append(Step(rule, part, v, rhs, tuple(needs), note))
        found = {sympy.Derivative(n, v): find(n) for n in needs}
        results[part] = rhs.xreplace(found)
        return results[part]

    result = find(expr)
    return Derivation(expr, v, tuple(steps), result)
