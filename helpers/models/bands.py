"""Bands of the tight-binding chain and the two-dimensional electron gas (lesson 0, the primer).

The chain of the course: one orbital per site, lattice constant a = 1, hopping -t, on-site 2t
(README, "Units and conventions"). A plane wave psi_n = exp(i k n) solves it with

    E(k) = 2t (1 - cos k),          0 <= E <= 4t,        k in (-pi, pi] (the Brillouin zone)
    v(k) = (1/hbar) dE/dk = 2t sin k               (units of t a / hbar)
    D(E) = 1 / (pi |dE/dk|) = 1 / (pi sqrt(E (4t - E)))   (states per site per unit energy,
                                                           per spin, both directions counted)

Near the band bottom E ~ t k^2 = hbar^2 k^2 / (2 m*), with m* = hbar^2 / (2 t a^2): a lattice of
spacing a with hopping t = hbar^2 / (2 m* a^2) is a discretized continuum of mass m*.
The square lattice (on-site 4t) has E = 2t (2 - cos kx - cos ky), an isotropic parabola
t (kx^2 + ky^2) near its bottom.

The 2DEG: electrons free in a plane with effective mass m* = m_r m_e (GaAs: m_r = 0.067), spin
degenerate, density n (per m^2). Filling the Fermi disc, n = k_F^2 / (2 pi), so
k_F = sqrt(2 pi n), lambda_F = 2 pi / k_F = sqrt(2 pi / n), E_F = hbar^2 k_F^2 / (2 m*)
= pi hbar^2 n / m*, v_F = hbar k_F / m*. Continuum units: eV, nm, m_e; constants from
`helpers.constants` (scipy.constants).

Everything is vectorized over its first argument; inputs are validated where they enter.
"""

import numpy as np
from scipy.linalg import eigvalsh_tridiagonal

from .._validation import as_positive, as_positive_int, as_real_array, scalar_or_array
from ..constants import HBAR2_OVER_2ME_EV_NM2, e, hbar, m_e

__all__ = [
    "GAAS_MASS_RATIO",
    "chain_dispersion",
    "chain_velocity",
    "chain_wavenumber",
    "chain_dos",
    "chain_parabola",
    "chain_picture",
    "finite_chain_levels",
    "square_dispersion",
    "effective_mass_ratio",
    "lattice_hopping",
    "velocity_m_per_s",
    "fermi_wavenumber_2deg",
    "fermi_wavelength_2deg",
    "fermi_energy_2deg",
    "fermi_velocity_2deg",
    "two_deg_picture",
]

#: Effective mass of conduction electrons in GaAs, in units of the free electron mass.
GAAS_MASS_RATIO = 0.067


def _out(array):
    """A 0-d result as a Python float, otherwise the array."""
    return scalar_or_array(array)


def chain_dispersion(k, *, t=1.0):
    """Band of the tight-binding chain, E(k) = 2t (1 - cos k).

    Parameters
    ----------
    k : float or array_like
        Wave number in units of 1/a (a = 1), any shape; k and k + 2 pi give the same state.
    t : float, optional
        Hopping (> 0); sets the unit of energy.

    Returns
    -------
    float or ndarray, shape of `k`
        Energy in units of t, between 0 (k = 0) and 4t (k = +-pi).
    """
    k = as_real_array(k, "k")
    t = as_positive(t, "t")
    return _out(2 * t * (1 - np.cos(k)))


def chain_velocity(k, *, t=1.0):
    """Group velocity of the chain, v(k) = (1/hbar) dE/dk = 2t sin k.

    Parameters
    ----------
    k : float or array_like
        Wave number in units of 1/a, any shape.
    t : float, optional
        Hopping (> 0).

    Returns
    -------
    float or ndarray, shape of `k`
        Velocity in units of t a / hbar: zero at both band edges (k = 0, +-pi), largest
        (2t a / hbar) at k = +-pi/2, the band centre E = 2t. Convert with `velocity_m_per_s`.
    """
    k = as_real_array(k, "k")
    t = as_positive(t, "t")
    return _out(2 * t * np.sin(k))


