"""One-dimensional continuum scattering in real units: steps, barriers, delta barriers.

Units and conventions (README, "Units and conventions", continuum 1D models)
---------------------------------------------------------------------------
- Energies and potentials in eV, lengths in nm, delta-barrier strengths in eV nm.
- The effective mass ``m_eff`` is a fraction of the free electron mass m_e (1.0 by default,
  0.067 for GaAs). The wave number in a region of potential V is
  k = sqrt(m_eff (E - V) / C) in 1/nm with C = hbar^2 / (2 m_e) = 0.0381 eV nm^2
  (``helpers.constants.HBAR2_OVER_2ME_EV_NM2``).
- A piecewise-constant potential is given by boundaries x_1 <= ... <= x_n (nm) and potentials
  V_0, ..., V_n (eV): V_0 on x < x_1 is the left lead, V_n on x > x_n the right lead, V_j on
  x_j < x < x_{j+1}. Optional delta barriers alpha delta(x - x_d) (alpha in eV nm, negative for
  a delta well) may sit anywhere, leads included.
- Scattering matrices follow ``helpers.scattering``: blocks r, t, r', t' between flux-normalized
  plane waves, so |t|^2 is the transmission probability (the velocity ratio k_R/k_L included).
  The plane waves of both leads are referenced to the origin x = 0: on the left
  psi = (e^{i k_L x} + r e^{-i k_L x}) / sqrt(k_L), on the right psi = t e^{i k_R x} / sqrt(k_R).
  With this choice two scatterers built in the same coordinates compose exactly with
  ``helpers.scattering.series``.
- A lead with E <= V_lead has no open channel (the zero-velocity threshold counts as closed):
  the S-matrix then has empty blocks on that side and T = 0.

How it is computed (lesson on tunnelling; stable for any barrier thickness)
--------------------------------------------------------------------------
Every region of width d is a slab embedded in a zero-width reference medium with real wave
number k0 (the left lead's k when it is open). The slab's 2 x 2 scattering matrix in that medium
is unitary and written with bounded quantities only,

    t = 1 / (cos kd - i a sin(kd)/k),   r = -i b (sin(kd)/k) t,
    a = (k0^2 + k^2) / (2 k0),  b = (k0^2 - k^2) / (2 k0),

which for an evanescent region (k = i kappa) is evaluated with w = exp(-kappa d) <= 1 as
t = 2w / ((1 + w^2) - i a (1 - w^2)/kappa), so nothing grows exponentially. Both forms depend
on k only through k^2 = m_eff (E - V)/C and sin(kd)/k -> d as k -> 0: an energy exactly at a
region's potential (k = 0, a linear wave function) needs no special case and T is continuous
there. Slabs, delta barriers and the two lead interfaces are combined with the star product
(all factors are bounded by 1), so T down to 1e-300 comes out without overflow; a barrier so
thick that T is below the smallest double gives T = 0 exactly (underflow is expected there and
silenced, nothing else is).
"""

import numpy as np

from ._validation import as_positive, as_real_array, as_real_scalar
from .constants import HBAR2_OVER_2ME_EV_NM2  # hbar^2 / (2 m_e) in eV nm^2
from .scattering import SMatrix

__all__ = [
    "piecewise_smatrix",
    "piecewise_transmission",
    "potential_profile",
    "step_potential",
    "step_transmission",
    "rectangular_barrier",
    "rectangular_barrier_transmission",
    "delta_barrier",
    "delta_barrier_transmission",
    "double_barrier",
    "double_barrier_transmission",
    "double_barrier_layout",
]

_C = HBAR2_OVER_2ME_EV_NM2


