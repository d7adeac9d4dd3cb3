"""Widget speed of lesson 2 (02_reservoirs_and_fermi_window): compute + redraw through the browser's
code path (`run.widget_timing`); median_s and max_s are over the control changes."""

from run import benchmark, widget_timing


def _measure(control, values, **settings):
    from helpers.explorers.reservoirs import fermi_window_explorer

    return widget_timing(fermi_window_explorer(**settings), control, values)


@benchmark("widget:02_reservoirs_and_fermi_window:fermi_window bias", model="resonance")
@benchmark("widget:02_reservoirs_and_fermi_window:fermi_window bias", model="band")
def fermi_window_bias(model):
    return _measure("bias", [-0.8, -0.3, 0.0, 0.2, 0.5, 0.9], kind=model)


@benchmark("widget:02_reservoirs_and_fermi_window:fermi_window kT_R (worst: 0.005 vs 0.1)")
def fermi_window_temperature():
    return _measure("kT_R", [0.005, 0.01, 0.05, 0.1], kind="resonance", kT_L=0.1)


@benchmark("widget:02_reservoirs_and_fermi_window:fermi_window kT_L")
def fermi_window_left_temperature():
    return _measure("kT_L", [0.005, 0.02, 0.05, 0.1], kind="resonance")


@benchmark("widget:02_reservoirs_and_fermi_window:fermi_window model")
def fermi_window_model():
    return _measure("model", ["step", "band", "resonance"])


@benchmark("widget:02_reservoirs_and_fermi_window:fermi_window position")
def fermi_window_position():
    return _measure("position", [-0.6, -0.3, 0.0, 0.1, 0.2, 0.3, 0.6], kind="resonance")
