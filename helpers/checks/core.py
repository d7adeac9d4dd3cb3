"""Registry, the pure `evaluate`, and the notebook-facing `check`."""

import dataclasses
import html
import os

from ..notebook import ipython_shell
from .answers import ANSWER_MIMETYPE, FORMAT, encode, decode, raised
from .statuses import CORRECT, WRONG, NOT_ANSWERED, ERROR, RECORDED, CHECK_STATUSES
from .variants import homework_mode

__all__ = ["Result", "STATUSES", "register", "get_exercise", "all_exercises", "evaluate",
           "evaluate_payload", "check", "more_help", "method_hint"]

STATUSES = CHECK_STATUSES
#: Environment variable set in the kernels of `helpers.grading`: the grader reads and judges
#: every answer in its own process, so `check` there only records (no answer computed twice).
GRADED_RUN_VARIABLE = "LANDAUER_GRADED_RUN"
_extra = {}  # exercises registered at run time (tests, demos)


@dataclasses.dataclass
class Result:
    """Verdict on one answer: `status` in STATUSES, `points` of `max_points`, `message` (hint)."""

    exercise_id: str
    status: str
    points: float
    max_points: float
    message: str = ""
    answer: object = dataclasses.field(default=None, repr=False, compare=False)  # encoded raw
    _shown_in: object = dataclasses.field(default=None, repr=False, compare=False)
    #: True for a `check` in the grader's kernel (`GRADED_RUN_VARIABLE`): recorded, judged there
    graded_run: bool = dataclasses.field(default=False, repr=False, compare=False)

    @property
    def correct(self):
        return self.status == CORRECT

    def verdict(self):
        """One line for the student, e.g. "✘ not quite: check the sign of your answer."."""
        head = {CORRECT: "✔ correct", WRONG: "✘ not quite", NOT_ANSWERED: "… not answered yet",
                ERROR: "⚠ could not check your answer",
                RECORDED: "✎ answer recorded: it is checked when your homework is graded"
                }[self.status]
        if self.status == RECORDED and self.graded_run:
            head = "✎ answer handed in: the grader's verdict is in the score table at the top"
        return f"{head}: {self.message}" if self.message else head

    def to_dict(self):
        return {"exercise": self.exercise_id, "status": self.status, "points": self.points,
                "max_points": self.max_points, "message": self.message}

    def _mimebundle(self, with_answer):
        colour = {CORRECT: "#009E73", WRONG: "#D55E00", NOT_ANSWERED: "#555555",
                  ERROR: "#CC79A7", RECORDED: "#0072B2"}[self.status]
        bundle = {"text/plain": self.verdict(),
                  "text/html": f'<p style="color:{colour}; font-weight:600">'
                               f'{html.escape(self.verdict())}</p>'}
        if with_answer:
            bundle[ANSWER_MIMETYPE] = {"exercise": self.exercise_id, "answer": self.answer,
                                       "format": FORMAT}
        return bundle

    def _ipython_display_(self):
        # check() already showed it in this cell (check(...) as the last line): show nothing
        # more; `result` on its own in a later cell shows the verdict again.
        if self._shown_in is not None and self._shown_in == _execution_count():
            return
        from IPython.display import display
        display(self._mimebundle(with_answer=False), raw=True)


def register(exercise):
    """Register an exercise at run time (tests, demos); lessons use helpers/exercises/ instead."""
    _extra[exercise.id] = exercise
    return exercise


def all_exercises():
    """{id: exercise} for every exercise of the course (helpers/exercises/) and registered ones."""
    from ..exercises import load
    return {**load(), **_extra}


def get_exercise(exercise_id):
    """The exercise called `exercise_id`; KeyError listing the known ids otherwise."""
    exercises = all_exercises()
    try:
        return exercises[exercise_id]
    except (KeyError, TypeError):
        raise KeyError(f"unknown exercise {exercise_id!r}; known: "
                       f"{', '.join(sorted(exercises)) or 'none'}") from None


def _judge(exercise, raw, screen=False):
    try:
        status, message = exercise.judge(raw, screen=True) if screen else exercise.judge(raw)
    except Exception as exc:  # a bug in the course, not in the answer
        status, message = ERROR, (f"the checker itself failed ({type(exc).__name__}); please "
                                  "report this to your instructor.")
    points = exercise.points if status == CORRECT else 0
    return Result(exercise.id, status, points, exercise.points, message, encode(raw))


def evaluate(exercise_id, answer, *, screen=False):
    """Result for `answer` to exercise `exercise_id`. Pure (no output) and never raises.

    `screen`: only screen the answer's format (status RECORDED where it is fine), as check()
    does in a released homework notebook."""
    try:
        exercise = get_exercise(exercise_id)
    except Exception as exc:
        return Result(str(exercise_id), ERROR, 0, 0, str(exc.args[0] if exc.args else exc))
    try:
        raw = exercise.collect(answer)
    except (Exception, SystemExit) as exc:
        raw = raised(exc)
    return _judge(exercise, raw, screen)


