"""Exercises of lesson 5, "Transmission eigenvalues and shot noise"
(solutions/05_eigenvalues_and_noise.ipynb).

Every expected answer is computed with helpers.models.noise, helpers.models.smatrix_stats and
helpers.constants; the mistakes are computed from the physics of the typical wrong idea.
"""

import numpy as np
from scipy.optimize import brentq, minimize_scalar

from ..checks import Case, FunctionExercise, Mistake, NumericExercise, Param, Parameters
from ..constants import G0, K_B_EV_PER_K, e
from ..models.noise import noise_curve, noise_measurement, qpc_eigenvalues, qpc_noise_curve
from ..models.smatrix_stats import fano_factor

__all__ = ["EXERCISES", "PARAMETERS", "FIXED_EXERCISES", "QPC", "FIRST_STEP", "MEASURED_SAMPLES",
           "MEASUREMENT", "measurement", "spin_eigenvalues", "fano_inputs"]

#: The numbers of the questions: defaults for self-study, a student's own values in homework.
PARAMETERS = Parameters(
    "noise",
    Vg_between=Param(-0.55, -0.58, -0.53, step=0.01,
                     text="gate voltage between plateaus 1 and 2, units of t (exercise 2)"),
    T_second=Param(0.4, 0.2, 0.7, step=0.05,
                   text="transmission of the partly open channel (exercise 4)"),
    bias_mV=Param(0.5, 0.2, 1.0, step=0.1, text="bias voltage in mV (exercise 4)"),
    sample=Param(0, 0, 4, text="which of the lab's conductors was measured (exercise 5)"),
    temperature_measured=Param(1.0, 0.8, 1.3, step=0.1,
                               text="temperature of that measurement, K (exercise 5)"),
    Vg_plateau=Param(-0.40, choices=(-0.70, -0.40, -0.10),
                     text="gate voltage on a plateau, units of t (exercise 6)"),
    temperature_plateau=Param(4.2, 1.5, 8.0, step=0.1,
                              text="temperature of the point contact, K (exercise 6)"),
    input_seed=Param(404, 0, 2**31 - 1, hidden=True,
                     text="seed of the eigenvalues exercise 1's function is called with"),
)

#: Exercises whose answer no parameter changes, with the reason.
FIXED_EXERCISES = {
    "fano-maximum-prediction": "the largest Fano factor of one open and one partly open channel, "
                               "3 - 2√2, is a pure number no parameter changes",
    "qpc-fano-maximum": "the lattice point contact reaches the same universal maximum 3 - 2√2 on "
                        "its first step, whatever the sweep",
}

#: The lattice point contact of the QPC exercises (as in lesson 5's explorer).
QPC = dict(E_F=1.0, W=25, length=30, hw_y=0.3)
#: Gate range (units of t) that holds the step between the first and second plateau.
FIRST_STEP = (-0.62, -0.50)
#: Transmission eigenvalues of the lab's conductors of exercise noise-measurement-fano, by the
#: parameter `sample`: Fano factors 0.16-0.29, all low enough that the thermal noise still
#: shows at the largest bias.
MEASURED_SAMPLES = ((0.95, 0.6, 0.2), (1.0, 0.8, 0.3), (0.9, 0.75, 0.5, 0.15),
                    (1.0, 1.0, 0.6, 0.35), (1.0, 0.7, 0.4))
#: The simulated experiment of exercise noise-measurement-fano (bias grid in V, scatter, seed).
MEASUREMENT = dict(V=np.linspace(0.0, 2e-3, 41), scatter=0.003, rng=2778)


def _measured_eigenvalues(sample=None):
    sample = PARAMETERS.sample if sample is None else sample
    return np.array(MEASURED_SAMPLES[sample])


