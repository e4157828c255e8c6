"""A DataTable that knows which of its columns are editable fields, edits a cell without leaving the grid, and
repaints only the cells that change.

Two costs drove this shape, both measured over an 80×24 pty:
- DataTable.update_cell() repaints the whole visible table (≈13 KB per edit); writing the cell data and refreshing
  that cell's region costs a few dozen bytes.
- Moving focus to a separate Input and back re-styles the screen and recomposes the footer on every commit
  (≈180 ms and ≈9 KB). The grid keeps focus and holds the text being typed itself; the edit line only shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
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


EDITING_ACTIONS = {"commit", "cancel", "backspace", "clear_text"}


class WorkGrid(DataTable):
    """Rows are keyed by the ref (indicator or node id) they show; columns by Column.key."""

    BINDINGS = [
        Binding("enter", "enter", "Ubah / simpan", id="grid.edit"),
        Binding("e", "edit", "Ubah", show=False, id="grid.edit_alt"),
        Binding("delete", "clear_cell", "Kosongkan", show=False, id="grid.clear"),
        Binding("x", "explain", "Jelaskan", id="grid.explain"),
        # While a cell is being edited these come first (priority), before Tab moves focus or Esc leaves.
        Binding("tab", "commit('right')", "Simpan, ke kanan", show=False, priority=True, id="edit.commit_right"),
        Binding("shift+tab", "commit('left')", "Simpan, ke kiri", show=False, priority=True,
                id="edit.commit_left"),
        Binding("escape", "cancel", "Batal", show=False, priority=True, id="edit.cancel"),
        Binding("backspace", "backspace", "Hapus", show=False, priority=True, id="edit.backspace"),
        Binding("ctrl+u", "clear_text", "Hapus semua", show=False, priority=True, id="edit.clear_text"),
    ]

    # The cell is read from the grid when a message is handled, not when the key was pressed: a tree move typed
    # just before may have replaced the rows meanwhile, and the edit must go to the cell on screen.
    class EditRequested(Message):
        def __init__(self, grid: "WorkGrid", initial: str | None, clear: bool = False) -> None:
            super().__init__()
            self.grid, self.initial, self.clear = grid, initial, clear

    class ExplainRequested(Message):
        def __init__(self, grid: "WorkGrid") -> None:
            super().__init__()
            self.grid = grid

    class EditChanged(Message):
        """The text being typed changed (the edit line shows it)."""

        def __init__(self, grid: "WorkGrid") -> None:
            super().__init__()
            self.grid = grid

    class Commit(Message):
        def __init__(self, grid: "WorkGrid", text: str, move: str) -> None:
            super().__init__()
            self.grid, self.text, self.move = grid, text, move

    class Cancel(Message):
        def __init__(self, grid: "WorkGrid") -> None:
            super().__init__()
            self.grid = grid

    def __init__(self, columns: list[Column], **kw: object) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=False, **kw)  # type: ignore[arg-type]
        self.spec = columns
        self._values: dict[str, list[str]] = {}
        self.edit_text: str | None = None  # None: not editing
        self._replace_on_type = False
        for c in columns:
            self.add_column(c.label, key=c.key, width=c.width)

    def _set_hover_cursor(self, active: bool) -> None:
        # Every keyboard move switches the mouse-hover highlight off and repaints the hovered cell, even when it is
        # already off and the mouse is not even reported: half the bytes of a cursor move. Repaint only on a change.
        if active != self._show_hover_cursor:
            super()._set_hover_cursor(active)

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

    # -- editing ---------------------------------------------------------------------------------------------------
    @property
    def is_editing(self) -> bool:
        return self.edit_text is not None

    def begin_edit(self, text: str, *, replace_on_type: bool) -> None:
        self.edit_text = text
        self._replace_on_type = replace_on_type
        self.post_message(self.EditChanged(self))

    def end_edit(self) -> None:
        self.edit_text = None
        self.post_message(self.EditChanged(self))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in EDITING_ACTIONS:
            return self.is_editing
        if action in ("cursor_up", "cursor_down", "cursor_left", "cursor_right", "clear_cell", "explain", "edit"):
            return not self.is_editing  # the cursor stays on the cell being typed into
        return True

    def action_enter(self) -> None:
        if self.is_editing:
            self.action_commit("down")
        else:
            self.action_edit()

    def action_commit(self, move: str) -> None:
        self.post_message(self.Commit(self, self.edit_text or "", move))

    def action_cancel(self) -> None:
        self.post_message(self.Cancel(self))

    def action_backspace(self) -> None:
        self._replace_on_type = False
        self.edit_text = (self.edit_text or "")[:-1]
        self.post_message(self.EditChanged(self))

    def action_clear_text(self) -> None:
        self._replace_on_type = False
        self.edit_text = ""
        self.post_message(self.EditChanged(self))

    def action_edit(self) -> None:
        self.post_message(self.EditRequested(self, None))

    def action_clear_cell(self) -> None:
        self.post_message(self.EditRequested(self, "", clear=True))

    def action_explain(self) -> None:
        self.post_message(self.ExplainRequested(self))

    def on_key(self, event: events.Key) -> None:
        char = event.character
        if not char or len(char) != 1 or not char.isprintable():
            return
        if self.is_editing:
            event.stop()
            event.prevent_default()
            self.edit_text = char if self._replace_on_type else (self.edit_text or "") + char
            self._replace_on_type = False
            self.post_message(self.EditChanged(self))
        elif char.isdigit() or char in "-,":
            # Typing a digit or a minus starts editing with it, as in a spreadsheet.
            here = self.current()
            if here and here[1].field:
                event.stop()
                event.prevent_default()
                self.post_message(self.EditRequested(self, char))
