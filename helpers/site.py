"""The course as a static website, readable offline and without a kernel.

    python -m helpers.site build --out DIR     # build the site into DIR (open DIR/index.html)
    python -m helpers.site build --out DIR --no-execute   # the stored notebooks, not run
    python -m helpers.site binder              # the Binder launch link (or how to set it)

Sphinx with myst-nb (the ``site`` extra: ``pip install -e ".[site]"``) builds one page per
notebook: the course index (``course/index.ipynb``, the site's front page), every lesson
(``lessons/NN_*.ipynb``, the primer is lesson 00) and the practice notebooks of ``exercises/``
(the student versions: rendered without outputs and offered as downloads; ``solutions/`` is
never read). The lessons and the index are executed during the build in static mode
(``LANDAUER_STATIC=1``, see `helpers.notebook.setup`): inline figures, concept questions as text
with their answers folded, explorers as pictures. An explorer whose lesson already shows its
static figure right below it (a markdown cell tagged ``static-figure``, from
``python -m helpers.figures``) keeps only that figure, which carries the alt text.

Everything the pages load is served from the site itself: MathJax 3 comes from the PyPI package
``django-static-mathjax`` (one self-contained file, ``tex-svg.js``), the theme (Furo) has no
web fonts, and no widget code is loaded at all (static mode leaves no widget on a page).

The Sphinx configuration is written into a temporary source folder together with copies of the
notebooks, so the repository holds no ``conf.py`` and a build leaves nothing behind in it.
Each page starts with a box that links to the live version: a Binder link built from the
repository's public address (``Repository`` under ``[project.urls]`` in ``pyproject.toml``, the
only place it is written; while it is unset the box says how to set it) and the local
``jupyter lab`` command.
"""

import argparse
import ast
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from .notebook import notebook_title

__all__ = ["ROOT", "LOCAL_LAUNCH", "STATIC_TAG", "repository_url", "binder_url", "live_box", "pages",
           "prepare_source", "build", "main"]

#: The repository (the folder that holds pyproject.toml, course/ and lessons/).
ROOT = Path(__file__).resolve().parent.parent
#: How to open a notebook locally, from the repository root (the README's launch line).
LOCAL_LAUNCH = "jupyter lab --ServerApp.root_dir=. {path}"
#: Tag of the markdown cell that shows an explorer's static figure (helpers.figures).
STATIC_TAG = "static-figure"
#: Folder (in exercises/ of the Sphinx source) of the practice notebooks offered as downloads.
DOWNLOADS = "notebooks"
TITLE = "Quantum transport: the Landauer formula"
BINDER = "https://mybinder.org/v2/gh/{owner}/{name}/{branch}?urlpath=lab/tree/{path}"
#: MathJax 3 inside the django-static-mathjax package (a self-contained file: no fonts to load).
MATHJAX_FILE = Path("static", "mathjax", "es5", "tex-svg.js")


def repository_url(pyproject=None):
    """The repository's public address, ``[project.urls] Repository`` of pyproject.toml.

    Parameters
    ----------
    pyproject : path-like, optional
        The pyproject.toml to read (default: the repository's).

    Returns
    -------
    str or None
        The address without a trailing slash or ``.git``; None while it is unset, empty or a
        placeholder such as ``<owner>/<repo>``.
    """
    path = Path(pyproject) if pyproject is not None else ROOT / "pyproject.toml"
    with open(path, "rb") as handle:
        urls = tomllib.load(handle).get("project", {}).get("urls", {})
    url = next((value for key, value in urls.items() if key.lower() == "repository"), "") or ""
    url = url.strip().rstrip("/").removesuffix(".git")
    if not url or "<" in url or ">" in url:
        return None
    return url


