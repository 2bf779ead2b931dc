"""JupyterLab in Chromium: every lesson run as a learner runs it, every widget moved."""

import statistics
from pathlib import Path

import pytest
from learner import (
    MALFORMED_FORMULA,
    canvas_follows,
    check_notebook,
    drag_canvas,
    find_widgets,
    kernel_errors,
    keypress_latencies,
    type_formula,
    use_calculator,
)

ROOT = Path(__file__).resolve().parents[2]

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))


def _measure(page, widgets, name, record_latency):
    """Median of 10 keypress-to-canvas times on the first slider that moves a figure."""
    for widget in widgets:
        if widget.sliders and widget.canvases:
            result = keypress_latencies(page, widget, slider=0, n=10)
            result["widget"] = widget.name
            record_latency(name, result)
            assert result["missed"] == 0, f"{name}: canvas did not change after a keypress"
            return result
    return None


DRAGS = ((90, 30), (-90, -30), (60, -20))  # there, back, and a little more per 3D view


def _surface_views(page, widgets, name, label, record_latency, screenshot):
    """Turn every 3D view by mouse drags and see it follow its lesson widget; returns problems.

    The keyboard turn (elevation and azimuth sliders) is one of the slider moves every
    widget gets from check_notebook. Here: each drag must change the picture and move the
    view's azimuth slider with it; the settle time (mouse up to the last frame) of every
    drag is recorded; and a keyboard step of the lesson widget shown before the view
    must change the 3D picture too.
    """
    problems, samples, frames = [], [], []
    views = [w for w in widgets if "surface-view" in w.classes.split()]
    for view in views:
        for dx, dy in DRAGS:
            dragged = drag_canvas(page, view, dx, dy)
            frames.append(dragged["frames_ms"])
            if not dragged["changed"]:
                problems.append(f"{view.name}: a mouse drag did not turn the figure")
            elif dragged["sliders"][0][-1] == dragged["sliders"][1][-1]:
                problems.append(f"{view.name}: the azimuth slider did not follow a mouse drag")
            if dragged["settle_ms"] is not None:
                samples.append(dragged["settle_ms"])
        sources = [w for w in widgets if w.index < view.index and w.sliders and w.canvases
                   and "surface-view" not in w.classes.split()]
        if not sources:
            problems.append(f"{view.name}: no lesson widget above it")
        elif not canvas_follows(page, sources[-1], 0, view):
            problems.append(f"{view.name}: moving {sources[-1].name}'s first slider left it unchanged")
        screenshot(f"{label}-surface-{view.index + 1}", page.locator(f'[data-course-widget="{view.index}"]'))
    if views:
        record_latency(f"{name}: mouse up to settled 3D view", {
            "median_ms": round(statistics.median(samples), 1) if samples else None,
            "samples_ms": samples, "missed": len(views) * len(DRAGS) - len(samples),
            "frames_ms": frames, "widget": ", ".join(view.name for view in views)})
    return problems


def _check_calculator(page, widget, screenshot, label):
    """A learner checks their work: three variables, a point, a formula, the steps; then a typo."""
    errors = len(kernel_errors(page))
    shown = use_calculator(page, widget, "x*y*z + sin(x*z)", "x, y, z", point="1, 0, 2")
    screenshot(label, page.locator(f'[data-course-widget="{widget.index}"]'))
    assert "Could not" not in shown["message"], shown["message"]
    assert "Largest rate of change" in shown["message"], shown["message"]
    assert shown["steps"].count("Steps for") == 3, shown["steps"][:500]
    for rule in ("Sum rule", "Constant multiple rule", "Chain rule", "Variable rule", "Constant rule"):
        assert rule in shown["steps"], f"{rule!r} not among the steps: {shown['steps'][:500]}"
    assert "held constant" in shown["steps"]
    message = type_formula(page, widget, MALFORMED_FORMULA)
    assert message.startswith("Could not read that formula:"), message
    root = page.locator(f'[data-course-widget="{widget.index}"]')
    assert not root.locator(".gradient-calculator-steps").first.inner_text().strip()
    assert kernel_errors(page)[errors:] == []


@pytest.mark.timeout(120)
def test_widget_mechanics_in_jupyterlab(lab_server, lab_page, screenshot, record_latency):
    """The front end draws ipywidgets and ipympl, and a keyboard slider move redraws."""
    page, path = lab_page, "mechanics/mechanics.ipynb"
    widgets, problems = check_notebook(
        page, lab_server.page_url(path), "lab-mechanics", screenshot, path=path
    )
    assert not problems, "\n".join(problems)
    assert [w.sliders for w in widgets] == [1, 0] and widgets[1].calculator
    assert _measure(page, widgets, "jupyterlab: mechanics notebook", record_latency)


@pytest.mark.timeout(120)
def test_a_broken_widget_is_caught(lab_server, lab_page, screenshot):
    """The checks fail where a learner would see a dead widget, not only on tracebacks."""
    path = "mechanics/broken.ipynb"
    _, problems = check_notebook(
        lab_page, lab_server.page_url(path), "lab-broken", screenshot, 3000, path=path
    )
    report = "\n".join(problems)
    print(report)
    assert "widget 1 (cell 0), slider 1 (ArrowRight): kernel reported ValueError" in report
    assert "widget 2 (cell 0), slider 1 (ArrowRight): nothing changed but the slider" in report
    assert "widget 2 (cell 0): no slider changed the figure's pixels" in report
    assert len(problems) == 3, report


@pytest.mark.timeout(300)
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_in_jupyterlab(lesson: Path, lab_server, lab_page, screenshot, record_latency):
    page, relative = lab_page, lesson.relative_to(ROOT).as_posix()
    widgets, problems = check_notebook(
        page, lab_server.page_url(relative), f"lab-{lesson.stem}", screenshot, path=relative
    )
    assert not problems, f"{relative}:\n" + "\n".join(problems)
    for widget in (w for w in widgets if w.calculator):
        _check_calculator(page, widget, screenshot, f"lab-{lesson.stem}-calculator")
    problems = _surface_views(page, widgets, f"jupyterlab: {relative}", f"lab-{lesson.stem}", record_latency,
                              screenshot)
    assert not problems, f"{relative} (3D views):\n" + "\n".join(problems)
    if lesson.stem.startswith("01"):
        _measure(page, find_widgets(page), f"jupyterlab: {relative}", record_latency)
