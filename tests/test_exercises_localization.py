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
IDS = ["chain-localization-length", "localized-resistance", "transport-regime", "weak-localization-magnetoresistance",
       "band-edge-prediction", "band-edge-localization-length", "strip-mean-free-path"]
R0_SI = sc.h / (2 * sc.e**2)  # h/2e^2 in ohm, from the SI constants


def test_all_exercises_are_registered():
    assert [e.id for e in ex.EXERCISES] == IDS
    assert all(get_exercise(i) is not None for i in IDS)


# --- expected values against physics stated independently ---------------------------------------

E, WD, X = ex.PARAMETERS.E_chain, ex.PARAMETERS.Wd_chain, ex.PARAMETERS.L_over_xi
XI = 24 * (4 - (E - 2) ** 2) / WD**2   # Thouless: eps = E - 2t measured from the band centre


def test_chain_xi_is_thouless_formula_by_hand():
    # the default: E = 1.5t, eps = -0.5t; xi = 24 (4 - 0.25) / 0.64 = 140.625 sites
    assert get_exercise("chain-localization-length").expected_value == pytest.approx(XI, rel=1e-12)


def test_resistance_is_h_over_2e2_times_e_to_the_two_L_over_xi():
    assert get_exercise("localized-resistance").expected_value == pytest.approx(R0_SI * np.exp(2 * X) / 1e3, rel=1e-12)


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
    ("chain-localization-length", 24 * (4 - E**2) / WD**2, "band centre: ε = E − 2t"),
    ("chain-localization-length", 96 / WD**2, "band-centre value"),
    ("chain-localization-length", XI * WD, "squared"),
    ("chain-localization-length", XI / 2, "factor of 2"),
    ("localized-resistance", R0_SI * np.exp(X) / 1e3, "exp(−2L/ξ)"),
    ("localized-resistance", 2 * R0_SI * np.exp(2 * X) / 1e3, "h/2e²"),
    ("localized-resistance", R0_SI * np.exp(2 * X), "Ω"),
    ("localized-resistance", np.exp(2 * X), "h/2e²"),
])
def test_typical_mistakes_get_their_hint(exercise_id, answer, words):
    result = evaluate(exercise_id, answer)
    assert result.status == "wrong"
    assert words in result.message, result.message


def test_blank_and_broken_answers():
    for exercise_id in IDS:
        assert evaluate(exercise_id, None).status == "not answered"
    assert evaluate("transport-regime", "maybe").status == "wrong"
    for exercise_id in ("chain-localization-length", "localized-resistance", "band-edge-localization-length"):
        expected = get_exercise(exercise_id).expected_value
        message = evaluate(exercise_id, 1.234).message
        assert f"{expected:.1f}" not in message and f"{expected:.0f}" not in message


# --- investigations: the band edge, the mean free path of a strip ----------------------------------

def test_band_edge_fit_is_an_independent_least_squares_and_beats_the_formula():
    lengths, log_T = ex.edge_data()
    assert log_T.shape == (len(ex.EDGE["lengths"]), ex.EDGE["realizations"])
    # unweighted fit of <ln T> against L, written out: slope = cov(L, y) / var(L)
    y = log_T.mean(axis=1)
    slope = np.sum((lengths - lengths.mean()) * (y - y.mean())) / np.sum((lengths - lengths.mean()) ** 2)
    assert evaluate("band-edge-localization-length", -2 / slope).correct
    fit = ex.edge_fit()
    # formula at the band edge: 24 (4 - 1.9^2) / W_d^2 (9.36 sites for W_d = 1), far below the chains' xi
    assert ex.edge_perturbative() == pytest.approx(24 * (4 - 1.9**2) / ex.PARAMETERS.Wd_edge**2, rel=1e-12)
    assert fit.xi - ex.edge_perturbative() > 3 * fit.xi_error
    assert ex.edge_prediction() == "longer"
    assert evaluate("band-edge-prediction", "Longer").correct
    for wrong in ("shorter", "the same"):
        assert evaluate("band-edge-prediction", wrong).status == "wrong"


def test_ensemble_mistakes_lie_outside_three_standard_errors():
    fit = ex.edge_fit()
    for wrong in (ex.edge_perturbative(), ex.edge_fit_of_mean_T(), fit.xi / 2):
        assert abs(wrong - fit.xi) > 3 * fit.xi_error
    l, error = ex.strip_mean_free_path()
    N = ex.strip_data()[1]
    for wrong in (ex.strip_mean_free_path(contacts=False)[0], N * l, ex._strip_l_from_typical()):
        assert abs(wrong - l) > 3 * error
    assert get_exercise("strip-mean-free-path").rtol == pytest.approx(3 * error / l)
    assert get_exercise("band-edge-localization-length").rtol == pytest.approx(2 * fit.xi_error / fit.xi)
    assert get_exercise("band-edge-localization-length").rtol < 0.03


