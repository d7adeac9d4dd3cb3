"""Lesson 0 explorers driven from Python: set controls, assert on what is drawn."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import constants as sc

from helpers.explorers.bands import DOS_MAX, chain_explorer, fermi_sea_explorer


@pytest.fixture(scope="module")
def chain():
    return chain_explorer()


@pytest.mark.parametrize("E", [0.3, 1.0, 2.0, 3.7])
def test_chain_marks_the_two_states_at_the_energy(chain, E):
    chain.controls["E"].value = E
    assert chain.error is None
    k, energies = chain.data("states")
    k_E = np.arccos(1 - E / 2)                       # E = 2t(1 - cos k), written out
    assert_allclose(sorted(k), [-k_E, k_E], atol=1e-12)
    assert_allclose(energies, E)
    k_v, v = chain.data("states_v")
    assert_allclose(np.abs(v), 2 * np.sin(k_E), atol=1e-12)
    assert np.all(np.sign(v) == np.sign(k_v))        # right movers have k > 0
    (D,), (E_drawn,) = chain.data("state_dos")
    assert D == pytest.approx(min(1 / (np.pi * 2 * np.sin(k_E)), DOS_MAX)) and E_drawn == E
    assert f"E = {E:.2f} t" in chain.data("title")


def test_chain_band_velocity_and_dos_curves(chain):
    k, E = chain.data("band")
    assert_allclose(E, 2 * (1 - np.cos(k)))
    k_v, v = chain.data("velocity")
    assert_allclose(v[1:-1], np.gradient(2 * (1 - np.cos(k_v)), k_v)[1:-1], atol=1e-3)
    D, E_dos = chain.data("dos")
    # states per energy = 1/(pi |dE/dk|), with |dE/dk| = 2 sin k = sqrt(E (4 - E))
    assert_allclose(D, 1 / (np.pi * np.sqrt(E_dos * (4 - E_dos))), rtol=1e-12)


def test_band_edges_have_zero_velocity_and_diverging_dos(chain):
    for E in (0.0, 4.0):
        chain.controls["E"].value = E
        assert_allclose(chain.data("states_v")[1], 0, atol=1e-7)
        assert chain.data("state_dos")[0][0] == DOS_MAX          # pinned at the axis edge
        assert "∞" in chain.data("title")


def test_parabola_toggle(chain):
    chain.controls["parabola"].value = True
    k, E = chain.data("parabola")
    assert_allclose(E, k**2)
    chain.controls["parabola"].value = False
    assert chain.data("parabola")[0].size == 0
    chain.controls["parabola"].value = True


@pytest.mark.parametrize("n", [1.0, 3.0, 7.5])
def test_fermi_sea_numbers_from_closed_forms(n):
    sea = fermi_sea_explorer(density=n)
    density = n * 1e15
    k_F = np.sqrt(2 * np.pi * density) * 1e-9            # 1/nm
    E_F_meV = np.pi * sc.hbar**2 * density / (0.067 * sc.m_e) / sc.e * 1e3
    x, y = sea.data("circle")
    assert_allclose(np.hypot(x, y), k_F, rtol=1e-12)
    assert_allclose(sea.data("fermi_level")[1], E_F_meV)
    k, E = sea.data("filled")
    assert np.all(np.abs(k) <= k_F) and E.max() <= E_F_meV * (1 + 1e-12)
    title = sea.data("title")
    assert f"{E_F_meV:.1f} meV" in title and f"{2 * np.pi / k_F:.0f} nm" in title and f"{k_F:.3f}/nm" in title


def test_fermi_sea_slider_moves_the_circle():
    sea = fermi_sea_explorer(density=2.0)
    r_before = np.hypot(*sea.data("circle")).max()
    sea.controls["n"].value = 8.0
    assert np.hypot(*sea.data("circle")).max() == pytest.approx(2 * r_before)   # k_F ~ sqrt(n)
