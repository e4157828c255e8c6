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

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from ..session import session_of, why_no_digit
from ..shown import shown


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


def is_one_value(text: str) -> bool:
    """A paste without a line break or a tab is typed text: into an open cell editor it goes as if typed."""
    return not any(c in text for c in "\r\n\t")


def typed(edit_text: str | None, replace: bool, text: str) -> str:
    """The editor's text after `text` is typed (or pasted) into it: it replaces a selected value, else extends it."""
    return text if replace else (edit_text or "") + text


EDITING_ACTIONS = {"commit", "cancel", "backspace", "clear_text"}
CELL_CACHE = 4000  # rendered cells kept: a few screens of a node's grid
SegmentLines = list[list[Segment]]


class WorkGrid(DataTable):
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

    class Pasted(Message):
        """A bracketed paste of several values (a column or block from a spreadsheet), for the screen to store."""

        def __init__(self, grid: "WorkGrid", text: str) -> None:
            super().__init__()
            self.grid, self.text = grid, text

    def __init__(self, columns: list[Column], **kw: object) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=False, **kw)  # type: ignore[arg-type]  # DataTable's keywords
        self.spec = columns
        self._values: dict[str, list[str]] = {}
        self._cells: dict[tuple, tuple[object, SegmentLines]] = {}  # see _render_cell
        self.edit_text: str | None = None  # None: not editing
        self._replace_on_type = False
        self._initial = ""  # the key that started the edit (a digit typed on a cell), applied when it begins
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

    # -- editing ----------------------------------------------------------------------------------------------------
    # Editing messages go to the screen synchronously, not through the message queue. Keys of a burst (a paste, a
    # fast typist over SSH) are already queued behind the key that started or committed an edit; posted, the
    # screen's answer came after them, so they had to be held aside, and "4 Enter 5 Enter" held "45" for one commit
    # (measured in a pty: tests/test_burst_pty.py). Delivered at once, each key finds the edit started, committed and the cursor moved before the next.
    def _deliver(self, message: Message) -> None:
        handler = getattr(self.screen, message.handler_name, None)
        if callable(handler):
            handler(message)
        else:
            self.post_message(message)

    @property
    def is_editing(self) -> bool:
        return self.edit_text is not None

    def _request(self, initial: str) -> None:
        self._initial = initial
        self._deliver(self.EditRequested(self, initial or None))
        self._initial = ""

    def begin_edit(self, text: str, *, replace_on_type: bool) -> None:
        """The screen starts the edit with the cell's value; a digit that started it replaces (or extends) it."""
        if self._initial:
            text = self._initial if replace_on_type else text + self._initial
            replace_on_type = False
        self._initial = ""
        self.edit_text = text
        self._replace_on_type = replace_on_type
        self._deliver(self.EditChanged(self))

    def refuse_edit(self) -> None:
        """The screen will not edit this cell (a computed column, a parent's sum): the starting key is dropped."""
        self._initial = ""

    def end_edit(self) -> None:
        self.edit_text = None
        self._deliver(self.EditChanged(self))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        busy = self.is_editing
        if action in EDITING_ACTIONS:
            return busy
        if action in ("cursor_up", "cursor_down", "cursor_left", "cursor_right", "clear_cell", "explain", "edit"):
            return not busy  # the cursor stays on the cell being typed into
        return True

    def action_enter(self) -> None:
        if self.is_editing:
            self.action_commit("down")
        else:
            self.action_edit()

    def action_commit(self, move: str) -> None:
        if self.is_editing:
            self._deliver(self.Commit(self, self.edit_text or "", move))

    def action_cancel(self) -> None:
        if self.is_editing:
            self._deliver(self.Cancel(self))

    def action_backspace(self) -> None:
        self._replace_on_type = False
        self.edit_text = (self.edit_text or "")[:-1]
        self._deliver(self.EditChanged(self))

    def action_clear_text(self) -> None:
        self._replace_on_type = False
        self.edit_text = ""
        self._deliver(self.EditChanged(self))

    def action_edit(self) -> None:
        if not self.is_editing:
            self._request("")

    def action_clear_cell(self) -> None:
        self._deliver(self.EditRequested(self, "", clear=True))

    def action_explain(self) -> None:
        self._deliver(self.ExplainRequested(self))

    async def on_key(self, event: events.Key) -> None:
        """Every key for this grid is handled here, in arrival order.

        Textual runs bindings only once a key has bubbled up to the app, by which time the grid may already have
        taken the next keys of a burst: "↓ 8" could start the edit on the old row, "8 ] 9" could store 9 in the old
        year. The grid's own bindings (keymap included) and then the screen's and the app's run here, at once."""
        busy = self.is_editing
        action = next((b.action for b in self._bindings.key_to_bindings.get(event.key, ())), None)
        char = event.character if event.character and len(event.character) == 1 else None
        if busy:
            event.stop()
            event.prevent_default()
            if action and action.split("(")[0] in EDITING_ACTIONS | {"enter"}:
                await self.run_action(action)
            elif char and char.isprintable():
                self._type(char)
            return  # anything else (arrows, Home…) is ignored while a cell is being typed into
        if action and action.split("(")[0] not in EDITING_ACTIONS:
            event.stop()
            event.prevent_default()
            await self.run_action(action)
        elif char and (char.isdigit() or char in "-,"):
            # Typing a digit or a minus starts editing a number cell with it, as in a spreadsheet. Never a text
            # cell: Tab into the grid lands on the indicator's name, and "77 Enter" renamed it to "77".
            here = self.current()
            if here:
                event.stop()
                event.prevent_default()
                if here[1].field and here[1].numeric:
                    self._request(char)
                else:
                    session_of(self).say(why_no_digit(here[1]), error=True)
        elif await self.app._check_bindings(event.key):  # the screen's and the app's keys, in order too
            event.stop()
            event.prevent_default()

    def _type(self, text: str) -> None:
        self.edit_text = typed(self.edit_text, self._replace_on_type, text)
        self._replace_on_type = False
        self._deliver(self.EditChanged(self))

    def on_paste(self, event: events.Paste) -> None:
        """One value pasted into an open editor is typed into it; anything else goes to the screen as a paste, in
        arrival order with the keys around it (delivered at once, like every editing message)."""
        event.stop()
        if self.is_editing and is_one_value(event.text):
            self._type(event.text)
        else:
            self._deliver(self.Pasted(self, event.text))
