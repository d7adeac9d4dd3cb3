"""Explorers of lesson 8, "The fine print".

- `dephasing_explorer`: two barriers on a chain with Büttiker voltage probes of broadening eta
  between them: the effective transmission T(E) (coherent, with probes, fully incoherent
  reference) and the resistance at one energy against eta.
- `blockade_explorer`: a single-electron transistor (orthodox model): the Coulomb diamonds
  (current map in the gate-bias plane), the I-V curve at one gate voltage and the linear
  conductance against gate voltage (Coulomb oscillations), with a temperature slider.

Each compute function calls one function of `helpers.models.probes` or `helpers.models.coulomb`; no physics
lives here.
"""

import numpy as np
from matplotlib.ticker import FixedLocator, FormatStrFormatter, NullFormatter

from ..models.coulomb import SET, coulomb_curves
from ..models.probes import dephasing_curves
from ..plotting import BLACK, BLUE, GREEN, ORANGE, VERMILLION
from ..widgets import Explorer, Plot, float_slider, toggle

__all__ = ["dephasing_explorer", "blockade_explorer"]
#: Top of the map's colour scale in units of the junctions' series conductance 1/(R1 + R2): the
#: same at every temperature, so that the diamonds visibly fill in as T rises (the diamond edges
#: of the default device reach 1.7 at T = 0; far from the blockade dI/dV -> 1).
MAP_TOP = 2.0

_DOT = dict(ls="", marker="o", ms=10)
#: Resistance axis (units of h/2e^2, log) of the dephasing widget, the same at every energy and
#: probe placement so that moving a slider only repaints the lines: R >= 1 (one channel), and
#: the largest R over the energy slider (either placement, any eta) is about 93.
R_RANGE = (0.8, 150.0)


def dephasing_explorer(*, eta=0.0, energy=2.15, height=3.0, width=1, spacing=12, probes="well",
                       E_range=(0.6, 3.4), points=300):
    """Two barriers with Büttiker probes: T_eff(E) and the resistance against eta.

    Parameters
    ----------
    eta, energy : float
        Initial probe broadening and energy of the resistance panel (units of t).
    height, width, spacing : float, int, int
        The two barriers (height in t, width and spacing in sites), fixed for the widget.
    probes : {"well", "all"}
        Initial probe placement.
    E_range, points : (float, float), int
        Energy axis of the left panel.

    Returns
    -------
    Explorer
        Controls "eta", "energy", "probes"; lines "coherent", "probes", "incoherent" (T against
        E), "T_now" (marker at the energy), "E_marker" (vertical line at the energy),
        "R_probes" (R/(h/2e^2) against eta, log-log axes with fixed limits `R_RANGE`),
        "R_coherent", "R_incoherent" (horizontal references), "R_now" (marker at eta; eta = 0 is drawn at the axis edge 1e-3).
    """
    controls = {
        "eta": float_slider("Probe coupling η (t)", 0.0, 0.5, eta, step=0.005, readout_format=".3f"),
        "energy": float_slider("Energy E (t)", E_range[0], E_range[1], energy, step=0.005,
                               readout_format=".3f"),
        "probes": toggle("Probes on", {"the well": "well", "every site": "all"}, probes),
    }
    plot = Plot(panels=[
        dict(x="E", y="T", xlim=E_range, ylim=(0, 1.22), lines={
            "coherent": dict(label="η = 0", color=BLUE, ls="-", lw=1.5, zorder=3),
            "probes": dict(label="probes", color=VERMILLION, ls="-", lw=2),
            "incoherent": dict(label="incoherent", color=BLACK, ls="--", lw=2),
            "T_now": dict(label=None, color=VERMILLION, **_DOT),
            "E_marker": dict(label=None, color=BLACK, ls=":", lw=1)}),
        dict(x="eta", y="R_h", xlim=(1e-3, 1.0), ylim=R_RANGE, lines={
            "R_probes": dict(label="probes (η = 0 shown at 10⁻³ t)", color=VERMILLION, ls="-"),
            "R_coherent": dict(label="coherent", color=BLUE, ls=":"),
            "R_incoherent": dict(label="incoherent", color=BLACK, ls="--"),
            "R_now": dict(label=None, color=VERMILLION, **_DOT)}),
    ], figsize=(12, 4.4))
    plot.axes[1].set_xscale("log")
    plot.axes[1].set_yscale("log")
    plot.axes[1].set_ylim(*R_RANGE)
    plot.axes[1].yaxis.set_major_locator(FixedLocator([1, 2, 5, 10, 20, 50, 100]))
    plot.axes[1].yaxis.set_major_formatter(FormatStrFormatter("%g"))
    plot.axes[1].yaxis.set_minor_formatter(NullFormatter())
    plot.axes[0].legend(loc="upper center", ncol=3, fontsize="small", handlelength=1.5,
                        columnspacing=1.0)
    plot.axes[1].legend(loc="upper right", fontsize="small")
    edge = np.array([1e-3, 1.0])

    def compute(eta, energy, probes):
        d = dephasing_curves(eta, energy, height=height, width=width, spacing=spacing,
                             probes=probes, E_range=E_range, points=points)
        shown = min(max(eta, 1e-3), 1.0)
        return {
            "coherent": (d["E"], d["coherent"]), "probes": (d["E"], d["probes"]),
            "incoherent": (d["E"], d["incoherent"]), "T_now": ([energy], [d["T_now"]]),
            "E_marker": ([energy, energy], [0.0, 1.02]),
            "R_probes": (d["etas"], d["R_probes"]),
            "R_coherent": (edge, [d["R_coherent"]] * 2),
            "R_incoherent": (edge, [d["R_incoherent"]] * 2),
            "R_now": ([shown], [d["R_now"]]),
            "title": (f"η = {eta:.3f} t{' (dot at 10⁻³)' if eta < 1e-3 else ''}, E = {energy:.3f} t: R = {d['R_now']:.2f} h/2e² "
                      f"(coherent {d['R_coherent']:.2f}, incoherent {d['R_incoherent']:.2f})"),
        }

    explorer = Explorer(controls, plot, compute, intro=(
        "Two barriers on a chain; voltage probes of coupling $\\eta$ sit between them and "
        "scramble the phase. Raise $\\eta$ from 0: what happens to the resonances, and to the "
        "resistance on and off a resonance?"))
    plot.tidy()  # few tick labels (text is most of a full redraw), a layout computed once
    return explorer


