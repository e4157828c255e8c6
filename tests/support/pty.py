"""The one pty harness: the real `lkjip WORKBOOK` in a pseudo-terminal, keys written to it as a terminal sends them,
everything it writes fed to a terminal model (pyte) so a test reads the screen an operator would see.

PtySession (tests/bench/terminal.py, shared with the benchmark) runs the program and reads its output until quiet;
`Tui` adds the screen and `write(keys, until=TEXT)`, which waits for what it reads rather than for a time (a loaded
machine can pause longer than the quiet window before a screen is painted)."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import orjson
import pyte

from store.demo import demo_document
from store.edits.workbook import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from tests.bench.terminal import KEY_BYTES, PtySession, key_bytes  # noqa: E402

__all__ = ["F8", "KEY_BYTES", "QUIET", "PtySession", "Tui", "figures", "fresh", "key_bytes", "lkjip_argv",
           "UNTIL", "open_tui", "tui_env", "write", "write_one_by_one"]

ROOT = Path(__file__).resolve().parents[2]
F8 = b"\x1b[19~"
QUIET = 0.1  # seconds without output (and without CPU use): the program has answered
# Seconds a test waits for the text that proves the program has answered (`until`). The slowest legitimate screen (a
# 9 KB paste, a 200-key burst, on two loaded cores) takes a few seconds; a wrong program fails here, not 60 s later.
UNTIL = 20.0


def tui_env(tmp_path: Path) -> dict[str, str]:
    """The environment of an operator's xterm: no Textual test switches, no truecolor claim, no size but the pty's,
    no keymap of the machine's user (LKJIP_KEYMAP points at a file that does not exist)."""
    # No COLUMNS or LINES either: pytest-xdist's workers export 80 and 24, which Textual takes over the pty's size
    # (a 100×30 test then read a 24-row frame and waited 30 s for a key bar on row 30).
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TEXTUAL_") and k not in ("COLORTERM", "COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", LKJIP_KEYMAP=str(tmp_path / "no-keymap.json"))
    return env


def lkjip_argv(path: Path) -> list[str]:
    """`lkjip WORKBOOK` as the installed program runs it, in a process of its own."""
    return [sys.executable, "-m", "tui.cli.main", str(path)]


def open_tui(path: Path, tmp_path: Path) -> "Tui":
    """The program on `path`, its first frame read (a Tui: `write(tui, bytes, until=…)` writes raw bytes to it)."""
    return Tui(path, tmp_path)


def write(tui: "Tui", data: bytes, until: str = "") -> None:
    """Raw bytes in one write; with `until`, on until that text is on the screen (see Tui.write)."""
    tui.send(data, until)


def write_one_by_one(tui: "Tui", keys: list[str], until: str = "") -> None:
    """The same keys as a slow typist sends them: each once the screen has answered the one before; with `until`,
    on until that text is on the screen after the last."""
    for k in keys:
        os.write(tui.session.master, key_bytes(k))
        tui.stream.feed(tui.session.read_until_quiet(0.05, first_timeout=0.5, timeout=30.0, settle_cpu=False).data)
    tui.stream.feed(tui.session.read_until_quiet(QUIET, first_timeout=1.0, timeout=30.0).data)
    tui.wait_for(until)


