"""Colour and contrast: text meets WCAG AA, colours survive colour blindness, styles back up colour."""

import itertools

import matplotlib
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from helpers.plotting import PALETTE, TEXT_PALETTE
from helpers.plotting.contrast import (
    AA_TEXT,
    colour_difference,
    composite,
    contrast_ratio,
    relative_luminance,
    simulate,
    text_contrasts,
    worst_contrast,
)
from helpers.widgets import (
    chain_graph,
    descent_playground,
    direction_dial,
    gradient_explorer,
    lagrange_explorer,
    matrix_explorer,
    partial_slicer,
    tangent_zoom,
)
from helpers.widgets.surface import surface_view

matplotlib.use("Agg")

FIGURES = {
    "slicer": lambda: partial_slicer(),
    "slicer at a corner": lambda: partial_slicer(x0=-2, y0=2),
    "explorer": lambda: gradient_explorer(),
    "dial": lambda: direction_dial(),
    "tangent": lambda: tangent_zoom(),
    "chain": lambda: chain_graph(),
    "descent with Newton": lambda: descent_playground(newton=True),
    "lagrange": lambda: lagrange_explorer(),
    "matrix": lambda: matrix_explorer(),
    "3D view of the descent": lambda: surface_view(descent_playground(newton=True)),
}
VISIONS = ("normal", "protanopia", "deuteranopia", "tritanopia")
#: Smallest CIE76 difference allowed between two colours drawn together (2.3 is just noticeable).
DISTINCT = 15.0


@pytest.fixture(scope="module", params=sorted(FIGURES))
def figure(request):
    box = FIGURES[request.param]()
    yield request.param, box.figure
    plt.close(box.figure)


def test_wcag_formula_on_known_values():
    assert contrast_ratio("black", "white") == pytest.approx(21.0)
    assert contrast_ratio("white", "white") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the AA grey
    assert contrast_ratio("#777777", "#FFFFFF") < AA_TEXT  # one step lighter fails
    assert relative_luminance("#FF0000") == pytest.approx(0.2126)
    assert composite("black", 0.5, "white") == pytest.approx((0.5, 0.5, 0.5))


def test_the_checker_catches_low_contrast_text():
    fig = Figure()
    ax = fig.add_subplot()
    ax.text(0.5, 0.5, "pale", color="#BBBBBB")
    ax.text(0.2, 0.2, "on a dark box", color="black", bbox={"facecolor": "#222222"})
    found = {t.text: t.ratio for t in text_contrasts(fig)}
    assert found["pale"] < 2 and found["on a dark box"] < 2
    assert worst_contrast(fig).ratio == min(found.values())


def test_text_on_a_filled_map_is_judged_on_its_darkest_colour():
    fig = Figure()
    ax = fig.add_subplot()
    ax.contourf([[0, 1], [2, 3]], cmap="cividis")
    ax.text(0.5, 0.5, "black on the map", color="black")
    (found,) = [t for t in text_contrasts(fig) if t.text == "black on the map"]
    assert found.ratio < AA_TEXT  # cividis starts at dark blue, where black text cannot be read


def test_every_text_of_every_widget_meets_aa(figure):
    name, fig = figure
    texts = list(text_contrasts(fig))
    assert len(texts) > 10, name
    low = [f"{t.text!r}: {t.ratio:.2f} ({mcolors.to_hex(t.colour)} on {mcolors.to_hex(t.background)})"
           for t in texts if t.ratio < AA_TEXT]
    assert not low, f"{name}: " + "; ".join(low)


def test_text_palette_meets_aa_on_white_and_its_tints():
    for colour in TEXT_PALETTE.values():
        for background in ("#FFFFFF", "#EEEEEE", "#BBE1F6", "#F8F2A0"):
            assert contrast_ratio(colour, background) >= AA_TEXT, (colour, background)
    for plain in ("blue", "vermillion"):
        assert contrast_ratio(PALETTE[plain], "#BBE1F6") < AA_TEXT  # why the darker shades exist


def test_simulated_colour_blindness_matches_known_confusions():
    # red and green collapse for protanopia and deuteranopia, not for normal vision
    assert colour_difference("#D00000", "#00A000", "normal") > 80
    assert colour_difference("#D00000", "#00A000", "deuteranopia") < 35
    assert simulate("#777777", "tritanopia") == pytest.approx(mcolors.to_rgb("#777777"), abs=0.01)


def _curves(ax):
    """The lines that carry information: drawn in palette colours (grey axes and guides aside)."""
    palette = {mcolors.to_hex(c) for c in PALETTE.values()}
    return [line for line in ax.get_lines()
            if line.get_visible() and mcolors.to_hex(line.get_color()) in palette]


def _style(line):
    """What tells a line apart besides colour: dashes (if it has two points), marker, marker size."""
    dashes = line.get_linestyle() if len(line.get_xdata()) != 1 else "None"
    return dashes, line.get_marker(), round(line.get_markersize())


def test_curves_differ_in_style_as_well_as_colour(figure):
    name, fig = figure
    for ax in fig.axes:
        for a, b in itertools.combinations(_curves(ax), 2):
            if mcolors.to_hex(a.get_color()) == mcolors.to_hex(b.get_color()):
                continue
            style_a, style_b = _style(a), _style(b)
            assert style_a != style_b, f"{name}: {a.get_label()!r} and {b.get_label()!r} differ by colour only"


def test_colours_drawn_together_stay_distinct_in_colour_blindness(figure):
    name, fig = figure
    for ax in fig.axes:
        colours = {mcolors.to_hex(line.get_color()) for line in _curves(ax)}
        colours |= {mcolors.to_hex(line.get_markerfacecolor()) for line in _curves(ax)
                    if line.get_marker() not in (None, "None", "")}
        for a, b in itertools.combinations(sorted(colours), 2):
            for vision in VISIONS:
                assert colour_difference(a, b, vision) >= DISTINCT, f"{name}: {a} and {b} in {vision}"


def test_the_palette_itself_stays_distinct():
    worst = min(colour_difference(a, b, v) for a, b in itertools.combinations(PALETTE.values(), 2)
                for v in VISIONS)
    assert worst >= DISTINCT
