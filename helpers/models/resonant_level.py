"""A resonant level and small molecules between two chains: self-energy, Breit-Wigner, phase, DOS.

Used by lesson 6, "NEGF, self-energy and the Caroli formula" (its explorers and exercises).

Lesson 6 ("NEGF, self-energy and the Caroli formula"). The device is small (one site, or a
chain of a few sites, a "molecule"); each lead is a clean semi-infinite chain (hopping -t,
on-site `lead_onsite`, band lead_onsite - 2t .. lead_onsite + 2t), attached to the first
(left lead) or last (right lead) device site by a hopping -gamma_L or -gamma_R. The leads are
replaced exactly by their self-energies (`helpers.leads.chain_self_energy`),

    Sigma_i(E) = gamma_i^2 g(E),   g = surface Green's function of the chain,
    Gamma_i(E) = -2 Im Sigma_i(E)  (escape rate times hbar into lead i),
    G(E) = [E - H - Sigma_L - Sigma_R]^-1,
    T(E) = Tr[Gamma_L G Gamma_R G^dagger]            (Caroli).

Energy convention of this lesson: ABSOLUTE energies in units of t. By default the leads have
on-site 0, so their band is -2t..2t with its centre at E = 0 (as in the Kwant reference case
d). The course's chain of lessons 3-4 (on-site 2t + V, band 0..4t) is the special case
``lead_onsite=2t``, gamma = t, device on-site 2t + V(x): see `molecule_transmission`.

At the band centre of an on-site-0 chain, g = -i/t, so Sigma = -i gamma^2/t and
Gamma = 2 gamma^2/t; the real part (the level shift) vanishes there.
"""

import numpy as np

from .._validation import as_nonnegative, as_positive, as_positive_int, as_real_array, as_real_scalar, scalar_or_array
from ..constants import e as _E_CHARGE, hbar as _HBAR
from ..leads import chain_self_energy

__all__ = [
    "dot_self_energy",
    "dot_broadening",
    "dot_green_function",
    "dot_transmission",
    "dot_transmission_amplitude",
    "dot_reflection_amplitude",
    "dot_dos",
    "peak_height",
    "lifetime_fs",
    "resonant_level_curves",
    "dot_bound_states",
    "PEAK_PROMINENCE",
    "molecule_hamiltonian",
    "molecule_levels",
    "molecule_green_function",
    "molecule_transmission",
    "molecule_transmission_amplitude",
    "molecule_energy_grid",
    "molecule_curves",
]


def _energies(energy):
    return as_real_array(energy, "energy")


def _coupling(value, name):
    return as_nonnegative(value, name)


# --- a single level ------------------------------------------------------------------------------

def dot_self_energy(energy, gamma, *, t=1.0, lead_onsite=0.0):
    """Self-energy Sigma(E) = gamma^2 g(E) of one semi-infinite chain seen by the level.

    Parameters
    ----------
    energy : float or array_like
        Absolute energy in units of t (band of the lead: lead_onsite -+ 2t).
    gamma : float
        Hopping -gamma between the level and the end of the chain (>= 0, units of t).
    t : float
        Hopping -t inside the chain.
    lead_onsite : float
        On-site energy of the chain sites (0 in this lesson, 2t in the course's chain).

    Returns
    -------
    complex ndarray, shape of `energy`
        Re Sigma shifts the level, Im Sigma = -Gamma/2 <= 0 broadens it. Inside the band
        Sigma = -(gamma^2/t) exp(ik) with E - lead_onsite = -2t cos k; at the band centre
        Sigma = -i gamma^2 / t. Outside the band Sigma is real (no states to escape into).
    """
    gamma = _coupling(gamma, "gamma")
    return chain_self_energy(_energies(energy), t=t, onsite=lead_onsite, coupling=gamma)


def dot_broadening(energy, gamma, *, t=1.0, lead_onsite=0.0):
    """Broadening Gamma(E) = -2 Im Sigma(E) of one lead (units of t; escape rate Gamma/hbar).

    Equals 2 (gamma^2/t) sin k inside the band (2 gamma^2/t at the band centre), 0 outside.
    A state on the level decays into this lead at the rate Gamma/hbar: lifetime hbar/Gamma.
    """
    return -2 * dot_self_energy(energy, gamma, t=t, lead_onsite=lead_onsite).imag


