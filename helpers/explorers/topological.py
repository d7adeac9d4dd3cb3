"""Explorers of lesson 12, "Topological protection without a field" (the BHZ model).

- `edge_explorer`: the band structure of a clean BHZ strip against the mass M, edge states
  coloured by spin and marked by edge, next to the clean conductance G(E) = (e^2/h) T.
- `protection_explorer`: G against disorder strength for the three disorder types
  (non-magnetic, spin-mixing magnetic, spin-conserving Zeeman along z), in the topological
  or the trivial phase, at a chosen Fermi energy.
- `bands_figure`, `protection_figure`: the static figures of the key results.

Each compute function calls `helpers.models.topological` (cached by control values); no physics
lives here. Energies in units of |B| (B = -1, A = 2, D = 0), conductance in e^2/h.
"""

import functools

import numpy as np

from ..models.topological import bulk_gap, clean_transmission, disorder_scan, is_inverted, strip_bands
from ..plotting import PALETTE, label, static_figure
from ..widgets import Explorer, Plot, Prefetch, float_slider, packed, toggle

__all__ = ["edge_explorer", "protection_explorer", "bands_figure", "protection_figure",
           "STRIP_W", "STRIP_L", "WD_GRID", "SEEDS", "ENERGIES", "KIND_NAMES", "PHASES"]

#: Width and length (sites) of the strips of the lesson.
STRIP_W, STRIP_L = 12, 20
#: Disorder strengths (units of |B|) of `protection_explorer`.
WD_GRID = np.arange(0.0, 4.01, 0.5)
#: The fixed set of disordered samples.
SEEDS = (0, 1, 2, 3)
#: Fermi energies (units of |B|) offered by `protection_explorer`: three in the gap, one in a band.
ENERGIES = {"0.25 (gap)": 0.25, "0.5 (gap)": 0.5, "0.75 (gap)": 0.75, "1.5 (bulk band)": 1.5}
#: Disorder types: label -> `helpers.models.topological` kind.
KIND_NAMES = {"non-magnetic": "nonmagnetic", "magnetic (Zeeman along x)": "magnetic",
              "Zeeman along z": "zeeman_z"}
#: Phases of `protection_explorer`: label -> M (units of |B|).
PHASES = {"topological (M = −1)": -1.0, "trivial (M = +1)": 1.0}
KIND_COLOURS = {"nonmagnetic": PALETTE[0], "magnetic": PALETTE[1], "zeeman_z": PALETTE[2]}
KIND_STYLES = {"nonmagnetic": "-", "magnetic": "--", "zeeman_z": "-."}
KIND_WIDTHS = {"nonmagnetic": 5.0, "magnetic": 2.0, "zeeman_z": 2.0}  # wide: visible under Zeeman z
GREY = "#999999"
E_MAX = 3.0
E_CURVE = np.linspace(-E_MAX, E_MAX, 600)  # even count: E = 0 itself (a narrow strip's
# overlap gap of 4e-4 |B| between its two edges) is not on the grid
EDGE_WEIGHT = 0.6  # a state counts as an edge state when this share of it sits on one edge


@functools.lru_cache(maxsize=256)
def _edge_picture(M, W):
    """Bands, edge-state points and the clean G(E) of a strip of mass M (cached)."""
    bands = strip_bands(M, W, n_k=121)  # enough for the eye, fewer markers to draw
    kx = bands["kx"]
    data = {f"bulk_{s}": packed([(kx, bands[s][0][:, n]) for n in range(2 * W)]) for s in ("up", "down")}
    for spin in ("up", "down"):
        E, bottom, top, _ = bands[spin]
        for edge, weight in (("bottom", bottom), ("top", top)):
            mask = (weight > EDGE_WEIGHT) & (np.abs(E) < E_MAX)
            k_idx, n_idx = np.nonzero(mask)
            data[f"{spin}_{edge}"] = (kx[k_idx], E[k_idx, n_idx])
    data["G"] = clean_transmission(E_CURVE, M, W, n_k=401)
    data["gap"] = float(bulk_gap(M))
    return data


