"""A recovery draft belongs to its operator (issue 20). The folder is shared by the office's operators, so bob can put
a file at alice's draft name: a draft of his own text (offered to alice as hers, saved under her name), a fifo (her
TUI froze after its first frame, deaf to keys and to SIGTERM), a link to /dev/zero (every start died of
MemoryError). Only alice's own regular file is offered; anything else is set aside, never read, never deleted."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from store.disk.drafts import draft_path, find_draft, write_draft
from store.disk.lock import login_name
from store.domain.model import LOG
from store.edits.workbook import Workbook
from tests.pty.test_draft_pty import narrative, start, wait_for
from tui.app.app import LkjipApp

OTHER_UID = 4242  # bob


def plant_bobs_draft(path: Path) -> None:
    write_draft(path, "kata_pengantar", "Kata Pengantar", "", "TEKS BOB ", year=2022)
    os.chown(path, OTHER_UID, -1)


def set_aside(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.draf-narasi-*.disisihkan-*"))


@pytest.mark.skipif(os.geteuid() != 0, reason="a file owned by another user needs root to chown it")
async def test_a_draft_planted_by_another_operator_is_never_offered_nor_saved_under_her_name(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    planted = draft_path(demo_path, app.wb.user)
    plant_bobs_draft(planted)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ != "DraftOffer"
        assert "milik pengguna lain" in app.message and "tidak ditawarkan" in app.message
        await pilot.press("y", "ctrl+s")  # what alice would have answered to the offer
        await pilot.pause()
    assert not narrative(demo_path, "kata_pengantar").startswith("TEKS BOB")
    assert not any(e["field"] == "teks" for e in Workbook.open(demo_path).document()[LOG].values())
    [aside] = set_aside(demo_path.parent)  # bob's file is kept, under another name, still his
    assert aside.stat().st_uid == OTHER_UID and not planted.exists()


async def test_a_draft_linked_to_dev_zero_is_set_aside_and_the_start_goes_on(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    planted = draft_path(demo_path, app.wb.user)
    planted.symlink_to("/dev/zero")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and type(app.screen).__name__ != "DraftOffer"
        assert "tautan simbolik" in app.message
    [aside] = set_aside(demo_path.parent)
    assert aside.is_symlink() and os.readlink(aside) == "/dev/zero"


def test_a_fifo_draft_is_set_aside_without_being_opened_for_a_blocking_read(tmp_path: Path) -> None:
    fifo = tmp_path / "kantor.json.draf-narasi-alice.json"
    os.mkfifo(fifo)
    found: list = []
    reader = threading.Thread(target=lambda: found.append(find_draft(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # the old way: blocked in open() until a writer appears; be that writer, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=10)
        pytest.fail("reading a planted fifo draft blocked")
    [(draft, problem)] = found
    assert draft is None and "fifo" in problem
    assert set_aside(tmp_path) and not fifo.exists()


def test_a_tui_with_a_planted_fifo_draft_still_answers_keys(tmp_path: Path) -> None:
    """In a real terminal: the first frame, then the message, then Ctrl+Q quits (before: frozen, SIGTERM ignored)."""
    workbook = tmp_path / "torjun.json"
    from store.demo import demo_document

    Workbook.create(workbook, demo_document())
    fifo = draft_path(workbook, login_name())
    os.mkfifo(fifo)
    session, frame = start(workbook)
    try:
        seen = wait_for(session, "tidak ditawarkan", seen=frame)
    finally:
        session.close(quit_keys=("ctrl+q",), wait=10)  # a frozen TUI is killed here (SIGKILL), a live one quits
    assert "tidak ditawarkan" in seen and "fifo" in seen
    assert session.returncode == 0
    assert set_aside(tmp_path) and not fifo.exists()
