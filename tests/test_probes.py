"""Büttiker voltage probes (helpers.models.probes): limits, conservation laws, reciprocity, Ohm's law,
and the approach to the incoherent series combination."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.integrate import quad
from scipy.optimize import brentq

import helpers
from helpers.models.probes import (bias_currents, dephasing_curves, effective_transmission,
                                   probe_potentials, probe_transmissions, terminal_currents,
                                   two_barrier_chain)

E = np.linspace(0.05, 3.95, 157)


def velocity(E):
    """Group velocity dE/dk of the chain (t = 1, a = 1, hbar = 1): 2 sin k, E = 2 - 2 cos k."""
    return 2 * np.sin(np.arccos(1 - np.asarray(E) / 2))


def random_chain(seed, L=14):
    return np.random.default_rng(seed).uniform(-1.5, 1.5, L)


def test_two_barrier_chain_layout():
    V, well = two_barrier_chain(2.5, 2, 5, pad=1)
    assert_allclose(V, [0, 2.5, 2.5, 0, 0, 0, 0, 0, 2.5, 2.5, 0])
    assert well.tolist() == [3, 4, 5, 6, 7]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_vanishing_probe_coupling_recovers_the_coherent_transmission(seed):
    V = random_chain(seed)
    sites = np.arange(2, 12)
    coherent = helpers.transmission(V, E)
    assert_allclose(effective_transmission(V, E, sites, 0.0), coherent, atol=1e-12)
    # eta -> 0: the probe contribution is O(eta)
    assert_allclose(effective_transmission(V, E, sites, 1e-12), coherent, atol=1e-10)


def test_no_probes_is_the_caroli_transmission_of_the_chain():
    V, _ = two_barrier_chain(3.0, 1, 8)
    T = probe_transmissions(V, E, [], 0.3)
    assert T.shape == (E.size, 2, 2)
    assert_allclose(T[:, 1, 0], helpers.transmission(V, E), atol=1e-12)
    assert_allclose(effective_transmission(V, E, [], 0.3), helpers.transmission(V, E), atol=1e-12)


@pytest.mark.parametrize("eta", [0.05, 0.4, 2.0])
def test_reciprocity_without_field(eta):
    V = random_chain(3)
    T = probe_transmissions(V, E, [1, 4, 5, 9], eta)
    assert_allclose(T, np.swapaxes(T, -1, -2), atol=1e-13)


@pytest.mark.parametrize("eta", [0.02, 0.3, 1.5])
def test_probe_sum_rule_from_the_spectral_function(eta):
    """sum_j T_ij = Tr[Gamma_i G Gamma G^dag] = Tr[Gamma_i A], A = i(G - G^dag) (Ward identity):
    for a probe on site p, sum_j T_pj = eta A_pp = -2 eta Im G_pp."""
    V = random_chain(4, L=8)
    sites = np.array([2, 3, 6])
    energy = 1.3
    T = probe_transmissions(V, energy, sites, eta)
    H = np.diag(2 + V) - np.eye(8, k=1) - np.eye(8, k=-1)
    sigma = np.zeros((8, 8), complex)
    sigma[0, 0] = sigma[7, 7] = helpers.chain_self_energy(energy, onsite=2.0)
    sigma[sites, sites] = -0.5j * eta
    G = np.linalg.inv(energy * np.eye(8) - H - sigma)
    assert_allclose(T[2:].sum(axis=1), -2 * eta * G[sites, sites].imag, rtol=1e-12)


@pytest.mark.parametrize("eta", [0.01, 0.2, 1.0])
def test_currents_are_conserved_and_probes_draw_none(eta):
    V, well = two_barrier_chain(2.0, 1, 9)
    T = probe_transmissions(V, E, well, eta)
    mu_p = probe_potentials(T)
    mu = np.concatenate([np.ones((E.size, 1)), np.zeros((E.size, 1)), mu_p], axis=1)
    I = terminal_currents(T, mu)
    assert_allclose(I.sum(axis=1), 0, atol=1e-13)        # Kirchhoff: nothing is lost
    assert_allclose(I[:, 2:], 0, atol=1e-13)              # voltage probes: zero net current
    T_eff = effective_transmission(V, E, well, eta)
    assert_allclose(I[:, 0], T_eff, atol=1e-13)           # what leaves L ...
    assert_allclose(-I[:, 1], T_eff, atol=1e-13)          # ... arrives in R


@pytest.mark.parametrize("seed", [5, 6, 7, 8])
@pytest.mark.parametrize("eta", [0.01, 0.3, 3.0])
def test_effective_transmission_lies_in_0_1_and_probe_potentials_between_the_leads(seed, eta):
    V = random_chain(seed)
    sites = np.random.default_rng(seed).choice(V.size, 5, replace=False)
    T_eff = effective_transmission(V, E, sites, eta)
    assert np.all(T_eff >= -1e-14) and np.all(T_eff <= 1 + 1e-12)   # one channel: N = 1
    mu = probe_potentials(probe_transmissions(V, E, sites, eta))
    assert np.all(mu >= -1e-12) and np.all(mu <= 1 + 1e-12)         # maximum principle


def test_outside_the_band_nothing_flows():
    V, well = two_barrier_chain(1.0, 1, 4)
    assert_allclose(effective_transmission(V, [-0.5, 4.5], well, 0.2), 0, atol=1e-15)


@pytest.mark.parametrize("energy", [1.0, 2.0, 3.0])
@pytest.mark.parametrize("N", [10, 40])
def test_weak_probes_on_a_clean_chain_give_ohms_law(energy, N):
    """Each weak probe absorbs a passing electron with probability eta/v and re-emits it with equal
    probability to either side: a backscattering probability eta/2v per probe. Resistances add:
    R/(h/2e^2) = 1 + N eta/(2 v) (contact + Ohmic part, mean free path 2v/eta)."""
    eta = 0.003
    T_eff = effective_transmission(np.zeros(N), energy, np.arange(N), eta)
    assert 1 / T_eff - 1 == pytest.approx(N * eta / (2 * velocity(energy)), rel=1e-4)


def test_dephasing_lowers_and_broadens_a_resonance():
    V, well = two_barrier_chain(3.0, 1, 12)
    grid = np.linspace(2.05, 2.25, 2001)        # around the resonance at E = 2.151
    peaks, widths = [], []
    for eta in [0.0, 0.01, 0.03, 0.1]:
        T = effective_transmission(V, grid, well, eta)
        peaks.append(T.max())
        above = grid[T > T.max() / 2]
        widths.append(above.max() - above.min())
    assert peaks[0] == pytest.approx(1, abs=1e-4)          # symmetric barriers: T = 1
    assert np.all(np.diff(peaks) < 0) and np.all(np.diff(widths) > 0)


def test_strong_dephasing_reaches_the_incoherent_series_plus_the_probes_own_resistance():
    """Two barriers 60 sites apart, probes of eta = 0.3 t on the well.

    Residual interference: the amplitude decays as exp(-eta x / 2v) (self-energy -i eta/2), so a
    round trip of 2 x 60 sites keeps a factor exp(-60 eta / v) < 1e-3 for v <= 2 (E in 1..3).
    The probes also backscatter (Ohm's law above), so the series law of incoherent scatterers
    reads R = R_barriers,incoherent + R_probes - R_contact (resistances in h/2e^2 add, the
    contact resistance 1 counted once). What remains (a few %) comes from the probes next to
    the barriers, which change each barrier's local scattering; we allow 10 %."""
    V, well = two_barrier_chain(3.0, 1, 60)
    grid = np.linspace(1.0, 3.0, 61)
    T_eff = effective_transmission(V, grid, well, 0.3)
    single = helpers.transmission([0, 3.0, 0], grid)
    incoherent = np.array([helpers.incoherent_transmission([T1, T1]) for T1 in single])
    R_probes = 1 / effective_transmission(np.zeros(V.size), grid, well, 0.3)
    assert_allclose(1 / T_eff, 1 / incoherent + R_probes - 1, rtol=0.1)
    # and without the probes' own resistance, the coherent oscillations are gone: T_eff is smooth
    assert np.max(np.abs(np.diff(T_eff, 2))) < 1e-3


def test_dephasing_curves_agree_with_the_functions():
    d = dephasing_curves(0.07, 2.15, probes="all", points=50)
    V, _ = two_barrier_chain(3.0, 1, 12)
    assert_allclose(d["coherent"], helpers.transmission(V, d["E"]), atol=1e-12)
    assert_allclose(d["probes"], effective_transmission(V, d["E"], np.arange(V.size), 0.07), atol=1e-12)
    assert d["R_now"] == pytest.approx(1 / effective_transmission(V, 2.15, np.arange(V.size), 0.07))
    T1 = helpers.transmission([0, 3.0, 0], 2.15)
    assert d["R_incoherent"] == pytest.approx(1 + 2 * (1 - T1) / T1, rel=1e-12)
    i = 20
    assert d["R_probes"][i] == pytest.approx(
        1 / effective_transmission(V, 2.15, np.arange(V.size), d["etas"][i]), rel=1e-10)


@pytest.mark.parametrize("call, match", [
    (lambda: effective_transmission([0, 1, 0], 1.0, [3], 0.1), "probe_sites"),
    (lambda: effective_transmission([0, 1, 0], 1.0, [1, 1], 0.1), "probe_sites"),
    (lambda: effective_transmission([0, 1, 0], 1.0, [1], -0.1), "eta"),
    (lambda: effective_transmission([[0, 1]], 1.0, [1], 0.1), "V"),
    (lambda: dephasing_curves(0.1, 2.0, probes="some"), "probes"),
    (lambda: two_barrier_chain(1.0, 0, 3), "width"),
])
def test_bad_inputs_name_the_argument(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


# --- elastic (dephasing) against inelastic (voltage) probes at finite bias and temperature --------



def _double_barrier():
    V, well = two_barrier_chain(3.0, 1, 12)
    E_res = brentq(lambda e: helpers.transmission(V, e + 1e-7) - helpers.transmission(V, e - 1e-7),
                   2.14, 2.16)
    return V, well, E_res


@pytest.mark.parametrize("sites", ["well", "middle"])
def test_both_probes_agree_in_linear_response_at_zero_temperature(sites):
    V, well, E_res = _double_barrier()
    probes = well if sites == "well" else [well[5]]
    dmu = 1e-6
    r = bias_currents(V, probes, 0.05, E_res + dmu / 2, E_res - dmu / 2, 0.0, points=201)
    T_eff = effective_transmission(V, E_res, probes, 0.05)
    assert r["elastic"] / dmu == pytest.approx(T_eff, rel=1e-6)
    assert r["inelastic"] / dmu == pytest.approx(T_eff, rel=1e-6)


def test_voltage_probes_draw_no_current_and_sit_between_the_leads():
    V, well, E_res = _double_barrier()
    r = bias_currents(V, well, 0.05, E_res + 0.2, E_res - 0.2, 0.01, points=1501)
    assert np.abs(r["probe_currents"]).max() < 1e-12
    assert np.all((r["mu_probes"] > E_res - 0.2) & (r["mu_probes"] < E_res + 0.2))


def test_elastic_current_is_the_landauer_integral_of_T_eff():
    """Independent integrator: helpers.current (adaptive) against the module's grid."""
    V, well, E_res = _double_barrier()
    for kT in (0.0, 0.02):
        r = bias_currents(V, well, 0.1, E_res + 0.15, E_res - 0.1, kT, points=4001)
        reference = helpers.current(lambda E: effective_transmission(V, E, well, 0.1),
                                    E_res + 0.15, E_res - 0.1, kT)
        assert r["elastic"] == pytest.approx(reference, rel=1e-4)


def test_single_inelastic_probe_against_its_zero_temperature_balance():
    """One probe, kT = 0: int_{mu_p}^{mu_L} T_pL = int_{mu_R}^{mu_p} T_pR fixes mu_p, and the
    current is int T_RL + int_{mu_R}^{mu_p} T_Rp (solved with quad and brentq)."""
    V, well, E_res = _double_barrier()
    probe, eta, mu_L, mu_R = [well[3]], 0.2, E_res + 0.25, E_res - 0.2

    def T(i, j):
        return lambda E: probe_transmissions(V, E, probe, eta)[i, j]

    def balance(m):
        return quad(T(2, 0), m, mu_L, epsabs=1e-13)[0] - quad(T(2, 1), mu_R, m, epsabs=1e-13)[0]

    mu_p = brentq(balance, mu_R, mu_L, xtol=1e-13)
    expected = quad(T(1, 0), mu_R, mu_L, epsabs=1e-13)[0] + quad(T(1, 2), mu_R, mu_p, epsabs=1e-13)[0]
    r = bias_currents(V, probe, eta, mu_L, mu_R, 0.0, points=8001)
    assert r["mu_probes"][0] == pytest.approx(mu_p, abs=1e-6)
    assert r["inelastic"] == pytest.approx(expected, rel=1e-5)


def test_energy_relaxation_never_lowers_the_current_through_one_probe():
    """One probe at kT = 0: the elastic path through it is int ab/(a+b) (a = T_pL, b = T_pR at
    each energy), the inelastic one (int a)(int b)/(int a + int b) when the coherent part is
    negligible; ab/(a+b) is concave, so (Jensen) the inelastic probe passes at least as much."""
    V, well, E_res = _double_barrier()
    for window in [(E_res - 0.3, E_res + 0.3), (E_res - 0.05, E_res + 0.4)]:
        r = bias_currents(V, [well[2]], 0.3, window[1], window[0], 0.0, points=4001)
        assert r["inelastic"] > r["elastic"] * (1 + 1e-3)


@pytest.mark.parametrize("kT, bias", [(0.0, 0.4), (0.02, 1e-5)])
def test_the_two_probes_differ_at_finite_bias_or_temperature(kT, bias):
    V, well, E_res = _double_barrier()
    r = bias_currents(V, well, 0.05, E_res + bias / 2, E_res - bias / 2, kT, points=2001)
    assert abs(r["inelastic"] / r["elastic"] - 1) > 2e-3


def test_without_probe_coupling_both_give_the_coherent_current():
    V, well, E_res = _double_barrier()
    r = bias_currents(V, well, 1e-12, E_res + 0.1, E_res - 0.1, 0.01, points=4001)
    coherent = helpers.current(lambda E: helpers.transmission(V, E), E_res + 0.1, E_res - 0.1, 0.01)
    assert r["elastic"] == pytest.approx(coherent, rel=1e-4)
    assert r["inelastic"] == pytest.approx(coherent, rel=1e-4)


def test_bias_currents_validates_its_inputs():
    V, well, _ = _double_barrier()
    with pytest.raises(ValueError, match="mu_L"):
        bias_currents(V, well, 0.1, 5.0, 2.0, 0.0)
    with pytest.raises(ValueError, match="probe_sites"):
        bias_currents(V, [], 0.1, 2.1, 2.0, 0.0)
    with pytest.raises(ValueError, match="eta"):
        bias_currents(V, well, -0.1, 2.1, 2.0, 0.0)
