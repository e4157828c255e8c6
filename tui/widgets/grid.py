"""A DataTable that knows which of its columns are editable fields and repaints only the cells that change.

DataTable.update_cell() repaints the whole visible table (≈13 KB to the terminal per edit over SSH); writing the cell
data and refreshing just that cell's region costs a few dozen bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int
    field: str | None = None  # the store field edited in this column; None for computed or fixed columns
    numeric: bool = False
    explain: bool = False  # a computed column whose cells can explain their formula


def cell(text: str, numeric: bool) -> Text:
    return Text(text, justify="right" if numeric else "left", no_wrap=True, overflow="ellipsis")


class WorkGrid(DataTable):
    """Rows are keyed by the ref (indicator or node id) they show; columns by Column.key."""

    BINDINGS = [
        Binding("enter", "edit", "Ubah", id="grid.edit"),
        Binding("e", "edit", "Ubah", show=False, id="grid.edit_alt"),
        Binding("delete", "clear_cell", "Kosongkan", show=False, id="grid.clear"),
        Binding("x", "explain", "Jelaskan", id="grid.explain"),
    ]

    # The cell is read from the grid when the message is handled, not when the key was pressed: a tree move
    # typed just before may have replaced the rows meanwhile, and the edit must go to the cell on screen.
    class EditRequested(Message):
        def __init__(self, grid: "WorkGrid", initial: str | None, clear: bool = False) -> None:
            super().__init__()
            self.grid, self.initial, self.clear = grid, initial, clear

    class ExplainRequested(Message):
        def __init__(self, grid: "WorkGrid") -> None:
            super().__init__()
            self.grid = grid

    def __init__(self, columns: list[Column], **kw: object) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=False, **kw)  # type: ignore[arg-type]
        self.spec = columns
        self._values: dict[str, list[str]] = {}
        for c in columns:
            self.add_column(c.label, key=c.key, width=c.width)

    # -- content ---------------------------------------------------------------------------------------------------
    def show_rows(self, rows: list[tuple[str, list[str]]], cursor_column: str | None = None) -> None:
        """Replace all rows (a new node was selected)."""
        keep_col = self.cursor_coordinate.column
        self.clear()
        self._values = {}
        for ref, values in rows:
            self._values[ref] = list(values)
            self.add_row(*[cell(v, c.numeric) for v, c in zip(values, self.spec)], key=ref)
        col = self.column_index(cursor_column) if cursor_column else keep_col
        if rows:
            self.move_cursor(row=0, column=col, animate=False)

    def update_row(self, ref: str, values: list[str]) -> None:
        """Write only the cells whose text changed, refreshing just their regions."""
        old = self._values.get(ref)
        if old is None:
            return
        row = self.get_row_index(ref)
        for col, (before, after) in enumerate(zip(old, values)):
            if before != after:
                column = self.spec[col]
                self._data[self._row_locations.get_key(row)][column.key] = cell(after, column.numeric)  # type: ignore[index]
                self._update_count += 1  # invalidates DataTable's render caches for the next paint
                self.refresh_coordinate(Coordinate(row, col))
        self._values[ref] = list(values)

    def column_index(self, key: str) -> int:
        return next((i for i, c in enumerate(self.spec) if c.key == key), 0)

    def current(self) -> tuple[str, Column] | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return str(row_key.value), self.spec[self.cursor_coordinate.column]

    def text_at(self, ref: str, key: str) -> str:
        return self._values.get(ref, [""] * len(self.spec))[self.column_index(key)]

    def refs(self) -> list[str]:
        return list(self._values)

    # -- actions ---------------------------------------------------------------------------------------------------
    def action_edit(self) -> None:
        self.post_message(self.EditRequested(self, None))

    def action_clear_cell(self) -> None:
        self.post_message(self.EditRequested(self, "", clear=True))

    def action_explain(self) -> None:
        self.post_message(self.ExplainRequested(self))

    def on_key(self, event) -> None:  # typing a digit or a minus starts editing with it, as in a spreadsheet
        char = event.character
        if char and (char.isdigit() or char in "-,") and len(char) == 1:
            here = self.current()
            if here and here[1].field:
                event.stop()
                event.prevent_default()
                self.post_message(self.EditRequested(self, char))
