"""python -m helpers.grading: solutions score full marks, blank exercises zero, bad and tampered
submissions cost only their author, the CSV does not depend on --jobs, submissions stay untouched,
and nbgrader's own preprocessors turn the committed solutions into the committed exercises."""

import csv
import hashlib
import io
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.checks import get_exercise, register
from helpers.grading import grade, COLUMNS
from helpers.grading.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent / "grading_fixtures"))
import build  # noqa: E402

SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    namespace = {}
    exec(build.EXERCISES_SOURCE, namespace)
    for exercise in namespace["EXERCISES"]:
        register(exercise)
    return build.build(tmp_path_factory.mktemp("grading") / "course")


def write_submissions(course, folder, students=None):
    sol = build.read(course / "solutions" / "01_demo.ipynb")
    blank = build.read(course / "exercises" / "01_demo.ipynb")
    sol2 = build.read(course / "solutions" / "02_other.ipynb")
    targets = [folder / "alice" / "01_demo.ipynb", course / "grades.csv", course / "solutions"
               / "01_demo.ipynb", ROOT / "helpers" / "grading" / "pwned.txt"]
    expected = {}
    for student, (nb, marks) in build.bad_submissions(sol, blank, sol2, targets).items():
        if students and student not in students:
            continue
        (folder / student).mkdir(parents=True)
        path = folder / student / "01_demo.ipynb"
        path.write_bytes(nb) if isinstance(nb, bytes) else nbformat.write(nb, path)
        expected[student] = marks
    return expected


