"""Running kernels: one worker process per submission, a pool of `jobs`, limits and retries.

Each submission runs in its own worker (``worker.py``, a script) in a private temporary folder;
the worker starts the sandboxed kernel (``sandbox.py``) and applies the per-cell limits. The
parent only keeps a wall-clock deadline far above them (`Limits.wall`): a worker that outlives
it is killed with its kernel's process group and, like a kernel that did not start, retried
once with twice the time; only then the submission scores ``timeout``.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

from .limits import RETRIES, describe

__all__ = ["run_all", "outcome", "OUTPUT_CAP", "EXTRACT_CAP"]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUTPUT_CAP = 1_000_000        # characters of cell output kept per notebook
EXTRACT_CAP = 5_000_000       # characters read from the grader's cells


class _Progress:
    def __init__(self, total, enabled):
        self.total, self.enabled, self.start, self.done = total, enabled, time.monotonic(), 0

    def step(self):
        self.done += 1
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.start
        left = elapsed / self.done * (self.total - self.done)
        sys.stderr.write(f"\rgraded {self.done}/{self.total}, about {left:.0f} s left   ")
        if self.done == self.total:
            sys.stderr.write(f"\rgraded {self.total}/{self.total} in {elapsed:.0f} s"
                             + " " * 20 + "\n")
        sys.stderr.flush()


def progress_default():
    return sys.stderr.isatty() and not os.environ.get("CI")


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


class _Run:
    """One attempt at one submission: its worker process."""

    def __init__(self, item, private, limits, keep_notebook, attempt=0):
        self.item, self.attempt = item, attempt
        self.dir = Path(tempfile.mkdtemp(prefix="run-", dir=private))
        n = len(item["assignment"].exercises)
        job = {"notebook": item["text"], "box": str(self.dir / "box"),
               "extraction": item["extraction"], "limits": limits.for_worker(n),
               "memory_mb": limits.memory_mb, "output_cap": OUTPUT_CAP,
               "extract_cap": EXTRACT_CAP, "keep_notebook": keep_notebook,
               "packages": {"helpers": str(ROOT / "helpers")},
               "pidfile": str(self.dir / "kernel.pid")}
        (self.dir / "job.json").write_text(json.dumps(job))
        self.result_path = self.dir / "result.json"
        self.log = open(self.dir / "worker.log", "wb")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER_", "IPYTHON"))}
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "worker.py"), str(self.dir / "job.json"),
             str(self.result_path)], stdin=subprocess.DEVNULL, stdout=self.log,
            stderr=subprocess.STDOUT, start_new_session=True, env=env, cwd=str(self.dir))
        self.wall = limits.wall(n, attempt)
        self.deadline = time.monotonic() + self.wall
        self.killed = False

    def poll(self):
        if self.proc.poll() is not None:
            return True
        if time.monotonic() > self.deadline:
            self.kill()
            return True
        return False

    def _kill_kernel(self):
        try:
            _kill_group(int((self.dir / "kernel.pid").read_text()))
        except (OSError, ValueError):
            pass

    def kill(self):
        self.killed = True
        _kill_group(self.proc.pid)
        self._kill_kernel()
        self.proc.wait()

    def result(self):
        self.log.close()
        self._kill_kernel()  # a kernel left behind
        try:
            if self.killed:
                return {"ended": "wall", "limit": {"limit": "wall", "seconds": self.wall}}
            try:
                return json.loads(self.result_path.read_text())
            except (OSError, ValueError):
                tail = (self.dir / "worker.log").read_bytes()[-400:].decode("utf-8", "replace")
                return {"ended": "lost", "detail": (tail.strip().splitlines() or [""])[-1]}
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def _retry(result):
    """True for a run that a busy machine may have spoiled: a wall-clock limit, a kernel that
    did not start, a worker that vanished."""
    return result.get("ended") in ("wall", "failed", "lost")


def run_all(items, limits, *, jobs=1, keep_notebook=False, progress=False):
    """Run every item (one submission each) with at most `jobs` workers at a time.

    Yields ``(item, worker result)`` as runs end, retries included (``result["attempts"]``)."""
    bar = _Progress(len(items), progress)
    private = Path(tempfile.mkdtemp(prefix="landauer-grader-"))
    running = []
    try:
        pending = deque((item, 0) for item in items)
        while pending or running:
            while pending and len(running) < max(1, jobs):
                item, attempt = pending.popleft()
                running.append(_Run(item, private, limits, keep_notebook, attempt))
            time.sleep(0.02)
            for run in [r for r in running if r.poll()]:
                running.remove(run)
                result = run.result()
                if _retry(result) and run.attempt < RETRIES:
                    pending.appendleft((run.item, run.attempt + 1))
                    continue
                result["attempts"] = run.attempt + 1
                bar.step()
                yield run.item, result
    finally:
        for run in running:
            run.kill()
            run.result()
        shutil.rmtree(private, ignore_errors=True)


_SIGNALS = {signal.SIGXCPU: "the kernel's CPU-time limit",
            signal.SIGSEGV: "a crash (segmentation fault)",
            signal.SIGKILL: "killed (too much memory?)"}


def outcome(item, result, limits):
    """Digest of a worker result for `judging.rows_for`: kind, message, records, limits hit."""
    from .boundary import parse_records
    ended = result.get("ended")
    cell = result.get("cell")
    where = f"cell {cell + 1}" if isinstance(cell, int) else "a cell"
    digest = {"errors": {int(k): v for k, v in result.get("errors", {}).items()},
              "stopped": {int(k): v for k, v in result.get("stopped", {}).items()},
              "extract_stopped": result.get("extract_stopped", {}),
              "extract_failed": result.get("extract_failed"),
              "answer_cells": item["answer_cells"], "end_cell": cell,
              "records": parse_records(result.get("extract", ""), item["token"])}
    if ended == "finished":
        digest.update(kind="finished", message="")
    elif ended == "budget":
        digest.update(kind="budget", message=(
            f"Your notebook did not finish within {describe(result['limit'])}: it was used up "
            f"before {where}, which did not run, nor did the cells after it."))
    elif ended == "killed":
        digest.update(kind="killed", records={}, message=(
            f"Your notebook did not finish: {where} was still running after "
            f"{describe(result['limit'])}, and ignored the interrupt, so the grader stopped the "
            "Python kernel; your answers could not be read."))
    elif ended == "wall":
        digest.update(kind="wall", records={}, message=(
            f"Your notebook did not finish within {describe(result['limit'])}; it was stopped."))
    elif ended == "died":
        why = _SIGNALS.get(result.get("signal"), "exit(), os._exit, a crash or too much memory")
        digest.update(kind="not run", records={}, message=(
            f"Your notebook stopped the Python kernel in {where} ({why}): your answers could "
            "not be read."))
    else:
        digest.update(kind="not run", records={}, message=(
            "The grader could not run your notebook (" + str(result.get("detail", ended))[:200]
            + "); please tell your instructor."))
    return digest
