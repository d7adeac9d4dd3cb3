"""Exercises of lesson 11, "The quantum Hall effect as edge channels" (solutions/11_quantum_hall.ipynb).

Expected answers are computed with the course physics (helpers.constants,
helpers.multiterminal, helpers.models.quantum_hall), never typed in.
"""

import functools

import numpy as np
from scipy.optimize import brentq

from ..checks import ArrayExercise, ChoiceExercise, Mistake, NumericExercise, Param, Parameters
from ..constants import R0, R_K
from ..models.quantum_hall import (bulk_landau_levels, cyclotron_energy, filling_factor, hall_sweep,
                                   strip_conductance)

__all__ = ["EXERCISES", "PARAMETERS", "FIXED_EXERCISES", "HALL_BAR", "COUNT", "TRANSITION",
           "DISORDER_SAMPLE"]

#: The numbers of the questions: defaults for self-study, a student's own values in homework.
#: Each choice was checked with the engine (tests/test_exercises_quantum_hall.py): the Fermi
#: energies of the count lie between the same lattice and continuum levels, away from both, in
#: the lower half of a cyclotron quantum above a level (so that the zero-point slip gives a
#: different count); the Hall-bar fields sit on the clean plateau nu = 4 (R_xx < 1e-6);
#: the samples are localized at zero field (G < 0.06); the gates leave nu = 2 channels under them.
PARAMETERS = Parameters(
    "quantum_hall",
    E_count=Param(0.85, choices=(0.45, 0.5, 0.85, 1.17),
                  text="Fermi energy of the strip, t (exercise 1)"),
    flux_hall=Param(0.03, choices=(0.021, 0.022, 0.023, 0.03),
                    text="flux per plaquette on the Hall bar, h/e (exercise 2)"),
    E_transition=Param(0.7, 0.6, 0.85, step=0.05,
                       text="Fermi energy of the strip, t (exercise 4)"),
    sample_seed=Param(5, choices=(1, 2, 3, 4, 5, 6, 7),
                      text="seed of the disordered sample (exercise 5)"),
    V_gate=Param(1.25, choices=(0.4, 0.6, 0.65, 1.25),
                 text="potential of the gate across the Hall bar, t (exercises 6-7)"),
)

#: Exercises whose answer no parameter changes, with the reason.
FIXED_EXERCISES = {}

#: Hall bar of exercise hall-plateau-kohm: hall_bar(L, W, probe_width=...) at E (the flux is
#: `PARAMETERS.flux_hall`).
HALL_BAR = dict(L=48, W=24, probe_width=8, energy=1.05)
#: Strip of exercise edge-channel-count: width (sites), flux (h/e) (the Fermi energy is
#: `PARAMETERS.E_count`).
COUNT = dict(W=30, flux=0.03)
#: Exercise landau-transition-field: clean strip width (the Fermi energy is
#: `PARAMETERS.E_transition`); the nu = 2 -> 1 step.
TRANSITION = dict(W=30)
#: Exercise disorder-plateau-survival: the sample (its seed is `PARAMETERS.sample_seed`), and
#: the field of the plateau.
DISORDER_SAMPLE = dict(L=500, W=20, strength=1.5, energy=1.1, flux=0.1)


def _hall_nu():
    b = HALL_BAR
    return filling_factor(b["energy"], PARAMETERS.flux_hall, b["W"])


def _hall_kohm():
    b = HALL_BAR
    d = hall_sweep([PARAMETERS.flux_hall], b["energy"], L=b["L"], W=b["W"],
                   probe_width=b["probe_width"])
    return float(d["R_xy"][0]) * R0 / 1e3


def _edge_channels():
    return filling_factor(PARAMETERS.E_count, COUNT["flux"], COUNT["W"])


def _count_by(levels):
    return int(np.sum(levels < PARAMETERS.E_count))


def _continuum_levels(n):
    return cyclotron_energy(COUNT["flux"]) * n


