"""Transport through lattices with several orbitals per site (spin, electron-hole, BHZ, ...).

The one-orbital chains and strips of `helpers.transmission` / `helpers.smatrix` have a number
per site and per bond. Here every site carries n orbitals, so every on-site term and every
hopping is an n x n matrix. The same three steps as the one-orbital engine are used:

1. Lead modes: the clean lead's slices obey, for every x,

       T psi_{x-1} + (H_0 - E) psi_x + T^dagger psi_{x+1} = 0,

   with H_0 the on-site block of a lead slice (W n x W n, transverse hoppings included) and
   T = H[x+1, x] the hopping between slices. With psi_x = lambda^x u this is the generalized
   eigenproblem (Kwant's route; it stays exact when T is singular, e.g. a hopping -B sigma_z
   -D +- i A sigma_x / 2 with B = D)::

       [[0, 1], [-T, E - H_0]] (u, lambda u) = lambda [[1, 0], [0, T^dagger]] (u, lambda u).

   |lambda| = 1 modes propagate; degenerate ones are orthonormalized and rotated so that the
   current operator J = i (lambda U^dagger T^dagger U - conj(lambda) U^dagger T U) is diagonal,
   then scaled to unit current (flux normalization, units t a / hbar). An optional
   conservation law (an n x n Hermitian operator per site, e.g. -tau_z for electrons and holes
   in a normal lead) splits the modes into blocks, one per eigenvalue (ascending), as in Kwant.
2. Recursive Green's function: slices are swept from left to right (and from right to left),
   giving G_{00}, G_{L-1,0}, G_{0,L-1}, G_{L-1,L-1}; cost ~ L (W n)^3 per energy.
3. Fisher-Lee: the scattering matrix in the basis of open, flux-normalized lead modes, exactly
   as `helpers.fisher_lee.smatrix` does for one orbital.

Conventions (README "Units and conventions")
--------------------------------------------
Sites x = 0..L-1 (transport), y = 0..W-1 (hard walls), lattice constant 1, energies in the
unit of the hoppings. Orbitals of slice x are ordered (y, a) -> y n + a. Leads are the
semi-infinite continuation x < 0 and x >= L with their own on-site blocks and the same
hoppings. Magnetic field: Peierls phase in the Landau gauge A = (-B y, 0) of the one-orbital
engine, flux per plaquette in units of h/e; orbital a of charge q_a (+1 electron, -1 hole)
picks up exp(2 pi i q_a flux y) on the hoppings along x, leads included.
An energy within rounding of a band edge of a lead (a zero-velocity mode) counts that mode
as closed, like the one-orbital engine: the modes are taken 1e-9 t to the closed side.
"""

import numpy as np
import scipy.linalg

from ._validation import as_real_array, as_real_scalar
from .scattering import SMatrix

__all__ = ["TightBinding", "ModeSMatrix", "LeadModesN", "lead_modes_matrix", "smatrix_tb", "transmission_tb"]

#: | |lambda| - 1 | below which a mode counts as propagating.
_PROPAGATING_TOLERANCE = 1e-8
#: |lambda_i - lambda_j| below which two propagating modes are treated as degenerate.
_DEGENERACY_TOLERANCE = 1e-7
#: Step (units of the hopping scale) to the closed side of a band edge.
_EDGE_STEP = 1e-9


# ---- input checks -----------------------------------------------------------------------------
def _as_complex_array(value, name):
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be an array of numbers, got the string {value!r:.60}")
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a rectangular array of numbers, got {value!r:.60}") from None
    if array.dtype == object or array.dtype.kind not in "biufc":
        raise TypeError(f"{name} must be an array of numbers, got dtype {array.dtype}")
    array = array.astype(complex)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    return array


def _check_hermitian(blocks, name):
    """blocks (..., n, n): raise naming `name` and the first offending site if not Hermitian."""
    dev = np.abs(blocks - np.swapaxes(blocks.conj(), -1, -2))
    scale = max(1.0, float(np.max(np.abs(blocks), initial=0.0)))
    bad = np.argwhere(np.max(dev, axis=(-1, -2)) > 1e-12 * scale)
    if len(bad):
        where = tuple(int(i) for i in bad[0])
        raise ValueError(
            f"{name} must be Hermitian (an on-site energy matrix), but {name}[{where}] is not: "
            f"max |h - h^dagger| = {dev[tuple(bad[0])].max():.3g}; use a Hermitian matrix per site"
        )


