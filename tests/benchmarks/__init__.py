"""Speed benchmarks of the course's physics; run them with ``python tests/benchmarks/run.py``.

Not collected by pytest (``--ignore=tests/benchmarks`` in pyproject.toml): speed is measured,
never asserted in a test.
"""