def chain_wavenumber(energy, *, t=1.0):
    """The wave number k >= 0 of the right-moving chain state at `energy` (-k moves left).

    Parameters
    ----------
    energy : float or array_like
        Energy in units of t, any shape.
    t : float, optional
        Hopping (> 0).

    Returns
    -------
    float or ndarray, shape of `energy`
        k = arccos(1 - E/2t) in [0, pi] (units 1/a); NaN outside the band 0 <= E <= 4t,
        where no plane wave has that energy.
    """
    E = as_real_array(energy, "energy")
    t = as_positive(t, "t")
    inside = (E >= 0) & (E <= 4 * t)
    k = np.arccos(np.clip(1 - E / (2 * t), -1.0, 1.0))
    return _out(np.where(inside, k, np.nan))


def chain_dos(energy, *, t=1.0):
    """Density of states of the chain per site, per spin, per unit energy.

    Parameters
    ----------
    energy : float or array_like
        Energy in units of t, any shape.
    t : float, optional
        Hopping (> 0).

    Returns
    -------
    float or ndarray, shape of `energy`
        D(E) = 1 / (pi |dE/dk|) = 1 / (pi sqrt(E (4t - E))) in units of 1/t, counting both
        directions of motion (+k and -k); 0 outside the band, infinite exactly at the band
        edges 0 and 4t (van Hove singularities, where v = 0). Its integral over the band is 1:
        one state per site (per spin).
    """
    E = as_real_array(energy, "energy")
    t = as_positive(t, "t")
    product = E * (4 * t - E)
    with np.errstate(divide="ignore"):
        dos = np.where(product > 0, 1 / (np.pi * np.sqrt(np.abs(product))), 0.0)
    dos = np.where((E == 0) | (E == 4 * t), np.inf, dos)
    return _out(dos)


def chain_parabola(k, *, t=1.0):
    """The effective-mass parabola of the band bottom, E = t k^2 = hbar^2 k^2 / (2 m*).

    Parameters
    ----------
    k : float or array_like
        Wave number in units of 1/a, any shape.
    t : float, optional
        Hopping (> 0); the mass is m* = hbar^2 / (2 t a^2).

    Returns
    -------
    float or ndarray, shape of `k`
        Energy in units of t. Equal to `chain_dispersion` to order k^4: the band lies below
        it by t k^4 / 12 (1 % at E ~ 0.1 t, 10 % at E ~ t).
    """
    k = as_real_array(k, "k")
    t = as_positive(t, "t")
    return _out(t * k**2)


def chain_picture(energy, *, t=1.0, n_k=401, n_E=801):
    """Everything the chain explorer of lesson 0 draws at one energy.

    Parameters
    ----------
    energy : float
        Energy in units of t; inside the band 0 <= E <= 4t the two states +-k_E are marked.
    t : float, optional
        Hopping (> 0).
    n_k, n_E : int, optional
        Points of the k grid on [-pi, pi] and of the energy grid on [0, 4t].

    Returns
    -------
    dict
        ``k`` (n_k,), ``E_k`` band E(k), ``v_k`` velocity v(k) (t a/hbar), ``parabola``
        t k^2; ``E`` (n_E,) energy grid strictly inside the band and ``dos`` D(E) (1/t per site);
        at `energy`: ``k_E`` (the two wave numbers +-k, or empty outside the band), ``v_E``
        their velocities, ``dos_E`` D at `energy` (inf at a band edge, 0 outside).
    """
    E0 = float(as_real_array(energy, "energy", ndim=0))
    t = as_positive(t, "t")
    n_k = as_positive_int(n_k, "n_k")
    n_E = as_positive_int(n_E, "n_E")
    k = np.linspace(-np.pi, np.pi, n_k)
    E = np.linspace(0, 4 * t, n_E + 2)[1:-1]
    k0 = chain_wavenumber(E0, t=t)
    k_E = np.array([]) if np.isnan(k0) else np.array([-k0, k0])
    return {"k": k, "E_k": chain_dispersion(k, t=t), "v_k": chain_velocity(k, t=t),
            "parabola": chain_parabola(k, t=t), "E": E, "dos": chain_dos(E, t=t),
            "k_E": k_E, "v_E": chain_velocity(k_E, t=t) if k_E.size else np.array([]),
            "dos_E": chain_dos(E0, t=t)}


