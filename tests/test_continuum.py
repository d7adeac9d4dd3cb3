"""Physics of helpers.continuum: 1D steps, barriers and delta barriers in eV, nm and m_e.

Expected values come from closed forms (textbook formulas written out here), from identities
(unitarity, reciprocity, mirror symmetry, composition rules) and from an independent plain
transfer-matrix solution of the same Schroedinger equation, never from earlier output.
"""

import warnings

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy import constants as sc
from scipy.optimize import brentq

from helpers.continuum import (
    delta_barrier,
    delta_barrier_transmission,
    double_barrier,
    double_barrier_layout,
    double_barrier_transmission,
    piecewise_smatrix,
    piecewise_transmission,
    potential_profile,
    rectangular_barrier,
    rectangular_barrier_transmission,
    step_potential,
    step_transmission,
)
from helpers.scattering import incoherent_series, series

# hbar^2 / (2 m_e) in eV nm^2, computed here from CODATA so the test does not trust the module
C = sc.hbar**2 / (2 * sc.m_e) / sc.e * 1e18


def wavenumber(E, V, m_eff):
    """k in 1/nm for E > V (kappa for E < V via abs)."""
    return np.sqrt(m_eff * np.abs(E - V) / C)


# ---- closed forms ----------------------------------------------------------------------------
def barrier_closed_form(E, V0, d, m_eff):
    E = np.asarray(E, float)
    q = wavenumber(E, V0, m_eff) * d
    below = 1 / (1 + V0**2 * np.sinh(q) ** 2 / (4 * E * (V0 - E)))
    above = 1 / (1 + V0**2 * np.sin(q) ** 2 / (4 * E * (E - V0)))
    return np.where(E < V0, below, above)


def barrier_amplitudes(E, V0, d, m_eff):
    """Textbook r, t of a barrier on [0, d] below its top, psi_L = e^{ikx} + r e^{-ikx}, psi_R = t e^{ikx}."""
    k, kap = wavenumber(E, 0, m_eff), wavenumber(E, V0, m_eff)
    den = np.cosh(kap * d) + 1j * (kap**2 - k**2) / (2 * k * kap) * np.sinh(kap * d)
    return -1j * (k**2 + kap**2) / (2 * k * kap) * np.sinh(kap * d) / den, np.exp(-1j * k * d) / den


def test_constant_agrees_with_helpers_constants():
    from helpers.constants import HBAR2_OVER_2ME_EV_NM2

    assert HBAR2_OVER_2ME_EV_NM2 == pytest.approx(C, rel=1e-14)
    assert C == pytest.approx(0.0380998, rel=1e-6)


@pytest.mark.parametrize("height", [0.2, -0.3, 1.0])
@pytest.mark.parametrize("m_eff", [1.0, 0.067])
def test_potential_step(height, m_eff):
    E = np.linspace(0.01, 2.0, 200)
    k1, k2 = wavenumber(E, 0, m_eff), wavenumber(E, height, m_eff)
    expected = np.where(E > height, 4 * k1 * k2 / (k1 + k2) ** 2, 0.0)
    assert_allclose(step_transmission(E, height, m_eff=m_eff), expected, atol=1e-13)


def test_step_below_the_top_closes_the_right_lead():
    S = step_potential(0.3, 0.5)
    assert S.num_modes == (1, 0)
    assert S.transmission() == 0.0
    assert abs(S.r[0, 0]) == pytest.approx(1.0, abs=1e-14)
    # phase of the total reflection off a wall: r = (k - i kappa) / (k + i kappa)
    k, kap = wavenumber(0.3, 0, 1.0), wavenumber(0.3, 0.5, 1.0)
    assert S.r[0, 0] == pytest.approx((k - 1j * kap) / (k + 1j * kap), abs=1e-14)


def test_step_down_from_a_closed_left_lead():
    S = step_potential(-0.1, -0.5)  # left lead at 0 closed, right lead at -0.5 open
    assert S.num_modes == (0, 1)
    assert S.transmission() == 0.0
    assert abs(S.rp[0, 0]) == pytest.approx(1.0, abs=1e-14)


