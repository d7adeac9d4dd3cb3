"""`Plot` (a figure whose artists are updated in place) and `Explorer` (controls + plot + compute).

Display: under ipympl (``setup()`` in a kernel) the figure canvas is itself a widget and sits in
the layout; it is redrawn with ``fig.canvas.draw_idle()``. Otherwise (inline backend, Voila
without ipympl) the figure is re-rendered as an image into an ``ipywidgets.Output``. Figures
are created with interactive mode off, so they are never shown twice.
"""

import time

import ipywidgets as w
import matplotlib as mpl
from matplotlib.colors import to_rgba
import matplotlib.pyplot as plt
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
import numpy as np

from ..plotting import label, LINESTYLES, PALETTE

__all__ = ["Plot", "Explorer", "measure_update"]


def _in_kernel():
    try:
        from IPython import get_ipython
        return hasattr(get_ipython(), "kernel")
    except Exception:
        return False


def _new_figure(**kwargs):
    """A Figure for an explorer: an ipympl canvas widget if that backend is active, else Agg."""
    backend = mpl.get_backend().lower()
    if "ipympl" in backend or backend == "widget":
        with plt.ioff():  # ipympl shows new figures by itself in interactive mode
            return plt.figure(**kwargs)
    fig = Figure(**kwargs)  # outside pyplot: the inline backend never shows it by itself
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


#: Widest canvas (CSS pixels) an explorer draws: the output area of a notebook in JupyterLab
#: with its side panel open is about 980 px wide, and an ipympl canvas does not shrink to fit.
MAX_WIDTH_PX = 960


def _fit_width(figure):
    """Lower the resolution of a figure wider than `MAX_WIDTH_PX`, keeping its layout.

    Everything scales down together (a zoomed-out view), so no panel is cut off at the edge of
    the notebook. ipympl rescales from ``figure._original_dpi`` for high-DPI screens, so both
    are set.
    """
    width_px = figure.get_figwidth() * figure.dpi
    if width_px > MAX_WIDTH_PX:
        dpi = MAX_WIDTH_PX / figure.get_figwidth()
        figure._original_dpi = dpi
        figure.set_dpi(dpi)


