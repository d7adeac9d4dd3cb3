"""Explorers of lesson 1, "Resistance is reflection".

- `chain_explorer`: resistance of a single-channel wire against the number of scatterers,
  coherent (exact S-matrix composition) against incoherent (Ohm's law plus the contacts).
- `single_scatterer_explorer`: one barrier: its transmission and its resistance split into the
  contact part h/2e^2 and the scatterer part (h/2e^2)(1 - T)/T.

Each compute function calls one function of `helpers.models.resistance`; no physics lives here.
"""

import functools

import numpy as np
from matplotlib.ticker import FuncFormatter, LogFormatterSciNotation, LogLocator, MaxNLocator

from ..models.resistance import resistance_vs_scatterers, single_scatterer_resistance
from ..plotting import BLACK, BLUE, GREEN, VERMILLION
from ..widgets import Explorer, Plot, figure_size, float_slider, int_slider, toggle

__all__ = ["chain_explorer", "single_scatterer_explorer"]


def _finite(values):
    """inf (a transmission below the smallest float) is not drawable: show it as a gap."""
    values = np.array(values, dtype=float)
    values[~np.isfinite(values)] = np.nan
    return values


class _FixedWidthLogFormatter(LogFormatterSciNotation):
    """10^k labels padded to the length of a three-digit exponent.

    A frozen layout is redone whenever the tick labels change length (`Plot.show`); the
    resistance spans from 10^1 to 10^100 and more as T1 and n_max move, so the room for the
    widest label is kept instead of laying the figure out again at every change.
    """

    width = len(LogFormatterSciNotation()(1e100))

    def __call__(self, x, pos=None):
        if x > 0 and abs(np.log10(x) - round(np.log10(x))) > 1e-9:  # 2 x 10^k, 5 x 10^k
            if not 1e-3 <= x < 1e5:
                return ""
            core = f"$\\mathdefault{{{x:g}}}"  # padded with empty groups, which draw nothing
            return core + "{}" * max((self.width - len(core) - 1) // 2, 0) + "$"
        else:
            text = super().__call__(x, pos)
        return text.rjust(self.width) if text else text


class _DecadesOrSubs(LogLocator):
    """Ticks at 1, 2 and 5 x 10^k when the axis spans at most `FEW_DECADES` decades, otherwise
    at the decades only (every few of them on a long axis): never fewer than three labels.

    With ``minor=True``: the unlabelled ticks at 2..9 x 10^k, on a short axis only (a long one
    would carry dozens of them, each a tick to draw at every change of the axis)."""

    FEW_DECADES = 2.5

    def __init__(self, *, minor=False, **kwargs):
        super().__init__(**kwargs)
        self.minor = minor

    def tick_values(self, vmin, vmax):
        few = vmin > 0 and vmax > 0 and abs(np.log10(vmax / vmin)) <= self.FEW_DECADES
        if self.minor:
            if not few:
                return np.array([])
            self.set_params(subs=np.arange(2.0, 10.0))
        elif vmin > 0 and vmax > 0:
            self.set_params(subs=(1.0, 2.0, 5.0) if few else (1.0,))
        return super().tick_values(vmin, vmax)


#: Steps of the R axis of `single_scatterer_explorer`: just under 1 / KEEP_LIMITS_FILL (0.6), so
#: that with ``sticky_limits`` the axis keeps its top when the data shrink by one step. The axis
#: then changes only when the data cross a step (`Plot` panel spec ``ystep``): it grows one step
#: at a time and shrinks once the data fill less than 1 / AXIS_STEP**2 (39 %) of it.
AXIS_STEP = 1.6


def chain_explorer(*, energy=1.2, spacing=10, realizations=10, T1=0.7, n_max=40, log_scale=True):
    """Resistance of N identical scatterers in a single-channel wire, coherent vs incoherent.

    Parameters
    ----------
    energy : float
        Fermi energy in units of t (chain band 0 < E < 4t).
    spacing : int
        Gap between scatterers in sites (mean gap for random positions).
    realizations : int
        Random arrangements averaged for the typical resistance exp(-<ln T>).
    T1, n_max : float, int
        Initial slider values.
    log_scale : bool
        Start with a logarithmic resistance axis.

    Returns
    -------
    Explorer
        Controls "T1", "n_max", "positions", "seed", "show", "scale"; lines "coherent",
        "typical", "incoherent" (resistance in units of h/2e^2 against N).
    """
    controls = {
        "T1": float_slider("Transmission of one scatterer T₁", 0.05, 0.99, T1, step=0.01),
        "n_max": int_slider("Number of scatterers up to", 5, 200, n_max, step=5),
        "positions": toggle("Positions", {"random": "random", "regular": "regular"}, "random"),
        "seed": int_slider("Random arrangement (number)", 0, 50, 0),
        "show": toggle("Show", ["both", "coherent", "incoherent"], "both"),
        "scale": toggle("R axis", ["log", "linear"], "log" if log_scale else "linear"),
    }
    plot = Plot(x="n_scatterers", y="R_h", sticky_limits=True, lines={
        "incoherent": dict(label="incoherent: Ohm + contacts", color=BLUE, ls="-"),
        "coherent": dict(label="coherent: this arrangement", color=VERMILLION, ls="-"),
        "typical": dict(label=f"coherent: typical of {realizations}", color=GREEN, ls="--"),
    })
    ax = plot.axes[0]
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    ax.set_xmargin(0.02)

    @functools.lru_cache(maxsize=64)  # "show" and "scale" redraw the same curves
    def curves(T1, n_max, positions, seed):
        return resistance_vs_scatterers(n_max, T1, energy=energy, spacing=spacing,
                                        random=positions == "random", realizations=realizations,
                                        seed=seed)

    def compute(T1, n_max, positions, seed, show, scale):
        data = curves(T1, n_max, positions, seed)
        N = data["N"]
        empty = (np.array([]), np.array([]))
        coherent = show in ("both", "coherent")
        incoherent = show in ("both", "incoherent")
        typical = coherent and positions == "random"
        where = f"random gaps (mean {spacing} sites), arrangement {seed}" if positions == "random" \
            else f"regular gaps ({spacing} sites)"
        return {
            "incoherent": (N, data["incoherent"]) if incoherent else empty,
            "coherent": (N, _finite(data["coherent"])) if coherent else empty,
            "typical": (N, _finite(data["typical"])) if typical else empty,
            "title": f"U = {data['strength']:.2f} t, E = {energy:g} t, {where}",
        }

    legend_names = []

    def set_legend(_=None):
        # list only the lines that will be drawn (no "typical" for a regular array); runs before
        # the explorer's own update (observers are called in order), which then redraws once
        show, random = controls["show"].value, controls["positions"].value == "random"
        names = [name for name, drawn in (("incoherent", show != "coherent"),
                                          ("coherent", show != "incoherent"),
                                          ("typical", show != "incoherent" and random)) if drawn]
        if names != legend_names:
            legend_names[:] = names
            ax.legend(handles=[plot.lines[name] for name in names], loc="upper left")
            plot.invalidate()  # the legend is part of the kept background

    def apply_scale():
        log = controls["scale"].value == "log"
        ax.set_yscale("log" if log else "linear")
        if log:
            ax.yaxis.set_major_locator(_DecadesOrSubs(numticks=12))
            ax.yaxis.set_minor_locator(_DecadesOrSubs(minor=True, numticks=12))
            ax.yaxis.set_major_formatter(_FixedWidthLogFormatter())
        # R >= h/2e^2: the autoscaled axis stops at 0.5 (log) or 0 (linear) below the data
        plot.lines["incoherent"].sticky_edges.y[:] = [0.5 if log else 0.0]

    def set_scale(change=None):
        # also runs before the explorer's update: that update then redraws once, on the new scale
        apply_scale()
        ax.relim()
        ax.autoscale_view()
        plot.freeze_layout()  # the tick labels change width with the scale
        if change is None:
            plot.render()

    controls["positions"].observe(set_legend, names="value")
    controls["show"].observe(set_legend, names="value")
    controls["scale"].observe(set_scale, names="value")
    set_legend()
    apply_scale()

    explorer = Explorer(controls, plot, compute, intro=(
        "Each scatterer alone transmits T₁. Compare the resistance of N of them when the electron "
        "keeps its phase (coherent) and when it loses it between scatterers (incoherent)."))
    set_scale()  # lay the figure out with the first data
    return explorer


def single_scatterer_explorer(*, U=1.0, energy=1.2, U_max=4.0, points=161):
    """One single-site barrier: transmission and the resistance split against the barrier height.

    Parameters
    ----------
    U, energy : float
        Initial barrier height and energy, in units of t.
    U_max : float
        Largest barrier height on the axis (units of t).
    points : int
        Points of the curves.

    Returns
    -------
    Explorer
        Controls "U", "energy"; lines "T" and "T_now" (left panel), "total", "contact",
        "scatterer", "total_now", "scatterer_now" (right panel, units of h/2e^2).
    """
    controls = {
        "U": float_slider("Barrier height U (t)", 0.0, U_max, U, step=0.02),
        "energy": float_slider("Energy E (t)", 0.1, 3.9, energy, step=0.02),
    }
    dot = dict(ls="", marker="o", ms=9)
    plot = Plot(panels=[
        dict(x="U", y="T", xlim=(0, U_max), ylim=(0, 1.05), lines={
            "T": dict(label="transmission", color=BLUE),
            "T_now": dict(label=None, color=BLUE, **dot)}),
        dict(x="U", y="R_h", xlim=(0, U_max), ystep=dict(step=AXIS_STEP, floor=1.0), lines={
            "total": dict(label="total 1/T", color=BLACK),
            "contact": dict(label="contacts", color=BLUE, ls="--"),
            "scatterer": dict(label="scatterer (1−T)/T", color=VERMILLION, ls="-."),
            "total_now": dict(label=None, color=BLACK, **dot),
            "scatterer_now": dict(label=None, color=VERMILLION, **dot)}),
    ], figsize=figure_size(9.3, 3.6), sticky_limits=True)
    for ax, corner in zip(plot.axes, ("upper right", "upper left")):
        ax.legend(loc=corner)  # a fixed place: "best" searches the data at every redraw
    # R axis from 0 to a power of AXIS_STEP: integer ticks, labels of one width (up to
    # 2 digits) so that a change of the axis does not lay the figure out again
    plot.axes[1].yaxis.set_major_locator(MaxNLocator(6, integer=True, steps=[1, 2, 5, 10]))
    plot.axes[1].yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f}".rjust(2)))
    grid = np.linspace(0.0, U_max, points)

    def compute(U, energy):
        data = single_scatterer_resistance(np.append(grid, U), energy)
        now = {key: value[-1] for key, value in data.items()}
        curve = {key: value[:-1] for key, value in data.items()}
        u = np.array([U])
        return {
            "T": (grid, curve["T"]), "T_now": (u, [now["T"]]),
            "total": (grid, curve["total"]), "contact": (grid, curve["contact"]),
            "scatterer": (grid, curve["scatterer"]),
            "total_now": (u, [now["total"]]), "scatterer_now": (u, [now["scatterer"]]),
            "title": (f"T = {now['T']:.3f}:  R = {now['total']:.3f} h/2e² = 1 (contacts) + "
                      f"{now['scatterer']:.3f} (scatterer) = {now['total_kohm']:.1f} kΩ"),
        }

    explorer = Explorer(controls, plot, compute, intro=(
        "A single barrier on a clean wire. Watch how the resistance 1/T splits into a fixed "
        "contact part and the part that belongs to the barrier."))
    plot.freeze_layout()  # constrained layout once, not at every redraw
    return explorer
