"""The safe formula parser: text typed by a learner -> sympy expression.

:func:`parse_formula` never runs the text as Python (no ``eval``, ``sympify``
or ``parse_expr``): it reads it with :func:`ast.parse` and rebuilds only a
whitelist of operations (numbers, the declared variables, ``+ - * / **``, a
fixed set of functions and constants), so ``__import__('os')`` or
``9**9**9`` get a plain-English refusal that says what is wrong and where.
:func:`to_text` writes an expression back as text the parser reads.

Examples
--------
>>> parse_formula("x^2*y + sin(x*y)")
x**2*y + sin(x*y)
>>> to_text(parse_formula("e^x / 2"))
'exp(x)/2'
"""

from __future__ import annotations

import ast
import keyword
import math
import re
import unicodedata
from collections.abc import Iterable
from fractions import Fraction
from typing import NoReturn

import sympy

__all__ = ["ALLOWED_FUNCTIONS", "ALLOWED_CONSTANTS", "MAX_EXPONENT", "parse_formula", "to_text",
           "symbols_for"]

_ONE = (1,)
_FUNCTIONS = {name: (getattr(sympy, name), _ONE) for name in
              "sin cos tan sec csc cot asin acos atan sinh cosh tanh exp sqrt Abs sign".split()}
_FUNCTIONS.update(atan2=(sympy.atan2, (2,)), log=(sympy.log, (1, 2)), ln=(sympy.log, _ONE),
                  abs=(sympy.Abs, _ONE))
_CONSTANTS = {"pi": sympy.pi, "e": sympy.E, "E": sympy.E}
_FUNCTION_CLASSES = frozenset(f for f, _ in _FUNCTIONS.values() if isinstance(f, type))
#: Functions a formula may call (``ln`` is ``log``, ``abs`` is ``Abs``, ``log(x, b)`` has base b).
ALLOWED_FUNCTIONS = tuple(_FUNCTIONS)
#: Constants a formula may use (``e`` and ``E`` both mean Euler's number).
ALLOWED_CONSTANTS = tuple(_CONSTANTS)
#: Largest size of a numeric exponent, as in ``x**1000``.
MAX_EXPONENT = 1000
_MAX_DIGITS, _MAX_LITERAL_BITS, _MAX_DEPTH = 1000, 100, 50  # 100 bits is about 30 digits
_SPACES = {9: " ", 10: " ", 13: " ", 0xA0: " ", 0x2212: "-"}  # tab, newlines, nbsp, minus
_NUMBER = r"(?<![\w.])\d+(?:\.\d*)?(?:[eE][-+]?\d+)?"
_MISSING_STAR = re.compile(rf"({_NUMBER})(\s*)([A-Za-z_]\w*|\()"
                           r"|(?<![\w.])([A-Za-z_]\w*)(\s+)([A-Za-z_]\w*|\d[\w.]*)"
                           r"|(\))(\s*)([A-Za-z_]\w*|\d[\w.]*)")
_BAD_OPERATORS = {ast.FloorDiv: "'//' (use / to divide)", ast.Mod: "'%'", ast.MatMult: "'@'",
                  ast.BitAnd: "'&'", ast.BitOr: "'|'", ast.LShift: "'<<'", ast.RShift: "'>>'",
                  ast.BitXor: "'^'", ast.Not: "'not'", ast.Invert: "'~'"}
_REJECTED = {ast.Attribute: "attribute access (the '.' in '{f}') is",
             ast.Subscript: "indexing (the brackets in '{f}') is",
             ast.Lambda: "'lambda' ('{f}') is",
             ast.Compare: "a comparison ('{f}') is", ast.BoolOp: "'and' / 'or' ('{f}') are",
             ast.IfExp: "'if ... else' ('{f}') is", ast.NamedExpr: "the ':=' operator ('{f}') is",
             ast.JoinedStr: "an f-string ('{f}') is", ast.Starred: "'*' unpacking ('{f}') is",
             **dict.fromkeys((ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp),
                             "a comprehension ('{f}') is"),
             **dict.fromkeys((ast.List, ast.Tuple, ast.Set, ast.Dict),
                             "a list, tuple, set or dict ('{f}') is")}


class _UnknownName(ValueError):
    """A name that is neither a declared variable nor an allowed constant or function."""


