"""Laws of the matrix-valued engine (helpers.tight_binding): several orbitals per site.

Expected values come from the one-orbital engine (n = 1 blocks, decoupled copies, a basis
rotation), from unitarity and flux normalization, and from an independent dense NEGF whose
lead self-energies are found by decimation (tests/reference_negf.py), never from this code.
"""

import json
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose
from reference_negf import dense_green, embed, gamma, lead_self_energies
from scipy.stats import unitary_group

import helpers
from helpers.tight_binding import TightBinding, lead_modes_matrix, smatrix_tb, transmission_tb

SX = np.array([[0, 1], [1, 0]], complex)
SY = np.array([[0, -1j], [1j, 0]])
SZ = np.diag([1.0, -1.0]).astype(complex)
I2 = np.eye(2)


def one_orbital(V, *, t=1.0, flux=0.0):
    """The course's chain / strip written with 1 x 1 blocks."""
    V = np.asarray(V, float)
    if V.ndim == 1:
        return TightBinding((2 * t + V)[:, None, None, None], [[-t]], lead_left=[[2 * t]], lead_right=[[2 * t]])
    return TightBinding((4 * t + V)[..., None, None], [[-t]], [[-t]], lead_left=[[4 * t]], lead_right=[[4 * t]], flux=flux)


def copies(V_a, V_b, *, flux=0.0, charges=None, signs=(1, 1), mu=0.0):
    """Two decoupled copies of the strip (block-diagonal n = 2); sign -1 turns a copy into
    the hole copy -H* of a BdG model with Delta = 0 (on-site and hopping negated)."""
    sa, sb = signs
    onsite = np.zeros(V_a.shape + (2, 2))
    onsite[..., 0, 0] = sa * (4 - mu + V_a)
    onsite[..., 1, 1] = sb * (4 - mu + V_b)
    hop = np.diag([-sa, -sb]).astype(float)
    lead = np.diag([sa * (4 - mu), sb * (4 - mu)])
    return TightBinding(onsite, hop, hop, lead_left=lead, lead_right=lead, flux=flux, charges=charges)


def bhz(L, W, *, A=1.0, B=-1.0, D=0.0, M=-1.0, V=None, flux=0.0):
    """One spin block of the BHZ model on the square lattice (non-Hermitian hoppings)."""
    onsite = np.broadcast_to((-4 * D) * I2 + (M - 4 * B) * SZ, (L, W, 2, 2)).copy()
    if V is not None:
        onsite += V[..., None, None] * I2
    hop_x = D * I2 + B * SZ + 0.5j * A * SX
    hop_y = D * I2 + B * SZ - 0.5j * A * SY
    lead = (-4 * D) * I2 + (M - 4 * B) * SZ
    return TightBinding(onsite, hop_x, hop_y, lead_left=lead, lead_right=lead, flux=flux)


def rashba(L, W, *, alpha=0.4, V=None, flux=0.0):
    """Spin-1/2 strip with Rashba spin-orbit hopping (complex, spin-mixing hoppings)."""
    onsite = np.broadcast_to(4 * I2, (L, W, 2, 2)).astype(complex)
    if V is not None:
        onsite = onsite + V[..., None, None] * I2
    hop_x = -I2 + 1j * alpha * SY
    hop_y = -I2 - 1j * alpha * SX
    return TightBinding(onsite, hop_x, hop_y, lead_left=4 * I2, lead_right=4 * I2, flux=flux)


def negf_transmission(system, E):
    H0L, T, _ = system.lead(0)
    H0R, _, _ = system.lead(1)
    M = H0L.shape[0]
    H = system.hamiltonian()
    sl, sr = lead_self_energies(E, H0L, H0R, T)
    G = dense_green(E, H, M, sl, sr)
    n = H.shape[0]
    return float(np.real(np.trace(embed(gamma(sr), n - M, n) @ G @ embed(gamma(sl), 0, n) @ G.conj().T)))


RNG = np.random.default_rng(20261206)
V_STRIP = RNG.uniform(-1.5, 1.5, (7, 4))
V_CHAIN = RNG.uniform(-1.5, 1.5, 12)


