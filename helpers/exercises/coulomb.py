"""Exercises of lesson 9, "Coulomb blockade" (solutions/09_coulomb_blockade.ipynb).

Every expected answer is computed with helpers.models.coulomb and helpers.constants; the mistakes
are computed from the physics of the typical wrong idea (e^2/C without the 1/2, one junction's
capacitance instead of C_sigma, the total instead of the gate capacitance, kT = E_C instead of
E_C/10, the rate of the reverse process, the diamond's tip read as E_C, the number of junctions
forgotten, the half width taken for the full width, k_BT left in meV).
"""

from functools import lru_cache

import numpy as np
from scipy.optimize import brentq

from ..checks import Case, ChoiceExercise, FunctionExercise, Mistake, NumericExercise, Param, Parameters
from ..constants import K_B_EV_PER_K
from ..models.coulomb import (SET, cbt_conductance, cbt_width_factor, charging_energy_meV,
                              gate_period_mV, kT_meV, orthodox_rate, set_conductance)

__all__ = ["EXERCISES", "PARAMETERS", "FIXED_EXERCISES", "BLOCKADE_FRACTION", "rate_inputs",
           "diamond_device", "fading_device", "THERMOMETER", "THERMOMETER_RUNS_K",
           "thermometer_measurement"]

#: The numbers of the questions: defaults for self-study, a student's own values in homework.
PARAMETERS = Parameters(
    "coulomb",
    C_junction=Param(300.0, 250.0, 350.0, step=25.0,
                     text="capacitance of each junction of the island, aF (exercises 1-3)"),
    C_gate=Param(100.0, 60.0, 140.0, step=20.0, text="its gate capacitance, aF (exercises 1-3)"),
    C_diamond=Param(120.0, 80.0, 200.0, step=10.0,
                    text="junction capacitance of the transistor of exercise 5, aF"),
    C_fade=Param(150.0, 100.0, 200.0, step=10.0,
                 text="junction capacitance of the transistor of exercise 6, aF"),
    cbt_run=Param(0, 0, 4, text="which run of the thermometer was measured (exercise 8)"),
    peak_sample=Param(0, 0, 4, text="which transistor's peak was measured (exercise 9)"),
    T_peak=Param(0.15, 0.10, 0.20, step=0.01, text="temperature of that measurement, K "
                                                   "(exercise 9)"),
    input_seed=Param(909, 0, 2**31 - 1, hidden=True,
                     text="seed of the energies exercise 4's function is called with"),
)

#: Exercises whose answer no parameter changes, with the reason (none: every one varies).
FIXED_EXERCISES = {}

#: The blockade is deep (valleys 100 times below the peaks) for kT below this fraction of E_C.
BLOCKADE_FRACTION = 0.1
#: The thermometer of exercise cbt-dip-temperature: N junctions of capacitance C_aF, measured
#: over the same bias sweep (V_max_mV) in every run; the temperature is what the student measures.
THERMOMETER = dict(N=8, C_aF=3000.0, V_max_mV=25 * 8 * 1.2 * K_B_EV_PER_K * 1e3)
#: The temperatures (K) of the thermometer's runs, by the parameter `cbt_run` (hidden from the
#: student: the dip's width tells it).
THERMOMETER_RUNS_K = (0.62, 0.5, 0.75, 0.9, 1.2)
#: The transistors (C1, C2, Cg in aF) whose Coulomb peak exercise lever-arm-from-peak-width
#: measures, by the parameter `peak_sample`: lever arms 0.09-0.17, all peaks resolved within
#: the +-1 mV sweep at every temperature of the range.
PEAK_DEVICES = ((120.0, 180.0, 40.0), (150.0, 150.0, 30.0), (100.0, 150.0, 40.0),
                (110.0, 145.0, 45.0), (100.0, 150.0, 50.0))


def _C_sigma():
    return 2 * PARAMETERS.C_junction + PARAMETERS.C_gate


def _E_C():
    return charging_energy_meV(_C_sigma())


def _temperature_K(energy_meV):
    return energy_meV * 1e-3 / K_B_EV_PER_K


def diamond_device(C_junction_aF=None):
    """The transistor of exercise diamond-charging-energy: equal junctions of `C_junction_aF`
    (default `PARAMETERS.C_diamond`), a 60 aF gate, 300 kOhm junctions."""
    C = PARAMETERS.C_diamond if C_junction_aF is None else C_junction_aF
    return SET(C1_aF=C, C2_aF=C, Cg_aF=60.0, R1_kohm=300.0, R2_kohm=300.0)


def fading_device(C_junction_aF=None):
    """The transistor of exercise peak-contrast-temperature: the lesson's `SET()` with junctions
    of `C_junction_aF` (default `PARAMETERS.C_fade`)."""
    C = PARAMETERS.C_fade if C_junction_aF is None else C_junction_aF
    return SET(C1_aF=C, C2_aF=C)


