"""Questions of exercise 03, the directional derivative.

The functions the questions are about:

- ``f(x, y) = x**2*y - y**3`` at the point ``(2, 1)``, where ``grad f = (4, 1)``,
  and the direction of ``v = (3, -4)``
- ``w(x, y, z) = x*exp(y*z)`` at ``(1, 0, 2)`` in the direction of ``(1, 2, 2)``
- a gradient of length 6 and a direction at 60 degrees to it
"""

import math

from helpers.questions import Mistake, Question

__all__ = ["QUESTIONS"]

_ROOT17 = math.sqrt(17)
_ORDER = "The components are in the wrong order: the first is f_x, the second f_y."
_NORMALISE = "Normalise the direction first: divide it by its length, so that it has length 1."

QUESTIONS = (
    Question(
        "03-gradient", "exprs", size=2,
        mistakes=(
            Mistake("2*x*y - 3*y**2", "For f_x, y is held fixed: the term -y**3 does not change with x."),
            Mistake("2*x", "In x**2*y the factor y is a constant when you differentiate by x: it stays."),
            Mistake("x**2 - y**2", "The power rule on y**3 gives 3y**2, not y**2."),
            Mistake("x**2 + 3*y**2", "The term -y**3 has y-partial -3y**2: mind the minus sign."),
        ),
        hint="Differentiate by x holding y fixed, then by y holding x fixed; list f_x first.",
    ),
    Question(
        "03-unit-direction", "vector", size=2, unit=True,
        mistakes=(
            Mistake([3.0, -4.0], _NORMALISE),
            Mistake([3 / 7, -4 / 7], "The length of (3, -4) is sqrt(3**2 + 4**2), not |3| + |4|."),
            Mistake([3 / 25, -4 / 25], "Divide by the length |v| = sqrt(3**2 + 4**2), not by its square."),
        ),
        hint="Divide v by its length |v| = sqrt(3**2 + (-4)**2).",
    ),
    Question(
        "03-rate-formula", "expr",
        mistakes=(
            Mistake("3*2*x*y - 4*(x**2 - 3*y**2)", _NORMALISE + " Use u = v/|v|, not v = (3, -4)."),
            Mistake("(3*(x**2 - 3*y**2) - 4*2*x*y)/5",
                    "Pair each partial with its own component: f_x with u_1, f_y with u_2."),
            Mistake("(3*2*x*y + 4*(x**2 - 3*y**2))/5",
                    "The direction (3, -4) points down in y: its second component is negative."),
        ),
        hint="D_u f = f_x u_1 + f_y u_2 with the unit vector u = v/|v|.",
    ),
    Question(
        "03-rate-value", "number",
        mistakes=(
            Mistake(8.0, _NORMALISE),
            Mistake(-1.6, "That is the rate along (-3, 4), the opposite direction: check the sign of u."),
            Mistake(-2.6, "The gradient at (2, 1) is (f_x, f_y) in that order; the components look swapped."),
            Mistake(0.32, "Divide by the length |v| = 5 once, not by |v| squared."),
            Mistake(8 / 7, "The length of (3, -4) is sqrt(3**2 + 4**2), not |3| + |4|."),
        ),
        hint="Evaluate the gradient at (2, 1), then take its dot product with the unit vector u.",
    ),
    Question(
        "03-steepest-direction", "vector", size=2, unit=True,
        mistakes=(
            Mistake([4.0, 1.0], "That is the gradient itself; the question asks for a unit vector. "
                                + _NORMALISE),
            Mistake([-4 / _ROOT17, -1 / _ROOT17],
                    "That is the direction of fastest decrease, -∇f; f increases fastest along +∇f."),
            Mistake([1 / _ROOT17, 4 / _ROOT17], _ORDER),
            Mistake([1 / _ROOT17, -4 / _ROOT17],
                    "That direction is perpendicular to ∇f: along the level curve, the rate is 0."),
        ),
        hint="f increases fastest in the direction of its gradient; make that a unit vector.",
    ),
    Question(
        "03-max-rate", "number",
        mistakes=(
            Mistake(17.0, "That is |∇f| squared: take the square root."),
            Mistake(5.0, "The length of (4, 1) is sqrt(4**2 + 1**2), not 4 + 1."),
            Mistake(-_ROOT17, "That is the smallest rate, walking along -∇f; the question asks for the largest."),
            Mistake(4.0, "That is f_x alone, the rate due east; the largest rate is over all directions."),
        ),
        hint="The largest rate of change is the length of the gradient.",
    ),
    Question(
        "03-level-direction", "vector", size=2, unit=True,
        mistakes=(
            Mistake([-1.0, 4.0], _NORMALISE),
            Mistake([1 / _ROOT17, -4 / _ROOT17],
                    "That one is along the level curve too, but its y-component is negative; "
                    "the question asks for the other one."),
            Mistake([-4 / _ROOT17, -1 / _ROOT17],
                    "That is the direction of -∇f, the steepest descent; the level curve is perpendicular to ∇f."),
            Mistake([1 / _ROOT17, 4 / _ROOT17],
                    "Check that it is perpendicular to ∇f = (4, 1): the dot product must be 0."),
        ),
        hint="Along the level curve the rate is 0, so u is perpendicular to ∇f = (4, 1) and has length 1.",
    ),
    Question(
        "03-angle-rate", "number",
        mistakes=(
            Mistake(6 * math.sin(math.radians(60)), "D_u f = |∇f| cos(φ): cosine, not sine."),
            Mistake(6.0, "The angle matters: |∇f| alone is the rate along ∇f, where the angle is 0."),
            Mistake(6 * math.cos(60), "The angle is in degrees: convert it to radians before taking the cosine."),
            Mistake(0.5, "Multiply the cosine by the length of the gradient."),
        ),
        hint="Use D_u f = |∇f| cos(φ), with φ the angle between u and ∇f.",
    ),
    Question(
        "03-three-variables", "number",
        mistakes=(
            Mistake(5.0, _NORMALISE + " Here |v| = 3."),
            Mistake(1.0, "Chain rule: the y-partial of exp(yz) is z*exp(yz); the factor z is missing."),
            Mistake(5 / 9, "Divide by the length |v| = 3 once, not by |v| squared."),
            Mistake(4 / 3, "w_x = exp(yz), which is 1 at the point, not 0."),
        ),
        hint="Find the three partials of w at (1, 0, 2), then the dot product with v/|v|.",
    ),
    Question(
        "03-fastest", "choice", choices=("east", "north", "northeast", "southeast"),
        hint="Make each direction a unit vector, compute ∇f · u for each, and pick the largest.",
    ),
)
