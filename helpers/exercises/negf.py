"""Exercises of lesson 6, "NEGF, self-energy and the Caroli formula" (solutions/06_negf_caroli.ipynb).

Every expected answer is computed with helpers.models.resonant_level / helpers.negf / helpers.constants;
the mistakes are computed from the physics of the typical wrong idea (Gamma = -Im Sigma instead of
-2 Im Sigma, the coupling instead of its square, h instead of hbar, G^T instead of G^dagger).
"""

import numpy as np
from scipy.optimize import brentq

from ..checks import (ArrayExercise, ChoiceExercise, FunctionExercise, Mistake, NumericExercise,
                      Param, Parameters)
from ..constants import e, h
from ..leads import broadening, chain_self_energy
from ..negf import caroli_transmission, device_self_energies, embed, green_function
from ..lattice import device_hamiltonian
from ..models.resonant_level import (dot_broadening, dot_transmission, lifetime_fs, molecule_hamiltonian,
                              molecule_levels)

__all__ = ["EXERCISES", "PARAMETERS", "FIXED_EXERCISES", "caroli_inputs"]

#: The numbers of the questions: defaults for self-study, a student's own values in homework.
PARAMETERS = Parameters(
    "negf",
    gamma_one=Param(0.3, 0.2, 0.45, step=0.05,
                    text="coupling γ of the level to one chain, units of t (exercise 1)"),
    gamma_L=Param(0.15, 0.1, 0.25, step=0.05, text="coupling to the left chain (exercise 2)"),
    gamma_R=Param(0.45, 0.35, 0.55, step=0.05, text="coupling to the right chain (exercise 2)"),
    Gamma_meV=Param(2.0, 0.5, 5.0, step=0.1, text="total broadening in meV (exercise 3)"),
    N_molecule=Param(3, 3, 5, text="number of sites of the molecule (exercise 5)"),
    eps_molecule=Param(0.2, 0.1, 0.4, step=0.05, text="their on-site energy, units of t "
                                                      "(exercise 5)"),
    t_m=Param(0.5, 0.3, 0.7, step=0.05, text="inner hopping of the molecule, units of t "
                                             "(exercise 5)"),
    eps0=Param(1.0, 0.6, 1.2, step=0.1, text="level in the upper half of the band, units of t "
                                             "(exercises 6-7)"),
    gamma_shift=Param(0.5, 0.4, 0.55, step=0.05, text="its coupling to each chain "
                                                      "(exercises 6-7)"),
    gamma_w=Param(0.4, 0.3, 0.5, step=0.05, text="coupling of the band-centre level to each "
                                                 "chain (exercise 8)"),
    input_seed=Param(606, 0, 2**31 - 1, hidden=True,
                     text="seed of the devices exercise 4's function is called on"),
)

#: Exercises whose answer no parameter changes, with the reason (none: every one varies).
FIXED_EXERCISES = {}


def _molecule():
    """(on-site energies, inner hopping) of the molecule of exercise molecule-levels."""
    return np.full(PARAMETERS.N_molecule, PARAMETERS.eps_molecule), PARAMETERS.t_m


def _peak_energy(one_lead=False):
    """Energy (t) of the transmission peak: the root of E - eps0 - Re Sigma_L(E) - Re Sigma_R(E)."""
    eps0, gamma = PARAMETERS.eps0, PARAMETERS.gamma_shift
    leads = 1 if one_lead else 2
    shift = lambda E: E - eps0 - leads * float(np.real(chain_self_energy(E, onsite=0.0, coupling=gamma)))
    return brentq(shift, eps0 - 1.0, 1.999, xtol=1e-13)


def _first_order_peak():
    """eps0 + Re Sigma_L + Re Sigma_R evaluated at eps0: the first-order (perturbative) shift."""
    eps0, gamma = PARAMETERS.eps0, PARAMETERS.gamma_shift
    return eps0 + 2 * float(np.real(chain_self_energy(eps0, onsite=0.0, coupling=gamma)))


def _half_width_point():
    """Energy E > 0 (t) where T of the band-centre level falls to 1/2."""
    g = PARAMETERS.gamma_w
    return brentq(lambda E: float(dot_transmission(E, 0.0, g, g)) - 0.5, 1e-9, 1.999, xtol=1e-13)


def _wide_band_width():
    """Gamma_L + Gamma_R at the band centre: the FWHM if the broadening did not depend on energy."""
    return 2 * float(dot_broadening(0.0, PARAMETERS.gamma_w))


