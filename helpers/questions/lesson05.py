"""Questions of exercise 05, the chain rule and backpropagation.

What the questions are about:

- ``z = x*y**2`` with ``x = cos(t)``, ``y = exp(t)`` (dz/dt)
- ``z = x**2*y`` with ``x = s*t``, ``y = s + t**2`` (dz/ds)
- ``w = x*y + z`` with ``x = s + t``, ``y = s - t``, ``z = s*t`` (both partials)
- the curve ``x**2 + x*y + y**2 = 7`` at ``(1, 2)`` (implicit slope)
- one neuron ``L = (sigmoid(w*x + b) - y)**2`` at ``x = 2, w = -0.5, b = 0.5, y = 0``
  (its gradient, and one gradient-descent step with learning rate 0.5)
- the tanh chain of lesson 05 with ``n = 50`` nodes (forward-mode cost), and
  which mode is cheaper for many parameters
- the surface ``x**2*z + y*z**3 = 10`` at ``(1, 1, 2)`` (dz/dx, implicitly)
- the Jacobian of ``g(s, t) = (s**2*t, s + t**3)``
- a linear layer ``Z = A W`` with ``A = [[1, 2], [3, -1]]`` and upstream gradient
  ``G = [[1, 0], [2, -1]]`` (dL/dW = A^T G)
"""

import math

from helpers.questions import Mistake, Question

__all__ = ["QUESTIONS"]


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


# The neuron of questions 5 and 6, and the wrong gradients learners tend to find.
_X, _W, _B, _Y, _ETA = 2.0, -0.5, 0.5, 0.0, 0.5
_Y_HAT = _sigmoid(_W * _X + _B)
_DL_DYHAT = 2 * (_Y_HAT - _Y)
_DL_DZ = _DL_DYHAT * _Y_HAT * (1 - _Y_HAT)
_GRAD = (_DL_DZ * _X, _DL_DZ)

_ST = {"s": (-2.0, 2.0), "t": (-2.0, 2.0)}

# The layer of the last question: dL/dW = A^T G, and the products learners take instead.
_A = ((1, 2), (3, -1))
_G = ((1, 0), (2, -1))


def _product(left: tuple, right: tuple) -> list[float]:
    """Entries of the 2 x 2 matrix product, row by row."""
    return [float(sum(left[i][k] * right[k][j] for k in range(2))) for i in range(2) for j in range(2)]


def _transpose(matrix: tuple) -> tuple:
    return tuple(zip(*matrix, strict=True))

