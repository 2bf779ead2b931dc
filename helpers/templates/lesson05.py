"""Exercise 05 as templates: the chain rule along paths and trees, implicit slopes, backpropagation.

Groups (questions in one group share a function):

- ``path``: ``z = x^m y^n`` with ``x = cos(j t)`` or ``sin(j t)`` and ``y = exp(k t)`` (dz/dt)
- ``st``: ``z = x^m y^n`` with ``x = s t`` and ``y = alpha s + beta t^2`` (dz/ds)
- ``tree``: ``w = x y + c z`` with ``x = s + alpha t``, ``y = beta s - t``, ``z = s t`` (both partials)
- ``curve``: ``a x^2 + b x y + c y^2 = K`` through an integer point (the implicit slope)
- ``neuron``: ``L = (sigmoid(w x + b) - y)^2`` (its gradient, one gradient-descent step)
- ``count``: the tanh chain with ``n`` nodes (forward-mode multiplications)
- ``modes``: a model with many parameters, or a short chain counted as in the lesson (the cheaper mode)
"""

from __future__ import annotations

import functools

import sympy as sp

from helpers.questions import Mistake
from helpers.templates import Template, nice, pick
from helpers.templates.drawing import apart, at_params, cached, distinct_functions, per_params, tex, txt

__all__ = ["TEMPLATES"]

s, t, x, y = sp.symbols("s t x y")

# --------------------------------------------------------------- group path

_INNER_X = {"cos": sp.cos, "sin": sp.sin}


def _path_parts(p: dict) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """f(x, y), x(t) and y(t)."""
    return x ** p["m"] * y ** p["n"], _INNER_X[p["x"]](p["j"] * t), sp.exp(p["k"] * t)


def _along(expr: sp.Expr, p: dict) -> sp.Expr:
    _, xt, yt = _path_parts(p)
    return expr.subs({x: xt, y: yt})


@per_params
def _dzdt(p: dict) -> sp.Expr:
    f, xt, yt = _path_parts(p)
    return sp.diff(f.subs({x: xt, y: yt}), t)


@per_params
def _dzdt_mistakes(p: dict) -> tuple[Mistake, ...]:
    f, xt, yt = _path_parts(p)
    fx, fy = (_along(sp.diff(f, v), p) for v in (x, y))
    dx, dy = sp.diff(xt, t), sp.diff(yt, t)
    out = [
        Mistake(txt(fx * dx), f"A path is missing: y = {txt(yt)} changes with t too, so add f_y * y'(t).",
                "missing path"),
        Mistake(txt(fy * dy), f"A path is missing: x = {txt(xt)} changes with t too, so add f_x * x'(t).",
                "missing path"),
        Mistake(txt(fx + fy), "Multiply each partial by the t-derivative of its own inner function: "
                              "f_x x'(t) + f_y y'(t).", "inner derivatives missing"),
        Mistake(txt(-fx * dx + fy * dy), f"Check the sign of x'(t): the derivative of {txt(xt)} is {txt(dx)}.",
                "sign of a derivative"),
    ]
    if p["j"] != 1:
        out.append(Mistake(txt(fx * dx / p["j"] + fy * dy), f"Chain rule inside x: the derivative of {txt(xt)} is "
                                                             f"{txt(dx)}; the factor {p['j']} is missing.",
                           "missing chain factor"))
    if p["k"] != 1:
        out.append(Mistake(txt(fx * dx + fy * dy / p["k"]), f"Chain rule inside y: the derivative of {txt(yt)} is "
                                                             f"{txt(dy)}; the factor {p['k']} is missing.",
                           "missing chain factor"))
    return tuple(out)


def _draw_path(rng) -> dict:
    while True:
        m, n = pick(rng, [(1, 2), (2, 1), (1, 1), (1, 3)])
        p = {"m": m, "n": n, "x": pick(rng, list(_INNER_X)), "j": pick(rng, [1, 2]), "k": pick(rng, [1, 2, -1])}
        if _path_fair(p):
            return p


