"""Clean semi-infinite leads: bands, channels, propagating modes and self-energies.

A lead is the clean continuation (V = 0) of the chain or strip (conventions in
`helpers.lattice`). Its slices obey, for every x,

    (E - H_perp) psi_x - hop psi_{x-1} - hop^dagger psi_{x+1} = 0,

whose solutions psi_x = lambda^x u are the lead modes: |lambda| = 1 propagating (velocity
v = -2 Im(lambda u^dagger hop^dagger u) / u^dagger u, units t a / hbar), |lambda| != 1
evanescent. Without flux the modes factorize into transverse standing waves times plane
waves along x (lesson 3, "counting channels"); with flux they are found from the
eigenproblem of the 2W x 2W transfer matrix, which is exact (no convergence parameter).

A channel exactly at a subband threshold has zero velocity and counts as closed.
"""

import numpy as np

from ._validation import as_positive, as_positive_int, as_real_array, as_real_scalar, scalar_or_array
from .lattice import Lattice

__all__ = [
    "THRESHOLD_TOLERANCE",
    "band_structure",
    "subband_thresholds",
    "open_modes",
    "open_channels",
    "at_threshold",
    "LeadModes",
    "lead_modes",
    "self_energies",
    "chain_self_energy",
    "broadening",
]

#: Distance (in units of t) from a subband edge below which a channel counts as closed: the
#: zero-velocity channel at a threshold carries no current. A few hundred rounding errors.
THRESHOLD_TOLERANCE = 512 * np.finfo(float).eps

#: 1 - |lambda| of a closed channel sitting exactly on its threshold (see `_longitudinal`).
_EDGE_DECAY = 1e-7


def band_structure(k, W=None, *, t=1.0):
    """Lead bands E_n(k) of the chain (W=None) or of a strip of width W (no flux).

    Parameters
    ----------
    k : float or array_like
        Longitudinal wavenumber (units 1/a), any shape.
    W : int or None
        Strip width in sites; None for the chain (on-site 2t).
    t : float
        Hopping.

    Returns
    -------
    ndarray, shape ``k.shape + (W,)`` (W = 1 for the chain)
        E_n(k) = eps_n + 2t (1 - cos k), eps_n = 2t (1 - cos(n pi/(W+1))) (chain: eps = 0).
    """
    k = as_real_array(k, "k")
    lat = Lattice(1, t=t, chain=True) if W is None else Lattice(W, t=t)
    return lat.transverse_energies() + (2 * lat.t * (1 - np.cos(k)))[..., None]


def subband_thresholds(W, *, t=1.0):
    """Energies where subbands of a width-W strip open, eps_n = 2t(1 - cos(n pi/(W+1))).

    Subband n closes again at eps_n + 4t (the top of the lattice band).
    """
    return Lattice(W, t=t).transverse_energies()


def _longitudinal(energy, lat):
    """lambda_n = exp(i k_n) of the right-going solution per subband (no flux), and masks.

    Returns lam (E.shape + (W,)), propagating mask, velocities v_n = 2t sin k_n (0 if closed).
    """
    e = energy[..., None] - lat.transverse_energies()  # longitudinal kinetic energy
    c = 1 - e / (2 * lat.t)                             # cos k
    tol = THRESHOLD_TOLERANCE * lat.t
    open_ = (e > tol) & (e < 4 * lat.t - tol)
    with np.errstate(invalid="ignore"):
        lam_prop = c + 1j * np.sqrt(np.clip(1 - c * c, 0, None))
        root = np.sqrt(np.clip(c * c - 1, 0, None))
    lam_evan = c - np.sign(c) * root + 0j
    # A closed channel within rounding of its threshold has |lambda| = 1 and zero velocity;
    # it is taken as the limit from the closed side, a very slowly decaying evanescent mode,
    # so that the device Green's function stays regular there.
    closest = 1 - _EDGE_DECAY
    lam_evan = np.where(np.abs(lam_evan) > closest, np.sign(c) * closest, lam_evan)
    lam = np.where(open_, lam_prop, lam_evan)
    velocity = np.where(open_, 2 * lat.t * lam.imag, 0.0)
    return lam, open_, velocity


