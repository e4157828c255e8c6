"""The Renstra spreadsheet in and out: a new office fills the template, a Seksi fills the export, the operator imports.

Every story runs `lkjip` in a separate process and reads the files back with openpyxl, as the office would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from store.cascade import Cascade
from store.demo import demo_document
from store.numbers import format_exact
from support.cli import lkjip as run_lkjip

ROOT = Path(__file__).resolve().parents[1]
LEVEL_WORDS = {"tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program", "kegiatan": "Kegiatan",
               "subkegiatan": "Sub Kegiatan"}


def lkjip(*args: object) -> subprocess.CompletedProcess:
    return run_lkjip(*args, cwd=ROOT)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def refused(result: subprocess.CompletedProcess, *quoted: str) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    for text in quoted:
        assert text in result.stderr, result.stderr
    return result.stderr


def tables(workbook: Path, table: str) -> dict:
    return json.loads(ok(lkjip("tables", workbook, "--year", 2022, "--table", table, "--format", "json")))


def headers(ws) -> dict[str, int]:
    """Header text -> 1-based column of a sheet's first row."""
    return {c.value: c.column for c in ws[1] if c.value}


def row_of(ws, column: str, value: str) -> int:
    col = headers(ws)[column]
    [row] = [c.row for c in ws.iter_cols(min_col=col, max_col=col, min_row=2).__next__() if c.value == value]
    return row


def visible_cells(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()]
            for ws in book.worksheets if ws.sheet_state == "visible"}


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "torjun.json"
    ok(lkjip("init", path, "--demo"))
    return path


@pytest.fixture
def exported(tmp_path: Path, demo: Path) -> Path:
    sheet = tmp_path / "torjun-2022.xlsx"
    ok(lkjip("export", demo, "--format", "xlsx", "--year", 2022, "-o", sheet))
    return sheet


def _value(stored: str | None, as_text: bool) -> object:
    """A Renstra figure as an operator pastes it: a number cell, or Indonesian text such as "82,55"."""
    if stored is None:
        return None
    return format_exact(Decimal(stored)) if as_text else float(stored)


def fill_with_torjun(template: Path, filled: Path) -> None:
    """What a new office does by hand: Torjun's cascade, indicators, targets and pagu typed into the template."""
    casc = Cascade(demo_document())
    book = openpyxl.load_workbook(template)
    profil = book["Profil"]
    profil["B2"], profil["B3"], profil["B5"] = "Kecamatan Torjun", "Kabupaten Sampang", 2022
    ws = book["Kaskade"]
    h = headers(ws)
    row = 2
    for node, _ in casc.walk():
        for i, ind in enumerate(node["indicators"] or [None]):
            if i == 0:
                ws.cell(row, h["Tingkat"], LEVEL_WORDS[node["level"]])
                ws.cell(row, h["Kode"], node["code"] or None)
                ws.cell(row, h["Nama"], node["name"])
            # Further indicators: the Tingkat cell left empty, as when copied from the Renstra matrix.
            if ind:
                ws.cell(row, h["Indikator"], ind["name"])
                ws.cell(row, h["Satuan"], ind["satuan"] or None)
                ws.cell(row, h["Arah"], ind["arah"])
                ws.cell(row, h["Kondisi Awal"], _value(ind["kondisi_awal"], as_text=True))
                ws.cell(row, h["Target Akhir"], _value(ind["target_akhir"], as_text=False))
                for year, slot in ind["years"].items():
                    if f"Target {year}" in h:
                        ws.cell(row, h[f"Target {year}"], _value(slot.get("target"), as_text=int(year) % 2 == 0))
            row += 1
    ws = book["Anggaran"]
    h = headers(ws)
    row = 2
    for node, _ in casc.walk():
        slot = node["budget"].get("2022")
        if slot:
            ws.cell(row, h["Kode"], node["code"])
            ws.cell(row, h["Pagu 2022"], slot.get("pagu"))
            ws.cell(row, h["Pagu PK 2022"], slot.get("pagu_pk"))
            row += 1
    book.save(filled)


def test_a_new_office_fills_the_template_and_gets_torjuns_tables(tmp_path: Path, demo: Path) -> None:
    template = tmp_path / "templat.xlsx"
    out = ok(lkjip("template", "--format", "xlsx", "--periode", "2019-2024", "-o", template))
    assert "2019\u20132024" in out
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == ["Petunjuk", "Profil", "Kaskade", "Anggaran"]
    assert [f"Target {y}" for y in range(2019, 2025)] == [c for c in headers(book["Kaskade"]) if c.startswith("Target 2")]
    assert "Induk sebuah baris" in " ".join(str(c.value) for c in book["Petunjuk"]["A"])

    filled = tmp_path / "torjun-renstra.xlsx"
    fill_with_torjun(template, filled)
    built = tmp_path / "baru.json"
    assert "34 sub kegiatan" in ok(lkjip("import", filled, built))
    for table in ("2.1", "2.2", "pk"):
        assert tables(built, table) == tables(demo, table), table