@per_params
def _path_fair(p: dict) -> bool:
    return distinct_functions([_dzdt(p), *(sp.sympify(mk.answer) for mk in _dzdt_mistakes(p))], (t,))


def _path_text(p: dict) -> str:
    f, xt, yt = _path_parts(p)
    return (f"Let $z = {tex(f)}$ where $x = {tex(xt)}$ and $y = {tex(yt)}$. Find $\\dfrac{{dz}}{{dt}}$ as a formula in "
            "$t$ and store it in `dz_dt`.")


# ----------------------------------------------------------------- group st


def _st_parts(p: dict) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """f(x, y), x(s, t) and y(s, t)."""
    return x ** p["m"] * y ** p["n"], s * t, p["alpha"] * s + p["beta"] * t**2


def _in_st(expr: sp.Expr, p: dict) -> sp.Expr:
    _, xst, yst = _st_parts(p)
    return expr.subs({x: xst, y: yst})


@per_params
def _dzds(p: dict) -> sp.Expr:
    return sp.diff(_in_st(_st_parts(p)[0], p), s)


@per_params
def _dzds_mistakes(p: dict) -> tuple[Mistake, ...]:
    f, xst, yst = _st_parts(p)
    fx, fy = (_in_st(sp.diff(f, v), p) for v in (x, y))
    return (
        Mistake(txt(fx * sp.diff(xst, s)), f"The path through y is missing: y = {txt(yst)} depends on s too.",
                "missing path"),
        Mistake(txt(fy * sp.diff(yst, s)), f"The path through x is missing: x = {txt(xst)} depends on s too.",
                "missing path"),
        Mistake(txt(fx + fy), f"Multiply each partial by the s-derivative of its inner function: x_s = "
                              f"{txt(sp.diff(xst, s))} and y_s = {txt(sp.diff(yst, s))}.", "inner derivatives missing"),
        Mistake(txt(sp.diff(_in_st(f, p), t)), "That is the partial with respect to t; this question asks for dz/ds, "
                                               "with t held fixed.", "other partial"),
    )


def _draw_st(rng) -> dict:
    while True:
        m, n = pick(rng, [(2, 1), (1, 2), (1, 1), (2, 2)])
        p = {"m": m, "n": n, "alpha": pick(rng, [1, 2, 3, -1]), "beta": pick(rng, [1, 2, 3, -1])}
        if _st_fair(p):
            return p


@per_params
def _st_fair(p: dict) -> bool:
    return distinct_functions([_dzds(p), *(sp.sympify(mk.answer) for mk in _dzds_mistakes(p))], (s, t))


# --------------------------------------------------------------- group tree


def _tree_parts(p: dict) -> tuple[sp.Expr, dict]:
    """w(x, y, z) and the inner functions of s and t."""
    z = sp.Symbol("z")
    inner = {x: s + p["alpha"] * t, y: p["beta"] * s - t, z: s * t}
    return x * y + p["c"] * z, inner


@per_params
def _tree_gradient(p: dict) -> list:
    w, inner = _tree_parts(p)
    return [sp.expand(sp.diff(w.subs(inner), v)) for v in (s, t)]


