"""The grader's pipeline: find submissions, run each in its own sandboxed kernel, judge, report.

The parts, each in its own module:

- `assignments`: the instructor's notebooks -> exercises, answer expressions, points;
- `layouts`: which files are submissions, whose, of which assignment;
- `boundary` (+ ``in_kernel.py``): the grader's cells sent to a kernel, and the validation of
  what a kernel prints back;
- `runner` (+ ``worker.py``, ``sandbox.py``, `limits`): kernels, limits, retries;
- `judging`: statuses, points and feedback, in the grader's own process;
- `reports`: the CSV and the feedback copies;
- `gradebook`: the roster, merging CSVs (`--merge`, shards) and the wide gradebook;
- `copies`: with ``--course`` (graded homework), answers that match another student's variant
  or the public solution (the CSV's ``flag`` column).
"""

import secrets
import sys
from pathlib import Path

from ..checks.statuses import ERROR, GRADE_STATUSES
from .assignments import Assignment, Spec, load_assignments
from ..checks.variants import variant
from .boundary import course_spec, extraction_cells
from .copies import PUBLIC, copy_flags
from .judging import prepare_exercises, rows_for
from .gradebook import gradebook, merge_rows, read_roster, write_gradebook
from .layouts import (UsageError, Submission, answer_cells, changed, discover, in_shard,
                      match_assignment, read_all, read_notebook)
from .limits import Limits
from .reports import (COLUMNS, TOTAL, complete, counted_assignments, exercise_order, read_csv,
                      with_totals, write_csv, write_feedback)
from .runner import outcome, progress_default, run_all
from .sandbox import landlock_abi, readable_by_kernel

__all__ = ["UsageError", "Assignment", "Spec", "Submission", "load_assignments", "discover",
           "grade", "finish", "merge_csvs", "read_roster", "gradebook", "write_gradebook",
           "write_csv", "COLUMNS", "STATUSES", "TOTAL", "Limits"]

ROOT = Path(__file__).resolve().parent.parent.parent
STATUSES = GRADE_STATUSES


def _items(submissions, assignments, warn, homework=None):
    """(outcomes decided without a kernel, items to run). `homework` (a `_Homework`): the
    answers are read in each student's variant."""
    decided, items, claimed = [], [], set()
    for sub in submissions:
        nb, problem = read_notebook(sub.data)
        stem = sub.notebook
        if nb is None:
            decided.append((sub, assignments.get(stem) or stem, {
                "kind": "unreadable", "message": f"Your notebook {sub.path.name} could not be "
                                                 f"read: {problem}."}))
            continue
        name, problem = match_assignment(nb, stem, assignments)
        if problem and problem[0] == "other assignment":
            decided.append((sub, assignments[stem], {"kind": "other assignment", "message": (
                f"{sub.path.name} holds the exercises of {problem[1]}, not of {stem}: submit "
                f"the notebook of {stem}.")}))
            continue
        if name is None:
            decided.append((sub, stem, {"kind": "unreadable", "message": (
                f"{sub.path.name} is not a notebook of any assignment (known: "
                f"{', '.join(sorted(assignments)) or 'none'}).")}))
            continue
        if (sub.student, name) in claimed:
            warn(f"warning: {sub.path}: a second notebook of {sub.student} for {name}; ignored")
            continue
        claimed.add((sub.student, name))
        token = "LG" + secrets.token_hex(16)
        values, specs = {}, {}
        if homework is not None:
            owner = _released_to(nb)
            if owner is not None and owner != sub.student:
                warn(f"warning: {sub.path}: handed in by {sub.student}, but the notebook was "
                     f"released to (or is the key of) {owner}")
            values = homework.values(sub.student, assignments[name])
            specs = homework.specs(assignments[name], values)
        items.append({"sub": sub, "assignment": assignments[name], "token": token,
                      "text": sub.data.decode("utf-8"), "answer_cells": answer_cells(nb),
                      "extraction": extraction_cells(assignments[name], token, values, specs)})
    return decided, items


def _released_to(nb):
    """The student a released (or key) notebook was made for, from its metadata; None."""
    meta = nb.metadata.get("landauer")
    student = meta.get("student") if isinstance(meta, dict) else None
    return student if isinstance(student, str) else None


