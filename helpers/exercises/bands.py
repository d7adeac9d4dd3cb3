"""Exercises of lesson 0, the primer: bands, velocity, density of states, effective mass, 2DEG
(solutions/00_bands_and_electrons.ipynb).

Expected answers are computed with the course physics (helpers.models.bands, helpers.constants),
never typed in. Ids name the physics, not the lesson.
"""

import numpy as np
from scipy.optimize import brentq

from ..checks import Mistake, NumericExercise, Param, Parameters
from ..constants import e
from ..models.bands import (GAAS_MASS_RATIO, chain_dos, chain_parabola, chain_velocity, chain_wavenumber,
                            fermi_wavelength_2deg, finite_chain_levels, lattice_hopping,
                            velocity_m_per_s)

__all__ = ["EXERCISES", "PARAMETERS", "DOS_WIDTH"]

#: The numbers of the questions: defaults for self-study, a student's own values in homework.
PARAMETERS = Parameters(
    "bands",
    t_eV=Param(2.7, 2.4, 3.0, step=0.1, text="hopping of the chain, eV (exercise 1)"),
    a_nm=Param(0.142, 0.12, 0.16, step=0.005, text="spacing of its atoms, nm (exercise 1)"),
    # fewer atoms and a window lower in the upper half of the band: always fewer levels than
    # the default's, and the midpoint estimate N D ΔE stays within 0.2 % of the integral. N + 1
    # is never a multiple of 3: then a level would sit exactly on E = 3t, a window edge.
    N_sites=Param(1000, choices=(820, 850, 880, 900, 940, 1000),
                  text="atoms of the closed chain (exercises 2-3)"),
    E1=Param(3.0, 2.6, 3.0, step=0.1,
             text="lower edge of the energy window, t; the upper one is E1 + 0.2 (exercises 2-3)"),
    E_parabola=Param(0.5, 0.3, 0.8, step=0.05, text="energy of the band state, t (exercise 4)"),
    a_gaas_nm=Param(3.0, 2.0, 5.0, step=0.5, text="lattice spacing for GaAs, nm (exercise 5)"),
    n_2deg=Param(4.0, 2.0, 8.0, step=0.5,
                 text="electron density of the 2DEG, in 10^15 per m² (exercise 6)"),
    # from 5 %: the inverted comparison stays more than 3 tolerances away
    dos_excess_percent=Param(10, 5, 20,
                             text="allowed excess of the chain's D(E), percent (exercise 7)"),
)

#: Width (units of t) of the energy window of exercises dos-level-prediction / dos-level-count.
DOS_WIDTH = 0.2


def _window():
    return PARAMETERS.E1, PARAMETERS.E1 + DOS_WIDTH


def _fastest_speed():
    """2t a / hbar in m/s: the velocity at k = pi/2, the middle of the band."""
    return velocity_m_per_s(chain_velocity(np.pi / 2), PARAMETERS.t_eV, PARAMETERS.a_nm)


def _predicted_levels():
    """N times the integral of D(E) over the window: N (k(E2) - k(E1)) / pi."""
    k1, k2 = chain_wavenumber(np.array(_window()))
    return PARAMETERS.N_sites * (k2 - k1) / np.pi


def _counted_levels():
    levels = finite_chain_levels(PARAMETERS.N_sites)
    low, high = _window()
    return int(np.sum((levels > low) & (levels < high)))


def _parabola_excess(E):
    """(t k^2 - E) / E for the band state of energy E, in percent."""
    return 100 * (chain_parabola(chain_wavenumber(E)) / E - 1)


def _parabola_dos(E):
    """D(E) of the effective-mass band E = t k^2 (units of 1/t): 1/(pi dE/dk) with dE/dk = 2tk."""
    return 1 / (np.pi * 2 * np.sqrt(E))


def _dos_agreement():
    """The relative excess of the chain's D(E) over the effective-mass D(E) at which the
    effective-mass picture is said to fail (0.1 = 10 %)."""
    return PARAMETERS.dos_excess_percent / 100


def _dos_limit(inverted=False):
    """Energy (t) where chain_dos / effective-mass DOS reaches 1 + excess (the chain's D is
    always the larger); `inverted`: the slip of asking the parabola's D to be 1 - excess of it."""
    excess = _dos_agreement()
    if inverted:
        ratio = lambda E: _parabola_dos(E) / chain_dos(E) - (1 - excess)
    else:
        ratio = lambda E: chain_dos(E) / _parabola_dos(E) - (1 + excess)
    return brentq(ratio, 1e-9, 3.999, xtol=1e-13)


