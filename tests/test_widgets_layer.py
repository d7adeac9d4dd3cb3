"""The widget layer, driven from Python as the browser would drive it.

`demo_explorer` is the pattern every lesson copies (controls + Plot + one compute call); its
"physics" is a stand-in so this test depends on the widget layer only.
"""

import os
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from helpers.widgets import (ConceptQuestion, Explorer, Plot, dropdown, float_slider, int_slider,
                             measure_update, toggle)

ROOT = Path(__file__).resolve().parent.parent


def wave(amplitude, n, shape):
    """Stand-in for a physics function: a curve depending on the controls."""
    x = np.linspace(0, 1, 51)
    y = amplitude * (np.sin(n * np.pi * x) if shape == "sin" else np.cos(n * np.pi * x))
    return x, y


def demo_explorer():
    controls = {"amplitude": float_slider("Amplitude", 0.0, 2.0, 1.0),
                "n": int_slider("Harmonic n", 1, 5, 1, slow=True),
                "shape": toggle("Shape", ["sin", "cos"])}
    plot = Plot(x="x", y="T", lines={"curve": "curve", "square": "curve squared"})

    def compute(amplitude, n, shape):
        x, y = wave(amplitude, n, shape)
        return {"curve": (x, y), "square": (x, y**2), "title": f"n = {n}"}

    return Explorer(controls, plot, compute, intro="Move the sliders.")


def test_setting_a_control_redraws_the_same_figure():
    ex = demo_explorer()
    figure, line = ex.plot.figure, ex.plot.lines["curve"]
    x, y = ex.data("curve")
    np.testing.assert_allclose(y, wave(1.0, 1, "sin")[1])
    ex.controls["amplitude"].value = 1.5
    np.testing.assert_allclose(ex.data("curve")[1], wave(1.5, 1, "sin")[1])
    np.testing.assert_allclose(ex.data("square")[1], wave(1.5, 1, "sin")[1] ** 2)
    ex.controls["n"].value = 3
    ex.controls["shape"].value = "cos"
    np.testing.assert_allclose(ex.data("curve")[1], wave(1.5, 3, "cos")[1])
    assert ex.data("title") == "n = 3"
    assert ex.plot.figure is figure and ex.plot.lines["curve"] is line  # updated in place
    assert ex.values() == {"amplitude": 1.5, "n": 3, "shape": "cos"}


def test_axes_autoscale_unless_limits_are_fixed():
    ex = demo_explorer()
    ax = ex.plot.axes[0]
    ex.controls["amplitude"].value = 2.0
    assert ax.get_ylim()[1] >= 4.0 - 1e-9  # the squared curve reaches 4
    fixed = Plot(x="E", y="T", lines=["a"], ylim=(0, 1))
    fixed.show({"a": ([0, 1], [0, 5])})
    assert fixed.axes[0].get_ylim() == (0, 1)


def test_controls_and_labels():
    assert float_slider("x", 0, 1, 0.5).continuous_update
    assert not float_slider("x", 0, 1, 0.5, slow=True).continuous_update
    assert not int_slider("n", 1, 9, 2, slow=True).continuous_update
    assert dropdown("lead", {"narrow": 1, "wide": 5}, value=5).value == 5
    assert toggle("kind", ["a", "b"], value="b").value == "b"
    ex = demo_explorer()
    assert ex.plot.axes[0].get_xlabel() == "Position $x$ (sites)"
    assert [line.get_color() for line in ex.plot.axes[0].lines] == ["#0072B2", "#D55E00"]


def test_figures_are_not_handed_to_pyplot_outside_ipympl():
    before = plt.get_fignums()
    demo_explorer()
    assert plt.get_fignums() == before  # the inline backend will not show it a second time


def test_a_failing_compute_from_the_browser_shows_a_message_not_a_traceback():
    def compute(v):
        if v > 0.5:
            raise ValueError("too large")
        return {"a": ([0, 1], [v, v])}

    ex = Explorer({"v": float_slider("v", 0, 1, 0.1)}, Plot(lines=["a"]), compute)
    ex.controls["v"].value = 0.9
    assert isinstance(ex.error, ValueError) and "too large" in ex.status.value
    ex.controls["v"].value = 0.2
    assert ex.error is None and ex.status.value == ""
    ex.controls["v"].value = 0.9
    with pytest.raises(ValueError):
        ex.update()  # called directly, errors propagate (tests see them)


def test_unknown_line_and_duplicate_names():
    with pytest.raises(KeyError, match="no line named 'b'"):
        Plot(lines=["a"]).show({"b": ([0], [0])})
    with pytest.raises(ValueError, match="used twice"):
        Plot(panels=[dict(lines=["a"]), dict(lines=["a"])])