def dot_green_function(energy, eps0, gamma_L, gamma_R, *, t=1.0, lead_onsite=0.0):
    """Retarded Green's function of the level, G(E) = 1 / (E - eps0 - Sigma_L(E) - Sigma_R(E)).

    Parameters
    ----------
    energy : float or array_like
        Absolute energy (units of t).
    eps0 : float
        Bare level energy (units of t).
    gamma_L, gamma_R : float
        Level-lead hoppings (the matrix elements are -gamma_L, -gamma_R), >= 0.
    t, lead_onsite : float
        Lead hopping and on-site energy (see module docstring).

    Returns
    -------
    complex ndarray, shape of `energy`
        The 1 x 1 device Green's function (lesson 6, eq. for G); exact, no wide-band
        approximation. Im G <= 0.
    """
    E = _energies(energy)
    eps0 = as_real_scalar(eps0, "eps0")
    sigma = (dot_self_energy(E, gamma_L, t=t, lead_onsite=lead_onsite)
             + dot_self_energy(E, gamma_R, t=t, lead_onsite=lead_onsite))
    return 1.0 / (E - eps0 - sigma)


def dot_transmission(energy, eps0, gamma_L, gamma_R, *, t=1.0, lead_onsite=0.0):
    """Transmission through the level, the Caroli formula on one site (exact).

    T(E) = Gamma_L(E) G(E) Gamma_R(E) G(E)^* = Gamma_L Gamma_R / ((E - eps0 - Re Sigma)^2 + (Gamma/2)^2)

    with Sigma = Sigma_L + Sigma_R and Gamma = Gamma_L + Gamma_R, all energy-dependent: the
    Breit-Wigner form is exact here, and becomes a Lorentzian of constant width only in the
    wide-band limit (gamma << t, level well inside the band).

    Parameters
    ----------
    energy : float or array_like
    eps0, gamma_L, gamma_R, t, lead_onsite : float
        As in `dot_green_function`.

    Returns
    -------
    ndarray of float, shape of `energy`; 0 outside the band. Peak height
    4 Gamma_L Gamma_R / (Gamma_L + Gamma_R)^2 (see `peak_height`).
    """
    E = _energies(energy)
    G = dot_green_function(E, eps0, gamma_L, gamma_R, t=t, lead_onsite=lead_onsite)
    GL = dot_broadening(E, gamma_L, t=t, lead_onsite=lead_onsite)
    GR = dot_broadening(E, gamma_R, t=t, lead_onsite=lead_onsite)
    return np.real(GL * G * GR * np.conj(G))


def dot_transmission_amplitude(energy, eps0, gamma_L, gamma_R, *, t=1.0, lead_onsite=0.0):
    """Complex transmission amplitude through the level (Fisher-Lee), t(E) = i sqrt(Gamma_L Gamma_R) G(E).

    Phase convention: incoming and outgoing waves are referred to the level's own site (the
    convention of `helpers.smatrix` for a one-site device). Then t = 1 exactly on resonance
    with symmetric coupling, and arg t rises by pi across the resonance: from -pi/2 far below
    to +pi/2 far above (wide-band limit), passing 0 at the peak. |t|^2 = `dot_transmission`.

    Returns
    -------
    complex ndarray, shape of `energy` (0 outside the band).
    """
    E = _energies(energy)
    G = dot_green_function(E, eps0, gamma_L, gamma_R, t=t, lead_onsite=lead_onsite)
    GL = dot_broadening(E, gamma_L, t=t, lead_onsite=lead_onsite)
    GR = dot_broadening(E, gamma_R, t=t, lead_onsite=lead_onsite)
    return 1j * np.sqrt(GL * GR) * G


def dot_reflection_amplitude(energy, eps0, gamma_L, gamma_R, *, t=1.0, lead_onsite=0.0):
    """Reflection amplitude back into the left lead, r(E) = -1 + i Gamma_L(E) G(E).

    Same phase convention as `dot_transmission_amplitude`; |r|^2 + |t|^2 = 1 inside the band
    (current conservation, because Im G = -(Gamma/2)|G|^2).
    """
    E = _energies(energy)
    G = dot_green_function(E, eps0, gamma_L, gamma_R, t=t, lead_onsite=lead_onsite)
    GL = dot_broadening(E, gamma_L, t=t, lead_onsite=lead_onsite)
    return -1 + 1j * GL * G