# ---------------------------------------------------------------------------------------------
# input checks
# ---------------------------------------------------------------------------------------------
def check_layout(boundaries, potentials, deltas):
    """Validate a piecewise potential; return float arrays (n,), (n + 1,), (K, 2).

    Internal (not in `__all__`): boundaries (n,) in nm, potentials (n + 1,) in eV, deltas (K, 2)
    rows (position nm, strength eV nm) or None. Also used by `helpers.models.smatrix_stats`.
    """
    x = as_real_array(boundaries, "boundaries", ndim=1, allow_empty=True)
    V = as_real_array(potentials, "potentials", ndim=1)
    if V.size != x.size + 1:
        raise ValueError(
            f"potentials must have len(boundaries) + 1 = {x.size + 1} entries (V_0 for the left lead, "
            f"one per region in between, V_n for the right lead), got {V.size}"
        )
    if np.any(np.diff(x) < 0):
        raise ValueError(
            f"boundaries must be sorted in increasing order (x_1 <= x_2 <= ...), got {x.tolist()}; "
            "sort them and reorder the potentials to match"
        )
    if deltas is None:
        d = np.zeros((0, 2))
    else:
        d = as_real_array(deltas, "deltas", ndim=(1, 2), allow_empty=True)
        if d.ndim == 1 and d.size == 0:
            d = d.reshape(0, 2)
        if d.ndim != 2 or d.shape[1] != 2:
            raise ValueError(
                f"deltas must be a list of (position_nm, strength_eV_nm) pairs, shape (K, 2), got shape {d.shape}; "
                "for a single delta barrier write deltas=[(x, alpha)]"
            )
    return x, V, d


def check_m_eff(m_eff):
    """The effective mass (units of m_e) as a positive float, or a ValueError naming it.

    Internal (not in `__all__`); also used by `helpers.models.smatrix_stats`.
    """
    return as_positive(m_eff, "m_eff")


# ---------------------------------------------------------------------------------------------
# the engine: vectorized over energies
# ---------------------------------------------------------------------------------------------
def _elements(x, V, d):
    """Split the profile into slabs and deltas, left to right.

    Returns (x_min, x_max, items) with items a list of ("slab", V, width) and ("delta", alpha).
    """
    positions = np.concatenate([x, d[:, 0]])
    if positions.size == 0:
        return 0.0, 0.0, []
    points = np.unique(positions)
    items = []
    for i, p in enumerate(points):
        alpha = float(np.sum(d[d[:, 0] == p, 1]))  # coincident deltas add up
        if np.any(d[:, 0] == p) and alpha != 0.0:
            items.append(("delta", alpha))
        if i + 1 < points.size:
            middle = 0.5 * (p + points[i + 1])
            region = int(np.searchsorted(x, middle, side="right"))
            items.append(("slab", float(V[region]), float(points[i + 1] - p)))
    return float(points[0]), float(points[-1]), items


def _star(s1, s2):
    """Star product of two 2 x 2 scattering matrices given as tuples (r, t, rp, tp) of arrays."""
    r1, t1, rp1, tp1 = s1
    r2, t2, rp2, tp2 = s2
    denom = 1.0 - rp1 * r2
    # |r1'| = |r2| = 1 exactly only when both transmissions underflowed to 0 (T = 0 anyway);
    # keep the result bounded instead of dividing by zero.
    denom = np.where(denom == 0, 1.0, denom)
    return (
        r1 + tp1 * r2 * t1 / denom,
        t2 * t1 / denom,
        rp2 + t2 * rp1 * tp2 / denom,
        tp1 * tp2 / denom,
    )


