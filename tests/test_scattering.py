"""Laws of helpers.scattering: the SMatrix object and coherent / incoherent composition.

Expected values come from unitarity and from the composition rules of lesson 4 (probabilities
of independent scatterers), evaluated on random unitary matrices (scipy.stats.unitary_group).
"""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.stats import unitary_group

from helpers.scattering import SMatrix, incoherent_series, incoherent_transmission, series


def split(U, n_left):
    """SMatrix from a unitary (N_L + N_R) matrix [[r, t'], [t, r']]."""
    return SMatrix(r=U[:n_left, :n_left], t=U[n_left:, :n_left], rp=U[n_left:, n_left:], tp=U[:n_left, n_left:])


def random_smatrix(n_left, n_right, seed):
    return split(unitary_group.rvs(n_left + n_right, random_state=seed), n_left)


def identity_smatrix(n):
    """A perfectly transmitting scatterer with no phase: r = r' = 0, t = t' = 1."""
    return SMatrix(r=np.zeros((n, n)), t=np.eye(n), rp=np.zeros((n, n)), tp=np.eye(n))


# ---- the object ------------------------------------------------------------------------------
def test_blocks_and_matrix_round_trip():
    U = unitary_group.rvs(5, random_state=0)
    S = split(U, 2)
    assert S.num_modes == (2, 3)
    assert S.r.shape == (2, 2) and S.t.shape == (3, 2) and S.rp.shape == (3, 3) and S.tp.shape == (2, 3)
    assert_allclose(S.matrix, U, atol=0)


@pytest.mark.parametrize(
    "blocks, name",
    [
        (dict(r=np.zeros((2, 2)), t=np.zeros((2, 2)), rp=np.zeros((1, 1)), tp=np.zeros((2, 1))), "t"),
        (dict(r=np.zeros((2, 2)), t=np.zeros((1, 2)), rp=np.zeros((1, 1)), tp=np.zeros((1, 2))), "tp"),
        (dict(r=np.zeros((2, 3)), t=np.zeros((1, 2)), rp=np.zeros((1, 1)), tp=np.zeros((2, 1))), "r"),
        (dict(r=np.zeros(2), t=np.zeros((1, 2)), rp=np.zeros((1, 1)), tp=np.zeros((2, 1))), "r"),
    ],
)
def test_wrong_block_shapes_raise_naming_the_block(blocks, name):
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        SMatrix(**blocks)


def test_non_finite_block_raises():
    with pytest.raises(ValueError, match=r"\brp\b.*finite"):
        SMatrix(r=[[0.0]], t=[[1.0]], rp=[[np.nan]], tp=[[1.0]])


def test_no_open_channel_gives_empty_matrix_and_zero_transmission():
    S = SMatrix(r=np.zeros((0, 0)), t=np.zeros((0, 0)), rp=np.zeros((0, 0)), tp=np.zeros((0, 0)))
    assert S.num_modes == (0, 0)
    assert S.transmission() == 0.0 and S.reflection() == 0.0
    assert S.matrix.shape == (0, 0)
    assert S.unitarity_error() == 0.0
    assert S.transmission_eigenvalues().shape == (0,)


def test_closed_right_lead_is_total_reflection():
    S = SMatrix(r=[[np.exp(0.3j)]], t=np.zeros((0, 1)), rp=np.zeros((0, 0)), tp=np.zeros((1, 0)))
    assert S.num_modes == (1, 0)
    assert S.transmission() == 0.0
    assert S.reflection() == pytest.approx(1.0)
    assert S.unitarity_error() < 1e-15
    assert_allclose(S.transmission_eigenvalues(), [0.0])


@pytest.mark.parametrize("n_left, n_right, seed", [(1, 1, 1), (2, 3, 2), (4, 4, 3), (5, 2, 4)])
def test_random_unitary_laws(n_left, n_right, seed):
    S = random_smatrix(n_left, n_right, seed)
    assert S.unitarity_error() < 1e-13
    tau = S.transmission_eigenvalues()
    assert tau.shape == (n_left,)
    assert np.all(tau >= 0) and np.all(tau <= 1 + 1e-13)
    assert np.all(np.diff(tau) >= 0)
    assert tau.sum() == pytest.approx(S.transmission(), abs=1e-13)
    assert S.reflection() + S.transmission() == pytest.approx(n_left, abs=1e-13)
    # T from the right equals T from the left (unitarity)
    assert np.sum(np.abs(S.tp) ** 2) == pytest.approx(S.transmission(), abs=1e-13)


def test_unitarity_error_detects_a_non_unitary_matrix():
    S = SMatrix(r=[[0.5]], t=[[0.5]], rp=[[0.5]], tp=[[0.5]])
    assert S.unitarity_error() == pytest.approx(0.5)


