"""The gradient calculator, driven headless: its boxes as a learner fills them.

Numbers the calculator shows are checked against sympy evaluated independently here
(exact values at the point, then rounded), never against the calculator itself.
"""

import html
import math
import re

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.formula import parse_formula
from helpers.widgets import gradient_calculator, gradient_html
from helpers.widgets.base import static_bundle
from helpers.widgets.calculator import (
    MAX_STEPS,
    calculator_html,
    gradient_at,
    read_numbers,
    read_variables,
    steps_html,
)

X, Y, Z = sp.symbols("x y z")
NUMBER = r"-?\d+(?:\.\d+)?(?:e[-+]\d+)?"


def text_of(value: str) -> str:
    return html.unescape(value)


def numbers_after(label: str, message: str) -> list[float]:
    """The numbers in the first ``\\left(...\\right)`` (or the first number) after ``label``."""
    rest = text_of(message).split(label, 1)[1]
    vector = re.match(r"\s*=\s*\\left\(([^)]*)\\right\)", rest)
    return [float(v) for v in re.findall(NUMBER, vector[1] if vector else rest)][: None if vector else 1]


def no_traceback(*values: str) -> None:
    for value in values:
        assert "Traceback" not in value and "Error:" not in value and 'File "' not in value


# ------------------------------------------------------------------ the boxes


def test_the_calculator_has_its_boxes_and_classes():
    box = gradient_calculator()
    assert "gradient-calculator" in box._dom_classes
    for control, css in [(box.formula, "input"), (box.variables, "variables"), (box.point, "point"),
                         (box.direction, "direction"), (box.show_steps, "show-steps"),
                         (box.message, "message"), (box.steps, "steps")]:
        assert f"gradient-calculator-{css}" in control._dom_classes
    assert box.variables.value == "x, y" and box.formula.description == "f(x, y) ="
    assert box.message.value.startswith("Type a formula in x, y")
    assert box.summary == "Gradient calculator: type a formula in x, y"


def test_the_calculator_shows_the_gradient():
    box = gradient_calculator()
    box.formula.value = "x**2*y + sin(x*y)"
    message = text_of(box.message.value)
    fx, fy = (sp.latex(p) for p in (2 * X * Y + Y * sp.cos(X * Y), X**2 + X * sp.cos(X * Y)))
    assert rf"\frac{{\partial f}}{{\partial x}} = {fx}$$" in message
    assert rf"\frac{{\partial f}}{{\partial y}} = {fy}$$" in message
    assert rf"\nabla f(x, y) = \left( {fx}, \; {fy} \right)" in message
    assert box.steps.value == ""


@pytest.mark.parametrize("variables, formula, expected", [
    ("x, y, z", "x*y*z", r"\nabla f(x, y, z) = \left( y z, \; x z, \; x y \right)"),
    ("theta0, theta1", "(theta0 + 2*theta1 - 3)^2",
     r"\frac{\partial f}{\partial \theta_{1}} = 4 \theta_{0} + 8 \theta_{1} - 12"),
    ("w b", "(w*2 + b - 1)^2", r"\nabla f(w, b) = \left( 4 b + 8 w - 4, \; 2 b + 4 w - 2 \right)"),
    ("(x)", "x^3", r"\nabla f(x) = \left( 3 x^{2} \right)"),
])
def test_the_variables_box_names_the_variables(variables, formula, expected):
    box = gradient_calculator()
    box.variables.value = variables
    box.formula.value = formula
    message = text_of(box.message.value)
    assert expected in message
    names = read_variables(variables)
    for name in names:  # every partial, checked against sympy
        part = sp.diff(parse_formula(formula, names), sp.Symbol(name))
        assert rf"\frac{{\partial f}}{{\partial {sp.latex(sp.Symbol(name))}}} = {sp.latex(part)}$$" in message
    assert box.formula.description == f"f({', '.join(names)}) ="


@pytest.mark.parametrize("variables, says", [
    ("x, x", "variable 'x' is listed twice"),
    ("x, sin", "'sin' cannot be a variable: it names a function or constant"),
    ("x, pi", "'pi' cannot be a variable"),
    ("x, 2y", "'2y' is not a valid variable name"),
    ("", "no variables"),
    ("x, lambda", "'lambda' is not a valid variable name"),
    (", ".join(f"x{i}" for i in range(11)), "at most 10"),
])
def test_bad_variables_get_a_plain_message(variables, says):
    box = gradient_calculator(text="x*y")
    box.variables.value = variables
    assert box.message.value.startswith("Could not read the variables: ")
    assert says in text_of(box.message.value)
    assert box.formula.description == "f ="
    no_traceback(box.message.value)


