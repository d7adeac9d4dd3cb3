"""Lesson 11 exercises: expected values against independent physics, every hint reachable.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

import re

import numpy as np
import pytest
from scipy import constants as sc

import helpers
from helpers.checks import evaluate, get_exercise
from helpers.checks.variants import variant
from helpers.exercises import quantum_hall as module

P = module.PARAMETERS

IDS = ["hall-plateau-kohm", "edge-channel-count", "landau-transition-field", "disorder-plateau-survival"]
NEW_IDS = ["gated-hall-prediction", "gated-hall-rxx"]


def _clean_G(W, E, flux):
    return float(helpers.transmission(np.zeros((1, W)), E, flux=flux))


@pytest.mark.parametrize("flux", P.params["flux_hall"].choices)
def test_hall_plateau_is_h_over_2e2_over_the_continuum_level_count(flux):
    b = module.HALL_BAR
    nu = int(np.sum(4 * np.pi * flux * (np.arange(20) + 0.5) < b["energy"]))  # equation (1)
    assert nu == {0.03: 3}.get(flux, nu) and nu in (3, 4)
    with variant({"quantum_hall": {"flux_hall": flux}}):
        expected = get_exercise("hall-plateau-kohm").expected_value
    assert expected == pytest.approx(sc.h / (2 * sc.e**2) / nu / 1e3, rel=1e-6)


@pytest.mark.parametrize("energy", P.params["E_count"].choices)
def test_edge_channel_count_is_the_clean_strip_transmission(energy):
    c = module.COUNT
    hw = 4 * np.pi * c["flux"]                                   # continuum prediction, equation (1)
    nu = int(np.sum(hw * (np.arange(20) + 0.5) < energy))
    assert nu == {0.85: 2}.get(energy, nu)
    assert int(np.ceil(energy / hw)) != nu                       # the zero-point slip gives another count
    for shift in (-0.03, 0.0, 0.03):                             # well inside the plateau of the strip
        assert round(_clean_G(c["W"], energy + shift, c["flux"])) == nu
    with variant({"quantum_hall": {"E_count": energy}}):
        assert get_exercise("edge-channel-count").expected_value == nu


@pytest.mark.parametrize("E", [0.7, P.params["E_transition"].low, P.params["E_transition"].high])
def test_transition_field_is_the_step_of_the_clean_strip_conductance(E):
    W = module.TRANSITION["W"]
    low, high = E / (6 * np.pi) * 0.8, E / (6 * np.pi) * 1.2    # around the continuum estimate
    assert _clean_G(W, E, low) == pytest.approx(2) and _clean_G(W, E, high) == pytest.approx(1)
    for _ in range(20):
        middle = 0.5 * (low + high)
        low, high = (middle, high) if _clean_G(W, E, middle) > 1.5 else (low, middle)
    with variant({"quantum_hall": {"E_transition": E}}):
        assert get_exercise("landau-transition-field").expected_value == pytest.approx(low, rel=1e-4)


@pytest.mark.parametrize("seed", P.params["sample_seed"].choices)
def test_disorder_pair_is_the_engine_transmission_of_the_sample(seed):
    s = module.DISORDER_SAMPLE
    V = helpers.anderson_potential(s["L"], s["W"], strength=s["strength"], rng=seed)
    G0, GB = (float(helpers.transmission(V, s["energy"], flux=f)) for f in (0.0, s["flux"]))
    assert G0 < 0.1 and abs(GB - 1) < 1e-5      # the claim of the exercise
    with variant({"quantum_hall": {"sample_seed": seed}}):
        np.testing.assert_allclose(get_exercise("disorder-plateau-survival").expected_value, [G0, GB],
                                   rtol=1e-10)


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
    E = P.E_transition
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
        helpers.multiterminal.hall_bar(b["L"], b["W"], probe_width=b["probe_width"]), b["energy"], flux=P.flux_hall)
    assert abs(helpers.buttiker.hall_bar_resistances(T)["R_xx"]) < 1e-6


# --- a gate across the Hall bar: prediction by edge-channel counting, then the engine ------------

@pytest.mark.parametrize("gate", P.params["V_gate"].choices)
def test_gated_bar_fillings_from_the_clean_strip(gate):
    g = module.GATED_BAR
    # the clean strip's conductance counts the edge channels outside and under the gate
    outside = float(helpers.transmission(np.zeros((1, g["W"])), g["energy"], flux=g["flux"]))
    under = float(helpers.transmission(np.zeros((1, g["W"])), g["energy"] - gate, flux=g["flux"]))
    with variant({"quantum_hall": {"V_gate": gate}}):
        assert module.gated_fillings() == (round(outside), round(under)) == (3, 1 if gate == 1.25 else 2)
        assert module.gated_ideal_rxx() == pytest.approx(1 / round(under) - 1 / 3)


@pytest.mark.parametrize("gate", P.params["V_gate"].choices)
def test_gated_bar_engine_confirms_counting(gate):
    with variant({"quantum_hall": {"V_gate": gate}}):
        R = module.gated_resistances()
        nu, nu_gate = module.gated_fillings()
        # a per cent at the default; the engine's R_xx of the nu = 2 gates is 1-2 % below 1/6
        assert R["R_xx"] == pytest.approx(1 / nu_gate - 1 / nu, rel=0.01 if gate == 1.25 else 0.02)
        assert R["R_xx_bottom"] == pytest.approx(R["R_xx"], rel=1e-9)      # both edges agree
        assert R["R_2t"] == pytest.approx(1 / nu_gate, rel=1e-3)            # the gate's few channels
        assert R["R_xy"] == pytest.approx(1 / nu, rel=0.015)
        assert evaluate("gated-hall-prediction", 1 / nu_gate - 1 / nu).correct
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