# ---- n = 1 blocks are the one-orbital engine ----------------------------------------------------
@pytest.mark.parametrize("flux", [0.0, 0.037])
@pytest.mark.parametrize("E", [0.4, 1.3, 2.7, 5.0])
def test_one_orbital_blocks_equal_the_one_orbital_engine(E, flux):
    S = smatrix_tb(one_orbital(V_STRIP, flux=flux), E)
    S1 = helpers.smatrix(V_STRIP, E, flux=flux)
    assert S.num_modes == S1.num_modes
    assert S.transmission() == pytest.approx(helpers.transmission(V_STRIP, E, flux=flux), abs=1e-12)
    assert_allclose(S.transmission_eigenvalues(), S1.transmission_eigenvalues(), atol=1e-12)
    # mode order is a convention (here by momentum, there by subband): compare the multisets
    for block, block1 in ((S.r, S1.r), (S.t, S1.t)):
        assert_allclose(np.sort(np.abs(block).ravel()), np.sort(np.abs(block1).ravel()), atol=1e-11)
    assert S.unitarity_error() < 1e-12


def test_one_orbital_chain_over_the_band():
    E = np.linspace(-0.5, 4.5, 23)
    assert_allclose(transmission_tb(one_orbital(V_CHAIN), E), helpers.transmission(V_CHAIN, E), atol=1e-12)


@pytest.mark.parametrize("W", [1, 3, 5])
def test_energy_exactly_on_a_subband_threshold_counts_the_channel_as_closed(W):
    edges = helpers.subband_thresholds(W) if W > 1 else np.array([0.0])
    V = np.zeros((4, W)) if W > 1 else np.zeros(4)
    for E in np.concatenate([edges, edges + 4])[1:]:
        S = smatrix_tb(one_orbital(V), E)
        expected = helpers.open_modes(E, W) if W > 1 else int(0 < E < 4)
        assert S.num_modes == (expected, expected)
        assert S.transmission() == pytest.approx(expected, abs=1e-6)


KWANT = json.loads((Path(__file__).parent / "data" / "kwant_reference.json").read_text())["cases"]


@pytest.mark.parametrize("name", [name for name, case in KWANT.items() if "lattice" in case["params"]])
def test_one_orbital_blocks_reproduce_the_kwant_reference(name):
    case = KWANT[name]
    params = case["params"]
    V = np.array(params["V"], float) if "V" in params else np.zeros((params["L"], params["W"]))
    grid = np.array(case["grid"])[::7]  # every 7th energy: the full grids are tested on the one-orbital engine
    T = transmission_tb(one_orbital(V, t=params["t"]), grid)
    assert_allclose(T, np.array(case["transmission"])[::7], atol=1e-10)


# ---- decoupled copies, rotations, fields ---------------------------------------------------------
@pytest.mark.parametrize("flux", [0.0, 0.05])
def test_two_decoupled_copies_add_their_transmissions(flux):
    V_b = RNG.uniform(-1, 1, V_STRIP.shape)
    E = np.array([0.6, 1.7, 3.1])
    T = transmission_tb(copies(V_STRIP, V_b, flux=flux), E)
    assert_allclose(T, helpers.transmission(V_STRIP, E, flux=flux) + helpers.transmission(V_b, E, flux=flux), atol=1e-11)
    same = transmission_tb(copies(V_STRIP, V_STRIP, flux=flux), E)
    assert_allclose(same, 2 * helpers.transmission(V_STRIP, E, flux=flux), atol=1e-11)


@pytest.mark.parametrize("flux", [0.0, 0.05])
def test_hole_copy_gets_the_conjugate_peierls_phase(flux):
    """Electron-hole copies with Delta = 0: electrons at band energy mu + E, holes at mu - E,
    each the one-orbital result in the same field. (With decoupled blocks the two-terminal
    T(flux) = T(-flux) of each block hides the sign of the hole's phase; it matters once
    Delta couples them.)"""
    mu = 1.5
    system = copies(V_STRIP, V_STRIP, flux=flux, charges=[1, -1], signs=(1, -1), mu=mu)
    for E in (0.0, 0.3, -0.45):
        S = smatrix_tb(system, E)
        expected = helpers.transmission(V_STRIP, mu + E, flux=flux) + helpers.transmission(V_STRIP, mu - E, flux=flux)
        assert S.transmission() == pytest.approx(expected, abs=1e-11)


@pytest.mark.parametrize("flux", [0.0, 0.03])
def test_spin_rotated_copy_has_the_same_transmission(flux):
    V = RNG.uniform(-1, 1, (5, 3))
    system = rashba(5, 3, V=V, flux=flux)
    U = unitary_group.rvs(2, random_state=7)
    def rot(h):
        return U @ h @ U.conj().T

    rotated = TightBinding(rot(system.onsite), rot(system.hop_x), rot(system.hop_y),
                           lead_left=rot(system.lead_onsite[0]), lead_right=rot(system.lead_onsite[1]), flux=flux)
    E = [0.5, 1.9, 3.3]
    assert_allclose(transmission_tb(rotated, E), transmission_tb(system, E), atol=1e-11)


