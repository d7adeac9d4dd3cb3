"""Explorers of lesson 3, "Counting channels, quantized conductance".

- `mode_explorer`: a clean strip of width W at energy E: the transverse modes (open ones
  solid), the subband dispersion with E marked, and the staircase N(E) = G/G0.
- `qpc_explorer`: a lattice quantum point contact: G(Vg) at temperature kT for a smooth or
  abrupt constriction, with the operating point marked.
- `saddle_explorer`: Büttiker's saddle-point model: the steps T_n(E) and their sum, against
  the ratio hbar w_x / hbar w_y and kT.

Each compute function calls one function of `helpers.models.qpc`; no physics lives here.
"""

import functools

import numpy as np
from matplotlib.ticker import MaxNLocator

from ..constants import resistance_ohm
from ..models.qpc import SMEARING_PAD, mode_picture, qpc_curve, saddle_point_curve
from ..plotting import GREY, LIGHT_GREY, PALETTE
from ..widgets import Explorer, Plot, Prefetch, float_slider, int_slider, packed, toggle

__all__ = ["mode_explorer", "qpc_explorer", "saddle_explorer", "QPC_GATE_GRID"]


#: Gate voltages (units of t) on which `qpc_explorer` draws G(Vg).
QPC_GATE_GRID = np.linspace(-1.0, 0.25, 126)
#: Largest kT (units of t) of the temperature sliders.
KT_MAX = 0.08
#: Gate range computed beyond each end of `QPC_GATE_GRID` before the thermal average (10 kT_max).
QPC_PAD = SMEARING_PAD * KT_MAX


def mode_explorer(*, W=8, energy=0.5, W_max=30, E_max=4.0):
    """Transverse modes, subbands and open channels of a clean strip.

    Returns
    -------
    Explorer
        Controls "W" (sites) and "E" (units of t). Lines: "open_modes" / "closed_modes"
        (phi_n(y) drawn at height eps_n), "level_E" (E across the mode panel), "bands_open" /
        "bands_closed" (E_n(k)), "dispersion_E" (E across the band panel), "staircase" (N(E)
        drawn as x = N, y = E) and "operating" (the point (N(E), E)). Title: N and G.
    """
    controls = {
        "W": int_slider("Strip width W (sites)", 1, W_max, W),
        "E": float_slider("Energy E (t)", 0.0, E_max, energy, step=0.01),
    }
    ylim = (0.0, E_max * 1.05)
    plot = Plot(panels=[
        dict(x="y", y="E", ylim=ylim, lines={
            # closed modes: solid and thin (dotted lines with many points draw slowly)
            "closed_modes": dict(color=LIGHT_GREY, ls="-", lw=1.0),
            "open_modes": dict(color=PALETTE[0], ls="-", lw=1.8),
            "level_E": dict(color=PALETTE[1], ls="--", lw=1.5)}),
        dict(x="k", y="E", xlim=(-np.pi, np.pi), ylim=ylim, lines={
            "bands_closed": dict(color=LIGHT_GREY, ls="-", lw=1.0),
            "bands_open": dict(color=PALETTE[0], ls="-", lw=1.8),
            "dispersion_E": dict(color=PALETTE[1], ls="--", lw=1.5)}),
        dict(x="N", y="E", ylim=ylim, lines={
            "staircase": dict(color=PALETTE[2], ls="-"),
            "operating": dict(color=PALETTE[1], ls="none", marker="o", ms=9)}),
    ], figsize=(11, 4.2), sticky_limits=True)  # W: a narrower strip keeps the wider axes
    for ax, title in zip(plot.axes, ("Transverse modes", "Subbands", "Open channels")):
        ax.set_title(title, fontsize="medium")
    for ax in plot.axes[1:]:  # the three panels share the energy axis
        ax.set_ylabel("")
        ax.tick_params(labelleft=False)
    # few ticks: text is half of the redraw time of this three-panel figure
    for ax in plot.axes:  # the same energy ticks (and grid) in the three panels
        ax.set_yticks(np.arange(0, E_max + 0.5, 1.0))
    plot.axes[0].xaxis.set_major_locator(MaxNLocator(4, integer=True))
    plot.axes[1].set_xticks([-np.pi, 0, np.pi], [r"$-\pi$", "0", r"$\pi$"])
    plot.axes[2].xaxis.set_major_locator(MaxNLocator(3, integer=True))
    def compute(W, E):
        d = mode_picture(W, E)
        y, phi, eps, is_open = d["y"], d["phi"], d["eps"], d["is_open"]
        y_wall = np.concatenate([[-1], y, [W]])
        gaps = np.diff(np.append(eps, eps[-1] + 4))  # spacing to the next level, for the amplitude
        amplitude = np.minimum(0.45 * np.minimum(gaps, np.append(gaps[:1], gaps[:-1])), 0.4) / np.max(np.abs(phi))
        curves = [(y_wall, eps[n] + amplitude[n] * np.concatenate([[0], phi[:, n], [0]]))
                  for n in range(W)]
        k, bands = d["k"], d["bands"]
        return {
            "open_modes": packed([c for c, o in zip(curves, is_open) if o]),
            "closed_modes": packed([c for c, o in zip(curves, is_open) if not o]),
            "level_E": ([-1, W], [E, E]),
            "bands_open": packed([(k, bands[:, n]) for n in range(W) if is_open[n]]),
            "bands_closed": packed([(k, bands[:, n]) for n in range(W) if not is_open[n]]),
            "dispersion_E": ([-np.pi, np.pi], [E, E]),
            "staircase": (d["staircase_N"], d["staircase_E"]),
            "operating": ([d["n_open"]], [E]),
            "title": f"W = {W}, E = {E:.2f} t:  N = {d['n_open']} open "
                     f"channel{'' if d['n_open'] == 1 else 's'},  G = {d['n_open']} × 2e²/h",
        }

    intro = ("Move E: a channel opens each time E crosses the bottom of a subband "
             "(the dashed line meets a new parabola). Move W: wider strips have more, "
             "closer-spaced subbands.")
    explorer = Explorer(controls, plot, compute, intro=intro)
    plot.freeze_layout()
    return explorer


