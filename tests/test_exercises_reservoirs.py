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
    r = ex.RESONANCE
    g, e0, V, kT = r["gamma"], r["level"], r["bias"], K_B_EV_PER_K * r["temperature"]
    T = lambda E: g**2 / ((E - e0) ** 2 + g**2)
    win = lambda E: 1 / (1 + math.exp(min((E - V / 2) / kT, 700))) - 1 / (1 + math.exp(min((E + V / 2) / kT, 700)))
    integral = quad(lambda E: T(E) * win(E), -V / 2 - 40 * kT, V / 2 + 40 * kT, points=[e0, -V / 2, V / 2],
                    limit=500, epsabs=1e-16)[0]
    expected_nA = integral * CURRENT_UNIT_A_PER_EV * 1e9
    assert get_exercise("resonance-current").expected_value == pytest.approx(expected_nA, rel=1e-6)
    # and it is just below the full area of the resonance, pi g (in eV), times G0 x 1 V
    assert 0.9 < expected_nA / (math.pi * g * G0 * 1e9) < 1


def test_linear_conductance_is_G0_times_a_fermi_function():
    s = ex.STEP
    kT = K_B_EV_PER_K * s["temperature"]
    expected = G0 * 1e6 / (1 + math.exp(s["E0"] / kT))
    assert get_exercise("linear-response-conductance").expected_value == pytest.approx(expected, rel=1e-6)


def test_window_integral_is_the_bias():
    w = ex.WINDOW
    assert get_exercise("fermi-window-integral").expected_value == pytest.approx(w["mu_L"] - w["mu_R"], rel=1e-9)


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
