"""Exercises of lesson 10, "Many terminals (Landauer-Büttiker)" (solutions/10_many_terminals.ipynb).

Expected answers are computed with the course physics (helpers.buttiker, helpers.multiterminal,
helpers.models.terminals), never typed in.
"""

import functools

import numpy as np

from ..buttiker import conductance_matrix, floating_voltages, four_terminal_resistance
from ..checks import ChoiceExercise, FunctionExercise, Mistake, NumericExercise, Param, Parameters
from ..constants import R0
from ..disorder import anderson_potential
from ..models.terminals import coupling_for_resistance, cross_transmissions
from ..multiterminal import Device, Lead, cross, transmission_matrix

__all__ = ["EXERCISES", "PARAMETERS", "FIXED_EXERCISES", "three_terminal_transmissions",
           "BALLISTIC_WIRE", "THRESHOLD_PROBES", "RECIPROCITY_CROSS"]

#: Disorder samples of the reciprocity cross whose answer is well conditioned: |R_{42,13}(-B)|
#: above 0.8 kΩ and at least 15 % away from both R_{42,13}(+B) and -R_{42,13}(+B) (so that the
#: named mistakes stay distinguishable from the answer).
_CROSS_SEEDS = (0, 1, 3, 4, 6, 9, 10, 12, 14, 16, 18, 19, 20, 23, 24, 25)

#: The numbers of the questions: defaults for self-study, a student's own values in homework.
PARAMETERS = Parameters(
    "terminals",
    T_12=Param(1.2, 1.0, 1.3, step=0.05, text="transmission from lead 2 into lead 1 (exercises 1-2)"),
    T_13=Param(0.2, 0.2, 0.3, step=0.05, text="from lead 3 into lead 1"),
    T_31=Param(0.6, 0.5, 0.65, step=0.05, text="from lead 1 into lead 3"),
    T_32=Param(0.3, 0.2, 0.3, step=0.05, text="from lead 2 into lead 3"),
    V1_mV=Param(0.8, 0.5, 1.2, step=0.1, text="voltage of lead 1, mV (exercises 1-2)"),
    W_wire=Param(8, choices=(5, 8, 11, 14), text="width of the clean wire, sites (exercise 4)"),
    R4t_target=Param(0.1, 0.05, 0.12, step=0.01,
                     text="four-terminal resistance to reach, h/2e² (exercise 5)"),
    cross_seed=Param(3, choices=_CROSS_SEEDS, text="disorder sample of the cross (exercise 7)"),
    input_seed=Param(7, 0, 2**31 - 1, hidden=True,
                     text="seed of a transmission matrix exercise 8's function is called with"),
)

#: Exercises whose answer no parameter changes, with the reason.
FIXED_EXERCISES = {}

#: The clean wire of the ballistic exercise apart from its width `PARAMETERS.W_wire`: length
#: (sites), energy (t: 1.2 t lies 0.2 t above a subband edge for every width of the range, so
#: the wire has (W_wire + 1)/3 open channels), probes (first column, width, coupling) on the top edge.
BALLISTIC_WIRE = dict(L=30, energy=1.2, probes=((6, 3, 0.05), (20, 3, 0.05)))
#: Columns of the two probes of the coupling-threshold exercise (lesson 10's wire otherwise).
THRESHOLD_PROBES = (8, 28)
#: The disordered cross of the reciprocity exercise apart from its sample `PARAMETERS.cross_seed`.
RECIPROCITY_CROSS = dict(W=10, disorder=2.0, energy=1.2, flux=0.01)

_KOHM = R0 / 1e3


def three_terminal_transmissions(T_12, T_13, T_31, T_32):
    """T[p, q] (3, 3) of the three-terminal device of exercises 1-2 from four of its entries.

    Leads 1, 2, 3 (indices 0, 1, 2) have N = (2, 2, 1) channels; every row and every column of T
    sums to the number of channels of its lead, which fixes the other five entries (reflections
    on the diagonal). T is not symmetric as long as T_13 != T_31 (a magnetic field).
    """
    return np.array([[2 - T_12 - T_13, T_12, T_13],
                     [T_12 + T_13 - T_31, 2 - T_12 - T_32, T_31 + T_32 - T_13],
                     [T_31, T_32, 1 - T_31 - T_32]])


def _three_terminal_T():
    p = PARAMETERS
    return three_terminal_transmissions(p.T_12, p.T_13, p.T_31, p.T_32)


def _probe_voltage(T):
    V, _ = floating_voltages(T, [PARAMETERS.V1_mV, 0.0, np.nan])
    return float(V[2])


