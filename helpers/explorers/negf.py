"""Explorers of lesson 6, "NEGF, self-energy and the Caroli formula".

- `resonant_level_explorer`: a single level eps0 between two chains (couplings gamma_L,
  gamma_R): the transmission T(E) (exact and wide-band Breit-Wigner), the level's density of
  states and the phase of the transmission amplitude.
- `molecule_explorer`: a uniform chain of N sites ("molecule") between the same leads: T(E)
  with its N resonances, and the levels of the isolated molecule.

Each compute function calls one function of `helpers.models.resonant_level`; no physics lives here.
Energies are absolute, in units of t; the leads' band is -2t..2t (on-site 0).
"""

import numpy as np

from ..models.resonant_level import molecule_curves, resonant_level_curves
from ..plotting import BLACK, BLUE, GREEN, LIGHT_GREY, PURPLE, VERMILLION
from ..widgets import Explorer, Plot, figure_size, float_slider, int_slider

__all__ = ["resonant_level_explorer", "molecule_explorer"]


#: Energy axis of the resonant-level explorer (units of t): the band -2t..2t and beyond it, where
#: a strongly coupled level leaves a bound state.
LEVEL_WINDOW = (-3.2, 3.2)


def resonant_level_explorer(*, eps0=0.3, gamma_L=0.4, gamma_R=0.4, points=801):
    """Single level between two chains: T(E), density of states and transmission phase.

    Parameters
    ----------
    eps0 : float
        Initial bare level energy (units of t).
    gamma_L, gamma_R : float
        Initial level-lead hoppings (units of t).
    points : int
        Energies on the band -2t..2t.

    Returns
    -------
    Explorer
        Controls "eps0", "gamma_L", "gamma_R"; lines "T" (exact Caroli, 0 outside the band),
        "T_wide_band" (Breit-Wigner with Sigma frozen at eps0), "peak" (a horizontal line at
        the top of the exact T: 4 Gamma_L Gamma_R/Gamma^2 while the resonance is in the band),
        "dos" (-Im G/pi), "bound" (vertical lines at the bound states outside the band, the
        delta peaks of the density of states), "phase" (arg t / pi). The energy axis
        `LEVEL_WINDOW` reaches beyond the band (shaded).
    """
    controls = {
        "eps0": float_slider("Level energy ε₀ (t)", -1.5, 1.5, eps0, step=0.01),
        "gamma_L": float_slider("Left coupling γ_L (t)", 0.05, 1.0, gamma_L, step=0.01),
        "gamma_R": float_slider("Right coupling γ_R (t)", 0.05, 1.0, gamma_R, step=0.01),
    }
    plot = Plot(panels=[
        dict(x="E", y="T", xlim=LEVEL_WINDOW, ylim=(0, 1.05), lines={
            "T": dict(label="exact (Caroli)", color=BLUE, ls="-"),
            "T_wide_band": dict(label="Breit-Wigner, Γ fixed", color=VERMILLION, ls="--"),
            "peak": dict(label="top of the exact peak", color=BLACK, ls=":", lw=1.5)}),
        dict(x="E", y="dos", xlim=LEVEL_WINDOW, ylim=(0, 1), lines={
            "dos": dict(label="in the band", color=GREEN, ls="-"),
            "bound": dict(label="bound state (δ peak)", color=PURPLE, ls="-", lw=2.5)}),
        dict(x="E", y="phase", xlim=LEVEL_WINDOW, ylim=(-0.6, 0.6), lines={
            "phase": dict(label=r"$\arg t(E)$", color=PURPLE, ls="-")}),
    ], figsize=figure_size(12, 3.8))
    for ax in plot.axes:  # outside the band the leads have no states: shaded
        for edge in ((LEVEL_WINDOW[0], -2.0), (2.0, LEVEL_WINDOW[1])):
            ax.axvspan(*edge, color=LIGHT_GREY, alpha=0.35, lw=0, zorder=0)
    plot.axes[0].legend(loc="center left", fontsize="small")  # below the dotted line at the top
    plot.axes[1].legend(loc="upper left", fontsize="small")
    plot.axes[2].legend(loc="upper left", fontsize="small")
    outside = (np.array([LEVEL_WINDOW[0], -2.0]), np.array([2.0, LEVEL_WINDOW[1]]))

    def compute(eps0, gamma_L, gamma_R):
        data = resonant_level_curves(eps0, gamma_L, gamma_R, n=points)
        E = data["E"]
        E_all = np.concatenate([outside[0], E, outside[1]])
        zeros = np.zeros(2)
        bound = data["bound_states"]
        bound_x = np.repeat(bound, 3)
        bound_y = np.tile([0.0, 1e6, np.nan], bound.size)  # to the top of any axis
        if bound.size:
            where = ", ".join(f"E = {b:.2f} t (weight {w:.2f})"
                              for b, w in zip(bound, data["bound_weights"]))
            states = f"bound state{'s' if bound.size > 1 else ''} at {where}"
        else:
            states = "no bound state"
        return {
            "T": (E_all, np.concatenate([zeros, data["T"], zeros])),
            "T_wide_band": (E, data["T_wide_band"]),
            "peak": (np.array(LEVEL_WINDOW), np.array([data["T_max"]] * 2)),
            "dos": (E, data["dos"]),
            "bound": (bound_x, bound_y),
            "phase": (E, data["phase"]),
            "title": (f"$\\Gamma = \\Gamma_L + \\Gamma_R$ = {data['Gamma']:.3f} t at E = ε₀;   "
                      f"$4\\Gamma_L\\Gamma_R/\\Gamma^2$ = {data['peak']:.3f},   "
                      f"top of T = {data['T_max']:.3f}\n{states}"),
        }

    dos_axes = plot.axes[1]

    def rescale_dos(data):
        # The DOS peak 2/(pi Gamma) spans decades over the coupling range: rescale its axis
        # when the peak leaves the upper half of it (hysteresis), so that small moves only
        # repaint the lines (the other axes are fixed). A before_show hook: the update that
        # brings the new data then draws once, on the new axis.
        top = float(np.max(data["dos"][1]))
        current = dos_axes.get_ylim()[1]
        if top > current or top < 0.5 * current:
            dos_axes.set_ylim(0, 1.25 * top)

    plot.before_show.append(rescale_dos)
    explorer = Explorer(controls, plot, compute, intro=(
        "A single level $\\varepsilon_0$ hangs between two chains (band $-2t..2t$; shaded: "
        "outside it). Make the couplings unequal and watch the peak height; watch the phase of "
        "the transmission amplitude as $E$ crosses the resonance; push the level towards a "
        "band edge with strong coupling and look outside the band."))
    plot.tidy()  # few tick labels (text is most of a full redraw), a layout computed once
    return explorer


