"""Laws of the BTK model of Andreev reflection (helpers.models.andreev).

Expected values are closed forms independent of the implemented table: probability
conservation, the Z = 0 Andreev probability (E - sqrt(E^2 - Delta^2))^2 / Delta^2, Beenakker's
single-channel G_NS(0) = 2 T_N^2 / (2 - T_N)^2 with T_N = 1/(1 + Z^2), A(Delta) = 1, the BCS
density of states in the tunnelling limit, and the thermal limits.
"""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from helpers.models.andreev import bcs_density_of_states, btk_coefficients, btk_conductance

E = np.linspace(-4, 4, 161)


@pytest.mark.parametrize("Z", [0.0, 0.3, 1.0, 5.0])
def test_probabilities_add_up_and_lie_in_0_1(Z):
    A, B, C, D = btk_coefficients(E, delta=1.0, Z=Z)
    assert_allclose(A + B + C + D, 1.0, atol=1e-14)
    for P in (A, B, C, D):
        assert np.all((P >= -1e-15) & (P <= 1 + 1e-15))
    assert_allclose(A, A[::-1], atol=1e-15)  # even in E


def test_clean_interface():
    A, B, _, _ = btk_coefficients(E, delta=1.0, Z=0.0)
    below = np.abs(E) <= 1
    assert_allclose(A[below], 1.0, atol=1e-15)
    assert_allclose(B, 0.0, atol=1e-15)
    s = np.sqrt(np.clip(E**2 - 1, 0, None))
    assert_allclose(A[~below], ((np.abs(E) - s) ** 2)[~below], atol=1e-14)
    assert_allclose(btk_conductance(0.0, delta=1.0, Z=0.0), 2.0)


@pytest.mark.parametrize("Z", [0.0, 0.5, 1.0, 3.0])
def test_zero_bias_is_beenakkers_single_channel_formula(Z):
    T_N = 1 / (1 + Z**2)
    assert btk_conductance(0.0, delta=0.3, Z=Z) == pytest.approx(2 * T_N**2 / (2 - T_N) ** 2, rel=1e-14)


@pytest.mark.parametrize("Z", [0.0, 0.7, 4.0])
def test_andreev_probability_is_one_at_the_gap_edge(Z):
    A, _, _, _ = btk_coefficients([-2.0, 2.0], delta=2.0, Z=Z)
    assert_allclose(A, 1.0, atol=1e-14)


def test_tunnelling_limit_is_the_bcs_density_of_states():
    E_above = np.array([1.05, 1.2, 1.5, 2.0, 4.0])
    for Z, tol in ((10.0, 0.05), (100.0, 5e-4)):
        G = btk_conductance(E_above, delta=1.0, Z=Z, normalized=True)
        assert_allclose(G, bcs_density_of_states(E_above, delta=1.0), rtol=tol)
        # in the gap G/G_N ~ 1 / (2 Z^2 (1 - E^2/Delta^2)) -> 0 (two-particle tunnelling)
        E_in = np.array([0.0, 0.5, 0.9])
        assert np.all(btk_conductance(E_in, delta=1.0, Z=Z, normalized=True) < 1 / (Z**2 * (1 - E_in**2)))


def test_bcs_density_of_states():
    assert_allclose(bcs_density_of_states([0.0, 0.99, -0.5], delta=1.0), 0.0)
    assert bcs_density_of_states(5.0 / 3.0, delta=4.0 / 3.0) == pytest.approx(5.0 / 3.0)
    assert bcs_density_of_states(1e4, delta=1.0) == pytest.approx(1.0, abs=1e-8)


def test_temperature():
    # kT << Delta: the subgap plateau survives
    assert btk_conductance(0.0, delta=1.0, Z=0.0, kT=0.01) == pytest.approx(2.0, abs=1e-8)
    # kT >> Delta: the normal conductance 1 plus a small excess of order Delta / kT
    G = btk_conductance(0.0, delta=1.0, Z=0.0, kT=200.0)
    assert 0 < G - 1 < 1 / 200
    # even in the bias; a barrier's subgap conductance is thermally filled in
    G = btk_conductance([-0.5, 0.5], delta=1.0, Z=2.0, kT=0.2)
    assert G[0] == pytest.approx(G[1], rel=1e-7)
    assert G[1] > btk_conductance(0.5, delta=1.0, Z=2.0)


def test_inputs_are_checked():
    with pytest.raises(ValueError, match="delta must be > 0"):
        btk_coefficients(0.1, delta=0.0, Z=1.0)
    with pytest.raises(ValueError, match="Z must be >= 0"):
        btk_conductance(0.1, delta=1.0, Z=-1.0)
    with pytest.raises(ValueError, match="kT must be >= 0"):
        btk_conductance(0.1, delta=1.0, Z=1.0, kT=-1)
    with pytest.raises(ValueError, match="bias must be finite"):
        btk_conductance(np.nan, delta=1.0, Z=1.0)
