"""The check layer: every diagnosis gives its hint, and nothing a student writes makes it raise."""

import json
import re

import numpy as np

import pytest

from helpers.checks import (ANSWER_MIMETYPE, ArrayExercise, ChoiceExercise, FunctionExercise,
                            Mistake, NumericExercise, Result, STATUSES, all_exercises, check,
                            decode, encode, evaluate, evaluate_payload, get_exercise, register)
from helpers.exercises import load

# Demo exercises (tests only). Real exercises take `expected` from helpers physics.
EXPECTED_KOHM = 12.906
register(NumericExercise("demo-resistance", 2, expected=lambda: EXPECTED_KOHM, units="kΩ",
                         other_units={"Ω": 1e3, "MΩ": 1e-3},
                         mistakes=[Mistake("Did you forget the spin degeneracy?", factor=2.0)],
                         hint="Start from G0 = 2e²/h."))
register(ArrayExercise("demo-array", 1, expected=lambda: np.array([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]])))
register(ChoiceExercise("demo-choice", 1, {"reflection": (True, "Yes: resistance is reflection."),
                                           "friction": (False, "Friction is the Drude picture.")}))


def occupation(E, kT):
    return 1.0 / (np.exp(E / kT) + 1.0)


register(FunctionExercise("demo-function", 3, reference=occupation,
                          inputs=[(0.1, 0.05), (np.linspace(-1, 1, 7), 0.2)],
                          mistakes=[Mistake("Check the sign in the exponent.",
                                            value=lambda E, kT: 1.0 / (np.exp(-E / kT) + 1.0))]))


class Hostile:
    """An answer whose every protocol method raises."""

    def __float__(self):
        raise RuntimeError("float")

    def __complex__(self):
        raise RuntimeError("complex")

    def __eq__(self, other):
        raise RuntimeError("eq")

    __hash__ = None

    def __len__(self):
        raise RuntimeError("len")

    def __iter__(self):
        raise RuntimeError("iter")

    def __array__(self, *args, **kwargs):
        raise RuntimeError("array")

    def __bool__(self):
        raise RuntimeError("bool")

    def __repr__(self):
        raise RuntimeError("repr")

    def __str__(self):
        raise RuntimeError("str")


NUMERIC_CASES = [  # answer, status, words in the hint
    (EXPECTED_KOHM, "correct", ""),
    (12.9, "correct", ""),
    (np.float32(EXPECTED_KOHM), "correct", ""),
    (np.array([EXPECTED_KOHM]), "correct", ""),
    (None, "not answered", "None"),
    (..., "not answered", "None"),
    (2 * EXPECTED_KOHM, "wrong", "spin"),                 # the exercise's own mistake comes first
    (EXPECTED_KOHM / 2, "wrong", "factor of 2"),
    (-EXPECTED_KOHM, "wrong", "sign"),
    (EXPECTED_KOHM * 1e3, "wrong", "value in Ω"),         # named unit
    (EXPECTED_KOHM * 1e-3, "wrong", "value in MΩ"),
    (12.93, "wrong", "Close, but not within the tolerance (0.1 %)"),  # 0.2 %: 2 tolerances
    (13.4, "wrong", "That is not the expected value"),    # 4 % off: a slip, not rounding
    (100.0, "wrong", "G0 = 2e²/h"),                        # general hint, no value given away
    (float("nan"), "wrong", "NaN"),
    (float("inf"), "wrong", "infinity"),
    ("12.9", "wrong", "without quotes"),
    (True, "wrong", "True/False"),
    ([1.0, 2.0], "wrong", "shape (2,)"),
    (3 + 4j, "wrong", "complex"),
    (Hostile(), "wrong", "could not be read"),
    (object(), "wrong", "could not be read"),
]


@pytest.mark.parametrize("answer, status, hint", NUMERIC_CASES)
def test_numeric_diagnoses(answer, status, hint):
    result = evaluate("demo-resistance", answer)
    assert result.status == status and hint in result.message
    assert result.points == (2 if status == "correct" else 0) and result.max_points == 2
    assert "12.906" not in result.message  # the hint never gives the answer away


ARRAY_CASES = [
    ([[0, 1, 2], [3, 4, 5]], "correct", ""),
    (None, "not answered", ""),
    ([[0, 1, 2], [3, 4, None]], "wrong", "still empty"),
    ([[0, 1, 2], [3, 4, np.nan]], "wrong", "1 of 6 entries"),
    ([0, 1, 2, 3, 4, 5], "wrong", "shape (6,)"),
    ([[0, 3], [1, 4], [2, 5]], "wrong", "transposed"),
    ([[0, -1, -2], [-3, -4, -5]], "wrong", "sign"),
    ([[0, 2, 4], [6, 8, 10]], "wrong", "factor of 2"),
    ([[0, 1, 2], [3, 4, 6]], "wrong", "1 of 6 entries are not the expected values."),
    ([[0, 1, 2], [3, 4]], "wrong", "rows of different lengths"),
    ("array", "wrong", "without quotes"),
    (Hostile(), "wrong", "could not be read"),
]


