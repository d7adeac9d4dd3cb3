"""Physics of lesson 1 (helpers.models.resistance): contact resistance, one scatterer, many scatterers.

Expected values come from physics: the constants h and e, closed forms (single-site barrier,
Fabry-Perot double barrier), the independent lattice RGF engine (helpers.transmission), the
star product of helpers.scattering, and the exact random-phase law <ln T_N> = N ln T_1.
"""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import constants as sc

import helpers
from helpers.models.resistance import (chain_transmission, coherent_chain_transmission,
                                incoherent_chain_transmission, ohmic_resistance,
                                resistance_from_transmission, resistance_kohm, resistance_split,
                                resistance_vs_scatterers, scatterer_positions,
                                single_scatterer_resistance, single_site_transmission,
                                strength_for_transmission)
from helpers.scattering import SMatrix, incoherent_transmission, series

H_OVER_2E2_KOHM = sc.h / (2 * sc.e**2) / 1e3


def wavenumber(E):
    return np.arccos(1 - E / 2)  # chain, t = 1: E = 2 - 2 cos k


# --- one number: R = R0 / T -------------------------------------------------------------------

def test_perfect_wire_has_the_contact_resistance():
    assert resistance_from_transmission(1.0) == 1.0
    assert abs(resistance_from_transmission(1.0, kohm=True) - H_OVER_2E2_KOHM) < 1e-9
    assert abs(resistance_from_transmission(1.0, kohm=True) - 12.906) < 1e-3


@pytest.mark.parametrize("T", [1.0, 0.5, 0.25, 1e-3])
def test_landauer_resistance_is_R0_over_T(T):
    assert_allclose(resistance_from_transmission(T), 1 / T, rtol=1e-14)
    assert_allclose(resistance_from_transmission(T, kohm=True), H_OVER_2E2_KOHM / T, rtol=1e-12)
    # in siemens: G = (2e^2/h) T
    assert_allclose(1e-3 / resistance_from_transmission(T, kohm=True), 2 * sc.e**2 / sc.h * T,
                    rtol=1e-12)


def test_resistance_is_vectorized_and_a_mirror_is_an_insulator():
    R = resistance_from_transmission([1.0, 0.5, 0.0])
    assert R.shape == (3,) and R[2] == np.inf
    assert_allclose(resistance_kohm(R[:2]), [H_OVER_2E2_KOHM, 2 * H_OVER_2E2_KOHM])
    assert resistance_kohm(np.inf) == np.inf


@pytest.mark.parametrize("T", [1.0, 0.8, 0.25, 0.01])
def test_split_adds_up_to_the_landauer_resistance(T):
    contact, scatterer = resistance_split(T)
    assert contact == 1.0
    assert_allclose(contact + scatterer, 1 / T, rtol=1e-13)
    # four-terminal (Landauer 1957): the scatterer alone is reflection over transmission
    assert_allclose(scatterer, (1 - T) / T, rtol=1e-13)


def test_split_of_a_quarter_transmission():
    contact, scatterer = resistance_split(0.25)
    assert (contact, scatterer) == (1.0, 3.0)


# --- the single-site scatterer ----------------------------------------------------------------

@pytest.mark.parametrize("E", [0.3, 1.2, 2.0, 3.5])
@pytest.mark.parametrize("U", [0.0, 0.4, -1.0, 3.0])
def test_single_site_closed_form_matches_the_lattice_engine(U, E):
    V = np.zeros(5)
    V[2] = U
    assert_allclose(single_site_transmission(U, E), helpers.transmission(V, E), atol=1e-12)


@pytest.mark.parametrize("T", [1.0, 0.9, 0.5, 0.05])
def test_strength_for_transmission_inverts_the_closed_form(T):
    for E in (0.5, 1.2, 3.0):
        U = strength_for_transmission(T, E)
        assert U >= 0
        V = np.zeros(3)
        V[1] = U
        assert_allclose(helpers.transmission(V, E), T, atol=1e-12)


def test_single_scatterer_resistance_parts():
    U = np.linspace(0, 4, 9)
    d = single_scatterer_resistance(U, 1.2)
    assert d["T"][0] == 1.0 and d["scatterer"][0] == 0.0
    assert_allclose(d["contact"] + d["scatterer"], d["total"], rtol=1e-13)
    assert_allclose(d["total"] * d["T"], 1.0, rtol=1e-13)
    assert_allclose(d["total_kohm"], d["total"] * H_OVER_2E2_KOHM, rtol=1e-12)
    assert np.all(np.diff(d["total"]) > 0)  # a higher barrier reflects more


