"""Solve a practice notebook for one variant of its parameters, in this process.

The solutions notebook's code cells run in one fresh namespace with its parameters cell (tag
``parameters``) replaced by the variant's values, inside ``variant(...)`` so that every
``check(...)`` compares with that variant's expected answer. Used for the answer key of each
student and to test that every variant of every exercise is solved by the course's own
solutions. The notebooks are the course's own (trusted) code: nothing here is sandboxed.
"""

import contextlib
import io
import os
from pathlib import Path

import nbformat

from ..checks import core as checks_core
from ..checks.variants import PARAMETERS_TAG, parameters_cell_source, variant

__all__ = ["parameters_cell_index", "set_parameters_cell", "solve_notebook", "topic_of"]


def parameters_cell_index(notebook):
    """Index of the code cell tagged ``parameters`` in `notebook` (nbformat node), or None."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []):
            return index
    return None


def set_parameters_cell(notebook, parameters, values, *, header=None):
    """Write `values` ({name: value}) into the notebook's parameters cell; ValueError without one."""
    index = parameters_cell_index(notebook)
    if index is None:
        raise ValueError(f"the notebook has no code cell tagged {PARAMETERS_TAG!r}; add one "
                         f"with parameters_cell_source(PARAMETERS) after the setup cell")
    notebook.cells[index].source = parameters_cell_source(parameters, values, header=header)
    return notebook


def solve_notebook(path, values=None, *, topic=None, parameters=None):
    """{exercise id: Result} of every check in the solutions notebook `path` for a variant.

    Parameters
    ----------
    path : str or Path
        A solutions notebook (``solutions/NN_topic.ipynb``).
    values : dict, optional
        {name: value} of the notebook's topic (default: the defaults).
    topic : str, optional
        The `helpers.exercises` module whose ``PARAMETERS`` the notebook uses; default: read
        from the exercise ids its checks name.
    parameters : Parameters, optional
        The topic's parameters when they are not a `helpers.exercises` module's (a course
        folder's own exercises, `helpers.homework.course`).
    """
    from ..exercises import load_parameters
    notebook = nbformat.read(str(path), as_version=4)
    parameters = {**load_parameters(), **({parameters.topic: parameters} if parameters else {})}
    if topic is None:
        topic = topic_of(notebook)
        if topic is None:
            raise ValueError(f"{path} checks no known exercise")
    values = dict(values or {})
    if topic in parameters:
        set_parameters_cell(notebook, parameters[topic], values)
    elif values:
        raise ValueError(f"topic {topic!r} declares no PARAMETERS; values={values!r} cannot apply")
    results = {}

    def recording_check(exercise_id, answer):
        result = checks_core.evaluate(exercise_id, answer)
        results[exercise_id] = result
        return result

    namespace = {"__name__": "__main__"}
    os.environ.setdefault("MPLBACKEND", "Agg")
    with variant({topic: values} if values else {}), \
            _patched(checks_core, "check", recording_check), \
            _patched_package_check(recording_check), \
            contextlib.redirect_stdout(io.StringIO()), _chdir(Path(path).resolve().parent):
        for cell in notebook.cells:
            if cell.cell_type != "code":
                continue
            source = _without_magics(cell.source)
            exec(compile(source, f"{path}:cell", "exec"), namespace)
            namespace["check"] = recording_check
    _close_figures()
    return results


def topic_of(notebook):
    """The exercise topic (the module of its exercises) of the first known exercise the
    notebook (nbformat node) checks; None when it checks none."""
    from ..checks.calls import check_calls
    exercises = checks_core.all_exercises()
    for cell in notebook.cells:
        if cell.cell_type == "code":
            for exercise_id, _ in check_calls(cell.source):
                exercise = exercises.get(exercise_id)
                if exercise is not None:
                    return exercise.lesson
    return None


def _without_magics(source):
    return "\n".join(line for line in source.splitlines()
                     if not line.lstrip().startswith(("%", "!")))


@contextlib.contextmanager
def _patched(module, name, value):
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


@contextlib.contextmanager
def _patched_package_check(value):
    from .. import checks
    with _patched(checks, "check", value):
        yield


@contextlib.contextmanager
def _chdir(path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def _close_figures():
    import sys
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