def binder_url(repository, path="course/index.ipynb", branch="main"):
    """Binder launch link that opens `path` in JupyterLab, or None when it cannot be made.

    Parameters
    ----------
    repository : str or None
        Public address of a GitHub repository, ``https://github.com/OWNER/NAME``
        (see `repository_url`); None gives None.
    path : str
        Notebook to open, relative to the repository root.
    branch : str
        Branch (or tag) Binder builds.
    """
    if repository is None:
        return None
    match = re.fullmatch(r"https?://github\.com/([^/\s]+)/([^/\s]+)", repository)
    if match is None:
        return None
    owner, name = match.groups()
    return BINDER.format(owner=owner, name=name, branch=branch, path=path)


def live_box(path, repository):
    """Markdown of the "run it live" box at the top of the page made from notebook `path`."""
    link = binder_url(repository, path)
    if link is not None:
        binder = f"[Open it in Binder]({link}) (no install; the first start takes a few minutes), or run it"
    elif repository is not None:
        binder = (f"Binder needs a GitHub address; `{repository}` is not one. Run it")
    else:
        binder = ("A Binder link appears here once the repository's public address is set as "
                  "`Repository` under `[project.urls]` in `pyproject.toml`. Run it")
    command = LOCAL_LAUNCH.format(path=path)
    if str(path).startswith("exercises/"):
        # practice happens in the student's own copy (my-work/), which course updates never touch
        own = "my-work/" + str(path).split("/", 1)[1]
        command = ("python -m helpers.workspace` (once: your own copies in `my-work/`), then `"
                   + LOCAL_LAUNCH.format(path=own))
    return ("```{admonition} Run it live\n"
            ":class: tip\n\n"
            f"This page is a static copy of `{path}`: its figures are pictures, its questions have "
            "their answers folded. For the widgets and checks, run it. "
            f"{binder} on your computer from the repository root (after `pip install -e .`):\n"
            f"`{command}`\n```\n")


def pages(root=ROOT):
    """{site path: repository path} of every notebook the site shows, in reading order."""
    root = Path(root)
    found = {"index.ipynb": root / "course" / "index.ipynb"}
    for folder in ("lessons", "exercises"):
        for path in sorted((root / folder).glob("[0-9][0-9]_*.ipynb")):
            found[f"{folder}/{path.name}"] = path
    return found


