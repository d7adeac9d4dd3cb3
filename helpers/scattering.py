"""Scattering matrices: the `SMatrix` object and how scatterers combine in series.

Conventions (syllabus, "A quantum accountant's ledger"; lesson 4)
------------------------------------------------------------------
Outgoing amplitudes follow from incoming ones, both in the basis of flux-normalized
propagating modes (every mode carries unit probability current)::

    (b_L)   (r   t')  (a_L)
    (b_R) = (t   r')  (a_R)

``r`` is N_L x N_L, ``t`` is N_R x N_L, ``rp`` (r') is N_R x N_R and ``tp`` (t') is N_L x N_R.
Probability conservation makes S unitary; the total transmission is T = Tr t^dagger t.
"""

import numpy as np

from ._validation import as_real_array

__all__ = ["SMatrix", "series", "incoherent_series", "incoherent_transmission"]


def _as_complex(value, name):
    try:
        array = np.asarray(value)
        if array.dtype.kind not in "biufc":
            raise TypeError
        return array.astype(complex)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of numbers, got {value!r:.60}") from None


def _solve(matrix, rhs):
    """matrix^-1 rhs; where matrix is singular (a perfectly trapped bound state between two
    perfect mirrors) the least-squares solution gives the physical, finite amplitudes."""
    try:
        return np.linalg.solve(matrix, rhs)
    except np.linalg.LinAlgError:
        return np.linalg.lstsq(matrix, rhs, rcond=None)[0]


def _block(value, name, shape):
    array = _as_complex(value, name)
    if array.ndim != 2 or array.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite, got NaN or inf entries")
    return array


class SMatrix:
    """Scattering matrix of a two-terminal conductor, split into its four blocks.

    Parameters
    ----------
    r : (N_L, N_L) array_like
        Reflection amplitudes back into the left lead.
    t : (N_R, N_L) array_like
        Transmission amplitudes from left to right.
    rp : (N_R, N_R) array_like
        Reflection amplitudes back into the right lead (r').
    tp : (N_L, N_R) array_like
        Transmission amplitudes from right to left (t').
    energy : float, optional
        The energy it was computed at (informative only).

    Notes
    -----
    With no open channel on either side (an energy outside the band) all blocks are empty,
    the total transmission is 0 and the matrix is 0 x 0.
    """

    def __init__(self, r, t, rp, tp, *, energy=None):
        r = _as_complex(r, "r")
        rp = _as_complex(rp, "rp")
        n_left = r.shape[0] if r.ndim == 2 else -1
        n_right = rp.shape[0] if rp.ndim == 2 else -1
        if n_left < 0 or n_right < 0:
            raise ValueError(f"r and rp must be square 2D arrays, got shapes {r.shape} and {rp.shape}")
        self.r = _block(r, "r", (n_left, n_left))
        self.t = _block(t, "t", (n_right, n_left))
        self.rp = _block(rp, "rp", (n_right, n_right))
        self.tp = _block(tp, "tp", (n_left, n_right))
        self.energy = energy

    @property
    def num_modes(self):
        """(N_L, N_R): open channels in the left and right lead."""
        return self.r.shape[0], self.rp.shape[0]

    @property
    def matrix(self):
        """The full (N_L + N_R) square matrix [[r, t'], [t, r']]."""
        return np.block([[self.r, self.tp], [self.t, self.rp]]) if sum(self.num_modes) else np.zeros((0, 0), complex)

    def transmission(self):
        """T = Tr t^dagger t, left to right, summed over channels (dimensionless)."""
        return float(np.sum(np.abs(self.t) ** 2))

    def reflection(self):
        """R = Tr r^dagger r, back into the left lead. R + T = N_L for a unitary S."""
        return float(np.sum(np.abs(self.r) ** 2))

    def transmission_eigenvalues(self):
        """Eigenvalues of t^dagger t, sorted ascending, each in [0, 1] for a unitary S.

        There are N_L of them; their sum is the transmission.
        """
        if self.t.shape[1] == 0:
            return np.zeros(0)
        values = np.linalg.eigvalsh(self.t.conj().T @ self.t)
        return np.sort(np.clip(values, 0.0, 1.0))

    def unitarity_error(self):
        """max |S^dagger S - 1|: 0 up to rounding when probability is conserved."""
        s = self.matrix
        if s.size == 0:
            return 0.0
        return float(np.max(np.abs(s.conj().T @ s - np.eye(s.shape[0]))))

    def __repr__(self):
        n_left, n_right = self.num_modes
        return f"SMatrix(N_L={n_left}, N_R={n_right}, T={self.transmission():.6g})"


