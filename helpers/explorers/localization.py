"""Explorers of lesson 7, "When coherence traps: localization".

- `regimes_explorer`: an ensemble of disordered strips against length: <T> with Ohm's law,
  <ln T> with the fitted localization length, and the histogram of ln T at one length.
- `chain_explorer`: the 1D Anderson chain, fitted xi against disorder next to the perturbative
  formula 24(4t^2 - eps^2)/Wd^2 (and the band-centre anomaly).
- `magnetoconductance_explorer`: weak localization, <T> of a diffusive strip against the flux
  per plaquette (dip at zero flux), and the magnetofingerprint of one strip.

Each compute function calls one function of `helpers.models.localization` (cached per parameter set:
first visits are slow by design, sliders marked slow update on release); no physics lives here.
"""

import functools

import numpy as np
from matplotlib.ticker import (
    FixedLocator,
    FormatStrFormatter,
    LogFormatterSciNotation,
    LogLocator,
    NullLocator,
)

from ..models.localization import (
    KAPPUS_WEGNER_RATIO,
    chain_localization_scan,
    length_scan,
    magnetoconductance,
)
from ..plotting import BLACK, BLUE, GREEN, PURPLE, VERMILLION
from ..widgets import (Explorer, FixedWidthFormatter, Plot, Prefetch, Progress, float_slider,
                       int_slider)

__all__ = ["regimes_explorer", "chain_explorer", "magnetoconductance_explorer"]

NAN = np.nan


def _tidy(plot, *, no_minor=()):
    """Few ticks, then lay the figure out once and keep that layout (`Plot.tidy`).

    Log axes get minor ticks at 2, 3 and 5 times each power of ten (none on the axes listed in
    `no_minor`), labelled only when the axis spans less than about a decade (then the major
    ticks alone would leave one label or none). Major y labels have a fixed width
    (`FixedWidthFormatter`), so that a new axis range needs no new layout."""
    for ax in plot.figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if isinstance(axis.get_major_locator(), FixedLocator):
                continue
            if axis.get_scale() == "log":
                axis.set_major_locator(LogLocator(numticks=5))
                axis.set_minor_locator(NullLocator() if axis in no_minor else
                                       LogLocator(subs=(2.0, 3.0, 5.0), numticks=5))
                axis.set_minor_formatter(LogFormatterSciNotation(labelOnlyBase=False,
                                                                 minor_thresholds=(1.5, 1.2)))
        if ax.yaxis.get_scale() == "log":
            ax.yaxis.set_major_formatter(FixedWidthFormatter(LogFormatterSciNotation(), 26))
        else:
            formatter = ax.yaxis.get_major_formatter()
            formatter.set_useOffset(False)
            ax.yaxis.set_major_formatter(FixedWidthFormatter(formatter, 5))
    plot.tidy()


def _two_digits(value, error):
    """'value ± error' with the error to two significant digits and the value to the same place."""
    if not np.isfinite(error) or error <= 0:
        return f"{value:.0f}"
    decimals = max(0, 1 - int(np.floor(np.log10(error))))
    return f"{value:.{decimals}f} ± {error:.{decimals}f}"


def _error_bars(x, y, err):
    """Vertical error bars as one line: segments (x, y - err)-(x, y + err) separated by NaN."""
    x, y, err = (np.asarray(a, dtype=float) for a in (x, y, err))
    xs = np.stack([x, x, np.full_like(x, NAN)], axis=1).ravel()
    ys = np.stack([y - err, y + err, np.full_like(y, NAN)], axis=1).ravel()
    return xs, ys


#: `regimes_explorer` draws <T> faded at a length where the most transmitting strip alone holds
#: more than this share of the sum of T: the average then rests on one or two rare strips.
MEAN_DOMINATED = 0.25


