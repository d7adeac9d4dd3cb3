"""`Prefetch`: fill a cache on a background thread, so that slow control values become instant.

Some explorers have a control whose every value needs a slow, cached computation (a lattice
sweep per constriction shape). A `Prefetch` computes those values one after the other on a
daemon thread while the student explores; a control change that finds its value computed is
then as fast as any other. A value asked for before its turn is simply computed on the spot,
as without prefetching.

The rule (Voila showed "model not found" on a busy machine while a thread ran during the page
load): widgets are created, shown, changed and closed on the main thread only. A task is a
pure function that fills a cache (``functools`` caches are thread-safe); it never touches a
widget or a figure, and the widget layer refuses such a change from a prefetch thread
(`main_thread_only`). With ``after=controls`` the thread starts at the first change of a
control, so nothing runs in the background while the page and its widgets load.
"""

import threading

__all__ = ["Prefetch", "main_thread_only", "in_prefetch_thread"]

_local = threading.local()


def in_prefetch_thread():
    """True inside a task of a `Prefetch` (on its background thread)."""
    return getattr(_local, "prefetch", False)


def main_thread_only(what):
    """Raise RuntimeError when called from a `Prefetch` task: `what` changes a widget.

    Parameters
    ----------
    what : str
        What was attempted, for the message (e.g. "Progress.report").
    """
    if in_prefetch_thread():
        raise RuntimeError(
            f"{what} was called from a background prefetch task; widgets are only created, "
            "changed and closed on the main thread. Make the task a pure computation that fills "
            "a cache, and let the explorer's compute read that cache.")


class Prefetch:
    """Call each of `tasks` (functions without arguments) in order on a daemon thread.

    Parameters
    ----------
    tasks : iterable of callable
        Nearest-first is best: the values a student is most likely to pick next. Pure
        computations: a task that changes a widget stops the thread with a RuntimeError.
    start : bool, optional
        Start at once (default, unless `after` is given); otherwise call `start()`.
    after : iterable of widgets, optional
        Start at the first change of the ``value`` of any of these (the explorer's controls;
        the change is handled on the main thread), instead of at once: no thread runs while
        the notebook executes and the page loads.

    Attributes
    ----------
    done : int
        Tasks finished so far.
    total : int
    error : Exception or None
        What stopped the thread early (the remaining tasks are then computed on demand).
    """

    def __init__(self, tasks, *, start=True, after=None):
        self.tasks = list(tasks)
        self.total = len(self.tasks)
        self.done = 0
        self.error = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="prefetch", daemon=True)
        self._watched = list(after) if after is not None else []
        for widget in self._watched:
            widget.observe(self._first_change, names="value")
        if start and after is None:
            self.start()

    @property
    def started(self):
        """True once the thread was started (it may have finished since)."""
        return self._thread.ident is not None

    def _first_change(self, change):
        self._unwatch()
        self.start()

    def _unwatch(self):
        for widget in self._watched:
            widget.unobserve(self._first_change, names="value")
        self._watched = []

    def start(self):
        self._unwatch()
        if self._stop.is_set() or self._thread.is_alive() or self._thread.ident is not None:
            return  # stopped, running or ran already
        try:
            self._thread.start()
        except RuntimeError as exc:  # no thread allowed here (a sandbox): compute on demand
            self.error = exc

    def _run(self):
        _local.prefetch = True
        for task in self.tasks:
            if self._stop.is_set():
                return
            try:
                task()
            except Exception as exc:  # reported on the object, never raised in a thread
                self.error = exc
                return
            self.done += 1

    def stop(self):
        """Finish the current task, then stop (a thread not started yet never starts)."""
        self._unwatch()
        self._stop.set()

    def wait(self, timeout=None):
        """Block until the thread ended (or `timeout` seconds); True when it is not running."""
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def finished(self):
        return self.done == self.total
