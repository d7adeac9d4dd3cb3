"""setup() and the plot style: harmless in plain Python, idempotent, right backend in a kernel."""

import os
import re
import warnings
from pathlib import Path

import matplotlib as mpl
import nbformat
import pytest
from nbclient import NotebookClient

from helpers import notebook
from helpers.notebook import setup
from helpers.plotting import LABELS, DIMENSIONLESS, OKABE_ITO, PALETTE, label

ROOT = Path(__file__).resolve().parent.parent


def run_cells(*sources, timeout=60):
    """Run code cells in a fresh kernel (helpers importable); returns the executed notebook."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), saved]))
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3").execute()
    finally:
        os.environ.pop("PYTHONPATH") if saved is None else os.environ.update(PYTHONPATH=saved)
    return nb


def text_of(cell):
    return "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in cell.outputs)


def test_setup_is_harmless_and_idempotent_in_plain_python(capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the installed versions are recent enough: no warning
        assert setup() is None
        assert setup() is None
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and lines[0] == lines[1]
    assert "numpy" in lines[0] and "matplotlib" in lines[0] and "no notebook" in lines[0]
    assert notebook.plot_mode() == "script"
    assert mpl.rcParams["axes.prop_cycle"].by_key()["color"] == PALETTE


def test_lecture_mode_enlarges_and_is_undone(capsys):
    setup(quiet=True)
    normal = mpl.rcParams["font.size"], mpl.rcParams["figure.figsize"][0]
    setup(lecture=True)
    assert capsys.readouterr().out == ""  # a projector shows the lesson, not a status line
    assert mpl.rcParams["font.size"] > normal[0] and mpl.rcParams["figure.figsize"][0] > normal[1]
    setup(quiet=True)
    assert (mpl.rcParams["font.size"], mpl.rcParams["figure.figsize"][0]) == normal


def test_old_packages_warn_but_do_not_fail(monkeypatch, capsys):
    monkeypatch.setitem(notebook.MINIMUM_VERSIONS, "numpy", "999.0")
    with pytest.warns(UserWarning, match=r"numpy .* older than 999\.0"):
        setup()
    assert "Landauer course ready" in capsys.readouterr().out


@pytest.mark.parametrize("text, expected", [("3.11.2", (3, 11, 2)), ("8.1.0rc1", (8, 1, 0)),
                                            ("2.0", (2, 0)), ("0.10.0.dev3+g12", (0, 10, 0))])
def test_version_parsing(text, expected):
    assert notebook._version_tuple(text) == expected


def test_palette_is_okabe_ito():
    assert set(PALETTE) == set(OKABE_ITO.values()) and len(PALETTE) == 8
    assert OKABE_ITO["blue"] == "#0072B2" and OKABE_ITO["vermillion"] == "#D55E00"
    assert PALETTE[-1] == OKABE_ITO["yellow"]  # the weakest colour on white is used last


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_label_has_units_unless_dimensionless(key):
    has_unit = re.search(r"\(([^()]|\([^()]*\))+\)\s*$", LABELS[key]) is not None
    assert has_unit == (key not in DIMENSIONLESS), LABELS[key]


def test_required_labels_and_unknown_key():
    for key in ["E", "E_eV", "T", "G", "R_kohm", "I", "V_bias", "x_nm", "kT", "L", "lnT", "f", "Vg"]:
        assert label(key) == LABELS[key]
    assert "$2e^2/h$" in label("G") and "k$\\Omega$" in label("R_kohm")
    with pytest.raises(KeyError, match="known keys: .*R_kohm"):
        label("Resistance")


def test_in_a_kernel_setup_selects_ipympl_and_falls_back_to_inline():
    nb = run_cells(
        "from helpers.notebook import setup, plot_mode\nsetup(); setup()\n"
        "import matplotlib; print(plot_mode(), matplotlib.get_backend())",
        "import sys; sys.modules['ipympl'] = None  # as if ipympl were not installed\n"
        "setup(); print(plot_mode(), matplotlib.get_backend())",
        "setup(lecture=True); print(matplotlib.rcParams['font.size'])")
    first, second, third = (text_of(c) for c in nb.cells)
    assert first.count("Landauer course ready") == 2
    assert re.search(r"^widget (widget|ipympl|module://ipympl\.backend_nbagg)$", first, re.M)
    assert "inline" in second.splitlines()[-1] and "static plots" in second
    assert third.strip().endswith("18.0")
    assert not any(o.output_type == "error" for c in nb.cells for o in c.outputs)


# ---- course/index.ipynb --------------------------------------------------------------------

INDEX = ROOT / "course" / "index.ipynb"


def test_index_starts_with_a_hidden_setup_cell():
    first = nbformat.read(INDEX, as_version=4).cells[0]
    assert first.cell_type == "code" and "setup()" in first.source
    assert "from helpers.notebook import setup" in first.source
    assert "hide-input" in first.metadata.get("tags", [])
    assert first.metadata.get("jupyter", {}).get("source_hidden") is True  # collapsed in JupyterLab


def test_index_lesson_map_links_every_lesson_and_its_practice_notebook():
    text = "\n".join(c.source for c in nbformat.read(INDEX, as_version=4).cells)
    rows = [line for line in text.splitlines() if re.search(r"lessons/\d\d_\w+\.ipynb", line)
            and line.startswith("|")]
    lessons = sorted(p.name for p in (ROOT / "lessons").glob("[0-9][0-9]_*.ipynb"))
    assert [re.search(r"lessons/(\d\d_\w+\.ipynb)", row).group(1) for row in rows] == lessons
    for row in rows:
        for target in re.findall(r"\]\(\.\./([^)]+)\)", row):
            assert (ROOT / target).exists(), f"{target} linked from the index does not exist"
        assert "exercises/" in row, row


def test_index_is_stored_with_small_outputs():
    nb = nbformat.read(INDEX, as_version=4)
    assert len(nbformat.writes(nb)) < 30_000


def test_setup_in_plain_python_leaves_the_matplotlib_backend_alone():
    before = mpl.get_backend()
    setup(quiet=True)
    assert mpl.get_backend() == before


def test_lecture_mode_follows_the_environment_when_not_given(monkeypatch):
    import matplotlib as mpl
    from helpers import notebook
    monkeypatch.setenv("LANDAUER_LECTURE", "1")
    notebook.setup(quiet=True)
    big = mpl.rcParams["font.size"]
    assert notebook._state["lecture"] is True
    monkeypatch.setenv("LANDAUER_LECTURE", "0")
    notebook.setup(quiet=True)
    assert notebook._state["lecture"] is False and mpl.rcParams["font.size"] < big
    notebook.setup(lecture=True, quiet=True)  # an explicit argument wins
    assert notebook._state["lecture"] is True
    notebook.setup(lecture=False, quiet=True)


def test_static_figures_are_images_outside_pyplot(monkeypatch):
    import IPython.display
    import matplotlib.pyplot as plt

    from helpers.plotting import show_figure, static_figure

    before = plt.get_fignums()
    fig, ax = static_figure(figsize=(4, 3))
    ax.plot([0, 1], [0, 1])
    assert plt.get_fignums() == before          # never shown a second time by pyplot
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    show_figure(fig)
    (image,) = shown
    assert image.format == "png" and image.data.startswith(b"\x89PNG")
