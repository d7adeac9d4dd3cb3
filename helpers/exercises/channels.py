"""Exercises of lesson 3, "Counting channels, quantized conductance" (solutions/03_quantized_conductance.ipynb).

Expected answers are computed with the course physics (helpers.constants, helpers.leads,
helpers.models.qpc), never typed in.
"""

import functools

import numpy as np
from scipy.optimize import brentq

from ..checks import Case, ChoiceExercise, FunctionExercise, Mistake, NumericExercise, Param, Parameters
from ..constants import R0
from ..leads import open_modes, subband_thresholds
from ..models.qpc import constriction_subbands, continuum_subband_energies, qpc_transmission

__all__ = ["EXERCISES", "PARAMETERS", "STRIP_E", "QPC_SPACING_MEV", "STEP_QPC", "LONG_LENGTH",
           "step_edges", "count_inputs"]

#: The numbers of the questions: defaults for self-study, a student's own values in homework.
PARAMETERS = Parameters(
    "channels",
    R_measured_kohm=Param(7.95, 7.3, 8.6, step=0.05,
                          text="two-terminal resistance measured on the second plateau, kΩ "
                               "(exercise 1)"),
    # only widths at which E = STRIP_E lies between a lattice subband bottom and its continuum
    # value, at least 0.02 t from every threshold: the continuum slip gives one channel too few
    W_strip=Param(20, choices=(13, 20, 27, 30, 34, 37),
                  text="width of the strip, sites (exercise 2)"),
    W_threshold=Param(20, 15, 30, text="width of the strip, sites (exercise 3)"),
    # half lengths 5-8: the measured ratio of exercise 8 stays > 5 % from the ratio of lengths
    short_length=Param(8, 5, 8, text="half length of the short constriction, sites "
                                     "(exercises 6-8)"),
    input_seed=Param(29, 0, 2**31 - 1, hidden=True,
                     text="seed of the ordinary inputs exercise 5's function is called with"),
)

#: Energy (units of t) of exercise open-channels.
STRIP_E = 0.8
#: Subband spacing of the point contact in plateau-thermal-washout, in meV (a short, strongly
#: confining contact: the lesson's example has 2 meV).
QPC_SPACING_MEV = 4.0
#: The lesson's lattice point contact of exercises qpc-short-step-*, qpc-step-hw-x,
#: qpc-hw-x-ratio: width (sites), Fermi energy and transverse confinement hbar w_y (units of t).
STEP_QPC = dict(W=25, E_F=1.0, hw_y=0.3)
#: Half length (sites) of the lesson's constriction (the short one is PARAMETERS.short_length).
LONG_LENGTH = 30
#: 10 %-90 % width of Büttiker's step, in units of hbar w_x: ln(81)/(2 pi).
_BUTTIKER_10_90 = np.log(81) / (2 * np.pi)


@functools.cache
def step_edges(length, levels=(0.1, 0.9)):
    """Gate voltages (units of t) where the first step of the lattice QPC reaches `levels`.

    The first step rises between the thresholds of modes 0 and 1 minus E_F; each level is found
    with brentq on helpers.models.qpc.qpc_transmission at the Fermi energy.
    """
    q = STEP_QPC
    lam = constriction_subbands(q["W"], hw_y=q["hw_y"])[:2] - q["E_F"]
    low, high = lam[0] - (lam[1] - lam[0]), (lam[0] + lam[1]) / 2

    def G(Vg, level):
        return float(qpc_transmission(Vg, q["E_F"], q["W"], length=length, hw_y=q["hw_y"])) - level
    return tuple(brentq(G, low, high, args=(level,), xtol=1e-9) for level in levels)


def _step_width(length):
    low, high = step_edges(length)
    return high - low


def _hw_x(length):
    """hbar w_x (t) from the 10 %-90 % width of the first step, read with Büttiker's shape."""
    return _step_width(length) / _BUTTIKER_10_90


def _continuum_count(E, W):
    """The continuum box count: modes with t (n pi/(W+1))^2 < E (the typical slip)."""
    n = np.arange(1, W + 1)
    return int(np.sum(continuum_subband_energies(n, W) < E))


