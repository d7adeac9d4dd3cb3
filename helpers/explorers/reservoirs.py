"""Explorer of lesson 2, "Reservoirs and the Fermi window".

`fermi_window_explorer()` shows, for a chosen model transmission T(E), the two Fermi functions,
the window f_L - f_R and the integrand T (f_L - f_R), and the I-V curve the integral builds,
with the current operating point on it and the linear-response line I0 + G V. The two
reservoirs have their own temperatures. All numbers come from
:func:`helpers.models.reservoirs.reservoir_scene`.
"""

import numpy as np
from matplotlib.ticker import FixedLocator, FormatStrFormatter, MaxNLocator

from ..models.reservoirs import MODEL_KINDS, reservoir_scene
from ..plotting import OKABE_ITO
from ..widgets import Explorer, Plot, dropdown, float_slider

__all__ = ["fermi_window_explorer"]

#: Steps of the current axis: just under 1 / KEEP_LIMITS_FILL (0.6) of `Plot(sticky_limits=True)`,
#: so that the axis keeps its limits when the currents shrink by one step. The half-height of the
#: axis is the next power of AXIS_STEP above the largest |I| (`Plot` panel spec ``ystep``): it
#: changes only when the I-V curve crosses a step, grows one step at a time and shrinks once the
#: curve fills less than 39 % of it. It never goes below `AXIS_FLOOR` (0.095 x 2et/h): smaller
#: currents show as small, on ticks that two decimals label correctly.
AXIS_STEP = 1.6
AXIS_FLOOR = 0.09


def fermi_window_explorer(*, kind="resonance", bias=0.3, kT_L=0.02, kT_R=0.02, position=0.15,
                          bias_max=1.0):
    """Bias, two temperatures and a model T(E): the Fermi window and the I-V curve it builds.

    Parameters
    ----------
    kind : {"step", "resonance", "band"}
        Initial model transmission (:func:`helpers.models.reservoirs.model_transmission`).
    bias : float
        Initial bias e V = mu_L - mu_R in units of t (mu_L = +eV/2, mu_R = -eV/2).
    kT_L, kT_R : float
        Initial temperatures of the left and right reservoirs (units of t).
    position : float
        Initial threshold / level / band centre (units of t).
    bias_max : float
        The bias slider and the I-V curve span -bias_max..bias_max.

    Returns
    -------
    Explorer
        Controls "model", "bias", "kT_L", "kT_R", "position"; lines "f_L", "f_R", "T" (left
        panel), "window", "integrand" (middle), "iv", "linear", "point", "open" (right: I-V
        curve, linear response I0 + G V, operating point, and the open-circuit point I = 0,
        whose bias is the thermovoltage when the temperatures differ: the thermocurrent I0 is
        often too small to see on the current axis, the voltage it builds is not).
    """
    controls = {
        "model": dropdown("Transmission T(E)", {label: key for key, label in MODEL_KINDS.items()},
                          kind),
        "bias": float_slider("Bias eV (t)", -bias_max, bias_max, bias, 0.01),
        "kT_L": float_slider("kT left (t)", 0.005, 0.1, kT_L, 0.005),
        "kT_R": float_slider("kT right (t)", 0.005, 0.1, kT_R, 0.005),
        "position": float_slider("Feature position (t)", -0.6, 0.6, position, 0.01),
    }
    plot = Plot(panels=[
        dict(x="E", y="f", xlim=(-1, 1), ylim=(-0.05, 1.05), lines={
            "f_L": dict(label="$f_L$", color=OKABE_ITO["blue"], ls="-"),
            "f_R": dict(label="$f_R$", color=OKABE_ITO["vermillion"], ls="--"),
            "T": dict(label="$T(E)$", color=OKABE_ITO["black"], ls=":")}),
        dict(x="E", y="window", xlim=(-1, 1), ylim=(-1.05, 1.05), lines={
            "window": dict(label="$f_L - f_R$", color=OKABE_ITO["bluish_green"], ls="-"),
            "integrand": dict(label="$T\\,(f_L - f_R)$", color=OKABE_ITO["orange"], ls="--")}),
        dict(x="V_bias", y="I", xlim=(-bias_max, bias_max),
             ystep=dict(step=AXIS_STEP, floor=AXIS_FLOOR, symmetric=True), lines={
            "iv": dict(label="$I(V)$", color=OKABE_ITO["blue"], ls="-"),
            "linear": dict(label="$I_0 + G V$", color=OKABE_ITO["reddish_purple"], ls="--"),
            "point": dict(label="now", color=OKABE_ITO["vermillion"], ls="", marker="o",
                          markersize=9),
            "open": dict(label="$I = 0$: open circuit", color=OKABE_ITO["black"], ls="",
                         marker="D", markersize=7, mfc="none", mew=1.5)}),
    ], figsize=(12.5, 4.4), sticky_limits=True)
    # fixed legend places (loc="best" searches again at every redraw); the middle one sits above
    # its panel: inside, any corner is crossed by the window at some bias of either sign
    for ax, loc in zip(plot.axes, ("center left", None, "upper left")):
        if loc is None:
            ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, borderaxespad=0.2)
        else:
            ax.legend(loc=loc)
        ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
    # few labels on the fixed axes: every full redraw (a change of the current axis) paints them
    plot.axes[0].yaxis.set_major_locator(FixedLocator([0, 0.5, 1]))
    plot.axes[1].yaxis.set_major_locator(FixedLocator([-1, -0.5, 0, 0.5, 1]))
    # the current axis rescales with the model: labels of a fixed width keep the frozen layout valid
    plot.axes[2].yaxis.set_major_locator(MaxNLocator(6, steps=[1, 2, 2.5, 5, 10]))
    plot.axes[2].yaxis.set_major_formatter(FormatStrFormatter("%.2f"))

    def compute(model, bias, kT_L, kT_R, position):
        s = reservoir_scene(model, bias, kT_L, kT_R, position, bias_max=bias_max)
        return {
            "f_L": (s["E"], s["f_L"]), "f_R": (s["E"], s["f_R"]), "T": (s["E"], s["T"]),
            "window": (s["E"], s["window"]), "integrand": (s["E"], s["integrand"]),
            "iv": (s["biases"], s["currents"]),
            "linear": (s["linear_biases"], s["linear_currents"]),
            "point": ([bias], [s["current"]]),
            "open": ([s["V_open"]], [0.0]) if np.isfinite(s["V_open"]) else ([], []),
            "title": (f"$T(E)$: {s['model'].description}\n"
                      f"$eV$ = {bias:.2f} t: $I$ = {s['current']:.3g} (2et/h);   at $V = 0$: "
                      f"$G$ = {s['G']:.3f} (2e²/h), $I_0$ = {s['I0']:.2g} (2et/h)\n"
                      + ("open circuit ($I = 0$) at $V = 0$: no thermovoltage" if s["V_open"] == 0
                         else f"open circuit ($I = 0$) at $eV$ = {s['V_open']:+.4f} t: the thermovoltage"
                         if np.isfinite(s["V_open"]) else "no open circuit ($I = 0$) in this range")),
        }

    intro = ("Left: the two reservoirs' Fermi functions and the transmission. Middle: the window "
             "$f_L - f_R$ and the integrand $T(f_L - f_R)$, whose area is the current. Right: the "
             "I-V curve, the current operating point, and the linear response $I_0 + GV$.")
    explorer = Explorer(controls, plot, compute, intro=intro)
    # lay the figure out once, with the first real data, then keep it: constrained layout costs
    # ~40 % of every redraw
    plot.freeze_layout()
    return explorer
