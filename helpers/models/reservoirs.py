"""Two reservoirs, each with its own chemical potential and temperature, and the current between them.

Used by lesson 2, "Reservoirs and the Fermi window" (its explorers and exercises).

Lesson 2, "Reservoirs and the Fermi window". Each reservoir is an ideal thermal bath: electrons
leaving it towards the conductor are distributed with its own Fermi function,
f_L(E) = f(E; mu_L, kT_L) and f_R(E) = f(E; mu_R, kT_R). The Landauer current is

    I = (2e/h) * integral of T(E) [f_L(E) - f_R(E)] dE                       (1)

counted positive when electrons flow from left to right (mu_L > mu_R at equal temperatures).
Here, unlike :func:`helpers.landauer.current`, the two reservoirs may have different
temperatures, which gives the thermoelectric current of a conductor with an energy-dependent T.

Units: energies, chemical potentials and kT share one unit, units of the hopping t in the
lesson (eV for a real-units exercise: then multiply a current by
``helpers.constants.CURRENT_UNIT_A_PER_EV`` to get ampere). Currents are returned in units of
(2e/h) x (energy unit), conductances in G0 = 2e^2/h; transmissions are per spin.

Contents
--------
- Model transmissions: :func:`step_transmission` (a channel opening, sharp or a smooth
  saddle-point constriction), :func:`resonance_transmission` (Breit-Wigner, from
  :func:`helpers.negf.breit_wigner`), :func:`band_transmission` (T = 1 on a finite window) and
  :func:`model_transmission`, which packs one of them with its feature positions and width.
- :func:`two_temperature_current`: equation (1) by adaptive quadrature (scipy QUADPACK with
  break points at the chemical potentials, a few kT around them, and the features of T).
- :func:`iv_curve`: equation (1) for many biases at once on one energy grid (fast, for widgets).
- :func:`linear_response`: the zero-bias current and the conductance dI/dV at V = 0.
- :func:`reservoir_scene`: everything the lesson's explorer draws, in one call.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy.integrate import quad

from .._validation import as_nonnegative, as_positive, as_real_array, as_real_scalar, scalar_or_array
from ..fermi import fermi, logistic, thermal_kernel
from ..negf import breit_wigner

__all__ = [
    "step_transmission",
    "resonance_transmission",
    "band_transmission",
    "TransmissionModel",
    "MODEL_KINDS",
    "model_transmission",
    "two_temperature_current",
    "iv_curve",
    "linear_response",
    "reservoir_scene",
]

#: Half-width of every integration window, in units of the larger kT: the neglected tails of
#: f_L - f_R are below exp(-40) = 4e-18 (times max|T| and kT).
WINDOW_KT = 40.0


def _out(array):
    return scalar_or_array(array)


# --- model transmissions ---------------------------------------------------------------------

def step_transmission(energy, E0=0.0, *, width=0.0):
    """One channel opening at E0: a step, sharp or smoothed like a saddle-point constriction.

    Parameters
    ----------
    energy : float or array_like
        Energies (units of t, or any unit shared with `E0` and `width`).
    E0 : float
        Threshold energy where the channel opens.
    width : float, optional
        Smoothing energy w >= 0. w > 0 gives the saddle-point (quantum point contact) form
        T(E) = 1 / (1 + exp(-(E - E0) / w)) of Büttiker (1990); w = 0 the sharp step
        (0 below E0, 1 above, exactly 1/2 at E0).

    Returns
    -------
    float or ndarray
        T(E) between 0 and 1, shape of `energy`.

    Notes
    -----
    Lesson 2 uses it as the simplest energy-dependent T: its slope at mu is positive, so a
    hotter left reservoir pushes electrons to the right. Evaluated with ``logistic``: no overflow
    for any w.
    """
    E = as_real_array(energy, "energy", allow_empty=True)
    E0 = as_real_scalar(E0, "E0")
    width = as_nonnegative(width, "width")
    if width == 0.0:
        return _out(np.where(E > E0, 1.0, np.where(E < E0, 0.0, 0.5)))
    with np.errstate(over="ignore", under="ignore"):
        return _out(logistic((E - E0) / width))


def resonance_transmission(energy, level=0.0, *, gamma_left=0.05, gamma_right=0.05):
    """Breit-Wigner resonance through one level coupled to both reservoirs.

    T(E) = Gamma_L Gamma_R / ((E - level)^2 + ((Gamma_L + Gamma_R) / 2)^2)

    Parameters
    ----------
    energy : float or array_like
        Energies (units of t, or any unit shared with the other arguments).
    level : float
        Resonance energy epsilon_0.
    gamma_left, gamma_right : float
        Couplings (level broadenings) to the left and right reservoirs, > 0. The full width at
        half maximum is Gamma_L + Gamma_R; the peak 4 Gamma_L Gamma_R / (Gamma_L + Gamma_R)^2
        is 1 for symmetric coupling.

    Returns
    -------
    float or ndarray
        T(E), shape of `energy`.

    Notes
    -----
    A thin wrapper of :func:`helpers.negf.breit_wigner` (lesson 6 derives it). In lesson 2 the
    level entering and leaving the bias window gives a step in I(V), and its two flanks give
    thermocurrents of opposite signs.
    """
    level = as_real_scalar(level, "level")
    gamma_left = as_positive(gamma_left, "gamma_left")
    gamma_right = as_positive(gamma_right, "gamma_right")
    E = as_real_array(energy, "energy", allow_empty=True)
    return _out(breit_wigner(E, level, gamma_left, gamma_right) if E.size else E.copy())


def band_transmission(energy, E1=-0.25, E2=0.25):
    """A finite window of perfect transmission: T = 1 for E1 < E < E2, 0 outside.

    Parameters
    ----------
    energy : float or array_like
        Energies (units of t, or any unit shared with `E1`, `E2`).
    E1, E2 : float
        Band edges, E1 < E2. Exactly on an edge T = 1/2 (the mean of both sides, as the Fermi
        function at kT = 0), which also makes grid integrals with a node on the edge exact.

    Returns
    -------
    float or ndarray
        T(E), shape of `energy`.

    Notes
    -----
    A stand-in for a narrow band (a lattice conductor transmits only inside its band): once
    the bias window covers the whole band the current saturates at (2e/h)(E2 - E1), and a
    larger bias adds nothing (lesson 2).
    """
    E = as_real_array(energy, "energy", allow_empty=True)
    E1 = as_real_scalar(E1, "E1")
    E2 = as_real_scalar(E2, "E2")
    if not E1 < E2:
        raise ValueError(f"E1 must be below E2, got E1={E1}, E2={E2}")
    inside = (E > E1) & (E < E2)
    edge = (E == E1) | (E == E2)
    return _out(np.where(inside, 1.0, np.where(edge, 0.5, 0.0)))


@dataclass(frozen=True)
class TransmissionModel:
    """A model T(E) with what an integrator should know about it.

    Calling it, ``model(E)``, evaluates T at a float or an array of energies.

    Attributes
    ----------
    kind : str
        "step", "resonance" or "band".
    function : callable
        T(E), vectorized.
    points : tuple of float
        Energies where T jumps or peaks (threshold, level, band edges).
    feature_width : float
        Narrowest energy scale of T (inf for a sharp step or band: only the points matter).
    description : str
        One line for a plot title or a legend.
    """

    kind: str
    function: object = field(repr=False)
    points: tuple
    feature_width: float
    description: str

    def __call__(self, energy):
        return self.function(energy)


#: The model kinds of :func:`model_transmission`, with a label each (for a dropdown).
MODEL_KINDS = {
    "step": "a step (one channel opening)",
    "resonance": "a Breit-Wigner resonance",
    "band": "a band (finite window of transmission)",
}


def model_transmission(kind, position=0.0, *, width=None):
    """One of the lesson's model transmissions, centred on `position`.

    Parameters
    ----------
    kind : {"step", "resonance", "band"}
        "step": :func:`step_transmission` with threshold E0 = position and smoothing `width`
        (default 0.01; 0 for a sharp step). "resonance": :func:`resonance_transmission` at
        level = position, symmetric coupling, full width at half maximum `width` (default 0.1,
        so Gamma_L = Gamma_R = width / 2). "band": :func:`band_transmission` from
        position - width/2 to position + width/2 (default width 0.5).
    position : float
        Threshold, level or band centre (units of t).
    width : float, optional
        See `kind`; units of t.

    Returns
    -------
    TransmissionModel
    """
    if kind not in MODEL_KINDS:
        raise ValueError(f"kind must be one of {', '.join(map(repr, MODEL_KINDS))}, got {kind!r}")
    position = as_real_scalar(position, "position")
    if kind == "step":
        w = 0.01 if width is None else as_nonnegative(width, "width")
        return TransmissionModel(
            "step", lambda E: step_transmission(E, position, width=w), (position,),
            np.pi * w if w > 0 else np.inf,
            f"step at E0 = {position:.3g}" + (f", width {w:.3g}" if w > 0 else " (sharp)"))
    if kind == "resonance":
        w = 0.1 if width is None else as_positive(width, "width")
        return TransmissionModel(
            "resonance",
            lambda E: resonance_transmission(E, position, gamma_left=w / 2, gamma_right=w / 2),
            (position,), w / 2, f"resonance at {position:.3g}, FWHM {w:.3g}")
    w = 0.5 if width is None else as_positive(width, "width")
    E1, E2 = position - w / 2, position + w / 2
    return TransmissionModel("band", lambda E: band_transmission(E, E1, E2), (E1, E2), np.inf,
                             f"band from {E1:.3g} to {E2:.3g}")


# --- the current between two reservoirs -------------------------------------------------------

def _temperatures(kT_L, kT_R):
    return as_nonnegative(kT_L, "kT_L"), as_nonnegative(kT_R, "kT_R")


def two_temperature_current(transmission_fn, mu_L, mu_R, kT_L, kT_R, *, points=None,
                            epsrel=1e-11):
    """Landauer current between reservoirs at different chemical potentials AND temperatures.

    I = integral of T(E) [f(E; mu_L, kT_L) - f(E; mu_R, kT_R)] dE, in units of (2e/h) x energy.

    Parameters
    ----------
    transmission_fn : callable
        T(E) for one energy (a float); a :class:`TransmissionModel` or any vectorized function
        works too. A model's `points` are used as break points.
    mu_L, mu_R : float
        Chemical potentials (units of t, or eV); e V = mu_L - mu_R.
    kT_L, kT_R : float
        Thermal energies of the two reservoirs, >= 0 (0 gives a sharp Fermi step).
    points : sequence of float, optional
        Energies where T jumps or peaks (added to the model's own points).
    epsrel : float, optional
        Relative tolerance asked of QUADPACK on each piece (default 1e-11).

    Returns
    -------
    float
        The current in units of (2e/h) x (energy unit), positive for electrons flowing from
        left to right. With energies in eV, times ``CURRENT_UNIT_A_PER_EV`` gives ampere.

    Notes
    -----
    Identities (tested): I = 0 when mu_L = mu_R and kT_L = kT_R, whatever T (no current in
    equilibrium, however hot); swapping the reservoirs flips the sign; a constant T gives
    T (mu_L - mu_R) at any temperatures (the window integrates to the bias); for kT_L = kT_R
    it equals :func:`helpers.landauer.current`; a linear T(E) = a + b (E - mu) at equal mu
    gives exactly (pi^2 / 6) b (kT_L^2 - kT_R^2), the thermoelectric (Mott) sign rule.
    Method: window [min(mu_X - 40 kT_X), max(mu_X + 40 kT_X)] (neglected tails below
    4e-18 kT max|T|), cut at each mu, at mu +- (1, 4, 12) kT of each side and at the
    features of T, each piece by adaptive Gauss-Kronrod (scipy.integrate.quad).
    """
    if not callable(transmission_fn):
        raise TypeError(f"transmission_fn must be a callable T(E), got {type(transmission_fn).__name__}")
    mu_L = as_real_scalar(mu_L, "mu_L")
    mu_R = as_real_scalar(mu_R, "mu_R")
    kT_L, kT_R = _temperatures(kT_L, kT_R)
    epsrel = as_positive(epsrel, "epsrel")
    if mu_L == mu_R and kT_L == kT_R:
        return 0.0  # equilibrium: f_L = f_R at every energy
    lo = min(mu_L - WINDOW_KT * kT_L, mu_R - WINDOW_KT * kT_R)
    hi = max(mu_L + WINDOW_KT * kT_L, mu_R + WINDOW_KT * kT_R)
    cuts = [lo, hi, mu_L, mu_R]
    for mu, kT in ((mu_L, kT_L), (mu_R, kT_R)):
        cuts += [mu + s * n * kT for n in (1, 4, 12) for s in (-1, 1)]
    extra = list(getattr(transmission_fn, "points", ()))
    if points is not None:
        extra += list(as_real_array(points, "points", ndim=1, allow_empty=True))
    cuts = np.unique([c for c in cuts + extra if lo <= c <= hi])

    def integrand(E):
        T = float(np.asarray(transmission_fn(E), dtype=float).reshape(()))
        return T * (fermi(E, mu_L, kT_L) - fermi(E, mu_R, kT_R))

    total = 0.0
    for a, b in zip(cuts[:-1], cuts[1:]):
        value, _ = quad(integrand, a, b, limit=200, epsabs=1e-15 * (hi - lo), epsrel=epsrel)
        total += value
    return float(total)


def _energy_grid(lo, hi, h, points):
    """Uniform grid of spacing <= h on [lo, hi], with the feature points inserted as nodes."""
    n = int(np.ceil((hi - lo) / h)) + 1
    grid = np.linspace(lo, hi, n)
    inside = np.array([p for p in points if lo < p < hi], dtype=float)
    if inside.size == 0:
        return grid
    # drop uniform nodes very close to a feature point: a near-duplicate node on the wrong
    # side of a jump would cost a first-order error
    spacing = grid[1] - grid[0]
    far = np.min(np.abs(grid[:, None] - inside[None, :]), axis=1) > 0.25 * spacing
    far[[0, -1]] = True
    return np.unique(np.concatenate([grid[far], inside]))


#: Half-width of the grid windows of :func:`iv_curve` and :func:`linear_response` in units of
#: the larger kT (neglected tails below exp(-30) = 1e-13 relative).
GRID_WINDOW_KT = 30.0

#: Largest energy grid :func:`iv_curve` accepts (keeps a widget update fast and memory small).
MAX_GRID = 40_000


def _grid_for(transmission_fn, mus, kT_L, kT_R, resolution):
    kmax = max(kT_L, kT_R)
    lo = float(np.min(mus)) - GRID_WINDOW_KT * kmax
    hi = float(np.max(mus)) + GRID_WINDOW_KT * kmax
    if resolution is None:
        resolution = min(kT_L, kT_R, getattr(transmission_fn, "feature_width", np.inf))
    h = resolution / 4
    if (hi - lo) / h > MAX_GRID:
        raise ValueError(
            f"the energy grid would need {int((hi - lo) / h)} points (window {hi - lo:.3g} wide, "
            f"spacing {h:.3g}); raise kT_L/kT_R or use two_temperature_current")
    # jumps of T (sharp step, band edges) become nodes; a smooth T keeps the uniform grid, on
    # which the trapezoidal rule converges exponentially
    if hasattr(transmission_fn, "points") or hasattr(transmission_fn, "feature_width"):
        sharp = not np.isfinite(getattr(transmission_fn, "feature_width", np.inf))
        return _energy_grid(lo, hi, h, getattr(transmission_fn, "points", ()) if sharp else ())
    # a plain function says nothing about its jumps: find them on the grid
    grid = _energy_grid(lo, hi, h, ())
    return _energy_grid(lo, hi, h, _jump_nodes(transmission_fn, grid))


#: A change of T larger than this between neighbouring grid nodes is treated as a jump.
JUMP_THRESHOLD = 0.02


def _jump_nodes(transmission_fn, grid, max_jumps=64):
    """Nodes just below and above every jump of a plain T(E) on `grid` (located by bisection).

    The trapezoidal rule across a jump errs by about half a grid spacing times the jump; with a
    node on each side of it (1e-12 apart, relative) the error goes. A steep but smooth T that
    looks like a jump only gains two harmless nodes.
    """
    T = np.asarray(transmission_fn(grid), dtype=float)
    jumps = np.nonzero(np.abs(np.diff(T)) > JUMP_THRESHOLD)[0]
    if jumps.size == 0 or jumps.size > max_jumps:
        return ()
    a, b = grid[jumps].copy(), grid[jumps + 1].copy()
    Ta = T[jumps]
    for _ in range(60):  # bisection, all jumps at once: 2^-60 of a grid spacing
        m = 0.5 * (a + b)
        Tm = np.asarray(transmission_fn(m), dtype=float)
        left = np.abs(Tm - Ta) > np.abs(Tm - T[jumps + 1])  # the jump lies left of m
        b = np.where(left, m, b)
        a = np.where(left, a, m)
        Ta = np.where(left, Ta, Tm)
    eps = 1e-12 * np.maximum(1.0, np.abs(a))
    return tuple(np.concatenate([a - eps, b + eps]))


def iv_curve(transmission_fn, biases, kT_L, kT_R, *, mu=0.0, resolution=None):
    """Current against bias, I(V), for reservoirs at mu +- eV/2 and temperatures kT_L, kT_R.

    Parameters
    ----------
    transmission_fn : callable
        T(E), vectorized over a 1D array of energies (a :class:`TransmissionModel` also gives
        its feature points and width).
    biases : array_like
        Biases e V = mu_L - mu_R (units of t), any 1D array; mu_L = mu + eV/2, mu_R = mu - eV/2.
    kT_L, kT_R : float
        Thermal energies of the reservoirs, > 0 (use :func:`two_temperature_current` at kT = 0).
    mu : float, optional
        Equilibrium chemical potential (units of t).
    resolution : float, optional
        Narrowest energy scale to resolve; default min(kT_L, kT_R, model feature width).

    Returns
    -------
    ndarray
        Currents in units of (2e t/h), shape of `biases`.

    Notes
    -----
    Equation (1) on one shared energy grid (spacing resolution/4, window +-30 kT, the jumps of
    a sharp model as nodes) by the trapezoidal rule, which converges exponentially for functions
    as smooth as the Fermi window: agrees with :func:`two_temperature_current` to 1e-6 relative or better (tested); a
    sharp step or band edge sits on a node, which leaves an O(spacing^2) error of about 1e-4
    relative. One (biases x energies) array: 61 biases take about 10 ms.
    """
    V = as_real_array(biases, "biases", ndim=1)
    mu = as_real_scalar(mu, "mu")
    kT_L, kT_R = _temperatures(kT_L, kT_R)
    if kT_L == 0 or kT_R == 0:
        raise ValueError("kT_L and kT_R must be > 0 for iv_curve (a grid needs a smooth window); "
                         "use two_temperature_current for kT = 0")
    if resolution is not None:
        resolution = as_positive(resolution, "resolution")
    mu_L, mu_R = mu + V / 2, mu - V / 2
    E = _grid_for(transmission_fn, np.concatenate([mu_L, mu_R]), kT_L, kT_R, resolution)
    T = np.asarray(transmission_fn(E), dtype=float)
    window = fermi(E[None, :], mu_L[:, None], kT_L) - fermi(E[None, :], mu_R[:, None], kT_R)
    return np.trapezoid(T[None, :] * window, E, axis=1)


def linear_response(transmission_fn, kT_L, kT_R, *, mu=0.0, resolution=None):
    """Zero-bias current and linear conductance dI/dV at V = 0 (mu_L = mu + eV/2, mu_R = mu - eV/2).

    Parameters
    ----------
    transmission_fn : callable
        T(E), vectorized (as for :func:`iv_curve`).
    kT_L, kT_R : float
        Thermal energies of the reservoirs, > 0.
    mu : float, optional
        Equilibrium chemical potential.
    resolution : float, optional
        As for :func:`iv_curve`.

    Returns
    -------
    I0 : float
        Current at zero bias, units of (2e t/h): 0 at equal temperatures (detailed balance),
        the thermocurrent otherwise.
    G : float
        dI/dV at V = 0 in units of G0 = 2e^2/h: the mean of integral T(E)(-df/dE) dE at kT_L
        and at kT_R, i.e. :func:`helpers.landauer.conductance` when kT_L = kT_R.

    Notes
    -----
    Near V = 0, I(V) = I0 + G V + O(V^2): the linear-response line of the lesson's I-V plot.
    """
    mu = as_real_scalar(mu, "mu")
    kT_L, kT_R = _temperatures(kT_L, kT_R)
    if kT_L == 0 or kT_R == 0:
        raise ValueError("kT_L and kT_R must be > 0 for linear_response")
    if resolution is not None:
        resolution = as_positive(resolution, "resolution")
    E = _grid_for(transmission_fn, np.array([mu]), kT_L, kT_R, resolution)
    T = np.asarray(transmission_fn(E), dtype=float)
    I0 = np.trapezoid(T * (fermi(E, mu, kT_L) - fermi(E, mu, kT_R)), E)
    kernel = 0.5 * (thermal_kernel(E, mu, kT_L) + thermal_kernel(E, mu, kT_R))
    return float(I0), float(np.trapezoid(T * kernel, E))


def reservoir_scene(kind, bias, kT_L, kT_R, position=0.0, *, mu=0.0, width=None,
                    bias_max=1.0, n_bias=61, energy_range=(-1.0, 1.0), n_energy=801):
    """Everything lesson 2's explorer draws for one setting of its controls.

    Parameters
    ----------
    kind : {"step", "resonance", "band"}
        The model transmission (:func:`model_transmission`).
    bias : float
        e V = mu_L - mu_R (units of t); mu_L = mu + eV/2, mu_R = mu - eV/2.
    kT_L, kT_R : float
        Thermal energies of the left and right reservoirs, > 0 (units of t).
    position : float
        Threshold, level or band centre (units of t).
    mu : float, optional
        Equilibrium chemical potential.
    width : float, optional
        Model width (see :func:`model_transmission`).
    bias_max, n_bias : float, int
        The I-V curve spans -bias_max..bias_max with n_bias points.
    energy_range, n_energy : (float, float), int
        Energy axis of the distribution plots.

    Returns
    -------
    dict
        "E" (n_energy,), "T", "f_L", "f_R", "window" (= f_L - f_R), "integrand"
        (= T (f_L - f_R)) on "E"; "biases" (n_bias,) and "currents" (I-V curve, 2e t/h);
        "current" (I at `bias`), "I0" and "G" (:func:`linear_response`), "model"
        (the :class:`TransmissionModel`); "linear_biases" (2,) and "linear_currents", the
        linear-response line I0 + G V over the central 40 % of the bias range; "V_open" (the
        open-circuit voltage: the bias, units of t/e, at which I = 0, the thermovoltage when
        the temperatures differ; 0 when I0 = 0, NaN when I does not vanish inside the range).
    """
    bias = as_real_scalar(bias, "bias")
    model = model_transmission(kind, position, width=width)
    lo, hi = energy_range
    E = _energy_grid(float(lo), float(hi), (hi - lo) / (n_energy - 1), model.points)
    T = np.asarray(model(E), dtype=float)
    f_L = fermi(E, mu + bias / 2, kT_L)
    f_R = fermi(E, mu - bias / 2, kT_R)
    biases = np.linspace(-bias_max, bias_max, n_bias)
    currents = iv_curve(model, np.append(biases, bias), kT_L, kT_R, mu=mu)
    I0, G = linear_response(model, kT_L, kT_R, mu=mu)
    linear_biases = np.array([-0.4, 0.4]) * bias_max
    V_open = _open_circuit_voltage(model, kT_L, kT_R, mu, I0, currents[:-1], biases)
    return {"E": E, "T": T, "f_L": f_L, "f_R": f_R, "window": f_L - f_R,
            "integrand": T * (f_L - f_R), "biases": biases, "currents": currents[:-1],
            "current": float(currents[-1]), "I0": I0, "G": G,
            "linear_biases": linear_biases, "linear_currents": I0 + G * linear_biases,
            "model": model, "V_open": V_open}


def _open_circuit_voltage(model, kT_L, kT_R, mu, I0, currents, biases):
    """The bias at which the current vanishes, bracketed on the I-V curve, refined by brentq."""
    from scipy.optimize import brentq

    if I0 == 0:
        return 0.0
    sign = np.sign(currents)
    crossings = np.flatnonzero(sign[:-1] * sign[1:] <= 0)
    if crossings.size == 0:
        return float("nan")
    i = crossings[np.argmin(np.abs(biases[crossings]))]  # the crossing nearest V = 0

    def current(V):
        return float(iv_curve(model, np.array([V]), kT_L, kT_R, mu=mu)[0])

    if currents[i] == 0:
        return float(biases[i])
    return float(brentq(current, biases[i], biases[i + 1], xtol=1e-9))
