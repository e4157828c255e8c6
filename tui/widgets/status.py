"""The status line: the last message (echo of a commit, a refusal, a formula) and who saved last.

Fixed height, lines that repaint alone: a status that grew and shrank would re-lay the whole screen out, costing
bytes on every message."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from .line import Line


SAVED_SPLIT = " \u00b7 revisi "  # where the saved line's steady part ends and its per-commit part begins


class StatusLine(Vertical):
    DEFAULT_CSS = """
    StatusLine { height: 3; padding: 0 1; background: $panel; }
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
        app = self.app
        self.show(getattr(app, "message", ""), app.saved_line() if hasattr(app, "saved_line") else "",
                  error=getattr(app, "message_error", False))

    def show(self, message: str, saved: str, *, error: bool = False) -> None:
        # Two lines for the message (a conflict names both values), the third for the last save.
        self.query_one("#status-message", Line).set_text(Text(message, style="bold red" if error else ""))
        self.show_saved(saved)

    def show_saved(self, saved: str) -> None:
        steady, split, changing = saved.rpartition(SAVED_SPLIT)
        if not split:
            steady, changing = changing, ""
        self.query_one("#status-saved", Line).set_text(Text(steady, no_wrap=True, overflow="ellipsis"))
        self.query_one("#status-revision", Line).set_text(
            Text(f"\u00b7 revisi {changing}" if split else "", no_wrap=True, overflow="ellipsis", justify="right"))
