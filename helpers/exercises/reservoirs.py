"""Exercises of lesson 2, "Reservoirs and the Fermi window" (solutions/02_reservoirs_and_fermi_window.ipynb).

Every expected answer is computed with helpers.landauer, helpers.models.reservoirs, helpers.fermi and
helpers.constants; the mistakes are computed from the physics of the typical wrong idea.
"""

import numpy as np

from ..checks import Case, ChoiceExercise, FunctionExercise, Mistake, NumericExercise
from ..constants import G0, kT_eV
from ..fermi import fermi
from ..landauer import conductance, current_ampere
from ..models.reservoirs import resonance_transmission, step_transmission, two_temperature_current

__all__ = ["EXERCISES", "RESONANCE", "STEP", "WINDOW", "THERMO", "fermi_inputs"]

#: resonance-current: level (eV), couplings Gamma_L = Gamma_R (eV), bias (V), temperature (K).
RESONANCE = dict(level=1.0e-3, gamma=0.1e-3, bias=6.0e-3, temperature=4.2)
#: linear-response-conductance: a sharp channel opening E0 above mu (eV), temperature (K).
STEP = dict(E0=0.5e-3, temperature=4.0)
#: fermi-window-integral: mu_L, mu_R, kT_L, kT_R in units of t.
WINDOW = dict(mu_L=0.35, mu_R=0.05, kT_L=0.1, kT_R=0.02)
#: thermocurrent-sign: equal mu = 0, kT_L, kT_R (t), a sharp step at E0 (t).
THERMO = dict(kT_L=0.04, kT_R=0.02, E0=0.05)


def _resonance_T(E):
    return resonance_transmission(E, RESONANCE["level"], gamma_left=RESONANCE["gamma"],
                                  gamma_right=RESONANCE["gamma"])


def _resonance_current_nA(kT=None):
    V = RESONANCE["bias"]
    kT = kT_eV(RESONANCE["temperature"]) if kT is None else kT
    return current_ampere(_resonance_T, V / 2, -V / 2, kT, points=[RESONANCE["level"]]) * 1e9


def _step_T(E):
    return step_transmission(E, STEP["E0"])


def _step_conductance_uS():
    kT = kT_eV(STEP["temperature"])
    return conductance(_step_T, 0.0, kT, points=[STEP["E0"]]) * G0 * 1e6


def _window_integral():
    w = WINDOW
    return two_temperature_current(lambda E: 1.0, w["mu_L"], w["mu_R"], w["kT_L"], w["kT_R"])


def _window_between_mus():
    """The typical wrong answer: the window integrated only from mu_R to mu_L."""
    from scipy.integrate import quad
    w = WINDOW
    return quad(lambda E: fermi(E, w["mu_L"], w["kT_L"]) - fermi(E, w["mu_R"], w["kT_R"]),
                w["mu_R"], w["mu_L"])[0]


def _thermocurrent():
    t = THERMO
    return two_temperature_current(lambda E: step_transmission(E, t["E0"]), 0.0, 0.0,
                                   t["kT_L"], t["kT_R"], points=[t["E0"]])


def fermi_inputs():
    """Arguments (E, mu, kT) the checker feeds to the student's Fermi function."""
    return [
        (np.linspace(-1.0, 1.0, 9), 0.2, 0.1),
        (0.3, 0.3, 0.05),                              # E = mu: exactly 1/2
        Case(np.array([-100.0, 100.0]), 0.0, 1e-9,     # |E - mu| / kT = 1e11: overflow trap
             note="|E − μ|/kT = 1e11: exp overflows (math.exp raises, numpy gives inf).", precision=True),
        Case(np.array([-800.0, -30.0, 30.0, 800.0]), 0.0, 1.0,
             note="|E − μ|/kT = 800: exp(800) overflows.", precision=True),
        Case(np.array([-0.5, 0.0, 0.5]), 0.0, 0.0,     # kT = 0: the step, 1/2 at E = mu
             note="kT = 0: (E − μ)/kT is ±inf, or 0/0 at E = μ, where f = 1/2."),
        (np.array([[0.0, 0.1], [0.2, 0.3]]), 0.1, 0.02),  # any shape
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
                    value=lambda: G0 * RESONANCE["bias"] * 1e9),
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
]
