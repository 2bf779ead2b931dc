"""The Lagrange explorer driven headless: the point on the curve, the arrows, the readout."""

import numpy as np
import pytest
from widget_support import IPYMPL, IPYMPL_WARNING, artist_count, pixels, readout_text, spy

from helpers.widgets import figure_png, lagrange_explorer
from helpers.widgets.lagrange import DEFAULT_PROBLEMS, ConstrainedProblem

pytestmark = IPYMPL_WARNING


@pytest.fixture
def drawn(backend):
    backend(IPYMPL)
    box = lagrange_explorer()
    box.figure.canvas.draw()
    return box


def test_one_container_with_findable_parts(drawn):
    assert "lagrange-explorer" in drawn._dom_classes
    assert "lagrange-explorer-readout" in drawn.readout._dom_classes
    assert drawn.figure.canvas in drawn.children
    assert drawn.slider.continuous_update and drawn.slider.readout
    assert len(drawn.problem_menu.options) == len(DEFAULT_PROBLEMS)


@pytest.mark.parametrize("name", list(DEFAULT_PROBLEMS))
def test_every_point_lies_on_its_constraint_curve(drawn, name):
    drawn.problem_menu.value = name
    problem = DEFAULT_PROBLEMS[name]
    g = {"x**2 + y**2": lambda a, b: a**2 + b**2, "x**2/4 + y**2": lambda a, b: a**2 / 4 + b**2,
         "x + 2*y": lambda a, b: a + 2 * b}[problem.g]
    for t in np.linspace(drawn.slider.min, drawn.slider.max, 7):
        drawn.slider.value = t
        (px, py), = drawn.artists.point.get_xydata()
        assert g(px, py) == pytest.approx(problem.c, rel=1e-9)


@pytest.mark.parametrize(
    ("name", "t", "lam", "value"),
    [("x + y on the circle", np.pi / 4, 0.5, 2.0), ("x + y on the circle", 5 * np.pi / 4, -0.5, -2.0),
     ("x*y on the ellipse", np.pi / 4, 1.0, 1.0), ("x**2 + y**2 on the line", 2.0, 2.0, 5.0)],
)
def test_at_the_optimum_the_gradients_are_parallel_and_lambda_is_read_out(drawn, name, t, lam, value):
    drawn.problem_menu.value = name
    drawn.slider.value = t
    text = readout_text(drawn)
    assert "parallel, ∇f = λ∇g with λ = " + f"{lam:.3f}" in text
    assert f"f = {value:.3f}" in text
    # the f-panel marker sits at the top (or bottom) of the curve of f
    (_, marker), = drawn.artists.marker.get_xydata()
    along = drawn.artists.along.get_ydata()
    assert marker == pytest.approx(along.max() if lam * (1 if "line" not in name else -1) > 0
                                   else along.min(), abs=1e-3)


def test_away_from_the_optimum_the_readout_says_not_parallel(drawn):
    drawn.slider.value = 0.3
    assert "not parallel, so f still changes along the curve" in readout_text(drawn)
    u = drawn.artists.grad_f.U[0], drawn.artists.grad_f.V[0]
    w = drawn.artists.grad_g.U[0], drawn.artists.grad_g.V[0]
    assert abs(u[0] * w[1] - u[1] * w[0]) > 1e-3  # the arrows point different ways


def test_slider_steps_blit_and_the_problem_switch_redraws(monkeypatch, drawn):
    calls = spy(monkeypatch, drawn.figure.canvas, "draw_idle", "blit", "restore_region")
    for t in np.linspace(0.1, 6.0, 8):
        drawn.slider.value = t
    assert calls["blit"].count == 8 and calls["draw_idle"].count == 0
    drawn.problem_menu.value = "x**2 + y**2 on the line"
    assert calls["draw_idle"].count == 1
    assert (drawn.slider.min, drawn.slider.max) == (0.5, 3.5)


def test_updates_move_the_same_artists_and_never_grow_the_figure(drawn):
    count, point = artist_count(drawn.figure), drawn.artists.point
    for step in range(30):
        drawn.problem_menu.value = list(DEFAULT_PROBLEMS)[step % 3]
        drawn.slider.value = drawn.slider.min + (step / 29) * (drawn.slider.max - drawn.slider.min)
    drawn.figure.canvas.draw()
    assert artist_count(drawn.figure) == count and drawn.artists.point is point


def test_a_blitted_step_shows_what_a_full_draw_shows(drawn):
    canvas = drawn.figure.canvas
    before = pixels(canvas)
    drawn.slider.value = 2.0
    blitted = pixels(canvas)
    assert (blitted != before).any()
    canvas.draw()
    assert np.array_equal(blitted, pixels(canvas))


def test_extreme_and_odd_values_give_plain_words(backend):
    backend(IPYMPL)
    box = lagrange_explorer(position=np.nan)
    for name in DEFAULT_PROBLEMS:
        box.problem_menu.value = name
        for t in (box.slider.min, box.slider.max, -1e9, 1e9):
            box.slider.value = t
            assert "Traceback" not in box.readout.value and "nan" not in readout_text(box)
    odd = {"corner": ConstrainedProblem("sqrt(x)", "x**2 + y**2", 1.0, "cos(t)", "sin(t)", 0.0, 6.3,
                                        (-1.5, 1.5, -1.5, 1.5))}
    box = lagrange_explorer(odd, position=0.5)  # f undefined for x < 0
    assert "undefined" in readout_text(box) or "no angle" in readout_text(box)
    with pytest.raises(ValueError):
        lagrange_explorer({"bad": ConstrainedProblem("__import__('os')", "x", 1.0, "t", "t", 0, 1, (0, 1, 0, 1))})
    with pytest.raises(ValueError, match="at least one"):
        lagrange_explorer({})


def test_png_snapshot_for_static_readers(drawn):
    bundle = drawn._repr_mimebundle_()
    assert bundle["image/png"].startswith(b"\x89PNG")
    assert bundle["text/plain"].startswith("Lagrange explorer")
    before = figure_png(drawn.figure)
    drawn.slider.value = 3.0
    assert figure_png(drawn.figure) != before
