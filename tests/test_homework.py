"""Graded homework (python -m helpers.homework init|release|key, grading with --course): a
private key, per-student notebooks, answers judged on the student's own numbers whatever the
submitted notebook says, copies flagged, and the key out of the students' reach.

Two students go through real kernels (`test_graded_in_sandboxed_kernels`); the other grading
tests read the answers in this process with the grader's own kernel code (`in_kernel.py` and
the extraction cells of `helpers.grading.boundary`), exactly as a kernel would, and judge them
with the grader's judging code.
"""

import contextlib
import copy
import io
import json
import os
import stat
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers.checks import check, get_exercise, homework
from helpers.checks.statuses import CORRECT, ERROR, RECORDED, WRONG
from helpers.checks.variants import _session, variant
from helpers.exercises import load_parameters
from helpers.grading import UsageError, grade
from helpers.grading.__main__ import main as grading_main
from helpers.grading.assignments import load_assignments
from helpers.grading.boundary import extraction_cells, parse_records, course_spec
from helpers.grading.copies import PUBLIC, copy_flags
from helpers.grading.judging import rows_for
from helpers.grading.layouts import Submission
from helpers.grading.sandbox import landlock_abi, readable_by_kernel
from helpers.homework import Course, CourseError, init_course, release, solve_key
from helpers.homework.__main__ import main as homework_main
from helpers.homework.solve import parameters_cell_index, set_parameters_cell

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = "01_resistance_is_reflection"
TOPIC = "resistance"
STUDENTS = ["ada", "bohr"]
#: a fixed key, so that a failure can be reproduced (init_course's own keys are random)
KEY = bytes(range(32))


@pytest.fixture(autouse=True)
def self_study():
    """Every test starts and ends outside homework mode."""
    saved = dict(_session)
    _session.update(values=None, mode=None)
    yield
    _session.update(saved)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    path = tmp_path_factory.mktemp("homework") / "course"
    init_course(path, [NOTEBOOK])
    (path / "secret.key").write_bytes(KEY)
    course = Course(path)
    release(course, STUDENTS, log=lambda text: None)
    problems = solve_key(course, STUDENTS, log=lambda text: None)
    assert problems == []
    return course


def _parameters_cell(notebook):
    return notebook.cells[parameters_cell_index(notebook)].source


def _run_cell(source):
    namespace = {}
    exec(source, namespace)
    return namespace


def test_init_makes_a_private_folder_and_refuses_to_overwrite_the_key(tmp_path, capsys):
    path = tmp_path / "course"
    assert homework_main(["init", str(path), "--notebooks", NOTEBOOK]) == 0
    out = capsys.readouterr().out
    assert "private" in out
    secret = path / "secret.key"
    key = secret.read_bytes()
    assert len(key) == 32 and stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert (path / ".gitignore").read_text().strip() == "*"
    meta = json.loads((path / "course.json").read_text())
    assert meta["notebooks"] == [NOTEBOOK] and meta["helpers_version"] and meta["created"]
    assert homework_main(["init", str(path)]) == 2
    assert "already exists" in capsys.readouterr().err
    with pytest.raises(CourseError, match="already exists"):
        init_course(path)
    assert secret.read_bytes() == key
    other = tmp_path / "other"
    init_course(other, [NOTEBOOK])
    assert (other / "secret.key").read_bytes() != key  # random, not derived


def test_release_gives_each_student_their_own_numbers(course, tmp_path):
    parameters = load_parameters()[TOPIC]
    cells = {}
    for student in STUDENTS:
        notebook = nbformat.read(course.path / "release" / student / f"{NOTEBOOK}.ipynb", 4)
        assert notebook.metadata["landauer"] == {"student": student, "homework": True}
        source = _parameters_cell(notebook)
        cells[student] = source
        values = parameters.draw(course.secret, student)
        namespace = _run_cell(source)
        for name, param in parameters.params.items():
            if param.hidden:  # the seed of the function's inputs is not shown
                assert name not in namespace and name not in source
            else:
                assert namespace[name] == values[name] != param.default
        assert _session["mode"] == "record"
    assert cells["ada"] != cells["bohr"]
    # with --verdicts the cell passes every value, hidden ones included, and check judges
    folder = tmp_path / "verdicts"
    init_course(folder, [NOTEBOOK])
    verdicts = Course(folder)
    release(verdicts, ["ada"], verdicts=True, log=lambda text: None)
    notebook = nbformat.read(folder / "release" / "ada" / f"{NOTEBOOK}.ipynb", 4)
    values = parameters.draw(verdicts.secret, "ada")
    source = _parameters_cell(notebook)
    assert "input_seed" in source
    _run_cell(source)
    assert _session["mode"] == "verdicts" and _session["values"] == {TOPIC: values}
    with variant({TOPIC: values}):
        right = get_exercise("one-scatterer-resistance").expected_value
    assert check("one-scatterer-resistance", right).status == CORRECT
    assert check("one-scatterer-resistance", right * 1.1).status == WRONG


