"""Answer kinds: numeric scalar, numeric array, multiple choice, function.

Every kind splits checking in two steps, so a grader can redo the second one elsewhere:

- ``collect(answer) -> raw``: turn whatever the student wrote into a plain value (float,
  complex, str, ndarray, None, a `Problem`; for a function: its outputs at the checker's inputs).
- ``judge(raw) -> (status, message)``: compare with the expected answer computed from physics.
  ``judge(raw, screen=True)`` only screens the format (text, NaN, shape, a function that
  raises or returns None): ``RECORDED`` where a value would be compared (graded homework).

Messages say what is wrong (sign, factor of 2, units, shape, NaN) but never the expected value.
"""

import functools
import inspect
import warnings

import numpy as np

from .answers import Problem, raised
from .statuses import CORRECT, WRONG, NOT_ANSWERED, ERROR, RECORDED
from .variants import variant_key

__all__ = ["Mistake", "Case", "NumericExercise", "ArrayExercise", "ChoiceExercise", "FunctionExercise",
           "per_variant"]


def per_variant(method):
    """A read-only property computed once per exercise variant (`helpers.checks.variants`):
    expected answers depend on the active parameters, so a plain cache would keep the first."""
    name = method.__name__

    @functools.wraps(method)
    def getter(self):
        cache = self.__dict__.setdefault("_per_variant_cache", {})
        key = (name, variant_key())
        if key not in cache:
            cache[key] = method(self)
        return cache[key]

    return property(getter)


class Mistake:
    """A common mistake and the hint it deserves.

    Either `factor` (the wrong answer is expected * factor) or `value` (a function computing the
    wrong answer from physics, called with the same arguments as the expected answer, e.g. the
    conductance without the spin factor).
    """

    def __init__(self, hint, *, factor=None, value=None, of_expected=None):
        if sum(x is not None for x in (factor, value, of_expected)) != 1:
            raise ValueError("give exactly one of factor=, value= or of_expected=")
        self.hint, self.factor, self.value, self.of_expected = hint, factor, value, of_expected

    def wrong_answer(self, expected, args=()):
        if self.factor is not None:
            return np.asarray(expected) * self.factor
        if self.of_expected is not None:  # e.g. 1 - x: a function of the expected answer
            return np.asarray(self.of_expected(np.asarray(expected)))
        return np.asarray(self.value(*args), dtype=complex if np.iscomplexobj(expected) else float)


GENERIC_MISTAKES = [
    Mistake("Check the sign of your answer.", factor=-1),
    Mistake("Your answer is off by a factor of 2 (too large).", factor=2),
    Mistake("Your answer is off by a factor of 2 (too small).", factor=0.5),
    Mistake("Check your units: your answer is 1000 times too large.", factor=1e3),
    Mistake("Check your units: your answer is 1000 times too small.", factor=1e-3),
]


#: "Check rounding" only for answers within this many tolerances of the expected value.
ROUNDING_FACTOR = 5
#: ... and never beyond this relative miss, whatever the tolerance.
MAX_ROUNDING = 0.03


def _two_digits(x):
    """`x` with at most two significant digits, without exponent when it is readable."""
    text = f"{x:.2g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa}e{int(exponent)}"
    return text


def format_percent(fraction):
    """A relative tolerance as the number it is: 1e-4 -> "0.01 %", 0.05 -> "5 %",
    1e-8 -> "1e-6 %" (one or two significant digits, never rounded to 0)."""
    percent = 100 * float(fraction)
    if percent >= 1e-3:
        text = f"{percent:.2g}"
        if "e" in text:  # 2.5e+02
            text = f"{percent:.0f}"
        return f"{float(text):g} %" if "e" not in f"{float(text):g}" else f"{text} %"
    return f"{_two_digits(percent)} %"


#: Slips on a dimensionless answer between 0 and 1 (`_Compared._fraction_mistakes`).
FRACTION_MISTAKES = [
    Mistake("That looks like a percentage: give the answer as a fraction (a number between 0 "
            "and 1), not in per cent.", factor=100),
    Mistake("That is one minus the answer: you computed the complement (a reflection where a "
            "transmission is asked, 1 − F where F is asked, ...).", of_expected=lambda x: 1 - x),
]


def _is_blank(answer):
    return answer is None or answer is Ellipsis