class _Homework:
    """Graded homework (``--course``): the course folder, every student's variant."""

    def __init__(self, path, *, unsandboxed=False, warn=print):
        from ..homework.course import Course, CourseError
        try:
            self.course = Course(path)
        except CourseError as exc:
            raise UsageError(str(exc)) from exc
        if not landlock_abi():
            if not unsandboxed:
                raise UsageError(
                    "--course: there is no file-system sandbox here (Landlock needs Linux 5.13 "
                    "or later, and LANDAUER_GRADER_SANDBOX must not be 'off'), so student code "
                    f"could read {self.course.path}, its secret key and every student's "
                    "answers. Grade in a container or as a user who cannot read the course "
                    "folder, then add --unsandboxed to accept this.")
            warn("warning: --unsandboxed: student code can read the course folder and its key")
        else:
            holder = readable_by_kernel(self.course.path, [ROOT / "helpers"])
            if holder:
                raise UsageError(f"--course: {self.course.path} lies inside {holder}, which the "
                                 "grading kernels may read; move the course folder elsewhere "
                                 "(e.g. your home folder).")
        note = self.course.version_warning()
        if note:
            warn(note)
        self._values = {}
        self.own_ids = {ex.id for ex in _course_exercises(self.course)}

    def values(self, student, assignment):
        """{topic: {name: value}} of `student`'s variant of the topics `assignment` checks (as
        ``python -m helpers.homework key`` solves it; a topic without parameters adds
        nothing, so its expected answers are computed once for the whole class)."""
        if student not in self._values:
            self._values[student] = self.course.values(student)
        from ..checks import get_exercise
        topics = {get_exercise(spec.id).lesson for spec in assignment.exercises}
        return {topic: v for topic, v in self._values[student].items() if topic in topics}

    def specs(self, assignment, values):
        """What the kernel needs for the course folder's own exercises of `assignment`."""
        from ..checks import get_exercise
        specs = {}
        with variant(values):
            for spec in assignment.exercises:
                if spec.id in self.own_ids:
                    specs[spec.id] = course_spec(get_exercise(spec.id))
        return specs

    def prepare(self, students, assignments):
        """Every expected answer of every student's variant, before any kernel runs."""
        for assignment in assignments:
            for student in sorted(students):
                with variant(self.values(student, assignment)):
                    prepare_exercises([assignment])

    def others(self, student, students, assignment):
        """{name: values} of the variants an answer of `student` may have been copied from."""
        found = {PUBLIC: {}}
        for other in sorted(students):
            if other != student:
                found[other] = self.values(other, assignment)
        return found


def _course_exercises(course):
    from ..checks import all_exercises
    return [ex for ex in all_exercises().values()
            if ex.lesson in {p.stem for p in (course.path / "exercises").glob("*.py")}]


def _read_csvs(paths):
    rows = []
    for path in paths:
        try:
            rows += read_csv(path)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
    return rows


def finish(rows, assignments=None, named=()):
    """(rows with `missing` rows and per-assignment TOTAL rows, counted assignments, order).

    An assignment counts (a student who did not hand it in gets `missing` rows) when someone
    handed it in or it is `named`; `assignments` ({name: Assignment}) gives the exercises of a
    named one nobody handed in, else they are taken from the rows."""
    order = exercise_order(rows, assignments)
    unknown = sorted(set(named) - set(order))
    if unknown:
        raise UsageError(f"--assignments {','.join(unknown)}: no such assignment (known: "
                         f"{', '.join(sorted(order)) or 'none'})")
    counted = counted_assignments(rows, named)
    return with_totals(complete(rows, order, counted), order), counted, order


def merge_csvs(paths, named=()):
    """finish() of the rows of CSVs written by earlier runs (shards, or old + regraded)."""
    return finish(merge_rows(_read_csvs(paths), []), named=named)


