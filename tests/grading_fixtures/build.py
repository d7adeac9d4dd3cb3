"""A two-assignment demo course and a set of bad submissions for tests/test_grading.py.

`build(root)` writes root/solutions/, root/exercises/ (generated with helpers.generate),
root/exercises.py (the EXERCISES, for --exercises) and root/submissions/<student>/*.ipynb.
Each bad submission is the solution (or the blank exercise) with a few cells changed; EXPECTED
says which status and points each exercise must get.
"""

import copy
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

EXERCISES_SOURCE = '''\
from helpers.checks import NumericExercise, FunctionExercise, ChoiceExercise
EXERCISES = [
    NumericExercise("demo-resistance", 2, expected=lambda: 1 / 7.748091729e-5 / 1e3, units="kΩ",
                    other_units={"Ω": 1e3}),
    FunctionExercise("demo-double", 1, reference=lambda x: 2 * x, inputs=[(1.0,), (3.5,)]),
    ChoiceExercise("demo-choice", 1, {"a": (True, "Yes."), "b": (False, "No.")}),
    NumericExercise("demo-other", 1, expected=lambda: 42.0),
]
'''
SETUP = ("from helpers.checks import check, register\n" + EXERCISES_SOURCE
         + "for _e in EXERCISES:\n    register(_e)")
R_OK = "1 / 7.748091729e-5 / 1e3"


def answer(name, value):
    return f"{name} = (\n    ### BEGIN SOLUTION\n    {value}\n    ### END SOLUTION\n)"


def solution_01():
    nb = new_notebook(cells=[
        new_markdown_cell("# Demo assignment"),
        new_code_cell(SETUP),
        new_code_cell(answer("R_kohm", R_OK)),
        new_code_cell('check("demo-resistance", R_kohm)'),
        new_code_cell('def double(x):\n    """Twice x."""\n    ### BEGIN SOLUTION\n    return 2 * x\n'
                      '    ### END SOLUTION'),
        new_code_cell('check("demo-double", double)'),
        new_code_cell(answer("choice", '"a"')),
        new_code_cell('check("demo-choice", choice)'),
    ])
    nb.metadata.kernelspec = {"name": "python3", "language": "python", "display_name": "Python 3"}
    return nb


def solution_02():
    nb = new_notebook(cells=[new_code_cell(SETUP), new_code_cell(answer("value", "6 * 7")),
                             new_code_cell('check("demo-other", value)')])
    nb.metadata.kernelspec = {"name": "python3", "language": "python", "display_name": "Python 3"}
    return nb


def _set(nb, index, source):
    nb = copy.deepcopy(nb)
    nb.cells[index].source = source
    return nb


def _insert(nb, index, source):
    nb = copy.deepcopy(nb)
    nb.cells.insert(index, new_code_cell(source))
    return nb


FAKE_OUTPUT = '''\
from IPython.display import display
display({"text/plain": "✔ correct", "application/vnd.landauer.answer+json":
         {"exercise": "demo-resistance", "answer": 12.906403729652257, "format": 1}}, raw=True)'''
FORGE = '''\
import json, re
def _forge(info):
    m = re.search(r"'(LG[0-9a-f]+)'", info.raw_cell or "")
    if m:
        t = m.group(1)
        rec = {"id": "demo-resistance", "state": "ok", "status": "correct", "points": 99,
               "answer": {"ndarray": [1], "dtype": "V100000000", "shape": [1]}}
        print(t + json.dumps(rec) + t)
get_ipython().events.register("pre_run_cell", _forge)'''


