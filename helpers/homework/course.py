"""A private course folder: the secret key, the released notebooks and the answer key.

    python -m helpers.homework init COURSE                        # course.json, secret.key, .gitignore
    python -m helpers.homework release COURSE --students FILE     # COURSE/release/<student>/<notebook>.ipynb
    python -m helpers.homework key COURSE                         # COURSE/key/<student>/<notebook>.ipynb

Layout of COURSE (keep all of it private: whoever reads ``secret.key`` can compute every
student's numbers, and ``key/`` holds the answers):

- ``course.json``: the helpers version it was made with, the creation date and the notebooks
  handed out (stems of the practice notebooks, by default all of ``exercises/``);
- ``secret.key``: 32 random bytes (mode 0600); a student's variant of a topic is
  ``PARAMETERS.draw(secret, student)`` (an HMAC: reproducible with the key, unguessable without);
- ``.gitignore`` (``*``), so that the folder never lands in a repository by accident;
- ``release/<student>/<notebook>.ipynb``: what each student gets;
- ``key/<student>/<notebook>.ipynb``: the solutions notebook with that student's numbers;
- optional ``exercises/*.py``: homework-only exercise modules (``EXERCISES``, and
  ``PARAMETERS`` named after the module), with their notebooks in ``exercises/*.ipynb``
  (student version) and ``solutions/*.ipynb``; loaded by ``release``, ``key`` and
  ``python -m helpers.grading ... --course COURSE``.
"""

import datetime
import importlib.util
import json
import os
import secrets
import sys
from pathlib import Path

import nbformat

from ..checks.variants import PARAMETERS_TAG, parameters_cell_source
from .solve import topic_of

__all__ = ["Course", "CourseError", "init_course", "release", "solve_key", "read_students",
           "topic_of", "SECRET_NAME", "ROOT"]

ROOT = Path(__file__).resolve().parent.parent.parent
SECRET_NAME = "secret.key"
SECRET_BYTES = 32
PRIVATE_NOTE = ("Keep this folder private (not in a repository, not on a shared drive "
                "students can read): its secret key gives every student's numbers, key/ their "
                "answers.")


class CourseError(Exception):
    """A course folder that cannot be used as asked (the message says why and what to do)."""


def _helpers_version():
    from .. import __version__
    return __version__


def default_notebooks():
    """Stems of the practice notebooks (``exercises/*.ipynb`` of the course package)."""
    return sorted(p.stem for p in (ROOT / "exercises").glob("*.ipynb"))


def init_course(path, notebooks=None):
    """Make the private course folder `path`; CourseError if it already holds a key."""
    path = Path(path)
    secret = path / SECRET_NAME
    if secret.exists():
        raise CourseError(f"{secret} already exists: a new key would change every student's "
                          "numbers and invalidate what was released. Keep it, or remove it "
                          "yourself if this course was never released.")
    notebooks = list(notebooks) if notebooks else default_notebooks()
    unknown = [n for n in notebooks if not _find(path, "exercises", n)]
    if unknown:
        raise CourseError(f"no practice notebook {', '.join(unknown)} (known: "
                          f"{', '.join(default_notebooks())})")
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_bytes(SECRET_BYTES))
    (path / ".gitignore").write_text("*\n")
    meta = {"helpers_version": _helpers_version(),
            "created": datetime.date.today().isoformat(), "notebooks": notebooks}
    (path / "course.json").write_text(json.dumps(meta, indent=1) + "\n")
    return meta


def _find(course, folder, stem):
    """COURSE/<folder>/<stem>.ipynb, else the course package's <folder>/<stem>.ipynb, else None."""
    for base in (Path(course) / folder, ROOT / folder):
        candidate = base / f"{stem}.ipynb"
        if candidate.is_file():
            return candidate
    return None


def read_students(path):
    """Student ids of a file: one a line, or a CSV with a ``student`` column (the grader's roster
    reader, `helpers.grading.gradebook.read_roster`)."""
    from ..grading.gradebook import read_roster
    try:
        return list(read_roster(path))
    except ValueError as exc:
        raise CourseError(str(exc)) from exc


