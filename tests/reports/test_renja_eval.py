"""The Renja evaluation, Tabel E.81 (Permendagri 86/2017): `lkjip export WB --doc evaluasi-renja --tw N`, exported
as Bappeda asks for it each quarter and read back (md, docx, xlsx), its columns (12)–(15) computed by hand here."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from store.demo import demo_document
from store.edits.workbook import Workbook
from tests.support.f7_export import export_in_f7
from tests.reports.test_pk_triwulan import lkjip, ok

IKM = "Indeks Kepuasan Masyarakat (IKM)"  # S1/1, indeks: nilai akhir
DESA = "Persentase Desa/Kelurahan dengan tata kelola administrasi Desa/Kelurahan yang baik"  # S2/1, %: nilai akhir
DOK = "Jumlah Dok. Perencanaan PD (Renstra, Renja, SPIP)"  # of sub kegiatan 7.01.01.2.01.0001, Dok: kumulatif
SUB = "7.01.01.2.01.0001"

# By hand, TW II of 2022 in the period 2019–2024 (nilai akhir: the latest; kumulatif: sums):
EXPECTED_K = {
    # (12) TW II's 82,10; (13) 82,10 / 82 × 100; (14) the latest, 82,10; (15) 82,10 / 82,55 × 100
    IKM: ["82,10", "100,12", "82,10", "99,45"],
    # (12) 97,50; (13) 97,50 / 100; (14) 97,50; (15) 97,50 / 100
    DESA: ["97,50", "97,50", "97,50", "97,50"],
    # (12) 1 + 1 = 2; (13) 2 / 3 × 100; (14) (3 + 3 + 3) + 2 = 11; (15) 11 / 15 × 100
    DOK: ["2,00", "66,67", "11,00", "73,33"],
}
# The sub kegiatan's budget: (12) 200.000 + 300.000; (13) 500.000 / 1.000.000; (14) 3 × 900.000 + 500.000;
# (15) 3.200.000 / (6 × 1.000.000) × 100
EXPECTED_RP = ["500.000", "50,00", "3.200.000", "53,33"]



def _workbook(tmp_path: Path) -> Path:
    """The demo with the quarters of three indicators and one sub kegiatan's budget filled in the document."""
    doc = demo_document()
    for node in doc["nodes"].values():
        for ind in node["indicators"]:
            if ind["name"] == IKM:
                ind["years"]["2022"]["tw"] = {"1": "80.5", "2": "82.1"}
            elif ind["name"] == DESA:
                ind["years"]["2022"]["tw"] = {"1": "95", "2": "97.5"}
            elif ind["name"] == DOK:
                ind["target_akhir"] = "15"
                ind["years"] = {str(y): {"target": "3", "realisasi": "3"} for y in (2019, 2020, 2021)}
                ind["years"]["2022"] = {"target": "3", "realisasi": None, "tw": {"1": "1", "2": "1"}}
        if node["code"] == SUB:
            node["budget"] = {str(y): {"pagu": 1_000_000} for y in range(2019, 2025)}
            for y in (2019, 2020, 2021):
                node["budget"][str(y)]["realisasi"] = 900_000
            node["budget"]["2022"]["tw"] = {"1": 200_000, "2": 300_000}
    path = tmp_path / "torjun.json"
    Workbook.create(path, doc)
    return path


def _columns(header: list[str], number: int) -> tuple[int, int]:
    """(K, Rp) positions of the form's figure column `number`, by its header "(n) … K" / "(n) … Rp"."""
    k = next(i for i, h in enumerate(header) if h.startswith(f"({number}) ") and h.endswith(" K"))
    return k, k + 1


def _figures(header: list[str], row: list[str], numbers=(12, 13, 14, 15)) -> tuple[list[str], list[str]]:
    places = [_columns(header, n) for n in numbers]
    return [row[k] for k, _ in places], [row[rp] for _, rp in places]


def _row(header: list[str], rows: list[list[str]], indicator: str) -> list[str]:
    at = header.index("Indikator Kinerja")
    return next(r for r in rows if r[at] == indicator)


