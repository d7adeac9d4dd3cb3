"""Exercises of lesson 8, "The fine print" (solutions/08_fine_print.ipynb).

Every expected answer is computed with helpers.models.coulomb, helpers.scattering and helpers.constants;
the mistakes are computed from the physics of the typical wrong idea (e^2/C without the 1/2, one
junction's capacitance instead of C_sigma, the total instead of the gate capacitance, kT = E_C
instead of E_C/10, probabilities multiplied, the contact resistance counted twice, the rate of
the reverse process).
"""

import numpy as np

from ..checks import FunctionExercise, Mistake, NumericExercise
from ..constants import K_B_EV_PER_K
from ..models.coulomb import charging_energy_meV, gate_period_mV, orthodox_rate
from ..scattering import incoherent_transmission

__all__ = ["EXERCISES", "ISLAND", "SCATTERERS", "BLOCKADE_FRACTION", "rate_inputs"]

#: Capacitances (aF) of the island of exercises charging-energy, coulomb-gate-period, blockade-temperature.
ISLAND = dict(C1_aF=300.0, C2_aF=300.0, Cg_aF=100.0)
#: Transmissions of the two scatterers of exercise incoherent-transmission.
SCATTERERS = (0.4, 0.25)
#: The blockade is deep (valleys 100 times below the peaks) for kT below this fraction of E_C.
BLOCKADE_FRACTION = 0.1


def _C_sigma():
    return ISLAND["C1_aF"] + ISLAND["C2_aF"] + ISLAND["Cg_aF"]


def _E_C():
    return charging_energy_meV(_C_sigma())


def _temperature_K(energy_meV):
    return energy_meV * 1e-3 / K_B_EV_PER_K


def rate_inputs():
    """(W, kT) pairs the checker feeds to the student's rate function (W an array)."""
    return [
        (np.array([-2.0, -0.5, 0.0, 0.5, 2.0]), 0.5),
        (np.array([0.0, 1e-9]), 1.0),
        (np.array([-60.0, -1e-3, 1e-3, 60.0]), 2.0),
        (np.array([-4000.0, 0.0, 4000.0]), 1.0),
        (np.linspace(-1.0, 1.0, 9), 0.25),
    ]


EXERCISES = [
    NumericExercise(
        "charging-energy", points=1, units="meV",
        expected=_E_C,
        other_units={"µeV": 1e3, "eV": 1e-3},
        mistakes=[
            Mistake("The charging energy is e²/2C_Σ: you are a factor 2 too large.", factor=2),
            Mistake("The island is charged against all its capacitances, C_Σ = C₁ + C₂ + C_g, "
                    "not one junction alone.", value=lambda: charging_energy_meV(ISLAND["C1_aF"])),
            Mistake("The gate capacitance belongs to C_Σ too.",
                    value=lambda: charging_energy_meV(ISLAND["C1_aF"] + ISLAND["C2_aF"])),
        ],
        hint="E_C = e²/(2 C_Σ); with e in coulomb and C in farad this is in joule; divide by e "
             "for eV. 1 aF = 10⁻¹⁸ F.",
        explanation="Equivalently, E_C = 80.1 meV / (C_Σ in aF)."),

    NumericExercise(
        "coulomb-gate-period", points=1, units="mV",
        expected=lambda: gate_period_mV(ISLAND["Cg_aF"]),
        other_units={"V": 1e-3},
        mistakes=[
            Mistake("The gate acts through its own capacitance: one more electron each time "
                    "C_g V_g grows by e. C_Σ sets the charging energy, not the gate period.",
                    value=lambda: gate_period_mV(_C_sigma())),
            Mistake("One period adds one whole electron (Δn_g = 1), not half of one.", factor=0.5),
        ],
        hint="n_g = C_g V_g / e grows by 1 from one Coulomb peak to the next.",
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
        hint="Solve k_B T = E_C/10 for T; k_B = 8.617×10⁻⁵ eV/K (helpers.constants.K_B_EV_PER_K).",
        explanation="Below this temperature the conductance valleys are more than 100 times "
                    "below the peaks (lesson 8)."),

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
        hint="Without phase memory, (1 - T)/T adds up: 1/T - 1 = Σ (1 - Tᵢ)/Tᵢ.",
        explanation="Equivalently T = T₁T₂/(1 - R₁R₂), the sum over all incoherent bounces."),

    FunctionExercise(
        "orthodox-rate", points=3, reference=orthodox_rate, inputs=rate_inputs, rtol=1e-8, atol=1e-300,
        mistakes=[
            Mistake("That is the rate of the reverse process, W/(exp(W/kT) - 1): an event that "
                    "gains energy must be the fast one.", value=lambda W, kT: orthodox_rate(-W, kT)),
            Mistake("Multiply by kT: the rate (times e²R) has the units of an energy, W/(1 - e^(-W/kT)).",
                    value=lambda W, kT: orthodox_rate(W, kT) / kT),
        ],
        hint="Γ e²R = W/(1 - exp(-W/kT)). At W = 0 the formula is 0/0: its limit is kT. "
             "np.expm1(x) = exp(x) - 1 is accurate for small x; np.where picks values elementwise "
             "(evaluate the formula on a safe array where W = 0).",
        explanation="kT at W = 0, W for W ≫ kT, |W| e^(-|W|/kT) for W ≪ -kT."),
]
