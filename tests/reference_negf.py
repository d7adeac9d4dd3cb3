"""Independent dense NEGF for tests of the matrix-valued engine (no lead modes used).

Lead self-energies come from the Lopez Sancho-Rubio decimation of the semi-infinite lead
(surface Green's function at E + i eta, eta = 1e-10 x the hopping scale), the device Green's
function from one dense inversion, and probabilities from the Caroli-type traces
(Datta, "Electronic transport in mesoscopic systems", ch. 3).
"""

import numpy as np


def surface_green(E, H0, toward, away, *, eta=1e-10, max_iter=200):
    """Surface Green's function of a semi-infinite lead by decimation.

    H0 is the slice Hamiltonian; `toward` = H[surface, next] and `away` = H[next, surface]
    are the hoppings from the next slice (further into the lead) to the surface and back.
    """
    z = (E + 1j * eta) * np.eye(H0.shape[0])
    eps_s, eps = H0.astype(complex), H0.astype(complex)
    alpha, beta = toward.astype(complex), away.astype(complex)
    for _ in range(max_iter):
        g = np.linalg.inv(z - eps)
        agb, bga = alpha @ g @ beta, beta @ g @ alpha
        eps_s = eps_s + agb
        eps = eps + agb + bga
        alpha, beta = alpha @ g @ alpha, beta @ g @ beta
        if max(np.abs(alpha).max(), np.abs(beta).max()) < 1e-15:
            break
    else:
        raise RuntimeError("decimation did not converge")
    return np.linalg.inv(z - eps_s)


def lead_self_energies(E, H0_left, H0_right, T, **kw):
    """(Sigma_L on the first slice, Sigma_R on the last slice), T = H[x+1, x]."""
    Td = T.conj().T
    g_left = surface_green(E, H0_left, T, Td, **kw)    # next slice is x - 1: H[x, x-1] = T
    g_right = surface_green(E, H0_right, Td, T, **kw)  # next slice is x + 1: H[x, x+1] = T^dag
    return T @ g_left @ Td, Td @ g_right @ T


def dense_green(E, H, M, sigma_left, sigma_right):
    """Retarded G of the device (H, slices of size M) with both self-energies embedded."""
    n = H.shape[0]
    A = E * np.eye(n) - H.astype(complex)
    A[:M, :M] -= sigma_left
    A[n - M:, n - M:] -= sigma_right
    return np.linalg.inv(A)


def embed(block, start, n):
    full = np.zeros((n, n), complex)
    full[start:start + block.shape[0], start:start + block.shape[0]] = block
    return full


def gamma(sigma):
    return 1j * (sigma - sigma.conj().T)
