"""`lkjip rekap WORKBOOK...` in a terminal: the rekap table; Enter opens that office's workbook, Esc or q quits.

A small app of its own: the rekap holds no workbook open (it only reads), so it is not a view of LkjipApp. Enter
ends it with the chosen path; tui.commands_rekap then runs the normal workbook TUI on that path and, when the
operator quits it, shows the rekap again, re-read (the figures may have changed meanwhile).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from reports import rekap as R

from ..widgets.keybar import KeyBar
from ..widgets.line import Line


class RekapApp(App[str]):
    TITLE = "lkjip rekap"
    CSS = """
    #rekap-title { height: 1; padding: 0 1; text-style: bold; }
    #rekap-table { height: 1fr; }
    #rekap-message { height: 1; padding: 0 1; background: $panel; }
    """
    BINDINGS = [
        Binding("enter", "open", "Buka buku kerja", id="rekap.open", priority=True),
        Binding("escape,q", "quit", "Keluar", id="rekap.quit"),
        Binding("ctrl+q", "quit", "Keluar", show=False, id="app.quit", priority=True),
    ]

    def __init__(self, rekap: R.Rekap, *, row: int = 0) -> None:
        super().__init__()
        self.animation_level = "none"
        self.rekap = rekap
        self.table = R.as_table(rekap)
        self.start_row = row
        self.chosen_row = row

    def compose(self) -> ComposeResult:
        year = f", tahun {self.rekap.year}" if self.rekap.year is not None else ""
        yield Static(f"Rekap {len(self.rekap.offices)} buku kerja{year}", id="rekap-title")
        yield DataTable(id="rekap-table", cursor_type="row", zebra_stripes=True)
        yield Line(id="rekap-message")
        yield KeyBar(["rekap.open", "rekap.quit"])

    def on_mount(self) -> None:
        view = self.query_one(DataTable)
        numeric = self.table.numeric
        for col in self.table.columns:
            view.add_column(Text(col))
        for row in self.table.rows:
            view.add_row(*[Text(c, justify="right" if n else "left") for c, n in zip(row, numeric)])
        view.move_cursor(row=min(self.start_row, max(len(self.table.rows) - 1, 0)))
        view.focus()
        self.say_default()

    def say_default(self) -> None:
        bad = len(self.rekap.unreadable)
        self.say(f"{bad} buku kerja tidak terbaca: lihat kolom Keterangan." if bad else
                 "Enter membuka buku kerja pada baris terpilih; Esc atau q keluar.", error=bool(bad))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # The Keterangan column is far to the right: on the total row, say how many offices its figures count.
        if event.cursor_row == len(self.rekap.offices) and self.rekap.total.note:
            self.say(f"Baris jumlah: {self.rekap.total.note}")
        else:
            self.say_default()

    def say(self, message: str, *, error: bool = False) -> None:
        self.query_one("#rekap-message", Line).set_text(Text(message, style="bold red" if error else ""))

    def action_open(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if row >= len(self.rekap.offices):
            self.say("Baris jumlah tidak punya buku kerja; pilih baris sebuah instansi.")
            return
        office = self.rekap.offices[row]
        if not office.readable:
            self.say(f"{office.source.shown} tidak dapat dibuka: {office.reason}.", error=True)
            return
        self.chosen_row = row
        self.exit(str(office.source.path))

    async def action_quit(self) -> None:  # async as App's: Textual awaits it
        self.exit(None)
