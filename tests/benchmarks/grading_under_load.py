"""Grading must not depend on how busy the machine is (a benchmark script, not a test).

    PYTHONPATH=. python tests/benchmarks/grading_under_load.py [--busy 2] [--jobs 2] [--timeout 120]

Grades the committed solutions/ and exercises/ notebooks twice, as
tests/test_grading.py::test_committed_solutions_score_full_marks_and_exercises_zero does: once
as the machine is, once with `--busy` extra processes spinning (``while True: pass``, one per
core by default), and checks that the two CSVs are equal and that every solution scores full
marks and every blank exercise zero. Prints the wall time of both runs; exit status 1 when the
CSVs differ. The spinning processes are always stopped at the end.
"""

import argparse
import csv
import difflib
import io
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def _csv(rows):
    from helpers.grading import COLUMNS
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _grade(jobs, timeout):
    from helpers.grading import grade
    solutions = sorted((ROOT / "solutions").glob("*.ipynb"))
    notebooks = solutions + [ROOT / "exercises" / p.name for p in solutions]
    start = time.monotonic()
    rows = grade(notebooks, timeout=timeout, jobs=jobs, progress=False)
    return _csv(rows), rows, time.monotonic() - start


def _wrong(rows):
    bad = []
    for row in rows:
        if row["exercise"] == "TOTAL":
            continue
        want = "correct" if row["student"] == "solutions" else "not answered"
        if row["status"] != want:
            bad.append(f"{row['student']} {row['exercise']}: {row['status']} ({row['feedback']})")
    return bad


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--busy", type=int, default=os.cpu_count() or 2,
                        help="spinning processes during the second run (default: one per core)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args(argv)

    idle_csv, idle_rows, idle_time = _grade(args.jobs, args.timeout)
    print(f"as is:            {idle_time:6.1f} s, load average {os.getloadavg()[0]:.1f}")
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
                for _ in range(args.busy)]
    try:
        busy_csv, busy_rows, busy_time = _grade(args.jobs, args.timeout)
        load = os.getloadavg()[0]
    finally:
        for proc in spinners:
            proc.kill()
            proc.wait()
    print(f"{args.busy} busy loops:     {busy_time:6.1f} s, load average {load:.1f}")
    problems = _wrong(idle_rows) + _wrong(busy_rows)
    for line in problems:
        print("wrong:", line)
    if idle_csv != busy_csv:
        sys.stdout.writelines(difflib.unified_diff(idle_csv.splitlines(True),
                                                   busy_csv.splitlines(True), "as is", "busy"))
        print("FAIL: the CSVs differ")
        return 1
    print(f"CSVs equal ({len(idle_rows)} rows)" + ("" if not problems else ", but see above"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
