"""Lesson-2 exercises: expected values against independent physics and every Mistake hint.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

import math
from pathlib import Path

import numpy as np
import pytest
from scipy.integrate import quad

from helpers.checks import evaluate, get_exercise
from helpers.constants import CURRENT_UNIT_A_PER_EV, G0, K_B_EV_PER_K
from helpers.exercises import reservoirs as ex
from helpers.fermi import fermi

ROOT = Path(__file__).resolve().parents[1]
IDS = ["resonance-current", "linear-response-conductance", "fermi-window-integral",
       "thermocurrent-sign", "fermi-function"]


def test_ids_registered():
    for exercise_id in IDS:
        assert get_exercise(exercise_id).points > 0


def test_resonance_current_against_an_independent_integral():
    # Lorentzian with Gamma_L = Gamma_R = g: T = g^2 / ((E - e0)^2 + g^2), integrated by QUADPACK
    P = ex.PARAMETERS
    g, e0, V, kT = P.gamma_meV * 1e-3, P.level_meV * 1e-3, P.bias_mV * 1e-3, K_B_EV_PER_K * P.temp_level_K
    T = lambda E: g**2 / ((E - e0) ** 2 + g**2)
    win = lambda E: 1 / (1 + math.exp(min((E - V / 2) / kT, 700))) - 1 / (1 + math.exp(min((E + V / 2) / kT, 700)))
    integral = quad(lambda E: T(E) * win(E), -V / 2 - 40 * kT, V / 2 + 40 * kT, points=[e0, -V / 2, V / 2],
                    limit=500, epsabs=1e-16)[0]
    expected_nA = integral * CURRENT_UNIT_A_PER_EV * 1e9
    assert get_exercise("resonance-current").expected_value == pytest.approx(expected_nA, rel=1e-6)
    # and it is just below the full area of the resonance, pi g (in eV), times G0 x 1 V
    assert 0.9 < expected_nA / (math.pi * g * G0 * 1e9) < 1


def test_linear_conductance_is_G0_times_a_fermi_function():
    P = ex.PARAMETERS
    kT = K_B_EV_PER_K * P.temp_channel_K
    expected = G0 * 1e6 / (1 + math.exp(P.threshold_meV * 1e-3 / kT))
    assert get_exercise("linear-response-conductance").expected_value == pytest.approx(expected, rel=1e-6)


def test_window_integral_is_the_bias():
    P = ex.PARAMETERS
    assert get_exercise("fermi-window-integral").expected_value == pytest.approx(P.mu_L - P.mu_R, rel=1e-9)


def test_thermocurrent_flows_from_hot_to_cold_through_a_rising_T():
    # Sommerfeld/Mott: sign of I = sign of T'(mu) (kT_L^2 - kT_R^2) > 0: left to right
    assert evaluate("thermocurrent-sign", "left to right").correct
    assert evaluate("thermocurrent-sign", "Left to right ").correct
    for wrong in ("right to left", "no current"):
        result = evaluate("thermocurrent-sign", wrong)
        assert result.status == "wrong" and result.message


def test_fermi_function_exercise():
    naive_numpy = lambda E, mu, kT: 1 / (np.exp((E - mu) / kT) + 1)
    naive_math = lambda E, mu, kT: 1 / (math.exp((E - mu) / kT) + 1)

    def safe(E, mu, kT):
        E = np.asarray(E, dtype=float)
        if kT == 0:
            return np.where(E < mu, 1.0, np.where(E > mu, 0.0, 0.5))
        x = np.clip((E - mu) / kT, -700, 700)
        return 1 / (np.exp(x) + 1)

    # the course's own fermi is the reference, and forbidden as an answer
    exercise = get_exercise("fermi-function")
    assert exercise.judge(exercise.collect(fermi, allow_forbidden=True))[0] == "correct"
    assert evaluate("fermi-function", fermi).points == 0
    assert evaluate("fermi-function", safe).correct
    assert "NaN" in evaluate("fermi-function", naive_numpy).message  # 0/0 at kT = 0, E = mu
    assert evaluate("fermi-function", naive_math).status == "error"
    assert "sign in the exponent" in evaluate("fermi-function", lambda E, mu, kT: 1 - safe(E, mu, kT)).message
    assert evaluate("fermi-function", None).status == "not answered"
    assert evaluate("fermi-function", lambda E, mu, kT: None).status == "not answered"


@pytest.mark.parametrize("exercise_id", ["resonance-current", "linear-response-conductance", "fermi-window-integral"])
def test_every_mistake_hint_is_triggered(exercise_id):
    exercise = get_exercise(exercise_id)
    for mistake in exercise.mistakes:
        wrong = float(mistake.wrong_answer(exercise.expected_value))
        result = evaluate(exercise_id, wrong)
        assert result.status == "wrong"
        assert result.message == mistake.hint
        assert f"{exercise.expected_value:.3g}" not in result.message  # never gives the answer away


@pytest.mark.parametrize("exercise_id, factor, word", [
    ("resonance-current", 1e-9, "A"), ("linear-response-conductance", 1 / (G0 * 1e6), "2e²/h"),
    ("linear-response-conductance", 1e-6, "S")])
def test_unit_mixups_are_named(exercise_id, factor, word):
    value = get_exercise(exercise_id).expected_value * factor
    assert word in evaluate(exercise_id, value).message


# --- the thermocurrent of a step below mu and the thermovoltage (investigations) -------------------

NEW_IDS = ["thermocurrent-step-below-prediction", "thermocurrent-step-below", "step-thermovoltage"]


def _step_current(E0, mu_L, mu_R):
    """Independent integral: the step transmits E > E0, quad on the Fermi window above it."""
    P = ex.PARAMETERS
    window = lambda E: fermi(E, mu_L, P.kT_hot) - fermi(E, mu_R, P.kT_cold)
    return quad(window, E0, 2.0, epsabs=1e-13, limit=200)[0]


def test_new_exercises_are_appended_in_order():
    assert [e.id for e in ex.EXERCISES][-3:] == NEW_IDS


def test_step_below_mu_carries_the_same_thermocurrent():
    expected = get_exercise("thermocurrent-step-below").expected_value
    assert expected == pytest.approx(_step_current(-ex.PARAMETERS.E0_step, 0.0, 0.0), rel=1e-7)
    # the Fermi window is odd about mu: the mirrored step gives exactly the same current
    assert expected == pytest.approx(_step_current(ex.PARAMETERS.E0_step, 0.0, 0.0), rel=1e-7)
    assert expected > 0
    assert evaluate("thermocurrent-step-below-prediction", "same direction").correct
    for wrong in ("reversed", "no current"):
        assert "next exercise" in evaluate("thermocurrent-step-below-prediction", wrong).message


def test_thermovoltage_stops_the_current():
    V = get_exercise("step-thermovoltage").expected_value
    assert V < 0                                              # against the hot-to-cold flow
    assert abs(_step_current(ex.PARAMETERS.E0_step, V / 2, -V / 2)) < 1e-10
    # the current changes sign across V: a root, not a touching point
    assert _step_current(ex.PARAMETERS.E0_step, 0.55 * V, -0.55 * V) < 0 < _step_current(ex.PARAMETERS.E0_step, 0.45 * V, -0.45 * V)


@pytest.mark.parametrize("exercise_id", NEW_IDS[1:])
def test_new_exercises_correct_ten_percent_off_and_no_value_shown(exercise_id):
    expected = get_exercise(exercise_id).expected_value
    assert evaluate(exercise_id, expected * 1.005).correct
    for answer in (1.1 * expected, 0.9 * expected, None, "0.05"):
        result = evaluate(exercise_id, answer)
        assert not result.correct and "rounding" not in result.message
        assert f"{abs(expected):.3g}" not in result.message and f"{abs(expected):.2g}" not in result.message


@pytest.mark.parametrize("exercise_id, answer, words", [
    ("thermocurrent-step-below", lambda: 0.0, "window f_L - f_R is not zero"),
    ("thermocurrent-step-below", lambda: quad(lambda E: fermi(E, 0.0, ex.PARAMETERS.kT_hot), (-ex.PARAMETERS.E0_step), 3.0)[0],
     "hot side's occupation alone"),
    ("thermocurrent-step-below", lambda: -_step_current(-ex.PARAMETERS.E0_step, 0.0, 0.0), "sign"),
    ("thermocurrent-step-below", lambda: 2 * _step_current(-ex.PARAMETERS.E0_step, 0.0, 0.0), "factor of 2"),
    ("step-thermovoltage", lambda: -get_exercise("step-thermovoltage").expected_value, "sign"),
    ("step-thermovoltage", lambda: _root(1.0, 0.0), "only the left"),
    ("step-thermovoltage", lambda: _root(0.0, -1.0), "only the right"),
    ("step-thermovoltage", lambda: -_step_current(ex.PARAMETERS.E0_step, 0.0, 0.0) / _zero_bias_conductance(), "linear-response"),
])
def test_new_mistakes_get_their_own_message(exercise_id, answer, words):
    result = evaluate(exercise_id, answer())
    assert result.status == "wrong" and words in result.message, result.message


def _root(left, right):
    from scipy.optimize import brentq
    return brentq(lambda V: _step_current(ex.PARAMETERS.E0_step, left * V, right * V), -0.5, 0.5, xtol=1e-13)


def _zero_bias_conductance():
    """dI/dV at V = 0 for a sharp step: each side's -df/dE integrated above E0 is f(E0)."""
    P = ex.PARAMETERS
    return (fermi(P.E0_step, 0.0, P.kT_hot) + fermi(P.E0_step, 0.0, P.kT_cold)) / 2


