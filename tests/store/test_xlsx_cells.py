"""Cells as offices fill them: percent formats, dates, odd pastes anywhere, and exact digits both ways."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.text.numbers import canonical
from store.exchange.sheet_cells import read_cell
from store.exchange.sheet_export import SheetOut, number_cell
from store.exchange.sheet_layout import Column
from store.exchange.xlsx_io import read_xlsx, render
from tests.store.test_xlsx import headers, lkjip, ok, refused, row_of


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "torjun.json"
    ok(lkjip("init", path, "--demo"))
    return path


@pytest.fixture
def exported(tmp_path: Path, demo: Path) -> Path:
    sheet = tmp_path / "torjun-2022.xlsx"
    ok(lkjip("export", demo, "--format", "xlsx", "--year", 2022, "-o", sheet))
    return sheet


def test_percent_cells_dates_and_locked_years(tmp_path: Path, demo: Path, exported: Path) -> None:
    ok(lkjip("lock", demo, "--year", 2022, "--reason", "tutup buku"))
    book = openpyxl.load_workbook(exported)
    ws = book["Kaskade"]
    h = headers(ws)
    ikm, desa = row_of(ws, "ID Indikator", "S1/1"), row_of(ws, "ID Indikator", "S2/1")
    ws.cell(ikm, h["Target 2023"], 0.8215).number_format = "0.00%"  # shown as 82,15% by the spreadsheet
    ws.cell(desa, h["Target 2023"]).value = datetime.datetime(2023, 1, 1)
    ws.cell(ikm, h["Realisasi 2022"], 90)
    book.save(exported)
    refused(lkjip("import", exported, demo), "terbaca sebagai tanggal", "tahun 2022 dikunci", "2 masalah")

    ws.cell(desa, h["Target 2023"]).value = 100
    ws.cell(desa, h["Target 2023"]).number_format = "General"
    ws.cell(ikm, h["Realisasi 2022"], 82.08)
    book.save(exported)
    assert "82,05 \u2192 82,15" in ok(lkjip("import", exported, demo))


WEIRD = [True, datetime.date(2023, 5, 1), -1, 1e300, "1,2,3", "Rp 1.000,50", "tab\tdan\nbaris", "=1+1",
         "x" * 2000, " ", 0, "82.125", "-0", "Sub  Kegiatan", "7.01", 7.01]


@pytest.mark.parametrize("into", ["baru", "ada", "ada --dry-run"])
def test_odd_cells_anywhere_are_refused_or_taken_never_a_crash(tmp_path: Path, demo: Path, exported: Path,
                                                               into: str, capsys) -> None:
    """Whatever an office's spreadsheet holds, the import answers with exit 0 or 1 and sentences, never exit 70."""
    from tui.cli.main import main

    book = openpyxl.load_workbook(exported)
    for name in ("Profil", "Kaskade", "Anggaran"):
        ws = book[name]
        for c in range(1, ws.max_column + 1):
            for r, value in ((2 + c % 5, WEIRD[c % len(WEIRD)]), (7 + c % 3, WEIRD[(c * 7) % len(WEIRD)])):
                ws.cell(r, c).value = value
    odd = tmp_path / "aneh.xlsx"
    book.save(odd)
    (tmp_path / "rusak.xlsx").write_bytes(b"PK\x03\x04 bukan zip")
    target = tmp_path / "baru.json" if into == "baru" else demo
    before = demo.read_bytes()
    for document in (odd, tmp_path / "rusak.xlsx"):
        code = main(["import", str(document), str(target), *into.split()[1:]])
        err = capsys.readouterr().err
        assert code in (0, 1), err
        assert "Traceback" not in err and "tak terduga" not in err
    assert demo.read_bytes() == before  # every variant holds problems: refused whole


INDICATOR_VALUES = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=None,
                               allow_nan=False, allow_infinity=False).filter(lambda d: d.as_tuple().exponent >= -12)


@settings(max_examples=40)
@given(st.lists(INDICATOR_VALUES, min_size=1, max_size=20), st.lists(st.integers(0, 10**15 - 1), min_size=1,
                                                                      max_size=5))
def test_every_indicator_value_and_rupiah_survives_the_spreadsheet(values: list[Decimal], money: list[int]) -> None:
    """Written as lkjip writes it, read as lkjip reads it: the stored digits come back, never a float's."""
    number, rupiah = Column("target", "Target 2025", 2025, kind="number"), Column("pagu", "Pagu 2025", 2025,
                                                                                 kind="money")
    stored = [canonical(v) for v in values]
    rows = [[number_cell(s), m] for s, m in zip(stored, money + [None] * len(stored))]
    sheet = read_xlsx(render([SheetOut("Kaskade", [number, rupiah], rows)]), "uji.xlsx")["Kaskade"]
    for (cell, money_cell), want, m in zip(sheet.rows[1:], stored, money + [None] * len(stored)):
        assert read_cell(number, cell) == (want, None)
        assert read_cell(rupiah, money_cell) == (m, None)
