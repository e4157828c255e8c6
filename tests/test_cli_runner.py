"""The in-process runner (tests/support/cli.py) answers as the real `lkjip` process does: the same stdout, stderr and
exit code for a handful of commands run both ways, and nothing a call changes in the test's process outlives it."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli import ROOT, lkjip


def in_a_process(*args: object, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui.cli", *map(str, args)], cwd=cwd, capture_output=True,
                          timeout=120, env=env)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> tuple[Path, Path]:
    """Two copies of the demo: one the runner made, one a process made (each command's output names its file)."""
    folder = tmp_path_factory.mktemp("runner")
    inside, outside = folder / "a" / "torjun.json", folder / "b" / "torjun.json"
    inside.parent.mkdir()
    outside.parent.mkdir()
    made = lkjip("init", inside, "--demo", text=False)
    spawned = in_a_process("init", outside, "--demo", cwd=ROOT)
    assert (made.returncode, made.stderr) == (spawned.returncode, spawned.stderr) == (0, b"")
    assert made.stdout.replace(b"/a/", b"/b/") == spawned.stdout
    return inside, outside


@pytest.mark.parametrize("argv", [
    ["--version"],
    ["--help"],
    ["set", "--help"],
    ["tables", "{wb}"],  # text tables: 80 columns on a pipe, whatever terminal pytest runs in
    ["tables", "{wb}", "--year", "2022", "--format", "json"],
    ["export", "{wb}", "--format", "md"],
    ["set", "{wb}", "kepuasan", "realisasi", "abc", "--year", "2022"],  # refused: exit 1, one sentence
    ["set", "{wb}", "pelayanan", "realisasi", "1"],  # an ambiguous ref lists its candidates
    ["tables", "{wb}", "--bogus"],  # usage: exit 2
    ["tables", "{wb}.tidak-ada"],
], ids=lambda argv: " ".join(argv).replace("{wb}", "WB"))
def test_the_runner_gives_what_the_process_gives(workbooks, argv):
    inside, outside = workbooks
    made = lkjip(*(a.format(wb=inside) for a in argv), cwd=ROOT, text=False)
    spawned = in_a_process(*(a.format(wb=outside) for a in argv), cwd=ROOT)
    assert made.returncode == spawned.returncode
    assert made.stdout.replace(b"/a/", b"/b/") == spawned.stdout
    assert made.stderr.replace(b"/a/", b"/b/") == spawned.stderr
    assert b"Traceback" not in made.stderr


def test_a_call_leaves_the_environment_folder_umask_streams_and_collector_as_they_were(tmp_path):
    before = (dict(os.environ), os.getcwd(), sys.stdout, sys.stderr, sys.stdin, gc.isenabled())
    umask = os.umask(0o022)
    os.umask(umask)
    done = lkjip("template", "--periode", "2025-2029", cwd=tmp_path, env={**os.environ, "LKJIP_UJI": "1",
                                                                            "TZ": "Asia/Jakarta"})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "templat-2025-2029.xlsx").is_file()  # written in the folder it was given
    assert (dict(os.environ), os.getcwd(), sys.stdout, sys.stderr, sys.stdin, gc.isenabled()) == before
    assert os.umask(umask) == umask
