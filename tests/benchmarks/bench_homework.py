"""Graded homework speed: a class of 40 handing in one practice notebook, --jobs 2, graded
without and with --course (each student's own numbers: the expected answers of 40 variants,
the variant's values sent to each kernel, copy flags).

    python tests/benchmarks/run.py --only homework --repeat 1 --warmup 0

Each student hands in the solutions notebook with their own numbers in its parameters cell
(what ``python -m helpers.homework key`` writes); without --course the same notebooks are
graded on the defaults. ``s_per_submission`` is the wall time of `helpers.grading.grade`
divided by 40, course preparation included. 12_topological_insulator is the heaviest practice
notebook (about 3.7 s of CPU per submission, kernel start included, 2026-12);
01_resistance_is_reflection is the first whose exercises vary with the student.
"""

import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from registry import benchmark

ROOT = Path(__file__).resolve().parents[2]


def _class(stem, n, course_dir):
    from helpers.homework import Course, init_course, set_parameters_cell
    from helpers.homework.course import topic_of
    init_course(course_dir, [stem])
    course = Course(course_dir)
    solution = nbformat.read(ROOT / "solutions" / f"{stem}.ipynb", 4)
    parameters = course.parameters.get(topic_of(solution))
    submitted = course_dir / "submitted"
    for i in range(n):
        student = f"student{i:03d}"
        notebook = nbformat.read(ROOT / "solutions" / f"{stem}.ipynb", 4)
        if parameters is not None:
            set_parameters_cell(notebook, parameters, parameters.draw(course.secret, student))
        (submitted / student).mkdir(parents=True)
        nbformat.write(notebook, submitted / student / f"{stem}.ipynb")
    return course, submitted, parameters is not None


def _grade(stem, students, jobs, with_course):
    from helpers.grading import grade
    folder = Path(tempfile.mkdtemp(prefix="bench-homework-"))
    try:
        course, submitted, varied = _class(stem, students, folder / "course")
        start = time.perf_counter()
        rows = grade([submitted], timeout=120, jobs=jobs, progress=False,
                     course=course.path if with_course else None, warn=lambda text: None)
        elapsed = time.perf_counter() - start
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    totals = [r for r in rows if r["exercise"] == "TOTAL"]
    full = sum(r["points"] == r["max_points"] for r in totals)
    if with_course or not varied:
        assert full == students, f"{full} of {students} full marks"
    return {"s_per_submission": round(elapsed / students, 2), "full_marks": full,
            "varied": varied}


for _stem in ("12_topological_insulator", "01_resistance_is_reflection"):
    for _with in (False, True):
        benchmark(f"homework {_stem} {'--course' if _with else 'no course'}", stem=_stem,
                  students=40, jobs=2, with_course=_with)(_grade)