def _transition_flux(level, half=0.5):
    """Flux where the lattice Landau level `level` of the strip crosses the Fermi energy."""
    W, E = TRANSITION["W"], PARAMETERS.E_transition
    return brentq(lambda f: bulk_landau_levels(f, W, level + 1)[level] - E, 0.01, 0.2, xtol=1e-10)


def _continuum_transition(level, half=0.5):
    """The continuum estimate: hbar w_c (level + half) = E, with hbar w_c = 4 pi t flux."""
    return PARAMETERS.E_transition / (4 * np.pi * (level + half))


def _disorder_pair(strength=None, clean=False):
    s = dict(DISORDER_SAMPLE, seed=PARAMETERS.sample_seed)
    E, flux = s.pop("energy"), s.pop("flux")
    if strength is not None:
        s["strength"] = strength
    if clean:
        s["strength"] = 0.0
    return np.array([strip_conductance(E, 0.0, **s), strip_conductance(E, flux, **s)])


EXERCISES = [
    NumericExercise(
        "hall-plateau-kohm", points=2, units="kΩ", rtol=0.01,
        expected=_hall_kohm,
        other_units={"Ω": 1e3, "MΩ": 1e-3},
        mistakes=[
            Mistake("That is the Hall resistance in units of h/2e², straight from the helpers; "
                    "convert it to kΩ (h/2e² is about 12.9 kΩ).",
                    value=lambda: _hall_kohm() / (R0 / 1e3)),
            Mistake("You used h/e² per channel. The course's channels carry both spins, so each "
                    "contributes 2e²/h, and the plateau is (h/2e²)/ν.",
                    value=lambda: R_K / _hall_nu() / 1e3),
            Mistake("On a plateau the Hall resistance is the resistance of ν channels in parallel: "
                    "divide by ν, do not multiply.", value=lambda: R0 * _hall_nu() / 1e3),
            Mistake("That is the ν = 1 value: count the edge channels at this energy and field "
                    "(the open channels of the lead).", value=lambda: R0 / 1e3),
            Mistake("That is the ν = 2 value: count the edge channels again; the Fermi energy lies "
                    "above more Landau levels.", value=lambda: R0 / 2 / 1e3),
        ],
        hint=("How many edge channels carry current at this field and energy?",
              "Build the Hall bar with the engine, compute the transmissions at this field and "
              "energy, and let Büttiker's formula give R_xy; then convert units."),
        explanation="ν edge channels: R_xy = (h/2e²)/ν, and R_xx = 0."),

    NumericExercise(
        "edge-channel-count", points=2, units="channels", rtol=0, atol=0.01,
        expected=_edge_channels,
        generic_mistakes=False,
        mistakes=[
            Mistake("You put the lowest level at zero energy. A Landau level has the zero-point "
                    "energy of an oscillator: the levels start half a cyclotron quantum above the "
                    "band bottom.", value=lambda: _count_by(_continuum_levels(np.arange(0, 10)))),
            Mistake("You started counting at n = 1: the lowest Landau level is n = 0, and it "
                    "carries an edge channel too.",
                    value=lambda: _count_by(_continuum_levels(np.arange(1, 10) + 0.5))),
            Mistake("You counted each level twice, once per spin. In this course every channel is "
                    "spin-degenerate: one edge channel per Landau level carries 2e²/h.",
                    value=lambda: 2 * _edge_channels()),
        ],
        hint=("Which Landau levels lie below the Fermi energy?",
              "Each Landau level below the Fermi energy gives one right mover on each edge: count"
              " them at this field."),
        explanation="The levels ħω_c(n + 1/2) with ħω_c = 4πtφ ≈ 0.38 t (on the lattice slightly "
                    "lower): ν of them lie below the Fermi energy, and G = ν × 2e²/h."),

    NumericExercise(
        "landau-transition-field", points=3, units="h/e", rtol=0.02,
        expected=lambda: _transition_flux(1),
        mistakes=[
            Mistake("That is where the continuum level ħω_c·3/2 meets the Fermi energy. On the "
                    "lattice the levels lie lower at this energy: find the step in the computed "
                    "conductance instead.", value=lambda: _continuum_transition(1)),
            Mistake("That is where nħω_c = E with n = 1: you dropped the 1/2 of the zero-point "
                    "energy.", value=lambda: _continuum_transition(1, half=0.0)),
            Mistake("That is the ν = 3 → 2 transition, at a weaker field: ν = 2 → 1 happens when "
                    "the second level (n = 1) empties.", value=lambda: _transition_flux(2)),
            Mistake("That is the ν = 1 → 0 transition: the lowest level (n = 0) empties there. "
                    "ν = 2 → 1 is the second level, n = 1.", value=lambda: _transition_flux(0)),
        ],
        hint=("Which level empties as the field grows, and what happens to the conductance then?",
              "Sweep the field and watch the two-terminal conductance of the clean strip; the "
              "step from 2 to 1 is sharp, so refine the grid around it."),
        explanation="The second Landau level (n = 1) crosses the Fermi energy a few percent above "
                    "the continuum estimate: the lattice levels bend down."),

    ArrayExercise(
        "disorder-plateau-survival", points=3, rtol=0.02,
        expected=_disorder_pair,
        generic_mistakes=False,
        mistakes=[
            Mistake("These are the values of a clean strip: add the disorder of the sample "
                    "(Anderson disorder of strength W_d with the given seed).",
                    value=lambda: _disorder_pair(clean=True)),
            Mistake("Your disorder is twice as strong as the sample's: the Anderson potential is "
                    "uniform in [−W_d/2, W_d/2], a full width W_d.",
                    value=lambda: _disorder_pair(strength=2 * DISORDER_SAMPLE["strength"])),
            Mistake("Your disorder is half as strong as the sample's: W_d is the full width of the "
                    "distribution, [−W_d/2, W_d/2].",
                    value=lambda: _disorder_pair(strength=DISORDER_SAMPLE["strength"] / 2)),
        ],
        hint=("Can disorder backscatter an electron in a chiral edge channel?",
              "Draw the sample once, then compute its transmission at zero field and at the "
              "plateau field with the same potential."),
        explanation="A few hundredths of 2e²/h at zero field (localized) and 1 × 2e²/h to six "
                    "decimals on the plateau: the same disorder cannot backscatter an edge channel."),

    ChoiceExercise(
        "plateau-longitudinal-resistance", points=1,
        options={
            "zero": (True, "Both probes sit on the same edge, downstream of the same contact: the "
                           "edge channel brings them the same voltage. The current flows without "
                           "a voltage drop along the sample."),
            "(h/2e²)/ν, the same as the Hall resistance": (
                False, "R_xy is measured across the sample, between the two edges, which come from "
                       "different contacts. Along one edge nothing changes the voltage."),
            "small but positive, growing with the distance between the probes": (
                False, "That is the diffusive (Ohmic) picture, with a resistance per length. On a "
                       "plateau nothing scatters the edge channel backwards, so there is no "
                       "voltage drop along the edge, however long."),
            "the contact resistance (h/2e²)/ν, because each probe adds one": (
                False, "A voltage probe draws no current, so it adds no resistance: it only "
                       "takes the voltage of the channel that arrives."),
        },
        hint=("Which contact does the edge channel come from when it reaches each of the two "
              "probes on the top edge?",
              "Follow the edge channel from the source contact along the top edge and note which "
              "contact last fed each probe; a probe floats to the potential of the contact that "
              "feeds it."),
        explanation=""),
]


