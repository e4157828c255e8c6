"""SVG snapshots of the main views at 80×24 (pytest-textual-snapshot). Update after a deliberate change with
`.venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update` and look at the new SVGs."""

from __future__ import annotations

from pathlib import Path

from store.workbook import Workbook
from tui.app import LkjipApp


def app_on(path: Path) -> LkjipApp:
    return LkjipApp(Workbook.open(path))


def test_main_view_on_the_ikm_sasaran(snap_compare, demo_path: Path) -> None:
    assert snap_compare(app_on(demo_path), press=["down", "tab"], terminal_size=(80, 24))


def test_tables_view_shows_tabel_3_1(snap_compare, demo_path: Path) -> None:
    assert snap_compare(app_on(demo_path), press=["f3"], terminal_size=(80, 24))


def test_checks_view(snap_compare, demo_path: Path) -> None:
    assert snap_compare(app_on(demo_path), press=["f4"], terminal_size=(80, 24))


def test_help_lists_the_keys(snap_compare, demo_path: Path) -> None:
    assert snap_compare(app_on(demo_path), press=["down", "tab", "question_mark"], terminal_size=(80, 24))


def test_entry_sheet_f8_opens_on_the_first_realisasi(snap_compare, demo_path: Path) -> None:
    assert snap_compare(app_on(demo_path), press=["f8"], terminal_size=(80, 24))


def test_budget_sheet_f9_with_its_sums(snap_compare, demo_path: Path) -> None:
    assert snap_compare(app_on(demo_path), press=["f9"], terminal_size=(80, 24))


def test_an_edit_on_a_long_name_shows_the_whole_typed_value(snap_compare, demo_path: Path) -> None:
    # A program whose indicator names are long: the edit line cuts the label, never the digits being typed.
    keys = ["down", "down", "tab", "right", "right", *"1234567,89"]
    assert snap_compare(app_on(demo_path), press=keys, terminal_size=(80, 24))


def test_a_conflict_opens_whole_in_a_dialog(snap_compare, demo_path: Path, monkeypatch) -> None:
    import store.writer

    # The conflict names when the other operator saved: a fixed clock keeps the picture the same on every run.
    monkeypatch.setattr(store.writer, "now", lambda: "2022-12-30T09:15:00+07:00")
    app = app_on(demo_path)

    async def another_operator_saves_while_typing(pilot) -> None:
        await pilot.press("slash", *"kepuasan", "enter")
        await pilot.pause()
        await pilot.press("right", "right", "enter", "8", "1")
        await pilot.pause()
        Workbook.open(demo_path, user="lain").set("S1/1", "realisasi", "77,77", year=2022)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, run_before=another_operator_saves_while_typing, terminal_size=(80, 24))
