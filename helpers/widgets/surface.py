"""The surface in 3D, turned by the learner and linked to a lesson's widget.

:func:`surface_view` takes the 2D widget of a lesson (the partial slicer, the
gradient explorer, the direction dial, the tangent zoom or the descent
playground) and returns a 3D view of the same surface that follows it: the
lesson's own controls (the same slider models, so moving either copy moves
both) sit above the 3D figure, and every move of them moves the 3D artists in
place, in step with the 2D figure.

Built like every course widget: the surface (at most 40 x 40) is drawn once
per function (:mod:`helpers.plotting.surface`); a control step only moves the
scene's curves and polygons (:mod:`helpers.plotting.surface_scenes`) and blits
them. The box turns by a mouse drag on the live canvas, or, for keyboard
users, with an elevation and an azimuth slider and a reset button; turning it
redraws the whole figure, since every part of it moves.

Examples
--------
In a lesson, after ``%matplotlib widget``::

    slicer = partial_slicer()
    show(slicer)
    show(surface_view(slicer))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from helpers import blitting
from helpers.calculus import steepest_ascent
from helpers.plotting import surface_scenes as scenes
from helpers.plotting.surface import DEFAULT_VIEW, add_surface_axes, draw_surface, replace_surface, set_view
from helpers.widgets.base import FigureBox, figure_view, label, measure, new_figure, refresh

__all__ = ["Scene", "SCENES", "linked_function", "linked_controls", "surface_view"]


@dataclass(frozen=True)
class Scene:
    """How a 3D view follows one kind of lesson widget.

    ``draw(surface, f)`` creates the scene's artists; ``update(scene, f, linked)``
    moves them to the linked widget's state; ``refit(scene, f)`` (optional)
    adapts the scene to a new function; ``summary`` is the plain-text stand-in.
    """

    draw: Callable
    update: Callable
    summary: str
    refit: Callable | None = None


def _point(linked) -> tuple[float, float]:
    return float(linked.sliders["x0"].value), float(linked.sliders["y0"].value)


def _slices(scene, f, linked) -> None:
    point = _point(linked)
    value, slopes = measure(f, point)
    scenes.update_slice_scene(scene, f, point, value, slopes)


def _gradient(scene, f, linked) -> None:
    point = _point(linked)
    value, grad = measure(f, point)
    window = scene.surface.window
    step = 0.02 * (window[1] - window[0])
    bounds = ((window[0], window[1]), (window[2], window[3]))
    ascent = np.empty((0, 2))
    if np.all(np.isfinite([*point, value, *grad])):
        up = steepest_ascent(f, point, step, steps=150, bounds=bounds)
        down = steepest_ascent(f, point, -step, steps=150, bounds=bounds)
        ascent = np.vstack([down[::-1], up[1:]])
    scenes.update_gradient_scene(scene, f, point, value, grad, ascent)


def _direction(scene, f, linked) -> None:
    point = _point(linked)
    value, grad = measure(f, point)
    theta = float(linked.sliders["theta"].value)
    u = (np.cos(np.radians(theta)), np.sin(np.radians(theta)))
    scenes.update_direction_scene(scene, f, point, value, u, grad[0] * u[0] + grad[1] * u[1])


def _tangent(scene, f, linked) -> None:
    point = _point(linked)
    value, slopes = measure(f, point)
    scenes.update_tangent_scene(scene, f, point, value, slopes, float(linked.sliders["zoom"].value))


def _descent(scene, f, linked) -> None:
    paths = linked.paths()
    scenes.update_descent_scene(scene, f, list(paths.values()) if isinstance(paths, dict) else list(paths))


#: The scene for each lesson widget, by the widget's CSS class.
SCENES = {
    "partial-slicer": Scene(lambda surface, f: scenes.draw_slice_scene(surface), _slices,
                            "Surface in 3D: the two slices through the point and their tangent lines"),
    "gradient-explorer": Scene(scenes.draw_gradient_scene, _gradient,
                               "Surface in 3D: the gradient on the floor and the curve of steepest ascent",
                               scenes.fit_gradient_scene),
    "direction-dial": Scene(lambda surface, f: scenes.draw_direction_scene(surface), _direction,
                            "Surface in 3D: the vertical plane along u and the curve it cuts"),
    "tangent-zoom": Scene(lambda surface, f: scenes.draw_tangent_scene(surface), _tangent,
                          "Surface in 3D: the tangent plane over the zoom square"),
    "descent-playground": Scene(lambda surface, f: scenes.draw_descent_scene(surface), _descent,
                                "Surface in 3D: the descent paths lifted onto the surface"),
}


def _kind(linked) -> str:
    for name in getattr(linked, "_dom_classes", ()):
        if name in SCENES:
            return name
    raise ValueError("surface_view needs one of the lesson widgets: "
                     + ", ".join(name.replace("-", "_") for name in SCENES))


def linked_function(linked) -> tuple[Callable, str]:
    """``(f, title)`` of the function the linked widget shows now."""
    entry = linked.functions[linked.function_menu.value]
    if hasattr(entry, "f"):  # the descent playground keeps f with its gradient and Hessian
        return entry.f, entry.title
    return entry[0], entry[1]


def linked_controls(linked) -> tuple[list[widgets.Widget], list[widgets.Widget]]:
    """The linked widget's children to show again (all but its figure), and every control in them."""
    shown = [child for child in linked.children  # the linked widget speaks its numbers once, itself
             if not isinstance(child, widgets.Image) and getattr(child, "figure", None) is None
             and "course-spoken-readout" not in child._dom_classes]
    controls, todo = [], list(shown)
    while todo:
        widget = todo.pop(0)
        if isinstance(widget, widgets.Box):
            todo.extend(widget.children)
        elif isinstance(widget, widgets.ValueWidget) and not isinstance(widget, widgets.HTML):
            controls.append(widget)
    return shown, controls