def _matrix(value, name, n):
    array = _as_complex_array(value, name)
    if array.shape != (n, n):
        raise ValueError(f"{name} must have shape ({n}, {n}) (n = {n} orbitals per site), got {array.shape}")
    return array


def _lead_onsite(value, name, W, n):
    array = _as_complex_array(value, name)
    if array.shape == (n, n):
        array = np.broadcast_to(array, (W, n, n)).copy()
    if array.shape != (W, n, n):
        raise ValueError(f"{name} must have shape ({n}, {n}) or ({W}, {n}, {n}) (W = {W}, n = {n}), got {array.shape}")
    _check_hermitian(array, name)
    return array


class TightBinding:
    """A two-terminal lattice with n orbitals per site: scattering region plus two leads.

    Parameters
    ----------
    onsite : array_like, shape (L, W, n, n) or (L, n, n)
        On-site Hamiltonian of every site of the scattering region (Hermitian n x n blocks,
        energy units of the hoppings). Shape (L, n, n) is a chain (W = 1).
    hop_x : array_like, shape (n, n)
        Hopping along x, H[(x+1, y), (x, y)] (before Peierls phases); the same in the
        scattering region, the leads, and between them. May be non-Hermitian and singular.
    hop_y : array_like, shape (n, n), optional
        Hopping across, H[(x, y+1), (x, y)]; required when W > 1.
    lead_left, lead_right : array_like, shape (n, n) or (W, n, n)
        On-site blocks of the left lead (x < 0) and of the right lead (x >= L); an (n, n)
        matrix is used for every y.
    flux : float, optional
        Flux per plaquette in units of h/e, Landau gauge A = (-B y, 0): hopping along x of
        orbital a at row y is multiplied by exp(2 pi i charges[a] flux y).
    charges : array_like, shape (n,), optional
        Charge of each orbital in units of e for the Peierls phase (default all +1; for a
        Bogoliubov-de Gennes basis (electron, hole) use (1, -1): the hole gets the conjugate
        phase). With a flux, hop_x must not couple orbitals of different charge.
    conservation_left, conservation_right : array_like, shape (n, n), optional
        A Hermitian on-site operator commuting with that lead's Hamiltonian (e.g. -tau_z in
        a normal lead of a BdG model). The lead's modes are sorted into its eigenspaces, one
        block per distinct eigenvalue in ascending order (-tau_z: block 0 electrons, block 1
        holes), as Kwant's ``conservation_law``.

    Attributes
    ----------
    L, W, n : int
    slices : (L, W n, W n) complex
        On-site block of every slice of the scattering region (transverse hoppings included).
    hop : (W n, W n) complex
        H[x+1, x], Peierls phases included.
    lead_slices : tuple of two (W n, W n) complex
        On-site block of a left-lead and a right-lead slice.

    Examples
    --------
    A one-orbital chain is ``TightBinding(onsite=(2 + V)[:, None, None, None] * 1.0,
    hop_x=[[-1]], lead_left=[[2]], lead_right=[[2]])``; `helpers.superconductivity` builds the
    normal-superconductor junction.
    """

    def __init__(self, onsite, hop_x, hop_y=None, *, lead_left, lead_right, flux=0.0, charges=None,
                 conservation_left=None, conservation_right=None):
        onsite = _as_complex_array(onsite, "onsite")
        if onsite.ndim == 3:
            onsite = onsite[:, None]
        if onsite.ndim != 4 or onsite.shape[-1] != onsite.shape[-2] or min(onsite.shape) < 1:
            raise ValueError(
                f"onsite must have shape (L, W, n, n) or (L, n, n) with square n x n blocks, got {np.shape(onsite)}"
            )
        L, W, n, _ = onsite.shape
        _check_hermitian(onsite, "onsite")
        self.L, self.W, self.n = L, W, n
        self.onsite = onsite
        self.hop_x = _matrix(hop_x, "hop_x", n)
        if not np.any(self.hop_x):
            raise ValueError("hop_x must not be zero: without hopping along x the leads carry no current")
        if hop_y is None:
            if W > 1:
                raise ValueError(f"hop_y (shape ({n}, {n})) is required for a strip of width W = {W}")
            hop_y = np.zeros((n, n))
        self.hop_y = _matrix(hop_y, "hop_y", n)
        self.lead_onsite = (_lead_onsite(lead_left, "lead_left", W, n), _lead_onsite(lead_right, "lead_right", W, n))
        self.flux = as_real_scalar(flux, "flux")
        charges = np.ones(n) if charges is None else as_real_array(charges, "charges", ndim=1)
        if charges.shape != (n,):
            raise ValueError(f"charges must have shape ({n},) (one per orbital), got {charges.shape}")
        self.charges = charges
        if self.flux != 0 and W > 1:
            mixing = np.abs(self.hop_x) * (charges[:, None] != charges[None, :])
            if np.any(mixing > 0):
                raise ValueError("with a flux, hop_x must not couple orbitals of different charges (see `charges`)")
        self.conservation = tuple(
            None if op is None else _conservation(op, name, n)
            for op, name in ((conservation_left, "conservation_left"), (conservation_right, "conservation_right"))
        )
        self.slices = np.array([self._slice(onsite[x]) for x in range(L)])
        self.lead_slices = tuple(self._slice(block) for block in self.lead_onsite)
        phases = np.exp(2j * np.pi * self.flux * np.arange(W)[:, None] * charges[None, :]).ravel()
        self.hop = phases[:, None] * np.kron(np.eye(W), self.hop_x)
        for side, name in ((0, "conservation_left"), (1, "conservation_right")):
            if self.conservation[side] is not None:
                _check_commutes(self.conservation[side], self.lead_slices[side], self.hop, W, name)

    def _slice(self, blocks):
        """On-site block of one slice from its (W, n, n) site blocks and hop_y."""
        W, n = self.W, self.n
        H = np.zeros((W * n, W * n), complex)
        for y in range(W):
            H[y * n:(y + 1) * n, y * n:(y + 1) * n] = blocks[y]
            if y + 1 < W:
                H[(y + 1) * n:(y + 2) * n, y * n:(y + 1) * n] = self.hop_y
                H[y * n:(y + 1) * n, (y + 1) * n:(y + 2) * n] = self.hop_y.conj().T
        return H

    def hamiltonian(self):
        """Dense Hamiltonian of the scattering region, (L W n, L W n), index x W n + y n + a."""
        M = self.W * self.n
        H = np.zeros((self.L * M, self.L * M), complex)
        for x in range(self.L):
            H[x * M:(x + 1) * M, x * M:(x + 1) * M] = self.slices[x]
            if x + 1 < self.L:
                H[(x + 1) * M:(x + 2) * M, x * M:(x + 1) * M] = self.hop
                H[x * M:(x + 1) * M, (x + 1) * M:(x + 2) * M] = self.hop.conj().T
        return H

    def lead(self, side):
        """(H_0, T, conservation) of the left (side 0) or right (side 1) lead, slice matrices."""
        return self.lead_slices[side], self.hop, self.conservation[side]

    def modes(self, energy, side):
        """`LeadModesN` of the left (0) or right (1) lead at `energy`."""
        H0, T, cons = self.lead(side)
        return lead_modes_matrix(as_real_scalar(energy, "energy"), H0, T, conservation=cons, n=self.n)


