"""The Bernevig-Hughes-Zhang (BHZ) model of a 2D topological insulator on the square lattice.

Used by lesson 12, "Topological protection without a field".

Units and conventions (README, "Units and conventions")
-------------------------------------------------------
Lattice constant a = 1; energies in units of |B| (the band-curvature parameter of the model,
B = -1); by default A = 2 and D = 0, so that the spectrum is symmetric about E = 0. Sites
x = 0..L-1 (transport), y = 0..W-1 (hard walls), leads are the clean continuation of the strip
(same M, no disorder) on both sides.

The model
---------
Each spin block has two orbitals (E1, H1 of a HgTe quantum well). Spin up::

    H_up(k) = eps(k) + d(k) . sigma,
    d(k) = (A sin kx, -A sin ky, M - 2B (2 - cos kx - cos ky)),   eps(k) = -2D (2 - cos kx - cos ky),

the lattice version of BHZ's d = (A kx, -A ky, M - B k^2). Spin down is its time-reversal
partner, H_down(k) = H_up(-k)^*, which on the lattice means every on-site block and every
hopping of spin down is the complex conjugate of spin up's. The four orbitals of a site are
ordered (up E1, up H1, down E1, down H1). With D = 0 the bulk bands are E = +-|d(k)| and the
bulk gap is 2 min_k |d(k)|; the gap closes only where d = 0, at M = 0 (k = (0, 0)),
M = 4B (k = (pi, 0), (0, pi)) and M = 8B (k = (pi, pi)). Each spin block is a Chern insulator
for 0 < M/B < 8 (Chern number of magnitude 1, its sign flips at M = 4B) and trivial outside:
the band inversion. Each block then carries one chiral edge state per edge, spin up and spin
down moving in opposite directions: a helical pair per edge.

Conductance: spin is explicit here, so the transmission T is summed over both spins and the
conductance is G = (e^2/h) T; two helical edges give T = 2, G = 2e^2/h (= 1 in the course's
unit G0 = 2e^2/h, which elsewhere counts a spin-degenerate channel).

Disorder (random on-site terms in the scattering region only, the leads stay clean):
"nonmagnetic" V(x, y) times the 4 x 4 identity (respects time reversal, spin conserved);
"magnetic" a random Zeeman field along x, h(x, y) s_x (breaks time reversal, mixes the two
spin blocks); "zeeman_z" a random Zeeman field along z, h(x, y) s_z (breaks time reversal,
keeps the spin blocks separate). V and h are drawn as
``default_rng(seed).uniform(-Wd/2, Wd/2, size=(L, W))``, the course's Anderson disorder.

References: B. A. Bernevig, T. L. Hughes, S.-C. Zhang, Science 314, 1757 (2006);
M. König et al., Science 318, 766 (2007); C. L. Kane, E. J. Mele, PRL 95, 226801 (2005);
M. Z. Hasan, C. L. Kane, RMP 82, 3045 (2010).
"""

import functools
import math

import numpy as np

from .._validation import as_positive_int, as_real_array, as_real_scalar, as_rng, scalar_or_array
from ..tight_binding import TightBinding, smatrix_tb

__all__ = ["A_DEFAULT", "B_DEFAULT", "DISORDER_KINDS", "bhz_blocks", "bhz_bulk_hamiltonian",
           "bulk_d_vector", "bulk_gap", "gap_closing_masses", "is_inverted", "disorder_onsite",
           "bhz_strip", "strip_hamiltonian_k", "strip_bands", "edge_weight",
           "spin_transmissions", "helical_conductance", "clean_transmission", "disorder_scan"]

#: Default A (units of |B| / a) and B (units of |B| a^2: B = -1 fixes the energy unit).
A_DEFAULT, B_DEFAULT = 2.0, -1.0
#: Disorder types: time-reversal symmetric potential, spin-mixing Zeeman field along x,
#: spin-conserving Zeeman field along z.
DISORDER_KINDS = ("nonmagnetic", "magnetic", "zeeman_z")

