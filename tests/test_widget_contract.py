"""What every course widget with a figure promises, checked once for every builder.

DESIGN.md's widget pattern, driven headless: one container with findable parts
and a static picture; a slider step moves the same artists in place and blits
them (once the canvas has had a first full draw), and the blit shows exactly
what a full draw shows; a new function asks for one full draw; fifty steps add
no artist; the extreme ends of every slider and odd values give a message,
never a traceback; without ipympl the figure is an image re-rendered per step.
The 3D surface views (:func:`helpers.widgets.surface_view`) are checked here
too, moved by the controls of the lesson widget they follow.

What each widget computes (slopes, gradients, paths against sympy) is tested in
its own file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.artist import Artist
from widget_support import IPYMPL, IPYMPL_WARNING, artist_count, pixels, spy

from helpers.widgets import (
    FigureBox,
    chain_graph,
    descent_playground,
    direction_dial,
    figure_png,
    gradient_explorer,
    partial_slicer,
    surface_view,
    tangent_zoom,
)

pytestmark = IPYMPL_WARNING

NAN, INF = float("nan"), float("inf")


@dataclass(frozen=True)
class Case:
    """One builder: how to build it, its CSS class, summary and odd inputs."""

    name: str
    build: Callable[[], FigureBox]
    css: str
    summary: str
    odd: tuple[Callable[[FigureBox], object], ...] = ()


def _moves(*states):
    return tuple((lambda box, s=state: box.move(*s)) for state in states)


def _odd_view(box):
    box.sliders["elevation"].value, box.sliders["azimuth"].value = 90.0, -180.0
    return surface_view(box.linked, elevation=NAN, azimuth=INF)


def _diverge(box):
    box.sliders["learning_rate"].value, box.sliders["steps"].value = 1.0, 200


POINTS = _moves((NAN, 0.0), (INF, 1.0), (1e308, -1e308), (0.0, -INF))
CASES = [
    Case("slicer", partial_slicer, "partial-slicer", "Partial slicer", POINTS),
    Case("explorer", gradient_explorer, "gradient-explorer", "Gradient explorer", POINTS),
    Case("dial", direction_dial, "direction-dial", "Direction dial",
         _moves((NAN, 0.0, 0.0), (INF, 1.0, 30.0), (1e308, -1e308, 45.0), (0.0, 0.0, NAN))),
    Case("tangent", tangent_zoom, "tangent-zoom", "Tangent zoom",
         _moves((NAN, 0.0, 0.1), (INF, 1.0, 0.1), (1e308, -1e308, 2.0), (0.0, 0.0, 0.0),
                (0.5, 0.5, NAN), (0.0, -INF, INF))),
    Case("chain", chain_graph, "chain-graph", "Chain graph",
         _moves((NAN, 0.0, 0.0, 1.0), (INF, 1.0, 0.0, 0.0), (1e308, 1e308, 0.0, 1.0), (0.0, -INF, 1.0, 0.5))),
    Case("descent", descent_playground, "descent-playground", "Descent playground", (_diverge,)),
] + [
    Case(f"3D {case.name}", lambda build=case.build: surface_view(build()), "surface-view", "Surface in 3D",
         (_odd_view,))
    for case in (
        Case("slicer", partial_slicer, "", ""), Case("explorer", gradient_explorer, "", ""),
        Case("dial", direction_dial, "", ""), Case("tangent", tangent_zoom, "", ""),
        Case("descent", lambda: descent_playground(newton=True), "", ""),
    )
]


# ----------------------------------------------------------------------------- helpers


def controls(box) -> list[widgets.Widget]:
    """The sliders whose steps move artists in place (a 3D view: those of its lesson widget)."""
    owner = getattr(box, "linked", box)
    return list(owner.sliders.values())


def every_slider(box) -> list[widgets.Widget]:
    """Every slider a learner can move in this container."""
    own = list(box.sliders.values()) if hasattr(box, "linked") else []
    return controls(box) + own


def menu(box):
    return getattr(getattr(box, "linked", box), "function_menu", None)


def value_at(slider, fraction: float):
    """The slider's value a fraction of the way along its range."""
    if isinstance(slider, widgets.FloatLogSlider):
        return slider.base ** (slider.min + fraction * (slider.max - slider.min))
    value = slider.min + fraction * (slider.max - slider.min)
    return int(round(value)) if isinstance(slider, widgets.IntSlider) else value


def steps(box, count: int):
    """``count`` slider steps, each to a new value, the sliders taken in turn."""
    sliders = controls(box)
    for step in range(count):
        slider = sliders[step % len(sliders)]
        fraction = (0.2 + 0.61 * step) % 1.0
        value = value_at(slider, fraction)
        if value == slider.value:
            value = value_at(slider, (fraction + 0.3) % 1.0)
        slider.value = value
        yield slider


def image_view(box) -> widgets.Image:
    return next(child for child in box.children if isinstance(child, widgets.Image))


@pytest.fixture(params=CASES, ids=lambda case: case.name)
def case(request):
    return request.param


@pytest.fixture
def box(backend, case):
    backend(IPYMPL)
    return case.build()


@pytest.fixture
def drawn(box):
    """A widget whose canvas has had its first full draw, as a browser asks for it."""
    box.figure.canvas.draw()
    return box


# ----------------------------------------------------------------------------- the contract