def count_inputs():
    """Arguments (E, W) the checker feeds to the student's N(E): three ordinary ones drawn with
    `PARAMETERS.input_seed` (at least 0.05 t from every subband bottom and top), then the fixed
    hard ones."""
    rng = np.random.default_rng(PARAMETERS.input_seed)
    ordinary = []
    for W_low, W_high, E_high in ((4, 12, 1.5), (3, 8, 4.0), (12, 24, 3.5)):
        while True:
            W = int(rng.integers(W_low, W_high + 1))
            E = round(float(rng.uniform(0.1, E_high)), 2)
            eps = subband_thresholds(W)
            if np.min(np.abs(np.concatenate([eps, eps + 4]) - E)) > 0.05:
                break
        ordinary.append((E, W))
    return ordinary + [
        Case(0.05, 3, note="E below the first subband bottom: no channel is open."),
        Case(5.3, 8, note="E above 4t: a lattice subband ends 4t above its bottom, so the "
                          "lowest subbands have closed again."),
        Case(7.9, 4, note="E near the top of the band: almost every subband has closed."),
        Case(3.3, 1, note="W = 1: a single chain, one subband.")]


def _no_band_top(E, W):
    """Counting eps_n < E only, forgetting that subbands close again at eps_n + 4t."""
    return int(np.sum(subband_thresholds(W) < E))


