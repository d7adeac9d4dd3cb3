"""The course website: built once for this file (`python -m helpers.site build`), then read.

The build runs every lesson and the course index in static mode, as CI does. The tests read
the HTML it wrote (every page there, nothing interactive, nothing from outside, no solution),
and one browser test (marker ``browser``) serves the site on 127.0.0.1 and opens every page in
Chromium with every request to another host aborted: no page error, every image loaded, the
formulas typeset by the site's own MathJax, every link inside the site answers.
"""

import html
import json
import os
import re
import threading
import tomllib
import urllib.parse
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from helpers import site

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted(p.stem for p in (ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
EXERCISES = sorted(p.stem for p in (ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))
# what a live widget (or its placeholder) leaves in a page without a kernel
WIDGET_TRACES = ("VBox(", "HBox(", "Loading widget", "application/vnd.jupyter.widget-view+json",
                 "application/vnd.jupyter.widget-state+json", "jupyter-widgets", "require.js",
                 "Landauer course ready")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The site, built once for this module (a RuntimeError holds Sphinx's log)."""
    pytest.importorskip("sphinx", reason='the site extra is not installed: pip install -e ".[site]"')
    pytest.importorskip("myst_nb", reason='the site extra is not installed: pip install -e ".[site]"')
    report = site.build(tmp_path_factory.mktemp("site") / "html")
    print(f"site built in {report['seconds']:.0f} s; notebooks (s): {report['runtimes']}; "
          f"Sphinx warnings: {report['warnings']}")
    return report


@pytest.fixture(scope="module")
def html_pages(built):
    return {p.relative_to(built["out"]).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(built["out"].rglob("*.html"))}


def _outputs(page):
    """The HTML of the cell outputs of a page (what running the notebook produced)."""
    return "\n".join(re.findall(r'<div class="cell_output[^"]*">(.*?)</div>\s*</div>', page, flags=re.DOTALL))


def _text(page):
    """The visible text of a page's main content, tags stripped."""
    main = re.search(r"<article[^>]*>(.*?)</article>", page, flags=re.DOTALL)
    body = re.sub(r"<script.*?</script>|<style.*?</style>", "", main.group(1) if main else page,
                  flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


# --------------------------------------------------------------------------------------------
# The pages


def test_every_lesson_the_index_and_the_practice_notebooks_have_a_page(built, html_pages):
    assert "index.html" in html_pages
    missing = [f"lessons/{name}.html" for name in LESSONS if f"lessons/{name}.html" not in html_pages]
    missing += [f"exercises/{name}.html" for name in EXERCISES if f"exercises/{name}.html" not in html_pages]
    assert not missing, f"pages missing from the site: {missing}"
    assert "exercises/index.html" in html_pages
    assert len(LESSONS) >= 14 and LESSONS[0].startswith("00_")  # the primer is lesson 00
    for name in LESSONS:  # each lesson page has its title and its executed outputs
        page = html_pages[f"lessons/{name}.html"]
        assert re.search(r"<h1>Lesson \d+", page), f"lessons/{name}.html has no lesson title"
    assert not [line for line in built["warnings"] if "ERROR" in line], built["warnings"]


def test_lessons_ran_in_static_mode_with_figures_and_folded_answers(html_pages):
    for name in LESSONS:
        page = html_pages[f"lessons/{name}.html"]
        outputs = _outputs(page)
        assert outputs, f"lessons/{name}.html shows no output: was it executed?"
        assert "<img" in page, f"lessons/{name}.html has no figure"
        # concept questions as text, answers folded away
        assert "<details>" in outputs and "Show the answers" in outputs, \
            f"lessons/{name}.html: the concept questions are not shown as text with folded answers"
        assert "Traceback (most recent call last)" not in outputs and "traceback" not in outputs, \
            f"lessons/{name}.html shows an error in an output"


def test_no_page_shows_a_widget_or_its_placeholder(html_pages):
    found = {path: [t for t in WIDGET_TRACES if t in _outputs(page) or t in re.sub(
        r"<article.*</article>", "", page, flags=re.DOTALL)] for path, page in html_pages.items()}
    found = {path: traces for path, traces in found.items() if traces}
    assert not found, f"widget traces on static pages: {found}"
    # the text form of any ipywidgets widget (what a page shows when no widget manager is there)
    reprs = re.compile(r"\b(?:[HV]Box|GridBox|Tab|Accordion|Output|\w*Slider|\w*Buttons?|Dropdown|"
                       r"HTML(?:Math)?|Label|Checkbox|Text|IntProgress|FloatProgress|Play)\(")
    shown = {path: reprs.findall(_outputs(page)) for path, page in html_pages.items()}
    assert not {path: names for path, names in shown.items() if names}, f"widget reprs: {shown}"


def test_nothing_is_loaded_from_another_host(html_pages):
    # every script, style sheet, image, frame or font a page loads (not the links a reader follows)
    loads = re.compile(r'<(?:script|img|iframe|source|embed)\b[^>]*\bsrc="([^"]+)"'
                       r'|<link\b[^>]*\bhref="([^"]+)"[^>]*>|url\((["\']?)([^)"\']+)\3\)')
    outside = {}
    for path, page in html_pages.items():
        for match in loads.finditer(page):
            url = match.group(1) or match.group(2) or match.group(4)
            tag = match.group(0)
            if tag.startswith("<link") and re.search(r'rel="(?:canonical|author|help|license)"', tag):
                continue
            if re.match(r"(?:[a-z][a-z0-9+.-]*:)?//", url, flags=re.IGNORECASE) and not url.startswith("data:"):
                outside.setdefault(path, []).append(url)
    assert not outside, f"pages load files from other hosts: {outside}"
    assert all("_static/mathjax/tex-svg.js" in page for path, page in html_pages.items()
               if path.startswith("lessons/")), "MathJax is not served from the site"


def test_no_solution_reaches_the_site(built, html_pages):
    assert not (built["out"] / "solutions").exists()
    leaked = [path for path, page in html_pages.items()
              if "BEGIN SOLUTION" in page or "END SOLUTION" in page]
    assert not leaked, f"solution markers on {leaked}"
    # the practice notebooks offered as downloads are exactly the student versions
    downloads = {p.name: p for p in (built["out"] / "_downloads").rglob("*.ipynb")}
    assert sorted(downloads) == sorted(f"{name}.ipynb" for name in EXERCISES)
    for name, path in downloads.items():
        assert path.read_bytes() == (ROOT / "exercises" / name).read_bytes(), f"{name} differs from exercises/"
    # and no answer of a solution notebook shows on a page
    pages_text = "\n".join(_text(page) for page in html_pages.values())
    for solution in sorted((ROOT / "solutions").glob("*.ipynb")):
        for cell in json.loads(solution.read_text())["cells"]:
            source = "".join(cell["source"])
            for block in re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", source, flags=re.DOTALL):
                for line in block.splitlines():
                    line = line.strip()
                    # code only: a string on a line of its own may be an option the prompt lists
                    if len(line) > 40 and not line.startswith(("#", '"', "'")):
                        assert line not in pages_text, f"{solution.name}: a solution line is on the site: {line}"


def test_every_page_links_to_the_live_version(html_pages, built):
    repository = site.repository_url()
    for path, page in html_pages.items():
        if not (path == "index.html" or re.match(r"(lessons|exercises)/\d\d_", path)):
            continue
        notebook = "course/index.ipynb" if path == "index.html" else path.replace(".html", ".ipynb")
        text = _text(page)
        if notebook.startswith("exercises/"):  # practice: in the student's own copy
            assert "python -m helpers.workspace" in text, f"{path}: no working-copy command"
            notebook_run = notebook.replace("exercises/", "my-work/", 1)
        else:
            notebook_run = notebook
        assert site.LOCAL_LAUNCH.format(path=notebook_run) in text, f"{path}: no local launch command"
        link = site.binder_url(repository, notebook)
        if link is None:
            assert "Binder link appears here once" in text and "[project.urls]" in text, \
                f"{path}: neither a Binder link nor how to set one"
            assert "mybinder.org/v2" not in page
        else:
            assert html.escape(link) in page, f"{path}: no Binder link {link}"


def test_every_figure_file_of_a_page_is_in_the_site(built, html_pages):
    for path, page in html_pages.items():
        for src in re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', page):
            if src.startswith("data:"):
                continue
            target = (built["out"] / path).parent / urllib.parse.unquote(src.split("?")[0])
            assert target.resolve().is_file(), f"{path}: image {src} is not in the site"


# --------------------------------------------------------------------------------------------
# The repository's address, the licenses, the README


def _pyproject(tmp_path, urls):
    text = '[project]\nname = "x"\nversion = "1"\n'
    if urls is not None:
        text += "[project.urls]\n" + "".join(f'{key} = "{value}"\n' for key, value in urls.items())
    path = tmp_path / "pyproject.toml"
    path.write_text(text)
    return path


def test_the_binder_link_is_built_from_the_repository_address(tmp_path):
    url = site.repository_url(_pyproject(tmp_path, {"Repository": "https://github.com/someone/landauer.git"}))
    assert url == "https://github.com/someone/landauer"
    assert site.binder_url(url, "lessons/03_quantized_conductance.ipynb") == (
        "https://mybinder.org/v2/gh/someone/landauer/main?urlpath=lab/tree/lessons/03_quantized_conductance.ipynb")
    box = site.live_box("lessons/03_quantized_conductance.ipynb", url)
    assert "mybinder.org/v2/gh/someone/landauer/main" in box
    assert site.LOCAL_LAUNCH.format(path="lessons/03_quantized_conductance.ipynb") in box


@pytest.mark.parametrize("urls", [None, {}, {"Repository": ""}, {"Repository": "https://github.com/<owner>/<repo>"},
                                  {"Homepage": "https://example.org"}])
def test_no_binder_link_while_the_address_is_unset(tmp_path, urls):
    assert site.repository_url(_pyproject(tmp_path, urls)) is None
    assert site.binder_url(None) is None
    box = site.live_box("course/index.ipynb", None)
    assert "mybinder" not in box and "[project.urls]" in box and "pyproject.toml" in box


def test_a_repository_elsewhere_than_github_gets_no_binder_link():
    assert site.binder_url("https://gitlab.com/someone/landauer") is None
    assert "not one" in site.live_box("course/index.ipynb", "https://gitlab.com/someone/landauer")


def test_the_repository_address_is_written_in_one_place_and_the_readme_follows_it():
    readme = (ROOT / "README.md").read_text()
    assert "<owner>" not in readme and "<repo>" not in readme, "a placeholder address in the README"
    for path in [ROOT / "CITATION.cff", ROOT / "environment.yml", ROOT / "course" / "index.ipynb",
                 *sorted((ROOT / "lessons").glob("*.ipynb"))]:
        assert "mybinder.org/v2" not in path.read_text(), f"{path.name} writes a Binder link of its own"
    link = site.binder_url(site.repository_url())
    if link is None:
        assert "[project.urls]" in readme and "python -m helpers.site binder" in readme
    else:
        assert link in readme, f"README's Binder link is not the one pyproject.toml gives: {link}"
    assert site.LOCAL_LAUNCH.format(path="course/index.ipynb") in readme


def test_readme_documents_the_site_build_and_the_licenses():
    readme = (ROOT / "README.md").read_text()
    assert "python -m helpers.site build --out" in readme
    assert "BSD-3-Clause" in readme and "CC BY 4.0" in readme
    license_text = (ROOT / "LICENSE").read_text()
    assert "BSD 3-Clause License" in license_text and "CC BY 4.0" in license_text


def test_citation_file_is_cff_1_2_0():
    text = (ROOT / "CITATION.cff").read_text()
    fields = dict(re.findall(r"^([a-z-]+):\s*(.*)$", text, flags=re.MULTILINE))
    # the keys CFF 1.2.0 requires, and the version of pyproject.toml
    assert fields["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= set(fields)
    assert re.search(r"^authors:\n  - (name|family-names): ", text, flags=re.MULTILINE)
    with open(ROOT / "pyproject.toml", "rb") as handle:
        version = tomllib.load(handle)["project"]["version"]
    assert fields["version"] == version


def test_the_site_extra_is_part_of_the_test_extra():
    with open(ROOT / "pyproject.toml", "rb") as handle:
        extras = tomllib.load(handle)["project"]["optional-dependencies"]
    assert set(extras["site"]) <= set(extras["test"])


# --------------------------------------------------------------------------------------------
# In a real browser, offline


# as in tests/browser/conftest.py: Debian's Chromium, no background connections
CHROMIUM = Path(os.environ.get("LANDAUER_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(built):
    """The built site on http://127.0.0.1:PORT/, from a thread of this process."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(built["out"])))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


_PAGE_STATE = """
async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  const images = Array.from(document.images);
  await Promise.all(images.map(img => img.complete ? null
                               : new Promise(done => { img.onload = img.onerror = done; })));
  return {
    math: document.querySelectorAll('.math').length,
    typeset: document.querySelectorAll('mjx-container').length,
    mathErrors: document.querySelectorAll('mjx-merror, [data-mjx-error]').length,
    broken: images.filter(img => !(img.naturalWidth > 0)).map(img => img.getAttribute('src')),
    images: images.length,
    links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
    ids: Array.from(document.querySelectorAll('[id]')).map(e => e.id),
  };
}
"""


@pytest.mark.browser
def test_every_page_works_offline_in_chromium(built, served, html_pages):
    pytest.importorskip("playwright.sync_api", reason='playwright not installed: pip install -e ".[test]"')
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"chromium not found at {CHROMIUM}; install with "
                    "apt-get install -y --no-install-recommends chromium")
    from playwright.sync_api import sync_playwright

    outside, problems, links = [], [], set()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.set_default_timeout(60_000)

            def route(request_route):
                url = request_route.request.url
                if url.startswith(served) or url.startswith(("data:", "blob:", "about:")):
                    request_route.continue_()
                else:
                    outside.append(url)
                    request_route.abort()

            context.route("**/*", route)
            page = context.new_page()
            errors = []
            page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
            page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
            for path in html_pages:
                errors.clear()
                response = page.goto(served + path, wait_until="load")
                assert response is not None and response.ok, f"{path}: {response and response.status}"
                state = page.evaluate(_PAGE_STATE)
                if errors:
                    problems.append(f"{path}: {errors}")
                if state["broken"]:
                    problems.append(f"{path}: images that did not load: {state['broken']}")
                if state["math"] and state["typeset"] < state["math"]:
                    problems.append(f"{path}: {state['math']} formulas, {state['typeset']} typeset")
                if state["mathErrors"]:
                    problems.append(f"{path}: {state['mathErrors']} formulas MathJax could not read")
                if path.startswith("lessons/") and not (state["images"] and state["math"]):
                    problems.append(f"{path}: a lesson page without figures or formulas")
                for href in state["links"]:
                    url, _, fragment = href.partition("#")
                    if url == served + path and fragment and fragment not in state["ids"]:
                        problems.append(f"{path}: link to a missing anchor #{fragment}")
                    if url.startswith(served):
                        links.add(url)
        finally:
            browser.close()
    assert not outside, f"requests to other hosts (aborted): {sorted(set(outside))[:20]}"
    assert not problems, "\n".join(problems)
    dead = []
    for url in sorted(links):
        try:
            with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=10) as answer:
                ok = answer.status == 200
        except OSError as error:
            ok = False
            url = f"{url} ({error})"
        if not ok:
            dead.append(url)
    assert not dead, f"links inside the site that do not resolve: {dead}"
    assert len(links) > len(LESSONS)


# --------------------------------------------------------------------------------------------
# The site copy of a notebook (no build needed)


def _cell(kind, source, tags=()):
    cell = {"cell_type": kind, "metadata": {"tags": list(tags)} if tags else {}, "source": source}
    return cell | ({"outputs": [], "execution_count": None} if kind == "code" else {})


def test_the_site_copy_keeps_the_code_order_and_shows_each_explorer_once():
    notebook = {"cells": [
        _cell("code", "from helpers.notebook import setup\nsetup()\n", ["hide-input"]),
        _cell("markdown", "# Lesson 9 · Something\n\nIntro."),
        _cell("code", "blockade_explorer()"),
        _cell("markdown", "![the figure](figures/09-blockade.png)", [site.STATIC_TAG]),
        _cell("code", "scan = regimes_explorer()\nscan"),
        _cell("markdown", "![another](figures/09-regimes.png)", [site.STATIC_TAG]),
        _cell("code", "print(scan.state)"),
        _cell("code", "ConceptQuestion('q?', {})"),
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    page = site._site_notebook(notebook, "lessons/09_x.ipynb", None)
    code = [c["source"] for c in page["cells"] if c["cell_type"] == "code"]
    assert code == [c["source"] for c in notebook["cells"] if c["cell_type"] == "code"]  # same run order
    assert page["cells"][0]["source"].startswith("# Lesson 9")                           # title first
    assert "Run it live" in page["cells"][1]["source"]
    tags = {c["source"]: set(c["metadata"].get("tags", [])) for c in page["cells"] if c["cell_type"] == "code"}
    assert "remove-output" in tags["from helpers.notebook import setup\nsetup()\n"]     # no status line
    assert tags["blockade_explorer()"] >= {"remove-output", "skip-execution"}            # its figure follows
    assert "remove-output" in tags["scan = regimes_explorer()\nscan"]
    assert "skip-execution" not in tags["scan = regimes_explorer()\nscan"]               # used later: runs
    assert not tags["ConceptQuestion('q?', {})"] and not tags["print(scan.state)"]      # shown as they are
    assert notebook["cells"][0]["source"].startswith("from helpers")                    # the input is untouched


def test_a_kernel_that_lost_its_port_is_built_again_and_other_failures_are_not(tmp_path,
                                                                              monkeypatch):
    import subprocess

    calls = []

    def failing_run(command, **kwargs):
        calls.append(command)
        stderr = ("zmq.error.ZMQError: Address already in use (addr='tcp://127.0.0.1:1')"
                  if len(calls) == 1 else "NameError: name 'x' is not defined")
        return subprocess.CompletedProcess(command, 2, stdout="", stderr=stderr)

    monkeypatch.setattr(site.subprocess, "run", failing_run)
    with pytest.raises(RuntimeError, match="NameError"):
        site.build(tmp_path / "out", execute=False, quiet=True)
    assert len(calls) == 2                  # the port race: built again, once
    calls.clear()
    calls.append("the first call already happened")
    with pytest.raises(RuntimeError, match="NameError"):
        site.build(tmp_path / "out", execute=False, quiet=True)
    assert len(calls) == 2                  # any other failure: reported at once
