"""The year's realisasi and the quarters (issue 18): a value the operator typed for the year is never replaced by
one computed from TW I–IV, the quarters make the year's value only once TW IV is filled, and the quarter rule is
never guessed. Told as the operators met it: through `lkjip set`, `lkjip check`, the reports and the TUI."""

from __future__ import annotations

import json
from pathlib import Path

from reports import engine
from store.demo import demo_document
from store.domain.model import NODES
from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.widgets.editbar import EditBar
from tui.widgets.grid import WorkGrid

from tests.reports.test_pk_triwulan import lkjip, ok  # `lkjip …` in a subprocess, as the operator runs it
from tests.tui.test_tui import on_disk

IKM = "S1/1"  # Indeks Kepuasan Masyarakat, target 82 in 2022, 82,08 typed for the year: nilai akhir
SUB = "7.01.02.2.02.0003"  # a sub kegiatan whose first indicator the "buah" story uses


def tabel_3_1_row(path: Path, name: str) -> list[str]:
    [table] = json.loads(ok("tables", path, "--table", "3.1", "--format", "json"))["tables"]
    return next(row for row in table["rows"] if name in row)


def md_row(markdown_tables, md: str, name: str) -> list[str]:
    return next(row for _, rows in markdown_tables(md) for row in rows if name in row)


# -- the quarter rule never guesses -----------------------------------------------------------------------------------
def test_every_persentase_indicator_of_the_demo_without_satuan_takes_the_last_quarter() -> None:
    indicators = [i for n in demo_document()[NODES].values() for i in n["indicators"]]
    persentase = [i for i in indicators if i["name"].startswith("Persentase") and not i["satuan"].strip()]
    assert len(persentase) >= 20  # the demo keeps the seed's empty satuan cells
    assert {engine.tw_rule_of(i) for i in persentase} == {"nilai_akhir"}
    # 80, 85, 90, 95 in TW I–IV is 95 %, never 350 %.
    ind = persentase[0]
    ind["years"]["2022"] = {"target": "100", "realisasi": None, "tw": {"1": "80", "2": "85", "3": "90", "4": "95"}}
    assert engine.realisasi_of(ind, 2022) == 95


def _buah_indicator(path: Path) -> str:
    """The first indicator of SUB counted in buah, a unit that settles no rule; its 2022 realisasi left empty."""
    casc = Workbook.open(path).cascade()
    ind_id = casc.nodes[SUB]["indicators"][0]["id"]
    ok("set", path, ind_id, "indikator", "Jumlah sarana pelayanan")
    ok("set", path, ind_id, "satuan", "buah")
    ok("set", path, ind_id, "target", "10")
    ok("set", path, ind_id, "realisasi", "", "--clear")
    for q, value in enumerate(("2", "3", "2", "3"), start=1):
        ok("set", path, ind_id, f"tw{q}", value)
    return ind_id


def test_quarters_in_buah_without_a_rule_give_no_year_value_and_a_galat(demo_path: Path, markdown_tables) -> None:
    ind_id = _buah_indicator(demo_path)
    said = ok("set", demo_path, ind_id, "tw4", "4")  # the CLI says what it did not compute, and why
    assert "Realisasi s.d. TW IV 2022: tidak dihitung, aturan TW belum dipilih" in said, said
    _, ind = Workbook.open(demo_path).cascade().indicators[ind_id]
    assert engine.realisasi_of(ind, 2022) is None  # neither 11 (summed) nor 4 (the last): not guessed
    checked = lkjip("check", demo_path)
    assert checked.returncode == 1
    galat = [line for line in checked.stdout.splitlines() if line.startswith("[galat]") and ind_id in line]
    assert len(galat) == 1 and "Aturan TW" in galat[0] and "buah" in galat[0], checked.stdout
    row = md_row(markdown_tables, ok("export", demo_path, "--doc", "triwulan", "--tw", "4", "--format", "md"),
                 "Jumlah sarana pelayanan")
    assert row[-3:] == ["aturan TW?", "\u2014", "\u2014"], row
    ok("set", demo_path, ind_id, "aturan-tw", "kumulatif")  # the operator settles it: an explicit rule wins
    _, ind = Workbook.open(demo_path).cascade().indicators[ind_id]
    assert engine.realisasi_of(ind, 2022) == 11
    assert not [line for line in ok("check", demo_path).splitlines() if ind_id in line and "Aturan TW" in line]


