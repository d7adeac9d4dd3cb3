"""Laws of the NS junction (helpers.andreev_reflection, helpers.ns_conductance).

Expected values come from unitarity and particle-hole symmetry of the Bogoliubov-de Gennes
S-matrix, from Beenakker's formula built on the normal-state transmission eigenvalues of
`helpers.smatrix`, from the analytic BTK model (helpers.models.andreev) where the lattice
should reproduce it, and from an independent dense BdG NEGF whose lead self-energies come
from decimation (tests/reference_negf.py).

Kwant could not be installed on the development machine (no wheel; the source build failed),
so there is no Kwant NS reference file; the dense NEGF is the independent method.
"""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from reference_negf import dense_green, embed, gamma, lead_self_energies

import helpers
from helpers.models.andreev import bcs_density_of_states, btk_conductance
from helpers.superconductivity import andreev_reflection, bdg_smatrix, ns_conductance

RNG = np.random.default_rng(13)
V_DIS = RNG.uniform(-1.0, 1.0, (4, 3))


def barrier_chain(V0, L=3):
    V = np.zeros(L)
    V[-1] = V0  # at the interface, on the last normal site
    return V


def chain_Z(V0, mu):
    """BTK barrier strength of a one-site barrier V0 on the chain: T_N = 1/(1 + Z^2) with
    Z = V0 / (2 t sin k_F), cos k_F = 1 - mu / 2t (lesson 1's closed form)."""
    return V0 / (2 * np.sin(np.arccos(1 - mu / 2)))


# ---- identities -------------------------------------------------------------------------------------
@pytest.mark.parametrize("V", [np.zeros(4), barrier_chain(1.0), V_DIS], ids=["clean chain", "barrier", "disordered strip"])
@pytest.mark.parametrize("E", [0.0, 0.004, 0.013, -0.02])
def test_bdg_smatrix_is_unitary_and_probabilities_add_up(V, E):
    mu, delta = 0.8, 0.01
    S = bdg_smatrix(V, E, mu=mu, delta=delta)
    assert S.unitarity_error() < 1e-10
    r = andreev_reflection(V, E, mu=mu, delta=delta)
    W = 1 if np.ndim(V) == 1 else np.shape(V)[1]
    expected_N = helpers.open_modes(mu + E, W) if W > 1 else int(0 < mu + E < 4)
    assert r.N == expected_N
    assert r.R_ee + r.R_he + r.T_qp == pytest.approx(r.N, abs=1e-10)
    assert r.R_hh + r.R_eh + (S.block_transmission((1, 0), (0, 1))) == pytest.approx(r.N_h, abs=1e-10)
    if abs(E) < delta:
        assert r.T_qp == 0.0 and S.num_modes[1] == 0
    else:
        assert r.T_qp > 0


@pytest.mark.parametrize("V", [barrier_chain(1.5), V_DIS], ids=["barrier", "disordered strip"])
def test_particle_hole_symmetry(V):
    E = np.array([0.003, 0.011, 0.04])
    plus = andreev_reflection(V, E, mu=0.9, delta=0.01)
    minus = andreev_reflection(V, -E, mu=0.9, delta=0.01)
    assert_allclose(plus.R_ee, minus.R_hh, atol=1e-10)
    assert_allclose(plus.R_he, minus.R_eh, atol=1e-10)
    assert_allclose(plus.N, minus.N_h)


def test_results_have_the_shape_of_energy():
    E = np.array([[0.0, 0.002], [0.02, 0.03]])
    r = andreev_reflection(barrier_chain(1.0), E, mu=0.5, delta=0.01)
    for name in ("N", "R_ee", "R_he", "T_qp"):
        assert np.shape(getattr(r, name)) == E.shape
    assert np.shape(ns_conductance(barrier_chain(1.0), E, mu=0.5, delta=0.01)) == E.shape
    scalar = andreev_reflection(barrier_chain(1.0), 0.001, mu=0.5, delta=0.01)
    assert isinstance(scalar.N, int) and isinstance(scalar.R_he, float)


# ---- limits ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("W", [None, 4])
def test_transparent_interface_far_below_the_gap_doubles_the_conductance(W):
    mu, delta = 1.2, 1e-3
    V = np.zeros(3) if W is None else np.zeros((3, W))
    N = 1 if W is None else helpers.open_modes(mu, W)
    G = ns_conductance(V, [0.0, 0.1 * delta], mu=mu, delta=delta)
    assert_allclose(G, 2 * N, atol=N * delta / mu)  # corrections of order (delta/mu)^2 per channel


