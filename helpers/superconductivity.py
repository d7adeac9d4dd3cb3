"""Normal-superconductor (NS) junctions: Andreev reflection on the lattice (lesson 13).

Model (README "Units and conventions"): the spinless Bogoliubov-de Gennes reduction of
s-wave pairing. Every site carries two orbitals, (electron, hole), with the on-site block

    (eps0 - mu + V) tau_z + Delta tau_x,      eps0 = 2t (chain) or 4t (strip),

and every nearest-neighbour hopping is -t tau_z (hard walls across a strip). `mu` is the
chemical potential measured from the band bottom of the clean normal lead and energies E are
excitation energies measured from mu: an electron of the normal lead at E has band energy
mu + E, a hole has band energy mu - E. The potential V enters the electron as +V and the hole
as -V.

Geometry: the normal region x = 0..L-1 (Delta = 0, potential V), the left lead is the clean
normal lattice (V = 0, Delta = 0), the right lead (x >= L) the same clean lattice with the
real pairing `delta`. The left lead's modes are split into electrons (block 0) and holes
(block 1) by the conservation law -tau_z (its Hamiltonian commutes with tau_z).

An electron coming from the normal lead is reflected as an electron (probability R_ee),
Andreev-reflected as a hole (R_he: a Cooper pair enters the superconductor) or transmitted as
a quasiparticle (T_qp, only above the gap). G_NS = (2e^2/h)(N - R_ee + R_he) for spin-degenerate
s-wave pairing: each Andreev reflection transfers charge 2e (Blonder, Tinkham and Klapwijk 1982).
"""

import numpy as np

from ._validation import as_nonnegative, as_positive, as_potential, as_real_array, as_real_scalar
from .tight_binding import TightBinding, smatrix_tb

__all__ = ["AndreevResult", "bdg_system", "bdg_smatrix", "andreev_reflection", "ns_conductance"]

TAU_X = np.array([[0.0, 1.0], [1.0, 0.0]])
TAU_Z = np.array([[1.0, 0.0], [0.0, -1.0]])

#: Blocks of the normal lead (conservation law -tau_z, ascending eigenvalues).
ELECTRON, HOLE = 0, 1


def _check(V, mu, delta, t):
    V2, is_chain = as_potential(V, "V")
    mu = as_real_scalar(mu, "mu")
    delta = as_nonnegative(delta, "delta")
    t = as_positive(t, "t")
    return V2, is_chain, mu, delta, t


def bdg_system(V, *, mu, delta, t=1.0):
    """The NS junction as a `helpers.tight_binding.TightBinding` (basis electron, hole).

    Parameters
    ----------
    V : array_like, shape (L,) or (L, W)
        Potential of the normal region in units of t: (L,) a chain, (L, W) a strip.
    mu : float
        Chemical potential measured from the band bottom of the normal lead (units of t).
    delta : float
        Pairing potential of the right lead (>= 0, units of t).
    t : float
        Hopping (> 0).

    Returns
    -------
    TightBinding
        n = 2 orbitals per site; conservation law -tau_z in the left (normal) lead.
    """
    V2, is_chain, mu, delta, t = _check(V, mu, delta, t)
    eps0 = 2 * t if is_chain else 4 * t
    onsite = (eps0 - mu + V2)[..., None, None] * TAU_Z
    hop = -t * TAU_Z
    normal = (eps0 - mu) * TAU_Z
    return TightBinding(
        onsite, hop, None if is_chain else hop,
        lead_left=normal, lead_right=normal + delta * TAU_X,
        charges=[1.0, -1.0], conservation_left=-TAU_Z,
    )


def bdg_smatrix(V, energy, *, mu, delta, t=1.0):
    """Full BdG scattering matrix of the NS junction at one excitation energy.

    Parameters as `andreev_reflection`; `energy` a single float.

    Returns
    -------
    helpers.tight_binding.ModeSMatrix
        Lead 0 (normal) has blocks 0 (electrons) and 1 (holes); lead 1 (superconductor) one
        block of quasiparticles. ``S.block_transmission((0, 1), (0, 0))`` is R_he.
    """
    return smatrix_tb(bdg_system(V, mu=mu, delta=delta, t=t), as_real_scalar(energy, "energy"))


