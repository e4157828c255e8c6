"""The copy the head signs and the inspectorate reviews (issue 22): a locked year exports without the DRAF mark and
with its lock in the footer, `--draf` marks it again; signature blocks as offices print them; the Pernyataan Telah
Direviu. Exported as operators export them and read back with python-docx (headers and footers from their XML)."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from reports.docx import paginate
from reports.docx.sign import is_signature
from reports.profile import pemda_heading
from reports.signing import Signatory
from store.edits.workbook import Workbook
from tests.support.cli import lkjip

ROOT = Path(__file__).resolve().parents[2]


def ok(*args: object) -> str:
    result = lkjip(*args, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


def export(workbook: Path, out: Path, *extra: object) -> docx.document.Document:
    ok("export", workbook, "--format", "docx", "--year", 2022, "-o", out, "--force", *extra)
    return docx.Document(str(out))


def headers_xml(document) -> str:
    """The text of every header part of the package (first-page headers included)."""
    return "".join(part.blob.decode("utf-8") for part in document.part.package.iter_parts()
                   if part.partname.startswith("/word/header"))


def footers_xml(document) -> str:
    return "".join(part.blob.decode("utf-8") for part in document.part.package.iter_parts()
                   if part.partname.startswith("/word/footer"))


def signature_tables(document) -> list[list[list[str]]]:
    """Every signature block as its rows of cell texts."""
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables if is_signature(t)]


def keeps_with_next(p) -> bool:
    """A paragraph element's keep-with-next as Word reads it (a `w:keepNext w:val="0"` is there and off)."""
    return Paragraph(p, None).paragraph_format.keep_with_next is True


def test_a_locked_year_exports_the_final_copy_and_draf_marks_it_again(demo_path: Path, tmp_path: Path) -> None:
    draft = export(demo_path, tmp_path / "draf.docx")
    assert "DRAF" in headers_xml(draft)  # an unlocked year is a draft
    assert "dikunci" not in footers_xml(draft)

    ok("lock", demo_path, "--year", 2022)
    lock = Workbook.open(demo_path).cascade().meta["locks"]["2022"]
    final = export(demo_path, tmp_path / "final.docx")
    assert "DRAF" not in headers_xml(final)
    assert f"Tahun 2022 dikunci {lock['at'][:10]}, revisi {lock['revision']}" in footers_xml(final)

    again = export(demo_path, tmp_path / "lagi.docx", "--draf")
    assert "DRAF" in headers_xml(again)
    assert "dikunci" not in footers_xml(again)


def test_the_pk_triwulan_and_md_of_a_locked_year_are_final_too(demo_path: Path, tmp_path: Path) -> None:
    ok("lock", demo_path, "--year", 2022)
    md = ok("export", demo_path, "--format", "md", "--year", 2022)
    assert "DRAF" not in md and md.rstrip().endswith("revisi 1*")
    pk = ok("export", demo_path, "--format", "md", "--doc", "pk", "--year", 2022)
    assert pk.startswith("# PERJANJIAN KINERJA TAHUN 2022") and "Tahun 2022 dikunci" in pk
    assert ok("export", demo_path, "--format", "md", "--doc", "pk", "--year", 2022, "--draf").startswith("> DRAF")
    ok("export", demo_path, "--format", "docx", "--doc", "triwulan", "--tw", 4, "--year", 2022, "-o",
       tmp_path / "tw.docx")
    tw = docx.Document(str(tmp_path / "tw.docx"))
    assert "DRAF" not in headers_xml(tw) and "Tahun 2022 dikunci" in footers_xml(tw)


def test_an_unlocked_pk_is_a_draft(demo_path: Path, tmp_path: Path) -> None:
    ok("export", demo_path, "--format", "docx", "--doc", "pk", "--year", 2022, "-o", tmp_path / "pk.docx")
    assert "DRAF" in headers_xml(docx.Document(str(tmp_path / "pk.docx")))


