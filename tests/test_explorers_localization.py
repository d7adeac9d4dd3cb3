"""Lesson 7 explorers driven from Python: set a control, assert on what is drawn (physics)."""

import numpy as np
import pytest

import helpers
from helpers.disorder import log_transmission_ensemble, perturbative_localization_length, reference_seed
from helpers.explorers.localization import chain_explorer, magnetoconductance_explorer, regimes_explorer


def _mean_T(ex):
    """<T> at every length: the converged points and the faded ones together, sorted by L."""
    (L1, T1), (L2, T2) = ex.data("mean_T"), ex.data("mean_T_rough")
    L, T = np.concatenate([L1, L2]), np.concatenate([T1, T2])
    order = np.argsort(L)
    return L[order], T[order]


@pytest.fixture(scope="module")
def regimes():
    return regimes_explorer(realizations=40, L_max=300, n_lengths=12)


def test_regimes_start_ballistic_and_follow_ohms_law(regimes):
    regimes.controls["W"].value = 6
    regimes.controls["strength"].value = 1.0
    L, T = _mean_T(regimes)
    N = helpers.open_modes(3.4, 6)
    assert L[0] == 1 and T[0] > 0.9 * N  # one disordered slice barely scatters
    assert np.all(T <= N + 1e-9)
    _, ohm = regimes.data("ohmic")
    s = regimes.state.scans[(6, 1.0)]
    l = s["l"]
    np.testing.assert_allclose(ohm, N * l / (L + l), rtol=1e-12)  # the drawn law is N l/(L + l)
    short = L <= 1.5 * l  # diffusive: Ohm's law plus the contacts
    assert np.count_nonzero(short) >= 5
    assert np.all(np.abs(T[short] - ohm[short]) < 0.12 * ohm[short])
    assert T[-1] < 0.8 * ohm[-1]  # L = 300 > xi: localization pulls <T> below Ohm's law


def test_regimes_lnT_is_the_ensemble_average_with_the_reference_seeds(regimes):
    regimes.controls["W"].value = 2
    regimes.controls["strength"].value = 2.0
    L, mean_lnT = regimes.data("mean_lnT")
    i = 5
    direct = log_transmission_ensemble([int(L[i])], 40, energy=3.4, strength=2.0, W=2)[0]
    assert mean_lnT[i] == pytest.approx(direct.mean(), abs=1e-10)
    V = helpers.anderson_potential(int(L[i]), 2, strength=2.0, rng=reference_seed(int(L[i]), 7))
    assert direct[7] == pytest.approx(helpers.log_transmission(V, 3.4), abs=1e-9)


def test_regimes_fit_line_has_slope_minus_two_over_xi(regimes):
    regimes.controls["W"].value = 1
    regimes.controls["strength"].value = 2.0
    fit = regimes.state.scans[(1, 2.0)]["fit"]
    assert fit is not None
    x, y = regimes.data("fit")
    assert (y[1] - y[0]) / (x[1] - x[0]) == pytest.approx(-2 / fit.xi, rel=1e-12)
    # W = 1 is a chain shifted by 2t: eps = 3.4 - 4 = -0.6, xi = 24 (4 - 0.36)/Wd^2 = 21.8
    assert abs(fit.xi - 24 * (4 - 0.36) / 4) < 3 * fit.xi_error + 0.15 * 21.84
    # the error to two significant digits (never "± 0"), the value to the same decimal place
    decimals = max(0, 1 - int(np.floor(np.log10(fit.xi_error))))
    assert f"$\\xi$ = {fit.xi:.{decimals}f} ± {fit.xi_error:.{decimals}f} sites" in regimes.data("title")
    assert "± 0 " not in regimes.data("title")


