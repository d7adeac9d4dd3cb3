"""Judging, in the grader's own process: the status, points and feedback of every exercise.

Expected answers are computed (`prepare_exercises`) before any student code runs; a claimed raw
answer is validated at the trust boundary and judged with ``helpers.checks.evaluate_payload``.
"""

import json

from ..checks.core import Result
from ..checks.statuses import ERROR, MISSING, NOT_ANSWERED, TIMEOUT, WRONG
from .boundary import claimed_raw_answer
from .limits import describe

__all__ = ["judge", "prepare_exercises", "rows_for", "code_cells", "forbidden_in_source"]


def judge(exercise_id, encoded):
    """helpers.checks.Result for an encoded raw answer claimed by a submission."""
    from ..checks import evaluate_payload, get_exercise
    answer = claimed_raw_answer(get_exercise(exercise_id), encoded)
    return evaluate_payload({"exercise": exercise_id, "answer": answer})


def prepare_exercises(assignments):
    """Compute every expected answer (and hint) before any student code runs."""
    from ..checks import get_exercise, FunctionExercise
    for assignment in assignments:
        for spec in assignment.exercises:
            exercise = get_exercise(spec.id)
            try:
                # computed once here (cached on the exercise), before any worker starts
                if isinstance(exercise, FunctionExercise):
                    _ = exercise.inputs
                _ = exercise.expected_value
                judge(spec.id, None)
            except Exception:  # a broken exercise is reported when it is judged
                pass


def code_cells(submission):
    """The code cells' sources of a submitted notebook (its bytes, read before any code ran)."""
    try:
        cells = json.loads(submission.data.decode("utf-8"))["cells"]
    except (AttributeError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return []
    sources = []
    for cell in cells if isinstance(cells, list) else []:
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", "")
            source = "".join(s for s in source if isinstance(s, str)) if isinstance(
                source, list) else source
            if isinstance(source, str):
                sources.append(source)
    return sources


def forbidden_in_source(submission, spec):
    """The message when the submitted code behind a function exercise's answer calls a forbidden
    course callable or cannot be resolved (`helpers.checks.forbidden.source_violation`), else
    None. Decided from the notebook's syntax tree in this process: the kernel is not asked."""
    from ..checks import get_exercise, FunctionExercise
    from ..checks.forbidden import source_violation
    exercise = get_exercise(spec.id)
    if not isinstance(exercise, FunctionExercise):
        return None
    return source_violation(code_cells(submission), spec.expression, exercise.forbidden)


def _cell(index):
    return f"cell {index + 1}"


def _timeout(spec, outcome):
    """Feedback when a time limit decides this exercise, else None."""
    answer_cell = outcome["answer_cells"].get(spec.id)
    stop = outcome["stopped"].get(answer_cell) if answer_cell is not None else None
    if stop is not None:
        text = (f"Your answer cell ({_cell(answer_cell)}) did not finish within "
                f"{describe(stop)}, and was stopped.")
        if stop.get("killed"):
            text += (" It ignored the interrupt, so the grader stopped the Python kernel: the "
                     "cells after it did not run.")
        return text
    if outcome["kind"] == "killed":
        return outcome["message"]
    end = outcome.get("end_cell")
    if outcome["kind"] == "budget" and (answer_cell is None or answer_cell >= end):
        return outcome["message"]
    stop = outcome["extract_stopped"].get(spec.id)
    if stop is not None:
        return (f"Reading your answer (for a function: calling it at the checker's inputs) did "
                f"not finish within {describe(stop)}, and was stopped (an endless loop in your "
                "function?).")
    return None


def rows_for(submission, assignment, outcome):
    """Rows (dicts) of one student's assignment from the worker's outcome."""
    kind = outcome["kind"]
    rows = []
    for spec in assignment.exercises:
        row = {"student": submission.student, "assignment": assignment.name, "exercise": spec.id,
               "points": 0, "max_points": spec.points}
        rows.append(row)
        if kind in ("unreadable", "not run"):
            row.update(status=ERROR, feedback=outcome["message"])
            continue
        if kind in ("absent", "other assignment"):
            row.update(status=MISSING, feedback=outcome["message"])
            continue
        if kind == "wall":  # stopped by the wall-clock backstop, twice
            row.update(status=TIMEOUT, feedback=outcome["message"])
            continue
        stopped = _timeout(spec, outcome)
        if stopped:
            row.update(status=TIMEOUT, feedback=stopped)
            continue
        record = outcome["records"].get(spec.id)
        state = record.get("state") if record else None
        name = spec.expression
        if state == "ok":
            result = judge(spec.id, record.get("answer"))
            violation = forbidden_in_source(submission, spec)
            if violation:  # decided here from the submitted code, whatever the kernel said
                result = Result(spec.id, WRONG, 0, result.max_points, violation)
            row.update(status=result.status, points=result.points, feedback=result.verdict())
            if outcome["message"]:
                row["feedback"] += " (" + outcome["message"] + ")"
        elif state in ("raised", "interrupted"):
            detail = record.get("detail") or "KeyboardInterrupt"
            row.update(status=ERROR, feedback=f"Reading `{name}` raised {detail}.")
        elif state == "undefined":
            answer_cell = outcome["answer_cells"].get(spec.id)
            error = outcome["errors"].get(answer_cell) if answer_cell is not None else None
            if error:
                row.update(status=ERROR, feedback=f"Your answer cell raised {error}.")
            elif answer_cell is None:
                row.update(status=MISSING, feedback=(
                    f"The answer cell of this exercise is not in your notebook (deleted?), and "
                    f"`{name}` is not defined at its end."))
            else:
                row.update(status=NOT_ANSWERED, feedback=(
                    f"`{name}` is not defined at the end of your notebook: keep the name the "
                    "exercise gives."))
        elif outcome.get("extract_failed"):
            row.update(status=ERROR, feedback=(
                "The Python kernel stopped while the grader read your answers (exit(), a crash "
                "or too much memory in your function?)."))
        else:
            row.update(status=ERROR, feedback=(
                "Your answers could not be read: the grader's cell printed nothing (did your "
                "notebook replace print, sys.stdout or helpers?)."))
    return rows