def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _markdown(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def _bare_call(source):
    """True when a code cell is a single call whose result nothing else can use (``f(...)``)."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    return len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Call)


def _site_notebook(notebook, repo_path, repository, *, index=False):
    """A copy of `notebook` for the site: the live box after the title, explorer outputs
    dropped where a static figure follows, links of the index made relative to the site root."""
    notebook = copy.deepcopy(notebook)
    cells = notebook["cells"]
    for number, cell in enumerate(cells):
        tags = set(cell.get("metadata", {}).get("tags", []))
        if cell["cell_type"] == "code":
            following = next((c for c in cells[number + 1:] if c["cell_type"] == "markdown"
                              or _source(c).strip()), None)
            if following is not None and STATIC_TAG in following.get("metadata", {}).get("tags", []):
                # the static figure below shows this explorer; a bare call is not even run
                tags |= {"remove-output"} | ({"skip-execution"} if _bare_call(_source(cell)) else set())
            if number == 0 and re.search(r"^setup\(", _source(cell), flags=re.MULTILINE):
                tags.add("remove-output")  # the status line of setup() (versions, mode)
            if tags:
                cell.setdefault("metadata", {})["tags"] = sorted(tags)
        if index and cell["cell_type"] == "markdown":
            cell["source"] = re.sub(r"\]\(\.\./(lessons|exercises)/", r"](\1/", _source(cell))
    title_at = next((n for n, c in enumerate(cells) if c["cell_type"] == "markdown"
                     and re.search(r"^#\s", _source(c), flags=re.MULTILINE)), -1)
    if title_at > 0 and all(c["cell_type"] == "code" for c in cells[:title_at]):
        # the page opens with its title; the (folded) setup code follows it (same run order)
        cells.insert(0, cells.pop(title_at))
        title_at = 0
    cells.insert(title_at + 1, _markdown(live_box(repo_path, repository)))
    return notebook


def _practice_page(exercises):
    """Markdown of the page that lists the practice notebooks (rendered and as downloads)."""
    lines = ["# Practice notebooks", "",
             "Each lesson has a practice notebook of auto-checked exercises. Read them here; to work "
             "on one, download it (or open the repository in JupyterLab) and run it with the course "
             "installed: each answer cell is followed by a check that gives a verdict and a hint.", "",
             "| lesson | read | download |", "| --- | --- | --- |"]
    for site_path, title in exercises:
        name = Path(site_path).name
        lines.append(f"| {name[:2]} | [{title}]({name}) | {{download}}`{name} <{DOWNLOADS}/{name}>` |")
    lines += ["", "```{toctree}", ":hidden:", ""] + [Path(p).stem for p, _ in exercises] + ["```", ""]
    return "\n".join(lines)


def _conf(execute, mathjax):
    settings = {
        "project": TITLE,
        "html_title": TITLE,
        "author": "The Landauer course authors",
        "copyright": "the Landauer course authors; code BSD-3-Clause, text and figures CC BY 4.0",
        "extensions": ["myst_nb"],
        "root_doc": "index",
        "exclude_patterns": ["_build", "**.ipynb_checkpoints", f"exercises/{DOWNLOADS}/**"],
        "html_theme": "furo",
        "html_static_path": ["_static"],
        "html_copy_source": False,
        "html_show_sourcelink": False,
        "mathjax_path": "mathjax/tex-svg.js" if mathjax else None,
        "myst_enable_extensions": ["dollarmath", "amsmath", "html_image"],
        "myst_heading_anchors": 3,
        "nb_execution_mode": "force" if execute else "off",
        "nb_execution_excludepatterns": ["exercises/*"],
        "nb_execution_timeout": 600,
        "nb_execution_raise_on_error": True,
        "nb_execution_show_tb": True,
        "nb_merge_streams": True,
        # No widget code on the pages (static mode shows none), and never from a CDN.
        "nb_ipywidgets_js": {},
        "suppress_warnings": ["myst.header"],
    }
    if not mathjax:
        del settings["mathjax_path"]
    return ("".join(f"{key} = {value!r}\n" for key, value in settings.items())
            + "from helpers.site import sphinx_setup as setup  # noqa: E402\n")


def _unwrap_tagged_math(app, doctree):
    r"""Sphinx wraps a displayed formula that has a line break (``\\``, e.g. in a matrix) in
    ``\begin{split}``, where MathJax refuses ``\tag``: show such a formula as written."""
    from docutils import nodes

    for node in doctree.findall(nodes.math_block):
        text = node.astext()
        if "\\tag" in text and "\\\\" in text and not node.get("nowrap"):
            node["nowrap"] = True
            node[:] = [nodes.Text(f"\\[{text}\\]")]


def sphinx_setup(app):
    """Sphinx `setup` of the site's conf.py: the course's own fixes of the generated pages."""
    app.connect("doctree-read", _unwrap_tagged_math)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def _mathjax():
    """Path of MathJax's tex-svg.js from the django-static-mathjax package, or None."""
    try:
        import mathjax
    except ImportError:
        return None
    path = Path(mathjax.__file__).parent / MATHJAX_FILE
    return path if path.is_file() else None


def prepare_source(source, *, root=ROOT, execute=True):
    """Write the Sphinx source folder `source`: conf.py, the site copies of the notebooks, the
    lesson figures, the practice page and MathJax. Returns the list of site paths."""
    source = Path(source)
    repository = repository_url(Path(root) / "pyproject.toml")
    mathjax = _mathjax()
    if mathjax is None:
        raise RuntimeError("MathJax is not installed: install the site extra, "
                           "`pip install -e \".[site]\"` (it brings django-static-mathjax)")
    # tex-svg.js and what it loads on demand (TeX extensions such as boldsymbol, the menu, the
    # accessibility tools); not the other combined files, nor the CHTML fonts (SVG needs none)
    combined = {p.name for p in mathjax.parent.glob("*.js")} - {mathjax.name}
    shutil.copytree(mathjax.parent, source / "_static" / "mathjax",
                    ignore=lambda folder, names: [n for n in names if Path(folder) == mathjax.parent
                                                  and (n in combined or n == "output")])
    shutil.copy2(mathjax.parents[1] / "LICENSE", source / "_static" / "mathjax" / "LICENSE")
    (source / "conf.py").write_text(_conf(execute, mathjax=True))
    shutil.copytree(Path(root) / "lessons" / "figures", source / "lessons" / "figures")
    written, lessons, exercises = [], [], []
    for site_path, repo_path in pages(root).items():
        notebook = json.loads(repo_path.read_text(encoding="utf-8"))
        relative = repo_path.relative_to(root).as_posix()
        page = _site_notebook(notebook, relative, repository, index=site_path == "index.ipynb")
        target = source / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(page, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(site_path)
        if site_path.startswith("exercises/"):  # the download: the notebook as it is
            (source / "exercises" / DOWNLOADS).mkdir(exist_ok=True)
            shutil.copy2(repo_path, source / "exercises" / DOWNLOADS / repo_path.name)
        if site_path.startswith("lessons/"):
            lessons.append(site_path)
        elif site_path.startswith("exercises/"):
            exercises.append((site_path, notebook_title(notebook, repo_path.stem)))
    (source / "exercises" / "index.md").write_text(_practice_page(exercises), encoding="utf-8")
    written.append("exercises/index.md")
    # The navigation: a hidden table of contents on the front page.
    index = json.loads((source / "index.ipynb").read_text(encoding="utf-8"))
    toc = ["```{toctree}", ":hidden:", ":caption: Lessons", ""]
    toc += [str(Path(p).with_suffix("")) for p in lessons] + ["```", "", "```{toctree}", ":hidden:",
                                                                ":caption: Practice", "",
                                                                "exercises/index", "```", ""]
    index["cells"].append(_markdown("\n".join(toc)))
    (source / "index.ipynb").write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
    return written


def build(out, *, root=ROOT, execute=True, jobs=None, quiet=True):
    """Build the website into the folder `out` (created; its old content replaced).

    Parameters
    ----------
    out : path-like
        Output folder; open ``out/index.html``.
    root : path-like
        The repository to build from.
    execute : bool
        Run the lessons and the index in static mode (``LANDAUER_STATIC=1``); False shows the
        stored notebooks as they are.
    jobs : int or None
        Sphinx processes (notebooks run in parallel); None: one per core, at most 2.
    quiet : bool
        Hide Sphinx's progress lines (warnings and errors are shown).

    Returns
    -------
    dict
        ``{"out": Path, "seconds": float, "pages": [site paths], "warnings": [str]}``.

    Raises
    ------
    RuntimeError
        When Sphinx fails (a notebook raised, a missing package); the message holds its log.
    """
    try:
        import furo  # noqa: F401
        import myst_nb  # noqa: F401
        import sphinx  # noqa: F401
    except ImportError as error:
        raise RuntimeError(f"{error.name} is not installed: the site needs the site extra, "
                           "`pip install -e \".[site]\"`") from error
    out = Path(out).resolve()
    root = Path(root).resolve()
    jobs = jobs or max(1, min(2, os.cpu_count() or 1))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="landauer-site-") as tmp:
        source = Path(tmp) / "source"
        source.mkdir()
        written = prepare_source(source, root=root, execute=execute)
        env = dict(os.environ)
        env["LANDAUER_STATIC"] = "1"
        env.pop("LANDAUER_LECTURE", None)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), env.get("PYTHONPATH", "")) if p)
        env["MPLBACKEND"] = "Agg"
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-E", "-j", str(jobs),
                   "-d", str(Path(tmp) / "doctrees"), str(source), str(Path(tmp) / "html")]
        if quiet:
            command.insert(3, "-q")
        for attempt in (1, 2):
            result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=tmp)
            if result.returncode == 0 or not _kernel_failed_to_start(result.stderr) or attempt == 2:
                break
            # a kernel lost the race for its port to another process (a busy machine with
            # kernels starting in parallel): nothing in the notebooks is wrong, build again
            print("site: a kernel could not bind its port (another process took it); building "
                  "again", file=sys.stderr)
        if result.returncode != 0:
            raise RuntimeError(f"the site build failed (sphinx exit {result.returncode}):\n"
                               f"{result.stdout[-4000:]}\n{result.stderr[-8000:]}")
        for page in (Path(tmp) / "html").rglob("*.html"):
            _strip_widget_state(page)
        runtimes = _runtimes(Path(tmp) / "doctrees" / "environment.pickle")
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(Path(tmp) / "html", out)
    warnings = [line for line in result.stderr.splitlines() if ("WARNING" in line or "ERROR" in line)
                and not line.startswith("[IPKernelApp]")]  # a kernel's own start-up notices
    return {"out": out, "seconds": time.perf_counter() - start, "pages": written, "warnings": warnings,
            "runtimes": runtimes}


