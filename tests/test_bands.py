"""Lesson 0 physics (helpers.models.bands): the chain's band, velocity and density of states,
the effective mass, and the 2DEG, each against an independent method or a closed form."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import constants as sc
from scipy.integrate import quad

import helpers
from helpers.models import bands


def _dense_chain(n_sites, t=1.0):
    """The Hamiltonian of an open chain written out as a dense matrix (on-site 2t, hopping -t)."""
    H = 2 * t * np.eye(n_sites)
    H -= t * (np.eye(n_sites, k=1) + np.eye(n_sites, k=-1))
    return H


@pytest.mark.parametrize("t", [1.0, 0.7])
def test_plane_waves_solve_the_chain(t):
    # E psi_n = 2t psi_n - t (psi_{n-1} + psi_{n+1}) for psi_n = exp(i k n), any k
    k = np.linspace(-np.pi, np.pi, 37)
    n = np.arange(-2, 3)[:, None]
    psi = np.exp(1j * k * n)
    H_psi = 2 * t * psi[1:-1] - t * (psi[:-2] + psi[2:])
    assert_allclose(H_psi, bands.chain_dispersion(k, t=t) * psi[1:-1], atol=1e-12)


def test_band_limits_and_brillouin_zone():
    k = np.linspace(-3 * np.pi, 3 * np.pi, 301)
    E = bands.chain_dispersion(k)
    assert E.min() >= 0 and E.max() <= 4 + 1e-12
    assert_allclose(bands.chain_dispersion(k + 2 * np.pi), E, atol=1e-12)
    assert bands.chain_dispersion(0.0) == 0 and bands.chain_dispersion(np.pi) == pytest.approx(4)
    # the chain band is the W = None lead band of the engine
    assert_allclose(helpers.band_structure(k)[:, 0], E, atol=1e-12)


@pytest.mark.parametrize("t", [1.0, 2.5])
def test_velocity_is_the_slope_of_the_band(t):
    k = np.linspace(-3.0, 3.0, 61)
    h = 1e-5
    slope = (bands.chain_dispersion(k + h, t=t) - bands.chain_dispersion(k - h, t=t)) / (2 * h)
    assert_allclose(bands.chain_velocity(k, t=t), slope, atol=1e-8)
    assert bands.chain_velocity(0.0) == 0 and abs(bands.chain_velocity(np.pi)) < 1e-12
    assert bands.chain_velocity(np.pi / 2, t=t) == pytest.approx(2 * t)


def test_velocity_matches_the_engine_lead_modes():
    # the engine's velocities of the right-going lead mode of the chain
    from helpers.lattice import Lattice
    from helpers.leads import lead_modes

    chain = Lattice(1, chain=True)
    for E in np.linspace(0.1, 3.9, 12):
        v = lead_modes(E, chain).velocity_right[0]
        assert v == pytest.approx(bands.chain_velocity(bands.chain_wavenumber(E)), abs=1e-10)


def test_wavenumber_inverts_the_band():
    E = np.linspace(0, 4, 41)
    k = bands.chain_wavenumber(E)
    assert np.all((k >= 0) & (k <= np.pi))
    assert_allclose(bands.chain_dispersion(k), E, atol=1e-12)
    assert np.isnan(bands.chain_wavenumber(-0.1)) and np.isnan(bands.chain_wavenumber(4.2))


def test_dos_integrates_to_one_state_per_site():
    total, _ = quad(bands.chain_dos, 0, 4, limit=200)
    assert total == pytest.approx(1.0, abs=1e-8)
    total_t, _ = quad(lambda E: bands.chain_dos(E, t=0.5), 0, 2, limit=200)
    assert total_t == pytest.approx(1.0, abs=1e-8)


def test_dos_is_one_over_pi_times_the_velocity():
    E = np.linspace(0.05, 3.95, 30)
    assert_allclose(bands.chain_dos(E), 1 / (np.pi * bands.chain_velocity(bands.chain_wavenumber(E))),
                    rtol=1e-12)
    assert bands.chain_dos(2.0) == pytest.approx(1 / (2 * np.pi))   # band centre: v = 2t
    assert bands.chain_dos(-0.5) == 0 and bands.chain_dos(4.5) == 0
    assert np.isinf(bands.chain_dos(0.0)) and np.isinf(bands.chain_dos(4.0))


def test_current_per_state_times_states_per_energy_is_constant():
    # the cancellation behind 2e^2/h: D(E) v(E) = 1/pi for every energy in the band
    E = np.linspace(0.01, 3.99, 50)
    assert_allclose(bands.chain_dos(E) * bands.chain_velocity(bands.chain_wavenumber(E)), 1 / np.pi,
                    rtol=1e-10)


def test_dos_against_counting_eigenvalues_of_a_long_chain():
    n_sites = 1000
    levels = np.linalg.eigvalsh(_dense_chain(n_sites))
    edges = np.linspace(0.2, 3.8, 10)
    counted = np.histogram(levels, edges)[0] / (n_sites * np.diff(edges))
    # the DOS averaged over each bin (exact integral of D between the bin edges)
    k = bands.chain_wavenumber(edges)
    expected = np.diff(k) / np.pi / np.diff(edges)
    assert_allclose(counted, expected, rtol=0.03)
    # the helper's levels are the same spectrum, and the standing-wave closed form
    assert_allclose(bands.finite_chain_levels(n_sites), levels, atol=1e-10)
    n = np.arange(1, 11)
    assert_allclose(bands.finite_chain_levels(10, t=2.0), 4 * (1 - np.cos(n * np.pi / 11)), atol=1e-12)


def test_effective_mass_from_the_curvature():
    # E ~ hbar^2 k^2 / 2m* near k = 0: the second derivative at the bottom is 2t
    h = 1e-4
    for t in (1.0, 0.3):
        curvature = (bands.chain_dispersion(h, t=t) - 2 * bands.chain_dispersion(0.0, t=t)
                     + bands.chain_dispersion(-h, t=t)) / h**2
        assert curvature == pytest.approx(2 * t, rel=1e-6)
        assert bands.chain_parabola(0.3, t=t) == pytest.approx(t * 0.09)
    # near the top the curvature is -2t: a negative mass of the same size
    top = (bands.chain_dispersion(np.pi + h) - 2 * bands.chain_dispersion(np.pi)
           + bands.chain_dispersion(np.pi - h)) / h**2
    assert top == pytest.approx(-2.0, rel=1e-6)
    # the parabola lies above the band by t k^4 / 12 + O(k^6)
    k = np.array([0.05, 0.1, 0.2])
    assert_allclose(bands.chain_parabola(k) - bands.chain_dispersion(k), k**4 / 12, rtol=0.01)


def test_lattice_hopping_and_mass_in_si_units():
    m_ratio, a_nm = 0.067, 5.0
    t_J = sc.hbar**2 / (2 * m_ratio * sc.m_e * (a_nm * 1e-9) ** 2)
    assert bands.lattice_hopping(m_ratio, a_nm) == pytest.approx(t_J / sc.e, rel=1e-12)
    assert bands.effective_mass_ratio(t_J / sc.e, a_nm) == pytest.approx(m_ratio, rel=1e-12)
    # velocity unit t a / hbar
    assert bands.velocity_m_per_s(2.0, 1.5, 0.3) == pytest.approx(2 * 1.5 * sc.e * 0.3e-9 / sc.hbar)


def test_square_lattice_bottom_is_an_isotropic_parabola():
    assert bands.square_dispersion(0.0, 0.0) == 0 and bands.square_dispersion(np.pi, np.pi) == pytest.approx(8)
    phi = np.linspace(0, 2 * np.pi, 13)
    q = 0.05
    E = bands.square_dispersion(q * np.cos(phi), q * np.sin(phi))
    assert_allclose(E, q**2, rtol=1e-3)                      # t (kx^2 + ky^2), any direction
    # and the square strip's engine bands: E_n(k) at the lowest subband of a wide strip
    W = 200
    q_y = np.pi / (W + 1)
    assert_allclose(helpers.band_structure(0.3, W)[0], bands.square_dispersion(0.3, q_y), atol=1e-12)


@pytest.mark.parametrize("n", [2e15, 3e15, 5e15])
def test_two_deg_against_closed_forms(n):
    m = 0.067 * sc.m_e
    E_F = np.pi * sc.hbar**2 * n / m                          # spin degenerate
    k_F = np.sqrt(2 * np.pi * n)
    assert bands.fermi_energy_2deg(n) == pytest.approx(E_F / sc.e, rel=1e-12)
    assert bands.fermi_wavenumber_2deg(n) == pytest.approx(k_F * 1e-9, rel=1e-12)
    assert bands.fermi_wavelength_2deg(n) == pytest.approx(np.sqrt(2 * np.pi / n) * 1e9, rel=1e-12)
    assert bands.fermi_velocity_2deg(n) == pytest.approx(sc.hbar * k_F / m, rel=1e-12)
    # counting: a disc of radius k_F holds pi k_F^2 / (2 pi)^2 states per area, times 2 for spin
    assert 2 * np.pi * k_F**2 / (2 * np.pi) ** 2 == pytest.approx(n)
    # the Fermi wavelength of a typical 2DEG is tens of nanometres
    assert 30 < bands.fermi_wavelength_2deg(n) < 60


def test_two_deg_density_of_states_is_constant():
    # E_F grows linearly with n: D = m*/(pi hbar^2) per area, the same at every energy
    n = np.array([1e15, 2e15, 4e15])
    assert_allclose(np.diff(bands.fermi_energy_2deg(n)) / np.diff(n),
                    np.pi * sc.hbar**2 / (0.067 * sc.m_e) / sc.e, rtol=1e-12)


def test_pictures_bundle_the_same_physics():
    d = bands.chain_picture(1.0)
    assert_allclose(d["k_E"], [-np.pi / 3, np.pi / 3])
    assert_allclose(d["v_E"], [-np.sqrt(3), np.sqrt(3)])
    assert d["dos_E"] == pytest.approx(1 / (np.pi * np.sqrt(3)))
    assert bands.chain_picture(5.0)["k_E"].size == 0 and bands.chain_picture(5.0)["dos_E"] == 0
    p = bands.two_deg_picture(3e15)
    assert p["E_F_meV"] == pytest.approx(1e3 * bands.fermi_energy_2deg(3e15))
    assert_allclose(np.hypot(p["circle_x"], p["circle_y"]), p["k_F"])


@pytest.mark.parametrize("call, match", [
    (lambda: bands.chain_dispersion("one"), "k must be a number"),
    (lambda: bands.chain_dos(1.0, t=0), "t must be > 0"),
    (lambda: bands.finite_chain_levels(0), "n_sites must be a positive integer"),
    (lambda: bands.fermi_energy_2deg(-1e15), "density_m2 must be > 0"),
    (lambda: bands.lattice_hopping(0.067, 0), "a_nm must be > 0"),
    (lambda: bands.chain_picture([1.0, 2.0]), "energy must have 0 dimension"),
])
def test_inputs_are_validated_with_named_messages(call, match):
    with pytest.raises((TypeError, ValueError), match=match):
        call()
