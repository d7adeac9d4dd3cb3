"""Static figures of the explorers, for reading a lesson without a kernel.

    python -m helpers.figures             # write lessons/figures/<lesson>-<name>.png and .json
    python -m helpers.figures --check     # exit 1 when the committed data differ from now
    python -m helpers.figures --markdown  # the image lines to paste into the lessons

Every explorer of `helpers.explorers.REGISTRY` is made in its lesson state (the arguments the
lesson calls it with, no background threads) and saved as a small PNG (100 dpi, optimized) with
the data it plots next to it: ``<lesson>-<name>.json`` holds every line (at most `MAX_POINTS`
points, evenly picked) and every image (at most `MAX_IMAGE` samples along each axis), numbers
rounded to `DIGITS` significant digits (NaN, a gap in a line, as null), the title, the axis
labels and the alt text of the registry entry. ``--check`` recomputes the data and compares
them with the committed files (relative tolerance `RTOL`), so that a change of the physics or of
an explorer that alters a figure cannot go unnoticed: regenerate the figures with the command.
"""

import argparse
import io
import json
import math
import sys
from pathlib import Path

import numpy as np

__all__ = ["figure_data", "render", "write", "check", "main", "FIGURES", "MAX_POINTS", "MAX_IMAGE",
           "DIGITS", "RTOL", "DPI"]

#: Where the figures go (next to the lesson notebooks, which link them as figures/<file>).
FIGURES = Path(__file__).resolve().parent.parent / "lessons" / "figures"
MAX_POINTS = 200
MAX_IMAGE = 40
DIGITS = 6
RTOL = 1e-6
DPI = 100


def _round(values):
    """Numbers to `DIGITS` significant digits, as a (nested) list; NaN and inf as None."""
    values = np.asarray(values, dtype=float)
    out = np.full(values.shape, np.nan)
    finite = np.isfinite(values)
    v = values[finite]
    nonzero = v != 0
    scale = np.zeros_like(v)
    scale[nonzero] = np.floor(np.log10(np.abs(v[nonzero])))
    rounded = np.where(nonzero, np.round(v / 10.0 ** scale, DIGITS - 1) * 10.0 ** scale, 0.0)
    out[finite] = rounded
    listed = out.tolist()

    def clean(item):
        if isinstance(item, list):
            return [clean(i) for i in item]
        return None if math.isnan(item) else float(f"{item:.{DIGITS}g}")

    return clean(listed)


def _pick(n, most):
    """Indices of at most `most` points spread evenly over 0..n-1 (both ends included)."""
    if n <= most:
        return np.arange(n)
    return np.unique(np.round(np.linspace(0, n - 1, most)).astype(int))


def figure_data(entry, explorer):
    """What the figure of `explorer` plots, as a JSON-ready dict (see the module docstring)."""
    plot = explorer.plot
    lines = {}
    for name, line in plot.lines.items():
        if not line.get_visible():
            continue
        x, y = (np.asarray(a, dtype=float) for a in line.get_data())
        keep = _pick(x.size, MAX_POINTS)
        lines[name] = {"x": _round(x[keep]), "y": _round(y[keep])}
    images = {}
    for name in plot.images:
        array = np.asarray(plot.data(name), dtype=float)
        rows, columns = _pick(array.shape[0], MAX_IMAGE), _pick(array.shape[1], MAX_IMAGE)
        images[name] = {"shape": list(array.shape), "extent": _round(plot.images[name].get_extent()),
                        "values": _round(array[np.ix_(rows, columns)])}
    panels = [{"xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
               "xlim": _round(ax.get_xlim()), "ylim": _round(ax.get_ylim()),
               "xscale": ax.get_xscale(), "yscale": ax.get_yscale()} for ax in plot.axes]
    return {"lesson": entry.lesson, "name": entry.name, "explorer": entry.target,
            "arguments": entry.kwargs, "alt": entry.alt, "title": plot.data("title"),
            "controls": {k: v for k, v in explorer.values().items()},
            "panels": panels, "lines": lines, "images": images}


def _prepare():
    """Agg figures in the course style (no widget backend, no lecture mode)."""
    import matplotlib

    matplotlib.use("Agg")
    from .plotting import apply_style

    apply_style(lecture=False)


def _data_only(entry):
    """The data dict of one registry entry in its lesson state (no picture drawn)."""
    import matplotlib.pyplot as plt

    explorer = entry.make()
    try:
        return figure_data(entry, explorer)
    finally:
        plt.close(explorer.plot.figure)


