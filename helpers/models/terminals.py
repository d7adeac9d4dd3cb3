"""Voltage probes on a wire and reciprocity in a cross: Landauer-Büttiker with many terminals.

Used by lesson 10, "Many terminals" (its explorers, static figures and practice notebook).

Conventions (README, "Units and conventions"): square lattice, a = 1, hopping -t, on-site
4t + V(x, y), energies in units of t, transmissions per spin, resistances in units of
1/G0 = h/2e^2 (spin degenerate). The devices come from `helpers.multiterminal`, the circuits
(floating probes, four-terminal resistances) from `helpers.buttiker`.

The probed wire (`probe_wire`)
------------------------------
A strip of L x W sites (default 40 x 2) between a left lead (terminal 0) and a right lead
(terminal 1). Voltage probes are leads two columns wide on its top edge (terminals 2, 3, ...),
attached with the hopping -c t (`coupling` c): c -> 0 is a non-invasive (weakly coupled)
probe, c = 1 a probe that continues the lattice (invasive). A barrier is one column x_b of
height U across the wire. At the default energy E = 1.3 t the wire has one open channel
(W = 2: subbands at t and 3t) and so has each probe (a lead two sites wide has the same
subbands), with the wave number k = arccos(1 - (E - t)/2t) along the wire, half a wavelength
pi/k = 5.7 sites. A uniform barrier column does not mix the wire's subbands, so the wire is a
single channel of Büttiker's 1986 model.

Probe readings are normalized: the left reservoir at mu_L = 1, the right at mu_R = 0, every
probe floating (zero net current), so a probe reads the fraction
(mu_p - mu_R)/(mu_L - mu_R) of the applied bias.

The cross (`cross_transmissions`)
---------------------------------
`helpers.multiterminal.cross` of W x W sites, leads 0 left, 1 bottom, 2 right, 3 top
(counterclockwise), optional Anderson disorder (`helpers.disorder.anderson_potential`), flux
per plaquette in units of h/e.
"""

import functools

import numpy as np

from .._validation import (as_nonnegative, as_positive, as_positive_int, as_real_array, as_real_scalar,
                           scalar_or_array)
from ..buttiker import floating_voltages, four_terminal_resistance
from ..disorder import anderson_potential
from ..multiterminal import Device, Lead, cross, transmission_matrix

__all__ = ["WIRE_L", "WIRE_W", "WIRE_ENERGY", "PROBE_WIDTH", "CROSS_W", "CROSS_ENERGY",
           "probe_wire", "wire_readings", "wire_transmissions", "probe_profile", "coupling_sweep",
           "landauer_probe_levels", "cross_potential", "cross_transmissions", "resistance_vs_flux",
           "coupling_for_resistance"]

#: Default wire of lesson 10: length and width (sites) and energy (t): one open channel.
WIRE_L, WIRE_W, WIRE_ENERGY = 40, 2, 1.3
#: Width (columns) of the probes of `probe_wire`.
PROBE_WIDTH = 2
#: Default cross of lesson 10: size (sites) and energy (t): four open channels per lead.
CROSS_W, CROSS_ENERGY = 12, 1.0


def _probe_columns(probe_x, L, width=1):
    columns = np.atleast_1d(np.asarray(probe_x))
    if columns.ndim != 1 or columns.size == 0:
        raise ValueError(f"probe_x must be one column or a list of columns, got {probe_x!r}")
    if not np.all(np.equal(np.mod(columns, 1), 0)):
        raise TypeError(f"probe_x must hold integer columns, got {columns.tolist()}")
    columns = columns.astype(int)
    if columns.min() < 0 or columns.max() + width > L:
        raise ValueError(f"probe_x must lie in 0..{L - width} (probes {width} columns wide on a wire of "
                         f"{L} columns), got {columns.tolist()}")
    ordered = np.sort(columns)
    if np.any(np.diff(ordered) < width):
        raise ValueError(f"probes {width} columns wide at {columns.tolist()} overlap; keep them {width} "
                         "or more columns apart")
    return columns