def test_the_commands_read_a_roster_csv_and_solve_the_key(tmp_path, capsys):
    path = tmp_path / "course"
    assert homework_main(["init", str(path), "--notebooks", NOTEBOOK]) == 0
    roster = tmp_path / "roster.csv"
    roster.write_text("student,lms_id\ncurie,1001\n")
    assert homework_main(["release", str(path), "--students", str(roster)]) == 0
    assert (path / "release" / "curie" / f"{NOTEBOOK}.ipynb").is_file()
    assert homework_main(["key", str(path)]) == 0  # the students of release/
    assert "every check correct" in capsys.readouterr().out
    assert (path / "key" / "curie" / f"{NOTEBOOK}.ipynb").is_file()
    assert homework_main(["key", str(tmp_path / "nothing")]) == 2
    assert "not a course folder" in capsys.readouterr().err


def test_release_says_which_notebooks_are_the_same_for_everyone(tmp_path, monkeypatch):
    # every practice notebook of the course has parameters: take them away from lesson 0's
    # topic, as for a homework-only notebook whose exercises declare none
    import helpers.exercises
    topics = {k: v for k, v in load_parameters().items() if k != "bands"}
    monkeypatch.setattr(helpers.exercises, "load_parameters", lambda: dict(topics))
    fixed = ["00_bands_and_electrons"]
    init_course(tmp_path / "c", [NOTEBOOK] + fixed)
    course = Course(tmp_path / "c")
    lines = []
    same = release(course, ["ada", "bohr"], log=lines.append)
    assert same == set(fixed)
    assert any(fixed[0] in line and "same numbers" in line for line in lines)
    released = [nbformat.read(course.path / "release" / s / f"{fixed[0]}.ipynb", 4)
                for s in ("ada", "bohr")]
    assert all(nb.metadata["landauer"]["homework"] for nb in released)
    assert _parameters_cell(released[0]) == _parameters_cell(released[1])
    _run_cell(_parameters_cell(released[0]))
    assert _session["mode"] == "record"


def test_homework_mode_records_answers_and_still_catches_format_problems():
    homework({TOPIC: {"T_scatterer": 0.31}})
    expected = get_exercise("one-scatterer-resistance")
    with variant({TOPIC: {"T_scatterer": 0.31}}):
        right = expected.expected_value
    for answer in (right, right * 3):  # right or wrong: no verdict, only "recorded"
        result = check("one-scatterer-resistance", answer)
        assert result.status == RECORDED and "answer recorded" in result.verdict()
        assert result.points == 0
    nan = check("one-scatterer-resistance", float("nan"))
    assert nan.status == WRONG and "NaN" in nan.verdict()
    assert check("one-scatterer-resistance", "12 kOhm").status == WRONG
    assert check("one-scatterer-resistance", [1.0, 2.0]).status == WRONG
    assert check("one-scatterer-resistance", None).status == "not answered"
    assert check("incoherent-resistance-function", lambda ts: 1 / np.prod(ts)).status == RECORDED
    raised = check("incoherent-resistance-function", lambda ts: 1 / 0)
    assert raised.status == ERROR and "ZeroDivisionError" in raised.verdict()
    assert check("incoherent-resistance-function", 3.0).status == WRONG  # not a function
    assert check("incoherent-resistance-function",
                 lambda ts: np.full(3, np.nan)).status == WRONG  # wrong shape
    assert check("coherent-pair-resistance-prediction", "no such label").status == WRONG
    # a homework-only exercise (the instructor's course folder) is unknown here: recorded
    assert check("homework-only-exercise", 1.0).status == RECORDED
    _session.update(values=None, mode=None)
    assert check("homework-only-exercise", 1.0).status == ERROR  # self-study: a typo


