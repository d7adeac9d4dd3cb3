"""Explorers of lesson 0, the primer: "Bands, velocity and density of states".

- `chain_explorer`: the tight-binding chain at an energy E: the band E(k) with the two states
  +-k_E, their velocities on v(k), the density of states D(E) there, and (switchable) the
  effective-mass parabola of the band bottom.
- `fermi_sea_explorer`: a GaAs 2DEG at density n: the filled parabola up to E_F, the Fermi
  circle, and E_F, k_F, lambda_F, v_F in the title.

Each compute function calls one function of `helpers.models.bands`; no physics lives here.
"""

import numpy as np

from ..models.bands import GAAS_MASS_RATIO, chain_picture, two_deg_picture
from ..plotting import PALETTE
from ..widgets import Explorer, Plot, float_slider, toggle

__all__ = ["chain_explorer", "fermi_sea_explorer", "DOS_MAX", "K_MAX_NM"]

GREY = "#999999"
#: Right end of the density-of-states axis (1/t per site); D(E) diverges at the band edges.
DOS_MAX = 1.0
#: Half-width of the wave-number axes of `fermi_sea_explorer`, 1/nm.
K_MAX_NM = 0.3


def chain_explorer(*, energy=1.0, parabola=True):
    """The chain's band, velocity and density of states, with the states at one energy marked.

    Returns
    -------
    Explorer
        Controls "E" (units of t, 0..4) and "parabola" (True/False). Lines: "band" E(k),
        "parabola" t k^2 (empty when switched off), "level" (E across the band panel),
        "states" (the points (+-k_E, E)); "velocity" v(k), "states_v" (+-k_E, v); "dos" drawn
        as x = D(E), y = E, "level_dos", "state_dos" (D(E), E), placed at the right edge of
        the axis when D is off scale. Title: k_E, v and D at E.
    """
    controls = {
        "E": float_slider("Energy E (t)", 0.0, 4.0, energy, step=0.01),
        "parabola": toggle("Effective-mass parabola", {"show": True, "hide": False}, parabola),
    }
    elim = (-0.15, 4.4)
    plot = Plot(panels=[
        dict(x="k", y="E", xlim=(-np.pi, np.pi), ylim=elim, lines={
            "band": dict(color=PALETTE[0], ls="-", lw=2.2),
            "parabola": dict(color=PALETTE[1], ls="--", lw=1.8),
            "level": dict(color=GREY, ls=":", lw=1.5),
            "states": dict(color=PALETTE[3], ls="none", marker="o", ms=10)}),
        dict(x="k", y="v", xlim=(-np.pi, np.pi), ylim=(-2.4, 2.4), lines={
            "velocity": dict(color=PALETTE[2], ls="-", lw=2.2),
            "states_v": dict(color=PALETTE[3], ls="none", marker="o", ms=10)}),
        dict(x="dos", y="E", xlim=(0, DOS_MAX), ylim=elim, lines={
            "dos": dict(color=PALETTE[4], ls="-", lw=2.2),
            "level_dos": dict(color=GREY, ls=":", lw=1.5),
            "state_dos": dict(color=PALETTE[3], ls="none", marker="o", ms=10)}),
    ], figsize=(11, 4.2))
    axes = plot.axes
    axes[2].set_xlabel("Density of states $D$\n($1/t$ per site)")
    for ax, title in zip(axes, ("Band (dashed: $tk^2$)", "Group velocity", "Density of states")):
        ax.set_title(title, fontsize="medium")
    for ax in axes[:2]:
        ax.set_xticks([-np.pi, -np.pi / 2, 0, np.pi / 2, np.pi],
                      [r"$-\pi$", r"$-\pi/2$", "0", r"$\pi/2$", r"$\pi$"])
    axes[1].axhline(0, color=GREY, lw=0.8)
    plot.show({"title": "E = 0.00 t:  k = ±0.00/a,  v = ±0.00 ta/ħ,  D = 0.000/t"})
    plot.freeze_layout()

    def compute(E, parabola):
        d = chain_picture(E)
        k_E, v_E, D = d["k_E"], d["v_E"], d["dos_E"]
        if k_E.size:
            k_text = f"±{abs(k_E[0]):.2f}/a" if k_E[0] else "0"
            v_text = f"±{abs(v_E[0]):.2f} ta/ħ" if abs(v_E[0]) > 5e-3 else "0"
            D_text = "∞ (band edge)" if np.isinf(D) else f"{D:.3f}/t"
            title = f"E = {E:.2f} t:  k = {k_text},  v = {v_text},  D = {D_text}"
        else:
            title = f"E = {E:.2f} t: outside the band, no states"
        return {
            "band": (d["k"], d["E_k"]),
            "parabola": (d["k"], d["parabola"]) if parabola else ([], []),
            "level": ([-np.pi, np.pi], [E, E]),
            "states": (k_E, np.full(k_E.size, E)),
            "velocity": (d["k"], d["v_k"]),
            "states_v": (k_E, v_E),
            "dos": (d["dos"], d["E"]),
            "level_dos": ([0, DOS_MAX], [E, E]),
            "state_dos": ([min(D, DOS_MAX)], [E]) if k_E.size else ([], []),
            "title": title,
        }

    intro = ("Move E from the bottom of the band to the top. The two dots are the right- and "
             "left-moving states at that energy; watch their velocity vanish at both band edges "
             "while the density of states shoots up.")
    return Explorer(controls, plot, compute, intro=intro)


