"""Widget update times of lesson 7 (compute + redraw through the browser's
code path, `run.widget_timing`).

Every explorer of lesson 7 caches its ensembles (one per parameter set): the first visit of a
setting is slow by design (slow sliders, update on release, a progress bar); the benchmark warms
the caches once and times the cached updates a student sees when moving a slider back and forth.
The regimes widget also prefetches the neighbouring widths and disorders on a background thread
after each change; the benchmark turns that off (its cached updates are what a prefetched step
costs, without a thread competing for the timed redraws). The chain and magnetoconductance
widgets keep their axes (only the lines are repainted); the regimes widget redraws its three
panels when the width changes (a new model: new axis ranges) and only the histogram panel when
the histogram length changes, never with a new layout (y tick labels of fixed width).
"""

from run import benchmark, widget_timing

from helpers.explorers.localization import chain_explorer, magnetoconductance_explorer, regimes_explorer

_EXPLORERS = {}


def _explorer(name, factory):
    if name not in _EXPLORERS:
        _EXPLORERS[name] = factory()
    return _EXPLORERS[name]


def _warm(ex, control, values):
    for value in values:
        ex.controls[control].value = value


@benchmark("widget:07_localization:regimes", control="strength")
@benchmark("widget:07_localization:regimes", control="L")
@benchmark("widget:07_localization:regimes", control="W")
def regimes(control):
    ex = _explorer("regimes", lambda: regimes_explorer(prefetch=False))
    values = {"L": [20, 50, 100, 200, 400], "W": [2, 4, 6, 4, 2],
              "strength": [1.0, 1.5, 2.5, 1.5, 1.0]}[control]
    _warm(ex, control, values)
    return widget_timing(ex, control, values)


@benchmark("widget:07_localization:chain", control="energy")
def chain(control):
    ex = _explorer("chain", chain_explorer)
    values = [1.0, 2.0, 3.0, 2.0, 1.0]
    _warm(ex, control, values)
    return widget_timing(ex, control, values)


@benchmark("widget:07_localization:magnetoconductance", control="flux")
@benchmark("widget:07_localization:magnetoconductance", control="realization")
def magneto(control):
    ex = _explorer("magneto", magnetoconductance_explorer)
    values = {"flux": [-0.01, -0.004, 0.0, 0.004, 0.01], "realization": [1, 10, 50, 100, 150]}[control]
    return widget_timing(ex, control, values)
