"""The chain-graph widget driven headless: the values and gradients it shows.

What every widget promises (in-place moves, blitting, odd input...) is in test_widget_contract.py.
"""


import matplotlib.pyplot as plt
import numpy as np
import pytest
import sympy as sp
from widget_support import IPYMPL, IPYMPL_WARNING, readout_text

from helpers.neuron import neuron_pass
from helpers.plotting import format_number
from helpers.plotting.chain import draw_tree
from helpers.widgets import chain_graph
from helpers.widgets.chain import chain_readout

pytestmark = IPYMPL_WARNING


X, W, B, Y = sp.symbols("x w b y")
Z = W * X + B
Y_HAT = 1 / (1 + sp.exp(-Z))
LOSS = (Y_HAT - Y) ** 2
NODES = {"x": X, "w": W, "b": B, "y": Y}


@pytest.fixture
def graph(backend):
    backend(IPYMPL)
    return chain_graph()


def set_values(box, **values):
    for name, value in values.items():
        box.sliders[name].value = value


def exact(point):
    at = {NODES[k]: sp.nsimplify(v) for k, v in point.items()}
    grads = {k: float(sp.diff(LOSS, s).subs(at)) for k, s in NODES.items()}
    return float(LOSS.subs(at)), grads


def test_starting_values_match_the_lesson(graph):
    step = graph.state
    assert step.values["z"] == pytest.approx(0.7)
    assert step.values["y_hat"] == pytest.approx(1 / (1 + np.exp(-0.7)))
    assert graph.artists.values["z"].get_text() == "z = 0.700"
    assert graph.artists.gradients["w"].get_text() == f"∂L/∂w = {format_number(step.gradients['w'])}"


@pytest.mark.parametrize("point", [dict(x=1.5, w=0.8, b=-0.5, y=1.0), dict(x=-2.0, w=0.35, b=1.25, y=0.2),
                                   dict(x=0.5, w=-1.5, b=0.0, y=0.9)])
def test_values_and_gradients_shown_equal_sympy(graph, point):
    set_values(graph, **point)
    loss, grads = exact(point)
    step = graph.state
    assert step.values["L"] == pytest.approx(loss, rel=1e-12)
    for name, value in grads.items():
        assert step.gradients[name] == pytest.approx(value, rel=1e-10, abs=1e-14)
        assert graph.artists.gradients[name].get_text().endswith(format_number(value))
    text = readout_text(graph)
    assert f"L = {format_number(loss, 4)}" in text
    assert f"dL/dw = {format_number(grads['w'], 4)}" in text and "the two agree" in text


def test_odd_starting_values_are_clipped(backend):
    backend(IPYMPL)
    box = chain_graph(x=np.nan, w=50.0, b=-50.0, y=2.0, limit=-1)
    assert box.sliders["x"].value == 0.0 and box.sliders["w"].value == 3.0
    assert box.sliders["b"].value == -3.0 and box.sliders["y"].value == 1.0


def test_saturated_neuron_says_why_digits_are_lost():
    text = chain_readout(neuron_pass(3.0, 3.0, 3.0, 0.0))
    assert "agree" in text or "lose digits" in text


def test_tree_diagram_highlights_one_variable(backend):
    backend("Agg")
    fig, ax = plt.subplots()
    tree = draw_tree(ax, "w", ["x", "y", "z"], ["s", "t"], {("w", "x"): "∂w/∂x"}, highlight="s")
    assert len(tree.arrows) == 3 + 3 * 2
    assert tree.edge_labels[("w", "x")].get_text() == "∂w/∂x"
    assert tree.arrows[("x", "s/x")].get_linestyle() in ("-", "solid")
    assert tree.arrows[("x", "t/x")].get_linestyle() in ("--", "dashed")
