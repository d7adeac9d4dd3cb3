"""Real-browser fixtures: one JupyterLab server and one headless Chromium per test session.

Chromium is Debian's (``apt-get install -y --no-install-recommends chromium``), driven by
Playwright's sync API through ``executable_path``; Playwright's own browser download is not
used. Missing pieces make the tests *skip with the reason*, never pass silently.

The servers see a temporary copy of the course notebooks (``course/``, ``lessons/``, ...), so
nothing is ever written into the repository (no autosave, no checkpoints), and run with their
own Jupyter config/data/runtime folders (inherited from ``tests/conftest.py``), while the
kernel is this environment's own Python (jupyter_client replaces a kernelspec's ``python``
with the server's ``sys.executable``). Every server runs in its own process group, which is
killed at the end whatever happens.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("LANDAUER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
NOTEBOOK_FOLDERS = ("course", "lessons", "solutions", "exercises")


def browser_notebooks():
    """Every lesson notebook (sorted) plus course/index.ipynb, as paths relative to the repo."""
    lessons = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "lessons").glob("*.ipynb"))
    return lessons + ["course/index.ipynb"]


def notebook_id(path):
    return Path(path).stem


def pytest_generate_tests(metafunc):
    """A test asking for `lesson_notebook` runs once per notebook of `browser_notebooks()`."""
    if "lesson_notebook" in metafunc.fixturenames:
        metafunc.parametrize("lesson_notebook", browser_notebooks(), ids=notebook_id)


# --------------------------------------------------------------------------------------------
# What is missing?


def _missing_piece():
    """None when a real browser can run here, else the reason to skip."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return 'playwright (python package) not installed; install with pip install -e ".[test]"'
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return (f"chromium not found at {CHROMIUM}; install with "
                "apt-get install -y --no-install-recommends chromium")
    return None


@pytest.fixture(scope="session")
def browser_available():
    reason = _missing_piece()
    if reason:
        pytest.skip(reason)


# --------------------------------------------------------------------------------------------
# Servers


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(home):
    """Environment for a Jupyter/Voila server: isolated config dirs, the repo importable."""
    env = dict(os.environ)
    for variable, sub in {"JUPYTER_CONFIG_DIR": "jupyter-config",
                          "JUPYTER_DATA_DIR": "jupyter-data",
                          "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
                          "IPYTHONDIR": "ipython", "MPLCONFIGDIR": "matplotlib"}.items():
        if variable not in env or not env[variable].startswith(str(home)):
            env[variable] = str(Path(home) / sub)
        Path(env[variable]).mkdir(parents=True, exist_ok=True)
    env.pop("MPLBACKEND", None)  # the test process uses Agg; kernels pick their own backend
    # `helpers` importable even when the package is not pip-installed
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONUNBUFFERED"] = "1"
    return env


def write_lab_user_settings(config_dir):
    """No news pop-up, no autosave, no cell windowing: user settings in the isolated config dir."""
    settings = Path(config_dir) / "lab" / "user-settings" / "@jupyterlab"
    for rel, value in {
        "apputils-extension/notification.jupyterlab-settings":
            {"fetchNews": "false", "checkForUpdates": False},
        "docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
        # every cell stays in the DOM: with windowing, explorers scrolled out of view by Run All
        # are detached and no plot can be found
        "notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    }.items():
        target = settings / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(value))


def copy_notebooks(destination):
    """Copy the notebook folders (and their data files) to `destination`."""
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for folder in NOTEBOOK_FOLDERS:
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, Path(destination) / folder, ignore=ignore)