def _view_slider(name: str, value: float, low: float, high: float) -> widgets.FloatSlider:
    value = float(np.clip(value, low, high)) if np.isfinite(value) else (low + high) / 2
    return widgets.FloatSlider(value=value, min=low, max=high, step=1.0, description=name,
                               continuous_update=True, readout=True, readout_format=".0f")


def surface_view(linked: widgets.Box, elevation: float = DEFAULT_VIEW[0],
                 azimuth: float = DEFAULT_VIEW[1]) -> FigureBox:
    """A 3D view of the surface that follows a lesson's widget, turned by drag or by sliders.

    Parameters
    ----------
    linked : FigureBox
        A partial slicer, gradient explorer, direction dial, tangent zoom or
        descent playground (from :mod:`helpers.widgets`).
    elevation, azimuth : float
        The starting view in degrees (elevation clipped to -90 ... 90, azimuth
        to -180 ... 180); the reset button returns to it.

    Returns
    -------
    FigureBox
        Class ``surface-view``, holding the linked widget's controls and
        readout (the same widgets), the view sliders (class
        ``surface-view-turn``), the reset button and the 3D figure. Also
        ``sliders`` (``{"elevation", "azimuth"}``), ``reset``, ``figure``,
        ``surface`` (the still part), ``artists`` (the scene), ``linked``,
        ``update(change=None)`` (what the linked controls call) and ``turn(change=None)``.
    """
    scene_kind = SCENES[_kind(linked)]
    start = (float(np.clip(elevation, -90, 90)) if np.isfinite(elevation) else DEFAULT_VIEW[0],
             float(np.clip(azimuth, -180, 180)) if np.isfinite(azimuth) else DEFAULT_VIEW[1])
    sliders = {"elevation": _view_slider("elevation", start[0], -90.0, 90.0),
               "azimuth": _view_slider("azimuth", start[1], -180.0, 180.0)}
    label(sliders["elevation"], "elevation", "how far above the x-y plane the surface is seen from, in degrees")
    label(sliders["azimuth"], "azimuth", "the direction around the vertical axis it is seen from, in degrees")
    reset = widgets.Button(description="reset view", tooltip="turn the surface back to the first view",
                           icon="undo", layout=widgets.Layout(width="9em"))
    window = getattr(linked, "window", None) or linked.artists.window
    figure = new_figure((6.4, 5.0))
    ax = add_surface_axes(figure)
    f, title = linked_function(linked)
    surface = draw_surface(ax, f, window, title)
    set_view(ax, *start)
    scene = scene_kind.draw(surface, f)
    view = figure_view(figure)
    blitter = blitting.Blitter(figure, scene.moving()) if view is figure.canvas else None
    shown = {"name": linked.function_menu.value}
    box = FigureBox()

    def update(change=None) -> None:
        f, title = linked_function(linked)
        switched = linked.function_menu.value != shown["name"]
        if switched:  # a new surface and box: the still part changes
            replace_surface(surface, f, title)
            if scene_kind.refit is not None:
                scene_kind.refit(scene, f)
            shown["name"] = linked.function_menu.value
        scene_kind.update(scene, f, linked)
        refresh(view, figure, blitter, full=switched)

    def turn(change=None) -> None:
        wanted = (sliders["elevation"].value, sliders["azimuth"].value)
        turned = (wanted[0] - ax.elev, (wanted[1] - ax.azim + 180.0) % 360.0 - 180.0)
        if np.all(np.abs(turned) <= 0.5):
            return  # the sliders caught up with a mouse drag: nothing to draw
        set_view(ax, *wanted)
        refresh(view, figure, blitter, full=True)

    def follow_drag(event) -> None:
        """After a mouse drag, the sliders show the view the mouse left, in whole degrees.

        The sliders' step is a degree: a slider in the browser snaps its value to
        its step and may send the snapped value back, so the sliders get the
        rounded view, and :func:`turn` takes a value within half a degree of the
        view for the view itself (no second draw of the same picture).
        """
        elev = float(np.clip(round(ax.elev), -90, 90))
        azim = (round(ax.azim) + 180.0) % 360.0 - 180.0
        sliders["elevation"].value, sliders["azimuth"].value = elev, azim

    def back_to_start(button=None) -> None:
        sliders["elevation"].value, sliders["azimuth"].value = start

    shown_controls, controls = linked_controls(linked)
    for control in controls:
        control.observe(update, names="value")
    for slider in sliders.values():
        slider.observe(turn, names="value")
    reset.on_click(back_to_start)
    if view is figure.canvas:
        figure.canvas.mpl_connect("button_release_event", follow_drag)
    turning = widgets.HBox([sliders["elevation"], sliders["azimuth"], reset]).add_class("surface-view-turn")
    box.children = [*shown_controls, turning, view]
    box.add_class("surface-view")
    box.summary = scene_kind.summary
    box.sliders, box.reset, box.figure, box.surface, box.artists = sliders, reset, figure, surface, scene
    box.linked, box.readout, box.update, box.turn = linked, getattr(linked, "readout", None), update, turn
    box.spoken = getattr(linked, "spoken", None)  # its numbers, for the picture's alt text
    update()
    return box
