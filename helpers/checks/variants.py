"""Exercise parameters and per-student variants.

Every exercise topic (a module of `helpers.exercises`) declares the numbers its questions are
about once, as a `Parameters` object called ``PARAMETERS``::

    PARAMETERS = Parameters(
        "resistance",
        T_scatterer=Param(0.25, 0.15, 0.45, step=0.01,
                          text="transmission of the single scatterer (exercise 2)"),
        N_chain=Param(10, 6, 14, text="number of scatterers in the chain (exercise 3)"),
        input_seed=Param(101, 0, 2**31 - 1, hidden=True,
                         text="seed of the inputs a function exercise is called on"),
    )

and its expected answers, mistakes and function inputs read them by attribute
(``PARAMETERS.T_scatterer``) at the moment they are computed. Outside a variant the attribute is
the default (the value of self-study: the one printed in the practice notebook); inside
``with variant({"resistance": {...}}):`` it is the variant's value. Expected answers are cached
per variant by the exercise kinds (`helpers.checks.kinds`), so anything an exercise module
caches itself must take the parameters as arguments.

A student's variant is drawn from the course's secret key and the student id with an HMAC
(`draw`): reproducible by whoever holds the key, unguessable without it. The practice notebook
shows a topic's parameters in one code cell tagged ``parameters`` (`parameters_cell_source`),
whose names the exercise texts and solutions use.

A released homework notebook (``python -m helpers.homework release``) switches its kernel to
homework mode in that cell (`homework`): ``check()`` then still catches format problems (text
where a number belongs, NaN, a wrong shape, a function that raises) but says "answer recorded"
instead of a verdict, because the kernel does not know the student's hidden values (and never
the key). With ``release --verdicts`` the cell passes all the student's values, hidden ones
included, and ``check()`` gives verdicts for the student's own variant.
"""

import contextlib
import contextvars
import hashlib
import hmac
import math
import numbers

__all__ = ["Param", "Parameters", "variant", "active_values", "variant_key", "draw_unit",
           "parameters_cell_source", "PARAMETERS_TAG", "homework", "homework_mode"]

#: Cell tag of the parameters cell of a practice notebook.
PARAMETERS_TAG = "parameters"

# {topic: {name: value}} of the variant being computed; empty: the defaults
_active = contextvars.ContextVar("landauer_variant", default=None)
# set by homework(): the notebook's own variant outside any `with variant(...)`, and the mode
# of check() ("record" or "verdicts"); a plain dict, because a kernel may run each cell in a
# context of its own
_session = {"values": None, "mode": None}


def _values_now():
    values = _active.get()
    if values is None:
        values = _session["values"]
    return values or {}


class Param:
    """One parameter: its default and the range its variants are drawn from.

    Parameters
    ----------
    default : int or float
        The value of self-study (printed in the practice notebook).
    low, high : int or float
        Inclusive range of the variants, chosen so that every value gives an equally hard,
        physically sensible problem. Integers when `default` is an int.
    step : float, optional
        Variants of a float parameter are rounded to a multiple of `step` (a value a student
        can read and type; default: two significant digits of the range).
    choices : sequence, optional
        Instead of a range: the variants are drawn from these values (`low`, `high` unused).
    hidden : bool
        Not shown in the notebook (the seed of a function exercise's inputs).
    text : str
        What it is, for the comment in the parameters cell (units included).
    """

    def __init__(self, default, low=None, high=None, *, step=None, choices=None, hidden=False,
                 text=""):
        if choices is not None:
            choices = tuple(choices)
            if default not in choices or len(choices) < 2:
                raise ValueError(f"choices={choices!r} must hold the default {default!r} and at "
                                 "least one other value")
        elif low is None or high is None or not low <= default <= high or low == high:
            raise ValueError(f"Param({default!r}, low={low!r}, high={high!r}): give a range "
                             "low <= default <= high with low < high, or choices=")
        self.default, self.low, self.high = default, low, high
        self.choices, self.hidden, self.text = choices, hidden, text
        self.integer = isinstance(default, numbers.Integral) and not isinstance(default, bool)
        if step is None and choices is None and not self.integer:
            span = float(high - low)
            step = 10.0 ** (math.floor(math.log10(span)) - 1)
        self.step = step

    def value_at(self, u):
        """The variant at `u` in [0, 1): uniform over the range (or the choices)."""
        if self.choices is not None:
            return self.choices[min(int(u * len(self.choices)), len(self.choices) - 1)]
        if self.integer:
            return int(self.low + min(int(u * (self.high - self.low + 1)), self.high - self.low))
        value = self.low + u * (self.high - self.low)
        value = round(round(value / self.step) * self.step, 12)
        return min(max(value, self.low), self.high)

    def __repr__(self):
        where = f"choices={self.choices!r}" if self.choices is not None else \
            f"{self.low!r}..{self.high!r}"
        return f"Param({self.default!r}, {where})"