@pytest.mark.parametrize("text, says", [
    ("__import__('os')", "names starting with '_'"),
    ("x +", "something is missing"),
    ("x ** ** 2", "column"),
    ("(" * 500 + "x", ""),
    ("2x", "write 2*x"),
    ("x*z", "unknown name 'z': the variables are x, y"),
    ("sin(x, y)", "sin takes 1 argument"),
])
def test_bad_formulas_get_a_plain_message(text, says):
    box = gradient_calculator(point="1, 2", steps=True)
    box.formula.value = text
    assert box.message.value.startswith("Could not read that formula: ")
    assert says in text_of(box.message.value)
    assert "$$" not in box.message.value and box.steps.value == ""
    no_traceback(box.message.value)


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_box_gets_a_prompt(text):
    box = gradient_calculator()
    box.formula.value = "x*y"
    box.formula.value = text
    assert box.message.value.startswith("Type a formula in x, y")


def test_the_button_recomputes():
    box = gradient_calculator(("x", "y", "z"))
    box.formula.value = "x*y*z"
    box.message.value = ""
    box.button.click()
    assert r"\nabla f(x, y, z) = \left( y z, \; x z, \; x y \right)" in box.message.value
    assert gradient_html("x*y*z", ("x", "y", "z")) == box.message.value


# ------------------------------------------------------------------ a point and a direction


def test_the_gradient_at_a_point_its_length_and_direction():
    box = gradient_calculator(text="x**2*y + sin(x*y)")
    box.point.value = "1, 2"
    f = X**2 * Y + sp.sin(X * Y)
    at = {X: 1, Y: 2}
    grad = [float(sp.diff(f, v).subs(at)) for v in (X, Y)]
    message = box.message.value
    assert numbers_after(r"\nabla f(1, 2)", message) == pytest.approx(grad, rel=1e-5)
    assert numbers_after("f(1, 2) =", message) == pytest.approx([float(f.subs(at))], rel=1e-5)
    length = math.hypot(*grad)
    assert numbers_after(r"\|\nabla f\| =", message) == pytest.approx([length], rel=1e-5)
    unit = numbers_after(r"\nabla f / \|\nabla f\|", message)
    assert unit == pytest.approx([g / length for g in grad], rel=1e-5)
    assert "steepest ascent" in message and "Largest rate of change" in message


def test_a_direction_is_normalised_and_says_so():
    box = gradient_calculator(text="x**2*y + sin(x*y)", point="1, 2", direction="3, 4")
    message = text_of(box.message.value)
    assert "has length 5; divided by it, it is the unit vector" in message
    assert numbers_after("u", message.split("unit vector", 1)[1]) == [0.6, 0.8]
    f = X**2 * Y + sp.sin(X * Y)
    rate = sum(float(sp.diff(f, v).subs({X: 1, Y: 2})) * c for v, c in ((X, 0.6), (Y, 0.8)))
    assert numbers_after(r"\nabla f \cdot u =", message) == pytest.approx([rate], rel=1e-5)
    box.direction.value = "(0, 1)"
    assert "is already a unit vector" in box.message.value
    assert numbers_after(r"\nabla f \cdot u =", box.message.value) == pytest.approx(
        [float(sp.diff(f, Y).subs({X: 1, Y: 2}))], rel=1e-5)


def test_a_point_for_three_variables_and_exact_coordinates():
    box = gradient_calculator("x, y, z", text="x*y*z", point="(pi, 1/2, sqrt(4))")
    assert numbers_after(r"\nabla f(3.14159, 0.5, 2)", box.message.value) == pytest.approx(
        [1.0, 2 * math.pi, math.pi / 2], rel=1e-5)


@pytest.mark.parametrize("formula, point, direction, says", [
    ("log(x)", "-1, 2", "", "f is not defined at (x, y) = (-1, 2)"),
    ("sqrt(x - y)", "0, 1", "", "not a real number there"),
    ("1/x", "0, 1", "", "f has no finite value at (x, y) = (0, 1)"),
    ("sqrt(x)", "0, 1", "", "no partial derivative in x"),
    ("abs(x)*y", "0, 3", "", "Careful: $x$ is 0 here, where $|u|$ has a corner"),
    ("sign(x - y)", "1, 1", "", "has a corner or jumps at that point"),
    ("exp(exp(exp(x)))", "10, 0", "", "too large"),
    ("x*y", "1, 2, 3", "", "the point needs 2 numbers (x, y), one per variable"),
    ("x*y", "1", "", "1 was typed"),
    ("x*y", "2x, 1", "", "the x-coordinate '2x' is not a number: missing '*'"),
    ("x*y", "1, y", "", "the y-coordinate 'y' is not a number: unknown name 'y': type a number"),
    ("x*y", "1, __import__('os')", "", "not a number"),
    ("x*y", "1, 2", "0, 0", "it is the zero vector, which points nowhere"),
    ("x*y", "1, 2", "0.0, -0", "zero vector"),
    ("x*y", "1, 2", "1", "the direction needs 2 numbers"),
    ("x*y", "", "1, 1", "Type a point to see the gradient there"),
])
def test_a_point_or_direction_that_cannot_be_used_gets_a_plain_message(formula, point, direction, says):
    box = gradient_calculator(text=formula, point=point, direction=direction, steps=True)
    message = text_of(box.message.value)
    assert says in message
    assert r"\nabla f(x, y) = " in message  # the gradient is still shown
    no_traceback(box.message.value, box.steps.value)


