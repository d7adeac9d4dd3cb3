"""The quantum Hall effect as edge-channel transmission (lesson 11).

Used by lesson 11, "The quantum Hall effect as edge channels", its explorers and exercises.

Conventions (README, "Units and conventions"): square lattice, a = 1, hopping -t (t = 1),
on-site 4t + V(x, y), spinless (every transmission is per spin; conductances in units of
G0 = 2e^2/h, resistances in units of 1/G0 = h/2e^2). Magnetic field as a flux per plaquette
`flux` in units of the flux quantum h/e, Landau gauge A = (-B y, 0), leads included
(`helpers.transmission`, `helpers.multiterminal`). Disorder: Anderson disorder of strength Wd
drawn from one seed, ``anderson_potential(L, W, strength=Wd, rng=seed)``, so that the same
seed at a different strength is the same sample scaled.

The lattice has the effective mass m* = hbar^2 / (2 t a^2) at its band bottom, hence the
cyclotron energy hbar omega_c = 4 pi t flux and the magnetic length
l_B = sqrt(hbar / e B) = a / sqrt(2 pi flux).
"""

import functools

import numpy as np

from .._validation import (as_nonnegative, as_positive, as_positive_int, as_real_array, as_real_scalar,
                           scalar_or_array)
from ..currents import solution_bond_currents
from ..disorder import anderson_potential
from ..buttiker import hall_bar_resistances
from ..multiterminal import band_structure, hall_bar, solve, two_terminal
from ..rgf import transmission
from .qpc import qpc_potential

__all__ = [
    "magnetic_length",
    "cyclotron_energy",
    "guiding_centre",
    "lead_bands",
    "bulk_landau_levels",
    "filling_factor",
    "edge_channel_staircase",
    "sample_potential",
    "strip_conductance",
    "hall_sweep",
    "current_map",
    "qpc_field_sweep",
]


def _flux(flux, name="flux"):
    flux = as_real_scalar(flux, name)
    if abs(flux) > 0.5:
        raise ValueError(f"{name} must lie in [-0.5, 0.5] (flux per plaquette in h/e), got {flux}")
    return flux


def magnetic_length(flux):
    """Magnetic length l_B = sqrt(hbar / e B) = 1 / sqrt(2 pi |flux|), in lattice constants.

    Parameters
    ----------
    flux : float or array_like
        Flux per plaquette in units of h/e (nonzero).
    """
    f = np.abs(as_real_array(flux, "flux"))
    if np.any(f == 0):
        raise ValueError("flux must be nonzero: at zero field the magnetic length is infinite")
    return 1.0 / np.sqrt(2 * np.pi * f)


def cyclotron_energy(flux, *, t=1.0):
    """hbar omega_c = hbar e B / m* = 4 pi t |flux| (units of t), m* the band-bottom mass."""
    return 4 * np.pi * np.abs(as_real_array(flux, "flux")) * as_positive(t, "t")


def guiding_centre(k, flux):
    """Centre y_0 = k / (2 pi flux) (sites) of the lead state with wave number k (Landau gauge).

    In the gauge A = (-B y, 0) a lead state exp(i k x) u(y) feels the transverse potential
    2t (1 - cos(k - 2 pi flux y)), centred on y_0 = k / (2 pi flux).
    """
    flux = _flux(flux)
    if flux == 0:
        raise ValueError("flux must be nonzero: without a field k is not tied to a position")
    return as_real_array(k, "k") / (2 * np.pi * flux)


def lead_bands(W, flux, *, k_points=401, t=1.0):
    """Band structure E_n(k) of a clean lead of width W in a field, over one period of k.

    Parameters
    ----------
    W : int
        Lead width (sites).
    flux : float
        Flux per plaquette (h/e).
    k_points : int
        Number of wave numbers.

    Returns
    -------
    k : ndarray, shape (k_points,)
        Wave numbers over one period of the bands, 2 pi (1/a): from -pi to pi without
        field, otherwise centred on the middle of the strip, 2 pi flux (W - 1)/2 +- pi, i.e.
        guiding centres within 1/(2 |flux|) of the middle (each state once).
    bands : ndarray, shape (k_points, W)
        Energies (units of t), ascending at each k (`helpers.multiterminal.band_structure`).
    """
    W = as_positive_int(W, "W")
    flux = _flux(flux)
    k_points = as_positive_int(k_points, "k_points")
    centre = 2 * np.pi * flux * (W - 1) / 2
    k = np.linspace(centre - np.pi, centre + np.pi, k_points)
    return k, band_structure(k, W, flux=flux, t=t)


