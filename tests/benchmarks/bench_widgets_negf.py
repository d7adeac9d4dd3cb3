"""Widget speed of lesson 6 (06_negf_caroli): one control change = compute + redraw through the
browser's code path (`run.widget_timing`). Target: under 50 ms median.

The resonant-level explorer has three panels; its density-of-states panel rescales with the
coupling, so a change of eps0 or of a coupling is a full redraw (no blitting).
"""

from run import benchmark, widget_timing

_cache = {}


def _explorer(name):
    if name not in _cache:
        from helpers.explorers import negf
        from helpers.notebook import setup

        setup(quiet=True)
        if name == "level":
            _cache[name] = negf.resonant_level_explorer()
        else:
            _cache[name] = negf.molecule_explorer()
    return _cache[name]


@benchmark("widget:06_negf_caroli:resonant_level eps0", control="eps0",
           values=(-1.2, -0.5, 0.0, 0.3, 0.8, 1.4))
@benchmark("widget:06_negf_caroli:resonant_level gamma_L", control="gamma_L",
           values=(0.05, 0.1, 0.3, 0.6, 1.0))
@benchmark("widget:06_negf_caroli:resonant_level gamma_R", control="gamma_R",
           values=(0.05, 0.1, 0.3, 0.6, 1.0))
def level_change(control, values):
    return widget_timing(_explorer("level"), control, list(values))


@benchmark("widget:06_negf_caroli:molecule n_sites", control="n_sites", values=(1, 2, 4, 6, 8))
@benchmark("widget:06_negf_caroli:molecule onsite", control="onsite", values=(-0.8, -0.2, 0.3, 0.9))
@benchmark("widget:06_negf_caroli:molecule hopping", control="hopping", values=(0.2, 0.5, 0.8, 1.0))
@benchmark("widget:06_negf_caroli:molecule gamma", control="gamma", values=(0.05, 0.1, 0.3, 0.6, 1.0))
def molecule_change(control, values):
    return widget_timing(_explorer("molecule"), control, list(values))
