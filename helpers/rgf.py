"""Transmission of chains and strips with the recursive Green's function (RGF).

The scattering region is swept slice by slice from left to right. With the left lead's
self-energy Sigma_L on slice 0,

    g_0 = (E - H_0 - Sigma_L)^-1,   g_x = (E - H_x - hop g_{x-1} hop^dagger)^-1,

(the last slice also carries Sigma_R), and the propagator across the wire
G_{L-1,0} = g_{L-1} hop g_{L-2} hop ... g_0 is accumulated on the way. The Caroli formula
(lesson 6) then gives T = Tr[Gamma_R G_{L-1,0} Gamma_L G_{L-1,0}^dagger].

Cost: L inversions of W x W matrices, i.e. linear in L and cubic in W, done for all energies
(or disorder realizations) at once with batched numpy linear algebra. The propagator is
rescaled at every slice and its logarithmic size kept apart, so a long localized wire gives
an exact ln T far below the smallest float (no overflow, no NaN).
"""

import numpy as np

from ._validation import as_real_array
from .lattice import lattice_from_potential
from .leads import at_threshold, broadening, open_channels, self_energies

__all__ = ["transmission", "log_transmission", "sweep"]


def sweep(energies, V, lat, sigma_first, sigma_last, hop_diag, transverse_basis=False):
    """Left-to-right RGF sweep over the slices of V.

    Parameters
    ----------
    energies : (B,) float
    V : (B or 1, L, W) float
        Potential of every slice (added to the clean on-site block of `lat`).
    lat : helpers.lattice.Lattice
    sigma_first, sigma_last : (B, W, W) complex
        Self-energies on the first and on the last slice.
    hop_diag : (W,) complex
        Diagonal of H[x+1, x].
    transverse_basis : bool
        Work in the basis of the clean transverse modes phi_n (no flux only): H_perp is
        then exactly diagonal and a clean slice stays exactly diagonal. The self-energies
        must be given in the same basis.

    Returns
    -------
    P : (B, W, W) complex
        G_{last, first} divided by exp(log_scale).
    log_scale : (B,) float
    G_last : (B, W, W) complex
        G_{last, last}.
    """
    B = len(energies)
    L, W = V.shape[1], V.shape[2]
    t2 = np.abs(hop_diag)[:, None] * np.abs(hop_diag)[None, :]
    mix = hop_diag[:, None] * hop_diag.conj()[None, :]  # hop g hop^dagger = mix * g
    log_scale = np.zeros(B)
    if W == 1:
        h = hop_diag[0]
        base = energies - lat.offset
        A = base - V[:, 0, 0] - sigma_first[:, 0, 0]
        if L == 1:
            A = A - sigma_last[:, 0, 0]
        g = 1.0 / A
        P = g
        for x in range(1, L):
            A = base - V[:, x, 0] - t2[0, 0] * g
            if x == L - 1:
                A = A - sigma_last[:, 0, 0]
            g = 1.0 / A
            P = g * h * P
            scale = np.abs(P)
            scale = np.where(scale > 0, scale, 1.0)
            P = P / scale
            log_scale += np.log(scale)
        return P[:, None, None], log_scale, g[:, None, None]
    idx = np.arange(W)
    if transverse_basis:
        phi = lat.transverse_wavefunctions()
        perp = np.diag(lat.offset - 2 * lat.t + lat.transverse_energies())
    else:
        perp = lat.perp()
    base = energies[:, None, None] * np.eye(W) - perp

    def block(x):
        A = base.copy() if V.shape[0] == B else np.broadcast_to(base, (B, W, W)).copy()
        if transverse_basis:
            if np.any(V[:, x, :]):
                A -= np.einsum("yn,by,ym->bnm", phi, V[:, x, :], phi)
        else:
            A[:, idx, idx] -= V[:, x, :]
        return A

    A = block(0) - sigma_first
    if L == 1:
        A = A - sigma_last
    g = np.linalg.inv(A)
    P = g
    for x in range(1, L):
        A = block(x) - mix * g
        if x == L - 1:
            A = A - sigma_last
        g = np.linalg.inv(A)
        P = g @ (hop_diag[:, None] * P)
        scale = np.max(np.abs(P), axis=(1, 2))
        scale = np.where(scale > 0, scale, 1.0)
        P = P / scale[:, None, None]
        log_scale += np.log(scale)
    return P, log_scale, g


