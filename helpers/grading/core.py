"""The grader: find submissions, run each in its own sandboxed kernel, judge, write the CSV."""

import ast
import csv
import dataclasses
import hashlib
import io
import json
import math
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

__all__ = ["UsageError", "Assignment", "Submission", "load_assignments", "discover", "grade",
           "write_csv", "COLUMNS", "STATUSES", "TOTAL"]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
COLUMNS = ("student", "assignment", "exercise", "points", "max_points", "status", "feedback")
CORRECT, WRONG, NOT_ANSWERED, ERROR, TIMEOUT, MISSING = (
    "correct", "wrong", "not answered", "error", "timeout", "missing")
STATUSES = (CORRECT, WRONG, NOT_ANSWERED, ERROR, TIMEOUT, MISSING)
TOTAL = "TOTAL"
OUTPUT_CAP = 1_000_000        # characters of cell output kept per notebook
EXTRACT_CAP = 5_000_000       # characters read from the extraction cell
MAX_NOTEBOOK_BYTES = 50 << 20  # a bigger file is not run
EXTRACT_TIMEOUT = 15          # seconds for the grader's own cell (it calls student functions)
MARGIN = 60                   # seconds of kernel start and shutdown on top of the limits


class UsageError(Exception):
    """Bad command line: no such path, no notebooks, no assignments."""


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


@dataclasses.dataclass
class Submission:
    student: str
    path: Path
    data: bytes = dataclasses.field(repr=False, default=b"")
    sha256: str = ""


# ---- assignments (from the instructor's trusted notebooks) ---------------------------------------

