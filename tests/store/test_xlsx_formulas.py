"""Spreadsheet cells read as the office sees them: a formula by the value the spreadsheet stored with it, a formula
with no stored value refused by name, and every figure read counted per column, in the dry run as in the import.

The operator's story (issue 18): a Pagu of `=SUM(O5,P5)` written by a script, with no value stored, was imported as
"not filled" and the program's serapan came out 100,80. Files are written by openpyxl, which stores no value with a
formula; a file as Excel or LibreOffice saves it (the value beside the formula, no request to recompute on opening)
is made by writing the computed values into the sheet's XML.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from store.edits.workbook import Workbook
from tests.store.test_xlsx import headers, lkjip, ok, refused, row_of

CASCADE = [  # Tingkat, Kode, Nama, Indikator, Satuan, Target 2025
    ("Tujuan", None, "Tata kelola pemerintahan kecamatan", "Nilai SAKIP", "nilai", 70),
    ("Sasaran", None, "Pelayanan publik yang prima", "Indeks Kepuasan Masyarakat", "indeks", "82,5"),
    ("Program", "7.01.02", "Program Penyelenggaraan Pemerintahan", "Persentase layanan tepat waktu", "%", 100),
    ("Kegiatan", "7.01.02.2.02", "Kegiatan Pelayanan Kecamatan", "Jumlah dokumen pelayanan", "dokumen", 12),
    ("Sub Kegiatan", "7.01.02.2.02.0001", "Pelayanan administrasi", "Jumlah laporan pelayanan", "laporan", 4),
    ("Sub Kegiatan", "7.01.02.2.02.0002", "Pelayanan perizinan", "Jumlah izin diproses", "dokumen", 6),
]


def office_sheet(tmp_path: Path, name: str, *, formulas: bool) -> Path:
    """The template filled for a small office. With `formulas`, as a script writes it: Anggaran!C3 is `=C2*2` and
    the Pagu PK of the second sub kegiatan `=SUM(O3,P3)` over two helper cells without a header; without, the
    same figures typed as numbers."""
    template = tmp_path / "templat.xlsx"
    if not template.exists():
        ok(lkjip("template", "--periode", "2025-2029", "-o", template))
    book = openpyxl.load_workbook(template)
    book["Profil"]["B2"], book["Profil"]["B3"], book["Profil"]["B5"] = "Kecamatan Contoh", "Kabupaten Contoh", 2025
    ws = book["Kaskade"]
    h = headers(ws)
    for r, (tingkat, kode, nama, indikator, satuan, target) in enumerate(CASCADE, start=2):
        for header, value in (("Tingkat", tingkat), ("Kode", kode), ("Nama", nama), ("Indikator", indikator),
                              ("Satuan", satuan), ("Arah", "positif"), ("Target 2025", target)):
            ws.cell(r, h[header], value)
    ws = book["Anggaran"]
    h = headers(ws)
    assert (h["Pagu 2025"], h["Pagu PK 2025"]) == (3, 8)  # C and H: the cells the formulas are written in
    ws["A2"], ws["C2"], ws["H2"] = "7.01.02.2.02.0001", 1_500_000, 1_500_000
    ws["A3"], ws["O3"], ws["P3"] = "7.01.02.2.02.0002", 1_000_000, 2_500_000
    ws["C3"], ws["H3"] = ("=C2*2", "=SUM(O3,P3)") if formulas else (3_000_000, 3_500_000)
    path = tmp_path / name
    book.save(path)
    return path


def as_saved_by_a_spreadsheet(path: Path, values: dict[str, str], *, recompute: bool = False) -> None:
    """Write the value a spreadsheet computes beside each formula (openpyxl cannot) and drop openpyxl's request to
    recompute on opening, as Excel and LibreOffice save; with `recompute` the request stays, as xlsxwriter or a
    template filler leaves it beside values it did not compute."""
    parts = {}
    with zipfile.ZipFile(path) as zin:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                for formula, value in values.items():
                    data = data.replace(f"<f>{formula}</f><v></v>".encode(), f"<f>{formula}</f><v>{value}</v>".encode())
            if info.filename == "xl/workbook.xml" and not recompute:
                data, n = re.subn(rb' fullCalcOnLoad="1"', b"", data)
                assert n == 1
            parts[info] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in parts.items():
            zout.writestr(info, data)
    with zipfile.ZipFile(path) as z:
        sheets = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert all(f"<v>{v}</v>".encode() in sheets for v in values.values())


def budgets(workbook: Path) -> dict[str, dict]:
    return {n["code"]: n["budget"] for n in Workbook.open(workbook).cascade().nodes.values() if n["budget"]}


FORMULA_CELLS = ("Anggaran baris 3 kolom C (Pagu 2025): berisi rumus =C2*2 tanpa nilai tersimpan; buka dan simpan "
                 "berkasnya di Excel atau LibreOffice, atau ketik angkanya",
                 "Anggaran baris 3 kolom H (Pagu PK 2025): berisi rumus =SUM(O3,P3) tanpa nilai tersimpan")


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_formulas_without_a_stored_value_are_refused_by_cell_and_nothing_is_written(tmp_path: Path,
                                                                                    dry_run: list[str]) -> None:
    sheet = office_sheet(tmp_path, "skrip.xlsx", formulas=True)
    fresh = tmp_path / "baru.json"
    message = refused(lkjip("import", sheet, fresh, *dry_run), *FORMULA_CELLS, "2 masalah", "tidak ada yang ditulis")
    assert not fresh.exists()
    lines = message.splitlines()  # one problem a line, as an operator reads them
    assert len(lines) == 3 and lines[1].startswith("  " + FORMULA_CELLS[0]) and lines[2].startswith("  " + FORMULA_CELLS[1])

    # Into an existing workbook (built from the same figures typed as numbers): not one byte changes.
    existing = tmp_path / "kantor.json"
    ok(lkjip("import", office_sheet(tmp_path, "angka.xlsx", formulas=False), existing))
    ok(lkjip("set", existing, "7.01.02.2.02.0002", "pagu", "1", "--year", 2025))
    before = existing.read_bytes()
    refused(lkjip("import", sheet, existing, *dry_run), *FORMULA_CELLS, "2 masalah")
    assert existing.read_bytes() == before


def test_a_formula_with_the_value_the_spreadsheet_stored_imports_as_the_typed_number(tmp_path: Path) -> None:
    typed = tmp_path / "angka.json"
    out_typed = ok(lkjip("import", office_sheet(tmp_path, "angka.xlsx", formulas=False), typed))
    sheet = office_sheet(tmp_path, "rumus.xlsx", formulas=True)
    as_saved_by_a_spreadsheet(sheet, {"C2*2": "3000000", "SUM(O3,P3)": "3500000"})
    computed = tmp_path / "rumus.json"
    out_computed = ok(lkjip("import", sheet, computed))

    assert budgets(computed) == budgets(typed)
    assert budgets(computed)["7.01.02.2.02.0002"]["2025"]["pagu"] == 3_000_000
    assert budgets(computed)["7.01.02.2.02.0002"]["2025"]["pagu_pk"] == 3_500_000
    assert "4 isian anggaran" in out_computed and "4 isian anggaran" in out_typed
    assert out_computed.replace("rumus.", "angka.") == out_typed


def test_values_a_script_left_beside_its_formulas_are_not_taken(tmp_path: Path) -> None:
    """xlsxwriter stores 0 beside every formula and asks for a recalculation on opening; a template filler leaves
    the old values. Neither is what the office sees once the file is open."""
    sheet = office_sheet(tmp_path, "xlsxwriter.xlsx", formulas=True)
    as_saved_by_a_spreadsheet(sheet, {"C2*2": "0", "SUM(O3,P3)": "0"}, recompute=True)
    refused(lkjip("import", sheet, tmp_path / "baru.json"),
            "Anggaran baris 3 kolom C (Pagu 2025): berisi rumus =C2*2 hanya membawa nilai sementara dari program yang "
            "menulisnya (berkas minta dihitung ulang saat dibuka); buka dan simpan berkasnya di Excel atau LibreOffice",
            "Anggaran baris 3 kolom H (Pagu PK 2025): berisi rumus =SUM(O3,P3) hanya membawa nilai sementara")
    assert not (tmp_path / "baru.json").exists()


def test_a_formula_that_computed_an_empty_text_is_an_empty_cell(tmp_path: Path) -> None:
    """`=IF(C2>0;"";C2)` shows nothing: Excel and LibreOffice store it as an empty text value, and so it is read."""
    template = office_sheet(tmp_path, "angka.xlsx", formulas=False)
    book = openpyxl.load_workbook(template)
    book["Anggaran"]["I3"] = '=IF(C2>0,"",C2)'  # Pagu PK 2026
    book.save(template)
    with zipfile.ZipFile(template) as z:
        parts = {i: z.read(i.filename) for i in z.infolist()}
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts.items():
            data = data.replace(b'<c r="I3"><f>', b'<c r="I3" t="str"><f>')
            z.writestr(info, data.replace(b' fullCalcOnLoad="1"', b""))
    built = tmp_path / "baru.json"
    ok(lkjip("import", template, built))
    assert "pagu_pk" not in (budgets(built)["7.01.02.2.02.0002"].get("2026") or {})


def test_dry_run_and_import_count_every_figure_per_column(tmp_path: Path) -> None:
    sheet = office_sheet(tmp_path, "rumus.xlsx", formulas=True)
    as_saved_by_a_spreadsheet(sheet, {"C2*2": "3000000", "SUM(O3,P3)": "3500000"})
    built = tmp_path / "baru.json"
    for out in (ok(lkjip("import", sheet, built, "--dry-run")), ok(lkjip("import", sheet, built))):
        assert "Kaskade: angka terbaca per kolom, dari 6 baris indikator:\n" in out
        assert "  Kondisi Awal 0\n  Target 2025 6, Target 2026 0, Target 2027 0, Target 2028 0, Target 2029 0\n" in out
        assert "Anggaran: angka terbaca per kolom, dari 2 baris anggaran:\n" in out
        assert "  Pagu 2025 2, Pagu 2026 0, Pagu 2027 0, Pagu 2028 0, Pagu 2029 0\n" in out
        assert "  Pagu PK 2025 2, Pagu PK 2026 0" in out

    # A workbook made with `lkjip init` and filled from the sheet: the same counts, and the profile it changes.
    office = tmp_path / "kantor.json"
    ok(lkjip("init", office, "--instansi", "Kecamatan Lama", "--pemda", "Kabupaten Contoh", "--periode", "2025-2029",
             "--tahun", 2025))
    before = office.read_bytes()
    out = ok(lkjip("import", sheet, office, "--dry-run"))
    assert "Akan diubah: Profil!B2 Instansi Profil instansi: Kecamatan Lama \u2192 Kecamatan Contoh" in out
    assert "  Pagu 2025 2, Pagu 2026 0" in out and office.read_bytes() == before
    out = ok(lkjip("import", sheet, office))
    assert "Diubah: Profil!B2 Instansi Profil instansi: Kecamatan Lama \u2192 Kecamatan Contoh" in out
    assert "  Pagu 2025 2, Pagu 2026 0" in out


def test_import_into_an_existing_workbook_lists_every_change_old_and_new(tmp_path: Path) -> None:
    existing = tmp_path / "kantor.json"
    ok(lkjip("import", office_sheet(tmp_path, "angka.xlsx", formulas=False), existing))
    exported = tmp_path / "kantor-2025.xlsx"
    ok(lkjip("export", existing, "--format", "xlsx", "--year", 2025, "-o", exported))
    book = openpyxl.load_workbook(exported)
    ws = book["Kaskade"]
    h = headers(ws)
    ws.cell(row_of(ws, "Indikator", "Indeks Kepuasan Masyarakat"), h["Realisasi 2025"], "83,1")
    ws.cell(row_of(ws, "Indikator", "Jumlah izin diproses"), h["Target 2025"], 7)
    ang = book["Anggaran"]
    ag = headers(ang)
    row = row_of(ang, "Kode", "7.01.02.2.02.0002")
    ang.cell(row, ag["Realisasi Anggaran 2025"], f"={openpyxl.utils.get_column_letter(ag['Pagu 2025'])}{row}-100000")
    book.save(exported)
    as_saved_by_a_spreadsheet(exported, {f"{openpyxl.utils.get_column_letter(ag['Pagu 2025'])}{row}-100000": "2900000"})
    expected = ["Realisasi 2025 Indeks Kepuasan Masyarakat", "\u2014 \u2192 83,1",
                "Target 2025 Jumlah izin diproses", "6 \u2192 7",
                "Realisasi Anggaran 2025", "\u2014 \u2192 2.900.000"]

    before = existing.read_bytes()
    out = ok(lkjip("import", exported, existing, "--dry-run"))
    assert out.count("Akan diubah: ") == 3 and all(text in out for text in expected), out
    assert "  Realisasi Anggaran 2025 1\n" in out and "3 perubahan; tidak ada yang ditulis" in out
    assert existing.read_bytes() == before
    out = ok(lkjip("import", exported, existing))
    assert out.count("Diubah: ") == 3 and all(text in out for text in expected), out
    assert "3 perubahan dari kantor-2025.xlsx disimpan" in out
    assert budgets(existing)["7.01.02.2.02.0002"]["2025"]["realisasi"] == 2_900_000


def test_shared_formulas_prefixed_tags_and_cells_without_a_reference_are_found() -> None:
    """Excel writes a column of one formula as a shared formula (the first cell carries the text); other writers
    prefix the tags or leave out the cell references. Each formula cell without a value is named as it reads."""
    import io

    from store.exchange.xlsx_io import read_xlsx

    book = openpyxl.Workbook()
    book.active.title = "Anggaran"
    buffer = io.BytesIO()
    book.save(buffer)
    sheet = ('<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
             '<x:row r="1"><x:c r="A1"><x:v>2</x:v></x:c></x:row>'
             '<x:row r="2"><x:c r="B2"><x:f t="shared" ref="B2:B3" si="0">A2*2</x:f><x:v>4</x:v></x:c></x:row>'
             '<x:row r="3"><x:c r="B3"><x:f t="shared" si="0"/><x:v></x:v></x:c></x:row>'
             '<x:row><x:c><x:v>1</x:v></x:c><x:c><x:f>A1+1</x:f></x:c></x:row>'
             '</x:sheetData></x:worksheet>').encode()
    parts = {}
    with zipfile.ZipFile(buffer) as zin:
        for info in zin.infolist():
            data = sheet if info.filename == "xl/worksheets/sheet1.xml" else zin.read(info.filename)
            parts[info] = data.replace(b' fullCalcOnLoad="1"', b"")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in parts.items():
            zout.writestr(info, data)
    found = read_xlsx(out.getvalue(), "uji.xlsx")["Anggaran"].uncomputed
    assert [(c.row, c.col, c.formula, c.placeholder) for c in found] == [(3, 1, "=A3*2", False),
                                                                         (4, 1, "=A1+1", False)]


def test_error_values_and_profile_formulas_are_refused_not_stored_as_text(tmp_path: Path) -> None:
    """A cell showing #REF! is what the office sees, but not a name or a pagu to keep; a formula in the profile
    is named beside its label."""
    sheet = office_sheet(tmp_path, "galat.xlsx", formulas=False)
    book = openpyxl.load_workbook(sheet)
    ws = book["Kaskade"]
    ws.cell(3, headers(ws)["Nama"], "#REF!")  # openpyxl writes an error code as an error cell
    book["Anggaran"]["C2"] = "#DIV/0!"
    book.save(sheet)
    refused(lkjip("import", sheet, tmp_path / "baru.json"),
            f"Kaskade baris 3 kolom {openpyxl.utils.get_column_letter(headers(ws)['Nama'])} (Nama): sel menampilkan "
            f"galat #REF! dari rumusnya; perbaiki rumusnya di Excel atau LibreOffice, atau ketik nilainya",
            "Anggaran baris 2 kolom C (Pagu 2025): sel menampilkan galat #DIV/0!")

    book["Profil"]["B2"] = '="Kecamatan "&"Contoh"'
    book.save(sheet)
    refused(lkjip("import", sheet, tmp_path / "baru.json"),
            "Profil baris 2 kolom B (Instansi): berisi rumus =\"Kecamatan \"&\"Contoh\" tanpa nilai tersimpan", "1 masalah")
    assert not (tmp_path / "baru.json").exists()


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) not installed: the file cannot be saved by it here")
def test_a_file_saved_by_libreoffice_with_its_formulas_imports_the_figures_typed_as_numbers(tmp_path: Path) -> None:
    """The real thing beside the hand-made one above: the script's file opened and saved by LibreOffice, which stores
    the value it computed beside each formula and keeps the formulas."""
    typed = tmp_path / "angka.json"
    ok(lkjip("import", office_sheet(tmp_path, "angka.xlsx", formulas=False), typed))
    script = office_sheet(tmp_path, "rumus.xlsx", formulas=True)
    saved = tmp_path / "lo"
    done = subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profil'}",
                           "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(saved), str(script)],
                          capture_output=True, text=True, timeout=180)
    if not (saved / "rumus.xlsx").exists():
        pytest.skip(f"LibreOffice here cannot open a spreadsheet (Calc not installed?): {done.stderr.strip()[:120]}")
    reopened = openpyxl.load_workbook(saved / "rumus.xlsx")
    assert str(reopened["Anggaran"]["C3"].value).startswith("=")  # the formula is still there, and a value with it
    computed = tmp_path / "rumus.json"
    ok(lkjip("import", saved / "rumus.xlsx", computed))
    assert budgets(computed) == budgets(typed)
