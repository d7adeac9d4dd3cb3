"""Lesson 8 explorers driven from Python: set a control, assert on what is drawn (physics)."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import constants as sc

import helpers
from helpers.models.coulomb import SET, kT_meV, set_current
from helpers.explorers.fine_print import blockade_explorer, dephasing_explorer
from helpers.models.probes import effective_transmission, two_barrier_chain


@pytest.fixture(scope="module")
def dephasing():
    return dephasing_explorer()


@pytest.fixture(scope="module")
def blockade():
    return blockade_explorer()


def test_dephasing_starts_coherent_on_a_resonance(dephasing):
    dephasing.controls["eta"].value = 0.0
    dephasing.controls["energy"].value = 2.15
    dephasing.controls["probes"].value = "well"
    E, T = dephasing.data("probes")
    _, T_coh = dephasing.data("coherent")
    V, _ = two_barrier_chain(3.0, 1, 12)
    assert_allclose(T_coh, helpers.transmission(V, E), atol=1e-12)
    assert_allclose(T, T_coh, atol=1e-12)                      # eta = 0: no dephasing
    assert T_coh.max() == pytest.approx(1, abs=0.02)   # T = 1 at resonance, grid step 0.009 t
    _, (R_now,) = dephasing.data("R_now")
    assert R_now == pytest.approx(1, abs=0.01)                  # on resonance: the contact only


def test_dephasing_lowers_the_peaks_and_sits_between_references(dephasing):
    dephasing.controls["probes"].value = "well"
    peaks = []
    for eta in [0.0, 0.02, 0.1, 0.3]:
        dephasing.controls["eta"].value = eta
        peaks.append(dephasing.data("probes")[1].max())
    assert np.all(np.diff(peaks) < 0)
    # incoherent reference: the series law for two equal single barriers
    E, T_inc = dephasing.data("incoherent")
    T1 = helpers.transmission([0, 3.0, 0], E)
    assert_allclose(1 / T_inc, 1 + 2 * (1 - T1) / T1, rtol=1e-12)


def test_resistance_panel_follows_the_probe_model(dephasing):
    dephasing.controls["energy"].value = 2.0               # off resonance
    dephasing.controls["eta"].value = 0.1
    dephasing.controls["probes"].value = "all"
    V, _ = two_barrier_chain(3.0, 1, 12)
    (x,), (R_now,) = dephasing.data("R_now")
    assert x == pytest.approx(0.1)
    assert R_now == pytest.approx(1 / effective_transmission(V, 2.0, np.arange(V.size), 0.1), rel=1e-10)
    _, (R_coh, _) = dephasing.data("R_coherent")
    assert R_coh == pytest.approx(1 / helpers.transmission(V, 2.0), rel=1e-10)
    etas, R = dephasing.data("R_probes")
    assert R[0] == pytest.approx(R_coh, rel=0.01)           # eta = 1e-3: almost coherent
    assert R_now < R_coh                                     # off resonance dephasing helps
    assert "η = 0.100" in dephasing.data("title")


def test_blockade_map_and_cut(blockade):
    blockade.controls["temperature"].value = 0.0
    blockade.controls["gate"].value = 0.0
    dev = SET()
    Vg, V, I = blockade.state.map["Vg"], blockade.state.map["V"], blockade.state.map["I"]
    assert I.shape == (V.size, Vg.size)
    assert_allclose(I, set_current(V[:, None], Vg[None, :], 0.0, dev), atol=1e-12)
    V_iv, I_iv = blockade.data("I")
    threshold = sc.e / (dev.C_sigma_aF * 1e-18) * 1e3          # e/C_sigma in mV
    assert np.all(np.abs(I_iv[np.abs(V_iv) < 0.98 * threshold]) < 1e-12)   # the diamond at n_g = 0
    assert np.all(np.abs(I_iv[np.abs(V_iv) > 1.02 * threshold]) > 0)
    x, y = blockade.data("cut")
    assert_allclose(x, [0, 0])
    # the image is the differential conductance, on a colour scale that does not change with T
    image = blockade.plot.axes[0].get_images()[0]
    assert_allclose(image.get_array(), np.gradient(I, V, axis=0), atol=1e-12)
    assert blockade.state.map["dIdV"] is image.get_array().data or np.array_equal(image.get_array(), blockade.state.map["dIdV"])
    clim = image.get_clim()
    blockade.controls["temperature"].value = 2.0
    assert image.get_clim() == clim and clim == (0.0, pytest.approx(2 * 1e3 / dev.R_sum_kohm))
    assert_allclose(image.get_array(), blockade.state.map["dIdV"])
    assert np.ptp(image.get_array()) < 0.5 * clim[1]                  # 2 K: the diamonds have faded


def test_conductance_panel_peaks_at_half_the_series_conductance(blockade):
    blockade.controls["temperature"].value = 0.1
    blockade.controls["gate"].value = 1.6
    Vg, G = blockade.data("G")
    G_inf = 1e3 / 400.0                                       # 1/(R1 + R2) in microsiemens
    peaks = Vg[1:-1][(G[1:-1] > G[:-2]) & (G[1:-1] > G[2:])]
    period = sc.e / 50e-18 * 1e3
    assert_allclose(np.diff(peaks), period, atol=np.diff(Vg)[0] * 1.01)   # spaced e/Cg
    assert G.max() == pytest.approx(G_inf / 2, rel=0.02)
    (g,), (G_now,) = blockade.data("G_now")
    assert g == pytest.approx(1.6)
    _, G_half = blockade.data("G_half")
    assert_allclose(G_half, G_inf / 2)


def test_temperature_lifts_the_blockade(blockade):
    blockade.controls["gate"].value = 0.0
    blockade.controls["temperature"].value = 0.1
    G_cold = blockade.data("G")[1].min()
    blockade.controls["temperature"].value = 5.0             # kT = 1.9 E_C
    G_hot = blockade.data("G")[1]
    assert G_cold < 1e-6
    assert G_hot.min() > 0.75 * 2.5 and np.ptp(G_hot) < 0.01 * 2.5   # oscillations washed out
    assert r"$k_B\theta/E_C$ = 1.88" in blockade.data("title")
    assert kT_meV(5.0) / SET().E_C_meV > 1.8


def test_at_temperature_zero_the_peaks_are_drawn_at_the_degeneracy_points(blockade):
    """G(Vg) vanishes at temperature 0 except where two charge states are degenerate,
    n_g = Cg Vg/e + q0 = k + 1/2 (gate period e/Cg = 3.2 mV): there the peaks, of zero width,
    are drawn as vertical lines up to the peak value 1/2(R1 + R2), and the panel says so."""
    device = SET()
    blockade.controls["temperature"].value = 0.0
    x, y = blockade.data("G_peaks")
    tops = x[np.isfinite(y) & (y > 0)]
    n_g = device.Cg_aF * tops / device.gate_period_mV / device.Cg_aF + device.q0
    np.testing.assert_allclose(n_g - np.floor(n_g), 0.5, atol=1e-12)
    assert tops.size == 2                                      # +-1.6 mV in the -4..4 mV window
    np.testing.assert_allclose(y[np.isfinite(y) & (y > 0)], 1e3 / device.R_sum_kohm / 2)
    assert "zero width" in blockade.data("title")
    assert any("zero width" in t.get_text() for t in blockade.plot.axes[2].texts)
    blockade.controls["temperature"].value = 0.1               # finite: the real peaks, no lines
    assert blockade.data("G_peaks")[0].size == 0
    assert not any(t.get_text() for t in blockade.plot.axes[2].texts)


def test_resistance_axis_is_fixed_and_holds_the_curves(dephasing):
    from helpers.explorers.fine_print import R_RANGE
    ax = dephasing.plot.axes[1]
    for probes in ("well", "all"):
        dephasing.controls["probes"].value = probes
        for energy in (0.6, 1.0, 2.15, 3.4):
            dephasing.controls["energy"].value = energy
            assert ax.get_ylim() == pytest.approx(R_RANGE)
            for name in ("R_probes", "R_coherent", "R_incoherent"):
                _, R = dephasing.data(name)
                assert R_RANGE[0] < np.min(R) and np.max(R) < R_RANGE[1]


def test_plot_legibility_review_fixes():
    """The blue eta = 0 curve is drawn above the orange one, the eta = 0 marker placement is
    stated, and the dashed I-V line says it is the zero-temperature asymptote."""
    from helpers.explorers.fine_print import blockade_explorer, dephasing_explorer
    ex = dephasing_explorer()
    lines = ex.plot.lines
    assert lines["coherent"].get_zorder() > lines["probes"].get_zorder()
    assert "10⁻³" in lines["R_probes"].get_label()
    assert "zero-temperature" in blockade_explorer().plot.lines["ohmic"].get_label()


def test_coherent_peaks_are_drawn_with_their_tops(dephasing):
    """Two equal barriers transmit perfectly on resonance: every drawn peak of the eta = 0 curve
    reaches T = 1 (the axis is refined around each resonance), and the peak energies are where
    the chain's own transmission is 1."""
    from scipy.signal import find_peaks

    import helpers
    from helpers.models.probes import two_barrier_chain

    dephasing.controls["eta"].value = 0.0
    E, T = dephasing.data("coherent")
    peaks, _ = find_peaks(T, prominence=0.1)
    assert peaks.size >= 3
    np.testing.assert_allclose(T[peaks], 1.0, atol=1e-6)
    V, _ = two_barrier_chain(3.0, 1, 12)
    np.testing.assert_allclose(helpers.transmission(V, E[peaks]), 1.0, atol=1e-6)