# --- prediction, then computation (appended): a gate that lowers the filling in the middle ---

__all__ += ["GATED_BAR"]

#: Hall bar of exercises gated-hall-prediction and gated-hall-rxx: hall_bar(L, W,
#: probe_width=...) with the potential `PARAMETERS.V_gate` (t) on the columns
#: columns[0] <= x < columns[1], across the whole width, between the left and the right pairs of
#: probes; field and energy.
GATED_BAR = dict(L=48, W=24, probe_width=8, flux=0.05, energy=1.65, columns=(17, 31))


def gated_fillings():
    """(nu outside the gate, nu under the gate): the edge channels of the two regions."""
    g = GATED_BAR
    return (int(filling_factor(g["energy"], g["flux"], g["W"])),
            int(filling_factor(g["energy"] - PARAMETERS.V_gate, g["flux"], g["W"])))


def gated_ideal_rxx():
    """Edge-channel counting: the top edge between the probes carries 1/nu_gate - 1/nu (h/2e²)."""
    nu, nu_gate = gated_fillings()
    return 1 / nu_gate - 1 / nu


def gated_resistances():
    """hall_bar_resistances of the gated bar, computed with the engine (units of h/2e²)."""
    return _gated_resistances_of(PARAMETERS.V_gate)


@functools.lru_cache(maxsize=8)
def _gated_resistances_of(gate):
    from ..buttiker import hall_bar_resistances
    from ..multiterminal import hall_bar, transmission_matrix
    g = GATED_BAR
    V = np.zeros((g["L"], g["W"]))
    V[g["columns"][0]:g["columns"][1], :] = gate
    T, _ = transmission_matrix(hall_bar(g["L"], g["W"], probe_width=g["probe_width"], V=V),
                               g["energy"], flux=g["flux"])
    return hall_bar_resistances(T)