# ---- coherent composition --------------------------------------------------------------------
@pytest.mark.parametrize("n, seed", [(1, 10), (2, 11), (3, 12)])
def test_series_of_unitaries_is_unitary_and_associative(n, seed):
    a, b, c = (random_smatrix(n, n, seed + 100 * i) for i in range(3))
    left_first = series(series(a, b), c)
    right_first = series(a, series(b, c))
    assert left_first.unitarity_error() < 1e-12
    assert_allclose(left_first.matrix, right_first.matrix, atol=1e-12)


def test_series_with_different_channel_numbers():
    a = random_smatrix(2, 3, 20)
    b = random_smatrix(3, 1, 21)
    ab = series(a, b)
    assert ab.num_modes == (2, 1)
    assert ab.unitarity_error() < 1e-12


@pytest.mark.parametrize("n", [1, 3])
def test_series_with_a_transparent_scatterer_changes_nothing(n):
    S = random_smatrix(n, n, 30 + n)
    one = identity_smatrix(n)
    assert_allclose(series(S, one).matrix, S.matrix, atol=1e-14)
    assert_allclose(series(one, S).matrix, S.matrix, atol=1e-14)


def test_series_single_channel_matches_the_multiple_reflection_sum():
    # t = t1 t2 sum_n (r1' r2)^n: sum the geometric series explicitly
    a, b = random_smatrix(1, 1, 40), random_smatrix(1, 1, 41)
    x = a.rp[0, 0] * b.r[0, 0]
    expected_t = a.t[0, 0] * b.t[0, 0] * sum(x**n for n in range(400))
    assert series(a, b).t[0, 0] == pytest.approx(expected_t, abs=1e-12)


# ---- incoherent composition ------------------------------------------------------------------
@pytest.mark.parametrize("seed", [50, 51, 52])
def test_incoherent_series_single_channel(seed):
    a, b = random_smatrix(1, 1, seed), random_smatrix(1, 1, seed + 1000)
    T1, T2 = a.transmission(), b.transmission()
    R1, R2 = 1 - T1, 1 - T2
    assert incoherent_series(a, b) == pytest.approx(T1 * T2 / (1 - R1 * R2), rel=1e-12)


def test_incoherent_series_is_the_average_over_phases_between():
    # Averaging the coherent |t|^2 over a uniform phase between the scatterers loses the
    # interference: it must give the incoherent result (lesson 1).
    a, b = random_smatrix(1, 1, 60), random_smatrix(1, 1, 61)
    phases = np.linspace(0, 2 * np.pi, 2000, endpoint=False)
    coherent = []
    for phi in phases:
        shift = SMatrix(r=[[0]], t=[[np.exp(1j * phi)]], rp=[[0]], tp=[[np.exp(1j * phi)]])
        coherent.append(series(series(a, shift), b).transmission())
    assert np.mean(coherent) == pytest.approx(incoherent_series(a, b), rel=1e-10)


@pytest.mark.parametrize("T, N", [(0.9, 1), (0.9, 10), (0.3, 7), (1.0, 5), (1e-3, 1000)])
def test_incoherent_transmission_of_equal_scatterers(T, N):
    assert incoherent_transmission([T] * N) == pytest.approx(1 / (1 + N * (1 - T) / T), rel=1e-12)


def test_incoherent_transmission_agrees_with_incoherent_series():
    a, b = random_smatrix(1, 1, 70), random_smatrix(1, 1, 71)
    assert incoherent_transmission([a.transmission(), b.transmission()]) == pytest.approx(
        incoherent_series(a, b), rel=1e-12
    )


# ---- bad input -------------------------------------------------------------------------------
def test_series_rejects_non_smatrix_naming_the_argument():
    S = random_smatrix(1, 1, 80)
    with pytest.raises(TypeError, match="left"):
        series(np.eye(2), S)
    with pytest.raises(TypeError, match="right"):
        series(S, "S")


def test_series_rejects_mismatched_channels():
    with pytest.raises(ValueError, match="channels"):
        series(random_smatrix(1, 2, 81), random_smatrix(3, 1, 82))
    with pytest.raises(ValueError, match="channels"):
        incoherent_series(random_smatrix(1, 2, 81), random_smatrix(3, 1, 82))


def test_incoherent_series_rejects_non_smatrix():
    with pytest.raises(TypeError, match="left and right"):
        incoherent_series(0.5, random_smatrix(1, 1, 83))


def test_incoherent_transmission_of_a_perfect_mirror_is_zero():
    assert incoherent_transmission([0.5, 0.0]) == 0.0
    assert incoherent_transmission(0.25) == 0.25


def test_series_of_two_perfect_mirrors_blocks_everything():
    mirror = SMatrix(r=[[1]], t=[[0]], rp=[[1]], tp=[[0]])
    assert series(mirror, mirror).transmission() == 0.0
    assert incoherent_series(mirror, mirror) == 0.0


@pytest.mark.parametrize("bad, error", [([-0.1], ValueError), ([1.5], ValueError), ([np.nan], ValueError),
                                        ("0.5", TypeError), ([], ValueError)])
def test_incoherent_transmission_bad_input(bad, error):
    with pytest.raises(error, match="transmissions"):
        incoherent_transmission(bad)
