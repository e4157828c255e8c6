"""The LKjIP draft in Word, exported as an operator does (`lkjip export … --format docx -o …`) and opened again
with python-docx: the same tables as `lkjip tables`, A4 pages, a landscape page for the cascade, repeated header
rows, page numbers, the cover and the head's signature."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from reports import tables as T
from reports.docx_sign import is_signature
from store.demo import demo_document
from store.workbook import Workbook
from support.cli import lkjip as run_lkjip

ROOT = Path(__file__).resolve().parents[1]
A4 = (Cm(21), Cm(29.7))
TOLERANCE = Cm(0.01)  # Word stores page sizes in twips: 21 cm comes back a fraction of a twip off


def lkjip(*args: object) -> subprocess.CompletedProcess:
    result = run_lkjip(*args, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result


def export_docx(workbook: Path, out: Path) -> docx.document.Document:
    lkjip("export", workbook, "--format", "docx", "-o", out)
    return docx.Document(str(out))


def tables_json(workbook: Path) -> dict:
    return json.loads(lkjip("tables", workbook, "--format", "json").stdout)


def body_items(document) -> list:
    """Paragraphs and tables in document order, each with the index of the section it belongs to."""
    out, section = [], 0
    for el in document.element.body.iterchildren():
        if el.tag == qn("w:p"):
            out.append((section, Paragraph(el, document)))
            if el.find(qn("w:pPr")) is not None and el.find(qn("w:pPr")).find(qn("w:sectPr")) is not None:
                section += 1  # a paragraph carrying a sectPr ends its section
        elif el.tag == qn("w:tbl"):
            out.append((section, DocxTable(el, document)))
    return out


def titled_tables(document) -> list[tuple[str, int, DocxTable]]:
    """(title, section index, table): the title is the paragraph right before the table. Signature blocks are
    tables too, but not the report's."""
    found, last_text = [], None
    for section, item in body_items(document):
        if isinstance(item, Paragraph):
            last_text = item.text
        elif not is_signature(item):
            found.append((last_text, section, item))
            last_text = None
    return found


