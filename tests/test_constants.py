"""Constants against independently stated literature values (CODATA 2018/2022, exact SI 2019)."""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from helpers import constants as c


def test_exact_si_2019_defining_constants():
    assert c.e == 1.602176634e-19          # C, exact
    assert c.h == 6.62607015e-34           # J s, exact
    assert c.k_B == 1.380649e-23           # J/K, exact
    assert_allclose(c.hbar, 1.054571817e-34, rtol=1e-9)
    assert_allclose(c.m_e, 9.1093837e-31, rtol=1e-7)


def test_conductance_and_resistance_quanta_match_literature():
    assert_allclose(c.G0, 7.748091729e-5, rtol=1e-9)        # S, 2e^2/h
    assert_allclose(c.R0, 12906.403726, rtol=1e-9)           # ohm, h/2e^2
    assert_allclose(c.R_K, 25812.80745, rtol=1e-9)           # ohm, von Klitzing constant


def test_identities_between_quanta():
    assert_allclose(c.R_K, 2 * c.R0, rtol=1e-15)
    assert_allclose(c.G0 * c.R0, 1.0, rtol=1e-15)
    assert_allclose(c.hbar * 2 * math.pi, c.h, rtol=1e-15)


def test_energy_conversions_match_literature():
    assert_allclose(c.K_B_EV_PER_K, 8.617333262e-5, rtol=1e-9)       # eV/K
    assert_allclose(c.HBAR2_OVER_2ME_EV_NM2, 0.0380998212, rtol=1e-8)  # eV nm^2
    assert_allclose(c.kT_eV(300.0), 0.02585199, rtol=1e-6)
    # (2e/h) x 1 eV = G0 x 1 V, in ampere
    assert_allclose(c.CURRENT_UNIT_A_PER_EV, 7.748091729e-5, rtol=1e-9)


def test_free_electron_wavelength_energy():
    # Independent check: E = h^2 / (2 m_e lambda^2); lambda = 1 nm gives about 1.504 eV.
    k = 2 * math.pi / 1.0  # 1/nm
    assert_allclose(c.HBAR2_OVER_2ME_EV_NM2 * k**2, 1.50412, rtol=1e-5)


def test_resistance_and_conductance_helpers():
    assert_allclose(c.resistance_ohm(1.0), 12906.403726, rtol=1e-9)
    assert_allclose(c.resistance_ohm([1, 2, 4]), c.R0 / np.array([1, 2, 4]))
    assert c.resistance_ohm(0.0) == math.inf
    assert_allclose(c.conductance_siemens(2.0), 2 * 7.748091729e-5, rtol=1e-9)
    assert isinstance(c.conductance_siemens(1.0), float)


def test_helpers_reject_bad_input_naming_the_argument():
    with pytest.raises(ValueError, match="G_over_G0"):
        c.resistance_ohm(-1.0)
    with pytest.raises(TypeError, match="G_over_G0"):
        c.conductance_siemens("one")
    with pytest.raises(ValueError, match="temperature_K"):
        c.kT_eV(-3.0)
