"""Every practice notebook, run top to bottom: the solutions answer every exercise correctly in
a fresh kernel, as a student would run them, and the generated exercise notebooks (the same
cells with the answers blanked) report "not answered yet" for each one (run in this process:
`helpers.homework.solve_notebook`, the cells in one fresh namespace).

The verdicts come from the answer records that `check()` displays, judged again with
`helpers.checks.evaluate_payload` (what the student sees is what the grader would compute).
"""

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from helpers.checks import ANSWER_MIMETYPE, evaluate_payload
from helpers.homework import solve_notebook

ROOT = Path(__file__).resolve().parent.parent
STEMS = sorted(p.stem for p in (ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
CHECK_CALL = re.compile(r"""check\(\s*["']([\w-]+)["']""")


def _checked_ids(nb):
    return sorted({m for c in nb.cells if c.cell_type == "code" for m in CHECK_CALL.findall(c.source)})


def _run(path):
    nb = nbformat.read(path, as_version=4)
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), saved]))
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        os.environ.pop("PYTHONPATH") if saved is None else os.environ.update(PYTHONPATH=saved)
    payloads = [out.data[ANSWER_MIMETYPE] for cell in nb.cells if cell.cell_type == "code"
                for out in cell.get("outputs", []) if ANSWER_MIMETYPE in out.get("data", {})]
    return _checked_ids(nb), {p["exercise"]: evaluate_payload(p) for p in payloads}


def test_every_lesson_has_a_practice_notebook():
    lessons = sorted(p.stem for p in (ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
    assert STEMS == lessons
    assert sorted(p.stem for p in (ROOT / "exercises").glob("[0-9][0-9]_*.ipynb")) == STEMS


@pytest.mark.parametrize("stem", STEMS)
def test_solution_notebook_answers_are_all_correct(stem):
    ids, results = _run(ROOT / "solutions" / f"{stem}.ipynb")
    assert len(ids) >= 3 and sorted(results) == ids
    assert all(r.correct for r in results.values()), {k: r.message for k, r in results.items()}


@pytest.mark.parametrize("stem", STEMS)
def test_exercise_notebook_runs_and_every_check_says_not_answered(stem):
    path = ROOT / "exercises" / f"{stem}.ipynb"
    results = solve_notebook(path)
    assert sorted(results) == _checked_ids(nbformat.read(path, as_version=4))
    assert all(r.status == "not answered" for r in results.values()), \
        {k: r.message for k, r in results.items()}


@pytest.mark.parametrize("folder", ["course", "lessons", "solutions", "exercises"])
def test_notebooks_are_stored_without_outputs(folder):
    for path in sorted((ROOT / folder).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), path