_I2 = np.eye(2)
_SX = np.array([[0, 1], [1, 0]], complex)
_SY = np.array([[0, -1j], [1j, 0]])
_SZ = np.diag([1.0, -1.0]).astype(complex)
#: Conservation law of the leads: -s_z, so that block 0 is spin up and block 1 spin down.
_MINUS_SPIN_Z = np.kron(-_SZ, _I2)


def _check_params(M, A, B, D):
    M = as_real_scalar(M, "M")
    A = as_real_scalar(A, "A")
    B = as_real_scalar(B, "B")
    D = as_real_scalar(D, "D")
    if B == 0:
        raise ValueError("B must be nonzero (it sets the band curvature and the energy unit), got 0")
    return M, A, B, D


def _positive_int(value, name, minimum=1):
    value = as_positive_int(value, name)
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value}")
    return value


def bhz_blocks(M, *, A=A_DEFAULT, B=B_DEFAULT, D=0.0, spin="up"):
    """Lattice blocks of one spin of the BHZ model: on-site, hopping along x and along y.

    Parameters
    ----------
    M : float
        Mass (units of |B|); the sign of M relative to B decides trivial (M/B < 0 or > 8)
        or inverted (0 < M/B < 8).
    A, B, D : float, optional
        BHZ parameters (units of |B| and a = 1); B != 0.
    spin : {"up", "down"}
        Spin down is the time-reversal partner: the complex conjugate of every spin-up block.

    Returns
    -------
    onsite, hop_x, hop_y : (2, 2) complex each
        On-site block, hopping H[(x+1, y), (x, y)] and H[(x, y+1), (x, y)], orbitals (E1, H1).
    """
    M, A, B, D = _check_params(M, A, B, D)
    onsite = -4 * D * _I2 + (M - 4 * B) * _SZ
    hop_x = D * _I2 + B * _SZ + 0.5j * A * _SX
    hop_y = D * _I2 + B * _SZ - 0.5j * A * _SY
    if spin == "up":
        return onsite, hop_x, hop_y
    if spin == "down":
        return onsite.conj(), hop_x.conj(), hop_y.conj()
    raise ValueError(f"spin must be 'up' or 'down', got {spin!r}")


def bhz_bulk_hamiltonian(kx, ky, M, *, A=A_DEFAULT, B=B_DEFAULT, D=0.0, spin="up"):
    """Bloch Hamiltonian H_spin(k) of the infinite 2D lattice, built from the lattice blocks.

    Parameters
    ----------
    kx, ky : float or array_like (broadcastable)
        Wave numbers (units of 1/a).
    M, A, B, D, spin
        As in `bhz_blocks`.

    Returns
    -------
    (..., 2, 2) complex
        H(k) = h0 + T_x e^{-i kx} + T_x^dagger e^{i kx} + (same along y).
    """
    onsite, hop_x, hop_y = bhz_blocks(M, A=A, B=B, D=D, spin=spin)
    kx, ky = np.broadcast_arrays(as_real_array(kx, "kx"), as_real_array(ky, "ky"))
    H = np.broadcast_to(onsite, kx.shape + (2, 2)).astype(complex)
    for k, T in ((kx, hop_x), (ky, hop_y)):
        phase = np.exp(-1j * k)[..., None, None]
        H = H + T * phase + T.conj().T * phase.conj()
    return H


def bulk_d_vector(kx, ky, M, *, A=A_DEFAULT, B=B_DEFAULT):
    """The vector d(k) of spin up, (A sin kx, -A sin ky, M - 2B (2 - cos kx - cos ky)).

    Returns
    -------
    (..., 3) float, units of |B|.
    """
    M, A, B, _ = _check_params(M, A, B, 0.0)
    kx, ky = np.broadcast_arrays(as_real_array(kx, "kx"), as_real_array(ky, "ky"))
    return np.stack([A * np.sin(kx), -A * np.sin(ky), M - 2 * B * (2 - np.cos(kx) - np.cos(ky))], axis=-1)


