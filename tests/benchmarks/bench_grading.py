"""Grading speed: 40 submissions of one small assignment, --jobs 2 (aim: < 3 s per submission).

    python tests/benchmarks/run.py --only grading --repeat 1 --warmup 0
"""

import sys
import tempfile
import time
from pathlib import Path

import nbformat

from registry import benchmark

HERE = Path(__file__).resolve().parent


def _course(n):
    sys.path.insert(0, str(HERE.parent / "grading_fixtures"))
    import build
    from helpers.checks import register
    namespace = {}
    exec(build.EXERCISES_SOURCE, namespace)
    for exercise in namespace["EXERCISES"]:
        register(exercise)
    root = build.build(Path(tempfile.mkdtemp(prefix="bench-grading-")) / "course")
    sol = build.read(root / "solutions" / "01_demo.ipynb")
    blank = build.read(root / "exercises" / "01_demo.ipynb")
    for i in range(n):
        folder = root / "submissions" / f"student{i:03d}"
        folder.mkdir(parents=True)
        nbformat.write(sol if i % 2 else blank, folder / "01_demo.ipynb")
    return root


@benchmark("grading 40 submissions", submissions=40, jobs=2)
def grading(submissions, jobs):
    from helpers.grading import grade
    root = _course(submissions)
    start = time.perf_counter()
    rows = grade([root / "submissions"], timeout=60, jobs=jobs,
                 source_dirs=[root / "solutions"], progress=False)
    elapsed = time.perf_counter() - start
    assert sum(r["status"] == "correct" for r in rows) == 3 * (submissions // 2)
    return {"s_per_submission": round(elapsed / submissions, 2)}