def dot_dos(energy, eps0, gamma_L, gamma_R, *, t=1.0, lead_onsite=0.0):
    """Density of states on the level, rho(E) = -Im G(E) / pi (states per unit energy, 1/t).

    In the wide-band limit a Lorentzian of full width Gamma centred at eps0 + Re Sigma,
    peak 2/(pi Gamma). For weak coupling (no bound state outside the band) it integrates to 1
    over the band: the level's one state is spread over an energy window ~Gamma.
    """
    G = dot_green_function(energy, eps0, gamma_L, gamma_R, t=t, lead_onsite=lead_onsite)
    return -G.imag / np.pi


def peak_height(gamma_L, gamma_R):
    """Breit-Wigner peak transmission 4 Gamma_L Gamma_R / (Gamma_L + Gamma_R)^2 (<= 1).

    Parameters
    ----------
    gamma_L, gamma_R : float or array_like
        Broadenings Gamma_L, Gamma_R (any common unit), >= 0, not both 0.

    Returns
    -------
    float or ndarray: 1 for symmetric coupling, ~4 Gamma_L/Gamma_R when Gamma_L << Gamma_R.
    """
    a = as_real_array(gamma_L, "gamma_L")
    b = as_real_array(gamma_R, "gamma_R")
    if np.any(a < 0) or np.any(b < 0):
        raise ValueError(f"gamma_L and gamma_R must be >= 0, got {gamma_L}, {gamma_R}")
    if np.any(a + b == 0):
        raise ValueError("gamma_L and gamma_R must not both be 0 (an isolated level has no peak)")
    value = 4 * a * b / (a + b) ** 2
    return scalar_or_array(value)


def lifetime_fs(Gamma_meV):
    """Lifetime hbar/Gamma of an electron on the level, in femtoseconds, for Gamma in meV.

    Parameters
    ----------
    Gamma_meV : float or array_like
        Total broadening Gamma = Gamma_L + Gamma_R in meV (> 0).

    Returns
    -------
    float or ndarray
        tau = hbar / Gamma in fs (hbar = 658.2 meV fs): Gamma = 1 meV lives about 0.66 ps.
        The probability to still find the electron on the level decays as exp(-Gamma t/hbar).
    """
    G = as_real_array(Gamma_meV, "Gamma_meV")
    if np.any(G <= 0):
        raise ValueError(f"Gamma_meV must be > 0, got {Gamma_meV}")
    tau = _HBAR / (G * 1e-3 * _E_CHARGE) * 1e15
    return scalar_or_array(tau)


def resonant_level_curves(eps0, gamma_L, gamma_R, *, t=1.0, lead_onsite=0.0, n=801, window=None):
    """Everything the resonant-level explorer draws, on one energy grid.

    Parameters
    ----------
    eps0, gamma_L, gamma_R, t, lead_onsite : float
        As in `dot_green_function`.
    n : int
        Number of energies.
    window : (float, float), optional
        Energy range; default the band lead_onsite -+ 2t (edges excluded).

    Returns
    -------
    dict of ndarrays, each of shape (n,) unless stated
        ``E``; ``T`` (exact Caroli); ``T_wide_band`` (Breit-Wigner with Sigma frozen at
        E = eps0, the wide-band approximation); ``dos`` (-Im G/pi, 1/t); ``phase`` (arg of the
        transmission amplitude in units of pi, continuous); ``Gamma`` (Gamma_L + Gamma_R at
        E = eps0, float); ``peak`` (`peak_height`, float, 0 if both couplings vanish).
    """
    n = as_positive_int(n, "n")
    t = as_positive(t, "t")
    lead_onsite = as_real_scalar(lead_onsite, "lead_onsite")
    if window is None:
        edge = 2 * t * (1 - 1e-4)
        window = (lead_onsite - edge, lead_onsite + edge)
    E = np.linspace(float(window[0]), float(window[1]), n)
    kw = dict(t=t, lead_onsite=lead_onsite)
    amplitude = dot_transmission_amplitude(E, eps0, gamma_L, gamma_R, **kw)
    sigma0 = dot_self_energy(eps0, gamma_L, **kw) + dot_self_energy(eps0, gamma_R, **kw)
    GL0, GR0 = dot_broadening(eps0, gamma_L, **kw), dot_broadening(eps0, gamma_R, **kw)
    wide = GL0 * GR0 / ((E - eps0 - sigma0.real) ** 2 + ((GL0 + GR0) / 2) ** 2 + 1e-300)
    total = GL0 + GR0
    T = np.abs(amplitude) ** 2
    # the top of the peak, refined between the grid points around the largest T
    from scipy.optimize import minimize_scalar

    i = int(np.argmax(T))
    lo, hi = E[max(i - 1, 0)], E[min(i + 1, n - 1)]
    best = minimize_scalar(lambda x: -dot_transmission(x, eps0, gamma_L, gamma_R, **kw),
                           bounds=(lo, hi), method="bounded", options={"xatol": 1e-12 * t})
    E_max, T_max = (float(best.x), float(-best.fun)) if -best.fun > T[i] else (float(E[i]), float(T[i]))
    bound, weights = dot_bound_states(eps0, gamma_L, gamma_R, **kw)
    return {
        "E": E,
        "T": T,
        "T_max": T_max,
        "E_max": E_max,
        "bound_states": bound,
        "bound_weights": weights,
        "T_wide_band": wide,
        "dos": dot_dos(E, eps0, gamma_L, gamma_R, **kw),
        "phase": np.unwrap(np.angle(amplitude)) / np.pi,
        "Gamma": float(total),
        "peak": float(peak_height(GL0, GR0)) if total > 0 else 0.0,
    }


