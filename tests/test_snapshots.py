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
