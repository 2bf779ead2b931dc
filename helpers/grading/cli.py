"""The command line: ``python -m helpers.grade``.

Grade a class::

    python -m helpers.grade SUBMISSIONS... --out DIR [--key solutions/] [--lesson NN-name]
        [--workers N] [--timeout S] [--memory MB] [--compare-timeout S] [--resume | --force]

Write a homework release::

    python -m helpers.grade release NN-name --out DIR

The exit status is 0 whenever the batch ran, whatever the students scored;
2 for the teacher's own mistakes (no such key, unwritable output, no
notebooks), with a one-line explanation on stderr.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

__all__ = ["main", "grade_parser", "release_parser"]

_ROOT = Path(__file__).resolve().parent.parent.parent


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, like the grader's own."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _positive(kind: type) -> object:
    def parse(text: str) -> float:
        value = kind(text)
        if not (math.isfinite(value) and value > 0):
            raise argparse.ArgumentTypeError(f"must be a positive number, not {text}")
        return value

    return parse


def grade_parser() -> argparse.ArgumentParser:
    """The parser of the grading command."""
    parser = _Parser(
        prog="python -m helpers.grade",
        description="Grade a class's exercise notebooks: a gradebook, per-student results and "
                    "feedback, and a summary. (Also: 'python -m helpers.grade release NN-name "
                    "--out DIR' writes what students receive.)")
    parser.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSION",
                        help=".ipynb files or folders of them (student id = file name, or the "
                             "folder name for a <student>/<file>.ipynb layout)")
    parser.add_argument("--out", required=True, type=Path, help="output folder")
    parser.add_argument("--key", type=Path, default=_ROOT / "solutions",
                        help="solution notebook or folder of them (default: solutions/)")
    parser.add_argument("--lesson", help="grade every submission as this lesson (NN-name or NN); "
                                         "default: what most submissions are")
    parser.add_argument("--workers", type=_positive(int), default=len(os.sched_getaffinity(0)),
                        help="submissions run at once (default: all cores)")
    parser.add_argument("--timeout", type=_positive(float), default=60.0,
                        help="wall-clock seconds per submission (default 60)")
    parser.add_argument("--memory", type=_positive(int), default=1024,
                        help="MB a submission may allocate beyond the libraries (default 1024)")
    parser.add_argument("--compare-timeout", type=_positive(float), default=10.0,
                        help="seconds one answer comparison may take (default 10)")
    again = parser.add_mutually_exclusive_group()
    again.add_argument("--resume", action="store_true",
                       help="skip submissions already graded and unchanged (the default)")
    again.add_argument("--force", action="store_true", help="grade every submission again")
    parser.add_argument("--no-sandbox", action="store_true",
                        help="run without bubblewrap even where it works (limits still apply)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--secret-file", type=Path,
                        help="the course secret of a release with --roster: each student is graded "
                             "against their own version of the questions")
    return parser


def release_parser() -> argparse.ArgumentParser:
    """The parser of ``release``."""
    parser = _Parser(
        prog="python -m helpers.grade release",
        description="Write what students receive: the exercise notebook and the helpers "
                    "package, without solutions or answer keys.")
    parser.add_argument("lesson", help="lesson, e.g. 01-partial-derivatives or 01")
    parser.add_argument("--out", required=True, type=Path, help="folder to write")
    parser.add_argument("--roster", type=Path,
                        help="CSV of students (a column id, login, username or email): one notebook per "
                             "student, each with its own numbers")
    parser.add_argument("--secret-file", type=Path, default=Path("course-secret.txt"),
                        help="with --roster: the course secret that picks each student's version "
                             "(created if absent; default course-secret.txt)")
    return parser


def _release(argv: list[str]) -> int:
    from helpers.grading.release import release

    args = release_parser().parse_args(argv)
    if args.roster is None:
        written = release(args.lesson, args.out)
        print(f"release written to {written}: hand out this folder (no solutions, no keys inside)")
        return 0
    from helpers.grading.versions import release_versions

    students, created = release_versions(args.lesson, args.out, args.roster, args.secret_file)
    if created:
        print(f"created the course secret {args.secret_file}: keep it safe and private, and grade with "
              f"--secret-file {args.secret_file}; without it no one can work out a student's version, "
              "not even you", file=sys.stderr)
    print(f"release written to {args.out}: one notebook per student in {args.out / 'students'} "
          f"({len(students)} students); hand each student their own folder and the shared helpers/")
    return 0


def _grade(argv: list[str]) -> int:
    from helpers.grading.batch import Options, grade
    from helpers.grading.sandbox import Limits

    args = grade_parser().parse_args(argv)
    limits = Limits(wall=args.timeout, cpu=math.ceil(args.timeout), memory_mb=args.memory)
    options = Options(args.submissions, args.out, args.key, lesson=args.lesson,
                      workers=args.workers, limits=limits, compare_timeout=args.compare_timeout,
                      force=args.force, isolation="none" if args.no_sandbox else "auto",
                      progress=None if args.quiet else sys.stderr,
                      secret=_secret(args.secret_file))
    summary = grade(options)
    if summary["sandbox"].startswith("NO SANDBOX"):
        print("warning: " + summary["sandbox"], file=sys.stderr)
    counts = ", ".join(f"{n} {s}" for s, n in summary["statuses"].items())
    print(f"{len(summary['records'])} submission(s): {counts}. "
          f"Gradebook: {args.out / 'gradebook.csv'}; summary: {args.out / 'summary.html'}")
    return 0


def _secret(path: Path | None) -> bytes | None:
    if path is None:
        return None
    from helpers.grading.versions import read_secret

    return read_secret(path)[0]


def main(argv: list[str] | None = None) -> int:
    """Run the grader's command line; return the exit status."""
    from helpers.grading.sandbox import SandboxError
    from helpers.grading.submissions import TeacherError

    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["release"]:
            return _release(argv[1:])
        return _grade(argv)
    except (TeacherError, SandboxError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # e.g. the output folder became unwritable mid-run
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted: finished results are kept; run the same command to resume",
              file=sys.stderr)
        return 130
