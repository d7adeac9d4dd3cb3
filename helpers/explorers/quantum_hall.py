"""Explorers of lesson 11, "The quantum Hall effect as edge channels".

- `edge_state_explorer`: the bands of a clean lead in a field against the guiding centre
  (flat Landau levels in the bulk, bending up at the edges), the Fermi level with its right and
  left movers, and the two-terminal staircase G(E) = N(E) 2e^2/h.
- `hall_bar_explorer`: R_xy and R_xx of a six-terminal Hall bar against field, for a few
  disorder strengths of one sample, with the operating point.
- `current_map_explorer`: where the current injected by the left reservoir flows in a
  (disordered) strip, as an image, at the chosen field, energy and disorder.
- `qpc_field_explorer`: the conductance of a point contact against gate voltage at a few
  fields: subbands turn into edge channels, plateaus widen.

Each compute function calls functions of `helpers.models.quantum_hall` (cached sweeps: a
slider moves along a precomputed grid); no physics lives here.
"""

import functools

import numpy as np

from ..constants import R0
from ..models.quantum_hall import current_map, edge_channel_staircase, hall_sweep, lead_bands, qpc_field_sweep
from ..multiterminal import landau_levels
from ..plotting import OKABE_ITO, PALETTE
from ..widgets import Explorer, Plot, Prefetch, dropdown, float_slider, packed, toggle

__all__ = ["edge_state_explorer", "hall_bar_explorer", "current_map_explorer", "qpc_field_explorer",
           "STAIRCASE_ENERGIES", "HALL_FLUXES", "HALL_DISORDERS", "QPC_GATES", "QPC_FLUXES"]

GREY = "#999999"
#: Energies (t) of the staircase of `edge_state_explorer`.
STAIRCASE_ENERGIES = np.round(np.linspace(0.0, 1.8, 361), 9)
#: Flux grid (h/e) of `hall_bar_explorer`.
HALL_FLUXES = np.round(np.linspace(0.01, 0.1, 46), 6)
#: Disorder strengths (t) offered by `hall_bar_explorer` and `current_map_explorer`.
HALL_DISORDERS = (0.0, 0.5, 1.0, 1.5, 2.0)
#: Gate voltages (t) and fields (h/e) of `qpc_field_explorer`.
QPC_GATES = np.linspace(-1.0, 0.25, 51)
QPC_FLUXES = (0.0, 0.015, 0.03)


@functools.lru_cache(maxsize=128)
def _edge_picture(W, flux):
    """Bands against the guiding centre over one period of k centred on the strip, and N(E)."""
    k, bands = lead_bands(W, flux, k_points=301)
    N = edge_channel_staircase(STAIRCASE_ENERGIES, W, flux)
    return k / (2 * np.pi * flux), bands, N


def _movers(y0, bands, E):
    """Guiding centres where the bands cross E going up (right movers) and down (left movers)."""
    right, left = [], []
    for n in range(bands.shape[1]):
        e = bands[:, n]
        s = np.flatnonzero((e[:-1] - E) * (e[1:] - E) < 0)
        for i in s:
            y = y0[i] + (E - e[i]) / (e[i + 1] - e[i]) * (y0[i + 1] - y0[i])
            slope = (e[i + 1] - e[i]) / (y0[i + 1] - y0[i])
            (right if slope > 0 else left).append(y)
    return np.array(right), np.array(left)


