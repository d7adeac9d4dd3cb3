"""Counting channels and the quantum point contact (lesson 3, "Counting channels, quantized conductance").

Used by lesson 3, "Counting channels, quantized conductance" (its explorers and exercises).

Two pictures of the same physics:

- The clean strip: hard-wall transverse modes (a particle in a box on the lattice), subband
  thresholds, the number of open channels N(E) and the staircase G = G0 N(E).
- The quantum point contact (QPC): a smooth saddle-shaped potential in a strip, either as
  Büttiker's analytic saddle-point model (PRB 41, 7906 (1990)) or as a lattice constriction
  whose transmission is computed with :func:`helpers.transmission`.

Conventions (README, "Units and conventions"): square lattice, a = 1, hopping t, on-site 4t + V(x, y), energies and
potentials in units of t, strip sites x = 0..L-1, y = 0..W-1, transmission per spin, conductance
in G0 = 2e^2/h. On the lattice hbar^2 / (2 m) = t a^2, so a continuum formula with mass m
reads in lattice units with hbar^2/(2m) -> t.

The gate voltage Vg of the lattice QPC is measured as an energy (units of t, electron charge
set to 1) with the sign of an experiment: the saddle sits at the potential energy -Vg, so a
more negative Vg closes the constriction and G rises with Vg, as in van Wees et al. (1988).
"""

import functools

import numpy as np

from .._validation import as_nonnegative, as_positive, as_positive_int, as_real_array, as_real_scalar
from ..fermi import thermal_kernel
from ..leads import band_structure, open_modes, subband_thresholds
from ..lattice import lattice_from_potential
from ..rgf import log_transmission_batch, transmission

__all__ = [
    "transverse_modes",
    "continuum_subband_energies",
    "mode_picture",
    "saddle_point_transmissions",
    "saddle_point_transmission",
    "saddle_point_curve",
    "qpc_potential",
    "constriction_subbands",
    "qpc_transmission",
    "gate_sweep",
    "thermal_smearing",
    "qpc_curve",
    "PROFILES",
    "SMEARING_PAD",
]

#: Shapes of the lattice constriction (see `qpc_potential`).
PROFILES = ("smooth", "abrupt")


# --- the clean strip ------------------------------------------------------------------------------

def transverse_modes(W, *, t=1.0):
    """Transverse eigenmodes of a hard-wall lattice strip of width W (a particle in a box).

    Parameters
    ----------
    W : int
        Width in sites (y = 0..W-1), hard walls at y = -1 and y = W.
    t : float, optional
        Hopping (unit of energy).

    Returns
    -------
    y : ndarray, shape (W,)
        Site positions 0..W-1.
    phi : ndarray, shape (W, W)
        ``phi[:, n-1]`` is phi_n(y) = sqrt(2/(W+1)) sin(n pi (y+1)/(W+1)), n = 1..W, normalized
        to sum_y phi_n(y)^2 = 1.
    eps : ndarray, shape (W,)
        Subband bottoms eps_n = 2t (1 - cos(n pi/(W+1))) in units of t (band bottom 0).

    Notes
    -----
    Lesson 3: each transverse mode n is a channel; it carries current once E > eps_n.
    """
    W = as_positive_int(W, "W")
    t = as_positive(t, "t")
    y = np.arange(W)
    n = np.arange(1, W + 1)
    phi = np.sqrt(2.0 / (W + 1)) * np.sin(np.pi * np.outer(y + 1, n) / (W + 1))
    eps = 2 * t * (1 - np.cos(n * np.pi / (W + 1)))
    return y, phi, eps


def continuum_subband_energies(n, W, *, t=1.0):
    """Continuum particle-in-a-box subband bottoms (hbar^2/2m)(n pi / W_eff)^2 in lattice units.

    Parameters
    ----------
    n : int or array_like of int
        Mode index n >= 1.
    W : int
        Lattice width in sites; the hard walls sit at y = -1 and y = W, so the box is
        W_eff = W + 1 lattice constants wide.
    t : float, optional
        Hopping; on the lattice hbar^2/(2m) = t a^2.

    Returns
    -------
    ndarray (or float), energies t (n pi/(W+1))^2 in units of t.

    Notes
    -----
    Lesson 3: the lattice result 2t(1 - cos q) with q = n pi/(W+1) is t q^2 - t q^4/12 + ...,
    so the two agree for n << W (relative difference about q^2/12).
    """
    W = as_positive_int(W, "W")
    t = as_positive(t, "t")
    n = as_real_array(n, "n")
    if np.any(n < 1) or np.any(n != np.round(n)):
        raise ValueError(f"n must be integers >= 1, got {n}")
    out = t * (n * np.pi / (W + 1)) ** 2
    return float(out) if out.ndim == 0 else out


