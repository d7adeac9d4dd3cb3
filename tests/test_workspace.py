"""`python -m helpers.workspace`: the student's own copy of the practice notebooks."""

import subprocess
import sys

import pytest

from helpers.workspace import ROOT, make_working_copy, main


def test_copies_every_practice_notebook_and_never_overwrites(tmp_path):
    work = tmp_path / "my-work"
    copied, kept = make_working_copy(work)
    names = sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb"))
    assert copied == names and kept == []
    assert all((work / name).read_bytes() == (ROOT / "exercises" / name).read_bytes()
               for name in names)

    mine = work / names[0]
    mine.write_text("my answers")            # the student's work
    (work / names[-1]).unlink()              # as if an update brought a new lesson
    copied, kept = make_working_copy(work)
    assert copied == [names[-1]] and names[0] in kept
    assert mine.read_text() == "my answers"


def test_bad_folders_are_refused_with_the_argument_named(tmp_path):
    with pytest.raises(ValueError, match="destination=.*exercises"):
        make_working_copy(ROOT / "exercises")
    with pytest.raises(FileNotFoundError, match="source=.*no practice notebooks"):
        make_working_copy(tmp_path / "work", source=tmp_path)


def test_command_line(tmp_path, capsys):
    assert main(["--to", str(tmp_path / "w")]) == 0
    assert "practice notebook(s) copied" in capsys.readouterr().out
    assert main(["--to", str(tmp_path / "w")]) == 0
    assert "already there, left as they are" in capsys.readouterr().out
    out = subprocess.run([sys.executable, "-m", "helpers.workspace", "--help"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "--to" in out.stdout
