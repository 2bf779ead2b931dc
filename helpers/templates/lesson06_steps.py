"""Exercise 06, second half, as templates: the Hessian of a quadratic form, descent and Newton steps.

Groups:

- ``A``: ``x^T A x`` for a 2 x 2 integer matrix ``A`` that is not symmetric
- ``f``: ``f = alpha x^2 + beta y^2``, one gradient-descent step from an integer point
- ``g``: ``g = alpha x^2 + beta y^2``, the largest learning rate that converges
- ``w``: ``w = alpha x^4 + beta (y - k)^2``, one Newton step from an integer point
- ``r``: ``r = a x^2 + b x y + c y^2`` with a mixed term, the largest learning rate that converges
  (integer eigenvalues: ``a = c``, or ``a - c = 3`` and ``b = 4``, a 3-4-5 triangle)
"""

from __future__ import annotations

import functools

import sympy as sp

from helpers.questions import Mistake
from helpers.templates import Template, nice, pick
from helpers.templates.drawing import at_params, exact, numbers, point_tex
from helpers.templates.kit import fair, once_per_version, per_version, tex, tex_sum, txt

__all__ = ["TEMPLATES"]

x, y = sp.symbols("x y")

# ------------------------------------------------------------------ group A


def _matrix(p: dict) -> sp.Matrix:
    return sp.Matrix([[p["a11"], p["a12"]], [p["a21"], p["a22"]]])


_A = sp.Matrix(2, 2, sp.symbols("a11 a12 a21 a22"))


@functools.cache
def _generic_quadratic_hessian() -> list:
    """The Hessian of x^T A x for a general A, worked out once by sympy."""
    v = sp.Matrix([x, y])
    return list(sp.hessian(sp.expand((v.T * _A * v)[0]), (x, y)))


def _quadratic_hessian(p: dict) -> list:
    return at_params(_generic_quadratic_hessian(), p)


@per_version
def _quadratic_mistakes(p: dict) -> tuple[Mistake, ...]:
    a = _matrix(p)
    return (
        Mistake(numbers(2 * a), "That is 2A, which is the Hessian only when A is symmetric; this A is not.", "2A"),
        Mistake(numbers(a), "That is A itself: the Hessian comes from differentiating x^T A x twice.", "A itself"),
        Mistake(numbers(sp.Matrix(_quadratic_hessian(p)) / 2),
                f"Your matrix is half the Hessian: check q_xx of the {txt(p['a11'] * x**2)} term.", "half the Hessian"),
        Mistake(numbers(2 * a.T), "That is 2A^T, which is not symmetric either; a Hessian must be.", "2A^T"),
    )


def _draw_a(rng) -> dict:
    while True:
        p = {"a11": pick(rng, [-2, -1, 1, 2, 3, 4, 5]), "a12": pick(rng, [-3, -2, -1, 0, 1, 2, 3, 4]),
             "a21": pick(rng, [-3, -2, -1, 0, 1, 2, 3, 4]), "a22": pick(rng, [-2, -1, 1, 2, 3, 4, 5])}
        if p["a12"] + p["a21"] and fair([(numbers(_quadratic_hessian(p)), [m.answer for m in _quadratic_mistakes(p)])]):
            return p


def _a_tex(p: dict) -> str:
    return f"\\begin{{pmatrix}} {p['a11']} & {p['a12']} \\\\ {p['a21']} & {p['a22']} \\end{{pmatrix}}"


# ------------------------------------------------------------------ group f


def _f(p: dict) -> sp.Expr:
    return p["alpha"] * x**2 + p["beta"] * y**2


_ALPHA, _BETA, _K = sp.symbols("alpha beta k")


@functools.cache
def _generic_descent_gradient() -> tuple:
    """The gradient of alpha x^2 + beta y^2, worked out once by sympy."""
    f = _ALPHA * x**2 + _BETA * y**2
    return sp.diff(f, x), sp.diff(f, y)


@per_version
def _descent(p: dict) -> tuple[tuple, tuple, sp.Rational]:
    """Start, gradient there, learning rate (exact)."""
    start = (p["x0"], p["y0"])
    grad = tuple(at_params(_generic_descent_gradient(), {**p, "x": p["x0"], "y": p["y0"]}))
    return start, grad, exact(p["eta"])


@per_version
def _descent_key(p: dict) -> list:
    start, grad, eta = _descent(p)
    return [s - eta * g for s, g in zip(start, grad, strict=True)]


