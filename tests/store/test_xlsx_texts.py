"""Issue 20 at the spreadsheet door: every text cell of an imported xlsx or csv meets the one text gate (store.text.gate)
where it is read, so a hostile name, satuan or rumus is refused naming its sheet, row and column (not a JSON path of
the document it would have become), all of them at once, and nothing is written. What the import prints about names
(the dry run's change lines and tree) is cut to about sixty characters and names nodes by code, never by an
internal id that looks like an old code.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from tests.store.test_xlsx import demo, exported, headers, lkjip, ok, refused, row_of  # noqa: F401 (the fixtures)

HOSTILE = {  # id: (column, text, what the refusal says)
    "nel": ("Nama", "Kec\x85amatan", "karakter kendali U+0085"),
    "csi": ("Indikator", "Indeks\x9b31m kepuasan", "karakter kendali U+009B"),
    "cr": ("Satuan", "per\rsen", "karakter kendali \u240d"),
    "rlo": ("Penanggung Jawab", "Seksi \u202eumum", "karakter kendali U+202E"),
    "600": ("Nama", "n" * 600, "600 karakter, lebih dari batas 500"),
    "rumus": ("Rumus", "r" * 32767, "32767 karakter, lebih dari batas 500"),
}


def _plant(sheet: Path, column: str, text: str) -> str:
    """The text typed into the S1 row's cell of `column`: where the refusal must say it is."""
    book = openpyxl.load_workbook(sheet)
    ws = book["Kaskade"]
    row, col = row_of(ws, "ID Indikator", "S1/1"), headers(ws)[column]
    ws.cell(row, col, text)
    book.save(sheet)
    return f"Kaskade baris {row} kolom {get_column_letter(col)} ({column}): "


@pytest.mark.parametrize("key", list(HOSTILE))
def test_a_hostile_text_cell_is_refused_at_its_cell_and_no_workbook_is_built(tmp_path: Path, exported: Path,
                                                                             key: str) -> None:
    column, text, why = HOSTILE[key]
    where = _plant(exported, column, text)
    fresh = tmp_path / "baru.json"
    message = refused(lkjip("import", exported, fresh), where + "berisi " * why.startswith("karakter") + why, "1 masalah",
                      "tidak ada yang ditulis")
    assert "nodes." not in message and text[:61] not in message and len(message) < 600, message
    assert not fresh.exists() and not (tmp_path / "baru.json.lock").exists()


@pytest.mark.parametrize("key", list(HOSTILE))
def test_a_hostile_text_cell_leaves_an_existing_workbook_byte_identical(demo: Path, exported: Path, key: str) -> None:
    column, text, why = HOSTILE[key]
    where = _plant(exported, column, text)
    before = demo.read_bytes()
    for dry in ((), ("--dry-run",)):
        message = refused(lkjip("import", exported, demo, *dry), where, why, "1 masalah")
        assert text[:61] not in message and len(message) < 600, message
    assert demo.read_bytes() == before


def test_every_hostile_cell_is_listed_at_once_with_the_profile_among_them(tmp_path: Path, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    book["Profil"]["B2"] = "Kecamatan\x85Torjun"
    book.save(exported)
    wheres = [_plant(exported, column, text) for column, text, _ in HOSTILE.values() if column != "Nama"]
    message = refused(lkjip("import", exported, tmp_path / "baru.json"), "Profil baris 2 kolom B (Instansi): berisi "
                      "karakter kendali U+0085", *wheres, f"{len(wheres) + 1} masalah")
    assert "kosong" not in message, message  # a refused cell is not called empty besides
    assert not (tmp_path / "baru.json").exists()


def test_an_escape_sequence_in_a_csv_cell_is_refused_at_its_cell(tmp_path: Path, exported: Path) -> None:
    """An xlsx cannot carry ESC or BEL (its XML refuses them: the file is refused whole); a CSV can."""
    ws = openpyxl.load_workbook(exported)["Kaskade"]
    rows = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    h = headers(ws)
    row = row_of(ws, "ID Indikator", "S1/1")
    rows[row - 1][h["Nama"] - 1] = "Nama\x1b]2;x\x07jahat"
    sheet = tmp_path / "kaskade.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)  # the `;` of the escape sequence quoted, as a spreadsheet does
    fresh = tmp_path / "baru.json"
    refused(lkjip("import", sheet, fresh), f"Kaskade baris {row} kolom {get_column_letter(h['Nama'])} (Nama): berisi "
            "karakter kendali \u241b", "1 masalah")
    assert not fresh.exists()


def test_an_xlsx_whose_xml_holds_an_escape_is_refused_whole(tmp_path: Path, demo: Path, exported: Path) -> None:
    import zipfile

    _plant(exported, "Nama", "QQQQ")
    raw = tmp_path / "esc.xlsx"
    with zipfile.ZipFile(exported) as src, zipfile.ZipFile(raw, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename).replace(b"QQQQ", b"\x1b]2;x\x07"))
    before = demo.read_bytes()
    refused(lkjip("import", raw, demo), "esc.xlsx", "tidak dapat dibaca")
    assert demo.read_bytes() == before


