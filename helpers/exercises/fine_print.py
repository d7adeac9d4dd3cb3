"""Exercises of lesson 8, "The fine print" (solutions/08_fine_print.ipynb).

Every expected answer is computed with helpers.models.probes and helpers.scattering; the mistakes
are computed from the physics of the typical wrong idea (probabilities multiplied, the contact
resistance counted twice, the group velocity taken at the band centre, the mean free path
confused with L_phi, probes on every site, the inelastic and elastic probe swapped).
"""

from functools import lru_cache

import numpy as np
from scipy.optimize import brentq

from ..checks import Mistake, NumericExercise, Param, Parameters
from ..models.probes import bias_currents, effective_transmission, two_barrier_chain
from ..scattering import incoherent_transmission

__all__ = ["EXERCISES", "PARAMETERS", "FIXED_EXERCISES", "RESONATOR", "CLEAN_PROBES",
           "RELAXATION"]

#: The numbers of the questions: defaults for self-study, a student's own values in homework.
PARAMETERS = Parameters(
    "fine_print",
    T1=Param(0.4, 0.3, 0.6, step=0.05, text="transmission of the first scatterer (exercise 1)"),
    T2=Param(0.25, 0.15, 0.3, step=0.05, text="transmission of the second one (exercise 1)"),
    E_dephasing=Param(1.2, 0.5, 1.5, step=0.1, text="energy of the electron, units of t "
                                                    "(exercise 2)"),
    eta_dephasing=Param(0.02, 0.01, 0.05, step=0.005, text="probe coupling η, units of t "
                                                           "(exercise 2)"),
    barrier_height=Param(2.5, 2.2, 3.0, step=0.1, text="barrier height of the double barrier, "
                                                       "units of t (exercises 3, 6, 7)"),
    n_probes=Param(30, choices=(20, 25, 30, 35, 40),
                   text="sites of the clean chain, one probe on each (exercise 4)"),
    eta_relaxation=Param(0.1, 0.05, 0.2, step=0.05, text="probe coupling of exercise 5, "
                                                         "units of t"),
)

#: Exercises whose answer no parameter changes, with the reason (none: every one varies).
FIXED_EXERCISES = {}

#: The double barrier of exercises probe-half-peak (and valley-*): two_barrier_chain(
#: PARAMETERS.barrier_height, width, spacing), probes on the well; the coherent resonance lies
#: within 0.02 t of `near` (units of t) for every height of the range.
RESONATOR = dict(width=1, spacing=10, near=1.60)
#: The clean chain of exercise probe-ohmic-resistance: PARAMETERS.n_probes probed sites of
#: coupling eta at energy (units of t).
CLEAN_PROBES = dict(eta=0.01, energy=1.0)
#: The finite-bias comparison of exercise relaxation-current: the chain of lesson 8 with probes
#: on the well (coupling PARAMETERS.eta_relaxation), leads at mu_L and mu_R, zero temperature.
RELAXATION = dict(height=3.0, width=1, spacing=12, mu_L=2.6, mu_R=1.8)


def _velocity(E):
    return 2 * np.sin(np.arccos(1 - E / 2))


def _double_barrier(height):
    return two_barrier_chain(height, RESONATOR["width"], RESONATOR["spacing"])


@lru_cache(maxsize=16)
def _half_peak_eta_of(height, sites):
    V, well = _double_barrier(height)
    probes = well if sites == "well" else np.arange(V.size)
    near = RESONATOR["near"]
    from ..rgf import transmission

    E_res = brentq(lambda e: transmission(V, e + 1e-7) - transmission(V, e - 1e-7),
                   near - 0.02, near + 0.02, xtol=1e-12)
    return brentq(lambda x: effective_transmission(V, E_res, probes, x) - 0.5, 1e-5, 1.0, xtol=1e-12)


def _half_peak_eta(sites="well"):
    return _half_peak_eta_of(PARAMETERS.barrier_height, sites)


def _clean_resistance():
    n = PARAMETERS.n_probes
    return 1 / effective_transmission(np.zeros(n), CLEAN_PROBES["energy"], np.arange(n),
                                      CLEAN_PROBES["eta"])


def _ohm_excess(v):
    return PARAMETERS.n_probes * CLEAN_PROBES["eta"] / (2 * v)


@lru_cache(maxsize=8)
def _relaxation_of(eta):
    r = RELAXATION
    V, well = two_barrier_chain(r["height"], r["width"], r["spacing"])
    currents = bias_currents(V, well, eta, r["mu_L"], r["mu_R"], 0.0)
    return currents["elastic"], currents["inelastic"]


def _relaxation():
    return _relaxation_of(PARAMETERS.eta_relaxation)


def _excess_percent():
    elastic, inelastic = _relaxation()
    return 100 * (inelastic / elastic - 1)


def _scatterers():
    return PARAMETERS.T1, PARAMETERS.T2