def test_gradient_at_matches_sympy_and_refuses_the_outside_of_the_domain():
    f = parse_formula("log(x*y) + x^3")
    value, grad = gradient_at(f, ("x", "y"), (2.0, 0.5))
    assert value == pytest.approx(8.0) and grad == pytest.approx((1 / 2 + 12, 2.0))
    with pytest.raises(ValueError, match="not defined at"):
        gradient_at(f, ("x", "y"), (-2.0, 0.5))
    with pytest.raises(ValueError, match=r"^f is not defined at x = -1"):
        gradient_at(parse_formula("sqrt(x)", "x"), ("x",), (-1.0,))


def test_read_numbers_and_read_variables():
    assert read_numbers("[1, -2.5]", ("x", "y")) == (1.0, -2.5)
    assert read_numbers("atan2(1, 1), e", ("x", "y")) == pytest.approx((math.pi / 4, math.e))
    assert read_numbers("(1, 2)", ("x", "y")) == (1.0, 2.0)
    with pytest.raises(ValueError, match="too large"):
        read_numbers("10^400, 1", ("x", "y"))
    assert read_variables("x y z") == ("x", "y", "z")
    assert read_variables(("w", "b")) == ("w", "b")
    with pytest.raises(ValueError, match="'sin' cannot be a variable"):
        read_variables("sin")


# ------------------------------------------------------------------ the steps


def test_ticking_show_the_steps_shows_each_partial_rule_by_rule():
    box = gradient_calculator(text="x**2*y + sin(x*y)")
    box.show_steps.value = True
    shown = text_of(box.steps.value)
    assert shown.count("<ol>") == 2
    assert r"<b>Steps for $\frac{\partial f}{\partial x}$</b> ($y$ held constant)" in shown
    x_part = shown.split(r"\partial f}{\partial y}$</b>")[0]
    rules = re.findall(r"<li><b>([^<]+)</b>", x_part)
    assert rules == ["Sum rule", "Constant multiple rule", "Power rule", "Chain rule",
                     "Constant multiple rule", "Variable rule"]
    assert "inner function $u = x y$" in x_part
    assert r"\frac{\partial f}{\partial x} = 2 x y + y \cos{\left(x y \right)} $$" in x_part
    box.show_steps.value = False
    assert box.steps.value == ""


def test_the_steps_end_where_the_gradient_is_shown():
    shown = text_of(steps_html(parse_formula("tan(x)*y"), ("x", "y")))
    # the steps give sec^2; the gradient shows sympy's tan^2 + 1: both, as one equality
    steps_end = r"\frac{\partial f}{\partial x} = y \sec^{2}{\left(x \right)}"
    assert steps_end + r" = y \left(\tan^{2}{\left(x \right)} + 1\right)" in shown


def test_a_long_derivation_is_cut_with_a_message():
    formula = parse_formula(" + ".join(f"x^{i}" for i in range(2, 40)), ("x",))
    shown = steps_html(formula, ("x",), max_steps=10)
    assert shown.count("<li>") == 11 and "and 29 more steps" in shown
    assert MAX_STEPS >= 50


def test_steps_that_cannot_be_shown_get_a_message():
    shown = steps_html(parse_formula("(1 - 1)^(x*y)"), ("x", "y"))
    assert "not shown" in shown and "no derivative" in shown
    message, steps = calculator_html("(1 - 1)^(x*y)", "x, y", "", "", True)
    assert "not shown" in steps
    no_traceback(message, steps)


# ------------------------------------------------------------------ what a static page shows


def test_the_static_picture_shows_what_was_typed_and_the_results():
    box = gradient_calculator(text="x**2*y + sin(x*y)", point="1, 2", steps=True)
    page = static_bundle(box)["text/html"]
    assert "f(x, y) = x**2*y + sin(x*y)" in page and "at the point <code>1, 2</code>" in page
    assert "2 x y + y \\cos{\\left(x y \\right)}" in page
    assert "Steps for" in page and r"\nabla f(1, 2)" in page
    box.formula.value = "__import__('os')"
    assert "Could not read that formula" in static_bundle(box)["text/html"]
    hostile = static_bundle(gradient_calculator(text="<script>alert(1)</script>",
                                                point="<b>1</b>"))["text/html"]
    assert "<script" not in hostile and "<b>1" not in hostile


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(formula=st.text(alphabet="xyz019+-*/^()., sinlogexp_ab", max_size=25),
       variables=st.text(alphabet="xyz ,sin_2", max_size=10),
       point=st.text(alphabet="-0129., pie()", max_size=10),
       direction=st.text(alphabet="-01., ", max_size=8))
def test_whatever_is_typed_the_answer_is_a_message_never_a_traceback(formula, variables, point, direction):
    message, steps = calculator_html(formula, variables, point, direction, True)
    assert message
    no_traceback(message, steps)
