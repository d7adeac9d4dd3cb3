"""Lesson 4 explorers driven from Python: set a control, assert on what is drawn (physics)."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import helpers
from helpers.constants import HBAR2_OVER_2ME_EV_NM2 as C
from helpers.explorers.smatrix import barrier_explorer, double_barrier_explorer, eigenvalue_explorer
from helpers.models.smatrix_stats import bimodal_density, fano_factor


@pytest.fixture(scope="module")
def barrier():
    return barrier_explorer()


def test_barrier_curve_is_the_closed_form_and_probability_is_conserved(barrier):
    barrier.controls["height"].value = 0.25
    barrier.controls["width"].value = 3.0
    barrier.controls["m_eff"].value = 0.067
    E, T = barrier.data("T")
    _, R = barrier.data("R")
    assert_allclose(T + R, 1, atol=1e-12)
    below = E < 0.25
    kappa = np.sqrt(0.067 * (0.25 - E[below]) / C)
    assert_allclose(T[below], 1 / (1 + 0.25**2 * np.sinh(kappa * 3.0) ** 2 / (4 * E[below] * (0.25 - E[below]))),
                    rtol=1e-9)


def test_barrier_marker_follows_energy_and_phases_are_those_of_the_smatrix(barrier):
    barrier.controls["energy"].value = 0.2
    x, y = barrier.data("T_now")
    s = helpers.rectangular_barrier(0.2, barrier.controls["height"].value, barrier.controls["width"].value,
                                    m_eff=barrier.controls["m_eff"].value)
    assert x[0] == pytest.approx(0.2)
    assert y[0] == pytest.approx(s.transmission(), abs=1e-12)
    assert barrier.data("phase_t_now")[1][0] == pytest.approx(np.angle(s.t[0, 0]) / np.pi, abs=1e-12)
    assert barrier.data("phase_r_now")[1][0] == pytest.approx(np.angle(s.r[0, 0]) / np.pi, abs=1e-12)
    assert "R + T = 1.000000000000" in barrier.data("title")


def test_barrier_above_top_resonance_free_electron(barrier):
    """Above the top T = 1 where the barrier holds a whole number of half wavelengths."""
    barrier.controls["m_eff"].value = 1.0
    barrier.controls["height"].value = 0.2
    barrier.controls["width"].value = 1.5
    E_res = 0.2 + C * (np.pi / 1.5) ** 2  # k d = pi
    barrier.controls["energy"].value = round(E_res / 0.005) * 0.005
    E, T = barrier.data("T")
    i = np.argmin(abs(E - E_res))
    assert T[i] > 0.999


@pytest.fixture(scope="module")
def double():
    return double_barrier_explorer()


def test_double_barrier_peaks_reach_one_and_move_down_with_spacing(double):
    double.controls["spacing"].value = 5.0
    peaks_narrow, ones = double.data("peaks")
    assert peaks_narrow.size >= 1
    assert_allclose(ones, 1)
    E, T = double.data("coherent")
    for e in peaks_narrow:
        assert T[np.argmin(abs(E - e))] == pytest.approx(1, abs=1e-8)
    double.controls["spacing"].value = 10.0
    peaks_wide, _ = double.data("peaks")
    assert peaks_wide.size > peaks_narrow.size and peaks_wide[0] < peaks_narrow[0]
    # the ground resonance lies below the hard-wall level of the well
    assert peaks_wide[0] < C * (np.pi / 10.0) ** 2 / 0.067


def test_incoherent_curve_ignores_spacing_and_is_the_series_rule(double):
    double.controls["spacing"].value = 4.0
    E1, inc1 = double.data("incoherent")
    _, single = double.data("single")
    assert_allclose(inc1, single / (2 - single), rtol=1e-10)
    double.controls["spacing"].value = 14.0
    E2, inc2 = double.data("incoherent")
    common = np.intersect1d(E1, E2)
    assert_allclose(inc1[np.isin(E1, common)], inc2[np.isin(E2, common)], rtol=1e-12)


def test_double_barrier_log_scale_toggle(double):
    double.controls["scale"].value = "log"
    assert double.plot.axes[0].get_yscale() == "log"
    double.controls["scale"].value = "linear"
    assert double.plot.axes[0].get_yscale() == "linear"


@pytest.fixture(scope="module")
def eigen():
    return eigenvalue_explorer(realizations=30)


def test_eigenvalue_histogram_counts_N_channels_and_is_bimodal(eigen):
    edges, density = eigen.data("histogram")
    N = helpers.open_modes(2.0, 20)
    assert np.sum(density[:-1] * np.diff(edges)) == pytest.approx(N)
    middle = density[len(density) // 2]
    assert density[0] > 3 * middle and density[-2] > middle
    T, rho = eigen.data("bimodal")
    ens = eigen.state.ensembles[(60, 1.5)]
    g = ens.sum(axis=1).mean()
    assert_allclose(rho, bimodal_density(T, g), rtol=1e-12)


def test_eigenvalue_panel_shows_one_realization_of_the_ensemble(eigen):
    eigen.controls["realization"].value = 3
    n_closed, closed = eigen.data("eigenvalues")
    n_open, opened = eigen.data("open")
    values = np.sort(np.concatenate([closed, opened]))
    V = helpers.anderson_potential(60, 20, strength=1.5, rng=1000 * 60 + 3)
    assert values.sum() == pytest.approx(float(helpers.transmission(V, 2.0)), abs=1e-9)
    assert np.all(opened > 0.5) and np.all(closed <= 0.5)
    assert "right: wire 3," in eigen.data("title") and "seed" not in eigen.data("title")


def test_fano_in_title_and_cache(eigen):
    ens = eigen.state.ensembles[(60, 1.5)]
    assert f"F = {fano_factor(ens):.3f}" in eigen.data("title")
    eigen.controls["L"].value = 40
    assert (40, 1.5) in eigen.state.ensembles
    cached = eigen.state.ensembles[(40, 1.5)]
    eigen.controls["L"].value = 60
    eigen.controls["L"].value = 40
    assert eigen.state.ensembles[(40, 1.5)] is cached  # no recomputation
    # shorter wire, more conductance
    assert cached.sum(axis=1).mean() > ens.sum(axis=1).mean()


def _assert_density_axis_fits(ax, density):
    """The left axis starts at 0 and shows every bar, the tallest one filling 30-87 % of it."""
    bottom, top = ax.get_ylim()
    assert bottom == 0
    assert 0.3 * top <= density.max() <= top / 1.15


def test_density_axis_is_kept_or_refitted_as_L_changes(eigen):
    """A change of L keeps the axis (a repaint of the lines only) while the histogram still fills
    it, and refits it to 1.3 x the tallest bar otherwise; every bar stays visible."""
    for L in (60, 40, 80, 20, 60):
        eigen.controls["L"].value = L
        _, density = eigen.data("histogram")
        _assert_density_axis_fits(eigen.plot.axes[0], density)


def test_bimodal_curve_holds_N_eigenvalues_and_axis_follows_the_histogram(eigen):
    """Lesson 4 text: the dashed curve (l = g L / N) holds g L/l = N eigenvalues on [T_min, 1)."""
    eigen.controls["L"].value = 60
    eigen.controls["strength"].value = 1.5
    N = helpers.open_modes(2.0, 20)
    ens = eigen.state.ensembles[(60, 1.5)]
    g = ens.sum(axis=1).mean()
    T, rho = eigen.data("bimodal")
    assert T[0] == pytest.approx(1 / np.cosh(N / g) ** 2, rel=1e-9)  # T_min = 1/cosh^2(L/l), L/l = N/g
    # trapezoidal rule on the drawn points: N, less the sliver next to T = 1 (1/200 of x range)
    assert np.trapezoid(rho, T) == pytest.approx(N * (1 - 1 / 200), rel=5e-3)
    assert f"l = gL/N ≈ {g * 60 / N:.0f} sites" in eigen.data("title")
    _, density = eigen.data("histogram")
    _assert_density_axis_fits(eigen.plot.axes[0], density)


@pytest.mark.parametrize("L, strength, why", [(20, 0.5, "quasi-ballistic"), (160, 3.0, "localized")])
def test_bimodal_curve_hidden_outside_its_validity(L, strength, why):
    ex = eigenvalue_explorer(L=L, strength=strength, realizations=8)
    assert ex.data("bimodal")[0].size == 0
    assert why in ex.data("title")
    assert "l = " not in ex.data("title")  # l = gL/N means a mean free path only when diffusive
    texts = [t.get_text() for t in ex.plot.axes[0].get_legend().get_texts()]
    assert not any("bimodal" in text for text in texts)  # the hidden curve is not listed
    assert len(ex.data("title").split("\n")) == 2
    _, density = ex.data("histogram")
    assert ex.plot.axes[0].get_ylim() == pytest.approx((0, 1.3 * density.max()))  # first fit
    assert density.max() > 0


def test_eigenvalue_dots_have_a_legend(eigen):
    texts = [t.get_text() for t in eigen.plot.axes[1].get_legend().get_texts()]
    assert texts == [r"$T_n \leq 1/2$", r"$T_n > 1/2$"]


def test_barrier_top_is_a_line_and_noise_phases_are_hidden():
    ex = barrier_explorer()
    ex.controls["height"].value = 0.25
    x, y = ex.data("top")
    assert_allclose(x, [0.25, 0.25])
    ex.controls["height"].value = 0.0  # no barrier: r = 0, its phase is rounding noise
    E, phase_r = ex.data("phase_r")
    assert np.all(np.isnan(phase_r)) and np.isnan(ex.data("phase_r_now")[1][0])
    assert np.all(np.isfinite(ex.data("phase_t")[1]))
    ex.controls["height"].value = 0.3
    assert np.isfinite(ex.data("phase_r")[1]).mean() > 0.95  # shown where |r| is not tiny


def test_ensembles_computed_in_chunks_keep_the_seeds_and_hide_the_progress_bar(eigen):
    eigen.controls["L"].value = 60
    eigen.controls["strength"].value = 1.5
    eigen.controls["realization"].value = 23            # a later chunk of realizations
    values = np.sort(np.concatenate([eigen.data("eigenvalues")[1], eigen.data("open")[1]]))
    V = helpers.anderson_potential(60, 20, strength=1.5, rng=1000 * 60 + 23)
    assert values.sum() == pytest.approx(float(helpers.transmission(V, 2.0)), abs=1e-9)
    assert eigen.progress.tasks >= 1 and eigen.progress.widget.layout.display == "none"
