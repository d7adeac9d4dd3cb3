"""Exercises of lesson 4, "The scattering matrix" (solutions/04_scattering_matrix.ipynb).

Every expected answer is computed with helpers.continuum, helpers.models.smatrix_stats and
helpers.constants; the mistakes are computed from the physics of the typical wrong idea.
(The Fano-factor exercise moved to helpers/exercises/noise.py with lesson 5; its id is unchanged.)
"""

import functools

import numpy as np
from scipy.optimize import brentq, minimize_scalar

from ..checks import ArrayExercise, ChoiceExercise, Mistake, NumericExercise, Param, Parameters
from ..constants import HBAR2_OVER_2ME_EV_NM2
from ..continuum import (double_barrier_transmission, piecewise_transmission,
                         rectangular_barrier_transmission)
from ..models.smatrix_stats import resonance_energies

__all__ = ["EXERCISES", "PARAMETERS", "M_EFF", "DOUBLE_WIDTH", "THICKER_BY", "barrier", "double_barrier",
           "s_proposed", "wkb_estimate", "opaque_estimate", "hard_wall_level_meV",
           "resonance_half_points_meV", "asymmetric_widths", "asymmetric_transmission",
           "asymmetric_peak"]

#: The numbers of the questions: defaults for self-study, a student's own values in homework.
#: Ranges keep each regime of the text: a barrier of a few nm that is not opaque (the
#: opaque-barrier formula stays a distinct slip), a GaAs double barrier with its lowest
#: resonance well below the top, about three times narrower for barriers one nm thicker, and
#: an asymmetric peak clearly apart from its Breit-Wigner estimate (tested over the whole grid).
PARAMETERS = Parameters(
    "smatrix",
    E_barrier=Param(0.08, 0.06, 0.10, step=0.01, text="energy of the electron, eV (exercise 1)"),
    V0_barrier=Param(0.2, 0.18, 0.24, step=0.01, text="height of the barrier, eV (exercise 1)"),
    # up to 4 nm: the opaque-barrier formula stays more than 1 % off (10 tolerances)
    d_barrier=Param(4.0, 3.0, 4.0, step=0.5, text="width of the barrier, nm (exercise 1)"),
    r_proposed=Param(0.6, 0.3, 0.7, step=0.05,
                     text="reflection amplitude r of the proposed S-matrix (exercise 2)"),
    # lower and narrower than the default's: the Breit-Wigner estimate of the asymmetric peak
    # stays > 2 % off and the narrowing ratio > 0.8 % from the round 3 (as at the default)
    V0_double=Param(0.25, 0.22, 0.25, step=0.01,
                    text="height of the two barriers, eV (exercises 3-8)"),
    s_well=Param(5.0, 4.5, 5.0, step=0.25, text="distance between them, nm (exercises 3-8)"),
    E_pair=Param(0.15, 0.12, 0.18, step=0.01,
                 text="energy of the incoherent pair, eV (exercise 5)"),
)

#: Effective mass of GaAs (units of m_e), a material constant of every exercise here.
M_EFF = 0.067
#: Width (nm) of each barrier of the double barrier of exercises 3-8.
DOUBLE_WIDTH = 3.0
#: Exercises resonance-narrowing-*: each barrier is this much thicker (nm).
THICKER_BY = 1.0


def barrier():
    """The single barrier of exercise barrier-transmission: height (eV), width (nm), energy (eV),
    m_eff."""
    P = PARAMETERS
    return dict(height=P.V0_barrier, width=P.d_barrier, energy=P.E_barrier, m_eff=M_EFF)


def double_barrier():
    """The double barrier of exercises 3-8: height (eV), width (nm), spacing (nm), m_eff."""
    P = PARAMETERS
    return dict(height=P.V0_double, width=DOUBLE_WIDTH, spacing=P.s_well, m_eff=M_EFF)


def s_proposed():
    """The proposed 2 x 2 S-matrix of exercises sdagger-s and smatrix-unitarity-choice:
    ((r, i t), (i t, -r)) with t = sqrt(1 - r²): each column normalized, the two not orthogonal."""
    r = PARAMETERS.r_proposed
    t = np.sqrt(1 - r**2)
    return np.array([[r, 1j * t], [1j * t, -r]])


def asymmetric_widths():
    """Left and right barrier widths (nm) of exercise asymmetric-resonance-peak."""
    return (DOUBLE_WIDTH, DOUBLE_WIDTH + THICKER_BY)


def _barrier_T(m_eff=None):
    b = barrier()
    m_eff = b["m_eff"] if m_eff is None else m_eff
    return float(rectangular_barrier_transmission(b["energy"], b["height"], b["width"], m_eff=m_eff))


def wkb_estimate():
    """exp(-2 kappa d): the opaque-barrier estimate without its prefactor (a typical shortcut)."""
    b = barrier()
    kappa = np.sqrt(b["m_eff"] * (b["height"] - b["energy"]) / HBAR2_OVER_2ME_EV_NM2)
    return float(np.exp(-2 * kappa * b["width"]))


def opaque_estimate():
    """16 E (V0 - E)/V0² exp(-2 kappa d): the opaque-barrier formula, with its prefactor."""
    b = barrier()
    E, V0 = b["energy"], b["height"]
    return float(16 * E * (V0 - E) / V0**2 * wkb_estimate())


def hard_wall_level_meV():
    """Lowest level of an infinitely deep well of width `spacing`, in meV (ignores leakage)."""
    b = double_barrier()
    return 1e3 * HBAR2_OVER_2ME_EV_NM2 * (np.pi / b["spacing"]) ** 2 / b["m_eff"]


