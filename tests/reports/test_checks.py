"""Consistency checks: what the operator must fix before the draft goes to the Camat, each naming its node."""

from __future__ import annotations

import pytest

from reports import checks
from store.domain.cascade import Cascade
from store.demo import demo_document
from store.domain.model import NODES, new_node
from store.edits.workbook import Workbook

YEAR = 2022


@pytest.fixture
def doc() -> dict:
    return demo_document()


def node(doc: dict, node_id: str) -> dict:
    return next(n for n in doc[NODES].values() if n["id"] == node_id)


def findings(doc: dict, year: int = YEAR) -> list[checks.Finding]:
    return checks.run(Cascade(doc), year)


def about(found: list[checks.Finding], ref: str, field: str | None = None) -> list[checks.Finding]:
    return [f for f in found if f.ref == ref and (field is None or f.field == field)]


def errors(found: list[checks.Finding]) -> list[checks.Finding]:
    return [f for f in found if f.severity == checks.ERROR]


def test_the_demo_has_no_galat():
    found = findings(demo_document())
    assert errors(found) == []
    assert not checks.has_errors(found)
    # The seed leaves program and kegiatan indicators without figures: those are warnings, not errors.
    assert found and all(f.severity == checks.WARNING for f in found)
    assert not about(found, "S1/1") and not about(found, "S2/1")


def test_a_missing_target_is_listed_against_its_indicator(doc):
    node(doc, "S1")["indicators"][0]["years"]["2022"]["target"] = None
    [f] = about(findings(doc), "S1/1")
    assert (f.severity, f.field) == (checks.WARNING, "target")
    assert "Indeks Kepuasan Masyarakat (IKM)" in f.message and "2022" in f.message
    assert f.line().startswith("[peringatan] S1/1: ")


def test_a_missing_realisasi_is_listed_against_its_indicator(doc):
    node(doc, "S2")["indicators"][0]["years"]["2022"]["realisasi"] = None
    [f] = about(findings(doc), "S2/1")
    assert (f.severity, f.field) == (checks.WARNING, "realisasi")
    assert "Realisasi 2022" in f.message


def test_a_zero_target_is_a_galat(doc):
    node(doc, "S1")["indicators"][0]["years"]["2022"]["target"] = "0"
    found = findings(doc)
    [f] = errors(found)
    assert (f.ref, f.field) == ("S1/1", "target")
    assert "nol" in f.message and "Indeks Kepuasan Masyarakat (IKM)" in f.message
    assert checks.has_errors(found)


def test_realisasi_zero_under_t_over_r_is_a_galat(doc):
    ikm = node(doc, "S1")["indicators"][0]
    ikm["arah"], ikm["negatif_rumus"] = "negatif", "T/R"
    ikm["years"]["2022"]["realisasi"] = "0"
    [f] = errors(findings(doc))
    assert (f.ref, f.field) == ("S1/1", "realisasi")


def test_realisasi_anggaran_above_pagu_is_a_galat_naming_the_sub_kegiatan(doc):
    node(doc, "7.01.04.2.01.0001")["budget"]["2022"]["realisasi"] = 999_999_999
    found = errors(findings(doc))
    [f] = about(found, "7.01.04.2.01.0001")
    assert f.field == "realisasi-anggaran"
    assert "Rp 999.999.999" in f.message and "melebihi pagu" in f.message
    assert "7.01.04.2.01.0001" in f.message
    assert {x.ref for x in found} == {"7.01.04.2.01.0001", "7.01.04.2.01", "7.01.04"}


def test_a_figure_typed_on_a_kegiatan_that_disagrees_with_its_sub_kegiatan_is_a_galat(doc):
    node(doc, "7.01.03.2.01")["budget"]["2022"] = {"pagu": 75_000_000}
    [f] = errors(findings(doc))
    assert (f.ref, f.field) == ("7.01.03.2.01", "pagu")
    assert "Rp 75.000.000" in f.message and "Rp 74.959.903" in f.message


def test_a_figure_typed_on_a_kegiatan_that_agrees_with_its_sub_kegiatan_is_fine(doc):
    node(doc, "7.01.03.2.01")["budget"]["2022"] = {"pagu": 74_959_903, "realisasi": 74_912_550}
    assert errors(findings(doc)) == []


