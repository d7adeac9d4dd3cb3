"""python -m helpers.grading SUBMISSION... --csv OUT [options]: see helpers.grading."""

import argparse
import sys

from . import core

EPILOG = """\
Layouts: DIR/<student>/<notebook>.ipynb; nbgrader's submitted/<student>/<assignment>/
<notebook>.ipynb; Canvas's flat DIR/<name>[_LATE]_<id>_<id>_<notebook>.ipynb (student <name>, or
the roster's student whose lms_id is the first <id>; _LATE sets the late column). A notebook
given on its own (or lying directly in a given folder) belongs to its parent folder when its stem
is an assignment name (alice/01_resistance.ipynb), otherwise to its stem (alice.ipynb).
CSV: student, assignment, exercise, points, max_points, status, feedback, late, flag; status is
one of correct, wrong, not answered, error, timeout, missing; each student's assignment ends with
a row (exercise TOTAL, status total) summing its points. flag (with --course): 'matches <student>'
or 'matches public solution' when a wrong answer is another variant's right one.
An assignment counts (missing rows for who did not hand it in) when someone handed it in or it
is named with --assignments.
Graded homework: --course COURSE (python -m helpers.homework init|release|key) grades each
student on their own numbers, from the course's key and the student id of the layout.
Regrading and clusters: --merge OLD.csv keeps OLD's rows of every student not graded now;
--shard K/N grades the K-th of N slices of the students (a hash of the student id), and
'python -m helpers.grading --merge part1.csv --merge part2.csv ... --csv all.csv' joins them.
Exit status: 0 when every submission was graded (however bad), 2 on a usage error."""


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m helpers.grading", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Grade submitted exercise notebooks, each in its own fresh, sandboxed kernel.")
    parser.add_argument("submissions", nargs="*", metavar="SUBMISSION",
                        help="notebook files or folders of them (none: only merge --merge CSVs)")
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
    parser.add_argument("--gradebook", metavar="FILE",
                        help="also write a wide gradebook: one row per student, one column per "
                             "assignment, total, lms_id, late (UTF-8 with BOM)")
    parser.add_argument("--roster", metavar="FILE",
                        help="class list: one student id per line, or a CSV with a 'student' "
                             "column and optionally 'lms_id'")
    parser.add_argument("--assignments", metavar="A,B", action="append",
                        help="assignments every student had to hand in (comma-separated), "
                             "even if nobody did")
    parser.add_argument("--merge", action="append", metavar="OLD.csv", default=[],
                        help="keep the rows of OLD.csv for every student not graded now "
                             "(repeatable: merges shards)")
    parser.add_argument("--shard", metavar="K/N", type=_shard,
                        help="grade only the K-th of N disjoint slices of the students")
    parser.add_argument("--course", metavar="COURSE",
                        help="graded homework: the private course folder of python -m "
                             "helpers.homework (each student's own numbers, copy flags)")
    parser.add_argument("--unsandboxed", action="store_true",
                        help="with --course where there is no file-system sandbox (Landlock): "
                             "accept that student code could read the course folder and key")
    parser.add_argument("--quiet", action="store_true", help="no progress line")
    args = parser.parse_args(argv)
    if not args.submissions and not args.merge:
        parser.error("give SUBMISSION folders or files, or --merge CSVs to join")
    if args.shard and not args.submissions:
        parser.error("--shard needs SUBMISSION folders or files")
    if args.unsandboxed and not args.course:
        parser.error("--unsandboxed only applies to --course")
    named = [n.strip() for value in args.assignments or [] for n in value.split(",") if n.strip()]
    if args.timeout <= 0 or args.jobs < 1 or args.memory < 256 or (
            args.cell_timeout is not None and args.cell_timeout <= 0):
        parser.error("--timeout and --cell-timeout must be > 0, --jobs >= 1, --memory >= 256")
    try:
        roster = None
        if args.roster:
            try:
                roster = core.read_roster(args.roster)
            except ValueError as exc:
                raise core.UsageError(str(exc)) from exc
        for path in args.exercises or []:
            _register_file(path)
        if args.submissions:
            details = {}
            rows = core.grade(args.submissions, timeout=args.timeout, jobs=args.jobs,
                              feedback=args.feedback, fmt=args.format, source_dirs=args.source,
                              memory_mb=args.memory, cell_timeout=args.cell_timeout,
                              progress=False if args.quiet else None, roster=roster,
                              shard=args.shard, merge=args.merge, named=named, details=details,
                              course=args.course, unsandboxed=args.unsandboxed)
            counted, order = details["counted"], details["order"]
        else:
            rows, counted, order = core.merge_csvs(args.merge, named)
    except core.UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    core.write_csv(rows, args.csv)
    if args.gradebook:
        core.write_gradebook(*core.gradebook(rows, counted, order, roster), args.gradebook)
    return 0


def _shard(text):
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--shard {text!r}: write K/N, e.g. 2/8") from None
    if not 1 <= k <= n:
        raise argparse.ArgumentTypeError(f"--shard {text!r}: K must be 1 to N, e.g. 2/8")
    return k, n


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
