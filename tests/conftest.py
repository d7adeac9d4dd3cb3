"""Test-session setup shared by the whole suite.

At import (before any test, notebook kernel or Jupyter server starts) every place where
Jupyter, IPython and matplotlib write into $HOME is pointed at one temporary folder made for
this test session, so the suite neither reads a developer's own configuration nor leaves files
behind. Kernelspecs are still found: nbval runs with ``--nbval-current-env`` (the kernel of
this Python), and the environment's own ``share/jupyter`` stays on the Jupyter path.
matplotlib draws with the non-interactive Agg backend in the test process.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="landauer-tests-"))
atexit.register(shutil.rmtree, _SESSION_DIR, ignore_errors=True)

_REDIRECTS = {
    "JUPYTER_CONFIG_DIR": "jupyter-config",
    "JUPYTER_DATA_DIR": "jupyter-data",
    "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "matplotlib",
}
for _variable, _sub in _REDIRECTS.items():
    (_SESSION_DIR / _sub).mkdir(parents=True, exist_ok=True)
    os.environ[_variable] = str(_SESSION_DIR / _sub)
os.environ["MPLBACKEND"] = "Agg"


@pytest.fixture(scope="session")
def session_home():
    """The temporary folder that holds this session's Jupyter/IPython/matplotlib state."""
    return _SESSION_DIR
