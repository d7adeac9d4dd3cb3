"""Localization: from ballistic through diffusive to localized wires, and weak localization.

Used by lesson 7, "When coherence traps: localization" (its explorers and exercises).

Lesson 7, "When coherence traps: localization". Builds on `helpers.disorder` (Anderson
disorder, the seed convention 1000 L + r, batched ln T ensembles, the fit of xi).

Conventions (README, "Units and conventions"): lattice constant 1, hopping t = 1, energies and disorder strengths
Wd in units of t; a chain has band 0..4t, a strip of width W band bottom 0; T is summed over
channels, per spin (conductance in 2e^2/h); flux is the flux per plaquette in units of h/e.

The three regimes of a disordered wire with N channels, mean free path l and localization
length xi:

- ballistic, L < l: <T> close to N;
- diffusive, l < L < xi: <T> = N l / (L + l) (Ohm's law plus the contact resistance);
- localized, L > xi: ln T / L is self-averaging (its spread shrinks like 1/sqrt(L)),
  <ln T> = const - 2L/xi, and the variance of ln T grows like its mean, var(ln T) ~ -2 <ln T>
  (single-parameter scaling, 1D).

For N channels xi ~ (beta N + 2 - beta) l (DMPK): a wire with more channels localizes later.
"""

import math

import numpy as np

from .._validation import as_nonnegative, as_positive, as_positive_int, as_real_array, as_real_scalar, scalar_or_array
from ..disorder import fit_localization_length, log_transmission_ensemble, perturbative_localization_length
from ..leads import open_modes
from .smatrix_stats import mean_free_path

__all__ = [
    "ohmic_transmission",
    "mean_free_path",
    "dmpk_localization_length",
    "transport_regime",
    "ensemble_summary",
    "log_transmission_distribution",
    "length_scan",
    "chain_localization_scan",
    "width_scan",
    "magnetoconductance",
    "cyclotron_radius",
    "KAPPUS_WEGNER_RATIO",
    "kappus_wegner_localization_length",
]

#: xi at the band centre over the perturbative 24(4t^2 - eps^2)/Wd^2 at eps = 0 (= 96 t^2/Wd^2),
#: for weak disorder: Gamma(1/4)^4 / (16 pi^2) = Gamma(1/4)^2 / (8 Gamma(3/4)^2) = 1.0942...
#: (Kappus and Wegner, Z. Phys. B 45, 15 (1981); Derrida and Gardner, J. Physique 45, 1283
#: (1984): xi(0) = 105.045 t^2/Wd^2). The second-order expansion fails exactly at eps = 0, where
#: the phase of the wave function is not uniformly distributed (it locks to multiples of pi/2).
KAPPUS_WEGNER_RATIO = math.gamma(0.25) ** 4 / (16 * math.pi**2)


def kappus_wegner_localization_length(strength, *, t=1.0):
    """Localization length (sites) of the 1D Anderson chain at the band centre, weak disorder.

    xi(eps = 0) = `KAPPUS_WEGNER_RATIO` x 96 t^2 / Wd^2 = 105.045 t^2 / Wd^2 (box disorder of
    full width Wd, variance Wd^2/12), with ln T ~ -2L/xi: the band-centre anomaly, about 9 %
    longer than the perturbative formula at eps = 0. Used by lesson 7 (the chain explorer).

    Parameters
    ----------
    strength : float or array_like
        Disorder strength Wd (units of t), > 0, small compared with t for the formula to hold.
    t : float
        Hopping (units of energy of `strength`).

    Returns
    -------
    float or ndarray, shape of `strength`
    """
    Wd = as_real_array(strength, "strength")
    if np.any(Wd <= 0):
        raise ValueError(f"strength must be > 0, got {strength}: a clean chain is not localized")
    t = as_positive(t, "t")
    return scalar_or_array(KAPPUS_WEGNER_RATIO * 96 * t * t / Wd**2)


def ohmic_transmission(L, N, l):
    """Mean transmission of a diffusive wire: <T> = N l / (L + l).

    Parameters
    ----------
    L : float or array_like
        Length of the disordered region (sites), L >= 0.
    N : int
        Open channels of the leads.
    l : float
        Mean free path (sites, same unit as L), l > 0.

    Returns
    -------
    float or ndarray, shape of `L`

    Notes
    -----
    Resistances add (incoherent series, lesson 1): 1/<T> = 1/N (contacts) + L/(N l) (wire),
    so L = 0 gives N (ballistic) and L >> l gives Ohm's law <T> = N l / L. Lesson 7.
    """
    Ls = as_real_array(L, "L")
    if np.any(Ls < 0):
        raise ValueError(f"L must be >= 0, got {L}")
    N = as_positive_int(N, "N")
    l = as_positive(l, "l")
    result = N * l / (Ls + l)
    return scalar_or_array(result)


