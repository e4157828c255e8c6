"""Pasting a column from a spreadsheet into the main screen's node grids (beside the cascade tree), driven as an
operator would with the Pilot: the terminal's bracketed paste arrives as one textual Paste event, which the app
forwards to the focused grid."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from textual import events

from reports import tables
from store.edits import plans
from store.domain.fields import parse_value, spec_of
from store.domain.edit import Edit
from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.views.message import MessageScreen
from tui.widgets.editbar import EditBar
from tui.widgets.grid import WorkGrid

from tests.support.pty import KEY_BYTES, open_tui, write  # the real TUI in a real pseudo-terminal

IKM = "S1/1"
PENGADUAN = "Persentase pengaduan yang diselesaikan"


def years_on_disk(path: Path, year: str = "2022") -> dict[str, dict]:
    doc = orjson.loads(path.read_bytes())
    return {i["id"]: i["years"].get(year) or {} for n in doc["nodes"].values() for i in n["indicators"]}


def budget_on_disk(path: Path, node_id: str, year: str = "2022") -> dict:
    nodes = orjson.loads(path.read_bytes())["nodes"].values()
    return next(n for n in nodes if n["id"] == node_id)["budget"][year]


def a_second_sasaran_indicator(path: Path) -> str:
    """The demo's sasaran have one indicator each; the office adds a second to the IKM's sasaran, target 90."""
    wb = Workbook.open(path)
    ref = wb.apply(plans.plan_add_indicator(wb.cascade(), "S1", PENGADUAN, "%")).edit.ref
    wb.apply(Edit(ref, "target", 2022, None, parse_value(spec_of("target"), "90")))
    return ref


async def find(pilot, words: str) -> None:
    """/ words Enter: an indicator found has its grid row in focus; a node found, the tree at it, and Tab Tab go past
    its indicators to its budget row."""
    await pilot.press("slash")
    await pilot.press(*words)
    await pilot.press("enter")
    await pilot.pause()
    if not isinstance(pilot.app.focused, WorkGrid):
        await pilot.press("tab", "tab")
        await pilot.pause()


async def paste(pilot, text: str) -> None:
    assert isinstance(pilot.app.focused, WorkGrid)
    pilot.app.post_message(events.Paste(text))  # as the terminal driver does; the app hands it to the focused grid
    await pilot.pause()


def tabel_3_1(path: Path) -> dict[str, list[str]]:
    """Tabel 3.1 as the engine computes it from the file, by indicator name."""
    return {row[2]: row for row in tables.tabel_3_1(Workbook.open(path).cascade(), 2022).rows}


async def test_a_pasted_column_fills_the_realisasi_of_both_indicators_of_a_sasaran(demo_path: Path) -> None:
    second = a_second_sasaran_indicator(demo_path)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find(pilot, "kepuasan")
        await pilot.press("right", "right")  # the IKM's Realisasi; the new indicator is the row below
        assert app.focused.current() == (IKM, app.focused.spec[2])
        await paste(pilot, "91\r\n75\r\n")  # a spreadsheet's column: CRLF, the last line ended too
        years = years_on_disk(demo_path)
        assert (years[IKM]["realisasi"], years[second]["realisasi"]) == ("91", "75")
        assert "\u2713 Ditempel: 2 nilai dari 2 baris" in app.screen.query_one(EditBar).text.plain
        grid = app.screen.query_one("#indicators", WorkGrid)
        assert (grid.text_at(IKM, "realisasi"), grid.text_at(second, "capaian")) == ("91,00", "83,33")
    shown = tabel_3_1(demo_path)
    ikm = next(row for name, row in shown.items() if "Kepuasan" in name)
    assert (ikm[6], ikm[7]) == ("91,00", "110,98")
    assert (shown[PENGADUAN][6], shown[PENGADUAN][7]) == ("75,00", "83,33")


async def test_one_unreadable_value_in_the_block_writes_nothing_and_names_its_row(demo_path: Path) -> None:
    a_second_sasaran_indicator(demo_path)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find(pilot, "kepuasan")
        await pilot.press("right", "right")
        before = demo_path.read_bytes()
        await paste(pilot, "91\n82.125\n")  # ambiguous for an indicator value: refused, as when typed
        assert demo_path.read_bytes() == before
        assert app.message_error and "baris 2" in app.message and PENGADUAN[:20] in app.message
        assert "ketik 82,125 atau 82125" in app.message
        if isinstance(app.screen, MessageScreen):  # too long for the status line: shown whole, dismissed
            await pilot.press("escape")
            await pilot.pause()
        assert app.screen.query_one("#indicators", WorkGrid).text_at(IKM, "realisasi") == "82,08"


async def test_more_values_than_rows_are_refused_before_anything_is_written(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find(pilot, "kepuasan")  # the IKM's sasaran has one indicator
        await pilot.press("right", "right")
        before = demo_path.read_bytes()
        await paste(pilot, "91\n92\n93\n")
        assert demo_path.read_bytes() == before
        assert "Tempelan 3 baris, tetapi hanya 1 baris isian" in app.message and app.message_error


async def test_a_pasted_computed_column_is_refused_as_in_the_sheet(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find(pilot, "kepuasan")
        await pilot.press("right", "right")
        before = demo_path.read_bytes()
        await paste(pilot, "91\t100\n")  # the cell right of Realisasi is Capaian, computed
        assert demo_path.read_bytes() == before
        assert "kolom Capaian% tidak diisi dengan tangan" in app.message


async def test_a_column_of_numbers_pasted_on_the_name_column_renames_nothing(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find(pilot, "kepuasan")  # the cursor on the indicator's name, where Tab into the grid lands too
        assert app.focused.current()[1].key == "name"
        before = demo_path.read_bytes()
        await paste(pilot, "77\n")
        assert demo_path.read_bytes() == before
        assert "kolom Indikator diubah satu per satu" in app.message and app.message_error


async def test_one_ctrl_z_takes_the_whole_paste_back(demo_path: Path) -> None:
    second = a_second_sasaran_indicator(demo_path)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find(pilot, "kepuasan")
        await pilot.press("right", "right")
        await paste(pilot, "91\n75\n")
        years = years_on_disk(demo_path)
        assert (years[IKM]["realisasi"], years[second]["realisasi"]) == ("91", "75")
        await pilot.press("ctrl+z")
        await pilot.pause()
        years = years_on_disk(demo_path)
        assert (years[IKM]["realisasi"], years[second].get("realisasi")) == ("82.08", None)
        grid = app.screen.query_one("#indicators", WorkGrid)
        assert grid.text_at(IKM, "realisasi") == "82,08"
        await pilot.press("ctrl+z")  # the step before the paste, in the one history: the second indicator's target
        await pilot.pause()
        assert years_on_disk(demo_path)[second].get("target") is None and "Diurungkan" in app.message


async def test_1_234_pasted_as_pagu_is_1234_rupiah_and_an_overrun_is_flagged(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find(pilot, "barang cetakan")  # a sub kegiatan: its budget row
        budget = app.screen.query_one("#budget", WorkGrid)
        assert app.focused is budget
        await pilot.press("right")  # Pagu
        assert budget.current()[1].field == "pagu"
        await paste(pilot, "1.234")
        assert budget_on_disk(demo_path, "7.01.01.2.06.0005")["pagu"] == 1234
        # Realisasi (Rp 5.765.950) is now above the pagu: saved, and flagged as after a typed commit
        assert "\u26a0" in app.screen.query_one(EditBar).text.plain
        assert budget.text_at("7.01.01.2.06.0005", "pagu") == "1.234"


async def test_pagu_and_realisasi_pasted_across_in_one_row(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find(pilot, "barang cetakan")
        await pilot.press("right")
        await paste(pilot, "Rp 6.000.000,-\t5.900.000\n")
        assert budget_on_disk(demo_path, "7.01.01.2.06.0005") == {"pagu": 6000000, "realisasi": 5900000}


async def test_a_paste_into_an_open_editor(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find(pilot, "kepuasan")
        await pilot.press("right", "right", "8")
        grid = app.focused
        await paste(pilot, "3,5")  # one value is typed into the editor, as in the sheet
        assert grid.edit_text == "83,5"
        before = demo_path.read_bytes()
        await paste(pilot, "91\n92\n")  # a block is refused while a value is being typed; the typing stays
        assert demo_path.read_bytes() == before and grid.edit_text == "83,5"
        assert "Selesaikan atau batalkan isian sel dulu" in app.message
        await pilot.press("enter")
        await pilot.pause()
        assert years_on_disk(demo_path)[IKM]["realisasi"] == "83.5"


async def test_a_locked_year_refuses_the_paste(demo_path: Path) -> None:
    Workbook.open(demo_path).lock_year(2022)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find(pilot, "kepuasan")
        await pilot.press("right", "right")
        before = demo_path.read_bytes()
        await paste(pilot, "91\n")
        assert demo_path.read_bytes() == before
        assert app.message_error and "dikunci" in app.message


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_bracketed_paste_in_a_real_terminal_fills_both_indicators_of_a_program(demo_path: Path) -> None:
    # In the tree: ↓ ↓ is program 7.01.02 with two indicators; Tab lands on the first one's name, → → on Realisasi.
    # The paste arrives as a terminal sends it: one write, the block between the bracketed-paste marks.
    tui = open_tui(demo_path, demo_path.parent)
    try:
        write(tui, KEY_BYTES["down"] * 2, until="Program 7.01.02")
        write(tui, KEY_BYTES["tab"] + KEY_BYTES["right"] * 2)
        write(tui, b"\x1b[200~" + b"77\n78" + b"\x1b[201~", until="Ditempel: 2 nilai")
    finally:
        tui.close()
    years = years_on_disk(demo_path)
    assert (years["7.01.02/1"].get("realisasi"), years["7.01.02/2"].get("realisasi")) == ("77", "78")
    assert len({e.get("group") for e in orjson.loads(demo_path.read_bytes())["log"].values()}) == 1  # one step
