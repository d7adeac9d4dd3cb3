"""One submission in one fresh kernel: the grader's worker process (a script, not imported).

    python .../helpers/grading/worker.py JOB.json RESULT.json

JOB.json (written by the grader, in its private folder) holds the notebook text, the folder the
kernel may write in (``box``), the limits (see `helpers.grading.limits`), the grader's cells and
the output caps. The worker runs every code cell top to bottom with errors allowed, each under
a watchdog (`Watchdog`): a cell that uses more than its CPU time, or stays awake longer than its
wall-clock allowance, is interrupted (and its kernel killed if it ignores the interrupt); the
run goes on with the next cell. Then it runs the grader's cells, one per exercise, and writes
RESULT.json: how the run ended, which cells were stopped by which limit, the first error of each
cell, the grader's cells' text and, on request, the executed notebook. It never imports
`helpers` and never evaluates answers: the verdicts are computed by the grader's own process.

Clocks (load cannot trip them): *CPU time* of the kernel process (``/proc/<pid>/stat``, its
waited-for children included) and *awake time*: wall-clock time minus the time the kernel's
main thread spent waiting in the run queue for a busy CPU (``/proc/<pid>/schedstat``), so a
sleeping loop is caught but a kernel starved by other processes is not. Without /proc the
awake time is the wall-clock time.
"""

import json
import os
import resource
import signal
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRUNCATED = "\n[output truncated by the grader]\n"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
POLL = 0.05  # seconds between two looks of the watchdog


def _limit_self(memory_mb):
    try:
        value = (int(memory_mb) + 1536) << 20
        resource.setrlimit(resource.RLIMIT_AS, (value, value))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


# ---- clocks -------------------------------------------------------------------------------------

