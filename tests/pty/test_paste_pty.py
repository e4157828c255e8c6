"""Pastes are data, never keys (issue 20 point 5, issue 21 point 7): the real TUI in a real pseudo-terminal, every
paste written as a terminal sends it, `ESC[200~ … ESC[201~` in ONE write.

A hostile tester and a new operator under tmux found that one ESC inside a paste (a colour code copied from a
terminal, a stray Esc in a spreadsheet cell) made Textual re-type the rest of the paste as keys; that tmux turns a
spreadsheet's CRLF into CR CR; and that `Ctrl+U kantor` typed in one burst into the palette left "r"."""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from pathlib import Path

import orjson
import pytest

from store.disk.drafts import draft_path, read_draft
from store.disk.lock import login_name

from tests.support.pty import Tui, fresh

needs_pty = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")


def bracketed(text: str) -> bytes:
    return b"\x1b[200~" + text.encode("utf-8") + b"\x1b[201~"


def paste(tui: Tui, text: str, until: str) -> None:
    """The paste in one write, then what the program drew until `until` is on the screen."""
    tui.send(bracketed(text), until)


def realisasi(path: Path) -> dict[str, str | None]:
    doc = orjson.loads(path.read_bytes())
    return {i["id"]: i["years"].get("2022", {}).get("realisasi") for n in doc["nodes"].values()
            for i in n["indicators"]}


def log_groups(path: Path) -> set:
    return {e.get("group") for e in orjson.loads(path.read_bytes())["log"].values()}


def kata_pengantar(path: Path) -> str:
    doc = orjson.loads(path.read_bytes())
    return next(n["texts"]["2022"] for n in doc["narrative"].values() if n["key"] == "kata_pengantar")


def in_the_narrative(tmp_path: Path) -> tuple[Path, Tui]:
    """F5, Tab into the text of the first section (Kata Pengantar)."""
    path = fresh(tmp_path, "narasi.json")
    tui = Tui(path, tmp_path)
    tui.write(["f5"], until="Ctrl+S menyimpan")
    tui.write(["tab"])  # nothing on the screen says it: the keys written next are read after it
    return path, tui


@needs_pty
def test_a_paste_holding_one_esc_in_the_sheet_is_one_refusal_and_nothing_is_stored(tmp_path: Path) -> None:
    path = fresh(tmp_path, "esc.json")
    before = path.read_bytes()
    tui = Tui(path, tmp_path)
    try:
        tui.write(["f8"], until="Lembar isian kinerja")
        paste(tui, "\x1b\r12\r34\rabc\r56\r", until="Tempel dibatalkan")
        shown = " ".join(tui.text().split())  # the refusal, whole in its dialog
    finally:
        tui.close()
    assert path.read_bytes() == before  # not one of 12, 34, 56 typed as keys
    assert "Tempel dibatalkan di baris 1" in shown and "membaca \u201c\u241b\u201d sebagai angka" in shown, shown


@needs_pty
@pytest.mark.parametrize("line_end", ["\r\n", "\r\r", "\n", "\r"], ids=["CRLF", "CR CR (tmux)", "LF", "CR"])
def test_five_values_pasted_with_any_line_end_fill_five_cells_in_one_undo_step(tmp_path: Path,
                                                                               line_end: str) -> None:
    path = fresh(tmp_path, "kolom.json")
    before = realisasi(path)
    tui = Tui(path, tmp_path)
    try:
        tui.write(["f8"], until="Lembar isian kinerja")  # on the first indicator's Realisasi
        paste(tui, line_end.join(["71", "72", "73", "74", "75"]) + line_end, until="Ditempel:")
        shown = " ".join(tui.text().split())
    finally:
        tui.close()
    after = realisasi(path)
    changed = sorted(v for ref, v in after.items() if v != before[ref])
    assert changed == ["71", "72", "73", "74", "75"], shown
    assert len(log_groups(path)) == 1  # one paste, one undo step
    assert "Ditempel: 5 nilai dari 5 baris" in shown


def coloured_text(lines: int = 200) -> str:
    """About 9 KB copied from a coloured terminal: colour codes on every line, tmux's CR line breaks."""
    return "".join(f"\x1b[1;3{n % 8}mBaris {n:03d}\x1b[0m kinerja \x1b[32mbaik\x1b[0m\r" for n in range(lines))


@needs_pty
def test_a_9_kb_narrative_paste_with_colour_codes_is_taken_whole_with_its_line_breaks(tmp_path: Path) -> None:
    text = coloured_text()
    assert 8 * 1024 < len(text) < 10 * 1024 and text.count("\r") == 200
    path, tui = in_the_narrative(tmp_path)
    before = kata_pengantar(path)
    try:
        started = time.monotonic()
        paste(tui, text, until="karakter kendali dibuang")
        took = time.monotonic() - started
        print(f"9 KB coloured paste absorbed (its message shown) after {took:.2f} s")
        shown = tui.status()
        tui.write(["ctrl+s"], until="2022 disimpan.")
    finally:
        tui.close()
    stored = kata_pengantar(path)
    assert stored.endswith(before) and stored.count("\n") == before.count("\n") + 200  # every line break kept
    assert "\x1b" not in stored and "[0m" not in stored and "Baris 199 kinerja baik\n" in stored
    assert "800 kode warna atau karakter kendali dibuang" in shown


