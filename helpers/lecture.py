"""Lecture mode: serve the course's lessons as Voila apps for a projector.

    python -m helpers.lecture                  # opens the lesson list in a browser
    python -m helpers.lecture --port 8866 --no-browser

Voila runs in its server mode on the ``lessons/`` folder: its start page lists every lesson
by number and title with a one-line description (what the student will be able to do, from
the course index's table), and each link opens that lesson as an app, with the code hidden and
the widgets live. For a projector the pages use larger fonts and wider controls (a small Voila
template built on Voila's "lab" template, generated in a temporary folder), and the kernels get
``LANDAUER_LECTURE=1`` in their environment so that ``helpers.notebook.setup()`` switches to
the lecture plot style (larger figures, fonts and lines) and prints no status line.

Figures follow the window: the kernels draw every explorer's canvas for the lesson column of a
1920-pixel projector (`helpers.widgets.explorer.LECTURE_WIDTH_PX`), and the page scales it down
to the column's width and to the height the window leaves next to the explorer's text and
controls, so that a 1280x720 projector shows figure and sliders together, without scrolling.
Voila is told not to load the JupyterLab extensions of other applications (`LABEXTENSIONS_OFF`:
nbgrader's, Notebook 7's), which throw errors in its page.

Needs Voila (``pip install -e ".[lecture]"``). Stop with Ctrl+C or ``kill`` (SIGTERM): both
stop Voila and its kernels and remove the temporary folder.
"""

import argparse
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .notebook import notebook_title

__all__ = ["main", "voila_command", "lesson_catalogue", "write_template", "LECTURE_ENV",
           "TEMPLATE", "LABEXTENSIONS_OFF"]

#: Environment variable the kernels see in lecture mode (read by ``setup()``).
LECTURE_ENV = "LANDAUER_LECTURE"
#: Name of the generated Voila template.
TEMPLATE = "landauer-lecture"
#: The course's lessons folder (next to the ``helpers`` package in a checkout).
LESSONS = Path(__file__).resolve().parents[1] / "lessons"
#: The course index, whose lesson table gives each lesson's one-line description.
INDEX = Path(__file__).resolve().parents[1] / "course" / "index.ipynb"
#: JupyterLab extensions Voila must not load: front ends of other applications, installed
#: next to Voila by the instructor extra (nbgrader) and by the Notebook 7 package. Built for
#: a newer JupyterLab than Voila's, they throw while the page loads ("Shared module
#: @jupyterlab/filebrowser doesn't exist in shared scope", "The getter for the shared module
#: is not a function") and add nothing to a lesson.
LABEXTENSIONS_OFF = ("@jupyter/nbgrader", "@jupyter-notebook/lab-extension")

