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
import re
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


def browser_notebooks(front_end=None):
    """The notebooks a browser test opens, as paths relative to the repository.

    Every lesson runs in a real browser once per test run, in one of the front ends: JupyterLab
    (what students open) takes the even positions of the sorted lesson list and
    course/index.ipynb (the README's landing page), except the first lesson, which runs in
    Notebook 7 (for students who prefer it); Voila (lecture mode and the apps) takes the odd
    ones. So each front end sees lessons of every kind and the heavy ones are shared. The
    front ends render the same widget classes; every control of every explorer is moved in
    Python by tests/test_explorer_redraws.py. `front_end=None` lists them all.
    """
    lessons = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "lessons").glob("*.ipynb"))
    if front_end is None:
        return lessons + ["course/index.ipynb"]
    if front_end == "notebook7":
        return lessons[:1]
    if front_end == "jupyterlab":
        return lessons[2::2] + ["course/index.ipynb"]
    if front_end == "voila":
        return lessons[1::2]
    raise ValueError(f"front_end={front_end!r}: use 'jupyterlab', 'notebook7', 'voila' or None")


def notebook_id(path):
    return Path(path).stem


@pytest.fixture(name="browser_notebooks")
def browser_notebooks_fixture():
    """`browser_notebooks` itself, for the test that checks the split."""
    return browser_notebooks


def pytest_generate_tests(metafunc):
    """A test asking for `lab_notebook` / `voila_notebook` runs once per notebook that front end
    takes (`browser_notebooks`)."""
    for fixture, front_end in (("lab_notebook", "jupyterlab"), ("voila_notebook", "voila"),
                               ("notebook7_notebook", "notebook7")):
        if fixture in metafunc.fixturenames:
            metafunc.parametrize(fixture, browser_notebooks(front_end), ids=notebook_id)


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
def notebook7_server(browser_home):
    """One Notebook 7 server (`jupyter notebook`) for the session, on a copy of the notebooks."""
    env = server_env(browser_home)
    write_lab_user_settings(env["JUPYTER_CONFIG_DIR"])

    def argv(port):
        return [sys.executable, "-m", "notebook", "--no-browser", "--allow-root",
                f"--port={port}", "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
                "--IdentityProvider.token=", "--ServerApp.password=",
                "--ServerApp.disable_check_xsrf=True",
                f"--ServerApp.root_dir={browser_home / 'root'}",
                "--KernelSpecManager.ensure_native_kernel=True",
                "--JupyterNotebookApp.expose_app_in_browser=True"]

    server = start_server(argv, env=env, cwd=browser_home / "root",
                          log_path=ARTIFACTS / "notebook7-server.log", port=free_port(),
                          ready_path="/api/status")
    try:
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
                    "--show_tracebacks=True",
                    # a kernel starts slowly on a busy machine: wait for it, not 60 s
                    "--VoilaExecutor.startup_timeout=300", *extra]

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


def new_page(browser, viewport):
    """A page in a fresh browser context of `viewport` ({"width", "height"} in CSS pixels),
    collecting console errors and page errors in ``page.console_errors``; close it with
    ``page.context.close()``."""
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(f"pageerror: {exc}"))
    return page


@pytest.fixture
def page(browser, request):
    """A fresh browser context and page (1400x1000); console errors collected on it."""
    page = new_page(browser, {"width": 1400, "height": 1000})
    try:
        yield page
    finally:
        page.context.close()


# --------------------------------------------------------------------------------------------
# Driving explorers on a page (shared by the JupyterLab and Voila tests)

# the ipympl canvas div holds two <canvas> (figure + rubber-band overlay): take the div
PLOT_SELECTOR = ".jupyter-matplotlib-canvas-div, .widget-output img"
SLIDER_SELECTOR = ".widget-slider"
TOGGLE_SELECTOR = ".widget-toggle-buttons"
DROPDOWN_SELECTOR = ".widget-dropdown select"
CONTROL_SELECTOR = (f"{SLIDER_SELECTOR} .noUi-handle, {TOGGLE_SELECTOR} button, "
                    f"{DROPDOWN_SELECTOR}")