def _names(variables: str | Iterable[str | sympy.Symbol]) -> tuple[str, ...]:
    """Validated variable names from ``"x y"``, ``"x, y"``, ``("x", "y")`` or symbols."""
    if isinstance(variables, str):
        variables = variables.replace(",", " ").split()
    if not isinstance(variables, Iterable):
        raise ValueError(f"variables must be names like ('x', 'y'), not {variables!r}")
    names: list[str] = []
    for item in variables:
        name = item.name if isinstance(item, sympy.Symbol) else item
        if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name) \
                or unicodedata.normalize("NFKC", name) != name or name.startswith("_"):
            raise ValueError(f"{item!r} is not a valid variable name")
        if name in _FUNCTIONS or name in _CONSTANTS:
            raise ValueError(f"'{name}' cannot be a variable: it names a function or constant")
        if name in names:
            raise ValueError(f"variable '{name}' is listed twice")
        names.append(name)
    return tuple(names)


def symbols_for(variables: str | Iterable[str | sympy.Symbol]) -> tuple[sympy.Symbol, ...]:
    """Plain sympy symbols (no assumptions) for validated variable names.

    They are the very symbols ``sympy.symbols("x y")`` makes, so an expression a
    learner builds by hand compares equal to a parsed one.

    Parameters
    ----------
    variables : str or iterable of str or Symbol
        ``"x y"``, ``"x, y"`` or ``("x", "y")``: identifiers that are not the
        name of an allowed function or constant, nor start with ``_``.

    Returns
    -------
    tuple of sympy.Symbol

    Examples
    --------
    >>> symbols_for("x y") == sympy.symbols("x y")
    True
    """
    return tuple(sympy.Symbol(name) for name in _names(variables))


