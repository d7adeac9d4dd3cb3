"""Dephasing with Büttiker voltage probes: multi-terminal Landauer-Büttiker on a chain (lesson 8).

Used by lesson 8, "The fine print" (the dephasing explorer).

Conventions (README, "Units and conventions"): chain with on-site 2t + V(x), hopping -t, band 0 <= E <= 4t, energies
in units of t, transmissions per spin. Terminal 0 is the left lead (attached to site 0),
terminal 1 the right lead (site L-1), terminals 2, 3, ... are the probes, one per probed site.

A probe attached to site p is a wide-band reservoir with self-energy -i eta/2 on that site
(broadening Gamma_p = eta, energy independent). Phase memory is lost with the rate eta/hbar: an
electron that enters a probe comes back with a random phase. A *voltage* probe draws no net
current: its potential adjusts until what flows in flows back out (Büttiker 1986, 1988).

Multi-terminal transmissions (NEGF, Caroli form for any pair of terminals)

    T_ij(E) = Tr[Gamma_i G Gamma_j G^dagger],   G = [E - H - Sigma_L - Sigma_R - sum_p Sigma_p]^-1

(transmission from terminal j into terminal i). All terminals here couple to one site each, so
T_ij = Gamma_i Gamma_j |G_{s_i s_j}|^2. Without a magnetic field T_ij = T_ji.

Linear response, one energy at a time (zero temperature, or each energy slice separately):
I_i = sum_j T_ij (mu_i - mu_j) in units of 2e/h per unit energy. With mu_L = 1, mu_R = 0 and
I_p = 0 in every probe, the probe potentials solve K mu = T_{.L} with the Kirchhoff matrix

    K_pq = delta_pq sum_{j != p} T_pj - (1 - delta_pq) T_pq           (p, q probes)

and the current reaching the right lead gives the effective two-terminal transmission

    T_eff = T_RL + sum_pq T_Rp (K^-1)_pq T_qL                          (lesson 8, eq. 4)

The probe model conserves energy in each energy slice (a "dephasing probe", elastic): it
randomizes phases but does not relax energy. Büttiker's original voltage probe asks only for
zero total current and re-emits a Fermi distribution at mu_p: it is inelastic. The two agree
only in linear response at zero temperature. `bias_currents` computes both at any bias and
temperature: the dephasing probe as T_eff(E) integrated over the Fermi window, the voltage probe
by solving for the probe potentials mu_p that make each probe's energy-integrated current vanish,

    I_p = sum_{j != p} integral T_pj(E) [f(E; mu_p) - f(E; mu_j)] dE = 0      (lesson 8, eq. 8)

with f(E; mu) the Fermi function at the common temperature kT (Büttiker, IBM J. Res. Dev. 32,
63 (1988); D'Amato and Pastawski, Phys. Rev. B 41, 7411 (1990)).
"""

from functools import lru_cache

import numpy as np
from scipy.optimize import root

from .._validation import as_nonnegative, as_positive, as_positive_int, as_real_array, as_real_scalar
from ..leads import chain_self_energy
from ..rgf import transmission as _transmission
from ..fermi import fermi
from ..scattering import incoherent_transmission

__all__ = ["two_barrier_chain", "probe_transmissions", "probe_potentials", "terminal_currents",
           "effective_transmission", "dephasing_curves", "bias_currents"]


def two_barrier_chain(height, width, spacing, *, pad=1):
    """Potential of a chain with two equal rectangular barriers, and the sites between them.

    Parameters
    ----------
    height : float
        Barrier height in units of t (added to the on-site 2t).
    width : int
        Barrier width in sites (>= 1).
    spacing : int
        Number of sites between the barriers (the "well"), >= 1.
    pad : int
        Clean sites (V = 0) before the first and after the second barrier, >= 0.

    Returns
    -------
    V : ndarray, shape (2 pad + 2 width + spacing,)
        Potential in units of t.
    well : ndarray of int
        Indices of the `spacing` sites between the barriers (where probes usually go).
    """
    height = as_real_scalar(height, "height")
    width = as_positive_int(width, "width")
    spacing = as_positive_int(spacing, "spacing")
    pad = int(as_nonnegative(pad, "pad"))
    V = np.concatenate([np.zeros(pad), np.full(width, height), np.zeros(spacing),
                        np.full(width, height), np.zeros(pad)])
    return V, np.arange(pad + width, pad + width + spacing)