class Plot:
    """A figure with named, initially empty lines, one or more panels.

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
        Line names are unique across panels.
    title : str, optional
        Figure title; `Explorer` results may set it (key ``"title"``).
    figsize : (float, float), optional
    sticky_limits : bool, optional
        Autoscaled axes keep their limits while the new data still fill most of them
        (`KEEP_LIMITS_FILL`), so that most control changes only repaint the lines.
    """

    def __init__(self, x=None, y=None, lines=(), *, xlim=None, ylim=None, panels=None,
                 title=None, figsize=None, sticky_limits=False):
        self.sticky_limits = sticky_limits
        self.before_show = []
        if panels is None:
            panels = [dict(x=x, y=y, lines=lines, xlim=xlim, ylim=ylim)]
        self.figure = _new_figure(figsize=figsize)
        self.axes = list(np.atleast_1d(self.figure.subplots(1, len(panels), squeeze=False)[0]))
        self.lines = {}
        self._autoscale = []
        for ax, panel in zip(self.axes, panels):
            self._build_panel(ax, **panel)
        self._title = self.figure.suptitle(title or "")
        canvas = self.figure.canvas
        if isinstance(canvas, w.DOMWidget):  # ipympl
            _fit_width(self.figure)
            canvas.header_visible = False
            canvas.toolbar_position = "right"
            self.output = None
            self.widget = canvas
        else:
            self.output = w.Output()
            self.widget = self.output
        self.renders = 0
        self.blits = 0
        # Under ipympl the lines and the title are "animated": a full draw paints everything
        # else (axes, ticks, labels: most of the cost) and keeps it as a background, and a
        # control change that leaves the axis limits alone only repaints the lines (blitting).
        self._background = None
        self._frame = None
        self._frozen_ticks = None  # set by freeze_layout
        # With a frozen layout, a control change that moves the limits of some panels redraws
        # only those panels, each inside its own cell of the figure (see `_panel_cells`).
        self._cells = None
        self._cells_size = None  # figure size (inches) the cells were computed for; any dpi
        self._layouts = {}  # freeze_layout's results by `_layout_key`
        self._dirty = set()
        self.partial_draws = 0
        self._blit = self.output is None
        if self._blit:
            for artist in self._animated():
                artist.set_animated(True)
            canvas.mpl_connect("draw_event", self._on_full_draw)

    def _build_panel(self, ax, x=None, y=None, lines=(), xlim=None, ylim=None):
        if x is not None:
            ax.set_xlabel(label(x))
        if y is not None:
            ax.set_ylabel(label(y))
        if not isinstance(lines, dict):
            lines = {name: None for name in lines}
        legend = False
        for i, (name, style) in enumerate(lines.items()):
            if name in self.lines:
                raise ValueError(f"line name {name!r} used twice")
            style = {"label": style} if not isinstance(style, dict) else dict(style)
            legend = legend or bool(style.get("label"))
            style.setdefault("color", PALETTE[i % len(PALETTE)])
            style.setdefault("ls", LINESTYLES[i % len(LINESTYLES)])
            (self.lines[name],) = ax.plot([], [], **style)
        if legend:
            ax.legend(loc="best")
        if xlim is not None:
            ax.set_xlim(*xlim)
        if ylim is not None:
            ax.set_ylim(*ylim)
        self._autoscale.append((ax, xlim is None, ylim is None))

    def invalidate(self, axes=None):
        """Forget (part of) the kept background: the next update redraws it once.

        For explorers that change something besides the lines (an image, a colour scale, a
        legend). `axes`: the panels that changed (an Axes of ``self.axes``, its index, or a list
        of them); by default the whole figure.
        """
        if axes is None:
            self._background = None
            return
        for ax in np.atleast_1d(np.asarray(axes, dtype=object)):
            index = ax if isinstance(ax, (int, np.integer)) else self.axes.index(ax)
            self._dirty.add(int(index))

    def show(self, data, sync=False):
        """Draw `data`: ``{line name: (x, y)}``, plus optionally ``"title": str``.

        Functions in ``self.before_show`` are called first with `data` (for example to set an
        axis scale from the data, so that one update makes one redraw).
        """
        for hook in self.before_show:
            hook(data)
        for name, value in data.items():
            if name == "title":
                self._title.set_text(value)
            elif name in self.lines:
                xdata, ydata = value
                self.lines[name].set_data(np.asarray(xdata), np.asarray(ydata))
            else:
                raise KeyError(f"no line named {name!r}; lines: {', '.join(self.lines)}")
        for ax, scale_x, scale_y in self._autoscale:
            if scale_x or scale_y:
                before = (ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale())
                ax.relim()
                ax.autoscale_view(scalex=scale_x, scaley=scale_y)
                if self.sticky_limits and self.renders:
                    _keep_limits_that_still_fit(ax, before, scale_x, scale_y)
        # a frozen layout is redone when the y tick labels change width (1 -> 1e-31), so that
        # they never run into the axis label
        if self._frozen_ticks is not None and self._tick_labels() != self._frozen_ticks:
            self.freeze_layout()
        self.render(sync=sync)

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

    def _animated(self):
        return [*self.lines.values(), self._title]

    def _frame_state(self):
        """What a background depends on: per panel its axis limits and scales; the figure size."""
        axes = tuple((ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale()) for ax in self.axes)
        figure = (tuple(self.figure.get_size_inches()), self.figure.dpi,
                  self.figure.canvas.get_width_height())
        return axes, figure

    def _on_full_draw(self, event):
        canvas = self.figure.canvas
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self._frame = self._frame_state()
        self._dirty.clear()
        for artist in self._animated():
            self.figure.draw_artist(artist)

    def _panel_cells(self):
        """Each panel's own rectangle of the figure, and the artists drawn inside it.

        Computed from the frozen layout, in figure fractions: a panel's cell reaches from its
        tight box (ticks, labels, legend, colour bar) halfway to its neighbours' and to the figure
        edges elsewhere. Returns ``[(x0, y0, x1, y1), [artists]]`` per panel, or None when two
        panels overlap (twin axes, insets drawn over another panel): those always redraw fully.
        """
        renderer = self.figure._get_renderer()
        to_fraction = self.figure.transFigure.inverted()
        animated = set(map(id, self._animated()))
        children = [a for a in self.figure.get_children()
                    if a is not self.figure.patch and id(a) not in animated and a.get_visible()]
        boxes = {}
        for artist in children:
            box = artist.get_tightbbox(renderer)
            if box is not None:
                boxes[id(artist)] = to_fraction.transform_bbox(box)
        cells = []
        for ax in self.axes:
            box = boxes[id(ax)]
            x0, y0, x1, y1 = 0.0, 0.0, 1.0, 1.0
            for other in self.axes:
                if other is ax:
                    continue
                o = boxes[id(other)]
                if o.x0 >= box.x1:
                    x1 = min(x1, (box.x1 + o.x0) / 2)
                elif o.x1 <= box.x0:
                    x0 = max(x0, (o.x1 + box.x0) / 2)
                elif o.y0 >= box.y1:
                    y1 = min(y1, (box.y1 + o.y0) / 2)
                elif o.y1 <= box.y0:
                    y0 = max(y0, (o.y1 + box.y0) / 2)
                else:
                    return None
            inside = [a for a in children if id(a) in boxes and (a is ax or (
                boxes[id(a)].x0 < x1 and boxes[id(a)].x1 > x0
                and boxes[id(a)].y0 < y1 and boxes[id(a)].y1 > y0))]
            if any(a in self.axes and a is not ax for a in inside):
                return None
            inside.sort(key=lambda a: a.get_zorder())
            cells.append(((x0, y0, x1, y1), inside))
        return cells

    def _redraw_panels(self, indices):
        """Repaint the cells of some panels on the kept background, which then includes them.

        Each cell is cleared to the figure colour, its artists are drawn (the animated lines
        are not), and whatever they painted outside the cell is undone, so that the rest of
        the figure stays exactly as it was.
        """
        canvas = self.figure.canvas
        canvas.restore_region(self._background)
        pixels = np.asarray(canvas.get_renderer().buffer_rgba())
        before = pixels.copy()
        height, width = pixels.shape[:2]
        face = np.round(255 * np.array(to_rgba(self.figure.get_facecolor()))).astype(np.uint8)
        slices = []
        for i in sorted(indices):
            (x0, y0, x1, y1), artists = self._cells[i]
            rows = slice(int(np.floor(height * (1 - y1))), int(np.ceil(height * (1 - y0))))
            columns = slice(int(np.floor(width * x0)), int(np.ceil(width * x1)))
            pixels[rows, columns] = face
            slices.append((rows, columns))
            for artist in artists:
                self.figure.draw_artist(artist)
        painted = [pixels[r, c].copy() for r, c in slices]
        pixels[...] = before
        for (r, c), patch in zip(slices, painted):
            pixels[r, c] = patch
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self._frame = self._frame_state()
        self._dirty.clear()
        self.partial_draws += 1

    def freeze_layout(self):
        """Lay the figure out once (constrained layout) and keep that layout afterwards.

        Constrained layout at every redraw costs about as much as the rest of the draw; call
        this after labels, legends and limits are set (and again when a control changes them).
        """
        if self._blit:
            _fit_width(self.figure)  # the figure may have been resized since it was made
        key = self._layout_key()
        if key in self._layouts:  # laid out before in this state (a scale toggled back)
            positions, title_position, self._cells = self._layouts[key]
            for ax, position in positions:
                ax._set_position(position)  # as the layout engine does (set_position would
                # take the axes out of later layouts)
            self._title.set_position(title_position)
        else:
            self.figure.set_layout_engine("constrained")
            # lay out without painting the canvas: an ipympl canvas painted before it is shown
            # keeps a size of 0 x 0 pixels in the browser
            self.figure.draw_without_rendering()
            self.figure.set_layout_engine("none")
            self._cells = self._panel_cells() if self._blit and len(self.axes) > 1 else None
            if len(self._layouts) >= 16:
                self._layouts.pop(next(iter(self._layouts)))
            self._layouts[key] = ([(ax, ax.get_position(original=True).frozen())
                                   for ax in self.figure.axes],
                                  self._title.get_position(), self._cells)
        self._background = None
        self._frozen_ticks = self._tick_labels()
        self._cells_size = tuple(self.figure.get_size_inches())

    def _layout_key(self):
        """What a frozen layout depends on (the panels' positions in figure fractions)."""
        figure = self.figure
        axes = tuple((ax.get_xscale(), ax.get_yscale(), ax.get_xlabel(), ax.get_ylabel(),
                      ax.get_title()) for ax in figure.axes)
        title = self._title.get_text()
        return (tuple(figure.get_size_inches()), axes, self._tick_labels(), bool(title),
                title.count("\n"), len(figure.axes))

    def render(self, sync=False):
        """Refresh what the student sees.

        Under ipympl: repaint only the lines on the kept background when no axis changed,
        otherwise a full redraw (lazy, or immediate with ``sync=True``). Inline: a new image
        in the output area (with ``sync=True`` outside a kernel: a full draw, for timing).
        """
        self.renders += 1
        canvas = self.figure.canvas
        if self._blit:
            changed = self._changed_panels()
            if changed and changed != set(range(len(self.axes))):
                self._redraw_panels(changed)
                changed = set()
            if changed == set():
                canvas.restore_region(self._background)
                for artist in self._animated():
                    self.figure.draw_artist(artist)
                canvas.blit(self.figure.bbox)
                self.blits += 1
            else:
                self._background = None  # stale until the next full draw repaints
                canvas.draw() if sync else canvas.draw_idle()
        elif _in_kernel():
            from IPython.display import display
            with self.output:
                self.output.clear_output(wait=True)
                display(self.figure)
        elif sync:
            canvas.draw()

    def _changed_panels(self):
        """Indices of the panels to redraw before blitting; None: redraw the whole figure."""
        if self._background is None:
            return None
        (axes, figure), (old_axes, old_figure) = self._frame_state(), self._frame
        if figure != old_figure:
            return None
        changed = {i for i, (new, old) in enumerate(zip(axes, old_axes)) if new != old}
        changed |= self._dirty
        if changed and (self._cells is None or self._cells_size != tuple(self.figure.get_size_inches())):
            return None  # no cells, or the figure was resized since they were computed
        return changed

    def data(self, name):
        """(x, y) arrays currently drawn by line `name`."""
        if name == "title":
            return self._title.get_text()
        xdata, ydata = self.lines[name].get_data()
        return np.asarray(xdata), np.asarray(ydata)