def mode_picture(W, energy, *, t=1.0, k_points=201):
    """Everything the mode-picture widget of lesson 3 draws, for a strip of width W at `energy`.

    Parameters
    ----------
    W : int
        Strip width in sites.
    energy : float
        Energy E in units of t (band bottom 0).
    t : float, optional
        Hopping.
    k_points : int, optional
        Number of longitudinal wave numbers in [-pi, pi] for the dispersion.

    Returns
    -------
    dict with
        ``y`` (W,), ``phi`` (W, W) and ``eps`` (W,) from `transverse_modes`;
        ``is_open`` (W,) bool, subband n open at E (eps_n < E < eps_n + 4t);
        ``n_open`` int, the number of open channels N(E) (= :func:`helpers.open_modes`);
        ``k`` (k_points,) and ``bands`` (k_points, W): E_n(k) = eps_n + 2t(1 - cos k);
        ``staircase_E`` and ``staircase_N``: N(E) sampled finely on [0, 8t], for drawing;
        ``G`` = N(E) in units of G0 (a clean strip transmits every open channel fully).
    """
    W = as_positive_int(W, "W")
    E = as_real_scalar(energy, "energy")
    k_points = as_positive_int(k_points, "k_points")
    y, phi, eps = transverse_modes(W, t=t)
    is_open = (E > eps) & (E < eps + 4 * t)
    n_open = open_modes(E, W, t=t)
    k = np.linspace(-np.pi, np.pi, k_points)
    bands = band_structure(k, W, t=t)
    staircase_E = np.linspace(0.0, 8.0 * t, 1601)
    staircase_N = open_modes(staircase_E, W, t=t)
    return {"y": y, "phi": phi, "eps": eps, "is_open": is_open, "n_open": int(n_open),
            "k": k, "bands": bands, "staircase_E": staircase_E, "staircase_N": staircase_N,
            "G": float(n_open)}


# --- Büttiker's saddle-point model ------------------------------------------------------------------

def saddle_point_transmissions(energy, V0, hw_x, hw_y, n_modes):
    """Transmission of each mode through a saddle potential (Büttiker, PRB 41, 7906 (1990)).

    The saddle V(x, y) = V0 - m w_x^2 x^2 / 2 + m w_y^2 y^2 / 2 transmits mode n = 0, 1, ...
    with probability

        T_n = 1 / (1 + exp(-2 pi eta_n)),   eta_n = (E - V0 - hbar w_y (n + 1/2)) / (hbar w_x)

    Parameters
    ----------
    energy : float or array_like
        Energy E (any unit shared with V0, hw_x, hw_y; units of t in the lattice lessons).
    V0 : float
        Height of the saddle.
    hw_x : float or array_like
        hbar w_x > 0, curvature of the barrier along the transport direction. An array of
        shape (n_modes,) gives each mode its own curvature.
    hw_y : float
        hbar w_y > 0, transverse confinement: thresholds are spaced by hbar w_y.
    n_modes : int
        Number of modes n = 0..n_modes-1 to include.

    Returns
    -------
    ndarray, shape ``energy.shape + (n_modes,)``, values in [0, 1].

    Notes
    -----
    Lesson 3: T_n = 1/2 exactly at the threshold E = V0 + hbar w_y (n + 1/2); the step from 0
    to 1 has a width ~ hbar w_x, so the staircase is sharp when w_y >> w_x.
    """
    E = as_real_array(energy, "energy")
    V0 = as_real_scalar(V0, "V0")
    hw_y = as_positive(hw_y, "hw_y")
    n_modes = as_positive_int(n_modes, "n_modes")
    hw_x = as_real_array(hw_x, "hw_x")
    if hw_x.ndim not in (0, 1) or (hw_x.ndim == 1 and hw_x.shape != (n_modes,)):
        raise ValueError(f"hw_x must be a number or an array of shape ({n_modes},), got shape {hw_x.shape}")
    if np.any(hw_x <= 0):
        raise ValueError(f"hw_x must be > 0, got {hw_x}")
    n = np.arange(n_modes)
    eps = (E[..., None] - V0 - hw_y * (n + 0.5)) / hw_x
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-2 * np.pi * eps))


