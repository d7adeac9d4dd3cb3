"""Lecture mode (`python -m helpers.lecture`): the lesson list and a lesson as a Voila app."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser]
try:
    import pytest_timeout  # noqa: F401
    pytestmark.append(pytest.mark.timeout(300))
except ImportError:
    pass


def test_lecture_help_runs_without_a_browser():
    out = subprocess.run([sys.executable, "-m", "helpers.lecture", "--help"], capture_output=True,
                         text=True, timeout=60, cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr
    assert "--port" in out.stdout and "--no-browser" in out.stdout


def test_lecture_template_extends_voila_lab(tmp_path):
    from helpers import lecture

    root = lecture.write_template(tmp_path)
    index = root / "voila" / "templates" / lecture.TEMPLATE / "index.html.j2"
    assert "voila/templates/lab/index.html.j2" in index.read_text()
    assert (root / "nbconvert" / "templates" / lecture.TEMPLATE / "conf.json").is_file()
    argv = lecture.voila_command("lessons", 1234, open_browser=False)
    assert "--strip_sources=True" in argv and "--no-browser" in argv
    assert f"--template={lecture.TEMPLATE}" in argv


def _lecture(browser_home, drive):
    lessons = browser_home / "root" / "lessons"
    notebooks = sorted(p.name for p in lessons.glob("*.ipynb")) if lessons.is_dir() else []
    if not notebooks:
        # Before the first lesson lands: serve course/index.ipynb as a stand-in lesson, so the
        # command itself is still tested.
        import shutil
        lessons = browser_home / "lecture-stand-in"
        lessons.mkdir(exist_ok=True)
        shutil.copy(browser_home / "root" / "course" / "index.ipynb", lessons / "00_index.ipynb")
        notebooks = ["00_index.ipynb"]
        print("no lessons/*.ipynb yet: lecture mode tested on course/index.ipynb as a stand-in")
    port = drive.free_port()
    server = drive.Server([sys.executable, "-m", "helpers.lecture", "--no-browser",
                         f"--port={port}", f"--lessons={lessons}"],
                        env=drive.server_env(browser_home), cwd=drive.root,
                        log_path=drive.artifacts / "lecture-server.log", port=port)
    return server, notebooks


def test_lecture_mode_lists_every_lesson_and_renders_one(page, browser_home, drive):
    server, notebooks = _lecture(browser_home, drive)
    try:
        server.wait_ready("/", timeout=90)
        page.goto(server.url + "/")
        page.wait_for_selector("a[href*='/voila/render/']")
        links = page.locator("a[href*='/voila/render/']")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        for name in notebooks:
            assert any(name in h for h in hrefs), f"{name} not linked from the index: {hrefs}"
        page.screenshot(path=str(drive.artifacts / "lecture-index.png"))

        first = notebooks[0]
        start = time.monotonic()
        page.goto(server.url + f"/voila/render/{first}", timeout=120_000)
        page.wait_for_selector(".jupyter-widgets >> visible=true", timeout=90_000)
        editors = page.locator(".jp-InputArea-editor, .cm-editor")
        assert not any(editors.nth(i).is_visible() for i in range(editors.count())), "code shown"
        size = page.evaluate("() => parseFloat(getComputedStyle("
                             "document.querySelector('.jp-RenderedHTMLCommon') || document.body)"
                             ".fontSize)")
        assert size >= 20, f"lecture font size {size}px"
        moved = drive.exercise_explorers(page, f"lecture-{Path(first).stem}")
        page.screenshot(path=str(drive.artifacts / f"lecture-{Path(first).stem}.png"))
        print(f"lecture {first}: {moved} in {time.monotonic() - start:.1f} s")
    except Exception:
        print(server.log())
        raise
    finally:
        server.stop()
    assert server.process.returncode is not None
    assert os.environ.get("LANDAUER_LECTURE") is None  # the test process itself is untouched