def test_the_key_solves_every_check_of_every_student(course):
    for student in STUDENTS:
        notebook = nbformat.read(course.path / "key" / student / f"{NOTEBOOK}.ipynb", 4)
        meta = notebook.metadata["landauer"]
        assert meta["student"] == student and meta["key"]
        assert set(meta["checks"].values()) == {CORRECT} and len(meta["checks"]) >= 7
        values = load_parameters()[TOPIC].draw(course.secret, student)
        assert _run_cell(_parameters_cell(notebook))["T_scatterer"] == values["T_scatterer"]


# ---- grading, answers read in this process with the grader's kernel code -----------------------

def _records(notebook, values, assignment, specs=None):
    """What a kernel running `notebook` would print in the grader's cells, parsed: the
    notebook's cells run in one namespace, then in_kernel.py and one cell per exercise."""
    namespace = {"__name__": "__main__"}
    cwd = os.getcwd()
    os.chdir(ROOT / "solutions")
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            for cell in notebook.cells:
                if cell.cell_type == "code":
                    source = "\n".join(line for line in cell.source.splitlines()
                                       if not line.lstrip().startswith(("%", "!")))
                    exec(source, namespace)
        token = "LGtest"
        cells = extraction_cells(assignment, token, values, specs)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(cells["setup"], namespace)
            for _, source in cells["cells"]:
                exec(source, namespace)
    finally:
        os.chdir(cwd)
        _session.update(values=None, mode=None)
    return parse_records(out.getvalue(), token)


def _grade_in_process(course, student, notebook):
    """(rows, flags) of `notebook` handed in by `student`, judged as the grader does."""
    assignment = load_assignments([ROOT / "solutions"], warn=lambda t: None)[NOTEBOOK]
    values = course.values(student)
    records = _records(notebook, values, assignment)
    outcome = {"kind": "finished", "message": "", "records": records, "errors": {},
               "stopped": {}, "extract_stopped": {}, "extract_failed": None, "answer_cells": {},
               "end_cell": None}
    sub = Submission(student, Path(f"{student}/{NOTEBOOK}.ipynb"),
                     data=nbformat.writes(notebook).encode())
    with variant(values):
        rows = rows_for(sub, assignment, outcome)
    others = {PUBLIC: {}, **{s: course.values(s) for s in STUDENTS if s != student}}
    return rows, copy_flags(assignment, records, values, others)


def _same_as_defaults(values):
    """Ids of the numeric exercises whose answer in variant `values` is the defaults' (then a
    match is no evidence of where an answer came from, and is not flagged)."""
    from helpers.grading.copies import same_answer
    same = set()
    for exercise in _resistance_exercises():
        default = exercise.expected_value
        with variant(values):
            if same_answer(exercise, exercise.expected_value, default):
                same.add(exercise.id)
    return same


def _resistance_exercises():
    from helpers.exercises import load
    return [ex for ex in load().values() if ex.lesson == TOPIC and ex.kind == "numeric"]


def _key(course, student):
    return nbformat.read(course.path / "key" / student / f"{NOTEBOOK}.ipynb", 4)


def _differing(rows, values, other):
    """The rows of the numeric exercises whose answer differs between two variants (two
    variants can share the answer of an exercise, e.g. a fraction of phases)."""
    from helpers.grading.copies import same_answer
    out = []
    for row in rows:
        exercise = get_exercise(row["exercise"])
        if exercise.kind != "numeric":
            continue
        with variant(values):
            mine = exercise.expected_value
        with variant(other):
            theirs = exercise.expected_value
        if not same_answer(exercise, mine, theirs):
            out.append(row)
    assert len(out) >= 3  # T_scatterer, N_chain and T_chain always differ
    return out


def test_the_key_scores_full_marks_for_its_own_student(course):
    rows, flags = _grade_in_process(course, "ada", _key(course, "ada"))
    assert all(r["status"] == CORRECT for r in rows), [r["feedback"] for r in rows]
    assert sum(r["points"] for r in rows) == sum(r["max_points"] for r in rows)
    assert flags == {}


