"""Exercises of lesson 4, "The scattering matrix" (solutions/04_scattering_matrix.ipynb).

Every expected answer is computed with helpers.continuum, helpers.models.smatrix_stats and
helpers.constants; the mistakes are computed from the physics of the typical wrong idea.
"""

import numpy as np

from ..checks import ArrayExercise, ChoiceExercise, FunctionExercise, Mistake, NumericExercise
from ..constants import HBAR2_OVER_2ME_EV_NM2
from ..continuum import rectangular_barrier_transmission
from ..models.smatrix_stats import fano_factor, resonance_energies

__all__ = ["EXERCISES", "BARRIER", "S_PROPOSED", "DOUBLE_BARRIER", "fano_inputs", "wkb_estimate",
           "hard_wall_level_meV"]

#: GaAs barrier of exercise barrier-transmission: height (eV), width (nm), energy (eV), m_eff.
BARRIER = dict(height=0.2, width=4.0, energy=0.08, m_eff=0.067)

#: The proposed 2 x 2 S-matrix of exercises sdagger-s and smatrix-unitarity-choice.
S_PROPOSED = np.array([[0.6, 0.8j], [0.8j, -0.6]])

#: GaAs double barrier of exercise double-barrier-resonance: height (eV), width (nm), spacing (nm), m_eff.
DOUBLE_BARRIER = dict(height=0.25, width=3.0, spacing=5.0, m_eff=0.067)


def _barrier_T(m_eff=None):
    b = dict(BARRIER)
    if m_eff is not None:
        b["m_eff"] = m_eff
    return float(rectangular_barrier_transmission(b["energy"], b["height"], b["width"], m_eff=b["m_eff"]))


def wkb_estimate():
    """exp(-2 kappa d): the opaque-barrier estimate without its prefactor (a typical shortcut)."""
    b = BARRIER
    kappa = np.sqrt(b["m_eff"] * (b["height"] - b["energy"]) / HBAR2_OVER_2ME_EV_NM2)
    return float(np.exp(-2 * kappa * b["width"]))


def hard_wall_level_meV():
    """Lowest level of an infinitely deep well of width `spacing`, in meV (ignores leakage)."""
    b = DOUBLE_BARRIER
    return 1e3 * HBAR2_OVER_2ME_EV_NM2 * (np.pi / b["spacing"]) ** 2 / b["m_eff"]


def _resonance_meV():
    b = DOUBLE_BARRIER
    return 1e3 * float(resonance_energies(b["height"], b["width"], b["spacing"], m_eff=b["m_eff"])[0])


def fano_inputs():
    """Eigenvalue sets the checker feeds to the student's function (fixed seed)."""
    rng = np.random.default_rng(404)
    return [(np.array([0.5]),), (np.array([1.0, 1.0, 0.3]),), (np.array([0.01, 0.02]),),
            (rng.uniform(0, 1, size=10),), (rng.uniform(0, 1, size=(6, 8)),)]


EXERCISES = [
    NumericExercise(
        "barrier-transmission", points=2, units="",
        expected=_barrier_T,
        mistakes=[
            Mistake("That is the transmission of a free electron (m = mₑ); the barrier is in "
                    "GaAs, use the effective mass.", value=lambda: _barrier_T(1.0)),
            Mistake("That is only the exponential exp(-2κd) of an opaque barrier; use the exact "
                    "formula with the sinh and its prefactor.", value=wkb_estimate),
            Mistake("That is the reflection probability R = 1 - T.", value=lambda: 1 - _barrier_T()),
        ],
        hint="T = 1/(1 + V0² sinh²(κd)/(4E(V0 - E))) with κ = sqrt(2m* (V0 - E))/ħ; "
             "ħ²/2mₑ = HBAR2_OVER_2ME_EV_NM2 in eV nm².",
        explanation="The closed form and helpers.rectangular_barrier_transmission agree."),

    ArrayExercise(
        "sdagger-s", points=1,
        expected=lambda: S_PROPOSED.conj().T @ S_PROPOSED,
        mistakes=[
            Mistake("Take the complex conjugate as well as the transpose (S.conj().T).",
                    value=lambda: S_PROPOSED.T @ S_PROPOSED),
            Mistake("Mind the order: S† S compares the columns of S (the outgoing waves of each "
                    "incoming channel).", value=lambda: S_PROPOSED @ S_PROPOSED.conj().T),
        ],
        hint="In numpy, the conjugate transpose is S.conj().T and the matrix product is @.",
        explanation="The diagonal is 1, the off-diagonal is not 0."),

    ChoiceExercise(
        "smatrix-unitarity-choice", points=1, options={
            "yes": (False, "Each column is normalized, so one incoming wave alone is fine "
                    "(R + T = 1). But the columns are not orthogonal: S† S has off-diagonal "
                    "entries, and two incoming waves together would leave with more (or less) "
                    "probability than they brought."),
            "no": (True, "Right: S† S ≠ 1. Send in a = (1, -i)/√2: the outgoing probability "
                   "|S a|² is 1.96, not 1. Probability would be created, so no barrier has "
                   "this S-matrix."),
        }, hint="Look at the off-diagonal entries of S† S."),

    FunctionExercise(
        "fano-factor", points=2, reference=fano_factor, inputs=fano_inputs,
        mistakes=[
            Mistake("That is the mean of T(1 - T); divide the noise by the current Σ T instead.",
                    value=lambda T: float(np.mean(T * (1 - T)))),
            Mistake("Shot noise goes with T(1 - T), not T²: the suppression comes from the "
                    "(1 - T).", value=lambda T: float(np.sum(T**2) / np.sum(T))),
        ],
        hint="F = Σ T_n(1 - T_n) / Σ T_n, summed over every eigenvalue of the array.",
        explanation="One channel with T: F = 1 - T; open channels are noiseless."),

    NumericExercise(
        "double-barrier-resonance", points=2, units="meV", rtol=2e-3,
        expected=_resonance_meV,
        other_units={"eV": 1e-3},
        mistakes=[
            Mistake("That is the level of an infinitely deep well of the same width; the "
                    "barriers are finite and the wave leaks into them.", value=hard_wall_level_meV),
        ],
        hint="Plot helpers.double_barrier_transmission on a fine energy grid below the barrier "
             "top and find the first peak (or use helpers.models.smatrix_stats.resonance_energies).",
        explanation="Below the hard-wall estimate: the wave leaks into the barriers, so the "
                    "well is effectively wider."),
]