def test_two_panels():
    plot = Plot(panels=[dict(x="E", y="T", lines=["T"]), dict(x="mu", y="G", lines=["G"])])
    plot.show({"T": ([0, 1], [0, 1]), "G": ([0, 1], [0, 2])})
    assert len(plot.axes) == 2 and plot.axes[1].get_ylabel() == "Conductance $G$ ($2e^2/h$)"


def test_measure_update_times_compute_and_a_real_draw():
    ex = demo_explorer()
    rows = measure_update(ex, "n", [1, 2, 3], repeat=2)
    assert [r["value"] for r in rows] == [1, 2, 3]
    assert all(r["draw"] > 0 and r["compute"] >= 0 and r["total"] >= r["draw"] for r in rows)
    assert ex.controls["n"].value == 1  # restored
    # the whole change is timed, other observers of the control included
    import time
    ex.controls["shape"].observe(lambda change: time.sleep(0.02), names="value")
    (row,) = measure_update(ex, "shape", ["cos"])
    assert row["total"] >= 0.02 and row["other"] >= 0.015 and row["value"] == "cos"
    assert ex.controls["shape"].value == "sin"


def test_concept_question_gives_the_explanation_of_each_option():
    options = {"In the wire": (False, "A coherent conductor scatters elastically only."),
               "In the reservoirs": (True, "Electrons relax in the contacts."),
               "Nowhere": (False, "A current through a resistance does dissipate power.")}
    q = ConceptQuestion("Where is the heat produced?", options)
    assert q.check() == (False, "Choose an option first.")
    for label, (correct, explanation) in options.items():
        ok, message = q.answer(label)
        assert ok is correct and explanation in message and explanation in q.feedback.value
        assert message.startswith("✔" if correct else "✘")
    q.choices.value = "In the wire"
    assert q.feedback.value == ""  # a new choice clears the old feedback
    q.button.click()
    assert "elastically" in q.feedback.value
    with pytest.raises(ValueError):
        ConceptQuestion("?", {"a": (False, "")})


def _run_in_kernel(*sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), saved]))
    try:
        NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    finally:
        os.environ.pop("PYTHONPATH") if saved is None else os.environ.update(PYTHONPATH=saved)
    return nb


EXPLORER_CELL = """
import numpy as np
from helpers.widgets import Explorer, Plot, float_slider
def compute(a):
    x = np.linspace(0, 1, 11)
    return {"line": (x, a * x)}
ex = Explorer({"a": float_slider("a", 0, 2, 1.0)}, Plot(x="E", y="T", lines=["line"]), compute)
ex.controls["a"].value = 2.0
print(type(ex.plot.widget).__name__, ex.data("line")[1][-1], ex.plot.renders)
ex
"""


@pytest.mark.parametrize("block_ipympl", [False, True])
def test_explorer_in_a_kernel_ipympl_and_inline(block_ipympl):
    prelude = "import sys; sys.modules['ipympl'] = None\n" if block_ipympl else ""
    nb = _run_in_kernel(prelude + "from helpers.notebook import setup; setup()", EXPLORER_CELL)
    outputs = nb.cells[1].outputs
    assert not any(o.output_type == "error" for c in nb.cells for o in c.outputs)
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert printed.split()[:2] == (["Output", "2.0"] if block_ipympl else ["Canvas", "2.0"])
    views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(views) == 1  # shown once, by the last line, not also by pyplot
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert not images  # the inline image goes into the Output widget, not the cell


IPYMPL_BACKEND = 'import matplotlib\nmatplotlib.use("module://ipympl.backend_nbagg")\n'


def _run_under_ipympl(script, tmp_path):
    """Run `script` in a fresh Python with the ipympl backend (it must print "ok" at the end)."""
    import subprocess
    import sys
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", IPYMPL_BACKEND + script], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr[-2000:]


BLIT_SCRIPT = r"""
import numpy as np
from helpers.widgets import Explorer, Plot, float_slider
x = np.linspace(0, 1, 200)
plot = Plot(x="E", y="T", lines={"a": "a", "b": "b"}, xlim=(0, 1), ylim=(-1.1, 1.1))
ex = Explorer({"k": float_slider("k", 1, 10, 2)}, plot,
              lambda k: {"a": (x, np.sin(k * x)), "b": (x, np.cos(k * x)), "title": f"k = {k:.2f}"})
plot.freeze_layout()
plot.figure.canvas.draw()
ex.controls["k"].value = 7.3                      # limits unchanged: lines repainted only
assert plot.blits == 1, plot.blits
blitted = np.asarray(plot.figure.canvas.buffer_rgba()).copy()
plot.figure.canvas.draw()                         # what a full redraw paints
assert np.array_equal(blitted, np.asarray(plot.figure.canvas.buffer_rgba())), "blit differs"
ex.plot.axes[0].set_ylim(-2, 2)                   # an axis change forces a full redraw
ex.controls["k"].value = 3.0
assert plot.blits == 1
print("ok")
"""


