"""Interactive widgets, one per concept, each returned as one ipywidgets container.

Every widget follows one pattern::

    controls -> update(change) -> calculus.* -> plotting.update_*(artists) -> redraw

The figure is built once (under ``plt.ioff()``) and its artists are only moved
afterwards. With ``%matplotlib widget`` (ipympl) the container holds the live
canvas, and a slider step redraws only the moving artists over a saved
background (blitting, :class:`helpers.blitting.Blitter`); a change of the still
part, such as a new function, asks for one full ``draw_idle()``. With any other
backend the container holds an image that is re-rendered on each change, so a
widget works everywhere.

A still figure is shown with :func:`show_figure`, which gives it alt text.

In a lesson, show a widget with :func:`show` (or leave it as the cell's last
expression): the output then carries both the live widget and a PNG snapshot
of its figure, so a notebook read on GitHub or nbviewer still shows a picture::

    %matplotlib widget
    from helpers.widgets import partial_slicer, show
    show(partial_slicer())

Builders never keep state at module level: each call returns a fresh widget.

The practice widget is imported from its own module,
``from helpers.widgets.practice import practice``, since a homework release
leaves out the question templates it draws from.

One module per concept (``slicer``, ``calculator``, ``explorer``, ``dial``,
``tangent``, ``chain``, ``descent``, ``lagrange``, ``matrix``, and ``surface``, the 3D
view linked to any of the five with a surface), what they share in ``base``; every
builder is importable from here, e.g. ``from helpers.widgets import
gradient_explorer``.
"""


from helpers.widgets.base import FigureBox, figure_png, show, show_figure
from helpers.widgets.calculator import gradient_calculator, gradient_html
from helpers.widgets.chain import chain_graph
from helpers.widgets.descent import descent_playground
from helpers.widgets.dial import direction_dial
from helpers.widgets.explorer import gradient_explorer
from helpers.widgets.lagrange import lagrange_explorer
from helpers.widgets.matrix import matrix_explorer
from helpers.widgets.slicer import DEFAULT_SLICER_FUNCTIONS, partial_slicer, slicer_readout
from helpers.widgets.surface import surface_view
from helpers.widgets.tangent import tangent_zoom

__all__ = [
    "FigureBox", "figure_png", "show", "show_figure",
    "DEFAULT_SLICER_FUNCTIONS", "slicer_readout", "partial_slicer",
    "gradient_html", "gradient_calculator",
    "gradient_explorer", "direction_dial", "tangent_zoom", "chain_graph", "descent_playground",
    "lagrange_explorer", "matrix_explorer", "surface_view",
]
