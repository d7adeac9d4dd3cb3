"""Non-equilibrium Green's functions of a small device: G, Caroli transmission, LDOS.

Lesson 6. The device (Hamiltonian H, n x n) is coupled to leads, each replaced exactly by
its self-energy Sigma_i(E) (lead's surface Green's function dressed by the coupling). Then

    G(E) = [E - H - sum_i Sigma_i(E)]^-1            (retarded Green's function)
    Gamma_i = i (Sigma_i - Sigma_i^dagger)           (broadening: escape rate into lead i)
    T(E) = Tr[Gamma_L G Gamma_R G^dagger]            (Caroli formula)
    rho(r, E) = -Im G_rr(E) / pi                     (local density of states)

Out of equilibrium (lesson 6, "Under bias") each lead p fills the device with its own Fermi
function f_p:

    Sigma^<(E) = i sum_p f_p(E) Gamma_p(E)           (lesser, "in-scattering" self-energy)
    G^<(E) = G Sigma^< G^dagger = i sum_p f_p A_p    (lesser Green's function)
    A = i (G - G^dagger) = sum_p A_p,  A_p = G Gamma_p G^dagger   (spectral function, split by lead)
    n_j = integral dE/(2 pi) Im G^<_jj(E)            (electrons on site j, per spin)
    i_p(E) = Tr[Gamma_p (f_p A - G^n)],  G^n = -i G^<  (current per unit energy out of lead p)

so that the current from left to right is (2e/h) integral Tr[Gamma_L A_R] (f_L - f_R) dE, the
Landauer current with the Caroli transmission.

These dense formulas are meant for small systems and for teaching; `helpers.transmission`
evaluates the same Caroli formula for long wires with the recursive Green's function.
"""

import numpy as np
from scipy.integrate import quad_vec

from ._validation import as_nonnegative, as_real_array, as_real_scalar, scalar_or_array
from .lattice import device_hamiltonian, lattice_from_potential
from .leads import broadening, self_energies

__all__ = [
    "green_function",
    "caroli_transmission",
    "embed",
    "device_self_energies",
    "transmission_direct",
    "ldos",
    "breit_wigner",
    "spectral_function",
    "lead_spectral_function",
    "lesser_self_energy",
    "lesser_green_function",
    "lead_current_density",
    "nonequilibrium_occupation",
    "nonequilibrium_current",
]

_MAX_DENSE_SITES = 4000


def _square(H, name="H"):
    H = np.asarray(H)
    if H.ndim == 0:
        H = H.reshape(1, 1)
    if H.ndim != 2 or H.shape[0] != H.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {H.shape}")
    if not np.all(np.isfinite(H)):
        raise ValueError(f"{name} must be finite, got NaN or inf entries")
    return H.astype(complex)


def embed(block, sites, n):
    """Place a self-energy `block` (k x k) on the device sites `sites` of an n-site device.

    Returns an (n, n) complex matrix, zero except on the rows/columns `sites`.
    """
    block = _square(block, "block")
    sites = np.asarray(sites, dtype=int).ravel()
    if block.shape[0] != len(sites):
        raise ValueError(f"block is {block.shape[0]} x {block.shape[0]} but {len(sites)} sites were given")
    if np.any(sites < 0) or np.any(sites >= n):
        raise ValueError(f"sites must lie in 0..{n - 1}, got {sites}")
    full = np.zeros((n, n), complex)
    full[np.ix_(sites, sites)] = block
    return full


def green_function(energy, H, self_energies=()):
    """Retarded Green's function G = [E - H - sum Sigma]^-1 of a device.

    Parameters
    ----------
    energy : float
        Energy (same unit as H).
    H : (n, n) array_like
        Device Hamiltonian (Hermitian).
    self_energies : sequence of (n, n) array_like
        Lead self-energies on the device (use `embed` to place a lead's block).

    Returns
    -------
    (n, n) complex ndarray
    """
    E = as_real_scalar(energy, "energy")
    H = _square(H)
    A = E * np.eye(H.shape[0]) - H
    for i, sigma in enumerate(self_energies):
        sigma = _square(sigma, f"self_energies[{i}]")
        if sigma.shape != H.shape:
            raise ValueError(f"self_energies[{i}] has shape {sigma.shape}, H has {H.shape}")
        A = A - sigma
    return np.linalg.inv(A)


