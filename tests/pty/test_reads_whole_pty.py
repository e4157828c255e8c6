"""What a new operator read cut at 80 columns (issue 21), read again as a terminal shows it, at 80×24 and 100×30: a
status message longer than two lines, the grids' column headers and the sheets' title lines, and the tree's
sub kegiatan whose names start alike. The installed program runs in a real pty (tests/support/pty.py's Tui);
every screen read is waited for. The Pilot tests of the same screens are in tests/test_fits_the_screen.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.text.sanitize import cut_words
from store.edits.workbook import Workbook
from tui.views.rows import BUDGET_COLUMNS, INDICATOR_COLUMNS
from tui.views.budget_sheet import COLUMNS as BUDGET_SHEET_COLUMNS
from tui.views.sheet import COLUMNS as SHEET_COLUMNS
from tui.views.sheet import TARGET_TW_COLUMNS

from tests.support.pty import Tui
from tests.tui.test_fits_the_screen import broken_words, words_of
from tests.pty.test_fits_the_screen_pty import demo, joined

SIZES = [(80, 24), (100, 30)]
SUB = "7.01.02.2.02.0003"  # moved by `m` under 7.01.01.2.05, the third kegiatan offered
MOVED = "7.01.01.2.05.0003"
# Column headers that are whole words: every other header is a short form the help (F1) says in full.
PLAIN = {"Kode", "Indikator", "Uraian", "Satuan", "Arah", "Target", "Realisasi", "Capaian%", "Anggaran", "Pagu (Rp)",
         "Realisasi (Rp)", "Serapan%", "Pagu PK (Rp)"}


def status_lines(tui: Tui) -> list[str]:
    """The message lines of the status, from `first` words down to the saved line ("torjun.json · tahun …")."""
    screen = tui.screen.display
    saved = max(i for i, line in enumerate(screen) if "torjun.json \u00b7 tahun" in line)
    start = next(i for i, line in enumerate(screen) if line.startswith(" Disimpan:"))
    return screen[start:saved]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
def test_a_move_said_in_more_than_two_lines_reads_whole_between_words(tmp_path: Path, size) -> None:
    path = demo(tmp_path)
    casc = Workbook.open(path).cascade()
    label, old_parent = casc.label(casc.nodes[SUB]), casc.label(casc.nodes[casc.nodes[SUB]["parent"]])
    tui = Tui(path, tmp_path, size)
    try:
        tui.write(["/"], until="Cari (nama")
        tui.write([*SUB, "enter"], until=f"Sub Kegiatan {SUB}")
        tui.write(["m"], until="Pindahkan")
        tui.write(["down", "down", "enter"], until=f"kode {MOVED}")
        lines = status_lines(tui)
    finally:
        tui.close()
    new_parent = Workbook.open(path).cascade().label(Workbook.open(path).cascade().nodes["7.01.01.2.05"])
    # The sentence store/structure.py says (the node's name cut after a whole word, as a label in a message is).
    said = (f"Disimpan: Posisi {cut_words(label, 40)}: di bawah {old_parent}, urutan 1; kode {SUB} \u2192 di bawah "
            f"{new_parent}, urutan 2; kode {MOVED}")
    assert len(lines) > 2  # wrapped onto more lines than the status keeps, none of them cut
    assert joined(lines) == said, joined(lines)
    # Before: "Efektifita:", the name cut at 40 characters inside a word.
    assert broken_words(lines, words_of(said)) == []


def header_words(*columns) -> set[str]:
    return words_of(*(c.label for c in columns))


def seen_headers(line: str, columns) -> set[str]:
    return {c.label for c in columns if f" {c.label} " in f" {line} "}


def help_text(tui: Tui) -> str:
    """Everything F1 says on the view, paged through to its end."""
    tui.write(["f1"], until="Bantuan")
    pages = [tui.text()]
    for _ in range(8):
        tui.write(["pagedown"])
        pages.append(tui.text())
    tui.write(["escape"], gone="Esc menutup")
    return joined(pages)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
@pytest.mark.parametrize("view", ["f8", "f8 t", "f9"])
def test_sheet_headers_are_whole_words_and_every_short_one_is_said_in_the_help(tmp_path: Path, size, view) -> None:
    """→ across every column of a sheet: no header reads as a cut word ("Pre", "Pa"), and each shortened one
    (Pred, TW I, T.TW I) is explained on the screen, in F1's help or in the sheet's title line."""
    columns = BUDGET_SHEET_COLUMNS if view == "f9" else [*SHEET_COLUMNS, *TARGET_TW_COLUMNS]
    path = demo(tmp_path)
    tui = Tui(path, tmp_path, size)
    headers: list[str] = []
    try:
        tui.write([view.split()[0]], until="Lembar isian")
        if view == "f8 t":
            tui.write(["t"], until="T.TW")
        screen = tui.screen.display
        title = joined(screen[:next(i for i, line in enumerate(screen) if line.startswith("Kode "))])
        help_said = help_text(tui)
        for _ in range(len(columns)):
            line = next(line for line in tui.screen.display if line.startswith("Kode "))
            headers.append(line)
            tui.write(["right"])
        tui.write(["right"], until="Pagu PK (Rp)" if view == "f9" else "Pred")
        headers.append(next(line for line in tui.screen.display if line.startswith("Kode ")))
    finally:
        tui.close()
    # The title line says the sheet's counts whole (before, at 80 columns it ended at "(t:" and before the serapan).
    ending = {"f8": "indikator", "f8 t": "kolom TW: target triwulan (t: realisasi)", "f9": "%"}[view]
    assert title.startswith("Lembar isian") and title.endswith(ending), title
    assert broken_words(headers, header_words(*columns)) == [], headers
    seen = set().union(*(seen_headers(line, columns) for line in headers))
    assert "Pred" in seen or view == "f9"
    said = f"{help_said} {title}"
    for label in seen - PLAIN:
        short = label.replace(" (Rp)", "")
        assert (label in said or (short.startswith("TW ") and "TW I\u2013IV" in said)
                or (short.startswith("T.TW ") and "kolom TW: target triwulan" in title)), (label, title)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
def test_the_node_grids_headers_are_whole_words_when_the_grid_has_focus(tmp_path: Path, size) -> None:
    path = demo(tmp_path)
    tui = Tui(path, tmp_path, size)
    try:
        tui.write(["/"], until="Cari (nama")
        tui.write([*"RKA-SKPD", "enter"], until="7.01.01.2.01.0002")
        tree_focused = list(tui.screen.display)
        tui.write(["tab"], until="Capaian%")
        grid_focused = list(tui.screen.display)
        help_said = help_text(tui)
    finally:
        tui.close()
    columns = [*INDICATOR_COLUMNS, *BUDGET_COLUMNS]
    for screen in (tree_focused, grid_focused):
        border = screen[0].index("\u2502")
        lines = [line[border + 1:] for line in screen if line[border + 1:].strip().startswith(("Indikator ",
                                                                                               "Anggaran "))]
        assert len(lines) == 2, screen
        assert broken_words(lines, header_words(*columns)) == [], lines
        for label in set().union(*(seen_headers(line, columns) for line in lines)) - PLAIN:
            assert label in help_said, label


KEGIATAN = "7.01.01.2.01"  # its sub kegiatan: "Koordinasi dan Penyusunan Dokumen RKA-SKPD", "… Perubahan RKA-SKPD" …


def shown_names(screen: list[str], names: list[str]) -> list[str]:
    """The names the tree shows for the sub kegiatan of KEGIATAN, in order (the lines that follow its line)."""
    border = screen[0].index("\u2502")
    tree = [line[:border] for line in screen]
    first = next(i for i, line in enumerate(tree) if " s " in line)
    return [line.split(" s ", 1)[1].strip() for line in tree[first:first + len(names)]]


def honest(shown: str, name: str) -> bool:
    """The whole name, or a cut one that says where it is cut: an ellipsis at each cut, the tail after the last
    one the name's own end (a name clipped by the tree's edge, "Koordin…Perubahan RK", is neither)."""
    if shown == name:
        return True
    head, _, tail = shown.rpartition("\u2026")
    return bool(head or not tail) and (tail == "" or name.endswith(tail))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "100x30"])
def test_sub_kegiatan_whose_names_start_alike_read_apart_with_the_focus_in_the_grid(tmp_path: Path, size) -> None:
    path = demo(tmp_path)
    names = [kid["name"] for kid in Workbook.open(path).cascade().kids(KEGIATAN)]
    tui = Tui(path, tmp_path, size)
    try:
        tui.write(["/"], until="Cari (nama")
        tui.write([*"RKA-SKPD", "enter"], until="7.01.01.2.01.0002")
        focused = shown_names(tui.screen.display, names)
        tui.write(["tab"], until="Capaian%")  # the tree narrows for the grid
        in_grid = shown_names(tui.screen.display, names)
    finally:
        tui.close()
    for shown in (focused, in_grid):
        assert len(set(shown)) == len(names), shown  # every sibling reads apart
        assert all(honest(s, n) for s, n in zip(shown, names)), shown
