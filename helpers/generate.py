"""Generate the student notebooks exercises/NN_*.ipynb from their single source solutions/NN_*.ipynb.

    python -m helpers.generate                  # regenerate every exercise notebook
    python -m helpers.generate 01_resistance    # only these (name, file name or path)
    python -m helpers.generate --check          # exit 1 listing drifted notebooks, write nothing
    (every run also writes the derived nbgrader metadata into solutions/)

("python -m helpers.generate exercises ..." is the same command.)

Authoring rules (solutions/NN_topic.ipynb)
------------------------------------------
- An answer sits between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` inside a statement
  that stays valid when the region becomes the stub ``None  # YOUR CODE HERE`` (`STUB`)::

      answer = (                    def occupation(E, mu, kT):
          ### BEGIN SOLUTION            ### BEGIN SOLUTION
          1 / G0_SI / 1e3               return fermi(E, mu, kT)
          ### END SOLUTION              ### END SOLUTION
      )

  nbgrader replaces the whole region by the stub, indented like the BEGIN line, so the blank
  exercise notebook runs top to bottom (answers are None, functions return None) and each
  check says "not answered yet".
- The answer cell is followed by a cell calling ``check("<exercise id>", answer)``; the id
  must be declared in helpers/exercises/. The first check() after an answer cell names it.

Metadata is derived, never typed by hand: the answer cell becomes an nbgrader "autograded
answer" (solution, grade_id "<id>-answer"), the check cell an "autograder test" (grade,
locked, grade_id "<id>", points from the registry). Under nbgrader's autograder check() raises
on a wrong answer, so the same notebooks import into nbgrader as they are.
Generation = that metadata + nbgrader's ClearSolutions(code_stub=STUB, enforce_metadata=True)
+ ClearOutput, used as a library (no nbgrader database or app).
"""

import argparse
import ast
import copy
import json
import sys
from pathlib import Path

import nbformat

from .checks.calls import check_calls

__all__ = ["STUB", "ROOT", "solution_metadata", "generate", "normalized", "generate_all", "main"]

STUB = "None  # YOUR CODE HERE"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
ROOT = Path(__file__).resolve().parent.parent


class AuthoringError(ValueError):
    """A solutions notebook breaks an authoring rule (message says which cell and why)."""


def _registry():
    from .checks import all_exercises
    return all_exercises()


def solution_metadata(nb, exercises=None):
    """Copy of `nb` with nbgrader metadata on every answer cell and its check cell."""
    exercises = _registry() if exercises is None else exercises
    nb = copy.deepcopy(nb)
    cells = nb.cells
    for index, cell in enumerate(cells):
        if BEGIN not in cell.source:
            continue
        where = f"cell {index + 1}"
        if cell.cell_type != "code":
            raise AuthoringError(f"{where}: solution regions are supported in code cells only")
        if check_calls(cell.source):
            raise AuthoringError(f"{where}: put check(...) in its own cell after the answer cell")
        exercise_id = check_index = None
        for later in range(index + 1, len(cells)):
            if BEGIN in cells[later].source:
                break
            calls = check_calls(cells[later].source) if cells[later].cell_type == "code" else []
            if calls:
                exercise_id, check_index = calls[0][0], later
                break
        if exercise_id is None:
            raise AuthoringError(f"{where}: no check(\"<exercise id>\", ...) cell follows this answer")
        if exercise_id not in exercises:
            raise AuthoringError(f"{where}: exercise {exercise_id!r} is not declared in "
                                 f"helpers/exercises/ (known: {', '.join(sorted(exercises))})")
        cell.metadata["nbgrader"] = {"solution": True, "grade": False, "locked": False,
                                     "grade_id": f"{exercise_id}-answer", "schema_version": 3}
        cells[check_index].metadata["nbgrader"] = {
            "solution": False, "grade": True, "locked": True, "grade_id": exercise_id,
            "points": exercises[exercise_id].points, "schema_version": 3}
    return nb


