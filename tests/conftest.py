"""Test-session setup shared by the whole suite.

At import (before any test, notebook kernel or Jupyter server starts) every place where
Jupyter, IPython and matplotlib write into $HOME is pointed at one temporary folder made for
this test session, so the suite neither reads a developer's own configuration nor leaves files
behind. Kernelspecs are still found: nbval runs with ``--nbval-current-env`` (the kernel of
this Python), and the environment's own ``share/jupyter`` stays on the Jupyter path.
matplotlib draws with the non-interactive Agg backend in the test process.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="landauer-tests-"))
atexit.register(shutil.rmtree, _SESSION_DIR, ignore_errors=True)

_REDIRECTS = {
    "JUPYTER_CONFIG_DIR": "jupyter-config",
    "JUPYTER_DATA_DIR": "jupyter-data",
    "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "matplotlib",
}
for _variable, _sub in _REDIRECTS.items():
    (_SESSION_DIR / _sub).mkdir(parents=True, exist_ok=True)
    os.environ[_variable] = str(_SESSION_DIR / _sub)
os.environ["MPLBACKEND"] = "Agg"
# One BLAS thread per process: the suite runs two workers (and their kernels) on two cores, and
# a multithreaded BLAS on the small matrices of the physics tests only fights for the cores
# (measured 20-100x slower on a loaded machine). Workers and kernels inherit this.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
# jsonschema's checker of the "iri" format (package rfc3987_syntax) takes 1.5 s of CPU to import
# in every process that reads or serves a notebook; no Jupyter schema uses that format, so the
# processes the tests start (servers, kernels, command lines) leave it out, through the
# stand-in module in tests/no_iri_checker/ (its docstring says more).
_NO_IRI_CHECKER = str(Path(__file__).resolve().parent / "no_iri_checker")
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [_NO_IRI_CHECKER, os.environ.get("PYTHONPATH")]))


@pytest.fixture(scope="session")
def session_home():
    """The temporary folder that holds this session's Jupyter/IPython/matplotlib state."""
    return _SESSION_DIR


# --------------------------------------------------------------------------------------------
# Time of each part of the suite, printed at the end (never asserted: CI shares its machine).
# Budgets are seconds of test time on an idle 2-core machine, summed over the xdist workers;
# a part over its budget is flagged in the table so that it is noticed and made coarser.

import re  # noqa: E402
import time  # noqa: E402

PART_BUDGETS_S = {
    "physics and checks": 180,
    "widgets and explorers": 150,
    "lesson notebooks": 300,
    "practice notebooks": 120,
    "grading": 150,
    "browser": 300,
    "website": 240,
}
#: Each lesson notebook (all its cells under nbval), and each practice notebook pair.
LESSON_BUDGET_S = 25


def _part(nodeid):
    path = nodeid.split("::", 1)[0]
    if path.startswith("tests/browser/"):
        return "browser"
    if path.startswith(("lessons/", "course/")):
        return "lesson notebooks"
    name = path.rsplit("/", 1)[-1]
    if name == "test_site.py":
        return "website"
    if name.startswith("test_grading") or name == "test_nbgrader_route.py":
        return "grading"
    if name in ("test_exercise_notebooks.py", "test_generate_exercises.py"):
        return "practice notebooks"
    if name.startswith(("test_widgets", "test_explorer")):
        return "widgets and explorers"
    return "physics and checks"


def _lesson(nodeid):
    """'07_localization' for a lesson notebook or a practice test of that lesson, else None."""
    match = re.search(r"(?:lessons/|\[)(\d\d_[a-z_]+)", nodeid)
    return match.group(1) if match else None


_TIMES = {"parts": {}, "lessons": {}, "start": time.monotonic()}


def pytest_runtest_logreport(report):
    # with xdist this runs in the controller, once per phase of every test of every worker
    part = _part(report.nodeid)
    seconds, count = _TIMES["parts"].get(part, (0.0, 0))
    _TIMES["parts"][part] = (seconds + report.duration, count + (report.when == "call"))
    lesson = _lesson(report.nodeid)
    if lesson and part in ("lesson notebooks", "practice notebooks"):
        key = (lesson, part)
        _TIMES["lessons"][key] = _TIMES["lessons"].get(key, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter):
    if not _TIMES["parts"] or hasattr(terminalreporter.config, "workerinput"):
        return
    write = terminalreporter.write_line
    terminalreporter.section("time of each part (test seconds, all workers)")
    for part, (seconds, count) in sorted(_TIMES["parts"].items(), key=lambda kv: -kv[1][0]):
        budget = PART_BUDGETS_S.get(part)
        flag = "  OVER BUDGET" if budget and seconds > budget else ""
        write(f"{part:<24} {count:5d} tests {seconds:8.1f} s   (budget {budget} s){flag}")
    for (lesson, part), seconds in sorted(_TIMES["lessons"].items()):
        flag = "  OVER BUDGET" if seconds > LESSON_BUDGET_S else ""
        write(f"  {lesson:<36} {part:<20} {seconds:6.1f} s   (budget {LESSON_BUDGET_S} s){flag}")
    write(f"wall time of the session: {time.monotonic() - _TIMES['start']:.0f} s")
