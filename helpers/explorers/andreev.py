"""Explorers of lesson 13, "Andreev reflection".

- `btk_explorer`: the BTK conductance of one channel against bias, with the barrier strength Z,
  the gap and the temperature as controls; left the (thermally averaged) G_NS(V), right the
  probabilities of Andreev reflection, normal reflection and quasiparticle transmission.
- `lattice_explorer`: the same interface on the lattice (one channel, a single-site barrier)
  against BTK, for a few barriers and gaps: where the Andreev approximation holds.
- `disorder_explorer`: a disordered strip (optionally ending in a tunnel barrier) against a
  superconductor: G_N and G_NS at zero bias against the disorder strength, Beenakker's formula
  against the lattice NS calculation, and the eigenchannels' contributions.

Each compute function calls the physics of `helpers.models.andreev`; no physics lives here.
"""

from functools import cache

import numpy as np
from matplotlib.ticker import ScalarFormatter

from ..models.andreev import (bcs_density_of_states, btk_coefficients, disordered_ns_conductance,
                              btk_conductance_curve, chain_ns_junction)
from ..plotting import OKABE_ITO, STYLE
from ..widgets import Explorer, FixedWidthFormatter, Plot, figure_size, float_slider, toggle
from ..widgets.prefetch import Prefetch

__all__ = ["btk_explorer", "lattice_explorer", "disorder_explorer", "lattice_curves",
           "disorder_curves", "disorder_lattice_point", "DISORDER_GRID", "DISORDER_STRIP", "LATTICE_MU", "LATTICE_Z",
           "LATTICE_GAPS", "LATTICE_X"]

#: Bias axis of `btk_explorer` (meV, symmetric).
BIAS_MAX_MEV = 1.5

#: The lattice junction of `lattice_explorer`: chemical potential (t), barrier strengths, gaps
#: (units of t, that is Delta / mu since mu = 1 t) and the energies E / Delta it is computed at.
LATTICE_MU = 1.0
LATTICE_Z = (0.0, 0.5, 1.0, 2.0)
LATTICE_GAPS = (0.02, 0.1, 0.3)
LATTICE_X = np.round(np.linspace(0.0, 2.5, 26), 10)

DOT = dict(ls="none", marker="o", ms=9)


def _two_panel_size():
    """Two panels side by side: 1.5 times the course's default width, grown once for the
    lecture fonts (`figure_size`)."""
    width, height = STYLE["figure.figsize"]
    return figure_size(1.5 * width, height)


