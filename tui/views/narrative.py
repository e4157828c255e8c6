"""The narrative sections (F5): Markdown in a text area, saved like any edit (Ctrl+S, or on leaving the text).

Texts are kept per year: the view edits the shown year's (`[` / `]` change it, after saving what was typed). A year
without its own text shows another year's as a draft, marked so in the title; the first save makes it that year's own.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from store.disk.drafts import Draft, remove_draft, write_draft
from store.text.errors import InvalidValue
from store.domain.fields import NARRATIVE_MAX, parse_value, spec_of
from store.domain.model import (ANALYSIS_POINTS, NARRATIVE_SECTIONS, RENJA_EVAL_POINTS, RENJA_EVAL_PREFIX, text_for,
                                text_year)
from store.text.sanitize import visible
from store.disk.storage import os_reason
from store.domain.edit import Edit

from tui.keys import OwnKeysFirst
from .paste import for_narrative
from tui.session import session_of
from tui.shown import shown

from tui.widgets.keybar import VIEW_KEYS, KeyBar
from tui.widgets.status import StatusLine
from .base import WorkbookView


DRAFT_SECONDS = 1.0
_ORDER = [key for key, _ in NARRATIVE_SECTIONS]


# The points of a sasaran's analysis written by people, in the order the report prints them (d, e, f, g).
_POINTS = [suffix for suffix, _ in ANALYSIS_POINTS if suffix is not None]
_RENJA_POINTS = [part for part, _ in RENJA_EVAL_POINTS]


def section_order(key: str) -> tuple[int, int, str, int]:
    """Report order: the fixed sections, with each sasaran's analysis points right after BAB III A; the Renja
    evaluation's texts after them, by quarter."""
    if key.startswith(RENJA_EVAL_PREFIX + ":"):
        tw, _, part = key.removeprefix(RENJA_EVAL_PREFIX + ":").partition(":")
        return (len(_ORDER) + 1, 0, tw, _RENJA_POINTS.index(part) if part in _RENJA_POINTS else len(_RENJA_POINTS))
    if key.startswith("analisis:"):
        sasaran, _, suffix = key.removeprefix("analisis:").partition(":")
        return (_ORDER.index("bab3_capaian"), 1, sasaran, _POINTS.index(suffix) if suffix in _POINTS else 0)
    return (_ORDER.index(key) if key in _ORDER else len(_ORDER), 0, key, 0)


