"""The limits of one graded run, and the words the feedback uses for each.

Every limit a busy machine could trip is counted on a clock that load does not advance:

- *CPU time* of the kernel (``notebook_cpu`` = ``--timeout`` for all the student's cells,
  ``cell_cpu`` = ``--cell-timeout`` for one cell, ``extract_cpu`` for the grader's reading of
  one answer). A process waiting for a busy CPU uses none.
- *awake time* (wall-clock time minus the time the kernel waited for a busy CPU) catches what
  uses no CPU (``time.sleep``, ``input()``, waiting on a child): ``cell_awake``,
  ``notebook_awake``, ``extract_awake``, each twice its CPU limit plus a margin.
- a kernel that ignores the interrupt is killed ``grace`` seconds (awake) later.
- waits for a condition (the kernel's first reply, the output of a finished cell) have long
  limits (``startup``, ``iopub``) that only a kernel that never answers reaches.
- the kernel's own ``RLIMIT_CPU`` (``kernel_cpu``) and the parent's wall-clock deadline
  (``wall``) are backstops far above the limits above; a run stopped by the wall-clock deadline,
  or whose kernel did not start, is retried once with twice the time.
"""

import dataclasses

__all__ = ["Limits", "describe"]

WALL_FACTOR = 3          # the parent's deadline: this many times the worst awake time
RETRIES = 1              # extra attempts of a run stopped by a wall-clock limit


@dataclasses.dataclass(frozen=True)
class Limits:
    """Time and memory limits of one graded notebook (seconds, MB)."""

    notebook_cpu: float = 60.0
    cell_cpu: float = None
    extract_cpu: float = 15.0
    memory_mb: int = 2048
    grace: float = 5.0
    startup: float = 300.0
    iopub: float = 60.0

    def __post_init__(self):
        if self.cell_cpu is None:  # one endless loop leaves two thirds of the notebook's time
            object.__setattr__(self, "cell_cpu", max(1.0, self.notebook_cpu / 3))

    @property
    def cell_awake(self):
        return 2 * self.cell_cpu + 10

    @property
    def notebook_awake(self):
        return 2 * self.notebook_cpu + 30

    @property
    def extract_awake(self):
        return 2 * self.extract_cpu + 10

    def kernel_cpu(self, n_exercises):
        """RLIMIT_CPU of the kernel: everything it may legitimately use, plus a margin."""
        return int(self.notebook_cpu + self.cell_cpu + (n_exercises + 1) * self.extract_cpu + 60)

    def wall(self, n_exercises, attempt=0):
        """The parent's wall-clock deadline for a worker (attempt 0, then 1 for the retry)."""
        worst = (self.startup / 5 + self.notebook_awake + self.cell_awake
                 + (n_exercises + 1) * (self.extract_awake + self.grace) + 2 * self.grace)
        return WALL_FACTOR * worst * 2 ** attempt

    def for_worker(self, n_exercises):
        """The limits as the worker reads them (plain JSON)."""
        return {"notebook_cpu": self.notebook_cpu, "cell_cpu": self.cell_cpu,
                "extract_cpu": self.extract_cpu, "notebook_awake": self.notebook_awake,
                "cell_awake": self.cell_awake, "extract_awake": self.extract_awake,
                "grace": self.grace, "startup": self.startup, "iopub": self.iopub,
                "kernel_cpu": self.kernel_cpu(n_exercises)}


_WHAT = {
    "cpu": "{s:g} s of CPU time, the limit of one cell",
    "notebook_cpu": "{s:g} s of CPU time, the limit of the whole notebook",
    "awake": "{s:g} s of wall-clock time (time spent waiting for a busy CPU not counted), the "
             "limit of one cell: is it sleeping or waiting for input()?",
    "notebook_awake": "{s:g} s of wall-clock time (time spent waiting for a busy CPU not "
                      "counted), the limit of the whole notebook",
    "wall": "{s:g} s of wall-clock time, the grader's last-resort limit (tried twice)",
}


def describe(stop):
    """Words for a limit record ``{"limit": ..., "seconds": ...}``: which limit, how much."""
    return _WHAT.get(stop.get("limit"), "{s:g} s").format(s=float(stop.get("seconds") or 0))