def _check_calls(source):
    """[(exercise id, answer expression)] of the check("id", answer) calls in a code cell."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
        source = TransformerManager().transform_cell(source)
    except Exception:
        pass
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        args = list(node.args) + [k.value for k in node.keywords if k.arg in ("exercise_id", "answer")]
        if name == "check" and len(args) >= 2 and isinstance(args[0], ast.Constant) \
                and isinstance(args[0].value, str):
            calls.append((args[0].value, ast.unparse(args[1])))
    return calls


def load_assignments(source_dirs, exercises=None, warn=None):
    """{assignment name: Assignment} from the notebooks in `source_dirs` (solutions/ first).

    An assignment is a notebook stem ("01_resistance"); its exercises are its check cells, in
    notebook order, with points from the registry (`exercises`, default helpers.checks)."""
    if exercises is None:
        from ..checks import all_exercises
        exercises = all_exercises()
    found = {}
    for folder in source_dirs:
        for path in sorted(Path(folder).glob("*.ipynb")):
            if path.stem in found:
                continue
            try:
                nb = json.loads(path.read_text(encoding="utf-8"))
                cells = nb["cells"]
            except Exception as exc:
                (warn or print)(f"warning: skipping assignment {path}: {exc}")
                continue
            specs, seen = [], set()
            for cell in cells:
                if cell.get("cell_type") != "code":
                    continue
                source = cell.get("source", "")
                source = "".join(source) if isinstance(source, list) else source
                for exercise_id, expression in _check_calls(source):
                    if exercise_id in seen:
                        continue
                    if exercise_id not in exercises:
                        (warn or print)(f"warning: {path}: exercise {exercise_id!r} is not "
                                        "declared in helpers/exercises/; not graded")
                        continue
                    seen.add(exercise_id)
                    specs.append(Spec(exercise_id, expression, exercises[exercise_id].points))
            if specs:
                found[path.stem] = Assignment(path.stem, specs)
    return found


# ---- submissions --------------------------------------------------------------------------------

def _visible(path, base):
    return not any(part.startswith(".") for part in path.relative_to(base).parts)


def discover(paths, assignment_names=()):
    """[Submission] for notebook files and folders; UsageError for a missing path or none found.

    ``DIR/<student>/<notebook>.ipynb`` belongs to <student>; a notebook given on its own, or
    lying directly in a given folder, belongs to its parent folder's name when its stem is an
    assignment name (``alice/01_resistance.ipynb``), otherwise to its stem (``alice.ipynb``)."""
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


def _read_notebook(data):
    """(notebook dict, None) or (None, reason)."""
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
    except Exception as exc:
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return None, f"the file is not a valid notebook ({text[:160]})"


def _ids_in(nb):
    ids = set()
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if isinstance(grade_id, str):
            ids.add(grade_id.removesuffix("-answer"))
        if cell.cell_type == "code":
            ids.update(m.group(2) for m in re.finditer(r"""\bcheck\(\s*(['"])([^'"]+)\1""",
                                                       cell.source))
    return ids


# ---- the grader's cell, run last in the student's kernel ----------------------------------------

EXTRACTION = '''\
def __landauer_grader(specs, token, ns):
    import contextlib, json, sys
    out = sys.stdout
    class Null:
        def write(self, text):
            return len(text)
        def flush(self):
            pass
    try:
        from helpers.checks import get_exercise, encode
        problem = None
    except BaseException as exc:
        problem = "helpers.checks could not be imported: %s: %s" % (type(exc).__name__, exc)
    for exercise_id, expression in specs:
        record = {"id": exercise_id}
        try:
            if problem:
                raise RuntimeError(problem)
            with contextlib.redirect_stdout(Null()), contextlib.redirect_stderr(Null()):
                try:
                    value = eval(expression, ns)
                except NameError as exc:
                    record.update(state="undefined", detail=str(exc)[:300])
                else:
                    raw = get_exercise(exercise_id).collect(value)
                    record.update(state="ok", answer=encode(raw))
            text = json.dumps(record)
        except BaseException as exc:
            record = {"id": exercise_id, "state": "raised",
                      "detail": ("%s: %s" % (type(exc).__name__, exc))[:300]}
            text = json.dumps(record)
        out.write("\\n" + token + text + token + "\\n")
        out.flush()
__landauer_grader(%(specs)r, %(token)r, globals())
del __landauer_grader
'''


def extraction_cell(assignment, token):
    specs = [(s.id, s.expression) for s in assignment.exercises]
    return EXTRACTION.replace("%(specs)r", repr(specs)).replace("%(token)r", repr(token))


def parse_records(text, token):
    """{exercise id: record} from the extraction cell's text; the first record of an id counts."""
    records = {}
    for match in re.finditer(re.escape(token) + r"(.*?)" + re.escape(token), text, re.S):
        try:
            record = json.loads(match.group(1))
        except (ValueError, RecursionError):
            continue
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            records.setdefault(record["id"], record)
    return records


# ---- judging, in the grader's own process -------------------------------------------------------

def _safe(data, depth=0):
    """True when `data` is a plain answer record (no odd dtypes, no giant integers)."""
    if depth > 40:
        return False
    if data is None or isinstance(data, (bool, str, float)):
        return not isinstance(data, str) or len(data) <= 100_000
    if isinstance(data, int):
        return abs(data) < 2 ** 63
    if isinstance(data, list):
        return all(_safe(v, depth + 1) for v in data)
    if not isinstance(data, dict):
        return False
    keys = set(data)
    if keys == {"float"}:
        return data["float"] in ("nan", "inf", "-inf")
    if keys == {"complex"}:
        return isinstance(data["complex"], list) and len(data["complex"]) == 2 \
            and _safe(data["complex"], depth + 1)
    if keys == {"ndarray", "dtype", "shape"}:
        import numpy as np
        try:
            dtype = np.dtype(data["dtype"])
        except Exception:
            return False
        return dtype.kind in "biufc" and dtype.itemsize <= 16 and isinstance(data["shape"], list) \
            and _safe(data["ndarray"], depth + 1)
    if keys == {"ellipsis"}:
        return data["ellipsis"] is True
    if keys <= {"problem", "detail"} and "problem" in keys:
        return all(isinstance(v, str) and len(v) < 1000 for v in data.values())
    return False


def judge(exercise_id, encoded):
    """helpers.checks.Result for an encoded raw answer claimed by a submission."""
    from ..checks import evaluate_payload, get_exercise, encode, decode, FunctionExercise
    from ..checks.answers import Problem
    from ..checks.kinds import to_number_or_array
    exercise = get_exercise(exercise_id)
    try:
        if not _safe(encoded):
            raise ValueError("not a plain value")
        raw = decode(encoded)
        if isinstance(exercise, FunctionExercise):
            if raw is not None and not isinstance(raw, Problem):
                if not isinstance(raw, list) or len(raw) != len(exercise.inputs):
                    raise ValueError("not one result per input")
                raw = [o if o is None or isinstance(o, Problem) else to_number_or_array(o)
                       for o in raw]
        elif not isinstance(raw, Problem):
            raw = exercise.collect(raw)
        encoded = encode(raw)
    except Exception as exc:
        encoded = {"problem": "unreadable", "detail": f"an answer record ({exc})"}
    return evaluate_payload({"exercise": exercise_id, "answer": encoded})


def _prepare_exercises(assignments):
    """Compute every expected answer (and hint) before any student code runs."""
    from ..checks import get_exercise, FunctionExercise
    for assignment in assignments:
        for spec in assignment.exercises:
            exercise = get_exercise(spec.id)
            try:
                if isinstance(exercise, FunctionExercise):
                    exercise.inputs
                exercise.expected_value
                judge(spec.id, None)
            except Exception:
                pass


def _fmt(points):
    return f"{points:g}"


def _rows_for(submission, assignment, outcome):
    """Rows (dicts) of one student's assignment from the worker's outcome."""
    kind = outcome["kind"]
    rows = []
    for spec in assignment.exercises:
        row = {"student": submission.student, "assignment": assignment.name, "exercise": spec.id,
               "points": 0, "max_points": spec.points}
        record = outcome.get("records", {}).get(spec.id)
        if kind in ("unreadable", "not run"):
            row.update(status=ERROR, feedback=outcome["message"])
        elif kind in ("absent", "other assignment"):
            row.update(status=MISSING, feedback=outcome["message"])
        elif record is None or record.get("state") not in ("ok", "undefined", "raised"):
            status = TIMEOUT if kind == "timeout" or outcome.get("extract_failed") == \
                "CellTimeoutError" else ERROR
            row.update(status=status, feedback=outcome["message"] if kind != "finished" else (
                "Checking your answer did not finish in time (an endless loop in your "
                "function?)." if status == TIMEOUT else
                "Your answers could not be read: the grader's last cell printed nothing (did "
                "your notebook replace print, sys.stdout or helpers?)."))
        elif record["state"] == "ok":
            result = judge(spec.id, record.get("answer"))
            row.update(status=result.status, points=result.points, feedback=result.verdict())
            if kind != "finished":
                row["feedback"] += " (" + outcome["message"] + ")"
        else:
            answer_cell = outcome["answer_cells"].get(spec.id)
            error = outcome["errors"].get(str(answer_cell)) if answer_cell is not None else None
            name = spec.expression
            if kind == "timeout":
                row.update(status=TIMEOUT, feedback=outcome["message"])
            elif record["state"] == "raised":
                row.update(status=ERROR, feedback=f"Reading `{name}` raised {record.get('detail')}.")
            elif error:
                row.update(status=ERROR, feedback=f"Your answer cell raised {error}.")
            elif answer_cell is None:
                row.update(status=MISSING, feedback=(
                    f"The answer cell of this exercise is not in your notebook (deleted?), and "
                    f"`{name}` is not defined at its end."))
            else:
                row.update(status=NOT_ANSWERED, feedback=(
                    f"`{name}` is not defined at the end of your notebook: keep the name the "
                    "exercise gives."))
        rows.append(row)
    return rows


# ---- running the workers ------------------------------------------------------------------------

class _Progress:
    def __init__(self, total, enabled):
        self.total, self.enabled, self.start, self.done = total, enabled, time.monotonic(), 0

    def step(self):
        self.done += 1
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.start
        left = elapsed / self.done * (self.total - self.done)
        sys.stderr.write(f"\rgraded {self.done}/{self.total}, about {left:.0f} s left   ")
        if self.done == self.total:
            sys.stderr.write(f"\rgraded {self.total}/{self.total} in {elapsed:.0f} s"
                             + " " * 20 + "\n")
        sys.stderr.flush()


def _progress_default():
    return sys.stderr.isatty() and not os.environ.get("CI")


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        pass


class _Run:
    """One submission's worker process."""

    def __init__(self, item, private, settings):
        self.item = item
        self.dir = Path(tempfile.mkdtemp(prefix="run-", dir=private))
        job = {"notebook": item["text"], "box": str(self.dir / "box"),
               "extraction": item["extraction"], "timeout": settings["timeout"],
               "extract_timeout": EXTRACT_TIMEOUT, "memory_mb": settings["memory_mb"],
               "output_cap": OUTPUT_CAP, "extract_cap": EXTRACT_CAP,
               "keep_notebook": settings["keep_notebook"],
               "packages": {"helpers": str(ROOT / "helpers")},
               "pidfile": str(self.dir / "kernel.pid")}
        (self.dir / "job.json").write_text(json.dumps(job))
        self.result_path = self.dir / "result.json"
        self.log = open(self.dir / "worker.log", "wb")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER_", "IPYTHON"))}
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "worker.py"), str(self.dir / "job.json"),
             str(self.result_path)], stdin=subprocess.DEVNULL, stdout=self.log,
            stderr=subprocess.STDOUT, start_new_session=True, env=env, cwd=str(self.dir))
        self.deadline = time.monotonic() + settings["timeout"] + EXTRACT_TIMEOUT + MARGIN
        self.killed = False

    def poll(self):
        if self.proc.poll() is not None:
            return True
        if time.monotonic() > self.deadline:
            self.kill()
            return True
        return False

    def kill(self):
        self.killed = True
        _kill_group(self.proc.pid)
        try:
            _kill_group(int((self.dir / "kernel.pid").read_text()))
        except (OSError, ValueError):
            pass
        self.proc.wait()

    def result(self):
        self.log.close()
        try:
            _kill_group(int((self.dir / "kernel.pid").read_text()))  # a kernel left behind
        except (OSError, ValueError):
            pass
        try:
            return json.loads(self.result_path.read_text())
        except Exception:
            tail = (self.dir / "worker.log").read_bytes()[-400:].decode("utf-8", "replace")
            return {"ended": "lost", "detail": tail.strip().splitlines()[-1:] or [""]}
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def _outcome(item, result, timeout):
    """Digest of a worker result: kind, message for the student, records, cell errors."""
    kind = result.get("ended")
    cell = result.get("cell")
    where = f"cell {cell + 1}" if isinstance(cell, int) else "a cell"
    outcome = {"errors": result.get("errors", {}), "answer_cells": item["answer_cells"],
               "extract_failed": result.get("extract_failed"),
               "records": parse_records(result.get("extract", ""), item["token"])}
    if kind == "finished":
        outcome.update(kind="finished", message="")
    elif kind == "timeout":
        outcome.update(kind="timeout", message=(
            f"Your notebook did not finish within {timeout:g} s: {where} was still running and "
            "was stopped, the cells after it did not run."))
    elif kind == "died":
        outcome.update(kind="not run", records={}, message=(
            f"Your notebook stopped the Python kernel in {where} (exit(), os._exit, a crash or "
            "too much memory): your answers could not be read."))
    else:
        outcome.update(kind="not run", records={}, message=(
            "The grader could not run your notebook (" + str(result.get("detail", kind))[:200]
            + "); please tell your instructor."))
    return outcome


