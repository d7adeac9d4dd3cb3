"""Physics of helpers.models.resonant_level (lesson 6): expected values from closed forms, identities,
the Kwant reference (case d) and independent methods (S-matrix, transfer matrix, RGF, dense NEGF)."""

import json
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.integrate import quad
from scipy.optimize import brentq

import helpers
from helpers.negf import breit_wigner, caroli_transmission, embed, green_function, transmission_direct
from helpers.transfer_matrix import chain_transfer_transmission
from helpers.models.resonant_level import (
    dot_broadening, dot_dos, dot_green_function, dot_reflection_amplitude, dot_self_energy,
    dot_transmission, dot_transmission_amplitude, lifetime_fs, molecule_curves, molecule_energy_grid,
    molecule_hamiltonian, molecule_levels, molecule_transmission,
    molecule_transmission_amplitude, peak_height,
    resonant_level_curves)

CASE_D = json.loads((Path(__file__).parent / "data" / "kwant_reference.json").read_text())[
    "cases"]["d_resonant_level"]


# --- self-energy ---------------------------------------------------------------------------------

@pytest.mark.parametrize("t", [1.0, 2.5])
@pytest.mark.parametrize("gamma", [0.1, 0.4, 1.3])
def test_band_centre_self_energy_is_minus_i_gamma_squared_over_t(gamma, t):
    assert_allclose(dot_self_energy(0.0, gamma, t=t), -1j * gamma**2 / t, atol=1e-15)
    assert_allclose(dot_broadening(0.0, gamma, t=t), 2 * gamma**2 / t, rtol=1e-14)


def test_self_energy_solves_the_dyson_equation_of_a_semi_infinite_chain():
    # g = 1/(z - t^2 g): removing the end site of a semi-infinite chain leaves the same chain
    t = 1.3
    z = np.concatenate([np.linspace(-2.5 * t, -2.01 * t, 7), np.linspace(-1.99 * t, 1.99 * t, 41),
                        np.linspace(2.01 * t, 2.5 * t, 7)])
    g = dot_self_energy(z, 1.0, t=t)  # gamma = 1: Sigma = g
    assert_allclose(g, 1 / (z - t**2 * g), rtol=1e-12)
    inside = np.abs(z) < 2 * t
    assert np.all(g[inside].imag < 0)                       # retarded: decay into the lead
    assert np.all(g[~inside].imag == 0)                     # no states outside the band
    assert np.all(np.abs(g[~inside]) <= 1 / t)              # the decaying root
    # inside: Sigma = -(gamma^2/t) e^{ik}, z = -2t cos k
    k = np.arccos(-z[inside] / (2 * t))
    assert_allclose(g[inside], -np.exp(1j * k) / t, atol=1e-14)


def test_self_energy_shifts_with_the_lead_onsite_energy():
    E = np.linspace(0.1, 3.9, 9)
    assert_allclose(dot_self_energy(E, 0.7, lead_onsite=2.0), dot_self_energy(E - 2.0, 0.7), atol=1e-15)


# --- single level --------------------------------------------------------------------------------

def test_dot_reproduces_kwant_reference_case_d():
    p = CASE_D["params"]
    assert p["lead_onsite"] == 0.0 and p["lead_hopping"] == -1.0
    E = np.array(CASE_D["grid"])
    T = dot_transmission(E, p["eps0"], p["gamma"], p["gamma"])
    assert_allclose(T, CASE_D["transmission"], atol=1e-10)


@pytest.mark.parametrize("eps0, gL, gR", [(0.3, 0.4, 0.4), (-0.7, 0.2, 0.9), (1.1, 1.2, 0.3)])
def test_dot_transmission_is_the_full_caroli_trace_and_breit_wigner(eps0, gL, gR):
    E = np.linspace(-1.97, 1.97, 31)
    T = dot_transmission(E, eps0, gL, gR)
    for e, value in zip(E, T):
        sL = helpers.chain_self_energy(e, onsite=0.0, coupling=gL)
        sR = helpers.chain_self_energy(e, onsite=0.0, coupling=gR)
        G = green_function(e, [[eps0]], [[[sL]], [[sR]]])
        assert abs(caroli_transmission(G, helpers.broadening([[sL]]), helpers.broadening([[sR]])) - value) < 1e-13
    # Breit-Wigner with the energy-dependent Gamma_i(E) and shift Re Sigma(E) is exact
    sL, sR = dot_self_energy(E, gL), dot_self_energy(E, gR)
    assert_allclose(T, breit_wigner(E, eps0, -2 * sL.imag, -2 * sR.imag, shift=(sL + sR).real), atol=1e-13)
    assert np.all(T <= 1 + 1e-13)
    assert np.all(dot_transmission([-2.5, 2.5], eps0, gL, gR) == 0)  # no states outside the band


