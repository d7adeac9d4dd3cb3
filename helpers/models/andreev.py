"""Andreev reflection in the continuum: the Blonder-Tinkham-Klapwijk (BTK) model (lesson 13).

A normal metal meets an s-wave superconductor (gap Delta) at a delta-function barrier of
dimensionless strength Z = m U / (hbar^2 k_F) (normal-state transmission T_N = 1/(1 + Z^2)).
Within the Andreev approximation (Delta << mu, the same Fermi velocity on both sides) an
electron at excitation energy E is Andreev-reflected as a hole with probability A(E),
normally reflected with B(E), and transmitted as an electron-like (C) or hole-like (D)
quasiparticle, A + B + C + D = 1 (Blonder, Tinkham and Klapwijk, Phys. Rev. B 25, 4515
(1982), Table II):

    |E| < Delta:  A = Delta^2 / (E^2 + (Delta^2 - E^2)(1 + 2 Z^2)^2),  B = 1 - A,  C = D = 0
    |E| > Delta:  A = u^2 v^2 / g^2,  B = (u^2 - v^2)^2 Z^2 (1 + Z^2) / g^2,
                  C = u^2 (u^2 - v^2)(1 + Z^2) / g^2,  D = v^2 (u^2 - v^2) Z^2 / g^2,
                  g = u^2 + (u^2 - v^2) Z^2,  u^2 = 1 - v^2 = (1 + sqrt(E^2 - Delta^2)/|E|) / 2.

The conductance per channel is G_NS = (2e^2/h)(1 + A - B), and at temperature kT and bias
eV it is the thermal average of 1 + A - B over -df/dE around E = eV (as
`helpers.conductance`). Z = 0 gives 2 below the gap; a large Z gives G_NS/G_N -> the BCS
density of states |E| / sqrt(E^2 - Delta^2) (tunnelling spectroscopy).
Energies, Delta and kT share one unit (units of t on the lattice, or meV).
"""

import numpy as np

from .._validation import as_nonnegative, as_positive, as_real_array
from ..landauer import conductance

__all__ = ["btk_coefficients", "btk_conductance", "bcs_density_of_states"]


def btk_coefficients(energy, *, delta, Z):
    """BTK probabilities A (Andreev), B (normal reflection), C, D (quasiparticle transmission).

    Parameters
    ----------
    energy : float or array_like
        Excitation energy E measured from the Fermi level (same unit as `delta`), any shape.
    delta : float
        Superconducting gap (> 0).
    Z : float
        Barrier strength (>= 0); normal-state transmission 1 / (1 + Z^2).

    Returns
    -------
    A, B, C, D : ndarray, shape of `energy`
        Each in [0, 1], A + B + C + D = 1; even in E. At |E| = delta, A = 1 for every Z.
    """
    E = np.abs(as_real_array(energy, "energy"))
    delta = as_positive(delta, "delta")
    Z2 = as_nonnegative(Z, "Z") ** 2
    below = E <= delta
    with np.errstate(divide="ignore", invalid="ignore"):
        A_in = delta**2 / (E**2 + (delta**2 - E**2) * (1 + 2 * Z2) ** 2)
        root = np.sqrt(np.clip(E**2 - delta**2, 0, None)) / np.where(E > 0, E, 1.0)
    u2 = (1 + root) / 2
    v2 = 1 - u2
    diff = u2 - v2
    g2 = (u2 + diff * Z2) ** 2
    A = np.where(below, A_in, u2 * v2 / g2)
    B = np.where(below, 1 - A_in, diff**2 * Z2 * (1 + Z2) / g2)
    C = np.where(below, 0.0, u2 * diff * (1 + Z2) / g2)
    D = np.where(below, 0.0, v2 * diff * Z2 / g2)
    return A, B, C, D


def bcs_density_of_states(energy, *, delta):
    """BCS quasiparticle density of states relative to the normal state, |E| / sqrt(E^2 - delta^2).

    0 inside the gap (|E| <= delta); diverges at the gap edge; -> 1 far above it.
    """
    E = np.abs(as_real_array(energy, "energy"))
    delta = as_positive(delta, "delta")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(E > delta, E / np.sqrt(np.clip(E**2 - delta**2, 1e-300, None)), 0.0)


def btk_conductance(bias, *, delta, Z, kT=0.0, normalized=False):
    """NS conductance of one channel in the BTK model, at bias eV and temperature kT.

    Parameters
    ----------
    bias : float or array_like
        eV, the voltage across the junction times e (same unit as `delta`), any shape.
    delta : float
        Gap (> 0).
    Z : float
        Barrier strength (>= 0).
    kT : float, optional
        Thermal energy (>= 0); 0 gives 1 + A(eV) - B(eV).
    normalized : bool, optional
        Return G_NS / G_N with G_N = 1 / (1 + Z^2) (per channel, units 2e^2/h).

    Returns
    -------
    float or ndarray, shape of `bias`
        G_NS in units of 2e^2/h per channel (or G_NS / G_N): the integral of
        (1 + A(E) - B(E)) (-df/dE)(E - eV) dE, computed with `helpers.conductance`.
    """
    V = as_real_array(bias, "bias")
    kT = as_nonnegative(kT, "kT")
    as_positive(delta, "delta")
    as_nonnegative(Z, "Z")

    def per_channel(E):
        A, B, _, _ = btk_coefficients(E, delta=delta, Z=Z)
        return 1 + A - B

    if kT == 0:
        G = per_channel(V)
    else:
        G = np.array([conductance(per_channel, float(v), kT, points=[-delta, delta]) for v in V.ravel()]).reshape(V.shape)
    if normalized:
        G = G * (1 + Z**2)
    return float(G) if np.ndim(G) == 0 else G
