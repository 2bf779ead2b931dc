"""Symbolic side of the course: derivatives and equivalence of formulas.

Formulas typed by learners are read by the safe parser in
:mod:`helpers.formula` (re-exported here as :func:`parse_formula`).
:func:`equivalent` decides whether two formulas agree: algebra first (under a
time limit), then values at seeded random points.

Examples
--------
>>> f = parse_formula("x^2*y + sin(x*y)")
>>> gradient_vector(f, ("x", "y"))
(2*x*y + y*cos(x*y), x**2 + x*cos(x*y))
>>> equivalent("(x+y)^2", "x^2 + 2*x*y + y^2")
True
"""

from __future__ import annotations

import functools
import itertools
import math
import signal
import threading
import time
from collections.abc import Callable, Iterable, Mapping

import numpy as np
import sympy

from helpers.formula import (
    ALLOWED_CONSTANTS,
    ALLOWED_FUNCTIONS,
    MAX_EXPONENT,
    _names,
    _UnknownName,
    parse_formula,
    symbols_for,
    to_text,
)

_MIN_VALID, _MAX_ROUNDS = 8, 10  # finite sample points needed; rounds of sampling allowed
_NEAR_RTOL, _NEAR_ATOL = 1e-4, 1e-6  # values this close may differ only by rounding: algebra decides

__all__ = ["ALLOWED_FUNCTIONS", "ALLOWED_CONSTANTS", "MAX_EXPONENT", "parse_formula", "to_text",
           "symbols_for", "partial_derivative", "gradient_vector", "hessian_matrix",
           "mixed_partial", "equivalent", "lambdify_numeric"]


def _as_expr(value: object, names: tuple[str, ...]) -> sympy.Expr:
    """An expression from text (through the safe parser), a number or a sympy Expr."""
    if isinstance(value, str):
        return parse_formula(value, names)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return sympy.Integer(value) if isinstance(value, int) else sympy.Float(value)
    if isinstance(value, sympy.Expr):
        return value
    raise ValueError(f"expected a formula (text or a sympy expression), not {type(value).__name__}")