def test_ipympl_updates_repaint_only_the_lines_and_match_a_full_redraw(tmp_path):
    _run_under_ipympl(BLIT_SCRIPT, tmp_path)


PANELS_SCRIPT = r"""
import numpy as np
from helpers.widgets import Explorer, Plot, float_slider
x = np.linspace(0, 1, 200)
plot = Plot(panels=[dict(x="E", y="T", lines=["a"], xlim=(0, 1), ylim=(-1.1, 1.1)),
                    dict(x="E", y="T", lines=["b"], xlim=(0, 1)),
                    dict(x="E", y="T", lines=["c"], xlim=(0, 1), ylim=(0, 2))], figsize=(12, 4))
ex = Explorer({"k": float_slider("k", 1, 10, 6)}, plot,
              lambda k: {"a": (x, np.sin(k * x)), "b": (x, k * x), "c": (x, 1 + np.cos(k * x)),
                         "title": f"k = {k:.2f}"})
plot.freeze_layout()
canvas = plot.figure.canvas
canvas.draw()
ex.controls["k"].value = 8.0          # the middle panel's y axis grows: that panel only
assert plot.partial_draws == 1 and plot.blits == 1, (plot.partial_draws, plot.blits)
partial = np.asarray(canvas.buffer_rgba()).copy()
canvas.draw()                         # what a full redraw paints
differ = np.any(partial != np.asarray(canvas.buffer_rgba()), axis=-1)
# the same picture, up to the antialiasing of a glyph at the edge of the redrawn cell
assert differ.sum() <= 20, differ.sum()
plot.axes[0].set_facecolor("0.8")      # a change besides the lines, in panel 0 ...
plot.invalidate(0)                     # ... is declared, and redrawn with the changed panel 1
ex.controls["k"].value = 9.0
assert plot.partial_draws == 2
height = canvas.get_width_height()[1]
corner = plot.axes[0].transAxes.transform((0.02, 0.5)).astype(int)
assert tuple(np.asarray(canvas.buffer_rgba())[height - corner[1], corner[0], :3]) == (204, 204, 204)
ex.plot.invalidate()                   # the whole figure
ex.controls["k"].value = 10.0
assert plot.partial_draws == 2 and plot.fast.background is None
plot.figure.set_dpi(2 * plot.figure.dpi)  # a high-DPI screen: the cells scale with the figure
canvas.draw()
plot.axes[0].set_facecolor("0.6")
plot.invalidate(0)
plot.render()
assert plot.partial_draws == 3
height = canvas.get_width_height()[1]
corner = plot.axes[0].transAxes.transform((0.02, 0.5)).astype(int)
assert tuple(np.asarray(canvas.buffer_rgba())[height - corner[1], corner[0], :3]) == (153, 153, 153)
print("ok")
"""


def test_ipympl_redraws_only_the_panels_whose_axes_changed(tmp_path):
    _run_under_ipympl(PANELS_SCRIPT, tmp_path)


FIT_SCRIPT = r"""
from helpers.widgets import Plot
from helpers.widgets.explorer import MAX_WIDTH_PX
wide = Plot(panels=[dict(x="E", y="T", lines=["a"]), dict(x="E", y="T", lines=["b"])], figsize=(13, 4))
assert abs(wide.figure.canvas.get_width_height()[0] - MAX_WIDTH_PX) <= 1, wide.figure.canvas.get_width_height()
wide.figure.set_size_inches(15, 4)
wide.freeze_layout()
assert abs(wide.figure.canvas.get_width_height()[0] - MAX_WIDTH_PX) <= 1
narrow = Plot(x="E", y="T", lines=["a"], figsize=(6, 4))
assert narrow.figure.dpi == matplotlib.rcParams["figure.dpi"]
# a high-DPI screen (device pixel ratio 2): a refit keeps the CSS width and the sharpness
for plot, css_width in ((narrow, 600), (wide, MAX_WIDTH_PX)):
    plot.figure.canvas._set_device_pixel_ratio(2)
    plot.freeze_layout()
    css = plot.figure.canvas.get_width_height(physical=False)[0]
    physical = plot.figure.canvas.get_width_height(physical=True)[0]
    assert abs(css - css_width) <= 1 and abs(physical - 2 * css_width) <= 2, (css, physical)
print("ok")
"""


def test_wide_ipympl_figures_are_scaled_to_fit_the_notebook(tmp_path):
    _run_under_ipympl(FIT_SCRIPT, tmp_path)