def open_modes(energy, W, *, t=1.0):
    """Number of propagating channels of a clean square-lattice lead of width W.

    Parameters
    ----------
    energy : float or array_like
        Energy in units of t, band bottom at 0 (on-site 4t).
    W : int
        Lead width in sites (hard walls), W >= 1.
    t : float, optional
        Hopping; sets the unit of energy.

    Returns
    -------
    int or ndarray of int, same shape as `energy`.

    Notes
    -----
    Subband n opens at E_n = 2t(1 - cos(n pi / (W + 1))) and closes at E_n + 4t
    (lesson 3). Energies within `THRESHOLD_TOLERANCE` t of an edge count the zero-velocity
    channel as closed. The 1D chain (on-site 2t) has one channel for 0 < E < 4t.
    """
    W = as_positive_int(W, "W")
    t = as_positive(t, "t")
    E = as_real_array(energy, "energy")
    _, open_, _ = _longitudinal(E, Lattice(W, t=t))
    counts = np.sum(open_, axis=-1)
    return scalar_or_array(counts, kind=int)


def open_channels(energies, lat):
    """Number of open channels of the lead `lat` at each energy, flux included.

    Parameters
    ----------
    energies : (n,) float
    lat : helpers.lattice.Lattice

    Returns
    -------
    (n,) int
    """
    energies = np.asarray(energies, float)
    if not lat.has_flux:
        return np.sum(_longitudinal(energies, lat)[1], axis=-1)
    return np.array([modes_general(E, lat).num_open for E in energies], dtype=int)


class LeadModes:
    """All W right-going and W left-going modes of a clean lead at one energy.

    Attributes
    ----------
    lam_right, lam_left : (W,) complex
        lambda = exp(i k) of right-going (|lambda| < 1 or propagating with v > 0) and
        left-going (|lambda| > 1 or propagating with v < 0) modes.
    u_right, u_left : (W, W) complex
        Mode vectors as columns; propagating ones are flux-normalized (unit current).
    open_right, open_left : (W,) bool
        Which modes propagate. The propagating ones come first, in matching order.
    velocity_right, velocity_left : (W,) float
        Group velocities (t a / hbar) of the propagating modes, 0 for evanescent ones.
    """

    def __init__(self, lam_right, u_right, open_right, v_right, lam_left, u_left, open_left, v_left):
        self.lam_right, self.u_right, self.open_right, self.velocity_right = lam_right, u_right, open_right, v_right
        self.lam_left, self.u_left, self.open_left, self.velocity_left = lam_left, u_left, open_left, v_left

    @property
    def num_open(self):
        return int(np.sum(self.open_right))


def at_threshold(energies, lat):
    """True where an energy lies within `THRESHOLD_TOLERANCE` of a subband edge (no flux).

    There the clean lead has a zero-velocity solution and the Green's function of a clean
    strip is singular; the transport code then works in the transverse-mode basis, where
    that channel is exactly decoupled (no rounding error is amplified).
    """
    if lat.has_flux or lat.W == 1:
        return np.zeros(np.shape(energies), bool)
    e = np.asarray(energies, float)[..., None] - lat.transverse_energies()
    tol = THRESHOLD_TOLERANCE * lat.t
    return np.any((np.abs(e) <= tol) | (np.abs(e - 4 * lat.t) <= tol), axis=-1)


def _modes_no_flux(E, lat, transverse_basis=False):
    lam, open_, v = _longitudinal(np.asarray(E, float), lat)
    phi = np.eye(lat.W) if transverse_basis else lat.transverse_wavefunctions()
    order = np.argsort(~open_, kind="stable")  # propagating first
    lam, open_, v = lam[order], open_[order], v[order]
    phi = phi[:, order]
    scale = np.where(open_, 1 / np.sqrt(np.where(open_, np.abs(v), 1.0)), 1.0)
    u = phi * scale
    lam_left = np.where(open_, lam.conj(), 1 / np.where(lam == 0, 1, lam))
    return LeadModes(lam, u, open_, v, lam_left, u.copy(), open_.copy(), -v)


