"""Typing into a cell is written once for the node grids and the entry sheets (tui/views/cell_editing.py): what the
edit line says after a commit names the cell that was changed, whichever key changed it."""

from __future__ import annotations

from pathlib import Path

from store.workbook import Workbook
from tui.app import LkjipApp
from tui.widgets.editbar import EditBar
from tui.widgets.grid import WorkGrid

IKM = "S1/1"


async def test_delete_after_a_typed_commit_echoes_the_cleared_cell_not_the_last_edited(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"kepuasan", "enter")
        await pilot.pause()
        await pilot.press("right", "right", *"80", "enter")  # the IKM's realisasi
        await pilot.pause()
        assert app.screen.query_one(EditBar).text.plain.startswith("\u2713 Realisasi 2022")
        await pilot.press("left", "delete")  # its target, cleared on purpose
        await pilot.pause()
        grid = app.screen.query_one("#indicators", WorkGrid)
        assert grid.text_at(IKM, "target") == "\u2014"
        echo = app.screen.query_one(EditBar).text.plain
        # The Delete used to be echoed under the label of the last cell typed into ("✓ Realisasi 2022 …").
        assert echo.startswith("\u2713 Target 2022 \u00b7 Indeks Kepuas"), echo
        assert "82,00 \u2192 \u2014" in echo, echo
