"""The feedback of every registered exercise (new exercises are covered automatically).

For every exercise: the expected answer is judged correct; each named mistake gets its own
message (not another's, not the generic one); an answer 10 % off is wrong and never blamed on
rounding; no message gives away the expected value or an entry of an expected array; a function
exercise handed the course's implementation scores zero; hints come in two steps; choice
questions carry at most 10 % of their lesson's points unless a numeric or code follow-up tests
the same idea. The grader's syntax-tree check is tested in tests/test_checks_forbidden.py.
"""

import collections
import math

import numpy as np
import pytest

import helpers
from helpers.checks import check, evaluate, get_exercise, more_help
from helpers.checks.forbidden import _import_course
from helpers.checks.kinds import GENERIC_MISTAKES, MAX_ROUNDING, to_number_or_array
from helpers.exercises import load as load_course_exercises

# the course's exercises (helpers/exercises/*.py), not the demo exercises other tests register
# in the same process
EXERCISES = load_course_exercises()
IDS = sorted(EXERCISES)
COMPARED = [i for i in IDS if EXERCISES[i].kind in ("numeric", "array", "function")]
FUNCTIONS = [i for i in IDS if EXERCISES[i].kind == "function"]
CHOICES = [i for i in IDS if EXERCISES[i].kind == "choice"]


def _expected_raw(exercise):
    """The raw answer that is right (for a function: the reference's outputs)."""
    if exercise.kind == "function":
        return list(exercise.expected_value)
    return exercise.collect(exercise.expected_value)


def _judge(exercise, raw):
    """(status, message) of a raw answer (function exercises: outputs per input, as the
    grader judges them; the forbidden-callable check is tested separately)."""
    return exercise.judge(raw)


def _transform(exercise, function):
    """The raw answer whose every number is function(expected number, args)."""
    if exercise.kind == "function":
        return [to_number_or_array(function(np.asarray(want), args))
                for args, want in zip(exercise.inputs, exercise.expected_value)]
    return exercise.collect(function(np.asarray(exercise.expected_value), ()))


def _numbers(exercise):
    """Every number of the expected answer, flattened."""
    if exercise.kind == "function":
        values = [np.ravel(np.asarray(v)) for v in exercise.expected_value]
        values = np.concatenate(values) if values else np.array([])
    else:
        values = np.ravel(np.asarray(exercise.expected_value))
    return [complex(v) for v in values]


def _revealing(exercise):
    """Texts that would give an expected number away (3 significant digits), small integers
    and zero left out (they are too common in any text). None for a function exercise: its
    answer is code, and its messages name the checker's inputs."""
    texts = set()
    if exercise.kind == "function":
        return texts
    for number in _numbers(exercise):
        for part in (number.real, number.imag) if number.imag else (number.real,):
            if not math.isfinite(part) or (part == round(part) and abs(part) <= 20):
                continue
            for text in (f"{part:.3g}", f"{abs(part):.3g}"):
                if not (text.lstrip("-").isdigit() and abs(int(text)) <= 20):
                    texts.add(text)
    return texts


def _assert_no_answer(exercise, message):
    for text in _revealing(exercise):
        assert text not in message, (exercise.id, text, message)


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_expected_answer_is_correct(exercise_id):
    exercise = EXERCISES[exercise_id]
    if exercise.kind == "choice":
        right = [label for label, (ok, _) in exercise.options.items() if ok]
        assert len(right) == 1, "exactly one correct option"
        result = evaluate(exercise_id, right[0])
        assert result.correct and result.points == exercise.points
        for label, (ok, _) in exercise.options.items():
            if not ok:
                assert evaluate(exercise_id, label).points == 0
        return
    if exercise.kind == "function":
        # the reference IS the course implementation: judged with the forbidden check off
        raw = exercise.collect(exercise.reference, allow_forbidden=True)
        assert exercise.judge(raw)[0] == "correct"
        return
    result = evaluate(exercise_id, exercise.expected_value)
    assert result.correct and result.points == exercise.points


@pytest.mark.parametrize("exercise_id", COMPARED)
def test_each_named_mistake_gets_its_own_message(exercise_id):
    exercise = EXERCISES[exercise_id]
    named = exercise._mistakes()
    named = named[:len(named) - (len(GENERIC_MISTAKES) if exercise.generic_mistakes else 0)]
    for mistake in named:
        raw = _transform(exercise, mistake.wrong_answer)
        status, message = _judge(exercise, raw)
        assert status == "wrong", (mistake.hint, "a named mistake is judged correct")
        # function exercises prefix the input: "For E=...: your occupation rises ..."
        assert mistake.hint[1:] in message and message.endswith(mistake.hint[1:]) or \
            mistake.hint in message, (mistake.hint, message)
        _assert_no_answer(exercise, message)