def caroli_inputs():
    """(G, Gamma_L, Gamma_R) triples the checker feeds to the student's Caroli function.

    A 3 x 2 strip in a magnetic field (full, complex 2 x 2 Gamma blocks and G^T != G, so the
    order of the factors and the conjugate transpose matter), a single level and a 3-site
    molecule; potentials, energies and couplings drawn with `PARAMETERS.input_seed` (a homework
    variant is called on devices its student never saw).
    """
    rng = np.random.default_rng(PARAMETERS.input_seed)
    cases = []
    # a 3 x 2 strip with a potential, in a magnetic field (complex Gammas, G^T != G), with one
    # open channel (1 < E < 3 for W = 2)
    V = rng.uniform(-0.5, 0.8, size=(3, 2))
    E = rng.uniform(1.2, 2.8)
    H = device_hamiltonian(V, flux=0.1)
    sL, sR = device_self_energies(V, E, flux=0.1)
    G = green_function(E, H, [sL, sR])
    cases.append((G, broadening(sL), broadening(sR)))
    # a single level between two chains
    E, eps, gL, gR = rng.uniform(-1.0, 1.0), rng.uniform(-0.5, 0.5), *rng.uniform(0.3, 0.8, 2)
    sL = chain_self_energy(E, onsite=0.0, coupling=gL)
    sR = chain_self_energy(E, onsite=0.0, coupling=gR)
    G = green_function(E, [[eps]], [[[sL]], [[sR]]])
    cases.append((G, broadening(np.array([[sL]])), broadening(np.array([[sR]]))))
    # a three-site molecule
    E = rng.uniform(-1.5, 1.5)
    H = molecule_hamiltonian(rng.uniform(-0.3, 0.3, 3), rng.uniform(0.5, 0.9, 2))
    gL, gR = rng.uniform(0.3, 0.6, 2)
    sL = embed([[chain_self_energy(E, onsite=0.0, coupling=gL)]], [0], 3)
    sR = embed([[chain_self_energy(E, onsite=0.0, coupling=gR)]], [2], 3)
    G = green_function(E, H, [sL, sR])
    cases.append((G, broadening(sL), broadening(sR)))
    return cases


def _caroli_transposed(G, gamma_left, gamma_right):
    """Typical mistake: G^T (transpose only) in place of the advanced G^dagger."""
    return float(np.real(np.trace(gamma_left @ G @ gamma_right @ G.T)))


def _caroli_no_dagger(G, gamma_left, gamma_right):
    """Typical mistake: G twice, no advanced function at all."""
    return float(np.real(np.trace(gamma_left @ G @ gamma_right @ G)))


