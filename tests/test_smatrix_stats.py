"""Tests of helpers.models.smatrix_stats (lesson 4): expected values from closed forms, identities and
independent methods, never from earlier runs of the same code."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.integrate import quad
from scipy.optimize import brentq

import helpers
from helpers.constants import HBAR2_OVER_2ME_EV_NM2 as C
from helpers.scattering import incoherent_series, series
from helpers.models.smatrix_stats import (barrier_amplitudes, bimodal_cutoff, bimodal_density,
                                   double_barrier_comparison, eigenvalue_histogram,
                                   eigenvalue_summary, fano_factor, mean_free_path,
                                   resonance_energies,
                                   transmission_eigenvalue_ensemble)

GAAS = 0.067


# --- barrier amplitudes ------------------------------------------------------------------------
def test_barrier_transmission_matches_closed_form():
    V0, d, m = 0.3, 2.0, GAAS
    E = np.linspace(0.01, 0.29, 50)
    kappa = np.sqrt(m * (V0 - E) / C)
    expected = 1 / (1 + V0**2 * np.sinh(kappa * d) ** 2 / (4 * E * (V0 - E)))
    data = barrier_amplitudes(E, V0, d, m_eff=m)
    assert_allclose(data["T"], expected, rtol=1e-10)
    assert_allclose(data["T"] + data["R"], 1, atol=1e-12)


def test_barrier_amplitudes_match_smatrix_and_phase_relation():
    E = np.array([0.05, 0.2, 0.45])
    data = barrier_amplitudes(E, 0.3, 2.0, m_eff=GAAS)
    for i, e in enumerate(E):
        s = helpers.rectangular_barrier(e, 0.3, 2.0, m_eff=GAAS)
        assert_allclose(data["t"][i], s.t[0, 0], atol=1e-12)
        assert_allclose(data["r"][i], s.r[0, 0], atol=1e-12)
    # symmetric barrier, unitary S, amplitudes referenced to its centre x = d/2 (r -> r e^{-ikd}):
    # r t* is purely imaginary, the phases differ by pi/2
    k = np.sqrt(GAAS * E / C)
    assert_allclose(np.real(data["r"] * np.exp(-1j * k * 2.0) * np.conj(data["t"])), 0, atol=1e-12)
    # as the docstring says: referred to x = 0, arg r - arg t = +-pi/2 + k d (mod 2 pi)
    diff = np.pi * (data["phase_r"] - data["phase_t"]) - k * 2.0
    assert_allclose(np.abs(np.cos(diff)), 0, atol=1e-9)


def test_no_barrier_is_transparent():
    data = barrier_amplitudes([0.1, 0.3], 0.0, 1.0)
    assert_allclose(data["t"], 1, atol=1e-12)
    assert_allclose(data["phase_t"], 0, atol=1e-12)


@pytest.mark.parametrize("bad", [[0.0, 0.1], [-0.1]])
def test_barrier_amplitudes_rejects_energies_at_or_below_lead(bad):
    with pytest.raises(ValueError, match="energies"):
        barrier_amplitudes(bad, 0.3, 1.0)


# --- two barriers in series ----------------------------------------------------------------------
def test_double_barrier_comparison_against_series_and_continuum():
    E = np.linspace(0.01, 0.5, 37)
    V0, d, s, m = 0.3, 2.0, 6.0, GAAS
    data = double_barrier_comparison(E, V0, d, s, m_eff=m)
    assert_allclose(data["coherent"], helpers.double_barrier_transmission(E, V0, d, s, m_eff=m), atol=1e-10)
    assert_allclose(data["single"], helpers.rectangular_barrier_transmission(E, V0, d, m_eff=m), atol=1e-12)
    T1 = data["single"]
    assert_allclose(data["incoherent"], T1 / (2 - T1), rtol=1e-10)
    for i in (0, 18, 36):
        left = helpers.rectangular_barrier(E[i], V0, d, m_eff=m)
        right = helpers.piecewise_smatrix(E[i], [d + s, 2 * d + s], [0, V0, 0], m_eff=m)
        assert_allclose(data["coherent"][i], series(left, right).transmission(), atol=1e-10)
        assert_allclose(data["incoherent"][i], incoherent_series(left, right), atol=1e-12)


def test_incoherent_pair_does_not_depend_on_spacing():
    E = np.linspace(0.02, 0.4, 20)
    a = double_barrier_comparison(E, 0.3, 2.0, 5.0, m_eff=GAAS)["incoherent"]
    b = double_barrier_comparison(E, 0.3, 2.0, 11.0, m_eff=GAAS)["incoherent"]
    assert_allclose(a, b, rtol=1e-12)


def _finite_well_levels(V0, s, m):
    """Bound levels of a square well of depth V0 (eV) and width s (nm): k tan(ks/2) = kappa
    (even) and -k cot(ks/2) = kappa (odd); independent of the scattering code."""
    def f_even(E):
        k, kap = np.sqrt(m * E / C), np.sqrt(m * (V0 - E) / C)
        return k * np.sin(k * s / 2) - kap * np.cos(k * s / 2)

    def f_odd(E):
        k, kap = np.sqrt(m * E / C), np.sqrt(m * (V0 - E) / C)
        return k * np.cos(k * s / 2) + kap * np.sin(k * s / 2)

    grid = np.linspace(1e-9, V0 - 1e-9, 20001)
    levels = []
    for f in (f_even, f_odd):
        values = f(grid)
        for i in np.nonzero(np.sign(values[:-1]) != np.sign(values[1:]))[0]:
            levels.append(brentq(f, grid[i], grid[i + 1], xtol=1e-15))
    return np.sort(levels)


def test_resonances_of_thick_barriers_are_the_finite_well_levels():
    V0, s = 0.3, 8.0
    levels = _finite_well_levels(V0, s, GAAS)
    found = resonance_energies(V0, 8.0, s, m_eff=GAAS)  # 8 nm barriers: leakage ~ e^-10
    assert found.size == levels.size == 2
    assert_allclose(found, levels, rtol=1e-4)
    # perfect transmission at each resonance of a symmetric pair
    assert_allclose(helpers.double_barrier_transmission(found, V0, 8.0, s, m_eff=GAAS), 1, atol=1e-8)
    # below the hard-wall levels (the wave leaks into the barriers)
    hard = C * (np.arange(1, 3) * np.pi / s) ** 2 / GAAS
    assert np.all(found < hard)


def test_resonances_move_down_as_the_well_widens():
    narrow = resonance_energies(0.3, 2.0, 5.0, m_eff=GAAS)
    wide = resonance_energies(0.3, 2.0, 10.0, m_eff=GAAS)
    assert wide.size > narrow.size
    assert wide[0] < narrow[0]


# --- Fano factor ---------------------------------------------------------------------------------
@pytest.mark.parametrize("T", [0.01, 0.3, 0.5, 0.9])
def test_fano_single_channel_is_one_minus_T(T):
    assert fano_factor([T]) == pytest.approx(1 - T, abs=1e-15)


def test_fano_open_channels_is_zero_and_tunnel_limit_is_poisson():
    assert fano_factor([1.0, 1.0, 1.0]) == 0.0
    assert fano_factor([1e-9] * 5) == pytest.approx(1, abs=1e-8)


def test_fano_pools_an_ensemble():
    T = np.array([[1.0, 0.5], [0.2, 0.0]])
    assert fano_factor(T) == pytest.approx((0.25 + 0.16) / 1.7)


@pytest.mark.parametrize("bad", [[1.2], [-0.1, 0.5]])
def test_fano_rejects_values_outside_unit_interval(bad):
    with pytest.raises(ValueError, match="eigenvalues"):
        fano_factor(bad)


def test_fano_all_closed_is_an_error():
    with pytest.raises(ValueError, match="undefined"):
        fano_factor([0.0, 0.0])


# --- the bimodal density -------------------------------------------------------------------------
@pytest.mark.parametrize("g", [0.5, 3.0, 12.0])
def test_bimodal_density_normalization(g):
    rho = lambda T: bimodal_density(T, g)  # noqa: E731
    # conductance: int_0^1 T rho dT = g (no cutoff needed, the 1/T is cancelled)
    assert quad(lambda T: T * rho(T), 0, 1)[0] == pytest.approx(g, rel=1e-8)
    # noise: int T(1-T) rho = g/3, so the Fano factor of the law is 1/3
    assert quad(lambda T: T * (1 - T) * rho(T), 0, 1)[0] == pytest.approx(g / 3, rel=1e-8)


@pytest.mark.parametrize("L_over_l", [2.0, 5.0, 10.0])
def test_bimodal_density_counts_N_channels_above_cutoff(L_over_l):
    g, N = 3.0, 3.0 * L_over_l  # g = N l / L
    T_min = bimodal_cutoff(L_over_l)
    assert T_min == pytest.approx(1 / np.cosh(L_over_l) ** 2)
    if L_over_l >= 5:
        assert T_min == pytest.approx(4 * np.exp(-2 * L_over_l), rel=2e-4)
    # substitute T = 1/cosh^2 x: rho dT = g dx, flat in x on [0, L/l]
    integral = quad(lambda x: bimodal_density(1 / np.cosh(x) ** 2, g, T_min=T_min)
                    * 2 * np.cosh(x) ** -2 * np.tanh(x), 0, L_over_l)[0]
    assert integral == pytest.approx(N, rel=1e-8)
    assert bimodal_density(T_min / 2, g, T_min=T_min) == 0.0
    # the cutoff costs g (1 - tanh(L/l)) of conductance
    assert quad(lambda T: T * bimodal_density(T, g), T_min, 1)[0] == pytest.approx(g * np.tanh(L_over_l), rel=1e-7)


def test_bimodal_density_shape_and_errors():
    assert bimodal_density(0.5, 2.0) == pytest.approx(2.0 / (2 * 0.5 * np.sqrt(0.5)))
    assert bimodal_density(np.ones((2, 3)) * 0.3, 1.0).shape == (2, 3)
    with pytest.raises(ValueError, match="T must"):
        bimodal_density(1.5, 1.0)
    with pytest.raises(ValueError, match="g must"):
        bimodal_density(0.5, 0.0)


def test_mean_free_path_inverts_series_resistance():
    N, l, L = 10, 25.0, 60.0
    g = N * l / (L + l)  # h/2e^2 (1/N + L/(N l)) inverted
    assert mean_free_path(g, N, L) == pytest.approx(l)
    with pytest.raises(ValueError, match="g must"):
        mean_free_path(10.0, 10, 60.0)


def test_histogram_counts_channels_per_realization():
    T = np.random.default_rng(0).uniform(0, 1, size=(7, 5))
    edges, density = eigenvalue_histogram(T, bins=10)
    assert edges[0] == 0 and edges[-1] == 1
    assert np.sum(density * np.diff(edges)) == pytest.approx(5)


# --- ensembles of disordered strips --------------------------------------------------------------
def test_ensemble_eigenvalues_in_unit_interval_and_sum_to_transmission():
    L, W, Wd, E = 12, 8, 1.5, 1.3
    ens = transmission_eigenvalue_ensemble(L, W, Wd, E, 4, seed_offset=3)
    assert ens.shape == (4, helpers.open_modes(E, W))
    assert np.all((ens >= 0) & (ens <= 1))
    assert np.all(np.diff(ens, axis=1) >= 0)
    for r in range(4):
        V = helpers.anderson_potential(L, W, strength=Wd, rng=1000 * L + 3 + r)
        assert ens[r].sum() == pytest.approx(float(helpers.transmission(V, E)), abs=1e-9)


def test_clean_strip_has_all_channels_open():
    ens = transmission_eigenvalue_ensemble(10, 6, 0.0, 1.0, 1)
    assert_allclose(ens, 1, atol=1e-9)
    assert fano_factor(ens) == pytest.approx(0, abs=1e-8)


def test_ensemble_rejects_bad_arguments():
    with pytest.raises(ValueError, match="seed_offset"):
        transmission_eigenvalue_ensemble(5, 4, 1.0, 1.0, 2, seed_offset=-1)
    with pytest.raises(TypeError, match="L"):
        transmission_eigenvalue_ensemble(5.5, 4, 1.0, 1.0, 2)


def test_diffusive_strip_fano_factor_is_one_third():
    """W = 20, E = 2t (N = 10), Wd = 1.5t: with contacts, 1/g = (L + l)/(N l), l ~ 25 sites, so
    l < L = 60 < N l ~ 250 (lesson 7's definition; lesson 4's l = g L / N ~ 18 is smaller)."""
    L = 60
    ens = transmission_eigenvalue_ensemble(L, 20, 1.5, 2.0, 40)
    N = ens.shape[1]
    g = ens.sum(axis=1).mean()
    l = mean_free_path(g, N, L)
    assert l < L / 2 and L < N * l / 2  # really diffusive
    assert abs(fano_factor(ens) - 1 / 3) < 0.05
    # bimodal: more eigenvalues near 0 and near 1 than in the middle
    edges, density = eigenvalue_histogram(ens, bins=5)
    assert density[0] > density[2] and density[-1] > density[2]


# --- what the eigenvalue widget shows ------------------------------------------------------------
def _bimodal_sample(g, N, realizations=400, seed=0):
    """Eigenvalues drawn from the bimodal law itself: x uniform on [0, N/g], T = 1/cosh^2 x."""
    x = np.random.default_rng(seed).uniform(0, N / g, size=(realizations, N))
    return np.sort(1 / np.cosh(x) ** 2, axis=1)


def test_summary_mean_free_path_is_defined_by_g_equal_N_l_over_L():
    ens = _bimodal_sample(3.0, 10)
    s = eigenvalue_summary(ens, 60.0)
    g = ens.sum(axis=1).mean()
    assert s["g"] == pytest.approx(g, rel=1e-12)
    assert s["l"] == pytest.approx(g * 60.0 / 10, rel=1e-12)  # g = N l / L
    assert s["L_over_l"] == pytest.approx(10 / g, rel=1e-12)
    assert s["T_min"] == pytest.approx(1 / np.cosh(10 / g) ** 2, rel=1e-12)
    assert s["regime"] == "diffusive"
    # a sample of the law has the law's conductance: g = N tanh(L/l)/(L/l) = 3 tanh(10/3) ~ 2.99
    assert g == pytest.approx(3.0 * np.tanh(10 / 3.0), rel=0.02)


def test_summary_curve_holds_N_eigenvalues():
    """rho = g/(2 T sqrt(1-T)) on [T_min, 1) counts g L/l = N eigenvalues (flat in x)."""
    ens = _bimodal_sample(2.5, 10)
    s = eigenvalue_summary(ens, 80.0, points=400)
    T, rho = s["T"], s["bimodal"]
    assert np.all(np.diff(T) > 0) and T[0] == pytest.approx(s["T_min"], rel=1e-12) and T[-1] < 1
    assert_allclose(rho, s["g"] / (2 * T * np.sqrt(1 - T)), rtol=1e-12)
    x = np.arccosh(1 / np.sqrt(T))
    # analytically over the drawn range, plus the sliver (L/l)/points next to T = 1
    assert s["g"] * (x[0] - x[-1]) + s["g"] * x[-1] == pytest.approx(10, rel=1e-12)
    assert s["g"] * x[-1] == pytest.approx(10 / 400, rel=1e-9)
    # and numerically, by the trapezoidal rule on the drawn points
    assert np.trapezoid(rho, T) == pytest.approx(10 * (1 - 1 / 400), rel=5e-3)


@pytest.mark.parametrize("g, regime", [(0.5, "localized"), (3.0, "diffusive"), (8.0, "quasi-ballistic")])
def test_summary_regime(g, regime):
    N = 10
    T = np.full((2, N), g / N)  # any eigenvalues with this mean conductance
    assert eigenvalue_summary(T, 50.0)["regime"] == regime


def test_summary_clean_strip_has_no_curve():
    s = eigenvalue_summary(np.ones((3, 4)), 20.0)
    assert s["l"] == np.inf and s["T"].size == 0 and s["bimodal"].size == 0
    assert s["regime"] == "quasi-ballistic"
