"""Scattering-matrix physics of lesson 4: amplitudes of 1D barriers, coherent against incoherent
composition, and the statistics of transmission eigenvalues of disordered strips.

Used by lesson 4, "The scattering matrix" (its explorers and exercises); lesson 7
(localization) uses its `mean_free_path`.

Conventions (README, "Units and conventions")
-----------------------------------------------
- Continuum barriers: energies in eV, lengths in nm, effective mass ``m_eff`` in units of m_e
  (0.067 for GaAs); amplitudes as in `helpers.continuum` (flux-normalized plane waves
  referenced to x = 0).
- Lattice strips: energies and disorder strength in units of t, square lattice with band bottom
  at E = 0, Anderson disorder of realization r drawn with the course seed 1000 L + r
  (`helpers.disorder.reference_seed`). Transmissions per spin.

The bimodal law (Dorokhov 1984; Mello, Pereyra and Kumar 1988)
--------------------------------------------------------------
Write each transmission eigenvalue as T = 1 / cosh^2 x. In a diffusive wire (mean free path
l << L << N l) the DMPK equation gives a density of x that is flat, rho(x) = g = N l / L, on
0 < x < L / l. Changing variables, |dT/dx| = 2 T sqrt(1 - T), so

    rho(T) = g / (2 T sqrt(1 - T)),    T_min < T < 1,    T_min = 1 / cosh^2(L / l) ~ 4 exp(-2L/l).

It integrates to the number of channels, int rho dT = g L / l = N (the 1/T singularity is cut at
T_min, channels exponentially closed), to the conductance, int T rho dT = g tanh(L / l) ~ g, and
gives the shot-noise Fano factor int T (1 - T) rho dT / int T rho dT = 1/3 (Beenakker and
Buttiker 1992).

One definition of g and l is used throughout lesson 4: g is the measured mean conductance
<sum_n T_n> and l is *defined* by g = N l / L, i.e. l = g L / N and L / l = N / g
(`eigenvalue_summary`). With it the flat density g on 0 < x < L/l holds exactly N eigenvalues.
(`mean_free_path`, used by lesson 7, instead includes the contact resistance,
1/g = (L + l)/(N l); the two agree for L >> l.) The law needs g >> 1 (not localized) and
L / l = N / g >> 1 (not ballistic); the widget draws it only for 1 <= g <= N / 2.
"""

import numpy as np

from .._validation import as_nonnegative, as_positive, as_positive_int, as_real_array, as_real_scalar
from ..continuum import check_layout, check_m_eff, layout_amplitudes
from ..disorder import anderson_potential, reference_seed
from ..fisher_lee import smatrix
from ..leads import open_modes

__all__ = [
    "barrier_amplitudes",
    "double_barrier_comparison",
    "resonance_energies",
    "transmission_eigenvalue_ensemble",
    "fano_factor",
    "bimodal_density",
    "bimodal_cutoff",
    "mean_free_path",
    "eigenvalue_histogram",
    "eigenvalue_summary",
]


# ---------------------------------------------------------------------------------------------
# 1D barriers: the amplitudes t and r, and two barriers in series
# ---------------------------------------------------------------------------------------------
def barrier_amplitudes(energies, height, width, *, m_eff=1.0):
    """Transmission and reflection amplitudes t(E), r(E) of a rectangular barrier, vectorized.

    Parameters
    ----------
    energies : array_like, shape (n,)
        Energies in eV, all > 0 (the leads are at V = 0).
    height : float
        Barrier height V0 in eV (negative for a square well).
    width : float
        Barrier width d in nm (> 0); the barrier sits on 0 < x < d.
    m_eff : float, optional
        Effective mass in units of m_e.

    Returns
    -------
    dict
        ``"E"`` (n,), ``"t"`` and ``"r"`` complex (n,) (flux-normalized, referenced to x = 0, as
        in `helpers.continuum.rectangular_barrier`), ``"T"`` = |t|^2, ``"R"`` = |r|^2,
        ``"phase_t"``, ``"phase_r"`` = arg t, arg r in units of pi, in (-1, 1].

    Notes
    -----
    Lesson 4, widget 1. Unitarity of the 2 x 2 S-matrix gives R + T = 1. For a symmetric
    barrier it also gives arg r - arg t = +-pi/2 wherever both are non-zero, but only with the
    phases referred to the barrier centre x = d/2; with the reference at x = 0 used here, r picks
    up the round trip to the centre and back, so arg r - arg t = +-pi/2 + k d (mod 2 pi), with
    k = sqrt(2 m_eff E)/hbar the wave number in the leads.
    """
    E = as_real_array(energies, "energies", ndim=1)
    if np.any(E <= 0):
        raise ValueError("energies must be > 0 eV (above the lead potential)")
    V0 = as_real_scalar(height, "height")
    d = as_positive(width, "width")
    x, V, deltas = check_layout([0.0, d], [0.0, V0, 0.0], None)
    with np.errstate(under="ignore"):
        r, t, _, _, _, _ = layout_amplitudes(E, x, V, deltas, check_m_eff(m_eff))
    return {"E": E, "t": t, "r": r, "T": np.abs(t) ** 2, "R": np.abs(r) ** 2,
            "phase_t": np.angle(t) / np.pi, "phase_r": np.angle(r) / np.pi}


