"""Lesson 10 exercises: expected values against independent physics, every named mistake reachable.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

import numpy as np
import pytest
from scipy import constants as sc

from helpers.checks import evaluate, get_exercise
from helpers.exercises import terminals as module
from helpers.multiterminal import cross, transmission_matrix

KOHM = sc.h / (2 * sc.e**2) / 1e3
P = module.PARAMETERS
T3 = module.three_terminal_transmissions(P.T_12, P.T_13, P.T_31, P.T_32)
NUMERIC = ["probe-floating-voltage", "probe-circuit-resistance", "ballistic-two-terminal-resistance",
           "probe-coupling-threshold", "reciprocal-resistance"]


def test_three_terminal_matrix_obeys_the_sum_rules_and_is_not_symmetric():
    assert np.allclose(T3.sum(axis=0), [2, 2, 1]) and np.allclose(T3.sum(axis=1), [2, 2, 1])
    assert not np.allclose(T3, T3.T)


def test_floating_probe_and_circuit_by_hand():
    # I_3 = 0: T_31 (V_3 - V_1) + T_32 (V_3 - V_2) = 0 with V_2 = 0
    V1 = P.V1_mV
    V3 = T3[2, 0] * V1 / (T3[2, 0] + T3[2, 1])
    assert get_exercise("probe-floating-voltage").expected_value == pytest.approx(V3, rel=1e-12)
    I1 = T3[0, 1] * V1 + T3[0, 2] * (V1 - V3)             # in units of G0 x mV
    assert get_exercise("probe-circuit-resistance").expected_value == pytest.approx(V1 / I1 * KOHM, rel=1e-9)


def test_ballistic_wire_is_the_contact_resistance():
    expected = get_exercise("ballistic-two-terminal-resistance").expected_value
    W = P.W_wire
    N = (W + 1) // 3                                       # W = 8 at E = 1.2 t: subbands 0.12, 0.47, 1.0 t open
    eps = 2 * (1 - np.cos(np.arange(1, W + 1) * np.pi / (W + 1)))
    assert np.sum(eps < module.BALLISTIC_WIRE["energy"]) == N
    assert expected == pytest.approx(KOHM / N, rel=5e-3)
    assert abs(module._ballistic_four_terminal_kohm()) < 1e-2


def test_coupling_threshold_crosses_ten_percent():
    c = get_exercise("probe-coupling-threshold").expected_value
    from helpers.models.terminals import wire_readings, wire_transmissions
    below, above = (wire_readings(wire_transmissions(module.THRESHOLD_PROBES, x))["R_4t"] for x in (0.98 * c, 1.02 * c))
    assert below < P.R4t_target < above


def test_reciprocal_resistance_equals_the_original_measurement():
    # R_42,13(-B) = R_13,42(+B), computed here with the engine directly
    from helpers.buttiker import four_terminal_resistance
    from helpers.disorder import anderson_potential
    c = module.RECIPROCITY_CROSS
    sample = cross(c["W"], V=anderson_potential(c["W"], c["W"], strength=c["disorder"], rng=P.cross_seed))
    T_plus, _ = transmission_matrix(sample, c["energy"], flux=c["flux"])
    expected = get_exercise("reciprocal-resistance").expected_value
    assert expected == pytest.approx(four_terminal_resistance(T_plus, 0, 2, 3, 1) * KOHM, rel=1e-9)


@pytest.mark.parametrize("exercise_id", NUMERIC)
def test_correct_ten_percent_off_and_blank(exercise_id):
    exercise = get_exercise(exercise_id)
    value = exercise.expected_value
    assert evaluate(exercise_id, value).correct
    assert evaluate(exercise_id, value * 1.1).status == "wrong"
    assert evaluate(exercise_id, None).status == "not answered"


@pytest.mark.parametrize("exercise_id", NUMERIC)
def test_each_named_mistake_gets_its_own_message_without_the_value(exercise_id):
    exercise = get_exercise(exercise_id)
    value = exercise.expected_value
    for mistake in exercise.mistakes:
        wrong = float(mistake.wrong_answer(value))
        assert not np.isclose(wrong, value, rtol=3 * exercise.rtol), (exercise_id, mistake.hint)
        result = evaluate(exercise_id, wrong)
        assert result.status == "wrong"
        # the first named mistake with this value answers (two hints may name the same slip)
        first = next(m for m in exercise.mistakes if np.isclose(float(m.wrong_answer(value)), wrong,
                                                                 rtol=exercise.rtol, atol=exercise.atol))
        assert result.message == first.hint
        for digits in (2, 3):
            assert f"{value:.{digits}f}" not in result.message


def test_choice_exercises():
    assert evaluate("ballistic-four-terminal-prediction", "zero").correct
    assert evaluate("ballistic-four-terminal-prediction", "h/2e²").status == "wrong"
    assert evaluate("onsager-reciprocity-choice", "R_{42,13}(-B)").correct
    for wrong in ("R_{13,42}(-B)", "R_{42,13}(B)", "-R_{13,42}(-B)"):
        assert evaluate("onsager-reciprocity-choice", wrong).status == "wrong"


def test_conductance_matrix_function():
    def good(T):
        T = np.asarray(T, float)
        G = -T.copy()
        np.fill_diagonal(G, 0.0)
        np.fill_diagonal(G, -G.sum(axis=1))
        return G

    assert evaluate("conductance-matrix-function", good).correct
    exercise = get_exercise("conductance-matrix-function")
    for mistake in exercise.mistakes:
        # the mistakes are course code (forbidden as answers): judged without that check
        status, message = exercise.judge(exercise.collect(mistake.value, allow_forbidden=True))
        result = type("R", (), {"status": status, "message": message})
        assert result.status == "wrong" and mistake.hint.lower()[:30] in result.message.lower()
    # the expected matrices: rows sum to zero (equal voltages, no current), columns too (conservation)
    for G in exercise.expected_value:
        assert np.allclose(G.sum(axis=1), 0) and np.allclose(G.sum(axis=0), 0)
    assert evaluate("conductance-matrix-function", lambda T: None).status == "not answered"


def test_three_terminal_device_is_physical_over_the_whole_range():
    # every corner of the parameters' box: the sum rules, 0 <= T_pq <= min(N_p, N_q), a field
    import itertools
    N = np.array([2, 2, 1])
    ranges = [(P.params[n].low, P.params[n].high) for n in ("T_12", "T_13", "T_31", "T_32")]
    for corner in itertools.product(*ranges):
        T = module.three_terminal_transmissions(*corner)
        assert np.allclose(T.sum(axis=0), N) and np.allclose(T.sum(axis=1), N)
        assert np.all(T >= 0) and np.all(T <= np.minimum.outer(N, N) + 1e-12)
        assert T[2, 2] >= 0.05 - 1e-12          # the probe's reflection: its named mistake stays visible
        assert not np.allclose(T, T.T)


@pytest.mark.parametrize("W", module.PARAMETERS.params["W_wire"].choices)
def test_every_wire_width_sits_well_inside_a_plateau(W):
    # E = 1.2 t at least 0.15 t from every subband edge 2t(1 - cos(n pi / (W + 1)))
    eps = 2 * (1 - np.cos(np.arange(1, W + 1) * np.pi / (W + 1)))
    assert np.min(np.abs(eps - module.BALLISTIC_WIRE["energy"])) > 0.15