class Server:
    """A server subprocess in its own process group, with its log in a file."""

    def __init__(self, argv, *, env, cwd, log_path, port):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = Path(log_path)
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(argv, env=env, cwd=cwd, stdout=self._log,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        start_new_session=True)

    def log(self, tail=4000):
        try:
            return self.log_path.read_text(errors="replace")[-tail:]
        except OSError:
            return ""

    def wait_ready(self, path=None, timeout=60):
        """Wait until the port accepts connections (and `path`, if given, answers 200)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log()}")
            try:
                if path is None:
                    with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                        return
                else:
                    with urllib.request.urlopen(self.url + path, timeout=2) as response:
                        if response.status == 200:
                            return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server not ready after {timeout} s:\n{self.log()}")

    def get_json(self, path):
        with urllib.request.urlopen(self.url + path, timeout=5) as response:
            return json.load(response)

    def request(self, path, method="GET"):
        req = urllib.request.Request(self.url + path, method=method)
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status

    def stop(self):
        """SIGTERM the process group, SIGKILL after 5 s; safe to call twice."""
        if self.process.poll() is None:
            for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
                try:
                    os.killpg(self.process.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.process.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        try:  # kernels started by the server share its process group; make sure they go too
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._log.close()


def start_server(argv, *, env, cwd, log_path, port, ready_path=None, attempts=2):
    """Start a server, retrying on a fresh port once (a free port can be taken meanwhile)."""
    for attempt in range(attempts):
        server = Server(argv(port), env=env, cwd=cwd, log_path=log_path, port=port)
        try:
            server.wait_ready(ready_path)
            return server
        except RuntimeError:
            server.stop()
            if attempt == attempts - 1:
                raise
            port = free_port()


@pytest.fixture(scope="session")
def browser_home(browser_available, session_home):
    """Session folder for the browser tests: notebook copy, settings, server logs."""
    home = Path(tempfile.mkdtemp(prefix="browser-", dir=session_home))
    copy_notebooks(home / "root")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return home


@pytest.fixture(scope="session")
def lab_server(browser_home):
    """One JupyterLab server for the session, on a copy of the notebooks."""
    env = server_env(browser_home)
    write_lab_user_settings(env["JUPYTER_CONFIG_DIR"])

    def argv(port):
        return [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
                f"--port={port}", "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
                "--IdentityProvider.token=", "--ServerApp.password=",
                "--ServerApp.disable_check_xsrf=True",
                f"--ServerApp.root_dir={browser_home / 'root'}",
                "--KernelSpecManager.ensure_native_kernel=True",
                "--LabApp.expose_app_in_browser=True",
                "--LabApp.check_for_updates_class="
                "jupyterlab.handlers.announcements.NeverCheckForUpdate"]

    server = start_server(argv, env=env, cwd=browser_home / "root",
                          log_path=ARTIFACTS / "jupyterlab-server.log", port=free_port(),
                          ready_path="/api/status")
    try:
        specs = server.get_json("/api/kernelspecs")
        assert "python3" in specs["kernelspecs"], f"no python3 kernelspec: {specs}"
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def voila_runner(browser_home):
    """Start Voila on a notebook of the copied tree: ``with voila_runner(path) as server``."""
    import contextlib

    env = server_env(browser_home)

    @contextlib.contextmanager
    def run(notebook, *extra):
        name = Path(notebook).stem

        def argv(port):
            return [sys.executable, "-m", "voila", str(notebook), "--no-browser",
                    f"--port={port}", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0",
                    "--show_tracebacks=True", *extra]

        server = start_server(argv, env=env, cwd=browser_home / "root",
                              log_path=ARTIFACTS / f"voila-{name}.log", port=free_port())
        try:
            yield server
        finally:
            server.stop()

    return run


# --------------------------------------------------------------------------------------------
# Browser


@pytest.fixture(scope="session")
def browser(browser_available, browser_home):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh temporary user-data-dir of its own (passing
        # --user-data-dir in args is refused), so no profile state carries over.
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser context and page (1400x1000); console errors collected on it."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(f"pageerror: {exc}"))
    try:
        yield page
    finally:
        context.close()


# --------------------------------------------------------------------------------------------
# Driving explorers on a page (shared by the JupyterLab and Voila tests)

# the ipympl canvas div holds two <canvas> (figure + rubber-band overlay): take the div
PLOT_SELECTOR = ".jupyter-matplotlib-canvas-div, .widget-output img"
CONTROL_SELECTOR = (".widget-slider .noUi-handle, .widget-toggle-buttons button, "
                    ".widget-dropdown select")
WIDGET_ERROR_TEXTS = ("Error displaying widget", "Failed to load model class",
                      "Error creating widget")

# Marks each plot with data-landauer-plot=i and the smallest enclosing element that also holds
# a control with data-landauer-explorer=i; returns the number of plots found.
_MARK_EXPLORERS = """
([plotSel, controlSel]) => {
  const plots = Array.from(document.querySelectorAll(plotSel))
    .filter(el => el.getBoundingClientRect().width > 20);
  let found = 0;
  for (const plot of plots) {
    let box = plot.parentElement;
    while (box && !box.querySelector(controlSel)) box = box.parentElement;
    plot.setAttribute('data-landauer-plot', String(found));
    if (box && box !== document.body) box.setAttribute('data-landauer-explorer', String(found));
    found += 1;
  }
  return found;
}
"""


def mark_explorers(page):
    """Number of plots on the page; each plot and its explorer get data-landauer-* marks."""
    return page.evaluate(_MARK_EXPLORERS, [PLOT_SELECTOR, CONTROL_SELECTOR])


def stable_screenshot(locator, *, timeout=15.0, settle=0.4):
    """Screenshot bytes of `locator` once two shots `settle` seconds apart agree."""
    deadline = time.monotonic() + timeout
    shot = locator.screenshot(animations="disabled")
    while time.monotonic() < deadline:
        time.sleep(settle)
        again = locator.screenshot(animations="disabled")
        if again == shot:
            return shot
        shot = again
    return shot


def wait_changed(locator, before, *, timeout=20.0):
    """Poll screenshots of `locator` until they differ from `before`; the new bytes or None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # the <img> of an inline plot is replaced: re-resolve the locator each time
        shot = locator.screenshot(animations="disabled")
        if shot != before:
            return stable_screenshot(locator, timeout=5)
        time.sleep(0.25)
    return None


