"""The keyboard workbook, driven as an operator would with the Pilot."""

from __future__ import annotations

from pathlib import Path

import orjson

from store.edits.workbook import Workbook
from tui.app.app import POLL_SECONDS, LkjipApp
from tui.views.main import MainScreen
from tui.views.message import MessageScreen
from tui.views.small import TooSmallScreen
from tui.widgets.editbar import EditBar
from tui.widgets.grid import WorkGrid
from tests.support.cli import lkjip

ROOT = Path(__file__).resolve().parents[2]
IKM = "S1/1"


def on_disk(path: Path, ind_id: str = IKM, year: str = "2022") -> dict:
    doc = orjson.loads(path.read_bytes())
    for node in doc["nodes"].values():
        for ind in node["indicators"]:
            if ind["id"] == ind_id:
                return ind["years"].get(year, {})
    raise AssertionError(ind_id)


async def dismiss_refusal(pilot) -> None:
    """A refusal too long for the status line opens whole in a dialog: the operator reads it and presses Esc."""
    await pilot.pause()
    if isinstance(pilot.app.screen, MessageScreen):
        await pilot.press("escape")
        await pilot.pause()


def grid(app: LkjipApp) -> WorkGrid:
    return app.screen.query_one("#indicators", WorkGrid)


async def find_ikm_realisasi(pilot) -> None:
    """/ kepuasan Enter lands on the IKM row; two steps right is its Realisasi cell."""
    await pilot.press("slash")
    await pilot.press(*"kepuasan")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("right", "right")