class Tui:
    """The installed program in an 80×24 pty (or `size`), everything it writes fed to a terminal model."""

    def __init__(self, path: Path, tmp_path: Path, size: tuple[int, int] = (80, 24)) -> None:
        env = tui_env(tmp_path)
        env.pop("LKJIP_PLAIN_OUTPUT", None)
        self.screen = pyte.Screen(*size)
        self.stream = pyte.ByteStream(self.screen)
        self.session = PtySession(lkjip_argv(path), env, size, cwd=str(ROOT))
        # The first frame is there when its last row, the key bar, is painted (every screen of lkjip has one). A
        # count of cells written would not do: blank rows cost a few bytes, so a 100×30 frame writes fewer than 3,000.
        self.stream.feed(self.session.read_until_quiet(QUIET, first_timeout=30.0, timeout=60.0).data)
        deadline = time.monotonic() + 30.0
        while not self.screen.display[-1].strip() and not self.session.eof and time.monotonic() < deadline:
            self.stream.feed(self.session.read_until_quiet(QUIET, sent_at=time.perf_counter(), first_timeout=5.0,
                                                           timeout=30.0).data)

    def write(self, keys: list[str], until: str = "", gone: str = "") -> None:
        """The keys in ONE write, then what the program wrote until it went quiet; with `until`, on until that text
        is on the screen too (a loaded machine can pause longer than the quiet before a screen is painted); with
        `gone`, on until that text has left the screen."""
        self.send(b"".join(key_bytes(k) for k in keys), until, gone)

    def send(self, data: bytes, until: str = "", gone: str = "") -> None:
        # sent_at: read_until_quiet counts first_timeout from it (by default from the start of the program, long past)
        sent = self.session.send_bytes(data)
        # Half a second for the first byte: a key that changes nothing on screen (→ at the last column) paints nothing,
        # and waiting longer for it cost minutes; a test that needs the answer names it (`until`), waited for below.
        self.stream.feed(self.session.read_until_quiet(QUIET, sent_at=sent, first_timeout=0.3, timeout=60.0).data)
        self.wait_for(until, gone)

    def wait_for(self, until: str = "", gone: str = "") -> None:
        """Read on until `until` is on the screen and `gone` is not; fails, with the screen, after UNTIL seconds.
        Pick a text that only the answer to the keys paints (a word of the next screen, the status's echo of a
        commit, the refusal), so the screen or the file read next is the finished answer, not a frame in the middle
        of it."""
        deadline = time.monotonic() + UNTIL
        while (until and not self.shows(until)) or (gone and self.shows(gone)):
            left = deadline - time.monotonic()
            assert left > 0 and not self.session.eof, \
                f"waited {UNTIL:.0f} s for {until!r} on the screen, {gone!r} off it; the screen:\n{self.text()}"
            self.stream.feed(self.session.read_until_quiet(QUIET, sent_at=time.perf_counter(),
                                                           first_timeout=min(5.0, left), timeout=left).data)

    def wait_for_exit(self) -> bool:
        """Read on until the program closes its terminal (UNTIL seconds at most); whether it did."""
        deadline = time.monotonic() + UNTIL
        while not self.session.eof and time.monotonic() < deadline:
            self.read_until_quiet(QUIET, first_timeout=1.0, timeout=deadline - time.monotonic())
        return self.session.eof

    def read_until_quiet(self, quiet: float = QUIET, **kw: float) -> None:
        """What the program writes until it goes quiet, fed to the screen (a program still working in a thread)."""
        self.stream.feed(self.session.read_until_quiet(quiet, **kw).data)  # type: ignore[arg-type]

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def shows(self, text: str) -> bool:
        """`text` is on the screen, on one line or wrapped onto the next between words."""
        screen = self.text()
        return text in screen or text in " ".join(screen.split())

    def status(self) -> str:
        """The two message lines above the key bar, joined (a long message wraps onto the second)."""
        lines = [line.strip() for line in self.screen.display[-4:-1]]
        return " ".join(line for line in lines if line)

    def dropped(self) -> int:
        """How many keys typed behind a refusal were dropped, as the status line or the refusal's dialog says."""
        found = re.search(r"\((\d+) tombol berikutnya diabaikan\)", " ".join(line.strip() for line in
                                                                            self.screen.display))
        return int(found.group(1)) if found else 0

    def close(self) -> None:
        self.session.close()


def figures(path: Path) -> dict:
    """What the operator stored: every indicator's and node's values, without the log's times and names."""
    doc = orjson.loads(path.read_bytes())
    return {n["id"]: (n.get("budget"), [(i["id"], i.get("years")) for i in n["indicators"]])
            for n in doc["nodes"].values()}


def fresh(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    Workbook.create(path, demo_document())
    return path