def test_both_leads_closed_gives_empty_blocks():
    S = rectangular_barrier(-0.2, 1.0, 1.0)
    assert S.num_modes == (0, 0)
    assert S.matrix.shape == (0, 0)
    assert S.transmission() == 0.0


@pytest.mark.parametrize("V0, d, m_eff", [(1.0, 1.0, 1.0), (0.3, 5.0, 0.067), (0.5, 0.2, 2.0), (-0.4, 3.0, 0.5)])
def test_rectangular_barrier_closed_form(V0, d, m_eff):
    E = np.linspace(0.005, 3.0, 601)
    E = E[np.abs(E - V0) > 1e-6]
    assert_allclose(rectangular_barrier_transmission(E, V0, d, m_eff=m_eff), barrier_closed_form(E, V0, d, m_eff),
                    rtol=1e-11, atol=1e-14)


def test_rectangular_barrier_amplitudes_and_phases():
    E, V0, d, m = 0.1, 0.3, 2.0, 0.067
    r, t = barrier_amplitudes(E, V0, d, m)
    S = rectangular_barrier(E, V0, d, m_eff=m)
    assert S.t[0, 0] == pytest.approx(t, abs=1e-13)
    assert S.tp[0, 0] == pytest.approx(t, abs=1e-13)
    assert S.r[0, 0] == pytest.approx(r, abs=1e-13)
    # mirror image around the barrier centre d/2: r' = r e^{-2ikd}
    assert S.rp[0, 0] == pytest.approx(r * np.exp(-2j * wavenumber(E, 0, m) * d), abs=1e-13)


@pytest.mark.parametrize("V0, d, m_eff", [(1.0, 1.0, 1.0), (0.3, 5.0, 0.067), (0.05, 20.0, 0.2)])
def test_energy_exactly_at_the_barrier_top(V0, d, m_eff):
    expected = 1 / (1 + m_eff * V0 * d**2 / (4 * C))  # = 1/(1 + m V0 d^2 / (2 hbar^2))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        at = rectangular_barrier_transmission(V0, V0, d, m_eff=m_eff)
        near = rectangular_barrier_transmission([V0 - 1e-9, V0 + 1e-9], V0, d, m_eff=m_eff)
        S = rectangular_barrier(V0, V0, d, m_eff=m_eff)
    assert at == pytest.approx(expected, rel=1e-12)
    assert_allclose(near, at, rtol=1e-6)
    assert S.unitarity_error() < 1e-12


@pytest.mark.parametrize("alpha", [0.05, 0.3, -0.2])
@pytest.mark.parametrize("m_eff", [1.0, 0.067])
def test_delta_barrier_closed_form(alpha, m_eff):
    E = np.linspace(0.001, 2.0, 300)
    # T = 1 / (1 + m alpha^2 / (2 hbar^2 E)) with m = m_eff m_e, hbar^2 = 2 m_e C
    expected = 1 / (1 + m_eff * alpha**2 / (4 * C * E))
    assert_allclose(delta_barrier_transmission(E, alpha, m_eff=m_eff), expected, rtol=1e-12)
    assert delta_barrier(0.4, alpha, m_eff=m_eff).unitarity_error() < 1e-13


def test_delta_is_the_limit_of_a_thin_tall_barrier():
    alpha, E = 0.1, 0.2
    thin = rectangular_barrier_transmission(E, alpha / 1e-4, 1e-4)
    assert thin == pytest.approx(delta_barrier_transmission(E, alpha), rel=1e-3)


# ---- thick barriers: stability ---------------------------------------------------------------
def log_barrier_closed_form(E, V0, d, m_eff):
    """ln T of the barrier below its top, without overflow: ln sinh x = x - ln 2 + log1p(-e^{-2x})."""
    x = wavenumber(E, V0, m_eff) * d
    log_X = 2 * np.log(V0) - np.log(4 * E * (V0 - E)) + 2 * (x - np.log(2) + np.log1p(-np.exp(-2 * x)))
    return -(log_X + np.log1p(np.exp(-log_X)))  # -ln(1 + X)