def to_number_or_array(answer):
    """float/complex for one number, ndarray for several, or str/bool/Problem/None.

    Internal (not in `__all__`): how every exercise reads a student's answer; also used by
    `helpers.grading` to read the answers of a graded notebook the same way.
    """
    if _is_blank(answer) or isinstance(answer, (str, bool, np.bool_)):
        return None if _is_blank(answer) else (answer if isinstance(answer, str) else bool(answer))
    try:
        array = np.asarray(answer)
    except Exception:
        if isinstance(answer, (list, tuple)):
            return Problem("unreadable", "rows of different lengths, or mixed entries")
        array = None
    if array is not None and array.dtype.kind in "iuf":
        return float(array.item()) if array.size == 1 else array.astype(float)
    if array is not None and array.dtype.kind == "c":
        return complex(array.item()) if array.size == 1 else array
    if array is not None and array.dtype.kind == "b":
        return bool(array.item()) if array.size == 1 else array.astype(float)
    if array is not None and array.dtype.kind == "O" and array.ndim > 0:
        flat = list(array.ravel())
        if any(_is_blank(v) for v in flat):
            return Problem("incomplete", f"{sum(_is_blank(v) for v in flat)} of {len(flat)}")
        try:
            return np.array([complex(v) for v in flat]).reshape(array.shape).real \
                if all(complex(v).imag == 0 for v in flat) else Problem("unreadable", "array")
        except Exception:
            return Problem("unreadable", "a sequence of mixed or ragged entries")
    try:
        return float(answer)
    except Exception:
        pass
    try:
        return complex(answer)
    except Exception:
        return Problem("unreadable", type(answer).__name__)


def _describe_type(raw):
    if isinstance(raw, str):
        return (f"Your answer is text ({raw[:30]!r}); write a number without quotes.")
    if isinstance(raw, bool):
        return "Your answer is True/False; a number is expected here."
    if isinstance(raw, Problem):
        if raw.code == "incomplete":
            return f"Some entries of your answer are still empty (None): {raw.detail}."
        if raw.code == "raised":
            return f"Reading your answer raised {raw.detail}."
        return f"Your answer ({raw.detail}) could not be read as a number."
    return None


def _hint_steps(hint):
    """`hint` as a tuple of steps: a nudge first, then (optionally) the method."""
    if isinstance(hint, str):
        return (hint,) if hint else ()
    steps = tuple(hint)
    if not 1 <= len(steps) <= 2 or not all(isinstance(step, str) and step for step in steps):
        raise ValueError(f"hint={hint!r}: give one string, or two (a nudge, then the method)")
    return steps


class Exercise:
    """Common part: `id` ("contact-resistance"), `points`, a `hint` for wrong answers and an
    `explanation` shown with a correct answer.

    `hint` is one string or a pair (nudge, method): the nudge comes with a wrong answer, the
    method only when the student asks for more help.
    """

    kind = "exercise"

    def __init__(self, id, points, *, hint="", explanation=""):
        self.id, self.points, self.explanation = id, points, explanation
        self.hints = _hint_steps(hint)
        self.lesson = None  # set by the registry: the module the exercise is declared in

    @property
    def hint(self):
        """The first hint step (the nudge), "" if there is none."""
        return self.hints[0] if self.hints else ""

    def collect(self, answer):
        return answer

    def judge(self, raw, screen=False):
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}({self.id!r}, points={self.points})"


