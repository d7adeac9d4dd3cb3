"""Benchmarks of the lattice engine (targets from the physics-engine issue).

A general sparse solver (Kwant + MUMPS) on the same 2-core machine: ~0.1 s for the W=40,
L=200 strip, ~29 ms per energy for W=20, L=100, ~13 ms per energy for the L=1000 chain.
"""

import numpy as np
from registry import benchmark

import helpers
from helpers.disorder import anderson_potential, log_transmission_ensemble


@benchmark("transmission strip", W=40, L=200, energies=1)
@benchmark("transmission strip", W=20, L=100, energies=100)
@benchmark("transmission chain", W=None, L=1000, energies=200)
def transmission_disordered(W, L, energies):
    V = anderson_potential(L, W, strength=1.0, rng=1000 * L)
    E = np.linspace(0.5, 3.5, energies) if energies > 1 else 1.0
    helpers.transmission(V, E)


@benchmark("transmission strip flux", W=20, L=100, energies=100, flux=0.02)
def transmission_flux(W, L, energies, flux):
    V = anderson_potential(L, W, strength=1.0, rng=1000 * L)
    helpers.transmission(V, np.linspace(0.5, 3.5, energies), flux=flux)


@benchmark("conductance double-barrier chain", kT=0.01)
def conductance_double_barrier(kT):
    V = np.zeros(10)
    V[[1, 8]] = 2.0
    G, info = helpers.conductance(lambda E: helpers.transmission(V, E), 0.155, kT, return_info=True)
    return {"n_evaluations": info["n_evaluations"]}


@benchmark("ensemble chains", L=800, realizations=1000)
def ensemble_chains(L, realizations):
    log_transmission_ensemble([L], realizations, energy=1.0, strength=1.0)


@benchmark("smatrix strip", W=20, L=100)
def smatrix_strip(W, L):
    helpers.smatrix(anderson_potential(L, W, strength=1.0, rng=5), 1.0)


@benchmark("ns_conductance strip", W=10, L=50, energies=50)
def ns_conductance_strip(W, L, energies):
    V = anderson_potential(L, W, strength=1.0, rng=5)
    helpers.ns_conductance(V, np.linspace(0.0, 0.05, energies), mu=1.0, delta=0.02)
