"""Physics of lesson 11 (helpers.models.quantum_hall): edge channels, plateaus, Hall bar, currents."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

import helpers
from helpers.currents import divergence
from helpers.multiterminal import landau_levels
from helpers.models import quantum_hall as qh
from helpers.models.qpc import qpc_potential

# (flux, E, nu, W, Wd): at flux 0.08 the lattice Landau levels are 0.47 t and 1.36 t (E = 0.9 t
# is mid-gap, nu = 1); at flux 0.06 they are 0.36, 1.04, 1.66 t (E = 1.35 t: nu = 2, whose
# second edge channel, sqrt(5) l_B wide, needs a wider strip to keep the edges apart).
PLATEAUS = [(0.08, 0.9, 1, 20, 1.0), (0.06, 1.35, 2, 30, 0.8), (-0.08, 0.9, 1, 20, 1.0)]


@pytest.mark.parametrize("flux", [0.0, 0.013, 0.03, 0.06])
def test_edge_channel_staircase_is_the_transmission_of_a_clean_strip(flux):
    E = np.linspace(0.03, 1.97, 60)
    expected = helpers.transmission(np.zeros((1, 16)), E, flux=flux)  # independent: the RGF engine
    assert_allclose(qh.edge_channel_staircase(E, 16, flux), expected, atol=1e-9)


@pytest.mark.parametrize("n", [0, 1, 2])
def test_bulk_landau_levels_tend_to_hbar_omega_c_at_small_flux(n):
    flux = 0.004                                         # l_B = 6.3 sites, levels << band width
    lattice = qh.bulk_landau_levels(flux, 80, 3)[n]
    assert lattice == pytest.approx(4 * np.pi * flux * (n + 0.5), rel=0.01)
    assert qh.cyclotron_energy(flux) == pytest.approx(float(np.diff(landau_levels(flux, [0, 1]))[0]))


def test_lattice_levels_lie_below_the_continuum_and_count_the_filling_factor():
    levels = qh.bulk_landau_levels(0.04, 20, 3)
    assert np.all(levels < landau_levels(0.04, np.arange(3)))
    E = np.array([0.5 * (levels[0] + levels[1]), 0.5 * (levels[1] + levels[2])])
    assert_allclose(qh.filling_factor(E, 0.04, 20), [1, 2])
    assert qh.filling_factor(0.01, 0.04, 20) == 0


def test_magnetic_length_and_guiding_centre():
    # l_B^2 = hbar/eB: with a = 1, flux = B/(h/e) -> l_B^2 = 1/(2 pi flux)
    assert qh.magnetic_length(1 / (2 * np.pi)) == pytest.approx(1.0)
    assert qh.guiding_centre(2 * np.pi * 0.05 * 7, 0.05) == pytest.approx(7.0)


@pytest.mark.parametrize("flux, E, nu, W, Wd", PLATEAUS)
@pytest.mark.parametrize("disordered", [False, True])
def test_two_terminal_plateau_is_the_filling_factor_with_and_without_disorder(flux, E, nu, W, Wd, disordered):
    assert qh.filling_factor(E, flux, W) == nu
    for seed in range(3):
        T = qh.strip_conductance(E, flux, L=100, W=W, strength=Wd * disordered, seed=seed)
        assert abs(T - nu) < 1e-6


def test_the_same_sample_is_localized_at_zero_field_and_quantized_on_a_plateau():
    kwargs = dict(L=600, W=20, strength=1.5, seed=2)
    assert qh.strip_conductance(0.9, 0.0, **kwargs) < 0.1
    assert abs(qh.strip_conductance(0.9, 0.08, **kwargs) - 1) < 1e-5


def test_sample_potential_is_one_sample_scaled():
    assert_allclose(qh.sample_potential(10, 5, 2.0, 7), 2 * qh.sample_potential(10, 5, 1.0, 7))


@pytest.mark.parametrize("flux, E, nu, W, Wd", PLATEAUS)
@pytest.mark.parametrize("disordered", [False, True])
def test_hall_bar_on_a_plateau_gives_one_over_nu_and_no_longitudinal_resistance(flux, E, nu, W, Wd, disordered):
    d = qh.hall_sweep([flux], E, L=48, W=W, probe_width=W // 3, strength=Wd * disordered, seed=1)
    assert d["N"][0] == nu
    assert abs(abs(d["R_xy"][0]) - 1 / nu) < 1e-6          # sign: the direction of B
    assert np.sign(d["R_xy"][0]) == np.sign(flux)
    assert abs(d["R_xx"][0]) < 1e-6
    assert abs(d["R_2t"][0] - 1 / nu) < 1e-6


def test_clean_hall_bar_without_field_has_no_hall_voltage():
    d = qh.hall_sweep([0.0], 0.9, L=48, W=20, probe_width=8)
    assert abs(d["R_xy"][0]) < 1e-9          # mirror symmetry y -> W - 1 - y: the edges are equivalent
    assert d["R_2t"][0] >= 1 / helpers.open_modes(0.9, 20) - 1e-9   # never below the contact resistance


@pytest.mark.parametrize("flux, strength", [(0.0, 1.0), (0.08, 1.5), (0.03, 0.5)])
def test_current_map_is_conserved_and_carries_the_transmission(flux, strength):
    L, W = 30, 16
    d = qh.current_map(0.9, flux, L=L, W=W, strength=strength, seed=4)
    div = divergence(d["jx"], d["jy"])
    assert np.max(np.abs(div[1:-1])) < 1e-9                  # only the end columns touch leads
    T = qh.strip_conductance(0.9, flux, L=L, W=W, strength=strength, seed=4)  # independent (RGF)
    assert d["T"] == pytest.approx(T, abs=1e-8)
    assert_allclose(d["jx"].sum(axis=1), T, atol=1e-8)       # every cross-section carries T


def test_on_a_plateau_the_current_flows_along_the_top_edge_only():
    d = qh.current_map(0.9, 0.08, L=40, W=24, strength=1.0, seed=0)
    jx = d["jx"]
    assert jx[:, 16:].sum() == pytest.approx(jx.sum(), rel=1e-4)  # within 8 sites (6 l_B) of the top


def test_qpc_in_a_field_is_the_lattice_transmission_and_quantized():
    gates = np.array([-0.9, -0.4, 0.0])
    G = qh.qpc_field_sweep(gates, 1.0, 0.03, W=25, length=20)
    expected = [helpers.transmission(qpc_potential(v, 25, length=20), 1.0, flux=0.03) for v in gates]
    assert_allclose(G, expected, atol=1e-12)
    assert abs(G[1] - round(G[1])) < 1e-3 and round(G[1]) >= 1


def test_bad_inputs_are_refused_with_a_message():
    with pytest.raises(ValueError, match="flux"):
        qh.magnetic_length(0.0)
    with pytest.raises(ValueError, match="flux"):
        qh.edge_channel_staircase(0.5, 10, 0.7)
    with pytest.raises(ValueError, match="n_levels"):
        qh.bulk_landau_levels(0.05, 10, 11)
    with pytest.raises(ValueError, match="strength"):
        qh.strip_conductance(0.5, 0.05, L=10, W=5, strength=-1)
    with pytest.raises(TypeError, match="fluxes"):
        qh.hall_sweep("0.05", 0.5)


def test_lead_bands_cover_one_period_with_each_guiding_centre_once():
    W, flux = 24, 0.03
    k, bands = qh.lead_bands(W, flux, k_points=201)
    assert k[-1] - k[0] == pytest.approx(2 * np.pi)
    assert_allclose(bands[0], bands[-1], atol=1e-12)             # the bands are 2 pi periodic
    y0 = qh.guiding_centre(k, flux)
    assert y0.mean() == pytest.approx((W - 1) / 2)
