"""Questions of exercise 07, descent for machine learning.

What the questions are about:

- the least-squares loss ``J(w) = (1/N) |X w - y|^2`` of the line ``w0 + w1 x`` on the data
  ``x = (0, 1, 2)``, ``y = (1, 2, 4)`` (``X`` has rows ``(1, x_n)``), at ``w = (0, 1)``: its gradient,
  and the gradient of the mini-batch of rows 0 and 2
- the number of steps in one epoch with ``N = 1000`` and ``B = 64``
- two momentum steps on ``f(x, y) = x**2 + 3*y**2`` from ``(1, 1)``, ``eta = 0.1``, ``beta = 0.5``
- the first Adam step on the same ``f`` from ``(1, 1)``, ``eta = 0.1`` (usual betas)
"""

from math import sqrt

from helpers.questions import Mistake, Question

__all__ = ["QUESTIONS"]

_G0 = (2.0, 6.0)  # grad f(1, 1) for f = x**2 + 3*y**2

QUESTIONS = (
    Question(
        "07-ls-gradient", "vector", size=2,
        mistakes=(
            Mistake([-4.0, -5.0], "The factor 2/N is missing: the loss is a mean over N = 3 points, and the "
                                  "square brings a 2."),
            Mistake([-8.0, -10.0], "Divide by N = 3: the loss is a mean, not a sum."),
            Mistake([8 / 3, 10 / 3], "Sign: the residual is Xw - y; the gradient is (2/N) X^T (Xw - y)."),
        ),
        hint="Compute the residuals r = Xw - y, then (2/N) X^T r: entry j is (2/N) times column j of X dotted with r.",
    ),
    Question(
        "07-minibatch-gradient", "vector", size=2,
        mistakes=(
            Mistake([-2.0, -8 / 3], "A mini-batch gradient is a mean over the batch: divide by B = 2, not N = 3."),
            Mistake([-2.0, -1.0], "Rows are counted from 0: the batch is rows 0 and 2, the points x = 0 and x = 2."),
            Mistake([-1.5, -2.0], "The 2 from differentiating the square is missing."),
        ),
        hint="Keep only rows 0 and 2 of X and y, then apply (2/B) X_B^T (X_B w - y_B) with B = 2.",
    ),
    Question(
        "07-epoch-steps", "number", integer=True,
        mistakes=(
            Mistake(15, "Round up: the 40 points left over form one more, shorter batch, and one more step."),
            Mistake(64, "That is the batch size; count how many batches of 64 cover 1000 points."),
            Mistake(1000, "That is the number of steps of stochastic descent (B = 1)."),
        ),
        hint="One step per batch: how many batches of 64 points does it take to cover 1000 points?",
    ),
    Question(
        "07-momentum-step", "vector", size=2,
        mistakes=(
            Mistake([0.64, 0.16], "That is two steps of plain gradient descent: the velocity keeps beta "
                                  "times the previous velocity."),
            Mistake([0.52, -0.32], "beta multiplies the old velocity, not the new gradient: "
                                   "v2 = beta v1 + grad f(x1)."),
            Mistake([0.7, 0.1], "The new gradient is missing: v2 = beta v1 + grad f(x1)."),
            Mistake([0.8, 0.4], "That is the point after one step; take a second one."),
        ),
        hint="Step 1: v1 = grad f(1, 1), x1 = (1, 1) - eta v1. Step 2: v2 = beta v1 + grad f(x1), x2 = x1 - eta v2.",
    ),
    Question(
        "07-adam-step", "vector", size=2,
        mistakes=(
            Mistake([0.8, 0.4], "That is a plain gradient-descent step: Adam divides each entry by the running "
                                "size of its own gradient."),
            Mistake([1 - 0.1 * 0.1 / sqrt(0.001), 1 - 0.1 * 0.1 / sqrt(0.001)],
                    "The bias corrections are missing: at step 1, divide m by 1 - beta1 and s by 1 - beta2."),
            Mistake([1.1, 1.1], "Adam steps against the gradient, as descent does."),
            Mistake([1 - 0.1 * _G0[0] / sqrt(40), 1 - 0.1 * _G0[1] / sqrt(40)],
                    "Adam divides entry by entry, by the size of each entry's own gradient, not by the "
                    "length of the whole gradient."),
        ),
        hint="At step 1, m_hat = g and s_hat = g**2 entry by entry, so each coordinate moves by eta against its slope.",
    ),
)
