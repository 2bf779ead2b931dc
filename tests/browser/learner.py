"""What a learner does in the browser, as small steps the browser tests compose.

Every step works in JupyterLab 4 and in Notebook 7 (both expose the same application
object when started with ``expose_app_in_browser``) and every wait has a timeout.

The page side is one script, :data:`PAGE_SCRIPT`, installed once per page: it counts
execute replies and error messages from the kernel, finds the widgets in the outputs,
fingerprints canvas pixels, and times a keypress until the canvas visibly changes.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

__all__ = [
    "MALFORMED_FORMULA",
    "RUN_ALL_TIMEOUT_MS",
    "blank_figures",
    "canvas_follows",
    "check_notebook",
    "drag_canvas",
    "WidgetView",
    "find_widgets",
    "install_page_script",
    "kernel_errors",
    "keypress_latencies",
    "move_slider",
    "open_notebook",
    "output_errors",
    "run_all",
    "slider_handle",
    "type_formula",
    "use_calculator",
    "widget_render_problems",
]

MALFORMED_FORMULA = "x**2 + * y"
RUN_ALL_TIMEOUT_MS = 150_000
CHANGE_TIMEOUT_MS = 10_000

# Text the widget manager shows when the front end cannot draw a widget.
RENDER_FAILURES = ("Error displaying widget", "model not found", "Loading widget...")

PAGE_SCRIPT = r"""
(() => {
  if (window.__course) return;
  const C = {};
  window.__course = C;
  C.panel = () => {
    const app = window.jupyterapp;
    const w = app && app.shell && app.shell.currentWidget;
    return w && w.content && w.sessionContext ? w : null;
  };
  C.kernel = () => {
    const p = C.panel();
    return p && p.sessionContext.session ? p.sessionContext.session.kernel : null;
  };
  C.reset = () => { C.replies = 0; C.errors = []; C.watched = null; };
  C.reset();
  C.watch = () => {
    const k = C.kernel();
    if (!k || C.watched === k) return;
    C.watched = k;
    k.anyMessage.connect((_, args) => {
      const m = args.msg;
      if (args.direction !== 'recv' || !m || !m.header) return;
      if (m.header.msg_type === 'execute_reply') C.replies += 1;
      if (m.header.msg_type === 'error') {
        // the exception, then where it was raised: the last frames of the traceback
        const plain = (m.content.traceback || []).join('\n').replace(/\u001b\[[0-9;]*m/g, '');
        const where = plain.split('\n').filter(l => /^(File |Cell In)/.test(l.trim())).slice(-3);
        C.errors.push([`${m.content.ename}: ${m.content.evalue}`, ...where].join('\n    '));
      }
    });
  };
  C.codeCells = () => {
    const p = C.panel();
    return p.content.widgets.filter(c => c.model.type === 'code');
  };
  C.runnable = () => C.codeCells().filter(c => c.model.sharedModel.getSource().trim()).length;
  C.idle = () => {
    const k = C.kernel();
    if (!k || k.status !== 'idle') return false;
    return !C.codeCells().some(c => (c.promptNode && c.promptNode.textContent || '').includes('*'));
  };

  // Canvas fingerprint: FNV-1a over every pixel (cheap enough to run once per frame).
  C.sig = (canvases) => canvases.map(cv => {
    const w = cv.width, h = cv.height;
    if (!w || !h) return 'empty';
    const ctx = cv.getContext('2d');
    if (!ctx) return 'no-2d';
    const d = new Uint32Array(ctx.getImageData(0, 0, w, h).data.buffer);
    let a = 0x811c9dc5 | 0, distinct = 0;
    for (let i = 0; i < d.length; i++) {
      a = Math.imul(a ^ d[i], 16777619);
      if (d[i] !== d[0]) distinct = 1;
    }
    return `${w}x${h}:${(a >>> 0).toString(16)}:${distinct}`;
  }).join('|');
  C.root = (i) => document.querySelector(`[data-course-widget="${i}"]`);
  // Elements matching a selector in a widget view, the view's own root included.
  C.within = (root, sel) => [root, ...root.querySelectorAll(sel)].filter(e => e.matches(sel));
  C.sliders = (root) => C.within(root, '.widget-slider, .widget-hslider')
    .filter(s => s.querySelector('.noUi-handle'));
  C.canvases = (root) => {
    const mpl = [...root.querySelectorAll('.jupyter-matplotlib-canvas-div > canvas:first-child')];
    return mpl.length ? mpl : [...root.querySelectorAll('canvas')];
  };
  C.readouts = (root) => C.within(root, '[class*="readout"]')
    .filter(e => !e.classList.contains('widget-readout'))
    .map(e => e.innerText.trim());

  // Number the top-level widget views in the outputs, in page order.
  C.findWidgets = () => {
    const roots = [...document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets')];
    const cells = C.panel().content.widgets;
    return roots.map((root, i) => {
      root.setAttribute('data-course-widget', String(i));
      const cell = cells.findIndex(c => c.node.contains(root));
      const sliders = C.sliders(root).length;
      const input = C.within(root, '.gradient-calculator-input')[0];
      return {
        index: i,
        cell: cell,
        classes: root.className,
        sliders: sliders,
        canvases: C.canvases(root).length,
        readouts: C.readouts(root).length,
        calculator: !!input,
      };
    });
  };
  C.handle = (i, j) => C.sliders(C.root(i))[j].querySelector('.noUi-handle');
  C.state = (i, j) => {
    const root = C.root(i);
    const h = C.handle(i, j);
    const slider = h.closest('.widget-slider, .widget-hslider');
    const own = slider.querySelector('.widget-readout');
    return {
      canvas: C.sig(C.canvases(root)),
      readouts: C.readouts(root),
      sliderReadout: own ? own.innerText.trim() : h.getAttribute('aria-valuenow'),
      now: parseFloat(h.getAttribute('aria-valuenow')),
      max: parseFloat(h.getAttribute('aria-valuemax')),
    };
  };

  // Arm a timer: keydown (event time) -> first animation frame showing new canvas pixels.
  C.arm = (i) => {
    const canvases = C.canvases(C.root(i));
    const before = C.sig(canvases);
    let t0 = null;
    const onKey = (e) => { if (t0 === null) t0 = e.timeStamp; };
    document.addEventListener('keydown', onKey, true);
    const started = performance.now();
    C.pending = new Promise(resolve => {
      const tick = () => {
        if (t0 !== null && C.sig(canvases) !== before) {
          document.removeEventListener('keydown', onKey, true);
          resolve(performance.now() - t0);
        } else if (performance.now() - started > 10000) {
          document.removeEventListener('keydown', onKey, true);
          resolve(null);
        } else {
          requestAnimationFrame(tick);
        }
      };
      requestAnimationFrame(tick);
    });
  };

  // Arm a timer for a drag on widget i's canvas: mouse up -> the last frame that changed
  // the canvas, once it has been quiet for quietMs (null when nothing changed after mouse up).
  C.armSettle = (i, quietMs) => {
    const canvases = C.canvases(C.root(i));
    const before = C.sig(canvases);
    let up = null, last = null, shown = before;
    const frames = [];
    const onUp = (e) => { if (up === null) up = e.timeStamp; };
    document.addEventListener('mouseup', onUp, true);
    const started = performance.now();
    C.settled = new Promise(resolve => {
      const done = (result) => { document.removeEventListener('mouseup', onUp, true); resolve(result); };
      const tick = () => {
        const now = performance.now(), s = C.sig(canvases);
        if (s !== shown) { shown = s; last = now; frames.push(now); }
        const since = (t) => Math.round(t - (up === null ? started : up));
        if (up !== null && now - Math.max(up, last === null ? up : last) > quietMs) {
          done({changed: shown !== before, settle: last !== null && last > up ? last - up : 0,
                frames: frames.map(since)});
        } else if (now - started > 15000) {
          done({changed: shown !== before, settle: null, frames: frames.map(since)});
        } else {
          requestAnimationFrame(tick);
        }
      };
      requestAnimationFrame(tick);
    });
  };
})();
"""


@dataclass
class WidgetView:
    """One widget view found in the outputs after Run All."""

    index: int
    cell: int
    classes: str
    sliders: int
    canvases: int
    readouts: int
    calculator: bool

    @property
    def name(self) -> str:
        course = [c for c in self.classes.split() if not c.startswith(("lm-", "jupyter-", "widget-"))]
        return f"widget {self.index + 1} (cell {self.cell}{', ' + ' '.join(course) if course else ''})"


def install_page_script(page: Page) -> None:
    page.evaluate(PAGE_SCRIPT)


def open_notebook(page: Page, url: str, path: str | None = None, timeout_ms: int = 90_000) -> None:
    """Open a notebook and wait until its kernel is ready, as a learner waits for it.

    With ``path``, and JupyterLab already loaded in the page, the notebook opens inside
    the running app (as from the file browser), after the previous notebook is closed
    and its kernel shut down; otherwise the page loads ``url``.
    """
    if path and not _open_in_app(page, path, timeout_ms):
        path = None
    if not path:
        page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell"
            " && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.sessionContext",
            timeout=timeout_ms,
        )
        install_page_script(page)
    page.wait_for_function(
        "() => { const k = __course.kernel(); return !!k && k.status === 'idle'; }",
        timeout=timeout_ms,
    )
    page.evaluate("() => __course.watch()")


def _open_in_app(page: Page, path: str, timeout_ms: int) -> bool:
    """Open ``path`` in the JupyterLab already in the page; False if there is none."""
    ready = page.evaluate(
        "() => !!(window.__course && window.jupyterapp && window.jupyterapp.shell"
        " && window.jupyterapp.shell.mode !== undefined"
        " && !document.querySelector('.jp-Dialog'))"
    )
    if not ready:
        return False
    page.evaluate(
        """async (path) => {
          const app = window.jupyterapp;
          for (const w of Array.from(app.shell.widgets('main'))) {
            if (w.sessionContext) {
              try { await w.sessionContext.shutdown(); } catch (e) { /* already gone */ }
            }
            if (w.context && w.context.model) w.context.model.dirty = false;
            w.dispose();
          }
          __course.reset();
          await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
        }""",
        path,
    )
    page.wait_for_function(
        "(path) => { const p = __course.panel(); return !!p && p.context.path === path; }",
        arg=path,
        timeout=timeout_ms,
    )
    return True


def run_all(page: Page, timeout_ms: int = RUN_ALL_TIMEOUT_MS) -> float:
    """Run > Run All Cells from the menu bar; wait until every cell ran. Returns seconds."""
    start = time.monotonic()
    expected = page.evaluate("() => { __course.replies = 0; return __course.runnable(); }")
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(".lm-Menu-item:has(.lm-Menu-itemLabel:text-is('Run All Cells'))").click()
    page.wait_for_function(
        "(n) => (__course.replies >= n || __course.errors.length > 0) && __course.idle()",
        arg=expected,
        timeout=timeout_ms,
        polling=200,
    )
    return time.monotonic() - start


def kernel_errors(page: Page) -> list[str]:
    """Every error the kernel reported since the notebook opened (cells and widget callbacks)."""
    return page.evaluate("() => __course.errors.slice()")


def output_errors(page: Page) -> list[str]:
    """Error outputs shown in the notebook's cells, as 'cell N: Name: message'."""
    return page.evaluate(
        """() => {
          const found = [];
          const cells = __course.panel().content.widgets;
          cells.forEach((c, i) => {
            if (c.model.type !== 'code') return;
            for (const o of c.model.outputs.toJSON()) {
              if (o.output_type === 'error') found.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
            }
          });
          return found;
        }"""
    )


def widget_render_problems(page: Page, timeout_ms: int = 30_000) -> list[str]:
    """Compare widget views in the notebook model with those drawn on the page.

    Waits (bounded) for every widget view to be drawn; then reports cells whose views are
    missing or that show the widget manager's failure text (missing extension, model not
    found, stuck loading).
    """
    counts = """() => {
      const cells = __course.panel().content.widgets;
      const out = [];
      cells.forEach((c, i) => {
        if (c.model.type !== 'code') return;
        const views = c.model.outputs.toJSON().filter(
          o => o.data && o.data['application/vnd.jupyter.widget-view+json']).length;
        const drawn = c.node.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets').length;
        const text = c.node.querySelector('.jp-Cell-outputWrapper');
        out.push({cell: i, views, drawn, text: text ? text.innerText : ''});
      });
      return out;
    }"""
    try:
        page.wait_for_function(
            f"() => ({counts})().every(c => c.drawn >= c.views)", timeout=timeout_ms, polling=250
        )
    except PlaywrightTimeout:  # reported below with the details
        pass
    problems = []
    for cell in page.evaluate(counts):
        if cell["drawn"] < cell["views"]:
            problems.append(
                f"cell {cell['cell']}: {cell['views']} widget view(s), {cell['drawn']} drawn"
            )
        for failure in RENDER_FAILURES:
            if failure in cell["text"]:
                problems.append(f"cell {cell['cell']}: shows {failure!r}")
    return problems


def find_widgets(page: Page) -> list[WidgetView]:
    return [WidgetView(**w) for w in page.evaluate("() => __course.findWidgets()")]


def blank_figures(page: Page, widgets: list[WidgetView], timeout_ms: int = 30_000) -> list[str]:
    """Widgets whose canvas never shows a picture (waits, bounded, for the first draw)."""
    blank = []
    for widget in widgets:
        if not widget.canvases:
            continue
        drawn = (
            "(i) => __course.sig(__course.canvases(__course.root(i)))"
            ".split('|').every(s => s.endsWith(':1'))"
        )
        try:
            page.wait_for_function(drawn, arg=widget.index, timeout=timeout_ms, polling=250)
        except PlaywrightTimeout:
            blank.append(f"{widget.name}: the figure stayed blank")
    return blank


def _direction(state: dict) -> str:
    return "ArrowLeft" if state["now"] >= state["max"] else "ArrowRight"


def move_slider(
    page: Page, widget: WidgetView, slider: int, timeout_ms: int = CHANGE_TIMEOUT_MS
) -> dict:
    """Focus one slider's handle, press an arrow key, wait for the figure or readouts.

    Waits (bounded) for the slider's own readout to change, then for the figure's pixels
    or the widget's readouts to change, then for the kernel and the canvas to settle.
    Returns ``{"key", "slider_readout": (before, after), "canvas_changed",
    "readouts": (before, after), "canvas_blank"}`` (``None`` where the widget has no canvas).
    """
    target = slider_handle(page, widget, slider)
    target.scroll_into_view_if_needed()
    target.focus()
    _settle(page, widget)  # earlier moves may still be redrawing
    before = page.evaluate("([i, j]) => __course.state(i, j)", [widget.index, slider])
    key = _direction(before)
    page.keyboard.press(key)
    moved = "([i, j, b]) => __course.state(i, j).sliderReadout !== b"
    shown = (
        "([i, j, c, r]) => { const s = __course.state(i, j);"
        " return s.canvas !== c || JSON.stringify(s.readouts) !== r; }"
    )
    try:
        page.wait_for_function(moved, arg=[widget.index, slider, before["sliderReadout"]],
                               timeout=timeout_ms)
        if widget.canvases or widget.readouts:
            page.wait_for_function(
                shown, arg=[widget.index, slider, before["canvas"], _json(before["readouts"])],
                timeout=timeout_ms,
            )
    except PlaywrightTimeout:
        pass  # what did not change is reported from the states below
    _quiet(page)
    _settle(page, widget, quiet_ms=400)  # a redraw may follow the readout by a round trip
    after = page.evaluate("([i, j]) => __course.state(i, j)", [widget.index, slider])
    return {
        "key": key,
        "slider_readout": (before["sliderReadout"], after["sliderReadout"]),
        "canvas_changed": after["canvas"] != before["canvas"] if widget.canvases else None,
        "readouts": (before["readouts"], after["readouts"]),
        "canvas_blank": any(p.endswith(":0") for p in after["canvas"].split("|"))
        if widget.canvases else None,
    }


def _json(value) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def keypress_latencies(page: Page, widget: WidgetView, slider: int = 0, n: int = 10) -> dict:
    """Time n keypresses on a slider until the canvas visibly changes (ms, per press)."""
    target = slider_handle(page, widget, slider)
    target.scroll_into_view_if_needed()
    target.focus()
    _settle(page, widget)
    samples, missed = [], 0
    for _ in range(n):
        state = page.evaluate("([i, j]) => __course.state(i, j)", [widget.index, slider])
        page.evaluate("(i) => __course.arm(i)", widget.index)
        page.keyboard.press(_direction(state))
        ms = page.evaluate("() => __course.pending")
        if ms is None:
            missed += 1
        else:
            samples.append(round(ms, 1))
        _settle(page, widget)
    return {
        "median_ms": round(statistics.median(samples), 1) if samples else None,
        "samples_ms": samples,
        "missed": missed,
    }


def _quiet(page: Page, timeout_ms: int = 30_000) -> None:
    """Give the kernel a moment to receive what the page sent, then wait until it is idle."""
    page.wait_for_timeout(200)
    try:
        page.wait_for_function("() => __course.idle()", timeout=timeout_ms, polling=50)
    except PlaywrightTimeout:
        pass


def _settle(page: Page, widget: WidgetView, quiet_ms: int = 250, limit_ms: int = 5000) -> None:
    """Wait until the kernel is idle and the canvas has not changed for ``quiet_ms``."""
    page.evaluate(
        """([i, quiet, limit]) => new Promise(resolve => {
          const canvases = __course.canvases(__course.root(i));
          let last = __course.sig(canvases), since = performance.now();
          const start = performance.now();
          const tick = () => {
            const now = performance.now(), s = __course.sig(canvases);
            if (s !== last) { last = s; since = now; }
            if ((now - since >= quiet && __course.idle()) || now - start > limit) resolve();
            else requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        })""",
        [widget.index, quiet_ms, limit_ms],
    )


def type_formula(page: Page, widget: WidgetView, formula: str) -> str:
    """Type a formula into the gradient calculator, submit it, return the message shown."""
    root = page.locator(f'[data-course-widget="{widget.index}"]')
    field_ = root.locator(
        ".gradient-calculator-input input, .gradient-calculator-input textarea, "
        "input.gradient-calculator-input, textarea.gradient-calculator-input"
    ).first
    message = root.locator(".gradient-calculator-message").first
    before = message.inner_text(timeout=5000).strip() if message.count() else ""
    field_.scroll_into_view_if_needed()
    field_.fill(formula)
    field_.press("Enter")
    changed = (
        "([i, b]) => { const m = __course.root(i).querySelector('.gradient-calculator-message');"
        " const t = m ? m.innerText.trim() : ''; return t && t !== b; }"
    )
    try:
        page.wait_for_function(changed, arg=[widget.index, before], timeout=5000)
    except PlaywrightTimeout:
        buttons = root.locator("button:not(.jupyter-matplotlib-button)")
        if buttons.count():
            buttons.first.click()
            page.wait_for_function(changed, arg=[widget.index, before], timeout=CHANGE_TIMEOUT_MS)
    return message.inner_text(timeout=5000).strip() if message.count() else ""


def drag_canvas(page: Page, widget: WidgetView, dx: float = 90, dy: float = 30,
                quiet_ms: int = 600) -> dict:
    """Drag across a widget's (first) figure with the mouse, as a learner turns a 3D view.

    Returns ``{"changed": bool, "settle_ms": float | None, "frames_ms": list, "sliders":
    (before, after)}``: whether the canvas pixels changed, the time from mouse up to the
    last frame that changed them (the canvas then quiet for ``quiet_ms``; None if it never
    settled), when each new frame appeared (ms from mouse up) and the readouts of the
    widget's sliders before and after.
    """
    canvas = page.locator(f'[data-course-widget="{widget.index}"] .jupyter-matplotlib-canvas-div').first
    canvas.scroll_into_view_if_needed()
    _settle(page, widget)
    readouts = (
        "(i) => __course.sliders(__course.root(i)).map(s => {"
        " const r = s.querySelector('.widget-readout'); return r ? r.innerText.trim() : ''; })"
    )
    before = page.evaluate(readouts, widget.index)
    box = canvas.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.evaluate("([i, q]) => __course.armSettle(i, q)", [widget.index, quiet_ms])
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=8)
    page.mouse.up()
    result = page.evaluate("() => __course.settled")
    _quiet(page)
    _settle(page, widget)
    settle = result["settle"]
    return {"changed": result["changed"], "settle_ms": None if settle is None else round(settle, 1),
            "frames_ms": result["frames"], "sliders": (before, page.evaluate(readouts, widget.index))}


def canvas_follows(page: Page, source: WidgetView, slider: int, target: WidgetView,
                   timeout_ms: int = CHANGE_TIMEOUT_MS) -> bool:
    """Move one slider of ``source`` with the keyboard; does ``target``'s figure change?"""
    signature = "(i) => __course.sig(__course.canvases(__course.root(i)))"
    before = page.evaluate(signature, target.index)
    move_slider(page, source, slider, timeout_ms)
    try:
        page.wait_for_function(f"([i, b]) => ({signature})(i) !== b", arg=[target.index, before],
                               timeout=timeout_ms)
    except PlaywrightTimeout:
        return False
    _settle(page, target)
    return True


def use_calculator(page: Page, widget: WidgetView, formula: str, variables: str,
                   point: str = "") -> dict:
    """Type variables, a point and a formula into the gradient calculator; tick *Show the steps*.

    Returns ``{"message", "steps"}``: the text of the calculator's message and of its
    steps once the steps have appeared (or after a bounded wait, when they never do).
    """
    root = page.locator(f'[data-course-widget="{widget.index}"]')
    root.locator(".gradient-calculator-variables input").first.scroll_into_view_if_needed()
    for css, value in ((".gradient-calculator-variables", variables), (".gradient-calculator-point", point)):
        box = root.locator(f"{css} input").first
        box.fill(value)
        box.press("Enter")
        _quiet(page)
    tick = root.locator(".gradient-calculator-show-steps input[type=checkbox]").first
    if not tick.is_checked():
        tick.check()
    _quiet(page)
    message = type_formula(page, widget, formula)
    steps = root.locator(".gradient-calculator-steps").first
    try:
        page.wait_for_function(
            "(i) => { const s = __course.root(i).querySelector('.gradient-calculator-steps');"
            " return !!s && s.innerText.includes('Steps for'); }",
            arg=widget.index, timeout=CHANGE_TIMEOUT_MS)
    except PlaywrightTimeout:
        pass  # the caller reports what the steps box holds
    _quiet(page)
    return {"message": message, "steps": steps.inner_text(timeout=5000).strip()}


def slider_handle(page: Page, widget: WidgetView, slider: int):
    """The (first) handle of one slider of a widget, as a locator."""
    page.evaluate(
        """([i, j]) => {
          document.querySelectorAll('[data-course-handle]')
            .forEach(e => e.removeAttribute('data-course-handle'));
          __course.handle(i, j).setAttribute('data-course-handle', '1');
        }""",
        [widget.index, slider],
    )
    return page.locator('[data-course-handle="1"]')


def check_notebook(
    page: Page,
    url: str,
    label: str,
    screenshot,
    change_timeout_ms: int = CHANGE_TIMEOUT_MS,
    path: str | None = None,
) -> tuple[list, list[str]]:
    """Everything a learner does with one notebook; returns (widgets, problems found).

    Open it, Run All, wait for the kernel to go idle; no cell may show an error and every
    widget view must be drawn. Then, for every widget: move each slider with the keyboard
    and see its readout, the figure's pixels and the widget's own readouts change; type a
    malformed formula into a gradient calculator and see a plain-language message.
    """
    clock = time.monotonic()
    open_notebook(page, url, path)
    opened = time.monotonic()
    run_all(page)
    ran = time.monotonic()
    problems = [f"error output in {e}" for e in output_errors(page)]
    problems += [f"kernel reported {e}" for e in kernel_errors(page)]
    problems += widget_render_problems(page)
    widgets = find_widgets(page)
    problems += blank_figures(page, widgets)
    if problems:
        screenshot(label, page)
        _report(screenshot, label, problems)
        return widgets, problems
    for widget in widgets:
        figure_changed = readout_changed = False
        for j in range(widget.sliders):
            errors = len(kernel_errors(page))
            moved = move_slider(page, widget, j, change_timeout_ms)
            where = f"{widget.name}, slider {j + 1} ({moved['key']})"
            problems += [f"{where}: kernel reported {e}" for e in kernel_errors(page)[errors:]]
            old, new = moved["slider_readout"]
            if old == new:
                problems.append(f"{where}: the slider did not move (readout stayed {old!r})")
                continue
            before, after = moved["readouts"]
            figure_changed |= bool(moved["canvas_changed"])
            readout_changed |= before != after
            if moved["canvas_blank"]:
                problems.append(f"{where}: the figure went blank")
            # A slider may leave the picture or the numbers as they were (one more step of
            # a descent that has converged), but never both: then the learner sees nothing.
            if (widget.canvases or widget.readouts) and not moved["canvas_changed"] \
                    and before == after:
                problems.append(f"{where}: nothing changed but the slider ({old} -> {new})")
        if widget.sliders and widget.canvases and not figure_changed:
            problems.append(f"{widget.name}: no slider changed the figure's pixels")
        if widget.sliders and widget.readouts and not readout_changed:
            problems.append(f"{widget.name}: no slider changed the readout")
        if widget.calculator:
            errors = len(kernel_errors(page))
            message = type_formula(page, widget, MALFORMED_FORMULA)
            _quiet(page)
            where = f"{widget.name}, formula {MALFORMED_FORMULA!r}"
            problems += [f"{where}: kernel reported {e}" for e in kernel_errors(page)[errors:]]
            if not message:
                problems.append(f"{where}: no message appeared")
            elif any(word in message for word in ("Traceback", "Error:", "line 1")):
                problems.append(f"{where}: the message is not plain language: {message!r}")
        screenshot(f"{label}-widget-{widget.index + 1}", page.locator(
            f'[data-course-widget="{widget.index}"]'))
    print(
        f"{label}: opened {opened - clock:.1f} s, Run All {ran - opened:.1f} s, "
        f"{len(widgets)} widget(s) checked in {time.monotonic() - ran:.1f} s"
    )
    if widgets:
        page.locator('[data-course-widget="0"]').scroll_into_view_if_needed()
    screenshot(label, page)
    _report(screenshot, label, problems)
    return widgets, problems


def _report(screenshot, label: str, problems: list[str]) -> None:
    report = getattr(screenshot, "report", None)
    if report:
        report(label, problems)