def double_barrier_comparison(energies, height, width, spacing, *, m_eff=1.0, resonances=False):
    """Two equal barriers in series: coherent (star product) against incoherent combination.

    Parameters
    ----------
    energies : array_like, shape (n,)
        Energies in eV, all > 0.
    height, width : float
        Height (eV) and width (nm) of each barrier.
    spacing : float
        Distance between the barriers in nm (> 0): barriers on [0, d] and [d + s, 2d + s].
    m_eff : float, optional
        Effective mass in units of m_e.
    resonances : bool, optional
        Also find the resonance energies below the barrier top (`resonance_energies`) and add
        those inside the range of `energies` to the grid, so a plotted peak reaches T = 1 however
        narrow it is.

    Returns
    -------
    dict of (n,) arrays
        ``"E"`` (sorted, resonances included if asked); ``"resonances"`` (only if asked);
        ``"single"``: T1 of one barrier; ``"coherent"``: T of the pair from the star
        product of the two S-matrices (`helpers.scattering.series`), phases kept;
        ``"incoherent"``: probabilities combined as in `helpers.scattering.incoherent_series`,
        T = T1^2 / (1 - R1^2) = T1 / (2 - T1).

        Coherent: t = t2 t1 / (1 - r1' r2) (the 1 x 1 star product of
        `helpers.scattering.series`); incoherent: T = T1 T2 / (1 - R1' R2). Both vectorized
        over energy; the tests compare them with `series` and `incoherent_series`.

    Notes
    -----
    Lesson 4, widget 2. The coherent T reaches 1 at the quasi-bound levels of the well between
    the barriers (resonant tunnelling) and is tiny in between; the incoherent T = T1/(2 - T1) is a
    smooth curve below T1 (about T1/2 when T1 is small) and does not depend on the spacing at
    all.
    """
    E = as_real_array(energies, "energies", ndim=1)
    if np.any(E <= 0):
        raise ValueError("energies must be > 0 eV (above the lead potential)")
    V0 = as_real_scalar(height, "height")
    d = as_positive(width, "width")
    s = as_positive(spacing, "spacing")
    m = check_m_eff(m_eff)
    found = None
    if resonances:
        found = resonance_energies(V0, d, s, m_eff=m, points=2000) if V0 > 0 else np.zeros(0)
        inside = found[(found >= E.min()) & (found <= E.max())]
        E = np.unique(np.concatenate([E, inside]))
    x1, V1, no = check_layout([0.0, d], [0.0, V0, 0.0], None)
    x2, V2, _ = check_layout([d + s, 2 * d + s], [0.0, V0, 0.0], None)
    with np.errstate(under="ignore"):
        a = layout_amplitudes(E, x1, V1, no, m)[:4]
        b = layout_amplitudes(E, x2, V2, no, m)[:4]
    r1, t1, rp1, tp1 = a
    r2, t2, rp2, tp2 = b
    # 1 x 1 blocks: the star product of helpers.scattering.series, vectorized over energy
    coherent = np.abs(t2 * t1 / (1 - rp1 * r2)) ** 2
    # probabilities instead of amplitudes: helpers.scattering.incoherent_series
    single = np.abs(t1) ** 2
    incoherent = single * np.abs(t2) ** 2 / (1 - np.abs(rp1) ** 2 * np.abs(r2) ** 2)
    out = {"E": E, "single": single, "coherent": coherent, "incoherent": incoherent}
    if resonances:
        out["resonances"] = found
    return out


