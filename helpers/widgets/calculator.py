"""The gradient calculator: type a formula and its variables, see every partial, the
gradient, its value at a point, a directional derivative, and the steps rule by rule.

Everything typed goes through the safe parser (:mod:`helpers.formula`); whatever is
typed, the calculator answers with typeset results or a plain-language message.
The pure functions (:func:`read_variables`, :func:`read_numbers`, :func:`gradient_at`
and the ``*_html`` builders) do the work; :func:`gradient_calculator` only wires the
boxes to them.

Examples
--------
>>> read_variables("theta0, theta1")
('theta0', 'theta1')
>>> f = symbolic.parse_formula("x**2*y")
>>> gradient_at(f, ("x", "y"), (1.0, 2.0))
(2.0, (4.0, 1.0))
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence

import ipywidgets as widgets
import sympy

from helpers import steps as derivations
from helpers import symbolic
from helpers.formula import _names
from helpers.widgets.base import VARIABLES, label, speak, spoken_readout
from helpers.widgets.spoken import calculator_sentence

__all__ = ["MAX_VARIABLES", "MAX_STEPS", "read_variables", "read_numbers", "gradient_at",
           "gradient_html", "point_html", "steps_html", "calculator_html", "gradient_calculator"]

#: Most variables the calculator takes.
MAX_VARIABLES = 10
#: Most steps shown for one partial derivative.
MAX_STEPS = 80
_READ_FAILURE = (ValueError, RecursionError, TypeError, ArithmeticError)


def _escape(text: str) -> str:
    return html.escape(str(text), quote=False)


def _names_text(variables: Sequence[str]) -> str:
    return ", ".join(variables)


def read_variables(text: str | Sequence[str]) -> tuple[str, ...]:
    """The variables typed in the variables box: ``"x, y"``, ``"x y z"``, ``"w, b"``.

    Raises
    ------
    ValueError
        In plain English: nothing typed, more than :data:`MAX_VARIABLES`, a name
        that is not an identifier, a name listed twice, or the name of a
        function or constant (``sin``, ``pi``).

    Examples
    --------
    >>> read_variables("x, x")
    Traceback (most recent call last):
    ValueError: variable 'x' is listed twice
    """
    if isinstance(text, str):
        text = text.strip().strip("()[]")
        if not text.strip():
            raise ValueError("no variables: type them separated by commas, e.g. x, y")
    names = _names(text)
    if not names:
        raise ValueError("no variables: type them separated by commas, e.g. x, y")
    if len(names) > MAX_VARIABLES:
        raise ValueError(f"{len(names)} variables: the calculator takes at most {MAX_VARIABLES}")
    return names


def _split_top_level(text: str) -> list[str]:
    """Split at the commas outside brackets: ``"atan2(1, 2), 3"`` -> two parts."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch in "([") - (ch in ")]")
        if ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return parts + [text[start:]]


def read_numbers(text: str, variables: Sequence[str], what: str = "point") -> tuple[float, ...]:
    """One number per variable, typed as ``"1, 2"`` or ``"(pi/2, -1)"``.

    Each number is read by the safe parser with no variables, so ``pi/2``,
    ``sqrt(2)`` and ``e^-1`` are numbers and ``x`` or ``2x`` are refused.

    Raises
    ------
    ValueError
        In plain English, naming the number that could not be read.

    Examples
    --------
    >>> read_numbers("(pi, 1/4)", ("x", "y"))
    (3.141592653589793, 0.25)
    """
    body = text.strip()
    if re.fullmatch(r"\(.*\)|\[.*\]", body) and len(_split_top_level(body[1:-1])) == len(variables):
        body = body[1:-1]
    parts = _split_top_level(body)
    if len(parts) != len(variables):
        raise ValueError(f"the {what} needs {len(variables)} number{'s' * (len(variables) > 1)} "
                         f"({_names_text(variables)}), one per variable, separated by commas; "
                         f"{len(parts)} {'was' if len(parts) == 1 else 'were'} typed")
    numbers = []
    for name, part in zip(variables, parts, strict=True):
        try:
            value = symbolic.parse_formula(part, ())
            number = float(value)
        except _READ_FAILURE as error:
            reason = str(error).replace("the variables are (none)", "type a number such as 1.5 or pi/2")
            raise ValueError(f"the {name}-coordinate '{part.strip()}' is not a number: {reason}") from None
        if not math.isfinite(number):
            raise ValueError(f"the {name}-coordinate '{part.strip()}' is too large")
        numbers.append(number)
    return tuple(numbers)


