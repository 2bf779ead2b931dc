"""The audit's own parts: the vendored axe-core is the pinned file, the allow-list is reasoned."""

import hashlib
import json
from pathlib import Path

import nbformat
import pytest

BROWSER = Path(__file__).parent / "browser"
ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "lessons").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
#: sha256 of axe.min.js from the npm package axe-core@4.14.1
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"


def test_vendored_axe_is_the_pinned_release():
    axe = (BROWSER / "vendor" / "axe.min.js").read_bytes()
    assert axe.startswith(b"/*! axe v4.14.1")
    assert hashlib.sha256(axe).hexdigest() == AXE_SHA256
    assert "Mozilla Public License" in (BROWSER / "vendor" / "axe-core-LICENSE.txt").read_text()
    assert 'AXE_VERSION = "4.14.1"' in (BROWSER / "accessibility.py").read_text()


def test_every_allowed_violation_belongs_to_the_front_end_and_says_why():
    entries = json.loads((BROWSER / "axe-allowlist.json").read_text())["allowed"]
    assert entries
    for entry in entries:
        assert set(entry) == {"rule", "selector", "owner", "reason"}, entry
        assert entry["owner"].split()[0] in {"JupyterLab", "ipywidgets", "ipympl"}, entry
        assert len(entry["reason"].split()) >= 12, entry
        # never a blanket entry: a selector that names a front-end part, not the whole page
        assert entry["selector"] not in {"*", "body", "html", ".jp-Notebook", ".jp-OutputArea"}, entry
        assert "course" not in entry["selector"] and "jp-RenderedMarkdown" not in entry["selector"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_picture_has_alt_text(path):
    """nbviewer and GitHub read the PNG's alt text; JupyterLab shows the HTML <img alt=...>."""
    for cell in nbformat.read(path, as_version=4).cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            if "image/png" not in data:
                continue
            alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
            assert len(alt.split()) >= 8, f"{path.name}, cell {cell.id}: a picture without alt text"
            if "text/html" in data and "<img" in data["text/html"]:
                assert 'alt="' in data["text/html"], f"{path.name}, cell {cell.id}"
