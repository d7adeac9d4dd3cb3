"""Widget update times of lesson 7 (compute + a real synchronous draw), via measure_update.

The dephasing widget caches its reference curves (coherent, incoherent, resistance against eta)
per energy and probe placement; the eta slider recomputes T_eff(E) only. The blockade widget
caches the diamond map per temperature (slow slider, update on release); the gate slider
recomputes the I-V cut only. The cache lives in helpers.coulomb (process-wide), so repeated runs
time the cached temperature visits; a first visit adds about 0.13 s of compute (161 x 121 map,
measured on a loaded 2-core machine). The figures have three (blockade: map, I-V, G) and two
(dephasing) panels, so their redraw costs about two to three times a one-panel widget.
"""

import statistics

from run import benchmark

from helpers.explorers.l07_fine_print import blockade_explorer, dephasing_explorer
from helpers.widgets import measure_update

_EXPLORERS = {}


def _explorer(name, factory):
    if name not in _EXPLORERS:
        _EXPLORERS[name] = factory()
    return _EXPLORERS[name]


def _summary(rows):
    totals = [row["total"] for row in rows]
    return {"median_s": statistics.median(totals), "max_s": max(totals),
            "compute_median_s": statistics.median(row["compute"] for row in rows)}


@benchmark("widget:07_fine_print:dephasing", control="eta")
@benchmark("widget:07_fine_print:dephasing", control="energy")
def dephasing(control):
    ex = _explorer("dephasing", dephasing_explorer)
    values = {"eta": [0.01, 0.05, 0.1, 0.2, 0.4], "energy": [1.0, 1.5, 2.0, 2.5, 3.0]}[control]
    return _summary(measure_update(ex, control, values))


@benchmark("widget:07_fine_print:blockade", control="gate")
@benchmark("widget:07_fine_print:blockade", control="temperature")
def blockade(control):
    ex = _explorer("blockade", blockade_explorer)
    values = {"gate": [-2.0, -1.0, 0.0, 1.0, 2.0], "temperature": [0.5, 1.0, 2.0, 3.0, 4.0]}[control]
    return _summary(measure_update(ex, control, values))