LECTURE_FIT_SCRIPT = r"""
from helpers.notebook import setup
from helpers.widgets import Plot, figure_size
from helpers.widgets.explorer import LECTURE_WIDTH_PX
setup(lecture=True, quiet=True)                 # plain Python: backend left alone, lecture style
points = matplotlib.rcParams["font.size"] / 12  # the lecture text is this much larger
assert points > 1.2, points
sizes = []
for figsize in [(11, 4.4), (6, 4), (15, 4)]:   # narrow figures grow too: the page shrinks them
    plot = Plot(panels=[dict(x="E", y="T", lines=["a"]), dict(x="E", y="T", lines=["b"])],
                figsize=figsize)
    plot.freeze_layout()
    width, height = plot.figure.canvas.get_width_height()
    assert abs(width - LECTURE_WIDTH_PX) <= 1, (figsize, width)
    inches = plot.figure.get_size_inches()
    # room for the larger text: the height in inches grows with the font, the width less
    assert abs(inches[1] - figsize[1] * points) < 1e-9, (figsize, inches)
    assert figsize[0] < inches[0] <= figsize[0] * points, (figsize, inches)
    sizes.append(tuple(inches))
grown = Plot(x="E", y="T", lines=["a"], figsize=figure_size(8, 4))   # grown once, not twice
assert tuple(grown.figure.get_size_inches()) == tuple(figure_size(8, 4)), grown.figure.get_size_inches()
assert abs(grown.figure.canvas.get_width_height()[0] - LECTURE_WIDTH_PX) <= 1
setup(lecture=False, quiet=True)                # outside lecture mode: today's sizes again
plain = Plot(x="E", y="T", lines=["a"], figsize=(6, 4))
assert tuple(plain.figure.get_size_inches()) == (6, 4)
assert plain.figure.canvas.get_width_height()[0] == 6 * matplotlib.rcParams["figure.dpi"]
print("ok")
"""


def test_png_frames_decode_to_exactly_the_pixels_given():
    from PIL import Image

    from helpers.widgets.fast_path import png_rgba

    rng = np.random.default_rng(1)
    pixels = rng.integers(0, 256, size=(37, 53, 4), dtype=np.uint8)
    pixels[5:20, 10:40] = 0  # runs of transparent pixels, as in a frame of changes
    import io
    decoded = np.asarray(Image.open(io.BytesIO(png_rgba(pixels))).convert("RGBA"))
    assert np.array_equal(decoded, pixels)
    with pytest.raises(ValueError, match="pixels must be uint8"):
        png_rgba(pixels.astype(float))


FRAMES_SCRIPT = r"""
import io
import numpy as np
from PIL import Image
from helpers.widgets import Explorer, Plot, float_slider
x = np.linspace(0, 1, 200)
plot = Plot(x="E", y="T", lines={"a": "a"}, xlim=(0, 1), ylim=(-1.1, 1.1))
ex = Explorer({"k": float_slider("k", 1, 10, 2)}, plot, lambda k: {"a": (x, np.sin(k * x))})
plot.freeze_layout()
canvas = plot.figure.canvas
canvas.syncing_data_url = False
frames = []
canvas.send_binary = lambda data: frames.append((canvas._current_image_mode, data))
canvas.draw()  # the first display
ex._sync_draw = True
shown = None  # what the browser shows: a full frame, then each diff frame laid over it
for k in (7.3, 3.0, 9.5):  # a blit, a full redraw, a blit
    if k == 3.0:
        plot.invalidate()
    ex.controls["k"].value = k
    for mode, data in frames:
        image = np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))
        shown = image.copy() if mode == "full" or shown is None else np.where(
            image[..., 3:] > 0, image, shown)
    frames.clear()
    assert np.array_equal(shown, np.asarray(canvas.buffer_rgba())), k
assert plot.blits == 2, plot.blits
print("ok")
"""


def test_lecture_mode_draws_every_ipympl_figure_for_the_projector_width(tmp_path):
    """Lecture mode: every explorer canvas is LECTURE_WIDTH_PX wide (the lecture page scales
    it to the window), with inches grown for the larger fonts; notebooks keep their sizes."""
    _run_under_ipympl(LECTURE_FIT_SCRIPT, tmp_path)


def test_ipympl_frames_rebuild_the_canvas_in_the_browser(tmp_path):
    _run_under_ipympl(FRAMES_SCRIPT, tmp_path)


