"""Questions of exercise 02, the gradient.

The functions the questions are about:

- ``f(x, y) = x**3*y - 2*x*y**2 + 5*x`` (its gradient)
- ``g(x, y) = exp(x*y**2)`` (its gradient, by the chain rule)
- ``p(x, y) = x**2*y**3 - 4*x`` (its gradient at (2, 1))
- ``b(x, y) = x**2 + 4*y**2`` (steepest rate and steepest descent at (1, 1), level curve at (2, 1))
- ``w(x, y, z) = x**2*z + y*exp(z)`` (its gradient)
- the mean squared error of the line ``theta0 + theta1*x`` on the data
  ``x = (0, 1, 2)``, ``y = (1, 3, 4)``, at ``theta = (0, 1)``
- ``c(x, y) = x**2 + x*y + y**2 - 3*x`` (its critical point)

For a gradient given as a list of formulas (kind ``exprs``), each planted
mistake is a wrong formula for one component; a component that matches one
earns that mistake's hint.
"""

from math import sqrt

from helpers.questions import Mistake, Question

__all__ = ["QUESTIONS"]

_ORDER = "The components are in the wrong order: the first goes with x, the second with y."
_UNIT_B = 1 / sqrt(68)  # 1/|grad b(1, 1)|, with grad b(1, 1) = (2, 8)

QUESTIONS = (
    Question(
        "02-grad-poly", "exprs", size=2,
        mistakes=(
            Mistake("x**3 - 4*x*y", _ORDER),
            Mistake("3*x**2*y - 2*y**2",
                    "The term 5x depends on x: its x-partial is missing from the first component."),
            Mistake("x**3 - 4*x*y + 5", "The term 5x has no y in it, so it adds nothing to the y-partial."),
            Mistake("x**3 - 2*x*y", "Check the power rule on the y**2 in -2xy**2."),
        ),
        hint="Differentiate f by x with y frozen for the first component, by y with x frozen for the second.",
    ),
    Question(
        "02-grad-chain", "exprs", size=2,
        mistakes=(
            Mistake(
                "exp(x*y**2)",
                "Chain rule: e^u differentiates to e^u times the partial derivative of the inside u = xy**2.",
            ),
            Mistake(
                "2*y*exp(x*y**2)",
                "In the y-partial of the inside xy**2, x is a constant factor and stays.",
            ),
            Mistake("2*x*y*exp(x*y**2)", _ORDER),
        ),
        hint="Use the chain rule: the partial of e^u is e^u times the partial of u = xy**2.",
    ),
    Question(
        "02-grad-at-point", "vector", size=2,
        mistakes=(
            Mistake([12.0, 0.0], _ORDER),
            Mistake([4.0, 12.0], "The term -4x contributes -4 to the x-partial."),
            Mistake([0.0, 1.0], "That is a unit vector; the gradient itself is not normalised."),
            Mistake([0.0, 4.0], "Power rule on y**3: its y-partial is 3y**2, not y**2."),
        ),
        hint="Find both partial derivatives of p first, then put in x = 2, y = 1.",
    ),
    Question(
        "02-steepest-rate", "number",
        mistakes=(
            Mistake(68.0, "That is the squared length: take the square root."),
            Mistake(10.0, "The length of a vector is not the sum of its components."),
            Mistake(8.0, "That is the larger partial derivative alone; the steepest rate combines both."),
            Mistake(5.0, "That is the value of b at the point, not a rate of change."),
        ),
        hint="The largest rate of change at a point is the length of the gradient there.",
    ),
    Question(
        "02-descent-direction", "vector", size=2, unit=True,
        mistakes=(
            Mistake([2 * _UNIT_B, 8 * _UNIT_B], "That direction goes uphill: steepest descent is along -∇b."),
            Mistake([-2.0, -8.0], "Right way, but a direction should be a unit vector: divide by the length."),
            Mistake([2.0, 8.0], "That is ∇b itself: it points uphill and is not a unit vector."),
            Mistake([-8 * _UNIT_B, -2 * _UNIT_B], _ORDER),
        ),
        hint="Steepest descent is the direction of -∇b, scaled to length 1.",
    ),
    Question(
        "02-grad-3d", "exprs", size=3, variables=("x", "y", "z"),
        mistakes=(
            Mistake("x**2 + y*exp(z)", "The components go in the order of the variables: x, then y, then z."),
            Mistake("x**2", "The term y*e^z depends on z too: its z-partial is missing."),
            Mistake("x**2 + exp(z)", "In y*e^z, y is a constant factor when you differentiate by z: it stays."),
            Mistake("y*exp(z)", "The y-partial of y*e^z is e^z: the factor y itself goes."),
        ),
        hint="One partial derivative per variable, in the order x, y, z; freeze the other two each time.",
    ),
    Question(
        "02-mse-gradient", "vector", size=2,
        mistakes=(
            Mistake([10 / 3, 4.0], "Sign: the inside y_n - θ0 - θ1 x_n has negative partial derivatives."),
            Mistake([-5 / 3, -2.0], "Missing factor 2: the derivative of u**2 is 2u times u'."),
            Mistake([-10.0, -12.0], "The loss is a mean: divide the sum by N = 3."),
            Mistake([-4.0, -10 / 3], "The components are in the wrong order: ∂J/∂θ0 first, then ∂J/∂θ1."),
            Mistake([-10 / 3, -10 / 3],
                    "Chain rule: the θ1-partial of ŷ_n is x_n, so each residual is multiplied by x_n."),
        ),
        hint="Compute the residuals y_n - ŷ_n at θ = (0, 1), then use the two formulas of Lesson 2, Section 7.",
    ),
    Question(
        "02-critical-point", "vector", size=2,
        mistakes=(
            Mistake([-1.0, 2.0], _ORDER),
            Mistake([1.5, 0.0], "The term xy depends on both variables, so it appears in both partial derivatives."),
            Mistake([-2.0, 1.0], "Sign: the x-partial of -3x is -3."),
        ),
        hint="Set both partial derivatives to zero and solve the two equations together.",
    ),
    Question(
        "02-level-tangent", "choice", choices=("a", "b", "c", "d"),
        hint="A tangent to the level curve is perpendicular to ∇b(2, 1): its dot product with the gradient is 0.",
    ),
)