class _Compared(Exercise):
    """Numbers compared to an expected value with tolerances and mistake diagnoses."""

    def __init__(self, id, points, expected, *, rtol=1e-3, atol=0.0, close=MAX_ROUNDING, units="",
                 other_units=None, mistakes=(), generic_mistakes=True, hint="", explanation="",
                 count_entries=True):
        super().__init__(id, points, hint=hint, explanation=explanation)
        #: say how many entries of an array answer are off (False when even that gives a
        #: follow-up question away, e.g. whether S† S is the identity)
        self.count_entries = count_entries
        self._expected = expected
        self.rtol, self.atol, self.close, self.units = rtol, atol, close, units
        self.other_units = dict(other_units or {})
        self.mistakes = list(mistakes)
        self.generic_mistakes = generic_mistakes

    def _mistakes(self):
        named = [Mistake(f"This looks like the value in {unit}; the answer is asked in "
                         f"{self.units}.", factor=factor) for unit, factor in self.other_units.items()]
        return (self.mistakes + named + self._fraction_mistakes()
                + (GENERIC_MISTAKES if self.generic_mistakes else []))

    def _fraction_mistakes(self):
        """For a dimensionless answer between 0 and 1 (a probability, a ratio): the percentage
        and the complement 1 - x."""
        if self.units or self.kind == "function":
            return []
        try:
            values = np.asarray(self.expected_value)
        except (TypeError, ValueError):
            return []
        if values.dtype.kind not in "iuf":  # complex amplitudes, objects: no fraction
            return []
        if not (values.size and np.all(values > 0) and np.all(values < 1)):
            return []
        declared = []
        for mistake in self.mistakes:
            try:
                declared.append(mistake.wrong_answer(values))
            except Exception:  # a mistake that cannot be computed is not a duplicate
                continue
        return [m for m in FRACTION_MISTAKES  # the exercise's own message for the same slip wins
                if not any(np.shape(d) == values.shape and np.allclose(
                    d, m.wrong_answer(values), rtol=self.rtol, atol=self.atol) for d in declared)]

    def _tolerance_text(self):
        parts = []
        if self.rtol:
            parts.append(format_percent(self.rtol))
        if self.atol and (not self.rtol or self.atol > 1e-200):
            parts.append(f"{_two_digits(self.atol)}{' ' + self.units if self.units else ''}")
        return " or ".join(parts) or "exact"

    def _near_miss(self, value, expected):
        """True when `value` misses by at most ROUNDING_FACTOR times the tolerance (and by at
        most `close`, relative): the only case worth a "check rounding" message."""
        allowed = ROUNDING_FACTOR * (self.atol + self.rtol * np.abs(expected))
        cap = min(self.close, MAX_ROUNDING)  # a 5 % miss is never rounding
        allowed = np.minimum(allowed, np.maximum(cap * np.abs(expected), self.atol))
        return bool(np.all(np.abs(value - expected) <= allowed))

    def _compare(self, value, expected, args=(), screen=False):
        """(status, message) for a float/complex/ndarray `value` of the right shape; with
        `screen`, RECORDED once the format is fine (no value comparison)."""
        value, expected = np.asarray(value), np.asarray(expected)
        if not np.iscomplexobj(expected) and np.iscomplexobj(value):
            if np.all(np.abs(value.imag) <= 1e-12 * np.maximum(1, np.abs(value.real))):
                value = value.real
            else:
                return WRONG, "Your answer is complex; a real number is expected here."
        bad = ~np.isfinite(value)
        if np.any(bad):
            where = "" if value.ndim == 0 else f" ({int(bad.sum())} of {value.size} entries)"
            return WRONG, (f"Your answer contains NaN or infinity{where}: somewhere the calculation "
                           "is undefined (0/0, log of 0, an overflow).")
        if screen:
            return RECORDED, ""
        if np.allclose(value, expected, rtol=self.rtol, atol=self.atol):
            return CORRECT, self.explanation
        for mistake in self._mistakes():
            try:
                wrong = mistake.wrong_answer(expected, args)
            except Exception:
                continue
            if wrong.shape == expected.shape and not np.allclose(wrong, expected, rtol=self.rtol,
                                                                  atol=self.atol) \
                    and np.allclose(value, wrong, rtol=self.rtol, atol=self.atol):
                return WRONG, mistake.hint
        if self._near_miss(value, expected):
            return WRONG, (f"Close, but not within the tolerance ({self._tolerance_text()}): check "
                           "rounding, and use more digits or a finer grid.")
        if value.ndim and value.size > 1 and self.count_entries:
            ok = np.isclose(value, expected, rtol=self.rtol, atol=self.atol)
            # how many, never which: the positions of the wrong entries give part of the answer
            return WRONG, (f"{int((~ok).sum())} of {value.size} entries are not the expected "
                           f"values. {self.hint}").strip()
        return WRONG, ("That is not the expected value. " + self.hint).strip()

    @per_variant
    def expected_value(self):
        """The expected answer, computed from the course physics once per variant."""
        return self._expected()


class NumericExercise(_Compared):
    """One number. `expected()` returns it (computed with helpers physics), in `units`.

    `other_units={"Ω": 1e3}` names unit mix-ups: an answer equal to expected * 1e3 is told
    "this looks like the value in Ω". Generic diagnoses: sign, factor 2, factor 1000, NaN, text,
    several numbers where one is expected, close but outside the tolerance.
    """

    kind = "numeric"

    def collect(self, answer):
        return to_number_or_array(answer)

    def judge(self, raw, screen=False):
        if _is_blank(raw):
            return NOT_ANSWERED, "Replace None by your answer."
        problem = _describe_type(raw)
        if problem:
            return (ERROR if isinstance(raw, Problem) and raw.code == "raised" else WRONG), problem
        if isinstance(raw, (list, np.ndarray)):
            return WRONG, f"One number is expected, your answer has shape {np.shape(raw)}."
        return self._compare(raw, self.expected_value, screen=screen)