def btk_explorer(*, Z=0.0, delta=0.2, kT=0.0, bias=0.1, points=601):
    """BTK conductance of a normal-superconductor contact against bias (energies in meV).

    Parameters
    ----------
    Z, delta, kT, bias : float
        Initial barrier strength, gap (meV), temperature k_BT (meV) and bias eV (meV).
    points : int
        Points of the curves on the bias axis -1.5 .. 1.5 mV.

    Returns
    -------
    Explorer
        Controls "Z", "delta", "kT", "bias"; left panel, all divided by the normal-state
        conductance G_N = 1 / (1 + Z^2): lines "G" (thermal average), "G_cold" (kT = 0, drawn
        when kT > 0), "G_N" (the normal state, 1), "dos" (the BCS density of states, outside the
        gap), "G_now"; right panel: "A", "B", "C" (Andreev, normal reflection, quasiparticle
        transmission at E = eV, kT = 0) and "A_now", "B_now". The title gives G_NS in 2e^2/h.
    """
    controls = {
        "Z": float_slider("Barrier strength Z", 0.0, 5.0, Z, step=0.05),
        "delta": float_slider("Gap Δ (meV)", 0.05, 0.8, delta, step=0.01),
        "kT": float_slider("Temperature k_BT (meV)", 0.0, 0.1, kT, step=0.002, readout_format=".3f"),
        "bias": float_slider("Bias eV (meV)", -BIAS_MAX_MEV, BIAS_MAX_MEV, bias, step=0.01),
    }
    plot = Plot(panels=[
        dict(x="V_bias_mV", y="G_ratio", ylim=(0, 3.2), lines={
            "G": dict(label="$G_{NS}/G_N$", color=OKABE_ITO["blue"], ls="-"),
            "G_cold": dict(label="the same at $k_BT = 0$", color=OKABE_ITO["sky_blue"], ls=":", lw=1.5),
            "G_N": dict(label="normal state", color=OKABE_ITO["black"], ls="--", lw=1.2),
            "dos": dict(label="BCS density of states", color=OKABE_ITO["bluish_green"], ls="-.", lw=1.5),
            "G_now": dict(label=None, color=OKABE_ITO["blue"], **DOT)}),
        dict(x="E_meV", y="probability", ylim=(-0.03, 1.05), lines={
            "A": dict(label="Andreev $R_{he}$", color=OKABE_ITO["vermillion"], ls="-"),
            "B": dict(label="normal $R_{ee}$", color=OKABE_ITO["black"], ls="--"),
            "C": dict(label="transmitted", color=OKABE_ITO["bluish_green"], ls="-."),
            "A_now": dict(label=None, color=OKABE_ITO["vermillion"], **DOT),
            "B_now": dict(label=None, color=OKABE_ITO["black"], **DOT)}),
    ], figsize=_two_panel_size())
    for ax in plot.axes:
        ax.set_xlim(-BIAS_MAX_MEV, BIAS_MAX_MEV)
    plot.axes[0].legend(loc="lower right", fontsize="small")
    plot.axes[1].legend(loc="center right", fontsize="small")
    V = np.linspace(-BIAS_MAX_MEV, BIAS_MAX_MEV, points)
    empty = (np.array([]), np.array([]))

    def compute(Z, delta, kT, bias):
        G_N = 1 / (1 + Z**2)
        G = btk_conductance_curve(V, delta=delta, Z=Z, kT=kT)
        dos = bcs_density_of_states(V, delta=delta)
        A, B, C, D = btk_coefficients(V, delta=delta, Z=Z)
        A_now, B_now, _, _ = btk_coefficients(bias, delta=delta, Z=Z)
        G_now = float(btk_conductance_curve([bias], delta=delta, Z=Z, kT=kT)[0])
        return {
            "G": (V, G / G_N),
            "G_cold": (V, (1 + A - B) / G_N) if kT > 0 else empty,
            "G_N": (V[[0, -1]], np.array([1.0, 1.0])),
            "dos": (V, np.where(np.abs(V) > delta, dos, np.nan)),
            "G_now": ([bias], [G_now / G_N]),
            "A": (V, A), "B": (V, B), "C": (V, C + D),
            "A_now": ([bias], [float(A_now)]), "B_now": ([bias], [float(B_now)]),
            "title": (f"Z = {Z:.2f}, normal state G_N = {G_N:.3f};  at eV = {bias:+.2f} meV: "
                      f"G_NS = {G_now:.3f} × 2e²/h = {G_now / G_N:.2f} G_N"),
        }

    explorer = Explorer(controls, plot, compute, intro=(
        "An electron arrives from the normal metal at the superconductor. Below the gap it is "
        "either reflected as an electron or Andreev-reflected as a hole. Change the barrier, the "
        "gap and the temperature, and read the conductance, divided by its normal-state value."))
    plot.freeze_layout()
    return explorer


@cache
def lattice_curves(Z, gap):
    """Lattice NS junction at the energies `LATTICE_X` times the gap (cached per (Z, gap)).

    Returns the dict of `helpers.models.andreev.chain_ns_junction` at mu = `LATTICE_MU`.
    """
    return chain_ns_junction(LATTICE_X * gap, Z=Z, mu=LATTICE_MU, delta=gap)


