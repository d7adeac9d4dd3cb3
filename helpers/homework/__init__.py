"""Graded homework: per-student variants of the practice notebooks under a private course key.

- `solve`: run a solutions notebook in this process for one variant of its parameters and
  collect every check's verdict (the answer key of a variant, and the tests that every variant
  is solvable).
"""

from .solve import solve_notebook, set_parameters_cell, parameters_cell_index

__all__ = ["solve_notebook", "set_parameters_cell", "parameters_cell_index"]