EXERCISES = [
    NumericExercise(
        "broadening-band-centre", points=2, units="t",
        expected=lambda: float(dot_broadening(0.0, PARAMETERS.gamma_one)),
        mistakes=[
            # half the answer (= gamma^2 / t): -Im Sigma instead of -2 Im Sigma, or only
            # |Sigma| = gamma^2 |g(0)|; one hint covers both (they give the same number)
            Mistake("Γ is −2 Im Σ, not −Im Σ or |Σ|: you are a factor 2 short. At the band "
                    "centre g(0) = −i/t is purely imaginary, so the level shift Re Σ "
                    "vanishes and Γ = −2 Im Σ.", factor=0.5),
            Mistake("The self-energy goes with the square of the coupling: Σ = γ² g(E).",
                    value=lambda: 2 * PARAMETERS.gamma_one),
            Mistake("The question asks for the broadening due to one lead.", factor=2),
        ],
        hint=("What is the surface Green's function of a semi-infinite chain at the band centre?",
              "Evaluate g(E) of the chain at E = 0, multiply by γ², take −2 Im.")),
    NumericExercise(
        "resonance-peak-height", points=2, units="",
        expected=lambda: float(dot_transmission(0.0, 0.0, PARAMETERS.gamma_L, PARAMETERS.gamma_R)),
        mistakes=[
            Mistake("Only a symmetric coupling reaches T = 1; here Γ_L ≠ Γ_R.", value=lambda: 1.0),
            Mistake("Γ_L and Γ_R go with the squares of the couplings γ_L, γ_R.",
                    value=lambda: 4 * PARAMETERS.gamma_L * PARAMETERS.gamma_R
                    / (PARAMETERS.gamma_L + PARAMETERS.gamma_R) ** 2),
            Mistake("On resonance the denominator of the Breit-Wigner formula is (Γ/2)², not Γ².",
                    factor=0.25),
        ],
        hint=("Are the two couplings equal? What does that do to the peak height?",
              "On resonance T = Γ_L Γ_R / (Γ/2)² with Γ = Γ_L + Γ_R; find Γ_L and Γ_R at the band"
              " centre first.")),
    NumericExercise(
        "resonance-lifetime", points=2, units="fs", rtol=2e-3,
        expected=lambda: lifetime_fs(PARAMETERS.Gamma_meV),
        other_units={"s": 1e-15},
        mistakes=[
            Mistake("The lifetime is ħ/Γ, with ħ = h/2π, not h/Γ.",
                    value=lambda: h / (PARAMETERS.Gamma_meV * 1e-3 * e) * 1e15),
            Mistake("Your answer is 1000 times too large: Γ is in meV, and 1 meV = 10⁻³ eV "
                    "(a conversion the wrong way round?).", factor=1e3),
            Mistake("Your answer is 1000 times too small: is it in ps instead of fs, or did you "
                    "take Γ in eV instead of meV?", factor=1e-3),
        ],
        hint=("Which width sets the lifetime of the level: Γ_L, Γ_R or their sum?",
              "τ = ħ/Γ with the total broadening; ħ = 6.582×10⁻¹⁶ eV·s.")),
    FunctionExercise(
        "caroli-trace", points=3, reference=caroli_transmission, inputs=caroli_inputs,
        forbidden=("helpers.negf.caroli_transmission",),
        rtol=1e-8, atol=1e-12,
        mistakes=[
            Mistake("The last factor is the advanced Green's function G† = G.conj().T; .T alone "
                    "only transposes.", value=_caroli_transposed),
            Mistake("The Caroli formula has the retarded G once and the advanced G† once.",
                    value=_caroli_no_dagger),
        ],
        hint=("Which Green's function comes last in the Caroli formula, and what is it in numpy?",
              "T = Tr[Γ_L G Γ_R G†]: matrix products with @, the trace with np.trace, G† = "
              "G.conj().T, and T is real: return its real part.")),
    ArrayExercise(
        "molecule-levels", points=2, units="t", rtol=1e-6, atol=1e-9,
        expected=lambda: molecule_levels(*_molecule()),
        mistakes=[
            Mistake("Those are the right levels in the wrong order: sort them ascending, as "
                    "np.linalg.eigvalsh returns them.",
                    value=lambda: molecule_levels(*_molecule())[::-1]),
            Mistake("The on-site energy is missing from the diagonal: every level shifts with it.",
                    value=lambda: molecule_levels(np.zeros(PARAMETERS.N_molecule), PARAMETERS.t_m)),
        ],
        hint=("What does the Hamiltonian of N sites in a row look like?",
              "Build the N x N Hamiltonian (on-site on the diagonal, −t_m beside it) and use "
              "np.linalg.eigvalsh, which returns the eigenvalues in ascending order.")),

    ChoiceExercise(
        "level-shift-prediction", points=1, paired_with="shifted-peak-energy",
        options={
            "above eps0": (True, "Yes: now find where exactly, in the next exercise."),
            "at eps0": (False, "At the band centre Re Σ vanishes, but not elsewhere in the band. "
                               "Test it in the next exercise."),
            "below eps0": (False, "Look at the sign of Re Σ for energies in the upper half of "
                                  "the lead's band. Test it in the next exercise."),
        },
        hint=("What does the real part of the self-energy do to the level, and what is its sign "
              "in the upper half of the band?",
              "Compute Re Σ(E) of a chain for an energy between 0 and 2t (or look at the "
              "lesson's figure of Σ) and ask which way it moves the condition E = ε₀ + Re Σ."),
        explanation="In the upper half of the band Re Σ > 0: the leads push the level up."),

    NumericExercise(
        "shifted-peak-energy", points=3, units="t", rtol=0.005, close=0.015,
        expected=_peak_energy,
        mistakes=[
            Mistake("That is the bare level ε₀: away from the band centre the leads shift the "
                    "resonance.", value=lambda: PARAMETERS.eps0),
            Mistake("That is the first-order estimate, Re Σ evaluated at ε₀. The shift depends "
                    "on energy: solve for the energy where the shifted level and E coincide.",
                    value=_first_order_peak),
            Mistake("You shifted the level by one lead's self-energy; both leads shift it.",
                    value=lambda: _peak_energy(one_lead=True)),
            Mistake("The level moved the wrong way: check the sign of Re Σ above the band centre.",
                    value=lambda: 2 * PARAMETERS.eps0 - _peak_energy()),
        ],
        hint=("Where is T(E) largest: at ε₀, or where E equals the level shifted by the leads?",
              "Compute the transmission of the level between two chains on a fine energy grid "
              "(or solve E − ε₀ − Re Σ_L(E) − Re Σ_R(E) = 0 with a root finder) and locate the "
              "peak."),
        explanation="The peak sits where E = ε₀ + Re Σ_L(E) + Re Σ_R(E); at that energy T reaches "
                    "1 for equal couplings. The shift grows with E, so the first-order estimate "
                    "falls short."),

    NumericExercise(
        "band-centre-peak-width", points=3, units="t", rtol=0.01, close=0.03,
        expected=lambda: 2 * _half_width_point(),
        mistakes=[
            Mistake("That is Γ_L + Γ_R at the band centre, the width the peak would have if the "
                    "broadening and the shift did not change with energy. Here they do: measure "
                    "the peak.", value=_wide_band_width),
            Mistake("That is the broadening of one lead at the band centre; and the peak's width "
                    "has to be measured, not taken from Γ.", value=lambda: _wide_band_width() / 2),
            Mistake("That is the half width (from the centre to one half-maximum point); the "
                    "question asks for the full width.", value=_half_width_point),
        ],
        hint=("Is the peak's full width at half maximum the Γ of the lesson at the band centre? "
              "Compute the peak and measure it.",
              "Compute T(E) of the level at ε₀ = 0 between two chains, find the energies on "
              "either side where T = 1/2 (a root finder, or a fine grid), and take their distance."),
        explanation="The peak is wider than Γ_L + Γ_R: away from the centre Re Σ pulls the level "
                    "along with E, which flattens the peak. The energy-independent (wide-band) "
                    "picture holds only for couplings much weaker than t."),
]
