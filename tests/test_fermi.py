"""Fermi function, thermal kernel and bias window: limits, identities, stability, bad input."""

import math
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.integrate import quad

from helpers.fermi import bias_window, fermi, fermi_derivative, logistic, thermal_kernel


def test_public_api_exports_fermi():
    import helpers

    assert helpers.fermi is fermi


def test_closed_form_values():
    assert_allclose(fermi(1.0, 0.0, 1.0), 1 / (math.e + 1), rtol=1e-15)
    assert_allclose(fermi(0.3, 0.3, 0.05), 0.5, rtol=0, atol=0)
    assert_allclose(thermal_kernel(0.0, 0.0, 0.1), 1 / (4 * 0.1), rtol=1e-15)
    x = 0.7
    assert_allclose(thermal_kernel(x, 0.0, 1.0), 1 / (4 * math.cosh(x / 2) ** 2), rtol=1e-14)


def test_zero_temperature_is_the_step_with_one_half_at_mu():
    E = np.array([-2.0, -1e-300, 0.0, 1e-300, 2.0])
    assert fermi(E, 0.0, 0.0).tolist() == [1.0, 1.0, 0.5, 0.0, 0.0]
    assert fermi(1.5, 1.5, 0) == 0.5


def test_low_temperature_limit_approaches_the_step():
    E = np.array([-0.1, 0.1])
    assert_allclose(fermi(E, 0.0, 1e-4), [1.0, 0.0], atol=1e-300)


def test_high_temperature_limit_is_one_half():
    assert_allclose(fermi(np.linspace(-1, 1, 5), 0.0, 1e12), 0.5, atol=1e-12)


@pytest.mark.parametrize("kT", [0.0, 1e-300, 1e-9, 0.01, 1.0, 1e3])
def test_particle_hole_symmetry(kT):
    x = np.linspace(0, 5, 41)
    mu = 0.37
    assert_allclose(fermi(mu + x, mu, kT) + fermi(mu - x, mu, kT), 1.0, rtol=0, atol=1e-15)


def test_broadcasting_of_E_and_mu():
    E = np.linspace(-1, 1, 7)[:, None]
    mu = np.array([-0.5, 0.0, 0.5])
    f = fermi(E, mu, 0.1)
    assert f.shape == (7, 3)
    assert_allclose(f[:, 1], fermi(E[:, 0], 0.0, 0.1))
    assert np.shape(fermi(np.zeros((2, 3, 4)), 0.0, 0.1)) == (2, 3, 4)
    assert isinstance(fermi(0.1, 0.0, 0.1), float)


@pytest.mark.parametrize("kT", [0.0, 5e-324, 1e-300, 1e-9, 1e-3, 1.0])
def test_no_floating_point_warning_far_from_mu(kT):
    E = np.array([-1e300, -100.0, -1e-12, 0.0, 1e-12, 100.0, 1e300])
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        f = fermi(E, 0.0, kT)
        window = bias_window(E, 0.5, -0.5, kT)
        if kT > 0:
            kernel = thermal_kernel(E, 0.0, kT)
            assert np.all(np.isfinite(kernel) | (kernel == np.inf))
            assert np.all(kernel >= 0)
    assert np.all((f >= 0) & (f <= 1)) and np.all(np.isfinite(f))
    assert f[0] == 1.0 and f[-1] == 0.0
    assert np.all(np.abs(window) <= 1)


def test_kernel_tail_is_accurate_not_flushed():
    # -df/dE = e^{-x}/(kT (1+e^{-x})^2) ~ e^{-x}/kT for large x: no loss of relative precision
    kT = 0.01
    assert_allclose(thermal_kernel(0.5, 0.0, kT), math.exp(-50) / kT / (1 + math.exp(-50)) ** 2, rtol=1e-13)
    assert_allclose(fermi(0.5, 0.0, kT), math.exp(-50) / (1 + math.exp(-50)), rtol=1e-13)


@pytest.mark.parametrize("kT", [1e-3, 0.05, 2.0])
def test_kernel_has_unit_area(kT):
    area, err = quad(lambda E: thermal_kernel(E, 0.2, kT), 0.2 - 60 * kT, 0.2 + 60 * kT, points=[0.2], epsabs=1e-14, epsrel=1e-13)
    assert_allclose(area, 1.0, rtol=1e-10)


