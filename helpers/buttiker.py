"""Landauer-Büttiker circuits: lead currents, voltage probes and multi-terminal resistances.

Lessons 10 and 11. Input: the transmissions T[p, q] from lead q into lead p (per spin,
summed over channels, at the Fermi energy: zero temperature, linear response), for example
from `helpers.multiterminal.transmission_matrix`. With spin degeneracy, the current flowing
from reservoir p into the device is (Büttiker 1986)

    I_p = sum_{q != p} T_pq (V_p - V_q)          in units of G0 V = (2e^2/h) V,

i.e. I = G V with the conductance matrix G_pq = delta_pq sum_{k != p} T_pk - (1 - delta_pq) T_pq
(in units of G0 = 2e^2/h; the reflections T_pp never enter). Voltages are in any unit (volts
give currents in units of G0 x 1 V = 77.5 microampere). Only voltage differences matter, and
sum_p I_p = 0 when T conserves current.

A floating lead (an ideal voltmeter, a voltage probe) draws no current: its voltage is
whatever makes I_p = 0. A multi-terminal resistance (Büttiker 1986)

    R_{pq,kl} = (V_k - V_l) / I

is measured with the current I entering at lead p and leaving at lead q, all other leads
floating; it is in units of 1/G0 = h/2e^2 = 12.906 kOhm (`helpers.constants.R0`). Reciprocity:
R_{pq,kl}(B) = R_{kl,pq}(-B).
"""

import numpy as np

from ._validation import as_real_array
from .constants import R0

__all__ = [
    "conductance_matrix",
    "lead_currents",
    "floating_voltages",
    "four_terminal_resistance",
    "hall_bar_resistances",
    "resistance_kohm",
]


def _transmissions(T):
    T = as_real_array(T, "T", ndim=2)
    if T.shape[0] != T.shape[1] or T.shape[0] < 2:
        raise ValueError(f"T must be a square (P, P) matrix with P >= 2 leads, got shape {T.shape}")
    return T


def _lead_index(value, name, P):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= value < P:
        raise ValueError(f"{name} must be a lead index 0..{P - 1}, got {value!r}")
    return int(value)


def conductance_matrix(T):
    """Büttiker's conductance matrix G (I = G V), in units of G0 = 2e^2/h.

    Parameters
    ----------
    T : array_like, shape (P, P)
        T[p, q] from lead q into lead p, per spin (the diagonal is ignored).

    Returns
    -------
    ndarray, shape (P, P)
        G_pq = delta_pq sum_{k != p} T_pk - (1 - delta_pq) T_pq. Its rows sum to 0 (equal
        voltages drive no current); its columns sum to 0 when T conserves current.
    """
    T = _transmissions(T)
    off = T * (1 - np.eye(T.shape[0]))
    return np.diag(off.sum(axis=1)) - off


def lead_currents(T, voltages):
    """Currents I_p = sum_{q != p} T_pq (V_p - V_q) flowing from each reservoir into the device.

    Parameters
    ----------
    T : array_like, shape (P, P)
        Transmissions (per spin).
    voltages : array_like, shape (P,)
        Lead voltages (any unit).

    Returns
    -------
    ndarray, shape (P,)
        Currents in units of G0 x (voltage unit), spin included.
    """
    G = conductance_matrix(T)
    V = as_real_array(voltages, "voltages", ndim=1)
    if V.shape != (G.shape[0],):
        raise ValueError(f"voltages must have one entry per lead, shape ({G.shape[0]},), got {V.shape}")
    return G @ V


def floating_voltages(T, voltages):
    """Voltages of floating leads (voltage probes: zero current), and all lead currents.

    Parameters
    ----------
    T : array_like, shape (P, P)
        Transmissions (per spin).
    voltages : array_like, shape (P,)
        Imposed lead voltages; NaN marks a floating lead whose voltage is to be found.

    Returns
    -------
    V : ndarray, shape (P,)
        All voltages (the imposed ones unchanged).
    I : ndarray, shape (P,)
        Lead currents (`lead_currents`), zero in the floating leads.

    Raises
    ------
    ValueError
        If no voltage is imposed, or a group of floating leads is connected to no imposed
        lead (its voltage is undetermined).
    """
    G = conductance_matrix(T)
    V = np.array(as_real_array(voltages, "voltages", ndim=1, finite=False))
    if V.shape != (G.shape[0],):
        raise ValueError(f"voltages must have one entry per lead, shape ({G.shape[0]},), got {V.shape}")
    if np.any(np.isinf(V)):
        raise ValueError(f"voltages must be finite numbers or NaN (floating), got {V.tolist()}")
    floating = np.isnan(V)
    if np.all(floating):
        raise ValueError("voltages marks every lead floating (NaN); impose the voltage of at least one lead")
    if np.any(floating):
        F, K = np.flatnonzero(floating), np.flatnonzero(~floating)
        G_FF = G[np.ix_(F, F)]
        if np.linalg.matrix_rank(G_FF) < F.size:
            raise ValueError(f"the floating leads {F.tolist()} are not all connected to a lead of fixed "
                             "voltage (T between them and the others is zero): their voltages are undetermined")
        V[F] = np.linalg.solve(G_FF, -G[np.ix_(F, K)] @ V[K])
    I = G @ V
    I[floating] = 0.0
    return V, I


