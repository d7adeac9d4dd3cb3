"""Lesson 11 exercises: expected values against independent physics, every hint reachable.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

import re

import numpy as np
import pytest
from scipy import constants as sc

import helpers
from helpers.checks import evaluate, get_exercise
from helpers.exercises import quantum_hall as module

IDS = ["hall-plateau-kohm", "edge-channel-count", "landau-transition-field", "disorder-plateau-survival"]
NEW_IDS = ["gated-hall-prediction", "gated-hall-rxx"]


def _clean_G(W, E, flux):
    return float(helpers.transmission(np.zeros((1, W)), E, flux=flux))


def test_hall_plateau_is_h_over_2e2_over_the_continuum_level_count():
    b = module.HALL_BAR
    nu = int(np.sum(4 * np.pi * b["flux"] * (np.arange(20) + 0.5) < b["energy"]))  # equation (1)
    assert nu == 3
    expected = get_exercise("hall-plateau-kohm").expected_value
    assert expected == pytest.approx(sc.h / (2 * sc.e**2) / nu / 1e3, rel=1e-6)


def test_edge_channel_count_is_the_clean_strip_transmission():
    c = module.COUNT
    assert get_exercise("edge-channel-count").expected_value == round(_clean_G(c["W"], c["energy"], c["flux"])) == 2


def test_transition_field_is_the_step_of_the_clean_strip_conductance():
    W, E = module.TRANSITION["W"], module.TRANSITION["energy"]
    low, high = 0.03, 0.05                     # independent: bisection on the engine's transmission
    assert _clean_G(W, E, low) == pytest.approx(2) and _clean_G(W, E, high) == pytest.approx(1)
    for _ in range(20):
        middle = 0.5 * (low + high)
        low, high = (middle, high) if _clean_G(W, E, middle) > 1.5 else (low, middle)
    assert get_exercise("landau-transition-field").expected_value == pytest.approx(low, rel=1e-4)


def test_disorder_pair_is_the_engine_transmission_of_the_sample():
    s = module.DISORDER_SAMPLE
    V = helpers.anderson_potential(s["L"], s["W"], strength=s["strength"], rng=s["seed"])
    G0, GB = (float(helpers.transmission(V, s["energy"], flux=f)) for f in (0.0, s["flux"]))
    assert G0 < 0.1 and abs(GB - 1) < 1e-5      # the claim of the exercise
    np.testing.assert_allclose(get_exercise("disorder-plateau-survival").expected_value, [G0, GB], rtol=1e-10)


@pytest.mark.parametrize("exercise_id", IDS)
def test_solution_correct_ten_percent_off_wrong_and_blank(exercise_id):
    expected = np.asarray(get_exercise(exercise_id).expected_value, float)
    assert evaluate(exercise_id, expected.tolist()).correct
    off = evaluate(exercise_id, (expected * 1.1).tolist())
    assert off.status == "wrong"
    assert evaluate(exercise_id, None).status == "not answered"


@pytest.mark.parametrize("exercise_id", IDS)
def test_each_named_mistake_gets_its_own_message_without_the_answer(exercise_id):
    exercise = get_exercise(exercise_id)
    expected = exercise.expected_value
    # the expected value as a number on its own ("2" in "2e²/h" is not the answer 2)
    shown = [re.compile(rf"(?<![\w.]){re.escape(f'{float(x):.3g}')}(?![\w])")
             for x in np.atleast_1d(expected) if f"{float(x):.3g}" != "1"]
    for mistake in exercise.mistakes:
        wrong = mistake.wrong_answer(expected)
        result = evaluate(exercise_id, wrong.tolist())
        assert result.status == "wrong", mistake.hint
        assert result.message.startswith(mistake.hint), (mistake.hint, result.message)
        assert not any(pattern.search(result.message) for pattern in shown), result.message


@pytest.mark.parametrize("answer, hint", [
    (1 / 3, "units of h/2e²"),
    (sc.h / sc.e**2 / 3e3, "h/e²"),
    (3 * sc.h / (2 * sc.e**2) / 1e3, "do not multiply"),
    (sc.h / (2 * sc.e**2) / 1e3, "ν = 1"),
    (4302.1, "Ω"),
])
def test_hall_resistance_hints(answer, hint):
    result = evaluate("hall-plateau-kohm", answer)
    assert result.status == "wrong" and hint in result.message
    assert "4.30" not in result.message


@pytest.mark.parametrize("answer, hint", [(3, "zero-point"), (1, "n = 0"), (4, "spin")])
def test_edge_channel_count_hints(answer, hint):
    result = evaluate("edge-channel-count", answer)
    assert result.status == "wrong" and hint in result.message


def test_transition_hints_name_the_continuum_and_the_half():
    E = module.TRANSITION["energy"]
    assert "continuum" in evaluate("landau-transition-field", E / (6 * np.pi)).message
    assert "1/2" in evaluate("landau-transition-field", E / (4 * np.pi)).message


def test_choice_verdicts():
    exercise = get_exercise("plateau-longitudinal-resistance")
    assert [label for label, (ok, _) in exercise.options.items() if ok] == ["zero"]
    assert evaluate("plateau-longitudinal-resistance", "zero").correct
    for label in exercise.options:
        if label != "zero":
            assert evaluate("plateau-longitudinal-resistance", label).status == "wrong"
    assert evaluate("plateau-longitudinal-resistance", None).status == "not answered"


def test_the_choice_is_the_physics_of_a_plateau():
    b = module.HALL_BAR
    T, _ = helpers.multiterminal.transmission_matrix(
        helpers.multiterminal.hall_bar(b["L"], b["W"], probe_width=b["probe_width"]), b["energy"], flux=b["flux"])
    assert abs(helpers.buttiker.hall_bar_resistances(T)["R_xx"]) < 1e-6


# --- a gate across the Hall bar: prediction by edge-channel counting, then the engine ------------

def test_gated_bar_fillings_from_the_clean_strip():
    g = module.GATED_BAR
    # the clean strip's conductance counts the edge channels outside and under the gate
    outside = float(helpers.transmission(np.zeros((1, g["W"])), g["energy"], flux=g["flux"]))
    under = float(helpers.transmission(np.zeros((1, g["W"])), g["energy"] - g["gate"], flux=g["flux"]))
    assert module.gated_fillings() == (round(outside), round(under)) == (3, 1)
    assert module.gated_ideal_rxx() == pytest.approx(1 - 1 / 3)


def test_gated_bar_engine_confirms_counting():
    R = module.gated_resistances()
    nu, nu_gate = module.gated_fillings()
    assert R["R_xx"] == pytest.approx(1 / nu_gate - 1 / nu, rel=0.01)
    assert R["R_xx_bottom"] == pytest.approx(R["R_xx"], rel=1e-9)      # both edges agree
    assert R["R_2t"] == pytest.approx(1 / nu_gate, rel=1e-3)            # the gate's few channels
    assert R["R_xy"] == pytest.approx(1 / nu, rel=0.01)
    assert evaluate("gated-hall-prediction", 2 / 3).correct
    assert evaluate("gated-hall-rxx", R["R_xx"]).correct


@pytest.mark.parametrize("exercise_id", ["gated-hall-prediction", "gated-hall-rxx"])
@pytest.mark.parametrize("answer, words", [
    (0.0, "vanishes only when"),
    (1.0, "gated region alone"),
    (1 / 3, "Hall resistance of the ungated bar"),
    (4 / 3, "do not add"),
])
def test_gated_bar_mistakes(exercise_id, answer, words):
    result = evaluate(exercise_id, answer)
    assert result.status == "wrong" and words in result.message, result.message


def test_gated_bar_ideal_value_is_named_in_the_computation_and_no_leak():
    assert "ideal edge-channel count" in evaluate("gated-hall-rxx", 2 / 3).message
    for exercise_id in ("gated-hall-prediction", "gated-hall-rxx"):
        value = get_exercise(exercise_id).expected_value
        for f in (0.9, 1.1):
            result = evaluate(exercise_id, f * value)
            assert result.status == "wrong" and "rounding" not in result.message
        assert f"{value:.3g}" not in evaluate(exercise_id, 0.5).message
        assert "kΩ" in evaluate(exercise_id, value * helpers.constants.R0 / 1e3).message


def test_new_exercises_are_appended_and_registered():
    assert [e.id for e in module.EXERCISES][-len(NEW_IDS):] == NEW_IDS
    assert all(get_exercise(i) is not None for i in NEW_IDS)
