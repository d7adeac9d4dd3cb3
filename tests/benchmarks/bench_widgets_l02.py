"""Widget speed of lesson 2 (02_reservoirs_and_fermi_window): compute + synchronous redraw."""

import statistics

from run import benchmark


def _measure(control, values, **settings):
    from helpers.explorers.l02_reservoirs import fermi_window_explorer
    from helpers.widgets import measure_update

    explorer = fermi_window_explorer(**settings)
    rows = measure_update(explorer, control, values)
    totals = [row["total"] for row in rows]
    return {"median_s": statistics.median(totals), "max_s": max(totals),
            "compute_median_s": statistics.median(row["compute"] for row in rows)}


@benchmark("widget:02_reservoirs_and_fermi_window:fermi_window bias", model="resonance")
@benchmark("widget:02_reservoirs_and_fermi_window:fermi_window bias", model="band")
def fermi_window_bias(model):
    return _measure("bias", [-0.8, -0.3, 0.0, 0.2, 0.5, 0.9], kind=model)


@benchmark("widget:02_reservoirs_and_fermi_window:fermi_window kT_R (worst: 0.005 vs 0.1)")
def fermi_window_temperature():
    return _measure("kT_R", [0.005, 0.01, 0.05, 0.1], kind="resonance", kT_L=0.1)


@benchmark("widget:02_reservoirs_and_fermi_window:fermi_window model")
def fermi_window_model():
    return _measure("model", ["step", "band", "resonance"])
