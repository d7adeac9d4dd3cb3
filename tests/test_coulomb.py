"""Orthodox single-electron transistor (helpers.models.coulomb): units, the rate, detailed balance,
symmetry, thresholds, the ohmic asymptote and the linear-conductance line shape; Coulomb-blockade
thermometry (the dip of N junctions in series, against the SET master equation)."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import constants as sc
from scipy.integrate import quad

from helpers.models.coulomb import (SET, cbt_conductance, cbt_dip_function, cbt_width_factor,
                                    charge_probabilities, charging_energy_meV, coulomb_curves,
                                    differential_conductance, dip_full_width, gate_period_mV,
                                    kT_meV, orthodox_rate, set_conductance, set_current,
                                    thermometer_curves, tunnel_rate)

DEVICE = SET()                       # C1 = C2 = 150 aF, Cg = 50 aF, R1 = R2 = 200 kOhm
ASYM = SET(C1_aF=100.0, C2_aF=220.0, Cg_aF=40.0, R1_kohm=150.0, R2_kohm=600.0, q0=0.13, alpha=0.3)


def gate_for(ng, device=DEVICE):
    """Gate voltage (mV) giving the gate charge ng at V = 0 (q0 included)."""
    return (ng - device.q0) * sc.e / (device.Cg_aF * 1e-18) * 1e3


def E_C(device):
    return sc.e**2 / (2 * device.C_sigma_aF * 1e-18) / sc.e * 1e3   # meV


def test_units_from_si_constants():
    assert charging_energy_meV(1000.0) == pytest.approx(sc.e**2 / (2e-15) / sc.e * 1e3, rel=1e-12)
    assert charging_energy_meV(350.0) == pytest.approx(0.2288824, rel=1e-6)
    assert gate_period_mV(50.0) == pytest.approx(sc.e / 50e-18 * 1e3, rel=1e-12)
    assert kT_meV(1.0) == pytest.approx(sc.k / sc.e * 1e3, rel=1e-12)
    assert DEVICE.offset_mV == pytest.approx(sc.e / (350e-18) * 1e3, rel=1e-12)   # e/C_sigma


def test_orthodox_rate_limits_and_stability():
    kT = 0.7
    assert orthodox_rate(0.0, kT) == pytest.approx(kT, rel=1e-15)
    for w in [1e-14, -1e-14, 1e-7, -1e-7, 1e-5]:
        assert orthodox_rate(w, kT) == pytest.approx(w / -np.expm1(-w / kT), rel=1e-12)
    W = np.array([-1e6, -300.0, -50.0, 50.0, 300.0, 1e6])
    rates = orthodox_rate(W, kT)
    assert np.all(np.isfinite(rates))
    assert_allclose(rates[W > 0], W[W > 0], rtol=1e-12)                    # W >> kT: W
    assert_allclose(rates[W < 0][1:], -W[W < 0][1:] * np.exp(W[W < 0][1:] / kT), rtol=1e-12)
    assert orthodox_rate(-1e6, kT) == 0.0
    assert_allclose(orthodox_rate([-2.0, 0.0, 3.0], 0.0), [0.0, 0.0, 3.0])  # T = 0
    # detailed balance of the rates: Gamma(W)/Gamma(-W) = exp(W/kT)
    w = np.linspace(-5, 5, 41)
    assert_allclose(orthodox_rate(w, kT) / orthodox_rate(-w, kT), np.exp(w / kT), rtol=1e-12)


def test_tunnel_rate_in_si():
    # T = 0: Gamma = W/(e^2 R); W = 0.1 meV, R = 100 kOhm
    assert tunnel_rate(0.1, 100.0, 0.0) == pytest.approx(0.1e-3 * sc.e / (sc.e**2 * 1e5), rel=1e-12)
    # W = 0: Gamma = kT/(e^2 R)
    assert tunnel_rate(0.0, 100.0, 2.0) == pytest.approx(sc.k * 2.0 / (sc.e**2 * 1e5), rel=1e-12)


@pytest.mark.parametrize("device", [DEVICE, ASYM])
def test_equilibrium_is_the_boltzmann_distribution_of_the_charging_energy(device):
    """At V = 0 the island is in equilibrium: P(n) ~ exp(-E_C (n - n_g)^2 / kT)."""
    for ng in [0.0, 0.3, 0.5, 0.77]:
        n, P = charge_probabilities(0.0, gate_for(ng, device), 1.5, device)
        boltzmann = np.exp(-E_C(device) * (n - ng) ** 2 / kT_meV(1.5))
        assert_allclose(P, boltzmann / boltzmann.sum(), atol=1e-12)


@pytest.mark.parametrize("device", [DEVICE, ASYM])
@pytest.mark.parametrize("T_K", [0.0, 0.05, 0.5, 5.0])
def test_no_current_without_bias(device, T_K):
    Vg = np.linspace(-5, 5, 41)
    assert_allclose(set_current(0.0, Vg, T_K, device), 0, atol=1e-12)


@pytest.mark.parametrize("T_K", [0.0, 0.1, 1.0])
def test_current_is_odd_in_bias_at_the_degeneracy_point_of_a_symmetric_device(T_K):
    V = np.linspace(0.01, 1.5, 30)
    Vg = gate_for(0.5)
    assert_allclose(set_current(V, Vg, T_K), -set_current(-V, Vg, T_K), atol=1e-12)
    assert np.all(set_current(V, Vg, T_K) > 0)


def test_current_is_periodic_in_the_gate_with_period_e_over_Cg():
    V = np.linspace(-1, 1, 9)[:, None]
    Vg = np.linspace(-2, 2, 9)[None, :]
    assert_allclose(set_current(V, Vg + gate_period_mV(DEVICE.Cg_aF), 0.3),
                    set_current(V, Vg, 0.3), atol=1e-10)


def test_blockade_threshold_at_zero_temperature():
    """n_g = 0, C1 = C2, symmetric bias: the first electron gets on when eV/2 > E_C, i.e.
    |V| > 2E_C/e = e/C_sigma; at n_g = 1/4 the threshold halves (edges of the diamond)."""
    th = sc.e / (DEVICE.C_sigma_aF * 1e-18) * 1e3          # mV
    assert_allclose(set_current([0.5 * th, 0.99 * th, -0.99 * th], 0.0, 0.0), 0, atol=1e-15)
    assert set_current(1.01 * th, 0.0, 0.0) > 0 and set_current(-1.01 * th, 0.0, 0.0) < 0
    half = gate_for(0.25)
    assert set_current(0.49 * th, half, 0.0) == pytest.approx(0, abs=1e-15)
    assert set_current(0.51 * th, half, 0.0) > 0


@pytest.mark.parametrize("V, rel", [(3.0, 2e-3), (10.0, 1e-6), (-15.0, 1e-6)])
def test_ohmic_asymptote_with_the_coulomb_offset(V, rel):
    """Symmetric device at T = 0, n_g = 0, many charge states open: summing the two expressions
    of the current, e sum P_n Gamma_in,2(n) and e sum P_n Gamma_out,1(n), the n-dependence cancels,
    2I = (V - 2E_C/e)/R, so I = (V - e/C_sigma)/(R1 + R2) exactly once the states that
    carry probability all have both rates open. The last state of the distribution has its
    in-rate clipped at 0; its weight falls fast with V (0.1 % at V = 6.5 e/C_sigma, 1e-9 at 22)."""
    off = sc.e / (DEVICE.C_sigma_aF * 1e-18) * 1e3
    expected = (V - np.sign(V) * off) / (DEVICE.R1_kohm + DEVICE.R2_kohm) * 1e3    # nA
    assert set_current(V, 0.0, 0.0) == pytest.approx(expected, rel=rel)


def test_high_temperature_conductance_approaches_the_series_tunnel_conductance():
    """kT >> E_C: G/G_inf = 1 - E_C/(3 kT) + O((E_C/kT)^2) (Coulomb blockade thermometry)."""
    G_inf = 1e3 / (DEVICE.R1_kohm + DEVICE.R2_kohm)          # microsiemens
    for ratio in [10, 20, 40]:
        T = ratio * E_C(DEVICE) / kT_meV(1.0)
        G = set_conductance(0.4, T)
        assert G / G_inf == pytest.approx(1 - 1 / (3 * ratio), abs=0.1 / ratio**2)
    # and the current is ohmic, I -> V/(R1 + R2)
    T = 200 * E_C(DEVICE) / kT_meV(1.0)
    assert set_current(0.5, 1.0, T) == pytest.approx(0.5 / 400 * 1e3, rel=3e-3)


@pytest.mark.parametrize("device", [DEVICE, ASYM])
def test_linear_conductance_line_shape_near_a_degeneracy_point(device):
    """Two states n = 0, 1 (kT << E_C). Linearizing the master equation in V gives
    G = (1/(R1 + R2)) (u/2)/sinh(u) with u = dF/kT, dF = 2E_C(1/2 - n_g) the cost of adding the
    electron at V = 0 (independent of the bias split and of R1/R2): peak G_inf/2, width ~ kT."""
    T = 0.08
    u = np.linspace(-6, 6, 25)
    ng = 0.5 - u * kT_meV(T) / (2 * E_C(device))
    G = set_conductance(gate_for(ng, device), T, device)
    G_inf = 1e3 / (device.R1_kohm + device.R2_kohm)
    shape = np.where(u == 0, 0.5, (u / 2) / np.sinh(np.where(u == 0, 1, u)))
    assert_allclose(G / G_inf, shape, rtol=1e-5, atol=1e-9)


def test_probabilities_are_normalized_and_window_is_wide_enough():
    n, P = charge_probabilities(np.linspace(-3, 3, 7), 1.0, 2.0)
    assert_allclose(P.sum(axis=-1), 1, atol=1e-12)
    assert np.all(P[..., [0, -1]] < 1e-8)                   # nothing leaks out of the window


def test_coulomb_curves_agree_with_the_functions():
    d = coulomb_curves(0.7, 0.4, shape=(21, 17), points=31)
    assert_allclose(d["I_map"], set_current(d["V"][:, None], d["Vg"][None, :], 0.4), atol=1e-12)
    assert_allclose(d["I_iv"], set_current(d["V_iv"], 0.7, 0.4), atol=1e-12)
    assert_allclose(d["G"], set_conductance(d["Vg"], 0.4), atol=1e-12)
    assert d["E_C"] == pytest.approx(E_C(DEVICE))
    assert d["n_g"] == pytest.approx(50e-18 * 0.7e-3 / sc.e)


@pytest.mark.parametrize("T", [0.3, 1.0, 5.0])
def test_differential_conductance_map_at_zero_bias_is_the_linear_conductance(T):
    # the map's dI/dV (central differences of the master-equation current) on its V = 0 row
    # against set_conductance (the linear-response formula): two methods
    d = coulomb_curves(0.0, T, shape=(41, 1201))  # bias step 2.5 µV, well below kT (26 µV at 0.3 K)
    zero = np.flatnonzero(d["V"] == 0.0)
    assert zero.size == 1
    assert_allclose(d["dIdV_map"][zero[0]], d["G"], rtol=1e-3, atol=1e-9)


def test_differential_conductance_map_limits():
    d = coulomb_curves(0.0, 0.0, shape=(81, 241))
    dIdV, V = d["dIdV_map"], d["V"]
    assert dIdV.shape == d["I_map"].shape and not dIdV.flags.writeable
    assert np.all(dIdV >= 0)                                        # no negative dI/dV here
    inside = np.abs(V) < 0.9 * DEVICE.offset_mV
    assert np.all(dIdV[inside][:, d["Vg"] == 0.0] == 0.0)         # inside the diamond at n_g = 0
    # between grid points, I rises by the integral of dI/dV (trapezoid of the central slopes ~ I)
    rise = d["I_map"][-1] - d["I_map"][0]
    assert_allclose(np.trapezoid(dIdV, V, axis=0), rise, rtol=0.02)


@pytest.mark.parametrize("call, match", [
    (lambda: charging_energy_meV(0.0), "C_sigma_aF"),
    (lambda: set_current(1.0, 0.0, -1.0), "T_K"),
    (lambda: set_current("1 mV", 0.0, 1.0), "V_mV"),
    (lambda: SET(R1_kohm=-5.0), "R1_kohm"),
    (lambda: SET(alpha=1.5), "alpha"),
    (lambda: orthodox_rate(1.0, -0.1), "kT"),
    (lambda: set_current(1.0, 0.0, 1.0, device="big"), "device"),
])
def test_bad_inputs_name_the_argument(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


def test_high_temperature_conductance_matches_master_equation_to_third_order():
    """Eq. (12) of lesson 8 against the master equation: the error falls as (E_C/kT)^3, and
    the second term improves on the leading one (1 - x/3) by an order of magnitude."""
    from helpers.models.coulomb import SET, high_temperature_conductance, kT_meV, set_conductance
    dev = SET()
    G_inf = 1e3 / dev.R_sum_kohm
    errors = []
    for ratio in (5.0, 10.0, 20.0):                 # kT / E_C
        T = ratio * dev.E_C_meV / kT_meV(1.0)
        G_master = set_conductance(np.linspace(0.0, dev.gate_period_mV, 81), T, dev)
        assert np.ptp(G_master) < 1e-3 * G_inf          # gate-independent at high T
        x = 1 / ratio
        err = abs(high_temperature_conductance(T, dev) - G_master.mean()) / G_inf
        lead = abs(G_inf * (1 - x / 3) - G_master.mean()) / G_inf
        assert err < 0.03 * x**3 and err < lead / 10
        errors.append(err)
    assert 6 < errors[0] / errors[1] < 10 and 6 < errors[1] / errors[2] < 10   # ~ 2^3
    # the leading coefficient: (1 - G/G_inf) kT/E_C -> 1/3
    T = 200 * dev.E_C_meV / kT_meV(1.0)
    assert abs((1 - high_temperature_conductance(T, dev) / G_inf) * 200 - 1 / 3) < 1e-3
    with pytest.raises(ValueError, match="T_K"):
        high_temperature_conductance(0.0, dev)


# --- Coulomb-blockade thermometry: the zero-bias dip of N junctions in series --------------------



def test_dip_function_limits_and_area():
    assert cbt_dip_function(0.0) == pytest.approx(1 / 6, rel=1e-12)
    x = np.array([0.009, 0.011])                      # both sides of the series switch
    exact = (x * np.sinh(x) - 4 * np.sinh(x / 2) ** 2) / (8 * np.sinh(x / 2) ** 4)
    np.testing.assert_allclose(cbt_dip_function(x), exact, rtol=1e-6)
    assert quad(cbt_dip_function, -60, 60, epsabs=1e-13)[0] == pytest.approx(1.0, rel=1e-10)
    assert cbt_dip_function(1e4) == 0.0 and 0 < cbt_dip_function(290.0) < 1e-120


def test_width_factor_is_pekolas_5_44():
    assert cbt_width_factor() == pytest.approx(5.439, abs=1e-3)
    x = cbt_width_factor() / 2
    assert cbt_dip_function(x) == pytest.approx(cbt_dip_function(0.0) / 2, rel=1e-12)


@pytest.mark.parametrize("N, C_aF, T_K", [(2, 150.0, 20.0), (10, 1000.0, 1.0), (50, 5000.0, 0.3)])
def test_array_dip_width_is_5_44_N_kT_and_independent_of_C(N, C_aF, T_K):
    kT = kT_meV(T_K)
    V = np.linspace(-40, 40, 8001) * N * kT
    for C in (C_aF, 3 * C_aF):
        width = dip_full_width(V, cbt_conductance(V, T_K, N, C))
        assert width == pytest.approx(cbt_width_factor() * N * kT, rel=1e-5)


def test_array_dip_depth_and_area():
    """Depth u_N/6 with u_N = 2 (N-1)/N E_C/kT; the area of the dip, u_N N kT/e = 2 (N-1) E_C/e,
    does not depend on temperature."""
    C, N = 1000.0, 10
    E_C = charging_energy_meV(C)
    for T in (1.0, 4.0):
        kT = kT_meV(T)
        assert 1 - cbt_conductance(0.0, T, N, C) == pytest.approx(2 * (N - 1) / N * E_C / kT / 6, rel=1e-12)
        area = quad(lambda v, T=T: 1 - cbt_conductance(v, T, N, C), -80 * N * kT, 80 * N * kT,
                    epsabs=1e-12, limit=200)[0]
        assert area == pytest.approx(2 * (N - 1) * E_C, rel=1e-8)
    assert cbt_conductance(1e3, 1.0, N, C) == pytest.approx(1.0, abs=1e-12)


def test_set_master_equation_approaches_the_two_junction_dip():
    """A SET with C1 = C2 = C and a negligible gate is N = 2: the master equation's dI/dV agrees
    with the first-order formula to O((E_C/kT)^2), and its width approaches 5.44 x 2kT/e with
    Pekola's first correction, V_1/2 = 5.439 N kT/e (1 + 0.392 dG/G_T), dG/G_T = E_C/3kT."""
    device = SET(C1_aF=150.0, C2_aF=150.0, Cg_aF=1e-3)
    for T in (20.0, 50.0):
        kT = kT_meV(T)
        x = device.E_C_meV / kT
        V = np.linspace(-30, 30, 1201) * kT
        G = differential_conductance(V, 0.0, T, device) * device.R_sum_kohm / 1e3
        assert np.abs(G - cbt_conductance(V, T, 2, 150.0)).max() < x**2 / 10
        corrected = cbt_width_factor() * 2 * kT * (1 + 0.3921 * x / 3)
        assert dip_full_width(V, G) == pytest.approx(corrected, rel=x**2)


