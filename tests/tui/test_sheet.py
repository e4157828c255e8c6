"""The entry sheets (F8 kinerja, F9 anggaran), driven as an operator at year-end would with the Pilot."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import orjson
from textual import events

from store.text.numbers import format_decimal, format_value
from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.views.paste import split_paste
from tui.widgets.editbar import EditBar
from tests.support.cli import lkjip


def realisasi_on_disk(path: Path, year: str = "2022") -> dict[str, str | None]:
    doc = orjson.loads(path.read_bytes())
    return {ind["id"]: (ind.get("years", {}).get(year) or {}).get("realisasi")
            for node in doc["nodes"].values() for ind in node["indicators"]}


def indicator_refs(app: LkjipApp) -> list[str]:
    return [r.ref for r in app.screen.grid.rows if not r.group]


async def open_sheet(pilot, key: str = "f8"):
    await pilot.press(key)
    await pilot.pause()
    return pilot.app.screen


async def test_every_realisasi_of_the_year_keyed_as_digits_and_enter_in_one_pass(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        sheet = await open_sheet(pilot)
        refs = indicator_refs(app)
        assert len(refs) == 68
        here = sheet.grid.current()
        assert here[0].ref == refs[0] and here[1].key == "realisasi"  # the first indicator's realisasi
        for n, _ in enumerate(refs, start=1):
            await pilot.press(*str(n), "enter")
        await pilot.pause()
        stored = realisasi_on_disk(demo_path)
        assert [stored[r] for r in refs] == [str(n) for n in range(1, len(refs) + 1)]
        # Tabel 3.1 shows the sasaran indicators' new realisasi, and their capaian follow
        await pilot.press("f3")
        await pilot.pause()
        ikm = next(r for r in app.screen.cells() if "Kepuasan" in r[2])
        n_ikm = refs.index("S1/1") + 1
        assert ikm[6] == f"{n_ikm},00"
        assert ikm[7] == f"{n_ikm / 82 * 100:.2f}".replace(".", ",")


async def test_a_commit_recomputes_capaian_and_predikat_of_its_row(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        sheet = await open_sheet(pilot)
        sheet.goto("S1/1")
        await pilot.press(*"80", "enter")
        await pilot.pause()
        i = sheet.grid.index_of("S1/1")
        values = sheet.grid.values(i)
        assert values[4] == "80,00" and values[-2] == "97,56" and values[-1] == "ST"
        echo = sheet.query_one(EditBar).text.plain
        assert "82,08 \u2192 80,00" in echo and "97,56%" in echo


async def test_a_persentase_above_100_saves_with_a_warning_on_the_edit_line(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        sheet = await open_sheet(pilot)
        sheet.goto("S2/1")
        await pilot.press(*"141,92", "enter")
        await pilot.pause()
        assert realisasi_on_disk(demo_path)["S2/1"] == "141.92"
        echo = sheet.query_one(EditBar).text.plain
        assert "\u26a0 realisasi 141,92 di luar 0\u2013100" in echo


async def test_an_ambiguous_number_is_refused_in_the_sheet_and_the_typed_text_stays(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        sheet = await open_sheet(pilot)
        sheet.goto("S1/1")
        await pilot.press(*"82.125", "enter")
        await pilot.pause()
        assert "ketik 82,125 atau 82125" in app.message and app.message_error
        assert sheet.grid.edit_text == "82.125"
        assert realisasi_on_disk(demo_path)["S1/1"] == "82.08"


async def test_a_pasted_column_fills_downward_and_one_ctrl_z_takes_it_all_back(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sheet(pilot)
        refs = indicator_refs(app)
        before = realisasi_on_disk(demo_path)
        # A spreadsheet's column: CRLF line ends, the last line ended too; Indonesian and English decimals.
        values = [f"{n},5" if n % 2 else f"{n}.25" for n in range(1, len(refs) + 1)]
        app.post_message(events.Paste("\r\n".join(values) + "\r\n"))
        await pilot.pause()
        stored = realisasi_on_disk(demo_path)
        assert [stored[r] for r in refs] == [v.replace(",", ".") for v in values]
        log = orjson.loads(demo_path.read_bytes())["log"]
        assert len({e.get("group") for e in log.values()}) == 1  # one paste, one group in the edit log
        await pilot.press("f3")  # Tabel 3.1 shows the pasted realisasi of the IKM
        await pilot.pause()
        ikm = next(r for r in app.screen.cells() if "Kepuasan" in r[2])
        n_ikm = refs.index("S1/1") + 1
        assert ikm[6] == format_decimal(Decimal(values[n_ikm - 1].replace(",", ".")))
        await pilot.press("ctrl+z")  # one Ctrl+Z takes the whole paste back, from any view
        await pilot.pause()
        assert realisasi_on_disk(demo_path) == before
        ikm = next(r for r in app.screen.cells() if "Kepuasan" in r[2])
        assert ikm[6] == "82,08"
        await pilot.press("f8")
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [realisasi_on_disk(demo_path)[r] for r in refs] == [v.replace(",", ".") for v in values]


async def test_the_first_unreadable_pasted_value_stops_the_paste_before_anything_is_written(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sheet(pilot)
        before = demo_path.read_bytes()
        app.post_message(events.Paste("70\r71\rabc\r73\r"))  # tmux and xterm turn a pasted LF into CR
        await pilot.pause()
        assert demo_path.read_bytes() == before
        assert "baris 3" in app.message and "\u201cabc\u201d" in app.message and app.message_error


async def test_tab_separated_rows_fill_across(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        sheet = await open_sheet(pilot)
        sheet.goto("7.01.02/1")
        await pilot.press("left")  # the target column; realisasi is next to it
        app.post_message(events.Paste("90\t85\n95\t96\n"))
        await pilot.pause()
        doc = orjson.loads(demo_path.read_bytes())
        years = {i["id"]: i["years"].get("2022", {}) for n in doc["nodes"].values() for i in n["indicators"]}
        assert (years["7.01.02/1"]["target"], years["7.01.02/1"]["realisasi"]) == ("90", "85")
        assert (years["7.01.02/2"]["target"], years["7.01.02/2"]["realisasi"]) == ("95", "96")


def test_pasted_line_breaks_of_every_terminal_are_read_alike() -> None:
    assert split_paste("1\n2\n") == split_paste("1\r2\r") == split_paste("1\r\n2\r\n") == [["1"], ["2"]]
    assert split_paste("1\t2\r\n3\t4") == [["1", "2"], ["3", "4"]]


async def test_filters_show_only_empty_cells_one_level_or_one_branch(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        sheet = await open_sheet(pilot)
        every = indicator_refs(app)
        await pilot.press("k")  # only empty realisasi
        empty = indicator_refs(app)
        stored = realisasi_on_disk(demo_path)
        assert empty == [r for r in every if stored[r] is None] and 0 < len(empty) < len(every)
        await pilot.press("k", "l", "l")  # off; level: tujuan, then sasaran
        assert indicator_refs(app) == ["S1/1", "S2/1"]
        await pilot.press("l", "l", "l", "l")  # program, kegiatan, subkegiatan, all again
        assert indicator_refs(app) == every
        sheet.goto("S1/1")
        await pilot.press("b")  # the branch of the IKM sasaran
        branch = indicator_refs(app)
        assert branch[0] == "S1/1" and "S2/1" not in branch and len(branch) < len(every)
        await pilot.press("b")
        assert indicator_refs(app) == every


async def test_budget_sheet_sums_follow_each_commit(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        sheet = await open_sheet(pilot, "f9")
        grid = sheet.grid
        here = grid.current()
        assert here[0].ref == "7.01.02.2.02.0003" and here[1].key == "realisasi"
        program = grid.index_of("7.01.02")
        assert grid.rows[program].group
        await pilot.press("left", *"1.234", "enter")  # a pagu keyed with a thousands dot is 1234 Rupiah
        await pilot.pause()
        node = Workbook.open(demo_path).cascade().nodes["7.01.02.2.02.0003"]
        assert node["budget"]["2022"]["pagu"] == 1234
        assert grid.values(program)[2] == "1.234"  # the program's sum followed
        assert "melebihi pagu" in sheet.query_one(EditBar).text.plain  # realisasi 14.835.750 > pagu 1.234


async def test_quarterly_budget_realisasi_is_keyed_in_f9_and_summed_upwards(demo_path: Path) -> None:
    # The monev triwulan needs what was spent each quarter: F9 has TW I–IV beside the year, right of Serapan%.
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        sheet = await open_sheet(pilot, "f9")
        grid = sheet.grid
        program = grid.index_of("7.01.02")
        await pilot.press("right", "right", *"2.500.000", "enter")  # TW I of the first sub kegiatan
        await pilot.pause()
        assert grid.spec[grid.col].key == "tw1"  # Enter went down the same column
        await pilot.press("up", "right", *"1.000.000", "enter")  # its TW II
        await pilot.pause()
        node = Workbook.open(demo_path).cascade().nodes["7.01.02.2.02.0003"]
        assert node["budget"]["2022"]["tw"] == {"1": 2500000, "2": 1000000}
        assert node["budget"]["2022"]["realisasi"] == 14835750  # the year's realisasi stays as entered
        assert grid.values(program)[5:9] == ["2.500.000", "1.000.000", "\u2014", "\u2014"]
    md = lkjip("export", demo_path, "--doc", "triwulan", "--tw", "2", "--format", "md")
    assert md.returncode == 0, md.stderr
    assert "3.500.000" in md.stdout  # spent up to TW II: the two quarters together


async def test_the_node_grid_edit_line_flags_a_persentase_above_100_too(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.goto("S2/1", "realisasi")
        await pilot.pause()
        await pilot.press(*"141,92", "enter")
        await pilot.pause()
        assert realisasi_on_disk(demo_path)["S2/1"] == "141.92"
        assert "\u26a0 realisasi 141,92 di luar 0\u2013100" in app.screen.query_one(EditBar).text.plain


async def test_the_sheets_are_in_the_palette_the_help_and_the_key_bar(demo_path: Path) -> None:
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        names = [name for name, _, _ in app.palette_commands()]
        assert "Tampilan: Lembar isian kinerja" in names and "Tampilan: Lembar isian anggaran" in names
        await open_sheet(pilot)
        ids = {active.binding.id for active in app.active_bindings.values()}
        assert {"view.sheet", "view.budget_sheet", "sheet.empty", "sheet.level", "sheet.branch"} <= ids
        assert "f9" in app.screen.query_one("KeyBar").text.plain


async def test_keying_down_a_column_keeps_the_cursor_on_screen_and_scrolls_in_half_screen_jumps(demo_path: Path) -> None:
    """Over SSH a scroll repaints the whole grid: it happens once every few rows, and the row being typed into is
    always on screen, on the way down and back up."""
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        sheet = await open_sheet(pilot)
        grid = sheet.grid
        tops = []
        for _ in range(len(indicator_refs(app)) + 3):
            await pilot.press("down")
            assert grid.row in grid.visible_rows()
            tops.append(grid.top)
        assert grid.row == len(grid.rows) - 1 and grid.top == len(grid.rows) - grid.body_height  # no blank tail
        scrolls = [b - a for a, b in zip(tops, tops[1:]) if b != a]
        assert scrolls and all(s > 1 for s in scrolls[:-1]), scrolls  # jumps, not a repaint on every row
        for _ in range(len(grid.rows)):
            await pilot.press("up")
            assert grid.row in grid.visible_rows()
        assert grid.top == 0


async def test_a_row_changed_on_disk_shows_its_new_texts_though_its_record_rev_did_not_move(demo_path: Path) -> None:
    # The sheet keeps each row's texts until its record changes (rev). A file rewritten by another program keeps the
    # rev it had; the reload brings new records, and the row in view must show what is on disk now.
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        sheet = await open_sheet(pilot)
        ref = indicator_refs(app)[0]
        i = sheet.grid.index_of(ref)
        assert sheet.grid.values(i)[4] != format_value(Decimal("12345"))
        doc = orjson.loads(demo_path.read_bytes())
        indicator = next(ind for node in doc["nodes"].values() for ind in node["indicators"] if ind["id"] == ref)
        indicator["years"].setdefault("2022", {})["realisasi"] = "12345"
        meta = next(iter(doc["meta"].values()))
        meta["revision"] += 1
        demo_path.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
        app.poll_disk()
        await pilot.pause()
        assert sheet.grid.values(i)[4] == format_value(Decimal("12345"))


async def test_the_first_save_is_prepared_while_the_operator_reads_the_screen(demo_path: Path, monkeypatch) -> None:
    """Opening starts serialising the workbook in short steps (Workbook.warm_save); the first Enter then
    serialises only what it changed, as every later save does, and the file is exactly the full dump."""
    import store.disk.serialize as serialize

    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):  # the operator reads the first screen (warming begins once it is painted)
            await pilot.pause(0.05)
            if app.workbook.storage._writer._written:  # the whole document serialised once
                break
        serialised: list[str] = []
        real = serialize._record_bytes
        monkeypatch.setattr(serialize, "_record_bytes", lambda rid, rec: serialised.append(rid) or real(rid, rec))
        await open_sheet(pilot)
        await pilot.press("7", "7", "enter")
        await pilot.pause()
        assert realisasi_on_disk(demo_path)[indicator_refs(app)[0]] == "77"
        assert 0 < len(serialised) <= 3, serialised  # the indicator's node, the log entry, meta (the revision)
    raw = demo_path.read_bytes()
    assert raw == serialize.dumps(orjson.loads(raw))


async def test_the_page_below_is_computed_while_the_operator_reads(demo_path: Path, monkeypatch) -> None:
    """After the view moves, the texts of the page below it are computed in idle time: the key that scrolls there
    only draws. The lines drawn are the same as those computed on the spot."""
    from tui.views.sheet import SheetScreen

    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        sheet = await open_sheet(pilot)
        grid = sheet.grid
        for _ in range(100):  # the operator reads the first page (on a loaded machine the timer fires late)
            await pilot.pause(0.05)
            # The page below as the grid is laid out now (the status line above it may still change its height).
            below = range(grid.top + grid.body_height, min(len(grid.rows), grid.top + 2 * grid.body_height))
            if grid._prefetch is None and all(i in grid._cache for i in below):
                break
        computed: list[str] = []
        real = SheetScreen._row_texts
        monkeypatch.setattr(SheetScreen, "_row_texts", lambda self, row, node, year: computed.append(row.ref)
                            or real(self, row, node, year))
        top = sheet.grid.top
        await pilot.press("pagedown")
        await pilot.pause()
        # Every row now in view was ready. (On a loaded machine the pause outlasts the prefetch's 0.1 s, and the page
        # below the new view is computed meanwhile, in idle time, as it should be: those rows are not counted.)
        in_view = {sheet.grid.rows[i].ref for i in sheet.grid.visible_rows()}
        assert sheet.grid.top > top and [r for r in computed if r in in_view] == []
        drawn = [sheet.grid.render_line(y).text for y in range(1, sheet.grid.body_height + 1)]
        monkeypatch.undo()
        sheet._computed.clear()
        sheet.grid._cache.clear()
        assert [sheet.grid.render_line(y).text for y in range(1, sheet.grid.body_height + 1)] == drawn
