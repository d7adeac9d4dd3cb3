"""The project's install files agree with each other (pyproject.toml and environment.yml)."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
IGNORED = {"python", "pip"}


def _name(requirement):
    """Normalized distribution name of a requirement string (PEP 503 style)."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, f"cannot read a package name from {requirement!r}"
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def _environment_yml():
    """(conda dependency strings, pip dependency strings) of environment.yml.

    A small reader for the subset of YAML that file uses (a `dependencies:` list with an
    optional nested `- pip:` list), so the test needs no YAML library.
    """
    conda, pip, section = [], [], None
    for raw in (ROOT / "environment.yml").read_text().splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        text = line.strip()
        if indent == 0:
            section = "deps" if text == "dependencies:" else None
            continue
        if section is None or not text.startswith("- "):
            continue
        item = text[2:].strip()
        if item == "pip:":
            section = "deps-pip"
        elif section == "deps-pip" and indent > 2:
            pip.append(item)
        else:
            section = "deps"
            conda.append(item)
    return conda, pip


@pytest.fixture(scope="module")
def pyproject():
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)


def test_environment_yml_has_the_core_dependencies_of_pyproject(pyproject):
    core = {_name(r) for r in pyproject["project"]["dependencies"]} - IGNORED
    conda, pip = _environment_yml()
    env = {_name(r) for r in conda + pip if not r.startswith(("-e", "."))} - IGNORED
    assert core, "pyproject.toml lists no dependencies"
    assert core - env == set(), "in pyproject.toml but missing from environment.yml"
    assert env - core == set(), "in environment.yml but missing from pyproject.toml"


def _specifiers(requirements):
    """{name: set of version clauses such as ">=3.10", "<3.11"}, whitespace ignored."""
    result = {}
    for requirement in requirements:
        clauses = re.sub(r"\s+", "", re.match(r"\s*[A-Za-z0-9][A-Za-z0-9._-]*(.*)", requirement).group(1))
        result[_name(requirement)] = {clause for clause in clauses.split(",") if clause}
    return result


def test_environment_yml_and_pyproject_ask_for_the_same_versions(pyproject):
    core = _specifiers(pyproject["project"]["dependencies"])
    conda, pip = _environment_yml()
    env = _specifiers(r for r in conda + pip if not r.startswith(("-e", ".")))
    differ = {name: (core[name], env[name]) for name in core if name in env and core[name] != env[name]}
    assert not differ, f"version bounds differ (pyproject, environment.yml): {differ}"


def _python_floor(pyproject):
    match = re.fullmatch(r">=\s*3\.(\d+)", pyproject["project"]["requires-python"].strip())
    assert match, "requires-python must read '>=3.N'"
    return (3, int(match.group(1)))


def test_environment_yml_uses_conda_forge_and_the_same_python(pyproject):
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"channels:\s*\n\s*-\s*conda-forge", text)
    conda, _ = _environment_yml()
    major, minor = _python_floor(pyproject)
    assert f"python>={major}.{minor}" in [c.replace(" ", "") for c in conda]


#: Python floors of the oldest releases pyproject.toml allows, from the projects' release notes:
#: scipy 1.17 supports Python 3.11-3.14, numpy 2.0 supports 3.9-3.12.
PYTHON_FLOOR_OF = {("scipy", "1.17"): (3, 11), ("numpy", "2.0"): (3, 9)}


def test_python_floor_is_the_real_one_and_the_readme_says_so(pyproject):
    """requires-python is the floor of the oldest allowed scipy (1.17 has no build for 3.10),
    this interpreter meets it, and the README states the same version."""
    import sys

    floor = _python_floor(pyproject)
    bounds = {_name(r): re.search(r">=\s*([\d.]+)", r).group(1)
              for r in pyproject["project"]["dependencies"] if ">=" in r}
    needed = max(py for (name, version), py in PYTHON_FLOOR_OF.items()
                 if bounds.get(name) == version)
    assert floor == needed, f"requires-python says {floor}; the oldest scipy allowed needs {needed}"
    assert sys.version_info[:2] >= floor
    readme = (ROOT / "README.md").read_text()
    assert f"Python {floor[0]}.{floor[1]} or newer" in readme


def test_pyproject_installs_the_helpers_package_and_all_its_subpackages(pyproject):
    """Only `helpers` (with every subpackage, for a non-editable install too), nothing else."""
    config = pyproject["tool"]["setuptools"]
    expected = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "helpers").rglob("__init__.py")
        if "__pycache__" not in path.parts
    }
    if "packages" in config and isinstance(config["packages"], list):
        installed = set(config["packages"])
    else:
        from setuptools import find_packages

        find = config["packages"]["find"]
        installed = set(find_packages(str(ROOT), include=find.get("include", ["*"]), exclude=find.get("exclude", ())))
    assert installed == expected


def test_nbgrader_stays_out_of_the_student_install(pyproject):
    core = {_name(r) for r in pyproject["project"]["dependencies"]}
    extras = pyproject["project"]["optional-dependencies"]
    assert "nbgrader" not in core
    assert "nbgrader" in {_name(r) for r in extras["instructor"]}
    assert "voila" in {_name(r) for r in extras["lecture"]}


def test_every_test_extra_tool_is_declared(pyproject):
    test_extra = {_name(r) for r in pyproject["project"]["optional-dependencies"]["test"]}
    assert {"pytest", "nbval", "hypothesis", "pytest-timeout"} <= test_extra


def test_pytest_runs_notebooks_under_nbval_and_skips_benchmarks(pyproject):
    options = pyproject["tool"]["pytest"]["ini_options"]
    addopts = options["addopts"]
    addopts = addopts if isinstance(addopts, str) else " ".join(addopts)
    assert "--nbval-lax" in addopts and "--nbval-current-env" in addopts
    assert "--ignore=tests/benchmarks" in addopts
    assert any(m.startswith("browser:") for m in options["markers"])


def test_ci_script_is_executable_and_strict():
    script = ROOT / ".ci" / "run"
    text = script.read_text()
    assert text.startswith("#!/usr/bin/env bash") or text.startswith("#!/bin/bash")
    assert "set -euo pipefail" in text
    assert script.stat().st_mode & 0o111, ".ci/run must be executable"


def test_readme_commands_are_the_ones_ci_runs():
    """The README's test one-liner installs and tests exactly as .ci/run does."""
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    for needle in ('pip install -e ".[test]"', "python -m pytest"):
        assert needle in readme, needle
        assert needle in ci, needle
    assert "jupyter lab --ServerApp.root_dir=. course/index.ipynb" in readme


def test_setup_checks_the_lower_bounds_that_pyproject_declares(pyproject):
    from helpers.notebook import MINIMUM_VERSIONS

    declared = _specifiers(pyproject["project"]["dependencies"])
    for name, minimum in MINIMUM_VERSIONS.items():
        assert f">={minimum}" in declared[_name(name)], (name, minimum, declared[_name(name)])


@pytest.mark.parametrize("path", ["submissions/alice/01_resistance_is_reflection.ipynb",
                                  "submitted/alice/hw1/02_reservoirs_and_fermi_window.ipynb",
                                  "grades.csv", "grades-week3.csv", "gradebook.csv",
                                  "feedback/alice/01_resistance_is_reflection.html",
                                  "autograded/alice/hw1/x.ipynb", "gradebook.db",
                                  "my-work/01_resistance_is_reflection.ipynb"])
def test_student_data_is_git_ignored(path):
    """Graded homework never reaches the public repository by a `git add .`."""
    import shutil
    import subprocess

    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    result = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=ROOT)
    assert result.returncode == 0, f"{path} is not ignored by .gitignore"
