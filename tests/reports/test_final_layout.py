"""The final LKjIP as an office prints it (issue 22): Tabel 1.2 with merged cells, a Daftar Isi with page numbers,
front matter in roman numerals, tables that read (bold programs, a sentence for an empty table, short tables on
portrait pages), the PDF through LibreOffice. Exported as an operator does and read back with python-docx, its XML
and pdftotext."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.table import _Cell

from reports import engine
from store.demo import demo_document
from store.text.numbers import format_rupiah
from store.edits.workbook import Workbook
from tests.reports.test_export_docx import titled_tables
from tests.support.cli import lkjip as run_lkjip

ROOT = Path(__file__).resolve().parents[2]
CASCADE_TITLE = "Tabel 1.2 Keterhubungan Perencanaan Kinerja (Cascading)"
LEVEL_COLUMN = {"tujuan": 1, "sasaran": 3, "program": 5, "kegiatan": 7, "subkegiatan": 9}
HAS_PDF_TOOLS = bool(shutil.which("soffice") or shutil.which("libreoffice")) and bool(shutil.which("pdftotext"))


def lkjip(*args: object, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_lkjip(*args, cwd=ROOT, env=env)


def ok(*args: object) -> subprocess.CompletedProcess:
    result = lkjip(*args)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("final")
    workbook = folder / "torjun.json"
    Workbook.create(workbook, demo_document())
    ok("export", workbook, "--format", "docx", "-o", folder / "lkjip.docx")
    return {"workbook": workbook, "doc": docx.Document(str(folder / "lkjip.docx")), "folder": folder}


@pytest.fixture(scope="module")
def new_office(tmp_path_factory):
    folder = tmp_path_factory.mktemp("baru")
    workbook = folder / "baru.json"
    ok("init", workbook, "--instansi", "Kecamatan Baru", "--pemda", "Kabupaten Contoh", "--periode", "2021-2026",
       "--tahun", "2022")
    ok("export", workbook, "--format", "docx", "-o", folder / "baru.docx")
    return {"workbook": workbook, "doc": docx.Document(str(folder / "baru.docx"))}


def table_titled(document, title: str):
    [tbl] = [t for found, _, t in titled_tables(document) if found == title]
    return tbl


def merge_of(tc) -> str | None:
    """"restart", "continue" or None (a plain cell)."""
    merge = tc.tcPr.find(qn("w:vMerge"))
    if merge is None:
        return None
    return merge.get(qn("w:val")) or "continue"


# -- Tabel 1.2 ------------------------------------------------------------------------------------------------------
def test_tabel_1_2_has_one_row_per_sub_kegiatan_indicator_and_merges_every_parent_down_its_rows(demo):
    casc = Workbook.open(demo["workbook"]).cascade()
    rows = table_titled(demo["doc"], CASCADE_TITLE)._tbl.tr_lst[1:]

    def height(node) -> int:  # the rows a node spans: its descendants' rows, or its indicators when more
        return max(len(node["indicators"]), sum(height(k) for k in casc.kids(node["id"])), 1)

    subs = casc.of_level("subkegiatan")
    assert len(subs) == 34
    # One row per sub kegiatan, one more for each further indicator; program 7.01.02 has two indicators over its
    # one sub kegiatan: one row more.
    assert len(rows) == sum(max(len(s["indicators"]), 1) for s in subs) + 1 == 45
    # (A zero-width space after a slash lets a word too long for its column break there: layout, not text.)
    sub_cells = [_Cell(r.tc_lst[LEVEL_COLUMN["subkegiatan"]], None).text.replace("\u200b", "") for r in rows]
    assert sorted(c for c in sub_cells if c) == sorted(casc.label(s) for s in subs)

    spans = {}

    def assign(node, rows_given: int) -> None:  # the last child stretches over what its parent needs more
        spans[node["id"]] = rows_given
        kids = casc.kids(node["id"])
        for n, kid in enumerate(kids):
            assign(kid, rows_given - sum(height(k) for k in kids[:-1]) if n == len(kids) - 1 else height(kid))

    for root in casc.roots():
        assign(root, height(root))
    texts = [[_Cell(tc, None).text.replace("\u200b", "") for tc in r.tc_lst] for r in rows]
    merged_parents = 0
    for node, _ in casc.walk():
        col, span = LEVEL_COLUMN[node["level"]], spans[node["id"]]
        [top] = [i for i, row in enumerate(texts) if row[col] == casc.label(node)]
        down = [merge_of(rows[i].tc_lst[col]) for i in range(top, top + span)]
        if span > 1:
            merged_parents += 1
            assert down == ["restart"] + ["continue"] * (span - 1), casc.label(node)
            assert top + span == len(rows) or merge_of(rows[top + span].tc_lst[col]) != "continue"
        else:
            assert down == [None], casc.label(node)
    assert merged_parents >= 10  # the tujuan, both sasaran, the programs and kegiatan with several sub kegiatan


def test_tabel_1_2_json_leaves_a_merged_cell_blank_below_its_first_row(demo):
    table = json.loads(ok("tables", demo["workbook"], "--table", "1.2", "--format", "json").stdout)["tables"][0]
    assert len(table["rows"]) == 45 and len(table["refs"]) == 45
    tujuan = [r[1] for r in table["rows"]]
    assert tujuan[0] and not any(tujuan[1:])  # one tujuan over every row
    assert table["refs"][1] == "7.01.02/2"  # the program's second indicator starts the second row


# -- page numbers ---------------------------------------------------------------------------------------------------
def test_front_matter_is_numbered_in_roman_and_bab_i_from_one(demo):
    document = demo["doc"]
    numbering = []
    for section in document.sections:
        el = section._sectPr.find(qn("w:pgNumType"))
        numbering.append(None if el is None else (el.get(qn("w:fmt")), el.get(qn("w:start"))))
    restarts = [n for n in numbering if n and n[1] is not None]
    assert restarts == [("lowerRoman", "1"), ("decimal", "1")]
    # The roman section opens with the Kata Pengantar, the arabic one with BAB I.
    body = list(document.element.body.iterchildren())
    starts = [i for i, n in enumerate(numbering) if n and n[1]]
    first_text = []
    for index in starts:
        seen, section = 0, 0
        for el in body:
            if section == index and el.tag == qn("w:p") and "".join(t.text for t in el.iter(qn("w:t"))).strip():
                first_text.append("".join(t.text for t in el.iter(qn("w:t"))))
                break
            ppr = el.find(qn("w:pPr")) if el.tag == qn("w:p") else None
            if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
                section += 1
    assert first_text == ["KATA PENGANTAR", "BAB I PENDAHULUAN"]


def test_the_daftar_isi_opens_without_an_update_prompt(demo):
    """A draft's Daftar Isi lists the headings, with no question on opening and no LibreOffice run (a draft is
    exported often and must come in about a second)."""
    document = demo["doc"]
    assert document.settings.element.find(qn("w:updateFields")) is None
    assert not [c for c in document.element.body.iter(qn("w:fldChar")) if c.get(qn("w:dirty"))]
    toc = [p.text for p in document.paragraphs if p.style.name.startswith("toc")]
    assert "BAB I PENDAHULUAN" in toc


@pytest.mark.skipif(not HAS_PDF_TOOLS, reason="LibreOffice (soffice) or pdftotext (poppler-utils) not installed")
def test_the_final_copys_daftar_isi_carries_the_page_numbers_libreoffice_lays_out(demo, tmp_path):
    workbook = tmp_path / "terkunci.json"
    workbook.write_bytes(demo["workbook"].read_bytes())
    ok("lock", workbook, "--year", "2022")
    ok("export", workbook, "--format", "docx", "-o", tmp_path / "final.docx")
    final = docx.Document(str(tmp_path / "final.docx"))
    # Opened in Word or LibreOffice as written: no question to update the fields.
    assert final.settings.element.find(qn("w:updateFields")) is None
    assert not [c for c in final.element.body.iter(qn("w:fldChar")) if c.get(qn("w:dirty"))]
    toc = [p.text for p in final.paragraphs if p.style.name.startswith("toc")]
    assert re.fullmatch(r"BAB I PENDAHULUAN\t1", next(t for t in toc if t.startswith("BAB I ")))
    assert next(t for t in toc if t.startswith("KATA PENGANTAR")).endswith("\ti")


@pytest.fixture(scope="module")
def demo_pdf(demo) -> Path:
    if not HAS_PDF_TOOLS:
        pytest.skip("LibreOffice (soffice) or pdftotext (poppler-utils) not installed")
    out = demo["folder"] / "lkjip.pdf"
    ok("export", demo["workbook"], "--format", "pdf", "-o", out)
    return out


def test_pdf_export_has_a_daftar_isi_with_page_numbers_and_tabel_1_2_on_at_most_four_pages(demo_pdf):
    out = demo_pdf
    assert out.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    pages = text.split("\f")
    [contents] = [p for p in pages if "DAFTAR ISI" in p]
    listed = {}
    for bab in ("BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA",
                "BAB IV PENUTUP"):
        m = re.search(re.escape(bab) + r"\.*\s*(\d+)\s*$", contents, re.M)
        assert m, bab
        listed[bab] = m.group(1)
        # The number listed is the one in the footer of the page the chapter starts on.
        [start] = [p for p in pages if p is not contents and re.search(r"^\s*" + re.escape(bab) + r"\s*$", p, re.M)]
        assert re.search(r"Halaman " + listed[bab] + r"\b", start), bab
    assert listed["BAB I PENDAHULUAN"] == "1"
    assert re.search(r"KATA PENGANTAR\.*\s*i\s*$", contents, re.M)
    cascade = [i for i, p in enumerate(pages) if "Indikator Sub" in p and "Kegiatan" in p]
    assert 1 <= len(cascade) <= 4 and cascade == list(range(cascade[0], cascade[-1] + 1))


def test_no_word_of_tabel_1_2_is_split_inside_itself_on_the_rendered_page(demo, demo_pdf):
    """Every word LibreOffice printed in Tabel 1.2 is a word of the table, or a run of its pieces broken after a slash
    or a hyphen: never "Desa/Kelura han", a word broken where it met a too narrow column."""
    document = demo["doc"]
    tbl = table_titled(document, CASCADE_TITLE)
    around = [*document.paragraphs, *(p for s in document.sections for part in (s.header, s.footer)
                                     for p in part.paragraphs)]
    allowed = {w for p in around for w in p.text.split()}  # the heading, the caption, the DRAF mark, "Halaman"
    for tr in tbl._tbl.tr_lst:
        for tc in tr.tc_lst:
            for word in _Cell(tc, None).text.replace("\u200b", "").split():
                pieces = re.split(r"(?<=[-/])", word)
                allowed |= {"".join(pieces[i:j]) for i in range(len(pieces)) for j in range(i + 1, len(pieces) + 1)}
    # -raw: the words in the order drawn, a hyphen at a line's end kept (the default joins "RKA-" and "SKPD").
    text = subprocess.run(["pdftotext", "-raw", str(demo_pdf), "-"], capture_output=True, text=True).stdout
    pages = [p for p in text.split("\f") if "Indikator Sub" in p]
    assert pages
    # The DRAF mark's time is the PDF export's, a minute after the docx's now and then ("02:16,"): not a table word.
    split = [w for p in pages for w in p.split()
             if w not in allowed and not w.isdigit() and not re.fullmatch(r"\d\d:\d\d,?", w)]
    assert split == [], split


def test_pdf_export_without_libreoffice_is_refused_and_writes_nothing(demo, tmp_path):
    out = tmp_path / "lkjip.pdf"
    env = {**os.environ, "PATH": str(tmp_path)}  # no soffice on this PATH
    result = lkjip("export", demo["workbook"], "--format", "pdf", "-o", out, env=env)
    assert result.returncode != 0 and not out.exists()
    assert "LibreOffice" in result.stderr and "libreoffice-writer" in result.stderr
    assert "Traceback" not in result.stderr


# -- tables that read -----------------------------------------------------------------------------------------------
def test_program_rows_are_bold_and_kegiatan_and_sub_kegiatan_indented_in_the_budget_table(demo):
    casc = Workbook.open(demo["workbook"]).cascade()
    tbl = table_titled(demo["doc"], "Realisasi Anggaran Tahun 2022 per Program, Kegiatan dan Sub Kegiatan")
    level = {n["code"]: n["level"] for n, _ in casc.walk() if n.get("code")}
    seen = set()
    for tr in tbl._tbl.tr_lst[1:]:
        code = _Cell(tr.tc_lst[1], None).text
        bold = all(r.find(qn("w:rPr")) is not None and r.find(qn("w:rPr")).find(qn("w:b")) is not None
                   for r in tr.iter(qn("w:r")))
        ind = tr.tc_lst[2].find(qn("w:p")).find(qn("w:pPr")).find(qn("w:ind"))
        indent = int(ind.get(qn("w:left"))) if ind is not None else 0
        kind = level.get(code, "jumlah")
        seen.add(kind)
        assert bold == (kind in ("program", "jumlah")), code
        assert indent == {"program": 0, "jumlah": 0, "kegiatan": 170, "subkegiatan": 340}[kind], code
    assert seen == {"program", "kegiatan", "subkegiatan", "jumlah"}


def test_an_empty_table_prints_one_sentence_saying_why_instead_of_a_bare_header(new_office):
    document = new_office["doc"]
    titles = [t for t, _, _ in titled_tables(document)]
    assert "Tabel 1.1 Pemetaan Permasalahan untuk Penentuan Prioritas dan Sasaran Perangkat Daerah" not in titles
    texts = [p.text for p in document.paragraphs]
    at = texts.index("Tabel 1.1 Pemetaan Permasalahan untuk Penentuan Prioritas dan Sasaran Perangkat Daerah")
    assert texts[at + 1] == "Belum ada isu strategis yang diisi."
    md = ok("tables", new_office["workbook"], "--table", "1.1", "--format", "md").stdout
    assert "*Belum ada isu strategis yang diisi.*" in md and "| No" not in md


def test_the_quarterly_reports_empty_program_table_says_why(new_office, tmp_path):
    out = tmp_path / "tw.md"
    ok("export", new_office["workbook"], "--doc", "triwulan", "--tw", "1", "--format", "md", "-o", out)
    assert "Belum ada indikator program, kegiatan atau sub kegiatan yang diisi." in out.read_text()


def test_a_short_tabel_2_2_stays_on_a_portrait_page(demo):
    placed = {title: section for title, section, _ in titled_tables(demo["doc"])}
    title = next(t for t in placed if t and t.startswith("Tabel 2.2 "))
    assert demo["doc"].sections[placed[title]].orientation == WD_ORIENT.PORTRAIT
    assert demo["doc"].sections[placed[CASCADE_TITLE]].orientation == WD_ORIENT.LANDSCAPE


def test_where_the_pk_budget_and_the_budget_differ_one_sentence_says_by_how_much_and_why(demo, tmp_path):
    casc = Workbook.open(demo["workbook"]).cascade()
    pk, pagu = engine.instansi_pagu_pk(casc, 2022).value, engine.instansi_anggaran(casc, 2022).pagu
    assert pk != pagu
    out = tmp_path / "lkjip.md"
    ok("export", demo["workbook"], "--format", "md", "-o", out)
    md = out.read_text()
    assert (f"Anggaran pada Perjanjian Kinerja sebesar {format_rupiah(pk)} adalah pagu saat Perjanjian Kinerja "
            f"ditandatangani; setelah perubahan anggaran, pagu tahun 2022 menjadi {format_rupiah(pagu)}, "
            f"bertambah {format_rupiah(pagu - pk)}.") in md


def test_a_libreoffice_that_fails_leaves_the_word_export_without_numbers_and_refuses_the_pdf(demo, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("soffice", "pdftotext"):  # installed, but every conversion fails
        (bin_dir / name).write_text("#!/bin/sh\nexit 1\n")
        (bin_dir / name).chmod(0o755)
    env = {**os.environ, "PATH": str(bin_dir)}
    out = tmp_path / "lkjip.docx"
    assert lkjip("export", demo["workbook"], "--format", "docx", "-o", out, env=env).returncode == 0
    toc = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name.startswith("toc")]
    assert "BAB I PENDAHULUAN" in toc  # the heading alone, no tab and number
    refused = lkjip("export", demo["workbook"], "--format", "pdf", "-o", tmp_path / "lkjip.pdf", env=env)
    assert refused.returncode == 1 and not (tmp_path / "lkjip.pdf").exists()
    assert "LibreOffice gagal mengubah dokumen ke PDF" in refused.stderr and "Traceback" not in refused.stderr


def test_the_quarterly_reports_program_table_tells_program_kegiatan_and_sub_kegiatan_apart(demo, tmp_path):
    """As the budget tables and Lampiran 2 do: a program's first row bold, kegiatan and sub kegiatan indented one and
    two steps in the name column; an indicator's further row plain."""
    out = tmp_path / "tw.docx"
    ok("export", demo["workbook"], "--doc", "triwulan", "--tw", "2", "--format", "docx", "-o", out)
    tbl = table_titled(docx.Document(str(out)), "Kinerja Program, Kegiatan dan Sub Kegiatan s.d. Triwulan II "
                                                  "Tahun 2022")
    seen = set()
    for tr in tbl._tbl.tr_lst[1:]:
        name = _Cell(tr.tc_lst[1], None).text
        kind = {"Program": "program", "Kegiatan": "kegiatan", "Sub Kegiatan": "subkegiatan"}.get(
            name.split(":")[0], "indikator")
        seen.add(kind)
        bold = all(r.find(qn("w:rPr")) is not None and r.find(qn("w:rPr")).find(qn("w:b")) is not None
                   for r in tr.iter(qn("w:r")))
        ind = tr.tc_lst[1].find(qn("w:p")).find(qn("w:pPr")).find(qn("w:ind"))
        indent = int(ind.get(qn("w:left"))) if ind is not None else 0
        assert bold == (kind == "program"), name
        assert indent == {"program": 0, "indikator": 0, "kegiatan": 170, "subkegiatan": 340}[kind], name
    assert seen == {"program", "kegiatan", "subkegiatan", "indikator"}