def _energy_limit():
    """The slip: where the parabola's ENERGY lies that fraction above the band (not the DOS)."""
    return brentq(lambda E: chain_parabola(chain_wavenumber(E)) / E - (1 + _dos_agreement()), 1e-6,
                  3.999, xtol=1e-13)


def _half_parabola_dos_limit():
    """The slip: the effective-mass D(E) without the factor 2 of the two directions of motion."""
    return brentq(lambda E: chain_dos(E) * np.pi * np.sqrt(E) - (1 + _dos_agreement()), 1e-9, 3.999)


EXERCISES = [
    NumericExercise(
        "chain-fastest-speed", points=3, units="m/s", rtol=5e-3,
        expected=_fastest_speed,
        other_units={"km/s": 1e-3},
        mistakes=[
            Mistake("That is half the speed: the band is 2t(1 − cos ka), and the 2 in front "
                    "survives the derivative.", factor=0.5),
            Mistake("You divided by h; the group velocity is (1/ħ) dE/dk, and ħ = h/2π.",
                    factor=1 / (2 * np.pi)),
            Mistake("Your answer is 10⁹ times too large: the spacing a was left in nm; "
                    "convert it to metres.", factor=1e9),
            Mistake("Your answer is far too small: t was left in eV. Convert it to joules "
                    "(multiply by e) before dividing by ħ in J s.", factor=1 / e),
            Mistake("Zero is the velocity at a band edge, where the electrons are slowest; "
                    "the question asks for the fastest state of the band.", factor=0),
        ],
        hint=("Where in the band is the slope dE/dk largest?",
              "Plot or scan v(k) = (1/ħ) dE/dk over the Brillouin zone, find its largest value in"
              " units of ta/ħ, then put in t and a in SI units."),
        explanation="The fastest electrons sit in the middle of the band, E = 2t, ka = π/2, "
                    "where v = 2ta/ħ, about 10⁶ m/s: like the Fermi velocity of graphene."),

    NumericExercise(
        "dos-level-prediction", points=2, units="levels", rtol=0.02,
        expected=_predicted_levels,
        mistakes=[
            Mistake("That is half: an energy window holds states moving both ways, at +k and at "
                    "−k, and D(E) counts both.", factor=0.5),
            Mistake("That is twice too many: the levels of the Hamiltonian are counted per "
                    "spin, as D(E) in the lesson; do not add a spin factor.", factor=2),
            Mistake("That looks like the number per atom; the question asks for the whole "
                    "chain.", value=lambda: _predicted_levels() / PARAMETERS.N_sites),
            Mistake("Check the factor 1/π in the density of states.", factor=np.pi),
        ],
        hint=("What does D(E) count, and per what?",
              "D(E) is the number of states per atom and per unit energy: multiply by the number "
              "of atoms and by the width of the window (or integrate, if D changes across it)."),
        explanation="N ∫ D(E) dE = N [k(E₂) − k(E₁)]/π (the product N·D·ΔE at the middle of "
                    "the window gives nearly the same)."),

    NumericExercise(
        "dos-level-count", points=2, units="levels", rtol=0, atol=0.5,
        expected=_counted_levels,
        mistakes=[
            Mistake("No levels at all in the window: did you put the course's on-site energy 2t "
                    "on the diagonal? With 0 there the band sits between −2t and 2t.",
                    value=lambda: 0),
        ],
        generic_mistakes=False,
        hint=("Can you count the eigenvalues of the finite chain directly instead of predicting "
              "them?",
              "Build the N × N Hamiltonian (2t on the diagonal, −t next to it), find its "
              "eigenvalues with numpy.linalg.eigvalsh and count those inside the window."),
        explanation="The prediction from D(E) holds to within a level. The "
                    "standing waves of a closed chain are spaced evenly in k, and D(E) is "
                    "exactly that spacing seen in energy."),

    NumericExercise(
        "parabola-error", points=2, units="%", rtol=5e-3,
        expected=lambda: _parabola_excess(PARAMETERS.E_parabola),
        mistakes=[
            Mistake("That looks like a fraction; the question asks for percent.", factor=0.01),
            Mistake("That is the ratio of the two energies; the question asks by how much the "
                    "parabola lies above the band.",
                    value=lambda: 100 + _parabola_excess(PARAMETERS.E_parabola)),
            Mistake("You measured the difference relative to the parabola's energy; the "
                    "question compares with the true band energy.",
                    value=lambda: 100 * (1 - PARAMETERS.E_parabola
                                         / chain_parabola(chain_wavenumber(PARAMETERS.E_parabola)))),
        ],
        hint=("The effective-mass parabola is exact only near the band bottom: how far from it is"
              " this energy?",
              "Find the wave number of the band state with this energy, evaluate the "
              "effective-mass parabola there, and compare the two energies."),
        explanation="A few percent: low in the band the parabola is a fair but not a perfect "
                    "description of it (the relative error grows roughly like E/12t)."),

    NumericExercise(
        "gaas-lattice-hopping", points=2, units="meV", rtol=5e-3,
        expected=lambda: 1e3 * lattice_hopping(GAAS_MASS_RATIO, PARAMETERS.a_gaas_nm),
        other_units={"eV": 1e-3},
        mistakes=[
            Mistake("You used the free electron mass; a GaAs electron has the effective mass "
                    "m* = 0.067 mₑ.", factor=GAAS_MASS_RATIO),
            Mistake("That is the width of the lattice band, 4t; the question asks for the "
                    "hopping t.", factor=4),
            Mistake("The spacing enters squared: check the power of a.",
                    value=lambda: 1e3 * lattice_hopping(GAAS_MASS_RATIO, PARAMETERS.a_gaas_nm)
                    * PARAMETERS.a_gaas_nm),
            Mistake("You used h instead of ħ = h/2π.", factor=(2 * np.pi) ** 2),
        ],
        hint=("Which feature of the lattice band must agree with the free-electron parabola of "
              "mass m*?",
              "Expand the band bottom to second order in k and match the coefficient of k² with "
              "ħ²/2m*; the constant ħ²/2mₑ in eV nm² is helpers.constants.HBAR2_OVER_2ME_EV_NM2."),
        explanation="t = ħ²/(2m*a²), tens of meV: the lattice is a faithful GaAs for energies "
                    "of a few meV."),

    NumericExercise(
        "fermi-wavelength", points=2, units="nm", rtol=5e-3,
        expected=lambda: fermi_wavelength_2deg(PARAMETERS.n_2deg * 1e15),
        other_units={"m": 1e-9, "µm": 1e-3},
        mistakes=[
            Mistake("You put one electron in each k state; spin lets two electrons share it, so "
                    "the Fermi circle is smaller than you assumed.", factor=1 / np.sqrt(2)),
            Mistake("That is 1/k_F; a wavelength is 2π/k.", factor=1 / (2 * np.pi)),
            Mistake("Check the area of one k state: (2π)² per unit area of the sample, and a "
                    "disc of radius k_F has area πk_F².", factor=np.sqrt(2)),
        ],
        hint=("How many electrons fit inside a Fermi circle of radius k_F, with spin?",
              "Count the states inside the Fermi circle: each occupies an area (2π)²/A of the k "
              "plane, and each holds two electrons. That gives k_F from n."),
        explanation="λ_F = √(2π/n), tens of nm, many spacings of the crystal lattice: the "
                    "electrons see a smooth band bottom, not the atoms."),

    NumericExercise(
        "effective-mass-dos-limit", points=3, units="t", rtol=0.01, close=0.03,
        expected=_dos_limit,
        mistakes=[
            Mistake("You asked the effective-mass D(E) to lie that many percent below the "
                    "chain's; the question compares the other way: the chain's D(E) that many "
                    "percent above the effective-mass one.",
                    value=lambda: _dos_limit(inverted=True)),
            Mistake("That is where the parabola's energy is that many percent off; the question asks about the "
                    "density of states, which depends on the slope of the band, not its height.",
                    value=_energy_limit),
            Mistake("Check the effective-mass density of states: it is the same 1/(π dE/dk) "
                    "rule applied to the parabola, with both directions of motion counted.",
                    value=_half_parabola_dos_limit),
        ],
        hint=("Is the density of states of the parabola larger or smaller than that of the "
              "band, and how does the ratio grow with energy?",
              "Write D(E) of the chain and of the effective-mass parabola (each from 1/(π dE/dk), "
              "with k of the state of energy E), and solve ratio = 1 + excess for E with a root finder "
              "or on a fine grid."),
        explanation="The effective mass describes the density of states to within a few "
                    "percent only near the bottom of the band: transport near half filling needs "
                    "the full band."),
]
