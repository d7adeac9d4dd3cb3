#!/usr/bin/env python
"""Benchmark runner of the Landauer course (plain Python, no pytest).

    python tests/benchmarks/run.py                         # everything, a table on stdout
    python tests/benchmarks/run.py --only conductance      # names containing a substring
    python tests/benchmarks/run.py --repeat 10 --warmup 2 --json benchmark-results.json

Adding a benchmark is one decorated function, here or in a module ``bench_*.py`` next to this
file (imported automatically, in name order)::

    from run import benchmark

    @benchmark("rgf strip", W=40, L=100)          # stack decorators for several parameter sets
    def rgf_strip(W, L):
        transmission(np.zeros((L, W)), 1.0)
        return {"sites": W * L}                   # optional: extra numbers for the report

Each entry is called with its parameters once per warm-up and once per timed repeat; the
table shows the median and maximum wall time, the number of timed runs and the parameters.
``--json FILE`` writes a list of {"name", "median_s", "max_s", "runs", "params"} (plus "info"
when the function returned a dict).

Widget entries (``widget:<lesson stem>:<widget> <control>``) time each control change
themselves with `widget_timing` (compute + redraw through the same code path as in JupyterLab:
ipympl canvases, lines repainted on a kept background when the axes do not change); their
median_s / max_s are over those changes. ``--backend inline`` measures the inline fallback.
"""

import argparse
import importlib
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

