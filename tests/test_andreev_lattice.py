"""The lattice side of lesson 13 (helpers.models.andreev): barrier strength, the lattice NS
junction against BTK in the Andreev limit, the normal reflection of an abrupt step, and
Beenakker's formula against the lattice NS calculation of a disordered strip.

Expected values come from independent physics: the normal-state transmission of the engine,
the closed-form BTK table, the BdG lattice calculation of the engine.
"""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import helpers
from helpers.models.andreev import (andreev_normal_reflection, barrier_strength, beenakker_conductance,
                                    btk_coefficients, chain_ns_junction, fermi_wave_number)


@pytest.mark.parametrize("mu", [0.3, 1.0, 2.5])
@pytest.mark.parametrize("U", [0.0, 0.4, 1.5])
def test_barrier_strength_gives_the_normal_state_transmission(mu, U):
    Z = barrier_strength(U, mu=mu)
    assert helpers.transmission([0.0, U, 0.0], mu) == pytest.approx(1 / (1 + Z**2), rel=1e-12)
    assert 2 * (1 - np.cos(fermi_wave_number(mu))) == pytest.approx(mu, rel=1e-14)


@pytest.mark.parametrize("Z", [0.0, 0.5, 1.5])
def test_lattice_junction_approaches_btk_when_delta_is_small(Z):
    delta = 0.002
    x = np.array([0.0, 0.5, 0.9, 1.3, 2.0])            # E / delta, off the gap edge
    lat = chain_ns_junction(x * delta, Z=Z, mu=1.0, delta=delta)
    A, B, _, _ = btk_coefficients(x, delta=1.0, Z=Z)
    assert_allclose(lat["R_he"], A, atol=2e-3)
    assert_allclose(lat["R_ee"], B, atol=2e-3)
    assert_allclose(lat["G"], 1 + A - B, atol=4e-3)
    # probability conservation of the BdG scattering matrix
    assert_allclose(lat["R_ee"] + lat["R_he"] + lat["T_qp"], 1.0, atol=1e-9)


@pytest.mark.parametrize("mu", [0.2, 1.0, 2.0])
def test_abrupt_step_normal_reflection_is_second_order_in_delta(mu):
    for delta in (0.004, 0.002):
        R = helpers.andreev_reflection(np.zeros(2), 0.0, mu=mu, delta=delta).R_ee
        assert R == pytest.approx(andreev_normal_reflection(mu=mu, delta=delta), rel=20 * delta / mu)
    # continuum limit mu << t: (delta / 2 mu)^2
    assert andreev_normal_reflection(mu=0.01, delta=1e-4) == pytest.approx((1e-4 / 0.02) ** 2, rel=0.01)


def test_beenakker_formula_limits():
    assert beenakker_conductance([1.0, 1.0, 1.0]) == pytest.approx(6.0)
    assert beenakker_conductance([]) == 0.0
    # tunnelling: 2 T^2 / 4 = T^2 / 2, second order in T
    assert beenakker_conductance([1e-3]) == pytest.approx(0.5e-6, rel=3e-3)
    with pytest.raises(ValueError, match="transmission_eigenvalues must lie in"):
        beenakker_conductance([0.5, 1.2])


def test_beenakker_formula_matches_the_lattice_ns_calculation_of_a_disordered_strip():
    V = np.random.default_rng(3).uniform(-0.75, 0.75, size=(15, 6))
    mu = 1.0
    T_n = helpers.smatrix(V, mu).transmission_eigenvalues()
    G_lattice = helpers.ns_conductance(V, 0.0, mu=mu, delta=1e-4)
    assert 0.1 < np.sum(T_n) < np.sum(T_n > -1) - 0.1  # a partly transmitting sample
    assert G_lattice == pytest.approx(beenakker_conductance(T_n), rel=1e-3)