#: What a kernel that failed to start leaves in the log (jupyter_client picks its ports before
#: the kernel binds them; on a busy machine another process can take one in between).
_KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info", "Address already in use")


def _kernel_failed_to_start(log):
    return any(marker in log for marker in _KERNEL_START_FAILURES)


_WIDGET_STATE = re.compile(r'<script type="application/vnd\.jupyter\.widget-state\+json">.*?</script>\s*',
                           flags=re.DOTALL)


def _strip_widget_state(page):
    """Drop the ipywidgets state that myst-nb embeds from an executed notebook: static mode shows
    no widget, so nothing on the page reads it."""
    text = page.read_text(encoding="utf-8")
    stripped = _WIDGET_STATE.sub("", text)
    if stripped != text:
        page.write_text(stripped, encoding="utf-8")


def _runtimes(pickled):
    """{page: seconds} each executed notebook took, from Sphinx's saved environment ({} if unknown)."""
    import pickle

    try:
        with open(pickled, "rb") as handle:
            env = pickle.load(handle)
        data = getattr(env, "nb_metadata", {})
        return {name: round(float(meta["exec_data"]["runtime"]), 1) for name, meta in sorted(data.items())
                if (meta.get("exec_data") or {}).get("runtime") is not None}
    except (OSError, pickle.UnpicklingError, AttributeError, KeyError, TypeError, ValueError):
        return {}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m helpers.site",
                                     description="Build the course website (Sphinx + myst-nb).")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("build", help="build the site into a folder")
    make.add_argument("--out", required=True, help="output folder (its old content is replaced)")
    make.add_argument("--no-execute", action="store_true",
                      help="show the stored notebooks instead of running them")
    make.add_argument("--jobs", type=int, default=None, help="parallel Sphinx processes (default: 2)")
    make.add_argument("--verbose", action="store_true", help="show Sphinx's progress")
    commands.add_parser("binder", help="print the Binder link of the course (or how to set it)")
    args = parser.parse_args(argv)
    if args.command == "binder":
        link = binder_url(repository_url())
        print(link or "No Binder link: set the repository's public GitHub address as `Repository` "
                      "under [project.urls] in pyproject.toml.")
        return 0
    try:
        report = build(args.out, execute=not args.no_execute, jobs=args.jobs, quiet=not args.verbose)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    for line in report["warnings"]:
        print(line, file=sys.stderr)
    if report["runtimes"]:
        print("Notebooks run (s): " + ", ".join(f"{name} {seconds:g}"
                                                 for name, seconds in report["runtimes"].items()))
    print(f"Built {len(report['pages'])} pages into {report['out']} in {report['seconds']:.0f} s; "
          f"open {report['out'] / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
