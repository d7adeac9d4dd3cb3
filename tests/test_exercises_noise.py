"""Exercises of lesson 5 (shot noise): expected values from independent physics, every Mistake
reached by its typical wrong answer, and the feedback never gives the expected value away.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

import numpy as np
import pytest
from scipy import constants as sc

import helpers
from helpers.checks import evaluate, get_exercise
from helpers.exercises import noise as ex
from helpers.models.qpc import qpc_potential

IDS = ["fano-factor", "qpc-fano-between-plateaus", "qpc-fano-maximum", "shot-noise-density",
       "noise-measurement-fano", "plateau-thermal-noise", "fano-maximum-prediction"]
NUMERIC = IDS[1:]
G0 = 2 * sc.e**2 / sc.h


def _eigenvalues(Vg):
    return helpers.smatrix(qpc_potential(Vg, ex.QPC["W"], length=ex.QPC["length"], hw_y=ex.QPC["hw_y"]),
                           ex.QPC["E_F"]).transmission_eigenvalues()


def test_all_exercises_are_registered():
    assert [e.id for e in ex.EXERCISES] == IDS
    assert all(get_exercise(i).lesson == "noise" for i in IDS)


# --- expected values against physics stated independently ---------------------------------------

def test_fano_reference_on_simple_inputs():
    exercise = get_exercise("fano-factor")
    for (T,), F in zip(exercise.inputs, exercise.expected_value):
        T = np.asarray(T).ravel()
        assert F == pytest.approx(sum(t * (1 - t) for t in T) / sum(T), rel=1e-12)
    assert exercise.expected_value[0] == pytest.approx(0.5)  # one channel, T = 1/2: F = 1 - T


def test_qpc_fano_from_the_smatrix_eigenvalues():
    T = _eigenvalues(ex.PARAMETERS.Vg_between)
    assert 1 < T.sum() < 2  # on the step between the first two plateaus
    expected = np.sum(T * (1 - T)) / np.sum(T)
    assert get_exercise("qpc-fano-between-plateaus").expected_value == pytest.approx(expected, rel=1e-9)


def test_fano_maximum_is_that_of_one_open_and_one_partial_channel():
    # F = T(1 - T)/(1 + T) is largest at T = sqrt(2) - 1: F = 3 - 2 sqrt(2); the lattice QPC
    # has its first channel open to 1e-6 there
    F_max = get_exercise("qpc-fano-maximum").expected_value
    assert F_max == pytest.approx(3 - 2 * np.sqrt(2), rel=1e-3)
    grid = np.linspace(*ex.FIRST_STEP, 25)
    F_grid = [np.sum(T * (1 - T)) / np.sum(T) for T in map(_eigenvalues, grid)]
    assert max(F_grid) <= F_max + 1e-9 and max(F_grid) > 0.97 * F_max


def test_shot_noise_density_by_hand():
    T, V = ex.PARAMETERS.T_second, ex.PARAMETERS.bias_mV * 1e-3
    I = 2 * sc.e**2 / sc.h * (1.0 + T) * V
    F = (0 + T * (1 - T)) / (1 + T)
    assert get_exercise("shot-noise-density").expected_value == pytest.approx(2 * sc.e * I * F, rel=1e-12)
    assert ex.spin_eigenvalues().tolist() == [1.0, T]


def test_the_measurement_slope_gives_the_fano_factor():
    I, S = ex.measurement()
    large = I > 0.5 * I.max()  # e V > 10 kT
    slope = np.polyfit(I[large], S[large], 1)[0]
    expected = get_exercise("noise-measurement-fano").expected_value
    assert slope / (2 * sc.e) == pytest.approx(expected, rel=0.02)
    T = np.array(ex.MEASURED_SAMPLES[ex.PARAMETERS.sample])
    assert expected == pytest.approx(np.sum(T * (1 - T)) / np.sum(T), rel=1e-12)
    # the tempting S/(2eI) at the top is more than 10 tolerances away
    assert abs(S[-1] / (2 * sc.e * I[-1]) / expected - 1) > 0.2


def test_plateau_noise_is_johnson_nyquist():
    T = _eigenvalues(ex.PARAMETERS.Vg_plateau)
    assert abs(T.sum() - 2) < 1e-3
    expected = 4 * sc.k * ex.PARAMETERS.temperature_plateau * G0 * T.sum()
    assert get_exercise("plateau-thermal-noise").expected_value == pytest.approx(expected, rel=1e-9)


def test_every_variant_gate_and_sample_is_in_its_regime():
    # the gate between the plateaus stays on the first step with both channels neither 0 nor 1
    # beyond what the text says; each plateau gate sits on a plateau (integer G to 1e-3)
    param = ex.PARAMETERS.params["Vg_between"]
    for vg in np.arange(param.low, param.high + 1e-9, param.step):
        T = np.sort(_eigenvalues(vg))
        assert T[-1] > 0.999 and 0.1 < T[-2] < 0.9 and T[-3] < 1e-3, vg
    for vg in ex.PARAMETERS.params["Vg_plateau"].choices:
        G = _eigenvalues(vg).sum()
        assert abs(G - round(G)) < 1e-3 and round(G) >= 1, vg
    # every sample: the fit at large bias finds F within 1.5 %, and S/(2eI) at the top is
    # off by more than 10 % (the thermal noise still shows) at every temperature of the range
    temperatures = ex.PARAMETERS.params["temperature_measured"]
    for sample, T in enumerate(ex.MEASURED_SAMPLES):
        F = np.sum(np.multiply(T, np.subtract(1, T))) / np.sum(T)
        for temperature in (temperatures.low, temperatures.high):
            I, S = ex.measurement(sample, temperature)
            large = I > 0.5 * I.max()
            assert np.polyfit(I[large], S[large], 1)[0] / (2 * sc.e) == pytest.approx(F, rel=0.015)
            assert S[-1] / (2 * sc.e * I[-1]) / F - 1 > 0.1


# --- verdicts and mistakes -------------------------------------------------------------------------

def test_correct_answers_are_correct_and_10_percent_off_is_wrong():
    assert evaluate("fano-factor", lambda T: float(np.sum(T * (1 - T)) / np.sum(T))).correct
    for exercise_id in NUMERIC:
        value = get_exercise(exercise_id).expected_value
        assert evaluate(exercise_id, value * 1.005).correct, exercise_id
        assert evaluate(exercise_id, value * 1.1).status == "wrong", exercise_id


def _mistake_cases():
    T_between = lambda: _eigenvalues(ex.PARAMETERS.Vg_between)
    e = sc.e
    T2 = ex.PARAMETERS.T_second
    F = T2 * (1 - T2) / (1 + T2)
    I = G0 * (1 + T2) * ex.PARAMETERS.bias_mV * 1e-3
    temperature = ex.PARAMETERS.temperature_plateau
    return [
        ("qpc-fano-between-plateaus", lambda: np.mean(1 - T_between()), "closed ones"),
        ("qpc-fano-between-plateaus", lambda: 1 - sorted(T_between())[-2], "one channel"),
        ("qpc-fano-between-plateaus", lambda: np.sum(T_between() * (1 - T_between())), "summed noise"),
        ("qpc-fano-maximum", lambda: 0.25, "out of the denominator"),
        ("qpc-fano-maximum", lambda: 1 / 3, "diffusive"),
        ("shot-noise-density", lambda: e * I * F, "spin"),
        ("shot-noise-density", lambda: 2 * e * I, "Poisson"),
        ("shot-noise-density", lambda: 2 * e * I * (1 - T2), "1 - T"),
        ("shot-noise-density", lambda: 2 * e * I * (1 - F), "subtracted"),
        ("plateau-thermal-noise", lambda: 0.0, "thermal"),
        ("plateau-thermal-noise", lambda: 2 * sc.k * temperature * G0 * 2, "4kTG"),
        ("plateau-thermal-noise", lambda: 4 * sc.k / sc.e * temperature * G0 * 2, "joules"),
    ]


@pytest.mark.parametrize("exercise_id, answer, words", _mistake_cases())
def test_typical_mistakes_get_their_hint(exercise_id, answer, words):
    result = evaluate(exercise_id, answer())
    assert result.status == "wrong"
    assert words in result.message, result.message


def test_midstep_fano_gets_its_hint():
    # G = 1.5: one channel open, the other at T = 1/2, F = 0.25/1.5 = 1/6
    result = evaluate("qpc-fano-maximum", 1 / 6)
    assert result.status == "wrong" and "middle of the step" in result.message


def test_thermal_noise_counted_as_shot_noise_gets_its_hint():
    I, S = ex.measurement()
    result = evaluate("noise-measurement-fano", S[-1] / (2 * sc.e * I[-1]))
    assert result.status == "wrong" and "thermal" in result.message, result.message


@pytest.mark.parametrize("function, words", [
    (lambda T: float(np.mean(T * (1 - T))), "mean of T(1 - T)"),
    (lambda T: float(np.sum(T**2) / np.sum(T)), "not T²"),
    (lambda T: float(np.mean(1 - T)), "channel by channel"),
])
def test_fano_mistakes_get_their_hint(function, words):
    result = evaluate("fano-factor", function)
    assert result.status == "wrong"
    assert words in result.message, result.message


def test_feedback_never_contains_the_expected_value():
    for exercise_id in NUMERIC:
        expected = get_exercise(exercise_id).expected_value
        for wrong in (expected * 1.1, expected * 3.7, -expected, 0.5 * expected):
            message = evaluate(exercise_id, wrong).message
            for digits in (2, 3, 4):
                assert f"{expected:.{digits}g}" not in message, (exercise_id, message)


def test_blank_and_broken_answers():
    for exercise_id in IDS:
        assert evaluate(exercise_id, None).status == "not answered"
    assert evaluate("fano-factor", lambda T: None).status == "not answered"
    assert evaluate("fano-factor", lambda T: 1 / 0).status == "error"


# --- the prediction of the noisiest point of the first step -----------------------------------------

def test_fano_maximum_prediction_is_the_two_channel_optimum():
    expected = get_exercise("fano-maximum-prediction").expected_value
    # F(T) = T(1 - T)/(1 + T): dF/dT = 0 at T^2 + 2T - 1 = 0, T = sqrt(2) - 1, F = 3 - 2 sqrt(2)
    assert expected == pytest.approx(3 - 2 * np.sqrt(2), rel=1e-9)
    T = np.linspace(0, 1, 100_001)
    assert expected == pytest.approx(np.max(T * (1 - T) / (1 + T)), rel=1e-8)
    # the lattice point contact reaches the prediction (exercise qpc-fano-maximum tests it)
    assert get_exercise("qpc-fano-maximum").expected_value == pytest.approx(expected, rel=0.01)


def test_fano_maximum_prediction_verdicts():
    expected = get_exercise("fano-maximum-prediction").expected_value
    assert evaluate("fano-maximum-prediction", expected * 1.005).correct
    for answer in (1.1 * expected, 0.9 * expected):
        result = evaluate("fano-maximum-prediction", answer)
        assert result.status == "wrong" and "rounding" not in result.message
        assert f"{expected:.3g}" not in result.message and f"{expected:.2g}" not in result.message


@pytest.mark.parametrize("answer, words", [
    (1 / 6, "middle of the step"),
    (0.25, "denominator"),
    (np.sqrt(2) - 1, "transmission of the partly open channel"),
    (1 / 3, "diffusive"),
    (-(3 - 2 * np.sqrt(2)), "sign"),
])
def test_fano_maximum_prediction_mistakes(answer, words):
    result = evaluate("fano-maximum-prediction", answer)
    assert result.status == "wrong" and words in result.message, result.message
