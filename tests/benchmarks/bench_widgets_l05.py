"""Widget speed of lesson 5 (05_negf_caroli): compute + synchronous redraw per control change."""

import statistics

from run import benchmark


def _measure(factory, control, values):
    from helpers.widgets import measure_update

    explorer = factory()
    rows = measure_update(explorer, control, values)
    totals = [row["total"] for row in rows]
    return {"median_s": statistics.median(totals), "max_s": max(totals),
            "compute_median_s": statistics.median(row["compute"] for row in rows)}


@benchmark("widget:05_negf_caroli:resonant_level eps0")
def resonant_level_eps0():
    from helpers.explorers.l05_negf import resonant_level_explorer
    return _measure(resonant_level_explorer, "eps0", [-1.2, -0.5, 0.0, 0.3, 0.8, 1.4])


@benchmark("widget:05_negf_caroli:resonant_level gamma_R")
def resonant_level_gamma():
    from helpers.explorers.l05_negf import resonant_level_explorer
    return _measure(resonant_level_explorer, "gamma_R", [0.05, 0.1, 0.3, 0.6, 1.0])


@benchmark("widget:05_negf_caroli:molecule n_sites")
def molecule_sites():
    from helpers.explorers.l05_negf import molecule_explorer
    return _measure(molecule_explorer, "n_sites", [1, 2, 4, 6, 8])


@benchmark("widget:05_negf_caroli:molecule gamma")
def molecule_gamma():
    from helpers.explorers.l05_negf import molecule_explorer
    return _measure(molecule_explorer, "gamma", [0.05, 0.1, 0.3, 0.6, 1.0])
