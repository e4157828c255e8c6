"""A paste is one batch: all its edits under one lock and one save, one group in the edit log, one undo step; one
edit that cannot be applied leaves the file as it was."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store.text.errors import EditConflict, YearLocked
from store.domain.edit import Batch, Edit
from store.edits.workbook import Workbook


def realisasi(path: Path, ref: str) -> str | None:
    doc = orjson.loads(path.read_bytes())
    for node in doc["nodes"].values():
        for ind in node["indicators"]:
            if ind["id"] == ref:
                return (ind["years"].get("2022") or {}).get("realisasi")
    raise AssertionError(ref)


def test_a_pasted_column_is_saved_once_with_one_log_group_and_undone_in_one_step(demo_path: Path, monkeypatch) -> None:
    wb = Workbook.open(demo_path)
    saves = []
    original = wb.storage.save
    monkeypatch.setattr(wb.storage, "save", lambda *a, **k: (saves.append(1), original(*a, **k))[1])
    batch = Batch((Edit("T1/1", "realisasi", 2022, None, "77"), Edit("S1/1", "realisasi", 2022, "82.08", "78")))
    applied = wb.apply_batch(batch)
    assert [a.new_text for a in applied] == ["77,00", "78,00"]
    assert len(saves) == 1
    log = list(orjson.loads(demo_path.read_bytes())["log"].values())
    assert [e["group"] for e in log] == [1, 1] and [e["ref"] for e in log] == ["T1/1", "S1/1"]
    wb.apply_batch(batch.inverse(), kind="undo")
    assert (realisasi(demo_path, "T1/1"), realisasi(demo_path, "S1/1")) == (None, "82.08")


def test_a_conflict_in_the_middle_of_a_paste_writes_nothing(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    Workbook.open(demo_path).set("S1/1", "realisasi", "80")  # another operator, meanwhile
    before = demo_path.read_bytes()
    batch = Batch((Edit("T1/1", "realisasi", 2022, None, "77"), Edit("S1/1", "realisasi", 2022, "82.08", "78")))
    with pytest.raises(EditConflict):
        wb.apply_batch(batch)
    assert demo_path.read_bytes() == before
    assert realisasi(demo_path, "T1/1") is None


def test_a_paste_into_a_locked_year_writes_nothing(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    wb.lock_year(2022, "tutup buku")
    before = demo_path.read_bytes()
    with pytest.raises(YearLocked):
        wb.apply_batch(Batch((Edit("T1/1", "realisasi", 2022, None, "77"),)))
    assert demo_path.read_bytes() == before
