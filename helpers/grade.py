"""``python -m helpers.grade``: the teacher's grader (see :mod:`helpers.grading`).

Examples
--------
Grade a folder of submissions against ``solutions/``::

    python -m helpers.grade submissions/ --out grading-output

Write the homework students receive::

    python -m helpers.grade release 01-partial-derivatives --out release-01
"""

import sys

from helpers.grading.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
