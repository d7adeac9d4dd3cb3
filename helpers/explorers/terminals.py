"""Explorers of lesson 10, "Many terminals (Landauer-Büttiker)".

- `probe_explorer`: a one-channel wire with a barrier and two voltage probes on its edge: what
  a weakly coupled probe reads along the wire, the readings of the two probes, and the two-
  and four-terminal resistances against the probe coupling.
- `reciprocity_explorer`: a four-terminal cross (clean or disordered) in a small magnetic
  field: the twelve transmissions T_pq(B) against T_qp(-B) and T_qp(B), and a four-terminal
  and a two-terminal resistance against the field.

Each compute function calls functions of `helpers.models.terminals`; no physics lives here.
"""

import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..constants import R0
from ..models.terminals import (PROBE_WIDTH, WIRE_L, coupling_sweep, cross_transmissions, landauer_probe_levels,
                                probe_profile, resistance_vs_flux, wire_readings, wire_transmissions)
from ..plotting import OKABE_ITO, PALETTE
from ..widgets import Explorer, Plot, Prefetch, float_slider, int_slider, toggle

__all__ = ["probe_explorer", "reciprocity_explorer", "COUPLING_GRID", "BARRIER_VALUES",
           "FLUX_GRID", "CROSS_DISORDER", "CROSS_LEAD_NAMES"]

#: Probe couplings (units of t) on which `probe_explorer` draws the resistances.
COUPLING_GRID = np.geomspace(0.02, 1.0, 25)
#: Barrier heights (t) of the barrier slider of `probe_explorer`.
BARRIER_VALUES = np.arange(0.0, 2.001, 0.125)
#: Fluxes per plaquette (h/e) of `reciprocity_explorer`, symmetric about 0.
FLUX_GRID = np.round(np.linspace(-0.015, 0.015, 31), 6)
#: Disorder strength (t) of the disordered cross.
CROSS_DISORDER = 2.0
#: Names of the cross's leads 0..3 as the lesson numbers them (1..4).
CROSS_LEAD_NAMES = ("1 left", "2 bottom", "3 right", "4 top")

_DOT = dict(ls="none", marker="o", ms=10)
#: Steps of the resistance axis of `probe_explorer` (`Plot` panel spec ``ystep``).
AXIS_STEP = 1.6


