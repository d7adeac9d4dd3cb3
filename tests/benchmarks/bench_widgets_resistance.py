"""Widget speed of lesson 1 (01_resistance_is_reflection): one control change = compute + redraw
through the browser's code path (`run.widget_timing`). Target: under 50 ms median.

The chain explorer is timed at its largest size (200 scatterers, ten random arrangements).
"chain scale" includes the scale observer, which lays the figure out again for the new tick
labels (`Plot.freeze_layout`) before the explorer's update.
"""

from run import benchmark, widget_timing

_cache = {}


def _explorer(name):
    if name not in _cache:
        from helpers.explorers import resistance
        from helpers.notebook import setup

        setup(quiet=True)
        if name == "chain":
            _cache[name] = resistance.chain_explorer(n_max=200)
        else:
            _cache[name] = resistance.single_scatterer_explorer()
    return _cache[name]


@benchmark("widget:01_resistance_is_reflection:chain show", control="show",
           values=("coherent", "incoherent", "both"))
@benchmark("widget:01_resistance_is_reflection:chain scale", control="scale", values=("linear", "log"))
@benchmark("widget:01_resistance_is_reflection:chain T1", control="T1", values=(0.3, 0.5, 0.7, 0.9))
@benchmark("widget:01_resistance_is_reflection:chain seed", control="seed", values=(1, 2, 3, 4))
@benchmark("widget:01_resistance_is_reflection:chain n_max", control="n_max",
           values=(50, 100, 150, 200))
@benchmark("widget:01_resistance_is_reflection:chain positions", control="positions",
           values=("regular", "random"))
def chain_change(control, values):
    return widget_timing(_explorer("chain"), control, list(values))


@benchmark("widget:01_resistance_is_reflection:single_scatterer U", control="U",
           values=(0.5, 1.0, 2.0, 3.0))
@benchmark("widget:01_resistance_is_reflection:single_scatterer energy", control="energy",
           values=(0.5, 1.0, 2.0, 3.0))
def single_change(control, values):
    return widget_timing(_explorer("single"), control, list(values))