def measurement(sample=None, temperature=None):
    """(I in A, S in A^2/Hz) of the simulated noise measurement of noise-measurement-fano on the
    lab's conductor number `sample` at `temperature` (K); defaults: `PARAMETERS.sample` and
    `PARAMETERS.temperature_measured`. The notebook passes its parameters cell's names."""
    temperature = PARAMETERS.temperature_measured if temperature is None else temperature
    m = MEASUREMENT
    return noise_measurement(_measured_eigenvalues(sample), m["V"], temperature,
                             scatter=m["scatter"], rng=m["rng"])


def spin_eigenvalues(T_second=None):
    """Eigenvalues of exercise shot-noise-density: one open channel and one with `T_second`
    (default `PARAMETERS.T_second`)."""
    return np.array([1.0, PARAMETERS.T_second if T_second is None else T_second])


def fano_inputs():
    """Eigenvalue sets the checker feeds to the student's function (seeded by
    `PARAMETERS.input_seed`: a homework variant is called on inputs its student never saw)."""
    rng = np.random.default_rng(PARAMETERS.input_seed)
    return [(np.array([0.5]),), (rng.uniform(0.3, 0.7, size=1),),
            Case(np.array([1.0, 1.0, 0.3]),
                 note="open channels carry current but no noise: they count in the current."),
            Case(np.array([0.01, 0.02]), note="nearly closed channels: F is close to 1."),
            (rng.uniform(0, 1, size=10),),
            Case(rng.uniform(0, 1, size=(6, 8)),
                 note="a 2-D array: every entry is one eigenchannel, whatever the shape.")]


def _qpc_T(Vg):
    return qpc_eigenvalues([Vg], QPC["E_F"], QPC["W"], length=QPC["length"], hw_y=QPC["hw_y"])[0]


def _qpc_F(Vg):
    return float(qpc_noise_curve([Vg], QPC["E_F"], QPC["W"], length=QPC["length"], hw_y=QPC["hw_y"])["F"][0])


def _qpc_G(Vg):
    return float(_qpc_T(Vg).sum())


def _fano_maximum():
    best = minimize_scalar(lambda v: -_qpc_F(v), bounds=FIRST_STEP, method="bounded",
                           options=dict(xatol=1e-5))
    return -float(best.fun)


def _fano_mid_step():
    """F where G = 1.5 (the middle of the step), a tempting but wrong place for the maximum."""
    return _qpc_F(brentq(lambda v: _qpc_G(v) - 1.5, *FIRST_STEP, xtol=1e-7))


def _partial_channel():
    """Largest T_n(1 - T_n) / T_n of one channel near the maximum: the largest 1 - T alone."""
    T = _qpc_T(PARAMETERS.Vg_between)
    return T[np.argmax(T * (1 - T))]


def _two_channel_fano_maximum(open_channels=1):
    """Largest F of `open_channels` fully open channels plus one of transmission T, over T."""
    F = lambda T: fano_factor(np.r_[np.ones(open_channels), T])
    best = minimize_scalar(lambda T: -F(T), bounds=(0.0, 1.0), method="bounded",
                           options=dict(xatol=1e-10))
    return -float(best.fun)


def _spin_noise(spin=2, F=None):
    T = spin_eigenvalues()
    I = spin / 2 * G0 * T.sum() * PARAMETERS.bias_mV * 1e-3
    return 2 * e * I * (fano_factor(T) if F is None else F)


def _measured_ratio_at_top():
    """S / (2 e I) at the largest current of the measurement: thermal noise counted as shot noise."""
    c = noise_curve(_measured_eigenvalues(), MEASUREMENT["V"][-1:],
                    PARAMETERS.temperature_measured)
    return float(c["S"][0] / (2 * e * c["I"][0]))


def _plateau_noise(spin=2):
    G = spin / 2 * G0 * _qpc_G(PARAMETERS.Vg_plateau)
    return 4 * K_B_EV_PER_K * e * PARAMETERS.temperature_plateau * G


