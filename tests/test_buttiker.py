"""Landauer-Büttiker circuits: sum rules, ballistic limits, reciprocity, the quantum Hall effect."""

import itertools

import numpy as np
import pytest
import scipy.constants
from numpy.testing import assert_allclose

import helpers
from helpers.buttiker import (
    conductance_matrix,
    floating_voltages,
    four_terminal_resistance,
    hall_bar_resistances,
    lead_currents,
    resistance_kohm,
)
from helpers.lattice import Lattice
from helpers.leads import open_channels
from helpers.multiterminal import (
    Device,
    Lead,
    hall_bar,
    transmission_matrix,
    two_terminal,
)


def anderson(L, W, strength, seed):
    return np.random.default_rng(seed).uniform(-strength / 2, strength / 2, size=(L, W))


def disordered_hall_bar():
    return hall_bar(30, 12, probe_width=5, V=anderson(30, 12, 2.0, seed=31))


def plateau_energy(nu, flux, W=30):
    """Middle of the energy range where a clean lead of width W has nu open channels."""
    E = np.arange(0.025, 2.5, 0.05)
    inside = E[open_channels(E, Lattice(W, flux=flux)) == nu]
    return (inside.min() + inside.max()) / 2


@pytest.mark.parametrize("W, E", [(1, 3.0), (5, 0.9), (8, 2.5), (12, 3.3)])
def test_clean_ballistic_strip_has_the_contact_resistance_one_over_n(W, E):
    T, N = transmission_matrix(two_terminal(np.zeros((6, W))), E)
    assert N[0] == helpers.open_modes(E, W) > 0
    assert_allclose(four_terminal_resistance(T, 0, 1, 0, 1), 1 / N[0], rtol=1e-10)
    assert_allclose(1 / conductance_matrix(T)[0, 0], 1 / N[0], rtol=1e-10)


@pytest.mark.parametrize("flux", [0.0, 0.04])
def test_sum_rules_of_the_conductance_matrix_and_the_currents(flux):
    T, _ = transmission_matrix(disordered_hall_bar(), 1.2, flux=flux)
    G = conductance_matrix(T)
    assert_allclose(G.sum(axis=1), 0, atol=1e-12)  # equal voltages drive no current
    assert_allclose(G.sum(axis=0), 0, atol=1e-10)  # current conservation (T conserves it)
    V = np.random.default_rng(0).normal(size=6)
    I = lead_currents(T, V)
    assert_allclose(I.sum(), 0, atol=1e-10)
    assert_allclose(lead_currents(T, V + 3.7), I, atol=1e-10)  # only differences matter
    # I_p = sum_q T_pq (V_p - V_q) written out
    expected = [sum(T[p, q] * (V[p] - V[q]) for q in range(6) if q != p) for p in range(6)]
    assert_allclose(I, expected, atol=1e-12)


def test_floating_leads_draw_no_current_and_lie_between_the_imposed_voltages():
    T, _ = transmission_matrix(disordered_hall_bar(), 1.2, flux=0.03)
    V, I = floating_voltages(T, [1.0, np.nan, np.nan, 0.0, np.nan, np.nan])
    assert_allclose(V[[0, 3]], [1.0, 0.0])
    assert_allclose(lead_currents(T, V)[[1, 2, 4, 5]], 0, atol=1e-12)
    assert_allclose(I, lead_currents(T, V) * [1, 0, 0, 1, 0, 0], atol=1e-12)
    assert_allclose(I[0], -I[3], atol=1e-12)
    assert np.all((V[[1, 2, 4, 5]] > 0) & (V[[1, 2, 4, 5]] < 1))  # a probe averages what it receives
    # the resistance with current in 0 and out of 3 is the inverse of that current
    assert_allclose(four_terminal_resistance(T, 0, 3, 0, 3), 1 / I[0], rtol=1e-10)
    assert_allclose(four_terminal_resistance(T, 0, 3, 5, 1), (V[5] - V[1]) / I[0], rtol=1e-10)


