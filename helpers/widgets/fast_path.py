"""The fast drawing path of `Plot`: every trick that relies on matplotlib internals lives here.

`Plot` draws through public matplotlib API only (``fig.canvas.draw_idle()``, public setters).
This module makes control changes cheaper under ipympl, the JupyterLab/Voila backend:

- blitting: the lines, whatever a full draw paints over them (legends, spines, panel titles)
  and the title are "animated"; a full draw paints everything else (axes, ticks, labels: most of
  the cost) and keeps it as a background, and a change that leaves the axis limits alone only
  repaints the animated artists on that background, in the order a full draw paints them;
- panel cells: with a frozen layout, a change that moves the limits of some panels redraws
  only those panels, each inside its own rectangle of the figure (pixel edits in the Agg
  buffer);
- a width fit that survives ipympl's high-DPI rescaling (``figure._original_dpi``);
- ticks worked out once per draw: matplotlib lays out the ticks and tick labels of an axis
  three times while drawing it (for the axis, for placing its label, for the axes title);
  within one draw they cannot change, so the first result is reused (`_ticks_once_per_draw`);
- legends drawn from their parts: a legend lays its entries out (text extents, packing) at
  every draw, and it is drawn at every change (it sits over the lines); as long as nothing its
  layout depends on changed (texts, fonts, place, the panel's box, the resolution), its texts and
  handles are drawn where the last layout put them (`_legend_drawn_from_parts`);
- cheaper frames: ipympl sends each redraw to the browser as a PNG of the changed pixels
  (transparent elsewhere); `png_rgba` writes it without PNG's per-row filters and with zlib's
  run-length strategy, which such mostly-empty frames suit: a quarter of Pillow's encoding
  time for files of about the same size, the same pixels.

It was written for the matplotlib versions in `WRITTEN_FOR`; with any other version, or with
the environment variable ``LANDAUER_PLAIN_DRAWING=1``, `Plot` uses the plain path (silently:
students see the same figures, a little slower).
"""

import contextlib
import os
import struct
import types
import zlib

import matplotlib as mpl
import numpy as np
from matplotlib.colors import to_rgba

__all__ = ["WRITTEN_FOR", "PLAIN_VARIABLE", "available", "wanted", "png_rgba", "FastDrawing"]

#: (major, minor) versions of matplotlib whose internals this module was checked against: with
#: each, tests/test_explorer_redraws.py finds the same pixels on both paths for every control.
WRITTEN_FOR = {(3, 10), (3, 11)}
#: Environment variable that turns the fast path off everywhere (any value but "", "0").
PLAIN_VARIABLE = "LANDAUER_PLAIN_DRAWING"


def available():
    """True when the installed matplotlib is one this module was written for."""
    parts = mpl.__version__.split(".")
    try:
        version = (int(parts[0]), int(parts[1]))
    except (IndexError, ValueError):
        return False
    return version in WRITTEN_FOR


def wanted(fast=True):
    """Whether a `Plot(fast=fast)` draws with this module: asked for, not turned off by the
    environment, and a matplotlib version it knows."""
    plain = os.environ.get(PLAIN_VARIABLE, "").strip() not in ("", "0")
    return bool(fast) and not plain and available()


def png_rgba(pixels):
    """PNG bytes of an RGBA image, every row unfiltered, compressed run-length (zlib `Z_RLE`).

    Parameters
    ----------
    pixels : ndarray of uint8, shape (height, width, 4)

    Returns
    -------
    bytes
        A PNG file (8-bit RGBA, not interlaced) with exactly these pixels.
    """
    pixels = np.asarray(pixels)
    if pixels.dtype != np.uint8 or pixels.ndim != 3 or pixels.shape[2] != 4:
        raise ValueError(f"pixels must be uint8 of shape (height, width, 4), got "
                         f"{pixels.dtype} {pixels.shape}")
    height, width = pixels.shape[:2]
    rows = np.zeros((height, 1 + 4 * width), np.uint8)  # a leading 0 per row: filter "None"
    rows[:, 1:] = pixels.reshape(height, 4 * width)
    packer = zlib.compressobj(1, zlib.DEFLATED, zlib.MAX_WBITS, 9, zlib.Z_RLE)
    data = packer.compress(rows.tobytes()) + packer.flush()

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8 bits, RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
            + chunk(b"IEND", b""))


