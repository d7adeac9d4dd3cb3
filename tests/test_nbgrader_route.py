"""The nbgrader route of course/instructor_guide.md, end to end, on the small demo assignment of
tests/grading_fixtures: the guide's own nbgrader_config.py, then generate_assignment, release,
fetch, submit (six students), collect, autograde and generate_feedback, with the scores nbgrader
gives asserted, including the full marks it gives a student who redefines check() (the course's
grader gives that notebook 0: tests/test_grading.py).

The instructor's steps run through nbgrader's own Python API (`NbGraderAPI`, the apps the
`nbgrader` command launches) and the students' steps through its exchange classes, all in this
one process: each `nbgrader` command would pay nbgrader's start-up again."""

import copy
import re
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.checks import register
from helpers.grading import grade

pytest.importorskip("nbgrader")
sys.path.insert(0, str(Path(__file__).resolve().parent / "grading_fixtures"))
import build

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "course" / "instructor_guide.md"
HW = "hw1"


def guide_config():
    """The python block of the guide that follows the line naming nbgrader_config.py."""
    text = GUIDE.read_text(encoding="utf-8")
    match = re.search(r"```python\n(# nbgrader_config\.py.*?)```", text, re.S)
    assert match, "the guide has no nbgrader_config.py block"
    return match.group(1)


def answered(released, solution, changes=None):
    """The released notebook with the solution's answer cells (by nbgrader grade id), then
    `changes` ({grade id: new source or None to delete the cell})."""
    answers = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in solution.cells}
    nb = copy.deepcopy(released)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("-answer"):
            cell.source = answers[grade_id]
    for grade_id, source in (changes or {}).items():
        [index] = [i for i, c in enumerate(nb.cells)
                   if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
        if source is None:
            del nb.cells[index]
        else:
            nb.cells[index].source = source
    return nb


def redefine_check(released):
    nb = copy.deepcopy(released)
    nb.cells.insert(2, nbformat.v4.new_code_cell(
        "def check(*args, **kwargs):\n    print('✔ correct')"))
    return nb


# nbgrader's own database code warns about its session handling (not ours)
@pytest.mark.filterwarnings("ignore:Object of type <Submitted")
def test_nbgrader_route_of_the_guide(tmp_path, monkeypatch):
    from nbgrader.api import Gradebook
    from nbgrader.apps import NbGraderAPI
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    namespace = {}
    exec(build.EXERCISES_SOURCE, namespace)
    for exercise in namespace["EXERCISES"]:
        register(exercise)
    demo = build.build(tmp_path / "demo")   # solutions/ (nbgrader metadata) and exercises/

    course, exchange = tmp_path / "nbgrader-course", tmp_path / "exchange"
    (course / "source" / HW).mkdir(parents=True)
    (course / "source" / HW / "01_demo.ipynb").write_bytes(
        (demo / "solutions" / "01_demo.ipynb").read_bytes())
    (course / "nbgrader_config.py").write_text(guide_config())
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    assert config.CourseDirectory.course_id and config.Exchange.root
    config.CourseDirectory.root = str(course)
    config.Exchange.root = str(exchange)     # the guide's is a shared folder of the server
    monkeypatch.chdir(course)

    def api():
        coursedir = CourseDirectory(config=config)
        return NbGraderAPI(coursedir=coursedir, authenticator=Authenticator(config=config),
                           config=config)

    def ok(result):
        assert result["success"], result.get("error", "") + result.get("log", "")

    instructor = api()
    ok(instructor.generate_assignment(HW))
    released = nbformat.read(course / "release" / HW / "01_demo.ipynb", as_version=4)
    committed = nbformat.read(demo / "exercises" / "01_demo.ipynb", as_version=4)
    assert [(c.cell_type, c.source) for c in released.cells] == [
        (c.cell_type, c.source) for c in committed.cells]          # release/ == exercises/
    assert "NotImplementedError" not in nbformat.writes(released)
    ok(instructor.release_assignment(HW))

    solution = build.read(demo / "solutions" / "01_demo.ipynb")
    submissions = {
        "all-correct": lambda nb: answered(nb, solution),
        "all-wrong": lambda nb: answered(nb, solution, {
            "demo-resistance-answer": "R_kohm = 2 * " + build.R_OK,
            "demo-double-answer": "def double(x):\n    return x",
            "demo-choice-answer": 'choice = "b"'}),
        "blank": lambda nb: nb,
        "raising": lambda nb: answered(nb, solution, {"demo-resistance-answer": "R_kohm = 1 / 0"}),
        "deleted-cell": lambda nb: answered(nb, solution, {"demo-resistance-answer": None}),
        "redefined-check": redefine_check,
    }
    for student, make in submissions.items():
        home = tmp_path / "students" / student
        home.mkdir(parents=True)
        config.CourseDirectory.student_id = student   # `--student`; default: the Unix user
        config.Exchange.assignment_dir = str(home)
        mine = api()
        fetch = mine.exchange.FetchAssignment(coursedir=mine.coursedir, parent=mine,
                                              authenticator=mine.authenticator)
        fetch.coursedir.assignment_id = HW
        fetch.start()
        path = home / HW / "01_demo.ipynb"
        nbformat.write(make(nbformat.read(path, as_version=4)), path)
        submit = mine.exchange.Submit(coursedir=mine.coursedir, parent=mine,
                                                authenticator=mine.authenticator)
        submit.start()
    del config.CourseDirectory["student_id"]
    del config.Exchange["assignment_dir"]

    instructor = api()
    ok(instructor.collect(HW))
    assert sorted(p.name for p in (course / "submitted").iterdir()) == sorted(submissions)
    for student in submissions:
        ok(instructor.autograde(HW, student))
        ok(instructor.generate_feedback(HW, student))
        assert (course / "feedback" / student / HW / "01_demo.html").is_file()

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {s: gradebook.find_submission(HW, s).score for s in submissions}
        assert gradebook.find_assignment(HW).max_score == 4
    # the course's grader reads nbgrader's submitted/ folder as it is, and judges in its own
    # process: check() redefined in the kernel earns nothing there
    rows = grade([course / "submitted" / "redefined-check", course / "submitted" / "all-correct"],
                 timeout=30, jobs=2, source_dirs=[demo / "solutions"], progress=False,
                 warn=lambda text: None)
    ours = {r["student"]: r["points"] for r in rows if r["exercise"] == "TOTAL"}
    assert ours == {"redefined-check": 0, "all-correct": 4}
    assert scores == {
        "all-correct": 4, "all-wrong": 0, "blank": 0,
        "raising": 2,          # the resistance answer raised: its check cell fails
        "deleted-cell": 2,     # no answer cell: its check cell fails with a NameError
        # nbgrader runs its test cells in the student's kernel: a redefined check() passes
        # them all. The course's grader judges in its own process and gives this notebook 0.
        "redefined-check": 4,
    }
