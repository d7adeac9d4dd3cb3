"""Lesson 10 physics (helpers.models.terminals) against closed forms, sum rules and independent methods."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import helpers
from helpers.models import terminals as m

L, W, E, XB = m.WIRE_L, m.WIRE_W, m.WIRE_ENERGY, m.WIRE_L // 2


def _single_channel_readings(U, coupling_free_columns):
    """Weak-probe readings from the 1D scattering states of a one-site barrier, written from scratch.

    The wire's lowest subband (eps_1 = t for W = 2) is a chain at the longitudinal energy
    E - eps_1 with a barrier U on one site: tau = 2i sin k / (2i sin k - U), r = tau - 1. A
    probe two columns wide couples (to lowest order in its coupling) to the sum of the wave on
    its two columns, its one open transverse mode being (1, 1)/sqrt 2.
    """
    eps1 = 2 * (1 - np.cos(np.pi / (W + 1)))
    k = np.arccos(1 - (E - eps1) / 2)
    tau = 2j * np.sin(k) / (2j * np.sin(k) - U)
    r = tau - 1
    readings = []
    for x in coupling_free_columns:
        cols = np.array([x, x + 1]) - XB
        from_left = np.where(cols <= 0, np.exp(1j * k * cols) + r * np.exp(-1j * k * cols), tau * np.exp(1j * k * cols))
        from_right = np.where(cols >= 0, np.exp(-1j * k * cols) + r * np.exp(1j * k * cols), tau * np.exp(-1j * k * cols))
        nL, nR = abs(from_left.sum()) ** 2, abs(from_right.sum()) ** 2
        readings.append(nL / (nL + nR))
    return np.array(readings)


def test_wire_has_one_channel_and_matches_the_strip_transmission():
    for U in (0.0, 0.5, 1.5):
        T = m.wire_transmissions([5], 0.02, barrier=U)
        V = np.zeros((L, W))
        V[XB] = U
        strip = helpers.transmission(V, E)               # independent: the two-terminal engine
        assert T[1, 0] == pytest.approx(strip, abs=2e-3)  # the weak probe barely disturbs
        assert_allclose(T.sum(axis=0), [1, 1, 1], atol=1e-9)
        assert_allclose(T.sum(axis=1), [1, 1, 1], atol=1e-9)


def test_weak_probe_reads_the_local_chemical_potential():
    x = np.array([2, 5, 9, 13, 16, 23, 27, 31, 36])
    for U in (0.5, 1.0, 2.0):
        xs, mu = m.probe_profile(U, coupling=0.02)
        assert_allclose(mu[x], _single_channel_readings(U, x), atol=3e-3)


def test_clean_wire_weak_probes_read_half_and_four_terminal_vanishes():
    x, mu = m.probe_profile(0.0, coupling=0.02)
    assert_allclose(mu, 0.5, atol=1e-3)
    r = m.wire_readings(m.wire_transmissions((10, 30), 0.02))
    assert abs(r["R_4t"]) < 1e-3 and r["R_2t"] == pytest.approx(1.0, abs=1e-3)
    # the disturbance of a weak probe grows as c^2 (its self-energy): halving c quarters R_4t
    small = [m.wire_readings(m.wire_transmissions((10, 30), c))["R_4t"] for c in (0.02, 0.04)]
    assert small[1] / small[0] == pytest.approx(4, rel=0.05)


def test_two_terminal_resistance_is_one_over_T_for_weak_probes_anywhere():
    T_barrier = helpers.transmission(np.where(np.arange(L)[:, None] == XB, 1.0, 0.0) * np.ones((L, W)), E)
    for probes in ((3, 25), (10, 30), (14, 36)):
        r = m.wire_readings(m.wire_transmissions(probes, 0.02, barrier=1.0))
        assert r["R_2t"] == pytest.approx(1 / T_barrier, rel=2e-3)


def test_landauer_levels_and_the_range_of_coherent_readings():
    T = 0.4
    upper, lower = m.landauer_probe_levels(T)
    assert upper - lower == pytest.approx(1 - T) and upper + lower == pytest.approx(1)
    x, mu = m.probe_profile(2.0, coupling=0.02)
    T_b = float(m.wire_transmissions([0], 0.02, barrier=2.0)[1, 0])
    sqrt_R = np.sqrt(1 - T_b)
    assert np.all(mu > (1 - sqrt_R) / 2 - 1e-2) and np.all(mu < (1 + sqrt_R) / 2 + 1e-2)
    with pytest.raises(ValueError, match="T must lie"):
        m.landauer_probe_levels(0.0)


def test_probes_beside_a_barrier_can_give_a_negative_four_terminal_resistance():
    values = [m.wire_readings(m.wire_transmissions((xa, 30), 0.05, barrier=1.0))["R_4t"] for xa in range(1, 18)]
    assert min(values) < 0 < max(values)


def test_coupling_sweep_and_threshold():
    c = np.geomspace(0.02, 1, 15)
    s = m.coupling_sweep(c, (8, 28))
    assert np.all(np.diff(s["R_4t"]) > 0) and np.all(np.diff(s["R_2t"]) > 0)
    assert_allclose(s["mu"].sum(axis=1), 1, atol=1e-9)        # mirror-symmetric clean wire
    c10 = m.coupling_for_resistance(0.1, (8, 28))
    assert np.interp(0.1, s["R_4t"], c) == pytest.approx(c10, rel=0.05)
    with pytest.raises(ValueError, match="does not cross"):
        m.coupling_for_resistance(50.0, (8, 28))


def test_cross_sum_rules_and_reciprocity():
    fluxes = np.array([-0.01, -0.004, 0.0, 0.004, 0.01])
    for disorder in (0.0, 2.0):
        T = m.cross_transmissions(fluxes, disorder=disorder)
        N = np.array([helpers.open_modes(m.CROSS_ENERGY, m.CROSS_W)] * 4)
        assert_allclose(T.sum(axis=1), np.broadcast_to(N, (5, 4)), atol=1e-9)
        assert_allclose(T.sum(axis=2), np.broadcast_to(N, (5, 4)), atol=1e-9)
        assert_allclose(T, np.transpose(T[::-1], (0, 2, 1)), atol=1e-9)       # T_pq(B) = T_qp(-B)
        assert_allclose(T[2], T[2].T, atol=1e-9)                               # B = 0: symmetric
        assert np.max(np.abs(T[4] - T[4].T)) > 0.3                             # B != 0: not symmetric
        R = m.resistance_vs_flux(T, 0, 2, 3, 1)
        assert_allclose(R, m.resistance_vs_flux(T[::-1], 3, 1, 0, 2), atol=1e-9)  # R_pq,kl(B) = R_kl,pq(-B)
        R2 = m.resistance_vs_flux(T, 0, 2, 0, 2)
        assert_allclose(R2, R2[::-1], atol=1e-9)
    clean = m.cross_transmissions(fluxes)
    # the clean cross is symmetric under a quarter turn: the Hall resistance is odd in B, and positive for B > 0
    R_clean = m.resistance_vs_flux(clean, 0, 2, 3, 1)
    assert_allclose(R_clean, -R_clean[::-1], atol=1e-9)
    assert R_clean[-1] > 0


@pytest.mark.parametrize("call, error, match", [
    (lambda: m.probe_wire([39], 0.1), ValueError, "probe_x must lie"),
    (lambda: m.probe_wire([10, 11], 0.1), ValueError, "overlap"),
    (lambda: m.probe_wire([10.5], 0.1), TypeError, "integer"),
    (lambda: m.probe_wire([10], 0.0), ValueError, "coupling"),
    (lambda: m.probe_wire([10], 0.1, barrier_x=40), ValueError, "barrier_x"),
    (lambda: m.coupling_sweep([0.1], (5, 10, 30)), ValueError, "exactly two"),
    (lambda: m.coupling_sweep([0.0, 0.1], (5, 30)), ValueError, "couplings"),
    (lambda: m.wire_readings(np.eye(2)), ValueError, "P >= 3"),
    (lambda: m.cross_potential(-1.0), ValueError, "disorder"),
])
def test_inputs_are_validated(call, error, match):
    with pytest.raises(error, match=match):
        call()
