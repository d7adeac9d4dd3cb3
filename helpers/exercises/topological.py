"""Exercises of lesson 12, "Topological protection without a field" (the BHZ model)
(solutions/12_topological_insulator.ipynb).

Expected answers are computed with the course physics (helpers.models.topological), never
typed in. Units: energies in |B| (B = -1, A = 2, D = 0), conductance as stated per exercise.
"""

import functools

import numpy as np

from ..checks import ChoiceExercise, Mistake, NumericExercise, Param, Parameters
from ..models.topological import (
    bhz_strip, bulk_gap, gap_closing_masses, helical_conductance, strip_bands)
from ..tight_binding import smatrix_tb

__all__ = ["EXERCISES", "PARAMETERS", "FIXED_EXERCISES", "STRIP_L", "STRIP_W", "MAGNETIC_E",
           "MAGNETIC_SEEDS", "ZEEMAN_H", "ZEEMAN_E", "SECOND_PHASE_M"]

#: The numbers of the questions: defaults for self-study, a student's own values in homework.
#: Checked with the engine: at every magnetic strength of the choices the ensemble average lies
#: between 0.5 and 1.5 e²/h, more than 3 standard errors below the plateau and at least 9 % from
#: the first sample alone; over the trivial masses the strip's threshold stays 7 % or more above
#: half the 2D gap; over the edge-gap masses doubling the width shrinks the gap by 4 to 15 times.
PARAMETERS = Parameters(
    "topological",
    Wd_magnetic=Param(1.5, choices=(1.0, 1.2, 1.5, 1.8, 2.0),
                      text="strength of the magnetic disorder, |B| (exercise 4)"),
    M_trivial=Param(1.0, 0.6, 1.4, step=0.1, text="mass of the trivial strip, |B| (exercise 5)"),
    M_edge=Param(-0.3, -0.4, -0.2, step=0.01, text="mass of the strips of exercises 8-9, |B|"),
)

#: Exercises whose answer no parameter changes, with the reason.
FIXED_EXERCISES = {
    "helical-conductance-g0": "the helical plateau, 2 e²/h = 1 × G0, is the same at every energy "
                              "in the gap and every topological mass: the exercise is the unit",
    "topological-mass-range": "the end of the topological range, M = 8B = −8, is fixed by the "
                              "model's B = −1, the course's unit of energy",
    "zeeman-z-conductance": "a uniform field along z keeps the protected T = 2 for every h that "
                            "leaves the Fermi energy in both shifted gaps: the answer is the concept",
}

#: Strip of the exercises (sites), as in the lesson.
STRIP_L, STRIP_W = 20, 12
#: magnetic-disorder-conductance: Fermi energy (units of |B|) and samples; the strength is
#: `PARAMETERS.Wd_magnetic`.
MAGNETIC_E, MAGNETIC_SEEDS = 0.4, tuple(range(8))
#: zeeman-z-conductance: uniform Zeeman energy h (the term h s_z, units of |B|) and Fermi energy.
ZEEMAN_H, ZEEMAN_E = 0.3, 0.5
#: edge-crossing-momentum: a mass in the second inverted range 4B > M > 8B.
SECOND_PHASE_M = -6.0


@functools.cache
def _magnetic_mean_of(kind, seeds, strength):
    return float(np.mean([helical_conductance(MAGNETIC_E, -1.0, L=STRIP_L, W=STRIP_W, kind=kind,
                                              strength=strength, rng=s) for s in seeds]))


def _magnetic_mean(kind="magnetic", seeds=MAGNETIC_SEEDS):
    return _magnetic_mean_of(kind, tuple(seeds), PARAMETERS.Wd_magnetic)


def _uniform_zeeman_z_conductance(h=ZEEMAN_H):
    """T = G/(e^2/h) of the lesson's strip with the uniform term h s_z on every site."""
    s_z = np.diag([1.0, 1.0, -1.0, -1.0])
    extra = np.broadcast_to(h * s_z, (STRIP_L, STRIP_W, 4, 4))
    return smatrix_tb(bhz_strip(STRIP_L, STRIP_W, -1.0, extra_onsite=extra), ZEEMAN_E).transmission()


