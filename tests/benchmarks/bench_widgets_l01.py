"""Widget speed of lesson 1 (01_resistance_is_reflection): one control change = compute + a real,
synchronous redraw (helpers.widgets.measure_update). Target: under 50 ms median.

The runner's own time covers several changes (measure_update also restores the control); the
per-change numbers are in the info column: median_s and max_s of compute + draw over 4 values.
"""

import statistics

from run import benchmark

_cache = {}


def _explorer(name):
    if name not in _cache:
        import matplotlib
        matplotlib.use("Agg")
        from helpers.notebook import setup
        from helpers.explorers import l01_resistance

        setup(quiet=True)
        factory = {"chain": l01_resistance.chain_explorer,
                   "single": l01_resistance.single_scatterer_explorer}[name]
        _cache[name] = factory()
    return _cache[name]


_values = {
    ("chain", "T1"): [0.3, 0.5, 0.7, 0.9],
    ("chain", "n_max"): [50, 100, 150, 200],
    ("chain", "seed"): [1, 2, 3, 4],
    ("single", "U"): [0.5, 1.0, 2.0, 3.0],
    ("single", "energy"): [0.5, 1.0, 2.0, 3.0],
}


def _change(name, control, **setting):
    from helpers.widgets import measure_update

    explorer = _explorer(name)
    for key, value in setting.items():
        explorer.controls[key].value = value
    rows = measure_update(explorer, control, _values[(name, control)])
    totals = [row["total"] for row in rows]
    return {"median_s": round(statistics.median(totals), 4), "max_s": round(max(totals), 4),
            "compute_ms": round(statistics.median(row["compute"] for row in rows) * 1e3, 2)}


@benchmark("widget:01_resistance_is_reflection:chain", control="T1", n_max=200)
@benchmark("widget:01_resistance_is_reflection:chain", control="n_max", n_max=None)
@benchmark("widget:01_resistance_is_reflection:chain", control="seed", n_max=200)
def chain_change(control, n_max):
    return _change("chain", control, **({"n_max": n_max} if n_max else {}))


@benchmark("widget:01_resistance_is_reflection:single_scatterer", control="U")
@benchmark("widget:01_resistance_is_reflection:single_scatterer", control="energy")
def single_change(control):
    return _change("single", control)