def _diff_image(canvas):
    """`FigureCanvasWebAggCore.get_diff_image` (matplotlib 3.10, 3.11) with the PNG written
    by `png_rgba`: the changed pixels since the last frame (or all of them), as PNG bytes."""
    if not canvas._png_is_old:
        return None
    pixels = np.asarray(canvas.get_renderer().buffer_rgba())
    buff = pixels.view(np.uint32).squeeze(2)  # one uint32 per pixel: one comparison each
    if (canvas._force_full or buff.shape != canvas._last_buff.shape
            or (pixels[:, :, 3] != 255).any()):  # transparency cannot be overlaid: a full frame
        canvas.set_image_mode("full")
        output = buff
    else:
        canvas.set_image_mode("diff")
        output = np.where(buff != canvas._last_buff, buff, 0)
    canvas._last_buff = buff.copy()
    canvas._force_full = False
    canvas._png_is_old = False
    return png_rgba(output.view(dtype=np.uint8).reshape((*output.shape, 4)))


def encode_frames(canvas):
    """Make a web canvas (ipympl) encode its frames with `png_rgba`; other canvases are left
    as they are. Returns True when done."""
    needed = ("get_diff_image", "_png_is_old", "_force_full", "_last_buff", "set_image_mode")
    if not all(hasattr(canvas, name) for name in needed):
        return False
    canvas.get_diff_image = types.MethodType(_diff_image, canvas)
    return True


def _ticks_once_per_draw(drawing, axis):
    """Make `axis` lay out its ticks (``Axis._update_ticks``, matplotlib 3.10, 3.11) and their
    label boxes (``Axis._get_ticklabel_bboxes``) once per draw of `drawing` (a `FastDrawing`);
    outside a draw (a tight box for a layout, a test) they are computed every time."""
    update_ticks, label_boxes = axis._update_ticks, axis._get_ticklabel_bboxes
    memo = {}

    def _update_ticks():
        if drawing.draw_pass is None:
            return update_ticks()
        if memo.get("ticks", (None,))[0] != drawing.draw_pass:
            memo["ticks"] = (drawing.draw_pass, update_ticks())
        return memo["ticks"][1]

    def _get_ticklabel_bboxes(ticks, renderer):
        if drawing.draw_pass is None:
            return label_boxes(ticks, renderer)
        key = (drawing.draw_pass, id(ticks), id(renderer))
        if memo.get("boxes", (None,))[0] != key:
            memo["boxes"] = (key, label_boxes(ticks, renderer), ticks)  # ticks: keeps the id
        return memo["boxes"][1]

    axis._update_ticks = _update_ticks
    axis._get_ticklabel_bboxes = _get_ticklabel_bboxes


def _legend_parts(box):
    """The artists a legend's box (matplotlib 3.10, 3.11) draws, in drawing order, or None for
    a kind of box this does not know."""
    from matplotlib.offsetbox import DrawingArea, HPacker, TextArea, VPacker

    if isinstance(box, TextArea):
        return [box._text]
    if isinstance(box, DrawingArea):
        return list(box._children)  # each of them skips itself when invisible
    if type(box) in (HPacker, VPacker):
        parts = []
        for child in box.get_visible_children():
            inner = _legend_parts(child)
            if inner is None:
                return None
            parts += inner
        return parts
    return None


def _legend_layout_key(legend, renderer):
    """What the layout of `legend` depends on; None where it also depends on the data (the
    "best" place) or on what this does not follow (a shadow, an expanded box)."""
    if legend._loc == 0 or legend.shadow or legend._mode == "expand":
        return None
    texts = tuple((t.get_text(), t.get_visible(), t.get_fontsize(), t.get_fontfamily()[0])
                  for t in [legend.get_title(), *legend.texts])
    return (texts, legend._loc, legend.get_bbox_to_anchor().bounds, renderer.points_to_pixels(1.0),
            legend._fontsize)


def _legend_drawn_from_parts(legend):
    """After a full draw of `legend` has laid it out, draw its frame, texts and handles
    directly, where that layout put them (their offsets stay set), until its layout key
    changes: the same pixels without laying the entries out again."""
    full_draw = legend.draw
    memo = {"key": None, "parts": None}

    def draw(renderer):
        if not legend.get_visible():
            return
        key = _legend_layout_key(legend, renderer)
        if key is None or key != memo["key"] or memo["parts"] is None:
            full_draw(renderer)
            memo["key"] = key
            memo["parts"] = None if key is None else _legend_parts(legend._legend_box)
            return
        legend.legendPatch.draw(renderer)
        for part in memo["parts"]:
            part.draw(renderer)
        legend.stale = False

    legend.draw = draw
    legend._drawn_from_parts = True


