"""Many terminals: transmissions T_pq between all leads of a strip with side leads (lessons 10, 11).

Conventions (README, "Units and conventions")
---------------------------------------------
Square lattice, a = 1, hopping -t, on-site 4t + V(x, y), spinless. The scattering region is
x = 0..L-1, y = 0..W-1 (hard walls), sites ordered (x, y) -> x W + y. Leads are clean (V = 0)
semi-infinite strips:

- ``left``: x <= -1, width W (the clean continuation of the strip), optional;
- ``right``: x >= L, width W, optional;
- ``top``: y >= W above the columns x0..x0+w-1 (0 <= x0, x0 + w <= L);
- ``bottom``: y <= -1 below the columns x0..x0+w-1.

Magnetic field: flux per plaquette `flux` in units of h/e, Peierls phases with the sign of
`helpers.lattice`: a hop from site j to site i carries exp(-2 pi i int_j^i A.dl) with B = flux
(per unit cell). In the scattering region and in the left and right leads the gauge is the
course's Landau gauge A = (-B y, 0): H[(x+1, y), (x, y)] = -t exp(2 pi i flux y), hops along y
carry no phase. A device with only the left and right leads is therefore exactly the strip of
`helpers.transmission`.

Gauge of the side leads
-----------------------
A side lead runs along y, and A = (-B y, 0) is not invariant under translations along y: the
lead would have no Bloch modes. Each side lead therefore gets a gauge of its own,

    A' = (0, B (x - x_ref)),      A' - A = grad chi,   chi(x, y) = B (x - x_ref) y,

with x_ref the lead's `gauge_reference` column (default: its first column x0). In A' only the
hops along the lead (along y) carry a phase, exp(-+ 2 pi i flux (x - x_ref)) per step, the same
on every row: the lead is a `helpers.lattice.Lattice` of width w whose slices are its rows
(transverse index j = x - x0, flux -flux for a top lead, whose frame (y, x) is a mirror image of
(x, y); flux +flux for a bottom lead, whose frame (-y, x) is a rotation). The gauge
transformation psi -> exp(-2 pi i chi) psi is applied to the lead's sites only; the hops
between the device's interface row y_0 (W - 1 or 0) and the lead's first row then acquire
the phase of chi on the lead's row, and the lead's self-energy seen by the device (in the
device's gauge) is

    Sigma = P^dagger Sigma_lead P,    P = diag exp(-2 pi i flux [(x - x_ref) y_1 - s (x - x0)]),

where Sigma_lead = hop^dagger g_s hop is the lead's own self-energy in its gauge (the
`self_energies` of its `Lattice`, g_s its surface Green's function), y_1 the lead's first row
(W or -1) and s = 1 (top) or -1 (bottom). Observables do not depend on x_ref (tested), nor
on where the lead's own gauge starts: attaching the lead further out, through explicit lead
rows in the device's gauge, gives the same T_pq (tested to 1e-9).

A lead attached with a weaker hopping -coupling t (a tunnel contact, see `Lead`) has
coupling^2 times these self-energies.

Transmissions
-------------
The whole device is solved at once with a sparse LU factorization (scipy.sparse.linalg.splu)
of E - H - sum_p Sigma_p (L W sites, fine up to ~10^4 sites), then solved for the N_q
open-channel directions of each Gamma_q (`DeviceSolution`). Then (Caroli, lesson 6;
Büttiker 1986)

    T_pq = Tr[Gamma_p G_pq Gamma_q G_pq^dagger]                 (p != q: from lead q into p)
    R_qq = N_q - i Tr[Gamma_q (G_qq - G_qq^dagger)] + Tr[Gamma_q G_qq Gamma_q G_qq^dagger]

(the second from the Fisher-Lee relation S_qq = -1 + i Gamma^1/2 G Gamma^1/2), so that
sum_p T_pq = N_q and sum_q T_pq = N_p (current conservation; tested, not imposed), and
T_pq(B) = T_qp(-B) (Onsager-Büttiker reciprocity).

Edge states: with flux > 0 (B along +z for electrons, given the Peierls sign above) electrons
skip clockwise along the edges of the sample (to +x along the top edge, to -x along the
bottom edge); on a quantum Hall plateau with nu open channels per lead, T[p, q] = nu from
each lead q to its clockwise neighbour p and 0 otherwise (tested).
"""

import functools
from collections import namedtuple

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import splu

