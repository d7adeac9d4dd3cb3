"""Lesson 11 explorers driven from Python: set controls, assert on what is drawn."""

import numpy as np
import pytest

import helpers
from helpers.constants import R0
from helpers.explorers.quantum_hall import (HALL_FLUXES, QPC_FLUXES, QPC_GATES, current_map_explorer,
                                            edge_state_explorer, hall_bar_explorer, qpc_field_explorer)
from helpers.multiterminal import landau_levels


@pytest.fixture(scope="module")
def edges():
    return edge_state_explorer(prefetch=False)


@pytest.mark.parametrize("flux, E", [(0.02, 0.8), (0.035, 0.5), (0.01, 1.2), (0.03, 0.3)])
def test_edge_explorer_counts_right_and_left_movers_as_the_clean_strip_transmission(edges, flux, E):
    edges.controls["flux"].value = flux
    edges.controls["E"].value = E
    assert edges.error is None
    N = round(float(helpers.transmission(np.zeros((1, 24)), E, flux=flux)))   # independent: RGF
    (n_drawn,), (e_drawn,) = edges.data("operating")
    assert n_drawn == N and e_drawn == pytest.approx(E)
    right, _ = edges.data("right_movers")
    left, _ = edges.data("left_movers")
    assert right.size == left.size == N                      # one period of k: every state once
    if N:   # chiral: right movers near the top wall (y = 23), left movers near the bottom (y = 0)
        assert right.min() > left.max()
        assert np.all(right > 11.5) and np.all(left < 11.5)
    assert f"N = {N} edge" in edges.data("title")


def test_edge_explorer_staircase_and_landau_levels(edges):
    edges.controls["flux"].value = 0.02
    N, E = edges.data("staircase")
    T = helpers.transmission(np.zeros((1, 24)), E[::16], flux=0.02)
    np.testing.assert_allclose(N[::16], T, atol=1e-9)
    _, levels = edges.data("levels")
    drawn = np.unique(levels[np.isfinite(levels)])
    np.testing.assert_allclose(drawn, landau_levels(0.02, np.arange(drawn.size)))


@pytest.fixture(scope="module")
def hall():
    return hall_bar_explorer(prefetch=False)


def test_hall_explorer_draws_plateaus_at_one_over_nu_with_zero_rxx(hall):
    hall.controls["Wd"].value = 0.0
    flux, R_xy = hall.data("R_xy")
    _, R_xx = hall.data("R_xx")
    np.testing.assert_allclose(flux, HALL_FLUXES)
    for nu in (1, 2, 3):
        on = np.abs(R_xy - 1 / nu) < 1e-6
        assert on.sum() >= 3 and np.all(np.abs(R_xx[on]) < 1e-6)
    hall.controls["flux"].value = 0.09
    (x,), (y,) = hall.data("op_xy")
    assert x == pytest.approx(0.09) and y == pytest.approx(1.0, abs=1e-6)
    assert f"{R0 / 1e3:.2f} kΩ" in hall.data("title")


def test_hall_explorer_disorder_changes_the_transitions_not_the_plateau(hall):
    hall.controls["Wd"].value = 1.5
    assert hall.error is None
    _, R_xy = hall.data("R_xy")
    _, R_xx = hall.data("R_xx")
    i = int(np.argmin(np.abs(HALL_FLUXES - 0.09)))
    assert abs(R_xy[i] - 1) < 1e-6 and abs(R_xx[i]) < 1e-6
    assert np.max(np.abs(R_xx)) > 0.3                  # peaks between plateaus


def test_current_map_explorer_shows_the_edge_on_a_plateau_and_the_bulk_without_field():
    ex = current_map_explorer(energy=1.0, flux=0.08, strength=1.5)
    image = ex.state.map["magnitude"]                               # (L, W)
    W = image.shape[1]
    top = image[:, W // 2:].sum()
    assert top > 0.99 * image.sum() and abs(ex.state.map["T"] - 1) < 1e-3
    ex.controls["flux"].value = 0.0
    image = ex.state.map["magnitude"]
    assert image[:, : W // 2].sum() > 0.2 * image.sum()      # spread over the width
    assert "T = " in ex.data("title")


def test_qpc_explorer_highlights_the_chosen_field():
    ex = qpc_field_explorer(flux=QPC_FLUXES[0], Vg=-0.5)
    x, G = ex.data("G")
    np.testing.assert_allclose(x, QPC_GATES)
    ex.controls["flux"].value = QPC_FLUXES[2]
    x2, G2 = ex.data("G")
    assert not np.allclose(G, G2)
    (vg,), (g,) = ex.data("operating")
    assert vg == pytest.approx(-0.5) and g == pytest.approx(np.interp(-0.5, QPC_GATES, G2))
    _, others = ex.data("G_other")
    assert np.isfinite(others).sum() == 2 * QPC_GATES.size