def series(left, right):
    """Coherent series composition (the star product) of two scatterers.

    Amplitudes bounce back and forth between the two and interfere; the result is exact
    for phase-coherent transport (lesson 4, "composing scatterers").

    Parameters
    ----------
    left, right : SMatrix
        ``left.num_modes[1]`` must equal ``right.num_modes[0]`` (the channels in between).

    Returns
    -------
    SMatrix
        t = t2 (1 - r1' r2)^-1 t1, r = r1 + t1' r2 (1 - r1' r2)^-1 t1, and likewise from the right.
    """
    for name, value in (("left", left), ("right", right)):
        if not isinstance(value, SMatrix):
            raise TypeError(f"{name} must be an SMatrix, got {type(value).__name__}")
    if left.num_modes[1] != right.num_modes[0]:
        raise ValueError(
            f"the scatterers do not share their channels: left has {left.num_modes[1]} on its right side, "
            f"right has {right.num_modes[0]} on its left side"
        )
    n_mid = left.num_modes[1]
    one = np.eye(n_mid)
    forward = _solve(one - left.rp @ right.r, left.t)       # (1 - r1' r2)^-1 t1
    backward = _solve(one - right.r @ left.rp, right.tp)    # (1 - r2 r1')^-1 t2'
    energy = left.energy if left.energy == right.energy else None
    return SMatrix(
        r=left.r + left.tp @ right.r @ forward,
        t=right.t @ forward,
        rp=right.rp + right.t @ left.rp @ backward,
        tp=left.tp @ backward,
        energy=energy,
    )


def incoherent_series(left, right):
    """Total transmission of two scatterers in series when phases are lost in between.

    Probabilities, not amplitudes, are combined: with the probability matrices
    T_ij = |t_ij|^2 etc., T = T2 (1 - R1' R2)^-1 T1 summed over channels. For one channel this
    is T = T1 T2 / (1 - R1 R2), the rule behind Ohm's law in lesson 1.

    Parameters
    ----------
    left, right : SMatrix

    Returns
    -------
    float
        Total transmission probability (dimensionless).
    """
    if not isinstance(left, SMatrix) or not isinstance(right, SMatrix):
        raise TypeError("left and right must be SMatrix objects")
    if left.num_modes[1] != right.num_modes[0]:
        raise ValueError("the scatterers do not share their channels")
    p = lambda a: np.abs(a) ** 2
    n_mid = left.num_modes[1]
    between = _solve(np.eye(n_mid) - p(left.rp) @ p(right.r), p(left.t))
    return float(np.sum(p(right.t) @ between))


def incoherent_transmission(transmissions):
    """Transmission of single-channel scatterers in series with no phase memory between them.

    The quantity (1 - T)/T (the scatterer's resistance in units of h/2e^2, without the
    contacts) adds up: (1 - T)/T = sum_i (1 - T_i)/T_i. For N equal scatterers this gives
    R = (h/2e^2)(1 + N(1 - T)/T): Ohm's law plus the contact resistance (lesson 1).

    Parameters
    ----------
    transmissions : float or array_like, shape (N,)
        Each scatterer's transmission probability, 0 <= T_i <= 1.

    Returns
    -------
    float
        0 if any scatterer is a perfect mirror.
    """
    values = np.atleast_1d(as_real_array(transmissions, "transmissions", ndim=(0, 1)))
    if np.any(values < 0) or np.any(values > 1):
        raise ValueError(f"transmissions must lie in [0, 1], got {values}")
    if np.any(values == 0):
        return 0.0
    return float(1.0 / (1.0 + np.sum((1.0 - values) / values)))
