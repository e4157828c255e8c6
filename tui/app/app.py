"""The keyboard workbook: a Textual app over one Workbook.

Every committed value goes through Workbook.apply at once (lock, reload, atomic save, edit log): there is no unsaved
state. Undo and redo take the step the edit log names (store.edits.history), as `lkjip undo` and `lkjip redo` do. The file is polled once a second so another
operator's save shows up within two seconds without disturbing a cell being edited.
"""

from __future__ import annotations

import gc
import importlib
import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.events import Event, Key, Paste, Resize
from textual.screen import ModalScreen, Screen

from store.text.errors import WorkbookError
from store.text.sanitize import visible
from store.edits.workbook import Workbook

from . import lean_output
from .parts import HelpAndCommands, SafeStop
from tui.keys import in_text_field, load_keymap, stamp_arrival_times, typing_into
from tui.views.paste import paste_refusal
from tui.screen_roles import CellEditor, ShowsMessage
from tui.views.main import MainScreen

if TYPE_CHECKING:
    from store.disk.precheck import Prechecked
    from tui.session import Session

MIN_WIDTH, MIN_HEIGHT = 80, 24
lean_output.install()  # the same screens in fewer bytes (a slow SSH link): see tui/app/lean_output.py
stamp_arrival_times()  # a burst is the keys read together (tui/keys.py)
POLL_SECONDS = 1.0
WARM_STEP_SECONDS = 0.02  # the pause between steps of preparing the first save (Workbook.warm_save)
WARM_AFTER_SECONDS = 0.2  # ... and before the first, once the first screen is painted


# The other views are imported on their first visit: start-up pays only for the main view (the narrative view alone
# pulls in Textual's TextArea).
VIEWS = {
    "tabel": ("tui.views.tables", "TablesScreen"),
    "periksa": ("tui.views.checks", "ChecksScreen"),
    "narasi": ("tui.views.narrative", "NarrativeScreen"),
    "log": ("tui.views.log", "LogScreen"),
    "ekspor": ("tui.views.export", "ExportScreen"),
    "lembar": ("tui.views.sheet", "SheetScreen"),
    "anggaran": ("tui.views.budget_sheet", "BudgetSheetScreen"),
}


def make_view(module: str, name: str) -> Screen[object]:
    """A view of VIEWS, its module imported on the first visit."""
    view = getattr(importlib.import_module(module), name)()  # a class named in VIEWS, in the module it names
    assert isinstance(view, Screen)
    return view