@needs_pty
def test_a_143_kb_narrative_paste_is_refused_for_its_size_and_nothing_is_pasted(tmp_path: Path) -> None:
    text = (coloured_text() * 17)[: 143 * 1024]
    path, tui = in_the_narrative(tmp_path)
    before = kata_pengantar(path)
    try:
        writer = threading.Thread(target=os.write, args=(tui.session.master, bracketed(text)), daemon=True)
        started = time.monotonic()
        writer.start()  # the program reads while the terminal writes: the write may not fit the pty at once
        tui.wait_for("ditolak")
        writer.join(30)
        print(f"143 KB paste refused (its refusal shown) after {time.monotonic() - started:.2f} s")
        shown = tui.text()
        tui.write(["ctrl+s"])
    finally:
        tui.close()
    assert re.search(r"Tempelan 14\d KB ditolak: lebih dari batas 64 KB untuk teks narasi", " ".join(shown.split()))
    assert kata_pengantar(path) == before


@needs_pty
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_while_a_large_paste_is_read_ends_the_tui_with_the_typed_text_drafted(tmp_path: Path,
                                                                                      sig: int) -> None:
    path, tui = in_the_narrative(tmp_path)
    session = tui.session
    try:
        tui.write(list("DRAF PENTING "), until="DRAF PENTING")
        assert "DRAF PENTING" in tui.text()
        big = bracketed(coloured_text() * 200)  # ≈ 1.7 MB
        chunk = 16 * 1024
        quarter_read = threading.Event()

        def write_all() -> None:
            try:
                for at in range(0, len(big), chunk):  # each write waits until the program has read enough
                    os.write(session.master, big[at:at + chunk])
                    if at >= len(big) // 4:
                        quarter_read.set()
            except OSError:  # the program ended, the terminal closed
                pass
            quarter_read.set()

        threading.Thread(target=write_all, daemon=True).start()
        quarter_read.wait(30)  # the program is reading the paste: it has read at least a quarter
        os.kill(session.proc.pid, sig)
        signalled = time.monotonic()
    finally:
        session.close(quit_keys=(), wait=5)  # killed (and failing below) if it does not end by itself in 5 s
    print(f"ended {time.monotonic() - signalled:.2f} s after signal {sig}")
    assert session.returncode == 128 + sig
    assert read_draft(draft_path(path, login_name())).text.startswith("DRAF PENTING ")


@needs_pty
def test_ctrl_u_then_a_word_in_one_burst_in_the_palette_leaves_the_word(tmp_path: Path) -> None:
    tui = Tui(fresh(tmp_path, "palet.json"), tmp_path)
    try:
        tui.write(["ctrl+p"], until="\U0001f50e")
        tui.write(list("tahun"), until="tahun")
        tui.write(["ctrl+u", *"kantor"], until="kantor")
        lines = tui.screen.display
    finally:
        tui.close()
    field = next(line for line in lines if "\U0001f50e" in line)  # the palette's search field
    assert "kantor" in field and "tahun" not in field and not re.search(r"\bkantor\w", field), field


@needs_pty
def test_the_narrative_takes_a_burst_with_backspace_and_ctrl_u_in_order(tmp_path: Path) -> None:
    path, tui = in_the_narrative(tmp_path)
    before = kata_pengantar(path)
    try:
        tui.write(["x", "y", "backspace", "z", "enter", "a", "b", "ctrl+u", "c", "d", "ctrl+s"],
                  until="2022 disimpan.")
    finally:
        tui.close()
    assert kata_pengantar(path) == "xz\ncd" + before


def parsed(reads: list[str]) -> list[tuple[str, str]]:
    """What the app gets from the terminal parser (as patched by the app) for these reads."""
    import tui.app.app  # noqa: F401  # patches the parser, as the installed program does
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    return [(type(m).__name__, getattr(m, "key", None) or getattr(m, "text", ""))
            for data in reads if data for m in parser.feed(data)]


def test_a_paste_is_one_paste_however_the_terminal_reads_split_it() -> None:
    stream = "x\x1b[200~\x1b\r12\r\x1b[31mabc\x1b[0m\r\x1b[201~y\x1b[A\x1b[200~\x1b[201~z"
    whole = [("Key", "x"), ("Paste", "\x1b\r12\r\x1b[31mabc\x1b[0m\r"), ("Key", "y"), ("Key", "up"),
             ("Paste", ""), ("Key", "z")]
    assert parsed([stream]) == whole
    for cut in range(len(stream)):  # a marker or an escape split between two reads
        assert parsed([stream[:cut], stream[cut:]]) == whole, cut