class Course:
    """An initialized course folder: its key, notebooks, topics and exercise modules."""

    def __init__(self, path):
        self.path = Path(path)
        meta_path, secret_path = self.path / "course.json", self.path / SECRET_NAME
        if not meta_path.is_file() or not secret_path.is_file():
            raise CourseError(f"{self.path} is not a course folder (no course.json or "
                              f"{SECRET_NAME}); make one with python -m helpers.homework init "
                              f"{self.path}")
        try:
            self.meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise CourseError(f"{meta_path} is not valid JSON ({exc})") from exc
        self.secret = secret_path.read_bytes()
        if len(self.secret) < 16:
            raise CourseError(f"{secret_path} holds {len(self.secret)} bytes; a key has "
                              f"{SECRET_BYTES}")
        self.notebooks = list(self.meta.get("notebooks") or default_notebooks())
        self.own_parameters = self._load_modules()

    def _load_modules(self):
        """Import COURSE/exercises/*.py: register their EXERCISES; {topic: PARAMETERS}."""
        from ..checks import register
        from ..exercises import load
        known = load()
        found = {}
        for path in sorted((self.path / "exercises").glob("*.py")):
            if path.name.startswith("_"):
                continue
            name = f"landauer_course_exercises_{path.stem}"
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
            for exercise in getattr(module, "EXERCISES", []):
                if exercise.id in known:
                    raise CourseError(f"{path}: exercise id {exercise.id!r} is already a course "
                                      "exercise; give homework-only exercises ids of their own")
                exercise.lesson = path.stem
                register(exercise)
            parameters = getattr(module, "PARAMETERS", None)
            if parameters is not None:
                if parameters.topic != path.stem:
                    raise CourseError(f"{path}: PARAMETERS is named {parameters.topic!r}; name "
                                      f"it {path.stem!r}")
                found[path.stem] = parameters
        return found

    @property
    def parameters(self):
        """{topic: Parameters} of the course package and of the course folder's modules."""
        from ..exercises import load_parameters
        return {**load_parameters(), **self.own_parameters}

    def values(self, student):
        """{topic: {name: value}}: `student`'s variant of every topic with parameters."""
        return {topic: p.draw(self.secret, student) for topic, p in self.parameters.items()}

    def students(self):
        """Students who were released a notebook (the folders of COURSE/release/)."""
        release_dir = self.path / "release"
        if not release_dir.is_dir():
            return []
        return sorted(p.name for p in release_dir.iterdir() if p.is_dir())

    def version_warning(self):
        """A warning when this helpers is not the version the course was made with, else None."""
        made, now = self.meta.get("helpers_version"), _helpers_version()
        if made and made != now:
            return (f"warning: {self.path} was made with helpers {made}, this is {now}: a physics "
                    "fix between versions can change expected answers. Grade with the version "
                    f"the students worked with (pip install 'landauer-course=={made}', or check "
                    "out that version of the course repository), or set helpers_version in "
                    f"{self.path / 'course.json'} once you have checked the key "
                    "(python -m helpers.homework key) still solves every check.")
        return None

    def source(self, folder, stem):
        """COURSE/<folder>/<stem>.ipynb or the course package's; CourseError when neither exists."""
        found = _find(self.path, folder, stem)
        if found is None:
            raise CourseError(f"no notebook {stem}.ipynb in {self.path / folder} or "
                              f"{ROOT / folder}")
        return found


def _homework_call(values, verdicts):
    if verdicts:
        return (f"homework({values!r}, verdicts=True)  # check() judges your own numbers "
                "(hidden ones included)")
    return f"homework({values!r})  # check() records your answers; they are graded later"