def test_editing_the_parameters_cell_does_not_change_the_expected_answers(course):
    parameters = load_parameters()[TOPIC]
    # ada's solutions, computed with bohr's numbers typed into her parameters cell
    edited = copy.deepcopy(_key(course, "ada"))
    set_parameters_cell(edited, parameters, course.values("bohr")[TOPIC])
    rows, flags = _grade_in_process(course, "ada", edited)
    varied = _differing(rows, course.values("ada"), course.values("bohr"))
    assert all(r["status"] == WRONG and r["points"] == 0 for r in varied)
    assert set(flags.values()) == {"matches bohr"}
    # not flagged: only where bohr's answer is also the defaults' (no evidence of the source)
    assert {r["exercise"] for r in varied} - set(flags) <= _same_as_defaults(course.values("bohr"))
    # the public solution (the defaults) handed in as ada's variant
    public = nbformat.read(ROOT / "solutions" / f"{NOTEBOOK}.ipynb", 4)
    rows, flags = _grade_in_process(course, "ada", public)
    assert sum(r["points"] for r in rows) < sum(r["max_points"] for r in rows)
    varied = _differing(rows, course.values("ada"), {})
    assert all(r["status"] == WRONG for r in varied)
    assert set(flags.values()) == {"matches public solution"}
    assert {r["exercise"] for r in varied} - set(flags) <= _same_as_defaults(course.values("bohr"))
    # the function is called on ada's inputs (the grader's values), not the notebook's:
    # a general function is right whatever the notebook's numbers
    function = [r for r in rows if r["exercise"] == "incoherent-resistance-function"]
    assert function[0]["status"] == CORRECT


def test_a_notebook_handed_in_by_someone_else_is_named(course):
    from helpers.grading.core import _Homework, _items
    assignments = load_assignments([ROOT / "solutions"], warn=lambda t: None)
    data = (course.path / "key" / "ada" / f"{NOTEBOOK}.ipynb").read_bytes()
    warnings = []
    homework_ = _Homework(course.path, unsandboxed=True, warn=warnings.append)
    subs = [Submission(s, Path(f"{s}/{NOTEBOOK}.ipynb"), data=data) for s in STUDENTS]
    _, items = _items(subs, assignments, warnings.append, homework_)
    assert len(items) == 2
    assert [w for w in warnings if "released to" in w] == [
        f"warning: bohr/{NOTEBOOK}.ipynb: handed in by bohr, but the notebook was released to "
        "(or is the key of) ada"]
    # each student's answers are read in their own variant (values, never the key)
    for item in items:
        text = json.dumps(item["extraction"])
        values = {TOPIC: course.values(item["sub"].student)[TOPIC]}
        assert repr(values) in item["extraction"]["cells"][0][1]
        assert course.secret.hex() not in text


def test_a_neighbours_solved_variant_is_flagged(course):
    rows, flags = _grade_in_process(course, "bohr", _key(course, "ada"))
    varied = _differing(rows, course.values("bohr"), course.values("ada"))
    assert all(r["status"] == WRONG for r in varied)
    assert set(flags.values()) == {"matches ada"}
    assert {r["exercise"] for r in varied} - set(flags) <= _same_as_defaults(course.values("ada"))


def test_the_kernel_reads_function_answers_on_the_variants_inputs(course):
    assignment = load_assignments([ROOT / "solutions"], warn=lambda t: None)[NOTEBOOK]
    exercise = get_exercise("incoherent-resistance-function")
    notebook = _key(course, "ada")
    records = _records(notebook, course.values("ada"), assignment)
    with variant(course.values("ada")):
        inputs = exercise.inputs
    assert len(records[exercise.id]["answer"]) == len(inputs)
    # the same function read with the defaults: the outputs differ (other inputs)
    default = _records(notebook, {}, assignment)
    assert default[exercise.id]["answer"] != records[exercise.id]["answer"]
    # an exercise the kernel does not know (a course folder's own): the grader's spec
    with variant(course.values("ada")):
        spec = course_spec(exercise)
    spec_records = _records(notebook, course.values("ada"), assignment,
                            specs={exercise.id: spec})
    assert spec_records[exercise.id]["answer"] == records[exercise.id]["answer"]


def test_course_folder_modules_add_exercises_with_parameters(tmp_path):
    path = tmp_path / "c"
    init_course(path, [NOTEBOOK])
    (path / "exercises").mkdir()
    (path / "exercises" / "private_drift.py").write_text(
        "from helpers.checks import NumericExercise, Param, Parameters\n"
        "PARAMETERS = Parameters('private_drift', L=Param(10, 5, 20, text='length'))\n"
        "EXERCISES = [NumericExercise('private-drift-time', 2, units='s',\n"
        "                             expected=lambda: 2.0 * PARAMETERS.L)]\n")
    course = Course(path)
    assert "private_drift" in course.parameters
    exercise = get_exercise("private-drift-time")
    values = course.values("ada")
    assert values["private_drift"]["L"] != 10
    with variant(values):
        assert exercise.expected_value == 2.0 * values["private_drift"]["L"]


