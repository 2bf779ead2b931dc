"""Every widget is readable without sight: labelled controls, a live region in words, alt text."""

import html
import math

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.widgets import (
    chain_graph,
    descent_playground,
    direction_dial,
    gradient_calculator,
    gradient_explorer,
    lagrange_explorer,
    matrix_explorer,
    partial_slicer,
    tangent_zoom,
)
from helpers.widgets.base import label, picture_bundle, speak, spoken_readout
from helpers.widgets.practice import practice
from helpers.widgets.spoken import (
    calculator_sentence,
    chain_sentence,
    dial_sentence,
    explorer_sentence,
    plain_text,
    slicer_sentence,
    spoken_number,
    tangent_sentence,
)
from helpers.widgets.surface import surface_view

BUILDERS = {
    "slicer": lambda: partial_slicer(),
    "explorer": lambda: gradient_explorer(),
    "dial": lambda: direction_dial(),
    "tangent": lambda: tangent_zoom(),
    "chain": lambda: chain_graph(),
    "descent": lambda: descent_playground(),
    "lagrange": lambda: lagrange_explorer(),
    "matrix": lambda: matrix_explorer(),
    "3D view": lambda: surface_view(partial_slicer()),
}
SYMBOLS = ("∇", "|", "_", "<", "&")


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def built(request):
    box = BUILDERS[request.param]()
    yield request.param, box
    plt.close(box.figure)


def _controls(box):
    """Every slider, menu, tick box and text box inside a widget, depth first."""
    found, stack = [], [box]
    while stack:
        w = stack.pop()
        stack.extend(getattr(w, "children", ()))
        if isinstance(w, (widgets.FloatSlider, widgets.IntSlider, widgets.FloatLogSlider,
                          widgets.Dropdown, widgets.Text)):
            found.append(w)
    return found


def test_the_slicer_speaks_as_the_issue_asks():
    assert slicer_sentence((1, 2), 12.0, (10.0, 15.0)) == (
        "At (1.00, 2.00), f = 12.0, slope along x 10.0, slope along y 15.0.")
    box = partial_slicer({"p": "x**2*y + 2*y**2"}, x0=1.0, y0=2.0, window=(-3, 3, -3, 3))
    # f = x²y + 2y² = 10 at (1, 2); f_x = 2xy = 4, f_y = x² + 4y = 9 (central differences)
    assert box.spoken.sentence == "At (1.00, 2.00), f = 10.0, slope along x 4.00, slope along y 9.00."
    plt.close(box.figure)


def test_spoken_numbers():
    assert [spoken_number(v) for v in (12.0, 1.5, 0.0123, -3.0, -0.0001234, 0.0)] == [
        "12.0", "1.50", "0.0123", "−3.00", "−0.000123", "0.00"]
    assert spoken_number(math.inf) == spoken_number(math.nan) == "undefined"
    assert spoken_number(-1e-9) == "−1.00e-09"
    assert spoken_number(9.99999) == "10.0" and spoken_number(0.099996) == "0.100"


def test_sentences_say_undefined_and_critical_in_words():
    assert explorer_sentence((0, 0), (0.0, 0.0)).endswith("the gradient is zero: no uphill direction.")
    assert "undefined" in explorer_sentence((0, 0), (math.nan, 1.0))
    assert explorer_sentence((1, 1), (0.0, 2.0)) == (
        "At (1.00, 1.00), the gradient is (0.00, 2.00), length 2.00, pointing 90.0 degrees from the x axis.")
    assert "every direction has rate 0" in dial_sentence(30, (0.866, 0.5), 0.0, 0.0, math.nan)
    assert dial_sentence(0, (1, 0), 2.0, 2.0, 0.0) == (
        "Direction 0.00 degrees, u = (1.00, 0.00): rate along u 2.00, largest rate 2.00, "
        "angle between u and the gradient 0.00 degrees.")
    assert "undefined in this window" in tangent_sentence((0, 0), 1, (0, 0), 0.5, {})
    assert chain_sentence({"y_hat": 0.5, "L": 0.25}, {"w": -0.5, "b": -0.25}) == (
        "Prediction 0.500, loss 0.250; backward pass: slope of the loss along w −0.500, along b −0.250.")


def test_plain_text_drops_markup_and_speaks_symbols():
    assert plain_text("a &lt; b &nbsp;|&nbsp; |∇f| = 2<br>∇f = 0") == (
        "a < b, the length of the gradient = 2. the gradient = 0")
    assert calculator_sentence("$$\\frac{\\partial f}{\\partial x} = 1$$") == (
        "Worked out 1 partial derivative and the gradient; the formulas follow.")


def test_every_control_says_what_it_changes(built):
    name, box = built
    controls = _controls(box)
    assert controls, name
    for control in controls:
        text = getattr(control, "accessible_label", "")
        short, _, meaning = text.partition(", ")
        assert short and len(meaning.split()) >= 2, f"{name}: {control.description!r} has no meaning"
        assert control.description_allow_html and meaning in control.description


def test_every_widget_speaks_its_numbers_when_they_change(built):
    name, box = built
    if name == "3D view":  # it shows its lesson widget's controls; that widget speaks, once
        assert box.spoken is box.linked.spoken and box.spoken not in box.children
        return
    region = box.spoken.value
    assert 'role="status"' in region and 'aria-live="polite"' in region
    before = box.spoken.sentence
    assert before and not any(s in before for s in SYMBOLS), before
    assert any(ch.isdigit() for ch in before)
    slider = next(c for c in _controls(box) if isinstance(c, widgets.FloatSlider))
    slider.value = slider.max if slider.value != slider.max else slider.min
    assert box.spoken.sentence != before
    assert html.escape(box.spoken.sentence, quote=False) in box.spoken.value


def test_the_calculator_and_practice_speak():
    calc = gradient_calculator(text="x**2*y")
    assert calc.spoken.sentence == "Worked out 2 partial derivatives and the gradient; the formulas follow."
    calc.formula.value = "x**2 + * y"
    assert calc.spoken.sentence.startswith("Could not read that formula")
    assert all(getattr(c, "accessible_label", "") for c in (calc.variables, calc.point, calc.direction))
    drill = practice("01", seed=3)
    drill.controls["answer"].value = "0"
    drill.controls["check"].click()
    said = drill.outputs["spoken"].sentence
    assert said.endswith("Right in a row: 0.") and not said.startswith("<")


def test_label_and_speak_escape_markup():
    control = label(widgets.Text(), "a<b", "c & d")
    assert "<b" not in control.description.replace("<span", "") and "&amp;" in control.description
    readout = spoken_readout()
    speak(readout, "<script>")
    assert "<script>" not in readout.value and readout.sentence == "<script>"


def test_a_static_picture_carries_its_alt_text():
    fig, ax = plt.subplots()
    ax.plot(np.arange(3))
    data, metadata = picture_bundle(fig, 'A straight "line" rising')
    plt.close(fig)
    assert 'alt="A straight &quot;line&quot; rising"' in data["text/html"]
    assert metadata["image/png"]["alt"] == data["text/plain"] == 'A straight "line" rising'
    with pytest.raises(ValueError):
        picture_bundle(fig, "  ")
