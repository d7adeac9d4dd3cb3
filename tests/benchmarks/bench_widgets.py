"""Widget speed, every control of every explorer of `helpers.explorers.REGISTRY`, both drawing paths.

One entry per (explorer, control, path): ``widget:<lesson stem>:<name> <control>`` with params
``control`` and ``path`` ("fast": `helpers.widgets.fast_path` when it supports this matplotlib,
"plain": public matplotlib API only, as with ``LANDAUER_PLAIN_DRAWING=1``). A change is timed as
the browser makes it (`helpers.widgets.measure_update`: every observer of the control, the
compute and a real, synchronous redraw of the ipympl canvas, see `run.select_backend`).

Each run first visits every value once (a cold cache for the controls that compute an ensemble,
a map or a lattice sweep: `Entry.cold`; their slowest first visit is reported as ``cold_max_s``),
then times the changes with a warm cache (median_s and max_s are over those). Prefetching
threads are off, so that no thread competes with the timed redraws. The module-level caches of
the models are shared by the two paths (the fast path runs first): run one path alone
(``--path plain``) for its own cold numbers.
"""

import os
import statistics
import time

from registry import benchmark

from helpers.explorers import entries
from helpers.widgets import fast_path, measure_update

_EXPLORERS = {}
PATHS = ("fast", "plain")


def _explorer(entry, path):
    """One explorer per (entry, path), made with the path's environment."""
    key = (entry.key, path)
    if key not in _EXPLORERS:
        saved = os.environ.get(fast_path.PLAIN_VARIABLE)
        if path == "plain":
            os.environ[fast_path.PLAIN_VARIABLE] = "1"
        else:
            os.environ.pop(fast_path.PLAIN_VARIABLE, None)
        try:
            explorer = entry.make()
        finally:
            if saved is None:
                os.environ.pop(fast_path.PLAIN_VARIABLE, None)
            else:
                os.environ[fast_path.PLAIN_VARIABLE] = saved
        canvas = explorer.plot.figure.canvas
        if hasattr(canvas, "syncing_data_url"):
            # what ipympl does when the page says "initialized": from then on it sends image
            # diffs only, without also re-encoding the whole figure as a data URL
            canvas.syncing_data_url = False
        canvas.draw()  # the first display of the figure
        _EXPLORERS[key] = {"explorer": explorer, "visited": set()}
    return _EXPLORERS[key]


def _values(explorer, control, values):
    if values is None:  # every option of a toggle or dropdown, the initial one last
        options = [o[1] if isinstance(o, tuple) else o for o in explorer.controls[control].options]
        return options[1:] + options[:1]
    return list(values)


def _change(entry, control, path):
    made = _explorer(entry, path)
    explorer = made["explorer"]
    values = _values(explorer, control, entry.controls[control])
    cold = []
    if control not in made["visited"]:  # first visits: a cold cache for `Entry.cold` controls
        made["visited"].add(control)
        widget = explorer.controls[control]
        original = widget.value
        explorer._sync_draw = True
        try:
            for value in values:
                start = time.perf_counter()
                widget.value = value
                cold.append(time.perf_counter() - start)
        finally:
            widget.value = original
            explorer._sync_draw = False
    rows = measure_update(explorer, control, values)
    info = {"samples_s": [row["total"] for row in rows],
            "compute_median_s": statistics.median(row["compute"] for row in rows),
            "fast": explorer.plot.fast is not None}
    if cold and control in entry.cold:
        info["cold_max_s"] = max(cold)
    return info


def _register():
    for entry in entries():
        for control in entry.controls:
            for path in PATHS:
                def run(control, path, entry=entry):
                    return _change(entry, control, path)
                benchmark(f"widget:{entry.lesson}:{entry.name} {control}", control=control,
                          path=path)(run)


_register()
