"""Fixtures for the browser tests: Chromium through Playwright, and private Jupyter servers.

Chromium is Debian's (``apt-get install -y chromium chromium-driver``); Playwright never
downloads a browser of its own. Set ``COURSE_CHROMIUM`` to use another Chromium binary.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest
from course_server import NOTEBOOK7_ARROW_KEYS, JupyterServer, copy_course
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ARTIFACTS / "browser"
TIMINGS = ARTIFACTS / "browser-timings.json"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL_HINT = (
    "The browser tests need Debian's Chromium: sudo apt-get install -y chromium chromium-driver "
    "(bash course.sh test installs it when run as root), or set COURSE_CHROMIUM to a Chromium "
    "binary."
)

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

# A notebook with the smallest widget of the course's kind (a slider moving a line on an
# ipympl canvas, a readout, a formula box with a message). It proves the mechanics,
# independent of any lesson: a failure here means the front end, not a lesson, is broken.
MECHANICS_SOURCE = '''\
%matplotlib widget
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

x = np.linspace(0, 2 * np.pi, 200)
with plt.ioff():
    fig, ax = plt.subplots(figsize=(4, 3))
(line,) = ax.plot(x, np.sin(x))
k = widgets.FloatSlider(value=1.0, min=0.5, max=3.0, step=0.1, description="k")
readout = widgets.HTML("k = 1.0").add_class("partial-slicer-readout")


def _update(change):
    line.set_ydata(np.sin(k.value * x))
    readout.value = f"k = {k.value:.1f}"
    fig.canvas.draw_idle()


k.observe(_update, "value")
widgets.VBox([k, fig.canvas, readout]).add_class("partial-slicer")'''

CALCULATOR_SOURCE = '''\
import ast

formula = widgets.Text(description="f(x, y) =").add_class("gradient-calculator-input")
message = widgets.HTML("").add_class("gradient-calculator-message")


def _read(change):
    try:
        ast.parse(formula.value, mode="eval")
        message.value = ""
    except SyntaxError:
        message.value = "That formula is not complete: check the operators and brackets."


formula.observe(_read, "value")
widgets.VBox([formula, message]).add_class("gradient-calculator")'''


# The same mechanics, broken the two quiet ways a widget breaks: a callback that raises
# (the figure never moves, the traceback goes to the kernel's log), and one that moves the
# line but never redraws. The harness must report both.
BROKEN_SOURCE = """\
%matplotlib widget
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

plt.ioff()  # no automatic redraw of stale figures: only an explicit draw shows a change
x = np.linspace(0, 2 * np.pi, 200)
fig, ax = plt.subplots(figsize=(3, 2))
(line,) = ax.plot(x, np.sin(x))
raises = widgets.IntSlider(description="raises")
silent = widgets.FloatSlider(value=1.0, min=0.5, max=3.0, description="no redraw")


def _raise(change):
    raise ValueError("a broken widget callback")


def _forget_to_draw(change):
    line.set_ydata(np.sin(silent.value * x))


raises.observe(_raise, "value")
silent.observe(_forget_to_draw, "value")
display(raises)
widgets.VBox([silent, fig.canvas])"""


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Chromium through a Jupyter front end")
    config._course_timings = {}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter, config):
    timings = getattr(config, "_course_timings", {})
    if not timings:
        return
    terminalreporter.section("browser: keypress to visible canvas change; 3D drag: mouse up to settled")
    for name, t in timings.items():
        terminalreporter.write_line(
            f"{name}: median {t['median_ms']} ms over {len(t['samples_ms'])} samples"
            f" (samples {t['samples_ms']}, missed {t['missed']})"
        )
    terminalreporter.write_line(f"written to {TIMINGS.relative_to(ROOT)}")


@pytest.fixture(scope="session")
def record_latency(pytestconfig):
    """Record a latency measurement: summary at the end of the run, and the timings file."""

    def record(name: str, result: dict) -> None:
        pytestconfig._course_timings[name] = result
        print(f"\n{name}: median {result['median_ms']} ms")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        try:
            saved = json.loads(TIMINGS.read_text())
        except (OSError, ValueError):
            saved = {}
        saved[name] = result
        TIMINGS.write_text(json.dumps(saved, indent=2) + "\n")

    return record


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's Chromium, or a clear failure at once (never a hang) when it is missing."""
    if os.environ.get("COURSE_CHROMIUM"):
        candidates = [os.environ["COURSE_CHROMIUM"]]
    else:
        candidates = ["/usr/bin/chromium"] + [shutil.which(n) for n in ("chromium", "chromium-browser")]
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    pytest.fail(f"Chromium not found ({', '.join(filter(None, candidates))}). {INSTALL_HINT}",
                pytrace=False)


@pytest.fixture(scope="session")
def browser(chromium_executable):
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: bash course.sh test installs it", pytrace=False)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS, timeout=30_000
        )
    except Error as error:
        playwright.stop()
        pytest.fail(
            f"Chromium at {chromium_executable} did not start: {error}\n{INSTALL_HINT}",
            pytrace=False,
        )
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser):
    """A fresh browser context and page (no storage shared between tests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def served_course(tmp_path_factory) -> Path:
    """A throwaway copy of the lessons and exercises plus the mechanics notebook, to serve."""
    root = copy_course(ROOT, tmp_path_factory.mktemp("course"), folders=("lessons", "exercises"))
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Widget mechanics"),
            new_code_cell(MECHANICS_SOURCE),
            new_markdown_cell("*Figure: a sine curve whose frequency follows the slider.*"),
            new_code_cell(CALCULATOR_SOURCE),
        ],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    (root / "mechanics").mkdir()
    nbformat.write(nb, root / "mechanics" / "mechanics.ipynb")
    broken = new_notebook(cells=[new_code_cell(BROKEN_SOURCE)], metadata=nb.metadata)
    nbformat.write(broken, root / "mechanics" / "broken.ipynb")
    return root


def _server(app: str, root: Path, tmp_path_factory, settings=None):
    home = tmp_path_factory.mktemp(f"jupyter-{app}")
    server = JupyterServer(app, root, home, settings=settings)
    try:
        server.start()
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    return server


@pytest.fixture(scope="module")
def lab_server(served_course, tmp_path_factory):
    server = _server("lab", served_course, tmp_path_factory)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def notebook7_server(served_course, tmp_path_factory):
    """Notebook 7 with the course's arrow-key setting (see NOTEBOOK7_ARROW_KEYS)."""
    server = _server("notebook", served_course, tmp_path_factory, NOTEBOOK7_ARROW_KEYS)
    yield server
    server.stop()


@pytest.fixture
def stock_notebook7_server(served_course, tmp_path_factory):
    """Notebook 7 exactly as installed, with no course settings."""
    server = _server("notebook", served_course, tmp_path_factory)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lab_page(browser, lab_server):
    """One JupyterLab session for a module's tests: lessons open one after another in it,
    as a learner opens them from the file browser (each test closes the previous one)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshot():
    """screenshot(name, page_or_locator) saves a PNG under tests/artifacts/browser/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str, target) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        try:
            target.screenshot(path=path, timeout=10_000)
        except Exception as error:  # a screenshot must never hide the real failure
            print(f"screenshot {name} failed: {error}")
        return path

    def report(name: str, problems: list[str]) -> None:
        """Keep a failing notebook's problems beside its screenshots (CI keeps artifacts)."""
        path = SCREENSHOTS / f"{name}-problems.txt"
        if problems:
            path.write_text("\n".join(problems) + "\n")
        else:
            path.unlink(missing_ok=True)

    take.report = report
    return take
