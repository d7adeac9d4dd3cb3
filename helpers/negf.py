"""Non-equilibrium Green's functions of a small device: G, Caroli transmission, LDOS.

Lesson 6. The device (Hamiltonian H, n x n) is coupled to leads, each replaced exactly by
its self-energy Sigma_i(E) (lead's surface Green's function dressed by the coupling). Then

    G(E) = [E - H - sum_i Sigma_i(E)]^-1            (retarded Green's function)
    Gamma_i = i (Sigma_i - Sigma_i^dagger)           (broadening: escape rate into lead i)
    T(E) = Tr[Gamma_L G Gamma_R G^dagger]            (Caroli formula)
    rho(r, E) = -Im G_rr(E) / pi                     (local density of states)

These dense formulas are meant for small systems and for teaching; `helpers.transmission`
evaluates the same Caroli formula for long wires with the recursive Green's function.
"""

import numpy as np

from ._validation import as_real_array, as_real_scalar
from .lattice import device_hamiltonian, lattice_from_potential
from .leads import broadening, self_energies

__all__ = [
    "green_function",
    "caroli_transmission",
    "embed",
    "device_self_energies",
    "transmission_direct",
    "ldos",
    "breit_wigner",
]

_MAX_DENSE_SITES = 4000


def _square(H, name="H"):
    H = np.asarray(H)
    if H.ndim == 0:
        H = H.reshape(1, 1)
    if H.ndim != 2 or H.shape[0] != H.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {H.shape}")
    if not np.all(np.isfinite(H)):
        raise ValueError(f"{name} must be finite, got NaN or inf entries")
    return H.astype(complex)


def embed(block, sites, n):
    """Place a self-energy `block` (k x k) on the device sites `sites` of an n-site device.

    Returns an (n, n) complex matrix, zero except on the rows/columns `sites`.
    """
    block = _square(block, "block")
    sites = np.asarray(sites, dtype=int).ravel()
    if block.shape[0] != len(sites):
        raise ValueError(f"block is {block.shape[0]} x {block.shape[0]} but {len(sites)} sites were given")
    if np.any(sites < 0) or np.any(sites >= n):
        raise ValueError(f"sites must lie in 0..{n - 1}, got {sites}")
    full = np.zeros((n, n), complex)
    full[np.ix_(sites, sites)] = block
    return full


def green_function(energy, H, self_energies=()):
    """Retarded Green's function G = [E - H - sum Sigma]^-1 of a device.

    Parameters
    ----------
    energy : float
        Energy (same unit as H).
    H : (n, n) array_like
        Device Hamiltonian (Hermitian).
    self_energies : sequence of (n, n) array_like
        Lead self-energies on the device (use `embed` to place a lead's block).

    Returns
    -------
    (n, n) complex ndarray
    """
    E = as_real_scalar(energy, "energy")
    H = _square(H)
    A = E * np.eye(H.shape[0]) - H
    for i, sigma in enumerate(self_energies):
        sigma = _square(sigma, f"self_energies[{i}]")
        if sigma.shape != H.shape:
            raise ValueError(f"self_energies[{i}] has shape {sigma.shape}, H has {H.shape}")
        A = A - sigma
    return np.linalg.inv(A)


def caroli_transmission(G, gamma_left, gamma_right):
    """T = Tr[Gamma_L G Gamma_R G^dagger] (Caroli formula), summed over channels.

    Parameters
    ----------
    G : (n, n) complex
        Retarded device Green's function.
    gamma_left, gamma_right : (n, n) complex
        Broadening matrices of the two leads on the device, i (Sigma - Sigma^dagger).
    """
    G = _square(G, "G")
    gamma_left = _square(gamma_left, "gamma_left")
    gamma_right = _square(gamma_right, "gamma_right")
    return float(np.real(np.trace(gamma_left @ G @ gamma_right @ G.conj().T)))


