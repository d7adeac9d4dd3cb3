"""The class list (roster), merging CSVs of several runs, and the wide gradebook.

- Roster (``--roster FILE``): one student id per line (blank lines and ``#`` comments skipped),
  or a CSV whose header has a ``student`` column and optionally ``lms_id``.
- Merge (``--merge OLD.csv``): the rows of the students graded now replace theirs in the old
  CSVs; every other student's rows are kept. Shards of one class merge into the CSV one run
  over the whole class writes.
- Gradebook (``--gradebook FILE``): one row per student (graded or on the roster), columns
  ``student, lms_id``, one per counted assignment (its total), ``total`` and ``late`` (the
  assignments handed in late, space-separated); the first row, student ``Points Possible``,
  holds the maximum of each column. UTF-8 with a byte-order mark, so that a spreadsheet reads
  the accents right.
"""

import csv
import io
from pathlib import Path

from .reports import TOTAL, atomic_write, fmt

__all__ = ["Roster", "read_roster", "merge_rows", "gradebook", "write_gradebook",
           "POINTS_POSSIBLE"]

POINTS_POSSIBLE = "Points Possible"


class Roster(dict):
    """{student id: lms id ('' when none)}, in the file's order."""

    @property
    def by_lms_id(self):
        return {lms: student for student, lms in self.items() if lms}


def read_roster(path):
    """Roster from a file; ValueError (naming the file and the fix) when it cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read the roster {path}: {exc}") from exc
    lines = [line for line in text.splitlines() if line.strip()]
    roster = Roster()
    header = next(csv.reader(lines[:1]), [])
    if "student" in [h.strip() for h in header]:
        for row in csv.DictReader(io.StringIO("\n".join(lines))):
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
            if row.get("student"):
                roster[row["student"]] = row.get("lms_id", "")
    else:
        if len(header) > 1:
            raise ValueError(f"roster {path}: a CSV needs a 'student' column (header line "
                             f"{','.join(header)!r}); or give one student id per line")
        for line in lines:
            if not line.lstrip().startswith("#"):
                roster[line.strip()] = ""
    if not roster:
        raise ValueError(f"roster {path} names no student")
    return roster


def merge_rows(old, new):
    """`old` rows without those of any student in `new`, plus `new` (TOTAL rows dropped: they
    are recomputed)."""
    regraded = {r["student"] for r in new}
    return [r for r in old if r["student"] not in regraded and r["exercise"] != TOTAL] + [
        r for r in new if r["exercise"] != TOTAL]


def gradebook(rows, counted, order, roster=None):
    """(header, rows as lists of strings) of the wide gradebook; `rows` carry TOTAL rows."""
    roster = roster or Roster()
    totals, late = {}, {}
    for r in rows:
        if r["exercise"] == TOTAL:
            totals[(r["student"], r["assignment"])] = r["points"]
            if r.get("late"):
                late.setdefault(r["student"], []).append(r["assignment"])
    students = sorted({r["student"] for r in rows} | set(roster))
    header = ["student", "lms_id", *counted, "total", "late"]
    maxima = [sum(points for _, points in order.get(name, [])) for name in counted]
    table = [[POINTS_POSSIBLE, "", *map(fmt, maxima), fmt(sum(maxima)), ""]]
    for student in students:
        points = [totals.get((student, name), 0) for name in counted]
        table.append([student, roster.get(student, ""), *map(fmt, points), fmt(sum(points)),
                      " ".join(sorted(late.get(student, [])))])
    return header, table


def write_gradebook(header, table, path):
    """Write the gradebook as CSV, UTF-8 with a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(table)
    atomic_write(Path(path), buffer.getvalue().encode("utf-8-sig"))
