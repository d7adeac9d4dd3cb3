"""exercises/ is generated from solutions/ with nbgrader's preprocessors, and must not drift.

The round trip is tested on a tiny demo course in a temporary folder; the committed notebooks
are tested against their sources (parametrized over whatever solutions/ holds).
"""

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers import generate as gen
from helpers.checks import ANSWER_MIMETYPE, NumericExercise, FunctionExercise, register

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


def solution_regions(nb):
    """Lines between the solution markers (the answers)."""
    lines = []
    for cell in nb.cells:
        inside = False
        for line in cell.source.splitlines():
            if gen.BEGIN in line:
                inside = True
            elif gen.END in line:
                inside = False
            elif inside and len(line.strip()) > 2:
                lines.append(line.strip())
    return lines


@pytest.mark.parametrize("source", SOLUTIONS, ids=[p.name for p in SOLUTIONS])
def test_committed_exercise_notebook_is_generated_from_its_solution(source):
    committed = ROOT / "exercises" / source.name
    assert committed.exists(), f"missing {committed}: run python -m helpers.generate"
    solution = nbformat.read(source, as_version=4)
    student = nbformat.read(committed, as_version=4)
    assert gen.normalized(student) == gen.normalized(gen.generate(solution)), \
        f"{committed} drifted from {source}: run python -m helpers.generate"
    text = nbformat.writes(student)
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
    for line in solution_regions(solution):
        assert line not in text, f"solution line {line!r} left in {committed}"
    assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code")


# ---- a demo course in a temporary folder -------------------------------------------------

DEMO_EXERCISES = {
    "demo-quantum-resistance": NumericExercise(
        "demo-quantum-resistance", 2, expected=lambda: 1 / 7.748091729e-5 / 1e3, units="kΩ",
        other_units={"Ω": 1e3}),
    "demo-double": FunctionExercise("demo-double", 1, reference=lambda x: 2 * x,
                                    inputs=[(1.0,), (3.5,)]),
}
REGISTER_CELL = """\
from helpers.checks import check, register, NumericExercise, FunctionExercise
register(NumericExercise("demo-quantum-resistance", 2, expected=lambda: 1 / 7.748091729e-5 / 1e3,
                         units="kΩ", other_units={"Ω": 1e3}))
register(FunctionExercise("demo-double", 1, reference=lambda x: 2 * x, inputs=[(1.0,), (3.5,)]))"""
ANSWER_CELL = """\
# Resistance of one perfect channel, in kΩ
R_kohm = (
    ### BEGIN SOLUTION
    1 / 7.748091729e-5 / 1e3
    ### END SOLUTION
)"""
FUNCTION_CELL = '''\
def double(x):
    """Twice x."""
    ### BEGIN SOLUTION
    y = 2 * x
    return y
    ### END SOLUTION'''


def demo_solution():
    nb = new_notebook(cells=[
        new_markdown_cell("# Demo exercises"),
        new_code_cell(REGISTER_CELL),
        new_code_cell(ANSWER_CELL),
        new_code_cell('check("demo-quantum-resistance", R_kohm)'),
        new_code_cell(FUNCTION_CELL),
        new_code_cell('check("demo-double", double)'),
    ])
    nb.metadata.kernelspec = {"name": "python3", "language": "python", "display_name": "Python 3"}
    return nb


@pytest.fixture
def course(tmp_path):
    (tmp_path / "solutions").mkdir()
    nbformat.write(demo_solution(), tmp_path / "solutions" / "01_demo.ipynb")
    for exercise in DEMO_EXERCISES.values():
        register(exercise)
    return tmp_path


def run(nb, cwd):
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), saved]))
    try:
        NotebookClient(nb, timeout=60, kernel_name="python3",
                       resources={"metadata": {"path": str(cwd)}}).execute()
    finally:
        os.environ.pop("PYTHONPATH") if saved is None else os.environ.update(PYTHONPATH=saved)
    return nb


def test_stub_replaces_each_region_with_the_same_indentation(course):
    assert gen.generate_all(course) == [course / "solutions" / "01_demo.ipynb",  # metadata added
                                        course / "exercises" / "01_demo.ipynb"]
    student = nbformat.read(course / "exercises" / "01_demo.ipynb", as_version=4)
    assert student.cells[2].source == ("# Resistance of one perfect channel, in kΩ\n"
                                       "R_kohm = (\n    None  # YOUR CODE HERE\n)")
    assert student.cells[4].source == 'def double(x):\n    """Twice x."""\n    None  # YOUR CODE HERE'
    assert [c.source for c in student.cells[:2]] == [c.source for c in demo_solution().cells[:2]]
    text = nbformat.writes(student)
    assert "SOLUTION" not in text and "7.748091729e-5 / 1e3\n" not in text and "y = 2 * x" not in text


