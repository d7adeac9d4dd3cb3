"""Every explorer of every lesson (`helpers.explorers.REGISTRY`), every control, both drawing
paths: what the student sees after a change is the picture a full redraw paints. The plain
path (public matplotlib API only) redraws the whole figure after every change, and the fast
path (lines repainted on a kept background, changed panels redrawn in their cells, layouts
cached, legends drawn from their parts) shows the same pixels. Every control has
an entry in the widget benchmarks.

Runs in a fresh Python under the ipympl backend (the JupyterLab code path); the ensembles are
smaller than in the lessons (`Entry.quick`), which changes the data but not the drawing.
"""

import json
import os
import subprocess
import sys

import pytest

SCRIPT = r'''
import json, os
import numpy as np
import matplotlib
matplotlib.use("module://ipympl.backend_nbagg")
import ipywidgets as w
from helpers.notebook import setup
from helpers.explorers import entries
from helpers.widgets import fast_path
setup(quiet=True)

#: pixels that may differ: a glyph's antialiasing at a cell edge, nothing more
TOLERANCE = 20


def values_for(control):
    """Two values across a slider (near its top, then near its bottom: both move the axis
    limits a long way), or every option of a toggle/dropdown (the first last)."""
    if isinstance(control, (w.FloatSlider, w.IntSlider)):
        lo, hi = control.min, control.max
        values = [lo + (hi - lo) * f for f in (0.9, 0.15)]
        if isinstance(control, w.IntSlider):
            return [int(round(v)) for v in values]
        return [round(round(v / control.step) * control.step, 10) for v in values]
    options = [o[1] if isinstance(o, tuple) else o for o in control.options]
    return options[1:] + options[:1]


def shown(explorer):
    """What the browser shows now: a pending full redraw is done (ipympl's draw_idle)."""
    plot, canvas = explorer.plot, explorer.plot.figure.canvas
    kind = "full" if plot.needs_full_draw else None
    if kind:
        canvas.draw()
    return kind, np.asarray(canvas.buffer_rgba()).copy()


def differ(a, b):
    return int(np.any(a != b, axis=-1).sum()) if a.shape == b.shape else -1


report = {"changes": 0, "kinds": {"blit": 0, "partial": 0, "full": 0}, "bad": [], "controls": {},
          "plain": 0, "fast": 0, "bolted_on": {}}
from helpers.widgets import Explorer, Plot, float_slider
_bare = Explorer({"x": float_slider("x", 0, 1, 0.5)}, Plot(x="E", y="T", lines=["line"]),
                 lambda x: {"line": ([0, 1], [x, x])})
BARE_ATTRIBUTES = set(vars(_bare))
for entry in entries():
    fast = entry.make(quick=True)
    os.environ[fast_path.PLAIN_VARIABLE] = "1"
    try:
        plain = entry.make(quick=True)
    finally:
        del os.environ[fast_path.PLAIN_VARIABLE]
    report["fast"] += fast.plot.fast is not None
    report["plain"] += plain.plot.fast is None
    report["controls"][entry.key] = list(fast.controls)
    extra = sorted(set(vars(fast)) - BARE_ATTRIBUTES)   # state goes in Explorer(state=...)
    if extra:
        report["bolted_on"][entry.key] = extra
    for ex in (fast, plain):
        ex.plot.figure.canvas.syncing_data_url = False   # as after the page connected
        ex.plot.figure.canvas.draw()                     # the first display
    for control_name in fast.controls:
        for value in values_for(fast.controls[control_name]):
            partial_before = fast.plot.partial_draws
            fast.controls[control_name].value = value
            plain.controls[control_name].value = value
            what = f"{entry.key} {control_name}={value!r}"
            if fast.error is not None or plain.error is not None:
                report["bad"].append(f"{what}: {fast.error!r} {plain.error!r}")
                continue
            kind, fast_pixels = shown(fast)
            if kind is None:
                kind = "partial" if fast.plot.partial_draws > partial_before else "blit"
            # the plain path redraws the whole figure after every change (matplotlib's own
            # draw): the fast path must show those pixels
            plain_kind, plain_pixels = shown(plain)
            report["changes"] += 1
            report["kinds"][kind] += 1
            if plain_kind != "full":
                report["bad"].append(f"{what}: the plain path did not redraw the figure")
            if not 0 <= differ(fast_pixels, plain_pixels) <= TOLERANCE:
                report["bad"].append(f"{what} ({kind}): {differ(fast_pixels, plain_pixels)} "
                                     "pixels differ between the fast and the plain path")
print("REPORT " + json.dumps(report))
'''


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("redraws")
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path)}
    env.pop("LANDAUER_PLAIN_DRAWING", None)
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=900)
    lines = [line for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    return json.loads(lines[-1][len("REPORT "):])


def test_every_control_change_shows_what_a_full_redraw_paints_on_both_paths(report):
    assert report["bad"] == []
    # what an explorer keeps is declared when it is made (Explorer(state=...)), not attached later
    assert report["bolted_on"] == {}
    # the check covered every way of updating: repainted lines, redrawn panels, full redraws
    assert report["changes"] > 100 and min(report["kinds"].values()) >= 5, report
    # and both paths really ran (the fast one needs the matplotlib it was written for)
    from helpers.widgets import fast_path
    assert report["plain"] == len(report["controls"])
    assert report["fast"] == (len(report["controls"]) if fast_path.available() else 0)


def test_every_control_of_every_explorer_is_registered_for_the_benchmarks(report):
    from helpers.explorers import entries

    registered = {entry.key: set(entry.controls) for entry in entries()}
    assert {key: set(controls) for key, controls in report["controls"].items()} == registered