def test_named_thermovoltage_mistakes_are_far_from_the_answer():
    exercise = get_exercise("step-thermovoltage")
    for mistake in exercise.mistakes:
        wrong = float(mistake.wrong_answer(exercise.expected_value))
        assert abs(wrong / exercise.expected_value - 1) > 3 * exercise.rtol


def test_step_current_of_the_module_agrees_with_the_engine():
    from helpers.models.reservoirs import step_transmission, two_temperature_current
    P = ex.PARAMETERS
    for E0, mu_L, mu_R in [(0.05, 0.0, 0.0), (-0.05, 0.0, 0.0), (0.05, 0.1, -0.02), (0.05, -0.03, 0.03)]:
        engine = two_temperature_current(lambda E, E0=E0: step_transmission(E, E0), mu_L, mu_R, P.kT_hot, P.kT_cold,
                                         points=[E0])
        assert ex._thermo_step_current(E0, mu_L, mu_R) == pytest.approx(engine, rel=1e-9, abs=1e-14)


# --- the variants (helpers.checks.variants): every corner of the ranges keeps the regime --------

_OWN_PARAMETERS = {
    "resonance-current": ("level_meV", "gamma_meV", "bias_mV", "temp_level_K"),
    "linear-response-conductance": ("threshold_meV", "temp_channel_K"),
    "fermi-window-integral": ("mu_L", "mu_R", "kT_L", "kT_R"),
    "thermocurrent-step-below": ("E0_step", "kT_hot", "kT_cold"),
    "step-thermovoltage": ("E0_step", "kT_hot", "kT_cold"),
}


