"""Focus, messages and titles follow the operator (issue 21), read as a terminal shows them: the installed program in
a real 80×24 pty, its output fed to a terminal model (tests/support/pty.py's Tui). Each test replays what a new
operator typed in tmux, with the key sequences of the Pilot tests of the same behaviour (tests/test_operator_follows.py),
and reads the screen: the node the operator sees is the node the next key acts on, the sentence that says so is whole
on the screen, and no word on it is split. Every screen read is waited for (`until`), so a loaded machine only slows
these tests down."""

from __future__ import annotations

from pathlib import Path

from store.edits.workbook import Workbook

from tests.support.pty import Tui
from tests.tui.test_fits_the_screen import broken_words, words_of
from tests.pty.test_fits_the_screen_pty import demo, joined

SUB = "7.01.02.2.02.0003"  # a sub kegiatan that `m` moves under another kegiatan
MOVED = "7.01.01.2.05.0003"  # its code there: the third kegiatan offered, 7.01.01.2.05


def right_pane(tui: Tui) -> str:
    """The node's title right of the tree's border, its wrapped lines joined: down to the line with its year."""
    screen = tui.screen.display
    border = screen[0].index("\u2502")  # the first row has no tree guide left of the border
    lines = [line[border + 1:] for line in screen]
    end = next(i for i, line in enumerate(lines) if "2022)" in line)
    return joined(lines[:end + 1])


def whole_words(lines: list[str], *sources: str) -> list[str]:
    """The pieces on `lines` that are no whole word of `sources`; a piece that ends in an ellipsis says it was cut
    and is fine when it begins a word of the source."""
    words = words_of(*sources)
    return [t for t in broken_words(lines, words)
            if not (t.endswith("\u2026") and any(w.startswith(t[:-1]) for w in words))]


def dialog_title(tui: Tui, start: str) -> str:
    """The title on a dialog's top border, beginning with `start`, without the border's lines."""
    lines = [line for line in tui.screen.display if start in line]
    assert len(lines) == 1, tui.text()
    line = lines[0]
    return line[line.index(start):].split(" \u2500")[0].strip()


def test_after_an_indicator_is_added_down_moves_in_the_tree_and_a_adds_under_the_node_shown(tmp_path: Path) -> None:
    path = demo(tmp_path)
    tui = Tui(path, tmp_path)
    try:
        tui.write(["down"], until="(S1, tahun 2022)")
        tui.write(["i"], until="Tambah indikator")
        tui.write([*"Indeks baru", "enter", *"indeks", "enter", "enter"], until="Indeks baru ditambahkan")
        # ↓ moves in the tree: the right pane names the program below the sasaran. Before, focus was in the grid,
        # ↓ moved its cursor and the pane went on naming the sasaran.
        tui.write(["down"], until="Program 7.01.02")
        pane = right_pane(tui)
        # a adds under that program, and the dialog says so in words that are whole.
        tui.write(["a"], until="Tambah Kegiatan di bawah")
        title = dialog_title(tui, "Tambah Kegiatan")
    finally:
        tui.close()
    casc = Workbook.open(path).cascade()
    program = casc.nodes["7.01.02"]
    assert pane == f"Program 7.01.02 {program['name']} (tahun 2022)", pane
    assert title.startswith("Tambah Kegiatan di bawah 7.01.02 "), title
    assert whole_words([title], f"Tambah Kegiatan di bawah {casc.label(program)}") == [], title
    assert [i["name"] for i in casc.nodes["S1"]["indicators"]][-1] == "Indeks baru"


def test_find_leaves_the_operator_on_the_tree_at_the_node_found(tmp_path: Path) -> None:
    path = demo(tmp_path)
    tui = Tui(path, tmp_path)
    try:
        tui.write(["/"], until="Cari (nama")
        tui.write([*"Perencanaan, Penganggaran", "enter"], until="Kegiatan 7.01.01.2.01")
        found = right_pane(tui)
        # ↓ goes on in the tree, to the next kegiatan (before, it moved the grid's cursor and the title stayed).
        tui.write(["down"], until="Kegiatan 7.01.01.2.02")
        below = right_pane(tui)
    finally:
        tui.close()
    casc = Workbook.open(path).cascade()
    assert found == f"Kegiatan 7.01.01.2.01 {casc.nodes['7.01.01.2.01']['name']} (tahun 2022)", found
    assert below == f"Kegiatan 7.01.01.2.02 {casc.nodes['7.01.01.2.02']['name']} (tahun 2022)", below


