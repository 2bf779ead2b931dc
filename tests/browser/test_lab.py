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
def test_widget_mechanics_in_jupyterlab(lab_server, page, screenshot, record_latency):
    """The front end draws ipywidgets and ipympl, and a keyboard slider move redraws."""
    widgets, problems = check_notebook(
        page, lab_server.page_url("mechanics/mechanics.ipynb"), "lab-mechanics", screenshot
    )
    assert not problems, "\n".join(problems)
    assert [w.sliders for w in widgets] == [1, 0] and widgets[1].calculator
    assert _measure(page, widgets, "jupyterlab: mechanics notebook", record_latency)


@pytest.mark.timeout(120)
def test_a_broken_widget_is_caught(lab_server, page, screenshot):
    """The checks fail where a learner would see a dead widget, not only on tracebacks."""
    _, problems = check_notebook(
        page, lab_server.page_url("mechanics/broken.ipynb"), "lab-broken", screenshot, 3000
    )
    report = "\n".join(problems)
    assert "widget 1 (cell 0), slider 1 (ArrowRight): kernel reported ValueError" in report
    assert "widget 2 (cell 0), slider 1 (ArrowRight): the figure's pixels did not change" in report
    assert len(problems) == 2, report


@pytest.mark.timeout(240)
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_in_jupyterlab(lesson: Path, lab_server, page, screenshot, record_latency):
    relative = lesson.relative_to(ROOT).as_posix()
    widgets, problems = check_notebook(
        page, lab_server.page_url(relative), f"lab-{lesson.stem}", screenshot
    )
    assert not problems, f"{relative}:\n" + "\n".join(problems)
    if lesson.stem.startswith("01"):
        _measure(page, find_widgets(page), f"jupyterlab: {relative}", record_latency)
    lab_server.shutdown_kernels()