# -- a typed year value stays ------------------------------------------------------------------------------------------
def test_quarters_keyed_after_a_typed_year_value_leave_it_in_tabel_3_1(demo_path: Path, markdown_tables) -> None:
    ok("set", demo_path, IKM, "realisasi", "83,45")
    ok("set", demo_path, IKM, "tw1", "80")
    ok("set", demo_path, IKM, "tw2", "81")
    row = tabel_3_1_row(demo_path, "Indeks Kepuasan Masyarakat (IKM)")
    assert row[6:8] == ["83,45", "101,77"], row  # still the typed year value and its capaian
    said = ok("set", demo_path, IKM, "tw2", "81,5")
    assert "Realisasi s.d. TW II 2022 (nilai akhir): 81,50" in said and "83,45 / 82" in said, said
    ok("set", demo_path, IKM, "tw2", "81")
    md = ok("export", demo_path, "--doc", "triwulan", "--tw", "2", "--format", "md")
    assert "Realisasi s.d. TW II" in md
    row = md_row(markdown_tables, md, "Indeks Kepuasan Masyarakat (IKM)")
    assert row[-4:-1] == ["nilai akhir", "81,00", "98,78"], row  # the quarterly report: 81,00 s.d. TW II


def test_a_year_with_quarters_up_to_tw_ii_and_nothing_typed_shows_a_dash(demo_path: Path) -> None:
    ok("set", demo_path, IKM, "realisasi", "", "--clear")
    ok("set", demo_path, IKM, "tw1", "80")
    ok("set", demo_path, IKM, "tw2", "81")
    assert tabel_3_1_row(demo_path, "Indeks Kepuasan Masyarakat (IKM)")[6:8] == ["\u2014", "\u2014"]
    ok("set", demo_path, IKM, "tw3", "82")
    ok("set", demo_path, IKM, "tw4", "83")
    assert tabel_3_1_row(demo_path, "Indeks Kepuasan Masyarakat (IKM)")[6:8] == ["83,00", "101,22"]


def test_a_typed_year_value_the_four_quarters_contradict_is_a_peringatan(demo_path: Path) -> None:
    ok("set", demo_path, IKM, "realisasi", "83,45")
    for q, value in enumerate(("80", "81", "82", "90"), start=1):
        ok("set", demo_path, IKM, f"tw{q}", value)
    out = ok("check", demo_path)  # a peringatan only: check still exits 0
    [line] = [line for line in out.splitlines() if IKM in line and "TW I\u2013IV" in line]
    assert line.startswith("[peringatan]") and "83,45" in line and "90,00" in line, line
    assert tabel_3_1_row(demo_path, "Indeks Kepuasan Masyarakat (IKM)")[6] == "83,45"


