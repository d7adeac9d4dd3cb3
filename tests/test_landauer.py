"""Landauer conductance and current against physics: limits, identities, independent integrals.

Expected values come from closed forms (Fermi functions, arctan of a Lorentzian) or from an
independent high-resolution integral (scipy.integrate.quad with break points at the features),
never from an earlier run of helpers.landauer.
"""

import math
import os
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy.integrate import quad

import helpers
from helpers.constants import G0
from helpers.fermi import bias_window, fermi, thermal_kernel
from helpers.landauer import conductance, current, current_ampere

RTOL = 1e-6  # the accuracy the docstrings promise


def lorentzian(E0, fwhm, height=1.0):
    """Breit-Wigner resonance T(E) = height (G/2)^2 / ((E - E0)^2 + (G/2)^2), vectorized."""
    g = fwhm / 2
    return lambda E: height * g**2 / ((np.asarray(E) - E0) ** 2 + g**2)


def staircase(thresholds):
    """T(E) = number of thresholds below E (a quantum-point-contact-like staircase)."""
    thresholds = np.asarray(thresholds, dtype=float)
    return lambda E: np.sum(np.asarray(E)[..., None] > thresholds, axis=-1).astype(float)


def reference_conductance(T, mu, kT, points=()):
    """Independent integral of T(E)(-df/dE) with scipy's QUADPACK, break points at features."""
    lo, hi = mu - 60 * kT, mu + 60 * kT
    pts = sorted({mu, *[p for p in points if lo < p < hi]})
    value, _ = quad(lambda E: float(T(np.array([E]))[0]) * thermal_kernel(E, mu, kT), lo, hi,
                    points=pts, limit=2000, epsabs=1e-16, epsrel=1e-13)
    return value


def reference_current(T, mu_L, mu_R, kT, points=()):
    lo, hi = min(mu_L, mu_R) - 60 * kT, max(mu_L, mu_R) + 60 * kT
    pts = sorted({mu_L, mu_R, *[p for p in points if lo < p < hi]})
    value, _ = quad(lambda E: float(T(np.array([E]))[0]) * bias_window(E, mu_L, mu_R, kT), lo, hi,
                    points=pts, limit=4000, epsabs=1e-16, epsrel=1e-13)
    return value


def test_public_api_exports():
    assert helpers.conductance is conductance
    assert helpers.current is current


# --- conductance: limits and identities ------------------------------------------------------

def test_zero_temperature_gives_T_at_mu_with_one_evaluation():
    T = lambda E: 0.25 + np.sin(E) ** 2
    G, info = conductance(T, 0.7, 0.0, return_info=True)
    assert G == pytest.approx(0.25 + math.sin(0.7) ** 2, rel=1e-15)
    assert info["n_evaluations"] == 1


@pytest.mark.parametrize("kT", [1e-3, 1e-5, 1e-9])
def test_low_temperature_limit_tends_to_T_at_mu(kT):
    T = lambda E: 0.25 + np.sin(E) ** 2
    # Sommerfeld: G = T(mu) + (pi^2/6) kT^2 T''(mu) + ...
    expected = 0.25 + math.sin(0.7) ** 2 + math.pi**2 / 6 * kT**2 * 2 * math.cos(1.4)
    assert_allclose(conductance(T, 0.7, kT), expected, rtol=1e-9)


@pytest.mark.parametrize("kT", [1e-6, 0.01, 0.5, 10.0])
def test_constant_transmission_gives_G_equal_T(kT):
    assert_allclose(conductance(lambda E: np.full_like(E, 3.0), -0.4, kT), 3.0, rtol=1e-12)


@pytest.mark.parametrize("mu, kT", [(0.3, 0.01), (-2.0, 0.2), (1.5, 1.0)])
def test_linear_transmission_gives_a_plus_b_mu(mu, kT):
    a, b = 1.3, -0.45
    assert_allclose(conductance(lambda E: a + b * E, mu, kT), a + b * mu, rtol=1e-12)


@pytest.mark.parametrize("E0", [0.3, 0.31, 0.3137, 0.2849, 0.5, 0.1, 0.3 + 1e-7])
@pytest.mark.parametrize("kT", [0.01, 1e-3])
def test_step_transmission_gives_fermi_at_the_step(E0, kT):
    # T = Theta(E - E0)  =>  G = integral_{E0}^{inf} (-df/dE) dE = f(E0)
    mu = 0.3
    G = conductance(lambda E: (E > E0).astype(float), mu, kT)
    expected = fermi(E0, mu, kT)
    assert abs(G - expected) <= RTOL * max(expected, 1e-300) or abs(G - expected) < 1e-15


