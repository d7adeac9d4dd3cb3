"""Plot style of the course: one colour-blind-safe palette, readable defaults, one label table.

Nothing here computes physics. Lessons and widgets take axis labels from `LABELS` (via `label`)
so that a quantity is named and given units the same way everywhere.

Palette: Okabe & Ito, "Color Universal Design" (2008), safe for the common forms of colour
blindness and readable in greyscale when combined with the line styles in `LINESTYLES`.
"""

import io

import matplotlib as mpl
from cycler import cycler

__all__ = ["OKABE_ITO", "PALETTE", "BLUE", "VERMILLION", "GREEN", "ORANGE", "PURPLE", "SKY_BLUE",
           "BLACK", "GREY", "LIGHT_GREY", "LINESTYLES", "STYLE", "LECTURE", "LABELS", "DIMENSIONLESS",
           "label", "apply_style", "static_figure", "show_figure"]

#: The eight Okabe-Ito colours by name.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Order in which lines take colours (strong colours first, yellow last: weak on white).
PALETTE = [OKABE_ITO[name] for name in
           ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue", "black",
            "yellow")]

#: The palette's colours by role, for explorers and figures (never hex literals there).
BLUE = OKABE_ITO["blue"]
VERMILLION = OKABE_ITO["vermillion"]
GREEN = OKABE_ITO["bluish_green"]
ORANGE = OKABE_ITO["orange"]
PURPLE = OKABE_ITO["reddish_purple"]
SKY_BLUE = OKABE_ITO["sky_blue"]
BLACK = OKABE_ITO["black"]
#: Neutral greys for references and inactive curves (kT = 0, closed modes).
GREY = "#999999"
LIGHT_GREY = "#BBBBBB"

#: Line styles that go with PALETTE when a figure may be printed in black and white.
LINESTYLES = ["-", "--", "-.", ":"]

#: Defaults for reading on a laptop screen.
STYLE = {
    "axes.prop_cycle": cycler(color=PALETTE),
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "figure.constrained_layout.use": True,
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.labelsize": 12,
    "legend.fontsize": 11,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "lines.linewidth": 2.0,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linestyle": "-",
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "savefig.dpi": 150,
}

#: Overrides for a projector (lecture mode): larger text, thicker lines, larger figures.
LECTURE = {
    "figure.figsize": (9.0, 5.6),
    "font.size": 18,
    "axes.titlesize": 20,
    "figure.titlesize": 18,  # an explorer's title is a long line of numbers: as large as the labels
    "axes.labelsize": 18,
    "legend.fontsize": 16,
    "xtick.labelsize": 16,
    "ytick.labelsize": 16,
    "lines.linewidth": 3.0,
    "lines.markersize": 9,
}

