"""Lecture mode: serve the course's lessons as Voila apps for a projector.

    python -m helpers.lecture                  # opens the lesson list in a browser
    python -m helpers.lecture --port 8866 --no-browser

Voila runs in its server mode on the ``lessons/`` folder: its start page lists every lesson,
and each link opens that lesson as an app, with the code hidden and the widgets live. For a
projector the pages use larger fonts and wider controls (a small Voila template built on
Voila's "lab" template, generated in a temporary folder), and the kernels get
``LANDAUER_LECTURE=1`` in their environment so that ``helpers.notebook.setup()`` can switch to
the lecture plot style (larger figures, fonts and lines).

Needs Voila (``pip install -e ".[lecture]"``). Stop with Ctrl+C.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["main", "voila_command", "LECTURE_ENV", "TEMPLATE"]

#: Environment variable the kernels see in lecture mode (read by ``setup()``).
LECTURE_ENV = "LANDAUER_LECTURE"
#: Name of the generated Voila template.
TEMPLATE = "landauer-lecture"
#: The course's lessons folder (next to the ``helpers`` package in a checkout).
LESSONS = Path(__file__).resolve().parents[1] / "lessons"

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
</style>
"""


def write_template(root):
    """Write the lecture template (Voila's lab template + larger fonts) under `root`.

    `root` becomes a Jupyter data folder: put it first on JUPYTER_PATH.
    """
    root = Path(root)
    nbconvert = root / "nbconvert" / "templates" / TEMPLATE
    voila = root / "voila" / "templates" / TEMPLATE
    nbconvert.mkdir(parents=True, exist_ok=True)
    voila.mkdir(parents=True, exist_ok=True)
    conf = {"base_template": "lab", "mimetypes": {"text/html": True}}
    (nbconvert / "conf.json").write_text(json.dumps(conf, indent=1))
    (voila / "index.html.j2").write_text(
        "{%- extends 'voila/templates/lab/index.html.j2' -%}\n"
        "{%- block notebook_css -%}\n{{ super() }}\n" + _CSS + "{%- endblock notebook_css -%}\n")
    return root


def voila_command(lessons, port, *, open_browser, template=TEMPLATE, ip="127.0.0.1"):
    """The Voila command line of lecture mode (server mode on the lessons folder)."""
    argv = [sys.executable, "-m", "voila", str(lessons), f"--port={port}", f"--Voila.ip={ip}",
            "--strip_sources=True", "--theme=light", f"--template={template}",
            # the classic start page: a plain list of links, one per lesson
            "--VoilaConfiguration.classic_tree=True",
            # a lesson's kernel can take long to start on a busy laptop: wait, do not fail
            "--VoilaExecutor.startup_timeout=300"]
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
        write_template(data)
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
        try:
            return process.wait()
        except KeyboardInterrupt:
            process.send_signal(signal.SIGINT)
            try:
                return process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                return process.wait()
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