def caroli_transmission(G, gamma_left, gamma_right):
    """T = Tr[Gamma_L G Gamma_R G^dagger] (Caroli formula), summed over channels.

    Parameters
    ----------
    G : (n, n) complex
        Retarded device Green's function.
    gamma_left, gamma_right : (n, n) complex
        Broadening matrices of the two leads on the device, i (Sigma - Sigma^dagger).
    """
    G = _square(G, "G")
    gamma_left = _square(gamma_left, "gamma_left")
    gamma_right = _square(gamma_right, "gamma_right")
    return float(np.real(np.trace(gamma_left @ G @ gamma_right @ G.conj().T)))


def device_self_energies(V, energy, *, t=1.0, flux=0.0):
    """Lead self-energies of a chain or strip embedded in its full device matrix.

    Returns (Sigma_L, Sigma_R), each (L W, L W): the left lead acts on slice 0, the right
    lead on slice L - 1 (sites ordered x W + y, as in `helpers.lattice.device_hamiltonian`).
    """
    V2, lat = lattice_from_potential(V, t=t, flux=flux)
    E = as_real_scalar(energy, "energy")
    L, W = V2.shape
    sigma_left, sigma_right = self_energies(np.array([E]), lat)
    return embed(sigma_left[0], range(W), L * W), embed(sigma_right[0], range((L - 1) * W, L * W), L * W)


def _dense_green(V, E, t, flux):
    V2, _ = lattice_from_potential(V, t=t, flux=flux)
    if V2.size > _MAX_DENSE_SITES:
        raise ValueError(
            f"V has {V2.size} sites; dense NEGF is for small devices (<= {_MAX_DENSE_SITES}). "
            "Use helpers.transmission (recursive Green's function) for large systems."
        )
    H = device_hamiltonian(V, t=t, flux=flux)
    sigma_left, sigma_right = device_self_energies(V, E, t=t, flux=flux)
    return green_function(E, H, [sigma_left, sigma_right]), sigma_left, sigma_right


def transmission_direct(V, energy, *, t=1.0, flux=0.0):
    """Caroli transmission by direct inversion of the whole device (small systems).

    Same conventions and result as `helpers.transmission`, computed independently of the
    recursive algorithm: G = [E - H - Sigma_L - Sigma_R]^-1 over all L W sites at once.
    """
    E = as_real_array(energy, "energy", ndim=(0, 1))
    values = []
    for e in np.atleast_1d(E):
        G, sigma_left, sigma_right = _dense_green(V, e, t, flux)
        values.append(caroli_transmission(G, broadening(sigma_left), broadening(sigma_right)))
    values = np.array(values)
    return scalar_or_array(values, E.ndim == 0)


def ldos(V, energy, *, t=1.0, flux=0.0):
    """Local density of states -Im G_rr(E)/pi of the device, per site (states / (t site)).

    Parameters
    ----------
    V : array_like, shape (L,) or (L, W)
        Potential, conventions of `helpers.transmission`.
    energy : float
        Energy in units of t.

    Returns
    -------
    ndarray, shape of V
        For a clean chain at the band centre (E = 2t) every site has 1/(2 pi t).
    """
    E = as_real_scalar(energy, "energy")
    G, _, _ = _dense_green(V, E, t, flux)
    shape = np.shape(V)
    return (-np.diag(G).imag / np.pi).reshape(shape)


def breit_wigner(energy, level, gamma_left, gamma_right, *, shift=0.0):
    """Transmission through a single resonant level (Breit-Wigner form).

    T(E) = Gamma_L Gamma_R / ((E - level - shift)^2 + ((Gamma_L + Gamma_R)/2)^2)

    Parameters
    ----------
    energy : float or array_like
    level : float
        Bare level energy epsilon_0.
    gamma_left, gamma_right : float or array_like
        Broadenings (escape rates times hbar), same unit as energy; may depend on energy.
    shift : float or array_like
        Real part of the total self-energy (level shift), default 0.

    Notes
    -----
    The peak height is 4 Gamma_L Gamma_R / (Gamma_L + Gamma_R)^2: 1 only for symmetric
    coupling (lesson 6). With the exact self-energies of two chains, this is exact.
    """
    E = as_real_array(energy, "energy")
    gamma_left = as_real_array(gamma_left, "gamma_left")
    gamma_right = as_real_array(gamma_right, "gamma_right")
    if np.any(gamma_left < 0) or np.any(gamma_right < 0):
        raise ValueError("gamma_left and gamma_right must be >= 0")
    width = (gamma_left + gamma_right) / 2
    return gamma_left * gamma_right / ((E - level - shift) ** 2 + width**2)


