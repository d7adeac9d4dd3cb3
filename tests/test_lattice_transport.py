"""The lattice engine against analytic limits, identities and independent methods."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from numpy.testing import assert_allclose

import helpers
from helpers.lattice import Lattice
from helpers.leads import modes_general, lead_modes, self_energies
from helpers.negf import ldos, transmission_direct
from helpers.transfer_matrix import chain_transfer_transmission


def smatrix_transmission(V, energy, **kw):
    return np.array([helpers.smatrix(V, e, **kw).transmission() for e in np.atleast_1d(energy)])


CHAIN_METHODS = [helpers.transmission, transmission_direct, chain_transfer_transmission, smatrix_transmission]
STRIP_METHODS = [helpers.transmission, transmission_direct, smatrix_transmission]


@pytest.mark.parametrize("method", CHAIN_METHODS)
def test_clean_chain_transmits_fully_inside_band_and_not_outside(method):
    inside = np.linspace(0.01, 3.99, 37)
    assert_allclose(method(np.zeros(7), inside), 1.0, atol=1e-12)
    outside = np.array([-1.0, -1e-9, 0.0, 4.0, 4.5])
    assert_allclose(method(np.zeros(7), outside), 0.0, atol=0)


@pytest.mark.parametrize("method", CHAIN_METHODS)
@pytest.mark.parametrize("U", [0.3, 1.0, -2.5])
def test_single_site_barrier_matches_closed_form(method, U):
    E = np.linspace(0.05, 3.95, 40)
    k = np.arccos(1 - E / 2)
    expected = 1 / (1 + (U / (2 * np.sin(k))) ** 2)
    assert_allclose(method(np.array([0, 0, U, 0, 0.0]), E), expected, atol=1e-12)


@pytest.mark.parametrize("method", STRIP_METHODS)
@pytest.mark.parametrize("W", [1, 3, 8])
def test_clean_strip_transmission_counts_open_channels(method, W):
    thresholds = helpers.subband_thresholds(W)
    edges = np.concatenate([thresholds, thresholds + 4])
    E = np.linspace(0.013, 7.9, 60)
    E = E[np.min(np.abs(E[:, None] - edges[None]), axis=1) > 1e-3]
    assert_allclose(method(np.zeros((4, W)), E), helpers.open_modes(E, W), atol=1e-10)


def test_open_modes_counts_subbands_and_closes_channels_at_thresholds():
    W = 20
    # the 7th subband of W = 20 opens at exactly 2 - 2 cos(pi/3) = 1: zero velocity, closed
    assert helpers.open_modes(1.0, W) == 6
    assert helpers.open_modes(1.0 + 1e-9, W) == 7
    assert helpers.open_modes(0.0, 5) == 0
    assert helpers.open_modes(8.0, 5) == 0
    assert helpers.open_modes(4.0, 1) == 1  # W = 1 strip: band 2t..6t
    # the number of channels is symmetric about the band centre 4t
    E = np.linspace(0.1, 3.9, 50)
    assert np.array_equal(helpers.open_modes(E, 7), helpers.open_modes(8 - E, 7))
    # and a chain-like strip threshold equals a transverse particle-in-a-box level
    assert helpers.open_modes(helpers.subband_thresholds(9)[2] + 1e-9, 9) == 3
    assert helpers.open_modes(np.nextafter(helpers.subband_thresholds(9)[2], 9), 9) == 2


def test_band_structure_bottoms_are_the_thresholds():
    bands = helpers.band_structure(np.zeros(1), 6)
    assert_allclose(bands[0], helpers.subband_thresholds(6), atol=1e-15)
    assert_allclose(helpers.band_structure(np.pi, None), [4.0])


def test_chain_ldos_at_band_centre_is_one_over_two_pi_t():
    for t in (1.0, 2.0):
        assert_allclose(ldos(np.zeros(9), 2 * t, t=t), 1 / (2 * np.pi * t), rtol=1e-12)


def test_chain_self_energy_closed_form_matches_lead_modes():
    E = np.linspace(-1, 5, 61)
    sigma_modes, _ = self_energies(E, Lattice(1, chain=True))
    sigma_closed = helpers.chain_self_energy(E, onsite=2.0)
    assert_allclose(sigma_modes[:, 0, 0], sigma_closed, atol=1e-12)
    # inside the band Im Sigma = -t sin k < 0 (retarded), outside Sigma is real and decaying
    inside = (E > 0) & (E < 4)
    assert np.all(sigma_closed.imag[inside] < 0)
    assert np.all(sigma_closed.imag[~inside] == 0)
    assert np.all(np.abs(sigma_closed[~inside]) <= 1)


@pytest.mark.parametrize("flux", [0.0, 0.5])
def test_general_mode_solver_agrees_with_transverse_modes(flux):
    """The transfer-matrix eigenmodes (used with flux) give the exact lead self-energy."""
    lat = Lattice(6, flux=flux)
    for E in (0.35, 1.7, 3.1, 6.2):
        modes = modes_general(E, lat)
        hop = lat.hop()
        sigma_general = hop.conj().T @ (modes.u_right * modes.lam_right) @ np.linalg.inv(modes.u_right)
        if flux == 0:
            sigma_fast = self_energies([E], lat)[1][0]
            assert_allclose(sigma_general, sigma_fast, atol=1e-11)
            assert modes.num_open == helpers.open_modes(E, 6)
        # the self-energy solves the lead's Dyson equation g = (E - H0 - hop^dag g hop)^-1 with
        # Sigma_R = hop^dag g hop
        g = np.linalg.inv(E * np.eye(6) - lat.perp() - sigma_general)
        assert_allclose(hop.conj().T @ g @ hop, sigma_general, atol=1e-10)


@pytest.mark.parametrize("flux", [0.03, 0.11, 0.25])
def test_flux_lead_channel_count_matches_band_crossings(flux):
    """Independent check: count the right-moving band crossings of the Bloch Hamiltonian."""
    lat = Lattice(7, flux=flux)
    k = np.linspace(-np.pi, np.pi, 4001)
    h = lat.hop()
    bands = np.array([np.linalg.eigvalsh(lat.perp() + h * np.exp(-1j * q) + h.conj().T * np.exp(1j * q)) for q in k])
    for E in np.linspace(0.2, 7.8, 20):
        upward = np.sum((bands[:-1] < E) & (bands[1:] >= E))
        assert lead_modes(E, lat).num_open == upward


def _random_strip(seed, L, W, strength):
    return np.random.default_rng(seed).uniform(-strength / 2, strength / 2, size=(L, W))


@pytest.mark.parametrize("flux", [0.0, 0.07])
def test_rgf_equals_direct_inversion(flux):
    V = _random_strip(3, 9, 5, 2.0)
    E = np.linspace(0.2, 7.5, 23)
    assert_allclose(helpers.transmission(V, E, flux=flux), transmission_direct(V, E, flux=flux), atol=1e-11)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    L=st.integers(1, 12),
    W=st.integers(1, 6),
    strength=st.floats(0, 4),
    energy=st.floats(0.05, 7.95),
    flux=st.sampled_from([0.0, 0.0, 0.05, 0.2, 0.5]),
)
def test_smatrix_is_unitary_and_bounded_for_random_disorder(seed, L, W, strength, energy, flux):
    V = _random_strip(seed, L, W, strength)
    S = helpers.smatrix(V, energy, flux=flux)
    n_left, n_right = S.num_modes
    assert n_left == n_right
    assert S.unitarity_error() < 1e-10
    T = S.transmission()
    assert -1e-12 <= T <= n_left + 1e-12
    assert abs(S.reflection() + T - n_left) < 1e-10                      # R + T = N
    assert abs(np.sum(np.abs(S.tp) ** 2) - T) < 1e-10                  # T_LR = T_RL
    assert abs(helpers.transmission(V, energy, flux=flux) - T) < 1e-10  # Caroli = Tr t^dag t
    eig = S.transmission_eigenvalues()
    assert np.all((eig > -1e-12) & (eig < 1 + 1e-12))
    assert abs(eig.sum() - T) < 1e-10


def test_two_terminal_transmission_is_even_in_field_and_periodic_in_flux():
    V = _random_strip(11, 10, 6, 1.5)
    E = np.array([0.7, 1.9, 3.3])
    T = helpers.transmission(V, E, flux=0.13)
    assert_allclose(helpers.transmission(V, E, flux=-0.13), T, atol=1e-11)  # Onsager, two terminals
    assert_allclose(helpers.transmission(V, E, flux=1.13), T, atol=1e-10)   # flux quantum periodicity
    assert np.max(np.abs(helpers.transmission(V, E) - T)) > 1e-3            # the field does something


def test_chain_ignores_flux():
    V = _random_strip(2, 20, 1, 1.0)[:, 0]
    E = np.linspace(0.1, 3.9, 9)
    assert_allclose(helpers.transmission(V, E, flux=0.3), helpers.transmission(V, E), atol=1e-14)


def test_thick_barrier_transmission_far_below_double_range_is_exact():
    """T ~ 1e-280 through a 60-site barrier: RGF against the transfer matrix (no cancellation)."""
    V = np.zeros(70)
    V[5:65] = 3.0
    E = np.array([0.05, 0.3, 0.9])
    T_rgf = helpers.transmission(V, E)
    T_tm = chain_transfer_transmission(V, E)
    assert np.all(T_rgf > 0) and np.all(T_rgf < 1e-60)
    assert_allclose(np.log(T_rgf), np.log(T_tm), rtol=1e-9)


def test_long_localized_chain_gives_finite_log_transmission_and_perturbative_xi():
    L = 100_000
    V = np.random.default_rng(1000 * L).uniform(-0.5, 0.5, size=(L, 1))[:, 0]  # Wd = 1
    energy = 1.0  # 1 t below the band centre
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lnT = helpers.log_transmission(V, energy)
        T = helpers.transmission(V, energy)
    assert np.isfinite(lnT) and lnT < -1000
    assert T == 0.0  # underflows, as documented; ln T stays exact
    # Thouless/perturbative: xi = 24 (4t^2 - (E - 2t)^2) / Wd^2 = 72 sites; ln T = -2L/xi
    xi = -2 * L / lnT
    assert abs(xi - 72) / 72 < 0.05


def test_energy_shape_is_preserved():
    V = np.zeros(3)
    assert np.ndim(helpers.transmission(V, 1.0)) == 0
    assert helpers.transmission(V, [1.0, 2.0]).shape == (2,)


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: helpers.transmission(["a", "b"], 1.0), TypeError, "V"),
        (lambda: helpers.transmission([], 1.0), ValueError, "V"),
        (lambda: helpers.transmission(np.zeros((2, 2, 2)), 1.0), ValueError, "V"),
        (lambda: helpers.transmission([0.0, np.nan], 1.0), ValueError, "V"),
        (lambda: helpers.transmission([0.0], np.nan), ValueError, "energy"),
        (lambda: helpers.transmission([0.0], [[1.0]]), ValueError, "energy"),
        (lambda: helpers.transmission([0.0], "1.0"), TypeError, "energy"),
        (lambda: helpers.transmission([0.0], 1.0, t=0), ValueError, "t"),
        (lambda: helpers.transmission([0.0], 1.0, flux="x"), TypeError, "flux"),
        (lambda: helpers.open_modes(1.0, 0), ValueError, "W"),
        (lambda: helpers.open_modes(1.0, 2.5), TypeError, "W"),
        (lambda: helpers.smatrix([0.0], [1.0, 2.0]), ValueError, "energy"),
        (lambda: helpers.chain_self_energy(1.0, t=-1), ValueError, "t"),
    ],
)
def test_bad_input_names_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_energy_within_rounding_of_a_landau_level_counts_the_closed_side():
    """In a field a subband extremum (here the bottom of a Landau level) can sit within 1e-9 t
    of the energy asked for; the zero-velocity channel then counts as closed, as at a
    threshold without flux, instead of the mode classification failing."""
    V, flux, E = np.zeros((3, 30)), 0.039102973356843, 0.7
    below, above = helpers.transmission(V, [E - 1e-5, E + 1e-5], flux=flux)
    assert (round(below), round(above)) == (1, 2)
    assert abs(helpers.transmission(V, E, flux=flux) - 1) < 1e-7
