"""Every case of the Kwant reference (README, "Units and conventions") reproduced to 1e-10.

The reference file lives in the repository at tests/data/kwant_reference.json.
"""

import json
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

import helpers
from helpers.negf import breit_wigner, caroli_transmission, embed, green_function

DATA = Path(__file__).parent / "data" / "kwant_reference.json"
CASES = json.loads(DATA.read_text())["cases"]
LATTICE_CASES = [name for name, case in CASES.items() if "lattice" in case["params"]]


def _potential(params):
    if "V" in params:
        return np.array(params["V"], dtype=float)
    return np.zeros((params["L"], params["W"]))


@pytest.mark.parametrize("name", LATTICE_CASES)
def test_transmission_reproduces_kwant(name):
    case = CASES[name]
    energies = np.array(case["grid"])
    T = helpers.transmission(_potential(case["params"]), energies, t=case["params"]["t"])
    assert_allclose(T, case["transmission"], rtol=0, atol=1e-10)


@pytest.mark.parametrize("name", LATTICE_CASES)
def test_smatrix_reproduces_kwant_transmission_and_modes(name):
    case = CASES[name]
    V = _potential(case["params"])
    for energy, T_ref, modes_ref in list(zip(case["grid"], case["transmission"], case["num_modes"]))[::7]:
        S = helpers.smatrix(V, energy, t=case["params"]["t"])
        assert S.num_modes == (modes_ref, modes_ref)
        assert abs(S.transmission() - T_ref) < 1e-10
        assert S.unitarity_error() < 1e-10


def test_open_modes_reproduce_kwant_clean_strip():
    case = CASES["e_clean_strip"]
    W = case["params"]["W"]
    assert list(helpers.open_modes(np.array(case["grid"]), W)) == case["num_modes"]
    assert_allclose(helpers.subband_thresholds(W), case["subband_thresholds"], atol=1e-14)


def test_resonant_level_through_device_negf():
    """Case d: a dot (eps0) hanging between two chains (band -2..2) by hoppings -gamma."""
    case = CASES["d_resonant_level"]
    p = case["params"]
    eps0, gamma = p["eps0"], p["gamma"]
    for energy, T_ref in zip(case["grid"], case["transmission"]):
        # one-site device: each chain enters as gamma^2 g(E)
        sigma = helpers.chain_self_energy(energy, t=1.0, onsite=0.0, coupling=gamma)
        G = green_function(energy, [[eps0]], [[[sigma]], [[sigma]]])
        T_dot = caroli_transmission(G, helpers.broadening([[sigma]]), helpers.broadening([[sigma]]))
        # three-site device (-1, 0, 1) as Kwant built it, leads attached to its end sites
        H = np.array([[0, -gamma, 0], [-gamma, eps0, -gamma], [0, -gamma, 0]])
        lead = helpers.chain_self_energy(energy, t=1.0, onsite=0.0)
        sigma_L, sigma_R = embed([[lead]], [0], 3), embed([[lead]], [2], 3)
        G3 = green_function(energy, H, [sigma_L, sigma_R])
        T_three = caroli_transmission(G3, helpers.broadening(sigma_L), helpers.broadening(sigma_R))
        assert abs(T_dot - T_ref) < 1e-10
        assert abs(T_three - T_ref) < 1e-10
    # and the Breit-Wigner closed form with the exact self-energy (Re Sigma shifts the level)
    E = np.array(case["grid"])
    sigma = helpers.chain_self_energy(E, coupling=gamma, onsite=0.0)
    gam = helpers.broadening(sigma)
    assert_allclose(breit_wigner(E, eps0, gam, gam, shift=2 * sigma.real), case["transmission"], atol=1e-10)