def _plain(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with every symbol swapped for the plain symbol of its name."""
    return expr.xreplace({s: sympy.Symbol(s.name) for s in expr.free_symbols
                          if isinstance(s, sympy.Symbol)})


def _differentiate(expr: sympy.Expr, by: Iterable[str | sympy.Symbol]) -> sympy.Expr:
    """Differentiate in order, as for real variables (so d|x|/dx is sign(x))."""
    expr = _plain(expr)
    order = [sympy.Symbol(str(v)) for v in by]
    real = {s: sympy.Symbol(s.name, real=True) for s in expr.free_symbols | set(order)}
    result = expr.xreplace(real).diff(*(real[s] for s in order))
    return result.xreplace({r: s for s, r in real.items()})


def _with(variables: str | Iterable[str], *more: str | sympy.Symbol) -> tuple[str, ...]:
    names = _names(variables)
    return names + _names(dict.fromkeys(str(m) for m in more if str(m) not in names))


def partial_derivative(expr: sympy.Expr | str, variable: str | sympy.Symbol, *,
                       variables: str | Iterable[str] = ("x", "y")) -> sympy.Expr:
    """Partial derivative of ``expr`` by ``variable``, as for real variables.

    Text is read by :func:`parse_formula` with ``variables`` (plus ``variable``).

    Examples
    --------
    >>> partial_derivative("3*x^2*y + y^3 - 2*x", "x")
    6*x*y - 2
    >>> partial_derivative("Abs(x)", "x")
    sign(x)
    """
    return _differentiate(_as_expr(expr, _with(variables, variable)), [variable])


def mixed_partial(expr: sympy.Expr | str, first: str | sympy.Symbol, second: str | sympy.Symbol,
                  *, variables: str | Iterable[str] = ("x", "y")) -> sympy.Expr:
    """Differentiate ``expr`` by ``first``, then the result by ``second``.

    Examples
    --------
    >>> mixed_partial("x^3*y^2", "x", "y")
    6*x**2*y
    """
    return _differentiate(_as_expr(expr, _with(variables, first, second)), [first, second])


def gradient_vector(expr: sympy.Expr | str,
                    variables: str | Iterable[str] = ("x", "y")) -> tuple[sympy.Expr, ...]:
    """The gradient: one partial derivative per variable, in order.

    Examples
    --------
    >>> gradient_vector("x^2*y + y^3")
    (2*x*y, x**2 + 3*y**2)
    """
    names = _names(variables)
    expr = _as_expr(expr, names)
    return tuple(_differentiate(expr, [name]) for name in names)


def hessian_matrix(expr: sympy.Expr | str,
                   variables: str | Iterable[str] = ("x", "y")) -> sympy.Matrix:
    """The Hessian: entry ``(i, j)`` differentiates by variable ``i``, then ``j``.

    Examples
    --------
    >>> hessian_matrix("x^2*y")
    Matrix([
    [2*y, 2*x],
    [2*x,   0]])
    """
    names = _names(variables)
    expr = _as_expr(expr, names)
    return sympy.Matrix(len(names), len(names),
                        lambda i, j: _differentiate(expr, [names[i], names[j]]))


def lambdify_numeric(expr: sympy.Expr | str,
                     variables: str | Iterable[str] = ("x", "y")) -> Callable[..., np.ndarray]:
    """A vectorised numpy function ``f(x, y, ...)`` of a formula, for plotting.

    Parameters
    ----------
    expr : sympy.Expr or str
        Text goes through :func:`parse_formula`; only ``variables`` may appear.
    variables : str or iterable of str
        Order of the arguments of the returned function.

    Returns
    -------
    callable
        Takes one number or array per variable; returns a float array of their
        broadcast shape, constants included. Where the value is not a finite
        real (``log`` of a negative, overflow) it holds ``nan`` or ``inf``; an
        evaluation that fails gives all ``nan``, never an error.

    Examples
    --------
    >>> lambdify_numeric("3", "x y")(np.zeros((2, 2)), 1.0).tolist()
    [[3.0, 3.0], [3.0, 3.0]]
    >>> lambdify_numeric("sqrt(x)", "x")(np.array([4.0, -1.0])).tolist()
    [2.0, nan]
    """
    names = _names(variables)
    expr = _as_expr(expr, names)
    if extra := sorted({str(s) for s in expr.free_symbols} - set(names)):
        raise ValueError(f"the formula uses {', '.join(extra)}, not among the variables "
                         f"{', '.join(names) or '(none)'}")
    raw = _compiled(_plain(expr), names)

    def evaluate(*coords: float | np.ndarray) -> np.ndarray:
        if len(coords) != len(names):
            raise TypeError(f"expected {len(names)} arguments ({', '.join(names)}), "
                            f"got {len(coords)}")
        arrays = [np.asarray(c, dtype=float) for c in coords]
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
        with np.errstate(all="ignore"):
            try:
                value = np.asarray(raw(*arrays), dtype=complex)
            except (ArithmeticError, TypeError, ValueError, NameError):
                return np.full(shape, np.nan)
        return np.array(np.broadcast_to(np.where(value.imag == 0, value.real, np.nan), shape))

    return evaluate


@functools.lru_cache(maxsize=512)
def _compiled(expr: sympy.Expr, names: tuple[str, ...]) -> Callable[..., object]:
    """numpy code for a formula, compiled once (judging compares one key with many answers)."""
    return sympy.lambdify(symbols_for(names), expr, "numpy")


class _OutOfTime(BaseException):
    """Raised by the alarm; a BaseException so that sympy's ``except Exception`` lets it by."""


def _algebra_says_zero(difference: sympy.Expr, seconds: float | None) -> bool:
    """Whether expand or simplify turns ``difference`` into 0 within ``seconds``.

    Uses a SIGALRM timer, so it runs only on the main thread of a POSIX system
    (elsewhere it answers False and sampling decides). A timer already set, by
    an outer time limit, is put back with the time it has left.
    """
    if (not seconds or seconds <= 0 or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        return False
    armed = [True]

    def stop(signum: int, frame: object) -> None:
        if armed[0]:
            raise _OutOfTime

    outer, interval = signal.setitimer(signal.ITIMER_REAL, 0)
    previous = signal.signal(signal.SIGALRM, stop)
    start = time.monotonic()
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, min(seconds, outer) if outer else seconds)
            return sympy.expand(difference) == 0 or sympy.simplify(difference) == 0
        finally:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    except (_OutOfTime, Exception):  # algebra is only a shortcut: sampling decides
        return False
    finally:
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
        if outer:
            left = max(outer - (time.monotonic() - start), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left, interval)


def equivalent(a: sympy.Expr | str, b: sympy.Expr | str,
               variables: str | Iterable[str] = ("x", "y"),
               domain: Mapping[str, tuple[float, float]] | None = None, *,
               timeout: float | None = 2.0, samples: int = 24, seed: int | None = 0,
               rtol: float = 1e-8, atol: float = 1e-10) -> bool:
    """Whether two formulas are the same function on ``domain``.

    First values: ``samples`` points drawn from the box ``domain``, spread
over every sign of every variable the box allows (each orthant of the box
gets its share), by ``numpy.random.default_rng(seed)``; with ``seed=None``
the points are fresh each call, so no one can predict them. Points where
``b`` (the reference, e.g. the key) is not a finite real (``log`` of a
negative, division by zero) are skipped; where ``b`` is finite, ``a`` must
be finite too and close to it (``rtol``, ``atol``). Only when the values do
nearly agree is algebra tried (it can rescue forms that lose precision in
floating point): ``expand(a - b) == 0`` or ``simplify(a - b) == 0`` within
``timeout`` seconds (main thread only), and only when ``a`` is defined
wherever ``b`` is at the points drawn.

    Parameters
    ----------
    a, b : sympy.Expr or str
        Text goes through :func:`parse_formula` (whose ``ValueError`` is
        raised, except for unknown names). Symbols' assumptions are ignored.
    variables : str or iterable of str
        The variables the formulas may use.
    domain : mapping, optional
        ``{name: (low, high)}``; a variable not named ranges over (-3, 3).
    timeout : float or None
        Seconds allowed for the algebra; None or 0 skips it.
    samples, seed, rtol, atol : int, int or None, float, float
        Points per round of sampling, seed (None: unpredictable), tolerances
        of :func:`numpy.isclose`.

    Returns
    -------
    bool
        False also when a formula uses a name outside ``variables``; when
        fewer than 8 points with both values finite turn up in 10 rounds
        (undefined almost everywhere in the box: nothing to compare); or when
        ``a`` is undefined at a point where ``b`` is defined.

    Examples
    --------
    >>> box = {"x": (0.1, 5), "y": (0.1, 5)}
    >>> equivalent("log(x*y)", "log(x) + log(y)", domain=box)
    True
    >>> equivalent("log(x*y)", "log(x)*log(y)", domain=box)
    False
    """
    names = _names(variables)
    if samples < 1:
        raise ValueError(f"samples must be at least 1, not {samples}")
    try:
        exprs = [_as_expr(value, names) for value in (a, b)]
    except _UnknownName:
        return False
    if any({str(s) for s in e.free_symbols} - set(names) for e in exprs):
        return False
    first, second = (_plain(e) for e in exprs)
    if first == second:
        return True
    # Values first: cheap, and decisive when they agree; algebra (slow) only when they do not.
    agree = _values_agree(first, second, names, domain, samples, seed, rtol, atol)
    return agree is True or (agree is None and _algebra_says_zero(first - second, timeout))


def _box(names: tuple[str, ...], domain: Mapping[str, tuple[float, float]] | None) -> np.ndarray:
    """The sampling box as an array of ``(low, high)`` rows, checked."""
    box = dict.fromkeys(names, (-3.0, 3.0))
    for name, bounds in (domain or {}).items():
        low, high = (float(v) for v in bounds)
        if name not in box or not (math.isfinite(low) and math.isfinite(high) and low < high):
            raise ValueError(f"domain entry {name!r}: {bounds!r} needs a variable and low < high")
        box[name] = (low, high)
    return np.array([box[n] for n in names], dtype=float).reshape(-1, 2)


def _orthants(box: np.ndarray) -> list[np.ndarray]:
    """The box cut at 0 in every variable whose range holds both signs."""
    pieces = [[(lo, 0.0), (0.0, hi)] if lo < 0 < hi else [(lo, hi)] for lo, hi in box]
    return [np.array(choice, dtype=float).reshape(-1, 2) for choice in itertools.product(*pieces)]


def _draw(rng: np.random.Generator, orthants: list[np.ndarray], count: int, dims: int) -> np.ndarray:
    """``count`` points, taking the orthants in turn (from a random first one)."""
    start = int(rng.integers(len(orthants)))
    rows = [orthants[(start + i) % len(orthants)] for i in range(count)]
    low = np.array([r[:, 0] for r in rows]).reshape(count, dims)
    high = np.array([r[:, 1] for r in rows]).reshape(count, dims)
    return rng.uniform(low, high)


def _values_agree(first: sympy.Expr, second: sympy.Expr, names: tuple[str, ...],
                  domain: Mapping[str, tuple[float, float]] | None, samples: int, seed: int | None,
                  rtol: float, atol: float) -> bool | None:
    """Values of ``first`` against the reference ``second`` at random points of the box.

    True: they agree. False: ``first`` is undefined where ``second`` is
    defined, too few points are defined to compare, or the values are far
    apart at more than a quarter of the points. None: values differ only a
    little (algebra may still say they are equal: floating point loses digits).
    """
    orthants = _orthants(_box(names, domain))
    f, g = lambdify_numeric(first, names), lambdify_numeric(second, names)
    rng = np.random.default_rng(seed)
    kept_u, kept_v = [], []
    for _ in range(_MAX_ROUNDS):
        points = _draw(rng, orthants, samples, len(names))
        u, v = (np.broadcast_to(h(*points.T), (samples,)) for h in (f, g))
        if np.any(np.isfinite(v) & ~np.isfinite(u)):
            return False
        both = np.isfinite(u) & np.isfinite(v)
        kept_u.append(u[both])
        kept_v.append(v[both])
        if sum(map(len, kept_u)) >= _MIN_VALID:
            break
    if sum(map(len, kept_u)) < _MIN_VALID:
        return False
    u, v = np.concatenate(kept_u), np.concatenate(kept_v)
    if np.allclose(u, v, rtol=rtol, atol=atol):
        return True
    # Far apart at many points: different functions, and no algebra can say otherwise. Only near
    # misses (digits lost in floating point) are worth the time of algebra.
    far = ~np.isclose(u, v, rtol=_NEAR_RTOL, atol=_NEAR_ATOL)
    return False if np.count_nonzero(far) > len(u) / 4 else None
