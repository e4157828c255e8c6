"""The status line: the last message (echo of a commit, a refusal, a formula) and who saved last.

Fixed height, lines that repaint alone: a status that grew and shrank would re-lay the whole screen out, costing
bytes on every message."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical

from .line import Line


class StatusLine(Vertical):
    DEFAULT_CSS = """
    StatusLine { height: 3; padding: 0 1; background: $panel; }
    StatusLine #status-message { height: 2; }
    StatusLine #status-saved { height: 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Line(id="status-message")
        yield Line(id="status-saved")

    def on_mount(self) -> None:
        app = self.app
        self.show(getattr(app, "message", ""), app.saved_line() if hasattr(app, "saved_line") else "",
                  error=getattr(app, "message_error", False))

    def show(self, message: str, saved: str, *, error: bool = False) -> None:
        # Two lines for the message (a conflict names both values), the third for the last save.
        self.query_one("#status-message", Line).set_text(Text(message, style="bold red" if error else ""))
        self.show_saved(saved)

    def show_saved(self, saved: str) -> None:
        self.query_one("#status-saved", Line).set_text(Text(saved, no_wrap=True, overflow="ellipsis"))