def finite_chain_levels(n_sites, *, t=1.0):
    """Energy levels of a finite chain of `n_sites` sites with open ends (on-site 2t).

    Parameters
    ----------
    n_sites : int
        Number of sites (>= 1).
    t : float, optional
        Hopping (> 0).

    Returns
    -------
    ndarray, shape (n_sites,)
        The eigenvalues, sorted, in units of t: standing waves 2t (1 - cos(n pi/(n_sites+1))),
        n = 1..n_sites. Their histogram, divided by n_sites and the bin width, approaches
        `chain_dos` as the chain grows.
    """
    n_sites = as_positive_int(n_sites, "n_sites")
    t = as_positive(t, "t")
    return eigvalsh_tridiagonal(np.full(n_sites, 2 * t), np.full(n_sites - 1, -t))


def square_dispersion(kx, ky, *, t=1.0):
    """Band of the square lattice (on-site 4t), E = 2t (2 - cos kx - cos ky).

    Parameters
    ----------
    kx, ky : float or array_like
        Wave numbers in units of 1/a, broadcast against each other.
    t : float, optional
        Hopping (> 0).

    Returns
    -------
    float or ndarray, the broadcast shape
        Energy in units of t, from 0 (k = 0) to 8t (kx = ky = pi); near the bottom the
        isotropic parabola t (kx^2 + ky^2).
    """
    kx = as_real_array(kx, "kx")
    ky = as_real_array(ky, "ky")
    t = as_positive(t, "t")
    return _out(2 * t * (2 - np.cos(kx) - np.cos(ky)))


def effective_mass_ratio(t_eV, a_nm):
    """Effective mass m*/m_e of the band bottom of a lattice with hopping t and spacing a.

    Parameters
    ----------
    t_eV : float or array_like
        Hopping in eV (> 0).
    a_nm : float or array_like
        Lattice spacing in nm (> 0), broadcast against `t_eV`.

    Returns
    -------
    float or ndarray
        m*/m_e = (hbar^2 / 2 m_e) / (t a^2), from E = t k^2 a^2 = hbar^2 k^2 / (2 m*).
    """
    t = _positive_array(t_eV, "t_eV")
    a = _positive_array(a_nm, "a_nm")
    return _out(HBAR2_OVER_2ME_EV_NM2 / (t * a**2))


def lattice_hopping(m_ratio, a_nm):
    """Hopping t (eV) that makes a lattice of spacing a mimic a continuum of mass m* = m_ratio m_e.

    Parameters
    ----------
    m_ratio : float or array_like
        Effective mass in units of the electron mass (> 0), e.g. `GAAS_MASS_RATIO`.
    a_nm : float or array_like
        Lattice spacing in nm (> 0), broadcast against `m_ratio`.

    Returns
    -------
    float or ndarray
        t = hbar^2 / (2 m* a^2) in eV. The lattice is a good continuum for energies E << t,
        i.e. wavelengths much longer than a.
    """
    m = _positive_array(m_ratio, "m_ratio")
    a = _positive_array(a_nm, "a_nm")
    return _out(HBAR2_OVER_2ME_EV_NM2 / (m * a**2))


def velocity_m_per_s(v, t_eV, a_nm):
    """A lattice velocity in units of t a / hbar converted to m/s.

    Parameters
    ----------
    v : float or array_like
        Velocity in units of t a / hbar (e.g. from `chain_velocity`), any shape.
    t_eV : float
        Hopping in eV (> 0).
    a_nm : float
        Lattice spacing in nm (> 0).

    Returns
    -------
    float or ndarray, shape of `v`
        v t a / hbar in m/s.
    """
    v = as_real_array(v, "v")
    t = as_positive(t_eV, "t_eV")
    a = as_positive(a_nm, "a_nm")
    return _out(v * t * e * a * 1e-9 / hbar)


def _positive_array(value, name):
    array = as_real_array(value, name)
    if np.any(array <= 0):
        raise ValueError(f"{name} must be > 0, got a minimum of {array.min()}")
    return array


