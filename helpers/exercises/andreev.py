"""Exercises of lesson 13, "Andreev reflection" (solutions/13_andreev_reflection.ipynb).

Expected answers are computed with the course physics (helpers.superconductivity, helpers.smatrix,
helpers.models.andreev), never typed in.
"""

from functools import cache

import numpy as np
from scipy.optimize import brentq

from ..checks import ChoiceExercise, Mistake, NumericExercise, Param, Parameters
from ..models.andreev import beenakker_conductance, btk_conductance, btk_peak_bias
from ..fisher_lee import smatrix
from ..leads import open_modes
from ..superconductivity import ns_conductance

__all__ = ["EXERCISES", "PARAMETERS", "FIXED_EXERCISES", "STRIP_L", "STRIP_MU", "STRIP_GAP",
           "STRIP_ENERGY", "TUNNEL_Z", "TUNNEL_KT_MEV", "DISORDER_W", "DISORDER_L", "DISORDER_WD",
           "DISORDER_MU", "disordered_strip"]

#: The numbers of the questions: defaults for self-study, a student's own values in homework.
#: The choices were checked with the engine (tests/test_exercises_andreev.py): the strip widths
#: keep mu = t at least 0.13 t from a subband edge (2-4 open channels); the disorder samples have
#: G_NS/G_N between 1.1 and 1.6, at least 3 % from the default's; the barriers put the
#: half-normal temperature between the two temperatures of the prediction, 4 % or more from the
#: default's; between k_BT = 0.15 Δ and 0.26 Δ the warm crossing is 5 % above the cold one and
#: 7 % away from its own T_N (they meet at Z = 0.68, k_BT ≈ 0.3 Δ); the eigenvalues keep G_NS
#: at least 4 % above G_N (one nearly open channel dominates).
PARAMETERS = Parameters(
    "andreev",
    W_strip=Param(10, choices=(6, 7, 10, 12, 13), text="width of the clean strip, sites (exercise 1)"),
    kT_warm=Param(0.2, 0.15, 0.26, step=0.01, text="temperature k_BT, units of the gap (exercise 2)"),
    peak_meV=Param(0.45, 0.35, 0.6, step=0.01,
                   text="bias of the conductance maxima, meV (exercise 3)"),
    T_1=Param(0.95, 0.94, 0.98, step=0.01, text="transmission eigenvalues (exercise 4)"),
    T_2=Param(0.6, 0.55, 0.7, step=0.01),
    T_3=Param(0.2, 0.15, 0.25, step=0.01),
    T_4=Param(0.05, 0.02, 0.08, step=0.01),
    strip_seed=Param(7, choices=(3, 7, 11, 12, 17, 23, 24, 29, 31, 42, 46, 61, 72),
                     text="seed of the disordered strip (exercise 5)"),
    Z_tunnel=Param(3.0, choices=(2.0, 2.5, 3.0, 4.0), text="barrier strength Z (exercises 7-8)"),
)

#: Exercises whose answer no parameter changes, with the reason.
FIXED_EXERCISES = {}

#: Clean strip of exercise transparent-strip-subgap: length (sites), mu, gap, energy (t); its
#: width is `PARAMETERS.W_strip`.
STRIP_L, STRIP_MU, STRIP_GAP, STRIP_ENERGY = 5, 1.0, 0.01, 0.004
#: Tunnel spectrum of exercise tunnel-gap-from-peak: barrier and temperature (meV); the peak
#: bias is `PARAMETERS.peak_meV`.
TUNNEL_Z, TUNNEL_KT_MEV = 5.0, 0.05
#: Disordered strip of exercise disordered-ns-ratio (Anderson disorder, sites and units of t);
#: its seed is `PARAMETERS.strip_seed`.
DISORDER_W, DISORDER_L, DISORDER_WD, DISORDER_MU = 12, 40, 1.5, 1.0


def disordered_strip(seed=None):
    """The normal region of exercise disordered-ns-ratio: uniform(-Wd/2, Wd/2), shape (L, W),
    drawn with `seed` (default: `PARAMETERS.strip_seed`)."""
    seed = PARAMETERS.strip_seed if seed is None else seed
    return np.random.default_rng(seed).uniform(-DISORDER_WD / 2, DISORDER_WD / 2,
                                               size=(DISORDER_L, DISORDER_W))


