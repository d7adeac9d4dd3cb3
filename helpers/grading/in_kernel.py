"""The grader's code that runs inside the student's kernel: read the raw answers.

This file is never imported by the grader: `helpers.grading.boundary` reads it as text and
sends it to the kernel as the first of the grader's cells, after the student's cells; then one
cell per exercise calls ``__landauer_grader(exercise_id, expression, token, globals())``.

For its exercise the call evaluates the answer expression of the assignment's check cell
(``check("contact-resistance", R_kohm)`` -> ``R_kohm``) in the student's namespace, turns the value into the
raw answer (``Exercise.collect``: for a function, its results at the checker's inputs), encodes
it (``helpers.checks.encode``) and prints one JSON record between two copies of a random token
made for this run. Everything here can be patched by the student's code; the grader trusts none
of it (see "Threat model" in `helpers.grading`): it only reads a claimed raw answer, validates
it and judges it in its own process.
"""


def __landauer_grader(exercise_id, expression, token, ns):
    import contextlib
    import json
    import sys
    out = sys.stdout

    class Null:
        def write(self, text):
            return len(text)

        def flush(self):
            pass

    record = {"id": exercise_id}
    try:
        from helpers.checks import get_exercise, encode
        with contextlib.redirect_stdout(Null()), contextlib.redirect_stderr(Null()):
            try:
                value = eval(expression, ns)
            except NameError as exc:
                record.update(state="undefined", detail=str(exc)[:300])
            else:
                exercise = get_exercise(exercise_id)
                # forbidden callables are decided by the grader, from the submitted source
                raw = (exercise.collect(value, allow_forbidden=True)
                       if exercise.kind == "function" else exercise.collect(value))
                record.update(state="ok", answer=encode(raw))
        text = json.dumps(record)
    except KeyboardInterrupt:  # the grader's time limit for this answer
        text = json.dumps({"id": exercise_id, "state": "interrupted"})
    except BaseException as exc:  # whatever the student's code raises
        text = json.dumps({"id": exercise_id, "state": "raised",
                           "detail": ("%s: %s" % (type(exc).__name__, exc))[:300]})
    out.write("\n" + token + text + token + "\n")
    out.flush()