async def test_operator_keys_80_for_ikm_and_everything_follows(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find_ikm_realisasi(pilot)
        assert isinstance(app.focused, WorkGrid)
        assert grid(app).current()[0] == IKM
        assert grid(app).text_at(IKM, "realisasi") == "82,08"

        # Esc during an edit keeps 82,08
        await pilot.press("enter", "7", "escape")
        await pilot.pause()
        assert grid(app).text_at(IKM, "realisasi") == "82,08"
        assert on_disk(demo_path)["realisasi"] == "82.08"

        # abc is refused, quoted, and the value stays
        await pilot.press("enter", "a", "b", "c", "enter")
        await pilot.pause()
        assert "\u201cabc\u201d" in app.message and app.message_error
        assert grid(app).text_at(IKM, "realisasi") == "82,08"
        assert on_disk(demo_path)["realisasi"] == "82.08"
        await pilot.press("escape")

        # 80 Enter: grid, file and Tabel 3.1 follow, no save key pressed
        await pilot.press("enter", "8", "0", "enter")
        await pilot.pause()
        assert grid(app).text_at(IKM, "realisasi") == "80,00"
        assert grid(app).text_at(IKM, "capaian") == "97,56"
        assert on_disk(demo_path)["realisasi"] == "80"
        echo = app.screen.query_one(EditBar).text.plain  # what was understood, old → new
        assert "82,08 \u2192 80,00" in echo and "97,56%" in echo
        assert "revisi 1 " in app.saved_line() and "oleh" in app.saved_line()
        await pilot.press("f3")
        await pilot.pause()
        ikm_row = next(r for r in app.screen.cells() if "Kepuasan" in r[2])
        assert ikm_row[6:8] == ["80,00", "97,56"]

        # Ctrl+Z brings 82,08 back everywhere
        await pilot.press("ctrl+z")
        await pilot.pause()
        ikm_row = next(r for r in app.screen.cells() if "Kepuasan" in r[2])
        assert ikm_row[6:8] == ["82,08", "100,10"]
        assert on_disk(demo_path)["realisasi"] == "82.08"
        await pilot.press("f2")
        await pilot.pause()
        assert grid(app).text_at(IKM, "realisasi") == "82,08"
        # … and Ctrl+Y applies it again
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert on_disk(demo_path)["realisasi"] == "80"
        assert grid(app).text_at(IKM, "capaian") == "97,56"


async def test_tab_commits_and_moves_across_and_typing_a_digit_starts_an_edit(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"kepuasan", "enter")
        await pilot.pause()
        await pilot.press("right")  # Target
        await pilot.press("8", "3", "tab")  # a digit opens the editor with it; Tab commits and moves right
        await pilot.pause()
        assert on_disk(demo_path)["target"] == "83"
        assert grid(app).current()[1].key == "realisasi"
        assert grid(app).text_at(IKM, "capaian") == "98,89"


async def test_another_operators_save_shows_up_and_a_stale_edit_is_refused(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    assert POLL_SECONDS <= 2
    async with app.run_test(size=(80, 24)) as pilot:
        await find_ikm_realisasi(pilot)
        await pilot.press("enter")  # the operator starts typing over 82,08 …
        await pilot.press("8", "1")
        done = lkjip("set", demo_path, "kepuasan", "realisasi", "77,77", "--year", "2022", cwd=ROOT)
        assert done.returncode == 0, done.stderr
        app.poll_disk()
        await pilot.pause()
        assert grid(app).text_at(IKM, "realisasi") == "77,77"
        assert app.screen.editor_text() == "81"  # the cell being edited is not disturbed
        await pilot.press("enter")
        await pilot.pause()
        assert app.message_error and "77,77" in app.message and "81,00" in app.message
        assert on_disk(demo_path)["realisasi"] == "77.77"
        # Too long for the status line: the whole conflict opens in a dialog, dismissed with Esc.
        assert isinstance(app.screen, MessageScreen) and "77,77" in app.screen.message
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.editor_text() == "81"  # still there to retry


async def test_a_locked_year_says_so_on_the_cell_before_any_editor_opens(demo_path: Path) -> None:
    Workbook.open(demo_path).lock_year(2022)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find_ikm_realisasi(pilot)
        await pilot.press("9")
        await pilot.pause()
        assert "dikunci" in app.message and app.message_error
        assert app.screen.editor_text() is None  # no editor opened: nothing typed is lost later
        await pilot.press("enter", "0", "enter")
        await pilot.pause()
        assert app.screen.editor_text() is None
        assert on_disk(demo_path)["realisasi"] == "82.08"


async def test_a_year_locked_by_another_process_while_typing_refuses_and_keeps_the_typed_value(
        demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find_ikm_realisasi(pilot)
        await pilot.press("enter", "9", "0")
        await pilot.pause()
        Workbook.open(demo_path).lock_year(2022)
        await pilot.press("enter")
        await pilot.pause()
        assert "dikunci" in app.message and app.message_error
        if isinstance(app.screen, MessageScreen):  # the whole sentence did not fit the status line
            await pilot.press("escape")
            await pilot.pause()
        assert app.screen.editor_text() == "90"
        assert on_disk(demo_path)["realisasi"] == "82.08"


async def test_year_keys_change_the_year_shown(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"kepuasan", "enter")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.year == 2023
        assert grid(app).text_at(IKM, "target") == "82,05"
        assert grid(app).text_at(IKM, "realisasi") == "\u2014"
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert app.year == 2021 and grid(app).text_at(IKM, "realisasi") == "81,78"


async def test_explain_shows_the_formula_with_its_numbers(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find_ikm_realisasi(pilot)
        await pilot.press("right", "x")
        await pilot.pause()
        assert "82,08 / 82 \u00d7 100 = 100,10" in app.message


async def test_checks_view_jumps_to_the_cell_at_fault(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    wb.set("kepuasan", "target", "0", 2022)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen.findings[0].severity == "galat" and app.screen.findings[0].ref == IKM
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert grid(app).current()[0] == IKM and grid(app).current()[1].key == "target"


async def test_checks_view_opens_an_empty_section_in_the_narrative_view(demo_path: Path) -> None:
    """An empty text has no cell: Enter on its finding opens F5 on the section, ready to be written."""
    Workbook.open(demo_path).set("narasi:bab1_isu", "teks", "", 2022, clear=True)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        refs = [f.ref for f in app.screen.findings]
        app.screen.query_one("DataTable").move_cursor(row=refs.index("narasi:bab1_isu"))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "narasi" and app.screen.key == "bab1_isu"
        assert str(app.screen.query_one("OptionList").highlighted_option.prompt) == "BAB I C. Isu Strategis"


async def open_narrative(pilot):
    """F5, then into the text of the first section (Kata Pengantar)."""
    await pilot.press("f5")
    await pilot.pause()
    area = pilot.app.screen.query_one("TextArea")
    area.focus()
    return area


async def test_narrative_text_is_saved_like_any_edit(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        area = await open_narrative(pilot)
        area.load_text("**Teks baru** untuk kata pengantar.")
        await pilot.press("ctrl+s")
        await pilot.pause()
    doc = orjson.loads(demo_path.read_bytes())
    texts = {n["key"]: n["texts"]["2022"] for n in doc["narrative"].values()}
    assert texts["kata_pengantar"] == "**Teks baru** untuk kata pengantar."
    assert any(e["field"] == "teks" for e in doc["log"].values())


async def test_every_view_is_a_key_away_and_help_explains_it(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        for key, mode in (("f3", "tabel"), ("f4", "periksa"), ("f5", "narasi"), ("f6", "log"), ("f7", "ekspor"),
                          ("f2", "utama")):
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        keys = [row[1] for row in (app.screen.query_one("DataTable").get_row_at(i)
                                   for i in range(app.screen.query_one("DataTable").row_count))]
        # What the keys do, in words: F3 and / too.
        assert "Tabel LKjIP, dihitung ulang dari data" in keys and "Cari simpul atau indikator (nama, kode)" in keys
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_a_small_terminal_gets_a_message_that_goes_away(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_start_screen_opens_the_demo_when_the_workbook_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "baru.json"
    app = LkjipApp(None, path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "StartScreen"
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert Workbook.open(path).cascade().meta["profile"]["instansi"] == "Kecamatan Torjun"


async def test_start_screen_creates_a_new_workbook(tmp_path: Path) -> None:
    path = tmp_path / "baru.json"
    app = LkjipApp(None, path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Kecamatan Uji", "enter", *"Kabupaten Uji", "enter", *"2025-2029", "enter", *"2026")
        await pilot.press("enter")  # to the button
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    meta = Workbook.open(path).cascade().meta
    assert (meta["profile"]["instansi"], meta["periode_awal"], meta["tahun"]) == ("Kecamatan Uji", 2025, 2026)


async def test_command_palette_offers_the_views_in_indonesian(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Tampilan: Tabel")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "tabel"


async def test_export_view_writes_the_word_draft(demo_path: Path, tmp_path: Path) -> None:
    from docx import Document

    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(tmp_path / "draf")
        await pilot.press("ctrl+w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Draf ditulis" in app.message, app.message
    text = "\n".join(p.text for p in Document(str(tmp_path / "draf.docx")).paragraphs)
    assert "Kecamatan Torjun" in text


async def test_keys_arriving_in_one_burst_are_all_typed_into_the_cell(demo_path: Path) -> None:
    """Over a slow SSH link keys arrive together: "8", "5", Enter must store 85, not 8."""
    from textual import events

    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find_ikm_realisasi(pilot)
        for key, char in (("8", "8"), ("5", "5"), ("enter", "\r")):
            app.post_message(events.Key(key, char))  # delivered as the terminal driver does, no pause between
        await pilot.pause()
        await pilot.pause()
        assert on_disk(demo_path)["realisasi"] == "85"
        assert grid(app).text_at(IKM, "realisasi") == "85,00"
        for key, char in (("e", "e"), ("7", "7"), ("backspace", None), ("9", "9"), ("tab", None)):
            app.post_message(events.Key(key, char))
        for _ in range(5):
            await pilot.pause()
        assert on_disk(demo_path)["realisasi"] == "9"


async def test_a_move_and_a_digit_in_one_burst_edit_the_cell_moved_to(demo_path: Path) -> None:
    from textual import events

    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.goto("7.01.02/1", "target")
        await pilot.pause()
        for key, char in (("down", None), ("7", "7"), ("enter", "\r")):
            app.post_message(events.Key(key, char))
        for _ in range(4):
            await pilot.pause()
        assert on_disk(demo_path, "7.01.02/2").get("target") == "7"
        assert on_disk(demo_path, "7.01.02/1").get("target") is None


async def test_narrative_is_saved_when_leaving_the_view_and_on_quit(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_narrative(pilot)
        await pilot.press(*"DIKETIK ")
        await pilot.press("f2")  # leave the view without Ctrl+S
        await pilot.pause()
        assert narrative_on_disk(demo_path, "kata_pengantar").startswith("DIKETIK ")
        await open_narrative(pilot)
        await pilot.press(*"LAGI ")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert narrative_on_disk(demo_path, "kata_pengantar").startswith("LAGI DIKETIK ")


async def test_a_narrative_conflict_keeps_the_operators_text(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_narrative(pilot)
        await pilot.press(*"MILIKKU ")
        Workbook.open(demo_path, user="lain").set("narasi:kata_pengantar", "teks", "Teks operator lain.")
        app.poll_disk()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.message_error and "lain" in app.message
        app.screen.query_one("#section-list").focus()  # leaving the text does not overwrite theirs
        await pilot.press("down")  # and moving to another section keeps this one and the typed text
        await pilot.pause()
        assert narrative_on_disk(demo_path, "kata_pengantar") == "Teks operator lain."
        assert app.screen.key == "kata_pengantar"
        assert app.screen.query_one("TextArea").text.startswith("MILIKKU ")
        await pilot.press("ctrl+s")  # a deliberate Ctrl+S overwrites
        await pilot.pause()
    assert narrative_on_disk(demo_path, "kata_pengantar").startswith("MILIKKU ")


def narrative_on_disk(path: Path, key: str, year: int = 2022) -> str:
    doc = orjson.loads(path.read_bytes())
    return next(n["texts"].get(str(year)) for n in doc["narrative"].values() if n["key"] == key)


async def test_the_narrative_of_a_new_year_starts_from_last_years_and_is_kept_apart(demo_path: Path) -> None:
    """The operator writes LKjIP 2023's Kata Pengantar: ] shows 2023 with 2022's text as a draft; what is saved is
    2023's own, and 2022's text stays for 2022's report."""
    before_2022 = narrative_on_disk(demo_path, "kata_pengantar")
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        app.screen.query_one("#section-list").focus()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.year == 2023
        title = str(app.screen.query_one("#section-title").render())
        assert "2023" in title and "draf dari teks 2022" in title
        area = app.screen.query_one("TextArea")
        assert area.text == before_2022  # the draft to start from
        area.focus()
        area.load_text("Kata pengantar 2023.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#section-list").focus()
        await pilot.press("left_square_bracket")  # back to 2022: its own text
        await pilot.pause()
        assert app.year == 2022 and app.screen.query_one("TextArea").text == before_2022
    assert narrative_on_disk(demo_path, "kata_pengantar", 2023) == "Kata pengantar 2023."
    assert narrative_on_disk(demo_path, "kata_pengantar", 2022) == before_2022
    entry = Workbook.open(demo_path).last_entry()
    assert entry and (entry["field"], entry["year"]) == ("teks", 2023)


async def test_another_operators_rename_shows_in_the_tree(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        Workbook.open(demo_path, user="lain").set("7.01.02", "nama", "Program Baru")
        app.poll_disk()
        await pilot.pause()
        labels = [str(n.label) for n in app.screen.query_one("#tree")._by_id.values()]
        assert any(label.endswith(" Program Baru") for label in labels)  # names only: the code is in the title


async def test_a_full_disk_refuses_the_edit_and_the_typed_value_stays(demo_path: Path, monkeypatch) -> None:
    import errno
    import os as os_module

    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await find_ikm_realisasi(pilot)
        before = demo_path.read_bytes()
        real_write, real_writev = os_module.write, os_module.writev

        def full_disk(fd, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os_module, "write", full_disk)
        monkeypatch.setattr(os_module, "writev", full_disk)  # a workbook save writes its parts by writev
        await pilot.press("enter", "7", "9", "enter")
        await pilot.pause()
        monkeypatch.setattr(os_module, "write", real_write)
        monkeypatch.setattr(os_module, "writev", real_writev)
        assert app.message_error and "disk penuh" in app.message
        await dismiss_refusal(pilot)
        assert app.screen.editor_text() == "79"
        assert demo_path.read_bytes() == before
        assert grid(app).text_at(IKM, "realisasi") == "82,08"
        await pilot.press("enter")  # space again: the same typed value is saved
        await pilot.pause()
        assert on_disk(demo_path)["realisasi"] == "79"


async def test_quarters_keyed_in_the_grid_make_the_years_realisasi_once_tw_iv_is_filled(demo_path: Path) -> None:
    Workbook.open(demo_path).set(IKM, "realisasi", "", 2022, clear=True)  # nothing typed for the year
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.goto(IKM, "tw1")
        await pilot.pause()
        await pilot.press("8", "1", "tab", "8", "3", "enter")  # TW I 81, TW II 83 (IKM is an indeks: nilai akhir)
        await pilot.pause()
        assert on_disk(demo_path)["tw"] == {"1": "81", "2": "83"}
        assert grid(app).text_at(IKM, "realisasi") == "\u2014"  # the year is not over
        app.goto(IKM, "tw3")
        await pilot.pause()
        await pilot.press("8", "2", "tab", "8", "3", "enter")  # TW III 82, TW IV 83
        await pilot.pause()
        assert grid(app).text_at(IKM, "realisasi") == "83,00"
        assert grid(app).text_at(IKM, "capaian") == "101,22"
