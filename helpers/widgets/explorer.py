"""`Plot` (a figure whose artists are updated in place) and `Explorer` (controls + plot + compute).

Display: under ipympl (``setup()`` in a kernel) the figure canvas is itself a widget and sits in
the layout; it is redrawn with ``fig.canvas.draw_idle()``. Otherwise (inline backend, Voila
without ipympl) the figure is re-rendered as an image into an ``ipywidgets.Output``. Figures
are created with interactive mode off, so they are never shown twice. In static mode
(``setup(static=True)`` or ``LANDAUER_STATIC=1``) an explorer shows as a PNG of its current
state, with no widget view at all.

Two drawing paths: this module uses public matplotlib API only (the plain path); `Plot(fast=True)`
(the default) adds the tricks of `helpers.widgets.fast_path` (blitting, per-panel redraws, a layout
cache) when the installed matplotlib is one that module was written for and the environment
variable ``LANDAUER_PLAIN_DRAWING`` is not set. Both paths paint the same pixels.
"""

import base64
import io
import time
import types

import ipywidgets as w
import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter

from ..notebook import in_kernel, lecture_mode
from ..notebook import static_mode as notebook_static_mode
from ..plotting import LINESTYLES, OKABE_ITO, PALETTE, label
from . import fast_path
from .prefetch import main_thread_only

__all__ = ["Plot", "Explorer", "measure_update", "static_mode", "figure_size", "MAX_WIDTH_PX",
           "LECTURE_WIDTH_PX", "figure_width_px", "packed", "FixedWidthFormatter"]


def packed(curves):
    """Several (x, y) curves as one line's data, separated by NaN: one artist draws any number
    of curves (a family of modes, bands, edge states), so a control that changes how many there
    are only sets the data of one line.

    Parameters
    ----------
    curves : iterable of (array_like, array_like)
        Each curve's x and y, of equal lengths.

    Returns
    -------
    x, y : 1D float ndarrays
        The curves one after the other, each followed by a NaN; empty for no curve.
    """
    xs, ys = [], []
    for x, y in curves:
        xs += [np.asarray(x, float), [np.nan]]
        ys += [np.asarray(y, float), [np.nan]]
    if not xs:
        return np.array([]), np.array([])
    return np.concatenate(xs), np.concatenate(ys)


def static_mode():
    """True when explorers show as images (``setup(static=True)`` or ``LANDAUER_STATIC=1``)."""
    return notebook_static_mode()


class _GrownSize(tuple):
    """A (width, height) that `figure_size` made: a lecture-mode Plot does not grow it again."""


def figure_size(width, height):
    """(width, height) in inches for the course's 12 pt text, grown with larger fonts (lecture
    mode) so that labels keep their room; the width grows less, to fit a projected screen.

    In lecture mode an ipympl `Plot` grows any other `figsize` it is given the same way."""
    scale = max(1.0, mpl.rcParams["font.size"] / 12)
    return _GrownSize((width * min(scale, 1.25), height * scale))


#: Widest canvas (CSS pixels) an explorer draws: the output area of a notebook in JupyterLab
#: with its side panel open is about 980 px wide, and an ipympl canvas does not shrink to fit.
MAX_WIDTH_PX = 960

#: Width (CSS pixels) of every explorer canvas in lecture mode: the lesson column of
#: ``python -m helpers.lecture`` on a 1920-pixel projector. There the page scales each canvas
#: down to fit its window (width, and height with the explorer's controls), never up: a
#: figure is drawn once at the resolution of the widest screen it is meant for.
LECTURE_WIDTH_PX = 1360


def figure_width_px(width_inches):
    """Width (CSS pixels) an ipympl explorer figure `width_inches` wide is drawn at.

    Outside lecture mode, the figure's own width at the course's dpi, at most `MAX_WIDTH_PX`
    (so that it fits a notebook's column); in lecture mode (`helpers.notebook.lecture_mode`)
    always `LECTURE_WIDTH_PX`, narrow figures included (the page makes it fit the window).
    """
    if lecture_mode():
        return LECTURE_WIDTH_PX
    return min(mpl.rcParams["figure.dpi"] * width_inches, MAX_WIDTH_PX)


def _ipympl_active():
    backend = mpl.get_backend().lower()
    return "ipympl" in backend or backend == "widget"


