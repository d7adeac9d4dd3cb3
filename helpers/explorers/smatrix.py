"""Explorers of lesson 4, "The scattering matrix".

- `barrier_explorer`: one rectangular barrier in real units (eV, nm, m_eff): T(E) = |t|^2 with
  the chosen energy marked, and the phases of t and r.
- `double_barrier_explorer`: two barriers and the spacing between them: coherent T(E) (star
  product, resonances) against the incoherent combination of the same two barriers.
- `eigenvalue_explorer`: transmission eigenvalues of an ensemble of disordered strips, their
  histogram against the bimodal law, and the Fano factor.

Each compute function calls one function of `helpers.models.smatrix_stats`; no physics lives here.
"""

import functools

import numpy as np
from matplotlib.ticker import LogLocator, MaxNLocator, ScalarFormatter

from ..models.smatrix_stats import (
    barrier_amplitudes,
    double_barrier_comparison,
    eigenvalue_summary,
    transmission_eigenvalue_ensemble,
)
from ..plotting import BLACK, BLUE, GREEN, VERMILLION
from ..widgets import Explorer, FixedWidthFormatter, Plot, Progress, float_slider, int_slider, toggle

__all__ = ["barrier_explorer", "double_barrier_explorer", "eigenvalue_explorer", "MATERIALS"]

#: Effective masses offered by the widgets (units of m_e).
MATERIALS = {"GaAs (m* = 0.067 mₑ)": 0.067, "free electron (m = mₑ)": 1.0}

_DOT = dict(ls="", marker="o", ms=9)


def _unwrapped_gaps(phase):
    """A phase in (-1, 1] (units of pi) drawn as a line: a gap where it wraps around."""
    phase = np.array(phase, dtype=float)
    phase[1:][np.abs(np.diff(phase)) > 1] = np.nan
    return phase


def _phase(phase, amplitude, floor=1e-8):
    """arg of an amplitude (units of pi) as a line, hidden (NaN) where |amplitude| < floor:
    the phase of a vanishing amplitude is rounding noise."""
    phase = _unwrapped_gaps(phase)
    phase[np.abs(amplitude) < floor] = np.nan
    return phase


def barrier_explorer(*, height=0.3, width=5.0, energy=0.15, E_max=0.6, points=400):
    """A rectangular barrier: |t|^2 against energy and the phases of t and r.

    Parameters
    ----------
    height, width, energy : float
        Initial barrier height (eV), width (nm) and electron energy (eV).
    E_max : float
        Largest energy on the axis (eV).
    points : int
        Points of the curves.

    Returns
    -------
    Explorer
        Controls "height", "width", "energy", "m_eff"; lines "T", "R", "T_now", "top" (the
        barrier top, a vertical line at E = V0) (left panel), "phase_t", "phase_r",
        "phase_t_now", "phase_r_now" (right panel, units of pi; not drawn where the amplitude is
        below 1e-8, e.g. arg r at V0 = 0).
    """
    controls = {
        "height": float_slider("Barrier height V₀ (eV)", 0.0, 0.5, height, step=0.01),
        "width": float_slider("Barrier width d (nm)", 0.2, 6.0, width, step=0.1),
        "energy": float_slider("Energy E (eV)", 0.005, E_max, energy, step=0.005, readout_format=".3f"),
        "m_eff": toggle("Material", MATERIALS, 0.067),
    }
    plot = Plot(panels=[
        dict(x="E_eV", y="T", xlim=(0, E_max), ylim=(-0.02, 1.05), lines={
            "T": dict(label="T = |t|²", color=BLUE),
            "R": dict(label="R = |r|²", color=VERMILLION, ls="--"),
            "T_now": dict(label=None, color=BLUE, **_DOT),
            "top": dict(label=None, color=BLACK, ls=":", lw=1.5)}),
        dict(x="E_eV", y="phase", xlim=(0, E_max), ylim=(-1.05, 1.05), lines={
            "phase_t": dict(label="arg t", color=BLUE),
            "phase_r": dict(label="arg r", color=VERMILLION, ls="--"),
            "phase_t_now": dict(label=None, color=BLUE, **_DOT),
            "phase_r_now": dict(label=None, color=VERMILLION, **_DOT)}),
    ], figsize=(10, 4))
    plot.axes[0].legend(loc="center right")  # a fixed place: "best" costs a lot at every redraw
    plot.axes[1].legend(loc="upper left")
    grid = np.linspace(E_max / points, E_max, points)

    def compute(height, width, energy, m_eff):
        data = barrier_amplitudes(np.append(grid, energy), height, width, m_eff=m_eff)
        cut = slice(0, points)
        now = data["T"][-1]
        phase_t = _phase(data["phase_t"], data["t"])
        phase_r = _phase(data["phase_r"], data["r"])
        return {
            "T": (grid, data["T"][cut]), "R": (grid, data["R"][cut]),
            "T_now": ([energy], [now]),
            "top": ([height, height], [-0.02, 1.05]),  # the barrier top, for orientation
            "phase_t": (grid, phase_t[cut]),
            "phase_r": (grid, phase_r[cut]),
            "phase_t_now": ([energy], [phase_t[-1]]),
            "phase_r_now": ([energy], [phase_r[-1]]),
            "title": (f"E = {energy:.3f} eV: T = {now:.4g}, R = {data['R'][-1]:.4g}, "
                      f"R + T = {now + data['R'][-1]:.12f}   (dotted line: barrier top)"),
        }

    explorer = Explorer(controls, plot, compute, intro=(
        "Move the energy through the barrier top (dotted line) and change the barrier. "
        "Watch T below and above the top, and how the phases of t and r change."))
    plot.freeze_layout()
    return explorer


