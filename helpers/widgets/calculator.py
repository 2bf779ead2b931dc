"""The gradient calculator: type a formula, see its partial derivatives and gradient."""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets
import sympy

from helpers import symbolic
from helpers.widgets.base import VARIABLES

__all__ = ["gradient_html", "gradient_calculator"]

def gradient_html(text: str, variables: Sequence[str] = VARIABLES) -> str:
    """Each partial derivative and the gradient of a typed formula, in LaTeX.

    Never raises: an empty box gives a prompt and unreadable text a plain
    message starting "Could not read that formula: ".

    Examples
    --------
    >>> gradient_html("x +").startswith("Could not read that formula: ")
    True
    """
    names = ", ".join(variables)
    if not text or not text.strip():
        return (f"Type a formula in {names}, for example "
                "<code>x**2*y + sin(x*y)</code>, then press Enter.")
    try:
        expr = symbolic.parse_formula(text, tuple(variables))
    except ValueError as error:
        return "Could not read that formula: " + html.escape(str(error), quote=False)
    except Exception:  # a learner must never see a traceback
        return "Could not read that formula: it is too long or too deeply nested."
    try:
        parts = symbolic.gradient_vector(expr, tuple(variables))
        latex = [html.escape(sympy.latex(p)) for p in parts]
        function = html.escape(sympy.latex(expr))
    except Exception:  # as above: a message, never a traceback
        return "Could not differentiate that formula; try a simpler form of it."
    rows = [f"$$f({names}) = {function}$$"]
    rows += [rf"$$\frac{{\partial f}}{{\partial {v}}} = {p}$$"
             for v, p in zip(variables, latex, strict=True)]
    components = r", \; ".join(latex)
    rows.append(rf"$$\nabla f({names}) = \left( {components} \right)$$")
    return "\n".join(rows)


def gradient_calculator(variables: Sequence[str] = VARIABLES, text: str = "") -> widgets.VBox:
    """Type a formula, see its partial derivatives and its gradient.

    Parameters
    ----------
    variables : sequence of str
        The variables the formula may use, in gradient order.
    text : str
        A formula to start with (empty by default).

    Returns
    -------
    ipywidgets.VBox
        Class ``gradient-calculator``; the text box (class
        ``gradient-calculator-input``) is ``.formula``, the result (class
        ``gradient-calculator-message``) is ``.message``, and ``.update()``
        recomputes it. Enter, leaving the box or the button submits.
    """
    variables = tuple(variables)
    formula = widgets.Text(value=text, placeholder="e.g. x**2*y + sin(x*y)",
                           description=f"f({', '.join(variables)}) =", continuous_update=False,
                           layout=widgets.Layout(width="32em"),
                           style={"description_width": "initial"})
    formula.add_class("gradient-calculator-input")
    button = widgets.Button(description="Differentiate", button_style="primary")
    message = widgets.HTMLMath().add_class("gradient-calculator-message")

    def update(change=None) -> None:
        message.value = gradient_html(formula.value, variables)

    formula.observe(update, names="value")
    button.on_click(update)
    box = widgets.VBox([widgets.HBox([formula, button]), message])
    box.add_class("gradient-calculator")
    box.summary = f"Gradient calculator: type a formula in {', '.join(variables)}"
    box.formula, box.button, box.message, box.update = formula, button, message, update
    box.static_html = lambda: (f"<p><code>f({', '.join(variables)}) = {html.escape(formula.value)}</code></p>"
                               + message.value)
    update()
    return box