def dmpk_localization_length(N, l, *, beta=1):
    """Localization length of a wire with N channels, xi = (beta N + 2 - beta) l (DMPK).

    Parameters
    ----------
    N : int
        Open channels.
    l : float
        Mean free path (sites).
    beta : {1, 2}
        1 with time-reversal symmetry (no magnetic field), 2 without.

    Returns
    -------
    float
        xi in the unit of `l`: (N + 1) l for beta = 1, 2 N l for beta = 2.

    Notes
    -----
    Beenakker, Rev. Mod. Phys. 69, 731 (1997). The numerical prefactor depends on how l is
    defined (here: <T> = N l/(L + l)); the scaling xi ~ N l is the point. Lesson 7.
    """
    N = as_positive_int(N, "N")
    l = as_positive(l, "l")
    if beta not in (1, 2):
        raise ValueError(f"beta must be 1 or 2, got {beta!r}")
    return float((beta * N + 2 - beta) * l)


def transport_regime(L, l, xi):
    """Which regime a wire of length L is in: "ballistic", "diffusive" or "localized".

    Parameters
    ----------
    L, l, xi : float
        Length, mean free path and localization length (same unit), all > 0.

    Returns
    -------
    str
        "ballistic" for L < l, "localized" for L > xi, otherwise "diffusive"
        (a wire with xi <= l, e.g. a single channel, has no diffusive regime). Lesson 7.
    """
    L = as_positive(L, "L")
    l = as_positive(l, "l")
    xi = as_positive(xi, "xi")
    if L > xi:
        return "localized"
    if L < l:
        return "ballistic"
    return "diffusive"


def ensemble_summary(log_T):
    """Averages of an ensemble of wires from their ln T.

    Parameters
    ----------
    log_T : array_like, shape (..., R)
        ln T of R realizations (last axis), R >= 2.

    Returns
    -------
    dict of ndarray, shape (...)
        "mean_T", "sem_T" (<T> and its standard error), "mean_lnT", "sem_lnT", "var_lnT"
        (sample variance), "typical_T" = exp(<ln T>) (the typical transmission). Lesson 7.
    """
    log_T = as_real_array(log_T, "log_T", ndim=(1, 2, 3))
    R = log_T.shape[-1]
    if R < 2:
        raise ValueError(f"log_T needs at least 2 realizations on its last axis, got {R}")
    T = np.exp(log_T)
    mean_lnT = log_T.mean(axis=-1)
    return {
        "mean_T": T.mean(axis=-1),
        "sem_T": T.std(axis=-1, ddof=1) / np.sqrt(R),
        "mean_lnT": mean_lnT,
        "sem_lnT": log_T.std(axis=-1, ddof=1) / np.sqrt(R),
        "var_lnT": log_T.var(axis=-1, ddof=1),
        "typical_T": np.exp(mean_lnT),
    }


def log_transmission_distribution(log_T, *, bins=25, points=200):
    """Histogram of ln T with the normal law of the same mean and variance.

    Parameters
    ----------
    log_T : array_like, shape (R,)
        ln T of R >= 2 wires of one length.
    bins : int
        Histogram bins between the smallest and largest value.
    points : int
        Points of the normal curve.

    Returns
    -------
    dict
        "edges" (bins + 1,), "density" (bins,) normalized to unit area; "x", "normal"
        (points,) the Gaussian with the sample mean and variance; "mean", "var" and
        "ratio" = var / (-2 mean), close to 1 deep in the localized regime of a 1D chain
        (single-parameter scaling, Anderson-Thouless-Abrahams-Fisher 1980). Lesson 7.
    """
    log_T = as_real_array(log_T, "log_T", ndim=1)
    bins = as_positive_int(bins, "bins")
    points = as_positive_int(points, "points")
    if log_T.size < 2:
        raise ValueError("log_T needs at least 2 values")
    mean = float(log_T.mean())
    var = float(log_T.var(ddof=1))
    lo, hi = float(log_T.min()), float(log_T.max())
    if hi - lo < 1e-12:
        lo, hi = lo - 0.5, hi + 0.5
    density, edges = np.histogram(log_T, bins=bins, range=(lo, hi), density=True)
    x = np.linspace(lo, hi, points)
    sigma2 = max(var, 1e-300)
    normal = np.exp(-((x - mean) ** 2) / (2 * sigma2)) / np.sqrt(2 * np.pi * sigma2)
    ratio = var / (-2 * mean) if mean < 0 else np.nan
    return {"edges": edges, "density": density, "x": x, "normal": normal,
            "mean": mean, "var": var, "ratio": float(ratio)}