def test_a_sheet_with_mistakes_is_refused_cell_by_cell_and_nothing_is_written(tmp_path: Path) -> None:
    template = tmp_path / "templat.xlsx"
    ok(lkjip("template", "--periode", "2025-2029", "-o", template))
    book = openpyxl.load_workbook(template)
    ws = book["Profil"]
    ws["B2"], ws["B3"] = "Kecamatan Contoh", "Kabupaten Contoh"
    ws = book["Kaskade"]
    h = headers(ws)
    rows = [
        {"Tingkat": "Tujuan", "Nama": "Tata kelola", "Indikator": "Nilai SAKIP", "Target 2025": "tinggi"},
        {"Tingkat": "Sasaran", "Nama": "Pelayanan", "Indikator": "IKM", "Target 2026": "82.125"},
        {"Tingkat": "Program", "Kode": "7.1.2", "Nama": "Program salah kode"},
        {"Tingkat": "Sub Kegiatan", "Kode": "7.01.02.2.02.0003", "Nama": "Tanpa kegiatan"},
        {"Tingkat": "Subkegiatan lain", "Nama": "Tingkat tak dikenal"},
    ]
    for r, values in enumerate(rows, start=2):
        for header, value in values.items():
            ws.cell(r, h[header], value)
    book["Anggaran"]["A2"], book["Anggaran"]["C2"] = "7.01.02.2.02.0003", 1500000.5
    book.save(tmp_path / "salah.xlsx")
    target = tmp_path / "baru.json"

    def col(header: str) -> str:
        return openpyxl.utils.get_column_letter(h[header])

    message = refused(lkjip("import", tmp_path / "salah.xlsx", target),
                      f"Kaskade baris 2 kolom {col('Target 2025')} (Target 2025): Tidak dapat membaca \u201ctinggi\u201d",
                      f"Kaskade baris 3 kolom {col('Target 2026')} (Target 2026): \u201c82.125\u201d bisa dibaca dua "
                      f"cara (titik desimal atau titik ribuan); ketik 82,125 atau 82125",
                      "Kaskade baris 4 kolom B (Kode): \u201c7.1.2\u201d bukan kode Program; tulis seperti 7.01.02",
                      "Kaskade baris 5 kolom A (Tingkat): Sub Kegiatan harus berada di bawah sebuah Kegiatan",
                      "Kaskade baris 6 kolom A (Tingkat): \u201cSubkegiatan lain\u201d bukan tingkat yang dikenal",
                      "Anggaran baris 2 kolom C (Pagu 2025): 1.500.000,5 bukan Rupiah utuh: anggaran dicatat tanpa sen; "
                      "ketik 1.500.000",
                      "tidak ada yang ditulis")
    assert "6 masalah" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["salah.xlsx", "templat.xlsx"]