def regimes_explorer(*, energy=3.4, W=4, strength=1.5, L=100, realizations=100, L_max=600,
                     n_lengths=18, bins=25, prefetch=True):
    """Ballistic, diffusive, localized: <T> and <ln T> of disordered strips against length.

    Parameters
    ----------
    energy : float
        Fermi energy (units of t, strip band bottom 0); E = 3.4t gives N = 1, 2, 2, 3, 4, 5, 5, 6
        channels for W = 1..8.
    W, strength, L : int, float, int
        Initial width (sites), disorder Wd (t) and the length whose ln T histogram is shown.
    realizations : int
        Strips per length (seeds 1000 L + r).
    L_max, n_lengths : int
        The lengths are about `n_lengths` integers spaced geometrically from 1 to `L_max`.
    bins : int
    prefetch : bool
        After each width or disorder change, compute the neighbouring (W +- 1, Wd +- one step)
        scans on a background thread (`helpers.widgets.Prefetch`), so the next step is instant.

    Returns
    -------
    Explorer
        Controls "W", "strength" (slow), "L" (histogram length, snaps to the nearest computed
        length, as its label says); lines "mean_T", "mean_T_rough" (<T> where it is not
        converged, `MEAN_DOMINATED`, drawn faded), "ohmic", "typical" (left, log-log), "mean_lnT", "fit",
        "fit_points", "now" (middle), "histogram", "normal" (right). ``explorer.state.scans``
        caches one `length_scan` per (W, Wd) on ``explorer.state.lengths``;
        ``explorer.state.prefetch`` is the running `Prefetch` (or None).
    """
    lengths = np.unique(np.round(np.geomspace(1, L_max, n_lengths)).astype(int))
    controls = {
        "W": int_slider("Width W (sites)", 1, 8, W, slow=True),
        "strength": float_slider("Disorder W_d (t)", 0.5, 3.0, strength, step=0.25, slow=True),
        "L": int_slider(f"Histogram at length L (sites; the nearest of the {lengths.size} "
                        "lengths computed)", 1, L_max, L),
    }
    plot = Plot(panels=[
        dict(x="L", y="T", lines={
            "mean_T": dict(label=r"$\langle T\rangle$", color=BLUE, ls="", marker="o", ms=6),
            "mean_T_rough": dict(label=r"$\langle T\rangle$, not converged", color=BLUE, ls="",
                                 marker="o", ms=6, mfc="none", alpha=0.45),
            "ohmic": dict(label=r"$Nl/(L + l)$", color=VERMILLION, ls="--"),
            "typical": dict(label=r"$\exp\langle \ln T\rangle$", color=GREEN, ls=":", marker="s", ms=4)}),
        dict(x="L", y="lnT", lines={
            "mean_lnT": dict(label=None, color=BLUE, ls="", marker="o", ms=6),
            "fit_points": dict(label=None, color=BLUE, ls="", marker="o", ms=10, mfc="none"),
            "fit": dict(label=r"fit $c - 2L/\xi$ (circled)", color=VERMILLION, ls="--"),
            "now": dict(label=None, color=BLACK, ls=":")}),
        dict(x="lnT", y="density_lnT", lines={
            "histogram": dict(label="strips", color=BLUE, ls="-"),
            "normal": dict(label="normal law", color=VERMILLION, ls="--")}),
    ], figsize=(13, 4.3), sticky_limits=True)
    plot.axes[0].set_xscale("log")
    plot.axes[0].set_yscale("log")
    for ax, where in zip(plot.axes, ("lower left", "upper right", "upper left")):
        ax.legend(loc=where)
    plot.lines["histogram"].set_drawstyle("steps-post")
    scans = {}
    progress = Progress()

    def key(W, strength):
        return int(W), round(float(strength), 6)

    def scan(W, strength, progress=None):
        """The cached `length_scan` of one (W, W_d); the only physics call of this explorer."""
        if key(W, strength) not in scans:
            scans[key(W, strength)] = length_scan(lengths, realizations, energy=energy,
                                                  strength=strength, W=int(W), bins=bins,
                                                  progress=progress)
        return scans[key(W, strength)]

    def compute(W, strength, L):
        if key(W, strength) in scans:
            s = scan(W, strength)
        else:
            with progress.task(f"Computing W = {W}, W_d = {strength:g}") as report:
                s = scan(W, strength, progress=report)
        i = int(np.argmin(np.abs(s["L"] - L)))
        h = s["histograms"][i]
        fit = s["fit"]
        mask = s["fit_mask"]
        if fit is not None:
            line_L = np.array([s["L"][mask].min(), s["L"].max()])
            fit_line = (line_L, fit.intercept + fit.slope * line_L)
            xi_text = f"$\\xi$ = {_two_digits(fit.xi, fit.xi_error)} sites"
        else:
            fit_line = ([], [])
            xi_text = "$\\xi$: not localized for L ≤ %d" % lengths[-1]
        l_text = (f"$l$ ≈ {s['l']:.1f} sites" if np.isfinite(s["l"])
                  else "$l$: no diffusive length")
        # <T> of a few strips is ruled by the rare most transmitting ones once ln T is spread
        # wide (localized): where one strip holds more than MEAN_DOMINATED of the sum, the
        # average is not converged and is drawn faded
        T_all = np.exp(s["lnT"])
        rough = T_all.max(axis=1) > MEAN_DOMINATED * T_all.sum(axis=1)
        lo, hi = float(s["mean_lnT"].min()), float(s["mean_lnT"].max())
        # the ratio is only meaningful where <ln T> < 0 (it is nan or negative otherwise)
        ratio_text = f"{h['ratio']:.2f}" if h["mean"] < 0 and np.isfinite(h["ratio"]) else "—"
        return {
            "mean_T": (s["L"][~rough], s["mean_T"][~rough]),
            "mean_T_rough": (s["L"][rough], s["mean_T"][rough]),
            "ohmic": (s["L"], s["ohmic"]),
            "typical": (s["L"], s["typical_T"]),
            "mean_lnT": (s["L"], s["mean_lnT"]),
            "fit_points": (s["L"][mask], s["mean_lnT"][mask]), "fit": fit_line,
            "now": ([s["L"][i]] * 2, [lo - 0.05 * (hi - lo + 1), hi + 0.05 * (hi - lo + 1)]),
            "histogram": (h["edges"], np.append(h["density"], h["density"][-1])),
            "normal": (h["x"], h["normal"]),
            "title": (f"W = {W}, N = {s['N']}, $W_d$ = {strength:g} t: {l_text}, {xi_text}\n"
                      f"histogram at L = {s['L'][i]:.0f} ({realizations} strips): "
                      f"var/($-2\\langle \\ln T\\rangle$) = {ratio_text}"
                      + (";  faded: $\\langle T\\rangle$ not converged" if rough.any() else "")),
        }

    explorer = Explorer(controls, plot, compute, progress=progress,
                        state={"scans": scans, "lengths": lengths, "prefetch": None}, intro=(
        "Left: the average transmission against length (log-log), with Ohm's law. Middle: the "
        "average of ln T, a straight line once the wire is localized. Right: how ln T is spread "
        "at one length. Width and disorder update on release; the next step either way is prepared "
        "in the background, a jump further takes a second or two."))

    def prefetch_neighbours(_=None):
        # the next width and disorder steps either way, computed while the student looks
        W_now, Wd_now = controls["W"].value, controls["strength"].value
        W_slider, Wd_slider = controls["W"], controls["strength"]
        near = [(W_now + dW, Wd_now) for dW in (1, -1)] + [
            (W_now, round(Wd_now + dWd * Wd_slider.step, 6)) for dWd in (1, -1)]
        near = [(W, Wd) for W, Wd in near if W_slider.min <= W <= W_slider.max
                and Wd_slider.min - 1e-9 <= Wd <= Wd_slider.max + 1e-9
                and key(W, Wd) not in scans]
        if explorer.state.prefetch is not None:
            explorer.state.prefetch.stop()
        tasks = [functools.partial(scan, W, Wd) for W, Wd in near]
        # at build time the thread waits for the first control change (nothing runs in the
        # background while the page loads); after a change it starts at once
        explorer.state.prefetch = (Prefetch(tasks, after=controls.values() if _ is None else None)
                                   if near else None)

    if prefetch:
        for name in ("W", "strength"):
            controls[name].observe(prefetch_neighbours, names="value")
        prefetch_neighbours()
    # a width or disorder change redraws all three panels: the length axis (three decades, the
    # same lengths at every setting) keeps its labelled decades only
    _tidy(plot, no_minor=(plot.axes[0].xaxis,))
    return explorer