def test_spin_degenerate_strip_with_field_is_twice_the_one_orbital_flux_path():
    flux = 0.07
    system = TightBinding((4 + V_STRIP)[..., None, None] * I2, -I2, -I2, lead_left=4 * I2, lead_right=4 * I2, flux=flux)
    E = np.array([0.5, 1.4, 2.2])
    assert_allclose(transmission_tb(system, E), 2 * helpers.transmission(V_STRIP, E, flux=flux), atol=1e-11)


# ---- unitarity and the independent dense NEGF ---------------------------------------------------
CASES = {
    "rashba": lambda: rashba(6, 3, V=RNG.uniform(-1, 1, (6, 3)), flux=0.02),
    "bhz": lambda: bhz(5, 4, V=RNG.uniform(-0.5, 0.5, (5, 4))),
    "bhz singular hopping": lambda: bhz(4, 3, A=2.0, B=1.0, D=0.0, M=1.0, V=RNG.uniform(-0.5, 0.5, (4, 3))),
    "side-coupled sites (rank-1 hopping)": lambda: TightBinding(
        np.array([[[2.0, 0.3], [0.3, 0.8]]] * 6) + np.diag([0.4, 0.0]) * RNG.uniform(-1, 1, (6, 1, 1)),
        [[-1.0, 0.0], [0.0, 0.0]], lead_left=[[2.0, 0.3], [0.3, 0.8]], lead_right=[[2.0, 0.3], [0.3, 0.8]]),
}


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("E", [-0.7, 0.35, 1.6, 2.9])
def test_unitary_and_equal_to_dense_negf(name, E):
    system = CASES[name]()
    S = smatrix_tb(system, E)
    assert S.unitarity_error() < 1e-10
    assert S.transmission() == pytest.approx(negf_transmission(system, E), abs=1e-7)
    assert S.reflection() + S.transmission() == pytest.approx(S.num_modes[0], abs=1e-10)


def test_cases_have_open_channels_somewhere():
    """The NEGF comparison is not empty: every case conducts at some of the tested energies."""
    for name, make in CASES.items():
        system = make()
        assert max(smatrix_tb(system, E).num_modes[0] for E in [-0.7, 0.35, 1.6, 2.9]) > 0, name


# ---- lead modes -----------------------------------------------------------------------------------
@pytest.mark.parametrize("E", [0.35, 1.6])
def test_modes_solve_the_lead_equation_and_carry_unit_current(E):
    system = bhz(1, 4)
    H0, T, _ = system.lead(0)
    modes = lead_modes_matrix(E, H0, T)
    Td = T.conj().T
    for lam, u in zip(modes.lam_right, modes.u_right.T):
        assert np.linalg.norm(T @ u / lam + (H0 - E * np.eye(len(u))) @ u + Td @ u * lam) < 1e-9 * np.linalg.norm(u)
    N = modes.num_open
    assert N > 0
    U, lam = modes.u_right[:, :N], modes.lam_right[:N]
    # current matrix between open right-going modes: identity (unit current, diagonal)
    J = 1j * (U.conj().T @ Td @ U * lam[None, :] - (U.conj().T @ T @ U) * lam.conj()[None, :])
    degenerate = np.abs(lam[:, None] - lam[None, :]) < 1e-7
    assert_allclose(np.where(degenerate, J, 0), np.eye(N), atol=1e-9)
    assert np.all(modes.velocity_right[:N] > 0) and np.all(modes.velocity_left[:N] < 0)


def test_degenerate_modes_of_decoupled_copies_are_rotated_to_diagonal_current():
    system = copies(np.zeros((1, 3)), np.zeros((1, 3)))
    modes = system.modes(1.2, 0)
    N = modes.num_open
    assert N == 2 * helpers.open_modes(1.2, 3)
    U, lam, T = modes.u_right[:, :N], modes.lam_right[:N], system.hop
    J = 1j * (U.conj().T @ T.conj().T @ U * lam[None, :] - (U.conj().T @ T @ U) * lam.conj()[None, :])
    degenerate = np.abs(lam[:, None] - lam[None, :]) < 1e-7
    assert np.sum(degenerate) > N  # really degenerate pairs
    assert_allclose(np.where(degenerate, J, 0), np.eye(N), atol=1e-10)


