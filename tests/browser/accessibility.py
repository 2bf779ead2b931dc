"""An accessibility audit of the page as a learner sees it, with axe-core, and keyboard steps.

axe-core is vendored (``vendor/axe.min.js``, version :data:`AXE_VERSION`, from the npm
registry, MPL-2.0), so the audit needs no network. Every serious or critical violation
fails the test unless it is one of the front end's own, listed with its reason in
``axe-allowlist.json``: JupyterLab's and ipywidgets' markup, never the course's.
"""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

__all__ = ["AXE_FILE", "AXE_VERSION", "ALLOWLIST_FILE", "FAILING_IMPACTS", "allowlist", "audit",
           "describe", "focus_trail", "KeyboardLog", "run_command", "open_by_path", "go_to_cell",
           "back_to_cell"]

HERE = Path(__file__).parent
AXE_FILE = HERE / "vendor" / "axe.min.js"
AXE_VERSION = "4.14.1"
ALLOWLIST_FILE = HERE / "axe-allowlist.json"
FAILING_IMPACTS = ("serious", "critical")

# Runs in the page: axe over the whole document, then each serious or critical node is
# either matched by an allow-list entry for its rule (the element, or an ancestor, matches
# the entry's selector) or reported.
_AUDIT = """async ([allowed, impacts]) => {
  const started = performance.now();
  const result = await axe.run(document, {resultTypes: ['violations']});
  const ms = Math.round(performance.now() - started);
  const found = [], used = new Set();
  for (const v of result.violations) {
    if (!impacts.includes(v.impact)) continue;
    for (const node of v.nodes) {
      const target = node.target[node.target.length - 1];
      let el = null;
      try { el = document.querySelector(Array.isArray(target) ? target[0] : target); } catch (e) {}
      const hit = allowed.findIndex(a => a.rule === v.id && el && el.closest(a.selector));
      if (hit >= 0) { used.add(hit); continue; }
      found.push({rule: v.id, impact: v.impact, help: v.help, target: String(target),
                  html: node.html.slice(0, 200)});
    }
  }
  return {found, used: [...used], version: axe.version, rules: result.violations.length, ms};
}"""


def allowlist() -> list[dict]:
    """The front end's own violations: ``[{"rule", "selector", "owner", "reason"}]``."""
    entries = json.loads(ALLOWLIST_FILE.read_text())["allowed"]
    for entry in entries:
        missing = {"rule", "selector", "owner", "reason"} - set(entry)
        if missing:
            raise ValueError(f"allow-list entry {entry} lacks {sorted(missing)}")
    return entries


def audit(page: Page) -> dict:
    """Run axe-core on the page; ``{"found", "used", "ms"}``: violations, allow-list entries used, time.

    Each of ``found`` is a serious or critical violation no allow-list entry covers, as
    ``{"rule", "impact", "help", "target", "html"}``.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_FILE))
    result = page.evaluate(_AUDIT, [allowlist(), list(FAILING_IMPACTS)])
    if result["version"] != AXE_VERSION:
        raise AssertionError(f"axe-core {result['version']} in the page, {AXE_VERSION} expected")
    return result


def describe(violations: list[dict]) -> list[str]:
    """One line per violation, for a test's failure message."""
    return [f"{v['impact']} {v['rule']} ({v['help']}) at {v['target']}: {v['html']}" for v in violations]


def focus_trail(page: Page) -> dict:
    """Where the keyboard focus is now: tag, role, accessible name and the widget around it."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          if (!el) return {tag: null};
          const label = el.getAttribute('aria-label') || el.getAttribute('aria-valuetext')
            || (el.labels && el.labels[0] && el.labels[0].innerText) || el.getAttribute('title')
            || (el.innerText || el.value || '').slice(0, 40);
          const own = (e) => String(e.className).split(' ')
            .find(c => c && !/^(lm-|jp-|jupyter-|widget-|noUi-)/.test(c));
          let within = null;
          for (let e = el; e && !within; e = e.parentElement) within = e.classList && own(e);
          const cell = el.closest('.jp-Notebook-cell');
          const index = cell ? [...cell.parentElement.children].indexOf(cell) : -1;
          return {tag: el.tagName.toLowerCase(), role: el.getAttribute('role'),
                  name: (label || '').trim(), classes: String(el.className).slice(0, 80),
                  within: within || (index >= 0 ? `cell ${index}` : null)};
        }"""
    )


