"""JupyterLab in Chromium: every lesson run as a learner runs it, every widget moved."""

import statistics
from pathlib import Path

import pytest
from accessibility import (
    KeyboardLog,
    audit,
    back_to_cell,
    describe,
    go_to_cell,
    open_by_path,
    run_command,
)
from learner import (
    MALFORMED_FORMULA,
    _settle,
    canvas_follows,
    check_notebook,
    drag_canvas,
    find_widgets,
    install_page_script,
    kernel_errors,
    keypress_latencies,
    open_notebook,
    run_all,
    type_formula,
    use_calculator,
)

ROOT = Path(__file__).resolve().parents[2]

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
ARTIFACTS = ROOT / "tests" / "artifacts" / "browser"


def _audit(page, label, screenshot):
    """axe-core over the page as it is now: no serious or critical violation of the course's own."""
    result = audit(page)
    print(f"{label}: axe-core audit {result['ms']} ms")
    found = describe(result["found"])
    screenshot.report(f"{label}-axe", found)
    assert not found, f"{label}: accessibility violations (axe-core):\n" + "\n".join(found)


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
    _audit(page, f"lab-{lesson.stem}", screenshot)


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


@pytest.mark.timeout(120)
@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda p: p.stem)
def test_exercise_is_accessible(exercise: Path, lab_server, lab_page, screenshot):
    """Each exercise as a learner first opens it: markdown, questions and answer cells."""
    relative = exercise.relative_to(ROOT).as_posix()
    open_notebook(lab_page, lab_server.page_url(relative), path=relative)
    _audit(lab_page, f"lab-exercise-{exercise.stem}", screenshot)


LESSON_01 = "lessons/01-partial-derivatives.ipynb"
EXERCISE_01 = "exercises/01-partial-derivatives.ipynb"


def _widget_cells(page) -> list[dict]:
    """Cells whose outputs hold a course widget: index, slider count, calculator or not."""
    return page.evaluate(
        """() => __course.panel().content.widgets.map((c, i) => ({
             cell: i,
             sliders: c.node.querySelectorAll('.jp-OutputArea-output .noUi-handle').length,
             calculator: !!c.node.querySelector('.gradient-calculator-input input')}))
           .filter(c => c.sliders || c.calculator)"""
    )


_SPOKEN = ("() => [...__course.panel().node.querySelectorAll('.course-spoken-readout [role=status]')]"
           ".map(s => s.innerText).join(' | ')")


def _tab_sliders(log, count: int) -> list[dict]:
    """Tab from the selected cell to each slider of its widget and move it with an arrow key.

    Returns, per slider, where it sits and what the notebook's live regions said after the move
    (a 3D view's turning sliders change the view, not the numbers, so nothing new is said).
    """
    page, moved = log.page, []
    for _ in range(4 * count + 6):
        if len(moved) == count:
            break
        where = log.press("Tab")
        if where.get("role") != "slider":
            continue
        before, said = where["name"], page.evaluate(_SPOKEN)
        key = "ArrowLeft" if page.evaluate(
            "() => document.activeElement.getAttribute('aria-valuenow')"
            " === document.activeElement.getAttribute('aria-valuemax')") else "ArrowRight"
        log.press(key, "move the slider")
        page.wait_for_function("(b) => document.activeElement.getAttribute('aria-valuetext') !== b",
                               arg=before, timeout=15_000)
        turning = page.evaluate("() => !!document.activeElement.closest('.surface-view-turn')")
        if not turning:
            page.wait_for_function(f"(s) => ({_SPOKEN})() !== s", arg=said, timeout=15_000)
        moved.append({"within": where.get("within"), "said": page.evaluate(_SPOKEN), "turning": turning})
    return moved


