"""Questions of exercise 04, tangent planes and linear approximation.

The functions the questions are about:

- ``f(x, y) = x**2*y + 3*y`` at the point ``(1, 3)``
- ``d(x, y) = sqrt(x**2 + y**2)`` (the distance to the origin), near ``(6, 8)``
- ``z(x, y) = x*y**2`` at ``(2, 3)``
- ``q(x, y) = x*y/(x**2 + y**2)`` with ``q(0, 0) = 0``, and the cone ``sqrt(x**2 + y**2)``
- the level surface ``x**2*y + y*z**2 + z = 5`` at ``(1, 2, 1)`` (its tangent plane, solved for z)
"""

from helpers.questions import Mistake, Question

__all__ = ["QUESTIONS"]

_CHOICES = ("plane", "partials only", "neither")

QUESTIONS = (
    Question(
        "04-plane", "expr",
        mistakes=(
            Mistake("6*x + 4*y + 12", "The plane must pass through (1, 3, f(1, 3)): use (x - 1) and (y - 3), "
                                      "not x and y."),
            Mistake("12 + 4*(x - 1) + 6*(y - 3)",
                    "The slopes are swapped: f_x goes with (x - 1) and f_y with (y - 3)."),
            Mistake("12 + 2*x*y*(x - 1) + (x**2 + 3)*(y - 3)",
                    "Evaluate f_x and f_y at (1, 3): the slopes of a plane are numbers, not formulas."),
            Mistake("-12 + 6*(x - 1) + 4*(y - 3)",
                    "The constant is off: at (1, 3) the plane must give f(1, 3). Put the point in and compare."),
        ),
        hint="Use z = f(1, 3) + f_x(1, 3)(x - 1) + f_y(1, 3)(y - 3), then check it at (1, 3).",
    ),
    Question(
        "04-normal", "vector", size=3,
        parallel_hint="That is also a normal vector (every nonzero multiple of one is); this question asks for "
                      "the one with z-component -1.",
        mistakes=(
            Mistake([6.0, 4.0, 1.0], "The sign of the z-component: from f_x(x - a) + f_y(y - b) - (z - c) = 0, "
                                     "z has coefficient -1."),
            Mistake([4.0, 6.0, -1.0], "Wrong order: the x-component is f_x, the y-component f_y."),
            Mistake([6.0, 4.0, 0.0], "The gradient (f_x, f_y) lies in the xy-plane; a normal of the plane "
                                     "also needs its z-component."),
            Mistake([2.0, 4.0, -1.0], "The x-partial of x**2*y keeps the factor y: evaluate 2xy at (1, 3)."),
        ),
        hint="A normal of z = f(a, b) + f_x(x - a) + f_y(y - b) is (f_x, f_y, -1), partials at the point.",
    ),
    Question(
        "04-distance-gradient", "exprs", size=2,
        mistakes=(
            Mistake("1/(2*sqrt(x**2 + y**2))", "Chain rule: multiply by the partial of the inside x**2 + y**2 "
                                               "(2x for d_x, 2y for d_y)."),
            Mistake("2*x/sqrt(x**2 + y**2)", "Missing factor 1/2: the derivative of sqrt(u) is 1/(2 sqrt(u)), and "
                                             "its 2 cancels the 2 of 2x."),
            Mistake("x/(x**2 + y**2)", "The derivative of sqrt(u) is 1/(2 sqrt(u)): the square root stays in the "
                                       "denominator."),
            Mistake("y/sqrt(x**2 + y**2)", "Wrong order: the first component is the x-partial, the second the "
                                           "y-partial."),
        ),
        hint="Differentiate sqrt(u) with u = x**2 + y**2 by the chain rule, once for x and once for y.",
    ),
    Question(
        "04-estimate", "number", sigfigs=5,
        mistakes=(
            Mistake(9.980981915623332, "That is the exact value of sqrt(6.1**2 + 7.9**2); the question asks for "
                                       "the tangent-plane estimate."),
            Mistake(10.0, "That is d(6, 8) alone: add the changes d_x * 0.1 + d_y * (-0.1)."),
            Mistake(10.02, "The slopes are swapped: d_x = 6/10 goes with the change in x."),
            Mistake(10.14, "Sign: y goes from 8 to 7.9, so its change is -0.1."),
            Mistake(9.6, "Chain rule: those are the partials of x**2 + y**2; the square root adds a factor "
                         "1/(2 sqrt(x**2 + y**2))."),
        ),
        hint="L = d(6, 8) + d_x(6, 8) * 0.1 + d_y(6, 8) * (-0.1).",
    ),
    Question(
        "04-differential", "number",
        mistakes=(
            Mistake(0.27525, "That is the exact change z(2.1, 2.95) - z(2, 3); the question asks for dz."),
            Mistake(0.6, "Missing factor 2: the y-partial of x*y**2 is 2xy."),
            Mistake(1.5, "Sign: dy = -0.05 is negative, so its term lowers z."),
            Mistake(0.75, "The partials are swapped: dz = z_x dx + z_y dy with z_x = y**2."),
        ),
        hint="dz = z_x(2, 3) dx + z_y(2, 3) dy with dx = 0.1 and dy = -0.05.",
    ),
    Question(
        "04-error-halved", "number", sigfigs=2,
        mistakes=(
            Mistake(0.006, "The error is not proportional to the distance: for a smooth function it shrinks "
                           "like the square of the distance."),
            Mistake(0.0015, "Too small: halving the distance divides the error by 2 squared, not by 2 cubed."),
            Mistake(0.012, "The error does shrink as you move closer to the point of tangency."),
        ),
        hint="Near the point the error is about C * (distance)**2. What happens when the distance halves?",
    ),
    Question(
        "04-no-plane", "choice", choices=_CHOICES,
        hint="Compute both partials at the origin from the limit definition, then look at q along the line y = x.",
    ),
    Question(
        "04-cone", "choice", choices=_CHOICES,
        hint="Compute (g(h, 0) - g(0, 0)) / h for h > 0 and for h < 0.",
    ),
    Question(
        "04-level-plane", "expr",
        mistakes=(
            Mistake("1 + (4*(x - 1) + 2*(y - 2))/5",
                    "Solving for z moves the x- and y-terms to the other side of the equation: they change sign."),
            Mistake("1 - 4*(x - 1) - 2*(y - 2)",
                    "Divide by F_z = 5, the coefficient of (z - 1) in the plane's equation."),
            Mistake("1 - (4*(x - 1) + 2*(y - 2))/4",
                    "F_z has two terms: 2yz from y*z**2, and 1 from z."),
            Mistake("1 - (2*(x - 1) + 4*(y - 2))/5",
                    "F_x goes with (x - 1) and F_y with (y - 2)."),
            Mistake("-(4*(x - 1) + 2*(y - 2))/5",
                    "The plane passes through (1, 2, 1): at x = 1, y = 2 it must give z = 1."),
        ),
        hint="Take F = x**2*y + y*z**2 + z - 5; its gradient at (1, 2, 1) is a normal. Write "
             "F_x (x - 1) + F_y (y - 2) + F_z (z - 1) = 0 and solve for z.",
    ),
)
