"""Many terminals: T_pq against the two-terminal engine, identities, gauge invariance, edge states."""

import functools

import numpy as np
import pytest
from numpy.testing import assert_allclose

import helpers
from helpers.lattice import Lattice, device_hamiltonian
from helpers.leads import open_channels, self_energies
from helpers.multiterminal import (
    Device,
    Lead,
    band_structure,
    cross,
    hall_bar,
    hamiltonian,
    landau_levels,
    transmission_matrix,
    two_terminal,
)
from helpers.negf import caroli_transmission, device_self_energies, embed


def anderson(L, W, strength, seed):
    return np.random.default_rng(seed).uniform(-strength / 2, strength / 2, size=(L, W))


@functools.lru_cache
def plateau_energy(nu, flux, W=30):
    """Middle of the energy range where a clean lead of width W has nu open channels."""
    E = np.arange(0.025, 2.5, 0.05)  # the plateaus are 0.5-1 t wide
    inside = E[open_channels(E, Lattice(W, flux=flux)) == nu]
    return (inside.min() + inside.max()) / 2


# ---------------------------------------------------------------- the two-terminal limit

@pytest.mark.parametrize("flux", [0.0, 0.03, -0.11])
@pytest.mark.parametrize("strength", [0.0, 1.5])
def test_two_terminal_device_is_the_strip_of_helpers_transmission(flux, strength):
    V = anderson(15, 6, strength, seed=3)
    E = np.array([0.4, 1.3, 2.2, 3.7])
    T, N = transmission_matrix(two_terminal(V), E, flux=flux)
    assert_allclose(T[:, 1, 0], helpers.transmission(V, E, flux=flux), atol=1e-10)
    assert_allclose(T[:, 0, 1], helpers.transmission(V, E, flux=flux), atol=1e-10)
    lat = Lattice(6, flux=flux)
    assert_allclose(N, np.stack([open_channels(E, lat)] * 2, axis=1))


@pytest.mark.parametrize("flux", [0.0, 0.04])
def test_reflection_on_the_diagonal_is_the_fisher_lee_reflection(flux):
    V = anderson(10, 5, 2.0, seed=8)
    for E in (0.7, 1.9):
        T, _ = transmission_matrix(two_terminal(V), E, flux=flux)
        S = helpers.smatrix(V, E, flux=flux)
        assert_allclose(T[0, 0], np.sum(np.abs(S.r) ** 2), atol=1e-10)
        assert_allclose(T[1, 1], np.sum(np.abs(S.rp) ** 2), atol=1e-10)


def test_hamiltonian_is_the_dense_device_hamiltonian_of_the_engine():
    V = anderson(7, 4, 1.0, seed=1)
    assert_allclose(hamiltonian(two_terminal(V), flux=0.13).toarray(), device_hamiltonian(V, flux=0.13), atol=0)


# ---------------------------------------------------------------- gauge of the side leads

@pytest.mark.parametrize("flux", [0.0, 0.03, -0.08])
def test_strip_along_y_with_top_and_bottom_leads_is_the_transposed_strip(flux):
    """The same wire described in the rotated Landau gauge A = (0, B x) throughout."""
    V = anderson(6, 14, 1.5, seed=4)  # 6 columns wide, 14 rows long, leads at both ends in y
    device = Device(V, [Lead("bottom", 0, 6), Lead("top", 0, 6)])
    E = np.array([0.5, 1.4, 2.9])
    T, _ = transmission_matrix(device, E, flux=flux)
    # (x, y) -> (y, x) is a mirror image: the transposed strip sees -flux (two-terminal T is
    # even in B anyway)
    assert_allclose(T[:, 1, 0], helpers.transmission(V.T, E, flux=-flux), atol=1e-10)
    assert_allclose(T[:, 0, 1], helpers.transmission(V.T, E, flux=flux), atol=1e-10)