@per_version
def _descent_mistakes(p: dict) -> tuple[Mistake, ...]:
    start, grad, eta = _descent(p)
    half = (p["alpha"] * start[0], p["beta"] * start[1])
    return (
        Mistake(numbers(s + eta * g for s, g in zip(start, grad, strict=True)),
                "You stepped along +grad f, which climbs; descent goes the other way.", "climbed"),
        Mistake(numbers(s - g for s, g in zip(start, grad, strict=True)),
                "Multiply the gradient by the learning rate before you subtract it.", "learning rate missing"),
        Mistake(numbers(-eta * g for g in grad), "That is the step itself; the new point is the start plus the step.",
                "the step only"),
        Mistake(numbers(s - eta * g for s, g in zip(start, half, strict=True)),
                "The power rule gives a factor 2 in each component of the gradient.", "power rule"),
    )


def _draw_f(rng) -> dict:
    while True:
        p = {"alpha": pick(rng, [1, 2, 3, 4]), "beta": pick(rng, [1, 2, 3, 4]), "x0": pick(rng, [-2, -1, 1, 2, 3]),
             "y0": pick(rng, [-2, -1, 1, 2, 3]), "eta": pick(rng, [0.1, 0.05, 0.2])}
        key = _descent_key(p)
        if all(key) and fair([(numbers(key), [m.answer for m in _descent_mistakes(p)])]):
            return p


# ------------------------------------------------------------------ group g


def _g(p: dict) -> sp.Expr:
    return p["alpha"] * x**2 + p["beta"] * y**2


@per_version
def _curvatures(p: dict) -> tuple:
    return tuple(sorted(sp.hessian(_g(p), (x, y)).eigenvals()))


def _max_rate(p: dict) -> sp.Expr:
    return 2 / _curvatures(p)[-1]


@per_version
def _rate_mistakes(p: dict) -> tuple[Mistake, ...]:
    low, high = _curvatures(p)
    steep = "x" if p["alpha"] > p["beta"] else "y"
    return (
        Mistake(float(1 / high), "That is where the oscillation starts, not where convergence stops.",
                "oscillation onset"),
        Mistake(float(2 / low), "The bound comes from the steepest direction: use the largest curvature.",
                "smallest curvature"),
        Mistake(float(2 / max(p["alpha"], p["beta"])),
                f"Use the Hessian entry, g_{steep}{steep}, not the coefficient of {steep}**2: they differ by a "
                "factor 2.",
                "coefficient for curvature"),
        Mistake(float(2 / (low + high)),
                "That is the best fixed rate, 2/(lambda_min + lambda_max); convergence goes on beyond it.",
                "best rate"),
    )


def _draw_g(rng) -> dict:
    while True:
        p = {"alpha": pick(rng, range(1, 9)), "beta": pick(rng, range(1, 9))}
        if p["alpha"] != p["beta"] and fair([(float(_max_rate(p)), [m.answer for m in _rate_mistakes(p)])]):
            return p


# ------------------------------------------------------------------ group w


def _w(p: dict) -> sp.Expr:
    return p["alpha"] * x**4 + p["beta"] * (y - p["k"]) ** 2


@functools.cache
def _generic_newton() -> tuple[tuple, tuple]:
    """Gradient and Hessian of alpha x^4 + beta (y - k)^2, worked out once by sympy."""
    w = _ALPHA * x**4 + _BETA * (y - _K) ** 2
    return tuple(sp.diff(w, v) for v in (x, y)), tuple(sp.hessian(w, (x, y)))


@per_version
def _newton(p: dict) -> tuple[sp.Matrix, sp.Matrix, sp.Matrix]:
    """Start, gradient and Hessian there."""
    at = {**p, "x": p["x0"], "y": p["y0"]}
    grad, hessian = (at_params(part, at) for part in _generic_newton())
    return sp.Matrix([p["x0"], p["y0"]]), sp.Matrix(grad), sp.Matrix(2, 2, hessian)


@per_version
def _newton_key(p: dict) -> list:
    start, grad, h = _newton(p)
    return list(start - h.LUsolve(grad))


@per_version
def _newton_mistakes(p: dict) -> tuple[Mistake, ...]:
    start, grad, h = _newton(p)
    return (
        Mistake(numbers(start - grad), "That is a gradient step with eta = 1; Newton's step uses the Hessian.",
                "gradient step"),
        Mistake(numbers(start - h * grad), "Multiply the gradient by the inverse of H, not by H.", "multiplied by H"),
        Mistake(numbers(start + h.LUsolve(grad)), "Newton's step is subtracted: x - H^-1 grad f.", "added the step"),
        Mistake([0.0, float(p["k"])], f"One Newton step lands on the minimum only for a quadratic; "
                                      f"{txt(p['alpha'] * x**4)} is not.", "the minimum"),
    )