class _Reader:
    """Rebuilds one line of formula text as sympy, node by node, from a whitelist."""

    def __init__(self, body: str, lead: int, names: tuple[str, ...]) -> None:
        self.body, self.lead, self.names = body, lead, names
        self.source = body.replace("^", "**")
        self.encoded = self.source.encode()  # ast columns count UTF-8 bytes
        self.origin = [i for i, ch in enumerate(body) for _ in range(2 if ch == "^" else 1)]
        self.origin.append(len(body))
        self.symbols = dict(zip(names, symbols_for(names), strict=True))

    def column(self, index: int) -> int:
        """1-based column in the learner's text of ``source[index]``."""
        return self.lead + self.origin[max(0, min(index, len(self.origin) - 1))] + 1

    def original(self, start: int, end: int) -> str:
        """The learner's own spelling of ``source[start:end]`` (``^``, not ``**``)."""
        end = max(start + 1, min(end, len(self.source)))
        text = self.body[self.origin[start]:self.origin[end - 1] + 1]
        return text if len(text) <= 40 else text[:37] + "..."

    def char(self, offset: int) -> int:
        return len(self.encoded[:offset].decode("utf-8", "ignore"))

    def fragment(self, node: ast.AST) -> str:
        return self.original(self.char(node.col_offset), self.char(node.end_col_offset))

    def fail(self, node: ast.AST, message: str, kind: type = ValueError) -> NoReturn:
        raise kind(f"{message} (at column {self.column(self.char(node.col_offset))})")

    def read(self) -> sympy.Expr:
        try:
            tree = ast.parse(self.source, mode="eval")
        except SyntaxError as error:
            raise ValueError(self.syntax_message(error)) from None
        for node in ast.walk(tree):  # name the most telling problem first
            if isinstance(node, ast.Name) and node.id.startswith("_"):
                self.fail(node, f"'{node.id}' is not allowed: names starting with '_' are not math")
        expr = self.build(tree.body, 0)
        if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise ValueError("the formula has no finite value (it divides by zero or takes log(0))")
        if expr.has(sympy.I):
            raise ValueError("the formula is not real: it takes an even root of a negative number")
        return expr

    def syntax_message(self, error: SyntaxError) -> str:
        src, col = self.source, self.column
        if ":=" in src:
            return f"the ':=' operator at column {col(src.index(':='))} is not allowed"
        if (m := re.search(r"(?<![=<>!])=(?!=)", src)) is not None:
            return (f"'=' at column {col(m.start())} is not allowed: type only the formula, "
                    "e.g. x**2*y rather than f = x**2*y")
        opened: list[int] = []
        for index, ch in enumerate(src):
            if ch in ")]" and not opened:
                return f"unbalanced parenthesis: '{ch}' at column {col(index)} has no partner"
            if ch in "([":
                opened.append(index)
            elif ch in ")]":
                opened.pop()
        if opened:
            return (f"unbalanced parenthesis: '{src[opened[-1]]}' at column {col(opened[-1])} "
                    "is never closed")
        if (m := re.search(r"(\*\*|[-+*/,(.])\s*$", src)) is not None:
            return (f"the formula ends with '{self.original(m.start(1), m.end(1))}' at column "
                    f"{col(m.start(1))}: something is missing after it")
        for m in _MISSING_STAR.finditer(src):
            left, gap, right = (g for g in m.groups() if g is not None)
            where = col(m.end() - len(right))
            if keyword.iskeyword(left) or keyword.iskeyword(right):
                continue
            if left in _FUNCTIONS:
                return f"'{left}' needs parentheses at column {where}: write {left}({right})"
            if left == ")":
                return f"missing '*' after ')' at column {where}: write (...)*{right}"
            return (f"missing '*' between '{left}' and '{right}' at column {where}: "
                    f"write {left}*{right}, not {left}{gap}{right}")
        return f"the formula cannot be read at column {col((error.offset or 1) - 1)} ({error.msg})"

    def build(self, node: ast.AST, depth: int) -> sympy.Expr:
        if depth > _MAX_DEPTH:
            self.fail(node, f"the formula is nested too deeply (more than {_MAX_DEPTH} levels)")
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.BinOp):
            return self.binop(node, depth)
        if isinstance(node, ast.UnaryOp):
            if type(node.op) in _BAD_OPERATORS:
                self.fail(node, f"the operator {_BAD_OPERATORS[type(node.op)]} is not allowed")
            value = self.build(node.operand, depth + 1)
            return -value if isinstance(node.op, ast.USub) else value
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        template = _REJECTED.get(type(node), "'{f}' is")
        self.fail(node, template.format(f=self.fragment(node)) + " not allowed in a formula")

    def constant(self, node: ast.Constant) -> sympy.Expr:
        value, text = node.value, self.fragment(node)
        if isinstance(value, str | bytes):
            self.fail(node, f"text in quotes ({text}) is not allowed")
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(node, f"'{text}' is not allowed: a formula holds numbers, variables and "
                            "functions")
        if isinstance(value, int):
            if value.bit_length() > _MAX_LITERAL_BITS:
                self.fail(node, f"the number '{text}' is too long: write at most 30 digits")
            return sympy.Integer(value)
        if not math.isfinite(value):
            self.fail(node, f"the number '{text}' is too large")
        exact = Fraction(repr(value))  # 0.1 -> 1/10 exactly, as typed
        return sympy.Rational(exact.numerator, exact.denominator)

    def name(self, node: ast.Name) -> sympy.Expr:
        if node.id in self.symbols:
            return self.symbols[node.id]
        if node.id in _CONSTANTS:
            return _CONSTANTS[node.id]
        if node.id in _FUNCTIONS:
            self.fail(node, f"'{node.id}' is a function: write {node.id}(...) with its argument")
        self.fail(node, f"unknown name '{node.id}': the variables are "
                        f"{', '.join(self.names) or '(none)'}", _UnknownName)

    def binop(self, node: ast.BinOp, depth: int) -> sympy.Expr:
        spine = [node]  # a chain a + b + c + ... is read in a loop: it does not nest deeper
        while isinstance(spine[-1].left, ast.BinOp):
            spine.append(spine[-1].left)
        value = self.build(spine[-1].left, depth)
        for item in reversed(spine):
            value = self.combine(item, value, self.build(item.right, depth + 1))
        return value

    def combine(self, node: ast.BinOp, left: sympy.Expr, right: sympy.Expr) -> sympy.Expr:
        if type(node.op) in _BAD_OPERATORS:
            self.fail(node, f"the operator {_BAD_OPERATORS[type(node.op)]} in "
                            f"'{self.fragment(node)}' is not allowed")
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        if isinstance(node.op, ast.Div):
            if right == 0:
                self.fail(node, f"division by zero in '{self.fragment(node)}'")
            return left / right
        if right.is_number:  # a power: refuse towers such as 9**9**9 before sympy computes them
            try:
                size = abs(complex(right.evalf(15)))
            except (TypeError, ValueError, ArithmeticError):
                size = math.inf
            if not size <= MAX_EXPONENT:
                self.fail(node, f"exponent too large: '{self.fragment(node)}' (exponents may be "
                                f"at most {MAX_EXPONENT} in size)")
            if left.is_Rational and size * math.log10(max(abs(left.p), left.q)) > _MAX_DIGITS:
                self.fail(node, f"number too large: '{self.fragment(node)}' has more than "
                                f"{_MAX_DIGITS} digits")
        return left**right

    def call(self, node: ast.Call, depth: int) -> sympy.Expr:
        func = node.func
        if isinstance(func, ast.Attribute):
            self.build(func, depth)  # refused as attribute access
        if not isinstance(func, ast.Name):
            where = self.column(self.source.find("(", self.char(func.end_col_offset)))
            raise ValueError(f"missing '*' before the '(' at column {where}: write a product "
                             "with '*', as in 2*(x+1) or (x+1)*(x-1)")
        name = func.id
        if name in self.symbols or name in _CONSTANTS:
            kind = "variable" if name in self.symbols else "constant"
            self.fail(node, f"'{name}' is a {kind}, not a function: write {name}*(...) to multiply")
        if name not in _FUNCTIONS:
            self.fail(node, f"unknown function '{name}': the functions are {', '.join(_FUNCTIONS)}")
        if node.keywords:
            self.fail(node, f"keyword arguments (like '{self.fragment(node.keywords[0])}' in "
                            f"'{self.fragment(node)}') are not allowed")
        args = [self.build(arg, depth + 1) for arg in node.args]  # refuses *args
        function, arities = _FUNCTIONS[name]
        if len(args) not in arities:
            self.fail(node, f"{name} takes {' or '.join(map(str, arities))} argument"
                            f"{'s' * (arities != _ONE)}, but {len(args)} "
                            f"{'was' if len(args) == 1 else 'were'} given")
        return function(*args)