@pytest.mark.parametrize("flux", [0.02, -0.07])
def test_transmissions_do_not_depend_on_the_gauge_reference_of_the_side_leads(flux):
    device = hall_bar(24, 10, probe_width=4, V=anderson(24, 10, 1.0, seed=6))
    T0, _ = transmission_matrix(device, 1.1, flux=flux)
    for x_ref in (0, 13, -5, 40):
        T, _ = transmission_matrix(device, 1.1, flux=flux, gauge_reference=x_ref)
        assert_allclose(T, T0, atol=1e-10)


@pytest.mark.parametrize("flux", [0.03, -0.09])
def test_side_leads_attached_further_out_through_rows_in_the_device_gauge_give_the_same_t(flux):
    """n rows of every side lead moved into the scattering region (Landau gauge A = (-B y, 0)
    there) and the lead's own gauge starting n rows further out: the same device."""
    L, W, n, wall = 20, 8, 3, 1e13
    V = anderson(L, W, 1.0, seed=9)
    leads = [Lead("bottom", 2, 5), Lead("bottom", 12, 4), Lead("top", 13, 6), Lead("top", 1, 4)]
    T, _ = transmission_matrix(Device(V, leads), 0.9, flux=flux)
    # the taller region: lead rows (V = 0) under and over the side leads, hard walls elsewhere
    tall = np.full((L, W + 2 * n), wall)
    tall[:, n:n + W] = V
    for lead in leads:
        rows = slice(0, n) if lead.side == "bottom" else slice(n + W, W + 2 * n)
        tall[lead.start:lead.start + lead.width, rows] = 0.0
    # rows shifted by n: A = (-B (y + n), 0) = A + grad(-B n x), a gauge transformation of the
    # whole device (no left or right lead here), which leaves T unchanged
    T_tall, _ = transmission_matrix(Device(tall, leads), 0.9, flux=flux)
    assert_allclose(T_tall, T, atol=1e-9)


def test_dense_calculation_of_a_small_cross_with_its_own_gauge_transformation():
    """numpy.linalg on the full matrix; the side leads' self-energies written from chi = B x y."""
    W, flux, E = 6, 0.06, 1.2
    V = anderson(W, W, 1.0, seed=2)
    device = cross(W, arm_width=4, V=V)
    T, N = transmission_matrix(device, E, flux=flux)
    H = device_hamiltonian(V, flux=flux)  # the engine's dense two-terminal assembly
    sigma_left, sigma_right = device_self_energies(V, E, flux=flux)
    sigmas = [sigma_left, None, sigma_right, None]
    x = np.arange(1, 5)  # arm columns (centred)
    for p, side in ((1, "bottom"), (3, "top")):
        # the lead in its own gauge A' = (0, B x) (x_ref = 0): a step up (top) / down (bottom)
        # carries exp(-2 pi i int A'.dl) = exp(-+ 2 pi i flux x), i.e. a Lattice of flux -+flux
        # over j = x - 1 up to the constant phase exp(-+ 2 pi i flux) per step, which does not
        # change the surface Green's function (a gauge transformation equal to 1 on row 0)
        sign = -1 if side == "top" else 1
        lat = Lattice(4, flux=sign * flux)
        _, sigma_lat = self_energies(np.array([E]), lat)
        g_surface = np.linalg.inv(lat.hop().conj().T) @ sigma_lat[0] @ np.linalg.inv(lat.hop())
        # from the device's gauge A to A' on the lead: psi -> exp(-2 pi i chi) psi, chi = B x y,
        # applied to the lead's sites only; the first lead row is y = W (top) or -1 (bottom)
        y1 = W if side == "top" else -1
        tau = np.diag(-np.exp(-2j * np.pi * flux * x * y1))  # H'[lead row, device row]
        sites = x * W + (W - 1 if side == "top" else 0)
        sigmas[p] = embed(tau.conj().T @ g_surface @ tau, sites, W * W)
    G = np.linalg.inv(E * np.eye(W * W) - H - sum(sigmas))
    gammas = [helpers.broadening(s) for s in sigmas]
    for p in range(4):
        for q in range(4):
            if p != q:
                assert_allclose(T[p, q], caroli_transmission(G, gammas[p], gammas[q]), atol=1e-10)
    assert_allclose(N, [open_channels([E], Lattice(W, flux=flux))[0], open_channels([E], Lattice(4, flux=flux))[0],
                        open_channels([E], Lattice(W, flux=flux))[0], open_channels([E], Lattice(4, flux=-flux))[0]])


