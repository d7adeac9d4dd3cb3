"""Lesson 13 exercises: expected values against independent physics, every named mistake
reachable with its own message, a 10 % error is wrong, no feedback gives the value away.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

import math

import numpy as np
import pytest

import helpers
from helpers.checks import evaluate, get_exercise
from helpers.checks.variants import variant
from helpers.exercises import andreev as module
from helpers.models.andreev import btk_conductance

P = module.PARAMETERS
NUMERIC = ["transparent-strip-subgap", "warm-ns-equals-normal", "tunnel-gap-from-peak",
           "beenakker-zero-bias", "disordered-ns-ratio"]


def test_expected_values_from_independent_physics():
    # a clean strip with N open channels Andreev-reflects completely: 2N, up to (Delta / 2 mu)^2
    N = int(helpers.open_modes(module.STRIP_MU, P.W_strip))
    assert N == 3
    assert get_exercise("transparent-strip-subgap").expected_value == pytest.approx(2 * N, rel=1e-3)
    # zero temperature: 2 T^2 / (2 - T)^2 = T at T = 3 - sqrt(5); warm: G_NS(0) = G_N at the answer
    T_star = 3 - math.sqrt(5)
    assert module._z_equal(0.0) == pytest.approx(math.sqrt(1 / T_star - 1), rel=1e-9)
    Z_warm = get_exercise("warm-ns-equals-normal").expected_value
    assert btk_conductance(0.0, delta=2.0, Z=Z_warm, kT=2 * P.kT_warm) == pytest.approx(
        1 / (1 + Z_warm**2), rel=1e-6)
    assert Z_warm > 1.1 * module._z_equal(0.0)
    # the warm spectrum of the fitted gap peaks at the measured bias (adaptive Landauer integral)
    gap = get_exercise("tunnel-gap-from-peak").expected_value
    bias = P.peak_meV + np.array([-0.003, 0.0, 0.003])
    G = btk_conductance(bias, delta=gap, Z=module.TUNNEL_Z, kT=module.TUNNEL_KT_MEV)
    assert G[1] > G[0] and G[1] > G[2]
    assert 0.7 * P.peak_meV < gap < 0.95 * P.peak_meV
    # Beenakker from the eigenvalues, written out
    T = np.array([P.T_1, P.T_2, P.T_3, P.T_4])
    assert get_exercise("beenakker-zero-bias").expected_value == pytest.approx(
        sum(2 * x**2 / (2 - x) ** 2 for x in T), rel=1e-12)
    # the disordered strip: the ratio from the full lattice NS calculation (an independent method)
    V = module.disordered_strip()
    G_NS = helpers.ns_conductance(V, 0.0, mu=module.DISORDER_MU, delta=1e-3)
    G_N = helpers.transmission(V, module.DISORDER_MU)
    assert get_exercise("disordered-ns-ratio").expected_value == pytest.approx(G_NS / G_N, rel=2e-3)


@pytest.mark.parametrize("exercise_id", NUMERIC)
def test_solution_is_correct_and_ten_percent_off_is_wrong(exercise_id):
    value = get_exercise(exercise_id).expected_value
    assert evaluate(exercise_id, value).correct
    for off in (1.1, 0.9):
        result = evaluate(exercise_id, value * off)
        assert result.status == "wrong"
    assert evaluate(exercise_id, None).status == "not answered"


@pytest.mark.parametrize("exercise_id", NUMERIC)
def test_each_named_mistake_triggers_its_own_message_without_the_value(exercise_id):
    exercise = get_exercise(exercise_id)
    value = exercise.expected_value
    shown = {f"{value:.2f}", f"{value:.3f}", f"{value:.4f}"}
    for mistake in exercise.mistakes:
        wrong = float(mistake.wrong_answer(value))
        result = evaluate(exercise_id, wrong)
        assert result.status == "wrong" and result.message == mistake.hint, (exercise_id, mistake.hint)
        assert not any(text in result.message for text in shown)


@pytest.mark.parametrize("exercise_id, answer, words", [
    ("transparent-strip-subgap", 3.0, "normal-state conductance"),
    ("transparent-strip-subgap", 12.0, "spin twice"),
    ("warm-ns-equals-normal", 0.5559, "zero temperature"),
    ("warm-ns-equals-normal", 0.0, "Z = 0"),
    ("tunnel-gap-from-peak", P.peak_meV, "position of the peak"),
    ("tunnel-gap-from-peak", 1e-3 * get_exercise("tunnel-gap-from-peak").expected_value, "eV"),
    ("beenakker-zero-bias", P.T_1 + P.T_2 + P.T_3 + P.T_4, "normal-state conductance"),
    ("beenakker-zero-bias", 2 * (P.T_1 + P.T_2 + P.T_3 + P.T_4), "twice the normal-state"),
    ("disordered-ns-ratio", 2.0, "ballistic"),
])
def test_typical_slips_by_hand(exercise_id, answer, words):
    result = evaluate(exercise_id, answer)
    assert result.status == "wrong" and words in result.message


def test_choice_verdicts():
    assert evaluate("tunnel-spectrum-meaning", "the BCS density of states of the superconductor").correct
    result = evaluate("tunnel-spectrum-meaning", "the Andreev reflection probability")
    assert result.status == "wrong" and "T_N²" in result.message
    assert evaluate("tunnel-spectrum-meaning", None).status == "not answered"


# --- a tunnel contact warmed up: prediction, then the temperature of half the normal value -------

def _direct_ratio(kT):
    """G_NS(0)/G_N from the BTK probabilities written out (A, B at zero temperature, thermally
    averaged with -df/dE), an independent route to the helper's warm conductance."""
    Z = P.Z_tunnel
    E = np.linspace(-40 * kT, 40 * kT, 400001)
    x = np.abs(E)
    sub = x < 1
    A = np.zeros_like(E)
    B = np.zeros_like(E)
    A[sub] = 1 / (x[sub] ** 2 + (1 - x[sub] ** 2) * (1 + 2 * Z**2) ** 2)
    B[sub] = 1 - A[sub]
    u2 = 0.5 * (1 + np.sqrt(np.maximum(x[~sub] ** 2 - 1, 0)) / x[~sub])
    v2 = 1 - u2
    gamma2 = (u2 + Z**2 * (u2 - v2)) ** 2
    A[~sub] = u2 * v2 / gamma2
    B[~sub] = (u2 - v2) ** 2 * Z**2 * (1 + Z**2) / gamma2
    window = 1 / (4 * kT * np.cosh(E / (2 * kT)) ** 2)
    G = np.trapezoid((1 + A - B) * window, E)
    return G * (1 + Z**2)


