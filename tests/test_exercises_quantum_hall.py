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
