"""python -m helpers.grading SUBMISSION... --csv OUT [options]: see helpers.grading."""

import argparse
import sys

from . import core

EPILOG = """\
Student names: DIR/<student>/<notebook>.ipynb belongs to <student>; a notebook given on its own
(or lying directly in a given folder) belongs to its parent folder when its stem is an assignment
name (alice/01_resistance.ipynb), otherwise to its stem (alice.ipynb).
CSV: student, assignment, exercise, points, max_points, status, feedback; status is one of
correct, wrong, not answered, error, timeout, missing; each student ends with a row
(assignment empty, exercise TOTAL, status total) summing the points.
Exit status: 0 when every submission was graded (however bad), 2 on a usage error."""


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m helpers.grading", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Grade submitted exercise notebooks, each in its own fresh, sandboxed kernel.")
    parser.add_argument("submissions", nargs="+", metavar="SUBMISSION",
                        help="notebook files or folders of them")
    parser.add_argument("--csv", required=True, metavar="OUT", help="CSV file to write ('-': stdout)")
    parser.add_argument("--timeout", type=float, default=60, metavar="SECONDS",
                        help="time limit of one notebook: CPU seconds of all its cells "
                             "(default 60)")
    parser.add_argument("--cell-timeout", type=float, metavar="SECONDS",
                        help="CPU seconds of one cell; a cell past it is stopped and the "
                             "notebook goes on (default: a third of --timeout)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="notebooks graded in parallel (default 1)")
    parser.add_argument("--feedback", metavar="DIR",
                        help="write graded copies with a score table to DIR/<student>/")
    parser.add_argument("--format", choices=("html", "notebook"), default="html",
                        help="format of the feedback copies (default html)")
    parser.add_argument("--memory", type=int, default=2048, metavar="MB",
                        help="address-space limit of each kernel (default 2048)")
    parser.add_argument("--source", action="append", metavar="DIR",
                        help="folder of the assignment notebooks (default: solutions/, then "
                             "exercises/ of the course)")
    parser.add_argument("--exercises", action="append", metavar="FILE",
                        help="a Python file whose EXERCISES list adds exercise definitions")
    parser.add_argument("--quiet", action="store_true", help="no progress line")
    args = parser.parse_args(argv)
    if args.timeout <= 0 or args.jobs < 1 or args.memory < 256 or (
            args.cell_timeout is not None and args.cell_timeout <= 0):
        parser.error("--timeout and --cell-timeout must be > 0, --jobs >= 1, --memory >= 256")
    try:
        for path in args.exercises or []:
            _register_file(path)
        rows = core.grade(args.submissions, timeout=args.timeout, jobs=args.jobs,
                          feedback=args.feedback, fmt=args.format, source_dirs=args.source,
                          memory_mb=args.memory, cell_timeout=args.cell_timeout,
                          progress=False if args.quiet else None)
    except core.UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    core.write_csv(rows, args.csv)
    return 0


def _register_file(path):
    import runpy
    from pathlib import Path
    from ..checks import register
    if not Path(path).is_file():
        raise core.UsageError(f"no such exercises file: {path}")
    for exercise in runpy.run_path(str(path)).get("EXERCISES", []):
        register(exercise)


if __name__ == "__main__":
    sys.exit(main())
