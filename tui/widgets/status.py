"""The status line: the last message (echo of a commit, a refusal, a formula) and who saved last.

Fixed height, lines that repaint alone: a status that grew and shrank would re-lay the whole screen out, costing
bytes on every message. Only a message longer than its two lines grows the status, to as many lines as the sentence
needs (up to half the screen), and it shrinks back when the message goes: a message is never cut. One longer still
opens whole in a dialog (tui/views/message.py)."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content

from ..session import session_of
from .line import Line


_OPENED: WeakKeyDictionary[App, str] = WeakKeyDictionary()  # the long message each app has opened in a dialog
MESSAGE_LINES = 2  # what the status keeps for a message whatever it says: a short one costs no re-layout
SAVED_SPLIT = " \u00b7 revisi "  # where the saved line's steady part ends and its per-commit part begins


class StatusLine(Vertical):
    DEFAULT_CSS = """
    StatusLine { height: auto; padding: 0 1; background: $panel; }
    StatusLine #status-message { height: 2; }
    StatusLine #status-saved-row { height: 1; }
    StatusLine #status-saved, StatusLine #status-revision { height: 1; color: $text-muted; }
    StatusLine #status-revision { width: 26; }
    """

    def compose(self) -> ComposeResult:
        yield Line(id="status-message")
        # Two pieces: a commit changes only the revision and the time, and only their piece is repainted (a
        # whole-line repaint was a quarter of a commit's bytes over SSH).
        with Horizontal(id="status-saved-row"):
            yield Line(id="status-saved")
            yield Line(id="status-revision")

    def on_mount(self) -> None:
        session = session_of(self)
        self.show(session.message, session.saved_line(), error=session.message_error)

    def show(self, message: str, saved: str, *, error: bool = False) -> None:
        # Two lines for the message (a conflict names both values), the third for the last save.
        line = self.query_one("#status-message", Line)
        line.set_text(Text(message, style="bold red" if error else ""))
        self._fit(line, message, error)
        self.show_saved(saved)

    def _fit(self, line: Line, message: str, error: bool) -> None:
        width = max((self.size.width or self.app.size.width) - 2, 1)  # inside the padding
        # Textual's hints want a RulesMap; the styles object answers what get_height reads from it.
        needed = max(MESSAGE_LINES, Content.from_rich_text(line.text).get_height(line.styles, width))  # type: ignore[arg-type]
        most = max(MESSAGE_LINES, self.app.size.height // 2)
        if needed > most:  # too long even for half the screen: whole in a dialog, its first lines here
            from ..views.message import MessageScreen

            # Once per message: the status is shown again on every view and after the dialog closes.
            if _OPENED.get(self.app) != message and not isinstance(self.app.screen, MessageScreen):
                self.app.push_screen(MessageScreen("Ditolak" if error else "Pesan", message))
            _OPENED[self.app] = message
            needed = most
        else:
            _OPENED.pop(self.app, None)
        if line.styles.height is None or line.styles.height.value != needed:
            line.styles.height = needed  # a re-layout, only when the message's line count changes

    def show_saved(self, saved: str) -> None:
        steady, split, changing = saved.rpartition(SAVED_SPLIT)
        if not split:
            steady, changing = changing, ""
        self.query_one("#status-saved", Line).set_text(Text(steady, no_wrap=True, overflow="ellipsis"))
        self.query_one("#status-revision", Line).set_text(
            Text(f"\u00b7 revisi {changing}" if split else "", no_wrap=True, overflow="ellipsis", justify="right"))
