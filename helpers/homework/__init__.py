"""Graded homework: per-student variants of the practice notebooks under a private course key.

    python -m helpers.homework init COURSE                        # private course folder with a random secret key
    python -m helpers.homework release COURSE --students FILE     # COURSE/release/<student>/<notebook>.ipynb
    python -m helpers.homework key COURSE                         # COURSE/key/<student>/<notebook>.ipynb: each variant solved
    python -m helpers.grading COURSE/submitted --course COURSE --csv grades.csv [--jobs N] [--feedback DIR]

- `course`: the private course folder (`init_course`, `Course`, `release`, `solve_key`);
- `solve`: run a solutions notebook in this process for one variant of its parameters and
  collect every check's verdict (the answer key of a variant, and the tests that every variant
  is solvable).
"""

from .solve import solve_notebook, set_parameters_cell, parameters_cell_index
from .course import Course, CourseError, init_course, release, solve_key, read_students

__all__ = ["solve_notebook", "set_parameters_cell", "parameters_cell_index", "Course",
           "CourseError", "init_course", "release", "solve_key", "read_students"]