def log_transmission_batch(energies, V, lat):
    """ln T for a batch of systems on one lattice, one RGF sweep for all of them.

    Internal (not in `__all__`, no input validation): the batched engine under
    `log_transmission`, also used by `helpers.disorder` (ensembles) and `helpers.models.qpc`
    (gate sweeps).

    Parameters
    ----------
    energies : ndarray, shape (B,)
        Energies in units of t, one per batch member.
    V : ndarray, shape (B, L, W) or (1, L, W)
        On-site potentials in units of t (one shared potential when the first axis is 1).
    lat : lattice description from `helpers.lattice.lattice_from_potential`.

    Returns
    -------
    ndarray, shape (B,)
        ln T per spin, summed over channels; -inf where T = 0 (closed leads).
    """
    result = np.full(len(energies), -np.inf)
    # closed leads give T = 0 directly (their Green's function may be singular); with flux the
    # count would cost a second mode computation and a closed lead just yields Gamma = 0
    is_open = np.ones(len(energies), bool) if lat.has_flux else open_channels(energies, lat) > 0
    edge = at_threshold(energies, lat)
    for subset, transverse in ((is_open & ~edge, False), (is_open & edge, True)):
        if not np.any(subset):
            continue
        E = energies[subset]
        Vs = V if V.shape[0] == 1 else V[subset]
        sigma_left, sigma_right = self_energies(E, lat, transverse_basis=transverse)
        P, log_scale, _ = sweep(E, Vs, lat, sigma_left, sigma_right, np.diag(lat.hop()), transverse)
        gamma_left, gamma_right = broadening(sigma_left), broadening(sigma_right)
        trace = np.sum((gamma_right @ P @ gamma_left) * P.conj(), axis=(1, 2)).real  # Tr[G_R P G_L P^dag]
        with np.errstate(divide="ignore"):
            result[subset] = np.where(trace > 0, np.log(np.where(trace > 0, trace, 1.0)) + 2 * log_scale, -np.inf)
    return result


def _energies(energy):
    E = as_real_array(energy, "energy", ndim=(0, 1))
    return E, np.atleast_1d(E)


def log_transmission(V, energy, *, t=1.0, flux=0.0):
    """Natural logarithm of the transmission, exact even where T underflows to 0.

    Parameters and conventions as `transmission`. Returns ln T with the shape of `energy`;
    -inf where no channel is open (outside the band). Use it for localized wires, where
    <ln T> = -2L/xi is the self-averaging quantity (lesson 7).
    """
    V2, lat = lattice_from_potential(V, t=t, flux=flux)
    E, E1 = _energies(energy)
    result = log_transmission_batch(E1, V2[None], lat)
    return float(result[0]) if E.ndim == 0 else result


def transmission(V, energy, *, t=1.0, flux=0.0):
    """Total transmission T(E) from the left to the right lead, summed over channels.

    Parameters
    ----------
    V : array_like, shape (L,) or (L, W)
        Potential in units of t. Shape (L,) is a chain (on-site 2t + V(x), band 0..4t),
        (L, W) a square-lattice strip (on-site 4t + V(x, y), hard walls at y = -1 and W).
        The leads are the clean (V = 0) continuation of the same lattice on both sides.
    energy : float or array_like, shape (n,)
        Energy in units of t.
    t : float, optional
        Hopping (> 0); energies and V are in its units.
    flux : float, optional
        Magnetic flux per plaquette in units of h/e (Landau gauge A = (-B y, 0), Peierls
        phase exp(2 pi i flux y) on the hoppings along x, leads included).

    Returns
    -------
    float or ndarray, shape of `energy`
        T = Tr[Gamma_R G Gamma_L G^dagger] (Caroli; Fisher-Lee: = Tr t^dagger t), per spin,
        0 <= T <= number of open channels. 0 outside the band. Values far below 1e-300
        underflow to 0; use `log_transmission` for those.

    Notes
    -----
    Recursive Green's function: cost ~ L W^3 per energy, all energies batched.
    """
    lnT = log_transmission(V, energy, t=t, flux=flux)
    return np.exp(lnT)