def _new_figure(figsize=None):
    """A Figure for an explorer: an ipympl canvas widget if that backend is active, else Agg.

    An ipympl figure wider than `MAX_WIDTH_PX` is made at a lower resolution (everything scaled
    down together, so no panel is cut off at the edge of the notebook); in lecture mode every
    ipympl figure is made `LECTURE_WIDTH_PX` wide (`figure_width_px`), with its size in inches
    grown by `figure_size` for the larger text.
    """
    if _ipympl_active():
        if figsize is not None and lecture_mode() and not isinstance(figsize, _GrownSize):
            # an explorer's size is chosen for 12 pt text: give lecture mode's larger text room
            figsize = figure_size(*figsize)
        width = (figsize or mpl.rcParams["figure.figsize"])[0]
        dpi = figure_width_px(width) / width
        with plt.ioff():  # ipympl shows new figures by itself in interactive mode
            return plt.figure(figsize=figsize, dpi=dpi)
    fig = Figure(figsize=figsize)  # outside pyplot: the inline backend never shows it by itself
    FigureCanvasAgg(fig)
    return fig


#: With ``Plot(sticky_limits=True)`` an autoscaled axis keeps its limits while the data still
#: fill at least this fraction of them (a control change then repaints only the lines).
KEEP_LIMITS_FILL = 0.6


def _keep_limits_that_still_fit(ax, before, scale_x, scale_y):
    """Undo an autoscale step that would only shrink the view a little.

    The new limits are computed as usual; when they lie inside the previous ones and span at
    least `KEEP_LIMITS_FILL` of them (in decades on a log axis), the previous limits stay: all
    data remain visible, and the axes, ticks and labels need no redraw. Growing data always
    rescale, and so does any change of axis scale.
    """
    old_x, old_y, old_xscale, old_yscale = before
    for scaled, old, scale, current_scale, get, set_ in (
            (scale_x, old_x, old_xscale, ax.get_xscale(), ax.get_xlim, ax.set_xlim),
            (scale_y, old_y, old_yscale, ax.get_yscale(), ax.get_ylim, ax.set_ylim)):
        if not scaled or scale != current_scale:
            continue
        new = get()
        if scale == "log":
            if min(old + new) <= 0:
                continue
            o, n = np.log10(old), np.log10(new)
        else:
            o, n = np.asarray(old, float), np.asarray(new, float)
        lo, hi = sorted(o)
        nlo, nhi = sorted(n)
        if hi > lo and lo <= nlo and nhi <= hi and (nhi - nlo) >= KEEP_LIMITS_FILL * (hi - lo):
            set_(*old, auto=None)  # auto=None: autoscaling stays on for the next change


def stepped_top(largest, step, floor):
    """The next power of `step` at or above ``max(largest, floor)``.

    An autoscaled axis that ends there changes only when the data cross a step, not at every
    step of a slider (each change of the limits is a full redraw of that panel).
    """
    return step ** np.ceil(np.log(max(float(largest), floor)) / np.log(step))


class FixedWidthFormatter(Formatter):
    """The tick labels of `inner` (a matplotlib Formatter), padded on the left with figure
    spaces (the width of a digit) to `width` characters.

    `Plot` lays a figure out again (and redraws all of it) whenever the longest y tick label
    changes length; with every label the same length a control change that rescales an axis
    redraws that panel only, and the space kept for the labels fits the widest of them."""

    def __init__(self, inner, width):
        self.inner, self.width = inner, width

    def set_axis(self, axis):
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def set_locs(self, locs):
        self.inner.set_locs(locs)

    def __call__(self, x, pos=None):
        return self.inner(x, pos).rjust(self.width, "\u2007")

    def format_ticks(self, values):
        self.set_locs(values)
        return [self(value, i) for i, value in enumerate(values)]

    def get_offset(self):
        return self.inner.get_offset()