def layout_amplitudes(E, x, V, d, m_eff):
    """Flux-normalized r, t, r', t' (arrays shaped like the 1D array E) and open-lead masks.

    Internal (not in `__all__`, no validation: pass what `check_layout` and `check_m_eff`
    return): E (n_E,) in eV, x (n,) in nm, V (n + 1,) in eV, d (K, 2), m_eff in m_e. Returns
    (r, t, r', t', open_left, open_right), each of shape (n_E,). Also used by
    `helpers.models.smatrix_stats`.
    """
    x_min, x_max, items = _elements(x, V, d)
    q2_left = m_eff * (E - V[0]) / _C  # k^2 in 1/nm^2
    q2_right = m_eff * (E - V[-1]) / _C
    open_left = q2_left > 0
    open_right = q2_right > 0
    k_left = np.sqrt(np.maximum(q2_left, 0.0))
    k_right = np.sqrt(np.maximum(q2_right, 0.0))
    # reference medium: the left lead if it is open, else the right lead, else anything (all closed)
    k0 = np.where(open_left, k_left, np.where(open_right, k_right, 1.0))

    def lead_k(q2):  # principal branch, Im k >= 0
        return np.where(q2 >= 0, np.sqrt(np.maximum(q2, 0.0)) + 0j, 1j * np.sqrt(np.maximum(-q2, 0.0)))

    kl, kr = lead_k(q2_left), lead_k(q2_right)
    one = np.ones_like(E, dtype=complex)

    # left lead -> reference medium, interface at x_min
    r = (kl - k0) / (kl + k0)
    t = np.where(open_left, 2 * np.sqrt(k_left * k0) / (kl + k0), 0.0)
    s = (r, t, -r, t)

    for item in items:
        if item[0] == "delta":
            g = m_eff * item[1] / _C  # jump of psi'/psi across the delta, 1/nm
            denom = 2 * k0 + 1j * g
            rd, td = -1j * g / denom, 2 * k0 / denom
            s = _star(s, (rd, td, rd, td))
            continue
        _, v, width = item
        q2 = m_eff * (E - v) / _C
        a = (k0**2 + q2) / (2 * k0)
        b = (k0**2 - q2) / (2 * k0)
        prop = q2 >= 0
        # propagating (or k = 0): cos kd and sin(kd)/k = d sinc(kd/pi), both bounded
        kd = np.sqrt(np.maximum(q2, 0.0)) * width
        sin_over_k = width * np.sinc(kd / np.pi)
        d_prop = np.cos(kd) - 1j * a * sin_over_k
        # evanescent: w = e^{-kappa d}, (1 - w^2)/kappa = -expm1(-2 kappa d)/kappa, all bounded
        kappa = np.sqrt(np.maximum(-q2, 0.0))
        w = np.exp(-kappa * width)
        safe_kappa = np.where(kappa > 0, kappa, 1.0)
        sh = np.where(kappa > 0, -np.expm1(-2 * kappa * width) / safe_kappa, 2 * width)
        d_evan = (1 + w * w) - 1j * a * sh
        ts = np.where(prop, 1 / d_prop, 2 * w / d_evan)
        rs = np.where(prop, -1j * b * sin_over_k / d_prop, -1j * b * sh / d_evan)
        s = _star(s, (rs, ts, rs, ts))

    # reference medium -> right lead, interface at x_max
    r = (k0 - kr) / (k0 + kr)
    t = np.where(open_right, 2 * np.sqrt(k0 * k_right) / (k0 + kr), 0.0)
    s = _star(s, (r * one, t * one, -r * one, t * one))
    r, t, rp, tp = s

    # move the plane-wave reference points from x_min / x_max to the origin (only open leads)
    phase_left = np.exp(1j * k_left * x_min)
    phase_right = np.exp(-1j * k_right * x_max)
    return (
        r * phase_left**2,
        t * phase_left * phase_right,
        rp * phase_right**2,
        tp * phase_left * phase_right,
        open_left,
        open_right,
    )


def _transmission(E, x, V, d, m_eff):
    with np.errstate(under="ignore"):
        flat = E.reshape(-1)
        _, t, _, _, open_left, open_right = layout_amplitudes(flat, x, V, d, m_eff)
        T = np.where(open_left & open_right, np.abs(t) ** 2, 0.0)
    T = T.reshape(E.shape)
    return float(T) if T.ndim == 0 else T


def _smatrix(energy, x, V, d, m_eff):
    with np.errstate(under="ignore"):
        r, t, rp, tp, open_left, open_right = layout_amplitudes(np.array([energy]), x, V, d, m_eff)
    n_left, n_right = int(open_left[0]), int(open_right[0])
    return SMatrix(
        r=r[:n_left].reshape(n_left, n_left),
        t=t[: n_left * n_right].reshape(n_right, n_left),
        rp=rp[:n_right].reshape(n_right, n_right),
        tp=tp[: n_left * n_right].reshape(n_left, n_right),
        energy=energy,
    )