# the boxes an explorer (or `interact`) is made of: VBox, HBox, GridBox, interactive
BOX_SELECTOR = ".widget-box"
WIDGET_ERROR_TEXTS = ("Error displaying widget", "Failed to load model class",
                      "Error creating widget")

# Explorers are found from their controls, never by pairing the n-th control with the n-th
# plot (a static figure between two explorers would shift the pairing). For each control, walk
# up to the closest widget box that also holds a (visible) plot: that box is the control's
# explorer (`Explorer.widget`, or the VBox of `interact`). Controls in no such box (a quiz, a
# lone slider) are not explorers; plots in no such box are static figures. Each explorer box
# gets data-landauer-explorer=i (document order). Returns {plots, explorers}.
_MARK_EXPLORERS = """
([plotSel, controlSel, boxSel]) => {
  const visible = el => { const r = el.getBoundingClientRect();
                          return r.width > 20 && r.height > 20; };
  const hasPlot = box => Array.from(box.querySelectorAll(plotSel)).some(visible);
  for (const el of document.querySelectorAll('[data-landauer-explorer]'))
    el.removeAttribute('data-landauer-explorer');
  const plots = Array.from(document.querySelectorAll(plotSel)).filter(visible);
  const boxes = [];
  for (const control of document.querySelectorAll(controlSel)) {
    let box = control.parentElement;
    while (box && box !== document.body && !(box.matches(boxSel) && hasPlot(box)))
      box = box.parentElement;
    if (box && box !== document.body && !boxes.includes(box)) boxes.push(box);
  }
  // an explorer nested in a bigger box that also holds plots (tabs of explorers...): keep
  // the innermost boxes only
  const inner = boxes.filter(b => !boxes.some(o => o !== b && b.contains(o)));
  inner.forEach((box, i) => box.setAttribute('data-landauer-explorer', String(i)));
  return {plots: plots.length, explorers: inner.length};
}
"""


def mark_explorers(page):
    """``{"plots": n, "explorers": m}``; each explorer box gets ``data-landauer-explorer=i``."""
    return page.evaluate(_MARK_EXPLORERS, [PLOT_SELECTOR, CONTROL_SELECTOR, BOX_SELECTOR])


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


def _visible_plots(explorer):
    """Locators of the visible plots inside `explorer` (re-resolved at every use)."""
    plots = explorer.locator(PLOT_SELECTOR)
    found = []
    for j in range(plots.count()):
        box = plots.nth(j).bounding_box()
        if box and box["width"] > 20 and box["height"] > 20:
            found.append(plots.nth(j))
    return found


def wait_changed(locator, before, *, timeout=20.0):
    """Poll screenshots of `locator` until they differ from `before`; the new bytes or None.

    `locator` may also be a list of locators and `before` the list of their screenshots: then
    wait until any of them differs, and return the list of new screenshots.
    """
    many = isinstance(locator, (list, tuple))
    locators, befores = (list(locator), list(before)) if many else ([locator], [before])
    deadline = time.monotonic() + timeout
    while True:
        # the <img> of an inline plot is replaced at each redraw: locators re-resolve each time
        shots = []
        for loc in locators:
            try:
                shots.append(loc.screenshot(animations="disabled", timeout=10_000))
            except Exception:  # detached mid-redraw: try again
                shots.append(None)
        if any(s is not None and s != b for s, b in zip(shots, befores)):
            time.sleep(0.3)
            settled = [stable_screenshot(loc, timeout=5) for loc in locators]
            return settled if many else settled[0]
        if time.monotonic() > deadline:
            return None
        time.sleep(0.25)


def _readout(slider):
    readout = slider.locator(".widget-readout")
    return readout.first.inner_text().strip() if readout.count() else None


_FLOAT_READOUT = re.compile(r"^[-+\u2212]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][-+\u2212]?\d+)$")