@pytest.mark.parametrize("E, V0, d", [(0.5, 1.0, 30.0), (0.5, 1.0, 95.0), (0.1, 2.0, 40.0)])
def test_thick_barrier_matches_the_log_of_the_closed_form(E, V0, d):
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        T = rectangular_barrier_transmission(E, V0, d)
        S = rectangular_barrier(E, V0, d)
    assert T > 0
    expected = log_barrier_closed_form(E, V0, d, 1.0)
    assert expected < -200  # really tiny: T from 1e-94 down to 1e-299
    assert np.log(T) == pytest.approx(expected, rel=1e-8)
    assert S.unitarity_error() < 1e-12


def test_absurdly_thick_barrier_gives_zero_without_warnings():
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        T = rectangular_barrier_transmission(np.linspace(0.01, 0.99, 50), 1.0, 1e6)
        S = rectangular_barrier(0.5, 1.0, 1e6)
        D = double_barrier_transmission(np.linspace(0.01, 0.99, 50), 1.0, 1e4, 1e4)
    assert np.all(np.isfinite(T)) and np.all((T >= 0) & (T < 1e-300))
    assert np.all(np.isfinite(D)) and np.all((D >= 0) & (D < 1e-300))
    assert abs(S.r[0, 0]) == pytest.approx(1.0, abs=1e-14)


# ---- double barrier: resonant tunnelling -----------------------------------------------------
H, W, SPACING, M = 0.3, 2.0, 5.0, 0.067  # a GaAs/AlGaAs-like resonant-tunnelling diode


def fabry_perot_phase(E, height=H, width=W, spacing=SPACING, m_eff=M):
    """Round-trip factor z = r1' r2 between the barriers: |z| = R1, resonance when arg z = 0 mod 2 pi."""
    r, _ = barrier_amplitudes(E, height, width, m_eff)
    k = wavenumber(E, 0, m_eff)
    return r**2 * np.exp(2j * k * spacing)


def resonances(*geometry):
    """Resonance energies below the barrier top from the Fabry-Perot phase condition (brentq)."""
    height = geometry[0] if geometry else H
    E = np.linspace(1e-3, height - 1e-3, 4000)
    z = fabry_perot_phase(E, *geometry)
    roots = []
    for a, b, za, zb in zip(E[:-1], E[1:], z[:-1], z[1:]):
        if np.sign(za.imag) != np.sign(zb.imag) and za.real > 0:
            roots.append(brentq(lambda e: fabry_perot_phase(e, *geometry).imag, a, b, xtol=1e-15, rtol=1e-15))
    return roots


def test_double_barrier_is_fabry_perot():
    E = np.linspace(0.002, H - 0.002, 500)
    r, t = barrier_amplitudes(E, H, W, M)
    expected = np.abs(t) ** 4 / np.abs(1 - fabry_perot_phase(E)) ** 2
    assert_allclose(double_barrier_transmission(E, H, W, SPACING, m_eff=M), expected, rtol=1e-9)


def test_double_barrier_resonances_transmit_perfectly():
    levels = resonances()
    assert len(levels) >= 1
    for E0 in levels:
        assert double_barrier_transmission(E0, H, W, SPACING, m_eff=M) == pytest.approx(1.0, abs=1e-9)
        assert double_barrier(E0, H, W, SPACING, m_eff=M).unitarity_error() < 1e-12
    # far from resonance it is of order T1^2 / 4, not 1
    E_off = 0.5 * (levels[0] + (levels[1] if len(levels) > 1 else H))
    assert double_barrier_transmission(E_off, H, W, SPACING, m_eff=M) < 0.5