from ._validation import as_positive, as_positive_int, as_real_array, as_real_scalar
from .lattice import Lattice
from .leads import lead_modes, open_channels, self_energies

__all__ = [
    "SIDES",
    "Lead",
    "Device",
    "two_terminal",
    "hall_bar",
    "cross",
    "HALL_BAR_LEADS",
    "hamiltonian",
    "lead_sites",
    "lead_self_energy",
    "DeviceSolution",
    "solve",
    "transmission_matrix",
    "band_structure",
    "landau_levels",
]

#: The four edges a lead can be attached to.
SIDES = ("left", "right", "top", "bottom")

#: Names of the six leads of `hall_bar`, in its order (counterclockwise around the bar).
HALL_BAR_LEADS = ("left", "bottom-left", "bottom-right", "right", "top-right", "top-left")


class Lead(namedtuple("Lead", ["side", "start", "width", "coupling"])):
    """One clean semi-infinite lead: ``Lead(side, start=0, width=None, coupling=1.0)``.

    Parameters
    ----------
    side : {"left", "right", "top", "bottom"}
        Edge of the scattering region the lead is attached to.
    start : int
        First column x0 of a top or bottom lead (ignored for left and right leads).
    width : int or None
        Number of columns w of a top or bottom lead (columns x0..x0+w-1); left and right
        leads always have the strip's width W (leave None).
    coupling : float
        Hopping between the lead's first row (column) and the scattering region, in units of
        t (default 1: the lead continues the lattice). A small coupling makes a tunnel
        contact, e.g. a weakly coupled (non-invasive) voltage probe; the self-energy scales
        as coupling^2.
    """

    __slots__ = ()

    def __new__(cls, side, start=0, width=None, coupling=1.0):
        return super().__new__(cls, side, start, width, coupling)


class Device:
    """A square-lattice strip with any set of leads (left, right, top, bottom).

    Parameters
    ----------
    V : array_like, shape (L, W)
        Potential in units of t, indexed [x, y] (on-site 4t + V).
    leads : sequence of Lead or of str
        The leads, in the order of the terminal indices p of `transmission_matrix`. A string
        "left" or "right" is short for ``Lead("left")``.
    t : float
        Hopping (> 0).

    Attributes
    ----------
    V : (L, W) float ndarray
    leads : tuple of Lead
        With ``start`` and ``width`` filled in (0 and W for left and right leads).
    L, W, t
    """

    def __init__(self, V, leads, *, t=1.0):
        V = as_real_array(V, "V", ndim=2)
        self.V = V
        self.L, self.W = V.shape
        self.t = as_positive(t, "t")
        if isinstance(leads, (str, Lead)):
            raise TypeError(f"leads must be a sequence of Lead (or 'left'/'right'), got the single lead {leads!r}")
        checked = []
        for i, lead in enumerate(leads):
            checked.append(self._check_lead(Lead(lead) if isinstance(lead, str) else Lead(*lead), i))
        if len(checked) < 1:
            raise ValueError("leads must hold at least one lead, got none")
        for side in ("left", "right"):
            if sum(lead.side == side for lead in checked) > 1:
                raise ValueError(f"leads has more than one {side!r} lead; a strip has one {side} edge")
        for side in ("top", "bottom"):
            columns = np.zeros(self.L, int)
            for lead in checked:
                if lead.side == side:
                    columns[lead.start:lead.start + lead.width] += 1
            if np.any(columns > 1):
                raise ValueError(
                    f"two {side} leads overlap at columns {np.flatnonzero(columns > 1).tolist()}; "
                    "give them disjoint ranges start..start+width-1")
        self.leads = tuple(checked)

    def _check_lead(self, lead, i):
        if lead.side not in SIDES:
            raise ValueError(f"leads[{i}].side must be one of {SIDES}, got {lead.side!r}")
        coupling = as_positive(lead.coupling, f"leads[{i}].coupling")
        if lead.side in ("left", "right"):
            if lead.width not in (None, self.W):
                raise ValueError(f"leads[{i}] is a {lead.side} lead: its width is the strip's W = {self.W}, "
                                 f"got width={lead.width}; leave width=None")
            return Lead(lead.side, 0, self.W, coupling)
        width = as_positive_int(lead.width, f"leads[{i}].width")
        start = lead.start
        if isinstance(start, bool) or not float(start).is_integer():
            raise TypeError(f"leads[{i}].start must be an integer column, got {start!r}")
        start = int(start)
        if start < 0 or start + width > self.L:
            raise ValueError(f"leads[{i}] ({lead.side}) covers columns {start}..{start + width - 1}, "
                             f"outside the scattering region 0..{self.L - 1}; shift start or reduce width")
        return Lead(lead.side, start, width, coupling)

    @property
    def num_leads(self):
        return len(self.leads)

    def __repr__(self):
        return f"Device(L={self.L}, W={self.W}, leads={list(self.leads)})"


