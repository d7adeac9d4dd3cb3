"""Explorer factories (controls + plot + one physics call), one module per lesson topic.

Modules: ``bands`` (lesson 0, the primer), ``resistance`` (1), ``reservoirs`` (2),
``channels`` (3), ``smatrix`` (4), ``noise`` (5), ``negf`` (6), ``localization`` (7),
``fine_print`` (8), ``coulomb`` (9), ``terminals`` (10), ``quantum_hall`` (11),
``topological`` (12), ``andreev`` (13);
each computes through the engine and `helpers.models`.

`REGISTRY` lists every explorer a lesson shows, once: the widget tests, the widget benchmarks
(``tests/benchmarks``) and the static figures (``python -m helpers.figures``) all read it, so
a new explorer is added here and nowhere else. Importing this package imports no explorer
module; `Entry.factory` does, on first use.
"""

import dataclasses
import importlib

__all__ = ["Entry", "REGISTRY", "entries", "find"]


@dataclasses.dataclass(frozen=True)
class Entry:
    """One explorer of one lesson.

    Attributes
    ----------
    lesson : str
        Stem of the lesson notebook (``lessons/<lesson>.ipynb``).
    name : str
        Short name, unique in the lesson; the static figure is ``<lesson>-<name>.png``.
    target : str
        ``"<module>.<factory>"`` in `helpers.explorers`.
    kwargs : dict
        The arguments the lesson calls the factory with (its default state).
    alt : str
        One sentence saying what the explorer's figure shows (alt text of the static figure).
    controls : dict
        ``{control: values}``: the changes the widget benchmarks time (None: every option of a
        toggle or dropdown, the initial one last). Every control of the explorer is listed.
    quick : dict
        Argument overrides for the widget tests (smaller ensembles: other data, same drawing).
    prefetch : bool
        The factory takes ``prefetch=`` (a background thread); benchmarks, tests and figures
        turn it off.
    cold : tuple of str
        Controls whose new values compute something cached (an ensemble, a map, a lattice
        sweep): slow on a cold cache, so the benchmarks also report their first visits.
    """

    lesson: str
    name: str
    target: str
    kwargs: dict
    alt: str
    controls: dict
    quick: dict = dataclasses.field(default_factory=dict)
    prefetch: bool = False
    cold: tuple = ()

    @property
    def key(self):
        """``"<lesson>-<name>"``: the file stem of the static figure and the benchmark name."""
        return f"{self.lesson}-{self.name}"

    @property
    def factory(self):
        module, function = self.target.rsplit(".", 1)
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)

    def make(self, *, quick=False, threads=False, **overrides):
        """The explorer in its lesson state (`quick`: test sizes; `threads`: keep prefetching)."""
        kwargs = dict(self.kwargs)
        if quick:
            kwargs.update(self.quick)
        if self.prefetch and not threads:
            kwargs["prefetch"] = False
        kwargs.update(overrides)
        return self.factory(**kwargs)


_L01, _L02, _L03, _L04 = ("01_resistance_is_reflection", "02_reservoirs_and_fermi_window",
                          "03_quantized_conductance", "04_scattering_matrix")
_L06, _L07, _L08 = "06_negf_caroli", "07_localization", "08_fine_print"
_L00, _L05, _L09 = "00_bands_and_electrons", "05_eigenvalues_and_noise", "09_coulomb_blockade"
_L10, _L11, _L12, _L13 = ("10_many_terminals", "11_quantum_hall", "12_topological_insulator",
                          "13_andreev_reflection")