def test_beenakker_formula_for_a_short_disordered_region():
    """G_NS(0) = sum 2 T_n^2 / (2 - T_n)^2 (Beenakker 1992) when delta << mu and L << xi.
    The lattice deviation is first order in delta/mu (Andreev approximation) and in L/xi:
    here G - expected = 5.8e-5 at delta = 1e-4 and 5.8e-4 at 1e-3 (N = 2 channels), 0.096
    (6 %) at delta = mu/10. mu is kept away from subband thresholds: a channel right at its
    threshold has a zero velocity and the deviation then grows like sqrt(delta)."""
    rng = np.random.default_rng(5)
    V, mu = rng.uniform(-1.0, 1.0, (5, 5)), 1.6
    T_n = helpers.smatrix(V, mu).transmission_eigenvalues()
    assert np.sum((T_n > 0.05) & (T_n < 0.95)) >= 2  # several partly open channels
    expected = np.sum(2 * T_n**2 / (2 - T_n) ** 2)
    N = len(T_n)
    deviations = []
    for delta in (1e-4, 1e-3):
        G = ns_conductance(V, 0.0, mu=mu, delta=delta)
        assert abs(G - expected) < 2 * N * delta / mu
        deviations.append(abs(G - expected))
    assert deviations[1] > 3 * deviations[0]  # the deviation really shrinks with delta
    # a large gap (delta = mu/10) leaves the Andreev approximation: a visible deviation
    G_big = ns_conductance(V, 0.0, mu=mu, delta=mu / 10)
    assert abs(G_big - expected) > 10 * deviations[1]


@pytest.mark.parametrize("delta", [0.005, 0.0005])
def test_z0_lattice_follows_btk(delta):
    """Clean interface: 2 below the gap, BTK's 1 + A(E) (A = u0^2 v0^2 / u0^4) above it."""
    mu = 0.5
    E = np.array([0.0, 0.5, 0.95, 1.05, 1.5, 3.0]) * delta
    G = ns_conductance(np.zeros(3), E, mu=mu, delta=delta)
    assert np.all(np.abs(G - btk_conductance(E, delta=delta, Z=0.0)) <= 2 * (np.abs(E) + delta) / mu * G)


@pytest.mark.parametrize("V0", [0.5, 2.0])
def test_barrier_at_the_interface_follows_btk(V0):
    """A one-site barrier next to the superconductor is BTK's delta barrier with
    Z = V0 / (2t sin k_F). Tolerance 2(|E| + delta)/mu: the Andreev approximation (delta/mu)
    and the energy dependence of Z through k(E) (|E|/mu), both absent from BTK."""
    mu = 0.5
    E = np.array([0.0, 0.5, 0.9, 1.1, 1.5, 3.0])
    errors = []
    for delta in (0.005, 0.0005):
        G = ns_conductance(barrier_chain(V0), E * delta, mu=mu, delta=delta)
        expected = btk_conductance(E * delta, delta=delta, Z=chain_Z(V0, mu))
        assert np.all(np.abs(G - expected) <= 2 * (E * delta + delta) / mu * expected)
        errors.append(np.max(np.abs(G - expected)))
    assert errors[1] < errors[0] / 3  # converges to BTK as delta/mu -> 0


def test_tunnelling_limit_maps_the_bcs_density_of_states():
    """High barrier: G_NS(E)/G_N -> |E|/sqrt(E^2 - delta^2) above the gap, ~0 below it.
    G_N is the normal-state conductance of the same barrier (helpers.transmission at mu + E).
    Tolerance: BTK's own distance to the BCS DOS at this Z (1/Z^2 corrections near the edge)
    plus 2(|E| + delta)/mu as above."""
    mu, delta, V0 = 0.5, 0.002, 20.0
    Z = chain_Z(V0, mu)
    E = np.array([0.3, 0.8, 1.2, 1.5, 2.0, 4.0]) * delta
    V = barrier_chain(V0)
    ratio = ns_conductance(V, E, mu=mu, delta=delta) / helpers.transmission(V, mu + E)
    dos = bcs_density_of_states(E, delta=delta)
    btk_gap = np.abs(btk_conductance(E, delta=delta, Z=Z, normalized=True) - dos)
    above = E > delta
    assert np.all(np.abs(ratio - dos)[above] <= btk_gap[above] + 2 * (E + delta)[above] / mu * dos[above])
    assert np.all(ratio[~above] < 1 / (Z**2 * (1 - (E[~above] / delta) ** 2)))


# ---- independent dense BdG NEGF -------------------------------------------------------------------
TZ, TX = np.diag([1.0, -1.0]), np.array([[0.0, 1.0], [1.0, 0.0]])


