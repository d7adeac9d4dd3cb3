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


def test_lecture_catalogue_titles_and_describes_every_lesson():
    """The start page's entries come from the lessons' headings and the course index's table."""
    from helpers import lecture

    entries = lecture.lesson_catalogue(lecture.LESSONS)
    assert [name for name, _, _ in entries] == sorted(p.name for p in lecture.LESSONS.glob("*.ipynb"))
    for name, title, description in entries:
        number = int(name.split("_")[0])
        assert title.startswith(f"Lesson {number} · "), (name, title)
        assert len(description.split()) >= 5, f"{name}: no description in course/index.ipynb"


def _lecture(browser_home, drive, env=None):
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
                        env=env or drive.server_env(browser_home), cwd=drive.root,
                        log_path=drive.artifacts / "lecture-server.log", port=port)
    return server, notebooks


def test_lecture_mode_lists_every_lesson_and_renders_one(page, browser_home, drive):
    server, notebooks = _lecture(browser_home, drive)
    outside = []  # nothing is fetched from outside the lecture server (a room may be offline)
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith((server.url, "data:", "blob:", "about:")) else None)
    try:
        server.wait_ready("/", timeout=90)
        page.goto(server.url + "/")
        page.wait_for_selector("a[href*='/voila/render/']")
        links = page.locator("a[href*='/voila/render/']")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        for name in notebooks:
            assert any(name in h for h in hrefs), f"{name} not linked from the index: {hrefs}"
        # lesson titles and descriptions in projector-sized type, not a list of file names
        titles = page.locator(".lesson-title")
        assert titles.count() == len(notebooks), titles.count()
        assert all(titles.nth(i).inner_text().startswith("Lesson ") for i in range(titles.count()))
        title_px = page.evaluate("() => parseFloat(getComputedStyle("
                                 "document.querySelector('.lesson-title')).fontSize)")
        assert title_px >= 24, f"lesson titles at {title_px}px"
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
        assert "Landauer course ready" not in page.inner_text("body"), "status line shown"
        assert not outside, f"requests outside the lecture server: {outside}"
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


def test_lecture_mode_stops_cleanly_on_sigterm(browser_home, drive):
    """`kill` stops lecture mode like Ctrl+C: Voila exits, the port is free, no temp folder left."""
    import signal
    import socket
    import tempfile

    env = drive.server_env(browser_home)
    temp_root = Path(tempfile.mkdtemp(prefix="sigterm-", dir=browser_home))
    env["TMPDIR"] = str(temp_root)  # lecture mode's template folder goes here
    server, _ = _lecture(browser_home, drive, env=env)
    try:
        server.wait_ready("/", timeout=90)
        assert list(temp_root.glob("landauer-lecture-*")), "no template folder made"
        server.process.send_signal(signal.SIGTERM)  # the lecture process only, not its group
        server.process.wait(60)
        # checked before `stop()`, which would kill the whole process group anyway
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", server.port)) != 0, "Voila still holds the port"
        assert not list(temp_root.glob("landauer-lecture-*")), "temporary folder left behind"
    finally:
        server.stop()
