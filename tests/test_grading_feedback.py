"""Feedback files: HTML that renders (headings, tables, verdict lines, the student's markdown)
but runs no student script; CSV and feedback files readable as the umask allows."""

import os
import stat
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.grading.reports import clean_html, write_csv, write_feedback

ATTACKS = [
    "<script>window.__pwned = 1</script>",
    '<img src="x.png" onerror="window.__pwned = 2">',
    '<a href="javascript:window.__pwned = 3">click</a>',
    "[link](javascript:window.__pwned=4)",
    '<div onmouseover="window.__pwned = 5">hover</div>',
    "<iframe src=\"data:text/html,<script>parent.__pwned = 6</script>\"></iframe>",
    "<svg><script>window.__pwned = 7</script></svg>",
]


def student_notebook():
    """An executed submission: markdown with a heading, a table and attacks, a verdict output,
    and outputs of types nbconvert would insert unescaped."""
    verdict = ('<p style="color:#009E73; font-weight:600">✔ correct: the area under T(E) sets '
               "the current.</p>")
    code = new_code_cell('check("demo-resistance", R_kohm)', execution_count=3, outputs=[
        new_output("display_data", data={"text/plain": "✔ correct", "text/html": verdict}),
        new_output("display_data", data={"application/javascript": "window.__pwned = 8"}),
        new_output("display_data", data={"text/vnd.mermaid": "</pre><script>window.__pwned = 9"
                                                             "</script>"}),
        new_output("display_data", data={"image/png": '"><script>window.__pwned=10</script>'}),
    ])
    nb = new_notebook(cells=[
        new_markdown_cell("## My working\n\nThe resistance is **h/2e²** per channel.\n\n"
                          "| L | T |\n| --- | --- |\n| 10 | 0.5 |\n\n" + "\n\n".join(ATTACKS)),
        code])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return nbformat.writes(nb)


ROWS = [{"student": "alice", "assignment": "01_demo", "exercise": "demo-resistance",
         "points": 2, "max_points": 2, "status": "correct",
         "feedback": "✔ correct: <b>fine</b> | R & T"},
        {"student": "alice", "assignment": "01_demo", "exercise": "demo-double", "points": 0,
         "max_points": 1, "status": "timeout", "feedback": "Your answer cell (cell 5) did not "
                                                           "finish within 2 s of CPU time."}]


@pytest.fixture
def feedback_html(tmp_path):
    write_feedback(tmp_path, ROWS, {("alice", "01_demo"): student_notebook()}, "html")
    return tmp_path / "alice" / "01_demo.html"


def test_clean_html_keeps_structure_and_drops_script():
    text = ("<h1 id='x'>Title</h1><table><tr><th>a</th></tr><tr><td>1</td></tr></table>"
            + "".join(ATTACKS[:3]) + ATTACKS[4] + ATTACKS[5] + ATTACKS[6])
    cleaned = clean_html(text)
    assert "<h1" in cleaned and "<table>" in cleaned and "<th>a</th>" in cleaned
    for bad in ("<script", "onerror", "onmouseover", "javascript:", "<iframe", "__pwned"):
        assert bad not in cleaned.lower(), (bad, cleaned)


def test_html_feedback_renders_markup_and_no_student_script(feedback_html):
    page = feedback_html.read_text()
    assert "<h1" in page and "<h2" in page and "<table" in page
    assert "<strong>h/2e²</strong>" in page
    assert "&lt;h1" not in page and "&lt;table" not in page and "&lt;p" not in page
    assert 'style="color:#009E73; font-weight:600;"' in page or "color:#009E73" in page
    assert "__pwned" not in page and "javascript:" not in page
    assert "onerror" not in page and "onmouseover" not in page
    # the score table shows the feedback text as text, not markup
    assert "&lt;b&gt;fine&lt;/b&gt;" in page and "<b>fine</b>" not in page


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_csv_and_feedback_respect_the_umask(tmp_path, mask):
    old = os.umask(mask)
    try:
        write_csv(ROWS, tmp_path / "grades.csv")
        write_feedback(tmp_path / "fb", ROWS, {("alice", "01_demo"): student_notebook()},
                       "notebook")
    finally:
        os.umask(old)
    for path in (tmp_path / "grades.csv", tmp_path / "fb" / "alice" / "01_demo.ipynb"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path
    assert not list(tmp_path.rglob(".part-*"))


#: Runs in its own Python process: Playwright's sync API refuses to start inside a pytest
#: worker where another test left an asyncio loop running. Prints what the page shows as JSON.
_CHROMIUM_SCRIPT = """
import json, sys
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                args=["--headless", "--no-sandbox", "--disable-gpu"])
    try:
        page = browser.new_page()
        # the page's MathJax and require.js come from a CDN: no network needed for the text
        page.route("http*://**", lambda route: route.abort())
        page.goto(sys.argv[1], wait_until="domcontentloaded")
        seen = {"text": page.inner_text("body"), "h1": page.locator("h1").count(),
                "h2": page.locator("h2").count(), "tables": page.locator("table").count(),
                "first_h1": page.locator("h1").first.inner_text()}
        page.mouse.move(10, 10)
        seen["pwned"] = page.evaluate("typeof window.__pwned")
    finally:
        browser.close()
print(json.dumps(seen))
"""


@pytest.mark.browser
def test_html_feedback_in_chromium_shows_headings_and_tables_not_tags(feedback_html):
    import json
    import subprocess
    import sys

    pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("no /usr/bin/chromium")
    run = subprocess.run([sys.executable, "-c", _CHROMIUM_SCRIPT, feedback_html.as_uri()],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    text = seen["text"]
    for escaped in ("<h1", "<h2", "<table", "<p ", "&lt;h", "&lt;table", "<strong"):
        assert escaped not in text, escaped
    assert seen["h1"] >= 1 and seen["h2"] >= 1
    assert "Feedback: 01_demo" in seen["first_h1"]
    assert seen["tables"] >= 2  # the score table and the student's
    assert "✔ correct: the area under T(E)" in text
    assert "<b>fine</b>" in text  # the feedback text, shown as written
    assert seen["pwned"] == "undefined"
