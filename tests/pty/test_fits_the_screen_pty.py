"""What a new operator read cut or hidden at 80×24 (issue 21), read again as a terminal shows it: the program in a
real 80×24 pty, its output fed to a terminal model, the screen's text checked. Every word on the lines checked is a
whole word of the text it came from, and the sentence the operator needs is whole on the screen."""

from __future__ import annotations

from pathlib import Path

from reports import checks
from store.demo import demo_document
from store.edits.workbook import Workbook

from tests.support.pty import Tui

FRAME = set("│─╭╮╰╯━╸╺▁▂▃▄▅▆▇█▔▏▕▌▐▊▎\u2026")


def demo(tmp_path: Path) -> Path:
    path = tmp_path / "torjun.json"
    Workbook.create(path, demo_document())
    return path


def joined(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


def test_f4_shows_each_finding_whole_between_words(tmp_path: Path) -> None:
    path = demo(tmp_path)
    findings = checks.run(Workbook.open(path).cascade(), 2022)
    tui = Tui(path, tmp_path)
    try:
        tui.write(["f4"], until="Jenis/Ref")
        screen = tui.screen.display
    finally:
        tui.close()
    [head] = [i for i, line in enumerate(screen) if "Jenis/Ref" in line and "Temuan" in line]
    column = screen[head].index("Temuan")  # the findings' own column, right of the kind and the REF
    body = [line[column:] for line in screen[head + 1:-4]]  # down to the status lines and the key bar
    text = joined(body)
    first = findings[0].message
    assert " ".join(first.split()) in text, (first, text[:400])  # the whole sentence, not its first 60 columns
    dictionary = {w for f in findings for w in f"{f.severity} {f.ref} {f.message}".split()}
    dictionary |= {w for f in findings for w in f.line(f.ref).split()}
    broken = [w for line in body for w in line.split() if w not in dictionary and w not in FRAME]
    # A finding cut at the bottom of the view may end mid-finding, never mid-word.
    assert not broken, broken


def test_the_help_says_each_key_in_whole_words(tmp_path: Path) -> None:
    path = demo(tmp_path)
    tui = Tui(path, tmp_path)
    try:
        tui.write(["f1"], until="Pindah induk")
        screen = tui.text()
    finally:
        tui.close()
    assert "Id (keymap)" not in screen and "cascade.add" not in screen and "tree.close" not in screen
    for words in ("Tambah rincian", "Tambah indikator", "Profil dan penandatangan", "Pindah induk"):
        assert words in screen, screen


def test_f3_breaks_headers_only_at_spaces(tmp_path: Path) -> None:
    path = demo(tmp_path)
    tui = Tui(path, tmp_path)
    try:
        tui.write(["f3"], until="Capaian Kinerja")
        screen = tui.text()
    finally:
        tui.close()
    for cut in ("Capaia\n", "Meningkat\n", "Capaia ", "Meningkat "):
        assert cut not in screen, screen


def test_a_bad_period_on_the_start_screen_is_refused_in_view_next_to_its_field(tmp_path: Path) -> None:
    path = tmp_path / "baru.json"
    tui = Tui(path, tmp_path)
    try:
        tui.write([*"Kecamatan Uji", "enter", *"Kabupaten Uji", "enter", "ctrl+u", *"2025-2020", "enter", "enter",
                   "enter"], until="tidak masuk akal")
        screen = tui.screen.display
    finally:
        tui.close()
    assert not path.exists()
    [field] = [i for i, line in enumerate(screen) if "Periode Renstra" in line]
    # Said on the line under the field at fault, inside the 24 rows, naming what was typed and what to type.
    assert "tidak masuk akal" in screen[field + 1] and "2025-2020" in screen[field + 1], "\n".join(screen)
    assert "2025-2029" in joined(screen[field + 1:field + 3])