def _probe_voltage_with_reflection():
    T = _three_terminal_T()
    return PARAMETERS.V1_mV * T[2, 0] / T[2].sum()


def _two_terminal_kohm(T):
    return four_terminal_resistance(T, 0, 1, 0, 1) * _KOHM


def _two_terminal_with_T_as_G():
    """Currents from I = T V (T used as the conductance matrix): lead 1's 'current' over V_1."""
    T = _three_terminal_T()
    V1 = PARAMETERS.V1_mV
    V = np.array([V1, 0.0, _probe_voltage(T)])
    return V1 / (T @ V)[0] * _KOHM


@functools.cache
def _ballistic_T_of(W):
    w = BALLISTIC_WIRE
    leads = ["left", "right"] + [Lead("top", x0, width, c) for x0, width, c in w["probes"]]
    T, N = transmission_matrix(Device(np.zeros((w["L"], W)), leads), w["energy"])
    T.setflags(write=False)
    return T, N


def _ballistic_T():
    return _ballistic_T_of(PARAMETERS.W_wire)


def _ballistic_two_terminal_kohm():
    return _two_terminal_kohm(_ballistic_T()[0])


def _ballistic_four_terminal_kohm():
    return four_terminal_resistance(_ballistic_T()[0], 0, 1, 2, 3) * _KOHM


def _ballistic_channels():
    return int(_ballistic_T()[1][0])


def _threshold(target, **kwargs):
    return coupling_for_resistance(target, THRESHOLD_PROBES, **kwargs)


@functools.cache
def _reciprocity_T_of(sign, seed):
    c = RECIPROCITY_CROSS
    V = anderson_potential(c["W"], c["W"], strength=c["disorder"], rng=seed)
    T = transmission_matrix(cross(c["W"], V=V), c["energy"], flux=sign * c["flux"])[0]
    T.setflags(write=False)
    return T


def _reciprocity_T(sign):
    return _reciprocity_T_of(sign, PARAMETERS.cross_seed)


def _reciprocal_kohm(sign):
    """R_{42,13} (current 4 -> 2, voltage V_1 - V_3) at flux sign * phi, in kOhm."""
    return four_terminal_resistance(_reciprocity_T(sign), 3, 1, 0, 2) * _KOHM


def _unistochastic(P, rng):
    """|U_pq|² of a random unitary (P, P): the transmissions of P single-channel leads in a field."""
    z = rng.normal(size=(P, P)) + 1j * rng.normal(size=(P, P))
    q, r = np.linalg.qr(z)
    return np.abs(q * (np.diag(r) / np.abs(np.diag(r)))) ** 2


def _conductance_inputs():
    """The exercise's own device, a random four-lead device (`PARAMETERS.input_seed`) and the
    lesson's clean and disordered crosses in a field."""
    rng = np.random.default_rng(PARAMETERS.input_seed)
    matrices = [_three_terminal_T(), _unistochastic(4, rng), cross_transmissions([0.01])[0],
                cross_transmissions([-0.006], disorder=2.0)[0]]
    return [(np.array(T),) for T in matrices]


def _off_diagonal_only(T):
    T = np.asarray(T, float)
    return -(T - np.diag(np.diag(T)))


def _with_reflections(T):
    T = np.asarray(T, float)
    return np.diag(T.sum(axis=1)) - (T - np.diag(np.diag(T)))