def bulk_gap(M, *, A=A_DEFAULT, B=B_DEFAULT, n_k=121):
    """Bulk band gap 2 min_k |d(k)| of the 2D lattice (D = 0), units of |B|.

    Parameters
    ----------
    M : float or array_like
        Mass(es), units of |B|.
    A, B : float, optional
    n_k : int, optional
        Points per direction of the Brillouin-zone grid; the minimum is then refined by a
        local search (scipy.optimize).

    Returns
    -------
    float or ndarray, shape of `M`

    Notes
    -----
    Analytic limits: at the time-reversal-invariant momenta |d| = |M|, |M - 4B|, |M - 8B|; when
    A^2 >= 2 B M (true for the default A = 2, B = -1 and -1 <= M <= 1) the minimum sits at
    k = 0 and the gap is exactly 2|M|.
    """
    import scipy.optimize

    n_k = _positive_int(n_k, "n_k", 8)
    Ms = as_real_array(M, "M")
    A = as_real_scalar(A, "A")
    B = as_real_scalar(B, "B")
    k = np.linspace(-np.pi, np.pi, n_k)
    kx, ky = np.meshgrid(k, k, indexing="ij")
    sin2 = np.sin(kx) ** 2 + np.sin(ky) ** 2
    u = 2 - np.cos(kx) - np.cos(ky)
    out = np.empty(Ms.shape)
    for index, m in np.ndenumerate(Ms):
        m = float(m)

        def d2(q, m=m):
            sx, sy = math.sin(q[0]), math.sin(q[1])
            dz = m - 2 * B * (2 - math.cos(q[0]) - math.cos(q[1]))
            return A * A * (sx * sx + sy * sy) + dz * dz

        grid = A * A * sin2 + (m - 2 * B * u) ** 2
        i = np.unravel_index(np.argmin(grid), grid.shape)
        best = scipy.optimize.minimize(d2, [kx[i], ky[i]], method="Nelder-Mead",
                                       options={"xatol": 1e-10, "fatol": 1e-14})
        out[index] = 2 * np.sqrt(max(min(best.fun, grid[i]), 0.0))
    return scalar_or_array(out)


def gap_closing_masses(B=B_DEFAULT):
    """Masses where the bulk gap closes: M = 0, 4B, 8B (units of |B|), ascending."""
    B = as_real_scalar(B, "B")
    return np.sort(np.array([0.0, 4 * B, 8 * B]))


def is_inverted(M, *, B=B_DEFAULT):
    """True where the bands are inverted (0 < M/B < 8): each spin block is a Chern insulator.

    At exactly M = 0, 4B or 8B the bulk is gapless (neither phase); 4B lies inside the range
    and returns True although the gap is closed there.
    """
    M = as_real_array(M, "M")
    B = as_real_scalar(B, "B")
    ratio = M / B
    return scalar_or_array((ratio > 0) & (ratio < 8), kind=bool)


def disorder_onsite(kind, strength, L, W, rng):
    """Random on-site 4 x 4 blocks of one disorder type, shape (L, W, 4, 4), units of |B|.

    Parameters
    ----------
    kind : {"nonmagnetic", "magnetic", "zeeman_z"}
        "nonmagnetic": V(x, y) times the identity (the same for both spins); "magnetic":
        h(x, y) s_x, a Zeeman field along x that flips spin; "zeeman_z": h(x, y) s_z.
    strength : float
        Disorder strength Wd >= 0: V or h uniform in [-Wd/2, Wd/2].
    L, W : int
        Strip size (sites).
    rng : int or numpy.random.Generator
        Seed or generator; the values are ``default_rng(rng).uniform(-Wd/2, Wd/2, (L, W))``.
    """
    if kind not in DISORDER_KINDS:
        raise ValueError(f"kind must be one of {DISORDER_KINDS}, got {kind!r}")
    strength = as_real_scalar(strength, "strength")
    if strength < 0:
        raise ValueError(f"strength must be >= 0 (the width of the distribution), got {strength}")
    L, W = _positive_int(L, "L"), _positive_int(W, "W")
    values = as_rng(rng).uniform(-strength / 2, strength / 2, size=(L, W))
    spin = {"nonmagnetic": np.eye(2), "magnetic": _SX, "zeeman_z": _SZ}[kind]
    return values[..., None, None] * np.kron(spin, _I2)


def _full(up, down):
    zero = np.zeros(up.shape[:-2] + (2, 2))
    return np.block([[up, zero], [zero, down]])


