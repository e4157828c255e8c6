"""F7 asks before it replaces a file, as the CLI asks for --force: a draft edited by hand in Word is not lost."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Static

from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.views.forms import ReplaceScreen

HAND_EDITED = b"draf yang sudah disunting tangan"


async def export_to(app: LkjipApp, pilot, base: Path) -> None:
    await pilot.press("f7")
    await pilot.pause()
    app.screen.query_one("#export-path").value = str(base)
    await pilot.press("ctrl+w")
    await pilot.pause()


def question(app: LkjipApp) -> str:
    return " ".join(str(s.render()) for s in app.screen.query(Static))


async def test_n_or_esc_keeps_the_file_and_y_replaces_it(demo_path: Path, tmp_path: Path) -> None:
    from docx import Document

    draft = tmp_path / "draf.docx"
    draft.write_bytes(HAND_EDITED)
    os.utime(draft, (1_700_000_000, 1_700_000_000))
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await export_to(app, pilot, tmp_path / "draf")
        assert isinstance(app.screen, ReplaceScreen)
        asked = question(app)
        assert "draf.docx sudah ada" in asked and "Timpa" in asked
        assert "2023 " in asked  # the file's modification time (14-11-2023, in the local zone)
        await pilot.press("enter")  # Enter asked for the export: it never answers the question
        await pilot.pause()
        assert isinstance(app.screen, ReplaceScreen)
        await pilot.press("n")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert not isinstance(app.screen, ReplaceScreen)
        assert draft.read_bytes() == HAND_EDITED
        assert "tidak ada yang ditulis" in app.message

        await pilot.press("ctrl+w")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert draft.read_bytes() == HAND_EDITED

        await pilot.press("ctrl+w")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Draf ditulis" in app.message, app.message
    text = "\n".join(p.text for p in Document(str(draft)).paragraphs)
    assert "Kecamatan Torjun" in text


async def test_a_new_file_is_written_without_a_question(demo_path: Path, tmp_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await export_to(app, pilot, tmp_path / "baru")
        assert not isinstance(app.screen, ReplaceScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (tmp_path / "baru.docx").stat().st_size > 0


async def test_the_workbook_itself_is_refused_without_a_question(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    before = demo_path.read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("ctrl+e")  # Markdown: its path is set below, ending .md
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(demo_path.with_suffix(".md"))
        os.link(demo_path, demo_path.with_suffix(".md"))  # the workbook by a second name
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert not isinstance(app.screen, ReplaceScreen)
        assert app.message_error and "buku kerja" in app.message
    assert demo_path.read_bytes() == before