class NarrativeArea(OwnKeysFirst, TextArea):
    """The narrative editor. Its own keys (Backspace, arrows, Ctrl+U …) act in order with the characters typed
    around them (tui/keys.py). A paste may carry anything (colour codes copied from a terminal, CR line breaks from
    tmux, CRLF from a spreadsheet): it is taken as text the gate accepts (tui/views/paste.py `for_narrative`: LF line
    breaks, codes and control characters taken out, in one pass each), and what was taken out is said."""

    PASTE_KIND = "narrative"  # the size a paste into it may have (tui/views/paste.py)

    async def _on_paste(self, event: events.Paste) -> None:  # async as TextArea's; Textual awaits both
        # Textual then runs TextArea's own paste handler (handlers run along the class hierarchy) with this text.
        if self.read_only:
            return
        event.text, removed = for_narrative(event.text)
        if removed:
            session_of(self).say(f"Tempelan: {removed} kode warna atau karakter kendali dibuang; teksnya "
                                 f"ditempel tanpa itu.")


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
        self.loaded_text = ""  # the section's stored text
        self.shown_text = ""  # what was put in the area for it (control characters made visible, maybe cut)
        self.conflict_text: str | None = None  # another operator's text, shown in a refusal
        self.cut = False  # the stored text is over the limit: shown cut and read-only, never saved back
        self._draft_due = False

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="section-list", classes="side-list")
            with Vertical():
                yield Static(id="section-title", classes="view-title")
                yield NarrativeArea(id="section-text", language=None, soft_wrap=True, show_line_numbers=False)
        yield StatusLine()
        yield KeyBar(["narrative.save", *VIEW_KEYS])

    def on_mount(self) -> None:
        self.query_one(TextArea).cursor_blink = False
        self.session.narrative_view = self  # the app drafts it on a signal

    def redraw(self) -> None:
        casc = self.session.casc
        lst = self.query_one(OptionList)
        keep = self.key
        lst.clear_options()
        keys = sorted(casc.narrative, key=section_order)
        lst.add_options([Option(shown(casc.narrative[key]["title"], limit=80), id=key) for key in keys])
        if keys:
            if self.text_year not in (None, self.session.year) and not self.save_pending():
                return  # the year changed with a text that could not be saved: keep it, under its own year
            self.key = keep if keep in casc.narrative else keys[0]
            lst.highlighted = keys.index(self.key)
            self._load(self.key, force=True)

    def show_section(self, key: str) -> None:
        """Highlight a section by its key; the highlight loads it, once what was typed in the last one is saved."""
        keys = [o.id for o in self.query_one(OptionList).options]
        if key in keys:
            self.query_one(OptionList).highlighted = keys.index(key)

    def action_year(self, step: int) -> None:
        if self.save_pending():
            self.session.show_year(step)

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

    @property
    def typed(self) -> bool:
        return self.is_mounted and self.key is not None and self.query_one(TextArea).text != self.shown_text

    def _load(self, key: str, force: bool = False) -> None:
        area = self.query_one(TextArea)
        if not force and key == self.key:
            return
        year = self.session.year
        if self.typed and key == self.key and year == self.text_year:
            return  # the operator is typing here: another operator's save must not wipe it
        sec = self.session.casc.narrative[key]
        self.key, self.text_year = key, year
        text = text_for(sec, year)
        # A text over the limit (a file edited by hand) would freeze the editor: show its start, read-only.
        self.cut = len(text.encode("utf-8", "surrogatepass")) > NARRATIVE_MAX
        self.loaded_text, self.conflict_text = text, None
        self.shown_text = visible(text[:NARRATIVE_MAX] if self.cut else text, multiline=True)
        title = shown(sec["title"], limit=80)
        source = text_year(sec, year)
        title.append(f" {year}" + (f" \u2014 draf dari teks {source}" if source not in (None, str(year)) else ""))
        if self.cut:
            title.append(f"  (lebih dari {NARRATIVE_MAX // 1024} KB: ditampilkan terpotong, hanya-baca)",
                         style="bold red")
        else:
            title.append("  (Ctrl+S menyimpan)", style="dim")
        self.query_one("#section-title", Static).update(title)
        area.read_only = self.cut
        area.load_text(self.shown_text)

    def restore(self, draft: Draft) -> None:
        """Put a recovery draft back into its section, unsaved: Ctrl+S (or leaving the text) saves it."""
        casc = self.session.casc
        if draft.key not in casc.narrative:
            self.session.say(f"Bagian narasi draf itu ({draft.title}) sudah tidak ada; draf disimpan di "
                         f"{self._draft_file()}.", error=True)
            return
        if draft.year is not None and draft.year != self.session.year:
            self.session.show_year(draft.year - self.session.year)
        keys = [o.id for o in self.query_one(OptionList).options]
        self._load(draft.key, force=True)
        if draft.key in keys:
            self.query_one(OptionList).highlighted = keys.index(draft.key)
        self.loaded_text = draft.base  # the save is checked against what the operator saw when typing began
        self.query_one(TextArea).load_text(draft.text)
        self.query_one(TextArea).focus()
        self.session.say(f"Draf narasi \u201c{draft.title}\u201d dipulihkan; tekan Ctrl+S untuk menyimpannya.")

    def on_text_area_changed(self, _: TextArea.Changed) -> None:
        # Drafted at most once a second while typing: a dropped link loses at most the last second.
        if not self._draft_due and self.typed:
            self._draft_due = True
            self.set_timer(DRAFT_SECONDS, self.write_draft)

    def _draft_file(self):
        return self.session.draft_file()

    def write_draft(self) -> None:
        """Keep what is typed and not yet saved in the recovery draft (or remove a draft that has become moot)."""
        self._draft_due = False
        if not self.is_mounted or self.key is None or self.cut:
            return
        path = self._draft_file()
        try:
            if self.typed:
                section = self.session.casc.narrative.get(self.key)
                title = section["title"] if section else self.key
                write_draft(path, self.key, title, self.loaded_text, self.query_one(TextArea).text,
                            year=self.text_year)
            else:
                remove_draft(path)
        except OSError as exc:
            self.session.say(f"Draf narasi tidak dapat ditulis ({os_reason(exc)}); teksnya masih di layar.",
                         error=True)

    def on_descendant_blur(self, event) -> None:
        if isinstance(event.widget, TextArea):
            self.save_pending()

    def action_save(self) -> None:
        """Ctrl+S. After a refused save (someone else changed this section), a Ctrl+S is the operator's deliberate
        choice to replace the text they were shown; a blur or a change of view never is."""
        self.save_pending(overwrite=self.conflict_text is not None)

    def save_pending(self, overwrite: bool = False) -> bool:
        """Save the text if it changed; False when it could not be saved (the text stays in the area, and in the
        recovery draft)."""
        app = self.session
        if self.key is None or self.text_year is None or not self.is_mounted or self.cut or app.stopping:
            return True
        if not self.typed and not overwrite:
            return True
        base = self.conflict_text if overwrite and self.conflict_text is not None else self.loaded_text
        try:
            # The one input rule (control characters, size, line breaks) for the TUI as for `lkjip set`; emptying
            # the whole text here is deliberate (and undoable), so it counts as --clear.
            text = str(parse_value(spec_of("teks"), self.query_one(TextArea).text, clear=True))  # a text reads as str
        except InvalidValue as exc:
            app.say(exc.message, error=True)
            self.write_draft()
            return False
        if text == base:
            return True
        if app.apply_edit(Edit(self.key, "teks", self.text_year, base, text), quiet=True):
            self.loaded_text, self.conflict_text = text, None
            self.shown_text = self.query_one(TextArea).text
            remove_draft(self._draft_file())
            app.say(f"Narasi \u201c{app.casc.narrative[self.key]['title']}\u201d {self.text_year} "
                    f"disimpan.")
            return True
        self.write_draft()
        on_disk = text_for(app.casc.narrative[self.key], self.text_year)
        if on_disk != self.loaded_text:
            self.conflict_text = on_disk
            app.say(app.message + " Tekan Ctrl+S untuk menimpanya dengan teks Anda.", error=True)
        return False
