"""What a static reader (GitHub, nbviewer) and a screen reader get from the committed notebooks.

- Every widget view in a lesson or solution has a stand-in beside it: a static renderer
  cannot run widgets, so the cell must also hold an ``image/png`` of the widget's figure,
  or, for a widget without a figure (the gradient calculator), ``text/html`` of its state.
  (The default widget bundle has neither, so either one was put there on purpose.)
- Every figure (an image output or a widget view) is followed by a markdown cell with its
  caption (the course's convention: a paragraph starting ``*Figure``) or alt text.
- Every image in markdown has alt text.
- Exercises are committed without outputs.

Failures name the notebook and the cell index (0-based, as in ``nbformat``'s ``cells``).
"""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
WIDGET = "application/vnd.jupyter.widget-view+json"
IMAGES = ("image/png", "image/svg+xml", "image/jpeg", "image/gif")
STAND_INS = {"image/png", "text/html"}

LESSONS_AND_SOLUTIONS = sorted((ROOT / "lessons").glob("*.ipynb")) + sorted(
    (ROOT / "solutions").glob("*.ipynb")
)
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
ALL = LESSONS_AND_SOLUTIONS + EXERCISES

# "*Figure 2. The slice y = 1 of the surface ...*" (at least a few words after "Figure")
CAPTION = re.compile(r"^\s*[*_]{1,2}Figure\b[^\n]*?\w+\W+\w+\W+\w+", re.IGNORECASE)
ALT_LINE = re.compile(r"^\s*[*_]{0,2}alt(?: text)?[*_]{0,2}\s*:[*_]{0,2}\s*\S", re.IGNORECASE | re.M)
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)]*)\)")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ALT = re.compile(r"""\balt\s*=\s*(["'])\s*\S.*?\1""", re.IGNORECASE | re.S)


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _mimetypes(cell) -> list[set]:
    return [set(o.get("data", {})) for o in cell.get("outputs", [])]


def _describes_figure(cell) -> bool:
    if cell is None or cell.cell_type != "markdown":
        return False
    text = cell.source
    return bool(CAPTION.match(text) or ALT_LINE.search(text) or _has_alt_image(text))


def _has_alt_image(text: str) -> bool:
    md = [m["alt"].strip() for m in MD_IMAGE.finditer(text)]
    html = [bool(HTML_ALT.search(tag)) for tag in HTML_IMG.findall(text)]
    return any(md) or any(html)


def widgets_without_pictures(name: str, nb) -> list[str]:
    """Code cells that show a widget view but hold nothing a static reader can show."""
    missing = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        types = _mimetypes(cell)
        if any(WIDGET in t for t in types) and not any(t & STAND_INS for t in types):
            missing.append(
                f"{name} cell {index}: widget view without an image/png (or, for a widget "
                "without a figure, text/html) output"
            )
    return missing


def figures_without_captions(name: str, nb) -> list[str]:
    """Cells with an image or widget view not followed by a caption or alt text."""
    missing = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.get("outputs"):
            continue
        if not set().union(*_mimetypes(cell)) & {WIDGET, *IMAGES}:
            continue
        following = nb.cells[index + 1] if index + 1 < len(nb.cells) else None
        if not _describes_figure(following):
            missing.append(
                f"{name} cell {index}: figure not followed by a markdown cell with a caption "
                "('*Figure ...*') or alt text ('Alt text: ...')"
            )
    return missing


def images_without_alt(name: str, nb) -> list[str]:
    """Images in markdown cells with empty or missing alt text."""
    missing = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for match in MD_IMAGE.finditer(cell.source):
            if not match["alt"].strip():
                missing.append(f"{name} cell {index}: image {match['src']!r} has no alt text")
        for tag in HTML_IMG.findall(cell.source):
            if not HTML_ALT.search(tag):
                missing.append(f"{name} cell {index}: {tag[:60]!r} has no alt text")
    return missing


@pytest.mark.parametrize("path", LESSONS_AND_SOLUTIONS, ids=_name)
def test_every_widget_has_a_picture_for_static_readers(path):
    missing = widgets_without_pictures(_name(path), nbformat.read(path, as_version=4))
    assert not missing, (
        "\n".join(missing)
        + "\nA static reader (GitHub, nbviewer) shows nothing where the widget is: display "
        "it with helpers.widgets.show(), which saves a picture of it in the same output."
    )


@pytest.mark.parametrize("path", LESSONS_AND_SOLUTIONS, ids=_name)
def test_every_figure_has_a_caption_or_alt_text(path):
    missing = figures_without_captions(_name(path), nbformat.read(path, as_version=4))
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("path", ALL, ids=_name)
def test_every_markdown_image_has_alt_text(path):
    missing = images_without_alt(_name(path), nbformat.read(path, as_version=4))
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("path", EXERCISES, ids=_name)
def test_exercises_are_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    dirty = [
        f"{_name(path)} cell {index}: has outputs or an execution count"
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, "\n".join(dirty) + "\nrun: python -m helpers.generate"


# The rules themselves, on small notebooks built here.


def _code(*outputs):
    return nbformat.v4.new_code_cell("w", outputs=[nbformat.from_dict(o) for o in outputs])


def _display(*mimetypes):
    return {"output_type": "display_data", "metadata": {}, "data": {m: "x" for m in mimetypes}}


_md = nbformat.v4.new_markdown_cell


@pytest.mark.parametrize(
    "cells, pictures_ok, captions_ok",
    [
        ([_code(_display(WIDGET, "image/png", "text/plain"))], True, False),
        (
            [_code(_display("image/png"), _display(WIDGET)),
             _md("*Figure 1. The slice y = 1 and its tangent line.*")],
            True,
            True,
        ),
        ([_code(_display(WIDGET)), _md("Alt text: a parabola with a red tangent line")],
         False, True),
        ([_code(_display(WIDGET, "text/plain")), _md("Some prose.")], False, False),
        ([_code(_display(WIDGET, "text/html")), _md("*Figure: the calculator, filled in.*")],
         True, True),
        ([_code(_display("image/svg+xml")), _md("*Figure*")], True, False),
        ([_code(_display("image/png")), _md("Some prose.")], True, False),
        ([_code(_display("image/png")), _md("![a saddle surface](saddle.png)")], True, True),
        ([_code(_display("text/plain")), _md("Some prose.")], True, True),
    ],
)
def test_the_rules_on_small_notebooks(cells, pictures_ok, captions_ok):
    nb = nbformat.v4.new_notebook(cells=cells)
    assert (not widgets_without_pictures("n", nb)) is pictures_ok
    assert (not figures_without_captions("n", nb)) is captions_ok


def test_markdown_images_need_alt_text():
    nb = nbformat.v4.new_notebook(
        cells=[_md("![](a.png) ![ok](b.png)"), _md('<img src="c.png"> <img alt="fine" src="d">')]
    )
    assert images_without_alt("n", nb) == [
        "n cell 0: image 'a.png' has no alt text",
        "n cell 1: '<img src=\"c.png\">' has no alt text",
    ]