def molecule_explorer(*, n_sites=3, onsite=0.0, hopping=0.6, gamma=0.3, max_sites=8):
    """A chain of N identical sites between two chains: resonances of T(E).

    Parameters
    ----------
    n_sites : int
        Initial number of molecule sites N.
    onsite : float
        Initial on-site energy of the molecule sites (units of t).
    hopping : float
        Initial inner hopping of the molecule (units of t).
    gamma : float
        Initial coupling of the end sites to the leads (both sides).
    max_sites : int
        Largest N on the slider.

    Returns
    -------
    Explorer
        Controls "n_sites", "onsite", "hopping", "gamma"; lines "T" (against E), "levels"
        (markers at the isolated-molecule energies, drawn at T = 1.04) and, in a second panel,
        "phase" (arg t / pi, continuous). Title: the number of resonance peaks (maxima of T
        with a prominence of at least `helpers.models.resonant_level.PEAK_PROMINENCE`).
    """
    controls = {
        "n_sites": int_slider("Number of sites N", 1, max_sites, n_sites),
        "onsite": float_slider("On-site energy ε (t)", -1.0, 1.0, onsite, step=0.01),
        "hopping": float_slider("Inner hopping t_m (t)", 0.1, 1.0, hopping, step=0.01),
        "gamma": float_slider("Coupling to the leads γ (t)", 0.05, 1.0, gamma, step=0.01),
    }
    plot = Plot(panels=[
        dict(x="E", y="T", xlim=(-2, 2), ylim=(0, 1.3), lines={
            "T": dict(label="transmission (Caroli)", color=BLUE, ls="-"),
            "levels": dict(label="levels of the isolated molecule", color=VERMILLION, ls="",
                           marker="v", ms=10)}),
        dict(x="E", y="phase", xlim=(-2, 2), ylim=(-1.0, max_sites + 0.5), lines={
            "phase": dict(label=r"$\arg t(E)$", color=PURPLE, ls="-")}),
    ], figsize=figure_size(12, 4))
    plot.axes[0].legend(loc="upper center", ncol=2, fontsize="small")
    plot.axes[1].legend(loc="upper left", fontsize="small")

    def compute(n_sites, onsite, hopping, gamma):
        data = molecule_curves(n_sites, onsite, hopping, gamma, gamma)
        levels = data["levels"]
        return {
            "T": (data["E"], data["T"]),
            "levels": (levels, np.full(len(levels), 1.04)),
            "phase": (data["E"], data["phase"]),
            "title": (f"N = {n_sites} sites: {data['n_peaks']} resonance peak"
                      f"{'' if data['n_peaks'] == 1 else 's'}; arg t rises by "
                      f"{data['phase'][-1] - data['phase'][0]:.2f}π across the band"),
        }

    explorer = Explorer(controls, plot, compute, intro=(
        "A molecule of $N$ sites (on-site $\\varepsilon$, inner hopping $t_m$) coupled by $\\gamma$ "
        "to two chains. Count the peaks; make $\\gamma$ small and watch them sharpen; follow "
        "the phase of the transmission amplitude (right) through each peak."))
    plot.tidy()  # few tick labels (text is most of a full redraw), a layout computed once
    return explorer