def double_barrier_explorer(*, height=0.3, width=2.5, spacing=6.0, E_max=0.45, points=400,
                            log_scale=False):
    """Two equal barriers: coherent T(E) (resonances) against the incoherent combination.

    Parameters
    ----------
    height, width, spacing : float
        Initial barrier height (eV), barrier width (nm) and spacing between the barriers (nm).
    E_max : float
        Largest energy on the axis (eV).
    points : int
        Energies of the grid (the resonance energies are added to it).
    log_scale : bool
        Start with a logarithmic T axis.

    Returns
    -------
    Explorer
        Controls "spacing", "width", "height", "m_eff", "scale"; lines "coherent",
        "incoherent", "single" (T against E in eV), "peaks" (the resonances).
    """
    controls = {
        "spacing": float_slider("Spacing s (nm)", 2.0, 20.0, spacing, step=0.1),
        "width": float_slider("Barrier width d (nm)", 0.5, 4.0, width, step=0.1),
        "height": float_slider("Barrier height V₀ (eV)", 0.1, 0.5, height, step=0.01),
        "m_eff": toggle("Material", MATERIALS, 0.067),
        "scale": toggle("T axis", ["linear", "log"], "log" if log_scale else "linear"),
    }
    plot = Plot(x="E_eV", y="T", xlim=(0, E_max), lines={
        "coherent": dict(label="two barriers, coherent", color=BLUE),
        "incoherent": dict(label="two barriers, incoherent", color=VERMILLION, ls="--"),
        "single": dict(label="one barrier", color=GREEN, ls=":"),
        "peaks": dict(label="resonances", color=BLUE, ls="", marker="v", ms=9),
    }, figsize=(8, 4.5))
    ax = plot.axes[0]
    ax.legend(loc="lower right")
    # five energy labels instead of ten: the T axis toggle redraws the whole figure
    ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 2.5, 5, 10]))
    grid = np.linspace(E_max / points, E_max, points)

    @functools.lru_cache(maxsize=32)  # the scale toggle redraws the same curves
    def curves(spacing, width, height, m_eff):
        return double_barrier_comparison(grid, height, width, spacing, m_eff=m_eff,
                                         resonances=True)

    def compute(spacing, width, height, m_eff, scale):
        data = curves(spacing, width, height, m_eff)
        peaks = data["resonances"][data["resonances"] <= E_max]
        listed = ", ".join(f"{1e3 * e:.1f}" for e in peaks[:4]) or "none below the top"
        return {
            "coherent": (data["E"], data["coherent"]),
            "incoherent": (data["E"], data["incoherent"]),
            "single": (data["E"], data["single"]),
            "peaks": (peaks, np.ones_like(peaks)),
            "title": f"s = {spacing:.1f} nm: resonances at {listed} meV",
        }

    def set_scale(change=None):
        if controls["scale"].value == "log":
            ax.set_yscale("log")
            ax.set_ylim(1e-6, 2)
            # minor ticks at 2 and 5 per decade only: 20 instead of 80 tick marks to draw
            ax.yaxis.set_minor_locator(LogLocator(subs=(2.0, 5.0)))
        else:
            ax.set_yscale("linear")
            ax.set_ylim(-0.02, 1.05)
        plot.freeze_layout()
        if change is None:
            plot.render()

    # observed before the explorer's own update, which then redraws once, on the new scale
    controls["scale"].observe(set_scale, names="value")
    explorer = Explorer(controls, plot, compute, intro=(
        "Change the spacing between the two barriers: where are the resonances (T = 1), and how "
        "do they move? The incoherent combination forgets the phase between the barriers."))
    set_scale()  # the first layout, with the first data and title
    return explorer


