"""The list of benchmarks: `run.py` and every ``bench_*.py`` module import this one module.

    from registry import benchmark

    @benchmark("rgf strip", W=40, L=100)          # stack decorators for several parameter sets
    def rgf_strip(W, L):
        transmission(np.zeros((L, W)), 1.0)
        return {"sites": W * L}                   # optional: extra numbers for the report
"""

__all__ = ["BENCHMARKS", "benchmark"]

#: Registered benchmarks: a list of dicts {"name", "function", "params"}.
BENCHMARKS = []


def benchmark(name, **params):
    """Register the decorated function as a benchmark called with `params` (stackable)."""

    def register(function):
        BENCHMARKS.append({"name": name, "function": function, "params": dict(params)})
        return function

    return register