def saddle_point_transmission(energy, V0, hw_x, hw_y, n_modes=50):
    """Total transmission sum_n T_n of Büttiker's saddle (per spin); G/G0 at kT = 0.

    Parameters as in `saddle_point_transmissions`. Returns an array with the shape of `energy`
    (a float for a scalar energy). For hw_x -> 0 it tends to the staircase
    N = number of n >= 0 with E > V0 + hbar w_y (n + 1/2).
    """
    out = saddle_point_transmissions(energy, V0, hw_x, hw_y, n_modes).sum(axis=-1)
    return float(out) if out.ndim == 0 else out


def saddle_point_curve(energy, V0, hw_x, hw_y, kT, n_modes=6, *, n_sum=50):
    """Büttiker's saddle at temperature kT: per-mode T_n(E) and G(E)/G0 averaged over -df/dE.

    Parameters
    ----------
    energy : array_like, 1D ascending
        Fermi energies (units of t), a grid fine compared with hw_x and kT.
    V0, hw_x, hw_y
        As in `saddle_point_transmissions` (hw_x a number).
    kT : float
        Thermal energy >= 0 (units of t).
    n_modes : int, optional
        Number of modes n = 0..n_modes-1 whose T_n(E) is returned (for drawing).
    n_sum : int, optional
        Number of modes summed in G (at least n_modes): every mode whose threshold lies within
        a few kT of the grid must be included, or the top of the curve flattens falsely.

    Returns
    -------
    T_n : ndarray, shape (len(energy), n_modes), kT = 0 mode transmissions.
    G : ndarray, shape (len(energy),), G/G0 = integral sum_n T_n(E') (-df/dE')(E' - E) dE'.
        The saddle depends on E - V0 only, so the thermal average is exactly a smoothing along
        the energy axis (`thermal_smearing`). The kT = 0 sum is evaluated on the grid extended
        by `SMEARING_PAD` kT on each side (same end steps), so the constant continuation of
        `thermal_smearing` beyond the ends weighs less than exp(-10) ~ 5e-5.
    """
    E = as_real_array(energy, "energy", ndim=1)
    n_modes = as_positive_int(n_modes, "n_modes")
    n_sum = max(as_positive_int(n_sum, "n_sum"), n_modes)
    kT = as_nonnegative(kT, "kT")
    T_n = saddle_point_transmissions(E, V0, hw_x, hw_y, n_modes)
    E_full, window = _padded_grid(E, SMEARING_PAD * kT)
    G_full = saddle_point_transmissions(E_full, V0, hw_x, hw_y, n_sum).sum(axis=-1)
    return T_n, thermal_smearing(E_full, G_full, kT)[window]


#: Padding of the kT = 0 curve, in units of kT, before a thermal average (see `_padded_grid`).
SMEARING_PAD = 10.0


def _padded_grid(x, pad):
    """Extend an ascending 1D grid by at least `pad` on each side, with its own end steps.

    Returns the extended grid and the slice that gives back `x` (the same values, bit for bit).
    """
    if pad <= 0 or x.size < 2:
        return x, slice(0, x.size)
    left, right = x[1] - x[0], x[-1] - x[-2]
    n_left, n_right = int(np.ceil(pad / left - 1e-9)), int(np.ceil(pad / right - 1e-9))
    full = np.concatenate([x[0] - left * np.arange(n_left, 0, -1), x,
                           x[-1] + right * np.arange(1, n_right + 1)])
    return full, slice(n_left, n_left + x.size)


# --- the lattice constriction ------------------------------------------------------------------------