def test_double_barrier_resonance_is_a_breit_wigner_line():
    # near a sharp resonance T ~ 1 / (1 + (2 (E - E0) / Gamma)^2) with
    # Gamma = 2 (1 - R1) / (sqrt(R1) |d phi/dE|), phi = arg(r1' r2): half height at E0 +- Gamma/2
    geometry = (0.3, 6.0, 6.0, 0.067)  # thicker barriers than above: R1 close to 1
    narrow = 0
    for E0 in resonances(*geometry):
        h = 1e-7
        z0 = fabry_perot_phase(E0, *geometry)
        dphi = np.angle(fabry_perot_phase(E0 + h, *geometry) / fabry_perot_phase(E0 - h, *geometry)) / (2 * h)
        R1 = np.abs(z0)
        gamma = 2 * (1 - R1) / (np.sqrt(R1) * abs(dphi))
        if gamma > 0.01 * E0:  # only narrow lines are Lorentzians (the top one is broad)
            continue
        narrow += 1
        T = double_barrier_transmission(np.array([E0 - gamma / 2, E0, E0 + gamma / 2]), *geometry[:3], m_eff=geometry[3])
        assert_allclose(T, [0.5, 1.0, 0.5], rtol=0.01)
    assert narrow >= 1


def test_series_of_two_barriers_equals_the_double_barrier():
    # both barriers are built in the same coordinates (plane waves referenced to x = 0),
    # so the star product reproduces every amplitude of the direct calculation
    for E in [0.05, 0.13, 0.29, 0.3, 0.45]:
        first = rectangular_barrier(E, H, W, m_eff=M)
        second = piecewise_smatrix(E, [W + SPACING, 2 * W + SPACING], [0.0, H, 0.0], m_eff=M)
        direct = double_barrier(E, H, W, SPACING, m_eff=M)
        composed = series(first, second)
        assert_allclose(composed.matrix, direct.matrix, atol=1e-10)
        assert composed.transmission() == pytest.approx(direct.transmission(), rel=1e-9)


def test_series_with_different_barriers_and_a_delta():
    E, m = 0.4, 0.2
    a = piecewise_smatrix(E, [0.0, 1.5], [0.0, 0.6, 0.0], m_eff=m)
    b = piecewise_smatrix(E, [4.0, 4.5, 6.0], [0.0, -0.2, 0.8, 0.0], m_eff=m, deltas=[(7.0, 0.05)])
    direct = piecewise_smatrix(E, [0.0, 1.5, 4.0, 4.5, 6.0], [0.0, 0.6, 0.0, -0.2, 0.8, 0.0], m_eff=m,
                               deltas=[(7.0, 0.05)])
    assert_allclose(series(a, b).matrix, direct.matrix, atol=1e-10)


def test_incoherent_series_of_two_barriers():
    E = 0.2
    a = rectangular_barrier(E, 0.3, 1.0, m_eff=M)
    b = piecewise_smatrix(E, [10.0, 11.5], [0.0, 0.5, 0.0], m_eff=M)
    T1, T2 = barrier_closed_form(E, 0.3, 1.0, M), barrier_closed_form(E, 0.5, 1.5, M)
    expected = T1 * T2 / (1 - (1 - T1) * (1 - T2))
    assert incoherent_series(a, b) == pytest.approx(expected, rel=1e-10)


# ---- identities ------------------------------------------------------------------------------
ASYMMETRIC = dict(boundaries=[-1.0, 0.5, 2.0, 2.2], potentials=[0.1, 0.7, -0.3, 1.2, -0.05],
                  deltas=[(1.0, 0.08), (3.0, -0.05)])


@pytest.mark.parametrize("E", [0.11, 0.2, 0.5, 0.7, 1.2, 1.2 + 1e-12, 3.0])
@pytest.mark.parametrize("m_eff", [1.0, 0.067])
def test_unitarity_and_reciprocity_for_an_asymmetric_profile(E, m_eff):
    S = piecewise_smatrix(E, m_eff=m_eff, **ASYMMETRIC)
    assert S.num_modes == (1, 1)
    assert S.unitarity_error() < 1e-10
    assert S.reflection() + S.transmission() == pytest.approx(1.0, abs=1e-12)
    assert np.abs(S.tp[0, 0]) ** 2 == pytest.approx(S.transmission(), rel=1e-10, abs=1e-300)
    # reciprocity (time reversal): in flux normalization t' = t, phases included
    assert S.tp[0, 0] == pytest.approx(S.t[0, 0], rel=1e-10, abs=1e-300)


