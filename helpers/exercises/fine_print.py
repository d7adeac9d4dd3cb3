"""Exercises of lesson 8, "The fine print" (solutions/08_fine_print.ipynb).

Every expected answer is computed with helpers.models.probes and helpers.scattering; the mistakes
are computed from the physics of the typical wrong idea (probabilities multiplied, the contact
resistance counted twice, the group velocity taken at the band centre, the mean free path
confused with L_phi, probes on every site, the inelastic and elastic probe swapped).
"""

from functools import lru_cache

import numpy as np
from scipy.optimize import brentq

from ..checks import Mistake, NumericExercise
from ..models.probes import bias_currents, effective_transmission, two_barrier_chain
from ..scattering import incoherent_transmission

__all__ = ["EXERCISES", "SCATTERERS", "DEPHASING", "RESONATOR", "CLEAN_PROBES", "RELAXATION"]

#: Transmissions of the two scatterers of exercise incoherent-transmission.
SCATTERERS = (0.4, 0.25)
#: Energy and probe coupling (units of t) of exercise dephasing-length.
DEPHASING = dict(energy=1.2, eta=0.02)
#: The double barrier of exercise probe-half-peak: two_barrier_chain(height, width, spacing),
#: probes on the well, and the coherent resonance near `near` (units of t).
RESONATOR = dict(height=2.5, width=1, spacing=10, near=1.60)
#: The clean chain of exercise probe-ohmic-resistance: `n` probed sites of coupling eta at energy.
CLEAN_PROBES = dict(n=30, eta=0.01, energy=1.0)
#: The finite-bias comparison of exercise relaxation-current: the chain of lesson 8 with probes
#: on the well, coupling eta, leads at mu_L and mu_R, zero temperature.
RELAXATION = dict(height=3.0, width=1, spacing=12, eta=0.1, mu_L=2.6, mu_R=1.8)


def _velocity(E):
    return 2 * np.sin(np.arccos(1 - E / 2))


@lru_cache(maxsize=1)
def _half_peak_eta(sites="well"):
    V, well = two_barrier_chain(RESONATOR["height"], RESONATOR["width"], RESONATOR["spacing"])
    probes = well if sites == "well" else np.arange(V.size)
    near = RESONATOR["near"]
    from ..rgf import transmission

    E_res = brentq(lambda e: transmission(V, e + 1e-7) - transmission(V, e - 1e-7),
                   near - 0.02, near + 0.02, xtol=1e-12)
    return brentq(lambda x: effective_transmission(V, E_res, probes, x) - 0.5, 1e-5, 1.0, xtol=1e-12)


def _clean_resistance():
    n = CLEAN_PROBES["n"]
    return 1 / effective_transmission(np.zeros(n), CLEAN_PROBES["energy"], np.arange(n),
                                      CLEAN_PROBES["eta"])


def _ohm_excess(v):
    return CLEAN_PROBES["n"] * CLEAN_PROBES["eta"] / (2 * v)


@lru_cache(maxsize=1)
def _relaxation():
    V, well = two_barrier_chain(RELAXATION["height"], RELAXATION["width"], RELAXATION["spacing"])
    r = bias_currents(V, well, RELAXATION["eta"], RELAXATION["mu_L"], RELAXATION["mu_R"], 0.0)
    return r["elastic"], r["inelastic"]


def _excess_percent():
    elastic, inelastic = _relaxation()
    return 100 * (inelastic / elastic - 1)


EXERCISES = [
    NumericExercise(
        "incoherent-transmission", points=2, units="",
        expected=lambda: incoherent_transmission(list(SCATTERERS)),
        mistakes=[
            Mistake("Multiplying the transmissions forgets the electrons that bounce between the "
                    "scatterers and get through on a later try.",
                    value=lambda: SCATTERERS[0] * SCATTERERS[1]),
            Mistake("Adding 1/T₁ + 1/T₂ counts the contact resistance twice: only the "
                    "scatterers' own parts (1 - T)/T add up.",
                    value=lambda: 1 / (1 / SCATTERERS[0] + 1 / SCATTERERS[1])),
            Mistake("Transmissions in series do not average.",
                    value=lambda: (SCATTERERS[0] + SCATTERERS[1]) / 2),
        ],
        hint=("Which quantity is additive for incoherent scatterers?",
              "Without phase memory, (1 - T)/T of the scatterers add up: compute the sum, then "
              "invert 1/T - 1 = Σ (1 - Tᵢ)/Tᵢ."),
        explanation="Equivalently T = T₁T₂/(1 - R₁R₂), the sum over all incoherent bounces."),

    NumericExercise(
        "dephasing-length", points=1, units="sites",
        expected=lambda: _velocity(DEPHASING["energy"]) / DEPHASING["eta"],
        mistakes=[
            Mistake("The group velocity 2ta sin k/ħ is 2ta/ħ only at the band centre E = 2t; "
                    "compute k at this energy.", value=lambda: 2 / DEPHASING["eta"]),
            Mistake("That is the mean free path of the probes' backscattering, twice L_φ.",
                    factor=2),
            Mistake("The coherence decays at the rate η/ħ; multiply by the velocity, not by 1.",
                    value=lambda: 1 / DEPHASING["eta"]),
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