def blockade_explorer(*, gate=0.0, temperature=0.1, device=None, Vg_range=(-4.0, 4.0),
                      V_range=(-1.5, 1.5), shape=(161, 121)):
    """A single-electron transistor: Coulomb diamonds, I-V at one gate, Coulomb oscillations.

    Parameters
    ----------
    gate : float
        Initial gate voltage (mV).
    temperature : float
        Initial temperature (K).
    device : helpers.models.coulomb.SET, optional
        The transistor (default SET(): C1 = C2 = 150 aF, Cg = 50 aF, R1 = R2 = 200 kOhm).
    Vg_range, V_range : (float, float)
        Axes of the map (mV).
    shape : (int, int)
        Map grid (gate, bias); the map is recomputed when the temperature changes (on release).

    Returns
    -------
    Explorer
        Controls "gate" (mV), "temperature" (K, slow); the map shows dI/dV (colour scale 0 to
        MAP_TOP / (R1 + R2), fixed); lines "cut" (the gate on the map),
        "I" (I-V at the gate, nA), "ohmic" (labelled "zero-temperature asymptote": (V -+ e/C_sigma)/(R1 + R2)),
        "G" (linear conductance against gate, microsiemens), "G_now" (marker), "G_half"
        (1/(2(R1 + R2)), horizontal), "G_peaks" (at temperature 0 only: vertical lines at the
        degeneracy points n_g = k + 1/2, where the zero-width peaks of G sit, up to
        1/(2(R1 + R2)), with a note in the panel); the image "map" is dI/dV. ``explorer.state.map`` holds
        the drawn map {"Vg", "V", "I", "dIdV"}.
    """
    device = device if device is not None else SET()
    controls = {
        "gate": float_slider("Gate voltage V_g (mV)", Vg_range[0], Vg_range[1], gate, step=0.02),
        "temperature": float_slider("Temperature T (K)", 0.0, 5.0, temperature, step=0.05,
                                    slow=True),
    }
    G_inf = 1e3 / device.R_sum_kohm                    # microsiemens
    I_top = 1.1 * max(abs(v) for v in V_range) * G_inf  # nA: the ohmic current at the largest bias
    plot = Plot(panels=[
        dict(x="Vg_mV", y="V_bias_mV", xlim=Vg_range, ylim=V_range,
             image=dict(name="map", extent=(*Vg_range, *V_range), cmap="viridis", vmin=0.0,
                        vmax=MAP_TOP * G_inf, colorbar="dIdV_uS"), lines={
            "cut": dict(label=None, color=ORANGE, ls="-", lw=2.5)}),
        dict(x="V_bias_mV", y="I_nA", xlim=V_range, ylim=(-I_top, I_top), lines={
            "I": dict(label="orthodox model", color=BLUE, ls="-"),
            "ohmic": dict(label="zero-temperature asymptote $(V \\mp e/C_\\Sigma)/(R_1+R_2)$", color=BLACK,
                          ls="--", lw=1.5)}),
        dict(x="Vg_mV", y="G_uS", xlim=Vg_range, ylim=(0, 1.1 * G_inf), lines={
            "G": dict(label=None, color=GREEN, ls="-"),
            "G_half": dict(label=None, color=BLACK, ls=":", lw=1.5),
            "G_peaks": dict(label=None, color=GREEN, ls="-", lw=2.5),
            "G_now": dict(label=None, color=ORANGE, **_DOT)}),
    ], figsize=(13, 4.3))
    plot.axes[1].legend(loc="upper left", fontsize="small")
    current_map = {}
    # at temperature 0 the peaks of G(Vg) have zero width: vertical lines at the degeneracy
    # points n_g = k + 1/2 (gate charge at zero bias), up to the peak value 1/2(R1 + R2)
    period = device.gate_period_mV
    k = np.arange(np.floor(Vg_range[0] / period + device.q0) - 1,
                  np.ceil(Vg_range[1] / period + device.q0) + 1)
    degenerate = (k + 0.5 - device.q0) * period
    degenerate = degenerate[(degenerate >= Vg_range[0]) & (degenerate <= Vg_range[1])]
    peaks_T0 = (np.repeat(degenerate, 3), np.tile([0.0, G_inf / 2, np.nan], degenerate.size))
    note_T0 = plot.axes[2].text(0.5, 0.97, "", transform=plot.axes[2].transAxes, ha="center",
                                va="top", fontsize="small")

    def compute(gate, temperature):
        d = coulomb_curves(gate, temperature, device, Vg_range=Vg_range, V_range=V_range, shape=shape)
        current_map.update(Vg=d["Vg"], V=d["V"], I=d["I_map"], dIdV=d["dIdV_map"])
        zero = temperature == 0
        return {
            "G_peaks": peaks_T0 if zero else (np.zeros(0), np.zeros(0)),
            "map": d["dIdV_map"],  # the same array until the temperature changes
            "cut": ([gate, gate], list(V_range)),
            "I": (d["V_iv"], d["I_iv"]), "ohmic": (d["V_iv"], d["I_ohmic"]),
            "G": (d["Vg"], d["G"]), "G_now": ([gate], [d["G_now"]]),
            "G_half": (list(Vg_range), [G_inf / 2] * 2),
            "title": (f"$k_B\\theta/E_C$ = {d['kT'] / d['E_C']:.2f},  $n_g$ = {d['n_g']:.2f},  "
                      + ("temperature 0: G = 0 except at $n_g$ = k + 1/2 (peaks of zero width)"
                         if zero else f"G = {d['G_now']:.2f} µS")),
        }

    def label_zero_temperature(data):
        # the note in the conductance panel says what the vertical lines are (a panel redraw
        # only when the temperature reaches or leaves 0)
        text = ("temperature 0: peaks of zero width\nat the degeneracy points"
                if len(data["G_peaks"][0]) else "")
        if text != note_T0.get_text():
            note_T0.set_text(text)
            plot.invalidate(2)

    plot.before_show.append(label_zero_temperature)
    explorer = Explorer(controls, plot, compute, state={"map": current_map}, intro=(
        "A metallic island between two tunnel junctions, with a gate "
        f"($E_C$ = {device.E_C_meV:.3f} meV, $e/C_g$ = {device.gate_period_mV:.2f} mV). Left: the "
        "differential conductance $dI/dV$ (dark diamonds: blockade, no current flows). Middle: "
        "the I-V curve at the gate of the slider. Right: the linear conductance; the dotted line "
        "is $1/2(R_1+R_2)$. Move the gate and watch the I-V curve; raise the temperature "
        "(updates on release) until the diamonds fade."))
    plot.tidy()
    return explorer
