"""Focus, messages and titles follow the operator (issue 21.4), in Indonesian (21.6): after adding, renaming, moving
or finding, the operator goes on from the tree at the node concerned; a message said on one node or view is gone on
another; the right pane's title follows a rename or a new code at once; help names what a key does, never its id;
the edit log's kinds are Indonesian words. All at 80×24 with the Pilot."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import DataTable, Static

from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.views.forms import FormScreen, PickScreen
from tui.views.help import HelpScreen
from tui.widgets.cascade_tree import CascadeTree
from tui.widgets.editbar import EditBar
from tui.widgets.grid import WorkGrid

SUB = "7.01.02.2.02.0003"
KEYMAP_ID = re.compile(r"^[a-z_]+\.[a-z_]+")  # cascade.add_child, tree.close, view.tables …
ENGLISH_KINDS = {"edit", "undo", "redo", "import", "add", "rm", "mv", "restore", "lock", "unlock"}


def title(app: LkjipApp) -> str:
    return str(app.screen.query_one("#node-title", Static).render())


def edit_line(app: LkjipApp) -> str:
    return str(app.screen.query_one(EditBar).text)


async def settle(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def test_after_an_indicator_is_added_the_arrows_move_in_the_tree_and_a_adds_below(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "down")  # on the sasaran S1
        assert app.screen.node_id == "S1"
        await settle(pilot, "i", *"Indeks baru", "enter", *"indeks", "enter", "enter")
        assert [i["name"] for i in app.casc.nodes["S1"]["indicators"]][-1] == "Indeks baru"
        assert isinstance(app.focused, CascadeTree)
        # ↓ moves in the tree to the program below, and a adds under it, not under the sasaran.
        await settle(pilot, "down")
        assert app.screen.node_id == "7.01.02"
        await settle(pilot, "a")
        assert isinstance(app.screen, FormScreen)
        assert app.screen.title_text.startswith("Tambah Kegiatan di bawah 7.01.02")


async def test_after_an_indicator_is_added_tab_lands_on_it(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "down", "i", *"Indeks baru", "enter", *"indeks", "enter", "enter", "tab")
        grid = app.focused
        assert isinstance(grid, WorkGrid) and grid.current()[0] == "S1/2"


async def test_find_puts_the_focus_on_the_tree_at_the_node_found(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "slash", *"Perencanaan, Penganggaran", "enter")
        tree = app.screen.query_one(CascadeTree)
        assert app.focused is tree and tree.cursor_node.data == "7.01.01.2.01" == app.screen.node_id
        # ↓ goes on in the tree, to the next kegiatan.
        await settle(pilot, "down")
        assert app.focused is tree and app.screen.node_id == "7.01.01.2.02" == tree.cursor_node.data


async def test_the_title_follows_a_rename_and_a_move_at_once(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "down", "r", "ctrl+u", *"Sasaran yang dinamai ulang", "enter")
        assert app.casc.nodes["S1"]["name"] == "Sasaran yang dinamai ulang"
        assert "Sasaran yang dinamai ulang" in title(app)
        assert isinstance(app.focused, CascadeTree)
        # m: the sub kegiatan under another kegiatan (the third offered, 7.01.01.2.05); its code and the title follow.
        app.screen.query_one(CascadeTree).reveal(SUB)
        await settle(pilot)
        assert SUB in title(app)
        await settle(pilot, "m")
        assert isinstance(app.screen, PickScreen)
        await settle(pilot, "down", "down", "enter")
        assert app.casc.nodes[SUB]["code"] == "7.01.01.2.05.0003"
        assert "7.01.01.2.05.0003" in title(app) and SUB not in title(app)
        assert isinstance(app.focused, CascadeTree) and app.screen.node_id == SUB


async def test_a_message_goes_when_the_operator_is_on_another_node(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        # On S1: its IKM's target, committed; the edit line says ✓.
        await settle(pilot, "down", "tab", "right", *"83", "enter")
        assert "\u2713" in edit_line(app)
        # Back to the tree and on to the program: the ✓ was about S1's indicator, and goes.
        await settle(pilot, "shift+tab", "down")
        assert app.screen.node_id == "7.01.02"
        assert "\u2713" not in edit_line(app) and not app.message


async def test_the_status_follows_a_node_the_operator_did_not_key_to(demo_path: Path) -> None:
    """A message said on one node, and the node shown changes without a key (a click, another operator's save that
    moved the cursor): the message is not left under the other node."""
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "down")
        app.say("Tahun 2022.")
        screen = app.screen
        screen.query_one(CascadeTree).reveal("S2")
        await settle(pilot)
        assert screen.node_id == "S2" and app.message == ""


async def test_a_sheet_shows_no_old_echo_when_the_operator_comes_back(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "f8", *"83", "enter")
        assert "\u2713" in edit_line(app)
        await settle(pilot, "f9")
        await settle(pilot, "f8")
        assert "\u2713" not in edit_line(app) and not app.message


async def test_export_done_goes_when_another_document_is_chosen(demo_path: Path, tmp_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "f7")
        app.screen.query_one("#export-path").value = str(tmp_path / "draf")
        await settle(pilot, "ctrl+e")
        await app.workers.wait_for_complete()
        await settle(pilot)
        result = app.screen.query_one("#export-result", Static)
        assert "Selesai" in str(result.render())
        await settle(pilot, "ctrl+t")  # the Perjanjian Kinerja
        assert "Selesai" not in str(result.render()) and "draf.md" not in app.message


async def test_help_in_every_view_says_what_keys_do_without_keymap_ids(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        for view in ("f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9"):
            await settle(pilot, view, "f1")
            assert isinstance(app.screen, HelpScreen), view
            table = app.screen.query_one(DataTable)
            headers = [str(c.label) for c in table.columns.values()]
            cells = [str(c) for r in range(table.row_count) for c in table.get_row_at(r)]
            assert headers == ["Tombol", "Fungsi"], view
            assert not [c for c in cells if KEYMAP_ID.match(c)], view
            assert any("Tambah" in c for c in cells) == (view == "f2"), view
            assert "Lembar isian anggaran: pagu dan realisasi sub kegiatan" in cells, view  # F9, in words
            await settle(pilot, "escape")


async def test_the_log_view_names_kinds_in_indonesian(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, "down", "tab", "right", *"83", "enter")
        await settle(pilot, "ctrl+z")
        await settle(pilot, "ctrl+y")
        await settle(pilot, "f6")
        table = app.screen.query_one(DataTable)
        kinds = [str(table.get_row_at(r)[2]) for r in range(table.row_count)]
        assert kinds[:3] == ["ulangi", "urungkan", "ubah"]
        assert not ENGLISH_KINDS & set(kinds)
