"""Shot noise of a phase-coherent conductor from its transmission eigenvalues.

Used by lesson 5, "Transmission eigenvalues and shot noise" (its explorer and exercises).

Conventions (README, "Units and conventions")
-----------------------------------------------
- Transmission eigenvalues T_n in [0, 1] (eigenvalues of t^dagger t, per spin); the electrons
  are spin degenerate, so every eigenchannel counts twice: G = G0 sum_n T_n, G0 = 2e^2/h.
- Real units for the noise: bias V in volts, temperature in kelvin, current in ampere and the
  current noise S_I in A^2/Hz, with the "one-sided" convention of experiments, in which the
  Poisson noise of independent electrons is S_I = 2eI (Schottky).
- Lattice QPC as in `helpers.models.qpc` (energies and gate voltage in units of t).

Partition noise
---------------
An electron that meets a channel of transmission T is transmitted (n = 1) with probability T
and reflected (n = 0) otherwise: <n> = T and var n = T - T^2 = T(1 - T) per attempt. A full
reservoir sends eV/h electrons per unit time and spin into each channel, each an independent
attempt, so the transmitted charge fluctuates in proportion to sum_n T_n (1 - T_n); the average
current goes with sum_n T_n. Their ratio is the Fano factor
F = sum_n T_n (1 - T_n) / sum_n T_n (`helpers.models.smatrix_stats.fano_factor`) and, at zero
temperature, S_I = 2 e I F.

Thermal and shot noise together (Blanter and Büttiker, Phys. Rep. 336, 1 (2000), eq. (62))
-----------------------------------------------------------------------------------------
For energy-independent T_n over the window of a few kT and eV, with spin:

    S_I = 2 G0 sum_n [ 2 kT T_n^2 + T_n (1 - T_n) eV coth(eV / 2kT) ]

Its limits: V = 0 gives eV coth(eV/2kT) -> 2kT and S_I = 4 kT G (Johnson-Nyquist); kT = 0
gives e|V| and S_I = 2 e |I| F; for e|V| >> kT, S_I = 2 e |I| F + 4 kT G (1 - F), a straight
line in I of slope 2eF, offset by less than the thermal noise.
"""

import functools

import numpy as np

from .._validation import (as_nonnegative, as_positive, as_positive_int, as_real_array, as_real_scalar, as_rng,
                           scalar_or_array)
from ..constants import G0, K_B_EV_PER_K, e
from ..fisher_lee import smatrix
from .qpc import PROFILES, qpc_potential
from .smatrix_stats import fano_factor

__all__ = [
    "partition_counts",
    "partition_variance",
    "current",
    "current_noise",
    "noise_curve",
    "noise_measurement",
    "qpc_eigenvalues",
    "qpc_noise_curve",
    "fano_factor",
    "fano_factor_error",
]


def _eigenvalues(eigenvalues):
    T = as_real_array(eigenvalues, "eigenvalues", ndim=1)
    if np.any(T < 0) or np.any(T > 1):
        raise ValueError(f"eigenvalues must lie in [0, 1], got {T}")
    return T


# --- partition noise: one electron, one attempt ------------------------------------------------

def partition_variance(T):
    """Variance of the number of electrons transmitted per attempt, T (1 - T) (binomial).

    Parameters
    ----------
    T : float or array_like
        Transmission probability in [0, 1].

    Returns
    -------
    float or ndarray, shape of `T`: 0 for T = 0 and T = 1, largest (1/4) at T = 1/2.
    """
    Ts = as_real_array(T, "T")
    if np.any(Ts < 0) or np.any(Ts > 1):
        raise ValueError(f"T must lie in [0, 1], got {T}")
    out = Ts * (1 - Ts)
    return scalar_or_array(out)


def partition_counts(T, attempts, samples, rng=None):
    """Simulate electrons arriving one by one at a channel of transmission T.

    Parameters
    ----------
    T : float
        Transmission probability in [0, 1].
    attempts : int
        Electrons sent in per measurement (one measurement = one time window).
    samples : int
        Number of measurements.
    rng : int or numpy.random.Generator, optional
        Random numbers (seed or generator).

    Returns
    -------
    ndarray of int, shape (samples,)
        Electrons transmitted in each measurement: a binomial count with mean `attempts` T and
        variance `attempts` T (1 - T) (`partition_variance`).
    """
    T = as_real_scalar(T, "T")
    if not 0 <= T <= 1:
        raise ValueError(f"T must lie in [0, 1], got {T}")
    attempts = as_positive_int(attempts, "attempts")
    samples = as_positive_int(samples, "samples")
    return as_rng(rng).binomial(attempts, T, size=samples)


# --- noise of a conductor with eigenvalues T_n ---------------------------------------------------