def test_regimes_ratio_is_a_dash_where_lnT_is_positive(regimes):
    # <ln T> > 0 (several channels, a short wire): var/(-2<ln T>) is meaningless, shown as a dash
    regimes.controls["W"].value = 6
    regimes.controls["strength"].value = 1.0
    regimes.controls["L"].value = 1
    assert regimes.state.scans[(6, 1.0)]["histograms"][0]["mean"] > 0
    assert "var/($-2\\langle \\ln T\\rangle$) = —" in regimes.data("title") and "nan" not in regimes.data("title")
    regimes.controls["W"].value = 1
    regimes.controls["strength"].value = 2.0
    regimes.controls["L"].value = 300  # localized chain: the ratio is a number near 1
    ratio = regimes.state.scans[(1, 2.0)]["histograms"][-1]["ratio"]
    assert f"var/($-2\\langle \\ln T\\rangle$) = {ratio:.2f}" in regimes.data("title") and 0.5 < ratio < 1.5


def test_regimes_log_axis_spanning_less_than_a_decade_keeps_tick_labels(regimes):
    regimes.controls["W"].value = 8
    regimes.controls["strength"].value = 0.5
    ax = regimes.plot.axes[0]
    regimes.plot.figure.canvas.draw()
    lo, hi = ax.get_ylim()
    assert np.log10(hi / lo) < 1  # the case of the review: no power of ten inside
    labels = [t.get_text() for t in ax.yaxis.get_ticklabels(which="both")
              if t.get_visible() and t.get_text() and lo <= t.get_position()[1] <= hi]
    assert len(labels) >= 2, labels


def test_regimes_histogram_is_a_normalized_density_at_the_chosen_length(regimes):
    regimes.controls["L"].value = 200
    edges, density = regimes.data("histogram")
    assert np.sum(density[:-1] * np.diff(edges)) == pytest.approx(1.0)
    s = regimes.state.scans[(regimes.controls["W"].value, regimes.controls["strength"].value)]
    i = int(np.argmin(np.abs(s["L"] - 200)))
    assert edges[0] == pytest.approx(s["lnT"][i].min()) and edges[-1] == pytest.approx(s["lnT"][i].max())
    assert f"histogram at L = {s['L'][i]:.0f} (40 strips)" in regimes.data("title")


def test_regimes_clean_strip_is_ballistic(regimes):
    regimes.controls["strength"].value = 0.5
    regimes.controls["W"].value = 8
    _, T = _mean_T(regimes)
    assert T[0] == pytest.approx(helpers.open_modes(3.4, 8), rel=0.01)


@pytest.fixture(scope="module")
def chain():
    return chain_explorer(realizations=120, strengths=(0.8, 1.5, 3.0))


def test_chain_formula_line_is_thouless(chain):
    chain.controls["energy"].value = 1.0
    Wd, xi = chain.data("perturbative")
    np.testing.assert_allclose(xi, 24 * (4 - 1.0) / Wd**2, rtol=1e-12)
    Wd, fit = chain.data("xi")
    assert fit[0] == pytest.approx(72 / 0.64, rel=0.12)  # weak disorder: the formula holds


def test_chain_ratio_and_error_bars_are_consistent(chain):
    chain.controls["energy"].value = 2.0
    Wd, ratio = chain.data("ratio")
    _, xi = chain.data("xi")
    np.testing.assert_allclose(ratio, xi / (96 / Wd**2), rtol=1e-12)
    x, y = chain.data("xi_errors")
    assert np.isnan(x[2::3]).all()
    s = chain.state.scans[2.0]
    np.testing.assert_allclose((y[1::3] - y[0::3]) / 2, s["xi_error"], rtol=1e-12)
    assert np.all(ratio[1:] > 1)  # band centre: above perturbation theory (Kappus-Wegner)


def test_chain_ratio_panel_shows_every_point_with_its_error_bar(chain):
    # near the band edge strong disorder puts the ratio far above 1: the panel must autoscale
    chain.controls["energy"].value = 0.2
    ax = chain.plot.axes[1]
    _, ratio = chain.data("ratio")
    _, bars = chain.data("ratio_errors")
    assert ratio.max() > 1.4
    lo, hi = ax.get_ylim()
    assert lo <= np.nanmin(bars) and np.nanmax(bars) <= hi


