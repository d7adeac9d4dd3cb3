"""Anderson disorder, ensembles of disordered wires, and the localization length.

Lesson 7. A disordered wire has on-site potentials drawn independently and uniformly from
[-Wd/2, Wd/2] (Anderson model, disorder strength Wd in units of t). Realization r of a wire
of length L uses the seed 1000 L + r by default (the convention of the Kwant reference),
so every picture in the course can be reproduced exactly.

In a localized wire ln T, not T, is self-averaging: <ln T> = -2L/xi + const, with the
localization length xi. For the 1D chain, second-order perturbation theory (Thouless)
gives xi = 24 (4t^2 - eps^2)/Wd^2 with eps = E - 2t measured from the band centre; at the
band centre itself the exact value is about 9% larger (Kappus-Wegner anomaly).
"""

from dataclasses import dataclass

import numpy as np

from ._validation import as_nonnegative, as_positive, as_positive_int, as_real_array, as_real_scalar, as_rng
from .lattice import Lattice
from .rgf import log_transmission_batch

__all__ = [
    "anderson_potential",
    "reference_seed",
    "log_transmission_ensemble",
    "LocalizationFit",
    "fit_localization_length",
    "perturbative_localization_length",
]


def reference_seed(L, realization):
    """Seed of realization r of a wire of length L: 1000 L + r (course-wide convention)."""
    return 1000 * int(L) + int(realization)


def anderson_potential(L, W=None, *, strength, rng):
    """Uniform Anderson disorder V(x, y) in [-strength/2, strength/2] (units of t).

    Parameters
    ----------
    L : int
        Length in sites.
    W : int or None
        Width in sites; None gives a chain.
    strength : float
        Disorder strength Wd >= 0 (full width of the uniform distribution).
    rng : int or numpy.random.Generator
        Seed or generator. The values are
        ``default_rng(seed).uniform(-Wd/2, Wd/2, size=(L, W))`` indexed [x, y]; a chain
        draws ``size=(L, 1)`` and returns its column, shape (L,).

    Returns
    -------
    ndarray, shape (L,) for a chain or (L, W)
    """
    L = as_positive_int(L, "L")
    width = 1 if W is None else as_positive_int(W, "W")
    strength = as_nonnegative(strength, "strength")
    values = as_rng(rng).uniform(-strength / 2, strength / 2, size=(L, width))
    return values[:, 0] if W is None else values


def log_transmission_ensemble(
    lengths, realizations, *, energy, strength, W=None, t=1.0, flux=0.0, seed_offset=0, progress=None
):
    """ln T of many disordered wires, all realizations of one length computed at once.

    Parameters
    ----------
    lengths : int or array_like of int, shape (n_L,)
        Wire lengths L in sites.
    realizations : int
        Number of disorder realizations per length.
    energy : float
        Energy in units of t (chain band 0..4t, strip band bottom 0).
    strength : float
        Anderson disorder strength Wd (units of t).
    W : int or None
        Strip width; None for the chain.
    t, flux : float
        Hopping and flux per plaquette (h/e), as in `helpers.transmission`.
    seed_offset : int
        Realization r of length L uses seed 1000 L + r + seed_offset.
    progress : callable, optional
        Called as progress(done, total) after each length (for progress bars).

    Returns
    -------
    ndarray, shape (n_L, realizations)
        ln T of each wire (exact even where T underflows).
    """
    lengths = np.atleast_1d(as_real_array(lengths, "lengths", ndim=(0, 1)))
    if np.any(lengths < 1) or np.any(lengths != np.round(lengths)):
        raise ValueError(f"lengths must be positive integers, got {lengths}")
    realizations = as_positive_int(realizations, "realizations")
    energy = as_real_scalar(energy, "energy")
    strength = as_nonnegative(strength, "strength")
    lat = Lattice(W, t=t, flux=flux) if W is not None else Lattice(1, t=t, chain=True)
    width = lat.W
    result = np.empty((len(lengths), realizations))
    # batch size bounded so that the potentials of one batch stay below ~50 MB
    for i, L in enumerate(lengths.astype(int)):
        batch = max(1, min(realizations, int(5e6 // (L * width))))
        for start in range(0, realizations, batch):
            stop = min(start + batch, realizations)
            V = np.stack([
                np.random.default_rng(reference_seed(L, r) + seed_offset).uniform(-strength / 2, strength / 2, size=(L, width))
                for r in range(start, stop)
            ])
            result[i, start:stop] = log_transmission_batch(np.full(stop - start, energy), V, lat)
        if progress is not None:
            progress(i + 1, len(lengths))
    return result


@dataclass(frozen=True)
class LocalizationFit:
    """Straight-line fit <ln T>(L) = intercept - 2 L / xi.

    Attributes
    ----------
    xi, xi_error : float
        Localization length (sites) and its one-sigma uncertainty.
    intercept : float
    slope, slope_error : float
        d<ln T>/dL = -2/xi and its uncertainty.
    """

    xi: float
    xi_error: float
    intercept: float
    slope: float
    slope_error: float


def fit_localization_length(lengths, log_T):
    """Fit the localization length from ln T of an ensemble.

    Parameters
    ----------
    lengths : array_like, shape (n_L,)
        Wire lengths (at least 2 distinct).
    log_T : array_like, shape (n_L, R)
        ln T for R realizations at each length (R >= 2), e.g. from
        `log_transmission_ensemble`.

    Returns
    -------
    LocalizationFit
        Weighted least squares of <ln T> against L, each mean weighted by its standard error
        (sample standard deviation / sqrt(R)); xi = -2/slope with its propagated error.
    """
    lengths = as_real_array(lengths, "lengths", ndim=1)
    log_T = as_real_array(log_T, "log_T", ndim=2)
    if log_T.shape[0] != len(lengths):
        raise ValueError(f"log_T must have one row per length: {len(lengths)} lengths, log_T shape {log_T.shape}")
    if len(np.unique(lengths)) < 2 or log_T.shape[1] < 2:
        raise ValueError("need at least 2 distinct lengths and 2 realizations per length to fit xi")
    mean = log_T.mean(axis=1)
    sem = log_T.std(axis=1, ddof=1) / np.sqrt(log_T.shape[1])
    floor = 1e-12 * max(1.0, np.max(np.abs(mean)))
    weights = 1 / np.maximum(sem, floor) ** 2
    A = np.stack([np.ones_like(lengths), lengths], axis=1)
    cov = np.linalg.inv(A.T @ (weights[:, None] * A))
    intercept, slope = cov @ (A.T @ (weights * mean))
    slope_error = float(np.sqrt(cov[1, 1]))
    if not slope < 0:
        raise ValueError(f"<ln T> does not decrease with length (slope {slope:.3g}): no localization to fit")
    xi = -2 / slope
    return LocalizationFit(float(xi), float(2 * slope_error / slope**2), float(intercept), float(slope), slope_error)


def perturbative_localization_length(energy, strength, *, t=1.0):
    """Localization length of the 1D Anderson chain to second order in disorder (sites).

    xi(E) = 24 (4t^2 - eps^2) / Wd^2, eps = E - 2t (course convention: band 0..4t).
    Valid for weak disorder away from the band edges and the band centre (there the exact
    value is about 105/Wd^2 instead of 96/Wd^2: Kappus-Wegner anomaly).
    """
    eps = as_real_array(energy, "energy") - 2 * as_positive(t, "t")
    strength = as_real_scalar(strength, "strength")
    if not strength > 0:
        raise ValueError(f"strength must be > 0, got {strength}")
    return 24 * (4 * t * t - eps**2) / strength**2
