"""The grader's code that runs inside the student's kernel: read the raw answers.

This file is never imported by the grader: `helpers.grading.boundary` reads it as text and
sends it to the kernel as the first of the grader's cells, after the student's cells; then one
cell per exercise calls ``__landauer_grader(exercise_id, expression, token, globals(), values)``.

``values`` ({topic: {name: value}}, graded homework: the student's variant computed by the
grader from the course key; {} otherwise: the defaults) is active (``variant(values)``) while
the answer is read, so a function exercise is called on the inputs of that variant. The kernel
gets these values, never the key; a notebook that switched itself to another variant (its
parameters cell, ``homework(...)``) is read with the grader's values all the same.

For its exercise the call evaluates the answer expression of the assignment's check cell
(``check("contact-resistance", R_kohm)`` -> ``R_kohm``) in the student's namespace, turns the value into the
raw answer (``Exercise.collect``: for a function, its results at the checker's inputs), encodes
it (``helpers.checks.encode``) and prints one JSON record between two copies of a random token
made for this run. Everything here can be patched by the student's code; the grader trusts none
of it (see "Threat model" in `helpers.grading`): it only reads a claimed raw answer, validates
it and judges it in its own process.
"""


def __landauer_grader(exercise_id, expression, token, ns, values=None, spec=None):
    def collect_unknown(value, spec):
        """The raw answer of an exercise this kernel does not know (one of the course folder's
        own, ``COURSE/exercises/*.py``): `spec` gives its kind and, for a function, the encoded
        inputs the grader computed for this student's variant."""
        import warnings
        import numpy as np
        from helpers.checks import decode
        from helpers.checks.answers import Problem, raised
        from helpers.checks.kinds import to_number_or_array
        if value is None or value is Ellipsis:
            return None
        kind = spec.get("kind")
        if kind == "choice":
            return value if isinstance(value, str) else Problem("unreadable", type(value).__name__)
        if kind != "function":
            raw = to_number_or_array(value)
            return np.asarray(raw) if kind == "array" and isinstance(raw, (float, complex)) else raw
        if not callable(value):
            return Problem("unreadable", "not a function but %s" % type(value).__name__)
        outputs = []
        for args in decode(spec.get("inputs", [])):
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    outputs.append(to_number_or_array(value(*args)))
            except (Exception, SystemExit) as exc:
                outputs.append(raised(exc))
        return outputs

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
        from helpers.checks.variants import variant
        with contextlib.redirect_stdout(Null()), contextlib.redirect_stderr(Null()), \
                variant(values or {}):
            try:
                value = eval(expression, ns)
            except NameError as exc:
                record.update(state="undefined", detail=str(exc)[:300])
            else:
                if spec is not None:  # an exercise of the course folder: not in this kernel
                    raw = collect_unknown(value, spec)
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