def _compiles(source):
    try:
        from IPython.core.inputtransformer2 import TransformerManager
        source = TransformerManager().transform_cell(source)
    except Exception:
        pass
    ast.parse(source)


def generate(nb, exercises=None):
    """Student version of solutions notebook `nb` (a new notebook; `nb` is not changed)."""
    from nbgrader.preprocessors import ClearOutput, ClearSolutions
    nb = solution_metadata(nb, exercises)
    nb, resources = ClearSolutions(code_stub={"python": STUB}, enforce_metadata=True).preprocess(
        nb, {})
    nb, _ = ClearOutput().preprocess(nb, resources)
    for index, cell in enumerate(nb.cells):
        if BEGIN in cell.source or END in cell.source:
            raise AuthoringError(f"cell {index + 1}: a solution marker is left over")
        if cell.cell_type == "code":
            try:
                _compiles(cell.source)
            except SyntaxError as exc:
                raise AuthoringError(
                    f"cell {index + 1}: with the stub the cell is not valid Python ({exc.msg}); "
                    "wrap the solution region in parentheses or a function body") from None
    return nb


def normalized(nb):
    """What must match between a generated and a committed notebook: cell types, sources and
    metadata (outputs and cell ids aside)."""
    return json.dumps([{"type": c.cell_type, "source": c.source, "metadata": c.metadata}
                       for c in nb.cells], sort_keys=True, indent=1)


def _select(solutions, names):
    available = sorted(solutions.glob("*.ipynb"))
    if not names:
        return available
    chosen = []
    for name in names:
        stem = Path(name).name.removesuffix(".ipynb")
        path = solutions / f"{stem}.ipynb"
        if not path.exists():
            raise SystemExit(f"no solutions notebook {path}; have: "
                             f"{', '.join(p.stem for p in available) or 'none'}")
        chosen.append(path)
    return chosen


def generate_all(root=ROOT, names=(), *, check=False, fix_metadata=False, exercises=None):
    """Generate exercises/ from solutions/ under `root` and write the derived nbgrader metadata
    into solutions/. Returns the paths that were (with check=True: that would be) changed.
    `fix_metadata` is accepted for compatibility; the metadata is always kept up to date."""
    root = Path(root)
    solutions, target = root / "solutions", root / "exercises"
    changed = []
    for source in _select(solutions, names):
        nb = nbformat.read(source, as_version=4)
        try:
            # the solutions carry the derived nbgrader metadata too, so that nbgrader's own
            # generate_assignment accepts them as they are
            fixed = solution_metadata(nb, exercises)
            if normalized(fixed) != normalized(nb):
                changed.append(source)
                if not check:
                    nbformat.write(fixed, source)
            student = generate(nb, exercises)
        except AuthoringError as exc:
            raise AuthoringError(f"{source}: {exc}") from None
        path = target / source.name
        current = nbformat.read(path, as_version=4) if path.exists() else None
        if current is None or normalized(current) != normalized(student):
            changed.append(path)
            if not check:
                target.mkdir(exist_ok=True)
                nbformat.write(student, path)
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m helpers.generate",
                                     description="Generate exercises/ from solutions/.")
    parser.add_argument("names", nargs="*", help="solutions notebooks (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if an exercise notebook is out of date")
    parser.add_argument("--fix-metadata", action="store_true",
                        help="(always on) write the derived nbgrader metadata into solutions/")
    parser.add_argument("--root", default=str(ROOT), help="course folder (default: the repo)")
    args = parser.parse_args(argv)
    names = [n for n in args.names if n != "exercises"] if args.names[:1] == ["exercises"] else args.names
    try:
        changed = generate_all(args.root, names, check=args.check, fix_metadata=args.fix_metadata)
    except AuthoringError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.check:
        for path in changed:
            print(f"out of date: {path} (run python -m helpers.generate)")
        return 1 if changed else 0
    for path in changed:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
