"""Find (/): a node or an indicator by a piece of its name, its code or its id."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from store.domain.cascade import Cascade
from store.domain.refs import indicator_ref, node_ref

from tui.keys import InOrderInput, drained
from tui.shown import shown
from .forms import PickList

LIMIT = 40


class FindScreen(ModalScreen[str | None]):
    # Priority keys (tui/keys.py): "kepuasan ↓ Enter" and the keys after it, in one burst, act in the order typed.
    BINDINGS = [
        Binding("escape", "cancel", "Batal", id="find.cancel", priority=True),
        Binding("down", "to_list", "Ke daftar", show=False, id="find.list", priority=True),
        Binding("enter", "choose", "Pilih", show=False, id="find.choose", priority=True),
    ]
    DEFAULT_CSS = """
    FindScreen { align: center top; }
    FindScreen > Vertical { width: 76; height: 18; margin-top: 2; border: round $primary; background: $surface; }
    FindScreen Input { border: none; height: 1; }
    """

    def __init__(self, casc: Cascade) -> None:
        super().__init__()
        self.casc = casc
        entries = []
        for node, _ in casc.walk():
            entries.append((node["id"], f"{node_ref(node)} {node['name']}"))
            for ind in node["indicators"]:
                entries.append((ind["id"], f"  \u2022 {ind['name']} [{indicator_ref(casc, ind['id'])}]"))
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Cari (nama, kode atau id; Enter memilih, Esc batal)"
            yield InOrderInput(placeholder="ketik sebagian nama\u2026", id="find-input")
            yield PickList(id="find-results")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self.set_focus(self.query_one(Input))  # at once, not behind the keys typed after "/"
        self._fill("")

    def field_changed(self, _: Input, value: str) -> None:
        self._fill(value)  # at once, as each character lands (InOrderInput), so an Enter right after finds it

    def _fill(self, text: str) -> None:
        needle = text.strip().casefold()
        found = [(ref, label) for ref, label in self.entries
                 if not needle or needle in label.casefold()][:LIMIT]  # codes, never internal ids
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options([Option(shown(label, limit=120), id=ref) for ref, label in found])
        if found:
            results.highlighted = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "to_list" or isinstance(self.focused, Input)  # in the list, ↓ is the list's own

    async def action_choose(self) -> None:
        await drained(self.focused)  # the characters or moves typed before Enter have landed
        results = self.query_one(OptionList)
        if results.highlighted is not None and results.option_count:
            self.dismiss(results.get_option_at_index(results.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    async def action_to_list(self) -> None:
        await drained(self.focused)
        self.set_focus(self.query_one(OptionList))

    def action_cancel(self) -> None:
        self.dismiss(None)