def _gated_mistakes(for_prediction):
    mistakes = [
        Mistake("On a plateau R_xx vanishes only when nothing between the probes sends an edge "
                "channel back; the gated region does.", value=lambda: 0.0),
        Mistake("That is the resistance of the gated region alone (its few channels in parallel); "
                "the two top probes each see the voltage the edge brings them, measure that "
                "difference.", value=lambda: 1 / gated_fillings()[1]),
        Mistake("That is the Hall resistance of the ungated bar, measured across it; the "
                "question asks along the top edge.", value=lambda: 1 / gated_fillings()[0]),
        Mistake("Resistances of the two regions do not add here: the probes measure the "
                "difference of the voltages their edge channels bring.",
                value=lambda: 1 / gated_fillings()[1] + 1 / gated_fillings()[0]),
    ]
    if not for_prediction:
        mistakes.append(Mistake(
            "That is the ideal edge-channel count of your prediction; the engine's value differs "
            "slightly (the highest edge channel is close to its Landau level). Enter the computed "
            "value.", value=gated_ideal_rxx))
    return mistakes


EXERCISES += [
    NumericExercise(
        "gated-hall-prediction", points=2, units="h/2e²", rtol=0.02, close=0.05,
        expected=gated_ideal_rxx,
        other_units={"kΩ": R0 / 1e3},
        mistakes=_gated_mistakes(True),
        hint=("How many edge channels run on each side of the gate, and which contact does each "
              "channel arriving at a top probe come from?",
              "Count ν outside and under the gate (Landau levels below E and below E − V_gate). "
              "Only the channels the gate lets through pass under it; the others turn back along "
              "the gate. Set up the current balance of each floating probe and read the voltage "
              "difference of the two top probes per unit current."),
        explanation="The channels that cannot pass under the gate run along it to the other "
                    "edge: the top probes on the two sides see different voltages. Now test it."),

    NumericExercise(
        "gated-hall-rxx", points=3, units="h/2e²", rtol=1e-3, close=0.005,
        expected=lambda: gated_resistances()["R_xx"],
        other_units={"kΩ": R0 / 1e3},
        mistakes=_gated_mistakes(False),
        hint=("Build the gated bar with the engine: which potential array puts the gate "
              "between the probe pairs?",
              "Make V of shape (L, W) with the gate potential on the given columns, build the "
              "Hall bar with it, compute its transmission matrix at the field and energy, and "
              "evaluate the four-terminal resistance between the top probes for a current "
              "from the left to the right contact."),
        explanation="The engine confirms edge-channel counting to a per cent or two: a "
                    "four-terminal R_xx that is quantized, but not zero."),
]
