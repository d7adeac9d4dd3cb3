"""Resistance as reflection: contact resistance, one scatterer, many scatterers (lesson 1).

Used by lesson 1, "Resistance is reflection" (its explorers and exercises).

Units and model
---------------
- Resistances are returned in units of the resistance quantum R0 = h / 2e^2 (about 12.906 kOhm,
  spin degenerate, `helpers.constants.R0` in ohm) unless a function says otherwise;
  `resistance_kohm` converts to kOhm.
- Transmissions are per spin and dimensionless, one channel (a single-channel wire).
- The scatterers of the many-scatterer model are single-site barriers of height U on the 1D
  lattice chain of the course (README, "Units and conventions"): on-site 2t + V(x), hopping -t, band 0 < E < 4t,
  E = 2t (1 - cos k). Energies and U are in units of t; positions are site indices.

Coherent composition: the S-matrices of the scatterers are combined exactly (star product,
amplitudes interfere; lesson 4), with the free propagation phase e^{ikd} between scatterers a
distance d apart. Incoherent composition: probabilities are combined instead
(`helpers.scattering.incoherent_transmission`), which gives Ohm's law plus the contacts.
"""

import numpy as np

from .._validation import as_positive, as_positive_int, as_real_array, as_real_scalar, as_rng, scalar_or_array
from ..constants import R0

__all__ = [
    "resistance_from_transmission",
    "resistance_kohm",
    "resistance_split",
    "ohmic_resistance",
    "single_site_transmission",
    "strength_for_transmission",
    "scatterer_positions",
    "chain_transmission",
    "coherent_chain_transmission",
    "incoherent_chain_transmission",
    "resistance_vs_scatterers",
    "single_scatterer_resistance",
]


def _transmission_array(T, name="T"):
    values = as_real_array(T, name)
    if np.any(values < 0) or np.any(values > 1):
        raise ValueError(f"{name} must lie in [0, 1] (a transmission probability), got "
                         f"values from {values.min()} to {values.max()}")
    return values


def _out(array):
    return scalar_or_array(array)


def resistance_from_transmission(T, *, kohm=False):
    """Two-terminal resistance of a single-channel conductor with transmission T.

    Parameters
    ----------
    T : float or array_like
        Transmission probability per spin, 0 <= T <= 1.
    kohm : bool, optional
        Return kOhm instead of units of h/2e^2.

    Returns
    -------
    float or ndarray
        R = (h/2e^2) / T (Landauer), in units of h/2e^2 (default) or in kOhm; same shape as T,
        ``inf`` where T = 0.

    Notes
    -----
    A perfect wire (T = 1) still has R = h/2e^2 = 12.906 kOhm: the contact resistance, dropped
    where the wire meets the reservoirs (lesson 1, "Resistance is reflection").
    """
    values = _transmission_array(T)
    with np.errstate(divide="ignore"):
        R = 1.0 / values
    return _out(R * R0 / 1e3 if kohm else R)


def resistance_kohm(R):
    """Convert a resistance in units of h/2e^2 to kOhm (R0 = h/2e^2 = 12.906 kOhm).

    Parameters
    ----------
    R : float or array_like
        Resistance in units of h/2e^2, >= 0 (``inf`` allowed: an insulator).

    Returns
    -------
    float or ndarray
        R * R0 / 1000, same shape.
    """
    values = as_real_array(R, "R", finite=False)
    if np.any(np.isnan(values)) or np.any(values < 0):
        raise ValueError(f"R must be >= 0 (units of h/2e^2), got {R!r:.60}")
    return _out(values * R0 / 1e3)


def resistance_split(T):
    """Split the resistance of one scatterer into a contact part and a scatterer part.

    Parameters
    ----------
    T : float or array_like
        Transmission probability of the scatterer, 0 < T <= 1.

    Returns
    -------
    contact, scatterer : float or ndarray
        In units of h/2e^2: contact = 1 (both contacts together) and
        scatterer = (1 - T) / T, so that contact + scatterer = 1 / T (lesson 1).

    Notes
    -----
    The scatterer part is Landauer's original (four-terminal) formula: the resistance measured by
    voltage probes placed on either side of the scatterer, far from the reservoirs (Büttiker 1986).
    """
    values = _transmission_array(T)
    if np.any(values == 0):
        raise ValueError("T must be > 0 to split the resistance (a perfect mirror has R = inf)")
    contact = np.ones_like(values)
    return _out(contact), _out((1.0 - values) / values)