def device_self_energies(V, energy, *, t=1.0, flux=0.0):
    """Lead self-energies of a chain or strip embedded in its full device matrix.

    Returns (Sigma_L, Sigma_R), each (L W, L W): the left lead acts on slice 0, the right
    lead on slice L - 1 (sites ordered x W + y, as in `helpers.lattice.device_hamiltonian`).
    """
    V2, lat = lattice_from_potential(V, t=t, flux=flux)
    E = as_real_scalar(energy, "energy")
    L, W = V2.shape
    sigma_left, sigma_right = self_energies(np.array([E]), lat)
    return embed(sigma_left[0], range(W), L * W), embed(sigma_right[0], range((L - 1) * W, L * W), L * W)


def _dense_green(V, E, t, flux):
    V2, _ = lattice_from_potential(V, t=t, flux=flux)
    if V2.size > _MAX_DENSE_SITES:
        raise ValueError(
            f"V has {V2.size} sites; dense NEGF is for small devices (<= {_MAX_DENSE_SITES}). "
            "Use helpers.transmission (recursive Green's function) for large systems."
        )
    H = device_hamiltonian(V, t=t, flux=flux)
    sigma_left, sigma_right = device_self_energies(V, E, t=t, flux=flux)
    return green_function(E, H, [sigma_left, sigma_right]), sigma_left, sigma_right


def transmission_direct(V, energy, *, t=1.0, flux=0.0):
    """Caroli transmission by direct inversion of the whole device (small systems).

    Same conventions and result as `helpers.transmission`, computed independently of the
    recursive algorithm: G = [E - H - Sigma_L - Sigma_R]^-1 over all L W sites at once.
    """
    E = as_real_array(energy, "energy", ndim=(0, 1))
    values = []
    for e in np.atleast_1d(E):
        G, sigma_left, sigma_right = _dense_green(V, e, t, flux)
        values.append(caroli_transmission(G, broadening(sigma_left), broadening(sigma_right)))
    values = np.array(values)
    return float(values[0]) if E.ndim == 0 else values


def ldos(V, energy, *, t=1.0, flux=0.0):
    """Local density of states -Im G_rr(E)/pi of the device, per site (states / (t site)).

    Parameters
    ----------
    V : array_like, shape (L,) or (L, W)
        Potential, conventions of `helpers.transmission`.
    energy : float
        Energy in units of t.

    Returns
    -------
    ndarray, shape of V
        For a clean chain at the band centre (E = 2t) every site has 1/(2 pi t).
    """
    E = as_real_scalar(energy, "energy")
    G, _, _ = _dense_green(V, E, t, flux)
    shape = np.shape(V)
    return (-np.diag(G).imag / np.pi).reshape(shape)


def breit_wigner(energy, level, gamma_left, gamma_right, *, shift=0.0):
    """Transmission through a single resonant level (Breit-Wigner form).

    T(E) = Gamma_L Gamma_R / ((E - level - shift)^2 + ((Gamma_L + Gamma_R)/2)^2)

    Parameters
    ----------
    energy : float or array_like
    level : float
        Bare level energy epsilon_0.
    gamma_left, gamma_right : float or array_like
        Broadenings (escape rates times hbar), same unit as energy; may depend on energy.
    shift : float or array_like
        Real part of the total self-energy (level shift), default 0.

    Notes
    -----
    The peak height is 4 Gamma_L Gamma_R / (Gamma_L + Gamma_R)^2: 1 only for symmetric
    coupling (lesson 6). With the exact self-energies of two chains, this is exact.
    """
    E = as_real_array(energy, "energy")
    gamma_left = as_real_array(gamma_left, "gamma_left")
    gamma_right = as_real_array(gamma_right, "gamma_right")
    if np.any(gamma_left < 0) or np.any(gamma_right < 0):
        raise ValueError("gamma_left and gamma_right must be >= 0")
    width = (gamma_left + gamma_right) / 2
    return gamma_left * gamma_right / ((E - level - shift) ** 2 + width**2)
