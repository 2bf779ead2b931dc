"""What the headless widget tests share: call spies, pixels, readouts (``backend`` is in conftest)."""

import html
import re

import numpy as np
import pytest

__all__ = ["IPYMPL", "IPYMPL_WARNING", "Calls", "spy", "pixels", "artist_count", "readout_text"]

#: The ipympl backend, as ``%matplotlib widget`` selects it.
IPYMPL = "module://ipympl.backend_nbagg"
#: ipympl's toolbar passes an argument traitlets no longer wants; not ours to fix.
IPYMPL_WARNING = pytest.mark.filterwarnings("ignore:Passing unrecognized arguments:DeprecationWarning")


class Calls:
    """Stands in for a canvas method: counts the calls, then makes them (if given one)."""

    def __init__(self, method=None):
        self.method, self.count = method, 0

    def __call__(self, *args, **kwargs):
        self.count += 1
        return None if self.method is None else self.method(*args, **kwargs)


def spy(monkeypatch, canvas, *names):
    """Count calls of the canvas methods ``names``; draw_idle only counts (no browser here)."""
    calls = {}
    for name in names:
        calls[name] = Calls(None if name == "draw_idle" else getattr(canvas, name))
        monkeypatch.setattr(canvas, name, calls[name])
    return calls


def pixels(canvas):
    """A copy of the canvas's RGBA buffer."""
    return np.asarray(canvas.buffer_rgba()).copy()


def artist_count(fig):
    """Axes and artists in a figure: must not grow as sliders move."""
    return len(fig.axes), sum(len(ax.get_children()) for ax in fig.axes)


def readout_text(box):
    """A widget's readout as plain text."""
    return html.unescape(re.sub(r"<[^>]+>", " ", box.readout.value))