def resonance_energies(height, width, spacing, *, m_eff=1.0, points=4000):
    """Energies (eV) of the transmission peaks of a symmetric double barrier below its top.

    Parameters
    ----------
    height, width, spacing, m_eff
        As in `helpers.continuum.double_barrier` (eV, nm, nm, m_e).
    points : int, optional
        Grid on (0, height) used to bracket the peaks before each is refined.

    Returns
    -------
    ndarray
        Peak positions E_n, ascending, where T(E_n) = 1 (symmetric barriers). Refined to about
        1e-12 relative by maximizing T(E) on shrinking local grids.

    Notes
    -----
    Lesson 4. For thick barriers E_n tends to the bound levels of a finite square well of
    depth V0 and width `spacing`; they lie below the hard-wall levels
    n^2 pi^2 hbar^2 / (2 m s^2) because the wave leaks into the barriers.
    """
    from ..continuum import double_barrier_transmission

    V0 = as_positive(height, "height")
    points = as_positive_int(points, "points")
    T_of = lambda e: double_barrier_transmission(e, V0, width, spacing, m_eff=m_eff)  # noqa: E731
    E = np.linspace(0, V0, points + 1)[1:-1]
    T = T_of(E)
    peaks = np.nonzero((T[1:-1] > T[:-2]) & (T[1:-1] >= T[2:]))[0] + 1
    if peaks.size == 0:
        return np.zeros(0)
    # refine all peaks at once: a local grid of 41 points across the bracket, shrunk 20 times
    # per round around its best point, until the bracket is below 1e-13 eV relative
    centre, half = E[peaks], np.full(peaks.size, E[1] - E[0])
    offsets = np.linspace(-1, 1, 41)
    while np.max(half) > 1e-13 * V0:
        grid = np.clip(centre[:, None] + half[:, None] * offsets, E[0], E[-1])
        best = np.argmax(T_of(grid), axis=1)
        centre = grid[np.arange(peaks.size), best]
        half = half / 20
    return np.sort(centre)


# ---------------------------------------------------------------------------------------------
# disordered strips: transmission eigenvalues and their statistics
# ---------------------------------------------------------------------------------------------
def transmission_eigenvalue_ensemble(L, W, strength, energy, realizations, seed_offset=0):
    """Transmission eigenvalues T_n of many Anderson-disordered strips.

    Parameters
    ----------
    L, W : int
        Length and width of the disordered region in sites.
    strength : float
        Anderson disorder strength Wd >= 0 in units of t.
    energy : float
        Fermi energy in units of t (strip band bottom at 0).
    realizations : int
        Number of disorder realizations.
    seed_offset : int, optional
        Realization r uses the seed ``reference_seed(L, seed_offset + r)`` = 1000 L + offset + r.

    Returns
    -------
    ndarray, shape (realizations, N)
        Eigenvalues of t^dagger t of each realization, ascending, each in [0, 1];
        N = `helpers.open_modes(energy, W)`. Each row sums to that realization's T = Tr t^dagger t.

    Notes
    -----
    Lesson 4, widget 3. Uses `helpers.smatrix` on `helpers.anderson_potential`. A W = 20,
    L = 60 strip takes about 6 ms per realization.
    """
    L = as_positive_int(L, "L")
    W = as_positive_int(W, "W")
    strength = as_nonnegative(strength, "strength")
    energy = as_real_scalar(energy, "energy")
    realizations = as_positive_int(realizations, "realizations")
    if isinstance(seed_offset, bool) or not isinstance(seed_offset, (int, np.integer)) or seed_offset < 0:
        raise ValueError(f"seed_offset must be a non-negative integer, got {seed_offset!r}")
    N = int(open_modes(energy, W))
    out = np.zeros((realizations, N))
    for r in range(realizations):
        V = anderson_potential(L, W, strength=strength, rng=reference_seed(L, seed_offset + r))
        out[r] = smatrix(V, energy).transmission_eigenvalues()
    return out


