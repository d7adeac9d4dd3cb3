"""The trust boundary: what the grader sends into a student's kernel, and what it accepts back.

Out: the grader's cells (`extraction_cells`): the text of ``in_kernel.py`` (a real Python file,
read here as text, never imported), then one call per exercise with this run's random token.

In: the kernel's printed text is untrusted. `parse_records` keeps only records between two
copies of the token (the first record of an exercise counts); `claimed_raw_answer` accepts a
record's answer only if it is plain data of the form its exercise can produce (plain JSON
values, numeric dtypes only, capped sizes, one result per input of a function exercise) and
returns it re-encoded, or a ``{"problem": ...}`` payload; judging happens in `judging`.
"""

import json
import re
from pathlib import Path

__all__ = ["KERNEL_CODE", "extraction_cells", "parse_records", "is_plain", "claimed_raw_answer"]

KERNEL_CODE = (Path(__file__).resolve().parent / "in_kernel.py").read_text(encoding="utf-8")
MAX_TEXT = 100_000       # characters of one string in an answer
MAX_DEPTH = 40           # nesting of lists in an answer
MAX_ITEMSIZE = 16        # bytes of one array element (complex128)


def extraction_cells(assignment, token, values=None, specs=None):
    """``{"setup": source, "cells": [(exercise id, source)]}``: the grader's cells for one run.

    `values` ({topic: {name: value}}): the variant the answers are read in (graded homework:
    the student's, computed by the grader; default: the defaults). Plain numbers only, never
    the key. `specs` ({exercise id: {"kind": ..., "inputs": encoded}}) describe exercises the
    kernel does not know (the course folder's own, see `course_spec`)."""
    values = _plain_values(values or {})
    specs = specs or {}
    cells = [(spec.id, f"__landauer_grader({spec.id!r}, {spec.expression!r}, {token!r}, "
                       f"globals(), {values!r}, {_spec_literal(specs.get(spec.id))})")
             for spec in assignment.exercises]
    return {"setup": KERNEL_CODE, "cells": cells}


def course_spec(exercise):
    """What the kernel needs to read the answer of an exercise it does not know: its kind and,
    for a function exercise, its inputs in the active variant (encoded plain data)."""
    from ..checks import encode
    spec = {"kind": exercise.kind}
    if exercise.kind == "function":
        spec["inputs"] = encode([list(args) for args in exercise.inputs])
    return spec


def _spec_literal(spec):
    """A Python literal of `spec` (JSON text decoded in the cell: no code from the course)."""
    return "None" if spec is None else f"__import__('json').loads({json.dumps(spec)!r})"


def _plain_values(values):
    """`values` checked to be {str: {str: int | float | str}} (a literal safe to put in a cell)."""
    out = {}
    for topic, named in values.items():
        if not isinstance(topic, str) or not isinstance(named, dict):
            raise TypeError(f"variant values must be {{topic: {{name: value}}}}, not {values!r}")
        for name, value in named.items():
            if not isinstance(name, str) or isinstance(value, bool) or not isinstance(
                    value, (int, float, str)):
                raise TypeError(f"variant value {topic}.{name} = {value!r} is not a plain number")
        out[topic] = dict(named)
    return out


def parse_records(text, token):
    """{exercise id: record} from the grader's cells' text; the first record of an id counts."""
    records = {}
    for match in re.finditer(re.escape(token) + r"(.*?)" + re.escape(token), text, re.S):
        try:
            record = json.loads(match.group(1))
        except (ValueError, RecursionError):
            continue
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            records.setdefault(record["id"], record)
    return records


def is_plain(data, depth=0):
    """True when `data` is a plain encoded answer (no odd dtypes, no giant integers)."""
    if depth > MAX_DEPTH:
        return False
    if data is None or isinstance(data, (bool, str, float)):
        return not isinstance(data, str) or len(data) <= MAX_TEXT
    if isinstance(data, int):
        return abs(data) < 2 ** 63
    if isinstance(data, list):
        return all(is_plain(v, depth + 1) for v in data)
    if not isinstance(data, dict):
        return False
    keys = set(data)
    if keys == {"float"}:
        return data["float"] in ("nan", "inf", "-inf")
    if keys == {"complex"}:
        return isinstance(data["complex"], list) and len(data["complex"]) == 2 \
            and is_plain(data["complex"], depth + 1)
    if keys == {"ndarray", "dtype", "shape"}:
        import numpy as np
        try:
            dtype = np.dtype(data["dtype"])
        except (TypeError, ValueError):
            return False
        return dtype.kind in "biufc" and dtype.itemsize <= MAX_ITEMSIZE \
            and isinstance(data["shape"], list) and is_plain(data["ndarray"], depth + 1)
    if keys == {"ellipsis"}:
        return data["ellipsis"] is True
    if keys <= {"problem", "detail"} and "problem" in keys:
        return all(isinstance(v, str) and len(v) < 1000 for v in data.values())
    return False


def claimed_raw_answer(exercise, encoded):
    """The encoded raw answer a record claims for `exercise`, validated and normalized.

    Returns an encoded value ready for ``helpers.checks.evaluate_payload``; a record that is not
    plain data of the right form becomes ``{"problem": "unreadable", ...}``."""
    from ..checks import encode, decode, FunctionExercise
    from ..checks.answers import Problem
    from ..checks.kinds import to_number_or_array
    try:
        if not is_plain(encoded):
            raise ValueError("not a plain value")
        raw = decode(encoded)
        if isinstance(exercise, FunctionExercise):
            if raw is not None and not isinstance(raw, Problem):
                if not isinstance(raw, list) or len(raw) != len(exercise.inputs):
                    raise ValueError("not one result per input")
                raw = [o if o is None or isinstance(o, Problem) else to_number_or_array(o)
                       for o in raw]
        elif not isinstance(raw, Problem):
            raw = exercise.collect(raw)
        return encode(raw)
    except Exception as exc:  # anything a forged record can make decode or collect raise
        return {"problem": "unreadable", "detail": f"an answer record ({exc})"}