def ohmic_resistance(n_scatterers, T):
    """Resistance of N identical scatterers in series without phase coherence between them.

    Parameters
    ----------
    n_scatterers : int or array_like of int
        Number of scatterers N >= 0.
    T : float
        Transmission probability of one scatterer, 0 < T <= 1.

    Returns
    -------
    float or ndarray
        R = 1 + N (1 - T) / T in units of h/2e^2, same shape as `n_scatterers`: one contact
        resistance plus N equal scatterer resistances, i.e. Ohm's law R proportional to the length
        plus the contacts (lesson 1, eq. (4)).
    """
    N = as_real_array(n_scatterers, "n_scatterers")
    if np.any(N < 0) or np.any(N != np.round(N)):
        raise ValueError(f"n_scatterers must be integers >= 0, got {n_scatterers!r:.60}")
    T = float(_transmission_array(as_real_scalar(T, "T")))
    if T == 0:
        raise ValueError("T must be > 0 (a perfect mirror has infinite resistance)")
    return _out(1.0 + N * (1.0 - T) / T)


def _sin_k(energy, t):
    E = as_real_array(energy, "energy")
    t = as_positive(t, "t")
    if np.any(E <= 0) or np.any(E >= 4 * t):
        raise ValueError(f"energy must lie inside the chain band 0 < E < 4t = {4 * t}, got {energy!r:.60}")
    k = np.arccos(1.0 - E / (2 * t))
    return k, np.sin(k), t


def single_site_transmission(strength, energy, *, t=1.0):
    """Transmission of one site with on-site potential U in the clean chain (closed form).

    Parameters
    ----------
    strength : float or array_like
        Barrier height U in units of t (any sign).
    energy : float or array_like
        Energy in units of t, inside the band 0 < E < 4t (broadcast against `strength`).
    t : float, optional
        Hopping.

    Returns
    -------
    float or ndarray
        T = 1 / (1 + (U / (2 t sin k))^2) with E = 2t (1 - cos k) (lesson 1; the single-site
        barrier of lesson 4).
    """
    U = as_real_array(strength, "strength")
    _, s, t = _sin_k(energy, t)
    return _out(1.0 / (1.0 + (U / (2 * t * s)) ** 2))


def strength_for_transmission(T, energy, *, t=1.0):
    """Barrier height U >= 0 of a single site that transmits with probability T at `energy`.

    Parameters
    ----------
    T : float or array_like
        Wanted transmission, 0 < T <= 1.
    energy : float or array_like
        Energy in units of t, 0 < E < 4t.
    t : float, optional
        Hopping.

    Returns
    -------
    float or ndarray
        U = 2 t sin k sqrt(1/T - 1) in units of t, the inverse of `single_site_transmission`.
    """
    values = _transmission_array(T)
    if np.any(values == 0):
        raise ValueError("T must be > 0: no finite barrier reflects completely")
    _, s, t = _sin_k(energy, t)
    return _out(2 * t * s * np.sqrt(1.0 / values - 1.0))


def scatterer_positions(n_scatterers, spacing, *, random=False, rng=None, realizations=None):
    """Sites of N scatterers on the chain, regularly spaced or with random gaps.

    Parameters
    ----------
    n_scatterers : int
        N >= 1.
    spacing : int
        Regular gap in sites (>= 1); for random positions the mean gap, the gaps being drawn
        uniformly from 1, ..., 2 spacing - 1.
    random : bool, optional
        Random gaps instead of a regular array.
    rng : int, numpy.random.Generator or None
        Seed or generator for the random gaps.
    realizations : int, optional
        Number of independent arrangements; adds a leading axis.

    Returns
    -------
    ndarray of int, shape (N,) or (realizations, N)
        Increasing site indices, the first scatterer at site 0.
    """
    n = as_positive_int(n_scatterers, "n_scatterers")
    d = as_positive_int(spacing, "spacing")
    shape = (1 if realizations is None else as_positive_int(realizations, "realizations"), n)
    if random:
        gaps = as_rng(rng).integers(1, 2 * d, size=shape)
    else:
        gaps = np.full(shape, d)
    gaps[:, 0] = 0
    positions = np.cumsum(gaps, axis=1)
    return positions[0] if realizations is None else positions


