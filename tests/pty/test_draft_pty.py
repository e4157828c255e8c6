"""A dropped SSH link while narrative is being typed: in a real pseudo-terminal, `lkjip WB`, F5, Tab into the text,
type, SIGHUP. The next start offers the typed text back; accepting puts it in the editor, and Ctrl+S saves it."""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import orjson
import pytest

from store.demo import demo_document
from store.disk.drafts import draft_path, read_draft
from store.disk.lock import login_name
from store.edits.workbook import Workbook

ROOT = Path(__file__).resolve().parents[2]

pytest.importorskip("pty", reason="no pseudo-terminals on this platform")
from tests.support.pty import UNTIL, PtySession, lkjip_argv  # noqa: E402

F5 = b"\x1b[15~"
ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=$ ]*[A-Za-z~@]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def screen_text(data: bytes) -> str:
    return ESCAPES.sub(b"", data).decode("utf-8", "replace")


def start(workbook: Path) -> tuple[PtySession, str]:
    try:
        os.close(os.openpty()[0])
    except OSError:
        pytest.skip("no pseudo-terminal available")
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30", "LKJIP_KEYMAP": "/nonexistent"}
    session = PtySession(lkjip_argv(workbook), env, size=(100, 30), cwd=str(ROOT))
    first_frame = session.read_until_quiet(0.4, min_cells=500, first_timeout=30.0, timeout=60.0).data
    return session, screen_text(first_frame)


def wait_for(session: PtySession, needle: str, seen: str = "") -> str:
    """Read the program's output until `needle` has been painted; fails after UNTIL seconds without it (a loaded
    machine can take seconds to paint, and a test that went on without the needle read a screen half done)."""
    deadline = time.monotonic() + UNTIL
    while needle not in seen:
        assert time.monotonic() < deadline and not session.eof, (needle, seen[-2000:])
        seen += screen_text(session.read_until_quiet(0.2, sent_at=time.perf_counter(), first_timeout=0.5, timeout=2,
                                                     settle_cpu=False).data)
    return seen


def narrative(path: Path, key: str) -> str:
    doc = orjson.loads(path.read_bytes())
    return next(n["texts"]["2022"] for n in doc["narrative"].values() if n["key"] == key)


def test_sighup_while_typing_narrative_then_the_next_start_offers_it_back(tmp_path: Path) -> None:
    workbook = tmp_path / "torjun.json"
    Workbook.create(workbook, demo_document())
    draft = draft_path(workbook, login_name())

    first, _ = start(workbook)
    try:
        os.write(first.master, F5)
        wait_for(first, "Kata Pengantar")
        os.write(first.master, b"\t")  # into the text
        first.read_until_quiet(0.3, first_timeout=0.5, timeout=3)
        os.write(first.master, b"DRAF HILANG ")
        wait_for(first, "DRAF HILANG")
        os.kill(first.proc.pid, signal.SIGHUP)  # the SSH link drops
        first.read_until_quiet(0.3, first_timeout=0.5, timeout=5)
    finally:
        first.close(quit_keys=(), wait=10)
    assert first.returncode == 128 + signal.SIGHUP  # ended by the signal, not as a success
    assert read_draft(draft) is not None and read_draft(draft).text.startswith("DRAF HILANG ")
    assert not narrative(workbook, "kata_pengantar").startswith("DRAF")  # drafted, never saved unasked

    second, frame = start(workbook)
    try:
        offered = wait_for(second, "Pulihkan? (y/n)", seen=frame)
        assert "Ada draf narasi yang belum disimpan" in offered and "Pulihkan? (y/n)" in offered
        os.write(second.master, b"y")
        wait_for(second, "dipulihkan")
        os.write(second.master, b"\x13")  # Ctrl+S
        wait_for(second, "disimpan.")
    finally:
        second.close(wait=10)
    assert second.returncode == 0
    assert narrative(workbook, "kata_pengantar").startswith("DRAF HILANG ")
    assert not draft.exists()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_sigint_also_draft_the_typed_narrative(tmp_path: Path, sig: int) -> None:
    workbook = tmp_path / "torjun.json"
    Workbook.create(workbook, demo_document())
    session, _ = start(workbook)
    try:
        os.write(session.master, F5)
        wait_for(session, "Kata Pengantar")
        os.write(session.master, b"\t")
        session.read_until_quiet(0.3, first_timeout=0.5, timeout=3)
        os.write(session.master, b"KETIKAN ")
        wait_for(session, "KETIKAN")
        os.kill(session.proc.pid, sig)
        session.read_until_quiet(0.3, first_timeout=0.5, timeout=5)
    finally:
        session.close(quit_keys=(), wait=10)
    assert session.returncode == 128 + sig
    assert read_draft(draft_path(workbook, login_name())).text.startswith("KETIKAN ")
