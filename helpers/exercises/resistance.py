"""Exercises of lesson 1, "Resistance is reflection" (solutions/01_resistance_is_reflection.ipynb).

Every expected answer is computed with helpers.models.resistance / helpers.scattering and the constants
of helpers.constants; the mistakes are computed from the physics of the typical wrong idea.
"""

import functools

import numpy as np

from ..checks import Case, ChoiceExercise, FunctionExercise, Mistake, NumericExercise, Param, Parameters
from ..constants import R0
from ..models.resistance import ohmic_resistance, resistance_from_transmission, resistance_split
from ..scattering import SMatrix, incoherent_transmission, series

__all__ = ["EXERCISES", "PARAMETERS", "FIXED_EXERCISES", "incoherent_inputs", "PAIR_PHASES",
           "pair_transmission"]

#: The numbers of the questions: defaults for self-study, a student's own values in homework.
PARAMETERS = Parameters(
    "resistance",
    T_scatterer=Param(0.25, 0.15, 0.45, step=0.01,
                      text="transmission of the single scatterer (exercise 2)"),
    N_chain=Param(10, 6, 14, text="number of scatterers without phase memory (exercise 3)"),
    T_chain=Param(0.5, 0.3, 0.7, step=0.01, text="transmission of each of them (exercise 3)"),
    # the pair's answers change slowly with T1 and T2: these values keep every variant's
    # fraction (exercise 7) at least 4 % and its mean resistance (exercise 6) at least 20 %
    # from the default's, so no variant shares the public solution's answers
    T1_pair=Param(0.6, choices=(0.6, 0.7, 0.72, 0.74, 0.76, 0.78, 0.8),
                  text="transmission of the first coherent scatterer (exercises 5-7)"),
    T2_pair=Param(0.3, choices=(0.3, 0.34, 0.37, 0.4, 0.43, 0.45),
                  text="transmission of the second one (exercises 5-7)"),
    input_seed=Param(101, 0, 2**31 - 1, hidden=True,
                     text="seed of the transmissions exercise 4's function is called with"),
)

#: Exercises whose answer no parameter changes, with the reason.
FIXED_EXERCISES = {
    "contact-resistance": "the contact resistance h/2e² of a perfect channel is a constant of "
                          "nature",
}

KOHM = R0 / 1e3  # h/2e^2 in kOhm

#: Round-trip phases (uniform grid over one period) on which the pair is averaged.
PAIR_PHASES = np.linspace(0.0, 2 * np.pi, 1024, endpoint=False)


def _scatterer(T):
    """A symmetric single-channel scatterer with transmission T (real t, r = r' = i sqrt(1 - T))."""
    t, r = np.sqrt(T), 1j * np.sqrt(1.0 - T)
    return SMatrix(r=[[r]], t=[[t]], rp=[[r]], tp=[[t]])


def pair_transmission(phases, T1=None, T2=None):
    """Coherent transmission of two scatterers at round-trip phases `phases` (theta of the
    lesson's equation (5), which includes arg(r1' r2) = pi of these scatterers), composed with a
    free stretch between them by the star product of helpers.scattering; shape of `phases`.
    T1, T2 default to the pair of the exercises (`PARAMETERS.T1_pair`, `.T2_pair`)."""
    T1 = PARAMETERS.T1_pair if T1 is None else T1
    T2 = PARAMETERS.T2_pair if T2 is None else T2
    first, second = _scatterer(T1), _scatterer(T2)
    out = []
    for theta in np.ravel(phases):
        hop = np.exp(0.5j * (theta - np.pi))      # one pass across the gap
        gap = SMatrix(r=[[0]], t=[[hop]], rp=[[0]], tp=[[hop]])
        out.append(series(series(first, gap), second).transmission())
    return np.reshape(out, np.shape(phases))


@functools.cache
def _pair_resistances_of(T1, T2):
    return 1.0 / pair_transmission(PAIR_PHASES, T1, T2)


def _pair_resistances():
    """1/T of the coherent pair on the grid PAIR_PHASES, units of h/2e^2 (computed once per pair)."""
    return _pair_resistances_of(PARAMETERS.T1_pair, PARAMETERS.T2_pair)


def _pair():
    return (PARAMETERS.T1_pair, PARAMETERS.T2_pair)


def _pair_mean_resistance():
    """Average over the round-trip phase of the two-terminal resistance 1/T, units of h/2e^2."""
    return float(np.mean(_pair_resistances()))


def _pair_incoherent_resistance():
    return 1.0 / incoherent_transmission(_pair())


def _pair_fraction_above():
    """Fraction of round-trip phases at which the coherent resistance exceeds the incoherent one."""
    return float(np.mean(_pair_resistances() > _pair_incoherent_resistance()))


def incoherent_inputs():
    """Lists of transmissions the checker feeds to the student's function (seeded by
    `PARAMETERS.input_seed`: a homework variant is called on inputs its student never saw)."""
    rng = np.random.default_rng(PARAMETERS.input_seed)
    return [Case([1.0], note="a perfect scatterer: only the contacts are left."),
            (rng.uniform(0.3, 0.9, size=1),),
            (rng.uniform(0.1, 1.0, size=3),), ([0.5, 0.5],), (rng.uniform(0.05, 1.0, size=12),),
            Case(np.ones(5), note="five perfect scatterers: still only the contacts.")]