def draw_unit(secret, *labels):
    """A number in [0, 1) from an HMAC-SHA256 of `labels` under `secret` (bytes)."""
    message = "\0".join(str(label) for label in labels).encode("utf-8")
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") / 2.0 ** 64


class Parameters:
    """The named parameters of one topic's exercises (see the module docstring)."""

    def __init__(self, topic, **params):
        if not params:
            raise ValueError(f"Parameters({topic!r}) declares no parameter")
        for name, param in params.items():
            if not isinstance(param, Param):
                raise TypeError(f"parameter {name!r} of {topic!r} is {param!r}; use Param(...)")
        object.__setattr__(self, "topic", topic)
        object.__setattr__(self, "params", dict(params))

    def __getattr__(self, name):
        params = object.__getattribute__(self, "params")
        if name not in params:
            raise AttributeError(f"{self.topic!r} has no parameter {name!r}; it has "
                                 f"{', '.join(params)}")
        values = _values_now().get(self.topic, {})
        return values.get(name, params[name].default)

    def __setattr__(self, name, value):
        raise AttributeError("parameters are read-only; use `with variant(...)` for other values")

    def defaults(self):
        """{name: default value}."""
        return {name: p.default for name, p in self.params.items()}

    def current(self):
        """{name: value} of the active variant (the defaults outside one)."""
        return {name: getattr(self, name) for name in self.params}

    def draw(self, secret, student):
        """{name: value} of `student`'s variant under the course key `secret` (bytes).

        Every value differs from its default (so a variant never coincides with the public
        solution in one parameter by chance).
        """
        values = {}
        for name, param in self.params.items():
            for attempt in range(64):
                value = param.value_at(draw_unit(secret, self.topic, student, name, attempt))
                if value != param.default:
                    break
            values[name] = value
        return values

    def __repr__(self):
        return f"Parameters({self.topic!r}, {', '.join(self.params)})"


def active_values():
    """{topic: {name: value}} of the active variant ({} outside one)."""
    return dict(_values_now())


def variant_key():
    """A hashable key of the active variant (None outside one): caches of expected answers."""
    values = _values_now()
    if not values:
        return None
    return tuple(sorted((topic, tuple(sorted(v.items()))) for topic, v in values.items()))


@contextlib.contextmanager
def variant(values):
    """Compute expected answers, mistakes and inputs for the variant `values`.

    `values` is {topic: {name: value}}; names a topic leaves out keep their defaults.
    """
    _check_values(values)
    token = _active.set({topic: dict(v) for topic, v in values.items() if v})
    try:
        yield
    finally:
        _active.reset(token)


def _check_values(values):
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        raise TypeError(f"values must be {{topic: {{name: value}}}}, not {values!r}")


def homework(values=None, *, verdicts=False):
    """Switch this kernel to graded homework (the released notebook's parameters cell calls it).

    Parameters
    ----------
    values : dict, optional
        {topic: {name: value}}: the student's own numbers, used from now on outside any
        ``with variant(...)``. Without `verdicts` the shown ones (for the shapes of the answers
        that format checks compare); with `verdicts` all of them, hidden ones included.
    verdicts : bool
        False (default): ``check()`` catches format problems but says "answer recorded"
        instead of correct or wrong. True: ``check()`` judges the answer against the student's
        own variant (anyone who reads the cell then sees the hidden values too).
    """
    values = {} if values is None else values
    _check_values(values)
    _session["values"] = {topic: dict(v) for topic, v in values.items() if v}
    _session["mode"] = "verdicts" if verdicts else "record"


def homework_mode():
    """None (self-study), "record" (answers recorded, no verdict) or "verdicts"."""
    return _session["mode"]


def _literal(value):
    if isinstance(value, float):
        return repr(round(value, 12))
    return repr(value)


def parameters_cell_source(parameters, values=None, *, header=None):
    """Source of a practice notebook's parameters cell: one assignment per shown parameter.

    `values` (default: the defaults) are the student's in a released homework notebook.
    """
    values = parameters.defaults() if values is None else {**parameters.defaults(), **values}
    shown = [(name, p) for name, p in parameters.params.items() if not p.hidden]
    if header is None:
        header = ["# The numbers these exercises are about. Use these names in your answers,",
                  "# never the numbers: in graded homework this cell holds your own values."]
    width = max((len(f"{name} = {_literal(values[name])}") for name, _ in shown), default=0)
    lines = list(header)
    for name, param in shown:
        assignment = f"{name} = {_literal(values[name])}"
        lines.append(f"{assignment:<{width}}  # {param.text}" if param.text else assignment)
    return "\n".join(lines)