# ---------------------------------------------------------------------------------------------
# public API: general piecewise-constant potential
# ---------------------------------------------------------------------------------------------
def piecewise_smatrix(energy, boundaries, potentials, *, m_eff=1.0, deltas=None):
    """Scattering matrix of a piecewise-constant 1D potential at one energy.

    Parameters
    ----------
    energy : float
        Energy in eV.
    boundaries : array_like, shape (n,)
        Positions x_1 <= ... <= x_n in nm where the potential jumps (may be empty).
    potentials : array_like, shape (n + 1,)
        V_0 (left lead, x < x_1), V_1, ..., V_n (right lead, x > x_n) in eV.
    m_eff : float, optional
        Effective mass in units of the electron mass m_e, > 0.
    deltas : array_like, shape (K, 2), optional
        Delta barriers alpha delta(x - x_d) as pairs (x_d in nm, alpha in eV nm).

    Returns
    -------
    SMatrix
        Blocks r (N_L x N_L), t (N_R x N_L), rp, tp with N_L, N_R in {0, 1}: a lead with
        E <= V_lead has no open channel and its blocks are empty. Amplitudes are flux-normalized
        and referenced to x = 0 (module docstring); S is unitary when both leads are open.

    Notes
    -----
    Solves -C/m_eff psi'' + V(x) psi = E psi (C = hbar^2/2m_e), psi and psi' continuous except
    psi'(x_d+) - psi'(x_d-) = (m_eff alpha / C) psi(x_d) at a delta. Stable for any barrier
    thickness (slab scattering matrices and star products; see the module docstring).
    """
    E = as_real_scalar(energy, "energy")
    x, V, d = check_layout(boundaries, potentials, deltas)
    return _smatrix(E, x, V, d, check_m_eff(m_eff))


def piecewise_transmission(energy, boundaries, potentials, *, m_eff=1.0, deltas=None):
    """Transmission probability T(E) of a piecewise-constant 1D potential, vectorized.

    Parameters
    ----------
    energy : float or array_like
        Energies in eV, any shape.
    boundaries, potentials, m_eff, deltas
        As in :func:`piecewise_smatrix`.

    Returns
    -------
    float or ndarray
        T = |t|^2 (flux-normalized, so the velocity ratio k_R/k_L is included), the shape of
        `energy`; 0 where either lead is closed (E <= V_0 or E <= V_n).

    Notes
    -----
    Vectorized over energies (a Python loop runs over the regions only): 1000 energies for a
    few regions take about a millisecond.
    """
    E = as_real_array(energy, "energy")
    x, V, d = check_layout(boundaries, potentials, deltas)
    return _transmission(E, x, V, d, check_m_eff(m_eff))


def potential_profile(boundaries, potentials, *, padding=None):
    """Points (x, V(x)) that draw a piecewise-constant potential as a line with vertical steps.

    Parameters
    ----------
    boundaries : array_like, shape (n,)
        Positions of the jumps in nm, sorted.
    potentials : array_like, shape (n + 1,)
        Potentials in eV, V_0 (left lead) to V_n (right lead).
    padding : float, optional
        How much of each lead to show, in nm; default a quarter of the structure's length
        (1 nm when the structure has no length).

    Returns
    -------
    x, V : ndarray, shape (2 n + 2,)
        Every boundary appears twice, with the potential on its left and on its right.
        Delta barriers have no finite height; draw them from their positions separately.
    """
    x, V, _ = check_layout(boundaries, potentials, None)
    if padding is None:
        length = float(x[-1] - x[0]) if x.size else 0.0
        padding = 0.25 * length if length > 0 else 1.0
    else:
        padding = as_positive(padding, "padding")
    left = x[0] if x.size else 0.0
    right = x[-1] if x.size else 0.0
    xs = np.concatenate([[left - padding], np.repeat(x, 2), [right + padding]])
    Vs = np.repeat(V, 2)
    return xs, Vs


# ---------------------------------------------------------------------------------------------
# public API: textbook shapes (leads at V = 0 unless said otherwise)
# ---------------------------------------------------------------------------------------------
def _step_layout(height):
    return [0.0], [0.0, as_real_scalar(height, "height")], None


def _barrier_layout(height, width):
    V0 = as_real_scalar(height, "height")
    w = as_positive(width, "width")
    return [0.0, w], [0.0, V0, 0.0], None


def _delta_layout(strength):
    return [], [0.0], [(0.0, as_real_scalar(strength, "strength"))]


def double_barrier_layout(height, width, spacing):
    """Boundaries and potentials of two equal rectangular barriers (lead potential 0).

    Barriers of `height` (eV) and `width` (nm) on [0, width] and
    [width + spacing, 2 width + spacing]; the well in between (`spacing`, nm) is at V = 0.

    Returns
    -------
    boundaries : list of 4 floats (nm)
    potentials : list of 5 floats (eV)

    Use with :func:`piecewise_transmission` or :func:`potential_profile`:
    ``potential_profile(*double_barrier_layout(0.3, 2.0, 5.0))``.
    """
    V0 = as_real_scalar(height, "height")
    w = as_positive(width, "width")
    s = as_positive(spacing, "spacing")
    return [0.0, w, w + s, 2 * w + s], [0.0, V0, 0.0, V0, 0.0]


