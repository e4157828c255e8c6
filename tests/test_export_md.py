"""The LKjIP draft in Markdown: every table reads back with markdown-it-py to exactly the cells of `lkjip tables`,
even when a name holds a pipe or other Markdown characters, and every figure in the prose comes from the data."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reports import document as D
from reports import sentences
from reports import tables as T
from reports.export import render
from reports.md_render import escape_text, shift_headings
from store.model import ISU, NARRATIVE, NODES, new_document, new_indicator, new_meta, new_node
from store.workbook import Workbook
from support.cli import lkjip as run_lkjip

ROOT = Path(__file__).resolve().parents[1]
PARSER = MarkdownIt("commonmark").enable("table")


def lkjip(*args: object) -> subprocess.CompletedProcess:
    result = run_lkjip(*args, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result


def table_titles(markdown: str) -> list[str]:
    """The bold paragraph right before each table, as markdown-it-py reads it."""
    titles, last = [], None
    for tok in PARSER.parse(markdown):
        if tok.type == "inline":
            kids = [k for k in tok.children or [] if k.type != "text" or k.content]
            bold = len(kids) >= 3 and kids[0].type == "strong_open" and kids[-1].type == "strong_close"
            last = "".join(k.content for k in kids[1:-1]) if bold else None
        elif tok.type == "table_open":
            titles.append(last)
    return titles


def titled(markdown: str, read_tables) -> list[tuple[str, list[list[str]]]]:
    """(title, [header, *rows]) of every table; `read_tables` is conftest's markdown_tables reader."""
    tables = read_tables(markdown)
    titles = table_titles(markdown)
    assert len(titles) == len(tables)
    return [(title, [header, *rows]) for title, (header, rows) in zip(titles, tables)]


def intended(cells: list[str]) -> list[str]:
    """A cell is one line: a line break inside a name is shown as a space."""
    return [" ".join(c.split()) if "\n" in c or "\r" in c else c for c in cells]


def list_items(markdown: str) -> list[str]:
    items, inside = [], 0
    for tok in PARSER.parse(markdown):
        if tok.type == "list_item_open":
            inside += 1
        elif tok.type == "list_item_close":
            inside -= 1
        elif tok.type == "inline" and inside:
            items.append("".join(k.content for k in tok.children or [] if k.type in ("text", "text_special")))
    return items


def headings(markdown: str) -> list[tuple[int, str]]:
    out, level = [], 0
    for tok in PARSER.parse(markdown):
        if tok.type == "heading_open":
            level = int(tok.tag[1])
        elif tok.type == "inline" and level:
            out.append((level, "".join(k.content for k in tok.children or [])))
            level = 0
    return out


@pytest.fixture(scope="module")
def demo_md(tmp_path_factory):
    from store.demo import demo_document

    workbook = tmp_path_factory.mktemp("md") / "torjun.json"
    Workbook.create(workbook, demo_document())
    return {"md": lkjip("export", workbook, "--format", "md").stdout,
            "json": json.loads(lkjip("tables", workbook, "--format", "json").stdout), "workbook": workbook}


def test_every_table_of_lkjip_tables_reads_back_with_exactly_its_cells(demo_md, markdown_tables):
    found = titled(demo_md["md"], markdown_tables)
    for expected in demo_md["json"]["tables"]:
        same = [rows for title, rows in found if title == expected["title"]]
        assert same, expected["title"]
        for rows in same:
            assert rows == [expected["columns"], *expected["rows"]], expected["id"]


def test_the_report_follows_the_order_of_the_lkjip(demo_md):
    chapters = [text for level, text in headings(demo_md["md"]) if level <= 2]
    assert chapters == ["LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", "KATA PENGANTAR", "PERNYATAAN TELAH DIREVIU",
                        "IKHTISAR EKSEKUTIF", "DAFTAR ISI", "BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA",
                        "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP", "LAMPIRAN"]
    md = demo_md["md"]
    order = [md.index(s) for s in ("**Tabel 1.1 ", "**Tabel 1.2 ", "**Tabel 2.1 ", "**Tabel 2.2 ",
                                   "**Perjanjian Kinerja Tahun 2022**", "**Tabel 3.1 ", "#### Sasaran 1: ",
                                   "#### Sasaran 2: ", "**Tabel 3.2 ", "**Tabel 3.5 ", "**Realisasi Anggaran",
                                   "## BAB IV", "**Pengukuran Kinerja Kegiatan Tahun 2022**")]
    assert order == sorted(order)
    assert md.startswith("> DRAF \u2014 diekspor ")