def gradient_at(expr: sympy.Expr, variables: Sequence[str],
                point: Sequence[float]) -> tuple[float, tuple[float, ...]]:
    """``f`` and its gradient at a point, as floats.

    Raises
    ------
    ValueError
        When ``f`` or a partial derivative is not a finite real number there
        (``log`` or ``sqrt`` of a negative, a division by zero, a corner such as
        ``sqrt(x)`` at 0), saying which.
    """
    variables = tuple(variables)
    where = _where(variables, point)
    value = _value_at(expr, variables, point)
    if math.isnan(value):
        raise ValueError(f"f is not defined at {where}: it is not a real number there (the log or "
                         "an even root of a negative number, or an arcsine beyond 1)")
    if not math.isfinite(value):
        raise ValueError(f"f has no finite value at {where} (a division by zero, or a number too "
                         "large to compute)")
    gradient = []
    for name, part in zip(variables, symbolic.gradient_vector(expr, variables), strict=True):
        slope = _value_at(part, variables, point)
        if not math.isfinite(slope):
            raise ValueError(f"f is defined at {where} but has no partial derivative in {name} "
                             "there (its graph is vertical, has a corner or jumps at that point, "
                             "or the slope is too large to compute)")
        gradient.append(slope)
    return value, tuple(gradient)


def _where(variables: tuple[str, ...], point: Sequence[float]) -> str:
    if len(variables) == 1:
        return f"{variables[0]} = {_number(point[0])}"
    return f"({_names_text(variables)}) = ({', '.join(_number(p) for p in point)})"


def _value_at(expr: sympy.Expr, variables: tuple[str, ...], point: Sequence[float]) -> float:
    try:
        return float(symbolic.lambdify_numeric(expr, variables)(*point))
    except _READ_FAILURE:
        return math.nan


def _number(value: float) -> str:
    text = f"{value:.6g}"
    return "0" if text == "-0" else text


def _vector(values: Sequence[float]) -> str:
    return r"\left(" + ", ".join(_number(v) for v in values) + r"\right)"


def _formula_html(expr: sympy.Expr, variables: tuple[str, ...]) -> list[str]:
    symbols = ", ".join(sympy.latex(s) for s in symbolic.symbols_for(variables))
    parts = symbolic.gradient_vector(expr, variables)
    latex = [_escape(sympy.latex(p)) for p in parts]
    rows = [f"$$f({symbols}) = {_escape(sympy.latex(expr))}$$"]
    rows += [rf"$$\frac{{\partial f}}{{\partial {sympy.latex(s)}}} = {p}$$"
             for s, p in zip(symbolic.symbols_for(variables), latex, strict=True)]
    components = r", \; ".join(latex)
    rows.append(rf"$$\nabla f({symbols}) = \left( {components} \right)$$")
    return rows


def gradient_html(text: str, variables: Sequence[str] | str = VARIABLES) -> str:
    """Each partial derivative and the gradient of a typed formula, in LaTeX.

    Never raises: an empty box gives a prompt and unreadable text a plain
    message starting "Could not read that formula: ".

    Examples
    --------
    >>> gradient_html("x +").startswith("Could not read that formula: ")
    True
    """
    return calculator_html(text, variables)[0]


def _read_formula(text: str, variables: tuple[str, ...]) -> sympy.Expr:
    try:
        return derivations.real_form(symbolic.parse_formula(text, variables))
    except ValueError:
        raise
    except Exception:  # a learner must never see a traceback
        raise ValueError("it is too long or too deeply nested") from None


def point_html(expr: sympy.Expr, variables: Sequence[str], point: str = "",
               direction: str = "") -> str:
    """The gradient at a typed point, its length and direction, and a directional derivative.

    Never raises: a point or direction that cannot be used gets a plain message.
    """
    variables = tuple(variables)
    if not point.strip():
        return ("<p>Type a point to see the gradient there as numbers.</p>" if direction.strip()
                else "")
    try:
        at = read_numbers(point, variables, "point")
        value, gradient = gradient_at(expr, variables, at)
    except ValueError as error:
        return f"<p>Could not use that point: {_escape(error)}</p>"
    here = ", ".join(_number(p) for p in at)
    length = math.hypot(*gradient)
    rows = [f"<p>At the point $({_escape(', '.join(sympy.latex(s) for s in symbolic.symbols_for(variables)))})"
            f" = ({here})$:</p>",
            f"$$f({here}) = {_number(value)}, \\qquad \\nabla f({here}) = {_vector(gradient)}$$"]
    if length == 0:
        rows.append("<p>The gradient is zero here: no direction is uphill to first order "
                    "(a critical point), so there is no direction of steepest ascent.</p>")
    else:
        rows.append(rf"<p>Largest rate of change $\|\nabla f\| = {_number(length)}$, in the direction "
                    rf"of steepest ascent $\nabla f / \|\nabla f\| = {_vector([g / length for g in gradient])}$.</p>")
    return "\n".join(rows) + _corner_html(expr, variables, at) + _direction_html(
        gradient, variables, direction, here)