def _trivial_threshold():
    """Lowest positive energy of the clean trivial strip's bands: where it starts to conduct."""
    E = strip_bands(PARAMETERS.M_trivial, STRIP_W, n_k=801)["up"][0]
    return float(E[E > 0].min())


EXERCISES = [
    NumericExercise(
        "helical-conductance-g0", points=2, units="2e²/h", rtol=0.02,
        expected=lambda: helical_conductance(0.5, -1.0, L=STRIP_L, W=STRIP_W) / 2,
        mistakes=[
            Mistake("That is G in units of e²/h (the transmission summed over spin). The course's "
                    "unit 2e²/h already contains a factor 2 for spin: convert.",
                    value=lambda: helical_conductance(0.5, -1.0, L=STRIP_L, W=STRIP_W)),
            Mistake("You counted one edge only. A strip has two edges, and each carries one "
                    "spin in each direction: from left to right, one spin flows on the bottom "
                    "edge and the other on the top edge.",
                    value=lambda: helical_conductance(0.5, -1.0, L=STRIP_L, W=STRIP_W) / 4),
            Mistake("Zero is the trivial gap. With inverted bands the bulk is insulating but the "
                    "edges conduct.", value=lambda: 0.0),
        ],
        hint=("How many edge states carry current from left to right in the gap, and is spin "
              "degenerate?",
              "Count the channels that carry current from left to right at an energy in the gap, "
              "and what each one contributes when spin is not degenerate."),
        explanation="T = 2 (one spin on each edge moving left to right), so G = 2 e²/h = 1 × 2e²/h."),

    NumericExercise(
        "topological-mass-range", points=3, units="|B|", rtol=0.02,
        expected=lambda: float(gap_closing_masses()[0]),
        mistakes=[
            Mistake("At this mass the gap closes, but it opens again: look at the conductance in "
                    "the gap on both sides of it.", value=lambda: float(gap_closing_masses()[1])),
            Mistake("Check the sign: with B = −1 the inverted range lies at negative M.",
                    value=lambda: -float(gap_closing_masses()[0])),
            Mistake("That is where the topological range starts, coming from the trivial side at "
                    "positive M; the question asks where it ends.", value=lambda: 0.0),
        ],
        hint=("At which sign of M does the strip conduct through its edges?",
              "Scan M towards negative values; at each M put the Fermi energy in the middle of "
              "the bulk gap (the gap changes with M) and compute G of a clean strip."),
        explanation="The strip conducts in its gap for every M between 8B = −8 and 0 (the gap "
                    "closes and reopens at 4B = −4); below −8 the gap is trivial."),

    NumericExercise(
        "magnetic-disorder-conductance", points=3, units="e²/h", rtol=0.02,
        expected=_magnetic_mean,
        mistakes=[
            Mistake("That is the protected value. A Zeeman field along x flips spin, and it breaks "
                    "time-reversal symmetry: it can turn a right-moving spin into the left-moving "
                    "one on the same edge.", value=lambda: 2.0),
            Mistake("That is the answer for one sample only; average over all eight.",
                    value=lambda: _magnetic_mean(seeds=MAGNETIC_SEEDS[:1])),
        ],
        hint=("Does magnetic disorder respect the symmetry that protects the helical edges?",
              "Build the disordered strip for each sample (same disorder type and strength, a "
              "different sample each time), compute T at the Fermi energy, and average."),
        explanation="Spin-mixing disorder backscatters the helical edge: G falls below 2 e²/h and "
                    "differs from sample to sample."),

    ChoiceExercise(
        "zeeman-z-prediction", points=1, paired_with="zeeman-z-conductance",
        options={
            "G stays at 2 e²/h": (True, "s_z keeps the two spin blocks apart. Each block is a "
                                        "Chern insulator with one chiral edge per edge, just "
                                        "shifted in energy by ±h. On one edge, turning a spin-up "
                                        "right-mover into the left-mover needs a spin flip, which "
                                        "s_z cannot do."),
            "G drops to e²/h: the field removes one spin's edge": (
                False, "The field shifts the spin-up bands up and the spin-down bands down by h; "
                       "while E stays inside both shifted gaps both edges survive."),
            "G drops below 2e²/h and stops being quantized, because time reversal is broken": (
                False, "Breaking time reversal is necessary for backscattering on a helical edge, "
                       "not sufficient: the scattering also has to flip spin."),
            "G = 0: the field opens a gap in the edge states": (
                False, "A field along x would couple the crossing spin-up and spin-down branches "
                       "and open a gap at the crossing; along z it only moves the branches."),
        },
        hint=("Which matrix elements does the term h s_z have between spin up and spin down?",
              "Write h s_z in the basis of the four orbitals and look for entries between a "
              "spin-up and a spin-down orbital; then ask what the edge crossing needs to open a "
              "gap."),
        explanation=""),

    NumericExercise(
        "zeeman-z-conductance", points=2, units="e²/h", rtol=0.02,
        expected=_uniform_zeeman_z_conductance,
        mistakes=[
            Mistake("That would be one spin's edge removed. Compute it: the field only shifts each "
                    "spin block in energy.", value=lambda: 1.0),
            Mistake("Zero would mean a gap in the edge states; a field along z does not couple the "
                    "two spins, so it cannot open one.", value=lambda: 0.0),
        ],
        hint=("Does a field along z couple the two spin blocks?",
              "Add the same 4 × 4 term h s_z to every site (s_z = +1 on the two spin-up orbitals,"
              " −1 on the spin-down ones) and compute T at the Fermi energy."),
        explanation="T = 2: each spin block keeps its own chiral edge, shifted by ±h."),

    NumericExercise(
        "trivial-strip-threshold", points=2, units="|B|", rtol=0.01,
        expected=_trivial_threshold,
        mistakes=[
            Mistake("That is half the gap of the infinite 2D crystal. The strip is only 12 sites "
                    "wide: confinement across it pushes its lowest band higher.",
                    value=lambda: float(bulk_gap(PARAMETERS.M_trivial)) / 2),
            Mistake("That is the whole gap of the strip (from the top of the valence band to the "
                    "bottom of the conduction band); the question asks for the energy above E = 0 "
                    "where conduction starts.", value=lambda: 2 * _trivial_threshold()),
        ],
        hint=("Where does the first bulk channel of a trivial strip open?",
              "Compute the clean strip's conductance on a fine grid of energies above 0, or its "
              "bands, and find where the first channel opens."),
        explanation="No state lives in the trivial gap: G = 0 until the first band of the strip, "
                    "a little above half the 2D gap."),

    ChoiceExercise(
        "edge-crossing-momentum", points=1,
        options={
            "at kx = 0": (False, "That is where they cross for 0 > M > 4B, when the bands are "
                                 "inverted at k = 0. Look at the bands for M = −6."),
            "at kx = π": (True, "For 4B > M > 8B the bands are inverted at (π, 0) and (0, π); the "
                                "edge states of a strip along x meet at kx = π. The strip is "
                                "topological again, with one helical pair per edge."),
            "there are no edge states at M = −6": (False, "The gap closed at M = 4B = −4 and opened "
                                                          "again: compute G in the gap."),
            "at both kx = 0 and kx = π": (False, "That would make two helical pairs per edge, "
                                                 "G = 4 e²/h in the gap; count again."),
        },
        hint=("Plot the strip's bands at M = −6 and look for states inside the bulk gap.",
              "Plot the bands of the strip at M = −6 against k over the whole zone and read off "
              "the momentum where the two in-gap branches meet."),
        explanation=""),
]


