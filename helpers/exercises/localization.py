"""Exercises of lesson 7, "When coherence traps: localization" (solutions/07_localization.ipynb).

Every expected answer is computed with helpers.disorder, helpers.models.localization and
helpers.constants; the mistakes are computed from the physics of the typical wrong idea.
"""

import numpy as np

from ..checks import ChoiceExercise, Mistake, NumericExercise
from ..constants import R0
from ..disorder import fit_localization_length, log_transmission_ensemble, perturbative_localization_length
from ..models.localization import dmpk_localization_length, transport_regime

__all__ = ["EXERCISES", "CHAIN", "WIRE_XI", "FIT", "fit_data", "REGIME_WIRE"]

#: Chain of exercise chain-localization-length: energy (t, band 0..4t) and disorder strength Wd (t).
CHAIN = dict(energy=1.5, strength=0.8)

#: Exercise localized-resistance: a single-channel wire of length L = 3 xi.
WIRE_XI = 3.0

#: Ensemble of exercise fitted-localization-length: chains at energy 1t, Wd = 1.2t, 100 per length.
FIT = dict(lengths=(150, 300, 450, 600), realizations=100, energy=1.0, strength=1.2)

#: Wire of exercise transport-regime: length, mean free path (nm) and channels.
REGIME_WIRE = dict(L_nm=2000.0, l_nm=100.0, N=40)


def fit_data():
    """(lengths, log_T): ln T of the chains of exercise fitted-localization-length, shape (4,) and (4, 100)."""
    lengths = np.array(FIT["lengths"])
    log_T = log_transmission_ensemble(lengths, FIT["realizations"], energy=FIT["energy"],
                                      strength=FIT["strength"])
    return lengths, log_T


def _chain_xi(energy=None, strength=None):
    return float(perturbative_localization_length(
        CHAIN["energy"] if energy is None else energy, CHAIN["strength"] if strength is None else strength))


def _eps_as_energy():
    """The formula with E in place of eps = E - 2t (forgetting where the band centre is)."""
    eps = CHAIN["energy"]
    return 24 * (4 - eps**2) / CHAIN["strength"] ** 2


def _resistance_kohm(exponent_factor=2.0):
    return R0 * np.exp(exponent_factor * WIRE_XI) / 1e3


def _fitted_xi():
    lengths, log_T = fit_data()
    return fit_localization_length(lengths, log_T).xi


def fit_of_mean_T():
    """Fitting ln <T> instead of <ln T>: dominated by rare, well-transmitting chains."""
    lengths, log_T = fit_data()
    slope = np.polyfit(lengths, np.log(np.exp(log_T).mean(axis=1)), 1)[0]
    return -2 / slope


def wire_regime():
    """The regime ("ballistic", "diffusive" or "localized") of the wire REGIME_WIRE: the
    expected answer of "transport-regime", from `helpers.models.localization`."""
    w = REGIME_WIRE
    xi = dmpk_localization_length(w["N"], w["l_nm"])
    return transport_regime(w["L_nm"], w["l_nm"], xi)


EXERCISES = [
    NumericExercise(
        "chain-localization-length", points=2, units="sites",
        expected=_chain_xi,
        mistakes=[
            Mistake("ε is measured from the band centre: ε = E − 2t, not E.", value=_eps_as_energy),
            Mistake("That is the band-centre value 96/W_d²; at this energy ε ≠ 0.",
                    value=lambda: _chain_xi(energy=2.0)),
            Mistake("The disorder strength enters squared: ξ ∝ 1/W_d².",
                    value=lambda: _chain_xi() * CHAIN["strength"]),
        ],
        hint=("Which perturbative formula gives ξ of a one-dimensional chain, and at which energy"
              " measured from the band centre?",
              "Use the lesson's perturbative ξ = 24 (4t² − ε²)/W_d² with ε the energy measured "
              "from the band centre (t = 1)."),
        explanation="Weak disorder: ξ is much longer than the lattice constant and grows as 1/W_d²."),

    NumericExercise(
        "localized-resistance", points=2, units="kΩ", rtol=2e-3,
        expected=_resistance_kohm,
        other_units={"Ω": 1e3, "MΩ": 1e-3, "h/2e²": 1e3 / R0},
        mistakes=[
            Mistake("The typical transmission decays as exp(−2L/ξ), not exp(−L/ξ) (ξ is defined "
                    "from the amplitude).", value=lambda: _resistance_kohm(1.0)),
            Mistake("Conductance is in units of 2e²/h (both spins): the resistance unit is "
                    "h/2e² ≈ 12.9 kΩ, not h/e².", factor=2),
        ],
        hint=("How does the typical transmission of a localized wire depend on L/ξ?",
              "R = (h/2e²)/T with the typical T = exp(−2L/ξ); h/2e² is R0 in helpers.constants "
              "(Ω); convert to the unit asked."),
        explanation="Three localization lengths already give about 5 MΩ: exponential, not Ohmic."),

    NumericExercise(
        "fitted-localization-length", points=3, units="sites", rtol=0.05,
        expected=_fitted_xi,
        mistakes=[
            Mistake("Fit ⟨ln T⟩, not ln⟨T⟩: the average T is dominated by a few rare chains that "
                    "transmit well.", value=fit_of_mean_T),
        ],
        hint=("Which quantity decays linearly with length in a localized wire: T or ln T?",
              "Average ln T over the realizations (axis=1), fit a straight line against L, and "
              "use slope = −2/ξ (or helpers.fit_localization_length(lengths, log_T).xi)."),
        explanation="Compare with the perturbative 24(4t² − ε²)/W_d² at E = 1t, W_d = 1.2t."),

    ChoiceExercise(
        "transport-regime", points=1, paired_with="localized-resistance", options={
            "ballistic": (False, "L = 2 µm is twenty mean free paths: an electron scatters many "
                          "times on its way through."),
            "diffusive": (True, "l = 100 nm < L = 2 µm < ξ ≈ (N + 1) l ≈ 4 µm: many collisions, "
                          "but not yet localized. Ohm's law holds, with ⟨T⟩ ≈ N l/L = 2."),
            "localized": (False, "With N = 40 channels the localization length is about "
                          "(N + 1) l ≈ 4 µm, longer than the wire."),
        }, hint=("Compare L with l and with ξ.",
              "Ballistic when L ≪ l, diffusive when l ≪ L ≪ ξ, localized when L ≫ ξ, with ξ ≈ (N "
              "+ 1) l for N channels.")),

    ChoiceExercise(
        "weak-localization-magnetoresistance", points=1, paired_with="fitted-localization-length", options={
            "it increases": (True, "A flux gives the two time-reversed paths of every loop "
                             "different phases: their constructive interference, which enhanced "
                             "backscattering, is destroyed, so ⟨G⟩ rises (negative "
                             "magnetoresistance)."),
            "it decreases": (False, "With a cyclotron radius much larger than the sample the "
                             "orbit bending is negligible; what the field does is to spoil the "
                             "interference of time-reversed paths."),
            "it does not change: a weak field does not bend the orbits": (
                False, "The orbits barely bend, but the phases change: one flux quantum h/2e "
                "through the sample's coherent area is enough, and in a large sample that is a far "
                "weaker field than one that bends the orbits on the scale of the sample."),
        }, hint=("Think of a closed loop travelled in both directions and the Aharonov-Bohm phase.",
              "Compare the phases the two time-reversed paths around a loop pick up in a field "
              "with their interference in backscattering at zero field.")),
]
