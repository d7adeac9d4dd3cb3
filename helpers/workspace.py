"""Your own copy of the practice notebooks, safe from updates.

    python -m helpers.workspace              # copies exercises/*.ipynb into my-work/
    python -m helpers.workspace --to DIR     # somewhere else

The notebooks in ``exercises/`` belong to the course: ``git pull`` and the course's generator
overwrite them. Work in the copies instead. The command never overwrites a notebook you
already have (it only adds the practice notebooks you do not have yet, e.g. after an update
that brought a new lesson), and ``my-work/`` is ignored by git, so your answers are never
committed or replaced. The copies sit next to ``exercises/``, so their links to the lessons
still work.
"""

import argparse
import shutil
import sys
from pathlib import Path

__all__ = ["make_working_copy", "main", "DEFAULT_FOLDER"]

ROOT = Path(__file__).resolve().parents[1]
#: The working copy's folder, at the top of the course (git-ignored).
DEFAULT_FOLDER = ROOT / "my-work"


def make_working_copy(destination=DEFAULT_FOLDER, source=ROOT / "exercises"):
    """Copy the practice notebooks of `source` that `destination` does not have yet.

    Parameters
    ----------
    destination : path
        The working folder (made if missing).
    source : path
        The course's ``exercises/`` folder.

    Returns
    -------
    (copied, kept) : two lists of file names
        The notebooks copied now, and those already there (left untouched).
    """
    source, destination = Path(source), Path(destination)
    notebooks = sorted(source.glob("*.ipynb"))
    if not notebooks:
        raise FileNotFoundError(f"source={str(source)!r} has no practice notebooks (*.ipynb): "
                                "run this from a checkout of the course")
    if destination.resolve() == source.resolve():
        raise ValueError(f"destination={str(destination)!r} is the course's own exercises/ "
                         "folder: choose another folder (the default is my-work/)")
    destination.mkdir(parents=True, exist_ok=True)
    copied, kept = [], []
    for notebook in notebooks:
        target = destination / notebook.name
        if target.exists():
            kept.append(notebook.name)
        else:
            shutil.copy2(notebook, target)
            copied.append(notebook.name)
    return copied, kept


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m helpers.workspace",
        description="Copy the practice notebooks into your own folder (never overwrites).")
    parser.add_argument("--to", type=Path, default=DEFAULT_FOLDER,
                        help="your working folder (default: my-work/ in the course, ignored by git)")
    args = parser.parse_args(argv)
    try:
        copied, kept = make_working_copy(args.to)
    except (FileNotFoundError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    where = args.to
    print(f"{len(copied)} practice notebook(s) copied to {where}" +
          (f"; {len(kept)} already there, left as they are" if kept else "") + ".")
    print(f"Open them from {where} in JupyterLab; your answers there survive course updates.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
