"""The main view's node grids: a node's indicators or budget, drawn line by line (Textual's line API), as the entry
sheets are (sheetgrid.py); a cell edits without leaving the grid, and only the cells that change are repainted.

Measured over an 80×24 pty, the reasons for this shape:
- Two DataTables cost ≈15 ms of the demo's first frame (import, a dozen component classes styled, every cell
  measured); a committed value re-rendered every cell of the rows DataTable repainted.
- Moving focus to a separate Input and back re-styles the screen and recomposes the footer on every commit
  (≈180 ms and ≈9 KB). The grid keeps focus and holds the text being typed itself; the edit line only shows it.

The look is DataTable's: a header line on the panel colour, each cell padded by a space either side, the cell cursor
in the block-cursor colours (blurred while another pane has focus). The grid scrolls sideways by cells, just enough to
keep the cursor's column whole, and down by rows when a node has more rows than fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget

from tui.shown import plain
from .cell_edit import ONLY_WHILE_EDITING, CellEditor, EditingGrid
from .cells import fit


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int
    field: str | None = None  # the store field edited in this column; None for computed or fixed columns
    numeric: bool = False
    explain: bool = False  # a computed column whose cells can explain their formula


MOVES = {"down": (1, 0), "right": (0, 1), "left": (0, -1)}
PAD = 1  # spaces either side of a cell's text, as DataTable's cell_padding


class WorkGrid(EditingGrid, Widget, can_focus=True):
    """Rows are keyed by the ref (indicator or node id) they show; columns by Column.key."""

    PASTE_KIND = "grid"  # the size a paste into it may have (tui/views/paste.py)
    # DataTable's look, from the theme: two component classes, not DataTable's dozen styled at start-up.
    COMPONENT_CLASSES = {"workgrid--header", "workgrid--cursor"}
    DEFAULT_CSS = """
    WorkGrid { background: $surface; color: $foreground; height: auto; max-height: 100%; }
    WorkGrid > .workgrid--header { text-style: bold; background: $panel; color: $foreground; }
    WorkGrid:ansi > .workgrid--header { background: ansi_bright_blue; color: ansi_default; }
    WorkGrid > .workgrid--cursor {
        background: $block-cursor-blurred-background; color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    WorkGrid:focus > .workgrid--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: $block-cursor-text-style;
    }
    """
    BINDINGS = [
        # The cursor keys DataTable had, without ids (not in the keymap, nor in the help), as before.
        Binding("up", "move(-1, 0)", "Naik", show=False),
        Binding("down", "move(1, 0)", "Turun", show=False),
        Binding("left", "move(0, -1)", "Kiri", show=False),
        Binding("right", "move(0, 1)", "Kanan", show=False),
        Binding("pageup", "page(-1)", "Halaman naik", show=False),
        Binding("pagedown", "page(1)", "Halaman turun", show=False),
        Binding("home", "edge(0, -1)", "Kolom pertama", show=False),
        Binding("end", "edge(0, 1)", "Kolom terakhir", show=False),
        Binding("ctrl+home", "edge(-1, 0)", "Baris pertama", show=False),
        Binding("ctrl+end", "edge(1, 0)", "Baris terakhir", show=False),
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
        super().__init__(**kw)  # type: ignore[arg-type]  # Widget's keywords (id, classes), passed on
        self.spec = columns
        self._values: dict[str, list[str]] = {}  # ref → the texts given (text_at answers with them)
        self._refs: list[str] = []
        self._texts: list[list[str]] = []  # the same, made safe to draw (tui/shown.py), by row
        self.row = self.col = 0
        self.top = 0  # the first row in view
        self.left = 0  # the cells scrolled off on the left
        self.first_width = columns[0].width if columns else 0  # the name column, with the room to spare (on_resize)
        self._styles_for: tuple[tuple | None, tuple[Style, Style, Style]] = (None, (Style(), Style(), Style()))
        self._bar_for: tuple[tuple | None, list[Segment]] = (None, [])

    # -- content ---------------------------------------------------------------------------------------------------
    def show_rows(self, rows: list[tuple[str, list[str]]], cursor_column: str | None = None) -> None:
        """Replace all rows (a new node was selected)."""
        taller = len(rows) != len(self._refs)
        self._values = {ref: list(values) for ref, values in rows}
        self._refs = [ref for ref, _ in rows]
        self._texts = [[plain(v) for v in values] for _, values in rows]
        self.row, self.top = 0, 0
        self.col = self.column_index(cursor_column) if cursor_column else min(self.col, len(self.spec) - 1)
        self._end_on_a_column()  # with or without a scrollbar, the room differs
        self._scroll_into_view()
        self.refresh(layout=taller)  # a grid of another height takes another share of the pane

    def update_row(self, ref: str, values: list[str]) -> None:
        """Write only the cells whose text changed, refreshing just their regions."""
        old = self._values.get(ref)
        if old is None:
            return
        i = self._refs.index(ref)
        for c, (before, after) in enumerate(zip(old, values)):
            if before != after:
                self._texts[i][c] = plain(after)
                self._refresh_cell(i, c)
        self._values[ref] = list(values)

    @property
    def row_count(self) -> int:
        return len(self._refs)

    def get_row_index(self, ref: str) -> int:
        return self._refs.index(ref)

    def column_index(self, key: str) -> int:
        return next((i for i, c in enumerate(self.spec) if c.key == key), 0)

    def current(self) -> tuple[str, Column] | None:
        if not self._refs:
            return None
        return self._refs[self.row], self.spec[self.col]

    def text_at(self, ref: str, key: str) -> str:
        return self._values.get(ref, [""] * len(self.spec))[self.column_index(key)]

    def refs(self) -> list[str]:
        return list(self._refs)

    # -- geometry --------------------------------------------------------------------------------------------------
    def _width(self, c: int) -> int:
        """A column's width on screen, its padding included."""
        return (self.first_width if c == 0 else self.spec[c].width) + 2 * PAD

    def _x(self, c: int) -> int:
        return sum(self._width(i) for i in range(c))

    @property
    def body_height(self) -> int:
        return max(1, self.size.height - 1)

    @property
    def overflows(self) -> bool:
        """More rows than fit: a scrollbar takes the last column, as DataTable's did."""
        return 0 < self.size.height < len(self._refs) + 1

    @property
    def room(self) -> int:
        return max(0, self.size.width - self.overflows)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + len(self._refs)  # the header and every row; the pane's max-height cuts it (then it scrolls)

    def on_resize(self) -> None:
        self._end_on_a_column()
        self._scroll_into_view()
        self.refresh()

    def _end_on_a_column(self) -> None:
        """A grid wider than its pane: the name column takes the spare cells, so the first column that does not fit
        starts past the right edge instead of showing a cut header ("Pr" of Pred, "Pa" of Pagu PK) that the help
        does not explain. Scrolled right, the cursor's column is always whole."""
        room = self.room
        if room <= 0 or not self.spec:
            return
        used = fits = 0
        for c in self.spec:
            if used + c.width + 2 * PAD > room:
                break
            used += c.width + 2 * PAD
            fits += 1
        self.first_width = self.spec[0].width + (room - used if 0 < fits < len(self.spec) else 0)

    def _scroll_into_view(self) -> bool:
        """Move `top` and `left` just enough that the cursor's cell shows whole; True when the view moved."""
        top, left = self.top, self.left
        height, width = self.body_height, self.room
        if not self.size.height:
            return False  # not laid out yet: on_resize scrolls once the size is known
        if self.row < self.top:
            self.top = self.row
        elif self.row >= self.top + height:
            self.top = self.row - height + 1
        self.top = max(0, min(self.top, len(self._refs) - height))
        x, w = self._x(self.col), self._width(self.col)
        if x < self.left:
            self.left = x
        elif x + w > self.left + width:
            self.left = x + w - width
        self.left = max(0, min(self.left, self._x(len(self.spec)) - width))
        return (top, left) != (self.top, self.left)

    def _refresh_cell(self, i: int, c: int) -> None:
        if self.top <= i < self.top + self.body_height:
            region = Region(self._x(c) - self.left, i - self.top + 1, self._width(c), 1).intersection(self.size.region)
            if region:  # scrolled sideways, a cell may be out of view, or in view in part
                self.refresh(region)

    # -- drawing ---------------------------------------------------------------------------------------------------
    def _styles(self) -> tuple[Style, Style, Style]:
        """The grid's, the header's and the cursor's styles: worked out again only when CSS or focus change."""
        key = (self.app._css_update_count, self.has_focus)
        if self._styles_for[0] != key:
            base = self.rich_style
            self._styles_for = (key, (base, base + self.get_component_rich_style("workgrid--header"),
                                      base + self.get_component_rich_style("workgrid--cursor")))
        return self._styles_for[1]

    def _cells(self, texts: list[str], numeric: bool) -> list[str]:
        space = " " * PAD
        return [space + fit(t, self._width(c) - 2 * PAD, numeric and self.spec[c].numeric) + space
                for c, t in enumerate(texts)]

    def _scrollbar(self) -> list[Segment]:
        """The scrollbar's cell on each line while the rows overflow, drawn as Textual draws a widget's own."""
        height, virtual = self.size.height, len(self._refs) + 1
        key = (height, virtual, self.top, self.app._css_update_count)
        if self._bar_for[0] != key:
            back, color = self.styles.scrollbar_background, self.styles.scrollbar_color
            if back.a < 1:
                back = self.background_colors[0] + back
            bar = ScrollBarRender.render_bar(size=height, virtual_size=virtual, window_size=height, position=self.top,
                                             back_color=back.rich_color, bar_color=(back + color).rich_color)
            under = self._styles()[0]  # the grid's colours under the bar's, as under a ScrollBar widget's
            self._bar_for = (key, [Segment(s.text, under + s.style.clear_meta_and_links() if s.style else under)
                                   for s in bar.segments])
        return self._bar_for[1]

    def render_line(self, y: int) -> Strip:
        strip = self._line(y, self.room)
        return Strip([*strip, self._scrollbar()[y]], self.size.width) if self.overflows else strip

    def _line(self, y: int, width: int) -> Strip:
        base, header, cursor = self._styles()
        if y == 0:  # the labels, left-aligned over every column, on a bar the grid's width
            line = "".join(self._cells([c.label for c in self.spec], False))
            return Strip([Segment(line, header)]).crop_extend(self.left, self.left + width, header)
        i = self.top + y - 1
        if i >= len(self._refs):
            return Strip.blank(width, base)
        cells = self._cells(self._texts[i], True)
        if i != self.row:  # one run of text in the grid's style
            return Strip([Segment("".join(cells), base)]).crop_extend(self.left, self.left + width, base)
        c = self.col
        segments = [Segment("".join(cells[:c]), base), Segment(cells[c], cursor), Segment("".join(cells[c + 1:]), base)]
        return Strip(segments).crop_extend(self.left, self.left + width, base)

    def on_focus(self) -> None:
        self._refresh_cell(self.row, self.col)  # the cursor's colours change; nothing else does

    def on_blur(self) -> None:
        self._refresh_cell(self.row, self.col)

    # -- moving ----------------------------------------------------------------------------------------------------
    @property
    def cursor_coordinate(self) -> Coordinate:
        return Coordinate(self.row, self.col)

    def move_cursor(self, *, row: int | None = None, column: int | None = None, animate: bool = False) -> None:
        old = (self.row, self.col)
        self.row = max(0, min(self.row if row is None else row, len(self._refs) - 1))
        self.col = max(0, min(self.col if column is None else column, len(self.spec) - 1))
        if self._scroll_into_view():
            self.refresh()
        elif old != (self.row, self.col):
            self._refresh_cell(*old)
            self._refresh_cell(self.row, self.col)

    def action_move(self, dr: int, dc: int) -> None:
        self.move_cursor(row=self.row + dr, column=self.col + dc)

    def action_page(self, step: int) -> None:
        self.move_cursor(row=self.row + step * self.body_height)

    def action_edge(self, dr: int, dc: int) -> None:
        ends = {-1: 0, 1: max(len(self._refs), len(self.spec))}
        self.move_cursor(row=ends[dr] if dr else None, column=ends[dc] if dc else None)

    def on_click(self, event: events.Click) -> None:
        """A click on a cell puts the cursor there, as in DataTable."""
        if event.y < 1 or event.x >= self.room or self.is_editing:
            return
        x, c = event.x + self.left, 0
        while c < len(self.spec) - 1 and x >= self._x(c + 1):
            c += 1
        if self.top + event.y - 1 < len(self._refs):
            self.move_cursor(row=self.top + event.y - 1, column=c)

    # -- the cursor's cell, for the screen (CellGrid) ------------------------------------------------------------------
    def current_cell(self) -> tuple[str, Column] | None:
        return self.current()

    @property
    def cursor_col(self) -> int:
        return self.col

    def step(self, move: str) -> None:
        """After a commit: down (Enter), right (Tab) or left (Shift+Tab), staying inside the grid."""
        dr, dc = MOVES.get(move, (0, 0))
        self.move_cursor(row=self.row + dr, column=self.col + dc)

    def refs_below(self) -> list[str]:
        """The rows a paste fills: the cursor's and every one below it."""
        return self._refs[self.row:]

    def go_below(self, ref: str) -> None:
        """After a paste that ended on `ref`: on to the next row to fill, as Enter does."""
        if ref in self._refs:
            self.move_cursor(row=self._refs.index(ref) + 1)

    # -- editing (tui/widgets/cell_edit.py) ---------------------------------------------------------------------------
    @property
    def editor(self) -> CellEditor:
        return cast("CellEditor", self.screen)  # MainScreen, through tui/views/cell_editing.py

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        busy = self.is_editing
        if action in ONLY_WHILE_EDITING:
            return busy
        if action in ("move", "page", "edge", "clear_cell", "explain", "edit"):
            return not busy  # the cursor stays on the cell being typed into
        return True
