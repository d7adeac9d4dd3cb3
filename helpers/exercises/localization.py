"""Exercises of lesson 7, "When coherence traps: localization" (solutions/07_localization.ipynb).

Every expected answer is computed with helpers.disorder, helpers.models.localization and
helpers.constants; the mistakes are computed from the physics of the typical wrong idea.
"""

import numpy as np

from ..checks import ChoiceExercise, Mistake, NumericExercise, Param, Parameters
from ..constants import R0
from ..disorder import fit_localization_length, log_transmission_ensemble, perturbative_localization_length
from ..models.localization import dmpk_localization_length, transport_regime

__all__ = ["EXERCISES", "PARAMETERS", "FIXED_EXERCISES", "REGIME_WIRE"]

#: The numbers of the questions: defaults for self-study, a student's own values in homework.
#: The ensembles of exercises 6 and 7 vary only their disorder strength: the same lengths and
#: sample counts, so every variant costs the same.
PARAMETERS = Parameters(
    "localization",
    E_chain=Param(1.5, 1.2, 1.7, step=0.1, text="energy of the chain's electrons, units of t "
                                                "(exercise 1)"),
    Wd_chain=Param(0.8, 0.5, 0.9, step=0.05, text="its disorder strength W_d, units of t "
                                                  "(exercise 1)"),
    L_over_xi=Param(3.0, 2.0, 4.0, step=0.1, text="length of the wire in localization lengths "
                                                  "(exercise 2)"),
    Wd_edge=Param(1.0, 0.8, 1.2, step=0.05, text="disorder strength of the chains near the band "
                                                 "bottom, units of t (exercises 5-6)"),
    Wd_strip=Param(1.5, 1.35, 1.55, step=0.05, text="disorder strength of the strips, units of t "
                                                   "(exercise 7)"),
)

#: Exercises whose answer no parameter changes, with the reason (none: every one varies).
FIXED_EXERCISES = {}

#: Wire of exercise transport-regime: length, mean free path (nm) and channels.
REGIME_WIRE = dict(L_nm=2000.0, l_nm=100.0, N=40)


def _chain_xi(energy=None, strength=None):
    return float(perturbative_localization_length(
        PARAMETERS.E_chain if energy is None else energy,
        PARAMETERS.Wd_chain if strength is None else strength))


def _eps_as_energy():
    """The formula with E in place of eps = E - 2t (forgetting where the band centre is)."""
    eps = PARAMETERS.E_chain
    return 24 * (4 - eps**2) / PARAMETERS.Wd_chain ** 2