_CSS = """
<style>
  /* Landauer course, lecture mode: readable from the back of the room */
  body, .jp-RenderedHTMLCommon, .jp-RenderedMarkdown { font-size: 22px; }
  .jp-RenderedHTMLCommon h1 { font-size: 2.0em; }
  .jp-RenderedHTMLCommon h2 { font-size: 1.6em; }
  .jp-RenderedHTMLCommon h3 { font-size: 1.3em; }
  .jp-RenderedText pre, .jp-OutputArea-output pre { font-size: 18px; }
  :root { --jp-widgets-font-size: 20px; --jp-widgets-inline-height: 40px;
          --jp-widgets-inline-label-width: 220px; --jp-widgets-inline-width: 560px;
          --jp-ui-font-size1: 20px; --jp-content-font-size1: 22px; }
  .widget-slider, .widget-hslider { width: 720px !important; }
  .widget-slider .noUi-handle { transform: scale(1.4); }
  #rendered_cells { max-width: 1400px; margin: auto; }
  /* Explorer figures follow the window. The kernels draw every canvas LECTURE_WIDTH_PX wide
     (helpers.widgets.explorer), the width of this column on a 1920-pixel projector; here a
     canvas is scaled down (never up, aspect kept) to the column's width and to the height the
     window leaves next to its explorer's controls (--landauer-figure-height, set below). */
  .jupyter-matplotlib, .jupyter-matplotlib-figure,
  .jupyter-matplotlib-canvas-container { max-width: 100%; }
  .jupyter-matplotlib-canvas-div { width: auto !important; height: auto !important;
                                   max-width: 100%; }
  .jupyter-matplotlib-canvas-div > canvas:first-child {
      position: static !important; width: auto !important; height: auto !important;
      max-width: 100% !important;
      max-height: var(--landauer-figure-height, calc(100vh - 160px)) !important; }
  .jupyter-matplotlib-canvas-div > canvas + canvas { width: 100% !important;
                                                     height: 100% !important; }
</style>
<script>
/* Landauer course, lecture mode: the height each figure may take, so that an explorer (text,
   controls, figure) fits on one screen; and pointer positions on a scaled figure mapped back
   to the figure's own pixels (ipympl reads them unscaled) for zooming and panning. */
(function () {
  "use strict";
  var MARGIN = 12, SMALLEST = 240;
  function fit() {
    var divs = document.querySelectorAll(".jupyter-matplotlib-canvas-div");
    for (var i = 0; i < divs.length; i++) {
      var div = divs[i], canvas = div.querySelector("canvas");
      var output = div.closest(".jp-OutputArea-output") || div.closest(".jupyter-matplotlib");
      if (!canvas || !output) continue;
      var others = output.getBoundingClientRect().height - canvas.getBoundingClientRect().height;
      var room = Math.max(SMALLEST, Math.floor(window.innerHeight - others - MARGIN));
      if (div.style.getPropertyValue("--landauer-figure-height") !== room + "px")
        div.style.setProperty("--landauer-figure-height", room + "px");
    }
  }
  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; fit(); });
  }
  window.addEventListener("resize", later);
  document.addEventListener("DOMContentLoaded", function () {
    new MutationObserver(later).observe(document.body, {childList: true, subtree: true});
    later();
  });

  var mapped = new WeakSet();
  function unscale(event) {
    var target = event.target;
    if (mapped.has(event) || !(target instanceof HTMLCanvasElement)
        || !target.parentElement || !target.parentElement.matches(".jupyter-matplotlib-canvas-div"))
      return;
    var box = target.getBoundingClientRect(), drawn = target.parentElement.querySelector("canvas");
    var natural = parseFloat(drawn.style.width) || box.width;  /* ipympl's own CSS width */
    var scale = box.width / natural;
    if (!(scale > 0) || Math.abs(scale - 1) < 0.002) return;
    event.stopImmediatePropagation();
    var init = {bubbles: event.bubbles, cancelable: event.cancelable, view: window,
                clientX: box.left + (event.clientX - box.left) / scale,
                clientY: box.top + (event.clientY - box.top) / scale,
                screenX: event.screenX, screenY: event.screenY, button: event.button,
                buttons: event.buttons, ctrlKey: event.ctrlKey, shiftKey: event.shiftKey,
                altKey: event.altKey, metaKey: event.metaKey};
    var copy;
    if (event.type === "wheel") {
      init.deltaX = event.deltaX; init.deltaY = event.deltaY; init.deltaMode = event.deltaMode;
      copy = new WheelEvent(event.type, init);
    } else {
      copy = new MouseEvent(event.type, init);
    }
    mapped.add(copy);
    if (!target.dispatchEvent(copy)) event.preventDefault();
  }
  ["mousedown", "mouseup", "mousemove", "dblclick", "wheel"].forEach(function (type) {
    window.addEventListener(type, unscale, true);
  });
})();
</script>
"""


def _read(path):
    """A notebook file as a dict ({} when it cannot be read)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _markdown_cells(path):
    return ["".join(cell.get("source", "")) for cell in _read(path).get("cells", [])
            if cell.get("cell_type") == "markdown"]


def _index_descriptions(index):
    """{notebook file name: "what you will be able to do"} from the course index's lesson table."""
    found = {}
    for text in _markdown_cells(index):
        for line in text.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            link = re.search(r"\(\.\./lessons/([^)]+\.ipynb)\)", line)
            if link and len(cells) >= 3:
                found[link.group(1)] = cells[2]
    return found


