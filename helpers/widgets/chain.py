"""The chain-graph widget: backpropagation through one neuron, live.

The model is one neuron with a squared loss::

    z = w x + b,    y_hat = sigmoid(z),    L = (y_hat - y)**2

:func:`helpers.neuron.neuron_pass` (the numeric core) runs the forward pass,
storing every node's value, and the backward pass, multiplying local
derivatives from the loss back to each node. :func:`chain_graph` draws the
computational graph once and, on every slider move, rewrites the numbers in
its boxes and on its arrows.

Examples
--------
>>> "the two agree" in chain_readout(neuron_pass(x=1.5, w=0.8, b=-0.5, y=1.0))
True
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from helpers import blitting
from helpers.calculus import check_gradient, gradient
from helpers.neuron import NeuronPass, neuron_loss, neuron_pass
from helpers.plotting import format_number
from helpers.plotting.chain import CHAIN_EDGES, draw_chain_graph, update_chain_graph
from helpers.widgets.base import FigureBox, figure_view, label, new_figure, refresh, speak, spoken_readout
from helpers.widgets.spoken import chain_sentence

__all__ = ["chain_readout", "chain_graph"]

_AGREE = 1e-5  # relative error below which the two gradients are said to agree


def chain_readout(step: NeuronPass) -> str:
    """HTML readout: ``L``, ``dL/dw``, ``dL/db`` and the central-difference check.

    Never raises; where the numbers are not finite it says so in words.

    Examples
    --------
    >>> "agree" in chain_readout(neuron_pass(1.5, 0.8, -0.5, 1.0))
    True
    >>> "not defined" in chain_readout(neuron_pass(float("nan"), 0.8, -0.5, 1.0))
    True
    """
    v, g = step.values, step.gradients
    text = (f"L = {format_number(v['L'], 4)} &nbsp;|&nbsp; backward pass: dL/dw = "
            f"{format_number(g['w'], 4)}, dL/db = {format_number(g['b'], 4)}")
    if not np.all(np.isfinite([v["L"], g["w"], g["b"]])):
        return text + "<br>The loss is not defined for these values: move a slider."

    def loss(w, b):
        return neuron_loss(v["x"], w, b, v["y"])

    with np.errstate(all="ignore"):
        numeric = gradient(loss, (v["w"], v["b"]))
        error = check_gradient(loss, lambda w, b: (g["w"], g["b"]), (v["w"], v["b"]))
    check = (f"central differences: dL/dw ≈ {format_number(numeric[0], 4)}, dL/db ≈ "
             f"{format_number(numeric[1], 4)}, relative error {error:.1e}")
    if error < _AGREE:
        verdict = "the two agree."
    elif np.isfinite(error):
        verdict = "they differ: the gradient is tiny here, and finite differences lose digits."
    else:
        verdict = "the check could not be computed here."
    return f"{text}<br>{html.escape(check, quote=False)}: {verdict}"


def _slider(name: str, value: float, low: float, high: float, step: float) -> widgets.FloatSlider:
    value = float(np.clip(value, low, high)) if np.isfinite(value) else (low + high) / 2
    return widgets.FloatSlider(value=value, min=low, max=high, step=step, description=name,
                               continuous_update=True, readout=True, readout_format=".2f")


def chain_graph(x: float = 1.5, w: float = 0.8, b: float = -0.5, y: float = 1.0,
                limit: float = 3.0) -> FigureBox:
    """Backpropagation through one neuron, ``L = (sigmoid(w x + b) - y)**2``, live.

    The computational graph is drawn once: boxes for ``x, w, b, z, y_hat, y,
    L`` and arrows between them. Each box shows its forward value and its
    gradient ``dL/d(node)``; each arrow shows its local derivative. Sliders
    move ``x``, ``w``, ``b`` (in ``[-limit, limit]``) and the target ``y``
    (in ``[0, 1]``); the readout gives ``L``, ``dL/dw``, ``dL/db`` and the
    same two partials by central differences, with their relative error.

    Parameters
    ----------
    x, w, b, y : float
        Starting values (clipped into the sliders' ranges).
    limit : float
        Half-width of the ranges of ``x``, ``w`` and ``b``.

    Returns
    -------
    FigureBox
        The container (CSS class ``chain-graph``), with ``sliders``
        (``{"x", "w", "b", "y"}``), ``readout`` (class ``chain-graph-readout``),
        ``figure``, ``artists``, ``update(change=None)`` (what the sliders
        call), ``move(x, w, b, y)`` (the in-place update without the redraw)
        and ``state`` (the last :class:`NeuronPass`).

    Examples
    --------
    In a lesson, after ``%matplotlib widget``::

        show(chain_graph())
    """
    limit = float(limit) if np.isfinite(limit) and limit > 0 else 3.0
    sliders = {"x": _slider("x", x, -limit, limit, 0.05), "w": _slider("w", w, -limit, limit, 0.05),
               "b": _slider("b", b, -limit, limit, 0.05), "y": _slider("target y", y, 0.0, 1.0, 0.01)}
    for name, meaning in (("x", "the input"), ("w", "the weight"), ("b", "the bias"),
                          ("target y", "the value the neuron should output")):
        label(sliders[name.split()[-1]], name, meaning)
    readout = widgets.HTML().add_class("chain-graph-readout")
    spoken = spoken_readout("chain-graph-spoken")
    figure = new_figure((10.0, 4.0))
    ax = figure.add_axes((0.01, 0.01, 0.98, 0.9))
    artists = draw_chain_graph(ax)
    view = figure_view(figure)
    blitter = blitting.Blitter(figure, artists.moving()) if view is figure.canvas else None

    def move(x: float, w: float, b: float, y: float) -> None:
        step = neuron_pass(x, w, b, y)
        local = {edge: step.local[edge] for edge in CHAIN_EDGES}
        update_chain_graph(artists, step.values, step.gradients, local)
        readout.value = chain_readout(step)
        speak(spoken, chain_sentence(step.values, step.gradients))
        box.state = step

    def update(change=None) -> None:
        move(*(sliders[name].value for name in ("x", "w", "b", "y")))
        refresh(view, figure, blitter)

    for slider in sliders.values():
        slider.observe(update, names="value")
    box = FigureBox([widgets.HBox([sliders["x"], sliders["w"]]), widgets.HBox([sliders["b"], sliders["y"]]),
                     readout, spoken, view])
    box.add_class("chain-graph")
    box.summary = "Chain graph: one neuron's forward values and backward gradients dL/d(node)"
    box.alt = ("A computation graph of one neuron: boxes x, w and b feed z = w x + b, then the "
               "prediction ŷ = σ(z) and the loss L; each box shows its value and its gradient.")
    box.sliders, box.readout, box.figure, box.artists = sliders, readout, figure, artists
    box.spoken = spoken
    box.update, box.move = update, move
    update()
    return box
