"""Every variant of every exercise: a checked answer, as hard as the default, solved by the
course's own solutions (run in this process, `helpers.homework.solve_notebook`).

A topic (a module of helpers.exercises) that declares ``PARAMETERS`` must vary each of its
numeric, array and function exercises, except those it lists in ``FIXED_EXERCISES`` with the
reason (an answer no parameter can change, e.g. h/2e²). Choice exercises never vary.
"""

import importlib
from pathlib import Path

import numpy as np
import pytest

from helpers.checks import ChoiceExercise
from helpers.checks.variants import parameters_cell_source, variant
from helpers.exercises import load, load_parameters
from helpers.homework import parameters_cell_index, solve_notebook

import nbformat

ROOT = Path(__file__).resolve().parent.parent
TOPICS = sorted(load_parameters())
STUDENTS = ("ada", "bohr", "curie")
KEY = b"test key of the variants test, never a course's" * 2


def _solutions_notebook(topic):
    module = importlib.import_module(f"helpers.exercises.{topic}")
    name = Path(module.__doc__.split("solutions/")[1].split(")")[0]).name
    return ROOT / "solutions" / name


def _exercises(topic):
    return [ex for ex in load().values() if ex.lesson == topic]


def _fixed(topic):
    return getattr(importlib.import_module(f"helpers.exercises.{topic}"), "FIXED_EXERCISES", {})


def _varied(topic):
    fixed = _fixed(topic)
    return [ex for ex in _exercises(topic)
            if not isinstance(ex, ChoiceExercise) and ex.id not in fixed]


def _values(expected):
    if isinstance(expected, list):
        return [np.asarray(v) for v in expected]
    return [np.asarray(expected)]


@pytest.mark.parametrize("topic", TOPICS)
def test_notebooks_show_the_default_parameters(topic):
    parameters = load_parameters()[topic]
    for folder in ("solutions", "exercises"):
        notebook = nbformat.read(str(ROOT / folder / _solutions_notebook(topic).name), 4)
        index = parameters_cell_index(notebook)
        assert index is not None, f"{folder}: no cell tagged 'parameters'"
        assert notebook.cells[index].source == parameters_cell_source(parameters)


@pytest.mark.parametrize("topic", TOPICS)
def test_fixed_exercises_name_a_reason_and_exist(topic):
    ids = {ex.id for ex in _exercises(topic)}
    for exercise_id, reason in _fixed(topic).items():
        assert exercise_id in ids and len(reason) > 10


@pytest.mark.parametrize("topic", TOPICS)
@pytest.mark.parametrize("student", STUDENTS)
def test_every_variant_has_a_finite_answer_unlike_the_default(topic, student):
    parameters = load_parameters()[topic]
    values = parameters.draw(KEY, student)
    for exercise in _varied(topic):
        default = _values(exercise.expected_value)
        with variant({topic: values}):
            expected = _values(exercise.expected_value)
            assert all(np.all(np.isfinite(v)) for v in expected), exercise.id
            # the default's answer handed in for this variant is wrong
            same = all(np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=exercise.rtol,
                                                                  atol=exercise.atol)
                       for a, b in zip(default, expected))
            assert not same, f"{exercise.id}: variant {values} has the default's answer"


@pytest.mark.parametrize("topic", TOPICS)
def test_the_solutions_solve_a_students_variant(topic):
    parameters = load_parameters()[topic]
    path = _solutions_notebook(topic)
    # one student per topic, a different one from topic to topic (the other variants' answers
    # are checked above; helpers.homework's `key` solves every student's)
    for student in [STUDENTS[TOPICS.index(topic) % len(STUDENTS)]]:
        values = parameters.draw(KEY, student)
        results = solve_notebook(path, values, topic=topic)
        wrong = {i: r.message for i, r in results.items() if r.status != "correct"}
        assert not wrong, f"variant {values}: {wrong}"
        assert set(results) == {ex.id for ex in _exercises(topic)}
