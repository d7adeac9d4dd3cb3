"""The explorers of lesson 1, driven from Python: set controls, check what is drawn against physics."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import constants as sc

import helpers
from helpers.explorers.resistance import (
    AXIS_STEP,
    chain_explorer,
    single_scatterer_explorer,
)
from helpers.models.resistance import strength_for_transmission
from helpers.widgets.explorer import stepped_top


@pytest.fixture
def chain():
    return chain_explorer()


def test_chain_incoherent_line_is_ohm_plus_contact(chain):
    chain.controls["T1"].value = 0.5
    chain.controls["n_max"].value = 50
    N, R = chain.data("incoherent")
    assert_allclose(N, np.arange(51))
    assert_allclose(R, 1 + N * (1 - 0.5) / 0.5, rtol=1e-12)  # R0 (1 + N (1-T)/T)
    assert R[0] == 1.0  # no scatterer: the contact resistance h/2e^2


def test_chain_coherent_line_matches_the_lattice_engine(chain):
    chain.controls["T1"].value = 0.6
    chain.controls["n_max"].value = 20
    chain.controls["positions"].value = "regular"
    N, R = chain.data("coherent")
    U = strength_for_transmission(0.6, 1.2)
    for n in (1, 2, 7, 20):
        V = np.zeros(10 * (n - 1) + 3)
        V[1:10 * (n - 1) + 2:10] = U
        assert_allclose(R[n], 1 / helpers.transmission(V, 1.2), rtol=1e-9)
    assert_allclose(R[1], 1 / 0.6, rtol=1e-12)
    assert chain.data("typical")[0].size == 0  # no ensemble for a regular array
    assert "regular" in chain.data("title")


def test_chain_random_localizes_and_names_the_arrangement(chain):
    chain.controls["T1"].value = 0.5
    chain.controls["n_max"].value = 100
    chain.controls["seed"].value = 7
    N, typical = chain.data("typical")
    _, ohmic = chain.data("incoherent")
    # typical ln R grows about linearly with slope -ln T1 (localization), far above Ohm's line
    slope = np.polyfit(N, np.log(typical), 1)[0]
    assert 0.5 * np.log(2) < slope < 1.5 * np.log(2)
    assert typical[-1] > 100 * ohmic[-1]
    assert "arrangement 7" in chain.data("title") and "seed" not in chain.data("title")
    before = chain.data("coherent")[1].copy()
    chain.controls["seed"].value = 8
    assert not np.allclose(chain.data("coherent")[1], before)


def test_chain_show_and_scale(chain):
    chain.controls["show"].value = "incoherent"
    assert chain.data("coherent")[0].size == 0 and chain.data("incoherent")[0].size > 0
    chain.controls["show"].value = "coherent"
    assert chain.data("incoherent")[0].size == 0 and chain.data("coherent")[0].size > 0
    assert chain.plot.axes[0].get_yscale() == "log"
    chain.controls["scale"].value = "linear"
    assert chain.plot.axes[0].get_yscale() == "linear"
    assert chain.error is None


def test_chain_underflow_is_drawn_as_a_gap(chain):
    chain.controls["T1"].value = 0.05
    chain.controls["n_max"].value = 200
    assert chain.error is None
    _, R = chain.data("coherent")
    assert not np.any(np.isinf(R))


def test_single_scatterer_split():
    ex = single_scatterer_explorer()
    ex.controls["energy"].value = 1.2
    ex.controls["U"].value = 2.0
    U, T = ex.data("T")
    V = np.zeros(3)
    V[1] = 2.0
    T_now = ex.data("T_now")[1][0]
    assert_allclose(T_now, helpers.transmission(V, 1.2), atol=1e-12)
    _, total = ex.data("total")
    _, contact = ex.data("contact")
    _, scatterer = ex.data("scatterer")
    assert_allclose(contact, 1.0)
    assert_allclose(total, contact + scatterer, rtol=1e-12)
    assert_allclose(total * T, 1.0, rtol=1e-12)
    assert_allclose(ex.data("total_now")[1][0], 1 / T_now, rtol=1e-12)
    assert_allclose(ex.data("scatterer_now")[1][0], (1 - T_now) / T_now, rtol=1e-12)
    assert U[0] == 0 and T[0] == 1.0  # no barrier, perfect transmission, only the contacts
    kohm = sc.h / (2 * sc.e**2) / 1e3 / T_now
    assert f"{kohm:.1f} kΩ" in ex.data("title")


def test_chain_legend_lists_only_drawn_lines_and_log_axis_starts_near_contact(chain):
    def legend():
        return [t.get_text() for t in chain.plot.axes[0].get_legend().get_texts()]
    assert len(legend()) == 3
    chain.controls["positions"].value = "regular"
    assert not any("typical" in text for text in legend())
    chain.controls["show"].value = "incoherent"
    assert legend() == ["incoherent: Ohm + contacts"]
    chain.controls["show"].value = "both"
    chain.controls["T1"].value = 0.2
    # R >= h/2e^2: the log axis stops at 0.5, not decades below the data
    assert chain.plot.axes[0].get_ylim()[0] == pytest.approx(0.5)
    chain.controls["n_max"].value = 20
    ticks = chain.plot.axes[0].get_xticks()
    lo, hi = chain.plot.axes[0].get_xlim()
    assert max(t for t in ticks if lo <= t <= hi) == 20  # no "21" tick cut off at the edge


def test_layout_is_refit_when_tick_labels_widen(chain):
    chain.controls["scale"].value = "linear"
    chain.controls["show"].value = "incoherent"
    chain.controls["n_max"].value = 5
    before = chain.plot.axes[0].get_position().x0
    chain.controls["n_max"].value = 200  # R up to 200: wider tick labels
    chain.controls["T1"].value = 0.05    # R up to ~ 3800
    assert chain.plot.axes[0].get_position().x0 > before


def test_single_scatterer_axis_is_the_barrier_height_U():
    ex = single_scatterer_explorer()
    assert all("$U$" in ax.get_xlabel() for ax in ex.plot.axes)


def _inside(ax, lines):
    lo, hi = sorted(ax.get_ylim())
    for line in lines:
        y = np.asarray(line.get_ydata(), dtype=float)
        y = y[np.isfinite(y)]
        assert y.size == 0 or (lo <= y.min() and y.max() <= hi), line.get_label()


def test_single_scatterer_R_axis_shows_all_data_and_moves_in_steps():
    ex = single_scatterer_explorer()
    ax = ex.plot.axes[1]
    for energy in (0.1, 0.5, 1.0, 2.0, 3.0, 3.9, 1.2):
        ex.controls["energy"].value = energy
        _inside(ax, [ex.plot.lines[n] for n in ("total", "contact", "scatterer", "total_now")])
        # the data fill a good part of the axis: at least 1 / 1.6**2 of it
        assert ex.data("total")[1].max() >= 0.39 * ax.get_ylim()[1]
        # the top is a power of AXIS_STEP above the largest R (plus the usual margin): the next
        # one, or one more while the data still fill most of the axis (sticky limits)
        top = stepped_top(ex.data("total")[1].max(), AXIS_STEP, 1.0)
        assert top <= ax.get_ylim()[1] <= 1.1 * AXIS_STEP * top
    # near the band centre the largest R (5 at E = 2t) stays inside one step: the axis is kept
    ex.controls["energy"].value = 1.8
    limits = ax.get_ylim()
    for energy in (1.9, 2.0, 2.1, 2.2):
        ex.controls["energy"].value = energy
        assert ax.get_ylim() == limits


def test_chain_axes_hold_all_data_and_the_legend_follows_positions(chain):
    ax = chain.plot.axes[0]
    for control, value in (("seed", 3), ("T1", 0.3), ("T1", 0.9), ("n_max", 200),
                           ("positions", "regular"), ("seed", 7), ("positions", "random")):
        chain.controls[control].value = value
        _inside(ax, chain.plot.lines.values())
        shown = [t.get_text() for t in ax.get_legend().get_texts()]
        random = chain.controls["positions"].value == "random"
        assert any("typical" in text for text in shown) == random