class _BandEdge(Exception):
    """The energy sits (within rounding) on a band extremum: a defective double eigenvalue."""


def modes_general(E, lat):
    """Modes from the transfer-matrix eigenproblem (exact with flux).

    Internal (not in `__all__`): `lead_modes` uses it with flux; tests compare it with the
    transverse-basis modes without flux.

    At an energy within rounding of a band extremum (a zero-velocity channel, where the
    eigenproblem is defective), the modes are taken from the closed side: the one of
    E -+ delta with fewer open channels, for the smallest delta = 1e-9 t, 1e-8 t, ... 1e-6 t
    at which both sides are clear of the extremum (in a field a Landau level can sit closer
    than 1e-9 t to a given energy).
    """
    try:
        return _modes_eig(E, lat)
    except _BandEdge:
        pass
    for step in (1e-9, 1e-8, 1e-7, 1e-6):
        candidates = []
        for shifted in (E - step * lat.t, E + step * lat.t):
            try:
                candidates.append(_modes_eig(shifted, lat))
            except _BandEdge:
                pass
        if len(candidates) == 2:
            return min(candidates, key=lambda modes: modes.num_open)
    raise ValueError(f"energy {E} lies within 1e-6 t of a band extremum of the lead (a channel "
                     "with zero velocity) and its modes cannot be classified there: shift the "
                     "energy (or the flux) by more than 1e-6 t")


def _modes_eig(E, lat):
    W = lat.W
    hop = lat.hop()
    hop_dag_inv = np.linalg.inv(hop.conj().T)
    A = hop_dag_inv @ (E * np.eye(W) - lat.perp())
    B = -hop_dag_inv @ hop
    M = np.block([[A, B], [np.eye(W), np.zeros((W, W))]])
    lam, vecs = np.linalg.eig(M)
    u = vecs[W:, :]  # psi_x part; the upper half is lambda * u
    u = u / np.linalg.norm(u, axis=0)
    prop = np.abs(np.abs(lam) - 1) < 1e-8
    # velocities of propagating modes; degenerate lambdas are rotated to diagonalize the current
    velocity = np.zeros(2 * W)
    idx_prop = np.flatnonzero(prop)
    done = np.zeros(2 * W, bool)
    for i in idx_prop:
        if done[i]:
            continue
        group = idx_prop[np.abs(lam[idx_prop] - lam[i]) < 1e-7]
        done[group] = True
        if len(group) > 1 and np.linalg.cond(u[:, group]) > 1e6:
            raise _BandEdge(E)
        q, _ = np.linalg.qr(u[:, group])
        lam_g = lam[i] / abs(lam[i])
        z = lam_g * (q.conj().T @ hop.conj().T @ q)
        current = 1j * (z - z.conj().T)  # hermitian velocity matrix in the degenerate subspace
        vals, rot = np.linalg.eigh(current)
        u[:, group] = q @ rot
        velocity[group] = vals
        lam[group] = lam_g
    tol = 1e-9 * lat.t
    prop = prop & (np.abs(velocity) > tol)
    right = (prop & (velocity > 0)) | (~prop & (np.abs(lam) < 1))
    left = ~right
    if right.sum() != W:
        raise _BandEdge(E) if np.any(np.abs(np.abs(lam) - 1) < 1e-5) else RuntimeError(
            f"lead mode classification failed at energy {E} (found {right.sum()} right-going modes of {W}); "
            "the energy is probably within rounding of a subband threshold: shift it slightly"
        )

    def pack(mask):
        idx = np.flatnonzero(mask)
        idx = idx[np.argsort(~prop[idx], kind="stable")]
        lam_s, u_s, open_s, v_s = lam[idx], u[:, idx].copy(), prop[idx], velocity[idx]
        u_s[:, open_s] /= np.sqrt(np.abs(v_s[open_s]))
        return lam_s, u_s, open_s, np.where(open_s, v_s, 0.0)

    return LeadModes(*pack(right), *pack(left))