def lattice_explorer(*, Z=0.5, gap=0.02, prefetch=True):
    """The lattice NS junction (one channel, single-site barrier) against the BTK model.

    Parameters
    ----------
    Z : float
        Initial barrier strength, one of `LATTICE_Z`.
    gap : float
        Initial gap in units of t (mu = 1 t), one of `LATTICE_GAPS`.
    prefetch : bool
        Compute the other (Z, gap) pairs in the background while the student reads.

    Returns
    -------
    Explorer
        Controls "Z", "gap"; lines "G_btk", "G_lattice" (left, against E / Delta), "A_btk",
        "B_btk", "A_lattice", "B_lattice" (right).
    """
    controls = {
        "Z": toggle("Barrier strength Z", {f"{z:g}": z for z in LATTICE_Z}, Z),
        "gap": toggle("Gap Δ/μ", {f"{g:g}": g for g in LATTICE_GAPS}, gap),
    }
    marker = dict(ls="none", marker="o", ms=6, mfc="none", mew=1.6)
    plot = Plot(panels=[
        dict(x="E_delta", y="G_NS", ylim=(0, 2.1), lines={
            "G_btk": dict(label="BTK (continuum)", color=OKABE_ITO["blue"], ls="-"),
            "G_lattice": dict(label="lattice", color=OKABE_ITO["blue"], **marker)}),
        dict(x="E_delta", y="probability", ylim=(-0.03, 1.05), lines={
            "A_btk": dict(label="Andreev $R_{he}$, BTK", color=OKABE_ITO["vermillion"], ls="-"),
            "B_btk": dict(label="normal $R_{ee}$, BTK", color=OKABE_ITO["black"], ls="--"),
            "A_lattice": dict(label="lattice", color=OKABE_ITO["vermillion"], **marker),
            "B_lattice": dict(label="lattice", color=OKABE_ITO["black"], **marker)}),
    ], figsize=_two_panel_size())
    for ax in plot.axes:
        ax.set_xlim(0, LATTICE_X[-1])
    plot.axes[0].legend(loc="lower right", fontsize="small")
    plot.axes[1].legend(loc="center right", fontsize="small")
    x = np.linspace(0.0, LATTICE_X[-1], 501)

    def compute(Z, gap):
        lattice = lattice_curves(Z, gap)
        A, B, _, _ = btk_coefficients(x, delta=1.0, Z=Z)
        return {
            "G_btk": (x, 1 + A - B), "G_lattice": (LATTICE_X, lattice["G"]),
            "A_btk": (x, A), "B_btk": (x, B),
            "A_lattice": (LATTICE_X, lattice["R_he"]), "B_lattice": (LATTICE_X, lattice["R_ee"]),
            "title": (f"Chain, μ = {LATTICE_MU:g} t, barrier U = {lattice['U']:.3f} t, Δ = {gap:g} t;  "
                      f"G_NS(0): lattice {lattice['G'][0]:.3f}, BTK {1 + A[0] - B[0]:.3f}"),
        }

    explorer = Explorer(controls, plot, compute, state={"prefetch": None}, intro=(
        "The same interface twice: the continuum BTK formulas (lines) and the lattice "
        "calculation of a chain whose last sites turn superconducting (circles)."))
    if prefetch:
        pairs = sorted(((z, g) for z in LATTICE_Z for g in LATTICE_GAPS),
                       key=lambda p: (p[1] != gap, abs(p[0] - Z)))
        explorer.state.prefetch = Prefetch([lambda p=p: lattice_curves(*p) for p in pairs],
                                           after=controls.values())  # from the first change
    plot.freeze_layout()
    return explorer


#: Disorder strengths of `disorder_explorer` (units of t) and its strip: width, length (sites),
#: mu (t), the gap of the lattice NS calculation (t), samples, tunnel barrier height (t).
DISORDER_GRID = np.round(np.arange(0.0, 2.51, 0.25), 10)
DISORDER_STRIP = dict(W=16, L=50, mu=1.0, delta=0.005, samples=4, barrier=3.0)


def _strip(**extra):
    s = DISORDER_STRIP
    return dict(W=s["W"], L=s["L"], mu=s["mu"], samples=s["samples"], **extra)


@cache
def disorder_curves(barrier):
    """Normal-state G_N and Beenakker's G_NS on `DISORDER_GRID` (cached per barrier).

    Returns ``{"G_N", "G_NS"}`` (sample averages, units of 2e^2/h, shape of the grid) and
    ``"T_n"`` (per grid point, the eigenvalues of all samples).
    """
    rows = [disordered_ns_conductance(Wd, **_strip(barrier=barrier)) for Wd in DISORDER_GRID]
    return {"G_N": np.array([r["G_N"] for r in rows]), "G_NS": np.array([r["G_NS"] for r in rows]),
            "T_n": [r["T_n"] for r in rows]}


@cache
def disorder_lattice_point(barrier, Wd):
    """Sample average of the lattice G_NS at E = 0 (units of 2e^2/h), cached per (barrier, Wd)."""
    row = disordered_ns_conductance(Wd, **_strip(barrier=barrier, delta=DISORDER_STRIP["delta"]))
    return row["G_NS_lattice"]