EXERCISES = [
    FunctionExercise(
        "fano-factor", points=2, reference=fano_factor, inputs=fano_inputs,
        forbidden=("helpers.models.smatrix_stats.fano_factor", "helpers.models.noise.current_noise",
                   "helpers.models.noise.noise_curve", "helpers.models.noise.partition_variance"),
        mistakes=[
            Mistake("That is the mean of T(1 - T); divide the noise by the current Σ T instead.",
                    value=lambda T: float(np.mean(T * (1 - T)))),
            Mistake("Shot noise goes with T(1 - T), not T²: the suppression comes from the "
                    "(1 - T).", value=lambda T: float(np.sum(T**2) / np.sum(T))),
            Mistake("That averages 1 - T_n channel by channel; the noises add and the currents "
                    "add, so divide the summed noise by the summed current.",
                    value=lambda T: float(np.mean(1 - T))),
        ],
        hint=("Do the noises of independent channels add, and do their currents?",
              "Sum the partition noise T(1 - T) of every eigenchannel, sum their currents T, and "
              "take the ratio."),
        explanation="One channel with T: F = 1 - T; open and closed channels are noiseless."),

    NumericExercise(
        "qpc-fano-between-plateaus", points=2, units="", rtol=0.01,
        expected=lambda: _qpc_F(PARAMETERS.Vg_between),
        mistakes=[
            Mistake("That averages 1 - T_n over all the channels of the lead, the closed ones "
                    "included; the Fano factor divides the summed noise by the summed current.",
                    value=lambda: float(np.mean(1 - _qpc_T(PARAMETERS.Vg_between)))),
            Mistake("That is 1 - T of the partly open channel alone, the Fano factor of one "
                    "channel. The fully open channel carries current too, without noise.",
                    value=lambda: float(1 - _partial_channel())),
            Mistake("That is the summed noise Σ T_n(1 - T_n); the Fano factor divides it by the "
                    "current Σ T_n.",
                    value=lambda: float(np.sum(_qpc_T(PARAMETERS.Vg_between) * (1 - _qpc_T(PARAMETERS.Vg_between))))),
        ],
        hint=("Which channels are noisy: the open, the closed, or the partly open ones?",
              "Build the potential, ask the S-matrix for its transmission eigenvalues at E_F, and"
              " look at them before you combine them: how many are neither 0 nor 1?"),
        explanation="One channel is fully open and a second one is on its way: only the second "
                    "one is noisy, and the open one dilutes F."),

    NumericExercise(
        "qpc-fano-maximum", points=3, units="", rtol=0.01,
        expected=_fano_maximum,
        mistakes=[
            Mistake("That is F in the middle of the step, where G = 1.5 × 2e²/h; the largest "
                    "F lies a little below it, where the noise grows faster than the current.",
                    value=_fano_mid_step),
            Mistake("That is the largest T(1 - T) of one channel: you left the current of the "
                    "open channel (or of the partly open one) out of the denominator.",
                    value=lambda: 0.25),
            Mistake("That is the Fano factor of a diffusive wire, not of a point contact.",
                    value=lambda: 1 / 3),
        ],
        hint=("With one channel open and one partly open, at which transmission of the second is "
              "the noise per current largest?",
              "Between the plateaus, write F with one channel fully open and one with "
              "transmission T, and maximize it over T; then sweep the gate of the lattice QPC "
              "finely across the step to check."),
        explanation="With one open channel and one of transmission T, F = T(1 - T)/(1 + T), "
                    "largest at T = √2 - 1, where F = 3 - 2√2; the lattice QPC reaches it."),

    NumericExercise(
        "shot-noise-density", points=2, units="A²/Hz", rtol=0.01,
        expected=_spin_noise,
        mistakes=[
            Mistake("You forgot the spin: each eigenchannel carries current e²/h per spin "
                    "direction, G = (2e²/h) Σ T_n.", value=lambda: _spin_noise(spin=1)),
            Mistake("That is 2eI, the Poisson noise of independent electrons; the partition "
                    "noise is reduced by the Fano factor.", value=lambda: _spin_noise(F=1.0)),
            Mistake("You used 1 - T of the partly open channel as the Fano factor; the open "
                    "channel adds current but no noise.",
                    value=lambda: _spin_noise(F=1 - PARAMETERS.T_second)),
            Mistake("That is 2eI(1 - F): the Fano factor multiplies 2eI, it is not subtracted.",
                    value=lambda: _spin_noise(F=1 - fano_factor(spin_eigenvalues()))),
        ],
        hint=("Which current, and which Fano factor, go into the shot-noise formula?",
              "First the current (with spin), then the Fano factor of the two eigenvalues, then "
              "the shot-noise formula at zero temperature. Work in SI units."),
        explanation="One open channel and one at transmission T: F = T(1 - T)/(1 + T), so the "
                    "noise is a small fraction of the Poisson value 2eI."),

    NumericExercise(
        "noise-measurement-fano", points=3, units="", rtol=0.02,
        expected=lambda: fano_factor(_measured_eigenvalues()),
        mistakes=[
            Mistake("That is S/(2eI) at the largest current: it still contains the thermal "
                    "noise. Use how S grows with I at large bias (the slope), not S itself.",
                    value=_measured_ratio_at_top),
        ],
        hint=("Which part of the noise grows with the current?",
              "At zero bias you see only thermal noise. At eV ≫ kT the curve becomes a straight "
              "line in I: its slope, divided by 2e, is the Fano factor."),
        explanation="The slope of S against I at large bias is 2eF, whatever the temperature: "
                    "that is how Reznikov, Kumar and Henny measured F."),

    NumericExercise(
        "plateau-thermal-noise", points=2, units="A²/Hz", rtol=0.01,
        expected=_plateau_noise,
        mistakes=[
            Mistake("At zero bias there is no shot noise, but there is noise: the thermal "
                    "(Johnson-Nyquist) noise of the conductance.", value=lambda: 0.0),
            Mistake("Half the answer: either the spin is missing from G, or you used 2kTG; the "
                    "thermal noise is 4kTG with G = (2e²/h) Σ T_n.", value=lambda: _plateau_noise(spin=1)),
            Mistake("Check the units of kT: in A²/Hz the energy must be in joules, not in eV "
                    "(use k_B in J/K).", value=lambda: _plateau_noise() / e),
        ],
        hint=("On a plateau at zero bias, which noise is left, and what does it depend on?",
              "On a plateau the transmission eigenvalues are 0 or 1, and the bias is zero: only "
              "the thermal (Johnson-Nyquist) noise 4kTG is left."),
        explanation="S = 4kTG: thermal noise does not care whether the channels are open or "
                    "partly open, only about the conductance."),

    NumericExercise(
        "fano-maximum-prediction", points=1, units="", rtol=0.01, close=0.025,
        expected=_two_channel_fano_maximum,
        mistakes=[
            Mistake("That is F in the middle of the step, at T = 1/2; the current still grows "
                    "there, so F is already past its largest value.",
                    value=lambda: float(fano_factor([1.0, 0.5]))),
            Mistake("That is the largest T(1 − T) of the partly open channel alone: the current "
                    "of the open channel belongs in the denominator.", value=lambda: 0.25),
            Mistake("That looks like the transmission of the partly open channel at the maximum; "
                    "the question asks for F there.",
                    value=lambda: float(minimize_scalar(
                        lambda T: -fano_factor([1.0, T]), bounds=(0.0, 1.0), method="bounded",
                        options=dict(xatol=1e-10)).x)),
            Mistake("That is the Fano factor of a diffusive wire, not of a point contact.",
                    value=lambda: 1 / 3),
        ],
        hint=("Write F for one channel with T = 1 and one with transmission T. Where on [0, 1] "
              "is it largest?",
              "F(T) is the partition noise of the partly open channel over the summed "
              "transmissions; set its derivative with respect to T to zero (or scan T on a fine "
              "grid) and evaluate F at that T."),
        explanation="F = T(1 − T)/(1 + T) is largest at T = √2 − 1, below the middle of the "
                    "step: there F = 3 − 2√2."),
]