def _conservation(op, name, n):
    op = _matrix(op, name, n)
    if np.max(np.abs(op - op.conj().T)) > 1e-12 * max(1.0, np.max(np.abs(op))):
        raise ValueError(f"{name} must be a Hermitian ({n}, {n}) matrix")
    return op


def _check_commutes(op, H0, T, W, name):
    Q = np.kron(np.eye(W), op)
    scale = max(1.0, np.max(np.abs(H0)), np.max(np.abs(T)))
    for matrix, what in ((H0, "on-site"), (T, "hopping")):
        if np.max(np.abs(Q @ matrix - matrix @ Q)) > 1e-10 * scale:
            raise ValueError(f"{name} does not commute with the lead's {what} Hamiltonian; it is not conserved there")


def _blocks(op, W, n):
    """Slice projectors (W n, W m_k) onto the eigenspaces of the on-site operator `op`."""
    if op is None:
        return [np.eye(W * n)]
    values, vectors = np.linalg.eigh(op)
    groups, start = [], 0
    for i in range(1, n + 1):
        if i == n or values[i] - values[start] > 1e-8 * max(1.0, abs(values[start])):
            groups.append(vectors[:, start:i])
            start = i
    return [np.kron(np.eye(W), P) for P in groups]


# ---- lead modes -------------------------------------------------------------------------------
class LeadModesN:
    """All right- and left-going modes of a clean lead (several orbitals) at one energy.

    Attributes
    ----------
    lam_right, lam_left : (M,) complex
        lambda = exp(i k) of the M = W n right-going (decaying to the right or v > 0) and
        left-going modes (left-going evanescent ones may be infinite when T is singular;
        ``inv_lam_left`` = 1/lambda is then 0).
    inv_lam_left : (M,) complex
    u_right, u_left : (M, M) complex
        Mode vectors (columns) on one slice; propagating ones flux-normalized.
    open_right, open_left : (M,) bool
        Propagating modes; they come first, sorted by block, then by momentum.
    velocity_right, velocity_left : (M,) float
        Velocities (units of hopping x a / hbar) of the propagating modes, 0 otherwise.
    block_right, block_left : (M,) int
        Conservation-law block of every mode (0 without a conservation law).
    """

    def __init__(self, right, left):
        (self.lam_right, self.u_right, self.open_right, self.velocity_right, self.block_right) = right
        (self.inv_lam_left, self.u_left, self.open_left, self.velocity_left, self.block_left) = left
        with np.errstate(divide="ignore"):
            self.lam_left = np.where(self.inv_lam_left == 0, np.inf, 1 / np.where(self.inv_lam_left == 0, 1, self.inv_lam_left))

    @property
    def num_open(self):
        return int(np.sum(self.open_right))

    @property
    def num_blocks(self):
        return int(max(self.block_right.max(initial=0), self.block_left.max(initial=0))) + 1

    def open_per_block(self):
        """Number of open (right-going) modes in each conservation-law block."""
        return np.bincount(self.block_right[self.open_right], minlength=self.num_blocks)


