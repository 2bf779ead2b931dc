"""Questions of exercise 08, Lagrange multipliers.

What the questions are about:

- ``f(x, y) = x + 2*y`` on the circle ``x**2 + y**2 = 5`` (its maximum point, value and multiplier)
- ``f(x, y) = x*y`` on the line ``x + 4*y = c`` with ``c = 24`` (the optimum, and how fast the best
  value changes with ``c``)
- the point of the line ``3*x + 4*y = 25`` nearest the origin
- what the gradients do at a constrained optimum
- the box ``x*y*z`` of largest volume with ``x + y + z = 12``
"""

from helpers.questions import Mistake, Question

__all__ = ["QUESTIONS"]

_FLAT_BOX = "That solves the conditions too, but its volume is 0: it is not the largest box."

QUESTIONS = (
    Question(
        "08-max-point", "vector", size=2,
        mistakes=(
            Mistake([-1.0, -2.0], "That point solves the Lagrange conditions too, but f = -5 there: it is the "
                                  "minimum. Compare the values of f."),
            Mistake([2.0, 1.0], "From 1 = 2 lambda x and 2 = 2 lambda y it follows that y = 2x."),
            Mistake([0.5, 1.0], "The point must lie on the circle: put it into x**2 + y**2 = 5."),
        ),
        hint="Solve 1 = 2 lambda x, 2 = 2 lambda y and x**2 + y**2 = 5; compare f at the solutions.",
    ),
    Question(
        "08-max-value", "number",
        mistakes=(
            Mistake(-5.0, "That is the smallest value of f on the circle; the question asks for the largest."),
            Mistake(5 ** 0.5, "That is the radius of the circle; evaluate f = x + 2y at the maximum point."),
        ),
        hint="Evaluate f = x + 2y at the point where f is largest on the circle.",
    ),
    Question(
        "08-multiplier", "number",
        mistakes=(
            Mistake(2.0, "The multiplier goes with grad g: grad f = lambda grad g, not grad g = lambda grad f."),
            Mistake(-0.5, "That is lambda at the minimum; the question asks about the maximum."),
            Mistake(1.0, "From 1 = 2 lambda x at x = 1, lambda = 1/2."),
        ),
        hint="Put the maximum point into f_x = lambda g_x and solve for lambda.",
    ),
    Question(
        "08-product-point", "vector", size=2,
        mistakes=(
            Mistake([3.0, 12.0], "Check the order: (y, x) = lambda (1, 4) gives y = lambda and x = 4 lambda."),
            Mistake([4.0, 5.0], "That point is on the line but does not satisfy grad f = lambda grad g: "
                                "y = lambda and x = 4 lambda."),
            Mistake([24.0, 0.0], "An end of the positive part of the line gives xy = 0, the smallest product."),
        ),
        hint="grad f = (y, x) and grad g = (1, 4): solve y = lambda, x = 4 lambda with x + 4y = 24.",
    ),
    Question(
        "08-rate", "number",
        mistakes=(
            Mistake(1 / 3, "That is 1/lambda: the multiplier is defined by grad f = lambda grad g."),
            Mistake(36.0, "That is the largest value f*(24) itself; the question asks how fast it changes with c."),
            Mistake(3.0625, "That is the exact change from c = 24 to c = 25; the rate at c = 24 is the multiplier."),
        ),
        hint="The rate at which the best value changes with c is the multiplier lambda at the optimum.",
    ),
    Question(
        "08-nearest-point", "vector", size=2,
        mistakes=(
            Mistake([4.0, 3.0], "From 2x = 3 lambda and 2y = 4 lambda it follows that y = 4x/3."),
            Mistake([-3.0, -4.0], "That point is not on the line 3x + 4y = 25."),
            Mistake([0.12, 0.16], "The point must lie on the line: put it into 3x + 4y = 25."),
        ),
        hint="Minimise x**2 + y**2 on 3x + 4y = 25: (2x, 2y) = lambda (3, 4), then use the line to find lambda.",
    ),
    Question(
        "08-parallel", "choice", choices=("parallel", "perpendicular", "zero", "unrelated"),
        mistakes=(
            Mistake("perpendicular", "grad f is perpendicular to the level curve of f, and grad g to the constraint "
                                     "curve; at the optimum the two curves touch. What does that make the gradients?"),
            Mistake("zero", "grad f = 0 is the condition without a constraint; on the curve f only has to stop "
                            "changing along the curve."),
            Mistake("unrelated", "At the optimum f stops changing along the curve: grad f is perpendicular to the "
                                 "curve's tangent, and so is grad g."),
        ),
        hint="Along the curve, the rate of change of f is grad f . T, and grad g . T = 0.",
    ),
    Question(
        "08-box", "vector", size=3,
        mistakes=(
            Mistake([12.0, 0.0, 0.0], _FLAT_BOX),
            Mistake([0.0, 0.0, 12.0], _FLAT_BOX),
        ),
        hint="The conditions are yz = xz = xy = lambda; with positive sides they give x = y = z.",
    ),
)