def test_the_bupati_signs_the_pk_without_nip_and_an_empty_head_leaves_dotted_lines(demo_path: Path,
                                                                                  tmp_path: Path) -> None:
    for field, value in (("pihak-kedua-nama", "H. SLAMET JUNAIDI"), ("pihak-kedua-jabatan", "BUPATI SAMPANG"),
                         ("kepala-nama", ""), ("kepala-nip", ""), ("kepala-pangkat", "")):
        ok("set", demo_path, "profil", field, value, "--year", 2022, *(["--clear"] if not value else []))
    ok("export", demo_path, "--format", "docx", "--doc", "pk", "--year", 2022, "-o", tmp_path / "pk.docx")
    document = docx.Document(str(tmp_path / "pk.docx"))
    assert document.paragraphs[1].text == "PEMERINTAH KABUPATEN SAMPANG"
    first = signature_tables(document)[0]
    kedua = [row[0] for row in first]  # pihak kedua on the left, pihak pertama on the right
    pertama = [row[1] for row in first]
    assert "H. SLAMET JUNAIDI" in kedua and "BUPATI SAMPANG" in kedua
    assert not any("NIP" in line for line in kedua)
    assert not any(line.strip(".") == "" and line for line in kedua[kedua.index("H. SLAMET JUNAIDI"):])
    name_row = kedua.index("H. SLAMET JUNAIDI")
    assert pertama[name_row] == "." * 36  # the names on one row, whatever wraps above
    assert pertama[name_row + 1] == "." * 36  # pangkat
    assert pertama[name_row + 2] == "NIP. " + "." * 36
    # The opening statement has no NIP line for him either.
    opening = [p.text for p in document.paragraphs]
    at = opening.index("Nama\t: H. SLAMET JUNAIDI")
    assert opening[at + 1] == "Jabatan\t: BUPATI SAMPANG"


def test_a_signature_block_never_stands_alone_on_a_page(demo_path: Path, tmp_path: Path) -> None:
    document = export(demo_path, tmp_path / "lkjip.docx")
    tables = [t for t in document.tables if is_signature(t)]
    assert len(tables) == 3  # Kata Pengantar, Pernyataan Telah Direviu, Penutup
    for table in tables:
        for n, row in enumerate(table.rows):
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
            if n < len(table.rows) - 1:
                assert all(c.paragraphs[0].paragraph_format.keep_with_next for c in row.cells)
        before = table._tbl.getprevious()
        assert before.tag == qn("w:p") and keeps_with_next(before)


def test_the_review_statement_carries_the_years_inspektur(demo_path: Path, tmp_path: Path) -> None:
    for field, value in (("inspektur-nama", "Drs. MOH. ARIEF"), ("inspektur-nip", "196801011990031001"),
                         ("inspektur-pangkat", "Pembina Utama Muda (IV/c)"), ("tanggal-reviu", "01 Maret 2023")):
        ok("set", demo_path, "profil", field, value, "--year", 2022)
    document = export(demo_path, tmp_path / "lkjip.docx")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings.index("PERNYATAAN TELAH DIREVIU") == headings.index("KATA PENGANTAR") + 1
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Kami telah mereviu Laporan Kinerja Kecamatan Torjun untuk tahun anggaran 2022")
               for t in texts)
    review = [row[-1] for row in signature_tables(document)[1]]
    assert review == ["Sampang, 01 Maret 2023", "INSPEKTUR KABUPATEN SAMPANG", "", "Drs. MOH. ARIEF",
                      "Pembina Utama Muda (IV/c)", "NIP. 196801011990031001"]
    md = ok("export", demo_path, "--format", "md", "--year", 2022)
    assert "## PERNYATAAN TELAH DIREVIU" in md and "**Drs. MOH. ARIEF**" in md


def test_an_empty_inspektur_leaves_dotted_lines(demo_path: Path, tmp_path: Path) -> None:
    review = [row[-1] for row in signature_tables(export(demo_path, tmp_path / "lkjip.docx"))[1]]
    assert review[3:] == ["." * 36, "." * 36, "NIP. " + "." * 36]


def test_who_prints_no_nip_line() -> None:
    def has_nip(jabatan: str, nip: str = "") -> bool:
        return Signatory(jabatan, "NAMA", "", nip).has_nip

    assert not has_nip("BUPATI SAMPANG") and not has_nip("Wali Kota Surabaya") and not has_nip("Wakil Bupati")
    assert has_nip("Pj. Bupati Sampang") and has_nip("Staf Ahli Bupati") and has_nip("CAMAT TORJUN")
    assert not has_nip("SEKRETARIS DAERAH", "-")  # typed as not applicable
    assert has_nip("BUPATI SAMPANG", "196801011990031001")  # a NIP that was typed is printed


