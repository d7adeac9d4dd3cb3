"""Assignments, from the instructor's trusted notebooks: their exercises, answer expressions
and points."""

import dataclasses
import json
from pathlib import Path

from ..checks.calls import check_calls

__all__ = ["Spec", "Assignment", "load_assignments"]


@dataclasses.dataclass
class Spec:
    """One exercise of an assignment: id, points and the answer expression of its check cell."""
    id: str
    expression: str
    points: float


@dataclasses.dataclass
class Assignment:
    name: str
    exercises: list

    @property
    def ids(self):
        return [s.id for s in self.exercises]


def load_assignments(source_dirs, exercises=None, warn=None):
    """{assignment name: Assignment} from the notebooks in `source_dirs` (solutions/ first).

    An assignment is a notebook stem ("01_resistance"); its exercises are its check cells, in
    notebook order, with points from the registry (`exercises`, default helpers.checks)."""
    if exercises is None:
        from ..checks import all_exercises
        exercises = all_exercises()
    warn = warn or print
    found = {}
    for folder in source_dirs:
        for path in sorted(Path(folder).glob("*.ipynb")):
            if path.stem in found:
                continue
            try:
                cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            except (OSError, ValueError, KeyError, TypeError) as exc:
                warn(f"warning: skipping assignment {path}: {exc}")
                continue
            specs, seen = [], set()
            for cell in cells:
                if cell.get("cell_type") != "code":
                    continue
                source = cell.get("source", "")
                source = "".join(source) if isinstance(source, list) else source
                for exercise_id, expression in check_calls(source):
                    if exercise_id in seen:
                        continue
                    if exercise_id not in exercises:
                        warn(f"warning: {path}: exercise {exercise_id!r} is not declared in "
                             "helpers/exercises/; not graded")
                        continue
                    seen.add(exercise_id)
                    specs.append(Spec(exercise_id, expression, exercises[exercise_id].points))
            if specs:
                found[path.stem] = Assignment(path.stem, specs)
    return found
