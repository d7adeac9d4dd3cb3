"""Forbidden callables: a function exercise is not passed with the course's own implementation.

Two independent decisions are tested: `function_violation` (check()/evaluate(), on the function
object) and `source_violation` (the grader, on the submitted code's syntax tree only).
"""

import functools
from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers.checks import evaluate
from helpers.checks.forbidden import function_violation, source_violation

FORBIDDEN = ("helpers.fermi", "helpers.fermi.fermi")
SETUP = "import numpy as np\nfrom helpers.checks import check\n"

CLEAN = """
def occupation(E, mu, kT):
    E = np.asarray(E, dtype=float)
    return 1.0 / (np.exp((E - mu) / kT) + 1.0)
"""

# (label, extra cells, answer expression): each calls helpers' Fermi function somehow
CHEATS = [
    ("direct import", ["from helpers.fermi import fermi\ndef occupation(E, mu, kT):\n"
                       "    return fermi(E, mu, kT)"], "occupation"),
    ("package attribute", ["import helpers\ndef occupation(E, mu, kT):\n"
                           "    return helpers.fermi(E, mu, kT)"], "occupation"),
    ("alias", ["from helpers import fermi as f\ndef occupation(E, mu, kT):\n"
               "    return f(E, mu, kT)"], "occupation"),
    ("module alias", ["import helpers.fermi as hf\nocc = lambda E, mu, kT: hf.fermi(E, mu, kT)"],
     "occupation" if False else "occ"),
    ("submodule chain", ["import helpers\nh = helpers\ng = h.fermi\n"
                         "def occupation(E, mu, kT):\n    return g(E, mu, kT)"], "occupation"),
    ("getattr literal", ["import helpers\ndef occupation(E, mu, kT):\n"
                         "    return getattr(helpers, 'fermi')(E, mu, kT)"], "occupation"),
    ("default argument", ["import helpers\ndef occupation(E, mu, kT, f=helpers.fermi):\n"
                          "    return f(E, mu, kT)"], "occupation"),
    ("closure", ["import helpers\ndef make():\n    f = helpers.fermi\n"
                 "    def inner(E, mu, kT):\n        return f(E, mu, kT)\n    return inner\n"
                 "occupation = make()"], "occupation"),
    ("helper function", ["from helpers import fermi\ndef _core(E, mu, kT):\n"
                         "    return fermi(E, mu, kT)\n",
                         "def occupation(E, mu, kT):\n    return _core(E, mu, kT)"], "occupation"),
    ("import inside", ["def occupation(E, mu, kT):\n    from helpers.fermi import fermi\n"
                       "    return fermi(E, mu, kT)"], "occupation"),
    ("exercise module", ["from helpers.exercises import reservoirs\n"
                         "def occupation(E, mu, kT):\n"
                         "    return reservoirs.EXERCISES[0].reference(E, mu, kT)"], "occupation"),
    ("check layer", ["from helpers.checks import get_exercise\n"
                     "def occupation(E, mu, kT):\n"
                     "    return get_exercise('fermi-function').reference(E, mu, kT)"],
     "occupation"),
    ("lambda answer", ["from helpers import fermi"], "lambda E, mu, kT: fermi(E, mu, kT)"),
    # the last binding counts: a clean fermi replaced by the course's in a later cell
    ("rebound later", ["def fermi(E, mu, kT):\n    return 1 / (np.exp((E - mu) / kT) + 1)\n"
                       "def occupation(E, mu, kT):\n    return fermi(E, mu, kT)",
                       "from helpers.fermi import fermi"], "occupation"),
    ("conditional import", ["def occupation(E, mu, kT):\n    return fermi(E, mu, kT)",
                            "try:\n    from helpers import fermi\nexcept ImportError:\n"
                            "    fermi = None"], "occupation"),
    ("callable class", ["import helpers\nclass Occ:\n    def __call__(self, E, mu, kT):\n"
                        "        return helpers.fermi(E, mu, kT)\noccupation = Occ()"],
     "occupation"),
]

