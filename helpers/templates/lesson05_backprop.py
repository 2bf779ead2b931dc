"""Exercise 05, second half, as templates: backpropagation through one neuron, and its cost.

Groups:

- ``neuron``: ``L = (sigmoid(w x + b) - y)^2`` (its gradient, one gradient-descent step)
- ``count``: the tanh chain with ``n`` nodes (forward-mode multiplications)
- ``modes``: a model with many parameters, or a short chain counted as in the lesson (the cheaper mode)
"""

from __future__ import annotations

import functools

import sympy as sp

from helpers.questions import Mistake
from helpers.templates import Template, nice, pick
from helpers.templates.drawing import at_params
from helpers.templates.kit import fair, once_per_version, per_version

__all__ = ["TEMPLATES"]

s, t, x, y = sp.symbols("s t x y")

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


@per_version
def _neuron(p: dict) -> tuple[float, ...]:
    """y_hat, dL/dy_hat, dL/dw and dL/db at the parameters, as floats."""
    return tuple(float(v) for v in at_params(_generic_neuron(), _neuron_at(p)))


def _neuron_grad(p: dict) -> list[float]:
    return list(_neuron(p)[2:])


@per_version
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


@per_version
def _step(p: dict) -> list[float]:
    gw, gb = _neuron_grad(p)
    return [p["w"] - p["eta"] * gw, p["b"] - p["eta"] * gb]


@per_version
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


@per_version
def _neuron_fair(p: dict) -> bool:
    grad, step = _neuron_grad(p), _step(p)
    return abs(grad[1]) > 0.02 and fair([(grad, [m.answer for m in _neuron_mistakes(p)]),
                                         (step, [m.answer for m in _step_mistakes(p)])])


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


@per_version
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

TEMPLATES = tuple(map(once_per_version, (
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
