"""Widget update times of lesson 8 (compute + redraw, the browser's code path, `run.widget_timing`).

The dephasing widget caches its reference curves (coherent, incoherent, resistance against eta)
per energy and probe placement; its axes are fixed (the resistance axis over the whole energy
slider, R_RANGE), so the eta and energy sliders only repaint the lines. The blockade widget
caches the diamond map per temperature (slow slider, update on release) in helpers.models.coulomb
(process-wide, so repeated runs time cached visits; a first visit adds about 0.08-0.13 s of
compute for the 161 x 121 map) and then redraws the whole figure once, without a new layout
(the map is part of the background); the gate slider recomputes the I-V cut only.
"""

from run import benchmark, every_option, widget_timing

from helpers.explorers.fine_print import blockade_explorer, dephasing_explorer

_EXPLORERS = {}


def _explorer(name, factory):
    if name not in _EXPLORERS:
        _EXPLORERS[name] = factory()
    return _EXPLORERS[name]


@benchmark("widget:08_fine_print:dephasing", control="probes")
@benchmark("widget:08_fine_print:dephasing", control="eta")
@benchmark("widget:08_fine_print:dephasing", control="energy")
def dephasing(control):
    ex = _explorer("dephasing", dephasing_explorer)
    values = {"eta": [0.01, 0.05, 0.1, 0.2, 0.4], "energy": [1.0, 1.5, 2.0, 2.5, 3.0],
              "probes": None}[control]
    if values is None:
        values = every_option(ex, control)
    return widget_timing(ex, control, values)


@benchmark("widget:08_fine_print:blockade", control="gate")
@benchmark("widget:08_fine_print:blockade", control="temperature")
def blockade(control):
    ex = _explorer("blockade", blockade_explorer)
    values = {"gate": [-2.0, -1.0, 0.0, 1.0, 2.0], "temperature": [0.5, 1.0, 2.0, 3.0, 4.0]}[control]
    return widget_timing(ex, control, values)
