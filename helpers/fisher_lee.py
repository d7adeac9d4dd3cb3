"""Scattering matrix of a chain or strip from its Green's function (Fisher-Lee relation).

An incoming mode u_n (flux-normalized, lambda_n = exp(i k_n)) from the left lead acts on the
scattering region as a source on its first slice, s_0 = (hop lambda_n^-1 - Sigma_L) u_n.
The scattering state inside is psi = G s; expanding the last slice in the right lead's
outgoing modes gives the column n of t, and the first slice minus the incoming wave,
expanded in the left lead's outgoing modes, gives r (lesson 6: S from G). The same from
the right gives r' and t'. Evanescent modes are part of the expansion but not of S.

Phase convention: incoming and outgoing modes are referred to the slice where they enter
or leave the scattering region (x = 0 on the left, x = L - 1 on the right). Transmissions,
reflections and transmission eigenvalues do not depend on this choice.
"""

import numpy as np

from ._validation import as_real_scalar
from .lattice import lattice_from_potential
from .leads import lead_modes
from .rgf import sweep
from .scattering import SMatrix

__all__ = ["smatrix"]


def smatrix(V, energy, *, t=1.0, flux=0.0):
    """Scattering matrix at one energy, in the basis of open, flux-normalized lead modes.

    Parameters
    ----------
    V : array_like, shape (L,) or (L, W)
        Potential in units of t; (L,) a chain (on-site 2t), (L, W) a strip (on-site 4t).
    energy : float
        Energy in units of t.
    t : float, optional
        Hopping.
    flux : float, optional
        Flux per plaquette in units of h/e (Landau gauge of the README, "Units and conventions").

    Returns
    -------
    helpers.scattering.SMatrix
        Blocks r (N x N), t (N x N), rp, tp with N = open channels of the (identical) leads;
        empty blocks outside the band. Unitary to ~1e-12. ``.transmission()`` equals
        `helpers.transmission` (Caroli = Tr t^dagger t).
    """
    V2, lat = lattice_from_potential(V, t=t, flux=flux)
    E = as_real_scalar(energy, "energy")
    modes = lead_modes(E, lat)
    N = modes.num_open
    if N == 0:
        empty = np.zeros((0, 0))
        return SMatrix(empty, empty, empty, empty, energy=E)
    hop = lat.hop()
    hop_diag = np.diag(hop)
    u_r, lam_r = modes.u_right, modes.lam_right
    u_l, lam_l = modes.u_left, modes.lam_left
    sigma_right = (hop.conj().T @ (u_r * lam_r) @ np.linalg.inv(u_r))[None]
    sigma_left = (hop @ (u_l / lam_l) @ np.linalg.inv(u_l))[None]
    energies = np.array([E])
    # forward sweep: G_{L-1,0} (scaled) and G_{L-1,L-1}; mirrored sweep: G_{0,L-1}, G_{0,0}
    P_f, log_f, G_last = sweep(energies, V2[None], lat, sigma_left, sigma_right, hop_diag)
    P_b, log_b, G_first = sweep(energies, V2[None, ::-1], lat, sigma_right, sigma_left, hop_diag.conj())
    G_L0 = P_f[0] * np.exp(log_f[0])
    G_0L = P_b[0] * np.exp(log_b[0])
    G_00, G_LL = G_first[0], G_last[0]
    inv_r, inv_l = np.linalg.inv(u_r), np.linalg.inv(u_l)
    # from the left: incoming right-going open modes
    u_in, lam_in = u_r[:, :N], lam_r[:N]
    source = (hop * 1.0) @ (u_in / lam_in) - sigma_left[0] @ u_in
    t_block = (inv_r @ (G_L0 @ source))[:N]
    r_block = (inv_l @ (G_00 @ source - u_in))[:N]
    # from the right: incoming left-going open modes
    u_in, lam_in = u_l[:, :N], lam_l[:N]
    source = hop.conj().T @ (u_in * lam_in) - sigma_right[0] @ u_in
    tp_block = (inv_l @ (G_0L @ source))[:N]
    rp_block = (inv_r @ (G_LL @ source - u_in))[:N]
    return SMatrix(r_block, t_block, rp_block, tp_block, energy=E)