UNRESOLVABLE = [
    ("computed getattr", ["import helpers\nname = 'fer' + 'mi'\ndef occupation(E, mu, kT):\n"
                          "    return getattr(helpers, name)(E, mu, kT)"], "getattr"),
    ("exec", ["def occupation(E, mu, kT):\n    ns = {}\n"
              "    exec('from helpers import fermi as f', ns)\n    return ns['f'](E, mu, kT)"],
     "exec"),
    ("eval", ["def occupation(E, mu, kT):\n    return eval('helpers.fermi')(E, mu, kT)"], "eval"),
    ("importlib", ["import importlib\ndef occupation(E, mu, kT):\n"
                   "    return importlib.import_module('helpers').fermi(E, mu, kT)"],
     "importlib"),
    ("__import__", ["def occupation(E, mu, kT):\n    return __import__('helpers').fermi(E, mu, kT)"],
     "__import__"),
    ("globals", ["from helpers import fermi\ndef occupation(E, mu, kT):\n"
                 "    return globals()['fer' + 'mi'](E, mu, kT)"], "globals"),
    ("sys.modules", ["import sys\ndef occupation(E, mu, kT):\n"
                     "    return sys.modules['helpers'].fermi(E, mu, kT)"], "modules"),
    ("__dict__", ["import helpers\ndef occupation(E, mu, kT):\n"
                  "    return helpers.__dict__['fermi'](E, mu, kT)"], "__dict__"),
    ("own module", ["import mystuff\ndef occupation(E, mu, kT):\n"
                    "    return mystuff.f(E, mu, kT)"], "mystuff"),
    ("undefined name", ["def occupation(E, mu, kT):\n    return magic(E, mu, kT)"], "magic"),
    ("course tool", ["import helpers.grading.worker as w\ndef occupation(E, mu, kT):\n"
                     "    return w.run(E)"], "course tool"),
    ("monkeypatched numpy", ["import helpers\nnp.exp = helpers.fermi\n"
                             "def occupation(E, mu, kT):\n    return np.exp(E, mu, kT)"], "numpy.exp"),
    ("setattr on a module", ["import math\nimport helpers\n"
                             "setattr(math, 'cos', helpers.fermi)\n"
                             "def occupation(E, mu, kT):\n    return math.cos(E, mu, kT)"], "math"),
]


@pytest.mark.parametrize("label, cells, expression", CHEATS, ids=[c[0] for c in CHEATS])
def test_source_check_finds_the_course_function(label, cells, expression):
    message = source_violation([SETUP] + cells, expression, FORBIDDEN)
    assert message and "write that calculation yourself" in message, (label, message)


@pytest.mark.parametrize("label, cells, why", UNRESOLVABLE, ids=[c[0] for c in UNRESOLVABLE])
def test_source_check_refuses_what_it_cannot_resolve(label, cells, why):
    message = source_violation([SETUP] + cells, "occupation", FORBIDDEN)
    assert message and "cannot tell" in message and why in message, (label, message)


CLEAN_VARIANTS = [
    [CLEAN],
    # the lesson's own import of helpers' fermi, shadowed by the student's definition
    ["from helpers.fermi import fermi", "def fermi(E, mu, kT):\n"
     "    return 1.0 / (np.exp((np.asarray(E) - mu) / kT) + 1.0)", "occupation = fermi"],
    # other helpers are allowed, a local variable named like the course function too
    ["import helpers\nfrom scipy.special import expit\nimport math\n"
     "def occupation(E, mu, kT):\n    fermi = expit(-(np.asarray(E) - mu) / kT)\n"
     "    scale = math.sqrt(1.0) * helpers.constants.G0 / helpers.constants.G0\n"
     "    return fermi * scale"],
    # IPython syntax in other cells
    ["%matplotlib inline\n" + CLEAN, "!echo hi"],
    # a helper function and a comprehension
    ["def _one(x):\n    return 1.0 / (np.exp(x) + 1.0)\n"
     "def occupation(E, mu, kT):\n    return np.array([_one((e - mu) / kT) for e in np.ravel(E)])"],
]