def _profile(L, length, profile):
    """Envelope g(x) in [0, 1] along the strip: 1 at the centre of the constriction, 0 in the leads."""
    s = (np.arange(L) - (L - 1) / 2) / length
    if profile == "smooth":
        return np.where(np.abs(s) < 1, np.cos(np.pi * s / 2) ** 2, 0.0)
    return (np.abs(s) <= 0.5).astype(float)  # abrupt: a box about `length` sites long


def qpc_potential(Vg, W, *, length=30, profile="smooth", hw_y=0.3, t=1.0):
    """Split-gate potential of a lattice quantum point contact, shape (L, W).

    V(x, y) = g(x) [ -Vg + (hw_y)^2 (y - y_c)^2 / (4t) ],   y_c = (W - 1)/2,

    i.e. a saddle of height -Vg with a transverse parabola of frequency hbar w_y (on the lattice
    m w^2/2 = (hbar w)^2/(4t)), switched on along x by the envelope g(x).

    Parameters
    ----------
    Vg : float
        Gate voltage as an energy in units of t (the saddle sits at -Vg).
    W : int
        Strip width in sites (the leads have the same width).
    length : int, optional
        ``profile="smooth"``: half length of the constriction, g(x) = cos^2(pi s/2) for
        |s| < 1 with s = (x - x_c)/length, so L = 2 length + 1 sites; near the centre
        g ~ 1 - (pi^2/4) s^2 (a saddle). ``profile="abrupt"``: g = 1 for |s| <= 1/2 (the
        middle ~`length` sites) and 0 outside: hard steps, L = 2 length + 1 as well.
    profile : {"smooth", "abrupt"}
    hw_y : float, optional
        hbar w_y in units of t: the transverse level spacing at the saddle.
    t : float, optional
        Hopping.

    Returns
    -------
    ndarray, shape (2 length + 1, W), potential in units of t (leads: V = 0 beyond it).

    Notes
    -----
    Lesson 3. A long smooth constriction is adiabatic: each transverse mode keeps its identity
    and passes (T_n ~ 1) or is reflected (T_n ~ 0), giving plateaus G = N G0.
    """
    Vg = as_real_scalar(Vg, "Vg")
    W = as_positive_int(W, "W")
    length = as_positive_int(length, "length")
    hw_y = as_positive(hw_y, "hw_y")
    t = as_positive(t, "t")
    if profile not in PROFILES:
        raise ValueError(f"profile must be one of {PROFILES}, got {profile!r}")
    return _potentials(np.array([Vg]), W, length, profile, hw_y, t)[0]


def _potentials(Vg, W, length, profile, hw_y, t):
    """`qpc_potential` for each gate voltage of the 1D array `Vg` (checked): (len(Vg), L, W)."""
    L = 2 * length + 1
    g = _profile(L, length, profile)
    y = np.arange(W) - (W - 1) / 2
    return g[None, :, None] * (-Vg[:, None, None] + hw_y**2 * y[None, None, :] ** 2 / (4 * t))


def constriction_subbands(W, *, hw_y=0.3, t=1.0):
    """Transverse levels lambda_n at the centre of the lattice constriction (for Vg = 0).

    Eigenvalues of the transverse lattice Hamiltonian 2t - t (hops along y) + (hw_y)^2 (y-y_c)^2/(4t)
    with hard walls: lambda_n ~ hbar w_y (n + 1/2) for the low modes (lattice corrections of a
    few percent). Mode n is open at the saddle when E > lambda_n - Vg, so at Fermi energy E_F
    the n-th step (n = 0, 1, ...) of G(Vg) sits at Vg_n = lambda_n - E_F.

    Returns
    -------
    ndarray, shape (W,), ascending, units of t.
    """
    W = as_positive_int(W, "W")
    hw_y = as_positive(hw_y, "hw_y")
    t = as_positive(t, "t")
    y = np.arange(W) - (W - 1) / 2
    H = np.diag(2 * t + hw_y**2 * y**2 / (4 * t)) - t * (np.eye(W, k=1) + np.eye(W, k=-1))
    return np.linalg.eigvalsh(H)


