"""The README's launch command serves the whole course, so every link of the index works.

`jupyter lab course/index.ipynb` alone would make `course/` the server root and every link
from the index to `../lessons/...` a 404; the README's command keeps the repository root.
"""

import re
import shlex
import sys
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.browser


def readme_launch_command(readme):
    """The `jupyter lab ...` part of the README's first (open-the-course) command, as argv."""
    block = re.search(r"```sh\n(.*?)\n```", readme, re.S)
    assert block, "README has no ```sh block"
    parts = [p.strip() for p in block.group(1).split("&&")]
    launch = [p for p in parts if p.startswith("jupyter lab")]
    assert launch, f"the README's first command does not start JupyterLab: {block.group(1)!r}"
    return shlex.split(launch[0])


def test_readme_launch_serves_every_lesson_from_the_repository_root(browser_home, drive):
    argv = readme_launch_command((drive.root / "README.md").read_text())
    assert argv[:2] == ["jupyter", "lab"]
    opened = [a for a in argv[2:] if a.endswith(".ipynb")]
    assert opened == ["course/index.ipynb"], argv
    env = drive.server_env(browser_home)
    root = browser_home / "root"        # a copy of the course tree, laid out as the repository

    def command(port):
        return [sys.executable, "-m", "jupyterlab", *argv[2:], "--no-browser", "--allow-root",
                f"--port={port}", "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
                "--IdentityProvider.token=", "--ServerApp.password="]

    port = drive.free_port()
    server = drive.Server(command(port), env=env, cwd=root, port=port,
                          log_path=drive.artifacts / "readme-launch.log")
    try:
        server.wait_ready("/api/status", timeout=90)
        lessons = sorted(p.name for p in (root / "lessons").glob("*.ipynb"))
        assert lessons
        for path in ["course/index.ipynb"] + [f"lessons/{name}" for name in lessons]:
            try:
                model = server.get_json(f"/api/contents/{path}?content=0")
            except urllib.error.HTTPError as exc:
                raise AssertionError(f"{path}: HTTP {exc.code} from the server the README "
                                     f"starts (its root is not the repository):\n"
                                     f"{server.log()}") from exc
            assert model["path"] == path
    finally:
        server.stop()