def test_symmetric_structure_transmits_equally_from_both_sides():
    E = np.linspace(0.01, 1.0, 200)
    x, V = double_barrier_layout(0.4, 1.5, 3.0)
    mirrored_x = [-b for b in x[::-1]]
    assert_allclose(piecewise_transmission(E, x, V[::-1]), piecewise_transmission(E, mirrored_x, V), rtol=1e-12)
    for e in [0.1, 0.3, 0.8]:
        S = double_barrier(e, 0.4, 1.5, 3.0)
        assert abs(S.tp[0, 0]) ** 2 == pytest.approx(S.transmission(), rel=1e-12)


def test_vectorized_transmission_matches_the_smatrix_and_keeps_the_shape():
    E = np.linspace(-0.2, 2.0, 24).reshape(4, 6)
    T = piecewise_transmission(E, **ASYMMETRIC)
    assert T.shape == (4, 6)
    expected = [piecewise_smatrix(e, **ASYMMETRIC).transmission() for e in E.ravel()]
    assert_allclose(T.ravel(), expected, rtol=1e-12, atol=1e-300)
    assert isinstance(piecewise_transmission(0.5, **ASYMMETRIC), float)


def test_no_structure_is_perfectly_transparent():
    S = piecewise_smatrix(0.3, [], [0.1])
    assert S.transmission() == pytest.approx(1.0, abs=1e-15)
    assert abs(S.r[0, 0]) < 1e-15
    # a region at the lead potential changes nothing either
    assert piecewise_transmission(0.3, [1.0, 5.0], [0.1, 0.1, 0.1]) == pytest.approx(1.0, abs=1e-14)


def test_lead_threshold_counts_as_closed():
    assert rectangular_barrier_transmission(0.0, 1.0, 1.0) == 0.0
    assert step_potential(0.2, 0.2).num_modes == (1, 0)
    assert step_transmission(0.2, 0.2) == 0.0


def test_profile_draws_the_steps():
    x, V = potential_profile(*double_barrier_layout(0.3, 2.0, 5.0))
    assert_allclose(x[1:-1], [0, 0, 2, 2, 7, 7, 9, 9])
    assert_allclose(V, [0, 0, 0.3, 0.3, 0, 0, 0.3, 0.3, 0, 0])
    assert x[0] < 0 and x[-1] > 9


# ---- an independent method: plain transfer matrices, with their own error estimate -----------
EPS = np.finfo(float).eps