@cache
def _strip_subgap_of(W):
    V = np.zeros((STRIP_L, W))
    return float(ns_conductance(V, STRIP_ENERGY, mu=STRIP_MU, delta=STRIP_GAP))


def _strip_subgap():
    return _strip_subgap_of(PARAMETERS.W_strip)


def _channels():
    return int(open_modes(STRIP_MU, PARAMETERS.W_strip))


def _z_where(condition):
    """Z at which condition(Z) = 0, between 0.05 and 3 (a single crossing)."""
    return brentq(condition, 0.05, 3.0, xtol=1e-12)


def _z_equal(kT):
    """Z at which the zero-bias G_NS equals G_N = 1 / (1 + Z^2), at kT in units of the gap."""
    return _z_where(lambda Z: btk_conductance(0.0, delta=1.0, Z=Z, kT=kT) * (1 + Z**2) - 1)


@cache
def _gap_from_peak_of(peak):
    # the gap lies between 0.6 and 1 times the peak bias for these temperatures (kT <~ Δ/5)
    return brentq(lambda d: btk_peak_bias(delta=d, Z=TUNNEL_Z, kT=TUNNEL_KT_MEV) - peak,
                  0.6 * peak, peak, xtol=1e-7)


def _gap_from_peak():
    """The gap whose warm tunnel spectrum peaks at `PARAMETERS.peak_meV` (meV)."""
    return _gap_from_peak_of(PARAMETERS.peak_meV)


def _eigenvalues():
    p = PARAMETERS
    return np.array([p.T_1, p.T_2, p.T_3, p.T_4])


@cache
def _disorder_eigenvalues_of(seed):
    return smatrix(disordered_strip(seed), DISORDER_MU).transmission_eigenvalues()


def _disorder_eigenvalues():
    return _disorder_eigenvalues_of(PARAMETERS.strip_seed)


def _ratio(g):
    T = _disorder_eigenvalues()
    return float(np.sum(g(T)) / np.sum(T))