def fermi_sea_explorer(*, density=3.0, m_ratio=GAAS_MASS_RATIO):
    """A 2DEG of density n (in 1e15 per m^2): the filled parabola and the Fermi circle.

    Returns
    -------
    Explorer
        Control "n" (density in units of 1e15 m^-2). Lines: "empty" (the parabola
        hbar^2 k^2/2m* in meV against k in 1/nm), "filled" (its part with |k| < k_F),
        "fermi_level" (E_F), "fermi_points" (+-k_F at E_F), "circle" (|k| = k_F in the
        kx-ky plane), "radius" (a segment from 0 to k_F). Title: E_F, k_F, lambda_F, v_F.
    """
    controls = {"n": float_slider("Density n (10¹⁵ electrons per m²)", 0.5, 8.0, density, step=0.1)}
    klim = (-K_MAX_NM, K_MAX_NM)
    plot = Plot(panels=[
        dict(x="k_nm", y="E_meV", xlim=klim, ylim=(0, 40), lines={
            "empty": dict(label="empty states", color=GREY, ls="-", lw=1.2),
            "filled": dict(label="filled states", color=PALETTE[0], ls="-", lw=3),
            "fermi_level": dict(label="Fermi energy", color=PALETTE[1], ls="--", lw=1.5),
            "fermi_points": dict(color=PALETTE[1], ls="none", marker="o", ms=9)}),
        dict(x="kx_nm", y="ky_nm", xlim=klim, ylim=klim, lines={
            "circle": dict(color=PALETTE[0], ls="-", lw=2),
            "radius": dict(color=PALETTE[1], ls="-", lw=1.5, marker="o", ms=5)}),
    ], figsize=(9, 4.2))
    band, circle = plot.axes
    band.set_title(f"GaAs, m* = {m_ratio} mₑ", fontsize="medium")
    band.legend(loc="upper center", fontsize="small")
    circle.set_title("Fermi circle", fontsize="medium")
    circle.set_aspect("equal")
    plot.show({"title": "n = 0.0×10¹⁵ m⁻²:  E_F = 00.0 meV\nk_F = 0.000/nm,  λ_F = 00 nm,  "
                        "v_F = 0.0×10⁵ m/s"})
    plot.freeze_layout()

    def compute(n):
        d = two_deg_picture(n * 1e15, m_ratio, k_max=K_MAX_NM)
        k, k_F, E_F = d["k"], d["k_F"], d["E_F_meV"]
        inside = np.abs(k) <= k_F
        return {
            "empty": (k, d["E_k"]),
            "filled": (k[inside], d["E_k"][inside]),
            "fermi_level": (list(klim), [E_F, E_F]),
            "fermi_points": ([-k_F, k_F], [E_F, E_F]),
            "circle": (d["circle_x"], d["circle_y"]),
            "radius": ([0, k_F], [0, 0]),
            "title": (f"n = {n:.1f}×10¹⁵ m⁻²:  E_F = {E_F:.1f} meV\nk_F = {k_F:.3f}/nm,  "
                      f"λ_F = {d['wavelength_nm']:.0f} nm,  v_F = {d['v_F'] / 1e5:.1f}×10⁵ m/s"),
        }

    intro = ("Raise the density: the Fermi circle grows (k_F ∝ √n), the Fermi energy rises "
             "in proportion to n, and the Fermi wavelength λ_F = 2π/k_F shrinks.")
    return Explorer(controls, plot, compute, intro=intro)