def test_set_dip_is_gate_independent_at_high_temperature():
    device = SET()
    V = np.linspace(-20, 20, 401) * kT_meV(20.0)
    G0, G1 = (differential_conductance(V, Vg, 20.0, device) for Vg in (0.0, 0.5 * device.gate_period_mV))
    assert np.abs(G0 - G1).max() < 1e-6 * G0.max()


def test_differential_conductance_tends_to_the_series_value():
    device = SET()
    assert differential_conductance(50.0, 0.0, 0.5, device) == pytest.approx(1e3 / device.R_sum_kohm, rel=1e-3)


def test_dip_full_width_on_a_gaussian():
    V = np.linspace(-10, 10, 20001)
    assert dip_full_width(V, 1 - 0.3 * np.exp(-V**2 / 2)) == pytest.approx(2 * np.sqrt(2 * np.log(2)), abs=1e-6)
    with pytest.raises(ValueError, match="flanks"):
        dip_full_width(V[:10000], 1 - 0.3 * np.exp(-V[:10000] ** 2 / 2))


def test_thermometer_curves_and_validation():
    d = thermometer_curves(1.0, 10)
    assert d["width"] == pytest.approx(d["law"], rel=1e-4)
    assert d["half"] == pytest.approx(1 - d["depth"] / 2)
    with pytest.raises(ValueError, match="N"):
        cbt_conductance(0.0, 1.0, 1, 100.0)
    with pytest.raises(ValueError, match="T_K"):
        cbt_conductance(0.0, 0.0, 4, 100.0)