def transfer_matrix_solution(E, boundaries, potentials, deltas, m_eff):
    """r and flux-normalized t from (psi, psi') transfer matrices, with their own error estimates.

    Returns (r, t, err_r, err_t): err_r and err_t are first-order bounds on the absolute rounding
    errors of r and of the flux-normalized t (checked against 200-digit mpmath on random profiles).

    Conditioning. The matching condition M (uL + r vL) = t wR is solved by Cramer's rule, using
    det M = 1 exactly (each factor has det cos^2 + sin^2 = 1, a delta det 1) and the exact Wronskian
    det[vL, uL] = 2 i kL:  t = -2 i kL / D,  r = det[M uL, wR] / D,  D = det[M vL, -wR].
    A general linear solve of [M vL, -wR] (r, t) = -M uL is NOT accurate for small t: its backward
    error is of size eps |M| |r| and with t ~ 1/|M| that gives a relative error ~ eps |M|^2 ~ eps / T
    (1e-7 for T ~ 1e-9). With Cramer's rule the only error is in the entries of M, M vL and M uL:
    a product of 2 x 2 matrices is accurate to gamma |F_n| ... |F_1| elementwise (absolute values),
    gamma ~ (number of factors) eps, so D and det[M uL, wR] are known to within
    delta = gamma sum_i (|F_n|...|F_1| |v|)_i |wR|_(1-i). That is small compared with |D| when the
    factors do not cancel (a plain barrier), large at a sharp resonance between thick barriers
    (|M| ~ 1 while |F_n|...|F_1| ~ e^{2 kappa d}): the estimate says when this method can be trusted.
    """
    events = [(b, "jump", i) for i, b in enumerate(boundaries)] + [(x, "delta", a) for x, a in deltas]
    events.sort(key=lambda e: (e[0], e[1] == "jump"))
    positions = [e[0] for e in events]
    x_min, x_max = (min(positions), max(positions)) if positions else (0.0, 0.0)
    kL = np.sqrt(m_eff * (E - potentials[0]) / C + 0j)
    kR = np.sqrt(m_eff * (E - potentials[-1]) / C + 0j)
    M = np.eye(2, dtype=complex)
    M_abs = np.eye(2)  # |F_n| ... |F_1| (elementwise absolute values), for the error estimate
    factors = 0
    x, region = x_min, int(np.searchsorted(boundaries, x_min, side="left"))
    for pos, kind, value in events:
        k = np.sqrt(m_eff * (E - potentials[region]) / C + 0j)
        d = pos - x
        if d > 0:
            c, s = np.cos(k * d), (np.sin(k * d) / k if k != 0 else d)
            F = np.array([[c, s], [-k * k * s, c]])
            M, M_abs, factors = F @ M, np.abs(F) @ M_abs, factors + 1
        x = pos
        if kind == "delta":
            F = np.array([[1, 0], [m_eff * value / C, 1]])
            M, M_abs, factors = F @ M, np.abs(F) @ M_abs, factors + 1
        else:
            region = value + 1
    # left: psi = e^{ikx} + r e^{-ikx}; right: psi = t e^{ikx}, both evaluated at the edges
    uL = np.array([np.exp(1j * kL * x_min), 1j * kL * np.exp(1j * kL * x_min)])
    vL = np.array([np.exp(-1j * kL * x_min), -1j * kL * np.exp(-1j * kL * x_min)])
    wR = np.array([np.exp(1j * kR * x_max), 1j * kR * np.exp(1j * kR * x_max)])
    Mv, Mu = M @ vL, M @ uL
    D = -Mv[0] * wR[1] + Mv[1] * wR[0]
    t = -2j * kL / D
    r = (Mu[0] * wR[1] - Mu[1] * wR[0]) / D
    # rounding: 8 eps per factor (cos, sin/k, k^2 s, complex products and sums), 16 eps for the
    # wave numbers and the products with v and w, eps |k x| for the phases e^{i k x}: a generous
    # first-order bound; 8 eps more on t for -2 i kL / D and the flux factor sqrt(kR/kL)
    gamma = EPS * (8 * factors + 16 + abs(kL * x_min) + abs(kR * x_max))
    w = np.abs(wR)[::-1]
    delta_D = gamma * ((M_abs @ np.abs(vL)) @ w)
    delta_N = gamma * ((M_abs @ np.abs(uL)) @ w)
    err_t = abs(t) * (delta_D / abs(D) + 8 * EPS)
    err_r = delta_N / abs(D) + abs(r) * delta_D / abs(D)
    return r, t * np.sqrt(kR / kL), err_r, abs(np.sqrt(kR / kL)) * err_t


profiles = st.integers(0, 4).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(0.05, 4.0), min_size=n, max_size=n),  # widths
        st.lists(st.floats(-0.5, 1.5), min_size=n + 2, max_size=n + 2),  # V_0 .. V_{n+1}
        st.lists(st.tuples(st.floats(-2.0, 12.0), st.floats(-0.3, 0.3)), max_size=2),  # deltas
        st.floats(0.01, 2.0),  # energy above both leads
        st.floats(0.05, 2.0),  # m_eff
        st.floats(-5.0, 5.0),  # start position
    )
)


