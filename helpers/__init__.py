"""helpers: the physics engine, lesson models, widgets, exercises and grading of the Landauer course.

Physics conventions (README, "Units and conventions"): lattice constant 1, hopping -t (t = 1 by
default), square lattice on-site 4t + V(x, y), chain 2t + V(x); energies, kT and potentials in
units of t; transmissions per spin, conductance in G0 = 2e^2/h; continuum models in eV, nm and
m_e.

Layers (each imports only the ones listed before it; tests/test_layers.py checks this)
--------------------------------------------------------------------------------------
engine
    The physics modules at the top level, numpy and scipy only: `constants`, `_validation`
    (argument checks), `fermi`, `landauer`, `continuum`, `scattering`, `lattice`, `leads`,
    `rgf`, `fisher_lee`, `negf`, `transfer_matrix`, `disorder`, `multiterminal` (many leads,
    Hall bars), `buttiker` (Landauer-Büttiker circuits), `currents` (bond currents),
    `tight_binding` (several orbitals per site), `superconductivity` (normal-superconductor
    junctions). The names
    below are their
    public API, what lessons, tests and outside checks import.
models/
    Lesson physics built on the engine, one module per topic (`helpers.models.qpc`, ...; the
    package docstring lists which lessons use which). No display, practice or grading imports.
widgets/ + explorers/
    Display: controls, one figure and one physics call updated in place (`helpers.widgets`);
    the lessons' ready-made explorers, one module per lesson topic (`helpers.explorers`).
checks/ + exercises/
    Practice: `check(exercise_id, answer)` and the answer kinds (`helpers.checks`); the
    exercise definitions, one module per lesson topic, ids named by the physics
    (`helpers.exercises`).
grading/
    Homework grading of submitted notebooks, each in a sandboxed kernel
    (``python -m helpers.grading``).
tools
    `notebook` (``setup()``, the first cell of every notebook), `plotting` (course style,
    static figures), `generate` (``python -m helpers.generate``: exercises/ from solutions/),
    `lecture` (``python -m helpers.lecture``: lessons as Voila apps), `figures`
    (``python -m helpers.figures``: the static figure of every explorer, for reading without
    a kernel).
"""

__version__ = "0.1.0"

from .scattering import (
    SMatrix,
    incoherent_series,
    incoherent_transmission,
    series,
)
from .leads import (
    band_structure,
    broadening,
    chain_self_energy,
    open_modes,
    subband_thresholds,
)
from .rgf import (
    log_transmission,
    transmission,
)
from .fisher_lee import smatrix
from .fermi import (
    bias_window,
    fermi,
    fermi_derivative,
    thermal_kernel,
)
from .continuum import (
    delta_barrier,
    delta_barrier_transmission,
    double_barrier,
    double_barrier_layout,
    double_barrier_transmission,
    piecewise_smatrix,
    piecewise_transmission,
    potential_profile,
    rectangular_barrier,
    rectangular_barrier_transmission,
    step_potential,
    step_transmission,
)
from .landauer import (
    conductance,
    current,
    current_ampere,
)
from .disorder import (
    anderson_potential,
    fit_localization_length,
    log_transmission_ensemble,
)
from .multiterminal import (
    Device,
    Lead,
    cross,
    hall_bar,
    transmission_matrix,
    two_terminal,
)
from .buttiker import (
    floating_voltages,
    four_terminal_resistance,
    hall_bar_resistances,
    lead_currents,
    resistance_kohm,
)
from .currents import bond_currents
from .superconductivity import (
    andreev_reflection,
    ns_conductance,
)

__all__ = [
    "__version__",
    # scattering matrices and their composition
    "SMatrix",
    "series",
    "incoherent_series",
    "incoherent_transmission",
    # leads: modes, bands, self-energies
    "open_modes",
    "band_structure",
    "subband_thresholds",
    "chain_self_energy",
    "broadening",
    # lattice transport
    "transmission",
    "log_transmission",
    "smatrix",
    # reservoirs
    "fermi",
    "fermi_derivative",
    "thermal_kernel",
    "bias_window",
    # continuum 1D models (eV, nm)
    "piecewise_smatrix",
    "piecewise_transmission",
    "potential_profile",
    "step_potential",
    "step_transmission",
    "rectangular_barrier",
    "rectangular_barrier_transmission",
    "delta_barrier",
    "delta_barrier_transmission",
    "double_barrier",
    "double_barrier_transmission",
    "double_barrier_layout",
    # Landauer formula
    "conductance",
    "current",
    "current_ampere",
    # disorder
    "anderson_potential",
    "log_transmission_ensemble",
    "fit_localization_length",
    # many terminals (Landauer-Büttiker)
    "Device",
    "Lead",
    "hall_bar",
    "cross",
    "two_terminal",
    "transmission_matrix",
    "lead_currents",
    "floating_voltages",
    "four_terminal_resistance",
    "hall_bar_resistances",
    "resistance_kohm",
    "bond_currents",
    # normal-superconductor junctions (Bogoliubov-de Gennes)
    "andreev_reflection",
    "ns_conductance",
]
