"""The explorers of lesson 6, driven from Python: set controls, check what is drawn against physics."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.integrate import trapezoid

import helpers
from helpers.explorers.negf import molecule_explorer, resonant_level_explorer


@pytest.fixture
def level():
    return resonant_level_explorer()


@pytest.fixture
def molecule():
    return molecule_explorer()


def test_level_starts_on_kwant_case_d(level):
    # default eps0 = 0.3, gamma = 0.4 both sides: the Kwant reference case d
    import json
    from pathlib import Path
    case = json.loads((Path(__file__).parent / "data" / "kwant_reference.json").read_text())[
        "cases"]["d_resonant_level"]
    E, T = level.data("T")
    assert_allclose(T, np.interp(E, case["grid"], case["transmission"]), atol=2e-3)  # grids differ
    assert_allclose(np.interp(case["grid"][100], E, T), case["transmission"][100], atol=2e-3)


def test_symmetric_peak_reaches_one_at_band_centre(level):
    level.controls["eps0"].value = 0.0
    level.controls["gamma_L"].value = 0.3
    level.controls["gamma_R"].value = 0.3
    E, T = level.data("T")
    assert_allclose(T.max(), 1.0, atol=1e-4)
    assert abs(E[np.argmax(T)]) < 0.01
    assert_allclose(level.data("peak")[1], 1.0)


def test_asymmetric_peak_height_line(level):
    level.controls["eps0"].value = 0.0
    level.controls["gamma_L"].value = 0.2
    level.controls["gamma_R"].value = 0.4
    # Gamma_i = 2 gamma_i^2 / t at the band centre: 4 * 0.08 * 0.32 / 0.4^2 = 0.64
    expected = 4 * 0.08 * 0.32 / (0.08 + 0.32) ** 2
    _, peak = level.data("peak")
    assert_allclose(peak, expected, rtol=1e-9)  # the top of the exact peak, refined
    E, T = level.data("T")
    assert_allclose(T.max(), expected, rtol=1e-4)
    assert "0.640" in level.data("title") and "0.400" in level.data("title")


def test_dos_is_normalized_and_peaks_at_the_level(level):
    level.controls["eps0"].value = -0.5
    level.controls["gamma_L"].value = 0.3
    level.controls["gamma_R"].value = 0.3
    E, dos = level.data("dos")
    assert abs(trapezoid(dos, E) - 1) < 0.01  # one state, a few Gamma of tail beyond the grid
    assert abs(E[np.argmax(dos)] - (-0.5)) < 0.1  # shifted by Re Sigma only a little


def test_phase_jumps_by_pi_across_a_narrow_resonance(level):
    level.controls["eps0"].value = 0.0
    level.controls["gamma_L"].value = 0.1
    level.controls["gamma_R"].value = 0.1
    E, phase = level.data("phase")
    step = phase[np.argmin(np.abs(E - 1.0))] - phase[np.argmin(np.abs(E + 1.0))]
    assert_allclose(step, 1.0, atol=0.03)  # in units of pi
    assert np.all(np.diff(phase) > 0)
    assert abs(np.interp(0.0, E, phase)) < 1e-3  # t = 1, phase 0, on resonance


def test_wide_band_line_agrees_for_weak_coupling_only(level):
    level.controls["eps0"].value = 0.2
    level.controls["gamma_L"].value = 0.1
    level.controls["gamma_R"].value = 0.1
    def on_band():  # T is drawn beyond the band too (zero there), T_wide_band on the band
        (E, T), (E_wb, T_wb) = level.data("T"), level.data("T_wide_band")
        return np.interp(E_wb, E, T), T_wb

    T, T_wb = on_band()
    assert np.max(np.abs(T - T_wb)) < 0.01
    level.controls["gamma_L"].value = 0.9
    level.controls["gamma_R"].value = 0.9
    T, T_wb = on_band()
    assert np.max(np.abs(T - T_wb)) > 0.1


def test_molecule_counts_N_resonances(molecule):
    molecule.controls["gamma"].value = 0.15
    molecule.controls["hopping"].value = 0.6
    molecule.controls["onsite"].value = 0.0
    for N in (1, 2, 3, 5):
        molecule.controls["n_sites"].value = N
        levels, marks = molecule.data("levels")
        j = np.arange(1, N + 1)
        assert_allclose(np.sort(levels), np.sort(-2 * 0.6 * np.cos(j * np.pi / (N + 1))), atol=1e-12)
        assert f"{N} resonance peak{'' if N == 1 else 's'};" in molecule.data("title")
        E, T = molecule.data("T")
        assert_allclose(T, helpers.models.resonant_level.molecule_transmission(E, np.zeros(N), 0.6, 0.15, 0.15),
                        atol=1e-14)


def test_molecule_peaks_sharpen_with_weaker_coupling(molecule):
    molecule.controls["n_sites"].value = 1
    molecule.controls["onsite"].value = 0.0

    def width():
        E, T = molecule.data("T")  # half-maximum crossings, linearly interpolated
        i = np.flatnonzero(T > 0.5)
        lo, hi = i.min(), i.max()
        left = np.interp(0.5, T[lo - 1:lo + 1], E[lo - 1:lo + 1])
        right = np.interp(0.5, T[hi:hi + 2][::-1], E[hi:hi + 2][::-1])
        return right - left

    # one site at the band centre (t = 1): T = 1/2 where E^2 (1 - gamma^2)^2 = gamma^4 (4 - E^2),
    # so FWHM = 4 gamma^2 / sqrt((1 - gamma^2)^2 + gamma^4) -> Gamma = 4 gamma^2 for weak coupling
    for gamma in (0.4, 0.2, 0.1):
        molecule.controls["gamma"].value = gamma
        exact = 4 * gamma**2 / np.sqrt((1 - gamma**2) ** 2 + gamma**4)
        assert_allclose(width(), exact, rtol=0.02)
    assert_allclose(width(), 4 * 0.1**2, rtol=0.02)  # weak: the wide-band Gamma


def test_dos_axis_follows_the_peak(level):
    ax = level.plot.axes[1]
    for g in (0.05, 0.3, 1.0, 0.1):
        level.controls["gamma_L"].value = g
        level.controls["gamma_R"].value = g
        top = level.data("dos")[1].max()
        assert 0.5 * ax.get_ylim()[1] <= top <= ax.get_ylim()[1]  # the peak is shown, not tiny


def test_a_level_pushed_out_of_the_band_leaves_a_bound_state_and_a_lower_peak(level):
    """eps0 = 1.5 t, gamma = t both sides: E - eps0 - Sigma(E) = 0 has no root in the band; the
    top of T is below 4 Gamma_L Gamma_R / Gamma^2 = 1 and the missing weight sits in a bound state
    above the band (E_b = 2.5 t: with g = (E - sqrt(E^2 - 4))/2 and Sigma = 2g, E - 1.5 = 2g(E))."""
    level.controls["eps0"].value = 1.5
    level.controls["gamma_L"].value = 1.0
    level.controls["gamma_R"].value = 1.0
    E, T = level.data("T")
    _, top = level.data("peak")
    assert_allclose(top, T.max(), rtol=1e-6) and top[0] < 0.9
    x, _ = level.data("bound")
    E_b = x[0]
    assert E_b > 2 and abs(E_b - 1.5 - (E_b - np.sqrt(E_b**2 - 4))) < 1e-10
    assert level.plot.axes[1].get_xlim()[1] > E_b  # on the axis
    # sum rule: the density of states inside the band plus the bound-state weight is one state
    from helpers.models.resonant_level import dot_bound_states, dot_dos
    energies, weights = dot_bound_states(1.5, 1.0, 1.0)
    fine = np.linspace(-2 + 1e-7, 2 - 1e-7, 400001)
    assert_allclose(trapezoid(dot_dos(fine, 1.5, 1.0, 1.0), fine) + weights.sum(), 1.0, atol=1e-5)
    assert "bound state at E = 2.50 t" in level.data("title")
    level.controls["eps0"].value = 0.0
    level.controls["gamma_L"].value = 0.3
    assert level.data("bound")[0].size == 0 and "no bound state" in level.data("title")


def test_molecule_peak_count_ignores_rounding_ripples(molecule):
    """A perfect chain (eps = 0, t_m = gamma = t) has T = 1 across the band: no resonance peak."""
    molecule.controls["onsite"].value = 0.0
    molecule.controls["n_sites"].value = 3
    molecule.controls["hopping"].value = 1.0
    molecule.controls["gamma"].value = 1.0
    _, T = molecule.data("T")
    assert_allclose(T, 1.0, atol=1e-12)
    assert "0 resonance peaks" in molecule.data("title")


def test_molecule_phase_is_arg_t_and_rises_by_pi_per_resolved_peak(molecule):
    from helpers.models.resonant_level import molecule_transmission_amplitude

    molecule.controls["hopping"].value = 0.6
    molecule.controls["gamma"].value = 0.15
    molecule.controls["onsite"].value = 0.0
    for N in (1, 3, 5):
        molecule.controls["n_sites"].value = N
        E, phase = molecule.data("phase")
        amp = molecule_transmission_amplitude(E, np.zeros(N), 0.6, 0.15, 0.15)
        assert_allclose(np.exp(1j * np.pi * phase), amp / np.abs(amp), atol=1e-9)
        assert_allclose(phase[-1] - phase[0], N, atol=0.05)