# -- the TUI ----------------------------------------------------------------------------------------------------------
async def test_typing_the_years_realisasi_over_quarters_is_accepted_and_x_shows_both(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    for q, value in enumerate(("80", "81", "82", "90"), start=1):
        wb.set(IKM, f"tw{q}", value, 2022)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.goto(IKM, "realisasi")
        await pilot.pause()
        grid = app.screen.query_one("#indicators", WorkGrid)
        assert grid.text_at(IKM, "realisasi") == "82,08"  # typed for the year: the quarters do not replace it
        await pilot.press("enter", "ctrl+u", *"83,45", "enter")
        await pilot.pause()
        assert not app.message_error, app.message
        assert on_disk(demo_path)["realisasi"] == "83.45"
        assert on_disk(demo_path)["tw"] == {"1": "80", "2": "81", "3": "82", "4": "90"}
        app.goto(IKM, "realisasi")
        await pilot.pause()
        assert grid.text_at(IKM, "realisasi") == "83,45"
        await pilot.press("x")
        await pilot.pause()
        assert "diketik 83,45" in app.message and "TW IV (terakhir) = 90," in app.message, app.message
        assert "berbeda" in app.message and "Delete" in app.message, app.message
        await pilot.press("delete")  # the way out is a key: the year follows the quarters again
        await pilot.pause()
        assert on_disk(demo_path)["realisasi"] is None
        assert grid.text_at(IKM, "realisasi") == "90,00"


async def test_quarters_without_a_rule_show_aturan_tw_in_the_realisasi_cell(demo_path: Path) -> None:
    ind_id = _buah_indicator(demo_path)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.goto(ind_id, "realisasi")
        await pilot.pause()
        grid = app.screen.query_one("#indicators", WorkGrid)
        assert grid.text_at(ind_id, "realisasi") == "aturan TW?"
        await pilot.press("x")
        await pilot.pause()
        assert "tekan p" in app.message and "lkjip" not in app.message, app.message


async def test_in_the_entry_sheet_x_names_the_missing_rule_and_p_sets_it(demo_path: Path) -> None:
    ind_id = _buah_indicator(demo_path)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("slash", *"sarana pelayanan", "enter")
        await pilot.pause()
        sheet = app.screen.grid
        row, column = sheet.current()
        assert row.ref == ind_id and column.key == "realisasi", (row, column)
        await pilot.press("x")
        await pilot.pause()
        assert "tekan p" in app.message, app.message
        # p: the properties form; Enter past satuan, arah, rumus and rumus negatif, then the quarter rule.
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter", "enter", "enter", "enter", *"kumulatif", "enter", "enter", "enter", "ctrl+s")
        await pilot.pause()
        assert app.casc.indicators[ind_id][1]["tw_rule"] == "kumulatif"
        assert app.screen.row_values(row)[4] == "10,00"  # 2 + 3 + 2 + 3


def test_a_seksi_imports_the_years_realisasi_beside_its_quarters(tmp_path: Path, demo_path: Path) -> None:
    import openpyxl

    from tests.store.test_xlsx import headers, row_of

    sheet = tmp_path / "seksi.xlsx"
    ok("export", demo_path, "--format", "xlsx", "--year", 2022, "-o", sheet)
    book = openpyxl.load_workbook(sheet)
    ws = book["Kaskade"]
    row = row_of(ws, "ID Indikator", IKM)
    for column, value in (("Realisasi 2022", "83,45"), ("TW I 2022", 80), ("TW II 2022", 81)):
        ws.cell(row, headers(ws)[column], value)
    book.save(sheet)
    assert "3 perubahan" in ok("import", sheet, demo_path)  # accepted whole: the year's value and two quarters
    assert on_disk(demo_path)["realisasi"] == "83.45" and on_disk(demo_path)["tw"] == {"1": "80", "2": "81"}
    assert tabel_3_1_row(demo_path, "Indeks Kepuasan Masyarakat (IKM)")[6] == "83,45"


async def test_a_quarter_keyed_in_the_grid_echoes_what_it_makes_so_far_and_the_years_capaian(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.goto(IKM, "tw1")
        await pilot.pause()
        await pilot.press("8", "0", "tab", "8", "1", "enter")
        await pilot.pause()
        # The echo: the quarterly figure so far, and the year's capaian still from the 82,08 typed for the year.
        echo = app.screen.query_one(EditBar).text.plain
        assert "\u2014 \u2192 81,00 \u00b7 s.d. TW II 81,00 \u00b7 capaian 100,10%" in echo, echo
        assert app.screen.query_one("#indicators", WorkGrid).text_at(IKM, "realisasi") == "82,08"
