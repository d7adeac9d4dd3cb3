"""Reports: the long CSV, and per student a feedback copy of each notebook with a score table on top.

Files are written through a temporary file and a rename (a planted symlink is replaced, not
followed), with the permissions the umask gives a new file (group-readable under umask 022).

HTML feedback is made with nbconvert's HTMLExporter and sanitized with an allow-list of our own
(nbconvert's own sanitizer escapes headings, paragraphs and tables: nbconvert issue 2016): the
student's markdown and outputs render, but no script, no ``on*`` attribute, no ``javascript:``
URL, no widget state and no output type that nbconvert would insert unescaped survive.
"""

import csv
import html
import io
import itertools
import os
import re
import sys
import tempfile
from pathlib import Path

from ..checks.statuses import CORRECT, MISSING
from .copies import summary_flag

__all__ = ["COLUMNS", "TOTAL", "exercise_order", "counted_assignments", "with_totals", "complete",
           "write_csv", "read_csv", "write_feedback", "clean_html",
           "atomic_write", "fmt"]

COLUMNS = ("student", "assignment", "exercise", "points", "max_points", "status", "feedback",
           "late", "flag")
#: columns an older CSV may lack (read as empty)
OPTIONAL = frozenset({"late", "flag"})
TOTAL = "TOTAL"

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "samp", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul"})
ALLOWED_ATTRIBUTES = {
    "*": ["class", "id", "title", "style"], "a": ["href", "title", "class", "id"],
    "img": ["src", "alt", "width", "height", "class"], "td": ["colspan", "rowspan", "align",
                                                              "style", "class"],
    "th": ["colspan", "rowspan", "align", "style", "class"], "ol": ["start", "class"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
ALLOWED_CSS = frozenset({"color", "background-color", "font-weight", "font-style",
                         "text-align", "text-decoration"})
# output types nbconvert's HTML template renders through the sanitizer or escaped; anything
# else (javascript, widget views, mermaid, ...) is dropped from a feedback copy
SAFE_OUTPUTS = frozenset({"text/plain", "text/html", "text/markdown", "text/latex", "image/png",
                          "image/jpeg", "image/svg+xml"})
_BASE64 = re.compile(r"[A-Za-z0-9+/=\s]*")


def fmt(points):
    return f"{points:g}"


def exercise_order(rows, assignments=None):
    """{assignment: [(exercise id, max_points)]}: from `assignments` ({name: Assignment}) where
    known, else in the order the rows first give them (the order the grader writes them)."""
    order = {name: [(s.id, s.points) for s in a.exercises]
             for name, a in (assignments or {}).items()}
    for row in rows:
        if row["exercise"] and row["exercise"] != TOTAL:
            known = order.setdefault(row["assignment"], [])
            if row["exercise"] not in [e for e, _ in known] and row["assignment"] not in (
                    assignments or {}):
                known.append((row["exercise"], row["max_points"]))
    return order


def counted_assignments(rows, named=()):
    """Assignments a student is marked `missing` for when they did not hand them in: those at
    least one student handed in (rows with an exercise), and those `named` by the instructor."""
    return sorted({r["assignment"] for r in rows if r["exercise"] and r["exercise"] != TOTAL}
                  | set(named))


def complete(rows, order, counted):
    """`rows` plus `missing` rows for each counted assignment a student did not hand in."""
    done = {(r["student"], r["assignment"]) for r in rows}
    out = list(rows)
    for student in sorted({r["student"] for r in rows}):
        for name in counted:
            if (student, name) not in done:
                out += [{"student": student, "assignment": name, "exercise": exercise,
                         "points": 0, "max_points": points, "status": MISSING,
                         "feedback": f"No notebook {name}.ipynb was handed in.", "late": "",
                         "flag": ""}
                        for exercise, points in order.get(name, [])]
    return out


def with_totals(rows, order):
    """Rows sorted by student, assignment and exercise order (`order`: see `exercise_order`);
    each of a student's assignments ends with a TOTAL row (exercise TOTAL, status total). There
    is no row summing across assignments: that is the gradebook's ``total`` column."""
    def position(row):
        ids = [e for e, _ in order.get(row["assignment"], [])]
        return (row["student"], row["assignment"],
                ids.index(row["exercise"]) if row["exercise"] in ids else -1, row["exercise"])

    out = []
    rows = sorted((r for r in rows if r["exercise"] != TOTAL), key=position)
    for (student, name), group in itertools.groupby(rows, key=lambda r: (r["student"],
                                                                           r["assignment"])):
        mine = [{"late": "", "flag": "", **r} for r in group]
        out += mine
        if not any(r["exercise"] for r in mine):  # a notebook of no assignment has no total
            continue
        right = sum(r["status"] == CORRECT for r in mine)
        out.append({"student": student, "assignment": name, "exercise": TOTAL,
                    "points": sum(r["points"] for r in mine),
                    "max_points": sum(r["max_points"] for r in mine), "status": "total",
                    "feedback": f"{right} of {len(mine)} exercises correct",
                    "late": mine[-1]["late"], "flag": summary_flag(r["flag"] for r in mine)})
    return out


def _umask():
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # no /proc: read it the only portable way, and put it back
    os.umask(mask)
    return mask


def atomic_write(path, data):
    """Write `data` (bytes) to `path` through a temporary file and a rename, mode 0666 & ~umask."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o666 & ~_umask())  # mkstemp makes 0600
            handle.write(data)
        os.replace(tmp, path)  # replaces a planted symlink instead of writing through it
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv(rows, path):
    """Write the rows as CSV (UTF-8, header COLUMNS); `path` "-" writes to stdout."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({"late": "", "flag": "", **row, "points": fmt(row["points"]),
                         "max_points": fmt(row["max_points"])})
    if str(path) == "-":
        sys.stdout.write(buffer.getvalue())
    else:
        atomic_write(Path(path), buffer.getvalue().encode("utf-8"))