class _BandEdge(Exception):
    """The energy sits (within rounding) on a band extremum of the lead."""


def lead_modes_matrix(energy, H0, T, *, conservation=None, n=None):
    """Propagating and evanescent modes of a clean lead with matrix slices.

    Parameters
    ----------
    energy : float
    H0 : (M, M) complex
        Hermitian on-site block of one lead slice.
    T : (M, M) complex
        Hopping H[x+1, x] between consecutive slices (any, possibly singular).
    conservation : (n, n) complex, optional
        On-site conserved operator (see `TightBinding`); M must be a multiple of n.
    n : int, optional
        Orbitals per site (needed with `conservation`).

    Returns
    -------
    LeadModesN

    Notes
    -----
    At an energy within rounding of a band edge, the modes are those of energy -+ 1e-9 x
    (hopping scale) with fewer open channels: the zero-velocity channel counts as closed.
    """
    scale = max(1.0, float(np.max(np.abs(T))))
    try:
        return _modes(energy, H0, T, conservation, n)
    except _BandEdge:
        step = _EDGE_STEP * scale
        candidates = []
        for E in (energy - step, energy + step):
            try:
                candidates.append(_modes(E, H0, T, conservation, n))
            except _BandEdge:
                continue
        if not candidates:
            raise RuntimeError(f"lead modes ill-defined at energy {energy} (a degenerate band edge); shift the energy slightly") from None
        return min(candidates, key=lambda modes: modes.num_open)


