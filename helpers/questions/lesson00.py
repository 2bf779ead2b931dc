"""Questions of exercise 00, the optional refresher on vectors and matrices.

What the questions are about:

- the dot product of ``u = (3, -2, 1)`` and ``v = (2, 4, -1)``
- the angle, in degrees, between ``(1, 2, 2)`` and ``(2, 0, 1)``
- the cross product ``(1, 2, 0) x (0, 1, 3)``
- ``A v`` for ``A = [[2, 1], [0, 3]]`` and ``v = (1, -1)``
- the determinant of ``[[3, 1], [4, 2]]``
- the eigenvalues of the symmetric ``[[5, 2], [2, 2]]``, smaller first
- whether ``[[1, 3], [3, 2]]`` is positive definite, negative definite or indefinite
"""

from math import acos, asin, degrees, sqrt

from helpers.questions import Mistake, Question

__all__ = ["QUESTIONS"]

_COS_ANGLE = 4 / (3 * sqrt(5))  # (1, 2, 2) . (2, 0, 1) / (|(1, 2, 2)| |(2, 0, 1)|)
_DEFINITENESS = ("positive definite", "negative definite", "indefinite")

QUESTIONS = (
    Question(
        "00-dot", "number", integer=True,
        mistakes=(
            Mistake(15.0, "Keep the signs: (-2) * 4 and 1 * (-1) are negative."),
            Mistake(-2.0, "All three components take part: add the third product, 1 * (-1), too."),
            Mistake(sqrt(14) * sqrt(21), "That is |u| |v|, the largest a dot product of these lengths can be; "
                                         "multiply component by component and add."),
        ),
        hint="Multiply the components pair by pair, u1 v1 + u2 v2 + u3 v3, then add.",
    ),
    Question(
        "00-angle", "number",
        mistakes=(
            Mistake(acos(_COS_ANGLE), "That is the angle in radians; the question asks for degrees "
                                      "(multiply by 180/pi)."),
            Mistake(degrees(asin(_COS_ANGLE)), "cos(angle) = u.v / (|u| |v|): use the inverse cosine, not the "
                                               "inverse sine."),
            Mistake(degrees(acos(4 / 45)), "Divide by the lengths |u| = 3 and |v| = sqrt(5), not by their "
                                           "squares."),
        ),
        hint="cos(angle) = u.v / (|u| |v|); then take the inverse cosine and convert to degrees.",
    ),
    Question(
        "00-cross", "vector", size=3, integer=True,
        mistakes=(
            Mistake([-6.0, 3.0, -1.0], "Order matters: v x u = -(u x v). Compute u x v."),
            Mistake([6.0, 3.0, 1.0], "The middle component is u3 v1 - u1 v3: mind its sign."),
            Mistake([0.0, 2.0, 0.0], "That is the entry-by-entry product; the cross product mixes the "
                                     "components: (u2 v3 - u3 v2, u3 v1 - u1 v3, u1 v2 - u2 v1)."),
        ),
        hint="u x v = (u2 v3 - u3 v2, u3 v1 - u1 v3, u1 v2 - u2 v1).",
    ),
    Question(
        "00-matvec", "vector", size=2, integer=True,
        mistakes=(
            Mistake([2.0, -2.0], "Entry i of A v is row i of A dotted with v; you used the columns "
                                 "(that is A transposed times v)."),
            Mistake([2.0, -3.0], "Every entry of a row counts: entry 1 is 2 * 1 + 1 * (-1)."),
            Mistake([3.0, 3.0], "Weight the columns by the entries of v: 1 * (column 1) + (-1) * (column 2)."),
        ),
        hint="Entry i of A v is the dot product of row i of A with v.",
    ),
    Question(
        "00-det", "number", integer=True,
        mistakes=(
            Mistake(10.0, "Subtract the products: det = ad - bc."),
            Mistake(-2.0, "The order: ad - bc, the main diagonal (top left to bottom right) first."),
            Mistake(5.0, "That is the trace a + d; the determinant is ad - bc."),
        ),
        hint="For [[a, b], [c, d]] the determinant is ad - bc.",
    ),
    Question(
        "00-eigenvalues", "vector", size=2, integer=True,
        mistakes=(
            Mistake([2.0, 5.0], "The diagonal entries are the eigenvalues only when the other entries are 0: "
                                "solve det(A - lambda I) = 0."),
            Mistake([6.0, 1.0], "The smaller eigenvalue comes first."),
        ),
        hint="Solve lambda**2 - (a + c) lambda + (ac - b**2) = 0 for [[a, b], [b, c]]; the eigenvalues add up to "
             "a + c and multiply to the determinant.",
    ),
    Question(
        "00-definite", "choice", choices=_DEFINITENESS,
        mistakes=(
            Mistake("positive definite", "Positive entries are not enough: look at the signs of the eigenvalues, "
                                         "or at a and the determinant."),
            Mistake("negative definite", "At x = (1, 0) the form x^T A x is 1, which is positive: A cannot be "
                                         "negative definite."),
        ),
        hint="A symmetric 2 x 2 matrix is positive definite when a > 0 and det > 0, and indefinite when det < 0.",
    ),
)
