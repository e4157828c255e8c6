"""The start screen, when the workbook does not exist yet: a new workbook, or the demo."""

from __future__ import annotations

from pathlib import Path

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Static

from store.errors import InvalidValue, WorkbookError
from store.fields import text_input
from store.model import new_document, new_meta
from store.sanitize import quote
from store.workbook import Workbook

from ..keys import InOrderInput
from ..shown import shown
from ..widgets.keybar import KeyBar
from .base import SessionScreen


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
    StartScreen > Vertical { width: 70; height: auto; border: round $primary; padding: 0 1; }
    StartScreen Input { margin-bottom: 0; }
    StartScreen #start-message { color: $error; height: auto; }
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"{self.path} belum ada"
            yield Static("Buat buku kerja baru, atau buka contoh Kecamatan Torjun 2022 (Ctrl+D).")
            yield Label("Instansi")
            yield InOrderInput(placeholder="Kecamatan \u2026", id="instansi")
            yield Label("Pemerintah daerah")
            yield InOrderInput(placeholder="Kabupaten \u2026", id="pemda")
            yield Label("Periode Renstra")
            yield InOrderInput(placeholder="2025-2029", id="periode")
            yield Label("Tahun laporan")
            yield InOrderInput(placeholder="2025", id="tahun")
            yield Button("Buat buku kerja", id="create", variant="primary")
            yield Button("Buka demo Kecamatan Torjun", id="demo")
            yield Static(id="start-message")
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

    def _fail(self, message: str) -> None:
        self.query_one("#start-message", Static).update(shown(message, multiline=True))

    def _create(self) -> None:
        instansi = self.query_one("#instansi", Input).value.strip()
        pemda = self.query_one("#pemda", Input).value.strip()
        periode = self.query_one("#periode", Input).value.strip()
        tahun_text = self.query_one("#tahun", Input).value.strip()
        if not instansi or not pemda:
            self._fail("Isi nama instansi dan pemerintah daerahnya.")
            return
        try:
            text_input("Instansi", instansi)
            text_input("Pemerintah daerah", pemda)
        except InvalidValue as exc:
            self._fail(exc.message)
            return
        try:
            awal, akhir = (int(x) for x in periode.split("-"))
            tahun = int(tahun_text) if tahun_text else awal
        except ValueError:
            self._fail(f"Periode {quote(periode)} atau tahun {quote(tahun_text)} tidak terbaca; tulis "
                       f"seperti 2025-2029 dan 2025.")
            return
        if not (1900 < awal <= akhir < 2200 and awal - 1 <= tahun <= akhir):
            self._fail("Periode atau tahun laporan tidak masuk akal.")
            return
        meta = new_meta(instansi=instansi, pemda=pemda, periode_awal=awal, periode_akhir=akhir, tahun=tahun)
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