@pytest.mark.parametrize("gL, gR", [(0.3, 0.3), (0.1, 0.4), (0.5, 0.05)])
def test_peak_height_at_band_centre(gL, gR):
    # eps0 = 0 at the band centre: Re Sigma(0) = 0, so the peak is at E = 0 exactly, with
    # Gamma_i = 2 gamma_i^2 / t, and T = 4 Gamma_L Gamma_R / (Gamma_L + Gamma_R)^2
    expected = 4 * gL**2 * gR**2 / (gL**2 + gR**2) ** 2
    assert_allclose(dot_transmission(0.0, 0.0, gL, gR), expected, rtol=1e-13)
    assert_allclose(peak_height(2 * gL**2, 2 * gR**2), expected, rtol=1e-13)
    E = np.linspace(-0.2, 0.2, 401)
    assert dot_transmission(E, 0.0, gL, gR).max() <= expected * (1 + 1e-12)
    if gL != gR:
        assert expected < 1


def test_lifetime_from_hbar_in_ev_s():
    from scipy.constants import physical_constants
    hbar_eV_s = physical_constants["reduced Planck constant in eV s"][0]
    assert_allclose(lifetime_fs(1.0), hbar_eV_s / 1e-3 * 1e15, rtol=1e-12)   # ~658.2 fs
    assert_allclose(lifetime_fs([2.0, 0.5]), [hbar_eV_s / 2e-3 * 1e15, hbar_eV_s / 0.5e-3 * 1e15])
    with pytest.raises(ValueError, match="Gamma_meV"):
        lifetime_fs(0.0)


def test_peak_height_limits_and_validation():
    assert peak_height(1.0, 1.0) == 1.0
    assert_allclose(peak_height(1e-4, 1.0), 4e-4, rtol=1e-3)  # ~ 4 Gamma_L / Gamma_R
    with pytest.raises(ValueError, match="gamma_L"):
        peak_height(-1.0, 1.0)
    with pytest.raises(ValueError, match="both"):
        peak_height(0.0, 0.0)


@pytest.mark.parametrize("gamma", [0.02, 0.05, 0.1])
def test_half_width_is_gamma_over_two_for_weak_coupling(gamma):
    # eps0 at the band centre, weak coupling: a Lorentzian of full width Gamma = 2 (2 gamma^2/t).
    # Leading correction: Re Sigma = -(gamma^2/t^2) E per lead near E = 0 renormalizes the
    # width by 1/(1 + 2 gamma^2/t^2 - ...): relative error of order gamma^2/t^2
    rtol = 2 * gamma**2
    Gamma = 2 * (2 * gamma**2)
    half = lambda E: dot_transmission(E, 0.0, gamma, gamma) - 0.5  # noqa: E731
    right = brentq(half, 0.0, 10 * Gamma, xtol=1e-15)
    left = brentq(half, -10 * Gamma, 0.0, xtol=1e-15)
    assert_allclose(right, Gamma / 2, rtol=rtol)
    assert_allclose(-left, Gamma / 2, rtol=rtol)


def test_amplitudes_conserve_current_and_match_the_smatrix():
    E = np.linspace(-1.95, 1.95, 27)
    for eps0, gL, gR in [(0.3, 0.4, 0.4), (-0.5, 0.2, 0.7)]:
        t_amp = dot_transmission_amplitude(E, eps0, gL, gR)
        r_amp = dot_reflection_amplitude(E, eps0, gL, gR)
        assert_allclose(np.abs(t_amp) ** 2, dot_transmission(E, eps0, gL, gR), atol=1e-14)
        assert_allclose(np.abs(t_amp) ** 2 + np.abs(r_amp) ** 2, 1, atol=1e-13)
    # one-site device in the course chain (lead on-site 2t, gamma = t): same amplitudes as the
    # Fisher-Lee S-matrix of helpers.smatrix, phases included (both referred to the dot site)
    for V in (-0.8, 0.4, 1.5):
        for e in (0.3, 1.7, 3.2):
            S = helpers.smatrix([V], e)
            kw = dict(lead_onsite=2.0)
            assert abs(S.t[0, 0] - dot_transmission_amplitude(e, 2 + V, 1, 1, **kw)) < 1e-12
            assert abs(S.r[0, 0] - dot_reflection_amplitude(e, 2 + V, 1, 1, **kw)) < 1e-12