def test_strip_mean_free_path_from_ohms_law_with_contacts():
    lengths, N, T = ex.strip_data()
    assert N == 2 and np.all(T.mean(axis=1) > 1)          # diffusive, not localized
    l = get_exercise("strip-mean-free-path").expected_value
    # the fitted law reproduces each <T> within a few of its standard errors
    ohmic = N * l / (lengths + l)
    sem = T.std(axis=1, ddof=1) / np.sqrt(T.shape[1])
    assert np.all(np.abs(T.mean(axis=1) - ohmic) < 4 * sem)
    # a line with a free intercept is a fair method and passes
    b, a = np.polyfit(lengths, 1 / T.mean(axis=1), 1)
    assert evaluate("strip-mean-free-path", 1 / (N * b)).correct


@pytest.mark.parametrize("answer, words", [
    (lambda: ex.edge_perturbative(), "weak-disorder formula"),
    (lambda: ex.edge_fit_of_mean_T(), "ln⟨T⟩"),
    (lambda: ex.edge_fit().xi / 2, "−2/ξ"),
])
def test_band_edge_mistakes(answer, words):
    result = evaluate("band-edge-localization-length", answer())
    assert result.status == "wrong" and words in result.message, result.message


@pytest.mark.parametrize("answer, words", [
    (lambda: ex.strip_mean_free_path(contacts=False)[0], "contact resistance"),
    (lambda: ex.strip_mean_free_path()[0] * 2, "N times shorter"),
    (lambda: ex._strip_l_from_typical(), "typical transmission"),
])
def test_strip_mistakes(answer, words):
    result = evaluate("strip-mean-free-path", answer())
    assert result.status == "wrong" and words in result.message, result.message


@pytest.mark.parametrize("exercise_id", ["band-edge-localization-length", "strip-mean-free-path"])
def test_new_investigations_ten_percent_off_and_no_leak(exercise_id):
    expected = get_exercise(exercise_id).expected_value
    for answer in (1.1 * expected, 0.9 * expected, 1.234):
        result = evaluate(exercise_id, answer)
        assert result.status == "wrong" and "rounding" not in result.message
        assert f"{expected:.3g}" not in result.message and f"{expected:.1f}" not in result.message


def _grid(name):
    p = ex.PARAMETERS.params[name]
    return np.arange(p.low, p.high + 1e-9, p.step).round(10)


def test_every_variant_stays_in_its_regime():
    """Over the whole ranges: the chain's energy stays off the band centre and off E = t (where
    the eps-for-E slip gives the right number) and its disorder off W_d = 1 (where forgetting the
    square does), ξ stays much longer than a site; near the band edge every ensemble's ξ beats
    the formula by more than 3 standard errors (the prediction "longer" holds) and its mistakes
    lie outside them; every strip ensemble stays diffusive (⟨T⟩ near or above 1, the Ohmic law
    within 4 standard errors), its mistakes outside 3 standard errors."""
    for E_chain in _grid("E_chain"):
        assert 1.05 < E_chain < 1.95
    for Wd in _grid("Wd_chain"):
        assert Wd < 0.95 and 24 * 3 / Wd**2 > 50
    rtol = []
    for Wd in _grid("Wd_edge"):
        fit = ex.edge_fit(Wd)
        assert fit.xi - ex.edge_perturbative(Wd) > 3 * fit.xi_error, Wd
        rtol.append(2 * fit.xi_error / fit.xi)
    assert max(rtol) < 0.03
    xis = [ex.edge_fit(Wd).xi for Wd in _grid("Wd_edge")]
    assert np.all(-np.diff(xis) / xis[1:] > max(rtol))           # neighbours apart beyond the tolerance
    ls = []
    for Wd in _grid("Wd_strip"):
        lengths, N, T = ex.strip_data(Wd)
        mean = T.mean(axis=1)
        sem = T.std(axis=1, ddof=1) / np.sqrt(T.shape[1])
        excess = 1 / mean - 1 / N
        l = np.sum(lengths**2) / (N * np.sum(lengths * excess))
        error = l * np.sqrt(np.sum((lengths * sem / mean**2) ** 2)) / np.sum(lengths * excess)
        assert np.all(mean > 0.95) and np.all(np.abs(mean - N * l / (lengths + l)) < 4 * sem), Wd
        typical = np.sum(lengths**2) / (N * np.sum(lengths * (1 / np.exp(np.log(T).mean(axis=1)) - 1 / N)))
        no_contacts = np.sum(lengths**2) / (N * np.sum(lengths / mean))
        for wrong in (typical, no_contacts, N * l):
            assert abs(wrong - l) > 3 * error, (Wd, wrong)
        ls.append((l, 3 * error / l))
    for (l1, r1), (l2, r2) in zip(ls, ls[1:]):
        assert (l1 - l2) / l2 > max(r1, r2)