def _corner_html(expr: sympy.Expr, variables: tuple[str, ...], point: Sequence[float]) -> str:
    """A warning when an ``Abs`` or ``sign`` in ``f`` has its corner or jump at the point."""
    kinks = [u for u in sorted({a.args[0] for a in expr.atoms(sympy.Abs, sympy.sign)}, key=str)
             if abs(_value_at(u, variables, point)) <= 1e-12]
    if not kinks:
        return ""
    names = ", ".join(f"${_escape(sympy.latex(u))}$" for u in kinks)
    return (f"\n<p>Careful: {names} is 0 here, where $|u|$ has a corner and "
            r"$\operatorname{sign} u$ a jump. The numbers above take $\operatorname{sign} 0 = 0$; "
            "the partial derivatives may not exist at this point: check them with the limit "
            "definition.</p>")


def _direction_html(gradient: Sequence[float], variables: tuple[str, ...], direction: str,
                    here: str) -> str:
    if not direction.strip():
        return ""
    try:
        d = read_numbers(direction, variables, "direction")
    except ValueError as error:
        return f"\n<p>Could not use that direction: {_escape(error)}</p>"
    size = math.hypot(*d)
    if size == 0:
        return ("\n<p>Could not use that direction: it is the zero vector, which points nowhere. "
                "Type a direction with a non-zero entry.</p>")
    unit = [c / size for c in d]
    rate = sum(g * u for g, u in zip(gradient, unit, strict=True))
    said = ("is already a unit vector" if math.isclose(size, 1.0, rel_tol=1e-12)
            else f"has length {_number(size)}; divided by it, it is the unit vector")
    return (f"\n<p>The direction ${_vector(d)}$ {said} $u = {_vector(unit)}$.</p>\n"
            f"$$D_u f({here}) = \\nabla f \\cdot u = {_number(rate)}$$")


def steps_html(expr: sympy.Expr, variables: Sequence[str], max_steps: int = MAX_STEPS) -> str:
    """Each partial derivative worked out rule by rule (see :mod:`helpers.steps`), in HTML.

    Never raises: a derivation that cannot be shown gets a plain message.
    """
    sections = []
    for symbol, tidy in zip(symbolic.symbols_for(variables),
                            symbolic.gradient_vector(expr, variables), strict=True):
        name = sympy.latex(symbol)
        title = rf"<p><b>Steps for $\frac{{\partial f}}{{\partial {name}}}$</b>"
        try:
            d = derivations.derivation(expr, symbol)
        except (ValueError, RecursionError) as error:
            sections.append(f"{title}: not shown: {_escape(error)}</p>")
            continue
        others = [sympy.latex(s) for s in symbolic.symbols_for(variables) if s != symbol]
        held = f" (${', '.join(others)}$ held constant)" if others else ""
        items = [f"<li><b>{_escape(s.rule.capitalize())}</b>"
                 + (f" &mdash; {_escape(s.note)}" if s.note else "")
                 + f": $$ {_escape(s.equation)} $$</li>" for s in d.steps[:max_steps]]
        if len(d.steps) > max_steps:
            items.append(f"<li>... and {len(d.steps) - max_steps} more steps: a long formula; "
                         "split it into parts and differentiate each part.</li>")
        result = _escape(sympy.latex(d.result))
        end = rf"\frac{{\partial f}}{{\partial {name}}} = {result}"
        if d.result != tidy:
            end += f" = {_escape(sympy.latex(tidy))}"
        sections.append(f"{title}{held}</p>\n<ol>\n" + "\n".join(items)
                        + f"\n</ol>\n<p>Putting the steps together:</p>\n$$ {end} $$")
    return "\n".join(sections)


def calculator_html(text: str, variables: Sequence[str] | str = VARIABLES, point: str = "",
                    direction: str = "", steps: bool = False) -> tuple[str, str]:
    """What the calculator shows: ``(message, steps)``, both HTML with LaTeX.

    The message holds the formula, its partials and gradient, and (when a point
    is typed) the gradient there; ``steps`` holds the derivations when asked
    for. Never raises: anything that cannot be read gets a plain message.
    """
    try:
        names = read_variables(variables)
    except ValueError as error:
        return "Could not read the variables: " + _escape(error), ""
    if not text or not text.strip():
        return (f"Type a formula in {_escape(_names_text(names))}, for example "
                "<code>x**2*y + sin(x*y)</code>, then press Enter."), ""
    try:
        expr = _read_formula(text, names)
    except ValueError as error:
        return "Could not read that formula: " + _escape(error), ""
    try:
        rows = _formula_html(expr, names)
    except Exception:  # as above: a message, never a traceback
        return "Could not differentiate that formula; try a simpler form of it.", ""
    message = "\n".join(rows) + ("\n" + point_html(expr, names, point, direction)).rstrip()
    return message, (steps_html(expr, names) if steps else "")


