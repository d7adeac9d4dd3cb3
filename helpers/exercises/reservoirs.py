"""Exercises of lesson 2, "Reservoirs and the Fermi window" (solutions/02_reservoirs_and_fermi_window.ipynb).

Every expected answer is computed with helpers.landauer, helpers.models.reservoirs, helpers.fermi and
helpers.constants; the mistakes are computed from the physics of the typical wrong idea.
"""

import functools

import numpy as np
from scipy.integrate import simpson
from scipy.optimize import brentq

from ..checks import Case, ChoiceExercise, FunctionExercise, Mistake, NumericExercise, Param, Parameters
from ..constants import G0, kT_eV
from ..fermi import fermi
from ..landauer import conductance, current_ampere
from ..models.reservoirs import resonance_transmission, step_transmission, two_temperature_current

__all__ = ["EXERCISES", "PARAMETERS", "fermi_inputs"]

#: The numbers of the questions: defaults for self-study, a student's own values in homework.
#: Ranges keep each regime of the text: the level well inside the bias window yet with thermal
#: tails that matter (the zero-temperature current off by more than the tolerance), a channel
#: opening a fraction of kT to ~2 kT above mu, mu_L - mu_R never the default's by chance, a left
#: reservoir at least twice as hot as the right one and a step a few kT above mu (the
#: thermocurrent flows left to right, and the linear-response thermovoltage is off by > 5 %).
PARAMETERS = Parameters(
    "reservoirs",
    level_meV=Param(1.0, 1.0, 1.4, step=0.05,
                    text="resonant level above mu, meV (exercise 1)"),
    gamma_meV=Param(0.1, 0.08, 0.12, step=0.01,
                    text="its coupling to each lead, Gamma_L = Gamma_R, meV (exercise 1)"),
    bias_mV=Param(6.0, 5.4, 6.0, step=0.2, text="bias, mV (exercise 1)"),
    temp_level_K=Param(4.2, 4.2, 5.0, step=0.1, text="temperature, K (exercise 1)"),
    threshold_meV=Param(0.5, 0.3, 0.7, step=0.05,
                        text="channel threshold E0 above mu, meV (exercise 2)"),
    temp_channel_K=Param(4.0, 3.0, 5.0, step=0.5, text="temperature, K (exercise 2)"),
    mu_L=Param(0.35, 0.35, 0.45, step=0.01, text="left chemical potential, t (exercise 3)"),
    mu_R=Param(0.05, 0.0, 0.05, step=0.01, text="right chemical potential, t (exercise 3)"),
    kT_L=Param(0.1, 0.06, 0.14, step=0.01, text="left k_B T, t (exercise 3)"),
    kT_R=Param(0.02, 0.01, 0.03, step=0.005, text="right k_B T, t (exercise 3)"),
    kT_hot=Param(0.04, 0.04, 0.05, step=0.005,
                 text="k_B T of the hot left reservoir, t (exercises 4, 6-8)"),
    kT_cold=Param(0.02, 0.015, 0.02, step=0.0025,
                  text="k_B T of the cold right reservoir, t (exercises 4, 6-8)"),
    E0_step=Param(0.05, 0.03, 0.05, step=0.01,
                  text="threshold of the step above mu, t (exercises 4, 6-8)"),
    input_seed=Param(7, 0, 2**31 - 1, hidden=True,
                     text="seed of the ordinary inputs exercise 5's function is called with"),
)


def _resonance_T(E):
    P = PARAMETERS
    return resonance_transmission(E, P.level_meV * 1e-3, gamma_left=P.gamma_meV * 1e-3,
                                  gamma_right=P.gamma_meV * 1e-3)


def _resonance_current_nA(kT=None):
    P = PARAMETERS
    V = P.bias_mV * 1e-3
    kT = kT_eV(P.temp_level_K) if kT is None else kT
    return current_ampere(_resonance_T, V / 2, -V / 2, kT, points=[P.level_meV * 1e-3]) * 1e9


def _step_conductance_uS():
    E0 = PARAMETERS.threshold_meV * 1e-3
    kT = kT_eV(PARAMETERS.temp_channel_K)
    return conductance(lambda E: step_transmission(E, E0), 0.0, kT, points=[E0]) * G0 * 1e6


def _window_integral():
    P = PARAMETERS
    return two_temperature_current(lambda E: 1.0, P.mu_L, P.mu_R, P.kT_L, P.kT_R)


