"""Shot noise (helpers/models/noise.py): the binomial partition argument, the limits of the
thermal/shot crossover, the Fano factor 1/3 of a diffusive wire and F -> 0 on QPC plateaus."""

import numpy as np
import pytest
from scipy import constants as sc
from scipy.integrate import quad

from helpers.models import noise
from helpers.models.qpc import constriction_subbands
from helpers.models.smatrix_stats import bimodal_density, transmission_eigenvalue_ensemble

G0 = 2 * sc.e**2 / sc.h
EIGENVALUES = np.array([1.0, 0.93, 0.5, 0.12, 0.0])


# --- partition noise ------------------------------------------------------------------------------

@pytest.mark.parametrize("T", [0.0, 0.1, 0.5, 0.8, 1.0])
def test_binomial_counts_have_the_partition_variance(T):
    attempts, samples = 200, 20000
    counts = noise.partition_counts(T, attempts, samples, rng=5)
    expected = attempts * T * (1 - T)
    assert noise.partition_variance(T) == pytest.approx(T * (1 - T), abs=1e-15)
    # sample variance of `samples` draws: relative standard error sqrt(2/samples) ~ 1 %
    assert np.var(counts, ddof=1) == pytest.approx(expected, rel=0.05, abs=1e-12)
    assert np.mean(counts) == pytest.approx(attempts * T, rel=0.01, abs=1e-12)


def test_full_and_empty_channels_are_noiseless():
    assert noise.partition_variance(np.array([0.0, 1.0])).tolist() == [0.0, 0.0]
    assert np.var(noise.partition_counts(1.0, 50, 100, rng=1)) == 0


# --- thermal and shot noise -----------------------------------------------------------------------

def test_zero_bias_is_johnson_nyquist():
    for theta in (0.1, 1.0, 4.2):
        G = G0 * EIGENVALUES.sum()
        assert noise.current_noise(EIGENVALUES, 0.0, theta) == pytest.approx(4 * sc.k * theta * G, rel=1e-12)


def test_zero_temperature_is_2eIF():
    V = np.array([-3e-4, 1e-5, 2e-4])
    T = EIGENVALUES
    I = G0 * T.sum() * V
    F = np.sum(T * (1 - T)) / np.sum(T)
    assert np.allclose(noise.current_noise(T, V, 0.0), 2 * sc.e * np.abs(I) * F, rtol=1e-12)
    assert np.allclose(noise.current(T, V), I, rtol=1e-12)


def test_large_bias_line_and_small_bias_expansion():
    T, theta = EIGENVALUES, 1.0
    kT = sc.k * theta
    G = G0 * T.sum()
    F = np.sum(T * (1 - T)) / np.sum(T)
    V = 60 * kT / sc.e  # eV = 60 kT: coth = 1 to 1e-50
    assert noise.current_noise(T, V, theta) == pytest.approx(2 * sc.e * G * V * F + 4 * kT * G * (1 - F), rel=1e-12)
    # eV << kT: x coth(x/2kT) = 2kT (1 + (eV/2kT)^2/3 + ...), the excess noise is quadratic in V
    V = 1e-3 * kT / sc.e
    u = sc.e * V / (2 * kT)
    expected = 4 * kT * G + 2 * G0 * np.sum(T * (1 - T)) * 2 * kT * u**2 / 3
    assert noise.current_noise(T, V, theta) == pytest.approx(expected, rel=1e-9)


def test_noise_is_even_in_bias_and_grows_with_it():
    V = np.linspace(0, 1e-3, 50)
    S = noise.current_noise(EIGENVALUES, V, 2.0)
    assert np.all(np.diff(S) > 0)
    assert np.allclose(noise.current_noise(EIGENVALUES, -V, 2.0), S, rtol=1e-14)


def test_single_open_channel_has_only_thermal_noise():
    S = noise.current_noise([1.0], np.linspace(0, 1e-3, 5), 1.0)
    assert np.allclose(S, 4 * sc.k * 1.0 * G0, rtol=1e-12)