def test_nbgrader_metadata_comes_from_the_registry(course):
    gen.generate_all(course)
    for folder in ("solutions", "exercises"):
        nb = nbformat.read(course / folder / "01_demo.ipynb", as_version=4)
        meta = [c.metadata.get("nbgrader") for c in nb.cells]
        assert meta[0] is None and meta[1] is None
        assert meta[2] == {"solution": True, "grade": False, "locked": False,
                           "grade_id": "demo-quantum-resistance-answer", "schema_version": 3}
        assert meta[3] == {"solution": False, "grade": True, "locked": True, "points": 2,
                           "grade_id": "demo-quantum-resistance", "schema_version": 3}
        assert meta[5]["grade_id"] == "demo-double" and meta[5]["points"] == 1


def test_check_mode_reports_drift_and_writes_nothing(course, capsys):
    assert gen.main(["--root", str(course), "--check"]) == 1
    assert "out of date" in capsys.readouterr().out and not (course / "exercises").exists()
    assert gen.main(["exercises", "--root", str(course)]) == 0
    assert gen.main(["--root", str(course), "--check", "01_demo"]) == 0
    nb = nbformat.read(course / "solutions" / "01_demo.ipynb", as_version=4)
    nb.cells[0].source += "\nA new sentence."
    nbformat.write(nb, course / "solutions" / "01_demo.ipynb")
    assert gen.main(["--root", str(course), "--check"]) == 1
    with pytest.raises(SystemExit, match="no solutions notebook"):
        gen.main(["--root", str(course), "02_missing"])


@pytest.mark.parametrize("bad_source, message", [
    ("x = 1\n### BEGIN SOLUTION\nx = 2\n### END SOLUTION", "no check"),
    ('### BEGIN SOLUTION\nR_kohm = 12.9\n### END SOLUTION\ncheck("demo-double", R_kohm)', "own cell"),
])
def test_authoring_mistakes_are_reported(course, bad_source, message):
    nb = demo_solution()
    nb.cells.insert(2, new_code_cell(bad_source))
    with pytest.raises(gen.AuthoringError, match=message):
        gen.generate(nb)


def test_unknown_id_and_stub_breaking_syntax_are_reported(course):
    nb = demo_solution()
    nb.cells[3].source = 'check("demo-nope", R_kohm)'
    with pytest.raises(gen.AuthoringError, match="not declared"):
        gen.generate(nb)
    nb = demo_solution()
    nb.cells[2].source = "if True:\n### BEGIN SOLUTION\n    R_kohm = 12.9\n### END SOLUTION"
    with pytest.raises(gen.AuthoringError, match="not valid Python"):
        gen.generate(nb)


def test_blank_exercise_runs_and_says_not_answered_while_solution_is_correct(course):
    gen.generate_all(course)
    student = run(nbformat.read(course / "exercises" / "01_demo.ipynb", as_version=4), course)
    solution = run(nbformat.read(course / "solutions" / "01_demo.ipynb", as_version=4), course)
    for nb, verdict in ((student, "… not answered yet"), (solution, "✔ correct")):
        for index in (3, 5):
            outputs = nb.cells[index].outputs
            assert len(outputs) == 1 and outputs[0].output_type == "display_data"  # no Out[], no error
            data = outputs[0].data
            assert data["text/plain"].startswith(verdict)
            assert data[ANSWER_MIMETYPE]["exercise"] == nb.cells[index].source.split('"')[1]
    assert student.cells[3].outputs[0].data[ANSWER_MIMETYPE]["answer"] is None
    again = run(new_notebook(cells=[new_code_cell(REGISTER_CELL),
                                    new_code_cell('r = check("demo-double", lambda x: -2 * x)'),
                                    new_code_cell("r")]), course)
    later = again.cells[2].outputs  # the result shown again in a later cell, without the record
    assert len(later) == 1 and later[0].data["text/plain"].startswith("✘ not quite")
    assert ANSWER_MIMETYPE not in later[0].data
    assert solution.cells[5].outputs[0].data[ANSWER_MIMETYPE]["answer"] == [2.0, 7.0]