def disorder_explorer(*, Wd=1.0, barrier=False, prefetch=True):
    """Zero-bias NS conductance of a disordered strip: Beenakker's formula and the lattice.

    Parameters
    ----------
    Wd : float
        Initial disorder strength, a value of `DISORDER_GRID`.
    barrier : bool
        Start with the tunnel barrier at the interface.
    prefetch : bool
        Compute the lattice points of the other disorder strengths in the background.

    Returns
    -------
    Explorer
        Controls "Wd", "barrier"; lines "G_N", "G_NS" (Beenakker, against the disorder strength),
        "lattice" (the lattice NS calculation at the current strength), "now_N", "now_NS" (left);
        "curve_NS", "curve_N" (per-channel conductance against T) and "channels" (the eigenvalues
        of the current samples on the curve) (right).
    """
    s = DISORDER_STRIP
    controls = {
        "Wd": float_slider("Disorder strength W_d (t)", float(DISORDER_GRID[0]), float(DISORDER_GRID[-1]),
                           Wd, step=float(DISORDER_GRID[1] - DISORDER_GRID[0])),
        "barrier": toggle("Interface", {"clean": 0.0, f"tunnel barrier U = {s['barrier']:g} t": s["barrier"]},
                          s["barrier"] if barrier else 0.0),
    }
    plot = Plot(panels=[
        dict(x="Wd", y="G", lines={
            "G_N": dict(label="normal state $G_N$", color=OKABE_ITO["black"], ls="--"),
            "G_NS": dict(label="$G_{NS}$, Beenakker (9)", color=OKABE_ITO["blue"], ls="-"),
            "lattice": dict(label="$G_{NS}$, lattice", color=OKABE_ITO["vermillion"], ls="none",
                            marker="s", ms=10, mfc="none", mew=2),
            "now_N": dict(label=None, color=OKABE_ITO["black"], **DOT),
            "now_NS": dict(label=None, color=OKABE_ITO["blue"], **DOT)}),
        dict(x="Tn", y="G", xlim=(-0.02, 1.02), ylim=(-0.05, 2.05), lines={
            "curve_NS": dict(label="NS: $2T^2/(2-T)^2$", color=OKABE_ITO["blue"], ls="-"),
            "curve_N": dict(label="normal: $T$", color=OKABE_ITO["black"], ls="--"),
            "channels": dict(label="eigenchannels", color=OKABE_ITO["orange"], ls="none", marker="o",
                             ms=8)}),
    ], figsize=_two_panel_size())
    plot.axes[0].legend(loc="upper right", fontsize="small")
    plot.axes[1].legend(loc="upper left", fontsize="small")
    # G axis labels of one width (0 ... 10 clean, 0.0 ... 1.0 with the barrier): the interface
    # toggle redraws the left panel, without laying the figure out again
    plot.axes[0].yaxis.set_major_formatter(FixedWidthFormatter(ScalarFormatter(), 4))
    T_line = np.linspace(0, 1, 201)

    def compute(Wd, barrier):
        curves = disorder_curves(barrier)
        i = int(np.argmin(np.abs(DISORDER_GRID - Wd)))
        T = curves["T_n"][i]
        lattice = disorder_lattice_point(barrier, float(DISORDER_GRID[i]))
        return {
            "G_N": (DISORDER_GRID, curves["G_N"]), "G_NS": (DISORDER_GRID, curves["G_NS"]),
            "lattice": ([DISORDER_GRID[i]], [lattice]),
            "now_N": ([DISORDER_GRID[i]], [curves["G_N"][i]]),
            "now_NS": ([DISORDER_GRID[i]], [curves["G_NS"][i]]),
            "curve_NS": (T_line, 2 * T_line**2 / (2 - T_line) ** 2), "curve_N": (T_line, T_line),
            "channels": (T, 2 * T**2 / (2 - T) ** 2),
            "title": (f"W_d = {DISORDER_GRID[i]:g} t: G_N = {curves['G_N'][i]:.2f}, "
                      f"G_NS = {curves['G_NS'][i]:.2f} (lattice {lattice:.2f}); "
                      f"{s['samples']} samples"),
        }

    explorer = Explorer(controls, plot, compute, state={"prefetch": None}, intro=(
        f"A disordered normal strip ({s['W']} × {s['L']} sites, μ = {s['mu']:g} t) in front of "
        "a superconductor, at zero bias. Left: the "
        "conductance in the normal and in the superconducting state against the disorder. "
        "Right: how much each eigenchannel contributes."))
    if prefetch:
        tasks = [lambda b=b, w=w: disorder_lattice_point(b, float(w))
                 for b in (controls["barrier"].value, *(v for v in (0.0, s["barrier"])
                                                        if v != controls["barrier"].value))
                 for w in sorted(DISORDER_GRID, key=lambda w: abs(w - Wd))]
        explorer.state.prefetch = Prefetch([lambda b=b: disorder_curves(b) for b in (0.0, s["barrier"])] + tasks,
                                           after=controls.values())  # from the first change
    plot.freeze_layout()
    return explorer
