"""The gradebook side of python -m helpers.grading: submission layouts (nbgrader, Canvas), the
roster, per-assignment totals, the wide gradebook, --merge and --shard (shards merged give the
CSV one run gives)."""

import csv
import io
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.checks import register
from helpers.grading import COLUMNS
from helpers.grading.__main__ import main
from helpers.grading.gradebook import POINTS_POSSIBLE, gradebook, merge_rows, read_roster
from helpers.grading.layouts import discover, in_shard, parse_canvas, shard_of, Submission
from helpers.grading.reports import complete, counted_assignments, exercise_order, with_totals

sys.path.insert(0, str(Path(__file__).resolve().parent / "grading_fixtures"))
import build


# -- layouts -------------------------------------------------------------------------------

@pytest.mark.parametrize("stem, lms_ids, want", [
    ("jonesbob_LATE_12346_67891_01_resistance_is_reflection", None,
     ("jonesbob", "01_resistance_is_reflection", True)),
    ("jonesbob_12346_67891_01_resistance_is_reflection", None,
     ("jonesbob", "01_resistance_is_reflection", False)),
    # the roster maps the Canvas user id (the first id) to the course's student id
    ("jonesbob_LATE_12346_67891_02_reservoirs_and_fermi_window", {"12346": "bob.jones"},
     ("bob.jones", "02_reservoirs_and_fermi_window", True)),
    ("jonesbob_12346_67891_01_demo", {"67891": "not-the-user-id"}, ("jonesbob", "01_demo", False)),
    # Canvas renames a resubmitted file 01_demo-1.ipynb
    ("smithann_5_77_01_demo-1", None, ("smithann", "01_demo", False)),
    # a notebook whose own name holds digits between underscores
    ("lee_LATE_1_2_03_2d_wire_10_sites", None, ("lee", "03_2d_wire_10_sites", True)),
    ("alice", None, None),
    ("01_resistance_is_reflection", None, None),
    ("jonesbob_LATE_01_demo", None, None),
])
def test_canvas_file_names(stem, lms_ids, want):
    assert parse_canvas(stem, lms_ids) == want


