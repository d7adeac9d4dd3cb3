"""helpers: the physics engine, widgets and grading of the Landauer course.

Physics conventions (DESIGN.md): lattice constant 1, hopping -t (t = 1 by default), square
lattice on-site 4t + V(x, y), chain 2t + V(x); energies, kT and potentials in units of t;
transmissions per spin, conductance in G0 = 2e^2/h; continuum models in eV, nm and m_e.

The public API below is what lessons, tests and outside checks import.
"""

__version__ = "0.1.0"

from .scattering import SMatrix, series, incoherent_series, incoherent_transmission  # noqa: F401
from .leads import open_modes, band_structure, subband_thresholds, chain_self_energy, broadening  # noqa: F401
from .rgf import transmission, log_transmission  # noqa: F401
from .fisher_lee import smatrix  # noqa: F401
from .fermi import fermi, fermi_derivative, thermal_kernel, bias_window  # noqa: F401
from .continuum import piecewise_smatrix, piecewise_transmission, potential_profile, step_potential, step_transmission, rectangular_barrier, rectangular_barrier_transmission, delta_barrier, delta_barrier_transmission, double_barrier, double_barrier_transmission, double_barrier_layout  # noqa: F401
from .landauer import conductance, current, current_ampere  # noqa: F401
from .disorder import anderson_potential, log_transmission_ensemble, fit_localization_length  # noqa: F401
from .superconductivity import andreev_reflection  # noqa: F401
from .superconductivity import ns_conductance  # noqa: F401