# ---------------------------------------------------------------- identities

DEVICES = {
    "hall bar": lambda: hall_bar(30, 12, probe_width=5, V=anderson(30, 12, 2.0, seed=11)),
    "cross": lambda: cross(9, arm_width=5, V=anderson(9, 9, 1.0, seed=12)),
    "T junction": lambda: Device(anderson(10, 7, 1.0, seed=13), ["left", Lead("top", 3, 4), "right"]),
}


@pytest.mark.parametrize("name", DEVICES)
@pytest.mark.parametrize("flux", [0.0, 0.05])
def test_current_conservation_rows_and_columns_sum_to_the_open_channels(name, flux):
    T, N = transmission_matrix(DEVICES[name](), np.array([0.6, 1.7, 3.1]), flux=flux)
    assert np.all(N > 0)
    assert_allclose(T.sum(axis=1), N, atol=1e-10)  # sum_p T_pq = N_q
    assert_allclose(T.sum(axis=2), N, atol=1e-10)  # sum_q T_pq = N_p
    assert np.all(T > -1e-10)


@pytest.mark.parametrize("name", DEVICES)
@pytest.mark.parametrize("flux", [0.02, 0.07])
def test_onsager_buttiker_reciprocity(name, flux):
    device = DEVICES[name]()
    for E in (0.8, 2.3):
        T_plus, _ = transmission_matrix(device, E, flux=flux)
        T_minus, _ = transmission_matrix(device, E, flux=-flux)
        assert_allclose(T_plus, T_minus.T, atol=1e-10)
        assert np.max(np.abs(T_plus - T_plus.T)) > 1e-3  # the field does break T_pq = T_qp


@pytest.mark.parametrize("name", DEVICES)
def test_transmissions_are_symmetric_without_field(name):
    T, _ = transmission_matrix(DEVICES[name](), 1.4)
    assert_allclose(T, T.T, atol=1e-10)


def test_clean_cross_is_symmetric_under_its_rotations():
    T, N = transmission_matrix(cross(8), 1.0)
    assert len(set(N)) == 1
    # a clean square with equal arms: every lead sees its neighbours alike
    assert_allclose([T[1, 0], T[2, 1], T[3, 2], T[0, 3]], T[1, 0], atol=1e-10)
    assert_allclose([T[2, 0], T[3, 1]], T[2, 0], atol=1e-10)


@pytest.mark.parametrize("flux", [0.0, 0.05])
def test_nothing_flows_outside_the_band_and_closed_probes_take_nothing(flux):
    device = hall_bar(20, 8, probe_width=4, V=anderson(20, 8, 0.5, seed=14))
    for E in (-0.5, 8.5):
        T, N = transmission_matrix(device, E, flux=flux)
        assert np.all(N == 0) and np.all(T == 0)
    # just above the band bottom of the wide leads the narrow probes are still closed
    E = (helpers.subband_thresholds(8)[0] + helpers.subband_thresholds(4)[0]) / 2
    T, N = transmission_matrix(device, E)
    assert_allclose(N, [1, 0, 0, 1, 0, 0])
    assert_allclose(T[[1, 2, 4, 5]], 0, atol=0)
    assert_allclose(T[:, [1, 2, 4, 5]], 0, atol=0)
    assert_allclose(T[0, 0] + T[3, 0], 1, atol=1e-10)


# ---------------------------------------------------------------- quantum Hall edge states

