"""JupyterLab in Chromium: every lesson run as a learner runs it, every widget moved."""

from pathlib import Path

import pytest
from learner import check_notebook, find_widgets, keypress_latencies

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


@pytest.mark.timeout(240)
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_in_jupyterlab(lesson: Path, lab_server, lab_page, screenshot, record_latency):
    page, relative = lab_page, lesson.relative_to(ROOT).as_posix()
    widgets, problems = check_notebook(
        page, lab_server.page_url(relative), f"lab-{lesson.stem}", screenshot, path=relative
    )
    assert not problems, f"{relative}:\n" + "\n".join(problems)
    if lesson.stem.startswith("01"):
        _measure(page, find_widgets(page), f"jupyterlab: {relative}", record_latency)