# --- coherent chains ---------------------------------------------------------------------------

@pytest.mark.parametrize("random", [False, True])
def test_chain_matches_the_lattice_rgf_for_every_prefix(random):
    E, U = 1.2, 1.3
    positions = scatterer_positions(25, 6, random=random, rng=7)
    T = chain_transmission(positions, U, E)
    assert T.shape == (26,) and T[0] == 1.0
    for n in range(1, 26):
        V = np.zeros(positions[n - 1] + 3)
        V[positions[:n] + 1] = U
        assert_allclose(T[n], helpers.transmission(V, E), atol=1e-12, err_msg=f"n = {n}")


def test_two_scatterers_fabry_perot_closed_form():
    # T = T1^2 / |1 - r1^2 e^{2ikd}|^2 = T1^2 / (1 + R1^2 - 2 R1 cos(2kd + 2 arg r1))
    E, U = 0.9, 1.5
    k = wavenumber(E)
    s = np.sin(k)
    r1 = U / (2j * s - U)
    T1, R1 = 1 - abs(r1) ** 2, abs(r1) ** 2
    for d in range(1, 15):
        expected = T1**2 / (1 + R1**2 - 2 * R1 * np.cos(2 * k * d + 2 * np.angle(r1)))
        assert_allclose(chain_transmission([0, d], U, E)[2], expected, rtol=1e-12)


def test_chain_matches_the_star_product_of_helpers_scattering():
    E, U = 2.5, 0.8
    k = wavenumber(E)
    s = np.sin(k)
    t1, r1 = 2j * s / (2j * s - U), U / (2j * s - U)
    site = SMatrix([[r1]], [[t1]], [[r1]], [[t1]])
    positions = [0, 3, 4, 11, 19, 20, 33]
    total = site
    expected = [1.0, site.transmission()]
    for a, b in zip(positions[:-1], positions[1:]):
        phase = np.exp(1j * k * (b - a))
        free = SMatrix([[0]], [[phase]], [[0]], [[phase]])
        total = series(series(total, free), site)
        expected.append(total.transmission())
    assert_allclose(chain_transmission(positions, U, E), expected, atol=1e-13)


def test_regular_array_at_a_bloch_band_does_not_localize():
    # Weak barriers spaced so that E lies inside a band of the superlattice: T stays of order 1.
    T = coherent_chain_transmission(400, strength_for_transmission(0.9, 1.2), 1.2, spacing=10,
                                    random=False)
    assert T.min() > 0.5


def test_random_chain_localizes_with_the_random_phase_law():
    # Uniform random phases between scatterers give <ln T_N> = N ln T_1 exactly (the mean of
    # ln|1 - z e^{i phi}|^2 vanishes for |z| < 1); wide random gaps come close to that.
    T1, E, N = 0.8, 1.2, 150
    lnT = coherent_chain_transmission(N, strength_for_transmission(T1, E), E, spacing=10,
                                      rng=2024, realizations=3000, log=True)
    mean = lnT.mean(axis=0)
    n = np.arange(N + 1)
    slope, intercept = np.polyfit(n, mean, 1)
    assert_allclose(slope, np.log(T1), rtol=0.03)
    assert np.max(np.abs(mean - (slope * n + intercept))) < 0.1 * abs(slope) * N  # linear
    # exponential, not Ohmic: far above the incoherent resistance
    assert np.exp(-mean[-1]) > 100 * ohmic_resistance(N, T1)


def test_deep_localization_stays_finite_in_log():
    lnT = coherent_chain_transmission(2000, strength_for_transmission(0.05, 1.2), 1.2, rng=1,
                                      log=True)
    assert np.all(np.isfinite(lnT)) and lnT[-1] < -1000
    assert np.all(lnT <= 0)


def test_realizations_and_seeds():
    a = coherent_chain_transmission(20, 1.0, 1.0, rng=5, realizations=4)
    b = coherent_chain_transmission(20, 1.0, 1.0, rng=5, realizations=4)
    assert a.shape == (4, 21)
    assert_allclose(a, b)
    assert not np.allclose(a[0], a[1])
    pos = scatterer_positions(50, 10, random=True, rng=3, realizations=200)
    gaps = np.diff(pos, axis=1)
    assert gaps.min() >= 1 and gaps.max() <= 19 and abs(gaps.mean() - 10) < 0.2


# --- incoherent chains: Ohm plus contacts -------------------------------------------------------