def lesson_catalogue(lessons, index=INDEX):
    """The lecture start page's entries: ``[(file name, title, description), ...]``, sorted.

    The title is the lesson's first heading ("Lesson 3 · Counting channels, ..."), the
    description its row of the course index's table (empty when the index does not list it).
    """
    descriptions = _index_descriptions(index)
    entries = []
    for path in sorted(Path(lessons).glob("*.ipynb")):
        title = notebook_title(_read(path), fallback=path.stem.replace("_", " "))
        entries.append((path.name, title, descriptions.get(path.name, "")))
    return entries


def _plain(text):
    """A table cell as one plain sentence: markdown/LaTeX marks removed, first letter capital."""
    text = re.sub(r"[$*`]", "", text).strip()
    return text[:1].upper() + text[1:]


def _tree_page(entries):
    """Voila's start page (template ``tree.html``): the lessons with titles, projector-sized."""
    items = "\n".join(
        f'      <li><a href="{{{{ base_url }}}}voila/render/{html.escape(name)}">'
        f'<span class="lesson-title">{html.escape(title)}</span>'
        f'<span class="lesson-what">{html.escape(_plain(what))}</span></a></li>'
        for name, title, what in entries)
    return (
        # a page of its own: Voila's page.html would fetch Font Awesome from a CDN
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        "<title>Conductance is transmission: lecture mode</title>\n<style>\n"
        "  body { font-family: system-ui, 'DejaVu Sans', sans-serif; }\n"
        "  body { font-size: 24px; margin: 0; }\n"
        "  #lecture-index { max-width: 1400px; margin: 40px auto; padding: 0 24px; }\n"
        "  #lecture-index h1 { font-size: 44px; margin-bottom: 8px; }\n"
        "  #lecture-index ol { list-style: none; padding: 0; }\n"
        "  #lecture-index li a { display: block; padding: 14px 18px; text-decoration: none;\n"
        "                        border-bottom: 1px solid #ccc; color: inherit; }\n"
        "  #lecture-index li a:hover, #lecture-index li a:focus { background: #e8f1f8; }\n"
        "  .lesson-title { display: block; font-size: 30px; font-weight: 600; color: #0072B2; }\n"
        "  .lesson-what { display: block; font-size: 22px; color: #333; margin-top: 4px; }\n"
        "</style>\n</head>\n<body>\n"
        '  <main id="lecture-index">\n'
        "    <h1>Conductance is transmission</h1>\n"
        "    <p>Lecture mode: each lesson opens as an app, code hidden, widgets live.</p>\n"
        "    <ol>\n" + items + "\n    </ol>\n  </main>\n</body>\n</html>\n")


def _offline_notebook_css():
    """The `notebook_css` block of Voila's lab template without its CDN stylesheets.

    Voila's lab template links Font Awesome from cdn.jsdelivr.net, which fails in a lecture
    room without internet (and the course draws no icons). The block is read from the
    installed Voila, so it follows Voila's updates; None when it cannot be found (then the
    original block is kept).
    """
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("voila", "templates", "lab"):
        path = Path(folder) / "index.html.j2"
        if path.is_file():
            match = re.search(r"\{%-? block notebook_css -?%\}(.*?)\{\{ super\(\) \}\}\s*"
                              r"\{%-? endblock notebook_css -?%\}", path.read_text(), flags=re.S)
            if match:
                text = path.read_text()
                # the block uses macros Voila's template imports at its top (spinner, ...)
                imports = re.findall(r"^\{%-? (?:import|from) .*?%\}$", text, flags=re.M)
                block = "\n".join(line for line in match.group(1).splitlines()
                                  if "https://cdn." not in line)
                return imports, block
    return None