def dot_bound_states(eps0, gamma_L, gamma_R, *, t=1.0, lead_onsite=0.0):
    """Bound states of the level outside the leads' band: E - eps0 - Sigma_L(E) - Sigma_R(E) = 0.

    Outside the band Sigma is real, so a solution there is a sharp state that cannot decay
    (a delta peak of the level's density of states, T = 0). With gamma^2 = gamma_L^2 + gamma_R^2
    one exists above the band when eps0 - lead_onsite + gamma^2/t > 2t, below it when
    eps0 - lead_onsite - gamma^2/t < -2t (Sigma reaches -+gamma^2/t at the band edges).

    Parameters
    ----------
    eps0, gamma_L, gamma_R, t, lead_onsite : float
        As in `dot_green_function`.

    Returns
    -------
    energies : (m,) float ndarray, m = 0, 1 or 2, ascending (units of t).
    weights : (m,) float ndarray
        The level's weight in each bound state, 1 / (1 - dSigma/dE) (0 < weight < 1): the part
        of the level's one state that is missing from the density of states inside the band.
    """
    from scipy.optimize import brentq

    eps0 = as_real_scalar(eps0, "eps0")
    t = as_positive(t, "t")
    g2 = _coupling(gamma_L, "gamma_L") ** 2 + _coupling(gamma_R, "gamma_R") ** 2

    def sigma(E):  # real outside the band: gamma^2 g(E), g = (x - sign(x) sqrt(x^2 - 4t^2))/2t^2
        x = E - lead_onsite
        return g2 * (x - np.sign(x) * np.sqrt(x * x - 4 * t * t)) / (2 * t * t)

    energies, weights = [], []
    edge = 2 * t * (1 + 1e-12)
    for side in (-1, 1):
        start = lead_onsite + side * edge
        f = lambda E: E - eps0 - sigma(E)
        if side * f(start) >= 0 or g2 == 0:
            continue  # no crossing on this side
        far = start + side * (abs(eps0 - lead_onsite) + g2 / t + 2 * t)
        E_b = brentq(f, *sorted((start, far)), xtol=1e-14 * t, rtol=1e-14)
        x = E_b - lead_onsite
        dsigma = g2 * (1 - abs(x) / np.sqrt(x * x - 4 * t * t)) / (2 * t * t)
        energies.append(E_b)
        weights.append(1 / (1 - dsigma))
    order = np.argsort(energies)
    return np.asarray(energies, float)[order], np.asarray(weights, float)[order]


# --- a molecule: a chain of a few sites ------------------------------------------------------------

def _molecule(onsite, hopping):
    eps = as_real_array(onsite, "onsite", ndim=1)
    N = len(eps)
    hop = as_real_array(hopping, "hopping", ndim=(0, 1), allow_empty=True)
    hop = np.broadcast_to(hop, (N - 1,)) if hop.ndim == 0 else hop
    if hop.shape != (N - 1,):
        raise ValueError(f"hopping must be one number or N - 1 = {N - 1} numbers, got shape {hop.shape}")
    return eps, hop