EXERCISES = [
    NumericExercise(
        "incoherent-transmission", points=2, units="",
        expected=lambda: incoherent_transmission(list(_scatterers())),
        mistakes=[
            Mistake("Multiplying the transmissions forgets the electrons that bounce between the "
                    "scatterers and get through on a later try.",
                    value=lambda: PARAMETERS.T1 * PARAMETERS.T2),
            Mistake("Adding 1/T₁ + 1/T₂ counts the contact resistance twice: only the "
                    "scatterers' own parts (1 - T)/T add up.",
                    value=lambda: 1 / (1 / PARAMETERS.T1 + 1 / PARAMETERS.T2)),
            Mistake("Transmissions in series do not average.",
                    value=lambda: (PARAMETERS.T1 + PARAMETERS.T2) / 2),
        ],
        hint=("Which quantity is additive for incoherent scatterers?",
              "Without phase memory, (1 - T)/T of the scatterers add up: compute the sum, then "
              "invert 1/T - 1 = Σ (1 - Tᵢ)/Tᵢ."),
        explanation="Equivalently T = T₁T₂/(1 - R₁R₂), the sum over all incoherent bounces."),

    NumericExercise(
        "dephasing-length", points=1, units="sites",
        expected=lambda: _velocity(PARAMETERS.E_dephasing) / PARAMETERS.eta_dephasing,
        mistakes=[
            Mistake("The group velocity 2ta sin k/ħ is 2ta/ħ only at the band centre E = 2t; "
                    "compute k at this energy.", value=lambda: 2 / PARAMETERS.eta_dephasing),
            Mistake("That is the mean free path of the probes' backscattering, twice L_φ.",
                    factor=2),
            Mistake("The coherence decays at the rate η/ħ; multiply by the velocity, not by 1.",
                    value=lambda: 1 / PARAMETERS.eta_dephasing),
        ],
        hint=("How far does an electron travel before it loses its phase?",
              "Multiply the group velocity at this energy by the dephasing time ħ/η. On the chain"
              " E = 2t - 2t cos k and v = dE/ħdk."),
        explanation="L_φ = ħv/η: the distance travelled while the phase survives."),

    NumericExercise(
        "probe-half-peak", points=3, units="t", rtol=0.01,
        expected=_half_peak_eta,
        mistakes=[
            Mistake("That coupling halves the peak with probes on every site of the chain; the "
                    "question puts them on the well only.", value=lambda: _half_peak_eta("all")),
        ],
        hint=("How does a probe's coupling change the height of a resonance?",
              "First locate the resonance of the coherent pair (η = 0) near E = 1.60 t precisely."
              " Then solve T_eff(E_res, η) = 1/2 for η with a root finder (T_eff falls as η "
              "grows)."),
        explanation="A coupling much smaller than t already halves a sharp resonance: the electron "
                    "bounces many times in the well before it escapes."),

    NumericExercise(
        "probe-ohmic-resistance", points=2, units="h/2e²", rtol=0.005,
        expected=_clean_resistance,
        mistakes=[
            Mistake("The contact resistance h/2e² is still there: the probes add to it.",
                    value=lambda: _clean_resistance() - 1),
            Mistake("Half of the absorbed electrons are sent back, not all: the mean free path is "
                    "2ħv/η.", value=lambda: 1 + 2 * _ohm_excess(_velocity(CLEAN_PROBES["energy"]))),
            Mistake("The group velocity at this energy is not 2ta/ħ: compute sin k.",
                    value=lambda: 1 + _ohm_excess(2.0)),
        ],
        hint=("With a probe on every site, what does each bond of the chain look like?",
              "Predict first with Ohm's law for the probes (lesson 8, eq. 7). Then compute T_eff "
              "of a clean chain with a probe on each site and invert it."),
        explanation="For weak probes the prediction of eq. (7) and the computation agree closely."),

    NumericExercise(
        "relaxation-current", points=3, units="%", rtol=0.02,
        expected=_excess_percent,
        mistakes=[
            Mistake("Give the excess in per cent, not as a fraction.", factor=0.01),
            Mistake("Wrong sign: which probe lets an electron move to an energy where the way "
                    "out is open?", factor=-1),
            Mistake("That is the excess of the elastic current over the inelastic one, relative "
                    "to the inelastic one; compare in the other direction.",
                    value=lambda: -100 * (_relaxation()[0] / _relaxation()[1] - 1)),
        ],
        hint=("Which electrons can lose energy at a probe, and how does that change the current?",
              "Compute both currents for the same chain, bias and probes. Then express the "
              "difference as a percentage of the elastic current."),
        explanation="Energy relaxation lets electrons avoid bottlenecks in energy, so the "
                    "inelastic probe passes more current; in linear response at zero "
                    "temperature the two agree."),
]


# --- prediction and investigation (appended): dephasing in a valley between two resonances ---

from scipy.optimize import minimize_scalar  # noqa: E402

from ..checks import ChoiceExercise  # noqa: E402
from ..constants import R0  # noqa: E402

__all__ += ["VALLEY", "valley_energy", "valley_minimum", "valley_resistances", "valley_shape"]

#: The double barrier of exercises valley-dephasing-prediction and valley-minimum-resistance:
#: two_barrier_chain(PARAMETERS.barrier_height, width, spacing), probes on the well, at the
#: transmission minimum between the resonances near 1.6 t and 2.16 t (searched in `window`,
#: units of t, for every height of the range).
VALLEY = dict(width=1, spacing=10, window=(1.7, 2.0))


