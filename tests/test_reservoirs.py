"""helpers.models.reservoirs against physics: closed forms, identities, and an independent integrator.

Expected values come from helpers.landauer.current (a different quadrature, one temperature),
closed forms of Fermi integrals (kT ln(1 + e^x)), the exact Sommerfeld result for a linear T(E),
and detailed-balance / symmetry identities; never from an earlier run of this module.
"""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from helpers.landauer import conductance, current
from helpers.negf import breit_wigner
from helpers.models.reservoirs import (MODEL_KINDS, band_transmission, iv_curve, linear_response,
                                model_transmission, reservoir_scene, resonance_transmission,
                                step_transmission, two_temperature_current)


def softplus_integral(E, mu, kT):
    """Closed form of the integral of f(E'; mu, kT) from E to +infinity: kT ln(1 + e^((mu-E)/kT))."""
    if kT == 0:
        return max(mu - E, 0.0)
    return kT * np.logaddexp(0.0, (mu - E) / kT)


# --- model transmissions ---------------------------------------------------------------------

def test_step_sharp_and_smooth():
    assert step_transmission([-1, 0.2, 0.5, 3], 0.5).tolist() == [0, 0, 0.5, 1]
    w = 0.05
    E = np.linspace(-1, 1, 11)
    assert_allclose(step_transmission(E, 0.1, width=w), 1 / (1 + np.exp(-(E - 0.1) / w)), rtol=1e-14)
    assert step_transmission(0.1, 0.1, width=w) == 0.5
    # no overflow far from the threshold with a tiny width
    with np.errstate(all="raise"):
        assert_allclose(step_transmission([-100, 100], 0.0, width=1e-12), [0, 1])


def test_resonance_is_breit_wigner_with_unit_peak_for_symmetric_coupling():
    E = np.linspace(-1, 1, 201)
    assert_allclose(resonance_transmission(E, 0.2, gamma_left=0.03, gamma_right=0.07),
                    breit_wigner(E, 0.2, 0.03, 0.07), rtol=1e-14)
    assert resonance_transmission(0.2, 0.2, gamma_left=0.05, gamma_right=0.05) == pytest.approx(1.0)
    # half maximum at level +- FWHM/2, FWHM = Gamma_L + Gamma_R
    assert resonance_transmission(0.25, 0.2, gamma_left=0.05, gamma_right=0.05) == pytest.approx(0.5)


def test_band_edges_and_inside():
    assert band_transmission([-1, -0.25, 0, 0.25, 1], -0.25, 0.25).tolist() == [0, 0.5, 1, 0.5, 0]


@pytest.mark.parametrize("bad, match", [
    (lambda: band_transmission(0, 1, 0), "E1"),
    (lambda: step_transmission(0, 0, width=-1), "width"),
    (lambda: resonance_transmission(0, 0, gamma_left=0), "gamma_left"),
    (lambda: model_transmission("wire"), "kind"),
    (lambda: step_transmission("x"), "energy"),
    (lambda: two_temperature_current(lambda E: 1, 0, 0, -1, 0.1), "kT_L"),
    (lambda: iv_curve(lambda E: E, [0.1], 0.0, 0.1), "kT_L"),
])
def test_bad_input_names_the_argument(bad, match):
    with pytest.raises((ValueError, TypeError), match=match):
        bad()


@pytest.mark.parametrize("kind", list(MODEL_KINDS))
def test_models_are_vectorized_and_describe_themselves(kind):
    model = model_transmission(kind, 0.1)
    E = np.linspace(-1, 1, 7)
    assert model(E).shape == E.shape
    assert all(-1 < p < 1 for p in model.points)
    assert model.description


# --- two_temperature_current: identities and independent values ------------------------------

@pytest.mark.parametrize("kind", list(MODEL_KINDS))
@pytest.mark.parametrize("mu_L, mu_R, kT", [(0.2, -0.1, 0.02), (-0.05, 0.3, 0.1), (0.3, 0.0, 0.0)])
def test_equal_temperatures_agree_with_landauer_current(kind, mu_L, mu_R, kT):
    model = model_transmission(kind, 0.1)
    expected = current(model, mu_L, mu_R, kT, points=model.points)
    assert two_temperature_current(model, mu_L, mu_R, kT, kT) == pytest.approx(expected, rel=1e-7, abs=1e-12)