def test_conservation_law_sorts_modes_into_blocks():
    """A spin-degenerate lead with conservation law sigma_z: block 0 spin down, 1 spin up."""
    system = TightBinding(np.broadcast_to(4 * I2, (3, 3, 2, 2)), -I2, -I2, lead_left=4 * I2, lead_right=4 * I2,
                          conservation_left=SZ, conservation_right=SZ)
    S = smatrix_tb(system, 1.1)
    n1 = helpers.open_modes(1.1, 3)
    assert list(S.block[0]) == [0] * n1 + [1] * n1
    down, up = S.modes[0].u_right[:, :n1], S.modes[0].u_right[:, n1:2 * n1]
    assert np.allclose(down[0::2], 0) and np.allclose(up[1::2], 0)  # (y, a) ordering, a = 0 up
    assert S.block_transmission((1, 0), (0, 0)) == pytest.approx(n1, abs=1e-10)
    assert S.block_transmission((1, 1), (0, 0)) == pytest.approx(0, abs=1e-12)


# ---- input checks ----------------------------------------------------------------------------------
def test_inputs_are_checked_naming_the_argument():
    good = dict(onsite=np.zeros((2, 2, 2, 2)), hop_x=-I2, hop_y=-I2, lead_left=I2, lead_right=I2)
    with pytest.raises(ValueError, match="onsite must have shape"):
        TightBinding(**{**good, "onsite": np.zeros((2, 2, 2, 3))})
    with pytest.raises(ValueError, match=r"hop_x must have shape \(2, 2\)"):
        TightBinding(**{**good, "hop_x": -np.eye(3)})
    with pytest.raises(ValueError, match="hop_x must not be zero"):
        TightBinding(**{**good, "hop_x": np.zeros((2, 2))})
    with pytest.raises(ValueError, match=r"hop_y must have shape \(2, 2\)"):
        TightBinding(**{**good, "hop_y": [[-1.0]]})
    with pytest.raises(ValueError, match="hop_y .* is required"):
        TightBinding(**{**good, "hop_y": None})
    onsite = np.zeros((2, 2, 2, 2), complex)
    onsite[1, 0, 0, 1] = 1j
    with pytest.raises(ValueError, match=r"onsite must be Hermitian.*onsite\[\(1, 0\)\]"):
        TightBinding(**{**good, "onsite": onsite})
    with pytest.raises(ValueError, match="lead_right must be Hermitian"):
        TightBinding(**{**good, "lead_right": [[0, 1], [0, 0]]})
    with pytest.raises(ValueError, match=r"lead_left must have shape"):
        TightBinding(**{**good, "lead_left": np.eye(3)})
    with pytest.raises(ValueError, match="onsite must be finite"):
        TightBinding(**{**good, "onsite": np.full((2, 2, 2, 2), np.nan)})
    with pytest.raises(ValueError, match="conservation_left does not commute"):
        TightBinding(**{**good, "lead_left": SX, "conservation_left": SZ})
    with pytest.raises(ValueError, match="charges"):
        TightBinding(**{**good, "hop_x": -I2 + 0.1 * SX, "flux": 0.1, "charges": [1, -1]})
    with pytest.raises(TypeError, match="system must be a TightBinding"):
        smatrix_tb("not a system", 1.0)


# ---- electrons and holes in a field ---------------------------------------------------------------
def bdg_in_field(V, mu, delta_x, delta_lead, flux):
    """BdG strip built with `charges`: the hole block's Peierls phase is conjugated by the engine."""
    TZ, TX = np.diag([1.0, -1.0]), np.array([[0.0, 1.0], [1.0, 0.0]])
    onsite = (4 - mu + V)[..., None, None] * TZ + delta_x[:, None, None, None] * TX
    lead = (4 - mu) * TZ
    return TightBinding(onsite, -TZ, -TZ, lead_left=lead, lead_right=lead + delta_lead * TX, flux=flux,
                        charges=[1, -1], conservation_left=-TZ)


def dense_bdg_in_field(V, mu, delta_x, delta_lead, flux, E):
    """Caroli T of [[H(A), Delta], [Delta, -H(A)^*]] with H(A) from helpers.lattice (one orbital)."""
    from helpers.lattice import Lattice, device_hamiltonian

    W = V.shape[1]
    P_e, P_h, TX = np.diag([1.0, 0.0]), np.diag([0.0, 1.0]), np.array([[0.0, 1.0], [1.0, 0.0]])
    H_e = device_hamiltonian(V - mu, flux=flux)
    pairing = np.repeat(delta_x, W)
    H = np.kron(H_e, P_e) + np.kron(-H_e.conj(), P_h) + np.kron(np.diag(pairing), TX)
    lat = Lattice(W, flux=flux)
    h0 = lat.perp() - mu * np.eye(W)
    T_e = lat.hop()
    T = np.kron(T_e, P_e) + np.kron(-T_e.conj(), P_h)
    normal = np.kron(h0, P_e) + np.kron(-h0.conj(), P_h)
    sl, sr = lead_self_energies(E, normal, normal + delta_lead * np.kron(np.eye(W), TX), T)
    M = 2 * W
    G = dense_green(E, H, M, sl, sr)
    n = H.shape[0]
    return float(np.real(np.trace(embed(gamma(sr), n - M, n) @ G @ embed(gamma(sl), 0, n) @ G.conj().T)))