TICKS_SCRIPT = r"""
import numpy as np
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from helpers.widgets import Explorer, Plot, float_slider
laid_out = []
original = Axis._update_ticks
Axis._update_ticks = lambda axis: laid_out.append(axis) or original(axis)
x = np.linspace(0, 1, 50)
plot = Plot(panels=[dict(x="E", y="T", lines=["a"]),
                    dict(x="E", y="T", lines=["b"], ylim=(-1.1, 1.1))], figsize=(8, 3))
ex = Explorer({"k": float_slider("k", 1, 10, 5)}, plot,
              lambda k: {"a": (x, k * x), "b": (x, np.sin(k * x))})
plot.freeze_layout()
canvas = plot.figure.canvas
laid_out.clear()
canvas.draw()
assert len(laid_out) == 4, len(laid_out)        # once per axis, not three times
ex._sync_draw = True
ex.controls["k"].value = 9.0                    # the left panel's y axis grows: redrawn alone
assert plot.partial_draws == 1
fast = np.asarray(canvas.buffer_rgba()).copy()
Figure.draw(plot.figure, canvas.get_renderer())  # matplotlib's own draw, ticks every time
assert np.array_equal(fast, np.asarray(canvas.buffer_rgba()))
print("ok")
"""


def test_ipympl_draws_lay_out_each_axis_once_and_paint_the_same_pixels(tmp_path):
    _run_under_ipympl(TICKS_SCRIPT, tmp_path)


LEGEND_SCRIPT = r"""
import numpy as np
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from helpers.widgets import Explorer, Plot, float_slider
laid_out = []
original = Legend.draw
Legend.draw = lambda legend, renderer: laid_out.append(legend) or original(legend, renderer)
x = np.linspace(0, 1, 50)
plot = Plot(x="E", y="T", lines={"a": "first", "b": "second"}, xlim=(0, 1))
plot.axes[0].legend(loc="upper left")
ex = Explorer({"k": float_slider("k", 1, 10, 5)}, plot,
              lambda k: {"a": (x, k * x), "b": (x, 0.5 + 0.4 * np.cos(k * x))})
plot.freeze_layout()
canvas = plot.figure.canvas
canvas.draw()
ex._sync_draw = True


def same_as_a_plain_draw():
    fast = np.asarray(canvas.buffer_rgba()).copy()
    Figure.draw(plot.figure, canvas.get_renderer())  # matplotlib's own draw, legend laid out
    return np.array_equal(fast, np.asarray(canvas.buffer_rgba()))


laid_out.clear()
ex.controls["k"].value = 9.0                     # new y limits: a full draw, the legend from its parts
assert plot.axes[0].get_ylim()[1] > 8 and laid_out == [], laid_out
assert same_as_a_plain_draw()
laid_out.clear()
plot.axes[0].get_legend().texts[0].set_text("a much longer first label")
plot.invalidate()                                # a change besides the lines, declared
ex.controls["k"].value = 2.0                     # its text changed: laid out again
assert len(laid_out) == 1, laid_out
assert same_as_a_plain_draw()
plot.axes[0].legend(loc="best")                  # "best" depends on the data: always laid out
plot.invalidate()
laid_out.clear()
ex.controls["k"].value = 9.0
ex.controls["k"].value = 3.0
assert len(laid_out) >= 2, laid_out       # once per draw at least
assert same_as_a_plain_draw()
print("ok")
"""


def test_legends_are_drawn_from_their_parts_until_their_layout_changes(tmp_path):
    _run_under_ipympl(LEGEND_SCRIPT, tmp_path)


def test_frozen_layout_is_redone_when_tick_labels_change_width():
    plot = Plot(x="L", y="T", lines=["a"])
    plot.show({"a": ([0, 1], [0, 1])})
    plot.freeze_layout()
    left = plot.axes[0].get_position().x0
    plot.show({"a": ([0, 1], [0, 123456.0])})       # much wider y tick labels
    assert plot._frozen_ticks == plot._tick_labels()
    assert plot.axes[0].get_position().x0 > left      # the axes moved right to make room


def test_sticky_limits_keep_the_view_while_the_data_still_fill_it():
    plot = Plot(x="E", y="T", lines=["a"], sticky_limits=True)
    plot.show({"a": ([0, 1], [0, 10])})
    first = plot.axes[0].get_ylim()
    plot.show({"a": ([0, 1], [0, 8])})                # still fills 80 %: the view stays
    assert plot.axes[0].get_ylim() == first
    plot.show({"a": ([0, 1], [0, 2])})                # fills 20 %: rescale
    assert plot.axes[0].get_ylim()[1] < 3
    plot.show({"a": ([0, 1], [0, 30])})               # data outside the view: rescale
    assert plot.axes[0].get_ylim()[1] >= 30
    loose = Plot(x="E", y="T", lines=["a"])          # default: plain autoscale every time
    loose.show({"a": ([0, 1], [0, 10])})
    loose.show({"a": ([0, 1], [0, 8])})
    assert loose.axes[0].get_ylim()[1] < 9