# `from run import benchmark` in a bench_*.py module must reach THIS registry even when this
# file runs as __main__.
sys.modules.setdefault("run", sys.modules[__name__])
for path in (str(HERE), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

#: Registered benchmarks: a list of dicts {"name", "function", "params"}.
BENCHMARKS = []


def benchmark(name, **params):
    """Register the decorated function as a benchmark called with `params` (stackable)."""

    def register(function):
        BENCHMARKS.append({"name": name, "function": function, "params": dict(params)})
        return function

    return register


# --- the Landauer integrals ---------------------------------------------------------------------

def breit_wigner(E0, fwhm, height=1.0, background=0.0):
    """Closed-form double-barrier-like resonance T(E), vectorized (stands in for a lattice T)."""
    import numpy as np

    g = fwhm / 2

    def T(E):
        return background + height * g**2 / ((np.asarray(E) - E0) ** 2 + g**2)

    return T


@benchmark("conductance", kT=0.01, fwhm=1e-3, offset=0.0037)
@benchmark("conductance", kT=0.01, fwhm=1e-5, offset=0.0037)
def conductance_breit_wigner(kT, fwhm, offset):
    from helpers.landauer import conductance

    _, info = conductance(breit_wigner(0.5 + offset, fwhm, 0.9, 0.05), 0.5, kT, return_info=True)
    return {"n_evaluations": info["n_evaluations"], "n_calls": info["n_calls"]}


@benchmark("conductance sweep", kT=0.01, fwhm=1e-3, points=101)
def conductance_sweep(kT, fwhm, points):
    """A widget's curve: G(mu) at 101 chemical potentials across a resonance."""
    import numpy as np

    from helpers.landauer import conductance

    T = breit_wigner(0.5, fwhm, 0.9, 0.05)
    total = 0
    for mu in np.linspace(0.4, 0.6, points):
        total += conductance(T, mu, kT, return_info=True)[1]["n_evaluations"]
    return {"n_evaluations": total}


@benchmark("current", kT=0.0, bias=4.0, fwhm=1e-3)
@benchmark("current", kT=0.01, bias=4.0, fwhm=1e-3)
def current_breit_wigner(kT, bias, fwhm):
    from helpers.landauer import current

    _, info = current(breit_wigner(1.2345, fwhm), bias, 0.0, kT, return_info=True)
    return {"n_evaluations": info["n_evaluations"], "n_calls": info["n_calls"]}


# --- running ------------------------------------------------------------------------------------

def load_modules():
    """Import every bench_*.py next to this file (they register with @benchmark)."""
    for path in sorted(HERE.glob("bench_*.py")):
        importlib.import_module(path.stem)


def run_one(entry, warmup, repeat):
    function, params = entry["function"], entry["params"]
    for _ in range(warmup):
        function(**params)
    times, info = [], None
    inner = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(**params)
        times.append(time.perf_counter() - start)
        if isinstance(result, dict):
            info = dict(result)
            if "samples_s" in info:  # the entry timed the events itself (a widget control change)
                inner.extend(info.pop("samples_s"))
    samples = inner or times
    record = {
        "name": entry["name"],
        "median_s": statistics.median(samples),
        "max_s": max(samples),
        "runs": len(samples),
        "params": params,
    }
    if info:
        record["info"] = info
    return record


def _format_params(params):
    return ", ".join(f"{k}={v}" for k, v in params.items())


def print_table(records, stream=sys.stdout):
    rows = [("name", "median", "max", "runs", "params", "info")]
    for r in records:
        rows.append((
            r["name"], f"{r['median_s'] * 1e3:.3f} ms", f"{r['max_s'] * 1e3:.3f} ms", str(r["runs"]),
            _format_params(r["params"]), _format_params(r.get("info", {})),
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip(), file=stream)
        if n == 0:
            print("  ".join("-" * w for w in widths), file=stream)


#: Widget target of issue 6: a control change (compute + redraw) under these, on 2 cores.
WIDGET_TARGET_MEDIAN_S = 0.050
WIDGET_TARGET_MAX_S = 0.150


def _describe(record):
    """(lesson, "widget `control` (other params)") of a widget entry, for the README table."""
    _, stem, widget = record["name"].split(":", 2)
    params = {k: v for k, v in record["params"].items() if k != "values"}
    control = params.pop("control", None)
    what = f"{widget} `{control}`" if control and control not in widget else widget
    if params:
        what += " (" + _format_params(params) + ")"
    return stem[:2], what


def print_markdown(records, stream=sys.stdout):
    """The results as a Markdown table (README.md); widget rows say whether they meet the target."""
    widgets = all(r["name"].startswith("widget:") for r in records)
    if widgets:
        print("| lesson | widget and control | median | worst | target met |", file=stream)
        print("|---|---|---|---|---|", file=stream)
    else:
        print("| benchmark | params | median | worst |", file=stream)
        print("|---|---|---|---|", file=stream)
    for r in records:
        times = f"{r['median_s'] * 1e3:.0f} ms | {r['max_s'] * 1e3:.0f} ms"
        if widgets:
            met = r["median_s"] < WIDGET_TARGET_MEDIAN_S and r["max_s"] < WIDGET_TARGET_MAX_S
            lesson, what = _describe(r)
            print(f"| {lesson} | {what} | {times} | {'yes' if met else '**no**'} |", file=stream)
        else:
            print(f"| `{r['name']}` | {_format_params(r['params'])} | {times} |", file=stream)


def select_backend(name):
    """Make explorers draw as they do in the browser: ipympl canvases (what setup() selects in
    JupyterLab and Voila), or Agg figures shown as images (the inline fallback)."""
    import matplotlib

    if name == "widget":
        try:
            matplotlib.use("module://ipympl.backend_nbagg")
            return
        except ImportError:
            print("ipympl is not installed: widget benchmarks use the inline fallback", file=sys.stderr)
    matplotlib.use("Agg")


def every_option(explorer, control):
    """The values of a toggle or dropdown control, the initial one last (each one a change)."""
    options = [o[1] if isinstance(o, tuple) else o for o in explorer.controls[control].options]
    return options[1:] + options[:1]


def widget_timing(explorer, control, values):
    """Time control changes of an explorer (compute + redraw, the browser's code path).

    Returns an info dict for a benchmark entry: ``samples_s`` (one time per change, used by the
    runner for median_s / max_s) and the median of the compute part alone.
    """
    from helpers.widgets import measure_update

    canvas = explorer.plot.figure.canvas
    if hasattr(canvas, "syncing_data_url"):
        # what ipympl does when the page says "initialized": from then on it sends image diffs
        # only, without also re-encoding the whole figure as a data URL for saved notebooks
        canvas.syncing_data_url = False
    canvas.draw()  # the first display of the figure
    rows = measure_update(explorer, control, values)
    return {"samples_s": [row["total"] for row in rows],
            "compute_median_s": statistics.median(row["compute"] for row in rows)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", metavar="SUBSTRING", help="run only benchmarks whose name contains this")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per benchmark (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--markdown", action="store_true",
                        help="print a Markdown table (for README.md) instead of the plain one")
    parser.add_argument("--backend", choices=["widget", "inline"], default="widget",
                        help="figures of the widget benchmarks: ipympl canvases as in JupyterLab "
                             "(default) or the inline fallback")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.warmup < 0:
        parser.error("--repeat must be >= 1 and --warmup >= 0")
    select_backend(args.backend)
    load_modules()
    selected = [b for b in BENCHMARKS if not args.only or args.only in b["name"]]
    if args.list:
        for b in selected:
            print(f"{b['name']}  ({_format_params(b['params'])})")
        return 0
    if not selected:
        print(f"no benchmark matches {args.only!r}", file=sys.stderr)
        return 1
    records = []
    for entry in selected:
        records.append(run_one(entry, args.warmup, args.repeat))
    (print_markdown if args.markdown else print_table)(records)
    if args.json:
        Path(args.json).write_text(json.dumps(records, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