def two_terminal(V, *, t=1.0):
    """The strip of `helpers.transmission` as a `Device`: leads (left, right)."""
    return Device(V, ["left", "right"], t=t)


def hall_bar(L, W, *, probe_width, probe_positions=None, V=None, t=1.0):
    """A six-terminal Hall bar: left and right leads and two probes on each edge.

    Parameters
    ----------
    L, W : int
        Size of the scattering region (sites).
    probe_width : int
        Width w of the four side probes (columns).
    probe_positions : (int, int), optional
        First columns x0 of the left and of the right pair of probes (top and bottom probes
        face each other); default: centred on L/4 and 3L/4.
    V : array_like, shape (L, W), optional
        Potential (default clean).

    Returns
    -------
    Device
        Leads in the order `HALL_BAR_LEADS`, counterclockwise: 0 left, 1 bottom-left,
        2 bottom-right, 3 right, 4 top-right, 5 top-left.
    """
    L = as_positive_int(L, "L")
    W = as_positive_int(W, "W")
    w = as_positive_int(probe_width, "probe_width")
    if probe_positions is None:
        probe_positions = (max(0, L // 4 - w // 2), min(L - w, (3 * L) // 4 - w // 2))
    a, b = (int(p) for p in probe_positions)
    if a + w > b:
        raise ValueError(f"probe_positions {probe_positions} with probe_width {w} make the probes overlap; "
                         "separate them by at least probe_width columns")
    V = np.zeros((L, W)) if V is None else V
    leads = [Lead("left"), Lead("bottom", a, w), Lead("bottom", b, w), Lead("right"),
             Lead("top", b, w), Lead("top", a, w)]
    return Device(V, leads, t=t)


def cross(W, *, arm_width=None, V=None, t=1.0):
    """A four-terminal cross: a W x W square with leads on all four sides.

    Parameters
    ----------
    W : int
        Size of the square (sites); the left and right leads have width W.
    arm_width : int, optional
        Width of the top and bottom leads, centred (default W).
    V : array_like, shape (W, W), optional

    Returns
    -------
    Device
        Leads counterclockwise: 0 left, 1 bottom, 2 right, 3 top.
    """
    W = as_positive_int(W, "W")
    w = W if arm_width is None else as_positive_int(arm_width, "arm_width")
    if w > W:
        raise ValueError(f"arm_width must be <= W = {W}, got {w}")
    x0 = (W - w) // 2
    V = np.zeros((W, W)) if V is None else V
    return Device(V, [Lead("left"), Lead("bottom", x0, w), Lead("right"), Lead("top", x0, w)], t=t)


def hamiltonian(device, *, flux=0.0):
    """Sparse Hamiltonian of the scattering region (Landau gauge A = (-B y, 0)).

    Parameters
    ----------
    device : Device
    flux : float
        Flux per plaquette in units of h/e.

    Returns
    -------
    scipy.sparse.csr_matrix, shape (L W, L W), complex
        Sites ordered x W + y; H[(x+1, y), (x, y)] = -t exp(2 pi i flux y), hops along y -t,
        on-site 4t + V. Equal to `helpers.lattice.device_hamiltonian(V, flux=flux)`.
    """
    flux = as_real_scalar(flux, "flux")
    L, W, t = device.L, device.W, device.t
    n = L * W
    index = np.arange(n).reshape(L, W)
    rows = [index.ravel()]
    cols = [index.ravel()]
    vals = [(4 * t + device.V).ravel().astype(complex)]
    if L > 1:
        i, j = index[:-1].ravel(), index[1:].ravel()  # j = (x+1, y), i = (x, y)
        phase = np.broadcast_to(np.exp(2j * np.pi * flux * np.arange(W)), (L - 1, W)).ravel()
        rows += [j, i]
        cols += [i, j]
        vals += [-t * phase, -t * phase.conj()]
    if W > 1:
        i, j = index[:, :-1].ravel(), index[:, 1:].ravel()
        rows += [j, i]
        cols += [i, j]
        vals += [np.full(i.size, -t, complex)] * 2
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))