def test_the_dry_run_cuts_long_names_in_its_change_lines(demo: Path, exported: Path) -> None:
    ok(lkjip("set", demo, "S1", "nama", "M" * 500))
    sheet = exported.with_name("lagi.xlsx")
    ok(lkjip("export", demo, "--format", "xlsx", "--year", 2022, "-o", sheet))
    book = openpyxl.load_workbook(sheet)
    ws = book["Kaskade"]
    row, h = row_of(ws, "ID Indikator", "S1/1"), headers(ws)
    ws.cell(row, h["Nama"], "N" * 500)
    ws.cell(row, h["Target 2023"], "82,1")
    book.save(sheet)
    before = demo.read_bytes()
    out = ok(lkjip("import", sheet, demo, "--dry-run"))
    lines = [line for line in out.splitlines() if line.startswith("Akan diubah")]
    assert len(lines) == 2, out
    assert all(len(line) < 350 for line in lines), lines
    assert "M" * 100 not in out and "N" * 61 not in out, out  # a name in a label is cut at 100, a value at 60
    assert "\u2192 " + "N" * 59 + "\u2026" in out and "82,05 \u2192 82,1" in out
    assert demo.read_bytes() == before


def test_a_workbook_without_kaskade_says_only_that(tmp_path: Path, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    del book["Kaskade"]
    book.save(exported)
    fresh = tmp_path / "baru.json"
    message = refused(lkjip("import", exported, fresh), "lembar Kaskade tidak ada", "1 masalah")
    assert "periode" not in message, message
    assert not fresh.exists()


def test_the_dry_run_tree_names_a_moved_node_by_its_code_not_its_old_id(tmp_path: Path, demo: Path) -> None:
    ok(lkjip("mv", demo, "7.01.02.2.02", "--parent", "7.01.03"))  # its id stays 7.01.02.2.02, its code changes
    sheet = tmp_path / "pindah.xlsx"
    ok(lkjip("export", demo, "--format", "xlsx", "--year", 2022, "-o", sheet))
    out = ok(lkjip("import", sheet, tmp_path / "baru.json", "--dry-run"))
    assert "Kegiatan: 7.01.03.2.02 Penyelenggaraan" in out, out
    assert "7.01.02.2.02" not in out, out
    assert "Tujuan [T1]: " in out  # a node without code is named by its id
    # The export's ID columns stay ids (they match rows on re-import); the Petunjuk says they are not codes.
    book = openpyxl.load_workbook(sheet)
    ws = book["Kaskade"]
    assert ws.cell(row_of(ws, "Kode", "7.01.03.2.02"), headers(ws)["ID Simpul"]).value == "7.01.02.2.02"
    assert "penanda internal lkjip, bukan kode" in " ".join(str(c.value) for c in book["Petunjuk"]["A"])


def test_a_long_unknown_header_is_cut_and_is_the_only_problem(demo: Path, exported: Path) -> None:
    """A header row that cannot be read leaves the rows unread: no node is then 'missing from the sheet'."""
    book = openpyxl.load_workbook(exported)
    ws = book["Kaskade"]
    column = ws.max_column + 1
    ws.cell(1, column, "x" * 300)
    book.save(exported)
    before = demo.read_bytes()
    message = refused(lkjip("import", exported, demo), f"Kaskade baris 1 kolom {get_column_letter(column)} (" + "x" * 59
                      + "\u2026): judul kolom tidak dikenal", "1 masalah")
    assert "x" * 61 not in message, message
    assert demo.read_bytes() == before