def eigenvalue_explorer(*, W=20, energy=2.0, L=60, strength=1.5, realizations=60, bins=20):
    """Transmission eigenvalues of an ensemble of disordered strips: the bimodal distribution.

    Parameters
    ----------
    W : int
        Strip width in sites.
    energy : float
        Fermi energy in units of t (E = 2t and W = 20 give N = 10 open channels).
    L, strength : int, float
        Initial length (sites) and disorder strength Wd (units of t).
    realizations : int
        Disorder realizations per (L, Wd); ensembles are computed once and cached, so only the
        first visit of a parameter set is slow (about 6 ms per realization for L = 60).
    bins : int
        Histogram bins on [0, 1].

    Returns
    -------
    Explorer
        Controls "L", "strength" (slow), "realization"; lines "histogram" (density per
        realization, as steps), "bimodal" (DMPK law with the ensemble's g and l = g L / N, drawn
        and listed in the legend only where it applies, 1 <= g <= N/2;
        `helpers.models.smatrix_stats.eigenvalue_summary`), "eigenvalues" (T_n <= 1/2) and
        "open" (T_n > 1/2) (one realization's T_n against n); the two-line title gives N, g, F
        and l (in the diffusive range only; otherwise the regime), then the wire on the right. The left y axis follows the histogram, not
        the bimodal curve (which diverges at both ends and is clipped): it is set to 1.3 times
        the tallest bar, and kept while the tallest bar stays between `DENSITY_KEEP` of its
        height (so most changes of L and W_d repaint only the lines).
        ``explorer.state.ensembles`` is the cache {(L, Wd): eigenvalues (realizations, N)}.
    """
    controls = {
        "L": int_slider("Length L (sites)", 20, 160, L, step=20, slow=True),
        "strength": float_slider("Disorder W_d (t)", 0.5, 3.0, strength, step=0.25, slow=True),
        "realization": int_slider("Show realization", 0, realizations - 1, 0),
    }
    plot = Plot(panels=[
        dict(x="Tn", y="density_Tn", xlim=(0, 1), ylim=(0, 1), lines={
            "histogram": dict(label=f"{realizations} strips", color=BLUE),
            "bimodal": dict(label="bimodal law (DMPK)", color=VERMILLION, ls="--")}),
        dict(x="channel", y="Tn", ylim=(-0.03, 1.03), lines={
            "eigenvalues": dict(label=r"$T_n \leq 1/2$", color=BLACK, ls="", marker="o", ms=8),
            "open": dict(label=r"$T_n > 1/2$", color=GREEN, ls="", marker="o", ms=8)}),
    ], figsize=(10, 4.2))
    plot.axes[0].legend(loc="upper center")
    # above the panel: the dots of some setting cross every corner inside it
    plot.axes[1].legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, borderaxespad=0.2)
    ensembles = {}
    progress = Progress()

    def ensemble(L, strength):
        """`transmission_eigenvalue_ensemble` in chunks of realizations (the same seeds, so the
        same eigenvalues), reporting to the progress bar between chunks."""
        chunk = 10
        with progress.task(f"Computing L = {L}, W_d = {strength:g}") as report:
            parts = []
            for start in range(0, realizations, chunk):
                report(start, realizations)
                parts.append(transmission_eigenvalue_ensemble(
                    L, W, strength, energy, min(chunk, realizations - start), seed_offset=start))
            return np.concatenate(parts)
    notes = {"localized": "g < 1: localized, no bimodal law",
             "quasi-ballistic": "g > N/2: quasi-ballistic, no bimodal law",
             "diffusive": "diffusive"}
    density_axes = plot.axes[0]
    legend_state = {"drawn": True}

    def legend_follows_the_curve(data):
        # the bimodal law is listed only while it is drawn (one panel redraw when that changes)
        drawn = len(data["bimodal"][0]) > 0
        if drawn != legend_state["drawn"]:
            legend_state["drawn"] = drawn
            handles = [plot.lines["histogram"]] + ([plot.lines["bimodal"]] if drawn else [])
            density_axes.legend(handles=handles, loc="upper center")
            plot.invalidate(0)

    def compute(L, strength, realization):
        key = (int(L), round(float(strength), 6))
        if key not in ensembles:
            ensembles[key] = ensemble(L, strength)
        summary = eigenvalue_summary(ensembles[key], L, bins=bins)
        one = ensembles[key][min(realization, realizations - 1)]
        n = np.arange(1, one.size + 1)
        wide = one > 0.5
        empty = (np.zeros(0), np.zeros(0))
        drawn = summary["regime"] == "diffusive"
        return {
            "histogram": (summary["edges"], np.append(summary["density"], summary["density"][-1])),
            "bimodal": (summary["T"], summary["bimodal"]) if drawn else empty,
            "eigenvalues": (n[~wide], one[~wide]),
            "open": (n[wide], one[wide]),
            # l = gL/N is the length the bimodal law uses; it means a mean free path only in
            # the diffusive range, so it is shown there only
            "title": (f"N = {one.size}, g = {summary['g']:.2f}, F = {summary['fano']:.3f}; "
                      + (f"l = gL/N ≈ {summary['l']:.0f} sites" if drawn
                         else notes[summary["regime"]])
                      + f"\nright: wire {realization}, "
                      f"T = {one.sum():.2f}, F = {summary['fano_each'][realization]:.3f}"),
        }

    # the histogram sets the scale of the left axis before each redraw (one redraw per change)
    plot.before_show.append(lambda data: _fit_density_axis(plot.axes[0], np.max(data["histogram"][1])))
    plot.before_show.append(legend_follows_the_curve)
    plot.axes[0].yaxis.set_major_locator(MaxNLocator(5))  # few labels: an L change may redraw them
    # density labels of one width (0.0 ... 1.5, 0 ... 20): a new density axis redraws the left
    # panel only, without laying the figure out again
    plot.axes[0].yaxis.set_major_formatter(FixedWidthFormatter(ScalarFormatter(), 4))
    plot.axes[1].xaxis.set_major_locator(MaxNLocator(5, integer=True))
    plot.lines["histogram"].set_drawstyle("steps-post")
    explorer = Explorer(controls, plot, compute, state={"ensembles": ensembles}, progress=progress,
                        intro=(
        "Each strip has N channels, but its transmission eigenvalues are not spread evenly: "
        "look at where they pile up. Length and disorder update on release (first visit: "
        "about a second)."))
    plot.freeze_layout()
    return explorer


#: The density axis of `eigenvalue_explorer` keeps its height while the tallest histogram bar
#: fills this fraction of it (top 13 % free for the legend); otherwise it is refitted to
#: `DENSITY_HEADROOM` times the tallest bar.
DENSITY_KEEP = (0.3, 1 / 1.15)
DENSITY_HEADROOM = 1.3


def _fit_density_axis(ax, tallest):
    """y limits (0, 1.3 x tallest bar), unless the current ones still show the bars well."""
    tallest = float(tallest)
    top = ax.get_ylim()[1]
    if tallest > 0 and DENSITY_KEEP[0] * top <= tallest <= DENSITY_KEEP[1] * top:
        return
    ax.set_ylim(0, DENSITY_HEADROOM * tallest if tallest > 0 else 1.0)
