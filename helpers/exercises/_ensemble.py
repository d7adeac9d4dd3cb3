"""Numeric exercises whose tolerance comes from an ensemble's error bar.

The ensemble is computed on first use (when an answer is checked), not when the exercise
registry is imported, so loading the exercises stays fast.
"""

from ..checks import NumericExercise
from ..checks.kinds import per_variant

__all__ = ["EnsembleExercise"]


class EnsembleExercise(NumericExercise):
    """A `NumericExercise` whose relative tolerance is `rtol()`, a function called once.

    `rtol` is typically two standard errors of the fitted quantity over the value, computed
    from the same fixed ensemble as the expected answer.
    """

    def __init__(self, id, points, *, rtol, **kwargs):
        super().__init__(id, points, **kwargs)
        self._rtol_function = rtol

    @per_variant
    def _ensemble_rtol(self):
        return float(self._rtol_function())

    @property
    def rtol(self):
        return self._ensemble_rtol

    @rtol.setter
    def rtol(self, value):  # set by NumericExercise.__init__; the ensemble decides instead
        pass
