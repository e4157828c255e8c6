"""Figures that are saved but flagged (⚠), the two workbook settings for real reports' rules, and ambiguous numbers
refused on the command line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reports import checks, efisiensi, engine, plausibility
from store.edits.workbook import Workbook

from tests.cli.test_cli import lkjip, refused

PERSEN = "S2/1"  # Persentase Desa/Kelurahan dengan tata kelola administrasi … yang baik (satuan %)


def test_an_ambiguous_realisasi_is_refused_on_the_command_line_naming_both_readings(demo_path: Path) -> None:
    before = demo_path.read_bytes()
    message = refused(lkjip("set", demo_path, "kepuasan", "realisasi", "82.125"), "\u201c82.125\u201d")
    assert "82,125 atau 82125" in message
    assert demo_path.read_bytes() == before


def test_a_pagu_keyed_with_a_thousands_dot_saves_whole_rupiah(demo_path: Path) -> None:
    result = lkjip("set", demo_path, "7.01.02.2.02.0003", "pagu", "1.234")
    assert result.returncode == 0, result.stderr
    assert "Rp 1.234" in result.stdout
    node = Workbook.open(demo_path).cascade().nodes["7.01.02.2.02.0003"]
    assert node["budget"]["2022"]["pagu"] == 1234


def test_a_persentase_of_141_92_saves_with_a_warning_and_check_lists_a_peringatan(demo_path: Path) -> None:
    result = lkjip("set", demo_path, PERSEN, "realisasi", "141,92")
    assert result.returncode == 0, result.stderr
    assert "100,00 \u2192 141,92" in result.stdout
    assert "\u26a0 realisasi 141,92 di luar 0\u2013100" in result.stdout
    check = lkjip("check", demo_path)
    assert check.returncode == 0, check.stdout  # warnings alone never fail the check
    flagged = [line for line in check.stdout.splitlines() if line.startswith(f"[peringatan] {PERSEN}:")]
    assert any("141,92 di luar 0\u2013100" in line for line in flagged), check.stdout


def test_an_indicator_that_may_exceed_100_is_not_flagged(demo_path: Path) -> None:
    assert lkjip("set", demo_path, PERSEN, "batas-atas", "200").returncode == 0
    result = lkjip("set", demo_path, PERSEN, "realisasi", "141,92")
    assert result.returncode == 0 and "\u26a0" not in result.stdout, result.stdout


def test_capaian_above_the_workbook_threshold_below_zero_and_tenfold_jumps_are_flagged(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    wb.set("kepuasan", "realisasi", "291,5")  # IKM: target 82, last year 81,78
    reasons = [d.reason for d in plausibility.doubts_after_edit(wb.cascade(), "S1/1", 2022)]
    assert any("di atas batas wajar 150%" in r for r in reasons), reasons
    wb.set("kepuasan", "realisasi", "818")
    reasons = [d.reason for d in plausibility.doubts_after_edit(wb.cascade(), "S1/1", 2022)]
    assert any("sepuluh kali" in r for r in reasons), reasons
    wb.set("kepuasan", "arah", "negatif")
    wb.set("kepuasan", "realisasi", "200")  # (2 × 82 − 200) / 82 < 0
    reasons = [d.reason for d in plausibility.doubts_after_edit(wb.cascade(), "S1/1", 2022)]
    assert any("negatif" in r for r in reasons), reasons


def test_realisasi_anggaran_above_pagu_is_flagged_once_on_set(demo_path: Path) -> None:
    result = lkjip("set", demo_path, "7.01.02.2.02.0003", "realisasi-anggaran", "99.000.000")
    assert result.returncode == 0
    assert result.stdout.count("melebihi pagu") == 1, result.stdout


# -- the two settings, with worked examples (docs/RULES.md) ------------------------------------------------------------

def test_efisiensi_as_a_difference_by_default_and_as_a_ratio_when_the_workbook_says_so() -> None:
    selisih = efisiensi.Efisiensi(Decimal("99.92"), Decimal("94.00"))
    assert selisih.value == Decimal("5.92")
    assert efisiensi.efisiensi_label(selisih.value, {}) == "Efisien"
    rasio = efisiensi.Efisiensi(Decimal("99.92"), Decimal("94.00"), efisiensi.RASIO)
    assert rasio.value.quantize(Decimal("0.001")) == Decimal("1.063")  # the BPOM research centre: 1,063
    settings = {"efisiensi_rumus": "rasio"}
    assert efisiensi.efisiensi_label(rasio.value, settings) == "Efisien"
    assert efisiensi.efisiensi_label(Decimal("0.9"), settings) == "Tidak efisien"
    assert efisiensi.efisiensi_label(Decimal("1"), settings) == "Cukup efisien"


def test_a_workbook_set_to_ratio_efisiensi_shows_it_in_tabel_3_5(demo_path: Path) -> None:
    wb = Workbook.open(demo_path)
    casc = wb.cascade()
    sasaran = casc.of_level("sasaran")[0]
    before = efisiensi.sasaran_efisiensi(casc, sasaran, 2022)
    casc.meta["settings"]["efisiensi_rumus"] = "rasio"
    after = efisiensi.sasaran_efisiensi(casc, sasaran, 2022)
    assert after.value == before.capaian / before.serapan
    assert before.value == before.capaian - before.serapan


def test_a_negative_indicator_at_zero_under_t_over_r_is_undefined_unless_the_workbook_fixes_a_value() -> None:
    assert engine.ratio(Decimal(254), Decimal(0), "negatif", "T/R").value is None
    fixed = engine.ratio(Decimal(254), Decimal(0), "negatif", "T/R", Decimal(120))
    assert fixed.value == Decimal(120) and "pengaturan" in fixed.formula
    # the worked example still holds: kasus kriminal T=254, R=181 → 140,33% with T/R
    assert engine.ratio(Decimal(254), Decimal(181), "negatif", "T/R", Decimal(120)).formula.endswith("140,33")


def test_old_documents_without_the_new_settings_read_the_same(demo_path: Path) -> None:
    casc = Workbook.open(demo_path).cascade()
    settings = casc.meta["settings"]
    table_before = [efisiensi.sasaran_efisiensi(casc, s, 2022).value for s in casc.of_level("sasaran")]
    for key in ("efisiensi_rumus", "efisiensi_rasio_atas", "efisiensi_rasio_bawah", "negatif_nol_nilai",
                "capaian_batas_wajar"):
        settings.pop(key, None)
    assert [efisiensi.sasaran_efisiensi(casc, s, 2022).value for s in casc.of_level("sasaran")] == table_before
    assert not checks.has_errors([f for f in checks.run(casc, 2022) if "wajar" in f.message])


def test_tabel_3_5_and_its_sentence_follow_the_efisiensi_setting(demo_path: Path) -> None:
    from reports.outline import sentences
    from reports import tables

    casc = Workbook.open(demo_path).cascade()
    sasaran = casc.of_level("sasaran")[0]
    e = efisiensi.sasaran_efisiensi(casc, sasaran, 2022)
    row = tables.tabel_3_5(casc, 2022).rows[0]
    assert row[3] == e.shown and len(row[3].split(",")[1]) == 2
    assert "dikurangi" in sentences.anggaran_sasaran(casc, sasaran, 2022)
    casc.meta["settings"]["efisiensi_rumus"] = "rasio"
    row = tables.tabel_3_5(casc, 2022).rows[0]
    assert len(row[3].split(",")[1]) == 3  # 1,063 as the BPOM centre printed it
    assert "dibagi" in sentences.anggaran_sasaran(casc, sasaran, 2022)


def test_the_quarterly_capaian_of_a_negative_indicator_at_zero_follows_the_workbook_value_as_the_year_does() -> None:
    # T=5 kasus, every quarter 0, T/R, the workbook fixing 120: the year's capaian and the monev's say the same.
    ind = {"arah": "negatif", "tw_rule": "kumulatif",
           "years": {"2022": {"target": "5", "tw": {"1": "0", "2": "0", "3": "0", "4": "0"}}}}
    settings = {"negatif_rumus": "T/R", "negatif_nol_nilai": "120"}
    assert engine.capaian(ind, 2022, settings).value == Decimal(120)
    assert engine.capaian_sd_tw(ind, 2022, 4, settings).value == Decimal(120)
    assert engine.capaian_sd_tw(ind, 2022, 2, settings).value == Decimal(120)
