"""A refused key ends its burst, in the Pilot (issue 18, point 6; the same stories in a real pty are in
test_burst_refusal_pty.py). The Pilot hands keys over one at a time, each after the one before was handled: a burst
is posted here as the terminal's input thread posts it, every key queued before the first is handled."""

from __future__ import annotations

import sys
from pathlib import Path

import orjson
from textual import events
from textual.keys import _character_to_key

from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.views.main import MainScreen
from tui.views.message import MessageScreen
from tui.widgets.grid import WorkGrid

from tests.pty.test_burst_refusal_pty import FILL, NEW, budgets, with_new_sub_kegiatan  # noqa: E402
from tests.tui.test_tui import IKM, find_ikm_realisasi, on_disk  # noqa: E402

CHARACTERS = {"enter": "\r", "tab": "\t"}


async def burst(pilot, keys: list[str]) -> None:
    """The keys arrive together: all are queued before the first is handled."""
    app = pilot.app
    for key in keys:
        char = key if len(key) == 1 else CHARACTERS.get(key)
        name = key if len(key) > 1 or key.isalnum() else _character_to_key(key)
        event = events.Key(name, char)
        event.set_sender(app)
        app.post_message(event)
    await pilot.pause()
    await pilot.pause()


def budget_grid(app: LkjipApp) -> WorkGrid:
    return app.screen.query_one("#budget", WorkGrid)


async def test_keys_behind_a_digit_refused_on_capaian_are_dropped_and_the_refusal_stays(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find_ikm_realisasi(pilot)
        # → to the computed Capaian%: "7" is refused there. ← 78 Enter behind it would store 78 as realisasi, blind.
        await burst(pilot, ["right", "7", "7", "left", "7", "8", "enter"])
        assert app.message_error, app.message
        assert app.message.startswith("Kolom Capaian% dihitung dari data")
        assert app.message.endswith("(5 tombol berikutnya diabaikan)")
        assert on_disk(demo_path)["realisasi"] == "82.08"
        assert app.screen.query_one("#indicators", WorkGrid).current()[1].key == "capaian"  # ← was dropped too

        await pilot.press("left")  # the operator's next key acts, and the refusal goes
        assert not app.message
        await pilot.press("7", "9", "enter")
        assert on_disk(demo_path)["realisasi"] == "79"


async def test_a_burst_without_a_refusal_is_not_cut(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find_ikm_realisasi(pilot)
        await burst(pilot, ["7", "9", "enter", "up", "left", "9", "0", "enter"])
        assert not app.message_error, app.message
        assert on_disk(demo_path)["realisasi"] == "79"
        assert on_disk(demo_path)["target"] == "90"


async def test_a_refusal_in_a_dialog_counts_the_dropped_keys_and_waits_for_the_next_key(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find_ikm_realisasi(pilot)
        await pilot.press("enter")
        await burst(pilot, [*"1x" * 40, "enter", "enter", "ctrl+u", "9", "0", "enter"])
        assert isinstance(app.screen, MessageScreen)
        assert app.screen.message.endswith("(5 tombol berikutnya diabaikan)")
        assert on_disk(demo_path)["realisasi"] == "82.08"
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+u", "9", "1", "enter")
        assert on_disk(demo_path)["realisasi"] == "91"


async def test_the_reported_burst_fills_the_next_new_sub_kegiatan(tmp_path: Path) -> None:
    path = with_new_sub_kegiatan(tmp_path)
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.goto(NEW[0])
        await pilot.pause()
        await burst(pilot, FILL)
        assert budget_grid(app).current()[1].key == "realisasi"  # where Tab and Enter left the cursor
        await burst(pilot, ["shift+tab", "down", "tab", *FILL])
        assert not app.message_error, app.message
    assert budgets(path)[NEW[1]] == {"2022": {"pagu": 95000000, "realisasi": 90100000}}


async def test_a_new_node_starts_at_its_first_column_and_another_year_keeps_the_cell(tmp_path: Path) -> None:
    path = with_new_sub_kegiatan(tmp_path)
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.goto(NEW[0])
        await pilot.pause()
        await pilot.press("right", "right", "right")
        assert budget_grid(app).current()[1].key == "serapan"
        await pilot.press("right_square_bracket")  # another year of the same node: the operator's cell stays
        assert budget_grid(app).current()[1].key == "serapan"
        await pilot.press("shift+tab", "down", "tab")  # the next sub kegiatan: Tab lands on its first column
        assert app.focused is budget_grid(app) and budget_grid(app).current() == (NEW[1], budget_grid(app).spec[0])
        await pilot.press("9")  # the first column is a label: it says where figures go, not that it is computed
        assert app.message.startswith("Kolom Anggaran tidak diisi di sini") and app.message_error, app.message


async def test_in_the_entry_sheet_keys_behind_a_digit_refused_on_satuan_are_dropped(demo_path: Path) -> None:
    before = orjson.loads(demo_path.read_bytes())["nodes"]
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")
        await pilot.pause()
        # F8 opens on Realisasi: ← ← is Satuan, where "7" is refused; → → 77 Enter behind it would store a realisasi.
        await burst(pilot, ["left", "left", "7", "right", "right", "7", "7", "enter"])
        assert app.message_error and app.message.endswith("(5 tombol berikutnya diabaikan)"), app.message
        assert "Satuan" in app.message
    assert orjson.loads(demo_path.read_bytes())["nodes"] == before
    assert on_disk(demo_path, IKM)["realisasi"] == "82.08"
