"""Notebook 7 (`jupyter notebook`, for students who prefer it): a lesson runs, widgets live.

Notebook 7 is built from JupyterLab's components, so the JupyterLab test's driver works on it
(`--JupyterNotebookApp.expose_app_in_browser`); it takes the first lesson (`browser_notebooks`
in conftest.py).
"""

import time
import urllib.parse
from pathlib import Path

import pytest

from test_jupyterlab import _shutdown_sessions, error_outputs, open_and_run

pytestmark = [pytest.mark.browser]
try:  # pytest-timeout (in the `test` extra): a hung browser fails the test instead of CI
    import pytest_timeout  # noqa: F401
    pytestmark.append(pytest.mark.timeout(300))
except ImportError:
    pass


def test_notebook_runs_and_widgets_respond_in_notebook7(page, notebook7_server, drive,
                                                        notebook7_notebook):
    notebook = notebook7_notebook
    name = f"nb7-{Path(notebook).stem}"
    start = time.monotonic()
    url = f"{notebook7_server.url}/notebooks/{urllib.parse.quote(notebook)}"
    report = open_and_run(page, notebook7_server, notebook, name, url=url)
    try:
        errors = error_outputs(page, report)
        assert not errors, f"{notebook}: error outputs after Run All:\n" + "\n".join(errors)
        assert report["completed"] is not False, f"{notebook}: Run All stopped early"
        page.wait_for_selector(".jupyter-widgets >> visible=true", timeout=30_000)
        assert not drive.widget_errors(page), drive.widget_errors(page)
        moved = drive.exercise_explorers(page, name, limit=1)
        assert not drive.widget_errors(page), drive.widget_errors(page)
    finally:
        page.screenshot(path=str(drive.artifacts / f"{name}.png"), full_page=False)
        _shutdown_sessions(notebook7_server, notebook)
    print(f"{notebook}: {len(moved)} explorer(s) moved in {time.monotonic() - start:.1f} s: {moved}")
