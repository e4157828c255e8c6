"""The capaian engine against the worked examples and rules of docs/RULES.md."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reports import efisiensi, engine
from store.domain.cascade import Cascade
from store.domain.model import NODES, default_settings, new_document, new_indicator, new_meta, new_node
from store.text.numbers import canonical, format_percent

D = Decimal
YEAR = 2022


def indicator(target=None, realisasi=None, *, arah="positif", satuan="indeks", tw=None, tw_rule=None,
              negatif_rumus=None, target_akhir=None, name="Indikator"):
    ind = new_indicator("X/1", name, satuan=satuan, arah=arah, target_akhir=target_akhir)
    ind["negatif_rumus"] = negatif_rumus
    ind["tw_rule"] = tw_rule
    slot = {"target": target, "realisasi": realisasi}
    if tw:
        slot["tw"] = tw
    ind["years"][str(YEAR)] = slot
    return ind


def shown(ind, settings=None) -> str:
    return format_percent(engine.capaian(ind, YEAR, settings or default_settings()).value)


# -- capaian -------------------------------------------------------------------------------------------------------


def test_ikm_target_82_realisasi_82_08_gives_100_10():
    c = engine.capaian(indicator("82", "82.08"), YEAR, default_settings())
    assert format_percent(c.value) == "100,10"
    assert c.value == D("82.08") / D("82") * 100  # the raw value is kept; rounding is for display only
    assert c.formula == "82,08 / 82 \u00d7 100 = 100,10"


def test_kasus_kriminal_is_negative_and_the_default_rule_is_2t_minus_r():
    kasus = indicator("254", "181", arah="negatif", satuan="kasus")
    c = engine.capaian(kasus, YEAR, default_settings())
    assert format_percent(c.value) == "128,74"
    assert "2 \u00d7 254 \u2212 181" in c.formula


def test_an_office_that_uses_t_over_r_sets_it_for_the_workbook():
    settings = default_settings() | {"negatif_rumus": "T/R"}
    assert shown(indicator("254", "181", arah="negatif"), settings) == "140,33"


def test_one_indicator_can_override_the_workbook_rule_both_ways():
    t_over_r = indicator("254", "181", arah="negatif", negatif_rumus="T/R")
    assert shown(t_over_r) == "140,33"
    two_t = indicator("254", "181", arah="negatif", negatif_rumus="2T-R")
    assert shown(two_t, default_settings() | {"negatif_rumus": "T/R"}) == "128,74"


def test_a_negative_indicator_that_meets_its_target_exactly_is_100_not_0():
    assert shown(indicator("254", "254", arah="negatif")) == "100,00"
    assert shown(indicator("254", "254", arah="negatif", negatif_rumus="T/R")) == "100,00"


@pytest.mark.parametrize(
    "target,realisasi,reason",
    [(None, "82.08", "target"), ("0", "82.08", "nol"), ("82", None, "realisasi")],
    ids=["target missing", "target zero", "realisasi missing"],
)
def test_capaian_without_a_usable_target_or_realisasi_is_undefined_never_zero(target, realisasi, reason):
    for arah in ("positif", "negatif"):
        c = engine.capaian(indicator(target, realisasi, arah=arah), YEAR, default_settings())
        assert c.value is None
        assert reason in c.formula
        assert format_percent(c.value) == "\u2014"
        assert engine.predikat(c.value, default_settings()) == "\u2014"


def test_t_over_r_with_realisasi_zero_is_undefined():
    c = engine.capaian(indicator("5", "0", arah="negatif", negatif_rumus="T/R"), YEAR, default_settings())
    assert c.value is None
    assert "nol" in c.formula
    # The default rule is defined there: no case at all is twice as good as the target.
    assert shown(indicator("5", "0", arah="negatif")) == "200,00"


def test_a_year_without_any_values_is_undefined():
    assert engine.capaian(indicator("82", "82.08"), YEAR + 1, default_settings()).value is None


# -- no cap, unless the workbook sets one for predikat and averages --------------------------------------------------


def test_capaian_is_never_capped_by_default():
    c = engine.capaian(indicator("254", "181", arah="negatif"), YEAR, default_settings())
    assert format_percent(c.value) == "128,74"
    assert engine.capped(c.value, default_settings()) == c.value


def _one_sasaran(*indicators):
    meta = new_meta(instansi="Kecamatan Uji", pemda="Kabupaten Uji", periode_awal=2019, periode_akhir=2024, tahun=YEAR)
    doc = new_document(meta)
    tujuan = new_node("T1", "tujuan", "Tujuan")
    sasaran = new_node("S1", "sasaran", "Sasaran", parent="T1")
    sasaran["indicators"] = list(indicators)
    doc[NODES] = {"1": tujuan, "2": sasaran}
    return doc, sasaran


def test_a_cap_changes_only_predikat_and_averages_never_the_capaian_shown():
    kasus = indicator("254", "181", arah="negatif")
    low = indicator("100", "60")
    bands = [{"min": "110", "label": "Melampaui"}, {"min": "80", "label": "Tercapai"},
             {"min": None, "label": "Belum tercapai"}]
    free = default_settings() | {"predikat": bands}
    capped = free | {"cap": "100"}

    raw = engine.capaian(kasus, YEAR, capped).value
    assert format_percent(raw) == "128,74"
    assert engine.predikat(raw, free) == "Melampaui"
    assert engine.predikat(raw, capped) == "Tercapai"

    _, sasaran = _one_sasaran(kasus, low)
    assert format_percent(engine.sasaran_capaian(sasaran, YEAR, free)) == "94,37"  # (128,74 + 60) / 2
    assert format_percent(engine.sasaran_capaian(sasaran, YEAR, capped)) == "80,00"  # (100 + 60) / 2


# -- predikat bands as data -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,label",
    [
        ("100", "Sangat Tinggi"),
        ("91", "Sangat Tinggi"),
        ("90.99", "Tinggi"),
        ("76", "Tinggi"),
        ("75.999", "Sedang"),
        ("66", "Sedang"),
        ("65.99", "Rendah"),
        ("51", "Rendah"),
        ("50.99", "Sangat Rendah"),
        ("0", "Sangat Rendah"),
        ("-20", "Sangat Rendah"),
    ],
)
def test_default_predikat_follows_permendagri_86_2017_at_the_boundaries(value, label):
    assert engine.predikat(D(value), default_settings()) == label


def test_a_kabupaten_with_its_own_labels_and_bands_gets_them_in_any_order():
    bands = [
        {"min": None, "label": "Sangat Kurang"},
        {"min": "60", "label": "Cukup"},
        {"min": "90", "label": "Sangat Baik"},
        {"min": "40", "label": "Kurang"},
        {"min": "75", "label": "Baik"},
    ]
    s = default_settings() | {"predikat": bands}
    assert [engine.predikat(D(v), s) for v in ("95", "90", "89.9", "75", "60", "59", "40", "39.99")] == [
        "Sangat Baik", "Sangat Baik", "Baik", "Baik", "Cukup", "Kurang", "Kurang", "Sangat Kurang"]


# -- averages -------------------------------------------------------------------------------------------------------------


def test_sasaran_capaian_is_the_average_of_its_indicators_and_skips_undefined_ones():
    _, sasaran = _one_sasaran(indicator("82", "82.08"), indicator("100", "90"), indicator(None, "5"))
    avg = engine.sasaran_capaian(sasaran, YEAR, default_settings())
    assert avg == (D("82.08") / 82 * 100 + D(90)) / 2
    assert format_percent(avg) == "95,05"


def test_a_sasaran_with_no_defined_capaian_has_no_average():
    _, sasaran = _one_sasaran(indicator(None, None))
    assert engine.sasaran_capaian(sasaran, YEAR, default_settings()) is None


def test_instansi_capaian_is_the_average_of_its_sasaran():
    doc, _ = _one_sasaran(indicator("82", "82.08"), indicator("100", "90"))
    second = new_node("S2", "sasaran", "Sasaran dua", parent="T1", order=2)
    second["indicators"] = [indicator("100", "100")]
    doc[NODES]["3"] = second
    casc = Cascade(doc)
    expected = ((D("82.08") / 82 * 100 + 90) / 2 + 100) / 2
    assert engine.instansi_capaian(casc, YEAR) == expected
    assert format_percent(engine.instansi_capaian(casc, YEAR)) == "97,52"


# -- tingkat kemajuan --------------------------------------------------------------------------------------------------


def test_kemajuan_of_ikm_against_the_renstra_end_target_is_99_43_not_the_seeds_99_06():
    ikm = indicator("82", "82.08", target_akhir="82.55")
    assert format_percent(engine.kemajuan(ikm, YEAR, default_settings()).value) == "99,43"


def test_kemajuan_of_a_negative_indicator_uses_the_capaian_rule():
    kasus = indicator("254", "181", arah="negatif", target_akhir="200")
    assert format_percent(engine.kemajuan(kasus, YEAR, default_settings()).value) == "109,50"  # (400-181)/200
    assert engine.kemajuan(indicator("82", "82.08"), YEAR, default_settings()).value is None  # no end target


# -- triwulan --------------------------------------------------------------------------------------------------------


def test_a_kumulatif_indicator_sums_the_filled_quarters():
    dokumen = indicator("12", None, satuan="dokumen", tw={"1": "3", "2": "4", "3": None, "4": "2"})
    assert engine.tw_rule_of(dokumen) == "kumulatif"
    assert engine.realisasi_of(dokumen, YEAR) == 9
    assert shown(dokumen) == "75,00"


def test_a_nilai_akhir_indicator_takes_the_latest_filled_quarter():
    ikm = indicator("82", None, satuan="indeks", tw={"1": "80.5", "2": "81.25", "3": None, "4": "82.08"})
    assert engine.tw_rule_of(ikm) == "nilai_akhir"
    assert engine.realisasi_of(ikm, YEAR) == D("82.08")
    assert shown(ikm) == "100,10"


def test_before_tw_iv_the_year_has_no_realisasi_from_its_quarters():
    ikm = indicator("82", None, satuan="indeks", tw={"1": "80.5", "2": "81.25", "3": "82.08"})
    assert engine.realisasi_of(ikm, YEAR) is None  # the year is not over: yearly tables show —
    assert engine.realisasi_sd_tw(ikm, YEAR, 3) == D("82.08")  # the quarterly report's "s.d. TW III"
    assert shown(ikm) == "\u2014"


@pytest.mark.parametrize("satuan,name,rule", [
    ("%", "Indikator", "nilai_akhir"), ("indeks", "Indikator", "nilai_akhir"), ("Nilai", "Indikator", "nilai_akhir"),
    ("persen", "x", "nilai_akhir"), ("Rasio", "x", "nilai_akhir"), ("predikat", "x", "nilai_akhir"),
    ("opini", "x", "nilai_akhir"), ("skor", "x", "nilai_akhir"),
    ("", "Persentase pelayanan yang diselesaikan", "nilai_akhir"), ("", "Indeks Kepuasan Masyarakat", "nilai_akhir"),
    ("", "Tingkat partisipasi", "nilai_akhir"), ("", "Opini BPK", "nilai_akhir"), ("", "Rasio x", "nilai_akhir"),
    ("", "Skor x", "nilai_akhir"), ("", "Nilai SAKIP", "nilai_akhir"), ("buah", "Persentase x", "nilai_akhir"),
    ("dokumen", "Indikator", "kumulatif"), ("kasus", "Indikator", "kumulatif"), ("Dok", "Jumlah dokumen", "kumulatif"),
    ("Unit", "Jumlah x", "kumulatif"), ("orang", "x", "kumulatif"), ("Laporan", "x", "kumulatif"),
    ("kegiatan", "x", "kumulatif"), ("desa", "x", "kumulatif"), ("paket", "x", "kumulatif"), ("kali", "x", "kumulatif"),
    # Nothing settles these: no rule until the operator sets one (never a guess).
    ("", "Indikator", None), ("", "Jumlah surat keluar", None), ("buah", "Jumlah sarana", None),
    ("Bulan", "Cakupan layanan kantor", None), ("dokumen", "Persentase dokumen yang tepat waktu", None),
])
def test_the_default_quarter_rule_follows_the_unit_and_the_name(satuan, name, rule):
    assert engine.tw_rule_of(indicator(satuan=satuan, name=name)) == rule


def test_the_quarter_rule_can_be_set_per_indicator():
    persen = indicator("100", None, satuan="%", tw={"1": "20", "2": "30", "4": "10"}, tw_rule="kumulatif")
    assert engine.realisasi_of(persen, YEAR) == 60
    kasus = indicator("10", None, satuan="kasus", tw={"1": "4", "3": "7", "4": "2"}, tw_rule="nilai_akhir")
    assert engine.realisasi_of(kasus, YEAR) == 2
    buah = indicator("10", None, satuan="buah", tw={"1": "4", "2": "3", "3": "1", "4": "2"})
    assert engine.realisasi_of(buah, YEAR) is None and engine.realisasi_sd_tw(buah, YEAR, 2) is None
    buah["tw_rule"] = "kumulatif"
    assert engine.realisasi_of(buah, YEAR) == 10


def test_without_quarters_the_typed_realisasi_counts():
    assert engine.realisasi_of(indicator("82", "82.08", tw={"1": None}), YEAR) == D("82.08")


def test_a_typed_year_value_is_never_replaced_by_the_quarters():
    ikm = indicator("82", "83.45", satuan="indeks", tw={"1": "80", "2": "81"})
    assert engine.realisasi_of(ikm, YEAR) == D("83.45")
    ikm["years"][str(YEAR)]["tw"].update({"3": "82", "4": "90"})
    r = engine.realisasi_tahun(ikm, YEAR)
    assert (r.value, r.from_quarters, r.disagrees) == (D("83.45"), D(90), True)
    assert shown(ikm) == "101,77"


# -- anggaran: serapan, roll-up, efisiensi -----------------------------------------------------------------------------


def test_serapan_is_realisasi_over_pagu():
    a = engine.Anggaran(pagu=3_247_636_481, realisasi=3_031_504_622, pagu_pk=None)
    assert format_percent(a.serapan) == "93,34"
    assert engine.Anggaran(pagu=0, realisasi=5, pagu_pk=None).serapan is None
    assert engine.Anggaran(pagu=None, realisasi=5, pagu_pk=None).serapan is None
    assert engine.Anggaran(pagu=100, realisasi=None, pagu_pk=None).serapan is None


def _budget_tree(kegiatan_typed=None):
    doc, sasaran = _one_sasaran(indicator("82", "82.08"))
    program = new_node("P", "program", "Program", parent="S1", code="7.01.02")
    kegiatan = new_node("K", "kegiatan", "Kegiatan", parent="P", code="7.01.02.2.02")
    sub_a = new_node("A", "subkegiatan", "Sub A", parent="K", code="7.01.02.2.02.0001", order=1)
    sub_b = new_node("B", "subkegiatan", "Sub B", parent="K", code="7.01.02.2.02.0002", order=2)
    sub_a["budget"][str(YEAR)] = {"pagu": 1_000_000, "realisasi": 900_000}
    sub_b["budget"][str(YEAR)] = {"pagu": 500_000, "realisasi": 500_000}
    program["budget"][str(YEAR)] = {"pagu_pk": 1_400_000}
    if kegiatan_typed is not None:
        kegiatan["budget"][str(YEAR)] = {"pagu": kegiatan_typed, "realisasi": kegiatan_typed}
    for n, node in enumerate((program, kegiatan, sub_a, sub_b), start=3):
        doc[NODES][str(n)] = node
    return Cascade(doc)


def test_parents_are_the_sums_of_their_sub_kegiatan():
    casc = _budget_tree()
    for node_id in ("K", "P"):
        a = engine.anggaran(casc, casc.nodes[node_id], YEAR)
        assert (a.pagu, a.realisasi) == (1_500_000, 1_400_000)
    assert engine.anggaran(casc, casc.nodes["P"], YEAR).pagu_pk == 1_400_000
    total = engine.instansi_anggaran(casc, YEAR)
    assert (total.pagu, total.realisasi) == (1_500_000, 1_400_000)
    assert format_percent(total.serapan) == "93,33"


def test_a_figure_typed_on_a_kegiatan_is_not_added_to_its_sub_kegiatan():
    casc = _budget_tree(kegiatan_typed=7_777_777)
    for node_id in ("K", "P"):
        a = engine.anggaran(casc, casc.nodes[node_id], YEAR)
        assert (a.pagu, a.realisasi) == (1_500_000, 1_400_000)


def test_a_kegiatan_without_sub_kegiatan_figures_keeps_its_own():
    casc = _budget_tree(kegiatan_typed=2_000_000)
    for sub in ("A", "B"):
        casc.nodes[sub]["budget"] = {}
    assert engine.anggaran(casc, casc.nodes["P"], YEAR).pagu == 2_000_000


def test_a_sasaran_budget_is_its_programs_unless_it_names_its_budget_nodes():
    casc = _budget_tree()
    assert engine.sasaran_anggaran(casc, casc.nodes["S1"], YEAR).pagu == 1_500_000
    casc.nodes["S1"]["budget_refs"] = ["B"]
    assert engine.sasaran_anggaran(casc, casc.nodes["S1"], YEAR).pagu == 500_000


def test_efisiensi_is_capaian_minus_serapan():
    casc = _budget_tree()
    e = efisiensi.sasaran_efisiensi(casc, casc.nodes["S1"], YEAR)
    assert e.value == D("82.08") / 82 * 100 - D(1_400_000) / D(1_500_000) * 100
    assert format_percent(e.value) == "6,76"
    assert efisiensi.efisiensi_label(e.value, casc.meta["settings"]) == "Efisien"
    assert efisiensi.Efisiensi(None, D(90)).value is None
    assert efisiensi.Efisiensi(D(90), None).value is None


@pytest.mark.parametrize(
    "value,label",
    [("5.01", "Efisien"), ("5", "Cukup efisien"), ("0", "Cukup efisien"), ("-5", "Cukup efisien"),
     ("-5.01", "Tidak efisien")],
)
def test_efisiensi_labels_at_the_plus_minus_5_boundaries(value, label):
    assert efisiensi.efisiensi_label(D(value), default_settings()) == label


def test_efisiensi_without_a_value_has_no_label():
    assert efisiensi.efisiensi_label(None, default_settings()) == "\u2014"


# -- properties ---------------------------------------------------------------------------------------------------------

amounts = st.integers(min_value=-(10**9), max_value=10**9).map(lambda n: D(n).scaleb(-2))
nonzero = amounts.filter(lambda d: d != 0)
# Targets whose reciprocal terminates (2^a · 5^b / 100): there R / T × 100 is exact in Decimal.
terminating = st.builds(lambda a, b, s: D(2**a * 5**b).scaleb(-2) * s,
                        st.integers(0, 12), st.integers(0, 8), st.sampled_from([1, -1]))


@given(terminating, amounts)
@example(D("80"), D("82.08"))
def test_positive_capaian_times_target_over_100_gives_realisasi_back_exactly(target, realisasi):
    c = engine.ratio(target, realisasi, "positif", "2T-R")
    assert c.value * target / 100 == realisasi


@given(nonzero, amounts)
@example(D("82"), D("82.08"))
@example(D("3"), D("1"))
def test_positive_capaian_is_computed_from_the_values_as_entered(target, realisasi):
    c = engine.ratio(target, realisasi, "positif", "2T-R")
    back = c.value * target / 100
    assert abs(back - realisasi) <= abs(realisasi) * D("1e-25") + D("1e-25")


@given(nonzero, amounts)
def test_the_negative_rules_agree_with_their_formulas(target, realisasi):
    two_t = engine.ratio(target, realisasi, "negatif", "2T-R").value
    assert two_t == (2 * target - realisasi) / target * 100
    t_over_r = engine.ratio(target, realisasi, "negatif", "T/R").value
    assert t_over_r == (None if realisasi == 0 else target / realisasi * 100)


@given(st.lists(st.one_of(st.none(), amounts), max_size=8))
def test_an_average_never_counts_an_undefined_value_as_zero(values):
    known = [v for v in values if v is not None]
    avg = engine.average(values)
    if not known:
        assert avg is None
    else:
        assert min(known) <= avg <= max(known)


def test_stored_values_round_trip_through_the_engine():
    ind = indicator(canonical(D("82.00")), canonical(D("82.080")))
    assert ind["years"][str(YEAR)] == {"target": "82", "realisasi": "82.08"}
    assert shown(ind) == "100,10"


def test_a_quarters_budget_realisasi_sums_the_sub_kegiatan_that_have_it() -> None:
    # Kegiatan 7.01.01.2.01 of the demo: two of its sub kegiatan spent in TW I (2.500.000 + 1.000.000), one in TW II.
    from store.demo import demo_document

    doc = demo_document()
    by_id = {n["id"]: n for n in doc[NODES].values()}
    for node_id, quarters in (("7.01.01.2.01.0001", {"1": 2500000}), ("7.01.01.2.01.0002", {"1": 1000000, "2": 400}),
                              ("7.01.01.2.01.0003", {"2": None})):
        by_id[node_id].setdefault("budget", {}).setdefault("2022", {})["tw"] = quarters
    casc = Cascade(doc)
    kegiatan, program = casc.nodes["7.01.01.2.01"], casc.nodes["7.01.01"]
    assert [engine.realisasi_anggaran_tw(casc, kegiatan, 2022, q) for q in (1, 2, 3)] == [3500000, 400, None]
    assert engine.realisasi_anggaran_tw(casc, program, 2022, 1) == 3500000  # upwards, as every budget figure
    assert engine.realisasi_anggaran_tw(casc, casc.nodes["7.01.01.2.01.0003"], 2022, 2) is None
    # The s.d. TW figure of the quarterly report is these quarters added up.
    assert engine.realisasi_anggaran_sd_tw(casc, kegiatan, 2022, 2) == 3500400
