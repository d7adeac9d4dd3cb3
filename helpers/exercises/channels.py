"""Exercises of lesson 3, "Counting channels, quantized conductance".

Expected answers are computed with the course physics (helpers.constants, helpers.leads,
helpers.models.qpc), never typed in.
"""

import numpy as np

from ..checks import Case, ChoiceExercise, FunctionExercise, Mistake, NumericExercise
from ..constants import R0, R_K
from ..leads import open_modes, subband_thresholds
from ..models.qpc import continuum_subband_energies

__all__ = ["EXERCISES", "STRIP_W", "STRIP_E", "THRESHOLD_W", "QPC_SPACING_MEV"]

#: Strip of exercise open-channels: width (sites) and energy (units of t).
STRIP_W, STRIP_E = 20, 0.8
#: Strip of exercise subband-third-threshold.
THRESHOLD_W = 20
#: Subband spacing of the point contact in plateau-thermal-washout, in meV.
QPC_SPACING_MEV = 2.0


def _continuum_count(E, W):
    """The continuum box count: modes with t (n pi/(W+1))^2 < E (the typical slip)."""
    n = np.arange(1, W + 1)
    return int(np.sum(continuum_subband_energies(n, W) < E))


def _no_band_top(E, W):
    """Counting eps_n < E only, forgetting that subbands close again at eps_n + 4t."""
    return int(np.sum(subband_thresholds(W) < E))


EXERCISES = [
    NumericExercise(
        "second-plateau-resistance", points=2, units="kΩ",
        expected=lambda: R0 / 2 / 1e3,
        other_units={"Ω": 1e3, "MΩ": 1e-3},
        mistakes=[
            Mistake("That is h/2e², the resistance of ONE spin-degenerate channel (or you dropped "
                    "the spin factor): on the second plateau two channels conduct in parallel.",
                    value=lambda: R0 / 1e3),
            Mistake("That counts spin twice: each channel already carries 2e²/h with both spins, "
                    "so do not double the number of channels.", value=lambda: R0 / 4 / 1e3),
            Mistake("That is h/e²: channels in parallel add their conductances (not their "
                    "resistances), and each carries 2e²/h including spin.",
                    value=lambda: R_K / 1e3),
        ],
        hint=("How many channels are open on the second plateau, and what does each contribute?",
              "On plateau N the conductance is N·2e²/h; the resistance is its inverse, converted "
              "to the unit asked."),
        explanation="R = h/(2e²)/2 ≈ 6.45 kΩ: two spin-degenerate channels, each 12.9 kΩ, in parallel."),

    NumericExercise(
        "open-channels", points=2, units="channels", rtol=0, atol=0.01,
        expected=lambda: open_modes(STRIP_E, STRIP_W),
        mistakes=[
            Mistake("You used the continuum box energies (ħ²/2m)(nπ/W)²; on the lattice the subband "
                    "bottoms are 2t(1 − cos(nπ/(W+1))), slightly lower.",
                    value=lambda: _continuum_count(STRIP_E, STRIP_W)),
            Mistake("One too many: count only the subbands whose bottom lies below E (n starts at 1, "
                    "and ε_n < E).", value=lambda: open_modes(STRIP_E, STRIP_W) + 1),
            Mistake("You counted each subband twice, once per spin: a channel is a transverse "
                    "mode, and spin is already in the unit 2e²/h.",
                    value=lambda: 2 * open_modes(STRIP_E, STRIP_W)),
        ],
        generic_mistakes=False,
        hint=("Which subbands have their bottom below the energy?",
              "Compute the subband bottoms of the lattice strip for n = 1, 2, ... and count those"
              " below E."),
        explanation="Six subbands have their bottom below E = 0.8 t."),

    NumericExercise(
        "subband-third-threshold", points=2, units="t", rtol=1e-4,
        expected=lambda: float(subband_thresholds(THRESHOLD_W)[2]),
        mistakes=[
            Mistake("That is the continuum value t(3π/(W+1))²: use the lattice dispersion "
                    "2t(1 − cos q).", value=lambda: float(continuum_subband_energies(3, THRESHOLD_W))),
            Mistake("The hard walls sit one site outside the strip: the box is W + 1 wide, "
                    "so q = nπ/(W+1), not nπ/W.",
                    value=lambda: 2 * (1 - np.cos(3 * np.pi / THRESHOLD_W))),
            Mistake("The box is one site too wide: the walls sit on the sites just outside the "
                    "W sites of the strip, a box of W + 1 bonds.",
                    value=lambda: 2 * (1 - np.cos(3 * np.pi / (THRESHOLD_W + 2)))),
            Mistake("That is the second threshold; the first one is n = 1.",
                    value=lambda: float(subband_thresholds(THRESHOLD_W)[1])),
            Mistake("That is the fourth threshold; the first one is n = 1.",
                    value=lambda: float(subband_thresholds(THRESHOLD_W)[3])),
        ],
        hint=("Where does the n-th transverse standing wave of a lattice strip of width W start?",
              "Subband n opens at its transverse energy on the lattice, ε_n = 2t(1 − "
              "cos(nπ/(W+1))): the hard walls sit one site beyond the strip."),
        explanation="ε_3 = 2t(1 − cos(3π/21)) ≈ 0.198 t, close to the continuum 0.201 t."),

    ChoiceExercise(
        "plateau-thermal-washout", points=1,
        options={
            "about 0.05 K": (False, "At 0.05 K, kT is about 1/460 of the 2 meV spacing: the steps are "
                                    "as sharp as the saddle allows, the plateaus perfectly flat."),
            "about 0.5 K": (False, "At 0.5 K, kT ≈ 0.04 meV ≈ spacing/46: a step is smeared over "
                                   "about 4.4 kT ≈ 0.2 meV, a tenth of the plateau: still well "
                                   "quantized (van Wees et al. measured at 0.6 K)."),
            "about 5 K": (True, "At 5 K, kT ≈ 0.43 meV ≈ spacing/5: the 10–90 % width of a step, "
                                "4.4 kT ≈ 1.9 meV, equals the spacing, so the plateaus have "
                                "turned into a gentle ramp."),
            "about 300 K": (False, "At room temperature kT ≈ 26 meV is thirteen times the spacing: "
                                   "the steps are long gone, but they disappeared already at a "
                                   "few kelvin."),
        },
        hint=("Over what energy range does temperature smear a single step?",
              "A step is smeared over about 4.4 kT (10 % to 90 %); compare that with the spacing "
              "of the subband thresholds."),
        explanation=""),

    FunctionExercise(
        "count-channels-function", points=3,
        forbidden=("helpers.open_modes", "helpers.leads.open_modes"),
        reference=lambda E, W: open_modes(E, W),
        inputs=[(0.25, 10), (1.1, 5), (2.5, 20),
                Case(0.05, 3, note="E below the first subband bottom: no channel is open."),
                Case(5.3, 8, note="E above 4t: a lattice subband ends 4t above its bottom, so the "
                                  "lowest subbands have closed again."),
                Case(7.9, 4, note="E near the top of the band: almost every subband has closed."),
                Case(3.3, 1, note="W = 1: a single chain, one subband.")],
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
]
