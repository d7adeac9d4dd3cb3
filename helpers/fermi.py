"""Fermi-Dirac occupation, its thermal kernel -df/dE, and the bias window f_L - f_R.

The functions are unit-agnostic: energies `E`, chemical potentials `mu` and the thermal
energy `kT` only have to share one unit (units of the hopping t in the lattice lessons, eV in
the continuum ones; :func:`helpers.constants.kT_eV` turns kelvin into eV). They are evaluated in
numerically stable forms, so no overflow or underflow warning is raised for any kT >= 0,
however far E is from mu (lesson "temperature and the thermal window").
"""

import numpy as np

from ._validation import as_nonnegative, as_real_array, scalar_or_array

__all__ = ["fermi", "fermi_derivative", "thermal_kernel", "bias_window", "logistic"]


def logistic(x):
    """The logistic function 1 / (1 + exp(-x)) without overflow (scipy.special.expit).

    exp is only taken of -|x| <= 0, so any float x (+-inf included) gives a result in [0, 1]
    without a warning; NaN stays NaN. Written with numpy so that importing the course does not
    import scipy.special (a third of a second at every kernel start)."""
    x = np.asarray(x, dtype=float)
    small = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + small), small / (1.0 + small))


def _broadcast(E, mu, *names):
    try:
        return np.broadcast_arrays(E, mu)
    except ValueError:
        raise ValueError(
            f"{names[0]} and {names[1]} must broadcast to a common shape, got shapes "
            f"{np.shape(E)} and {np.shape(mu)}"
        ) from None


def _scaled(E, mu, kT):
    """x = (E - mu) / kT for kT > 0, with +-inf (not a warning) where it overflows."""
    with np.errstate(over="ignore", under="ignore"):
        return (E - mu) / kT


def _out(array):
    return scalar_or_array(array)


def _occupation(E, mu, kT):
    if kT == 0.0:
        return np.where(E < mu, 1.0, np.where(E > mu, 0.0, 0.5))
    with np.errstate(over="ignore", under="ignore"):
        return logistic(-_scaled(E, mu, kT))


def fermi(E, mu, kT):
    """Fermi-Dirac occupation f(E) = 1 / (exp((E - mu) / kT) + 1).

    Parameters
    ----------
    E : float or array_like
        Energies (units of t, or eV: any unit shared with `mu` and `kT`).
    mu : float or array_like
        Chemical potential(s), same unit; broadcast against `E`.
    kT : float
        Thermal energy k_B T >= 0, same unit. kT = 0 gives the step: 1 below mu, 0 above,
        exactly 1/2 at E = mu.

    Returns
    -------
    float or ndarray
        Occupation between 0 and 1, with the broadcast shape of `E` and `mu`.

    Notes
    -----
    Evaluated as the logistic function ``logistic(-(E - mu)/kT)``, which neither overflows nor
    warns however small kT is.
    """
    E = as_real_array(E, "E", allow_empty=True)
    mu = as_real_array(mu, "mu", allow_empty=True)
    kT = as_nonnegative(kT, "kT")
    E, mu = _broadcast(E, mu, "E", "mu")
    return _out(_occupation(E, mu, kT))