#: Axis labels with units, one per quantity. Energies of lattice models are in units of the
#: hopping t, continuum models use eV and nm (README, "Units and conventions").
LABELS = {
    "E": r"Energy $E$ ($t$)",
    "E_eV": r"Energy $E$ (eV)",
    "E_meV": r"Energy $E$ (meV)",
    "mu": r"Chemical potential $\mu$ ($t$)",
    "mu_eV": r"Chemical potential $\mu$ (eV)",
    "kT": r"Temperature $k_B T$ ($t$)",
    "kT_meV": r"Temperature $k_B T$ (meV)",
    "T": r"Transmission $T$",
    "R": r"Reflection $R$",
    "lnT": r"$\ln T$",
    "Tn": r"Transmission eigenvalue $T_n$",
    "N": r"Open channels $N$",
    "f": r"Occupation $f(E)$",
    "window": r"Window $f_L - f_R$",
    "G": r"Conductance $G$ ($2e^2/h$)",
    "G_uS": r"Conductance $G$ ($\mu$S)",
    "R_kohm": r"Resistance $R$ (k$\Omega$)",
    "R_h": r"Resistance $R$ ($h/2e^2$)",
    "I": r"Current $I$ ($2e t/h$)",
    "I_nA": r"Current $I$ (nA)",
    "V_bias": r"Bias $eV$ ($t$)",
    "V_bias_mV": r"Bias voltage $V$ (mV)",
    "Vg": r"Gate voltage $V_g$ ($t$)",
    "V": r"Potential $V$ ($t$)",
    "V_eV": r"Potential $V$ (eV)",
    "x": r"Position $x$ (sites)",
    "x_nm": r"Position $x$ (nm)",
    "L": r"Length $L$ (sites)",
    "L_nm": r"Length $L$ (nm)",
    "W": r"Width $W$ (sites)",
    "Wd": r"Disorder strength $W_d$ ($t$)",
    "flux": r"Flux per plaquette $\phi$ ($h/e$)",
    "k": r"Wave number $k$ ($1/a$)",
    "xi": r"Localization length $\xi$ (sites)",
    "dos": r"Density of states ($1/t$ per site)",
    "v": r"Velocity $v$ ($ta/\hbar$)",
    "k_nm": r"Wave number $k$ (1/nm)",
    "kx_nm": r"$k_x$ (1/nm)",
    "ky_nm": r"$k_y$ (1/nm)",
    "density_2deg": r"Density $n$ ($10^{15}$ m$^{-2}$)",
    "E_F_meV": r"Fermi energy $E_F$ (meV)",
    "lambda_F": r"Fermi wavelength $\lambda_F$ (nm)",
    "U": r"Barrier height $U$ ($t$)",
    "y": r"Transverse position $y$ (sites)",
    "n_scatterers": r"Number of scatterers $N$",
    "channel": r"Channel $n$",
    "phase": r"Phase ($\pi$)",
    "Sigma": r"Self-energy $\Sigma$ ($t$)",
    "density_lnT": r"Probability density of $\ln T$",
    "density_Tn": r"Eigenvalues per unit $T$",
    "xi_ratio": r"$\xi$ / perturbative $\xi$",
    "Vg_mV": r"Gate voltage $V_g$ (mV)",
    "eta": r"Probe coupling $\eta$ ($t$)",
    "E_bhz": r"Energy $E$ ($|B|$)",
    "kx_bhz": r"Wave number $k_x$ ($1/a$)",
    "M_bhz": r"Mass $M$ ($|B|$)",
    "Wd_bhz": r"Disorder strength $W_d$ ($|B|$)",
    "G_e2h": r"Conductance $G$ ($e^2/h$)",
    "mu_probe": r"Probe reading $(\mu_p-\mu_R)/(\mu_L-\mu_R)$",
    "coupling": r"Probe coupling $c$ ($t$)",
    "pair": r"Lead pair $p \leftarrow q$",
    "F": r"Fano factor $F$",
    "G_and_F": r"Fano factor $F$; conductance $G$ ($2e^2/h$)",
    "S_noise": r"Current noise $S_I$ ($10^{-27}$ A$^2$/Hz)",
    "probability": r"Probability",
    "variance_per_electron": r"Variance per electron",
    "y0": r"Guiding centre $y_0 = k/2\pi\phi$ (sites)",
    "inv_flux": r"Inverse field $1/\phi$ (plaquettes per flux quantum)",
    "G_NS": r"Conductance $G_{NS}$ ($2e^2/h$)",
    "G_ratio": r"$G_{NS}/G_N$",
    "E_delta": r"Energy $E/\Delta$",
    "bias_delta": r"Bias $eV/\Delta$",
    "V_junction_mV": r"Bias per junction $V/N$ (mV)",
    "G_GT": r"Conductance $G/G_T$",
    "dIdV_uS": r"Differential conductance $dI/dV$ ($\mu$S)",
    "dT_paired": r"$\langle T(\phi) - T(0)\rangle$",
}

#: Keys of LABELS whose quantity is a pure number (no unit in parentheses expected).
DIMENSIONLESS = {"T", "R", "lnT", "Tn", "N", "f", "window", "n_scatterers", "channel",
                 "density_lnT", "density_Tn", "xi_ratio", "mu_probe", "pair", "F",
                 "probability", "variance_per_electron", "G_ratio", "E_delta", "bias_delta", "G_GT",
                 "dT_paired"}


def label(key):
    """Axis label with units for quantity `key`, e.g. ``label("G")``.

    Raises KeyError naming the known keys when `key` is not in `LABELS`.
    """
    try:
        return LABELS[key]
    except KeyError:
        raise KeyError(f"no axis label for {key!r}; known keys: {', '.join(sorted(LABELS))}") from None


def apply_style(lecture=False):
    """Set matplotlib's rcParams to the course style (plus `LECTURE` when `lecture`)."""
    base = {key: mpl.rcParamsDefault[key] for key in LECTURE}  # undo an earlier lecture=True
    base.update(STYLE)
    mpl.rcParams.update(base)
    if lecture:
        mpl.rcParams.update(LECTURE)


def static_figure(**kwargs):
    """A figure for a plot that is drawn once: ``(figure, axes)``, shown with `show_figure`.

    Made outside pyplot with the image (Agg) canvas, so that it shows as a picture in every
    front end, not as a live ipympl canvas with a header and toolbar; keyword arguments go to
    `matplotlib.figure.Figure` (e.g. ``figsize``). Constrained layout.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(layout="constrained", **kwargs)
    FigureCanvasAgg(figure)
    return figure, figure.subplots()


def show_figure(figure):
    """Show `figure` in the notebook as a PNG image (the output of the cell)."""
    from IPython.display import Image, display

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    display(Image(data=buffer.getvalue(), format="png"))
