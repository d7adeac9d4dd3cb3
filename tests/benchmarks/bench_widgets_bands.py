"""Widget speed of lesson 0 (00_bands_and_electrons): compute + redraw through the browser's code
path (`run.widget_timing`); median_s and max_s are over the control changes."""

from run import benchmark, widget_timing


def _measure(factory, control, values):
    from helpers.explorers import bands

    return widget_timing(getattr(bands, factory)(), control, values)


@benchmark("widget:00_bands_and_electrons:chain", control="E")
def chain_energy(control):
    return _measure("chain_explorer", control, [0.0, 0.5, 1.3, 2.0, 3.1, 4.0])


@benchmark("widget:00_bands_and_electrons:chain", control="parabola")
def chain_parabola(control):
    return _measure("chain_explorer", control, [False, True, False, True])


@benchmark("widget:00_bands_and_electrons:fermi_sea", control="n")
def fermi_sea_density(control):
    return _measure("fermi_sea_explorer", control, [0.5, 2.0, 3.5, 5.0, 8.0])