def _draw_w(rng) -> dict:
    while True:
        p = {"alpha": pick(rng, [1, 2]), "beta": pick(rng, [1, 2, 3, 4]), "k": pick(rng, [-2, -1, 0, 1, 2]),
             "x0": pick(rng, [-3, -2, -1, 1, 2, 3]), "y0": pick(rng, [-2, -1, 0, 1, 2, 3])}
        if p["y0"] != p["k"] and fair([(numbers(_newton_key(p)), [m.answer for m in _newton_mistakes(p)])]):
            return p


# ------------------------------------------------------------------ group r


def _r_terms(p: dict) -> tuple:
    return p["a"] * x**2, p["b"] * x * y, p["c"] * y**2


@per_version
def _r_hessian(p: dict) -> sp.Matrix:
    return sp.hessian(sum(_r_terms(p)), (x, y))


@per_version
def _r_eigenvalues(p: dict) -> tuple:
    """The Hessian's eigenvalues, smallest first."""
    return tuple(sorted(_r_hessian(p).eigenvals()))


def _rate_bound(p: dict) -> sp.Expr:
    return 2 / _r_eigenvalues(p)[-1]


@per_version
def _bound_mistakes(p: dict) -> tuple[Mistake, ...]:
    low, high = _r_eigenvalues(p)
    h = _r_hessian(p)
    steep = "x" if h[0, 0] >= h[1, 1] else "y"
    return (
        Mistake(float(2 / max(h[0, 0], h[1, 1])),
                f"The diagonal entry f_{steep}{steep} = {max(h[0, 0], h[1, 1])} is not the largest curvature here: "
                f"the mixed term {txt(_r_terms(p)[1])} tilts the valley. Use the largest eigenvalue of the Hessian.",
                "diagonal entry for eigenvalue"),
        Mistake(float(2 / low), "The bound comes from the steepest direction: use the largest eigenvalue, "
                                "not the smallest.", "smallest eigenvalue"),
        Mistake(float(1 / high), "That is 1/lambda_max, where the oscillation starts; convergence goes on up to "
                                 "twice that.", "oscillation onset"),
        Mistake(float(2 / (low + high)),
                "That is the best fixed rate, 2/(lambda_min + lambda_max); convergence goes on beyond it.",
                "best rate"),
        Mistake(float(2 / max(p["a"], p["c"])),
                "Use the Hessian's entries (second partials), not the coefficients of f: they differ by a factor 2.",
                "coefficient for curvature"),
    )


def _draw_r(rng) -> dict:
    while True:
        if rng.random() < 0.75:
            a = pick(rng, range(1, 8))
            p = {"a": a, "b": pick(rng, [b for b in range(1 - 2 * a, 2 * a) if b]), "c": a}
        else:
            c = pick(rng, [1, 2, 3, 4, 5])
            a, c = pick(rng, [(c + 3, c), (c, c + 3)])
            p = {"a": a, "b": pick(rng, [-4, 4]), "c": c}
        low = _r_eigenvalues(p)[0]
        if low > 0 and fair([(float(_rate_bound(p)), [m.answer for m in _bound_mistakes(p)])]):
            return p


# ---------------------------------------------------------------- templates

