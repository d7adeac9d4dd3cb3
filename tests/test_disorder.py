"""Anderson disorder: the seed convention, batched ensembles, and the localization length."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import helpers
from helpers.disorder import (
    anderson_potential,
    fit_localization_length,
    log_transmission_ensemble,
    perturbative_localization_length,
    reference_seed,
)


def test_potential_follows_the_documented_convention():
    L, W, Wd, seed = 30, 4, 2.5, 1000 * 30 + 3
    V = anderson_potential(L, W, strength=Wd, rng=seed)
    d = np.random.default_rng(seed).uniform(-Wd / 2, Wd / 2, size=(L, W))
    assert V.shape == (L, W)
    assert np.array_equal(V, d)  # indexed [x, y]
    chain = anderson_potential(L, strength=Wd, rng=seed)
    assert np.array_equal(chain, np.random.default_rng(seed).uniform(-Wd / 2, Wd / 2, size=(L, 1))[:, 0])
    assert reference_seed(L, 3) == seed
    assert np.all(np.abs(V) <= Wd / 2)


@pytest.mark.parametrize("W, flux", [(None, 0.0), (3, 0.0), (3, 0.1)])
def test_batched_ensemble_equals_one_wire_at_a_time(W, flux):
    lengths, R, energy, Wd = [5, 17], 4, 1.3, 1.5
    lnT = log_transmission_ensemble(lengths, R, energy=energy, strength=Wd, W=W, flux=flux)
    for i, L in enumerate(lengths):
        for r in range(R):
            V = anderson_potential(L, W, strength=Wd, rng=reference_seed(L, r))
            assert abs(lnT[i, r] - helpers.log_transmission(V, energy, flux=flux)) < 1e-10


def test_zero_disorder_is_ballistic():
    lnT = log_transmission_ensemble([10, 50], 3, energy=1.0, strength=0.0, W=5)
    assert_allclose(np.exp(lnT), helpers.open_modes(1.0, 5), atol=1e-10)


def test_fit_recovers_an_exact_line():
    lengths = np.array([10.0, 20.0, 40.0])
    noise = np.array([[-0.1, 0.1], [-0.1, 0.1], [-0.1, 0.1]])
    log_T = 0.5 - 2 * lengths[:, None] / 25.0 + noise
    fit = fit_localization_length(lengths, log_T)
    assert abs(fit.xi - 25.0) < 1e-9 and abs(fit.intercept - 0.5) < 1e-9
    assert fit.xi_error > 0


def test_chain_localization_length_matches_perturbation_theory():
    """Thouless: xi = 24 (4 - (E-2)^2) / Wd^2 = 72 at E = 1, Wd = 1 (weak disorder)."""
    lengths = np.arange(200, 1201, 200)
    lnT = log_transmission_ensemble(lengths, 300, energy=1.0, strength=1.0)
    fit = fit_localization_length(lengths, lnT)
    expected = perturbative_localization_length(1.0, 1.0)
    assert expected == 72
    assert abs(fit.xi - expected) < 3 * fit.xi_error + 0.03 * expected


def test_band_centre_anomaly_makes_xi_larger_than_perturbation_theory():
    lengths = np.arange(300, 1501, 300)
    lnT = log_transmission_ensemble(lengths, 300, energy=2.0, strength=1.0)
    fit = fit_localization_length(lengths, lnT)
    # Kappus-Wegner: about 105 instead of 96 sites
    assert fit.xi - 3 * fit.xi_error > 96
    assert abs(fit.xi - 105) < 3 * fit.xi_error + 0.03 * 105


def test_log_T_variance_grows_like_its_mean_single_parameter_scaling():
    """Deep in the localized regime var(ln T) ~ -2 <ln T> (single-parameter scaling)."""
    lnT = log_transmission_ensemble([3000], 400, energy=1.0, strength=1.0)[0]
    ratio = lnT.var(ddof=1) / (-2 * lnT.mean())
    assert 0.75 < ratio < 1.3


def test_progress_is_reported_per_length():
    calls = []
    log_transmission_ensemble([3, 4, 5], 2, energy=1.0, strength=1.0, progress=lambda d, n: calls.append((d, n)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: anderson_potential(0, strength=1.0, rng=1), ValueError, "L"),
        (lambda: anderson_potential(5, strength=-1.0, rng=1), ValueError, "strength"),
        (lambda: anderson_potential(5, strength=1.0, rng="seed"), TypeError, "rng"),
        (lambda: log_transmission_ensemble([0, 5], 2, energy=1.0, strength=1.0), ValueError, "lengths"),
        (lambda: log_transmission_ensemble([5], 0, energy=1.0, strength=1.0), ValueError, "realizations"),
        (lambda: fit_localization_length([1, 2], np.zeros((3, 2))), ValueError, "log_T"),
        (lambda: fit_localization_length([1, 2], np.ones((2, 2))), ValueError, "decrease"),
    ],
)
def test_bad_input_names_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()