def step_potential(energy, height, *, m_eff=1.0):
    """S-matrix of a potential step V(x) = height for x > 0 (0 for x < 0), at one energy.

    Parameters
    ----------
    energy : float
        eV.
    height : float
        Step height in eV (negative for a step down).
    m_eff : float, optional
        Effective mass / m_e.

    Returns
    -------
    SMatrix
        T = 4 k_1 k_2 / (k_1 + k_2)^2 above the step; below it the right lead is closed
        (N_R = 0, |r| = 1).
    """
    E = as_real_scalar(energy, "energy")
    x, V, d = _step_layout(height)
    return _smatrix(E, np.array(x), np.array(V), np.zeros((0, 2)), check_m_eff(m_eff))


def step_transmission(energy, height, *, m_eff=1.0):
    """T(E) of the potential step of :func:`step_potential`, vectorized over `energy` (eV)."""
    x, V, d = _step_layout(height)
    return piecewise_transmission(energy, x, V, m_eff=m_eff, deltas=d)


def rectangular_barrier(energy, height, width, *, m_eff=1.0):
    """S-matrix of a rectangular barrier of `height` (eV) on 0 < x < `width` (nm), one energy.

    Returns
    -------
    SMatrix
        For 0 < E < V0: T = 1 / (1 + V0^2 sinh^2(kappa d) / (4 E (V0 - E))),
        kappa = sqrt(m_eff (V0 - E) / C); for E > V0 sinh -> sin and V0 - E -> E - V0;
        at E = V0: T = 1 / (1 + m V0 d^2 / (2 hbar^2)). Negative `height` gives a square well.
    """
    E = as_real_scalar(energy, "energy")
    x, V, _ = _barrier_layout(height, width)
    return _smatrix(E, np.array(x), np.array(V), np.zeros((0, 2)), check_m_eff(m_eff))


def rectangular_barrier_transmission(energy, height, width, *, m_eff=1.0):
    """T(E) of the barrier of :func:`rectangular_barrier`, vectorized over `energy` (eV)."""
    x, V, _ = _barrier_layout(height, width)
    return piecewise_transmission(energy, x, V, m_eff=m_eff)


def delta_barrier(energy, strength, *, m_eff=1.0):
    """S-matrix of a delta barrier `strength` delta(x) (eV nm; < 0 for a well), one energy.

    Returns
    -------
    SMatrix
        T = 1 / (1 + m alpha^2 / (2 hbar^2 E)) = 1 / (1 + m_eff alpha^2 / (4 C E)).
    """
    E = as_real_scalar(energy, "energy")
    x, V, d = _delta_layout(strength)
    return _smatrix(E, np.zeros(0), np.array(V), np.array(d), check_m_eff(m_eff))


def delta_barrier_transmission(energy, strength, *, m_eff=1.0):
    """T(E) of the delta barrier of :func:`delta_barrier`, vectorized over `energy` (eV)."""
    x, V, d = _delta_layout(strength)
    return piecewise_transmission(energy, x, V, m_eff=m_eff, deltas=d)


def double_barrier(energy, height, width, spacing, *, m_eff=1.0):
    """S-matrix of two equal rectangular barriers (resonant tunnelling), one energy.

    Geometry as in :func:`double_barrier_layout`. Below the barrier top T shows sharp peaks
    T = 1 at the quasi-bound levels of the well (Breit-Wigner lines, lesson on resonances).
    """
    E = as_real_scalar(energy, "energy")
    x, V = double_barrier_layout(height, width, spacing)
    return _smatrix(E, np.array(x), np.array(V), np.zeros((0, 2)), check_m_eff(m_eff))


def double_barrier_transmission(energy, height, width, spacing, *, m_eff=1.0):
    """T(E) of the double barrier of :func:`double_barrier`, vectorized over `energy` (eV)."""
    x, V = double_barrier_layout(height, width, spacing)
    return piecewise_transmission(energy, x, V, m_eff=m_eff)
