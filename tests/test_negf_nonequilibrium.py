"""Non-equilibrium Green's functions: G^<, the spectral function split by lead, occupations and
currents under bias (lesson 6, "Under bias").

Expected values come from identities (A = A_L + A_R = i(G - G^dagger), current conservation,
equilibrium G^< = i f A), from other methods (the Caroli transmission, helpers.transmission,
helpers.current) and from closed forms for a single level with energy-independent broadening.
"""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.integrate import quad_vec
from scipy.special import digamma

import helpers
from helpers.lattice import device_hamiltonian
from helpers.leads import broadening
from helpers.negf import (
    caroli_transmission,
    device_self_energies,
    embed,
    green_function,
    lead_current_density,
    lead_spectral_function,
    lesser_green_function,
    lesser_self_energy,
    nonequilibrium_current,
    nonequilibrium_occupation,
    spectral_function,
)

STRIP = np.random.default_rng(7).uniform(-0.8, 0.8, (5, 3))     # a small disordered strip
STRIP_ENERGIES = [0.4, 1.3, 2.6, 3.9]                          # 1, 2 and 3 open channels


def _strip_green(E):
    sigma_left, sigma_right = device_self_energies(STRIP, E)
    G = green_function(E, device_hamiltonian(STRIP), [sigma_left, sigma_right])
    return G, [broadening(sigma_left), broadening(sigma_right)]


def _wide_band_level(eps0, gamma_left, gamma_right):
    """One level between two wide-band leads: constant Sigma_p = -i Gamma_p / 2."""
    H = np.array([[eps0]])
    sigmas = (np.array([[-0.5j * gamma_left]]), np.array([[-0.5j * gamma_right]]))
    return H, lambda E: sigmas


def _level_occupation_closed_form(eps0, gammas, mus, kT):
    """n = sum_p (Gamma_p / Gamma) int f_p(E) Lorentzian(E) dE: arctan at kT = 0, digamma above."""
    width = sum(gammas)
    n = 0.0
    for gamma, mu in zip(gammas, mus):
        if kT == 0:
            filled = 0.5 + np.arctan(2 * (mu - eps0) / width) / np.pi
        else:
            filled = 0.5 + np.imag(digamma(0.5 + (width / 2 + 1j * (mu - eps0)) / (2 * np.pi * kT))) / np.pi
        n += gamma / width * filled
    return n


@pytest.mark.parametrize("E", STRIP_ENERGIES)
def test_lead_spectral_functions_add_up_to_the_spectral_function(E):
    G, gammas = _strip_green(E)
    A = spectral_function(G)
    assert_allclose(A, 1j * (G - G.conj().T), atol=1e-13)
    assert_allclose(A, A.conj().T, atol=1e-13)                          # Hermitian
    A_parts = [lead_spectral_function(G, gamma) for gamma in gammas]
    assert_allclose(A_parts[0] + A_parts[1], A, atol=1e-12)
    for part in A_parts:                                              # positive semi-definite
        assert np.linalg.eigvalsh((part + part.conj().T) / 2).min() > -1e-12


@pytest.mark.parametrize("E", STRIP_ENERGIES)
def test_trace_gamma_left_times_right_spectral_function_is_the_transmission(E):
    G, (gamma_left, gamma_right) = _strip_green(E)
    A_right = lead_spectral_function(G, gamma_right)
    T_negf = float(np.real(np.trace(gamma_left @ A_right)))
    assert_allclose(T_negf, caroli_transmission(G, gamma_left, gamma_right), atol=1e-12)
    assert_allclose(T_negf, helpers.transmission(STRIP, E), atol=1e-10)   # recursive Green's function
    A_left = lead_spectral_function(G, gamma_left)
    assert_allclose(np.real(np.trace(gamma_right @ A_left)), T_negf, atol=1e-10)   # reciprocity