def test_the_daftar_isi_lists_the_sections(demo_md):
    items = list_items(demo_md["md"])
    for section in ("BAB I PENDAHULUAN", "C. Isu Strategis", "B. Realisasi Anggaran Tahun 2022",
                    "Lampiran 2. Pengukuran Kinerja Kegiatan Tahun 2022"):
        assert section in items


def test_generated_sentences_state_the_figures_of_the_tables(demo_md):
    md = demo_md["md"]
    assert ('Capaian sasaran 1 "Meningkatnya kualitas pelayanan Kecamatan" dengan indikator Indeks Kepuasan '
            'Masyarakat (IKM): realisasi 82,08 dari target 82,00, capaian 100,10% (Sangat Tinggi).') in md
    assert ("mengelola anggaran sebesar Rp 3.247.636.481 dengan realisasi Rp 3.031.504.622 atau serapan 93,34%"
            in md)
    assert "5 program, 12 kegiatan dan 34 sub kegiatan" in md
    assert "adalah 100,05% dengan predikat Sangat Tinggi" in md
    assert "tingkat kemajuan 99,43%" in md  # the seed printed 99,06 by hand


def test_narratives_appear_with_their_markdown(demo_md):
    md = demo_md["md"]
    assert "Kepemerintahan yang baik (*good governance*)" in md
    assert "**Permasalahan**" in md
    assert "Indeks Kepuasan Masyarakat diperoleh melalui survei" in md  # analisis:S1


def test_an_edited_realisasi_changes_table_and_ikhtisar_sentence(demo_path, markdown_tables):
    lkjip("set", demo_path, "kepuasan", "realisasi", "81,5", "--year", "2022")
    md = lkjip("export", demo_path, "--format", "md").stdout
    found = titled(md, markdown_tables)
    [rows] = [r for t, r in found if t == "Tabel 3.1 Capaian Kinerja Sasaran Tahun 2022"]
    ikm = next(r for r in rows if r[2] == "Indeks Kepuasan Masyarakat (IKM)")
    assert ikm[rows[0].index("Capaian (%)")] == "99,39"
    assert "realisasi 81,50 dari target 82,00, capaian 99,39% (Sangat Tinggi)." in md
    assert "capaian 100,10%" not in md


# -- names full of Markdown ------------------------------------------------------------------------------------------
AWKWARD = "Sasaran A | B *penting* _x_ \\ `kode` <b>tebal</b> &amp; [tautan](http://x)"


def awkward_document() -> dict:
    meta = new_meta(instansi="Kecamatan | Uji", pemda="Kabupaten *Uji*", periode_awal=2021, periode_akhir=2024,
                    tahun=2022)
    meta["profile_tahun"]["2022"] = {"kepala_nama": "NAMA_KEPALA", "kepala_nip": "1", "tempat": "Kota",
                                     "tanggal": "1 Mei"}
    doc = new_document(meta)
    tujuan = new_node("T1", "tujuan", "Tujuan | satu")
    sasaran = new_node("S1", "sasaran", AWKWARD, parent="T1")
    ind = new_indicator("S1/1", "Indeks | mutu *layanan*", satuan="%", target_akhir="90")
    ind["years"] = {"2021": {"realisasi": "70"}, "2022": {"target": "80", "realisasi": "84.5"}}
    sasaran["indicators"].append(ind)
    program = new_node("P1", "program", "Program | # satu", parent="S1", code="7.01.01")
    program["indicators"].append(new_indicator("P1/1", "1. bukan daftar | ya", satuan="dokumen"))
    sub = new_node("K1", "kegiatan", "- bukan butir", parent="P1", code="7.01.01.2.01")
    leaf = new_node("SK1", "subkegiatan", "Sub | kegiatan", parent="K1", code="7.01.01.2.01.0001")
    leaf["budget"] = {"2022": {"pagu": 1500, "realisasi": 1000, "pagu_pk": 2000}}
    for i, node in enumerate((tujuan, sasaran, program, sub, leaf), start=1):
        doc[NODES][str(i)] = node
    doc[ISU]["1"] = {"id": "I1", "order": 1, "masalah": "Masalah | dengan\nbaris baru",
                     "items": [{"pokok": "pokok *a*", "akar": "akar | b"}], "rev": 1}
    doc[NARRATIVE][str(len(doc[NARRATIVE]) + 1)] = {"key": "analisis:S1", "title": "Analisis", "rev": 1,
                                                    "texts": {"2022": "# Judul\n\nTeks **tebal**."}}
    return doc