def grade(paths, *, timeout=60, jobs=1, feedback=None, fmt="html", source_dirs=None,
          memory_mb=2048, progress=None, warn=None, cell_timeout=None, roster=None, shard=None,
          merge=(), named=(), details=None, course=None, unsandboxed=False):
    """Grade the notebooks in `paths`; returns the CSV rows (dicts with COLUMNS), totals included.

    `timeout` is the CPU time (seconds) all the student's cells of one notebook may use,
    `cell_timeout` that of one cell (default a third of `timeout`); see `helpers.grading.limits`
    for the wall-clock allowances derived from them. `roster` (a `gradebook.Roster`) names
    Canvas submissions by LMS id; `shard` (k, n) grades only the k-th of n slices of the
    students (`layouts.shard_of`); `merge` (CSV paths) keeps the rows of earlier runs for every
    student not graded now; `named` assignments count even when nobody handed them in. When
    `details` is a dict it receives ``counted`` and ``order`` (for the gradebook). Raises
    UsageError for a missing path or when no notebooks are found.

    `course` (a course folder of ``python -m helpers.homework``): graded homework. Each
    student's expected answers are those of their own variant (computed here from the course's
    key and the student id of the submission layout, never from the notebook), function
    exercises are called on that variant's inputs, answers matching another student's variant
    or the public solution are flagged (``flag`` column), and the course folder's own
    ``exercises/*.py`` (and ``solutions/*.ipynb``) count too. Refused without a file-system
    sandbox unless `unsandboxed`."""
    warn = warn or (lambda text: print(text, file=sys.stderr))
    limits = Limits(notebook_cpu=float(timeout), cell_cpu=cell_timeout, memory_mb=memory_mb)
    homework = None
    if course is not None:
        homework = _Homework(course, unsandboxed=unsandboxed, warn=warn)
    if source_dirs is None:
        source_dirs = [ROOT / "solutions", ROOT / "exercises"]
        if homework is not None:
            source_dirs = [homework.course.path / "solutions",
                           homework.course.path / "exercises"] + source_dirs
    lms_ids = roster.by_lms_id if roster else None
    discover(paths, lms_ids=lms_ids)  # a missing path is a usage error before assignments load
    old = _read_csvs(merge)
    assignments = load_assignments(source_dirs, warn=warn)
    submissions = discover(paths, assignments, lms_ids=lms_ids)
    if shard:
        submissions = in_shard(submissions, *shard)
    if roster:
        strangers = sorted({s.student for s in submissions} - set(roster))
        if strangers:
            warn("warning: not on the roster: " + ", ".join(strangers))
    submissions = read_all(submissions)  # all read before any kernel runs
    prepare_exercises(assignments.values())
    if submissions and not landlock_abi():
        warn("warning: Landlock is not available here: student code runs without a file-system "
             "sandbox (see python -m helpers.grading --help)")

    outcomes, items = _items(submissions, assignments, warn, homework)
    if homework is not None:
        students = ({s.student for s in submissions} | set(homework.course.students())
                    | set(roster or ()))
        homework.prepare(students, {item["assignment"].name: item["assignment"]
                                    for item in items}.values())
    notebooks = {}
    for item, result in run_all(items, limits, jobs=jobs, keep_notebook=bool(feedback),
                                progress=progress_default() if progress is None else progress):
        outcomes.append((item["sub"], item["assignment"], outcome(item, result, limits)))
        if result.get("notebook"):
            notebooks[(item["sub"].student, item["assignment"].name)] = result["notebook"]

    rows = []
    for sub, assignment, digest in outcomes:
        late = "yes" if sub.late else ""
        if isinstance(assignment, Assignment) and homework is not None:
            own = homework.values(sub.student, assignment)
            with variant(own):
                mine = rows_for(sub, assignment, digest)
            flags = copy_flags(assignment, digest.get("records", {}), own,
                               homework.others(sub.student, students, assignment))
            rows += [{**row, "late": late, "flag": flags.get(row["exercise"], "")}
                     for row in mine]
        elif isinstance(assignment, Assignment):
            rows += [{**row, "late": late} for row in rows_for(sub, assignment, digest)]
        else:
            rows.append({"student": sub.student, "assignment": assignment, "exercise": "",
                         "points": 0, "max_points": 0, "status": ERROR,
                         "feedback": digest["message"], "late": late})
    rows, counted, order = finish(merge_rows(old, rows), assignments, named)
    if details is not None:
        details.update(counted=counted, order=order)

    for sub in submissions:  # never modified
        if changed(sub):
            warn(f"warning: {sub.path} changed while grading (not by the grader)")
    if feedback:
        write_feedback(Path(feedback), rows, notebooks, fmt)
    return rows