def edge_explorer(*, M=-1.0, energy=0.5, W=STRIP_W, prefetch=True):
    """Band structure of a clean BHZ strip and its conductance, against M and the Fermi energy.

    Returns
    -------
    Explorer
        Controls "M" (units of |B|) and "E" (units of |B|). Panels: spin-up bands, spin-down
        bands, G(E). Lines: "bulk_up", "bulk_down" (all bands of one spin), "up_bottom",
        "up_top", "down_bottom", "down_top" (points of the edge states: spin, and the edge
        y = 0 or y = W - 1 they sit on), "gap_edges_<spin>" (+-half the 2D bulk gap),
        "fermi_<spin>" (E across a band panel), "G" (T = G/(e^2/h) of the clean strip, drawn
        as x = T, y = E), "operating" (the point (T, E), T at the point of `E_CURVE` nearest
        to E). Title: phase, T and G.
    """
    controls = {
        "M": float_slider("Mass M (|B|)", -2.5, 1.5, M, step=0.05),
        "E": float_slider("Fermi energy E (|B|)", -E_MAX, E_MAX, energy, step=0.05),
    }
    ylim = (-E_MAX, E_MAX)
    marker = dict(ls="none", ms=4)
    panels = []
    for spin, colour, mk in (("up", PALETTE[0], "o"), ("down", PALETTE[1], "s")):
        panels.append(dict(x="kx_bhz", y="E_bhz", xlim=(-np.pi, np.pi), ylim=ylim, lines={
            f"bulk_{spin}": dict(color=GREY, ls="-", lw=0.8),
            f"{spin}_bottom": dict(label="edge y = 0", color=colour, marker=mk, **marker),
            f"{spin}_top": dict(label=f"edge y = {W - 1}", color=colour, marker=mk, mfc="none", **marker),
            f"gap_edges_{spin}": dict(color=PALETTE[6], ls=":", lw=1.2),
            f"fermi_{spin}": dict(color=PALETTE[2], ls="--", lw=1.5)}))
    panels.append(dict(x="G_e2h", y="E_bhz", xlim=(-0.3, 12), ylim=ylim, lines={
        "G": dict(color=PALETTE[4], ls="-"),
        "operating": dict(color=PALETTE[2], ls="none", marker="o", ms=9)}))
    plot = Plot(panels=panels, figsize=(12, 4.6))
    for ax, title in zip(plot.axes, ("Spin ↑ bands", "Spin ↓ bands", "Clean strip, both spins")):
        ax.set_title(title, fontsize="medium")
    for ax in plot.axes[:2]:
        ax.set_xticks([-np.pi, 0, np.pi], [r"$-\pi$", "0", r"$\pi$"])
        ax.legend(loc="upper center", fontsize="small", ncol=2, markerscale=1.5)
    for ax in plot.axes[1:]:
        ax.set_ylabel("")
        ax.tick_params(labelleft=False)
    plot.show({"title": "M = −0.00 |B| (inverted bands, topological), E = −0.00 |B|:  T = 00,  G = 00 e²/h"})
    plot.freeze_layout()

    def compute(M, E):
        d = _edge_picture(round(float(M), 4), W)
        T = float(d["G"][np.argmin(np.abs(E_CURVE - E))])
        phase = "inverted bands, topological" if is_inverted(M) else "normal bands, trivial"
        if abs(d["gap"]) < 1e-6:
            phase = "gap closed"
        half = d["gap"] / 2
        data = {name: d[name] for name in ("up_bottom", "up_top", "down_bottom", "down_top")}
        for spin in ("up", "down"):
            data[f"bulk_{spin}"] = d[f"bulk_{spin}"]
            data[f"gap_edges_{spin}"] = ([-np.pi, np.pi, np.nan, -np.pi, np.pi], [half, half, np.nan, -half, -half])
            data[f"fermi_{spin}"] = ([-np.pi, np.pi], [E, E])
        return {
            **data,
            "G": (d["G"], E_CURVE),
            "operating": ([T], [E]),
            "title": f"M = {M:.2f} |B| ({phase}), E = {E:.2f} |B|:  T = {T:.0f},  G = {T:.0f} e²/h",
        }

    intro = ("Coloured points are states living on one edge of the strip (filled: edge y = 0, "
             "open: the other edge); grey lines are all the bands. Put E in the gap of the 2D bulk "
             "(between the dotted lines) and change the sign of M.")
    explorer = Explorer(controls, plot, compute, intro=intro, state={"prefetch": None})
    if prefetch:
        slider = controls["M"]
        values = np.round(np.arange(slider.min, slider.max + 1e-9, slider.step), 4)
        values = sorted(values, key=lambda m: abs(m - M))
        explorer.state.prefetch = Prefetch([functools.partial(_edge_picture, float(m), W) for m in values],
                                           after=controls.values())  # from the first change
    return explorer