@pytest.mark.parametrize("answer, status, hint", ARRAY_CASES)
def test_array_diagnoses(answer, status, hint):
    result = evaluate("demo-array", answer)
    assert result.status == status and hint in result.message, result
    assert "index" not in result.message and "(1, 2)" not in result.message  # never which entry


def test_rounding_only_near_the_tolerance():
    """A 5-10 % miss is a slip, never "rounding"; the tolerance is printed as the number it is."""
    register(NumericExercise("demo-tight", 1, expected=lambda: 0.64, rtol=1e-4))
    near = evaluate("demo-tight", 0.64 * (1 + 3e-4))
    assert near.status == "wrong" and "rounding" in near.message and "(0.01 %)" in near.message
    for miss in (0.05, 0.07, 0.1, -0.06):
        far = evaluate("demo-tight", 0.64 * (1 + miss))
        assert far.status == "wrong" and "rounding" not in far.message, far
        assert "0.64" not in far.message


@pytest.mark.parametrize("answer, status, hint", [
    ("reflection", "correct", "resistance is reflection"),
    (" Reflection ", "correct", "resistance is reflection"),
    ("friction", "wrong", "Drude picture"),
    ("tunnelling", "wrong", "not one of the options"),
    (None, "not answered", "in quotes"),
    (1, "wrong", "'reflection', 'friction'"),
    (Hostile(), "wrong", "in quotes"),
])
def test_choice_gives_the_explanation_of_each_option(answer, status, hint):
    result = evaluate("demo-choice", answer)
    assert result.status == status and hint in result.message


def right(E, kT):
    return 1.0 / (np.exp(E / kT) + 1.0)


def flipped(E, kT):
    return 1.0 / (np.exp(-E / kT) + 1.0)


def doubled(E, kT):
    return 2.0 / (np.exp(E / kT) + 1.0)


def stub(E, kT):
    None  # YOUR CODE HERE  # noqa: B018 (the stub nbgrader leaves)


def crashes(E, kT):
    return 1.0 / 0


def scalar_only(E, kT):
    return float(1.0 / (np.exp(E / kT) + 1.0))


def no_return_for_arrays(E, kT):
    if np.ndim(E) == 0:
        return right(E, kT)


def exits(E, kT):
    raise SystemExit(3)


def mutates(E, kT):
    E *= 0  # a student changing the checker's input in place must not spoil later checks
    return right(E, kT)


def returns_hostile(E, kT):
    return Hostile()


@pytest.mark.parametrize("answer, status, hint", [
    (right, "correct", ""),
    (None, "not answered", "replace None"),
    (stub, "not answered", "returns None"),
    (flipped, "wrong", "sign in the exponent"),
    (doubled, "wrong", "factor of 2"),
    (crashes, "error", "raised ZeroDivisionError: float division by zero when called with E=0.1, kT=0.05"),
    (scalar_only, "error", "array of shape (7,)"),
    (no_return_for_arrays, "wrong", "returned None for E=an array"),
    (exits, "error", "SystemExit"),
    (mutates, "wrong", "For E=0.1"),
    (returns_hostile, "wrong", "could not be read"),
    (12.9, "wrong", "define a function"),
    (lambda *args: np.zeros(3), "wrong", "shape"),
])
def test_function_answers(answer, status, hint):
    result = evaluate("demo-function", answer)
    assert result.status == status and hint in result.message, result
    assert "Traceback" not in result.message


def test_unknown_exercise_is_an_error_result_not_an_exception():
    result = evaluate("no-such-exercise", 1.0)
    assert result.status == "error" and "demo-resistance" in result.message


ALL_ANSWERS = [case[0] for case in NUMERIC_CASES + ARRAY_CASES] + [
    right, crashes, exits, Hostile, {"a": 1}, {1, 2}, b"bytes", Exception("x"), type, len]


@pytest.mark.parametrize("exercise_id", ["demo-resistance", "demo-array", "demo-choice", "demo-function"])
def test_nothing_makes_evaluate_or_check_raise(exercise_id, capsys):
    for answer in ALL_ANSWERS:
        result = evaluate(exercise_id, answer)
        assert isinstance(result, Result) and result.status in STATUSES
        assert check(exercise_id, answer).status == result.status
        json.dumps(result.answer)  # the answer record is always JSON
    out = capsys.readouterr().out
    assert "Traceback" not in out and len(out.splitlines()) == len(ALL_ANSWERS)