def test_one_container_with_findable_parts(case, box):
    assert isinstance(box, FigureBox) and case.css in box._dom_classes
    assert box.figure.canvas in box.children
    assert not box.figure.canvas.header_visible and not box.figure.canvas.toolbar_visible
    assert box.readout in box.children or any(box.readout in getattr(c, "children", ()) for c in box.children)
    assert any(name.endswith("-readout") for name in box.readout._dom_classes)  # the browser finds it
    for slider in every_slider(box):
        assert slider.continuous_update and slider.readout
    assert box.figure.get_figwidth() * box.figure.dpi <= 820  # fits a notebook column


def test_display_carries_the_widget_and_a_static_png(case, box):
    bundle = box._repr_mimebundle_()
    assert bundle["image/png"].startswith(b"\x89PNG")
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == box.model_id
    assert bundle["text/plain"] == box.summary and box.summary.startswith(case.summary)


def _artists(artists) -> dict:
    """The artists (and tuples of artists) a scene holds, by name: not its plain numbers."""
    return {name: part for name, part in vars(artists).items()
            if isinstance(part, Artist) or (isinstance(part, tuple) and part
                                            and all(isinstance(p, Artist) for p in part))}


def test_slider_steps_move_the_same_artists(drawn):
    artists = drawn.artists
    parts = _artists(artists)
    assert parts
    before = pixels(drawn.figure.canvas)
    for _ in steps(drawn, 6):
        pass
    assert drawn.artists is artists
    assert all(getattr(artists, name) is part for name, part in parts.items())
    assert (pixels(drawn.figure.canvas) != before).any()


def test_slider_steps_blit_after_the_first_draw(monkeypatch, drawn):
    calls = spy(monkeypatch, drawn.figure.canvas, "draw", "draw_idle", "restore_region", "blit")
    moved = len(list(steps(drawn, 9)))
    assert calls["blit"].count == calls["restore_region"].count == moved
    assert calls["draw"].count == calls["draw_idle"].count == 0


def test_a_blitted_step_shows_what_a_full_draw_shows(drawn):
    canvas = drawn.figure.canvas
    for _ in steps(drawn, 3):
        blitted = pixels(canvas)
        canvas.draw()
        assert np.array_equal(blitted, pixels(canvas))


def test_before_the_first_draw_a_step_asks_for_a_full_draw(monkeypatch, box):
    calls = spy(monkeypatch, box.figure.canvas, "draw_idle", "blit")
    next(steps(box, 1))
    assert (calls["draw_idle"].count, calls["blit"].count) == (1, 0)
    box.figure.canvas.draw()
    next(steps(box, 1))
    assert (calls["draw_idle"].count, calls["blit"].count) == (1, 1)


def test_a_new_function_asks_for_a_full_draw_and_a_new_background(monkeypatch, drawn):
    functions = menu(drawn)
    if functions is None:
        pytest.skip("this widget has one function")
    canvas = drawn.figure.canvas
    calls = spy(monkeypatch, canvas, "draw_idle", "blit", "copy_from_bbox")
    functions.value = functions.options[-1][1]
    assert (calls["draw_idle"].count, calls["blit"].count) == (1, 0)
    next(steps(drawn, 1))  # before that draw: no blit of the old still part
    assert (calls["draw_idle"].count, calls["blit"].count) == (2, 0)
    canvas.draw()
    assert calls["copy_from_bbox"].count == 1
    next(steps(drawn, 1))
    assert calls["blit"].count == 1
    blitted = pixels(canvas)
    canvas.draw()
    assert np.array_equal(blitted, pixels(canvas))


def test_fifty_steps_and_new_functions_add_no_artist(drawn):
    count = artist_count(drawn.figure)
    for _ in steps(drawn, 50):
        pass
    functions = menu(drawn)
    if functions is not None:
        first = functions.value
        for _, name in functions.options:
            functions.value = name
        functions.value = first
    drawn.figure.canvas.draw()
    assert artist_count(drawn.figure) == count


def test_the_extreme_ends_of_every_slider_give_no_traceback(drawn):
    functions = menu(drawn)
    for name in [value for _, value in functions.options] if functions is not None else [None]:
        if name is not None:
            functions.value = name
        for end in ("min", "max"):
            for slider in every_slider(drawn):
                slider.value = value_at(slider, 0.0 if end == "min" else 1.0)
            drawn.figure.canvas.draw()
            assert "Traceback" not in drawn.readout.value


def test_odd_values_give_a_message_not_a_traceback(case, box):
    for odd in case.odd:
        made = odd(box)
        for shown in (box, made) if isinstance(made, FigureBox) else (box,):
            shown.figure.canvas.draw()
            assert shown.readout.value and "Traceback" not in shown.readout.value


def test_a_png_snapshot_shows_the_moving_artists(drawn):
    before = figure_png(drawn.figure)
    for _ in steps(drawn, 2):
        pass
    assert figure_png(drawn.figure) != before
    assert all(artist.get_animated() for artist in drawn.artists.moving())
    drawn.figure.canvas.draw()  # a snapshot leaves the figure stale: the browser redraws it
    next(steps(drawn, 1))
    blitted = pixels(drawn.figure.canvas)
    drawn.figure.canvas.draw()
    assert np.array_equal(blitted, pixels(drawn.figure.canvas))


def test_without_ipympl_the_figure_is_an_image(backend, case):
    backend("Agg")
    box = case.build()
    image = image_view(box)
    first = bytes(image.value)
    assert first.startswith(b"\x89PNG")
    for _ in steps(box, 2):
        pass
    assert bytes(image.value) != first
    assert box.figure.number not in plt.get_fignums()