def _incoherent_resistance(transmissions):
    """Reference: R in units of h/2e^2 of scatterers in series without phase memory."""
    return 1.0 / incoherent_transmission(transmissions)


EXERCISES = [
    NumericExercise(
        "contact-resistance", points=1, units="kΩ",
        expected=lambda: resistance_from_transmission(1.0, kohm=True),
        other_units={"Ω": 1e3, "MΩ": 1e-3},
        mistakes=[
            Mistake("That is h/e², the resistance of one spin direction alone; the wire carries "
                    "both spins.", factor=2),
            Mistake("A perfect wire does not have zero resistance: think about the contacts.",
                    value=lambda: 0.0),
            Mistake("That looks like a conductance (in mS), not a resistance.",
                    value=lambda: 1e3 / (R0 / 1e3) / 1e3),
        ],
        hint=("What is the resistance of a perfect single-channel wire, with spin?",
              "Use the Landauer formula with T = 1 and the constants in helpers.constants; "
              "convert to the unit asked."),
        explanation="R = h/2e² ≈ 12.906 kΩ for any length: the contact resistance."),

    NumericExercise(
        "one-scatterer-resistance", points=1, units="kΩ",
        expected=lambda: resistance_from_transmission(PARAMETERS.T_scatterer, kohm=True),
        other_units={"Ω": 1e3},
        mistakes=[
            Mistake("That is only the scatterer's own part; the two-terminal resistance also "
                    "includes the contacts.",
                    value=lambda: resistance_split(PARAMETERS.T_scatterer)[1] * KOHM),
            Mistake("Resistance is the inverse of conductance: divide by T, do not multiply.",
                    value=lambda: PARAMETERS.T_scatterer * KOHM),
            Mistake("You used the reflection R = 1 - T where the transmission belongs.",
                    value=lambda: resistance_from_transmission(1 - PARAMETERS.T_scatterer, kohm=True)),
        ],
        hint=("With one channel of transmission T, what is the conductance, and so the "
              "resistance?",
              "Landauer: the conductance is G0 times the transmission; invert it and convert to "
              "the unit asked."),
        explanation="R = (h/2e²)/T: the smaller T, the larger the resistance."),

    NumericExercise(
        "scatterer-resistance-part", points=1, units="kΩ",
        expected=lambda: resistance_split(PARAMETERS.T_scatterer)[1] * KOHM,
        other_units={"Ω": 1e3},
        mistakes=[
            Mistake("That is the whole two-terminal resistance; subtract what the contacts "
                    "contribute.", value=lambda: resistance_from_transmission(PARAMETERS.T_scatterer,
                                                                               kohm=True)),
            Mistake("That is the contact part; the question asks for the scatterer's part.",
                    value=lambda: resistance_split(PARAMETERS.T_scatterer)[0] * KOHM),
            Mistake("Check the ratio: the scatterer's part is reflection over transmission, "
                    "not the other way round.",
                    value=lambda: PARAMETERS.T_scatterer / (1 - PARAMETERS.T_scatterer) * KOHM),
        ],
        hint=("Which part of the total resistance would be there even with T = 1?",
              "Split the two-terminal resistance into the contact resistance and the rest, as in "
              "equation (3) of the lesson."),
        explanation="(h/2e²)(1 - T)/T; the other h/2e² ≈ 12.9 kΩ are the contacts."),

    NumericExercise(
        "incoherent-chain-resistance", points=2, units="kΩ",
        expected=lambda: ohmic_resistance(PARAMETERS.N_chain, PARAMETERS.T_chain) * KOHM,
        other_units={"Ω": 1e3},
        mistakes=[
            Mistake("Multiplying the transmissions forgets the electrons that bounce back and "
                    "forth between scatterers and get through later.",
                    value=lambda: resistance_from_transmission(PARAMETERS.T_chain**PARAMETERS.N_chain,
                                                               kohm=True)),
            Mistake("Each scatterer's resistance (h/2e²)/T contains the contact resistance; the "
                    "wire has only one pair of contacts.",
                    value=lambda: PARAMETERS.N_chain * resistance_from_transmission(PARAMETERS.T_chain,
                                                                              kohm=True)),
            Mistake("You added the scatterers' parts but forgot the contacts.",
                    value=lambda: PARAMETERS.N_chain * resistance_split(PARAMETERS.T_chain)[1] * KOHM),
        ],
        hint=("Which quantity is additive for incoherent scatterers?",
              "Without phase memory the scatterer parts (1 - T)/T add up, and the contacts count "
              "once: equation (4)."),
        explanation="R = (h/2e²)(1 + N(1 - T)/T): Ohm's law plus the contacts."),

    FunctionExercise(
        "incoherent-resistance-function", points=3, reference=_incoherent_resistance,
        forbidden=("helpers.incoherent_transmission", "helpers.scattering.incoherent_transmission",
                   "helpers.incoherent_series",
                   "helpers.models.resistance.resistance_from_transmission"),
        inputs=incoherent_inputs, rtol=1e-6, units="h/2e²",
        mistakes=[
            Mistake("Adding (h/2e²)/T of every scatterer counts the contact resistance once per "
                    "scatterer; it belongs to the wire only once.",
                    value=lambda T: float(np.sum(1.0 / np.asarray(T)))),
            Mistake("You returned the transmission of the chain, not its resistance.",
                    value=lambda T: incoherent_transmission(T)),
            Mistake("Multiplying the transmissions is the wrong rule for incoherent scatterers: "
                    "it leaves out multiple reflections.",
                    value=lambda T: float(1.0 / np.prod(np.asarray(T)))),
            Mistake("The contact resistance is missing: a chain of perfect scatterers still has "
                    "R = 1 in units of h/2e².",
                    value=lambda T: float(np.sum((1.0 - np.asarray(T)) / np.asarray(T)))),
            Mistake("Your function returns kΩ; return the resistance in units of h/2e² instead.",
                    value=lambda T: KOHM * _incoherent_resistance(T)),
            Mistake("Your function returns Ω; return the resistance in units of h/2e² instead.",
                    value=lambda T: R0 * _incoherent_resistance(T)),
        ],
        hint=("Which parts of the resistance add for incoherent scatterers, and how many times do"
              " the contacts count?",
              "Add up the scatterer parts (1 - T_i)/T_i, then add the contacts once."),
        explanation="R/(h/2e²) = 1 + Σ (1 - T_i)/T_i."),

    ChoiceExercise(
        "coherent-pair-resistance-prediction", points=1, paired_with="coherent-pair-mean-resistance",
        options={
            "larger": (True, "Yes. Now measure by how much in the next exercise."),
            "equal": (False, "Equal holds for the average of T over the phase, as the lesson says. "
                             "Is the average of 1/T the inverse of the average of T? Test it in "
                             "the next exercise."),
            "smaller": (False, "Near a resonance R drops towards the contact value, but off "
                               "resonance 1/T grows steeply; which side weighs more in an "
                               "average? Test it in the next exercise."),
        },
        hint=("Which is larger for numbers that vary: the average of 1/x, or 1 over the average "
              "of x?",
              "The lesson states what the phase average of T gives. The resistance is 1/T: "
              "compare the average of a convex function with the function of the average."),
        explanation="The average of 1/T is never smaller than 1/(average of T), and the average "
                    "of T is the incoherent value."),

    NumericExercise(
        "coherent-pair-mean-resistance", points=2, units="h/2e²", rtol=0.01, close=0.03,
        expected=_pair_mean_resistance,
        other_units={"kΩ": KOHM, "Ω": R0},
        mistakes=[
            Mistake("That is the incoherent resistance: the inverse of the phase-averaged "
                    "transmission. The question asks for the average of the resistance itself.",
                    value=_pair_incoherent_resistance),
            Mistake("That is 1/(T₁T₂), the resistance without the multiple reflections; average "
                    "the full coherent result over the round-trip phase.",
                    value=lambda: 1.0 / (PARAMETERS.T1_pair * PARAMETERS.T2_pair)),
            Mistake("That is the phase-averaged transmission; the question asks for the "
                    "resistance, in units of h/2e².",
                    value=lambda: incoherent_transmission(_pair())),
            Mistake("That is the average resistance without the contacts; the two-terminal "
                    "resistance includes them once.",
                    value=lambda: _pair_mean_resistance() - 1.0),
        ],
        hint=("Which variable changes when the distance between the scatterers changes, and "
              "over which range should you average it?",
              "Write the coherent pair transmission of the lesson as a function of the "
              "round-trip phase, evaluate 1/T on a fine uniform grid of phases over one period, "
              "and take the mean."),
        explanation="The average resistance is clearly above the incoherent value: off "
                    "resonance the resistance is large, and these phases dominate the average."),

    NumericExercise(
        "coherent-pair-above-incoherent", points=2, units="", rtol=0.01, close=0.03,
        expected=_pair_fraction_above,
        mistakes=[
            Mistake("That looks like a percentage; give the fraction, a number between 0 and 1.",
                    factor=100),
            Mistake("That is the fraction of phases where the coherent pair conducts better "
                    "than the incoherent one; the question asks for the opposite.",
                    value=lambda: 1.0 - _pair_fraction_above()),
            Mistake("One half would hold if the coherent resistance were symmetric about the "
                    "incoherent one; compute where the two curves cross.",
                    value=lambda: 0.5),
        ],
        hint=("Plot the coherent resistance against the round-trip phase over one period and "
              "draw the incoherent value as a horizontal line.",
              "On a fine uniform grid of phases, count the points where 1/T of the coherent "
              "pair exceeds the incoherent resistance, and divide by the number of points."),
        explanation="For most round-trip phases the coherent pair resists more than the "
                    "incoherent one: a resonance is a narrow exception, which is why the "
                    "typical coherent resistance grows faster than Ohm's law."),
]
