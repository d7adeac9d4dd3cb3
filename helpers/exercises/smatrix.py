"""Exercises of lesson 4, "The scattering matrix" (solutions/04_scattering_matrix.ipynb).

Every expected answer is computed with helpers.continuum, helpers.models.smatrix_stats and
helpers.constants; the mistakes are computed from the physics of the typical wrong idea.
(The Fano-factor exercise moved to helpers/exercises/noise.py with lesson 5; its id is unchanged.)
"""

import functools

import numpy as np
from scipy.optimize import brentq, minimize_scalar

from ..checks import ArrayExercise, ChoiceExercise, Mistake, NumericExercise
from ..constants import HBAR2_OVER_2ME_EV_NM2
from ..continuum import (double_barrier_transmission, piecewise_transmission,
                         rectangular_barrier_transmission)
from ..models.smatrix_stats import resonance_energies

__all__ = ["EXERCISES", "BARRIER", "S_PROPOSED", "DOUBLE_BARRIER", "PAIR_ENERGY", "wkb_estimate",
           "hard_wall_level_meV", "resonance_half_points_meV", "THICK_WIDTH", "ASYMMETRIC_WIDTHS",
           "asymmetric_transmission", "asymmetric_peak"]

#: GaAs barrier of exercise barrier-transmission: height (eV), width (nm), energy (eV), m_eff.
BARRIER = dict(height=0.2, width=4.0, energy=0.08, m_eff=0.067)

#: The proposed 2 x 2 S-matrix of exercises sdagger-s and smatrix-unitarity-choice.
S_PROPOSED = np.array([[0.6, 0.8j], [0.8j, -0.6]])

#: GaAs double barrier of exercise double-barrier-resonance: height (eV), width (nm), spacing (nm), m_eff.
DOUBLE_BARRIER = dict(height=0.25, width=3.0, spacing=5.0, m_eff=0.067)

#: Energy (eV) of exercise incoherent-pair: two barriers of `DOUBLE_BARRIER` with the phase lost.
PAIR_ENERGY = 0.15

#: Barrier width (nm) of the thicker double barrier of exercises resonance-narrowing-*
#: (height and spacing as in `DOUBLE_BARRIER`).
THICK_WIDTH = 4.0
#: Left and right barrier widths (nm) of exercise asymmetric-resonance-peak (height and spacing
#: as in `DOUBLE_BARRIER`).
ASYMMETRIC_WIDTHS = (3.0, 4.0)


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


def opaque_estimate():
    """16 E (V0 - E)/V0² exp(-2 kappa d): the opaque-barrier formula, with its prefactor."""
    b = BARRIER
    E, V0 = b["energy"], b["height"]
    return float(16 * E * (V0 - E) / V0**2 * wkb_estimate())


def hard_wall_level_meV():
    """Lowest level of an infinitely deep well of width `spacing`, in meV (ignores leakage)."""
    b = DOUBLE_BARRIER
    return 1e3 * HBAR2_OVER_2ME_EV_NM2 * (np.pi / b["spacing"]) ** 2 / b["m_eff"]


def _resonance_meV(m_eff=None):
    b = DOUBLE_BARRIER
    m_eff = b["m_eff"] if m_eff is None else m_eff
    return 1e3 * float(resonance_energies(b["height"], b["width"], b["spacing"], m_eff=m_eff)[0])


def resonance_half_points_meV():
    """The two energies (meV) around the lowest resonance of `DOUBLE_BARRIER` where T = 1/2."""
    b = DOUBLE_BARRIER
    E_res = resonance_energies(b["height"], b["width"], b["spacing"], m_eff=b["m_eff"])
    T = lambda E: double_barrier_transmission(E, b["height"], b["width"], b["spacing"], m_eff=b["m_eff"]) - 0.5
    # the peak is the only resonance below the top; T is far below 1/2 halfway to 0 and to V0
    low = brentq(T, E_res[0] / 2, E_res[0], xtol=1e-12)
    high = brentq(T, E_res[0], (E_res[0] + b["height"]) / 2, xtol=1e-12)
    return 1e3 * low, 1e3 * high