def rate_inputs():
    """(W, kT) pairs the checker feeds to the student's rate function (W an array); the plain
    cases drawn with `PARAMETERS.input_seed` (a homework variant is called on inputs its student
    never saw)."""
    rng = np.random.default_rng(PARAMETERS.input_seed)
    kT = rng.uniform(0.3, 0.7)
    return [
        (np.r_[rng.uniform(-2.5, -0.2, 2), 0.0, rng.uniform(0.2, 2.5, 2)], kT),
        Case(np.array([0.0, 1e-9]), 1.0,
             note="W → 0: W/(1 − exp(−W/kT)) is 0/0 at W = 0, and for tiny W/kT 1 − exp(−W/kT) "
                  "loses most of its digits; np.expm1 keeps them.", precision=True),
        Case(np.array([-60.0, -1e-3, 1e-3, 60.0]), 2.0,
             note="|W| ≫ kT and W ≈ 0 side by side: both limits in one array."),
        Case(np.array([-4000.0, 0.0, 4000.0]), 1.0,
             note="|W|/kT = 4000: exp(W/kT) overflows to inf for the uphill event."),
        (np.sort(rng.uniform(-1.0, 1.0, 9)), rng.uniform(0.15, 0.35)),
    ]


def thermometer_measurement(run=None):
    """A measured dip: (V in mV, G/G_T) of the thermometer `THERMOMETER` in run number `run`
    (default `PARAMETERS.cbt_run`; the notebook passes its parameters cell's name).

    Returns
    -------
    V : ndarray, shape (4001,)
        Bias across the whole chain in mV (the same sweep in every run).
    G : ndarray, shape (4001,)
        Conductance normalized to its large-bias value.
    """
    T = THERMOMETER_RUNS_K[PARAMETERS.cbt_run if run is None else run]
    V = np.linspace(-1.0, 1.0, 4001) * THERMOMETER["V_max_mV"]
    return V, np.asarray(cbt_conductance(V, T, THERMOMETER["N"], THERMOMETER["C_aF"]))


def _measured_temperature():
    """The temperature from the sampled dip's full width (5.44 N k_BT/e), in K."""
    from ..models.coulomb import dip_full_width

    V, G = thermometer_measurement()
    width = dip_full_width(V, G)
    return _temperature_K(width / (cbt_width_factor() * THERMOMETER["N"]))


@lru_cache(maxsize=16)
def _contrast_temperature_of(C_junction_aF):
    device = fading_device(C_junction_aF)
    G_inf = 1e3 / device.R_sum_kohm

    def contrast(T):
        return (set_conductance(device.gate_period_mV / 2, T, device)
                - set_conductance(0.0, T, device) - G_inf / 4)

    return brentq(contrast, 0.1, 5.0, xtol=1e-10)


def _contrast_temperature():
    """Temperature (K) at which peak minus valley of the transistor's G falls to G_inf/4."""
    return _contrast_temperature_of(PARAMETERS.C_fade)


