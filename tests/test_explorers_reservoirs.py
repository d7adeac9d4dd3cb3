"""The lesson-2 explorer driven from Python: what it draws against the physics."""

import numpy as np
import pytest

from helpers.explorers.reservoirs import fermi_window_explorer
from helpers.landauer import conductance, current
from helpers.models.reservoirs import model_transmission, two_temperature_current


@pytest.fixture
def explorer():
    return fermi_window_explorer()


def test_all_lines_drawn(explorer):
    for name in ("f_L", "f_R", "T", "window", "integrand", "iv", "linear", "point"):
        x, y = explorer.data(name)
        assert len(x) == len(y) > 0 and np.all(np.isfinite(y)), name
    assert "resonance" in explorer.data("title")


@pytest.mark.parametrize("kT_L, kT_R", [(0.02, 0.02), (0.08, 0.01)])
def test_plotted_window_integrates_to_the_bias(explorer, kT_L, kT_R):
    explorer.controls["kT_L"].value = kT_L
    explorer.controls["kT_R"].value = kT_R
    explorer.controls["bias"].value = 0.4
    E, window = explorer.data("window")
    assert np.trapezoid(window, E) == pytest.approx(0.4, rel=1e-3)
    # and the Fermi functions sit at mu_L = +eV/2, mu_R = -eV/2 (f = 1/2 there)
    E, fL = explorer.data("f_L")
    assert np.interp(0.2, E, fL) == pytest.approx(0.5, abs=1e-3)


@pytest.mark.parametrize("model", ["step", "resonance", "band"])
def test_operating_point_is_the_landauer_current(explorer, model):
    explorer.controls["model"].value = model
    explorer.controls["position"].value = 0.1
    explorer.controls["bias"].value = 0.5
    (V,), (I,) = explorer.data("point")
    T = model_transmission(model, 0.1)
    assert V == 0.5
    assert I == pytest.approx(current(T, 0.25, -0.25, 0.02, points=T.points), rel=1e-4)
    # the point lies on the drawn I-V curve (0.5 is one of its biases)
    Vs, Is = explorer.data("iv")
    assert np.interp(0.5, Vs, Is) == pytest.approx(I, rel=1e-6)


def test_no_current_at_zero_bias_even_when_hot(explorer):
    explorer.controls["kT_L"].value = 0.1
    explorer.controls["kT_R"].value = 0.1
    explorer.controls["bias"].value = 0.0
    assert explorer.data("point")[1][0] == pytest.approx(0.0, abs=1e-12)
    Vs, Is = explorer.data("iv")
    assert np.all(np.sign(Is) == np.sign(Vs))  # current follows the bias


def test_linear_response_line_has_the_conductance_as_slope(explorer):
    explorer.controls["model"].value = "step"
    explorer.controls["position"].value = 0.05
    explorer.controls["kT_L"].value = 0.03
    explorer.controls["kT_R"].value = 0.03
    V, I = explorer.data("linear")
    slope = (I[1] - I[0]) / (V[1] - V[0])
    assert slope == pytest.approx(conductance(model_transmission("step", 0.05), 0.0, 0.03), rel=1e-5)


@pytest.mark.parametrize("position, sign", [(0.15, +1), (-0.15, -1)])
def test_thermocurrent_follows_the_slope_of_T(explorer, position, sign):
    # hot left, cold right, no bias: electrons flow left to right (I > 0) where T rises at mu
    explorer.controls["model"].value = "resonance"
    explorer.controls["position"].value = position
    explorer.controls["kT_L"].value = 0.08
    explorer.controls["kT_R"].value = 0.01
    explorer.controls["bias"].value = 0.0
    I = explorer.data("point")[1][0]
    assert np.sign(I) == sign
    expected = two_temperature_current(model_transmission("resonance", position), 0, 0, 0.08, 0.01)
    assert I == pytest.approx(expected, rel=1e-5)
    assert explorer.error is None


def test_layout_frozen_after_first_data_and_legends_clear_of_the_window(explorer):
    # laid out once (constrained), then kept: no layout engine at redraws
    from matplotlib.layout_engine import ConstrainedLayoutEngine
    assert not isinstance(explorer.plot.figure.get_layout_engine(), ConstrainedLayoutEngine)
    middle = explorer.plot.axes[1]
    legend = middle.get_legend()
    explorer.plot.figure.canvas.draw()
    # the middle legend sits above its panel, where no window of either sign can run into it
    assert legend.get_window_extent().y0 >= middle.get_window_extent().y1 - 1
    # current tick labels of one width whatever the model: the frozen layout stays valid
    right = explorer.plot.axes[2]
    for model in ("step", "band", "resonance"):
        explorer.controls["model"].value = model
        labels = [t.get_text() for t in right.get_yticklabels()]
        assert all(len(text.lstrip("−-")) == 4 for text in labels if text), labels


@pytest.mark.parametrize("model", ["step", "band", "resonance"])
def test_current_axis_shows_the_whole_iv_curve(explorer, model):
    explorer.controls["model"].value = model
    ax = explorer.plot.axes[2]
    for position in (-0.6, 0.0, 0.15, 0.6):
        explorer.controls["position"].value = position
        for kT_R in (0.005, 0.1):
            explorer.controls["kT_R"].value = kT_R
            lo, hi = ax.get_ylim()
            for name in ("iv", "linear", "point"):
                current = explorer.data(name)[1]
                assert lo <= current.min() and current.max() <= hi
            # the curve fills a good part of the axis unless the current is tiny
            largest = max(np.abs(explorer.data(name)[1]).max() for name in ("iv", "linear"))
            assert largest >= 0.39 * hi or largest < 0.09


def test_the_open_circuit_point_is_where_the_current_vanishes():
    """With a hotter left reservoir and the level above mu the thermocurrent I0 > 0 at V = 0, so
    the open-circuit voltage (the thermovoltage) is negative; there the full Landauer current is
    zero, and to first order it is -I0/G (linear response)."""
    from helpers.explorers.reservoirs import fermi_window_explorer
    from helpers.models.reservoirs import iv_curve, linear_response, model_transmission

    ex = fermi_window_explorer(kind="resonance", bias=0.0, kT_L=0.05, kT_R=0.01, position=0.15)
    (V,), (I,) = ex.data("open")
    assert I == 0 and V < 0
    model = model_transmission("resonance", 0.15)
    assert abs(float(iv_curve(model, np.array([V]), 0.05, 0.01)[0])) < 1e-9
    I0, G = linear_response(model, 0.05, 0.01)
    assert I0 > 0 and abs(V - (-I0 / G)) < 0.3 * abs(I0 / G)
    assert "thermovoltage" in ex.data("title")
    ex.controls["kT_R"].value = 0.05                 # equal temperatures: no thermovoltage
    (V,), _ = ex.data("open")
    assert abs(V) < 1e-9