@pytest.fixture(scope="module")
def magneto():
    return magnetoconductance_explorer(realizations=120, n_flux=4, flux_max=0.009)


def test_magnetoconductance_draws_the_paired_rise_from_zero_flux_and_is_even(magneto):
    """The left panel is <T(phi) - T(0)>, each strip against itself (the text's paired
    difference): 0 at zero flux, the difference of the two averages, with the paired error."""
    f, dT = magneto.data("mean")
    assert np.allclose(f, -f[::-1]) and np.allclose(dT, dT[::-1])  # Onsager, two terminals
    d = magneto.state.data
    zero = int(np.argmin(np.abs(f)))
    assert dT[zero] == 0
    positive = f >= 0
    np.testing.assert_allclose(dT[positive], d["mean_T"] - d["mean_T"][0], atol=1e-12)
    paired = (d["T"] - d["T"][0]).std(axis=1, ddof=1) / np.sqrt(d["T"].shape[1])
    _, bars = magneto.data("errors")
    half = (bars[1::3] - bars[0::3]) / 2
    np.testing.assert_allclose(half[positive], paired, rtol=1e-9)
    assert paired[1] < d["sem_T"][1]  # at small flux pairing removes the strip-to-strip spread
    assert dT[-1] > 2 * d["sem_delta"][-1]


def test_magnetoconductance_sample_and_marker(magneto):
    magneto.controls["realization"].value = 5
    magneto.controls["flux"].value = 0.006
    f, T = magneto.data("sample")
    d = magneto.state.data
    assert T[np.argmin(np.abs(f - 0.006))] == pytest.approx(d["T"][2, 5])
    x, y = magneto.data("sample_now")
    assert x[0] == pytest.approx(0.006) and y[0] == pytest.approx(d["T"][2, 5])
    V = helpers.anderson_potential(40, 10, strength=2.0, rng=reference_seed(40, 5))
    assert y[0] == pytest.approx(float(helpers.transmission(V, 1.8, flux=0.006)), rel=1e-9)
    assert "right: strip 5" in magneto.data("title") and "seed" not in magneto.data("title")
    assert "$\\phi WL$ = +2.40 h/e" in magneto.data("title")


def test_perturbative_formula_used_by_the_chain_explorer_is_the_disorder_one():
    assert perturbative_localization_length(1.0, 1.0) == 72


def test_chain_energy_keeps_the_axes_with_every_point_inside(chain):
    # the xi axis is fixed over the energy slider and the ratio axis keeps RATIO_FRAME in view:
    # an energy change inside the band only repaints the lines, and nothing falls outside
    limits = []
    for energy in (1.0, 2.0, 3.0):
        chain.controls["energy"].value = energy
        _, bars = chain.data("xi_errors")
        _, formula = chain.data("perturbative")
        lo, hi = chain.plot.axes[0].get_ylim()
        assert lo <= np.nanmin(bars) and max(np.nanmax(bars), formula.max()) <= hi
        _, ratio_bars = chain.data("ratio_errors")
        lo, hi = chain.plot.axes[1].get_ylim()
        assert lo <= np.nanmin(ratio_bars) and np.nanmax(ratio_bars) <= hi
        limits.append(chain.plot.axes[1].get_ylim())
    assert limits[0] == limits[1] == limits[2]


def test_magnetoconductance_strip_axis_holds_every_strip(magneto):
    lo, hi = magneto.plot.axes[1].get_ylim()
    T = magneto.state.data["T"]
    assert lo < T.min() and T.max() < hi
    magneto.controls["realization"].value = 7
    assert magneto.plot.axes[1].get_ylim() == (lo, hi)