def edge_state_explorer(*, W=24, flux=0.02, energy=0.8, E_max=1.5, flux_max=0.035, prefetch=True):
    """Lead bands in a field against the guiding centre, and the two-terminal staircase.

    The bands are drawn over one period of k, 2 pi, i.e. guiding centres within 1/(2 flux)
    of the middle of the strip, so that every state appears once (`flux_max` < 1/W keeps the
    period wider than the strip); the y_0 axis follows that window.

    Returns
    -------
    Explorer
        Controls "flux" (h/e) and "E" (t). Lines: "bands" (E_n against y_0 = k/2 pi flux,
        NaN-separated), "levels" (the continuum Landau levels hbar omega_c (n + 1/2), dotted),
        "edges" (the strip's walls), "fermi" (E across the band panel), "right_movers" and
        "left_movers" (where the bands cross E, at y_0 and E), "staircase" (N(E) as x = N,
        y = E) and "operating" (N at E). Title: the number of edge channels and G.
    """
    controls = {
        "flux": float_slider("Field: flux per plaquette φ (h/e)", 0.01, flux_max, flux, step=0.001,
                             readout_format=".3f"),
        "E": float_slider("Fermi energy E (t)", 0.0, E_max, energy, step=0.01),
    }
    ylim = (0.0, E_max * 1.17)
    plot = Plot(panels=[
        dict(x="y0", y="E", ylim=ylim, lines={
            "edges": dict(color=GREY, ls="-", lw=1.0),
            "levels": dict(color=OKABE_ITO["black"], ls=":", lw=1.2),
            "bands": dict(color=PALETTE[0], ls="-", lw=1.6),
            "fermi": dict(color=PALETTE[3], ls="--", lw=1.5),
            "right_movers": dict(label="right movers", color=PALETTE[1], ls="none", marker=">", ms=9),
            "left_movers": dict(label="left movers", color=PALETTE[2], ls="none", marker="<", ms=9)}),
        dict(x="N", y="E", xlim=(-0.2, 11.5), ylim=ylim, lines={
            "staircase": dict(color=PALETTE[2], ls="-"),
            "operating": dict(color=PALETTE[1], ls="none", marker="o", ms=9)}),
    ], figsize=(11, 4.4))
    plot.axes[0].set_title("Lead bands: inside the strip and at its walls", fontsize="medium")
    plot.axes[1].set_title("Two-terminal conductance", fontsize="medium")
    plot.axes[1].set_xlabel(r"$G$ ($2e^2/h$) = edge channels $N$")
    plot.axes[1].set_ylabel("")
    plot.axes[1].tick_params(labelleft=False)
    plot.axes[0].legend(loc="upper center", fontsize="small", ncol=2, borderaxespad=0.2)
    plot.show({"title": "φ = 0.000 h/e, E = 0.00 t:  N = 00 edge channels,  G = 00 × 2e²/h"})
    plot.tidy(ticks=6, integer_x=True)  # a field change redraws the band panel (y0 window)

    def compute(flux, E):
        y0, bands, N = _edge_picture(W, round(flux, 6))
        right, left = _movers(y0, bands, E)
        window = (y0[0], y0[-1])
        i = int(np.argmin(np.abs(STAIRCASE_ENERGIES - E)))
        # slider energies lie on the staircase grid; any other energy is counted on the spot
        n_now = int(N[i]) if abs(STAIRCASE_ENERGIES[i] - E) < 1e-9 else \
            int(edge_channel_staircase(E, W, round(flux, 6)))
        levels = landau_levels(flux, np.arange(12))
        levels = levels[levels < ylim[1]]
        return {
            "bands": packed([(y0, bands[:, n]) for n in range(W) if bands[:, n].min() < ylim[1]]),
            "levels": packed([(window, (e, e)) for e in levels]),
            "edges": packed([((0, 0), ylim), ((W - 1, W - 1), ylim)]),
            "fermi": (window, (E, E)),
            "right_movers": (right, np.full(right.size, E)),
            "left_movers": (left, np.full(left.size, E)),
            "staircase": (N, STAIRCASE_ENERGIES),
            "operating": ([n_now], [E]),
            "title": f"φ = {flux:.3f} h/e, E = {E:.2f} t:  N = {n_now} edge channel"
                     f"{'' if n_now == 1 else 's'},  G = {n_now} × 2e²/h",
        }

    intro = ("Left: the bands of the lead against the centre $y_0$ of each state (the strip "
             "occupies 0 to W − 1, grey lines; dotted: ħω_c(n + 1/2); dashed: the Fermi level). "
             "Inside the strip the bands are flat Landau levels; "
             "at the walls they bend up. Every crossing with the Fermi level is a channel: right "
             "movers on one edge, left movers on the other. Right: G(E) counts them.")
    explorer = Explorer(controls, plot, compute, intro=intro, state={"prefetch": None})
    if prefetch:
        slider = controls["flux"]
        grid = np.round(np.arange(slider.min, slider.max + 1e-9, slider.step), 6)
        grid = sorted(grid, key=lambda f: abs(f - flux))
        explorer.state.prefetch = Prefetch([functools.partial(_edge_picture, W, float(f)) for f in grid],
                                           after=controls.values())  # from the first change
    return explorer


def _nearest(grid, value):
    return int(np.argmin(np.abs(np.asarray(grid) - value)))