EXERCISES = [
    NumericExercise(
        "transparent-strip-subgap", points=2, units="2e²/h", rtol=0.01, close=0.03,
        expected=_strip_subgap,
        mistakes=[
            Mistake("That is the normal-state conductance, one 2e²/h per open channel. Below the "
                    "gap each incoming electron comes back as a hole: how much charge does that "
                    "move across?", value=lambda: float(_channels())),
            Mistake("That counts spin twice: the unit 2e²/h already contains both spins, and "
                    "the Andreev factor is a separate factor 2.", value=lambda: 4.0 * _channels()),
            Mistake("That is one channel. Count the open channels of the strip at μ first.",
                    value=lambda: 2.0),
        ],
        hint=("What happens to an electron that hits a transparent NS interface below the gap, "
              "and how much charge does that move?",
              "Count the open channels of the strip at μ; below the gap each perfectly "
              "Andreev-reflecting channel transfers two electron charges per incoming electron."),
        explanation="N open channels, each Andreev-reflecting completely: G_NS = 2N × 2e²/h, "
                    "twice the normal state, up to the tiny normal reflection of the abrupt "
                    "pairing step."),

    NumericExercise(
        "warm-ns-equals-normal", points=3, units="", rtol=0.01, close=0.03,
        expected=lambda: _z_equal(PARAMETERS.kT_warm),
        mistakes=[
            Mistake("That is the crossing at zero temperature. At this temperature the thermal "
                    "window reaches energies where the conductance is different.",
                    value=lambda: _z_equal(0.0)),
            Mistake("That is the normal-state transmission T_N at the crossing; the question asks "
                    "for the barrier strength Z.", value=lambda: 1 / (1 + _z_equal(PARAMETERS.kT_warm) ** 2)),
            Mistake("At Z = 0 the zero-bias conductance is larger than the normal one, at this "
                    "temperature too.", value=lambda: 0.0),
        ],
        hint=("At which barrier strength do Andreev reflection and normal transmission give the "
              "same zero-bias conductance at this temperature?",
              "Compute G_NS(0) at this temperature and G_N against Z and look for the crossing; a"
              " root finder (scipy.optimize.brentq) makes it precise."),
        explanation="Temperature mixes in energies near and above the gap, where Andreev "
                    "reflection is strong: the crossing moves to a stronger barrier than at "
                    "zero temperature."),

    NumericExercise(
        "tunnel-gap-from-peak", points=3, units="meV", rtol=0.01, close=0.03,
        expected=_gap_from_peak,
        other_units={"eV": 1e-3, "μeV": 1e3},
        mistakes=[
            Mistake("That is the position of the peak. At a finite temperature the maximum of "
                    "a tunnel spectrum is not at eV = Δ.", value=lambda: PARAMETERS.peak_meV),
            Mistake("Half the peak position: the peaks sit at ±(something close to Δ), and the "
                    "distance between the two peaks is what is about 2Δ.",
                    value=lambda: PARAMETERS.peak_meV / 2),
        ],
        hint=("At finite temperature, does the conductance peak sit exactly at eV = Δ?",
              "Compute the spectrum at this temperature for a trial gap, find its maximum, and "
              "adjust the gap until the maximum sits at the measured bias."),
        explanation="Thermal smearing of the lopsided BCS peak moves the maximum above Δ; the gap "
                    "lies clearly below the peak position, the more so the warmer the contact."),

    NumericExercise(
        "beenakker-zero-bias", points=2, units="2e²/h", rtol=0.01, close=0.03,
        expected=lambda: beenakker_conductance(_eigenvalues()),
        mistakes=[
            Mistake("That is the normal-state conductance, the sum of the T_n.",
                    value=lambda: float(np.sum(_eigenvalues()))),
            Mistake("That is twice the normal-state conductance: doubling holds only for channels "
                    "with T_n = 1.", value=lambda: float(2 * np.sum(_eigenvalues()))),
            Mistake("Each channel enters with the square of its transmission (two passages), "
                    "not linearly.",
                    value=lambda: float(np.sum(2 * _eigenvalues() / (2 - _eigenvalues()) ** 2))),
            Mistake("The factor 2 of the Andreev process is missing: each Andreev reflection "
                    "transfers two electrons.",
                    value=lambda: float(np.sum(_eigenvalues() ** 2 / (2 - _eigenvalues()) ** 2))),
            Mistake("That counts spin a second time: 2e²/h already contains both spins.",
                    value=lambda: 2 * beenakker_conductance(_eigenvalues())),
        ],
        generic_mistakes=False,
        hint=("Which single-channel result applies to each eigenchannel at zero bias?",
              "Treat each eigenchannel as an independent single channel at zero bias (Beenakker's"
              " formula, with T_n in place of T) and add their conductances."),
        explanation="The almost open channel gives most of it; the weakest channel contributes "
                    "almost nothing (of order T²)."),

    NumericExercise(
        "disordered-ns-ratio", points=3, units="", rtol=0.01, close=0.03,
        expected=lambda: _ratio(lambda T: 2 * T**2 / (2 - T) ** 2),
        mistakes=[
            Mistake("That is G_N / G_NS; the question asks for the ratio the other way round.",
                    value=lambda: 1 / _ratio(lambda T: 2 * T**2 / (2 - T) ** 2)),
            Mistake("Each eigenchannel enters with the square of its transmission, not linearly.",
                    value=lambda: _ratio(lambda T: 2 * T / (2 - T) ** 2)),
            Mistake("Doubling holds only for a ballistic contact (all T_n = 1); this strip is "
                    "disordered.", value=lambda: 2.0),
        ],
        hint=("Which property of the normal region decides the NS conductance at zero bias: its "
              "conductance, or its transmission eigenvalues?",
              "You need the transmission eigenvalues of the normal strip at μ (or the lattice NS "
              "calculation at E = 0 with a small gap)."),
        explanation="Between 1 and 2: the nearly open eigenchannels still almost double, the "
                    "weak ones contribute far less than in the normal state."),

    ChoiceExercise(
        "tunnel-spectrum-meaning", points=1,
        options={
            "the BCS density of states of the superconductor": (True, "For Z ≫ 1 the quasiparticle "
                "transmission above the gap is proportional to the number of states per unit "
                "energy, |E|/√(E² − Δ²) (equation (5) of the lesson)."),
            "the Andreev reflection probability": (False, "Andreev reflection needs two passages "
                "through the barrier; in a tunnel contact it is of order T_N² and tiny."),
            "the transmission of the barrier": (False, "That sets only the overall scale G_N; the "
                "shape of G_NS/G_N comes from the superconductor."),
            "the Fermi function of the normal metal": (False, "Temperature smears the spectrum, but "
                "at low temperature the shape is a property of the superconductor."),
        },
        hint=("Which quantity diverges at the gap edge and tends to 1 far above it?",
              "Take the zero-temperature limit of the tunnel formula: what is left of the "
              "superconductor's side of the integral?"),
        explanation=""),
]