def _sliders(explorer):
    """Enabled sliders of `explorer`, float sliders first (by readout), document order kept."""
    sliders = explorer.locator(SLIDER_SELECTOR)
    found = []
    for k in range(sliders.count()):
        slider = sliders.nth(k)
        if not slider.locator(".noUi-handle").count():
            continue
        if slider.locator("[disabled]").count() or not slider.is_visible():
            continue
        found.append(slider)
    return sorted(found, key=lambda s: not _FLOAT_READOUT.match(_readout(s) or ""))


class _Control:
    """One control of an explorer, moved step by step: ``move()`` again moves it further."""

    def __init__(self, explorer):
        self.explorer = explorer
        self.kind = None
        self.history = []
        sliders = _sliders(explorer)
        if sliders:
            self.kind, self.slider = "slider", sliders[0]
            self.label = " ".join((self.slider.locator(".widget-label").first.text_content()
                                   or "").split())
            self.direction = "ArrowRight"
            self.history.append(_readout(self.slider))
            return
        toggles = explorer.locator(f"{TOGGLE_SELECTOR} button")
        if toggles.count() > 1:
            self.kind, self.toggles = "toggle", toggles
            return
        selects = explorer.locator(DROPDOWN_SELECTOR)
        if selects.count() and selects.first.locator("option").count() > 1:
            self.kind, self.select = "dropdown", selects.first
            return
        raise AssertionError("explorer has no slider, toggle button or dropdown")

    def move(self, presses=12):
        """Move the control once more; returns a description of where it is now."""
        if self.kind == "slider":
            return self._move_slider(presses)
        if self.kind == "toggle":
            buttons = self.explorer.locator(f"{TOGGLE_SELECTOR} button:not(.mod-active)")
            text = buttons.first.inner_text().strip()
            buttons.first.click()
            self.history.append(text)
            return f"toggle buttons: {' -> '.join(self.history)}"
        options = self.select.locator("option").all_inner_texts()
        current = self.select.evaluate("el => el.options[el.selectedIndex].text")
        self.history = self.history or [current]
        unused = [o for o in options if o not in self.history] or [o for o in options
                                                                     if o != current]
        self.select.select_option(label=unused[0])
        self.history.append(unused[0])
        return f"dropdown: {' -> '.join(repr(h) for h in self.history)}"

    def _move_slider(self, presses):
        handle = self.slider.locator(".noUi-handle").first
        start = _readout(self.slider)
        handle.scroll_into_view_if_needed()
        page = self.slider.page

        def moved():
            # the readout follows the handle asynchronously: give a loaded machine a moment
            for _ in range(30):
                now = _readout(self.slider)
                if now != start:
                    return now
                page.wait_for_timeout(100)
            return None

        for attempt in range(2):  # at an end of the range: turn round and go the other way
            handle.click()  # focus the handle (a bare focus() is sometimes not taken)
            for _ in range(presses if attempt == 0 else 2 * presses):
                handle.press(self.direction)
            now = moved()
            if now is None:  # keyboard ignored: drag the handle instead
                box = handle.bounding_box()
                if box:
                    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
                    step = 40 if self.direction == "ArrowRight" else -40
                    page.mouse.move(x, y)
                    page.mouse.down()
                    page.mouse.move(x + step, y, steps=5)
                    page.mouse.up()
                    now = moved()
            if now is not None:
                # a `slow` slider (continuous_update=False) sends its value on release/change
                handle.blur()
                self.history.append(now)
                return f"slider {self.label!r}: {' -> '.join(map(str, self.history))}"
            self.direction = "ArrowLeft" if self.direction == "ArrowRight" else "ArrowRight"
        handle.blur()
        raise AssertionError(f"slider {self.label!r} moved neither with the arrow keys nor by "
                             f"dragging (readout {start})")


def move_one_control(page, explorer):
    """Move one control of the explorer element (a float slider if there is one)."""
    return _Control(explorer).move()