def _check_probes(V, probe_sites):
    V = as_real_array(V, "V", ndim=1)
    sites = np.atleast_1d(np.asarray(probe_sites if probe_sites is not None else [], dtype=int))
    if sites.ndim != 1:
        raise ValueError(f"probe_sites must be a 1D list of site indices, got shape {sites.shape}")
    if sites.size and (sites.min() < 0 or sites.max() >= V.size):
        raise ValueError(f"probe_sites must lie in 0..{V.size - 1}, got {sites.tolist()}")
    if np.unique(sites).size != sites.size:
        raise ValueError(f"probe_sites must not repeat a site, got {sites.tolist()}")
    return V, sites


def _terminal_transmissions(V, E, sites, etas, t):
    """T_ij for energies E (n,) and probe broadenings etas (n,) (checked inputs)."""
    L = V.size
    sigma_lead = chain_self_energy(E, t=t, onsite=2 * t)          # (n,), Im <= 0
    H = np.diag(2 * t + V) - t * (np.eye(L, k=1) + np.eye(L, k=-1))
    A = E[:, None, None] * np.eye(L) - H[None].astype(complex)
    A[:, 0, 0] -= sigma_lead
    A[:, L - 1, L - 1] -= sigma_lead
    A[:, sites, sites] += 0.5j * etas[:, None]
    terminal_sites = np.concatenate([[0, L - 1], sites]).astype(int)
    unit = np.zeros((L, terminal_sites.size))
    unit[terminal_sites, np.arange(terminal_sites.size)] = 1.0
    Gs = np.linalg.solve(A, np.broadcast_to(unit, A.shape[:1] + unit.shape))[:, terminal_sites, :]
    gamma_lead = -2 * sigma_lead.imag
    gammas = np.concatenate([np.stack([gamma_lead, gamma_lead], axis=1),
                             np.broadcast_to(etas[:, None], (E.size, sites.size))], axis=1)
    return gammas[:, :, None] * gammas[:, None, :] * np.abs(Gs) ** 2


def probe_transmissions(V, energy, probe_sites, eta, *, t=1.0):
    """All terminal-to-terminal transmissions T_ij(E) of a chain with Büttiker probes.

    Parameters
    ----------
    V : array_like, shape (L,)
        Potential of the chain (units of t), on-site 2t + V.
    energy : float or array_like, shape (n,)
        Energies in units of t.
    probe_sites : sequence of int
        Sites that carry a probe (distinct, 0..L-1); may be empty.
    eta : float
        Broadening of each probed site (units of t), >= 0: self-energy -i eta/2.
    t : float
        Hopping.

    Returns
    -------
    ndarray, shape (n, 2 + P, 2 + P) (or (2 + P, 2 + P) for a scalar energy)
        T[..., i, j] = Tr[Gamma_i G Gamma_j G^dagger], terminals ordered (left lead, right lead,
        probes in the order of `probe_sites`). The diagonal holds Tr[Gamma_i G Gamma_i G^dagger]
        (not a transmission; it never enters the currents).
    """
    V, sites = _check_probes(V, probe_sites)
    eta = as_nonnegative(eta, "eta")
    t = as_positive(t, "t")
    E = as_real_array(energy, "energy", ndim=(0, 1))
    scalar = E.ndim == 0
    E = np.atleast_1d(E)
    T = _terminal_transmissions(V, E, sites, np.full(E.shape, eta), t)
    return T[0] if scalar else T


