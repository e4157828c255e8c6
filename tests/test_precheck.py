"""A large workbook is checked on another core while the TUI loads (store/precheck.py). The child can only save
time: a damaged file is refused exactly as before, a file replaced meanwhile is read again, and a child that fails
leaves the ordinary check to do the work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from store import precheck as precheck_module
from store.errors import UnreadableWorkbook
from store.serialize import dumps
from store.storage import PRECHECK_FROM, precheck
from store.workbook import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
from generate import kabupaten_document  # noqa: E402
from support.cli import lkjip

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the check runs in a forked child")


@pytest.fixture(scope="module")
def kabupaten() -> dict:
    return kabupaten_document(1)


def write(path: Path, document: dict) -> Path:
    path.write_bytes(dumps(document))
    os.chmod(path, 0o660)
    return path


def damaged(document: dict) -> dict:
    """One realisasi deep in the cascade typed as a word: the schema refuses it, with its path."""
    doc = orjson.loads(orjson.dumps(document))
    node = list(doc["nodes"].values())[-1]
    node["indicators"][0]["years"]["2027"]["realisasi"] = "delapan puluh"
    return doc


def test_a_large_sound_workbook_is_taken_as_checked_and_opens_as_the_ordinary_open_would(tmp_path, kabupaten):
    path = write(tmp_path / "kab.json", kabupaten)
    assert path.stat().st_size > PRECHECK_FROM
    checking = precheck(path)
    assert checking is not None and checking.passed()
    via_child = Workbook.open(path, prechecked=checking)
    ordinary = Workbook.open(path)
    assert via_child.storage.read() == ordinary.storage.read()
    first = next(iter(via_child.cascade().indicators))
    via_child.set(first, "realisasi", "12,5", 2027)  # and it saves like any workbook
    assert Workbook.open(path).cascade().indicators[first][1]["years"]["2027"]["realisasi"] == "12.5"


def test_a_large_damaged_workbook_is_refused_with_its_path_and_left_alone(tmp_path, kabupaten):
    path = write(tmp_path / "rusak.json", damaged(kabupaten))
    before = path.read_bytes()
    checking = precheck(path)
    assert checking is not None and not checking.passed()
    with pytest.raises(UnreadableWorkbook) as refused:
        Workbook.open(path, prechecked=checking)
    with pytest.raises(UnreadableWorkbook) as ordinary:
        Workbook.open(path)
    assert str(refused.value) == str(ordinary.value)
    assert "rusak.json" in str(refused.value)
    assert path.read_bytes() == before


def test_a_file_replaced_after_the_check_began_is_read_again(tmp_path, kabupaten):
    """Checked: the sound file. Opened: a damaged one put in its place meanwhile, which must be refused."""
    path = write(tmp_path / "kab.json", kabupaten)
    checking = precheck(path)
    assert checking is not None
    write(tmp_path / "new.json", damaged(kabupaten)).replace(path)
    with pytest.raises(UnreadableWorkbook):
        Workbook.open(path, prechecked=checking)


def test_a_child_that_fails_leaves_the_check_to_the_ordinary_open(tmp_path, kabupaten, monkeypatch):
    path = write(tmp_path / "kab.json", kabupaten)

    def broken(document: object) -> None:
        raise MemoryError("the child ran out of memory")

    monkeypatch.setattr(precheck_module, "check", broken)
    checking = precheck(path)
    assert checking is not None and not checking.passed()
    assert Workbook.open(path, prechecked=checking).cascade().indicators  # opened, by the ordinary check


def test_small_files_and_other_things_are_checked_inline(tmp_path):
    small = tmp_path / "kecil.json"
    assert lkjip("init", small, "--demo", cwd=ROOT).returncode == 0
    assert precheck(small) is None
    os.mkfifo(tmp_path / "fifo.json")
    assert precheck(tmp_path / "fifo.json") is None  # and it did not hang on it
    assert precheck(tmp_path / "none.json") is None


def test_the_tui_refuses_a_large_damaged_workbook_in_one_sentence_without_a_traceback(tmp_path, kabupaten):
    path = write(tmp_path / "rusak.json", damaged(kabupaten))
    before = path.read_bytes()
    run = subprocess.run([sys.executable, "-m", "tui.cli", str(path)], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, stdin=subprocess.DEVNULL)
    assert run.returncode == 1
    assert "rusak.json" in run.stderr and "Traceback" not in run.stderr + run.stdout
    assert path.read_bytes() == before
