"""Every explorer of every lesson, every control: what the student sees after a change (lines
blitted on the kept background, or the changed panels redrawn in their cells) is the picture a
full redraw paints; and every control has an entry in the widget benchmarks.

Runs in a fresh Python under the ipympl backend (the JupyterLab code path); the ensembles are
smaller than in the lessons, which changes the data but not the drawing.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent / "benchmarks"
#: explorer factory -> "<lesson notebook stem>:<widget>" of its benchmark entries
WIDGETS = {
    "bands.chain_explorer": "00_bands_and_electrons:chain",
    "bands.fermi_sea_explorer": "00_bands_and_electrons:fermi_sea",
    "resistance.chain_explorer": "01_resistance_is_reflection:chain",
    "resistance.single_scatterer_explorer": "01_resistance_is_reflection:single_scatterer",
    "reservoirs.fermi_window_explorer": "02_reservoirs_and_fermi_window:fermi_window",
    "channels.mode_explorer": "03_quantized_conductance:modes",
    "channels.qpc_explorer": "03_quantized_conductance:qpc",
    "channels.saddle_explorer": "03_quantized_conductance:saddle",
    "smatrix.barrier_explorer": "04_scattering_matrix:barrier",
    "smatrix.double_barrier_explorer": "04_scattering_matrix:double_barrier",
    "smatrix.eigenvalue_explorer": "04_scattering_matrix:eigenvalues",
    "negf.resonant_level_explorer": "06_negf_caroli:resonant_level",
    "negf.molecule_explorer": "06_negf_caroli:molecule",
    "localization.regimes_explorer": "07_localization:regimes",
    "localization.chain_explorer": "07_localization:chain",
    "localization.magnetoconductance_explorer": "07_localization:magnetoconductance",
    "fine_print.dephasing_explorer": "08_fine_print:dephasing",
    "fine_print.blockade_explorer": "08_fine_print:blockade",
}

SCRIPT = r'''
import importlib, json
import numpy as np
import matplotlib
matplotlib.use("module://ipympl.backend_nbagg")
import ipywidgets as w
from helpers.notebook import setup
setup(quiet=True)

CASES = [("bands", "chain_explorer", {}), ("bands", "fermi_sea_explorer", {}),
         ("resistance", "chain_explorer", {}), ("resistance", "single_scatterer_explorer", {}),
         ("reservoirs", "fermi_window_explorer", {}), ("channels", "mode_explorer", {}),
         ("channels", "qpc_explorer", {"prefetch": False}), ("channels", "saddle_explorer", {}),
         ("smatrix", "barrier_explorer", {}), ("smatrix", "double_barrier_explorer", {}),
         ("smatrix", "eigenvalue_explorer", {"realizations": 20}),
         ("negf", "resonant_level_explorer", {}), ("negf", "molecule_explorer", {}),
         ("localization", "regimes_explorer", {"realizations": 20, "prefetch": False}),
         ("localization", "chain_explorer", {"realizations": 40}),
         ("localization", "magnetoconductance_explorer", {"realizations": 20}),
         ("fine_print", "dephasing_explorer", {}), ("fine_print", "blockade_explorer", {})]


def values_for(control):
    """Four values across a slider, or every option of a toggle/dropdown (the first last)."""
    if isinstance(control, (w.FloatSlider, w.IntSlider)):
        lo, hi = control.min, control.max
        values = [lo + (hi - lo) * f for f in (0.1, 0.5, 0.9, 0.3)]
        if isinstance(control, w.IntSlider):
            return [int(round(v)) for v in values]
        return [round(round(v / control.step) * control.step, 10) for v in values]
    options = [o[1] if isinstance(o, tuple) else o for o in control.options]
    return options[1:] + options[:1]


report = {"changes": 0, "kinds": {"blit": 0, "partial": 0, "full": 0}, "bad": [], "controls": {}}
for module, name, kwargs in CASES:
    explorer = getattr(importlib.import_module(f"helpers.explorers.{module}"), name)(**kwargs)
    report["controls"][f"{module}.{name}"] = list(explorer.controls)
    plot, canvas = explorer.plot, explorer.plot.figure.canvas
    canvas.syncing_data_url = False          # as after the page connected
    canvas.draw()                            # the first display
    for control_name, control in explorer.controls.items():
        for value in values_for(control):
            partial_before = plot.partial_draws
            control.value = value
            if explorer.error is not None:
                report["bad"].append(f"{name} {control_name}={value!r}: {explorer.error!r}")
                continue
            if plot._background is None:     # a full redraw was asked for: the browser's
                canvas.draw()                # draw_idle, done here at once
                kind = "full"
            else:
                kind = "partial" if plot.partial_draws > partial_before else "blit"
            shown = np.asarray(canvas.buffer_rgba()).copy()
            canvas.draw()
            differ = int(np.any(shown != np.asarray(canvas.buffer_rgba()), axis=-1).sum())
            report["changes"] += 1
            report["kinds"][kind] += 1
            if differ > 20:   # a glyph's antialiasing at a cell edge may differ, nothing more
                report["bad"].append(f"{name} {control_name}={value!r} ({kind}): {differ} pixels")
print("REPORT " + json.dumps(report))
'''


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("redraws")
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=600)
    lines = [line for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    return json.loads(lines[-1][len("REPORT "):])


def test_every_control_change_shows_what_a_full_redraw_paints(report):
    assert report["bad"] == []
    # the check covered every way of updating: repainted lines, redrawn panels, full redraws
    assert report["changes"] > 100 and min(report["kinds"].values()) >= 5, report


def test_every_control_of_every_explorer_is_benchmarked(report):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import run
        run.load_modules()
    finally:
        sys.path.remove(str(BENCHMARKS))
    entries = [(b["name"], b["params"].get("control")) for b in run.BENCHMARKS]
    assert set(report["controls"]) == set(WIDGETS), "an explorer is missing from WIDGETS"
    missing = []
    for explorer, controls in report["controls"].items():
        prefix = f"widget:{WIDGETS[explorer]}"
        for control in controls:
            if not any(name.startswith(prefix) and (wanted == control or control in name[len(prefix):].split())
                       for name, wanted in entries):
                missing.append(f"{explorer}: {control}")
    assert missing == [], "controls without a widget benchmark entry"
