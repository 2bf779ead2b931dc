"""Computational graphs and tree diagrams: boxes joined by arrows, drawn once.

A graph is a set of named nodes (boxes with a title) and edges (arrows from
one node to another). :func:`draw_graph` draws it once and returns every
artist; each node also has two text lines under its title, for a value and
a gradient, and each edge a label, all empty until an update fills them.
:func:`update_graph` only calls ``set_text`` on those texts.

:func:`draw_chain_graph` draws the graph of one neuron with a squared loss,
``z = w x + b``, ``y_hat = sigmoid(z)``, ``L = (y_hat - y)**2``: the graph of
the chain-graph widget. :func:`draw_tree` draws a chain-rule tree diagram.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from matplotlib.figure import Figure
>>> ax = Figure().add_subplot()
>>> graph = draw_graph(ax, {"u": ("u", (0, 0)), "f": ("f(u)", (2, 0))}, [("u", "f")])
>>> update_graph(graph, values={"u": 1.5}, gradients={"u": -2.0}, edges={("u", "f"): 0.25})
>>> graph.values["u"].get_text(), graph.gradients["u"].get_text()
('u = 1.500', '∂f/∂u = -2.000')
>>> graph.edge_labels[("u", "f")].get_text()
'∂f/∂u = 0.250'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.text import Text

from helpers.plotting import PALETTE, TEXT_PALETTE, format_number

__all__ = [
    "NodeSpec", "GraphArtists", "draw_graph", "update_graph",
    "CHAIN_NODES", "CHAIN_EDGES", "draw_chain_graph", "update_chain_graph", "draw_tree",
]

#: ``{name: (title, (x, y))}``: a node's title and the centre of its box.
NodeSpec = Mapping[str, tuple[str, tuple[float, float]]]
Edge = tuple[str, str]

_BOX_WIDTH, _BOX_HEIGHT = 2.1, 1.25


@dataclass(eq=False)
class GraphArtists:
    """Everything :func:`draw_graph` draws.

    ``boxes``, ``titles`` and ``arrows`` never change; ``values``,
    ``gradients`` (texts under each title) and ``edge_labels`` (a text beside
    each arrow) are what an update rewrites.
    """

    ax: Axes
    boxes: dict[str, FancyBboxPatch]
    titles: dict[str, Text]
    values: dict[str, Text]
    gradients: dict[str, Text]
    arrows: dict[Edge, FancyArrowPatch]
    edge_labels: dict[Edge, Text]
    symbols: dict[str, str] = field(default_factory=dict)

    def moving(self) -> tuple[Artist, ...]:
        """The texts an update changes, for a :class:`helpers.blitting.Blitter`."""
        return (*self.values.values(), *self.gradients.values(), *self.edge_labels.values())


def draw_graph(
    ax: Axes, nodes: NodeSpec, edges: Sequence[Edge], *, kinds: Mapping[str, str] | None = None,
    size: tuple[float, float] = (_BOX_WIDTH, _BOX_HEIGHT), fontsize: float = 10,
    symbols: Mapping[str, str] | None = None, title_only: bool = False,
) -> GraphArtists:
    """Draw nodes as boxes and edges as arrows between box borders.

    Parameters
    ----------
    ax : Axes
        Its limits are set to fit the boxes; its frame and ticks are hidden.
    nodes : mapping
        ``{name: (title, (x, y))}``; the title may hold mathtext (``$\\hat y$``).
    edges : sequence of (str, str)
        Arrows ``(from, to)`` between node names.
    kinds : mapping, optional
        ``{name: "input" | "parameter" | "operation" | "output"}``, which sets
        the box colour (default ``"operation"``).
    size : (float, float)
        Width and height of every box, in data units.
    symbols : mapping, optional
        ``{name: symbol}`` used in the texts, e.g. ``"ŷ"`` for ``"y_hat"``
        (default: the name itself).
    title_only : bool
        Centre the title in its box (for diagrams without numbers).

    Returns
    -------
    GraphArtists
    """
    kinds = kinds or {}
    fills = {"input": "white", "parameter": "#BBE1F6", "operation": "#EEEEEE",  # light tints of
             "output": "#F8F2A0"}  # sky blue and yellow, so that text on them stays readable
    width, height = size
    boxes, titles, values, gradients = {}, {}, {}, {}
    for name, (title, (x, y)) in nodes.items():
        box = FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                             boxstyle="round,pad=0.02,rounding_size=0.15", linewidth=1.2,
                             edgecolor=PALETTE["black"], facecolor=fills[kinds.get(name, "operation")],
                             alpha=0.9, zorder=1)
        ax.add_patch(box)
        boxes[name] = box
        titles[name] = ax.text(x, y + (0 if title_only else 0.28 * height), title, ha="center", va="center",
                               fontsize=fontsize + 1, zorder=3)
        values[name] = ax.text(x, y - 0.02 * height, "", ha="center", va="center",
                               fontsize=fontsize - 1, color=TEXT_PALETTE["blue"], zorder=3)
        gradients[name] = ax.text(x, y - 0.3 * height, "", ha="center", va="center",
                                  fontsize=fontsize - 1, color=TEXT_PALETTE["vermillion"], zorder=3)
    arrows, labels = {}, {}
    for start, end in edges:
        (x0, y0), (x1, y1) = nodes[start][1], nodes[end][1]
        arrow = FancyArrowPatch((x0, y0), (x1, y1), patchA=boxes[start], patchB=boxes[end],
                                arrowstyle="-|>", mutation_scale=14, linewidth=1.3,
                                color=PALETTE["black"], zorder=2)
        ax.add_patch(arrow)
        arrows[(start, end)] = arrow
        labels[(start, end)] = ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.22, "", ha="center",
                                       va="bottom", fontsize=fontsize - 2, color=PALETTE["black"],
                                       zorder=4, bbox={"facecolor": "white", "alpha": 0.85,
                                                       "edgecolor": "none", "pad": 1})
    xs = [x for _, (x, _) in nodes.values()]
    ys = [y for _, (_, y) in nodes.values()]
    ax.set_xlim(min(xs) - width / 2 - 0.3, max(xs) + width / 2 + 0.3)
    ax.set_ylim(min(ys) - height / 2 - 0.3, max(ys) + height / 2 + 0.3)
    ax.set_axis_off()
    return GraphArtists(ax, boxes, titles, values, gradients, arrows, labels,
                        {name: (symbols or {}).get(name, name) for name in nodes})


def update_graph(
    artists: GraphArtists, values: Mapping[str, float] | None = None,
    gradients: Mapping[str, float] | None = None, edges: Mapping[Edge, float] | None = None,
) -> None:
    """Write numbers into the texts of a drawn graph (``set_text`` only).

    ``values`` and ``gradients`` map node names to numbers, ``edges`` map
    ``(from, to)`` to a number, the local derivative ``d(to)/d(from)`` along
    the arrow. Texts read ``x = 1.500``, ``∂L/∂x = -2.000``, ``∂f/∂x = 0.250``.
    Names left out keep their text; nan and inf show as words, never raise.
    """
    sym = artists.symbols
    output = next(reversed(sym.values()))  # the last node, the one differentiated
    for name, value in (values or {}).items():
        artists.values[name].set_text(f"{sym[name]} = {format_number(value)}")
    for name, value in (gradients or {}).items():
        artists.gradients[name].set_text(f"∂{output}/∂{sym[name]} = {format_number(value)}")
    for (start, end), value in (edges or {}).items():
        artists.edge_labels[(start, end)].set_text(f"∂{sym[end]}/∂{sym[start]} = {format_number(value)}")


#: The neuron's graph: node name -> (title, centre).
CHAIN_NODES = {
    "x": ("input $x$", (0.0, 4.4)),
    "w": ("weight $w$", (0.0, 2.2)),
    "b": ("bias $b$", (0.0, 0.0)),
    "z": ("$z = wx + b$", (4.4, 2.2)),
    "y_hat": (r"$\hat y = \sigma(z)$", (8.8, 2.2)),
    "y": ("target $y$", (8.8, 4.4)),
    "L": (r"$L = (\hat y - y)^2$", (13.2, 2.2)),
}
#: Arrows of the neuron's graph, from input to loss.
CHAIN_EDGES = (("x", "z"), ("w", "z"), ("b", "z"), ("z", "y_hat"), ("y_hat", "L"), ("y", "L"))
_CHAIN_KINDS = {"x": "input", "y": "input", "w": "parameter", "b": "parameter", "L": "output"}


def draw_chain_graph(ax: Axes, title: str = "") -> GraphArtists:
    """Draw the computational graph of one neuron with a squared loss.

    Each box shows its forward value (blue) and the gradient ``dL/d(node)``
    (vermillion) once :func:`update_chain_graph` has run; each arrow's label
    is the local derivative ``d(head)/d(tail)``.
    """
    graph = draw_graph(ax, CHAIN_NODES, CHAIN_EDGES, kinds=_CHAIN_KINDS, size=(2.5, 1.4),
                       symbols={"y_hat": "ŷ"})
    ax.set_title(title or "forward pass: values (blue), left to right;  backward pass: "
                 "gradients ∂L/∂· (red-orange), right to left", fontsize=10)
    return graph


def update_chain_graph(artists: GraphArtists, values: Mapping[str, float],
                       gradients: Mapping[str, float], local: Mapping[Edge, float]) -> None:
    """Show one forward and backward pass: values, gradients and local derivatives."""
    update_graph(artists, values, gradients, local)


def draw_tree(
    ax: Axes, root: str, middle: Sequence[str], leaves: Sequence[str],
    edge_text: Mapping[Edge, str] | None = None, highlight: str | None = None,
) -> GraphArtists:
    """Draw a chain-rule tree diagram: the root above, intermediates, then leaves.

    Parameters
    ----------
    root : str
        The dependent variable, e.g. ``"z"``.
    middle : sequence of str
        The intermediate variables; each gets an arrow from the root.
    leaves : sequence of str
        The independent variables; every intermediate gets an arrow to each,
        so each leaf appears once per intermediate (one path each).
    edge_text : mapping, optional
        ``{(upper, lower): text}`` written beside the arrows; leaves are named
        ``"leaf/intermediate"`` in these keys, e.g. ``("x", "s/x")``.
    highlight : str, optional
        A leaf whose paths are drawn in vermillion, e.g. ``"s"``.

    Returns
    -------
    GraphArtists
        With the edge texts filled in; the value and gradient texts unused.
    """
    nodes = {root: (f"${root}$", (0.0, 0.0))}
    width = 2.2 * len(leaves)
    spread = [(i - (len(middle) - 1) / 2) * width for i in range(len(middle))]
    edges = []
    for x_mid, name in zip(spread, middle, strict=True):
        nodes[name] = (f"${name}$", (x_mid, -2.2))
        edges.append((root, name))
        for j, leaf in enumerate(leaves):
            key = f"{leaf}/{name}"
            nodes[key] = (f"${leaf}$", (x_mid + (j - (len(leaves) - 1) / 2) * 1.9, -4.4))
            edges.append((name, key))
    graph = draw_graph(ax, nodes, edges, size=(1.1, 0.9), fontsize=12, title_only=True)
    for (start, end), arrow in graph.arrows.items():
        text = (edge_text or {}).get((start, end), "")
        label = graph.edge_labels[(start, end)]
        x0, y0 = nodes[start][1]
        x1, y1 = nodes[end][1]
        label.set_position(((x0 + x1) / 2 + (0.35 if x1 >= x0 else -0.35), (y0 + y1) / 2))
        label.set_horizontalalignment("left" if x1 >= x0 else "right")
        label.set_text(text)
        if highlight and (start == root or end.startswith(f"{highlight}/")):
            arrow.set_color(PALETTE["vermillion"])
            arrow.set_linewidth(2.2)
        elif highlight:
            arrow.set_linestyle("--")
            arrow.set_color("grey")
    for name, box in graph.boxes.items():
        if highlight and name.startswith(f"{highlight}/"):
            box.set_edgecolor(PALETTE["vermillion"])
            box.set_linewidth(2.2)
    return graph