def bhz_strip(L, W, M, *, extra_onsite=None, A=A_DEFAULT, B=B_DEFAULT, D=0.0):
    """Two-terminal BHZ strip, both spins (4 orbitals per site), as a `TightBinding`.

    Parameters
    ----------
    L, W : int
        Length and width (sites) of the scattering region.
    M, A, B, D : float
        BHZ parameters (units of |B|), the same in the scattering region and in the leads.
    extra_onsite : array_like, shape (L, W, 4, 4), optional
        Added to the on-site blocks of the scattering region (e.g. `disorder_onsite`).

    Returns
    -------
    TightBinding
        Orbitals (up E1, up H1, down E1, down H1); the leads conserve spin (conservation law
        -s_z: mode block 0 is spin up, block 1 spin down).
    """
    L, W = _positive_int(L, "L"), _positive_int(W, "W")
    up = bhz_blocks(M, A=A, B=B, D=D, spin="up")
    down = bhz_blocks(M, A=A, B=B, D=D, spin="down")
    onsite_site, hop_x, hop_y = (_full(u, d) for u, d in zip(up, down))
    onsite = np.broadcast_to(onsite_site, (L, W, 4, 4)).astype(complex)
    if extra_onsite is not None:
        extra = np.asarray(extra_onsite)
        if extra.shape != (L, W, 4, 4):
            raise ValueError(f"extra_onsite must have shape ({L}, {W}, 4, 4), got {extra.shape}")
        onsite = onsite + extra
    return TightBinding(onsite, hop_x, hop_y, lead_left=onsite_site, lead_right=onsite_site,
                        conservation_left=_MINUS_SPIN_Z, conservation_right=_MINUS_SPIN_Z)


def strip_hamiltonian_k(kx, W, M, *, spin="up", A=A_DEFAULT, B=B_DEFAULT, D=0.0):
    """Bloch Hamiltonian H(kx) of the infinite strip (one spin), from the lead's slice matrices.

    Parameters
    ----------
    kx : float or array_like
        Wave number along the strip (1/a).
    W : int
        Width (sites, hard walls).
    spin : {"up", "down"}

    Returns
    -------
    (..., 2W, 2W) complex
        H(kx) = H_0 + T e^{-i kx} + T^dagger e^{i kx}, with H_0 the on-site block of a lead
        slice and T the hopping between slices, index y 2 + orbital.
    """
    W = _positive_int(W, "W")
    onsite, hop_x, hop_y = bhz_blocks(M, A=A, B=B, D=D, spin=spin)
    lead = TightBinding(np.broadcast_to(onsite, (1, W, 2, 2)), hop_x, hop_y,
                        lead_left=onsite, lead_right=onsite)
    H0, T, _ = lead.lead(0)
    k = as_real_array(kx, "kx")
    phase = np.exp(-1j * k)[..., None, None]
    return H0 + T * phase + T.conj().T * phase.conj()


def edge_weight(vectors, W, edge=3):
    """Weight of strip eigenvectors on the `edge` outermost rows of each side.

    Parameters
    ----------
    vectors : (..., 2W, m) complex
        Normalized eigenvectors (columns) of `strip_hamiltonian_k`.
    W : int
    edge : int, optional
        Rows counted as edge on each side.

    Returns
    -------
    bottom, top : (..., m) float each
        Probability on rows y < edge and on rows y >= W - edge.
    """
    p = np.abs(vectors) ** 2
    p = p.reshape(p.shape[:-2] + (W, 2, p.shape[-1])).sum(axis=-2)
    return p[..., :edge, :].sum(axis=-2), p[..., W - edge:, :].sum(axis=-2)


@functools.lru_cache(maxsize=256)
def _strip_bands_cached(M, W, n_k, A, B, D, edge):
    kx = np.linspace(-np.pi, np.pi, n_k)
    result = {"kx": kx}
    for spin in ("up", "down"):
        E, vectors = np.linalg.eigh(strip_hamiltonian_k(kx, W, M, spin=spin, A=A, B=B, D=D))
        bottom, top = edge_weight(vectors, W, edge)
        velocity = np.gradient(E, kx, axis=0)
        result[spin] = (E, bottom, top, velocity)
    return result