EXERCISES = [
    NumericExercise(
        "probe-floating-voltage", points=2, units="mV", rtol=0.01,
        expected=lambda: _probe_voltage(_three_terminal_T()),
        other_units={"V": 1e-3, "µV": 1e3},
        mistakes=[
            Mistake("You used the column of lead 3 (what lead 3 sends to the others) instead of its row "
                    "(what it receives): T[p, q] is from q into p, and in a magnetic field the two differ.",
                    value=lambda: _probe_voltage(_three_terminal_T().T)),
            Mistake("The reflection T_33 back into the probe carries no net current: it must not "
                    "enter the balance of what flows in and out of lead 3.",
                    value=_probe_voltage_with_reflection),
            Mistake("Halfway between source and drain is what a symmetric probe would read; this "
                    "probe is coupled more strongly to one of the two leads.",
                    value=lambda: PARAMETERS.V1_mV / 2),
            Mistake("That is the voltage measured from the source (V_1 - V_3); the question asks for "
                    "V_3 with the drain grounded.",
                    value=lambda: PARAMETERS.V1_mV - _probe_voltage(_three_terminal_T())),
        ],
        hint=("What does a voltage probe do to the net current in its lead?",
              "Lead 3 draws no net current: write I_3 = 0 with the row of T that belongs to lead "
              "3, and solve for V_3."),
        explanation="The probe settles at the weighted average of the voltages it receives electrons from."),

    NumericExercise(
        "probe-circuit-resistance", points=2, units="kΩ", rtol=0.01,
        expected=lambda: _two_terminal_kohm(_three_terminal_T()),
        other_units={"Ω": 1e3, "h/2e²": 1 / _KOHM},
        mistakes=[
            Mistake("That is 1/T_12 alone: the floating probe opens a second path, lead 1 → probe → "
                    "lead 2, in parallel with the direct one.",
                    value=lambda: _KOHM / _three_terminal_T()[0, 1]),
            Mistake("You multiplied the voltages by T itself. The currents need the conductance matrix: "
                    "off-diagonal -T_pq, and on the diagonal the sum of the other entries of the row "
                    "(the reflection T_11 does not count).",
                    value=_two_terminal_with_T_as_G),
            Mistake("Each channel of T carries 2e²/h with spin: the unit of resistance is h/2e² = 12.9 kΩ, "
                    "not h/e².", value=lambda: 2 * _two_terminal_kohm(_three_terminal_T())),
        ],
        hint=("Through how many paths does the current leave lead 1 when the probe floats?",
              "Find the current that leaves lead 1 (both paths, with the probe at its floating "
              "voltage), then R = V_1/I_1."),
        explanation="The direct path and the path through the probe add up; the floating probe lowers "
                    "the resistance below 1/T_12."),

    ChoiceExercise(
        "ballistic-four-terminal-prediction", points=1, paired_with="probe-coupling-threshold",
        options={
            "zero": (True, "A clean wire transmits every channel completely; a weakly coupled probe "
                           "reads the average of μ_L and μ_R anywhere along it, so the two probes read "
                           "the same. The whole resistance sits at the contacts (de Picciotto et al. 2001)."),
            "h/2e² divided by the number of channels": (False, "That is the two-terminal resistance, "
                           "measured between the reservoirs. It comes from the contacts, and both "
                           "probes sit on the same side of each contact."),
            "h/2e²": (False, "That is the contact resistance of one channel; a wire with several channels "
                             "has less, and probes that sit inside a clean wire see none of it."),
            "twice the contact resistance, one for each probe": (False, "Weakly coupled probes draw no "
                             "current and add no contact of their own to the current path."),
        },
        hint=("Where along a clean wire does the chemical potential change?",
              "Ask where electrons are scattered in a clean two-terminal wire: the chemical "
              "potential can only change where something reflects or relaxes them.")),

    NumericExercise(
        "ballistic-two-terminal-resistance", points=2, units="kΩ", rtol=0.02,
        expected=_ballistic_two_terminal_kohm,
        other_units={"Ω": 1e3, "h/2e²": 1 / _KOHM},
        mistakes=[
            Mistake("That is the four-terminal resistance, between the probes; the question asks for the "
                    "voltage between the two reservoirs.", value=_ballistic_four_terminal_kohm),
            Mistake("Zero is the four-terminal resistance, between the probes; the question asks for the "
                    "voltage between the two reservoirs.", value=lambda: 0.0),
            Mistake("That is the resistance of a single channel; count the open channels of the wire.",
                    value=lambda: _KOHM),
            Mistake("Channels conduct in parallel: their conductances add, so the resistance is divided "
                    "by the number of channels, not multiplied.",
                    value=lambda: _KOHM * _ballistic_channels()),
            Mistake("Each channel carries 2e²/h with spin; you used e²/h.",
                    value=lambda: 2 * _ballistic_two_terminal_kohm()),
        ],
        hint=("Which resistance does a clean wire have between its two contacts, and does a "
              "floating probe change it?",
              "Build the device with the engine, let the probes float, and take the voltage "
              "between leads 0 and 1 per unit current."),
        explanation="R_2t = h/(2e² N) to within the tiny disturbance of the weak probes: the contact "
                    "resistance of lesson 1, now with N channels."),

    NumericExercise(
        "probe-coupling-threshold", points=3, units="t", rtol=0.02,
        expected=lambda: _threshold(PARAMETERS.R4t_target),
        mistakes=[
            Mistake("At that coupling the two-terminal resistance has grown by the target; the question "
                    "is about the four-terminal one, the voltage between the probes.",
                    value=lambda: _threshold(PARAMETERS.R4t_target, kind="R_2t_excess")),
            Mistake("You took the target in units of h/e²; the unit of the engine's resistances is h/2e², "
                    "spin included.",
                    value=lambda: _threshold(2 * PARAMETERS.R4t_target)),
            Mistake("You read the target in kΩ; it is given in units of h/2e² ≈ 12.9 kΩ, the engine's unit.",
                    value=lambda: _threshold(PARAMETERS.R4t_target * 1e3 / R0)),
            Mistake("That is the square of the coupling (the probe's self-energy scales as c²); the "
                    "question asks for the hopping c itself.",
                    value=lambda: _threshold(PARAMETERS.R4t_target) ** 2),
        ],
        generic_mistakes=False,
        hint=("How does the four-terminal resistance change as the probes couple more strongly?",
              "Compute R_4t for a few couplings between 0.02 t and 1 t, then narrow down the "
              "crossing (bisection or scipy.optimize.brentq)."),
        explanation="Below this coupling the probes disturb the clean wire by less than the target, a "
                    "fraction of a contact resistance."),

    ChoiceExercise(
        "onsager-reciprocity-choice", points=1, paired_with="reciprocal-resistance",
        options={
            "R_{42,13}(-B)": (True, "Onsager-Büttiker reciprocity: swap the current leads with the "
                                    "voltage leads AND reverse the field."),
            "R_{13,42}(-B)": (False, "Reversing the field alone changes a four-terminal resistance: the "
                                     "Hall part changes sign, and in a disordered sample even the rest "
                                     "changes."),
            "R_{42,13}(B)": (False, "Swapping current and voltage leads at the same field is not a "
                                    "symmetry in a magnetic field; only with the field reversed."),
            "-R_{13,42}(-B)": (False, "That would be true for a pure Hall signal in a perfectly "
                                      "symmetric sample; a disordered cross has a part that is even in B."),
        },
        hint=("Reciprocity relates a measurement at B to another one at -B.",
              "Write down the Onsager-Büttiker relation for a four-terminal resistance and see "
              "which contacts and which field direction it exchanges.")),

    NumericExercise(
        "reciprocal-resistance", points=3, units="kΩ", rtol=0.02,
        expected=lambda: _reciprocal_kohm(-1),
        other_units={"Ω": 1e3, "h/2e²": 1 / _KOHM},
        mistakes=[
            Mistake("That is R_{42,13} at the field +B (the same as R_{13,42} at -B): the field must be "
                    "reversed AND the leads swapped.", value=lambda: _reciprocal_kohm(+1)),
            Mistake("Check the sign of the voltage: R_{pq,rs} = (V_r - V_s)/I with the current entering "
                    "at p; here r is lead 1 and s lead 3.", value=lambda: -_reciprocal_kohm(-1)),
            Mistake("Each channel carries 2e²/h with spin; you used e²/h.",
                    value=lambda: 2 * _reciprocal_kohm(-1)),
        ],
        generic_mistakes=False,
        hint=("Which measurement at −B is the reciprocal of the one at +B?",
              "Build the cross with the given disorder, compute T at -B, send the current in at "
              "lead 4 and out at lead 2, and read V_1 - V_3 with leads 1 and 3 floating."),
        explanation="It equals R_{13,42}(+B) to rounding: reciprocity holds sample by sample."),

    FunctionExercise(
        "conductance-matrix-function", points=3,
        forbidden=("helpers.buttiker.conductance_matrix", "helpers.buttiker.lead_currents"),
        reference=lambda T: conductance_matrix(T),
        inputs=_conductance_inputs,
        rtol=1e-9, atol=1e-12, generic_mistakes=False,
        mistakes=[
            Mistake("You returned T itself (or -T): the conductance matrix has -T_pq off the diagonal and "
                    "on the diagonal what lead p sends into all other leads.",
                    value=lambda T: np.asarray(T, float)),
            Mistake("The diagonal is missing: with G_pp = 0, equal voltages on all leads would drive "
                    "currents. Each row of G must sum to zero.", value=_off_diagonal_only),
            Mistake("The reflection T_pp back into lead p must not enter G_pp: an electron that comes "
                    "back carries no net current.", value=_with_reflections),
            Mistake("Rows and columns are swapped: G_pq with p the lead whose current you compute and q "
                    "the lead whose voltage drives it, so G_pq = -T_pq (from q into p).",
                    value=lambda T: conductance_matrix(np.asarray(T, float).T)),
            Mistake("Check the sign: I_p = sum_q G_pq V_q is the current flowing from reservoir p into "
                    "the device, so G has positive diagonal entries.",
                    value=lambda T: -conductance_matrix(T)),
        ],
        hint=("Which current flows when all voltages are equal, and what does that say about each"
              " row?",
              "I_p = Σ_q T_pq (V_p - V_q), written as I = G V; the diagonal collects the V_p "
              "terms."),
        explanation="Your G agrees with Büttiker's conductance matrix on every test device."),
]
