"""Helpers for the partial derivatives and gradients course.

One module per concern (see the table in the course design):

- :mod:`helpers.calculus` numeric derivatives, descent, Newton's method
- :mod:`helpers.optimisers` least squares in vector form, mini-batches, momentum, Adam
- :mod:`helpers.lagrange` Lagrange multipliers: the exact solve and numeric checks
- :mod:`helpers.formula` the safe parser for formulas typed by learners
- :mod:`helpers.symbolic` symbolic derivatives and equivalence of formulas
- :mod:`helpers.plotting` figures drawn once and updated in place
- :mod:`helpers.blitting` redraw only what moved (background cached per full draw)
- :mod:`helpers.widgets` one interactive widget per concept
- :mod:`helpers.answers` answers as plain JSON and how they are judged
- :mod:`helpers.questions` each exercise question's spec (kind, domain, likely mistakes)
- :mod:`helpers.checks` ``check("question-id", answer)`` for exercise notebooks
- :mod:`helpers.generate` exercises and answer keys written from the solutions
- :mod:`helpers.grading` the teacher's grader (``python -m helpers.grade``)
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