def strip_bands(M, W, *, n_k=201, A=A_DEFAULT, B=B_DEFAULT, D=0.0, edge=3):
    """Band structure E(kx) of the clean infinite strip, both spins, with edge weights.

    Parameters
    ----------
    M : float
    W : int
        Width (sites).
    n_k : int, optional
        kx points in [-pi, pi].
    edge : int, optional
        Rows per side counted as edge for the weights.

    Returns
    -------
    dict
        "kx" (n_k,); "up" and "down": tuples (E, bottom, top, velocity), each (n_k, 2W):
        energies sorted at each kx (units of |B|), weights on the bottom (y < edge) and top
        rows, and dE/dkx (units of |B| a / hbar) by finite differences along each sorted band.
    """
    M, A, B, D = _check_params(M, A, B, D)
    return _strip_bands_cached(M, _positive_int(W, "W"), _positive_int(n_k, "n_k", 3), A, B, D,
                               _positive_int(edge, "edge"))


class _CachedLeads(TightBinding):
    """A `TightBinding` whose clean-lead modes are shared by every system of the same leads.

    The leads of `bhz_strip` depend only on (M, W, A, B, D) and the spin basis, not on the
    disorder, so their modes at an energy are computed once (`_lead_modes`)."""

    def __init__(self, *args, lead_key, **kwargs):
        super().__init__(*args, **kwargs)
        self._lead_key = lead_key

    def modes(self, energy, side):
        return _lead_modes(self._lead_key, float(energy), side, self)


@functools.lru_cache(maxsize=512)  # a lead's modes: ~75 kB each at W = 12
def _lead_modes_cached(key, energy, side):
    return _LEAD_OWNERS[key].modes_uncached(energy, side)


_LEAD_OWNERS = {}


def _lead_modes(key, energy, side, system):
    _LEAD_OWNERS.setdefault(key, _LeadOwner(system))
    return _lead_modes_cached(key, energy, side)


class _LeadOwner:
    def __init__(self, system):
        self.system = system

    def modes_uncached(self, energy, side):
        return TightBinding.modes(self.system, energy, side)


def _block_system(L, W, M, spin, extra, A, B, D):
    """One spin block (2 orbitals) of the strip, for disorder that conserves s_z."""
    onsite_site, hop_x, hop_y = bhz_blocks(M, A=A, B=B, D=D, spin=spin)
    onsite = np.broadcast_to(onsite_site, (L, W, 2, 2)) + extra
    return _CachedLeads(onsite, hop_x, hop_y, lead_left=onsite_site, lead_right=onsite_site,
                        lead_key=("block", spin, float(M), W, A, B, D))


def spin_transmissions(system, energy):
    """Transmission left -> right resolved by spin, (2, 2): [spin out, spin in], 0 = up.

    Parameters
    ----------
    system : TightBinding
        From `bhz_strip` (leads with the spin conservation law).
    energy : float
        Units of |B|.
    """
    S = smatrix_tb(system, energy)
    return np.array([[S.block_transmission((1, s_out), (0, s_in)) for s_in in (0, 1)] for s_out in (0, 1)])


