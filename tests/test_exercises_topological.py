"""Lesson 12 exercises: expected values against independent physics, every named mistake
reachable with its own message, 10 % off is wrong, no feedback gives the answer away.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

import numpy as np
import pytest

from helpers.checks import evaluate, get_exercise
from helpers.checks.variants import variant
from helpers.exercises import topological as module
from helpers.models.topological import (bhz_bulk_hamiltonian, bulk_gap, clean_transmission,
                                        strip_hamiltonian_k)

P = module.PARAMETERS
NUMERIC = ["helical-conductance-g0", "topological-mass-range", "magnetic-disorder-conductance",
           "zeeman-z-conductance", "trivial-strip-threshold"]
CHOICES = ["zeeman-z-prediction", "edge-crossing-momentum"]


def test_expected_values_from_independent_physics():
    # two helical edges, one spin-resolved channel each way per edge: T = 2, G = 1 x 2e^2/h
    assert get_exercise("helical-conductance-g0").expected_value == pytest.approx(1.0, abs=1e-6)
    # the bulk gap closes at M = 8B: d(pi, pi) = M - 8B = 0 (B = -1), independent of A
    M_end = get_exercise("topological-mass-range").expected_value
    d = bhz_bulk_hamiltonian(np.pi, np.pi, M_end)
    assert np.allclose(d, 0, atol=1e-12)
    # and the clean strip conducts in the gap just above M_end, not just below
    for M, expected in ((M_end + 0.5, 2.0), (M_end - 0.5, 0.0)):
        assert clean_transmission(bulk_gap(M) / 4, M, module.STRIP_W) == expected
    # uniform Zeeman along z, within the gap of both shifted blocks: T = 2
    assert module.ZEEMAN_H + module.ZEEMAN_E < bulk_gap(-1.0) / 2 + 0.5
    assert get_exercise("zeeman-z-conductance").expected_value == pytest.approx(2.0, abs=1e-4)
    # the trivial strip's threshold: the lowest |E| of the strip's bands by dense diagonalization,
    # above half the 2D gap
    E = np.linalg.eigvalsh(strip_hamiltonian_k(np.linspace(-np.pi, np.pi, 2001), module.STRIP_W, P.M_trivial))
    threshold = get_exercise("trivial-strip-threshold").expected_value
    assert threshold == pytest.approx(np.abs(E).min(), rel=1e-5)
    assert threshold > bulk_gap(P.M_trivial) / 2 * 1.05


def test_magnetic_disorder_answer_is_an_ensemble_below_the_plateau():
    value = get_exercise("magnetic-disorder-conductance").expected_value
    assert 0.3 < value < 1.9
    # the named "protected value" mistake lies many standard errors away
    samples = np.array([module._magnetic_mean(seeds=(s,)) for s in module.MAGNETIC_SEEDS])
    stderr = samples.std(ddof=1) / np.sqrt(len(samples))
    assert (2.0 - value) > 3 * stderr
    assert abs(samples[0] - value) > 0.05 * value  # the one-sample slip is distinguishable


def test_second_inverted_range_crosses_at_pi():
    E = np.linalg.eigvalsh(strip_hamiltonian_k(np.array([0.0, np.pi]), module.STRIP_W, module.SECOND_PHASE_M))
    lowest = np.abs(E).min(axis=1)
    assert lowest[1] < 0.05 < lowest[0]  # edge states at kx = pi, a gap at kx = 0
    correct = [k for k, (ok, _) in get_exercise("edge-crossing-momentum").options.items() if ok]
    assert correct == ["at kx = π"]


@pytest.mark.parametrize("exercise_id", NUMERIC)
def test_correct_blank_and_ten_percent_off(exercise_id):
    expected = get_exercise(exercise_id).expected_value
    assert evaluate(exercise_id, expected).correct
    assert evaluate(exercise_id, None).status == "not answered"
    result = evaluate(exercise_id, expected * 1.1)
    assert not result.correct


@pytest.mark.parametrize("exercise_id, answer, hint", [
    ("helical-conductance-g0", 2.0, "units of e²/h"),
    ("helical-conductance-g0", 0.5, "one edge only"),
    ("helical-conductance-g0", 0.0, "trivial gap"),
    ("topological-mass-range", -4.0, "opens again"),
    ("topological-mass-range", 8.0, "Check the sign"),
    ("topological-mass-range", 0.0, "where the topological range starts"),
    ("magnetic-disorder-conductance", 2.0, "protected value"),
    ("magnetic-disorder-conductance", "one sample", "one sample only"),
    ("zeeman-z-conductance", 1.0, "one spin's edge"),
    ("zeeman-z-conductance", 0.0, "gap in the edge states"),
    ("trivial-strip-threshold", "half gap", "half the gap of the infinite 2D crystal"),
    ("trivial-strip-threshold", "double", "whole gap of the strip"),
])
def test_each_named_mistake_has_its_message(exercise_id, answer, hint):
    if answer == "one sample":
        answer = module._magnetic_mean(seeds=module.MAGNETIC_SEEDS[:1])
    elif answer == "half gap":
        answer = bulk_gap(P.M_trivial) / 2
    elif answer == "double":
        answer = 2 * get_exercise(exercise_id).expected_value
    result = evaluate(exercise_id, answer)
    assert result.status == "wrong" and hint in result.message, result.message


@pytest.mark.parametrize("exercise_id", NUMERIC)
def test_feedback_never_contains_the_expected_value(exercise_id):
    exercise = get_exercise(exercise_id)
    expected = exercise.expected_value
    shown = {f"{expected:.{n}f}" for n in (2, 3, 4)} - {"2.00", "2.000", "2.0000", "0.00", "1.00"}
    for wrong in (expected * 1.1, expected * 0.5, -expected, expected + 3, "abc"):
        message = evaluate(exercise_id, wrong).message
        for text in shown:
            assert text not in message, (wrong, message)


@pytest.mark.parametrize("exercise_id", CHOICES)
def test_choices_have_one_correct_answer_and_explain_every_option(exercise_id):
    exercise = get_exercise(exercise_id)
    assert sum(ok for ok, _ in exercise.options.values()) == 1
    for label, (ok, explanation) in exercise.options.items():
        result = evaluate(exercise_id, label)
        assert result.correct == ok and explanation


# --- the gap of overlapping edges: prediction, then the wider strip ---------------------------------

def test_edge_gap_against_the_lesson_bands_and_exponential_decay():
    from helpers.models.topological import strip_bands
    g = dict(module.EDGE_GAP, M=P.M_edge)
    gap = get_exercise("edge-gap-wide-strip").expected_value
    # an independent route: the strip bands the lesson draws, on a fine k grid (the minimum is at kx = 0)
    bands = strip_bands(g["M"], g["W"], n_k=2001)["up"][0]
    assert gap == pytest.approx(2 * np.abs(bands).min(), rel=1e-6)
    # the overlap of two exponentially decaying edge states: log(gap) linear in W
    gaps = [module.edge_gap(W) for W in (12, 18, 24)]
    assert np.log(gaps[0] / gaps[1]) == pytest.approx(np.log(gaps[1] / gaps[2]), rel=0.15)
    assert gaps[0] / gaps[2] > 5
    assert module.edge_gap_trend() == "it shrinks by much more than half"
    assert evaluate("edge-gap-width-prediction", "it shrinks by much more than half").correct
    for wrong in ("it halves", "it stays the same"):
        assert evaluate("edge-gap-width-prediction", wrong).status == "wrong"


@pytest.mark.parametrize("answer, words", [
    (lambda gap, g12: gap / 2, "half the gap"),
    (lambda gap, g12: g12 / 2, "divided by two"),
    (lambda gap, g12: g12, "12-site strip; the question doubles"),
    (lambda gap, g12: 0.6, "bulk gap"),
    (lambda gap, g12: 2 * gap, "factor of 2"),
])
def test_edge_gap_mistakes(answer, words):
    gap = get_exercise("edge-gap-wide-strip").expected_value
    result = evaluate("edge-gap-wide-strip", answer(gap, module.edge_gap(12)))
    assert result.status == "wrong" and words in result.message, result.message


def test_edge_gap_ten_percent_off_and_no_leak():
    gap = get_exercise("edge-gap-wide-strip").expected_value
    for f in (0.9, 1.1):
        result = evaluate("edge-gap-wide-strip", f * gap)
        assert result.status == "wrong" and "rounding" not in result.message
    assert f"{gap:.3g}" not in evaluate("edge-gap-wide-strip", 0.05).message
    assert [e.id for e in module.EXERCISES][-2:] == ["edge-gap-width-prediction",
                                                                 "edge-gap-wide-strip"]


# --- the variants: both ends of every range keep the exercise's physics ----------------------------

@pytest.mark.parametrize("M", [P.params["M_trivial"].low, P.params["M_trivial"].high])
def test_trivial_threshold_over_the_range(M):
    with variant({"topological": {"M_trivial": M}}):
        threshold = get_exercise("trivial-strip-threshold").expected_value
    E = np.linalg.eigvalsh(strip_hamiltonian_k(np.linspace(-np.pi, np.pi, 2001), module.STRIP_W, M))
    assert threshold == pytest.approx(np.abs(E).min(), rel=1e-5)
    assert threshold > bulk_gap(M) / 2 * 1.05             # the half-gap slip stays distinguishable
    # the strip is trivial: no conduction in its gap
    assert clean_transmission(0.5 * threshold, M, module.STRIP_W) == 0.0


@pytest.mark.parametrize("M", [P.params["M_edge"].low, P.params["M_edge"].high])
def test_edge_gap_shrinks_by_much_more_than_half_over_the_range(M):
    from helpers.models.topological import strip_bands
    with variant({"topological": {"M_edge": M}}):
        gap = get_exercise("edge-gap-wide-strip").expected_value
        assert module.edge_gap_trend() == "it shrinks by much more than half"
    bands = strip_bands(M, module.EDGE_GAP["W"], n_k=2001)["up"][0]
    assert gap == pytest.approx(2 * np.abs(bands).min(), rel=1e-6)
    assert module.edge_gap(12, M) / gap > 3