def dense_bdg(V, E, mu, delta):
    """R_ee, R_he, T_qp from G = [E - H - Sigma_L - Sigma_R]^-1 built here from scratch."""
    V = np.atleast_2d(np.asarray(V, float).T).T
    L, W = V.shape
    eps0 = 2.0 if W == 1 else 4.0
    across = np.diag(np.ones(W - 1), 1) + np.diag(np.ones(W - 1), -1)
    def slice_h(onsite_y, pairing):
        return np.kron(np.diag(onsite_y), TZ) + np.kron(-across, TZ) + pairing * np.kron(np.eye(W), TX)
    M = 2 * W
    T = np.kron(np.eye(W), -TZ)
    H = np.zeros((L * M, L * M))
    for x in range(L):
        H[x * M:(x + 1) * M, x * M:(x + 1) * M] = slice_h(eps0 - mu + V[x], 0.0)
        if x + 1 < L:
            H[(x + 1) * M:(x + 2) * M, x * M:(x + 1) * M] = T
            H[x * M:(x + 1) * M, (x + 1) * M:(x + 2) * M] = T.T
    normal = slice_h(np.full(W, eps0 - mu), 0.0)
    sc = slice_h(np.full(W, eps0 - mu), delta)
    sl, sr = lead_self_energies(E, normal, sc, T)
    G = dense_green(E, H, M, sl, sr)
    n = H.shape[0]
    P_e = np.kron(np.eye(W), np.diag([1.0, 0.0]))
    P_h = np.kron(np.eye(W), np.diag([0.0, 1.0]))
    gl = gamma(sl)
    g_e, g_h = embed(P_e @ gl @ P_e, 0, n), embed(P_h @ gl @ P_h, 0, n)
    g_r = embed(gamma(sr), n - M, n)
    Gd = G.conj().T
    N = helpers.open_modes(mu + E, W) if W > 1 else int(0 < mu + E < 4)
    R_he = np.trace(g_h @ G @ g_e @ Gd).real
    T_qp = np.trace(g_r @ G @ g_e @ Gd).real
    R_ee = (N + 1j * np.trace(g_e @ (Gd - G)) + np.trace(g_e @ G @ g_e @ Gd)).real
    return N, R_ee, R_he, T_qp


@pytest.mark.parametrize("V", [barrier_chain(1.2, L=4), V_DIS], ids=["barrier chain", "disordered strip"])
@pytest.mark.parametrize("E", [0.0, 0.006, 0.017])
def test_against_dense_bdg_negf(V, E):
    mu, delta = 1.1, 0.01
    r = andreev_reflection(V, E, mu=mu, delta=delta)
    N, R_ee, R_he, T_qp = dense_bdg(V, E, mu, delta)
    assert r.N == N
    assert r.R_he == pytest.approx(R_he, abs=1e-6)
    assert r.T_qp == pytest.approx(T_qp, abs=1e-6)
    assert r.R_ee == pytest.approx(R_ee, abs=1e-6)


# ---- inputs -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(mu=np.nan, delta=0.01), ValueError, "mu"),
        (dict(mu=1.0, delta=-0.01), ValueError, "delta must be >= 0"),
        (dict(mu=1.0, delta=0.01, t=0.0), ValueError, "t must be > 0"),
        (dict(mu="1", delta=0.01), TypeError, "mu"),
    ],
)
def test_parameters_are_checked(kwargs, error, match):
    with pytest.raises(error, match=match):
        andreev_reflection(np.zeros(3), 0.0, **kwargs)


def test_potential_and_energy_are_checked():
    with pytest.raises(ValueError, match="V must have 1 or 2 dimension"):
        ns_conductance(np.zeros((2, 2, 2)), 0.0, mu=1.0, delta=0.01)
    with pytest.raises(ValueError, match="energy must be finite"):
        ns_conductance(np.zeros(3), np.nan, mu=1.0, delta=0.01)


def test_gap_edge_and_band_edge_count_the_zero_velocity_channel_as_closed():
    mu, delta = 0.5, 0.01
    at_gap = andreev_reflection(barrier_chain(1.0), delta, mu=mu, delta=delta)
    assert at_gap.T_qp == 0.0 and at_gap.R_he + at_gap.R_ee == pytest.approx(1, abs=1e-8)
    assert at_gap.R_he == pytest.approx(1.0, abs=1e-3)  # BTK: A(delta) = 1 for every Z
    at_band_bottom = andreev_reflection(barrier_chain(1.0), -mu, mu=mu, delta=delta)
    assert at_band_bottom.N == 0 and at_band_bottom.R_ee == 0.0