# --- prediction, then investigation (appended): the gap of overlapping edges in a wider strip ---

from scipy.optimize import minimize_scalar  # noqa: E402

from ..models.topological import strip_hamiltonian_k  # noqa: E402

__all__ += ["EDGE_GAP"]

#: Exercises edge-gap-width-prediction and edge-gap-wide-strip: the clean strip at the mass
#: `PARAMETERS.M_edge`, the lesson's width and the doubled one (sites).
EDGE_GAP = dict(W_lesson=12, W=24)


def edge_gap(W=None, M=None):
    """Gap (|B|) that the overlap of the two edges opens around E = 0 in a clean strip of width W
    (default the doubled one) at mass M (default `PARAMETERS.M_edge`): twice the smallest |E| of
    the spin-up bands over k_x (spin down has the same spectrum)."""
    W = EDGE_GAP["W"] if W is None else W
    M = PARAMETERS.M_edge if M is None else M
    return _edge_gap_of(W, M)


@functools.cache
def _edge_gap_of(W, M):
    k = np.linspace(-np.pi, np.pi, 201)
    smallest = np.abs(np.linalg.eigvalsh(strip_hamiltonian_k(k, W, M))).min(axis=1)
    i = int(np.argmin(smallest))
    bounds = (k[max(i - 1, 0)], k[min(i + 1, k.size - 1)])
    best = minimize_scalar(
        lambda kx: np.abs(np.linalg.eigvalsh(strip_hamiltonian_k(np.array([kx]), W, M))).min(),
        bounds=bounds, method="bounded", options=dict(xatol=1e-10))
    return float(2 * min(best.fun, smallest[i]))