def helical_conductance(energy, M, *, L=20, W=12, kind="nonmagnetic", strength=0.0, rng=0,
                        split_spins=True):
    """G = (e^2/h) T of a BHZ strip, T summed over both spins: returns T = G / (e^2/h).

    Parameters
    ----------
    energy : float or array_like
        Fermi energy (units of |B|).
    M : float
        Mass (units of |B|), B = -1, A = 2, D = 0.
    L, W : int, optional
        Size of the disordered region (sites).
    kind : {"nonmagnetic", "magnetic", "zeeman_z"}
    strength : float
        Disorder strength Wd (units of |B|).
    rng : int or Generator
        The disorder sample (see `disorder_onsite`).
    split_spins : bool, optional
        For the disorder types that conserve s_z ("nonmagnetic", "zeeman_z"), solve the two
        spin blocks separately (the same T, about eight times faster); "magnetic" always uses
        the full four-orbital strip.

    Returns
    -------
    float or ndarray, shape of `energy`
        T = G/(e^2/h); 2 on the helical plateau (two edges, one spin each way), 0 in a trivial gap.
    """
    M = as_real_scalar(M, "M")
    L, W = as_positive_int(L, "L"), as_positive_int(W, "W")
    extra = disorder_onsite(kind, strength, L, W, rng)
    E = as_real_array(energy, "energy")
    if split_spins and kind != "magnetic":
        systems = [_block_system(L, W, M, "up", extra[..., :2, :2], A_DEFAULT, B_DEFAULT, 0.0),
                   _block_system(L, W, M, "down", extra[..., 2:, 2:], A_DEFAULT, B_DEFAULT, 0.0)]
    else:
        full = bhz_strip(L, W, M, extra_onsite=extra)
        systems = [_CachedLeads(full.onsite, full.hop_x, full.hop_y, lead_left=full.lead_onsite[0],
                                lead_right=full.lead_onsite[1], conservation_left=_MINUS_SPIN_Z,
                                conservation_right=_MINUS_SPIN_Z,
                                lead_key=("full", float(M), W, A_DEFAULT, B_DEFAULT, 0.0))]
    values = np.array([sum(smatrix_tb(s, e).transmission() for s in systems) for e in E.ravel()])
    return scalar_or_array(values.reshape(E.shape))


def clean_transmission(energy, M, W, *, A=A_DEFAULT, B=B_DEFAULT, D=0.0, n_k=801):
    """T = G/(e^2/h) of a clean strip: the number of right-moving states at `energy`, both spins.

    Counted from the band structure of the infinite strip (`strip_hamiltonian_k`): every band
    that crosses `energy` going up in kx (positive velocity) adds one open channel.

    Returns
    -------
    float or ndarray, shape of `energy`
    """
    E = as_real_array(energy, "energy")
    kx = np.linspace(-np.pi, np.pi, _positive_int(n_k, "n_k", 3))
    total = np.zeros(E.size)
    for spin in ("up", "down"):
        bands = np.linalg.eigvalsh(strip_hamiltonian_k(kx, _positive_int(W, "W"), M, spin=spin, A=A, B=B, D=D))
        # upward crossings of E along kx: segments with band(k_i) < E <= band(k_i+1)
        lo, hi = bands[:-1].ravel(), bands[1:].ravel()
        rising = hi > lo
        lo, hi = np.sort(lo[rising]), np.sort(hi[rising])
        flat = E.ravel()
        total += np.searchsorted(lo, flat, side="left") - np.searchsorted(hi, flat, side="left")
    total = total.reshape(E.shape)
    return scalar_or_array(total)


@functools.lru_cache(maxsize=1024)
def _wd_scan_cached(energy, M, L, W, kind, strengths, seeds):
    return np.array([[helical_conductance(energy, M, L=L, W=W, kind=kind, strength=s, rng=seed)
                      for seed in seeds] for s in strengths])


def disorder_scan(energy, M, strengths, *, kind="nonmagnetic", L=20, W=12, seeds=(0, 1, 2, 3)):
    """T = G/(e^2/h) against disorder strength for a fixed set of disordered samples (cached).

    Parameters
    ----------
    energy : float
        Fermi energy (units of |B|).
    M : float
    strengths : array_like, shape (nW,)
        Disorder strengths Wd (units of |B|), >= 0.
    kind : {"nonmagnetic", "magnetic", "zeeman_z"}
    L, W : int
    seeds : sequence of int
        One disordered sample per seed; the same seeds at every strength.

    Returns
    -------
    (nW, n_samples) float
    """
    strengths = tuple(float(s) for s in as_real_array(strengths, "strengths", ndim=1))
    if any(s < 0 for s in strengths):
        raise ValueError(f"strengths must be >= 0, got {strengths}")
    seeds = tuple(int(s) for s in seeds)
    if not seeds:
        raise ValueError("seeds must name at least one disordered sample, got an empty sequence")
    if kind not in DISORDER_KINDS:
        raise ValueError(f"kind must be one of {DISORDER_KINDS}, got {kind!r}")
    return _wd_scan_cached(float(as_real_scalar(energy, "energy")), float(as_real_scalar(M, "M")),
                           as_positive_int(L, "L"), as_positive_int(W, "W"), kind, strengths, seeds).copy()
