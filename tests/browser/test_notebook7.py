"""Notebook 7 (`jupyter notebook`, for students who prefer it): a lesson runs, widgets live.

Notebook 7 is built from JupyterLab's components, so the JupyterLab test's driver works on it
(`--JupyterNotebookApp.expose_app_in_browser`); it takes the first lesson (`browser_notebooks`
in conftest.py).
"""

import urllib.parse
from pathlib import Path

import pytest

from test_jupyterlab import run_all_and_drive

pytestmark = [pytest.mark.browser]
try:  # pytest-timeout (in the `test` extra): a hung browser fails the test instead of CI
    import pytest_timeout  # noqa: F401
    pytestmark.append(pytest.mark.timeout(300))
except ImportError:
    pass


def test_notebook_runs_and_widgets_respond_in_notebook7(page, notebook7_server, drive,
                                                        notebook7_notebook):
    notebook = notebook7_notebook
    url = f"{notebook7_server.url}/notebooks/{urllib.parse.quote(notebook)}"
    run_all_and_drive(page, notebook7_server, drive, notebook, f"nb7-{Path(notebook).stem}", url=url)