def read_csv(path):
    """Rows of a CSV written by `write_csv` (points as numbers; a missing late or flag column
    empty)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = set(COLUMNS) - OPTIONAL - set(reader.fieldnames or ())
            if missing:
                raise ValueError(f"{path} is not a grades CSV (no column "
                                 f"{', '.join(sorted(missing))})")
            rows = []
            for row in reader:
                row = {key: row.get(key) or "" for key in COLUMNS}
                try:
                    row["points"] = float(row["points"])
                    row["max_points"] = float(row["max_points"])
                except ValueError:
                    raise ValueError(f"{path}, line {reader.line_num}: points "
                                     f"{row['points']!r} / {row['max_points']!r} are not "
                                     "numbers; give a CSV this grader wrote") from None
                rows.append(row)
            return rows
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc


def _safe_name(text):
    return re.sub(r"[^\w.-]+", "_", text).strip("._") or "_"


def _cell_text(text):
    """A table cell: the text shown as it is (no markup of its own, no column break)."""
    return html.escape(str(text), quote=False).replace("|", "\\|").replace("\n", " ")


def score_table(name, rows):
    """Markdown of the feedback's first cell: heading, total and one line per exercise."""
    lines = [f"# Feedback: {_cell_text(name)}", "",
             f"**{fmt(sum(r['points'] for r in rows))} of "
             f"{fmt(sum(r['max_points'] for r in rows))} points**", "",
             "| exercise | status | points | feedback |", "| --- | --- | --- | --- |"]
    for r in rows:
        lines.append(f"| {_cell_text(r['exercise'])} | {_cell_text(r['status'])} | "
                     f"{fmt(r['points'])} / {fmt(r['max_points'])} | "
                     f"{_cell_text(r['feedback'])} |")
    return "\n".join(lines)


def clean_html(text):
    """`text` (HTML) with only allow-listed tags, attributes, URL schemes and CSS properties."""
    import bleach
    kwargs = {}
    try:
        from bleach.css_sanitizer import CSSSanitizer
        kwargs["css_sanitizer"] = CSSSanitizer(allowed_css_properties=ALLOWED_CSS)
    except ImportError:  # no tinycss2: style attributes are dropped
        kwargs["attributes"] = {k: [a for a in v if a != "style"]
                                for k, v in ALLOWED_ATTRIBUTES.items()}
    text = text.decode() if isinstance(text, bytes) else str(text)
    text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "", text)  # content too, not only tags
    return bleach.clean(text, tags=ALLOWED_TAGS,
                        attributes=kwargs.pop("attributes", ALLOWED_ATTRIBUTES),
                        protocols=ALLOWED_PROTOCOLS, strip=True, strip_comments=True, **kwargs)


def _safe_outputs(nb):
    """Drop what the HTML template would insert without the sanitizer."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.pop("attachments", None)
        if "outputs" not in cell:
            continue
        kept = []
        for output in cell.outputs:
            if "metadata" in output:
                output["metadata"] = {}
            data = output.get("data")
            if isinstance(data, dict):
                for key in list(data):
                    if key not in SAFE_OUTPUTS or (key in ("image/png", "image/jpeg")
                                                   and not _BASE64.fullmatch(str(data[key]))):
                        del data[key]
                if not data:
                    continue
            kept.append(output)
        cell.outputs = kept
    return nb


def to_html(nb):
    """Sanitized HTML page of a feedback notebook."""
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(sanitize_html=True, filters={"clean_html": clean_html})
    body, _ = exporter.from_notebook_node(_safe_outputs(nb))
    return body


def write_feedback(folder, rows, notebooks, fmt_):
    """The executed notebook with a score table on top, per student and assignment."""
    import nbformat
    for (student, name), text in sorted(notebooks.items()):
        mine = [r for r in rows if r["student"] == student and r["assignment"] == name
                and r["exercise"] != TOTAL]
        nb = nbformat.reads(text, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_markdown_cell(score_table(name, mine)))
        target = Path(folder) / _safe_name(student) / _safe_name(name)
        if fmt_ == "notebook":
            atomic_write(target.with_suffix(".ipynb"), nbformat.writes(nb).encode("utf-8"))
        else:
            atomic_write(target.with_suffix(".html"), to_html(nb).encode("utf-8"))