def _width_meV():
    low, high = resonance_half_points_meV()
    return high - low


@functools.cache
def _fwhm_meV(width):
    """FWHM (meV) of the lowest resonance of the symmetric double barrier with barriers `width`."""
    b = DOUBLE_BARRIER
    E_res = resonance_energies(b["height"], width, b["spacing"], m_eff=b["m_eff"])[0]
    T = lambda E: double_barrier_transmission(E, b["height"], width, b["spacing"], m_eff=b["m_eff"]) - 0.5
    low = brentq(T, E_res / 2, E_res, xtol=1e-13)
    high = brentq(T, E_res, (E_res + b["height"]) / 2, xtol=1e-13)
    return 1e3 * (high - low)


def _single_barrier_ratio(power=1):
    """(T1(3 nm) / T1(4 nm))**power of one barrier at each pair's resonance: the estimate."""
    b = DOUBLE_BARRIER
    T = [float(rectangular_barrier_transmission(
        resonance_energies(b["height"], w, b["spacing"], m_eff=b["m_eff"])[0], b["height"], w,
        m_eff=b["m_eff"])) for w in (b["width"], THICK_WIDTH)]
    return (T[0] / T[1]) ** power


def asymmetric_transmission(E):
    """T(E) (eV) of the double barrier with the widths ASYMMETRIC_WIDTHS (left, right), in nm."""
    b, (left, right) = DOUBLE_BARRIER, ASYMMETRIC_WIDTHS
    x = np.cumsum([0.0, left, b["spacing"], right])
    return piecewise_transmission(E, x, [0.0, b["height"], 0.0, b["height"], 0.0], m_eff=b["m_eff"])


@functools.cache
def asymmetric_peak():
    """(energy in eV, height) of the lowest transmission peak of the asymmetric double barrier."""
    b = DOUBLE_BARRIER
    E = np.linspace(0.02, b["height"] - 0.01, 4001)
    i = int(np.argmax(asymmetric_transmission(E)))
    best = minimize_scalar(lambda e: -float(asymmetric_transmission(e)), bracket=(E[i - 1], E[i], E[i + 1]),
                           tol=1e-12)
    return float(best.x), float(-best.fun)


def _asymmetric_single(E):
    b = DOUBLE_BARRIER
    return [float(rectangular_barrier_transmission(E, b["height"], w, m_eff=b["m_eff"])) for w in ASYMMETRIC_WIDTHS]


def _breit_wigner_peak():
    """4 T1 T2 / (T1 + T2)^2 with the single-barrier transmissions at the peak: the estimate."""
    T1, T2 = _asymmetric_single(asymmetric_peak()[0])
    return 4 * T1 * T2 / (T1 + T2) ** 2


def _incoherent_peak():
    T1, T2 = _asymmetric_single(asymmetric_peak()[0])
    return T1 * T2 / (1 - (1 - T1) * (1 - T2))