def _scan(E, M, kind):
    return disorder_scan(E, M, WD_GRID, kind=kind, L=STRIP_L, W=STRIP_W, seeds=SEEDS)


def protection_explorer(*, phase=-1.0, energy=0.5, kind="magnetic", strength=2.0, prefetch=True):
    """G against disorder strength for the three disorder types, at one Fermi energy.

    Each curve is the mean of T = G/(e^2/h) over the fixed disordered samples `SEEDS` of a
    STRIP_L x STRIP_W strip with clean leads, at the strengths `WD_GRID`.

    Returns
    -------
    Explorer
        Controls "phase" (M, units of |B|), "E" (units of |B|, one of `ENERGIES`), "kind"
        (one of `KIND_NAMES`' values), "Wd" (units of |B|). Lines: "mean_<kind>" for the three
        kinds (mean T against Wd), "samples" (every sample of the chosen kind), "operating"
        (the chosen kind at Wd). Title: the mean and the spread of T at Wd.
    """
    controls = {
        "phase": toggle("Phase", PHASES, phase),
        "E": toggle("Fermi energy E (|B|)", ENERGIES, energy),
        "kind": toggle("Disorder", KIND_NAMES, kind),
        "Wd": float_slider("Disorder strength W_d (|B|)", float(WD_GRID[0]), float(WD_GRID[-1]),
                           strength, step=float(WD_GRID[1] - WD_GRID[0])),
    }
    names = {v: k for k, v in KIND_NAMES.items()}
    short = {"nonmagnetic": "non-magnetic", "magnetic": "Zeeman along x", "zeeman_z": "Zeeman along z"}
    lines = {f"mean_{k}": dict(label=names[k], color=KIND_COLOURS[k], ls=KIND_STYLES[k], marker="o", ms=4,
                               lw=KIND_WIDTHS[k]) for k in KIND_NAMES.values()}
    lines["samples"] = dict(label="each sample (chosen type)", color=PALETTE[6], ls="none", marker="x", ms=6)
    lines["operating"] = dict(color=PALETTE[6], ls="none", marker="o", ms=12, mfc="none", mew=2)
    plot = Plot(x="Wd_bhz", y="G_e2h", xlim=(-0.1, WD_GRID[-1] + 0.1), ylim=(-0.1, 6.5), lines=lines,
                figsize=(9, 4.6))
    plot.axes[0].set_yticks(range(0, 7))
    plot.axes[0].legend(loc="upper right", fontsize="small")
    plot.show({"title": "Zeeman along x, W_d = 0.0, E = 0.00 (|B|):  G = 0.000 e²/h (samples 0.00 to 0.00)"})
    plot.freeze_layout()

    def compute(phase, E, kind, Wd):
        data = {}
        for k in KIND_NAMES.values():
            data[f"mean_{k}"] = (WD_GRID, _scan(E, phase, k).mean(axis=1))
        scan = _scan(E, phase, kind)
        i = int(np.argmin(np.abs(WD_GRID - Wd)))
        data["samples"] = (np.repeat(WD_GRID, scan.shape[1]), scan.ravel())
        data["operating"] = ([WD_GRID[i]], [scan[i].mean()])
        data["title"] = (f"{short[kind]}, W_d = {WD_GRID[i]:.1f}, E = {E:.2f} (|B|):  "
                         f"G = {scan[i].mean():.3f} e²/h (samples {scan[i].min():.2f} to {scan[i].max():.2f})")
        return data

    intro = ("The three curves: G against the disorder strength, averaged over a fixed set of "
             "disordered strips, for each type of disorder. Crosses: the individual strips of "
             "the chosen type.")
    explorer = Explorer(controls, plot, compute, intro=intro, state={"prefetch": None})
    if prefetch:
        combos = [(E, M) for M in PHASES.values() for E in ENERGIES.values()]
        combos.sort(key=lambda c: (c[1] != phase, abs(c[0] - energy)))
        explorer.state.prefetch = Prefetch([functools.partial(_scan, E, M, k) for E, M in combos
                                            for k in KIND_NAMES.values()],
                                           after=controls.values())  # from the first change
    return explorer


