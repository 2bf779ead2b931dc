"""Helpers for the partial derivatives and gradients course.

One module per concern (see the table in the course design):

- :mod:`helpers.calculus` numeric derivatives, descent, Newton's method
- :mod:`helpers.symbolic` the safe formula parser and symbolic derivatives
- :mod:`helpers.plotting` figures drawn once and updated in place
- :mod:`helpers.widgets` one interactive widget per concept
- :mod:`helpers.answers` answers as plain JSON and how they are judged
- :mod:`helpers.checks` ``check("question-id", answer)`` for exercise notebooks
- :mod:`helpers.grading` the teacher's grader (``python -m helpers.grade``)
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