def current(eigenvalues, V):
    """Current I = G0 V sum_n T_n in ampere (spin degenerate, T_n independent of energy).

    Parameters
    ----------
    eigenvalues : array_like, shape (N,)
        Transmission eigenvalues in [0, 1].
    V : float or array_like
        Bias in volts.

    Returns
    -------
    float or ndarray, shape of `V`, in A.
    """
    T = _eigenvalues(eigenvalues)
    Vs = as_real_array(V, "V")
    out = G0 * T.sum() * Vs
    return scalar_or_array(out)


def _x_coth(V, kT):
    """eV coth(eV / 2kT) in eV (V in volts, kT in eV): 2kT at V = 0, e|V| at kT = 0."""
    eV = np.abs(V)
    if kT == 0:
        return eV
    u = eV / (2 * kT)
    with np.errstate(invalid="ignore", divide="ignore"):
        ucoth = np.where(u > 1e-8, u / np.tanh(np.maximum(u, 1e-300)), 1.0 + u**2 / 3)
    return 2 * kT * ucoth


def current_noise(eigenvalues, V, temperature):
    """Current noise S_I in A^2/Hz of a two-terminal conductor at bias V and temperature.

    S_I = 2 G0 sum_n [2 kT T_n^2 + T_n (1 - T_n) eV coth(eV / 2kT)]
    (Blanter and Büttiker 2000, eq. (62), times 2 for spin; module docstring).

    Parameters
    ----------
    eigenvalues : array_like, shape (N,)
        Transmission eigenvalues in [0, 1], taken independent of energy over the bias window.
    V : float or array_like
        Bias in volts (either sign).
    temperature : float
        Temperature in kelvin (>= 0).

    Returns
    -------
    float or ndarray, shape of `V`, in A^2/Hz (one-sided: Poisson noise is 2eI).

    Notes
    -----
    Lesson 5. V = 0: 4 kT G (thermal); temperature 0: 2 e |I| F (shot); e|V| >> kT:
    2 e |I| F + 4 kT G (1 - F).
    """
    T = _eigenvalues(eigenvalues)
    Vs = as_real_array(V, "V")
    kT = as_nonnegative(temperature, "temperature") * K_B_EV_PER_K  # eV
    energy = 2 * kT * np.sum(T**2) + np.sum(T * (1 - T)) * _x_coth(Vs, kT)  # eV
    out = 2 * G0 * e * energy  # G0 (A/V) x energy (J) = A^2 s
    return scalar_or_array(out)


def noise_curve(eigenvalues, V, temperature):
    """Everything lesson 5's noise panel draws against bias, for one conductor.

    Parameters
    ----------
    eigenvalues : array_like, shape (N,)
        Transmission eigenvalues in [0, 1].
    V : array_like, shape (n,)
        Bias in volts.
    temperature : float
        Temperature in kelvin.

    Returns
    -------
    dict
        ``"V"`` (n,) volts; ``"I"`` (n,) ampere; ``"S"`` (n,) A^2/Hz (`current_noise`);
        ``"shot"`` = 2 e |I| F (the zero-temperature noise); ``"poisson"`` = 2 e |I|;
        ``"thermal"`` = 4 kT G (a constant, the V = 0 value); ``"asymptote"``
        = 2 e |I| F + 4 kT G (1 - F), the large-bias line; ``"G"`` in siemens, ``"F"``.
    """
    T = _eigenvalues(eigenvalues)
    Vs = as_real_array(V, "V", ndim=1)
    theta = as_nonnegative(temperature, "temperature")
    kT_J = theta * K_B_EV_PER_K * e
    G = G0 * T.sum()
    F = fano_factor(T) if T.sum() > 0 else 1.0
    I = G * Vs
    S = current_noise(T, Vs, theta) * np.ones_like(Vs)
    return {"V": Vs, "I": I, "S": S, "shot": 2 * e * np.abs(I) * F, "poisson": 2 * e * np.abs(I),
            "thermal": np.full_like(Vs, 4 * kT_J * G),
            "asymptote": 2 * e * np.abs(I) * F + 4 * kT_J * G * (1 - F), "G": G, "F": F}


def noise_measurement(eigenvalues, V, temperature, *, scatter=0.01, rng=None):
    """A simulated noise measurement: S_I(V) with a relative Gaussian scatter.

    Parameters
    ----------
    eigenvalues, V, temperature
        As in `noise_curve`.
    scatter : float, optional
        Relative standard deviation of each measured point (>= 0).
    rng : int or numpy.random.Generator, optional

    Returns
    -------
    I : ndarray, shape (n,), current in A.
    S : ndarray, shape (n,), measured noise in A^2/Hz.
    """
    scatter = as_nonnegative(scatter, "scatter")
    curve = noise_curve(eigenvalues, V, temperature)
    S = curve["S"] * (1 + scatter * as_rng(rng).standard_normal(curve["S"].shape))
    return curve["I"], S