#: Mean free paths are fitted only from wires with <ln T> above this (L << xi, not yet localized).
DIFFUSIVE_ABOVE = -0.3


def _fit_mean_free_path(lengths, mean_T, mean_lnT, N, diffusive_above):
    """Least squares of 1/<T> - 1/N = L/(N l) over the lengths with <ln T> > diffusive_above."""
    good = (mean_lnT > diffusive_above) & (mean_T < N * (1 - 1e-9))
    if not np.any(good):
        return np.nan
    L, excess = lengths[good], 1 / mean_T[good] - 1 / N
    return float(np.sum(L**2) / (N * np.sum(L * excess)))


def length_scan(lengths, realizations, *, energy, strength, W=None, seed_offset=0, bins=25,
                diffusive_above=DIFFUSIVE_ABOVE, localized_below=-3.0, progress=None):
    """<T>, <ln T> and the distribution of ln T of an ensemble of wires against length.

    Parameters
    ----------
    lengths : array_like of int, shape (n_L,)
        Wire lengths (sites), increasing.
    realizations : int
        Wires per length; realization r of length L has the seed 1000 L + r + seed_offset.
    energy, strength : float
        Energy and Anderson disorder strength Wd (units of t).
    W : int or None
        Strip width, None for a chain.
    seed_offset : int
    bins : int
        Bins of the ln T histogram at each length.
    diffusive_above : float
        The mean free path is fitted from the lengths with <ln T> above this value (wires much
        shorter than xi; localization already lowers <T> below Ohm's law for L ~ xi/2, which
        would bias l low): least squares of 1/<T> - 1/N = L/(N l).
    localized_below : float
        xi is fitted (`fit_localization_length`) from the lengths with <ln T> below this value.
    progress : callable, optional
        progress(done, total), once per length.

    Returns
    -------
    dict
        "L" (n_L,), "lnT" (n_L, R), every key of `ensemble_summary` (n_L,), "N" (open
        channels), "l" (mean free path, nan if no length qualifies), "ohmic" (n_L,) the law
        N l/(L + l), "fit" (`LocalizationFit` or None), "fit_mask" (n_L,) the lengths used,
        "histograms": one `log_transmission_distribution` per length, "seeds" (first seed of
        each length). Lesson 7.
    """
    lengths = as_real_array(lengths, "lengths", ndim=1).astype(int)
    energy = as_real_scalar(energy, "energy")
    strength = as_nonnegative(strength, "strength")
    N = int(open_modes(energy, W)) if W is not None else int(0 < energy < 4)
    if N == 0:
        raise ValueError(f"energy {energy} has no open channel in the leads")
    lnT = log_transmission_ensemble(lengths, realizations, energy=energy, strength=strength, W=W,
                                    seed_offset=seed_offset, progress=progress)
    result = {"L": lengths.astype(float), "lnT": lnT, "N": N, **ensemble_summary(lnT)}
    l = _fit_mean_free_path(lengths, result["mean_T"], result["mean_lnT"], N, diffusive_above)
    result["l"] = l
    result["ohmic"] = N * l / (lengths + l) if np.isfinite(l) else np.full(len(lengths), np.nan)
    mask = result["mean_lnT"] < localized_below
    fit = None
    if np.count_nonzero(mask) >= 2:
        try:
            fit = fit_localization_length(lengths[mask], lnT[mask])
        except ValueError:
            fit = None
    result["fit"] = fit
    result["fit_mask"] = mask
    result["histograms"] = [log_transmission_distribution(row, bins=bins) for row in lnT]
    result["seeds"] = 1000 * lengths + seed_offset
    return result