@pytest.mark.parametrize("nu, flux_size, strength", [(1, 0.05, 0.0), (1, 0.05, 0.5), (2, 0.08, 0.0), (2, 0.08, 0.3)])
@pytest.mark.parametrize("sign", [1, -1])
def test_quantum_hall_plateau_edge_channels_skip_to_the_downstream_neighbour(nu, flux_size, strength, sign):
    L, W = 60, 30
    flux = sign * flux_size
    device = hall_bar(L, W, probe_width=14, V=anderson(L, W, strength, seed=21))
    E = plateau_energy(nu, flux_size)
    T, N = transmission_matrix(device, E, flux=flux)
    assert np.all(N == nu)
    # magnetic length 1/sqrt(2 pi flux) = 1.4-1.8 sites, cyclotron radius <= 4 sites << W;
    # the disorder (uniform in +-strength/2) is weak against hbar omega_c = 4 pi flux = 0.6-1
    # flux > 0: electrons skip clockwise along the edges (lead q -> q - 1 in hall_bar's
    # counterclockwise numbering); flux < 0 reverses the chirality
    step = -1 if flux > 0 else 1
    expected = np.zeros((6, 6))
    for q in range(6):
        expected[(q + step) % 6, q] = nu
    assert_allclose(T, expected, atol=1e-6)


# ---------------------------------------------------------------- bands in a field

def test_band_structure_without_flux_is_the_engines():
    k = np.linspace(-np.pi, np.pi, 31)
    assert_allclose(band_structure(k, 9), helpers.band_structure(k, 9), atol=1e-12)


@pytest.mark.parametrize("flux", [0.004, 0.002])
def test_bulk_landau_levels_approach_hbar_omega_c_in_the_continuum_limit(flux):
    W = 400
    centre = 2 * np.pi * flux * W / 2
    levels = band_structure(centre, W, flux=flux)[:3]
    expected = landau_levels(flux, np.arange(3))
    # lattice corrections are of relative order hbar omega_c (n + 1/2) / t
    assert_allclose(levels, expected, rtol=4 * np.pi * flux * 2.5)
    assert np.all(levels < expected)  # the cosine band lies below the parabola


def test_landau_levels_are_flat_in_the_bulk_and_bend_up_at_the_edges():
    W, flux = 60, 0.015  # 1/flux > W: one orbit centre y0 = k / (2 pi flux) per k in the strip
    l_B = 1 / np.sqrt(2 * np.pi * flux)
    y0 = np.linspace(5 * l_B, W - 1 - 5 * l_B, 25)  # orbit centres well inside
    bulk = band_structure(2 * np.pi * flux * y0, W, flux=flux)[:, :2]
    assert np.ptp(bulk, axis=0).max() < 1e-8
    edge = band_structure(2 * np.pi * flux * np.array([W - 1.0, W + 3.0, -1.0, -4.0]), W, flux=flux)[:, 0]
    assert np.all(edge > bulk[0, 0] + 0.05)
    # open channels of the lead at an energy: the number of bands crossing it (edge states)
    E = (bulk[0, 0] + bulk[0, 1]) / 2
    assert open_channels([E], Lattice(W, flux=flux))[0] == 1


# ---------------------------------------------------------------- input checks

def test_invalid_devices_are_refused_with_a_message():
    V = np.zeros((10, 5))
    with pytest.raises(ValueError, match="overlap"):
        Device(V, [Lead("top", 0, 4), Lead("top", 3, 2)])
    with pytest.raises(ValueError, match="outside the scattering region"):
        Device(V, [Lead("bottom", 8, 4)])
    with pytest.raises(ValueError, match="side"):
        Device(V, [Lead("north", 0, 4)])
    with pytest.raises(ValueError, match="more than one 'left'"):
        Device(V, ["left", "left"])
    with pytest.raises(ValueError, match="width"):
        Device(V, [Lead("left", 0, 3)])
    with pytest.raises(TypeError, match="device"):
        transmission_matrix(V, 1.0)
    with pytest.raises(ValueError, match="overlap"):
        hall_bar(10, 5, probe_width=4, probe_positions=(2, 4))