def test_staircase_conductance_is_a_sum_of_fermi_functions():
    thresholds = [0.1234, 0.31, 0.3377, 0.52]
    for mu in np.linspace(0.0, 0.7, 15):
        G = conductance(staircase(thresholds), mu, 0.02)
        expected = sum(fermi(En, mu, 0.02) for En in thresholds)
        assert_allclose(G, expected, rtol=RTOL, atol=1e-12)


@pytest.mark.parametrize("offset", [0.0, 0.00037, -0.0123, 0.021, 0.05, -0.08])
def test_resonance_narrower_than_kT_is_not_missed(offset):
    mu, kT, fwhm = 0.3, 0.01, 1e-3
    E0 = mu + offset
    T = lorentzian(E0, fwhm)
    expected = reference_conductance(T, mu, kT, points=[E0])
    G, info = conductance(T, mu, kT, return_info=True)
    assert_allclose(G, expected, rtol=RTOL)
    assert info["converged"] and info["n_evaluations"] < 20_000


def test_resonance_much_narrower_than_the_first_sampling_is_found():
    # FWHM kT/1000, between the nodes of the first round: found through its Lorentzian tails.
    mu, kT = 0.0, 0.01
    E0, fwhm = 0.004321, 1e-5
    T = lorentzian(E0, fwhm)
    assert_allclose(conductance(T, mu, kT), reference_conductance(T, mu, kT, [E0]), rtol=RTOL)


def test_resonance_on_a_background_and_a_threshold():
    T_res, T_step = lorentzian(0.2033, 1e-3, 0.9), staircase([0.187])
    T = lambda E: T_res(E) + 0.5 * T_step(E)
    assert_allclose(conductance(T, 0.2, 0.01), reference_conductance(T, 0.2, 0.01, [0.2033, 0.187]), rtol=RTOL)


def test_conductance_matches_quad_for_a_smooth_transmission():
    T = lambda E: 1 / (1 + np.exp(-(E - 0.1) / 0.03)) + 0.2 * np.cos(5 * E)
    for kT in (0.005, 0.05, 0.3):
        assert_allclose(conductance(T, 0.12, kT), reference_conductance(T, 0.12, kT), rtol=RTOL)


# --- current -----------------------------------------------------------------------------------

@pytest.mark.parametrize("kT", [0.0, 1e-4, 0.01, 0.7])
@pytest.mark.parametrize("mu_L, mu_R", [(0.5, 0.2), (-1.0, 2.0), (0.0, 1e-6)])
def test_current_for_constant_transmission_is_T_times_bias(kT, mu_L, mu_R):
    assert_allclose(current(lambda E: np.full_like(E, 0.8), mu_L, mu_R, kT), 0.8 * (mu_L - mu_R), rtol=1e-10)


@pytest.mark.parametrize("kT", [0.0, 1e-3, 0.2])
def test_zero_bias_gives_zero_current(kT):
    assert current(lorentzian(0.1, 1e-3), 0.1, 0.1, kT) == 0.0


@pytest.mark.parametrize("kT", [0.005, 0.05])
def test_small_bias_current_over_bias_tends_to_conductance(kT):
    T = lambda E: 0.5 + 0.4 * np.tanh((E - 0.3) / 0.05)
    mu, dV = 0.31, 1e-6 * kT
    I = current(T, mu + dV / 2, mu - dV / 2, kT)
    assert_allclose(I / dV, conductance(T, mu, kT), rtol=1e-6)


@pytest.mark.parametrize("E0", [0.0123, 1.2345678, 2.5, 3.9876, 4.1])
def test_narrow_resonance_in_a_wide_zero_temperature_bias_window(E0):
    # integral_{mu_R}^{mu_L} (G/2)^2/((E-E0)^2+(G/2)^2) dE = (G/2)[atan((mu_L-E0)/(G/2)) - atan((mu_R-E0)/(G/2))]
    fwhm, mu_L, mu_R = 1e-3, 4.0, 0.0
    g = fwhm / 2
    expected = g * (math.atan((mu_L - E0) / g) - math.atan((mu_R - E0) / g))
    I, info = current(lorentzian(E0, fwhm), mu_L, mu_R, 0.0, return_info=True)
    assert_allclose(I, expected, rtol=RTOL)
    assert info["converged"]


@pytest.mark.parametrize("E0", [0.777, 2.34567, 3.9])
@pytest.mark.parametrize("kT", [1e-3, 0.01])
def test_narrow_resonance_in_a_wide_bias_window_at_small_temperature(E0, kT):
    T = lorentzian(E0, 1e-3)
    expected = reference_current(T, 4.0, 0.0, kT, points=[E0])
    assert_allclose(current(T, 4.0, 0.0, kT), expected, rtol=RTOL)