# --- Out of equilibrium: lesser functions, occupations and currents (lesson 6, "Under bias") ---


def _matrices(matrices, name, shape=None):
    out = []
    for i, m in enumerate(matrices):
        m = _square(m, f"{name}[{i}]")
        if shape is not None and m.shape != shape:
            raise ValueError(f"{name}[{i}] has shape {m.shape}, expected {shape} (the shape of G)")
        out.append(m)
    if not out:
        raise ValueError(f"{name} must hold at least one lead, got none")
    return out


def _occupations(occupations, n_leads):
    f = as_real_array(occupations, "occupations", ndim=1)
    if f.shape[0] != n_leads:
        raise ValueError(f"occupations has {f.shape[0]} entries but {n_leads} leads were given; "
                         "pass one Fermi occupation per lead")
    if np.any(f < 0) or np.any(f > 1):
        raise ValueError(f"occupations must lie in 0..1 (Fermi functions), got {f}")
    return f


def spectral_function(G):
    """Spectral function A = i (G - G^dagger) of a device (1/energy).

    Parameters
    ----------
    G : (n, n) array_like
        Retarded Green's function.

    Returns
    -------
    (n, n) complex ndarray
        Hermitian, positive semi-definite; A_jj / (2 pi) is the local density of states.
    """
    G = _square(G, "G")
    return 1j * (G - G.conj().T)


def lead_spectral_function(G, gamma):
    """Part of the spectral function filled from one lead, A_p = G Gamma_p G^dagger.

    Parameters
    ----------
    G : (n, n) array_like
        Retarded Green's function of the device with all leads attached.
    gamma : (n, n) array_like
        Broadening matrix Gamma_p = i (Sigma_p - Sigma_p^dagger) of lead p.

    Returns
    -------
    (n, n) complex ndarray
        Hermitian, positive semi-definite. Summed over all leads it gives
        `spectral_function(G)` (when the leads are the only source of broadening): the states of
        the device split into those fed from each lead.
    """
    G = _square(G, "G")
    gamma = _square(gamma, "gamma")
    if gamma.shape != G.shape:
        raise ValueError(f"gamma has shape {gamma.shape}, G has {G.shape}")
    return G @ gamma @ G.conj().T


def lesser_self_energy(gammas, occupations):
    """In-scattering (lesser) self-energy Sigma^< = i sum_p f_p Gamma_p.

    Parameters
    ----------
    gammas : sequence of (n, n) array_like
        Broadening matrices of the leads.
    occupations : (n_leads,) array_like
        Occupation f_p(E) in 0..1 of each lead at this energy (its Fermi function).

    Returns
    -------
    (n, n) complex ndarray
        i times a Hermitian matrix: each lead fills the device at its own rate Gamma_p/hbar,
        weighted by how full the lead is.
    """
    gammas = _matrices(gammas, "gammas")
    f = _occupations(occupations, len(gammas))
    shape = gammas[0].shape
    for i, g in enumerate(gammas):
        if g.shape != shape:
            raise ValueError(f"gammas[{i}] has shape {g.shape}, gammas[0] has {shape}")
    return 1j * sum(fp * g for fp, g in zip(f, gammas))


