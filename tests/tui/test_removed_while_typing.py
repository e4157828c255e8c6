"""Another operator removes the node whose cell is being typed in (issue 20): before, the live reload closed the
editor, dropped the typed value in silence and put the cursor on another node's cell."""

from __future__ import annotations

from pathlib import Path

from store.edits import plans
from store.edits.workbook import Workbook
from tests.tui.test_tui import IKM, find_ikm_realisasi, grid
from tui.app.app import LkjipApp


async def test_the_typed_value_stays_and_the_removal_is_said(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await find_ikm_realisasi(pilot)
        main = app.screen
        await pilot.press("enter", "8", "1", ",", "5")  # the operator is typing 81,5 into IKM's realisasi
        await pilot.pause()
        other = Workbook.open(demo_path, user="budi")
        other.apply(plans.plan_delete(other.cascade(), "S1"))  # budi removes the sasaran, IKM with it
        app.poll_disk()
        await pilot.pause()
        assert main.editor_text() == "81,5"  # still in the editor, not dropped
        assert grid(app).current()[0] == IKM and main.node_id == "S1"  # the cursor did not move elsewhere
        assert app.message_error and "dihapus operator lain" in app.message and "81,5" in app.message
        await pilot.press("escape")  # the operator closes the editor: the view follows the file
        await pilot.pause()
        assert main.editor_text() is None and "S1" not in app.casc.nodes and main.node_id != "S1"


async def test_a_form_whose_indicator_another_operator_removed_stays_open_with_what_was_typed(demo_path: Path) -> None:
    """The same under a form (`p`, the indicator's properties): the form closed on Ctrl+S, its save was refused
    after it had gone, and what was typed in it went with it."""
    from tui.views.forms import FormScreen

    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(100, 30)) as pilot:
        app.goto(IKM, "realisasi")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press("ctrl+u", *"skor")  # satuan: indeks → skor
        other = Workbook.open(demo_path, user="budi")
        other.apply(plans.plan_delete(other.cascade(), "S1"))  # budi removes the sasaran, IKM with it
        app.poll_disk()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and form.values()["satuan"] == "skor"  # still open, the typed value in it
        said = str(form.query_one("#form-error").render())
        assert "S1/1" in said and "tetap" in said, said
        await pilot.press("escape")  # the operator gives up: the form closes, nothing is saved
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    assert "skor" not in demo_path.read_text()


async def test_a_rename_of_a_node_another_operator_removed_comes_back_with_what_was_typed(demo_path: Path) -> None:
    """The cascade's forms (r: rename) save once closed, so the tree can move to what was saved: refused then, the
    form opens again with the typed name and why (before: closed, the typed name gone)."""
    from tui.views.forms import FormScreen

    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.focus_ref("S1", tree=True)
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+u", *"Sasaran dengan nama baru")
        other = Workbook.open(demo_path, user="budi")
        other.apply(plans.plan_delete(other.cascade(), "S1"))  # budi removes the sasaran
        app.poll_disk()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen) and form.values()["name"] == "Sasaran dengan nama baru"
        said = str(form.query_one("#form-error").render())
        assert "S1" in said and "tetap" in said, said
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    assert "nama baru" not in demo_path.read_text()