def test_an_indicator_without_satuan_or_arah_is_named(doc):
    ikm = node(doc, "S1")["indicators"][0]
    ikm["satuan"], ikm["arah"] = "", None
    found = about(findings(doc), "S1/1")
    assert {(f.severity, f.field) for f in found} == {(checks.WARNING, "satuan"), (checks.WARNING, "arah")}
    assert all("Indeks Kepuasan Masyarakat (IKM)" in f.message for f in found)


def test_a_sasaran_without_indicator_is_a_galat(doc):
    doc[NODES]["999"] = new_node("S3", "sasaran", "Meningkatnya ketertiban umum", parent="T1", order=3)
    [f] = errors(findings(doc))
    assert f.ref == "S3"
    assert "Meningkatnya ketertiban umum" in f.message


def test_a_locked_year_is_reported_with_who_locked_it(demo_path):
    wb = Workbook.open(demo_path, user="sekretariat")
    assert wb.lock_year(YEAR, "tutup buku")
    found = checks.run(Workbook.open(demo_path).cascade(), YEAR)
    [f] = about(found, "tahun")
    assert f.severity == checks.INFO
    assert "2022" in f.message and "sekretariat" in f.message
    assert not checks.has_errors(found)
    assert not about(checks.run(Workbook.open(demo_path).cascade(), 2023), "tahun")


def test_a_typed_year_value_the_four_quarters_contradict_is_a_peringatan(doc):
    # IKM (indeks: nilai akhir) has 82,08 typed for 2022; the operator keys the four quarters too.
    ikm = node(doc, "S1")["indicators"][0]
    ikm["years"]["2022"]["realisasi"] = "83.45"
    ikm["years"]["2022"]["tw"] = {"1": "80", "2": "81", "3": "82"}
    assert not about(findings(doc), ikm["id"], "realisasi")  # TW IV empty: nothing to compare yet
    ikm["years"]["2022"]["tw"]["4"] = "90"
    [f] = about(findings(doc), ikm["id"], "realisasi")
    assert f.severity == checks.WARNING and "83,45" in f.message and "90,00" in f.message, f.message
    assert "nilai akhir" in f.message
    ikm["years"]["2022"]["tw"]["4"] = "83.45"
    assert not about(findings(doc), ikm["id"], "realisasi")  # they agree: nothing to say


def test_quarters_without_a_rule_are_a_galat_until_the_rule_is_set(doc):
    sub = node(doc, "7.01.02.2.02.0003")
    ind = sub["indicators"][0]
    ind["satuan"], ind["tw_rule"] = "buah", None
    ind["name"] = "Jumlah sarana pelayanan"
    ind["years"]["2022"] = {"target": "10", "realisasi": None, "tw": {"1": "2", "2": "3", "3": "2", "4": "3"}}
    [f] = about(findings(doc), ind["id"], "realisasi")
    assert f.severity == checks.ERROR and "Aturan TW" in f.message and "buah" in f.message, f.message
    assert checks.has_errors(findings(doc))
    ind["tw_rule"] = "kumulatif"  # the operator sets it: the year's value follows, the galat goes
    assert not about(findings(doc), ind["id"], "realisasi")


def test_four_quarters_of_budget_that_do_not_add_up_to_the_year_are_a_peringatan(doc):
    # Sub kegiatan 7.01.02.2.02.0003 spent 14.835.750 in 2022; its four quarters typed in F9 say 14.835.000.
    sub = node(doc, "7.01.02.2.02.0003")
    slot = sub["budget"]["2022"]
    slot["tw"] = {"1": 3000000, "2": 4000000, "3": 5000000}
    assert not about(findings(doc), sub["id"], "realisasi-anggaran")  # three quarters: the year is not over
    slot["tw"]["4"] = 2835000
    [f] = about(findings(doc), sub["id"], "realisasi-anggaran")
    assert f.severity == checks.WARNING and "14.835.000" in f.message and "14.835.750" in f.message
    slot["tw"]["4"] = 2835750
    assert not about(findings(doc), sub["id"], "realisasi-anggaran")  # they add up: nothing to say