def _single_T(E=None):
    b = DOUBLE_BARRIER
    return float(rectangular_barrier_transmission(PAIR_ENERGY if E is None else E, b["height"], b["width"],
                                                  m_eff=b["m_eff"]))


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
            Mistake("That is the opaque-barrier approximation, prefactor times exp(-2κd): it "
                    "holds only for κd ≫ 1, and this barrier is not that opaque. Use the exact "
                    "formula.", value=lambda: opaque_estimate()),
        ],
        hint=("Is the barrier opaque enough for the exponential estimate, or do you need the "
              "exact formula?",
              "Use the exact rectangular-barrier formula, T = 1/(1 + V0² sinh²(κd)/(4E(V0 - E))) "
              "with κ = sqrt(2m* (V0 - E))/ħ; ħ²/2mₑ = HBAR2_OVER_2ME_EV_NM2 in eV nm²."),
        explanation="The closed form and helpers.rectangular_barrier_transmission agree."),

    ArrayExercise(
        "sdagger-s", points=1, count_entries=False,
        expected=lambda: S_PROPOSED.conj().T @ S_PROPOSED,
        mistakes=[
            Mistake("Take the complex conjugate as well as the transpose (S.conj().T).",
                    value=lambda: S_PROPOSED.T @ S_PROPOSED),
            Mistake("Mind the order: S† S compares the columns of S (the outgoing waves of each "
                    "incoming channel).", value=lambda: S_PROPOSED @ S_PROPOSED.conj().T),
        ],
        hint=("What should S† S be for a unitary matrix, and does numpy's .T conjugate?",
              "In numpy, the conjugate transpose is S.conj().T and the matrix product is @."),
        explanation="The diagonal is 1, the off-diagonal is not 0."),

    ChoiceExercise(
        "smatrix-unitarity-choice", points=1, paired_with="sdagger-s", options={
            "yes": (False, "Each column is normalized, so one incoming wave alone is fine "
                    "(R + T = 1). But the columns are not orthogonal: S† S has off-diagonal "
                    "entries, and two incoming waves together would leave with more (or less) "
                    "probability than they brought."),
            "no": (True, "Right: S† S ≠ 1. Send in a = (1, -i)/√2: the outgoing probability "
                   "|S a|² is 1.96, not 1. Probability would be created, so no barrier has "
                   "this S-matrix."),
        }, hint=("Look at the off-diagonal entries of S† S.",
              "A unitary S has S† S = 1: check whether the columns are orthonormal, not only "
              "whether each has norm 1.")),

    NumericExercise(
        "double-barrier-resonance", points=2, units="meV", rtol=2e-3,
        expected=_resonance_meV,
        other_units={"eV": 1e-3},
        mistakes=[
            Mistake("That is the level of an infinitely deep well of the same width; the "
                    "barriers are finite and the wave leaks into them.", value=hard_wall_level_meV),
            Mistake("That is the resonance of a free electron (m = mₑ): the double barrier is in "
                    "GaAs, use the effective mass.", value=lambda: _resonance_meV(m_eff=1.0)),
        ],
        hint=("Where below the barrier top does T reach 1?",
              "Plot helpers.double_barrier_transmission on a fine energy grid below the barrier "
              "top and find the first peak (or use "
              "helpers.models.smatrix_stats.resonance_energies)."),
        explanation="Below the hard-wall estimate: the wave leaks into the barriers, so the "
                    "well is effectively wider."),

    NumericExercise(
        "resonance-width", points=2, units="meV", rtol=0.02,
        expected=_width_meV,
        other_units={"eV": 1e-3},
        mistakes=[
            Mistake("That is the half width, from the peak to one half point; the full width "
                    "at half maximum runs from one side of the peak to the other.",
                    value=lambda: _width_meV() / 2),
        ],
        hint=("Where does a narrow peak fall to half its height?",
              "The peak is narrow: zoom in around it with a fine energy grid (or a root finder) "
              "and find where T falls to one half on each side."),
        explanation="The width is the inverse lifetime of the quasi-bound level, ħ/τ: thicker "
                    "barriers keep the electron longer in the well and narrow the peak."),

    NumericExercise(
        "incoherent-pair", points=1, units="", rtol=0.01,
        expected=lambda: _single_T() / (2 - _single_T()),
        mistakes=[
            Mistake("That is T₁², the product of the two probabilities: it forgets the electrons "
                    "that bounce back and forth between the barriers before they get through.",
                    value=lambda: _single_T() ** 2),
            Mistake("That is the transmission of one barrier alone; two barriers in series "
                    "without phase coherence always transmit less than one.", value=_single_T),
        ],
        hint=("Without phase memory, do amplitudes or probabilities add?",
              "Add up the probabilities of all the paths: straight through, one round trip in the"
              " well, two round trips, ... (a geometric series)."),
        explanation="T₁T₂/(1 - R₁R₂) = T₁/(2 - T₁) for equal barriers: about T₁/2 for poor "
                    "barriers, far below the coherent pair at a resonance."),

    ChoiceExercise(
        "resonance-narrowing-prediction", points=1, paired_with="resonance-narrowing-ratio",
        options={
            "about 1.3 times narrower": (False, "One more nanometre is a lot for a tunnelling "
                                                "electron. How fast does a barrier's transmission "
                                                "fall with its width? Test it in the next exercise."),
            "about 3 times narrower": (True, "Yes: now measure it in the next exercise."),
            "about 10 times narrower": (False, "Count how many times the electron must tunnel "
                                               "to leave the well: once, through either barrier. "
                                               "Test it in the next exercise."),
            "wider": (False, "Thicker barriers hold the electron in the well longer; a longer "
                             "lifetime means a sharper level. Test it in the next exercise."),
        },
        hint=("The width of a resonance is the rate at which the electron leaks out of the well. "
              "How does that rate depend on one barrier's transmission?",
              "Estimate by which factor one barrier's tunnelling probability drops when it gets "
              "1 nm thicker (its decay constant inside the barrier at the resonance energy)."),
        explanation="The width is set by the leak rate through the barriers, proportional to "
                    "their transmission, which falls like exp(−2κd)."),

    NumericExercise(
        "resonance-narrowing-ratio", points=2, units="", rtol=0.003, close=0.01,
        expected=lambda: _fwhm_meV(DOUBLE_BARRIER["width"]) / _fwhm_meV(THICK_WIDTH),
        mistakes=[
            Mistake("That is the round number of the prediction; the question asks for the "
                    "measured ratio, to a few parts in a thousand.", value=lambda: 3.0),
            Mistake("The ratio is upside down: the peak of the thicker pair is the narrower one.",
                    value=lambda: _fwhm_meV(THICK_WIDTH) / _fwhm_meV(DOUBLE_BARRIER["width"])),
            Mistake("That is the estimate from one barrier's transmission at the resonance. It "
                    "is close, but the question asks for the measured widths: find both peaks' "
                    "half-maximum points.", value=lambda: _single_barrier_ratio(1)),
            Mistake("That is the square of the single-barrier ratio: the electron leaves the "
                    "well through one barrier, not through both in a row.",
                    value=lambda: _single_barrier_ratio(2)),
        ],
        hint=("Measure the full width at half maximum of the lowest peak for each of the two "
              "pairs, as in exercise 4.",
              "For each barrier width, locate the lowest resonance, find the two energies where "
              "T = 1/2 on either side with a root finder, take their distance, and divide the "
              "two widths."),
        explanation="A nanometre of barrier makes the peak about three times sharper: the "
                    "exponential sensitivity that resonant-tunnelling diodes are designed with."),

    NumericExercise(
        "asymmetric-resonance-peak", points=3, units="", rtol=0.01, close=0.025,
        expected=lambda: asymmetric_peak()[1],
        mistakes=[
            Mistake("That looks like a percentage; give the transmission as a number between 0 "
                    "and 1.", factor=100),
            Mistake("Perfect transmission needs equal leak rates through the two barriers; these "
                    "barriers differ.", value=lambda: 1.0),
            Mistake("That is the Breit-Wigner estimate from the single-barrier transmissions; "
                    "close, but the question asks for the peak of the full transmission.",
                    value=_breit_wigner_peak),
            Mistake("That is the incoherent pair, with the phase lost in the well; the resonance "
                    "is an interference effect.", value=_incoherent_peak),
            Mistake("Multiplying the two barriers' transmissions ignores the waves that bounce "
                    "in the well and build up the resonance.",
                    value=lambda: float(np.prod(_asymmetric_single(asymmetric_peak()[0])))),
        ],
        hint=("Does the peak still reach 1 when the two barriers differ? Compute T(E) of the "
              "whole structure and look.",
              "Write the potential as piecewise constant (lead, barrier, well, barrier, lead), "
              "compute T(E) on a fine grid below the barrier top, and refine the maximum near "
              "the lowest peak (a finer grid or a scalar minimizer on −T)."),
        explanation="The peak stays below 1: an electron leaks out more easily on the thin side, "
                    "and the waves reflected at the two barriers no longer cancel completely."),
]