def edge_gap_trend():
    """The option label that the two gaps bear out."""
    ratio = edge_gap(EDGE_GAP["W_lesson"]) / edge_gap()
    return "it shrinks by much more than half" if ratio > 3 else (
        "it halves" if ratio > 1.5 else "it stays the same")


_EDGE_GAP_OPTIONS = {
    "it halves": "A gap inversely proportional to the width would come from a level spacing; "
                 "here it comes from the overlap of two edge states, each decaying into the bulk.",
    "it shrinks by much more than half": "Each edge state decays exponentially into the bulk, so "
                                         "their overlap, and the gap it opens, falls "
                                         "exponentially with the width.",
    "it stays the same": "The gap comes from the two edges seeing each other across the strip; "
                         "moving them apart changes that.",
}

EXERCISES += [
    ChoiceExercise(
        "edge-gap-width-prediction", points=1, paired_with="edge-gap-wide-strip", options={
            # the correct label is the one edge_gap_trend() computes (asserted in the tests)
            label: (label == "it shrinks by much more than half", text)
            for label, text in _EDGE_GAP_OPTIONS.items()},
        hint=("Where does the small gap come from, and how does an edge state's amplitude fall "
              "off away from its edge?",
              "Write your guess first; the next exercise computes the gap of the wider strip.")),

    NumericExercise(
        "edge-gap-wide-strip", points=3, units="|B|", rtol=0.01, close=0.03,
        expected=edge_gap,
        mistakes=[
            Mistake("That is half the gap: the smallest |E| of the bands is measured from E = 0, "
                    "the gap runs from −|E| to +|E|.", factor=0.5),
            Mistake("That is the gap of the lesson's 12-site strip divided by two: a gap falling "
                    "as 1/W. Compute the wider strip's bands.",
                    value=lambda: edge_gap(EDGE_GAP["W_lesson"]) / 2),
            Mistake("That is the gap of the lesson's 12-site strip; the question doubles the width.",
                    value=lambda: edge_gap(EDGE_GAP["W_lesson"])),
            Mistake("That is the bulk gap 2|M| of the infinite crystal; the question asks for the "
                    "small gap of the edge states around E = 0.", value=lambda: 2 * abs(PARAMETERS.M_edge)),
        ],
        hint=("Which eigenvalues of the strip's Bloch Hamiltonian are the edge states, and at "
              "which k_x do they come closest to E = 0?",
              "Diagonalize the strip's Bloch Hamiltonian on a grid of k_x, find the eigenvalue "
              "closest to zero, refine around its k_x, and double it."),
        explanation="Doubling the width divides this gap by much more than two: the edge states "
                    "decay exponentially into the bulk, over a few sites at this small mass."),
]
