"""The edit log (F6): who changed what, when, old → new; newest first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from store.fields import FIELDS, display
from store.model import LOG
from store.structure import STRUCTURAL, describe

from ..shown import shown
from ..widgets.keybar import VIEW_KEYS, KeyBar
from ..widgets.status import StatusLine
from .base import WorkbookView

SHOWN = 500  # the newest entries; the whole log is in the file and in `lkjip log`


class LogScreen(WorkbookView):
    def compose(self) -> ComposeResult:
        yield Static("Log perubahan (terbaru di atas)", classes="view-title")
        yield DataTable(id="log-view", cursor_type="row")
        yield StatusLine()
        yield KeyBar(VIEW_KEYS)

    def on_mount(self) -> None:
        view = self.query_one(DataTable)
        view.add_columns("Waktu", "Oleh", "Jenis", "Ref", "Kolom", "Tahun", "Lama", "Baru")
        view.focus()

    def redraw(self) -> None:
        # The document the app holds: the file may be unreadable right now (the app then keeps its last good one).
        entries = sorted(self.session.casc.document[LOG].values(), key=lambda e: e["seq"], reverse=True)
        view = self.query_one(DataTable)
        view.clear()
        for e in entries[:SHOWN]:
            spec = FIELDS.get(e["field"])
            if e["field"] in STRUCTURAL:  # a node or indicator with its subtree: told in words
                old, new = describe(e["field"], e["old"]), describe(e["field"], e["new"])
            else:
                old = display(spec, e["old"]) if spec else str(e["old"])
                new = display(spec, e["new"]) if spec else str(e["new"])
            view.add_row(*(shown(v, limit=120) for v in (e["at"][:19].replace("T", " "), e["user"], e["kind"],
                                                         e["ref"], e["field"], str(e.get("year") or ""), old, new)))
