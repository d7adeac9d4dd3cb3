"""Lecture mode on a projector: one lesson (05, a two-panel explorer with two sliders) served by
``python -m helpers.lecture`` and opened once for the whole module.

- the explorer's figure follows the window: wide on a 1920x1080 projector, and on a 1280x720 one
  the figure and its sliders fit on one screen without horizontal scrolling; the tick labels,
  measured in the rendered canvas, are at least 18 px at 1920;
- a slider is reached and moved with the keyboard alone (Tab, ArrowRight): its readout and the
  figure change;
- no console errors or page errors while the lesson loads and its first widget is driven
  (nbgrader's lab extension, installed by the instructor extra, used to throw here).
"""

import io
import re
import sys

import pytest

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # the `browser_available` fixture skips these tests
    PlaywrightTimeout = TimeoutError

pytestmark = [pytest.mark.browser]
try:
    import pytest_timeout  # noqa: F401
    pytestmark.append(pytest.mark.timeout(300))
except ImportError:
    pass

LESSON = "05_eigenvalues_and_noise.ipynb"
PROJECTOR = {"width": 1920, "height": 1080}
SMALL_PROJECTOR = {"width": 1280, "height": 720}
#: Ratio of a digit's height to the font size (the em) in DejaVu Sans, matplotlib's font.
DIGIT_HEIGHT_PER_EM = 0.729
EXPLORER = '[data-landauer-explorer="0"]'
CANVAS = f"{EXPLORER} .jupyter-matplotlib-canvas-div canvas >> nth=0"


@pytest.fixture(scope="module")
def lecture_page(browser, browser_home, drive):
    """Lesson 05 in lecture mode at 1920x1080, its first explorer marked; console errors and
    page errors of the whole visit in ``page.console_errors``."""
    lessons = browser_home / "root" / "lessons"
    if not (lessons / LESSON).is_file():
        pytest.skip(f"{LESSON} not in the course")
    port = drive.free_port()
    server = drive.Server([sys.executable, "-m", "helpers.lecture", "--no-browser",
                           f"--port={port}", f"--lessons={lessons}"],
                          env=drive.server_env(browser_home), cwd=drive.root,
                          log_path=drive.artifacts / "lecture-screen-server.log", port=port)
    page = drive.new_page(browser, PROJECTOR)
    context = page.context
    try:
        server.wait_ready("/", timeout=90)
        _open_lesson(page, f"{server.url}/voila/render/{LESSON}", drive)
        marks = drive.mark_explorers(page)
        assert marks["explorers"] >= 1, marks
        # the kernel's picture is on the canvas: black pixels (axes, text) in its bitmap
        page.wait_for_function("""(sel) => {
            const c = document.querySelector(sel);
            if (!c || c.width < 100 || c.getBoundingClientRect().width < 100) return false;
            const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            for (let i = 0; i < data.length; i += 4)
              if (data[i + 3] > 200 && Math.max(data[i], data[i + 1], data[i + 2]) < 90)
                return true;
            return false; }""", arg=CANVAS.split(" >> ")[0], timeout=60_000)
        page.server = server
    except Exception:
        page.screenshot(path=str(drive.artifacts / "lecture-screen-failed-load.png"),
                        full_page=True)
        print(server.log())
        context.close()
        server.stop()
        raise
    try:
        yield page
    finally:
        context.close()
        server.stop()


def _open_lesson(page, url, drive):
    """Open the lesson and wait until its first figure is on the page.

    Known open bug (the same as in test_voila.py): on a busy machine a Voila page load
    sometimes shows "Error displaying widget: model not found" instead of some widgets. Such a
    load is reported (a warning and a screenshot) and the page is loaded once more (a new
    kernel, a new run); an error that comes back fails the test."""
    import warnings

    figure_or_error = """() => {
        const canvas = document.querySelector('.jupyter-matplotlib-canvas-div canvas');
        return (canvas && canvas.getBoundingClientRect().width > 0)
               || (document.body.innerText || '').includes('Error displaying widget'); }"""
    for attempt in (1, 2):
        page.goto(url, timeout=180_000)
        page.wait_for_function(figure_or_error, timeout=180_000)
        errors = drive.widget_errors(page)
        if not errors:
            break
        page.screenshot(path=str(drive.artifacts / f"lecture-screen-load-{attempt}.png"),
                        full_page=True)
        assert attempt == 1, f"widget errors on two loads of {LESSON}: {errors}"
        warnings.warn(f"{LESSON} in lecture mode: widget errors on the first load: {errors}, "
                      f"console errors: {page.console_errors}", stacklevel=1)
        # the console errors of the discarded load are reported just above; those of the
        # second load are counted from the moment it replaces the first page
        _clear_console_errors_on_next_page(page)
    page.wait_for_selector(".jupyter-matplotlib-canvas-div canvas >> visible=true")


