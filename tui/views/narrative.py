"""The narrative sections (F5): Markdown in a text area, saved like any edit (Ctrl+S, or on leaving the text)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from store.model import NARRATIVE_SECTIONS
from store.workbook import Edit

from ..widgets.keybar import VIEW_KEYS, KeyBar
from ..widgets.status import StatusLine
from .base import WorkbookView


_ORDER = [key for key, _ in NARRATIVE_SECTIONS]


def section_order(key: str) -> tuple[int, int, str]:
    """Report order: the fixed sections, with each sasaran's analysis right after BAB III A."""
    if key.startswith("analisis:"):
        return (_ORDER.index("bab3_capaian"), 1, key)
    return (_ORDER.index(key) if key in _ORDER else len(_ORDER), 0, key)


class NarrativeScreen(WorkbookView):
    BINDINGS = [Binding("ctrl+s", "save", "Simpan teks", id="narrative.save")]

    def __init__(self) -> None:
        super().__init__()
        self.key: str | None = None
        self.loaded_text = ""

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="section-list", classes="side-list")
            with Vertical():
                yield Static(id="section-title", classes="view-title")
                yield TextArea(id="section-text", language=None, soft_wrap=True, show_line_numbers=False)
        yield StatusLine()
        yield KeyBar(["narrative.save", *VIEW_KEYS])

    def on_mount(self) -> None:
        self.query_one(TextArea).cursor_blink = False

    def redraw(self) -> None:
        casc = self.app.casc  # type: ignore[attr-defined]
        lst = self.query_one(OptionList)
        keep = self.key
        lst.clear_options()
        keys = sorted(casc.narrative, key=section_order)
        lst.add_options([Option(casc.narrative[key]["title"], id=key) for key in keys])
        if keys:
            self.key = keep if keep in casc.narrative else keys[0]
            lst.highlighted = keys.index(self.key)
            self._load(self.key, force=True)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.key:
            self.action_save()
            self._load(event.option.id)

    def _load(self, key: str, force: bool = False) -> None:
        area = self.query_one(TextArea)
        if not force and key == self.key:
            return
        if area.text != self.loaded_text and key == self.key:
            return  # the operator is typing here: another operator's save must not wipe it
        sec = self.app.casc.narrative[key]  # type: ignore[attr-defined]
        self.key = key
        self.loaded_text = sec["text"]
        self.query_one("#section-title", Static).update(f"{sec['title']}  [dim](Ctrl+S menyimpan)[/dim]")
        area.load_text(sec["text"])

    def on_descendant_blur(self, event) -> None:
        if isinstance(event.widget, TextArea):
            self.action_save()

    def action_save(self) -> None:
        if self.key is None:
            return
        text = self.query_one(TextArea).text
        if text == self.loaded_text:
            return
        if self.app.apply_edit(Edit(self.key, "teks", None, self.loaded_text, text), quiet=True):  # type: ignore
            self.loaded_text = text
            self.app.say(f"Narasi \u201c{self.app.casc.narrative[self.key]['title']}\u201d disimpan.")  # type: ignore