def bands_figure(*, masses=(-1.0, 1.0), W=STRIP_W, energy=0.5):
    """Static figure: strip bands, spin up and spin down, with edge states, for each mass."""
    figure, _ = static_figure(figsize=(10, 3.6 * len(masses)))
    figure.clear()
    axes = figure.subplots(len(masses), 2, sharex=True, sharey=True, squeeze=False)
    for row, M in zip(axes, masses):
        d = _edge_picture(float(M), W)
        half = d["gap"] / 2
        phase = "topological" if is_inverted(M) else "trivial"
        for ax, spin, arrow, colour, mk in zip(row, ("up", "down"), ("↑", "↓"), PALETTE[:2], "os"):
            ax.plot(*d[f"bulk_{spin}"], color=GREY, lw=0.8)
            ax.plot(*d[f"{spin}_bottom"], ls="none", marker=mk, ms=4, color=colour, label="edge y = 0")
            ax.plot(*d[f"{spin}_top"], ls="none", marker=mk, ms=4, color=colour, mfc="none",
                    label=f"edge y = {W - 1}")
            for level in (half, -half):
                ax.axhline(level, color=PALETTE[6], ls=":", lw=1.2)
            ax.axhline(energy, color=PALETTE[2], ls="--", lw=1.2)
            ax.set_title(f"M = {M:+.0f} |B| ({phase}), spin {arrow}", fontsize="medium")
            ax.set_xlim(-np.pi, np.pi)
            ax.set_ylim(-E_MAX, E_MAX)
            ax.set_xticks([-np.pi, 0, np.pi], [r"$-\pi$", "0", r"$\pi$"])
            ax.legend(loc="upper center", fontsize="small", ncol=2, markerscale=1.5)
        row[0].set_ylabel(label("E_bhz"))
    for ax in axes[-1]:
        ax.set_xlabel(label("kx_bhz"))
    return figure


def protection_figure(*, energy=0.5):
    """Static figure: mean G against Wd for the three disorder types, topological and trivial."""
    figure, ax = static_figure(figsize=(7.5, 4.4))
    names = {v: k for k, v in KIND_NAMES.items()}
    for kind in KIND_NAMES.values():
        scan = _scan(energy, -1.0, kind)
        ax.plot(WD_GRID, scan.mean(axis=1), color=KIND_COLOURS[kind], ls=KIND_STYLES[kind], marker="o",
                ms=4, lw=KIND_WIDTHS[kind], label=f"{names[kind]}, M = −1")
    trivial = np.mean([_scan(energy, 1.0, k).mean(axis=1) for k in KIND_NAMES.values()], axis=0)
    ax.plot(WD_GRID, trivial, color=GREY, ls=":", marker="s", ms=4, label="all three types, M = +1 (trivial)")
    ax.set_xlabel(label("Wd_bhz"))
    ax.set_ylabel(label("G_e2h"))
    ax.set_ylim(-0.1, 3.0)
    ax.set_title(f"Strip {STRIP_L} × {STRIP_W} sites, E = {energy} |B| (in the gap)", fontsize="medium")
    ax.legend(loc="upper center", ncol=2, fontsize="small")
    return figure
