"""Questions of exercise 01, partial derivatives.

The functions the questions are about:

- ``f(x, y) = x**3*y**2 - 4*x*y + 7*y``
- ``g(x, y) = sin(x*y) + exp(x + 2*y)``
- ``q(x, y) = x/(x**2 + y**2)`` (undefined at the origin)
- ``h(x, y) = x*exp(x*y)``
- ``w(x, y, z) = x**2*y*z**3``
- ``p(x, y) = x**2*y``
"""

from helpers.questions import Mistake, Question

__all__ = ["QUESTIONS"]

_F = "x**3*y**2 - 4*x*y + 7*y"
_PARTIAL_X = "Hold y fixed and differentiate with respect to x only."

QUESTIONS = (
    Question(
        "01-fx", "expr", function=_F, wrt=("x",),
        mistakes=(
            Mistake("3*x**2*y**2 - 4*y + 7", "The term 7y does not change when x changes, so its x-partial is 0."),
            Mistake("3*x**2*y**2", "The term -4xy depends on x too: its x-partial is -4y."),
            Mistake(
                "6*x*y**2 - 4*y",
                "Check the power rule on x**3: it gives 3x**2, and y**2 stays as a constant factor.",
            ),
        ),
        hint=_PARTIAL_X,
    ),
    Question(
        "01-fy", "expr", function=_F, wrt=("y",),
        mistakes=(
            Mistake("2*x**3*y - 4*x", "The term 7y has y-partial 7; it is missing."),
            Mistake("2*x**3*y - 4*y + 7", "In -4xy, x is a constant when you differentiate by y: the result is -4x."),
        ),
        hint="Hold x fixed and differentiate with respect to y only.",
    ),
    Question(
        "01-gy", "expr",
        mistakes=(
            Mistake(
                "x*cos(x*y) + exp(x + 2*y)",
                "Chain rule: the exponent x + 2y has y-partial 2, so exp(x + 2y) gains a factor 2.",
            ),
            Mistake(
                "cos(x*y) + 2*exp(x + 2*y)",
                "Chain rule: the inside xy has y-partial x, so sin(xy) gives x*cos(xy).",
            ),
            Mistake(
                "cos(x*y) + exp(x + 2*y)",
                "Both terms need the chain rule: multiply by the y-partial of the inside.",
            ),
            Mistake(
                "-x*cos(x*y) + 2*exp(x + 2*y)",
                "The derivative of sin is +cos; it is cos that differentiates to -sin.",
            ),
            Mistake("y*cos(x*y) + exp(x + 2*y)", "That is the partial with respect to x; this question asks for g_y."),
        ),
        hint="Use the chain rule on each term, holding x fixed.",
    ),
    Question(
        "01-qx", "expr",
        mistakes=(
            Mistake(
                "(x**2 - y**2)/(x**2 + y**2)**2",
                "Quotient rule order: (u' v - u v') / v**2, with u = x and v = x**2 + y**2.",
            ),
            Mistake("1/(2*x)", "A quotient is not differentiated top and bottom separately: use the quotient rule."),
            Mistake(
                "(y**2 - x**2)/(x**2 + y**2)",
                "The denominator of the quotient rule is v squared: (x**2 + y**2)**2.",
            ),
            Mistake("1/(x**2 + y**2)", "The denominator depends on x too, so you need the quotient rule."),
        ),
        hint="Use the quotient rule with u = x and v = x**2 + y**2, holding y fixed.",
    ),
    Question(
        "01-hx-value", "number",
        mistakes=(
            Mistake(1.6487212707001282, "Product rule: h = x * exp(xy) and both factors depend on x."),
            Mistake(3.2974425414002564, "Chain rule: the x-partial of exp(xy) is y*exp(xy); the factor y is missing."),
        ),
        hint="Find h_x with the product and chain rules, then put in x = 1, y = 0.5.",
    ),
    Question(
        "01-wz", "expr", variables=("x", "y", "z"),
        mistakes=(
            Mistake("3*x**2*y*z**3", "The power rule lowers the power: z**3 gives 3z**2."),
            Mistake("2*x*y*z**3", "That is the partial with respect to x; this question asks for w_z."),
            Mistake("x**2*z**3", "That is the partial with respect to y; this question asks for w_z."),
        ),
        hint="Hold x and y fixed; only z varies.",
    ),
    Question(
        "01-fxy", "expr", function=_F, wrt=("x", "y"),
        mistakes=(
            Mistake("6*x*y**2", "That is f_xx: differentiate f_x with respect to y, not x."),
            Mistake("2*x**3", "That is f_yy: the mixed partial takes one derivative in x and one in y."),
            Mistake("6*x**2*y", "The term -4xy contributes -4 to the mixed partial."),
        ),
        hint="Differentiate f_x (from the first question) with respect to y.",
    ),
    Question(
        "01-forward-difference", "number",
        mistakes=(
            Mistake(4.0, "That is the exact partial; the question asks for the difference quotient with h = 0.1."),
            Mistake(0.42, "Divide the change in p by the step h = 0.1."),
            Mistake(3.8, "That is the backward difference; the question asks for (p(1 + h, 2) - p(1, 2)) / h."),
        ),
        hint="Compute (p(1 + h, 2) - p(1, 2)) / h with h = 0.1.",
    ),
    Question(
        "01-larger", "choice", choices=("f_x", "f_y", "equal"),
        hint="Compute both partials of p(x, y) = x**2*y at (1, 2) and compare their values.",
    ),
)