def test_columns_12_to_15_of_tw_ii_are_the_hand_computation_in_md_and_docx(tmp_path: Path, markdown_tables) -> None:
    path = _workbook(tmp_path)
    md = ok("export", path, "--doc", "evaluasi-renja", "--tw", 2, "--format", "md")
    (header, rows), = [t for t in markdown_tables(md) if t[0][0] == "(1) No"]
    assert [h[:4] for h in header if h.startswith("(")][:3] == ["(1) ", "(2) ", "(3) "]
    assert any(h.startswith("(17)") for h in header)
    for name, expected in EXPECTED_K.items():
        assert _figures(header, _row(header, rows, name))[0] == expected, name
    assert _figures(header, _row(header, rows, DOK))[1] == EXPECTED_RP
    # TW III and IV are not due in TW II: empty, neither "—" nor 0.
    dok = _row(header, rows, DOK)
    assert [dok[i] for i in (*_columns(header, 10), *_columns(header, 11))] == ["", "", "", ""]

    out = tmp_path / "e81.docx"
    ok("export", path, "--doc", "evaluasi-renja", "--tw", 2, "--format", "docx", "-o", out)
    import docx

    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "(1) No")
    cells = [[c.text.replace("\u200b", "") for c in r.cells] for r in table.rows]  # break points out
    header_row = cells[0]
    for name, expected in EXPECTED_K.items():
        assert _figures(header_row, _row(header_row, cells[1:], name))[0] == expected, name
    assert _figures(header_row, _row(header_row, cells[1:], DOK))[1] == EXPECTED_RP


def test_the_xlsx_has_a_number_in_every_figure_cell(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    out = tmp_path / "e81.xlsx"
    ok("export", path, "--doc", "evaluasi-renja", "--tw", 2, "--format", "xlsx", "-o", out)
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows())
    top = next(i for i, r in enumerate(rows) if r[0].value == "(1) No")
    header = [c.value for c in rows[top]]
    figure_columns = [i for i, h in enumerate(header) if h and h.split(")")[0] in {f"({n}" for n in range(5, 16)}]
    assert len(figure_columns) == 22  # (5)–(15), K and Rp
    body = []
    for r in rows[top + 1:]:
        if all(c.value is None for c in r):
            break
        body.append(r)
    assert len(body) > 20
    for r in body:
        for i in figure_columns:
            assert r[i].data_type == "n", (r[i].coordinate, r[i].value)
    at = header.index("Indikator Kinerja")
    dok = next(r for r in body if r[at].value == DOK)
    k12, rp12 = _columns(header, 12)
    k14, rp14 = _columns(header, 14)
    assert (dok[k12].value, dok[k14].value, dok[rp12].value, dok[rp14].value) == (2, 11, 500_000, 3_200_000)
    assert round(dok[_columns(header, 15)[0]].value, 2) == 73.33
    assert dok[_columns(header, 10)[0]].value is None  # not due, not 0
    texts = [r[0].value for r in rows[top + 1 + len(body):] if r[0].value]
    assert "Data yang belum ada:" in texts


def test_a_missing_figure_is_a_dash_and_listed_never_0(tmp_path: Path, markdown_tables) -> None:
    path = _workbook(tmp_path)
    md = ok("export", path, "--doc", "evaluasi-renja", "--tw", 2, "--format", "md")
    (header, rows), = [t for t in markdown_tables(md) if t[0][0] == "(1) No"]
    ikm = _row(header, rows, IKM)
    # Sasaran 1's programs have no pagu for 2019–2021 and 2023–2024: the period's pagu is not known.
    assert ikm[_columns(header, 5)[1]] == "\u2014"
    assert ikm[_columns(header, 6)[1]] == "\u2014"
    listed = md.split("Data yang belum ada:", 1)[1]
    assert f"{IKM}: Rp (5), (6)" in listed
    # A program indicator with nothing filled: every input K column listed, its computed ones "—".
    first = next(r for r in rows if r[header.index("(3) Kode")] == "7.01.02")
    assert _figures(header, first)[0] == ["\u2014"] * 4
    assert "K (5), (6), (7), (8), (9)" in listed
    assert "| 0 |" not in md and "| 0,00 |" not in md
    # The average of column (13) K over the rows that have one, and its predikat: (100,12… + 97,5 + 66,66…) / 3.
    assert "Rata-rata capaian kinerja (kolom 13 K): 88,10% (predikat Tinggi)." in md


