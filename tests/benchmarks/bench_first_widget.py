"""Time to a lesson's first widget: what a lecturer waits for after clicking a lesson.

    python tests/benchmarks/run.py --only "first widget" --repeat 3 --warmup 0

Each entry starts a fresh kernel (as Voila does for every page load), runs the lesson's cells
in order and stops at the first cell whose output is a widget; the time is measured from the
kernel start to that output, so it includes the kernel start, the imports and every cell
before the widget. Aim: under 10 s on this machine for every lesson. The browser adds its own
rendering on top (about a second for a warm page).
"""

import time
from pathlib import Path

import nbformat

from registry import benchmark

ROOT = Path(__file__).resolve().parents[2]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))


def time_to_first_widget(path):
    """Seconds from a fresh kernel's start to the first widget output of notebook `path`."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, index)
            if any(WIDGET_MIME in output.get("data", {}) for output in cell.outputs):
                return time.perf_counter() - start, index
    raise AssertionError(f"{path.name}: no widget output")


def _register(path):
    @benchmark(f"first widget: {path.stem}", lesson=path.stem)
    def first_widget(lesson):
        seconds, cell = time_to_first_widget(ROOT / "lessons" / f"{lesson}.ipynb")
        return {"seconds_to_first_widget": round(seconds, 2), "cell": cell,
                "under_10_s": seconds < 10}


for _path in LESSONS:
    _register(_path)
