"""Every file lkjip is handed by name is measured before it is read (issue 20, point 5: bounded reading).

The rekap skipped an 8 GB `*.json` since issue 20, but the other doors still read whatever they were given whole:
`lkjip import` of an 8 GB .json, .xlsx or .csv, opening an 8 GB workbook (`lkjip tables`, and the TUI's read-ahead
on another core) and a `kode.csv` of 8 GB beside the workbook (the office's folder is shared: anyone may put one
there) each died of MemoryError (exit 70) under a memory cap, and would have taken the machine's memory without one.
A fifo named as the document or the master list hung the command for good; a folder was refused in English.

The files are sparse (no disk is used) and each big one is read in a child capped at 1.5 GB of address space, so a
reader that is not bounded costs that child, never the machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from store.demo import demo_document
from store.edits.workbook import Workbook
from tests.support.cli import lkjip

ROOT = Path(__file__).resolve().parents[2]
CAP = 1536 * 2**20  # bytes of address space for the child
SAFETY = 120  # seconds: only against a hung child
HUGE = 8 * 2**30


def sparse(path: Path, size: int = HUGE) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def capped(code: str, *argv: object) -> subprocess.CompletedProcess:
    """Python `code` in a child that cannot take more than CAP of memory, with sys.argv[1:] = argv."""
    limit = f"import resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({CAP}, {CAP}))\n"
    return subprocess.run([sys.executable, "-c", limit + code, *map(str, argv)], cwd=ROOT, capture_output=True,
                          text=True, timeout=SAFETY, env={**os.environ, "PYTHONPATH": str(ROOT)})


def lkjip_capped(*argv: object) -> subprocess.CompletedProcess:
    return capped("from tui.cli.main import main; sys.exit(main(sys.argv[1:]))", *argv)


def refused_by_size(result: subprocess.CompletedProcess, name: str) -> str:
    err = result.stderr
    assert result.returncode == 1, (result.returncode, err[-500:])
    assert "Traceback" not in err and "MemoryError" not in err and "tak terduga" not in err, err[-500:]
    assert name in err and "8192 MB" in err and "paling besar" in err, err
    return err


@pytest.mark.parametrize("suffix", [".json", ".xlsx", ".csv"])
def test_an_8_gb_document_is_refused_by_its_size_before_it_is_read(tmp_path: Path, suffix: str) -> None:
    document = sparse(tmp_path / f"raksasa{suffix}")
    refused_by_size(lkjip_capped("import", document, tmp_path / "baru.json"), "raksasa")
    assert sorted(p.name for p in tmp_path.iterdir()) == [document.name]  # nothing written, no lock left


def test_an_8_gb_workbook_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    workbook = sparse(tmp_path / "raksasa.json")
    refused_by_size(lkjip_capped("tables", workbook), "raksasa.json")
    # `lkjip WORKBOOK` reads a large workbook ahead on another core: never one over the limit.
    done = capped("from store.disk.storage import precheck; print(precheck(sys.argv[1]))", workbook)
    assert done.returncode == 0 and done.stdout.strip() == "None", done.stderr[-500:]


def test_an_8_gb_master_list_beside_the_workbook_is_refused_by_its_size(tmp_path: Path) -> None:
    workbook = tmp_path / "torjun.json"
    Workbook.create(workbook, demo_document())
    before = workbook.read_bytes()
    sparse(tmp_path / "kode.csv")
    err = refused_by_size(lkjip_capped("add", workbook, "subkegiatan", "-", "--parent", "7.01.02.2.02",
                                       "--code", "7.01.02.2.02.0010"), "kode.csv")
    assert "Daftar kode" in err
    assert workbook.read_bytes() == before


def run_or_fail(*argv: object) -> subprocess.CompletedProcess:
    """`lkjip ARGV` in a child; a child still waiting after SAFETY seconds is the failure (a fifo read whole)."""
    try:
        return subprocess.run([sys.executable, "-m", "tui.cli.main", *map(str, argv)], cwd=ROOT,
                               capture_output=True, text=True, timeout=SAFETY,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        pytest.fail(f"lkjip {argv[0]} waited on a fifo")


@pytest.mark.parametrize("suffix", [".json", ".xlsx", ".csv"])
def test_a_fifo_or_a_folder_named_as_the_document_is_refused_in_indonesian(tmp_path: Path, suffix: str) -> None:
    fifo, folder = tmp_path / f"pipa{suffix}", tmp_path / f"folder{suffix}"
    os.mkfifo(fifo)
    folder.mkdir()
    for document, why in ((fifo, "fifo"), (folder, "folder")):
        done = run_or_fail("import", document, tmp_path / "baru.json")
        assert done.returncode == 1 and why in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and "directory" not in done.stderr, done.stderr
    assert not (tmp_path / "baru.json").exists()


def test_a_fifo_or_a_folder_given_as_the_master_list_is_refused(tmp_path: Path) -> None:
    workbook = tmp_path / "torjun.json"
    Workbook.create(workbook, demo_document())
    before = workbook.read_bytes()
    fifo, folder = tmp_path / "pipa.csv", tmp_path / "daftar.csv"
    os.mkfifo(fifo)
    folder.mkdir()
    for master, why in ((fifo, "fifo"), (folder, "folder")):
        done = run_or_fail("add", workbook, "subkegiatan", "-", "--parent", "7.01.02.2.02", "--code",
                           "7.01.02.2.02.0010", "--master", master)
        assert done.returncode == 1 and "Daftar kode" in done.stderr and why in done.stderr, done.stderr
    assert workbook.read_bytes() == before


def test_a_document_of_sound_size_is_still_imported(tmp_path: Path) -> None:
    workbook = tmp_path / "torjun.json"
    Workbook.create(workbook, demo_document())
    sheet = tmp_path / "isi.xlsx"
    assert lkjip("export", workbook, "--format", "xlsx", "-o", sheet).returncode == 0
    done = lkjip("import", sheet, tmp_path / "baru.json")
    assert done.returncode == 0, done.stderr
