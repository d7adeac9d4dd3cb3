"""Binder / JupyterHub readiness: the launch files are right, and every notebook import is declared.

Binder (repo2docker) builds environment.yml, copies the repository, then runs `postBuild`,
which installs the course package itself (the dependencies come from environment.yml).
"""

import ast
import importlib.metadata
import json
import os
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_FOLDERS = ("course", "lessons", "solutions", "exercises")


def _dist(requirement):
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def _core_dependencies():
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return [_dist(r) for r in tomllib.load(handle)["project"]["dependencies"]]


def _notebooks():
    return sorted(p for folder in NOTEBOOK_FOLDERS for p in (ROOT / folder).glob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def _code(source):
    """A code cell's source as Python: IPython magics and shell escapes blanked out."""
    lines = []
    for line in source.splitlines():
        stripped = line.lstrip()
        lines.append("" if stripped.startswith(("%", "!")) else line)
    return "\n".join(lines)


def notebook_imports(path):
    """{top-level module name: [cell numbers]} of every import in the notebook's code cells."""
    found = {}
    for number, cell in enumerate(json.loads(Path(path).read_text())["cells"]):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        try:
            tree = ast.parse(_code(source))
        except SyntaxError:
            continue  # a deliberately broken cell (raises-exception); nbval reports real ones
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], []).append(number)
    return found


def _requirement_closure(distributions):
    """The distributions and everything they require (installed metadata, extras ignored)."""
    seen, todo = set(), list(distributions)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for requirement in requires:
            if "extra ==" in requirement.replace("extra==", "extra =="):
                continue
            todo.append(_dist(requirement))
    return seen


def test_postbuild_installs_the_course_package_for_binder():
    post = ROOT / "postBuild"
    assert post.is_file(), "Binder needs postBuild to install the helpers package"
    assert os.access(post, os.X_OK), "postBuild must be executable"
    text = post.read_text()
    assert text.startswith("#!"), "postBuild needs a shebang"
    assert re.search(r"pip install --no-deps -e \.", text), text
    assert "lab build" not in text.replace("`jupyter lab build`", ""), \
        "JupyterLab 4 needs no build: ipywidgets/ipympl extensions are prebuilt"
    # repo2docker reads binder/ *instead of* the root when that folder exists
    assert not (ROOT / "binder").exists() or (ROOT / "binder" / "environment.yml").is_file()


def test_environment_yml_does_not_pip_install_the_repository():
    """`- -e .` under pip: fails on Binder (the repository is copied after the environment)."""
    text = (ROOT / "environment.yml").read_text()
    entries = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    assert not any(re.fullmatch(r"-\s+(-e\s+)?\.", entry) for entry in entries)


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_notebook_import_is_declared(path):
    """Imports are stdlib, `helpers`, a core dependency, or installed by one of them."""
    core = _core_dependencies()
    closure = _requirement_closure(core)
    providers = importlib.metadata.packages_distributions()
    stdlib = set(sys.stdlib_module_names)
    problems = []
    for module, cells in sorted(notebook_imports(path).items()):
        if module in stdlib or module == "helpers" or module == "__future__":
            continue
        dists = {_dist(d) for d in providers.get(module, [])}
        if not dists:
            problems.append(f"{module} (cells {cells}): not installed here, not declared")
        elif not dists & closure:
            problems.append(f"{module} (cells {cells}): from {sorted(dists)}, which is not a "
                            "dependency in pyproject.toml / environment.yml")
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems)


def test_notebooks_use_the_course_kernel_name():
    """Binder and JupyterHub start the kernel named in the notebook: it must be `python3`."""
    for path in _notebooks():
        spec = json.loads(path.read_text()).get("metadata", {}).get("kernelspec", {})
        assert spec.get("name", "python3") == "python3", f"{path.relative_to(ROOT)}: {spec}"
