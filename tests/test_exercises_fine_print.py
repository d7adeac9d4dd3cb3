"""Exercises of lesson 8: expected values from independent physics, every Mistake hint reached by
its typical wrong answer.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

from pathlib import Path

import numpy as np
import pytest

import helpers
from helpers.checks import evaluate, get_exercise
from helpers.exercises import fine_print as ex
from helpers.models.probes import bias_currents, effective_transmission, two_barrier_chain

ROOT = Path(__file__).resolve().parent.parent
STEM = "08_fine_print"
IDS = ["incoherent-transmission", "dephasing-length", "probe-half-peak", "probe-ohmic-resistance",
       "relaxation-current"]
NEW_IDS = ["valley-dephasing-prediction", "valley-minimum-resistance"]


def expected(exercise_id):
    return get_exercise(exercise_id).expected_value


def test_all_exercises_are_registered():
    assert [e.id for e in ex.EXERCISES] == IDS + NEW_IDS
    assert all(get_exercise(i) is not None for i in IDS)


# --- expected values against physics stated independently ---------------------------------------

def test_incoherent_pair_by_summing_bounces():
    T1, T2 = ex.PARAMETERS.T1, ex.PARAMETERS.T2
    R1, R2 = 1 - T1, 1 - T2
    bounces = sum(T1 * T2 * (R1 * R2) ** n for n in range(200))     # T1 (R2 R1)^n T2
    assert expected("incoherent-transmission") == pytest.approx(bounces, rel=1e-12)


def velocity(E):
    return 2 * np.sin(np.arccos(1 - E / 2))          # dE/dk on the chain, t = a = hbar = 1


def test_dephasing_length_from_the_dispersion():
    E, eta = ex.PARAMETERS.E_dephasing, ex.PARAMETERS.eta_dephasing
    k = np.arccos(1 - E / 2)
    dk = 1e-6
    v = ((2 - 2 * np.cos(k + dk)) - (2 - 2 * np.cos(k - dk))) / (2 * dk)   # numerical dE/dk
    assert expected("dephasing-length") == pytest.approx(v / eta, rel=1e-8)


def test_half_peak_coupling_halves_the_resonance():
    r = ex.RESONATOR
    V, well = two_barrier_chain(ex.PARAMETERS.barrier_height, r["width"], r["spacing"])
    E = np.linspace(r["near"] - 0.02, r["near"] + 0.02, 40001)
    E_res = E[np.argmax(helpers.transmission(V, E))]
    assert helpers.transmission(V, E_res) == pytest.approx(1, abs=1e-6)
    eta = expected("probe-half-peak")
    assert effective_transmission(V, E_res, well, eta) == pytest.approx(0.5, abs=1e-4)
    assert effective_transmission(V, E_res, well, 0.9 * eta) > 0.51


def test_clean_probes_follow_ohms_law():
    c, n = ex.CLEAN_PROBES, ex.PARAMETERS.n_probes
    ohm = 1 + n * c["eta"] / (2 * velocity(c["energy"]))              # lesson 8, eq. 7
    assert expected("probe-ohmic-resistance") == pytest.approx(ohm, rel=2e-3)


def test_relaxation_excess_is_positive_and_vanishes_in_linear_response():
    r = ex.RELAXATION
    assert 1 < expected("relaxation-current") < 20
    V, well = two_barrier_chain(r["height"], r["width"], r["spacing"])
    mid = 0.5 * (r["mu_L"] + r["mu_R"])
    lin = bias_currents(V, well, ex.PARAMETERS.eta_relaxation, mid + 1e-7, mid - 1e-7, 0.0, points=101)
    assert lin["inelastic"] / lin["elastic"] == pytest.approx(1, abs=1e-5)


# --- verdicts and mistakes -------------------------------------------------------------------------

@pytest.mark.parametrize("exercise_id, answer, words", [
    ("incoherent-transmission", ex.PARAMETERS.T1 * ex.PARAMETERS.T2, "Multiplying"),
    ("incoherent-transmission", 1 / (1 / ex.PARAMETERS.T1 + 1 / ex.PARAMETERS.T2), "contact resistance twice"),
    ("incoherent-transmission", (ex.PARAMETERS.T1 + ex.PARAMETERS.T2) / 2, "do not average"),
    ("dephasing-length", 2 / ex.PARAMETERS.eta_dephasing, "band centre"),
    ("dephasing-length", 2 * velocity(ex.PARAMETERS.E_dephasing) / ex.PARAMETERS.eta_dephasing, "mean free path"),
    ("dephasing-length", 1 / ex.PARAMETERS.eta_dephasing, "velocity"),
    ("probe-ohmic-resistance", "minus_one", "contact resistance"),
    ("probe-ohmic-resistance", "double", "Half of the absorbed"),
    ("probe-ohmic-resistance", "v2", "sin k"),
    ("relaxation-current", "fraction", "per cent"),
    ("relaxation-current", "sign", "sign"),
])
def test_typical_mistakes_get_their_hint(exercise_id, answer, words):
    c, n = ex.CLEAN_PROBES, ex.PARAMETERS.n_probes
    special = {"minus_one": expected("probe-ohmic-resistance") - 1,
               "double": 1 + n * c["eta"] / velocity(c["energy"]),
               "v2": 1 + n * c["eta"] / 4,
               "fraction": expected("relaxation-current") / 100,
               "sign": -expected("relaxation-current")}
    result = evaluate(exercise_id, special.get(answer, answer) if isinstance(answer, str) else answer)
    assert result.status == "wrong"
    assert words in result.message, result.message


def test_probes_everywhere_mistake():
    r = ex.RESONATOR
    V, well = two_barrier_chain(ex.PARAMETERS.barrier_height, r["width"], r["spacing"])
    from scipy.optimize import brentq
    E = np.linspace(r["near"] - 0.02, r["near"] + 0.02, 40001)
    E_res = E[np.argmax(helpers.transmission(V, E))]
    eta_all = brentq(lambda x: effective_transmission(V, E_res, np.arange(V.size), x) - 0.5, 1e-4, 1)
    assert "every site" in evaluate("probe-half-peak", eta_all).message


@pytest.mark.parametrize("exercise_id", IDS)
def test_ten_percent_off_is_wrong_and_blank_is_not_answered(exercise_id):
    for f in (0.9, 1.1, 3.0, -0.3):
        assert evaluate(exercise_id, f * expected(exercise_id)).status == "wrong"
    assert evaluate(exercise_id, None).status == "not answered"
    value = expected(exercise_id)
    message = evaluate(exercise_id, 1.234).message
    assert f"{value:.3f}" not in message and f"{value:.2f}" not in message


def test_correct_answers_are_correct():
    for exercise_id in IDS:
        assert evaluate(exercise_id, expected(exercise_id)).correct


# --- dephasing in a valley: prediction, then the smallest resistance -------------------------------

_HEIGHTS = np.arange(ex.PARAMETERS.params["barrier_height"].low,
                     ex.PARAMETERS.params["barrier_height"].high + 1e-9,
                     ex.PARAMETERS.params["barrier_height"].step).round(10)


@pytest.mark.parametrize("height", _HEIGHTS[::2].tolist() + [ex.PARAMETERS.barrier_height])
def test_valley_energy_is_a_transmission_minimum_between_resonances(height):
    V, well = two_barrier_chain(height, ex.VALLEY["width"], ex.VALLEY["spacing"])
    E_v = ex.valley_energy(height)
    E = np.linspace(1.4, 2.3, 1801)
    T = helpers.transmission(V, E)
    inside = (E > ex.VALLEY["window"][0]) & (E < ex.VALLEY["window"][1])
    assert helpers.transmission(V, E_v) <= T[inside].min() + 1e-12
    assert T[E < E_v].max() > 0.99 and T[E > E_v].max() > 0.99      # resonances on both sides


@pytest.mark.parametrize("height", _HEIGHTS[::2].tolist() + [ex.PARAMETERS.barrier_height])
def test_valley_minimum_on_a_grid_and_against_both_ends(height):
    # every barrier height of the range: the resistance falls, then rises (the prediction's
    # answer, which no parameter changes), and stays above the incoherent pair
    V, well = two_barrier_chain(height, ex.VALLEY["width"], ex.VALLEY["spacing"])
    E_v = ex.valley_energy(height)
    etas = np.geomspace(1e-3, 3.0, 301)
    R = np.array([1 / effective_transmission(V, E_v, well, x) for x in etas])
    eta_best, R_best = ex.valley_minimum(height=height)
    assert R_best <= R.min() + 1e-9 and R_best == pytest.approx(R.min(), rel=1e-3)
    assert R[0] > 2 * R_best and R[-1] > 1.5 * R_best                 # falls, then rises
    coherent, incoherent = ex.valley_resistances(height)
    assert coherent == pytest.approx(R[0], rel=1e-2) and incoherent < R_best < coherent
    assert ex.valley_shape(height) == "falls, then rises"
    assert evaluate("valley-dephasing-prediction", "Falls, then rises").correct
    for wrong in ("keeps falling", "rises"):
        assert evaluate("valley-dephasing-prediction", wrong).status == "wrong"
    if height == ex.PARAMETERS.barrier_height:
        assert evaluate("valley-minimum-resistance", R.min()).correct     # a fine grid passes


@pytest.mark.parametrize("answer, words", [
    (lambda: ex.valley_resistances()[0], "coherent resistance"),
    (lambda: ex.valley_resistances()[1], "fully incoherent"),
    (lambda: 1 / ex.valley_minimum()[1], "transmission"),
    (lambda: ex.valley_minimum()[1] - 1, "contact resistance"),
    (lambda: ex.valley_minimum("all")[1], "every site"),
    (lambda: 1.0, "resonance"),
    (lambda: ex.valley_minimum()[1] * helpers.constants.R0 / 1e3, "kΩ"),
])
def test_valley_mistakes(answer, words):
    result = evaluate("valley-minimum-resistance", answer())
    assert result.status == "wrong" and words in result.message, result.message


def test_valley_ten_percent_off_is_not_rounding_and_no_leak():
    value = expected("valley-minimum-resistance")
    for f in (0.9, 1.1):
        result = evaluate("valley-minimum-resistance", f * value)
        assert result.status == "wrong" and "rounding" not in result.message
    assert f"{value:.3g}" not in evaluate("valley-minimum-resistance", 1.234).message


def test_every_variant_stays_in_its_regime():
    """Over the whole ranges: the resonance of exercise 3 lies within 0.02 t of RESONATOR["near"]
    (T = 1 there) for every barrier height; the energy of exercise 2 stays away from the band
    centre (where the velocity mistake would be right); the inelastic excess of exercise 5 stays
    positive, and every variant's differs from the default's by more than 2 tolerances."""
    r = ex.RESONATOR
    for height in _HEIGHTS:
        V, _ = two_barrier_chain(height, r["width"], r["spacing"])
        E = np.linspace(r["near"] - 0.02, r["near"] + 0.02, 4001)
        T = helpers.transmission(V, E)
        assert 0 < np.argmax(T) < E.size - 1 and T.max() > 0.999, height
    energies = ex.PARAMETERS.params["E_dephasing"]
    assert energies.high < 2 - 0.3 and velocity(energies.low) > 1.2
    default = expected("relaxation-current")
    rtol = get_exercise("relaxation-current").rtol
    V, well = two_barrier_chain(ex.RELAXATION["height"], ex.RELAXATION["width"], ex.RELAXATION["spacing"])
    param = ex.PARAMETERS.params["eta_relaxation"]
    for eta in np.arange(param.low, param.high + 1e-9, param.step):
        if np.isclose(eta, param.default):
            continue
        c = bias_currents(V, well, eta, ex.RELAXATION["mu_L"], ex.RELAXATION["mu_R"], 0.0)
        excess = 100 * (c["inelastic"] / c["elastic"] - 1)
        assert excess > 1 and abs(excess / default - 1) > 2 * rtol, eta