def _wait_for_widgets(page, name, minimum, timeout=60.0, quiet=2.0):
    """Wait until >= `minimum` plots are there and nothing has changed for `quiet` seconds.

    Widget views (and ipympl canvases) render a moment after the outputs arrive, and slowly on
    a loaded machine. Returns the last ``mark_explorers`` result.
    """
    deadline = time.monotonic() + timeout
    marks, since = mark_explorers(page), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = mark_explorers(page)
        if now != marks:
            marks, since = now, time.monotonic()
        elif marks["plots"] >= minimum and time.monotonic() - since > quiet:
            break
    return marks


def _plot_census(page):
    """What plot-like elements the page holds, with their sizes (for failure messages)."""
    return page.evaluate("""() => {
      const size = el => { const r = el.getBoundingClientRect();
                           return Math.round(r.width) + 'x' + Math.round(r.height); };
      const list = sel => Array.from(document.querySelectorAll(sel)).map(size);
      return {'.jupyter-matplotlib': list('.jupyter-matplotlib'),
              'canvas-div': list('.jupyter-matplotlib-canvas-div'),
              '.widget-output img': list('.widget-output img'),
              sliders: document.querySelectorAll('.widget-slider').length,
              'widget boxes': document.querySelectorAll('.widget-box').length};
    }""")


def exercise_explorers(page, name, *, minimum=1, attempts=3, timeout=30.0, limit=None):
    """Move a control of every explorer on the page (of the first `limit` explorers, if
    given) and assert that ITS plot changed.

    An explorer is the widget box holding both a control and a plot (see `_MARK_EXPLORERS`),
    so static figures elsewhere on the page play no part. The control is the explorer's first
    float slider if it has one (else a slider, toggle buttons, a dropdown); if its plot has not
    changed after the first move, the control is moved further (`attempts` moves in all)
    before the test fails. Returns a list of (explorer number, what was moved). Screenshots of
    each plot before and after go to test-artifacts/browser/.
    """
    for stale in [*ARTIFACTS.glob(f"{name}-plot*.png"), *ARTIFACTS.glob(f"{name}-explorer*.png")]:
        stale.unlink(missing_ok=True)  # from an earlier run
    marks = _wait_for_widgets(page, name, minimum)
    assert marks["plots"] >= minimum, (f"{name}: found {marks['plots']} plots "
                                       f"({PLOT_SELECTOR}), expected >= {minimum}; "
                                       f"on the page: {_plot_census(page)}")
    moved = []
    for i in range(marks["explorers"] if limit is None else min(limit, marks["explorers"])):
        explorer = page.locator(f'[data-landauer-explorer="{i}"]')
        explorer.scroll_into_view_if_needed()
        plots = _visible_plots(explorer)
        assert plots, f"{name}: explorer {i}: its plot is no longer visible"
        before = [stable_screenshot(plot) for plot in plots]
        for j, shot in enumerate(before):
            (ARTIFACTS / f"{name}-explorer{i}-plot{j}-before.png").write_bytes(shot)
        control = _Control(explorer)
        after = None
        for attempt in range(attempts):
            what = control.move()
            after = wait_changed(_visible_plots(explorer) or plots, before,
                                 timeout=timeout if attempt == 0 else timeout / 2)
            if after is not None:
                break
        if after is None:  # what the plot looks like after the last move, for the report
            for j, plot in enumerate(_visible_plots(explorer)):
                (ARTIFACTS / f"{name}-explorer{i}-plot{j}-after.png").write_bytes(
                    plot.screenshot(animations="disabled"))
            status = explorer.locator(".widget-html").all_inner_texts()
            status = " | ".join(t.strip() for t in status if t.strip())
            raise AssertionError(f"{name}: explorer {i}: plot did not change after {what}"
                                 + (f" (explorer text: {status})" if status else "")
                                 + f"; screenshots {ARTIFACTS}/{name}-explorer{i}-plot*.png")
        for j, shot in enumerate(after):
            (ARTIFACTS / f"{name}-explorer{i}-plot{j}-after.png").write_bytes(shot)
        moved.append((i, what))
    assert moved, (f"{name}: {marks['plots']} plot(s) but no explorer (no widget box holds "
                   "both a control and a plot)")
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
        server_env=server_env, new_page=new_page)