class ArrayExercise(_Compared):
    """An array; `expected()` returns it. Checks shape, empty entries, NaN, then elementwise."""

    kind = "array"

    def collect(self, answer):
        raw = to_number_or_array(answer)
        return np.asarray(raw) if isinstance(raw, (float, complex)) else raw

    def judge(self, raw, screen=False):
        if _is_blank(raw):
            return NOT_ANSWERED, "Replace None by your answer."
        problem = _describe_type(raw)
        if problem:
            return (ERROR if isinstance(raw, Problem) and raw.code == "raised" else WRONG), \
                problem.replace("a number", "an array of numbers")
        value, expected = np.asarray(raw), np.asarray(self.expected_value)
        if value.shape != expected.shape:
            extra = (" It looks transposed." if value.shape == expected.shape[::-1] and
                     value.ndim == 2 else "")
            return WRONG, (f"Your array has shape {value.shape}, the exercise asks for shape "
                           f"{expected.shape}.{extra}")
        return self._compare(value, expected, screen=screen)


class ChoiceExercise(Exercise):
    """Multiple choice: ``options={label: (is_correct, explanation)}``; the answer is a label.

    A guess earns points, so choice questions carry at most 10 % of their lesson's points,
    unless `paired_with` names a numeric or code exercise of the same lesson that tests the same
    idea (tests/test_exercise_feedback.py checks this).
    """

    kind = "choice"

    def __init__(self, id, points, options, *, hint="", explanation="", paired_with=None):
        super().__init__(id, points, hint=hint, explanation=explanation)
        self.options = dict(options)
        self.paired_with = paired_with

    def collect(self, answer):
        if _is_blank(answer) or isinstance(answer, str):
            return answer if answer is None or isinstance(answer, str) else None
        return Problem("unreadable", type(answer).__name__)

    def judge(self, raw, screen=False):
        if _is_blank(raw):
            return NOT_ANSWERED, "Replace None by the label of your choice, in quotes."
        choices = ", ".join(repr(label) for label in self.options)
        if not isinstance(raw, str):
            return WRONG, f"Answer with one of the labels, in quotes: {choices}."
        matches = [label for label in self.options
                   if str(label).strip().lower() == raw.strip().lower()]
        if not matches:
            typed = raw.strip().lower()
            near = [label for label in self.options if typed and typed in str(label).lower()]
            if len(near) == 1:  # "increases" for "it increases": the label, not a verdict
                return WRONG, (f"{raw[:30]!r} is not one of the labels; did you mean "
                               f"{near[0]!r}? Answer with a label exactly as given: {choices}.")
            return WRONG, f"{raw[:30]!r} is not one of the options: {choices}."
        if screen:
            return RECORDED, ""
        correct, explanation = self.options[matches[0]]
        return (CORRECT if correct else WRONG), explanation


class Case:
    """One input of a function exercise with a note on why it is hard, said when the student's
    function fails on it: ``Case(1e-9, 0.1, note="W -> 0: exp(W/kT) - 1 loses every digit; "
    "np.expm1 does not", precision=True)``. `precision`: the input tests numerical precision, so
    a near miss there is the formula's loss of digits, never "check rounding"."""

    def __init__(self, *args, note="", precision=False):
        self.args, self.note, self.precision = tuple(args), note, precision

    def __repr__(self):
        return f"Case{self.args!r}"


def _relative_error(value, expected):
    """Largest relative error, one significant figure ("3e-05", "0.2"); "" if undefined."""
    with np.errstate(all="ignore"):
        scale = np.max(np.abs(expected)) if np.size(expected) else 0.0
        if not scale or not np.isfinite(scale):
            return ""
        error = float(np.max(np.abs(np.asarray(value) - expected)) / scale)
    if not np.isfinite(error):
        return ""
    text = f"{error:.0e}"
    mantissa, exponent = text.split("e")
    exponent = int(exponent)
    return f"{float(mantissa) * 10 ** exponent:g}" if -3 <= exponent <= 2 else f"{mantissa}e{exponent}"


def _describe_call(function, args):
    try:
        bound = inspect.signature(function).bind(*args)
        items = bound.arguments.items()
    except Exception:
        items = ((f"argument {i + 1}", a) for i, a in enumerate(args))
    parts = []
    for name, value in items:
        if isinstance(value, np.ndarray) and value.size <= 6 and value.ndim == 1:
            text = "[" + ", ".join(f"{v:g}" if np.isrealobj(v) else repr(v)
                                   for v in value.tolist()) + "]"
        elif isinstance(value, np.ndarray):
            text = f"an array of shape {np.shape(value)}"
        else:
            text = repr(value)
        parts.append(f"{name}={text}")
    return ", ".join(parts)


