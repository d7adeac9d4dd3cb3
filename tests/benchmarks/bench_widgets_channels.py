"""Widget speed of lesson 3 (03_quantized_conductance): one control change = compute + a real,
synchronous redraw through the browser's code path (`run.widget_timing`). Target: under 50 ms
median; median_s and max_s are over the listed control changes.
The QPC explorer's shape controls ("length", "profile") need the kT = 0 gate sweep of the new
shape (one batched lattice calculation, ~0.1 s, cached per shape; the slider is slow=True).
The explorer computes every shape on a background thread (`helpers.widgets.Prefetch`, ~4 s)
right after it is shown: "qpc_shape" (cache=prefetched) is a length change after that, as a
student sees it; "qpc_shape" (cache=cold, prefetching off) measures the computation itself,
with fresh lengths.
"""

from run import benchmark, widget_timing

_cache = {}


def _explorer(name):
    if name not in _cache:
        from helpers.notebook import setup
        from helpers.explorers import channels

        setup(quiet=True)
        factory = {"modes": channels.mode_explorer,
                   "qpc": lambda: channels.qpc_explorer(prefetch=False),
                   "qpc_prefetched": channels.qpc_explorer,
                   "saddle": channels.saddle_explorer}[name]
        _cache[name] = factory()
    return _cache[name]


_values = {
    ("modes", "E"): [0.3, 1.1, 2.2, 3.5],
    ("modes", "W"): [4, 12, 20, 30],
    ("qpc", "Vg"): [-0.9, -0.6, -0.3, 0.0],
    ("qpc", "kT"): [0.005, 0.02, 0.04, 0.07],
    ("qpc", "length"): None,  # a fresh length each run, on an emptied cache, see _change
    ("qpc_prefetched", "length"): [4, 12, 20, 28, 36, 40],
    ("qpc_prefetched", "profile"): ["abrupt", "smooth", "abrupt", "smooth"],
    ("saddle", "ratio"): [0.1, 0.3, 0.6, 1.0],
    ("saddle", "kT"): [0.005, 0.02, 0.04, 0.07],
}
_fresh = iter(range(4, 41, 2))


def _change(name, control):
    from helpers.models.qpc import gate_sweep_cached

    explorer = _explorer(name)
    values = _values[(name, control)]
    if values is None:
        gate_sweep_cached.cache_clear()
        values = [next(_fresh, 20)]
    elif name == "qpc_prefetched":
        explorer.prefetch.wait()
        for task in explorer.prefetch.tasks:  # refill what a "cold" run emptied
            task()
    return widget_timing(explorer, control, values)


@benchmark("widget:03_quantized_conductance:modes", control="E")
@benchmark("widget:03_quantized_conductance:modes", control="W")
def modes_change(control):
    return _change("modes", control)


@benchmark("widget:03_quantized_conductance:qpc", control="Vg")
@benchmark("widget:03_quantized_conductance:qpc", control="kT")
@benchmark("widget:03_quantized_conductance:qpc_shape", control="length", cache="cold")
def qpc_change(control, cache=None):
    return _change("qpc", control)


@benchmark("widget:03_quantized_conductance:qpc_shape", control="profile", cache="prefetched")
@benchmark("widget:03_quantized_conductance:qpc_shape", control="length", cache="prefetched")
def qpc_prefetched_change(control, cache):
    return _change("qpc_prefetched", control)


@benchmark("widget:03_quantized_conductance:saddle", control="ratio")
@benchmark("widget:03_quantized_conductance:saddle", control="kT")
def saddle_change(control):
    return _change("saddle", control)
