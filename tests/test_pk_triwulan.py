"""The year's other documents: the Perjanjian Kinerja and the quarterly report (monev triwulan), exported as the
operators export them (`lkjip export --doc pk|triwulan`) and read back."""

from __future__ import annotations

import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path

from reports import engine
from store.workbook import Workbook
from tui.rows import explain
from support.cli import lkjip as run_lkjip

ROOT = Path(__file__).resolve().parents[1]
IKM = "S1/1"  # Indeks Kepuasan Masyarakat: indeks, so nilai akhir by default
DESA = "S2/1"  # Persentase Desa/Kelurahan …: %, nilai akhir
SUB = "7.01.02.2.02.0003"  # a sub kegiatan of program 7.01.02


def lkjip(*args: object) -> subprocess.CompletedProcess:
    return run_lkjip(*args, cwd=ROOT)


def ok(*args: object) -> str:
    result = lkjip(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def pk_rows(demo_path: Path) -> list[list[str]]:
    tables = json.loads(ok("tables", demo_path, "--table", "pk", "--format", "json"))["tables"]
    return tables[0]["rows"]


# -- the Perjanjian Kinerja -----------------------------------------------------------------------------------------
def test_the_demo_pk_in_word_names_the_head_every_target_and_the_pk_budget(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "pk.docx"
    ok("export", demo_path, "--doc", "pk", "--format", "docx", "-o", out)
    text = docx_text(out)
    assert "PERJANJIAN KINERJA TAHUN 2022" in text
    assert "SAFFAK,SE.MM." in text and "197807142005011012" in text and "CAMAT TORJUN" in text
    rows = pk_rows(demo_path)
    assert len(rows) == 2  # the demo's two sasaran, one indicator each
    for row in rows:
        indicator, target = row[2], row[4]
        assert indicator in text and target in ("82,00", "100,00")
        # The indicator's row of the Word table carries its 2022 target.
        assert re.search(re.escape(indicator) + r"\n[^\n]*\n" + re.escape(target), text), indicator
    assert "Rp 3.158.758.766" in text
    # Pihak kedua is not in the demo's profile: a dotted line to fill in, never an empty "Nama :".
    assert re.search(r"Nama\t: \.{10,}", text)
    assert "pihak kedua" in text


def test_pihak_kedua_set_in_the_profile_signs_the_pk(demo_path: Path) -> None:
    ok("set", demo_path, "profil", "pihak-kedua-nama", "H. SLAMET JUNAIDI, S.Sos., M.Si.")
    ok("set", demo_path, "profil", "pihak-kedua-jabatan", "BUPATI SAMPANG")
    ok("set", demo_path, "profil", "tanggal-pk", "03 Januari 2022")
    md = ok("export", demo_path, "--doc", "pk", "--format", "md")
    assert "Nama: H. SLAMET JUNAIDI, S.Sos., M.Si." in md
    assert "Jabatan: BUPATI SAMPANG" in md
    assert "Sampang, 03 Januari 2022" in md
    assert md.count("**H. SLAMET JUNAIDI, S.Sos., M.Si.**") == 2  # signs the statement and the attachment


def test_the_pk_tables_in_markdown_are_the_pk_tables_of_lkjip_tables(demo_path: Path, markdown_tables) -> None:
    md = ok("export", demo_path, "--doc", "pk", "--format", "md")
    (_, sasaran), (_, anggaran) = markdown_tables(md)
    assert sasaran == pk_rows(demo_path)
    assert anggaran[-1][-1] == "Rp 3.158.758.766"
    assert md.startswith("> DRAF \u2014 diekspor ")  # 2022 is not locked: a draft
    assert md.split("\n\n")[1] == "# PERJANJIAN KINERJA TAHUN 2022"


def test_the_pk_of_another_year_takes_that_years_targets(demo_path: Path) -> None:
    ok("set", demo_path, IKM, "target", "83,5", "--year", "2023")
    md = ok("export", demo_path, "--doc", "pk", "--format", "md", "--year", "2023")
    assert "PERJANJIAN KINERJA TAHUN 2023" in md and "83,50" in md


# -- the quarterly report ---------------------------------------------------------------------------------------------
def _filled_quarters(demo_path: Path) -> None:
    """IKM (nilai akhir) 80,5 then 82,1; a kumulatif count indicator 3 then 4; TW III and IV empty."""
    ok("set", demo_path, IKM, "tw1", "80,5")
    ok("set", demo_path, IKM, "tw2", "82,1")


def _triwulan_md(demo_path: Path, tw: int) -> str:
    return ok("export", demo_path, "--doc", "triwulan", "--tw", tw, "--format", "md")


def _indicator_row(tables, md: str, name: str) -> list[str]:
    for _, rows in tables(md):
        for row in rows:
            if name in row:
                return row
    raise AssertionError(name)


def test_the_tw_ii_report_gives_the_realisasi_so_far_that_x_explains(demo_path: Path, markdown_tables) -> None:
    _filled_quarters(demo_path)
    md = _triwulan_md(demo_path, 2)
    row = _indicator_row(markdown_tables, md, "Indeks Kepuasan Masyarakat (IKM)")
    # Target, TW I, TW II, the rule, realisasi s.d. TW II, capaian s.d. TW II, predikat.
    assert row[4:] == ["82,00", "80,50", "82,10", "nilai akhir", "82,10", "100,12", "Sangat Tinggi"], row
    casc = Workbook.open(demo_path).cascade()
    said = explain(casc, IKM, "realisasi", 2022)  # what `x` on the Realisasi cell says
    assert "diketik 82,08" in said and re.search(r"s\.d\. TW II \(nilai akhir\).*= 82,10", said), said
    # The year's capaian stays the typed year value's: the quarters never replace it.
    assert re.search(r"= 100,10 ", explain(casc, IKM, "capaian", 2022))
    # TW I alone: the capaian so far is TW I's.
    row = _indicator_row(markdown_tables, _triwulan_md(demo_path, 1),
                         "Indeks Kepuasan Masyarakat (IKM)")
    assert row[-3:] == ["80,50", "98,17", "Sangat Tinggi"], row


def test_a_kumulatif_indicator_sums_its_quarters_up_to_the_report_quarter(demo_path: Path,
                                                                          markdown_tables) -> None:
    casc = Workbook.open(demo_path).cascade()
    ind_id, name = next((i, ind["name"]) for i, (node, ind) in casc.indicators.items()
                        if node["level"] == "subkegiatan" and engine.tw_rule_of(ind) == "kumulatif")
    ok("set", demo_path, ind_id, "target", "8")
    for q, value in ((1, "1"), (2, "2"), (3, "4")):
        ok("set", demo_path, ind_id, f"tw{q}", value)
    row = _indicator_row(markdown_tables, _triwulan_md(demo_path, 2), name)
    assert row[-3:] == ["kumulatif", "3,00", "37,50"], row  # TW I + TW II (not TW III) against 8
    row = _indicator_row(markdown_tables, _triwulan_md(demo_path, 4), name)
    assert row[-3:] == ["kumulatif", "7,00", "87,50"], row


def test_nilai_akhir_takes_the_latest_filled_quarter_up_to_n() -> None:
    ind = {"satuan": "%", "tw_rule": None, "years": {"2022": {"target": "100", "tw": {"1": "70", "3": "90"}}}}
    assert engine.realisasi_sd_tw(ind, 2022, 2) == Decimal(70)
    assert engine.realisasi_sd_tw(ind, 2022, 4) == Decimal(90)
    assert engine.realisasi_of(ind, 2022) is None  # TW IV empty: the year is not over
    ind["tw_rule"] = "kumulatif"
    assert engine.realisasi_sd_tw(ind, 2022, 2) == Decimal(70)
    assert engine.realisasi_sd_tw(ind, 2022, 3) == Decimal(160)
    empty = {"satuan": "%", "years": {"2022": {"target": "100", "realisasi": "95"}}}
    assert engine.realisasi_sd_tw(empty, 2022, 4) is None  # no quarter filled: nothing so far, never zero


def test_budget_spent_up_to_the_quarter_sums_the_quarterly_realisasi_anggaran(demo_path: Path,
                                                                              markdown_tables) -> None:
    before = json.loads(ok("tables", demo_path, "--table", "anggaran", "--format", "json"))
    ok("set", demo_path, SUB, "realisasi-anggaran-tw1", "Rp 1.000.000")
    said = ok("set", demo_path, SUB, "realisasi-anggaran-tw2", "2.500.000")
    assert "Realisasi anggaran s.d. TW II 2022: Rp 3.500.000" in said
    ok("set", demo_path, SUB, "realisasi-anggaran-tw3", "4.000.000")
    md = _triwulan_md(demo_path, 2)
    budget = markdown_tables(md)[-1][1]
    sub = next(r for r in budget if r[0] == SUB)
    program = next(r for r in budget if r[0] == "7.01.02")
    assert sub[3] == "Rp 3.500.000" and program[3] == "Rp 3.500.000"  # TW I + TW II, summed upwards
    others = [r for r in budget if r[0].startswith("7.01.01")]
    assert others and all(r[3] == "\u2014" and r[4] == "\u2014" for r in others)  # no quarter filled: "—"
    assert budget[-1][1:4] == ["Jumlah", before["tables"][0]["rows"][-1][3], "Rp 3.500.000"]
    # The year's realisasi anggaran stays as entered: the quarters never override it.
    assert json.loads(ok("tables", demo_path, "--table", "anggaran", "--format", "json")) == before


def test_a_closed_year_refuses_quarterly_budget_figures(demo_path: Path) -> None:
    ok("lock", demo_path, "--year", "2022")
    result = lkjip("set", demo_path, SUB, "realisasi-anggaran-tw1", "1.000.000")
    assert result.returncode == 1 and "dikunci" in result.stderr


def test_the_triwulan_report_in_word(demo_path: Path, tmp_path: Path) -> None:
    _filled_quarters(demo_path)
    out = tmp_path / "tw2.docx"
    ok("export", demo_path, "--doc", "triwulan", "--tw", "2", "--format", "docx", "-o", out)
    text = docx_text(out)
    assert "TRIWULAN II TAHUN 2022" in text and "100,12" in text and "SAFFAK,SE.MM." in text


def test_the_documents_refuse_what_they_cannot_do(demo_path: Path) -> None:
    for args in (("--doc", "triwulan", "--format", "md"), ("--doc", "pk", "--tw", "2", "--format", "md"),
                 ("--doc", "pk", "--format", "json"), ("--doc", "triwulan", "--tw", "5", "--format", "md")):
        result = lkjip("export", demo_path, *args)
        assert result.returncode == 2, (args, result)
        assert result.stdout == "" and "Traceback" not in result.stderr and result.stderr.strip()


def test_lkjip_stays_the_default_document(demo_path: Path) -> None:
    assert "LAPORAN KINERJA INSTANSI PEMERINTAH" in ok("export", demo_path, "--format", "md")


async def test_the_export_view_chooses_the_pk_with_ctrl_t(demo_path: Path, tmp_path: Path) -> None:
    from tui.app import LkjipApp

    app = LkjipApp(Workbook.open(demo_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "Perjanjian Kinerja" in app.message
        assert app.screen.query_one("#export-path").value.endswith("PK-torjun")
        app.screen.query_one("#export-path").value = str(tmp_path / "pk")
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert "\n\n# PERJANJIAN KINERJA TAHUN 2022\n" in (tmp_path / "pk.md").read_text(encoding="utf-8")
