"""The chain-graph widget driven headless: values, gradients, blitting, odd input."""


import matplotlib.pyplot as plt
import numpy as np
import pytest
import sympy as sp
from widget_support import IPYMPL, IPYMPL_WARNING, artist_count, readout_text, spy

from helpers import widgets as course_widgets
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


@pytest.fixture
def drawn(graph):
    graph.figure.canvas.draw()
    return graph






def set_values(box, **values):
    for name, value in values.items():
        box.sliders[name].value = value




def exact(point):
    at = {NODES[k]: sp.nsimplify(v) for k, v in point.items()}
    grads = {k: float(sp.diff(LOSS, s).subs(at)) for k, s in NODES.items()}
    return float(LOSS.subs(at)), grads




def test_one_container_with_findable_parts(graph):
    assert "chain-graph" in graph._dom_classes
    assert "chain-graph-readout" in graph.readout._dom_classes
    assert graph.figure.canvas in graph.children
    assert set(graph.sliders) == {"x", "w", "b", "y"}
    for slider in graph.sliders.values():
        assert slider.continuous_update and slider.readout


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


def test_update_moves_the_same_artists(graph):
    artists = graph.artists
    texts = {name: t for name, t in artists.values.items()}
    before = artists.values["z"].get_text()
    set_values(graph, w=-1.0)
    assert graph.artists is artists
    assert all(artists.values[name] is t for name, t in texts.items())
    assert artists.values["z"].get_text() != before
    assert artists.edge_labels[("x", "z")].get_text() == "∂z/∂x = -1.000"


def test_fifty_updates_do_not_grow_the_figure(drawn):
    count = artist_count(drawn.figure)
    for step, value in enumerate(np.linspace(-3, 3, 50)):
        set_values(drawn, **{("x", "w", "b")[step % 3]: value}, y=(step % 11) / 10)
    drawn.figure.canvas.draw()
    assert artist_count(drawn.figure) == count


@pytest.mark.parametrize("corner", [(-3, -3, -3, 0), (3, 3, 3, 0), (3, 3, 3, 1), (-3, 3, -3, 1), (0, 0, 0, 0.5)])
def test_extreme_slider_values_do_not_raise(drawn, corner):
    set_values(drawn, **dict(zip("xwby", corner, strict=True)))
    drawn.sliders["w"].value = 1e9  # clamped by the slider
    drawn.figure.canvas.draw()
    assert "undefined" not in drawn.readout.value
    assert np.all(np.isfinite(list(drawn.state.gradients.values())))


@pytest.mark.parametrize("point", [(np.nan, 0.0, 0.0, 1.0), (np.inf, 1.0, 0.0, 0.0), (1e308, 1e308, 0.0, 1.0),
                                   (0.0, -np.inf, 1.0, 0.5)])
def test_odd_values_give_a_message_not_a_traceback(graph, point):
    graph.move(*point)
    graph.figure.canvas.draw()
    assert "Traceback" not in graph.readout.value
    if not np.all(np.isfinite(list(graph.state.gradients.values()))):
        assert "not defined" in graph.readout.value or "could not" in graph.readout.value


def test_odd_starting_values_are_clipped(backend):
    backend(IPYMPL)
    box = chain_graph(x=np.nan, w=50.0, b=-50.0, y=2.0, limit=-1)
    assert box.sliders["x"].value == 0.0 and box.sliders["w"].value == 3.0
    assert box.sliders["b"].value == -3.0 and box.sliders["y"].value == 1.0


def test_saturated_neuron_says_why_digits_are_lost():
    text = chain_readout(neuron_pass(3.0, 3.0, 3.0, 0.0))
    assert "agree" in text or "lose digits" in text


def test_slider_steps_blit_after_the_first_draw(monkeypatch, drawn):
    calls = spy(monkeypatch, drawn.figure.canvas, "draw", "draw_idle", "restore_region", "blit")
    for step, value in enumerate(np.linspace(-2, 2, 8)):
        drawn.sliders["xwb"[step % 3]].value = value
    assert calls["blit"].count == calls["restore_region"].count == 8
    assert calls["draw"].count == calls["draw_idle"].count == 0


def test_a_blitted_step_shows_what_a_full_draw_shows(drawn):
    canvas = drawn.figure.canvas
    before = np.asarray(canvas.buffer_rgba()).copy()
    set_values(drawn, b=1.5)
    blitted = np.asarray(canvas.buffer_rgba()).copy()
    assert (blitted != before).any()
    canvas.draw()
    assert np.array_equal(blitted, np.asarray(canvas.buffer_rgba()))


def test_png_snapshot_exists_and_shows_the_numbers(drawn):
    bundle = drawn._repr_mimebundle_()
    assert bundle["image/png"].startswith(b"\x89PNG")
    assert bundle["text/plain"].startswith("Chain graph")
    before = course_widgets.figure_png(drawn.figure)
    set_values(drawn, x=-2.5)
    assert course_widgets.figure_png(drawn.figure) != before


def test_without_ipympl_the_figure_is_an_image(backend):
    backend("Agg")
    box = chain_graph()
    first = bytes(box.children[-1].value)
    assert first.startswith(b"\x89PNG")
    box.sliders["y"].value = 0.0
    assert bytes(box.children[-1].value) != first


def test_tree_diagram_highlights_one_variable(backend):
    backend("Agg")
    fig, ax = plt.subplots()
    tree = draw_tree(ax, "w", ["x", "y", "z"], ["s", "t"], {("w", "x"): "∂w/∂x"}, highlight="s")
    assert len(tree.arrows) == 3 + 3 * 2
    assert tree.edge_labels[("w", "x")].get_text() == "∂w/∂x"
    assert tree.arrows[("x", "s/x")].get_linestyle() in ("-", "solid")
    assert tree.arrows[("x", "t/x")].get_linestyle() in ("--", "dashed")