#: lesson stem -> the explorers it shows, in order.
REGISTRY = {
    _L00: [
        Entry(_L00, "chain", "bands.chain_explorer", {"energy": 1.0},
              "The band E(k) = 2t(1 - cos k) of a chain with the two states at the chosen energy "
              "(left), their group velocity (middle) and the density of states, largest at both "
              "band edges (right).",
              {"E": [0.2, 1.0, 2.0, 3.0, 3.8], "parabola": None}),
        Entry(_L00, "fermi_sea", "bands.fermi_sea_explorer", {"density": 3.0},
              "A GaAs two-dimensional electron gas: the filled states on the parabola up to the "
              "Fermi energy (left) and the Fermi circle in the plane of wave vectors (right).",
              {"n": [1.0, 2.0, 3.0, 5.0, 8.0]}),
    ],
    _L01: [
        Entry(_L01, "chain", "resistance.chain_explorer", {},
              "Resistance of a chain of identical scatterers against their number, on a log "
              "axis: the incoherent sum grows linearly (Ohm's law plus the contacts) while the "
              "coherent resistance of one arrangement and its typical value grow exponentially.",
              {"T1": [0.3, 0.5, 0.7, 0.9], "n_max": [50, 100, 150, 200], "positions": None,
               "seed": [1, 2, 3, 4], "show": None, "scale": None}),
        Entry(_L01, "single_scatterer", "resistance.single_scatterer_explorer", {},
              "Transmission of a single barrier against its height (left) and its resistance "
              "split into the fixed contact part h/2e² and the barrier's own part (1 − T)/T "
              "(right).",
              {"U": [0.5, 1.0, 2.0, 3.0], "energy": [0.5, 1.0, 2.0, 3.0]}),
    ],
    _L02: [
        Entry(_L02, "fermi_window", "reservoirs.fermi_window_explorer", {},
              "The Fermi functions of the two reservoirs and a resonant transmission (left), "
              "the Fermi window and the integrand T(f_L − f_R) (middle), and the I-V curve with "
              "the operating point and the linear response (right).",
              {"model": None, "bias": [-0.8, -0.3, 0.0, 0.2, 0.5, 0.9],
               "kT_L": [0.005, 0.02, 0.05, 0.1], "kT_R": [0.005, 0.01, 0.05, 0.1],
               "position": [-0.6, -0.3, 0.0, 0.1, 0.2, 0.3, 0.6]}),
    ],
    _L03: [
        Entry(_L03, "modes", "channels.mode_explorer", {"W": 6, "energy": 0.5},
              "Transverse modes of a strip six sites wide (left), its subbands with the energy "
              "marked (middle) and the staircase of open channels N(E) (right): one channel is "
              "open at E = 0.5 t.",
              {"E": [0.3, 1.1, 2.2, 3.5], "W": [4, 12, 20, 30]}),
        Entry(_L03, "qpc", "channels.qpc_explorer", {"W": 25, "E_F": 1.0, "Vg": -0.4},
              "Conductance of a lattice quantum point contact against gate voltage: plateaus at "
              "integer multiples of 2e²/h, with the operating point marked.",
              {"Vg": [-0.9, -0.6, -0.3, 0.0], "kT": [0.005, 0.02, 0.04, 0.07],
               "length": [4, 12, 20, 28, 36, 40], "profile": None},
              prefetch=True, cold=("length", "profile")),
        Entry(_L03, "saddle", "channels.saddle_explorer", {},
              "Büttiker's saddle-point model: each mode opens as a smooth step T_n(E), and their "
              "sum G(E) forms the conductance staircase.",
              {"ratio": [0.1, 0.3, 0.6, 1.0], "kT": [0.005, 0.02, 0.04, 0.07]}),
    ],
    _L04: [
        Entry(_L04, "barrier", "smatrix.barrier_explorer", {},
              "Transmission and reflection of a rectangular barrier against energy, with the "
              "barrier top dotted (left), and the phases of t and r (right).",
              {"height": [0.1, 0.2, 0.3, 0.4, 0.5], "width": [1.0, 2.0, 3.0, 4.0, 5.0],
               "energy": [0.05, 0.1, 0.2, 0.3, 0.4], "m_eff": None}),
        Entry(_L04, "double_barrier", "smatrix.double_barrier_explorer", {},
              "Transmission of two barriers against energy: sharp coherent resonances reaching "
              "T = 1, against the smooth incoherent combination and a single barrier.",
              {"spacing": [3.0, 5.0, 8.0, 12.0, 18.0], "width": [1.0, 2.0, 3.0, 2.5],
               "height": [0.15, 0.25, 0.4, 0.3], "m_eff": None, "scale": None}),
    ],
    _L05: [
        Entry(_L05, "qpc_noise", "noise.qpc_noise_explorer", {},
              "Conductance and Fano factor of a lattice point contact against gate voltage: the "
              "Fano factor peaks between the plateaus and vanishes on them (left); the current "
              "noise against bias crosses over from thermal noise to shot noise 2eIF (right).",
              {"Vg": [-0.9, -0.7, -0.56, -0.4, -0.25], "temperature": [0.0, 0.5, 1.0, 2.0, 4.0]}),
        Entry(_L05, "eigenvalues", "smatrix.eigenvalue_explorer", {},
              "Histogram of the transmission eigenvalues of disordered strips, piled up near 0 "
              "and 1 as the bimodal law predicts (left), and the eigenvalues of one strip "
              "(right).",
              {"L": [40, 60, 80, 40, 60], "strength": [1.0, 2.0, 1.5, 1.0],
               "realization": [1, 5, 10, 20, 30]},
              quick={"realizations": 20}, cold=("L", "strength")),
    ],
    _L06: [
        Entry(_L06, "resonant_level", "negf.resonant_level_explorer", {},
              "A single level between two leads: the transmission peak (exact and Breit-Wigner), "
              "the level's density of states and the phase of the transmission amplitude.",
              {"eps0": [-1.2, -0.5, 0.0, 0.3, 0.8, 1.4], "gamma_L": [0.05, 0.1, 0.3, 0.6, 1.0],
               "gamma_R": [0.05, 0.1, 0.3, 0.6, 1.0]}),
        Entry(_L06, "molecule", "negf.molecule_explorer", {},
              "Transmission through a three-site molecule between two leads: three resonance "
              "peaks near the levels of the isolated molecule (triangles).",
              {"n_sites": [1, 2, 4, 6, 8], "onsite": [-0.8, -0.2, 0.3, 0.9],
               "hopping": [0.2, 0.5, 0.8, 1.0], "gamma": [0.05, 0.1, 0.3, 0.6, 1.0]}),
    ],
    _L07: [
        Entry(_L07, "regimes", "localization.regimes_explorer", {},
              "Disordered strips against length: the mean transmission follows Ohm's law and "
              "then falls below it (left), the mean of ln T becomes a straight line whose slope "
              "gives the localization length (middle), and ln T is spread normally (right).",
              {"W": [2, 4, 6, 4, 2], "strength": [1.0, 1.5, 2.5, 1.5, 1.0],
               "L": [20, 50, 100, 200, 400]},
              quick={"realizations": 20}, prefetch=True, cold=("W", "strength")),
        Entry(_L07, "chain", "localization.chain_explorer", {},
              "Localization length of a disordered chain fitted from ⟨ln T⟩ against disorder, "
              "next to the perturbative formula (left), and their ratio (right).",
              {"energy": [1.0, 2.0, 3.0, 2.0, 1.0]},
              quick={"realizations": 40}, cold=("energy",)),
        Entry(_L07, "magnetoconductance", "localization.magnetoconductance_explorer", {},
              "Weak localization: a magnetic flux raises the transmission of disordered strips, "
              "each compared with itself at zero flux (left, from zero at zero flux), while one "
              "strip fluctuates reproducibly (right).",
              {"flux": [-0.01, -0.004, 0.0, 0.004, 0.01], "realization": [1, 10, 50, 100, 150]},
              quick={"realizations": 20}),
    ],
    _L08: [
        Entry(_L08, "dephasing", "fine_print.dephasing_explorer", {},
              "Two barriers with voltage probes between them: the transmission against energy "
              "(coherent resonances, with probes, incoherent) and the resistance against the "
              "probe coupling.",
              {"eta": [0.01, 0.05, 0.1, 0.2, 0.4], "energy": [1.0, 1.5, 2.0, 2.5, 3.0],
               "probes": None}),
    ],
    _L09: [
        Entry(_L09, "blockade", "fine_print.blockade_explorer", {},
              "A single-electron transistor: Coulomb diamonds in the differential conductance "
              "(left), the I-V curve at one gate voltage (middle) and the Coulomb oscillations of "
              "the linear conductance (right).",
              {"gate": [-2.0, -1.0, 0.0, 1.0, 2.0], "temperature": [0.5, 1.0, 2.0, 3.0, 4.0]},
              cold=("temperature",)),
        Entry(_L09, "thermometer", "coulomb.thermometer_explorer", {},
              "Coulomb-blockade thermometry: the dip in the differential conductance of a chain "
              "of tunnel junctions against the bias per junction, whose width grows in "
              "proportion to the temperature.",
              {"temperature": [0.5, 1.0, 2.0, 3.5, 5.0], "N": [2, 5, 10, 15, 20]}),
    ],
    _L10: [
        Entry(_L10, "probes", "terminals.probe_explorer", {},
              "A one-channel wire with a barrier and two voltage probes: what a weak probe reads "
              "along the wire (left) and the two- and four-terminal resistances against the probe "
              "coupling (right).",
              {"coupling": [0.05, 0.2, 0.4, 0.7, 1.0], "barrier": [0.0, 0.5, 1.0, 1.5, 2.0],
               "left_probe": [3, 7, 10, 14, 17], "right_probe": [22, 26, 30, 34, 38]},
              prefetch=True, cold=("left_probe", "right_probe")),
        Entry(_L10, "reciprocity", "terminals.reciprocity_explorer", {},
              "A four-terminal cross in a magnetic field: every transmission T_pq(B) equals "
              "T_qp(-B) (left), and so do the four-terminal resistances with voltage and current "
              "leads exchanged (right).",
              {"flux": [-0.012, -0.004, 0.0, 0.006, 0.012], "sample": None}),
    ],
    _L11: [
        Entry(_L11, "edge_states", "quantum_hall.edge_state_explorer",
              {"W": 24, "flux": 0.02, "energy": 0.8},
              "Bands of a strip in a magnetic field: flat Landau levels in the bulk bending up at "
              "the edges, the Fermi energy crossing them in edge states (left), and the "
              "two-terminal conductance staircase (right).",
              {"flux": [0.012, 0.02, 0.028, 0.035], "E": [0.3, 0.8, 1.2, 1.5]},
              prefetch=True, cold=("flux",)),
        Entry(_L11, "current_map", "quantum_hall.current_map_explorer",
              {"energy": 1.0, "flux": 0.08, "strength": 1.5},
              "The current density of a disordered strip in a field: the current flows along one "
              "edge, around the disorder.",
              {"flux": [0.0, 0.04, 0.08], "E": [0.5, 1.0, 1.5], "Wd": None},
              cold=("flux", "E", "Wd")),
        Entry(_L11, "hall_bar", "quantum_hall.hall_bar_explorer", {"energy": 1.0, "flux": 0.07},
              "Hall resistance and longitudinal resistance of a Hall bar against the field: "
              "plateaus of R_xy at (h/2e^2)/nu where R_xx vanishes.",
              {"flux": [0.02, 0.05, 0.07, 0.1], "Wd": None},
              prefetch=True, cold=("Wd",)),
        Entry(_L11, "qpc_field", "quantum_hall.qpc_field_explorer", {"energy": 1.0, "flux": 0.015},
              "Conductance of a point contact against gate voltage at three magnetic fields: the "
              "plateaus widen as the field turns subbands into edge channels.",
              {"flux": None, "Vg": [-0.8, -0.5, -0.3, 0.0, 0.2]}),
    ],
    _L12: [
        Entry(_L12, "edge", "topological.edge_explorer", {"M": -1.0, "energy": 0.5},
              "Bands of a BHZ strip for each spin, with the helical edge states crossing the bulk "
              "gap in the inverted phase (left), and the conductance against energy (right).",
              {"M": [-2.0, -1.0, -0.5, 0.5, 1.0], "E": [-0.5, 0.25, 0.5, 1.5]},
              prefetch=True, cold=("M",)),
        Entry(_L12, "protection", "topological.protection_explorer",
              {"phase": -1.0, "energy": 0.5, "kind": "magnetic", "strength": 2.0},
              "Conductance of a BHZ strip against disorder strength: quantized at 2e^2/h for "
              "non-magnetic disorder and a Zeeman field along z, destroyed by spin-mixing "
              "magnetic disorder; zero in the trivial phase.",
              {"phase": None, "E": None, "kind": None, "Wd": [0.0, 1.0, 2.0, 3.0, 4.0]},
              prefetch=True, cold=("phase", "E", "kind")),
    ],
    _L13: [
        Entry(_L13, "btk", "andreev.btk_explorer", {"Z": 0.0, "delta": 0.2, "kT": 0.0, "bias": 0.1},
              "The BTK model of a normal-superconductor contact: the conductance against bias "
              "doubled below the gap for a clean contact (left) and the Andreev and normal "
              "reflection probabilities (right).",
              {"Z": [0.0, 0.5, 1.0, 3.0, 5.0], "delta": [0.1, 0.2, 0.4, 0.8],
               "kT": [0.0, 0.01, 0.05, 0.1], "bias": [-1.0, -0.1, 0.1, 0.5, 1.2]}),
        Entry(_L13, "lattice", "andreev.lattice_explorer", {"Z": 0.5, "gap": 0.02},
              "The lattice normal-superconductor junction (circles) against the BTK model "
              "(lines) for the same barrier strength.",
              {"Z": None, "gap": None}, prefetch=True, cold=("Z", "gap")),
        Entry(_L13, "disorder", "andreev.disorder_explorer", {"Wd": 1.0},
              "A disordered normal strip against a superconductor: the normal conductance and "
              "Beenakker's Andreev conductance against disorder, with the lattice result.",
              {"Wd": [0.0, 0.5, 1.0, 1.5, 2.5], "barrier": None},
              prefetch=True, cold=("Wd", "barrier")),
    ],
}


def entries():
    """Every registered explorer, lesson by lesson."""
    return [entry for lesson in REGISTRY.values() for entry in lesson]


def find(key):
    """The entry named ``"<lesson>-<name>"`` (or ``"<lesson>:<name>"``)."""
    for entry in entries():
        if key in (entry.key, f"{entry.lesson}:{entry.name}"):
            return entry
    raise KeyError(f"no explorer {key!r}; known: {', '.join(e.key for e in entries())}")