@pytest.mark.parametrize("E", STRIP_ENERGIES)
def test_lesser_green_function_in_equilibrium_and_under_bias(E):
    G, gammas = _strip_green(E)
    A = spectral_function(G)
    for f in (0.0, 0.3, 1.0):                                          # equilibrium: G^< = i f A
        assert_allclose(lesser_green_function(G, gammas, [f, f]), 1j * f * A, atol=1e-12)
    f_left, f_right = 0.9, 0.2
    sigma_lesser = lesser_self_energy(gammas, [f_left, f_right])
    assert_allclose(sigma_lesser, 1j * (f_left * gammas[0] + f_right * gammas[1]), atol=1e-14)
    G_lesser = lesser_green_function(G, gammas, [f_left, f_right])
    A_left, A_right = (lead_spectral_function(G, g) for g in gammas)
    assert_allclose(G_lesser, 1j * (f_left * A_left + f_right * A_right), atol=1e-12)
    # the occupied density of states lies between the two leads' fillings of the whole spectrum
    occupied = np.real(np.diag(-1j * G_lesser))
    assert np.all(occupied >= f_right * np.real(np.diag(A)) - 1e-12)
    assert np.all(occupied <= f_left * np.real(np.diag(A)) + 1e-12)


@pytest.mark.parametrize("E", STRIP_ENERGIES)
def test_current_density_from_the_lesser_function_is_transmission_times_occupation_difference(E):
    G, gammas = _strip_green(E)
    f = [0.8, 0.1]
    i_left = lead_current_density(G, gammas, f, 0)
    i_right = lead_current_density(G, gammas, f, 1)
    assert_allclose(i_left + i_right, 0, atol=1e-12)                    # what enters leaves
    assert_allclose(i_left, helpers.transmission(STRIP, E) * (f[0] - f[1]), atol=1e-10)
    assert abs(lead_current_density(G, gammas, [0.4, 0.4], 0)) < 1e-12  # no bias, no current


@pytest.mark.parametrize("eps0, gamma_left, gamma_right, mu_left, mu_right", [
    (0.0, 0.1, 0.1, 0.2, -0.2),       # level in the middle of the window, symmetric: n = 1/2
    (0.05, 0.03, 0.12, 0.3, -0.2),    # mostly fed from the right: n near Gamma_L / Gamma = 0.2
    (-0.4, 0.2, 0.05, 0.1, -0.1),     # level below both: nearly full
    (0.6, 0.05, 0.05, 0.3, 0.1),      # level above both: nearly empty
])
def test_level_occupation_under_bias_matches_closed_form_at_zero_temperature(eps0, gamma_left, gamma_right,
                                                                             mu_left, mu_right):
    H, sigmas = _wide_band_level(eps0, gamma_left, gamma_right)
    n = nonequilibrium_occupation(H, sigmas, mu_left, mu_right, 0.0)
    expected = _level_occupation_closed_form(eps0, (gamma_left, gamma_right), (mu_left, mu_right), 0.0)
    assert n.shape == (1,)
    assert_allclose(n[0], expected, atol=1e-8)


@pytest.mark.parametrize("kT", [0.01, 0.05, 0.2])
def test_level_occupation_at_finite_temperature_matches_digamma_closed_form(kT):
    eps0, gamma_left, gamma_right, mu_left, mu_right = 0.1, 0.04, 0.08, 0.25, -0.15
    H, sigmas = _wide_band_level(eps0, gamma_left, gamma_right)
    n = nonequilibrium_occupation(H, sigmas, mu_left, mu_right, kT)[0]
    expected = _level_occupation_closed_form(eps0, (gamma_left, gamma_right), (mu_left, mu_right), kT)
    assert_allclose(n, expected, atol=1e-8)


def test_narrow_level_inside_the_window_is_filled_in_the_ratio_of_its_couplings():
    """A level deep inside the bias window: the left lead fills it at rate Gamma_L, the right
    lead empties it at rate Gamma_R, so n -> Gamma_L / (Gamma_L + Gamma_R)."""
    for gamma_left, gamma_right in [(1e-3, 1e-3), (1e-3, 3e-3), (4e-3, 1e-3)]:
        H, sigmas = _wide_band_level(0.0, gamma_left, gamma_right)
        n = nonequilibrium_occupation(H, sigmas, 0.5, -0.5, 0.0)[0]
        assert_allclose(n, gamma_left / (gamma_left + gamma_right), atol=0.01)


