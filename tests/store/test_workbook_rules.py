"""Rules every edit path obeys (they live in Workbook.apply, so the TUI, `lkjip set`, undo and redo share them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.text.errors import InvalidValue, YearLocked
from store.edits.workbook import Workbook
from reports import engine


def test_a_closed_year_cannot_be_recomputed_by_changing_arah_or_the_end_target(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    wb.lock_year(2022)
    before = demo_path.read_bytes()
    for field, value in (("arah", "negatif"), ("rumus-negatif", "T/R"), ("aturan-tw", "kumulatif"),
                         ("target-akhir", "90")):
        with pytest.raises(YearLocked, match="2022"):
            wb.set("kepuasan", field, value)
    assert demo_path.read_bytes() == before
    with pytest.raises(YearLocked, match="2022"):
        wb.set("kepuasan", "satuan", "nilai")  # printed in the locked report, and it decides how quarters combine
    wb.unlock_year(2022, "koreksi arah")
    wb.set("kepuasan", "arah", "negatif")
    _, ind = wb.cascade().indicators["S1/1"]
    assert engine.capaian(ind, 2022, wb.cascade().meta["settings"]).value is not None


def test_realisasi_typed_over_filled_quarters_is_kept_as_the_years_value(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    wb.set("kepuasan", "tw1", "50", 2023)
    wb.set("kepuasan", "realisasi", "90", 2023)  # accepted: the value typed for the year
    _, ind = wb.cascade().indicators["S1/1"]
    assert engine.realisasi_of(ind, 2023) == 90
    assert ind["years"]["2023"]["tw"] == {"1": "50"}  # the quarter is kept beside it


def test_a_year_far_outside_the_renstra_is_refused(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    with pytest.raises(InvalidValue, match="1999"):
        wb.set("kepuasan", "realisasi", "90", 1999)
    wb.set("kepuasan", "realisasi", "80,40", 2018)  # the baseline year before a 2019–2024 Renstra is fine
