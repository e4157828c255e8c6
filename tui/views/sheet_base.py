"""What the two entry sheets (F8 kinerja, F9 anggaran) share: one SheetGrid, its title, and repainting only the
cells a commit changed. Editing a cell and pasting a block are the node grids' own (tui/views/cell_editing.py).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ..widgets.editbar import EditBar
from ..widgets.grid import Column
from ..widgets.keybar import KeyBar
from ..widgets.sheet_rows import SheetRow
from ..widgets.sheetgrid import SheetGrid
from ..widgets.status import StatusLine
from .base import WorkbookView
from .cell_editing import CellEditing


class SheetView(CellEditing, WorkbookView):
    """A screen with one SheetGrid; subclasses say which rows it has and what they show."""

    SHORT_ECHO = True  # the row is on screen beside the echo: the field's label alone (fewer bytes per commit)
    COLUMNS: list[Column] = []
    TITLE = ""
    KEYS: list[str] = []

    def __init__(self) -> None:
        super().__init__()
        self._year: int | None = None
        self._rows_of: object = None  # the cascade index the rows were built from
        self._shown_title: Text | None = None
        self._counted: tuple[object, int] = (None, 0)

    # -- subclasses --------------------------------------------------------------------------------------------------
    def build_rows(self) -> list[SheetRow]:  # pragma: no cover - each sheet lists its rows
        raise NotImplementedError

    def row_values(self, row: SheetRow) -> list[str]:  # pragma: no cover
        raise NotImplementedError

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
