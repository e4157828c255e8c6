"""A refused key ends its burst (issue 18, point 6): the real TUI in a real pseudo-terminal, keys in one write (a paste,
a laggy SSH link), the screen read back by a terminal model (pyte) and the workbook file read back.

The operator's report: `BTab ↓ Tab → 95.000.000 Tab 90.100.000 Enter` in one write, on the next new sub kegiatan,
saved nothing. The budget grid kept the previous node's column (Realisasi), → went on to the computed Serapan, its
refusal was wiped by the next key of the same burst, and the figures went wherever the keys after it led."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from store.demo import demo_document
from store.edits.workbook import Workbook

from tests.support.pty import Tui

KEGIATAN = "7.01.04.2.01"  # the demo's last kegiatan: two new sub kegiatan go under it
NEW = (f"{KEGIATAN}.0003", f"{KEGIATAN}.0004")

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")


def with_new_sub_kegiatan(tmp_path: Path) -> Path:
    """The demo with two sub kegiatan just added under its last kegiatan: no indicators yet, no budget."""
    doc = demo_document()
    order = 1 + max(n["order"] for n in doc["nodes"].values() if n.get("parent") == KEGIATAN)
    for n, node_id in enumerate(NEW):
        doc["nodes"][str(len(doc["nodes"]) + 1)] = {
            "id": node_id, "level": "subkegiatan", "parent": KEGIATAN, "code": node_id,
            "name": f"Sub Kegiatan Baru {n + 1}", "order": order + n, "unit": "", "indicators": [], "budget": {},
            "budget_refs": [], "rev": 1}
    path = tmp_path / "baru.json"
    Workbook.create(path, doc)
    return path


def budgets(path: Path) -> dict:
    return {n["id"]: n.get("budget", {}) for n in orjson.loads(path.read_bytes())["nodes"].values()}


FILL = ["right", *"95.000.000", "tab", *"90.100.000", "enter"]  # → Pagu, 95.000.000, Tab to Realisasi, 90.100.000


def test_the_reported_burst_on_the_next_new_sub_kegiatan_stores_its_pagu_and_realisasi(tmp_path: Path) -> None:
    path = with_new_sub_kegiatan(tmp_path)
    before = budgets(path)
    tui = Tui(path, tmp_path)
    try:
        tui.write(["/", *NEW[0], "enter", "tab"], until=f"Sub Kegiatan {NEW[0]}")  # the tree at it; Tab: its budget
        tui.write(FILL, until="revisi 2 ·")  # its pagu and realisasi: the cursor ends on Realisasi
        tui.write(["shift+tab", "down", "tab", *FILL], until="revisi 4 ·")  # the report, in one write
        screen = tui.text()
    finally:
        tui.close()
    after = budgets(path)
    assert after[NEW[0]] == {"2022": {"pagu": 95000000, "realisasi": 90100000}}
    assert after[NEW[1]] == {"2022": {"pagu": 95000000, "realisasi": 90100000}}, screen
    assert {k: v for k, v in after.items() if k not in NEW} == {k: v for k, v in before.items() if k not in NEW}


def test_the_reported_burst_on_a_sub_kegiatan_with_an_indicator_is_refused_whole_and_says_so(tmp_path: Path) -> None:
    # On the demo as it is every sub kegiatan has an indicator: Shift+Tab from its budget grid goes to that indicator
    # grid, not to the tree, ↓ stays on its one row, and Tab comes back to the same budget row, on Realisasi where
    # the fill left it. → is then the computed Serapan: the first digit is refused, and the 21 keys behind it
    # (.5.000.000, Tab, 90.100.000, Enter) are dropped instead of going wherever the cursor was.
    path = tmp_path / "demo.json"
    Workbook.create(path, demo_document())
    sub = "7.01.04.2.01.0002"
    tui = Tui(path, tmp_path)
    try:
        tui.write(["/", *sub, "enter", "tab", "tab"], until=f"Sub Kegiatan {sub}")  # Tab Tab: past its indicator
        tui.write(FILL, until="revisi 2 ·")  # to its budget grid, its pagu and realisasi
        stored = budgets(path)
        assert stored[sub] == {"2022": {"pagu": 95000000, "realisasi": 90100000}}
        tui.write(["shift+tab", "down", "tab", *FILL], until="tombol berikutnya diabaikan")
        status = tui.status()
        tui.write(["left"], gone="diabaikan")  # the operator's next key: it acts, and the refusal goes
        after_next = tui.status()
        tui.write([*"80.000.000", "enter"], until="revisi 3 ·")
    finally:
        tui.close()
    assert "Kolom Serapan% dihitung dari data" in status and "(21 tombol berikutnya diabaikan)" in status, status
    assert "diabaikan" not in after_next
    stored[sub]["2022"]["realisasi"] = 80000000  # ← went back to Realisasi
    assert budgets(path) == stored


def test_keys_typed_behind_a_refused_key_store_nothing_and_the_refusal_stays_on_screen(tmp_path: Path) -> None:
    # → → → from the indicator's name is the computed Capaian%: "7" is refused there. Before, the refusal was wiped
    # by the next key, ← went back to Realisasi and "78 Enter" stored 78 in it, typed blind.
    path = tmp_path / "demo.json"
    Workbook.create(path, demo_document())
    before = orjson.loads(path.read_bytes())["nodes"]
    tui = Tui(path, tmp_path)
    try:
        tui.write(["/", *"[7.01.02/1]", "enter"], until="Program 7.01.02")
        tui.write(["right", "right", "right", "7", "7", "left", "7", "8", "enter"], until="tombol berikutnya diabaikan")
        status = tui.status()
        tui.write(["left"], gone="diabaikan")
        tui.write(["7", "9", "enter"], until="→ 79,00")  # slowly, after the refusal was read: stored
    finally:
        tui.close()
    assert "Kolom Capaian% dihitung dari data" in status and "(5 tombol berikutnya diabaikan)" in status, status
    nodes = orjson.loads(path.read_bytes())["nodes"]
    program = next(k for k, n in nodes.items() if n["id"] == "7.01.02")
    assert nodes[program]["indicators"][0]["years"]["2022"]["realisasi"] == "79"
    assert {k: n for k, n in nodes.items() if k != program} == {k: n for k, n in before.items() if k != program}


def test_every_key_written_with_a_refused_one_is_dropped_however_long_the_burst(tmp_path: Path) -> None:
    # Textual's input thread parses a write a few keys at a time between the app's own work: keys of the same write
    # were stamped after the refusal and taken for the operator's next keys (here 99 or 279 of 400 were dropped, and
    # the rest stored figures; tui/keys.py stamps each key with the time its write was read).
    path = tmp_path / "demo.json"
    Workbook.create(path, demo_document())
    before = orjson.loads(path.read_bytes())["nodes"]
    behind = [*"81", "enter", *"82", "enter", "down", *"7", "enter", "up"] * 40  # 400 keys typed blind
    tui = Tui(path, tmp_path)
    try:
        tui.write(["f8"], until="Lembar isian kinerja")
        tui.write(["left", "left", "7", *behind], until="tombol berikutnya diabaikan")  # F8 opens on Realisasi: ← ← is Satuan, where "7" is refused
        dropped = tui.dropped()
    finally:
        tui.close()
    assert dropped == len(behind) == 400
    assert orjson.loads(path.read_bytes())["nodes"] == before
