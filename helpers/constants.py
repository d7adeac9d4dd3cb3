"""Physical constants and unit conversions of the course, in one place.

All values come from :mod:`scipy.constants` (CODATA, with e, h and k_B exact since the 2019
SI redefinition); nothing here is typed in by hand. Lattice models use units of the hopping t
and need none of this; the continuum models (energies in eV, lengths in nm, masses in units of
the electron mass m_e) and every conversion of a conductance or current to SI units do.

Conductance convention (spin degenerate, as in the syllabus): G0 = 2 e^2 / h.
"""

import numpy as np
from scipy import constants as _sc

from ._validation import as_real_array, scalar_or_array

__all__ = [
    "e",
    "h",
    "hbar",
    "k_B",
    "m_e",
    "G0",
    "R0",
    "R_K",
    "K_B_EV_PER_K",
    "HBAR2_OVER_2ME_EV_NM2",
    "CURRENT_UNIT_A_PER_EV",
    "resistance_ohm",
    "conductance_siemens",
    "kT_eV",
]

#: Elementary charge e in coulomb (exact).
e = _sc.e
#: Planck constant h in J s (exact).
h = _sc.h
#: Reduced Planck constant hbar = h / (2 pi) in J s.
hbar = _sc.hbar
#: Boltzmann constant k_B in J/K (exact).
k_B = _sc.k
#: Electron mass m_e in kg.
m_e = _sc.m_e

#: Conductance quantum G0 = 2 e^2 / h in siemens (about 7.748e-5 S), spin degenerate.
G0 = 2 * e**2 / h
#: Resistance quantum R0 = 1 / G0 = h / (2 e^2) in ohm (about 12906.4 ohm).
R0 = 1 / G0
#: von Klitzing constant R_K = h / e^2 in ohm (about 25812.807 ohm) = 2 R0.
R_K = h / e**2
#: Boltzmann constant in eV/K (about 8.617e-5 eV/K).
K_B_EV_PER_K = k_B / e
#: hbar^2 / (2 m_e) in eV nm^2 (about 0.0381 eV nm^2): a free electron with wave number k
#: (in 1/nm) and effective mass m* = m_r m_e has energy HBAR2_OVER_2ME_EV_NM2 * k**2 / m_r in eV.
HBAR2_OVER_2ME_EV_NM2 = hbar**2 / (2 * m_e) / e * 1e18
#: Current unit of :func:`helpers.current` for energies in eV: (2 e / h) x (1 eV) in ampere,
#: i.e. G0 x 1 V (about 7.748e-5 A).
CURRENT_UNIT_A_PER_EV = 2 * e / h * e


def resistance_ohm(G_over_G0):
    """Resistance in ohm of a conductance given in units of G0.

    Parameters
    ----------
    G_over_G0 : float or array_like
        Conductance in units of G0 = 2e^2/h (dimensionless), >= 0.

    Returns
    -------
    float or ndarray
        R = R0 / (G/G0) in ohm, same shape as the input; ``inf`` where the conductance is 0.
    """
    g = as_real_array(G_over_G0, "G_over_G0")
    if np.any(g < 0):
        raise ValueError(f"G_over_G0 must be >= 0, got a minimum of {g.min()}")
    with np.errstate(divide="ignore"):
        r = R0 / g
    return scalar_or_array(r)


def conductance_siemens(G_over_G0):
    """Conductance in siemens of a conductance given in units of G0.

    Parameters
    ----------
    G_over_G0 : float or array_like
        Conductance in units of G0 = 2e^2/h (dimensionless).

    Returns
    -------
    float or ndarray
        G in siemens, G = G0 * (G/G0), same shape as the input.
    """
    g = as_real_array(G_over_G0, "G_over_G0") * G0
    return scalar_or_array(g)


def kT_eV(temperature_K):
    """Thermal energy k_B T in eV of a temperature in kelvin (300 K gives about 0.02585 eV).

    Parameters
    ----------
    temperature_K : float or array_like
        Temperature in kelvin, >= 0.

    Returns
    -------
    float or ndarray
        k_B T in eV, same shape as the input.
    """
    T = as_real_array(temperature_K, "temperature_K")
    if np.any(T < 0):
        raise ValueError(f"temperature_K must be >= 0 kelvin, got a minimum of {T.min()}")
    kt = K_B_EV_PER_K * T
    return scalar_or_array(kt)
