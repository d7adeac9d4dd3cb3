"""Explorers of lesson 9, "Coulomb blockade".

- `thermometer_explorer`: Coulomb-blockade thermometry: the zero-bias dip of the conductance of
  N equal tunnel junctions in series (weak blockade, k_B T >> E_C) against the bias per
  junction, with its half-depth level and measured full width, for a temperature and N.

The blockade explorer of the single-electron transistor is `helpers.explorers.fine_print.
blockade_explorer`. The compute function calls one function of `helpers.models.coulomb`; no
physics lives here.
"""

from ..models.coulomb import charging_energy_meV, kT_meV, thermometer_curves
from ..plotting import OKABE_ITO
from ..widgets import Explorer, Plot, float_slider, int_slider

__all__ = ["thermometer_explorer", "THERMOMETER_C_AF", "V_LIMIT_MV", "G_RANGE"]

#: Junction capacitance of the thermometer (aF): E_C/k_B = e^2/2Ck_B = 0.19 K.
THERMOMETER_C_AF = 5000.0
#: Bias-per-junction axis (mV): the widest dip (5 K) has a full width of 2.3 mV per junction; tails to 3 mV.
V_LIMIT_MV = 3.0
#: Conductance axis G/G_T: the deepest dip of the sliders (0.5 K, N = 20) reaches 0.88.
G_RANGE = (0.86, 1.005)


def thermometer_explorer(*, temperature=1.0, N=10, C_aF=THERMOMETER_C_AF):
    """Coulomb-blockade thermometer: the dip of G/G_T against bias per junction.

    Parameters
    ----------
    temperature : float
        Initial temperature (K), slider 0.5 to 5 K.
    N : int
        Initial number of junctions in series, slider 2 to 20.
    C_aF : float
        Capacitance of each junction (aF), fixed.

    Returns
    -------
    Explorer
        Controls "temperature" (K), "N"; lines "dip" (G/G_T against V/N in mV), "half" (the
        half-depth level, across the dip), "width" (the measured full width at half depth,
        drawn at that level), "law" (5.44 k_B T/e per junction, a marker pair on the axis).
    """
    controls = {
        "temperature": float_slider("Temperature (K)", 0.5, 5.0, temperature, step=0.05),
        "N": int_slider("Junctions N", 2, 20, N),
    }
    plot = Plot(x="V_junction_mV", y="G_GT", xlim=(-V_LIMIT_MV, V_LIMIT_MV), ylim=G_RANGE, lines={
        "dip": dict(label="$G/G_T$", color=OKABE_ITO["blue"], ls="-"),
        "width": dict(label="full width at half depth", color=OKABE_ITO["vermillion"], ls="-", lw=3),
        "half": dict(label=None, color=OKABE_ITO["black"], ls=":", lw=1.5),
        "law": dict(label="$\\pm 2.72\\,k_B\\theta/e$ per junction", color=OKABE_ITO["bluish_green"],
                    ls="", marker="v", ms=10),
    }, figsize=(8, 4.4))
    plot.axes[0].legend(loc="lower right", fontsize="small")

    def compute(temperature, N):
        span = max(2.0, 1.05 * V_LIMIT_MV / (10 * kT_meV(temperature)))   # fill the axis
        d = thermometer_curves(float(temperature), int(N), C_aF=C_aF, span=span, points=1201)
        per = d["V"] / N
        w = d["width"] / N / 2
        half_law = d["law"] / N / 2
        top = G_RANGE[1] - 0.002
        return {
            "dip": (per, d["G"]),
            "width": ([-w, w], [d["half"]] * 2),
            "half": ([-V_LIMIT_MV, V_LIMIT_MV], [d["half"]] * 2),
            "law": ([-half_law, half_law], [top, top]),
            "title": (f"{temperature:.2f} K, N = {N}: depth {d['depth']:.3f}, full width "
                      f"{d['width']:.2f} mV = {d['width'] / (N * kT_meV(temperature)):.2f} N k_Bθ/e"),
        }

    explorer = Explorer(controls, plot, compute, intro=(
        f"A chain of $N$ equal tunnel junctions (each $C$ = {C_aF / 1000:g} fF, "
        f"$E_C/k_B$ = {charging_energy_meV(C_aF) / kT_meV(1.0):.2f} K). Its conductance dips "
        "at zero bias. Change the temperature: which feature of the dip follows it, the depth or "
        "the width? Then change $N$ at fixed temperature."))
    return explorer
