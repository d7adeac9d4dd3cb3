"""Exercises of lesson 9 (Coulomb blockade): expected values from independent physics, every Mistake hint reached by
its typical wrong answer.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

from pathlib import Path

import numpy as np
import pytest
from scipy import constants as sc

from helpers.checks import evaluate, get_exercise
from helpers.exercises import coulomb as ex
from helpers.models.coulomb import SET, cbt_conductance, kT_meV, set_conductance, set_current

ROOT = Path(__file__).resolve().parent.parent
STEM = "09_coulomb_blockade"
IDS = ["charging-energy", "coulomb-gate-period", "blockade-temperature", "orthodox-rate",
       "diamond-charging-energy", "peak-contrast-temperature", "cbt-width-capacitance", "cbt-dip-temperature"]
NUMERIC = [i for i in IDS if i not in ("orthodox-rate", "cbt-width-capacitance")]
C_J, C_G = ex.PARAMETERS.C_junction, ex.PARAMETERS.C_gate   # aF
C_SIGMA = (2 * C_J + C_G) * 1e-18               # in farad
E_C_MEV = sc.e**2 / (2 * C_SIGMA) / sc.e * 1e3  # e^2/2C_sigma in meV, from SI constants


def expected(exercise_id):
    return get_exercise(exercise_id).expected_value


def test_all_exercises_are_registered():
    assert [e.id for e in ex.EXERCISES] == IDS + ["lever-arm-from-peak-width"]
    assert all(get_exercise(i) is not None for i in IDS)
    assert (C_J, C_G) == (300.0, 100.0)    # the defaults the public notebook shows


# --- expected values against physics stated independently ---------------------------------------

def test_charging_energy_from_si_constants():
    assert expected("charging-energy") == pytest.approx(E_C_MEV, rel=1e-12)
    assert expected("charging-energy") == pytest.approx(80.1088 / (2 * C_J + C_G), rel=1e-5)   # 80.1 meV aF


def test_gate_period_is_one_electron_per_period():
    assert expected("coulomb-gate-period") == pytest.approx(sc.e / (C_G * 1e-18) * 1e3, rel=1e-12)   # mV


def test_blockade_temperature_is_a_tenth_of_the_charging_temperature():
    T = E_C_MEV * 1e-3 * sc.e / sc.k / 10
    assert expected("blockade-temperature") == pytest.approx(T, rel=1e-12)


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
    answers = {"charging-energy": E_C_MEV, "coulomb-gate-period": sc.e / (C_G * 1e-18) * 1e3,
               "blockade-temperature": E_C_MEV * 1e-3 * sc.e / sc.k / 10 * (1 + 1e-3), "orthodox-rate": _stable_rate}
    for exercise_id, answer in answers.items():
        assert evaluate(exercise_id, answer).correct, (exercise_id, evaluate(exercise_id, answer).message)


@pytest.mark.parametrize("exercise_id, answer, words", [
    ("charging-energy", 2 * E_C_MEV, "e²/2C_Σ"),
    ("charging-energy", E_C_MEV * (2 * C_J + C_G) / C_J, "not one junction"),
    ("charging-energy", E_C_MEV * (2 * C_J + C_G) / (2 * C_J), "gate capacitance"),
    ("charging-energy", E_C_MEV * 1e3, "µeV"),
    ("coulomb-gate-period", sc.e / C_SIGMA * 1e3, "its own capacitance"),
    ("coulomb-gate-period", sc.e / (2 * C_G * 1e-18) * 1e3, "whole electron"),
    ("coulomb-gate-period", sc.e / (C_G * 1e-18), "V"),
    ("blockade-temperature", E_C_MEV * 1e-3 * sc.e / sc.k, "already gone"),
    ("blockade-temperature", 2 * E_C_MEV * 1e-3 * sc.e / sc.k / 10, "e²/C_Σ"),
    ("blockade-temperature", E_C_MEV * sc.e / sc.k / 10, "mK"),
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
    for exercise_id in NUMERIC:
        value = expected(exercise_id)
        message = evaluate(exercise_id, 1.234).message
        assert f"{value:.3f}" not in message and f"{value:.2f}" not in message


# --- the investigations and the prediction --------------------------------------------------------

def test_diamond_tip_is_twice_the_charging_energy():
    device = ex.diamond_device()
    assert device.C1_aF == device.C2_aF == ex.PARAMETERS.C_diamond
    E_C = sc.e / (2 * (device.C1_aF + device.C2_aF + device.Cg_aF) * 1e-18) * 1e3     # meV
    assert expected("diamond-charging-energy") == pytest.approx(E_C, rel=1e-12)
    tip = 2 * E_C                                                    # mV: e/C_sigma
    assert set_current(0.99 * tip, 0.0, 0.0, device) == 0.0 and set_current(1.01 * tip, 0.0, 0.0, device) > 0


def test_contrast_temperature_halves_the_swing():
    T = expected("peak-contrast-temperature")
    device = SET(C1_aF=ex.PARAMETERS.C_fade, C2_aF=ex.PARAMETERS.C_fade)
    G_inf = 1e3 / device.R_sum_kohm
    swing = set_conductance(device.gate_period_mV / 2, T, device) - set_conductance(0.0, T, device)
    assert swing == pytest.approx(G_inf / 4, rel=1e-6)
    cold = set_conductance(device.gate_period_mV / 2, 0.05, device) - set_conductance(0.0, 0.05, device)
    assert cold == pytest.approx(G_inf / 2, rel=1e-3)                # the low-temperature swing
    assert 0.2 < sc.k * T / (device.E_C_meV * 1e-3 * sc.e) < 0.5     # k_B T a fraction of E_C


def test_measured_temperature_is_the_thermometer_s_own():
    """The data were made at a temperature the student cannot see; the width law recovers it."""
    V, G = ex.thermometer_measurement()
    N, C = ex.THERMOMETER["N"], ex.THERMOMETER["C_aF"]
    T = expected("cbt-dip-temperature")
    assert np.abs(G - cbt_conductance(V, T, N, C)).max() < 1e-4
    half = (1 + G.min()) / 2
    inside = V[G < half]
    width = inside.max() - inside.min()         # without interpolation: good to a grid step
    assert width / (5.439 * N * sc.k * T / sc.e * 1e3) == pytest.approx(1, abs=0.005)
    # the temperature the data were made at
    assert T == pytest.approx(ex.THERMOMETER_RUNS_K[ex.PARAMETERS.cbt_run], rel=1e-3)


def test_width_prediction():
    assert evaluate("cbt-width-capacitance", "it stays the same").correct
    assert not evaluate("cbt-width-capacitance", "it halves").correct


@pytest.mark.parametrize("exercise_id, factor, words", [
    ("diamond-charging-energy", 2, "tip"),
    ("diamond-charging-energy", 0.5, "twice"),
    ("cbt-dip-temperature", 0.5, "half of it"),
    ("cbt-dip-temperature", ex.THERMOMETER["N"], "per junction"),
])
def test_investigation_mistakes(exercise_id, factor, words):
    result = evaluate(exercise_id, factor * expected(exercise_id))
    assert result.status == "wrong" and words in result.message, result.message


def test_investigation_unit_and_value_mistakes():
    T = expected("peak-contrast-temperature")
    assert "kelvin" in evaluate("peak-contrast-temperature", kT_meV(T)).message
    assert "E_C/k_B" in evaluate("peak-contrast-temperature", ex.fading_device().E_C_meV / kT_meV(1.0)).message
    assert "gate period" in evaluate("diamond-charging-energy", ex.diamond_device().gate_period_mV).message
    T = expected("cbt-dip-temperature")
    assert "kelvin" in evaluate("cbt-dip-temperature", kT_meV(T)).message


@pytest.mark.parametrize("exercise_id", NUMERIC)
def test_ten_percent_off_is_wrong(exercise_id):
    for f in (0.9, 1.1, 3.0, -0.3):
        assert evaluate(exercise_id, f * expected(exercise_id)).status == "wrong"


# --- the lever arm from the width of one Coulomb peak ---------------------------------------------

def _fwhm(Vg, G):
    i = int(np.argmax(G))
    half = G[i] / 2
    return (np.interp(half, G[i:][::-1], Vg[i:][::-1]) - np.interp(half, G[:i + 1], Vg[:i + 1]))


def test_lever_arm_measured_from_the_peak_width():
    Vg, G = ex.peak_measurement()
    assert Vg.shape == G.shape == (801,) and 0 < np.argmax(G) < 800
    # the metal-island peak x/sinh(x) at half height: x = 2.1773 (solved here by bisection)
    lo, hi = 1.0, 4.0
    for _ in range(80):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if mid / np.sinh(mid) > 0.5 else (lo, mid)
    kT = sc.k / sc.e * 1e3 * ex.PARAMETERS.T_peak               # meV, from the SI constants
    measured = 2 * lo * kT / _fwhm(Vg, G)
    expected = get_exercise("lever-arm-from-peak-width").expected_value
    C1, C2, Cg = ex.PEAK_DEVICES[ex.PARAMETERS.peak_sample]
    assert expected == pytest.approx(Cg / (C1 + C2 + Cg), rel=1e-12)
    assert measured == pytest.approx(expected, rel=2e-3)
    assert evaluate("lever-arm-from-peak-width", measured).correct
    assert evaluate("lever-arm-from-peak-width", 4.35 * kT / _fwhm(Vg, G)).correct   # the lesson's 4.35


@pytest.mark.parametrize("answer, words", [
    (lambda a, kT, w: 2 * 1.7627 * kT / w, "single quantum level"),
    (lambda a, kT, w: 1 / a, "inverse"),
    (lambda a, kT, w: 4.3546 * ex.PARAMETERS.T_peak / w, "kelvin"),
    (lambda a, kT, w: 100 * a, "ratio of capacitances"),
    (lambda a, kT, w: 2 * a, "factor of 2"),
])
def test_lever_arm_mistakes(answer, words):
    Vg, G = ex.peak_measurement()
    a = get_exercise("lever-arm-from-peak-width").expected_value
    kT = sc.k / sc.e * 1e3 * ex.PARAMETERS.T_peak
    result = evaluate("lever-arm-from-peak-width", answer(a, kT, _fwhm(Vg, G)))
    assert result.status == "wrong" and words in result.message, result.message


def test_lever_arm_ten_percent_off_and_no_leak():
    a = get_exercise("lever-arm-from-peak-width").expected_value
    for f in (0.9, 1.1):
        result = evaluate("lever-arm-from-peak-width", f * a)
        assert result.status == "wrong" and "rounding" not in result.message
    assert f"{a:.3g}" not in evaluate("lever-arm-from-peak-width", 0.5).message


def test_every_variant_stays_in_its_regime():
    """Over the whole ranges: no variant of the island has the default's C_Σ (its charging
    energy would be the default's); the diamond's tip lies inside the bracket (0.01, 2) mV the
    solution searches; every thermometer run's width gives its temperature; every measured peak
    lies inside its sweep with its half-maximum points, and its width gives the lever arm
    (x/sinh x holds: k_BT well below E_C), the samples' lever arms more than 5 % apart."""
    params = ex.PARAMETERS.params
    grid = lambda name: np.arange(params[name].low, params[name].high + 1e-9, params[name].step)
    default = 2 * params["C_junction"].default + params["C_gate"].default
    for C_j in grid("C_junction"):
        for C_g in grid("C_gate"):
            if C_j != params["C_junction"].default and C_g != params["C_gate"].default:
                assert abs((2 * C_j + C_g) / default - 1) > 0.01, (C_j, C_g)
    for C in grid("C_diamond"):
        tip = 2 * ex.diamond_device(C).E_C_meV
        assert 0.05 < tip < 1.5
    for run, T in enumerate(ex.THERMOMETER_RUNS_K):
        V, G = ex.thermometer_measurement(run)
        inside = V[G < (1 + G.min()) / 2]
        assert inside.max() < 0.5 * V.max()                              # the whole dip is swept
        width = inside.max() - inside.min()        # without interpolation: good to 2 grid steps
        step = V[1] - V[0]
        assert width == pytest.approx(5.439 * ex.THERMOMETER["N"] * sc.k * T / sc.e * 1e3, abs=2 * step)
    x = 2.1773   # x/sinh x = 1/2
    arms = []
    for sample, (C1, C2, Cg) in enumerate(ex.PEAK_DEVICES):
        arms.append(Cg / (C1 + C2 + Cg))
        for T in (params["T_peak"].low, params["T_peak"].high):
            Vg, G = ex.peak_measurement(sample, T)
            assert G[0] < G.max() / 10 and G[-1] < G.max() / 10           # both half points inside
            kT = sc.k / sc.e * 1e3 * T
            assert 2 * x * kT / _fwhm(Vg, G) == pytest.approx(arms[-1], rel=2e-3)
    arms = np.sort(arms)
    assert np.all(np.diff(arms) / arms[:-1] > 0.05)
