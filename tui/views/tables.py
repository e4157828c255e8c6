"""The live LKjIP tables (F3): every table id, recomputed from the engine whenever the workbook changes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static, Tab, Tabs

from reports import tables as T

from ..shown import shown
from ..widgets.keybar import VIEW_KEYS, KeyBar
from ..widgets.status import StatusLine
from .base import WorkbookView


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
        # Figures keep their full width; names wrap within a width shared out of what is left of the screen, so a
        # row shows its figures beside its names (rows grow a line or two instead of running off to the right).
        content = [max([0] + [len(r[i]) for r in table.rows]) for i in range(len(table.columns))]
        figures = sum(max(w, 6) + 2 for w, n in zip(content, numeric) if n)
        short = sum(c + 2 for c, n in zip(content, numeric) if not n and c <= 8)
        long_texts = [i for i, n in enumerate(numeric) if not n and content[i] > 8]
        room = max(self.app.size.width - 3 - figures - short, 0)
        cap = max(8, min(28, room // max(len(long_texts), 1) - 2))
        for i, col in enumerate(table.columns):
            width = max(content[i], 6) if numeric[i] else min(max(content[i], 2), cap)
            view.add_column(shown(col), width=width)
        for row in table.rows:
            view.add_row(*[shown(c, multiline=True, justify="right" if n else "left") for c, n in zip(row, numeric)],
                         height=None)

    def cells(self) -> list[list[str]]:
        """What the view shows, for tests: the rows of the current table as strings."""
        return [list(r) for r in self.shown.rows] if self.shown else []

    def palette_commands(self) -> list[tuple[str, str, object]]:
        return [(f"Tabel {i}", "Tampilkan tabel ini", lambda i=i: self._select(i)) for i in T.TABLE_IDS]

    def _select(self, table_id: str) -> None:
        self.query_one(Tabs).active = tab_id(table_id)
