"""Lesson 3 explorers driven from Python: set controls, assert on what is drawn."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import helpers
from helpers.models import qpc
from helpers.explorers.channels import QPC_GATE_GRID, QPC_PAD, mode_explorer, qpc_explorer, saddle_explorer


def _segments(x, y):
    """Split a NaN-separated line into its curves."""
    cuts = np.flatnonzero(np.isnan(y))
    parts = zip(np.split(x, cuts), np.split(y, cuts))
    return [(xs[np.isfinite(ys)], ys[np.isfinite(ys)]) for xs, ys in parts if np.isfinite(ys).any()]


@pytest.fixture(scope="module")
def modes():
    return mode_explorer()


@pytest.mark.parametrize("W, E", [(10, 0.5), (6, 1.0), (1, 2.5), (25, 3.7)])
def test_mode_explorer_counts_the_open_channels(modes, W, E):
    modes.controls["W"].value = W
    modes.controls["E"].value = E
    assert modes.error is None
    N = helpers.open_modes(E, W)
    eps = 2 * (1 - np.cos(np.arange(1, W + 1) * np.pi / (W + 1)))
    # the operating point on the staircase
    (n_drawn,), (e_drawn,) = modes.data("operating")
    assert n_drawn == N and e_drawn == pytest.approx(E)
    assert f"N = {N} open" in modes.data("title")
    # one drawn wavefunction per open mode, each starting (at the wall) at its subband bottom
    open_curves = _segments(*modes.data("open_modes"))
    closed_curves = _segments(*modes.data("closed_modes"))
    assert len(open_curves) == N and len(closed_curves) == W - N
    assert_allclose(sorted(c[1][0] for c in open_curves), eps[eps < E])
    # the wavefunctions vanish at the walls y = -1 and y = W
    for xs, _ in open_curves:
        assert xs[0] == -1 and xs[-1] == W
    # one parabola-like band per open subband, with its minimum at the threshold
    bands = _segments(*modes.data("bands_open"))
    assert len(bands) == N
    assert_allclose(sorted(b[1].min() for b in bands), eps[eps < E], atol=1e-3)
    # the staircase is N(E)
    n_line, e_line = modes.data("staircase")
    assert_allclose(n_line, helpers.open_modes(e_line, W))


def test_mode_explorer_energy_line_follows_the_slider(modes):
    modes.controls["E"].value = 2.25
    for name in ("level_E", "dispersion_E"):
        assert_allclose(modes.data(name)[1], 2.25)


@pytest.fixture(scope="module")
def point_contact():
    # the lesson's constriction; no prefetching in the background (tested on its own below)
    return qpc_explorer(W=25, E_F=1.0, hw_y=0.3, prefetch=False)


def test_qpc_plateaus_are_integers_at_zero_temperature(point_contact):
    # the test: on the plateau middles, at kT = 0, G is an integer within 1e-3
    lam = qpc.constriction_subbands(25, hw_y=0.3)
    thresholds = lam[:5] - 1.0
    middles = (thresholds[:-1] + thresholds[1:]) / 2
    point_contact.controls["kT"].value = 0.0
    point_contact.controls["length"].value = 30
    point_contact.controls["profile"].value = "smooth"
    for n, Vg in enumerate(middles[:3], start=1):
        point_contact.controls["Vg"].value = round(Vg / 0.005) * 0.005
        (_,), (G,) = point_contact.data("operating")
        assert abs(G - n) < 1e-3, (n, Vg, G)
        assert f"G = {n}.000" in point_contact.data("title")


def test_qpc_resistance_in_title_on_second_plateau(point_contact):
    lam = qpc.constriction_subbands(25, hw_y=0.3)
    point_contact.controls["kT"].value = 0.0
    point_contact.controls["Vg"].value = round(((lam[1] + lam[2]) / 2 - 1.0) / 0.005) * 0.005
    expected = helpers.constants.R0 / 2 / 1e3  # h/(2e^2) / 2 in kOhm
    assert f"R = {expected:.2f} kΩ" in point_contact.data("title")


def test_qpc_temperature_smears_but_keeps_the_curve_bounded(point_contact):
    point_contact.controls["length"].value = 30
    point_contact.controls["profile"].value = "smooth"
    point_contact.controls["kT"].value = 0.0
    x0, G0 = point_contact.data("G_kT")
    point_contact.controls["kT"].value = 0.04
    x, G = point_contact.data("G_kT")
    _, G_T0 = point_contact.data("G_T0")
    assert_allclose(x, QPC_GATE_GRID)
    assert_allclose(G_T0, G0)  # the kT = 0 reference does not move
    assert np.max(np.diff(G)) < np.max(np.diff(G0))  # steps broaden
    # a positive kernel of unit area: bounded by the kT = 0 curve on the padded range it averages
    # (beyond the window's top the fifth step rises, so the end may exceed the window's maximum)
    wide = np.linspace(QPC_GATE_GRID[0] - QPC_PAD, QPC_GATE_GRID[-1] + QPC_PAD, 286)
    assert np.allclose(np.diff(wide), QPC_GATE_GRID[1] - QPC_GATE_GRID[0])
    G_wide = qpc.gate_sweep(wide, 1.0, 25, length=30)
    assert np.all(G >= G_wide.min() - 1e-9) and np.all(G <= G_wide.max() + 1e-9)
    assert np.all(np.diff(G[QPC_GATE_GRID < -0.3]) > -1e-4)  # monotonic where T(Vg) is
    # the operating point lies on the drawn curve
    point_contact.controls["Vg"].value = -0.7
    (v,), (g,) = point_contact.data("operating")
    assert g == pytest.approx(np.interp(-0.7, x, G))


def test_qpc_shape_controls_change_the_curve(point_contact):
    point_contact.controls["kT"].value = 0.0
    point_contact.controls["length"].value = 30
    point_contact.controls["profile"].value = "smooth"
    _, smooth = point_contact.data("G_T0")
    point_contact.controls["profile"].value = "abrupt"
    assert point_contact.error is None
    _, abrupt = point_contact.data("G_T0")
    # an abrupt box quantizes worse: further from integers on average
    assert np.mean(np.abs(abrupt - np.round(abrupt))) > 2 * np.mean(np.abs(smooth - np.round(smooth)))
    point_contact.controls["profile"].value = "smooth"


def test_qpc_shapes_are_prefetched_so_a_shape_change_computes_nothing():
    # a narrower constriction than the lesson's (W = 12, not 25): the same prefetching at a
    # quarter of the cost
    point_contact = qpc_explorer(W=12, E_F=1.0, hw_y=0.3)
    prefetch = point_contact.state.prefetch
    point_contact.controls["Vg"].value += 0.005      # the first change starts the prefetch
    assert prefetch.started
    assert prefetch.total == 2 * len(range(4, 41, 2))  # every length of the slider, both profiles
    assert prefetch.wait(timeout=120) and prefetch.finished and prefetch.error is None
    sweep = qpc.gate_sweep_cached
    for length, profile in ((4, "abrupt"), (40, "smooth"), (22, "abrupt")):
        misses = sweep.cache_info().misses
        point_contact.controls["profile"].value = profile
        point_contact.controls["length"].value = length
        assert point_contact.error is None
        assert sweep.cache_info().misses == misses  # found in the cache
        # what is drawn is what a direct calculation gives
        _, G = point_contact.data("G_T0")
        assert_allclose(G, qpc.gate_sweep(QPC_GATE_GRID, 1.0, 12, length=length, profile=profile),
                        atol=1e-12)


def test_saddle_explorer_matches_the_formula():
    ex = saddle_explorer(hw_y=0.3, n_modes=4)
    ex.controls["ratio"].value = 0.2
    ex.controls["kT"].value = 0.0
    E, G = ex.data("G")
    # G sums every mode, not only the 4 drawn (the 5th opens at 1.35 t, just above the window)
    assert_allclose(G, qpc.saddle_point_transmission(E, 0.0, 0.06, 0.3, n_modes=50), atol=1e-12)
    E1, T1 = ex.data("T_1")
    assert T1[np.argmin(np.abs(E1 - 0.45))] == pytest.approx(0.5, abs=0.01)
    ex.controls["kT"].value = 0.03
    _, G_warm = ex.data("G")
    assert np.max(np.diff(G_warm)) < np.max(np.diff(G))


def test_saddle_explorer_sums_every_mode_up_to_the_top_of_the_window():
    # G sums all modes (not only the 4 drawn) and the grid is padded before smoothing: at the
    # top end (1.3 t; the 5th threshold is at 1.35 t) G equals the Landauer integral of the full sum
    ex = saddle_explorer(hw_y=0.3, n_modes=4)
    assert not any(name.startswith("T_") and name != "T_n" and int(name[2:]) >= 4 for name in ex.plot.lines)
    for ratio, kT in ((0.3, 0.0), (0.3, 0.08), (1.0, 0.03)):
        ex.controls["ratio"].value = ratio
        ex.controls["kT"].value = kT
        E, G = ex.data("G")
        T_all = lambda e, ratio=ratio: qpc.saddle_point_transmission(e, 0.0, ratio * 0.3, 0.3, n_modes=50)
        for i in (0, len(E) // 2, len(E) - 1):
            assert G[i] == pytest.approx(helpers.conductance(T_all, E[i], kT, rtol=1e-6), abs=1e-4)


def test_qpc_explorer_end_of_the_window_matches_the_energy_integral(point_contact):
    # the review's case: kT = 0.08 at the upper end Vg = 0.25 (4.35 exact, 3.96 before padding)
    point_contact.controls["length"].value = 30
    point_contact.controls["profile"].value = "smooth"
    point_contact.controls["kT"].value = 0.08
    x, G = point_contact.data("G_kT")
    exact = helpers.conductance(lambda E: qpc.qpc_transmission(x[-1], E, 25, length=30), 1.0, 0.08,
                                rtol=1e-3, resolution=0.02)
    assert abs(G[-1] - exact) < 0.002


def test_mode_explorer_title_singular_and_plural(modes):
    modes.controls["W"].value = 6
    modes.controls["E"].value = 0.3
    assert "N = 1 open channel," in modes.data("title")
    modes.controls["E"].value = 1.5
    assert f"N = {helpers.open_modes(1.5, 6)} open channels," in modes.data("title")
