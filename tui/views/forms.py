"""Small dialogs for building the cascade: a form of a few fields, a picker, and a confirmation (also asked before
an export replaces a file).

A form checks what was typed before it closes (the caller's `submit` plans the edit and raises the store's refusal),
so a malformed code or an empty name is said inside the form, the typed text kept, and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store.domain.edit import Batch, Edit
from store.text.errors import WorkbookError
from store.text.sanitize import visible

from tui.keys import InOrderInput, OwnKeysFirst, drained
from tui.session import Session

# (key, label, the value it starts with)
Field = tuple[str, str, str]

_BOX = ("width: 76; height: auto; max-height: 22; overflow-y: auto; border: round $primary; background: $surface; "
        "padding: 0 1;")


def save_form(session: Session, edits: object, said: Callable[[list[Edit]], str]) -> str | None:
    """What a form gave back (its edits): one form, one save and one undo step. Every changed field is saved together
    or none is (a conflict on the third never leaves the first two saved); one change is echoed as any edit is, more
    with `said` and the Ctrl+Z that takes the form back whole. The refusal when nothing was saved (FormScreen's
    `save`: the form then stays open with what was typed), None when saved or when there was nothing to save."""
    if not isinstance(edits, list) or not edits:
        return None
    if len(edits) == 1:
        return None if session.apply_edit(edits[0]) is not None else session.message
    if session.apply_batch(Batch(tuple(edits))) is None:
        return session.message
    session.say(f"Disimpan: {said(edits)} (Ctrl+Z mengurungkan semuanya).")
    return None


class FormScreen(ModalScreen[object]):
    """Enter moves to the next field and, on the last, saves; Ctrl+S saves from anywhere; Esc cancels.

    These (and Tab / Shift+Tab) are priority keys (tui/keys.py): each waits until the field has taken the characters
    typed before it, then acts before the app hands on the next key, so the keys after Enter go to the next field."""

    BINDINGS = [
        Binding("escape", "cancel", "Batal", id="form.cancel", priority=True),
        Binding("ctrl+s", "submit", "Simpan", id="form.submit", priority=True),
        Binding("enter", "next", "Berikutnya / simpan", show=False, id="form.next", priority=True),
        Binding("tab", "move(1)", "Isian berikutnya", show=False, id="form.tab", priority=True),
        Binding("shift+tab", "move(-1)", "Isian sebelumnya", show=False, id="form.shift_tab", priority=True),
    ]
    DEFAULT_CSS = f"""
    FormScreen {{ align: center middle; }}
    FormScreen > Vertical {{ {_BOX} }}
    FormScreen Input, FormScreen Input:focus {{ border: none; height: 1; padding: 0 1; background: $boost; }}
    FormScreen Input:focus {{ background: $primary 40%; }}
    FormScreen #form-error {{ color: $error; height: auto; margin-top: 1; }}
    FormScreen #form-help {{ color: $text-muted; margin-top: 1; }}
    """

    def __init__(self, title: str, fields: list[Field], submit: Callable[[dict[str, str]], object], *,
                 on_change: Callable[[str, str, dict[str, str]], dict[str, str]] | None = None,
                 save: Callable[[object], str | None] | None = None, error: str = "") -> None:
        """`submit` plans what the values give (its WorkbookError is said in the form); `save`, when given, saves
        it before the form closes and returns the refusal when it could not (another operator changed or removed
        the row meanwhile, a year was locked): the form then stays open, what was typed still in it. `error` is
        said when the form opens (a form opened again after its save was refused, see `typed`)."""
        super().__init__()
        self.title_text, self.fields, self.submit, self.on_change = title, fields, submit, on_change
        self.save, self.error = save, error
        self.typed: dict[str, str] = {}  # the values as submitted, kept once the form has closed

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            for key, label, value in self.fields:
                yield Label(label)
                yield InOrderInput(value=value, id=f"form-{key}")
            yield Static(Text(self.error), id="form-error")
            yield Static("Enter: berikutnya / simpan \u00b7 Ctrl+S: simpan \u00b7 Esc: batal", id="form-help")

    def on_mount(self) -> None:
        for inp in self.query(Input):
            inp.cursor_blink = False
        # At once, not by focus() (a callback queued behind the keys of the burst that opened the form).
        self.set_focus(self.query(Input).first())

    def values(self) -> dict[str, str]:
        return {key: self.query_one(f"#form-{key}", Input).value for key, _, _ in self.fields}

    def field_changed(self, field: Input, value: str) -> None:
        if self.on_change is None or field.id is None:
            return
        for key, new in self.on_change(field.id.removeprefix("form-"), value, self.values()).items():
            self.query_one(f"#form-{key}", Input).value = new

    async def action_next(self) -> None:
        field = self.focused
        await drained(field)
        inputs = list(self.query(Input))
        if field in inputs and field is not inputs[-1]:
            self.set_focus(inputs[inputs.index(field) + 1])
        else:
            self._submit()

    async def action_move(self, step: int) -> None:
        await drained(self.focused)
        self.focus_next() if step > 0 else self.focus_previous()

    async def action_submit(self) -> None:
        await drained(self.focused)
        self._submit()

    def _submit(self) -> None:
        self.typed = self.values()
        try:
            result = self.submit(self.typed)
        except WorkbookError as exc:
            self.query_one("#form-error", Static).update(exc.message)
            return
        if self.save is not None:
            refused = self.save(result)
            if refused is not None:
                self.query_one("#form-error", Static).update(
                    Text(f"{refused} Yang Anda ketik tetap di sini; Esc menutup tanpa menyimpan."))
                return
            result = None  # saved: nothing left for a callback to do
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PickList(OwnKeysFirst, OptionList):
    """The picker's list: ↑ ↓ move in order with the Enter typed after them (tui/keys.py)."""