def touch(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{}")
    return path


def test_discover_understands_the_three_layouts(tmp_path):
    plain, canvas, course = tmp_path / "plain", tmp_path / "canvas", tmp_path / "nbg"
    touch(plain / "alice" / "01_demo.ipynb")
    touch(plain / "alice" / ".ipynb_checkpoints" / "01_demo-checkpoint.ipynb")
    touch(canvas / "jonesbob_LATE_12346_67891_01_resistance_is_reflection.ipynb")
    touch(canvas / "kimann_555_666_01_resistance_is_reflection.ipynb")
    touch(course / "submitted" / "carol" / "hw1" / "01_demo.ipynb")
    touch(course / "source" / "hw1" / "01_demo.ipynb")        # the instructor's, not graded
    touch(course / "autograded" / "carol" / "hw1" / "01_demo.ipynb")
    other = tmp_path / "other-course"   # submitted/<student>/<notebook>, given the course folder
    touch(other / "submitted" / "dan" / "01_demo.ipynb")
    found = discover([plain, canvas, course, course / "submitted",
                      course / "submitted" / "carol", other], lms_ids={"555": "ann.kim"})
    got = sorted((s.student, s.notebook, s.late) for s in found)
    assert got == [("alice", "01_demo", False),
                   ("ann.kim", "01_resistance_is_reflection", False),
                   ("carol", "01_demo", False), ("carol", "01_demo", False),
                   ("carol", "01_demo", False), ("dan", "01_demo", False),
                   ("jonesbob", "01_resistance_is_reflection", True)]


def test_shards_are_disjoint_cover_the_class_and_do_not_depend_on_order():
    students = [f"student{i:02d}" for i in range(40)] + ["jonesbob", "ann.kim", "Zoë"]
    subs = [Submission(s, Path(f"{s}/01_demo.ipynb")) for s in students]
    slices = [{s.student for s in in_shard(subs, k, 4)} for k in range(1, 5)]
    assert sorted(s for part in slices for s in part) == sorted(students)
    assert all(slices), slices   # 43 students: no empty slice
    reversed_slices = [{s.student for s in in_shard(subs[::-1][:10], k, 4)} for k in range(1, 5)]
    for part, few in zip(slices, reversed_slices):
        assert few <= part       # who else handed in, and the order, change nothing
    assert shard_of("jonesbob", 4) == shard_of("jonesbob", 4)


# -- roster --------------------------------------------------------------------------------

def test_roster_one_id_per_line_or_csv(tmp_path):
    (tmp_path / "a.txt").write_text("alice\n\n# comment\nbob\n")
    assert dict(read_roster(tmp_path / "a.txt")) == {"alice": "", "bob": ""}
    (tmp_path / "b.csv").write_text("\ufeffname,student,lms_id\nAlice A,alice,111\nBob B,bob,\n",
                                    encoding="utf-8")
    roster = read_roster(tmp_path / "b.csv")
    assert dict(roster) == {"alice": "111", "bob": ""} and roster.by_lms_id == {"111": "alice"}
    (tmp_path / "c.csv").write_text("name,id\nAlice,1\n")
    with pytest.raises(ValueError, match="'student' column"):
        read_roster(tmp_path / "c.csv")


# -- totals, merge and gradebook without kernels ---------------------------------------------

def row(student, assignment, exercise, points, max_points, status="correct", late=""):
    return {"student": student, "assignment": assignment, "exercise": exercise,
            "points": points, "max_points": max_points, "status": status, "feedback": "",
            "late": late}


def finish(rows, named=()):
    order = exercise_order(rows)
    counted = counted_assignments(rows, named)
    return with_totals(complete(rows, order, counted), order), counted, order


def test_totals_per_assignment_missing_only_for_counted_assignments():
    rows = [row("ann", "hw1", "a", 2, 2), row("ann", "hw1", "b", 0, 1, "wrong"),
            row("ben", "hw2", "c", 3, 3, late="yes"),
            row("cy", "notes", "", 0, 0, "error")]   # a notebook of no assignment
    out, counted, order = finish(rows)
    assert counted == ["hw1", "hw2"]
    totals = {(r["student"], r["assignment"]): (r["points"], r["max_points"], r["late"])
              for r in out if r["exercise"] == "TOTAL"}
    # ann did not hand in hw2 and ben not hw1: 0 of the assignment's points; nobody handed in
    # "notes", so it has no total, and no row sums across assignments
    assert totals == {("ann", "hw1"): (2, 3, ""), ("ann", "hw2"): (0, 3, ""),
                      ("ben", "hw1"): (0, 3, ""), ("ben", "hw2"): (3, 3, "yes"),
                      ("cy", "hw1"): (0, 3, ""), ("cy", "hw2"): (0, 3, "")}
    assert {r["status"] for r in out if r["student"] == "ben" and r["assignment"] == "hw1"} == {
        "missing", "total"}
    # a student who handed in only hw1 is not given zeros for an assignment nobody handed in,
    # unless the instructor names it
    out, counted, _ = finish([row("ann", "hw1", "a", 2, 2)])
    assert counted == ["hw1"]
    header, table = gradebook(out, counted, order)
    assert header == ["student", "lms_id", "hw1", "total", "late"]


def test_an_assignment_named_by_the_instructor_counts_even_if_nobody_handed_it_in():
    from helpers.grading.assignments import Assignment, Spec
    from helpers.grading.core import UsageError, finish as core_finish
    assignments = {"hw1": Assignment("hw1", [Spec("a", "x", 2)]),
                   "hw2": Assignment("hw2", [Spec("c", "y", 3), Spec("d", "z", 1)])}
    out, counted, _ = core_finish([row("ann", "hw1", "a", 2, 2)], assignments, named=["hw2"])
    assert counted == ["hw1", "hw2"]
    assert [(r["exercise"], r["status"], r["max_points"]) for r in out if r["assignment"] == "hw2"
            ] == [("c", "missing", 3), ("d", "missing", 1), ("TOTAL", "total", 4)]
    with pytest.raises(UsageError, match="hw9"):
        core_finish([row("ann", "hw1", "a", 2, 2)], assignments, named=["hw9"])


def test_gradebook_has_one_row_per_student_and_roster_ids(tmp_path):
    rows = [row("ann", "hw1", "a", 2, 2), row("ann", "hw1", "b", 0, 1, "wrong"),
            row("bén", "hw2", "c", 3, 3, late="yes")]
    out, counted, order = finish(rows)
    roster_file = tmp_path / "roster.csv"
    roster_file.write_text("student,lms_id\nann,111\nbén,222\ndee,333\n", encoding="utf-8")
    header, table = gradebook(out, counted, order, read_roster(roster_file))
    assert header == ["student", "lms_id", "hw1", "hw2", "total", "late"]
    assert table == [[POINTS_POSSIBLE, "", "3", "3", "6", ""],
                     ["ann", "111", "2", "0", "2", ""],
                     ["bén", "222", "0", "3", "3", "hw2"],
                     ["dee", "333", "0", "0", "0", ""]]   # on the roster, handed in nothing


def test_merge_replaces_the_regraded_students_rows_only():
    old = [row("ann", "hw1", "a", 0, 2, "wrong"), row("ben", "hw1", "a", 2, 2)]
    old, _, _ = finish(old)
    new = [row("ann", "hw1", "a", 2, 2)]
    merged, _, _ = finish(merge_rows(old, new))
    got = {(r["student"], r["exercise"]): r["points"] for r in merged}
    assert got == {("ann", "a"): 2, ("ann", "TOTAL"): 2, ("ben", "a"): 2, ("ben", "TOTAL"): 2}


# -- end to end: kernels ------------------------------------------------------------------

@pytest.fixture(scope="module")
def course(tmp_path_factory):
    namespace = {}
    exec(build.EXERCISES_SOURCE, namespace)
    for exercise in namespace["EXERCISES"]:
        register(exercise)
    return build.build(tmp_path_factory.mktemp("gradebook") / "course")


def test_shards_merged_equal_one_run_and_the_gradebook(course, tmp_path):
    """A mixed class (folders, a Canvas late file, one student with only the other assignment,
    an unreadable notebook):
    two shards graded apart and merged give the CSV of one run over the class; the gradebook
    has one row per student, per-assignment totals and the late flag."""
    sol = build.read(course / "solutions" / "01_demo.ipynb")
    sol2 = build.read(course / "solutions" / "02_other.ipynb")
    folder = tmp_path / "submitted"
    (folder / "alice").mkdir(parents=True)
    nbformat.write(sol, folder / "alice" / "01_demo.ipynb")
    (folder / "bob").mkdir()   # unreadable: graded without a kernel
    (folder / "bob" / "01_demo.ipynb").write_text('{"cells": [ not json')
    nbformat.write(sol2, folder / "jonesdora_LATE_4242_99_02_other.ipynb")
    roster = tmp_path / "roster.csv"
    roster.write_text("student,lms_id\nalice,1\nbob,2\ndora,4242\nerik,5\n")
    students = ["alice", "bob", "dora"]
    shards = {k: {s for s in students if shard_of(s, 2) == k - 1} for k in (1, 2)}
    assert all(shards.values()) and "dora" in shards[1] | shards[2]  # the test means something

    common = ["--source", str(course / "solutions"), "--roster", str(roster), "--quiet",
              "--timeout", "30"]
    one, book = tmp_path / "one.csv", tmp_path / "book.csv"
    assert main([str(folder), "--csv", str(one), "--jobs", "2", "--gradebook", str(book),
                 *common]) == 0
    parts = [tmp_path / f"part{k}.csv" for k in (1, 2)]
    for k, part in zip((1, 2), parts):
        assert main([str(folder), "--csv", str(part), "--shard", f"{k}/2", "--jobs", "1",
                     *common]) == 0
        assert {r["student"] for r in csv.DictReader(part.open())} == shards[k]
    merged, book2 = tmp_path / "merged.csv", tmp_path / "book2.csv"
    assert main(["--merge", str(parts[0]), "--merge", str(parts[1]), "--csv", str(merged),
                 "--gradebook", str(book2), "--roster", str(roster)]) == 0
    assert merged.read_text() == one.read_text()
    assert book2.read_bytes() == book.read_bytes()

    rows = list(csv.DictReader(io.StringIO(one.read_text())))
    assert list(rows[0]) == list(COLUMNS)
    totals = {(r["student"], r["assignment"]): (r["points"], r["max_points"], r["late"])
              for r in rows if r["exercise"] == "TOTAL"}
    assert totals == {("alice", "01_demo"): ("4", "4", ""), ("alice", "02_other"): ("0", "1", ""),
                      ("bob", "01_demo"): ("0", "4", ""), ("bob", "02_other"): ("0", "1", ""),
                      ("dora", "01_demo"): ("0", "4", ""), ("dora", "02_other"): ("1", "1", "yes")}
    raw = book.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table == [["student", "lms_id", "01_demo", "02_other", "total", "late"],
                     [POINTS_POSSIBLE, "", "4", "1", "5", ""],
                     ["alice", "1", "4", "0", "4", ""], ["bob", "2", "0", "0", "0", ""],
                     ["dora", "4242", "0", "1", "1", "02_other"],
                     ["erik", "5", "0", "0", "0", ""]]

    # regrade bob alone (a new, still unreadable file: no kernel) into the class CSV
    (folder / "bob" / "01_demo.ipynb").write_text("{}}")
    regraded = tmp_path / "regraded.csv"
    assert main([str(folder / "bob"), "--csv", str(regraded), "--merge", str(one),
                 *common]) == 0
    before = list(csv.DictReader(one.open()))
    after = list(csv.DictReader(regraded.open()))
    assert [r for r in after if r["student"] != "bob"] == [
        r for r in before if r["student"] != "bob"]
    changed = [(b["exercise"], b["feedback"], a["feedback"]) for b, a in zip(
        [r for r in before if r["student"] == "bob"], [r for r in after if r["student"] == "bob"])
        if a != b]
    assert changed and all("{}}" in new and "{}}" not in old for _, old, new in changed), changed


def test_usage_errors(tmp_path, capsys):
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    assert main(["--merge", str(tmp_path / "bad.csv"), "--csv", str(tmp_path / "o.csv")]) == 2
    assert "not a grades CSV" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["x", "--csv", "-", "--shard", "3/2"])
    with pytest.raises(SystemExit):
        main(["--csv", "-"])