def fano_factor_error(eigenvalues):
    """Standard error of the pooled Fano factor of an ensemble of conductors.

    Parameters
    ----------
    eigenvalues : array_like, shape (realizations, N)
        Transmission eigenvalues in [0, 1], one row per conductor (at least 2 rows).

    Returns
    -------
    float
        Standard error of F = <s> / <g> (s = sum_n T_n(1 - T_n), g = sum_n T_n per row) from the
        scatter of the rows, to first order (delta method):
        sqrt(var s - 2 F cov(s, g) + F^2 var g) / (<g> sqrt(rows)).
    """
    T = as_real_array(eigenvalues, "eigenvalues", ndim=2)
    if T.shape[0] < 2:
        raise ValueError(f"eigenvalues needs at least 2 rows (conductors), got shape {T.shape}")
    if np.any(T < 0) or np.any(T > 1):
        raise ValueError("eigenvalues must lie in [0, 1]")
    g, s = T.sum(axis=1), np.sum(T * (1 - T), axis=1)
    F = fano_factor(T)
    c = np.cov(s, g)
    return float(np.sqrt(max(c[0, 0] - 2 * F * c[0, 1] + F**2 * c[1, 1], 0.0) / len(g)) / g.mean())


# --- the quantum point contact -------------------------------------------------------------------

@functools.lru_cache(maxsize=16)
def _qpc_eigenvalues_cached(Vg_key, E_F, W, length, profile, hw_y, t):
    Vg = np.frombuffer(Vg_key)
    rows = []
    for vg in Vg:
        V = qpc_potential(vg, W, length=length, profile=profile, hw_y=hw_y, t=t)
        rows.append(np.clip(smatrix(V, E_F, t=t).transmission_eigenvalues(), 0.0, 1.0))
    out = np.array(rows)
    out.setflags(write=False)
    return out


def qpc_eigenvalues(Vg, E_F, W, *, length=30, profile="smooth", hw_y=0.3, t=1.0):
    """Transmission eigenvalues of the lattice QPC (`helpers.models.qpc.qpc_potential`).

    Parameters
    ----------
    Vg : array_like, shape (m,)
        Gate voltages in units of t.
    E_F : float
        Fermi energy in units of t (inside the lead band).
    W, length, profile, hw_y, t
        As in `helpers.models.qpc.qpc_potential`.

    Returns
    -------
    ndarray, shape (m, N)
        Eigenvalues of t^dagger t at each gate voltage, ascending, clipped to [0, 1];
        N = `helpers.open_modes(E_F, W)`. Computed with `helpers.smatrix` (about 30 ms per gate
        voltage for W = 25) and kept for repeated calls with the same arguments.
    """
    Vg = as_real_array(Vg, "Vg", ndim=1)
    E_F = as_real_scalar(E_F, "E_F")
    W = as_positive_int(W, "W")
    length = as_positive_int(length, "length")
    if profile not in PROFILES:
        raise ValueError(f"profile must be one of {PROFILES}, got {profile!r}")
    return _qpc_eigenvalues_cached(np.ascontiguousarray(Vg).tobytes(), E_F, W, length, profile,
                                   float(as_positive(hw_y, "hw_y")), float(as_positive(t, "t"))).copy()


def qpc_noise_curve(Vg, E_F, W, *, length=30, profile="smooth", hw_y=0.3, t=1.0):
    """Conductance and Fano factor of the lattice QPC against gate voltage (zero temperature).

    Parameters as in `qpc_eigenvalues`.

    Returns
    -------
    dict
        ``"Vg"`` (m,); ``"Tn"`` (m, N) eigenvalues; ``"G"`` (m,) = sum_n T_n, G/G0;
        ``"F"`` (m,) = sum_n T_n (1 - T_n) / sum_n T_n (1 where the QPC is fully closed,
        sum T_n = 0, the tunnelling limit).

    Notes
    -----
    Lesson 5. On a plateau every T_n is 0 or 1 and F -> 0; between the plateaus p and p + 1 one
    channel is partly open, F = T(1 - T)/(p + T), largest at T = sqrt(p(p + 1)) - p.
    """
    Tn = qpc_eigenvalues(Vg, E_F, W, length=length, profile=profile, hw_y=hw_y, t=t)
    G = Tn.sum(axis=1)
    noise = np.sum(Tn * (1 - Tn), axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        F = np.where(G > 0, noise / np.where(G > 0, G, 1.0), 1.0)
    return {"Vg": as_real_array(Vg, "Vg", ndim=1), "Tn": Tn, "G": G, "F": F}