class PickScreen(ModalScreen[str | None]):
    """One of a list (e.g. the parents a node may move under); Enter picks, Esc cancels (priority keys, tui/keys.py)."""

    BINDINGS = [
        Binding("escape", "cancel", "Batal", id="pick.cancel", priority=True),
        Binding("enter", "pick", "Pilih", show=False, id="pick.choose", priority=True),
    ]
    DEFAULT_CSS = f"""
    PickScreen {{ align: center middle; }}
    PickScreen > Vertical {{ {_BOX} }}
    PickScreen OptionList, PickScreen OptionList:focus {{ border: none; height: auto; max-height: 16; }}
    """

    def __init__(self, title: str, options: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text, self.options = title, options

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            yield PickList(*[Option(label, id=ref) for ref, label in self.options], id="pick-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        self.set_focus(options)

    async def action_pick(self) -> None:
        options = self.query_one(OptionList)
        await drained(options)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A question naming what will happen; y or Enter says yes, n or Esc says no. Priority keys: the answer is taken
    as it arrives, and the keys after it go to the view below (tui/keys.py)."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Ya", id="confirm.yes", priority=True),
        Binding("n,escape", "answer(False)", "Tidak", id="confirm.no", priority=True),
    ]
    DEFAULT_CSS = f"""
    ConfirmScreen {{ align: center middle; }}
    ConfirmScreen > Vertical {{ {_BOX} }}
    ConfirmScreen #confirm-lines {{ height: auto; max-height: 14; }}
    """

    HINT = "y / Enter: ya, hapus (Ctrl+Z mengembalikannya) \u00b7 n / Esc: batal"

    def __init__(self, title: str, question: str, lines: list[str]) -> None:
        super().__init__()
        self.title_text, self.question, self.lines = title, question, lines

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            # Names and paths are stored or typed text: through the one sanitiser, line by line.
            yield Static(Text(visible(self.question), style="bold"))
            shown = self.lines[:12] + ([f"\u2026 dan {len(self.lines) - 12} lagi"] if len(self.lines) > 12 else [])
            yield Static(Text("\n".join(f"  \u2022 {visible(line)}" for line in shown)), id="confirm-lines")
            yield Static(self.HINT)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ReplaceScreen(ConfirmScreen, inherit_bindings=False):
    """Before an export replaces a file: only y replaces. Enter is the key that asked for the export, and a second
    one in the same burst must not throw away a hand-edited draft."""

    BINDINGS = [
        Binding("y", "answer(True)", "Ya, timpa", id="replace.yes", priority=True),
        Binding("n,escape", "answer(False)", "Tidak", id="replace.no", priority=True),
    ]
    HINT = "y: ya, timpa \u00b7 n / Esc: batal, berkas lama tetap dan tidak ada yang ditulis"
