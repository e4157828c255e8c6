"""Every grid's column headers, as an operator reads them at 80×24, tell the columns apart.

A header cut at the edge of the screen still has to name one column: the node grid once showed "Pagu (Rp)" beside a
column headed "Pa" (Pagu PK cut), and F8 showed "TW I" twice (the second was TW III cut)."""

from __future__ import annotations

from pathlib import Path

from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.widgets.grid import WorkGrid
from tui.widgets.sheetgrid import SheetGrid

PROGRAM = "7.01.02"  # a program: the node grid shows its indicators and its budget row


def work_grid_readings(grid: WorkGrid) -> list[tuple[int, str]]:
    """(column, the header text on screen) of each column with any of its header in view."""
    line = grid.render_line(0).text
    left, out = grid.left, []
    for i in range(len(grid.spec)):
        x, width = grid._x(i), grid._width(i)
        start, end = max(x, left), min(x + width, left + len(line))
        if start < end:
            out.append((i, line[start - left:end - left].strip()))
    return out


def sheet_grid_readings(grid: SheetGrid) -> list[tuple[int, str]]:
    line = grid.render_line(0).text
    return [(c, line[x:x + grid.spec[c].width].strip()) for c, x in grid._shown_columns()]


def ambiguous(labels: list[str], readings: list[tuple[int, str]]) -> list[str]:
    """What an operator could not tell apart: two columns reading alike, or a cut header that is also part of
    another column's."""
    problems = []
    seen: dict[str, int] = {}
    for col, text in readings:
        if not text:
            continue  # nothing of the header in view (its cell's padding only)
        if text in seen and seen[text] != col:
            problems.append(f"{labels[seen[text]]!r} and {labels[col]!r} both read {text!r}")
        seen[text] = col
        if text != labels[col]:
            others = [label for i, label in enumerate(labels) if i != col and text in label]
            if others:
                problems.append(f"{labels[col]!r} reads {text!r}, as part of {others}")
    return problems


async def across(pilot, grid, readings, move) -> list[str]:
    """Step the cursor from the first column to the last, reading the header at every position."""
    labels = [c.label for c in grid.spec]
    problems: list[str] = []
    for _ in range(len(grid.spec)):
        problems += ambiguous(labels, readings(grid))
        await move()
        await pilot.pause()
    return problems


async def test_every_grid_header_names_one_column_at_80_columns(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    problems: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.focus_ref(PROGRAM)
        await pilot.pause()
        for grid_id in ("#indicators", "#budget"):
            grid = app.screen.query_one(grid_id, WorkGrid)
            assert grid.display and grid.row_count
            app.screen.set_focus(grid)
            grid.move_cursor(row=0, column=0, animate=False)
            await pilot.pause()
            problems += await across(pilot, grid, work_grid_readings, lambda: pilot.press("right"))
        for key in ("f8", "f9"):
            await pilot.press(key)
            await pilot.pause()
            grid = app.screen.grid
            grid.go(grid.row, 0)
            await pilot.pause()
            problems += await across(pilot, grid, sheet_grid_readings, lambda: pilot.press("right"))
    assert not problems, problems


def test_the_pagu_and_pagu_pk_headers_begin_differently() -> None:
    # Whatever the terminal's width, the node grid's two budget columns differ from their first letter on.
    from tui.views.rows import BUDGET_COLUMNS

    labels = {c.key: c.label for c in BUDGET_COLUMNS}
    assert labels["pagu"][:2] != labels["pagu_pk"][:2]