def chain_localization_scan(strengths, *, energy, realizations=200, multiples=(2, 4, 6, 8),
                            seed_offset=0, progress=None):
    """Localization length of the 1D Anderson chain against disorder, fitted and perturbative.

    Parameters
    ----------
    strengths : array_like, shape (n,)
        Disorder strengths Wd > 0 (units of t).
    energy : float
        Energy in the band 0 < E < 4t (band centre 2t).
    realizations : int
        Chains per length.
    multiples : sequence of float
        The lengths of the fit are these multiples of the perturbative xi (at least 8 sites),
        so that every fit sits deep in the localized regime.
    seed_offset : int
    progress : callable, optional
        progress(done, total), once per strength.

    Returns
    -------
    dict
        "strength" (n,), "xi", "xi_error" (fit of <ln T> = c - 2L/xi with
        `fit_localization_length`), "perturbative" (n,) 24(4t^2 - eps^2)/Wd^2, "lengths"
        (n, len(multiples)); "grid", "grid_perturbative" (100,) the formula on a fine grid of
        strengths for plotting. At the band centre the exact xi is about 105/Wd^2, not 96/Wd^2
        (Kappus-Wegner 1981). Lesson 7.
    """
    strengths = as_real_array(strengths, "strengths", ndim=1)
    if np.any(strengths <= 0):
        raise ValueError(f"strengths must be > 0, got {strengths}")
    energy = as_real_scalar(energy, "energy")
    if not 0 < energy < 4:
        raise ValueError(f"energy must lie inside the chain band 0 < E < 4, got {energy}")
    xi_p = np.array([float(perturbative_localization_length(energy, Wd)) for Wd in strengths])
    xi, err, all_lengths = [], [], []
    for i, (Wd, x) in enumerate(zip(strengths, xi_p)):
        lengths = np.unique(np.maximum(8, np.round(np.asarray(multiples) * x)).astype(int))
        lnT = log_transmission_ensemble(lengths, realizations, energy=energy, strength=Wd,
                                        seed_offset=seed_offset)
        fit = fit_localization_length(lengths, lnT)
        xi.append(fit.xi)
        err.append(fit.xi_error)
        all_lengths.append(lengths)
        if progress is not None:
            progress(i + 1, len(strengths))
    grid = np.geomspace(strengths.min(), strengths.max(), 100)
    return {"strength": strengths, "xi": np.array(xi), "xi_error": np.array(err),
            "perturbative": xi_p, "lengths": all_lengths, "grid": grid,
            "grid_perturbative": perturbative_localization_length(energy, 1.0) / grid**2}


def width_scan(widths, lengths, realizations, *, energy, strength, short_lengths=None,
               diffusive_above=DIFFUSIVE_ABOVE, seed_offset=0, progress=None):
    """Localization length of strips of several widths (more channels, longer xi).

    Parameters
    ----------
    widths : array_like of int, shape (n_W,)
        Strip widths (sites).
    lengths : array_like of int, shape (n_W, n_L) or (n_L,)
        Lengths used for the fit of each width (they should all exceed that width's xi; a 1D
        array is used for every width).
    realizations : int
    energy, strength : float
        Energy (units of t, band bottom 0) and disorder strength Wd.
    short_lengths : array_like of int, optional
        Short wires (L << xi) from which the mean free path l of each width is fitted as in
        `length_scan` (lengths with <ln T> > `diffusive_above`), to compare xi with the DMPK
        value (N + 1) l width by width.
    diffusive_above : float
    seed_offset : int
    progress : callable, optional
        progress(done, total), once per width.

    Returns
    -------
    dict
        "W", "N" (open channels), "xi", "xi_error" (arrays (n_W,)), "mean_lnT" (n_W, n_L),
        "lengths" (n_W, n_L); with `short_lengths` also "l" (n_W,) and "dmpk" (n_W,) = (N + 1) l.
        Lesson 7.
    """
    widths = as_real_array(widths, "widths", ndim=1).astype(int)
    lengths = as_real_array(lengths, "lengths", ndim=(1, 2))
    if lengths.ndim == 1:
        lengths = np.tile(lengths, (len(widths), 1))
    if lengths.shape[0] != len(widths):
        raise ValueError(f"lengths must have one row per width, got shape {lengths.shape}")
    lengths = lengths.astype(int)
    if short_lengths is not None:
        short_lengths = as_real_array(short_lengths, "short_lengths", ndim=1).astype(int)
    N, xi, err, means, ls = [], [], [], [], []
    for i, (W, row) in enumerate(zip(widths, lengths)):
        lnT = log_transmission_ensemble(row, realizations, energy=energy, strength=strength, W=int(W),
                                        seed_offset=seed_offset)
        fit = fit_localization_length(row, lnT)
        N.append(int(open_modes(energy, int(W))))
        xi.append(fit.xi)
        err.append(fit.xi_error)
        means.append(lnT.mean(axis=1))
        if short_lengths is not None:
            short = ensemble_summary(log_transmission_ensemble(
                short_lengths, realizations, energy=energy, strength=strength, W=int(W),
                seed_offset=seed_offset))
            ls.append(_fit_mean_free_path(short_lengths, short["mean_T"], short["mean_lnT"], N[-1],
                                          diffusive_above))
        if progress is not None:
            progress(i + 1, len(widths))
    result = {"W": widths, "N": np.array(N), "xi": np.array(xi), "xi_error": np.array(err),
              "mean_lnT": np.array(means), "lengths": lengths}
    if short_lengths is not None:
        result["l"] = np.array(ls)
        result["dmpk"] = (result["N"] + 1) * result["l"]
    return result


