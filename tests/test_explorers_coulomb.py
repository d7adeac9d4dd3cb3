"""Lesson 9 explorer driven from Python: set a control, assert on what is drawn (physics)."""

import numpy as np
import pytest
from scipy import constants as sc

from helpers.explorers.coulomb import G_RANGE, THERMOMETER_C_AF, V_LIMIT_MV, thermometer_explorer


@pytest.fixture(scope="module")
def explorer():
    return thermometer_explorer()


def test_width_follows_temperature_and_not_the_number_of_junctions(explorer):
    widths = {}
    for T in (0.5, 2.0):
        for N in (2, 20):
            explorer.controls["temperature"].value = T
            explorer.controls["N"].value = N
            x, _ = explorer.data("width")
            widths[T, N] = x[1] - x[0]                     # per junction, mV
            kT_mV = sc.k * T / sc.e * 1e3
            assert widths[T, N] == pytest.approx(5.439 * kT_mV, rel=1e-3)
    assert widths[2.0, 2] / widths[0.5, 2] == pytest.approx(4.0, rel=1e-3)


def test_depth_falls_as_one_over_temperature_and_grows_with_N(explorer):
    depth = {}
    for T, N in [(1.0, 10), (2.0, 10), (1.0, 2)]:
        explorer.controls["temperature"].value = T
        explorer.controls["N"].value = N
        _, G = explorer.data("dip")
        depth[T, N] = 1 - G.min()
    E_C = sc.e / (2 * THERMOMETER_C_AF * 1e-18)               # e^2/2C in J, / e: volts
    assert depth[1.0, 10] == pytest.approx(2 * 0.9 * E_C * sc.e / (sc.k * 1.0) / 6, rel=1e-3)
    assert depth[1.0, 10] / depth[2.0, 10] == pytest.approx(2.0, rel=1e-6)
    assert depth[1.0, 10] / depth[1.0, 2] == pytest.approx(0.9 / 0.5, rel=1e-6)


def test_everything_stays_inside_the_fixed_axes(explorer):
    for T, N in [(0.5, 20), (5.0, 2), (5.0, 20)]:
        explorer.controls["temperature"].value = T
        explorer.controls["N"].value = N
        x, G = explorer.data("dip")
        assert G.min() > G_RANGE[0] and G.max() < G_RANGE[1]
        wx, _ = explorer.data("width")
        assert wx[1] < V_LIMIT_MV and np.abs(x).max() >= wx[1]
