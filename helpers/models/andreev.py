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

The lattice side (`helpers.andreev_reflection`): `barrier_strength` converts a single-site
barrier of the chain into Z, `chain_ns_junction` computes G_NS, R_ee and R_he of that junction,
`andreev_normal_reflection` is the leading-order normal reflection of a clean abrupt NS step
(the correction to the Andreev approximation), and `beenakker_conductance` gives the zero-bias
G_NS of a disordered normal region from its normal-state transmission eigenvalues.
Used by lesson 13.
"""

import numpy as np

from .._validation import (as_nonnegative, as_positive, as_positive_int, as_real_array, as_real_scalar,
                           as_rng, scalar_or_array)
from ..fisher_lee import smatrix
from ..landauer import conductance
from ..superconductivity import andreev_reflection, ns_conductance

__all__ = ["btk_coefficients", "btk_conductance", "btk_conductance_curve", "bcs_density_of_states",
           "fermi_wave_number",
           "barrier_strength", "chain_ns_junction", "andreev_normal_reflection",
           "beenakker_conductance", "btk_peak_bias", "disordered_normal_region",
           "disordered_ns_conductance"]


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
    return scalar_or_array(G)


def fermi_wave_number(mu, *, t=1.0):
    """Fermi wave number k_F (units of 1/a) of the chain (on-site 2t) at chemical potential mu.

    Parameters
    ----------
    mu : float
        Chemical potential from the band bottom, 0 < mu < 4t (units of t).
    t : float, optional
        Hopping (> 0).

    Returns
    -------
    float
        k_F with mu = 2t (1 - cos k_F), in (0, pi); the Fermi velocity is 2t sin k_F (ta/hbar).
    """
    mu = as_real_scalar(mu, "mu")
    t = as_positive(t, "t")
    if not 0 < mu < 4 * t:
        raise ValueError(f"mu must lie inside the chain band 0 < mu < 4t = {4 * t:g}, got {mu!r}")
    return float(np.arccos(1 - mu / (2 * t)))


def barrier_strength(U, *, mu, t=1.0):
    """BTK barrier strength Z of a single-site barrier of height U on the chain.

    A single site of potential U transmits T_N = 1 / (1 + (U / hbar v_F)^2) at the Fermi level
    (lesson 1), the BTK form 1 / (1 + Z^2) with Z = U / (2t sin k_F).

    Parameters
    ----------
    U : float or array_like
        Barrier height (units of t), any shape; the sign does not matter (Z >= 0).
    mu : float
        Chemical potential from the band bottom (0 < mu < 4t).
    t : float, optional
        Hopping (> 0).

    Returns
    -------
    float or ndarray, shape of `U`
        Z (dimensionless).
    """
    U = as_real_array(U, "U")
    k_F = fermi_wave_number(mu, t=t)
    return scalar_or_array(np.abs(U) / (2 * t * np.sin(k_F)))


def chain_ns_junction(energy, *, Z, mu, delta, t=1.0):
    """Lattice NS junction of one channel with a single-site barrier of strength Z.

    The normal region is one site of the chain carrying the barrier U = Z hbar v_F (the inverse
    of `barrier_strength`); the superconductor (pairing `delta`) starts right after it. Computed
    with `helpers.andreev_reflection` (about 15 ms per energy).

    Parameters
    ----------
    energy : float or array_like
        Excitation energies from mu (units of t), any shape.
    Z : float
        Barrier strength (>= 0).
    mu : float
        Chemical potential (0 < mu < 4t).
    delta : float
        Gap (> 0, units of t).
    t : float, optional
        Hopping.

    Returns
    -------
    dict
        ``G`` (G_NS in units of 2e^2/h), ``R_ee``, ``R_he``, ``T_qp``, ``U`` (the barrier
        height, units of t); arrays with the shape of `energy`.
    """
    Z = as_nonnegative(Z, "Z")
    delta = as_positive(delta, "delta")
    U = Z * 2 * t * np.sin(fermi_wave_number(mu, t=t))
    result = andreev_reflection([U], energy, mu=mu, delta=delta, t=t)
    return {"G": result.conductance, "R_ee": result.R_ee, "R_he": result.R_he,
            "T_qp": result.T_qp, "U": U}


def andreev_normal_reflection(*, mu, delta, t=1.0):
    """Normal reflection R_ee at E = 0 of a clean, abrupt NS step on the chain, to order delta^2.

    The Andreev approximation (BTK) gives R_ee = 0 for a clean contact. On the lattice the
    superconductor's Fermi-level waves have the complex wave numbers cos q = cos k_F -+ i delta
    / 2t: the step in the pairing is itself a weak scatterer, and

        R_ee(0) ~ (delta / (2t sin^2 k_F))^2 -> (delta / 2 mu)^2  for mu << t (continuum).

    Parameters
    ----------
    mu : float
        Chemical potential (0 < mu < 4t).
    delta : float
        Gap (>= 0, units of t).
    t : float, optional
        Hopping.

    Returns
    -------
    float
        The leading-order R_ee(0); corrections are of relative order delta / mu. Then
        G_NS(0) = 2 (1 - R_ee) for one channel.
    """
    delta = as_nonnegative(delta, "delta")
    k_F = fermi_wave_number(mu, t=t)
    return float((delta / (2 * t * np.sin(k_F) ** 2)) ** 2)


def beenakker_conductance(transmission_eigenvalues):
    """Zero-bias NS conductance from the normal-state transmission eigenvalues (Beenakker 1992).

    G_NS = sum_n 2 T_n^2 / (2 - T_n)^2 in units of 2e^2/h, valid in the Andreev approximation
    (delta << mu) at E = 0 for a normal region of any disorder, compared with the normal state
    G_N = sum_n T_n.

    Parameters
    ----------
    transmission_eigenvalues : array_like
        T_n in [0, 1], any shape (summed over all entries), e.g.
        ``helpers.smatrix(V, mu).transmission_eigenvalues()``.

    Returns
    -------
    float
        G_NS(0) in units of 2e^2/h.
    """
    T = as_real_array(transmission_eigenvalues, "transmission_eigenvalues", allow_empty=True)
    if np.any((T < -1e-12) | (T > 1 + 1e-12)):
        raise ValueError(f"transmission_eigenvalues must lie in [0, 1], got values from "
                         f"{T.min():g} to {T.max():g}")
    T = np.clip(T, 0.0, 1.0)
    return float(np.sum(2 * T**2 / (2 - T) ** 2))


def btk_conductance_curve(bias, *, delta, Z, kT=0.0, resolution=20):
    """Thermally smeared BTK conductance of one channel for many biases at once (fast).

    The same quantity as `btk_conductance`, the integral of g(E) (-df/dE)(E - eV) dE with
    g = 1 + A - B, computed as one discrete convolution: the energy axis is cut into cells of
    width h = kT / `resolution`; each cell carries the integral of g over it (trapezoid rule on
    a grid refined geometrically towards the gap edges, where g has a peak of width about
    delta / Z^4) times the thermal weight -df/dE at its centre. The error is of order
    (h / kT)^2 / 24, about 1e-4 for the default. Meant for curves of a few hundred biases (an
    explorer, a figure); `btk_conductance` is the adaptive, more accurate one.

    Parameters
    ----------
    bias : array_like
        eV (same unit as `delta`), any shape.
    delta : float
        Gap (> 0).
    Z : float
        Barrier strength (>= 0).
    kT : float, optional
        Thermal energy (>= 0); 0 gives 1 + A(eV) - B(eV) exactly.
    resolution : int, optional
        Cells per kT.

    Returns
    -------
    float or ndarray, shape of `bias`
        G_NS in units of 2e^2/h per channel.
    """
    from scipy.signal import fftconvolve

    V = as_real_array(bias, "bias")
    delta = as_positive(delta, "delta")
    Z = as_nonnegative(Z, "Z")
    kT = as_nonnegative(kT, "kT")

    def per_channel(E):
        A, B, _, _ = btk_coefficients(E, delta=delta, Z=Z)
        return 1 + A - B

    if kT == 0:
        return scalar_or_array(per_channel(V))
    h = kT / resolution
    half = int(np.ceil(36 * resolution))            # -df/dE < e^-36 beyond 36 kT
    if (np.ptp(V) + 72 * kT) / h > 2e6:
        raise ValueError(f"kT = {kT:g} is too small for the span of bias ({np.ptp(V):g}) on a "
                         f"grid of kT / {resolution}; use btk_conductance, or kT = 0")
    x = h * np.arange(-half, half + 1)
    weights = h / (4 * kT * np.cosh(x / (2 * kT)) ** 2)
    weights /= weights.sum()
    first = np.floor((V.min() - (half + 1) * h) / h)
    edges = h * (np.arange(first, np.ceil((V.max() + (half + 1) * h) / h) + 2) - 0.5)
    # cell integrals of g from its cumulative integral on a grid refined at the gap edges
    steps = delta * np.geomspace(1e-10, 1.0, 400)
    fine = np.unique(np.concatenate([edges, *(edge + sign * steps for edge in (-delta, delta)
                                                for sign in (-1, 1))]))
    fine = fine[(fine >= edges[0]) & (fine <= edges[-1])]
    g = per_channel(fine)
    cumulative = np.concatenate([[0.0], np.cumsum(np.diff(fine) * (g[1:] + g[:-1]) / 2)])
    cells = np.diff(np.interp(edges, fine, cumulative)) / h      # mean of g in each cell
    centres = (edges[1:] + edges[:-1]) / 2
    smeared = fftconvolve(cells, weights, mode="valid")
    return scalar_or_array(np.interp(V, centres[half: half + smeared.size], smeared))


def btk_peak_bias(*, delta, Z, kT):
    """Bias of the conductance maximum (eV > 0) of a BTK contact at temperature kT.

    At kT = 0 the coherence peak sits at eV = delta (for Z > 0); thermal smearing of the
    lopsided peak moves the maximum up, to about 1.13 delta at kT = 0.1 delta for Z = 5.

    Parameters
    ----------
    delta : float
        Gap (> 0).
    Z : float
        Barrier strength (> 0: a clean contact has a plateau, not a peak).
    kT : float
        Thermal energy (>= 0).

    Returns
    -------
    float
        eV of the maximum of G_NS(V) (same unit as `delta`), located on a grid of delta / 2000
        and refined on a finer grid (`btk_conductance_curve`) with a parabola through the top.
    """
    delta = as_positive(delta, "delta")
    Z = as_positive(Z, "Z")
    kT = as_nonnegative(kT, "kT")
    if kT == 0:
        return delta
    spacing = delta / 2000
    top = delta + 12 * kT
    while True:  # a hot, shallow hump can sit beyond delta + 12 kT: widen until it is inside
        grid = np.arange(0.5 * delta, top, spacing)
        i = int(np.argmax(btk_conductance_curve(grid, delta=delta, Z=Z, kT=kT)))
        if i < grid.size - 1 or top > delta + 200 * kT:
            break
        top = 2 * top
    # refine: a finer thermal grid around the maximum (at least 40 points across the four
    # coarse spacings, whatever kT), then the vertex of a parabola through the top three
    step = min(kT / 200, spacing / 10)
    fine = np.arange(grid[max(i - 2, 0)], grid[min(i + 2, grid.size - 1)] + step, step)
    G = btk_conductance_curve(fine, delta=delta, Z=Z, kT=kT, resolution=400)
    k = min(max(int(np.argmax(G)), 1), fine.size - 2)
    g0, g1, g2 = G[k - 1: k + 2]
    curvature = g0 - 2 * g1 + g2
    shift = 0.5 * (g0 - g2) / curvature if curvature < 0 else 0.0
    return float(fine[k] + np.clip(shift, -1.0, 1.0) * step)


def disordered_normal_region(Wd, *, W, L, rng, barrier=0.0):
    """Potential of a disordered normal region, optionally ending in a tunnel barrier.

    Anderson disorder as everywhere in the course, ``rng.uniform(-Wd/2, Wd/2, size=(L, W))``
    indexed [x, y], plus `barrier` added on the last slice x = L - 1 (next to the
    superconductor of `helpers.andreev_reflection`).

    Parameters
    ----------
    Wd : float
        Disorder strength (>= 0, units of t).
    W, L : int
        Width and length in sites.
    rng : int or numpy.random.Generator
        Seed or generator of the disorder.
    barrier : float, optional
        Height of the interface barrier (units of t).

    Returns
    -------
    ndarray, shape (L, W)
    """
    Wd = as_nonnegative(Wd, "Wd")
    W = as_positive_int(W, "W")
    L = as_positive_int(L, "L")
    barrier = as_real_scalar(barrier, "barrier")
    V = as_rng(rng).uniform(-Wd / 2, Wd / 2, size=(L, W))
    V[-1, :] += barrier
    return V


def disordered_ns_conductance(Wd, *, W, L, mu, samples, barrier=0.0, delta=None):
    """Zero-bias conductances of disordered strips, normal and in front of a superconductor.

    The samples are `disordered_normal_region` with the seeds 0 .. samples - 1 (a fixed set).

    Parameters
    ----------
    Wd : float
        Disorder strength (>= 0, units of t).
    W, L : int
        Width and length of the strip (sites).
    mu : float
        Chemical potential (units of t, strip band bottom at 0).
    samples : int
        Number of disorder samples averaged.
    barrier : float, optional
        Interface barrier on the last slice (units of t).
    delta : float, optional
        If given, also compute the lattice NS conductance at E = 0 with this gap (units of t,
        delta << mu for the comparison with Beenakker's formula); about 10-50 ms per sample.

    Returns
    -------
    dict
        ``G_N`` (sample average of sum T_n), ``G_NS`` (average of Beenakker's formula), both in
        units of 2e^2/h; ``T_n`` (all samples' transmission eigenvalues, one 1D array);
        ``G_NS_lattice`` (average of `helpers.ns_conductance`, or None without `delta`).
    """
    samples = as_positive_int(samples, "samples")
    regions = [disordered_normal_region(Wd, W=W, L=L, rng=seed, barrier=barrier) for seed in range(samples)]
    T = [smatrix(V, mu).transmission_eigenvalues() for V in regions]
    lattice = None
    if delta is not None:
        delta = as_positive(delta, "delta")
        lattice = float(np.mean([ns_conductance(V, 0.0, mu=mu, delta=delta) for V in regions]))
    return {"G_N": float(np.mean([t.sum() for t in T])),
            "G_NS": float(np.mean([beenakker_conductance(t) for t in T])),
            "T_n": np.concatenate(T), "G_NS_lattice": lattice}