@pytest.fixture
def awkward(tmp_path) -> Workbook:
    return Workbook.create(tmp_path / "aneh.json", awkward_document())


def test_tables_with_pipes_and_markup_in_names_read_back_exactly(awkward, markdown_tables):
    casc = awkward.cascade()
    md = render(awkward, "md", 2022).decode("utf-8")
    found = titled(md, markdown_tables)
    expected = [*T.build_all(casc, 2022), T.tabel_lampiran_kegiatan(casc, 2022)]
    assert any("|" in cell for t in expected for row in t.rows for cell in row)
    for table in expected:
        same = [rows for title, rows in found if title == table.title]
        assert same, table.title
        for rows in same:
            assert rows == [intended(table.columns), *[intended(r) for r in table.rows]], table.id


def test_generated_sentences_with_markup_in_names_read_back_as_plain_text(awkward):
    casc = awkward.cascade()
    md = render(awkward, "md", 2022).decode("utf-8")
    sentence = sentences.capaian_sasaran(casc, 1, casc.nodes["S1"], 2022)
    assert AWKWARD in sentence
    assert sentence in list_items(md)
    assert (2 + 1 + 1, f"Sasaran 1: {AWKWARD}") in headings(md)


def test_a_narrative_heading_sits_below_its_section(awkward):
    md = render(awkward, "md", 2022).decode("utf-8")
    # analisis:S1 sits under "Sasaran 1", point e (outline level 4, "#####"): its "# Judul" becomes "######".
    assert (6, "Judul") in headings(md)


def test_escape_text_keeps_block_markers_literal():
    for text in ("# bukan judul", "1. bukan daftar", "- bukan butir", "+ juga", "> bukan kutipan", "a | b"):
        tokens = PARSER.parse(escape_text(text))
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], text
        assert "".join(c.content for c in tokens[1].children) == text


def test_shift_headings_moves_atx_and_setext_but_not_code():
    text = "# Satu\n\nDua\n---\n\n```\n# bukan\n```\n\n> # dalam kutipan\n"
    shifted = shift_headings(text, 2)
    assert shifted.splitlines()[0] == "#### Satu"
    assert "##### Dua" in shifted.splitlines()
    assert "# bukan" in shifted.splitlines()
    assert "> # dalam kutipan" in shifted.splitlines()


def test_an_empty_narrative_is_marked_not_skipped(tmp_path):
    wb = Workbook.create(tmp_path / "kosong.json", new_document(new_meta(
        instansi="Kecamatan Kosong", pemda="Kabupaten X", periode_awal=2025, periode_akhir=2029, tahun=2025)))
    report = D.build(wb.cascade(), 2025, revision=0, exported=datetime(2026, 1, 5, 9, 30))
    notes = [b.text for b in report.blocks if isinstance(b, D.Paragraph) and b.note]
    assert "[Narasi \u201cKata Pengantar\u201d belum diisi.]" in notes
    md = render(wb, "md", 2025, now=datetime(2026, 1, 5, 9, 30)).decode("utf-8")
    assert md.startswith("> DRAF \u2014 diekspor 2026-01-05 09:30, revisi 0\n")
    assert "Anggaran Kecamatan Kosong tahun 2025 belum diisi. " in md
    assert "0 program, 0 kegiatan dan 0 sub kegiatan" in md
    assert "belum dapat dihitung" in md