class Plot:
    """A figure with named, initially empty lines (and images), one or more panels.

    Parameters
    ----------
    x, y : str
        Keys of `helpers.plotting.LABELS` for the axis labels (single panel).
    lines : dict or list
        ``{name: legend label}`` (or a list of names, no legend), or
        ``{name: dict(label=..., color=..., ls=...)}`` for full control of the style.
    xlim, ylim : (float, float), optional
        Fixed limits; an axis without fixed limits autoscales at every update.
    panels : list of dict, optional
        Instead of x/y/lines/xlim/ylim: one dict with those keys per panel, side by side.
        Line names are unique across panels. A panel may also have:

        - ``image=dict(name=..., extent=(x0, x1, y0, y1), vmin=..., vmax=..., cmap=...,
          colorbar=<LABELS key>)``: an image filled by ``show({name: 2D array})`` (rows along
          y, ``origin="lower"``), with a colour bar;
        - ``ystep=dict(step=1.6, floor=1.0, symmetric=False, below=0.0)``: the autoscaled y
          axis reaches `stepped_top` of the largest |y| drawn in the panel (from -below x top,
          or from -top when `symmetric`), so that it changes only when the data cross a step;
        - ``yinclude=(lo, hi)``: the autoscaled y axis always includes this range.
    title : str, optional
        Figure title; `Explorer` results may set it (key ``"title"``).
    figsize : (float, float), optional
    sticky_limits : bool, optional
        Autoscaled axes keep their limits while the new data still fill most of them
        (`KEEP_LIMITS_FILL`), so that most control changes only repaint the lines.
    fast : bool, optional
        Draw with `helpers.widgets.fast_path` when it supports this matplotlib (default True);
        ``LANDAUER_PLAIN_DRAWING=1`` turns it off everywhere.
    """

    def __init__(self, x=None, y=None, lines=(), *, xlim=None, ylim=None, panels=None,
                 title=None, figsize=None, sticky_limits=False, fast=True):
        self.sticky_limits = sticky_limits
        self.before_show = []
        if panels is None:
            panels = [dict(x=x, y=y, lines=lines, xlim=xlim, ylim=ylim)]
        self.figure = _new_figure(figsize=figsize)
        self.axes = list(np.atleast_1d(self.figure.subplots(1, len(panels), squeeze=False)[0]))
        self.lines = {}
        self.images = {}
        self._image_panel = {}
        self._image_sources = {}
        self._line_panel = {}
        self._autoscale = []
        for index, (ax, panel) in enumerate(zip(self.axes, panels)):
            self._build_panel(index, ax, **panel)
        self._title = self.figure.suptitle(title or "")
        canvas = self.figure.canvas
        if isinstance(canvas, w.DOMWidget):  # ipympl
            canvas.header_visible = False
            canvas.toolbar_position = "right"
            self.output = None
            self.widget = canvas
        else:
            self.output = w.Output()
            self.widget = self.output
        self.renders = 0
        self._frozen_ticks = None  # set by freeze_layout
        self._layouts = {}  # freeze_layout's results by `_layout_key`
        self.fast = (fast_path.FastDrawing(self, blit=self.output is None) if fast_path.wanted(fast)
                     else None)

    def _build_panel(self, index, ax, x=None, y=None, lines=(), xlim=None, ylim=None, image=None,
                     ystep=None, yinclude=None):
        if x is not None:
            ax.set_xlabel(label(x))
        if y is not None:
            ax.set_ylabel(label(y))
        if not isinstance(lines, dict):
            lines = {name: None for name in lines}
        legend = False
        for i, (name, style) in enumerate(lines.items()):
            if name in self.lines or name in self.images:
                raise ValueError(f"line name {name!r} used twice")
            style = {"label": style} if not isinstance(style, dict) else dict(style)
            legend = legend or bool(style.get("label"))
            style.setdefault("color", PALETTE[i % len(PALETTE)])
            style.setdefault("ls", LINESTYLES[i % len(LINESTYLES)])
            (self.lines[name],) = ax.plot([], [], **style)
            self._line_panel[name] = index
        if image is not None:
            spec = dict(image)
            name = spec.pop("name")
            if name in self.lines or name in self.images:
                raise ValueError(f"image name {name!r} used twice")
            colorbar = spec.pop("colorbar", None)
            ax.grid(False)
            spec.setdefault("interpolation", "nearest")
            self.images[name] = ax.imshow(np.zeros((2, 2)), origin="lower", aspect="auto", **spec)
            self._image_panel[name] = index
            if colorbar is not None:
                bar = self.figure.colorbar(self.images[name],
                                           cax=ax.inset_axes([1.02, 0.0, 0.04, 1.0]))
                bar.set_label(label(colorbar))
        if legend:
            ax.legend(loc="best")
        if xlim is not None:
            ax.set_xlim(*xlim)
        if ylim is not None:
            ax.set_ylim(*ylim)
        self._autoscale.append((ax, xlim is None, ylim is None, ystep, yinclude))

    def invalidate(self, axes=None):
        """Declare a change besides the lines (a legend, a colour, a scale): the next update
        redraws it. `axes`: the panels that changed (an Axes of ``self.axes``, its index, or a
        list of them); by default the whole figure."""
        self._stack()
        if self.fast is None:
            return  # the plain path redraws everything at every update
        if axes is None:
            self.fast.invalidate()
            return
        indices = [ax if isinstance(ax, (int, np.integer)) else self.axes.index(ax)
                   for ax in np.atleast_1d(np.asarray(axes, dtype=object))]
        self.fast.invalidate(int(i) for i in indices)

    def show(self, data, sync=False):
        """Draw `data`: ``{line name: (x, y), image name: 2D array}``, plus optionally
        ``"title": str``.

        Functions in ``self.before_show`` are called first with `data` (for example to set an
        axis scale from the data, so that one update makes one redraw).
        """
        main_thread_only("Plot.show")
        for hook in self.before_show:
            hook(data)
        for name, value in data.items():
            if name == "title":
                self._title.set_text(value)
            elif name in self.lines:
                xdata, ydata = value
                self.lines[name].set_data(np.asarray(xdata), np.asarray(ydata))
            elif name in self.images:
                if value is not self._image_sources.get(name):  # a new array: a new picture
                    self.images[name].set_data(value)
                    self._image_sources[name] = value
                    self.invalidate(self._image_panel[name])
            else:
                known = ", ".join([*self.lines, *self.images])
                raise KeyError(f"no line named {name!r}; lines: {known}")
        for ax, scale_x, scale_y, ystep, yinclude in self._autoscale:
            if scale_x or scale_y:
                before = (ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale())
                ax.relim()
                if scale_y and (ystep or yinclude):
                    self._include(ax, ystep, yinclude)
                ax.autoscale_view(scalex=scale_x, scaley=scale_y)
                if self.sticky_limits and self.renders:
                    _keep_limits_that_still_fit(ax, before, scale_x, scale_y)
        # a frozen layout is redone when the y tick labels change width (1 -> 1e-31), so that
        # they never run into the axis label
        if self._frozen_ticks is not None and self._tick_labels() != self._frozen_ticks:
            self.freeze_layout()
        self.render(sync=sync)

    def _stack(self):
        """Legends and texts of a panel are drawn under its data lines (on both paths).

        A legend sits where the lines usually are not; where they cross, the line stays on
        top. The fast path can then repaint the lines alone, without redrawing text."""
        from matplotlib.legend import Legend
        from matplotlib.text import Text

        mine = set(map(id, self.lines.values()))
        for ax in self.axes:
            zorders = [a.get_zorder() for a in ax.lines if id(a) in mine]
            if not zorders:
                continue
            below = min(zorders) - 0.01
            for artist in ax.get_children():
                if isinstance(artist, (Legend, Text)) and artist.get_zorder() > below:
                    artist.set_zorder(below)

    def _include(self, ax, ystep, yinclude):
        """Extend the data limits of `ax` (before autoscaling) as its panel spec asks."""
        ys = []
        if yinclude is not None:
            ys += list(yinclude)
        if ystep is not None:
            spec = {"floor": 0.0, "symmetric": False, "below": 0.0, **ystep}
            drawn = [np.asarray(line.get_ydata(), float) for line in ax.lines if line.get_visible()]
            values = np.abs(np.concatenate(drawn)) if drawn else np.zeros(0)
            values = values[np.isfinite(values)]
            top = stepped_top(values.max() if values.size else 0.0, spec["step"],
                              max(spec["floor"], np.finfo(float).tiny))
            ys += [-top if spec["symmetric"] else -spec["below"] * top, top]
        x = ax.get_xlim()[0]
        ax.update_datalim([(x, y) for y in ys], updatex=False, updatey=True)

    def _tick_labels(self):
        """Length of the longest y tick label of each panel and whether it has an offset text."""
        state = []
        for ax in self.axes:
            lo, hi = sorted(ax.get_ylim())
            locs = [v for v in ax.yaxis.get_majorticklocs() if lo <= v <= hi]
            formatter = ax.yaxis.get_major_formatter()
            labels = formatter.format_ticks(locs)
            offset = formatter.get_offset() if hasattr(formatter, "get_offset") else ""
            state.append((max((len(text) for text in labels), default=0), bool(offset)))
        return tuple(state)

    def _layout_once(self):
        """Constrained layout of the figure as it is now, then no layout engine (public API)."""
        self.figure.set_layout_engine("constrained")
        # lay out without painting the canvas: an ipympl canvas painted before it is shown
        # keeps a size of 0 x 0 pixels in the browser
        self.figure.draw_without_rendering()
        self.figure.set_layout_engine("none")

    def freeze_layout(self):
        """Lay the figure out once (constrained layout) and keep that layout afterwards.

        Constrained layout at every redraw costs about as much as the rest of the draw; call
        this after labels, legends and limits are set (and again when a control changes them).
        A layout is kept per state (`_layout_key`): returning to a state (a scale toggled back)
        restores its positions instead of laying out again.
        """
        self._stack()
        if self.fast is not None:
            self.fast.before_layout(LECTURE_WIDTH_PX if lecture_mode() else MAX_WIDTH_PX)
        key = self._layout_key()
        if key in self._layouts:  # laid out before in this state
            positions, title_position = self._layouts[key]
            for ax, position in positions:
                ax.set_position(position)
                ax.set_in_layout(True)  # set_position takes it out of later layouts
            self._title.set_position(title_position)
        else:
            self._layout_once()
            if len(self._layouts) >= 16:
                self._layouts.pop(next(iter(self._layouts)))
            self._layouts[key] = ([(ax, ax.get_position(original=True).frozen())
                                   for ax in self.figure.axes], self._title.get_position())
        self._frozen_ticks = self._tick_labels()
        if self.fast is not None:
            self.fast.after_layout(key)

    def _layout_key(self):
        """What a frozen layout depends on (the panels' positions in figure fractions)."""
        figure = self.figure
        axes = tuple((ax.get_xscale(), ax.get_yscale(), ax.get_xlabel(), ax.get_ylabel(),
                      ax.get_title()) for ax in figure.axes)
        title = self._title.get_text()
        return (tuple(figure.get_size_inches()), figure.dpi, axes, self._tick_labels(),
                bool(title), title.count("\n"), len(figure.axes))

    def tidy(self, *, ticks=5, integer_x=False):
        """Few tick labels on every linear axis (drawing text is most of a full redraw), then
        `freeze_layout`. Axes with a fixed locator (``set_xticks``, `FixedLocator`) keep it."""
        from matplotlib.ticker import FixedLocator, MaxNLocator

        for ax in self.figure.axes:
            for axis, integer in ((ax.xaxis, integer_x), (ax.yaxis, False)):
                if axis.get_scale() == "linear" and not isinstance(axis.get_major_locator(),
                                                                   FixedLocator):
                    axis.set_major_locator(MaxNLocator(ticks, steps=[1, 2, 2.5, 5, 10],
                                                       integer=integer))
        self.freeze_layout()

    def render(self, sync=False):
        """Refresh what the student sees.

        Under ipympl: a redraw (lazy, or immediate with ``sync=True``); the fast path repaints
        only what changed. Inline: a new image in the output area (with ``sync=True`` outside a
        kernel: a full draw, for timing).
        """
        self.renders += 1
        canvas = self.figure.canvas
        if self.output is None:
            if self.fast is not None:
                self.fast.render(sync)
            else:
                canvas.draw() if sync else canvas.draw_idle()
        elif in_kernel() and not static_mode():
            from IPython.display import display
            with self.output:
                self.output.clear_output(wait=True)
                display(self.figure)
        elif sync:
            canvas.draw()

    def png(self, dpi=100):
        """The figure as it is now, as PNG bytes (static mode, static figures)."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        return buffer.getvalue()

    def data(self, name):
        """(x, y) arrays currently drawn by line `name` (an image: its 2D array)."""
        if name == "title":
            return self._title.get_text()
        if name in self.images:
            return np.asarray(self.images[name].get_array())
        xdata, ydata = self.lines[name].get_data()
        return np.asarray(xdata), np.asarray(ydata)

    # counters of the fast path, 0 on the plain one (tests, benchmarks)
    @property
    def blits(self):
        return self.fast.blits if self.fast is not None else 0

    @property
    def partial_draws(self):
        return self.fast.partial_draws if self.fast is not None else 0

    @property
    def needs_full_draw(self):
        """True when the next picture needs a full draw (always on the plain path)."""
        return self.fast is None or not self.fast.blit or self.fast.background is None


class Explorer:
    """Controls + a `Plot` + one compute function, wired together.

    Parameters
    ----------
    controls : dict
        ``{name: widget}``; each name is a keyword argument of `compute`.
    plot : Plot
    compute : callable
        ``compute(**values) -> {line name: (x, y), image name: array, ["title": str]}``: calls
        ONE physics function and returns what to draw. It must not touch the figure.
    intro : str, optional
        A line of text (HTML/Math) above the controls, e.g. what to look for.
    state : dict, optional
        What the explorer keeps between updates (caches, a running `Prefetch`), declared here
        and reachable as attributes of ``explorer.state`` (e.g. ``explorer.state.scans``).
    progress : Progress, optional
        A progress bar that `compute` reports to while a long computation runs; it sits in the
        explorer's layout, hidden when idle.

    Driving it from Python does exactly what the browser does::

        ex.controls["bias"].value = 0.3     # recomputes and redraws
        x, y = ex.data("window")            # what is drawn now
    """

    def __init__(self, controls, plot, compute, *, intro=None, state=None, progress=None):
        self.controls = dict(controls)
        self.plot = plot
        self.compute = compute
        self.intro = intro
        self.state = types.SimpleNamespace(**(state or {}))
        self.progress = progress
        self.result = None
        self.error = None
        self.timing = {}
        self._sync_draw = False
        self.status = w.HTML()
        parts = [w.HTMLMath(intro)] if intro else []
        parts += [w.VBox(list(self.controls.values()))]
        if progress is not None:
            parts.append(progress.widget)
        parts += [self.status, plot.widget]
        self.widget = w.VBox(parts)
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()

    def values(self):
        """Current control values, ``{name: value}``."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self):
        """Recompute with the current control values and redraw (exceptions propagate)."""
        main_thread_only("Explorer.update")
        start = time.perf_counter()
        result = self.compute(**self.values())
        computed = time.perf_counter()
        self.plot.show(result, sync=self._sync_draw)
        self.timing = {"compute": computed - start, "draw": time.perf_counter() - computed}
        self.result = result
        self.error = None
        self.status.value = ""
        return result

    def _on_change(self, change):
        # From the browser: show a short message instead of a traceback in the log.
        try:
            self.update()
        except Exception as exc:
            self.error = exc
            self.status.value = (f'<span style="color:{OKABE_ITO["vermillion"]}">Could not '
                                 f'compute this case ({type(exc).__name__}: {exc}).</span>')

    def data(self, name):
        """(x, y) arrays currently drawn by line `name` (or the title text for "title")."""
        return self.plot.data(name)

    def display(self):
        from IPython.display import display
        display(self)

    def _repr_mimebundle_(self, **kwargs):
        if static_mode():
            png = base64.b64encode(self.plot.png()).decode("ascii")
            return {"image/png": png, "text/plain": f"<{type(self).__name__}: {self.plot.data('title')}>"}
        return self.widget._repr_mimebundle_(**kwargs)


