"""Finding submissions: which files, whose, and which assignment each notebook is.

``DIR/<student>/<notebook>.ipynb`` belongs to <student>; a notebook given on its own, or lying
directly in a given folder, belongs to its parent folder's name when its stem is an assignment
name (``alice/01_resistance.ipynb``), otherwise to its stem (``alice.ipynb``). Hidden files and
folders are skipped. Every file is read into memory (and hashed) before any kernel runs.
"""

import dataclasses
import hashlib
import json
from pathlib import Path

from ..checks.calls import check_calls

__all__ = ["UsageError", "Submission", "discover", "read_all", "changed", "read_notebook", "ids_in",
           "answer_cells", "match_assignment", "MAX_NOTEBOOK_BYTES"]

MAX_NOTEBOOK_BYTES = 50 << 20  # a bigger file is not run


class UsageError(Exception):
    """Bad command line: no such path, no notebooks, no assignments."""


@dataclasses.dataclass
class Submission:
    student: str
    path: Path
    data: bytes = dataclasses.field(repr=False, default=b"")
    sha256: str = ""


def _visible(path, base):
    return not any(part.startswith(".") for part in path.relative_to(base).parts)


def discover(paths, assignment_names=()):
    """[Submission] for notebook files and folders; UsageError for a missing path or none found."""
    names = set(assignment_names)
    found = []
    for given in paths:
        given = Path(given)
        if not given.exists():
            raise UsageError(f"no such file or folder: {given}")
        if given.is_file():
            candidates = [(given, None)]
        else:
            candidates = [(p, given) for p in sorted(given.rglob("*.ipynb"))
                          if p.is_file() and _visible(p, given)]
        for path, base in candidates:
            parts = path.relative_to(base).parts if base is not None else (path.name,)
            if len(parts) > 1:
                student = parts[0]
            else:
                parent = path.resolve().parent.name
                student = parent if (path.stem in names and parent) else path.stem
            found.append(Submission(student, path))
    if not found:
        raise UsageError("no notebooks (*.ipynb) found in " + ", ".join(map(str, paths)))
    return found


def read_all(submissions):
    """Read (and hash) every submitted file; the grader never writes to them."""
    for sub in submissions:
        sub.data = sub.path.read_bytes()
        sub.sha256 = hashlib.sha256(sub.data).hexdigest()
    return submissions


def changed(sub):
    """True when the file no longer holds what was graded."""
    return hashlib.sha256(sub.path.read_bytes()).hexdigest() != sub.sha256


def read_notebook(data):
    """(notebook node, None) or (None, reason)."""
    if len(data) > MAX_NOTEBOOK_BYTES:
        return None, f"the file is larger than {MAX_NOTEBOOK_BYTES >> 20} MB"
    try:
        import nbformat
        nb = nbformat.reads(data.decode("utf-8"), as_version=4)
        nbformat.validate(nb)
        return nb, None
    except UnicodeDecodeError:
        return None, "the file is not text (UTF-8)"
    except json.JSONDecodeError as exc:
        return None, f"the file is not valid JSON (line {exc.lineno}, column {exc.colno})"
    except Exception as exc:  # nbformat's validation and reader errors have many types
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return None, f"the file is not a valid notebook ({text[:160]})"


def ids_in(nb):
    """Exercise ids a submitted notebook holds: nbgrader grade ids and check() calls."""
    ids = set()
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if isinstance(grade_id, str):
            ids.add(grade_id.removesuffix("-answer"))
        if cell.cell_type == "code":
            ids.update(exercise_id for exercise_id, _ in check_calls(cell.source))
    return ids


def answer_cells(nb):
    """{exercise id: index of its answer cell} from the nbgrader grade ids ("<id>-answer")."""
    cells = {}
    for index, cell in enumerate(nb.cells):
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if isinstance(grade_id, str) and grade_id.endswith("-answer"):
            cells.setdefault(grade_id.removesuffix("-answer"), index)
    return cells


def match_assignment(nb, stem, assignments):
    """(assignment name or None, problem or None) for a submitted notebook called `stem`.

    The stem names the assignment when it is one (and the notebook holds some of its exercises);
    otherwise the assignment whose exercise ids the notebook holds most of."""
    ids = ids_in(nb)
    overlap = {name: len(ids & set(a.ids)) for name, a in assignments.items()}
    best = max(overlap, key=lambda n: (overlap[n], n == stem), default=None)
    best = best if best is not None and overlap[best] > 0 else None
    if stem in assignments and overlap[stem] == 0 and best:
        return None, ("other assignment", best)
    name = stem if stem in assignments else best
    if name is None:
        return None, ("unknown", None)
    return name, None