def parse_formula(text: str, variables: str | Iterable[str] = ("x", "y"), *,
                  max_length: int = 300) -> sympy.Expr:
    """Read a formula typed by a learner, safely, into a sympy expression.

    The text is never evaluated as Python: it is read by :func:`ast.parse` and
    only numbers, the declared variables, :data:`ALLOWED_CONSTANTS`,
    ``+ - * / **``, signs and calls of :data:`ALLOWED_FUNCTIONS` are rebuilt.
    ``^`` means power: each ``^`` becomes ``**`` before reading, so ``x^2+1``
    is ``x**2 + 1``. Multiplication must be written out: ``2x`` and ``x y``
    are refused with a hint to write ``2*x`` and ``x*y``. Decimals become exact
    fractions (``0.5`` is ``1/2``).

    Parameters
    ----------
    text : str
        The formula, e.g. ``"x^2*y + sin(x*y)"``; tabs and newlines count as spaces.
    variables : str or iterable of str
        The names the formula may use as variables (see :func:`symbols_for`).
    max_length : int
        Longest text accepted, in characters.

    Returns
    -------
    sympy.Expr
        Built from plain symbols, as made by :func:`symbols_for`.

    Raises
    ------
    ValueError
        Saying in plain English what is wrong and where (column or fragment):
        unknown names, attribute access, calls of anything but the allowed
        functions, wrong argument counts, exponents larger than
        :data:`MAX_EXPONENT`, numbers of more than 30 digits or 1000 digits
        once computed, nesting deeper than 50 levels, anything not a formula.

    Examples
    --------
    >>> parse_formula("2*pi*x + e^y")
    2*pi*x + exp(y)
    >>> parse_formula("2x")
    Traceback (most recent call last):
    ValueError: missing '*' between '2' and 'x' at column 2: write 2*x, not 2x
    >>> parse_formula("x.real")
    Traceback (most recent call last):
    ValueError: attribute access (the '.' in 'x.real') is not allowed in a formula (at column 1)
    """
    names = _names(variables)
    if not isinstance(text, str):
        raise ValueError(f"formula must be text, not {type(text).__name__}")
    if len(text) > max_length:
        raise ValueError(f"text is {len(text)} characters long; the limit is {max_length}")
    clean = text.translate(_SPACES)
    if (bad := next((i for i, ch in enumerate(clean) if not ch.isprintable()), None)) is not None:
        raise ValueError(f"the formula contains an invisible control character at column {bad + 1}")
    if not clean.strip():
        raise ValueError("the formula is empty")
    try:
        return _Reader(clean.strip(), len(clean) - len(clean.lstrip()), names).read()
    except RecursionError:
        raise ValueError("the formula is too long or nested too deeply") from None


def to_text(expr: sympy.Expr) -> str:
    """Canonical text of an expression, which :func:`parse_formula` reads back.

    Floats come back as exact fractions and symbols without their assumptions;
    everything else parses back to an equal expression (within the parser's
    size limits).

    Raises
    ------
    ValueError
        When a part (``I``, ``oo``, ``Derivative``, ...) has no spelling the
        parser accepts, or ``expr`` is not a sympy expression.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> to_text(sympy.exp(-x**2) * sympy.Abs(y) / 3 + sympy.E)
    'E + exp(-x**2)*Abs(y)/3'
    """
    if not isinstance(expr, sympy.Expr):
        raise ValueError(f"expected a sympy expression, not {type(expr).__name__}")
    for node in sympy.preorder_traversal(expr):
        if type(node) is sympy.Symbol:
            _names((node.name,))
        elif not (isinstance(node, sympy.Add | sympy.Mul | sympy.Pow) or node.is_Rational
                  or node.func in _FUNCTION_CLASSES or node in (sympy.pi, sympy.E)
                  or (node.is_Float and node.is_finite)):
            raise ValueError(f"'{node}' has no spelling in a formula the course reads")
    return sympy.sstr(expr)

