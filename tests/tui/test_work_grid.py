"""The main view's node grids, drawn line by line (tui/widgets/grid.py): a node with more indicators than fit
scrolls to the cursor's row under a header that stays, and a value typed on a row scrolled into view lands there."""

from __future__ import annotations

import copy
from pathlib import Path

from store.demo import demo_document
from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.widgets.grid import WorkGrid

NODE = "7.01.01.2.06.0009"  # a sub kegiatan of the demo with four indicators
EXTRA = 25  # more than the 80×24 screen has lines for


def many_indicators(tmp_path: Path) -> Path:
    doc = demo_document()
    node = next(n for n in doc["nodes"].values() if n["id"] == NODE)
    for i in range(EXTRA):
        ind = copy.deepcopy(node["indicators"][0])
        ind["id"], ind["name"] = f"{NODE}/{5 + i}", f"Tambahan {i}"
        node["indicators"].append(ind)
    path = tmp_path / "banyak.json"
    Workbook.create(path, doc)
    return path


def lines(grid: WorkGrid) -> list[str]:
    return [grid.render_line(y).text for y in range(grid.size.height)]


async def test_a_node_with_more_rows_than_fit_scrolls_to_the_cursor_under_its_header(tmp_path: Path) -> None:
    path = many_indicators(tmp_path)
    last = f"{NODE}/{4 + EXTRA}"
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.focus_ref(f"{NODE}/1")  # its first indicator
        await pilot.pause()
        grid = app.screen.query_one("#indicators", WorkGrid)
        assert app.focused is grid and grid.size.height < grid.row_count + 1  # the rows do not all fit
        assert not any(f"Tambahan {EXTRA - 1}" in line for line in lines(grid))
        await pilot.press("ctrl+end")
        await pilot.pause()
        shown = lines(grid)
        assert grid.current()[0] == last
        assert shown[0].lstrip().startswith("Indikator") and f"Tambahan {EXTRA - 1}" in shown[-1]
        await pilot.press("right", "right", *"7", "enter")  # the realisasi of the last row, scrolled into view
        await pilot.pause()
        assert grid.text_at(last, "realisasi") == "7,00" and "7,00" in lines(grid)[-1]
        assert Workbook.open(path).cascade().indicators[last][1]["years"]["2022"]["realisasi"] is not None
        await pilot.press("ctrl+home")
        await pilot.pause()
        shown = lines(grid)
        assert grid.current()[0] == f"{NODE}/1" and shown[0].lstrip().startswith("Indikator")
        assert not any(f"Tambahan {EXTRA - 1}" in line for line in shown)


async def test_a_click_on_a_cell_puts_the_cursor_there(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "tab")  # the IKM sasaran, its indicator grid
        await pilot.pause()
        grid = app.screen.query_one("#indicators", WorkGrid)
        assert grid.current()[1].key == "name"
        await pilot.click("#indicators", offset=(grid._x(2) + 3, 1))  # inside the Realisasi cell of the first row
        await pilot.pause()
        assert grid.current() == (grid.refs()[0], grid.spec[2]) and grid.spec[2].key == "realisasi"