def thermal_kernel(E, mu, kT):
    """Thermal broadening kernel -df/dE = 1 / (4 kT cosh^2((E - mu) / 2kT)).

    A bell of width a few kT centred on mu, with unit area; the conductance at temperature kT
    is the transmission averaged with this weight, G/G0 = integral of T(E) (-df/dE) dE.

    Parameters
    ----------
    E : float or array_like
        Energies (any unit shared with `mu` and `kT`).
    mu : float or array_like
        Chemical potential(s), broadcast against `E`.
    kT : float
        Thermal energy k_B T > 0, same unit.

    Returns
    -------
    float or ndarray
        -df/dE in 1/(energy unit), with the broadcast shape of `E` and `mu`.

    Raises
    ------
    ValueError
        For kT = 0, where the kernel is the Dirac delta at mu (no function values);
        :func:`helpers.conductance` handles kT = 0 itself (G/G0 = T(mu)).
    """
    E = as_real_array(E, "E", allow_empty=True)
    mu = as_real_array(mu, "mu", allow_empty=True)
    kT = as_nonnegative(kT, "kT")
    if kT == 0.0:
        raise ValueError(
            "kT must be > 0 for the thermal kernel: at kT = 0 it is the delta function "
            "delta(E - mu) (conductance(T, mu, 0) returns T(mu) directly)"
        )
    E, mu = _broadcast(E, mu, "E", "mu")
    x = np.abs(_scaled(E, mu, kT))
    with np.errstate(over="ignore", under="ignore"):
        q = np.exp(-x)  # in [0, 1]; underflows quietly to 0 far from mu
        kernel = q / (kT * (1.0 + q) ** 2)
    return _out(kernel)


def fermi_derivative(E, mu, kT):
    """Energy derivative df/dE of the Fermi function (= -thermal_kernel), for kT > 0.

    Parameters and units as in :func:`thermal_kernel`; the result is <= 0, in 1/(energy unit).
    """
    return -thermal_kernel(E, mu, kT)


def bias_window(E, mu_L, mu_R, kT):
    """Bias window f_L(E) - f_R(E) = fermi(E, mu_L, kT) - fermi(E, mu_R, kT).

    The energies where left-movers are occupied and right-movers not (or the reverse): the
    Landauer current is the integral of T(E) times this window.

    Parameters
    ----------
    E : float or array_like
        Energies (any unit shared with `mu_L`, `mu_R` and `kT`).
    mu_L, mu_R : float or array_like
        Chemical potentials of the left and right reservoirs, broadcast against `E`.
    kT : float
        Thermal energy k_B T >= 0 (kT = 0: 1 between mu_R and mu_L when mu_L > mu_R, -1 for
        the reverse, 1/2 on the edges).

    Returns
    -------
    float or ndarray
        f_L - f_R between -1 and 1, dimensionless, with the broadcast shape of the inputs.

    Notes
    -----
    Evaluated as f(x_hi) (1 - f(x_lo)) (1 - exp(-|mu_L - mu_R|/kT)) with the sign of
    mu_L - mu_R (an exact identity), so a bias far below kT keeps full relative precision.
    """
    E = as_real_array(E, "E", allow_empty=True)
    mu_L = as_real_array(mu_L, "mu_L", allow_empty=True)
    mu_R = as_real_array(mu_R, "mu_R", allow_empty=True)
    kT = as_nonnegative(kT, "kT")
    try:
        E, mu_L, mu_R = np.broadcast_arrays(E, mu_L, mu_R)
    except ValueError:
        raise ValueError(
            f"E, mu_L and mu_R must broadcast to a common shape, got shapes "
            f"{np.shape(E)}, {np.shape(mu_L)} and {np.shape(mu_R)}"
        ) from None
    if kT == 0.0:
        return _out(_occupation(E, mu_L, kT) - _occupation(E, mu_R, kT))
    # f_L - f_R = f(x_hi) f(-x_lo) (1 - exp(-d)), x_hi/x_lo for the higher/lower mu and
    # d = |mu_L - mu_R| / kT >= 0: exact, and free of the cancellation of f_L - f_R when the
    # bias is much smaller than kT (the linear-response limit).
    higher = np.maximum(mu_L, mu_R)
    lower = np.minimum(mu_L, mu_R)
    with np.errstate(over="ignore", under="ignore"):
        d = _scaled(higher, lower, kT)
        magnitude = logistic(-_scaled(E, higher, kT)) * logistic(_scaled(E, lower, kT)) * -np.expm1(-d)
    return _out(np.where(mu_L >= mu_R, magnitude, -magnitude))