def test_warm_tunnel_expected_value_against_btk_written_out():
    kT = get_exercise("warm-tunnel-half-normal").expected_value
    assert _direct_ratio(kT) == pytest.approx(0.5, rel=2e-3)
    w = module.WARM_TUNNEL
    assert _direct_ratio(w["warm_kT"]) > 5 * _direct_ratio(w["cold_kT"])     # it rises
    assert module.warm_tunnel_trend() == "it rises"
    assert evaluate("warm-tunnel-prediction", "It rises").correct
    for wrong in ("it falls", "it stays the same"):
        assert evaluate("warm-tunnel-prediction", wrong).status == "wrong"


def test_warm_tunnel_mistakes_and_no_leak():
    kT = get_exercise("warm-tunnel-half-normal").expected_value
    assert "critical temperature" in evaluate("warm-tunnel-half-normal", 1.764 * kT).message
    assert "factor of 2" in evaluate("warm-tunnel-half-normal", 2 * kT).message
    for f in (0.9, 1.1):
        result = evaluate("warm-tunnel-half-normal", f * kT)
        assert result.status == "wrong" and "rounding" not in result.message
    assert f"{kT:.3g}" not in evaluate("warm-tunnel-half-normal", 0.3).message
    assert [e.id for e in module.EXERCISES][-2:] == ["warm-tunnel-prediction", "warm-tunnel-half-normal"]


# --- the variants: every choice and both ends of every range keep the exercise's physics --------

@pytest.mark.parametrize("W", P.params["W_strip"].choices)
def test_every_strip_width_is_well_inside_a_channel_count(W):
    eps = 2 * (1 - np.cos(np.arange(1, W + 1) * np.pi / (W + 1)))     # subband edges at mu
    assert np.min(np.abs(eps - module.STRIP_MU)) > 0.13
    N = int(np.sum(eps < module.STRIP_MU))
    with variant({"andreev": {"W_strip": W}}):
        assert get_exercise("transparent-strip-subgap").expected_value == pytest.approx(2 * N, rel=1e-3)


@pytest.mark.parametrize("seed", P.params["strip_seed"].choices)
def test_every_disorder_sample_ratio_from_the_lattice_ns_calculation(seed):
    V = module.disordered_strip(seed)
    ratio = helpers.ns_conductance(V, 0.0, mu=module.DISORDER_MU, delta=1e-3) / helpers.transmission(V, module.DISORDER_MU)
    assert 1.05 < ratio < 2                                          # "between 1 and 2"
    with variant({"andreev": {"strip_seed": seed}}):
        assert get_exercise("disordered-ns-ratio").expected_value == pytest.approx(ratio, rel=2e-3)


@pytest.mark.parametrize("Z", P.params["Z_tunnel"].choices)
def test_every_barrier_rises_and_halves_between_the_two_temperatures(Z):
    with variant({"andreev": {"Z_tunnel": Z}}):
        w = module.WARM_TUNNEL
        kT = get_exercise("warm-tunnel-half-normal").expected_value
        assert w["cold_kT"] < kT < w["warm_kT"]                      # the notebook's search interval
        assert _direct_ratio(kT) == pytest.approx(0.5, rel=2e-3)
        assert module.warm_tunnel_trend() == "it rises"


@pytest.mark.parametrize("kT", [P.params["kT_warm"].low, P.params["kT_warm"].high])
def test_the_warm_crossing_stays_apart_from_the_cold_one(kT):
    with variant({"andreev": {"kT_warm": kT}}):
        Z = get_exercise("warm-ns-equals-normal").expected_value
    assert btk_conductance(0.0, delta=1.0, Z=Z, kT=kT) == pytest.approx(1 / (1 + Z**2), rel=1e-6)
    assert Z > 1.05 * module._z_equal(0.0)


@pytest.mark.parametrize("peak", [P.params["peak_meV"].low, P.params["peak_meV"].high])
def test_the_gap_from_the_peak_over_the_range(peak):
    with variant({"andreev": {"peak_meV": peak}}):
        gap = get_exercise("tunnel-gap-from-peak").expected_value
    bias = peak + np.array([-0.003, 0.0, 0.003])
    G = btk_conductance(bias, delta=gap, Z=module.TUNNEL_Z, kT=module.TUNNEL_KT_MEV)
    assert G[1] > G[0] and G[1] > G[2]
    assert 0.7 * peak < gap < 0.95 * peak


def test_every_set_of_eigenvalues_keeps_ns_apart_from_normal():
    # the corners of the box: Beenakker's sum at least 4 % above the normal-state sum
    import itertools
    ranges = [(P.params[n].low, P.params[n].high) for n in ("T_1", "T_2", "T_3", "T_4")]
    for corner in itertools.product(*ranges):
        T = np.array(corner)
        assert np.sum(2 * T**2 / (2 - T) ** 2) > 1.04 * np.sum(T)
