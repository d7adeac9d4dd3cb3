"""python -m helpers.homework init|release|key COURSE: see helpers.homework.course."""

import argparse
import sys

from .course import PRIVATE_NOTE, Course, CourseError, init_course, read_students, release, solve_key

EPILOG = """\
  python -m helpers.homework init COURSE                        # private course folder with a random secret key
  python -m helpers.homework release COURSE --students FILE     # COURSE/release/<student>/<notebook>.ipynb
  python -m helpers.homework key COURSE                         # COURSE/key/<student>/<notebook>.ipynb: each variant solved
  python -m helpers.grading COURSE/submitted --course COURSE --csv grades.csv [--jobs N] [--feedback DIR]

FILE: one student id per line, or a CSV with a 'student' column (optionally 'lms_id').
Exit status: 0 done, 1 the key has a check that is not correct, 2 a usage error."""


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m helpers.homework", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Graded homework: a private course folder, per-student notebooks, the key.")
    commands = parser.add_subparsers(dest="command", required=True)
    p_init = commands.add_parser("init", help="make a private course folder with a random key")
    p_init.add_argument("course", metavar="COURSE")
    p_init.add_argument("--notebooks", metavar="A,B",
                        help="practice notebooks to hand out (stems; default: all of exercises/)")
    p_release = commands.add_parser("release", help="COURSE/release/<student>/<notebook>.ipynb")
    p_release.add_argument("course", metavar="COURSE")
    p_release.add_argument("--students", required=True, metavar="FILE",
                           help="one student id per line, or a CSV with a 'student' column")
    p_release.add_argument("--verdicts", action="store_true",
                           help="check() gives verdicts for the student's own numbers (the "
                                "hidden values, e.g. the seeds of function inputs, are then "
                                "visible in the notebook)")
    p_key = commands.add_parser("key", help="COURSE/key/<student>/<notebook>.ipynb, each solved")
    p_key.add_argument("course", metavar="COURSE")
    p_key.add_argument("--students", metavar="FILE",
                       help="default: the students of COURSE/release/")
    args = parser.parse_args(argv)
    try:
        if args.command == "init":
            notebooks = [n.strip() for n in (args.notebooks or "").split(",") if n.strip()]
            meta = init_course(args.course, notebooks or None)
            print(f"made {args.course}: secret key, course.json ({len(meta['notebooks'])} "
                  f"notebook(s), helpers {meta['helpers_version']}), .gitignore")
            print(PRIVATE_NOTE)
            return 0
        course = Course(args.course)
        if args.command == "release":
            release(course, read_students(args.students), verdicts=args.verdicts)
            return 0
        students = read_students(args.students) if args.students else course.students()
        if not students:
            raise CourseError("no students: release first, or give --students FILE")
        return 1 if solve_key(course, students) else 0
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