def render(entry):
    """(PNG bytes, data dict) of one registry entry in its lesson state."""
    explorer = entry.make()
    png = explorer.plot.png(dpi=DPI)
    try:
        from PIL import Image

        image = Image.open(io.BytesIO(png))
        # a 256-colour palette: the same picture to the eye, a third of the bytes
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        buffer = io.BytesIO()
        small.save(buffer, format="PNG", optimize=True)
        png = buffer.getvalue()
    except ImportError:  # Pillow comes with matplotlib; without it the PNG stays as saved
        pass
    data = figure_data(entry, explorer)
    import matplotlib.pyplot as plt

    plt.close(explorer.plot.figure)
    return png, data


def _selected(only):
    from .explorers import entries

    chosen = [e for e in entries() if not only or any(o in e.key for o in only)]
    if not chosen:
        raise SystemExit(f"no explorer matches {only!r}")
    return chosen


def write(folder=FIGURES, only=None):
    """Write the PNG and JSON of every (or each `only`-matching) entry; returns the paths."""
    _prepare()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in _selected(only):
        png, data = render(entry)
        (folder / f"{entry.key}.png").write_bytes(png)
        (folder / f"{entry.key}.json").write_text(_dumps(data))
        written.append(folder / f"{entry.key}.png")
    return written


def _dumps(data):
    """JSON with one line per line, image and panel (readable diffs, small files)."""
    def compact(value):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    parts = []
    for key, value in data.items():
        if isinstance(value, dict) and value and key in ("lines", "images"):
            inner = ",\n".join(f"  {compact(k)}: {compact(v)}" for k, v in value.items())
            parts.append(f" {compact(key)}: {{\n{inner}\n }}")
        else:
            parts.append(f" {compact(key)}: {compact(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _differences(stored, fresh, where=""):
    """Places where two JSON values differ (numbers: relative tolerance `RTOL`)."""
    if isinstance(stored, dict) and isinstance(fresh, dict):
        out = []
        for key in sorted(set(stored) | set(fresh)):
            if key not in stored or key not in fresh:
                out.append(f"{where}/{key}: only in the {'new' if key in fresh else 'committed'} data")
            else:
                out += _differences(stored[key], fresh[key], f"{where}/{key}")
        return out
    if isinstance(stored, list) and isinstance(fresh, list):
        if len(stored) != len(fresh):
            return [f"{where}: {len(stored)} values committed, {len(fresh)} now"]
        out = []
        for i, (a, b) in enumerate(zip(stored, fresh)):
            out += _differences(a, b, f"{where}[{i}]")
            if len(out) > 5:
                break
        return out
    numbers = (int, float)
    if isinstance(stored, numbers) and isinstance(fresh, numbers) and not isinstance(stored, bool):
        if math.isclose(stored, fresh, rel_tol=RTOL, abs_tol=0.0):
            return []
        return [f"{where}: {stored!r} committed, {fresh!r} now"]
    return [] if stored == fresh else [f"{where}: {stored!r} committed, {fresh!r} now"]


def check(folder=FIGURES, only=None):
    """Recompute every figure's data and compare it with the committed JSON.

    Returns a list of problems (empty: the committed figures are up to date)."""
    _prepare()
    folder = Path(folder)
    problems = []
    for entry in _selected(only):
        path = folder / f"{entry.key}.json"
        if not path.exists() or not (folder / f"{entry.key}.png").exists():
            problems.append(f"{entry.key}: no committed figure (run python -m helpers.figures)")
            continue
        fresh = json.loads(json.dumps(_data_only(entry), ensure_ascii=False))
        stored = json.loads(path.read_text())
        problems += [f"{entry.key}{d}" for d in _differences(stored, fresh)]
    return problems


def markdown(only=None):
    """The Markdown image line of each figure, as a lesson (in lessons/) links it."""
    return [f"![{entry.alt}](figures/{entry.key}.png)" for entry in _selected(only)]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m helpers.figures",
                                     description="Static figures of the course's explorers.")
    parser.add_argument("--check", action="store_true",
                        help="compare the committed data with what the explorers compute now; "
                             "exit 1 when they differ")
    parser.add_argument("--markdown", action="store_true",
                        help="print the image line of each figure for the lessons")
    parser.add_argument("--only", nargs="+", metavar="SUBSTRING",
                        help="figures whose <lesson>-<name> contains one of these")
    parser.add_argument("--out", type=Path, default=FIGURES,
                        help="folder of the figures (default lessons/figures)")
    args = parser.parse_args(argv)
    if args.markdown:
        print("\n".join(markdown(args.only)))
        return 0
    if args.check:
        problems = check(args.out, args.only)
        for problem in problems:
            print(problem)
        if problems:
            print("The static figures are out of date: run python -m helpers.figures",
                  file=sys.stderr)
            return 1
        print("static figures up to date")
        return 0
    for path in write(args.out, args.only):
        print(f"wrote {path.name} ({path.stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
