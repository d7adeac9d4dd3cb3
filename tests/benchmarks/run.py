#!/usr/bin/env python
"""Benchmark runner of the Landauer course (plain Python, no pytest).

    python tests/benchmarks/run.py                         # everything, a table on stdout
    python tests/benchmarks/run.py --only conductance      # names containing a substring
    python tests/benchmarks/run.py --repeat 10 --warmup 2 --json benchmark-results.json
    python tests/benchmarks/run.py --only widget: --markdown   # writes tests/benchmarks/RESULTS.md

Adding a benchmark is one decorated function, here or in a module ``bench_*.py`` next to this
file (imported automatically, in name order); both import the list from ``registry.py``::

    from registry import benchmark

    @benchmark("rgf strip", W=40, L=100)          # stack decorators for several parameter sets
    def rgf_strip(W, L):
        transmission(np.zeros((L, W)), 1.0)
        return {"sites": W * L}                   # optional: extra numbers for the report

Each entry is called with its parameters once per warm-up and once per timed repeat; the
table shows the median and maximum wall time, the number of timed runs and the parameters.
``--json FILE`` writes a list of {"name", "median_s", "max_s", "runs", "params"} (plus "info"
when the function returned a dict).

Widget entries (``widget:<lesson stem>:<widget> <control>``, ``bench_widgets.py``, one per
control of every explorer of `helpers.explorers.REGISTRY` and drawing path) time each control
change themselves (compute + redraw through the same code path as in JupyterLab: ipympl
canvases); their median_s / max_s are over those changes. ``--path fast|plain`` keeps one drawing
path; ``--backend inline`` measures the inline fallback. ``--markdown`` writes the widget table,
with the matplotlib version and the load average, to ``tests/benchmarks/RESULTS.md`` (or FILE).
"""

import argparse
import datetime
import importlib
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RESULTS = HERE / "RESULTS.md"

for path in (str(HERE), str(ROOT)):  # `registry` and the bench modules; `helpers`
    if path not in sys.path:
        sys.path.insert(0, path)

from registry import BENCHMARKS, benchmark  # noqa: E402 - after the path is set


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
            cold = (info or {}).get("cold_max_s")
            info = dict(result)
            if cold is not None:  # a first visit happens in one run only: keep it
                info["cold_max_s"] = max(cold, info.get("cold_max_s", 0.0))
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


#: Widget target: a control change (compute + redraw) under these, warm cache, on 2 cores.
WIDGET_TARGET_MEDIAN_S = 0.050
WIDGET_TARGET_MAX_S = 0.150


def _ms(seconds):
    return f"{seconds * 1e3:.0f} ms"


def _met(record):
    return record["median_s"] < WIDGET_TARGET_MEDIAN_S and record["max_s"] < WIDGET_TARGET_MAX_S


def _environment(load_before, load_after):
    import matplotlib
    from helpers.widgets import fast_path

    fast = "fast path on" if fast_path.available() else (
        f"fast path off: written for matplotlib {', '.join('.'.join(map(str, v)) for v in sorted(fast_path.WRITTEN_FOR))}")
    return (f"{datetime.date.today().isoformat()}, matplotlib {matplotlib.__version__} ({fast}), "
            f"Python {platform.python_version()}, {os.cpu_count()} cores, load average "
            f"{load_before[0]:.2f} before and {load_after[0]:.2f} after (1 min; the machine is "
            "shared)")


def print_markdown(records, stream=sys.stdout, environment=None, command=None):
    """The results as Markdown: widget rows as one table with both drawing paths side by side
    (and whether the better one meets the target), other benchmarks as a plain table."""
    widgets = [r for r in records if r["name"].startswith("widget:")]
    others = [r for r in records if not r["name"].startswith("widget:")]
    if environment:
        print(f"Measured {environment}" + (f" with `{command}`." if command else "."), file=stream)
        print(file=stream)
    if widgets:
        print(f"Target: median under {_ms(WIDGET_TARGET_MEDIAN_S)} and worst under "
              f"{_ms(WIDGET_TARGET_MAX_S)} per control change with a warm cache. \"cold\": the "
              "slowest first visit of a value of a control that computes an ensemble, a map or "
              "a lattice sweep (a progress bar or a prefetching thread covers it).", file=stream)
        print(file=stream)
        print("| lesson | widget | control | fast: median | fast: worst | plain: median | "
              "plain: worst | cold | target met |", file=stream)
        print("|---|---|---|---|---|---|---|---|---|", file=stream)
        rows = {}
        for r in widgets:
            _, stem, what = r["name"].split(":", 2)
            rows.setdefault((stem, what), {})[r["params"].get("path", "fast")] = r
        for (stem, what), paths in rows.items():
            widget, _, control = what.partition(" ")
            cells = []
            for path in ("fast", "plain"):
                r = paths.get(path)
                if r is None or (path == "fast" and not r.get("info", {}).get("fast", True)):
                    cells += ["—", "—"]  # not measured, or the fast path fell back to plain
                else:
                    cells += [_ms(r["median_s"]), _ms(r["max_s"])]
            colds = [r["info"]["cold_max_s"] for r in paths.values() if "cold_max_s" in r.get("info", {})]
            cold = _ms(max(colds)) if colds else ""
            met = any(_met(r) for r in paths.values())
            print(f"| {stem[:2]} | {widget} | `{control}` | {' | '.join(cells)} | {cold} | "
                  f"{'yes' if met else '**no**'} |", file=stream)
    if others:
        if widgets:
            print(file=stream)
        print("| benchmark | params | median | worst |", file=stream)
        print("|---|---|---|---|", file=stream)
        for r in others:
            print(f"| `{r['name']}` | {_format_params(r['params'])} | {_ms(r['median_s'])} | "
                  f"{_ms(r['max_s'])} |", file=stream)


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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", metavar="SUBSTRING", help="run only benchmarks whose name contains this")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per benchmark (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--markdown", nargs="?", const=str(RESULTS), metavar="FILE",
                        help="write the results as Markdown to FILE (default "
                             "tests/benchmarks/RESULTS.md, which README.md links) and print them")
    parser.add_argument("--path", choices=["fast", "plain"],
                        help="widget benchmarks of one drawing path only (default: both)")
    parser.add_argument("--backend", choices=["widget", "inline"], default="widget",
                        help="figures of the widget benchmarks: ipympl canvases as in JupyterLab "
                             "(default) or the inline fallback")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.warmup < 0:
        parser.error("--repeat must be >= 1 and --warmup >= 0")
    select_backend(args.backend)
    load_modules()
    selected = [b for b in BENCHMARKS if (not args.only or args.only in b["name"])
                and (not args.path or b["params"].get("path", args.path) == args.path)]
    if args.list:
        for b in selected:
            print(f"{b['name']}  ({_format_params(b['params'])})")
        return 0
    if not selected:
        print(f"no benchmark matches {args.only!r}", file=sys.stderr)
        return 1
    records = []
    load_before = os.getloadavg()
    for entry in selected:
        records.append(run_one(entry, args.warmup, args.repeat))
    load_after = os.getloadavg()
    if args.markdown:
        import io

        text = io.StringIO()
        command = "python tests/benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
        print("# Benchmark results\n\nRegenerated by the command below; do not edit by hand.\n",
              file=text)
        print_markdown(records, text, _environment(load_before, load_after), command.strip())
        Path(args.markdown).write_text(text.getvalue())
        print(text.getvalue(), end="")
        print(f"wrote {args.markdown}")
    else:
        print_table(records)
    if args.json:
        Path(args.json).write_text(json.dumps(records, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
