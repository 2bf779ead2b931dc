"""What the grader writes: result files, the gradebook, feedback, a summary.

- ``results/<student>.json``: one per submission, written atomically
  (temporary file in the same folder, ``fsync``, rename, ``fsync`` of the
  folder), so a killed run never leaves a half-written result;
- ``gradebook.csv``: one row per student, one column per question, then
  total, max, status and reason, ready for a spreadsheet or an LMS (cells
  that a spreadsheet would run as a formula are quoted);
- ``feedback/<student>.html``: each answer's points, verdict, message and
  hint; the learner's own answer, never the key; every text escaped;
- ``summary.html``: how the sandbox isolated the submissions, the score
  distribution and each question's difficulty, as inline SVG plots.

Examples
--------
>>> safe_name("Ana María/../x")
'Ana_Mar_a_.._x'
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

__all__ = ["safe_name", "write_atomic", "write_json_atomic", "load_result", "answer_text",
           "gradebook_csv", "feedback_html", "summary_html"]

_MARK = {"correct": "✓", "incorrect": "✗", "invalid": "✗", "not answered": "…", "missing": "✗"}
_STYLE = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
          "color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;"
          "padding:.4rem;text-align:left;vertical-align:top}.correct{color:#007a5a}"
          ".incorrect,.invalid,.missing{color:#b34700}.note{background:#fff6e0;padding:.5rem}"
          "code{background:#f4f4f4;padding:0 .2rem}.warn{background:#fde2e1;padding:.6rem;"
          "font-weight:bold}")


def safe_name(name: str) -> str:
    """A student id made safe as a file name (letters, digits, ``._-``)."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", name).strip(".") or "student"
    return cleaned[:100]


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # any character at all can be written: a lone surrogate becomes a \udXXX escape
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write a result file atomically (see :func:`write_atomic`)."""
    write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def load_result(path: Path) -> dict[str, Any] | None:
    """A result file's content, or None when absent or damaged."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "status" in data else None


def answer_text(answer: dict[str, Any] | None, limit: int = 200) -> str:
    """A short plain rendering of an encoded answer, for feedback.

    Examples
    --------
    >>> answer_text({"type": "expr", "text": "6*x*y - 2"})
    '6*x*y - 2'
    >>> answer_text({"type": "missing"})
    'not answered'
    """
    if not isinstance(answer, dict):
        return "no answer recorded"
    kind = answer.get("type")
    if kind == "missing":
        text = "not answered"
    elif kind == "expr":
        text = str(answer.get("text"))
    elif kind in ("text", "bool"):
        text = repr(answer.get("value"))
    elif kind == "number":
        text = str(answer.get("special") or answer.get("value"))
    elif kind == "array":
        values = list(answer.get("value", []))
        for i, special in enumerate((answer.get("special") or [])[: len(values)]):
            values[i] = special or values[i]
        text = f"array of shape {tuple(answer.get('shape', []))}: {values}"
    elif kind == "list":
        text = "[" + ", ".join(answer_text(i, 40) for i in answer.get("items", [])) + "]"
    else:
        text = f"a value of type {answer.get('python_type', 'unknown')}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(value: float) -> str:
    return f"{value:g}"


def _formula_safe(value: str) -> str:
    """Quote a cell a spreadsheet would treat as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def gradebook_csv(results: list[dict[str, Any]], questions: list[tuple[str, float]]) -> str:
    """The gradebook: one row per student, one column per question.

    Parameters
    ----------
    results : list of dict
        Result records, in the order of the rows.
    questions : list of (str, float)
        Question ids and their maximum points, in column order.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", *[q for q, _ in questions], "total", "max", "status", "reason"])
    for result in results:
        points = {q["id"]: q["points"] for q in result.get("questions", [])}
        writer.writerow([_formula_safe(str(result["student"])),
                         *[_number(points.get(q, 0.0)) for q, _ in questions],
                         _number(result.get("score", 0.0)), _number(result.get("max_score", 0.0)),
                         result["status"], _formula_safe(result.get("reason", ""))])
    return out.getvalue()


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
            f"<body>\n{body}\n</body></html>\n")