def hall_bar_explorer(*, energy=1.0, flux=0.07, strength=0.0, L=48, W=24, probe_width=8, seed=1,
                      prefetch=True):
    """R_xy and R_xx of a Hall bar against field, for one sample at a few disorder strengths.

    The six-terminal bar (`helpers.multiterminal.hall_bar`, L x W sites, probes
    `probe_width` wide) at Fermi energy `energy`; the sweep over `HALL_FLUXES` is computed once
    per disorder strength (4 s for the first, then 0.5 s; with `prefetch` the other strengths are computed on a
    background thread).

    Returns
    -------
    Explorer
        Controls "flux" (h/e, moves along `HALL_FLUXES`) and "Wd" (t, one of
        `HALL_DISORDERS`). Lines "R_xy", "R_xx" (units of h/2e^2 against flux), "plateaus"
        (the values 1/nu, dotted), "op_xy", "op_xx" (the operating point). Title: R_xy and
        R_xx at the field, in h/2e^2 and kOhm.
    """
    controls = {
        "flux": float_slider("Field: flux per plaquette φ (h/e)", float(HALL_FLUXES[0]),
                             float(HALL_FLUXES[-1]), float(HALL_FLUXES[_nearest(HALL_FLUXES, flux)]),
                             step=float(HALL_FLUXES[1] - HALL_FLUXES[0]), readout_format=".4f"),
        "Wd": dropdown("Disorder W_d (t)", {f"{w:g} t": w for w in HALL_DISORDERS}, strength),
    }
    plot = Plot(x="flux", y="R_h", xlim=(0, float(HALL_FLUXES[-1]) * 1.02), ylim=(-0.2, 1.5), lines={
        "plateaus": dict(label=r"$1/\nu$", color=GREY, ls=":", lw=1.2),
        "R_xy": dict(label=r"$R_{xy}$", color=PALETTE[0], ls="-"),
        "R_xx": dict(label=r"$R_{xx}$", color=PALETTE[1], ls="--"),
        "op_xy": dict(color=PALETTE[0], ls="none", marker="o", ms=9),
        "op_xx": dict(color=PALETTE[1], ls="none", marker="s", ms=8),
    }, figsize=(8, 4.4))
    plot.axes[0].legend(loc="upper left")
    plot.show({"title": "φ = 0.0000 h/e, W_d = 0.0 t\nR_xy = 0.000 h/2e² = 00.00 kΩ,  R_xx = 0.000 h/2e²"})
    plot.freeze_layout()
    sweep = functools.partial(hall_sweep, HALL_FLUXES, energy, L=L, W=W, probe_width=probe_width, seed=seed)

    def compute(flux, Wd):
        d = sweep(strength=Wd)
        i = _nearest(HALL_FLUXES, flux)
        xy, xx = float(d["R_xy"][i]), float(d["R_xx"][i])
        plateaus = packed([((0, HALL_FLUXES[-1] * 1.02), (1 / nu, 1 / nu)) for nu in range(1, 7)])
        return {
            "R_xy": (HALL_FLUXES, d["R_xy"]), "R_xx": (HALL_FLUXES, d["R_xx"]),
            "plateaus": plateaus,
            "op_xy": ([HALL_FLUXES[i]], [xy]), "op_xx": ([HALL_FLUXES[i]], [xx]),
            "title": f"φ = {HALL_FLUXES[i]:.4f} h/e, W_d = {Wd:.1f} t\nR_xy = {xy:.3f} h/2e² = "
                     f"{xy * R0 / 1e3:.2f} kΩ,  R_xx = {xx:.3f} h/2e²",
        }

    intro = (f"A Hall bar of {L} × {W} sites at E = {energy:g} t; the current flows from the left "
             "to the right contact, four side probes measure voltages. Move the field along the "
             "sweep; add disorder (one fixed sample, made stronger) and watch which parts of the "
             "curves change.")
    explorer = Explorer(controls, plot, compute, intro=intro, state={"prefetch": None})
    if prefetch:
        others = [w for w in HALL_DISORDERS if w != strength]
        explorer.state.prefetch = Prefetch([functools.partial(sweep, strength=w) for w in others],
                                           after=controls.values())  # from the first change
    return explorer