# --- prediction, then investigation (appended): a tunnel contact warmed up ---

__all__ += ["WARM_TUNNEL"]

#: Exercises warm-tunnel-prediction and warm-tunnel-half-normal: one channel with barrier
#: Z = `PARAMETERS.Z_tunnel`, zero bias, the gap held fixed; temperatures in units of the gap,
#: searched in `range`.
WARM_TUNNEL = dict(cold_kT=0.02, warm_kT=0.5, range=(0.02, 3.0))


def _warm_ratio(kT, G_N=None, Z=None):
    """G_NS(0)/G_N of the WARM_TUNNEL contact (barrier `Z`, default `PARAMETERS.Z_tunnel`) at kT
    (units of the gap)."""
    Z = PARAMETERS.Z_tunnel if Z is None else Z
    G_N = 1 / (1 + Z**2) if G_N is None else G_N
    return float(btk_conductance(0.0, delta=1.0, Z=Z, kT=kT)) / G_N


def warm_tunnel_trend():
    """The option label that the BTK conductance bears out between cold_kT and warm_kT."""
    cold, warm = _warm_ratio(WARM_TUNNEL["cold_kT"]), _warm_ratio(WARM_TUNNEL["warm_kT"])
    return "it rises" if warm > 1.05 * cold else ("it falls" if warm < 0.95 * cold else "it stays the same")


def warm_tunnel_kT(target=0.5, G_N=None):
    """kT (units of the gap) at which G_NS(0) = target × G_N for the WARM_TUNNEL contact."""
    return _warm_tunnel_kT_of(target, G_N, PARAMETERS.Z_tunnel)


@cache
def _warm_tunnel_kT_of(target, G_N, Z):
    low, high = WARM_TUNNEL["range"]
    return brentq(lambda kT: _warm_ratio(kT, G_N, Z) - target, low, high, xtol=1e-10)


_WARM_OPTIONS = {
    "it rises": "Below the gap only Andreev reflection carries current, and through a strong "
                "barrier it needs two tunnelling events. Warm electrons reach above the gap, "
                "where single quasiparticles tunnel in once.",
    "it falls": "Temperature does not make Andreev reflection harder; think of the electrons "
                "that a warm Fermi window puts above the gap.",
    "it stays the same": "The Fermi window widens with temperature and reaches energies where "
                         "the superconductor has states of its own.",
}

EXERCISES += [
    ChoiceExercise(
        "warm-tunnel-prediction", points=1, paired_with="warm-tunnel-half-normal", options={
            # the correct label is the one warm_tunnel_trend() computes (asserted in the tests)
            label: (label == "it rises", text) for label, text in _WARM_OPTIONS.items()},
        hint=("Which process carries current below the gap through a strong barrier, and which "
              "one opens above it?",
              "Write your guess first; the next exercise computes the zero-bias conductance "
              "against temperature.")),

    NumericExercise(
        "warm-tunnel-half-normal", points=3, units="Δ", rtol=0.01, close=0.03,
        expected=warm_tunnel_kT,
        mistakes=[
            Mistake("That looks like a temperature in units of the critical temperature "
                    "(Δ ≈ 1.76 k_B T_c in BCS theory); the answer is k_BT in units of the gap Δ.",
                    factor=np.pi / np.exp(np.euler_gamma)),
        ],
        hint=("Is the zero-bias conductance a monotonic function of temperature here? Then one "
              "root finder does it.",
              "Write G_NS(0)/G_N as a function of k_BT (gap fixed, one channel, barrier Z), "
              "subtract 1/2 and find its zero between the two temperatures of the prediction."),
        explanation="The thermal tail of the Fermi window reaches the coherence peaks above the "
                    "gap: the blockade of a tunnel contact is lifted well below k_BT = Δ."),
]