def lead_sites(device, p):
    """Device sites (indices x W + y) coupled to lead p, in the order of its transverse index.

    Left/right leads: y = 0..W-1 on column 0 / L-1. Top/bottom leads: x = x0..x0+w-1 on row
    W-1 / 0.
    """
    lead = device.leads[p]
    W = device.W
    if lead.side == "left":
        return np.arange(W)
    if lead.side == "right":
        return (device.L - 1) * W + np.arange(W)
    x = lead.start + np.arange(lead.width)
    return x * W + (W - 1 if lead.side == "top" else 0)


def _lead_lattice(device, lead, flux):
    if lead.side in ("left", "right"):
        return Lattice(device.W, t=device.t, flux=flux)
    return Lattice(lead.width, t=device.t, flux=-flux if lead.side == "top" else flux)


#: Columns per sparse triangular solve. Small blocks keep SuperLU's dense kernels out of
#: multithreaded BLAS, which on a busy machine made one 100-column solve 20-100 times slower.
_SOLVE_BLOCK = 4


@functools.lru_cache(maxsize=512)
def _clean_lead(E, W, t, flux):
    """(sigma_left, sigma_right, num_open) of a clean lead at energy E (read-only, cached).

    Cached across calls: a widget that changes the potential, the geometry or the probes but
    not the energy and the field reuses the lead modes (the costly part with flux).
    """
    lat = Lattice(W, t=t, flux=flux)
    if lat.has_flux:  # one mode computation for both self-energies and the channel count
        modes = lead_modes(E, lat)
        hop = lat.hop()
        sigma_right = hop.conj().T @ (modes.u_right * modes.lam_right) @ np.linalg.inv(modes.u_right)
        sigma_left = hop @ (modes.u_left / modes.lam_left) @ np.linalg.inv(modes.u_left)
        num_open = modes.num_open
    else:
        sigma_left, sigma_right = (s[0] for s in self_energies(np.array([E]), lat))
        num_open = int(open_channels(np.array([E]), lat)[0])
    sigma_left.setflags(write=False)
    sigma_right.setflags(write=False)
    return sigma_left, sigma_right, num_open


def lead_self_energy(device, p, energy, *, flux=0.0, gauge_reference=None):
    """Self-energy of lead p on its interface sites, in the device's gauge.

    Parameters
    ----------
    device : Device
    p : int
        Lead index.
    energy : float
        Energy in units of t.
    flux : float
        Flux per plaquette (h/e).
    gauge_reference : int, optional
        Column x_ref of the side leads' gauge A' = (0, B (x - x_ref)) (module docstring);
        default each lead's first column. Ignored for left and right leads.

    Returns
    -------
    sites : (w,) int
        `lead_sites(device, p)`.
    sigma : (w, w) complex
        Retarded self-energy on those sites.
    num_open : int
        Open channels of the lead at this energy.
    """
    E = as_real_scalar(energy, "energy")
    flux = as_real_scalar(flux, "flux")
    lead = device.leads[p]
    lat = _lead_lattice(device, lead, flux)
    sigma_left, sigma_right, num_open = _clean_lead(E, lat.W, lat.t, lat.flux)
    sites = lead_sites(device, p)
    c2 = lead.coupling**2
    if lead.side == "left":
        return sites, c2 * sigma_left, num_open
    if lead.side == "right":
        return sites, c2 * sigma_right, num_open
    # side lead: its own gauge, linked to the device's by chi = B (x - x_ref) y on its sites
    x = lead.start + np.arange(lead.width)
    x_ref = lead.start if gauge_reference is None else as_real_scalar(gauge_reference, "gauge_reference")
    first_row, s = (device.W, 1) if lead.side == "top" else (-1, -1)
    link = np.exp(-2j * np.pi * flux * ((x - x_ref) * first_row - s * (x - lead.start)))
    sigma = c2 * link.conj()[:, None] * sigma_right * link[None, :]
    return sites, sigma, num_open


