"""Lessons as Voila apps (half of them; JupyterLab takes the others): code hidden, no errors,
widgets live.

One Voila server per notebook (about 6 s each), on the temporary copy of the notebooks made by
conftest.py; Voila runs the notebook itself when the page opens (no kernel race).
"""

import time
import warnings
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser]
try:  # pytest-timeout (in the `test` extra): a hung browser fails the test instead of CI
    import pytest_timeout  # noqa: F401
    pytestmark.append(pytest.mark.timeout(300))
except ImportError:
    pass

# Voila (show_tracebacks on) renders a failed cell as an error output; without tracebacks it
# prints this sentence instead. Either is a failure.
VOILA_ERROR_TEXT = "There was an error when executing cell"


def voila_errors(page):
    """Error outputs on a Voila page: tracebacks and Voila's own error notices."""
    return page.evaluate(
        """(needle) => {
             const found = [];
             for (const el of document.querySelectorAll('.jp-OutputArea-output')) {
               const text = el.innerText || '';
               if (text.includes('Traceback (most recent call last)') || text.includes(needle)
                   || /^-{20,}\\n?\\w+(Error|Exception)/m.test(text))
                 found.push(text.slice(0, 400));
             }
             if ((document.body.innerText || '').includes(needle) && !found.length)
               found.push(needle);
             return found;
           }""", VOILA_ERROR_TEXT)


def open_voila(page, server, *, timeout=300):
    """Open the Voila page and wait until the notebook has run and widgets are on the page."""
    page.goto(server.url + "/", timeout=timeout * 1000)
    # Voila 0.5 renders progressively; the spinner goes when the execution is over
    page.wait_for_function(
        """() => document.readyState === 'complete'
                 && !document.querySelector('#loading, .voila-spinner-color1')
                 && document.querySelector('.jp-OutputArea, .jp-Cell')""",
        timeout=timeout * 1000)
    page.wait_for_selector(".jupyter-widgets >> visible=true", timeout=30_000)


def assert_code_hidden(page, notebook):
    editors = page.locator(".jp-InputArea-editor, .CodeMirror, .cm-editor")
    visible = [i for i in range(editors.count()) if editors.nth(i).is_visible()]
    assert not visible, f"{notebook}: {len(visible)} code editor(s) visible in Voila"


def test_notebook_in_voila(page, voila_runner, browser_home, drive, voila_notebook):
    """`voila_notebook`: the lessons this front end takes (`browser_notebooks` in conftest.py)."""
    notebook = voila_notebook
    name = f"voila-{Path(notebook).stem}"
    start = time.monotonic()
    with voila_runner(notebook) as server:
        try:
            open_voila(page, server)
            errors = voila_errors(page)
            assert not errors, f"{notebook}: error output in Voila:\n" + "\n".join(errors)
            assert_code_hidden(page, notebook)
            first = drive.widget_errors(page)
            if first:
                # Known open bug: on a busy machine a page load sometimes shows "model not
                # found" for some views (seen for lesson 3 while another test ran; never
                # reproduced alone). The page is loaded once more (a new kernel, a new run):
                # an error that comes back fails the test; one that does not is reported.
                warnings.warn(f"{notebook}: widget errors on the first load, not on the "
                              f"second: {first}", stacklevel=1)
                page.screenshot(path=str(drive.artifacts / f"{name}-first-load.png"))
                open_voila(page, server)
            assert not drive.widget_errors(page), drive.widget_errors(page)
            # every explorer rendered (no widget error above); one is driven: the Python-level
            # tests (tests/test_explorer_redraws.py) move every control of every explorer
            moved = drive.exercise_explorers(page, name, limit=1)
            assert not voila_errors(page), voila_errors(page)
        except Exception:
            print(server.log())
            raise
        finally:
            page.screenshot(path=str(drive.artifacts / f"{name}.png"), full_page=False)
    print(f"{notebook}: {len(moved)} explorer(s) moved in {time.monotonic() - start:.1f} s: {moved}")


def test_every_lesson_runs_in_one_browser_front_end(browser_notebooks):
    """The two front ends split the notebooks between them: none left out, none run twice."""
    lab, voila = browser_notebooks("jupyterlab"), browser_notebooks("voila")
    notebook7 = browser_notebooks("notebook7")
    assert sorted(lab + voila + notebook7) == sorted(browser_notebooks())
    assert len(set(lab) | set(voila) | set(notebook7)) == len(lab) + len(voila) + len(notebook7)
    assert "course/index.ipynb" in lab and notebook7 and len(voila) >= len(lab) - 2


def test_voila_error_check_is_not_vacuous(page, voila_runner, browser_home):
    """A notebook that raises is reported by `voila_errors` (a warning is not)."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    broken = browser_home / "root" / "broken_for_voila.ipynb"
    nb = new_notebook(cells=[new_code_cell("import warnings; warnings.warn('harmless')"),
                             new_code_cell("import ipywidgets; ipywidgets.IntSlider()"),
                             new_code_cell("1 / 0")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, broken)
    with voila_runner(broken.name) as server:
        open_voila(page, server)
        page.wait_for_timeout(500)
        errors = voila_errors(page)
    assert any("ZeroDivisionError" in e or VOILA_ERROR_TEXT in e for e in errors), errors
    assert not any("harmless" in e for e in errors), errors
