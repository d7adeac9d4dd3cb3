"""`setup()`: the one call at the top of every course notebook.

    from helpers.notebook import setup; setup()

It picks the interactive matplotlib backend (ipympl, like ``%matplotlib widget``) when the
notebook runs in a Jupyter kernel where ipympl is installed, and falls back to inline images
otherwise; applies the course plot style; warns (never fails) when a package is older than the
course needs; and prints one line with the versions and the mode. Calling it again, or from
plain Python (tests, scripts), is harmless.

Static mode (``setup(static=True)``, or the environment variable ``LANDAUER_STATIC=1``) is for
reading a lesson without a kernel (GitHub, nbviewer, the course website): inline backend, each
explorer shows as a PNG image of its current state (no widget view), and each concept question
as text with its answers folded away.
"""

import importlib.metadata
import importlib.util
import os
import re
import warnings

from . import plotting

__all__ = ["setup", "notebook_title", "MINIMUM_VERSIONS", "plot_mode", "static_mode", "STATIC_VARIABLE", "ipython_shell",
           "in_kernel", "lecture_mode"]

#: Oldest versions the course is tested with (same as pyproject.toml).
MINIMUM_VERSIONS = {"numpy": "2.0", "matplotlib": "3.10", "ipywidgets": "8.1", "ipympl": "0.10"}

_state = {"plot_mode": None, "lecture": False, "static": None}

#: Environment variable that turns static mode on (any value but "" and "0").
STATIC_VARIABLE = "LANDAUER_STATIC"


def ipython_shell():
    """The running IPython shell (a notebook kernel or a terminal IPython), or None."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def in_kernel():
    """True inside a Jupyter kernel (where widgets and rich output can be shown)."""
    return hasattr(ipython_shell(), "kernel")


def _env_flag(name):
    return os.environ.get(name, "").strip() not in ("", "0")


def static_mode():
    """True when explorers and questions show as static images and text (see `setup`)."""
    if _state["static"] is not None:
        return _state["static"]
    return _env_flag(STATIC_VARIABLE)


def _version_tuple(text):
    """'3.11.2' -> (3, 11, 2); '8.1.0rc1' -> (8, 1, 0): leading digits of the first three parts."""
    return tuple(int(m.group()) for m in (re.match(r"\d+", part) for part in str(text).split(".")[:3]) if m)


def _installed_versions():
    # From package metadata, without importing: importing ipympl switches matplotlib's backend.
    versions = {}
    for name in MINIMUM_VERSIONS:
        try:
            versions[name] = importlib.metadata.version(name)
        except Exception:
            versions[name] = None
    return versions


def _check_versions(versions):
    problems = []
    for name, minimum in MINIMUM_VERSIONS.items():
        found = versions.get(name)
        if found is None:
            if name != "ipympl":  # ipympl is optional: plots fall back to inline images
                problems.append(f"{name} is not installed (need >= {minimum})")
        elif _version_tuple(found) < _version_tuple(minimum):
            problems.append(f"{name} {found} is older than {minimum}")
    if problems:
        warnings.warn("The course was tested with newer packages: " + "; ".join(problems)
                      + ". Some widgets may not work; update with `pip install -U landauer-course`.",
                      stacklevel=3)
    return problems


def _select_backend(static=False):
    """Return 'widget', 'inline' or 'script' after selecting the matplotlib backend."""
    shell = ipython_shell()
    if not in_kernel():
        return "script"  # plain Python or terminal IPython: leave the backend alone
    try:
        if not static and importlib.util.find_spec("ipympl") is not None:
            shell.run_line_magic("matplotlib", "widget")
            return "widget"
    except Exception:  # not installed, or broken: fall back to inline images
        pass
    try:
        shell.run_line_magic("matplotlib", "inline")
    except Exception:
        return "script"
    return "inline"


def plot_mode():
    """How figures are shown: 'widget' (ipympl), 'inline', 'script', or None before setup()."""
    return _state["plot_mode"]


def lecture_mode():
    """True after ``setup(lecture=True)`` (or ``setup()`` under ``python -m helpers.lecture``):
    projector style, and explorer figures drawn for a projector's width (`helpers.widgets`)."""
    return _state["lecture"]


def setup(lecture=None, *, quiet=False, static=None):
    """Prepare a course notebook: plot backend, style, version check, one status line.

    Parameters
    ----------
    lecture : bool or None
        Larger fonts, lines and figures for a projector (Voila "lecture mode"). None (the
        default) follows the environment variable LANDAUER_LECTURE, which
        ``python -m helpers.lecture`` sets to 1 for its kernels.
    quiet : bool
        Do not print the status line (lecture mode never prints it: a projector shows the
        lesson, not the versions).
    static : bool or None
        Explorers as PNG images of their current state and concept questions as text (no
        widgets), for reading without a kernel. None (the default) follows the environment
        variable LANDAUER_STATIC.
    """
    if lecture is None:
        lecture = _env_flag("LANDAUER_LECTURE")
    if static is None:
        static = _env_flag(STATIC_VARIABLE)
    _state["static"] = bool(static)
    mode = _select_backend(static=bool(static))
    plotting.apply_style(lecture=lecture)
    versions = _installed_versions()
    _check_versions(versions)
    _state.update(plot_mode=mode, lecture=bool(lecture))
    if not quiet and not lecture:
        shown = ", ".join(f"{name} {version}" for name, version in versions.items() if version)
        plots = {"widget": "interactive plots", "inline": "static plots (ipympl not available)",
                 "script": "no notebook"}[mode]
        if static:
            plots = "static figures (no widgets)"
        print(f"Landauer course ready: {shown}; {plots}" + ("; lecture mode" if lecture else ""))


def notebook_title(notebook, fallback=""):
    """The first level-1 heading ("# ...") of a notebook's markdown cells, or `fallback`.

    `notebook` is the notebook as a dict (nbformat's JSON); used by the lecture start page
    and the website to title a lesson.
    """
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            match = re.search(r"^#\s+(.+)$", source, flags=re.MULTILINE)
            if match:
                return match.group(1).strip()
    return fallback