def test_phase_rises_by_pi_across_the_resonance():
    gamma = 0.1  # Gamma = 0.04 t
    # at the band centre Re Sigma = 0: the resonance sits at E = eps0 = 0, where t = 1 exactly
    amp = dot_transmission_amplitude(0.0, 0.0, gamma, gamma)
    assert_allclose(amp, 1.0, atol=1e-14)
    curves = resonant_level_curves(0.2, gamma, gamma, n=4001)
    phase = curves["phase"]
    assert np.all(np.diff(phase) > 0)                       # monotonic: Friedel-like counting
    E = curves["E"]
    below, above = phase[np.argmin(np.abs(E + 1.0))], phase[np.argmin(np.abs(E - 1.4))]
    assert_allclose(above - below, 1.0, atol=0.03)          # one state passed: pi (in units of pi)
    # wide band: far below -pi/2 + Gamma/(2|E - eps0|)
    assert_allclose(below, -0.5, atol=0.02)


def test_dot_dos_is_normalized_and_lorentzian():
    for eps0, gamma in [(0.2, 0.3), (-0.9, 0.5), (0.0, 0.1)]:
        points = [eps0]
        weight, err = quad(lambda E: dot_dos(E, eps0, gamma, gamma), -2, 2, points=points,
                           limit=400, epsabs=1e-11, epsrel=1e-11)
        assert abs(weight - 1) < 1e-7  # no bound state for weak coupling: all weight in the band
    # on resonance at the band centre (Re Sigma = 0): peak 2/(pi Gamma)
    Gamma = 2 * 2 * 0.3**2
    assert_allclose(dot_dos(0.0, 0.0, 0.3, 0.3), 2 / (np.pi * Gamma), rtol=1e-13)
    # relation between G and DOS: -Im G / pi
    assert_allclose(dot_dos(0.4, 0.1, 0.3, 0.5), -dot_green_function(0.4, 0.1, 0.3, 0.5).imag / np.pi)


def test_strong_coupling_pushes_weight_out_of_the_band():
    # gamma = 1.5 t: 2 gamma^2/t > 2t - eps0, the level splits off bound states outside the band
    weight, _ = quad(lambda E: dot_dos(E, 0.0, 1.5, 1.5), -2, 2, limit=400)
    assert weight < 0.9
    # a bound state is a real pole: E - eps0 - 2 Sigma(E) = 0 with E > 2t
    f = lambda E: (E - 2 * dot_self_energy(E, 1.5)).real  # noqa: E731
    E_b = brentq(f, 2.0001, 10.0)
    assert E_b > 2


def test_chain_ldos_at_band_centre():
    # helpers.negf.ldos of a clean chain (course convention, band centre at 2t) is 1/(2 pi t),
    # the same as the DOS of a "dot" that is just another chain site (gamma = t)
    assert_allclose(helpers.negf.ldos(np.zeros(3), 2.0), 1 / (2 * np.pi), rtol=1e-12)
    assert_allclose(dot_dos(0.0, 0.0, 1.0, 1.0), 1 / (2 * np.pi), rtol=1e-13)


def test_curves_are_the_physics_functions():
    c = resonant_level_curves(0.3, 0.2, 0.5, n=101)
    assert_allclose(c["T"], dot_transmission(c["E"], 0.3, 0.2, 0.5), atol=1e-14)
    assert_allclose(c["dos"], dot_dos(c["E"], 0.3, 0.2, 0.5), atol=1e-14)
    GL, GR = dot_broadening(0.3, 0.2), dot_broadening(0.3, 0.5)
    assert_allclose(c["Gamma"], GL + GR)
    assert_allclose(c["peak"], 4 * GL * GR / (GL + GR) ** 2)
    assert c["E"].min() > -2 and c["E"].max() < 2


# --- molecules -----------------------------------------------------------------------------------

def test_molecule_hamiltonian_and_levels():
    H = molecule_hamiltonian([0.1, 0.2, 0.3], [0.5, 0.7])
    assert_allclose(H, [[0.1, -0.5, 0], [-0.5, 0.2, -0.7], [0, -0.7, 0.3]])
    for N in (1, 2, 5):
        j = np.arange(1, N + 1)
        expected = np.sort(0.3 - 2 * 0.6 * np.cos(j * np.pi / (N + 1)))
        assert_allclose(molecule_levels(np.full(N, 0.3), 0.6), expected, atol=1e-14)
    with pytest.raises(ValueError, match="hopping"):
        molecule_hamiltonian([0, 0, 0], [1.0])
    with pytest.raises(TypeError, match="onsite"):
        molecule_transmission(0.1, "abc", 1.0, 0.3, 0.3)