def measure_update(explorer, control, values, *, repeat=1):
    """Time each change of `explorer.controls[control]` to `values`, as the browser makes it.

    The whole change is timed: every observer of the control (a scale toggle that lays the
    figure out again, a legend update) and the explorer's compute and real, synchronous redraw.
    Returns a list of dicts ``{"value", "compute", "draw", "other", "total"}`` in seconds
    ("other": the observers besides the explorer's own update); with `repeat` > 1 the control
    is moved away and back and the fastest change is kept. For tests/benchmarks/run.py; never
    assert on these in a timed test.
    """
    widget = explorer.controls[control]
    original = widget.value
    rows = []
    explorer._sync_draw = True
    try:
        for value in values:
            best = None
            for _ in range(repeat):
                away = next((v for v in [*values, original] if v != value), None)
                if widget.value == value and away is not None:
                    widget.value = away  # a change is needed: step away without timing
                start = time.perf_counter()
                if widget.value != value:
                    widget.value = value  # the same path as a change in the browser
                else:
                    explorer.update()     # nothing else to change to: one update
                total = time.perf_counter() - start
                if explorer.error is not None:
                    raise explorer.error
                row = {"value": value, **explorer.timing, "total": total}
                row["other"] = max(total - row["compute"] - row["draw"], 0.0)
                if best is None or row["total"] < best["total"]:
                    best = row
            rows.append(best)
    finally:
        explorer._sync_draw = False
        widget.value = original
    return rows