def _clear_console_errors_on_next_page(page):
    """Empty ``page.console_errors`` when the next document commits in the main frame (the
    messages of the page being left, its closing kernel connection included, come before)."""
    def committed(frame):
        if frame == page.main_frame:
            page.console_errors.clear()
            page.remove_listener("framenavigated", committed)

    page.on("framenavigated", committed)


def _geometry(page):
    """Sizes in CSS pixels of the first explorer, its canvas and sliders, once it has been
    scrolled to the top of the window."""
    page.locator(EXPLORER).evaluate("el => el.scrollIntoView({block: 'start'})")
    return page.evaluate("""([explorer, canvasSel]) => {
        const box = el => { const r = el.getBoundingClientRect();
                            return {left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                                    width: r.width, height: r.height}; };
        const ex = document.querySelector(explorer);
        const canvas = ex.querySelector(canvasSel);
        return {explorer: box(ex), canvas: box(canvas), bitmap: canvas.width,
                ratio: window.devicePixelRatio,
                sliders: Array.from(ex.querySelectorAll('.widget-slider')).map(box),
                window: {width: window.innerWidth, height: window.innerHeight},
                scrollWidth: document.documentElement.scrollWidth,
                clientWidth: document.documentElement.clientWidth};
    }""", [EXPLORER, ".jupyter-matplotlib-canvas-div canvas"])


def _canvas_image(page):
    """The first explorer's canvas as shown: (RGB array, image pixels per CSS pixel, PNG)."""
    import numpy as np
    from PIL import Image

    shot = page.locator(CANVAS).screenshot(animations="disabled")
    image = np.asarray(Image.open(io.BytesIO(shot)).convert("RGB")).astype(int)
    return image, image.shape[1] / page.locator(CANVAS).bounding_box()["width"], shot


def _runs(flags):
    """(start, stop) of each run of True in a 1D boolean array."""
    import numpy as np

    edges = np.flatnonzero(np.diff(np.concatenate([[0], flags.astype(int), [0]])))
    return list(zip(edges[::2], edges[1::2]))