@per_params
def _tree_mistakes(p: dict) -> tuple[Mistake, ...]:
    w, inner = _tree_parts(p)
    z = sp.Symbol("z")
    wx, wy, wz = (sp.diff(w, v).subs(inner) for v in (x, y, z))
    x_s, y_s, z_s = (sp.diff(inner[v], s) for v in (x, y, z))
    x_t, y_t, z_t = (sp.diff(inner[v], t) for v in (x, y, z))
    return (
        Mistake(txt(sp.expand(wx * x_s + wy * y_s)), f"In dw/ds the path through z = s*t is missing: add "
                                                     f"w_z * z_s = {txt(wz * z_s)}.", "missing path"),
        Mistake(txt(sp.expand(wx * x_t + wy * y_t)), f"In dw/dt the path through z = s*t is missing: add "
                                                     f"w_z * z_t = {txt(wz * z_t)}.", "missing path"),
        Mistake(txt(sp.expand(wx * x_t - wy * y_t + wz * z_t)),
                f"Check y_t: y = {txt(inner[y])}, so its t-derivative is -1.", "sign of a derivative"),
        Mistake(txt(_tree_gradient(p)[1]), "Order: the first entry is dw/ds and the second dw/dt.",
                "swapped components"),
    )


def _draw_tree(rng) -> dict:
    while True:
        p = {"alpha": pick(rng, [1, 2, 3]), "beta": pick(rng, [1, 2, 3]), "c": pick(rng, [1, 2, 3, -1])}
        if _tree_fair(p):
            return p


@per_params
def _tree_fair(p: dict) -> bool:
    answers = [*_tree_gradient(p), *(sp.sympify(mk.answer) for mk in _tree_mistakes(p)[:3])]
    return distinct_functions(answers, (s, t))


def _tree_text(p: dict) -> str:
    w, inner = _tree_parts(p)
    z = sp.Symbol("z")
    return (f"Let $w = {tex(w)}$ where $x = {tex(inner[x])}$, $y = {tex(inner[y])}$ and $z = {tex(inner[z])}$. "
            "Find both partial derivatives and store them as a list `[dw/ds, dw/dt]` of formulas in $s$ and $t$, "
            "in `grad_w`.")


# -------------------------------------------------------------- group curve

_A, _B, _C = sp.symbols("a b c")


@functools.cache
def _generic_curve_partials() -> tuple[sp.Expr, sp.Expr]:
    """F_x and F_y of a x^2 + b x y + c y^2, worked out once by sympy."""
    curve = _A * x**2 + _B * x * y + _C * y**2
    return sp.diff(curve, x), sp.diff(curve, y)


def _curve(p: dict) -> sp.Expr:
    return p["a"] * x**2 + p["b"] * x * y + p["c"] * y**2


@per_params
def _curve_partials(p: dict) -> list:
    return at_params(_generic_curve_partials(), {**p, "x": p["x0"], "y": p["y0"]})


def _slope(p: dict) -> sp.Expr:
    fx, fy = _curve_partials(p)
    return -fx / fy


@per_params
def _slope_mistakes(p: dict) -> tuple[Mistake, ...]:
    fx, fy = _curve_partials(p)
    return (
        Mistake(float(fx / fy), "Sign: from F_x + F_y y' = 0 it follows that y' = -F_x / F_y.", "sign"),
        Mistake(float(-fy / fx), "The fraction is upside down: y' = -F_x / F_y.", "upside down"),
        Mistake(float(-(2 * p["a"] * p["x0"]) / (2 * p["c"] * p["y0"])),
                f"The term {txt(p['b'] * x * y)} depends on x and on y, so it adds to F_x and to F_y.",
                "dropped the mixed term"),
    )


def _draw_curve(rng) -> dict:
    while True:
        p = {"a": pick(rng, [1, 2, 3]), "b": pick(rng, [1, 2, 3, -1, -2]), "c": pick(rng, [1, 2, 3]),
             "x0": pick(rng, [1, 2, 3, -1, -2]), "y0": pick(rng, [1, 2, 3, -1, -2])}
        fx, fy = _curve_partials(p)
        if _curve_fair(p):
            return p


@per_params
def _curve_fair(p: dict) -> bool:
    fx, fy = _curve_partials(p)
    return bool(fx and fy and _curve(p).subs({x: p["x0"], y: p["y0"]}) > 0
                and apart(float(_slope(p)), [m.answer for m in _slope_mistakes(p)], 3))


# ------------------------------------------------------------- group neuron