def test_noise_curve_lines_are_consistent():
    c = noise.noise_curve(EIGENVALUES, np.linspace(-1e-3, 1e-3, 21), 0.5)
    assert np.allclose(c["shot"], c["poisson"] * c["F"])
    assert np.all(c["S"] >= c["thermal"] - 1e-40) and np.all(c["S"] >= c["shot"])
    I, S = noise.noise_measurement(EIGENVALUES, c["V"], 0.5, scatter=0.0)
    assert np.allclose(S, c["S"]) and np.allclose(I, c["I"])


# --- ensembles and the QPC ------------------------------------------------------------------------

def test_bimodal_law_gives_one_third():
    g, L_over_l = 4.0, 30.0
    T_min = 1 / np.cosh(L_over_l) ** 2
    rho = lambda T: bimodal_density(T, g, T_min=T_min)
    current = quad(lambda T: T * rho(T), T_min, 1, limit=200)[0]
    shot = quad(lambda T: T * (1 - T) * rho(T), T_min, 1, limit=200)[0]
    assert shot / current == pytest.approx(1 / 3, rel=1e-6)


def test_diffusive_wire_has_fano_one_third_within_the_error_bar():
    ens = transmission_eigenvalue_ensemble(60, 20, 1.5, 2.0, 60)
    g, s = ens.sum(axis=1), np.sum(ens * (1 - ens), axis=1)
    F = s.sum() / g.sum()
    assert 1 < g.mean() < ens.shape[1] / 2  # diffusive, not localized or ballistic
    error = noise.fano_factor_error(ens)
    assert abs(F - 1 / 3) < 3 * error
    assert F == pytest.approx(noise.fano_factor(ens), rel=1e-12)


def test_fano_error_matches_the_scatter_of_independent_ensembles():
    # F of 40 independent ensembles of 25 random conductors: their spread is the standard error
    rng = np.random.default_rng(7)
    draws = [rng.beta(0.5, 0.5, size=(25, 6)) for _ in range(40)]
    spread = np.std([noise.fano_factor(d) for d in draws], ddof=1)
    predicted = np.mean([noise.fano_factor_error(d) for d in draws])
    assert predicted == pytest.approx(spread, rel=0.3)


@pytest.fixture(scope="module")
def qpc():
    return noise.qpc_noise_curve(np.linspace(-1.0, -0.2, 81), 1.0, 25)


def test_qpc_is_noiseless_on_its_plateaus(qpc):
    # plateau centres halfway between the steps Vg_n = lambda_n - E_F
    steps = constriction_subbands(25)[:4] - 1.0
    for p, Vg in enumerate(0.5 * (steps[:-1] + steps[1:]), start=1):
        i = np.argmin(np.abs(qpc["Vg"] - Vg))
        assert abs(qpc["G"][i] - p) < 0.01 and qpc["F"][i] < 0.01


def test_qpc_noise_peaks_between_plateaus(qpc):
    # between plateau p and p + 1: F = T(1 - T)/(p + T), at most 3 - 2 sqrt(2) for p = 1
    between = (qpc["G"] > 1.05) & (qpc["G"] < 1.95)
    assert np.any(between)
    assert qpc["F"][between].max() <= 3 - 2 * np.sqrt(2) + 0.01
    closed = qpc["G"] < 1e-3
    assert np.all(qpc["F"][closed] > 0.99)  # tunnelling: Poisson noise
    Tn = qpc["Tn"]
    assert np.allclose(qpc["F"], np.sum(Tn * (1 - Tn), 1) / np.sum(Tn, 1))


def test_qpc_eigenvalues_match_the_conductance_sweep():
    from helpers.models.qpc import gate_sweep
    Vg = np.array([-0.84, -0.56, -0.3])
    assert np.allclose(noise.qpc_eigenvalues(Vg, 1.0, 25).sum(axis=1), gate_sweep(Vg, 1.0, 25), atol=1e-8)


@pytest.mark.parametrize("call, words", [
    (lambda: noise.current_noise([0.5, 1.2], 0.0, 1.0), "eigenvalues must lie in [0, 1]"),
    (lambda: noise.current_noise([0.5], 0.0, -1.0), "temperature must be >= 0"),
    (lambda: noise.partition_counts(0.5, 0, 3), "attempts"),
    (lambda: noise.qpc_eigenvalues([-0.5], 1.0, 25, profile="round"), "profile"),
])
def test_bad_inputs_name_the_argument(call, words):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert words in str(info.value)