@pytest.mark.parametrize("kT", [0.01, 0.3])
def test_derivative_matches_finite_differences(kT):
    E = np.linspace(-8 * kT, 8 * kT, 33)
    h = 1e-5 * kT
    numeric = (fermi(E + h, 0.0, kT) - fermi(E - h, 0.0, kT)) / (2 * h)
    assert_allclose(fermi_derivative(E, 0.0, kT), numeric, rtol=1e-7, atol=1e-9 / kT)
    assert_allclose(thermal_kernel(E, 0.0, kT), -numeric, rtol=1e-7, atol=1e-9 / kT)


def test_bias_window_limits():
    E = np.array([-1.0, 0.0, 0.5, 1.0, 2.0])
    assert bias_window(E, 1.0, 0.0, 0.0).tolist() == [0.0, 0.5, 1.0, 0.5, 0.0]
    assert bias_window(E, 0.0, 1.0, 0.0).tolist() == [0.0, -0.5, -1.0, -0.5, 0.0]
    assert_allclose(bias_window(E, 0.3, 0.3, 0.1), 0.0, atol=0)
    # its integral is mu_L - mu_R at any temperature (each Fermi function integrates to mu)
    area, _ = quad(lambda x: bias_window(x, 0.4, -0.1, 0.05), -5, 5, points=[-0.1, 0.4], epsabs=1e-13)
    assert_allclose(area, 0.5, rtol=1e-10)


def test_zero_temperature_kernel_is_refused_clearly():
    with pytest.raises(ValueError, match="kT must be > 0.*delta"):
        thermal_kernel(0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    "call, exc, name",
    [
        (lambda: fermi("1.0", 0.0, 0.1), TypeError, "E"),
        (lambda: fermi(1.0, "zero", 0.1), TypeError, "mu"),
        (lambda: fermi(1.0, 0.0, "hot"), TypeError, "kT"),
        (lambda: fermi(np.nan, 0.0, 0.1), ValueError, "E"),
        (lambda: fermi(1.0, np.nan, 0.1), ValueError, "mu"),
        (lambda: fermi(1.0, 0.0, np.nan), ValueError, "kT"),
        (lambda: fermi(1.0, 0.0, -0.1), ValueError, "kT"),
        (lambda: fermi(1.0, 0.0, np.array([0.1, 0.2])), ValueError, "kT"),
        (lambda: fermi(np.zeros(3), np.zeros(4), 0.1), ValueError, "E and mu"),
        (lambda: thermal_kernel(1.0, 0.0, -1.0), ValueError, "kT"),
        (lambda: bias_window(0.0, "a", 0.0, 0.1), TypeError, "mu_L"),
        (lambda: bias_window(0.0, 0.0, np.inf, 0.1), ValueError, "mu_R"),
        (lambda: fermi(1 + 2j, 0.0, 0.1), TypeError, "E"),
    ],
)
def test_bad_input_names_the_argument(call, exc, name):
    with pytest.raises(exc, match=rf"\b{name}\b"):
        call()


@pytest.mark.parametrize("kT", [1e-9, 0.01, 1.0])
def test_bias_window_keeps_precision_for_a_bias_far_below_kT(kT):
    # linear response: f_L - f_R = (mu_L - mu_R) (-df/dE) + O(bias^2)
    E = np.linspace(-5 * kT, 5 * kT, 21)
    bias = 1e-12 * kT
    assert_allclose(bias_window(E, bias / 2, -bias / 2, kT), bias * thermal_kernel(E, 0.0, kT), rtol=1e-9)
    assert_allclose(bias_window(E, -bias / 2, bias / 2, kT), -bias * thermal_kernel(E, 0.0, kT), rtol=1e-9)


def test_bias_window_equals_the_difference_of_fermi_functions():
    E = np.linspace(-1, 1, 41)[:, None]
    mu_L = np.array([-0.3, 0.0, 0.2, 0.5])
    assert_allclose(bias_window(E, mu_L, 0.1, 0.07), fermi(E, mu_L, 0.07) - fermi(E, 0.1, 0.07), rtol=1e-12, atol=1e-15)


def test_logistic_is_scipys_expit_without_warnings():
    """The numpy logistic that replaced scipy.special.expit: same values to a few ulp, the
    limits at +-inf, NaN kept, no overflow warning at |x| = 1e308 (subnormal results may differ
    in their last bits)."""
    from scipy.special import expit
    x = np.concatenate([np.linspace(-800, 800, 4001), [-1e308, 1e308, -745.2, 709.9, 0.0, 1e-300]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = logistic(x)
    assert_allclose(got, expit(x), rtol=4 * np.finfo(float).eps, atol=np.finfo(float).tiny)
    assert logistic(np.inf) == 1.0 and logistic(-np.inf) == 0.0 and logistic(0.0) == 0.5
    assert np.isnan(logistic(np.nan))