@pytest.mark.parametrize("flux", [0.0, 0.03, 0.07])
def test_reciprocity_of_multi_terminal_resistances(flux):
    device = disordered_hall_bar()
    T_plus, _ = transmission_matrix(device, 1.7, flux=flux)
    T_minus, _ = transmission_matrix(device, 1.7, flux=-flux)
    for p, q, k, l in [(0, 3, 5, 1), (0, 3, 5, 4), (1, 4, 0, 2), (0, 1, 2, 3), (5, 2, 4, 3)]:
        assert_allclose(four_terminal_resistance(T_plus, p, q, k, l),
                        four_terminal_resistance(T_minus, k, l, p, q), atol=1e-10)


def test_resistance_is_antisymmetric_in_the_source_drain_and_probe_pairs():
    T, _ = transmission_matrix(disordered_hall_bar(), 1.7, flux=0.05)
    for p, q, k, l in itertools.permutations(range(4), 4):
        R = four_terminal_resistance(T, p, q, k, l)
        assert_allclose(four_terminal_resistance(T, q, p, k, l), -R, atol=1e-10)
        assert_allclose(four_terminal_resistance(T, p, q, l, k), -R, atol=1e-10)


@pytest.mark.parametrize("nu, flux", [(1, 0.05), (2, 0.08)])
@pytest.mark.parametrize("sign", [1, -1])
def test_quantum_hall_plateau_gives_h_over_2e2_nu_and_no_longitudinal_resistance(nu, flux, sign):
    L, W = 60, 30
    device = hall_bar(L, W, probe_width=14, V=anderson(L, W, 0.3, seed=41))
    T, N = transmission_matrix(device, plateau_energy(nu, flux), flux=sign * flux)
    assert np.all(N == nu)
    R = hall_bar_resistances(T)
    assert_allclose(R["R_xy"], sign / nu, atol=1e-6)
    assert_allclose(R["R_xy_right"], sign / nu, atol=1e-6)
    assert_allclose([R["R_xx"], R["R_xx_bottom"]], 0, atol=1e-6)
    assert_allclose(R["R_2t"], 1 / nu, atol=1e-6)
    h_over_2e2_kohm = scipy.constants.h / (2 * scipy.constants.e**2) / 1e3
    assert_allclose(resistance_kohm(R["R_xy"]), sign * h_over_2e2_kohm / nu, rtol=1e-6)


def test_weakly_coupled_voltage_probes_on_a_ballistic_wire_measure_no_resistance():
    """Non-invasive probes see the average of the left and right movers: R_4t -> 0."""
    ratios = []
    for coupling in (1.0, 0.3, 0.1, 0.03):
        device = Device(np.zeros((30, 8)), ["left", "right", Lead("top", 5, 3, coupling), Lead("top", 20, 4, coupling)])
        T, N = transmission_matrix(device, 1.3)
        ratios.append(four_terminal_resistance(T, 0, 1, 2, 3) / four_terminal_resistance(T, 0, 1, 0, 1))
        R_2t = four_terminal_resistance(T, 0, 1, 0, 1)
    assert np.all(np.diff(np.abs(ratios)) < 0)
    assert abs(ratios[-1]) < 1e-3
    assert_allclose(R_2t, 1 / N[0], rtol=1e-3)  # the wire stays ballistic


def test_bad_inputs_are_refused_with_a_message():
    T = np.eye(3)
    with pytest.raises(ValueError, match="square"):
        conductance_matrix(np.ones((2, 3)))
    with pytest.raises(ValueError, match="one entry per lead"):
        lead_currents(T, [1.0, 0.0])
    with pytest.raises(ValueError, match="every lead floating"):
        floating_voltages(T, [np.nan] * 3)
    with pytest.raises(ValueError, match="not all connected"):
        floating_voltages(T, [1.0, 0.0, np.nan])  # lead 2 is connected to nothing
    with pytest.raises(ValueError, match="source and drain"):
        four_terminal_resistance(T, 1, 1, 0, 2)
    with pytest.raises(ValueError, match="plus"):
        four_terminal_resistance(T, 0, 1, 5, 2)
    with pytest.raises(ValueError, match="hall_bar"):
        hall_bar_resistances(T)