def fano_factor(eigenvalues):
    """Shot-noise Fano factor F = sum_n T_n (1 - T_n) / sum_n T_n.

    Parameters
    ----------
    eigenvalues : array_like
        Transmission eigenvalues in [0, 1], any shape; an ensemble (realizations, N) is pooled
        (ratio of the sums over everything, i.e. <noise> / <current>).

    Returns
    -------
    float
        0 for open (T = 1) channels, 1 - T for one channel (Poisson noise when T -> 0), 1/3 for
        a diffusive wire (lesson 4). NaN-free: raises if every eigenvalue is 0.
    """
    T = as_real_array(eigenvalues, "eigenvalues")
    if np.any(T < 0) or np.any(T > 1):
        raise ValueError("eigenvalues must lie in [0, 1]")
    total = T.sum()
    if total == 0:
        raise ValueError("eigenvalues are all 0: no current, the Fano factor is undefined")
    return float(np.sum(T * (1 - T)) / total)


def bimodal_cutoff(L_over_l):
    """Smallest transmission eigenvalue of the bimodal law, T_min = 1 / cosh^2(L / l).

    Parameters
    ----------
    L_over_l : float
        Length in units of the mean free path (> 0).

    Returns
    -------
    float
        T_min; for L >> l, T_min ~ 4 exp(-2 L / l).
    """
    x = as_positive(L_over_l, "L_over_l")
    return float(1.0 / np.cosh(x) ** 2) if x < 350 else 0.0


def bimodal_density(T, g, *, T_min=0.0):
    """DMPK density of transmission eigenvalues of a diffusive wire, rho(T) = g / (2 T sqrt(1 - T)).

    Parameters
    ----------
    T : float or array_like
        Transmission eigenvalues in [0, 1].
    g : float
        Mean dimensionless conductance g = N l / L (per spin, G/G0 = g), > 0.
    T_min : float, optional
        Cutoff 1/cosh^2(L/l) (`bimodal_cutoff`); rho = 0 below it.

    Returns
    -------
    float or ndarray, shape of `T`
        Number of eigenvalues per unit T per realization; inf at T = 0 (without cutoff) and T = 1.

    Notes
    -----
    Dorokhov (1984), Mello-Pereyra-Kumar (1988); module docstring. Normalization:
    int_0^1 T rho dT = g (the mean conductance), int_{T_min}^1 rho dT = g arccosh(T_min^{-1/2})
    = g L / l = N, and the Fano factor of the density is exactly 1/3.
    """
    Ts = as_real_array(T, "T")
    g = as_positive(g, "g")
    T_min = as_nonnegative(T_min, "T_min")
    if np.any(Ts < 0) or np.any(Ts > 1):
        raise ValueError("T must lie in [0, 1]")
    with np.errstate(divide="ignore"):
        rho = np.where(Ts >= T_min, g / (2 * Ts * np.sqrt(1 - Ts)), 0.0)
    return float(rho) if rho.ndim == 0 else rho


def mean_free_path(g, N, L):
    """Mean free path from the mean conductance of a wire with N channels: l = g L / (N - g).

    Parameters
    ----------
    g : float
        Mean conductance in units of G0 (per spin, = <sum T_n>), 0 < g < N.
    N : int
        Open channels.
    L : float
        Length of the disordered region (sites or nm: l comes out in the same unit).

    Returns
    -------
    float

    Notes
    -----
    Inverts 1/g = (L + l)/(N l): the wire's resistance, h/2e^2 times (1/N for the contacts
    plus L/(N l) for the disorder), the incoherent series rule of lesson 1.
    """
    g = as_positive(g, "g")
    N = as_positive_int(N, "N")
    L = as_positive(L, "L")
    if g >= N:
        raise ValueError(f"g must be smaller than N = {N} (g = N means no scattering), got {g}")
    return g * L / (N - g)