@pytest.mark.parametrize("kind", list(MODEL_KINDS))
@pytest.mark.parametrize("kT", [0.0, 0.01, 0.3])
def test_no_current_in_equilibrium_however_hot(kind, kT):
    # detailed balance: same mu and same T on both sides -> f_L = f_R at every energy
    model = model_transmission(kind, 0.05)
    assert two_temperature_current(model, 0.1, 0.1, kT, kT) == 0.0
    assert iv_curve(model, [0.0], kT or 0.01, kT or 0.01, mu=0.1)[0] == pytest.approx(0, abs=1e-15)


@pytest.mark.parametrize("kind", list(MODEL_KINDS))
def test_swapping_the_reservoirs_reverses_the_current(kind):
    model = model_transmission(kind, 0.1)
    forward = two_temperature_current(model, 0.15, -0.05, 0.08, 0.01)
    backward = two_temperature_current(model, -0.05, 0.15, 0.01, 0.08)
    assert forward != 0
    assert backward == pytest.approx(-forward, rel=1e-9)


@pytest.mark.parametrize("kT_L, kT_R", [(0.1, 0.01), (0.0, 0.05), (0.2, 0.2)])
def test_constant_transmission_carries_the_bias(kT_L, kT_R):
    # the Fermi window integrates to mu_L - mu_R whatever the two temperatures
    assert two_temperature_current(lambda E: 0.7, 0.25, -0.05, kT_L, kT_R) == pytest.approx(0.7 * 0.3, rel=1e-9)


@pytest.mark.parametrize("kT_L, kT_R", [(0.1, 0.01), (0.0, 0.05), (0.03, 0.0), (0.05, 0.05)])
def test_band_and_sharp_step_against_closed_forms(kT_L, kT_R):
    mu_L, mu_R, E1, E2 = 0.12, -0.07, -0.1, 0.3
    F = softplus_integral
    band = (F(E1, mu_L, kT_L) - F(E2, mu_L, kT_L)) - (F(E1, mu_R, kT_R) - F(E2, mu_R, kT_R))
    got = two_temperature_current(lambda E: band_transmission(E, E1, E2), mu_L, mu_R, kT_L, kT_R,
                                  points=[E1, E2])
    assert got == pytest.approx(band, rel=1e-8)
    step = F(E1, mu_L, kT_L) - F(E1, mu_R, kT_R)
    got = two_temperature_current(lambda E: step_transmission(E, E1), mu_L, mu_R, kT_L, kT_R, points=[E1])
    assert got == pytest.approx(step, rel=1e-8)


@pytest.mark.parametrize("slope", [0.8, -0.5])
def test_linear_transmission_gives_the_exact_thermoelectric_current(slope):
    # T = a + b (E - mu): integral (E - mu)(f(kT) - theta) dE = pi^2 kT^2 / 6 per reservoir
    mu, kT_L, kT_R = 0.3, 0.06, 0.02
    T = lambda E: 1.0 + slope * (E - mu)
    expected = math.pi**2 / 6 * slope * (kT_L**2 - kT_R**2)
    assert two_temperature_current(T, mu, mu, kT_L, kT_R) == pytest.approx(expected, rel=1e-8)


@pytest.mark.parametrize("level, sign", [(0.25, +1), (-0.25, -1)])
def test_mott_sign_rule_for_a_resonance(level, sign):
    # small temperature difference at equal mu, Sommerfeld expansion:
    # I = (pi^2/6) T1 (kT_L^2 - kT_R^2) + (7 pi^4/360) T3 (kT_L^4 - kT_R^4) + ...
    # with T1, T3 the first and third derivatives of T at mu (finite differences here)
    g = 0.1
    T = lambda E: resonance_transmission(E, level, gamma_left=g, gamma_right=g)
    d1 = (T(1e-4) - T(-1e-4)) / 2e-4
    d3 = (T(2e-3) - 2 * T(1e-3) + 2 * T(-1e-3) - T(-2e-3)) / (2 * 1e-9)
    assert np.sign(d1) == sign
    for kT, terms, rel in [(0.002, 1, 3e-3), (0.01, 2, 3e-3)]:
        kL, kR = kT * 1.05, kT * 0.95
        I = two_temperature_current(T, 0.0, 0.0, kL, kR)
        sommerfeld = math.pi**2 / 6 * d1 * (kL**2 - kR**2)
        if terms == 2:
            sommerfeld += 7 * math.pi**4 / 360 * d3 * (kL**4 - kR**4)
        assert np.sign(I) == sign  # electrons go from hot to cold where T rises with energy
        assert I == pytest.approx(sommerfeld, rel=rel)


