"""The live LKjIP tables (F3): every table id, recomputed from the engine whenever the workbook changes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from reports import tables as T

from ..widgets.status import StatusLine
from .base import WorkbookView


class TablesScreen(WorkbookView):
    def __init__(self) -> None:
        super().__init__()
        self.table_id = "3.1"
        self.shown: T.Table | None = None

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(*[Option(f"{i:<11}", id=i) for i in T.TABLE_IDS], id="table-list",
                             classes="side-list")
            with Vertical():
                yield Static(id="table-title", classes="view-title")
                yield DataTable(id="table-view", cursor_type="row", zebra_stripes=True)
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        lst = self.query_one(OptionList)
        lst.highlighted = T.TABLE_IDS.index(self.table_id)
        self.query_one("#table-view", DataTable).focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.table_id:
            self.table_id = event.option.id
            self.refresh_content(force=True)

    def redraw(self) -> None:
        app = self.app
        table = T.build(app.casc, app.year, self.table_id)  # type: ignore[attr-defined]
        self.shown = table
        self.query_one("#table-title", Static).update(table.title)
        view = self.query_one("#table-view", DataTable)
        view.clear(columns=True)
        numeric = table.numeric or [False] * len(table.columns)
        for col in table.columns:
            view.add_column(col)
        for row in table.rows:
            view.add_row(*[Text(c, justify="right" if n else "left") for c, n in zip(row, numeric)])

    def cells(self) -> list[list[str]]:
        """What the view shows, for tests: the rows of the current table as strings."""
        return [list(r) for r in self.shown.rows] if self.shown else []

    def palette_commands(self) -> list[tuple[str, str, object]]:
        return [(f"Tabel {i}", "Tampilkan tabel ini", lambda i=i: self._select(i)) for i in T.TABLE_IDS]

    def _select(self, table_id: str) -> None:
        self.query_one(OptionList).highlighted = T.TABLE_IDS.index(table_id)
