"""What the two entry sheets (F8 kinerja, F9 anggaran) share: editing a cell through the one edit path, pasting a
column as one batch (tui/paste.py), and repainting only the cells a commit changed.

A commit goes the way of every edit (Workbook.apply through the app: lock, conflict check against the value seen
when the edit began, log, undo). A paste is parsed and validated whole before anything is written, then applied as
one Batch: one lock, one save, one undo step.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from store.fields import Holder, FieldSpec, display_exact, get_value, spec_of

from ..paste import paste_block
from ..rows import edit_label, locked_reason
from ..session import why_no_digit
from ..widgets.editbar import EditBar
from ..widgets.grid import Column
from ..widgets.keybar import KeyBar
from ..widgets.sheet_rows import SheetRow
from ..widgets.sheetgrid import SheetGrid
from ..widgets.status import StatusLine
from .base import WorkbookView


class SheetView(WorkbookView):
    """A screen with one SheetGrid; subclasses say which rows it has and what they show."""

    COLUMNS: list[Column] = []
    TITLE = ""
    KEYS: list[str] = []

    def __init__(self) -> None:
        super().__init__()
        # (ref, column, the stored value the operator saw when the edit began, the edit line's label)
        self.editing: tuple[str, Column, object, str] | None = None
        self._year: int | None = None
        self._rows_of: object = None  # the cascade index the rows were built from
        self._shown_title: Text | None = None
        self._counted: tuple[object, int] = (None, 0)

    # -- subclasses --------------------------------------------------------------------------------------------------
    def build_rows(self) -> list[SheetRow]:  # pragma: no cover - each sheet lists its rows
        raise NotImplementedError

    def row_values(self, row: SheetRow) -> list[str]:  # pragma: no cover
        raise NotImplementedError

    def container(self, row: SheetRow, spec: FieldSpec) -> Holder | None:
        """The dict holding the field, or None (with a message said) when this cell is not typed into."""
        raise NotImplementedError  # pragma: no cover

    def subtitle(self) -> str:
        return ""

    def editable_rows(self) -> int:
        """How many rows can be typed into (not group lines): counted once per set of rows, not on every commit
        (6,000 rows at kabupaten scale)."""
        rows = self.grid.rows
        if self._counted[0] is not rows:
            self._counted = (rows, sum(not r.group for r in rows))
        return self._counted[1]

    # -- layout ------------------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="sheet-title", classes="view-title")
        yield SheetGrid(self.COLUMNS, self, id="sheet")
        yield EditBar(id="editbar")
        yield StatusLine()
        yield KeyBar(self.KEYS)

    @property
    def grid(self) -> SheetGrid:
        return self.query_one(SheetGrid)

    def on_mount(self) -> None:
        self.grid.focus()

    def on_screen_resume(self) -> None:
        # The echo of the last commit was said on this view before the operator left it: back here (F8 after F9)
        # it would read as the answer to something done now.
        if not self.editing:
            self.query_one(EditBar).close()
        super().on_screen_resume()

    def focus_for_keys(self) -> None:
        """Called by the app once this view is switched to: the keys typed right after F8 / F9 go to the grid."""
        if self.focused is None:
            self.set_focus(self.grid)

    def redraw(self) -> None:
        """A new year, or the first visit: rebuild the rows, keep the cursor on the same indicator if it is there."""
        grid = self.grid
        keep = grid.rows[grid.row].ref if grid.rows else None
        first = self._year is None
        self._year = self.session.year
        self._rows_of = self.session.casc
        grid.set_rows(self.build_rows(), keep=keep,
                      column=next((i for i, c in enumerate(self.COLUMNS) if c.key == "realisasi"), 0) if first
                      else None)
        self._title()

    def _title(self) -> None:
        title = Text(f"{self.TITLE} {self.session.year}", style="bold")
        title.append(f"  {self.subtitle()}", style="dim")
        if title != self._shown_title:  # a commit that changes no count must not repaint the title (bytes)
            self._shown_title = title
            self.query_one("#sheet-title", Static).update(title)

    def refresh_content(self, force: bool = False) -> None:
        """After a save (this operator's or another's): repaint the changed cells of the rows in view. A new year
        or a changed cascade rebuilds the rows."""
        app = self.session
        if not self.stale() and not force:
            return
        grid = self.grid
        if force or self._year != app.year:
            self._close_editor()
            self.redraw()
            return
        if app.casc is not self._rows_of:
            # Reloaded from disk or renamed: the cascade may have changed shape. Values alone (the usual commit)
            # keep the same index, and the rows stay as they are: an emptied cell does not vanish under a filter
            # while the operator types.
            rows = self.build_rows()
            self._rows_of = app.casc
            if [r.ref for r in rows] != [r.ref for r in grid.rows]:
                self._close_editor()
                self.redraw()
                return
            grid.rows = rows
        grid.forget_hidden()
        for i in grid.visible_rows():
            grid.update_row(i, self.row_values(grid.rows[i]))
        self._title()

    # -- the SheetEditor protocol --------------------------------------------------------------------------------------
    def start_edit(self, grid: SheetGrid, clear: bool) -> None:
        here = grid.current()
        if here is None:
            return
        row, column = here
        if column.field is None:
            self.session.say(why_no_digit(column), error=True)
            return
        spec = spec_of(column.field)
        holder = self.container(row, spec)
        if holder is None:
            return
        year = self.session.year if spec.yearly else None
        locked = locked_reason(self.session.casc, year)
        if locked:
            self.session.say(locked, error=True)
            return
        old = get_value(holder, spec, year)
        if clear:
            self._commit(grid, row.ref, column, old, "", "down", clear=True)
            return
        name = self.row_values(row)[1]
        label = edit_label(self.session.casc, row.ref, spec.label, spec.name, year, name)
        self.editing = (row.ref, column, old, label)
        grid.begin_edit(display_exact(spec, old), replace_on_type=True)

    def edit_changed(self, grid: SheetGrid) -> None:
        if self.editing and grid.is_editing:
            self.query_one(EditBar).show(self.editing[3], grid.edit_text or "", selected=grid._replace_on_type)

    def commit_edit(self, grid: SheetGrid, text: str, move: str) -> None:
        if self.editing:
            ref, column, old, _ = self.editing
            self._commit(grid, ref, column, old, text, move)

    def cancel_edit(self, grid: SheetGrid) -> None:
        if self.editing:
            self._close_editor()
            self.session.say(f"Dibatalkan; nilai tetap {grid.values(grid.row)[grid.col]}.")

    def _commit(self, grid: SheetGrid, ref: str, column: Column, old: object, text: str, move: str,
                clear: bool = False) -> None:
        app = self.session
        spec = spec_of(column.field or "")
        done = app.commit_typed(ref, spec.name, old, text, clear=clear)
        if done is None:
            return  # refused and said: the typed text stays in the editor, the cell keeps its value
        edit, applied = done
        self._close_editor()
        tail = app.capaian_tail(edit)  # the new capaian, and ⚠ with its reason
        # A short echo: the row is on screen beside it, so the field's label alone (fewer bytes per commit).
        self.query_one(EditBar).echo(f"\u2713 {spec.label}:", applied.old_text, applied.new_text, tail)
        if app.message_error:
            app.say("")
        if move == "down":
            grid.go(grid.next_row(1))
        elif move in ("right", "left"):
            grid.go(grid.row, grid.col + (1 if move == "right" else -1))

    def editor_text(self) -> str | None:
        """What is being typed, or None when no cell is being edited."""
        return self.grid.edit_text if self.editing and self.grid.is_editing else None

    def commit_pending(self) -> None:
        """Commit what is being typed as Enter would (Ctrl+Q's "save, then quit")."""
        if self.editor_text() is not None:
            self.commit_edit(self.grid, self.grid.edit_text or "", "down")

    def _close_editor(self) -> None:
        if self.editing:
            self.editing = None
            self.grid.end_edit()
            self.query_one(EditBar).close()

    def explain_cell(self, grid: SheetGrid) -> None:
        from ..rows import explain

        here = grid.current()
        if here is None or not here[1].explain:
            self.session.say("Pilih sel Capaian, Predikat, Serapan atau Pagu PK untuk melihat rumusnya.")
            return
        self.session.say(explain(self.session.casc, here[0].ref, here[1].key, self.session.year))

    # -- paste ---------------------------------------------------------------------------------------------------------
    def paste_text(self, grid: SheetGrid, text: str) -> None:
        """Fill downward from the cursor (group lines skipped), across for tab-separated cells; all or nothing."""
        rows, index = grid.rows, grid.index_of
        last = paste_block(self.session, self.query_one(EditBar), text, editing=grid.is_editing,
                           rows=(rows[i].ref for i in range(grid.row, len(rows)) if not rows[i].group),
                           columns=self.COLUMNS, col=grid.col,
                           container=lambda ref, spec: self.container(rows[index(ref) or 0], spec),
                           name_of=lambda ref: self.row_values(rows[index(ref) or 0])[1])
        if last is not None:
            grid.go(index(last) or 0)
            grid.go(grid.next_row(1))  # on to the next row to fill, as Enter does