@pytest.mark.parametrize("cells", CLEAN_VARIANTS)
def test_source_check_accepts_a_student_implementation(cells):
    assert source_violation([SETUP] + cells, "occupation", FORBIDDEN) is None


# --- the function object (check / evaluate) ------------------------------------------------

def _namespace(*cells):
    ns = {}
    exec(SETUP, ns)
    for cell in cells:
        exec(cell, ns)
    return ns


@pytest.mark.parametrize("label, cells, expression",
                         [c for c in CHEATS if c[0] not in ("import inside",)],
                         ids=[c[0] for c in CHEATS if c[0] not in ("import inside",)])
def test_function_check_finds_the_course_function(label, cells, expression):
    ns = _namespace(*cells)
    answer = eval(expression, ns)
    message = function_violation(answer, FORBIDDEN)
    assert message and "write that calculation yourself" in message, (label, message)
    result = evaluate("fermi-function", answer)
    assert result.status == "wrong" and result.points == 0


def test_function_check_finds_partials_and_callable_objects():
    assert function_violation(functools.partial(helpers.fermi, mu=0.0), FORBIDDEN)

    class Occupation:
        def __init__(self):
            self.f = helpers.fermi

        def __call__(self, E, mu, kT):
            return self.f(E, mu, kT)

    assert function_violation(Occupation(), FORBIDDEN)
    assert function_violation(helpers.fermi, FORBIDDEN)


def test_function_check_accepts_a_student_implementation():
    for cells in CLEAN_VARIANTS[:3]:
        ns = _namespace(*cells)
        answer = ns.get("occupation")
        assert function_violation(answer, FORBIDDEN) is None
    ns = _namespace(CLEAN)
    with np.errstate(all="ignore"):
        assert evaluate("fermi-function", ns["occupation"]).message != ""


def test_function_check_refuses_exec():
    ns = _namespace(UNRESOLVABLE[1][1][0])
    assert "cannot tell" in function_violation(ns["occupation"], FORBIDDEN)


# --- the grader: decided from the submitted notebook, whatever the kernel claims -----------

def _graded_row(cells, expression="occupation"):
    """The grader's row for exercise fermi-function when the kernel claims correct outputs."""
    import nbformat

    from helpers.checks import encode, get_exercise
    from helpers.grading.assignments import Assignment, Spec
    from helpers.grading.judging import rows_for
    from helpers.grading.layouts import Submission

    exercise = get_exercise("fermi-function")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in [SETUP] + cells]
                                  + [nbformat.v4.new_code_cell(
                                      f'check("fermi-function", {expression})')])
    submission = Submission("mallory", Path("02_reservoirs.ipynb"), nbformat.writes(nb).encode("utf-8"))
    claimed = encode(exercise.expected_value)  # a kernel that says: these are my outputs
    outcome = {"kind": "finished", "message": "", "answer_cells": {"fermi-function": len(cells)},
               "stopped": {}, "extract_stopped": {}, "errors": {}, "end_cell": None,
               "records": {"fermi-function": {"id": "fermi-function", "state": "ok",
                                              "answer": claimed}}}
    spec = Spec("fermi-function", expression, exercise.points)
    [row] = rows_for(submission, Assignment("02_reservoirs", [spec]), outcome)
    return row


@pytest.mark.parametrize("label, cells, expression", CHEATS[:8], ids=[c[0] for c in CHEATS[:8]])
def test_grader_scores_the_course_function_zero(label, cells, expression):
    row = _graded_row(cells, expression)
    assert row["status"] == "wrong" and row["points"] == 0
    assert "write that calculation yourself" in row["feedback"]


def test_grader_refuses_unresolvable_code_and_accepts_a_clean_answer():
    row = _graded_row(UNRESOLVABLE[1][1])  # exec
    assert row["status"] == "wrong" and "cannot tell" in row["feedback"]
    row = _graded_row([CLEAN])
    assert row["status"] == "correct" and row["points"] == 2