def probe_wire(probe_x, coupling, *, barrier=0.0, barrier_x=None, L=WIRE_L, W=WIRE_W):
    """A wire between two leads with voltage probes on its top edge and an optional barrier.

    Parameters
    ----------
    probe_x : int or sequence of int
        First columns (0..L-PROBE_WIDTH) of the probes, each a lead `PROBE_WIDTH` sites wide
        on the top edge (columns x..x+PROBE_WIDTH-1).
    coupling : float
        Hopping between each probe and the wire, in units of t (> 0; 1 continues the lattice).
    barrier : float
        Height U (units of t) of a barrier one column wide across the whole wire (0: clean).
    barrier_x : int, optional
        Column of the barrier (default L // 2).
    L, W : int
        Length and width of the wire (sites).

    Returns
    -------
    helpers.multiterminal.Device
        Terminals 0 left, 1 right, 2.. the probes in the order of `probe_x`.
    """
    L = as_positive_int(L, "L")
    W = as_positive_int(W, "W")
    coupling = as_positive(coupling, "coupling")
    barrier = as_real_scalar(barrier, "barrier")
    columns = _probe_columns(probe_x, L, PROBE_WIDTH)
    xb = L // 2 if barrier_x is None else int(as_real_scalar(barrier_x, "barrier_x"))
    if not 0 <= xb < L:
        raise ValueError(f"barrier_x must be a column 0..{L - 1}, got {barrier_x!r}")
    V = np.zeros((L, W))
    V[xb, :] = barrier
    leads = [Lead("left"), Lead("right")] + [Lead("top", int(x), PROBE_WIDTH, coupling) for x in columns]
    return Device(V, leads)


def wire_readings(T):
    """Two- and four-terminal resistances and probe readings of a probed wire.

    Parameters
    ----------
    T : array_like, shape (P, P), P >= 3
        Transmissions of a `probe_wire` (terminals 0 left, 1 right, 2.. probes), per spin.

    Returns
    -------
    dict
        ``"mu"``: (P-2,) probe readings (mu_p - mu_R)/(mu_L - mu_R), every probe floating;
        ``"R_2t"``: (V_0 - V_1)/I in units of h/2e^2, current from 0 to 1, probes floating;
        ``"R_4t"``: (V_2 - V_3)/I (first two probes) in units of h/2e^2, NaN with one probe.
    """
    T = as_real_array(T, "T", ndim=2)
    if T.shape[0] != T.shape[1] or T.shape[0] < 3:
        raise ValueError(f"T must be the (P, P) transmissions of a wire with probes, P >= 3, got {T.shape}")
    P = T.shape[0]
    V, _ = floating_voltages(T, np.concatenate([[1.0, 0.0], np.full(P - 2, np.nan)]))
    R_4t = four_terminal_resistance(T, 0, 1, 2, 3) if P >= 4 else np.nan
    return {"mu": V[2:], "R_2t": four_terminal_resistance(T, 0, 1, 0, 1), "R_4t": R_4t}


@functools.lru_cache(maxsize=4096)
def _wire_T(probe_x, coupling, barrier, barrier_x, L, W, energy):
    device = probe_wire(list(probe_x), coupling, barrier=barrier, barrier_x=barrier_x, L=L, W=W)
    T, _ = transmission_matrix(device, energy)
    T.setflags(write=False)
    return T


def wire_transmissions(probe_x, coupling, *, barrier=0.0, barrier_x=None, L=WIRE_L, W=WIRE_W,
                       energy=WIRE_ENERGY):
    """T[p, q] of `probe_wire` at one energy (cached; read-only array).

    Parameters as `probe_wire`; `energy` in units of t. Returns the (2 + n_probes)-square
    matrix of `helpers.multiterminal.transmission_matrix` (reflections on the diagonal).
    """
    columns = tuple(int(x) for x in _probe_columns(probe_x, as_positive_int(L, "L"), PROBE_WIDTH))
    return _wire_T(columns, float(as_positive(coupling, "coupling")), float(as_real_scalar(barrier, "barrier")),
                   None if barrier_x is None else int(barrier_x), int(L), as_positive_int(W, "W"),
                   float(as_real_scalar(energy, "energy")))


@functools.lru_cache(maxsize=64)
def _profile(barrier, coupling, barrier_x, L, W, energy):
    x = np.arange(L - PROBE_WIDTH + 1)
    mu = np.array([wire_readings(_wire_T((int(xp),), coupling, barrier, barrier_x, L, W, energy))["mu"][0]
                   for xp in x])
    mu.setflags(write=False)
    return x, mu