def test_before_show_hooks_see_the_data_first():
    plot = Plot(x="E", y="T", lines=["a"])
    seen = []
    plot.before_show.append(lambda data: seen.append(np.max(data["a"][1])))
    plot.show({"a": ([0, 1], [0, 3.0])})
    assert seen == [3.0]
    plot.fast.background = object()
    plot.invalidate()
    assert plot.fast.background is None


def test_prefetch_runs_the_tasks_in_order_on_a_thread_and_reports_errors():
    import threading

    from helpers.widgets import Prefetch

    seen = []
    main = threading.get_ident()
    done = Prefetch([lambda i=i: seen.append((i, threading.get_ident())) for i in range(5)])
    assert done.wait(timeout=30) and done.finished and done.error is None
    assert [i for i, _ in seen] == list(range(5))
    assert all(thread != main for _, thread in seen)

    def fail():
        raise ValueError("bad shape")

    broken = Prefetch([lambda: None, fail, lambda: seen.append("never")])
    assert broken.wait(timeout=30)
    assert broken.done == 1 and not broken.finished and isinstance(broken.error, ValueError)
    assert "never" not in seen

    gate = threading.Event()
    stopped = Prefetch([gate.wait, lambda: seen.append("after stop")])
    stopped.stop()
    gate.set()
    assert stopped.wait(timeout=30) and stopped.done == 1 and "after stop" not in seen


def test_frozen_layouts_are_reused_when_the_figure_returns_to_a_state():
    plot = Plot(panels=[dict(x="E", y="T", lines=["a"]), dict(x="E", y="T", lines=["b"])])
    plot.show({"a": ([1, 2], [1e-3, 1]), "b": ([0, 1], [0, 1])})

    def positions():
        return [tuple(ax.get_position().bounds) for ax in plot.axes]

    plot.freeze_layout()
    linear = positions()
    plot.axes[0].set_yscale("log")
    plot.freeze_layout()
    log = positions()
    assert log != linear and len(plot._layouts) == 2
    plot.axes[0].set_yscale("linear")
    plot.freeze_layout()                       # back: taken from the cache, nothing recomputed
    assert positions() == linear and len(plot._layouts) == 2
    plot._layouts.clear()
    plot.freeze_layout()                       # and it is what a fresh layout gives (within a
    # pixel: constrained layout iterates from the current positions, so it is not bit-exact)
    np.testing.assert_allclose(positions(), linear, atol=2e-3)
    assert all(ax.get_in_layout() for ax in plot.axes)