class Explorer:
    """Controls + a `Plot` + one compute function, wired together.

    Parameters
    ----------
    controls : dict
        ``{name: widget}``; each name is a keyword argument of `compute`.
    plot : Plot
    compute : callable
        ``compute(**values) -> {line name: (x, y), ["title": str]}``: calls ONE physics function
        and returns what to draw. It must not touch the figure.
    intro : str, optional
        A line of text (HTML/Math) above the controls, e.g. what to look for.

    Driving it from Python does exactly what the browser does::

        ex.controls["bias"].value = 0.3     # recomputes and redraws
        x, y = ex.data("window")            # what is drawn now
    """

    def __init__(self, controls, plot, compute, *, intro=None):
        self.controls = dict(controls)
        self.plot = plot
        self.compute = compute
        self.result = None
        self.error = None
        self.timing = {}
        self._sync_draw = False
        self.status = w.HTML()
        parts = [w.HTMLMath(intro)] if intro else []
        parts += [w.VBox(list(self.controls.values())), self.status, plot.widget]
        self.widget = w.VBox(parts)
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()

    def values(self):
        """Current control values, ``{name: value}``."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self):
        """Recompute with the current control values and redraw (exceptions propagate)."""
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
            self.status.value = (f'<span style="color:#D55E00">Could not compute this case '
                                 f'({type(exc).__name__}: {exc}).</span>')

    def data(self, name):
        """(x, y) arrays currently drawn by line `name` (or the title text for "title")."""
        return self.plot.data(name)

    def display(self):
        from IPython.display import display
        display(self.widget)

    def _repr_mimebundle_(self, **kwargs):
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
            for attempt in range(repeat):
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
