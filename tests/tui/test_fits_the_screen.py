"""Every screen fits 80×24 (and 100×30) and says everything it must, as a new operator reads it in a terminal.

What wraps (a finding, a help line, a status message, a table cell) breaks between words only: every word on the
screen is a whole word of the text it came from. What must be read whole (a finding, a message) is whole on the
screen, after scrolling by line if need be. Siblings in the tree read apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widget import Widget
from textual.widgets import DataTable

from reports import tables as T
from store.edits.workbook import Workbook
from tui.app.app import LkjipApp
from tui.views.help import EXTRA
from tui.views.message import MessageScreen
from tui.widgets.cascade_tree import CascadeTree
from tui.widgets.status import StatusLine

SIZES = [(80, 24), (100, 30)]
# What a screen draws that is no word of any text: frames, scrollbars, an honest ellipsis alone.
NOT_WORDS = set("│─╭╮╰╯━╸╺▁▂▃▄▅▆▇█▔▏▕▌▐\u2026")
# A sentence long enough to need four or five lines of the status at 80 columns, and words that are no prefix of
# one another: a word cut at the edge would not be in the dictionary.
LONG = ("Nilai yang diketik tidak dapat disimpan karena operator lain baru saja mengubah realisasi indikator "
        "Indeks Kepuasan Masyarakat untuk tahun 2022 dari 82,08 menjadi 83,10; periksa kembali angka itu, lalu "
        "ketik ulang nilai yang benar di sel yang sama bila masih perlu diubah.")


def screen_lines(app: LkjipApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def region_lines(app: LkjipApp, widget: Widget) -> list[str]:
    """The text the operator sees inside a widget's content (without its scrollbar)."""
    region = widget.scrollable_content_region
    lines = screen_lines(app)[region.y:region.y + region.height]
    return [line[region.x:region.x + region.width] for line in lines]


def words_of(*texts: str) -> set[str]:
    return {w for text in texts for w in text.split()}


def broken_words(lines: list[str], dictionary: set[str]) -> list[str]:
    """The pieces on screen that are no whole word of the source: a word broken by a wrap or cut at an edge."""
    return [token for line in lines for token in line.split() if token not in dictionary and token not in NOT_WORDS]


