"""Closing a signed year and opening it again without a shell: Ctrl+P offers "Kunci tahun …" or "Buka kunci tahun …"
for the year shown, a one-field form asks the reason (required to open, as `lkjip unlock` requires it), and the lock
lands in the file and its log as the command line's does. A typed value in a locked year is refused with the key
that opens it, never a shell command."""

from __future__ import annotations

from pathlib import Path

import orjson
from textual.command import CommandList

from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.views.forms import FormScreen
from tui.views.main import MainScreen

from tests.tui.test_fits_the_screen import screen_lines

SIZE = (80, 24)


def locks(path: Path) -> dict:
    return Workbook.open(path).cascade().meta.get("locks") or {}


async def from_palette(pilot, app: LkjipApp, words: str) -> None:
    """Ctrl+P, the words, and Enter once the palette offers them first."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    for _ in range(200):  # the palette searches in a worker: wait for its first hit
        await pilot.pause(0.02)
        found = app.screen.query(CommandList)
        if found and found.first().option_count and words in str(found.first().get_option_at_index(0).prompt):
            break
    await pilot.press("enter")
    await pilot.pause()


async def test_the_year_is_locked_and_opened_again_from_ctrl_p_with_its_reason(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await from_palette(pilot, app, "Kunci tahun 2022")
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"LKjIP ditandatangani", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "2022" in locks(demo_path)
        assert "Tahun 2022 dikunci" in app.message and not app.message_error
        shown = " ".join(screen_lines(app))  # said while the form was on top: on the view once it is back
        assert "Tahun 2022 dikunci" in shown and "revisi 1" in shown, shown

        # A value typed into the locked year is refused with the key that opens it.
        await pilot.press("tab", "right", "right", *"77", "enter")
        await pilot.pause()
        assert app.message_error and "Ctrl+P \u203a Buka kunci tahun 2022" in app.message, app.message
        assert "lkjip" not in app.message

        # Opening needs a reason: an empty one is said in the form, the year stays closed.
        await pilot.press("escape", "shift+tab")
        await from_palette(pilot, app, "Buka kunci tahun 2022")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "memerlukan alasan" in str(app.screen.query_one("#form-error").render())
        assert "2022" in locks(demo_path)
        await pilot.press(*"salah ketik realisasi", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert "2022" not in locks(demo_path)
        assert "Kunci tahun 2022 dibuka" in app.message
    log = sorted(orjson.loads(demo_path.read_bytes())["log"].values(), key=lambda e: e["seq"])
    assert [(e["kind"], e.get("reason")) for e in log[-2:]] == [("kunci", "LKjIP ditandatangani"),
                                                              ("buka", "salah ketik realisasi")], log[-2:]


async def test_the_palette_offers_only_what_the_year_shown_can_take(demo_path: Path) -> None:
    Workbook.open(demo_path).lock_year(2022, "tutup buku")
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        names = [c[0] for c in app.palette_commands()]
        assert "Buka kunci tahun 2022" in names and "Kunci tahun 2022" not in names
        await pilot.press("]")
        await pilot.pause()
        names = [c[0] for c in app.palette_commands()]
        assert "Kunci tahun 2023" in names and "Buka kunci tahun 2023" not in names
