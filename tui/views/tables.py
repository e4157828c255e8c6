"""The live LKjIP tables (F3): every table id, recomputed from the engine whenever the workbook changes."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static, Tab, Tabs

from reports import tables as T

from ..screen_roles import PaletteCommand
from ..shown import shown
from ..widgets.keybar import VIEW_KEYS, KeyBar
from ..widgets.status import StatusLine
from .base import WorkbookView
from .widths import column_widths


def tab_id(table_id: str) -> str:
    return "t-" + table_id.replace(".", "_")


class TablesScreen(WorkbookView):
    BINDINGS = [
        Binding("t", "next_table(1)", "Tabel berikut", id="tables.next"),
        Binding("T", "next_table(-1)", "Tabel sebelum", show=False, id="tables.previous"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.table_id = "3.1"
        self.shown: T.Table | None = None

    def compose(self) -> ComposeResult:
        yield Tabs(*[Tab(i, id=tab_id(i)) for i in T.TABLE_IDS], active=tab_id(self.table_id), id="table-tabs")
        yield Static(id="table-title", classes="view-title")
        yield DataTable(id="table-view", cursor_type="cell", zebra_stripes=True, header_height=3)
        yield StatusLine()
        yield KeyBar(["tables.next", "year.next", *VIEW_KEYS])

    def on_mount(self) -> None:
        self.query_one("#table-view", DataTable).focus()

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        chosen = next((i for i in T.TABLE_IDS if tab_id(i) == event.tab.id), None)
        if chosen and chosen != self.table_id:
            self.table_id = chosen
            self.refresh_content(force=True)

    def action_next_table(self, step: int) -> None:
        i = (T.TABLE_IDS.index(self.table_id) + step) % len(T.TABLE_IDS)
        self.query_one(Tabs).active = tab_id(T.TABLE_IDS[i])

    def redraw(self) -> None:
        app = self.session
        table = T.build(app.casc, app.year, self.table_id)
        self.shown = table
        self.query_one("#table-title", Static).update(shown(table.title, no_wrap=True, overflow="ellipsis"))
        view = self.query_one("#table-view", DataTable)
        view.clear(columns=True)
        numeric = table.numeric or [False] * len(table.columns)
        # Names wrap between words only (tui/views/widths.py); figures keep their full width beside them.
        columns = [shown(c) for c in table.columns]
        rows = [[shown(c, multiline=True, justify="right" if n else "left") for c, n in zip(row, numeric)]
                for row in table.rows]
        widths = column_widths([c.plain for c in columns], [[c.plain for c in r] for r in rows], numeric,
                               self.app.size.width - 1)  # the vertical scrollbar
        for column, width in zip(columns, widths):
            view.add_column(column, width=width)
        for row in rows:
            view.add_row(*row, height=None)

    def cells(self) -> list[list[str]]:
        """What the view shows, for tests: the rows of the current table as strings."""
        return [list(r) for r in self.shown.rows] if self.shown else []

    def palette_commands(self) -> list[PaletteCommand]:
        return [(f"Tabel {i}", "Tampilkan tabel ini", partial(self._select, i)) for i in T.TABLE_IDS]

    def _select(self, table_id: str) -> None:
        self.query_one(Tabs).active = tab_id(table_id)
