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
from typing import cast

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from ..shown import shown
from .cell_edit import ONLY_WHILE_EDITING, CellEditor, EditingGrid


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int
    field: str | None = None  # the store field edited in this column; None for computed or fixed columns
    numeric: bool = False
    explain: bool = False  # a computed column whose cells can explain their formula


def cell(text: str, numeric: bool) -> Text:
    return shown(text, justify="right" if numeric else "left", no_wrap=True, overflow="ellipsis")


MOVES = {"down": (1, 0), "right": (0, 1), "left": (0, -1)}
CELL_CACHE = 4000  # rendered cells kept: a few screens of a node's grid
SegmentLines = list[list[Segment]]


class WorkGrid(EditingGrid, DataTable):
    """Rows are keyed by the ref (indicator or node id) they show; columns by Column.key."""

    PASTE_KIND = "grid"  # the size a paste into it may have (tui/paste.py)
    BINDINGS = [
        Binding("enter", "enter", "Ubah / simpan", id="grid.edit"),
        Binding("e", "edit", "Ubah", show=False, id="grid.edit_alt"),
        Binding("delete", "clear_cell", "Kosongkan", show=False, id="grid.clear"),
        Binding("x", "explain", "Jelaskan", id="grid.explain"),
        Binding("tab", "commit('right')", "Simpan, ke kanan", show=False, id="edit.commit_right"),
        Binding("shift+tab", "commit('left')", "Simpan, ke kiri", show=False, id="edit.commit_left"),
        Binding("escape", "cancel", "Batal", show=False, id="edit.cancel"),
        Binding("backspace", "backspace", "Hapus", show=False, id="edit.backspace"),
        Binding("ctrl+u", "clear_text", "Hapus semua", show=False, id="edit.clear_text"),
    ]

    def __init__(self, columns: list[Column], **kw: object) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=False, **kw)  # type: ignore[arg-type]  # DataTable's keywords
        self.spec = columns
        self._values: dict[str, list[str]] = {}
        self._cells: dict[tuple, tuple[object, SegmentLines]] = {}  # see _render_cell
        for c in columns:
            self.add_column(Text(c.label), key=c.key, width=c.width)  # a Text: no markup (nor emoji table) parse

    def _set_hover_cursor(self, active: bool) -> None:
        # Every keyboard move switches the mouse-hover highlight off and repaints the hovered cell, even when it is
        # already off and the mouse is not even reported: half the bytes of a cursor move. Repaint only on a change.
        if active != self._show_hover_cursor:
            super()._set_hover_cursor(active)

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> SegmentLines:
        # DataTable keys its cell cache on a table-wide update counter, so one committed value re-rendered every cell
        # of the rows repainted (11 Rich renders a row: most of a kabupaten commit's paint). Keyed here on the cell's
        # own value object, which update_row replaces when, and only when, its text changes.
        if row_index < 0 or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        value = self._data.get(row_key, {}).get(self._column_locations.get_key(column_index))  # type: ignore[arg-type]  # indexes inside the table have keys
        key = (row_key, column_index, row_index, id(value), base_style, width, cursor, hover, self.show_cursor,
               self._show_hover_cursor, self._pseudo_class_state)
        hit = self._cells.get(key)
        if hit is not None and hit[0] is value:
            return hit[1]
        lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        if len(self._cells) > CELL_CACHE:
            self._cells.clear()
        self._cells[key] = (value, lines)
        return lines

    def on_resize(self) -> None:
        self._end_on_a_column()

    def _end_on_a_column(self) -> None:
        """A grid wider than its pane: the name column takes the spare cells, so the first column that does not fit
        starts past the right edge instead of showing a cut header ("Pr" of Pred, "Pa" of Pagu PK) that the help
        does not explain. Scrolled right, the cursor's column is always whole."""
        room = self.scrollable_content_region.width
        if room <= 0 or not self.spec:
            return
        pad = 2 * self.cell_padding
        used = fits = 0
        for c in self.spec:
            if used + c.width + pad > room:
                break
            used += c.width + pad
            fits += 1
        width = self.spec[0].width + (room - used if 0 < fits < len(self.spec) else 0)
        first = self.ordered_columns[0]
        if first.width != width:
            first.width = width
            self._cells.clear()
            self._clear_caches()
            self._require_update_dimensions = True
            self.refresh()

    def notify_style_update(self) -> None:
        self._cells.clear()  # a theme or focus style changed: every cell renders anew
        super().notify_style_update()

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
                self._data[self._row_locations.get_key(row)][column.key] = cell(after, column.numeric)  # type: ignore[index]  # rows shown have keys
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

    # -- the cursor's cell, for the screen (CellGrid) ------------------------------------------------------------------
    def current_cell(self) -> tuple[str, Column] | None:
        return self.current()

    @property
    def cursor_col(self) -> int:
        return self.cursor_coordinate.column

    def step(self, move: str) -> None:
        """After a commit: down (Enter), right (Tab) or left (Shift+Tab), staying inside the grid."""
        dr, dc = MOVES.get(move, (0, 0))
        coord = self.cursor_coordinate
        self.move_cursor(row=min(coord.row + dr, max(self.row_count - 1, 0)),
                         column=max(0, min(coord.column + dc, len(self.spec) - 1)), animate=False)

    def refs_below(self) -> list[str]:
        """The rows a paste fills: the cursor's and every one below it."""
        return self.refs()[self.cursor_coordinate.row:]

    def go_below(self, ref: str) -> None:
        """After a paste that ended on `ref`: on to the next row to fill, as Enter does."""
        refs = self.refs()
        if ref in refs:
            self.move_cursor(row=min(refs.index(ref) + 1, self.row_count - 1), column=self.cursor_col, animate=False)

    # -- editing (tui/widgets/cell_edit.py) ---------------------------------------------------------------------------
    @property
    def editor(self) -> CellEditor:
        return cast("CellEditor", self.screen)  # MainScreen, through tui/views/cell_editing.py

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        busy = self.is_editing
        if action in ONLY_WHILE_EDITING:
            return busy
        if action in ("cursor_up", "cursor_down", "cursor_left", "cursor_right", "clear_cell", "explain", "edit"):
            return not busy  # the cursor stays on the cell being typed into
        return True