def move_one_control(page, explorer):
    """Move one control of the explorer element; returns a description of what was done."""
    handles = explorer.locator(".widget-slider .noUi-handle")
    if handles.count():
        handle = handles.first
        slider = explorer.locator(".widget-slider").first
        readout = slider.locator(".widget-readout")
        label = " ".join(slider.locator(".widget-label").first.text_content().split())
        start = readout.inner_text().strip() if readout.count() else None
        handle.scroll_into_view_if_needed()
        handle.focus()
        for key in ("ArrowRight", "ArrowLeft"):  # at the maximum ArrowRight does nothing
            for _ in range(12 if key == "ArrowRight" else 24):
                handle.press(key)
            now = readout.inner_text().strip() if readout.count() else None
            if now != start:
                # a `slow` slider (continuous_update=False) sends its value on release/change
                handle.blur()
                return f"slider {label!r}: {start} -> {now}"
        raise AssertionError(f"slider {label!r} did not move with the arrow keys (readout {start})")
    buttons = explorer.locator(".widget-toggle-buttons button:not(.mod-active)")
    if buttons.count():
        text = buttons.first.inner_text().strip()
        buttons.first.click()
        return f"toggle button {text!r}"
    select = explorer.locator(".widget-dropdown select")
    if select.count():
        options = select.first.locator("option").all_inner_texts()
        current = select.first.evaluate("el => el.options[el.selectedIndex].text")
        other = next(o for o in options if o != current)
        select.first.select_option(label=other)
        return f"dropdown {current!r} -> {other!r}"
    raise AssertionError("explorer has no slider, toggle button or dropdown")


def exercise_explorers(page, name, *, minimum=1):
    """Move a control of every explorer on the page and assert that its plot changed.

    Returns a list of (explorer number, what was moved). Screenshots of each plot before and
    after go to test-artifacts/browser/.
    """
    # widget views (and ipympl canvases) render a moment after the outputs arrive: wait until
    # at least `minimum` plots are there and their number has not changed for 1.5 s
    deadline = time.monotonic() + 30
    count, since = mark_explorers(page), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = mark_explorers(page)
        if now != count:
            count, since = now, time.monotonic()
        elif count >= minimum and time.monotonic() - since > 1.5:
            break
    assert count >= minimum, f"{name}: found {count} plots ({PLOT_SELECTOR}), expected >= {minimum}"
    moved = []
    for i in range(count):
        explorer = page.locator(f'[data-landauer-explorer="{i}"]')
        if not explorer.count():
            continue  # a plot without controls (a static figure): nothing to move
        plot = page.locator(f'[data-landauer-plot="{i}"]')
        if not plot.count():  # an inline <img> replaced by a redraw: mark again
            mark_explorers(page)
        plot.scroll_into_view_if_needed()
        before = stable_screenshot(plot)
        (ARTIFACTS / f"{name}-plot{i}-before.png").write_bytes(before)
        what = move_one_control(page, explorer)
        after = wait_changed(plot, before)
        if after is None and page.locator(f'[data-landauer-plot="{i}"]').count() == 0:
            # inline backend: the <img> was replaced; mark the new one and compare
            mark_explorers(page)
            after = wait_changed(page.locator(f'[data-landauer-plot="{i}"]'), before)
        assert after is not None, f"{name}: explorer {i}: plot did not change after {what}"
        (ARTIFACTS / f"{name}-plot{i}-after.png").write_bytes(after)
        moved.append((i, what))
    assert moved, f"{name}: {count} plot(s) but none next to a control"
    return moved


def widget_errors(page):
    """Messages of widget views that failed to render ("Error displaying widget" ...)."""
    text = page.locator("body").inner_text()
    return [line for line in text.splitlines() if any(n in line for n in WIDGET_ERROR_TEXTS)]


@pytest.fixture(scope="session")
def drive():
    """The explorer-driving functions, for the test modules (conftest is not importable)."""
    import types
    return types.SimpleNamespace(
        mark_explorers=mark_explorers, stable_screenshot=stable_screenshot,
        wait_changed=wait_changed, move_one_control=move_one_control,
        exercise_explorers=exercise_explorers, widget_errors=widget_errors,
        artifacts=ARTIFACTS, root=ROOT, Server=Server, free_port=free_port,
        server_env=server_env)
