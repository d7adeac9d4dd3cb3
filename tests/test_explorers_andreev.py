"""Lesson 13 explorers driven from Python: set controls, assert on what is drawn."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import helpers
from helpers.explorers.andreev import LATTICE_GAPS, LATTICE_MU, LATTICE_X, btk_explorer, lattice_explorer


@pytest.fixture(scope="module")
def btk():
    return btk_explorer()


def test_clean_contact_doubles_the_subgap_conductance(btk):
    btk.controls["Z"].value = 0.0
    btk.controls["kT"].value = 0.0
    btk.controls["delta"].value = 0.3
    V, G = btk.data("G")
    assert_allclose(G[np.abs(V) < 0.3], 2.0)
    assert_allclose(G[np.abs(V) > 1.4], 1.0, atol=0.03)        # far above the gap: the normal state
    V, A = btk.data("A")
    assert_allclose(A[np.abs(V) < 0.3], 1.0)
    assert btk.data("G_cold")[0].size == 0                      # nothing extra at kT = 0


def test_tunnel_contact_follows_the_bcs_density_of_states(btk):
    btk.controls["Z"].value = 5.0
    btk.controls["kT"].value = 0.0
    btk.controls["delta"].value = 0.4
    V, G = btk.data("G")
    _, dos = btk.data("dos")
    far = np.abs(V) > 0.6
    assert_allclose(G[far], dos[far], rtol=0.03)
    inside = np.abs(V) < 0.3                                   # the gap is nearly empty:
    assert np.all(G[inside] < 1 / (5.0**2 * (1 - (V[inside] / 0.4) ** 2)))  # two-particle tunnelling
    assert np.all(np.isnan(dos[np.abs(V) < 0.4]))               # no density of states drawn inside


def test_temperature_fills_the_gap_and_operating_point_follows(btk):
    btk.controls["Z"].value = 2.0
    btk.controls["delta"].value = 0.2
    btk.controls["kT"].value = 0.0
    cold = btk.data("G")[1].copy()
    btk.controls["kT"].value = 0.04
    V, warm = btk.data("G")
    assert warm[np.argmin(np.abs(V))] > cold[np.argmin(np.abs(V))] + 0.05
    assert_allclose(btk.data("G_cold")[1], cold)
    btk.controls["bias"].value = 0.5
    (x,), (y,) = btk.data("G_now")
    G_N = 1 / (1 + 2.0**2)
    expected = helpers.models.andreev.btk_conductance(0.5, delta=0.2, Z=2.0, kT=0.04) / G_N
    assert x == 0.5 and y == pytest.approx(expected, rel=2e-3)
    assert "G_N = 0.200" in btk.data("title")


def test_probabilities_add_up(btk):
    btk.controls["Z"].value = 0.7
    _, A = btk.data("A")
    _, B = btk.data("B")
    _, C = btk.data("C")
    assert_allclose(A + B + C, 1.0, atol=1e-12)


@pytest.fixture(scope="module")
def lattice():
    return lattice_explorer(prefetch=False)


@pytest.mark.parametrize("Z", [0.0, 1.0])
def test_lattice_matches_btk_for_a_small_gap(lattice, Z):
    lattice.controls["gap"].value = LATTICE_GAPS[0]
    lattice.controls["Z"].value = Z
    x, G_lat = lattice.data("G_lattice")
    xb, G_btk = lattice.data("G_btk")
    assert_allclose(x, LATTICE_X)
    off_edge = np.abs(x - 1) > 0.05
    assert_allclose(G_lat[off_edge], np.interp(x, xb, G_btk)[off_edge], atol=0.02)


def test_lattice_subgap_conductance_drops_below_two_for_a_large_gap(lattice):
    lattice.controls["Z"].value = 0.0
    lattice.controls["gap"].value = LATTICE_GAPS[-1]
    _, G = lattice.data("G_lattice")
    _, R_ee = lattice.data("B_lattice")
    # G = 2 (1 - R_ee) below the gap, with a visible normal reflection of the pairing step
    assert_allclose(G[LATTICE_X < 1], 2 * (1 - R_ee[LATTICE_X < 1]), atol=1e-9)
    direct = helpers.ns_conductance([0.0], 0.0, mu=LATTICE_MU, delta=LATTICE_GAPS[-1])
    assert G[0] == pytest.approx(direct, abs=1e-10) and G[0] < 1.95


@pytest.fixture(scope="module")
def disorder():
    from helpers.explorers.andreev import disorder_explorer
    return disorder_explorer(prefetch=False)


def test_disorder_explorer_clean_strip_doubles_and_beenakker_matches_the_lattice(disorder):
    from helpers.explorers.andreev import DISORDER_STRIP
    disorder.controls["barrier"].value = 0.0
    disorder.controls["Wd"].value = 0.0
    N = helpers.open_modes(DISORDER_STRIP["mu"], DISORDER_STRIP["W"])
    Wd, G_N = disorder.data("G_N")
    _, G_NS = disorder.data("G_NS")
    assert G_N[0] == pytest.approx(N) and G_NS[0] == pytest.approx(2 * N)
    assert np.all(G_NS <= 2 * G_N + 1e-12)
    disorder.controls["Wd"].value = 1.5
    (x,), (lattice,) = disorder.data("lattice")
    (_,), (beenakker,) = disorder.data("now_NS")
    assert x == 1.5 and lattice == pytest.approx(beenakker, rel=5e-3)
    # the eigenchannels sit on the per-channel curve 2T^2/(2-T)^2
    T, g = disorder.data("channels")
    assert_allclose(g, 2 * T**2 / (2 - T) ** 2)


def test_disorder_explorer_reflectionless_tunnelling(disorder):
    disorder.controls["barrier"].value = 3.0
    _, G_NS = disorder.data("G_NS")
    _, G_N = disorder.data("G_N")
    assert G_NS[0] < 0.3 * G_N[0]                      # a tunnel barrier alone: G_NS << G_N
    assert np.max(G_NS[1:6]) > 2 * G_NS[0]             # moderate disorder raises G_NS
