"""JupyterLab in Chromium: every lesson run as a learner runs it, every widget moved."""

import statistics
from pathlib import Path

import pytest
from learner import (
    MALFORMED_FORMULA,
    _settle,
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
    for widget in widgets:
        if "descent-playground" in widget.classes and lesson.stem.startswith("07"):
            _check_method_menu(page, widget, relative, screenshot)
        if "lagrange-explorer" in widget.classes:
            _check_problem_menu(page, widget, relative, screenshot)


def _figure_and_readout(page, index):
    return page.evaluate(
        "(i) => { const r = __course.root(i);"
        " return [__course.sig(__course.canvases(r)), __course.readouts(r).join(' ')]; }", index)


def _check_method_menu(page, widget, relative, screenshot):
    """Each choice of the method menu redraws the path and names itself and its behaviour."""
    root = page.locator(f'[data-course-widget="{widget.index}"]')
    menu = root.locator(".widget-dropdown select").nth(1)  # function menu first, then method menu
    menu.scroll_into_view_if_needed()
    expected = {"gradient descent": "Gradient descent: after", "Adam": "Adam: after",
                "Newton's method": "Newton's method: after", "momentum": "Momentum (β = 0.8): after"}
    for label, readout in expected.items():
        before = _figure_and_readout(page, widget.index)
        menu.select_option(label=label)
        page.wait_for_function(
            "([i, text, sig]) => { const r = __course.root(i);"
            " return __course.readouts(r).join(' ').includes(text)"
            " && __course.sig(__course.canvases(r)) !== sig && __course.idle(); }",
            arg=[widget.index, readout, before[0]], timeout=10_000)
        _settle(page, widget, quiet_ms=500)
        figure, text = _figure_and_readout(page, widget.index)
        assert figure != before[0], f"{relative}: choosing {label!r} left the figure unchanged"
        assert any(word in text for word in ("converged", "oscillating", "still descending", "diverged")), text
    screenshot(f"lab-{Path(relative).stem}-method-menu", root)


def _check_problem_menu(page, widget, relative, screenshot):
    """Each constrained problem redraws the map, the curve and f along it, and the readout follows."""
    root = page.locator(f'[data-course-widget="{widget.index}"]')
    menu = root.locator(".widget-dropdown select").first
    menu.scroll_into_view_if_needed()
    labels = [o.strip() for o in menu.locator("option").all_inner_texts()]
    assert len(labels) >= 3, labels
    for label in labels[1:] + labels[:1]:
        before = _figure_and_readout(page, widget.index)
        menu.select_option(label=label)
        page.wait_for_function(
            "([i, sig, text]) => { const r = __course.root(i);"
            " return __course.sig(__course.canvases(r)) !== sig"
            " && __course.readouts(r).join(' ') !== text && __course.idle(); }",
            arg=[widget.index, *before], timeout=10_000)
        _settle(page, widget, quiet_ms=500)  # the full redraw of a new problem may follow the readout
        figure, text = _figure_and_readout(page, widget.index)
        assert figure != before[0] and "∇f = (" in text and "∇g = (" in text, (relative, label, text)
    screenshot(f"lab-{Path(relative).stem}-problem-menu", root)
