"""Command palette (Ctrl+P): the app's commands plus those of the view on screen."""

from __future__ import annotations

from functools import partial
from inspect import isawaitable

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.app import ComposeResult
from textual.command import CommandInput, CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, LoadingIndicator
from textual.widgets.option_list import Option

from .keys import OwnKeysFirst, drained
from .screen_roles import HasCommands, PaletteCommand


class LkjipCommands(Provider):
    def _commands(self) -> list[PaletteCommand]:
        return self.app.palette_commands() if isinstance(self.app, HasCommands) else []

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, partial(callback), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(callback), help=help_text)


class InOrderCommandInput(OwnKeysFirst, CommandInput):
    """The palette's search field, taking a burst in order (tui/keys.py): "Ctrl+U kantor" in one write leaves
    "kantor", where Textual's Ctrl+U acted after the letters behind it had been typed."""


class Palette(CommandPalette):
    """Textual's command palette in Indonesian: its placeholder, its keys' descriptions and its "no matches"."""

    BINDINGS = [
        Binding("ctrl+end,shift+end", "command_list('last')", "Ke paling bawah", show=False),
        Binding("ctrl+home,shift+home", "command_list('first')", "Ke paling atas", show=False),
        Binding("down", "cursor_down", "Perintah berikutnya", show=False),
        Binding("escape", "escape", "Tutup palet perintah"),
        Binding("pagedown", "command_list('page_down')", "Halaman berikutnya", show=False),
        Binding("pageup", "command_list('page_up')", "Halaman sebelumnya", show=False),
        Binding("up", "command_list('cursor_up')", "Perintah sebelumnya", show=False),
        # Priority (tui/keys.py): "Ctrl+P tambah rincian Enter" and the keys after it in one burst run the command
        # and reach the form it opens. Textual's own Enter waits for a search running in the background and runs
        # the command after the keys already queued.
        Binding("enter", "choose", "Jalankan perintah", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__(placeholder="Cari perintah\u2026", id="--command-palette")

    def compose(self) -> ComposeResult:
        # Textual 8.2.8's own, with the search field that takes a burst in order (a subclass, so every query and
        # style for CommandInput still finds it).
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield InOrderCommandInput(placeholder=self._placeholder, select_on_focus=False)
                if not self.run_on_select:
                    yield Button("\u25b6")
            with Vertical(id="--results"):
                yield CommandList()
                yield LoadingIndicator()

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own says "No matches found"; the same countdown, in Indonesian.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text("Tidak ada perintah yang cocok", style="not bold")), disabled=True,
                           id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

    async def action_choose(self) -> None:
        """Run the highlighted command of the search for what is typed now (the first hit when the list on screen is
        not that search yet), and wait for what it opens before the app reads the next key."""
        field = self.query_one(CommandInput)
        await drained(field)
        self._cancel_gather_commands()
        hits = sorted([hit async for hit in self._search_for(field.value.strip())], key=lambda h: h.score,
                      reverse=True)
        if not hits:
            return
        listed = self.query_one(CommandList)
        here = listed.highlighted if self._list_visible and listed.option_count == len(hits) else None
        command = hits[here or 0].command
        self.app.post_message(CommandPalette.Closed(option_selected=True))
        self.dismiss()
        done = command()
        if isawaitable(done):
            await done