@settings(max_examples=150, deadline=None)
@given(profiles)
@example(([0.25, 0.5, 2.0, 1.0], [0.0, 0.0, 0.0, 1.25, 1.0, 0.5], [], 0.0625, 0.875, 0.0))  # T ~ 6e-10
def test_random_profiles_obey_the_laws(case):
    widths, V, deltas, excess, m_eff, start = case
    boundaries = list(start + np.concatenate([[0.0], np.cumsum(widths)]))
    E = max(V[0], V[-1]) + excess
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        S = piecewise_smatrix(E, boundaries, V, m_eff=m_eff, deltas=deltas or None)
        T_vec = piecewise_transmission([E, E], boundaries, V, m_eff=m_eff, deltas=deltas or None)
    T = S.transmission()
    assert S.num_modes == (1, 1)
    assert S.unitarity_error() < 1e-10
    assert -1e-15 <= T <= 1 + 1e-12
    assert abs(S.tp[0, 0]) ** 2 == pytest.approx(T, rel=1e-9, abs=1e-300)
    assert_allclose(T_vec, T, rtol=1e-12, atol=1e-300)
    # mirror image: reverse the profile, T is unchanged
    mirrored = piecewise_transmission(E, [-b for b in boundaries[::-1]], V[::-1], m_eff=m_eff,
                                      deltas=[(-x, a) for x, a in deltas] or None)
    assert mirrored == pytest.approx(T, rel=1e-9, abs=1e-300)
    # an independent method, compared wherever it can be trusted: its own rounding-error estimate
    # (transfer_matrix_solution) must be at most a tenth of the tolerance, so a failure is the
    # module's error and not the reference's. Skipped only near sharp resonances of thick barriers.
    r_tm, t_tm, err_r, err_t = transfer_matrix_solution(E, boundaries, V, deltas, m_eff)
    rel, abs_r = 1e-9, 1e-12  # t relative to itself (T may be tiny); r also absolutely (|r| <= 1)
    if err_t <= 0.1 * rel * abs(t_tm):
        assert S.t[0, 0] == pytest.approx(t_tm, rel=rel, abs=0)
    if err_r <= 0.1 * max(rel * abs(r_tm), abs_r):
        assert S.r[0, 0] == pytest.approx(r_tm, rel=rel, abs=abs_r)


def plane_wave_matching(E, boundaries, potentials, m_eff):
    """r and flux-normalized t by matching psi = A_j e^{i k_j x} + B_j e^{-i k_j x} at each boundary.

    A second independent formulation (no deltas, E != V in every region), run from the right lead
    (A, B) = (1, 0) to the left one: t = 1 / A_0, r = B_0 / A_0. Accurate to a few eps when the
    amplitudes only grow from right to left (barriers, steps; no sharp resonance).
    """
    k = np.sqrt(m_eff * (E - np.asarray(potentials, float)) / C + 0j)
    coef = np.array([1.0 + 0j, 0.0])
    for j in range(len(boundaries) - 1, -1, -1):  # (A_j, B_j) from (A_j+1, B_j+1) at x = boundaries[j]
        x, ka, kb = boundaries[j], k[j], k[j + 1]
        rho = kb / ka
        coef = 0.5 * np.array([
            [(1 + rho) * np.exp(1j * (kb - ka) * x), (1 - rho) * np.exp(-1j * (kb + ka) * x)],
            [(1 - rho) * np.exp(1j * (kb + ka) * x), (1 + rho) * np.exp(-1j * (kb - ka) * x)],
        ]) @ coef
    A, B = coef
    return B / A, np.sqrt(k[-1] / k[0]) / A


def test_small_transmission_regression_against_well_conditioned_references():
    # found by hypothesis: two barriers after a step, T ~ 6e-10. A general linear solve of the
    # transfer-matrix equations is off by 1e-7 in t here (error ~ eps / T); the Cramer form of
    # transfer_matrix_solution and plane-wave matching both agree with a 50-digit mpmath
    # calculation to 1e-15, so the module must agree with them to 1e-10.
    boundaries, V, m_eff, E = [0.0, 0.25, 0.75, 2.75, 3.75], [0.0, 0.0, 0.0, 1.25, 1.0, 0.5], 0.875, 0.5625
    S = piecewise_smatrix(E, boundaries, V, m_eff=m_eff)
    r_tm, t_tm, err_r, err_t = transfer_matrix_solution(E, boundaries, V, [], m_eff)
    r_pw, t_pw = plane_wave_matching(E, boundaries, V, m_eff)
    assert err_t < 1e-12 * abs(t_tm) and err_r < 1e-12  # the reference trusts itself to 1e-12
    assert t_pw == pytest.approx(t_tm, rel=1e-12) and r_pw == pytest.approx(r_tm, rel=1e-12)
    assert 1e-10 < abs(t_tm) ** 2 < 1e-9
    assert S.t[0, 0] == pytest.approx(t_tm, rel=1e-10, abs=0)
    assert S.tp[0, 0] == pytest.approx(t_tm, rel=1e-10, abs=0)  # reciprocity
    assert S.r[0, 0] == pytest.approx(r_tm, rel=1e-10, abs=0)