_W, _B0, _X0, _Y0 = sp.symbols("w b x0 y0")


@functools.cache
def _generic_neuron() -> tuple[sp.Expr, ...]:
    """y_hat, dL/dy_hat and dL/dw, dL/db of one neuron, worked out once by sympy."""
    y_hat = 1 / (1 + sp.exp(-(_W * _X0 + _B0)))
    loss = (y_hat - _Y0) ** 2
    return y_hat, 2 * (y_hat - _Y0), sp.diff(loss, _W), sp.diff(loss, _B0)


def _neuron_at(p: dict) -> dict:
    return {"w": p["w"], "b": p["b"], "x0": p["x"], "y0": p["y"]}


@per_params
def _neuron(p: dict) -> tuple[float, ...]:
    """y_hat, dL/dy_hat, dL/dw and dL/db at the parameters, as floats."""
    return tuple(float(v) for v in at_params(_generic_neuron(), _neuron_at(p)))


def _neuron_grad(p: dict) -> list[float]:
    return list(_neuron(p)[2:])


@per_params
def _neuron_mistakes(p: dict) -> tuple[Mistake, ...]:
    y_hat, dl_dyhat, gw, gb = _neuron(p)
    dl_dz, xin = gb, p["x"]
    return (
        Mistake([dl_dyhat * xin, dl_dyhat],
                "The local derivative of y_hat = sigmoid(z), sigmoid(z)(1 - sigmoid(z)), is missing.",
                "sigmoid derivative missing"),
        Mistake([dl_dz, dl_dz], "dL/dw needs the local derivative dz/dw = x.", "factor x missing"),
        Mistake([gb, gw], "Order: the first entry is dL/dw and the second dL/db.", "swapped components"),
        Mistake([dl_dyhat * y_hat * xin, dl_dyhat * y_hat],
                "The derivative of sigmoid(z) is sigmoid(z)(1 - sigmoid(z)), not sigmoid(z).", "sigmoid derivative"),
    )


@per_params
def _step(p: dict) -> list[float]:
    gw, gb = _neuron_grad(p)
    return [p["w"] - p["eta"] * gw, p["b"] - p["eta"] * gb]


@per_params
def _step_mistakes(p: dict) -> tuple[Mistake, ...]:
    gw, gb = _neuron_grad(p)
    eta = p["eta"]
    return (
        Mistake([p["w"] + eta * gw, p["b"] + eta * gb],
                "Gradient descent steps against the gradient: subtract the learning rate times the gradient.",
                "climbed"),
        Mistake([p["w"] - gw, p["b"] - gb], f"Multiply the gradient by the learning rate {nice(eta)} before "
                                            "subtracting.", "learning rate missing"),
        Mistake([-eta * gw, -eta * gb], "That is only the change of (w, b); the new values are the old ones plus "
                                        "this change.", "the change only"),
    )


def _draw_neuron(rng) -> dict:
    while True:
        p = {"x": pick(rng, [2.0, -1.0, 3.0, -2.0, 1.5]), "w": pick(rng, [-0.5, 0.5, 1.0, -1.0, 0.25]),
             "b": pick(rng, [0.5, -0.5, 0.0, 1.0]), "y": pick(rng, [0.0, 1.0]), "eta": pick(rng, [0.5, 0.1, 0.2])}
        if _neuron_fair(p):
            return p


@per_params
def _neuron_fair(p: dict) -> bool:
    grad, step = _neuron_grad(p), _step(p)
    return (abs(grad[1]) > 0.02 and apart(grad, [*(m.answer for m in _neuron_mistakes(p)), step], 3)
            and apart(step, [*(m.answer for m in _step_mistakes(p)), grad], 3))