def qpc_transmission(Vg, energy, W, *, length=30, profile="smooth", hw_y=0.3, t=1.0):
    """Lattice transmission T(E) of the quantum point contact `qpc_potential` (per spin).

    Parameters as in `qpc_potential`; `energy` a float or 1D array (units of t). Returns T with
    the shape of `energy`, computed with :func:`helpers.transmission` (leads: clean strips of
    width W).
    """
    V = qpc_potential(Vg, W, length=length, profile=profile, hw_y=hw_y, t=t)
    return transmission(V, energy, t=t)


@functools.lru_cache(maxsize=64)
def gate_sweep_cached(Vg_key, E_F, W, length, profile, hw_y, t):
    """T against gate voltage, cached on the raw bytes `Vg_key` of the float array Vg (volts of
    the gate in units of t), one batched RGF sweep.

    Internal (not in `__all__`): `gate_sweep` validates and calls it; the benchmarks and tests
    clear or inspect its cache (`gate_sweep_cached.cache_clear()`, `.cache_info()`).
    """
    Vg = np.frombuffer(Vg_key)
    # one batched RGF sweep: every gate voltage is a member of the batch (same energy, its own
    # potential), as disorder realizations are in helpers.disorder
    V = _potentials(Vg, W, length, profile, hw_y, t)
    _, lat = lattice_from_potential(V[0], t=t)
    T = np.exp(log_transmission_batch(np.full(len(Vg), float(E_F)), V, lat))
    T.setflags(write=False)
    return T


def gate_sweep(Vg, E_F, W, *, length=30, profile="smooth", hw_y=0.3, t=1.0):
    """Transmission T(E_F) of the lattice QPC for each gate voltage in `Vg` (kT = 0 conductance).

    Parameters
    ----------
    Vg : array_like, 1D
        Gate voltages (units of t).
    E_F : float
        Fermi energy (units of t), inside the lead band.
    W, length, profile, hw_y, t
        As in `qpc_potential`.

    Returns
    -------
    ndarray, shape Vg.shape: G/G0 at kT = 0 (= T(E_F), per spin with G0 = 2e^2/h).

    Notes
    -----
    One batched RGF sweep over all gate voltages (each a member of the batch); results are
    cached per set of arguments, so a widget recomputes them only when the shape changes.
    """
    Vg = as_real_array(Vg, "Vg", ndim=1)
    E_F = as_real_scalar(E_F, "E_F")
    W = as_positive_int(W, "W")
    length = as_positive_int(length, "length")
    if profile not in PROFILES:
        raise ValueError(f"profile must be one of {PROFILES}, got {profile!r}")
    return gate_sweep_cached(np.ascontiguousarray(Vg).tobytes(), E_F, W, length, profile,
                             float(as_positive(hw_y, "hw_y")), float(as_positive(t, "t"))).copy()


def _smear_uniform(y, dx, kT, half):
    """`thermal_smearing` on a uniform grid: one discrete convolution.

    With y linearly interpolated, Y_i = sum_m c_m y_{i+m}, c_m = integral hat(u/dx - m) k(u) du
    (hat the unit triangle, k the thermal kernel); c_m is integrated on a fine grid once.
    """
    M = int(np.ceil(half / dx)) + 1
    h = min(dx / 8, kT / 40)
    n = int(np.ceil(M * dx / h))
    u = np.linspace(-M * dx, M * dx, 2 * n + 1)
    w = thermal_kernel(u, 0.0, kT)
    w = w / w.sum()
    s = u / dx + M  # position in grid steps, 0 .. 2M
    left = np.clip(np.floor(s).astype(int), 0, 2 * M - 1)
    frac = s - left
    c = (np.bincount(left, w * (1 - frac), minlength=2 * M + 1)
         + np.bincount(left + 1, w * frac, minlength=2 * M + 1))
    padded = np.concatenate([np.full(M, y[0]), y, np.full(M, y[-1])])
    # Y_i = sum_m c[m + M] * padded[i + M + m]: a correlation
    return np.correlate(padded, c, mode="valid")


