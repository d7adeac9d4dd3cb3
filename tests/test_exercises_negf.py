"""Exercises of lesson 6: expected values against independent physics, every hint.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

from pathlib import Path

import numpy as np
import pytest
from scipy.constants import physical_constants

import helpers
from helpers.checks import evaluate, get_exercise
from helpers.exercises import negf as ex
from helpers.models.resonant_level import dot_transmission, molecule_transmission

ROOT = Path(__file__).resolve().parent.parent
STEM = "06_negf_caroli"
IDS = ["broadening-band-centre", "resonance-peak-height", "resonance-lifetime", "caroli-trace", "molecule-levels",
       "level-shift-prediction", "shifted-peak-energy", "band-centre-peak-width"]
HBAR_EV_S = physical_constants["reduced Planck constant in eV s"][0]


def test_all_exercises_are_registered():
    assert [e.id for e in ex.EXERCISES] == IDS
    for exercise_id in IDS:
        assert get_exercise(exercise_id).lesson == "negf"


# --- expected values from independent physics ------------------------------------------------------

def test_gamma_at_band_centre_is_two_gamma_squared_over_t():
    # g(0) = -i/t for an on-site-0 chain, Gamma = -2 Im(gamma^2 g) = 2 gamma^2 / t
    assert abs(get_exercise("broadening-band-centre").expected_value - 2 * ex.GAMMA_COUPLING**2) < 1e-14


def test_peak_height_from_breit_wigner():
    gL, gR = ex.PEAK_COUPLINGS
    GL, GR = 2 * gL**2, 2 * gR**2
    assert abs(get_exercise("resonance-peak-height").expected_value - 4 * GL * GR / (GL + GR) ** 2) < 1e-13
    assert abs(get_exercise("resonance-peak-height").expected_value - 0.36) < 1e-12   # couplings 0.15, 0.45


def test_lifetime_from_codata_hbar_in_ev_s():
    tau = HBAR_EV_S / (ex.LIFETIME_GAMMA_MEV * 1e-3) * 1e15
    assert abs(get_exercise("resonance-lifetime").expected_value - tau) < 1e-9
    assert 329 < tau < 330


def test_caroli_reference_against_independent_transmissions():
    exercise = get_exercise("caroli-trace")
    strip, dot, molecule = exercise.expected_value
    V = np.array([[0.2, -0.4], [0.7, 0.1], [-0.3, 0.5]])
    assert abs(strip - helpers.transmission(V, 1.3, flux=0.1)) < 1e-12      # RGF
    assert abs(strip - helpers.smatrix(V, 1.3, flux=0.1).transmission()) < 1e-12  # Fisher-Lee
    assert abs(dot - dot_transmission(0.1, 0.3, 0.4, 0.7)) < 1e-13
    assert abs(molecule - molecule_transmission(-0.45, [0.1, -0.2, 0.3], [0.6, 0.8], 0.5, 0.3)) < 1e-13
    G, gL, gR = exercise.inputs[0]
    assert not np.allclose(G, G.T)  # the magnetic field makes G^T differ from G


def test_molecule_levels_closed_form():
    N, eps, tm = ex.MOLECULE
    j = np.arange(1, N + 1)
    expected = np.sort(eps - 2 * tm * np.cos(j * np.pi / (N + 1)))
    assert np.allclose(get_exercise("molecule-levels").expected_value, expected, atol=1e-14)
    assert np.allclose(expected, [0.2 - 0.5 * np.sqrt(2), 0.2, 0.2 + 0.5 * np.sqrt(2)])


# --- verdicts and mistakes -------------------------------------------------------------------------

def _good_caroli(G, a, b):
    return np.real(np.trace(a @ G @ b @ G.conj().T))


def test_correct_answers_are_correct():
    answers = {"broadening-band-centre": 0.18, "resonance-peak-height": 0.36,
               "resonance-lifetime": HBAR_EV_S / 2e-3 * 1e15, "caroli-trace": _good_caroli,
               "molecule-levels": [0.2 - 0.5 * 2**0.5, 0.2, 0.2 + 0.5 * 2**0.5]}
    for exercise_id, answer in answers.items():
        assert evaluate(exercise_id, answer).correct, exercise_id
    # a complex trace with a rounding-size imaginary part is accepted
    assert evaluate("caroli-trace", lambda G, a, b: np.trace(a @ G @ b @ G.conj().T)).correct
    # Tr[Gamma_R G Gamma_L G^dagger] is the reverse transmission: equal for two terminals
    assert evaluate("caroli-trace", lambda G, a, b: _good_caroli(G, b, a)).correct


TAU = HBAR_EV_S / 2e-3 * 1e15


@pytest.mark.parametrize("exercise_id, answer, words", [
    ("broadening-band-centre", 0.09, "−2 Im Σ"),                 # -Im Sigma only, or |Sigma|
    ("broadening-band-centre", 0.09, "purely imaginary"),        # the same number: one merged hint
    ("broadening-band-centre", 0.6, "square of the coupling"),   # 2 gamma / t
    ("broadening-band-centre", 0.36, "one lead"),                # both leads
    ("broadening-band-centre", -0.18, "sign"),
    ("resonance-peak-height", 1.0, "symmetric"),
    ("resonance-peak-height", 4 * 0.15 * 0.45 / 0.6**2, "squares of the couplings"),
    ("resonance-peak-height", 0.09, "(Γ/2)²"),
    ("resonance-lifetime", 2 * np.pi * TAU, "ħ = h/2π"),
    ("resonance-lifetime", TAU * 1e3, "1000 times too large"),
    ("resonance-lifetime", TAU * 1e-3, "ps instead of fs"),
    ("resonance-lifetime", TAU * 1e-15, "value in s"),
    ("resonance-lifetime", TAU / 2, "factor of 2"),
    ("molecule-levels", [0.2, 0.2 - 0.5 * 2**0.5, 0.2 + 0.5 * 2**0.5], "entries are not the expected"),
    ("molecule-levels", [0.2, 0.2], "shape"),
])
def test_typical_mistakes_get_their_hint(exercise_id, answer, words):
    result = evaluate(exercise_id, answer)
    assert result.status == "wrong"
    assert words in result.message, result.message


@pytest.mark.parametrize("function, words", [
    (lambda G, a, b: np.real(np.trace(a @ G @ b @ G.T)), "G.conj().T"),
    (lambda G, a, b: np.real(np.trace(a @ G @ b @ G)), "retarded G once"),
    (lambda G, a, b: np.trace(a @ G @ b @ G.T), "complex"),
    (lambda G, a, b: -_good_caroli(G, a, b), "sign"),
    (lambda G, a, b: 2 * _good_caroli(G, a, b), "factor of 2"),
    (lambda G, a, b: a @ G @ b @ G.conj().T, "shape"),
])
def test_function_mistakes_get_their_hint(function, words):
    result = evaluate("caroli-trace", function)
    assert result.status == "wrong"
    assert words in result.message, result.message


def test_blank_and_broken_answers():
    for exercise_id in IDS:
        assert evaluate(exercise_id, None).status == "not answered"
    assert evaluate("caroli-trace", lambda G, a, b: None).status == "not answered"
    assert evaluate("caroli-trace", lambda G, a, b: G @ np.ones(7)).status == "error"
    assert evaluate("resonance-lifetime", "329").status == "wrong"
    # the hints never give the expected number away
    for exercise_id in IDS[:3]:
        message = evaluate(exercise_id, 1.234).message
        assert "0.18" not in message and "0.36" not in message and "329" not in message


@pytest.mark.parametrize("exercise", [e for e in ex.EXERCISES if getattr(e, "mistakes", None)
                                      and np.ndim(e.expected_value) == 0],  # single-number answers
                         ids=lambda e: e.id)
def test_no_two_mistake_hints_share_a_wrong_answer(exercise):
    # a hint shadowed by an earlier one with the same wrong answer would never be shown
    wrong = [float(np.real(m.wrong_answer(exercise.expected_value))) for m in exercise.mistakes
             if m.factor is not None or m.value.__code__.co_argcount == 0]
    for i, a in enumerate(wrong):
        for b in wrong[i + 1:]:
            assert not np.isclose(a, b, rtol=1e-6, atol=1e-12), (exercise.id, wrong)



# --- the level off the band centre and the width at the band centre (investigations) ----------------

def _sigma(E, gamma):
    """gamma^2 g(E) of an on-site-0 chain (t = 1), g = (E - i sqrt(4 - E^2))/2 inside the band."""
    return gamma**2 * (E - 1j * np.sqrt(4 - E**2)) / 2


def _T(E, eps0, gamma):
    """Single level between two equal chains, Breit-Wigner with the energy-dependent Sigma."""
    s = _sigma(E, gamma)
    Gamma = -2 * s.imag
    return Gamma**2 / ((E - eps0 - 2 * s.real) ** 2 + Gamma**2)


def test_shifted_peak_against_the_closed_form():
    eps0, gamma = ex.SHIFTED_LEVEL
    # Re Sigma = gamma^2 E / 2 per lead: E = eps0 + gamma^2 E  ->  E = eps0 / (1 - gamma^2)
    E_peak = eps0 / (1 - gamma**2)
    assert get_exercise("shifted-peak-energy").expected_value == pytest.approx(E_peak, rel=1e-10)
    assert _T(E_peak, eps0, gamma) == pytest.approx(1.0, abs=1e-12)
    E = np.linspace(-1.99, 1.99, 40_001)
    assert E[np.argmax(_T(E, eps0, gamma))] == pytest.approx(E_peak, abs=1e-4)
    assert evaluate("level-shift-prediction", "above eps0").correct
    for wrong in ("at eps0", "below eps0"):
        assert "next exercise" in evaluate("level-shift-prediction", wrong).message


def test_band_centre_width_against_the_closed_form():
    g = ex.WIDTH_COUPLING
    E = np.linspace(0, 1.999, 200_001)
    half = E[np.argmin(abs(_T(E, 0.0, g) - 0.5))]
    assert get_exercise("band-centre-peak-width").expected_value == pytest.approx(2 * half, abs=2e-5)
    # wider than the wide-band value Gamma_L + Gamma_R = 4 gamma^2 by far more than the tolerance
    assert get_exercise("band-centre-peak-width").expected_value > 1.1 * 4 * g**2


@pytest.mark.parametrize("exercise_id", ["shifted-peak-energy", "band-centre-peak-width"])
def test_new_exercises_correct_ten_percent_off_and_no_value_shown(exercise_id):
    exercise = get_exercise(exercise_id)
    expected = exercise.expected_value
    assert evaluate(exercise_id, expected * (1 + exercise.rtol / 2)).correct
    for answer in (1.1 * expected, 0.9 * expected):
        result = evaluate(exercise_id, answer)
        assert result.status == "wrong" and "rounding" not in result.message
        assert f"{expected:.3g}" not in result.message and f"{expected:.2g}" not in result.message
    for mistake in exercise.mistakes:
        assert abs(float(mistake.wrong_answer(expected)) / expected - 1) > 3 * exercise.rtol


@pytest.mark.parametrize("exercise_id, answer, words", [
    ("shifted-peak-energy", ex.SHIFTED_LEVEL[0], "bare level"),
    ("shifted-peak-energy", ex.SHIFTED_LEVEL[0] + ex.SHIFTED_LEVEL[1] ** 2 * ex.SHIFTED_LEVEL[0], "first-order"),
    ("shifted-peak-energy", ex.SHIFTED_LEVEL[0] / (1 - ex.SHIFTED_LEVEL[1] ** 2 / 2), "one lead"),
    ("shifted-peak-energy", 2 - 1 / (1 - ex.SHIFTED_LEVEL[1] ** 2), "wrong way"),
    ("band-centre-peak-width", 4 * ex.WIDTH_COUPLING**2, "did not change with energy"),
    ("band-centre-peak-width", 2 * ex.WIDTH_COUPLING**2, "one lead"),
    ("band-centre-peak-width", lambda: None, None),
])
def test_new_mistakes_get_their_own_message(exercise_id, answer, words):
    if words is None:                          # the half width, computed from the expected value
        answer, words = get_exercise(exercise_id).expected_value / 2, "half width"
    result = evaluate(exercise_id, answer)
    assert result.status == "wrong" and words in result.message, result.message