def molecule_hamiltonian(onsite, hopping):
    """Tight-binding Hamiltonian of an N-site molecule chain (units of t).

    Parameters
    ----------
    onsite : (N,) array_like
        On-site energies eps_1..eps_N (absolute, units of t).
    hopping : float or (N-1,) array_like
        Inner hoppings: H[j, j+1] = H[j+1, j] = -hopping[j].

    Returns
    -------
    (N, N) float ndarray
    """
    eps, hop = _molecule(onsite, hopping)
    H = np.diag(eps)
    idx = np.arange(len(eps) - 1)
    H[idx, idx + 1] = H[idx + 1, idx] = -hop
    return H


def molecule_levels(onsite, hopping):
    """Energies of the isolated molecule (eigenvalues of `molecule_hamiltonian`), ascending.

    For N equal on-site energies eps and equal hoppings tm: eps - 2 tm cos(j pi/(N+1)), j = 1..N.
    Coupled to leads, each becomes a resonance of T(E) (shifted by Re Sigma, broadened by
    Gamma_j = |psi_j(1)|^2 Gamma_L + |psi_j(N)|^2 Gamma_R to first order).
    """
    return np.linalg.eigvalsh(molecule_hamiltonian(onsite, hopping))


def molecule_green_function(energy, onsite, hopping, gamma_L, gamma_R, *, t=1.0, lead_onsite=0.0):
    """Retarded Green's function of the molecule with both leads, for many energies at once.

    G(E) = [E - H - Sigma_L(E) |1><1| - Sigma_R(E) |N><N|]^-1 (left lead on the first site,
    right lead on the last).

    Returns
    -------
    G : (n, N, N) complex ndarray for n energies (n = 1 for a scalar energy)
    sigma_L, sigma_R : (n,) complex ndarrays
    """
    E = np.atleast_1d(_energies(energy)).ravel()
    H = molecule_hamiltonian(onsite, hopping)
    N = H.shape[0]
    sigma_L = dot_self_energy(E, gamma_L, t=t, lead_onsite=lead_onsite)
    sigma_R = dot_self_energy(E, gamma_R, t=t, lead_onsite=lead_onsite)
    A = (E[:, None, None] * np.eye(N) - H).astype(complex)
    A[:, 0, 0] -= sigma_L
    A[:, N - 1, N - 1] -= sigma_R
    return np.linalg.inv(A), sigma_L, sigma_R


def molecule_transmission(energy, onsite, hopping, gamma_L, gamma_R, *, t=1.0, lead_onsite=0.0):
    """Transmission through an N-site molecule between two chains (Caroli, exact).

    Gamma_L acts on site 1 only and Gamma_R on site N only, so the Caroli trace
    Tr[Gamma_L G Gamma_R G^dagger] reduces to Gamma_L(E) Gamma_R(E) |G_N1(E)|^2.

    Parameters
    ----------
    energy : float or (n,) array_like
        Absolute energy (units of t).
    onsite : (N,) array_like
        On-site energies of the molecule.
    hopping : float or (N-1,) array_like
        Inner hoppings (matrix elements -hopping).
    gamma_L, gamma_R : float
        Molecule-lead hoppings.
    t, lead_onsite : float
        Lead chains (see module docstring).

    Returns
    -------
    float or (n,) ndarray

    Notes
    -----
    With lead_onsite = 2t, hopping = gamma_L = gamma_R = t and onsite = 2t + V this is the
    course's chain with potential V, i.e. `helpers.transmission(V, E)` (lesson 6: three methods,
    one answer).
    """
    E = _energies(energy)
    G, sigma_L, sigma_R = molecule_green_function(E, onsite, hopping, gamma_L, gamma_R, t=t,
                                                  lead_onsite=lead_onsite)
    T = (-2 * sigma_L.imag) * (-2 * sigma_R.imag) * np.abs(G[:, -1, 0]) ** 2
    return scalar_or_array(T.reshape(E.shape))