def fermi_wavenumber_2deg(density_m2):
    """Fermi wave number of a spin-degenerate 2DEG, k_F = sqrt(2 pi n).

    Parameters
    ----------
    density_m2 : float or array_like
        Electron density n in electrons per m^2 (> 0); typical GaAs 2DEGs have 1e15 to 1e16.

    Returns
    -------
    float or ndarray, shape of `density_m2`
        k_F in 1/nm. Independent of the mass: it only counts states, two per k-space area
        (2 pi)^2 / area (two for spin).
    """
    n = _positive_array(density_m2, "density_m2") * 1e-18  # per nm^2
    return _out(np.sqrt(2 * np.pi * n))


def fermi_wavelength_2deg(density_m2):
    """Fermi wavelength of a spin-degenerate 2DEG, lambda_F = 2 pi / k_F = sqrt(2 pi / n).

    Parameters
    ----------
    density_m2 : float or array_like
        Electron density in electrons per m^2 (> 0).

    Returns
    -------
    float or ndarray, shape of `density_m2`
        lambda_F in nm (about 46 nm at n = 3e15 m^-2).
    """
    return _out(2 * np.pi / np.asarray(fermi_wavenumber_2deg(density_m2)))


def fermi_energy_2deg(density_m2, m_ratio=GAAS_MASS_RATIO):
    """Fermi energy of a spin-degenerate 2DEG, E_F = hbar^2 k_F^2 / (2 m*) = pi hbar^2 n / m*.

    Parameters
    ----------
    density_m2 : float or array_like
        Electron density in electrons per m^2 (> 0).
    m_ratio : float, optional
        Effective mass in units of m_e (> 0); GaAs by default.

    Returns
    -------
    float or ndarray, shape of `density_m2`
        E_F in eV, measured from the bottom of the 2D band (about 10.7 meV in GaAs at
        n = 3e15 m^-2).
    """
    k_F = np.asarray(fermi_wavenumber_2deg(density_m2))
    m = as_positive(m_ratio, "m_ratio")
    return _out(HBAR2_OVER_2ME_EV_NM2 * k_F**2 / m)


def fermi_velocity_2deg(density_m2, m_ratio=GAAS_MASS_RATIO):
    """Fermi velocity of a spin-degenerate 2DEG, v_F = hbar k_F / m*.

    Parameters
    ----------
    density_m2 : float or array_like
        Electron density in electrons per m^2 (> 0).
    m_ratio : float, optional
        Effective mass in units of m_e (> 0); GaAs by default.

    Returns
    -------
    float or ndarray, shape of `density_m2`
        v_F in m/s.
    """
    k_F = np.asarray(fermi_wavenumber_2deg(density_m2)) * 1e9  # 1/m
    m = as_positive(m_ratio, "m_ratio")
    return _out(hbar * k_F / (m * m_e))


def two_deg_picture(density_m2, m_ratio=GAAS_MASS_RATIO, *, k_max=0.3, n_k=301):
    """Everything the 2DEG explorer of lesson 0 draws at one density.

    Parameters
    ----------
    density_m2 : float
        Electron density in electrons per m^2 (> 0).
    m_ratio : float, optional
        Effective mass in units of m_e (> 0).
    k_max : float, optional
        Largest wave number drawn, 1/nm.
    n_k : int, optional
        Points of the k grid on [-k_max, k_max].

    Returns
    -------
    dict
        ``k`` (1/nm), ``E_k`` the parabola hbar^2 k^2 / 2m* (meV); ``E_F_meV``, ``k_F``
        (1/nm), ``wavelength_nm``, ``v_F`` (m/s); ``circle_x``, ``circle_y``: the Fermi
        circle |k| = k_F in the (kx, ky) plane (1/nm).
    """
    n = as_positive(density_m2, "density_m2")
    m = as_positive(m_ratio, "m_ratio")
    k_max = as_positive(k_max, "k_max")
    n_k = as_positive_int(n_k, "n_k")
    k = np.linspace(-k_max, k_max, n_k)
    k_F = fermi_wavenumber_2deg(n)
    phi = np.linspace(0, 2 * np.pi, 181)
    return {"k": k, "E_k": 1e3 * HBAR2_OVER_2ME_EV_NM2 * k**2 / m,
            "E_F_meV": 1e3 * fermi_energy_2deg(n, m), "k_F": k_F,
            "wavelength_nm": fermi_wavelength_2deg(n), "v_F": fermi_velocity_2deg(n, m),
            "circle_x": k_F * np.cos(phi), "circle_y": k_F * np.sin(phi)}