class FunctionExercise(_Compared):
    """The student writes a function; the checker calls it on `inputs` it chose.

    `reference(*args)` computes the expected output with helpers physics; `inputs` is a list of
    argument tuples (or a function returning it). Exceptions inside the student's function become
    a hint naming the input, never a traceback. A function that still returns None everywhere
    (the exercise stub) counts as not answered.
    """

    kind = "function"

    def __init__(self, id, points, reference, inputs, *, forbidden=(), **kwargs):
        super().__init__(id, points, expected=None, **kwargs)
        self.reference = reference
        self._inputs = inputs
        #: dotted names of course callables the student must not call ("helpers.fermi", ...)
        self.forbidden = tuple(forbidden)

    @per_variant
    def _cases(self):
        inputs = self._inputs() if callable(self._inputs) else self._inputs
        cases = []
        for args in inputs:
            if isinstance(args, Case):
                cases.append((args.args, args))
            else:
                cases.append((tuple(args) if isinstance(args, (tuple, list)) else (args,), None))
        return cases

    @property
    def inputs(self):
        """The argument tuples the student's function is called with."""
        return [args for args, _ in self._cases]

    @property
    def input_notes(self):
        """For each input, why it is hard ("" when it is not), said when it fails."""
        return [case.note if case else "" for _, case in self._cases]

    @per_variant
    def expected_value(self):
        # normalized like the student's outputs (one number -> a float), so that shapes compare
        return [to_number_or_array(self.reference(*args)) for args in self.inputs]

    def collect(self, answer, *, allow_forbidden=False):
        """The function's outputs at `inputs`; a `Problem` ("forbidden") instead when it calls a
        forbidden course callable (`helpers.checks.forbidden`), unless `allow_forbidden` (the
        grader's kernel: the grader decides that from the submitted source itself)."""
        if _is_blank(answer):
            return None
        if not callable(answer):
            return Problem("unreadable", f"not a function but {type(answer).__name__}")
        if not allow_forbidden:
            from .forbidden import function_violation
            try:
                message = function_violation(answer, self.forbidden)
            except Exception as exc:  # an object that resists inspection
                message = ("The checker could not inspect your function "
                           f"({type(exc).__name__}); define it with a plain `def`.")
            if message:
                return Problem("forbidden", message)
        outputs = []
        for args in self.inputs:
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    copies = tuple(np.array(a) if isinstance(a, np.ndarray) else a for a in args)
                    outputs.append(to_number_or_array(answer(*copies)))
            except (Exception, SystemExit) as exc:  # the student's code, whatever it raises
                outputs.append(raised(exc))
        return outputs

    def judge(self, raw, screen=False):
        if _is_blank(raw):
            return NOT_ANSWERED, "Define your function (replace None)."
        if isinstance(raw, Problem) and raw.code == "forbidden":
            return WRONG, raw.detail
        if isinstance(raw, Problem):
            return WRONG, f"Your answer is {raw.detail}; define a function with `def`."
        if all(_is_blank(out) for out in raw):
            return NOT_ANSWERED, "Your function returns None: write its body and `return` the result."
        for (args, case), out, expected in zip(self._cases, raw, self.expected_value):
            note = case.note if case else ""
            call = _describe_call(self.reference, args)
            if isinstance(out, Problem) and out.code == "raised":
                return ERROR, (f"Your function raised {out.detail} when called with {call}. "
                               "Make it work for that input.")
            if _is_blank(out):
                return WRONG, f"Your function returned None for {call}: is a `return` missing?"
            problem = _describe_type(out)
            if problem:
                return WRONG, f"For {call}: " + problem.replace("Your answer", "the result")
            value, want = np.asarray(out), np.asarray(expected)
            if value.shape != want.shape:
                return WRONG, (f"For {call} your function returns shape {value.shape}, "
                               f"expected shape {want.shape}.")
            status, message = self._compare(value, want, args, screen=screen)
            if status == RECORDED:
                continue
            if status != CORRECT and case and case.precision and message.startswith("Close, but"):
                # not a matter of digits: the note says what is numerically hard here
                message = f"Close, but not within the tolerance ({self._tolerance_text()})."
            if status != CORRECT:
                error = _relative_error(value, want)
                where = f"For {call}" + (f" (relative error {error})" if error else "")
                text = f"{where}: {message[:1].lower()}{message[1:]}"
                diagnosed = message in {m.hint for m in self._mistakes()}
                return status, text + (f" This input is hard: {note}" if note and not diagnosed
                                       else "")
        return (RECORDED, "") if screen else (CORRECT, self.explanation)