# --- grid methods against the adaptive one ----------------------------------------------------

@pytest.mark.parametrize("kind, rel", [("step", 1e-6), ("resonance", 1e-6), ("band", 1e-4)])
@pytest.mark.parametrize("kT_L, kT_R", [(0.02, 0.02), (0.1, 0.005)])
def test_iv_curve_matches_two_temperature_current(kind, rel, kT_L, kT_R):
    model = model_transmission(kind, 0.1)
    biases = np.array([-0.7, -0.1, 0.0, 0.05, 0.4, 1.0])
    got = iv_curve(model, biases, kT_L, kT_R, mu=0.02)
    expected = [two_temperature_current(model, 0.02 + V / 2, 0.02 - V / 2, kT_L, kT_R) for V in biases]
    assert_allclose(got, expected, rtol=rel, atol=1e-9)


@pytest.mark.parametrize("kind", list(MODEL_KINDS))
def test_linear_response(kind):
    model = model_transmission(kind, 0.08)
    I0, G = linear_response(model, 0.03, 0.03)
    assert I0 == pytest.approx(0, abs=1e-14)
    assert G == pytest.approx(conductance(model, 0.0, 0.03, points=model.points), rel=2e-4)
    # different temperatures: G is the mean of the two conductances, I0 the thermocurrent
    I0, G = linear_response(model, 0.05, 0.01)
    Gs = [conductance(model, 0.0, kT, points=model.points) for kT in (0.05, 0.01)]
    assert G == pytest.approx(np.mean(Gs), rel=2e-4)
    assert I0 == pytest.approx(two_temperature_current(model, 0, 0, 0.05, 0.01), rel=2e-4, abs=1e-10)
    # and the slope of the I-V curve at V = 0
    h = 1e-4
    Ipm = iv_curve(model, [-h, h], 0.05, 0.01)
    assert (Ipm[1] - Ipm[0]) / (2 * h) == pytest.approx(G, rel=1e-4)


def test_band_current_saturates_at_its_width():
    # once the window covers the whole band, I = (E2 - E1) in units of 2e t/h
    model = model_transmission("band", 0.0, width=0.4)
    assert iv_curve(model, [1.5], 0.005, 0.005)[0] == pytest.approx(0.4, rel=1e-6)


def test_scene_is_consistent():
    s = reservoir_scene("resonance", 0.4, 0.02, 0.05, 0.1)
    assert_allclose(s["window"], s["f_L"] - s["f_R"])
    assert_allclose(s["integrand"], s["T"] * s["window"])
    assert s["current"] == pytest.approx(two_temperature_current(s["model"], 0.2, -0.2, 0.02, 0.05), rel=1e-6)
    assert s["biases"].shape == s["currents"].shape
    assert s["biases"][0] == -1 and s["biases"][-1] == 1


def test_a_plain_function_with_jumps_is_integrated_across_them():
    """A bare callable says nothing about where T jumps: the grid finds the jumps itself. Before,
    the trapezoid across an unnoticed jump erred by about half a grid spacing times the jump
    (4 % for this thermocurrent); now only the grid's O(h^2) error is left."""
    from scipy.special import expit

    from helpers.models.reservoirs import linear_response, step_transmission, two_temperature_current

    step = lambda E: step_transmission(E, 0.05)
    I0, _ = linear_response(step, 0.04, 0.02)
    reference = two_temperature_current(step, 0.0, 0.0, 0.04, 0.02, points=[0.05])
    assert I0 == pytest.approx(reference, rel=1e-3)
    two_steps = lambda E: 0.7 * step_transmission(E, 0.05) + 0.3 * step_transmission(E, -0.1)
    _, G = linear_response(two_steps, 0.03, 0.03)
    # G/G0 of steps: T_n f(E_n - mu), exactly
    assert G == pytest.approx(0.7 * expit(-0.05 / 0.03) + 0.3 * expit(0.1 / 0.03), rel=1e-3)