def probe_explorer(*, coupling=0.1, barrier=1.0, left_probe=10, right_probe=26, prefetch=True):
    """A wire with a barrier and two voltage probes: readings and resistances.

    The wire of `helpers.models.terminals.probe_wire` (40 x 2 sites, one channel at E = 1.3 t,
    barrier column at x = 20, probes two columns wide, placed by their first column).

    Returns
    -------
    Explorer
        Controls "coupling" (t), "barrier" (U, t), "left_probe", "right_probe" (columns).
        Left panel: "profile" (reading of one weakly coupled probe, c = 0.05, at every column),
        "averaged" (the interference-free levels 1 - T/2 and T/2), "barrier_line",
        "probes" (the two probes' readings at the chosen coupling). Right panel: "R_2t" and
        "R_4t" against the coupling (units of h/2e^2), "R_ideal" ((1 - T)/T), "now_2t", "now_4t".
    """
    controls = {
        "coupling": float_slider("Probe coupling c (t)", 0.02, 1.0, coupling, step=0.02),
        "barrier": float_slider("Barrier height U (t)", 0.0, 2.0, barrier, step=0.125),
        "left_probe": int_slider("Left probe at column", 1, WIRE_L // 2 - PROBE_WIDTH, left_probe, slow=True),
        "right_probe": int_slider("Right probe at column", WIRE_L // 2 + 1, WIRE_L - PROBE_WIDTH, right_probe, slow=True),
    }
    plot = Plot(panels=[
        dict(x="x", y="mu_probe", xlim=(-0.5, WIRE_L - 0.5), ylim=(-0.05, 1.05), lines={
            "barrier_line": dict(label=None, color=OKABE_ITO["black"], ls="-", lw=6, alpha=0.25),
            "averaged": dict(label="interference averaged out", color=PALETTE[6], ls="--", lw=1.5),
            "profile": dict(label="one weak probe (c = 0.05 t)", color=PALETTE[0], ls="-", lw=1.5,
                            marker=".", ms=6),
            "probes": dict(label="your two probes", color=PALETTE[1], **_DOT)}),
        dict(x="coupling", y="R_h", xlim=(COUPLING_GRID[0], COUPLING_GRID[-1]),
             ystep=dict(step=AXIS_STEP, floor=1.0, below=0.1), lines={
            "R_2t": dict(label="two-terminal", color=PALETTE[2], ls="-"),
            "R_4t": dict(label="four-terminal", color=PALETTE[1], ls="-"),
            "R_ideal": dict(label="(1 − T)/T (Landauer)", color=PALETTE[6], ls=":", lw=1.5),
            "now_2t": dict(label=None, color=PALETTE[2], **_DOT),
            "now_4t": dict(label=None, color=PALETTE[1], **_DOT)}),
    ], figsize=(12, 4.4), sticky_limits=True)
    plot.axes[1].set_xscale("log")
    # R axis up to a power of AXIS_STEP (and a tenth of that below 0, where a four-terminal
    # resistance can go): integer ticks, labels of one width, so that a change of the barrier
    # or of a probe redraws the right panel at most, without laying the figure out again
    plot.axes[1].yaxis.set_major_locator(MaxNLocator(6, integer=True, steps=[1, 2, 5, 10]))
    plot.axes[1].yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f}".rjust(3)))
    plot.axes[0].legend(loc="lower left", fontsize="small")
    plot.axes[1].legend(loc="upper left", fontsize="small")
    plot.axes[0].set_title("What a probe reads", fontsize="medium")
    plot.axes[1].set_title("Resistances (probes floating)", fontsize="medium")
    plot.show({"title": "U = 0.00 t (T = 0.000):  R_2t = 0.000 h/2e² (00.0 kΩ),  R_4t = -0.000 h/2e² (-00.0 kΩ)"})
    plot.freeze_layout()

    def compute(coupling, barrier, left_probe, right_probe):
        x, mu = probe_profile(barrier)
        T_scatterer = float(wire_transmissions([0], COUPLING_GRID[0], barrier=barrier)[1, 0])
        upper, lower = landauer_probe_levels(T_scatterer)
        now = wire_readings(wire_transmissions((left_probe, right_probe), coupling, barrier=barrier))
        sweep = coupling_sweep(COUPLING_GRID, (left_probe, right_probe), barrier=barrier)
        middle = WIRE_L // 2
        R_ideal = (1 - T_scatterer) / T_scatterer
        return {
            "barrier_line": ([middle, middle], [-0.05, 1.05] if barrier > 0 else [np.nan, np.nan]),
            "averaged": ([0, middle, middle, WIRE_L - 1], [upper, upper, lower, lower]),
            "profile": (x, mu),
            "probes": ([left_probe, right_probe], now["mu"]),
            "R_2t": (sweep["coupling"], sweep["R_2t"]), "R_4t": (sweep["coupling"], sweep["R_4t"]),
            "R_ideal": (COUPLING_GRID[[0, -1]], [R_ideal, R_ideal]),
            "now_2t": ([coupling], [now["R_2t"]]), "now_4t": ([coupling], [now["R_4t"]]),
            "title": (f"U = {barrier:.2f} t (T = {T_scatterer:.3f}):  R_2t = {now['R_2t']:.3f} h/2e² "
                      f"({now['R_2t'] * R0 / 1e3:.1f} kΩ),  R_4t = {now['R_4t']:.3f} h/2e² "
                      f"({now['R_4t'] * R0 / 1e3:.1f} kΩ)"),
        }

    intro = ("A one-channel wire between two reservoirs (left at μ_L, right at μ_R) with a barrier "
             "in its middle and two voltage probes on its edge. Left: what a probe reads, as a "
             "fraction of the bias. Right: the resistances, in units of h/2e², against how "
             "strongly the probes are coupled.")
    explorer = Explorer(controls, plot, compute, intro=intro, state={"prefetch": None})
    if prefetch:
        order = sorted(BARRIER_VALUES, key=lambda U: abs(U - barrier))
        explorer.state.prefetch = Prefetch(
            [lambda U=float(U): probe_profile(U) for U in order]
            + [lambda U=float(U): coupling_sweep(COUPLING_GRID, (left_probe, right_probe), barrier=U)
               for U in order],
            after=controls.values())  # from the first change, not while the page loads
    return explorer


def _pair_order():
    """The twelve ordered pairs (p, q), p != q, of a four-terminal device."""
    return [(p, q) for p in range(4) for q in range(4) if p != q]


def reciprocity_explorer(*, flux=0.008, sample="disordered"):
    """Transmissions of a cross at +B and -B (Onsager-Büttiker reciprocity).

    The cross of `helpers.models.terminals.cross_transmissions` (12 x 12 sites, E = 1 t, four
    channels per lead), clean or with Anderson disorder `CROSS_DISORDER`.

    Returns
    -------
    Explorer
        Controls "flux" (h/e, on `FLUX_GRID`), "sample" ("clean"/"disordered"). Left panel,
        against the pair index 0..11 (`_pair_order`): "T_B" (T_pq(B)), "T_qp_minus" (T_qp(-B)),
        "T_qp_B" (T_qp(B)). Right panel against flux: "R_hall" (R_{13,42}(B), current from 1 to
        3, voltage 4 - 2, lead numbers 1..4 of `CROSS_LEAD_NAMES`), "R_swapped" (R_{42,13}(-B)),
        "R_hall_minus" (R_{13,42}(-B)), "R_2t" (R_{13,13}(B)), "now" (the chosen flux on R_hall).
    """
    pairs = _pair_order()
    index = np.arange(len(pairs))
    controls = {
        "flux": float_slider("Flux per plaquette φ (h/e)", float(FLUX_GRID[0]), float(FLUX_GRID[-1]), flux,
                             step=float(FLUX_GRID[1] - FLUX_GRID[0]), readout_format=".3f"),
        "sample": toggle("Sample", {"clean cross": "clean", "disordered cross": "disordered"}, sample),
    }
    plot = Plot(panels=[
        dict(x="pair", y="T", xlim=(-0.6, len(pairs) - 0.4), ylim=(0, 2.6), lines={
            "T_B": dict(label="$T_{pq}(B)$", color=PALETTE[0], ls="none", marker="o", ms=11),
            "T_qp_minus": dict(label="$T_{qp}(-B)$", color=PALETTE[1], ls="none", marker="s", ms=13,
                               mfc="none", mew=2),
            "T_qp_B": dict(label="$T_{qp}(B)$", color=PALETTE[2], ls="none", marker="x", ms=9, mew=2)}),
        dict(x="flux", y="R_h", xlim=(FLUX_GRID[0], FLUX_GRID[-1]), ylim=(-0.3, 0.7), lines={
            "R_2t": dict(label="$R_{13,13}(B)$ two-terminal", color=PALETTE[2], ls="-"),
            "R_hall": dict(label="$R_{13,42}(B)$", color=PALETTE[0], ls="-"),
            "R_hall_minus": dict(label="$R_{13,42}(-B)$", color=PALETTE[3], ls="--"),
            "R_swapped": dict(label="$R_{42,13}(-B)$", color=PALETTE[1], ls="none", marker="s", ms=7,
                              mfc="none", mew=1.5),
            "now": dict(label=None, color=PALETTE[0], **_DOT)}),
    ], figsize=(12, 4.4))
    ax = plot.axes[0]
    ax.set_xticks(index, [f"{p + 1}←{q + 1}" for p, q in pairs], fontsize="small")
    ax.legend(loc="upper left", fontsize="small", ncol=3)
    plot.axes[1].legend(loc="upper left", fontsize="small", ncol=2)
    plot.axes[0].set_title("Transmissions", fontsize="medium")
    plot.axes[1].set_title("Resistances", fontsize="medium")
    plot.show({"title": "φ = -0.000 h/e (disordered cross)"})
    plot.freeze_layout()

    def compute(flux, sample):
        T = cross_transmissions(FLUX_GRID, disorder=CROSS_DISORDER if sample == "disordered" else 0.0)
        k = int(np.argmin(np.abs(FLUX_GRID - flux)))
        minus = len(FLUX_GRID) - 1 - k          # the grid is symmetric: -B sits at the mirror index
        R_hall = resistance_vs_flux(T, 0, 2, 3, 1)
        return {
            "T_B": (index, [T[k, p, q] for p, q in pairs]),
            "T_qp_minus": (index, [T[minus, q, p] for p, q in pairs]),
            "T_qp_B": (index, [T[k, q, p] for p, q in pairs]),
            "R_2t": (FLUX_GRID, resistance_vs_flux(T, 0, 2, 0, 2)),
            "R_hall": (FLUX_GRID, R_hall),
            "R_hall_minus": (FLUX_GRID, R_hall[::-1]),
            "R_swapped": (FLUX_GRID, resistance_vs_flux(T[::-1], 3, 1, 0, 2)),
            "now": ([FLUX_GRID[k]], [R_hall[k]]),
            "title": f"φ = {FLUX_GRID[k]:+.3f} h/e ({'disordered' if sample == 'disordered' else 'clean'} cross)",
        }

    intro = ("A cross with four leads, numbered counterclockwise 1 left, 2 bottom, 3 right, 4 top, "
             "in a magnetic field (φ: flux per lattice cell). Left: T from lead q into lead p at "
             "+B (dots), at -B with the leads swapped (squares), and swapped at the same B "
             "(crosses). Right: resistances R_{pq,rs} (current from p to q, voltage V_r - V_s) "
             "against the field.")
    return Explorer(controls, plot, compute, intro=intro)