def digest(folder):
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def csv_text(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def test_bad_submissions_cost_only_their_author(course, tmp_path):
    folder = tmp_path / "submissions"
    expected = write_submissions(course, folder)
    before, source_before = digest(folder), digest(course / "solutions")
    rows = grade([folder], timeout=6, jobs=2, source_dirs=[course / "solutions"], memory_mb=1024,
                 progress=False, warn=lambda text: None)
    assert digest(folder) == before and digest(course / "solutions") == source_before
    assert not (course / "grades.csv").exists()
    assert not (ROOT / "helpers" / "grading" / "pwned.txt").exists()
    got = {(r["student"], r["exercise"]): (r["status"], r["points"]) for r in rows}
    for student, marks in expected.items():
        for exercise, want in marks.items():
            assert got[(student, exercise)] == want, (student, exercise)
        total = [r for r in rows if r["student"] == student and r["exercise"] == "TOTAL"]
        assert len(total) == 1 and total[0]["points"] == sum(p for _, p in marks.values())
        assert total[0]["max_points"] == 4 and total[0]["status"] == "total"
    assert {s for s, _ in got.values()} >= {"correct", "wrong", "not answered", "error",
                                           "timeout", "missing"}
    feedback = {(r["student"], r["exercise"]): r["feedback"] for r in rows}
    assert "could not be read" in feedback[("dave-json", "demo-resistance")]
    assert "02_other" in feedback[("erin-other", "demo-resistance")]
    assert "ZeroDivisionError" in feedback[("heidi-raises", "demo-resistance")]
    assert "stopped the Python kernel" in feedback[("leo-os-exit", "demo-double")]
    # exit() ends the run at its cell, however fast the next cell would be sent
    assert "stopped the Python kernel in cell 4 (exit()" in feedback[("ken-exit", "demo-double")]
    # the limit that was hit is named: judy sleeps (no CPU) and ignores the interrupt
    judy = feedback[("judy-stubborn", "demo-choice")]
    assert "cell 9" in judy and "wall-clock" in judy and "ignored the interrupt" in judy, judy
    assert "CPU time, the limit of one cell" in feedback[("uma-cell-loop", "demo-double")]


def test_solution_full_marks_blank_zero_and_jobs_do_not_change_the_csv(course, tmp_path):
    folder = tmp_path / "submissions"
    write_submissions(course, folder, {"alice", "bob", "carol", "heidi-raises"})
    runs = [csv_text(grade([folder], timeout=30, jobs=jobs, source_dirs=[course / "solutions"],
                           progress=False)) for jobs in (1, 2)]
    assert runs[0] == runs[1]
    rows = list(csv.DictReader(io.StringIO(runs[0])))
    assert [(r["student"], r["status"], r["points"]) for r in rows if r["student"] == "alice"] == [
        ("alice", "correct", "2"), ("alice", "correct", "1"), ("alice", "correct", "1"),
        ("alice", "total", "4")]
    assert {r["status"] for r in rows if r["student"] == "bob" and r["exercise"] != "TOTAL"} == \
        {"not answered"}


def test_cli_writes_csv_and_feedback_and_rejects_bad_paths(course, tmp_path, capsys):
    folder = tmp_path / "subs"
    write_submissions(course, folder, {"alice", "olga-output"})
    out, feedback = tmp_path / "grades.csv", tmp_path / "feedback"
    assert main([str(folder / "alice" / "01_demo.ipynb"), str(folder / "olga-output"), "--csv",
                 str(out), "--jobs", "1", "--source", str(course / "solutions"),
                 "--exercises", str(course / "exercises.py"),
                 "--feedback", str(feedback), "--format", "notebook", "--quiet"]) == 0
    lines = out.read_text().splitlines()
    assert lines[0] == ",".join(COLUMNS) and lines[-1].startswith(
        "olga-output,01_demo,TOTAL,4,4,total")
    assert any(line.startswith("alice,01_demo,TOTAL,4,4,total") for line in lines)
    alice = nbformat.read(feedback / "alice" / "01_demo.ipynb", 4)
    assert "4 of 4 points" in alice.cells[0].source
    # in the grader's kernel check() only records: its line points to the grader's verdicts
    shown = [output.get("data", {}).get("text/plain", "") for cell in alice.cells
             if cell.cell_type == "code" and "check(" in cell.source for output in cell.outputs]
    assert shown and all("verdict is in the score table" in text for text in shown), shown
    # a flood of output is cut, with a note, and the feedback copy is still written
    flooded = (feedback / "olga-output" / "01_demo.ipynb").read_text()
    assert "output truncated by the grader" in flooded and len(flooded) < 3_000_000
    assert main([str(tmp_path / "nope"), "--csv", str(out)]) == 2
    (tmp_path / "empty").mkdir()
    assert main([str(tmp_path / "empty"), "--csv", str(out)]) == 2
    assert "no notebooks" in capsys.readouterr().err


@pytest.mark.parametrize("source", SOLUTIONS, ids=[p.name for p in SOLUTIONS])
def test_nbgrader_preprocessors_accept_the_committed_solution(source):
    """nbgrader's own ClearSolutions (enforce_metadata=True) + ClearOutput on the committed
    solution, metadata as committed, give the committed exercise notebook."""
    from nbgrader.preprocessors import ClearOutput, ClearSolutions
    from helpers.generate import STUB, normalized
    nb = nbformat.read(source, as_version=4)
    nb, resources = ClearSolutions(code_stub={"python": STUB}, enforce_metadata=True).preprocess(nb, {})
    nb, _ = ClearOutput().preprocess(nb, resources)
    committed = nbformat.read(ROOT / "exercises" / source.name, as_version=4)
    assert normalized(nb) == normalized(committed)


def test_every_committed_practice_notebook_is_an_assignment_the_grader_can_read():
    """Without a kernel: each solutions/ notebook is an assignment whose check cells name
    declared exercises with an answer expression, and its exercises/ twin has the same ones.
    (Every practice notebook runs once, in tests/test_exercise_notebooks.py; the grader runs
    one of them end to end below.)"""
    from helpers.checks import all_exercises
    from helpers.grading.assignments import load_assignments

    problems = []
    solutions = load_assignments([ROOT / "solutions"], warn=problems.append)
    exercises = load_assignments([ROOT / "exercises"], warn=problems.append)
    assert not problems, problems
    assert sorted(solutions) == sorted(p.stem for p in SOLUTIONS) == sorted(exercises)
    registry = all_exercises()
    for name, assignment in solutions.items():
        assert len(assignment.exercises) >= 3, name
        assert assignment.ids == exercises[name].ids, name
        for spec in assignment.exercises:
            assert spec.id in registry and spec.expression.strip(), (name, spec)


#: The practice notebook graded end to end: function, array, numeric and choice exercises.
GRADED_END_TO_END = "02_reservoirs_and_fermi_window"


def test_a_committed_solution_scores_full_marks_and_its_exercise_notebook_zero():
    solution = ROOT / "solutions" / f"{GRADED_END_TO_END}.ipynb"
    rows = grade([solution, ROOT / "exercises" / solution.name], timeout=120, jobs=2,
                 progress=False)
    kinds = {type(get_exercise(r["exercise"])).__name__ for r in rows if r["exercise"] != "TOTAL"}
    assert {"FunctionExercise", "NumericExercise"} <= kinds, kinds
    for row in rows:
        if row["exercise"] == "TOTAL":
            continue
        if row["student"] == "solutions":
            assert row["status"] == "correct", row
        else:
            assert row["status"] == "not answered" and row["points"] == 0, row


@pytest.mark.parametrize("short", [(0,), (0, 1)], ids=["first-attempt", "both-attempts"])
def test_a_run_stopped_by_the_wall_clock_backstop_is_retried(course, tmp_path, short):
    """A busy machine can make a worker outlive the parent's wall-clock deadline: that run is
    killed and retried once with twice the time; only a second stop scores timeout, and the
    feedback names the limit."""
    import dataclasses
    from helpers.grading import Limits
    from helpers.grading.assignments import load_assignments
    from helpers.grading.core import _items
    from helpers.grading.layouts import discover, read_all
    from helpers.grading.runner import outcome, run_all
    from helpers.grading.judging import rows_for

    @dataclasses.dataclass(frozen=True)
    class TooShort(Limits):
        def wall(self, n_exercises, attempt=0):
            return 0.2 if attempt in short else super().wall(n_exercises, attempt)

    folder = tmp_path / "submissions"
    write_submissions(course, folder, {"alice"})
    assignments = load_assignments([course / "solutions"])
    _, items = _items(read_all(discover([folder], assignments)), assignments, print)
    limits = TooShort(notebook_cpu=30)
    [(item, result)] = list(run_all(items, limits))
    rows = rows_for(item["sub"], item["assignment"], outcome(item, result, limits))
    assert result["attempts"] == 2
    if short == (0,):
        assert result["ended"] == "finished"
        assert [r["status"] for r in rows] == ["correct"] * 3
    else:
        assert result["ended"] == "wall"
        assert [r["status"] for r in rows] == ["timeout"] * 3
        assert "wall-clock time, the grader's last-resort limit" in rows[0]["feedback"]
