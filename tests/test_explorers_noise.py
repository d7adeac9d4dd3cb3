"""Lesson 5 explorer driven from Python: set a control, assert on what is drawn (physics)."""

import numpy as np
import pytest
from scipy import constants as sc

import helpers
from helpers.explorers.noise import NOISE_GATE_GRID, NOISE_UNIT, qpc_noise_explorer
from helpers.models.qpc import qpc_potential

G0 = 2 * sc.e**2 / sc.h


@pytest.fixture(scope="module")
def explorer():
    return qpc_noise_explorer()


def test_fano_curve_is_that_of_the_smatrix_eigenvalues(explorer):
    explorer.controls["Vg"].value = -0.56
    Tn = helpers.smatrix(qpc_potential(-0.56, 25), 1.0).transmission_eigenvalues()
    (x,), (F,) = explorer.data("F_now")
    assert x == pytest.approx(-0.56)
    assert F == pytest.approx(np.sum(Tn * (1 - Tn)) / np.sum(Tn), abs=1e-9)
    assert explorer.data("G_now")[1][0] == pytest.approx(np.sum(Tn), abs=1e-9)
    assert 0.1 < F < 3 - 2 * np.sqrt(2) + 0.01  # between plateaus 1 and 2, one channel partly open


def test_on_a_plateau_only_thermal_noise_is_left(explorer):
    explorer.controls["Vg"].value = -0.7  # first plateau
    explorer.controls["temperature"].value = 1.0
    V, S = explorer.data("S")
    G = G0 * explorer.data("G_now")[1][0]
    assert abs(explorer.data("G_now")[1][0] - 1) < 1e-3
    thermal = 4 * sc.k * 1.0 * G / NOISE_UNIT
    assert np.allclose(S, thermal, rtol=2e-3)  # F < 1e-3: no shot noise at any bias


def test_zero_temperature_noise_is_2eIF_and_zero_bias_is_4kTG(explorer):
    explorer.controls["Vg"].value = -0.28
    explorer.controls["temperature"].value = 0.0
    V, S = explorer.data("S")
    g, F = explorer.data("G_now")[1][0], explorer.data("F_now")[1][0]
    assert np.allclose(S, 2 * sc.e * G0 * g * V * 1e-3 * F / NOISE_UNIT, rtol=1e-12)
    assert np.allclose(explorer.data("shot")[1], S, rtol=1e-12)
    explorer.controls["temperature"].value = 2.0
    V, S = explorer.data("S")
    assert S[0] == pytest.approx(4 * sc.k * 2.0 * G0 * g / NOISE_UNIT, rel=1e-12)
    assert np.allclose(explorer.data("thermal")[1], S[0])
    # at e V >> kT the curve runs parallel to 2eIF, above it by 4kTG(1 - F)
    offset = 4 * sc.k * 2.0 * G0 * g * (1 - F) / NOISE_UNIT
    assert S[-1] - explorer.data("shot")[1][-1] == pytest.approx(offset, rel=1e-3)
    assert "2kT/e = 0.34 mV" in explorer.data("title")


def test_noise_peaks_between_plateaus(explorer):
    G, F = explorer.state.sweep["G"], explorer.state.sweep["F"]
    for p in (1, 2):
        between = (G > p + 0.02) & (G < p + 0.98)
        on = np.abs(G - p) < 0.005
        assert F[between].max() > 10 * F[on].max()
    assert np.array_equal(explorer.data("G")[0], NOISE_GATE_GRID)