# --------------------------------------------------------------------------- keyboard only


class KeyboardLog:
    """Each key pressed and where the focus went after it, kept for the test's report."""

    def __init__(self, page: Page) -> None:
        self.page, self.steps = page, []

    def press(self, key: str, note: str = "", times: int = 1) -> dict:
        for _ in range(times):
            self.page.keyboard.press(key)
        return self.record(f"{key}" + (f" x{times}" if times > 1 else ""), note)

    def type(self, text: str, note: str = "") -> dict:
        self.page.keyboard.type(text, delay=20)
        return self.record(f"type {text!r}", note)

    def record(self, action: str, note: str = "") -> dict:
        self.page.wait_for_timeout(120)  # let the focus move
        where = focus_trail(self.page)
        self.steps.append({"action": action, "note": note, "focus": where})
        return where

    def lines(self) -> list[str]:
        return [f"{s['action']:<28} -> {s['focus'].get('tag')} role={s['focus'].get('role')} "
                f"name={s['focus'].get('name', '')[:50]!r} in {s['focus'].get('within')}"
                + (f"  ({s['note']})" if s["note"] else "") for s in self.steps]


def run_command(log: KeyboardLog, label: str, timeout_ms: int = 20_000) -> None:
    """Ctrl+Shift+C, type a command's label, pick it with the arrow keys, Enter."""
    page = log.page
    typed = ("(l) => document.activeElement && document.activeElement.matches('.lm-CommandPalette-input')"
             " && document.activeElement.value === l && [...document.querySelectorAll("
             "'.lm-CommandPalette-item .lm-CommandPalette-itemLabel')].some(e => e.textContent.trim() === l)")
    for attempt in range(3):  # a panel that opens late (the launcher) can take the focus away
        log.press("Control+Shift+c", "command palette")
        page.wait_for_timeout(300)
        page.keyboard.press("Control+a")
        log.type(label)
        try:
            page.wait_for_function(typed, arg=label, timeout=timeout_ms // 3)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    active = ("() => { const a = document.querySelector('.lm-CommandPalette-item.lm-mod-active"
              " .lm-CommandPalette-itemLabel'); return a ? a.textContent.trim() : ''; }")
    for _ in range(12):  # the wanted command is among the first few matches
        if page.evaluate(active) == label:
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate(active) == label, f"command palette: {label!r} not found"
    log.press("Enter", label)


def open_by_path(log: KeyboardLog, path: str, timeout_ms: int = 90_000) -> None:
    """File > Open from Path..., by the keyboard; waits for the notebook's kernel."""
    run_command(log, "Open from Path…")
    log.page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest('.jp-Dialog')", timeout=20_000)
    log.type(path)
    log.press("Enter", "open")
    log.page.wait_for_function(
        """(path) => { const w = Array.from(window.jupyterapp.shell.widgets('main'))
             .find(w => w.context && w.context.path === path);
           const k = w && w.sessionContext.session && w.sessionContext.session.kernel;
           if (!k || k.status !== 'idle') return false;
           __course.panel = () => w; __course.reset(); __course.watch(); return true; }""",
        arg=path, timeout=timeout_ms)
    log.record("notebook open", path)


def go_to_cell(log: KeyboardLog, index: int) -> None:
    """In command mode, ArrowDown/ArrowUp until cell ``index`` is the active one."""
    active = "() => __course.panel().content.activeCellIndex"
    for _ in range(400):
        now = log.page.evaluate(active)
        if now == index:
            break
        log.page.keyboard.press("ArrowDown" if now < index else "ArrowUp")
    assert log.page.evaluate(active) == index, f"could not reach cell {index} with the arrow keys"
    log.record(f"arrows to cell {index}")


def back_to_cell(log: KeyboardLog, limit: int = 12) -> None:
    """Shift+Tab from a widget's control back to its cell, where the arrow keys move between cells."""
    at_cell = "() => document.activeElement && document.activeElement.matches('.jp-Notebook-cell')"
    for _ in range(limit):
        if log.page.evaluate(at_cell):
            return
        log.press("Shift+Tab", "back to the cell")
    assert log.page.evaluate(at_cell), "Shift+Tab did not lead back to the cell"
