"""The cell editor: one line under the grid naming the cell being edited ("Realisasi 2022 · IKM").

Enter commits and moves down, Tab / Shift+Tab commit and move across, Esc cancels. The typed text stays here when a
commit is refused (unreadable value, conflict, full disk), so the operator can correct it and try again.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


class CellInput(Input):
    BINDINGS = [
        Binding("tab", "commit('right')", "Simpan, ke kanan", id="edit.commit_right"),
        Binding("shift+tab", "commit('left')", "Simpan, ke kiri", id="edit.commit_left"),
        Binding("escape", "cancel", "Batal", id="edit.cancel"),
    ]

    class Commit(Message):
        def __init__(self, text: str, move: str) -> None:
            super().__init__()
            self.text, self.move = text, move

    class Cancel(Message):
        pass

    def __init__(self, **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.cursor_blink = False  # a blinking cursor repaints twice a second: bytes on a slow SSH link

    async def action_submit(self) -> None:
        self.post_message(self.Commit(self.value, "down"))

    def action_commit(self, move: str) -> None:
        self.post_message(self.Commit(self.value, move))

    def action_cancel(self) -> None:
        self.post_message(self.Cancel())


class EditBar(Horizontal):
    DEFAULT_CSS = """
    EditBar { height: 1; display: none; }
    EditBar.-open { display: block; }
    EditBar Label { width: auto; max-width: 40; padding: 0 1 0 0; }
    EditBar CellInput { width: 1fr; height: 1; border: none; padding: 0; }
    """

    def compose(self) -> ComposeResult:
        yield Label(id="edit-label")
        yield CellInput(id="edit-input", select_on_focus=False)

    def open(self, label: str, text: str, *, select: bool) -> None:
        self.query_one("#edit-label", Label).update(label)
        inp = self.query_one(CellInput)
        inp.value = text
        self.add_class("-open")
        inp.focus()
        if select:
            inp.select_all()
        else:
            inp.cursor_position = len(text)

    def close(self) -> None:
        self.remove_class("-open")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")