def grade(paths, *, timeout=60, jobs=1, feedback=None, fmt="html", source_dirs=None,
          memory_mb=2048, progress=None, warn=None):
    """Grade the notebooks in `paths`; returns the CSV rows (dicts with COLUMNS), totals included.

    Raises UsageError for a missing path or when no notebooks are found."""
    warn = warn or (lambda text: print(text, file=sys.stderr))
    if source_dirs is None:
        source_dirs = [ROOT / "solutions", ROOT / "exercises"]
    submissions = discover(paths)
    assignments = load_assignments(source_dirs, warn=warn)
    submissions = discover(paths, assignments)
    for sub in submissions:
        sub.data = sub.path.read_bytes()          # every file is read before any kernel runs
        sub.sha256 = hashlib.sha256(sub.data).hexdigest()
    _prepare_exercises(assignments.values())
    if not _landlock_available():
        warn("warning: Landlock is not available here: student code runs without a file-system "
             "sandbox (see python -m helpers.grading --help)")

    outcomes, items, claimed = [], [], set()
    for sub in submissions:
        nb, problem = _read_notebook(sub.data)
        stem = sub.path.stem
        if nb is None:
            target = assignments.get(stem)
            outcomes.append((sub, target or stem, {"kind": "unreadable", "message":
                             f"Your notebook {sub.path.name} could not be read: {problem}."}))
            continue
        ids = _ids_in(nb)
        overlap = {name: len(ids & set(a.ids)) for name, a in assignments.items()}
        best = max(overlap, key=lambda n: (overlap[n], n == stem), default=None)
        best = best if best is not None and overlap[best] > 0 else None
        if stem in assignments and overlap[stem] == 0 and best:
            outcomes.append((sub, assignments[stem], {"kind": "other assignment", "message": (
                f"{sub.path.name} holds the exercises of {best}, not of {stem}: submit the "
                f"notebook of {stem}.")}))
            continue
        name = stem if stem in assignments else best
        if name is None:
            outcomes.append((sub, stem, {"kind": "unreadable", "message": (
                f"{sub.path.name} is not a notebook of any assignment (known: "
                f"{', '.join(sorted(assignments)) or 'none'}).")}))
            continue
        if (sub.student, name) in claimed:
            warn(f"warning: {sub.path}: a second notebook of {sub.student} for {name}; ignored")
            continue
        claimed.add((sub.student, name))
        assignment = assignments[name]
        answer_cells = {}
        for index, cell in enumerate(nb.cells):
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
            if isinstance(grade_id, str) and grade_id.endswith("-answer"):
                answer_cells.setdefault(grade_id.removesuffix("-answer"), index)
        token = "LG" + secrets.token_hex(16)
        items.append({"sub": sub, "assignment": assignment, "token": token,
                      "text": sub.data.decode("utf-8"), "answer_cells": answer_cells,
                      "extraction": extraction_cell(assignment, token)})

    settings = {"timeout": timeout, "memory_mb": memory_mb, "keep_notebook": bool(feedback)}
    bar = _Progress(len(items), _progress_default() if progress is None else progress)
    private = Path(tempfile.mkdtemp(prefix="landauer-grader-"))
    notebooks = {}
    try:
        pending, running = deque(items), []
        while pending or running:
            while pending and len(running) < max(1, jobs):
                running.append(_Run(pending.popleft(), private, settings))
            time.sleep(0.02)
            for run in [r for r in running if r.poll()]:
                running.remove(run)
                result = run.result()
                if run.killed:
                    result = {"ended": "timeout", "cell": None}
                item = run.item
                outcomes.append((item["sub"], item["assignment"], _outcome(item, result, timeout)))
                if result.get("notebook"):
                    notebooks[(item["sub"].student, item["assignment"].name)] = result["notebook"]
                bar.step()
    finally:
        for run in locals().get("running", []):
            run.kill()
        shutil.rmtree(private, ignore_errors=True)

    rows = []
    for sub, assignment, outcome in outcomes:
        if isinstance(assignment, Assignment):
            rows += _rows_for(sub, assignment, outcome)
        else:
            rows.append({"student": sub.student, "assignment": assignment, "exercise": "",
                         "points": 0, "max_points": 0, "status": ERROR,
                         "feedback": outcome["message"]})
    # an assignment someone handed in and a student did not: missing
    done = {(r["student"], r["assignment"]) for r in rows}
    handed_in = {r["assignment"] for r in rows if r["assignment"] in assignments}
    for student in sorted({r["student"] for r in rows}):
        for name in sorted(handed_in):
            if (student, name) not in done:
                rows += _rows_for(Submission(student, Path(name)), assignments[name], {
                    "kind": "absent", "message": f"No notebook {name}.ipynb was handed in."})
    rows = _sorted_with_totals(rows, assignments)

    for sub in submissions:  # never modified
        if hashlib.sha256(sub.path.read_bytes()).hexdigest() != sub.sha256:
            warn(f"warning: {sub.path} changed while grading (not by the grader)")
    if feedback:
        write_feedback(Path(feedback), rows, notebooks, fmt)
    return rows