def eigenvalue_histogram(eigenvalues, bins=20):
    """Histogram of transmission eigenvalues as a density per realization (compare `bimodal_density`).

    Parameters
    ----------
    eigenvalues : array_like, shape (realizations, N)
    bins : int
        Equal bins on [0, 1].

    Returns
    -------
    edges : ndarray, shape (bins + 1,)
    density : ndarray, shape (bins,)
        Eigenvalues per unit T per realization: sum(density * width) = N.
    """
    T = as_real_array(eigenvalues, "eigenvalues", ndim=2)
    bins = as_positive_int(bins, "bins")
    counts, edges = np.histogram(T.ravel(), bins=bins, range=(0.0, 1.0))
    return edges, counts / (T.shape[0] * np.diff(edges))


def eigenvalue_summary(eigenvalues, L, *, bins=20, points=200):
    """What lesson 4's eigenvalue widget shows about an ensemble: histogram, bimodal law, F.

    Parameters
    ----------
    eigenvalues : array_like, shape (realizations, N)
        Transmission eigenvalues, e.g. from `transmission_eigenvalue_ensemble`.
    L : float
        Length of the strips (sites), for the mean free path.
    bins : int
        Histogram bins on [0, 1].
    points : int
        Points of the bimodal curve.

    Returns
    -------
    dict
        ``"edges"``, ``"density"`` (`eigenvalue_histogram`); ``"g"`` = <sum_n T_n>;
        ``"l"`` = g L / N, the mean free path *defined* by g = N l / L (module docstring; inf for
        a clean strip), so that ``"L_over_l"`` = N / g; ``"T_min"`` = `bimodal_cutoff(L/l)`;
        ``"T"``, ``"bimodal"``: the curve `bimodal_density` (g, T_min) on [T_min, 1), points
        spaced evenly in x (T = 1/cosh^2 x, x from L/l down to (L/l)/points) so both ends are
        resolved; it holds int rho dT = g L/l = N eigenvalues on [T_min, 1];
        ``"regime"``: "localized" (g < 1, i.e. L > N l), "quasi-ballistic" (g > N/2, i.e.
        L < 2 l) or "diffusive" (1 <= g <= N/2, where the bimodal law applies);
        ``"fano"``: pooled Fano factor; ``"fano_each"``: per realization (NaN when T = 0).

    Notes
    -----
    Lesson 4, widget 3 and section 4. The DMPK result assumes l << L << N l, i.e. 1 << N/g and
    g >> 1; with N = 10 channels the "diffusive" window 1 <= g <= 5 is only marginally so.
    """
    T = as_real_array(eigenvalues, "eigenvalues", ndim=2)
    edges, density = eigenvalue_histogram(T, bins)
    points = as_positive_int(points, "points")
    N = T.shape[1]
    g = float(T.sum(axis=1).mean())
    if g <= 0:
        raise ValueError("every strip of the ensemble is closed (g = 0)")
    L = as_positive(L, "L")
    clean = g >= N * (1 - 1e-9)
    L_over_l = 0.0 if clean else N / g
    l = np.inf if clean else g * L / N
    T_min = bimodal_cutoff(L_over_l) if not clean else 1.0
    x = L_over_l * np.arange(points, 0, -1) / points  # L/l ... (L/l)/points, T ascending
    with np.errstate(over="ignore"):
        curve_T = 1.0 / np.cosh(x) ** 2
    # x[0] = L/l: the curve starts at T_min itself (numpy's vectorized cosh may differ from the
    # scalar one in the last bit, which would put that point just below the cutoff)
    curve_T[0] = T_min
    curve = bimodal_density(curve_T, g, T_min=T_min) if not clean else np.zeros(0)
    if clean:
        curve_T = np.zeros(0)
    regime = "localized" if g < 1 else "quasi-ballistic" if g > N / 2 else "diffusive"
    sums = T.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        each = np.where(sums > 0, np.sum(T * (1 - T), axis=1) / sums, np.nan)
    return {"edges": edges, "density": density, "g": g, "l": l, "L_over_l": L_over_l,
            "T_min": T_min, "T": curve_T, "bimodal": curve, "regime": regime,
            "fano": fano_factor(T), "fano_each": each}