def _resistance_kohm(exponent_factor=2.0):
    return R0 * np.exp(exponent_factor * PARAMETERS.L_over_xi) / 1e3


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
                    value=lambda: _chain_xi() * PARAMETERS.Wd_chain),
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
        explanation="A few localization lengths already give hundreds of kΩ or more: the "
                    "resistance grows exponentially with L, not in proportion (Ohm)."),

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
        "weak-localization-magnetoresistance", points=1, options={
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


# --- investigations (appended): the chain near its band bottom, the mean free path of a strip ---

import functools  # noqa: E402

from ._ensemble import EnsembleExercise  # noqa: E402

__all__ += ["EDGE", "STRIP"]

#: Ensemble of exercises band-edge-prediction and band-edge-localization-length: chains near the
#: band bottom, `realizations` disordered chains at each length (seeds as in the course engine,
#: offset `seed_offset`), disorder strength `PARAMETERS.Wd_edge`.
EDGE = dict(lengths=(40, 80, 120, 160), realizations=1000, energy=0.1, seed_offset=0)

#: Ensemble of exercise strip-mean-free-path: a strip W sites wide, `realizations` samples per
#: length, disorder strength `PARAMETERS.Wd_strip`.
STRIP = dict(W=6, lengths=(4, 8, 12, 16, 20), realizations=400, energy=1.0, seed_offset=0)


@functools.lru_cache(maxsize=8)
def _edge_data_of(strength):
    lengths = np.array(EDGE["lengths"])
    log_T = log_transmission_ensemble(lengths, EDGE["realizations"], energy=EDGE["energy"],
                                      strength=strength, seed_offset=EDGE["seed_offset"])
    return lengths, log_T


def edge_data(strength=None):
    """(lengths, log_T) of the ensemble EDGE at disorder `strength` (default
    `PARAMETERS.Wd_edge`), shape (4,) and (4, 1000)."""
    return _edge_data_of(PARAMETERS.Wd_edge if strength is None else strength)


def edge_fit(strength=None):
    """The weighted fit of <ln T>(L) of the ensemble EDGE (`LocalizationFit`: xi and its error)."""
    return fit_localization_length(*edge_data(strength))


def edge_perturbative(strength=None):
    """The weak-disorder formula at the energy of EDGE: the value a fit must not return."""
    return float(perturbative_localization_length(
        EDGE["energy"], PARAMETERS.Wd_edge if strength is None else strength))


def edge_fit_of_mean_T():
    """ξ from ln<T> instead of <ln T> on the ensemble EDGE."""
    lengths, log_T = edge_data()
    return -2 / np.polyfit(lengths, np.log(np.exp(log_T).mean(axis=1)), 1)[0]


@functools.lru_cache(maxsize=8)
def _strip_data_of(strength):
    from ..leads import open_modes
    lengths = np.array(STRIP["lengths"])
    log_T = log_transmission_ensemble(lengths, STRIP["realizations"], energy=STRIP["energy"],
                                      strength=strength, W=STRIP["W"],
                                      seed_offset=STRIP["seed_offset"])
    return lengths, int(open_modes(STRIP["energy"], STRIP["W"])), np.exp(log_T)


def strip_data(strength=None):
    """(lengths, N, T) of the ensemble STRIP at disorder `strength` (default
    `PARAMETERS.Wd_strip`): T has shape (5, 400)."""
    return _strip_data_of(PARAMETERS.Wd_strip if strength is None else strength)


def strip_mean_free_path(contacts=True):
    """(l, standard error) from 1/<T> = 1/N + L/(N l), the contact part 1/N fixed, a least-squares
    line through the origin in L; `contacts=False` is the slip of fitting <T> = N l/L."""
    lengths, N, T = strip_data()
    mean = T.mean(axis=1)
    sem = T.std(axis=1, ddof=1) / np.sqrt(T.shape[1])
    excess = 1 / mean - (1 / N if contacts else 0.0)
    s = np.sum(lengths * excess)
    l = float(np.sum(lengths**2) / (N * s))
    # error propagation: d excess_i = -d<T>_i/<T>_i^2, dl/d excess_i = -l L_i / s
    error = float(l * np.sqrt(np.sum((lengths * sem / mean**2) ** 2)) / s)
    return l, error


def _edge_rtol():
    fit = edge_fit()
    return 2 * fit.xi_error / fit.xi


def _strip_rtol():
    """Three standard errors: a line with a free intercept (1/N fitted, not fixed) is a fair
    method too and lands within about 2.5 of them."""
    l, error = strip_mean_free_path()
    return 3 * error / l


def edge_prediction():
    """The option label that the ensemble EDGE bears out (longer / shorter than the formula)."""
    fit, formula = edge_fit(), edge_perturbative()
    if fit.xi - formula > 3 * fit.xi_error:
        return "longer"
    if formula - fit.xi > 3 * fit.xi_error:
        return "shorter"
    return "the same"


_EDGE_OPTIONS = {
    "longer": "Near the band bottom the electrons are slow and the formula, which goes to zero at "
              "the edge, underestimates how far they get: the true ξ stays finite there.",
    "shorter": "The formula vanishes at the band edge, yet a weakly disordered chain still "
               "transmits over a finite length there; compare the two in the next exercise.",
    "the same": "Second-order perturbation theory needs the disorder to be small compared with "
                "the distance to the band edge; at E = 0.1t that distance is small.",
}

EXERCISES += [
    ChoiceExercise(
        "band-edge-prediction", points=1, paired_with="band-edge-localization-length", options={
            # the correct label is the one edge_prediction() computes (asserted in the tests)
            label: (label == "longer", text) for label, text in _EDGE_OPTIONS.items()},
        hint=("What does the weak-disorder formula do as ε approaches the band edge, and can a "
              "real chain's ξ do the same?",
              "Write your guess down first; the next exercise measures ξ and settles it.")),

    EnsembleExercise(
        "band-edge-localization-length", points=3, units="sites", rtol=_edge_rtol, close=0.05,
        expected=lambda: edge_fit().xi,
        mistakes=[
            Mistake("That is the weak-disorder formula, not a fit: near the band edge the "
                    "perturbation series fails, and the question asks what the chains do.",
                    value=edge_perturbative),
            Mistake("Fit ⟨ln T⟩, not ln⟨T⟩: the average T is carried by a few rare chains that "
                    "transmit well and decays much more slowly.", value=edge_fit_of_mean_T),
            Mistake("The slope of ⟨ln T⟩ against L is −2/ξ, not −1/ξ: ξ is defined from the "
                    "amplitude, T is its square.", factor=0.5),
        ],
        hint=("Which average of T decays with a rate set by ξ, and how does it depend on L?",
              "Compute ln T for the ensemble EDGE, average over the chains of each length, fit a "
              "straight line against L and convert its slope into ξ."),
        explanation="Near the band edge the formula underestimates ξ strongly: second order in "
                    "W_d fails when the disorder is not small compared with the distance to the "
                    "edge."),

    EnsembleExercise(
        "strip-mean-free-path", points=3, units="sites", rtol=_strip_rtol, close=0.07,
        expected=lambda: strip_mean_free_path()[0],
        mistakes=[
            Mistake("You fitted ⟨T⟩ = N l/L: that leaves out the contact resistance, which even "
                    "a perfect wire has, and it is not small for these short strips.",
                    value=lambda: strip_mean_free_path(contacts=False)[0]),
            Mistake("This is N l, the length over which the Ohmic ⟨T⟩ falls to 1; the mean free "
                    "path is N times shorter.",
                    value=lambda: strip_mean_free_path()[0] * strip_data()[1]),
            Mistake("Averaging ln T gives the typical transmission; Ohm's law is a law for the "
                    "average ⟨T⟩ of these diffusive strips.",
                    value=lambda: _strip_l_from_typical()),
        ],
        hint=("In the diffusive regime, which resistances add, and which part of 1/⟨T⟩ grows "
              "with L?",
              "Average T over the samples of each length, subtract the contact part of 1/⟨T⟩ "
              "(known from N), fit what remains with a straight line through the origin in L, "
              "and read l from its slope."),
        explanation="The strips are diffusive and still far from localized: Ohm's law with the "
                    "contact resistance describes them."),
]


def _strip_l_from_typical():
    lengths, N, T = strip_data()
    excess = 1 / np.exp(np.log(T).mean(axis=1)) - 1 / N
    return float(np.sum(lengths**2) / (N * np.sum(lengths * excess)))
