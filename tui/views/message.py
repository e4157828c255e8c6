"""Two small dialogs: a message too long for the status line (a refusal, a conflict naming both values), which the
operator reads and dismisses, and the question Ctrl+Q asks while a value is being typed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.session import session_of

_BOX = "width: 70; height: auto; max-height: 20; border: round $error; padding: 0 1; background: $surface;"


class MessageScreen(ModalScreen[None]):
    """The whole sentence, wrapped (one taller than the box scrolls by line with ↑ ↓); Enter or Esc closes it and
    the view is as it was (the typed value kept)."""

    # Priority keys (tui/keys.py): the key that closes it is taken as it arrives; the keys after it go to the view.
    BINDINGS = [Binding("enter,escape,space", "close", "Tutup", id="message.close", priority=True)]
    DEFAULT_CSS = f"""
    MessageScreen {{ align: center middle; }}
    MessageScreen > VerticalScroll {{ {_BOX} }}
    """

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text, self.message = title, message

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = self.title_text
            yield Static(Text(self.message), id="message-text")
            yield Static(Text("Enter / Esc: tutup", style="dim"))

    def show_message(self, message: str) -> None:
        """The sentence grew (the keys typed behind a refusal, dropped, are counted after it)."""
        self.message = message
        if self.is_mounted:
            self.query_one("#message-text", Static).update(Text(message))

    def action_close(self) -> None:
        # Read and closed: the view below, whose status shows what is current when it is back, does not say it again.
        session = session_of(self)
        if session.message == self.message:
            session.message, session.message_error = "", False
        self.dismiss(None)


class QuitWhileTyping(ModalScreen[str | None]):
    """Ctrl+Q with a cell being typed into: save it and quit, quit without it, or go back to it."""

    BINDINGS = [
        Binding("y,enter", "answer('save')", "Simpan lalu keluar", id="quit.save", priority=True),
        Binding("n", "answer('discard')", "Keluar tanpa menyimpan", id="quit.discard", priority=True),
        Binding("escape", "answer(None)", "Kembali", id="quit.back", priority=True),
    ]
    DEFAULT_CSS = f"""
    QuitWhileTyping {{ align: center middle; }}
    QuitWhileTyping > Vertical {{ {_BOX} }}
    """

    def __init__(self, typed: str) -> None:
        super().__init__()
        self.typed = typed

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Keluar"
            yield Static(Text(f"Nilai yang sedang diketik ({self.typed or 'kosong'}) belum disimpan. Simpan dulu?",
                              style="bold"))
            yield Static("y / Enter: simpan lalu keluar \u00b7 n: keluar tanpa menyimpan \u00b7 Esc: kembali")

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