def cpu_seconds(pid):
    """CPU time (user + system) of process `pid` and its waited-for children, in seconds."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        # after the command: state(3) ... utime(14) stime(15) cutime(16) cstime(17), 1-based
        return sum(int(v) for v in fields[11:15]) / CLOCK_TICKS
    except (OSError, IndexError, ValueError):
        return None


def run_queue_seconds(pid):
    """Time the main thread of `pid` spent runnable but waiting for a CPU, in seconds."""
    try:
        with open(f"/proc/{pid}/schedstat") as handle:
            return int(handle.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


class Watchdog:
    """Runs one cell at a time under a CPU-time limit and an awake-time limit.

    ``run(execute, cpu=..., awake=...)`` calls ``execute()`` (which blocks until the kernel
    answers) while a thread watches the kernel; when a limit is passed the kernel gets SIGINT
    (KeyboardInterrupt in the cell); if it is still busy ``grace`` seconds later, the kernel's
    process group gets SIGKILL. Returns ``(stop, exception)``: ``stop`` is None or
    ``{"limit": "cpu" | "awake", "seconds": limit, "used": seconds, "killed": bool}``.
    """

    def __init__(self, pid, grace=5.0):
        self.pid, self.grace = pid, grace
        self._cpu = cpu_seconds(pid)        # None: no /proc, CPU time is wall-clock time
        self._queued = run_queue_seconds(pid) or 0.0

    def cpu(self):
        if self._cpu is None:
            return time.monotonic()
        value = cpu_seconds(self.pid)
        if value is not None:  # a kernel that is gone keeps its last reading
            self._cpu = max(self._cpu, value)
        return self._cpu

    def awake(self):
        value = run_queue_seconds(self.pid)
        if value is not None:
            self._queued = max(self._queued, value)
        return time.monotonic() - self._queued

    def _signal(self, signum):
        try:
            os.killpg(self.pid, signum)
        except OSError:
            try:
                os.kill(self.pid, signum)
            except OSError:
                pass

    def run(self, execute, *, cpu, awake):
        done = threading.Event()
        stop = {}

        def watch():
            cpu0, awake0 = self.cpu(), self.awake()
            while not done.wait(POLL):
                used_cpu, used_awake = self.cpu() - cpu0, self.awake() - awake0
                if used_cpu > cpu:
                    stop.update(limit="cpu", seconds=cpu, used=round(used_cpu, 2))
                elif used_awake > awake:
                    stop.update(limit="awake", seconds=awake, used=round(used_awake, 2))
                else:
                    continue
                self._signal(signal.SIGINT)
                interrupted = self.awake()
                while not done.wait(POLL):
                    if self.awake() - interrupted > self.grace:  # the interrupt was ignored
                        stop["killed"] = True
                        self._signal(signal.SIGKILL)
                        return
                return

        thread = threading.Thread(target=watch, daemon=True)
        thread.start()
        error = None
        try:
            execute()
        except Exception as exc:  # nbclient: dead kernel, lost connection; the caller decides
            error = exc
        finally:
            done.set()
            thread.join()
        if stop:
            stop.setdefault("killed", False)
        return (stop or None), error


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
        # check() only records (helpers.checks.core.GRADED_RUN_VARIABLE): the grader judges
        "LANDAUER_GRADED_RUN": "1",
        # static figures (helpers.notebook.setup): inline images the feedback can show, and
        # no widget library to import
        "LANDAUER_STATIC": "1",
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
    limits = job["limits"]
    argv = [sys.executable, str(HERE / "sandbox.py"), "--memory", str(job["memory_mb"]),
            "--cpu", str(limits["kernel_cpu"]), "--work", str(box)]
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
        """Keeps at most `budget` characters of output per notebook (the grader's cells have
        their own budget), so a flood of output costs memory in the kernel only."""

        budgets = {}
        special = 10 ** 9  # cells from this index on are the grader's

        def output(self, outs, msg, display_id, cell_index):
            key = "extract" if cell_index >= self.special else "cells"
            left = self.budgets[key] - _size(msg)
            if left < 0:
                if self.budgets.get(key + "-noted") is None:
                    self.budgets[key + "-noted"] = True
                    # a NotebookNode, as nbclient's own outputs (it reads them by attribute)
                    import nbformat
                    outs.append(nbformat.v4.new_output("stream", name="stderr", text=TRUNCATED))
                return None
            self.budgets[key] = left
            return super().output(outs, msg, display_id, cell_index)

    return CappedClient


def _cell_error(cell):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return f"{out.get('ename', 'Error')}: {out.get('evalue', '')}"[:300]
    return None


def _stream_text(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream")


def _exit_signal(client):
    try:
        code = client.km.provisioner.process.poll()
    except Exception:  # no process object: nothing to report
        return None
    return -code if isinstance(code, int) and code < 0 else None


def run(job):
    import nbformat
    from nbclient.exceptions import DeadKernelError

    limits = job["limits"]
    box = Path(job["box"])
    _prepare_box(box, job)
    env = _kernel_env(box)
    os.environ.update({k: env[k] for k in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR",
                                           "JUPYTER_RUNTIME_DIR", "IPYTHONDIR")})
    import tempfile
    tempfile.tempdir = str(box / "runtime")  # the connection file: the kernel must read it
    nb = nbformat.reads(job["notebook"], as_version=4)
    # no wall-clock timeouts inside nbclient: the watchdog stops cells by CPU and awake time;
    # kernel start and the output of a finished cell are waited for (conditions), with long
    # limits only against a kernel that never answers
    client = _client_class()(nb, kernel_name="landauer-grader", allow_errors=True,
                             timeout=None, interrupt_on_timeout=False, store_widget_state=False,
                             record_timing=False, startup_timeout=limits["startup"],
                             iopub_timeout=limits["iopub"], raise_on_iopub_timeout=False,
                             resources={"metadata": {"path": str(box / "work")}})
    client.budgets = {"cells": job["output_cap"], "extract": job["extract_cap"]}
    client.special = len(nb.cells)
    # exit() or quit() in a cell: the kernel replies, then stops 0.1 s later, so the next cells
    # may or may not run; the reply says so (an "ask_exit" payload), and the run ends there
    exits = []

    def note_exit(cell, cell_index, execute_reply):
        payloads = ((execute_reply or {}).get("content") or {}).get("payload") or []
        if any(p.get("source") == "ask_exit" and not p.get("keepkernel") for p in payloads):
            exits.append(cell_index)

    client.on_cell_executed = note_exit
    result = {"ended": "finished", "cell": None, "limit": None, "stopped": {}, "errors": {},
              "extract": "", "extract_stopped": {}, "extract_failed": None, "notebook": None,
              "cpu": None, "cell_cpu": {}}
    started = time.monotonic()
    try:
        with client.setup_kernel(env=env, cwd=str(box / "work")):
            pid = client.km.provisioner.process.pid
            try:
                Path(job["pidfile"]).write_text(str(pid))
            except OSError:
                pass
            dog = Watchdog(pid, grace=limits["grace"])
            cpu0, awake0 = dog.cpu(), dog.awake()
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                cpu_left = limits["notebook_cpu"] - (dog.cpu() - cpu0)
                awake_left = limits["notebook_awake"] - (dog.awake() - awake0)
                if cpu_left <= 0 or awake_left <= 0:
                    result.update(ended="budget", cell=index, limit={
                        "limit": "notebook_cpu" if cpu_left <= 0 else "notebook_awake",
                        "seconds": limits["notebook_cpu" if cpu_left <= 0 else "notebook_awake"]})
                    break
                cpu = min(limits["cell_cpu"], cpu_left)
                awake = min(limits["cell_awake"], awake_left)
                before = dog.cpu()
                stop, error = dog.run(lambda cell=cell, index=index: client.execute_cell(cell, index), cpu=cpu,
                                      awake=awake)
                result["cell_cpu"][str(index)] = round(dog.cpu() - before, 2)
                if exits:
                    result.update(ended="died", cell=index, signal=None)
                    break
                if isinstance(error, DeadKernelError) and not (stop and stop["killed"]):
                    result.update(ended="died", cell=index, signal=_exit_signal(client))
                    break
                if stop:
                    if cpu < limits["cell_cpu"] and stop["limit"] == "cpu":
                        stop.update(limit="notebook_cpu", seconds=limits["notebook_cpu"])
                    elif awake < limits["cell_awake"] and stop["limit"] == "awake":
                        stop.update(limit="notebook_awake", seconds=limits["notebook_awake"])
                    result["stopped"][str(index)] = stop
                    if stop["killed"]:
                        result.update(ended="killed", cell=index, limit=stop)
                        break
                    continue
                if error is not None:
                    raise error
                message = _cell_error(cell)
                if message:
                    result["errors"][str(index)] = message
            result["cpu"] = round(dog.cpu() - cpu0, 2)
            if result["ended"] not in ("died", "killed"):
                _extract(client, nb, job, dog, result)
    except DeadKernelError:
        if result["ended"] not in ("killed",):
            result.update(ended="died", cell=result["cell"], signal=_exit_signal(client))
    except Exception as exc:  # the kernel did not start, or stopped answering
        if result["ended"] == "finished" and not result["errors"] and not result["extract"]:
            result.update(ended="failed", detail=f"{type(exc).__name__}: {exc}"[:300])
    result["wall"] = round(time.monotonic() - started, 2)
    if job.get("keep_notebook"):
        result["notebook"] = nbformat.writes(nb)
    return result


def _extract(client, nb, job, dog, result):
    """Run the grader's cells: one that defines the reader, then one per exercise."""
    import nbformat
    from nbclient.exceptions import DeadKernelError
    limits = job["limits"]
    texts = []
    cells = [(None, job["extraction"]["setup"])] + [tuple(c) for c in job["extraction"]["cells"]]
    for exercise_id, source in cells:
        cell = nbformat.v4.new_code_cell(source)
        nb.cells.append(cell)
        index = len(nb.cells) - 1
        stop, error = dog.run(lambda cell=cell, index=index: client.execute_cell(cell, index),
                              cpu=limits["extract_cpu"], awake=limits["extract_awake"])
        nb.cells.pop()
        texts.append(_stream_text(cell))
        if stop and exercise_id is not None:
            result["extract_stopped"][exercise_id] = stop
        if isinstance(error, DeadKernelError) or (stop and stop["killed"]):
            result["extract_failed"] = "killed" if stop and stop["killed"] else "died"
            break
        if error is not None:
            raise error
    result["extract"] = "".join(texts)[: job["extract_cap"]]


def main(argv):
    job_path, result_path = argv
    job = json.loads(Path(job_path).read_text())
    _limit_self(job["memory_mb"])
    result = run(job)
    tmp = Path(result_path + ".part")
    tmp.write_text(json.dumps(result))
    os.replace(tmp, result_path)


def _skip_iri_format_checker():
    """Keep jsonschema from importing `rfc3987_syntax` when nbformat imports it.

    jsonschema's format checker builds about 35 parsers for the "iri" string format when it is
    imported, 1.5 s of CPU in every worker, that is per submission; notebooks never use that
    format, and jsonschema skips a checker whose package cannot be imported."""
    sys.modules.setdefault("rfc3987_syntax", None)


if __name__ == "__main__":
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != str(HERE)]
    _skip_iri_format_checker()
    main(sys.argv[1:])
