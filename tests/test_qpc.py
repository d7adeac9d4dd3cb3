"""Physics of helpers.models.qpc (lesson 3): strip modes, Büttiker's saddle, the lattice point contact.

Expected values come from closed forms (particle in a box, the saddle-point formula, Fermi
functions), identities (orthonormality, convolution properties) and independent methods
(helpers.transmission of a clean strip, helpers.conductance with the lattice T(E)).
"""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.special import expit

import helpers
from helpers.models import qpc


# --- the clean strip ---------------------------------------------------------------------------

@pytest.mark.parametrize("W", [1, 2, 7, 30])
def test_transverse_modes_are_orthonormal_eigenmodes_of_the_box(W):
    y, phi, eps = qpc.transverse_modes(W)
    H = 2 * np.eye(W) - np.eye(W, k=1) - np.eye(W, k=-1)  # transverse lattice Hamiltonian, t = 1
    assert_allclose(phi.T @ phi, np.eye(W), atol=1e-12)
    assert_allclose(H @ phi, phi * eps, atol=1e-12)
    assert_allclose(eps, helpers.subband_thresholds(W), atol=1e-12)
    assert_allclose(y, np.arange(W))


def test_subband_bottoms_closed_form():
    _, _, eps = qpc.transverse_modes(9, t=1.5)
    n = np.arange(1, 10)
    assert_allclose(eps, 2 * 1.5 * (1 - np.cos(n * np.pi / 10)), rtol=1e-13)


@pytest.mark.parametrize("W", [20, 60, 200])
def test_continuum_and_lattice_subbands_agree_for_small_n_over_W(W):
    n = np.arange(1, 4)
    lattice = qpc.transverse_modes(W)[2][:3]
    continuum = qpc.continuum_subband_energies(n, W)
    q = n * np.pi / (W + 1)
    # 2(1 - cos q) = q^2 - q^4/12 + ...: relative difference q^2/12 to leading order
    assert_allclose((continuum - lattice) / continuum, q**2 / 12, rtol=0.02)
    if W == 200:
        assert np.all(np.abs(continuum - lattice) / continuum < 2e-4)


def test_continuum_subbands_disagree_for_large_n():
    W = 10
    lattice = qpc.transverse_modes(W)[2]
    continuum = qpc.continuum_subband_energies(np.arange(1, W + 1), W)
    assert continuum[-1] > 2 * lattice[-1]  # the lattice band is bounded by 4t, the box is not


@pytest.mark.parametrize("W", [1, 5, 12])
def test_clean_strip_transmits_every_open_channel(W):
    thresholds = np.concatenate([helpers.subband_thresholds(W), helpers.subband_thresholds(W) + 4])
    E = np.linspace(0.01, 7.99, 400)
    E = E[np.min(np.abs(E[:, None] - thresholds[None, :]), axis=1) > 1e-3]  # away from thresholds
    T = helpers.transmission(np.zeros((6, W)), E)
    N = helpers.open_modes(E, W)
    assert_allclose(T, N, atol=1e-10)
    # and N counts the subbands with eps_n < E < eps_n + 4t
    eps = helpers.subband_thresholds(W)
    assert_allclose(N, np.sum((E[:, None] > eps) & (E[:, None] < eps + 4), axis=1))