def test_one_site_molecule_is_the_dot():
    E = np.linspace(-1.9, 1.9, 23)
    assert_allclose(molecule_transmission(E, [0.3], [], 0.2, 0.6), dot_transmission(E, 0.3, 0.2, 0.6), atol=1e-14)


@pytest.mark.parametrize("seed", range(4))
def test_three_methods_agree_on_random_molecules(seed):
    # a molecule with inner hopping t and couplings t between chains of on-site 2t IS the course
    # chain with V = onsite - 2t: Caroli (dense and RGF), Fisher-Lee S-matrix and transfer matrix
    rng = np.random.default_rng(seed)
    N = int(rng.integers(1, 7))
    V = rng.uniform(-1.5, 1.5, N)
    E = np.linspace(0.05, 3.95, 25)
    T = molecule_transmission(E, 2 + V, 1.0, 1.0, 1.0, lead_onsite=2.0)
    assert_allclose(T, helpers.transmission(V, E), atol=1e-12)
    assert_allclose(T, transmission_direct(V, E), atol=1e-12)
    assert_allclose(T, chain_transfer_transmission(V, E), atol=1e-12)
    assert_allclose(T, [helpers.smatrix(V, e).transmission() for e in E], atol=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_general_molecule_against_the_full_caroli_trace(seed):
    # random hoppings and couplings (not a course chain): full matrix Caroli with embedded Sigma
    rng = np.random.default_rng(100 + seed)
    N = int(rng.integers(2, 6))
    eps, hop = rng.uniform(-1, 1, N), rng.uniform(0.3, 1.2, N - 1)
    gL, gR = rng.uniform(0.1, 1.0, 2)
    H = molecule_hamiltonian(eps, hop)
    E = np.linspace(-1.9, 1.9, 15)
    T = molecule_transmission(E, eps, hop, gL, gR)
    for e, value in zip(E, T):
        sL = embed([[helpers.chain_self_energy(e, onsite=0.0, coupling=gL)]], [0], N)
        sR = embed([[helpers.chain_self_energy(e, onsite=0.0, coupling=gR)]], [N - 1], N)
        G = green_function(e, H, [sL, sR])
        assert abs(caroli_transmission(G, helpers.broadening(sL), helpers.broadening(sR)) - value) < 1e-12


@pytest.mark.parametrize("N", [1, 2, 3, 4, 6])
def test_weakly_coupled_molecule_has_N_unit_peaks(N):
    c = molecule_curves(N, 0.0, 0.6, 0.1, 0.1)
    assert c["n_peaks"] == N
    assert len(c["levels"]) == N
    # mirror-symmetric molecule: symmetric coupling of every level, each peak reaches T ~ 1
    for level in c["levels"]:
        near = np.abs(c["E"] - level) < 0.05
        assert c["T"][near].max() > 0.99
    grid = molecule_energy_grid(np.zeros(N), 0.6, 0.1, 0.1)
    assert np.all(np.diff(grid) > 0) and grid.min() > -2 and grid.max() < 2


@pytest.mark.parametrize("seed", range(3))
def test_molecule_amplitude_is_the_smatrix_amplitude(seed):
    # course chain mapping (lead on-site 2t, hoppings t): same phase convention as helpers.smatrix
    rng = np.random.default_rng(200 + seed)
    V = rng.uniform(-1, 1, int(rng.integers(1, 6)))
    for e in (0.4, 1.9, 3.3):
        amp = molecule_transmission_amplitude(e, 2 + V, 1.0, 1.0, 1.0, lead_onsite=2.0)
        assert abs(amp - helpers.smatrix(V, e).t[0, 0]) < 1e-12
    E = np.linspace(-1.9, 1.9, 11)
    amp = molecule_transmission_amplitude(E, V, 0.7, 0.3, 0.5)
    assert_allclose(np.abs(amp) ** 2, molecule_transmission(E, V, 0.7, 0.3, 0.5), atol=1e-14)


@pytest.mark.parametrize("N", [1, 2, 3, 5])
def test_phase_rises_by_pi_per_resonance(N):
    eps = np.zeros(N)
    E = molecule_energy_grid(eps, 0.6, 0.1, 0.1, n=20000)
    phase = np.unwrap(np.angle(molecule_transmission_amplitude(E, eps, 0.6, 0.1, 0.1))) / np.pi
    assert_allclose(phase[-1] - phase[0], N, atol=0.02)
