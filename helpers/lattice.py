"""Tight-binding lattices of the course: the chain and the square-lattice strip.

Conventions (README, "Units and conventions"; one place in the code)
-------------------------------------------------------------------
Lattice constant a = 1, nearest-neighbour hopping -t, spinless, one orbital per site.
Chain: on-site 2t + V(x), band 0 <= E <= 4t. Square-lattice strip: on-site 4t + V(x, y),
band bottom at E = 0, sites x = 0..L-1 along transport, y = 0..W-1 across with hard walls.
Magnetic field: Peierls phase with flux per plaquette `flux` (units of h/e) in the Landau
gauge A = (-B y, 0): only hoppings along x carry a phase, leads included,
H[(x+1, y), (x, y)] = -t exp(2 pi i flux y).

The system is cut into slices (columns x). Every slice has the on-site block
H_x = (offset + V[x]) + H_perp, and consecutive slices are joined by the same hopping
matrix ``hop = H[x+1, x]`` (diagonal, W x W), in the scattering region and the leads alike.
"""

import numpy as np

from ._validation import as_positive, as_positive_int, as_potential, as_real_scalar

__all__ = ["Lattice", "lattice_from_potential", "device_hamiltonian"]


class Lattice:
    """A clean lead cross-section: the chain (W = 1, on-site 2t) or a strip of width W.

    Parameters
    ----------
    W : int
        Width in sites; ignored for the chain (W = 1).
    t : float
        Hopping (> 0); sets the unit of energy.
    flux : float
        Flux per plaquette in units of h/e (strip only; a chain has no plaquettes).
    chain : bool
        True for the 1D chain convention (on-site 2t), False for the square lattice (4t).
    """

    def __init__(self, W, *, t=1.0, flux=0.0, chain=False):
        self.W = 1 if chain else as_positive_int(W, "W")
        self.t = as_positive(t, "t")
        self.flux = as_real_scalar(flux, "flux")
        self.chain = bool(chain)
        self.offset = 2 * self.t if chain else 4 * self.t
        y = np.arange(self.W)
        self.phases = np.ones(self.W, complex) if chain else np.exp(2j * np.pi * self.flux * y)

    @property
    def has_flux(self):
        return (not self.chain) and self.W > 1 and (self.flux % 1.0) != 0.0

    def perp(self):
        """H_perp: the clean transverse Hamiltonian of one slice, (W, W), on-site included."""
        H = self.offset * np.eye(self.W)
        if self.W > 1:
            idx = np.arange(self.W - 1)
            H[idx, idx + 1] = H[idx + 1, idx] = -self.t
        return H

    def hop(self):
        """H[x+1, x]: hopping from slice x to slice x+1, (W, W) diagonal with Peierls phases."""
        return np.diag(-self.t * self.phases)

    def transverse_energies(self):
        """Subband bottoms eps_n = 2t(1 - cos(n pi/(W+1))), n = 1..W (0 for the chain)."""
        if self.chain:
            return np.zeros(1)
        n = np.arange(1, self.W + 1)
        return 2 * self.t * (1 - np.cos(n * np.pi / (self.W + 1)))

    def transverse_wavefunctions(self):
        """Columns phi_n(y) = sqrt(2/(W+1)) sin(n pi (y+1)/(W+1)), orthonormal, (W, W)."""
        if self.chain:
            return np.ones((1, 1))
        y = np.arange(1, self.W + 1)[:, None]
        n = np.arange(1, self.W + 1)[None, :]
        return np.sqrt(2 / (self.W + 1)) * np.sin(n * y * np.pi / (self.W + 1))

    def key(self):
        return (self.W, self.t, self.flux, self.chain)


def lattice_from_potential(V, *, t=1.0, flux=0.0, name="V"):
    """Check a potential and return (V as (L, W) floats, the matching clean `Lattice`).

    Parameters
    ----------
    V : array_like, shape (L,) or (L, W)
        Potential in units of t: (L,) is a chain, (L, W) a square-lattice strip.
    """
    V2, is_chain = as_potential(V, name)
    return V2, Lattice(V2.shape[1], t=t, flux=flux, chain=is_chain)


def device_hamiltonian(V, *, t=1.0, flux=0.0):
    """Dense Hamiltonian of the scattering region alone, sites ordered (x, y) -> x W + y.

    Parameters
    ----------
    V : array_like, shape (L,) or (L, W)
        Potential in units of t.
    t, flux : float
        Hopping and flux per plaquette (h/e), conventions of the README, "Units and conventions".

    Returns
    -------
    H : ndarray, shape (L W, L W), complex
        Hermitian. Meant for small systems (direct inversion, lessons, tests).
    """
    V2, lat = lattice_from_potential(V, t=t, flux=flux)
    L, W = V2.shape
    H = np.zeros((L * W, L * W), complex)
    perp, hop = lat.perp(), lat.hop()
    for x in range(L):
        block = slice(x * W, (x + 1) * W)
        H[block, block] = perp + np.diag(V2[x])
        if x + 1 < L:
            nxt = slice((x + 1) * W, (x + 2) * W)
            H[nxt, block] = hop
            H[block, nxt] = hop.conj().T
    return H