def chain_transmission(positions, strength, energy, *, t=1.0, log=False):
    """Exact coherent transmission of the first n scatterers of a chain, for every n.

    Parameters
    ----------
    positions : array_like of int, shape (N,) or (B, N)
        Strictly increasing sites of the single-site barriers (B independent chains).
    strength : float
        Barrier height U of every scatterer, in units of t.
    energy : float
        Energy in units of t, 0 < E < 4t.
    t : float, optional
        Hopping.
    log : bool, optional
        Return ln T instead of T (exact far below the smallest float).

    Returns
    -------
    ndarray, shape (N + 1,) or (B, N + 1)
        Entry n is T (or ln T) of the chain made of the first n scatterers (n = 0: T = 1), the
        same as `helpers.transmission` of the lattice chain with V = U on those sites.

    Notes
    -----
    One site scatters with t1 = 2i sin k / (2i sin k - U/t) and r1 = r1' = (U/t) / (2i sin k - U/t)
    (referenced at its site). Adding a scatterer a distance d to the right of the chain
    (reflection r' seen from the right, transmission t) is the star product with the propagation
    phase e^{ikd} in between (lesson 4):

        D = 1 - r' e^{2ikd} r1,  t_new = t1 t e^{ikd} / D,  r'_new = r1 + t1^2 r' e^{2ikd} / D,

    so ln T_new = ln T + ln T1 - 2 ln|D|. Multiple reflections between the scatterers interfere:
    resonances for regular spacing, localization (ln T decreasing linearly in n) for random spacing.
    Cost: O(N B), vectorized over B.
    """
    x = as_real_array(positions, "positions", ndim=(1, 2))
    if np.any(x != np.round(x)):
        raise ValueError("positions must be integer site indices")
    single = x.ndim == 1
    x = np.atleast_2d(x)
    gaps = np.diff(x, axis=1)
    if np.any(gaps < 1):
        raise ValueError("positions must be strictly increasing (one barrier per site)")
    U = as_real_scalar(strength, "strength")
    E = as_real_scalar(energy, "energy")
    k, s, t = _sin_k(E, t)
    u = U / t
    t1 = 2j * s / (2j * s - u)
    r1 = u / (2j * s - u)
    lnT1 = np.log(abs(t1) ** 2)
    B, N = x.shape
    lnT = np.zeros((B, N + 1))
    lnT[:, 1] = lnT1
    rp = np.full(B, r1, dtype=complex)
    phase2 = np.exp(2j * k * gaps)
    for n in range(1, N):
        rp_shifted = rp * phase2[:, n - 1]
        D = 1.0 - rp_shifted * r1
        lnT[:, n + 1] = lnT[:, n] + lnT1 - 2 * np.log(np.abs(D))
        rp = r1 + t1 * t1 * rp_shifted / D
    result = np.minimum(lnT, 0.0) if log else np.exp(np.minimum(lnT, 0.0))
    return result[0] if single else result


def coherent_chain_transmission(n_scatterers, strength, energy, *, spacing=10, random=True,
                                rng=None, realizations=None, t=1.0, log=False):
    """Coherent transmission of a chain of N identical single-site scatterers, for n = 0..N.

    Parameters
    ----------
    n_scatterers : int
        N >= 1.
    strength : float
        Barrier height U in units of t (see `strength_for_transmission`).
    energy : float
        Energy in units of t, 0 < E < 4t.
    spacing : int, optional
        Regular gap, or mean gap for random positions (sites).
    random : bool, optional
        Random gaps (uniform in 1 .. 2 spacing - 1) instead of a regular array.
    rng : int, Generator or None
        Seed of the random positions.
    realizations : int, optional
        Number of independent chains (adds a leading axis to the result).
    t : float, optional
    log : bool, optional
        Return ln T.

    Returns
    -------
    ndarray, shape (N + 1,) or (realizations, N + 1)
        T (or ln T) of the first n scatterers; see `chain_transmission` (lesson 1).
    """
    positions = scatterer_positions(n_scatterers, spacing, random=random, rng=rng,
                                    realizations=realizations)
    return chain_transmission(positions, strength, energy, t=t, log=log)


