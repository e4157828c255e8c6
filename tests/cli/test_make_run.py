"""`make run` says once how to put `lkjip` on PATH (issue 21.8): the first time, before the TUI starts, and never
again (a marker file in .venv). Tested with `make -n` on a copy of the Makefile: nothing is installed or run."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def checkout(tmp_path: Path) -> Path:
    """A checkout whose .venv is installed already (the stamp newer than pyproject.toml)."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").write_text("")
    os.utime(tmp_path / "pyproject.toml", (1_700_000_000, 1_700_000_000))
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").touch()
    (tmp_path / ".venv" / ".installed").touch()
    return tmp_path


def make(where: Path, *args: str) -> str:
    done = subprocess.run(["make", "-s", "--no-print-directory", "-C", str(where), *args], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_make_run_says_how_to_put_lkjip_on_path_the_first_time_only(tmp_path: Path) -> None:
    where = checkout(tmp_path)
    planned = make(where, "-n", "run")  # what `make run` would do, nothing run
    assert f'export PATH="{where}/.venv/bin:$PATH"' in planned
    assert f"sudo ln -s {where}/.venv/bin/lkjip /usr/local/bin/lkjip" in planned
    assert planned.rstrip().endswith(".venv/bin/lkjip lkjip.json")  # said before the TUI starts
    # The hint alone, as the first `make run` prints it; it leaves its marker in .venv.
    said = make(where, ".venv/.path-hint-shown")
    assert f'    export PATH="{where}/.venv/bin:$PATH"\n' in said
    assert (where / ".venv" / ".path-hint-shown").exists()
    # From then on `make run` goes straight to the TUI.
    again = make(where, "-n", "run")
    assert "PATH" not in again and again.rstrip().endswith(".venv/bin/lkjip lkjip.json")