def current_map_explorer(*, energy=1.0, flux=0.08, strength=1.5, L=60, W=24, seed=1):
    """Where the current injected by the left reservoir flows, as an image.

    Returns
    -------
    Explorer
        Controls "flux" (h/e, 0 allowed), "E" (t), "Wd" (t, one of `HALL_DISORDERS`), all
        updated on release (one sparse solve each, about 0.1 s, cached). Image: the size of
        the current through each site (`helpers.models.quantum_hall.current_map`), as a
        fraction of its largest value; ``explorer.state.map`` holds the drawn array (L, W) and T.
        Lines "edges" (the walls). Title: the transmission T = G/G0.
    """
    controls = {
        "flux": float_slider("Field: flux per plaquette φ (h/e)", 0.0, 0.1, flux, step=0.005,
                             slow=True, readout_format=".3f"),
        "E": float_slider("Energy E (t)", 0.1, 2.0, energy, step=0.05, slow=True),
        "Wd": dropdown("Disorder W_d (t)", {f"{w:g} t": w for w in HALL_DISORDERS}, strength),
    }
    plot = Plot(x="x", y="y", xlim=(-0.5, L - 0.5), ylim=(-1.5, W + 0.5), lines={
        "edges": dict(color=GREY, ls="-", lw=1.5)}, figsize=(9, 4.4))
    ax = plot.axes[0]
    ax.grid(False)
    image = ax.imshow(np.zeros((W, L)), origin="lower", aspect="auto", cmap="viridis",
                      extent=(-0.5, L - 0.5, -0.5, W - 0.5), interpolation="nearest", vmin=0.0, vmax=1.0)
    bar = plot.figure.colorbar(image, cax=ax.inset_axes([1.02, 0.0, 0.03, 1.0]))
    bar.set_label("current (of its maximum)")
    # every change redraws this panel with its colour bar: few tick labels keep that cheap
    bar.set_ticks([0.0, 0.5, 1.0])
    ax.set_xticks(np.arange(0, L, 20 if L > 40 else 10))
    ax.set_yticks(np.arange(0, W, 10 if W > 20 else 5))
    plot.show({"title": "φ = 0.000 h/e, E = 0.00 t, W_d = 0.0 t:  T = 0.000"})
    plot.freeze_layout()
    drawn = {}

    def compute(flux, E, Wd):
        d = current_map(E, flux, L=L, W=W, strength=Wd, seed=seed)
        if drawn.get("magnitude") is not d["magnitude"]:
            top = float(d["magnitude"].max())
            image.set_data((d["magnitude"] / top if top > 0 else d["magnitude"]).T)
            drawn.update(magnitude=d["magnitude"], T=d["T"])
            plot.invalidate(ax)
        return {"edges": packed([((-0.5, L - 0.5), (-0.5, -0.5)), ((-0.5, L - 0.5), (W - 0.5, W - 0.5))]),
                "title": f"φ = {flux:.3f} h/e, E = {E:.2f} t, W_d = {Wd:.1f} t:  T = {d['T']:.3f}"}

    intro = ("Electrons enter from the left lead and leave to the right one. Bright: where their "
             "current flows. Compare zero field with a field on a plateau, clean and disordered.")
    explorer = Explorer(controls, plot, compute, intro=intro, state={"map": drawn})
    return explorer


def qpc_field_explorer(*, energy=1.0, flux=0.015, Vg=-0.3, W=20, length=15, hw_y=0.3):
    """A point contact in a field: G(Vg) at the fields `QPC_FLUXES`, one highlighted.

    Returns
    -------
    Explorer
        Controls "flux" (one of `QPC_FLUXES`) and "Vg" (t). Lines "G_other" (the other
        fields, grey), "G" (the chosen field) and "operating". Title: G at the gate. The
        first display computes the three sweeps (a few seconds).
    """
    controls = {
        "flux": toggle("Field φ (h/e)", {f"{f:g}": f for f in QPC_FLUXES}, flux),
        "Vg": float_slider("Gate voltage Vg (t)", float(QPC_GATES[0]), float(QPC_GATES[-1]), Vg, step=0.005),
    }
    plot = Plot(x="Vg", y="G", xlim=(QPC_GATES[0], QPC_GATES[-1]), ylim=(-0.1, 4.6), lines={
        "G_other": dict(label="other fields", color=GREY, ls="--", lw=1.2),
        "G": dict(label="chosen field", color=PALETTE[0], ls="-"),
        "operating": dict(color=PALETTE[1], ls="none", marker="o", ms=9),
    }, figsize=(7.5, 4.4))
    plot.axes[0].set_yticks(range(5))
    plot.axes[0].legend(loc="upper left")
    plot.show({"title": "φ = 0.000 h/e, Vg = -0.000 t:  G = 0.000 × 2e²/h"})
    plot.freeze_layout()
    sweep = functools.partial(qpc_field_sweep, QPC_GATES, energy, W=W, length=length, hw_y=hw_y)

    def compute(flux, Vg):
        G = sweep(flux)
        g = float(np.interp(Vg, QPC_GATES, G))
        return {"G": (QPC_GATES, G),
                "G_other": packed([(QPC_GATES, sweep(f)) for f in QPC_FLUXES if f != flux]),
                "operating": ([Vg], [g]),
                "title": f"φ = {flux:.3f} h/e, Vg = {Vg:.3f} t:  G = {g:.3f} × 2e²/h"}

    intro = ("The point contact of lesson 3, now in a field. Compare the plateaus at the three "
             "fields: where do they start, how wide are they, how many are there?")
    return Explorer(controls, plot, compute, intro=intro)