def lesser_green_function(G, gammas, occupations):
    """Lesser Green's function G^< = G Sigma^< G^dagger = i sum_p f_p A_p (1/energy).

    Parameters
    ----------
    G : (n, n) array_like
        Retarded Green's function.
    gammas : sequence of (n, n) array_like
        Broadening matrices of the leads (all of them, so that G is their G).
    occupations : (n_leads,) array_like
        Occupation f_p(E) in 0..1 of each lead at this energy.

    Returns
    -------
    (n, n) complex ndarray
        i times the electron correlation function G^n = -i G^<; Im G^<_jj / (2 pi) is the density
        of occupied states on site j (per spin, per unit energy). In equilibrium (all f_p = f)
        G^< = i f A.
    """
    G = _square(G, "G")
    gammas = _matrices(gammas, "gammas", G.shape)
    sigma_lesser = lesser_self_energy(gammas, occupations)
    return G @ sigma_lesser @ G.conj().T


def lead_current_density(G, gammas, occupations, lead):
    """Particle current per unit energy out of lead `lead` into the device, in units of 1/h.

    i_p(E) = Tr[Gamma_p (f_p A - G^n)] with A = i (G - G^dagger) and G^n = -i G^<: what lead p
    feeds into the empty states (f_p A) minus what leaks back out of the occupied ones (G^n).

    Parameters
    ----------
    G : (n, n) array_like
        Retarded Green's function of the device with all leads attached.
    gammas : sequence of (n, n) array_like
        Broadening matrices of all the leads.
    occupations : (n_leads,) array_like
        Occupation f_p(E) in 0..1 of each lead at this energy.
    lead : int
        Index of the lead into `gammas`.

    Returns
    -------
    float
        Dimensionless; multiplied by 2e/h (spin) and integrated over energy it is the electric
        current out of the lead. For two leads it equals Tr[Gamma_L A_R] (f_L - f_R), the
        Caroli transmission times the difference of occupations; the currents of all leads add
        up to zero.
    """
    G = _square(G, "G")
    gammas = _matrices(gammas, "gammas", G.shape)
    f = _occupations(occupations, len(gammas))
    if not isinstance(lead, (int, np.integer)) or not 0 <= lead < len(gammas):
        raise ValueError(f"lead must be an index in 0..{len(gammas) - 1}, got {lead!r}")
    A = spectral_function(G)
    G_n = -1j * lesser_green_function(G, gammas, f)
    return float(np.real(np.trace(gammas[lead] @ (f[lead] * A - G_n))))


def _fermi_scalar(E, mu, kT):
    if kT == 0:
        return 1.0 if E < mu else (0.5 if E == mu else 0.0)
    x = (E - mu) / kT
    return 0.5 * (1.0 - np.tanh(x / 2))        # 1/(e^x + 1) without overflow


def _bias_setup(H, self_energies_fn, mu_left, mu_right, kT, band):
    H = _square(H)
    mu_left = as_real_scalar(mu_left, "mu_left")
    mu_right = as_real_scalar(mu_right, "mu_right")
    kT = as_nonnegative(kT, "kT")
    if not callable(self_energies_fn):
        raise TypeError("self_energies_fn must be a callable E -> (Sigma_L, Sigma_R), got "
                        f"{type(self_energies_fn).__name__}")
    try:
        lo, hi = (float(b) for b in band)
    except (TypeError, ValueError):
        raise TypeError(f"band must be a pair (E_min, E_max), got {band!r}") from None
    if not lo < hi:
        raise ValueError(f"band must satisfy E_min < E_max, got {band!r}")

    identity = np.eye(H.shape[0])

    def green(E):
        # validated once per call of the public function; the integrand itself stays lean
        sigma_left, sigma_right = (np.asarray(s, dtype=complex).reshape(H.shape) for s in self_energies_fn(E))
        G = np.linalg.inv(E * identity - H - sigma_left - sigma_right)
        gammas = [1j * (s - s.conj().T) for s in (sigma_left, sigma_right)]
        f = np.array([_fermi_scalar(E, mu_left, kT), _fermi_scalar(E, mu_right, kT)])
        return G, gammas, f

    levels = np.linalg.eigvalsh((H + H.conj().T) / 2)
    points = sorted({float(p) for p in (*levels, mu_left, mu_right) if lo < p < hi})
    return H, green, lo, hi, points