@pytest.mark.parametrize("deltas", [[(1.0, 0.1)], [(0.0, -0.2), (1.0, 0.1), (1.0, 0.05)], [(-3.0, 0.2), (5.0, -0.1)]])
def test_deltas_on_boundaries_coincident_or_in_the_leads(deltas):
    boundaries, V = [0.0, 1.0, 2.0], [0.1, 0.9, -0.2, 0.3]
    S = piecewise_smatrix(0.7, boundaries, V, m_eff=0.5, deltas=deltas)
    r, t, _, _ = transfer_matrix_solution(0.7, boundaries, V, deltas, 0.5)
    assert S.t[0, 0] == pytest.approx(t, abs=1e-12)
    assert S.r[0, 0] == pytest.approx(r, abs=1e-12)
    assert S.unitarity_error() < 1e-12


# ---- bad input -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        (dict(energy="0.5"), TypeError, "energy"),
        (dict(energy=np.nan), ValueError, "energy"),
        (dict(boundaries=[1.0, 0.0]), ValueError, "boundaries"),
        (dict(boundaries=[0.0, np.inf]), ValueError, "boundaries"),
        (dict(boundaries="0 1"), TypeError, "boundaries"),
        (dict(potentials=[0.0, 1.0]), ValueError, "potentials"),
        (dict(potentials=[0.0, "a", 0.0]), TypeError, "potentials"),
        (dict(m_eff=0.0), ValueError, "m_eff"),
        (dict(m_eff=-0.067), ValueError, "m_eff"),
        (dict(m_eff="GaAs"), TypeError, "m_eff"),
        (dict(deltas=[0.0, 0.1, 0.2]), ValueError, "deltas"),
        (dict(deltas=[(0.0, np.nan)]), ValueError, "deltas"),
    ],
)
def test_piecewise_bad_input_names_the_argument(kwargs, error, name):
    args = dict(energy=0.5, boundaries=[0.0, 1.0], potentials=[0.0, 1.0, 0.0]) | kwargs
    with pytest.raises(error, match=name):
        piecewise_smatrix(args.pop("energy"), args.pop("boundaries"), args.pop("potentials"), **args)


@pytest.mark.parametrize(
    "call, error, name",
    [
        (lambda: rectangular_barrier(0.5, 1.0, -1.0), ValueError, "width"),
        (lambda: rectangular_barrier_transmission([0.5], 1.0, 0.0), ValueError, "width"),
        (lambda: rectangular_barrier(0.5, "high", 1.0), TypeError, "height"),
        (lambda: double_barrier(0.1, 0.3, 2.0, -5.0), ValueError, "spacing"),
        (lambda: double_barrier_transmission([0.1], 0.3, 2.0, 5.0, m_eff=0), ValueError, "m_eff"),
        (lambda: delta_barrier(0.1, np.nan), ValueError, "strength"),
        (lambda: step_potential([0.1, 0.2], 0.3), ValueError, "energy"),
        (lambda: step_transmission([[0.1], ["x"]], 0.3), TypeError, "energy"),
        (lambda: potential_profile([0.0, 1.0], [0.0, 1.0, 0.0], padding=-1.0), ValueError, "padding"),
    ],
)
def test_shapes_bad_input_names_the_argument(call, error, name):
    with pytest.raises(error, match=name):
        call()