@pytest.mark.timeout(300)
def test_lesson_01_by_keyboard_alone(lab_server, lab_page, screenshot):
    """Open, run, move every slider, type a formula, answer and check a question: keys only.

    Where the focus went after every key is kept in tests/artifacts/browser/keyboard-focus.txt.
    """
    page = lab_page
    page.evaluate("""() => { if (!window.jupyterapp) return;  // leave the last lesson unsaved
      for (const w of Array.from(window.jupyterapp.shell.widgets('main')))
        if (w.context && w.context.model) w.context.model.dirty = false; }""")
    lab_server.shutdown_kernels()
    page.goto(lab_server.page_url(LESSON_01).replace(f"tree/{LESSON_01}", "tree/mechanics"),
              wait_until="domcontentloaded")  # JupyterLab with no notebook open: the start
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell", timeout=90_000)
    page.evaluate("() => window.jupyterapp.restored.then(() => true)")
    page.wait_for_selector(".jp-Launcher", timeout=30_000)  # the start page, then the keys
    page.wait_for_timeout(1000)
    install_page_script(page)
    log = KeyboardLog(page)
    try:
        open_by_path(log, LESSON_01)
        run_command(log, "Run All Cells")
        page.wait_for_function("() => __course.replies >= __course.runnable() && __course.idle()",
                               timeout=180_000, polling=250)
        assert kernel_errors(page) == []
        log.press("Escape", "command mode")
        cells = _widget_cells(page)
        assert any(c["sliders"] for c in cells) and any(c["calculator"] for c in cells), cells
        for widget in cells:
            go_to_cell(log, widget["cell"])
            if widget["sliders"]:
                moved = _tab_sliders(log, widget["sliders"])
                assert len(moved) == widget["sliders"], f"cell {widget['cell']}: reached {len(moved)} sliders"
                assert all("At (" in m["said"] for m in moved), moved
            if widget["calculator"]:
                for _ in range(6):
                    if log.press("Tab").get("tag") == "input":
                        break
                assert page.evaluate("() => !!document.activeElement.closest('.gradient-calculator-input')")
                log.press("Control+a")
                log.type("x**2*y + y")
                log.press("Enter", "differentiate")
                page.wait_for_function(
                    "(i) => __course.panel().content.widgets[i].node.querySelector("
                    "'.course-spoken-readout [role=status]').innerText.startsWith('Worked out 2 partial')",
                    arg=widget["cell"], timeout=15_000)
            back_to_cell(log)
        screenshot("keyboard-lesson-01", page)

        open_by_path(log, EXERCISE_01)
        run_command(log, "Run All Cells")
        page.wait_for_function("() => __course.replies >= __course.runnable() && __course.idle()",
                               timeout=120_000, polling=250)
        log.press("Escape", "command mode")
        answer = page.evaluate(
            "() => __course.panel().content.widgets.findIndex(c => c.model.sharedModel.getSource()"
            ".startsWith('fx = ...'))")
        go_to_cell(log, answer)
        log.press("Enter", "edit the answer cell")
        log.press("Control+a")
        log.type("fx = 3*x**2*y**2 - 4*y")
        log.press("Shift+Enter", "run the answer; the check cell is next")
        log.press("Shift+Enter", "run the check")
        page.wait_for_function(
            "(i) => __course.idle() && __course.panel().content.widgets[i + 1].node"
            ".querySelector('.jp-OutputArea-output') && __course.panel().content.widgets[i + 1]"
            ".node.querySelector('.jp-OutputArea-output').innerText.includes('Correct')",
            arg=answer, timeout=30_000, polling=250)
        screenshot("keyboard-exercise-01", page)
    finally:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "keyboard-focus.txt").write_text("\n".join(log.lines()) + "\n")
        print("\n".join(log.lines()))
        page.evaluate("""() => {  // nothing to save: the next test may load the page afresh
          for (const w of Array.from(window.jupyterapp.shell.widgets('main')))
            if (w.context && w.context.model) w.context.model.dirty = false;
          delete window.__course;
        }""")


@pytest.mark.timeout(120)
@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="ipympl 0.10 gives a live figure tabindex=0 and stops every key it receives, Tab "
    "included, so keyboard focus cannot leave it (a keyboard trap). The course puts every "
    "control before the figure; the README says how to get out. When this passes upstream, "
    "drop the README note.",
)
def test_tab_leaves_a_live_figure(lab_server, lab_page):
    path = "mechanics/mechanics.ipynb"
    open_notebook(lab_page, lab_server.page_url(path), path=path)
    run_all(lab_page)
    log = KeyboardLog(lab_page)
    lab_page.locator(".jupyter-matplotlib-canvas-div").first.focus()
    log.record("focus the figure")
    where = log.press("Tab")
    assert "canvas" not in where.get("classes", ""), "\n".join(log.lines())
