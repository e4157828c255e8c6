"""Layers of the workbook app (tui/app/app.py), each on the one below (the order is drawn in tui/app/state.py): a typed
value and undo / redo (`EditHistory`), moving between views, years and nodes (`Navigation`), help and the command
palette (`HelpAndCommands`), and what keeps typed text safe when the app stops: recovery drafts, signals, a crash,
Ctrl+Q (`SafeStop`)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.actions import SkipAction
from textual.command import CommandPalette

from store.text.errors import InvalidValue, WorkbookError
from store.domain.fields import parse_value, spec_of
from store.edits.structure import STRUCTURAL
from store.domain.edit import Applied, Edit
from store.domain.refs import NARRATIVE_PREFIX

from .writes import WritePath, not_saved
from tui.keys import drained, typing_into
from tui.screen_roles import (FindsWithin, FocusForKeys, HasCommands, OwnYearKeys, PaletteCommand, RestoresDraft,
                              ShowsSection, TypedCell, UnsavedText)
from tui.session import session_of
from tui.views.main import MainScreen

if TYPE_CHECKING:
    from store.disk.drafts import Draft  # imported by offer_draft itself, after the first frame


async def keys_before_landed(app: Any) -> None:
    """Before an app key ([ ] Ctrl+Z Ctrl+Y, priority keys: tui/keys.py) acts: the widget in focus has handled the
    keys typed before it. If those opened a cell editor ("8 ]" in one burst), the key is the editor's after all:
    SkipAction hands it on, in its place. (Run from the palette with a cell being typed into, it just acts.)"""
    typing = typing_into(app.focused)
    await drained(app.focused)
    if typing_into(app.focused) and not typing:
        raise SkipAction()


class EditHistory(WritePath):
    """A value typed in a cell through the one edit path, and Ctrl+Z / Ctrl+Y: the step the edit log names
    (store.edits.history), a paste or a form whole."""

    def commit_typed(self, ref: str, field: str, old: object, text: str, *,
                     clear: bool = False) -> tuple[Edit, Applied] | None:
        """Read what was typed in a cell (node grid or sheet) and apply it. A refusal (unreadable, conflict, locked
        year, disk) is said, whole in a dialog when long, and None returned: the typed text stays in the editor."""
        spec = spec_of(field)
        try:
            new = parse_value(spec, text, clear=clear)
        except InvalidValue as exc:
            self.say(exc.message, error=True)
            self.refusal_in_full()
            return None
        edit = Edit(ref, spec.name, self.year if spec.yearly else None, old, new)
        # quiet: the echo goes on the edit line, which repaints anyway, rather than on two more status lines.
        applied = self.apply_edit(edit, quiet=True)
        if not applied:
            self.refusal_in_full()
            return None
        return edit, applied

    async def action_undo(self) -> None:
        await keys_before_landed(self)
        self._move("undo")

    async def action_redo(self) -> None:
        await keys_before_landed(self)
        self._move("redo")

    def _move(self, kind: str) -> None:
        """The step the edit log says is next (store.edits.history): the same step `lkjip undo` / `lkjip redo` takes."""
        from store.edits import history  # on the first Ctrl+Z, not at start-up

        assert self.wb is not None
        try:
            moved = history.undo(self.wb) if kind == "undo" else history.redo(self.wb)
        except (WorkbookError, OSError) as exc:
            why = not_saved(exc)
            self.say(why, error=True)
            self._back_to_disk()
            self.refusal_in_full()  # a conflict names both values: whole, not cut by the status line
            return
        if moved is None:
            self.say("Tidak ada yang bisa diurungkan." if kind == "undo" else "Tidak ada yang bisa diulangi.")
            return
        self.casc = self.wb.cascade()
        self.refresh_views()
        verb = "Diurungkan" if kind == "undo" else "Diulangi"
        changed = [a for a in moved.applied if a.changed]
        if len(changed) == 1 and changed[0].edit.field not in STRUCTURAL:
            self.say(self.echo(verb, changed[0]))
        else:
            self.say(f"{verb} #{moved.step.id}: {history.describe(moved)}")
        first = moved.step.entries[0]
        if isinstance(self.screen, MainScreen) and moved.applied:
            self.screen.focus_ref(first["ref"], first["field"])


class Navigation(EditHistory):
    """The views (F2..F9), the year shown ([ and ], within the Renstra period), find (/) and going to a node."""

    @property
    def too_small(self) -> bool:
        from tui.views.small import TooSmallScreen

        return isinstance(self.screen, TooSmallScreen)

    async def action_view(self, name: str) -> None:
        if self.wb is None or self.too_small:
            return
        if self.current_mode != name:
            # Awaited: keys that arrived with the view key (F8 77 Enter in one burst) wait in the app's queue until
            # the new view is mounted and focused, and then go to it rather than to the view that was left.
            await self.switch_mode(name)
            if isinstance(self.screen, FocusForKeys):
                self.screen.focus_for_keys()
            self.show_status()  # the year and revision of now, not of when the view was last shown
        else:
            self.refresh_views()

    async def action_year(self, step: int) -> None:
        await keys_before_landed(self)
        if isinstance(self.screen, OwnYearKeys):  # the narrative view saves the text being typed first
            self.screen.action_year(step)
        else:
            self.show_year(step)

    def show_year(self, step: int) -> None:
        if self.wb is None:
            return
        lo, hi = int(self.casc.meta["periode_awal"]) - 1, int(self.casc.meta["periode_akhir"])
        year = self.year + step
        if not lo <= year <= hi:
            self.say(f"Tahun {year} di luar periode Renstra {lo + 1}\u2013{hi}.", error=True)
            return
        self.year = year
        screen = self.screen
        if isinstance(screen, MainScreen) and screen.node_id:
            screen.show_node(screen.node_id)
        else:
            self.refresh_views()
        self.say(f"Tahun {year}.")

    async def action_find(self) -> None:
        if self.wb is None:
            return
        from tui.views.find import FindScreen

        # Awaited: the keys typed after "/" wait in the app's queue until the dialog's input has focus.
        if isinstance(self.screen, FindsWithin):  # the sheets find a row within themselves
            await self.screen.action_find()
            return
        # A node found: the tree at it, as the operator goes on (↓, a). An indicator found: its row in the grid, to
        # key its figures.
        await self.push_screen(
            FindScreen(self.casc), lambda ref: self.goto(ref, tree=ref not in self.casc.indicators))

    def goto(self, ref: str | None, field: str | None = None, *, tree: bool = False) -> None:
        if not ref:
            return
        if ref.startswith(NARRATIVE_PREFIX):  # a section of text (an empty one, from the checks view): F5 on it
            self.call_later(self._open_section, ref.removeprefix(NARRATIVE_PREFIX))
            return
        if self.current_mode == "utama":  # at once: the keys typed after the choice (a burst) act on it
            self._focus(ref, field, tree)
            return
        self.switch_mode("utama")
        self.call_after_refresh(lambda: self._focus(ref, field, tree))

    async def _open_section(self, key: str) -> None:
        await self.action_view("narasi")
        screen = self.screen
        if isinstance(screen, ShowsSection):
            screen.show_section(key)

    def _focus(self, ref: str, field: str | None, tree: bool) -> None:
        screen = self.screen
        if isinstance(screen, MainScreen):
            screen.focus_ref(ref, field, tree=tree)


class HelpAndCommands(Navigation):
    """F1 and Ctrl+P: the keys of the view, and Indonesian commands with the view's own first."""

    def action_help(self) -> None:
        from tui.views.help import HelpScreen

        self.push_screen(HelpScreen(self.active_bindings))

    # Textual's own is not async; this one is awaited (run_action awaits either), so the palette is up before the
    # next key.
    async def action_command_palette(self) -> None:  # type: ignore[override]
        if self.use_command_palette and not CommandPalette.is_open(self):
            from .palette import Palette

            await self.push_screen(Palette())  # awaited: what is typed after Ctrl+P goes to its search field

    async def open_profile(self) -> None:
        from tui.views.profile import open_profile_form

        await open_profile_form(session_of(self))

    async def open_year_lock(self, unlock: bool) -> None:
        from tui.views.year_lock import open_year_lock

        await open_year_lock(session_of(self), unlock)

    def palette_commands(self) -> list[PaletteCommand]:
        commands: list[PaletteCommand] = [
            ("Tampilan: Kaskade", "Pohon cascading dan isian indikator", lambda: self.action_view("utama")),
            ("Tampilan: Tabel LKjIP", "Tabel 1.1 s.d. anggaran, dihitung ulang", lambda: self.action_view("tabel")),
            ("Tampilan: Pemeriksaan", "Temuan konsistensi", lambda: self.action_view("periksa")),
            ("Tampilan: Narasi", "Bagian narasi (Markdown)", lambda: self.action_view("narasi")),
            ("Tampilan: Log perubahan", "Siapa mengubah apa", lambda: self.action_view("log")),
            ("Tampilan: Ekspor", "Draf LKjIP Markdown / Word", lambda: self.action_view("ekspor")),
            ("Tampilan: Lembar isian kinerja", "F8: semua indikator tahun ini dalam satu lembar",
             lambda: self.action_view("lembar")),
            ("Tampilan: Lembar isian anggaran", "F9: pagu dan realisasi semua sub kegiatan",
             lambda: self.action_view("anggaran")),
            ("Tahun sebelumnya", "[", lambda: self.action_year(-1)),
            ("Tahun berikutnya", "]", lambda: self.action_year(1)),
            ("Cari simpul atau indikator", "/", self.action_find),
            ("Urungkan perubahan terakhir", "Ctrl+Z", self.action_undo),
            ("Ulangi perubahan", "Ctrl+Y", self.action_redo),
        ]
        if self.wb is not None:  # not on the start screen
            commands.append(("Profil dan penandatangan", "P di Cascade \u00b7 instansi, kepala, NIP, pihak kedua, "
                             "tempat, tanggal", self.open_profile))
            locked = str(self.year) in (self.casc.meta.get("locks") or {})
            commands.append((f"Buka kunci tahun {self.year}", "angkanya dapat diubah lagi; alasannya dicatat",
                             partial(self.open_year_lock, True)) if locked else
                            (f"Kunci tahun {self.year}", "tahun yang sudah ditandatangani: angkanya dibekukan, "
                             "ekspornya salinan final", partial(self.open_year_lock, False)))
        # While the palette is open it is the top screen: the view's own commands are those of the screen below it.
        stack = [s for s in self.screen_stack if not isinstance(s, CommandPalette)]
        below = stack[-1] if stack else self.screen
        if isinstance(below, HasCommands):
            commands = below.palette_commands() + commands
        return commands


