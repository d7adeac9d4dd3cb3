"""The grader's parts without a notebook kernel: the one check() parser, the one set of
statuses, the trust boundary's code, and the watchdog that stops a cell by CPU time or awake
time (real processes, no timing assertions)."""

import ast
import json
import signal
import subprocess
import sys

import pytest

import helpers.generate as generate
from helpers.checks import STATUSES as CHECK_STATUSES
from helpers.checks import statuses
from helpers.checks.calls import check_calls
from helpers.grading import STATUSES, Limits
from helpers.grading.assignments import Assignment, Spec
from helpers.grading.boundary import KERNEL_CODE, extraction_cells, parse_records
from helpers.grading.worker import Watchdog, cpu_seconds


def test_one_parser_of_check_calls_for_generate_and_grading():
    assert generate.check_calls is check_calls
    source = ('x = 1\ncheck("b-id", f(x, y=2))  # second\n'
              'helpers.checks.check(exercise_id="c-id", answer=R_kohm)\n')
    assert check_calls('check("a-id", R)\n' + source) == [
        ("a-id", "R"), ("b-id", "f(x, y=2)"), ("c-id", "R_kohm")]
    assert check_calls("%matplotlib inline\ncheck('d-id', value)") == [("d-id", "value")]
    assert check_calls('check("a-id",') == []                  # not Python: no calls
    assert check_calls('check(name, value)\nprint("check(\\"x\\", y)")') == []  # id not literal


def test_one_definition_of_the_statuses():
    assert STATUSES == statuses.GRADE_STATUSES
    assert CHECK_STATUSES == statuses.CHECK_STATUSES == STATUSES[:4]
    assert set(STATUSES) == {"correct", "wrong", "not answered", "error", "timeout", "missing"}


def test_kernel_code_is_python_and_the_cells_carry_the_token():
    tree = ast.parse(KERNEL_CODE)
    assert [n.name for n in tree.body if isinstance(n, ast.FunctionDef)] == ["__landauer_grader"]
    assignment = Assignment("01_demo", [Spec("demo-a", "R_kohm", 2), Spec("demo-b", "f", 1)])
    cells = extraction_cells(assignment, "LGtoken")
    assert cells["setup"] == KERNEL_CODE
    assert [i for i, _ in cells["cells"]] == ["demo-a", "demo-b"]
    for _, source in cells["cells"]:
        ast.parse(source)
        assert "'LGtoken'" in source


def test_parse_records_keeps_the_first_record_between_tokens():
    ok = json.dumps({"id": "a", "state": "ok", "answer": 1.0})
    forged = json.dumps({"id": "a", "state": "ok", "answer": 2.0})
    text = f"LGx{ok}LGx\nLGy{forged}LGy\nLGx{forged}LGx\nLGx{{not json}}LGx"
    assert parse_records(text, "LGx") == {"a": json.loads(ok)}


def test_limits_leave_room_after_one_endless_loop_and_wall_clock_far_above():
    limits = Limits(notebook_cpu=60)
    assert limits.cell_cpu == 20
    assert limits.cell_awake > limits.cell_cpu and limits.notebook_awake > limits.notebook_cpu
    assert limits.wall(5) > 2 * (limits.notebook_awake + 5 * limits.extract_awake)
    assert limits.wall(5, attempt=1) == 2 * limits.wall(5)
    assert limits.kernel_cpu(5) > limits.notebook_cpu + limits.cell_cpu + 5 * limits.extract_cpu


def _child(code):
    return subprocess.Popen([sys.executable, "-c", code], start_new_session=True)


LINUX = pytest.mark.skipif(cpu_seconds(1) is None, reason="the watchdog's clocks need /proc")


@LINUX
def test_watchdog_interrupts_a_busy_loop_by_cpu_time():
    proc = _child("while True:\n    pass")
    try:
        stop, error = Watchdog(proc.pid, grace=30).run(proc.wait, cpu=0.5, awake=600)
    finally:
        proc.kill()
        proc.wait()
    assert error is None
    assert stop["limit"] == "cpu" and stop["seconds"] == 0.5 and not stop["killed"]
    assert stop["used"] > 0.5
    assert proc.returncode != 0  # KeyboardInterrupt ended it


@LINUX
def test_watchdog_kills_a_sleeper_that_ignores_the_interrupt():
    proc = _child("import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                  "print('ready', flush=True)\ntime.sleep(600)")
    try:
        stop, error = Watchdog(proc.pid, grace=0.5).run(proc.wait, cpu=600, awake=0.5)
    finally:
        proc.kill()
        proc.wait()
    assert error is None
    assert stop["limit"] == "awake" and stop["killed"]
    assert proc.returncode == -signal.SIGKILL


def test_watchdog_does_not_stop_a_cell_within_its_limits():
    proc = _child("sum(range(10**5))")
    stop, error = Watchdog(proc.pid).run(proc.wait, cpu=600, awake=600)
    assert stop is None and error is None and proc.returncode == 0
