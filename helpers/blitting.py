"""Blitting: on a slider step, redraw only the artists that move.

A full redraw of a figure renders every tick label, contour band and colour
bar again, although a slider step changes none of them. Blitting (matplotlib's
"Faster rendering by using blitting") keeps a copy of the still part of the
figure, the *background*, and on each step pastes it back and draws only the
moving artists over it::

    blitter = Blitter(fig, [point, curve, label])  # marks them animated
    point.set_data([x0], [y0])                     # move them in place ...
    blitter.refresh()                              # ... paste, draw them, blit

After every full draw of the figure the blitter copies the new background and
draws the moving artists on it, so a full draw always shows everything. A
change to the still part (new contours, new axis limits) needs a full draw:
call :meth:`Blitter.redraw`. Until a first full draw has happened, and after a
resize or a change that left the figure stale, :meth:`Blitter.refresh` asks
for a full draw too.

Animated artists are left out of a plain redraw; save a snapshot of the
figure inside :func:`animated_shown` to include them.

Examples
--------
>>> from matplotlib.backends.backend_agg import FigureCanvasAgg
>>> from matplotlib.figure import Figure
>>> fig = Figure()
>>> canvas = FigureCanvasAgg(fig)
>>> (line,) = fig.add_subplot().plot([0, 1], [0, 1])
>>> blitter = Blitter(fig, [line])
>>> blitter.refresh()  # nothing drawn yet: asks for a full draw
False
>>> canvas.draw()
>>> line.set_ydata([1, 0])
>>> blitter.refresh()
True
>>> with animated_shown(fig):
...     line.get_animated()
False
>>> line.get_animated()
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from matplotlib.artist import Artist
from matplotlib.backend_bases import DrawEvent
from matplotlib.figure import Figure

__all__ = ["Blitter", "animated_shown"]


class Blitter:
    """Show moved artists by pasting a saved background and drawing only them.

    Parameters
    ----------
    figure : Figure
        Its canvas must be able to copy and restore regions (Agg and the
        canvases built on it, such as ipympl's); otherwise :meth:`refresh`
        always asks for a full draw and the artists are left as they are.
    artists : iterable of Artist
        The artists that move between full draws. They are marked animated,
        so full draws leave them out of the background, and are drawn in
        z-order (ties in the order given).
    """

    def __init__(self, figure: Figure, artists: Iterable[Artist]) -> None:
        self.figure = figure
        self.artists = sorted(artists, key=lambda artist: artist.get_zorder())
        self.enabled = callable(getattr(figure.canvas, "copy_from_bbox", None))
        self._background = None
        self._size = None  # canvas size and dpi the background was taken at
        if self.enabled:
            for artist in self.artists:
                artist.set_animated(True)
            figure.canvas.mpl_connect("draw_event", self._on_draw)

    @property
    def ready(self) -> bool:
        """Whether the saved background shows the still part as it is now.

        Not before a first full draw, nor after a resize, :meth:`redraw` or a
        change to an artist that is not animated (the figure is then stale).
        """
        return (self._background is not None and self._size == self._canvas_size()
                and not self.figure.stale)

    def refresh(self) -> bool:
        """Show the artists where they are now.

        Returns True after a blit, False when a full draw was asked for
        instead because the background is not :attr:`ready`.
        """
        canvas = self.figure.canvas
        if not (self.enabled and self.ready):
            canvas.draw_idle()
            return False
        canvas.restore_region(self._background)
        self._draw_artists()
        canvas.blit(self.figure.bbox)
        return True

    def redraw(self) -> None:
        """The still part changed: drop the background and ask for a full draw.

        Until that draw has happened, :meth:`refresh` asks for it again
        rather than pasting the outdated background.
        """
        self._background = None
        self.figure.canvas.draw_idle()

    def _canvas_size(self) -> tuple[int, int, float]:
        width, height = self.figure.canvas.get_width_height(physical=True)
        return width, height, self.figure.dpi

    def _draw_artists(self) -> None:
        renderer = self.figure.canvas.get_renderer()
        for artist in self.artists:
            project = getattr(artist, "do_3d_projection", None)
            if project is not None:  # a 3D polygon is projected by its axes' draw, not its own
                project()
            artist.draw(renderer)

    def _on_draw(self, event: DrawEvent) -> None:
        """After a full draw: save the background, then draw the moving artists on it."""
        canvas = self.figure.canvas
        if canvas.is_saving():  # a draw for a file, at its own size: not the screen
            return
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self._size = self._canvas_size()
        self._draw_artists()


@contextmanager
def animated_shown(figure: Figure) -> Iterator[None]:
    """Treat the figure's animated artists as ordinary ones inside the block.

    Saving a figure leaves animated artists out (at least those that belong
    to the figure itself), so a snapshot made inside this block shows them.
    """
    animated = figure.findobj(lambda artist: artist.get_animated())
    for artist in animated:
        artist.set_animated(False)
    try:
        yield
    finally:
        for artist in animated:
            artist.set_animated(True)

