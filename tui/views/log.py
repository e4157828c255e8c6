"""The edit log (F6): who changed what, when, old → new; newest first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from store.domain.log_names import kind_word, log_refs
from store.domain.model import LOG
from store.text.sanitize import cut

from tui.shown import log_value, shown
from tui.widgets.keybar import VIEW_KEYS, KeyBar
from tui.widgets.status import StatusLine
from .base import WorkbookView

SHOWN = 500  # the newest entries; the whole log is in the file and in `lkjip log`
LONG = 28  # characters of a value in a cell (a narrative is pages long); the whole value is in `lkjip log`


class LogScreen(WorkbookView):
    def compose(self) -> ComposeResult:
        yield Static("Log perubahan (terbaru di atas)", classes="view-title")
        # Cell cursor: → and ← reach every column at 80 columns (a row cursor never scrolls sideways).
        yield DataTable(id="log-view", cursor_type="cell")
        yield StatusLine()
        yield KeyBar(VIEW_KEYS)

    def on_mount(self) -> None:
        view = self.query_one(DataTable)
        view.add_columns("Waktu", "Oleh", "Jenis", "Ref", "Kolom", "Tahun", "Lama", "Baru")
        self.set_focus(view)  # at once: F6 and the arrows after it in one burst move in the log

    def redraw(self) -> None:
        # The document the app holds: the file may be unreadable right now (the app then keeps its last good one).
        entries = sorted(self.session.casc.document[LOG].values(), key=lambda e: e["seq"], reverse=True)
        casc = self.session.casc
        # By the current code, "(dulu …)" where it changed since: walked back from now, so the newest suffice.
        refs = log_refs(casc, entries[:SHOWN])
        view = self.query_one(DataTable)
        view.clear()
        for e in entries[:SHOWN]:
            # The values as `lkjip log` shows them (terkunci / terbuka, subtrees in words), long texts shortened.
            old, new = (cut(log_value(e["field"], v, casc).replace("\n", " "), LONG) for v in (e["old"], e["new"]))
            view.add_row(*(shown(v) for v in (e["at"][5:16].replace("T", " "), e["user"], kind_word(e["kind"]),
                                              refs[e["seq"]], e["field"], str(e.get("year") or ""), old, new)))
