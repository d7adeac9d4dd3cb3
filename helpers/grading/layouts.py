"""Finding submissions: which files, whose, and which assignment each notebook is.

Layouts understood (hidden files and folders are skipped):

- ``DIR/<student>/<notebook>.ipynb``;
- nbgrader's ``submitted/<student>/<assignment>/<notebook>.ipynb`` (give ``submitted/``, the
  nbgrader course folder holding it, or one student's ``submitted/<student>``);
- Canvas's flat export ``DIR/<name>[_LATE]_<id>_<id>_<notebook>.ipynb``: the student is
  <name>, or the roster's student whose ``lms_id`` is the first <id>; ``_LATE`` marks the
  submission late; a ``-N`` Canvas appends to a resubmitted file name is dropped;
- a notebook given on its own, or lying directly in a given folder, belongs to its parent
  folder's name when its stem is an assignment name (``alice/01_resistance.ipynb``), otherwise
  to its stem (``alice.ipynb``).

Every file is read into memory (and hashed) before any kernel runs.
"""

import dataclasses
import hashlib
import json
import re
from pathlib import Path

from ..checks.calls import check_calls

__all__ = ["UsageError", "Submission", "discover", "parse_canvas", "shard_of", "in_shard",
           "read_all", "changed", "read_notebook", "ids_in", "answer_cells", "match_assignment",
           "MAX_NOTEBOOK_BYTES"]

MAX_NOTEBOOK_BYTES = 50 << 20  # a bigger file is not run


class UsageError(Exception):
    """Bad command line: no such path, no notebooks, no assignments."""


@dataclasses.dataclass
class Submission:
    student: str
    path: Path
    data: bytes = dataclasses.field(repr=False, default=b"")
    sha256: str = ""
    late: bool = False
    notebook: str = ""  # the notebook's name as handed in (Canvas prefix removed); default: stem

    def __post_init__(self):
        self.notebook = self.notebook or Path(self.path).stem


#: <name>[_LATE]_<id>_<id>_<notebook>: Canvas's "download submissions" file names
CANVAS = re.compile(r"(?P<name>[^_]+?)(?P<late>_LATE)?_(?P<user>\d+)_(?P<submission>\d+)_"
                    r"(?P<notebook>.+)")


def parse_canvas(stem, lms_ids=None):
    """(student, notebook, late) of a Canvas file stem, or None when it is not one.

    `lms_ids` maps a roster's LMS ids to student ids; the student is the one whose lms_id is the
    Canvas user id (the first <id>), else <name>. The ``-N`` Canvas appends to a resubmitted
    file's name is dropped from the notebook name."""
    match = CANVAS.fullmatch(stem)
    if match is None:
        return None
    student = (lms_ids or {}).get(match["user"], match["name"])
    notebook = re.sub(r"-\d+$", "", match["notebook"])
    return student, notebook, bool(match["late"])


def shard_of(student, n):
    """0-based slice (of `n`) of a student: a hash of the id, so it never depends on who else
    handed in or in which order."""
    return int.from_bytes(hashlib.sha256(student.encode("utf-8")).digest()[:8], "big") % n


def in_shard(submissions, k, n):
    """The submissions of the k-th (1-based) of n disjoint slices of the students."""
    return [s for s in submissions if shard_of(s.student, n) == k - 1]


def _visible(path, base):
    return not any(part.startswith(".") for part in path.relative_to(base).parts)


def discover(paths, assignment_names=(), lms_ids=None):
    """[Submission] for notebook files and folders; UsageError for a missing path or none found.

    `lms_ids` ({lms id: student}) names Canvas submissions by the roster's student ids."""
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
            if len(parts) > 2 and parts[0] == "submitted":  # a course folder (nbgrader's)
                parts = parts[1:]
            elif len(parts) == 2 and base.resolve().parent.name == "submitted":
                parts = (base.name, *parts)  # one student's folder of nbgrader's submitted/
            elif parts[0] in NBGRADER_OTHER and (base / "submitted").is_dir():
                continue  # source/, release/, autograded/, feedback/ of an nbgrader course
            canvas = parse_canvas(path.stem, lms_ids) if len(parts) == 1 else None
            if canvas:
                student, notebook, late = canvas
                found.append(Submission(student, path, late=late, notebook=notebook))
                continue
            if len(parts) > 1:
                student = parts[0]
            else:
                parent = path.resolve().parent.name
                student = parent if (path.stem in names and parent) else path.stem
            found.append(Submission(student, path))
    if not found:
        raise UsageError("no notebooks (*.ipynb) found in " + ", ".join(map(str, paths)))
    return found


NBGRADER_OTHER = frozenset({"source", "release", "autograded", "feedback"})


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