def _corners(names):
    import itertools
    params = ex.PARAMETERS.params
    for values in itertools.product(*[(params[n].low, params[n].high) for n in names]):
        yield dict(zip(names, values))


@pytest.mark.parametrize("exercise_id", sorted(_OWN_PARAMETERS))
def test_every_mistake_is_told_apart_at_every_corner_of_the_ranges(exercise_id):
    from helpers.checks.variants import variant
    exercise = get_exercise(exercise_id)
    for values in _corners(_OWN_PARAMETERS[exercise_id]):
        with variant({"reservoirs": values}):
            expected = exercise.expected_value
            assert np.isfinite(expected)
            for mistake in exercise.mistakes:
                wrong = float(mistake.wrong_answer(expected))
                assert abs(wrong - expected) > 3 * exercise.rtol * abs(expected), (values, mistake.hint)
                result = evaluate(exercise_id, wrong)
                assert result.status == "wrong" and result.message == mistake.hint, (values, result.message)


def test_the_thermocurrent_flows_left_to_right_at_every_corner():
    """The choice exercise thermocurrent-sign is not varied: its answer must hold for every variant."""
    from helpers.checks.variants import variant
    for values in _corners(("E0_step", "kT_hot", "kT_cold")):
        with variant({"reservoirs": values}):
            assert ex._thermocurrent() > 0
            assert get_exercise("step-thermovoltage").expected_value < 0