QUESTIONS = (
    Question(
        "05-dzdt", "expr", variables=("t",), domain={"t": (-2.0, 2.0)},
        mistakes=(
            Mistake("-sin(t)*exp(2*t)",
                    "A path is missing: y = exp(t) changes with t too, so add f_y * y'(t)."),
            Mistake("2*cos(t)*exp(2*t)",
                    "A path is missing: x = cos(t) changes with t too, so add f_x * x'(t)."),
            Mistake("exp(2*t) + 2*cos(t)*exp(t)",
                    "Multiply each partial by the t-derivative of its own inner function: f_x x'(t) + f_y y'(t)."),
            Mistake("exp(2*t)*(2*cos(t) + sin(t))", "Check the sign of x'(t): the derivative of cos(t) is -sin(t)."),
        ),
        hint="Use dz/dt = f_x x'(t) + f_y y'(t), then write everything in terms of t.",
    ),
    Question(
        "05-dzds", "expr", variables=("s", "t"), domain=_ST,
        mistakes=(
            Mistake("2*s*t**2*(s + t**2)", "The path through y is missing: y = s + t**2 depends on s too."),
            Mistake("s**2*t**2", "The path through x is missing: x = s*t depends on s too."),
            Mistake("2*s*t*(s + t**2) + s**2*t**2",
                    "Multiply each partial by the s-derivative of its inner function: x_s = t and y_s = 1."),
            Mistake("2*s**2*t*(s + t**2) + 2*s**2*t**3",
                    "That is the partial with respect to t; this question asks for dz/ds, with t held fixed."),
        ),
        hint="Use dz/ds = f_x x_s + f_y y_s, with f = x**2*y, then substitute x = s*t and y = s + t**2.",
    ),
    Question(
        "05-gradient-st", "exprs", size=2, variables=("s", "t"), domain=_ST,
        mistakes=(
            Mistake("2*s", "In dw/ds the path through z = s*t is missing: add w_z * z_s = t."),
            Mistake("-2*t", "In dw/dt the path through z = s*t is missing: add w_z * z_t = s."),
            Mistake("3*s", "Check y_t: y = s - t, so its t-derivative is -1."),
            Mistake("s - 2*t", "Order: the first entry is dw/ds and the second dw/dt."),
        ),
        hint="Draw the tree: three paths, through x, y and z, lead to each of s and t.",
    ),
    Question(
        "05-implicit-slope", "number",
        mistakes=(
            Mistake(0.8, "Sign: from F_x + F_y y' = 0 it follows that y' = -F_x / F_y."),
            Mistake(-1.25, "The fraction is upside down: y' = -F_x / F_y."),
            Mistake(-0.5, "The term xy depends on x and on y, so it adds to F_x and to F_y."),
        ),
        hint="With F = x**2 + x*y + y**2 - 7, compute F_x and F_y at (1, 2); then y' = -F_x / F_y.",
    ),
    Question(
        "05-neuron-grad", "vector", size=2,
        mistakes=(
            Mistake([_DL_DYHAT * _X, _DL_DYHAT],
                    "The local derivative of y_hat = sigmoid(z), sigmoid(z)(1 - sigmoid(z)), is missing."),
            Mistake([_DL_DZ, _DL_DZ], "dL/dw needs the local derivative dz/dw = x."),
            Mistake([_GRAD[1], _GRAD[0]], "Order: the first entry is dL/dw and the second dL/db."),
            Mistake([_DL_DYHAT * _Y_HAT * _X, _DL_DYHAT * _Y_HAT],
                    "The derivative of sigmoid(z) is sigmoid(z)(1 - sigmoid(z)), not sigmoid(z)."),
        ),
        hint="Forward: z, y_hat, L. Backward: dL/dy_hat = 2(y_hat - y), times sigmoid(z)(1 - sigmoid(z)), "
             "times x for w and 1 for b.",
    ),
    Question(
        "05-descent-step", "vector", size=2,
        mistakes=(
            Mistake([_W + _ETA * _GRAD[0], _B + _ETA * _GRAD[1]],
                    "Gradient descent steps against the gradient: subtract the learning rate times the gradient."),
            Mistake([_W - _GRAD[0], _B - _GRAD[1]],
                    "Multiply the gradient by the learning rate 0.5 before subtracting."),
            Mistake([-_ETA * _GRAD[0], -_ETA * _GRAD[1]],
                    "That is only the change of (w, b); the new values are the old ones plus this change."),
        ),
        hint="New (w, b) = old (w, b) - 0.5 * (dL/dw, dL/db), with the gradient of the previous question.",
    ),
    Question(
        "05-forward-mode-count", "number", integer=True,
        mistakes=(
            Mistake(100, "That is the reverse-mode count, 2n: this question asks for forward mode."),
            Mistake(2500, "The sweep for theta_j only passes the nodes from j on: n - j + 1 multiplications, "
                          "not n."),
            Mistake(50, "Forward mode needs one sweep per parameter, and each sweep several multiplications: "
                        "add them all up."),
        ),
        hint="Add n - j + 1 over j = 1, ..., n.",
    ),
    Question(
        "05-cheaper-mode", "choice", choices=("forward", "reverse", "same"),
        mistakes=(
            Mistake("forward", "A forward-mode sweep gives the partial for one parameter only: "
                               "a million parameters need a million sweeps."),
            Mistake("same", "The number of sweeps differs: count how many each mode needs for a "
                            "million parameters."),
        ),
        hint="Count the sweeps: forward mode needs one per parameter, reverse mode one in all.",
    ),
    Question(
        "05-implicit-surface", "number",
        mistakes=(
            Mistake(4 / 13, "Sign: from F_x + F_z z_x = 0 it follows that z_x = -F_x / F_z."),
            Mistake(-13 / 4, "The fraction is upside down: z_x = -F_x / F_z."),
            Mistake(-1 / 3, "F_z has two terms: x**2 from x**2*z, and 3yz**2 from y*z**3."),
            Mistake(-0.5, "Divide by F_z, not F_y: z is the variable that depends on x here."),
        ),
        hint="With F = x**2*z + y*z**3 - 10, compute F_x and F_z at (1, 1, 2); then dz/dx = -F_x / F_z.",
    ),
    Question(
        "05-jacobian", "exprs", size=4, variables=("s", "t"), domain=_ST,
        mistakes=(
            Mistake("1", "Row i holds the partials of component i, column j the partials by variable j: "
                         "your matrix looks transposed."),
            Mistake("2*s", "In the s-partial of s**2*t, t is a constant factor: it stays."),
            Mistake("3*t**2 + 1", "The term s has no t in it: its t-partial is 0."),
        ),
        hint="Row 1: the s- and t-partials of s**2*t. Row 2: the s- and t-partials of s + t**3.",
    ),
    Question(
        "05-backward-weights", "vector", size=4, shape=(2, 2), integer=True,
        mistakes=(
            Mistake(_product(_A, _G), "Transpose A: dL/dW = A^T G, so entry (i, j) adds A[n, i] * G[n, j] "
                                      "over the examples n."),
            Mistake(_product(_transpose(_G), _A), "Transposed: dL/dW has the shape of W, one row per input "
                                                  "feature. It is A^T G, not G^T A."),
            Mistake(_product(_G, _transpose(_A)), "The order of the factors: A^T first, then G."),
            Mistake([float(a * g) for ra, rg in zip(_A, _G, strict=True) for a, g in zip(ra, rg, strict=True)],
                    "That is an entry-by-entry product; over a batch the chain rule gives the matrix "
                    "product A^T G."),
        ),
        hint="For Z = A W, each weight W[i, j] meets every example n: dL/dW[i, j] = sum over n of "
             "A[n, i] * G[n, j], that is A^T G.",
    ),
)
