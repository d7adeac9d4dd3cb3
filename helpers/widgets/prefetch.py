"""`Prefetch`: fill a cache on a background thread, so that slow control values become instant.

Some explorers have a control whose every value needs a slow, cached computation (a lattice
sweep per constriction shape). A `Prefetch` computes those values one after the other on a
daemon thread while the student reads; a control change that finds its value computed is then
as fast as any other. The tasks must be pure functions that only fill a cache (``functools``
caches are thread-safe): they never touch a widget or a figure. A value asked for before its
turn is simply computed on the spot, as without prefetching.
"""

import threading

__all__ = ["Prefetch"]


class Prefetch:
    """Call each of `tasks` (functions without arguments) in order on a daemon thread.

    Parameters
    ----------
    tasks : iterable of callable
        Nearest-first is best: the values a student is most likely to pick next.
    start : bool, optional
        Start at once (default); otherwise call `start()`.

    Attributes
    ----------
    done : int
        Tasks finished so far.
    total : int
    error : Exception or None
        What stopped the thread early (the remaining tasks are then computed on demand).
    """

    def __init__(self, tasks, *, start=True):
        self.tasks = list(tasks)
        self.total = len(self.tasks)
        self.done = 0
        self.error = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="prefetch", daemon=True)
        if start:
            self.start()

    def start(self):
        if self._thread.is_alive() or self._thread.ident is not None:
            return  # running or ran already
        try:
            self._thread.start()
        except RuntimeError as exc:  # no thread allowed here (a sandbox): compute on demand
            self.error = exc

    def _run(self):
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
        """Finish the current task, then stop."""
        self._stop.set()

    def wait(self, timeout=None):
        """Block until the thread ended (or `timeout` seconds); True when it is not running."""
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def finished(self):
        return self.done == self.total