EXERCISES = [
    NumericExercise(
        "charging-energy", points=1, units="meV",
        expected=_E_C,
        other_units={"µeV": 1e3, "eV": 1e-3},
        mistakes=[
            Mistake("The charging energy is e²/2C_Σ: you are a factor 2 too large.", factor=2),
            Mistake("The island is charged against all its capacitances, C_Σ = C₁ + C₂ + C_g, "
                    "not one junction alone.", value=lambda: charging_energy_meV(PARAMETERS.C_junction)),
            Mistake("The gate capacitance belongs to C_Σ too.",
                    value=lambda: charging_energy_meV(2 * PARAMETERS.C_junction)),
        ],
        hint=("Which capacitance sets the cost of one extra electron on the island?",
              "E_C = e²/(2 C_Σ) with C_Σ the sum of all capacitances to the island; with e in "
              "coulomb and C in farad this is in joule; divide by e for eV. 1 aF = 10⁻¹⁸ F."),
        explanation="Equivalently, E_C = 80.1 meV / (C_Σ in aF)."),

    NumericExercise(
        "coulomb-gate-period", points=1, units="mV",
        expected=lambda: gate_period_mV(PARAMETERS.C_gate),
        other_units={"V": 1e-3},
        mistakes=[
            Mistake("The gate acts through its own capacitance: one more electron each time "
                    "C_g V_g grows by e. C_Σ sets the charging energy, not the gate period.",
                    value=lambda: gate_period_mV(_C_sigma())),
            Mistake("One period adds one whole electron (Δn_g = 1), not half of one.", factor=0.5),
        ],
        hint=("How much induced charge separates two neighbouring Coulomb peaks?",
              "n_g = C_g V_g / e grows by 1 from one Coulomb peak to the next: solve for the "
              "gate-voltage step."),
        explanation="The peaks repeat every e/C_g in gate voltage."),

    NumericExercise(
        "blockade-temperature", points=2, units="K", rtol=2e-3,
        expected=lambda: _temperature_K(BLOCKADE_FRACTION * _E_C()),
        other_units={"mK": 1e3},
        mistakes=[
            Mistake("At k_BT = E_C the blockade is already gone; the question asks for a deep "
                    "blockade, k_BT = E_C/10.", factor=1 / BLOCKADE_FRACTION),
            Mistake("Check E_C first: it is e²/2C_Σ (you seem to have used e²/C_Σ).", factor=2),
        ],
        hint=("Below which temperature is the blockade deep, in terms of E_C?",
              "Solve k_B T = (the fraction of E_C given) for T; k_B in eV/K is "
              "helpers.constants.K_B_EV_PER_K."),
        explanation="Below this temperature the conductance valleys are more than 100 times "
                    "below the peaks (lesson 9)."),

    FunctionExercise(
        "orthodox-rate", points=3, reference=orthodox_rate,
        forbidden=("helpers.models.coulomb.orthodox_rate", "helpers.models.coulomb.tunnel_rate"), inputs=rate_inputs, rtol=1e-8, atol=1e-300,
        mistakes=[
            Mistake("That is the rate of the reverse process, W/(exp(W/kT) - 1): an event that "
                    "gains energy must be the fast one.", value=lambda W, kT: orthodox_rate(-W, kT)),
            Mistake("Multiply by kT: the rate (times e²R) has the units of an energy, W/(1 - e^(-W/kT)).",
                    value=lambda W, kT: orthodox_rate(W, kT) / kT),
        ],
        hint=("What happens to your formula at W = 0, at |W| ≫ kT, and for tiny W/kT?",
              "Γ e²R = W/(1 - exp(-W/kT)). At W = 0 the formula is 0/0: its limit is kT. "
              "np.expm1(x) = exp(x) - 1 is accurate for small x; np.where picks values "
              "elementwise (evaluate the formula on a safe array where W = 0)."),
        explanation="kT at W = 0, W for W ≫ kT, |W| e^(-|W|/kT) for W ≪ -kT."),

    NumericExercise(
        "diamond-charging-energy", points=3, units="meV", rtol=0.01,
        expected=lambda: diamond_device().E_C_meV,
        other_units={"µeV": 1e3},
        mistakes=[
            Mistake("That is the bias at the diamond's tip, e/C_Σ, expressed as an energy. With "
                    "a symmetric bias each junction sees only half of it: how does the tip "
                    "relate to E_C?", factor=2),
            Mistake("The tip sits at twice E_C/e, not half of it: each junction gets V/2, and "
                    "the first electron must pay E_C.", factor=0.5),
            Mistake("That is the gate period e/C_g: read the tip along the bias axis, at the "
                    "gate voltage of a valley.", value=lambda: diamond_device().gate_period_mV),
        ],
        hint=("Along which line through the diamond is the threshold bias directly related to "
              "E_C?",
              "Cut through the middle of a diamond (n_g = 0, V_g = 0) and find the smallest bias "
              "at which current flows at zero temperature. At n_g = 0 each junction gets half the"
              " bias; the first electron on or off the island costs E_C."),
        explanation="The diamond's tips sit at V = ±e/C_Σ = ±2E_C/e; its gate width is e/C_g."),

    NumericExercise(
        "peak-contrast-temperature", points=3, units="K", rtol=0.01,
        expected=_contrast_temperature,
        other_units={"mK": 1e3},
        mistakes=[
            Mistake("That is the temperature of the charging energy, E_C/k_B: by then the "
                    "oscillations have almost gone.",
                    value=lambda: fading_device().E_C_meV / kT_meV(1.0)),
            Mistake("That is k_BT in meV; the question asks for the temperature in kelvin.",
                    value=lambda: kT_meV(_contrast_temperature())),
        ],
        hint=("How do the peak and the valley conductance change as the temperature rises?",
              "Compute the linear conductance at the top of a peak (n_g = 1/2) and in the middle "
              "of a valley (n_g = 0) for a few temperatures. Find the temperature where their "
              "difference is G_∞/4 with a root finder (scipy.optimize.brentq)."),
        explanation="The peaks keep their height G_∞/2 while they widen; the contrast is lost "
                    "because the valleys fill in, at k_BT about a third of E_C."),

    ChoiceExercise(
        "cbt-width-capacitance", points=1,
        options={
            "it stays the same": (True, "The width is 5.44 N k_BT/e: only temperature and the "
                                  "number of junctions enter. The capacitance sets the depth."),
            "it halves": (False, "Doubling C halves E_C and the depth of the dip, not its width."),
            "it doubles": (False, "The width carries no capacitance at all."),
        },
        hint=("Which energy sets how far in bias the dip extends, E_C or k_BT?",
              "Recall the width law of the lesson and check which energies appear in it."),
        explanation="This is why the dip is a primary thermometer: no calibration of C needed."),

    NumericExercise(
        "cbt-dip-temperature", points=3, units="K", rtol=0.01,
        expected=_measured_temperature,
        other_units={"mK": 1e3},
        mistakes=[
            Mistake("The width 5.44 k_BT/e is per junction: the bias divides over all N of them.",
                    value=lambda: _measured_temperature() * THERMOMETER["N"]),
            Mistake("5.44 N k_BT/e is the full width at half depth; you used half of it.",
                    factor=0.5),
            Mistake("That is k_BT in meV; convert to kelvin with k_B = 8.617×10⁻⁵ eV/K.",
                    value=lambda: kT_meV(_measured_temperature())),
        ],
        hint=("Which feature of the dip is a primary thermometer, its depth or its width?",
              "Find where G/G_T crosses halfway between its minimum and 1, on both sides; the "
              "distance between the crossings is the full width. Then use the width law of the "
              "lesson (eq. 7) and convert the energy to a temperature."),
        explanation="No capacitance was needed: the width alone gives the temperature."),
]