def lead_modes(energy, lat, transverse_basis=False):
    """Right- and left-going modes of the clean lead `lat` (a `Lattice`) at one energy.

    Parameters
    ----------
    energy : float
        Energy in units of t.
    lat : helpers.lattice.Lattice

    Returns
    -------
    LeadModes
    """
    E = as_real_scalar(energy, "energy")
    return modes_general(E, lat) if lat.has_flux else _modes_no_flux(E, lat, transverse_basis)


def self_energies(energies, lat, transverse_basis=False):
    """Retarded self-energies of the left and right leads on their neighbouring slice.

    Sigma_R = hop^dagger U_+ Lambda_+ U_+^-1 (right lead, acting on the last slice) and
    Sigma_L = hop U_- Lambda_-^-1 U_-^-1 (left lead, acting on the first slice), with U_+-
    the right/left-going modes. Without flux both equal Phi diag(-t lambda_n) Phi^T in the
    transverse basis; for the chain Sigma = -t exp(ik).

    Parameters
    ----------
    energies : (n,) ndarray
        Energies in units of t.
    lat : helpers.lattice.Lattice
    transverse_basis : bool
        Without flux, return the (diagonal) matrices in the basis of transverse modes
        phi_n instead of sites.

    Returns
    -------
    sigma_left, sigma_right : (n, W, W) complex
    """
    energies = np.asarray(energies, float)
    if not lat.has_flux:
        lam, _, _ = _longitudinal(energies, lat)
        phi = np.eye(lat.W) if transverse_basis else lat.transverse_wavefunctions()
        sigma = (phi * (-lat.t * lam)[:, None, :]) @ phi.T  # Phi diag(-t lambda_n) Phi^T
        return sigma, sigma.copy()
    hop = lat.hop()
    n, W = len(energies), lat.W
    sigma_left = np.empty((n, W, W), complex)
    sigma_right = np.empty((n, W, W), complex)
    for i, E in enumerate(energies):
        modes = modes_general(E, lat)
        u_r = modes.u_right
        sigma_right[i] = hop.conj().T @ (u_r * modes.lam_right) @ np.linalg.inv(u_r)
        u_l = modes.u_left
        sigma_left[i] = hop @ (u_l / modes.lam_left) @ np.linalg.inv(u_l)
    return sigma_left, sigma_right


def chain_self_energy(energy, *, t=1.0, onsite=0.0, coupling=None):
    """Self-energy of a semi-infinite chain (closed form), seen by a site coupled to its end.

    Parameters
    ----------
    energy : float or array_like
        Energy (same unit as t).
    t : float
        Hopping -t inside the chain; its band is onsite - 2t .. onsite + 2t.
    onsite : float
        On-site energy of the chain sites (2t in the course's chain convention).
    coupling : float, optional
        Hopping -gamma between the chain's end and the site it is attached to (default t).

    Returns
    -------
    complex ndarray, shape of `energy`
        Sigma(E) = gamma^2 g(E) with the surface Green's function
        g = (z - i sqrt(4t^2 - z^2)) / (2t^2), z = E - onsite, in the band (Im Sigma < 0),
        and the decaying branch g = (z - sign(z) sqrt(z^2 - 4t^2)) / (2t^2) outside it.
    """
    t = as_positive(t, "t")
    onsite = as_real_scalar(onsite, "onsite")
    gamma = t if coupling is None else as_real_scalar(coupling, "coupling")
    z = as_real_array(energy, "energy") - onsite
    inside = np.abs(z) < 2 * t
    root_in = np.sqrt(np.clip(4 * t * t - z * z, 0, None))
    root_out = np.sqrt(np.clip(z * z - 4 * t * t, 0, None))
    g = np.where(inside, (z - 1j * root_in), (z - np.sign(z) * root_out) + 0j) / (2 * t * t)
    return gamma**2 * g


def broadening(sigma):
    """Gamma = i (Sigma - Sigma^dagger): the escape-rate (broadening) matrix of a lead.

    Parameters
    ----------
    sigma : (..., n, n) or (...) complex array
        Self-energy matrices (or scalars).
    """
    sigma = np.asarray(sigma)
    if sigma.ndim < 2:
        return -2 * sigma.imag
    return 1j * (sigma - np.swapaxes(sigma.conj(), -1, -2))