def _neuron_text(p: dict) -> str:
    return ("One neuron: $z = wx + b$, $\\hat y = \\sigma(z) = \\dfrac{1}{1 + e^{-z}}$, $L = (\\hat y - y)^2$, with "
            f"input $x = {nice(p['x'])}$, weight $w = {nice(p['w'])}$, bias $b = {nice(p['b'])}$ and target "
            f"$y = {nice(p['y'])}$.")


# -------------------------------------------------------- groups count, modes

_J, _N = sp.symbols("j n", integer=True, positive=True)


def _forward_count(n: int) -> int:
    """Multiplications of forward mode for all n partials of the tanh chain (the lesson's count), by sympy."""
    return int(sp.summation(_N - _J + 1, (_J, 1, _N)).subs(_N, n))


def _count_mistakes(p: dict) -> tuple[Mistake, ...]:
    n = p["n"]
    return (
        Mistake(2 * n, "That is the reverse-mode count, 2n: this question asks for forward mode.", "reverse mode"),
        Mistake(n * n, "The sweep for theta_j only passes the nodes from j on: n - j + 1 multiplications, not n.",
                "n per sweep"),
        Mistake(n, "Forward mode needs one sweep per parameter, and each sweep several multiplications: add them all "
                   "up.", "one per sweep"),
    )


_HOW_MANY = {10**3: "a thousand", 10**4: "ten thousand", 10**5: "a hundred thousand", 10**6: "a million",
             10**7: "ten million", 10**8: "a hundred million", 10**9: "a billion"}


def _how_many(n: int) -> str:
    return _HOW_MANY.get(n, f"{n:,}")


@per_params
def _cheaper(p: dict) -> str:
    if p["kind"] == "model":  # sweeps: one per parameter forward, one in all backward
        forward, reverse = p["n"], 1
    else:
        forward, reverse = _forward_count(p["n"]), 2 * p["n"]
    return "forward" if forward < reverse else "reverse" if reverse < forward else "same"


def _cheaper_mistakes(p: dict) -> tuple[Mistake, ...]:
    wrong = [c for c in ("forward", "reverse", "same") if c != _cheaper(p)]
    if p["kind"] == "model":
        many = _how_many(p["n"])
        hints = {"forward": f"A forward-mode sweep gives the partial for one parameter only: {many} parameters need "
                            f"{many} sweeps.",
                 "same": f"The number of sweeps differs: count how many each mode needs for {many} parameters.",
                 "reverse": "Count the sweeps each mode needs."}
        return tuple(Mistake(c, hints[c], f"chose {c}") for c in wrong)
    n = p["n"]
    hints = {"forward": f"Forward mode needs n - j + 1 multiplications for theta_j: add them up for n = {n} and "
                        f"compare with 2 * {n}.",
             "reverse": f"Reverse mode costs 2n multiplications however short the chain: compare 2 * {n} with "
                        f"1 + ... + {n}.",
             "same": f"Work out both counts for n = {n}, 1 + ... + {n} and 2 * {n}: are they really equal?"}
    return tuple(Mistake(c, hints[c], f"chose {c}") for c in wrong)


def _draw_modes(rng) -> dict:
    if pick(rng, ["model", "chain", "chain"]) == "model":
        return {"kind": "model", "n": pick(rng, [10**3, 10**4, 10**5, 10**6, 10**7, 10**8, 5000, 50000, 200000,
                                                   3 * 10**6])}
    return {"kind": "chain", "n": pick(rng, [1, 2, 3, 4, 5, 6, 8, 10])}


def _modes_text(p: dict) -> str:
    choices = ("Answer with the text `\"forward\"`, `\"reverse\"` (backpropagation) or `\"same\"`, and store it in "
               "`cheaper`.")
    if p["kind"] == "model":
        return (f"A model has one scalar loss and {_how_many(p['n'])} parameters. To get all the partial derivatives "
                "of the loss, which is cheaper: one forward-mode sweep per parameter, or backpropagation? " + choices)
    n = p["n"]
    return ("In the chain $a_k = \\tanh(\\theta_k\\, a_{k-1})$ of Lesson 05, Section 6, forward mode computes "
            "$\\partial L/\\partial\\theta_j$ with $n - j + 1$ multiplications and reverse mode computes all the "
            f"partials with $2n$. For a chain of $n = {n}$ node{'s' if n > 1 else ''}, which needs fewer "
            f"multiplications for all {n} partial derivative{'s' if n > 1 else ''}? " + choices)


