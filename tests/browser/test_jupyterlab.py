"""Lessons (half of them; Voila takes the others) and course/index.ipynb in a real JupyterLab:
Run All, no errors, widgets live.

One JupyterLab server and one Chromium for the whole session (fixtures in conftest.py); each
notebook opens in its own fresh workspace, so earlier notebooks do not reopen. The server
serves a temporary copy of the notebooks: nothing is saved into the repository.

Run only these: ``python -m pytest -m browser tests/browser`` (about 10 s per notebook).
"""

import time
import urllib.parse
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser]
try:  # pytest-timeout (in the `test` extra): a hung browser fails the test instead of CI
    import pytest_timeout  # noqa: F401
    pytestmark.append(pytest.mark.timeout(300))
except ImportError:
    pass

# The race in the notes: the execution indicator says "idle" before the kernel is connected,
# and Run All clicked then runs nothing. Wait for the session to be ready AND the kernel
# connection to be up and idle, from JupyterLab's own objects (--LabApp.expose_app_in_browser).
_KERNEL_READY = """
async () => {
  const app = window.jupyterapp;
  if (!app) return 'no app';
  const panel = app.shell.currentWidget;
  if (!panel || !panel.sessionContext || !panel.content) return 'no notebook panel';
  await panel.sessionContext.ready;
  await panel.context.ready;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel) return 'no kernel';
  if (kernel.connectionStatus !== 'connected') return 'kernel ' + kernel.connectionStatus;
  if (kernel.status !== 'idle') return 'kernel ' + kernel.status;
  await kernel.info;  // a kernel_info reply has come back over this connection
  return 'ready';
}
"""

_RUN_ALL = """
async () => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  const ok = await app.commands.execute('notebook:run-all-cells');
  return ok;
}
"""

# Per cell: execution count, tags, and the error outputs in the notebook model.
_CELL_REPORT = """
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session.kernel;
  const cells = panel.content.widgets.map((cell, index) => {
    const model = cell.model;
    const source = model.sharedModel.getSource();
    const tags = (model.getMetadata && model.getMetadata('tags')) || [];
    const outputs = model.type === 'code' ? model.outputs.toJSON() : [];
    return {index, type: model.type, empty: source.trim() === '',
            count: model.type === 'code' ? model.executionCount : null,
            state: model.executionState || null, tags,
            errors: outputs.filter(o => o.output_type === 'error')
                           .map(o => o.ename + ': ' + o.evalue)};
  });
  return {kernel: kernel ? kernel.status : 'none', cells};
}
"""


def _wait_for(page, script, want, timeout, what):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = page.evaluate(script)
        if last == want:
            return
        time.sleep(0.25)
    raise AssertionError(f"{what}: still {last!r} after {timeout} s")


def open_and_run(page, server, notebook, workspace, *, url=None):
    """Open `notebook` in a fresh workspace, wait for its kernel, Run All, wait until done.

    `url`: the page to open instead of JupyterLab's (Notebook 7 shares JupyterLab's objects).
    """
    url = url or (f"{server.url}/lab/workspaces/{workspace}/tree/"
                  f"{urllib.parse.quote(notebook)}?reset")
    page.goto(url)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
        " && window.jupyterapp.shell.currentWidget.sessionContext", timeout=60_000)
    _wait_for(page, _KERNEL_READY, "ready", 60, f"{notebook}: kernel")
    # Resolves when Run All is done: true, or false when a cell raised (the run stops there).
    completed = page.evaluate(_RUN_ALL)
    deadline = time.monotonic() + 180
    while True:
        report = page.evaluate(_CELL_REPORT)
        report["completed"] = completed
        code = [c for c in report["cells"] if c["type"] == "code" and not c["empty"]]
        idle = report["kernel"] == "idle" and all(c["state"] in (None, "idle") for c in code)
        if idle and (completed is False or all(c["count"] is not None for c in code)):
            return report
        if time.monotonic() > deadline:
            pending = [c["index"] for c in code if c["count"] is None]
            raise AssertionError(f"{notebook}: not all cells ran (kernel {report['kernel']}, "
                                 f"cells without execution count: {pending})")
        time.sleep(0.3)


