"""`Progress`: a progress bar that belongs to an explorer's layout, shown while a long compute runs.

It is made hidden and only shown and hidden again (never displayed on its own, never closed: a
closed view leaves "Error displaying widget: model not found" in Voila and in saved notebooks),
and only from the main thread (a `Prefetch` task that reports to it is stopped with an error).
"""

import contextlib

import ipywidgets as w

from .prefetch import main_thread_only

__all__ = ["Progress"]


class Progress:
    """A hidden progress bar for `Explorer(..., progress=...)`.

    Examples
    --------
    >>> progress = Progress()
    >>> with progress.task("Computing W = 4") as report:
    ...     for i in range(3):
    ...         report(i + 1, 3)           # (done, total), as the physics functions call it
    >>> progress.widget.layout.display
    'none'
    """

    def __init__(self):
        self.widget = w.IntProgress(value=0, min=0, max=1, description="",
                                    style={"description_width": "initial"},
                                    layout=w.Layout(display="none"))
        self.tasks = 0

    def report(self, done, total):
        """Show `done` of `total` steps."""
        main_thread_only("Progress.report")
        self.widget.max = max(int(total), 1)
        self.widget.value = min(int(done), self.widget.max)

    @contextlib.contextmanager
    def task(self, description):
        """Show the bar with `description` while the block runs; yields `report`."""
        main_thread_only("Progress.task")
        bar = self.widget
        bar.description = description
        bar.value, bar.max = 0, 1
        bar.layout.display = None  # shown
        self.tasks += 1
        try:
            yield self.report
        finally:
            bar.layout.display = "none"
