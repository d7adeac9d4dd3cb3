"""The widget layer: controls + one figure + one physics call, updated in place.

A lesson builds an explorer in three parts (see `Explorer`):

    controls = {"bias": float_slider("Bias eV", 0, 1, 0.2),
                "kT": float_slider("kT", 0.001, 0.2, 0.02, slow=True)}
    plot = Plot(x="E", y="f", lines={"left": "f_L", "right": "f_R", "window": "f_L - f_R"})
    def compute(bias, kT):                      # calls physics, returns what to draw
        E = np.linspace(-1, 1, 401)
        fl, fr = fermi(E, bias / 2, kT), fermi(E, -bias / 2, kT)
        return {"left": (E, fl), "right": (E, fr), "window": (E, fl - fr)}
    Explorer(controls, plot, compute)           # last line of the cell shows it

No physics lives here; physics modules never import this package.
"""

from .controls import dropdown, float_slider, int_slider, toggle
from .explorer import (Explorer, FixedWidthFormatter, Plot, figure_size, measure_update, packed,
                       static_mode)
from .prefetch import Prefetch
from .progress import Progress
from .questions import ConceptQuestion

__all__ = ["float_slider", "int_slider", "dropdown", "toggle", "Plot", "Explorer",
           "measure_update", "packed", "ConceptQuestion", "Prefetch", "Progress", "static_mode",
           "figure_size", "FixedWidthFormatter"]