def incoherent_chain_transmission(transmissions):
    """Transmission of the first n of a list of scatterers, with all phases lost in between.

    Parameters
    ----------
    transmissions : array_like, shape (N,)
        Transmission of each scatterer, 0 < T_i <= 1.

    Returns
    -------
    ndarray, shape (N + 1,)
        Entry n: 1 / (1 + sum_{i<n} (1 - T_i)/T_i), the rule of
        `helpers.scattering.incoherent_transmission` for the first n scatterers (entry 0 is 1:
        no scatterer; 0 from the first perfect mirror on). Then 1/T - 1, the resistance in
        units of h/2e^2 without the contacts, grows like Ohm's law.
    """
    values = _transmission_array(transmissions, "transmissions")
    if values.ndim != 1:
        raise ValueError(f"transmissions must be a 1D list, got shape {values.shape}")
    with np.errstate(divide="ignore"):
        added = np.cumsum((1.0 - values) / values)  # inf from a mirror (T_i = 0) on
    return np.concatenate([[1.0], 1.0 / (1.0 + added)])


def resistance_vs_scatterers(n_max, T1, *, energy=1.2, spacing=10, random=True, realizations=10,
                             seed=0):
    """Resistance of a single-channel wire against the number of scatterers: all curves of lesson 1.

    Parameters
    ----------
    n_max : int
        Largest number of scatterers N (>= 1).
    T1 : float
        Transmission of one scatterer at `energy`, 0 < T1 <= 1 (sets the barrier height U).
    energy : float, optional
        Energy in units of t, 0 < E < 4t (the chain's Fermi energy).
    spacing : int, optional
        Gap between scatterers in sites (the mean gap if `random`).
    random : bool, optional
        Random gaps (disordered wire) or a regular array (a crystal of barriers).
    realizations : int, optional
        Number of random arrangements for the typical resistance.
    seed : int, optional
        Seed of the random arrangements (realization 0 is the one shown alone).

    Returns
    -------
    dict of ndarray, each of shape (n_max + 1,) except "strength" (a float)
        "N": 0..n_max; "coherent": R of realization 0 (exact, phase coherent);
        "typical": exp(-<ln T>) over the realizations (the typical coherent resistance);
        "incoherent": R = 1 / `incoherent_transmission` (phases lost between scatterers), equal
        to `ohmic_resistance`; "strength": U in units of t. Resistances in units of h/2e^2,
        ``inf`` where T underflows.
    """
    n = as_positive_int(n_max, "n_max")
    T1 = float(_transmission_array(as_real_scalar(T1, "T1"), "T1"))
    if T1 == 0:
        raise ValueError("T1 must be > 0")
    U = strength_for_transmission(T1, energy)
    B = as_positive_int(realizations, "realizations") if random else 1
    lnT = coherent_chain_transmission(n, U, energy, spacing=spacing, random=random, rng=seed,
                                      realizations=B, log=True)
    incoherent = incoherent_chain_transmission(np.full(n, T1))
    with np.errstate(over="ignore"):
        return {
            "N": np.arange(n + 1),
            "coherent": np.exp(-lnT[0]),
            "typical": np.exp(-lnT.mean(axis=0)),
            "incoherent": 1.0 / incoherent,
            "strength": float(U),
        }


def single_scatterer_resistance(strength, energy, *, t=1.0):
    """Transmission of one single-site barrier and its resistance, split into contacts + scatterer.

    Parameters
    ----------
    strength : float or array_like
        Barrier height U in units of t.
    energy : float
        Energy in units of t, 0 < E < 4t.
    t : float, optional

    Returns
    -------
    dict of ndarray (shape of `strength`)
        "T": transmission; "total": 1/T; "contact": 1; "scatterer": (1 - T)/T, all resistances in
        units of h/2e^2 (lesson 1: R = h/2e^2 + (h/2e^2)(1 - T)/T); "total_kohm": 1/T in kOhm.
    """
    T = np.asarray(single_site_transmission(strength, energy, t=t))
    contact, scatterer = resistance_split(T)
    return {"T": T, "total": np.asarray(resistance_from_transmission(T)),
            "contact": np.asarray(contact), "scatterer": np.asarray(scatterer),
            "total_kohm": np.asarray(resistance_from_transmission(T, kohm=True))}
