"""Exercises of lesson 7: expected values from independent physics, every Mistake hint reached by
its typical wrong answer.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

from pathlib import Path

import numpy as np
import pytest
from scipy import constants as sc

from helpers.checks import evaluate, get_exercise
from helpers.exercises import localization as ex

ROOT = Path(__file__).resolve().parent.parent
STEM = "07_localization"
IDS = ["chain-localization-length", "localized-resistance", "fitted-localization-length", "transport-regime", "weak-localization-magnetoresistance"]
R0_SI = sc.h / (2 * sc.e**2)  # h/2e^2 in ohm, from the SI constants


def test_all_exercises_are_registered():
    assert [e.id for e in ex.EXERCISES] == IDS
    assert all(get_exercise(i) is not None for i in IDS)


# --- expected values against physics stated independently ---------------------------------------

def test_chain_xi_is_thouless_formula_by_hand():
    # E = 1.5t: eps = -0.5t; xi = 24 (4 - 0.25) / 0.64 = 140.625 sites
    assert get_exercise("chain-localization-length").expected_value == pytest.approx(140.625, rel=1e-12)


def test_resistance_is_h_over_2e2_times_e_to_the_six():
    assert get_exercise("localized-resistance").expected_value == pytest.approx(R0_SI * np.exp(6) / 1e3, rel=1e-12)
    assert 5.2e3 < get_exercise("localized-resistance").expected_value < 5.21e3  # about 5.2 MOhm


def test_fitted_xi_agrees_with_perturbation_theory():
    """Chains at E = 1t, Wd = 1.2t: Thouless gives 24 x 3 / 1.44 = 50 sites."""
    xi = get_exercise("fitted-localization-length").expected_value
    lengths, log_T = ex.fit_data()
    assert log_T.shape == (4, 100)
    slope, _ = np.polyfit(lengths, log_T.mean(axis=1), 1)
    assert xi == pytest.approx(-2 / slope, rel=0.05)  # an unweighted fit also passes
    assert abs(xi - 50) < 0.06 * 50
    assert evaluate("fitted-localization-length", -2 / slope).correct


def test_regime_answer_follows_from_l_and_xi():
    w = ex.REGIME_WIRE
    xi = (w["N"] + 1) * w["l_nm"]
    assert w["l_nm"] < w["L_nm"] < xi
    assert ex.wire_regime() == "diffusive"
    assert evaluate("transport-regime", "Diffusive").correct
    for wrong in ("ballistic", "localized"):
        assert evaluate("transport-regime", wrong).status == "wrong"


def test_magnetoresistance_answer():
    assert evaluate("weak-localization-magnetoresistance", "it increases").correct
    assert evaluate("weak-localization-magnetoresistance", "it decreases").status == "wrong"


# --- verdicts and mistakes -------------------------------------------------------------------------

@pytest.mark.parametrize("exercise_id, answer, words", [
    ("chain-localization-length", 24 * (4 - 1.5**2) / 0.8**2, "band centre: ε = E − 2t"),
    ("chain-localization-length", 96 / 0.8**2, "band-centre value"),
    ("chain-localization-length", 24 * 3.75 / 0.8, "squared"),
    ("chain-localization-length", 24 * 3.75 / 0.64 / 2, "factor of 2"),
    ("localized-resistance", R0_SI * np.exp(3) / 1e3, "exp(−2L/ξ)"),
    ("localized-resistance", 2 * R0_SI * np.exp(6) / 1e3, "h/2e²"),
    ("localized-resistance", R0_SI * np.exp(6), "Ω"),
    ("localized-resistance", np.exp(6), "h/2e²"),
    ("fitted-localization-length", ex.fit_of_mean_T(), "ln⟨T⟩"),
    ("fitted-localization-length", get_exercise("fitted-localization-length").expected_value / 2, "factor of 2"),
])
def test_typical_mistakes_get_their_hint(exercise_id, answer, words):
    result = evaluate(exercise_id, answer)
    assert result.status == "wrong"
    assert words in result.message, result.message


def test_blank_and_broken_answers():
    for exercise_id in IDS:
        assert evaluate(exercise_id, None).status == "not answered"
    assert evaluate("transport-regime", "maybe").status == "wrong"
    for exercise_id in ("chain-localization-length", "localized-resistance", "fitted-localization-length"):
        expected = get_exercise(exercise_id).expected_value
        message = evaluate(exercise_id, 1.234).message
        assert f"{expected:.1f}" not in message and f"{expected:.0f}" not in message
