"""The IKU and the pohon kinerja (issue 23.5, 23.6), as the operator makes them: fields set with `lkjip set` or the
`p` form, the documents exported with `lkjip export --doc iku|pohon` and read back (python-docx, openpyxl, the
Markdown as text)."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import openpyxl
from docx import Document
from docx.oxml.ns import qn

from store.domain.cascade import Cascade
from store.edits.workbook import Workbook
from tests.cli.test_cli import lkjip, refused
from tui.app.app import LkjipApp
from tui.views.forms import FormScreen

DEFINISI = "Rata-rata penilaian masyarakat atas sembilan unsur pelayanan kecamatan"
SUMBER = "Survei Kepuasan Masyarakat oleh Seksi Pelayanan Umum"
DEFINISI_2 = "=Desa yang laporan administrasinya lengkap dan tepat waktu"  # a formula-looking text stays text
SUMBER_2 = "Laporan evaluasi tata kelola desa"


def ok(*args: object) -> str:
    result = lkjip(*args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def casc_of(path: Path) -> Cascade:
    return Workbook.open(path).cascade()


def with_iku_fields(path: Path) -> Path:
    ok("set", path, "S1/1", "definisi", DEFINISI)
    ok("set", path, "S1/1", "sumber-data", SUMBER)
    ok("set", path, "S2/1", "definisi", "--", DEFINISI_2)
    ok("set", path, "S2/1", "sumber-data", SUMBER_2)
    ok("set", path, "S2/1", "jenis", "output")
    return path


def sasaran_indicators(casc: Cascade) -> list[dict]:
    return [ind for s in casc.of_level("sasaran") for ind in s["indicators"]]


# -- IKU ---------------------------------------------------------------------------------------------------------------
def test_the_iku_docx_lists_every_sasaran_indicator_with_its_definition_source_and_targets(demo_path, tmp_path):
    with_iku_fields(demo_path)
    out = tmp_path / "iku.docx"
    ok("export", demo_path, "--doc", "iku", "--format", "docx", "-o", out)
    table = Document(str(out)).tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:9] == ["No", "Sasaran", "Indikator Kinerja", "Definisi Operasional / Alasan", "Rumus", "Satuan",
                          "Sumber Data", "Penanggung Jawab", "Jenis"]
    assert header[9] == "Kondisi Awal (2018)" and header[-1] == "Target Akhir"
    assert [h for h in header if h.startswith("Target 20")] == [f"Target {y}" for y in range(2019, 2025)]
    # A long "a/b" gets a zero-width break after its slash in a narrow column (reports.docx.tables).
    rows = {r.cells[2].text.replace("\u200b", ""): [c.text.replace("\u200b", "") for c in r.cells]
            for r in table.rows[1:]}
    casc = casc_of(demo_path)
    assert sorted(rows) == sorted(ind["name"] for ind in sasaran_indicators(casc))
    ikm = rows["Indeks Kepuasan Masyarakat (IKM)"]
    assert (ikm[3], ikm[6], ikm[8]) == (DEFINISI, SUMBER, "Outcome")  # jenis: outcome by default for a sasaran
    assert ikm[9] == "80,40" and ikm[header.index("Target 2022")] == "82,00" and ikm[-1] == "82,55"
    assert ikm[7] == "CAMAT TORJUN"  # no penanggung jawab on the sasaran: the head of office
    desa = next(v for k, v in rows.items() if k.startswith("Persentase Desa"))
    assert (desa[3], desa[6], desa[8]) == (DEFINISI_2, SUMBER_2, "Output")


def test_the_iku_md_lists_every_sasaran_indicator_with_its_definition_and_source(demo_path, markdown_tables):
    with_iku_fields(demo_path)
    text = ok("export", demo_path, "--doc", "iku", "--format", "md")
    (header, body), = markdown_tables(text)
    names = [row[2] for row in body]
    assert sorted(names) == sorted(ind["name"] for ind in sasaran_indicators(casc_of(demo_path)))
    ikm = body[names.index("Indeks Kepuasan Masyarakat (IKM)")]
    assert (ikm[3], ikm[6]) == (DEFINISI, SUMBER)
    assert DEFINISI_2 in text and SUMBER_2 in text


def test_the_iku_xlsx_holds_the_texts_as_text_cells(demo_path, tmp_path):
    with_iku_fields(demo_path)
    out = tmp_path / "iku.xlsx"
    ok("export", demo_path, "--doc", "iku", "--format", "xlsx", "-o", out)
    ws = openpyxl.load_workbook(out).active
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    assert DEFINISI in cells and SUMBER in cells and SUMBER_2 in cells
    formula_like = cells[DEFINISI_2]
    assert formula_like.data_type == "s"  # written as text, never a formula (store.exchange.xlsx_write)
    assert "Indeks Kepuasan Masyarakat (IKM)" in cells


def test_a_bad_jenis_is_refused_and_nothing_is_written(demo_path):
    before = demo_path.read_bytes()
    refused(lkjip("set", demo_path, "S1/1", "jenis", "hasil"), "outcome", "output")
    assert demo_path.read_bytes() == before


def test_a_locked_year_freezes_the_iku_fields_like_satuan_and_rumus(demo_path):
    ok("lock", demo_path, "--year", "2022", "--reason", "tutup buku")
    before = demo_path.read_bytes()
    message = refused(lkjip("set", demo_path, "S1/1", "definisi", DEFINISI), "2022")
    assert "unlock" in message
    refused(lkjip("set", demo_path, "S1/1", "sumber-data", SUMBER), "2022")
    refused(lkjip("set", demo_path, "S1/1", "jenis", "output"), "2022")
    assert demo_path.read_bytes() == before


async def test_the_p_form_sets_definisi_sumber_data_and_jenis_in_one_step(demo_path):
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.goto("S1/1", "realisasi")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        # Past the seven older fields (satuan … target akhir) to the IKU's three.
        await pilot.press(*["enter"] * 7, *"Rata-rata penilaian", "enter", *"Survei SKM", "enter", *"output",
                          "enter")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
    ind = json.loads(demo_path.read_text())
    ikm = next(i for n in ind["nodes"].values() for i in n["indicators"] if i["id"] == "S1/1")
    assert (ikm["definisi"], ikm["sumber_data"], ikm["jenis"]) == ("Rata-rata penilaian", "Survei SKM", "output")


# -- pohon kinerja ---------------------------------------------------------------------------------------------------
LEVEL_ROWS = ("tujuan", "sasaran", "program", "kegiatan")


def test_the_pohon_docx_holds_every_node_once_level_by_level(demo_path, tmp_path):
    out = tmp_path / "pohon.docx"
    ok("export", demo_path, "--doc", "pohon", "--format", "docx", "-o", out)
    doc = Document(str(out))
    table, = doc.tables
    # A row of boxes per level, and between two a row of joins (no borders, "│" under each box).
    trs = table._tbl.tr_lst[0::2]
    assert len(table._tbl.tr_lst) == 2 * len(LEVEL_ROWS) - 1
    casc = casc_of(demo_path)
    # The columns are the kegiatan (the leaves): every row spans all of them, boxes merged across (gridSpan).
    n_cols = len(table._tbl.tblGrid.gridCol_lst)
    assert n_cols == 1 + len(casc.of_level("kegiatan"))
    seen: dict[str, list[str]] = {}  # paragraph text -> the levels (rows) it stands in
    for level, tr in zip(LEVEL_ROWS, trs):
        width = 0
        for tc in tr.tc_lst:  # each cell once, however many columns it spans
            span = tc.tcPr.find(qn("w:gridSpan"))
            width += int(span.get(qn("w:val"))) if span is not None else 1
            for p in tc.iter(qn("w:p")):
                text = "".join(t.text or "" for t in p.iter(qn("w:t")))
                seen.setdefault(text, []).append(level)
        assert width == n_cols
    joins = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tr in table._tbl.tr_lst[1::2] for tc in tr.tc_lst]
    assert joins.count("\u2502") == sum(len(casc.of_level(level)) for level in LEVEL_ROWS[1:])
    for node in casc.nodes.values():
        where = "kegiatan" if node["level"] == "subkegiatan" else node["level"]
        assert seen.get(casc.label(node)) == [where], (casc.label(node), seen.get(casc.label(node)))


def test_the_pohon_md_outline_holds_every_node_once_nested(demo_path):
    text = ok("export", demo_path, "--doc", "pohon", "--format", "md")
    casc = casc_of(demo_path)
    lines = text.splitlines()
    for node, depth in casc.walk():
        label = casc.label(node).replace("7.", "7\\.", 1)  # a leading "7.01" is escaped, not a list number
        hits = [line for line in lines if line.endswith(f"** {label}")]
        assert len(hits) == 1, (label, hits)
        assert hits[0].startswith("  " * depth + "- **"), hits[0]


def test_the_pohon_is_md_or_docx_only(demo_path):
    refused(lkjip("export", demo_path, "--doc", "pohon", "--format", "xlsx", "-o", demo_path.with_suffix(".xlsx")),
            "pohon")


# -- the spreadsheet: the IKU's columns after the others, exported and imported like them ----------------------------
def test_the_sheet_carries_the_iku_columns_and_an_edited_definisi_imports(demo_path, tmp_path):
    from tests.store.test_xlsx import headers, row_of

    ok("set", demo_path, "S1/1", "sumber-data", SUMBER)
    sheet = tmp_path / "seksi.xlsx"
    ok("export", demo_path, "--format", "xlsx", "--year", 2022, "-o", sheet)
    book = openpyxl.load_workbook(sheet)
    ws = book["Kaskade"]
    cols = headers(ws)
    assert cols["ID Indikator"] < cols["Definisi Operasional"] < cols["Sumber Data"] < cols["Jenis Indikator"]
    assert cols["Jenis Indikator"] == len(cols)  # the last: no column of an older sheet moves
    row = row_of(ws, "ID Indikator", "S1/1")
    assert ws.cell(row, cols["Sumber Data"]).value == SUMBER
    ws.cell(row, cols["Definisi Operasional"], DEFINISI)
    ws.cell(row, cols["Jenis Indikator"], "Output")
    book.save(sheet)
    assert "2 perubahan" in ok("import", sheet, demo_path)
    ikm = casc_of(demo_path).indicators["S1/1"][1]
    assert (ikm["definisi"], ikm["sumber_data"], ikm["jenis"]) == (DEFINISI, SUMBER, "output")


def test_a_sheet_with_an_unknown_jenis_is_refused_at_its_cell(demo_path, tmp_path):
    from tests.store.test_xlsx import headers, row_of

    sheet = tmp_path / "seksi.xlsx"
    ok("export", demo_path, "--format", "xlsx", "--year", 2022, "-o", sheet)
    book = openpyxl.load_workbook(sheet)
    ws = book["Kaskade"]
    ws.cell(row_of(ws, "ID Indikator", "S1/1"), headers(ws)["Jenis Indikator"], "hasil")
    book.save(sheet)
    before = demo_path.read_bytes()
    message = refused(lkjip("import", sheet, demo_path), "Jenis Indikator", "outcome, output")
    assert "hasil" in message
    assert demo_path.read_bytes() == before


def test_a_program_without_kegiatan_keeps_its_column_in_the_pohon(tmp_path):
    from datetime import datetime

    from reports.documents import year_docs
    from store.demo import demo_document

    doc = demo_document()
    casc = Cascade(doc)
    program = casc.of_level("program")[0]
    gone = {n["id"] for n in casc.descendants(program["id"])}
    doc["nodes"] = {k: n for k, n in doc["nodes"].items() if n["id"] not in gone}
    casc = Cascade(doc)
    table, = Document(BytesIO(year_docs.render(casc, "pohon", "docx", 2022, now=datetime(2023, 1, 1)))).tables
    texts = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tr in table._tbl.tr_lst for tc in tr.tc_lst]
    assert sum(casc.label(program) in t for t in texts) == 1
    assert len(table._tbl.tblGrid.gridCol_lst) == 1 + len(casc.of_level("kegiatan")) + 1  # its own empty column