def test_prefetch_without_threads_leaves_the_work_to_the_caller(monkeypatch):
    import threading

    from helpers.widgets import Prefetch

    def refuse(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    ran = []
    prefetch = Prefetch([lambda: ran.append(1)])
    assert prefetch.wait(timeout=1) and prefetch.done == 0 and not ran
    assert isinstance(prefetch.error, RuntimeError)


def test_prefetch_tasks_never_touch_a_widget_and_may_wait_for_the_first_change():
    """The rule behind Voila's "model not found": widgets are created, changed and closed on
    the main thread only; a prefetch task that reports progress or redraws is stopped."""
    import threading

    import ipywidgets as widgets

    from helpers.widgets import Prefetch, Progress

    progress = Progress()
    touching = Prefetch([lambda: progress.report(1, 2)])
    assert touching.wait(timeout=30) and touching.done == 0
    assert isinstance(touching.error, RuntimeError) and "main thread" in str(touching.error)
    assert progress.widget.value == 0                # unchanged
    ex = Explorer({"a": float_slider("a", 0, 1, 0.5)}, Plot(x="E", y="T", lines=["line"]),
                  lambda a: {"line": ([0, 1], [a, a])})
    redraw = Prefetch([ex.update])
    assert redraw.wait(timeout=30) and isinstance(redraw.error, RuntimeError)
    progress.report(1, 2)                             # the main thread may
    assert progress.widget.value == 1

    slider = widgets.FloatSlider(value=0.0)
    ran = []
    later = Prefetch([lambda: ran.append(threading.get_ident())], after=[slider])
    assert not later.started and later.wait(timeout=1) and not ran
    slider.value = 0.5                                # the first change starts the thread
    assert later.started and later.wait(timeout=30) and later.finished
    assert ran and ran[0] != threading.get_ident()
    stopped = Prefetch([lambda: ran.append("never")], after=[slider])
    stopped.stop()
    slider.value = 0.7
    assert not stopped.started and stopped.wait(timeout=1) and "never" not in ran


def test_the_point_contact_explorer_loads_with_no_thread_and_its_tasks_make_no_widget(monkeypatch):
    """Lesson 3's QPC explorer: building it starts no thread; its prefetch tasks, once started,
    create, change and close no widget (every widget call is recorded with its thread)."""
    import threading

    import ipywidgets as widgets

    from helpers.explorers import channels

    calls = []
    for name in ("open", "close", "send_state", "_notify_trait"):
        original = getattr(widgets.Widget, name)

        def recorded(self, *args, _original=original, _name=name, **kwargs):
            calls.append((_name, threading.current_thread().name))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(widgets.Widget, name, recorded)
    monkeypatch.setattr(channels, "qpc_curve", lambda *args, **kwargs: (channels.QPC_GATE_GRID * 0,) * 2)
    before = threading.active_count()
    ex = channels.qpc_explorer(prefetch=True)
    prefetch = ex.state.prefetch
    assert not prefetch.started and threading.active_count() == before
    assert calls and all(thread == threading.main_thread().name for _, thread in calls)
    calls.clear()
    ex.controls["Vg"].value = -0.5                    # the student's first move starts it
    assert prefetch.started and prefetch.wait(timeout=60) and prefetch.finished
    assert prefetch.error is None
    assert not [call for call in calls if call[1] != threading.main_thread().name]


# --- the two drawing paths, images, stepped axes, progress, static mode ------------------------

def test_the_plain_path_is_chosen_by_argument_environment_or_an_unknown_matplotlib(monkeypatch):
    from helpers.widgets import fast_path

    assert Plot(lines=["a"]).fast is not None            # matplotlib 3.10: the fast path
    assert Plot(lines=["a"], fast=False).fast is None
    monkeypatch.setenv(fast_path.PLAIN_VARIABLE, "1")
    assert Plot(lines=["a"]).fast is None                # turned off everywhere
    monkeypatch.setenv(fast_path.PLAIN_VARIABLE, "0")
    assert Plot(lines=["a"]).fast is not None
    monkeypatch.setattr(fast_path.mpl, "__version__", "3.99.0")
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")                   # no warning for students
        plot = Plot(lines=["a"])
    assert plot.fast is None and plot.blits == 0 and plot.partial_draws == 0


def test_plain_path_draws_and_freezes_the_layout_with_public_api():
    plot = Plot(x="E", y="T", lines=["a"], fast=False)
    plot.show({"a": ([0, 1], [0, 1])})
    plot.freeze_layout()
    assert plot.figure.get_layout_engine() is None or not plot.figure.get_layout_engine().adjust_compatible \
        or type(plot.figure.get_layout_engine()).__name__ == "PlaceHolderLayoutEngine"
    left = plot.axes[0].get_position().x0
    plot.show({"a": ([0, 1], [0, 123456.0])})            # wider tick labels: laid out again
    assert plot.axes[0].get_position().x0 > left
    plot.invalidate(0)                                   # harmless: everything is redrawn anyway
    assert plot.needs_full_draw


def test_an_image_panel_is_filled_by_show_and_redrawn_only_when_the_array_changes():
    plot = Plot(panels=[dict(x="Vg_mV", y="V_bias_mV", lines=["cut"],
                             image=dict(name="map", extent=(0, 1, 0, 2), vmin=0, vmax=1,
                                        colorbar="dIdV_uS")),
                        dict(x="E", y="T", lines=["b"])])
    first = np.arange(12.0).reshape(3, 4) / 12
    plot.show({"map": first, "cut": ([0.5, 0.5], [0, 2]), "b": ([0, 1], [0, 1])})
    np.testing.assert_array_equal(plot.data("map"), first)
    assert plot.images["map"].colorbar.ax.get_ylabel() == label_of("dIdV_uS")
    plot.fast._dirty.clear()
    plot.show({"map": first, "cut": ([0.2, 0.2], [0, 2])})      # same array: lines only
    assert plot.fast._dirty == set()
    plot.show({"map": first[::-1].copy()})                       # a new array: its panel
    assert plot.fast._dirty == {0}
    with pytest.raises(ValueError, match="used twice"):
        Plot(panels=[dict(lines=["map"], image=dict(name="map", extent=(0, 1, 0, 1)))])


def label_of(key):
    from helpers.plotting import LABELS
    return LABELS[key]


@pytest.mark.parametrize("symmetric", [False, True])
def test_a_stepped_axis_reaches_the_next_power_of_the_step(symmetric):
    from helpers.widgets.explorer import stepped_top

    plot = Plot(panels=[dict(x="E", y="I", lines=["a"], ystep=dict(step=2.0, floor=0.5,
                                                                   symmetric=symmetric))])
    ax = plot.axes[0]
    plot.show({"a": ([0, 1], [0.1, 2.5])})
    lo, hi = ax.get_ylim()
    assert stepped_top(2.5, 2.0, 0.5) == 4.0
    assert 4.0 < hi < 4.5 and (lo < -4.0 if symmetric else -0.5 < lo < 0)   # 4 plus a margin
    plot.show({"a": ([0, 1], [0.1, 3.9])})                  # the same step: the same axis
    assert ax.get_ylim() == (lo, hi)
    plot.show({"a": ([0, 1], [0.0, 0.01])})                 # never below the floor
    assert 0.5 <= ax.get_ylim()[1] < 0.6


def test_a_stepped_axis_may_reach_a_fraction_of_its_top_below_zero():
    plot = Plot(panels=[dict(x="E", y="R_h", lines=["a"],
                             ystep=dict(step=2.0, floor=0.5, below=0.25))])
    ax = plot.axes[0]
    plot.show({"a": ([0, 1], [0.1, 2.5])})                  # top 4: the axis reaches -1
    lo, hi = ax.get_ylim()
    assert -1.5 < lo < -1.0 and 4.0 < hi < 4.5
    plot.show({"a": ([0, 1], [-0.9, 3.0])})                 # within: the same axis
    assert ax.get_ylim() == (lo, hi)
    plot.show({"a": ([0, 1], [-3.0, 3.0])})                 # data further down still show
    assert ax.get_ylim()[0] < -3.0


def test_an_autoscaled_axis_always_includes_a_declared_range():
    plot = Plot(panels=[dict(x="E", y="T", lines=["a"], yinclude=(0.85, 1.25))])
    plot.show({"a": ([0, 1], [1.0, 1.1])})
    lo, hi = plot.axes[0].get_ylim()
    assert lo <= 0.85 and hi >= 1.25
    plot.show({"a": ([0, 1], [1.0, 3.0])})
    assert plot.axes[0].get_ylim()[1] >= 3.0


def test_the_progress_bar_is_part_of_the_layout_and_only_shown_while_a_task_runs():
    from helpers.widgets import Progress

    progress = Progress()
    seen = []

    def compute(n):
        with progress.task(f"Computing n = {n}") as report:
            seen.append(progress.widget.layout.display)
            report(3, 4)
            seen.append((progress.widget.value, progress.widget.max))
        return {"a": ([0, 1], [0, n])}

    ex = Explorer({"n": int_slider("n", 1, 5, 1)}, Plot(lines=["a"]), compute,
                  progress=progress, state={"cache": {}})
    assert progress.widget in ex.widget.children
    assert seen == [None, (3, 4)] and progress.widget.layout.display == "none"
    assert progress.widget.description == "Computing n = 1"
    assert ex.state.cache == {}


def test_static_mode_shows_an_explorer_as_a_png_and_a_question_as_text(monkeypatch):
    from helpers import notebook

    monkeypatch.setitem(notebook._state, "static", None)
    monkeypatch.setenv(notebook.STATIC_VARIABLE, "1")
    ex = demo_explorer()
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" not in bundle
    import base64
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    q = ConceptQuestion("Where?", {"Here": (True, "Because."), "There": (False, "No.")})
    text = q._repr_mimebundle_()["text/html"]
    assert "<details>" in text and text.index("<details>") < text.index("Because.")
    monkeypatch.setenv(notebook.STATIC_VARIABLE, "0")
    assert "application/vnd.jupyter.widget-view+json" in ex._repr_mimebundle_()


def test_packed_joins_curves_into_one_line_with_nan_breaks():
    from helpers.widgets import packed

    x, y = packed([([0, 1], [2, 3]), ((5,), (6,))])
    np.testing.assert_array_equal(x, [0, 1, np.nan, 5, np.nan])
    np.testing.assert_array_equal(y, [2, 3, np.nan, 6, np.nan])
    x, y = packed(iter([]))                 # no curve: an empty line (a generator is fine)
    assert x.size == 0 and y.size == 0
    plot = Plot(x="E", y="T", lines=["family"])
    plot.show({"family": packed([([0, 1], [0, 1]), ([0, 1], [1, 0])])})
    assert np.isnan(plot.data("family")[0]).sum() == 2   # one artist, two curves


def test_no_registered_explorer_runs_a_thread_while_its_page_loads():
    """Every explorer with a prefetching thread waits for the first control change before it
    starts it: nothing computes in the background while a notebook runs and Voila loads the
    widgets (the "model not found" race of lesson 3 on a busy machine)."""
    from helpers.explorers import entries

    checked = 0
    for entry in entries():
        if not entry.prefetch:
            continue
        ex = entry.make(quick=True, threads=True)
        prefetch = ex.state.prefetch
        if prefetch is None:
            continue
        assert not prefetch.started, entry.key
        prefetch.stop()  # never starts now
        checked += 1
    assert checked >= 5
