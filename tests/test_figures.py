"""Static figures (`python -m helpers.figures`): the committed data are what the explorers draw
now, a changed number is caught, and every registered explorer has its figure and alt text."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

from helpers import figures
from helpers.explorers import entries

ROOT = Path(__file__).resolve().parent.parent


def _run(*args):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "helpers.figures", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=900)


def test_committed_figures_match_what_the_explorers_compute_now():
    done = _run("--check")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_check_fails_when_a_stored_number_differs(tmp_path):
    key = "06_negf_caroli-molecule"
    for suffix in (".png", ".json"):
        shutil.copy(figures.FIGURES / f"{key}{suffix}", tmp_path)
    data = json.loads((tmp_path / f"{key}.json").read_text())
    y = data["lines"]["T"]["y"]
    i = int(np.argmax(y))
    y[i] = y[i] * (1 + 1e-5)                       # ten times the tolerance
    (tmp_path / f"{key}.json").write_text(json.dumps(data))
    done = _run("--check", "--out", str(tmp_path), "--only", key)
    assert done.returncode == 1 and "/lines/T/y" in done.stdout, done.stdout + done.stderr


def test_every_registered_explorer_has_a_small_figure_with_alt_text_and_its_data():
    for entry in entries():
        png = figures.FIGURES / f"{entry.key}.png"
        assert png.exists() and png.stat().st_size < 60_000, entry.key
        assert png.read_bytes().startswith(b"\x89PNG")
        data = json.loads((figures.FIGURES / f"{entry.key}.json").read_text())
        assert data["alt"] == entry.alt and entry.alt.endswith(".") and len(entry.alt) > 40
        assert all(len(line["x"]) <= figures.MAX_POINTS for line in data["lines"].values())
    lines = figures.markdown()
    assert lines[0].startswith("![") and lines[0].endswith(".png)") and "](figures/" in lines[0]


def test_numbers_are_stored_to_six_significant_digits():
    assert figures._round([123456789.0, -0.000123456789, 0.0, np.nan, 1.5]) == \
        [123457000.0, -0.000123457, 0.0, None, 1.5]
    assert list(figures._pick(1000, 200)[[0, -1]]) == [0, 999] and len(figures._pick(1000, 200)) <= 200


def test_the_registry_lists_the_explorers_the_lessons_show():
    import re

    for entry in entries():
        notebook = ROOT / "lessons" / f"{entry.lesson}.ipynb"
        assert notebook.exists(), entry.key
        function = entry.target.rsplit(".", 1)[1]
        calls = re.findall(rf"{function}\(([^)]*)\)", notebook.read_text())
        assert calls, f"{entry.key}: {function} is not called in {notebook.name}"
        assert callable(entry.factory)
    keys = [entry.key for entry in entries()]
    assert len(keys) == len(set(keys))


def test_every_explorer_the_lessons_show_is_registered_and_its_figure_embedded():
    """A lesson reads without a kernel: after each explorer its registered static figure (the
    explorer's starting state) is embedded as an image; no explorer escapes the registry."""
    import re

    import nbformat

    registered = {(e.lesson, e.target.rsplit(".", 1)[1]): e for e in entries()}
    for path in sorted((ROOT / "lessons").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            for function in re.findall(r"\b(\w+_explorer)\(", cell.source):
                entry = registered.get((path.stem, function))
                assert entry, f"{path.name}: {function} is not in helpers.explorers.REGISTRY"
                assert f"](figures/{entry.key}.png)" in markdown, \
                    f"{path.name}: the static figure of {entry.key} is not embedded"
