"""Benchmarks of the many-terminal engine (lessons 10, 11): one sparse LU per energy.

"cold" entries clear the cache of clean-lead self-energies first (a new energy or field);
the others reuse it, as a widget does when only the potential or the probes change.
"""

import numpy as np
from registry import benchmark

from helpers import multiterminal
from helpers.currents import bond_currents, solution_bond_currents
from helpers.multiterminal import hall_bar, solve, transmission_matrix


def _hall_bar(L, W, probe_width):
    V = np.random.default_rng(1).uniform(-0.25, 0.25, size=(L, W))
    return hall_bar(L, W, probe_width=probe_width, V=V)


@benchmark("multiterminal hall bar T_pq cold", L=60, W=30, probe_width=10, flux=0.05, cold=True)
@benchmark("multiterminal hall bar T_pq cold", L=60, W=30, probe_width=10, flux=0.0, cold=True)
@benchmark("multiterminal hall bar T_pq", L=60, W=30, probe_width=10, flux=0.05, cold=False)
@benchmark("multiterminal hall bar T_pq", L=60, W=30, probe_width=10, flux=0.0, cold=False)
def hall_bar_transmissions(L, W, probe_width, flux, cold):
    if cold:
        multiterminal._clean_lead.cache_clear()
    _, N = transmission_matrix(_hall_bar(L, W, probe_width), 0.6, flux=flux)
    return {"leads": len(N), "sites": L * W}


@benchmark("multiterminal hall bar bond currents", L=60, W=30, probe_width=10, flux=0.05)
def hall_bar_currents(L, W, probe_width, flux):
    bond_currents(_hall_bar(L, W, probe_width), 0.6, 0, flux=flux)


@benchmark("multiterminal hall bar T_pq + currents of all leads", L=60, W=30, probe_width=10, flux=0.05)
def hall_bar_everything(L, W, probe_width, flux):
    solution = solve(_hall_bar(L, W, probe_width), 0.6, flux=flux)
    solution.transmissions()
    for lead in range(6):
        solution_bond_currents(solution, lead)