def joined(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


def open_app(demo_path: Path) -> LkjipApp:
    return LkjipApp(Workbook.open(demo_path))


# -- F4: the checks ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
async def test_every_finding_reads_whole_without_scrolling_sideways(demo_path: Path, size) -> None:
    app = open_app(demo_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        view = app.screen.query_one("#checks-view", DataTable)
        findings = app.screen.findings
        assert len(findings) > 20
        assert view.virtual_size.width <= view.scrollable_content_region.width  # nothing to the right
        sources = [f.message for f in findings] + [f.severity for f in findings] + ["Jenis/Ref Temuan"]
        refs = re.findall(r"\S+", " ".join(" ".join(view.get_row_at(i)[0].plain.split()) for i in
                                           range(view.row_count)))
        dictionary = words_of(*sources) | set(refs)
        seen: set[int] = set()
        temuan = view.ordered_columns[0].get_render_width(view)  # where the sentences' column begins
        for i in range(len(findings)):
            lines = region_lines(app, view)
            assert broken_words(lines, dictionary) == []
            text = joined([line[temuan:] for line in lines])
            seen |= {n for n, f in enumerate(findings) if joined([f.message]) in text}
            await pilot.press("down")
            await pilot.pause()
        # Every finding was on the screen whole at some point, the problem at its end included.
        assert seen == set(range(len(findings)))


# -- ? : the help ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
async def test_every_help_line_is_whole_and_wraps_between_words(demo_path: Path, size) -> None:
    app = open_app(demo_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        box = app.screen.query_one("#help-box", DataTable)
        assert box.virtual_size.width <= box.scrollable_content_region.width
        rows = [[c.plain if hasattr(c, "plain") else str(c) for c in box.get_row_at(i)] for i in range(box.row_count)]
        dictionary = words_of(*[c for r in rows for c in r], "Tombol Fungsi Id (keymap)")
        text = []
        while True:  # ↓ scrolls the help by one line
            lines = region_lines(app, box)
            # An id cut with an ellipsis is said to be cut; any other piece must be a whole word.
            assert [t for t in broken_words(lines, dictionary) if not t.endswith("\u2026")] == []
            text.append(joined(lines))
            if box.scroll_y >= box.max_scroll_y:
                break
            before = box.scroll_y
            await pilot.press("down")
            await pilot.pause()
            assert box.scroll_y == before + 1
        everything = " ".join(text)
        for _key, what in EXTRA:
            assert joined([what]) in everything


# -- the status line ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("error", [False, True])
async def test_a_message_longer_than_two_lines_is_shown_whole(demo_path: Path, size, error) -> None:
    app = open_app(demo_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.say(LONG, error=error)
        await pilot.pause()
        message = app.screen.query_one(StatusLine).query_one("#status-message")
        lines = region_lines(app, message)
        assert len(lines) > 2
        assert broken_words(lines, words_of(LONG)) == []
        assert joined(lines) == LONG
        assert screen_lines(app)[-1].split()[0] == "\u23ce"  # the key bar is still the last row
        await pilot.press("down")  # a message goes on the next key, and the status is two lines again
        await pilot.pause()
        assert len(region_lines(app, app.screen.query_one(StatusLine).query_one("#status-message"))) == 2


@pytest.mark.parametrize("size", SIZES)
async def test_a_message_longer_than_half_the_screen_opens_whole_in_a_dialog(demo_path: Path, size) -> None:
    app = open_app(demo_path)
    sentence = " ".join([LONG] * 8)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.say(sentence, error=True)
        await pilot.pause()
        assert isinstance(app.screen, MessageScreen)
        box = app.screen.query_one("VerticalScroll")
        content: dict[int, str] = {}  # the dialog's lines by their place in the text, as they scroll past
        while True:
            lines = region_lines(app, box)
            assert broken_words(lines, words_of(sentence, "Enter / Esc: tutup")) == []
            content.update({round(box.scroll_y) + i: line for i, line in enumerate(lines)})
            if box.scroll_y >= box.max_scroll_y:
                break
            before = box.scroll_y
            await pilot.press("down")  # by one line
            await pilot.pause()
            assert box.scroll_y == before + 1
        assert joined([content[i] for i in sorted(content)]) == sentence + " Enter / Esc: tutup"


# -- the tree ----------------------------------------------------------------------------------------------------
RKA = "7.01.01.2.01.0002"  # Koordinasi dan Penyusunan Dokumen RKA-SKPD
RKA_PERUBAHAN = "7.01.01.2.01.0003"  # Koordinasi dan Penyusunan Dokumen Perubahan RKA-SKPD


@pytest.mark.parametrize("size", SIZES)
async def test_sub_kegiatan_whose_names_start_alike_read_apart_in_the_tree(demo_path: Path, size) -> None:
    app = open_app(demo_path)
    async with app.run_test(size=size) as pilot:
        tree = app.screen.query_one(CascadeTree)
        tree.reveal(RKA)
        await pilot.pause()
        assert tree.has_focus
        lines = region_lines(app, tree)
        casc = app.casc
        kegiatan = casc.nodes[RKA]["parent"]
        names = {kid["id"]: kid["name"] for kid in casc.kids(kegiatan)}
        start = tree._by_id[next(iter(names))].line
        shown = {nid: lines[start + i - round(tree.scroll_y)].split(" s ", 1)[1].strip()
                 for i, nid in enumerate(names)}
        assert shown[RKA] != shown[RKA_PERUBAHAN]
        assert len(set(shown.values())) == len(shown), shown  # every sibling reads apart


# -- F3: the LKjIP tables ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
async def test_table_headers_and_cells_break_only_at_spaces(demo_path: Path, size) -> None:
    app = open_app(demo_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        for table_id in T.TABLE_IDS:
            app.screen._select(table_id)
            await pilot.pause()
            table = app.screen.shown
            assert table is not None and table.id == table_id
            view = app.screen.query_one("#table-view", DataTable)
            lines = region_lines(app, view)
            problems = broken_words(lines, words_of(*table.columns, *[c for r in table.rows for c in r]))
            assert problems == [], (table_id, problems)


def test_the_words_checker_catches_a_word_folded_by_a_narrow_column() -> None:
    """The helper itself: the F3 screen an operator reported fails it."""
    reported = [" 1   Meningkat  Indeks     indeks", "     nya        Kepuasan", "                Masyaraka",
                "                t (IKM)"]
    dictionary = words_of("Meningkatnya", "Indeks Kepuasan Masyarakat (IKM)", "indeks", "1")
    assert broken_words(reported, dictionary) == ["Meningkat", "nya", "Masyaraka", "t"]


def test_every_shortened_grid_header_is_said_in_full_in_the_help() -> None:
    """A header that is not a word of its own ("Pred", "PK (Rp)", "TW III") is explained under `?`."""
    from tui.views.rows import BUDGET_COLUMNS, INDICATOR_COLUMNS
    from tui.views.budget_sheet import COLUMNS as BUDGET_SHEET_COLUMNS
    from tui.views.sheet import COLUMNS as SHEET_COLUMNS

    plain = {"Indikator", "Target", "Realisasi", "Capaian%", "Satuan", "Arah", "Anggaran", "Pagu (Rp)",
             "Realisasi (Rp)", "Serapan%", "Kode", "Uraian", "Pagu PK (Rp)"}
    keys = " ".join(key for key, _ in EXTRA)
    for column in [*INDICATOR_COLUMNS, *BUDGET_COLUMNS, *SHEET_COLUMNS, *BUDGET_SHEET_COLUMNS]:
        label = column.label
        if label in plain:
            continue
        assert label in keys or (label.startswith("TW ") and "TW I\u2013IV" in keys), label


@pytest.mark.parametrize("size", SIZES)
async def test_the_right_pane_names_a_long_kegiatan_whole(demo_path: Path, size) -> None:
    app = open_app(demo_path)
    async with app.run_test(size=size) as pilot:
        kegiatan = max((n for n in app.casc.nodes.values() if n["level"] == "kegiatan"), key=lambda n: len(n["name"]))
        app.screen.query_one(CascadeTree).reveal(kegiatan["id"])  # the tree keeps focus, at its widest
        await pilot.pause()
        title = joined(region_lines(app, app.screen.query_one("#node-title")))
        assert title == f"Kegiatan {kegiatan['code']} {kegiatan['name']} (tahun 2022)"
