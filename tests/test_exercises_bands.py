"""Lesson 0 exercises: expected values against independent physics, every named mistake
reachable, and no message that gives the answer away.
(The notebooks themselves are run in tests/test_exercise_notebooks.py.)"""

import math

import numpy as np
import pytest
from scipy import constants as sc

from helpers.checks import evaluate, get_exercise
from helpers.exercises import bands as module

P = module.PARAMETERS
FASTEST = 2 * P.t_eV * sc.e * P.a_nm * 1e-9 / sc.hbar


def _window():
    return P.E1, P.E1 + module.DOS_WIDTH


def _dense_count():
    """Eigenvalues of the written-out N-site Hamiltonian inside the window."""
    N = P.N_sites
    H = 2 * np.eye(N) - np.eye(N, k=1) - np.eye(N, k=-1)
    levels = np.linalg.eigvalsh(H)
    low, high = _window()
    return int(np.sum((levels > low) & (levels < high)))


def _k(E):
    return math.acos(1 - E / 2)


def test_expected_values_from_independent_physics():
    assert get_exercise("chain-fastest-speed").expected_value == pytest.approx(FASTEST, rel=1e-12)
    # the speed scan: the largest slope of 2t(1 - cos k) over the zone
    k = np.linspace(-np.pi, np.pi, 100_001)
    assert np.max(2 * np.sin(k)) == pytest.approx(2, abs=1e-9)
    low, high = _window()
    predicted = P.N_sites * (_k(high) - _k(low)) / math.pi
    assert get_exercise("dos-level-prediction").expected_value == pytest.approx(predicted, rel=1e-12)
    counted = get_exercise("dos-level-count").expected_value
    assert counted == _dense_count()
    assert abs(counted - predicted) < 1          # the prediction holds to within one level
    E = P.E_parabola
    assert get_exercise("parabola-error").expected_value == pytest.approx(100 * (_k(E) ** 2 / E - 1), rel=1e-12)
    t_meV = sc.hbar**2 / (2 * 0.067 * sc.m_e * (P.a_gaas_nm * 1e-9) ** 2) / sc.e * 1e3
    assert get_exercise("gaas-lattice-hopping").expected_value == pytest.approx(t_meV, rel=1e-12)
    wavelength = 2 * math.pi / math.sqrt(2 * math.pi * P.n_2deg * 1e15) * 1e9
    assert get_exercise("fermi-wavelength").expected_value == pytest.approx(wavelength, rel=1e-12)


def test_midpoint_estimate_of_the_prediction_is_accepted():
    # N D(E_mid) dE, the estimate most students make, is within the tolerance
    low, high = _window()
    mid = (low + high) / 2
    estimate = P.N_sites * (high - low) / (math.pi * math.sqrt(mid * (4 - mid)))
    assert evaluate("dos-level-prediction", estimate).correct


@pytest.mark.parametrize("exercise, answer, hint", [
    ("chain-fastest-speed", FASTEST / 2, "2 in front"),
    ("chain-fastest-speed", FASTEST / (2 * math.pi), "ħ = h/2π"),
    ("chain-fastest-speed", FASTEST * 1e9, "nm"),
    ("chain-fastest-speed", FASTEST / sc.e, "joules"),
    ("chain-fastest-speed", 0.0, "band edge"),
    ("chain-fastest-speed", FASTEST / 1e3, "km/s"),
    ("dos-level-prediction", 19.08, "both ways"),
    ("dos-level-prediction", 76.33, "spin"),
    ("dos-level-prediction", 0.03817, "per atom"),
    ("dos-level-prediction", 119.9, "1/π"),
    ("dos-level-count", 0, "on-site energy 2t"),
    ("parabola-error", 0.04469, "fraction"),
    ("parabola-error", 104.469, "ratio"),
    ("parabola-error", 100 * (1 - 0.5 / _k(0.5) ** 2), "relative to the parabola"),
    ("gaas-lattice-hopping", 63.18 * 0.067, "free electron mass"),
    ("gaas-lattice-hopping", 4 * 63.18, "width of the lattice band"),
    ("gaas-lattice-hopping", 3 * 63.18, "power of a"),
    ("gaas-lattice-hopping", 63.18 * 4 * math.pi**2, "ħ = h/2π"),
    ("gaas-lattice-hopping", 0.06318, "eV"),
    ("fermi-wavelength", 39.633 / math.sqrt(2), "spin"),
    ("fermi-wavelength", 39.633 / (2 * math.pi), "1/k_F"),
    ("fermi-wavelength", 39.633 * math.sqrt(2), "area of one k state"),
    ("fermi-wavelength", 39.633e-9, "m"),
])
def test_named_mistakes(exercise, answer, hint):
    result = evaluate(exercise, answer)
    assert result.status == "wrong" and hint in result.message, result.message
    expected = get_exercise(exercise).expected_value
    for shown in {f"{expected:.2f}", f"{expected:.3g}", f"{expected:.2g}"}:
        assert shown not in result.message, (shown, result.message)