def feedback_html(result: dict[str, Any]) -> str:
    """One student's feedback page: points, verdicts, messages and hints."""
    e = html.escape
    lesson = result.get("lesson") or "exercise"
    parts = [f"<h1>Feedback on {e(lesson)}: {e(str(result['student']))}</h1>",
             f"<p><b>Score: {_number(result.get('score', 0))} / "
             f"{_number(result.get('max_score', 0))}</b> &middot; "
             f"status: {e(result['status'])}</p>"]
    if result.get("reason"):
        parts.append(f'<p class="note">{e(result["reason"])}</p>')
    if result.get("notes"):
        items = "".join(f"<li>{e(n)}</li>" for n in result["notes"])
        parts.append(f"<p>About your notebook:</p><ul>{items}</ul>")
    rows = []
    for q in result.get("questions", []):
        verdict = q.get("verdict", "")
        details = [f"<b>Question:</b> {e(q['text'])}"] if q.get("text") else []
        details.append(e(q.get("message") or ""))
        if q.get("hint"):
            details.append(f"<b>Hint:</b> {e(q['hint'])}")
        if q.get("error"):
            details.append(f"<b>Your cell raised:</b> <code>{e(q['error'])}</code>")
        if q.get("answer"):
            details.append(f"<b>Your answer:</b> <code>{e(q['answer'])}</code>")
        rows.append(f'<tr><td><code>{e(q["id"])}</code></td>'
                    f'<td class="{e(verdict.replace(" ", "-"))}">{_MARK.get(verdict, "")} '
                    f"{e(verdict)}</td><td>{_number(q['points'])} / {_number(q['max'])}</td>"
                    f"<td>{'<br>'.join(details)}</td></tr>")
    if rows:
        parts.append("<table><tr><th>question</th><th>verdict</th><th>points</th>"
                     f"<th>why</th></tr>{''.join(rows)}</table>")
    return _page(f"Feedback: {result['student']}", "\n".join(parts))


def _svg(figure: Any) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _plots(results: list[dict[str, Any]], questions: list[tuple[str, float]]) -> tuple[str, str]:
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    matplotlib.rcParams["svg.fonttype"] = "none"
    percents = [100 * r["score"] / r["max_score"] for r in results if r.get("max_score")]
    hist = Figure(figsize=(6, 2.8))
    ax = hist.add_subplot()
    ax.hist(percents, bins=range(0, 101, 10), color="#0072B2", edgecolor="white")
    ax.set(xlabel="score (% of the maximum)", ylabel="students", xlim=(0, 100))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    bars = Figure(figsize=(6, 0.45 * max(len(questions), 2) + 0.8))
    ax = bars.add_subplot()
    means = [_mean_fraction(results, q, top) for q, top in questions]
    ax.barh([q for q, _ in questions], [100 * m for m in means], color="#E69F00")
    ax.set(xlabel="average score (% of the question's points)", xlim=(0, 100))
    ax.invert_yaxis()
    return _svg(hist), _svg(bars)


def _mean_fraction(results: list[dict[str, Any]], question: str, top: float) -> float:
    points = [q["points"] for r in results for q in r.get("questions", []) if q["id"] == question]
    return sum(points) / (top * len(results)) if results and top else 0.0


def _mistake_counts(results: list[dict[str, Any]], question: str, most: int = 5) -> str:
    """How many students made each mistake on a question, across all versions, most common first.

    A mistake is named by its short note (``"wrong sign"``, ``"product rule"``); a verdict
    without one is counted by its hint.
    """
    counts = Counter(str(q.get("note") or q.get("hint"))[:120] for r in results for q in r.get("questions", [])
                     if q["id"] == question and q.get("verdict") == "incorrect" and (q.get("note") or q.get("hint")))
    return "<br>".join(f"{html.escape(name)}: {n}" for name, n in counts.most_common(most))


def summary_html(results: list[dict[str, Any]], questions: list[tuple[str, float]],
                 sandbox: str) -> str:
    """The class summary: isolation header, score distribution, question difficulty."""
    e = html.escape
    warn = ' class="warn"' if sandbox.startswith("NO SANDBOX") else ""
    statuses = Counter(r["status"] for r in results)
    parts = [f"<p{warn}>Isolation: {e(sandbox)}</p>", "<h1>Class summary</h1>",
             f"<p>{len(results)} submission(s): "
             + ", ".join(f"{n} {e(s)}" for s, n in statuses.most_common()) + "</p>"]
    if results:
        hist, bars = _plots(results, questions)
        parts += ["<h2>Score distribution</h2>",
                  '<figure role="img" aria-label="Histogram of total scores in percent">'
                  f"{hist}<figcaption>How many students scored in each 10% band.</figcaption>"
                  "</figure>", "<h2>Question difficulty</h2>",
                  '<figure role="img" aria-label="Average score per question in percent">'
                  f"{bars}<figcaption>Average score per question: short bars are the hard "
                  "questions.</figcaption></figure>"]
    rows = []
    for question, top in questions:
        verdicts = Counter(q.get("verdict") for r in results for q in r.get("questions", [])
                           if q["id"] == question)
        common = _mistake_counts(results, question)
        share = [f"{100 * verdicts[v] / max(len(results), 1):.0f}%"
                 for v in ("correct", "incorrect", "not answered")]
        rows.append(f"<tr><td><code>{e(question)}</code></td><td>{_number(top)}</td>"
                    f"<td>{100 * _mean_fraction(results, question, top):.0f}%</td>"
                    f"<td>{'</td><td>'.join(share)}</td><td>{common}</td></tr>")
    parts.append("<table><tr><th>question</th><th>points</th><th>average</th><th>correct</th>"
                 "<th>incorrect</th><th>not answered</th><th>mistakes made (students)</th></tr>"
                 + "".join(rows) + "</table>")
    return _page("Class summary", "\n".join(parts))
