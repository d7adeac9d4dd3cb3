"""Copy detection of graded homework, in the grader's own process.

With ``--course`` every student has their own numbers, so the answer of a varied exercise
earns its points only for the student's own variant. A wrong answer that is the expected
answer of *another* variant says where it came from: another student's notebook (``matches
<student>``) or the practice notebook's defaults, whose solutions are public (``matches public
solution``). Only numeric and array exercises are compared (the raw answers the kernel
claimed, validated at the trust boundary, against the expected values the grader computed for
every student of the class before any kernel ran); an exercise whose answer is the same in
both variants (a constant of nature, a coarse fraction) proves nothing and is skipped, and so
is an answer that is right for several other variants.
"""

import collections

import numpy as np

from ..checks.answers import Problem, decode
from ..checks.variants import variant
from .boundary import claimed_raw_answer

__all__ = ["PUBLIC", "copy_flags", "summary_flag", "same_answer"]

#: The name of the defaults' variant in a flag.
PUBLIC = "public solution"


def same_answer(exercise, value, expected):
    """True when `value` is `expected` within the exercise's tolerance (same shape, finite)."""
    try:
        value, expected = np.asarray(value), np.asarray(expected)
        if value.shape != expected.shape or value.dtype.kind not in "biufc" \
                or expected.dtype.kind not in "biufc":
            return False
        if np.iscomplexobj(value) and not np.iscomplexobj(expected):
            if np.any(np.abs(value.imag) > 1e-12 * np.maximum(1, np.abs(value.real))):
                return False
            value = value.real
        return bool(np.all(np.isfinite(value))) and bool(
            np.allclose(value, expected, rtol=exercise.rtol, atol=exercise.atol))
    except (TypeError, ValueError):
        return False


def copy_flags(assignment, records, own, others):
    """{exercise id: "matches <name>"} for the varied numeric and array exercises whose claimed
    answer is wrong for the student's own variant `own` and right for one of `others`
    ({name: variant values}; the defaults under the name PUBLIC)."""
    from ..checks import get_exercise
    flags = {}
    for spec in assignment.exercises:
        exercise = get_exercise(spec.id)
        record = records.get(spec.id)
        if exercise.kind not in ("numeric", "array") or not record or record.get("state") != "ok":
            continue
        with variant(own):
            raw = decode(claimed_raw_answer(exercise, record.get("answer")))
            mine = exercise.expected_value
        if raw is None or isinstance(raw, (Problem, str, bool, list)) \
                or same_answer(exercise, raw, mine):
            continue
        sources = []
        for name, values in others.items():
            with variant(values):
                theirs = exercise.expected_value
            if not same_answer(exercise, theirs, mine) and same_answer(exercise, raw, theirs):
                sources.append(name)
        if len(sources) == 1:  # two variants with the same answer: no evidence either way
            flags[spec.id] = f"matches {sources[0]}"
    return flags


def summary_flag(flags):
    """The flag of a whole notebook: the one most of its exercises carry ("" when none)."""
    counts = collections.Counter(flag for flag in flags if flag)
    if not counts:
        return ""
    return max(sorted(counts), key=lambda flag: counts[flag])