@pytest.mark.parametrize("exercise", ["chain-fastest-speed", "dos-level-prediction", "dos-level-count",
                                      "parabola-error", "gaas-lattice-hopping", "fermi-wavelength"])
def test_correct_and_blank(exercise):
    exercise_obj = get_exercise(exercise)
    assert evaluate(exercise, exercise_obj.expected_value).correct
    assert evaluate(exercise, None).status == "not answered"
    assert evaluate(exercise, "12").status == "wrong"


def test_hints_do_not_give_the_formula_with_numbers():
    for exercise in ("chain-fastest-speed", "dos-level-prediction", "parabola-error",
                     "gaas-lattice-hopping", "fermi-wavelength"):
        hint = get_exercise(exercise).hint
        assert hint and not any(str(v) in hint for v in (P.t_eV, P.a_nm, P.a_gaas_nm, P.E_parabola))


# --- where the effective mass fails for the density of states (investigation) ----------------------

def test_effective_mass_dos_limit_from_the_closed_form():
    # D_chain / D_parabola = 2 sqrt(E) / sqrt(E (4 - E)) = 2 / sqrt(4 - E) (t = 1)
    E_limit = 4 - (2 / (1 + P.dos_excess_percent / 100)) ** 2
    assert get_exercise("effective-mass-dos-limit").expected_value == pytest.approx(E_limit, rel=1e-10)


def test_effective_mass_dos_limit_verdicts():
    exercise = get_exercise("effective-mass-dos-limit")
    expected = exercise.expected_value
    assert evaluate("effective-mass-dos-limit", expected * 1.005).correct
    for answer in (1.1 * expected, 0.9 * expected):
        result = evaluate("effective-mass-dos-limit", answer)
        assert result.status == "wrong" and "rounding" not in result.message
        assert f"{expected:.3g}" not in result.message and f"{expected:.2g}" not in result.message
    for mistake in exercise.mistakes:
        assert abs(float(mistake.wrong_answer(expected)) / expected - 1) > 3 * exercise.rtol


@pytest.mark.parametrize("answer, hint", [
    (4 - (2 * 0.9) ** 2, "percent below"),                                  # parabola D = 0.9 chain D
    (None, "energy is that many percent off"),                                         # k^2 / E = 1.1
    (4 - (1 / 1.1) ** 2, "both directions of motion"),                    # D_parabola twice too large
])
def test_effective_mass_dos_limit_mistakes(answer, hint):
    if answer is None:
        from scipy.optimize import brentq
        answer = brentq(lambda E: _k(E) ** 2 / E - 1.1, 1e-6, 3.99)
    result = evaluate("effective-mass-dos-limit", answer)
    assert result.status == "wrong" and hint in result.message, result.message


# --- the variants (helpers.checks.variants) -------------------------------------------------------

def test_every_window_of_the_variants_is_unambiguous_and_predictable():
    """For every N and E1 of the ranges: no level within 1e-6 t of a window edge (a count that
    rounding could change), the count within one level of the prediction, and the midpoint
    estimate N D(E_mid) ΔE accepted as at the default."""
    from helpers.checks.variants import variant
    n_range, e_param = P.params["N_sites"], P.params["E1"]
    assert all((N + 1) % 3 for N in n_range.choices)   # else a level sits exactly on E = 3t
    for N in n_range.choices:
        levels = 2 - 2 * np.cos(np.arange(1, N + 1) * np.pi / (N + 1))
        for E1 in np.round(np.arange(e_param.low, e_param.high + 1e-9, e_param.step), 12):
            with variant({"bands": {"N_sites": N, "E1": float(E1)}}):
                low, high = _window()
                assert np.min(np.abs(np.concatenate([levels - low, levels - high]))) > 1e-6
                predicted = get_exercise("dos-level-prediction").expected_value
                assert abs(get_exercise("dos-level-count").expected_value - predicted) < 1
                mid = (low + high) / 2
                estimate = N * (high - low) / (math.pi * math.sqrt(mid * (4 - mid)))
                assert evaluate("dos-level-prediction", estimate).correct


@pytest.mark.parametrize("percent", [5, 10, 20])
def test_effective_mass_dos_limit_mistakes_apart_at_every_excess(percent):
    from helpers.checks.variants import variant
    with variant({"bands": {"dos_excess_percent": percent}}):
        exercise = get_exercise("effective-mass-dos-limit")
        expected = exercise.expected_value
        assert expected == pytest.approx(4 - (2 / (1 + percent / 100)) ** 2, rel=1e-10)
        for mistake in exercise.mistakes:
            wrong = float(mistake.wrong_answer(expected))
            assert abs(wrong / expected - 1) > 3 * exercise.rtol
            assert evaluate("effective-mass-dos-limit", wrong).message == mistake.hint
