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
    assert abs(get_exercise("broadening-band-centre").expected_value - 2 * ex.PARAMETERS.gamma_one**2) < 1e-14


def test_peak_height_from_breit_wigner():
    gL, gR = ex.PARAMETERS.gamma_L, ex.PARAMETERS.gamma_R
    GL, GR = 2 * gL**2, 2 * gR**2
    assert abs(get_exercise("resonance-peak-height").expected_value - 4 * GL * GR / (GL + GR) ** 2) < 1e-13
    # with r = (gamma_L / gamma_R)^2 the height is 4 r / (1 + r)^2 (0.36 for the default 1/3 ratio)
    r = (gL / gR) ** 2
    assert get_exercise("resonance-peak-height").expected_value == pytest.approx(4 * r / (1 + r) ** 2)


def test_lifetime_from_codata_hbar_in_ev_s():
    tau = HBAR_EV_S / (ex.PARAMETERS.Gamma_meV * 1e-3) * 1e15
    assert abs(get_exercise("resonance-lifetime").expected_value - tau) < 1e-9
    assert 658 < tau * ex.PARAMETERS.Gamma_meV < 659   # hbar = 658.2 meV fs


def test_caroli_reference_against_independent_transmissions():
    exercise = get_exercise("caroli-trace")
    strip, dot, molecule = exercise.expected_value
    # the inputs drawn again with the same seed, in the order caroli_inputs draws them
    rng = np.random.default_rng(ex.PARAMETERS.input_seed)
    V, E = rng.uniform(-0.5, 0.8, size=(3, 2)), rng.uniform(1.2, 2.8)
    assert abs(strip - helpers.transmission(V, E, flux=0.1)) < 1e-12      # RGF
    assert abs(strip - helpers.smatrix(V, E, flux=0.1).transmission()) < 1e-12  # Fisher-Lee
    assert 0 < strip <= 1   # one open channel
    E, eps, gL, gR = rng.uniform(-1.0, 1.0), rng.uniform(-0.5, 0.5), *rng.uniform(0.3, 0.8, 2)
    assert abs(dot - dot_transmission(E, eps, gL, gR)) < 1e-13
    E, onsite, hopping = rng.uniform(-1.5, 1.5), rng.uniform(-0.3, 0.3, 3), rng.uniform(0.5, 0.9, 2)
    gL, gR = rng.uniform(0.3, 0.6, 2)
    assert abs(molecule - molecule_transmission(E, onsite, hopping, gL, gR)) < 1e-13
    G, gL, gR = exercise.inputs[0]
    assert not np.allclose(G, G.T)  # the magnetic field makes G^T differ from G


def test_molecule_levels_closed_form():
    N, eps, tm = ex.PARAMETERS.N_molecule, ex.PARAMETERS.eps_molecule, ex.PARAMETERS.t_m
    j = np.arange(1, N + 1)
    expected = np.sort(eps - 2 * tm * np.cos(j * np.pi / (N + 1)))
    assert np.allclose(get_exercise("molecule-levels").expected_value, expected, atol=1e-14)
    if N == 3:
        assert np.allclose(expected, [eps - tm * np.sqrt(2), eps, eps + tm * np.sqrt(2)])


# --- verdicts and mistakes -------------------------------------------------------------------------

def _good_caroli(G, a, b):
    return np.real(np.trace(a @ G @ b @ G.conj().T))


def _levels():
    N, eps, tm = ex.PARAMETERS.N_molecule, ex.PARAMETERS.eps_molecule, ex.PARAMETERS.t_m
    return np.linalg.eigvalsh(eps * np.eye(N) - tm * (np.eye(N, k=1) + np.eye(N, k=-1)))


def _peak_height():
    GL, GR = 2 * ex.PARAMETERS.gamma_L**2, 2 * ex.PARAMETERS.gamma_R**2
    return 4 * GL * GR / (GL + GR) ** 2


def test_correct_answers_are_correct():
    answers = {"broadening-band-centre": 2 * ex.PARAMETERS.gamma_one**2,
               "resonance-peak-height": _peak_height(),
               "resonance-lifetime": TAU, "caroli-trace": _good_caroli,
               "molecule-levels": _levels()}
    for exercise_id, answer in answers.items():
        assert evaluate(exercise_id, answer).correct, exercise_id
    # a complex trace with a rounding-size imaginary part is accepted
    assert evaluate("caroli-trace", lambda G, a, b: np.trace(a @ G @ b @ G.conj().T)).correct
    # Tr[Gamma_R G Gamma_L G^dagger] is the reverse transmission: equal for two terminals
    assert evaluate("caroli-trace", lambda G, a, b: _good_caroli(G, b, a)).correct