def _resonance_meV(m_eff=None):
    b = double_barrier()
    m_eff = b["m_eff"] if m_eff is None else m_eff
    return 1e3 * float(resonance_energies(b["height"], b["width"], b["spacing"], m_eff=m_eff)[0])


@functools.cache
def _half_points_meV(height, width, spacing, m_eff):
    """The two energies (meV) around the lowest resonance of a symmetric double barrier where
    T = 1/2 (T is far below 1/2 halfway down to 0 and halfway up to the next resonance or the
    top: checked over the parameter ranges in the tests)."""
    E_res = resonance_energies(height, width, spacing, m_eff=m_eff)
    T = lambda E: double_barrier_transmission(E, height, width, spacing, m_eff=m_eff) - 0.5
    top = (E_res[0] + (E_res[1] if E_res.size > 1 else height)) / 2
    low = brentq(T, E_res[0] / 2, E_res[0], xtol=1e-13)
    high = brentq(T, E_res[0], top, xtol=1e-13)
    return 1e3 * low, 1e3 * high


def resonance_half_points_meV():
    """The two energies (meV) around the lowest resonance of `double_barrier()` where T = 1/2."""
    b = double_barrier()
    return _half_points_meV(b["height"], b["width"], b["spacing"], b["m_eff"])


def _width_meV():
    low, high = resonance_half_points_meV()
    return high - low


def _fwhm_meV(width):
    """FWHM (meV) of the lowest resonance of the symmetric double barrier with barriers `width`."""
    b = double_barrier()
    low, high = _half_points_meV(b["height"], width, b["spacing"], b["m_eff"])
    return high - low


def _narrowing_ratio(inverted=False):
    b = double_barrier()
    ratio = _fwhm_meV(b["width"]) / _fwhm_meV(b["width"] + THICKER_BY)
    return 1 / ratio if inverted else ratio


def _single_barrier_ratio(power=1):
    """(T1(d) / T1(d + 1 nm))**power of one barrier at each pair's resonance: the estimate."""
    b = double_barrier()
    T = [float(rectangular_barrier_transmission(
        resonance_energies(b["height"], w, b["spacing"], m_eff=b["m_eff"])[0], b["height"], w,
        m_eff=b["m_eff"])) for w in (b["width"], b["width"] + THICKER_BY)]
    return (T[0] / T[1]) ** power


def _asymmetric_T(E, height, left, right, spacing, m_eff):
    x = np.cumsum([0.0, left, spacing, right])
    return piecewise_transmission(E, x, [0.0, height, 0.0, height, 0.0], m_eff=m_eff)


def asymmetric_transmission(E):
    """T(E) (eV) of the double barrier with the widths `asymmetric_widths()` (left, right), nm."""
    b, (left, right) = double_barrier(), asymmetric_widths()
    return _asymmetric_T(E, b["height"], left, right, b["spacing"], b["m_eff"])


@functools.cache
def _asymmetric_peak_of(height, left, right, spacing, m_eff):
    E = np.linspace(0.005, height - 0.005, 8001)
    T = _asymmetric_T(E, height, left, right, spacing, m_eff)
    i = int(np.argmax((T[1:-1] > T[:-2]) & (T[1:-1] >= T[2:]))) + 1       # the lowest peak
    best = minimize_scalar(lambda e: -float(_asymmetric_T(e, height, left, right, spacing, m_eff)),
                           bracket=(E[i - 1], E[i], E[i + 1]), tol=1e-12)
    return float(best.x), float(-best.fun)


def asymmetric_peak():
    """(energy in eV, height) of the lowest transmission peak of the asymmetric double barrier."""
    b, (left, right) = double_barrier(), asymmetric_widths()
    return _asymmetric_peak_of(b["height"], left, right, b["spacing"], b["m_eff"])


def _asymmetric_single(E):
    b = double_barrier()
    return [float(rectangular_barrier_transmission(E, b["height"], w, m_eff=b["m_eff"]))
            for w in asymmetric_widths()]


def _breit_wigner_peak():
    """4 T1 T2 / (T1 + T2)^2 with the single-barrier transmissions at the peak: the estimate."""
    T1, T2 = _asymmetric_single(asymmetric_peak()[0])
    return 4 * T1 * T2 / (T1 + T2) ** 2


def _incoherent_peak():
    T1, T2 = _asymmetric_single(asymmetric_peak()[0])
    return T1 * T2 / (1 - (1 - T1) * (1 - T2))


def _single_T(E=None):
    b = double_barrier()
    return float(rectangular_barrier_transmission(PARAMETERS.E_pair if E is None else E, b["height"],
                                                  b["width"], m_eff=b["m_eff"]))


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
        expected=lambda: s_proposed().conj().T @ s_proposed(),
        mistakes=[
            Mistake("Take the complex conjugate as well as the transpose (S.conj().T).",
                    value=lambda: s_proposed().T @ s_proposed()),
            Mistake("Mind the order: S† S compares the columns of S (the outgoing waves of each "
                    "incoming channel).", value=lambda: s_proposed() @ s_proposed().conj().T),
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
                   "|S a|² is more than 1. Probability would be created, so no barrier has "
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
        expected=_narrowing_ratio,
        mistakes=[
            Mistake("That is the round number of the prediction; the question asks for the "
                    "measured ratio, to a few parts in a thousand.", value=lambda: 3.0),
            Mistake("The ratio is upside down: the peak of the thicker pair is the narrower one.",
                    value=lambda: _narrowing_ratio(inverted=True)),
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
