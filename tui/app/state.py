"""The workbook app's state and its status line: the base every part of LkjipApp (tui/app/app.py) builds on.

The app is written in layers, each a class on top of the one below, so each part uses only what is under it and a
type checker sees every attribute it touches:

    AppState      (here)                the workbook, the cascade on screen, the year, the message and the status line
    WritePath     (tui/app/writes.py)   a value or a batch saved through Workbook.apply, the views following; the poll
    EditHistory   (tui/app/parts.py)    a typed value read and applied; Ctrl+Z / Ctrl+Y by the edit log
    Navigation    (tui/app/parts.py)    the views (F2..F9), the year keys, find, going to a node
    HelpAndCommands, SafeStop (tui/app/parts.py)   F1 and Ctrl+P; drafts, signals, a crash, Ctrl+Q
    LkjipApp      (tui/app/app.py)          start-up, the screen size, routing keys and pastes

The app asks the screen on top only through the roles of tui/screen_roles.py, and the views reach the app only through
the Session protocol (tui/session.py), which the app is checked against.
"""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual.app import App

from store.domain.cascade import Cascade
from store.domain.model import LOG
from store.edits.workbook import Workbook

from tui.keys import KeysInOrder
from tui.session import SessionApp
from tui.screen_roles import DraftsOnSignal
from tui.views.main import MainScreen
from tui.widgets.status import SAVED_SPLIT, StatusLine


class AppState(KeysInOrder, App[object], SessionApp):
    """What every part of the app shares. Set in LkjipApp.__init__ and by opening a workbook (LkjipApp._adopt)."""

    wb: Workbook | None  # None on the start screen, until a workbook is opened or made
    path: Path
    casc: Cascade  # the document on screen: what was last read from the file
    year: int
    message: str
    message_error: bool
    # Where the message was said (view, node): it goes when the operator is elsewhere (show_status).
    message_at: tuple[str, str | None] | None
    # Set while the file on disk cannot be read (truncated, moved away, newer schema, no permission): the app keeps
    # showing its last good document and every edit is refused until the file is good again.
    disk_problem: str | None
    stopping: bool  # a signal arrived: the typed narrative goes to its draft, nothing more is saved
    narrative_view: DraftsOnSignal | None  # the narrative screen, once visited (drafted on a signal: tui/app/draft.py)
    _quit_anyway: bool

    @property
    def workbook(self) -> Workbook:
        """The workbook open: every view but the start screen runs with one."""
        if self.wb is None:
            raise RuntimeError("no workbook is open yet (the start screen)")
        return self.wb

    # -- messages ----------------------------------------------------------------------------------------------------
    def saved_line(self) -> str:
        """The third status line: file, year, lock, who saved last, then the revision and time. What changes on
        every commit (revision and time) comes last: the status line repaints that part alone."""
        if self.wb is None:
            return ""
        log = self.casc.document[LOG]  # the document on screen: the file may be unreadable right now
        entry = log[max(log, key=int)] if log else None
        who = f"disimpan oleh {entry['user']}" if entry else "belum ada perubahan"
        locked = " \u00b7 \U0001f512 TERKUNCI" if str(self.year) in self.casc.meta.get("locks", {}) else ""
        if self.disk_problem:  # kept in sight while it lasts, whatever message comes after
            who = "BERKAS TIDAK TERBACA: yang tampil versi terakhir yang terbaca, perubahan ditolak"
        when = f" \u00b7 {entry['at'][11:19]}" if entry else ""
        return (f"{self.wb.path.name} \u00b7 tahun {self.year}{locked} \u00b7 {who}{SAVED_SPLIT}"
                f"{self.casc.meta['revision']}{when}")

    def say(self, message: str, *, error: bool = False) -> None:
        self.message, self.message_error, self.message_at = message, error, self._where()
        if error:  # a refusal ends the burst it came in: the keys behind it would act blind (tui/keys.py)
            self.end_burst(message)
        self.show_status()

    def refusal_in_full(self) -> None:
        """After a refused cell edit: a refusal or conflict too long for the two status lines loses its key part
        when cut, so it opens whole in a dialog the operator dismisses (Enter / Esc); the typed value stays."""
        from tui.views.message import MessageScreen

        if (self.message_error and cell_len(self.message) > 2 * (self.size.width - 2) - 12
                and not isinstance(self.screen, MessageScreen)):
            self.push_screen(MessageScreen("Ditolak", self.message))

    def message_in_full(self, message: str, *, error: bool) -> None:
        """A message too long even for half the screen, whole in a dialog (the status line asks; it shows the first
        lines itself). Not over a dialog already open."""
        from tui.views.message import MessageScreen

        if not isinstance(self.screen, MessageScreen):
            self.push_screen(MessageScreen("Ditolak" if error else "Pesan", message))

    def _where(self) -> tuple[str, str | None]:
        """The view, and in the cascade view the node, a message is said on."""
        main = next((s for s in reversed(self.screen_stack) if isinstance(s, MainScreen)), None)
        return self.current_mode, main.node_id if main else None

    def message_follows(self) -> None:
        """An action moved to the node it concerns (an added node, an undone change): its message goes along."""
        self.message_at = self._where()

    def show_status(self) -> None:
        """The same message, year and revision on whichever view is on screen. A message belongs to the view and
        node it was said on: once the operator is on another, it would read as said about this one, so it goes."""
        if self.message_at is None:
            self.message_at = self._where()  # the opening message: said before any view was up
        elif self.message and self.message_at != self._where() and not self.disk_problem:
            self.message, self.message_error = "", False
        for status in self.screen.query(StatusLine):
            status.show(self.message, self.saved_line(), error=self.message_error)