EXERCISES = [
    NumericExercise(
        "second-plateau-resistance", points=2, units="kΩ",
        expected=lambda: PARAMETERS.R_measured_kohm - R0 / 2 / 1e3,
        other_units={"Ω": 1e3, "MΩ": 1e-3},
        mistakes=[
            Mistake("That is the point contact's own resistance on the second plateau; the "
                    "question asks what the rest of the circuit adds to it.",
                    value=lambda: R0 / 2 / 1e3),
            Mistake("You subtracted h/2e², the resistance of ONE spin-degenerate channel: on the "
                    "second plateau two channels conduct in parallel.",
                    value=lambda: PARAMETERS.R_measured_kohm - R0 / 1e3),
            Mistake("That counts spin twice: each channel already carries 2e²/h with both spins.",
                    value=lambda: PARAMETERS.R_measured_kohm - R0 / 4 / 1e3),
            Mistake("Resistances in series add: the measured value is the contact's plus the "
                    "rest, so subtract, do not add.",
                    value=lambda: PARAMETERS.R_measured_kohm + R0 / 2 / 1e3),
        ],
        hint=("What is the point contact's own resistance on the second plateau, and how do "
              "resistances in series combine?",
              "On plateau N the contact conducts N·2e²/h; invert it, convert to kΩ, and take it "
              "away from the measured total."),
        explanation="R_series = R_measured − h/(2e²)/2: the plateau's 6.45 kΩ is quantized, "
                    "what the leads and contacts add is not; that is why measured plateaus are "
                    "corrected for a series resistance before they are compared with 2e²/h."),

    NumericExercise(
        "open-channels", points=2, units="channels", rtol=0, atol=0.01,
        expected=lambda: open_modes(STRIP_E, PARAMETERS.W_strip),
        mistakes=[
            Mistake("You used the continuum box energies (ħ²/2m)(nπ/W)²; on the lattice the subband "
                    "bottoms are 2t(1 − cos(nπ/(W+1))), slightly lower.",
                    value=lambda: _continuum_count(STRIP_E, PARAMETERS.W_strip)),
            Mistake("One too many: count only the subbands whose bottom lies below E (n starts at 1, "
                    "and ε_n < E).", value=lambda: open_modes(STRIP_E, PARAMETERS.W_strip) + 1),
            Mistake("You counted each subband twice, once per spin: a channel is a transverse "
                    "mode, and spin is already in the unit 2e²/h.",
                    value=lambda: 2 * open_modes(STRIP_E, PARAMETERS.W_strip)),
        ],
        generic_mistakes=False,
        hint=("Which subbands have their bottom below the energy?",
              "Compute the subband bottoms of the lattice strip for n = 1, 2, ... and count those"
              " below E."),
        explanation="Count the n with 2t(1 − cos(nπ/(W+1))) < E: the lattice bottoms lie a little "
                    "below the continuum ones, and at this energy that lets one more channel in."),

    NumericExercise(
        "subband-third-threshold", points=2, units="t", rtol=1e-4,
        expected=lambda: float(subband_thresholds(PARAMETERS.W_threshold)[2]),
        mistakes=[
            Mistake("That is the continuum value t(3π/(W+1))²: use the lattice dispersion "
                    "2t(1 − cos q).", value=lambda: float(continuum_subband_energies(3, PARAMETERS.W_threshold))),
            Mistake("The hard walls sit one site outside the strip: the box is W + 1 wide, "
                    "so q = nπ/(W+1), not nπ/W.",
                    value=lambda: 2 * (1 - np.cos(3 * np.pi / PARAMETERS.W_threshold))),
            Mistake("The box is one site too wide: the walls sit on the sites just outside the "
                    "W sites of the strip, a box of W + 1 bonds.",
                    value=lambda: 2 * (1 - np.cos(3 * np.pi / (PARAMETERS.W_threshold + 2)))),
            Mistake("That is the second threshold; the first one is n = 1.",
                    value=lambda: float(subband_thresholds(PARAMETERS.W_threshold)[1])),
            Mistake("That is the fourth threshold; the first one is n = 1.",
                    value=lambda: float(subband_thresholds(PARAMETERS.W_threshold)[3])),
        ],
        hint=("Where does the n-th transverse standing wave of a lattice strip of width W start?",
              "Subband n opens at its transverse energy on the lattice, ε_n = 2t(1 − "
              "cos(nπ/(W+1))): the hard walls sit one site beyond the strip."),
        explanation="ε_3 = 2t(1 − cos(3π/(W+1))), a little below the continuum t(3π/(W+1))²."),

    ChoiceExercise(
        "plateau-thermal-washout", points=1,
        options={
            "about 0.1 K": (False, "At 0.1 K, kT ≈ 0.009 meV, about 1/460 of the 4 meV spacing: the "
                                   "steps are as sharp as the saddle allows, the plateaus flat."),
            "about 1 K": (False, "At 1 K, kT ≈ 0.086 meV ≈ spacing/46: a step is smeared over "
                                 "about 4.4 kT ≈ 0.4 meV, a tenth of the plateau: still well "
                                 "quantized."),
            "about 10 K": (True, "At 10 K, kT ≈ 0.86 meV ≈ spacing/5: the 10–90 % width of a step, "
                                 "4.4 kT ≈ 3.8 meV, is about the spacing, so the plateaus have "
                                 "turned into a gentle ramp."),
            "about 300 K": (False, "At room temperature kT ≈ 26 meV is six times the spacing: the "
                                   "steps are long gone, but they disappeared already near 10 K."),
        },
        hint=("Over what energy range does temperature smear a single step?",
              "A step is smeared over about 4.4 kT (10 % to 90 %); compare that with the spacing "
              "of the subband thresholds."),
        explanation=""),

    FunctionExercise(
        "count-channels-function", points=3,
        forbidden=("helpers.open_modes", "helpers.leads.open_modes"),
        reference=lambda E, W: open_modes(E, W),
        inputs=count_inputs,
        rtol=0, atol=0.01, generic_mistakes=False,
        mistakes=[
            Mistake("Subband n also closes again: the lattice band of each subband ends at "
                    "ε_n + 4t, so above 4t some channels are no longer open.", value=_no_band_top),
            Mistake("You used the continuum box energies; use the lattice subband bottoms "
                    "2t(1 − cos(nπ/(W+1))).", value=_continuum_count),
            Mistake("You counted each channel twice, once per spin: N(E) counts transverse modes; "
                    "spin is in the unit 2e²/h.", value=lambda E, W: 2 * open_modes(E, W)),
        ],
        hint=("On a lattice, is every subband open at every energy above its bottom?",
              "N(E) counts the n = 1..W with ε_n < E < ε_n + 4t, with the lattice subband bottoms"
              " ε_n."),
        explanation="Your N(E) agrees with helpers.open_modes at every test energy."),

    ChoiceExercise(
        "qpc-short-step-prediction", points=1, paired_with="qpc-hw-x-ratio",
        options={
            "wider": (True, "Yes: now measure how much wider in the next exercises."),
            "narrower": (False, "A shorter constriction makes the barrier along the wire steeper "
                                "at its top. What does a steep barrier do to tunnelling near "
                                "its top? Test it in the next exercise."),
            "unchanged": (False, "The step positions come from the transverse levels, but the "
                                 "step shape comes from the barrier along the wire, and that "
                                 "changes. Test it in the next exercise."),
        },
        hint=("Which property of the saddle sets how gradually a mode opens, and how does "
              "shortening the constriction change it?",
              "Look at the curvature of the potential along the wire at the saddle point as the "
              "constriction gets shorter, and at what the lesson's step formula says about it."),
        explanation="A shorter constriction has a more sharply curved barrier top, a larger "
                    "ħω_x, and so wider steps."),

    NumericExercise(
        "qpc-step-hw-x", points=3, units="t", rtol=0.01, close=0.03,
        expected=lambda: _hw_x(PARAMETERS.short_length),
        mistakes=[
            Mistake("That is the 10 %–90 % width of the step itself; convert it to ħω_x with the "
                    "shape of Büttiker's step.", value=lambda: _step_width(PARAMETERS.short_length)),
            Mistake("You converted the width as for a thermal (Fermi-function) step, or dropped "
                    "the 2π of Büttiker's exponent: his step is steeper by 2π in units of ħω_x.",
                    value=lambda: _step_width(PARAMETERS.short_length) / np.log(81)),
            Mistake("That is ħω_x of the lesson's longer constriction; this one is shorter.",
                    value=lambda: _hw_x(LONG_LENGTH)),
            Mistake("That is ħω_y, the spacing of the steps, set by the confinement across the "
                    "wire; ħω_x is read off the shape of one step.", value=lambda: STEP_QPC["hw_y"]),
        ],
        hint=("How wide, in gate voltage, is the first step from 10 % to 90 % of its height, and "
              "how wide does the lesson's step formula say that is in units of ħω_x?",
              "Compute G(V_g) of the lattice point contact near its first step, find the two gate "
              "voltages where G = 0.1 and G = 0.9 (a root finder, or fine interpolation), and "
              "divide their distance by the 10 %–90 % width of Büttiker's step in units of ħω_x."),
        explanation="The short constriction has ħω_x larger than ħω_y: its steps are wider "
                    "than the plateaus between them, which is why they tilt and merge."),

    NumericExercise(
        "qpc-hw-x-ratio", points=2, units="", rtol=0.01, close=0.03,
        expected=lambda: _hw_x(PARAMETERS.short_length) / _hw_x(LONG_LENGTH),
        mistakes=[
            Mistake("That is the ratio of the two lengths, what a perfect saddle would give "
                    "(ω_x ∝ 1/length). Measure both steps: the lattice constriction is not an "
                    "exact saddle.", value=lambda: LONG_LENGTH / PARAMETERS.short_length),
            Mistake("The ratio is upside down: the short constriction has the larger ħω_x.",
                    value=lambda: _hw_x(LONG_LENGTH) / _hw_x(PARAMETERS.short_length)),
            Mistake("That is the square of the measured ratio; ħω_x is a frequency, the square "
                    "root of the curvature.",
                    value=lambda: (_hw_x(PARAMETERS.short_length) / _hw_x(LONG_LENGTH)) ** 2),
        ],
        hint=("Measure ħω_x for the lesson's constriction in the same way as for the short one.",
              "Repeat the 10 %–90 % measurement of the previous exercise with the longer "
              "constriction and divide the two results (the conversion factor cancels)."),
        explanation="Close to, but not exactly, the ratio of the lengths: ω_x follows the "
                    "curvature of the barrier top, but the lattice and the transverse levels "
                    "that change along the constriction add small corrections."),
]
