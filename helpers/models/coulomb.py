"""Coulomb blockade: the orthodox model of a single-electron transistor, and Coulomb-blockade
thermometry with a chain of N junctions (lesson 9).

Used by lesson 9, "Coulomb blockade" (the blockade and thermometer explorers and exercises).

A metallic island is joined to two leads by tunnel junctions (resistances R1, R2 much larger than
h/e^2, capacitances C1, C2) and to a gate by the capacitance Cg. Electrons tunnel one at a time
(sequential tunnelling); the island's charge state n (excess electrons) changes by one at each
event, and the charging energy E_C = e^2/(2 C_sigma), C_sigma = C1 + C2 + Cg, makes some
changes cost energy. This is physics beyond the non-interacting Landauer formula: the
transmission of one electron depends on how many others sit on the island.

Units (one set, SI-ish, conversions here with helpers.constants):
capacitances in aF, voltages in mV, energies in meV, temperatures in K, resistances in kOhm,
currents in nA, conductances in microsiemens (nA/mV), rates in 1/s.

Bias convention: lead 1 at +alpha V, lead 2 at -(1 - alpha) V (alpha = 1/2: symmetric bias).
The current I is the conventional current from lead 1 to lead 2 (I > 0 for V > 0).

Energy cost (free-energy change) of one tunnelling event from charge state n, with
n_g = (C1 V1 + C2 V2 + Cg Vg)/e + q0 (q0: offset charge in units of e):

    in from lead a (n -> n + 1):   dF = e V_a + 2 E_C (n - n_g + 1/2)
    out to lead a  (n -> n - 1):   dF = -e V_a + 2 E_C (n_g - n + 1/2)

and the orthodox rate of an event with energy gain W = -dF through a junction R:

    Gamma(W) = (W / e^2 R) / (1 - exp(-W / kT))        (-> kT/e^2 R at W = 0, W/e^2 R at T = 0)

The steady state of the master equation on a chain of charge states has zero net probability
flow between neighbours: P(n+1)/P(n) = Gamma_up(n)/Gamma_down(n+1) (solved in log space, so that
kT -> 0 and |W| >> kT stay finite). References: Averin & Likharev (1986); Beenakker, Phys. Rev.
B 44, 1646 (1991); Grabert & Devoret (eds.), Single Charge Tunneling (1992).
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .._validation import as_nonnegative, as_positive, as_positive_int, as_real_array, as_real_scalar, scalar_or_array
from ..constants import K_B_EV_PER_K, e

__all__ = ["SET", "charging_energy_meV", "gate_period_mV", "kT_meV", "orthodox_rate",
           "tunnel_rate", "charge_probabilities", "set_current", "set_conductance",
           "high_temperature_conductance", "coulomb_curves", "ZERO_KT_FRACTION",
           "differential_conductance", "cbt_dip_function", "cbt_conductance", "cbt_width_factor",
           "dip_full_width", "thermometer_curves"]

#: T = 0 is evaluated at kT = ZERO_KT_FRACTION * E_C in the master equation (rates exact to
#: exp(-1e9) away from the thresholds).
ZERO_KT_FRACTION = 1e-9

_AF_MV_OVER_E = 1e-18 * 1e-3 / e      # (aF x mV)/e: a charge in units of e


def charging_energy_meV(C_sigma_aF):
    """Charging energy E_C = e^2/(2 C_sigma) in meV of a total capacitance in aF.

    Parameters
    ----------
    C_sigma_aF : float or array_like
        Total island capacitance C1 + C2 + Cg in attofarad (> 0).

    Returns
    -------
    float or ndarray
        E_C in meV (1 aF gives 80.1 meV; 1 fF gives 80.1 micro-eV).
    """
    C = as_real_array(C_sigma_aF, "C_sigma_aF")
    if np.any(C <= 0):
        raise ValueError(f"C_sigma_aF must be > 0 attofarad, got a minimum of {C.min()}")
    value = 1e3 * e / (2 * C * 1e-18)          # e^2/2C in J, / e -> eV, x 1e3 -> meV
    return scalar_or_array(value)


def gate_period_mV(Cg_aF):
    """Gate-voltage period e/Cg of the Coulomb oscillations, in mV (Cg in aF, > 0)."""
    C = as_positive(Cg_aF, "Cg_aF")
    return 1e3 * e / (C * 1e-18)


def kT_meV(T_K):
    """Thermal energy k_B T in meV of a temperature in kelvin (1 K: 0.08617 meV)."""
    T = as_real_array(T_K, "T_K")
    if np.any(T < 0):
        raise ValueError(f"T_K must be >= 0 kelvin, got a minimum of {T.min()}")
    value = 1e3 * K_B_EV_PER_K * T
    return scalar_or_array(value)


@dataclass(frozen=True)
class SET:
    """A single-electron transistor of the orthodox model.

    Attributes
    ----------
    C1_aF, C2_aF, Cg_aF : float
        Junction and gate capacitances in aF.
    R1_kohm, R2_kohm : float
        Tunnel resistances in kOhm (the model assumes R >> h/e^2 = 25.8 kOhm).
    q0 : float
        Offset charge in units of e (shifts the gate axis).
    alpha : float
        Bias split: lead 1 at alpha V, lead 2 at -(1 - alpha) V.
    """

    C1_aF: float = 150.0
    C2_aF: float = 150.0
    Cg_aF: float = 50.0
    R1_kohm: float = 200.0
    R2_kohm: float = 200.0
    q0: float = 0.0
    alpha: float = 0.5

    def __post_init__(self):
        for name in ("C1_aF", "C2_aF", "Cg_aF", "R1_kohm", "R2_kohm"):
            as_positive(getattr(self, name), name)
        as_real_scalar(self.q0, "q0")
        a = as_real_scalar(self.alpha, "alpha")
        if not 0 <= a <= 1:
            raise ValueError(f"alpha must lie in [0, 1], got {a}")

    @property
    def C_sigma_aF(self):
        """Total capacitance C1 + C2 + Cg in aF."""
        return self.C1_aF + self.C2_aF + self.Cg_aF

    @property
    def E_C_meV(self):
        """Charging energy e^2/(2 C_sigma) in meV."""
        return charging_energy_meV(self.C_sigma_aF)

    @property
    def gate_period_mV(self):
        """e/Cg in mV: the spacing of the Coulomb oscillations in gate voltage."""
        return gate_period_mV(self.Cg_aF)

    @property
    def offset_mV(self):
        """e/C_sigma = 2 E_C/e in mV: the blockade threshold at n_g = 0 (symmetric bias) and the
        offset of the ohmic asymptote I = (V - e/C_sigma)/(R1 + R2) at T = 0."""
        return 2 * self.E_C_meV

    @property
    def R_sum_kohm(self):
        """R1 + R2 in kOhm; 1/(R1 + R2) is the high-temperature conductance."""
        return self.R1_kohm + self.R2_kohm


def orthodox_rate(gain, kT):
    """Orthodox tunnelling rate in energy units: Gamma e^2 R = W / (1 - exp(-W/kT)).

    Parameters
    ----------
    gain : float or array_like
        Energy gained by the tunnelling electron, W = -dF (any energy unit).
    kT : float
        Thermal energy in the same unit, >= 0.

    Returns
    -------
    float or ndarray
        W/(1 - exp(-W/kT)), >= 0, shape of `gain`: kT at W = 0, W for W >> kT, |W| exp(-|W|/kT)
        for W << -kT (no overflow, no 0/0), max(W, 0) at kT = 0. Divide by e^2 R for a rate.
    """
    W = as_real_array(gain, "gain")
    kT = as_nonnegative(kT, "kT")
    if kT == 0:
        out = np.maximum(W, 0.0)
    else:
        out = kT * np.exp(_log_psi(W / kT))
    return scalar_or_array(out)


def _log_psi(x):
    """log of x/(1 - exp(-x)), stable for every real x (0 at x = 0)."""
    x = np.asarray(x, dtype=float)
    ax = np.abs(x)
    small = ax < 1e-6
    safe = np.where(small, 1.0, ax)
    # x > 0: log x - log(1 - e^-x);  x < 0: log|x| - |x| - log(1 - e^-|x|)
    big = np.log(safe) - np.log(-np.expm1(-safe)) - np.where(x < 0, safe, 0.0)
    return np.where(small, x / 2 - x * x / 24, big)


def tunnel_rate(gain_meV, R_kohm, T_K):
    """Orthodox rate in 1/s of a tunnelling event with energy gain W (meV) through R (kOhm).

    Gamma = (W / e^2 R) / (1 - exp(-W/kT)); see `orthodox_rate`.
    """
    R = as_positive(R_kohm, "R_kohm")
    energy_J = orthodox_rate(gain_meV, kT_meV(as_nonnegative(T_K, "T_K"))) * 1e-3 * e
    return energy_J / (e**2 * R * 1e3)


def _log_rates(V, Vg, device, kT, window):
    """Log of the four rates (in units of 1/(e^2 kOhm) x meV) for each state of the window."""
    E_C = device.E_C_meV
    V1 = device.alpha * V
    V2 = (device.alpha - 1) * V
    ng = (device.C1_aF * V1 + device.C2_aF * V2 + device.Cg_aF * Vg) * _AF_MV_OVER_E + device.q0
    n = np.round(ng)[..., None] + np.arange(-window, window + 1)
    ngx = ng[..., None]
    kTx = np.maximum(kT, ZERO_KT_FRACTION * E_C)

    def log_rate(gain, R):
        return np.log(kTx) + _log_psi(gain / kTx) - np.log(R)

    return n, {
        "in1": log_rate(-(V1[..., None] + 2 * E_C * (n - ngx + 0.5)), device.R1_kohm),
        "in2": log_rate(-(V2[..., None] + 2 * E_C * (n - ngx + 0.5)), device.R2_kohm),
        "out1": log_rate(-(-V1[..., None] + 2 * E_C * (ngx - n + 0.5)), device.R1_kohm),
        "out2": log_rate(-(-V2[..., None] + 2 * E_C * (ngx - n + 0.5)), device.R2_kohm),
    }


def _inputs(V_mV, Vg_mV, T_K, device, window):
    if device is None:
        device = SET()
    if not isinstance(device, SET):
        raise TypeError(f"device must be a helpers.models.coulomb.SET, got {type(device).__name__}")
    V = as_real_array(V_mV, "V_mV")
    Vg = as_real_array(Vg_mV, "Vg_mV")
    V, Vg = np.broadcast_arrays(V, Vg)
    T = as_nonnegative(T_K, "T_K")
    kT = kT_meV(T)
    if window is None:
        reach = (np.max(np.abs(V)) + 30 * kT) / (2 * device.E_C_meV)
        window = int(np.ceil(reach)) + 2
    else:
        window = as_positive_int(window, "window")
    return V.astype(float), Vg.astype(float), kT, device, window


def _solve(V, Vg, kT, device, window):
    n, lr = _log_rates(V, Vg, device, kT, window)
    log_up = np.logaddexp(lr["in1"], lr["in2"])[..., :-1]          # n -> n + 1
    log_down = np.logaddexp(lr["out1"], lr["out2"])[..., 1:]       # n + 1 -> n
    logP = np.concatenate([np.zeros(V.shape + (1,)), np.cumsum(log_up - log_down, axis=-1)], axis=-1)
    logP -= logP.max(axis=-1, keepdims=True)
    logP -= np.log(np.exp(logP).sum(axis=-1, keepdims=True))
    return n, logP, lr


def charge_probabilities(V_mV, Vg_mV, T_K, device=None, *, window=None):
    """Steady-state probabilities of the island charge states (orthodox master equation).

    Parameters
    ----------
    V_mV, Vg_mV : float or array_like
        Bias and gate voltage in mV (broadcast together).
    T_K : float
        Temperature in kelvin (>= 0; T = 0 is the limit kT -> 0).
    device : SET, optional
        The transistor (default `SET()`).
    window : int, optional
        Half-width of the window of charge states around round(n_g) (default: enough states
        for the largest bias and 30 kT).

    Returns
    -------
    n : ndarray, shape (..., 2 window + 1)
        Charge states (excess electrons on the island).
    P : ndarray, same shape
        Probabilities, summing to 1 along the last axis.
    """
    V, Vg, kT, device, window = _inputs(V_mV, Vg_mV, T_K, device, window)
    n, logP, _ = _solve(V, Vg, kT, device, window)
    return n, np.exp(logP)


def set_current(V_mV, Vg_mV, T_K, device=None, *, window=None):
    """Sequential-tunnelling current of a single-electron transistor, in nA.

    Parameters
    ----------
    V_mV, Vg_mV : float or array_like
        Bias (lead 1 minus lead 2) and gate voltage in mV, broadcast together.
    T_K : float
        Temperature in kelvin, >= 0.
    device : SET, optional
        The transistor (default `SET()`: C1 = C2 = 150 aF, Cg = 50 aF, R1 = R2 = 200 kOhm).
    window : int, optional
        See `charge_probabilities`.

    Returns
    -------
    float or ndarray
        I = e sum_n [P(n+1) Gamma_out,1(n+1) - P(n) Gamma_in,1(n)] in nA (conventional current
        from lead 1 to lead 2), shape of the broadcast inputs. Zero at V = 0 (detailed balance);
        for kT >> E_C or |V| >> e/C_sigma it tends to V/(R1 + R2) (offset e/C_sigma at T = 0).
    """
    V, Vg, kT, device, window = _inputs(V_mV, Vg_mV, T_K, device, window)
    n, logP, lr = _solve(V, Vg, kT, device, window)
    # flow through junction 1 between n and n + 1 (electrons island -> lead 1 counted positive)
    flow = np.exp(logP[..., 1:] + lr["out1"][..., 1:]) - np.exp(logP[..., :-1] + lr["in1"][..., :-1])
    I = 1e3 * flow.sum(axis=-1)                 # meV/kOhm = microampere -> nA
    return scalar_or_array(I)


def set_conductance(Vg_mV, T_K, device=None, *, window=None):
    """Linear conductance dI/dV at V = 0 against gate voltage, in microsiemens.

    Parameters
    ----------
    Vg_mV : float or array_like
        Gate voltage in mV.
    T_K : float
        Temperature in kelvin (> 0 for a finite peak width).
    device, window
        As in `set_current`.

    Returns
    -------
    float or ndarray
        G = [I(+dV) - I(-dV)] / (2 dV), dV = 1e-4 max(kT, 1e-3 E_C)/e. For kT << E_C near a
        degeneracy point the two-state master equation gives
        G = (1/(R1 + R2)) (u/2)/sinh(u), u = dF/kT (peak G_inf/2, lesson 9, eq. 4).
    """
    dev = device if device is not None else SET()
    if not isinstance(dev, SET):
        raise TypeError(f"device must be a helpers.models.coulomb.SET, got {type(dev).__name__}")
    Vg = as_real_array(Vg_mV, "Vg_mV")
    kT = kT_meV(as_nonnegative(T_K, "T_K"))
    dV = 1e-4 * max(kT, 1e-3 * dev.E_C_meV)   # mV (e = 1 in meV/mV)
    G = (set_current(dV, Vg, T_K, dev, window=window)
         - set_current(-dV, Vg, T_K, dev, window=window)) / (2 * dV)   # nA/mV = microsiemens
    G = np.asarray(G)
    return scalar_or_array(G)


def high_temperature_conductance(T_K, device=None):
    """Linear conductance of a SET for k_BT >> E_C, to second order in E_C/k_BT (microsiemens).

    G = [1 - x/3 + x^2/15] / (R1 + R2),  x = E_C/k_BT   (lesson 9, eq. 5)

    The expansion of the orthodox master equation at high temperature, gate-independent up to
    exponentially small terms; the depth of the dip is the principle of Coulomb-blockade
    thermometry. The leading term alone is 2 % low at k_BT = 1.9 E_C.

    Parameters
    ----------
    T_K : float or array_like
        Temperature in kelvin (> 0).
    device : SET, optional

    Returns
    -------
    float or ndarray
        G in microsiemens, shape of `T_K`.
    """
    dev = device if device is not None else SET()
    if not isinstance(dev, SET):
        raise TypeError(f"device must be a helpers.models.coulomb.SET, got {type(dev).__name__}")
    T = as_real_array(T_K, "T_K")
    if np.any(T <= 0):
        raise ValueError("T_K must be > 0")
    x = dev.E_C_meV / kT_meV(T)
    G = 1e3 / dev.R_sum_kohm * (1 - x / 3 + x**2 / 15)
    return scalar_or_array(G)


@lru_cache(maxsize=16)
def _map(T_K, device, Vg_range, V_range, shape):
    Vg = np.linspace(*Vg_range, shape[0])
    V = np.linspace(*V_range, shape[1])
    I = set_current(V[:, None], Vg[None, :], T_K, device)
    G = set_conductance(Vg, T_K, device)
    # differential conductance on the grid (nA/mV = microsiemens): central differences, i.e. the
    # slope of I across each pixel, so that a sharp edge at T = 0 is never missed between points
    dIdV = np.gradient(I, V, axis=0)
    for array in (Vg, V, I, G, dIdV):
        array.setflags(write=False)  # cached: shared by every call
    return Vg, V, I, G, dIdV


def coulomb_curves(Vg_mV, T_K, device=None, *, Vg_range=(-4.0, 4.0), V_range=(-1.5, 1.5),
                   shape=(161, 121), points=301):
    """Everything the Coulomb-blockade widget draws (lesson 9).

    Parameters
    ----------
    Vg_mV : float
        Gate voltage of the I-V cut (mV).
    T_K : float
        Temperature (K).
    device : SET, optional
    Vg_range, V_range : (float, float)
        Axes of the diamond map (mV).
    shape : (int, int)
        Grid of the map (gate points, bias points); cached per temperature.
    points : int
        Bias points of the I-V curve.

    Returns
    -------
    dict
        "Vg", "V", "I_map" (shape (len(V), len(Vg)), nA), "dIdV_map" (differential conductance
        dI/dV on the same grid, microsiemens, central differences along V; read-only, cached),
        "G" (linear conductance against "Vg", microsiemens), "V_iv", "I_iv" (I-V at `Vg_mV`, nA), "I_ohmic" ((V - sign(V) e/C_sigma)/(R1 + R2)
        where |V| > e/C_sigma, else NaN), "G_now" (linear conductance at `Vg_mV`), "n_g" (gate
        charge at V = 0), "E_C", "kT" (meV).
    """
    device = device if device is not None else SET()
    Vg_now = as_real_scalar(Vg_mV, "Vg_mV")
    T = as_nonnegative(T_K, "T_K")
    Vg, V, I_map, G, dIdV_map = _map(T, device, tuple(map(float, Vg_range)), tuple(map(float, V_range)),
                           tuple(int(s) for s in shape))
    V_iv = np.linspace(*V_range, points)
    I_iv = set_current(V_iv, Vg_now, T, device)
    off = device.offset_mV
    ohmic = np.where(np.abs(V_iv) > off, (V_iv - np.sign(V_iv) * off) / device.R_sum_kohm * 1e3, np.nan)
    return {
        "Vg": Vg, "V": V, "I_map": I_map, "dIdV_map": dIdV_map, "G": G,
        "V_iv": V_iv, "I_iv": I_iv, "I_ohmic": ohmic,
        "G_now": set_conductance(Vg_now, T, device),
        "n_g": device.Cg_aF * Vg_now * _AF_MV_OVER_E + device.q0,
        "E_C": device.E_C_meV, "kT": kT_meV(T),
    }


def differential_conductance(V_mV, Vg_mV, T_K, device=None, *, step_mV=None):
    """Differential conductance dI/dV of a SET at finite bias, in microsiemens.

    Parameters
    ----------
    V_mV : float or array_like
        Bias in mV.
    Vg_mV : float
        Gate voltage in mV.
    T_K : float
        Temperature in kelvin (> 0).
    device : SET, optional
    step_mV : float, optional
        Half-step of the central difference (default 1e-3 max(kT, E_C)/e).

    Returns
    -------
    float or ndarray
        [I(V + dV) - I(V - dV)] / (2 dV), shape of `V_mV`. Tends to 1/(R1 + R2) for |V| >> e/C_sigma
        and kT/e; for kT >> E_C it shows the zero-bias dip of Coulomb-blockade thermometry.
    """
    dev = device if device is not None else SET()
    if not isinstance(dev, SET):
        raise TypeError(f"device must be a helpers.models.coulomb.SET, got {type(dev).__name__}")
    V = as_real_array(V_mV, "V_mV")
    T = as_positive(T_K, "T_K")
    dV = 1e-3 * max(kT_meV(T), dev.E_C_meV) if step_mV is None else as_positive(step_mV, "step_mV")
    G = (set_current(V + dV, Vg_mV, T, dev) - set_current(V - dV, Vg_mV, T, dev)) / (2 * dV)
    return scalar_or_array(np.asarray(G))


def cbt_dip_function(x):
    """The line shape of the thermometer dip, g(x) = [x sinh x - 4 sinh^2(x/2)] / [8 sinh^4(x/2)].

    Parameters
    ----------
    x : float or array_like
        eV/(N k_B T), dimensionless.

    Returns
    -------
    float or ndarray
        g(x), even, g(0) = 1/6 (series 1/6 - x^2/60 for |x| < 1e-2), g -> 0 as |x| e^-|x| for
        |x| >> 1, integral over all x equal to 1. Pekola et al., Phys. Rev. Lett. 73, 2903 (1994).
    """
    x = np.abs(as_real_array(x, "x"))
    small = x < 1e-2
    xs = np.where(small, 1.0, np.minimum(x, 300.0))
    sh = np.sinh(xs / 2)
    big = (xs * np.sinh(xs) - 4 * sh**2) / (8 * sh**4)
    series = 1 / 6 - x**2 / 60
    return scalar_or_array(np.where(small, series, np.where(x > 300.0, 0.0, big)))


def cbt_conductance(V_mV, T_K, N, C_aF):
    """Normalized conductance G/G_T of N equal tunnel junctions in series, weak blockade.

    G/G_T = 1 - u_N g(eV/(N k_B T)),   u_N = 2 (N - 1)/N x E_C/k_B T,   E_C = e^2/2C

    (first order in E_C/k_B T: valid for k_B T >> E_C; g is `cbt_dip_function`; lesson 9, eq. 6).
    For N = 2 it is the SET with C1 = C2 = C and no gate at high temperature (depth
    E_C/3k_BT with E_C = e^2/2C_sigma, C_sigma = 2C).

    Parameters
    ----------
    V_mV : float or array_like
        Bias across the whole chain in mV.
    T_K : float
        Temperature in kelvin (> 0).
    N : int
        Number of junctions in series (>= 2; N = 1 has no island and no dip).
    C_aF : float
        Capacitance of each junction in aF (> 0); islands have no capacitance to ground.

    Returns
    -------
    float or ndarray
        G/G_T, shape of `V_mV`; G_T is the conductance far from zero bias (junction
        conductance / N). Its full width at half depth is 5.44 N k_B T/e (`cbt_width_factor`),
        independent of C: a primary thermometer.
    """
    V = as_real_array(V_mV, "V_mV")
    T = as_positive(T_K, "T_K")
    N = as_positive_int(N, "N")
    if N < 2:
        raise ValueError(f"N must be >= 2 junctions (one junction has no island), got {N}")
    kT = kT_meV(T)
    u = 2 * (N - 1) / N * charging_energy_meV(C_aF) / kT
    return scalar_or_array(1 - u * np.asarray(cbt_dip_function(V / (N * kT))))


@lru_cache(maxsize=1)
def cbt_width_factor():
    """Full width at half depth of the dip in units of N k_B T/e: 2 x_1/2, g(x_1/2) = g(0)/2.

    Returns
    -------
    float
        5.439 (Pekola et al. 1994), from the root of `cbt_dip_function`.
    """
    from scipy.optimize import brentq

    return 2 * brentq(lambda x: cbt_dip_function(x) - 1 / 12, 1.0, 5.0, xtol=1e-14)


def dip_full_width(V, G):
    """Full width of a dip at half depth, measured on a sampled curve.

    Parameters
    ----------
    V : array_like, shape (n,)
        Increasing bias values, covering both flanks of the dip.
    G : array_like, shape (n,)
        Conductance at `V`; the depth is measured from the larger of the two end values.

    Returns
    -------
    float
        Distance between the two crossings of the half-depth level (linear interpolation), in
        the units of `V`.
    """
    V = as_real_array(V, "V", ndim=1)
    G = as_real_array(G, "G", ndim=1)
    if V.shape != G.shape or V.size < 3:
        raise ValueError(f"V and G must have the same shape (n >= 3), got {V.shape} and {G.shape}")
    if np.any(np.diff(V) <= 0):
        raise ValueError("V must increase strictly")
    i0 = int(np.argmin(G))
    top = max(G[0], G[-1])
    half = 0.5 * (top + G[i0])
    if not (G[0] > half and G[-1] > half) or i0 in (0, V.size - 1):
        raise ValueError("the curve does not cover both flanks of the dip; widen the V range")
    left = np.nonzero(G[:i0] > half)[0][-1]
    right = i0 + np.nonzero(G[i0:] > half)[0][0]
    x_left = np.interp(half, [G[left + 1], G[left]], [V[left + 1], V[left]])
    x_right = np.interp(half, [G[right - 1], G[right]], [V[right - 1], V[right]])
    return float(x_right - x_left)


@lru_cache(maxsize=64)
def thermometer_curves(T_K, N, *, C_aF=1000.0, span=2.0, points=401):
    """Everything the thermometer widget draws: the dip G/G_T against bias (lesson 9).

    Parameters
    ----------
    T_K : float
        Temperature (K), > 0.
    N : int
        Junctions in series, >= 2.
    C_aF : float
        Junction capacitance (aF); the default 1 fF gives E_C/k_B = 0.93 K.
    span : float
        The bias axis runs over +- span x 10 N k_B T/e.
    points : int

    Returns
    -------
    dict
        "V" (mV), "G" (G/G_T), "width" (full width at half depth, mV, measured), "law"
        (5.44 N k_B T/e in mV), "depth" (1 - min G/G_T), "half" (the half-depth level),
        "u" (2 (N-1)/N E_C/k_BT: the expansion parameter).
    """
    T = as_positive(T_K, "T_K")
    N = as_positive_int(N, "N")
    kT = kT_meV(T)
    V = np.linspace(-1, 1, as_positive_int(points, "points")) * span * 10 * N * kT
    G = np.asarray(cbt_conductance(V, T, N, C_aF))
    depth = 1 - G.min()
    return {"V": V, "G": G, "width": dip_full_width(V, G), "law": cbt_width_factor() * N * kT,
            "depth": depth, "half": 1 - depth / 2,
            "u": 2 * (N - 1) / N * charging_energy_meV(C_aF) / kT}
