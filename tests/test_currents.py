"""Bond currents: conservation at every site, cross-sections give T_pq, edge currents in a field."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from helpers.currents import bond_currents, divergence, solution_bond_currents
from helpers.lattice import Lattice
from helpers.leads import open_channels
from helpers.multiterminal import (
    Device,
    Lead,
    cross,
    hall_bar,
    lead_sites,
    solve,
    transmission_matrix,
    two_terminal,
)


def anderson(L, W, strength, seed):
    return np.random.default_rng(seed).uniform(-strength / 2, strength / 2, size=(L, W))


def coupled_to_a_lead(device):
    """(L, W) mask of the sites coupled to any lead."""
    mask = np.zeros(device.L * device.W, bool)
    for p in range(device.num_leads):
        mask[lead_sites(device, p)] = True
    return mask.reshape(device.L, device.W)


HALL_BAR = hall_bar(30, 12, probe_width=5, V=anderson(30, 12, 1.5, seed=51))


def clean_cuts(device):
    """Cuts between columns x and x + 1 that pass through no lead's mouth, with the leads
    lying entirely to their right."""
    cuts = {}
    for x in range(device.L - 1):
        sides = [lead for lead in device.leads if lead.side in ("top", "bottom")]
        if any(lead.start <= x < lead.start + lead.width - 1 for lead in sides):
            continue
        cuts[x] = [p for p, lead in enumerate(device.leads)
                   if lead.side == "right" or (lead.side in ("top", "bottom") and lead.start > x)]
    return cuts


@pytest.mark.parametrize("flux", [0.0, 0.04])
@pytest.mark.parametrize("lead", [0, 1, 3, 4])
def test_current_is_conserved_at_every_site_away_from_the_leads(flux, lead):
    jx, jy = bond_currents(HALL_BAR, 1.3, lead, flux=flux)
    assert jx.shape == (29, 12) and jy.shape == (30, 11)
    div = divergence(jx, jy)
    interface = coupled_to_a_lead(HALL_BAR)
    assert_allclose(div[~interface], 0, atol=1e-10)
    assert np.abs(div[interface]).max() > 1e-2


@pytest.mark.parametrize("flux", [0.0, 0.04, -0.09])
def test_current_through_every_cross_section_is_the_transmission(flux):
    E = 1.3
    T, N = transmission_matrix(HALL_BAR, E, flux=flux)
    cuts = clean_cuts(HALL_BAR)
    assert len(cuts) >= 10
    for q in (0, 2, 5):
        jx, _ = bond_currents(HALL_BAR, E, q, flux=flux)
        for x, beyond in cuts.items():
            if q in beyond:  # injected to the right of the cut: what reaches the leads on its left
                expected = -sum(T[p, q] for p in range(6) if p not in beyond)
            else:
                expected = T[beyond, q].sum()
            assert_allclose(jx[x].sum(), expected, atol=1e-10)
    # the first cut carries all the left lead injects, N - R
    jx, _ = bond_currents(HALL_BAR, E, 0, flux=flux)
    assert_allclose(jx[0].sum(), N[0] - T[0, 0], atol=1e-10)


def test_two_terminal_current_is_the_same_through_every_column_and_equals_t():
    V = anderson(20, 7, 2.0, seed=52)
    T, _ = transmission_matrix(two_terminal(V), 0.8, flux=0.05)
    jx, _ = bond_currents(two_terminal(V), 0.8, 0, flux=0.05)
    assert_allclose(jx.sum(axis=1), T[1, 0], atol=1e-10)
    jx_back, _ = bond_currents(two_terminal(V), 0.8, 1, flux=0.05)
    assert_allclose(jx_back.sum(axis=1), -T[0, 1], atol=1e-10)


def test_currents_along_y_in_a_vertical_wire():
    V = anderson(5, 16, 1.0, seed=53)
    device = Device(V, [Lead("bottom", 0, 5), Lead("top", 0, 5)])
    T, _ = transmission_matrix(device, 1.1, flux=0.03)
    _, jy = bond_currents(device, 1.1, 0, flux=0.03)
    assert_allclose(jy.sum(axis=0), T[1, 0], atol=1e-10)


def test_currents_do_not_depend_on_the_gauge_reference_of_the_side_leads():
    device = cross(10, arm_width=6, V=anderson(10, 10, 1.0, seed=54))
    for lead in range(4):
        reference = bond_currents(device, 1.2, lead, flux=0.06)
        shifted = bond_currents(device, 1.2, lead, flux=0.06, gauge_reference=-7)
        assert_allclose(shifted[0], reference[0], atol=1e-10)
        assert_allclose(shifted[1], reference[1], atol=1e-10)


def test_one_solution_gives_the_currents_of_every_lead_and_their_sum_is_equilibrium_free():
    """All leads filled (equilibrium): the injected currents of all leads add up to no net
    flow through any cross-section (persistent edge currents may circulate, but not cross)."""
    solution = solve(HALL_BAR, 1.3, flux=0.05)
    total_x = sum(solution_bond_currents(solution, p)[0] for p in range(6))
    cuts = list(clean_cuts(HALL_BAR))
    assert_allclose(total_x[cuts].sum(axis=1), 0, atol=1e-10)
    assert np.abs(total_x).max() > 1e-3  # yet equilibrium currents flow along the bonds


@pytest.mark.parametrize("flux", [0.05, -0.05])
def test_in_a_strong_field_the_current_flows_along_one_edge(flux):
    L, W = 60, 30
    device = hall_bar(L, W, probe_width=14, V=anderson(L, W, 0.5, seed=55))
    E = 0.6  # nu = 1: the lowest Landau level is filled (0.30 < E < 0.88 for flux 0.05)
    assert open_channels([E], Lattice(W, flux=flux))[0] == 1
    jx, _ = bond_currents(device, E, 0, flux=flux)
    l_B = 1 / np.sqrt(2 * np.pi * abs(flux))
    # flux > 0: electrons from the left lead skip clockwise, along the top edge to the
    # top-left probe; flux < 0 along the bottom edge to the bottom-left probe
    y = np.arange(W)
    edge = y >= W - 1 - 4 * l_B if flux > 0 else y <= 4 * l_B
    column = jx[3]  # between the left lead and the first probes
    assert_allclose(column.sum(), 1.0, atol=1e-6)
    assert column[edge].sum() > 0.999
    assert np.abs(column[~edge]).sum() < 1e-2