@pytest.mark.parametrize("exercise_id", COMPARED)
@pytest.mark.parametrize("factor", [1.1, 0.9, 1.07, 0.94])
def test_a_five_to_ten_percent_miss_is_not_called_rounding(exercise_id, factor):
    exercise = EXERCISES[exercise_id]
    if all(n == 0 for n in _numbers(exercise)):
        pytest.skip("the expected answer is zero: a relative miss is the answer itself")
    raw = _transform(exercise, lambda want, args: want * factor)
    status, message = _judge(exercise, raw)
    if abs(factor - 1) > 0.095 or exercise.rtol < abs(factor - 1) / 2:
        assert status == "wrong", message
    assert "rounding" not in message and "Close" not in message, message
    if status != "correct":
        _assert_no_answer(exercise, message)


def _roundable(exercise):
    """A near miss can be rounding: a relative tolerance below 3 % on numbers that are not all 0
    (an absolute tolerance on counts has no rounding; beyond 3 % a miss is never rounding)."""
    return 0 < exercise.rtol < MAX_ROUNDING and any(n != 0 for n in _numbers(exercise))


@pytest.mark.parametrize("exercise_id", COMPARED)
def test_a_near_miss_is_called_rounding_with_the_tolerance_as_a_number(exercise_id):
    exercise = EXERCISES[exercise_id]
    if not _roundable(exercise):
        # counts and wide tolerances: a miss is wrong and never called rounding
        raw = _transform(exercise, lambda want, args: want * 1.1 + 2.5 * exercise.atol + 0.5)
        status, message = _judge(exercise, raw)
        assert status == "wrong" and "rounding" not in message, message
        return
    miss = min(2.5 * exercise.rtol, (exercise.rtol + MAX_ROUNDING) / 2)
    messages = []
    for sign in (1, -1):  # a named mistake may sit a few tolerances away on one side
        raw = _transform(exercise, lambda want, args, sign=sign: want * (1 + sign * miss)
                         + sign * 2.5 * exercise.atol)
        status, message = _judge(exercise, raw)
        assert status == "wrong"
        messages.append(message)
    assert any("rounding" in m for m in messages), messages
    assert not any("(0.0%)" in m or "0.0 %" in m for m in messages), messages


@pytest.mark.parametrize("exercise_id", COMPARED)
def test_no_message_gives_the_answer_away(exercise_id):
    exercise = EXERCISES[exercise_id]
    rng = np.random.default_rng(7)
    answers = [lambda w, a: -w, lambda w, a: 1.5 * w, lambda w, a: w + 1.0,
               lambda w, a: 100 * w, lambda w, a: 1 - w, lambda w, a: w * (1 + 3e-3),
               lambda w, a: w * rng.uniform(0.5, 2.0, size=np.shape(w))]
    for answer in answers:
        status, message = _judge(exercise, _transform(exercise, answer))
        if status != "correct":  # the explanation of a correct answer may name the value
            _assert_no_answer(exercise, message)
        assert "index" not in message  # never which entries are off
    for raw in (None, "0.123", True, float("nan")):
        _assert_no_answer(exercise, _judge(exercise, raw if exercise.kind != "function"
                                           else [raw] * len(exercise.inputs))[1])


@pytest.mark.parametrize("exercise_id", IDS)
def test_hints_come_in_two_steps_and_give_no_number_away(exercise_id):
    exercise = EXERCISES[exercise_id]
    assert len(exercise.hints) == 2, "hint=(nudge, method)"
    nudge, method = exercise.hints
    assert nudge != method and len(nudge) < len(method) + 200
    if exercise.kind != "choice":
        for step in exercise.hints:
            _assert_no_answer(exercise, step)