def _window_between_mus():
    """The typical wrong answer: the window integrated only from mu_R to mu_L."""
    from scipy.integrate import quad
    P = PARAMETERS
    return quad(lambda E: fermi(E, P.mu_L, P.kT_L) - fermi(E, P.mu_R, P.kT_R), P.mu_R, P.mu_L)[0]


def _thermo():
    """(E0, kT_L, kT_R) of the thermoelectric exercises 4, 6-8 (units of t)."""
    return PARAMETERS.E0_step, PARAMETERS.kT_hot, PARAMETERS.kT_cold


def _thermocurrent():
    E0, kT_L, kT_R = _thermo()
    return two_temperature_current(lambda E: step_transmission(E, E0), 0.0, 0.0, kT_L, kT_R,
                                   points=[E0])


def _thermo_step_current(E0, mu_L=0.0, mu_R=0.0, kT_L=None, kT_R=None):
    """Current (2e t/h) through a sharp step at E0 between the hot and the cold reservoir
    (`PARAMETERS.kT_hot`, `.kT_cold` unless `kT_L`, `kT_R` are given).

    The step transmits nothing below E0, so the Fermi window is integrated from E0 up to 40 kT
    above the higher chemical potential (Simpson on 20001 points; the window's tails are smooth,
    the integral converges to ~1e-12 relative; cross-checked against
    `two_temperature_current` in the tests).
    """
    kT_L = PARAMETERS.kT_hot if kT_L is None else kT_L
    kT_R = PARAMETERS.kT_cold if kT_R is None else kT_R
    kT = max(kT_L, kT_R)
    E = np.linspace(E0, max(mu_L, mu_R, E0) + 40 * kT, 20001)
    window = step_transmission(E, E0) * (fermi(E, mu_L, kT_L) - fermi(E, mu_R, kT_R))
    window[0] = fermi(E0, mu_L, kT_L) - fermi(E0, mu_R, kT_R)   # T = 1 just above E0
    return float(simpson(window, x=E))


def _mirror_E0():
    """The step of exercises 6-7: the threshold moved to the other side of mu, -E0."""
    return -PARAMETERS.E0_step


def _hot_side_alone():
    """The slip: the hot side's occupation integrated above the step, f_R forgotten."""
    kT_L = PARAMETERS.kT_hot
    return kT_L * np.log1p(np.exp(-(_mirror_E0() / kT_L)))


@functools.cache
def _thermovoltage_of(E0, kT_L, kT_R, split):
    shift = {"symmetric": (0.5, -0.5), "left": (1.0, 0.0), "right": (0.0, -1.0)}[split]
    current = lambda V: _thermo_step_current(E0, shift[0] * V, shift[1] * V, kT_L, kT_R)
    return brentq(current, -10 * E0, 10 * E0, xtol=1e-12)


def _thermovoltage(split="symmetric"):
    """Bias V (units of t/e) at which the thermocurrent through the step vanishes.

    split: "symmetric" (mu_L = eV/2, mu_R = -eV/2, the course convention), "left" (mu_L = eV,
    mu_R = 0) or "right" (mu_L = 0, mu_R = -eV): the last two are the slips.
    """
    return _thermovoltage_of(*_thermo(), split)


def _linear_thermovoltage():
    """The slip: V = -I(0)/G from the zero-bias current and the linear conductance."""
    E0, kT_L, kT_R = _thermo()
    step = lambda E: step_transmission(E, E0)
    G = np.mean([conductance(step, 0.0, kT, points=[E0]) for kT in (kT_L, kT_R)])  # dI/dV at V = 0
    return -_thermo_step_current(E0) / G


def fermi_inputs():
    """Arguments (E, mu, kT) the checker feeds to the student's Fermi function: ordinary ones
    drawn with `PARAMETERS.input_seed` (a homework variant is called on inputs its student never
    saw) and the fixed hard ones."""
    rng = np.random.default_rng(PARAMETERS.input_seed)
    mu, kT = rng.uniform(-0.3, 0.3), rng.uniform(0.05, 0.2)
    mu_half = rng.uniform(-0.5, 0.5)
    return [
        (np.linspace(-1.0, 1.0, 9), mu, kT),
        (mu_half, mu_half, rng.uniform(0.01, 0.1)),    # E = mu: exactly 1/2
        Case(np.array([-100.0, 100.0]), 0.0, 1e-9,     # |E - mu| / kT = 1e11: overflow trap
             note="|E − μ|/kT = 1e11: exp overflows (math.exp raises, numpy gives inf).", precision=True),
        Case(np.array([-800.0, -30.0, 30.0, 800.0]), 0.0, 1.0,
             note="|E − μ|/kT = 800: exp(800) overflows.", precision=True),
        Case(np.array([-0.5, 0.0, 0.5]), 0.0, 0.0,     # kT = 0: the step, 1/2 at E = mu
             note="kT = 0: (E − μ)/kT is ±inf, or 0/0 at E = μ, where f = 1/2."),
        (rng.uniform(-0.2, 0.4, size=(2, 2)), 0.1, 0.02),  # any shape
    ]