# ---- the command line's refusals -------------------------------------------------------------

def test_course_grading_refuses_without_a_sandbox(course, tmp_path, monkeypatch, capsys):
    empty = tmp_path / "submitted"
    empty.mkdir()
    monkeypatch.setenv("LANDAUER_GRADER_SANDBOX", "off")
    with pytest.raises(UsageError, match="no file-system sandbox"):
        grade([empty], course=course.path, warn=lambda t: None, progress=False)
    assert grading_main([str(empty), "--csv", "-", "--course", str(course.path)]) == 2
    assert "--unsandboxed" in capsys.readouterr().err
    warnings = []
    with pytest.raises(UsageError, match="no notebooks"):  # accepted, then nothing to grade
        grade([empty], course=course.path, unsandboxed=True, warn=warnings.append,
              progress=False)
    assert any("--unsandboxed" in w for w in warnings)


def test_course_inside_a_folder_kernels_read_is_refused(tmp_path):
    assert readable_by_kernel(Path(sys.prefix) / "course") is not None
    assert readable_by_kernel(ROOT / "helpers" / "x", [ROOT / "helpers"]) is not None
    assert readable_by_kernel(tmp_path / "course", [ROOT / "helpers"]) is None


def test_a_different_helpers_version_warns_and_says_how_to_pin(course, tmp_path):
    path = tmp_path / "old"
    init_course(path, [NOTEBOOK])
    meta = json.loads((path / "course.json").read_text())
    meta["helpers_version"] = "0.0.1"
    (path / "course.json").write_text(json.dumps(meta))
    text = Course(path).version_warning()
    assert "0.0.1" in text and "pip install" in text and "landauer-course==0.0.1" in text
    assert course.version_warning() is None


# ---- two students through real, sandboxed kernels -------------------------------------------

WALK = '''\
import os
found = []
for top, depth in (("/", 2), (os.path.dirname(os.path.dirname(os.getcwd())), 9), ({parent!r}, 9),
                   ({course!r}, 9)):
    for folder, dirs, files in os.walk(top):
        if folder.count(os.sep) - top.count(os.sep) >= depth or folder.startswith(("/proc", "/sys")):
            dirs[:] = []
        for name in files:
            path = os.path.join(folder, name)
            found.append(path)
            if "key" in name or "secret" in name:
                try:
                    print(path, open(path, "rb").read().hex())
                except OSError:
                    pass
print(len(found), "files")
print("\\n".join(found))
'''


@pytest.mark.skipif(not landlock_abi(), reason="Landlock (the file-system sandbox) is missing")
def test_graded_in_sandboxed_kernels(course, tmp_path):
    submitted = tmp_path / "submitted"
    ada = _key(course, "ada")
    ada.cells.append(nbformat.v4.new_code_cell(
        WALK.format(parent=str(course.path.parent), course=str(course.path))))
    (submitted / "ada").mkdir(parents=True)
    nbformat.write(ada, submitted / "ada" / f"{NOTEBOOK}.ipynb")
    (submitted / "bohr").mkdir()
    public = nbformat.read(ROOT / "solutions" / f"{NOTEBOOK}.ipynb", 4)
    nbformat.write(public, submitted / "bohr" / f"{NOTEBOOK}.ipynb")
    feedback = tmp_path / "feedback"
    rows = grade([submitted], course=course.path, jobs=2, timeout=120, feedback=feedback,
                 fmt="notebook", progress=False, warn=lambda t: None)
    total = {r["student"]: r for r in rows if r["exercise"] == "TOTAL"}
    assert total["ada"]["points"] == total["ada"]["max_points"] and total["ada"]["flag"] == ""
    assert total["bohr"]["points"] < total["bohr"]["max_points"]
    assert total["bohr"]["flag"] == "matches public solution"
    text = (feedback / "ada" / f"{NOTEBOOK}.ipynb").read_text()
    assert "files" in text  # the walk ran and printed what it found
    key = course.secret
    csv_text = json.dumps(rows, ensure_ascii=False)
    for output in (text, csv_text):
        assert key.hex() not in output and "secret.key" not in output
        assert str(course.path / "key") not in output
    assert key not in text.encode()
