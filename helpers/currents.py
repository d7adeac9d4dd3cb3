"""Local (bond) currents of a multi-terminal device at one energy (lessons 10, 11).

Conventions of `helpers.multiterminal` (README, "Units and conventions"): square lattice, hopping
-t, on-site 4t + V, Landau gauge A = (-B y, 0) in the scattering region, sites (x, y) with
x = 0..L-1, y = 0..W-1.

Electrons injected from lead q at energy E (lead q's reservoir filled, all others empty) fill
the scattering states of lead q; their (energy-resolved) electron correlation function is

    G^n = G Gamma_q G^dagger = Psi_q Psi_q^dagger,    Psi_q = G Gamma_q^1/2

(= 2 pi times the density of injected states, lesson 6; Psi_q holds the N_q scattering
states of lead q, `helpers.multiterminal.DeviceSolution.injected`). The particle current on the bond from
site i to its neighbour j follows from the continuity equation, dn_i/dt = -sum_j J_{i->j}:

    J_{i->j} = (1/h) 2 Im[H_ji G^n_ij]        per unit energy, per spin.

The functions here return j_{i->j} = 2 Im[H_ji G^n_ij], the current in units of e/h per unit
energy (per spin), so that the net current through any cross-section that separates lead q
from a set of leads S is sum_{p in S} T_pq, and the total leaving lead q is N_q - R_qq.
(Multiply by e/h x dE, or by 2e/h x dE with spin, for an electric current; the electron charge
-e makes the electric current flow opposite to the particle current.)
"""

import numpy as np

from ._validation import as_real_array
from .multiterminal import solve

__all__ = ["bond_currents", "solution_bond_currents", "divergence"]


def solution_bond_currents(solution, lead):
    """Bond currents for particles injected from `lead`, from a `helpers.multiterminal.solve`.

    Parameters
    ----------
    solution : helpers.multiterminal.DeviceSolution
        The device factorized at one energy (and flux).
    lead : int
        Index q of the injecting lead.

    Returns
    -------
    jx, jy : ndarrays, shapes (L-1, W) and (L, W-1)
        See `bond_currents`.
    """
    device = solution.device
    P = device.num_leads
    if isinstance(lead, bool) or not isinstance(lead, (int, np.integer)) or not 0 <= lead < P:
        raise ValueError(f"lead must be a lead index 0..{P - 1}, got {lead!r}")
    L, W = device.L, device.W
    psi = solution.injected(lead).reshape(L, W, -1)      # G^n_ij = sum_b psi_ib conj(psi_jb)
    H = solution.H
    index = np.arange(L * W).reshape(L, W)
    # x-bonds (x, y) -> (x+1, y): H_ji = H[(x+1, y), (x, y)]
    H_ji = np.asarray(H[index[1:].ravel(), index[:-1].ravel()]).reshape(L - 1, W)
    Gn_ij = np.sum(psi[:-1] * psi[1:].conj(), axis=-1)
    jx = 2 * np.imag(H_ji * Gn_ij)
    # y-bonds (x, y) -> (x, y+1)
    H_ji = np.asarray(H[index[:, 1:].ravel(), index[:, :-1].ravel()]).reshape(L, W - 1)
    Gn_ij = np.sum(psi[:, :-1] * psi[:, 1:].conj(), axis=-1)
    jy = 2 * np.imag(H_ji * Gn_ij)
    return jx, jy


def bond_currents(device, energy, lead, *, flux=0.0, gauge_reference=None):
    """Current on every nearest-neighbour bond for particles injected from one lead.

    Parameters
    ----------
    device : helpers.multiterminal.Device
        Strip and leads (`Device`, `hall_bar`, `cross`, `two_terminal`).
    energy : float
        Energy in units of t.
    lead : int
        Index q of the injecting lead (its reservoir filled, all others empty).
    flux : float
        Flux per plaquette in units of h/e (gauges of `helpers.multiterminal`).
    gauge_reference : int, optional
        x_ref of the side leads' gauge (the currents do not depend on it).

    Returns
    -------
    jx : ndarray, shape (L-1, W)
        jx[x, y]: current from (x, y) to (x+1, y).
    jy : ndarray, shape (L, W-1)
        jy[x, y]: current from (x, y) to (x, y+1).
        Both in units of e/h per unit energy, per spin (module docstring): summed over a
        cross-section they give the transmissions T_pq of `transmission_matrix`; they are
        gauge invariant and conserved at every site not coupled to a lead.

    Notes
    -----
    One sparse LU factorization of the device (as `transmission_matrix`); bonds to the leads
    are not included: `divergence` gives what each interface site exchanges with its lead.
    """
    solution = solve(device, energy, flux=flux, gauge_reference=gauge_reference)
    return solution_bond_currents(solution, lead)


def divergence(jx, jy):
    """Net current leaving each site through its bonds inside the scattering region.

    Parameters
    ----------
    jx, jy : array_like, shapes (L-1, W) and (L, W-1)
        Bond currents as returned by `bond_currents`.

    Returns
    -------
    ndarray, shape (L, W)
        sum_j J_{i->j} over the bonds of the scattering region. Zero (current conservation)
        at every site not coupled to a lead; at an interface site it is the current that site
        receives from its lead(s) (negative where current leaves into a lead).
    """
    jx = as_real_array(jx, "jx", ndim=2, allow_empty=True)
    jy = as_real_array(jy, "jy", ndim=2, allow_empty=True)
    L, W = jy.shape[0], jx.shape[1]
    if jx.shape != (L - 1, W) or jy.shape != (L, W - 1):
        raise ValueError(f"jx must have shape (L-1, W) and jy (L, W-1); got {jx.shape} and {jy.shape}")
    out = np.zeros((L, W))
    out[:-1] += jx
    out[1:] -= jx
    out[:, :-1] += jy
    out[:, 1:] -= jy
    return out