def test_equilibrium_occupation_of_a_chain_device_is_the_integrated_ldos():
    """Chain leads (band -2t..2t): with no bias n_j = int rho_j f dE, and a device with the
    levels deep below mu is almost full."""
    H = np.diag([0.2, -0.1, 0.3]) - 1.0 * (np.eye(3, k=1) + np.eye(3, k=-1))
    sigmas = _chain_leads(3, 1.0)
    n_bias = nonequilibrium_occupation(H, sigmas, 0.4, 0.4, 0.0, band=(-2, 2))
    def ldos(E):
        return -np.imag(np.diag(green_function(E, H, sigmas(E)))) / np.pi

    expected = quad_vec(ldos, -2, 0.4, epsabs=1e-11, epsrel=1e-10, limit=2000)[0]
    assert_allclose(n_bias, expected, atol=1e-8)
    assert np.all((n_bias > 0) & (n_bias < 1))


def _chain_leads(n, gamma):
    def sigmas(E):
        s = complex(helpers.chain_self_energy(E, t=1.0, onsite=0.0, coupling=gamma))
        return embed([[s]], [0], n), embed([[s]], [n - 1], n)
    return sigmas


@pytest.mark.parametrize("kT", [0.0, 0.05])
def test_current_from_lesser_function_equals_landauer_current_with_caroli_transmission(kT):
    H = np.diag([0.1, -0.2, 0.15, 0.0]) - 0.8 * (np.eye(4, k=1) + np.eye(4, k=-1))
    sigmas = _chain_leads(4, 0.6)
    mu_left, mu_right = 0.5, -0.3

    def caroli(E):
        E = np.atleast_1d(E)
        values = []
        for e in E:
            sigma_left, sigma_right = sigmas(e)
            G = green_function(e, H, [sigma_left, sigma_right])
            values.append(caroli_transmission(G, broadening(sigma_left), broadening(sigma_right)))
        return np.array(values)

    I_negf = nonequilibrium_current(H, sigmas, mu_left, mu_right, kT, band=(-2, 2))
    I_landauer = helpers.current(caroli, mu_left, mu_right, kT, points=[-2.0, 2.0])
    assert I_negf > 0
    assert_allclose(I_negf, I_landauer, rtol=1e-6)


def test_single_level_current_is_the_breit_wigner_integral():
    """Wide-band level at kT = 0: I = (Gamma_L Gamma_R / Gamma) [arctan] closed form."""
    eps0, gamma_left, gamma_right, mu_left, mu_right = 0.05, 0.02, 0.06, 0.2, -0.1
    H, sigmas = _wide_band_level(eps0, gamma_left, gamma_right)
    width = gamma_left + gamma_right
    expected = (2 * gamma_left * gamma_right / width) * (
        np.arctan(2 * (mu_left - eps0) / width) - np.arctan(2 * (mu_right - eps0) / width))
    assert_allclose(nonequilibrium_current(H, sigmas, mu_left, mu_right, 0.0), expected, rtol=1e-8)
    assert nonequilibrium_current(H, sigmas, 0.1, 0.1, 0.0) == pytest.approx(0, abs=1e-10)


def test_inputs_are_validated_with_messages_naming_the_argument():
    G, gammas = _strip_green(1.3)
    with pytest.raises(ValueError, match="occupations"):
        lesser_self_energy(gammas, [0.5])
    with pytest.raises(ValueError, match="occupations"):
        lesser_green_function(G, gammas, [1.2, 0.0])
    with pytest.raises(ValueError, match="gamma"):
        lead_spectral_function(G, np.eye(2))
    with pytest.raises(ValueError, match="lead"):
        lead_current_density(G, gammas, [1.0, 0.0], 2)
    with pytest.raises(ValueError, match="gammas"):
        lesser_self_energy([], [])
    H, sigmas = _wide_band_level(0.0, 0.1, 0.1)
    with pytest.raises(ValueError, match="kT"):
        nonequilibrium_occupation(H, sigmas, 0.1, 0.0, -0.1)
    with pytest.raises(TypeError, match="self_energies_fn"):
        nonequilibrium_current(H, "leads", 0.1, 0.0)
    with pytest.raises(ValueError, match="band"):
        nonequilibrium_occupation(H, sigmas, 0.1, 0.0, band=(1, -1))
