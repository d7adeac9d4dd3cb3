"""Lesson 3 exercises: expected values against independent physics, every hint reachable.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

import math
from pathlib import Path

import numpy as np
import pytest
from scipy import constants as sc

from helpers.checks import evaluate, get_exercise
from helpers.constants import K_B_EV_PER_K
from helpers.exercises import channels as module

ROOT = Path(__file__).resolve().parents[1]


def _independent_count(E, W):
    """Open channels from the particle-in-a-box picture, written out from scratch."""
    count = 0
    for n in range(1, W + 1):
        bottom = 2 * (1 - math.cos(n * math.pi / (W + 1)))
        count += bottom < E < bottom + 4
    return count


def test_expected_values_from_independent_physics():
    R_h_2e2 = sc.h / (2 * sc.e**2)
    P = module.PARAMETERS
    series = P.R_measured_kohm - R_h_2e2 / 2e3   # what leads and contacts add
    assert get_exercise("second-plateau-resistance").expected_value == pytest.approx(series, rel=1e-12)
    assert get_exercise("second-plateau-resistance").expected_value == pytest.approx(P.R_measured_kohm - 6.4532, abs=1e-4)
    assert get_exercise("open-channels").expected_value == _independent_count(module.STRIP_E, P.W_strip)
    third = 2 * (1 - math.cos(3 * math.pi / (P.W_threshold + 1)))
    assert get_exercise("subband-third-threshold").expected_value == pytest.approx(third, rel=1e-12)
    function = get_exercise("count-channels-function")
    assert function.expected_value == [_independent_count(E, W) for E, W in function.inputs]


@pytest.mark.parametrize("seed", [None, 0, 1, 2**31 - 1])
def test_inputs_avoid_thresholds(seed):
    # an input exactly on a threshold would make the answer ambiguous, for every variant's seed
    from helpers.checks.variants import variant
    with variant({"channels": {"input_seed": seed} if seed is not None else {}}):
        inputs = get_exercise("count-channels-function").inputs
    assert len(inputs) == 7
    for E, W in inputs:
        eps = 2 * (1 - np.cos(np.arange(1, W + 1) * np.pi / (W + 1)))
        assert np.min(np.abs(np.concatenate([eps, eps + 4]) - E)) > 0.02


def test_washout_choice_is_the_physics_judgement():
    # Plateaus wash out when the 10-90 % width 4.4 kT of a step reaches the spacing, kT ~ spacing/5
    exercise = get_exercise("plateau-thermal-washout")
    correct = [label for label, (ok, _) in exercise.options.items() if ok]
    assert correct == ["about 10 K"]
    width_over_spacing = {label: 2 * math.log(9) * float(label.split()[1]) * K_B_EV_PER_K
                          / (module.QPC_SPACING_MEV * 1e-3) for label in exercise.options}
    # 10-90 % width of a Fermi step is 2 ln 9 kT ~ 4.39 kT
    assert 0.5 < width_over_spacing["about 10 K"] < 2
    assert width_over_spacing["about 1 K"] < 0.15 and width_over_spacing["about 300 K"] > 5


@pytest.mark.parametrize("answer, hint", [
    (lambda R: 6.4532, "point contact's own resistance"),
    (lambda R: R - 12.906, "ONE spin-degenerate channel"),
    (lambda R: R - 3.2266, "spin twice"),
    (lambda R: R + 6.4532, "subtract, do not add"),
    (lambda R: (R - 6.4532) * 1e3, "Ω"),
])
@pytest.mark.parametrize("R_measured", [None, 7.3, 8.6])
def test_resistance_hints(answer, hint, R_measured):
    from helpers.checks.variants import variant
    with variant({"channels": {"R_measured_kohm": R_measured} if R_measured else {}}):
        R = module.PARAMETERS.R_measured_kohm
        result = evaluate("second-plateau-resistance", answer(R))
        assert result.status == "wrong" and hint in result.message, result.message
        assert f"{R - 6.4532:.3g}" not in result.message


def test_resistance_correct_and_blank():
    assert evaluate("second-plateau-resistance", module.PARAMETERS.R_measured_kohm - 6.4532).correct
    assert evaluate("second-plateau-resistance", None).status == "not answered"


@pytest.mark.parametrize("W", module.PARAMETERS.params["W_strip"].choices)
def test_open_channels_every_width_keeps_the_continuum_trap(W):
    """At every width of the variants, E lies just above a lattice subband bottom and below its
    continuum value, away from every threshold: the continuum count is one short."""
    from helpers.checks.variants import variant
    E = module.STRIP_E
    eps = 2 * (1 - np.cos(np.arange(1, W + 1) * np.pi / (W + 1)))
    assert np.min(np.abs(np.concatenate([eps, eps + 4]) - E)) > 0.02
    n = _independent_count(E, W)
    assert int(np.sum((np.arange(1, W + 1) * np.pi / (W + 1)) ** 2 < E)) == n - 1
    with variant({"channels": {"W_strip": W}}):
        assert get_exercise("open-channels").expected_value == n
        for answer, hint in [(n - 1, "continuum"), (n + 1, "One too many"), (2 * n, "twice")]:
            result = evaluate("open-channels", answer)
            assert result.status == "wrong" and hint in result.message, result.message
        assert evaluate("open-channels", n).correct


@pytest.mark.parametrize("answer, hint", [
    (lambda W: (3 * np.pi / (W + 1)) ** 2, "continuum"),
    (lambda W: 2 * (1 - np.cos(3 * np.pi / W)), "W + 1"),
    (lambda W: 2 * (1 - np.cos(2 * np.pi / (W + 1))), "second threshold"),
    (lambda W: 2 * (1 - np.cos(4 * np.pi / (W + 1))), "fourth threshold"),
])
@pytest.mark.parametrize("W", [None, 15, 30])
def test_threshold_hints(answer, hint, W):
    from helpers.checks.variants import variant
    with variant({"channels": {"W_threshold": W} if W else {}}):
        result = evaluate("subband-third-threshold", answer(module.PARAMETERS.W_threshold))
        assert result.status == "wrong" and hint in result.message


def test_function_exercise_verdicts():
    def good(E, W):
        n = np.arange(1, W + 1)
        eps = 2 * (1 - np.cos(n * np.pi / (W + 1)))
        return int(np.sum((eps < E) & (E < eps + 4)))

    def no_band_top(E, W):
        n = np.arange(1, W + 1)
        return int(np.sum(2 * (1 - np.cos(n * np.pi / (W + 1))) < E))

    def continuum(E, W):
        n = np.arange(1, W + 1)
        return int(np.sum((n * np.pi / (W + 1)) ** 2 < E))

    def stub(E, W):
        return None

    assert evaluate("count-channels-function", good).correct
    result = evaluate("count-channels-function", no_band_top)
    assert result.status == "wrong" and "ε_n + 4t" in result.message
    result = evaluate("count-channels-function", continuum)
    assert result.status == "wrong" and "continuum" in result.message
    assert evaluate("count-channels-function", stub).status == "not answered"
    assert evaluate("count-channels-function", None).status == "not answered"


def test_choice_verdicts():
    assert evaluate("plateau-thermal-washout", "about 10 K").correct
    assert evaluate("plateau-thermal-washout", "about 300 K").status == "wrong"
    assert evaluate("plateau-thermal-washout", None).status == "not answered"


# --- the width of a point-contact step (investigations) ---------------------------------------------

def _lattice_G(Vg, length):
    from helpers import transmission
    from helpers.models.qpc import qpc_potential
    q = module.STEP_QPC
    return float(transmission(qpc_potential(Vg, q["W"], length=length, hw_y=q["hw_y"]), q["E_F"]))


def test_step_edges_are_where_the_lattice_conductance_is_10_and_90_percent():
    for length in (module.PARAMETERS.short_length, module.LONG_LENGTH):
        low, high = module.step_edges(length)
        assert low < high
        assert _lattice_G(low, length) == pytest.approx(0.1, abs=1e-6)
        assert _lattice_G(high, length) == pytest.approx(0.9, abs=1e-6)


def test_long_constriction_has_the_saddle_of_the_lesson():
    # the lesson's saddle figure uses hbar w_x = hbar w_y / 3 for this constriction
    hw_x_long = module._hw_x(module.LONG_LENGTH)
    assert hw_x_long == pytest.approx(module.STEP_QPC["hw_y"] / 3, rel=0.02)
    # Büttiker's step: 10 %-90 % over ln(81)/(2 pi) hbar w_x (independent check of the factor)
    from helpers.models.qpc import saddle_point_transmissions
    from scipy.optimize import brentq
    T0 = lambda E, level: float(saddle_point_transmissions(E, 0.0, 0.1, 0.3, 1)[..., 0]) - level
    width = brentq(T0, 0.0, 0.3, args=(0.9,)) - brentq(T0, 0.0, 0.3, args=(0.1,))
    assert width / 0.1 == pytest.approx(np.log(81) / (2 * np.pi), rel=1e-6)


def test_short_step_prediction():
    assert evaluate("qpc-short-step-prediction", "wider").correct
    for wrong in ("narrower", "unchanged"):
        assert "next exercise" in evaluate("qpc-short-step-prediction", wrong).message


@pytest.mark.parametrize("exercise_id", ["qpc-step-hw-x", "qpc-hw-x-ratio"])
@pytest.mark.parametrize("short_length", range(module.PARAMETERS.params["short_length"].low,
                                               module.PARAMETERS.params["short_length"].high + 1))
def test_step_exercises_correct_ten_percent_off_and_no_value_shown(exercise_id, short_length):
    from helpers.checks.variants import variant
    with variant({"channels": {"short_length": short_length}}):
        expected = get_exercise(exercise_id).expected_value
        assert evaluate(exercise_id, expected * 1.005).correct
        for answer in (1.1 * expected, 0.9 * expected):
            result = evaluate(exercise_id, answer)
            assert result.status == "wrong" and "rounding" not in result.message
            assert f"{expected:.3g}" not in result.message and f"{expected:.2g}" not in result.message
        for mistake in get_exercise(exercise_id).mistakes:   # every named slip is well outside the tolerance
            wrong = float(mistake.wrong_answer(expected))
            assert abs(wrong / expected - 1) > 3 * get_exercise(exercise_id).rtol
            assert evaluate(exercise_id, wrong).message == mistake.hint


@pytest.mark.parametrize("exercise_id, answer, words", [
    ("qpc-step-hw-x", lambda: np.subtract(*module.step_edges(module.PARAMETERS.short_length)[::-1]), "width of the step itself"),
    ("qpc-step-hw-x", lambda: np.subtract(*module.step_edges(module.PARAMETERS.short_length)[::-1]) / np.log(81), "2π"),
    ("qpc-step-hw-x", lambda: np.subtract(*module.step_edges(module.LONG_LENGTH)[::-1]) * 2 * np.pi / np.log(81),
     "longer constriction"),
    ("qpc-step-hw-x", lambda: 0.3, "ħω_y"),
    ("qpc-hw-x-ratio", lambda: module.LONG_LENGTH / module.PARAMETERS.short_length, "ratio of the two lengths"),
    ("qpc-hw-x-ratio", lambda: 1 / get_exercise("qpc-hw-x-ratio").expected_value, "upside down"),
    ("qpc-hw-x-ratio", lambda: get_exercise("qpc-hw-x-ratio").expected_value ** 2, "square"),
])
def test_step_mistakes_get_their_own_message(exercise_id, answer, words):
    result = evaluate(exercise_id, answer())
    assert result.status == "wrong" and words in result.message, result.message
