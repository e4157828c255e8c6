"""Things an operator hit at 80×24 (issue 10, points 6 and 7), driven with the Pilot as they were hit."""

from __future__ import annotations

from pathlib import Path

import orjson

from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.views.main import MainScreen
from tui.views.message import QuitWhileTyping
from tui.widgets.editbar import EditBar
from tui.widgets.grid import WorkGrid

IKM = "S1/1"


def on_disk(path: Path, ind_id: str = IKM, year: str = "2022") -> dict:
    doc = orjson.loads(path.read_bytes())
    return next(i for n in doc["nodes"].values() for i in n["indicators"] if i["id"] == ind_id)["years"].get(year, {})


def name_on_disk(path: Path, ind_id: str) -> str:
    doc = orjson.loads(path.read_bytes())
    return next(i for n in doc["nodes"].values() for i in n["indicators"] if i["id"] == ind_id)["name"]


async def to_ikm(pilot, column_steps: int = 2) -> None:
    """/ kepuasan Enter lands on the IKM row's name; `column_steps` to the right from there."""
    await pilot.press("slash", *"kepuasan", "enter")
    await pilot.pause()
    await pilot.press(*["right"] * column_steps)
    await pilot.pause()


def edit_line(app: LkjipApp) -> str:
    return app.screen.query_one(EditBar).text.plain


async def test_ctrl_q_with_a_value_typed_asks_and_y_saves_it_before_quitting(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_ikm(pilot)
        await pilot.press("9", "1", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitWhileTyping)
        await pilot.press("y")
        await pilot.pause()
    assert on_disk(demo_path)["realisasi"] == "91"


async def test_ctrl_q_with_a_value_typed_n_quits_without_it_and_esc_goes_back(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_ikm(pilot)
        await pilot.press("9", "1", "ctrl+q")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.screen.editor_text() == "91"
        await pilot.press("ctrl+q", "n")
        await pilot.pause()
    assert on_disk(demo_path)["realisasi"] == "82.08"


async def test_the_quarterly_rule_is_on_the_edit_line_and_x_explains_the_realisasi(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    wb.set(IKM, "tw1", "80", year=2022)
    wb.set(IKM, "tw3", "84", year=2022)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_ikm(pilot)
        await pilot.press("x")
        await pilot.pause()
        # IKM is an index: nilai akhir, the year's realisasi is the latest filled quarter.
        assert "nilai akhir" in app.message and "TW III" in app.message and "84" in app.message, app.message
        await pilot.press("enter")
        await pilot.pause()
        assert "(nilai akhir)" in edit_line(app)


async def test_a_digit_on_the_name_cell_does_not_replace_the_name_and_says_why(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab")  # from the tree into the grid: the cursor lands on the indicator's name
        await pilot.pause()
        grid = app.screen.query_one("#indicators", WorkGrid)
        ref, column = grid.current()
        assert column.key == "name"
        before = name_on_disk(demo_path, ref)
        await pilot.press("7", "7", "enter", "escape")
        await pilot.pause()
        assert name_on_disk(demo_path, ref) == before
        await pilot.press("7")
        await pilot.pause()
        assert "Enter atau e" in app.message


async def test_a_digit_on_a_computed_cell_says_why_nothing_happens(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_ikm(pilot, column_steps=3)  # Capaian%
        await pilot.press("5")
        await pilot.pause()
        assert "dihitung" in app.message and app.screen.editor_text() is None


async def test_the_command_palette_is_indonesian_throughout(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one("CommandInput").placeholder == "Cari perintah\u2026"
        await pilot.press(*"zzzz")
        await pilot.pause(0.8)
        texts = [str(o.prompt) for o in app.screen.query_one("CommandList")._options]
        assert any("Tidak ada perintah" in t for t in texts) and not any("No matches" in t for t in texts)


async def test_f1_on_the_entry_sheet_lists_the_sheets_keys(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query_one("#help-box")
        # The sheet's own keys, by what they do (the keymap ids are in the README, not here).
        does = [str(table.get_row_at(r)[1]) for r in range(table.row_count)]
        assert {"Hanya kosong", "Tingkat", "Cabang"} <= set(does), does


async def test_the_status_line_shows_the_same_revision_on_every_view(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")  # the tables view is drawn at revision 0
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await to_ikm(pilot)
        await pilot.press("9", "0", "enter")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        saved = " ".join(app.screen.query_one(f"#status-{part}").text.plain for part in ("saved", "revision"))
        assert "revisi 1" in saved and "tahun 2022" in saved, saved


async def test_a_message_goes_away_on_the_next_key(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_ikm(pilot, column_steps=3)
        await pilot.press("x")
        await pilot.pause()
        assert "Capaian" in app.message
        await pilot.press("left")
        await pilot.pause()
        assert app.message == ""


async def test_tree_rows_show_names_and_predikat_cannot_be_misread(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_ikm(pilot)
        labels = [str(n.label) for n in app.screen.query_one("#tree")._by_id.values()]
        assert not any("7.01.01.2.01" in label for label in labels)  # codes are in the right pane's title
        predikat = app.screen.query_one("#indicators", WorkGrid).text_at(IKM, "predikat")
        assert predikat in ("ST", "T", "S", "R", "SR")


async def test_an_edit_on_a_long_name_shows_every_typed_digit(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "tab", "right", "right", *"1234567,89")
        await pilot.pause()
        assert "1234567,89" in edit_line(app)


async def test_the_log_view_shows_locks_as_terkunci_and_reaches_every_column(demo_path: Path) -> None:
    Workbook.open(demo_path).lock_year(2021)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        table = app.screen.query_one("#log-view")
        row = [str(c) for c in table.get_row_at(0)]
        assert "terkunci" in row, row
        await pilot.press(*["right"] * 7)
        await pilot.pause()
        assert table.cursor_coordinate.column == 7
        widths = [c.get_render_width(table) for c in table.ordered_columns]
        assert table.scroll_x + table.scrollable_content_region.width >= sum(widths)  # the last column in view


async def test_in_the_entry_sheet_x_on_a_realisasi_and_a_digit_on_a_name(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    wb.set("T1/1", "aturan-tw", "kumulatif")  # the quarters add up
    wb.set("T1/1", "tw1", "20", year=2022)
    wb.set("T1/1", "tw2", "30", year=2022)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")  # opens on the first indicator's realisasi (Nilai SAKIP Kecamatan)
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert "TW I + TW II" in app.message and "50" in app.message, app.message
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "7")  # back to the name column
        await pilot.pause()
        assert app.screen.editor_text() is None and "Indikator" in app.message, app.message