@pytest.mark.parametrize("exercise_id", FUNCTIONS)
def test_the_course_implementation_scores_zero(exercise_id):
    exercise = EXERCISES[exercise_id]
    assert exercise.forbidden, "declare forbidden=(...) for every function exercise"
    for dotted in exercise.forbidden:
        # as a student would write it (when the dotted name is an attribute chain of the
        # package), as a closure over the object, and the object itself
        answers = []
        try:
            answers.append(eval(f"lambda *a: {dotted}(*a)", {"helpers": helpers}))
            eval(dotted, {"helpers": helpers})
        except AttributeError:  # "helpers.fermi.fermi": the package attribute is the function
            answers.pop()
        for target in [t for t in _import_course(dotted) if callable(t)]:
            answers += [(lambda f: (lambda *a: f(*a)))(target), target]
        assert answers, dotted
        for answer in answers:
            result = evaluate(exercise_id, answer)
            assert result.points == 0 and result.status == "wrong", (dotted, result)
            assert "yourself" in result.message
    result = evaluate(exercise_id, lambda *a: exercise.reference(*a))
    assert result.points == 0 and "course" in result.message


def test_choice_questions_are_a_small_part_of_their_lesson():
    """At most 10 % of a lesson's points in choice questions, unless each names (paired_with)
    a numeric or code follow-up of the same lesson that tests the same idea."""
    lessons = collections.defaultdict(list)
    for exercise in EXERCISES.values():
        lessons[exercise.lesson].append(exercise)
    for lesson, exercises in lessons.items():
        total = sum(e.points for e in exercises)
        unpaired = 0
        for e in exercises:
            if e.kind != "choice":
                continue
            partner = getattr(e, "paired_with", None)
            if partner:
                assert partner in EXERCISES and EXERCISES[partner].lesson == lesson, e.id
                assert EXERCISES[partner].kind != "choice", e.id
            else:
                unpaired += e.points
        assert unpaired <= 0.1 * total + 1e-9, (lesson, unpaired, total)


# --- the two-step hints in check() ---------------------------------------------------------

def _wrong_answer(exercise):
    if exercise.kind == "choice":
        return next(label for label, (ok, _) in exercise.options.items() if not ok)
    if exercise.kind == "function":
        return lambda *args: 12345.678
    return np.asarray(exercise.expected_value) * 1.5 + 0.37


def test_check_shows_the_nudge_then_offers_the_method(capsys):
    exercise = next(e for e in EXERCISES.values() if e.kind == "numeric" and len(e.hints) == 2)
    result = check(exercise.id, _wrong_answer(exercise))
    shown = capsys.readouterr().out
    nudge, method = exercise.hints
    assert result.status == "wrong" and method not in shown
    assert f'more_help("{exercise.id}")' in shown
    more_help(exercise.id)
    assert method in capsys.readouterr().out


def test_the_more_help_button_reveals_the_method():
    from helpers.checks.core import _more_help_widget
    exercise = next(e for e in EXERCISES.values() if len(e.hints) == 2)
    result = evaluate(exercise.id, _wrong_answer(exercise))
    box = _more_help_widget(result, exercise.hints[1])
    button, text = box.children
    assert text.layout.display == "none" and exercise.hints[1] in text.value
    button.click()
    assert text.layout.display is None and button.disabled


def test_more_help_for_an_unknown_exercise_lists_the_known_ones(capsys):
    more_help("no-such-exercise")
    assert "unknown exercise" in capsys.readouterr().out


def test_a_correct_answer_offers_no_more_help(capsys):
    exercise = get_exercise(next(i for i in IDS if EXERCISES[i].kind == "numeric"))
    check(exercise.id, exercise.expected_value)
    assert "more_help" not in capsys.readouterr().out


def test_a_failing_input_is_named_with_its_relative_error_and_why_it_is_hard():
    """Orthodox rate without expm1: right everywhere except for a tiny gain, where
    1 - exp(-W/kT) loses its digits; the message names that input and says why."""
    def rate(gain, kT):
        W = np.asarray(gain, dtype=float)
        safe = np.where(W == 0, 1.0, W)
        with np.errstate(over="ignore"):
            return np.where(W == 0, kT, safe / (1 - np.exp(-safe / kT)))

    result = evaluate("orthodox-rate", rate)
    assert result.status == "wrong"
    assert "gain=[0, 1e-09], kT=1.0" in result.message, result.message
    assert "relative error" in result.message and "expm1" in result.message
    assert "rounding" not in result.message


def test_a_choice_typed_in_part_is_pointed_to_its_label():
    result = evaluate("weak-localization-magnetoresistance", "increases")
    assert result.status == "wrong" and result.points == 0
    assert "did you mean 'it increases'" in result.message


def test_typing_the_identity_for_sdagger_s_does_not_answer_the_unitarity_question():
    """How many entries are off would say whether S† S is the identity (the next question)."""
    result = evaluate("sdagger-s", np.eye(2))
    assert result.status == "wrong" and "entries" not in result.message