TAU = HBAR_EV_S / (ex.PARAMETERS.Gamma_meV * 1e-3) * 1e15
GAMMA_1 = 2 * ex.PARAMETERS.gamma_one**2
_gL, _gR = ex.PARAMETERS.gamma_L, ex.PARAMETERS.gamma_R


@pytest.mark.parametrize("exercise_id, answer, words", [
    ("broadening-band-centre", GAMMA_1 / 2, "−2 Im Σ"),          # -Im Sigma only, or |Sigma|
    ("broadening-band-centre", GAMMA_1 / 2, "purely imaginary"),  # the same number: one merged hint
    ("broadening-band-centre", 2 * ex.PARAMETERS.gamma_one, "square of the coupling"),  # 2 gamma / t
    ("broadening-band-centre", 2 * GAMMA_1, "one lead"),          # both leads
    ("broadening-band-centre", -GAMMA_1, "sign"),
    ("resonance-peak-height", 1.0, "symmetric"),
    ("resonance-peak-height", 4 * _gL * _gR / (_gL + _gR)**2, "squares of the couplings"),
    ("resonance-peak-height", _peak_height() / 4, "(Γ/2)²"),
    ("resonance-lifetime", 2 * np.pi * TAU, "ħ = h/2π"),
    ("resonance-lifetime", TAU * 1e3, "1000 times too large"),
    ("resonance-lifetime", TAU * 1e-3, "ps instead of fs"),
    ("resonance-lifetime", TAU * 1e-15, "value in s"),
    ("resonance-lifetime", TAU / 2, "factor of 2"),
    ("molecule-levels", lambda: np.roll(_levels(), 1), "entries are not the expected"),
    ("molecule-levels", lambda: _levels()[:2], "shape"),
])
def test_typical_mistakes_get_their_hint(exercise_id, answer, words):
    result = evaluate(exercise_id, answer() if callable(answer) else answer)
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
        expected = get_exercise(exercise_id).expected_value
        message = evaluate(exercise_id, 1.234).message
        assert f"{expected:.2g}" not in message and f"{expected:.3g}" not in message


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
    eps0, gamma = ex.PARAMETERS.eps0, ex.PARAMETERS.gamma_shift
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
    g = ex.PARAMETERS.gamma_w
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


_eps0, _gamma = ex.PARAMETERS.eps0, ex.PARAMETERS.gamma_shift


@pytest.mark.parametrize("exercise_id, answer, words", [
    ("shifted-peak-energy", _eps0, "bare level"),
    ("shifted-peak-energy", _eps0 + _gamma ** 2 * _eps0, "first-order"),
    ("shifted-peak-energy", _eps0 / (1 - _gamma ** 2 / 2), "one lead"),
    ("shifted-peak-energy", _eps0 * (2 - 1 / (1 - _gamma ** 2)), "wrong way"),
    ("band-centre-peak-width", 4 * ex.PARAMETERS.gamma_w**2, "did not change with energy"),
    ("band-centre-peak-width", 2 * ex.PARAMETERS.gamma_w**2, "one lead"),
    ("band-centre-peak-width", lambda: None, None),
])
def test_new_mistakes_get_their_own_message(exercise_id, answer, words):
    if words is None:                          # the half width, computed from the expected value
        answer, words = get_exercise(exercise_id).expected_value / 2, "half width"
    result = evaluate(exercise_id, answer)
    assert result.status == "wrong" and words in result.message, result.message


def test_every_variant_stays_in_its_regime():
    """Over the whole ranges: the shifted level's peak lies inside the band (T reaches 1 there)
    and above eps0, its first-order estimate more than 3 tolerances off; the band-centre peak is
    wider than the wide-band value by more than 3 tolerances; the peak height stays below 1."""
    params = ex.PARAMETERS.params
    grid = lambda name: np.arange(params[name].low, params[name].high + 1e-9, params[name].step)
    for eps0 in grid("eps0"):
        for gamma in grid("gamma_shift"):
            E_peak = eps0 / (1 - gamma**2)
            assert eps0 < E_peak < 1.99 and _T(E_peak, eps0, gamma) == pytest.approx(1.0)
            assert abs(eps0 * (1 + gamma**2) / E_peak - 1) > 3 * get_exercise("shifted-peak-energy").rtol
    for g in grid("gamma_w"):
        E = np.linspace(0, 1.999, 200_001)
        width = 2 * E[np.argmin(abs(_T(E, 0.0, g) - 0.5))]
        assert width > (1 + 3 * get_exercise("band-centre-peak-width").rtol) * 4 * g**2
    for gL in grid("gamma_L"):
        for gR in grid("gamma_R"):
            assert gL < gR   # asymmetric: the peak stays below 1