def probe_potentials(T):
    """Probe potentials for mu_L = 1, mu_R = 0 and zero net current in every probe.

    Parameters
    ----------
    T : array_like, shape (..., 2 + P, 2 + P)
        Transmissions from `probe_transmissions` (terminal 0 left, 1 right, then probes).

    Returns
    -------
    ndarray, shape (..., P)
        mu_p (in units of mu_L - mu_R, measured from mu_R) solving K mu = T_{pL}
        (module docstring). NaN where a probe connects to neither lead (K singular), e.g.
        outside the band.
    """
    T = np.asarray(T, dtype=float)
    if T.ndim < 2 or T.shape[-1] != T.shape[-2] or T.shape[-1] < 2:
        raise ValueError(f"T must have shape (..., N, N) with N >= 2 terminals, got {T.shape}")
    P = T.shape[-1] - 2
    if P == 0:
        return np.zeros(T.shape[:-2] + (0,))
    Tpp = T[..., 2:, 2:]
    off = Tpp * (1 - np.eye(P))
    total = T[..., 2:, :].sum(axis=-1) - np.diagonal(Tpp, axis1=-2, axis2=-1)  # sum_{j != p} T_pj
    W = -off + total[..., :, None] * np.eye(P)
    rhs = T[..., 2:, 0]
    out = np.full(rhs.shape, np.nan)
    flat_W = W.reshape(-1, P, P)
    flat_rhs = rhs.reshape(-1, P)
    flat_out = out.reshape(-1, P)
    # W is regular where every probe is linked to a lead (its rows are then diagonally dominant)
    linked = (T[..., 2:, 0] + T[..., 2:, 1]).reshape(-1, P).sum(axis=-1) > 0
    if np.any(linked):
        flat_out[linked] = np.linalg.solve(flat_W[linked], flat_rhs[linked][..., None])[..., 0]
    return flat_out.reshape(rhs.shape)


def terminal_currents(T, mu):
    """Currents I_i = sum_{j != i} T_ij (mu_i - mu_j) into the device from each terminal.

    Parameters
    ----------
    T : array_like, shape (..., N, N)
        Transmissions (T_ij from terminal j into terminal i).
    mu : array_like, shape (..., N)
        Terminal potentials.

    Returns
    -------
    ndarray, shape (..., N)
        Particle current leaving each terminal into the device, in units of 2e/h per unit energy
        (per energy slice); the sum over terminals vanishes (current conservation).
    """
    T = np.asarray(T, dtype=float)
    mu = np.asarray(mu, dtype=float)
    off = T * (1 - np.eye(T.shape[-1]))
    return off.sum(axis=-1) * mu - np.einsum("...ij,...j->...i", off, mu)


def _effective(T):
    """T_eff from terminal transmissions T (..., N, N) (lesson 8, eq. 4); T_RL where N = 2."""
    coherent = T[..., 1, 0]
    if T.shape[-1] == 2:
        return coherent
    mu = probe_potentials(T)
    return coherent + np.einsum("...p,...p->...", T[..., 1, 2:], np.nan_to_num(mu))


def effective_transmission(V, energy, probe_sites, eta, *, t=1.0):
    """Effective two-terminal transmission of a chain with voltage probes (zero temperature).

    Parameters
    ----------
    V, energy, probe_sites, eta, t
        As in `probe_transmissions`.

    Returns
    -------
    float or ndarray, shape of `energy`
        T_eff = T_RL + sum_pq T_Rp (K^-1)_pq T_qL (module docstring): the conductance in units of
        G0 = 2e^2/h at E = mu. For eta = 0 it is the coherent transmission; 0 outside the band.
    """
    eta_value = as_nonnegative(eta, "eta")
    T = probe_transmissions(V, energy, probe_sites, eta_value, t=t)
    result = T[..., 1, 0] if eta_value == 0 else _effective(T)
    return result if np.ndim(result) else float(result)


def _single_barrier(height, width):
    return np.concatenate([[0.0], np.full(width, height), [0.0]])


