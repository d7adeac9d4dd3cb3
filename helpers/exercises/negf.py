"""Exercises of lesson 6, "NEGF, self-energy and the Caroli formula" (solutions/06_negf_caroli.ipynb).

Every expected answer is computed with helpers.models.resonant_level / helpers.negf / helpers.constants;
the mistakes are computed from the physics of the typical wrong idea (Gamma = -Im Sigma instead of
-2 Im Sigma, the coupling instead of its square, h instead of hbar, G^T instead of G^dagger).
"""

import numpy as np

from ..checks import ArrayExercise, FunctionExercise, Mistake, NumericExercise
from ..constants import e, h
from ..leads import broadening, chain_self_energy
from ..negf import caroli_transmission, device_self_energies, embed, green_function
from ..lattice import device_hamiltonian
from ..models.resonant_level import (dot_broadening, dot_transmission, lifetime_fs, molecule_hamiltonian,
                              molecule_levels)

__all__ = ["EXERCISES", "GAMMA_COUPLING", "PEAK_COUPLINGS", "LIFETIME_GAMMA_MEV", "MOLECULE",
           "caroli_inputs"]

#: Coupling gamma (units of t) of the level to ONE on-site-0 chain, exercise broadening-band-centre.
GAMMA_COUPLING = 0.3
#: (gamma_L, gamma_R) of the level at the band centre (eps0 = 0), exercise resonance-peak-height.
PEAK_COUPLINGS = (0.2, 0.4)
#: Total broadening Gamma in meV, exercise resonance-lifetime.
LIFETIME_GAMMA_MEV = 2.0
#: (N, on-site, inner hopping) of the molecule, exercise molecule-levels.
MOLECULE = (3, 0.2, 0.5)


def caroli_inputs():
    """(G, Gamma_L, Gamma_R) triples the checker feeds to the student's Caroli function.

    A 3 x 2 strip in a magnetic field (full, complex 2 x 2 Gamma blocks and G^T != G, so the
    order of the factors and the conjugate transpose matter), a single level and a 3-site
    molecule.
    """
    cases = []
    # a 3 x 2 strip with a potential, in a magnetic field (complex Gammas, G^T != G), at E = 1.3
    V = np.array([[0.2, -0.4], [0.7, 0.1], [-0.3, 0.5]])
    H = device_hamiltonian(V, flux=0.1)
    sL, sR = device_self_energies(V, 1.3, flux=0.1)
    G = green_function(1.3, H, [sL, sR])
    cases.append((G, broadening(sL), broadening(sR)))
    # single level at E = 0.1 between two chains
    sL = chain_self_energy(0.1, onsite=0.0, coupling=0.4)
    sR = chain_self_energy(0.1, onsite=0.0, coupling=0.7)
    G = green_function(0.1, [[0.3]], [[[sL]], [[sR]]])
    cases.append((G, broadening(np.array([[sL]])), broadening(np.array([[sR]]))))
    # three-site molecule at E = -0.45
    H = molecule_hamiltonian([0.1, -0.2, 0.3], [0.6, 0.8])
    sL = embed([[chain_self_energy(-0.45, onsite=0.0, coupling=0.5)]], [0], 3)
    sR = embed([[chain_self_energy(-0.45, onsite=0.0, coupling=0.3)]], [2], 3)
    G = green_function(-0.45, H, [sL, sR])
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
        expected=lambda: float(dot_broadening(0.0, GAMMA_COUPLING)),
        mistakes=[
            # half the answer (= gamma^2 / t here): -Im Sigma instead of -2 Im Sigma, or only
            # |Sigma| = gamma^2 |g(0)|; one hint covers both (they give the same number)
            Mistake("Γ is −2 Im Σ, not −Im Σ or |Σ|: you are a factor 2 short. At the band "
                    "centre g(0) = −i/t is purely imaginary, so the level shift Re Σ "
                    "vanishes and Γ = −2 Im Σ.", factor=0.5),
            Mistake("The self-energy goes with the square of the coupling: Σ = γ² g(E).",
                    value=lambda: 2 * GAMMA_COUPLING),
            Mistake("The question asks for the broadening due to one lead.", factor=2),
        ],
        hint=("What is the surface Green's function of a semi-infinite chain at the band centre?",
              "Evaluate g(E) of the chain at E = 0, multiply by γ², take −2 Im.")),
    NumericExercise(
        "resonance-peak-height", points=2, units="",
        expected=lambda: float(dot_transmission(0.0, 0.0, *PEAK_COUPLINGS)),
        mistakes=[
            Mistake("Only a symmetric coupling reaches T = 1; here Γ_L ≠ Γ_R.", value=lambda: 1.0),
            Mistake("Γ_L and Γ_R go with the squares of the couplings γ_L, γ_R.",
                    value=lambda: 4 * PEAK_COUPLINGS[0] * PEAK_COUPLINGS[1] / sum(PEAK_COUPLINGS) ** 2),
            Mistake("On resonance the denominator of the Breit-Wigner formula is (Γ/2)², not Γ².",
                    factor=0.25),
        ],
        hint=("Are the two couplings equal? What does that do to the peak height?",
              "On resonance T = Γ_L Γ_R / (Γ/2)² with Γ = Γ_L + Γ_R; find Γ_L and Γ_R at the band"
              " centre first.")),
    NumericExercise(
        "resonance-lifetime", points=2, units="fs", rtol=2e-3,
        expected=lambda: lifetime_fs(LIFETIME_GAMMA_MEV),
        other_units={"s": 1e-15},
        mistakes=[
            Mistake("The lifetime is ħ/Γ, with ħ = h/2π, not h/Γ.",
                    value=lambda: h / (LIFETIME_GAMMA_MEV * 1e-3 * e) * 1e15),
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
        expected=lambda: molecule_levels(np.full(MOLECULE[0], MOLECULE[1]), MOLECULE[2]),
        mistakes=[
            Mistake("Those are the right levels in the wrong order: sort them ascending, as "
                    "np.linalg.eigvalsh returns them.",
                    value=lambda: molecule_levels(np.full(MOLECULE[0], MOLECULE[1]), MOLECULE[2])[::-1]),
            Mistake("The on-site energy is missing from the diagonal: every level shifts with it.",
                    value=lambda: molecule_levels(np.zeros(MOLECULE[0]), MOLECULE[2])),
        ],
        hint=("What does the Hamiltonian of three sites in a row look like?",
              "Build the 3 x 3 Hamiltonian (on-site on the diagonal, −t_m beside it) and use "
              "np.linalg.eigvalsh, which returns the eigenvalues in ascending order.")),
]
