"""The layers of `helpers` import downwards only (helpers/__init__.py maps them).

The engine (physics modules at the top level of `helpers`) imports neither the lesson models
nor the display, practice or grading layers; the models (helpers/models/) import the engine and
each other, never display, practice or grading. Neither imports ipywidgets, matplotlib or
IPython, so the physics runs (and is tested) without a notebook.
"""

import ast
from pathlib import Path

import pytest

HELPERS = Path(__file__).resolve().parents[1] / "helpers"

ENGINE = ["constants", "_validation", "fermi", "landauer", "continuum", "scattering", "lattice", "leads",
          "rgf", "fisher_lee", "negf", "transfer_matrix", "disorder", "multiterminal", "buttiker",
          "currents", "tight_binding", "superconductivity"]
TOOLS = ["notebook", "plotting", "generate", "lecture", "figures", "workspace", "site"]
MODELS = sorted(p.stem for p in (HELPERS / "models").glob("*.py") if p.stem != "__init__")

UPPER_LAYERS = {"models", "widgets", "explorers", "checks", "grading"}
DISPLAY_AND_PRACTICE = {"widgets", "explorers", "checks", "grading"}
NOTEBOOK_LIBRARIES = {"ipywidgets", "matplotlib", "IPython", "ipympl"}


def _imports(path):
    """(level, dotted name) of every import in `path`, and of every name a ``from`` import takes:
    absolute imports have level 0; ``from . import x`` gives (1, "x"); ``from ..models.qpc import f``
    gives (2, "models.qpc") and (2, "models.qpc.f")."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(0, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module:
                found.append((node.level, module))
            found += [(node.level, f"{module}.{alias.name}" if module else alias.name) for alias in node.names]
    return found


def _helpers_subpackage(level, name, depth):
    """First component below `helpers` that an import names; `depth` is how deep the importing
    module sits (0 for helpers/x.py, 1 for helpers/models/x.py). None outside `helpers`."""
    parts = name.split(".")
    if level == 0:
        return parts[1] if parts[0] == "helpers" and len(parts) > 1 else None
    if level == depth + 1:
        return parts[0]
    if level == depth:  # a sibling inside the same subpackage (models importing models)
        return "models"
    return None


def test_the_engine_list_names_every_top_level_module():
    """A new module at the top level of helpers must be classified as engine or tool."""
    top = {p.stem for p in HELPERS.glob("*.py") if p.stem != "__init__"}
    assert top == set(ENGINE) | set(TOOLS)
    assert MODELS, "helpers/models/ has no modules"


@pytest.mark.parametrize("name", ENGINE)
def test_engine_imports_no_upper_layer(name):
    path = HELPERS / f"{name}.py"
    bad = [(level, module) for level, module in _imports(path)
           if _helpers_subpackage(level, module, 0) in UPPER_LAYERS]
    assert not bad, f"helpers/{name}.py imports {bad}; the engine must not import {sorted(UPPER_LAYERS)}"


@pytest.mark.parametrize("name", MODELS)
def test_models_import_no_display_practice_or_grading(name):
    path = HELPERS / "models" / f"{name}.py"
    bad = [(level, module) for level, module in _imports(path)
           if _helpers_subpackage(level, module, 1) in DISPLAY_AND_PRACTICE]
    assert not bad, f"helpers/models/{name}.py imports {bad}; models must not import {sorted(DISPLAY_AND_PRACTICE)}"


@pytest.mark.parametrize("path", [HELPERS / f"{name}.py" for name in ENGINE]
                         + [HELPERS / "models" / f"{name}.py" for name in MODELS + ["__init__"]],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_physics_never_imports_notebook_libraries(path):
    bad = [module for level, module in _imports(path)
           if level == 0 and module.split(".")[0] in NOTEBOOK_LIBRARIES]
    assert not bad, f"{path.name} imports {bad}; physics must run without a notebook"


def test_the_import_scanner_sees_relative_and_absolute_imports(tmp_path):
    """The checks above can fail: the scanner finds each way of importing an upper layer."""
    source = ("from ..models import qpc\nfrom ..widgets.controls import x\nimport helpers.checks\n"
              "from helpers import grading\nfrom .explorers import y\nfrom . import models\n"
              "import matplotlib.pyplot as plt\n")
    path = tmp_path / "m.py"
    path.write_text(source)
    found = _imports(path)
    assert {_helpers_subpackage(level, module, 0) for level, module in found} >= {"models", "checks", "grading",
                                                                                   "explorers"}
    assert {_helpers_subpackage(level, module, 1) for level, module in found} >= {"models", "widgets", "checks",
                                                                                   "grading"}
    assert (0, "matplotlib.pyplot") in found


def test_helpers_exports_an_explicit_public_api():
    import helpers

    assert len(helpers.__all__) == len(set(helpers.__all__))
    for name in helpers.__all__:
        assert hasattr(helpers, name), name
        assert name == "__version__" or not name.startswith("_"), name


def _private_names_taken_from_other_modules(path):
    """``from .x import _name`` and ``x._name`` (x an imported module of helpers) in `path`."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found, modules = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("helpers")):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"line {node.lineno}: from {'.' * node.level}{node.module or ''} import {alias.name}")
                modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            modules |= {alias.asname or alias.name.split(".")[0] for alias in node.names
                        if alias.name.startswith("helpers")}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name) and node.value.id in modules):
            found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("path", sorted(HELPERS.rglob("*.py")), ids=lambda p: str(p.relative_to(HELPERS)))
def test_no_private_name_crosses_a_module_boundary(path):
    """A name used by another module is public (documented, possibly kept out of `__all__`)."""
    assert not _private_names_taken_from_other_modules(path)


def test_the_private_name_scanner_finds_both_forms(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("from ..rgf import _batch, transmission\nfrom .. import rgf\nx = rgf._cache\n"
                    "from numpy import _private_is_not_ours\n")
    assert len(_private_names_taken_from_other_modules(path)) == 2


def test_one_helper_returns_scalar_or_array():
    """Public functions return a float for a scalar input through `scalar_or_array`, not
    through copies of ``float(x) if x.ndim == 0 else x``."""
    import re
    copies = []
    for path in sorted(HELPERS.rglob("*.py")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"(float|int)\((\w+)(\[0\])?\) if (np\.ndim\(\w+\)|\w+\.ndim) == 0 else", line):
                copies.append(f"{path.relative_to(HELPERS)}:{number}: {line.strip()}")
    assert not copies, "use helpers._validation.scalar_or_array:\n" + "\n".join(copies)


def test_one_helper_says_whether_we_run_in_a_kernel():
    """`helpers.notebook.ipython_shell` / `in_kernel` are the only places that ask IPython."""
    asking = sorted(str(p.relative_to(HELPERS)) for p in HELPERS.rglob("*.py")
                    if "get_ipython" in p.read_text())
    assert asking == ["notebook.py"], asking
