"""The entry sheets' grid: thousands of rows, of which only the lines on screen are ever formatted.

A DataTable formats and measures every row it is given: 6,000 rows of a kabupaten sheet took seconds to open. This
grid draws line by line (Textual's line API): a row's texts are asked for when the row comes into view and kept
until the workbook changes. A cursor move repaints two cells; a scroll repaints the grid, each line one run of text.

Group lines (tujuan, sasaran, program, kegiatan; or budget sums) are read-only: up, down and Enter pass over them.
Every key is handled in `on_key` (tui/widgets/cell_edit.py, as in the node grids), in arrival order, and the screen
(the `SheetEditor`) answers synchronously, so a burst of keys (a paste, a fast typist over SSH) gives what the same
keys typed slowly give.
"""

from __future__ import annotations

from typing import Iterable

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget

from .cell_edit import EditingGrid
from .cells import fit, plain_line
from .grid import Column
from .sheet_rows import SheetEditor, SheetRow


HEADER = Style(bold=True, underline=True)
GROUP = Style(bold=True)
CURSOR = Style(reverse=True)
TYPING = Style(reverse=True, underline=True)
PREFETCH_SECONDS = 0.1  # after the view moved, the pause before the page below it is computed


class SheetGrid(EditingGrid, Widget, can_focus=True):
    DEFAULT_CSS = "SheetGrid { height: 1fr; }"
    PASTE_KIND = "grid"  # the size a paste into it may have (tui/views/paste.py)
    editor: SheetEditor  # the screen, given at construction: the rows' texts besides the cell editing

    BINDINGS = [
        Binding("up", "move(-1, 0)", "Naik", show=False, id="sheet.up"),
        Binding("down", "move(1, 0)", "Turun", show=False, id="sheet.down"),
        Binding("left", "move(0, -1)", "Kiri", show=False, id="sheet.left"),
        Binding("right", "move(0, 1)", "Kanan", show=False, id="sheet.right"),
        Binding("pageup", "page(-1)", "Halaman naik", show=False, id="sheet.page_up"),
        Binding("pagedown", "page(1)", "Halaman turun", show=False, id="sheet.page_down"),
        Binding("home", "edge(-1)", "Baris pertama", show=False, id="sheet.first"),
        Binding("end", "edge(1)", "Baris terakhir", show=False, id="sheet.last"),
        Binding("enter", "enter", "Ubah / simpan", id="sheet.edit"),
        Binding("e", "edit", "Ubah", show=False, id="sheet.edit_alt"),
        Binding("delete", "clear_cell", "Kosongkan", show=False, id="sheet.clear"),
        Binding("x", "explain", "Jelaskan", id="sheet.explain"),
        Binding("tab", "tab('right')", "Simpan, ke kanan", show=False, id="sheet.commit_right"),
        Binding("shift+tab", "tab('left')", "Simpan, ke kiri", show=False, id="sheet.commit_left"),
        Binding("escape", "cancel", "Batal", show=False, id="sheet.cancel"),
        Binding("backspace", "backspace", "Hapus", show=False, id="sheet.backspace"),
        Binding("ctrl+u", "clear_text", "Hapus semua", show=False, id="sheet.clear_text"),
    ]

    def __init__(self, columns: list[Column], editor: SheetEditor, *, frozen: int = 2, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]  # Widget's keywords (id, classes), passed on
        self.spec = columns
        self.editor = editor
        self.frozen = frozen  # the first columns (kode, nama) stay in view when the grid scrolls sideways
        self.rows: list[SheetRow] = []
        self._index: dict[str, int] = {}
        self._cache: dict[int, list[str]] = {}  # row index → its texts, for rows that have been in view
        self.row = 0
        self.col = 0
        self.top = 0
        self.left = frozen
        self._columns_for: tuple[tuple[int, int] | None, list[tuple[int, int]]] = (None, [])
        self._style_for: tuple[tuple | None, Style] = (None, Style())
        self._prefetch: Timer | None = None

    # -- content ---------------------------------------------------------------------------------------------------
    def set_rows(self, rows: list[SheetRow], *, keep: str | None = None, column: int | None = None) -> None:
        self.rows = rows
        self._index = {r.ref: i for i, r in enumerate(rows)}
        self._cache.clear()
        if column is not None:
            self.col = column
        start = self._index.get(keep or "", 0)
        self.row = self._editable_from(start, 1)
        self.top = min(self.top, max(0, self.row))
        self._scroll_into_view()
        self.refresh()
        self._prefetch_soon()

    def values(self, i: int) -> list[str]:
        if i not in self._cache:
            self._cache[i] = self.editor.row_values(self.rows[i])
        return self._cache[i]

    def _prefetch_soon(self) -> None:
        """After the view moved: the texts of the page below it are computed while the operator reads, so the Enter
        that scrolls there only draws (at kabupaten scale, the rows a jump reveals were ≈1.5 ms of that Enter)."""
        if self._prefetch is not None:
            self._prefetch.stop()
        if self.is_attached:
            self._prefetch = self.set_timer(PREFETCH_SECONDS, self._compute_below)

    def _compute_below(self) -> None:
        self._prefetch = None
        for i in range(self.top + self.body_height, min(len(self.rows), self.top + 2 * self.body_height)):
            self.values(i)

    def visible_rows(self) -> range:
        return range(self.top, min(len(self.rows), self.top + self.body_height))

    def forget_hidden(self) -> None:
        """The workbook changed: texts of rows out of view are asked for again when they come back."""
        shown = self.visible_rows()
        self._cache = {i: v for i, v in self._cache.items() if i in shown}

    def update_row(self, i: int, values: list[str]) -> None:
        """Write only the cells whose text changed, repainting just those cells."""
        old = self._cache.get(i)
        if old is values:  # the very texts computed before (SheetScreen.row_values keeps them)
            return
        self._cache[i] = values
        if old is None or i not in self.visible_rows():
            return
        for c, (before, after) in enumerate(zip(old, values)):
            if before != after:
                self._refresh_cell(i, c)

    def index_of(self, ref: str) -> int | None:
        return self._index.get(ref)

    def current(self) -> tuple[SheetRow, Column] | None:
        if not self.rows or self.rows[self.row].group:
            return None
        return self.rows[self.row], self.spec[self.col]

    @property
    def body_height(self) -> int:
        return max(1, self.size.height - 1)

    # -- geometry --------------------------------------------------------------------------------------------------
    def _shown_columns(self) -> list[tuple[int, int]]:
        """(column index, x) of the columns on screen: the frozen ones, then from `left` on, each whole. Kept while
        the width and the scroll stay: a repaint of the grid asks for it on every line.

        A column that does not fit is left out, not cut at the edge: "TW III" cut to "TW I" read as a second TW I,
        and a cut number shows other digits than the cell holds. Only the frozen columns and the first scrolled one
        are cut when the room is narrower than they are (never at 80 columns)."""
        key = (self.left, self.size.width)
        if self._columns_for[0] != key:
            out: list[tuple[int, int]] = []
            x = 0
            for c in [*range(self.frozen), *range(self.left, len(self.spec))]:
                if x >= self.size.width or len(out) > self.frozen and x + self.spec[c].width > self.size.width:
                    break
                out.append((c, x))
                x += self.spec[c].width + 1
            self._columns_for = (key, out)
        return self._columns_for[1]

    def _base_style(self) -> Style:
        """The grid's own style (Textual works it out from every ancestor's CSS): kept until CSS or focus change."""
        key = (self.app._css_update_count, self.has_focus)
        if self._style_for[0] != key:
            self._style_for = (key, self.rich_style)
        return self._style_for[1]

    def _refresh_cell(self, i: int, c: int) -> None:
        for col, x in self._shown_columns():
            if col == c:
                self.refresh(Region(x, i - self.top + 1, self.spec[c].width + 1, 1))

    def _refresh_row(self, i: int) -> None:
        if i in self.visible_rows():
            self.refresh(Region(0, i - self.top + 1, self.size.width, 1))

    def _scroll_into_view(self) -> bool:
        """Move `top` and `left` so the cursor shows; True when the view moved (the whole grid repaints)."""
        top, left = self.top, self.left
        if not self.size.height:
            return False  # not laid out yet: on_resize scrolls once the size is known
        # Off the screen, the view jumps half a screen, as vim's 'scrolljump' does for slow terminals: keying down a
        # column repaints the whole grid (≈2 KB at 80×24) once every few rows instead of on every Enter.
        jump = max(1, self.body_height // 2)
        if self.row < self.top:
            self.top = max(0, self.row - jump + 1)
        elif self.row >= self.top + self.body_height:
            last_top = max(0, len(self.rows) - self.body_height)
            self.top = max(self.row - self.body_height + 1, min(self.row - self.body_height + jump, last_top))
        if self.col >= self.frozen and self.size.width:
            if self.col < self.left:
                self.left = self.col
            while not self._whole(self.col) and self.left < self.col:
                self.left += 1  # the last column on screen may be cut: step until the cursor's is whole
        return (top, left) != (self.top, self.left)

    def _whole(self, c: int) -> bool:
        return any(col == c and x + self.spec[c].width <= self.size.width for col, x in self._shown_columns())

    def on_resize(self) -> None:
        self._scroll_into_view()
        self.refresh()
        self._prefetch_soon()  # a taller or shorter grid has another page below it (the status line's height changes)

    # -- drawing ---------------------------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width, base, cols = self.size.width, self._base_style(), self._shown_columns()
        if y == 0:
            texts, style_of = [c.label for c in self.spec], (lambda c: base + HEADER)
        else:
            i = self.top + y - 1
            if i >= len(self.rows):
                return Strip.blank(width, base)
            row = self.rows[i]
            texts = self.values(i)
            if i != self.row and not row.group:  # all in the grid's style: one run, not 24 segments merged again
                return Strip([Segment(plain_line(texts, self.spec, cols, width), base)], width)
            here = i == self.row and self.has_focus

            def style_of(c: int) -> Style:
                if here and c == self.col:
                    return base + (TYPING if self.edit_text is not None else CURSOR)
                return base + GROUP if row.group else base

            if i == self.row and self.edit_text is not None:
                texts = list(texts)
                texts[self.col] = self.edit_text + "\u258f"
        segments = []
        if y > 0 and row.group and not any(texts[2:]):
            # A group line's name runs over the empty cells beside it: "Sasaran: Meningkatnya kualitas pelayanan…"
            first = self.spec[0].width
            segments = [Segment(fit(texts[0], first, False), style_of(0)), Segment(" ", base),
                        Segment(fit(texts[1], max(1, width - first - 1), False), style_of(1))]
            return Strip(segments).simplify().crop_extend(0, width, base)
        for c, _x in cols:
            column = self.spec[c]
            segments.append(Segment(fit(texts[c], column.width, column.numeric and y > 0), style_of(c)))
            segments.append(Segment(" ", base))
        return Strip(segments).simplify().crop_extend(0, width, base)

    def on_focus(self) -> None:
        self._refresh_row(self.row)

    def on_blur(self) -> None:
        self._refresh_row(self.row)

    # -- moving ----------------------------------------------------------------------------------------------------
    def _editable_from(self, i: int, step: int) -> int:
        """The first row at or after `i` (in the direction of `step`) that is not a group line."""
        n = len(self.rows)
        if not n:
            return 0
        j = max(0, min(i, n - 1))
        while 0 <= j < n and self.rows[j].group:
            j += step
        if 0 <= j < n:
            return j
        j = max(0, min(i, n - 1))
        while 0 <= j < n and self.rows[j].group:
            j -= step
        return j if 0 <= j < n else 0

    def go(self, row: int, col: int | None = None) -> None:
        old_row, old_col = self.row, self.col
        self.row = max(0, min(row, len(self.rows) - 1)) if self.rows else 0
        if col is not None:
            self.col = max(0, min(col, len(self.spec) - 1))
        if self._scroll_into_view():
            self.refresh()
            self._prefetch_soon()
        elif (old_row, old_col) != (self.row, self.col):
            self._refresh_cell(old_row, old_col)
            self._refresh_cell(self.row, self.col)

    def next_row(self, step: int) -> int:
        """The next non-group row below (step 1) or above (−1) the cursor; the cursor's own at the ends."""
        j = self.row + step
        while 0 <= j < len(self.rows) and self.rows[j].group:
            j += step
        return j if 0 <= j < len(self.rows) else self.row

    def action_move(self, dr: int, dc: int) -> None:
        self.go(self.next_row(dr) if dr else self.row, self.col + dc)

    def action_page(self, step: int) -> None:
        self.go(self._editable_from(self.row + step * self.body_height, step))

    def action_edge(self, step: int) -> None:
        self.go(self._editable_from(0 if step < 0 else len(self.rows) - 1, -step))

    # -- the cursor's cell, for the screen (CellGrid) ------------------------------------------------------------------
    def current_cell(self) -> tuple[str, Column] | None:
        here = self.current()
        return (here[0].ref, here[1]) if here else None

    @property
    def cursor_col(self) -> int:
        return self.col

    def text_at(self, ref: str, key: str) -> str:
        i = self._index.get(ref)
        if i is None:
            return ""
        return self.values(i)[next((c for c, column in enumerate(self.spec) if column.key == key), 0)]

    def step(self, move: str) -> None:
        """After a commit: down to the next row to fill (Enter), right or left (Tab, Shift+Tab)."""
        if move == "down":
            self.go(self.next_row(1))
        elif move in ("right", "left"):
            self.go(self.row, self.col + (1 if move == "right" else -1))

    def refs_below(self) -> Iterable[str]:
        """The rows a paste fills: the cursor's and every one below it but the group lines."""
        rows = self.rows
        return (rows[i].ref for i in range(self.row, len(rows)) if not rows[i].group)

    def go_below(self, ref: str) -> None:
        """After a paste that ended on `ref`: on to the next row to fill, as Enter does."""
        self.go(self.index_of(ref) or 0)
        self.go(self.next_row(1))

    # -- editing (tui/widgets/cell_edit.py) ---------------------------------------------------------------------------
    def _show_edit(self) -> None:
        self._refresh_cell(self.row, self.col)  # the typed text is drawn in the cell

    def action_tab(self, move: str) -> None:
        if self.is_editing:
            self.action_commit(move)
        else:
            self.action_move(0, 1 if move == "right" else -1)