# --- investigation (appended): the lever arm from the width of one Coulomb peak ---

__all__ += ["PEAK_DEVICES", "peak_measurement"]


def _peak_device(sample=None):
    C1, C2, Cg = PEAK_DEVICES[PARAMETERS.peak_sample if sample is None else sample]
    return SET(C1_aF=C1, C2_aF=C2, Cg_aF=Cg, R1_kohm=300.0, R2_kohm=300.0)


def peak_measurement(sample=None, T_K=None):
    """A measured Coulomb peak: (Vg in mV, G in µS) of transistor number `sample` of
    PEAK_DEVICES at `T_K` (defaults: `PARAMETERS.peak_sample`, `PARAMETERS.T_peak`; the notebook
    passes its parameters cell's names), linear response, sampled on 801 gate voltages around
    the peak at n_g = 1/2.

    Returns
    -------
    Vg : ndarray, shape (801,)
        Gate voltage in mV.
    G : ndarray, shape (801,)
        Linear conductance in µS.
    """
    device = _peak_device(sample)
    T_K = PARAMETERS.T_peak if T_K is None else T_K
    centre = device.gate_period_mV / 2
    Vg = centre + np.linspace(-1.0, 1.0, 801)
    return Vg, np.asarray(set_conductance(Vg, T_K, device))


def _lever_arm():
    """C_g/C_Σ of the measured transistor."""
    device = _peak_device()
    return device.Cg_aF / device.C_sigma_aF


def _peak_width_factor(level=False):
    """FWHM of a Coulomb peak in units of k_BT/(e α): x/sinh x = 1/2 for a metal island (a
    continuum of levels); cosh⁻²(x/2) = 1/2 for a single quantum level (the slip)."""
    if level:
        return 4 * np.arccosh(np.sqrt(2))
    return 2 * brentq(lambda x: x / np.sinh(x) - 0.5, 0.5, 5.0, xtol=1e-14)


EXERCISES += [
    NumericExercise(
        "lever-arm-from-peak-width", points=3, units="", rtol=0.01, close=0.03,
        expected=_lever_arm,
        mistakes=[
            Mistake("That width belongs to a peak through a single quantum level (a small quantum "
                    "dot); a metal island has a continuum of states, and its peaks are wider at "
                    "the same temperature.",
                    value=lambda: _lever_arm() * _peak_width_factor(level=True) / _peak_width_factor()),
            Mistake("That is C_Σ/C_g, the inverse of the lever arm.", value=lambda: 1 / _lever_arm()),
            Mistake("Use the thermal energy k_BT in meV, not the temperature in kelvin, next to a "
                    "width in mV.",
                    value=lambda: _lever_arm() * PARAMETERS.T_peak / kT_meV(PARAMETERS.T_peak)),
            Mistake("Percent or fraction? The lever arm is a ratio of capacitances, a number "
                    "below 1.", factor=100),
        ],
        hint=("How does the peak's width in gate voltage relate to k_BT, and which factor "
              "converts a gate voltage into an energy on the island?",
              "Measure the full width at half maximum of the sampled peak (interpolate between "
              "samples), compute k_BT at the given temperature, and use the lesson's law for "
              "the width of a Coulomb peak of a metal island to solve for C_g/C_Σ."),
        explanation="Peak widths give the lever arm without a bias: one cold gate sweep and a "
                    "thermometer suffice."),
]