def probe_profile(barrier, *, coupling=0.05, barrier_x=None, L=WIRE_L, W=WIRE_W, energy=WIRE_ENERGY):
    """What one probe reads at each column of the wire (a probe scanned along it).

    For each first column x a separate device with a single probe at x (terminal 2) is solved and
    the probe's floating reading (mu_x - mu_R)/(mu_L - mu_R) computed. A weakly coupled
    probe (small `coupling`) measures the local chemical potential of the coherent
    scattering state: with one channel, (|psi_L(x)|^2 mu_L + |psi_R(x)|^2 mu_R) /
    (|psi_L|^2 + |psi_R|^2), psi_L and psi_R the states injected from the left and the right
    (Büttiker 1986). Next to a barrier it oscillates with half the Fermi wavelength.

    Parameters
    ----------
    barrier : float
        Barrier height U (t).
    coupling : float
        Probe coupling (t).
    barrier_x, L, W, energy
        As `probe_wire` and `wire_transmissions`.

    Returns
    -------
    x : ndarray of int, shape (L - PROBE_WIDTH + 1,)
        First columns of the probe.
    mu : ndarray, shape (L - PROBE_WIDTH + 1,)
        Normalized probe readings (0 = right reservoir, 1 = left reservoir).
    """
    return _profile(float(as_real_scalar(barrier, "barrier")), float(as_positive(coupling, "coupling")),
                    None if barrier_x is None else int(barrier_x), as_positive_int(L, "L"),
                    as_positive_int(W, "W"), float(as_real_scalar(energy, "energy")))


def coupling_sweep(couplings, probe_x, *, barrier=0.0, barrier_x=None, L=WIRE_L, W=WIRE_W,
                   energy=WIRE_ENERGY):
    """Two- and four-terminal resistances and probe readings against the probe coupling.

    Parameters
    ----------
    couplings : array_like, shape (n,)
        Probe couplings c (units of t), each > 0.
    probe_x : (int, int)
        Columns of the two probes (terminals 2 and 3).
    barrier, barrier_x, L, W, energy
        As `probe_wire` and `wire_transmissions`.

    Returns
    -------
    dict of ndarrays (read-only: the sweeps are cached)
        ``"coupling"`` (n,), ``"R_2t"`` (n,) and ``"R_4t"`` (n,) in units of h/2e^2,
        ``"mu"`` (n, 2) probe readings, all probes floating (`wire_readings`).
    """
    c = as_real_array(couplings, "couplings", ndim=1)
    if np.any(c <= 0):
        raise ValueError(f"couplings must all be > 0, got a minimum of {c.min()}")
    columns = _probe_columns(probe_x, as_positive_int(L, "L"), PROBE_WIDTH)
    if columns.size != 2:
        raise ValueError(f"probe_x must give exactly two probe columns, got {columns.tolist()}")
    return dict(_sweep(tuple(float(ci) for ci in c), tuple(int(x) for x in columns),
                       float(as_real_scalar(barrier, "barrier")), None if barrier_x is None else int(barrier_x),
                       int(L), as_positive_int(W, "W"), float(as_real_scalar(energy, "energy"))))


@functools.lru_cache(maxsize=1024)
def _sweep(couplings, columns, barrier, barrier_x, L, W, energy):
    rows = [wire_readings(_wire_T(columns, c, barrier, barrier_x, L, W, energy)) for c in couplings]
    out = {"coupling": np.array(couplings), "R_2t": np.array([r["R_2t"] for r in rows]),
           "R_4t": np.array([r["R_4t"] for r in rows]), "mu": np.array([r["mu"] for r in rows])}
    for value in out.values():
        value.setflags(write=False)
    return out


def landauer_probe_levels(T):
    """Probe readings left and right of a single-channel scatterer, interference averaged out.

    Parameters
    ----------
    T : float or array_like
        Transmission of the scatterer, 0 < T <= 1 (one channel, per spin).

    Returns
    -------
    left, right : float or ndarray
        (1 + R)/2 and (1 - R)/2 with R = 1 - T: what ideal probes read on either side when
        the densities of the injected states are averaged over a wavelength (Landauer's
        argument, lesson 1). Their difference R divided by the current T gives the
        four-terminal resistance R/T (units of h/2e^2), the two-terminal one being 1/T.
    """
    T = as_real_array(T, "T")
    if np.any((T <= 0) | (T > 1)):
        raise ValueError(f"T must lie in (0, 1], got {T.tolist()}")
    R = 1 - T
    return scalar_or_array((1 + R) / 2), scalar_or_array((1 - R) / 2)


