"""The narrative sections (F5): Markdown in a text area, saved like any edit (Ctrl+S, or on leaving the text).

Texts are kept per year: the view edits the shown year's (`[` / `]` in the section list change it). A year without
its own text shows the previous year's as a draft, marked so in the title; the first save makes it that year's own.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from store.model import NARRATIVE_SECTIONS, text_for, text_year
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
    BINDINGS = [
        Binding("ctrl+s", "save", "Simpan teks", id="narrative.save"),
        # Over the app's own `[` `]`: the text being typed is saved to its year before another year is shown.
        Binding("left_square_bracket", "year(-1)", "Tahun\u2212", id="narrative.year.previous", show=False),
        Binding("right_square_bracket", "year(1)", "Tahun+", id="narrative.year.next", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.key: str | None = None
        self.text_year: int | None = None  # the year the text in the area belongs to
        self.loaded_text = ""
        self.conflict_text: str | None = None  # another operator's text, shown in a refusal

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
            if self.text_year not in (None, self.app.year) and not self.save_pending():  # type: ignore[attr-defined]
                return  # the year changed with a text that could not be saved: keep it, under its own year
            self.key = keep if keep in casc.narrative else keys[0]
            lst.highlighted = keys.index(self.key)
            self._load(self.key, force=True)

    def action_year(self, step: int) -> None:
        if self.save_pending():
            self.app.action_year(step)  # type: ignore[attr-defined]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.key:
            if not self.save_pending():
                # The text could not be saved (a conflict, a locked file…): stay on it, never drop what was typed.
                keys = [o.id for o in self.query_one(OptionList).options]
                self.query_one(OptionList).highlighted = keys.index(self.key)
                return
            self._load(event.option.id)

    def on_screen_suspend(self) -> None:
        self.save_pending()  # leaving the view (F2, F3 …) saves, as leaving the text area does

    def _load(self, key: str, force: bool = False) -> None:
        area = self.query_one(TextArea)
        if not force and key == self.key:
            return
        year = self.app.year  # type: ignore[attr-defined]
        if area.text != self.loaded_text and key == self.key and year == self.text_year:
            return  # the operator is typing here: another operator's save must not wipe it
        sec = self.app.casc.narrative[key]  # type: ignore[attr-defined]
        self.key, self.text_year = key, year
        text = text_for(sec, year)
        self.loaded_text, self.conflict_text = text, None
        source = text_year(sec, year)
        draft = f" — draf dari teks {source}" if source not in (None, str(year)) else ""
        self.query_one("#section-title", Static).update(
            f"{sec['title']} {year}{draft}  [dim](Ctrl+S menyimpan)[/dim]")
        area.load_text(text)

    def on_descendant_blur(self, event) -> None:
        if isinstance(event.widget, TextArea):
            self.save_pending()

    def action_save(self) -> None:
        """Ctrl+S. After a refused save (someone else changed this section), a Ctrl+S is the operator's deliberate
        choice to replace the text they were shown; a blur or a change of view never is."""
        self.save_pending(overwrite=self.conflict_text is not None)

    def save_pending(self, overwrite: bool = False) -> bool:
        """Save the text if it changed; False when it could not be saved (the text stays in the area)."""
        if self.key is None or self.text_year is None or not self.is_mounted:
            return True
        text = self.query_one(TextArea).text
        base = self.conflict_text if overwrite and self.conflict_text is not None else self.loaded_text
        if text == base:
            return True
        app = self.app
        if app.apply_edit(Edit(self.key, "teks", self.text_year, base, text), quiet=True):  # type: ignore
            self.loaded_text, self.conflict_text = text, None
            app.say(f"Narasi \u201c{app.casc.narrative[self.key]['title']}\u201d {self.text_year} "  # type: ignore
                    f"disimpan.")
            return True
        on_disk = text_for(app.casc.narrative[self.key], self.text_year)  # type: ignore[attr-defined]
        if on_disk != self.loaded_text:
            self.conflict_text = on_disk
            app.say(app.message + " Tekan Ctrl+S untuk menimpanya dengan teks Anda.", error=True)  # type: ignore
        return False