def test_the_quarters_texts_are_set_from_the_command_line_and_printed_under_the_table(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    ok("set", path, "narasi:evaluasi-renja:tw2:penghambat", "teks", "Sinyal internet di desa lemah.", "--year", 2022)
    md = ok("export", path, "--doc", "evaluasi-renja", "--tw", 2, "--format", "md")
    assert "**Faktor penghambat pencapaian kinerja**\n\nSinyal internet di desa lemah." in md
    other = ok("export", path, "--doc", "evaluasi-renja", "--tw", 3, "--format", "md")
    assert "Sinyal internet" not in other  # each quarter its own texts


async def test_the_footer_texts_are_written_in_f5(tmp_path: Path) -> None:
    from tui.app.app import LkjipApp

    path = _workbook(tmp_path)
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        options = app.screen.query_one("OptionList")
        titles = [str(o.prompt) for o in options.options]
        at = titles.index("Evaluasi Renja TW II: Faktor pendorong keberhasilan pencapaian")
        assert titles[at + 1] == "Evaluasi Renja TW II: Faktor penghambat pencapaian kinerja"
        assert titles[at + 2].startswith("Evaluasi Renja TW II: Tindak lanjut yang diperlukan dalam triwulan")
        assert titles[at + 3].startswith("Evaluasi Renja TW II: Tindak lanjut yang diperlukan dalam Renja")
        options.focus()
        options.highlighted = at
        await pilot.pause()
        app.screen.query_one("TextArea").focus()
        await pilot.press(*"Kader", "space", *"aktif")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.message_error, app.message
    md = ok("export", path, "--doc", "evaluasi-renja", "--tw", 2, "--format", "md")
    assert "**Faktor pendorong keberhasilan pencapaian**\n\nKader aktif" in md


def test_the_document_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    no_tw = lkjip("export", path, "--doc", "evaluasi-renja", "--format", "md")
    assert no_tw.returncode == 2 and "--tw" in no_tw.stderr and not no_tw.stdout
    pdf = lkjip("export", path, "--doc", "evaluasi-renja", "--tw", 1, "--format", "pdf", "-o", tmp_path / "e.pdf")
    assert pdf.returncode == 2 and "bukan pdf" in pdf.stderr and not (tmp_path / "e.pdf").exists()
    xlsx = lkjip("export", path, "--doc", "evaluasi-renja", "--tw", 1, "--format", "xlsx")
    assert xlsx.returncode != 0 and "-o" in xlsx.stderr


async def test_the_export_view_reaches_the_renja_evaluation_with_ctrl_t(tmp_path: Path) -> None:
    from tui.app.app import LkjipApp

    path = _workbook(tmp_path)
    app = LkjipApp(Workbook.open(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await export_in_f7(app, pilot, "evaluasi Renja TW II (Tabel E.81)", tmp_path / "e81")
    md = (tmp_path / "e81.md").read_text(encoding="utf-8")
    assert "# EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH TRIWULAN II TAHUN 2022" in md


def test_columns_6_and_14_follow_the_quarterly_rule(tmp_path: Path) -> None:
    from decimal import Decimal

    from reports import renja_figures

    casc = Workbook.open(_workbook(tmp_path)).cascade()
    _, desa = casc.indicators["S2/1"]
    _, dok = next((n, i) for n, i in casc.indicators.values() if i["name"] == DOK)
    # Nilai akhir: (6) is last year's value (2021: 100), and (14) the latest quarter once one is filled.
    k = renja_figures.kinerja(casc, desa, 2022, 1)
    assert (k.values[6], k.values[12], k.values[14]) == (Decimal(100), Decimal(95), Decimal(95))
    # Kumulatif with one earlier year not filled: (6) and (14) are not known, and (6) is listed, never 0.
    dok["years"]["2020"]["realisasi"] = None
    k = renja_figures.kinerja(casc, dok, 2022, 2)
    assert k.values[6] is None and k.values[14] is None and 6 in k.missing
    # The period's first year has no earlier year: (6) empty and not missing, (14) is (12).
    k = renja_figures.kinerja(casc, dok, 2019, 4)
    assert k.values[6] is None and 6 not in k.missing


def test_a_locked_year_refuses_the_texts_and_exports_the_final_copy(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    ok("set", path, "narasi:evaluasi-renja:tw2:pendorong", "teks", "Kader aktif.", "--year", 2022)
    ok("lock", path, "--year", 2022)
    before = path.read_bytes()
    refused = lkjip("set", path, "narasi:evaluasi-renja:tw2:pendorong", "teks", "Diubah.", "--year", 2022)
    assert refused.returncode != 0 and "dikunci" in refused.stderr and not refused.stdout
    assert path.read_bytes() == before
    md = ok("export", path, "--doc", "evaluasi-renja", "--tw", 2, "--format", "md")
    assert "DRAF" not in md and "Kader aktif." in md
