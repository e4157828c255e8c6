"""No key is lost or reordered: the real TUI in a real pseudo-terminal, keys written in one write (as a paste or a
laggy SSH link delivers them) against the same keys one at a time.

Measured: `4\r5\r` in one write once stored 45 in one row. These tests run the installed program, not the Pilot,
because the Pilot hands keys over one by one and never shows the burst."""

from __future__ import annotations

import os
import random
from pathlib import Path

import orjson
import pytest

from tests.support.pty import F8, KEY_BYTES, Tui, figures, fresh, open_tui, write, write_one_by_one

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")


def test_77_enter_78_enter_in_one_write_stores_77_and_78_in_the_first_two_indicators(tmp_path: Path) -> None:
    path = fresh(tmp_path, "burst.json")
    tui = open_tui(path, tmp_path)
    try:
        write(tui, F8, until="Lembar isian kinerja")
        write(tui, b"77\r78\r", until="→ 78,00")
    finally:
        tui.close()
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


LAST_ECHO = "→ 474.814"  # the echo of the last figure keys_200() commits (…, 275 Enter, 474814 Enter, ↓)


def test_200_keys_in_one_write_store_what_the_same_keys_store_one_by_one(tmp_path: Path) -> None:
    keys = keys_200()
    assert set(keys) >= {"enter", "tab", "shift+tab", "up", "down"}
    at_once, one_by_one = fresh(tmp_path, "at_once.json"), fresh(tmp_path, "one_by_one.json")

    tui = Tui(at_once, tmp_path)
    try:
        tui.write(["f8"], until="Lembar isian kinerja")
        tui.write(keys, until=LAST_ECHO)
        dropped = tui.dropped()
    finally:
        tui.close()
    assert dropped == 0  # no key was refused: every key of the burst acted

    tui = open_tui(one_by_one, tmp_path)
    try:
        write(tui, F8, until="Lembar isian kinerja")
        write_one_by_one(tui, keys, until=LAST_ECHO)
    finally:
        tui.close()

    stored = figures(at_once)
    assert stored != figures(fresh(tmp_path, "untouched.json"))  # the keys did store something
    assert stored == figures(one_by_one)


def test_in_a_node_grid_77_enter_78_enter_in_one_write_fills_both_rows(tmp_path: Path) -> None:
    path = fresh(tmp_path, "grid.json")
    tui = open_tui(path, tmp_path)
    try:
        write(tui, b"/", until="Cari (nama")
        write(tui, b"[7.01.02/1]", until="[7.01.02/1]")
        write(tui, b"\r", until="Program 7.01.02")  # the first of the two indicators of program 7.01.02
        write(tui, b"\x1b[C\x1b[C")  # → → to Realisasi
        write(tui, b"77\r78\r", until="→ 78,00")
    finally:
        tui.close()
    years = {i["id"]: i["years"].get("2022", {}) for n in orjson.loads(path.read_bytes())["nodes"].values()
             for i in n["indicators"]}
    assert (years["7.01.02/1"].get("realisasi"), years["7.01.02/2"].get("realisasi")) == ("77", "78")


def test_start_screen_fields_typed_in_one_write_stay_apart(tmp_path: Path) -> None:
    path = tmp_path / "baru.json"
    tui = open_tui(path, tmp_path)
    try:
        write(tui, b"Kecamatan Baru\tKabupaten Baru\t2025-2029\t2026\t\r", until="tujuan pertama")
    finally:
        tui.close()
    meta = next(iter(orjson.loads(path.read_bytes())["meta"].values()))
    assert (meta["profile"]["instansi"], meta["profile"]["pemda"]) == ("Kecamatan Baru", "Kabupaten Baru")
    assert (meta["periode_awal"], meta["periode_akhir"], meta["tahun"]) == (2025, 2029, 2026)


def test_f8_and_the_first_values_in_one_write_reach_the_sheet(tmp_path: Path) -> None:
    path = fresh(tmp_path, "f8burst.json")
    tui = open_tui(path, tmp_path)
    try:
        write(tui, F8 + b"77\r78\r", until="→ 78,00")
    finally:
        tui.close()
    years = {i["id"]: i["years"].get("2022", {}) for n in orjson.loads(path.read_bytes())["nodes"].values()
             for i in n["indicators"]}
    assert (years["T1/1"].get("realisasi"), years["S1/1"].get("realisasi")) == ("77", "78")


def test_find_typed_in_one_write_reaches_the_dialog_not_the_tree(tmp_path: Path) -> None:
    # "/kepuasan Enter" at once: before, the letters after "/" reached the tree, where k, a and p are
    # cascade-editing keys. Now the find dialog gets them all and lands on IKM.
    path = fresh(tmp_path, "find.json")
    before = figures(path)
    tui = open_tui(path, tmp_path)
    try:
        write(tui, b"/kepuasan\r", until="(S1, tahun 2022)")
        write(tui, KEY_BYTES["right"] * 2 + b"91\r", until="→ 91,00")
    finally:
        tui.close()
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
    tui = open_tui(path, tmp_path)
    try:
        for data in writes[:-1]:
            write(tui, data, until="Program 7.01.02")
        write(tui, writes[-1], until="→ 80,00")
    finally:
        tui.close()
    years = {i["id"]: i["years"].get("2022", {}) for n in orjson.loads(path.read_bytes())["nodes"].values()
             for i in n["indicators"]}
    assert (years["7.01.02/1"].get("realisasi"), years["7.01.02/2"].get("realisasi")) == ("79", "80")