class DeviceSolution:
    """A device factorized at one energy, with the scattering states injected by each lead.

    Build it with `solve`; `transmission_matrix` and `helpers.currents.bond_currents` use it,
    and a widget that needs both the transmissions and the currents can share one.

    Gamma_q = B_q B_q^dagger has rank N_q (one direction per open channel, eigenvectors of
    Gamma_q with its N_q largest eigenvalues), so everything follows from the N_q columns

        Psi_q = G B_q,   shape (L W, N_q):

    the scattering states injected by lead q at this energy (up to a unitary mixing of its
    channels), normalized so that G^n = G Gamma_q G^dagger = Psi_q Psi_q^dagger. One sparse
    LU factorization and sum_q N_q triangular solves give all T_pq:
    T_pq = ||B_p^dagger Psi_q[sites_p]||^2 (Frobenius) and
    R_qq = N_q + 2 Im Tr[B_q^dagger Psi_q[sites_q]] + ||B_q^dagger Psi_q[sites_q]||^2.

    Attributes
    ----------
    device : Device
    energy, flux : float
    H : scipy.sparse matrix, (L W, L W)
        `hamiltonian(device, flux=flux)`.
    sites : list of (w_p,) int
        `lead_sites` of every lead.
    gammas : list of (w_p, w_p) complex
        Broadenings Gamma_p = i (Sigma_p - Sigma_p^dagger) on those sites.
    num_open : list of int
        Open channels N_p.
    """

    def __init__(self, device, E, flux, gauge_reference):
        self.device, self.energy, self.flux = device, E, flux
        n = device.L * device.W
        H = hamiltonian(device, flux=flux)
        self.H = H
        self.sites, self.gammas, self.num_open, self._roots = [], [], [], []
        rows, cols, vals = [], [], []
        for p in range(device.num_leads):
            sites, sigma, num_open = lead_self_energy(device, p, E, flux=flux, gauge_reference=gauge_reference)
            gamma = 1j * (sigma - sigma.conj().T)
            values, vectors = np.linalg.eigh(gamma)  # ascending: the open channels are the last N_p
            keep = slice(sites.size - num_open, sites.size)
            self._roots.append(vectors[:, keep] * np.sqrt(np.clip(values[keep], 0, None)))
            self.sites.append(sites)
            self.gammas.append(gamma)
            self.num_open.append(num_open)
            rows.append(np.repeat(sites, sites.size))
            cols.append(np.tile(sites, sites.size))
            vals.append(sigma.ravel())
        sigma_total = sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
        A = (E * sp.identity(n, dtype=complex, format="csr") - H - sigma_total).tocsc()
        self.lu = splu(A)
        self._psi = {}

    def injected(self, q):
        """Psi_q = G Gamma_q^1/2: the N_q scattering states injected by lead q, (L W, N_q).

        Sites ordered x W + y; G^n = Psi_q Psi_q^dagger (module docstring of
        `helpers.currents`), and sum_b |Psi_q[i, b]|^2 / (2 pi) is the local density of the
        states lead q fills (per unit energy).
        """
        if q not in self._psi:
            n = self.device.L * self.device.W
            roots = self._roots[q]
            psi = np.empty((n, roots.shape[1]), complex)
            for start in range(0, roots.shape[1], _SOLVE_BLOCK):
                block = roots[:, start:start + _SOLVE_BLOCK]
                rhs = np.zeros((n, block.shape[1]), complex)
                rhs[self.sites[q]] = block
                psi[:, start:start + block.shape[1]] = self.lu.solve(rhs)
            self._psi[q] = psi
        return self._psi[q]

    def transmissions(self):
        """T[p, q] (R_qq on the diagonal), (P, P) float; see `transmission_matrix`."""
        P = len(self.sites)
        T = np.empty((P, P))
        for q in range(P):
            psi = self.injected(q)
            for p in range(P):
                amplitude = self._roots[p].conj().T @ psi[self.sites[p]]  # (N_p, N_q)
                T[p, q] = np.sum(np.abs(amplitude) ** 2)
                if p == q:
                    T[q, q] += self.num_open[q] + 2 * np.trace(amplitude).imag
        return T


def _check_device(device):
    if not isinstance(device, Device):
        raise TypeError(f"device must be a helpers.multiterminal.Device, got {type(device).__name__}; "
                        "build one with Device(V, leads), hall_bar(...) or cross(...)")
    return device


def solve(device, energy, *, flux=0.0, gauge_reference=None):
    """Factorize E - H - sum_p Sigma_p of `device` at one energy (sparse LU) -> `DeviceSolution`.

    Parameters as `transmission_matrix` (one energy).
    """
    return DeviceSolution(_check_device(device), as_real_scalar(energy, "energy"),
                          as_real_scalar(flux, "flux"), gauge_reference)