def evaluate_payload(payload):
    """Recompute a Result from the answer record `check()` wrote (for graders)."""
    try:
        exercise = get_exercise(payload["exercise"])
        raw = decode(payload["answer"])
    except Exception as exc:
        return Result(str(payload.get("exercise") if isinstance(payload, dict) else "?"), ERROR,
                      0, 0, f"unreadable answer record ({exc})")
    return _judge(exercise, raw)


def _encoded_or_none(answer):
    try:
        return encode(answer if not callable(answer) else None)
    except Exception:
        return None


def _execution_count():
    return getattr(ipython_shell(), "execution_count", None)


def method_hint(exercise_id):
    """The second hint step of an exercise (the method), "" when it has none."""
    try:
        hints = get_exercise(exercise_id).hints
    except Exception:
        return ""
    return hints[1] if len(hints) > 1 else ""


def more_help(exercise_id):
    """Print the second hint step (the method) of exercise `exercise_id`.

    The first step, a nudge, comes with a wrong answer; this is the second request, for front
    ends without widgets (where `check` shows a "More help" button instead).
    """
    try:
        exercise = get_exercise(exercise_id)
    except KeyError as exc:
        print(exc.args[0])
        return
    if len(exercise.hints) > 1:
        print(f"More help ({exercise.id}): {exercise.hints[1]}")
    elif exercise.hints:
        print(f"Hint ({exercise.id}): {exercise.hints[0]}")
    else:
        print(f"There is no further help for {exercise.id}: reread the question and the "
              "lesson's section it names.")


def _more_help_text(result):
    return (f'More help: more_help("{result.exercise_id}") (from helpers.checks import '
            "more_help) shows the method.")


def _more_help_widget(result, method):
    """A "More help" button under the verdict that reveals the method; None without widgets."""
    try:
        import ipywidgets
    except ImportError:
        return None
    button = ipywidgets.Button(description="More help", icon="question-circle",
                               tooltip="Show the method (the verdict showed a first hint)",
                               layout=ipywidgets.Layout(width="auto"))
    text = ipywidgets.HTML(layout=ipywidgets.Layout(display="none"))
    text.value = (f'<p style="color:#555555"><b>Method:</b> {html.escape(method)}</p>')

    def reveal(_):
        text.layout.display = None
        button.disabled = True

    button.on_click(reveal)
    box = ipywidgets.VBox([button, text])
    box.add_class("landauer-more-help")
    return box


def check(exercise_id, answer):
    """Check `answer` and show the verdict; returns the `Result`.

    A wrong answer's verdict carries the exercise's first hint (a nudge); when the exercise has
    a second step (the method), a "More help" button under the verdict reveals it (outside a
    kernel: a line saying how to ask `more_help`).

    In a released homework notebook (`helpers.checks.variants.homework`, switched on by its
    parameters cell) an answer without a format problem is only "recorded": the verdict comes
    with the grade (unless the notebook was released with verdicts). In the kernels of the
    course's grader (environment LANDAUER_GRADED_RUN=1) every answer is only recorded: the
    grader judges it in its own process.

    Never raises, except under nbgrader's autograder (environment NBGRADER_EXECUTION=autograde),
    where a wrong answer raises AssertionError so that nbgrader's test cell scores it.
    """
    mode = homework_mode()
    if os.environ.get(GRADED_RUN_VARIABLE) == "1":
        result = Result(str(exercise_id), RECORDED, 0, 0, "", graded_run=True)
    elif mode and isinstance(exercise_id, str) and exercise_id not in all_exercises():
        # a homework-only exercise of the instructor's course folder: read when graded
        result = Result(exercise_id, RECORDED, 0, 0, "", _encoded_or_none(answer))
    else:
        result = evaluate(exercise_id, answer, screen=mode == "record")
    method = method_hint(exercise_id) if result.status == WRONG else ""
    try:
        if ipython_shell() is not None:
            from IPython.display import display
            display(result._mimebundle(with_answer=True), raw=True)
            result._shown_in = _execution_count()
            widget = _more_help_widget(result, method) if method else None
            if widget is not None:
                display(widget)
            elif method:
                print(_more_help_text(result))
        else:
            print(result.verdict())
            if method:
                print(_more_help_text(result))
    except Exception:
        print(result.verdict())
    if os.environ.get("NBGRADER_EXECUTION") == "autograde" and not result.correct:
        raise AssertionError(result.verdict())
    return result