def _valley_chain(height):
    return two_barrier_chain(height, VALLEY["width"], VALLEY["spacing"])


def _height(height):
    return PARAMETERS.barrier_height if height is None else height


@lru_cache(maxsize=16)
def _valley_energy_of(height):
    from ..rgf import transmission
    V, _ = _valley_chain(height)
    return float(minimize_scalar(lambda e: transmission(V, e), bounds=VALLEY["window"],
                                 method="bounded", options=dict(xatol=1e-10)).x)


def valley_energy(height=None):
    """Energy (t) of the coherent transmission minimum of VALLEY's double barrier of barrier
    height `height` (default: `PARAMETERS.barrier_height`)."""
    return _valley_energy_of(_height(height))


@lru_cache(maxsize=32)
def _valley_minimum_of(height, sites):
    V, well = _valley_chain(height)
    probes = well if sites == "well" else np.arange(V.size)
    E = _valley_energy_of(height)
    best = minimize_scalar(lambda x: 1 / effective_transmission(V, E, probes, np.exp(x)),
                           bounds=(np.log(1e-3), np.log(3.0)), method="bounded",
                           options=dict(xatol=1e-8))
    return float(np.exp(best.x)), float(best.fun)


def valley_minimum(sites="well", height=None):
    """(eta, R): the probe coupling (t) that minimizes the valley resistance, and that
    resistance (h/2e²); `sites="all"` puts probes on every site of the chain (a slip)."""
    return _valley_minimum_of(_height(height), sites)


def valley_resistances(height=None):
    """(coherent, incoherent) resistances (h/2e²) at the valley energy: eta = 0, and eq. (6)."""
    from ..rgf import transmission
    height = _height(height)
    V, _ = _valley_chain(height)
    E = valley_energy(height)
    T1 = transmission([0.0, height, 0.0], E)
    return float(1 / transmission(V, E)), float(1 / incoherent_transmission([T1, T1]))


def valley_shape(height=None):
    """The option label describing the valley resistance against eta (0 to 3t)."""
    height = _height(height)
    V, well = _valley_chain(height)
    etas = np.geomspace(1e-3, 3.0, 25)
    R = np.array([1 / effective_transmission(V, valley_energy(height), well, x) for x in etas])
    k = int(np.argmin(R))
    if 0 < k < len(R) - 1:
        return "falls, then rises"
    return "keeps falling" if k == len(R) - 1 else "rises"


_VALLEY_OPTIONS = {
    "keeps falling": "Weak probes fill the valley, but a probe also sends half of what it absorbs "
                     "back where it came from: strong probes add a resistance of their own.",
    "falls, then rises": "Two effects compete: losing the phase removes the destructive "
                         "interference, while the probes' own backscattering grows with η.",
    "rises": "In a valley the interference is destructive: what happens to it when the phase "
             "is scrambled?",
}

EXERCISES += [
    ChoiceExercise(
        "valley-dephasing-prediction", points=1, paired_with="valley-minimum-resistance", options={
            # the correct label is the one valley_shape() computes (asserted in the tests)
            label: (label == "falls, then rises", text) for label, text in _VALLEY_OPTIONS.items()},
        hint=("Which two things does a probe do to an electron in the well, and how does each "
              "scale with η?",
              "Write your guess first; the next exercise sweeps η and settles it.")),

    NumericExercise(
        "valley-minimum-resistance", points=3, units="h/2e²", rtol=0.01, close=0.03,
        expected=lambda: valley_minimum()[1],
        other_units={"kΩ": R0 / 1e3},
        mistakes=[
            Mistake("That is the coherent resistance, η = 0: the probes lower it.",
                    value=lambda: valley_resistances()[0]),
            Mistake("That is the fully incoherent pair, eq. (6): the probes cannot reach it, "
                    "because they also backscatter.", value=lambda: valley_resistances()[1]),
            Mistake("That is the best transmission, not the smallest resistance.",
                    value=lambda: 1 / valley_minimum()[1]),
            Mistake("The contact resistance is part of the two-terminal resistance: do not "
                    "subtract it.", value=lambda: valley_minimum()[1] - 1),
            Mistake("Probes on every site of the chain also backscatter outside the well; the "
                    "question puts them on the well only.", value=lambda: valley_minimum("all")[1]),
            Mistake("On the resonance the resistance only grows with η; the question asks at the "
                    "transmission minimum between the resonances.", value=lambda: 1.0),
        ],
        hint=("First find the valley energy precisely; then how does R depend on η there, and "
              "where is it smallest?",
              "Locate the minimum of the coherent transmission between the two resonances with "
              "a minimizer; at that energy minimize 1/T_eff over η (a logarithmic variable "
              "helps), probes on the well."),
        explanation="The best dephasing lowers the valley resistance by more than half, yet "
                    "stays above the incoherent pair of eq. (6): the probes pay for the lost "
                    "phase with backscattering of their own."),
]
