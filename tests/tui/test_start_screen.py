"""The start screen at 80×24 (`lkjip baru.json` when the file does not exist): filled with the period and year of
today, its refusals under the field at fault and on screen, and a valid form opening the new workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, Static

from store.exchange.sheet_layout import default_periode
from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.views.main import MainScreen
from tui.views.start import StartScreen

SIZE = (80, 24)


def field(app: LkjipApp, key: str) -> Input:
    return app.screen.query_one(f"#{key}", Input)


async def test_the_period_and_the_year_start_filled_as_values(tmp_path: Path) -> None:
    app = LkjipApp(None, path=tmp_path / "baru.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        awal, akhir = default_periode(date.today().year)
        assert field(app, "periode").value == f"{awal}-{akhir}"  # a value, not a grey placeholder
        assert field(app, "tahun").value == str(date.today().year)
        assert default_periode(2025) == default_periode(2029) == (2025, 2029)
        for key in ("instansi", "pemda", "periode", "tahun"):
            assert field(app, key).region.bottom <= SIZE[1]
        assert app.screen.query_one("#create").region.bottom <= SIZE[1]


async def test_only_the_names_typed_and_create_opens_the_new_workbook(tmp_path: Path) -> None:
    path = tmp_path / "baru.json"
    app = LkjipApp(None, path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Kecamatan Uji", "enter", *"Kabupaten Uji", "enter", "enter", "enter")
        assert app.focused is app.screen.query_one("#create")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    meta = Workbook.open(path).cascade().meta
    awal, akhir = default_periode(date.today().year)
    assert (meta["profile"]["instansi"], meta["profile"]["pemda"]) == ("Kecamatan Uji", "Kabupaten Uji")
    assert (meta["periode_awal"], meta["periode_akhir"], meta["tahun"]) == (awal, akhir, date.today().year)


async def test_a_bad_period_is_refused_under_the_period_within_24_rows(tmp_path: Path) -> None:
    path = tmp_path / "baru.json"
    app = LkjipApp(None, path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Kecamatan Uji", "tab", *"Kabupaten Uji", "tab", *"2029-2025", "tab", "tab")
        await pilot.press("enter")  # Buat buku kerja
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        error = app.screen.query_one("#periode-error", Static)
        assert error.display and "2029-2025" in str(error.render())
        periode = field(app, "periode")
        assert error.region.y == periode.region.bottom  # the line right under the field at fault
        assert 0 <= error.region.y and error.region.bottom <= SIZE[1] - 1  # above the key bar, on screen
        assert app.focused is periode  # the eye and the cursor go to it: typing fixes it
        await pilot.press(*"2025-2029", "enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert Workbook.open(path).cascade().meta["periode_awal"] == 2025


async def test_an_empty_name_and_a_year_outside_the_period_are_said_at_their_fields(tmp_path: Path) -> None:
    path = tmp_path / "baru.json"
    app = LkjipApp(None, path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#create").focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#instansi-error", Static).display
        assert app.focused is field(app, "instansi")
        await pilot.press(*"Kecamatan Uji", "tab", *"Kabupaten Uji", "tab", *"2025-2029", "tab", *"2031", "tab",
                          "enter")
        await pilot.pause()
        error = app.screen.query_one("#tahun-error", Static)
        assert error.display and "2031" in str(error.render())
        assert not app.screen.query_one("#instansi-error", Static).display  # the old refusal is gone
        assert error.region.bottom <= SIZE[1] - 1
    assert not path.exists()  # nothing written while refused
