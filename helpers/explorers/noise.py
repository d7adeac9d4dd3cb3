"""Explorers of lesson 5, "Transmission eigenvalues and shot noise".

- `qpc_noise_explorer`: a lattice quantum point contact: its conductance G and Fano factor F
  against gate voltage (the noise peaks between the plateaus), and at the chosen gate voltage
  the current noise against bias at a chosen temperature (thermal noise 4kTG at zero bias,
  shot noise 2eIF at large bias).

(The eigenvalue explorer of the lesson, the bimodal distribution of a disordered wire, is
`helpers.explorers.smatrix.eigenvalue_explorer`.)

Each compute function calls functions of `helpers.models.noise`; no physics lives here.
"""

import numpy as np
from matplotlib.ticker import ScalarFormatter

from ..constants import K_B_EV_PER_K
from ..models.noise import noise_curve, qpc_noise_curve
from ..plotting import OKABE_ITO, PALETTE
from ..widgets import Explorer, FixedWidthFormatter, Plot, float_slider
from ..widgets.explorer import stepped_top

__all__ = ["qpc_noise_explorer", "NOISE_GATE_GRID", "NOISE_UNIT"]

#: Gate voltages (units of t) of the QPC sweep: from pinch-off to the third plateau.
NOISE_GATE_GRID = np.round(np.linspace(-1.0, -0.2, 81), 10)
#: Unit of the noise axis, A^2/Hz.
NOISE_UNIT = 1e-27
#: Largest bias of the noise panel, volts.
BIAS_MAX = 2e-3
#: The noise axis ends on a power of this step (at 1.8 to 2.25 times the largest noise drawn).
NOISE_AXIS_STEP = 1.25


def qpc_noise_explorer(*, W=25, E_F=1.0, hw_y=0.3, length=30, Vg=-0.56, temperature=1.0,
                       points=201):
    """Conductance, Fano factor and current noise of a lattice quantum point contact.

    The constriction is `helpers.models.qpc.qpc_potential` (width W, Fermi energy E_F, units of
    t); its transmission eigenvalues are computed once on `NOISE_GATE_GRID` (about 3 s,
    `helpers.models.noise.qpc_eigenvalues`), so a control change only picks a row and evaluates
    the noise formula. The eigenvalues are taken independent of energy over the bias window.

    Parameters
    ----------
    W, E_F, hw_y, length
        The QPC, as in `helpers.models.qpc.qpc_potential`.
    Vg : float
        Initial gate voltage (units of t; snapped to the grid).
    temperature : float
        Initial temperature in kelvin.
    points : int
        Bias points of the noise panel (0 to `BIAS_MAX`).

    Returns
    -------
    Explorer
        Controls "Vg" (t), "temperature" (K). Left panel (against Vg): lines "G" (G/G0),
        "F" (Fano factor), "G_now", "F_now" (the operating point). Right panel (against bias in
        mV, noise in `NOISE_UNIT`): "S" (at the temperature), "shot" (2eIF, zero temperature),
        "thermal" (4kTG, the zero-bias value), "poisson" (2eI, independent electrons).
        Title: Vg, G, F, temperature and the bias eV = 2kT where thermal and shot noise cross
        over. ``explorer.sweep``: the `qpc_noise_curve` dict.
    """
    sweep = qpc_noise_curve(NOISE_GATE_GRID, E_F, W, length=length, hw_y=hw_y)
    step = float(NOISE_GATE_GRID[1] - NOISE_GATE_GRID[0])
    controls = {
        "Vg": float_slider("Gate voltage Vg (t)", float(NOISE_GATE_GRID[0]), float(NOISE_GATE_GRID[-1]),
                           float(NOISE_GATE_GRID[np.argmin(np.abs(NOISE_GATE_GRID - Vg))]), step=step),
        "temperature": float_slider("Temperature (K)", 0.0, 4.0, temperature, step=0.1),
    }
    V_mV = np.linspace(0.0, 1e3 * BIAS_MAX, points)
    plot = Plot(panels=[
        dict(x="Vg", y="G_and_F", xlim=(NOISE_GATE_GRID[0], NOISE_GATE_GRID[-1]), ylim=(-0.05, 3.3), lines={
            "G": dict(label="G", color=PALETTE[0]),
            "F": dict(label="F", color=PALETTE[1], ls="--"),
            "G_now": dict(label=None, color=PALETTE[0], ls="", marker="o", ms=9),
            "F_now": dict(label=None, color=PALETTE[1], ls="", marker="o", ms=9)}),
        dict(x="V_bias_mV", y="S_noise", xlim=(0, 1e3 * BIAS_MAX), ylim=(0, 1), lines={
            "S": dict(label="noise at this temperature", color=PALETTE[0]),
            "shot": dict(label="2eIF (zero temperature)", color=PALETTE[1], ls="--"),
            "thermal": dict(label="4kTG (zero bias)", color=PALETTE[2], ls=":"),
            "poisson": dict(label="2eI (independent electrons)", color=OKABE_ITO["black"], ls="-.", lw=1.2)}),
    ], figsize=(11, 4.4))
    plot.axes[0].legend(loc="upper left")
    plot.axes[1].legend(loc="upper left")

    # noise labels of one width (0.000 ... 100), so that a new noise axis redraws the right
    # panel only, without laying the figure out again
    plot.axes[1].yaxis.set_major_formatter(FixedWidthFormatter(ScalarFormatter(), 5))

    def _fit_noise_axis(data):
        top = max(np.max(data["S"][1]), np.max(data["shot"][1]), 1e-3)
        # the top 40 % or more keeps the legend clear of the lines; the axis ends on a power of
        # NOISE_AXIS_STEP, so that a small step of a slider often keeps it
        plot.axes[1].set_ylim(0, stepped_top(1.8 * top, NOISE_AXIS_STEP, 1e-3))

    plot.before_show.append(_fit_noise_axis)

    def compute(Vg, temperature):
        i = int(np.argmin(np.abs(NOISE_GATE_GRID - Vg)))
        curve = noise_curve(sweep["Tn"][i], V_mV * 1e-3, temperature)
        kT_mV = 1e3 * K_B_EV_PER_K * temperature  # kT in meV, i.e. the bias eV = kT in mV
        return {
            "G": (NOISE_GATE_GRID, sweep["G"]), "F": (NOISE_GATE_GRID, sweep["F"]),
            "G_now": ([NOISE_GATE_GRID[i]], [sweep["G"][i]]),
            "F_now": ([NOISE_GATE_GRID[i]], [sweep["F"][i]]),
            "S": (V_mV, curve["S"] / NOISE_UNIT), "shot": (V_mV, curve["shot"] / NOISE_UNIT),
            "thermal": (V_mV, curve["thermal"] / NOISE_UNIT),
            "poisson": (V_mV, curve["poisson"] / NOISE_UNIT),
            "title": (f"Vg = {NOISE_GATE_GRID[i]:.2f} t:  G = {sweep['G'][i]:.3f} × 2e²/h,  "
                      f"F = {sweep['F'][i]:.3f};  temperature {temperature:.1f} K "
                      f"(2kT/e = {2 * kT_mV:.2f} mV)"),
        }

    explorer = Explorer(controls, plot, compute, state={"sweep": sweep}, intro=(
        "Left: conductance and Fano factor of a point contact against gate voltage. Right: the "
        "current noise at the chosen gate voltage against bias. Park the gate on a plateau, "
        "then between two plateaus, and compare the noise."))
    plot.freeze_layout()
    return explorer