class AndreevResult:
    """Scattering probabilities of an NS junction, each with the shape of `energy`.

    Attributes
    ----------
    energy : float or ndarray
        Excitation energies (units of t, from mu).
    N : int or ndarray of int
        Open electron channels of the normal lead (band energy mu + E).
    R_ee, R_he, T_qp : float or ndarray
        For electrons incoming from the normal lead, summed over incoming and outgoing
        channels: normal reflection, Andreev reflection (electron to hole), quasiparticle
        transmission into the superconductor. N = R_ee + R_he + T_qp.
    N_h, R_hh, R_eh : float or ndarray
        The same for incoming holes (band energy mu - E): open hole channels, hole-to-hole
        and hole-to-electron reflection. Particle-hole symmetry: R_hh(E) = R_ee(-E),
        R_eh(E) = R_he(-E).
    """

    def __init__(self, energy, **values):
        self.energy = energy
        for name, value in values.items():
            setattr(self, name, value)

    @property
    def conductance(self):
        """G_NS = N - R_ee + R_he in units of 2e^2/h."""
        return self.N - self.R_ee + self.R_he

    def __repr__(self):
        return f"AndreevResult(N={self.N}, R_ee={self.R_ee}, R_he={self.R_he}, T_qp={self.T_qp})"


def andreev_reflection(V, energy, *, mu, delta, t=1.0):
    """Normal and Andreev reflection of an NS junction (spinless BdG lattice model).

    Parameters
    ----------
    V : array_like, shape (L,) or (L, W)
        Potential of the normal region x = 0..L-1 in units of t (a barrier, disorder):
        (L,) a chain (on-site 2t), (L, W) a strip (on-site 4t, hard walls). Enters electrons
        as +V and holes as -V; Delta = 0 there.
    energy : float or array_like
        Excitation energy E measured from mu (units of t), any shape.
    mu : float
        Chemical potential from the band bottom of the clean normal lead (units of t).
    delta : float
        Real pairing Delta >= 0 of the superconducting right lead (x >= L, V = 0).
    t : float, optional
        Hopping (> 0).

    Returns
    -------
    AndreevResult
        ``N, R_ee, R_he, T_qp`` (and ``N_h, R_hh, R_eh`` for incoming holes), each with the
        shape of `energy`. T_qp = 0 for |E| < delta.

    Notes
    -----
    Energies within rounding (1e-9 t) of a band edge of a lead, including the gap edge
    |E| = delta, count the zero-velocity channel as closed, like `helpers.transmission`;
    there the probabilities are accurate to about 1e-6 (the superconductor's decaying modes
    nearly coincide), elsewhere to about 1e-12 (unitarity of the BdG S-matrix).
    Cost: two recursive Green's function sweeps of L slices of size 2W per energy.
    """
    system = bdg_system(V, mu=mu, delta=delta, t=t)
    E = as_real_array(energy, "energy")
    names = ("N", "R_ee", "R_he", "T_qp", "N_h", "R_hh", "R_eh")
    out = {name: np.zeros(E.shape) for name in names}
    for i, e in np.ndenumerate(E):
        S = smatrix_tb(system, float(e))
        e_in, h_in = (0, ELECTRON), (0, HOLE)
        out["N"][i] = S.num_open(0, ELECTRON)
        out["N_h"][i] = S.num_open(0, HOLE)
        out["R_ee"][i] = S.block_transmission(e_in, e_in)
        out["R_he"][i] = S.block_transmission(h_in, e_in)
        out["T_qp"][i] = S.block_transmission((1, 0), e_in)
        out["R_hh"][i] = S.block_transmission(h_in, h_in)
        out["R_eh"][i] = S.block_transmission(e_in, h_in)
    for name in ("N", "N_h"):
        out[name] = out[name].astype(int)
    if E.ndim == 0:
        out = {name: (int(v) if name.startswith("N") else float(v)) for name, v in out.items()}
    return AndreevResult(float(E) if E.ndim == 0 else E, **out)


def ns_conductance(V, energy, *, mu, delta, t=1.0):
    """Conductance of an NS junction, G_NS = N - R_ee + R_he, in units of 2e^2/h.

    Parameters as `andreev_reflection`. Returns a float or an array with the shape of
    `energy`. Far below the gap a perfect interface (V = 0, delta << mu) gives 2N: every
    electron is Andreev-reflected and transfers charge 2e.
    """
    return andreev_reflection(V, energy, mu=mu, delta=delta, t=t).conductance