class LkjipApp(SafeStop, HelpAndCommands):
    """The app's layers, from AppState up, are drawn in tui/app/state.py."""

    TITLE = "lkjip"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    # Only the workbook's own, Indonesian commands (Textual's system commands are English and mostly moot here).
    COMMANDS = {lambda: importlib.import_module("tui.app.palette").LkjipCommands}  # imported on the first Ctrl+P
    MODES = {"utama": MainScreen}

    # Keys are data with ids: ~/.config/lkjip/keymap.json ({"view.tables": "f3,t", ...}) remaps them.
    BINDINGS = [
        Binding("f1,question_mark", "help", "Bantuan", id="app.help"),
        # Priority: run as they arrive, before the app hands the keys typed after them to the view being left.
        Binding("f2", "view('utama')", "Kaskade", id="view.main", priority=True),
        Binding("f3", "view('tabel')", "Tabel", id="view.tables", priority=True),
        Binding("f4", "view('periksa')", "Periksa", id="view.checks", priority=True),
        Binding("f5", "view('narasi')", "Narasi", id="view.narrative", priority=True),
        Binding("f6", "view('log')", "Catatan", id="view.log", priority=True),
        Binding("f7", "view('ekspor')", "Ekspor", id="view.export", priority=True),
        Binding("f8", "view('lembar')", "Isian", id="view.sheet", priority=True),
        Binding("f9", "view('anggaran')", "Isian anggaran", id="view.budget_sheet", priority=True),
        # Priority, after the keys before them have landed (tui/keys.py): "] 7 7 Enter" stores 77 in the new year.
        Binding("left_square_bracket", "year(-1)", "Tahun\u2212", id="year.previous", priority=True),
        Binding("right_square_bracket", "year(1)", "Tahun+", id="year.next", priority=True),
        # Priority too: "/kepuasan" arriving in one write must reach the find dialog, not the tree (k, a, p are
        # cascade-editing keys there). In a text field "/" is a character (check_action).
        Binding("slash", "find", "Cari", id="app.find", priority=True),
        Binding("ctrl+z", "undo", "Urungkan", show=False, id="edit.undo", priority=True),
        Binding("ctrl+y", "redo", "Ulangi", show=False, id="edit.redo", priority=True),
        Binding("ctrl+q", "quit", "Keluar", id="app.quit", priority=True),
    ]

    def __init__(self, workbook: Workbook | None, *, path: Path | None = None) -> None:
        if workbook is not None:
            # Start straight in the main view: no blank default screen laid out and painted first.
            self.DEFAULT_MODE = "utama"  # type: ignore[misc]  # per app: one opened from the start screen has none
        super().__init__()
        self.animation_level = "none"  # no animations: every frame costs bytes over SSH
        # lkjip says everything on its status lines and shows no tooltips: without Textual's notification rack and
        # tooltip, every screen mounts, styles and lays out two widgets fewer (as under the Pilot, which drops them).
        self._disable_tooltips = self._disable_notifications = True
        self.wb = workbook
        self.path = path or (workbook.path if workbook else Path("lkjip.json"))
        # Without a workbook (the start screen) no view that reads the cascade is up until open_workbook sets it.
        self.casc = workbook.cascade() if workbook else None  # type: ignore[assignment]  # see the line above
        self.year = self.casc.tahun if workbook else 0
        self.message = ""
        self.message_error = False
        self.message_at = None
        self._quit_anyway = False
        self.disk_problem = None
        self.stopping = False
        self.narrative_view = None
        load_keymap(self)
        if workbook is not None:
            self._adopt(workbook)

    # -- life cycle --------------------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.call_after_refresh(gc.enable)  # off while starting up (tui/cli/main.py)
        sixteen = not self.is_headless and self.console.color_system in ("standard", "windows")
        if sixteen or os.environ.get("LKJIP_THEME") == "ansi":
            # A 16-colour terminal: use the terminal's own palette, so every text stays readable whatever the
            # operator's colour scheme (and colour codes are shorter on the wire).
            self.theme = "ansi-dark"
        if not self.is_headless:
            self._install_signal_handlers()
        if self.wb is None:
            from tui.views.start import StartScreen

            self.push_screen(StartScreen(self.path))
        else:
            self.open_workbook(self.wb)
        # After the first screen is up, so the notice lands on top of it.
        self.call_after_refresh(lambda: self._check_size(self.size.width, self.size.height))

    def _adopt(self, wb: Workbook) -> None:
        """The workbook's state, title, views and opening message, set before anything is drawn: the first frame
        carries them, rather than a second burst right after it."""
        self.wb = wb
        self.path = wb.path
        self.casc = wb.cascade()
        self.year = self.casc.tahun
        profile = self.casc.meta["profile"]
        self.title = visible(f"lkjip \u2014 {profile['instansi']}")
        for name, (module, cls) in VIEWS.items():
            if name not in self._modes:
                self.add_mode(name, partial(make_view, module, cls))
        # The document read lives until the next reload: ≈1 million objects at kabupaten scale, which each full pass
        # of the cyclic collector walked (≈60 ms, in the middle of a key). Frozen, they are left out of those passes.
        gc.freeze()
        self.message, self.message_error = (f"Buku kerja {wb.path.name} dibuka: {profile['instansi']}, tahun "
                                            f"{self.year}. Tekan ? untuk bantuan."), False

    def open_workbook(self, wb: Workbook) -> None:
        if wb is not self.wb or not self._modes.keys() >= VIEWS.keys():
            self._adopt(wb)  # from the start screen; a workbook given at start was adopted in __init__
        if self.current_mode != "utama":
            self.switch_mode("utama")
        self.set_interval(POLL_SECONDS, self.poll_disk)
        self.show_status()
        self.call_after_refresh(self.offer_draft)
        # The first save would serialise the whole document (2,000 nodes: ≈35 ms on the first Enter); done in steps
        # of a few ms while the operator reads the first screen, it costs what any later save does. Begun once that
        # screen is painted: steps taken before it only delayed the first frame.
        def start_warming() -> None:
            def step() -> None:
                if self.workbook.warm_save():
                    timer.stop()

            timer = self.set_interval(WARM_STEP_SECONDS, step)

        self.call_after_refresh(lambda: self.set_timer(WARM_AFTER_SECONDS, start_warming))

    def on_resize(self, event: Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        from tui.views.small import TooSmallScreen

        small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif not small and showing:
            self.pop_screen()

    async def on_event(self, event: Event) -> None:
        # A paste is routed as a key is: where the keys before it led, and not at all behind a refused key.
        typed = isinstance(event, (Key, Paste)) and not event.is_forwarded
        if typed:
            await self.settle_keys()
            if isinstance(event, (Key, Paste)) and self.dropped_from_burst(event):  # typed behind a refused key: the refusal stays, with the count
                self.message, self.message_error = self.refusal_and_dropped(), True
                self.show_status()
                if isinstance(self.screen, ShowsMessage):  # a refusal opened whole in a dialog
                    self.screen.show_message(self.message)
                return
        if typed and isinstance(event, Paste):  # refused for its size before any widget sees it (tui/views/paste.py)
            too_large = paste_refusal(self.focused, event.text)
            if too_large:
                self.say(too_large, error=True)
                return
        # A message goes away on the next key: an old refusal must not read as the answer to a new action.
        if isinstance(event, Key) and self.message and not self.disk_problem and not isinstance(self.screen,
                                                                                                  ModalScreen):
            self.message, self.message_error = "", False
            self.show_status()
        await super().on_event(event)
        if typed:
            self.key_routed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "year":  # "[" typed in a field or a cell is a character; a dialog keeps the year it opened on
            return not typing_into(self.focused) and not isinstance(self.screen, ModalScreen)
        if action in ("undo", "redo"):  # not behind a dialog, nor into a cell being typed; a text area's own undo
            focused = self.focused
            key = "ctrl+z" if action == "undo" else "ctrl+y"
            mine = focused is not None and key in focused._bindings.key_to_bindings
            editing = isinstance(focused, CellEditor) and focused.is_editing
            return not (mine or editing or isinstance(self.screen, ModalScreen))
        return not (action == "find" and in_text_field(self.focused))  # "/" typed in a text field is a character

def run_app(path: Path, *, mouse: bool = False, prechecked: Prechecked | None = None) -> int:
    wb = None
    if path.exists():
        try:
            wb = Workbook.open(path, prechecked=prechecked)
        except WorkbookError as exc:
            from tui.printer import err

            err(exc.message, one_line=True)
            return 1
    app = LkjipApp(wb, path=path)
    app.run(mouse=mouse)
    # Textual sets a non-zero return code when the app died of an exception: a crash must never look like success.
    return app.return_code or 0


if TYPE_CHECKING:
    def _the_app_is_the_session(app: LkjipApp) -> Session:
        return app  # mypy checks here that the app implements every member of the session protocol