def thermal_smearing(x, y, kT):
    """Thermal average of a curve y(x) along x: Y(x) = integral y(x + u) (-df/du) du.

    Parameters
    ----------
    x : array_like, 1D, ascending
        Grid (energy-like unit, e.g. a gate voltage or an energy in units of t).
    y : array_like, same shape
        Values on the grid (linear interpolation between grid points, constant beyond the ends).
    kT : float
        Thermal energy >= 0 in the unit of x; kT = 0 returns y unchanged.

    Returns
    -------
    ndarray, shape of x.

    Notes
    -----
    Lesson 3: for a QPC, raising the energy by u at fixed gate is (nearly) the same as raising
    the gate by u at fixed energy, T(E_F + u, Vg) ~ T(E_F, Vg + u) (exact for Büttiker's
    saddle, which depends on E - V0 only). The finite-temperature conductance
    G(Vg) = integral T(E, Vg) (-df/dE) dE is then this average of the kT = 0 curve along Vg:
    each step is smeared over a few kT (10 % to 90 % in 4.4 kT for a sharp step).
    """
    x = as_real_array(x, "x", ndim=1)
    y = as_real_array(y, "y", ndim=1)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same shape, got {x.shape} and {y.shape}")
    if x.size > 1 and np.any(np.diff(x) <= 0):
        raise ValueError("x must be strictly ascending")
    kT = as_nonnegative(kT, "kT")
    if kT == 0 or x.size < 2:
        return y.copy()
    steps = np.diff(x)
    dx = np.min(steps)
    half = 36 * kT
    if np.allclose(steps, dx, rtol=1e-9, atol=0):
        return _smear_uniform(y, dx, kT, half)
    h = min(dx / 4, kT / 10)
    n = int(min(np.ceil(half / h), 4000))
    u = np.linspace(-half, half, 2 * n + 1)
    w = thermal_kernel(u, 0.0, kT)
    w = w / w.sum()  # unit area on the grid (the tails beyond 36 kT weigh < 1e-15)
    values = np.interp(x[:, None] + u[None, :], x, y)
    return values @ w


def qpc_curve(Vg, E_F, kT, W, *, length=30, profile="smooth", hw_y=0.3, t=1.0, pad=None):
    """Conductance G(Vg)/G0 of the lattice QPC at temperature kT, on the gate grid `Vg`.

    The kT = 0 curve is `gate_sweep` (cached) on the grid `Vg` extended by `pad` on each side
    (with the end steps of `Vg`); the finite-temperature curve is its thermal average along the
    gate axis (`thermal_smearing`, see its notes for the approximation), cut back to `Vg`.

    Parameters
    ----------
    Vg : array_like, 1D ascending
        Gate voltages (units of t) at which G is returned.
    E_F, kT : float
        Fermi energy and thermal energy (units of t).
    W, length, profile, hw_y, t
        As in `qpc_potential`.
    pad : float, optional
        Extra gate range (units of t) computed on each side of `Vg` before smoothing; default
        ``SMEARING_PAD * kT`` (10 kT), so the ends of the curve are as accurate as its middle.
        A widget passes a fixed pad (10 times its largest kT) so that the cached kT = 0 sweep
        is reused when kT changes.

    Returns
    -------
    G_T0 : ndarray, G/G0 at kT = 0 on `Vg`.
    G_kT : ndarray, G/G0 at temperature kT on `Vg`.

    Notes
    -----
    Measured against the full Landauer integral G = integral T(E_F + u, Vg) (-df/du) du of the
    lattice (tests/test_qpc.py, W = 25, E_F = t, gate voltages -1 .. 0.25 t, ends included):
    at kT = 0.08 t the difference is below 0.002 for the default smooth constriction (length 30),
    0.02 for a short one (length 6) and 0.055 for an abrupt box (length 30), whose transmission
    depends on E and Vg separately (the leads do not move with the gate, and the Fabry-Pérot
    resonances of the box sit at fixed kinetic energies).
    """
    Vg = as_real_array(Vg, "Vg", ndim=1)
    kT = as_nonnegative(kT, "kT")
    pad = SMEARING_PAD * kT if pad is None else as_nonnegative(pad, "pad")
    if Vg.size > 1 and np.any(np.diff(Vg) <= 0):
        raise ValueError("Vg must be strictly ascending")
    full, window = _padded_grid(Vg, pad)
    G_full = gate_sweep(full, E_F, W, length=length, profile=profile, hw_y=hw_y, t=t)
    return G_full[window], thermal_smearing(full, G_full, kT)[window]
