"""The teacher's grader: a class's homework graded in one command.

``python -m helpers.grade SUBMISSIONS... --out DIR`` runs every submitted
exercise notebook in its own sandboxed child process, compares the answers it
reports (as plain JSON) with the key built from ``solutions/``, and writes a
gradebook, one result file and one feedback page per student, and a summary.

One small step per module:

- :mod:`helpers.grading.notebook` reads and validates a submission and matches
  its answer cells to the key's questions by ``grade_id``
- :mod:`helpers.grading.runner` runs a plan of cells inside the child and
  streams the encoded answers (child side)
- :mod:`helpers.grading.forkserver` the warm fork server inside the sandbox
  (child side), and :mod:`helpers.grading.isolate` the namespaces each
  submission gets of its own
- :mod:`helpers.grading.sandbox` starts the sandbox and runs submissions in
  it; :mod:`helpers.grading.mounts` what the sandbox holds
- :mod:`helpers.grading.compare` judges answers against the key, each
  comparison in a process that is killed when it takes too long
- :mod:`helpers.grading.stream` reads what a submission sent back against
  its plan: one answer per question, nothing forged believed
- :mod:`helpers.grading.outcome` turns a finished job into a status, a
  reason and one row per question
- :mod:`helpers.grading.report` result files, gradebook, feedback, summary
- :mod:`helpers.grading.submissions` finds the submissions (one per student,
  ids as handed in) and the keys; :mod:`helpers.grading.intake` reads and
  plans each one; :mod:`helpers.grading.batch` schedules a whole class;
  :mod:`helpers.grading.cli` is the command line;
  :mod:`helpers.grading.release` writes a homework release

This package's ``__init__`` stays free of heavy imports: the sandbox's fork
server imports the child-side modules from it.

Statuses
--------
Every submission ends with exactly one status:

``graded``
    The notebook ran to its end; each question has its points.
``invalid notebook``
    The file is not a usable exercise notebook (not JSON, not a notebook,
    empty, from another lesson than the batch's, no answer cells, a symbolic
    link, none of several handed in named for the lesson). Nothing of it was run.
``timed out``
    It was still running at the wall-clock or CPU limit and was stopped, or
    checking its answers used up what was left of its time.
``out of memory``
    It tried to use more memory than allowed.
``crashed``
    Its process ended early by itself (``os._exit``, a signal) or produced
    more output than allowed.

Questions answered before a submission timed out, ran out of memory or
crashed keep their points.
"""

__all__ = [
    "GRADED",
    "INVALID",
    "TIMED_OUT",
    "OUT_OF_MEMORY",
    "CRASHED",
    "STATUSES",
]

GRADED = "graded"
INVALID = "invalid notebook"
TIMED_OUT = "timed out"
OUT_OF_MEMORY = "out of memory"
CRASHED = "crashed"

#: Every status a submission can end with, best first.
STATUSES = (GRADED, INVALID, TIMED_OUT, OUT_OF_MEMORY, CRASHED)