def test_inputs_are_checked():
    with pytest.raises(ValueError, match="mu must lie inside the chain band"):
        barrier_strength(1.0, mu=4.5)
    with pytest.raises(ValueError, match="Z must be >= 0"):
        chain_ns_junction(0.0, Z=-1.0, mu=1.0, delta=0.01)


@pytest.mark.parametrize("kT", [0.01, 0.1, 0.6])
@pytest.mark.parametrize("Z", [0.0, 1.0, 4.0])
def test_fast_thermal_curve_matches_the_adaptive_landauer_integral(kT, Z):
    from helpers.models.andreev import btk_conductance, btk_conductance_curve
    bias = np.array([-1.4, 0.0, 0.8, 1.0, 1.03, 2.5])
    assert_allclose(btk_conductance_curve(bias, delta=1.0, Z=Z, kT=kT),
                    btk_conductance(bias, delta=1.0, Z=Z, kT=kT), rtol=2e-3)
    assert_allclose(btk_conductance_curve(bias, delta=1.0, Z=Z), btk_conductance(bias, delta=1.0, Z=Z))


def test_peak_of_a_warm_tunnel_spectrum_moves_up():
    from helpers.models.andreev import btk_conductance, btk_peak_bias
    assert btk_peak_bias(delta=0.4, Z=5.0, kT=0.0) == 0.4
    previous = 0.4
    for kT in (0.01, 0.04, 0.08):
        peak = btk_peak_bias(delta=0.4, Z=5.0, kT=kT)
        assert peak > previous
        previous = peak
        # a maximum: the adaptive Landauer integral is lower on both sides
        G = btk_conductance([peak - 0.004, peak, peak + 0.004], delta=0.4, Z=5.0, kT=kT)
        assert G[1] > G[0] and G[1] > G[2]
    # scale invariance: the peak in units of delta depends only on kT / delta
    assert btk_peak_bias(delta=2.0, Z=5.0, kT=0.2) == pytest.approx(5 * btk_peak_bias(delta=0.4, Z=5.0, kT=0.04), rel=1e-4)


@pytest.mark.parametrize("kT", [0.3, 0.5, 0.7, 1.0])
def test_peak_of_a_hot_tunnel_spectrum_is_the_maximum_of_the_adaptive_integral(kT):
    # kT comparable to the gap: the coarse search grid is finer than kT / 200 (once a crash)
    from helpers.models.andreev import btk_conductance, btk_peak_bias
    delta, Z = 1.0, 4.0
    peak = btk_peak_bias(delta=delta, Z=Z, kT=kT * delta)
    # independent: a plain scan of the adaptive integral; the hump is shallow when hot, so
    # compare heights (to the integral's accuracy) and place the peak within the scan's step
    bias = np.arange(0.5, 6.0, 0.05) * delta
    G = btk_conductance(bias, delta=delta, Z=Z, kT=kT * delta)
    assert btk_conductance(peak, delta=delta, Z=Z, kT=kT * delta) >= G.max() * (1 - 1e-6)
    assert abs(peak - bias[np.argmax(G)]) <= 0.05 * delta + 0.2 * kT * delta


def test_disordered_region_follows_the_course_convention_and_clean_limits():
    from helpers.models.andreev import disordered_normal_region, disordered_ns_conductance
    V = disordered_normal_region(1.2, W=5, L=7, rng=4, barrier=2.0)
    expected = np.random.default_rng(4).uniform(-0.6, 0.6, size=(7, 5))
    expected[-1, :] += 2.0
    assert_allclose(V, expected, atol=0)
    clean = disordered_ns_conductance(0.0, W=8, L=6, mu=1.0, samples=2, delta=0.002)
    N = helpers.open_modes(1.0, 8)
    assert clean["G_N"] == pytest.approx(N) and clean["G_NS"] == pytest.approx(2 * N)
    assert clean["G_NS_lattice"] == pytest.approx(2 * N, rel=1e-3)
    assert disordered_ns_conductance(0.5, W=8, L=6, mu=1.0, samples=2)["G_NS_lattice"] is None
