"""Lesson 10 explorers driven from Python: set controls, assert on what is drawn."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import helpers
from helpers.buttiker import four_terminal_resistance
from helpers.explorers.terminals import COUPLING_GRID, FLUX_GRID, probe_explorer, reciprocity_explorer
from helpers.models.terminals import WIRE_ENERGY, WIRE_L, WIRE_W


@pytest.fixture(scope="module")
def wire():
    return probe_explorer(prefetch=False)


@pytest.fixture(scope="module")
def crossing():
    return reciprocity_explorer()


def test_clean_wire_weak_probes(wire):
    wire.controls["barrier"].value = 0.0
    wire.controls["coupling"].value = 0.02
    assert wire.error is None
    x, mu = wire.data("profile")
    assert_allclose(mu, 0.5, atol=2e-3)
    (c,), (r4,) = wire.data("now_4t")
    assert c == pytest.approx(0.02) and abs(r4) < 2e-3
    (_,), (r2,) = wire.data("now_2t")
    assert r2 == pytest.approx(1.0, abs=2e-3)            # one channel: h/2e^2
    cs, R4 = wire.data("R_4t")
    assert_allclose(cs, COUPLING_GRID) and np.all(np.diff(R4) > 0)


def test_barrier_wire_two_terminal_is_one_over_T(wire):
    wire.controls["coupling"].value = 0.04
    wire.controls["barrier"].value = 1.5
    V = np.zeros((WIRE_L, WIRE_W))
    V[WIRE_L // 2] = 1.5
    T = helpers.transmission(V, WIRE_ENERGY)             # the two-terminal engine, no probes
    (_,), (r2,) = wire.data("now_2t")
    assert r2 == pytest.approx(1 / T, rel=5e-3)
    _, R_ideal = wire.data("R_ideal")
    assert_allclose(R_ideal, (1 - T) / T, rtol=5e-3)
    _, levels = wire.data("averaged")
    assert levels[0] - levels[-1] == pytest.approx(1 - T, rel=5e-3)
    assert f"T = {T:.3f}" in wire.data("title")


def test_probe_positions_move_the_dots_and_can_make_R4t_negative(wire):
    wire.controls["barrier"].value = 1.0
    wire.controls["coupling"].value = 0.1
    wire.controls["left_probe"].value = 10
    wire.controls["right_probe"].value = 30
    xs, readings = wire.data("probes")
    assert list(xs) == [10, 30]
    (_,), (r4,) = wire.data("now_4t")
    assert r4 < 0 and readings[1] > readings[0]        # the far probe reads more: negative R_4t
    # a weak probe's reading lies on the drawn profile (the profile's probe is weaker still)
    x, mu = wire.data("profile")
    assert_allclose(readings, mu[[10, 30]], atol=0.03)


def test_reciprocity_explorer_draws_reciprocal_pairs(crossing):
    for sample in ("clean", "disordered"):
        crossing.controls["sample"].value = sample
        for flux in (0.0, 0.006, -0.012):
            crossing.controls["flux"].value = flux
            assert crossing.error is None
            _, T_B = crossing.data("T_B")
            _, T_minus = crossing.data("T_qp_minus")
            _, T_same = crossing.data("T_qp_B")
            assert_allclose(T_B, T_minus, atol=1e-9)
            if flux == 0.0:
                assert_allclose(T_B, T_same, atol=1e-9)
            else:
                assert np.max(np.abs(T_B - T_same)) > 0.1
            f, R = crossing.data("R_hall")
            _, R_swapped = crossing.data("R_swapped")
            _, R2 = crossing.data("R_2t")
            assert_allclose(f, FLUX_GRID)
            assert_allclose(R, R_swapped, atol=1e-9)
            assert_allclose(R2, R2[::-1], atol=1e-9)
            (f_now,), (R_now,) = crossing.data("now")
            assert f_now == pytest.approx(flux, abs=1e-9)


def test_reciprocity_explorer_matches_the_engine(crossing):
    crossing.controls["sample"].value = "clean"
    crossing.controls["flux"].value = 0.01
    T, _ = helpers.multiterminal.transmission_matrix(helpers.multiterminal.cross(12), 1.0, flux=0.01)
    (_,), (R_now,) = crossing.data("now")
    assert R_now == pytest.approx(four_terminal_resistance(T, 0, 2, 3, 1), abs=1e-9)
    _, T_B = crossing.data("T_B")
    assert T_B[0] == pytest.approx(T[0, 1], abs=1e-9)    # first pair: 1 <- 2