def qpc_explorer(*, W=25, E_F=1.0, hw_y=0.3, Vg=-0.4, kT=0.0, length=30, prefetch=True):
    """Conductance of a lattice quantum point contact against gate voltage and temperature.

    The strip (width W, Fermi energy E_F, units of t) carries a split-gate saddle
    (`helpers.models.qpc.qpc_potential`, transverse spacing hw_y). G(Vg) at kT = 0 is computed once
    per shape on `QPC_GATE_GRID` extended by `QPC_PAD` on each side (cached, 0.1-0.2 s);
    a change of Vg or kT only re-averages it, so the ends of the curve are as accurate as the
    middle for every kT of the slider. With `prefetch`, the other shapes (lengths nearest to
    the initial one first, both profiles) are computed on a background thread, about 4 s in
    all, from the first change of any control (nothing runs in the background while the page
    and its widgets load): after that a shape change is as fast as a gate change.

    Returns
    -------
    Explorer
        Controls "Vg" (t), "kT" (t), "length" (sites, slow), "profile" ("smooth"/"abrupt").
        Lines: "G_kT" (G/G0 at kT), "G_T0" (G/G0 at kT = 0), "operating" (the point at Vg).
        Title: G and the resistance in kOhm at the operating point. ``explorer.state.prefetch``:
        the `Prefetch` of the shapes (None without `prefetch`).
    """
    controls = {
        "Vg": float_slider("Gate voltage Vg (t)", float(QPC_GATE_GRID[0]), float(QPC_GATE_GRID[-1]),
                           Vg, step=0.005),
        "kT": float_slider("Temperature kT (t)", 0.0, KT_MAX, kT, step=0.001),
        "length": int_slider("Constriction length (sites)", 4, 40, length, step=2, slow=True),
        "profile": toggle("Shape", {"smooth saddle": "smooth", "abrupt box": "abrupt"}, "smooth"),
    }
    plot = Plot(x="Vg", y="G", xlim=(QPC_GATE_GRID[0], QPC_GATE_GRID[-1]), ylim=(-0.1, 4.6), lines={
        "G_T0": dict(label="kT = 0", color=GREY, ls="--", lw=1.5),
        "G_kT": dict(label="at temperature kT", color=PALETTE[0], ls="-"),
        "operating": dict(color=PALETTE[1], ls="none", marker="o", ms=10),
    }, figsize=(7.5, 4.4))
    ax = plot.axes[0]
    ax.set_yticks(range(5))
    ax.legend(loc="upper left")
    def compute(Vg, kT, length, profile):
        G_T0, G_kT = qpc_curve(QPC_GATE_GRID, E_F, kT, W, length=length, profile=profile, hw_y=hw_y,
                               pad=QPC_PAD)
        g = float(np.interp(Vg, QPC_GATE_GRID, G_kT))
        R = f"{resistance_ohm(g) / 1e3:.2f} kΩ" if g > 1e-3 else "very large"
        return {"G_T0": (QPC_GATE_GRID, G_T0), "G_kT": (QPC_GATE_GRID, G_kT),
                "operating": ([Vg], [g]),
                "title": f"Vg = {Vg:.3f} t, kT = {kT:.3f} t:  G = {g:.3f} × 2e²/h,  R = {R}"}

    intro = ("Each plateau is one more transverse mode fitting through the saddle. Raise kT: "
             "the steps smear over a few kT. Shorten the constriction or make it abrupt: "
             "the plateaus tilt and ripple.")
    explorer = Explorer(controls, plot, compute, intro=intro, state={"prefetch": None})
    plot.freeze_layout()
    if prefetch:
        slider = controls["length"]
        shapes = sorted(((n, p) for n in range(slider.min, slider.max + 1, slider.step)
                         for p in ("smooth", "abrupt")),
                        key=lambda shape: (abs(shape[0] - length), shape[1] != "smooth"))
        explorer.state.prefetch = Prefetch(
            [functools.partial(qpc_curve, QPC_GATE_GRID, E_F, 0.0, W, length=n, profile=p,
                               hw_y=hw_y, pad=QPC_PAD) for n, p in shapes],
            after=controls.values())  # from the first control change, not while the page loads
    return explorer