def bulk_landau_levels(flux, W, n_levels, *, t=1.0):
    """Landau levels of the lattice in the middle of a strip of width W, units of t.

    The lead bands at the wave number whose guiding centre is the middle of the strip,
    k = 2 pi flux (W' - 1)/2 (flat there when W' >> l_B), where the width is reduced to
    W' = min(W, 2 floor(1/|flux| - 2 l_B)) so that the copies of the same k centred
    1/flux away (the lattice makes k periodic) lie outside it. They tend to
    `helpers.multiterminal.landau_levels` (hbar omega_c (n + 1/2)) at small flux and lie
    slightly below it at higher energies (the lattice band is not a parabola).

    Parameters
    ----------
    flux : float
        Flux per plaquette (h/e), nonzero.
    W : int
        Strip width (sites).
    n_levels : int
        Number of levels returned (n = 0 .. n_levels - 1).

    Returns
    -------
    ndarray, shape (n_levels,)
    """
    flux = _flux(flux)
    if flux == 0:
        raise ValueError("flux must be nonzero: Landau levels need a field")
    W = as_positive_int(W, "W")
    n_levels = as_positive_int(n_levels, "n_levels")
    W_bulk = int(min(W, 2 * np.floor(1 / abs(flux) - 2 * magnetic_length(flux))))
    if n_levels > W_bulk:
        raise ValueError(f"n_levels must be <= {W_bulk} (the levels a strip of width W = {W} holds "
                         f"at flux {flux}), got {n_levels}")
    return band_structure(2 * np.pi * flux * (W_bulk - 1) / 2, W_bulk, flux=flux, t=t)[:n_levels]


def filling_factor(energy, flux, W, *, t=1.0):
    """Number nu of bulk Landau levels below the energy: the edge channels of a wide strip.

    Parameters
    ----------
    energy : float or array_like
        Fermi energy (units of t).
    flux : float
        Flux per plaquette (h/e), nonzero.
    W : int
        Strip width (sites) in which the levels are computed (`bulk_landau_levels`).

    Returns
    -------
    int or ndarray of int, shape of `energy`
    """
    E = as_real_array(energy, "energy")
    flux = _flux(flux)
    W = as_positive_int(W, "W")
    W_bulk = int(min(W, 2 * np.floor(1 / abs(flux) - 2 * magnetic_length(flux)))) if flux else W
    levels = bulk_landau_levels(flux, W, W_bulk, t=t)
    nu = np.sum(E[..., None] > levels, axis=-1)
    return scalar_or_array(nu, kind=int)


def edge_channel_staircase(energy, W, flux, *, k_points=2048, t=1.0):
    """Right-moving channels N(E) of a clean lead in a field: the two-terminal G/G0 of a clean strip.

    Counts, over one period of k, the crossings of the level E by the bands E_n(k) with
    positive slope (right movers). Equal to `helpers.transmission` of a clean strip (tested)
    away from band extrema narrower than the k grid.

    Parameters
    ----------
    energy : float or array_like, shape (n,)
        Energies (units of t).
    W : int
        Lead width (sites).
    flux : float
        Flux per plaquette (h/e).
    k_points : int
        k grid over the period 2 pi.

    Returns
    -------
    int or ndarray of int, shape of `energy`
    """
    E = as_real_array(energy, "energy", ndim=(0, 1))
    W = as_positive_int(W, "W")
    flux = _flux(flux)
    k_points = as_positive_int(k_points, "k_points")
    # an irrational offset keeps band extrema (k = 0 at zero field) off the grid points
    k = -np.pi + 2 * np.pi * (np.arange(k_points + 1) + 0.5 / np.sqrt(2)) / k_points
    bands = band_structure(k, W, flux=flux, t=t)                 # (k_points + 1, W)
    lo, hi = bands[:-1], bands[1:]                               # periodic: last row = first + 2 pi
    up = (lo[..., None] < E) & (hi[..., None] >= E)              # (k_points, W, n)
    N = up.sum(axis=(0, 1))
    return scalar_or_array(N, E.ndim == 0, kind=int)


def sample_potential(L, W, strength, seed):
    """The disordered sample: Anderson disorder of strength Wd (units of t) from one seed.

    ``anderson_potential(L, W, strength=strength, rng=seed)``: one seed is one sample at every
    strength (the potential scales with it), shape (L, W).
    """
    return anderson_potential(L, W, strength=as_nonnegative(strength, "strength"), rng=seed)


def strip_conductance(energy, flux, *, L, W, strength=0.0, seed=0, t=1.0):
    """Two-terminal G/G0 = T of a (disordered) strip in a field.

    Parameters
    ----------
    energy : float or array_like
        Fermi energy (units of t).
    flux : float
        Flux per plaquette (h/e).
    L, W : int
        Sample size (sites).
    strength : float
        Disorder Wd (units of t); 0 is a clean strip.
    seed : int
        Sample (`sample_potential`).

    Returns
    -------
    float or ndarray, shape of `energy`: T, summed over channels, per spin (= G in 2e^2/h).
    """
    flux = _flux(flux)
    V = sample_potential(L, W, strength, seed)
    return transmission(V, energy, t=t, flux=flux)


@functools.lru_cache(maxsize=64)
def _hall_sweep(fluxes, E, L, W, probe_width, strength, seed):
    V = sample_potential(L, W, strength, seed)
    device = hall_bar(L, W, probe_width=probe_width, V=V)
    out = {name: np.empty(len(fluxes)) for name in ("R_xy", "R_xx", "R_2t")}
    out["N"] = np.empty(len(fluxes), int)
    for i, flux in enumerate(fluxes):
        solution = solve(device, E, flux=flux)
        R = hall_bar_resistances(solution.transmissions())
        for name in ("R_xy", "R_xx", "R_2t"):
            out[name][i] = R[name]
        out["N"][i] = solution.num_open[0]
    for value in out.values():
        value.setflags(write=False)
    return out