#: Axis of the fitted localization length of `chain_explorer` (log, sites), the same at every
#: energy so that the energy slider keeps it: over E = 0.2 ... 3.8 t (default disorders and
#: chains) the points with their error bars and the formula lie between 2.0 and 430.
XI_RANGE = (1.5, 600.0)
#: The ratio panel of `chain_explorer` always includes this range: from E = 0.6 t to 3.5 t every
#: ratio with its error bar lies inside (0.87 ... 1.22), so the axis stays put there; nearer the
#: band edges the strong-disorder points rise to 2.5 and the axis grows to show them.
RATIO_FRAME = (0.85, 1.25)


def chain_explorer(*, energy=1.0, realizations=200, strengths=(0.5, 0.75, 1.0, 1.5, 2.0, 3.0)):
    """1D Anderson chain: fitted localization length against disorder and perturbation theory.

    Parameters
    ----------
    energy : float
        Initial energy (units of t, band 0..4t, centre 2t).
    realizations : int
        Chains per length (seeds 1000 L + r); lengths 2, 4, 6 and 8 perturbative xi.
    strengths : sequence of float
        Disorder strengths of the points.

    Returns
    -------
    Explorer
        Control "energy" (slow); lines "xi", "xi_errors", "perturbative" (left, log-log, y fixed
        to `XI_RANGE`), "ratio", "ratio_errors", "one", "kappus_wegner" (right: the band-centre
        value `helpers.models.localization.KAPPUS_WEGNER_RATIO` of the ratio, a reference line;
        the axis always includes `RATIO_FRAME`). ``explorer.state.scans`` caches one
        `chain_localization_scan` per energy.
    """
    controls = {"energy": float_slider("Energy E (t)", 0.2, 3.8, energy, step=0.1, slow=True)}
    plot = Plot(panels=[
        dict(x="Wd", y="xi", ylim=XI_RANGE, lines={
            "xi": dict(label="fit of ⟨ln T⟩", color=BLUE, ls="", marker="o", ms=7),
            "xi_errors": dict(label=None, color=BLUE, ls="-"),
            "perturbative": dict(label=r"$24(4t^2 - \varepsilon^2)/W_d^2$", color=VERMILLION, ls="--")}),
        dict(x="Wd", y="xi_ratio", yinclude=RATIO_FRAME, lines={
            "ratio": dict(label="fit / formula", color=BLUE, ls="", marker="o", ms=7),
            "ratio_errors": dict(label=None, color=BLUE, ls="-"),
            "one": dict(label="1", color=VERMILLION, ls="--"),
            "kappus_wegner": dict(label=f"{KAPPUS_WEGNER_RATIO:.3f}: Kappus-Wegner, at ε = 0 only",
                                  color=PURPLE, ls=":", lw=2)}),
    ], figsize=(11, 4.3), sticky_limits=True)
    plot.axes[0].set_xscale("log")
    plot.axes[0].set_yscale("log")
    ticks = [x for x in (0.5, 1, 2, 3, 5) if min(strengths) * 0.9 <= x <= max(strengths) * 1.1]
    plot.axes[0].xaxis.set_major_locator(FixedLocator(ticks))
    plot.axes[0].xaxis.set_major_formatter(FormatStrFormatter("%g"))
    plot.axes[0].xaxis.set_minor_locator(NullLocator())
    # the ratio panel autoscales (at E = 0.2 t the strong-disorder points reach 2 and more),
    # around at least RATIO_FRAME, which holds every point of most energies
    plot.axes[0].legend(loc="upper right")
    plot.axes[1].legend(loc="upper left")
    scans = {}
    progress = Progress()

    def compute(energy):
        key = round(float(energy), 6)
        if key not in scans:
            with progress.task(f"Computing E = {energy:g} t") as report:
                scans[key] = chain_localization_scan(list(strengths), energy=energy,
                                                     realizations=realizations, progress=report)
        s = scans[key]
        ratio = s["xi"] / s["perturbative"]
        ratio_err = s["xi_error"] / s["perturbative"]
        k = int(np.argmin(np.abs(s["strength"] - 1.0)))
        return {
            "xi": (s["strength"], s["xi"]),
            "xi_errors": _error_bars(s["strength"], s["xi"], s["xi_error"]),
            "perturbative": (s["grid"], s["grid_perturbative"]),
            "ratio": (s["strength"], ratio),
            "ratio_errors": _error_bars(s["strength"], ratio, ratio_err),
            "one": ([s["strength"].min() * 0.9, s["strength"].max() * 1.1], [1, 1]),
            "kappus_wegner": ([s["strength"].min() * 0.9, s["strength"].max() * 1.1],
                              [KAPPUS_WEGNER_RATIO] * 2),
            "title": (f"Chain, E = {energy:.1f} t ($\\varepsilon$ = {energy - 2:+.1f} t), {realizations} "
                      f"chains per length\n$W_d$ = {s['strength'][k]:g} t: $\\xi$ = {s['xi'][k]:.1f} ± "
                      f"{s['xi_error'][k]:.1f} sites, formula {s['perturbative'][k]:.1f}, "
                      f"ratio {ratio[k]:.3f} ± {ratio_err[k]:.3f}"),
        }

    explorer = Explorer(controls, plot, compute, progress=progress, state={"scans": scans}, intro=(
        "Each point is a localization length fitted from chains 2 to 8 ξ long. Move the energy "
        "through the band: where does the formula work, and what happens at the band centre "
        "E = 2t and near the band edges? (updates on release)"))
    _tidy(plot)
    return explorer