def test_a_seksi_fills_realisasi_in_the_export_and_the_edit_is_logged(tmp_path: Path, demo: Path,
                                                                         exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    ws = book["Kaskade"]
    row = row_of(ws, "ID Indikator", "S1/1")
    assert ws.cell(row, headers(ws)["Realisasi 2022"]).value == 82.08
    ws.cell(row, headers(ws)["Realisasi 2022"], "83,5")
    ws.cell(row_of(ws, "ID Indikator", "S2/1"), headers(ws)["TW I 2022"], 25)
    ang = book["Anggaran"]
    ang.cell(row_of(ang, "Kode", "7.01.03.2.01.0001"), headers(ang)["Realisasi Anggaran 2022"], 70000000)
    book.save(exported)

    out = ok(lkjip("import", exported, demo))
    assert "3 perubahan" in out
    log = ok(lkjip("log", demo))
    assert "impor S1/1 realisasi 2022: 82,08 \u2192 83,5" in log
    assert "impor S2/1 tw1 2022: \u2014 \u2192 25" in log
    assert "impor 7.01.03.2.01.0001 realisasi-anggaran 2022:" in log and "\u2192 70.000.000" in log
    rows = tables(demo, "3.1")["tables"][0]["rows"]
    assert any("83,50" in r for r in rows)


def test_a_value_changed_in_lkjip_since_the_export_is_refused_with_both_values(tmp_path: Path, demo: Path,
                                                                                 exported: Path) -> None:
    ok(lkjip("set", demo, "S1", "realisasi", "82,5", "--year", 2022))
    ok(lkjip("set", demo, "S2", "realisasi", "99", "--year", 2022))  # changed in lkjip only: kept, no conflict
    book = openpyxl.load_workbook(exported)
    ws = book["Kaskade"]
    h = headers(ws)
    ws.cell(row_of(ws, "ID Indikator", "S1/1"), h["Realisasi 2022"], 83)
    book.save(exported)
    before = demo.read_bytes()

    message = refused(lkjip("import", exported, demo), f"Kaskade baris {row_of(ws, 'ID Indikator', 'S1/1')}",
                      "diubah di lkjip menjadi 82,5 sejak berkas diekspor (saat itu 82,08); nilai lembar 83 tidak "
                      "disimpan", "1 masalah")
    assert "S2" not in message
    assert demo.read_bytes() == before

    # The operator takes lkjip's value back into the sheet: the import now goes through and keeps S2's 99.
    ws.cell(row_of(ws, "ID Indikator", "S1/1"), h["Realisasi 2022"], 82.08)
    book.save(exported)
    assert "Tidak ada perbedaan" in ok(lkjip("import", exported, demo))
    assert demo.read_bytes() == before


def test_dry_run_lists_the_changes_and_writes_nothing(tmp_path: Path, demo: Path, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    ws = book["Kaskade"]
    ws.cell(row_of(ws, "ID Indikator", "S1/1"), headers(ws)["Target 2023"], "82,1")
    book.save(exported)
    before = demo.read_bytes()
    out = ok(lkjip("import", exported, demo, "--dry-run"))
    assert "Akan diubah: Kaskade!" in out and "Target 2023" in out and "82,05 \u2192 82,1" in out
    assert "tidak ada yang ditulis (--dry-run)" in out
    assert demo.read_bytes() == before

    fresh = tmp_path / "baru.json"
    out = ok(lkjip("import", exported, fresh, "--dry-run"))
    assert "Akan dibuat" in out and "68 indikator" in out
    assert not fresh.exists()


def test_export_import_export_gives_the_same_cells(tmp_path: Path, exported: Path) -> None:
    rebuilt = tmp_path / "dari-xlsx.json"
    ok(lkjip("import", exported, rebuilt))
    again = tmp_path / "lagi.xlsx"
    ok(lkjip("export", rebuilt, "--format", "xlsx", "--year", 2022, "-o", again))
    first, second = visible_cells(exported), visible_cells(again)
    assert list(first) == ["Petunjuk", "Profil", "Kaskade", "Anggaran"]
    assert len(first["Kaskade"]) > 68  # a header and at least one row per indicator
    assert first == second


def test_an_export_never_replaces_an_existing_file(tmp_path: Path, demo: Path, exported: Path) -> None:
    before = exported.read_bytes()
    refused(lkjip("export", demo, "--format", "xlsx", "-o", exported), "sudah ada")
    assert exported.read_bytes() == before
    refused(lkjip("export", demo, "--format", "xlsx", "-o", tmp_path / "x.json"), ".xlsx")
    # Without -o the sheet goes beside the workbook, named by it and the year: here that is `exported` itself.
    assert exported == tmp_path / "torjun-2022.xlsx"
    refused(lkjip("export", demo, "--format", "xlsx"), "torjun-2022.xlsx sudah ada")
    assert exported.read_bytes() == before
    exported.unlink()
    assert "torjun-2022.xlsx" in ok(lkjip("export", demo, "--format", "xlsx"))
    assert "Kaskade" in openpyxl.load_workbook(exported).sheetnames


def test_a_csv_of_the_kaskade_sheet_builds_the_cascade(tmp_path: Path, demo: Path, exported: Path) -> None:
    """Spreadsheets in Indonesian settings save CSV with `;` and decimal commas."""
    ws = openpyxl.load_workbook(exported)["Kaskade"]
    lines = []
    for row in ws.iter_rows(values_only=True):
        cells = [format_exact(Decimal(repr(v))) if isinstance(v, float) else ("" if v is None else str(v))
                 for v in row]
        lines.append(";".join(cells))
    csv_path = tmp_path / "kaskade.csv"
    csv_path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    built = tmp_path / "dari-csv.json"
    ok(lkjip("import", csv_path, built))
    for table in ("2.1", "2.2"):
        assert tables(built, table) == tables(demo, table), table


def test_rows_added_or_removed_in_the_export_are_refused_by_row(tmp_path: Path, demo: Path, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    ws = book["Kaskade"]
    h = headers(ws)
    last = ws.max_row + 1
    ws.cell(last, h["Tingkat"], "Sub Kegiatan")
    ws.cell(last, h["Kode"], "7.01.06.2.01.0009")  # under the last kegiatan of the sheet
    ws.cell(last, h["Nama"], "Sub kegiatan baru")
    ws.delete_rows(row_of(ws, "ID Indikator", "S2/1"))
    book.save(exported)
    before = demo.read_bytes()
    refused(lkjip("import", exported, demo), f"Kaskade baris {last - 1}: Sub Kegiatan 7.01.06.2.01.0009 Sub kegiatan "
            "baru tidak ada di buku kerja", "Meningkatnya tata kelola administrasi Pemerintahan Desa dan Kelurahan "
            "(Sasaran) ada di buku kerja tetapi tidak ada di lembar")
    assert demo.read_bytes() == before


def test_the_template_filled_for_an_existing_workbook_applies_against_its_current_values(tmp_path: Path,
                                                                                           demo: Path) -> None:
    """A sheet without the hidden asal (the template, a CSV) has nothing to conflict with: it is compared with the
    workbook as it is now, and rows are matched by code, or by level and name."""
    template = tmp_path / "templat.xlsx"
    filled = tmp_path / "isi.xlsx"
    ok(lkjip("template", "--periode", "2019-2024", "-o", template))
    fill_with_torjun(template, filled)
    book = openpyxl.load_workbook(filled)
    ws = book["Kaskade"]
    ws.cell(row_of(ws, "Indikator", "Indeks Kepuasan Masyarakat (IKM)"), headers(ws)["Target 2024"], 83)
    book.save(filled)
    out = ok(lkjip("import", filled, demo))
    assert "Target 2024 Indeks Kepuasan Masyarakat (IKM)" in out and "82,55 \u2192 83" in out
    assert "1 perubahan" in out


def test_scripted_commands_do_not_load_openpyxl() -> None:
    probe = ("import sys; from tui import cli, commands; from store import workbook; "
             "print('openpyxl' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_the_same_sheet_imported_twice_changes_nothing_the_second_time(demo: Path, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    ws = book["Kaskade"]
    ws.cell(row_of(ws, "ID Indikator", "S1/1"), headers(ws)["Realisasi 2022"], "0,1")
    ws.cell(row_of(ws, "ID Indikator", "T1/1"), headers(ws)["Realisasi 2022"], 0.1 + 0.2)  # a sum in the sheet
    book.save(exported)
    out = ok(lkjip("import", exported, demo))
    assert "2 perubahan" in out and "\u2014 \u2192 0,3\n" in out  # the 15 digits a spreadsheet shows
    before = demo.read_bytes()
    assert "Tidak ada perbedaan" in ok(lkjip("import", exported, demo))
    assert demo.read_bytes() == before


def test_an_empty_template_builds_nothing(tmp_path: Path) -> None:
    template = tmp_path / "templat.xlsx"
    ok(lkjip("template", "-o", template))
    refused(lkjip("import", template, tmp_path / "kosong.json"), "Profil baris 2 kolom B (Instansi): kosong",
            "lembar Kaskade belum berisi satu baris pun")
    assert not (tmp_path / "kosong.json").exists()


def test_a_workbook_made_with_init_is_filled_from_the_sheet(tmp_path: Path, exported: Path) -> None:
    """`lkjip init` first (profile and period), then the spreadsheet: the cascade arrives, logged as one import."""
    office = tmp_path / "kantor.json"
    ok(lkjip("init", office, "--instansi", "Kecamatan Torjun", "--pemda", "Kabupaten Sampang", "--periode",
             "2019-2024", "--tahun", 2022))
    before = office.read_bytes()
    assert "Sub Kegiatan: 7.01.02.2.02.0003" in ok(lkjip("import", exported, office, "--dry-run"))
    assert office.read_bytes() == before
    assert "34 sub kegiatan" in ok(lkjip("import", exported, office))
    assert "impor kaskade susunan: \u2014 \u2192 torjun-2022.xlsx: 1 tujuan" in ok(lkjip("log", office))
    again = tmp_path / "lagi.xlsx"
    ok(lkjip("export", office, "--format", "xlsx", "--year", 2022, "-o", again))
    assert visible_cells(again) == visible_cells(exported)