@lru_cache(maxsize=32)
def _references(height, width, spacing, E_key, t):
    E = np.frombuffer(E_key)
    V, _ = two_barrier_chain(height, width, spacing)
    single = _transmission(_single_barrier(height, width), E, t=t)
    coherent = _transmission(V, E, t=t)
    incoherent = np.array([incoherent_transmission([T1, T1]) for T1 in single])
    return coherent, incoherent


#: Energies added around each coherent resonance of the dephasing widget's axis, in units of
#: the base spacing: 41 points within one spacing of the exact peak, so that every peak of
#: T(E) is drawn with its top (T = 1 for two equal barriers), however narrow.
RESONANCE_OFFSETS = np.concatenate([np.linspace(-1.0, 1.0, 41), [0.0]])


@lru_cache(maxsize=32)
def _resonance_grid(height, width, spacing, E_range, points, t):
    """The uniform axis plus a fine patch around each maximum of the coherent T(E).

    Each maximum found on the uniform axis is located precisely (bounded maximization between
    its neighbours); the patch `RESONANCE_OFFSETS` x spacing is centred on it.
    """
    from scipy.optimize import minimize_scalar

    base = np.linspace(*E_range, points)
    V, _ = two_barrier_chain(height, width, spacing)
    T = _transmission(V, base, t=t)
    inner = np.flatnonzero((T[1:-1] >= T[:-2]) & (T[1:-1] >= T[2:])) + 1
    step = base[1] - base[0]
    patches = []
    for i in inner:
        best = minimize_scalar(lambda E: -float(_transmission(V, E, t=t)),
                               bounds=(base[i - 1], base[i + 1]), method="bounded",
                               options={"xatol": 1e-10 * t})
        patches.append(best.x + step * RESONANCE_OFFSETS)
    grid = np.concatenate([base, *patches])
    return np.unique(grid[(grid >= E_range[0]) & (grid <= E_range[1])])


@lru_cache(maxsize=64)
def _resistance_curve(height, width, spacing, probes, energy, etas_key, t):
    etas = np.frombuffer(etas_key)
    V, well = two_barrier_chain(height, width, spacing)
    sites = well if probes == "well" else np.arange(V.size)
    T = _terminal_transmissions(V, np.full(etas.shape, energy), sites, etas, t)
    T_coh = _transmission(V, energy, t=t)
    T_inc = incoherent_transmission([_transmission(_single_barrier(height, width), energy, t=t)] * 2)
    return 1 / _effective(T), 1 / T_coh, 1 / T_inc


