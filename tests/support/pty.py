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
           "open_tui", "tui_env", "write", "write_one_by_one"]

ROOT = Path(__file__).resolve().parents[2]
F8 = b"\x1b[19~"
QUIET = 0.3  # seconds without output: the program has answered


def tui_env(tmp_path: Path) -> dict[str, str]:
    """The environment of an operator's xterm: no Textual test switches, no truecolor claim, no keymap of the
    machine's user (LKJIP_KEYMAP points at a file that does not exist)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL_") and k != "COLORTERM"}
    env.update(TERM="xterm-256color", LKJIP_KEYMAP=str(tmp_path / "no-keymap.json"))
    return env


def lkjip_argv(path: Path) -> list[str]:
    """`lkjip WORKBOOK` as the installed program runs it, in a process of its own."""
    return [sys.executable, "-m", "tui.cli.main", str(path)]


def open_tui(path: Path, tmp_path: Path) -> PtySession:
    session = PtySession(lkjip_argv(path), tui_env(tmp_path), (80, 24), cwd=str(ROOT))
    frame = session.read_until_quiet(QUIET, min_cells=80 * 24, first_timeout=30.0, timeout=60.0)
    assert frame.size, "the TUI wrote nothing"
    return session


def write(session: PtySession, data: bytes) -> None:
    os.write(session.master, data)
    session.read_until_quiet(QUIET, first_timeout=5.0, timeout=60.0)


def write_one_by_one(session: PtySession, keys: list[str]) -> None:
    """The same keys as a slow typist sends them: each once the screen has answered the one before."""
    for k in keys:
        os.write(session.master, key_bytes(k))
        session.read_until_quiet(0.05, first_timeout=0.5, timeout=30.0, settle_cpu=False)
    session.read_until_quiet(QUIET, first_timeout=1.0, timeout=30.0)


class Tui:
    """The installed program in an 80×24 pty (or `size`), everything it writes fed to a terminal model."""

    def __init__(self, path: Path, tmp_path: Path, size: tuple[int, int] = (80, 24)) -> None:
        env = tui_env(tmp_path)
        env.pop("LKJIP_PLAIN_OUTPUT", None)
        self.screen = pyte.Screen(*size)
        self.stream = pyte.ByteStream(self.screen)
        self.session = PtySession(lkjip_argv(path), env, size, cwd=str(ROOT))
        self.stream.feed(self.session.read_until_quiet(QUIET, min_cells=size[0] * size[1], first_timeout=30.0,
                                                       timeout=60.0).data)

    def write(self, keys: list[str], until: str = "") -> None:
        """The keys in ONE write, then what the program wrote until it went quiet; with `until`, on until that text
        is on the screen too (a loaded machine can pause longer than the quiet before a screen is painted)."""
        os.write(self.session.master, b"".join(key_bytes(k) for k in keys))
        self.stream.feed(self.session.read_until_quiet(QUIET, first_timeout=5.0, timeout=60.0).data)
        deadline = time.monotonic() + 60.0
        while until and until not in self.text() and time.monotonic() < deadline:
            self.stream.feed(self.session.read_until_quiet(QUIET, first_timeout=5.0, timeout=60.0).data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

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
