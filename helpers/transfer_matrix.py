"""Transmission of a 1D chain by the transfer matrix: an independent third method.

The Schroedinger equation of the chain (on-site 2t + V(x), hopping -t),
-t psi_{x-1} + (2t + V_x) psi_x - t psi_{x+1} = E psi_x, is a two-term recursion:

    (psi_{x+1}, psi_x) = M_x (psi_x, psi_{x-1}),   M_x = [[(2t + V_x - E)/t, -1], [1, 0]].

Matching plane waves e^{ikx} + r e^{-ikx} on the left and tau e^{ikx} on the right
(E = 2t(1 - cos k)) gives T = |tau|^2 (lesson 6: three methods, one answer).

The product of M_x grows exponentially in a localized wire; this method is for short chains
(tests and lessons). Use `helpers.transmission` for long ones.
"""

import numpy as np

from ._validation import as_positive, as_real_array

__all__ = ["chain_transfer_transmission"]


def chain_transfer_transmission(V, energy, *, t=1.0):
    """Transmission of a chain with potential V(x) by multiplying 2 x 2 transfer matrices.

    Parameters
    ----------
    V : array_like, shape (L,)
        On-site potential in units of t (chain on-site 2t + V).
    energy : float or array_like, shape (n,)
        Energy in units of t; T = 0 outside 0 < E < 4t.
    t : float

    Returns
    -------
    float or ndarray, shape of `energy`
    """
    V = as_real_array(V, "V", ndim=1)
    t = as_positive(t, "t")
    E = as_real_array(energy, "energy", ndim=(0, 1))
    E1 = np.atleast_1d(E)
    inside = (E1 > 0) & (E1 < 4 * t)
    k = np.arccos(np.clip(1 - E1 / (2 * t), -1, 1))
    L = len(V)
    # M = prod M_x, batched over energies: M[e] is 2 x 2
    M = np.broadcast_to(np.eye(2), (len(E1), 2, 2)).astype(complex)
    for x in range(L):
        Mx = np.zeros((len(E1), 2, 2), complex)
        Mx[:, 0, 0] = (2 * t + V[x] - E1) / t
        Mx[:, 0, 1] = -1
        Mx[:, 1, 0] = 1
        M = Mx @ M
    # M (1 + r, e^{-ik} + r e^{ik}) = tau (e^{ikL}, e^{ik(L-1)})
    ep, em = np.exp(1j * k), np.exp(-1j * k)
    a0 = M[:, 0, 0] + M[:, 0, 1] * em
    a1 = M[:, 0, 0] + M[:, 0, 1] * ep
    b0 = M[:, 1, 0] + M[:, 1, 1] * em
    b1 = M[:, 1, 0] + M[:, 1, 1] * ep
    # a0 + r a1 = tau e^{ikL};  b0 + r b1 = tau e^{ik(L-1)}. Every M_x has det 1, so
    # a0 b1 - b0 a1 = det(M) (e^{ik} - e^{-ik}) exactly: no cancellation of large numbers.
    c0, c1 = np.exp(1j * k * L), np.exp(1j * k * (L - 1))
    with np.errstate(all="ignore"):
        tau = (ep - em) / (c0 * b1 - c1 * a1)
    T = np.where(inside, np.abs(tau) ** 2, 0.0)
    return float(T[0]) if E.ndim == 0 else T