def cross_potential(disorder, *, seed=10, W=CROSS_W):
    """Anderson potential (W, W) of the lesson's disordered cross (`helpers.disorder`), units of t.

    `disorder` is the strength Wd >= 0 (0 gives a clean cross), `seed` the sample.
    """
    return anderson_potential(as_positive_int(W, "W"), W, strength=as_nonnegative(disorder, "disorder"), rng=seed)


@functools.lru_cache(maxsize=32)
def _cross_T(fluxes, disorder, seed, W, energy):
    device = cross(W, V=cross_potential(disorder, seed=seed, W=W))
    T = np.array([transmission_matrix(device, energy, flux=f)[0] for f in fluxes])
    T.setflags(write=False)
    return T


def cross_transmissions(fluxes, *, disorder=0.0, seed=10, W=CROSS_W, energy=CROSS_ENERGY):
    """T[p, q] of a (disordered) four-terminal cross for each flux (cached, read-only).

    Parameters
    ----------
    fluxes : array_like, shape (n,)
        Flux per plaquette in units of h/e.
    disorder : float
        Anderson disorder strength Wd (t), 0 for a clean cross.
    seed : int
        Disorder sample.
    W : int
        Size of the cross (sites); every arm has width W.
    energy : float
        Energy (t).

    Returns
    -------
    ndarray, shape (n, 4, 4)
        Leads 0 left, 1 bottom, 2 right, 3 top; T[k, p, q] from lead q into p at fluxes[k]
        (reflections on the diagonal). Onsager-Büttiker: T[p, q](B) = T[q, p](-B).
    """
    f = as_real_array(fluxes, "fluxes", ndim=1)
    return _cross_T(tuple(float(x) for x in f), float(as_nonnegative(disorder, "disorder")), int(seed),
                    as_positive_int(W, "W"), float(as_real_scalar(energy, "energy")))


def resistance_vs_flux(T, source, drain, plus, minus):
    """A multi-terminal resistance R_{pq,kl} for each matrix of a stack, units of h/2e^2.

    Parameters
    ----------
    T : array_like, shape (n, P, P)
        Transmissions, e.g. `cross_transmissions` over a flux grid.
    source, drain, plus, minus : int
        Leads p, q, k, l of `helpers.buttiker.four_terminal_resistance`.

    Returns
    -------
    ndarray, shape (n,)
    """
    T = as_real_array(T, "T", ndim=3)
    return np.array([four_terminal_resistance(t, source, drain, plus, minus) for t in T])


def coupling_for_resistance(target, probe_x, *, kind="R_4t", barrier=0.0, L=WIRE_L, W=WIRE_W,
                            energy=WIRE_ENERGY, bracket=(0.02, 1.0)):
    """Probe coupling at which a resistance of the probed wire reaches `target` (root finding).

    Parameters
    ----------
    target : float
        Resistance in units of h/2e^2 (for ``kind="R_2t_excess"``: R_2t minus its weak-probe
        limit, the clean wire's 1/N).
    probe_x : (int, int)
        Columns of the two probes.
    kind : {"R_4t", "R_2t_excess"}
        Which resistance (`wire_readings`), current from lead 0 to lead 1, probes floating.
    barrier, L, W, energy
        As `wire_transmissions`.
    bracket : (float, float)
        Couplings (t) between which the resistance crosses `target` once.

    Returns
    -------
    float
        The coupling c (units of t), to 1e-10.
    """
    from scipy.optimize import brentq

    target = as_real_scalar(target, "target")
    if kind not in ("R_4t", "R_2t_excess"):
        raise ValueError(f"kind must be 'R_4t' or 'R_2t_excess', got {kind!r}")
    N = transmission_matrix(probe_wire(probe_x, 1.0, L=L, W=W), energy)[1][0]

    def excess(c):
        r = wire_readings(wire_transmissions(probe_x, c, barrier=barrier, L=L, W=W, energy=energy))
        value = r["R_4t"] if kind == "R_4t" else r["R_2t"] - 1.0 / N
        return value - target

    lo, hi = (as_positive(b, "bracket") for b in bracket)
    if excess(lo) * excess(hi) > 0:
        raise ValueError(f"the resistance does not cross target={target} between couplings {lo} and {hi}; "
                         "widen bracket")
    return float(brentq(excess, lo, hi, xtol=1e-12))