def _sorted_with_totals(rows, assignments):
    def order(row):
        assignment = assignments.get(row["assignment"])
        ids = assignment.ids if assignment else []
        return (row["assignment"], ids.index(row["exercise"]) if row["exercise"] in ids else -1,
                row["exercise"])

    out = []
    for student in sorted({r["student"] for r in rows}):
        mine = sorted((r for r in rows if r["student"] == student), key=order)
        out += mine
        graded = [r for r in mine if r["exercise"]]
        right = sum(r["status"] == CORRECT for r in graded)
        out.append({"student": student, "assignment": "", "exercise": TOTAL,
                    "points": sum(r["points"] for r in mine),
                    "max_points": sum(r["max_points"] for r in mine), "status": "total",
                    "feedback": f"{right} of {len(graded)} exercises correct"})
    return out


def _atomic_write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)  # replaces a planted symlink instead of writing through it


def write_csv(rows, path):
    """Write the rows as CSV (UTF-8, header COLUMNS); `path` "-" writes to stdout."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "points": _fmt(row["points"]), "max_points": _fmt(row["max_points"])})
    if str(path) == "-":
        sys.stdout.write(buffer.getvalue())
    else:
        _atomic_write(Path(path), buffer.getvalue().encode("utf-8"))


def _safe_name(text):
    return re.sub(r"[^\w.-]+", "_", text).strip("._") or "_"


def write_feedback(folder, rows, notebooks, fmt):
    """The executed notebook with a score table on top, per student and assignment."""
    import nbformat
    for (student, name), text in sorted(notebooks.items()):
        mine = [r for r in rows if r["student"] == student and r["assignment"] == name]
        lines = [f"# Feedback: {name}", "",
                 f"**{_fmt(sum(r['points'] for r in mine))} of "
                 f"{_fmt(sum(r['max_points'] for r in mine))} points**", "",
                 "| exercise | status | points | feedback |", "| --- | --- | --- | --- |"]
        for r in mine:
            text_ = str(r["feedback"]).replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {r['exercise']} | {r['status']} | {_fmt(r['points'])} / "
                         f"{_fmt(r['max_points'])} | {text_} |")
        nb = nbformat.reads(text, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_markdown_cell("\n".join(lines)))
        target = folder / _safe_name(student) / _safe_name(name)
        if fmt == "notebook":
            _atomic_write(target.with_suffix(".ipynb"), nbformat.writes(nb).encode("utf-8"))
        else:
            from nbconvert import HTMLExporter
            body, _ = HTMLExporter(sanitize_html=True).from_notebook_node(nb)
            _atomic_write(target.with_suffix(".html"), body.encode("utf-8"))


def _landlock_available():
    if not sys.platform.startswith("linux") or os.environ.get("LANDAUER_GRADER_SANDBOX") == "off":
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        return libc.syscall(444, None, ctypes.c_size_t(0), ctypes.c_uint32(1)) >= 1
    except Exception:
        return False
