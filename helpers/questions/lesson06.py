"""Questions of exercise 06: critical points, the Hessian, gradient descent, Newton's method.

The functions the questions are about:

- ``p(x, y) = x**3 - 6*x*y + 3*y**2`` (critical points (0, 0) and (2, 2))
- ``x^T A x`` with ``A = [[2, 1], [3, 4]]`` (not symmetric)
- ``f(x, y) = x**2 + 3*y**2`` (one gradient-descent step)
- ``g(x, y) = 3*x**2 + y**2`` (the largest learning rate that converges)
- ``w(x, y) = x**4 + y**2`` (one Newton step)
"""

from helpers.questions import Mistake, Question

__all__ = ["QUESTIONS"]

QUESTIONS = (
    Question(
        "06-gradient", "exprs", size=2,
        mistakes=(
            Mistake("3*x**2 - 6*x", "In -6xy, y is a constant factor when you differentiate by x."),
            Mistake("3*x**2 + 6*y", "Check the sign of the term that comes from -6xy."),
            Mistake("-6*x + 3*y", "The power rule on 3y**2 gives a factor 2 you have dropped."),
            Mistake("6*x + 6*y", "Check the sign of the term that comes from -6xy in p_y."),
            Mistake("-6*x", "The term 3y**2 depends on y too: its y-partial is missing."),
        ),
        hint="Differentiate p once by x (y fixed) and once by y (x fixed); give [p_x, p_y].",
    ),
    Question(
        "06-critical-point", "vector", size=2,
        mistakes=(
            Mistake([0.0, 0.0], "The origin is a critical point too, but the question asks for the other one."),
            Mistake([2.0, -2.0], "Check the sign when you solve p_y = 0 for y."),
            Mistake([0.5, 0.5], "Solve 3x**2 - 6x = 0 again: factor out 3x."),
            Mistake([-2.0, -2.0], "Check the signs: put your point into both partials; do they vanish?"),
        ),
        hint="Set both partial derivatives to zero: p_y = 0 gives y in terms of x; put it into p_x = 0.",
    ),
    Question(
        "06-hessian", "exprs", size=4, shape=(2, 2),
        mistakes=(
            Mistake("3*x**2 - 6*y", "That is a first partial; the Hessian holds second partials."),
            Mistake("-6*y", "The mixed partial of -6xy differentiates once by x and once by y: no variable is left."),
            Mistake("0", "Differentiate the first partial once more; this entry is not zero."),
            Mistake("-6*x + 6*y", "That is p_y, a first partial; differentiate it once more."),
            Mistake("6", "Check the sign of the mixed partial of -6xy."),
        ),
        hint="Differentiate each first partial once more; list [p_xx, p_xy, p_yx, p_yy].",
    ),
    Question(
        "06-discriminant", "number",
        mistakes=(
            Mistake(72.0, "D subtracts the square of the mixed partial p_xy; it is missing."),
            Mistake(108.0, "The square of the mixed partial is subtracted, not added."),
            Mistake(78.0, "Square the mixed partial before subtracting it."),
            Mistake(-36.0, "That is D at the origin; the question asks about (2, 2)."),
        ),
        hint="Evaluate the Hessian at (2, 2), then D = p_xx*p_yy - p_xy**2.",
    ),
    Question(
        "06-classify", "choice", choices=("minimum", "maximum", "saddle", "inconclusive"),
        hint="Compute D = p_xx*p_yy - p_xy**2 at the origin; its sign decides, and f_xx only matters when D > 0.",
    ),
    Question(
        "06-quadratic-hessian", "vector", size=4, shape=(2, 2),
        mistakes=(
            Mistake([4.0, 2.0, 6.0, 8.0], "That is 2A, which is the Hessian only when A is symmetric; this A is not."),
            Mistake([2.0, 1.0, 3.0, 4.0], "That is A itself: the Hessian comes from differentiating x^T A x twice."),
            Mistake([2.0, 2.0, 2.0, 4.0], "Your matrix is half the Hessian: check p_xx of the x**2 term."),
            Mistake([4.0, 6.0, 2.0, 8.0], "That is 2A^T, which is not symmetric either; a Hessian must be."),
        ),
        hint="Expand x^T A x into a formula in x and y, then take its second partials.",
    ),
    Question(
        "06-descent-step", "vector", size=2,
        mistakes=(
            Mistake([1.2, 1.6], "You stepped along +grad f, which climbs; descent goes the other way."),
            Mistake([-1.0, -5.0], "Multiply the gradient by the learning rate before you subtract it."),
            Mistake([-0.2, -0.6], "That is the step itself; the new point is the start plus the step."),
            Mistake([0.9, 0.7], "The power rule gives a factor 2 in each component of the gradient."),
        ),
        hint="Compute grad f at (1, 1), then x_new = x_old - eta * grad f.",
    ),
    Question(
        "06-max-rate", "number",
        mistakes=(
            Mistake(1 / 6, "That is where the oscillation starts, not where convergence stops."),
            Mistake(1.0, "The bound comes from the steepest direction: use the largest curvature."),
            Mistake(2 / 3, "Use the Hessian entry, f_xx, not the coefficient of x**2: they differ by a factor 2."),
            Mistake(0.25, "That is the best fixed rate, 2/(lambda_min + lambda_max); convergence goes on beyond it."),
        ),
        hint="Find the Hessian of g and its largest eigenvalue, then the bound on eta for convergence.",
    ),
    Question(
        "06-newton-step", "vector", size=2,
        mistakes=(
            Mistake([-3.0, -1.0], "That is a gradient step with eta = 1; Newton's step uses the Hessian."),
            Mistake([-47.0, -3.0], "Multiply the gradient by the inverse of H, not by H."),
            Mistake([4 / 3, 2.0], "Newton's step is subtracted: x - H^-1 grad f."),
            Mistake([0.0, 0.0], "One Newton step lands on the minimum only for a quadratic; x**4 is not."),
        ),
        hint="At (1, 1) compute grad w and H, solve H s = -grad w, and add s to (1, 1).",
    ),
)

# Appended with lesson 07 (descent for machine learning): the step-size bound from the eigenvalues
# of a Hessian that is not diagonal, f(x, y) = 5*x**2 + 6*x*y + 5*y**2 (eigenvalues 16 and 4).
QUESTIONS += (
    Question(
        "06-rate-bound", "number",
        mistakes=(
            Mistake(0.2, "The diagonal entry f_xx = 10 is not the largest curvature here: the mixed term "
                         "6xy tilts the valley. Use the largest eigenvalue of the Hessian."),
            Mistake(0.5, "The bound comes from the steepest direction: use the largest eigenvalue, "
                         "not the smallest."),
            Mistake(0.0625, "That is 1/lambda_max, where the oscillation starts; convergence goes on up to "
                            "twice that."),
            Mistake(0.1, "That is the best fixed rate, 2/(lambda_min + lambda_max); convergence goes on beyond it."),
            Mistake(0.4, "Use the Hessian's entries (second partials), not the coefficients of f: they differ by a "
                         "factor 2."),
        ),
        hint="Write down the Hessian of f, find its two eigenvalues, and use eta < 2/lambda_max.",
    ),
)