def dephasing_curves(eta, energy, *, height=3.0, width=1, spacing=12, probes="well",
                     E_range=(0.6, 3.4), points=300, etas=None, t=1.0):
    """Everything the dephasing widget draws: T(E) and the resistance against eta (lesson 8).

    Parameters
    ----------
    eta : float
        Probe broadening (units of t), >= 0.
    energy : float
        Energy (units of t) of the resistance panel, inside the band.
    height, width, spacing : float, int, int
        The two equal barriers (`two_barrier_chain`).
    probes : {"well", "all"}
        Probes on the sites between the barriers, or on every site of the chain.
    E_range : (float, float)
        Energy axis of the T(E) curves (inside the band 0..4t).
    points : int
        Energies on that axis, evenly spaced; around each coherent resonance a fine patch is
        added (`RESONANCE_OFFSETS`), so that the peaks are drawn with their tops.
    etas : array_like, optional
        Probe couplings of the resistance curve (default 49 values from 1e-3 to 1, log spaced).

    Returns
    -------
    dict
        "E", "coherent" (eta = 0, helpers.transmission), "probes" (T_eff at `eta`), "incoherent"
        (helpers.incoherent_transmission of the two single barriers: phases fully averaged, no
        resistance of the probes themselves); "etas", "R_probes" (R/(h/2e^2) = 1/T_eff at
        `energy`), "R_coherent", "R_incoherent", "R_now", "T_now" (at `energy` and `eta`).
        Reference curves are cached: moving eta only recomputes "probes" and "R_now".
    """
    eta = as_nonnegative(eta, "eta")
    energy = as_real_scalar(energy, "energy")
    if probes not in ("well", "all"):
        raise ValueError(f"probes must be 'well' or 'all', got {probes!r}")
    width = as_positive_int(width, "width")
    spacing = as_positive_int(spacing, "spacing")
    height = as_real_scalar(height, "height")
    t = as_positive(t, "t")
    V, well = two_barrier_chain(height, width, spacing)
    sites = well if probes == "well" else np.arange(V.size)
    E = _resonance_grid(height, width, spacing, tuple(float(e) for e in E_range),
                        as_positive_int(points, "points"), t)
    coherent, incoherent = _references(height, width, spacing, E.tobytes(), t)
    etas = np.logspace(-3, 0, 49) if etas is None else as_real_array(etas, "etas", ndim=1)
    R_probes, R_coh, R_inc = _resistance_curve(height, width, spacing, probes, energy,
                                               np.ascontiguousarray(etas, float).tobytes(), t)
    T_now = effective_transmission(V, energy, sites, eta, t=t)
    return {
        "E": E, "coherent": coherent, "incoherent": incoherent,
        "probes": effective_transmission(V, E, sites, eta, t=t),
        "etas": etas, "R_probes": R_probes, "R_coherent": R_coh, "R_incoherent": R_inc,
        "R_now": 1 / T_now, "T_now": T_now,
    }


def _fermi_integrals(E, T, mu, kT):
    """F = integral T(E) f(E; mu, kT) dE and dF/dmu on the grid E (n,).

    T has shape (n, ...) and mu broadcasts against T.shape[1:]. kT = 0: the cumulative trapezoid
    of T up to mu (exact for T linear between grid points).
    """
    mu = np.broadcast_to(np.asarray(mu, dtype=float), T.shape[1:])
    if kT == 0:
        steps = 0.5 * (T[1:] + T[:-1]) * np.diff(E).reshape((-1,) + (1,) * (T.ndim - 1))
        cumulative = np.concatenate([np.zeros((1,) + T.shape[1:]), np.cumsum(steps, axis=0)])
        i = np.clip(np.searchsorted(E, mu) - 1, 0, E.size - 2)
        x = (mu - E[i]) / (E[i + 1] - E[i])
        T_lo = np.take_along_axis(T, i[None], axis=0)[0]
        T_hi = np.take_along_axis(T, i[None] + 1, axis=0)[0]
        T_mu = T_lo + x * (T_hi - T_lo)
        C = np.take_along_axis(cumulative, i[None], axis=0)[0]
        return C + (mu - E[i]) * 0.5 * (T_lo + T_mu), T_mu
    Ex = E.reshape((-1,) + (1,) * (T.ndim - 1))
    f = fermi(Ex, mu[None], kT)
    kernel = f * (1 - f) / kT                                      # -df/dE
    return np.trapezoid(T * f, E, axis=0), np.trapezoid(T * kernel, E, axis=0)


