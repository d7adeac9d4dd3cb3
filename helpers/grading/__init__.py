"""Grade submitted exercise notebooks: each in a fresh, sandboxed kernel, scored per exercise.

    python -m helpers.grading submissions/ --csv grades.csv [--timeout 60] [--cell-timeout 20]
                              [--jobs 2] [--feedback feedback/ --format html|notebook]
                              [--gradebook FILE] [--roster FILE] [--assignments A,B]
                              [--merge OLD.csv] [--shard K/N] [--course COURSE [--unsandboxed]]

How a submission is graded
--------------------------
1. Every submitted file is read (and hashed) before any kernel starts; the grader never writes
   to it. The assignment is the notebook's stem when it names one (``solutions/<stem>.ipynb``,
   the instructor's notebooks, are the trusted definition of each assignment); otherwise the
   assignment whose exercise ids the notebook holds.
2. A worker process copies the notebook text into a fresh temporary folder and runs its code
   cells top to bottom (errors allowed) in a new kernel. Time limits count CPU time, which a
   busy machine does not use up: ``--timeout`` seconds for all the student's cells,
   ``--cell-timeout`` (default a third of it) for one cell; a cell past its limit is
   interrupted and the run goes on with the next cell (see `helpers.grading.limits` for the
   wall-clock allowances, the retries and the words the feedback uses for each limit). The
   kernel starts through ``sandbox.py``: address-space and CPU-time limits, no core files,
   bounded file sizes, and (Landlock) writes only inside its own temporary folder, reads only
   of Python, the system and the course's ``helpers``; HOME, TMPDIR, Jupyter, IPython and
   matplotlib state all live in that folder; the environment is a fixed minimal one.
3. Then the worker runs the grader's cells (``in_kernel.py``, sent as text), one per exercise:
   it evaluates the answer expression of the assignment's check cell (``check("contact-resistance", R_kohm)``
   -> ``R_kohm``) in the student's namespace, turns it into the raw answer
   (``Exercise.collect``: for a function, its results at the checker's inputs), encodes it
   (``helpers.checks.encode``) and prints it between two copies of a random token made for
   this run; each of these cells has its own CPU-time limit.
4. The grader's own process decodes each raw answer, checks that it is plain data of the right
   form, and computes the verdict with the registry it loaded (and whose expected answers it
   computed) before any student code ran: ``helpers.checks.evaluate_payload``. Points come
   from the registry (declared once, also written into the nbgrader metadata).

Which answer counts: the value of the answer expression when the notebook has run top to
bottom, as submitted (cells edited, moved or deleted included). Outputs the notebook carried
when it was handed in, and everything check() displays, are ignored.

Threat model
------------
The student controls everything that runs in their kernel: they can redefine ``check``, patch
``helpers.checks.evaluate``, numpy, ``print`` or builtins, fake check()'s answer output, even
read the grader's cell before it runs (IPython hooks) and print records with its token. All of
this only changes which *raw answer* the submission claims; it can never claim a verdict or a
score, because verdicts are recomputed in the grader's process from the claimed value. A
claimed value gets the points only if it is the right answer. Concretely:

- fake ``ANSWER_MIMETYPE`` output or a patched ``check``/``evaluate``: ignored (not read);
- patched numpy, ``print``, builtins, ``helpers`` in the kernel: affect the kernel only; the
  grader's numpy and helpers are its own, imported and evaluated before any kernel ran;
- forged records: read only from the grader's cell, only between this run's random token, the
  first record of an exercise counts, and records are validated (plain JSON values, numeric
  dtypes only, one result per input of a function exercise, sizes capped) before judging;
- writing files the grader reads: the submissions are in memory before any kernel runs; the
  course's ``helpers`` is read-only to the kernel (Landlock) and the expected answers are
  already computed; the CSV and feedback files are written at the end, through a temporary
  file and a rename (a planted symlink is replaced, not followed);
- reading other students' submissions or the grader's files, signalling the grader: denied by
  Landlock (ABI 6+ also scopes signals and abstract sockets);
- endless loops, ``exit()``, ``os._exit``, a segfault, a huge allocation, a flood of output:
  time limits per cell and per notebook (the cell is interrupted and scored ``timeout`` when
  it is an exercise's answer cell; the run goes on, answers computed before and after it
  count; a kernel that ignores the interrupt is killed), kernel death detected, memory and
  CPU-time limits on the kernel, at most 1 MB of output kept; the parent kills the worker and
  the kernel's process group when a worker outlives a generous wall-clock deadline (and
  retries it once). Such a submission costs its author only.

Out of scope: the expected answers are computable by anyone holding the course package (the
same ``helpers`` gives students instant feedback), so a notebook that asks the registry for
the answer gets it right; processes that escape the kernel's process group; without Landlock
(not Linux, or an old kernel: a warning is printed) student code can read and write anything
the grader's user can: grade untrusted cohorts in a container or as a separate user.

CSV
---
Columns ``student, assignment, exercise, points, max_points, status, feedback, late, flag``: one row
per student, assignment and exercise (assignment order of the check cells), status one of
correct, wrong, not answered, error, timeout, missing (``helpers.checks.statuses``),
``feedback`` the text the student would see (for ``timeout``: which limit was reached) and
``late`` "yes" for a submission its file name marks late (Canvas), ``flag`` (graded homework
only) "matches <student>" or "matches public solution" (`helpers.grading.copies`). Each student's assignment
ends with a total row: exercise ``TOTAL``, status ``total``, its summed points and max_points
(no row sums across assignments). A notebook that matches no assignment gets one row with an
empty exercise and status ``error``; an assignment someone handed in (or named with
``--assignments``) and a student did not gets ``missing`` rows. Re-running gives the same file.

Graded homework (``--course COURSE``)
-------------------------------------
With a course folder of ``python -m helpers.homework`` each student is graded on their own
variant: the grader computes the variant from the course key and the student id the layout
gives, computes its expected answers before any kernel runs, sends the variant's values (never
the key) to its reading cells, which read the answers inside ``variant(values)`` (a function
exercise is called on that variant's inputs), and judges in its own process inside the same
variant. The kernel's Landlock sandbox cannot read the course folder (a course folder inside a
folder kernels may read is refused); without Landlock ``--course`` is refused unless
``--unsandboxed``. What a kernel sees is this student's values, hidden ones included (e.g. the
seed of a function exercise's inputs), only while the grader reads the answers.

Gradebook, roster, regrading and shards (`helpers.grading.gradebook`)
-----------------------------------------------------------------------
``--gradebook FILE``: one row per student, a column per assignment (its total), ``total``,
``lms_id`` (from ``--roster``) and ``late``; UTF-8 with a BOM. ``--merge OLD.csv`` keeps OLD's
rows of every student not graded now; ``--shard K/N`` grades the students whose
``layouts.shard_of`` is K-1, and ``--merge`` of the N shard CSVs gives the CSV of one run.
"""

from .core import (UsageError, Assignment, Submission, load_assignments, discover, grade,
                   write_csv, COLUMNS, STATUSES, TOTAL, Limits)

__all__ = ["UsageError", "Assignment", "Submission", "load_assignments", "discover", "grade",
           "write_csv", "COLUMNS", "STATUSES", "TOTAL", "Limits"]