def transmission_matrix(device, energy, *, flux=0.0, gauge_reference=None):
    """All lead-to-lead transmissions T[p, q] of a multi-terminal device.

    Parameters
    ----------
    device : Device
        Strip potential and leads (`Device`, `hall_bar`, `cross`, `two_terminal`).
    energy : float or array_like, shape (n,)
        Energy in units of t (band bottom at 0).
    flux : float
        Flux per plaquette in units of h/e (Landau gauge A = (-B y, 0) in the strip and the
        left/right leads, A' = (0, B (x - x_ref)) in the side leads: module docstring).
    gauge_reference : int, optional
        x_ref of the side leads' gauge (results do not depend on it).

    Returns
    -------
    T : ndarray, shape (P, P) or (n, P, P)
        T[p, q]: transmission from lead q into lead p, summed over channels, per spin
        (dimensionless); T[q, q] = R_qq, the reflection back into lead q, so that
        sum_p T[p, q] = N_q and sum_q T[p, q] = N_p.
    N : ndarray of int, shape (P,) or (n, P)
        Open channels of each lead.

    Notes
    -----
    One sparse LU factorization of the whole device per energy (module docstring) and
    sum_p N_p triangular solves. A Hall bar of 60 x 30 sites with six leads takes 50-200 ms
    on a busy 2-core machine (most of it the lead modes with flux, which are cached across
    calls with the same energy, width and flux).
    """
    E = as_real_array(energy, "energy", ndim=(0, 1))
    Ts, Ns = [], []
    for e in np.atleast_1d(E):
        solution = solve(device, e, flux=flux, gauge_reference=gauge_reference)
        Ts.append(solution.transmissions())
        Ns.append(solution.num_open)
    T, N = np.array(Ts), np.array(Ns, dtype=int)
    return (T[0], N[0]) if E.ndim == 0 else (T, N)


def band_structure(k, W, *, flux=0.0, t=1.0):
    """Bands E_n(k) of a clean strip lead of width W in a magnetic field (Landau gauge).

    Parameters
    ----------
    k : float or array_like
        Wavenumber along the lead (units 1/a), any shape.
    W : int
        Width in sites (hard walls).
    flux : float
        Flux per plaquette in units of h/e.
    t : float
        Hopping.

    Returns
    -------
    ndarray, shape ``k.shape + (W,)``
        Eigenvalues (ascending) of H(k) = H_perp - diag(2t cos(k - 2 pi flux y)), the Bloch
        Hamiltonian of the lead (psi_x = exp(i k x) u). Without flux E_n(k) =
        eps_n + 2t (1 - cos k) (`helpers.band_structure`). With flux the states with centre
        y_0 = k / (2 pi flux) inside the strip form flat Landau levels,
        E_n ~ hbar omega_c (n + 1/2) = 4 pi flux t (n + 1/2) at low flux (`landau_levels`),
        which bend up when y_0 approaches a wall (edge states).
    """
    k = as_real_array(k, "k")
    W = as_positive_int(W, "W")
    flux = as_real_scalar(flux, "flux")
    lat = Lattice(W, t=t)
    y = np.arange(W)
    H = np.broadcast_to(lat.perp(), k.shape + (W, W)).copy()
    H[..., y, y] -= 2 * lat.t * np.cos(k[..., None] - 2 * np.pi * flux * y)
    return np.linalg.eigvalsh(H)


def landau_levels(flux, n, *, t=1.0):
    """Continuum Landau levels hbar omega_c (n + 1/2) = 4 pi flux t (n + 1/2) of the lattice.

    The band bottom of the square lattice has the effective mass m* = hbar^2 / (2 t a^2), so
    hbar omega_c = hbar e B / m* = 4 pi t (flux per plaquette in h/e). Valid for small flux
    and n + 1/2 << 1 / flux (the lattice bends the levels down at higher energies).

    Parameters
    ----------
    flux : float
        Flux per plaquette in units of h/e.
    n : int or array_like of int
        Level index, >= 0.
    """
    flux = as_real_scalar(flux, "flux")
    n = as_real_array(n, "n")
    return 4 * np.pi * abs(flux) * as_positive(t, "t") * (n + 0.5)