def write_template(root, lessons=None, index=INDEX):
    """Write the lecture template (Voila's lab template + larger fonts) under `root`.

    With `lessons` (a folder), the template's start page lists those lessons with their titles
    and descriptions (`lesson_catalogue`) instead of Voila's file list.
    `root` becomes a Jupyter data folder: put it first on JUPYTER_PATH.
    """
    root = Path(root)
    nbconvert = root / "nbconvert" / "templates" / TEMPLATE
    voila = root / "voila" / "templates" / TEMPLATE
    nbconvert.mkdir(parents=True, exist_ok=True)
    voila.mkdir(parents=True, exist_ok=True)
    conf = {"base_template": "lab", "mimetypes": {"text/html": True}}
    (nbconvert / "conf.json").write_text(json.dumps(conf, indent=1))
    offline = _offline_notebook_css()
    imports, css = [], "{{ super() }}"
    if offline is not None:
        # Voila's own block without its CDN links, then the block it extends (super.super)
        imports, block = offline
        css = block + "\n{{ super.super() }}"
    (voila / "index.html.j2").write_text(
        "{%- extends 'voila/templates/lab/index.html.j2' -%}\n" + "".join(
            line + "\n" for line in imports) +
        "{%- block notebook_css -%}\n" + css + "\n" + _CSS + "{%- endblock notebook_css -%}\n")
    if lessons is not None:
        (voila / "tree.html").write_text(_tree_page(lesson_catalogue(lessons, index)),
                                         encoding="utf-8")
    return root


def voila_command(lessons, port, *, open_browser, template=TEMPLATE, ip="127.0.0.1"):
    """The Voila command line of lecture mode (server mode on the lessons folder)."""
    argv = [sys.executable, "-m", "voila", str(lessons), f"--port={port}", f"--Voila.ip={ip}",
            "--strip_sources=True", "--theme=light", f"--template={template}",
            # the classic (server-rendered) start page, which the template replaces by the
            # list of lessons with titles
            "--VoilaConfiguration.classic_tree=True",
            # a lesson's kernel can take long to start on a busy laptop: wait, do not fail
            "--VoilaExecutor.startup_timeout=300"]
    argv += [f"--VoilaConfiguration.extension_denylist={name}" for name in LABEXTENSIONS_OFF]
    if not open_browser:
        argv.append("--no-browser")
    return argv


def _parser():
    parser = argparse.ArgumentParser(
        prog="python -m helpers.lecture",
        description="Serve the course's lessons as Voila apps for a lecture "
                    "(code hidden, large fonts and figures).")
    parser.add_argument("--port", type=int, default=8866, help="port (default 8866)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.add_argument("--ip", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1; 0.0.0.0 for the room)")
    parser.add_argument("--lessons", type=Path, default=LESSONS,
                        help="folder of lesson notebooks (default: the course's lessons/)")
    return parser


def main(argv=None):
    args = _parser().parse_args(argv)
    try:
        import voila  # noqa: F401
    except ImportError:
        print('Lecture mode needs Voila: pip install -e ".[lecture]"', file=sys.stderr)
        return 2
    lessons = args.lessons.resolve()
    if not lessons.is_dir() or not any(lessons.glob("*.ipynb")):
        print(f"No lesson notebooks in {lessons}", file=sys.stderr)
        return 2

    data = Path(tempfile.mkdtemp(prefix="landauer-lecture-"))
    try:
        write_template(data, lessons)
        env = dict(os.environ)
        env[LECTURE_ENV] = "1"
        env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(data), env.get("JUPYTER_PATH")]))
        # `helpers` importable by the kernels even when the course is not pip-installed
        package_root = str(Path(__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        command = voila_command(lessons, args.port, open_browser=not args.no_browser, ip=args.ip)
        print(f"Lecture mode: http://{args.ip}:{args.port}/ lists the lessons of {lessons} "
              "(Ctrl+C to stop)", flush=True)
        process = subprocess.Popen(command, env=env, cwd=lessons)
        # `kill` (SIGTERM) stops lecture mode like Ctrl+C: Voila is told to shut down (its
        # kernels with it) and the temporary folder is removed below.
        previous = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        try:
            return process.wait()
        except KeyboardInterrupt:
            return _stop(process)
        finally:
            signal.signal(signal.SIGTERM, previous)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt


def _stop(process, grace=10):
    """Stop Voila as Ctrl+C would (SIGINT twice: Jupyter servers ask for confirmation once),
    then kill it if it is still running after `grace` seconds."""
    for _ in range(2):
        if process.poll() is not None:
            break
        process.send_signal(signal.SIGINT)
        try:
            return process.wait(grace / 2)
        except subprocess.TimeoutExpired:
            continue
    process.kill()
    return process.wait()


if __name__ == "__main__":
    sys.exit(main())