def _bottom_axis(image):
    """Row and first/last column (image pixels) of the left panel's bottom spine: the longest
    run of black pixels in a row of the left half (text and spines are black, the curves are
    not)."""
    import numpy as np

    dark = image[:, : image.shape[1] // 2].max(axis=2) < 90
    row = int(np.argmax(dark.sum(axis=1)))
    start, stop = max(_runs(dark[row]), key=lambda run: run[1] - run[0])
    assert stop - start > dark.shape[1] / 4, "no bottom axis found"
    return dark, row, start, stop - 1


def _tick_label_px(page, drive, name):
    """Font size (CSS px) of the x tick labels, measured in the rendered canvas: the height of
    the row of digits under the bottom axis, divided by a digit's height per em."""
    image, scale, shot = _canvas_image(page)
    (drive.artifacts / f"lecture-screen-{name}.png").write_bytes(shot)
    dark, spine, first, last = _bottom_axis(image)
    # only the columns under the spine: the y tick labels and the y label are left of it
    runs = _runs(dark[spine:, first:last + 1].any(axis=1))
    # runs of rows below the spine: [spine and tick marks], [tick labels], [axis label]
    assert len(runs) >= 3, f"{name}: rows of dark pixels under the axis: {runs}"
    digits = (runs[1][1] - runs[1][0]) / scale
    return digits / DIGIT_HEIGHT_PER_EM


def _fits(geometry):
    """What does not fit the window (empty when the explorer fits)."""
    window, problems = geometry["window"], []
    if geometry["scrollWidth"] > geometry["clientWidth"]:
        problems.append(f"horizontal scroll ({geometry['scrollWidth']} > {geometry['clientWidth']})")
    for what, box in [("canvas", geometry["canvas"])] + [
            (f"slider {i}", b) for i, b in enumerate(geometry["sliders"])]:
        if box["left"] < 0 or box["right"] > window["width"] or box["top"] < 0 \
                or box["bottom"] > window["height"]:
            problems.append(f"{what} at {box} outside {window}")
    return problems


def test_figure_follows_the_window_and_fits_with_its_sliders(lecture_page, drive):
    page = lecture_page
    page.set_viewport_size(PROJECTOR)
    page.wait_for_function(f"() => window.innerWidth === {PROJECTOR['width']}")
    wide = _geometry(page)
    wide_ticks = _tick_label_px(page, drive, "1920")

    page.set_viewport_size(SMALL_PROJECTOR)
    page.wait_for_function(f"() => window.innerWidth === {SMALL_PROJECTOR['width']}")
    try:  # the page refits the figure on the window's resize event: wait for it
        page.wait_for_function("""([sel, before]) =>
            document.querySelector(sel).getBoundingClientRect().width < before""",
                               arg=[f"{EXPLORER} .jupyter-matplotlib-canvas-div canvas",
                                    wide["canvas"]["width"]], timeout=10_000)
    except PlaywrightTimeout:
        pass  # a figure that does not follow the window: the assertions below say how
    small = _geometry(page)
    small_ticks = _tick_label_px(page, drive, "1280")
    page.screenshot(path=str(drive.artifacts / "lecture-screen-1280.png"))
    page.set_viewport_size(PROJECTOR)
    print(f"canvas {wide['canvas']['width']:.0f} x {wide['canvas']['height']:.0f} px at 1920x1080, "
          f"{small['canvas']['width']:.0f} x {small['canvas']['height']:.0f} px at 1280x720 "
          f"(drawn {wide['bitmap'] / wide['ratio']:.0f} px wide); explorer "
          f"{wide['explorer']['height']:.0f} / {small['explorer']['height']:.0f} px tall; "
          f"tick labels {wide_ticks:.1f} / {small_ticks:.1f} px")

    assert wide["canvas"]["width"] >= 1200, f"figure {wide['canvas']['width']} px wide at 1920"
    assert small["canvas"]["width"] < wide["canvas"]["width"]
    assert not _fits(wide), _fits(wide)
    assert not _fits(small), _fits(small)
    assert len(small["sliders"]) >= 2
    assert wide_ticks >= 18, f"tick labels {wide_ticks:.1f} px at 1920 wide"
    assert small_ticks >= 14, f"tick labels {small_ticks:.1f} px at 1280 wide"


def test_a_slider_is_moved_with_the_keyboard_alone(lecture_page, drive):
    page = lecture_page
    explorer = page.locator(EXPLORER)
    explorer.evaluate("el => el.scrollIntoView({block: 'start'})")
    handles = explorer.locator(".widget-slider .noUi-handle")
    assert handles.count() >= 2
    # reachable by keyboard: a focusable handle announced as a slider
    for i in range(handles.count()):
        handle = handles.nth(i)
        assert handle.get_attribute("role") == "slider", handle.evaluate("el => el.outerHTML")
        assert handle.evaluate("el => el.tabIndex") >= 0
    # Tab from the first slider's handle reaches the second one's (its readout may come first)
    first, second = handles.nth(0), handles.nth(1)
    first.focus()
    page.wait_for_function("(el) => document.activeElement === el", arg=first.element_handle())
    is_second = "(el) => document.activeElement === el"
    for _ in range(3):
        page.keyboard.press("Tab")
        if second.evaluate(is_second):
            break
    assert second.evaluate(is_second), page.evaluate("() => document.activeElement.outerHTML")
    slider = explorer.locator(".widget-slider").nth(1)
    readout = slider.locator(".widget-readout")
    canvas = page.locator(CANVAS)
    before_value = readout.inner_text().strip()
    before_aria = second.get_attribute("aria-valuenow")
    before_picture = drive.stable_screenshot(canvas)
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("([el, before]) => el.innerText.trim() !== before",
                           arg=[readout.element_handle(), before_value])
    after_value = readout.inner_text().strip()
    after_picture = drive.wait_changed(canvas, before_picture, timeout=30)
    print(f"keyboard: readout {before_value} -> {after_value}, aria-valuenow "
          f"{before_aria} -> {second.get_attribute('aria-valuenow')}")
    assert float(after_value.replace("\u2212", "-")) > float(before_value.replace("\u2212", "-"))
    assert after_picture is not None, "the figure did not redraw after the arrow keys"
    (drive.artifacts / "lecture-screen-keyboard-after.png").write_bytes(after_picture)


def test_no_console_errors_while_a_lesson_loads_and_is_driven(lecture_page, drive):
    page = lecture_page
    explorer = page.locator(EXPLORER)
    explorer.evaluate("el => el.scrollIntoView({block: 'start'})")
    canvas = page.locator(CANVAS)
    before = drive.stable_screenshot(canvas)
    handle = explorer.locator(".widget-slider .noUi-handle").last
    handle.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert drive.wait_changed(canvas, before, timeout=30) is not None, "widget not driven"
    assert not drive.widget_errors(page), drive.widget_errors(page)
    assert not page.console_errors, "console errors in lecture mode:\n" + "\n".join(
        page.console_errors)


def test_pointer_positions_on_a_scaled_figure_are_the_figures_own(lecture_page):
    """On a figure the page has scaled down, ipympl still reads the pointer in data
    coordinates (its footer): the ends of the gate axis read as the ends of the gate range."""
    from helpers.explorers.noise import NOISE_GATE_GRID

    page = lecture_page
    page.set_viewport_size(SMALL_PROJECTOR)
    try:
        page.wait_for_function(f"() => window.innerWidth === {SMALL_PROJECTOR['width']}")
        page.locator(EXPLORER).evaluate("el => el.scrollIntoView({block: 'start'})")
        canvas = page.locator(CANVAS)
        box = canvas.bounding_box()
        image, scale, _ = _canvas_image(page)
        _, spine, first, last = _bottom_axis(image)
        ratio = box["width"] / page.evaluate(
            "(c) => parseFloat(c.style.width)", canvas.element_handle())
        assert ratio < 0.95, f"the figure is not scaled at 1280x720 (ratio {ratio:.2f})"
        footer = page.locator(f"{EXPLORER} .jupyter-matplotlib-footer").first
        read = []
        for column in (first + 3, last - 3):
            x = float(box["x"] + column / scale)
            y = float(box["y"] + (spine - 3) / scale)
            # first outside the axes (the canvas's corner), where the footer goes blank, so
            # that a late reading of an earlier position cannot be taken for this one
            page.mouse.move(float(box["x"] + 3), float(box["y"] + 3))
            page.wait_for_function("(el) => !/\\d/.test(el.innerText)",
                                   arg=footer.element_handle())
            page.mouse.move(x - 2, y)
            page.mouse.move(x, y)
            try:  # ipympl's footer shows the data coordinates under the pointer
                page.wait_for_function("(el) => /\\d/.test(el.innerText)",
                                       arg=footer.element_handle(), timeout=10_000)
            except PlaywrightTimeout:
                pass  # outside the axes, or no reading: the assertion below says which
            text = footer.inner_text().replace("\u2212", "-")
            numbers = re.findall(r"-?\d+\.\d+", text)
            read.append(float(numbers[0]) if numbers else text)
        print(f"figure at {ratio:.2f} of its size: gate axis ends read as {read}")
        span = NOISE_GATE_GRID[-1] - NOISE_GATE_GRID[0]
        for got, want in zip(read, (NOISE_GATE_GRID[0], NOISE_GATE_GRID[-1])):
            assert isinstance(got, float) and abs(got - want) < 0.02 * span, \
                f"pointer at the axis end {want} reads {got!r} (all: {read})"
    finally:
        page.mouse.move(0, 0)
        page.set_viewport_size(PROJECTOR)