def hall_sweep(fluxes, energy, *, L=48, W=24, probe_width=8, strength=0.0, seed=0):
    """Hall bar resistances against field: R_xy, R_xx, R_2t at each flux (units of h/2e^2).

    Parameters
    ----------
    fluxes : array_like, shape (n,)
        Fluxes per plaquette (h/e).
    energy : float
        Fermi energy (units of t).
    L, W, probe_width : int
        The six-terminal `helpers.multiterminal.hall_bar` (probes centred on L/4 and 3L/4).
    strength, seed : float, int
        Disorder of the bar (`sample_potential`).

    Returns
    -------
    dict of read-only ndarrays, shape (n,)
        "R_xy", "R_xx", "R_2t" (`helpers.buttiker.hall_bar_resistances`, current from the left
        to the right lead, probes floating), "N" (open channels of the left lead).
        Cached by arguments.
    """
    f = as_real_array(fluxes, "fluxes", ndim=1)
    for x in f:
        _flux(x, "fluxes")
    return _hall_sweep(tuple(float(x) for x in f), as_real_scalar(energy, "energy"),
                       as_positive_int(L, "L"), as_positive_int(W, "W"),
                       as_positive_int(probe_width, "probe_width"),
                       float(as_nonnegative(strength, "strength")), int(seed))


@functools.lru_cache(maxsize=128)
def _current_map(E, flux, L, W, strength, seed):
    device = two_terminal(sample_potential(L, W, strength, seed))
    solution = solve(device, E, flux=flux)
    jx, jy = solution_bond_currents(solution, 0)
    T = solution.transmissions()[1, 0]
    # current through each site: the average of the bond currents on both sides of it
    px = np.zeros((L + 1, W))
    px[1:-1] = jx
    py = np.zeros((L, W + 1))
    py[:, 1:-1] = jy
    ix = 0.5 * (px[:-1] + px[1:])
    iy = 0.5 * (py[:, :-1] + py[:, 1:])
    # the first and last columns also exchange current with the leads: use the inner bond only
    ix[0], ix[-1] = jx[0], jx[-1]
    out = {"jx": jx, "jy": jy, "ix": ix, "iy": iy, "magnitude": np.hypot(ix, iy), "T": float(T)}
    for value in out.values():
        if isinstance(value, np.ndarray):
            value.setflags(write=False)
    return out


def current_map(energy, flux, *, L=60, W=24, strength=0.0, seed=0):
    """Current carried by the states the left reservoir fills, in a two-terminal strip.

    Parameters
    ----------
    energy : float
        Energy (units of t).
    flux : float
        Flux per plaquette (h/e).
    L, W : int
        Strip size (sites); leads left and right.
    strength, seed : float, int
        Disorder (`sample_potential`).

    Returns
    -------
    dict
        "jx" (L-1, W), "jy" (L, W-1): bond currents of `helpers.currents.bond_currents`
        (units of e/h per unit energy, per spin) for lead 0 (left) injecting;
        "ix", "iy", "magnitude" (L, W): the current through each site (average of its two
        bonds along x, along y) and its size; "T": the transmission to the right lead,
        which every column of jx carries in total. Cached by arguments.
    """
    return _current_map(as_real_scalar(energy, "energy"), float(_flux(flux)), as_positive_int(L, "L"),
                        as_positive_int(W, "W"), float(as_nonnegative(strength, "strength")), int(seed))


@functools.lru_cache(maxsize=32)
def _qpc_field(gates, E, flux, W, length, hw_y):
    G = np.array([transmission(qpc_potential(vg, W, length=length, hw_y=hw_y), E, flux=flux)
                  for vg in gates])
    G.setflags(write=False)
    return G


def qpc_field_sweep(Vg, energy, flux, *, W=20, length=15, hw_y=0.3):
    """Conductance G/G0 of the lesson 3 point contact against gate voltage, in a field.

    Parameters
    ----------
    Vg : array_like, shape (n,)
        Gate voltages (units of t; the saddle sits at -Vg, `helpers.models.qpc.qpc_potential`).
    energy : float
        Fermi energy (units of t).
    flux : float
        Flux per plaquette (h/e), in the constriction and the leads.
    W, length, hw_y
        Strip width, half length of the smooth constriction (sites), transverse spacing
        hbar omega_y at the saddle (units of t).

    Returns
    -------
    ndarray, shape (n,), read-only (cached by arguments).
    """
    gates = as_real_array(Vg, "Vg", ndim=1)
    return _qpc_field(tuple(float(v) for v in gates), as_real_scalar(energy, "energy"), float(_flux(flux)),
                      as_positive_int(W, "W"), as_positive_int(length, "length"), float(as_positive(hw_y, "hw_y")))