def test_current_through_a_staircase_at_zero_temperature_is_piecewise_linear():
    thresholds = [0.25, 1.1, 1.9013]
    mu_L, mu_R = 2.5, 0.0
    expected = sum(mu_L - En for En in thresholds)
    assert_allclose(current(staircase(thresholds), mu_L, mu_R, 0.0), expected, rtol=RTOL)
    assert_allclose(current(staircase(thresholds), mu_R, mu_L, 0.0), -expected, rtol=RTOL)


def test_current_through_a_staircase_at_finite_temperature():
    thresholds = [0.25, 1.1, 1.9013]
    T = staircase(thresholds)
    assert_allclose(current(T, 2.0, 0.3, 0.03), reference_current(T, 2.0, 0.3, 0.03, thresholds), rtol=RTOL)


def test_current_in_ampere_for_energies_in_eV():
    # T = 1 at a bias of 1 mV: I = G0 x 1 mV = 77.48 nA
    I = current_ampere(lambda E: np.ones_like(E), 0.001, 0.0, 0.0)
    assert_allclose(I, 7.748091729e-8, rtol=1e-9)
    assert_allclose(I, G0 * 1e-3, rtol=1e-12)


# --- callables ---------------------------------------------------------------------------------

def test_scalar_only_callables_are_accepted():
    def T_scalar(E):
        if E < 0.3:  # fails on arrays: "truth value of an array is ambiguous"
            return 0.2
        return 0.2 + math.exp(-((E - 0.3) ** 2) / 0.001)

    T_vector = lambda E: 0.2 + np.where(E < 0.3, 0.0, np.exp(-((E - 0.3) ** 2) / 0.001))
    G, info = conductance(T_scalar, 0.3, 0.01, return_info=True)
    assert not info["vectorized"]
    assert_allclose(G, conductance(T_vector, 0.3, 0.01), rtol=1e-12)
    assert_allclose(conductance(T_scalar, 0.2, 0.0), 0.2)
    assert_allclose(current(lambda E: math.cos(E) ** 2, 1.0, 0.0, 0.0), 0.5 + math.sin(2) / 4, rtol=1e-10)
    assert_allclose(current(lambda E: 0.5, 1.0, 0.0, 0.01), 0.5, rtol=1e-12)  # constant, no E


def test_vectorized_callables_get_one_call_per_refinement_round():
    calls = []

    def T(E):
        calls.append(np.shape(E))
        return lorentzian(0.3021, 1e-3)(E)

    G, info = conductance(T, 0.3, 0.01, return_info=True)
    assert all(len(shape) == 1 for shape in calls)
    assert info["n_calls"] == len(calls) and info["vectorized"]
    assert sum(s[0] for s in calls) == info["n_evaluations"]


def test_no_warnings_at_tiny_temperature():
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        G = conductance(staircase([0.5]), 0.5 + 1e-9, 1e-9)
        I = current(staircase([0.5]), 1.0, 0.0, 1e-9)
    assert_allclose(G, fermi(0.5, 0.5 + 1e-9, 1e-9), rtol=RTOL)
    assert_allclose(I, 0.5, rtol=RTOL)


# --- property tests ----------------------------------------------------------------------------

transmissions = st.builds(
    lambda E0, fwhm, height, step, bg: (
        lambda E: bg + height * lorentzian(E0, fwhm)(E) + (1 - bg - height) * (np.asarray(E) > step)
    ),
    E0=st.floats(-0.2, 0.2), fwhm=st.floats(1e-3, 0.1), height=st.floats(0.0, 0.5),
    step=st.floats(-0.2, 0.2), bg=st.floats(0.0, 0.5),
)


@settings(max_examples=int(os.environ.get("LANDAUER_HYPOTHESIS_EXAMPLES", 30)), deadline=None)
@given(T=transmissions, mu_L=st.floats(-0.3, 0.3), mu_R=st.floats(-0.3, 0.3), kT=st.sampled_from([0.0, 1e-3, 0.02]))
def test_current_is_antisymmetric_and_bounded_by_the_bias(T, mu_L, mu_R, kT):
    forward, backward = current(T, mu_L, mu_R, kT), current(T, mu_R, mu_L, kT)
    assert forward == pytest.approx(-backward, rel=2e-6, abs=1e-15)
    # 0 <= T <= 1 here, so |I| <= |mu_L - mu_R| and I has the sign of the bias
    assert abs(forward) <= abs(mu_L - mu_R) * (1 + 1e-9) + 1e-15
    assert forward * (mu_L - mu_R) >= -1e-15


@settings(max_examples=int(os.environ.get("LANDAUER_HYPOTHESIS_EXAMPLES", 30)), deadline=None)
@given(T=transmissions, mu=st.floats(-0.3, 0.3), kT=st.sampled_from([0.0, 1e-3, 0.02, 0.2]))
def test_conductance_lies_between_min_and_max_of_T(T, mu, kT):
    G = conductance(T, mu, kT)
    assert -1e-12 <= G <= 1 + 1e-9