TEMPLATES = tuple(map(once_per_version, (
    Template(
        "06-quadratic-hessian", "A", {"a11": 2, "a12": 1, "a21": 3, "a22": 4}, _draw_a,
        text=lambda p: f"Let $A = {_a_tex(p)}$ and $q(x, y) = \\mathbf{{x}}^\\top A \\mathbf{{x}}$ with "
                       "$\\mathbf{x} = (x, y)$. Find the Hessian of $q$ and store its four entries as numbers in "
                       "`hessian_q`, in the order $[q_{xx}, q_{xy}, q_{yx}, q_{yy}]$.",
        key=_quadratic_hessian,
        mistakes=_quadratic_mistakes,
        code=lambda p: f"A = sp.Matrix([[{p['a11']}, {p['a12']}], [{p['a21']}, {p['a22']}]])",
        worked=lambda p: f"$q = {tex(sp.expand((sp.Matrix([[x, y]]) * _matrix(p) * sp.Matrix([x, y]))[0]))}$, so its "
                         f"Hessian is $A + A^\\top$: $[{', '.join(str(e) for e in _quadratic_hessian(p))}]$.",
    ),
    Template(
        "06-descent-step", "f", {"alpha": 1, "beta": 3, "x0": 1, "y0": 1, "eta": 0.1}, _draw_f,
        text=lambda p: f"Let $f(x, y) = {tex(_f(p))}$. Take one gradient-descent step with learning rate "
                       f"$\\eta = {nice(p['eta'])}$ from $({p['x0']}, {p['y0']})$ and store the new point in "
                       "`new_point` as a list `[x, y]`.",
        key=_descent_key,
        mistakes=_descent_mistakes,
        code=lambda p: f"eta = {nice(p['eta'])}",
        worked=lambda p: f"$\\nabla f({p['x0']}, {p['y0']}) = {point_tex(_descent(p)[1])}$, so the new point is "
                         f"$({p['x0']}, {p['y0']}) - {nice(p['eta'])} \\cdot {point_tex(_descent(p)[1])} = "
                         f"{point_tex(_descent_key(p))}$.",
        spec=lambda p: {"hint": f"Compute grad f at ({p['x0']}, {p['y0']}), then x_new = x_old - eta * grad f."},
    ),
    Template(
        "06-max-rate", "g", {"alpha": 3, "beta": 1}, _draw_g,
        text=lambda p: f"For $g(x, y) = {tex(_g(p))}$, gradient descent with a fixed learning rate $\\eta$ converges "
                       "to the minimum from every start exactly when $0 < \\eta < \\eta_{\\max}$. Find "
                       "$\\eta_{\\max}$ and store it in `max_rate`.",
        key=_max_rate,
        mistakes=_rate_mistakes,
        worked=lambda p: f"The Hessian is diagonal with entries {_curvatures(p)[0]} and {_curvatures(p)[1]}; the "
                         f"largest eigenvalue is {_curvatures(p)[1]}, so $\\eta_{{\\max}} = 2/{_curvatures(p)[1]} = "
                         f"{tex(_max_rate(p))}$.",
    ),
    Template(
        "06-newton-step", "w", {"alpha": 1, "beta": 1, "k": 0, "x0": 1, "y0": 1}, _draw_w,
        text=lambda p: f"Let $w(x, y) = {tex(_w(p))}$. Take one step of Newton's method,\n"
                       "$\\mathbf{x}_1 = \\mathbf{x}_0 - H(\\mathbf{x}_0)^{-1} \\nabla w(\\mathbf{x}_0)$, from "
                       f"$\\mathbf{{x}}_0 = ({p['x0']}, {p['y0']})$ and store $\\mathbf{{x}}_1$ in `newton_point` as "
                       "a list `[x, y]`.",
        key=_newton_key,
        mistakes=_newton_mistakes,
        worked=lambda p: f"$\\nabla w = {point_tex(_newton(p)[1])}$ and $H = \\mathrm{{diag}}({_newton(p)[2][0, 0]}, "
                         f"{_newton(p)[2][1, 1]})$ at the start, so $\\mathbf{{x}}_1 = "
                         f"{point_tex(_newton_key(p))}$.",
        spec=lambda p: {"hint": f"At ({p['x0']}, {p['y0']}) compute grad w and H, solve H s = -grad w, and add s to "
                                f"({p['x0']}, {p['y0']})."},
    ),
    Template(
        "06-rate-bound", "r", {"a": 5, "b": 6, "c": 5}, _draw_r,
        text=lambda p: f"Let $f(x, y) = {tex_sum(_r_terms(p))}$. Its Hessian is not diagonal, so the bound on the "
                       "learning rate comes from its eigenvalues. Find the largest $\\eta_{\\max}$ such that gradient "
                       "descent with a fixed learning rate $0 < \\eta < \\eta_{\\max}$ converges to the minimum from "
                       "every start, and store it in `rate_bound`.",
        key=_rate_bound,
        mistakes=_bound_mistakes,
        worked=lambda p: f"$H = {tex(_r_hessian(p))}$ has eigenvalues {_r_eigenvalues(p)[1]} and "
                         f"{_r_eigenvalues(p)[0]}, so $\\eta_{{\\max}} = 2/{_r_eigenvalues(p)[1]} = "
                         f"{tex(_rate_bound(p))}$.",
        spec=lambda p: {"hint": f"Write down the Hessian of f = {txt(sum(_r_terms(p)))}, find its two eigenvalues, "
                                "and use eta < 2/lambda_max."},
    ),
)))