def _thermo_sign_text():
    return "left to right" if _thermocurrent() > 0 else "right to left"


EXERCISES = [
    NumericExercise(
        "resonance-current", points=2, units="nA",
        expected=_resonance_current_nA,
        other_units={"A": 1e-9, "µA": 1e-3, "pA": 1e3},
        mistakes=[
            Mistake("That is the current of a perfect channel (T = 1) across the whole window; "
                    "here T(E) is a resonance, 1 only at its peak: integrate T(E) over the window.",
                    value=lambda: G0 * PARAMETERS.bias_mV * 1e-3 * 1e9),
            Mistake("That is the current of one spin direction: the factor 2 of 2e/h is spin.",
                    factor=0.5),
            Mistake("That is the current at zero temperature: at the temperature given the Fermi "
                    "functions have tails, and the part of the resonance near the window's edges "
                    "is not fully in it.", value=lambda: _resonance_current_nA(kT=0.0)),
        ],
        rtol=2e-3,
        hint=("Does the level sit fully inside the bias window at this temperature, and does "
              "temperature matter here?",
              "Build T(E) with helpers.models.reservoirs.resonance_transmission (energies in eV) "
              "and use helpers.landauer.current_ampere with the bias split symmetrically over the"
              " leads and kT from helpers.constants.kT_eV."),
        explanation="Almost all of the resonance lies inside the window, so I is just below "
                    "(2e/h) e × 2πΓ_LΓ_R/(Γ_L+Γ_R), the full area under T(E): that area, not the "
                    "bias, sets the current."),
    NumericExercise(
        "linear-response-conductance", points=2, units="µS",
        expected=_step_conductance_uS,
        other_units={"S": 1e-6, "mS": 1e-3, "units of 2e²/h": 1 / (G0 * 1e6)},
        mistakes=[
            Mistake("At zero temperature the channel would indeed be closed at mu, but here "
                    "kT is comparable to E0 - mu: electrons in the thermal tail get through.",
                    value=lambda: 0.0),
            Mistake("That is the conductance of an open channel, G0: the channel opens above mu, "
                    "so only a fraction of the thermal window is transmitted.",
                    value=lambda: G0 * 1e6),
        ],
        hint=("At finite temperature, does a channel that opens above μ conduct at all?",
              "G/G0 = ∫ T(E) (-df/dE) dE: helpers.landauer.conductance with a sharp step "
              "(helpers.models.reservoirs.step_transmission), energies in eV."),
        explanation="For a sharp step the thermal average is a Fermi function: G = G0 f(E0 - mu)."),
    NumericExercise(
        "fermi-window-integral", points=2, units="t",
        expected=_window_integral,
        rtol=1e-4,
        mistakes=[
            Mistake("The window has tails outside [mu_R, mu_L] (a wide one on the hot side): "
                    "integrate over all energies.", value=_window_between_mus),
        ],
        hint=("Do the two temperatures change the area under f_L − f_R?",
              "Integrate fermi(E, mu_L, kT_L) - fermi(E, mu_R, kT_R) over a range many kT wider "
              "than the window on both sides (np.trapezoid on a fine grid is enough)."),
        explanation="∫(f_L - f_R) dE = mu_L - mu_R at any temperatures: each ∫(f - step) dE "
                    "vanishes, because f minus the zero-temperature step is odd about mu."),
    ChoiceExercise(
        "thermocurrent-sign", points=2, paired_with="fermi-window-integral",
        options={
            "left to right": (_thermo_sign_text() == "left to right",
                              "Hot electrons above mu get through the open channel; below mu, "
                              "where the hot side's empty states are, T is small."),
            "right to left": (_thermo_sign_text() == "right to left",
                              "Which side has more electrons at energies where T is large?"),
            "no current": (False, "There is no bias, but f_L ≠ f_R at every E ≠ mu: the window "
                                  "is not zero, and T(E) weighs its two lobes differently."),
        },
        hint=("Sketch f_L - f_R for equal mu and kT_L > kT_R: where is it positive?",
              "Only energies where T(E) is nonzero count: compare the sign of f_L − f_R above μ "
              "with that below, and see which side the step lets through.")),
    FunctionExercise(
        "fermi-function", points=2, forbidden=("helpers.fermi", "helpers.fermi.fermi", "helpers.fermi._occupation",
                   "helpers.bias_window"),
        reference=fermi, inputs=fermi_inputs, rtol=1e-9, atol=1e-300,
        mistakes=[
            Mistake("Your occupation rises with energy: check the sign in the exponent.",
                    value=lambda E, mu, kT: 1.0 - fermi(E, mu, kT)),
            Mistake("That is the Boltzmann factor exp(−(E − μ)/kT): it exceeds 1 below μ. The +1 "
                    "in the denominator is Pauli's exclusion.",
                    value=lambda E, mu, kT: np.exp(-(np.asarray(E, float) - mu) / kT)),
        ],
        hint=("What does your function do for huge |E − μ|/kT, for kT = 0 and for arrays?",
              "f(E) = 1/(exp((E - mu)/kT) + 1). Make it work for arrays, for huge |E - mu|/kT "
              "(math.exp overflows; numpy or scipy.special.expit do not) and for kT = 0 (1 below "
              "mu, 0 above, 1/2 at E = mu)."),
        explanation="A numerically safe Fermi function: the bias window is the difference of two."),
    ChoiceExercise(
        "thermocurrent-step-below-prediction", points=1, paired_with="thermocurrent-step-below",
        options={
            "reversed": (False, "That is what happens to a resonant level moved below mu, whose "
                                "T(E) falls there. Does the step's T(E) rise or fall near its "
                                "threshold? Test it in the next exercise."),
            "same direction": (True, "Yes: now compute it in the next exercise."),
            "no current": (False, "The window f_L - f_R is not zero and the step weighs its two "
                                  "lobes differently, wherever it sits. Test it in the next "
                                  "exercise."),
        },
        hint=("What decides the direction of a thermocurrent: where the channel opens, or "
              "how T(E) changes with energy there?",
              "Sketch f_L - f_R (equal mu, hot left) and the step T(E) opening below mu. Which "
              "lobe of the window does the step cut off, and what sign does that lobe carry?"),
        explanation="The direction follows the slope of T(E), not the side of mu the channel "
                    "opens on."),

    NumericExercise(
        "thermocurrent-step-below", points=2, units="2et/h", rtol=0.01, close=0.03,
        expected=lambda: _thermo_step_current(_mirror_E0()),
        mistakes=[
            Mistake("There is a current: the window f_L - f_R is not zero at E ≠ mu, and the "
                    "step does not transmit its two lobes equally.", value=lambda: 0.0),
            Mistake("You integrated the hot side's occupation alone; the current is the "
                    "difference of the two reservoirs' occupations.", value=_hot_side_alone),
        ],
        hint=("With no bias and a temperature difference, which energies carry a net flow, and "
              "which of them does the channel let through?",
              "Integrate T(E) times the difference of the two Fermi functions (each at its own "
              "temperature) over a range many kT wide on both sides of mu, on a fine grid."),
        explanation="The same current as with the step above mu: the Fermi window is odd about "
                    "mu, so the part of it between the two thresholds integrates to zero."),

    NumericExercise(
        "step-thermovoltage", points=3, units="t/e", rtol=0.01, close=0.03,
        expected=_thermovoltage,
        mistakes=[
            Mistake("You shifted only the left chemical potential by eV; the course splits "
                    "the bias, mu_L = +eV/2 and mu_R = −eV/2.", value=lambda: _thermovoltage("left")),
            Mistake("You shifted only the right chemical potential by −eV; the course splits "
                    "the bias, mu_L = +eV/2 and mu_R = −eV/2.", value=lambda: _thermovoltage("right")),
            Mistake("That is the linear-response estimate (zero-bias current over the zero-bias "
                    "conductance). The current is not linear in V over this range: find the bias "
                    "where the full current vanishes.", value=_linear_thermovoltage),
        ],
        hint=("Which sign must the bias have to push electrons against the thermocurrent, and "
              "how does the current change as you raise it?",
              "Write the current as a function of V (bias split symmetrically, each reservoir "
              "at its own temperature), bracket its zero between two biases of opposite current "
              "and solve with scipy.optimize.brentq (or bisect by hand)."),
        explanation="A bias of a few hundredths of t against the hot-to-cold flow stops it: this "
                    "open-circuit voltage is the thermovoltage, and its ratio to the temperature "
                    "difference is the thermopower."),
]
