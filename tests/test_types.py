"""The type checker passes: mypy with the configuration in pyproject.toml (strict on store/ and reports/, the default on
tui/, every `type: ignore` naming its error code). Run here so that `make test`, which is pytest, runs it too, and a
failure shows mypy's own report. Its cache goes to a temporary folder: the checkout may be read-only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_passes(tmp_path_factory: pytest.TempPathFactory) -> None:
    cache = tmp_path_factory.getbasetemp() / "mypy-cache"
    done = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(cache)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
