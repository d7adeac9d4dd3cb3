"""Lesson 12 explorers driven from Python: set controls, assert on what is drawn."""

import numpy as np
import pytest

from helpers.explorers.topological import (
    E_CURVE, KIND_NAMES, SEEDS, STRIP_L, STRIP_W, WD_GRID, bands_figure, edge_explorer,
    protection_explorer, protection_figure)
from helpers.models.topological import bulk_gap, helical_conductance, strip_bands


@pytest.fixture(scope="module")
def edges():
    return edge_explorer(prefetch=False)


@pytest.fixture(scope="module")
def protection():
    return protection_explorer(prefetch=False)


@pytest.mark.parametrize("M, E, expected", [(-1.0, 0.5, 2), (1.0, 0.5, 0), (-0.6, -0.3, 2), (1.0, 1.5, 4)])
def test_edge_explorer_operating_point_counts_both_spins(edges, M, E, expected):
    edges.controls["M"].value = M
    edges.controls["E"].value = E
    assert edges.error is None
    (T,), (e,) = edges.data("operating")
    assert T == expected and e == pytest.approx(E)
    assert f"G = {expected} e²/h" in edges.data("title")
    # the drawn staircase is the one of the clean four-orbital strip (engine, both spins)
    i = np.argmin(np.abs(E_CURVE - E))
    assert helical_conductance(E_CURVE[i], M, L=2, W=STRIP_W) == pytest.approx(T, abs=1e-6)


def test_edge_states_appear_only_in_the_inverted_phase(edges):
    edges.controls["E"].value = 0.5
    edges.controls["M"].value = -1.0
    half_gap = bulk_gap(-1.0) / 2
    for name in ("up_bottom", "up_top", "down_bottom", "down_top"):
        k, E = edges.data(name)
        assert np.any(np.abs(E) < half_gap)  # edge states inside the bulk gap
    gap_x, gap_y = edges.data("gap_edges_up")
    assert np.nanmax(gap_y) == pytest.approx(half_gap)
    edges.controls["M"].value = 1.0
    for name in ("up_bottom", "down_top"):
        k, E = edges.data(name)
        assert not np.any(np.abs(E) < bulk_gap(1.0) / 2)
    # the bulk lines are all the bands of the strip
    _, E_up = edges.data("bulk_up")
    assert np.sum(np.isnan(E_up)) == 2 * STRIP_W
    assert np.nanmin(np.abs(E_up)) == pytest.approx(np.abs(strip_bands(1.0, STRIP_W)["up"][0]).min())


def test_edge_explorer_shows_opposite_spins_moving_opposite_ways_on_one_edge(edges):
    """On the edge y = 0, the spin-up edge branch and the spin-down one have opposite slopes."""
    edges.controls["M"].value = -1.0
    slopes = {}
    for spin in ("up", "down"):
        k, E = edges.data(f"{spin}_bottom")
        inside = np.abs(E) < 0.8
        slopes[spin] = np.polyfit(k[inside], E[inside], 1)[0]
    assert slopes["up"] * slopes["down"] < 0


def test_protection_explorer_draws_the_ensemble_means(protection):
    c = protection.controls
    c["phase"].value, c["E"].value, c["kind"].value, c["Wd"].value = -1.0, 0.5, "magnetic", 2.0
    assert protection.error is None
    i = int(np.argmin(np.abs(WD_GRID - 2.0)))
    samples = [helical_conductance(0.5, -1.0, L=STRIP_L, W=STRIP_W, kind="magnetic", strength=2.0, rng=s)
               for s in SEEDS]
    (wd,), (g,) = protection.data("operating")
    assert wd == 2.0 and g == pytest.approx(np.mean(samples), abs=1e-12)
    x, y = protection.data("mean_magnetic")
    assert y[i] == pytest.approx(np.mean(samples), abs=1e-12) and y[0] == pytest.approx(2.0, abs=1e-6)
    assert g < 1.9  # spin-mixing disorder breaks the plateau
    for kind in ("nonmagnetic", "zeeman_z"):
        _, y = protection.data(f"mean_{kind}")
        assert np.all(np.abs(y - 2.0) < 1e-3)
    xs, ys = protection.data("samples")
    assert len(xs) == len(WD_GRID) * len(SEEDS)


def test_protection_explorer_trivial_phase_is_insulating(protection):
    protection.controls["phase"].value = 1.0
    protection.controls["E"].value = 0.5
    for kind in KIND_NAMES.values():
        _, y = protection.data(f"mean_{kind}")
        assert np.all(y == 0)
    protection.controls["phase"].value = -1.0


def test_static_figures_draw():
    for figure in (bands_figure(), protection_figure()):
        assert figure.axes and all(ax.get_xlabel() or ax.get_ylabel() or ax.lines for ax in figure.axes)
