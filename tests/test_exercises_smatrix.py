"""Exercises of lesson 4 (the Fano-factor exercise moved to tests/test_exercises_noise.py): expected values from independent physics, every Mistake hint reached by
its typical wrong answer.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

from pathlib import Path

import numpy as np
import pytest
from scipy import constants as sc
from scipy.optimize import brentq

import helpers
from helpers.checks import evaluate, get_exercise
from helpers.exercises import smatrix as ex

ROOT = Path(__file__).resolve().parent.parent
STEM = "04_scattering_matrix"
IDS = ["barrier-transmission", "sdagger-s", "smatrix-unitarity-choice", "double-barrier-resonance",
       "resonance-width", "incoherent-pair", "resonance-narrowing-prediction",
       "resonance-narrowing-ratio", "asymmetric-resonance-peak"]
C = sc.hbar**2 / (2 * sc.m_e) / sc.e * 1e18  # hbar^2/2m_e in eV nm^2, from SI constants


def test_all_exercises_are_registered():
    assert [e.id for e in ex.EXERCISES] == IDS
    assert all(get_exercise(i) is not None for i in IDS)


# --- expected values against physics stated independently ---------------------------------------

def test_barrier_transmission_from_closed_form():
    b = ex.barrier()
    V0, d, E, m = b["height"], b["width"], b["energy"], b["m_eff"]
    kappa = np.sqrt(2 * m * sc.m_e * (V0 - E) * sc.e) / sc.hbar * 1e-9  # 1/nm
    T = 1 / (1 + V0**2 * np.sinh(kappa * d) ** 2 / (4 * E * (V0 - E)))
    assert get_exercise("barrier-transmission").expected_value == pytest.approx(T, rel=1e-9)


@pytest.mark.parametrize("r", [None, 0.3, 0.7])
def test_sdagger_s_by_hand(r):
    # columns (r, it) and (it, -r), t = sqrt(1 - r^2): norms 1, overlap r it + (-it)(-r) = 2irt
    from helpers.checks.variants import variant
    with variant({"smatrix": {"r_proposed": r} if r else {}}):
        r = ex.PARAMETERS.r_proposed
        t = np.sqrt(1 - r**2)
        expected = np.array([[1, 2j * r * t], [-2j * r * t, 1]])
        assert np.allclose(get_exercise("sdagger-s").expected_value, expected, atol=1e-12)
        if r == 0.6:
            assert np.allclose(expected, [[1, 0.96j], [-0.96j, 1]])   # the default, by hand
        S = ex.s_proposed()
        for wrong, words in [(S.T @ S, "conjugate"), (S @ S.conj().T, "order")]:
            result = evaluate("sdagger-s", wrong)
            assert result.status == "wrong" and words in result.message
        # the choice "no" holds for every r of the range: probability is created
        a = np.array([1, -1j]) / np.sqrt(2)
        assert np.sum(abs(S @ a) ** 2) == pytest.approx(1 + 2 * r * t) and 2 * r * t > 0.5


def test_unitary_choice_is_no_because_probability_is_created():
    S = ex.s_proposed()
    a = np.array([1, -1j]) / np.sqrt(2)
    assert np.sum(abs(S @ a) ** 2) == pytest.approx(1.96)
    assert evaluate("smatrix-unitarity-choice", "no").correct
    assert evaluate("smatrix-unitarity-choice", "yes").status == "wrong"


def test_resonance_is_the_finite_well_level_corrected_by_leakage():
    b = ex.double_barrier()
    V0, s, m = b["height"], b["spacing"], b["m_eff"]

    def even(E):  # finite square well of depth V0, width s: k tan(ks/2) = kappa
        k, kap = np.sqrt(m * E / C), np.sqrt(m * (V0 - E) / C)
        return k * np.sin(k * s / 2) - kap * np.cos(k * s / 2)

    E_well = 1e3 * brentq(even, 1e-6, min(V0, C * (np.pi / s) ** 2 / m) - 1e-9)
    E_res = get_exercise("double-barrier-resonance").expected_value
    # 3 nm barriers leak a little: the resonance sits within a few meV of the finite-well level
    assert abs(E_res - E_well) < 3.0
    assert E_res < ex.hard_wall_level_meV()


def test_resonance_width_is_where_the_transmission_is_half():
    b = ex.double_barrier()
    low, high = ex.resonance_half_points_meV()
    T = lambda E_meV: helpers.double_barrier_transmission(E_meV / 1e3, b["height"], b["width"], b["spacing"],
                                                          m_eff=b["m_eff"])
    E_res = get_exercise("double-barrier-resonance").expected_value
    assert low < E_res < high
    assert T(low) == pytest.approx(0.5, abs=1e-9) and T(high) == pytest.approx(0.5, abs=1e-9)
    # every energy between the half points transmits more than 1/2, just outside less
    inside = np.linspace(low, high, 201)[1:-1]
    assert np.all(T(inside) > 0.5) and T(low - 0.1) < 0.5 and T(high + 0.1) < 0.5
    assert get_exercise("resonance-width").expected_value == pytest.approx(high - low)


def test_incoherent_pair_sums_the_geometric_series_of_probabilities():
    T1 = _T_pair()
    R1 = 1 - T1
    paths = sum(T1 * (R1 * R1) ** n * T1 for n in range(200))  # straight, then n round trips
    assert get_exercise("incoherent-pair").expected_value == pytest.approx(paths, rel=1e-12)


# --- verdicts and mistakes -------------------------------------------------------------------------

def test_correct_answers_are_correct():
    S = ex.s_proposed()
    answers = {"barrier-transmission": get_exercise("barrier-transmission").expected_value,
               "sdagger-s": np.conj(S).T.dot(S), "smatrix-unitarity-choice": "No",
               "double-barrier-resonance": get_exercise("double-barrier-resonance").expected_value * (1 + 5e-4),
               "resonance-width": get_exercise("resonance-width").expected_value * 1.01,
               "incoherent-pair": get_exercise("incoherent-pair").expected_value}
    for exercise_id, answer in answers.items():
        assert evaluate(exercise_id, answer).correct, exercise_id


def _T(m_eff):
    b = ex.barrier()
    kappa = np.sqrt(m_eff * (b["height"] - b["energy"]) / C)
    return 1 / (1 + b["height"] ** 2 * np.sinh(kappa * b["width"]) ** 2
                / (4 * b["energy"] * (b["height"] - b["energy"])))


def _T_pair():
    b = ex.double_barrier()
    E, V0, d, m = ex.PARAMETERS.E_pair, b["height"], b["width"], b["m_eff"]
    kappa = np.sqrt(m * (V0 - E) / C)
    return 1 / (1 + V0**2 * np.sinh(kappa * d) ** 2 / (4 * E * (V0 - E)))


@pytest.mark.parametrize("exercise_id, answer, words", [
    ("barrier-transmission", _T(1.0), "effective mass"),
    ("barrier-transmission", ex.wkb_estimate(), "exp(-2κd)"),
    ("barrier-transmission", 1 - _T(0.067), "reflection"),
    ("sdagger-s", ex.s_proposed().T @ ex.s_proposed(), "conjugate"),
    ("sdagger-s", ex.s_proposed() @ ex.s_proposed().conj().T, "order"),
    ("sdagger-s", np.eye(3), "shape"),
    ("double-barrier-resonance", ex.hard_wall_level_meV(), "infinitely deep"),
    ("double-barrier-resonance", get_exercise("double-barrier-resonance").expected_value / 1e3, "eV"),
    ("resonance-width", get_exercise("resonance-width").expected_value / 2, "half width"),
    ("incoherent-pair", _T_pair() ** 2, "bounce"),
    ("incoherent-pair", _T_pair(), "one barrier alone"),
])
def test_typical_mistakes_get_their_hint(exercise_id, answer, words):
    result = evaluate(exercise_id, answer)
    assert result.status == "wrong"
    assert words in result.message, result.message


def test_blank_and_broken_answers():
    for exercise_id in IDS:
        assert evaluate(exercise_id, None).status == "not answered"
    assert evaluate("smatrix-unitarity-choice", "maybe").status == "wrong"
    expected = get_exercise("double-barrier-resonance").expected_value
    message = evaluate("double-barrier-resonance", 1.234).message
    assert f"{expected:.1f}" not in message and f"{expected:.0f}" not in message


# --- thicker and unequal barriers (prediction and investigations) -----------------------------------

def _transfer_matrix_T(E, widths):
    """Independent T(E) of barriers (height, GaAs mass of double_barrier()) by 2x2 transfer matrices."""
    b = ex.double_barrier()
    C = sc.hbar**2 / (2 * sc.m_e) / sc.e * 1e18   # hbar^2 / 2 m_e in eV nm^2, from scipy's CODATA
    left, right = widths
    x = np.cumsum([0.0, left, b["spacing"], right])
    V = [0.0, b["height"], 0.0, b["height"], 0.0]
    k = [np.sqrt(complex(b["m_eff"] * (E - v) / C)) for v in V]
    M = np.eye(2, dtype=complex)
    for j, xj in enumerate(x):           # continuity of psi and psi' (same mass everywhere)
        def basis(kk, xj=xj):
            return np.array([[np.exp(1j * kk * xj), np.exp(-1j * kk * xj)],
                             [1j * kk * np.exp(1j * kk * xj), -1j * kk * np.exp(-1j * kk * xj)]])
        M = np.linalg.solve(basis(k[j + 1]), basis(k[j])) @ M
    return abs(np.linalg.det(M) / M[1, 1]) ** 2     # t = det M / M_11 for a wave from the left


def test_asymmetric_peak_against_an_independent_transfer_matrix():
    E_peak, T_peak = ex.asymmetric_peak()
    assert _transfer_matrix_T(E_peak, ex.asymmetric_widths()) == pytest.approx(T_peak, rel=1e-8)
    # it is a maximum: lower on both sides
    for dE in (-1e-4, 1e-4):
        assert _transfer_matrix_T(E_peak + dE, ex.asymmetric_widths()) < T_peak
    # the symmetric pair reaches 1 at its resonance (the same code, the lesson's statement)
    E_sym = 1e-3 * get_exercise("double-barrier-resonance").expected_value
    assert _transfer_matrix_T(E_sym, (ex.DOUBLE_WIDTH,) * 2) == pytest.approx(1.0, abs=1e-6)


def test_narrowing_ratio_from_the_two_widths():
    ratio = get_exercise("resonance-narrowing-ratio").expected_value
    assert ratio == pytest.approx(get_exercise("resonance-width").expected_value
                                  / ex._fwhm_meV(ex.DOUBLE_WIDTH + ex.THICKER_BY), rel=1e-9)
    assert 2 < ratio < 4                                   # the prediction "about 3 times narrower"
    assert evaluate("resonance-narrowing-prediction", "about 3 times narrower").correct
    for wrong in ("about 1.3 times narrower", "about 10 times narrower", "wider"):
        assert "next exercise" in evaluate("resonance-narrowing-prediction", wrong).message


@pytest.mark.parametrize("exercise_id", ["resonance-narrowing-ratio", "asymmetric-resonance-peak"])
def test_new_exercises_correct_ten_percent_off_and_no_value_shown(exercise_id):
    exercise = get_exercise(exercise_id)
    expected = exercise.expected_value
    assert evaluate(exercise_id, expected * (1 + exercise.rtol / 2)).correct
    for answer in (1.1 * expected, 0.9 * expected):
        result = evaluate(exercise_id, answer)
        assert result.status == "wrong" and "rounding" not in result.message
        assert f"{expected:.3g}" not in result.message and f"{expected:.2g}" not in result.message
    for mistake in exercise.mistakes:
        assert abs(float(mistake.wrong_answer(expected)) / expected - 1) > 2 * exercise.rtol


@pytest.mark.parametrize("exercise_id, answer, words", [
    ("resonance-narrowing-ratio", lambda: 1 / get_exercise("resonance-narrowing-ratio").expected_value, "upside down"),
    ("resonance-narrowing-ratio", lambda: ex._single_barrier_ratio(1), "one barrier's transmission"),
    ("resonance-narrowing-ratio", lambda: ex._single_barrier_ratio(2), "square"),
    ("asymmetric-resonance-peak", lambda: 1.0, "equal leak rates"),
    ("asymmetric-resonance-peak", lambda: ex._breit_wigner_peak(), "Breit-Wigner"),
    ("asymmetric-resonance-peak", lambda: ex._incoherent_peak(), "incoherent"),
    ("asymmetric-resonance-peak", lambda: np.prod(ex._asymmetric_single(ex.asymmetric_peak()[0])),
     "Multiplying"),
    ("asymmetric-resonance-peak", lambda: 100 * get_exercise("asymmetric-resonance-peak").expected_value, "percentage"),
    ("resonance-narrowing-ratio", lambda: 3.0, "round number of the prediction"),
])
def test_new_mistakes_get_their_own_message(exercise_id, answer, words):
    result = evaluate(exercise_id, answer())
    assert result.status == "wrong" and words in result.message, result.message


# --- the variants (helpers.checks.variants): the regime of every exercise over the whole grid ------

def _grid(*names):
    import itertools
    params = ex.PARAMETERS.params
    axes = [np.round(np.arange(params[n].low, params[n].high + 1e-9, params[n].step), 12) for n in names]
    for values in itertools.product(*axes):
        yield {n: float(v) for n, v in zip(names, values)}


def test_the_barrier_is_never_opaque_enough_for_the_estimate():
    from helpers.checks.variants import variant
    exercise = get_exercise("barrier-transmission")
    for values in _grid("E_barrier", "V0_barrier", "d_barrier"):
        with variant({"smatrix": values}):
            b = ex.barrier()
            assert b["energy"] < b["height"]
            expected = exercise.expected_value
            assert expected == pytest.approx(_T(0.067), rel=1e-9)
            for mistake in exercise.mistakes:
                wrong = float(mistake.wrong_answer(expected))
                assert abs(wrong / expected - 1) > 10 * exercise.rtol, (values, mistake.hint)


def test_every_double_barrier_of_the_variants_keeps_the_lessons_regime():
    """One resonance below the top, half points where T = 1/2, a narrowing of about 3 (the
    prediction's answer) apart from the round 3 and from the estimates, an asymmetric peak that
    an independent transfer matrix confirms, apart from its estimates."""
    from helpers.checks.variants import variant
    from helpers.models.smatrix_stats import resonance_energies
    for values in _grid("V0_double", "s_well"):
        with variant({"smatrix": values}):
            b = ex.double_barrier()
            assert resonance_energies(b["height"], b["width"], b["spacing"], m_eff=b["m_eff"]).size == 1
            low, high = ex.resonance_half_points_meV()
            def T(E_meV, b=b):
                return helpers.double_barrier_transmission(E_meV / 1e3, b["height"], b["width"],
                                                           b["spacing"], m_eff=b["m_eff"])
            assert T(low) == pytest.approx(0.5, abs=1e-9) and T(high) == pytest.approx(0.5, abs=1e-9)
            assert np.all(T(np.linspace(low, high, 101)[1:-1]) > 0.5)
            E_res = get_exercise("double-barrier-resonance").expected_value
            assert low < E_res < high < b["height"] * 1e3 and E_res < ex.hard_wall_level_meV()
            assert 2.5 < get_exercise("resonance-narrowing-ratio").expected_value < 3.5
            E_peak, T_peak = ex.asymmetric_peak()
            assert _transfer_matrix_T(E_peak, ex.asymmetric_widths()) == pytest.approx(T_peak, rel=1e-8)
            assert 0.5 < T_peak < 0.95
            for exercise_id in ("double-barrier-resonance", "resonance-width", "incoherent-pair",
                                "resonance-narrowing-ratio", "asymmetric-resonance-peak"):
                exercise = get_exercise(exercise_id)
                expected = exercise.expected_value
                for mistake in exercise.mistakes:
                    wrong = float(mistake.wrong_answer(expected))
                    assert abs(wrong / expected - 1) > 2 * exercise.rtol, (values, exercise_id, mistake.hint)
                    assert evaluate(exercise_id, wrong).message == mistake.hint, (values, exercise_id)