def _modes(E, H0, T, conservation, n):
    M = H0.shape[0]
    projectors = [np.eye(M)] if conservation is None else _blocks(conservation, M // n, n)
    right, left = [], []
    for b, P in enumerate(projectors):
        r, l_ = _block_modes(E, P.conj().T @ H0 @ P, P.conj().T @ T @ P)
        right.append((r, P, b))
        left.append((l_, P, b))

    def assemble(parts):
        lam, u, is_open, vel, block = [], [], [], [], []
        for (lam_b, u_b, open_b, v_b), P, b in parts:
            lam.append(lam_b)
            u.append(P @ u_b)
            is_open.append(open_b)
            vel.append(v_b)
            block.append(np.full(len(lam_b), b))
        lam, u, is_open, vel, block = (np.concatenate(lam), np.hstack(u), np.concatenate(is_open),
                                       np.concatenate(vel), np.concatenate(block))
        order = np.argsort(~is_open, kind="stable")  # open first, blocks kept in order
        return lam[order], u[:, order], is_open[order], vel[order], block[order]

    return LeadModesN(assemble(right), assemble(left))


def _block_modes(E, H0, T):
    """Modes of one block. Returns (right, left), each (lam or 1/lam, u, open, velocity)."""
    M = H0.shape[0]
    one, zero = np.eye(M), np.zeros((M, M))
    A = np.block([[zero, one], [-T, E * one - H0]])
    B = np.block([[one, zero], [zero, T.conj().T]])
    (alpha, beta), vecs = scipy.linalg.eig(A, B, homogeneous_eigvals=True)
    a, b = np.abs(alpha), np.abs(beta)
    inside = a <= b  # |lambda| <= 1 (lambda = alpha / beta)
    # u from the upper half where |lambda| <= 1, from the lower half (lambda u) otherwise
    u = np.where(inside[None, :], vecs[:M], vecs[M:])
    u = u / np.linalg.norm(u, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        lam = np.where(inside, alpha / np.where(b > 0, beta, 1), np.inf)
        inv_lam = np.where(~inside, beta / np.where(a > 0, alpha, 1), np.inf)
        modulus = np.where(inside, np.abs(lam), 1 / np.where(np.abs(inv_lam) > 0, np.abs(inv_lam), 1))
    prop = np.isfinite(modulus) & (np.abs(modulus - 1) < _PROPAGATING_TOLERANCE) & (b > 0) & (a > 0)
    lam_p = np.where(prop, alpha / np.where(prop, beta, 1), 0)
    lam_p = np.where(prop, lam_p / np.where(prop, np.abs(lam_p), 1), 0)
    velocity = np.zeros(2 * M)
    idx = np.flatnonzero(prop)
    done = np.zeros(2 * M, bool)
    for i in idx:
        if done[i]:
            continue
        group = idx[np.abs(lam_p[idx] - lam_p[i]) < _DEGENERACY_TOLERANCE]
        done[group] = True
        if len(group) > 1 and np.linalg.cond(u[:, group]) > 1e6:
            raise _BandEdge(E)
        q, _ = np.linalg.qr(u[:, group])
        lam_g = lam_p[i]
        z = lam_g * (q.conj().T @ T.conj().T @ q)
        current = 1j * (z - z.conj().T)  # Hermitian current operator in the degenerate subspace
        vals, rot = np.linalg.eigh(current)
        u[:, group] = q @ rot
        velocity[group] = vals
        lam_p[group] = lam_g
    vel_tol = 1e-7 * max(1.0, float(np.max(np.abs(T))))
    if np.any(prop & (np.abs(velocity) < vel_tol)):
        raise _BandEdge(E)
    right = np.where(prop, velocity > 0, inside)
    if right.sum() != M:
        if np.any(np.abs(modulus - 1) < 1e-5):
            raise _BandEdge(E)
        raise RuntimeError(f"lead mode classification failed at energy {E}: {right.sum()} right-going modes of {M}")

    def pack(mask, use_inverse):
        ids = np.flatnonzero(mask)
        momentum = np.where(prop[ids], np.angle(lam_p[ids]), 0.0)
        ids = ids[np.lexsort((momentum, ~prop[ids]))]  # open first, by momentum
        is_open = prop[ids]
        values = np.where(is_open, (lam_p[ids].conj() if use_inverse else lam_p[ids]),
                          (inv_lam[ids] if use_inverse else lam[ids]))
        u_s = u[:, ids].copy()
        v_s = np.where(is_open, velocity[ids], 0.0)
        u_s[:, is_open] /= np.sqrt(np.abs(v_s[is_open]))
        return values, u_s, is_open, v_s

    return pack(right, False), pack(~right, True)


# ---- Green's function and S-matrix -------------------------------------------------------------
def _sweep(E, slices, T, sigma_first, sigma_last):
    """RGF from the first to the last slice: (G_{last,last}, G_{last,first})."""
    one = np.eye(T.shape[0])
    Td = T.conj().T
    L = len(slices)
    A = E * one - slices[0] - sigma_first
    if L == 1:
        A = A - sigma_last
    g = np.linalg.inv(A)
    G_x0 = g
    for x in range(1, L):
        A = E * one - slices[x] - T @ g @ Td
        if x == L - 1:
            A = A - sigma_last
        g = np.linalg.inv(A)
        G_x0 = g @ (T @ G_x0)
    return g, G_x0


class ModeSMatrix(SMatrix):
    """`SMatrix` of a matrix-valued lattice, with the labels of its lead modes.

    Lead 0 is the left lead, lead 1 the right lead. ``modes[lead]`` is the `LeadModesN` of
    that lead; ``block[lead]`` (N_lead,) gives the conservation-law block of each open mode,
    in the order of the rows/columns of r, t, rp, tp.
    """

    def __init__(self, r, t, rp, tp, *, energy, modes):
        super().__init__(r, t, rp, tp, energy=energy)
        self.modes = modes
        self.block = tuple(m.block_right[m.open_right] for m in modes)

    def submatrix(self, to, from_):
        """Amplitudes from (lead, block) `from_` to (lead, block) `to`, e.g. ((0, 1), (0, 0))."""
        (lead_out, block_out), (lead_in, block_in) = to, from_
        S = self.matrix
        offsets = (0, self.num_modes[0])
        rows = offsets[lead_out] + np.flatnonzero(self.block[lead_out] == block_out)
        cols = offsets[lead_in] + np.flatnonzero(self.block[lead_in] == block_in)
        if S.size == 0:
            return np.zeros((len(rows), len(cols)), complex)
        return S[np.ix_(rows, cols)]

    def block_transmission(self, to, from_):
        """Sum of |S|^2 from (lead, block) `from_` to (lead, block) `to` (Kwant's transmission)."""
        return float(np.sum(np.abs(self.submatrix(to, from_)) ** 2))

    def num_open(self, lead, block=None):
        """Open modes of `lead` (0 left, 1 right), optionally of one conservation-law block."""
        labels = self.block[lead]
        return int(len(labels) if block is None else np.sum(labels == block))


def smatrix_tb(system, energy):
    """Scattering matrix of a `TightBinding` system at one energy (Fisher-Lee from the RGF).

    Parameters
    ----------
    system : TightBinding
    energy : float
        Energy in the unit of the hoppings.

    Returns
    -------
    ModeSMatrix
        r (N_L x N_L), t (N_R x N_L), rp, tp in the basis of open flux-normalized modes,
        sorted by conservation-law block; unitary to ~1e-12 (for well-conditioned modes).
    """
    if not isinstance(system, TightBinding):
        raise TypeError(f"system must be a TightBinding, got {type(system).__name__}")
    E = as_real_scalar(energy, "energy")
    left, right = system.modes(E, 0), system.modes(E, 1)
    NL, NR = left.num_open, right.num_open
    if NL == 0 and NR == 0:
        empty = np.zeros((0, 0))
        return ModeSMatrix(empty, empty, empty, empty, energy=E, modes=(left, right))
    T = system.hop
    Td = T.conj().T
    inv_rr = np.linalg.inv(right.u_right)
    inv_ll = np.linalg.inv(left.u_left)
    sigma_right = Td @ (right.u_right * right.lam_right) @ inv_rr
    sigma_left = T @ (left.u_left * left.inv_lam_left) @ inv_ll
    G_LL, G_L0 = _sweep(E, system.slices, T, sigma_left, sigma_right)
    G_00, G_0L = _sweep(E, system.slices[::-1], Td, sigma_right, sigma_left)
    # from the left: incoming right-going open modes of the left lead
    u_in, lam_in = left.u_right[:, :NL], left.lam_right[:NL]
    source = T @ (u_in / lam_in) - sigma_left @ u_in
    t_block = (inv_rr @ (G_L0 @ source))[:NR]
    r_block = (inv_ll @ (G_00 @ source - u_in))[:NL]
    # from the right: incoming left-going open modes of the right lead
    u_in, lam_in = right.u_left[:, :NR], right.lam_left[:NR]
    source = Td @ (u_in * lam_in) - sigma_right @ u_in
    tp_block = (inv_ll @ (G_0L @ source))[:NL]
    rp_block = (inv_rr @ (G_LL @ source - u_in))[:NR]
    return ModeSMatrix(r_block, t_block, rp_block, tp_block, energy=E, modes=(left, right))


def transmission_tb(system, energy):
    """Total transmission left -> right of a `TightBinding` system, summed over all modes.

    Parameters
    ----------
    system : TightBinding
    energy : float or array_like
        Energies (unit of the hoppings), any shape.

    Returns
    -------
    float or ndarray, shape of `energy`
        T = Tr t^dagger t (Fisher-Lee from the recursive Green's function).
    """
    E = as_real_array(energy, "energy")
    values = np.array([smatrix_tb(system, e).transmission() for e in E.ravel()]).reshape(E.shape)
    return float(values) if E.ndim == 0 else values