def _modes_worked(p: dict) -> str:
    if p["kind"] == "model":
        return (f"Forward mode needs {_how_many(p['n'])} sweeps, one per parameter; one backward sweep gives every "
                "partial: `\"reverse\"`.")
    n = p["n"]
    return (f"Forward: $1 + \\dots + {n} = {_forward_count(n)}$ multiplications; reverse: $2 \\cdot {n} = {2 * n}$: "
            f"`\"{_cheaper(p)}\"`.")


# ---------------------------------------------------------------- templates

_NEURON_BASE = {"x": 2.0, "w": -0.5, "b": 0.5, "y": 0.0, "eta": 0.5}

TEMPLATES = tuple(map(cached, (
    Template(
        "05-dzdt", "path", {"m": 1, "n": 2, "x": "cos", "j": 1, "k": 1}, _draw_path,
        text=_path_text,
        key=_dzdt,
        mistakes=_dzdt_mistakes,
        worked=lambda p: f"$\\dfrac{{dz}}{{dt}} = f_x\\,x'(t) + f_y\\,y'(t) = {tex(_dzdt(p))}$.",
        spec=lambda p: {"hint": "Use dz/dt = f_x x'(t) + f_y y'(t), then write everything in terms of t."},
    ),
    Template(
        "05-dzds", "st", {"m": 2, "n": 1, "alpha": 1, "beta": 1}, _draw_st,
        text=lambda p: f"Let $z = {tex(_st_parts(p)[0])}$ where $x = {tex(_st_parts(p)[1])}$ and "
                       f"$y = {tex(_st_parts(p)[2])}$. Find $\\dfrac{{\\partial z}}{{\\partial s}}$ as a formula in "
                       "$s$ and $t$ and store it in `dz_ds`.",
        key=_dzds,
        mistakes=_dzds_mistakes,
        worked=lambda p: f"$\\dfrac{{\\partial z}}{{\\partial s}} = f_x x_s + f_y y_s = {tex(_dzds(p))}$.",
        spec=lambda p: {"hint": f"Use dz/ds = f_x x_s + f_y y_s, with f = {txt(_st_parts(p)[0])}, then substitute "
                                f"x = {txt(_st_parts(p)[1])} and y = {txt(_st_parts(p)[2])}."},
    ),
    Template(
        "05-gradient-st", "tree", {"alpha": 1, "beta": 1, "c": 1}, _draw_tree,
        text=_tree_text,
        key=_tree_gradient,
        mistakes=_tree_mistakes,
        worked=lambda p: "Three paths, through x, y and z, lead to each of s and t: "
                         f"$[{tex(_tree_gradient(p)[0])}, {tex(_tree_gradient(p)[1])}]$.",
    ),
    Template(
        "05-implicit-slope", "curve", {"a": 1, "b": 1, "c": 1, "x0": 1, "y0": 2}, _draw_curve,
        text=lambda p: f"The point $({p['x0']}, {p['y0']})$ lies on the curve ${tex(_curve(p))} = "
                       f"{_curve(p).subs({x: p['x0'], y: p['y0']})}$. Compute the slope $\\dfrac{{dy}}{{dx}}$ of the "
                       "curve there (a number) and store it in `slope`.",
        key=_slope,
        mistakes=_slope_mistakes,
        worked=lambda p: f"$F_x = {_curve_partials(p)[0]}$ and $F_y = {_curve_partials(p)[1]}$ at the point, so "
                         f"$y' = -F_x / F_y = {tex(_slope(p))}$.",
        spec=lambda p: {"hint": f"With F = {txt(_curve(p) - _curve(p).subs({x: p['x0'], y: p['y0']}))}, compute F_x "
                                f"and F_y at ({p['x0']}, {p['y0']}); then y' = -F_x / F_y."},
    ),
    Template(
        "05-neuron-grad", "neuron", _NEURON_BASE, _draw_neuron,
        text=lambda p: _neuron_text(p) + " Run the forward pass, then the backward pass, and store the list "
                                         "`[dL/dw, dL/db]` (two numbers) in `grad_L`.",
        key=_neuron_grad,
        mistakes=_neuron_mistakes,
        worked=lambda p: f"Forward: $z = {nice(p['w'] * p['x'] + p['b'])}$, $\\hat y = {_neuron(p)[0]:.4f}$. Backward: "
                         f"$\\partial L/\\partial z = 2(\\hat y - y)\\,\\hat y(1 - \\hat y) = {_neuron(p)[3]:.4f}$, "
                         f"times $x$ for $w$ and 1 for $b$: $[{_neuron(p)[2]:.4f}, {_neuron(p)[3]:.4f}]$.",
    ),
    Template(
        "05-descent-step", "neuron", _NEURON_BASE, _draw_neuron,
        text=lambda p: _neuron_text(p) + f" Take one gradient-descent step from $(w, b) = ({nice(p['w'])}, "
                                         f"{nice(p['b'])})$ with learning rate $\\eta = {nice(p['eta'])}$, using the "
                                         "gradient $(\\partial L/\\partial w, \\partial L/\\partial b)$. Store the new "
                                         "parameters as a list `[w_new, b_new]` in `new_params`.",
        key=_step,
        mistakes=_step_mistakes,
        worked=lambda p: f"$(w, b) - {nice(p['eta'])} \\cdot ({_neuron(p)[2]:.4f}, {_neuron(p)[3]:.4f}) = "
                         f"({_step(p)[0]:.4f}, {_step(p)[1]:.4f})$.",
        spec=lambda p: {"hint": f"New (w, b) = old (w, b) - {nice(p['eta'])} * (dL/dw, dL/db), with the gradient of "
                                "the loss at the old (w, b)."},
    ),
    Template(
        "05-forward-mode-count", "count", {"n": 50},
        lambda rng: {"n": pick(rng, [10, 12, 15, 16, 20, 24, 25, 30, 32, 40, 50, 60, 64, 75, 80, 100, 120, 200])},
        text=lambda p: "In the chain $a_k = \\tanh(\\theta_k\\, a_{k-1})$ of Lesson 05, Section 6, forward mode "
                       "computes $\\partial L/\\partial\\theta_j$ with $n - j + 1$ multiplications. For a chain of "
                       f"$n = {p['n']}$ nodes, how many multiplications does forward mode need for **all** "
                       f"${p['n']}$ partial derivatives? Store the number in `forward_count`.",
        key=lambda p: _forward_count(p["n"]),
        mistakes=_count_mistakes,
        worked=lambda p: f"$\\sum_{{j=1}}^{{{p['n']}}} ({p['n']} - j + 1) = 1 + 2 + \\dots + {p['n']} = "
                         f"\\dfrac{{{p['n']} \\cdot {p['n'] + 1}}}{{2}} = {_forward_count(p['n'])}$.",
    ),
    Template(
        "05-cheaper-mode", "modes", {"kind": "model", "n": 10**6}, _draw_modes,
        text=_modes_text,
        key=_cheaper,
        mistakes=_cheaper_mistakes,
        worked=_modes_worked,
        spec=lambda p: {"hint": "Count the sweeps: forward mode needs one per parameter, reverse mode one in all."
                        if p["kind"] == "model" else
                        "Count the multiplications of each mode with the lesson's rule, for this n."},
    ),
)))