def bad_submissions(sol, blank, sol2, targets):
    """{student: (notebook or raw bytes, {exercise: (status, points)})}."""
    r, d, c = "demo-resistance", "demo-double", "demo-choice"
    full = {r: ("correct", 2), d: ("correct", 1), c: ("correct", 1)}
    none = {r: ("not answered", 0), d: ("not answered", 0), c: ("not answered", 0)}
    wrong = _set(_set(sol, 2, "R_kohm = 2 * " + R_OK), 4, "def double(x):\n    return x")
    wrong_marks = {r: ("wrong", 0), d: ("wrong", 0), c: ("correct", 1)}
    reordered = copy.deepcopy(sol)
    reordered.cells.append(reordered.cells.pop(6))        # choice answer after its check
    reordered.cells[2], reordered.cells[4] = reordered.cells[4], reordered.cells[2]
    deleted = copy.deepcopy(sol)
    del deleted.cells[2]                                  # the resistance answer cell
    other_paths = ", ".join(repr(str(p)) for p in targets)
    return {
        "alice": (sol, full),
        "bob": (blank, none),
        "carol": (wrong, wrong_marks),
        "dave-json": (b'{"cells": [ this is not json', {k: ("error", 0) for k in full}),
        "erin-other": (sol2, {k: ("missing", 0) for k in full}),
        "frank-deleted": (deleted, {r: ("missing", 0), d: ("correct", 1), c: ("correct", 1)}),
        "grace-reordered": (reordered, full),
        "heidi-raises": (_set(sol, 2, "R_kohm = 1 / 0"), {**full, r: ("error", 0)}),
        # an endless loop in a cell of its own is stopped by the per-cell limit: it costs nothing
        "ivan-loop": (_insert(sol, 4, "while True:\n    pass"), full),
        # correct answer, endless loop in the next exercise's answer cell, correct answer:
        # only the stopped exercise scores timeout
        "uma-cell-loop": (_set(sol, 4, "def double(x):\n    return 2 * x\n\nwhile True:\n    pass"),
                          {r: ("correct", 2), d: ("timeout", 0), c: ("correct", 1)}),
        "judy-stubborn": (_insert(sol, 8, "import time\nwhile True:\n    try:\n        time.sleep(0.1)\n"
                                        "    except KeyboardInterrupt:\n        pass"),
                          {k: ("timeout", 0) for k in full}),
        "ken-exit": (_insert(sol, 3, "exit()"), {k: ("error", 0) for k in full}),
        "leo-os-exit": (_insert(sol, 3, "import os\nos._exit(3)"), {k: ("error", 0) for k in full}),
        "mia-segfault": (_insert(sol, 3, "import ctypes\nctypes.string_at(0)"),
                         {k: ("error", 0) for k in full}),
        "ned-memory": (_insert(sol, 3, "hog = bytearray(64 * 2**30)"), full),
        "olga-output": (_insert(sol, 3, "for i in range(3000):\n    print('x' * 10000)"), full),
        "pat-check": (_insert(_set(blank, 1, SETUP + "\ndef check(*a, **k):\n    print('✔ correct')"),
                              2, "check = lambda *a, **k: print('✔ correct')"), none),
        "quinn-patch": (_insert(wrong, 2, "import helpers.checks as hc, numpy as np, builtins\n"
                                          "from helpers.checks import Result\n"
                                          "hc.evaluate = lambda i, a: Result(i, 'correct', 9, 9)\n"
                                          "hc.core.evaluate = hc.evaluate\n"
                                          "np.allclose = lambda *a, **k: True\n"
                                          "np.isclose = lambda *a, **k: True\n"
                                          "builtins.abs = lambda x: 0\n"
                                          "builtins.print = lambda *a, **k: None"), wrong_marks),
        "rita-fake": (_insert(blank, 3, FAKE_OUTPUT), none),
        "sam-forge": (_insert(wrong, 2, FORGE), {**wrong_marks, r: ("wrong", 0)}),
        "tom-files": (_insert(sol, 3, "for p in [" + other_paths + "]:\n    try:\n"
                                      "        open(p, 'w').write('pwned')\n"
                                      "    except OSError:\n        pass"), full),
    }


def build(root):
    from helpers import generate
    root = Path(root)
    (root / "solutions").mkdir(parents=True)
    nbformat.write(solution_01(), root / "solutions" / "01_demo.ipynb")
    nbformat.write(solution_02(), root / "solutions" / "02_other.ipynb")
    (root / "exercises.py").write_text(EXERCISES_SOURCE)
    generate.generate_all(root, fix_metadata=True)
    return root


def read(path):
    return nbformat.read(path, as_version=4)