@pytest.mark.parametrize("T", [0.9, 0.5, 0.1])
def test_incoherent_chain_is_ohm_plus_contact(T):
    N = np.arange(31)
    R = 1 / incoherent_chain_transmission(np.full(30, T))
    assert_allclose(R, 1 + N * (1 - T) / T, rtol=1e-12)
    assert_allclose(ohmic_resistance(N, T), R, rtol=1e-12)
    assert_allclose(np.diff(R), (1 - T) / T, rtol=1e-10)  # grows linearly: Ohm's law


def test_incoherent_two_scatterers_sum_of_reflected_paths():
    # Classical probabilities: T = T1 T2 sum_n (R1 R2)^n = T1 T2 / (1 - R1 R2)
    T1, T2 = 0.3, 0.6
    expected = T1 * T2 / (1 - (1 - T1) * (1 - T2))
    assert_allclose(incoherent_chain_transmission([T1, T2])[2], expected, rtol=1e-13)


def test_incoherent_chain_is_each_prefix_in_series():
    # entry n is the scatterers 1..n combined by helpers.scattering.incoherent_transmission
    # (resistances (1 - T)/T add); a perfect mirror blocks everything after it
    values = np.random.default_rng(4).uniform(0.05, 1.0, 12)
    values[8] = 0.0
    expected = [1.0] + [incoherent_transmission(values[:n]) for n in range(1, 13)]
    assert_allclose(incoherent_chain_transmission(values), expected, rtol=1e-13)
    assert np.all(incoherent_chain_transmission(values)[9:] == 0)


def test_incoherent_equals_phase_average_of_two_coherent_scatterers():
    # For two scatterers the coherent T averaged over the phase between them is the incoherent
    # T1 T2 / (1 - R1 R2): the average of 1/|1 - z e^{i phi}|^2 over phi is 1/(1 - |z|^2).
    E, U = 1.2, 1.1
    T1 = single_site_transmission(U, E)
    # integer gaps d = 1..4000 sample the phase 2 k d (mod 2 pi) densely (k / pi is irrational)
    Ts = [chain_transmission([0, d], U, E)[2] for d in range(1, 4001)]
    expected = T1**2 / (1 - (1 - T1) ** 2)
    assert_allclose(np.mean(Ts), expected, rtol=5e-3)
    assert_allclose(incoherent_chain_transmission([T1, T1])[2], expected, rtol=1e-13)


def test_resistance_vs_scatterers_curves():
    d = resistance_vs_scatterers(60, 0.7, seed=3, realizations=6)
    assert_allclose(d["N"], np.arange(61))
    assert_allclose(d["incoherent"], ohmic_resistance(np.arange(61), 0.7), rtol=1e-12)
    assert d["coherent"][0] == 1.0 and d["typical"][0] == 1.0
    assert_allclose(d["coherent"][1], 1 / 0.7, rtol=1e-12)  # one scatterer: no interference
    lnT = coherent_chain_transmission(60, d["strength"], 1.2, spacing=10, rng=3, realizations=6,
                                      log=True)
    assert_allclose(d["typical"], np.exp(-lnT.mean(axis=0)), rtol=1e-12)
    assert_allclose(d["coherent"], np.exp(-lnT[0]), rtol=1e-12)
    regular = resistance_vs_scatterers(10, 0.7, random=False)
    assert_allclose(regular["typical"], regular["coherent"])


# --- bad input -----------------------------------------------------------------------------------

@pytest.mark.parametrize("call, match", [
    (lambda: resistance_from_transmission(1.5), "T must lie in"),
    (lambda: resistance_from_transmission("1"), "T must be"),
    (lambda: resistance_split(0.0), "T must be > 0"),
    (lambda: ohmic_resistance(2.5, 0.5), "n_scatterers"),
    (lambda: ohmic_resistance(3, 0.0), "T must be > 0"),
    (lambda: single_site_transmission(1.0, 4.5), "energy"),
    (lambda: strength_for_transmission(0.0, 1.0), "T must be > 0"),
    (lambda: chain_transmission([0, 3, 3], 1.0, 1.0), "strictly increasing"),
    (lambda: chain_transmission([0, 1.5], 1.0, 1.0), "integer"),
    (lambda: scatterer_positions(0, 3), "n_scatterers"),
    (lambda: scatterer_positions(3, 0), "spacing"),
    (lambda: resistance_vs_scatterers(10, 1.2), "T1"),
    (lambda: incoherent_chain_transmission([[0.5]]), "1D"),
    (lambda: resistance_kohm(-1.0), "R must be"),
])
def test_bad_input_names_the_argument(call, match):
    with pytest.raises((TypeError, ValueError), match=match):
        call()