def test_a_message_goes_when_the_cursor_is_on_another_node(tmp_path: Path) -> None:
    path = demo(tmp_path)
    tui = Tui(path, tmp_path)
    try:
        tui.write(["down", "tab", "right", *"83", "enter"], until="\u2713 Target 2022")
        said = tui.text()
        tui.write(["shift+tab", "down"], until="Program 7.01.02")
        after = tui.text()
    finally:
        tui.close()
    assert "82,00 \u2192 83,00" in said  # the echo of S1's IKM target, on S1
    assert "\u2713" not in after and "83,00" not in after, after  # about S1's indicator: gone on the program


def test_a_sheet_shows_no_old_echo_when_the_operator_comes_back_from_f9(tmp_path: Path) -> None:
    path = demo(tmp_path)
    tui = Tui(path, tmp_path)
    try:
        tui.write(["f8"], until="Lembar isian kinerja")
        tui.write([*"83", "enter"], until="\u2713 Realisasi")
        tui.write(["f9"], until="Lembar isian anggaran")
        tui.write(["f8"], until="Lembar isian kinerja")
        back = tui.text()
    finally:
        tui.close()
    assert "\u2713" not in back and "125,76" not in back, back


def test_export_done_goes_when_another_document_is_chosen(tmp_path: Path) -> None:
    path = demo(tmp_path)
    tui = Tui(path, tmp_path)
    try:
        tui.write(["f7"], until="Ekspor draf LKjIP")
        tui.write(["ctrl+e"], until="Selesai:")
        done = folded(tui)
        tui.write(["ctrl+t"], until="Ekspor Perjanjian Kinerja")
        pk = folded(tui)
    finally:
        tui.close()
    written = tmp_path / "LKjIP-torjun.md"
    assert written.exists()
    assert f"Selesai:{written}" in done, done
    assert "Selesai" not in pk and "LKjIP-torjun.md" not in pk, pk  # the PK is not written yet


def folded(tui: Tui) -> str:
    """The screen without its spaces and line ends: a path has no space to wrap at, a long one is folded anywhere."""
    return "".join(tui.text().split())


def test_the_title_follows_a_rename_and_a_move_at_once(tmp_path: Path) -> None:
    path = demo(tmp_path)
    tui = Tui(path, tmp_path)
    try:
        tui.write(["down"], until="(S1, tahun 2022)")
        tui.write(["r", "ctrl+u", *"Sasaran yang dinamai ulang", "enter"], until="Sasaran Sasaran yang dinamai")
        renamed = right_pane(tui)
        tui.write(["/"], until="Cari (nama")
        tui.write([*SUB, "enter"], until=f"Sub Kegiatan {SUB}")
        tui.write(["m"], until="Pindahkan")
        tui.write(["down", "down", "enter"], until=f"Sub Kegiatan {MOVED}")
        moved = right_pane(tui)
    finally:
        tui.close()
    name = Workbook.open(path).cascade().nodes[SUB]["name"]
    assert renamed == "Sasaran Sasaran yang dinamai ulang (S1, tahun 2022)", renamed
    assert moved == f"Sub Kegiatan {MOVED} {name} (tahun 2022)", moved  # the new code, not the old one


def test_the_move_dialog_names_the_node_in_whole_words(tmp_path: Path) -> None:
    path = demo(tmp_path)
    tui = Tui(path, tmp_path)
    try:
        tui.write(["/"], until="Cari (nama")
        tui.write([*SUB, "enter"], until=f"Sub Kegiatan {SUB}")
        tui.write(["m"], until="Pindahkan")
        title = dialog_title(tui, "Pindahkan")
    finally:
        tui.close()
    label = Workbook.open(path).cascade().label(Workbook.open(path).cascade().nodes[SUB])
    # Before: "Pindahkan 7.01.02.2.02.0003 Peningkatan Efektifitas Pelaksan ke bawah…", a word cut at 60 characters.
    assert title.startswith(f"Pindahkan {SUB} Peningkatan") and title.endswith("ke bawah\u2026"), title
    assert whole_words([title], f"Pindahkan {label} ke bawah\u2026") == [], title