def four_terminal_resistance(T, source, drain, plus, minus):
    """Multi-terminal resistance R_{pq,kl} = (V_k - V_l) / I, all other leads floating.

    Parameters
    ----------
    T : array_like, shape (P, P)
        Transmissions (per spin).
    source, drain : int
        Leads p and q: the current I enters the device at p and leaves at q.
    plus, minus : int
        Leads k and l between which the voltage is measured (any leads, also p or q:
        R_{pq,pq} is the two-terminal resistance of the p-q pair with the other leads
        floating).

    Returns
    -------
    float
        R in units of 1/G0 = h/2e^2 (spin degenerate); `resistance_kohm` converts to kOhm.
    """
    T = _transmissions(T)
    P = T.shape[0]
    p, q = _lead_index(source, "source", P), _lead_index(drain, "drain", P)
    k, l = _lead_index(plus, "plus", P), _lead_index(minus, "minus", P)
    if p == q:
        raise ValueError(f"source and drain must be different leads, got {p} for both")
    G = conductance_matrix(T)
    keep = np.flatnonzero(np.arange(P) != q)  # ground the drain: V_q = 0
    current = np.zeros(P)
    current[p] = 1.0
    G_red = G[np.ix_(keep, keep)]
    if np.linalg.matrix_rank(G_red) < keep.size:
        raise ValueError("the conductance matrix is singular: some leads are disconnected from the drain "
                         "(zero transmission), so their voltages and the resistance are undetermined")
    V = np.zeros(P)
    V[keep] = np.linalg.solve(G_red, current[keep])
    return float(V[k] - V[l])


def hall_bar_resistances(T):
    """Two-terminal, longitudinal and Hall resistances of a six-terminal Hall bar.

    Parameters
    ----------
    T : array_like, shape (6, 6)
        Transmissions of `helpers.multiterminal.hall_bar`, leads in the order 0 left,
        1 bottom-left, 2 bottom-right, 3 right, 4 top-right, 5 top-left.

    Returns
    -------
    dict of float, in units of 1/G0 = h/2e^2 (spin degenerate)
        Current I from lead 0 (left) to lead 3 (right), the four probes floating:
        ``R_2t`` = (V_0 - V_3)/I, ``R_xx`` = (V_5 - V_4)/I (top pair),
        ``R_xx_bottom`` = (V_1 - V_2)/I, ``R_xy`` = (V_5 - V_1)/I (top minus bottom, left
        pair), ``R_xy_right`` = (V_4 - V_2)/I. On a quantum Hall plateau with nu filled
        (spin-degenerate) Landau levels R_xy = 1/nu, R_xx = 0, R_2t = 1/nu; R_xy > 0 for
        flux > 0 (electrons in B along +z drift to the bottom edge).
    """
    T = _transmissions(T)
    if T.shape != (6, 6):
        raise ValueError(f"T must be the (6, 6) transmissions of a hall_bar, got shape {T.shape}")
    R = {}
    for name, (k, l) in {"R_2t": (0, 3), "R_xx": (5, 4), "R_xx_bottom": (1, 2),
                         "R_xy": (5, 1), "R_xy_right": (4, 2)}.items():
        R[name] = four_terminal_resistance(T, 0, 3, k, l)
    return R


def resistance_kohm(R):
    """A resistance in units of 1/G0 = h/2e^2 converted to kOhm (1/G0 = 12.906 kOhm).

    Parameters
    ----------
    R : float or array_like
        Resistance in units of h/2e^2 (any sign: Hall resistances can be negative).
    """
    r = as_real_array(R, "R") * R0 / 1e3
    return float(r) if r.ndim == 0 else r
