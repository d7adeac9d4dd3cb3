"""The statuses of an answer: one definition for check(), the grader, its CSV and its feedback.

`check()` gives one of `CHECK_STATUSES`; the grader adds two that only a graded run can have:
`TIMEOUT` (a time limit stopped the answer cell, or the grader's reading of the answer) and
`MISSING` (the answer cell, or the whole notebook, was not handed in). `RECORDED` is what
check() says in a released homework notebook for an answer without a format problem (the
verdict comes when the homework is graded); the grader never gives it.
"""

__all__ = ["CORRECT", "WRONG", "NOT_ANSWERED", "ERROR", "TIMEOUT", "MISSING", "CHECK_STATUSES",
           "GRADE_STATUSES", "RECORDED"]

CORRECT = "correct"
WRONG = "wrong"
NOT_ANSWERED = "not answered"
ERROR = "error"
TIMEOUT = "timeout"
MISSING = "missing"
RECORDED = "answer recorded"

CHECK_STATUSES = (CORRECT, WRONG, NOT_ANSWERED, ERROR)
GRADE_STATUSES = CHECK_STATUSES + (TIMEOUT, MISSING)