class SafeStop(Navigation):
    """What the operator typed survives a dropped link, a kill or a crash (see tui/app/draft.py and store/disk/drafts.py)."""

    def _print_error_renderables(self) -> None:
        """A crash: one Indonesian sentence for the operator; the traceback goes to a file for the developer."""
        if not self._exit_renderables or self.return_code == 0:
            return super()._print_error_renderables()
        from .draft import crash_report
        from tui.printer import err

        err(crash_report(self._exit_renderables))
        self._exit_renderables.clear()

    # -- recovery drafts (tui/app/draft.py) ---------------------------------------------------------------------------------
    def _install_signal_handlers(self) -> None:
        from .draft import install_signal_handlers

        install_signal_handlers(self)

    def draft_file(self) -> Path:
        from store.disk.drafts import draft_path  # after the first frame: offer_draft runs once it is drawn

        return draft_path(self.path, self.wb.user if self.wb else "operator")

    def offer_draft(self) -> None:
        from store.disk.drafts import find_draft, remove_draft

        # Only the operator's own regular file is read; anything planted at its name is set aside, with a message.
        draft, problem = find_draft(self.draft_file())
        if problem is not None:
            self.say(problem, error=True)
        if draft is None:
            return
        from .draft import DraftOffer

        async def answered(restore: bool | None) -> None:
            if not restore:
                remove_draft(self.draft_file())
                self.say("Draf narasi dibuang.")
                return
            await self.action_view("narasi")  # awaited: the narrative view is the screen once it returns
            self.call_after_refresh(self._restore, draft)

        self.push_screen(DraftOffer(draft), answered)

    def _restore(self, draft: Draft) -> None:
        screen = self.screen
        if isinstance(screen, RestoresDraft):
            screen.restore(draft)

    async def action_quit(self) -> None:
        """Ctrl+Q: a value being typed in a cell is asked about (save it, drop it, or go back); a narrative being
        typed is saved first; if that fails, say so and quit only on a second Ctrl+Q."""
        await drained(self.focused)  # the digits typed just before Ctrl+Q in one burst are in the editor first
        screen = self.screen
        text = screen.editor_text() if isinstance(screen, TypedCell) else None
        if isinstance(screen, TypedCell) and text is not None:
            from tui.views.message import QuitWhileTyping

            def answered(answer: str | None) -> None:
                if answer == "discard":
                    self.exit()
                elif answer == "save":
                    screen.commit_pending()
                    if screen.editor_text() is None:
                        self.exit()  # saved; refused, the editor stays open and the status line says why

            await self.push_screen(QuitWhileTyping(text), answered)  # the answer typed next goes to it
            return
        if isinstance(screen, UnsavedText) and not self._quit_anyway and not screen.save_pending():
            self._quit_anyway = True
            self.say(self.message + " Teks belum tersimpan: Ctrl+Q sekali lagi untuk keluar tanpa menyimpan.",
                     error=True)
            return
        self.exit()