def _box(value: str, placeholder: str, description: str, css: str, width: str) -> widgets.Text:
    box = widgets.Text(value=value, placeholder=placeholder, description=description,
                       continuous_update=False, layout=widgets.Layout(width=width),
                       style={"description_width": "initial"})
    return box.add_class(css)


def gradient_calculator(variables: Sequence[str] | str = VARIABLES, text: str = "", point: str = "",
                        direction: str = "", steps: bool = False) -> widgets.VBox:
    """Type a formula and its variables; see the partials, the gradient and the steps.

    Parameters
    ----------
    variables : sequence of str or str
        The variables to start with, in gradient order (``("x", "y")`` or ``"w, b"``).
    text, point, direction : str
        What the formula, point and direction boxes start with (empty by default).
    steps : bool
        Whether the "Show the steps" box starts ticked.

    Returns
    -------
    ipywidgets.VBox
        Class ``gradient-calculator``. Its boxes are ``.formula``
        (``gradient-calculator-input``), ``.variables``, ``.point``, ``.direction``
        and ``.show_steps`` (each with a class ``gradient-calculator-<name>``),
        ``.button``; the results are ``.message`` (``gradient-calculator-message``)
        and ``.steps`` (``gradient-calculator-steps``); ``.update()`` recomputes
        them. Enter, leaving a box, the tick box or the button submits.
    """
    start = _names_text(variables) if not isinstance(variables, str) else variables
    formula = _box(text, "e.g. x**2*y + sin(x*y)", f"f({start}) =", "gradient-calculator-input", "34em")
    names = _box(start, "e.g. x, y, z", "variables", "gradient-calculator-variables", "16em")
    at = _box(point, "optional, e.g. 1, 2", "point", "gradient-calculator-point", "16em")
    toward = _box(direction, "optional, e.g. 3, 4", "direction", "gradient-calculator-direction", "16em")
    show_steps = widgets.Checkbox(value=steps, description="Show the steps", indent=False)
    show_steps.add_class("gradient-calculator-show-steps")
    button = widgets.Button(description="Differentiate", button_style="primary")
    message = widgets.HTMLMath().add_class("gradient-calculator-message")
    derivation = widgets.HTMLMath().add_class("gradient-calculator-steps")
    spoken = spoken_readout("gradient-calculator-spoken")
    for control, name, meaning in ((names, "variables", "the variables of f, in gradient order"),
                                   (at, "point", "where to evaluate the gradient, optional"),
                                   (toward, "direction", "a direction for the directional derivative, optional")):
        label(control, name, meaning)

    def update(change=None) -> None:
        try:
            formula.description = f"f({_names_text(read_variables(names.value))}) ="
        except ValueError:
            formula.description = "f ="
        message.value, derivation.value = calculator_html(
            formula.value, names.value, at.value, toward.value, show_steps.value)
        speak(spoken, calculator_sentence(message.value))

    for control in (formula, names, at, toward, show_steps):
        control.observe(update, names="value")
    button.on_click(update)
    box = widgets.VBox([widgets.HBox([formula, button]), widgets.HBox([names, at, toward]),
                        show_steps, message, spoken, derivation])
    box.add_class("gradient-calculator")
    box.summary = f"Gradient calculator: type a formula in {start}"
    box.formula, box.variables, box.point, box.direction = formula, names, at, toward
    box.show_steps, box.button, box.message, box.steps, box.update = (
        show_steps, button, message, derivation, update)
    box.spoken = spoken
    box.static_html = lambda: _static_html(box)
    update()
    return box


def _static_html(box: widgets.VBox) -> str:
    """The calculator as a static page shows it: what was typed, then the results."""
    typed = [f"<code>f({_escape(box.variables.value)}) = {_escape(box.formula.value)}</code>"]
    typed += [f"{label} <code>{_escape(b.value)}</code>"
              for label, b in (("at the point", box.point), ("in the direction", box.direction))
              if b.value.strip()]
    return f"<p>{', '.join(typed)}</p>\n" + box.message.value + "\n" + box.steps.value