def test_the_heading_names_the_pemerintah_once() -> None:
    assert pemda_heading("Kabupaten Sampang") == "PEMERINTAH KABUPATEN SAMPANG"
    assert pemda_heading("Pemerintah Kota Surabaya") == "PEMERINTAH KOTA SURABAYA"
    assert pemda_heading("  ") == ""


async def test_f7_exports_the_final_copy_of_a_locked_year(demo_path: Path, tmp_path: Path) -> None:
    from tui.app.app import LkjipApp

    Workbook.open(demo_path).lock_year(2022)
    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(tmp_path / "lkjip")
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Salinan final (tahun 2022 terkunci" in app.message, app.message
    md = (tmp_path / "lkjip.md").read_text(encoding="utf-8")
    assert "DRAF" not in md and "Tahun 2022 dikunci" in md


POINT_D = "d. Perbandingan realisasi kinerja dengan standar nasional"


def test_each_sasaran_is_analysed_in_seven_points(demo_path: Path) -> None:
    md = ok("export", demo_path, "--format", "md", "--year", 2022)
    sasaran_1 = md[md.index("#### Sasaran 1:"):md.index("#### Sasaran 2:")]
    points = [line[6:] for line in sasaran_1.splitlines() if line.startswith("##### ")]
    assert [p[:2] for p in points] == ["a.", "b.", "c.", "d.", "e.", "f.", "g."]
    # The first three from the data, as the tables have them (Tabel 3.2: 2021's 81,78; Tabel 3.3: 99,43%).
    assert "realisasi 82,08 dari target 82,00, capaian 100,10%" in sasaran_1
    assert "tahun 2021 sebesar 81,78; naik dari tahun 2021" in sasaran_1
    assert "tingkat kemajuan 99,43%" in sasaran_1
    assert "Narasi \u201cSasaran 1: Perbandingan realisasi kinerja dengan standar nasional\u201d belum diisi" in sasaran_1


def test_an_unfilled_point_prints_nothing_in_the_final_copy_and_check_lists_it(demo_path: Path) -> None:
    ok("set", demo_path, "narasi:analisis:S1:standar", "teks", "Standar nasional IKM adalah 76,61.", "--year", 2022)
    check = ok("check", demo_path, "--year", 2022)
    assert "Analisis sasaran 1 butir d" not in check  # written
    assert "Analisis sasaran 1 butir g (Analisis program dan kegiatan" in check and "masih kosong" in check
    # What the signed copy does with each: g is left out, f keeps its figures (Tabel 3.4 and 3.5 in words).
    lines = {line.split(" (")[0].split(": ", 1)[1]: line for line in check.splitlines() if "Analisis sasaran 1" in line}
    assert lines["Analisis sasaran 1 butir g"].endswith("salinan final tidak mencetaknya.")
    assert lines["Analisis sasaran 1 butir f"].endswith("salinan final hanya mencetak angkanya.")
    ok("lock", demo_path, "--year", 2022)
    assert "Analisis sasaran" not in ok("check", demo_path, "--year", 2022)  # locked: nothing to list any more
    md = ok("export", demo_path, "--format", "md", "--year", 2022)
    sasaran_1 = md[md.index("#### Sasaran 1:"):md.index("#### Sasaran 2:")]
    assert POINT_D in sasaran_1 and "Standar nasional IKM adalah 76,61." in sasaran_1
    assert "Analisis program dan kegiatan" not in sasaran_1 and "belum diisi" not in sasaran_1
    assert "f. Analisis efisiensi" in sasaran_1  # its figures are printed, written or not
    sasaran_2 = md[md.index("#### Sasaran 2:"):]
    assert "standar nasional" not in sasaran_2
    # The points printed are lettered in turn: d is the causes once the national standard is left out.
    assert "##### d. Analisis penyebab keberhasilan" in sasaran_2 and "##### e. Analisis efisiensi" in sasaran_2


def test_the_inspektur_is_of_the_pemda_entered_either_way(demo_path: Path) -> None:
    ok("set", demo_path, "profil", "pemda", "Pemerintah Kabupaten Sampang")
    md = ok("export", demo_path, "--format", "md", "--year", 2022)
    assert "INSPEKTUR KABUPATEN SAMPANG" in md and "PEMERINTAH PEMERINTAH" not in md
    assert "PEMERINTAH KABUPATEN SAMPANG" in md  # the cover


async def test_f5_lists_a_sasarans_analysis_points_in_report_order_and_saves_one(demo_path: Path) -> None:
    from tui.app.app import LkjipApp

    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        options = app.screen.query_one("OptionList")
        titles = [str(o.prompt) for o in options.options]
        first = titles.index("Sasaran 1: Perbandingan realisasi kinerja dengan standar nasional")
        assert titles[first + 1] == "Analisis Sasaran 1"  # the causes and solutions (e), as it always was
        assert titles[first + 2] == "Sasaran 1: Analisis efisiensi penggunaan sumber daya"
        assert titles[first + 3].startswith("Sasaran 1: Analisis program dan kegiatan")
        assert titles[first + 4] == "Sasaran 2: Perbandingan realisasi kinerja dengan standar nasional"
        options.highlighted = first
        await pilot.pause()
        area = app.screen.query_one("TextArea")
        area.focus()
        area.load_text("Standar pelayanan minimal nasional: IKM 76,61.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.message_error, app.message
    md = ok("export", demo_path, "--format", "md", "--year", 2022)
    assert "##### d. Perbandingan realisasi kinerja dengan standar nasional\n\nStandar pelayanan minimal" in md


@pytest.mark.parametrize("doc", ["pk", "triwulan"])
def test_the_pk_and_the_quarterly_report_are_drafts_until_locked_final_after_and_drafts_again_with_draf(
        demo_path: Path, tmp_path: Path, doc: str) -> None:
    """Both formats of both documents through the three states: unlocked, locked, locked with --draf."""
    args = ("--doc", doc, *(("--tw", 2) if doc == "triwulan" else ()), "--year", 2022)

    def both(name: str, *extra: object) -> tuple[str, str, str]:
        md = ok("export", demo_path, "--format", "md", *args, *extra)
        ok("export", demo_path, "--format", "docx", *args, "-o", tmp_path / f"{name}.docx", *extra)
        word = docx.Document(str(tmp_path / f"{name}.docx"))
        return md, headers_xml(word), footers_xml(word)

    md, header, footer = both("draf")
    assert md.startswith("> DRAF") and "DRAF" in header and "dikunci" not in md + footer
    ok("lock", demo_path, "--year", 2022)
    lock = Workbook.open(demo_path).cascade().meta["locks"]["2022"]
    line = f"Tahun 2022 dikunci {lock['at'][:10]}, revisi {lock['revision']}"
    md, header, footer = both("final")
    assert "DRAF" not in md + header and md.rstrip().endswith(f"*{line}*") and line in footer
    md, header, footer = both("lagi", "--draf")
    assert md.startswith("> DRAF") and "DRAF" in header and "dikunci" not in md + footer


def test_the_lkjip_md_of_a_locked_year_is_a_draft_again_with_draf(demo_path: Path) -> None:
    ok("lock", demo_path, "--year", 2022)
    md = ok("export", demo_path, "--format", "md", "--year", 2022, "--draf")
    assert md.startswith("> DRAF") and "dikunci" not in md


@pytest.mark.parametrize("doc", ["pk", "triwulan"])
def test_the_pk_and_quarterly_signature_blocks_keep_with_what_stands_before_them(demo_path: Path, tmp_path: Path,
                                                                                 doc: str) -> None:
    """The quarterly report's block once stood alone on its last page: it keeps with the paragraph before it, or
    with the table before it, so at least that table's last rows go over with it."""
    out = tmp_path / f"{doc}.docx"
    ok("export", demo_path, "--format", "docx", "--doc", doc, *(("--tw", 2) if doc == "triwulan" else ()),
       "--year", 2022, "-o", out)
    tables = [t for t in docx.Document(str(out)).tables if is_signature(t)]
    assert len(tables) == (2 if doc == "pk" else 1)  # the PK signs its statement and its lampiran
    for table in tables:
        for n, row in enumerate(table.rows):
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
            assert all(c.paragraphs[0].paragraph_format.keep_with_next for c in row.cells) == (n < len(table.rows) - 1)
        spacer = table._tbl.getprevious()
        assert keeps_with_next(spacer)
        before = spacer.getprevious()
        if before.tag == qn("w:tbl"):  # every row: LibreOffice keeps a table with what follows only then
            assert all(keeps_with_next(p) for p in before.iter(qn("w:p")))
        else:
            assert keeps_with_next(before)
    if doc == "triwulan":
        assert before.tag == qn("w:tbl")  # the budget table ends the report


def test_each_sasarans_analysis_in_word_has_the_seven_points_as_sub_headings(demo_path: Path, tmp_path: Path) -> None:
    document = export(demo_path, tmp_path / "lkjip.docx")
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    sasaran = [i for i, (style, text) in enumerate(headings) if style == "Heading 3" and text.startswith("Sasaran ")]
    assert len(sasaran) == 2
    for at in sasaran:
        points = []
        for style, text in headings[at + 1:]:
            if style != "Heading 4":
                break
            points.append(text)
        assert [p[:2] for p in points] == ["a.", "b.", "c.", "d.", "e.", "f.", "g."]
        assert points[3] == POINT_D and points[6].startswith("g. Analisis program dan kegiatan")


def test_an_empty_narrative_prints_no_placeholder_in_the_signed_copy_and_check_lists_it(tmp_path: Path) -> None:
    """The draft shows "[Narasi … belum diisi.]" to its reviewers; the copy the head signs never carries it: an
    empty section prints its heading alone, and `check` names it while the year can still be written."""
    workbook = tmp_path / "baru.json"
    ok("init", workbook, "--instansi", "Kecamatan Baru", "--pemda", "Kabupaten Contoh", "--periode", "2021-2026",
       "--tahun", "2022")
    ok("set", workbook, "narasi:bab1_umum", "teks", "Kecamatan Baru melayani tiga belas desa.", "--year", 2022)
    assert "*\\[Narasi \u201cKata Pengantar\u201d belum diisi.\\]*" in ok("export", workbook, "--format", "md")
    check = ok("check", workbook, "--year", 2022).splitlines()
    assert ("[peringatan] narasi:kata_pengantar: Narasi \u201cKata Pengantar\u201d tahun 2022 masih kosong; salinan "
            "final tidak mencetaknya.") in check
    assert not any(line.startswith("[peringatan] narasi:bab1_umum:") for line in check)  # written
    ok("lock", workbook, "--year", 2022)
    assert "Narasi" not in ok("check", workbook, "--year", 2022)
    md = ok("export", workbook, "--format", "md")
    assert "belum diisi.\\]" not in md and "Kecamatan Baru melayani tiga belas desa." in md
    assert "## KATA PENGANTAR" in md and "## BAB IV PENUTUP" in md  # the headings stay


def test_a_text_of_another_year_carries_no_note_in_the_signed_copy_and_check_names_it(demo_path: Path) -> None:
    """2023 has no texts of its own: the draft shows 2022's with a note for its reviewers, the signed copy without
    it, and `check` names each such text while 2023 is open."""
    note = "Teks ini masih teks tahun 2022; perbarui untuk tahun 2023."
    assert note in ok("export", demo_path, "--format", "md", "--year", 2023)
    check = ok("check", demo_path, "--year", 2023).splitlines()
    assert ("[peringatan] narasi:kata_pengantar: Narasi \u201cKata Pengantar\u201d tahun 2023 masih teks tahun 2022; "
            "salinan final mencetaknya tanpa catatan.") in check
    assert any(line.startswith("[peringatan] S1: Analisis sasaran 1 butir e") and "masih teks tahun 2022" in line
               for line in check)
    ok("lock", demo_path, "--year", 2023)
    assert "masih teks tahun" not in ok("check", demo_path, "--year", 2023)
    md = ok("export", demo_path, "--format", "md", "--year", 2023)
    assert "masih teks tahun" not in md and "Kepemerintahan yang baik" in md


@pytest.mark.skipif(not (paginate.soffice() and shutil.which("pdftotext")),
                    reason="LibreOffice (soffice) or pdftotext (poppler-utils) not installed")
def test_the_quarterly_reports_signature_is_not_alone_on_its_last_page_as_libreoffice_lays_it_out(
        demo_path: Path, tmp_path: Path) -> None:
    """The demo's TW II report ends its budget table near the foot of a page: the block goes over with the table's
    last rows, not alone (LibreOffice keeps a table with what follows only when every row does)."""
    out = tmp_path / "tw.docx"
    ok("export", demo_path, "--format", "docx", "--doc", "triwulan", "--tw", 2, "--year", 2022, "-o", out)
    pages = [p for p in paginate.page_texts(paginate.to_pdf(out.read_bytes())) or [] if p.strip()]
    assert pages
    last = pages[-1]
    assert "NIP. 197807142005011012" in last and "Jumlah" in last and "Rp 3.247.636.481" in last