def saddle_explorer(*, hw_y=0.3, ratio=0.3, kT=0.0, n_modes=4, n_sum=50, E_range=(-0.1, 1.3)):
    """Büttiker's saddle-point model: T_n(E) of each mode and G(E) = sum_n T_n at kT.

    Saddle height V0 = 0, transverse spacing hw_y (units of t); the controls set
    hbar w_x / hbar w_y and kT. G sums `n_sum` modes (not only the `n_modes` drawn), so the
    modes that open just above the window still raise its top end.

    Returns
    -------
    Explorer
        Controls "ratio", "kT". Lines "T_0" .. "T_{n_modes-1}" (kT = 0) and "G" (sum at kT).
    """
    E = np.linspace(*E_range, 561)
    controls = {
        "ratio": float_slider("Barrier curvature ħω_x / ħω_y", 0.02, 1.5, ratio, step=0.01),
        "kT": float_slider("Temperature kT (t)", 0.0, KT_MAX, kT, step=0.001),
    }
    lines = {f"T_{n}": dict(label=r"$T_n$, each mode at kT = 0" if n == 0 else None,
                            color=PALETTE[2], ls="-", lw=1.2) for n in range(n_modes)}
    lines["G"] = dict(label=r"$G/G_0=\sum_n T_n$ at kT", color=PALETTE[0], ls="-", lw=2.5)
    plot = Plot(x="E", y="G", xlim=E_range, ylim=(-0.1, n_modes + 0.3), lines=lines,
                figsize=(7.5, 4.2))
    plot.axes[0].legend(loc="upper left")
    def compute(ratio, kT):
        T_n, G = saddle_point_curve(E, 0.0, ratio * hw_y, hw_y, kT, n_modes, n_sum=n_sum)
        data = {f"T_{n}": (E, T_n[:, n]) for n in range(n_modes)}
        data["G"] = (E, G)
        data["title"] = (f"$\\hbar\\omega_x/\\hbar\\omega_y$ = {ratio:.2f},  $kT$ = {kT:.3f} t  "
                         f"($\\hbar\\omega_y$ = {hw_y} t)")
        return data

    intro = ("Each mode opens as a smooth step T_n = 1/(1 + exp(-2π η_n)) centred on its "
             "threshold V0 + ħω_y(n + 1/2). Flat plateaus need ħω_x well below ħω_y.")
    explorer = Explorer(controls, plot, compute, intro=intro)
    plot.freeze_layout()
    return explorer