def released_notebook(course, stem, student, *, verdicts=False):
    """(notebook node, topic or None when its numbers are fixed) of `student`'s `stem`."""
    from .solve import parameters_cell_index
    notebook = nbformat.read(str(course.source("exercises", stem)), as_version=4)
    topic = topic_of(notebook)
    parameters = course.parameters.get(topic)
    index = parameters_cell_index(notebook)
    if parameters is not None and index is not None:
        values = parameters.draw(course.secret, student)
        shown = {name: values[name] for name, p in parameters.params.items() if not p.hidden}
        header = [f"# Graded homework of {student}: these are your own numbers. Use these names "
                  "in your answers,", "# never the numbers (the grader uses your numbers, "
                  "whatever this cell says).", "from helpers.checks import homework"]
        source = parameters_cell_source(parameters, values, header=header)
        call = _homework_call({topic: values if verdicts else shown}, verdicts)
        notebook.cells[index].source = source + "\n" + call
    else:
        topic = None
        cell = nbformat.v4.new_code_cell(
            "# Graded homework: the numbers of this notebook are the same for everyone.\n"
            "from helpers.checks import homework\n" + _homework_call({}, verdicts))
        cell.metadata["tags"] = [PARAMETERS_TAG]
        first_code = next((i for i, c in enumerate(notebook.cells) if c.cell_type == "code"), -1)
        notebook.cells.insert(first_code + 1, cell)
    notebook.metadata["landauer"] = {"student": student, "homework": True}
    return notebook, topic


def release(course, students, *, verdicts=False, log=print):
    """Write COURSE/release/<student>/<notebook>.ipynb for every student and notebook."""
    fixed = set()
    for student in students:
        if not student or student.startswith(".") or "/" in student or "\\" in student:
            raise CourseError(f"student id {student!r} cannot name a folder")
        for stem in course.notebooks:
            notebook, topic = released_notebook(course, stem, student, verdicts=verdicts)
            if topic is None:
                fixed.add(stem)
            target = course.path / "release" / student / f"{stem}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, str(target))
    for stem in sorted(fixed):
        log(f"{stem}: no parameters, so every student gets the same numbers (the practice "
            "notebook's); its answers are public")
    log(f"released {len(course.notebooks)} notebook(s) to {len(students)} student(s) in "
        f"{course.path / 'release'}" + (" with instant verdicts (the hidden values, e.g. the "
                                        "seeds of function inputs, are visible in the "
                                        "parameters cell)" if verdicts else ""))
    return fixed


def solve_key(course, students, *, log=print):
    """Write COURSE/key/<student>/<notebook>.ipynb (the solutions with the student's numbers),
    each solved in this process; returns [(student, notebook, exercise id, Result)] of every
    check that is not correct (an empty list: the key is sound)."""
    from ..checks.statuses import CORRECT
    from .solve import set_parameters_cell, solve_notebook
    problems = []
    for stem in course.notebooks:
        path = course.source("solutions", stem)
        notebook = nbformat.read(str(path), as_version=4)
        topic = topic_of(notebook)
        parameters = course.parameters.get(topic)
        for student in students:
            values = parameters.draw(course.secret, student) if parameters else {}
            results = solve_notebook(path, values, topic=topic, parameters=parameters)
            keyed = nbformat.read(str(path), as_version=4)
            if parameters is not None:
                set_parameters_cell(keyed, parameters, values)
            keyed.metadata["landauer"] = {
                "student": student, "key": True,
                "checks": {ex: r.status for ex, r in results.items()}}
            target = course.path / "key" / student / f"{stem}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(keyed, str(target))
            bad = [(student, stem, ex, r) for ex, r in results.items() if r.status != CORRECT]
            for _, _, ex, result in bad:
                log(f"NOT SOLVED: {student}/{stem}: {ex}: {result.verdict()}")
            problems += bad
    log(f"key of {len(students)} student(s) x {len(course.notebooks)} notebook(s) in "
        f"{course.path / 'key'}: " + ("every check correct" if not problems else
                                      f"{len(problems)} check(s) not correct (above)"))
    return problems
