"""Widget update times of lesson 4 (compute + redraw through the browser's
code path, `run.widget_timing`).

The eigenvalue widget caches one ensemble per (L, Wd): the first visit of a parameter set is
slow by design (slow sliders, update on release); the benchmark times the cached updates a
student sees when coming back, and the realization slider, which never recomputes.
"""

from run import benchmark, every_option, widget_timing

from helpers.explorers.smatrix import barrier_explorer, double_barrier_explorer, eigenvalue_explorer

_EXPLORERS = {}


def _explorer(name, factory):
    if name not in _EXPLORERS:
        _EXPLORERS[name] = factory()
    return _EXPLORERS[name]


@benchmark("widget:04_scattering_matrix:barrier", control="energy")
@benchmark("widget:04_scattering_matrix:barrier", control="width")
@benchmark("widget:04_scattering_matrix:barrier", control="height")
@benchmark("widget:04_scattering_matrix:barrier", control="m_eff")
def barrier(control):
    ex = _explorer("barrier", barrier_explorer)
    values = {"energy": [0.05, 0.1, 0.2, 0.3, 0.4], "width": [1.0, 2.0, 3.0, 4.0, 5.0],
              "height": [0.1, 0.2, 0.3, 0.4, 0.5]}.get(control) or every_option(ex, control)
    return widget_timing(ex, control, values)


@benchmark("widget:04_scattering_matrix:double_barrier", control="spacing")
@benchmark("widget:04_scattering_matrix:double_barrier", control="width")
@benchmark("widget:04_scattering_matrix:double_barrier", control="height")
@benchmark("widget:04_scattering_matrix:double_barrier", control="m_eff")
@benchmark("widget:04_scattering_matrix:double_barrier", control="scale")
def double_barrier(control):
    ex = _explorer("double", double_barrier_explorer)
    values = {"spacing": [3.0, 5.0, 8.0, 12.0, 18.0], "width": [1.0, 2.0, 3.0, 2.5],
              "height": [0.15, 0.25, 0.4, 0.3], "scale": ["linear", "log", "linear"]}.get(control)
    return widget_timing(ex, control, values or every_option(ex, control))


@benchmark("widget:04_scattering_matrix:eigenvalues", control="realization")
@benchmark("widget:04_scattering_matrix:eigenvalues", control="L")
@benchmark("widget:04_scattering_matrix:eigenvalues", control="strength")
def eigenvalues(control):
    ex = _explorer("eigen", eigenvalue_explorer)
    values = {"realization": [1, 5, 10, 20, 30], "L": [40, 60, 80, 40, 60],
              "strength": [1.0, 2.0, 1.5, 1.0]}[control]
    # warm the cache once (first visits are slow by design), then time the cached updates
    for value in values:
        ex.controls[control].value = value
    return widget_timing(ex, control, values)
