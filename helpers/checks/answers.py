"""JSON form of a student's answer, as `check()` records it for graders.

`check()` adds one output with mimetype ``application/vnd.landauer.answer+json``::

    {"exercise": "contact-resistance", "answer": <encoded>, "format": 1}

where <encoded> is `encode(raw)` of the *raw answer* (for a function exercise: the values the
student's function returned at the checker's inputs, see `FunctionExercise.collect`).
Encoding: None, bool, int, str, finite float -> themselves; lists/tuples -> lists;
non-finite float -> {"float": "nan" | "inf" | "-inf"}; complex -> {"complex": [re, im]};
numpy arrays -> {"ndarray": nested list, "dtype": str, "shape": list}; a `Problem` (see below)
-> {"problem": code, "detail": text}; anything else -> {"problem": "unreadable", "detail": type}.
Exercises normalize answers before encoding (`Exercise.collect`), so the grader judges exactly
what the notebook judged.
`decode(encode(x))` gives back an equivalent value.
"""

import math

import numpy as np

ANSWER_MIMETYPE = "application/vnd.landauer.answer+json"
FORMAT = 1


def encode(value, _depth=0):
    """JSON-serializable form of `value`; never raises."""
    try:
        if _depth > 20:
            return {"problem": "unreadable", "detail": "nested too deep"}
        if value is None or isinstance(value, (bool, str)):
            return value
        if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            return int(value)
        if isinstance(value, np.bool_):
            return bool(value)
        if isinstance(value, (float, np.floating)):
            value = float(value)
            return value if math.isfinite(value) else {"float": repr(value)}
        if isinstance(value, (complex, np.complexfloating)):
            return {"complex": [encode(value.real), encode(value.imag)]}
        if isinstance(value, np.ndarray) and value.dtype.kind in "biufc":
            return {"ndarray": [encode(v, _depth + 1) for v in value.tolist()]
                    if value.ndim else encode(value.item()), "dtype": str(value.dtype),
                    "shape": list(value.shape)}
        if type(value) in (list, tuple):
            return [encode(v, _depth + 1) for v in value]
        if value is Ellipsis:
            return {"ellipsis": True}
        if isinstance(value, Problem):
            return {"problem": value.code, "detail": value.detail}
        return {"problem": "unreadable", "detail": type(value).__name__}
    except Exception:
        return {"problem": "unreadable", "detail": "?"}


def _safe_str(value):
    try:
        return str(value)[:300]
    except Exception:
        return "?"


class Problem:
    """A raw answer that is not a value: `code` is "unreadable" (an object that is not a number,
    text or array), "incomplete" (an array with empty entries) or "raised" (the student's code
    raised an exception); `detail` is a short text (type name, exception name and message)."""

    def __init__(self, code, detail=""):
        self.code, self.detail = code, detail

    def __repr__(self):
        return f"Problem({self.code!r}, {self.detail!r})"


def raised(exc):
    """Problem standing for exception `exc`."""
    message = _safe_str(exc)
    return Problem("raised", type(exc).__name__ + (f": {message}" if message else ""))


def _from_nested(obj):
    if isinstance(obj, list):
        return [_from_nested(v) for v in obj]
    return decode(obj)


def decode(data):
    """Inverse of `encode`."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "float" in data:
        return float(data["float"])
    if "complex" in data:
        return complex(decode(data["complex"][0]), decode(data["complex"][1]))
    if "ndarray" in data:
        values = _from_nested(data["ndarray"])
        try:
            return np.array(values, dtype=data.get("dtype", float))
        except Exception:
            return np.array(values, dtype=object)
    if "ellipsis" in data:
        return Ellipsis
    if "problem" in data:
        return Problem(str(data["problem"]), str(data.get("detail", "")))
    return Problem("unreadable", str(data))
