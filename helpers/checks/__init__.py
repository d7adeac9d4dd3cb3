"""The exercise check layer: `check(exercise_id, answer)` in a notebook, `evaluate` for graders.

Exercises are declared once, in ``helpers/exercises/<topic>.py`` (a module-level list
``EXERCISES``), with one of the answer kinds below. The expected answer is a function that calls
the course physics, never a copied number.

- `evaluate(exercise_id, answer) -> Result` is pure: no display, never raises.
- Hints come in two steps: a wrong answer's verdict carries the nudge; the method comes on a
  second request, a "More help" button under the verdict or `more_help(exercise_id)`.
- `check(exercise_id, answer)` evaluates, shows one verdict line and records the answer in a
  machine-readable output (mimetype `ANSWER_MIMETYPE`, see `helpers.checks.answers`) so a grader
  can recompute the verdict in its own process with `evaluate_payload`.
- The numbers an exercise is about are `Parameters` (`helpers.checks.variants`): defaults for
  self-study, a per-student variant (`with variant(...)`) for graded homework.
"""

from .answers import ANSWER_MIMETYPE, encode, decode
from .kinds import Mistake, Case, NumericExercise, ArrayExercise, ChoiceExercise, FunctionExercise
from .variants import Param, Parameters, variant, homework
from .core import (Result, STATUSES, register, get_exercise, all_exercises, evaluate,
                   evaluate_payload, check, more_help, method_hint)

__all__ = ["ANSWER_MIMETYPE", "encode", "decode", "Mistake", "Case", "NumericExercise", "ArrayExercise",
           "ChoiceExercise", "FunctionExercise", "Result", "STATUSES", "register", "get_exercise",
           "all_exercises", "evaluate", "evaluate_payload", "check", "more_help",
           "method_hint", "Param", "Parameters", "variant", "homework"]
