"""One submission in one fresh kernel: the grader's worker process (a script, not imported).

    python .../helpers/grading/worker.py JOB.json RESULT.json

JOB.json (written by the grader, in its private folder) holds the notebook text, the folder the
kernel may write in (``box``), the time limit, the memory limit, the extraction cell and the
output caps. The worker runs every code cell top to bottom with errors allowed, stops at the
time limit (the kernel is interrupted), then runs the grader's extraction cell, and writes
RESULT.json: how the run ended, the first error of each cell, the extraction cell's text and,
on request, the executed notebook. It never imports `helpers` and never evaluates answers: the
verdicts are computed by the grader's own process.
"""

import json
import math
import os
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRUNCATED = "\n[output truncated by the grader]\n"


def _limit_self(memory_mb):
    try:
        value = (int(memory_mb) + 1536) << 20
        resource.setrlimit(resource.RLIMIT_AS, (value, value))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


def _kernel_env(box):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        "HOME": str(box / "home"), "TMPDIR": str(box / "tmp"),
        "JUPYTER_CONFIG_DIR": str(box / "jupyter-config"),
        "JUPYTER_DATA_DIR": str(box / "jupyter-data"),
        "JUPYTER_RUNTIME_DIR": str(box / "runtime"),
        "IPYTHONDIR": str(box / "ipython"), "MPLCONFIGDIR": str(box / "matplotlib"),
        "PYTHONPATH": str(box / "pylib"), "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1", "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2",
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    if os.environ.get("LANDAUER_GRADER_SANDBOX"):
        env["LANDAUER_GRADER_SANDBOX"] = os.environ["LANDAUER_GRADER_SANDBOX"]
    return env


def _prepare_box(box, job):
    for sub in ("home", "tmp", "work", "jupyter-config", "jupyter-data", "runtime", "ipython",
                "matplotlib", "pylib"):
        (box / sub).mkdir(parents=True, exist_ok=True)
    for name, target in job["packages"].items():  # e.g. helpers -> the grader's helpers/
        (box / "pylib" / name).symlink_to(target, target_is_directory=True)
    spec = box / "jupyter-data" / "kernels" / "landauer-grader"
    spec.mkdir(parents=True)
    argv = [sys.executable, str(HERE / "sandbox.py"), "--memory", str(job["memory_mb"]),
            "--work", str(box)]
    for path in job["packages"].values():
        argv += ["--read", path]
    argv += ["--", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps(
        {"argv": argv, "display_name": "Python 3 (grader)", "language": "python"}))


def _size(msg):
    content = msg.get("content", {})
    if "text" in content:
        return len(content["text"])
    total = 0
    for key in ("data", "traceback", "evalue"):
        value = content.get(key)
        if isinstance(value, dict):
            total += sum(len(str(v)) for v in value.values())
        elif value is not None:
            total += len(str(value))
    return total + 100


def _client_class():
    from nbclient import NotebookClient

    class CappedClient(NotebookClient):
        """Keeps at most `budget` characters of output per notebook (the extraction cell has
        its own budget), so a flood of output costs memory in the kernel only."""

        budgets = {}
        special = -1

        def output(self, outs, msg, display_id, cell_index):
            key = "extract" if cell_index == self.special else "cells"
            left = self.budgets[key] - _size(msg)
            if left < 0:
                if self.budgets.get(key + "-noted") is None:
                    self.budgets[key + "-noted"] = True
                    outs.append({"output_type": "stream", "name": "stderr", "text": TRUNCATED})
                return None
            self.budgets[key] = left
            return super().output(outs, msg, display_id, cell_index)

    return CappedClient


def _cell_error(cell):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"[:300]
    return None


def run(job):
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    box = Path(job["box"])
    _prepare_box(box, job)
    env = _kernel_env(box)
    os.environ.update({k: env[k] for k in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR",
                                           "JUPYTER_RUNTIME_DIR", "IPYTHONDIR")})
    import tempfile
    tempfile.tempdir = str(box / "runtime")  # the connection file: the kernel must read it
    nb = nbformat.reads(job["notebook"], as_version=4)
    extraction = nbformat.v4.new_code_cell(job["extraction"])
    client = _client_class()(nb, kernel_name="landauer-grader", allow_errors=True,
                             interrupt_on_timeout=False, store_widget_state=False,
                             record_timing=False, startup_timeout=60, iopub_timeout=4,
                             resources={"metadata": {"path": str(box / "work")}})
    client.budgets = {"cells": job["output_cap"], "extract": job["extract_cap"]}
    client.special = len(nb.cells)
    result = {"ended": "finished", "cell": None, "errors": {}, "extract": "", "notebook": None}
    deadline = time.monotonic() + job["timeout"]
    try:
        with client.setup_kernel(env=env, cwd=str(box / "work")):
            try:
                Path(job["pidfile"]).write_text(str(client.km.provisioner.process.pid))
            except Exception:
                pass
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                left = deadline - time.monotonic()
                if left <= 0:
                    result.update(ended="timeout", cell=index)
                    break
                client.timeout = max(1, math.ceil(left))
                try:
                    client.execute_cell(cell, index)
                except CellTimeoutError:
                    result.update(ended="timeout", cell=index)
                    client.km.interrupt_kernel()
                    break
                except DeadKernelError:
                    result.update(ended="died", cell=index)
                    break
                error = _cell_error(cell)
                if error:
                    result["errors"][str(index)] = error
            if result["ended"] != "died":
                client.timeout = job["extract_timeout"]
                nb.cells.append(extraction)
                try:
                    client.execute_cell(extraction, len(nb.cells) - 1)
                except (CellTimeoutError, DeadKernelError) as exc:
                    result["extract_failed"] = type(exc).__name__
                nb.cells.pop()
                text = "".join(o.get("text", "") for o in extraction.get("outputs", [])
                               if o.get("output_type") == "stream")
                result["extract"] = text[: job["extract_cap"]]
    except DeadKernelError:
        result.update(ended="died", cell=result["cell"])
    except Exception as exc:  # the kernel did not start, or stopped answering
        if result["ended"] == "finished" and not result["errors"] and not result["extract"]:
            result.update(ended="failed", detail=f"{type(exc).__name__}: {exc}"[:300])
    if job.get("keep_notebook"):
        result["notebook"] = nbformat.writes(nb)
    return result


def main(argv):
    job_path, result_path = argv
    job = json.loads(Path(job_path).read_text())
    _limit_self(job["memory_mb"])
    result = run(job)
    tmp = Path(result_path + ".part")
    tmp.write_text(json.dumps(result))
    os.replace(tmp, result_path)


if __name__ == "__main__":
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != str(HERE)]
    main(sys.argv[1:])