# --- bad input ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "call, exc, name",
    [
        (lambda: conductance(1.0, 0.0, 0.01), TypeError, "transmission_fn"),
        (lambda: conductance([0.5, 0.5], 0.0, 0.01), TypeError, "transmission_fn"),
        (lambda: current(None, 1.0, 0.0, 0.01), TypeError, "transmission_fn"),
        (lambda: conductance(np.cos, "0.1", 0.01), TypeError, "mu"),
        (lambda: conductance(np.cos, np.nan, 0.01), ValueError, "mu"),
        (lambda: conductance(np.cos, 0.1, -0.01), ValueError, "kT"),
        (lambda: conductance(np.cos, 0.1, "warm"), TypeError, "kT"),
        (lambda: current(np.cos, "1", 0.0, 0.01), TypeError, "mu_L"),
        (lambda: current(np.cos, 1.0, np.inf, 0.01), ValueError, "mu_R"),
        (lambda: current(np.cos, 1.0, 0.0, np.nan), ValueError, "kT"),
        (lambda: conductance(lambda E: np.full_like(E, np.nan), 0.0, 0.01), ValueError, "transmission_fn"),
        (lambda: conductance(lambda E: np.full(E.shape, "x"), 0.0, 0.01), TypeError, "transmission_fn"),
        (lambda: conductance(np.cos, 0.0, 0.01, resolution=0.0), ValueError, "resolution"),
    ],
)
def test_bad_input_names_the_argument(call, exc, name):
    with pytest.raises(exc, match=rf"\b{name}\b"):
        call()


@pytest.mark.parametrize("kT", [1e-3, 0.02])
def test_tiny_bias_current_is_linear_response(kT):
    # I = (mu_L - mu_R) G + O(bias^3) for a bias far below kT: no cancellation, no warning
    T = lambda E: 0.3 + 0.5 * (E > 0.01)
    bias = 1e-19
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        I, info = current(T, bias, 0.0, kT, return_info=True)
    assert_allclose(I, bias * (0.3 + 0.5 * fermi(0.01, 0.0, kT)), rtol=RTOL)
    assert info["n_evaluations"] < 10_000


def _trigamma(z, terms=40):
    """psi'(z) for complex z, Re z > 0: recurrence up to z + terms, then the asymptotic series."""
    head = sum(1 / (z + n) ** 2 for n in range(terms))
    w = z + terms
    return head + 1 / w + 1 / (2 * w**2) + 1 / (6 * w**3) - 1 / (30 * w**5) + 1 / (42 * w**7) - 1 / (30 * w**9)


def lorentzian_conductance(E0, half_width, mu, kT):
    """Closed form of the thermally broadened Breit-Wigner resonance (peak 1, HWHM g):

    integral of g^2/((E-E0)^2+g^2) (-df/dE) dE = g/(2 pi kT) Re psi'(1/2 + (g - i(E0 - mu))/(2 pi kT)),
    from the Matsubara expansion of -df/dE; it tends to T(mu) for kT -> 0 and to pi g/(4 kT)
    for kT >> g, |E0 - mu|.
    """
    z = 0.5 + (half_width - 1j * (E0 - mu)) / (2 * math.pi * kT)
    return half_width / (2 * math.pi * kT) * _trigamma(z).real


def test_trigamma_helper_against_known_values():
    assert_allclose(_trigamma(1.0), math.pi**2 / 6, rtol=1e-14)
    assert_allclose(_trigamma(0.5), math.pi**2 / 2, rtol=1e-14)


@pytest.mark.parametrize("fwhm", [1e-5, 1e-3, 0.1])
@pytest.mark.parametrize("offset", [0.0, 0.0007, -0.013, 0.04, -0.11])
def test_resonance_against_the_closed_form_of_its_thermal_broadening(fwhm, offset):
    mu, kT = 0.3, 0.01
    E0 = mu + offset
    expected = lorentzian_conductance(E0, fwhm / 2, mu, kT)
    assert_allclose(conductance(lorentzian(E0, fwhm), mu, kT), expected, rtol=RTOL)


@pytest.mark.parametrize(
    "T",
    [
        lambda E: np.exp(1j * E),             # complex
        lambda E: "0.5" if np.ndim(E) == 0 else None,  # strings
        lambda E: np.ones((np.size(E), 2)),   # two values per energy
    ],
)
def test_transmissions_that_are_not_real_numbers_are_refused(T):
    with pytest.raises(TypeError, match="transmission_fn"):
        conductance(T, 0.0, 0.01)
