"""No key is lost or reordered: the real TUI in a real pseudo-terminal, keys written in one write (as a paste or a
laggy SSH link delivers them) against the same keys one at a time.

Measured: `4\r5\r` in one write once stored 45 in one row. These tests run the installed program, not the Pilot,
because the Pilot hands keys over one by one and never shows the burst."""

from __future__ import annotations

import os
import random
import re
import sys
import time
from pathlib import Path

import orjson
import pyte
import pytest

from store.demo import demo_document
from store.workbook import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
from terminal import KEY_BYTES, PtySession, key_bytes  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
F8 = b"\x1b[19~"
QUIET = 0.3

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")


def open_tui(path: Path, tmp_path: Path) -> PtySession:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL_") and k != "COLORTERM"}
    env.update(TERM="xterm-256color", LKJIP_KEYMAP=str(tmp_path / "no-keymap.json"))
    session = PtySession([sys.executable, "-m", "tui.cli", str(path)], env, (80, 24), cwd=str(ROOT))
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
        env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL_") and k != "COLORTERM"}
        env.update(TERM="xterm-256color", LKJIP_KEYMAP=str(tmp_path / "no-keymap.json"))
        env.pop("LKJIP_PLAIN_OUTPUT", None)
        self.screen = pyte.Screen(*size)
        self.stream = pyte.ByteStream(self.screen)
        self.session = PtySession([sys.executable, "-m", "tui.cli", str(path)], env, size, cwd=str(ROOT))
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


def test_77_enter_78_enter_in_one_write_stores_77_and_78_in_the_first_two_indicators(tmp_path: Path) -> None:
    path = fresh(tmp_path, "burst.json")
    session = open_tui(path, tmp_path)
    try:
        write(session, F8)
        write(session, b"77\r78\r")
    finally:
        session.close()
    years = {i["id"]: i["years"].get("2022", {}) for n in orjson.loads(path.read_bytes())["nodes"].values()
             for i in n["indicators"]}
    assert years["T1/1"].get("realisasi") == "77"  # Nilai SAKIP Kecamatan, the first indicator
    assert years["S1/1"].get("realisasi") == "78"  # IKM, the second (a group line between is skipped)


TW_COLUMNS = range(5, 9)  # the F8 sheet's TW I … TW IV


def keys_200(seed: int = 10) -> list[str]:
    """200 keys typed on the F8 sheet's quarter columns, none of them refused (a refused key ends its burst, where
    one by one the keys behind it would go on): every commit has a figure typed before it, and the cursor stays on
    TW I … TW IV, which take any figure (left of them a realisasi that follows its quarters once one is filled, right
    of them the computed capaian)."""
    rng = random.Random(seed)
    keys, col, typing = ["right"], TW_COLUMNS[0], False  # F8 opens on Realisasi: → to TW I
    while len(keys) < 200:
        roll = rng.random()
        if roll < 0.55:
            keys.append(str(rng.randrange(10)))
            typing = True
        elif roll < 0.75:
            if typing:
                keys.append("enter")
                typing = False
        elif roll < 0.85:
            step = rng.choice([1, -1])
            if typing and col + step in TW_COLUMNS:
                keys.append("tab" if step > 0 else "shift+tab")
                col, typing = col + step, False
        elif not typing:
            key = rng.choice(["up", "down", "left", "right"])
            step = {"left": -1, "right": 1}.get(key, 0)
            if col + step in TW_COLUMNS:
                keys.append(key)
                col += step
    return keys[:200]


def test_200_keys_in_one_write_store_what_the_same_keys_store_one_by_one(tmp_path: Path) -> None:
    keys = keys_200()
    assert set(keys) >= {"enter", "tab", "shift+tab", "up", "down"}
    at_once, one_by_one = fresh(tmp_path, "at_once.json"), fresh(tmp_path, "one_by_one.json")

    tui = Tui(at_once, tmp_path)
    try:
        tui.write(["f8"])
        tui.write(keys)
        dropped = tui.dropped()
    finally:
        tui.close()
    assert dropped == 0  # no key was refused: every key of the burst acted

    session = open_tui(one_by_one, tmp_path)
    try:
        write(session, F8)
        write_one_by_one(session, keys)
    finally:
        session.close()

    stored = figures(at_once)
    assert stored != figures(fresh(tmp_path, "untouched.json"))  # the keys did store something
    assert stored == figures(one_by_one)