def test_check_prints_one_verdict_line_outside_a_notebook(capsys):
    check("demo-resistance", None)
    check("demo-resistance", 2 * EXPECTED_KOHM)
    check("demo-resistance", EXPECTED_KOHM)
    assert capsys.readouterr().out.splitlines() == [
        "… not answered yet: Replace None by your answer.",
        "✘ not quite: Did you forget the spin degeneracy?",
        "✔ correct"]


def test_under_nbgrader_autograde_a_wrong_answer_fails_the_test_cell(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert check("demo-resistance", EXPECTED_KOHM).correct
    with pytest.raises(AssertionError, match="not quite"):
        check("demo-resistance", -EXPECTED_KOHM)


def test_in_the_graders_kernel_check_records_without_computing_the_answer(monkeypatch, capsys):
    def expensive():
        raise AssertionError("the expected answer was computed in the grader's kernel")

    register(NumericExercise("demo-costly", 1, expected=expensive, units="kΩ"))
    monkeypatch.setenv("LANDAUER_GRADED_RUN", "1")
    result = check("demo-costly", 1.0)
    assert result.status == "answer recorded" and result.points == 0
    assert capsys.readouterr().out.strip() == (
        "✎ answer handed in: the grader's verdict is in the score table at the top")


@pytest.mark.parametrize("exercise_id, answer", [
    ("demo-resistance", a) for a in (EXPECTED_KOHM, 25.8, None, "12.9", float("nan"), Hostile(), [1, 2], 3 + 1j)
] + [("demo-array", a) for a in ([[0, 1, 2], [3, 4, 5]], [[0, 1, 2], [3, 4, None]], [[0, 3], [1, 4], [2, 5]])
] + [("demo-choice", a) for a in ("friction", None, 1)
] + [("demo-function", a) for a in (right, flipped, crashes, stub, scalar_only, None, 3)])
def test_a_grader_recomputes_the_verdict_from_the_answer_record(exercise_id, answer):
    result = evaluate(exercise_id, answer)
    payload = json.loads(json.dumps({"exercise": exercise_id, "answer": result.answer, "format": 1}))
    again = evaluate_payload(payload)
    assert (again.status, again.points, again.message) == (result.status, result.points, result.message)


def test_encode_decode_round_trip():
    for value in [None, True, 3, 2.5, "text", [1, [2.0, "x"]], 1 + 2j, float("nan"),
                  np.arange(6.0).reshape(2, 3), np.array([1 + 1j])]:
        back = decode(json.loads(json.dumps(encode(value))))
        if isinstance(value, np.ndarray):
            np.testing.assert_array_equal(back, value)
        elif value != value:  # NaN
            assert back != back
        else:
            assert back == value
    assert encode(Hostile()) == {"problem": "unreadable", "detail": "Hostile"}
    assert ANSWER_MIMETYPE == "application/vnd.landauer.answer+json"


def test_mistake_needs_exactly_one_form():
    with pytest.raises(ValueError):
        Mistake("hint")
    with pytest.raises(ValueError):
        Mistake("hint", factor=2, value=lambda: 1)


def test_course_exercises_are_consistent():
    course = load(refresh=True)
    for exercise_id, exercise in course.items():
        assert exercise.points > 0 and exercise.lesson
        # kebab-case, names the physics, never a lesson number (lessons get renumbered)
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)+", exercise_id), exercise_id
        assert not re.match(r"l\d", exercise_id), exercise_id
        if isinstance(exercise, ChoiceExercise):
            assert sum(correct for correct, _ in exercise.options.values()) >= 1
        else:
            assert exercise.expected_value is not None  # computed from the physics without error
    assert set(course) <= set(all_exercises())
    assert get_exercise("demo-choice").kind == "choice"


def test_function_exercise_accepts_a_one_element_array_for_a_one_element_expectation():
    from helpers.checks import FunctionExercise
    exercise = FunctionExercise("demo-one-element", 1, reference=lambda x: np.array([2.0 * x]),
                                inputs=[(1.5,), (3.0,)])
    register(exercise)
    assert evaluate("demo-one-element", lambda x: 2.0 * x).status == "correct"
    assert evaluate("demo-one-element", lambda x: np.array([2.0 * x])).status == "correct"
    assert evaluate("demo-one-element", lambda x: 3.0 * x).status == "wrong"