def molecule_transmission_amplitude(energy, onsite, hopping, gamma_L, gamma_R, *, t=1.0,
                                    lead_onsite=0.0):
    """Complex transmission amplitude through the molecule, t(E) = i sqrt(Gamma_L Gamma_R) G_N1(E).

    Fisher-Lee with the waves referred to the first (incoming) and last (outgoing) molecule
    site, the convention of `helpers.smatrix`. |t|^2 = `molecule_transmission`. Across the
    band arg t rises by N pi for N sites, pi per resonance, because for a chain molecule
    t ~ t_m^(N-1) / det(E - H - Sigma) has no zeros. In general arg t is not a state counter
    (it jumps by pi at transmission zeros); Friedel's sum rule counts states with
    (1/2i) ln det S (lesson 6).

    Returns
    -------
    complex or (n,) complex ndarray
    """
    E = _energies(energy)
    G, sigma_L, sigma_R = molecule_green_function(E, onsite, hopping, gamma_L, gamma_R, t=t,
                                                  lead_onsite=lead_onsite)
    amp = 1j * np.sqrt((-2 * sigma_L.imag) * (-2 * sigma_R.imag)) * G[:, -1, 0]
    return complex(amp[0]) if E.ndim == 0 else amp.reshape(E.shape)


def molecule_energy_grid(onsite, hopping, gamma_L, gamma_R, *, t=1.0, lead_onsite=0.0, n=1200,
                         per_level=61):
    """Energy grid over the band, refined around every resonance so that narrow peaks show.

    A uniform grid of `n` energies inside the band, plus `per_level` energies around each
    estimated resonance (level + first-order shift, spread over a few first-order widths).

    Returns
    -------
    (m,) float ndarray, sorted, inside the band.
    """
    eps, hop = _molecule(onsite, hopping)
    t = as_positive(t, "t")
    edge = 2 * t * (1 - 1e-4)
    lo, hi = lead_onsite - edge, lead_onsite + edge
    levels, vectors = np.linalg.eigh(molecule_hamiltonian(eps, hop))
    sigma_L = dot_self_energy(levels, gamma_L, t=t, lead_onsite=lead_onsite)
    sigma_R = dot_self_energy(levels, gamma_R, t=t, lead_onsite=lead_onsite)
    w_L, w_R = np.abs(vectors[0]) ** 2, np.abs(vectors[-1]) ** 2
    centre = levels + w_L * sigma_L.real + w_R * sigma_R.real
    width = np.maximum(-2 * (w_L * sigma_L.imag + w_R * sigma_R.imag), 1e-6 * t)
    offsets = np.tan(np.linspace(-1.45, 1.45, per_level))  # dense near the peak
    extra = (centre[:, None] + 0.5 * width[:, None] * offsets).ravel()
    grid = np.concatenate([np.linspace(lo, hi, n), extra])
    grid = grid[(grid > lo) & (grid < hi)]
    return np.unique(grid)


#: A maximum of T counts as a resonance peak when it stands at least this far above the dips on
#: either side (its prominence): rounding ripples of a flat T = 1 (about 1e-15) are not peaks.
PEAK_PROMINENCE = 0.01


def molecule_curves(n_sites, onsite, hopping, gamma_L, gamma_R, *, t=1.0, lead_onsite=0.0):
    """What the molecule explorer draws: T(E) of a uniform N-site molecule and its levels.

    Parameters
    ----------
    n_sites : int
        Number of molecule sites N.
    onsite : float
        On-site energy of every molecule site (units of t).
    hopping : float
        Inner hopping of the molecule.
    gamma_L, gamma_R : float
        Couplings to the leads.

    Returns
    -------
    dict
        ``E``, ``T`` (arrays on a grid refined at the resonances), ``phase`` (arg t / pi on
        that grid, continuous, starting in (-1, 1]), ``levels`` (N isolated-molecule energies),
        ``n_peaks`` (number of resonance peaks: maxima of T standing at least
        `PEAK_PROMINENCE` above the dips on either side, int; a perfect chain, eps = 0 and
        t_m = gamma = t, has none: T = 1 across the band).
    """
    from scipy.signal import find_peaks

    N = as_positive_int(n_sites, "n_sites")
    eps = np.full(N, as_real_scalar(onsite, "onsite"))
    E = molecule_energy_grid(eps, hopping, gamma_L, gamma_R, t=t, lead_onsite=lead_onsite)
    T = molecule_transmission(E, eps, hopping, gamma_L, gamma_R, t=t, lead_onsite=lead_onsite)
    peaks, _ = find_peaks(T, prominence=PEAK_PROMINENCE)
    amplitude = molecule_transmission_amplitude(E, eps, hopping, gamma_L, gamma_R, t=t,
                                                lead_onsite=lead_onsite)
    return {"E": E, "T": T, "phase": np.unwrap(np.angle(amplitude)) / np.pi,
            "levels": molecule_levels(eps, hopping), "n_peaks": int(peaks.size)}