def test_mode_picture_counts_open_modes():
    d = qpc.mode_picture(10, 1.3)
    eps = 2 * (1 - np.cos(np.arange(1, 11) * np.pi / 11))
    assert d["n_open"] == np.sum(eps < 1.3) == d["is_open"].sum() == d["G"]
    assert_allclose(d["bands"][d["k"].size // 2], eps, atol=1e-3)  # k = 0 sits at the bottoms
    assert d["bands"].shape == (d["k"].size, 10)
    assert_allclose(d["staircase_N"], helpers.open_modes(d["staircase_E"], 10))


# --- Büttiker's saddle ---------------------------------------------------------------------------

def test_saddle_transmission_is_one_half_at_each_threshold():
    hw_x, hw_y, V0 = 0.07, 0.3, -0.2
    n = np.arange(5)
    E_n = V0 + hw_y * (n + 0.5)
    T = qpc.saddle_point_transmissions(E_n, V0, hw_x, hw_y, 5)
    assert_allclose(np.diag(T), 0.5, atol=1e-14)


def test_saddle_transmission_closed_form_and_symmetry():
    hw_x, hw_y = 0.1, 0.4
    eps = np.linspace(-2, 2, 41)
    E = hw_y * 0.5 + eps * hw_x  # mode 0, V0 = 0
    T0 = qpc.saddle_point_transmissions(E, 0.0, hw_x, hw_y, 1)[:, 0]
    assert_allclose(T0, 1 / (1 + np.exp(-2 * np.pi * eps)), rtol=1e-13)
    assert_allclose(T0 + T0[::-1], 1.0, atol=1e-14)  # T(eps) + T(-eps) = 1
    assert np.all(np.diff(T0) > 0)


def test_saddle_step_width():
    # 10 % -> 90 % of a step: 2 pi delta eps = 2 ln 9, i.e. delta E = hw_x ln(81) / (2 pi)
    hw_x, hw_y = 0.05, 0.3
    E = np.linspace(0.0, 0.3, 300001)
    T0 = qpc.saddle_point_transmissions(E, 0.0, hw_x, hw_y, 1)[:, 0]
    width = E[np.searchsorted(T0, 0.9)] - E[np.searchsorted(T0, 0.1)]
    assert width == pytest.approx(hw_x * np.log(81) / (2 * np.pi), abs=2e-6)


@pytest.mark.parametrize("hw_x", [0.03, 1e-3, 1e-5])
def test_saddle_sum_tends_to_the_staircase(hw_x):
    hw_y, V0 = 0.25, 0.1
    E = np.linspace(-0.3, 1.6, 1000)
    staircase = np.clip(np.floor((E - V0) / hw_y + 0.5), 0, None)
    distance = np.abs(((E - V0) / hw_y + 0.5) - np.round((E - V0) / hw_y + 0.5)) * hw_y
    keep = distance > 20 * hw_x  # far from the thresholds compared with the step width
    G = qpc.saddle_point_transmission(E, V0, hw_x, hw_y, n_modes=40)
    assert_allclose(G[keep], staircase[keep], atol=40 * np.exp(-2 * np.pi * 20))
    # mid-plateau: error bounded by the tails of the two neighbouring steps
    mid = V0 + hw_y * 2.0  # between thresholds of modes 1 and 2
    tail = 2 * expit(-np.pi * hw_y / hw_x)
    assert abs(qpc.saddle_point_transmission(mid, V0, hw_x, hw_y) - 2) <= tail + 1e-15


def test_saddle_steps_sharpen_as_hw_x_shrinks():
    hw_y = 0.3
    E_off = 0.5 * hw_y + 0.3 * hw_y  # 0.3 hw_y above the first threshold (V0 = 0)
    values = [qpc.saddle_point_transmission(E_off, 0.0, hw_x, hw_y, 1) for hw_x in (0.3, 0.1, 0.03, 0.01)]
    assert np.all(np.diff(values) > 0) and values[-1] > 1 - 1e-10


def test_saddle_per_mode_curvature():
    hw_x = np.array([0.1, 0.05, 0.02])
    E = np.array([0.15, 0.45, 0.75])  # the three thresholds for hw_y = 0.3, V0 = 0
    T = qpc.saddle_point_transmissions(E + 0.01, 0.0, hw_x, 0.3, 3)
    assert_allclose(np.diag(T), 1 / (1 + np.exp(-2 * np.pi * 0.01 / hw_x)), rtol=1e-12)


def test_saddle_curve_at_finite_temperature_matches_landauer_integral():
    hw_x, hw_y, kT = 0.05, 0.3, 0.02
    E = np.linspace(-0.5, 1.8, 2301)
    _, G = qpc.saddle_point_curve(E, 0.0, hw_x, hw_y, kT, n_modes=6)
    T_fn = lambda e: qpc.saddle_point_transmission(e, 0.0, hw_x, hw_y, n_modes=6)
    for mu in (0.1, 0.3, 0.46, 0.9):
        assert G[np.argmin(np.abs(E - mu))] == pytest.approx(helpers.conductance(T_fn, mu, kT), abs=2e-5)


# --- thermal smearing ----------------------------------------------------------------------------

def test_thermal_smearing_of_a_step_is_a_fermi_function():
    x = np.linspace(-1, 1, 20001)
    step = (x >= 0.2).astype(float)
    for kT in (0.01, 0.05):
        Y = qpc.thermal_smearing(x, step, kT)
        inside = np.abs(x) < 0.5
        assert_allclose(Y[inside], helpers.fermi(0.2 - x[inside], 0.0, kT), atol=2e-3)


def test_thermal_smearing_keeps_constants_and_lines():
    x = np.linspace(0, 1, 101)
    assert_allclose(qpc.thermal_smearing(x, np.full(101, 3.0), 0.02), 3.0, atol=1e-12)
    line = 2 + 5 * x
    Y = qpc.thermal_smearing(x, line, 0.01)  # symmetric kernel: a line is unchanged inside
    assert_allclose(Y[40:60], line[40:60], atol=1e-9)
    assert_allclose(qpc.thermal_smearing(x, line, 0.0), line)


# --- the lattice point contact --------------------------------------------------------------------

W, E_F = 25, 1.0


def test_constriction_subbands_are_nearly_harmonic():
    lam = qpc.constriction_subbands(W, hw_y=0.3)
    n = np.arange(4)
    assert_allclose(lam[:4], 0.3 * (n + 0.5), rtol=0.05)
    # the lattice softens the oscillator: every level a little below hbar w (n + 1/2)
    assert np.all(lam[:4] < 0.3 * (n + 0.5))
    # first-order perturbation theory in the lattice term -t k^4/12 of 2t(1 - cos k), with
    # <p^4> = (m hbar w)^2 3(2n^2 + 2n + 1)/4 and m = 1/(2t):
    # lambda_n = hbar w (n + 1/2) - (hbar w)^2 (2n^2 + 2n + 1) / (64 t) + O((hbar w)^3)
    for hw, width, atol in ((0.3, W, 3e-3), (0.05, 61, 2e-5)):
        first_order = hw * (n + 0.5) - hw**2 * (2 * n**2 + 2 * n + 1) / 64
        assert_allclose(qpc.constriction_subbands(width, hw_y=hw)[:4], first_order, atol=atol)


def test_qpc_potential_shape():
    V = qpc.qpc_potential(-0.4, 11, length=10)
    assert V.shape == (21, 11)
    assert_allclose(V[0], 0, atol=1e-14)
    assert_allclose(V[-1], 0, atol=1e-14)
    y = np.arange(11) - 5
    assert_allclose(V[10], 0.4 + 0.3**2 * y**2 / 4)
    assert_allclose(V, V[::-1], atol=1e-14)
    assert_allclose(V, V[:, ::-1], atol=1e-14)
    Vb = qpc.qpc_potential(-0.4, 11, length=10, profile="abrupt")
    assert set(np.round(Vb[:, 5], 12)) == {0.0, 0.4}


def test_lattice_qpc_plateaus_are_integers_at_zero_temperature():
    lam = qpc.constriction_subbands(W, hw_y=0.3)
    thresholds = lam[:5] - E_F  # gate voltages where mode n opens at the saddle
    middles = np.concatenate([[thresholds[0] - 0.15], (thresholds[:-1] + thresholds[1:]) / 2])
    for n, Vg in enumerate(middles[:4]):
        T = qpc.qpc_transmission(Vg, E_F, W, length=30, hw_y=0.3)
        assert abs(T - n) < 1e-3, (n, Vg, T)


def test_lattice_qpc_steps_sit_at_the_adiabatic_thresholds():
    lam = qpc.constriction_subbands(W, hw_y=0.3)
    for n in range(3):
        T = qpc.qpc_transmission(lam[n] - E_F, E_F, W, length=30, hw_y=0.3)
        assert abs(T - (n + 0.5)) < 0.1  # half-way up the step, as T_n = 1/2 in Büttiker's model


@pytest.mark.parametrize("profile", ["smooth", "abrupt"])
def test_gate_sweep_matches_single_calculations_and_caches(profile):
    # one batched sweep against one transmission() call per gate voltage: pinched off,
    # on the steps and on plateaus
    Vg = np.linspace(-1.2, 0.2, 15)
    G = qpc.gate_sweep(Vg, E_F, W, length=12, profile=profile)
    single = [qpc.qpc_transmission(v, E_F, W, length=12, profile=profile) for v in Vg]
    assert_allclose(G, single, rtol=1e-10, atol=1e-13)
    assert G.min() < 1e-3 and G.max() > 2  # the range spans closed and open constrictions
    G[:] = -1  # the cache hands out copies
    assert np.all(qpc.gate_sweep(Vg, E_F, W, length=12, profile=profile) >= 0)


def test_finite_temperature_conductance_bounded_and_monotonic():
    Vg = np.linspace(-1.0, 0.25, 126)
    G0, GkT = qpc.qpc_curve(Vg, E_F, 0.02, W, length=30)
    lam = qpc.constriction_subbands(W, hw_y=0.3)
    thresholds = lam[:5] - E_F
    middles = (thresholds[:-1] + thresholds[1:]) / 2
    # between the middles of plateaus n + 1 and n + 2, G stays between n + 1 and n + 2
    for n in range(3):
        inside = (Vg >= middles[n]) & (Vg <= middles[n + 1])
        assert np.all(GkT[inside] > n + 1 - 1e-3) and np.all(GkT[inside] < n + 2 + 1e-3)
    # where T(Vg) rises monotonically, so does its thermal average (positive kernel)
    region = Vg <= middles[2]
    assert np.all(np.diff(G0[region]) > -1e-4)
    assert np.all(np.diff(GkT[region]) > -1e-4)
    # kT smooths the steps: the steepest slope drops
    assert np.max(np.diff(GkT)) < np.max(np.diff(G0))


@pytest.mark.parametrize("length, profile, tolerance, points", [
    (30, "smooth", 0.002, (0, 62, -1)), (6, "smooth", 0.02, (0, 62, -1)),
    # the abrupt box has resonances narrower than kT: its exact integrals are the slow part,
    # so only the two ends (where the unpadded sweep was wrong)
    (30, "abrupt", 0.06, (0, -1))])
def test_gate_smearing_agrees_with_the_landauer_integral(length, profile, tolerance, points):
    # The widget smears the kT = 0 curve along Vg; the exact G = integral T(E) (-df/dE) dE at
    # fixed Vg. Largest kT of the widget, the widget's window and pad, both ends and the middle
    # (the ends were wrong by up to 0.4 before the sweep was padded). Tolerances: qpc_curve notes.
    from helpers.explorers.channels import KT_MAX, QPC_GATE_GRID, QPC_PAD
    kT = KT_MAX
    _, GkT = qpc.qpc_curve(QPC_GATE_GRID, E_F, kT, W, length=length, profile=profile, pad=QPC_PAD)
    for i in points:
        Vg = QPC_GATE_GRID[i]
        exact = helpers.conductance(lambda E, Vg=Vg: qpc.qpc_transmission(Vg, E, W, length=length, profile=profile),
                                    E_F, kT, rtol=1e-3, resolution=kT / 4)
        assert abs(GkT[i] - exact) < tolerance, (i, Vg, GkT[i], exact)


def test_qpc_curve_pads_the_zero_temperature_sweep():
    # the kT = 0 sweep is computed beyond the window: the smoothed curve at the window's end
    # equals the smoothing of a wider curve cut back, not a smoothing with G frozen at the end
    Vg = np.linspace(-0.5, -0.2, 31)
    wide = np.linspace(-0.5 - 0.3, -0.2 + 0.3, 91)
    _, G = qpc.qpc_curve(Vg, E_F, 0.03, W, length=12)
    _, G_wide = qpc.qpc_curve(wide, E_F, 0.03, W, length=12, pad=0.3)
    assert_allclose(G, G_wide[30:61], atol=1e-4)
    G0, G_nopad = qpc.qpc_curve(Vg, E_F, 0.03, W, length=12, pad=0.0)
    assert abs(G_nopad[-1] - G[-1]) > 0.01  # without padding the end is visibly wrong
    assert_allclose(G0, qpc.gate_sweep(Vg, E_F, W, length=12))


def test_abrupt_constriction_quantizes_worse():
    lam = qpc.constriction_subbands(W, hw_y=0.3)
    mid = (lam[1] + lam[2]) / 2 - E_F
    smooth = qpc.qpc_transmission(mid, E_F, W, length=30)
    abrupt = qpc.qpc_transmission(mid, E_F, W, length=30, profile="abrupt")
    assert abs(smooth - 2) < 1e-3 < abs(abrupt - 2)


# --- bad input ------------------------------------------------------------------------------------

@pytest.mark.parametrize("call, message", [
    (lambda: qpc.transverse_modes(0), "W"),
    (lambda: qpc.continuum_subband_energies(0, 5), "n"),
    (lambda: qpc.saddle_point_transmissions(0.1, 0.0, -0.1, 0.3, 3), "hw_x"),
    (lambda: qpc.saddle_point_transmissions(0.1, 0.0, [0.1, 0.1], 0.3, 3), "hw_x"),
    (lambda: qpc.saddle_point_transmissions(0.1, 0.0, 0.1, 0.0, 3), "hw_y"),
    (lambda: qpc.qpc_potential(0.0, 10, profile="round"), "profile"),
    (lambda: qpc.qpc_potential("a", 10), "Vg"),
    (lambda: qpc.thermal_smearing([0, 1], [0, 1], -0.1), "kT"),
    (lambda: qpc.thermal_smearing([1, 0], [0, 1], 0.1), "x"),
    (lambda: qpc.mode_picture(5, [0.1, 0.2]), "energy"),
])
def test_bad_input_names_the_argument(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call()


def test_thermal_smearing_uniform_and_general_grids_agree():
    x = np.linspace(-1, 1, 401)
    y = np.tanh(7 * x) + (x > 0.3)
    x_irregular = x.copy()
    x_irregular[7] += 1e-7  # forces the general (interpolation) path
    for kT in (0.002, 0.02, 0.08):
        assert_allclose(qpc.thermal_smearing(x, y, kT), qpc.thermal_smearing(x_irregular, y, kT),
                        atol=2e-4)
