"""Letters are characters where text is being typed, commands elsewhere. The cascade keys (a s i r k m d p) and the
year keys ([ ]) are priority keys (tui/keys.py: the app runs them as they arrive so that a burst reaches the dialog
they open); they must not take a letter typed into a form's field or into a cell's editor, nor the Delete key of a
grid (it clears the cell there); and a dialog keeps the year it opened on."""

from __future__ import annotations

from pathlib import Path

from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.views.forms import ConfirmScreen, FormScreen
from tui.views.main import MainScreen
from tui.widgets.grid import WorkGrid

EVERY_CASCADE_LETTER = "adik pramesti"  # a d i k p r m s: each opens a dialog on the tree


async def test_cascade_letters_typed_in_a_form_field_are_its_characters(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")  # rename the first tujuan
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+u", *EVERY_CASCADE_LETTER)
        await pilot.pause()
        assert len(app.screen_stack) == 2 and app.screen.values() == {"name": EVERY_CASCADE_LETTER}
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.casc.nodes["T1"]["name"] == EVERY_CASCADE_LETTER


async def test_cascade_letters_typed_into_a_cell_editor_are_its_characters(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "enter")  # the first tujuan's indicator grid, on the indicator's name: edit it
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen) and isinstance(app.focused, WorkGrid)
        await pilot.press(*EVERY_CASCADE_LETTER, "left_square_bracket", "right_square_bracket")  # and the year keys
        await pilot.pause()
        assert app.screen is screen and screen.editor_text() == EVERY_CASCADE_LETTER + "[]" and app.year == 2022
        await pilot.press("backspace", "backspace", "enter")
        await pilot.pause()
        assert app.casc.indicators["T1/1"][1]["name"] == EVERY_CASCADE_LETTER


async def test_delete_in_a_grid_clears_the_cell_and_in_the_tree_asks_to_delete_the_node(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "right", "right", "delete")  # Realisasi of Nilai SAKIP Kecamatan, cleared
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.casc.indicators["T1/1"][1]["years"]["2022"].get("realisasi") is None
        assert "T1" in app.casc.nodes
        await pilot.press("shift+tab")  # back to the tree
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and "T1" in app.casc.nodes


async def test_the_year_keys_do_nothing_while_a_dialog_is_open(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")  # the question before deleting the first tujuan
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("right_square_bracket", "n")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.year == 2022 and "T1" in app.casc.nodes


async def view_after(key: str, keymap_text: str, demo_path: Path, tmp_path: Path, monkeypatch) -> str:
    """The view open after `key`, with the operator's keymap file holding `keymap_text`."""
    import tui.keys

    keymap = tmp_path / "keymap.json"
    keymap.write_text(keymap_text, encoding="utf-8")
    monkeypatch.setattr(tui.keys, "KEYMAP_FILE", keymap)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        return app.current_mode


async def test_a_key_remapped_in_the_operators_keymap_file_opens_its_view(demo_path: Path, tmp_path: Path,
                                                                          monkeypatch) -> None:
    assert await view_after("t", '{"view.tables": "f3,t"}', demo_path, tmp_path, monkeypatch) == "tabel"


async def test_a_broken_keymap_file_is_ignored(demo_path: Path, tmp_path: Path, monkeypatch) -> None:
    assert await view_after("f3", '{"view.tables": ', demo_path, tmp_path, monkeypatch) == "tabel"
    assert await view_after("t", '{"view.tables": ', demo_path, tmp_path, monkeypatch) == "utama"


async def test_the_garbage_collector_paused_for_start_up_runs_again_once_the_first_frame_is_drawn(
        demo_path: Path) -> None:
    import gc

    gc.disable()  # as tui/cli/main.py does before importing the app
    try:
        app = LkjipApp(Workbook.open(demo_path))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()