def cells(table: DocxTable) -> list[list[str]]:
    """Each row's own cells as Word stores them: a cell that continues a merged cell from the row above (w:vMerge,
    Tabel 1.2) is empty, as `lkjip tables` leaves it, where python-docx's row.cells would repeat the merged text.
    The zero-width spaces that let a line break after a slash are layout, not text."""
    return [[_Cell(tc, table).text.replace("\u200b", "") for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx")
    workbook = folder / "torjun.json"
    Workbook.create(workbook, demo_document())
    document = export_docx(workbook, folder / "lkjip.docx")
    return {"workbook": workbook, "doc": document, "json": tables_json(workbook), "path": folder / "lkjip.docx"}


def test_every_table_of_lkjip_tables_is_in_the_word_draft_with_exactly_its_cells(demo):
    found = titled_tables(demo["doc"])
    assert {t["id"] for t in demo["json"]["tables"]} == set(T.TABLE_IDS)
    for expected in demo["json"]["tables"]:
        same_title = [tbl for title, _, tbl in found if title == expected["title"]]
        assert same_title, f"no table titled {expected['title']!r}"
        for tbl in same_title:  # the PK tables appear in BAB II and again in the Lampiran
            assert cells(tbl) == [expected["columns"], *expected["rows"]], expected["id"]


def test_the_lampiran_holds_the_pengukuran_kinerja_kegiatan(demo):
    casc = Workbook.open(demo["workbook"]).cascade()
    expected = T.tabel_lampiran_kegiatan(casc, 2022)
    [tbl] = [tbl for title, _, tbl in titled_tables(demo["doc"]) if title == expected.title]
    assert cells(tbl) == [expected.columns, *expected.rows]
    sub = [r for r in expected.rows if r[2].startswith("Sub Kegiatan: ")]
    assert len(sub) == 34


def test_every_section_is_a4_and_the_cascade_sits_on_a_landscape_page(demo):
    document = demo["doc"]
    for section in document.sections:
        short, long_ = sorted([section.page_width, section.page_height])
        assert abs(short - A4[0]) < TOLERANCE and abs(long_ - A4[1]) < TOLERANCE
        landscape = section.orientation == WD_ORIENT.LANDSCAPE
        assert landscape == (section.page_width > section.page_height)
    placed = {title: section for title, section, _ in titled_tables(document)}
    cascade = document.sections[placed["Tabel 1.2 Keterhubungan Perencanaan Kinerja (Cascading)"]]
    assert cascade.orientation == WD_ORIENT.LANDSCAPE
    # The section heading travels with its table instead of being left alone on a portrait page.
    [heading_section] = [s for s, item in body_items(document)
                         if isinstance(item, Paragraph) and item.text == "D. Cascading Kinerja"
                         and item.style.name == "Heading 2"]
    assert heading_section == placed["Tabel 1.2 Keterhubungan Perencanaan Kinerja (Cascading)"]
    assert document.sections[0].orientation == WD_ORIENT.PORTRAIT
    assert document.sections[-1].orientation == WD_ORIENT.PORTRAIT
    capaian = document.sections[placed["Tabel 3.1 Capaian Kinerja Sasaran Tahun 2022"]]
    assert capaian.orientation == WD_ORIENT.PORTRAIT


def test_every_table_repeats_its_header_row_and_fits_its_page(demo):
    document = demo["doc"]
    for title, section_index, tbl in titled_tables(document):
        rows = tbl._tbl.tr_lst
        assert rows[0].trPr is not None and rows[0].trPr.find(qn("w:tblHeader")) is not None, title
        assert all(r.trPr is None or r.trPr.find(qn("w:tblHeader")) is None for r in rows[1:]), title
        section = document.sections[section_index]
        text_width = Length(section.page_width - section.left_margin - section.right_margin)
        grid = [int(c.get(qn("w:w"))) for c in tbl._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(grid) <= text_width.twips + 1, title
        assert tbl._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed", title
        for row in rows:
            widths = [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in row.tc_lst]
            assert widths == grid, title


def test_number_columns_are_right_aligned_and_tables_use_a_small_font(demo):
    casc = Workbook.open(demo["workbook"]).cascade()
    built = {t.title: t for t in T.build_all(casc, 2022)}
    styles = demo["doc"].styles
    checked = 0
    for title, _, tbl in titled_tables(demo["doc"]):
        if title not in built:
            continue
        numeric = built[title].numeric
        for row in tbl.rows[1:]:
            for cell, is_number in zip(row.cells, numeric):
                p = cell.paragraphs[0]
                assert (p.alignment == WD_ALIGN_PARAGRAPH.RIGHT) == is_number, (title, cell.text)
                assert Pt(8) <= styles[p.style.name].font.size <= Pt(9)
                checked += 1
    assert checked > 500


def test_page_numbers_in_the_footer_and_a_table_of_contents_field(demo):
    document = demo["doc"]
    footer = document.sections[1].footer if len(document.sections) > 1 else document.sections[0].footer
    assert any("PAGE" in t.text for t in footer._element.iter(qn("w:instrText")))
    assert all(s.footer.is_linked_to_previous for s in document.sections[1:])
    instructions = [t.text.strip() for t in document.element.body.iter(qn("w:instrText"))]
    assert 'TOC \\o "1-3" \\h \\z \\u' in instructions
    kinds = [c.get(qn("w:fldCharType")) for c in document.element.body.iter(qn("w:fldChar"))]
    assert kinds.count("begin") == kinds.count("end") == kinds.count("separate") >= 1


def test_cover_names_the_instansi_and_the_year(demo):
    cover = []
    for _, item in body_items(demo["doc"]):
        if isinstance(item, Paragraph) and item.style.name.startswith("Heading"):
            break
        cover.append(item.text)
    text = "\n".join(cover)
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)" in text
    # The heading offices print: "PEMERINTAH KABUPATEN SAMPANG" from the profile's "Kabupaten Sampang".
    assert "Kecamatan Torjun" in text and "PEMERINTAH KABUPATEN SAMPANG" in text
    assert "TAHUN 2022" in text


def signature_columns(document) -> list[list[str]]:
    """Every signature block's right-hand column, row by row (the LKjIP signs on the right half)."""
    return [[row.cells[-1].text for row in t.rows] for t in document.tables if is_signature(t)]


def test_the_head_signs_with_name_and_nip(demo):
    first = signature_columns(demo["doc"])[0]
    assert first == ["Sampang, 06 Maret 2023", "CAMAT TORJUN", "", "SAFFAK,SE.MM.", "NIP. 197807142005011012"]


def test_the_draft_mark_names_the_export_time_and_the_workbook_revision(demo):
    revision = Workbook.open(demo["workbook"]).revision()
    header = demo["doc"].sections[0].header.paragraphs[0].text
    assert header.startswith("DRAF \u2014 diekspor 20")
    assert header.endswith(f", revisi {revision}")


def test_chapters_are_heading_1_in_the_order_of_the_lkjip(demo):
    chapters = [p.text for p in demo["doc"].paragraphs if p.style.name == "Heading 1"]
    assert chapters == ["KATA PENGANTAR", "PERNYATAAN TELAH DIREVIU", "IKHTISAR EKSEKUTIF", "BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA",
                        "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP", "LAMPIRAN"]


def test_budget_sentence_counts_the_cascade_and_states_the_totals(demo):
    texts = [p.text for p in demo["doc"].paragraphs]
    [sentence] = [t for t in texts if t.startswith("Pada tahun 2022 Kecamatan Torjun mengelola")]
    assert "Rp 3.247.636.481" in sentence and "Rp 3.031.504.622" in sentence and "93,34%" in sentence
    assert "5 program, 12 kegiatan dan 34 sub kegiatan" in sentence


def test_an_edited_realisasi_changes_table_and_ikhtisar_sentence(demo_path, tmp_path):
    before = export_docx(demo_path, tmp_path / "before.docx")
    ikhtisar = 'Capaian sasaran 1 "Meningkatnya kualitas pelayanan Kecamatan" dengan indikator'
    [old] = [p.text for p in before.paragraphs if p.text.startswith(ikhtisar)][:1]
    assert "capaian 100,10% (Sangat Tinggi)" in old

    lkjip("set", demo_path, "kepuasan", "realisasi", "81,5", "--year", "2022")
    after = export_docx(demo_path, tmp_path / "after.docx")
    [tbl] = [t for title, _, t in titled_tables(after) if title == "Tabel 3.1 Capaian Kinerja Sasaran Tahun 2022"]
    rows = cells(tbl)
    ikm = next(r for r in rows if r[2] == "Indeks Kepuasan Masyarakat (IKM)")
    assert ikm[rows[0].index("Capaian (%)")] == "99,39"
    new = [p.text for p in after.paragraphs if p.text.startswith(ikhtisar)][0]
    assert "realisasi 81,50 dari target 82,00, capaian 99,39% (Sangat Tinggi)" in new


def test_each_numbered_list_of_the_demo_starts_again_at_one(demo):
    numbering = demo["doc"].part.numbering_part.element
    starts = {}
    for num in numbering.findall(qn("w:num")):
        override = num.find(qn("w:lvlOverride"))
        if override is not None and override.find(qn("w:startOverride")) is not None:
            starts[num.get(qn("w:numId"))] = int(override.find(qn("w:startOverride")).get(qn("w:val")))
    used = []
    for p in demo["doc"].paragraphs:
        numPr = p._p.pPr.find(qn("w:numPr")) if p._p.pPr is not None else None
        if numPr is not None:
            num_id = numPr.find(qn("w:numId")).get(qn("w:val"))
            if num_id in starts and num_id not in used:
                used.append(num_id)
    # Kata Pengantar, Ikhtisar, the Solusi of sasaran 1: at least three lists, each its own w:num starting at 1.
    assert len(used) >= 3
    assert all(starts[n] == 1 for n in used)


def test_names_with_line_breaks_tabs_and_markup_keep_their_exact_cells(tmp_path, monkeypatch):
    """Line breaks and tabs in a name are refused at every door since issue 20; a workbook from before the gate
    (planted with the schema off) still renders every cell exactly."""
    import store.document
    import store.storage
    from reports.export import render

    monkeypatch.setattr(store.document, "check", lambda *a, **k: None)
    monkeypatch.setattr(store.storage, "check", lambda *a, **k: None)
    from store.model import NODES, new_document, new_indicator, new_meta, new_node

    doc = new_document(new_meta(instansi="Kecamatan <Uji> & Co", pemda="Kabupaten | X", periode_awal=2021,
                                periode_akhir=2024, tahun=2022))
    tujuan = new_node("T1", "tujuan", "Tujuan\nbaris dua")
    sasaran = new_node("S1", "sasaran", "Sasaran\tdengan tab | *bintang* <b>", parent="T1")
    ind = new_indicator("S1/1", "Indeks & \"kutip\" 'satu'", satuan="%")
    ind["years"] = {"2022": {"target": "80", "realisasi": "84.5"}}
    sasaran["indicators"].append(ind)
    for i, node in enumerate((tujuan, sasaran), start=1):
        doc[NODES][str(i)] = node
    wb = Workbook.create(tmp_path / "aneh.json", doc)
    out = tmp_path / "aneh.docx"
    out.write_bytes(render(wb, "docx", 2022))
    found = titled_tables(docx.Document(str(out)))
    for table in T.build_all(wb.cascade(), 2022):
        if not table.rows:  # an empty table is one sentence saying why, not a table
            continue
        same = [tbl for title, _, tbl in found if title == table.title]
        assert same, table.title
        assert all(cells(tbl) == [table.columns, *table.rows] for tbl in same), table.id
