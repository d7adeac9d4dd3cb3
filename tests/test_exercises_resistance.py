"""Exercises of lesson 1: expected values from independent physics, every Mistake hint reached by
its typical wrong answer.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

from pathlib import Path

import numpy as np
import pytest
from scipy import constants as sc

from helpers.checks import evaluate, get_exercise
from helpers.exercises import resistance as ex

ROOT = Path(__file__).resolve().parent.parent
STEM = "01_resistance_is_reflection"
KOHM = sc.h / (2 * sc.e**2) / 1e3  # h/2e^2 in kOhm, from the SI constants
IDS = ["contact-resistance", "one-scatterer-resistance", "scatterer-resistance-part", "incoherent-chain-resistance",
       "incoherent-resistance-function", "coherent-pair-resistance-prediction",
       "coherent-pair-mean-resistance", "coherent-pair-above-incoherent"]


def test_all_exercises_are_registered():
    assert [e.id for e in ex.EXERCISES] == IDS
    assert all(get_exercise(i) is not None for i in IDS)


# --- expected values against physics stated independently ---------------------------------------

def test_contact_resistance_is_h_over_2e2():
    assert abs(get_exercise("contact-resistance").expected_value - KOHM) < 1e-9
    assert abs(KOHM - 12.906) < 1e-3


def test_one_scatterer_values():
    T = ex.PARAMETERS.T_scatterer
    assert T == 0.25
    total = get_exercise("one-scatterer-resistance").expected_value
    part = get_exercise("scatterer-resistance-part").expected_value
    assert abs(total - 4 * KOHM) < 1e-9                      # G = (2e^2/h) T
    assert abs(part - 3 * KOHM) < 1e-9                       # (1 - T)/T = 3
    assert abs(total - part - KOHM) < 1e-9                   # the rest is the contact


def test_incoherent_chain_value_from_classical_bouncing():
    # Two incoherent scatterers: T12 = T1 T2 / (1 - R1 R2); apply it N - 1 times.
    N, T = ex.PARAMETERS.N_chain, ex.PARAMETERS.T_chain
    total = T
    for _ in range(N - 1):
        total = total * T / (1 - (1 - total) * (1 - T))
    assert abs(get_exercise("incoherent-chain-resistance").expected_value - KOHM / total) < 1e-8
    assert abs(1 / total - 11) < 1e-12


def test_incoherent_function_reference_against_bouncing_rule():
    exercise = get_exercise("incoherent-resistance-function")
    for (Ts,), expected in zip(exercise.inputs, exercise.expected_value):
        total = 1.0
        for T in np.atleast_1d(Ts):
            total = total * T / (1 - (1 - total) * (1 - T))
        assert abs(expected - 1 / total) < 1e-9 * expected


# --- verdicts and mistakes -------------------------------------------------------------------------

def test_correct_answers_are_correct():
    answers = {"contact-resistance": KOHM, "one-scatterer-resistance": 4 * KOHM,
               "scatterer-resistance-part": 3 * KOHM, "incoherent-chain-resistance": 11 * KOHM,
               "incoherent-resistance-function": lambda T: 1 + np.sum(1 / np.asarray(T) - 1)}
    for exercise_id, answer in answers.items():
        assert evaluate(exercise_id, answer).correct, exercise_id


@pytest.mark.parametrize("exercise_id, answer, words", [
    ("contact-resistance", 2 * KOHM, "spin"),                   # h/e^2
    ("contact-resistance", 0.0, "contacts"),
    ("contact-resistance", KOHM * 1e3, "Ω"),                    # ohm instead of kOhm
    ("contact-resistance", 1 / KOHM, "conductance"),            # G0 in mS
    ("one-scatterer-resistance", 3 * KOHM, "scatterer's own part"),
    ("one-scatterer-resistance", 0.25 * KOHM, "divide by T"),
    ("one-scatterer-resistance", KOHM / 0.75, "reflection"),
    ("one-scatterer-resistance", 4 * KOHM * 1e3, "Ω"),
    ("scatterer-resistance-part", 4 * KOHM, "whole two-terminal"),
    ("scatterer-resistance-part", KOHM, "contact part"),
    ("scatterer-resistance-part", KOHM / 3, "reflection over transmission"),
    ("incoherent-chain-resistance", KOHM * 2**10, "Multiplying"),
    ("incoherent-chain-resistance", 10 * 2 * KOHM, "only one pair of contacts"),
    ("incoherent-chain-resistance", 10 * KOHM, "forgot the contacts"),
    ("incoherent-chain-resistance", -11 * KOHM, "sign"),
])
def test_typical_mistakes_get_their_hint(exercise_id, answer, words):
    result = evaluate(exercise_id, answer)
    assert result.status == "wrong"
    assert words in result.message, result.message


@pytest.mark.parametrize("function, words", [
    (lambda T: float(np.sum(1 / np.asarray(T))), "once per scatterer"),
    (lambda T: 1 / (1 + np.sum(1 / np.asarray(T) - 1)), "transmission of the chain"),
    (lambda T: 1 / np.prod(T), "multiplying the transmissions"),
    (lambda T: np.sum(1 / np.asarray(T) - 1), "contact resistance is missing"),
    (lambda T: KOHM * (1 + np.sum(1 / np.asarray(T) - 1)), "returns kΩ"),
    (lambda T: 1e3 * KOHM * (1 + np.sum(1 / np.asarray(T) - 1)), "returns Ω"),
])
def test_function_mistakes_get_their_hint(function, words):
    result = evaluate("incoherent-resistance-function", function)
    assert result.status == "wrong"
    assert words in result.message, result.message


def test_blank_and_broken_answers():
    assert evaluate("contact-resistance", None).status == "not answered"
    assert evaluate("incoherent-resistance-function", None).status == "not answered"
    assert evaluate("incoherent-resistance-function", lambda T: None).status == "not answered"
    assert evaluate("incoherent-resistance-function", lambda T: 1 / 0).status == "error"
    assert evaluate("one-scatterer-resistance", "51.6").status == "wrong"
    # the hints never give the expected number away
    for exercise_id in IDS[:4]:
        message = evaluate(exercise_id, 1.234).message
        assert "51.6" not in message and "38.7" not in message and "142" not in message


# --- the coherent pair (investigations) -------------------------------------------------------------

def _pair_resistance(theta):
    """1/T of the Fabry-Perot pair, equation (5) of the lesson written out by hand."""
    T1, T2 = ex.PARAMETERS.T1_pair, ex.PARAMETERS.T2_pair
    rho = np.sqrt((1 - T1) * (1 - T2))
    return (1 + rho**2 - 2 * rho * np.cos(theta)) / (T1 * T2)


def test_pair_composition_matches_the_fabry_perot_formula():
    theta = np.linspace(0, 2 * np.pi, 37)
    assert np.allclose(1 / ex.pair_transmission(theta), _pair_resistance(theta), rtol=1e-9)
    # the phase average of T is the incoherent value (stated in the lesson)
    assert np.mean(ex.pair_transmission(ex.PAIR_PHASES)) == pytest.approx(
        float(ex.incoherent_transmission((ex.PARAMETERS.T1_pair, ex.PARAMETERS.T2_pair))), rel=1e-9)


def test_pair_expected_values_from_closed_forms():
    T1, T2 = ex.PARAMETERS.T1_pair, ex.PARAMETERS.T2_pair
    R1R2 = (1 - T1) * (1 - T2)
    # <1/T> = (1 + R1 R2)/(T1 T2): the integral of cos over a period vanishes
    assert get_exercise("coherent-pair-mean-resistance").expected_value == pytest.approx(
        (1 + R1R2) / (T1 * T2), rel=1e-9)
    # 1/T > incoherent  <=>  cos(theta) < sqrt(R1 R2)
    assert get_exercise("coherent-pair-above-incoherent").expected_value == pytest.approx(
        1 - np.arccos(np.sqrt(R1R2)) / np.pi, abs=2 / len(ex.PAIR_PHASES))


@pytest.mark.parametrize("exercise_id", ["coherent-pair-mean-resistance", "coherent-pair-above-incoherent"])
def test_pair_correct_ten_percent_off_and_no_value_shown(exercise_id):
    expected = get_exercise(exercise_id).expected_value
    assert evaluate(exercise_id, expected * 1.004).correct
    for answer in (1.1 * expected, 0.9 * expected):
        result = evaluate(exercise_id, answer)
        assert result.status == "wrong" and "rounding" not in result.message, result.message
        for shown in {f"{expected:.3g}", f"{expected:.2f}"}:
            assert shown not in result.message


def test_pair_prediction_options():
    assert evaluate("coherent-pair-resistance-prediction", "Larger").correct
    for wrong in ("equal", "smaller"):
        result = evaluate("coherent-pair-resistance-prediction", wrong)
        assert result.status == "wrong" and "next exercise" in result.message


@pytest.mark.parametrize("exercise_id, answer, words", [
    ("coherent-pair-mean-resistance", lambda: 1 / ex.incoherent_transmission((ex.PARAMETERS.T1_pair, ex.PARAMETERS.T2_pair)), "incoherent resistance"),
    ("coherent-pair-mean-resistance", lambda: 1 / (ex.PARAMETERS.T1_pair * ex.PARAMETERS.T2_pair), "multiple reflections"),
    ("coherent-pair-mean-resistance", lambda: ex.incoherent_transmission((ex.PARAMETERS.T1_pair, ex.PARAMETERS.T2_pair)), "phase-averaged transmission"),
    ("coherent-pair-mean-resistance", lambda: np.mean(_pair_resistance(ex.PAIR_PHASES)) - 1, "contacts"),
    ("coherent-pair-mean-resistance", lambda: KOHM * np.mean(_pair_resistance(ex.PAIR_PHASES)), "kΩ"),
    ("coherent-pair-above-incoherent", lambda: 1 - get_exercise("coherent-pair-above-incoherent").expected_value,
     "opposite"),
    ("coherent-pair-above-incoherent", lambda: 0.5, "symmetric"),
    ("coherent-pair-above-incoherent", lambda: 100 * get_exercise("coherent-pair-above-incoherent").expected_value,
     "percentage"),
])
def test_pair_mistakes_get_their_own_message(exercise_id, answer, words):
    result = evaluate(exercise_id, answer())
    assert result.status == "wrong" and words in result.message, result.message
    expected = get_exercise(exercise_id).expected_value
    assert f"{expected:.3g}" not in result.message


def test_every_coherent_pair_variant_has_its_own_answers():
    """The pair's answers change slowly with T1 and T2: every allowed pair other than the
    default keeps both answers more than three tolerances (1 % each) from the default's."""
    import itertools

    from helpers.checks import variant
    params = ex.PARAMETERS.params
    default = (ex._pair_mean_resistance(), ex._pair_fraction_above())
    pairs = itertools.product([v for v in params["T1_pair"].choices if v != params["T1_pair"].default],
                              [v for v in params["T2_pair"].choices if v != params["T2_pair"].default])
    for T1, T2 in pairs:
        with variant({"resistance": {"T1_pair": T1, "T2_pair": T2}}):
            mean, fraction = ex._pair_mean_resistance(), ex._pair_fraction_above()
        assert abs(mean / default[0] - 1) > 0.03 and abs(fraction / default[1] - 1) > 0.03, (T1, T2)