@pytest.mark.parametrize("E", [0.0, 0.02, 0.15])
def test_bdg_in_a_field_matches_the_conjugated_hole_block(E):
    # a sample of its own (not the shared RNG): the control below must not depend on test order
    V = np.random.default_rng(5).uniform(-0.5, 0.5, (5, 3))
    delta_x = np.array([0.0, 0.0, 0.05, 0.1, 0.1])
    args = (V, 1.3, delta_x, 0.1, 0.04)
    S = smatrix_tb(bdg_in_field(*args), E)
    assert S.unitarity_error() < 1e-10
    assert S.transmission() == pytest.approx(dense_bdg_in_field(*args, E), abs=1e-7)


def test_bdg_in_a_field_keeps_particle_hole_symmetry():
    """R_ee(E) = R_hh(-E) and R_he(E) = R_eh(-E) in a field: holds only if the hole block is
    -H(A)^*, i.e. carries the conjugate Peierls phase."""
    # a sample of its own (not the shared RNG): the control below must not depend on test order
    V = np.random.default_rng(5).uniform(-0.5, 0.5, (5, 3))
    delta_x = np.array([0.0, 0.0, 0.05, 0.1, 0.1])
    system = bdg_in_field(V, 1.3, delta_x, 0.1, 0.04)
    for E in (0.03, 0.2):
        plus, minus = smatrix_tb(system, E), smatrix_tb(system, -E)
        assert plus.block_transmission((0, 0), (0, 0)) == pytest.approx(minus.block_transmission((0, 1), (0, 1)), abs=1e-10)
        assert plus.block_transmission((0, 1), (0, 0)) == pytest.approx(minus.block_transmission((0, 0), (0, 1)), abs=1e-10)
    wrong = TightBinding(system.onsite, system.hop_x, system.hop_y, lead_left=system.lead_onsite[0],
                         lead_right=system.lead_onsite[1], flux=0.04, charges=[1, 1], conservation_left=-np.diag([1.0, -1.0]))
    plus, minus = smatrix_tb(wrong, 0.2), smatrix_tb(wrong, -0.2)
    assert abs(plus.block_transmission((0, 1), (0, 0)) - minus.block_transmission((0, 0), (0, 1))) > 1e-4


# ---- a 2D topological insulator: helical edges ------------------------------------------------------
def bhz_both_spins(L, W, *, M, V=None):
    """BHZ with both spin blocks (n = 4): H_down = H_up^* (time-reversal partner)."""
    up = bhz(L, W, A=1.0, B=-1.0, D=0.0, M=M, V=V)

    def full(a, b):
        zero = np.zeros(a.shape[:-2] + (2, 2))
        return np.block([[a, zero], [zero, b]])

    spin = np.diag([1.0, 1.0, -1.0, -1.0])
    return TightBinding(full(up.onsite, up.onsite.conj()), full(up.hop_x, up.hop_x.conj()), full(up.hop_y, up.hop_y.conj()),
                        lead_left=full(up.lead_onsite[0], up.lead_onsite[0].conj()),
                        lead_right=full(up.lead_onsite[1], up.lead_onsite[1].conj()),
                        conservation_left=spin, conservation_right=spin)


@pytest.mark.parametrize("E", [-0.1, 0.1, 0.3])
def test_bhz_inverted_gap_has_one_helical_pair_and_trivial_gap_none(E):
    """In the bulk gap of the inverted regime (0 < M/B < 4) each spin block has one chiral edge
    channel: T = 1 per spin, 2 in all, unchanged by weak disorder (up to the overlap of the two
    edges across the strip: 2 - T < 1e-6 at W = 14); the trivial regime has T = 0."""
    V = np.random.default_rng(0).uniform(-0.3, 0.3, (6, 14))
    S = smatrix_tb(bhz_both_spins(6, 14, M=-1.0, V=V), E)
    assert S.num_modes == (2, 2)
    assert S.transmission() == pytest.approx(2.0, abs=1e-5)
    for spin in (0, 1):
        assert S.block_transmission((1, spin), (0, spin)) == pytest.approx(1.0, abs=1e-5)
    assert smatrix_tb(bhz_both_spins(6, 14, M=1.0, V=V), E).num_modes == (0, 0)
