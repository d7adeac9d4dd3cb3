"""Exercises of lesson 8: expected values from independent physics, every Mistake hint reached by
its typical wrong answer.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

from pathlib import Path

import numpy as np
import pytest
from scipy import constants as sc

from helpers.checks import evaluate, get_exercise
from helpers.exercises import fine_print as ex

ROOT = Path(__file__).resolve().parent.parent
STEM = "08_fine_print"
IDS = ["charging-energy", "coulomb-gate-period", "blockade-temperature", "incoherent-transmission", "orthodox-rate"]
C_SIGMA = 700e-18                               # 300 + 300 + 100 aF, in farad
E_C_MEV = sc.e**2 / (2 * C_SIGMA) / sc.e * 1e3  # e^2/2C_sigma in meV, from SI constants


def expected(exercise_id):
    return get_exercise(exercise_id).expected_value


def test_all_exercises_are_registered():
    assert [e.id for e in ex.EXERCISES] == IDS
    assert all(get_exercise(i) is not None for i in IDS)
    assert ex.ISLAND["C1_aF"] + ex.ISLAND["C2_aF"] + ex.ISLAND["Cg_aF"] == pytest.approx(700.0)


# --- expected values against physics stated independently ---------------------------------------

def test_charging_energy_from_si_constants():
    assert expected("charging-energy") == pytest.approx(E_C_MEV, rel=1e-12)
    assert expected("charging-energy") == pytest.approx(80.1088 / 700, rel=1e-5)   # 80.1 meV aF


def test_gate_period_is_one_electron_per_period():
    assert expected("coulomb-gate-period") == pytest.approx(sc.e / 100e-18 * 1e3, rel=1e-12)   # mV


def test_blockade_temperature_is_a_tenth_of_the_charging_temperature():
    T = E_C_MEV * 1e-3 * sc.e / sc.k / 10
    assert expected("blockade-temperature") == pytest.approx(T, rel=1e-12)
    assert expected("blockade-temperature") == pytest.approx(0.1328, abs=1e-4)


def test_incoherent_pair_by_summing_bounces():
    T1, T2 = ex.SCATTERERS
    R1, R2 = 1 - T1, 1 - T2
    bounces = sum(T1 * T2 * (R1 * R2) ** n for n in range(200))     # T1 (R2 R1)^n T2
    assert expected("incoherent-transmission") == pytest.approx(bounces, rel=1e-12)
    assert expected("incoherent-transmission") == pytest.approx(1 / 5.5, rel=1e-12)


def test_rate_reference_on_the_checker_inputs():
    exercise = get_exercise("orthodox-rate")
    for (W, kT), out in zip(exercise.inputs, exercise.expected_value):
        assert np.all(np.isfinite(out)) and out.shape == W.shape
        for w, r in zip(W, out):
            if w == 0:
                assert r == pytest.approx(kT, rel=1e-15)                # the 0/0 limit
            elif abs(w / kT) < 50:
                assert r == pytest.approx(w / -np.expm1(-w / kT), rel=1e-9)   # expm1: exact near 0
            else:
                assert r == pytest.approx(max(w, 0) + abs(w) * np.exp(-abs(w) / kT), rel=1e-12, abs=1e-300)


# --- verdicts and mistakes -------------------------------------------------------------------------

def _stable_rate(gain, kT):
    W = np.asarray(gain, dtype=float)
    return np.where(W == 0, kT, W / -np.expm1(-np.where(W == 0, 1.0, W) / kT))


def test_correct_answers_are_correct():
    answers = {"charging-energy": E_C_MEV, "coulomb-gate-period": sc.e / 1e-16 * 1e3,
               "blockade-temperature": E_C_MEV * 1e-3 * sc.e / sc.k / 10 * (1 + 1e-3),
               "incoherent-transmission": 0.4 * 0.25 / (1 - 0.6 * 0.75), "orthodox-rate": _stable_rate}
    for exercise_id, answer in answers.items():
        assert evaluate(exercise_id, answer).correct, (exercise_id, evaluate(exercise_id, answer).message)


@pytest.mark.parametrize("exercise_id, answer, words", [
    ("charging-energy", 2 * E_C_MEV, "e²/2C_Σ"),
    ("charging-energy", E_C_MEV * 700 / 300, "not one junction"),
    ("charging-energy", E_C_MEV * 700 / 600, "gate capacitance"),
    ("charging-energy", E_C_MEV * 1e3, "µeV"),
    ("coulomb-gate-period", sc.e / 700e-18 * 1e3, "its own capacitance"),
    ("coulomb-gate-period", sc.e / 200e-18 * 1e3, "whole electron"),
    ("coulomb-gate-period", sc.e / 1e-16, "V"),
    ("blockade-temperature", E_C_MEV * 1e-3 * sc.e / sc.k, "already gone"),
    ("blockade-temperature", 2 * E_C_MEV * 1e-3 * sc.e / sc.k / 10, "e²/C_Σ"),
    ("blockade-temperature", E_C_MEV * sc.e / sc.k / 10, "mK"),
    ("incoherent-transmission", 0.4 * 0.25, "Multiplying"),
    ("incoherent-transmission", 1 / (1 / 0.4 + 1 / 0.25), "contact resistance twice"),
    ("incoherent-transmission", 0.325, "do not average"),
])
def test_typical_mistakes_get_their_hint(exercise_id, answer, words):
    result = evaluate(exercise_id, answer)
    assert result.status == "wrong"
    assert words in result.message, result.message


@pytest.mark.parametrize("function, words", [
    (lambda gain, kT: gain / (1 - np.exp(-gain / kT)), "NaN"),                        # 0/0 at W = 0
    (lambda gain, kT: _stable_rate(-np.asarray(gain), kT), "reverse process"),       # Bose form
    (lambda gain, kT: _stable_rate(gain, kT) / kT, "multiply by kT"),
])
def test_rate_mistakes_get_their_hint(function, words):
    result = evaluate("orthodox-rate", function)
    assert result.status == "wrong"
    assert words in result.message, result.message


def test_blank_and_broken_answers():
    for exercise_id in IDS:
        assert evaluate(exercise_id, None).status == "not answered"
    assert evaluate("orthodox-rate", lambda gain, kT: None).status == "not answered"
    assert evaluate("orthodox-rate", lambda gain, kT: 1 / 0).status == "error"
    for exercise_id in IDS[:4]:
        value = expected(exercise_id)
        message = evaluate(exercise_id, 1.234).message
        assert f"{value:.3f}" not in message and f"{value:.2f}" not in message
