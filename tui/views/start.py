"""The start screen, when the workbook does not exist yet: a new workbook, or the demo.

It fits 80×24 whole: one line per field, and a refusal on the line under the field at fault, which takes the focus,
so Enter on "Buat buku kerja" either opens the new workbook or says, where the eye is, why not. The Renstra period
and the report year start filled (the period this year falls in, and this year): most offices only type their names.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from store.errors import InvalidValue, WorkbookError
from store.fields import text_input
from store.model import Meta, new_document, new_meta
from store.sanitize import quote
from store.sheet_layout import default_periode
from store.workbook import Workbook

from ..keys import InOrderInput
from ..shown import shown
from ..widgets.keybar import KeyBar
from .base import SessionScreen

# (key, label, placeholder) in the order they are asked
FIELDS = (("instansi", "Instansi", "Kecamatan \u2026"), ("pemda", "Pemerintah daerah", "Kabupaten \u2026"),
          ("periode", "Periode Renstra", "2025-2029"), ("tahun", "Tahun laporan", "2025"))


class Refused(Exception):
    """What was typed into one field cannot make a workbook: said under that field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


def read_start(values: dict[str, str]) -> Meta:
    """The new workbook's meta from the four fields, or Refused naming the first field at fault."""
    instansi, pemda = values["instansi"].strip(), values["pemda"].strip()
    for key, label, text in (("instansi", "Instansi", instansi), ("pemda", "Pemerintah daerah", pemda)):
        if not text:
            raise Refused(key, f"Isi nama {label.lower()}.")
        try:
            text_input(label, text)
        except InvalidValue as exc:
            raise Refused(key, exc.message) from None
    periode, tahun_text = values["periode"].strip(), values["tahun"].strip()
    try:
        awal, akhir = (int(x) for x in periode.replace("\u2013", "-").split("-"))
    except ValueError:
        raise Refused("periode", f"Periode {quote(periode)} tidak terbaca; tulis seperti 2025-2029.") from None
    if not (1900 < awal <= akhir < 2200 and akhir - awal <= 10):
        raise Refused("periode", f"Periode {quote(periode)} tidak masuk akal; tulis seperti 2025-2029.")
    try:
        tahun = int(tahun_text) if tahun_text else awal
    except ValueError:
        raise Refused("tahun", f"Tahun {quote(tahun_text)} tidak terbaca; tulis seperti {awal}.") from None
    if not awal - 1 <= tahun <= akhir:
        raise Refused("tahun", f"Tahun {tahun} di luar periode {awal}-{akhir}; tulis tahun {awal - 1} s.d. {akhir}.")
    return new_meta(instansi=instansi, pemda=pemda, periode_awal=awal, periode_akhir=akhir, tahun=tahun)


class StartScreen(SessionScreen):
    # Tab, Shift+Tab and Enter are priority keys: the app runs them when they arrive, before it hands the next key
    # to a field. As ordinary bindings they ran only after bubbling up, by which time the next keys of a fast burst
    # had already gone into the old field ("Kecamatan BaruKabupaten Baru").
    BINDINGS = [
        Binding("ctrl+d", "demo", "Buka demo", id="start.demo", priority=True),
        Binding("tab", "next_field", "Isian berikutnya", show=False, id="start.next", priority=True),
        Binding("shift+tab", "previous_field", "Isian sebelumnya", show=False, id="start.previous", priority=True),
        Binding("enter", "enter", "Lanjut", show=False, id="start.enter", priority=True),
    ]
    DEFAULT_CSS = """
    StartScreen { align: center middle; }
    StartScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%; overflow-y: auto;
                             border: round $primary; padding: 0 1; }
    StartScreen .start-row { height: 1; margin-top: 1; }
    StartScreen .start-row Label { width: 19; }
    StartScreen Input, StartScreen Input:focus { border: none; height: 1; padding: 0 1; width: 1fr;
                                                 background: $boost; }
    StartScreen Input:focus { background: $primary 40%; }
    StartScreen .start-error { color: $error; height: auto; padding-left: 19; display: none; }
    StartScreen #start-buttons { height: 1; margin-top: 1; }
    StartScreen Button { margin-right: 2; }
    StartScreen #start-message { color: $error; height: auto; margin-top: 1; display: none; }
    StartScreen KeyBar { dock: bottom; }
    StartScreen #start-help { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, path: Path, today: date | None = None) -> None:
        super().__init__()
        self.path = path
        self.today = today or date.today()

    def compose(self) -> ComposeResult:
        awal, akhir = default_periode(self.today.year)
        filled = {"periode": f"{awal}-{akhir}", "tahun": str(self.today.year)}
        with Vertical() as box:
            box.border_title = f"{self.path} belum ada"
            yield Static("Buat buku kerja baru, atau buka contoh Kecamatan Torjun 2022 (Ctrl+D).")
            for key, label, placeholder in FIELDS:
                with Horizontal(classes="start-row"):
                    yield Label(label)
                    yield InOrderInput(filled.get(key, ""), placeholder=placeholder, id=key)
                yield Static(id=f"{key}-error", classes="start-error")
            with Horizontal(id="start-buttons"):
                yield Button("Buat buku kerja", id="create", variant="primary", compact=True)
                yield Button("Buka demo Kecamatan Torjun", id="demo", compact=True)
            yield Static(id="start-message")
            yield Static("Enter: isian berikutnya \u00b7 Tab / Shift+Tab: pindah \u00b7 Ctrl+Q: keluar",
                         id="start-help")
        yield KeyBar(["start.demo", "app.quit"])

    def on_mount(self) -> None:
        for inp in self.query(Input):
            inp.cursor_blink = False
        self.set_focus(self.query_one("#instansi", Input))  # at once, not behind keys already queued

    def action_next_field(self) -> None:
        self.focus_next()

    def action_previous_field(self) -> None:
        self.focus_previous()

    def action_enter(self) -> None:
        """Enter on a field goes to the next one; on a button, the button's own Enter presses it."""
        focused = self.focused
        if isinstance(focused, Button):
            # The button takes the Enter in its turn, behind the keys the fields have not read yet: pressed from
            # here, as a priority key, it would read the fields before the keys typed into them had arrived.
            raise SkipAction()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "demo":
            self.action_demo()
        else:
            self._create()

    def _clear(self) -> None:
        for error in self.query(".start-error").results(Static):
            error.update("")
            error.display = False
        self.query_one("#start-message", Static).display = False

    def _fail(self, message: str, field: str | None = None) -> None:
        """Said under the field at fault, which takes the focus; a refusal of the whole (the file) under the
        buttons."""
        self._clear()
        if field is None:
            said = self.query_one("#start-message", Static)
            said.update(shown(message, multiline=True))
            said.display = True
            return
        error = self.query_one(f"#{field}-error", Static)
        error.update(shown(message, multiline=True))
        error.display = True
        self.set_focus(self.query_one(f"#{field}", Input))
        self.app.bell()

    def _create(self) -> None:
        try:
            meta = read_start({key: self.query_one(f"#{key}", Input).value for key, _, _ in FIELDS})
        except Refused as exc:
            self._fail(exc.message, exc.field)
            return
        self._open(new_document(meta))

    def action_demo(self) -> None:
        from store.demo import demo_document

        self._open(demo_document())

    def _open(self, document: dict) -> None:
        try:
            wb = Workbook.create(self.path, document)
        except WorkbookError as exc:
            self._fail(exc.message)
            return
        self.app.pop_screen()
        self.session.open_workbook(wb)