def magnetoconductance_explorer(*, W=10, L=40, energy=1.8, strength=2.0, realizations=160,
                                flux_max=0.012, n_flux=7, flux=0.004, realization=1):
    """Weak localization: the ensemble-averaged magnetoconductance of a diffusive strip.

    Parameters
    ----------
    W, L : int
        Width and length of the disordered strip (sites).
    energy, strength : float
        Fermi energy and disorder Wd (units of t). The defaults give N = 5 channels and a mean
        free path of about 11 sites, so l < L < N l (diffusive, <T> about 1.1).
    realizations : int
        Strips (seeds 1000 L + r), the same ones at every flux.
    flux_max, n_flux : float, int
        Fluxes per plaquette 0..flux_max (h/e) computed once, on the first use; negative fluxes
        are drawn from T(-flux) = T(flux), which holds strip by strip (two terminals).
    flux, realization : float, int
        Initial operating point and the strip shown on the right.

    Returns
    -------
    Explorer
        Controls "flux", "realization"; lines "mean", "errors", "now" (left: the paired
        difference <T(flux) - T(0)>, each strip against itself, with its standard error),
        "sample", "sample_now" (right: one strip, on a T axis that holds every strip at every
        flux). ``explorer.state.data`` holds the `magnetoconductance` result.
    """
    controls = {
        "flux": float_slider("Flux per plaquette φ (h/e)", -flux_max, flux_max, flux,
                             step=flux_max / 60, readout_format=".4f"),
        "realization": int_slider("Strip shown on the right", 0, realizations - 1, realization),
    }
    positive = np.linspace(0, flux_max, n_flux)
    # every strip at every flux, once: the explorer is not on screen yet while this runs (the
    # notebook cell shows that it is busy), so there is no progress bar to show
    data = magnetoconductance(positive, realizations, L=L, W=W, energy=energy, strength=strength)
    # the right panel keeps one T range for every strip (all of them at every flux), so that
    # changing the strip only repaints the line; it also shows where a strip sits in the ensemble
    T_lo, T_hi = float(data["T"].min()), float(data["T"].max())
    margin = 0.05 * (T_hi - T_lo)
    plot = Plot(panels=[
        dict(x="flux", y="dT_paired", lines={
            "mean": dict(label=f"{realizations} strips, each against itself at φ = 0",
                         color=BLUE, marker="o", ms=6),
            "errors": dict(label=None, color=BLUE, ls="-"),
            "now": dict(label=None, color=BLACK, ls="", marker="D", ms=9)}),
        dict(x="flux", y="T", ylim=(T_lo - margin, T_hi + margin), lines={
            "sample": dict(label=None, color=GREEN, marker="o", ms=5),
            "sample_now": dict(label=None, color=BLACK, ls="", marker="D", ms=9)}),
    ], figsize=(11, 4.3), sticky_limits=True)
    plot.axes[0].legend(loc="lower right")

    def compute(flux, realization):
        d = data
        f = np.concatenate([-positive[:0:-1], positive])
        mirror = np.concatenate([np.arange(n_flux - 1, 0, -1), np.arange(n_flux)])
        # the paired difference <T(phi) - T(0)>, strip by strip: the strip-to-strip spread of T
        # cancels, so its error bars are much smaller than those of <T> itself
        mean, sem = d["delta"][mirror], d["sem_delta"][mirror]
        sample = d["T"][mirror, int(realization)]
        i = int(np.argmin(np.abs(f - flux)))
        dip, dip_err = d["delta"][mirror][i], d["sem_delta"][mirror][i]
        return {
            "mean": (f, mean), "errors": _error_bars(f, mean, sem), "now": ([f[i]], [mean[i]]),
            "sample": (f, sample), "sample_now": ([f[i]], [sample[i]]),
            "title": (f"W = {W}, L = {L}, N = {d['N']}; marker: $\\phi$ = {f[i]:+.4f}, "
                      f"$\\phi WL$ = {f[i] * W * L:+.2f} h/e\n"
                      f"$\\langle T(\\phi) - T(0)\\rangle$ = {dip:.3f} ± {dip_err:.3f}; "
                      f"right: strip {int(realization)}"),
        }

    explorer = Explorer(controls, plot, compute, state={"data": data}, intro=(
        "Left: how much the transmission of each disordered strip changes with the magnetic "
        "flux, averaged over many strips (error bars: one standard error). Right: one strip. The first use computes every strip "
        "at every flux (a few seconds); after that the sliders are instant."))
    _tidy(plot)
    return explorer