def cyclotron_radius(flux, energy, *, t=1.0):
    """Classical cyclotron radius R_c = k / (2 pi phi) of an electron on the strip lattice (sites).

    Parameters
    ----------
    flux : float or array_like
        Flux per plaquette phi in units of h/e (phi != 0).
    energy : float
        Fermi energy in units of t above the band bottom of the square lattice (E << 4t, where
        the band is the parabola E = t k^2 with hbar^2/2m = t a^2).
    t : float, optional
        Hopping.

    Returns
    -------
    float or ndarray, R_c in lattice constants, shape of `flux`.

    Notes
    -----
    R_c = hbar k / (e B) with B a^2 = phi h/e gives R_c = k a^2 / (2 pi phi), k = sqrt(E/t)/a.
    Lesson 7: weak localization is cleanly separated from classical effects (orbit bending,
    the field acting on the leads) only while R_c >> L, W.
    """
    phis = as_real_array(flux, "flux")
    if np.any(phis == 0):
        raise ValueError(f"flux must be non-zero, got {flux}")
    energy = as_positive(energy, "energy")
    t = as_positive(t, "t")
    result = np.sqrt(energy / t) / (2 * np.pi * np.abs(phis))
    return scalar_or_array(result)


def magnetoconductance(fluxes, realizations, *, L, W, energy, strength, seed_offset=0, progress=None):
    """Weak localization: ensemble-averaged transmission of a disordered strip against flux.

    Parameters
    ----------
    fluxes : array_like, shape (n_f,)
        Flux per plaquette (units of h/e); the same disorder realizations at every flux.
    realizations : int
        Strips (seeds 1000 L + r + seed_offset).
    L, W : int
        Length and width of the disordered strip (sites).
    energy, strength : float
        Fermi energy (units of t, band bottom 0) and disorder strength Wd.
    seed_offset : int
    progress : callable, optional
        progress(done, total), once per flux.

    Returns
    -------
    dict
        "flux" (n_f,), "T" (n_f, R) each strip at each flux, "mean_T", "sem_T" (n_f,);
        "delta" (n_f,) the mean of T(flux) - T(0) strip by strip and "sem_delta" its standard
        error (the paired differences cancel most of the sample-to-sample spread);
        "quanta" (n_f,) the flux through the whole strip, flux W L, in h/e; "N".

    Notes
    -----
    At zero field every closed path and its time reverse interfere constructively on the way
    back, so backscattering is enhanced and <T> is reduced (weak localization). A flux gives the
    two a phase difference 2 x (flux through the loop / (h/e)) x 2 pi, i.e. 2 pi per flux quantum
    h/2e; once a flux quantum h/2e or so threads the sample the correction is gone and <T>
    saturates. In a long diffusive wire
    (l << L << N l, L >> W) the correction is 1/3 in these units; two-terminal transmissions
    obey T(flux) = T(-flux) strip by strip (Onsager-Buttiker). Lesson 7.
    """
    fluxes = as_real_array(fluxes, "fluxes", ndim=1)
    L = as_positive_int(L, "L")
    W = as_positive_int(W, "W")
    realizations = as_positive_int(realizations, "realizations")
    if realizations < 2:
        raise ValueError("realizations must be >= 2 for standard errors")
    all_fluxes = np.unique(np.append(fluxes, 0.0))
    total = len(all_fluxes)
    rows = {}
    for i, f in enumerate(all_fluxes):
        rows[f] = np.exp(log_transmission_ensemble([L], realizations, energy=energy, strength=strength,
                                                   W=W, flux=float(f), seed_offset=seed_offset)[0])
        if progress is not None:
            progress(i + 1, total)
    T = np.array([rows[f] for f in fluxes])
    diff = T - rows[0.0]
    return {"flux": fluxes, "T": T, "mean_T": T.mean(axis=1),
            "sem_T": T.std(axis=1, ddof=1) / np.sqrt(realizations),
            "delta": diff.mean(axis=1), "sem_delta": diff.std(axis=1, ddof=1) / np.sqrt(realizations),
            "quanta": fluxes * W * L, "N": int(open_modes(energy, W))}
