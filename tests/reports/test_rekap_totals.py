"""The rekap compares like with like: a Bagian Organisasi sums five offices of which one has not keyed its realisasi
kinerja, one not its realisasi anggaran, one only half of it; the total row says over which offices each column is
taken, each office's efisiensi is the one its own Tabel 3.5 prints, and workbooks of different years are refused."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from reports import engine
from reports.efisiensi import instansi_efisiensi
from reports.rekap import rekap as R
from store.demo import demo_document
from store.text.numbers import format_percent, format_rupiah
from store.edits.workbook import Workbook
from tests.reports.test_rekap import lkjip

TOTAL = "Jumlah / rata-rata (5 instansi)"
NOTE = ("Capaian: 4 dari 5 instansi; Realisasi: 4 dari 5 instansi; Serapan: 4 dari 5 instansi; "
        "Efisiensi: 3 dari 5 instansi.")


def ok(*args: object) -> None:
    result = lkjip(*args)
    assert result.returncode == 0, result.stderr


def workbook(path: Path, *, year: int = 2022, budget_realisasi: bool = True) -> Path:
    """The demo as another office. Clearing the realisasi anggaran of all 34 sub kegiatan is done on the document
    (34 `lkjip set --clear` would only be slow); every other variation goes through `lkjip set`."""
    doc = demo_document()
    meta = next(iter(doc["meta"].values()))
    meta["tahun"] = year
    if not budget_realisasi:
        for node in doc["nodes"].values():
            (node["budget"].get("2022") or {}).pop("realisasi", None)
    Workbook.create(path, doc)
    return path


@pytest.fixture
def kabupaten(tmp_path: Path) -> Path:
    folder = tmp_path / "kabupaten"
    folder.mkdir()
    workbook(folder / "a_torjun.json")  # the demo as it is
    ok("set", workbook(folder / "b_omben.json"), "S1/1", "realisasi", "70")  # a lower capaian and efisiensi
    no_capaian = workbook(folder / "c_tanpa_capaian.json")  # the realisasi kinerja not keyed yet
    ok("set", no_capaian, "S1/1", "realisasi", "--clear")
    ok("set", no_capaian, "S2/1", "realisasi", "--clear")
    workbook(folder / "d_tanpa_serapan.json", budget_realisasi=False)  # pagu only
    half = workbook(folder / "e_separuh.json")  # the second sasaran's program has no realisasi anggaran yet
    ok("set", half, "7.01.03.2.01.0001", "realisasi-anggaran", "--clear")
    ok("set", half, "7.01.03.2.01.0003", "realisasi-anggaran", "--clear")
    return folder


def rekap_json(*args: object) -> dict:
    result = lkjip("rekap", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def rows_by_file(data: dict) -> dict[str, dict[str, str]]:
    return {Path(row[1]).name: dict(zip(data["columns"], row)) for row in data["rows"] if row[1]}


def tabel_3_5(path: Path) -> dict:
    result = lkjip("tables", path, "--table", "3.5", "--format", "json")
    assert result.returncode == 0, result.stderr
    (table,) = json.loads(result.stdout)["tables"]
    return table


def test_each_column_of_the_total_row_is_taken_over_the_offices_that_have_it(kabupaten: Path) -> None:
    data = rekap_json(kabupaten)
    rows = rows_by_file(data)
    total = dict(zip(data["columns"], data["rows"][-1]))
    cascs = {name: Workbook.open(kabupaten / name).cascade() for name in rows}
    # By hand, office by office, from each office's own figures.
    capaian = [engine.instansi_capaian(c, 2022) for c in cascs.values()]
    anggaran = [engine.instansi_anggaran(c, 2022) for c in cascs.values()]
    efisiensi = [instansi_efisiensi(c, 2022).value for c in cascs.values()]
    with_capaian = [c for c in capaian if c is not None]
    spent = [a for a in anggaran if a.pagu and a.realisasi is not None]
    efficient = [e for e in efisiensi if e is not None]
    assert (len(with_capaian), len(spent), len(efficient)) == (4, 4, 3)  # the offices are as the fixture says
    assert total["Capaian (%)"] == format_percent(sum(with_capaian) / 4)
    assert total["Pagu (Rp)"] == format_rupiah(sum(a.pagu for a in anggaran))
    assert total["Realisasi (Rp)"] == format_rupiah(sum(a.realisasi for a in spent))
    # Serapan: realisasi over the pagu of the same four offices, not over the five pagu of the Pagu column.
    serapan = Decimal(sum(a.realisasi for a in spent)) / Decimal(sum(a.pagu for a in spent)) * 100
    assert total["Serapan (%)"] == format_percent(serapan) == "92,77"
    all_pagu = Decimal(sum(a.pagu for a in anggaran))
    assert format_percent(sum(a.realisasi for a in spent) / all_pagu * 100) != "92,77"  # not over a pagu whose realisasi is missing
    assert total[R.EFISIENSI] == format_percent(sum(efficient) / 3)
    assert total["Tingkat efisiensi"] == "Cukup efisien"
    assert total["Sasaran"] == "10" and total["Indikator"] == "10"
    assert total["Instansi"] == TOTAL and total["Keterangan"] == NOTE
    # The bug as found: the average capaian of all minus the serapan of some was printed as the efisiensi.
    assert total[R.EFISIENSI] != format_percent(sum(with_capaian) / 4 - serapan)


def test_an_offices_efisiensi_is_the_one_its_own_tabel_3_5_prints(kabupaten: Path) -> None:
    rows = rows_by_file(rekap_json(kabupaten))
    for name, row in rows.items():
        table = tabel_3_5(kabupaten / name)
        last = dict(zip(table["columns"], table["rows"][-1]))
        assert last["Sasaran Strategis"].startswith("Rata-rata tingkat efisiensi")
        assert (row[R.EFISIENSI], row["Tingkat efisiensi"]) == (last["Tingkat Efisiensi"], last["Keterangan"]), name
    assert rows["a_torjun.json"][R.EFISIENSI] == "0,17"  # the average of 0,29 and 0,06, not 100,05 − 93,34
    assert rows["c_tanpa_capaian.json"][R.EFISIENSI] == rows["d_tanpa_serapan.json"][R.EFISIENSI] == "\u2014"
    # Half the budget keyed: the office's efisiensi is its first sasaran's alone, and both reports say so.
    half = tabel_3_5(kabupaten / "e_separuh.json")
    assert half["rows"][-1][0] == "Rata-rata tingkat efisiensi (1 dari 2 sasaran)"
    assert rows["e_separuh.json"][R.EFISIENSI] == half["rows"][0][3] == "0,29"
    assert rows["e_separuh.json"]["Keterangan"] == "Efisiensi: rata-rata 1 dari 2 sasaran"


def test_workbooks_of_different_years_are_refused_unless_year_names_one(tmp_path: Path) -> None:
    folder = tmp_path / "tahun"
    folder.mkdir()
    for year in (2019, 2021, 2022):
        workbook(folder / f"kantor{year}.json", year=year)
    out = tmp_path / "rekap.xlsx"
    for fmt in ("json", "xlsx"):
        result = lkjip("rekap", folder, "--format", fmt, "-o", out)
        assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr
        assert not out.exists()  # nothing written
    message = result.stderr.strip()
    assert message.startswith("Buku kerja dari tahun laporan yang berbeda")
    for year in (2019, 2021, 2022):
        assert f"{year} (\u201ckantor{year}.json\u201d)" in message
    assert "--year" in message and len(message.splitlines()) == 1
    refused = lkjip("rekap", folder, "--format", "text")
    assert refused.returncode == 2 and refused.stdout == ""
    # With --year every row is that year, and the title says it.
    data = rekap_json(folder, "--year", "2021")
    assert data["year"] == 2021
    assert [row["Tahun"] for row in rows_by_file(data).values()] == ["2021"] * 3
    text = lkjip("rekap", folder, "--year", "2021", "--format", "text").stdout
    assert text.startswith("Rekap Kinerja Perangkat Daerah Tahun 2021")


def _number(cell: str) -> float:
    return float(cell.removeprefix("Rp ").replace(".", "").replace(",", "."))


def test_text_markdown_json_spreadsheet_and_word_show_the_same_total(kabupaten: Path, tmp_path: Path,
                                                                     markdown_tables, monkeypatch) -> None:
    from docx import Document
    from openpyxl import load_workbook

    data = rekap_json(kabupaten)
    columns, total = data["columns"], data["rows"][-1]
    assert total[columns.index("Keterangan")] == NOTE
    # Markdown, read back as markdown-it-py reads it.
    md = lkjip("rekap", kabupaten, "--format", "md").stdout
    ((header, body),) = markdown_tables(md)
    assert header == columns and body[-1] == total
    # Text: the total row's cells in order on its line, in a terminal wide enough for the row (at 80 columns the
    # rows are printed one block each: tests/cli/test_cli_width.py).
    monkeypatch.setenv("COLUMNS", "1000")
    text = lkjip("rekap", kabupaten, "--format", "text").stdout
    (line,) = [row for row in text.splitlines() if TOTAL in row]
    at = 0
    for cell in filter(None, total):
        at = line.index(cell, at) + len(cell)
    # The spreadsheet: numbers where the table shows figures, the same note.
    xlsx, docx = tmp_path / "rekap.xlsx", tmp_path / "rekap.docx"
    ok("rekap", kabupaten, "--format", "xlsx", "-o", xlsx)
    sheet = load_workbook(xlsx).active
    sheet_header = [c.value for c in sheet[1]]
    last = dict(zip(sheet_header, [c.value for c in sheet[sheet.max_row]]))
    shown = dict(zip(columns, total))
    assert sheet_header == columns
    assert last["Instansi"] == TOTAL and last["Keterangan"] == NOTE
    for column in ("Sasaran", "Capaian (%)", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", R.EFISIENSI):
        assert last[column] == _number(shown[column]), column
    assert last["Tingkat efisiensi"] == shown["Tingkat efisiensi"] and last["Predikat"] == shown["Predikat"]
    # Word: the printed tables' total rows hold the very cells, and the note is printed under them.
    ok("rekap", kabupaten, "--format", "docx", "-o", docx)
    document = Document(str(docx))
    printed = [t for t in document.tables if any(TOTAL in c.text for c in t.rows[-1].cells)]
    assert len(printed) == 2  # kinerja and anggaran (the list of files has no total)
    for table in printed:
        names = [c.text for c in table.rows[0].cells]
        assert [c.text for c in table.rows[-1].cells] == [shown[n] for n in names]
    assert f"Baris jumlah: {NOTE}" in [p.text for p in document.paragraphs]


async def test_the_total_row_in_the_terminal_says_what_it_counts(kabupaten: Path) -> None:
    from textual.widgets import DataTable

    from tui.views.rekap import RekapApp

    rekap = R.build([str(kabupaten)])
    app = RekapApp(rekap)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert "Rekap 5 buku kerja, tahun 2022" in str(app.query_one("#rekap-title").render())
        message = str(app.query_one("#rekap-message").render())
        assert "Enter membuka" in message
        await pilot.press("ctrl+end")
        await pilot.pause()
        table = app.query_one(DataTable)
        assert [str(c) for c in table.get_row_at(table.cursor_row)] == R.as_table(rekap).rows[-1]
        assert str(app.query_one("#rekap-message").render()) == f"Baris jumlah: {NOTE}"
        await pilot.press("up")
        await pilot.pause()
        assert "Enter membuka" in str(app.query_one("#rekap-message").render())


def test_a_difference_and_a_ratio_are_not_averaged_together(tmp_path: Path) -> None:
    """One office divides (capaian % / serapan %, as a BPOM centre printed 1,063), the other subtracts: each row shows
    its own report's figure, and the total gives none rather than a mean of points and ratios."""
    folder = tmp_path / "rumus"
    folder.mkdir()
    workbook(folder / "selisih.json")
    doc = demo_document()
    next(iter(doc["meta"].values()))["settings"]["efisiensi_rumus"] = "rasio"
    Workbook.create(folder / "rasio.json", doc)
    data = rekap_json(folder)
    rows = rows_by_file(data)
    last = tabel_3_5(folder / "rasio.json")["rows"][-1]
    assert rows["rasio.json"][R.EFISIENSI] == last[3] == "1,002"  # three decimals, as its Tabel 3.5
    assert rows["selisih.json"][R.EFISIENSI] == "0,17"
    total = dict(zip(data["columns"], data["rows"][-1]))
    assert (total[R.EFISIENSI], total["Tingkat efisiensi"]) == ("\u2014", "\u2014")
    assert total["Keterangan"] == "Efisiensi: rumus atau batas efisiensi berbeda antarinstansi, tidak dirata-rata."