def error_outputs(page, report):
    """Error outputs (tracebacks), from the model and from the DOM, outside raises-exception cells.

    In JupyterLab's DOM an error output and a harmless stderr warning are both rendered with
    data-mime-type="application/vnd.jupyter.stderr"; only the model's output_type tells them
    apart. The DOM check adds what a student would see: an ANSI-coloured traceback block.
    """
    allowed = {c["index"] for c in report["cells"] if "raises-exception" in c["tags"]}
    errors = [f"cell {c['index']}: {e}" for c in report["cells"] if c["index"] not in allowed
              for e in c["errors"]]
    dom = page.evaluate(
        """(allowed) => Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'))
             .map((cell, index) => ({index, texts: Array.from(cell.querySelectorAll(
                 '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
                 .map(el => el.innerText)
                 .filter(t => t.includes('Traceback (most recent call last)')
                              || /^-{20,}\\n?\\w+(Error|Exception)/m.test(t))}))
             .filter(c => c.texts.length && !allowed.includes(c.index))
             .map(c => 'cell ' + c.index + ' (DOM): ' + c.texts[0].slice(0, 300))""",
        sorted(allowed))
    return errors + dom


def run_all_and_drive(page, server, drive, notebook, name, *, url=None):
    """Open `notebook`, Run All, check for error outputs and widget errors, drive one explorer.

    Shared by JupyterLab and Notebook 7 (`url`: the page to open instead of JupyterLab's)."""
    start = time.monotonic()
    report = open_and_run(page, server, notebook, workspace=name, url=url)
    try:
        errors = error_outputs(page, report)
        assert not errors, f"{notebook}: error outputs after Run All:\n" + "\n".join(errors)
        assert report["completed"] is not False, f"{notebook}: Run All stopped early"
        # widget views render a moment after the outputs arrive
        page.wait_for_selector(".jupyter-widgets >> visible=true", timeout=30_000)
        assert not drive.widget_errors(page), drive.widget_errors(page)
        # every explorer rendered (no widget error above); the first one is driven: the
        # Python-level tests (tests/test_explorer_redraws.py) move every control of every one
        moved = drive.exercise_explorers(page, name, limit=1)
        assert not drive.widget_errors(page), drive.widget_errors(page)
    finally:
        page.screenshot(path=str(drive.artifacts / f"{name}.png"), full_page=False)
        _shutdown_sessions(server, notebook)
    print(f"{notebook}: {len(moved)} explorer(s) moved in {time.monotonic() - start:.1f} s: {moved}")


def test_notebook_runs_and_widgets_respond_in_jupyterlab(page, lab_server, drive, lab_notebook):
    """`lab_notebook`: the lessons this front end takes (`browser_notebooks` in conftest.py)."""
    run_all_and_drive(page, lab_server, drive, lab_notebook, f"lab-{Path(lab_notebook).stem}")


def _shutdown_sessions(server, notebook):
    """Stop the notebook's kernel so the next notebook does not share memory or CPU with it."""
    try:
        for session in server.get_json("/api/sessions"):
            if session.get("path", "").endswith(notebook):
                server.request(f"/api/sessions/{session['id']}", method="DELETE")
    except Exception:
        pass  # best effort: the server is stopped at the end of the session anyway


def test_run_all_detects_an_error_output(page, lab_server, browser_home):
    """The error check above is not vacuous: a notebook that raises is reported."""
    from nbformat.v4 import new_code_cell, new_notebook
    import nbformat

    broken = browser_home / "root" / "broken_for_test.ipynb"
    nb = new_notebook(cells=[new_code_cell("import warnings; warnings.warn('harmless')"),
                             new_code_cell("1 / 0"), new_code_cell("print('after')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, broken)
    report = open_and_run(page, lab_server, broken.name, workspace="lab-broken")
    try:
        errors = error_outputs(page, report)
    finally:
        _shutdown_sessions(lab_server, broken.name)
    assert any("ZeroDivisionError" in e for e in errors), errors
    assert not any("harmless" in e for e in errors), errors  # a warning is not an error


def test_repository_left_untouched(lab_server, drive):
    """The server works on a copy: `git status` of the notebook folders shows nothing new."""
    import subprocess

    try:
        out = subprocess.run(["git", "status", "--porcelain", "--ignored", "--", "course",
                              "lessons"], cwd=drive.root, capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("git not available")
    assert ".ipynb_checkpoints" not in out, out


def test_no_console_errors_in_jupyterlab(page, lab_server, drive, browser_notebooks):
    """A student's JupyterLab: no console errors or page errors while a lesson runs and its
    first explorer is driven (`page.console_errors`, collected by the `page` fixture)."""
    notebook = browser_notebooks("jupyterlab")[0]
    run_all_and_drive(page, lab_server, drive, notebook, f"lab-console-{Path(notebook).stem}")
    assert not page.console_errors, f"{notebook}: console errors in JupyterLab:\n" + "\n".join(
        page.console_errors)