def _fixed_layout(figure):
    """True when drawing `figure` does not move its axes (no layout engine, or a frozen one)."""
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    return isinstance(figure.get_layout_engine(), (type(None), PlaceHolderLayoutEngine))


def fit_dpi(figure, max_width_px):
    """Lower the resolution of a figure wider than `max_width_px` CSS pixels, keeping its layout.

    On a high-DPI screen ipympl draws at ``figure._original_dpi`` times the screen's device
    pixel ratio: the width is measured at ``_original_dpi`` (CSS pixels), both are set, and
    the ratio is kept (otherwise the figure would shrink on such a screen at every refit).
    """
    css_dpi = getattr(figure, "_original_dpi", figure.dpi)
    if figure.get_figwidth() * css_dpi > max_width_px:
        ratio = figure.dpi / css_dpi
        dpi = max_width_px / figure.get_figwidth()
        figure._original_dpi = dpi
        figure.set_dpi(dpi * ratio)


class FastDrawing:
    """The fast path of one `Plot` (see the module docstring); ``plot.fast`` when in use.

    Attributes
    ----------
    blit : bool
        Blitting and panel cells are on (an ipympl canvas); otherwise only the layout cache.
    blits, partial_draws : int
        Updates that repainted only the animated artists, and those that redrew some panels.
    """

    def __init__(self, plot, *, blit):
        self.plot = plot
        self.figure = plot.figure
        self.blit = blit
        self.blits = 0
        self.partial_draws = 0
        self.background = None
        self._frame = None
        # With a frozen layout, a control change that moves the limits of some panels redraws
        # only those panels, each inside its own cell of the figure (see `_panel_cells`).
        self._cells = None
        self._cells_size = None  # figure size (inches) the cells were computed for; any dpi
        self._dirty = set()
        self._cells_by_layout = {}
        self._animated_list = []
        self.draw_pass = None  # a number while the figure (or a panel) is being drawn
        self._passes = 0
        for ax in self.figure.axes:
            for axis in (ax.xaxis, ax.yaxis):
                _ticks_once_per_draw(self, axis)
        draw_figure = self.figure.draw

        def draw(renderer):  # Figure.draw: the whole figure in one pass, unless a layout
            if not _fixed_layout(self.figure):  # engine moves the axes during the draw
                return draw_figure(renderer)
            self._legends_from_parts()
            with self._one_pass():
                return draw_figure(renderer)

        self.figure.draw = draw
        if blit:
            self.figure.canvas.mpl_connect("draw_event", self._on_full_draw)
            encode_frames(self.figure.canvas)

    @contextlib.contextmanager
    def _one_pass(self):
        """Everything drawn inside is one draw: ticks are laid out once per axis."""
        if self.draw_pass is not None:  # nested: part of the draw already going on
            yield
            return
        self._passes += 1
        self.draw_pass = self._passes
        try:
            yield
        finally:
            self.draw_pass = None

    def _legends_from_parts(self):
        """Legends made since the last draw are drawn from their parts from now on."""
        for legend in [ax.get_legend() for ax in self.figure.axes] + list(self.figure.legends):
            if legend is not None and not getattr(legend, "_drawn_from_parts", False):
                _legend_drawn_from_parts(legend)

    def _animated(self):
        return self._animated_list

    def _update_animated(self):
        """Mark what a blit repaints: per panel its lines and every artist a full draw paints
        over them (higher zorder: spines, legends, texts; not inset axes such as colour bars),
        in the order of a full draw; then the figure title."""
        from matplotlib.axes import Axes

        mine = set(map(id, self.plot.lines.values()))
        animated = []
        for ax in self.plot.axes:
            lines = [a for a in ax.get_children() if id(a) in mine]
            if not lines:
                continue
            lowest = min(line.get_zorder() for line in lines)
            over = [a for a in ax.get_children()
                    if a is not ax.patch and not isinstance(a, Axes)
                    and (id(a) in mine or a.get_zorder() > lowest)]
            animated += sorted(over, key=lambda a: a.get_zorder())  # stable, as Axes.draw
        animated.append(self.plot._title)
        for artist in self._animated_list:
            artist.set_animated(False)
        for artist in animated:
            artist.set_animated(True)
        self._animated_list = animated

    # --- invalidation ---------------------------------------------------------------------

    def invalidate(self, indices=None):
        """Forget the kept background (None) or mark panels (indices) to be redrawn; a new
        artist (a legend made again) is sorted into the animated ones or the background."""
        if self.blit and self._animated_list:
            self._update_animated()
        if indices is None:
            self.background = None
        else:
            self._dirty.update(indices)

    # --- layout ----------------------------------------------------------------------------

    def before_layout(self, max_width_px):
        """Called by `Plot.freeze_layout` first: refit the width (the figure may have been
        resized since it was made)."""
        if self.blit:
            fit_dpi(self.figure, max_width_px)

    def after_layout(self, key):
        """Called by `Plot.freeze_layout` with the layout in place: the panel cells of this
        layout (computed once per `key`), the animated artists, a new background."""
        if self.blit:
            self._update_animated()
            if key not in self._cells_by_layout:
                if len(self._cells_by_layout) >= 16:
                    self._cells_by_layout.pop(next(iter(self._cells_by_layout)))
                self._cells_by_layout[key] = (self._panel_cells() if len(self.plot.axes) > 1
                                              else None)
            self._cells = self._cells_by_layout[key]
        self.background = None
        self._cells_size = tuple(self.figure.get_size_inches())

    # --- drawing ---------------------------------------------------------------------------

    def render(self, sync):
        """Repaint what changed: the animated artists, some panels, or (lazily) everything."""
        canvas = self.figure.canvas
        if not self._animated_list:
            self._update_animated()  # never laid out: the artists as they are now
        changed = self._changed_panels()
        if changed and changed != set(range(len(self.plot.axes))):
            self._redraw_panels(changed)
            changed = set()
        if changed == set():
            canvas.restore_region(self.background)
            for artist in self._animated():
                self.figure.draw_artist(artist)
            canvas.blit(self.figure.bbox)
            self.blits += 1
        else:
            self.background = None  # stale until the next full draw repaints
            canvas.draw() if sync else canvas.draw_idle()

    def _frame_state(self):
        """What a background depends on: per panel its axis limits and scales; the figure size."""
        axes = tuple((ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale())
                     for ax in self.plot.axes)
        figure = (tuple(self.figure.get_size_inches()), self.figure.dpi,
                  self.figure.canvas.get_width_height())
        return axes, figure

    def _on_full_draw(self, event):
        canvas = self.figure.canvas
        self.background = canvas.copy_from_bbox(self.figure.bbox)
        self._frame = self._frame_state()
        self._dirty.clear()
        for artist in self._animated():
            self.figure.draw_artist(artist)

    def _changed_panels(self):
        """Indices of the panels to redraw before blitting; None: redraw the whole figure."""
        if self.background is None:
            return None
        (axes, figure), (old_axes, old_figure) = self._frame_state(), self._frame
        if figure != old_figure:
            return None
        changed = {i for i, (new, old) in enumerate(zip(axes, old_axes)) if new != old}
        changed |= self._dirty
        if changed and (self._cells is None
                        or self._cells_size != tuple(self.figure.get_size_inches())):
            return None  # no cells, or the figure was resized since they were computed
        return changed

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
        axes = self.plot.axes
        cells = []
        for ax in axes:
            box = boxes[id(ax)]
            x0, y0, x1, y1 = 0.0, 0.0, 1.0, 1.0
            for other in axes:
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
            if any(a in axes and a is not ax for a in inside):
                return None
            inside.sort(key=lambda a: a.get_zorder())
            cells.append(((x0, y0, x1, y1), inside))
        return cells

    def _redraw_panels(self, indices):
        """Repaint the cells of some panels on the kept background, which then includes them.

        Each cell is cleared to the figure colour, its artists are drawn (the animated ones
        are not), and whatever they painted outside the cell is undone, so that the rest of
        the figure stays exactly as it was.
        """
        canvas = self.figure.canvas
        canvas.restore_region(self.background)
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
            with self._one_pass():
                for artist in artists:
                    self.figure.draw_artist(artist)
        painted = [pixels[r, c].copy() for r, c in slices]
        pixels[...] = before
        for (r, c), patch in zip(slices, painted):
            pixels[r, c] = patch
        self.background = canvas.copy_from_bbox(self.figure.bbox)
        self._frame = self._frame_state()
        self._dirty.clear()
        self.partial_draws += 1
