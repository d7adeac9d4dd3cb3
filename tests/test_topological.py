"""Physics of the BHZ model (helpers.models.topological): time reversal, band inversion,
bulk gap, helical edge states and the protection of G = 2e^2/h."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from helpers.models.topological import (
    DISORDER_KINDS, bhz_blocks, bhz_bulk_hamiltonian, bhz_strip, bulk_d_vector, bulk_gap,
    clean_transmission, disorder_onsite, disorder_scan, gap_closing_masses, helical_conductance,
    is_inverted, spin_transmissions, strip_bands, strip_hamiltonian_k)
from helpers.tight_binding import smatrix_tb

SY = np.array([[0, -1j], [1j, 0]])
K = np.linspace(-np.pi, np.pi, 13)


# ---- time reversal -------------------------------------------------------------------------------
@pytest.mark.parametrize("M", [-1.0, 0.7])
def test_spin_down_is_the_time_reversal_partner_of_spin_up(M):
    """H_down(k) = H_up(-k)^* for the lattice Bloch Hamiltonians, at every k."""
    kx, ky = np.meshgrid(K, K + 0.3)
    up = bhz_bulk_hamiltonian(kx, ky, M)
    down = bhz_bulk_hamiltonian(kx, ky, M, spin="down")
    assert_allclose(down, bhz_bulk_hamiltonian(-kx, -ky, M).conj(), atol=1e-13)
    # the same as the complex conjugate of every lattice block
    for d, u in zip(bhz_blocks(M, spin="down"), bhz_blocks(M)):
        assert_allclose(d, u.conj(), atol=0)
    assert not np.allclose(up, down)  # the blocks really differ (complex hoppings)


def test_four_band_strip_commutes_with_the_time_reversal_operator():
    """Theta = i s_y K: Theta H(kx) Theta^-1 = H(-kx) for the two-spin strip Hamiltonian."""
    W = 5
    def full(kx):
        up, down = strip_hamiltonian_k(kx, W, -1.0), strip_hamiltonian_k(kx, W, -1.0, spin="down")
        return np.block([[up, np.zeros_like(up)], [np.zeros_like(up), down]])
    U = np.kron(1j * SY, np.eye(2 * W))  # spin (up block, down block) x (y, orbital)
    for kx in (0.3, 1.1, -2.0):
        assert_allclose(U @ full(kx).conj() @ U.conj().T, full(-kx), atol=1e-13)


def test_bulk_hamiltonian_is_eps_plus_d_dot_sigma():
    """The Fourier transform of the lattice blocks is the BHZ d-vector form (D = 0)."""
    kx, ky = np.meshgrid(K, K - 0.2)
    d = bulk_d_vector(kx, ky, -1.3)
    sigma = np.array([[[0, 1], [1, 0]], [[0, -1j], [1j, 0]], [[1, 0], [0, -1]]])
    assert_allclose(bhz_bulk_hamiltonian(kx, ky, -1.3), np.einsum("...i,ijk->...jk", d, sigma), atol=1e-13)


# ---- bulk gap and band inversion -----------------------------------------------------------------
@pytest.mark.parametrize("M", [-1.0, -0.4, 0.3, 1.0])
def test_bulk_gap_is_twice_the_mass_when_the_minimum_is_at_gamma(M):
    """A^2 >= 2BM (A = 2, B = -1, |M| <= 1): the gap is 2|M|, at k = 0."""
    assert bulk_gap(M) == pytest.approx(2 * abs(M), abs=1e-9)
    k = np.linspace(-np.pi, np.pi, 301)
    E = np.linalg.eigvalsh(bhz_bulk_hamiltonian(*np.meshgrid(k, k), M))
    assert E[..., 1].min() - E[..., 0].max() == pytest.approx(2 * abs(M), abs=1e-12)


@pytest.mark.parametrize("M", [-7.5, -6.0, -3.0, -2.0, -9.0, 2.0])
def test_bulk_gap_at_the_time_reversal_invariant_momenta(M):
    """For A = 2, B = -1 the gap sits at (0,0), (pi,0) or (pi,pi): 2 min(|M|, |M-4B|, |M-8B|)."""
    assert bulk_gap(M) == pytest.approx(2 * min(abs(M), abs(M + 4), abs(M + 8)), abs=1e-9)


def test_small_A_puts_the_gap_off_gamma():
    """A^2 < 2BM: the minimum leaves k = 0 and the gap is below 2|M| (continuum: the band
    minimum is a ring)."""
    assert bulk_gap(-1.0, A=1.0) < 2 * 1.0 - 0.1


def test_gap_closes_at_the_three_inversion_points():
    for M in gap_closing_masses():
        assert bulk_gap(M) == pytest.approx(0, abs=1e-6)
    assert list(gap_closing_masses()) == [-8.0, -4.0, 0.0]


@pytest.mark.parametrize("M", [-9.0, -7.5, -6.0, -3.0, -1.0, -0.5, 0.5, 1.0, 2.0])
def test_edge_channels_exist_exactly_when_the_bands_are_inverted(M):
    """Mid-way into the bulk gap a clean strip conducts (T = 2) iff 0 < M/B < 8, else T = 0."""
    E = bulk_gap(M) / 4
    expected = 2.0 if is_inverted(M) else 0.0
    assert clean_transmission(E, M, 12) == expected
    assert helical_conductance(E, M, L=4, W=12) == pytest.approx(expected, abs=1e-6)


def test_trivial_strip_has_no_states_in_the_bulk_gap():
    """M = +1 (trivial): no band of a wide strip enters the bulk gap |E| < 1; the strip's gap
    approaches the bulk gap from above as W grows."""
    gaps = []
    for W in (12, 40):
        E = np.linalg.eigvalsh(strip_hamiltonian_k(np.linspace(-np.pi, np.pi, 201), W, 1.0))
        gaps.append(2 * np.abs(E).min())
    assert gaps[0] >= gaps[1] >= bulk_gap(1.0) - 1e-9
    assert gaps[1] == pytest.approx(bulk_gap(1.0), rel=0.02)


# ---- helical edge states --------------------------------------------------------------------------
def test_each_edge_carries_one_spin_each_way():
    """Inverted strip at E = 0.5 (in the gap): spin up moves one way on the bottom edge and the
    other way on the top edge; spin down does the opposite on each edge."""
    W, E = 12, 0.5
    bands = strip_bands(-1.0, W, n_k=801)
    directions = {}
    for spin in ("up", "down"):
        energies, bottom, top, velocity = bands[spin]
        at_E = np.abs(energies - E) < 0.01
        for edge, weight in (("bottom", bottom), ("top", top)):
            on_edge = at_E & (weight > 0.8)
            assert on_edge.any()
            signs = np.sign(velocity[on_edge])
            assert np.all(signs == signs[0])
            directions[spin, edge] = signs[0]
    assert directions["up", "bottom"] == -directions["up", "top"]
    assert directions["down", "bottom"] == -directions["up", "bottom"]
    assert directions["down", "top"] == -directions["up", "top"]


@pytest.mark.parametrize("E", [0.25, 0.5, 0.75])
def test_clean_helical_conductance_is_quantized(E):
    """Two helical edges: T = 2 (G = 2e^2/h), one per spin, no spin flip."""
    T = spin_transmissions(bhz_strip(20, 12, -1.0), E)
    assert_allclose(T, np.eye(2), atol=1e-6)
    assert helical_conductance(E, -1.0) == pytest.approx(2.0, abs=1e-6)


@pytest.mark.parametrize("kind", ["nonmagnetic", "zeeman_z"])
@pytest.mark.parametrize("strength", [1.0, 2.0])
def test_time_reversal_or_spin_conserving_disorder_leaves_the_plateau(kind, strength):
    """Disorder weaker than the gap that does not flip spin cannot backscatter the edge."""
    for seed in range(4):
        assert helical_conductance(0.5, -1.0, kind=kind, strength=strength, rng=seed) == pytest.approx(2.0, abs=1e-4)


def test_spin_mixing_magnetic_disorder_destroys_the_plateau():
    """A random Zeeman field along x breaks time reversal and flips spin: T < 2, and what is
    lost comes back reflected with its spin flipped (the counter-moving state on the same edge
    has the other spin)."""
    T = disorder_scan(0.5, -1.0, [2.0], kind="magnetic")[0]
    assert T.mean() < 1.9
    assert np.all(T < 2 - 1e-3)
    system = bhz_strip(20, 12, -1.0, extra_onsite=disorder_onsite("magnetic", 2.0, 20, 12, 0))
    S = smatrix_tb(system, 0.5)
    back_flipped = S.block_transmission((0, 1), (0, 0)) + S.block_transmission((0, 0), (0, 1))
    back_same = S.block_transmission((0, 0), (0, 0)) + S.block_transmission((0, 1), (0, 1))
    assert back_flipped > 0.05
    assert back_flipped == pytest.approx(2 - S.transmission(), abs=1e-3)
    assert back_same < 1e-3


def test_split_spin_blocks_equal_the_four_orbital_strip():
    """For disorder that conserves s_z the two 2-orbital blocks give the same T as the full strip."""
    for kind in ("nonmagnetic", "zeeman_z"):
        for E in (0.5, 1.3):
            split = helical_conductance(E, -1.0, kind=kind, strength=2.5, rng=3)
            full = helical_conductance(E, -1.0, kind=kind, strength=2.5, rng=3, split_spins=False)
            assert split == pytest.approx(full, abs=1e-9)


def test_trivial_gap_does_not_conduct_even_with_disorder():
    for kind in DISORDER_KINDS:
        assert helical_conductance(0.5, 1.0, kind=kind, strength=1.0) == 0.0


@pytest.mark.parametrize("M", [-1.0, 1.0, -3.0])
@pytest.mark.parametrize("E", [0.3, 1.2, 2.6])
def test_clean_transmission_from_bands_equals_the_open_modes_of_the_leads(M, E):
    """Two independent counts of the channels of a clean strip: band crossings vs lead modes."""
    S = smatrix_tb(bhz_strip(2, 10, M), E)
    assert clean_transmission(E, M, 10) == S.num_modes[0] == pytest.approx(S.transmission(), abs=1e-9)


# ---- input checks ---------------------------------------------------------------------------------
def test_inputs_are_checked_with_the_argument_named():
    with pytest.raises(ValueError, match="kind"):
        disorder_onsite("spin-orbit", 1.0, 3, 3, 0)
    with pytest.raises(ValueError, match="strength"):
        disorder_onsite("magnetic", -1.0, 3, 3, 0)
    with pytest.raises(ValueError, match="B must be nonzero"):
        bhz_blocks(-1.0, B=0.0)
    with pytest.raises(ValueError, match="spin"):
        bhz_blocks(-1.0, spin="sideways")
    with pytest.raises(ValueError, match="extra_onsite"):
        bhz_strip(3, 4, -1.0, extra_onsite=np.zeros((3, 4, 2, 2)))
    with pytest.raises(ValueError, match="strengths"):
        disorder_scan(0.5, -1.0, [-1.0])