def test_regimes_neighbours_are_prefetched_and_equal_a_direct_scan(regimes):
    from helpers.models.localization import length_scan

    regimes.controls["strength"].value = 1.5
    regimes.controls["W"].value = 3
    prefetch = regimes.state.prefetch
    assert prefetch is not None and prefetch.wait(timeout=120) and prefetch.error is None
    for key in ((2, 1.5), (4, 1.5), (3, 1.25), (3, 1.75)):
        assert key in regimes.state.scans, key
    prefetched = regimes.state.scans[(3, 1.75)]
    regimes.controls["strength"].value = 1.75        # a neighbour: shown from the cache
    assert regimes.state.scans[(3, 1.75)] is prefetched and regimes.error is None
    direct = length_scan(regimes.state.lengths, 40, energy=3.4, strength=1.75, W=3, bins=25)
    np.testing.assert_allclose(regimes.data("mean_lnT")[1], direct["mean_lnT"], rtol=1e-12)


def test_band_centre_reference_is_kappus_wegner_and_a_transfer_matrix_agrees(chain):
    """xi(eps = 0) = Gamma(1/4)^4/(16 pi^2) x 96/Wd^2 = 105.0/Wd^2 (Kappus-Wegner); an independent
    Lyapunov exponent from transfer matrices of long chains gives it at the band centre (and
    the perturbative formula away from it)."""
    from math import gamma, pi

    from helpers.models.localization import KAPPUS_WEGNER_RATIO, kappus_wegner_localization_length

    assert KAPPUS_WEGNER_RATIO == pytest.approx(gamma(0.25) ** 2 / (8 * gamma(0.75) ** 2), rel=1e-14)
    assert KAPPUS_WEGNER_RATIO == pytest.approx(gamma(0.25) ** 4 / (16 * pi**2), rel=1e-14)
    assert kappus_wegner_localization_length(1.0) == pytest.approx(105.045, abs=1e-3)
    rng = np.random.default_rng(2026)
    Wd, chains, sites = 1.0, 400, 20000
    for eps, expected in ((0.0, 105.045), (0.5, perturbative_localization_length(2.5, Wd))):
        a, b, logs = np.ones(chains), np.zeros(chains), np.zeros(chains)
        for i in range(sites):  # psi_{n+1} = (eps - V_n) psi_n - psi_{n-1}, hopping t = 1
            a, b = (eps - rng.uniform(-Wd / 2, Wd / 2, chains)) * a - b, a
            if i % 20 == 19:
                norm = np.abs(a) + np.abs(b)
                logs += np.log(norm)
                a, b = a / norm, b / norm
        xi = sites / logs.mean()
        error = xi * logs.std() / np.sqrt(chains) / logs.mean()
        assert abs(xi - expected) < 3 * error + 0.01 * expected, (eps, xi, error, expected)
    chain.controls["energy"].value = 2.0
    x, y = chain.data("kappus_wegner")
    np.testing.assert_allclose(y, KAPPUS_WEGNER_RATIO)
    texts = [t.get_text() for t in chain.plot.axes[1].get_legend().get_texts()]
    assert any("Kappus-Wegner" in text for text in texts)


def test_regimes_faded_points_are_where_one_strip_dominates_the_average(regimes):
    from helpers.explorers.localization import MEAN_DOMINATED

    regimes.controls["W"].value = 1
    regimes.controls["strength"].value = 2.0
    s = regimes.state.scans[(1, 2.0)]
    T = np.exp(s["lnT"])
    share = T.max(axis=1) / T.sum(axis=1)
    L_rough, _ = regimes.data("mean_T_rough")
    L_good, _ = regimes.data("mean_T")
    np.testing.assert_array_equal(L_rough, s["L"][share > MEAN_DOMINATED])
    np.testing.assert_array_equal(L_good, s["L"][share <= MEAN_DOMINATED])
    assert L_rough.size and L_good.size and L_rough.min() > L_good.min()  # deep, long wires
    assert "not converged" in regimes.data("title")
    assert "nearest of the 12 lengths" in regimes.controls["L"].description