def bias_currents(V, probe_sites, eta, mu_L, mu_R, kT, *, t=1.0, points=4001, reach=30.0):
    """Current through a chain with probes at any bias and temperature: elastic and inelastic.

    Parameters
    ----------
    V, probe_sites, eta, t
        As in `probe_transmissions` (at least one probe site).
    mu_L, mu_R : float
        Chemical potentials of the left and right leads (units of t), inside the band.
    kT : float
        Temperature (units of t), >= 0, the same in every terminal.
    points : int
        Energies of the integration grid, which spans [min(mu) - reach kT, max(mu) + reach kT]
        (clipped to the band).
    reach : float
        Width of the Fermi tails kept, in units of kT.

    Returns
    -------
    dict
        "elastic": the current of the dephasing probe (zero current at each energy),
        integral T_eff(E) [f_L - f_R] dE; "inelastic": the current of Büttiker's voltage probe
        (zero total current, Fermi distribution at its own mu_p re-emitted); both in units of
        (2e/h) x t, positive from left to right for mu_L > mu_R. "mu_probes": the voltage
        probes' potentials (P,), "probe_currents": their energy-integrated currents (P,),
        ~ 0, "E", "T_eff" (the grid and the effective transmission on it).
        For mu_L - mu_R -> 0 at kT = 0 both currents tend to T_eff(mu) (mu_L - mu_R).
    """
    V, sites = _check_probes(V, probe_sites)
    if sites.size == 0:
        raise ValueError("probe_sites must name at least one site for bias_currents; "
                         "without probes use helpers.current")
    eta = as_positive(eta, "eta")
    t = as_positive(t, "t")
    mu_L = as_real_scalar(mu_L, "mu_L")
    mu_R = as_real_scalar(mu_R, "mu_R")
    kT = as_nonnegative(kT, "kT")
    for name, mu in (("mu_L", mu_L), ("mu_R", mu_R)):
        if not 0 < mu < 4 * t:
            raise ValueError(f"{name} must lie inside the band (0, 4t) = (0, {4 * t}), got {mu}")
    lo, hi = min(mu_L, mu_R), max(mu_L, mu_R)
    if hi == lo and kT == 0:
        return {"elastic": 0.0, "inelastic": 0.0, "mu_probes": np.full(sites.size, lo),
                "probe_currents": np.zeros(sites.size), "E": np.array([lo]),
                "T_eff": np.atleast_1d(effective_transmission(V, lo, sites, eta, t=t))}
    E = np.linspace(max(lo - reach * kT, 1e-9 * t), min(hi + reach * kT, 4 * t * (1 - 1e-9)),
                    as_positive_int(points, "points"))
    T = _terminal_transmissions(V, E, sites, np.full(E.shape, eta), t)     # (n, N, N)
    N = T.shape[-1]
    off = T * (1 - np.eye(N))
    T_eff = _effective(T)

    # elastic: zero current at each energy, I = integral T_eff (f_L - f_R)
    elastic = _fermi_integrals(E, T_eff, mu_L, kT)[0] - _fermi_integrals(E, T_eff, mu_R, kT)[0]

    # inelastic: zero energy-integrated current in each probe,
    # I_p = sum_j [F_pj(mu_p) - F_pj(mu_j)] with F_pj(mu) = integral T_pj f(E; mu) dE
    rows = off[:, 2:, :]                                     # (n, P, N): T_pj

    def residual(mu_p):
        mus = np.concatenate([[mu_L, mu_R], mu_p])
        F_own, dF_own = _fermi_integrals(E, rows, mu_p[:, None], kT)      # F_pj(mu_p)
        F_other, dF_other = _fermi_integrals(E, rows, mus[None, :], kT)   # F_pj(mu_j)
        jac = np.diag(dF_own.sum(axis=1)) - dF_other[:, 2:]
        return (F_own - F_other).sum(axis=1), jac

    x0 = lo + (hi - lo) * np.nan_to_num(probe_potentials(_terminal_transmissions(
        V, np.array([0.5 * (mu_L + mu_R)]), sites, np.array([eta]), t))[0], nan=0.5)
    if mu_L < mu_R:
        x0 = hi - (x0 - lo)
    solution = root(residual, x0, jac=True, method="hybr", options={"xtol": 1e-13})
    mu_p = solution.x
    currents, _ = residual(mu_p)
    mus = np.concatenate([[mu_L, mu_R], mu_p])
    left = off[:, 0, :]                                      # (n, N): T_Lj
    F_left = _fermi_integrals(E, left, mu_L, kT)[0] - _fermi_integrals(E, left, mus, kT)[0]
    return {"elastic": float(elastic), "inelastic": float(F_left.sum()), "mu_probes": mu_p,
            "probe_currents": currents, "E": E, "T_eff": T_eff}