def test_in_a_node_grid_77_enter_78_enter_in_one_write_fills_both_rows(tmp_path: Path) -> None:
    path = fresh(tmp_path, "grid.json")
    session = open_tui(path, tmp_path)
    try:
        write(session, b"/")
        write(session, b"[7.01.02/1]")
        write(session, b"\r")  # the first of the two indicators of program 7.01.02
        write(session, b"\x1b[C\x1b[C")  # → → to Realisasi
        write(session, b"77\r78\r")
    finally:
        session.close()
    years = {i["id"]: i["years"].get("2022", {}) for n in orjson.loads(path.read_bytes())["nodes"].values()
             for i in n["indicators"]}
    assert (years["7.01.02/1"].get("realisasi"), years["7.01.02/2"].get("realisasi")) == ("77", "78")


def test_start_screen_fields_typed_in_one_write_stay_apart(tmp_path: Path) -> None:
    path = tmp_path / "baru.json"
    session = open_tui(path, tmp_path)
    try:
        write(session, b"Kecamatan Baru\tKabupaten Baru\t2025-2029\t2026\t\r")
    finally:
        session.close()
    meta = next(iter(orjson.loads(path.read_bytes())["meta"].values()))
    assert (meta["profile"]["instansi"], meta["profile"]["pemda"]) == ("Kecamatan Baru", "Kabupaten Baru")
    assert (meta["periode_awal"], meta["periode_akhir"], meta["tahun"]) == (2025, 2029, 2026)


def test_f8_and_the_first_values_in_one_write_reach_the_sheet(tmp_path: Path) -> None:
    path = fresh(tmp_path, "f8burst.json")
    session = open_tui(path, tmp_path)
    try:
        write(session, F8 + b"77\r78\r")
    finally:
        session.close()
    years = {i["id"]: i["years"].get("2022", {}) for n in orjson.loads(path.read_bytes())["nodes"].values()
             for i in n["indicators"]}
    assert (years["T1/1"].get("realisasi"), years["S1/1"].get("realisasi")) == ("77", "78")


def test_find_typed_in_one_write_reaches_the_dialog_not_the_tree(tmp_path: Path) -> None:
    # "/kepuasan Enter" at once: before, the letters after "/" reached the tree, where k, a and p are
    # cascade-editing keys. Now the find dialog gets them all and lands on IKM.
    path = fresh(tmp_path, "find.json")
    before = figures(path)
    session = open_tui(path, tmp_path)
    try:
        write(session, b"/kepuasan\r")
        write(session, KEY_BYTES["right"] * 2 + b"91\r")
    finally:
        session.close()
    after = figures(path)
    ikm = dict(after["S1"][1])["S1/1"]["2022"]
    assert ikm["realisasi"] == "91"
    assert {k: v for k, v in after.items() if k != "S1"} == {k: v for k, v in before.items() if k != "S1"}


@pytest.mark.parametrize("writes", [
    [b"\x1b[B\x1b[B", b"\t\x1b[C\x1b[C79\r80\r"],  # to the node, then Tab and the figures in one burst
    [b"\x1b[B\x1b[B\t\x1b[C\x1b[C79\r80\r"],  # the whole sequence in one write
], ids=["tab-burst", "all-at-once"])
def test_tab_from_the_tree_and_figures_typed_after_it_in_one_write_reach_the_grid(tmp_path: Path, writes) -> None:
    """Tab moved focus only after the keys behind it had gone to the tree: `Tab → → 79 Enter` stored nothing."""
    path = fresh(tmp_path, "tab.json")
    session = open_tui(path, tmp_path)
    try:
        for data in writes:
            write(session, data)
    finally:
        session.close()
    years = {i["id"]: i["years"].get("2022", {}) for n in orjson.loads(path.read_bytes())["nodes"].values()
             for i in n["indicators"]}
    assert (years["7.01.02/1"].get("realisasi"), years["7.01.02/2"].get("realisasi")) == ("79", "80")