def _integrate(integrand, lo, hi, points, epsabs):
    """Integral over (lo, hi), which may be infinite: a finite middle piece holding the break
    points (levels, chemical potentials), and the tails on their own."""
    options = {"epsabs": epsabs, "epsrel": 1e-10, "limit": 2000}
    a = max(lo, min(points, default=0.0) - 1.0)
    b = min(hi, max(points, default=0.0) + 1.0)
    total = quad_vec(integrand, a, b, points=[p for p in points if a < p < b] or None, **options)[0]
    if a > lo:
        total = total + quad_vec(integrand, lo, a, **options)[0]
    if b < hi:
        total = total + quad_vec(integrand, b, hi, **options)[0]
    return total


def nonequilibrium_occupation(H, self_energies_fn, mu_left, mu_right, kT=0.0, *,
                              band=(-np.inf, np.inf), epsabs=1e-10):
    """Electrons on each device site between two biased leads, n_j = int dE/2pi Im G^<_jj.

    Parameters
    ----------
    H : (n, n) array_like
        Device Hamiltonian (energy unit of your choice, e.g. t).
    self_energies_fn : callable
        E -> (Sigma_L(E), Sigma_R(E)), each (n, n) (use `embed`); for wide-band leads return
        constant matrices.
    mu_left, mu_right : float
        Electrochemical potentials of the left and right lead (same unit as H).
    kT : float, optional
        Temperature of both leads (same unit), >= 0; 0 gives step functions.
    band : (float, float), optional
        Energy range where the leads have states (outside it Im G^< = 0). For chains of hopping t
        and on-site 0 it is (-2t, 2t); the default, the whole real axis, suits wide-band leads.
    epsabs : float, optional
        Absolute accuracy of the energy integral.

    Returns
    -------
    (n,) ndarray
        Occupation of each site, per spin, between 0 and 1. In equilibrium (mu_left = mu_right)
        it is int rho_j f dE; under bias each lead fills the states it feeds, A_p, up to its own
        mu_p. States outside `band` (bound states) hold no lead electrons and are not counted.

    Notes
    -----
    For one level with energy-independent broadenings Gamma_L, Gamma_R (Gamma = Gamma_L +
    Gamma_R) at kT = 0: n = sum_p (Gamma_p/Gamma) [1/2 + arctan(2 (mu_p - eps0)/Gamma)/pi],
    between the occupation set by the left lead alone and that set by the right lead alone
    (lesson 6).
    """
    H, green, lo, hi, points = _bias_setup(H, self_energies_fn, mu_left, mu_right, kT, band)
    epsabs = as_nonnegative(epsabs, "epsabs")

    def integrand(E):
        G, (gamma_left, gamma_right), (f_left, f_right) = green(E)
        G_n = G @ (f_left * gamma_left + f_right * gamma_right) @ G.conj().T     # -i G^<
        return np.real(np.diag(G_n)) / (2 * np.pi)

    return np.asarray(_integrate(integrand, lo, hi, points, epsabs), dtype=float)


def nonequilibrium_current(H, self_energies_fn, mu_left, mu_right, kT=0.0, *,
                           band=(-np.inf, np.inf), epsabs=1e-10):
    """Current out of the left lead from the lesser Green's function, int Tr[Gamma_L (f_L A - G^n)] dE.

    Parameters
    ----------
    H, self_energies_fn, mu_left, mu_right, kT, band, epsabs
        As in `nonequilibrium_occupation`.

    Returns
    -------
    float
        Current in units of (2e/h) x (energy unit), the units of `helpers.current`. It equals the
        Landauer current int T(E) (f_L - f_R) dE with the Caroli T(E) = Tr[Gamma_L A_R]: computed
        here from the occupations of the device, not from a transmission.
    """
    H, green, lo, hi, points = _bias_setup(H, self_energies_fn, mu_left, mu_right, kT, band)
    epsabs = as_nonnegative(epsabs, "epsabs")

    def integrand(E):
        G, (gamma_left, gamma_right), (f_left, f_right) = green(E)
        A = 1j * (G - G.conj().T)
        G_n = G @ (f_left * gamma_left + f_right * gamma_right) @ G.conj().T     # -i G^<
        return np.array([np.real(np.trace(gamma_left @ (f_left * A - G_n)))])

    return float(_integrate(integrand, lo, hi, points, epsabs)[0])
